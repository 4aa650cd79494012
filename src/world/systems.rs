//! The per-image systems: spawn, then randomise, then extract.

use super::SceneShared;
use super::components::*;
use super::rng::{Stream, frame_rng, uniform};
use super::samples::{FrameMeta, ObjectRecord, SampleLog};
use super::street::obb::Obb;
use super::street::{EgoFootprint, Street};
use crate::frame::{CameraData, FrameData, LightData, ObjectDraw};
use bevy_ecs::prelude::*;
use glam::{Mat4, Quat, Vec2, Vec3};
use rand::RngExt;
use std::sync::Arc;

/// The extracted frame, left in the world for the caller to take.
#[derive(Resource, Clone, Debug, Default)]
pub struct Extracted(pub Option<(FrameData, FrameMeta)>);

/// The loaded scene, shared by every world.
#[derive(Resource, Clone)]
pub struct SceneRes(pub Arc<SceneShared>);

/// Spawns the camera and the sun with neutral values.
pub fn spawn_camera_and_sun(mut commands: Commands) {
    commands.spawn((
        Transform::default(),
        Camera {
            fov_y_rad: 1.0,
            near_m: 0.1,
            far_m: 1000.0,
        },
    ));
    commands.spawn(Sun {
        direction: Vec3::Y,
        intensity: 1.0,
        ambient: 0.3,
    });
}

/// Spawns the ground assets (their first variant) at the origin.
pub fn spawn_ground(mut commands: Commands, scene: Res<SceneRes>) {
    for name in &scene.0.config.ground {
        if let Some(info) = scene.0.asset_info.get(name) {
            commands.spawn((
                Ground,
                Transform::default(),
                MeshRef(info.variants[0].index),
                Category(info.category_id),
            ));
        }
    }
}

/// Samples the camera: on a street it rides in a random ego lane (dashcam), otherwise at
/// `lateral_m`; then mount height, pitch, yaw, roll and field of view.
pub fn randomise_camera(
    mut cameras: Query<(&mut Transform, &mut Camera)>,
    scene: Res<SceneRes>,
    street: Res<Street>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
    mut ego: ResMut<EgoFootprint>,
) {
    let config = &scene.0.config.camera;
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Camera);
    let lane_x = street.plan.as_ref().map(|(layout, _)| {
        let lanes: Vec<f32> = layout.lanes_of(-1.0).map(|l| l.x).collect();
        let k = rng.random_range(0..lanes.len());
        log.record("camera.ego_lane", k as f64, "index");
        lanes[k]
    });
    let height = uniform(&mut rng, config.height_m);
    let lateral = uniform(&mut rng, config.lateral_m);
    let pitch = uniform(&mut rng, config.pitch_deg);
    let yaw = uniform(&mut rng, config.yaw_deg);
    let roll = uniform(&mut rng, config.roll_deg);
    let fov = uniform(&mut rng, config.fov_y_deg);
    for (name, value, unit) in [
        ("camera.height", height, "m"),
        ("camera.lateral", lateral, "m"),
        ("camera.pitch", pitch, "deg"),
        ("camera.yaw", yaw, "deg"),
        ("camera.roll", roll, "deg"),
        ("camera.fov_y", fov, "deg"),
    ] {
        log.record(name, value, unit);
    }
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
    }
}

/// Samples the sun's elevation, azimuth and intensity, and the ambient level.
pub fn randomise_sun(
    mut suns: Query<&mut Sun>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
) {
    let config = &scene.0.config.sun;
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Lighting);
    let elevation = uniform(&mut rng, config.elevation_deg);
    let azimuth = uniform(&mut rng, config.azimuth_deg);
    let intensity = uniform(&mut rng, config.intensity);
    let ambient = uniform(&mut rng, config.ambient);
    log.record("sun.elevation", elevation, "deg");
    log.record("sun.azimuth", azimuth, "deg");
    log.record("sun.intensity", intensity, "1");
    log.record("sun.ambient", ambient, "1");
    let (e, a) = (elevation.to_radians() as f32, azimuth.to_radians() as f32);
    for mut sun in &mut suns {
        sun.direction = Vec3::new(e.cos() * a.sin(), e.sin(), e.cos() * a.cos());
        sun.intensity = intensity as f32;
        sun.ambient = ambient as f32;
    }
}

fn model(t: &Transform) -> Mat4 {
    Mat4::from_scale_rotation_translation(t.scale, t.rotation, t.translation)
}

/// Turns the world into plain [`FrameData`] and [`FrameMeta`].
#[allow(clippy::too_many_arguments)]
pub fn extract(
    cameras: Query<(&Transform, &Camera)>,
    suns: Query<&Sun>,
    drawables: Query<(&Transform, &MeshRef, &Category, Option<&InstanceId>)>,
    placed: Query<(&Transform, Option<&InstanceId>, &Category, &Identity)>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    log: Res<SampleLog>,
    mut out: ResMut<Extracted>,
) {
    let Some((cam_t, camera)) = cameras.iter().next() else {
        return;
    };
    let Some(sun) = suns.iter().next() else {
        return;
    };
    let aspect = ctx.width as f32 / ctx.height as f32;
    let camera_data = CameraData {
        view: model(cam_t).inverse(),
        projection: glam::camera::rh::proj::directx::perspective(
            camera.fov_y_rad,
            aspect,
            camera.near_m,
            camera.far_m,
        ),
        position: cam_t.translation,
    };
    let sky = Vec3::from(scene.0.config.sun.sky_color);
    let light = LightData {
        sun_direction: sun.direction,
        sun_color: Vec3::splat(sun.intensity),
        ambient: sky * sun.ambient,
        sky_color: sky,
        exposure: 1.0,
    };
    let mut objects: Vec<ObjectDraw> = drawables
        .iter()
        .map(|(t, mesh, category, id)| ObjectDraw {
            asset: mesh.0,
            transform: model(t),
            instance_id: id.map_or(0, |i| i.0),
            category_id: category.0,
            materials: Vec::new(),
            emissive: 1.0,
            part_transforms: Vec::new(),
        })
        .collect();
    objects.sort_by_key(|o| (o.instance_id, o.asset));
    let mut records: Vec<ObjectRecord> = placed
        .iter()
        .map(|(t, id, category, identity)| ObjectRecord {
            instance_id: id.map_or(0, |i| i.0),
            asset: identity.asset.clone(),
            variant: identity.variant.clone(),
            category_id: category.0,
            position_m: t.translation.to_array(),
            yaw_deg: f64::from(yaw_of(t.rotation).to_degrees()),
            scale: f64::from(t.scale.x),
            samples: Vec::new(),
        })
        .collect();
    // Things by instance id, then stuff (id 0) by position: a fixed order.
    records.sort_by(|a, b| {
        (a.instance_id == 0, a.instance_id)
            .cmp(&(b.instance_id == 0, b.instance_id))
            .then(a.position_m[2].total_cmp(&b.position_m[2]))
            .then(a.position_m[0].total_cmp(&b.position_m[0]))
    });
    let frame = FrameData {
        index: ctx.index,
        width: ctx.width,
        height: ctx.height,
        camera: camera_data,
        light,
        objects,
        sky_category: scene.0.sky_category,
    };
    let meta = FrameMeta {
        index: ctx.index,
        image_id: ctx.index + 1,
        seed: ctx.seed,
        scene: scene.0.name.clone(),
        condition: "default".into(),
        width: ctx.width,
        height: ctx.height,
        samples: log.0.clone(),
        objects: records,
    };
    out.0 = Some((frame, meta));
}

/// The heading about +Y of a rotation, radians (0 faces +Z).
fn yaw_of(rotation: Quat) -> f32 {
    let forward = rotation * Vec3::Z;
    forward.x.atan2(forward.z)
}
