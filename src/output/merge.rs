//! `render merge`: datasets rendered as shards of one run become one dataset.
//!
//! The inputs must be complete slices of the same run (tool version, scene, seed,
//! resolution) with identical categories, and their image ranges must follow each other
//! without overlap or gap. Every file of every input is copied (via a temporary file and a
//! rename) except `dataset.json`, `coco.json`, previews and WebDataset shards; a file two
//! inputs both hold must be byte-identical (`yolo/data.yaml`). Then `coco.json` (and the
//! shards, when the inputs have them) are assembled from the per-image records, exactly as
//! one unsharded run assembles them: the same annotation ids. One file at a time is in
//! memory.

use super::OutputError;
use super::atomic::{sync_dir, temp_path_for};
use super::coco::{CocoCategory, CocoInfo, CocoSummary};
use super::layout::DatasetLayout;
use super::manifest::{self, DatasetManifest};
use super::records::{self, Assembly};
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level entries of an input not copied: rebuilt, or not part of the data.
const NOT_COPIED: [&str; 3] = ["dataset.json", "preview", "webdataset"];

/// What a merge made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergeSummary {
    /// Images in the merged dataset.
    pub images: u64,
    /// Annotations in it.
    pub annotations: u64,
}

fn conflict(path: &Path, reason: String) -> OutputError {
    OutputError::Merge {
        path: path.to_path_buf(),
        reason,
    }
}

/// Merges the datasets in `inputs` into `out` (which must be new or empty, unless `force`).
pub fn merge(inputs: &[PathBuf], out: &Path, force: bool) -> Result<MergeSummary, OutputError> {
    let mut slices = Vec::with_capacity(inputs.len());
    for input in inputs {
        let m = manifest::read_manifest(&DatasetLayout::new(input))?;
        if !m.complete {
            return Err(conflict(input, "is not complete (resume it first)".into()));
        }
        slices.push((input.clone(), m));
    }
    slices.sort_by_key(|(_, m)| m.start);
    let Some((first_path, first)) = slices.first().cloned() else {
        return Err(conflict(out, "nothing to merge".into()));
    };
    let wanted = categories(&first_path)?;
    for pair in slices.windows(2) {
        let ((a_path, a), (b_path, b)) = (&pair[0], &pair[1]);
        same_run(a_path, a, b_path, b)?;
        if b.start != a.start + a.count {
            let what = if b.start < a.start + a.count {
                "overlap"
            } else {
                "leave a gap"
            };
            return Err(conflict(
                b_path,
                format!(
                    "images {}..{} and {}'s {}..{} {what}",
                    b.start,
                    b.start + b.count,
                    a_path.display(),
                    a.start,
                    a.start + a.count
                ),
            ));
        }
        if categories(b_path)? != wanted {
            return Err(conflict(
                b_path,
                format!("has other categories than {}", first_path.display()),
            ));
        }
    }
    let count = slices.iter().map(|(_, m)| m.count).sum();
    let merged = DatasetManifest {
        count,
        complete: false,
        ..first.clone()
    };
    manifest::check_existing(out, &merged, force)?;
    let layout = DatasetLayout::new(out);
    layout.create_dirs()?;
    manifest::write_manifest(&layout, &merged)?;
    for (input, _) in &slices {
        copy_tree(input, out, true)?;
    }
    let webdataset = first_path.join("webdataset").is_dir();
    let info = CocoInfo::now(
        format!(
            "sdgen synthetic dataset, scene {} (merged)",
            first.scene_name
        ),
        first.version.clone(),
    );
    let assembly = Assembly {
        info,
        categories: wanted,
        webdataset,
    };
    let CocoSummary {
        images,
        annotations,
    } = records::assemble(&layout, (merged.start, count), assembly)?;
    manifest::write_manifest(
        &layout,
        &DatasetManifest {
            complete: true,
            ..merged
        },
    )?;
    Ok(MergeSummary {
        images,
        annotations,
    })
}

/// Both slices come from one run.
fn same_run(
    a_path: &Path,
    a: &DatasetManifest,
    b_path: &Path,
    b: &DatasetManifest,
) -> Result<(), OutputError> {
    let fields = [
        ("tool version", a.version.clone(), b.version.clone()),
        ("scene", a.scene_hash.clone(), b.scene_hash.clone()),
        ("seed", a.seed.to_string(), b.seed.to_string()),
        (
            "resolution",
            format!("{}x{}", a.width, a.height),
            format!("{}x{}", b.width, b.height),
        ),
    ];
    for (field, x, y) in fields {
        if x != y {
            return Err(conflict(
                b_path,
                format!("{field} {y} differs from {}'s {x}", a_path.display()),
            ));
        }
    }
    Ok(())
}

/// The `categories` of `input`'s `coco.json`, streamed past its images and annotations.
fn categories(input: &Path) -> Result<Vec<CocoCategory>, OutputError> {
    #[derive(serde::Deserialize)]
    struct Only {
        categories: Vec<CocoCategory>,
    }
    let path = DatasetLayout::new(input).coco();
    let file = fs::File::open(&path).map_err(|e| OutputError::io("open", &path, e))?;
    let only: Only = serde_json::from_reader(std::io::BufReader::new(file)).map_err(|error| {
        OutputError::Json {
            action: "parse",
            path: path.clone(),
            error,
        }
    })?;
    Ok(only.categories)
}

/// Copies the files under `from` into `to`, skipping [`NOT_COPIED`] and `coco.json` at the
/// top (`top`); links are recreated as links.
fn copy_tree(from: &Path, to: &Path, top: bool) -> Result<(), OutputError> {
    fs::create_dir_all(to).map_err(|e| OutputError::io("create directory", to, e))?;
    let entries = fs::read_dir(from).map_err(|e| OutputError::io("read directory", from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| OutputError::io("read directory", from, e))?;
        let name = entry.file_name();
        let (source, target) = (entry.path(), to.join(&name));
        let skip = top && NOT_COPIED.iter().any(|n| name == *n);
        let is_coco = source.file_name().is_some_and(|n| n == "coco.json");
        let kind = entry
            .file_type()
            .map_err(|e| OutputError::io("inspect", &source, e))?;
        if skip || (is_coco && source.parent().is_some_and(|p| p.ends_with("annotations"))) {
            continue;
        }
        if kind.is_symlink() {
            copy_link(&source, &target)?;
        } else if kind.is_dir() {
            copy_tree(&source, &target, false)?;
        } else {
            copy_file(&source, &target)?;
        }
    }
    sync_dir(to);
    Ok(())
}

fn copy_file(source: &Path, target: &Path) -> Result<(), OutputError> {
    if target.exists() {
        let same = fs::read(source).ok() == fs::read(target).ok();
        return match same {
            true => Ok(()),
            false => Err(conflict(
                target,
                format!("differs from {}, which is merged into it", source.display()),
            )),
        };
    }
    let temp = temp_path_for(target);
    fs::copy(source, &temp).map_err(|e| OutputError::io("copy into", &temp, e))?;
    fs::rename(&temp, target).map_err(|e| OutputError::io("rename into place", target, e))
}

#[cfg(unix)]
fn copy_link(source: &Path, target: &Path) -> Result<(), OutputError> {
    let points_to = fs::read_link(source).map_err(|e| OutputError::io("read link", source, e))?;
    if fs::symlink_metadata(target).is_ok() {
        return Ok(());
    }
    std::os::unix::fs::symlink(points_to, target)
        .map_err(|e| OutputError::io("create the symbolic link", target, e))
}

#[cfg(not(unix))]
fn copy_link(_source: &Path, _target: &Path) -> Result<(), OutputError> {
    Ok(())
}
