//! Atomic file writes: write a temporary file next to the target, fsync it, rename it over the target.
//!
//! The temporary file is `PATH.tmp-<pid>-<n>` in the same directory (so the rename never crosses
//! a file system), where `n` is a per-process counter so two threads can never share a temporary
//! file. On any failure the temporary file is removed and the target is left untouched: a reader
//! sees either the old content or the new content, never a partial file.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::OutputError;

/// Counter that makes temporary names unique within this process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Removes every temporary file (`NAME.tmp-<pid>-<n>`) under `root`, however deep: what a
/// killed run left behind. Returns how many it removed.
pub fn remove_temporaries(root: &Path) -> Result<u64, OutputError> {
    let mut removed = 0;
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| OutputError::io("read directory", &dir, e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            match entry.file_type() {
                Ok(t) if t.is_dir() => dirs.push(path),
                Ok(t) if t.is_file() && (name.contains(".tmp-") || name.contains(".part-")) => {
                    fs::remove_file(&path).map_err(|e| OutputError::io("remove", &path, e))?;
                    removed += 1;
                }
                _ => {}
            }
        }
    }
    Ok(removed)
}

/// Returns a fresh temporary path `PATH.tmp-<pid>-<n>` next to `path`.
pub fn temp_path_for(path: &Path) -> PathBuf {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut name = OsString::from(path.file_name().unwrap_or(path.as_os_str()));
    name.push(format!(".tmp-{}-{n}", std::process::id()));
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically: temporary file, fsync, rename over `path`.
///
/// The parent directory must exist. On failure the temporary file is removed and the error names
/// the path and the step that failed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)
        .map_err(|e| OutputError::io("write", path, e))?;
    file.commit()
}

/// A file being written under a temporary name; [`AtomicFile::commit`] moves it into place.
///
/// Writes are buffered. Dropping an `AtomicFile` without committing removes the temporary file,
/// so the target never appears.
#[derive(Debug)]
pub struct AtomicFile {
    /// The final path.
    path: PathBuf,
    /// The temporary path being written.
    temp: PathBuf,
    /// Buffered writer on the temporary file; `None` once committed.
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `path`. The error names `path` if that is not possible
    /// (missing parent directory, no permission, ...).
    pub fn create(path: &Path) -> Result<Self, OutputError> {
        let temp = temp_path_for(path);
        let file = File::create(&temp).map_err(|e| OutputError::io("create", path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            temp,
            writer: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// The final path this file will have after [`AtomicFile::commit`].
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, fsyncs and renames the temporary file over the final path.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        let result = finish_file(writer, &self.temp, &self.path);
        if result.is_err() {
            // Best effort: the error we report is the one that made the write fail.
            let _ = fs::remove_file(&self.temp);
        }
        result
    }
}

/// Flush + fsync + rename; any failure is reported against the final path.
fn finish_file(writer: BufWriter<File>, temp: &Path, path: &Path) -> Result<(), OutputError> {
    let file = writer
        .into_inner()
        .map_err(|e| OutputError::io("write", path, e.into_error()))?;
    file.sync_all()
        .map_err(|e| OutputError::io("sync", path, e))?;
    drop(file);
    fs::rename(temp, path).map_err(|e| {
        OutputError::io(
            format!("rename {} to", temp.display()),
            path.to_path_buf(),
            e,
        )
    })
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.writer.as_mut() {
            Some(w) => w.write(buf),
            None => Err(std::io::Error::other("atomic file already committed")),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self.writer.as_mut() {
            Some(w) => w.write_all(buf),
            None => Err(std::io::Error::other("atomic file already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.writer.as_mut() {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            // Not committed: close the file, then remove it so the target never appears.
            drop(writer.into_parts());
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Fsyncs a directory so that a rename inside it survives a crash (best effort on Unix;
/// a no-op elsewhere). Used after the end-of-run files (`coco.json`, `dataset.json`).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_paths_are_unique_siblings() {
        let a = temp_path_for(Path::new("out/images/000001.png"));
        let b = temp_path_for(Path::new("out/images/000001.png"));
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(Path::new("out/images")));
        let name = a.file_name().map(|n| n.to_string_lossy().into_owned());
        let prefix = format!("000001.png.tmp-{}-", std::process::id());
        assert!(name.is_some_and(|n| n.starts_with(&prefix)));
    }
}
