//! Shape helpers the street assets need beyond `geom`: oriented quads and polygons,
//! tapered cylinders and cones, convex prisms, lumpy blobs and box-mapped UVs.

use crate::geom::{MeshData, ellipsoid};
use glam::{Vec2, Vec3};
use std::collections::HashMap;
use std::f32::consts::TAU;

/// Appends one vertex and returns its index.
fn vertex(m: &mut MeshData, p: Vec3, n: Vec3, uv: Vec2) -> u32 {
    let i = u32::try_from(m.positions.len()).expect("vertex count fits u32");
    m.positions.push(p);
    m.normals.push(n);
    m.uvs.push(uv);
    i
}

/// Appends the planar quad `p`, wound so that its normal points along `toward`.
pub(crate) fn quad_facing(m: &mut MeshData, mut p: [Vec3; 4], toward: Vec3) {
    if (p[2] - p[0]).cross(p[3] - p[1]).dot(toward) < 0.0 {
        p.reverse();
    }
    let uv = [
        Vec2::new(0.0, 1.0),
        Vec2::new(1.0, 1.0),
        Vec2::new(1.0, 0.0),
        Vec2::new(0.0, 0.0),
    ];
    m.quad(p, uv);
}

/// Appends the planar convex polygon `p` as a fan, wound so its normal points along `toward`.
pub(crate) fn polygon_facing(m: &mut MeshData, p: &[Vec3], toward: Vec3) {
    let mut n = (p[1] - p[0]).cross(p[2] - p[0]).normalize();
    let flip = n.dot(toward) < 0.0;
    if flip {
        n = -n;
    }
    let base = u32::try_from(m.positions.len()).expect("vertex count fits u32");
    for &q in p {
        vertex(m, q, n, Vec2::ZERO);
    }
    for k in 1..p.len() as u32 - 1 {
        let (a, b) = if flip { (k + 1, k) } else { (k, k + 1) };
        m.indices.extend_from_slice(&[base, base + a, base + b]);
    }
}

/// A tapered cylinder from `a` (radius `r0`) to `b` (radius `r1`; 0 makes a cone) with
/// smooth sides and flat caps.
pub(crate) fn frustum(a: Vec3, b: Vec3, r0: f32, r1: f32, segments: u32) -> MeshData {
    let len = (b - a).length();
    let d = (b - a) / len;
    let u = d.any_orthonormal_vector();
    let w = d.cross(u);
    let dir = |k: u32| {
        let t = TAU * (k % segments) as f32 / segments as f32;
        u * t.cos() + w * t.sin()
    };
    let slope = (r0 - r1) / len;
    let mut m = MeshData::default();
    for k in 0..segments {
        let (d0, d1) = (dir(k), dir(k + 1));
        let (n0, n1) = ((d0 + d * slope).normalize(), (d1 + d * slope).normalize());
        let (s0, s1) = (k as f32 / segments as f32, (k + 1) as f32 / segments as f32);
        let a0 = vertex(&mut m, a + d0 * r0, n0, Vec2::new(s0, 1.0));
        let a1 = vertex(&mut m, a + d1 * r0, n1, Vec2::new(s1, 1.0));
        if r1 > 0.0 {
            let b0 = vertex(&mut m, b + d0 * r1, n0, Vec2::new(s0, 0.0));
            let b1 = vertex(&mut m, b + d1 * r1, n1, Vec2::new(s1, 0.0));
            m.indices.extend_from_slice(&[a0, a1, b1, a0, b1, b0]);
        } else {
            let apex = vertex(&mut m, b, (n0 + n1).normalize(), Vec2::new(s0, 0.0));
            m.indices.extend_from_slice(&[a0, a1, apex]);
        }
    }
    let ring = |r: f32, c: Vec3| (0..segments).map(|k| c + dir(k) * r).collect::<Vec<_>>();
    polygon_facing(&mut m, &ring(r0, a), -d);
    if r1 > 0.0 {
        polygon_facing(&mut m, &ring(r1, b), d);
    }
    m.assert_outward((a + b) * 0.5, "frustum");
    m
}

/// A prism: the convex 2-D `profile` swept from `t0` to `t1`, placed by `to3(point, t)`.
/// Flat-shaded sides and caps, all facing away from the prism's centre.
pub(crate) fn prism(
    profile: &[Vec2],
    t0: f32,
    t1: f32,
    to3: impl Fn(Vec2, f32) -> Vec3,
) -> MeshData {
    let c2 = profile.iter().copied().sum::<Vec2>() / profile.len() as f32;
    let inside = to3(c2, 0.5 * (t0 + t1));
    let mut m = MeshData::default();
    for (i, &p) in profile.iter().enumerate() {
        let q = profile[(i + 1) % profile.len()];
        let corners = [to3(p, t0), to3(q, t0), to3(q, t1), to3(p, t1)];
        let mid = corners.iter().copied().sum::<Vec3>() / 4.0;
        quad_facing(&mut m, corners, mid - inside);
    }
    for t in [t0, t1] {
        let cap: Vec<Vec3> = profile.iter().map(|&p| to3(p, t)).collect();
        polygon_facing(&mut m, &cap, to3(c2, t) - inside);
    }
    m.assert_outward(inside, "prism");
    m
}

/// Sets every vertex normal to the area-weighted mean of the faces sharing its position.
pub(crate) fn smooth_normals(m: &mut MeshData) {
    let key = |p: Vec3| p.to_array().map(f32::to_bits);
    let mut sums: HashMap<[u32; 3], Vec3> = HashMap::new();
    for t in m.indices.chunks_exact(3) {
        let [a, b, c] = [0, 1, 2].map(|k| m.positions[t[k] as usize]);
        let n = (b - a).cross(c - a);
        for p in [a, b, c] {
            *sums.entry(key(p)).or_insert(Vec3::ZERO) += n;
        }
    }
    for (p, n) in m.positions.iter().zip(m.normals.iter_mut()) {
        *n = sums[&key(*p)].normalize();
    }
}

/// An ellipsoid whose radius wobbles smoothly (by about ±`lump`), phase-shifted by `seed`:
/// reads as a clump of foliage rather than a perfect egg.
pub(crate) fn blob(
    centre: Vec3,
    radii: Vec3,
    stacks: u32,
    slices: u32,
    lump: f32,
    seed: u32,
) -> MeshData {
    let mut m = ellipsoid(Vec3::ZERO, Vec3::ONE, stacks, slices);
    let ph = |k: u32| TAU * super::unit3(seed, k, 77);
    for p in &mut m.positions {
        let wobble = 0.5 * (3.1 * p.x + 1.7 * p.y + ph(0)).sin()
            + 0.3 * (4.3 * p.z - 2.1 * p.x + ph(1)).sin()
            + 0.2 * (5.7 * p.y + 3.3 * p.z + ph(2)).sin();
        *p = centre + *p * radii * (1.0 + lump * wobble);
    }
    smooth_normals(&mut m);
    m.assert_outward(centre, "blob");
    m
}

/// Recomputes UVs by box mapping: each vertex is projected along its normal's dominant
/// axis, one texture repeat per `tile` metres, texture up = world up on walls.
pub(crate) fn box_uv(m: &mut MeshData, tile: f32) {
    for ((p, n), uv) in m.positions.iter().zip(&m.normals).zip(m.uvs.iter_mut()) {
        let a = n.abs();
        *uv = if a.y >= a.x && a.y >= a.z {
            Vec2::new(p.x, p.z)
        } else if a.x >= a.z {
            Vec2::new(-p.z * n.x.signum(), -p.y)
        } else {
            Vec2::new(p.x * n.z.signum(), -p.y)
        } / tile;
    }
}
