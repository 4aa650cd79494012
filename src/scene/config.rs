//! The RON scene format (`scenes/*.ron`) and the asset catalogue (`assets/catalog.ron`).

use super::dist::Dist;
use super::domain::{Count, NonNeg, Positive};
use super::pick::Pick;
use super::randomisers::*;
use super::section::section;
use super::street_config::{StreetConfig, StreetPatch};
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
    #[serde(default)]
    pub camera: CameraConfig,
    /// Sun, sky and artificial lights.
    #[serde(default)]
    pub lighting: LightingConfig,
    /// Weather parameters.
    #[serde(default)]
    pub weather: WeatherConfig,
    /// Per-object material randomisation.
    #[serde(default)]
    pub materials: MaterialsConfig,
    /// Articulation of people.
    #[serde(default)]
    pub people: PeopleConfig,
    /// A procedural street (road, markings, sidewalks, buildings, vegetation) and the ego
    /// lane the camera drives in; absent for scenes built only from `ground` and `objects`.
    #[serde(default)]
    pub street: Option<StreetConfig>,
    /// Stuff assets placed at the origin.
    #[serde(default)]
    pub ground: Vec<String>,
    /// Groups of objects placed at random in a zone of the street or a free area.
    #[serde(default)]
    pub objects: Vec<ObjectGroup>,
    /// Named condition sets (day, dusk, night, ...), one drawn per image by weight; each
    /// overrides some parameters. None: every image uses the parameters above.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// Which instances the dataset keeps (the command line's options replace these).
    #[serde(default)]
    pub filters: super::filters::FilterConfig,
}

fn default_catalog() -> String {
    "../assets/catalog.ron".into()
}

/// A named set of overrides, drawn for an image with probability proportional to `weight`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Name recorded in each image's meta, e.g. "night".
    pub name: String,
    /// Relative weight (> 0).
    pub weight: f64,
    /// Camera overrides.
    #[serde(default)]
    pub camera: CameraPatch,
    /// Lighting overrides.
    #[serde(default)]
    pub lighting: LightingPatch,
    /// Weather overrides.
    #[serde(default)]
    pub weather: WeatherPatch,
    /// Material overrides.
    #[serde(default)]
    pub materials: MaterialsPatch,
    /// People overrides.
    #[serde(default)]
    pub people: PeoplePatch,
    /// Street overrides (the scene must have a street).
    #[serde(default)]
    pub street: Option<StreetPatch>,
    /// Object group overrides, by group name.
    #[serde(default)]
    pub objects: BTreeMap<String, ObjectPatch>,
}

section! {
    /// A group of objects: how many, which assets, in which zone, facing which way.
    pub struct ObjectGroup / ObjectPatch {
        /// Name, for condition overrides and sample records; defaults to `objects[N]`.
        name: Option<String> = None,
        /// Catalogue asset names, one drawn per object: `["car", "bus"]` (repeat a name to
        /// weight it) or `{"car": 5, "bus": 1}`.
        assets: Pick = Pick::default(),
        /// How many objects: a whole-number distribution (`(2, 8)`, `Poisson(4)`, ...).
        count: Count = Count::fixed(1),
        /// Where they go; `Area` (the default) uses `x_m` and `z_m` directly.
        zone: Zone = Zone::Area,
        /// Sideways position, metres: required for `Area`, ignored by street zones.
        x_m: Option<Dist> = None,
        /// Distance along the road, metres: required for `Area`; for street zones it is
        /// drawn per object and kept where the zone exists (default: `populate_z_m`).
        z_m: Option<Dist> = None,
        /// Heading, degrees: absolute for `Area` (0 faces +Z), otherwise jitter added to
        /// the zone's own heading (lane direction, across a crossing, ...).
        yaw_deg: Dist = Dist::Const(0.0),
        /// Gap kept on every side between this group's footprints and anything placed
        /// before them, metres.
        clearance_m: f64 = 0.2,
        /// Extra gap ahead of and behind each object (along its heading), metres,
        /// drawn per object: following distance in traffic.
        spacing_m: NonNeg = NonNeg::fixed(0.0),
        /// Scale of each object; must stay within its category's `scale` norm
        /// (default: that norm).
        scale: Option<Positive> = None,
    }
}

/// Where on the street a group's objects are placed. Traffic drives on the right: the ego
/// lanes head +Z at x < 0, oncoming lanes head −Z at x > 0.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
pub enum Zone {
    /// A free rectangle given by `x_m` and `z_m`.
    #[default]
    Area,
    /// Driving lanes of both directions, facing the lane direction.
    Lanes,
    /// The parking strips along both kerbs, facing the traffic beside them.
    Parking,
    /// The outer edge of the outermost driving lanes (cyclists), facing the lane direction.
    LaneEdges,
    /// Sidewalks, walking along the street either way.
    Sidewalks,
    /// Crosswalks, walking across the road either way.
    Crossings,
    /// The lane side of the ego side's parking strip (or kerb), facing into the road:
    /// someone stepping out between parked cars.
    ParkingGaps,
    /// Intersection corners at the stop lines, facing the approaching traffic.
    Corners,
    /// The kerb side of the sidewalks, facing the traffic on that side.
    Kerbside,
    /// Beyond the sidewalks or shoulders, between the street and the buildings.
    Verges,
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
    /// The category's scale norm: each placed object's scale is drawn from it (a group's
    /// own `scale` must stay within its range). Default 1.
    #[serde(default = "unit_scale")]
    pub scale: Positive,
}

fn unit_scale() -> Positive {
    Positive::fixed(1.0)
}

/// One file of an asset: a named variant (e.g. "sedan" of "car").
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantDef {
    /// Variant name.
    pub name: String,
    /// glTF file, relative to the catalogue.
    pub file: String,
}

/// One asset of the catalogue: its category and its variants.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetDef {
    /// Category name.
    pub category: String,
    /// The files it is drawn from, one chosen per placed object.
    pub variants: Vec<VariantDef>,
    /// Other assets placed with the same transform (the pole under a sign, the rider on a
    /// bicycle); each keeps its own category and, for things, its own instance.
    #[serde(default)]
    pub attach: Vec<String>,
}

/// The single source of category ids and the asset → category map.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Categories.
    pub categories: Vec<CategoryDef>,
    /// The stuff category of pixels that no surface covers.
    pub sky: String,
    /// Assets by name.
    pub assets: BTreeMap<String, AssetDef>,
}
