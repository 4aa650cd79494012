//! glTF mesh primitives → triangle lists of [`Vertex`]: indices (generated when absent),
//! strips and fans converted to lists, normals normalised or computed flat when missing,
//! two UV sets, vertex colours, tangents (read, or generated for normal maps).

use super::{Context, ImportError, MeshPrimitive, Vertex, accessor, tangents};
use glam::Vec3;
use gltf::mesh::{Mode, Semantic};

/// Normal used where none can be computed (degenerate triangles, zero-length normals).
const FALLBACK_NORMAL: Vec3 = Vec3::Y;

/// Converts primitive `prim` of mesh `mesh`; `material` is its index in the asset, and
/// `tangent_uv` the UV set of its material's normal texture, if it has one (tangents are
/// generated from that set when the file gives none).
pub(crate) fn load_primitive(
    ctx: &Context<'_>,
    mesh: usize,
    prim: &gltf::Primitive<'_>,
    material: usize,
    tangent_uv: Option<u32>,
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
    let read = |semantic: Semantic, name: &str, widths: &[usize]| -> Result<_, ImportError> {
        match prim.get(&semantic) {
            Some(acc) => {
                let item = attribute_item(name, &acc);
                let values = read_vectors(ctx, &acc, &item, widths)?;
                Ok(Some(same_count(ctx, values, vertex_count, &item)?))
            }
            None => Ok(None),
        }
    };
    let attributes = Attributes {
        uv0: read(Semantic::TexCoords(0), "TEXCOORD_0", &[2])?,
        uv1: read(Semantic::TexCoords(1), "TEXCOORD_1", &[2])?,
        colors: read(Semantic::Colors(0), "COLOR_0", &[3, 4])?,
        tangents: read(Semantic::Tangents, "TANGENT", &[4])?,
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

    // Computed flat normals make the file's tangents meaningless (glTF says to ignore them).
    let keep_tangents = attributes.tangents.is_some() && normals.is_some();
    let mut primitive = match normals {
        Some(normals) => MeshPrimitive {
            vertices: (0..vertex_count)
                .map(|i| {
                    let normal = unit_or_fallback(Vec3::from(normals[i])).to_array();
                    attributes.vertex(i, positions[i], normal)
                })
                .collect(),
            indices,
            material,
            vertex_colors: attributes.colors.is_some(),
        },
        None => flat_shaded(&positions, &indices, &attributes, material),
    };
    if let Some(uv_set) = tangent_uv
        && !keep_tangents
    {
        tangents::generate(&mut primitive.vertices, &primitive.indices, uv_set);
    }
    Ok(primitive)
}

/// The optional per-vertex attributes of a primitive, each 4 wide (shorter vectors are
/// padded: colour alpha with 1, the rest with 0).
struct Attributes {
    uv0: Option<Vec<[f32; 4]>>,
    uv1: Option<Vec<[f32; 4]>>,
    colors: Option<Vec<[f32; 4]>>,
    tangents: Option<Vec<[f32; 4]>>,
}

impl Attributes {
    /// Vertex `i` of the file at `position` with `normal`.
    fn vertex(&self, i: usize, position: [f32; 3], normal: [f32; 3]) -> Vertex {
        let pick = |values: &Option<Vec<[f32; 4]>>, default: [f32; 4]| {
            values.as_ref().map_or(default, |v| v[i])
        };
        let [u, v, ..] = pick(&self.uv0, [0.0; 4]);
        let [u1, v1, ..] = pick(&self.uv1, [0.0; 4]);
        let [tx, ty, tz, w] = pick(&self.tangents, [0.0; 4]);
        // glTF's w is ±1; anything else is read by its sign.
        let handedness = if w < 0.0 { -1.0 } else { 1.0 };
        Vertex {
            position,
            normal,
            uv: [u, v],
            uv1: [u1, v1],
            tangent: match self.tangents {
                Some(_) => [tx, ty, tz, handedness],
                None => [0.0; 4],
            },
            color: pick(&self.colors, [1.0; 4]),
        }
    }
}

/// Reads a float (or normalised integer) vector accessor `widths` allows (2, 3 or 4
/// components), padded to 4 wide: the fourth component defaults to 1 (colour alpha), the
/// others to 0.
fn read_vectors(
    ctx: &Context<'_>,
    acc: &gltf::Accessor<'_>,
    item: &str,
    widths: &[usize],
) -> Result<Vec<[f32; 4]>, ImportError> {
    use gltf::accessor::Dimensions;
    let width = match acc.dimensions() {
        Dimensions::Vec2 => 2,
        Dimensions::Vec3 => 3,
        Dimensions::Vec4 => 4,
        _ => 0,
    };
    if !widths.contains(&width) {
        let expected: Vec<String> = widths.iter().map(|w| format!("VEC{w}")).collect();
        return Err(ctx.invalid(
            item,
            format!(
                "accessor type is {:?}, expected {}",
                acc.dimensions(),
                expected.join(" or ")
            ),
        ));
    }
    Ok(match acc.dimensions() {
        Dimensions::Vec2 => accessor::read_floats::<2>(ctx, acc, item)?
            .into_iter()
            .map(|[a, b]| [a, b, 0.0, 1.0])
            .collect(),
        Dimensions::Vec3 => accessor::read_floats::<3>(ctx, acc, item)?
            .into_iter()
            .map(|[a, b, c]| [a, b, c, 1.0])
            .collect(),
        _ => accessor::read_floats::<4>(ctx, acc, item)?,
    })
}

/// Un-welds the triangles so each gets its own three vertices carrying the face normal,
/// as the glTF specification asks for primitives without normals.
fn flat_shaded(
    positions: &[[f32; 3]],
    indices: &[u32],
    attributes: &Attributes,
    material: usize,
) -> MeshPrimitive {
    let mut vertices = Vec::with_capacity(indices.len());
    for triangle in indices.chunks_exact(3) {
        let [a, b, c] = [0, 1, 2].map(|k| Vec3::from(positions[triangle[k] as usize]));
        let normal = unit_or_fallback((b - a).cross(c - a)).to_array();
        for &index in triangle {
            let i = index as usize;
            vertices.push(attributes.vertex(i, positions[i], normal));
        }
    }
    MeshPrimitive {
        indices: (0..vertices.len() as u32).collect(),
        vertices,
        material,
        vertex_colors: attributes.colors.is_some(),
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
        let none = Attributes {
            uv0: None,
            uv1: None,
            colors: None,
            tangents: None,
        };
        let prim = flat_shaded(&p, &[0, 1, 2], &none, 0);
        assert!(prim.vertices.iter().all(|v| v.normal == [0.0, 1.0, 0.0]));
    }
}
