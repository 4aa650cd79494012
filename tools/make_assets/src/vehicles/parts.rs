//! Shared shape helpers for vehicles: oriented triangles and boxes, lofted bodies,
//! surfaces of revolution (tyres, rims, tori, mudguard arcs), prisms, discs and wheels.
//!
//! Every helper orients each triangle against an outward hint, so the parts come out
//! counter-clockwise and outward-facing whatever order their corners are listed in.

use super::kit::{Mat, Parts};
use crate::geom::{MeshData, cylinder, hexahedron};
use glam::{Vec2, Vec3};
use std::f32::consts::TAU;

/// Appends triangle `t`, wound so its front faces along `hint`; skips degenerate ones.
pub(super) fn tri(m: &mut MeshData, t: [Vec3; 3], hint: Vec3) {
    let [a, mut b, mut c] = t;
    let mut g = (b - a).cross(c - a);
    if g.length() < 1e-9 {
        return;
    }
    if g.dot(hint) < 0.0 {
        std::mem::swap(&mut b, &mut c);
        g = -g;
    }
    let n = g.normalize();
    let base = u32::try_from(m.positions.len()).expect("fits u32");
    for p in [a, b, c] {
        m.positions.push(p);
        m.normals.push(n);
        m.uvs.push(Vec2::ZERO);
    }
    m.indices.extend_from_slice(&[base, base + 1, base + 2]);
}

/// Appends quad `q` (corners in ring order) as two triangles facing along `hint`.
pub(super) fn quad(m: &mut MeshData, q: [Vec3; 4], hint: Vec3) {
    tri(m, [q[0], q[1], q[2]], hint);
    tri(m, [q[0], q[2], q[3]], hint);
}

/// A box centred on `c` with half-axis vectors `u`, `v`, `w` (any orientation).
pub(super) fn obox(c: Vec3, u: Vec3, v: Vec3, w: Vec3) -> MeshData {
    let u = if u.cross(v).dot(w) < 0.0 { -u } else { u };
    hexahedron(std::array::from_fn(|i| {
        let s = |bit: usize| if i & bit != 0 { 1.0 } else { -1.0 };
        c + u * s(1) + v * s(2) + w * s(4)
    }))
}

/// An axis-aligned box from its centre and full size.
pub(super) fn block(c: Vec3, size: Vec3) -> MeshData {
    let h = size * 0.5;
    obox(c, Vec3::X * h.x, Vec3::Y * h.y, Vec3::Z * h.z)
}

/// A bar of cross-section `width` × `depth` from `a` to `b`; `out` says which way the
/// depth faces (a seam line lying on a surface with normal `out`, proud by `depth`/2).
pub(super) fn strip(a: Vec3, b: Vec3, out: Vec3, width: f32, depth: f32) -> MeshData {
    let along = (b - a).normalize();
    let out = (out - along * out.dot(along)).normalize();
    let side = out.cross(along);
    obox(
        (a + b) * 0.5,
        side * width * 0.5,
        out * depth * 0.5,
        (b - a) * 0.5,
    )
}

/// A closed cylinder (round tube) from `a` to `b`.
pub(super) fn tube(a: Vec3, b: Vec3, radius: f32, segments: u32) -> MeshData {
    cylinder(a, b, radius, segments)
}

/// A flat fan from angle `a0` to `a1` (radians, measured from `u` towards `v`), facing `u × v`.
pub(super) fn fan(c: Vec3, u: Vec3, v: Vec3, radius: f32, arc: (f32, f32), segs: u32) -> MeshData {
    let mut m = MeshData::default();
    let n = u.cross(v);
    let p = |k: u32| {
        let a = arc.0 + (arc.1 - arc.0) * k as f32 / segs as f32;
        c + (u * a.cos() + v * a.sin()) * radius
    };
    for k in 0..segs {
        tri(&mut m, [c, p(k), p(k + 1)], n);
    }
    m
}

/// A full disc facing `u × v`.
pub(super) fn disc(c: Vec3, u: Vec3, v: Vec3, radius: f32, segs: u32) -> MeshData {
    fan(c, u, v, radius, (0.0, TAU), segs)
}

/// Lofts rings of equal length (each roughly planar, listed along the body) into a tube
/// closed by fan caps; `mat(i, k)` is the material between rings i and i + 1 from point
/// k to k + 1, `caps` the materials of the first and last ring's caps.
pub(super) fn loft(
    rings: &[Vec<Vec3>],
    mat: impl Fn(usize, usize) -> Mat,
    caps: [Mat; 2],
) -> Parts {
    let mut parts = Parts::default();
    let centre = |r: &[Vec3]| r.iter().copied().sum::<Vec3>() / r.len() as f32;
    let n = rings[0].len();
    for i in 0..rings.len() - 1 {
        let (ra, rb) = (&rings[i], &rings[i + 1]);
        let (ca, cb) = (centre(ra), centre(rb));
        let d = (cb - ca).normalize_or_zero();
        for k in 0..n {
            let k1 = (k + 1) % n;
            let q = [ra[k], ra[k1], rb[k1], rb[k]];
            let mid = q.iter().copied().sum::<Vec3>() / 4.0;
            let h = mid - (ca + cb) * 0.5;
            let mut m = MeshData::default();
            quad(&mut m, q, h - d * h.dot(d));
            parts.add(mat(i, k), &m);
        }
    }
    let last = rings.len() - 1;
    let ends = [(0, 1, caps[0]), (last, last - 1, caps[1])];
    for (i, j, cap_mat) in ends {
        let c = centre(&rings[i]);
        let out = c - centre(&rings[j]);
        let mut m = MeshData::default();
        for k in 0..n {
            tri(&mut m, [c, rings[i][k], rings[i][(k + 1) % n]], out);
        }
        parts.add(cap_mat, &m);
    }
    parts
}

/// A surface of revolution about the X axis: `profile` points are (x, radius), closed
/// profiles counter-clockwise in the (x right, radius up) plane; swept over `arc`
/// (radians from +Y towards +Z) in `segs` steps. A partial sweep of a closed profile is
/// capped at both ends.
pub(super) fn lathe(profile: &[Vec2], closed: bool, arc: (f32, f32), segs: u32) -> MeshData {
    let mut m = MeshData::default();
    let ang = |k: u32| arc.0 + (arc.1 - arc.0) * k as f32 / segs as f32;
    let radial = |a: f32| Vec3::new(0.0, a.cos(), a.sin());
    let at = |p: Vec2, a: f32| Vec3::X * p.x + radial(a) * p.y;
    let count = profile.len();
    let spans = if closed { count } else { count - 1 };
    for j in 0..spans {
        let (p, q) = (profile[j], profile[(j + 1) % count]);
        let d = q - p;
        for k in 0..segs {
            let (a0, a1) = (ang(k), ang(k + 1));
            let hint = Vec3::X * d.y - radial((a0 + a1) * 0.5) * d.x;
            quad(&mut m, [at(p, a0), at(q, a0), at(q, a1), at(p, a1)], hint);
        }
    }
    if closed && (arc.1 - arc.0 - TAU).abs() > 1e-4 {
        let tangent = |a: f32| Vec3::new(0.0, -a.sin(), a.cos());
        for (a, sign) in [(arc.0, -1.0), (arc.1, 1.0)] {
            let c = profile.iter().copied().sum::<Vec2>() / count as f32;
            for j in 0..count {
                let (p, q) = (profile[j], profile[(j + 1) % count]);
                tri(&mut m, [at(c, a), at(p, a), at(q, a)], tangent(a) * sign);
            }
        }
    }
    m
}

/// A torus about the X axis: ring radius `major`, tube radius `minor`.
pub(super) fn torus(major: f32, minor: f32, segs: u32, tube_segs: u32) -> MeshData {
    let profile: Vec<Vec2> = (0..tube_segs)
        .map(|j| {
            // Start at the outermost point so the tyre reaches exactly `major + minor`.
            let a = TAU * j as f32 / tube_segs as f32;
            Vec2::new(-minor * a.sin(), major + minor * a.cos())
        })
        .collect();
    lathe(&profile, true, (0.0, TAU), segs)
}

/// A curved band of rectangular section about the X axis (mudguards, wheel-arch lips):
/// x from `x0` to `x1`, radius from `r0` to `r1`, over `arc`.
pub(super) fn arc_band(x: (f32, f32), r: (f32, f32), arc: (f32, f32), segs: u32) -> MeshData {
    let profile = [
        Vec2::new(x.1, r.0),
        Vec2::new(x.1, r.1),
        Vec2::new(x.0, r.1),
        Vec2::new(x.0, r.0),
    ];
    lathe(&profile, true, arc, segs)
}

/// A convex plan polygon `(x, z)` extruded vertically from `y0` to `y1`.
pub(super) fn prism(plan: &[Vec2], y0: f32, y1: f32) -> MeshData {
    let mut m = MeshData::default();
    let c = plan.iter().copied().sum::<Vec2>() / plan.len() as f32;
    let p3 = |p: Vec2, y: f32| Vec3::new(p.x, y, p.y);
    for j in 0..plan.len() {
        let (p, q) = (plan[j], plan[(j + 1) % plan.len()]);
        let out = (p + q) * 0.5 - c;
        let hint = Vec3::new(out.x, 0.0, out.y);
        quad(&mut m, [p3(p, y0), p3(q, y0), p3(q, y1), p3(p, y1)], hint);
        tri(&mut m, [p3(c, y1), p3(p, y1), p3(q, y1)], Vec3::Y);
        tri(&mut m, [p3(c, y0), p3(p, y0), p3(q, y0)], -Vec3::Y);
    }
    m
}

/// How a wheel's face looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum RimStyle {
    /// Bright spokes over a dark recess (cars).
    Alloy(u32),
    /// A plain silver disc with a dark hub (trucks and buses).
    Steel,
}

/// A road wheel: tyre, rim lip and face; outer face towards +X, axle centre at the origin.
#[derive(Clone, Copy, Debug)]
pub(super) struct Wheel {
    /// Tyre outer radius.
    pub radius: f32,
    /// Tyre width.
    pub width: f32,
    /// Rim (bead seat) radius.
    pub rim: f32,
    /// Segments around.
    pub segs: u32,
    /// Face style.
    pub style: RimStyle,
}

impl Wheel {
    /// How far the rim face stands proud of the tyre's outer sidewall.
    pub const PROUD: f32 = 0.012;

    /// The wheel's parts.
    pub fn parts(&self) -> Parts {
        let (h, r, rr) = (self.width * 0.5, self.radius, self.rim);
        let c = (0.12 * r).min(0.045);
        let tyre = [
            Vec2::new(h, rr),
            Vec2::new(h, r - c),
            Vec2::new(h - c * 0.8, r),
            Vec2::new(-(h - c * 0.8), r),
            Vec2::new(-h, r - c),
            Vec2::new(-h, rr),
        ];
        let mut p = Parts::default();
        p.add(Mat::Rubber, &lathe(&tyre, true, (0.0, TAU), self.segs));
        let lip_x = h + Self::PROUD;
        let lip = [
            Vec2::new(h - 0.03, rr - 0.03),
            Vec2::new(lip_x, rr - 0.025),
            Vec2::new(lip_x, rr + 0.01),
            Vec2::new(h - 0.03, rr + 0.01),
        ];
        p.add(Mat::Chrome, &lathe(&lip, false, (0.0, TAU), self.segs));
        let face_x = h - 0.02;
        let face = disc(Vec3::X * face_x, Vec3::Y, Vec3::Z, rr - 0.02, self.segs);
        let hub_r = 0.22 * rr;
        let hub = tube(
            Vec3::X * (face_x - 0.01),
            Vec3::X * (lip_x - 0.004),
            hub_r,
            8,
        );
        match self.style {
            RimStyle::Alloy(n) => {
                p.add(Mat::Trim, &face);
                p.add(Mat::Chrome, &hub);
                for k in 0..n {
                    let a = TAU * k as f32 / n as f32;
                    let dir = Vec3::new(0.0, a.cos(), a.sin());
                    let side = Vec3::X.cross(dir);
                    let (r0, r1) = (hub_r * 0.8, rr - 0.024);
                    let mid = Vec3::X * (face_x + 0.012) + dir * (r0 + r1) * 0.5;
                    let spoke = obox(mid, Vec3::X * 0.012, side * 0.024, dir * (r1 - r0) * 0.5);
                    p.add(Mat::Chrome, &spoke);
                }
            }
            RimStyle::Steel => {
                p.add(Mat::Chrome, &face);
                p.add(Mat::Metal, &hub);
            }
        }
        p
    }
}

/// A two-wheeler tyre about the X axis: a round crown of `width` over sidewalls down to
/// the rim radius `rim`, outer radius `radius`.
pub(super) fn round_tyre(radius: f32, width: f32, rim: f32, segs: u32) -> MeshData {
    let h = width * 0.5;
    let mut profile: Vec<Vec2> = (0..=4)
        .map(|j| {
            let a = std::f32::consts::FRAC_PI_2 * (1.0 - j as f32 / 2.0);
            Vec2::new(h * a.sin(), radius - h + h * a.cos())
        })
        .collect();
    profile.push(Vec2::new(-h * 0.75, rim));
    profile.insert(0, Vec2::new(h * 0.75, rim));
    lathe(&profile, true, (0.0, TAU), segs)
}
