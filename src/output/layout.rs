//! The on-disk dataset layout from DESIGN.md: where each file of image `i` goes.
//!
//! ```text
//! OUT/
//!   images/000000.png            RGB, 8-bit sRGB
//!   masks/instance/000000.png    16-bit grey instance ids
//!   masks/semantic/000000.png    8-bit grey category ids
//!   meta/000000.json             per-image sampled values
//!   annotations/coco.json        COCO instances
//!   dataset.json                 the manifest
//!   preview/                     contact sheets
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use super::OutputError;

/// Directory of RGB images, relative to the dataset root.
pub const IMAGES_DIR: &str = "images";
/// Directory of 16-bit instance masks, relative to the dataset root.
pub const INSTANCE_MASKS_DIR: &str = "masks/instance";
/// Directory of 8-bit semantic masks, relative to the dataset root.
pub const SEMANTIC_MASKS_DIR: &str = "masks/semantic";
/// Directory of per-image metadata JSON, relative to the dataset root.
pub const META_DIR: &str = "meta";
/// Directory of annotation files, relative to the dataset root.
pub const ANNOTATIONS_DIR: &str = "annotations";
/// Directory of contact sheets and other previews, relative to the dataset root.
pub const PREVIEW_DIR: &str = "preview";
/// File name of the manifest in the dataset root.
pub const MANIFEST_FILE: &str = "dataset.json";

/// Paths of one dataset rooted at `root`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetLayout {
    /// The dataset root (`--out`).
    pub root: PathBuf,
}

impl DatasetLayout {
    /// A layout rooted at `root`. Nothing is created until [`DatasetLayout::create_dirs`].
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The file stem of image `index`: the index zero-padded to at least 6 digits
    /// (`0` → `"000000"`, `1234567` → `"1234567"`).
    pub fn stem(index: u64) -> String {
        format!("{index:06}")
    }

    /// The PNG file name of image `index`, relative to `images/` (COCO's `file_name`).
    pub fn image_file_name(index: u64) -> String {
        format!("{index:06}.png")
    }

    /// `images/`.
    pub fn images_dir(&self) -> PathBuf {
        self.root.join(IMAGES_DIR)
    }

    /// `masks/instance/`.
    pub fn instance_masks_dir(&self) -> PathBuf {
        self.root.join(INSTANCE_MASKS_DIR)
    }

    /// `masks/semantic/`.
    pub fn semantic_masks_dir(&self) -> PathBuf {
        self.root.join(SEMANTIC_MASKS_DIR)
    }

    /// `meta/`.
    pub fn meta_dir(&self) -> PathBuf {
        self.root.join(META_DIR)
    }

    /// `annotations/`.
    pub fn annotations_dir(&self) -> PathBuf {
        self.root.join(ANNOTATIONS_DIR)
    }

    /// `preview/`: contact sheets (not created by [`DatasetLayout::create_dirs`]).
    pub fn preview_dir(&self) -> PathBuf {
        self.root.join(PREVIEW_DIR)
    }

    /// `images/NNNNNN.png`: the 8-bit sRGB image.
    pub fn image(&self, index: u64) -> PathBuf {
        self.images_dir().join(Self::image_file_name(index))
    }

    /// `masks/instance/NNNNNN.png`: the 16-bit instance mask.
    pub fn instance_mask(&self, index: u64) -> PathBuf {
        self.instance_masks_dir().join(Self::image_file_name(index))
    }

    /// `masks/semantic/NNNNNN.png`: the 8-bit semantic mask.
    pub fn semantic_mask(&self, index: u64) -> PathBuf {
        self.semantic_masks_dir().join(Self::image_file_name(index))
    }

    /// `meta/NNNNNN.json`: every sampled value of the image.
    pub fn meta(&self, index: u64) -> PathBuf {
        self.meta_dir().join(format!("{index:06}.json"))
    }

    /// `annotations/coco.json`.
    pub fn coco(&self) -> PathBuf {
        self.annotations_dir().join("coco.json")
    }

    /// `dataset.json`.
    pub fn manifest(&self) -> PathBuf {
        self.root.join(MANIFEST_FILE)
    }

    /// Every directory this layout writes into, root first.
    pub fn dirs(&self) -> Vec<PathBuf> {
        vec![
            self.root.clone(),
            self.images_dir(),
            self.instance_masks_dir(),
            self.semantic_masks_dir(),
            self.meta_dir(),
            self.annotations_dir(),
        ]
    }

    /// Creates every directory of the layout and checks that each one is writable
    /// (by creating and removing a probe file), so a read-only output fails before any
    /// rendering starts. The error names the directory.
    pub fn create_dirs(&self) -> Result<(), OutputError> {
        if self.root.exists() && !self.root.is_dir() {
            return Err(OutputError::NotADirectory {
                path: self.root.clone(),
            });
        }
        for dir in self.dirs() {
            fs::create_dir_all(&dir).map_err(|e| OutputError::io("create directory", &dir, e))?;
            probe_writable(&dir)?;
        }
        Ok(())
    }
}

/// Creates and removes a probe file in `dir`; the error names the directory.
fn probe_writable(dir: &Path) -> Result<(), OutputError> {
    let probe = dir.join(format!(".sdgen-probe-{}", std::process::id()));
    fs::write(&probe, b"").map_err(|e| OutputError::io("write into directory", dir, e))?;
    fs::remove_file(&probe).map_err(|e| OutputError::io("remove probe file", &probe, e))
}
