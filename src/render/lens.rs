//! Brown–Conrady lens distortion: the forward model, its inverse by Newton's method (as
//! the post shader does it), and how far the undistorted render must zoom out so that
//! every pixel of the distorted image has a source. Plain math, mirrored by
//! `shaders/post.wgsl`.

use crate::frame::LensData;
use glam::Vec2;

/// Iterations of the inverse; the shader uses the same number.
pub const INVERSE_ITERATIONS: usize = 8;

/// Squared residual (normalised image units) at which the inverse stops iterating.
pub const CONVERGED: f32 = 1e-12;

/// Pinhole intrinsics of the final image, pixels (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Intrinsics {
    /// Focal lengths.
    pub focal: Vec2,
    /// Principal point.
    pub centre: Vec2,
}

impl Intrinsics {
    /// From a wgpu perspective projection matrix: x, y scales in [0][0], [1][1]; the
    /// principal point shift where the world's extract puts it (a clip-space translation
    /// applied after the perspective, which lands in [2][0], [2][1]).
    pub fn from_projection(projection: &glam::Mat4, width: u32, height: u32) -> Self {
        let (w, h) = (width as f32, height as f32);
        let c = projection.to_cols_array_2d();
        // Clip x = sx·x + kx·z + tx·w; with w = −z, the ndc offset of the principal point
        // is tx − kx (perspective_rh puts no kx; the shift matrix adds tx·(−z)).
        let ndc_shift = Vec2::new(c[3][0] - c[2][0], c[3][1] - c[2][1]);
        Self {
            focal: Vec2::new(c[0][0] * w * 0.5, c[1][1] * h * 0.5),
            centre: Vec2::new((1.0 + ndc_shift.x) * 0.5 * w, (1.0 - ndc_shift.y) * 0.5 * h),
        }
    }
}

/// Distorts normalised image coordinates (x = (u − cx)/fx, y = (v − cy)/fy).
pub fn distort(lens: &LensData, p: Vec2) -> Vec2 {
    let r2 = p.length_squared();
    let radial = 1.0 + lens.k1 * r2 + lens.k2 * r2 * r2;
    let tangential = Vec2::new(
        2.0 * lens.p1 * p.x * p.y + lens.p2 * (r2 + 2.0 * p.x * p.x),
        lens.p1 * (r2 + 2.0 * p.y * p.y) + 2.0 * lens.p2 * p.x * p.y,
    );
    p * radial + tangential
}

/// The Jacobian of [`distort`] at `p`, as columns (∂/∂x, ∂/∂y).
fn jacobian(lens: &LensData, p: Vec2) -> (Vec2, Vec2) {
    let r2 = p.length_squared();
    let radial = 1.0 + lens.k1 * r2 + lens.k2 * r2 * r2;
    // ∂radial/∂x = 2x(k1 + 2 k2 r²), likewise for y.
    let slope = 2.0 * (lens.k1 + 2.0 * lens.k2 * r2);
    let (x, y, p1, p2) = (p.x, p.y, lens.p1, lens.p2);
    let d_dx = Vec2::new(
        radial + x * x * slope + 2.0 * p1 * y + 6.0 * p2 * x,
        y * x * slope + 2.0 * p1 * x + 2.0 * p2 * y,
    );
    let d_dy = Vec2::new(
        x * y * slope + 2.0 * p1 * x + 2.0 * p2 * y,
        radial + y * y * slope + 6.0 * p1 * y + 2.0 * p2 * x,
    );
    (d_dx, d_dy)
}

/// The undistorted normalised point that [`distort`] maps onto `d`: Newton's method from
/// `d` itself, which converges wherever the lens is one-to-one (a fixed-point iteration
/// does not, towards the corners of strong barrel lenses). It stops once the residual is
/// below [`CONVERGED`] (1e-6, about 0.001 px at a 1000 px focal length), as post.wgsl does.
pub fn undistort(lens: &LensData, d: Vec2) -> Vec2 {
    let mut p = d;
    for _ in 0..INVERSE_ITERATIONS {
        let f = distort(lens, p) - d;
        if f.length_squared() < CONVERGED {
            break;
        }
        let (a, b) = jacobian(lens, p);
        let det = a.x * b.y - b.x * a.y;
        if det.abs() < 1e-6 {
            break;
        }
        p -= Vec2::new(b.y * f.x - b.x * f.y, a.x * f.y - a.y * f.x) / det;
    }
    p
}

/// Whether the lens distorts at all.
pub fn distorts(lens: &LensData) -> bool {
    lens.k1 != 0.0 || lens.k2 != 0.0 || lens.p1 != 0.0 || lens.p2 != 0.0
}

/// Points along the border of a `width`×`height` image, `steps` + 1 per edge.
fn border(width: u32, height: u32, steps: u32) -> impl Iterator<Item = Vec2> {
    let (w, h) = (width as f32, height as f32);
    (0..=steps).flat_map(move |s| {
        let t = s as f32 / steps as f32;
        [
            Vec2::new(t * w, 0.0),
            Vec2::new(t * w, h),
            Vec2::new(0.0, t * h),
            Vec2::new(w, t * h),
        ]
    })
}

/// Checks that the lens has an inverse over the image: undistorting any border point and
/// distorting it again lands within 0.01 px of where it started. With strong barrel
/// coefficients the radial map stops growing before the corners, so no ray reaches them
/// and no render can supply those pixels.
pub fn check(lens: &LensData, k: Intrinsics, width: u32, height: u32) -> Result<(), String> {
    if !distorts(lens) {
        return Ok(());
    }
    for edge in border(width, height, 64) {
        let d = (edge - k.centre) / k.focal;
        let back = distort(lens, undistort(lens, d));
        if ((back - d) * k.focal).length() > 0.01 || !back.is_finite() {
            return Err(format!(
                "lens distortion k1 {}, k2 {}, p1 {}, p2 {} has no inverse at pixel ({:.0}, \
                 {:.0}) of the {width}x{height} image: no ray reaches it (the radial map \
                 r(1 + k1 r² + k2 r⁴) stops growing); keep k2 above 0.45 k1² or use smaller \
                 coefficients",
                lens.k1, lens.k2, lens.p1, lens.p2, edge.x, edge.y
            ));
        }
    }
    Ok(())
}

/// The zoom (≤ 1) of the undistorted render about the image centre, so that the source
/// of every pixel of the distorted `width`×`height` image lies inside it, with a pixel
/// to spare for filtering. 1 without distortion.
pub fn render_zoom(lens: &LensData, k: Intrinsics, width: u32, height: u32) -> f32 {
    if !distorts(lens) {
        return 1.0;
    }
    let half = Vec2::new(width as f32, height as f32) * 0.5;
    let mut reach: f32 = 1.0;
    for edge in border(width, height, 64) {
        let source = undistort(lens, (edge - k.centre) / k.focal) * k.focal + k.centre;
        let off = (source - half).abs() + Vec2::splat(1.0);
        reach = reach.max(off.x / half.x).max(off.y / half.y);
    }
    1.0 / reach
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lens(k1: f32, k2: f32, p1: f32, p2: f32) -> LensData {
        LensData {
            k1,
            k2,
            p1,
            p2,
            ..LensData::default()
        }
    }

    #[test]
    fn undistort_inverts_distort_across_the_image() {
        for l in [
            lens(-0.25, 0.05, 0.001, -0.002),
            lens(0.1, 0.02, 0.0, 0.0),
            lens(0.0, 0.0, 0.0, 0.0),
        ] {
            for x in [-0.9f32, -0.4, 0.0, 0.3, 0.8] {
                for y in [-0.5f32, 0.0, 0.45] {
                    let p = Vec2::new(x, y);
                    let back = undistort(&l, distort(&l, p));
                    assert!((back - p).length() < 1e-4, "{l:?} {p}: {back}");
                }
            }
        }
    }

    #[test]
    fn folding_lenses_are_refused_and_mild_ones_pass() {
        let k = Intrinsics {
            focal: Vec2::new(700.0, 700.0),
            centre: Vec2::new(640.0, 360.0),
        };
        assert!(check(&lens(-0.12, 0.03, 0.002, -0.002), k, 1280, 720).is_ok());
        assert!(check(&LensData::default(), k, 1280, 720).is_ok());
        // k1 = −0.6: the radial factor r(1 − 0.6r²) peaks at r = 0.75, inside the corner.
        let err = check(&lens(-0.6, 0.0, 0.0, 0.0), k, 1280, 720).unwrap_err();
        assert!(
            err.contains("no inverse") && err.contains("k1 -0.6"),
            "{err}"
        );
    }

    #[test]
    fn barrel_distortion_needs_a_wider_render_and_none_needs_none() {
        let k = Intrinsics {
            focal: Vec2::new(800.0, 800.0),
            centre: Vec2::new(640.0, 360.0),
        };
        assert_eq!(render_zoom(&LensData::default(), k, 1280, 720), 1.0);
        // k2 > 0.45 k1²: the radial map r(1 + k1 r² + k2 r⁴) keeps growing, so every
        // pixel has an undistorted source.
        let barrel = lens(-0.2, 0.02, 0.0, 0.0);
        let zoom = render_zoom(&barrel, k, 1280, 720);
        // The right edge's midpoint, x = 0.8: undistorted x solves x(1 − 0.2x² + 0.02x⁴)
        // = 0.8; bisection, independent of the Newton iteration under test.
        let (mut lo, mut hi) = (0.8f32, 2.0f32);
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            let radial = 1.0 - 0.2 * mid * mid + 0.02 * mid.powi(4);
            (lo, hi) = if mid * radial < 0.8 {
                (mid, hi)
            } else {
                (lo, mid)
            };
        }
        let corner = undistort(&barrel, Vec2::new(0.8, 0.45));
        assert!((distort(&barrel, corner) - Vec2::new(0.8, 0.45)).length() < 1e-5);
        let corner_x = corner.x;
        assert!(
            corner_x > lo,
            "the corner reaches further out than the edge's midpoint"
        );
        let expected = 640.0 / (corner_x * 800.0 + 1.0);
        assert!(
            (zoom - expected).abs() < 2e-3,
            "zoom {zoom}, expected {expected}"
        );
    }

    #[test]
    fn intrinsics_come_back_out_of_the_projection() {
        let proj = glam::camera::rh::proj::directx::perspective(0.9, 16.0 / 9.0, 0.1, 100.0);
        let shift = glam::Mat4::from_translation(glam::Vec3::new(
            2.0 * 6.0 / 1280.0,
            -2.0 * -4.0 / 720.0,
            0.0,
        ));
        let k = Intrinsics::from_projection(&(shift * proj), 1280, 720);
        let f = 360.0 / (0.45f32).tan();
        assert!(
            (k.focal.y - f).abs() < 0.01 && (k.focal.x - f).abs() < 0.01,
            "{k:?}"
        );
        assert!(
            (k.centre - Vec2::new(646.0, 356.0)).length() < 1e-3,
            "{k:?}"
        );
    }
}
