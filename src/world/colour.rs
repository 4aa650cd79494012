//! Colour conversions for the randomisers: black-body temperature to linear RGB, sRGB
//! hex codes, and HSV (in sRGB-encoded space) to and from linear RGB.

/// One lobe of the CIE 1931 colour-matching-function fit of Wyman, Sloan & Shirley
/// (JCGT 2013): a Gaussian with different widths either side of its peak (nm).
fn lobe(lambda: f64, peak: f64, below: f64, above: f64) -> f64 {
    let width = if lambda < peak { below } else { above };
    let t = (lambda - peak) / width;
    (-0.5 * t * t).exp()
}

/// CIE 1931 2° observer x̄, ȳ, z̄ at wavelength `lambda` in nm (multi-lobe fit).
fn cie_xyz(lambda: f64) -> [f64; 3] {
    let x = 1.056 * lobe(lambda, 599.8, 37.9, 31.0) + 0.362 * lobe(lambda, 442.0, 16.0, 26.7)
        - 0.065 * lobe(lambda, 501.1, 20.4, 26.2);
    let y = 0.821 * lobe(lambda, 568.8, 46.9, 40.5) + 0.286 * lobe(lambda, 530.9, 16.3, 31.1);
    let z = 1.217 * lobe(lambda, 437.0, 11.8, 36.0) + 0.681 * lobe(lambda, 459.0, 26.0, 13.8);
    [x, y, z]
}

/// Planck's law up to a constant factor: spectral radiance at `lambda` nm and `kelvin`.
fn planck(lambda: f64, kelvin: f64) -> f64 {
    // Second radiation constant hc/k in nm·K.
    const C2: f64 = 1.438_776_9e7;
    lambda.powi(-5) / ((C2 / (lambda * kelvin)).exp() - 1.0)
}

/// Linear sRGB (D65) from CIE XYZ.
fn xyz_to_linear_srgb([x, y, z]: [f64; 3]) -> [f64; 3] {
    [
        3.2406 * x - 1.5372 * y - 0.4986 * z,
        -0.9689 * x + 1.8758 * y + 0.0415 * z,
        0.0557 * x - 0.2040 * y + 1.0570 * z,
    ]
}

/// The linear sRGB colour of a black body at `kelvin` (clamped to 1000–40000 K), scaled to
/// luminance Y = 1; channels below 0 (outside the sRGB gamut) are clamped to 0. Planck's
/// law is integrated against the CIE 1931 observer from 380 to 780 nm in 5 nm steps.
pub fn kelvin_to_linear_rgb(kelvin: f64) -> [f32; 3] {
    let kelvin = kelvin.clamp(1000.0, 40_000.0);
    let mut xyz = [0.0; 3];
    for step in 0..=80 {
        let lambda = 380.0 + 5.0 * f64::from(step);
        let power = planck(lambda, kelvin);
        for (sum, cmf) in xyz.iter_mut().zip(cie_xyz(lambda)) {
            *sum += power * cmf;
        }
    }
    let y = xyz[1];
    let rgb = xyz_to_linear_srgb(xyz.map(|c| c / y));
    rgb.map(|c| c.max(0.0) as f32)
}

/// Decodes one sRGB-encoded channel (0..=1) to linear.
pub fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Encodes one linear channel (0..=1) to sRGB.
pub fn linear_to_srgb(c: f32) -> f32 {
    if c <= 0.003_130_8 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }
}

/// Linear RGB of an sRGB hex code `0xRRGGBB`.
pub fn hex_srgb_to_linear(hex: u32) -> [f32; 3] {
    [16, 8, 0].map(|shift| srgb_to_linear(((hex >> shift) & 0xff) as f32 / 255.0))
}

/// Linear RGB of a colour given as HSV in sRGB-encoded space: hue in degrees (any value,
/// wrapped), saturation and value in 0..=1.
pub fn hsv_to_linear_rgb(h_deg: f64, s: f64, v: f64) -> [f32; 3] {
    let (s, v) = (s.clamp(0.0, 1.0), v.clamp(0.0, 1.0));
    let h = h_deg.rem_euclid(360.0) / 60.0;
    let chroma = v * s;
    let x = chroma * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = v - chroma;
    [r, g, b].map(|c| srgb_to_linear((c + m) as f32))
}

/// HSV in sRGB-encoded space (hue degrees 0..360, saturation, value) of a linear colour.
pub fn linear_rgb_to_hsv(rgb: [f32; 3]) -> (f64, f64, f64) {
    let [r, g, b] = rgb.map(|c| f64::from(linear_to_srgb(c.clamp(0.0, 1.0))));
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let chroma = max - min;
    let hue = if chroma == 0.0 {
        0.0
    } else if max == r {
        60.0 * ((g - b) / chroma).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / chroma + 2.0)
    } else {
        60.0 * ((r - g) / chroma + 4.0)
    };
    let saturation = if max == 0.0 { 0.0 } else { chroma / max };
    (hue, saturation, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: [f32; 3]) -> f32 {
        0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    }

    #[test]
    fn black_bodies_warm_to_cool() {
        let d65 = kelvin_to_linear_rgb(6504.0);
        let (lo, hi) = (
            d65.iter().cloned().fold(9.0, f32::min),
            d65.iter().cloned().fold(0.0, f32::max),
        );
        assert!(hi / lo < 1.08, "6504 K is nearly neutral: {d65:?}");
        let warm = kelvin_to_linear_rgb(3000.0);
        assert!(warm[0] > warm[1] && warm[1] > warm[2], "{warm:?}");
        let cool = kelvin_to_linear_rgb(10_000.0);
        assert!(cool[2] > cool[0], "{cool:?}");
        let mut last = f32::INFINITY;
        for k in (1500..=20_000).step_by(500) {
            let c = kelvin_to_linear_rgb(f64::from(k));
            let ratio = c[0] / c[2].max(1e-6);
            assert!(ratio < last, "R/B rises at {k} K");
            last = ratio;
            assert!(
                (luminance(c) - 1.0).abs() < 0.05 || c[2] == 0.0,
                "{k} K: {c:?}"
            );
        }
    }

    #[test]
    fn hex_and_hsv_round_trip() {
        assert_eq!(hex_srgb_to_linear(0xffffff), [1.0; 3]);
        assert_eq!(hex_srgb_to_linear(0x000000), [0.0; 3]);
        for hex in [0x8c1c1f, 0x2f5d9e, 0xd8b42a, 0x74777b, 0x0d0d10] {
            let linear = hex_srgb_to_linear(hex);
            let (h, s, v) = linear_rgb_to_hsv(linear);
            let back = hsv_to_linear_rgb(h, s, v);
            for (a, b) in linear.iter().zip(back) {
                assert!((a - b).abs() < 1e-5, "{hex:06x}: {linear:?} vs {back:?}");
            }
        }
        let red = hsv_to_linear_rgb(360.0, 1.0, 1.0);
        assert_eq!(red, [1.0, 0.0, 0.0]);
    }
}
