//! glTF importer tests on tiny glTF/GLB files built by hand in each test.

#[path = "importer/support.rs"]
mod support;

#[path = "importer/errors.rs"]
mod errors;
#[path = "importer/formats.rs"]
mod formats;
#[path = "importer/geometry.rs"]
mod geometry;
#[path = "importer/materials.rs"]
mod materials;
