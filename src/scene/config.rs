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
    /// Sideways position, metres (+X is left when looking down +Z); with a street, the
    /// offset from the centre of the ego lane.
    pub lateral_m: Range,
    /// Pitch, degrees; negative looks down.
    pub pitch_deg: Range,
    /// Yaw, degrees; 0 looks down +Z, positive turns left.
    pub yaw_deg: Range,
    /// Roll, degrees; positive tilts the image clockwise.
    #[serde(default = "zero_range")]
    pub roll_deg: Range,
    /// Vertical field of view, degrees.
    pub fov_y_deg: Range,
    /// Near clip plane, metres.
    #[serde(default = "default_near")]
    pub near_m: f64,
    /// Far clip plane, metres.
    #[serde(default = "default_far")]
    pub far_m: f64,
}

fn zero_range() -> Range {
    Range { min: 0.0, max: 0.0 }
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

/// A group of objects: how many, which assets, in which zone, facing which way.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectGroup {
    /// Catalogue asset names, chosen uniformly per object (repeat a name to weight it).
    pub assets: Vec<String>,
    /// How many objects, inclusive range.
    pub count: IntRange,
    /// Where they go; `Area` (the default) uses `x_m` and `z_m` directly.
    #[serde(default)]
    pub zone: Zone,
    /// Sideways position, metres: required for `Area`, ignored by street zones.
    #[serde(default)]
    pub x_m: Option<Range>,
    /// Distance along the road, metres: required for `Area`; for street zones it limits
    /// the zone (default: the street's `populate_z_m`).
    #[serde(default)]
    pub z_m: Option<Range>,
    /// Heading, degrees: absolute for `Area` (0 faces +Z), otherwise jitter added to the
    /// zone's own heading (lane direction, across a crossing, ...).
    #[serde(default = "zero_range")]
    pub yaw_deg: Range,
    /// Gap kept on every side between this group's footprints and anything placed
    /// before them, metres.
    #[serde(default = "default_clearance")]
    pub clearance_m: f64,
    /// Extra gap ahead of and behind each object (along its heading), sampled per object,
    /// metres: following distance in traffic.
    #[serde(
        default = "zero_range",
        deserialize_with = "super::range::non_negative"
    )]
    pub spacing_m: Range,
}

fn default_clearance() -> f64 {
    0.2
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

/// The procedural street: a straight road or a four-way intersection, with N lanes,
/// optional parking strips, sidewalks and buildings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StreetConfig {
    /// Straight road, intersection, or a mix.
    pub layout: LayoutChoice,
    /// Driving lanes per direction.
    pub lanes_per_direction: IntRange,
    /// Lane width, metres.
    #[serde(deserialize_with = "super::range::positive")]
    pub lane_width_m: Range,
    /// Whether each kerb has a parking strip (2.2 m) outside the driving lanes.
    #[serde(default)]
    pub parking: bool,
    /// Sidewalk width, metres; 0 for none (highways).
    #[serde(deserialize_with = "super::range::non_negative")]
    pub sidewalk_width_m: Range,
    /// Paved shoulder outside the outermost lane (highways), metres.
    #[serde(
        default = "zero_range",
        deserialize_with = "super::range::non_negative"
    )]
    pub shoulder_m: Range,
    /// Grass median between the directions, metres; 0 for a painted centre line.
    #[serde(
        default = "zero_range",
        deserialize_with = "super::range::non_negative"
    )]
    pub median_m: Range,
    /// Road length ahead of the camera, metres.
    #[serde(default = "default_length")]
    pub length_m: f64,
    /// Distance from the camera to the near edge of the intersection, metres.
    #[serde(default = "default_intersection")]
    pub intersection_m: Range,
    /// Lanes per direction of the cross street.
    #[serde(default = "one_lane")]
    pub cross_lanes_per_direction: IntRange,
    /// Buildings along both sides.
    #[serde(default = "yes")]
    pub buildings: bool,
    /// Gap between neighbouring buildings, metres.
    #[serde(
        default = "default_building_gap",
        deserialize_with = "super::range::non_negative"
    )]
    pub building_gap_m: Range,
    /// Street lamps along the kerbs: spacing, metres.
    #[serde(
        default = "default_lamp_spacing",
        deserialize_with = "super::range::positive"
    )]
    pub lamp_spacing_m: Range,
    /// Where street zones place objects along the road, metres from the camera.
    #[serde(default = "default_populate")]
    pub populate_z_m: Range,
}

/// Which street shape a scene asks for.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
pub enum LayoutChoice {
    /// Always a straight road (with a mid-block crossing when there are sidewalks).
    Straight,
    /// Always an intersection.
    Intersection,
    /// An intersection with this probability (0..=1), otherwise a straight road.
    Mixed(f64),
}

/// The shape of one image's street.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum LayoutKind {
    /// One road along +Z.
    Straight,
    /// A four-way intersection ahead, with crosswalks and stop lines.
    Intersection,
}

fn default_length() -> f64 {
    220.0
}

fn default_intersection() -> Range {
    Range {
        min: 25.0,
        max: 60.0,
    }
}

fn one_lane() -> IntRange {
    IntRange { min: 1, max: 1 }
}

fn yes() -> bool {
    true
}

fn default_building_gap() -> Range {
    Range { min: 0.0, max: 4.0 }
}

fn default_lamp_spacing() -> Range {
    Range {
        min: 22.0,
        max: 30.0,
    }
}

fn default_populate() -> Range {
    Range {
        min: 3.0,
        max: 70.0,
    }
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
