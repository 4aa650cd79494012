//! The pose randomiser: articulates people within joint limits (walking, standing,
//! crouching; riders keep their seat).
use bevy_ecs::prelude::*;
/// TEMPORARY
pub fn randomise_poses(_c: Commands) {}
