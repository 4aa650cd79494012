//! Drawing on tiles: the category palette, rectangles, and text labels on dark strips.
//! Everything clips to the image, so callers may pass coordinates partly outside it.

use super::font;
use image::{Rgb, RgbImage};

/// Colours of the categories, indexed by `category id % 16`. COCO ids that sdgen uses
/// (person 1, bicycle 2, car 3, motorcycle 4, bus 6, truck 8, traffic light 10, stop sign 13)
/// all get different entries; person (red) and car (cyan) are far apart.
const PALETTE: [[u8; 3]; 16] = [
    [255, 255, 255],
    [255, 60, 60],
    [255, 160, 0],
    [0, 225, 255],
    [190, 90, 255],
    [255, 240, 0],
    [0, 255, 110],
    [255, 110, 200],
    [70, 130, 255],
    [170, 255, 60],
    [255, 210, 140],
    [0, 170, 150],
    [255, 0, 255],
    [255, 130, 90],
    [150, 210, 255],
    [210, 170, 100],
];

/// Background of labels.
pub const LABEL_BACKGROUND: [u8; 3] = [16, 16, 16];
/// Colour of the image stem written in a tile corner.
pub const STEM_COLOUR: [u8; 3] = [235, 235, 235];

/// The fixed colour of category `id` (the same on every sheet).
pub fn category_colour(id: u32) -> [u8; 3] {
    PALETTE[(id % 16) as usize]
}

/// Sizes that scale with the tile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Font pixels are `text_scale`×`text_scale` tile pixels.
    pub text_scale: u32,
    /// Width in tile pixels of mask outlines (at least; an upscaled pixel covers more).
    pub outline: u32,
    /// Width in tile pixels of box lines.
    pub line: u32,
}

impl Style {
    /// The style for tiles `tile_width` pixels wide: 1× text up to 479 pixels, 2× from 480,
    /// 3× from 720, 4× from 960 (about 80 characters across a tile at most). Outlines are as
    /// wide as a font pixel, boxes half that (rounded up), so outlines stand out from boxes.
    pub fn for_tile_width(tile_width: u32) -> Self {
        let text_scale = (tile_width / 240).clamp(1, 4);
        Self {
            text_scale,
            outline: text_scale,
            line: text_scale.div_ceil(2),
        }
    }

    /// Height of a label strip: the glyph height plus one font pixel above and below.
    pub fn label_height(self) -> u32 {
        (font::GLYPH_HEIGHT + 2) * self.text_scale
    }

    /// Width of the label strip of `text`: the text plus one font pixel left and right.
    pub fn label_width(self, text: &str) -> u32 {
        (font::text_width(text) + 2).saturating_mul(self.text_scale)
    }
}

/// Fills the rectangle from `(x, y)` of `w`×`h` pixels, clipped to the image.
pub fn fill_rect(img: &mut RgbImage, x: i64, y: i64, w: u32, h: u32, colour: [u8; 3]) {
    let x0 = x.max(0);
    let y0 = y.max(0);
    let x1 = (x + i64::from(w)).min(i64::from(img.width()));
    let y1 = (y + i64::from(h)).min(i64::from(img.height()));
    for py in y0..y1 {
        for px in x0..x1 {
            img.put_pixel(px as u32, py as u32, Rgb(colour));
        }
    }
}

/// Draws the border of the rectangle `[x0, y0, x1, y1]` (inclusive) with lines `line` pixels
/// wide, growing inwards.
pub fn stroke_rect(img: &mut RgbImage, [x0, y0, x1, y1]: [i64; 4], line: u32, colour: [u8; 3]) {
    let w = u32::try_from(x1 - x0 + 1).unwrap_or(0);
    let h = u32::try_from(y1 - y0 + 1).unwrap_or(0);
    let l = i64::from(line);
    fill_rect(img, x0, y0, w, line, colour);
    fill_rect(img, x0, y1 + 1 - l, w, line, colour);
    fill_rect(img, x0, y0, line, h, colour);
    fill_rect(img, x1 + 1 - l, y0, line, h, colour);
}

/// Writes `text` with its top-left corner at `(x, y)`, each font pixel `scale`×`scale`.
pub fn text(img: &mut RgbImage, x: i64, y: i64, text: &str, scale: u32, colour: [u8; 3]) {
    let s = i64::from(scale);
    for (k, c) in (0_i64..).zip(text.chars()) {
        let left = x + k * i64::from(font::ADVANCE) * s;
        for (row, bits) in (0_i64..).zip(font::glyph_or_fallback(c)) {
            for col in 0..i64::from(font::GLYPH_WIDTH) {
                if bits >> (font::GLYPH_WIDTH as i64 - 1 - col) & 1 == 1 {
                    fill_rect(img, left + col * s, y + row * s, scale, scale, colour);
                }
            }
        }
    }
}

/// Writes `label` on a dark strip whose top-left corner is at `(x, y)`.
pub fn label(img: &mut RgbImage, x: i64, y: i64, label: &str, style: Style, colour: [u8; 3]) {
    let s = style.text_scale;
    let (w, h) = (style.label_width(label), style.label_height());
    fill_rect(img, x, y, w, h, LABEL_BACKGROUND);
    text(img, x + i64::from(s), y + i64::from(s), label, s, colour);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdgen_categories_have_distinct_colours() {
        let ids = [1, 2, 3, 4, 6, 8, 10, 13];
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                assert_ne!(category_colour(*a), category_colour(*b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn stroke_rect_draws_only_the_border() {
        let mut img = RgbImage::new(6, 5);
        stroke_rect(&mut img, [1, 1, 4, 3], 1, [9, 9, 9]);
        let lit = |x, y| img.get_pixel(x, y).0 == [9, 9, 9];
        assert!(lit(1, 1) && lit(4, 3) && lit(1, 2) && lit(4, 2) && lit(2, 1) && lit(3, 3));
        assert!(!lit(2, 2) && !lit(3, 2) && !lit(0, 0) && !lit(5, 4));
    }

    #[test]
    fn text_clips_at_the_image_edge() {
        let mut img = RgbImage::new(4, 4);
        text(&mut img, -3, -3, "W%", 2, [255, 0, 0]);
        label(
            &mut img,
            2,
            2,
            "long label",
            Style::for_tile_width(960),
            [0, 255, 0],
        );
    }

    #[test]
    fn text_draws_the_glyph_bits() {
        let mut img = RgbImage::new(5, 7);
        text(&mut img, 0, 0, "-", 1, [1, 2, 3]);
        let lit: Vec<bool> = img.pixels().map(|p| p.0 == [1, 2, 3]).collect();
        let want: Vec<bool> = (0..35).map(|i| i / 5 == 3).collect();
        assert_eq!(lit, want);
    }
}
