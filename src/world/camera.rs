//! The camera randomiser: ego lane, mount height, pitch/yaw/roll, lens, principal point
//! and exposure.

use super::components::*;
use super::rng::{Stream, frame_rng};
use super::samples::SampleLog;
use super::street::obb::Obb;
use super::street::{EgoFootprint, Street};
use super::systems::SceneRes;
use crate::scene::Lens;
use bevy_ecs::prelude::*;
use glam::{Quat, Vec2, Vec3};
use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// Samples the camera: on a street it rides in a random ego lane (dashcam), otherwise at
/// `lateral_m`; then mount height, orientation, lens, principal point and exposure.
pub fn randomise_camera(
    mut cameras: Query<(&mut Transform, &mut Camera)>,
    scene: Res<SceneRes>,
    street: Res<Street>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
    mut ego: ResMut<EgoFootprint>,
) {
    let config = &scene.config.camera;
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Camera);
    let lane_x = street.plan.as_ref().map(|(layout, _)| {
        let lanes: Vec<f32> = layout.lanes_of(-1.0).map(|l| l.x).collect();
        let k = rng.random_range(0..lanes.len());
        log.record("camera.ego_lane", k as f64, "index");
        lanes[k]
    });
    let mut draw = |name: &str, dist: &crate::scene::Dist, unit: &'static str| {
        let v = dist.sample(&mut rng);
        log.record(name, v, unit);
        v
    };
    let height = draw("camera.height", &config.height_m, "m");
    let lateral = draw("camera.lateral", &config.lateral_m, "m");
    let pitch = draw("camera.pitch", &config.pitch_deg, "deg");
    let yaw = draw("camera.yaw", &config.yaw_deg, "deg");
    let roll = draw("camera.roll", &config.roll_deg, "deg");
    let cx = draw("camera.principal_x", &config.principal_point_px.0, "px");
    let cy = draw("camera.principal_y", &config.principal_point_px.1, "px");
    let ev = draw("camera.exposure", &config.exposure_ev, "EV");
    let fov = lens_fov_deg(&config.lens, &mut rng, &mut log);
    let lens = lens_effects(config, &mut rng, &mut log);
    let x = lane_x.unwrap_or(0.0) + lateral as f32;
    if lane_x.is_some() {
        // The ego car: 1.9 m wide, from 3.9 m behind the camera to 0.9 m ahead of it.
        ego.0 = Some(Obb {
            centre: Vec2::new(x, -1.5),
            half: Vec2::new(0.95, 2.4),
            yaw: 0.0,
        });
    }
    for (mut transform, mut camera) in &mut cameras {
        transform.translation = Vec3::new(x, height as f32, 0.0);
        // The camera looks down its local −Z; turn it to face +Z, then yaw, pitch, roll.
        transform.rotation =
            Quat::from_rotation_y(std::f32::consts::PI + (yaw as f32).to_radians())
                * Quat::from_rotation_x((pitch as f32).to_radians())
                * Quat::from_rotation_z((roll as f32).to_radians());
        camera.fov_y_rad = (fov as f32).to_radians();
        camera.near_m = config.near_m as f32;
        camera.far_m = config.far_m as f32;
        camera.principal_px = Vec2::new(cx as f32, cy as f32);
        camera.exposure = 2f64.powf(ev) as f32;
        camera.lens = lens;
    }
}

/// Distortion, vignetting, chromatic aberration, sensor noise and tone mapping; each
/// sampled value is recorded.
fn lens_effects(
    config: &crate::scene::CameraConfig,
    rng: &mut ChaCha8Rng,
    log: &mut SampleLog,
) -> crate::frame::LensData {
    let mut draw = |name: &str, dist: &crate::scene::Dist, unit: &'static str| {
        let v = dist.sample(rng);
        log.record(name, v, unit);
        v as f32
    };
    let (k1, k2, p1, p2) = &config.distortion;
    crate::frame::LensData {
        k1: draw("camera.k1", k1, "1"),
        k2: draw("camera.k2", k2, "1"),
        p1: draw("camera.p1", p1, "1"),
        p2: draw("camera.p2", p2, "1"),
        vignetting: draw("camera.vignetting", &config.vignetting, "1"),
        chromatic_aberration_px: draw(
            "camera.chromatic_aberration",
            &config.chromatic_aberration_px,
            "px",
        ),
        read_noise: draw("camera.read_noise", &config.read_noise, "1"),
        shot_noise: draw("camera.shot_noise", &config.shot_noise, "1"),
        bloom: draw("camera.bloom", &config.bloom, "1"),
        tone_mapping: config.tone_mapping,
    }
}

/// The vertical field of view in degrees, from a field of view or a focal length; both
/// are recorded.
fn lens_fov_deg(lens: &Lens, rng: &mut ChaCha8Rng, log: &mut SampleLog) -> f64 {
    let fov = match lens {
        Lens::FovY(fov) => fov.sample(rng),
        Lens::FocalLength {
            mm,
            sensor_height_mm,
        } => {
            let focal = mm.sample(rng);
            log.record("camera.focal_length", focal, "mm");
            2.0 * (sensor_height_mm / (2.0 * focal)).atan().to_degrees()
        }
    };
    log.record("camera.fov_y", fov, "deg");
    fov
}
