//! The pose randomiser: articulates every person within joint limits (walking, standing,
//! crouching); riders keep their seat and turn their head.

use super::articulation::{PoseMode, PoseParams, pose_parts};
use super::components::*;
use super::rng::{Stream, frame_rng};
use super::systems::SceneRes;
use crate::scene::{Dist, PeopleConfig};
use bevy_ecs::prelude::*;
use rand::rngs::ChaCha8Rng;

/// Poses every entity whose variant has a skeleton.
pub fn randomise_poses(
    mut commands: Commands,
    mut people: Query<(Entity, &Identity, &mut ObjectSamples)>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
) {
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Pose);
    let mut ordered: Vec<_> = people.iter_mut().collect();
    ordered.sort_by_key(|(e, _, _)| *e);
    for (entity, identity, mut samples) in ordered {
        let Some(info) = scene.shared.asset_info.get(&identity.asset) else {
            continue;
        };
        let Some(rig) = info
            .variants
            .iter()
            .find(|v| v.name == identity.variant)
            .and_then(|v| v.rig.as_ref())
        else {
            continue;
        };
        let riding = info.category == "rider";
        let params = sample_pose(&scene.config.people, riding, &mut rng, &mut samples);
        if let Some(parts) = pose_parts(rig, &params) {
            commands.entity(entity).insert(PartTransforms(parts));
        }
    }
}

/// Draws a pose for one person and records the values that pose uses.
fn sample_pose(
    config: &PeopleConfig,
    riding: bool,
    rng: &mut ChaCha8Rng,
    samples: &mut ObjectSamples,
) -> PoseParams {
    let mode = if riding {
        "ride"
    } else {
        config.pose.sample(rng)
    };
    samples.record_choice("pose", mode);
    let mut draw = |name: &str, dist: &Dist, unit: &'static str| {
        let v = dist.sample(rng);
        samples.record(&format!("pose.{name}"), v, unit);
        v as f32
    };
    let mut p = PoseParams::rest(match mode {
        "walk" => PoseMode::Walk,
        "crouch" => PoseMode::Crouch,
        "ride" => PoseMode::Ride,
        _ => PoseMode::Stand,
    });
    p.head_yaw_deg = draw("head_yaw", &config.head_yaw_deg, "deg");
    p.head_pitch_deg = draw("head_pitch", &config.head_pitch_deg, "deg");
    if riding {
        return p;
    }
    p.torso_lean_deg = draw("torso_lean", &config.torso_lean_deg, "deg");
    p.arm_swing_deg = draw("arm_swing", &config.arm_swing_deg, "deg");
    match p.mode {
        PoseMode::Walk => {
            p.walk_phase = draw("walk_phase", &config.walk_phase, "1");
            p.stride_deg = draw("stride", &config.stride_deg, "deg");
        }
        PoseMode::Crouch => p.crouch = draw("crouch", &config.crouch, "1"),
        _ => {}
    }
    p
}
