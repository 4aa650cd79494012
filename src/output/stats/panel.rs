//! One panel of the coverage chart, drawn with the contact sheet's font and primitives: a
//! histogram for numbers, horizontal bars for choices, conditions and classes, swatches for
//! colours. Each panel has a title naming the parameter and its unit.

use image::{Rgb, RgbImage};

use super::numbers::{CHART_BINS, Numbers};
use super::report::format_number;
use super::tally::Colours;
use crate::output::sheet::{draw, font};

/// Panel width in pixels.
pub const PANEL_WIDTH: u32 = 480;
/// Panel height in pixels.
pub const PANEL_HEIGHT: u32 = 270;
/// Font pixels are `SCALE`×`SCALE` chart pixels.
const SCALE: u32 = 2;
/// Margin around the panel's content.
const MARGIN: i64 = 10;
/// Top of the content below the title and subtitle.
const TOP: i64 = 52;
/// Height of a line of text at the chart's text scale, with spacing.
const LINE: i64 = (font::GLYPH_HEIGHT as i64 + 3) * SCALE as i64;
/// Panel background.
const BACKGROUND: [u8; 3] = [24, 24, 24];
/// Panel border (right and bottom edges).
const BORDER: [u8; 3] = [64, 64, 64];
/// Titles.
const TITLE: [u8; 3] = [240, 240, 240];
/// Subtitles and axis labels.
const DIM: [u8; 3] = [150, 150, 150];
/// Histogram bars.
const HISTOGRAM: [u8; 3] = [90, 160, 255];

/// One bar of a bar chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// What it counts.
    pub label: String,
    /// How many.
    pub count: u64,
    /// Its colour.
    pub colour: [u8; 3],
}

/// What a panel shows.
#[derive(Clone, Debug)]
pub enum Content<'a> {
    /// A histogram of a numeric parameter.
    Histogram(&'a Numbers),
    /// Bars out of `total`, drawn in the given order.
    Bars {
        /// The bars.
        bars: Vec<Bar>,
        /// What shares are computed against.
        total: u64,
    },
    /// Colour swatches.
    Swatches(&'a Colours),
}

/// A titled panel.
#[derive(Clone, Debug)]
pub struct Panel<'a> {
    /// Parameter name and unit, e.g. "camera.height (m)".
    pub title: String,
    /// The drawing.
    pub content: Content<'a>,
}

impl Panel<'_> {
    /// Draws the panel.
    pub fn draw(&self) -> RgbImage {
        let mut img = RgbImage::from_pixel(PANEL_WIDTH, PANEL_HEIGHT, Rgb(BACKGROUND));
        draw::fill_rect(
            &mut img,
            i64::from(PANEL_WIDTH) - 1,
            0,
            1,
            PANEL_HEIGHT,
            BORDER,
        );
        draw::fill_rect(
            &mut img,
            0,
            i64::from(PANEL_HEIGHT) - 1,
            PANEL_WIDTH,
            1,
            BORDER,
        );
        let width = i64::from(PANEL_WIDTH) - 2 * MARGIN;
        write(&mut img, MARGIN, MARGIN, &fit(&self.title, width), TITLE);
        match &self.content {
            Content::Histogram(n) => histogram(&mut img, n),
            Content::Bars { bars, total } => bar_chart(&mut img, bars, *total),
            Content::Swatches(c) => swatches(&mut img, c),
        }
        img
    }
}

/// Draws a histogram with its count, peak and min/max labels.
fn histogram(img: &mut RgbImage, n: &Numbers) {
    let bins = n.chart_bins();
    let peak = bins.iter().copied().max().unwrap_or(0);
    subtitle(img, &format!("n={} peak={peak}/bin", n.count()));
    let bottom = i64::from(PANEL_HEIGHT) - MARGIN - LINE - 4;
    let width = (i64::from(PANEL_WIDTH) - 2 * MARGIN) / CHART_BINS as i64;
    for (k, &count) in (0_i64..).zip(&bins) {
        let h = scaled(count, peak, bottom - TOP);
        let x = MARGIN + k * width;
        draw::fill_rect(img, x, bottom - h, (width - 1) as u32, h as u32, HISTOGRAM);
    }
    let axis = (width * CHART_BINS as i64) as u32;
    draw::fill_rect(img, MARGIN, bottom, axis, 2, DIM);
    let Some((min, max)) = n.range() else {
        return;
    };
    let y = bottom + 6;
    if min == max {
        write(
            img,
            MARGIN,
            y,
            &format!("all = {}", format_number(min)),
            DIM,
        );
        return;
    }
    write(img, MARGIN, y, &format_number(min), DIM);
    let max = format_number(max);
    write(
        img,
        i64::from(PANEL_WIDTH) - MARGIN - text_width(&max),
        y,
        &max,
        DIM,
    );
}

/// Draws one row per bar: label, bar scaled to the largest, count and share. Text is halved
/// if the bars do not fit otherwise; bars that still do not fit are summed in a last row.
fn bar_chart(img: &mut RgbImage, bars: &[Bar], total: u64) {
    subtitle(img, &format!("n={total}"));
    let scale = if bars.len() <= rows_at(SCALE) {
        SCALE
    } else {
        1
    };
    let shown = fold_rows(bars, rows_at(scale));
    let spread = (i64::from(PANEL_HEIGHT) - TOP - MARGIN) / shown.len().max(1) as i64;
    let line = spread.clamp(line_height(scale), line_height(SCALE));
    let folded = shown.len() < bars.len();
    let peak = shown.iter().map(|b| b.count).max().unwrap_or(0);
    let label_chars = shown.iter().map(|b| b.label.chars().count()).max();
    let label_chars = label_chars.unwrap_or(0).min(14);
    let label_width = width_at(&"m".repeat(label_chars), scale);
    let values: Vec<String> = (0..shown.len())
        .map(|i| match folded && i + 1 == shown.len() {
            true => shown[i].count.to_string(),
            false => value_text(shown[i].count, total),
        })
        .collect();
    let value_width = values.iter().map(|v| width_at(v, scale)).max().unwrap_or(0);
    let bar_left = MARGIN + label_width + 8;
    let bar_span = i64::from(PANEL_WIDTH) - MARGIN - value_width - 8 - bar_left;
    for ((i, bar), value) in (0_i64..).zip(&shown).zip(&values) {
        let y = TOP + i * line;
        let label = truncate(&bar.label, label_chars);
        draw::text(img, MARGIN, y, &label, scale, TITLE);
        let w = scaled(bar.count, peak, bar_span).max(i64::from(bar.count > 0));
        let h = font::GLYPH_HEIGHT * scale;
        draw::fill_rect(img, bar_left, y, w as u32, h, bar.colour);
        let x = i64::from(PANEL_WIDTH) - MARGIN - width_at(value, scale);
        draw::text(img, x, y, value, scale, DIM);
    }
}

/// Rows of text at `scale` that fit below the subtitle.
fn rows_at(scale: u32) -> usize {
    let rows = (i64::from(PANEL_HEIGHT) - TOP - MARGIN) / line_height(scale);
    usize::try_from(rows).unwrap_or(0).max(1)
}

/// Height of a line of text at `scale`, with spacing.
fn line_height(scale: u32) -> i64 {
    i64::from((font::GLYPH_HEIGHT + 3) * scale)
}

/// The bars to draw in `rows` rows: all of them, or the first `rows - 1` and their rest summed.
fn fold_rows(bars: &[Bar], rows: usize) -> Vec<Bar> {
    if bars.len() <= rows {
        return bars.to_vec();
    }
    let (head, rest) = bars.split_at(rows - 1);
    let mut shown = head.to_vec();
    shown.push(Bar {
        label: format!("+{} more", rest.len()),
        count: rest.iter().map(|b| b.count).sum(),
        colour: DIM,
    });
    shown
}

/// Draws the colour sample as a grid of squares (darkest first) and the mean as a strip.
fn swatches(img: &mut RgbImage, c: &Colours) {
    let colours = c.swatches();
    subtitle(img, &format!("n={} (showing {})", c.count(), colours.len()));
    let per_row = 16_i64;
    let size = (i64::from(PANEL_WIDTH) - 2 * MARGIN) / per_row;
    for (i, rgb) in (0_i64..).zip(&colours) {
        let (x, y) = (MARGIN + i % per_row * size, TOP + i / per_row * size);
        draw::fill_rect(img, x, y, (size - 2) as u32, (size - 2) as u32, srgb8(*rgb));
    }
    let Some(mean) = c.mean() else {
        return;
    };
    let y = i64::from(PANEL_HEIGHT) - MARGIN - LINE;
    write(img, MARGIN, y, "mean", DIM);
    let x = MARGIN + text_width("mean ") + 4;
    let w = (i64::from(PANEL_WIDTH) - MARGIN - x) as u32;
    draw::fill_rect(img, x, y, w, font::GLYPH_HEIGHT * SCALE, srgb8(mean));
}

/// Writes the dim line under the title.
fn subtitle(img: &mut RgbImage, text: &str) {
    write(img, MARGIN, MARGIN + LINE, text, DIM);
}

/// Writes `text` at the chart's text scale.
fn write(img: &mut RgbImage, x: i64, y: i64, text: &str, colour: [u8; 3]) {
    draw::text(img, x, y, text, SCALE, colour);
}

/// Width of `text` in chart pixels at the chart's text scale.
fn text_width(text: &str) -> i64 {
    width_at(text, SCALE)
}

/// Width of `text` in chart pixels at `scale`.
fn width_at(text: &str, scale: u32) -> i64 {
    i64::from(font::text_width(text)) * i64::from(scale)
}

/// `text` shortened to fit `width` pixels.
fn fit(text: &str, width: i64) -> String {
    let chars = (width + i64::from(SCALE)) / (i64::from(font::ADVANCE) * i64::from(SCALE));
    truncate(text, usize::try_from(chars).unwrap_or(0))
}

/// `text` cut to `chars` characters, the last one a `.` if it was cut.
fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(chars.saturating_sub(1)).collect();
    cut.push('.');
    cut
}

/// `count` of `peak` as a length out of `span` (0 if `peak` is 0).
fn scaled(count: u64, peak: u64, span: i64) -> i64 {
    if peak == 0 {
        return 0;
    }
    (count as f64 / peak as f64 * span as f64).round() as i64
}

/// "21 70%": a count and its share.
fn value_text(count: u64, total: u64) -> String {
    let share = super::tally::percent(count, total);
    format!("{count} {share:.0}%")
}

/// A linear RGB colour as 8-bit sRGB.
pub fn srgb8(rgb: [f64; 3]) -> [u8; 3] {
    rgb.map(|c| {
        let c = c.clamp(0.0, 1.0);
        let s = if c <= 0.003_130_8 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        };
        (s * 255.0).round() as u8
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srgb_encoding_of_linear_values() {
        assert_eq!(srgb8([0.0, 1.0, 0.5]), [0, 255, 188]);
        assert_eq!(srgb8([-1.0, 2.0, 0.22]), [0, 255, 129]);
    }

    #[test]
    fn long_bar_lists_fold_into_a_last_row() {
        let bar = |i: u64| Bar {
            label: i.to_string(),
            count: i,
            colour: HISTOGRAM,
        };
        let bars: Vec<Bar> = (1..=5).map(bar).collect();
        let shown = fold_rows(&bars, 3);
        assert_eq!(shown.len(), 3);
        assert_eq!((shown[2].label.as_str(), shown[2].count), ("+3 more", 12));
        assert_eq!(fold_rows(&bars, 5), bars);
    }

    #[test]
    fn titles_are_cut_to_fit() {
        assert_eq!(truncate("abcdef", 4), "abc.");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(fit(&"x".repeat(100), 460).chars().count(), 38);
    }
}
