//! Plain per-frame data that crosses the world → renderer → labels boundaries.
//!
//! Nothing here knows about bevy_ecs or wgpu, so every stage can be tested alone.

use glam::{Mat4, Vec3};

/// Bits of a packed id pixel that hold the instance id (low 16 bits).
pub const INSTANCE_BITS: u32 = 16;
/// Mask selecting the instance id from a packed id pixel.
pub const INSTANCE_MASK: u32 = (1 << INSTANCE_BITS) - 1;

/// Packs an instance id and a semantic category id into one `R32Uint` id pixel.
///
/// The low 16 bits hold the instance id (0 = not an instance, e.g. stuff or sky),
/// the high 16 bits hold the semantic category id (0 = unlabelled).
pub fn pack_id(instance_id: u16, category_id: u16) -> u32 {
    (u32::from(category_id) << INSTANCE_BITS) | u32::from(instance_id)
}

/// Splits a packed id pixel into `(instance_id, category_id)`.
pub fn unpack_id(packed: u32) -> (u16, u16) {
    (
        (packed & INSTANCE_MASK) as u16,
        (packed >> INSTANCE_BITS) as u16,
    )
}

/// The camera for one frame, already reduced to matrices.
#[derive(Clone, Debug, PartialEq)]
pub struct CameraData {
    /// World → view transform (right-handed, camera looks down −Z, +Y up).
    pub view: Mat4,
    /// View → clip transform (wgpu clip space, depth 0..1).
    pub projection: Mat4,
    /// Camera position in world space, metres.
    pub position: Vec3,
}

/// Lighting for one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct LightData {
    /// Unit vector from the surface towards the sun, world space.
    pub sun_direction: Vec3,
    /// Linear RGB sun irradiance scale.
    pub sun_color: Vec3,
    /// Linear RGB constant ambient term (E/π on every surface, whatever its facing).
    pub ambient: Vec3,
    /// Fraction of the sky's own irradiance (the drawn sky and the ground it lights)
    /// that reaches surfaces as ambient light, through SH; 0 = only `ambient`.
    pub sky_ambient: f32,
    /// Linear RGB radiance of the sky at the zenith; the analytic model shapes it
    /// elsewhere (a flat sky of this colour where `sky.intensity` is 0).
    pub sky_color: Vec3,
    /// The analytic daylight sky.
    pub sky: SkyData,
    /// Exposure: a linear multiplier on the scene's radiance before tone mapping.
    pub exposure: f32,
}

/// The analytic daylight sky (Preetham), driven by the sun's direction; the default draws
/// a flat sky.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SkyData {
    /// Atmospheric turbidity, 2 (very clear) .. 10 (hazy).
    pub turbidity: f32,
    /// How much of the model's shape (brighter near the sun and the horizon, warmer at
    /// dusk) is drawn over the flat zenith colour: 1 a clear sky, 0 flat (overcast).
    pub intensity: f32,
}

impl Default for SkyData {
    fn default() -> Self {
        Self {
            turbidity: 3.0,
            intensity: 0.0,
        }
    }
}

/// An artificial light: a point light, or a spot light when `cos_outer > -1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointLight {
    /// Position, world space, metres.
    pub position: Vec3,
    /// Linear RGB intensity: the irradiance, in the sun's units, on a surface facing the
    /// light 1 m away (on the spot's axis). It falls off with the inverse square.
    pub intensity: Vec3,
    /// Distance beyond which the light contributes nothing (a smooth window), metres.
    pub range: f32,
    /// Unit spot axis, world space; ignored by point lights.
    pub direction: Vec3,
    /// Cosine of the spot's inner half-angle (full intensity inside).
    pub cos_inner: f32,
    /// Cosine of the spot's outer half-angle (none outside); −1 for a point light.
    pub cos_outer: f32,
}

/// The weather as the renderer draws it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WeatherData {
    /// Fog extinction coefficient at ground level (y = 0), 1/m; 0 = no fog.
    pub fog_density: f32,
    /// How fast the fog thins with height, 1/m (extinction × e^(−falloff·y)); 0 = uniform.
    pub fog_height_falloff: f32,
    /// Falling rain, mm/h (streaks).
    pub rain_mm_per_h: f32,
    /// Falling snow, mm/h water equivalent (flakes).
    pub snow_mm_per_h: f32,
    /// Surface wetness, 0..1: darker, glossier surfaces and puddles on the road.
    pub wetness: f32,
    /// Settled snow on upward-facing surfaces, 0..1.
    pub snow_cover: f32,
    /// Cloud cover, 0..1: an overcast sky and softer shadows.
    pub cloud_cover: f32,
}

/// Lens and sensor effects, applied after the scene is rendered; the default has none.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LensData {
    /// Brown–Conrady radial distortion coefficients on normalised image coordinates
    /// (x = (u − cx)/fx, y = (v − cy)/fy).
    pub k1: f32,
    /// Second radial coefficient.
    pub k2: f32,
    /// Tangential distortion coefficients.
    pub p1: f32,
    /// Second tangential coefficient.
    pub p2: f32,
    /// Vignetting strength: 0 none, 1 the natural cos⁴ falloff of the lens.
    pub vignetting: f32,
    /// Lateral chromatic aberration: red/blue shift at the image corner, pixels.
    pub chromatic_aberration_px: f32,
    /// Sensor noise: standard deviation of the read noise, relative to full scale.
    pub read_noise: f32,
    /// Sensor noise: shot-noise gain (variance = gain × signal), relative to full scale.
    pub shot_noise: f32,
    /// Bloom strength: the fraction of light spread into the glow.
    pub bloom: f32,
    /// How scene radiance (times exposure) becomes display values.
    pub tone_mapping: ToneMapping,
}

/// The curve from exposed scene radiance to display values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub enum ToneMapping {
    /// A filmic curve (ACES).
    #[default]
    Filmic,
    /// Linear, clipped at 1: for tests that check shading against closed forms.
    Clip,
}

/// A per-object replacement for some properties of one of its asset's materials (car
/// paint, clothing); the material keeps its textures, which the new colour multiplies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MaterialOverride {
    /// Index of the material within the object's asset (`Asset::materials`).
    pub material: usize,
    /// Linear RGB base colour factor replacing the material's.
    pub base_color: Option<Vec3>,
    /// Perceptual roughness (0..=1) replacing the material's.
    pub roughness: Option<f32>,
    /// Metalness (0..=1) replacing the material's.
    pub metallic: Option<f32>,
}

/// One asset placed in the world.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectDraw {
    /// Index into the asset list the renderer was built with.
    pub asset: usize,
    /// Asset space → world space.
    pub transform: Mat4,
    /// Instance id written to the instance mask (0 for stuff such as the road).
    pub instance_id: u16,
    /// Semantic category id written to the semantic mask (0 = unlabelled).
    pub category_id: u16,
    /// Material overrides, at most one per material index.
    pub materials: Vec<MaterialOverride>,
    /// Multiplier on the asset's emissive materials: 0 switches its lights off.
    pub emissive: f32,
    /// Articulation: one transform per asset part replacing the part's rest transform
    /// (`Asset::parts[k].transform`, part → asset space); empty keeps the rest pose.
    pub part_transforms: Vec<Mat4>,
}

/// Everything the renderer needs to draw image `index`; produced by the world's extract stage.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameData {
    /// Global image index.
    pub index: u64,
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// The camera.
    pub camera: CameraData,
    /// The lights.
    pub light: LightData,
    /// Every object to draw, stuff included.
    pub objects: Vec<ObjectDraw>,
    /// Semantic category of pixels no surface covers (the sky); 0 = unlabelled.
    pub sky_category: u16,
    /// Artificial lights (street lamps, head and tail lights, signal lamps).
    pub lights: Vec<PointLight>,
    /// The weather to draw.
    pub weather: WeatherData,
    /// Lens and sensor effects.
    pub lens: LensData,
    /// Seed for the frame's own noise (sensor noise, particles), derived from (seed, index).
    pub noise_seed: u32,
}

/// What readback returns for one frame: tightly packed rows, no padding.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameImages {
    /// Global image index.
    pub index: u64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// RGBA8 sRGB pixels, row-major, `width * height * 4` bytes.
    pub rgba: Vec<u8>,
    /// Packed id pixels (see [`pack_id`]), row-major, `width * height` values.
    pub ids: Vec<u32>,
    /// Depth of the surface each pixel sees, metres along the camera's axis (0 where no
    /// surface is: the sky), row-major, `width * height` values; taken through the lens
    /// like the ids.
    pub depth: Vec<f32>,
    /// The normal of that surface, facing the camera, in the camera's frame (x right, y
    /// down, z forward), as RGBA8 `n * 127.5 + 127.5` with alpha 255; all 0 for the sky.
    /// Row-major, `width * height * 4` bytes.
    pub normals: Vec<u8>,
    /// Unoccluded coverage of each labelled object the camera's guard view sees.
    pub coverage: Vec<ObjectCoverage>,
}

/// What the coverage pass counted for one labelled object: pixels of its silhouette drawn
/// alone, as if nothing hid it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ObjectCoverage {
    /// The object's instance id.
    pub instance_id: u16,
    /// Its visible pixels in the undistorted render, inside the frame.
    pub visible: u64,
    /// Its pixels inside the frame that other surfaces hide.
    pub hidden: u64,
    /// Its silhouette inside the frame, in the coarser guard view.
    pub guard_inside: u64,
    /// Its silhouette outside the frame (within the guard band), in the guard view.
    pub guard_outside: u64,
    /// Its amodal box in final image pixels, inclusive: min x, min y, max x, max y; `None`
    /// when no part of its silhouette lies inside the frame.
    pub amodal_box: Option<[u32; 4]>,
}
