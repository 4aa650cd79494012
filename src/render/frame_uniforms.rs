//! What the scene passes need per frame, from plain [`FrameData`]: matrices, the sky
//! model and the ambient light it casts (SH), fog, surface weather and the light grid.

use super::gpu_types::FrameUniforms;
use super::light_bins::{self, LightBins};
use super::shadows::Cascades;
use super::sky::{Irradiance, SkyModel};
use super::sky_map;
use crate::frame::FrameData;
use glam::{Mat4, Vec3};

/// Ground albedo for the light the ground bounces back up.
const GROUND_ALBEDO: f32 = 0.15;
/// Henyey–Greenstein asymmetry of fog droplets (strongly forward).
const FOG_PHASE_G: f32 = 0.65;

/// Projection × view of the undistorted render, zoomed out about the image centre by
/// `zoom` (≤ 1) so that a distorting lens finds a source for every pixel.
pub fn render_view_proj(frame: &FrameData, zoom: f32) -> Mat4 {
    Mat4::from_scale(Vec3::new(zoom, zoom, 1.0)) * frame.camera.projection * frame.camera.view
}

/// Puddle coverage of the road for a surface wetness 0..1: none below 0.3.
pub fn puddle_coverage(wetness: f32) -> f32 {
    ((wetness - 0.3) / 0.7).clamp(0.0, 1.0) * 0.55
}

fn v4(v: Vec3, w: f32) -> [f32; 4] {
    v.extend(w).to_array()
}

/// The frame's sky model (for [`frame_uniforms`] and [`sky_map::bake`]).
pub fn sky_model(frame: &FrameData) -> SkyModel {
    let sun = frame.light.sun_direction.normalize_or(Vec3::Y);
    SkyModel::new(sun, frame.light.sky.turbidity)
}

/// How dark sun shadows are: full under a clear sky, soft and faint when overcast.
pub fn shadow_strength(cloud_cover: f32) -> f32 {
    1.0 - 0.8 * cloud_cover.clamp(0.0, 1.0)
}

/// What the scene passes see, besides the frame itself.
pub struct Inputs<'a> {
    /// The sky model.
    pub model: &'a SkyModel,
    /// Projection × view of the render.
    pub view_proj: Mat4,
    /// Binned lights.
    pub bins: &'a LightBins,
    /// Sun shadow cascades.
    pub cascades: &'a Cascades,
}

/// The frame uniforms for `frame`.
pub fn frame_uniforms(frame: &FrameData, inputs: Inputs) -> FrameUniforms {
    let Inputs {
        model,
        view_proj,
        bins,
        cascades,
    } = inputs;
    let light = &frame.light;
    let camera_to_world = frame.camera.view.inverse();
    let sun = light.sun_direction.normalize_or(Vec3::Y);
    let sky = |d: Vec3| sky_map::radiance(light, model, d);
    // The light arriving at a surface: the sky above; below, the ground lit by sun and sky.
    let ground = (light.sun_color * sun.y.max(0.0) + light.sky_color) * GROUND_ALBEDO;
    let field = if light.sky_ambient > 0.0 || frame.weather.fog_density > 0.0 {
        Irradiance::from_radiance(|d| if d.y >= 0.0 { sky(d) } else { ground })
    } else {
        Irradiance::default()
    };
    // A constant ambient term is the SH's first coefficient alone (E/π = c0 · Y00).
    let mut ambient = field.0.map(|c| c * light.sky_ambient);
    ambient[0] += light.ambient / 0.282_095;
    let weather = &frame.weather;
    FrameUniforms {
        view_proj: view_proj.to_cols_array_2d(),
        inv_view_proj: view_proj.inverse().to_cols_array_2d(),
        sun_direction: v4(sun, 0.0),
        sun_color: v4(light.sun_color, 0.0),
        camera_exposure: v4(frame.camera.position, light.exposure),
        ambient_sh: ambient.map(|c| v4(c, 0.0)),
        fog: [
            weather.fog_density,
            weather.fog_height_falloff,
            FOG_PHASE_G,
            0.0,
        ],
        // The mean radiance over all directions, plus the constant ambient.
        fog_color: v4(field.0[0] * 0.282_095 + light.ambient, 0.0),
        surface_weather: [
            weather.wetness,
            weather.snow_cover,
            puddle_coverage(weather.wetness),
            weather.cloud_cover,
        ],
        light_grid: [
            bins.columns,
            bins.rows,
            bins.lights.len() as u32,
            light_bins::SLICES,
        ],
        camera_forward: v4(
            camera_to_world
                .transform_vector3(Vec3::NEG_Z)
                .normalize_or(Vec3::Z),
            0.0,
        ),
        camera_right: v4(
            camera_to_world
                .transform_vector3(Vec3::X)
                .normalize_or(Vec3::X),
            0.0,
        ),
        light_slices: [
            light_bins::SLICE_RANGE.0,
            light_bins::slice_scale(),
            0.0,
            0.0,
        ],
        shadow_view_proj: cascades.view_proj.map(|m| m.to_cols_array_2d()),
        shadow: [
            if cascades.active {
                shadow_strength(weather.cloud_cover)
            } else {
                0.0
            },
            super::shadows::MAP_SIZE as f32,
            cascades.texel_m[0],
            cascades.texel_m[1],
        ],
    }
}
