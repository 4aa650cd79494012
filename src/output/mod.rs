//! Dataset layout, PNG encoding, atomic writes, the streaming COCO writer and the manifest.
//!
//! Everything that lands under `OUT/` goes through this module:
//!
//! - [`layout`] maps an image index to its paths (the DESIGN.md output layout);
//! - [`png_encode`] turns readback buffers into PNG bytes (fast fdeflate settings);
//! - [`atomic`] writes a file under a temporary name, fsyncs it and renames it into place,
//!   so a crash never leaves a half-written file under its final name;
//! - [`coco`] streams COCO instances to disk with memory that does not grow with `--count`;
//!   [`coco_read`] streams them back in, element by element;
//! - [`formats`] writes the label formats besides COCO (`--format yolo,cityscapes`);
//! - [`manifest`] writes `dataset.json` and refuses to mix two different datasets in one directory;
//! - [`sheet`] draws contact sheets (images with mask outlines, boxes and names) from the
//!   finished files; [`preview`] writes the one made after each run;
//! - [`stats`] reports and charts the coverage of a finished dataset (`render stats`);
//! - [`validate`] checks a finished dataset against the output contract (`render validate`).

pub mod atomic;
pub mod coco;
pub mod coco_read;
pub mod formats;
pub mod layout;
pub mod manifest;
pub mod merge;
mod part;
pub mod png_encode;
pub mod preview;
pub mod records;
pub mod sheet;
pub mod stats;
pub mod validate;

use std::path::PathBuf;

/// Everything that can go wrong while writing a dataset.
///
/// Each message names the path (or the image) and what failed, e.g.
/// `cannot write out/street/images/000001.png: No space left on device (os error 28)`.
///
/// The underlying I/O or JSON error is part of the message and kept in the variant, but it is
/// deliberately not exposed through [`std::error::Error::source`]: a chain printed with
/// `{:#}` would otherwise repeat it.
#[derive(thiserror::Error, Debug)]
pub enum OutputError {
    /// A file system operation on `path` failed; `action` says which ("write", "create",
    /// "rename ... to", "sync", ...).
    #[error("cannot {action} {}: {error}", path.display())]
    Io {
        /// What was being done, phrased to follow "cannot".
        action: String,
        /// The file or directory involved.
        path: PathBuf,
        /// The error the operating system reported.
        error: std::io::Error,
    },
    /// A JSON document for `path` could not be serialised or parsed.
    #[error("cannot {action} JSON of {}: {error}", path.display())]
    Json {
        /// "serialise" or "parse".
        action: &'static str,
        /// The file the JSON belongs to.
        path: PathBuf,
        /// The serde_json error.
        error: serde_json::Error,
    },
    /// The PNG encoder rejected an image.
    #[error("cannot encode {kind} PNG of {width}x{height}: {reason}")]
    Png {
        /// The kind of image, e.g. "8-bit RGB".
        kind: &'static str,
        /// Image width in pixels.
        width: u32,
        /// Image height in pixels.
        height: u32,
        /// What the encoder reported.
        reason: String,
    },
    /// A pixel buffer does not hold `width * height` pixels of the expected kind.
    #[error(
        "cannot encode {kind} PNG of {width}x{height}: buffer holds {actual} values, \
         {expected} expected"
    )]
    BufferSize {
        /// The kind of image, e.g. "16-bit grey".
        kind: &'static str,
        /// Image width in pixels.
        width: u32,
        /// Image height in pixels.
        height: u32,
        /// Number of values the buffer should hold.
        expected: u64,
        /// Number of values it holds.
        actual: usize,
    },
    /// The output directory already holds something this run must not overwrite.
    #[error("{}: {reason}; pass --force or choose another --out", path.display())]
    Conflict {
        /// The output directory, or the unreadable `dataset.json` inside it.
        path: PathBuf,
        /// Why it conflicts, e.g. "holds a different dataset: seed 7 vs 3 (existing vs this run)".
        reason: String,
    },
    /// Datasets that cannot be merged.
    #[error("cannot merge {}: {reason}", path.display())]
    Merge {
        /// The input (or output file) at fault.
        path: PathBuf,
        /// Why, e.g. "seed 3 differs from shard-0's 7".
        reason: String,
    },
    /// The output path exists but is not a directory.
    #[error("cannot use {} as the output directory: it exists and is not a directory", path.display())]
    NotADirectory {
        /// The path given as the output directory.
        path: PathBuf,
    },
    /// The COCO writer was used against its contract (images out of order, an annotation for
    /// another image, use after an earlier write failed); reported instead of writing a bad file.
    #[error("cannot add to {}: {reason}", path.display())]
    CocoOrder {
        /// The `coco.json` being written.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
    /// A contact sheet could not be made: the dataset directory, `coco.json`, an image or a
    /// mask is missing or wrong, or the options ask for an impossible sheet.
    #[error("cannot make a contact sheet from {}: {issue}", path.display())]
    Sheet {
        /// The dataset directory, `coco.json`, image or mask concerned.
        path: PathBuf,
        /// What is wrong with it.
        issue: sheet::SheetIssue,
    },
    /// A coverage report could not be made: the dataset directory or `meta/` is missing, a
    /// meta file or `coco.json` is broken, or the chart is impossible.
    #[error("cannot report the coverage of {}: {issue}", path.display())]
    Stats {
        /// The dataset directory, `meta/`, the meta file or `coco.json` concerned.
        path: PathBuf,
        /// What is wrong with it.
        issue: stats::StatsIssue,
    },
}

impl OutputError {
    /// Builds an [`OutputError::Io`] for `action` on `path`.
    pub fn io(action: impl Into<String>, path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        Self::Io {
            action: action.into(),
            path: path.into(),
            error,
        }
    }
}
