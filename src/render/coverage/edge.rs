//! Which objects may reach the frame's edge: only those are drawn in the guard view. An
//! object whose bounding box projects (through the lens) wholly inside the frame, with a
//! margin, is not truncated, and its guard-view counts are known without drawing it.

use super::super::lens::{self, Intrinsics};
use crate::frame::FrameData;
use glam::{Mat4, Vec2, Vec3};

/// Pixels the projected box must keep from the frame's edge.
const MARGIN: f32 = 2.0;
/// Points sampled along each side of the projected box.
const SAMPLES: u32 = 32;

/// The frame's render projection and lens, for [`FrameEdge::may_cross`].
pub struct FrameEdge {
    view_proj: Mat4,
    size: Vec2,
    zoom: f32,
    intrinsics: Intrinsics,
    lens: crate::frame::LensData,
    distorts: bool,
}

impl FrameEdge {
    /// For `frame` drawn with the render's `view_proj` (zoomed by `zoom` about the centre).
    pub fn new(frame: &FrameData, view_proj: Mat4, zoom: f32) -> Self {
        Self {
            view_proj,
            size: Vec2::new(frame.width as f32, frame.height as f32),
            zoom,
            intrinsics: Intrinsics::from_projection(
                &frame.camera.projection,
                frame.width,
                frame.height,
            ),
            lens: frame.lens,
            distorts: lens::distorts(&frame.lens),
        }
    }

    /// Where pixel position `p` of the undistorted render lands in the final image (the
    /// coverage shader's `final_position`).
    pub fn final_position(&self, p: Vec2) -> Vec2 {
        if !self.distorts {
            return p;
        }
        let k = self.intrinsics;
        let half = self.size * 0.5;
        let ray = ((p - half) / self.zoom + half - k.centre) / k.focal;
        lens::distort(&self.lens, ray) * k.focal + k.centre
    }

    /// Whether the box `bounds` under `model` may cover a pixel outside the final frame (or
    /// within [`MARGIN`] of its edge). Conservative: true whenever unsure, e.g. for a box
    /// reaching behind the camera.
    pub fn may_cross(&self, model: Mat4, (min, max): (Vec3, Vec3)) -> bool {
        let mut lo = Vec2::splat(f32::INFINITY);
        let mut hi = Vec2::splat(f32::NEG_INFINITY);
        for i in 0..8 {
            let pick = |bit: usize, a: f32, b: f32| if i & bit != 0 { b } else { a };
            let corner = Vec3::new(
                pick(1, min.x, max.x),
                pick(2, min.y, max.y),
                pick(4, min.z, max.z),
            );
            let clip = self.view_proj * model * corner.extend(1.0);
            if clip.w <= 1e-4 {
                return true;
            }
            let p = Vec2::new(
                (clip.x / clip.w + 1.0) * 0.5 * self.size.x,
                (1.0 - clip.y / clip.w) * 0.5 * self.size.y,
            );
            lo = lo.min(p);
            hi = hi.max(p);
        }
        let outside = |p: Vec2| {
            let q = self.final_position(p);
            !(q.x >= MARGIN
                && q.y >= MARGIN
                && q.x <= self.size.x - MARGIN
                && q.y <= self.size.y - MARGIN)
        };
        (0..=SAMPLES).any(|s| {
            let t = s as f32 / SAMPLES as f32;
            let x = lo.x + (hi.x - lo.x) * t;
            let y = lo.y + (hi.y - lo.y) * t;
            [
                Vec2::new(x, lo.y),
                Vec2::new(x, hi.y),
                Vec2::new(lo.x, y),
                Vec2::new(hi.x, y),
            ]
            .into_iter()
            .any(outside)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{CameraData, LensData, LightData, WeatherData};

    fn frame(lens: LensData) -> FrameData {
        FrameData {
            index: 0,
            width: 200,
            height: 100,
            camera: CameraData {
                view: Mat4::IDENTITY,
                projection: glam::camera::rh::proj::directx::perspective(1.0, 2.0, 0.1, 100.0),
                position: Vec3::ZERO,
            },
            light: LightData {
                sun_direction: Vec3::Y,
                sun_color: Vec3::ONE,
                ambient: Vec3::ZERO,
                sky_ambient: 0.0,
                sky_color: Vec3::ZERO,
                sky: Default::default(),
                exposure: 1.0,
            },
            objects: Vec::new(),
            sky_category: 0,
            lights: Vec::new(),
            weather: WeatherData::default(),
            lens,
            noise_seed: 0,
        }
    }

    const UNIT: (Vec3, Vec3) = (Vec3::splat(-0.5), Vec3::splat(0.5));

    #[test]
    fn boxes_inside_stay_out_of_the_guard_view_and_others_do_not() {
        let f = frame(LensData::default());
        let edge = FrameEdge::new(&f, f.camera.projection * f.camera.view, 1.0);
        let at = |x: f32, z: f32| Mat4::from_translation(Vec3::new(x, 0.0, z));
        assert!(!edge.may_cross(at(0.0, -10.0), UNIT));
        // The frame's half-width at 10 m is 10·tan(0.5)·2 ≈ 10.9 m.
        assert!(edge.may_cross(at(10.5, -10.0), UNIT));
        // Behind the camera, or straddling it.
        assert!(edge.may_cross(at(0.0, 0.2), UNIT));
        assert_eq!(
            edge.final_position(Vec2::new(3.0, 4.0)),
            Vec2::new(3.0, 4.0)
        );
    }

    #[test]
    fn barrel_distortion_pulls_corners_in_and_the_test_follows_it() {
        let lens = LensData {
            k1: -0.1,
            k2: 0.02,
            ..LensData::default()
        };
        let f = frame(lens);
        let k = Intrinsics::from_projection(&f.camera.projection, f.width, f.height);
        assert!(lens::check(&f.lens, k, f.width, f.height).is_ok());
        let zoom = lens::render_zoom(&f.lens, k, f.width, f.height);
        assert!(zoom < 1.0);
        let edge = FrameEdge::new(&f, f.camera.projection * f.camera.view, zoom);
        // The render is zoomed out so that its corner reaches the final frame's corner (with
        // a pixel to spare); its centre maps to the centre.
        let corner = edge.final_position(Vec2::ZERO);
        assert!(corner.x < 1.0 && corner.y < 1.0, "{corner}");
        let centre = edge.final_position(Vec2::new(100.0, 50.0));
        assert!((centre - Vec2::new(100.0, 50.0)).length() < 1e-3);
    }
}
