//! Contact sheets under `preview/`: images with their instance masks tinted and boxes drawn,
//! so a person can check labels at a glance.

use super::layout::DatasetLayout;
use super::{OutputError, atomic, png_encode};
use crate::labels::label_frame;
use image::{RgbImage, imageops};
use std::path::{Path, PathBuf};

/// Tiles per row of the sheet.
const COLUMNS: u32 = 4;

/// Writes `preview/contact_sheet.png` from the images at `indices` (at most 16 are used),
/// each `tile_width` pixels wide, and returns its path.
pub fn contact_sheet(
    layout: &DatasetLayout,
    indices: &[u64],
    tile_width: u32,
) -> Result<PathBuf, OutputError> {
    let tiles: Vec<RgbImage> = indices
        .iter()
        .take(16)
        .map(|&i| labelled_tile(layout, i, tile_width))
        .collect::<Result<_, _>>()?;
    let Some(first) = tiles.first() else {
        return Err(OutputError::Preview {
            path: layout.root.clone(),
            reason: "no images for a contact sheet".into(),
        });
    };
    let (w, h) = first.dimensions();
    let rows = (tiles.len() as u32).div_ceil(COLUMNS);
    let columns = COLUMNS.min(tiles.len() as u32);
    let mut sheet = RgbImage::new(w * columns, h * rows);
    for (k, tile) in tiles.iter().enumerate() {
        let k = k as u32;
        imageops::replace(
            &mut sheet,
            tile,
            i64::from(k % COLUMNS * w),
            i64::from(k / COLUMNS * h),
        );
    }
    let rgba: Vec<u8> = sheet
        .pixels()
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    let png = png_encode::encode_rgb8_from_rgba8(&rgba, sheet.width(), sheet.height())?;
    let dir = layout.root.join("preview");
    std::fs::create_dir_all(&dir).map_err(|e| OutputError::io("create", &dir, e))?;
    let path = dir.join("contact_sheet.png");
    atomic::write_atomic(&path, &png)?;
    Ok(path)
}

fn decode(path: &Path) -> Result<image::DynamicImage, OutputError> {
    image::open(path).map_err(|e| OutputError::Preview {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// One image with each instance tinted in its own colour and its mask bbox outlined.
/// The boxes come from [`label_frame`], the same code that writes the COCO boxes.
fn labelled_tile(
    layout: &DatasetLayout,
    index: u64,
    tile_width: u32,
) -> Result<RgbImage, OutputError> {
    let mut rgb = decode(&layout.image(index))?.to_rgb8();
    let mask_path = layout.instance_mask(index);
    let mask = decode(&mask_path)?.to_luma16();
    let (w, h) = rgb.dimensions();
    let preview_error = |reason: String| OutputError::Preview {
        path: mask_path.clone(),
        reason,
    };
    if mask.dimensions() != (w, h) {
        return Err(preview_error(format!(
            "mask is {:?} but the image is {w}x{h}",
            mask.dimensions()
        )));
    }
    let ids: Vec<u32> = mask.pixels().map(|p| u32::from(p[0])).collect();
    let labels = label_frame(&ids, w, h).map_err(|e| preview_error(e.to_string()))?;
    for (px, &id) in rgb.pixels_mut().zip(&labels.instance_mask) {
        if id != 0 {
            let colour = palette(id);
            for c in 0..3 {
                px[c] = ((u16::from(px[c]) + u16::from(colour[c])) / 2) as u8;
            }
        }
    }
    for inst in &labels.instances {
        let [x, y, bw, bh] = inst.bbox;
        outline(
            &mut rgb,
            [x, y, x + bw - 1, y + bh - 1],
            palette(inst.instance_id),
        );
    }
    let tile_height = (u64::from(h) * u64::from(tile_width) / u64::from(w.max(1))).max(1) as u32;
    Ok(imageops::resize(
        &rgb,
        tile_width,
        tile_height,
        imageops::FilterType::Triangle,
    ))
}

/// Draws a 1-pixel rectangle along the outer pixels of `[x0, y0, x1, y1]` (inclusive).
fn outline(img: &mut RgbImage, [x0, y0, x1, y1]: [u32; 4], colour: [u8; 3]) {
    for x in x0..=x1 {
        img.put_pixel(x, y0, image::Rgb(colour));
        img.put_pixel(x, y1, image::Rgb(colour));
    }
    for y in y0..=y1 {
        img.put_pixel(x0, y, image::Rgb(colour));
        img.put_pixel(x1, y, image::Rgb(colour));
    }
}

/// A saturated colour per id, stable across runs.
fn palette(id: u16) -> [u8; 3] {
    let hue = (f32::from(id) * 0.618_034).fract() * 6.0;
    let f = hue.fract();
    let (a, b) = ((255.0 * (1.0 - f)) as u8, (255.0 * f) as u8);
    match hue as u32 {
        0 => [255, b, 0],
        1 => [a, 255, 0],
        2 => [0, 255, b],
        3 => [0, a, 255],
        4 => [b, 0, 255],
        _ => [255, 0, a],
    }
}
