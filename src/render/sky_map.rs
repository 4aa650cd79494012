//! The frame's sky as a small equirectangular HDR map, baked on the CPU from the analytic
//! model: the sky pass draws it, glossy surfaces reflect it, and its SH lights the scene.
//! Baking once per frame keeps the Preetham model out of the per-fragment work.

use super::sky::SkyModel;
use crate::frame::LightData;
use glam::Vec3;

/// Map width (azimuth) in texels.
pub const WIDTH: u32 = 128;
/// Map height (zenith angle 0..π) in texels.
pub const HEIGHT: u32 = 64;

/// The sky radiance towards unit `dir`: the zenith colour shaped by the model, flat where
/// `light.sky.intensity` is 0; below the horizon, the horizon's value.
pub fn radiance(light: &LightData, model: &SkyModel, dir: Vec3) -> Vec3 {
    let blend = light.sky.intensity.clamp(0.0, 1.0);
    if blend == 0.0 {
        return light.sky_color;
    }
    light.sky_color * Vec3::ONE.lerp(model.shape(dir), blend)
}

/// The unit direction at the centre of texel (`x`, `y`), matching `sky_uv` in
/// `shaders/include/atmosphere.wgsl`: u = atan2(x, z) / 2π + ½, v = acos(y) / π.
pub fn texel_direction(x: u32, y: u32) -> Vec3 {
    let u = (x as f32 + 0.5) / WIDTH as f32;
    let v = (y as f32 + 0.5) / HEIGHT as f32;
    let azimuth = (u - 0.5) * std::f32::consts::TAU;
    let zenith = v * std::f32::consts::PI;
    Vec3::new(
        zenith.sin() * azimuth.sin(),
        zenith.cos(),
        zenith.sin() * azimuth.cos(),
    )
}

/// IEEE half-precision bits of `v` (finite, non-negative radiance; rounds to nearest).
pub fn f16_bits(v: f32) -> u16 {
    let v = v.clamp(0.0, 65504.0);
    if v < 6.1e-5 {
        // Subnormal halves: multiples of 2^-24.
        return (v * 16_777_216.0).round() as u16;
    }
    let bits = v.to_bits();
    let exponent = ((bits >> 23) & 0xff) as i32 - 127 + 15;
    let mantissa = bits & 0x7f_ffff;
    let half = ((exponent as u32) << 10) | (mantissa >> 13);
    // Round to nearest on the dropped bits (a carry into the exponent is still right).
    (half + ((mantissa >> 12) & 1)) as u16
}

/// The map's texels as Rgba16Float, row by row from the zenith down.
pub fn bake(light: &LightData, model: &SkyModel) -> Vec<u16> {
    let mut texels = Vec::with_capacity((WIDTH * HEIGHT * 4) as usize);
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let c = radiance(light, model, texel_direction(x, y));
            texels.extend([f16_bits(c.x), f16_bits(c.y), f16_bits(c.z), f16_bits(1.0)]);
        }
    }
    texels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats_match_known_bit_patterns() {
        for (v, bits) in [
            (0.0, 0x0000),
            (1.0, 0x3c00),
            (0.5, 0x3800),
            (2.0, 0x4000),
            (65504.0, 0x7bff),
            (0.333_333_34, 0x3555),
            (1e9, 0x7bff),
            (5.960_464_5e-8, 0x0001),
        ] {
            assert_eq!(f16_bits(v), bits, "{v}");
        }
    }

    #[test]
    fn texel_directions_cover_the_sphere_from_the_zenith_down() {
        let top = texel_direction(0, 0);
        let bottom = texel_direction(0, HEIGHT - 1);
        assert!(top.y > 0.99 && bottom.y < -0.99);
        // Azimuth 0 (u = ½) looks down +Z; a quarter turn later, +X.
        let ahead = texel_direction(WIDTH / 2, HEIGHT / 2);
        assert!(ahead.z > 0.99, "{ahead}");
        let right = texel_direction(3 * WIDTH / 4, HEIGHT / 2);
        assert!(right.x > 0.99, "{right}");
        for y in 0..HEIGHT {
            assert!((texel_direction(5, y).length() - 1.0).abs() < 1e-5);
        }
    }
}
