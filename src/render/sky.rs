//! The analytic daylight sky (Preetham, Shirley and Smits 1999) and its lighting: the sky's
//! shape relative to its zenith, and the irradiance it casts, as order-2 spherical
//! harmonics. Plain math (no wgpu), mirrored by `shaders/include/atmosphere.wgsl`.

use glam::Vec3;

/// Perez coefficients A..E of one channel (Y, x or y).
pub type Perez = [f32; 5];

/// Everything the shader needs to evaluate the sky in any direction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SkyModel {
    /// Unit vector towards the sun (elevation clamped to the model's domain).
    pub sun: Vec3,
    /// Perez coefficients for luminance Y and chromaticities x, y.
    pub perez: [Perez; 3],
    /// Zenith value over F(0, θs), per channel (Y, x, y): multiplies F(θ, γ).
    pub scale: Vec3,
    /// Linear RGB of the model at the zenith; the shape divides by it.
    pub zenith_rgb: Vec3,
}

/// The sun's elevation is kept at or above this (radians): the model has no night.
const MIN_SUN_ELEVATION: f32 = 0.01;

fn channel(t: f32, rows: [[f32; 2]; 5]) -> Perez {
    rows.map(|[a, b]| a * t + b)
}

/// Perez's F(θ, γ): θ from the zenith, γ from the sun.
pub fn perez(c: &Perez, cos_theta: f32, gamma: f32) -> f32 {
    let cos_gamma = gamma.cos();
    (1.0 + c[0] * (c[1] / cos_theta.max(0.01)).exp())
        * (1.0 + c[2] * (c[3] * gamma).exp() + c[4] * cos_gamma * cos_gamma)
}

/// CIE xyY → linear sRGB (D65).
pub fn xyy_to_rgb(x: f32, y: f32, luminance: f32) -> Vec3 {
    let y = y.max(1e-4);
    let big_x = x * luminance / y;
    let big_z = (1.0 - x - y) * luminance / y;
    Vec3::new(
        3.2406 * big_x - 1.5372 * luminance - 0.4986 * big_z,
        -0.9689 * big_x + 1.8758 * luminance + 0.0415 * big_z,
        0.0557 * big_x - 0.2040 * luminance + 1.0570 * big_z,
    )
}

impl SkyModel {
    /// The sky for a sun in direction `sun` (unit, +Y up) at atmospheric `turbidity`.
    pub fn new(sun: Vec3, turbidity: f32) -> Self {
        let t = turbidity.clamp(1.7, 10.0);
        let elevation = sun.y.clamp(-1.0, 1.0).asin().max(MIN_SUN_ELEVATION);
        let horizontal = Vec3::new(sun.x, 0.0, sun.z).normalize_or(Vec3::Z);
        let sun = horizontal * elevation.cos() + Vec3::Y * elevation.sin();
        let theta_s = std::f32::consts::FRAC_PI_2 - elevation;
        let coefficients = [
            channel(
                t,
                [
                    [0.1787, -1.4630],
                    [-0.3554, 0.4275],
                    [-0.0227, 5.3251],
                    [0.1206, -2.5771],
                    [-0.0670, 0.3703],
                ],
            ),
            channel(
                t,
                [
                    [-0.0193, -0.2592],
                    [-0.0665, 0.0008],
                    [-0.0004, 0.2125],
                    [-0.0641, -0.8989],
                    [-0.0033, 0.0452],
                ],
            ),
            channel(
                t,
                [
                    [-0.0167, -0.2608],
                    [-0.0950, 0.0092],
                    [-0.0079, 0.2102],
                    [-0.0441, -1.6537],
                    [-0.0109, 0.0529],
                ],
            ),
        ];
        let zenith = zenith_xyy(t, theta_s);
        let scale = Vec3::new(
            zenith.z / perez(&coefficients[0], 1.0, theta_s),
            zenith.x / perez(&coefficients[1], 1.0, theta_s),
            zenith.y / perez(&coefficients[2], 1.0, theta_s),
        );
        let zenith_rgb = xyy_to_rgb(zenith.x, zenith.y, zenith.z).max(Vec3::splat(1e-4));
        Self {
            sun,
            perez: coefficients,
            scale,
            zenith_rgb,
        }
    }

    /// Linear RGB of the model towards `dir` (unit), in the model's own units; below the
    /// horizon, the horizon's value.
    pub fn rgb(&self, dir: Vec3) -> Vec3 {
        let cos_theta = dir.y.max(0.0);
        let gamma = dir.dot(self.sun).clamp(-1.0, 1.0).acos();
        let luminance = self.scale.x * perez(&self.perez[0], cos_theta, gamma);
        let x = self.scale.y * perez(&self.perez[1], cos_theta, gamma);
        let y = self.scale.z * perez(&self.perez[2], cos_theta, gamma);
        xyy_to_rgb(x, y, luminance).max(Vec3::ZERO)
    }

    /// The sky's shape towards `dir`: its RGB relative to the zenith's, so the zenith is
    /// (1, 1, 1). The sky drawn is this times the frame's zenith colour.
    pub fn shape(&self, dir: Vec3) -> Vec3 {
        self.rgb(dir) / self.zenith_rgb
    }
}

/// Zenith chromaticity x, y and luminance Y (kcd/m²) at turbidity `t`, sun zenith `theta_s`.
fn zenith_xyy(t: f32, theta_s: f32) -> Vec3 {
    let chi = (4.0 / 9.0 - t / 120.0) * (std::f32::consts::PI - 2.0 * theta_s);
    let luminance = (4.0453 * t - 4.9710) * chi.tan() - 0.2155 * t + 2.4192;
    let th = [theta_s.powi(3), theta_s.powi(2), theta_s, 1.0];
    let poly = |m: [[f32; 4]; 3]| {
        let row = |r: [f32; 4]| r.iter().zip(&th).map(|(a, b)| a * b).sum::<f32>();
        t * t * row(m[0]) + t * row(m[1]) + row(m[2])
    };
    let x = poly([
        [0.00166, -0.00375, 0.00209, 0.0],
        [-0.02903, 0.06377, -0.03202, 0.00394],
        [0.11693, -0.21196, 0.06052, 0.25886],
    ]);
    let y = poly([
        [0.00275, -0.00610, 0.00317, 0.0],
        [-0.04214, 0.08970, -0.04153, 0.00516],
        [0.15346, -0.26756, 0.06670, 0.26688],
    ]);
    Vec3::new(x, y, luminance.max(0.01))
}

/// Order-2 spherical harmonics of an irradiance, stored as the nine RGB coefficients of
/// E(n)/π, the radiance a white Lambertian surface facing `n` reflects.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Irradiance(pub [Vec3; 9]);

/// The nine real SH basis functions at unit `d`.
fn basis(d: Vec3) -> [f32; 9] {
    [
        0.282_095,
        0.488_603 * d.y,
        0.488_603 * d.z,
        0.488_603 * d.x,
        1.092_548 * d.x * d.y,
        1.092_548 * d.y * d.z,
        0.315_392 * (3.0 * d.z * d.z - 1.0),
        1.092_548 * d.x * d.z,
        0.546_274 * (d.x * d.x - d.y * d.y),
    ]
}

/// Directions spread evenly over the sphere (a Fibonacci lattice).
fn sphere_points(n: usize) -> impl Iterator<Item = Vec3> {
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    (0..n).map(move |k| {
        let y = 1.0 - 2.0 * (k as f32 + 0.5) / n as f32;
        let r = (1.0 - y * y).max(0.0).sqrt();
        let phi = golden * k as f32;
        Vec3::new(r * phi.cos(), y, r * phi.sin())
    })
}

impl Irradiance {
    /// Projects the radiance `radiance(dir)` arriving from every direction and convolves
    /// it with the cosine lobe (Ramamoorthi and Hanrahan): evaluating the result at `n`
    /// gives E(n)/π.
    pub fn from_radiance(radiance: impl Fn(Vec3) -> Vec3) -> Self {
        const SAMPLES: usize = 1024;
        let weight = 4.0 * std::f32::consts::PI / SAMPLES as f32;
        let mut c = [Vec3::ZERO; 9];
        for d in sphere_points(SAMPLES) {
            let l = radiance(d) * weight;
            for (ck, bk) in c.iter_mut().zip(basis(d)) {
                *ck += l * bk;
            }
        }
        // Cosine-lobe convolution per band (π, 2π/3, π/4), then divided by π.
        let band = [
            1.0,
            2.0 / 3.0,
            2.0 / 3.0,
            2.0 / 3.0,
            0.25,
            0.25,
            0.25,
            0.25,
            0.25,
        ];
        for (ck, a) in c.iter_mut().zip(band) {
            *ck *= a;
        }
        Self(c)
    }

    /// E(n)/π for a unit normal `n`.
    pub fn eval(&self, n: Vec3) -> Vec3 {
        self.0
            .iter()
            .zip(basis(n))
            .fold(Vec3::ZERO, |acc, (c, b)| acc + *c * b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniform_radiance_gives_that_radiance_on_every_face() {
        let sh = Irradiance::from_radiance(|_| Vec3::new(0.5, 1.0, 2.0));
        for n in [Vec3::Y, Vec3::X, -Vec3::Z, Vec3::new(0.6, -0.8, 0.0)] {
            let e = sh.eval(n);
            assert!(
                (e - Vec3::new(0.5, 1.0, 2.0)).abs().max_element() < 0.01,
                "{n}: {e}"
            );
        }
    }

    #[test]
    fn upper_hemisphere_lights_a_wall_half_as_much_as_the_ground() {
        // Uniform sky above, black ground: E/π is 1 facing up, 1/2 facing sideways, 0 down.
        let sh = Irradiance::from_radiance(|d| Vec3::splat(if d.y > 0.0 { 1.0 } else { 0.0 }));
        let up = sh.eval(Vec3::Y).x;
        let side = sh.eval(Vec3::X).x;
        let down = sh.eval(-Vec3::Y).x;
        // Order-2 SH smooths the step a little (ringing of a few per cent).
        assert!((up - 1.0).abs() < 0.06, "up {up}");
        assert!((side - 0.5).abs() < 0.02, "side {side}");
        assert!(down.abs() < 0.06, "down {down}");
    }

    #[test]
    fn clear_sky_is_blue_at_the_zenith_brighter_near_the_sun_and_at_the_horizon() {
        let sun = Vec3::new(0.0, 0.5f32.sin(), 0.5f32.cos());
        let sky = SkyModel::new(sun, 2.5);
        let zenith = sky.rgb(Vec3::Y);
        assert!(zenith.z > zenith.x, "zenith {zenith} is not blue");
        assert!((sky.shape(Vec3::Y) - Vec3::ONE).abs().max_element() < 1e-4);
        let near_sun = sky.rgb((sun + Vec3::new(0.05, 0.0, 0.0)).normalize());
        assert!(
            near_sun.y > 3.0 * zenith.y,
            "near the sun {near_sun} vs zenith {zenith}"
        );
        let away = Vec3::new(0.0, 0.05, -1.0).normalize();
        assert!(
            sky.rgb(away).y > zenith.y,
            "horizon away from the sun is darker than zenith"
        );
        // Preetham's zenith luminance at T = 2.5, θs = 61.35°, worked by hand:
        // χ = (4/9 − 2.5/120)(π − 2θs) = 0.4236, Yz = 5.1422 tan χ − 0.5388 + 2.4192 = 4.195.
        let theta_s = std::f32::consts::FRAC_PI_2 - 0.5;
        let zenith_y = sky.scale.x * perez(&sky.perez[0], 1.0, theta_s);
        assert!(
            (zenith_y - 4.195).abs() < 0.01,
            "zenith luminance {zenith_y}"
        );
    }

    #[test]
    fn a_low_sun_reddens_the_horizon_below_it() {
        let sun = Vec3::new(0.0, 0.03, 1.0).normalize();
        let sky = SkyModel::new(sun, 4.0);
        let towards = sky.shape(Vec3::new(0.0, 0.05, 1.0).normalize());
        assert!(
            towards.x > towards.z,
            "the horizon under a low sun is not warm: {towards}"
        );
    }
}
