//! Sun shadows: two cascades of orthographic shadow maps fitted around the camera's view
//! (a near one for detail, a far one for reach). Plain math (no wgpu); the shadow pass
//! renders depth from the sun with each matrix and the colour pass compares against it.

use crate::frame::FrameData;
use glam::{Mat4, Vec3};

/// Cascades in the shadow map array.
pub const CASCADES: usize = 2;
/// Edge of each cascade's square depth map, texels.
pub const MAP_SIZE: u32 = 1024;
/// (distance ahead of the camera of the cascade's centre, its radius), metres.
const FITS: [(f32, f32); CASCADES] = [(14.0, 18.0), (70.0, 75.0)];

/// The shadow cascades of one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cascades {
    /// World → light clip space, per cascade.
    pub view_proj: [Mat4; CASCADES],
    /// Each cascade's texel size in world units, metres.
    pub texel_m: [f32; CASCADES],
    /// Whether the sun casts shadows at all (it is up and shining).
    pub active: bool,
}

/// Cascades for `frame`'s sun around its camera.
pub fn cascades(frame: &FrameData) -> Cascades {
    let sun = frame.light.sun_direction.normalize_or(Vec3::Y);
    let active = sun.y > 0.0 && frame.light.sun_color.max_element() > 0.0;
    // The camera looks down its view space −Z.
    let to_world = frame.camera.view.inverse();
    let forward = to_world
        .transform_vector3(Vec3::NEG_Z)
        .normalize_or(Vec3::Z);
    let ahead = Vec3::new(forward.x, 0.0, forward.z).normalize_or(Vec3::Z);
    let up = if sun.y.abs() > 0.99 { Vec3::Z } else { Vec3::Y };
    let mut view_proj = [Mat4::IDENTITY; CASCADES];
    let mut texel_m = [0.0; CASCADES];
    for (k, (distance, radius)) in FITS.iter().enumerate() {
        // On the ground below the line of sight, where the shadows that matter fall.
        let below = frame.camera.position * Vec3::new(1.0, 0.0, 1.0);
        let centre = below + ahead * *distance;
        // Far enough up the sun's direction that tall buildings between the sun and the
        // cascade still cast (a low sun's shadows are long), and deep enough behind.
        let reach = radius + 300.0;
        let depth = reach + radius + 60.0;
        let eye = centre + sun * reach;
        let view = glam::camera::rh::view::look_at_mat4(eye, centre, up);
        let proj = glam::camera::rh::proj::directx::orthographic(
            -radius, *radius, -radius, *radius, 0.0, depth,
        );
        view_proj[k] = proj * view;
        texel_m[k] = 2.0 * radius / MAP_SIZE as f32;
    }
    Cascades {
        view_proj,
        texel_m,
        active,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{CameraData, LensData, LightData, SkyData, WeatherData};

    fn frame(sun: Vec3) -> FrameData {
        FrameData {
            index: 0,
            width: 8,
            height: 8,
            camera: CameraData {
                // At (0, 1.5, 0) looking down +Z.
                view: (Mat4::from_translation(Vec3::new(0.0, 1.5, 0.0))
                    * Mat4::from_rotation_y(std::f32::consts::PI))
                .inverse(),
                projection: Mat4::IDENTITY,
                position: Vec3::new(0.0, 1.5, 0.0),
            },
            light: LightData {
                sun_direction: sun,
                sun_color: Vec3::ONE,
                ambient: Vec3::ZERO,
                sky_ambient: 0.0,
                sky_color: Vec3::ZERO,
                sky: SkyData::default(),
                exposure: 1.0,
            },
            objects: Vec::new(),
            sky_category: 0,
            lights: Vec::new(),
            weather: WeatherData::default(),
            lens: LensData::default(),
            noise_seed: 0,
        }
    }

    #[test]
    fn the_road_ahead_falls_inside_each_cascade_and_nearer_the_sun_means_nearer_depth() {
        let c = cascades(&frame(Vec3::new(0.3, 0.8, 0.2).normalize()));
        assert!(c.active);
        for (k, m) in c.view_proj.iter().enumerate() {
            let (distance, _) = FITS[k];
            let ground = *m * Vec3::new(0.0, 0.0, distance).extend(1.0);
            assert!(
                ground.x.abs() < 1e-3 && ground.y.abs() < 1e-3,
                "cascade {k}: {ground}"
            );
            assert!(
                ground.z > 0.0 && ground.z < 1.0,
                "cascade {k}: depth {}",
                ground.z
            );
            let roof = *m * Vec3::new(0.0, 20.0, distance).extend(1.0);
            assert!(
                roof.z < ground.z,
                "a roof is nearer the sun than the ground below it"
            );
        }
        assert!(
            c.texel_m[0] < 0.04 && c.texel_m[1] < 0.16,
            "{:?}",
            c.texel_m
        );
    }

    #[test]
    fn no_shadows_without_a_sun() {
        assert!(!cascades(&frame(Vec3::new(0.0, -0.3, 1.0).normalize())).active);
    }
}
