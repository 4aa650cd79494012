//! The per-image bevy_ecs world: spawn → randomise → extract, producing plain [`FrameData`].
//!
//! Each image gets a fresh `World`; all randomness comes from [`rng::frame_rng`] keyed by
//! `(seed, index)`, so image `i` is the same whatever else is rendered around it.

pub mod articulation;
mod camera;
pub mod colour;
pub mod components;
mod extract;
mod lighting;
mod lights;
mod materials;
pub mod placement;
mod pose;
pub mod rng;
pub mod samples;
pub mod solar;
pub mod street;
mod systems;

pub use samples::{FrameMeta, ObjectRecord, Sample};

use crate::frame::FrameData;
use crate::labels::geometry::AssetTruth;
use crate::labels::keypoints::Skeleton;
use crate::scene::dist::pick_weighted;
use crate::scene::{AssetInfo, ConditionSet, LoadedScene};
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::SingleThreadedExecutor;
use components::{FrameContext, FrameErrors};
use extract::Extracted;
use samples::SampleLog;
use std::collections::BTreeMap;
use std::sync::Arc;
use systems::SceneRes;

/// The phases of one image, run in this order.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FrameSet {
    /// Create the camera, the sun, the street, the ground and the objects.
    Spawn,
    /// Sample camera, lighting, weather, placement, lights, materials and poses.
    Randomise,
    /// Copy the world into plain frame data.
    Extract,
}

/// What the systems need from the loaded scene (no assets, no GPU data).
pub struct SceneShared {
    /// Scene name.
    pub name: String,
    /// The condition sets, each a full configuration.
    pub conditions: Vec<ConditionSet>,
    /// Asset name → category and variants.
    pub asset_info: BTreeMap<String, AssetInfo>,
    /// Category of pixels no surface covers.
    pub sky_category: u16,
    /// Light sources, by asset index (the renderer's asset list).
    pub emitters: Vec<Vec<crate::scene::emitters::Emitter>>,
}

/// A frame could not be generated.
#[derive(thiserror::Error, Debug)]
pub enum WorldError {
    /// A system reported a problem, e.g. placement ran out of tries.
    #[error("image {index}: {message}")]
    System {
        /// Image index.
        index: u64,
        /// The systems' messages.
        message: String,
    },
    /// Extract produced nothing (no camera or no sun).
    #[error("image {index}: the world has no camera or no sun")]
    Incomplete {
        /// Image index.
        index: u64,
    },
}

/// Generates frames for one scene, seed and resolution.
#[derive(Clone)]
pub struct FrameGenerator {
    shared: Arc<SceneShared>,
    /// Bounds and skeleton of every asset, by the renderer's asset index.
    truth: Arc<Vec<AssetTruth>>,
    seed: u64,
    width: u32,
    height: u32,
}

impl FrameGenerator {
    /// A generator for `scene` at `seed` and `width`×`height`.
    pub fn new(scene: &LoadedScene, seed: u64, width: u32, height: u32) -> Self {
        let mut emitters = vec![Vec::new(); scene.assets.len()];
        for variant in scene.asset_info.values().flat_map(|a| &a.variants) {
            emitters[variant.index] = variant.emitters.clone();
        }
        let shared = SceneShared {
            name: scene.name.clone(),
            conditions: scene.conditions.clone(),
            asset_info: scene.asset_info.clone(),
            sky_category: scene.sky_category,
            emitters,
        };
        Self {
            shared: Arc::new(shared),
            truth: Arc::new(
                scene
                    .assets
                    .iter()
                    .map(|a| (a.bounds, Skeleton::of(a)))
                    .collect(),
            ),
            seed,
            width,
            height,
        }
    }

    /// Bounds and skeleton of every asset, by the renderer's asset index.
    pub fn asset_truth(&self) -> &[AssetTruth] {
        &self.truth
    }

    /// Builds and runs the world for image `index`.
    pub fn generate(&self, index: u64) -> Result<(FrameData, FrameMeta), WorldError> {
        let mut world = World::new();
        let weights: Vec<f64> = self
            .shared
            .conditions
            .iter()
            .map(|c| c.probability)
            .collect();
        let mut rng = rng::frame_rng(self.seed, index, rng::Stream::Condition);
        let condition = &self.shared.conditions[pick_weighted(&mut rng, &weights)];
        world.insert_resource(SceneRes {
            shared: self.shared.clone(),
            config: condition.config.clone(),
            condition: condition.name.clone(),
        });
        world.insert_resource(FrameContext {
            index,
            seed: self.seed,
            width: self.width,
            height: self.height,
        });
        world.init_resource::<SampleLog>();
        world.init_resource::<FrameErrors>();
        world.init_resource::<Extracted>();
        world.init_resource::<street::Street>();
        world.init_resource::<street::EgoFootprint>();
        world.init_resource::<placement::NextInstance>();
        world.init_resource::<lighting::Weather>();
        schedule().run(&mut world);
        let errors = world.resource::<FrameErrors>();
        if !errors.0.is_empty() {
            return Err(WorldError::System {
                index,
                message: errors.0.join("; "),
            });
        }
        world
            .resource_mut::<Extracted>()
            .0
            .take()
            .ok_or(WorldError::Incomplete { index })
    }
}

fn schedule() -> Schedule {
    let mut schedule = Schedule::default();
    schedule.set_executor(SingleThreadedExecutor::new());
    schedule.configure_sets((FrameSet::Spawn, FrameSet::Randomise, FrameSet::Extract).chain());
    schedule.add_systems(
        (
            systems::spawn_camera_and_sun,
            street::build_street,
            systems::spawn_ground,
            placement::spawn_objects,
        )
            .chain()
            .in_set(FrameSet::Spawn),
    );
    schedule.add_systems(
        (
            camera::randomise_camera,
            lighting::randomise_lighting,
            lighting::randomise_weather,
            placement::randomise_placement,
            placement::follow_leaders,
            lighting::switch_lights,
            materials::randomise_materials,
            pose::randomise_poses,
        )
            .chain()
            .in_set(FrameSet::Randomise),
    );
    schedule.add_systems(extract::extract.in_set(FrameSet::Extract));
    schedule
}
