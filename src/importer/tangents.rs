//! Per-vertex tangents for normal-mapped primitives whose file gives none: each triangle's
//! UV gradient, summed at its vertices, made orthogonal to the normal, with the
//! bitangent's handedness in w.
//!
//! glTF's tangent space: the tangent points along +u, and the bitangent
//! `cross(normal, tangent.xyz) * tangent.w` points along −v, "up" in the image (glTF puts
//! the UV origin at the image's top-left), which is where normal maps' +Y (green) points.

use super::Vertex;
use glam::{Vec2, Vec3};

/// Fills every vertex's `tangent` from UV set `uv_set` (0 or 1).
pub(crate) fn generate(vertices: &mut [Vertex], indices: &[u32], uv_set: u32) {
    let uv = |v: &Vertex| Vec2::from(if uv_set == 1 { v.uv1 } else { v.uv });
    let mut along_u = vec![Vec3::ZERO; vertices.len()];
    let mut along_v = vec![Vec3::ZERO; vertices.len()];
    for triangle in indices.chunks_exact(3) {
        let [a, b, c] = [0, 1, 2].map(|k| &vertices[triangle[k] as usize]);
        let e1 = Vec3::from(b.position) - Vec3::from(a.position);
        let e2 = Vec3::from(c.position) - Vec3::from(a.position);
        let d1 = uv(b) - uv(a);
        let d2 = uv(c) - uv(a);
        let det = d1.x * d2.y - d2.x * d1.y;
        if det.abs() < 1e-12 || !det.is_finite() {
            continue;
        }
        // Solve e = dp/du · du + dp/dv · dv for both edges.
        let dp_du = (e1 * d2.y - e2 * d1.y) / det;
        let dp_dv = (e2 * d1.x - e1 * d2.x) / det;
        for &index in triangle {
            along_u[index as usize] += dp_du;
            along_v[index as usize] += dp_dv;
        }
    }
    for (i, vertex) in vertices.iter_mut().enumerate() {
        vertex.tangent = frame(Vec3::from(vertex.normal), along_u[i], -along_v[i]);
    }
}

/// The unit tangent nearest `along_u` orthogonal to `normal`, with the sign that makes
/// `cross(normal, tangent)` point the way of `up`; any orthogonal unit vector when the
/// UVs give no direction.
fn frame(normal: Vec3, along_u: Vec3, up: Vec3) -> [f32; 4] {
    let tangent = (along_u - normal * normal.dot(along_u))
        .try_normalize()
        .unwrap_or_else(|| normal.any_orthonormal_vector());
    let w = if normal.cross(tangent).dot(up) < 0.0 {
        -1.0
    } else {
        1.0
    };
    [tangent.x, tangent.y, tangent.z, w]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit quad in the XY plane facing +Z, with the image upright on it: u grows
    /// along +X, v grows downwards (−Y).
    fn upright_quad(flip_u: bool) -> (Vec<Vertex>, Vec<u32>) {
        let corner = |x: f32, y: f32| {
            let u = if flip_u { 1.0 - x } else { x };
            Vertex::new([x, y, 0.0], [0.0, 0.0, 1.0], [u, 1.0 - y])
        };
        let vertices = vec![
            corner(0.0, 0.0),
            corner(1.0, 0.0),
            corner(1.0, 1.0),
            corner(0.0, 1.0),
        ];
        (vertices, vec![0, 1, 2, 0, 2, 3])
    }

    #[test]
    fn tangent_follows_u_and_bitangent_points_up_the_image() {
        let (mut vertices, indices) = upright_quad(false);
        generate(&mut vertices, &indices, 0);
        for v in &vertices {
            assert_eq!(v.tangent, [1.0, 0.0, 0.0, 1.0]);
            let bitangent = Vec3::Z.cross(Vec3::X) * v.tangent[3];
            assert_eq!(bitangent, Vec3::Y);
        }
    }

    #[test]
    fn mirrored_uvs_flip_the_handedness() {
        let (mut vertices, indices) = upright_quad(true);
        generate(&mut vertices, &indices, 0);
        for v in &vertices {
            // u now grows along −X; the bitangent still points up the image (+Y).
            assert_eq!(v.tangent, [-1.0, 0.0, 0.0, -1.0]);
        }
    }

    #[test]
    fn second_uv_set_and_degenerate_uvs() {
        let (mut vertices, indices) = upright_quad(false);
        for v in &mut vertices {
            v.uv1 = [v.position[1], v.position[0]];
            v.uv = [0.0; 2];
        }
        generate(&mut vertices, &indices, 1);
        assert!(vertices.iter().all(|v| v.tangent[..3] == [0.0, 1.0, 0.0]));
        // All UVs equal: no direction, but still a unit tangent orthogonal to the normal.
        generate(&mut vertices, &indices, 0);
        for v in &vertices {
            let t = Vec3::new(v.tangent[0], v.tangent[1], v.tangent[2]);
            assert!((t.length() - 1.0).abs() < 1e-6 && t.dot(Vec3::Z).abs() < 1e-6);
        }
    }
}
