//! Coverage of a finished dataset (`render stats`): what the sampled parameters, conditions and
//! classes actually cover, as a plain-text report and a PNG chart.
//!
//! ```text
//! meta/NNNNNN.json, in index order, one file parsed at a time
//!   --pass 1--> per parameter: count, unit, min/max, exact value counts up to 1000 distinct,
//!               choice counts, colour mean/range + 64-colour sample; conditions; objects placed
//!   --pass 2 (only if a numeric parameter has > 1000 distinct values)--> 1000 fixed bins
//!               between its min and max
//! annotations/coco.json --streamed--> instances and images per class, category names
//!   --report::render--> aligned text tables (stdout)
//!   --chart::write_chart--> preview/coverage.png (histograms, bars, swatches)
//! ```
//!
//! Memory is bounded per parameter (value counts, bins, choices and colour samples are all
//! capped) and the number of parameters is capped; what grows with the dataset is the sorted
//! list of meta file indices, 8 bytes per image. The two passes keep min, max and histogram
//! counts exact; percentiles are exact (nearest rank) for parameters with at most 1000
//! distinct values and bin centres otherwise, and the report marks those with `~`.

mod aggregate;
mod chart;
mod classes;
mod meta;
mod numbers;
mod panel;
mod report;
mod tally;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::OutputError;
use super::layout::DatasetLayout;
pub use aggregate::{Kind, Param, ParamKey, Scope, Values};
pub use chart::{ChartSummary, MAX_PANELS, write_chart};
pub use classes::{ClassCount, ClassCounts};
pub use numbers::{Distinct, Estimate, Numbers};
pub use report::render as report;
pub use tally::{Choices, Colours};

/// File name of the coverage chart under `preview/`.
pub const CHART_FILE: &str = "coverage.png";

/// What is wrong with a dataset when its coverage cannot be reported.
/// [`OutputError::Stats`] pairs it with the file or directory concerned.
#[derive(thiserror::Error, Debug)]
pub enum StatsIssue {
    /// The dataset directory or its `meta/` does not exist (or is not a directory).
    #[error("no such directory")]
    NoDirectory,
    /// `meta/` holds no file named `NNNNNN.json`.
    #[error("it holds no meta file (NNNNNN.json)")]
    NoMetaFiles,
    /// A meta file or `coco.json` is not valid JSON or not shaped as expected; the message
    /// has the line and column.
    #[error("broken JSON: {0}")]
    Json(serde_json::Error),
}

impl StatsIssue {
    /// This issue as an [`OutputError`] about `path`.
    pub fn at(self, path: impl Into<PathBuf>) -> OutputError {
        OutputError::Stats {
            path: path.into(),
            issue: self,
        }
    }
}

/// The coverage of one dataset.
#[derive(Clone, Debug)]
pub struct DatasetStats {
    /// The dataset directory.
    pub root: PathBuf,
    /// Meta files read.
    pub images: u64,
    /// Smallest and largest image index.
    pub index_range: Option<(u64, u64)>,
    /// Entries of `meta/` that are not meta files (ignored).
    pub skipped_files: u64,
    /// Scene names, per image.
    pub scenes: Choices,
    /// Conditions, per image.
    pub conditions: Choices,
    /// Parameters in key order: image parameters by name, then object parameters by
    /// category id and name.
    pub params: BTreeMap<ParamKey, Param>,
    /// Objects placed per category id (from the meta files; visible or not).
    pub placed: BTreeMap<u32, u64>,
    /// Samples not counted because too many parameter names were seen.
    pub dropped_samples: u64,
    /// Whether the meta files were read twice (some parameter needed bins).
    pub two_passes: bool,
    /// Class counts from `coco.json`; `None` if it does not exist yet.
    pub classes: Option<ClassCounts>,
}

impl DatasetStats {
    /// The name of category `id`: from `coco.json`, else `category_<id>`.
    pub fn category_name(&self, id: u32) -> String {
        let named = self.classes.as_ref().and_then(|c| c.names.get(&id));
        named.cloned().unwrap_or_else(|| format!("category_{id}"))
    }

    /// The name a parameter is reported under: its sample name, prefixed with the category
    /// name for object parameters (`car.paint.colour`).
    pub fn param_name(&self, key: &ParamKey) -> String {
        match key.scope {
            Scope::Image => key.name.clone(),
            Scope::Object(id) => format!("{}.{}", self.category_name(id), key.name),
        }
    }
}

/// `OUT/preview/coverage.png`, where `render stats` writes its chart unless told otherwise.
pub fn default_path(root: &Path) -> PathBuf {
    DatasetLayout::new(root).preview_dir().join(CHART_FILE)
}

/// Reads the meta files (once or twice) and `coco.json` of the dataset at `root`.
pub fn collect(root: &Path) -> Result<DatasetStats, OutputError> {
    if !root.is_dir() {
        return Err(StatsIssue::NoDirectory.at(root));
    }
    let layout = DatasetLayout::new(root);
    let files = meta::MetaFiles::list(&layout.meta_dir())?;
    let mut agg = aggregate::Aggregator::default();
    files.for_each(|m| agg.first_pass(m))?;
    let two_passes = agg.needs_second_pass();
    if two_passes {
        files.for_each(|m| agg.second_pass(m))?;
    }
    agg.finish();
    Ok(DatasetStats {
        root: root.to_path_buf(),
        images: agg.images,
        index_range: files.index_range(),
        skipped_files: files.skipped,
        scenes: agg.scenes,
        conditions: agg.conditions,
        params: agg.params,
        placed: agg.placed,
        dropped_samples: agg.dropped_samples,
        two_passes,
        classes: classes::read(&layout.coco())?,
    })
}
