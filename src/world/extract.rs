//! Extract: turns the world into plain [`FrameData`] for the renderer and [`FrameMeta`]
//! for the record.

use super::components::*;
use super::lighting::Weather;
use super::lights::object_lights;
use super::samples::{FrameMeta, ObjectRecord, SampleLog};
use super::systems::SceneRes;
use crate::frame::{
    CameraData, FrameData, LightData, ObjectDraw, PointLight, SkyData, WeatherData,
};
use bevy_ecs::prelude::*;
use glam::{Mat4, Quat, Vec3};

/// The extracted frame, left in the world for the caller to take.
#[derive(Resource, Clone, Debug, Default)]
pub struct Extracted(pub Option<(FrameData, FrameMeta)>);

/// Everything about a drawn entity that reaches the renderer.
type Drawable<'a> = (
    &'a Transform,
    &'a MeshRef,
    &'a Category,
    Option<&'a InstanceId>,
    Option<&'a MaterialOverrides>,
    Option<&'a Emissive>,
    Option<&'a PartTransforms>,
);

/// Everything about a placed entity that reaches the record.
type Recorded<'a> = (
    &'a Transform,
    Option<&'a InstanceId>,
    &'a Category,
    &'a Identity,
    &'a ObjectSamples,
);

fn model(t: &Transform) -> Mat4 {
    Mat4::from_scale_rotation_translation(t.scale, t.rotation, t.translation)
}

/// The view and projection, with the principal point shifted by `principal_px`.
fn camera_data(t: &Transform, camera: &Camera, width: u32, height: u32) -> CameraData {
    let aspect = width as f32 / height as f32;
    let perspective = glam::camera::rh::proj::directx::perspective(
        camera.fov_y_rad,
        aspect,
        camera.near_m,
        camera.far_m,
    );
    // A pixel offset (+x right, +y down) moves clip x by 2·dx/width and clip y by −2·dy/height.
    let shift = Mat4::from_translation(Vec3::new(
        2.0 * camera.principal_px.x / width as f32,
        -2.0 * camera.principal_px.y / height as f32,
        0.0,
    ));
    CameraData {
        view: model(t).inverse(),
        projection: shift * perspective,
        position: t.translation,
    }
}

/// Turns the world into plain [`FrameData`] and [`FrameMeta`].
#[allow(clippy::too_many_arguments)]
pub fn extract(
    cameras: Query<(&Transform, &Camera)>,
    suns: Query<&Sun>,
    drawables: Query<Drawable>,
    placed: Query<Recorded>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    log: Res<SampleLog>,
    weather: Res<Weather>,
    mut out: ResMut<Extracted>,
) {
    let Some((cam_t, camera)) = cameras.iter().next() else {
        return;
    };
    let Some(sun) = suns.iter().next() else {
        return;
    };
    let light = LightData {
        sun_direction: sun.direction,
        sun_color: sun.colour,
        ambient: sun.ambient,
        sky_ambient: sun.sky_ambient,
        sky_color: sun.sky,
        sky: SkyData {
            turbidity: sun.turbidity,
            // Clouds flatten the sky's shape towards a uniform overcast.
            intensity: 1.0 - weather.cloud_cover,
        },
        exposure: camera.exposure,
    };
    let mut objects: Vec<ObjectDraw> = drawables.iter().map(draw).collect();
    objects.sort_by_key(|o| (o.instance_id, o.asset));
    let mut lights: Vec<PointLight> = objects
        .iter()
        .filter_map(|o| Some((o, scene.shared.emitters.get(o.asset)?)))
        .flat_map(|(o, e)| object_lights(e, o.transform, o.emissive))
        .collect();
    // A fixed order (the shader sums lights in this order).
    lights.sort_by(|a, b| {
        let (a, b) = (a.position, b.position);
        a.x.total_cmp(&b.x)
            .then(a.y.total_cmp(&b.y))
            .then(a.z.total_cmp(&b.z))
    });
    let frame = FrameData {
        index: ctx.index,
        width: ctx.width,
        height: ctx.height,
        camera: camera_data(cam_t, camera, ctx.width, ctx.height),
        light,
        objects,
        sky_category: scene.shared.sky_category,
        lights,
        weather: weather_data(&weather),
        lens: camera.lens,
        noise_seed: noise_seed(ctx.seed, ctx.index),
    };
    let meta = FrameMeta {
        index: ctx.index,
        image_id: ctx.index + 1,
        seed: ctx.seed,
        scene: scene.shared.name.clone(),
        condition: scene.condition.clone(),
        width: ctx.width,
        height: ctx.height,
        samples: log.0.clone(),
        objects: records(placed.iter()),
    };
    out.0 = Some((frame, meta));
}

/// The renderer's view of the sampled weather.
fn weather_data(w: &Weather) -> WeatherData {
    WeatherData {
        fog_density: w.fog_density_per_km / 1000.0,
        fog_height_falloff: 1.0 / w.fog_height_m.max(1.0),
        rain_mm_per_h: w.rain_mm_per_h,
        snow_mm_per_h: w.snow_mm_per_h,
        wetness: w.wetness,
        snow_cover: w.snow_cover,
        cloud_cover: w.cloud_cover,
    }
}

/// A 32-bit seed for the frame's own noise, mixed from (seed, index) (SplitMix64).
fn noise_seed(seed: u64, index: u64) -> u32 {
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as u32
}

fn draw((t, mesh, category, id, materials, emissive, parts): Drawable) -> ObjectDraw {
    ObjectDraw {
        asset: mesh.0,
        transform: model(t),
        instance_id: id.map_or(0, |i| i.0),
        category_id: category.0,
        materials: materials.map_or(Vec::new(), |m| m.0.clone()),
        emissive: emissive.map_or(1.0, |e| e.0),
        part_transforms: parts.map_or(Vec::new(), |p| p.0.clone()),
    }
}

/// Things by instance id, then stuff (id 0) by position: a fixed order.
fn records<'a>(placed: impl Iterator<Item = Recorded<'a>>) -> Vec<ObjectRecord> {
    let mut records: Vec<ObjectRecord> = placed
        .map(|(t, id, category, identity, samples)| ObjectRecord {
            instance_id: id.map_or(0, |i| i.0),
            asset: identity.asset.clone(),
            variant: identity.variant.clone(),
            category_id: category.0,
            position_m: t.translation.to_array(),
            yaw_deg: f64::from(yaw_of(t.rotation).to_degrees()),
            scale: f64::from(t.scale.x),
            samples: samples.0.0.clone(),
        })
        .collect();
    records.sort_by(|a, b| {
        (a.instance_id == 0, a.instance_id)
            .cmp(&(b.instance_id == 0, b.instance_id))
            .then(a.position_m[2].total_cmp(&b.position_m[2]))
            .then(a.position_m[0].total_cmp(&b.position_m[0]))
    });
    records
}

/// The heading about +Y of a rotation, radians (0 faces +Z).
fn yaw_of(rotation: Quat) -> f32 {
    let forward = rotation * Vec3::Z;
    forward.x.atan2(forward.z)
}
