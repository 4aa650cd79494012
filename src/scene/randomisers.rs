//! The randomiser sections of a scene: camera, lighting, weather, materials and people.
//! Every field has a default, and each section has a patch type for condition sets.

use super::colour_dist::ColourDist;
use super::dist::Dist;
use super::domain::{Fraction, NonNeg, Positive};
use super::pick::Pick;
use super::section::section;
use serde::Deserialize;

fn c(v: f64) -> Dist {
    Dist::Const(v)
}

fn uniform(min: f64, max: f64) -> Dist {
    Dist::Uniform { min, max }
}

section! {
    /// The camera: a dashcam on the road, looking down +Z.
    pub struct CameraConfig / CameraPatch {
        /// Mount height above the ground, metres.
        height_m: Positive = Positive::fixed(1.4),
        /// Sideways offset, metres (+X is left looking down +Z); on a street, from the
        /// centre of the ego lane.
        lateral_m: Dist = c(0.0),
        /// Pitch, degrees; negative looks down.
        pitch_deg: Dist = c(0.0),
        /// Yaw, degrees; 0 looks down +Z, positive turns left.
        yaw_deg: Dist = c(0.0),
        /// Roll, degrees; positive tilts the image clockwise.
        roll_deg: Dist = c(0.0),
        /// The lens: a vertical field of view or a focal length on a sensor.
        lens: Lens = Lens::FovY(Positive::fixed(50.0)),
        /// Principal point offset from the image centre, pixels (+x right, +y down).
        principal_point_px: (Dist, Dist) = (c(0.0), c(0.0)),
        /// Exposure compensation, stops (EV): the image is scaled by 2^EV.
        exposure_ev: Dist = c(0.0),
        /// Brown–Conrady lens distortion (k1, k2, p1, p2) on normalised image coordinates;
        /// applied to the image and every mask alike.
        distortion: (Dist, Dist, Dist, Dist) = (c(0.0), c(0.0), c(0.0), c(0.0)),
        /// Vignetting: 0 none .. 1 the natural cos⁴ falloff.
        vignetting: Fraction = Fraction::fixed(0.0),
        /// Lateral chromatic aberration: red/blue shift at the image corner, pixels.
        chromatic_aberration_px: NonNeg = NonNeg::fixed(0.0),
        /// Bloom: the share of light above the display's white spread into a glow.
        bloom: NonNeg = NonNeg::fixed(0.0),
        /// Sensor read noise, standard deviation relative to full scale.
        read_noise: NonNeg = NonNeg::fixed(0.0),
        /// Sensor shot noise gain (variance = gain × signal), relative to full scale.
        shot_noise: NonNeg = NonNeg::fixed(0.0),
        /// Tone mapping: `Filmic` (ACES) or `Clip` (linear, clipped at 1).
        tone_mapping: crate::frame::ToneMapping = crate::frame::ToneMapping::Filmic,
        /// Near clip plane, metres.
        near_m: f64 = 0.1,
        /// Far clip plane, metres.
        far_m: f64 = 1000.0,
    }
}

/// How the vertical field of view is set.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub enum Lens {
    /// Vertical field of view, degrees (0 < fov < 180).
    FovY(Positive),
    /// Focal length in millimetres on a sensor of this height in millimetres.
    FocalLength {
        /// Focal length, mm.
        mm: Positive,
        /// Sensor height, mm (e.g. 3.4 for a 1/2.7" dashcam sensor, 24 for full frame).
        sensor_height_mm: f64,
    },
}

section! {
    /// Sun, sky and artificial lights.
    pub struct LightingConfig / LightingPatch {
        /// Where the sun is: from the time of day, or given as angles.
        sun: SunPlacement = SunPlacement::Angles {
            elevation_deg: uniform(15.0, 70.0),
            azimuth_deg: uniform(0.0, 360.0),
        },
        /// Sun intensity at full daylight (linear multiplier of its colour).
        sun_intensity: NonNeg = NonNeg::fixed(1.0),
        /// Sun colour temperature, kelvin.
        sun_kelvin: Positive = Positive::fixed(5800.0),
        /// Colour of the sky where no surface is hit, at full daylight (linear RGB).
        sky_colour: ColourDist = ColourDist::Linear([0.45, 0.62, 0.9]),
        /// Sky brightness multiplier.
        sky_intensity: NonNeg = NonNeg::fixed(1.0),
        /// Atmospheric turbidity of the analytic sky, 2 (very clear) .. 10 (hazy).
        turbidity: Positive = Positive(uniform(2.0, 4.0)),
        /// Ambient (sky) light on surfaces, multiplier of the sky colour, at full daylight.
        ambient: NonNeg = NonNeg::fixed(0.35),
        /// Fraction of daylight left at night: sun, sky and ambient fade from full at
        /// 10° elevation to this level at −6° (civil twilight).
        night_level: Fraction = Fraction::fixed(0.03),
        /// Sun elevation, degrees, below which `Auto` switches artificial lights on.
        dark_below_deg: f64 = 3.0,
        /// Street lamps (one switch per image).
        street_lamps: Switch = Switch::Auto,
        /// Vehicle head and tail lights (one switch per vehicle).
        vehicle_lights: Switch = Switch::Auto,
        /// Lit windows of buildings (one switch per building).
        windows: Switch = Switch::Auto,
    }
}

/// How the sun's direction is chosen.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub enum SunPlacement {
    /// Elevation above the horizon and azimuth clockwise from +Z seen from above, degrees.
    Angles {
        /// Elevation, degrees.
        elevation_deg: Dist,
        /// Azimuth, degrees.
        azimuth_deg: Dist,
    },
    /// From local solar time, day of year and latitude; the road's heading turns compass
    /// azimuth into scene azimuth.
    TimeOfDay {
        /// Local solar time, hours (12 = solar noon).
        hour: Dist,
        /// Day of the year, 1..=365.
        #[serde(default = "all_year")]
        day_of_year: Dist,
        /// Latitude, degrees (north positive).
        #[serde(default = "mid_latitude")]
        latitude_deg: Dist,
        /// Compass heading of the road's +Z direction, degrees clockwise from north.
        #[serde(default = "any_heading")]
        road_heading_deg: Dist,
    },
}

fn all_year() -> Dist {
    uniform(1.0, 365.0)
}

fn mid_latitude() -> Dist {
    c(48.0)
}

fn any_heading() -> Dist {
    uniform(0.0, 360.0)
}

/// Whether a kind of artificial light is on.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub enum Switch {
    /// On when the sun is below `dark_below_deg`.
    Auto,
    /// Always on.
    On,
    /// Always off.
    Off,
    /// On with this probability.
    Chance(Fraction),
}

section! {
    /// Weather parameters: sampled and recorded for every image, and rendered.
    pub struct WeatherConfig / WeatherPatch {
        /// Fog extinction coefficient, per kilometre (visibility ≈ 3.9 / density km).
        fog_density_per_km: NonNeg = NonNeg::fixed(0.0),
        /// Rain rate, mm/h.
        rain_mm_per_h: NonNeg = NonNeg::fixed(0.0),
        /// Snowfall rate, mm/h water equivalent.
        snow_mm_per_h: NonNeg = NonNeg::fixed(0.0),
        /// Road wetness, 0 dry .. 1 standing water.
        wetness: Fraction = Fraction::fixed(0.0),
        /// Cloud cover, 0 clear .. 1 overcast: a flatter, greyer sky.
        cloud_cover: Fraction = Fraction::fixed(0.0),
        /// Height over which fog thins by a factor e, metres.
        fog_height_m: Positive = Positive::fixed(60.0),
        /// Snow settled on upward-facing surfaces, 0 none .. 1 covered.
        snow_cover: Fraction = Fraction::fixed(0.0),
    }
}

section! {
    /// Per-object material randomisation.
    pub struct MaterialsConfig / MaterialsPatch {
        /// Rules, each recolouring the glTF materials with the given names; the default
        /// is [`super::palettes::default_recolour`] (car paint, clothing, skin, hair).
        recolour: Vec<Recolour> = super::palettes::default_recolour(),
    }
}

/// One recolouring rule: every object whose asset has a material named in `materials`
/// draws one colour (and roughness, metalness) for all of them.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Recolour {
    /// Name used in the sample records, e.g. "paint".
    pub name: String,
    /// glTF material names this rule applies to.
    pub materials: Vec<String>,
    /// Base colour; None keeps the asset's.
    #[serde(default)]
    pub colour: Option<ColourDist>,
    /// Perceptual roughness; None keeps the asset's.
    #[serde(default)]
    pub roughness: Option<Fraction>,
    /// Metalness; None keeps the asset's.
    #[serde(default)]
    pub metallic: Option<Fraction>,
}

section! {
    /// Articulation of people (assets with a skeleton), within joint limits.
    pub struct PeopleConfig / PeoplePatch {
        /// Pose of people on foot: "walk", "stand" or "crouch". Riders always ride.
        pose: Pick = Pick(vec![("walk".into(), 0.7), ("stand".into(), 0.3)]),
        /// Walking: phase of the gait cycle, 0..1.
        walk_phase: Fraction = Fraction(uniform(0.0, 1.0)),
        /// Walking: hip swing amplitude, degrees.
        stride_deg: NonNeg = NonNeg::uniform(15.0, 30.0),
        /// Arm swing amplitude, degrees (standing: arm angle away from the body).
        arm_swing_deg: NonNeg = NonNeg::uniform(5.0, 25.0),
        /// Head turn, degrees (positive to the person's left).
        head_yaw_deg: Dist = uniform(-30.0, 30.0),
        /// Head nod, degrees (positive down).
        head_pitch_deg: Dist = uniform(-10.0, 15.0),
        /// Forward lean of the torso, degrees.
        torso_lean_deg: Dist = uniform(-3.0, 8.0),
        /// Crouching: depth, 0 upright .. 1 full squat.
        crouch: Fraction = Fraction(uniform(0.3, 0.9)),
    }
}
