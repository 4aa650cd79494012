//! The importer's error type: every message names the glTF file and what is wrong in it.

use std::path::PathBuf;

/// Why a glTF asset could not be imported.
///
/// Every variant carries the path of the glTF/GLB file that was being loaded, and every
/// message starts with it, e.g. `assets/car.glb: buffer 0: data URI is not valid base64 (...)`.
#[derive(thiserror::Error, Debug)]
pub enum ImportError {
    /// The glTF or GLB file itself could not be read from the file source.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The asset file.
        path: PathBuf,
        /// The I/O error from the file source.
        #[source]
        source: std::io::Error,
    },

    /// The file is not valid glTF: malformed JSON, a malformed GLB container, or a
    /// document that fails glTF schema validation (for example an index that points
    /// past the end of an array).
    #[error("{}: not a valid glTF file: {source}", path.display())]
    Parse {
        /// The asset file.
        path: PathBuf,
        /// The parser's error.
        #[source]
        source: gltf::Error,
    },

    /// A file that a buffer or image refers to by relative URI could not be read.
    #[error("{}: {item}: cannot read {}: {source}", path.display(), file.display())]
    External {
        /// The asset file.
        path: PathBuf,
        /// What refers to the file, e.g. `buffer 1` or `image 0`.
        item: String,
        /// The referenced file, resolved against the asset file's directory.
        file: PathBuf,
        /// The I/O error from the file source.
        #[source]
        source: std::io::Error,
    },

    /// A `data:` URI is malformed, is not base64-encoded, or its payload is not valid base64.
    #[error("{}: {item}: {reason}", path.display())]
    DataUri {
        /// The asset file.
        path: PathBuf,
        /// What holds the URI, e.g. `buffer 0`.
        item: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A URI uses a scheme other than `data:` (only embedded data and relative paths are supported).
    #[error(
        "{}: {item}: URI {uri:?} is not supported (only data: URIs and relative paths)",
        path.display()
    )]
    UnsupportedUri {
        /// The asset file.
        path: PathBuf,
        /// What holds the URI, e.g. `image 2`.
        item: String,
        /// The URI as written in the file.
        uri: String,
    },

    /// A primitive uses a topology the renderer cannot draw (points or lines).
    #[error(
        "{}: mesh {mesh} primitive {primitive}: mode {mode} is not supported (only triangles)",
        path.display()
    )]
    UnsupportedMode {
        /// The asset file.
        path: PathBuf,
        /// glTF mesh index.
        mesh: usize,
        /// Primitive index within the mesh.
        primitive: usize,
        /// The glTF mode name, e.g. `Lines`.
        mode: &'static str,
    },

    /// A primitive has no `POSITION` attribute.
    #[error(
        "{}: mesh {mesh} primitive {primitive}: has no POSITION attribute",
        path.display()
    )]
    MissingPositions {
        /// The asset file.
        path: PathBuf,
        /// glTF mesh index.
        mesh: usize,
        /// Primitive index within the mesh.
        primitive: usize,
    },

    /// A primitive's index refers to a vertex that does not exist.
    #[error(
        "{}: mesh {mesh} primitive {primitive}: index {index} is out of range (the primitive has {vertex_count} vertices)",
        path.display()
    )]
    IndexOutOfRange {
        /// The asset file.
        path: PathBuf,
        /// glTF mesh index.
        mesh: usize,
        /// Primitive index within the mesh.
        primitive: usize,
        /// The first offending index value.
        index: u32,
        /// Number of vertices in the primitive.
        vertex_count: usize,
    },

    /// An image could not be decoded as PNG or JPEG.
    #[error("{}: image {image}: cannot decode: {source}", path.display())]
    ImageDecode {
        /// The asset file.
        path: PathBuf,
        /// glTF image index.
        image: usize,
        /// The decoder's error.
        #[source]
        source: image::ImageError,
    },

    /// The node hierarchy is not a set of disjoint trees: a node is reached twice
    /// (it has two parents, is listed twice, or is part of a cycle).
    #[error(
        "{}: node {node}: reached twice; the node hierarchy must be a set of disjoint trees",
        path.display()
    )]
    NodeHierarchy {
        /// The asset file.
        path: PathBuf,
        /// The glTF node index reached twice.
        node: usize,
    },

    /// Binary data or structure that cannot be used: a buffer shorter than declared, a
    /// buffer view or accessor outside its buffer, an accessor of the wrong type, attribute
    /// counts that disagree, or an index count that is not a multiple of three.
    #[error("{}: {item}: {reason}", path.display())]
    Invalid {
        /// The asset file.
        path: PathBuf,
        /// What is wrong, e.g. `mesh 0 primitive 1 NORMAL (accessor 4)` or `buffer 0`.
        item: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The scene that is loaded contains no triangles at all.
    #[error("{}: the scene contains no triangles", path.display())]
    NoTriangles {
        /// The asset file.
        path: PathBuf,
    },
}
