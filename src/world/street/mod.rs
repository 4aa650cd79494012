//! The procedural street: a plan sampled per image ([`layout`]), the stuff that draws it
//! ([`stuff`]), the zones objects are placed in ([`zones`]) and the overlap test ([`obb`]).

pub mod layout;
pub mod obb;
pub mod stuff;
pub mod zones;

use super::components::*;
use super::rng::{Stream, frame_rng};
use super::samples::SampleLog;
use super::systems::SceneRes;
use crate::scene::Dist;
use bevy_ecs::prelude::*;
use layout::StreetLayout;
use obb::Obb;
use stuff::StreetStuff;

/// This image's street, if the scene has one.
#[derive(Resource, Clone, Debug)]
pub struct Street {
    /// The sampled plan and the stuff that draws it.
    pub plan: Option<(StreetLayout, StreetStuff)>,
    /// Default z limits of street zones (the scene's `populate_z_m`).
    pub populate_z: Dist,
}

impl Default for Street {
    fn default() -> Self {
        Self {
            plan: None,
            populate_z: Dist::Uniform {
                min: 3.0,
                max: 70.0,
            },
        }
    }
}

/// The ego vehicle's footprint around the camera, kept free of objects.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct EgoFootprint(pub Option<Obb>);

/// Samples the street plan and spawns its stuff.
pub fn build_street(
    mut commands: Commands,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
    mut street: ResMut<Street>,
) {
    let Some(config) = &scene.config.street else {
        return;
    };
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Layout);
    let plan = layout::sample(config, &mut rng, &mut log);
    let stuff = stuff::build(&plan, config, &scene.shared.asset_info, &mut rng);
    for piece in &stuff.pieces {
        let Some(info) = scene.shared.asset_info.get(piece.asset) else {
            continue;
        };
        let variant = &info.variants[piece.variant.min(info.variants.len() - 1)];
        commands.spawn((
            Transform {
                translation: piece.translation,
                rotation: piece.rotation(),
                scale: piece.scale,
            },
            MeshRef(variant.index),
            Category(info.category_id),
            StreetPiece(piece.asset),
        ));
    }
    log.record("street.pieces", stuff.pieces.len() as f64, "count");
    *street = Street {
        plan: Some((plan, stuff)),
        populate_z: config.populate_z_m.clone(),
    };
}
