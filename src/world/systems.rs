//! The per-image systems: spawn, then randomise, then extract.

use super::SceneShared;
use super::components::*;
use super::rng::{Stream, frame_rng};
use super::samples::{FrameMeta, ObjectRecord, SampleLog};
use crate::frame::{CameraData, FrameData, LightData, ObjectDraw};
use crate::scene::Range;
use bevy_ecs::prelude::*;
use glam::{Mat4, Quat, Vec3};
use rand::RngExt;
use std::sync::Arc;

/// Attempts per object before placement gives up.
pub const PLACEMENT_TRIES: usize = 200;

/// The extracted frame, left in the world for the caller to take.
#[derive(Resource, Clone, Debug, Default)]
pub struct Extracted(pub Option<(FrameData, FrameMeta)>);

/// The loaded scene, shared by every world.
#[derive(Resource, Clone)]
pub struct SceneRes(pub Arc<SceneShared>);

fn sample(rng: &mut impl rand::Rng, range: Range) -> f64 {
    if range.min == range.max {
        range.min
    } else {
        rng.random_range(range.min..=range.max)
    }
}

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

/// Spawns the ground assets at the origin.
pub fn spawn_ground(mut commands: Commands, scene: Res<SceneRes>) {
    for name in &scene.0.config.ground {
        if let Some(info) = scene.0.asset_info.get(name) {
            commands.spawn((
                Ground,
                Transform::default(),
                MeshRef(info.index),
                Category(info.category_id),
            ));
        }
    }
}

/// Spawns each group's objects: how many and which assets; ids 1.. in spawn order.
pub fn spawn_objects(
    mut commands: Commands,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
) {
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Spawn);
    let mut next_id: u16 = 1;
    for (g, group) in scene.0.config.objects.iter().enumerate() {
        let count = rng.random_range(group.count.min..=group.count.max);
        log.record(&format!("objects[{g}].count"), f64::from(count), "count");
        for _ in 0..count {
            let asset = &group.assets[rng.random_range(0..group.assets.len())];
            let Some(info) = scene.0.asset_info.get(asset) else {
                continue;
            };
            commands.spawn((
                Transform::default(),
                MeshRef(info.index),
                Category(info.category_id),
                InstanceId(next_id),
                Placed {
                    group: g,
                    asset: asset.clone(),
                    radius_m: info.radius_m,
                    yaw_deg: 0.0,
                },
            ));
            next_id = next_id.saturating_add(1);
        }
    }
}

/// Samples the camera's mount height, lateral position, pitch, yaw and field of view.
pub fn randomise_camera(
    mut cameras: Query<(&mut Transform, &mut Camera)>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
) {
    let config = &scene.0.config.camera;
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Camera);
    let height = sample(&mut rng, config.height_m);
    let lateral = sample(&mut rng, config.lateral_m);
    let pitch = sample(&mut rng, config.pitch_deg);
    let yaw = sample(&mut rng, config.yaw_deg);
    let fov = sample(&mut rng, config.fov_y_deg);
    for (name, value, unit) in [
        ("camera.height", height, "m"),
        ("camera.lateral", lateral, "m"),
        ("camera.pitch", pitch, "deg"),
        ("camera.yaw", yaw, "deg"),
        ("camera.fov_y", fov, "deg"),
    ] {
        log.record(name, value, unit);
    }
    for (mut transform, mut camera) in &mut cameras {
        transform.translation = Vec3::new(lateral as f32, height as f32, 0.0);
        // The camera looks down its local −Z; turn it to face +Z, then apply yaw and pitch.
        transform.rotation =
            Quat::from_rotation_y(std::f32::consts::PI + (yaw as f32).to_radians())
                * Quat::from_rotation_x((pitch as f32).to_radians());
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
    let elevation = sample(&mut rng, config.elevation_deg);
    let azimuth = sample(&mut rng, config.azimuth_deg);
    let intensity = sample(&mut rng, config.intensity);
    let ambient = sample(&mut rng, config.ambient);
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

/// Places every object in its group's region without footprint overlap, with a random heading.
pub fn randomise_placement(
    mut objects: Query<(&InstanceId, &mut Transform, &mut Placed)>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut errors: ResMut<FrameErrors>,
) {
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Placement);
    let mut ordered: Vec<_> = objects.iter_mut().collect();
    ordered.sort_by_key(|(id, _, _)| id.0);
    let mut placed: Vec<(Vec3, f32)> = Vec::new();
    for (id, mut transform, mut object) in ordered {
        let group = &scene.0.config.objects[object.group];
        let spot = (0..PLACEMENT_TRIES).find_map(|_| {
            let p = Vec3::new(
                sample(&mut rng, group.x_m) as f32,
                0.0,
                sample(&mut rng, group.z_m) as f32,
            );
            let gap = group.clearance_m as f32;
            let free = placed
                .iter()
                .all(|(q, r)| p.distance(*q) >= r + object.radius_m + gap);
            free.then_some(p)
        });
        let Some(position) = spot else {
            errors.0.push(format!(
                "objects[{}]: could not place instance {} (\"{}\") without overlap in {PLACEMENT_TRIES} tries; \
                 widen x_m/z_m or lower count",
                object.group, id.0, object.asset
            ));
            return;
        };
        let yaw = sample(&mut rng, group.yaw_deg);
        placed.push((position, object.radius_m));
        object.yaw_deg = yaw;
        transform.translation = position;
        transform.rotation = Quat::from_rotation_y((yaw as f32).to_radians());
    }
}

fn model(t: &Transform) -> Mat4 {
    Mat4::from_rotation_translation(t.rotation, t.translation)
}

/// Turns the world into plain [`FrameData`] and [`FrameMeta`].
#[allow(clippy::too_many_arguments)]
pub fn extract(
    cameras: Query<(&Transform, &Camera)>,
    suns: Query<&Sun>,
    drawables: Query<(&Transform, &MeshRef, &Category, Option<&InstanceId>)>,
    placed: Query<(&Transform, &InstanceId, &Category, &Placed)>,
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
    };
    let mut objects: Vec<ObjectDraw> = drawables
        .iter()
        .map(|(t, mesh, category, id)| ObjectDraw {
            asset: mesh.0,
            transform: model(t),
            instance_id: id.map_or(0, |i| i.0),
            category_id: category.0,
        })
        .collect();
    objects.sort_by_key(|o| (o.instance_id, o.asset));
    let mut records: Vec<ObjectRecord> = placed
        .iter()
        .map(|(t, id, category, p)| ObjectRecord {
            instance_id: id.0,
            asset: p.asset.clone(),
            category_id: category.0,
            position_m: t.translation.to_array(),
            yaw_deg: p.yaw_deg,
        })
        .collect();
    records.sort_by_key(|r| r.instance_id);
    let frame = FrameData {
        index: ctx.index,
        width: ctx.width,
        height: ctx.height,
        camera: camera_data,
        light,
        objects,
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
