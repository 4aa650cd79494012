//! glTF accessors: typed, strided, optionally sparse views of buffer data, read with every
//! range checked (a malformed file yields an error, never a panic).

use super::{Context, ImportError, buffers};
use gltf::accessor::{DataType, Dimensions};

/// Largest element count accepted for an accessor that has no buffer view (its data is
/// all zeros plus sparse values), so a bogus `count` cannot exhaust memory.
const MAX_ELEMENTS_WITHOUT_VIEW: usize = 1 << 24;

/// Reads a float vector accessor of `N` components per element (`N == 1` for scalars).
/// Integer components are converted, normalised ones to `[0, 1]` / `[-1, 1]`.
pub(crate) fn read_floats<const N: usize>(
    ctx: &Context<'_>,
    accessor: &gltf::Accessor<'_>,
    item: &str,
) -> Result<Vec<[f32; N]>, ImportError> {
    let dims = vector_len(accessor.dimensions());
    if dims != Some(N) {
        let expected = if N == 1 {
            "SCALAR".to_owned()
        } else {
            format!("VEC{N}")
        };
        return Err(ctx.invalid(
            item,
            format!(
                "accessor type is {:?}, expected {expected}",
                accessor.dimensions()
            ),
        ));
    }
    let ty = accessor.data_type();
    let normalized = accessor.normalized();
    let size = ty.size();
    read_elements(ctx, accessor, item, N * size, [0.0; N], |bytes| {
        let mut out = [0.0; N];
        for (i, value) in out.iter_mut().enumerate() {
            *value = component_f32(ty, normalized, &bytes[i * size..]);
        }
        out
    })
}

/// Reads a scalar index accessor (`UNSIGNED_BYTE`, `UNSIGNED_SHORT` or `UNSIGNED_INT`).
pub(crate) fn read_indices(
    ctx: &Context<'_>,
    accessor: &gltf::Accessor<'_>,
    item: &str,
) -> Result<Vec<u32>, ImportError> {
    let ty = accessor.data_type();
    if accessor.dimensions() != Dimensions::Scalar
        || !matches!(ty, DataType::U8 | DataType::U16 | DataType::U32)
    {
        return Err(ctx.invalid(
            item,
            format!(
                "index accessor is {:?} {ty:?}, expected SCALAR of U8, U16 or U32",
                accessor.dimensions()
            ),
        ));
    }
    read_elements(ctx, accessor, item, ty.size(), 0, |bytes| {
        unsigned_le(bytes, ty.size())
    })
}

/// Reads `accessor.count()` elements of `element_size` bytes, converting each with
/// `convert`, then applies sparse substitutions.
fn read_elements<T: Clone>(
    ctx: &Context<'_>,
    accessor: &gltf::Accessor<'_>,
    item: &str,
    element_size: usize,
    zero: T,
    convert: impl Fn(&[u8]) -> T,
) -> Result<Vec<T>, ImportError> {
    let count = accessor.count();
    let mut values = match accessor.view() {
        Some(view) => read_strided(
            ctx,
            &view,
            accessor.offset(),
            count,
            element_size,
            item,
            &convert,
        )?,
        None => {
            if count > MAX_ELEMENTS_WITHOUT_VIEW {
                return Err(ctx.invalid(
                    item,
                    format!("accessor has no buffer view and an implausible count {count}"),
                ));
            }
            vec![zero; count]
        }
    };
    if let Some(sparse) = accessor.sparse() {
        let n = sparse.count();
        let indices = sparse.indices();
        let index_size = indices.index_type().size();
        let sparse_item = format!("{item} sparse indices");
        let slots = read_strided(
            ctx,
            &indices.view(),
            indices.offset(),
            n,
            index_size,
            &sparse_item,
            &|bytes: &[u8]| unsigned_le(bytes, index_size),
        )?;
        let sparse_values = sparse.values();
        let replacements = read_strided(
            ctx,
            &sparse_values.view(),
            sparse_values.offset(),
            n,
            element_size,
            &format!("{item} sparse values"),
            &convert,
        )?;
        for (slot, value) in slots.into_iter().zip(replacements) {
            let target = values.get_mut(slot as usize).ok_or_else(|| {
                ctx.invalid(
                    &sparse_item,
                    format!("sparse index {slot} is not below the accessor count {count}"),
                )
            })?;
            *target = value;
        }
    }
    Ok(values)
}

/// Reads `count` elements of `element_size` bytes starting `offset` bytes into `view`,
/// `view.stride()` (or `element_size` when tightly packed) apart.
fn read_strided<T>(
    ctx: &Context<'_>,
    view: &gltf::buffer::View<'_>,
    offset: usize,
    count: usize,
    element_size: usize,
    item: &str,
    convert: &impl Fn(&[u8]) -> T,
) -> Result<Vec<T>, ImportError> {
    let bytes = buffers::view_bytes(ctx, view, item)?;
    let stride = view.stride().unwrap_or(element_size);
    if stride < element_size {
        return Err(ctx.invalid(
            item,
            format!(
                "buffer view {} has byteStride {stride}, smaller than the {element_size}-byte element",
                view.index()
            ),
        ));
    }
    if count == 0 {
        return Ok(Vec::new());
    }
    let data = (count - 1)
        .checked_mul(stride)
        .and_then(|span| span.checked_add(element_size))
        .and_then(|span| span.checked_add(offset))
        .and_then(|end| bytes.get(offset..end))
        .ok_or_else(|| {
            ctx.invalid(
                item,
                format!(
                    "{count} elements of {element_size} bytes, {stride} bytes apart from offset {offset}, \
                     do not fit in buffer view {} ({} bytes)",
                    view.index(),
                    bytes.len()
                ),
            )
        })?;
    Ok((0..count)
        .map(|i| convert(&data[i * stride..i * stride + element_size]))
        .collect())
}

/// Number of components of a vector or scalar type; `None` for matrices.
fn vector_len(dims: Dimensions) -> Option<usize> {
    match dims {
        Dimensions::Scalar => Some(1),
        Dimensions::Vec2 => Some(2),
        Dimensions::Vec3 => Some(3),
        Dimensions::Vec4 => Some(4),
        Dimensions::Mat2 | Dimensions::Mat3 | Dimensions::Mat4 => None,
    }
}

/// Little-endian unsigned integer of `size` (1, 2 or 4) bytes at the start of `bytes`.
fn unsigned_le(bytes: &[u8], size: usize) -> u32 {
    match size {
        1 => u32::from(bytes[0]),
        2 => u32::from(u16::from_le_bytes([bytes[0], bytes[1]])),
        _ => u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
    }
}

/// One component at the start of `bytes` as f32, applying glTF normalisation when asked.
fn component_f32(ty: DataType, normalized: bool, bytes: &[u8]) -> f32 {
    match ty {
        DataType::F32 => f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
        DataType::I8 => {
            let v = f32::from(bytes[0] as i8);
            if normalized { (v / 127.0).max(-1.0) } else { v }
        }
        DataType::U8 => {
            let v = f32::from(bytes[0]);
            if normalized { v / 255.0 } else { v }
        }
        DataType::I16 => {
            let v = f32::from(i16::from_le_bytes([bytes[0], bytes[1]]));
            if normalized {
                (v / 32767.0).max(-1.0)
            } else {
                v
            }
        }
        DataType::U16 => {
            let v = f32::from(u16::from_le_bytes([bytes[0], bytes[1]]));
            if normalized { v / 65535.0 } else { v }
        }
        DataType::U32 => {
            let v = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as f32;
            if normalized { v / u32::MAX as f32 } else { v }
        }
    }
}
