//! `dataset.json`: what produced a dataset, and the check that keeps two datasets apart.
//!
//! The manifest is written once before rendering (`complete: false`) and again at the end
//! (`complete: true`), both times atomically. Before writing anything, [`check_existing`]
//! refuses an output directory that holds a different dataset or foreign files.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::OutputError;
use super::atomic::{sync_dir, write_atomic};
use super::layout::{DatasetLayout, MANIFEST_FILE};

/// The value of [`DatasetManifest::tool`].
pub const TOOL_NAME: &str = "sdgen";

/// The content of `dataset.json`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DatasetManifest {
    /// Always `"sdgen"`.
    pub tool: String,
    /// Version of the tool that wrote the dataset (`CARGO_PKG_VERSION`).
    pub version: String,
    /// Name of the scene (its file stem).
    pub scene_name: String,
    /// Lower-case hex SHA-256 of the scene file's bytes, see [`scene_hash`].
    pub scene_hash: String,
    /// The seed every image's generator derives from.
    pub seed: u64,
    /// Index of the first image.
    pub start: u64,
    /// Number of images.
    pub count: u64,
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// `true` once every image and `annotations/coco.json` are written.
    pub complete: bool,
}

/// Lower-case hex SHA-256 of `bytes` (64 characters).
pub fn scene_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    hex
}

/// Hex digits for [`scene_hash`].
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Decides whether this run may write into `root`.
///
/// `Ok` if `root` does not exist, is an empty directory, or holds a `dataset.json` with the same
/// `scene_hash`, `seed`, `width` and `height` as `manifest` (the same dataset: re-running or
/// extending it is safe); also `Ok` whenever `force` is set. Otherwise
/// [`OutputError::Conflict`], naming the directory and every field that differs
/// (`seed 7 vs 3 (existing vs this run)`). A non-empty directory without `dataset.json` is a
/// conflict ("holds files that are not an sdgen dataset"); an unreadable or unparseable
/// `dataset.json` is a conflict naming that file. A `root` that exists but is not a directory
/// is [`OutputError::NotADirectory`] even with `force`.
pub fn check_existing(
    root: &Path,
    manifest: &DatasetManifest,
    force: bool,
) -> Result<(), OutputError> {
    let mut entries = match fs::read_dir(root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(_) if root.exists() && !root.is_dir() => {
            return Err(OutputError::NotADirectory {
                path: root.to_path_buf(),
            });
        }
        Err(e) => return Err(OutputError::io("read directory", root, e)),
    };
    if force {
        return Ok(());
    }
    if entries.next().is_none() {
        return Ok(());
    }
    let manifest_path = root.join(MANIFEST_FILE);
    let text = match fs::read_to_string(&manifest_path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(OutputError::Conflict {
                path: root.to_path_buf(),
                reason: format!("holds files that are not an sdgen dataset (no {MANIFEST_FILE})"),
            });
        }
        Err(e) => {
            return Err(OutputError::Conflict {
                path: manifest_path,
                reason: format!("cannot be read ({e})"),
            });
        }
    };
    let existing: DatasetManifest =
        serde_json::from_str(&text).map_err(|e| OutputError::Conflict {
            path: manifest_path.clone(),
            reason: format!("is not a valid sdgen manifest ({e})"),
        })?;
    if existing.tool != TOOL_NAME {
        return Err(OutputError::Conflict {
            path: manifest_path,
            reason: format!("was written by {:?}, not {TOOL_NAME}", existing.tool),
        });
    }
    let differences = differences(&existing, manifest);
    if differences.is_empty() {
        Ok(())
    } else {
        Err(OutputError::Conflict {
            path: root.to_path_buf(),
            reason: format!(
                "holds a different dataset: {} (existing vs this run)",
                differences.join(", ")
            ),
        })
    }
}

/// The fields that make `existing` a different dataset from `new`, described for a message.
fn differences(existing: &DatasetManifest, new: &DatasetManifest) -> Vec<String> {
    let mut out = Vec::new();
    if existing.scene_hash != new.scene_hash {
        out.push(format!(
            "scene {} (sha256 {}) vs {} (sha256 {})",
            existing.scene_name,
            short(&existing.scene_hash),
            new.scene_name,
            short(&new.scene_hash)
        ));
    }
    if existing.seed != new.seed {
        out.push(format!("seed {} vs {}", existing.seed, new.seed));
    }
    if (existing.width, existing.height) != (new.width, new.height) {
        out.push(format!(
            "resolution {}x{} vs {}x{}",
            existing.width, existing.height, new.width, new.height
        ));
    }
    out
}

/// The first 12 characters of a hash, enough to tell two scenes apart in a message.
fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// Writes `m` to `dataset.json` atomically, as pretty JSON with a trailing newline.
pub fn write_manifest(layout: &DatasetLayout, m: &DatasetManifest) -> Result<(), OutputError> {
    let path = layout.manifest();
    let mut bytes = serde_json::to_vec_pretty(m).map_err(|error| OutputError::Json {
        action: "serialise",
        path: path.clone(),
        error,
    })?;
    bytes.push(b'\n');
    write_atomic(&path, &bytes)?;
    sync_dir(&layout.root);
    Ok(())
}

/// Reads `dataset.json` from `layout`; the error names the file.
pub fn read_manifest(layout: &DatasetLayout) -> Result<DatasetManifest, OutputError> {
    let path = layout.manifest();
    let text = fs::read_to_string(&path).map_err(|e| OutputError::io("read", &path, e))?;
    serde_json::from_str(&text).map_err(|error| OutputError::Json {
        action: "parse",
        path,
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            scene_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn short_hash_handles_short_strings() {
        assert_eq!(short("abc"), "abc");
        assert_eq!(short(&"f".repeat(64)).len(), 12);
    }
}
