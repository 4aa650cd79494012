//! Built-in scenes and their assets, embedded in the binary so `render` works from any directory.

use crate::source::EmbeddedSource;
use std::path::PathBuf;

static FILES: &[(&str, &[u8])] = &[
    ("scenes/street.ron", include_bytes!("../scenes/street.ron")),
    (
        "assets/catalog.ron",
        include_bytes!("../assets/catalog.ron"),
    ),
    ("assets/car.glb", include_bytes!("../assets/car.glb")),
    (
        "assets/person.gltf",
        include_bytes!("../assets/person.gltf"),
    ),
    ("assets/road.glb", include_bytes!("../assets/road.glb")),
];

/// The embedded files.
pub fn files() -> EmbeddedSource {
    EmbeddedSource::new(FILES)
}

/// Names of the built-in scenes, e.g. "street".
pub fn scene_names() -> Vec<&'static str> {
    FILES
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("scenes/")?.strip_suffix(".ron"))
        .collect()
}

/// The embedded path of built-in scene `name` (with or without `.ron`), if there is one.
pub fn scene_path(name: &str) -> Option<PathBuf> {
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    scene_names()
        .contains(&stem)
        .then(|| PathBuf::from(format!("scenes/{stem}.ron")))
}
