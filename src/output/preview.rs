//! The contact sheet written after each run, `preview/contact_sheet.png`: a thin wrapper over
//! [`super::sheet`], made from the finished `coco.json`, images and masks.

use super::OutputError;
use super::layout::DatasetLayout;
use super::sheet::{self, SheetOptions};
use std::path::PathBuf;

/// File name of the after-run contact sheet under `preview/`.
pub const CONTACT_SHEET_FILE: &str = "contact_sheet.png";

/// Writes `preview/contact_sheet.png` showing up to 16 images from index `start`, each
/// `tile_width` pixels wide, and returns its path. Call it after `coco.json` is finished.
pub fn contact_sheet(
    layout: &DatasetLayout,
    start: u64,
    tile_width: u32,
) -> Result<PathBuf, OutputError> {
    let out = layout.preview_dir().join(CONTACT_SHEET_FILE);
    let options = SheetOptions {
        start,
        tile_width,
        ..SheetOptions::default()
    };
    sheet::write_sheet(&layout.root, &out, &options)
}
