//! Surface normal maps: `normals/NNNNNN.png`, 8-bit RGB, the normal facing the camera in
//! its frame (x right, y down, z forward) as `n * 127.5 + 127.5`; (0, 0, 0) where no surface
//! is (the sky), which no unit normal encodes to.

use super::super::OutputError;
use super::super::atomic::write_atomic;
use super::super::layout::DatasetLayout;
use super::super::png_encode;
use std::path::PathBuf;

pub(super) fn dir(layout: &DatasetLayout) -> PathBuf {
    layout.root.join("normals")
}

/// Writes image `index`'s normal map from RGBA8 `normals`.
pub(super) fn write_frame(
    layout: &DatasetLayout,
    index: u64,
    normals: &[u8],
    (width, height): (u32, u32),
) -> Result<(), OutputError> {
    let png = png_encode::encode_rgb8_from_rgba8(normals, width, height)?;
    let path = dir(layout).join(format!("{}.png", DatasetLayout::stem(index)));
    write_atomic(&path, &png)
}
