//! The RON scene format (`scenes/*.ron`) and the asset catalogue (`assets/catalog.ron`).

use super::range::{IntRange, Range};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A scene file: what to place and what to randomise, per image.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Scene")]
pub struct SceneConfig {
    /// Scene name; defaults to the file stem.
    #[serde(default)]
    pub name: Option<String>,
    /// Default seed (the CLI's `--seed` overrides it; 0 when neither is given).
    #[serde(default)]
    pub seed: Option<u64>,
    /// Default `(width, height)`; the CLI overrides it; 1280×720 when neither is given.
    #[serde(default)]
    pub resolution: Option<(u32, u32)>,
    /// Catalogue path, relative to the scene file.
    #[serde(default = "default_catalog")]
    pub catalog: String,
    /// Camera randomisation.
    pub camera: CameraConfig,
    /// Sun and sky randomisation.
    pub sun: SunConfig,
    /// Stuff assets placed at the origin (the road and its surroundings).
    pub ground: Vec<String>,
    /// Groups of things placed at random.
    pub objects: Vec<ObjectGroup>,
}

fn default_catalog() -> String {
    "../assets/catalog.ron".into()
}

/// The camera: a dashcam on the road, looking down +Z.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CameraConfig {
    /// Height above the ground, metres.
    pub height_m: Range,
    /// Sideways position, metres (+X is left when looking down +Z).
    pub lateral_m: Range,
    /// Pitch, degrees; negative looks down.
    pub pitch_deg: Range,
    /// Yaw, degrees; 0 looks down +Z, positive turns left.
    pub yaw_deg: Range,
    /// Vertical field of view, degrees.
    pub fov_y_deg: Range,
    /// Near clip plane, metres.
    #[serde(default = "default_near")]
    pub near_m: f64,
    /// Far clip plane, metres.
    #[serde(default = "default_far")]
    pub far_m: f64,
}

fn default_near() -> f64 {
    0.1
}

fn default_far() -> f64 {
    1000.0
}

/// The sun, ambient light and sky colour.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SunConfig {
    /// Elevation above the horizon, degrees.
    pub elevation_deg: Range,
    /// Azimuth, degrees clockwise from +Z seen from above.
    pub azimuth_deg: Range,
    /// Sun intensity (linear multiplier of white).
    pub intensity: Range,
    /// Ambient intensity (linear multiplier of the sky colour).
    pub ambient: Range,
    /// Linear RGB sky colour where nothing is hit.
    pub sky_color: [f32; 3],
}

/// A group of things: how many, which assets, where and facing which way.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectGroup {
    /// Catalogue asset names, chosen uniformly per object.
    pub assets: Vec<String>,
    /// How many objects, inclusive range.
    pub count: IntRange,
    /// Sideways position, metres.
    pub x_m: Range,
    /// Distance along the road, metres.
    pub z_m: Range,
    /// Heading, degrees; 0 faces +Z.
    pub yaw_deg: Range,
    /// Extra gap kept between footprints, metres.
    #[serde(default = "default_clearance")]
    pub clearance_m: f64,
}

fn default_clearance() -> f64 {
    0.2
}

/// Whether a category is annotated per instance.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum CategoryKind {
    /// Countable objects: instance ids and COCO annotations.
    Thing,
    /// Amorphous regions: semantic mask only.
    Stuff,
}

/// One category of the catalogue.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    /// Id: COCO's where COCO has the class, otherwise > 90.
    pub id: u16,
    /// Name, e.g. "car".
    pub name: String,
    /// Supercategory, e.g. "vehicle".
    pub supercategory: String,
    /// Thing or stuff.
    pub kind: CategoryKind,
}

/// One asset of the catalogue.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetDef {
    /// glTF file, relative to the catalogue.
    pub file: String,
    /// Category name.
    pub category: String,
}

/// The single source of category ids and the asset → category map.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Categories.
    pub categories: Vec<CategoryDef>,
    /// Assets by name.
    pub assets: BTreeMap<String, AssetDef>,
}
