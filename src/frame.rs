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
    /// Linear RGB ambient term.
    pub ambient: Vec3,
    /// Linear RGB colour of the sky where no surface is hit.
    pub sky_color: Vec3,
    /// Exposure: a linear multiplier on the final colour (`2^EV`).
    pub exposure: f32,
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
}
