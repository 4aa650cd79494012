//! Where scene and asset bytes come from: the file system, or files embedded in the binary.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

/// Reads files by path. Paths are joined and normalised by the caller's rules (see [`join`]).
pub trait FileSource: Send + Sync {
    /// Returns the bytes of `path`, or an I/O error (NotFound when absent).
    fn read(&self, path: &Path) -> std::io::Result<Cow<'static, [u8]>>;
}

/// Reads from the real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiskSource;

impl FileSource for DiskSource {
    fn read(&self, path: &Path) -> std::io::Result<Cow<'static, [u8]>> {
        std::fs::read(path).map(Cow::Owned)
    }
}

/// Reads from a fixed table of files compiled into the binary, keyed by normalised
/// relative path such as `assets/car.glb`.
#[derive(Clone, Copy, Debug)]
pub struct EmbeddedSource {
    files: &'static [(&'static str, &'static [u8])],
}

impl EmbeddedSource {
    /// Wraps a table of `(path, bytes)`.
    pub const fn new(files: &'static [(&'static str, &'static [u8])]) -> Self {
        Self { files }
    }

    /// The paths in the table.
    pub fn paths(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.files.iter().map(|(p, _)| *p)
    }
}

impl FileSource for EmbeddedSource {
    fn read(&self, path: &Path) -> std::io::Result<Cow<'static, [u8]>> {
        let wanted = normalise(path);
        self.files
            .iter()
            .find(|(p, _)| Path::new(p) == wanted)
            .map(|(_, bytes)| Cow::Borrowed(*bytes))
            .ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("no built-in file {}", wanted.display()),
                )
            })
    }
}

/// Joins `relative` onto the directory holding `base_file`, then normalises `.` and `..`.
pub fn join(base_file: &Path, relative: &str) -> PathBuf {
    let dir = base_file.parent().unwrap_or_else(|| Path::new(""));
    normalise(&dir.join(relative))
}

/// Removes `.` components and folds `..` into its parent where one exists.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
