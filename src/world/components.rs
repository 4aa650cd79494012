//! ECS components and resources of the per-image world.

use bevy_ecs::prelude::*;
use glam::{Quat, Vec2, Vec3};

/// Placement of an entity in the world.
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    /// Position, metres.
    pub translation: Vec3,
    /// Orientation.
    pub rotation: Quat,
    /// Scale in the asset's own axes (street tiles are stretched to size).
    pub scale: Vec3,
}

impl Default for Transform {
    fn default() -> Self {
        Self {
            translation: Vec3::ZERO,
            rotation: Quat::IDENTITY,
            scale: Vec3::ONE,
        }
    }
}

/// Which asset to draw (index into the scene's asset list).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeshRef(pub usize);

/// Semantic category id.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Category(pub u16);

/// Instance id in this image's instance mask (1..).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstanceId(pub u16);

/// The leader of an object group's unit (e.g. a bicycle, whose rider follows it);
/// positioned by the placement system.
#[derive(Component, Clone, Debug, PartialEq)]
pub struct Placed {
    /// Index of its group in the scene's `objects`.
    pub group: usize,
    /// Spawn order, which is also the placement order.
    pub order: u32,
    /// Catalogue asset name.
    pub asset: String,
    /// Ground footprint of the whole unit in asset space: (min, max) over (x, z).
    pub footprint: (Vec2, Vec2),
    /// Uniform scale drawn from the group's or the category's norm.
    pub scale: f32,
}

/// What a drawn entity is, for the per-image record.
#[derive(Component, Clone, Debug, PartialEq)]
pub struct Identity {
    /// Catalogue asset name.
    pub asset: String,
    /// Variant name.
    pub variant: String,
}

/// An attached asset that takes its leader's transform (a rider on its bicycle).
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Follows(pub Entity);

/// Marks the ground (stuff at the origin).
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct Ground;

/// A piece of the procedural street, by catalogue asset name (lamps, buildings, ...).
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct StreetPiece(pub &'static str);

/// Multiplier on an entity's emissive materials (0: its lights are off).
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Emissive(pub f32);

/// Per-object material overrides (paint, clothing).
#[derive(Component, Clone, Debug, Default, PartialEq)]
pub struct MaterialOverrides(pub Vec<crate::frame::MaterialOverride>);

/// An articulated pose: one transform per asset part.
#[derive(Component, Clone, Debug, Default, PartialEq)]
pub struct PartTransforms(pub Vec<glam::Mat4>);

/// Values sampled for this object alone, for its meta record.
#[derive(Component, Clone, Debug, Default)]
pub struct ObjectSamples(pub super::samples::SampleLog);

impl std::ops::Deref for ObjectSamples {
    type Target = super::samples::SampleLog;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for ObjectSamples {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

/// The camera's intrinsics; its pose is its [`Transform`].
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Vertical field of view, radians.
    pub fov_y_rad: f32,
    /// Near plane, metres.
    pub near_m: f32,
    /// Far plane, metres.
    pub far_m: f32,
    /// Principal point offset from the image centre, pixels (+x right, +y down).
    pub principal_px: Vec2,
    /// Linear exposure multiplier.
    pub exposure: f32,
    /// Lens distortion and sensor effects.
    pub lens: crate::frame::LensData,
}

/// The sun, sky and ambient light.
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Sun {
    /// Unit vector towards the sun.
    pub direction: Vec3,
    /// Elevation above the horizon, degrees.
    pub elevation_deg: f32,
    /// Linear RGB sun light (colour × intensity × daylight).
    pub colour: Vec3,
    /// Linear RGB constant ambient light.
    pub ambient: Vec3,
    /// Fraction of the sky's irradiance that lights surfaces.
    pub sky_ambient: f32,
    /// Linear RGB sky radiance at the zenith.
    pub sky: Vec3,
    /// Atmospheric turbidity of the analytic sky.
    pub turbidity: f32,
}

/// Identity of the image being generated.
#[derive(Resource, Clone, Copy, Debug)]
pub struct FrameContext {
    /// Global image index.
    pub index: u64,
    /// Dataset seed.
    pub seed: u64,
    /// Output width.
    pub width: u32,
    /// Output height.
    pub height: u32,
}

/// Problems found by systems (placement that cannot succeed, for example).
#[derive(Resource, Clone, Debug, Default)]
pub struct FrameErrors(pub Vec<String>);
