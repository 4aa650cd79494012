//! The coverage chart: one PNG with a grid of [`panel`](super::panel)s, conditions and classes
//! first, then every parameter in report order. Written with the project's PNG encoder and
//! atomic write, like the contact sheet.

use std::path::{Path, PathBuf};

use image::{Rgb, RgbImage, imageops};
use rayon::prelude::*;

use super::aggregate::Values;
use super::panel::{Bar, Content, PANEL_HEIGHT, PANEL_WIDTH, Panel};
use super::tally::Choices;
use super::{ClassCounts, DatasetStats};
use crate::output::OutputError;
use crate::output::sheet::{self, category_colour};

/// Panels per row (fewer if there are fewer panels).
pub const COLUMNS: u32 = 4;
/// Most panels drawn (about 20 megapixels); the rest are left out and counted.
pub const MAX_PANELS: usize = 160;
/// Colour of the bars of conditions and choices.
const CHOICE_COLOUR: [u8; 3] = [255, 160, 0];

/// What [`write_chart`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartSummary {
    /// The PNG's path.
    pub path: PathBuf,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// Panels drawn.
    pub panels: usize,
    /// Panels left out (past [`MAX_PANELS`]).
    pub omitted: usize,
}

/// Draws the chart of `stats` and writes it atomically to `out`, creating its directory.
pub fn write_chart(stats: &DatasetStats, out: &Path) -> Result<ChartSummary, OutputError> {
    let mut panels = panels(stats);
    let omitted = panels.len().saturating_sub(MAX_PANELS);
    panels.truncate(MAX_PANELS);
    let n = u32::try_from(panels.len()).unwrap_or(u32::MAX);
    let columns = COLUMNS.min(n).max(1);
    let rows = n.div_ceil(columns).max(1);
    let mut chart = RgbImage::from_pixel(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, Rgb([0; 3]));
    let drawn: Vec<RgbImage> = panels.par_iter().map(Panel::draw).collect();
    for (k, panel) in (0_u32..).zip(&drawn) {
        let x = k % columns * PANEL_WIDTH;
        let y = k / columns * PANEL_HEIGHT;
        imageops::replace(&mut chart, panel, i64::from(x), i64::from(y));
    }
    sheet::write_png(&chart, out)?;
    Ok(ChartSummary {
        path: out.to_path_buf(),
        width: chart.width(),
        height: chart.height(),
        panels: panels.len(),
        omitted,
    })
}

/// Every panel of the chart, in order.
pub fn panels(stats: &DatasetStats) -> Vec<Panel<'_>> {
    let mut panels = vec![choice_panel(
        "conditions (images)".into(),
        &stats.conditions,
    )];
    if let Some(classes) = &stats.classes {
        panels.extend(class_panels(classes));
    }
    for (key, param) in &stats.params {
        let title = format!("{} ({})", stats.param_name(key), param.unit);
        panels.push(match &param.values {
            Values::Numbers(n) => Panel {
                title,
                content: Content::Histogram(n),
            },
            Values::Choices(c) => choice_panel(title, c),
            Values::Colours(c) => Panel {
                title,
                content: Content::Swatches(c),
            },
        });
    }
    panels
}

/// Bars of a choice's values, most frequent first.
fn choice_panel(title: String, choices: &Choices) -> Panel<'static> {
    let mut bars: Vec<Bar> = choices
        .by_count()
        .into_iter()
        .map(|(value, count)| Bar {
            label: value.to_owned(),
            count,
            colour: CHOICE_COLOUR,
        })
        .collect();
    if choices.other() > 0 {
        bars.push(Bar {
            label: "(other)".into(),
            count: choices.other(),
            colour: CHOICE_COLOUR,
        });
    }
    Panel {
        title,
        content: Content::Bars {
            bars,
            total: choices.total(),
        },
    }
}

/// Instances per class (share of all annotations) and images per class (share of images),
/// every category of `coco.json` in id order, in its contact-sheet colour.
fn class_panels(classes: &ClassCounts) -> [Panel<'static>; 2] {
    let bars = |count: fn(&super::ClassCount) -> u64| -> Vec<Bar> {
        classes
            .names
            .iter()
            .map(|(&id, name)| Bar {
                label: name.clone(),
                count: classes.classes.get(&id).map_or(0, count),
                colour: category_colour(id),
            })
            .collect()
    };
    [
        Panel {
            title: "classes (instances)".into(),
            content: Content::Bars {
                bars: bars(|c| c.instances),
                total: classes.annotations,
            },
        },
        Panel {
            title: "classes (images with one)".into(),
            content: Content::Bars {
                bars: bars(|c| c.images),
                total: classes.images,
            },
        },
    ]
}
