//! Part files of the streaming COCO writer: append-only JSON fragments copied into the final file.

use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::OutputError;
use super::atomic::AtomicFile;

/// A part file: a buffered writer plus its path, so it can be read back and removed.
#[derive(Debug)]
pub(crate) struct Part {
    /// Where the part lives.
    pub(crate) path: PathBuf,
    /// Buffered writer on it.
    pub(crate) writer: BufWriter<File>,
}

impl Part {
    /// Creates (truncates) a part file next to `target`, named `TARGET.<what>.part-<pid>`.
    pub(crate) fn create(target: &Path, what: &str) -> Result<Self, OutputError> {
        let mut name = target.file_name().unwrap_or(target.as_os_str()).to_owned();
        name.push(format!(".{what}.part-{}", std::process::id()));
        let path = target.with_file_name(name);
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(|e| OutputError::io("create", &path, e))?;
        Ok(Self {
            path,
            writer: BufWriter::with_capacity(1 << 16, file),
        })
    }

    /// Writes `sep` and then `bytes` as they are.
    pub(crate) fn push_raw(&mut self, sep: &[u8], bytes: &[u8]) -> Result<(), OutputError> {
        self.writer
            .write_all(sep)
            .and_then(|()| self.writer.write_all(bytes))
            .map_err(|e| OutputError::io("write", &self.path, e))
    }

    /// Flushes the part, rewinds it and copies it into `out`, then removes the part file.
    pub(crate) fn copy_into(self, out: &mut AtomicFile) -> Result<(), OutputError> {
        let path = self.path;
        let mut file = self
            .writer
            .into_inner()
            .map_err(|e| OutputError::io("write", &path, e.into_error()))?;
        let copied = file
            .seek(SeekFrom::Start(0))
            .and_then(|_| io::copy(&mut file, out));
        if let Err(e) = copied {
            let _ = fs::remove_file(&path);
            return Err(OutputError::io(
                format!("copy {} into", path.display()),
                out.path().to_path_buf(),
                e,
            ));
        }
        drop(file);
        fs::remove_file(&path).map_err(|e| OutputError::io("remove", &path, e))
    }
}
