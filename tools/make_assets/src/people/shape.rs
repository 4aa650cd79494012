//! Lofted tubes, the one shape the people are made of: a run of (super-)elliptic
//! cross-sections along an axis, closed by flat caps or rounded to a pole.
//!
//! A [`Tube`] describes a whole body part (a torso, a thigh, a shoe); [`Tube::section`]
//! cuts a closed piece out of it between two axial positions, optionally grown by a
//! cloth thickness. Cutting one profile into pieces keeps the pieces flush where a
//! sleeve ends and the bare arm continues, or where one node's part meets the next.

use crate::geom::MeshData;
use glam::{Vec2, Vec3};
use std::f32::consts::TAU;

/// An orthonormal frame: `d` along the tube, `u` and `w` across it with `u × w = d`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    /// Origin (t = 0 on the axis).
    pub o: Vec3,
    /// Unit axis direction.
    pub d: Vec3,
    /// First cross axis (the ring's `ru` half-width lies along it).
    pub u: Vec3,
    /// Second cross axis (`rw`), `d × u`.
    pub w: Vec3,
}

impl Frame {
    /// A frame at `o` along `d`, with `u` as close to `hint` as possible.
    pub fn new(o: Vec3, d: Vec3, hint: Vec3) -> Self {
        let d = d.normalize();
        let u = (hint - d * hint.dot(d)).normalize();
        Self {
            o,
            d,
            u,
            w: d.cross(u),
        }
    }

    /// The point `t` along the axis, `a` along `u` and `b` along `w`.
    pub fn at(&self, t: f32, a: f32, b: f32) -> Vec3 {
        self.o + self.d * t + self.u * a + self.w * b
    }
}

/// One cross-section: at `t` along the axis, half-widths `ru` (along u) and `rw`
/// (along w), centred at (`cu`, `cw`) off the axis. Zero half-widths make a pole.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Ring {
    /// Position along the axis, metres.
    pub t: f32,
    /// Half-width along `u`.
    pub ru: f32,
    /// Half-width along `w`.
    pub rw: f32,
    /// Centre offset along `u`.
    pub cu: f32,
    /// Centre offset along `w`.
    pub cw: f32,
}

/// A centred ring.
pub(crate) fn ring(t: f32, ru: f32, rw: f32) -> Ring {
    Ring {
        t,
        ru,
        rw,
        cu: 0.0,
        cw: 0.0,
    }
}

impl Ring {
    /// The same ring with its centre moved to (`cu`, `cw`).
    pub fn off(self, cu: f32, cw: f32) -> Ring {
        Ring { cu, cw, ..self }
    }

    /// Whether the ring has shrunk to a point.
    fn is_pole(&self) -> bool {
        self.ru < 1e-5 || self.rw < 1e-5
    }

    /// Linear blend towards `o` by `k` (0..1).
    fn lerp(&self, o: &Ring, k: f32) -> Ring {
        let m = |a: f32, b: f32| a + (b - a) * k;
        Ring {
            t: m(self.t, o.t),
            ru: m(self.ru, o.ru),
            rw: m(self.rw, o.rw),
            cu: m(self.cu, o.cu),
            cw: m(self.cw, o.cw),
        }
    }
}

/// A lofted body part: rings (sorted by `t`) in a frame.
#[derive(Clone, Debug)]
pub(crate) struct Tube {
    /// Where the axis runs.
    pub frame: Frame,
    /// Cross-sections in increasing `t`.
    pub rings: Vec<Ring>,
    /// Vertices per ring.
    pub segments: u32,
    /// Superellipse exponent: 2 is an ellipse, larger is boxier.
    pub squareness: f32,
}

impl Tube {
    /// An elliptic tube with `segments` sides.
    pub fn new(frame: Frame, rings: Vec<Ring>, segments: u32) -> Self {
        debug_assert!(rings.windows(2).all(|w| w[0].t < w[1].t));
        Self {
            frame,
            rings,
            segments,
            squareness: 2.0,
        }
    }

    /// Makes the cross-sections boxier (superellipse exponent `p`).
    pub fn boxy(mut self, p: f32) -> Self {
        self.squareness = p;
        self
    }

    /// The first and last axial positions.
    pub fn span(&self) -> (f32, f32) {
        (self.rings[0].t, self.rings[self.rings.len() - 1].t)
    }

    /// The ring interpolated at `t` (clamped to the ends).
    pub fn ring_at(&self, t: f32) -> Ring {
        let r = &self.rings;
        if t <= r[0].t {
            return Ring { t, ..r[0] };
        }
        for w in r.windows(2) {
            if t <= w[1].t {
                return w[0].lerp(&w[1], (t - w[0].t) / (w[1].t - w[0].t));
            }
        }
        Ring {
            t,
            ..r[r.len() - 1]
        }
    }

    /// The whole tube as one closed mesh.
    pub fn mesh(&self) -> MeshData {
        let (a, b) = self.span();
        self.section(a, b, 0.0)
    }

    /// The closed piece between `t0` and `t1`, every non-pole ring grown by `grow` metres.
    pub fn section(&self, t0: f32, t1: f32, grow: f32) -> MeshData {
        let mut rings = vec![self.ring_at(t0)];
        rings.extend(
            self.rings
                .iter()
                .filter(|r| r.t > t0 + 1e-4 && r.t < t1 - 1e-4)
                .copied(),
        );
        rings.push(self.ring_at(t1));
        for r in &mut rings {
            if !r.is_pole() {
                r.ru += grow;
                r.rw += grow;
            }
        }
        self.loft(&rings)
    }

    /// The vertex of `r` at angle index `k`.
    fn point(&self, r: &Ring, k: u32) -> Vec3 {
        let th = TAU * (k % self.segments) as f32 / self.segments as f32;
        let e = 2.0 / self.squareness;
        let (c, s) = (th.cos(), th.sin());
        let (a, b) = (c.signum() * c.abs().powf(e), s.signum() * s.abs().powf(e));
        self.frame.at(r.t, r.cu + r.ru * a, r.cw + r.rw * b)
    }

    /// Builds side bands, poles and flat end caps through `rings`.
    fn loft(&self, rings: &[Ring]) -> MeshData {
        let n = self.segments;
        let d = self.frame.d;
        let pts: Vec<Vec<Vec3>> = rings
            .iter()
            .map(|r| {
                if r.is_pole() {
                    vec![self.frame.at(r.t, r.cu, r.cw)]
                } else {
                    (0..n).map(|k| self.point(r, k)).collect()
                }
            })
            .collect();
        let at = |i: usize, k: u32| pts[i][(k % n) as usize % pts[i].len()];
        let mut m = MeshData::default();
        let mut ids: Vec<Vec<u32>> = Vec::new();
        for (i, ring_pts) in pts.iter().enumerate() {
            let (prev, next) = (i.saturating_sub(1), (i + 1).min(pts.len() - 1));
            let v = (i as f32) / (pts.len() - 1) as f32;
            let row = (0..ring_pts.len() as u32)
                .map(|k| {
                    let normal = if ring_pts.len() == 1 {
                        if i == 0 { -d } else { d }
                    } else {
                        let around = at(i, k + 1) - at(i, k + n - 1);
                        let along = at(next, k) - at(prev, k);
                        around.cross(along).normalize()
                    };
                    push(
                        &mut m,
                        ring_pts[k as usize],
                        normal,
                        Vec2::new(k as f32 / n as f32, v),
                    )
                })
                .collect();
            ids.push(row);
        }
        for w in ids.windows(2) {
            band(&mut m, &w[0], &w[1], n);
        }
        for (i, end) in [(0usize, -1.0f32), (pts.len() - 1, 1.0)] {
            if pts[i].len() > 1 {
                let c = self.frame.at(rings[i].t, rings[i].cu, rings[i].cw);
                cap(&mut m, c, &pts[i], d * end);
            }
        }
        m
    }
}

/// Appends a vertex; returns its index.
fn push(m: &mut MeshData, p: Vec3, n: Vec3, uv: Vec2) -> u32 {
    let i = m.positions.len() as u32;
    m.positions.push(p);
    m.normals.push(n);
    m.uvs.push(uv);
    i
}

/// Joins two rows of vertex ids (either may be a single pole) with triangles that face
/// outwards: the quad (a_k, a_k+1, b_k+1, b_k) winds counter-clockwise from outside.
fn band(m: &mut MeshData, a: &[u32], b: &[u32], n: u32) {
    let get = |row: &[u32], k: u32| row[(k % n) as usize % row.len()];
    for k in 0..n {
        let (a0, a1, b0, b1) = (get(a, k), get(a, k + 1), get(b, k), get(b, k + 1));
        if a.len() > 1 {
            m.indices.extend_from_slice(&[a0, a1, b1]);
        }
        if b.len() > 1 {
            m.indices.extend_from_slice(&[a0, b1, b0]);
        }
    }
}

/// A flat fan closing a ring, facing `normal` (±axis).
fn cap(m: &mut MeshData, centre: Vec3, ring: &[Vec3], normal: Vec3) {
    let c = push(m, centre, normal, Vec2::splat(0.5));
    let base = m.positions.len() as u32;
    for p in ring {
        push(m, *p, normal, Vec2::splat(0.5));
    }
    let n = ring.len() as u32;
    let ccw = (ring[0] - centre).cross(ring[1] - centre).dot(normal) > 0.0;
    for k in 0..n {
        let (i0, i1) = (base + k, base + (k + 1) % n);
        if ccw {
            m.indices.extend_from_slice(&[c, i0, i1]);
        } else {
            m.indices.extend_from_slice(&[c, i1, i0]);
        }
    }
}

/// The signed volume enclosed: positive for closed, outward-facing meshes.
#[cfg(test)]
pub(crate) fn signed_volume(m: &MeshData) -> f32 {
    m.indices
        .chunks_exact(3)
        .map(|t| {
            let [a, b, c] = [0, 1, 2].map(|k| m.positions[t[k] as usize]);
            a.dot(b.cross(c)) / 6.0
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tubes_are_closed_outward_and_agree_with_normals() {
        let f = Frame::new(Vec3::new(0.1, 1.0, 0.0), Vec3::new(0.2, -1.0, 0.1), Vec3::X);
        let rings = vec![
            ring(-0.05, 0.0, 0.0),
            ring(0.0, 0.05, 0.04),
            ring(0.3, 0.04, 0.03).off(0.0, 0.01),
            ring(0.4, 0.03, 0.02),
        ];
        for p in [2.0, 3.0] {
            let t = Tube::new(f, rings.clone(), 8).boxy(p);
            for m in [t.mesh(), t.section(0.1, 0.35, 0.01)] {
                assert!(signed_volume(&m) > 0.0);
                for tri in m.indices.chunks_exact(3) {
                    let [a, b, c] = [0, 1, 2].map(|k| m.positions[tri[k] as usize]);
                    let g = (b - a).cross(c - a);
                    assert!(g.length() > 1e-9, "degenerate");
                    for &i in tri {
                        assert!(m.normals[i as usize].dot(g) > 0.0, "normal disagrees");
                    }
                }
            }
        }
    }
}
