//! Shape helpers the traffic assets need beyond `geom`: frusta (cones, poles), outlines
//! extruded along Z (sign plates, the jersey barrier), beams between two points,
//! visor shells, regular and rounded polygon outlines and convex clipping.

use crate::geom::{MeshData, hexahedron};
use glam::{Vec2, Vec3};
use std::f32::consts::{PI, TAU};

/// Appends one vertex and returns its index (`MeshData`'s own helper is private).
fn vert(m: &mut MeshData, p: Vec3, n: Vec3, uv: Vec2) -> u32 {
    let i = u32::try_from(m.positions.len()).expect("vertex count fits u32");
    m.positions.push(p);
    m.normals.push(n);
    m.uvs.push(uv);
    i
}

/// Unit direction around the Y axis at angle `t` (0 towards +Z, turning towards +X,
/// which is counter-clockwise seen from above).
fn around_y(t: f32) -> Vec3 {
    Vec3::new(t.sin(), 0.0, t.cos())
}

/// A vertical frustum (cone section) on `base`: radius `r0` at the bottom, `r1` at
/// height `h`; smooth side normals, optional flat caps `(bottom, top)`.
pub(super) fn frustum(
    base: Vec3,
    h: f32,
    (r0, r1): (f32, f32),
    segments: u32,
    (bottom, top): (bool, bool),
) -> MeshData {
    let mut m = MeshData::default();
    let top_centre = base + Vec3::Y * h;
    for k in 0..=segments {
        let t = TAU * k as f32 / segments as f32;
        let d = around_y(t);
        let n = (d * h + Vec3::Y * (r0 - r1)).normalize();
        let u = k as f32 / segments as f32;
        vert(&mut m, base + d * r0, n, Vec2::new(u, 1.0));
        vert(&mut m, top_centre + d * r1, n, Vec2::new(u, 0.0));
    }
    for k in 0..segments {
        let (a0, b0, a1, b1) = (2 * k, 2 * k + 1, 2 * k + 2, 2 * k + 3);
        m.indices.extend_from_slice(&[a0, a1, b1, a0, b1, b0]);
    }
    for (on, centre, r, n) in [(bottom, base, r0, -Vec3::Y), (top, top_centre, r1, Vec3::Y)] {
        if !on || r <= 0.0 {
            continue;
        }
        let c = vert(&mut m, centre, n, Vec2::splat(0.5));
        for k in 0..segments {
            let d = around_y(TAU * k as f32 / segments as f32);
            vert(
                &mut m,
                centre + d * r,
                n,
                Vec2::new(0.5 + 0.5 * d.x, 0.5 + 0.5 * d.z),
            );
        }
        for k in 0..segments {
            let (i0, i1) = (c + 1 + k, c + 1 + (k + 1) % segments);
            let tri = if n.y > 0.0 { [c, i0, i1] } else { [c, i1, i0] };
            m.indices.extend_from_slice(&tri);
        }
    }
    m.assert_outward(base + Vec3::Y * (h * 0.5), "frustum");
    m
}

/// The three surfaces of an outline extruded along Z from `z0` to `z1`.
pub(super) struct Extrusion {
    /// The cap at `z1`, facing +Z; its UVs come from the `uv` function given.
    pub front: MeshData,
    /// The cap at `z0`, facing −Z.
    pub back: MeshData,
    /// The side walls, flat-shaded.
    pub sides: MeshData,
}

/// Extrudes `outline` (counter-clockwise seen from +Z) along Z. `caps` triangulates the
/// outline (indices into it, counter-clockwise); `uv` maps an outline point to UVs.
pub(super) fn extrude(
    outline: &[Vec2],
    caps: &[[usize; 3]],
    (z0, z1): (f32, f32),
    uv: impl Fn(Vec2) -> Vec2,
) -> Extrusion {
    let mut front = MeshData::default();
    let mut back = MeshData::default();
    for &p in outline {
        vert(&mut front, p.extend(z1), Vec3::Z, uv(p));
        vert(&mut back, p.extend(z0), -Vec3::Z, Vec2::new(0.5, 0.5));
    }
    for t in caps {
        let [a, b, c] = t.map(|i| u32::try_from(i).expect("fits u32"));
        front.indices.extend_from_slice(&[a, b, c]);
        back.indices.extend_from_slice(&[a, c, b]);
    }
    let mut sides = MeshData::default();
    let uvs = [Vec2::ZERO, Vec2::X, Vec2::ONE, Vec2::Y];
    for (i, &p) in outline.iter().enumerate() {
        let q = outline[(i + 1) % outline.len()];
        sides.quad(
            [p.extend(z0), q.extend(z0), q.extend(z1), p.extend(z1)],
            uvs,
        );
    }
    Extrusion { front, back, sides }
}

/// Fan triangulation of a convex outline with `n` points.
pub(super) fn fan(n: usize) -> Vec<[usize; 3]> {
    (1..n - 1).map(|i| [0, i, i + 1]).collect()
}

/// A box of cross-section `2 * half.x` by `2 * half.y` from `a` to `b`. The cross-section's
/// first side lies along `side` (made perpendicular to the beam).
pub(super) fn beam(a: Vec3, b: Vec3, half: Vec2, side: Vec3) -> MeshData {
    let axis = (b - a).normalize();
    let u = (side - axis * side.dot(axis)).normalize();
    let v = axis.cross(u); // u × v = axis: a right-handed (u, v, axis) frame
    hexahedron(std::array::from_fn(|i| {
        let su = if i & 1 != 0 { half.x } else { -half.x };
        let sv = if i & 2 != 0 { half.y } else { -half.y };
        let end = if i & 4 != 0 { b } else { a };
        end + u * su + v * sv
    }))
}

/// A hood over a round lamp: a thick arc of radii `r.x..r.y` around the axis through
/// `centre` (parallel to Z), from angle `a0` to `a1` (radians, 0 = +X, counter-clockwise
/// seen from +Z). It reaches from `centre.z` forward by `reach(angle)`.
pub(super) fn visor(
    centre: Vec3,
    r: Vec2,
    (a0, a1): (f32, f32),
    segments: u32,
    reach: impl Fn(f32) -> f32,
) -> MeshData {
    let at = |k: u32, radius: f32, front: bool| {
        let a = a0 + (a1 - a0) * k as f32 / segments as f32;
        let z = if front { reach(a) } else { 0.0 };
        centre + Vec3::new(a.cos() * radius, a.sin() * radius, z)
    };
    let uvs = [Vec2::ZERO, Vec2::X, Vec2::ONE, Vec2::Y];
    let mut m = MeshData::default();
    for k in 0..segments {
        let (i0, i1) = (k, k + 1);
        let (ri, ro) = (r.x, r.y);
        let outer = [
            at(i0, ro, false),
            at(i1, ro, false),
            at(i1, ro, true),
            at(i0, ro, true),
        ];
        let inner = [
            at(i1, ri, false),
            at(i0, ri, false),
            at(i0, ri, true),
            at(i1, ri, true),
        ];
        let rim = [
            at(i0, ri, true),
            at(i0, ro, true),
            at(i1, ro, true),
            at(i1, ri, true),
        ];
        let root = [
            at(i1, ri, false),
            at(i1, ro, false),
            at(i0, ro, false),
            at(i0, ri, false),
        ];
        for q in [outer, inner, rim, root] {
            m.quad(q, uvs);
        }
    }
    for (k, flip) in [(0, true), (segments, false)] {
        let mut q = [
            at(k, r.x, false),
            at(k, r.x, true),
            at(k, r.y, true),
            at(k, r.y, false),
        ];
        if flip {
            q.reverse();
        }
        m.quad(q, uvs);
    }
    m
}

/// The corners of a regular `n`-gon with inradius `apothem` and one edge's outward
/// normal at angle `rot` (radians); counter-clockwise.
pub(super) fn regular(n: usize, apothem: f32, rot: f32) -> Vec<Vec2> {
    let half = PI / n as f32;
    let r = apothem / half.cos();
    (0..n)
        .map(|k| Vec2::from_angle(rot + half + TAU * k as f32 / n as f32) * r)
        .collect()
}

/// A regular `n`-gon as [`regular`] with corners rounded to radius `round`, each corner
/// drawn with `per_corner` segments; counter-clockwise.
pub(super) fn rounded_regular(
    n: usize,
    apothem: f32,
    round: f32,
    rot: f32,
    per_corner: usize,
) -> Vec<Vec2> {
    let half = PI / n as f32;
    let core = regular(n, apothem - round, rot);
    let mut out = Vec::new();
    for (k, c) in core.iter().enumerate() {
        let mid = rot + half + TAU * k as f32 / n as f32;
        for j in 0..=per_corner {
            let a = mid - half + 2.0 * half * j as f32 / per_corner as f32;
            out.push(*c + Vec2::from_angle(a) * round);
        }
    }
    out
}

/// A circle outline of `n` points, counter-clockwise, starting at +X.
pub(super) fn circle(centre: Vec2, r: f32, n: usize) -> Vec<Vec2> {
    (0..n)
        .map(|k| centre + Vec2::from_angle(TAU * k as f32 / n as f32) * r)
        .collect()
}

/// Signed distance from `p` to a convex counter-clockwise polygon (negative inside).
pub(super) fn signed_distance(poly: &[Vec2], p: Vec2) -> f32 {
    let mut inside = true;
    let mut best = f32::INFINITY;
    for (i, &a) in poly.iter().enumerate() {
        let b = poly[(i + 1) % poly.len()];
        let e = b - a;
        inside &= e.perp_dot(p - a) >= 0.0;
        let t = ((p - a).dot(e) / e.length_squared()).clamp(0.0, 1.0);
        best = best.min(p.distance(a + e * t));
    }
    if inside { -best } else { best }
}

/// Clips a convex polygon to the half-plane `normal · p <= limit`.
pub(super) fn clip(poly: &[Vec2], normal: Vec2, limit: f32) -> Vec<Vec2> {
    let mut out = Vec::new();
    for (i, &a) in poly.iter().enumerate() {
        let b = poly[(i + 1) % poly.len()];
        let (da, db) = (normal.dot(a) - limit, normal.dot(b) - limit);
        if da <= 0.0 {
            out.push(a);
        }
        if (da < 0.0) != (db < 0.0) && da != 0.0 && db != 0.0 {
            out.push(a + (b - a) * (da / (da - db)));
        }
    }
    out
}
