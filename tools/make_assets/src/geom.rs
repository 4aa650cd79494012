//! Triangle-mesh building blocks: quads, boxes, tapered boxes, cylinders, ellipsoids.
//!
//! Every shape is built with counter-clockwise front faces and outward normals, and
//! [`MeshData::assert_outward`] checks that against a point inside the (convex) shape.

use glam::{Vec2, Vec3};
use std::f32::consts::TAU;

/// A triangle list with per-vertex position, normal and UV.
#[derive(Clone, Debug, Default)]
pub(crate) struct MeshData {
    /// Vertex positions, metres.
    pub positions: Vec<Vec3>,
    /// Unit vertex normals, one per position.
    pub normals: Vec<Vec3>,
    /// Texture coordinates, one per position.
    pub uvs: Vec<Vec2>,
    /// Triangle list, counter-clockwise seen from the front.
    pub indices: Vec<u32>,
}

impl MeshData {
    /// Appends one vertex and returns its index.
    fn vertex(&mut self, p: Vec3, n: Vec3, uv: Vec2) -> u32 {
        let i = u32::try_from(self.positions.len()).expect("vertex count fits u32");
        self.positions.push(p);
        self.normals.push(n);
        self.uvs.push(uv);
        i
    }

    /// Appends a planar quad `p` (counter-clockwise seen from its front) with a flat normal.
    pub fn quad(&mut self, p: [Vec3; 4], uv: [Vec2; 4]) {
        let n = (p[2] - p[0]).cross(p[3] - p[1]).normalize();
        let base = self.vertex(p[0], n, uv[0]);
        for k in 1..4 {
            self.vertex(p[k], n, uv[k]);
        }
        self.indices
            .extend_from_slice(&[base, base + 1, base + 2, base, base + 2, base + 3]);
    }

    /// Appends another mesh.
    pub fn append(&mut self, other: &MeshData) {
        let base = u32::try_from(self.positions.len()).expect("vertex count fits u32");
        self.positions.extend_from_slice(&other.positions);
        self.normals.extend_from_slice(&other.normals);
        self.uvs.extend_from_slice(&other.uvs);
        self.indices.extend(other.indices.iter().map(|i| i + base));
    }

    /// Builds one mesh from several parts.
    pub fn merged(parts: &[MeshData]) -> MeshData {
        let mut out = MeshData::default();
        for p in parts {
            out.append(p);
        }
        out
    }

    /// Panics unless every triangle is non-degenerate, faces away from `inside`
    /// and agrees with its vertex normals. Only meaningful for convex parts.
    pub fn assert_outward(&self, inside: Vec3, what: &str) -> &Self {
        for t in self.indices.chunks_exact(3) {
            let [a, b, c] = [0, 1, 2].map(|k| self.positions[t[k] as usize]);
            let g = (b - a).cross(c - a);
            assert!(g.length() > 1e-9, "{what}: degenerate triangle {t:?}");
            let centroid = (a + b + c) / 3.0;
            assert!(
                g.dot(centroid - inside) > 0.0,
                "{what}: triangle {t:?} faces inwards"
            );
            for &i in t {
                let n = self.normals[i as usize];
                assert!((n.length() - 1.0).abs() < 1e-5, "{what}: normal not unit");
                assert!(n.dot(g) > 0.0, "{what}: normal disagrees with winding");
            }
        }
        self
    }
}

/// A hexahedron from 8 corners indexed by `x | y << 1 | z << 2` (bit set = the + side).
/// Each face must be planar (true for boxes and for tops shrunk/shifted along an axis).
/// UVs span 0..1 on every face.
pub(crate) fn hexahedron(c: [Vec3; 8]) -> MeshData {
    let uv = [
        Vec2::new(0.0, 1.0),
        Vec2::new(1.0, 1.0),
        Vec2::new(1.0, 0.0),
        Vec2::new(0.0, 0.0),
    ];
    let mut m = MeshData::default();
    // For axis a with the next two axes (b, c) in cyclic order x→y→z, the corner order
    // (b-,c-) (b+,c-) (b+,c+) (b-,c+) winds counter-clockwise around +a.
    for a in 0..3 {
        let (b, cc) = ((a + 1) % 3, (a + 2) % 3);
        for side in [0usize, 1] {
            let idx = |bb: usize, ccv: usize| (side << a) | (bb << b) | (ccv << cc);
            let mut q = [c[idx(0, 0)], c[idx(1, 0)], c[idx(1, 1)], c[idx(0, 1)]];
            if side == 0 {
                q.reverse();
            }
            m.quad(q, uv);
        }
    }
    m.assert_outward(c.iter().copied().sum::<Vec3>() / 8.0, "hexahedron");
    m
}

/// An axis-aligned box.
pub(crate) fn cuboid(min: Vec3, max: Vec3) -> MeshData {
    hexahedron(std::array::from_fn(|i| {
        Vec3::new(
            if i & 1 != 0 { max.x } else { min.x },
            if i & 2 != 0 { max.y } else { min.y },
            if i & 4 != 0 { max.z } else { min.z },
        )
    }))
}

/// A box whose bottom face (at `y0`) spans `bottom` and top face (at `y1`) spans `top`,
/// each given as `(x half-width, z min, z max)` centred on x = 0.
pub(crate) fn tapered_box(
    y0: f32,
    y1: f32,
    bottom: (f32, f32, f32),
    top: (f32, f32, f32),
) -> MeshData {
    hexahedron(std::array::from_fn(|i| {
        let (y, (hx, z0, z1)) = if i & 2 != 0 { (y1, top) } else { (y0, bottom) };
        Vec3::new(
            if i & 1 != 0 { hx } else { -hx },
            y,
            if i & 4 != 0 { z1 } else { z0 },
        )
    }))
}

/// A closed cylinder from `a` to `b` with `segments` flat sides (smooth side normals,
/// flat caps). UV u runs around, v along the axis.
pub(crate) fn cylinder(a: Vec3, b: Vec3, radius: f32, segments: u32) -> MeshData {
    let d = (b - a).normalize();
    let u = d.any_orthonormal_vector();
    let w = d.cross(u); // (d, u, w) right-handed: u × w = d
    let dir = |k: u32| {
        let t = TAU * (k % segments) as f32 / segments as f32;
        u * t.cos() + w * t.sin()
    };
    let mut m = MeshData::default();
    // Side: ring vertices with a duplicated seam for UVs.
    let base = m.positions.len() as u32;
    for k in 0..=segments {
        let n = dir(k);
        let s = k as f32 / segments as f32;
        m.vertex(a + n * radius, n, Vec2::new(s, 1.0));
        m.vertex(b + n * radius, n, Vec2::new(s, 0.0));
    }
    for k in 0..segments {
        let (a0, b0, a1, b1) = (
            base + 2 * k,
            base + 2 * k + 1,
            base + 2 * k + 2,
            base + 2 * k + 3,
        );
        m.indices.extend_from_slice(&[a0, a1, b1, a0, b1, b0]);
    }
    // Caps: fans around their centres.
    for (centre, normal, top) in [(b, d, true), (a, -d, false)] {
        let c = m.vertex(centre, normal, Vec2::splat(0.5));
        let ring = m.positions.len() as u32;
        for k in 0..segments {
            let r = dir(k);
            let uv = Vec2::new(0.5 + 0.5 * r.dot(u), 0.5 - 0.5 * r.dot(w));
            m.vertex(centre + r * radius, normal, uv);
        }
        for k in 0..segments {
            let (i0, i1) = (ring + k, ring + (k + 1) % segments);
            if top {
                m.indices.extend_from_slice(&[c, i0, i1]);
            } else {
                m.indices.extend_from_slice(&[c, i1, i0]);
            }
        }
    }
    m.assert_outward((a + b) * 0.5, "cylinder");
    m
}

/// An axis-aligned ellipsoid with smooth normals: `stacks` latitude bands, `slices` around Y.
pub(crate) fn ellipsoid(centre: Vec3, radii: Vec3, stacks: u32, slices: u32) -> MeshData {
    let mut m = MeshData::default();
    let point = |i: u32, j: u32| {
        let phi = std::f32::consts::PI * i as f32 / stacks as f32; // 0 at the top
        let theta = TAU * (j % slices) as f32 / slices as f32; // 0 towards +Z
        let unit = Vec3::new(phi.sin() * theta.sin(), phi.cos(), phi.sin() * theta.cos());
        let p = unit * radii;
        // The gradient of the implicit surface is the outward normal.
        (centre + p, (p / (radii * radii)).normalize())
    };
    let row = slices + 1;
    for i in 0..=stacks {
        for j in 0..=slices {
            let (p, n) = point(i, j);
            m.vertex(
                p,
                n,
                Vec2::new(j as f32 / slices as f32, i as f32 / stacks as f32),
            );
        }
    }
    for i in 0..stacks {
        for j in 0..slices {
            let (t0, t1) = (i * row + j, i * row + j + 1);
            let (b0, b1) = (t0 + row, t1 + row);
            // Going +theta from +Z turns towards +X, i.e. clockwise seen from outside,
            // so the counter-clockwise order is t0 → b0 → b1 → t1.
            if i != 0 {
                m.indices.extend_from_slice(&[t0, b0, t1]);
            }
            if i != stacks - 1 {
                m.indices.extend_from_slice(&[t1, b0, b1]);
            }
        }
    }
    m.assert_outward(centre, "ellipsoid");
    m
}
