//! The per-image scene resource and the spawn systems for the camera, sun and ground.

use super::SceneShared;
use super::components::*;
use crate::scene::SceneConfig;
use bevy_ecs::prelude::*;
use glam::{Vec2, Vec3};
use std::sync::Arc;

/// The loaded scene and this image's condition set.
#[derive(Resource, Clone)]
pub struct SceneRes {
    /// What every image shares: assets, categories.
    pub shared: Arc<SceneShared>,
    /// The configuration of this image's condition set.
    pub config: Arc<SceneConfig>,
    /// The condition set's name.
    pub condition: String,
}

/// Spawns the camera and the sun with neutral values.
pub fn spawn_camera_and_sun(mut commands: Commands) {
    commands.spawn((
        Transform::default(),
        Camera {
            fov_y_rad: 1.0,
            near_m: 0.1,
            far_m: 1000.0,
            principal_px: Vec2::ZERO,
            exposure: 1.0,
            lens: crate::frame::LensData::default(),
        },
    ));
    commands.spawn(Sun {
        direction: Vec3::Y,
        elevation_deg: 90.0,
        colour: Vec3::ONE,
        ambient: Vec3::ZERO,
        sky_ambient: 0.3,
        sky: Vec3::ONE,
        turbidity: 3.0,
    });
}

/// Spawns the ground assets (their first variant) at the origin.
pub fn spawn_ground(mut commands: Commands, scene: Res<SceneRes>) {
    for name in &scene.config.ground {
        if let Some(info) = scene.shared.asset_info.get(name) {
            commands.spawn((
                Ground,
                Transform::default(),
                MeshRef(info.variants[0].index),
                Category(info.category_id),
            ));
        }
    }
}
