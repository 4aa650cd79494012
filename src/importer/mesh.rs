//! glTF mesh primitives → triangle lists of [`Vertex`]: indices (generated when absent),
//! strips and fans converted to lists, normals normalised or computed flat when missing.

use super::{Context, ImportError, MeshPrimitive, Vertex, accessor};
use glam::Vec3;
use gltf::mesh::{Mode, Semantic};

/// Normal used where none can be computed (degenerate triangles, zero-length normals).
const FALLBACK_NORMAL: Vec3 = Vec3::Y;

/// Converts primitive `prim` of mesh `mesh`; `material` is its index in the asset.
pub(crate) fn load_primitive(
    ctx: &Context<'_>,
    mesh: usize,
    prim: &gltf::Primitive<'_>,
    material: usize,
) -> Result<MeshPrimitive, ImportError> {
    let primitive = prim.index();
    let mode = prim.mode();
    if !matches!(
        mode,
        Mode::Triangles | Mode::TriangleStrip | Mode::TriangleFan
    ) {
        return Err(ImportError::UnsupportedMode {
            path: ctx.path.to_path_buf(),
            mesh,
            primitive,
            mode: mode_name(mode),
        });
    }
    let attribute_item = |name: &str, accessor: &gltf::Accessor<'_>| {
        format!(
            "mesh {mesh} primitive {primitive} {name} (accessor {})",
            accessor.index()
        )
    };

    let positions_accessor =
        prim.get(&Semantic::Positions)
            .ok_or_else(|| ImportError::MissingPositions {
                path: ctx.path.to_path_buf(),
                mesh,
                primitive,
            })?;
    let positions = accessor::read_floats::<3>(
        ctx,
        &positions_accessor,
        &attribute_item("POSITION", &positions_accessor),
    )?;
    if let Some(i) = positions
        .iter()
        .position(|p| !p.iter().all(|c| c.is_finite()))
    {
        return Err(ctx.invalid(
            &attribute_item("POSITION", &positions_accessor),
            format!("vertex {i} is not finite: {:?}", positions[i]),
        ));
    }
    let vertex_count = positions.len();

    let normals = match prim.get(&Semantic::Normals) {
        Some(acc) => {
            let item = attribute_item("NORMAL", &acc);
            let values = accessor::read_floats::<3>(ctx, &acc, &item)?;
            Some(same_count(ctx, values, vertex_count, &item)?)
        }
        None => None,
    };
    let uvs = match prim.get(&Semantic::TexCoords(0)) {
        Some(acc) => {
            let item = attribute_item("TEXCOORD_0", &acc);
            let values = accessor::read_floats::<2>(ctx, &acc, &item)?;
            Some(same_count(ctx, values, vertex_count, &item)?)
        }
        None => None,
    };

    let raw_indices = match prim.indices() {
        Some(acc) => {
            let item = format!(
                "mesh {mesh} primitive {primitive} indices (accessor {})",
                acc.index()
            );
            accessor::read_indices(ctx, &acc, &item)?
        }
        None => {
            let n = u32::try_from(vertex_count).map_err(|_| {
                ctx.invalid(
                    &format!("mesh {mesh} primitive {primitive}"),
                    format!("{vertex_count} vertices is too many"),
                )
            })?;
            (0..n).collect()
        }
    };
    if let Some(&index) = raw_indices.iter().find(|&&i| i as usize >= vertex_count) {
        return Err(ImportError::IndexOutOfRange {
            path: ctx.path.to_path_buf(),
            mesh,
            primitive,
            index,
            vertex_count,
        });
    }
    let indices = match mode {
        Mode::TriangleStrip => strip_to_list(&raw_indices),
        Mode::TriangleFan => fan_to_list(&raw_indices),
        _ => {
            if raw_indices.len() % 3 != 0 {
                return Err(ctx.invalid(
                    &format!("mesh {mesh} primitive {primitive}"),
                    format!(
                        "{} indices is not a multiple of 3 (mode Triangles)",
                        raw_indices.len()
                    ),
                ));
            }
            raw_indices
        }
    };

    let uv = |i: usize| uvs.as_ref().map_or([0.0; 2], |uvs| uvs[i]);
    Ok(match normals {
        Some(normals) => MeshPrimitive {
            vertices: (0..vertex_count)
                .map(|i| Vertex {
                    position: positions[i],
                    normal: unit_or_fallback(Vec3::from(normals[i])).to_array(),
                    uv: uv(i),
                })
                .collect(),
            indices,
            material,
        },
        None => flat_shaded(&positions, &indices, uv, material),
    })
}

/// Un-welds the triangles so each gets its own three vertices carrying the face normal,
/// as the glTF specification asks for primitives without normals.
fn flat_shaded(
    positions: &[[f32; 3]],
    indices: &[u32],
    uv: impl Fn(usize) -> [f32; 2],
    material: usize,
) -> MeshPrimitive {
    let mut vertices = Vec::with_capacity(indices.len());
    for triangle in indices.chunks_exact(3) {
        let [a, b, c] = [0, 1, 2].map(|k| Vec3::from(positions[triangle[k] as usize]));
        let normal = unit_or_fallback((b - a).cross(c - a)).to_array();
        for &index in triangle {
            let i = index as usize;
            vertices.push(Vertex {
                position: positions[i],
                normal,
                uv: uv(i),
            });
        }
    }
    MeshPrimitive {
        indices: (0..vertices.len() as u32).collect(),
        vertices,
        material,
    }
}

/// `v` normalised, or the fallback normal when `v` is zero, tiny or not finite.
fn unit_or_fallback(v: Vec3) -> Vec3 {
    v.try_normalize().unwrap_or(FALLBACK_NORMAL)
}

/// glTF strip order: triangle `i` is `(v[i], v[i + 1 + i % 2], v[i + 2 - i % 2])`.
fn strip_to_list(strip: &[u32]) -> Vec<u32> {
    strip
        .windows(3)
        .enumerate()
        .flat_map(|(i, w)| {
            if i % 2 == 0 {
                [w[0], w[1], w[2]]
            } else {
                [w[0], w[2], w[1]]
            }
        })
        .collect()
}

/// glTF fan order: triangle `i` is `(v[i + 1], v[i + 2], v[0])`.
fn fan_to_list(fan: &[u32]) -> Vec<u32> {
    match fan.split_first() {
        Some((&centre, rest)) => rest.windows(2).flat_map(|w| [w[0], w[1], centre]).collect(),
        None => Vec::new(),
    }
}

/// Checks that an attribute has one element per vertex.
fn same_count<T>(
    ctx: &Context<'_>,
    values: Vec<T>,
    vertex_count: usize,
    item: &str,
) -> Result<Vec<T>, ImportError> {
    if values.len() == vertex_count {
        Ok(values)
    } else {
        Err(ctx.invalid(
            item,
            format!(
                "has {} elements but POSITION has {vertex_count}",
                values.len()
            ),
        ))
    }
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Points => "Points",
        Mode::Lines => "Lines",
        Mode::LineLoop => "LineLoop",
        Mode::LineStrip => "LineStrip",
        Mode::Triangles => "Triangles",
        Mode::TriangleStrip => "TriangleStrip",
        Mode::TriangleFan => "TriangleFan",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_and_fans() {
        assert_eq!(strip_to_list(&[0, 1, 2, 3, 4]), [0, 1, 2, 1, 3, 2, 2, 3, 4]);
        assert_eq!(fan_to_list(&[0, 1, 2, 3]), [1, 2, 0, 2, 3, 0]);
        assert!(strip_to_list(&[0, 1]).is_empty());
        assert!(fan_to_list(&[]).is_empty());
    }

    #[test]
    fn degenerate_triangle_gets_fallback_normal() {
        let p = [[0.0; 3], [1.0, 0.0, 0.0], [2.0, 0.0, 0.0]];
        let prim = flat_shaded(&p, &[0, 1, 2], |_| [0.0; 2], 0);
        assert!(prim.vertices.iter().all(|v| v.normal == [0.0, 1.0, 0.0]));
    }
}
