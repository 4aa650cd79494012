//! glTF images: PNG or JPEG bytes from a buffer view or URI, decoded to RGBA8.

use super::{Context, ImportError, TextureImage, buffers, uri};

/// Decodes glTF image `image` to RGBA8 (colour bytes kept as stored, i.e. sRGB).
pub(crate) fn decode(
    ctx: &Context<'_>,
    image: &gltf::Image<'_>,
) -> Result<TextureImage, ImportError> {
    let index = image.index();
    let item = format!("image {index}");
    // Read from the JSON: `gltf::Image::source` panics on an image with neither a URI nor
    // a buffer view, or a buffer view without the mimeType the specification requires.
    let json = ctx
        .doc
        .as_json()
        .images
        .get(index)
        .ok_or_else(|| ctx.invalid(&item, "does not exist"))?;
    let owned;
    let bytes: &[u8] = if let Some(view_index) = json.buffer_view {
        let view = ctx.doc.views().nth(view_index.value()).ok_or_else(|| {
            ctx.invalid(
                &item,
                format!("buffer view {} does not exist", view_index.value()),
            )
        })?;
        buffers::view_bytes(ctx, &view, &item)?
    } else if let Some(uri) = json.uri.as_deref() {
        owned = uri::read(ctx.source, ctx.path, &item, uri)?;
        &owned
    } else {
        return Err(ctx.invalid(&item, "has neither a uri nor a bufferView"));
    };
    // The format is sniffed from the bytes: files often carry a wrong or missing mimeType.
    let rgba = image::load_from_memory(bytes)
        .map_err(|source| ImportError::ImageDecode {
            path: ctx.path.to_path_buf(),
            image: index,
            source,
        })?
        .into_rgba8();
    Ok(TextureImage {
        width: rgba.width(),
        height: rgba.height(),
        rgba8: rgba.into_raw(),
    })
}
