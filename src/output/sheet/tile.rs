//! One tile of a contact sheet: the image scaled to the tile width, with each annotated
//! instance's mask outline (found at full resolution, then mapped into the tile), its COCO box
//! and its category name, and the image stem in the top-left corner.

use std::collections::HashMap;
use std::path::Path;

use image::{DynamicImage, ImageBuffer, Luma, RgbImage, imageops};

use super::coco::{SheetAnnotation, SheetImage};
use super::draw::{self, Style};
use super::outline::outline;
use super::place::Placer;
use super::{SheetIssue, layout_paths};
use crate::output::OutputError;

/// A 16-bit instance mask.
type Mask = ImageBuffer<Luma<u16>, Vec<u16>>;

/// What one tile shows.
pub struct TileSpec<'a> {
    /// The image, as listed in `coco.json`.
    pub image: &'a SheetImage,
    /// Its annotations.
    pub annotations: &'a [SheetAnnotation],
    /// Category names by id.
    pub names: &'a HashMap<u32, String>,
}

/// Height of the tile of a `width`×`height` image scaled to `tile_width` (rounded, at least 1).
pub fn tile_height(width: u32, height: u32, tile_width: u32) -> u32 {
    let h = (u64::from(height) * u64::from(tile_width) * 2 + u64::from(width))
        / (2 * u64::from(width.max(1)));
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

/// Loads the image and instance mask of `spec` from the dataset at `root` and draws its tile.
pub fn render_tile(root: &Path, spec: &TileSpec, tile_width: u32) -> Result<RgbImage, OutputError> {
    let (image_path, mask_path) = layout_paths(root, &spec.image.file_name);
    let rgb = decode(&image_path)?.to_rgb8();
    let coco_size = (spec.image.width, spec.image.height);
    check_size(&image_path, rgb.dimensions(), coco_size, "coco.json says")?;
    let mask = load_mask(&mask_path)?;
    check_size(&mask_path, mask.dimensions(), coco_size, "the image is")?;
    let (w, h) = coco_size;
    let th = tile_height(w, h, tile_width);
    let mut tile = imageops::resize(&rgb, tile_width, th, imageops::FilterType::Triangle);
    let map = Mapping {
        src: [w, h],
        dst: [tile_width, th],
    };
    let thickness = Style::for_tile_width(tile_width).outline;
    paint_outlines(&mut tile, &mask, spec.annotations, map, thickness);
    decorate(&mut tile, spec, map);
    Ok(tile)
}

/// Decodes the image at `path`; the error names the file.
fn decode(path: &Path) -> Result<DynamicImage, OutputError> {
    if !path.is_file() {
        return Err(SheetIssue::MissingFile.at(path));
    }
    image::open(path).map_err(|e| SheetIssue::Decode(e.to_string()).at(path))
}

/// Decodes the 16-bit grey instance mask at `path`.
fn load_mask(path: &Path) -> Result<Mask, OutputError> {
    match decode(path)? {
        DynamicImage::ImageLuma16(mask) => Ok(mask),
        other => Err(SheetIssue::MaskFormat(format!("{:?}", other.color())).at(path)),
    }
}

/// Fails unless `found` is `expected`; `against` names the reference ("coco.json says").
fn check_size(
    path: &Path,
    found: (u32, u32),
    expected: (u32, u32),
    against: &'static str,
) -> Result<(), OutputError> {
    if found == expected {
        return Ok(());
    }
    Err(SheetIssue::Size {
        found,
        expected,
        against,
    }
    .at(path))
}

/// Paints the full-resolution outline of each annotated instance into the tile, each outline
/// pixel at least `thickness` tile pixels wide and high (growing right and down).
fn paint_outlines(
    tile: &mut RgbImage,
    mask: &Mask,
    annotations: &[SheetAnnotation],
    map: Mapping,
    thickness: u32,
) {
    let mut colours: Vec<Option<[u8; 3]>> = Vec::new();
    for a in annotations.iter().filter(|a| a.instance_id != 0) {
        let i = usize::from(a.instance_id);
        if colours.len() <= i {
            colours.resize(i + 1, None);
        }
        colours[i] = Some(draw::category_colour(a.category_id));
    }
    let [w, _] = map.src;
    let edges = outline(mask.as_raw(), mask.width(), mask.height());
    for (y, row) in (0..).zip(edges.chunks_exact(w.max(1) as usize)) {
        for (x, &id) in (0..).zip(row) {
            if let Some(Some(colour)) = colours.get(usize::from(id)) {
                let (x0, xw) = map.span(0, x);
                let (y0, yh) = map.span(1, y);
                let (w, h) = (xw.max(thickness), yh.max(thickness));
                draw::fill_rect(tile, x0, y0, w, h, *colour);
            }
        }
    }
}

/// Draws the boxes, then the category names and the image stem (top-left corner) on top.
fn decorate(tile: &mut RgbImage, spec: &TileSpec, map: Mapping) {
    let style = Style::for_tile_width(tile.width());
    for a in spec.annotations {
        let colour = draw::category_colour(a.category_id);
        draw::stroke_rect(tile, map.bbox(a.bbox), style.line, colour);
    }
    let stem = Path::new(&spec.image.file_name)
        .file_stem()
        .unwrap_or_default();
    let stem = stem.to_string_lossy();
    let mut placer = Placer::new(tile.width(), tile.height());
    let (sw, lh) = (style.label_width(&stem), style.label_height());
    placer.reserve([0, 0, i64::from(sw), i64::from(lh)]);
    draw_names(tile, spec, map, style, &mut placer);
    draw::label(tile, 0, 0, &stem, style, draw::STEM_COLOUR);
}

/// Writes each annotation's category name at its box, biggest box first, where it covers no
/// other name; a name with no free spot is left out (the colour still shows the category).
fn draw_names(
    tile: &mut RgbImage,
    spec: &TileSpec,
    map: Mapping,
    style: Style,
    placer: &mut Placer,
) {
    let area = |a: &SheetAnnotation| a.bbox[2] * a.bbox[3];
    let mut order: Vec<&SheetAnnotation> = spec.annotations.iter().collect();
    order.sort_by(|a, b| area(b).total_cmp(&area(a)));
    for a in order {
        let name = spec
            .names
            .get(&a.category_id)
            .cloned()
            .unwrap_or_else(|| format!("#{}", a.category_id));
        let (w, h) = (style.label_width(&name), style.label_height());
        let colour = draw::category_colour(a.category_id);
        if let Some((x, y)) = placer.place(map.bbox(a.bbox), i64::from(w), i64::from(h)) {
            draw::label(tile, x, y, &name, style, colour);
        }
    }
}

/// Maps full-resolution pixel coordinates to tile coordinates.
#[derive(Clone, Copy, Debug)]
struct Mapping {
    /// Image size.
    src: [u32; 2],
    /// Tile size.
    dst: [u32; 2],
}

impl Mapping {
    /// The tile pixels covered by source pixel `v` along `axis` (0 = x, 1 = y): first pixel
    /// and count (at least one, so thin lines survive downscaling).
    fn span(self, axis: usize, v: u32) -> (i64, u32) {
        let (s, d) = (u64::from(self.src[axis]), u64::from(self.dst[axis]));
        let start = u64::from(v) * d / s;
        let end = (u64::from(v + 1) * d / s).max(start + 1);
        (start as i64, (end - start) as u32)
    }

    /// A COCO `[x, y, w, h]` box as the inclusive tile rectangle `[x0, y0, x1, y1]` of the
    /// pixels it covers.
    fn bbox(self, [x, y, w, h]: [f64; 4]) -> [i64; 4] {
        let sx = f64::from(self.dst[0]) / f64::from(self.src[0]);
        let sy = f64::from(self.dst[1]) / f64::from(self.src[1]);
        let x0 = (x * sx).floor() as i64;
        let y0 = (y * sy).floor() as i64;
        let x1 = (((x + w) * sx).ceil() as i64 - 1).max(x0);
        let y1 = (((y + h) * sy).ceil() as i64 - 1).max(y0);
        [x0, y0, x1, y1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_height_keeps_the_aspect_ratio() {
        assert_eq!(tile_height(1280, 720, 480), 270);
        assert_eq!(tile_height(640, 360, 320), 180);
        assert_eq!(tile_height(3, 2, 2), 1);
        assert_eq!(tile_height(1000, 1, 10), 1);
    }

    #[test]
    fn outline_pixels_and_boxes_map_to_the_same_tile_pixels() {
        let map = Mapping {
            src: [160, 120],
            dst: [80, 60],
        };
        assert_eq!(map.span(0, 40), (20, 1));
        assert_eq!(map.span(0, 99), (49, 1));
        assert_eq!(map.bbox([40.0, 40.0, 60.0, 60.0]), [20, 20, 49, 49]);
        let up = Mapping {
            src: [10, 10],
            dst: [30, 30],
        };
        assert_eq!(up.span(1, 2), (6, 3));
        assert_eq!(up.bbox([2.0, 2.0, 1.0, 1.0]), [6, 6, 8, 8]);
    }
}
