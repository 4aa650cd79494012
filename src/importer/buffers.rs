//! glTF buffers and buffer views: the GLB `BIN` chunk, `data:` URIs and external `.bin` files.

use super::{Context, ImportError, uri};
use crate::source::FileSource;
use std::borrow::Cow;
use std::path::Path;

/// Loads every buffer of `doc`, in order. `blob` is the GLB `BIN` chunk, if any.
pub(crate) fn load<'a>(
    source: &dyn FileSource,
    path: &Path,
    doc: &gltf::Document,
    blob: Option<&'a [u8]>,
) -> Result<Vec<Cow<'a, [u8]>>, ImportError> {
    doc.buffers()
        .map(|buffer| {
            let item = format!("buffer {}", buffer.index());
            let data: Cow<'a, [u8]> = match buffer.source() {
                gltf::buffer::Source::Bin => {
                    Cow::Borrowed(blob.ok_or_else(|| ImportError::Invalid {
                        path: path.to_path_buf(),
                        item: item.clone(),
                        reason: "has no URI and the file has no GLB BIN chunk".into(),
                    })?)
                }
                gltf::buffer::Source::Uri(text) => uri::read(source, path, &item, text)?,
            };
            if data.len() < buffer.length() {
                return Err(ImportError::Invalid {
                    path: path.to_path_buf(),
                    item,
                    reason: format!(
                        "declares {} bytes but its data has only {}",
                        buffer.length(),
                        data.len()
                    ),
                });
            }
            Ok(data)
        })
        .collect()
}

/// The bytes of a buffer view, checked against its buffer. `item` names the user.
pub(crate) fn view_bytes<'c>(
    ctx: &'c Context<'_>,
    view: &gltf::buffer::View<'_>,
    item: &str,
) -> Result<&'c [u8], ImportError> {
    let buffer = view.buffer().index();
    let data: &[u8] = ctx
        .buffers
        .get(buffer)
        .ok_or_else(|| ctx.invalid(item, format!("buffer {buffer} does not exist")))?;
    let start = view.offset();
    view.offset()
        .checked_add(view.length())
        .and_then(|end| data.get(start..end))
        .ok_or_else(|| {
            ctx.invalid(
                item,
                format!(
                    "buffer view {} (offset {start}, {} bytes) exceeds buffer {buffer} ({} bytes)",
                    view.index(),
                    view.length(),
                    data.len()
                ),
            )
        })
}
