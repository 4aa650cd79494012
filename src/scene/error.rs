//! Errors in scene and catalogue files, always with file:line:column when we have one.

use std::path::PathBuf;

/// A scene or catalogue file is unusable.
#[derive(thiserror::Error, Debug)]
pub enum SceneError {
    /// The file could not be read (or no built-in scene has that name).
    #[error("{path}: cannot read: {message}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// RON syntax error, unknown field, wrong type, or a value that failed validation.
    #[error("{path}:{line}:{column}: {field}{message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// `field.path: ` prefix, or empty.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A reference to something that does not exist (an asset or category name).
    #[error("{path}:{line}:{column}: {field}: {message}")]
    Reference {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The field holding the reference.
        field: String,
        /// What is wrong.
        message: String,
    },
}
