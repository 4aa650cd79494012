//! Procedural, seamlessly tileable textures as PNG bytes (8-bit sRGB RGB): asphalt,
//! paving slabs, grass, brick and concrete, sampled trilinearly through their mipmaps.
//! Contrast is kept low all the same: mipmaps blur at a distance rather than shimmer,
//! and low contrast keeps the blur unobtrusive.

use super::{hash3, unit3};
use serde_json::{Value, json};

/// glTF sampler: trilinear filtering (bilinear within and between mipmap levels), REPEAT
/// in both directions.
pub(crate) fn sampler_repeat() -> Value {
    json!({ "magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 10497 })
}

/// Encodes `rgb` (row-major, `size`² texels) as a PNG.
fn encode(size: u32, rgb: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(rgb).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

/// Builds a `size`² texture from `texel(u, v, x, y)` → sRGB colour in 0..255 (floats,
/// clamped), where `u, v` are in [0, 1) and `x, y` are integer texel coordinates.
fn paint(size: u32, texel: impl Fn(f32, f32, u32, u32) -> [f32; 3]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity((size * size * 3) as usize);
    for y in 0..size {
        for x in 0..size {
            let (u, v) = (x as f32 / size as f32, y as f32 / size as f32);
            rgb.extend(texel(u, v, x, y).map(|c| c.round().clamp(0.0, 255.0) as u8));
        }
    }
    encode(size, &rgb)
}

/// Smooth value noise in [0, 1) at `(u, v)` ∈ [0, 1)², `cells` lattice cells per repeat
/// (so it tiles seamlessly).
fn noise(u: f32, v: f32, cells: u32, seed: u32) -> f32 {
    let (x, y) = (u * cells as f32, v * cells as f32);
    let (ix, iy) = (x.floor() as u32, y.floor() as u32);
    let (fx, fy) = (x - x.floor(), y - y.floor());
    let s = |t: f32| t * t * (3.0 - 2.0 * t);
    let at = |i: u32, j: u32| unit3(seed, i % cells, j % cells);
    let top = at(ix, iy) + (at(ix + 1, iy) - at(ix, iy)) * s(fx);
    let bottom = at(ix, iy + 1) + (at(ix + 1, iy + 1) - at(ix, iy + 1)) * s(fx);
    top + (bottom - top) * s(fy)
}

/// Three octaves of [`noise`] starting at `cells`, in [0, 1).
fn fbm(u: f32, v: f32, cells: u32, seed: u32) -> f32 {
    let a = noise(u, v, cells, seed);
    let b = noise(u, v, cells * 2, seed + 1);
    let c = noise(u, v, cells * 4, seed + 2);
    (a * 4.0 + b * 2.0 + c) / 7.0
}

/// Per-texel grain in [-0.5, 0.5).
fn grain(x: u32, y: u32, seed: u32) -> f32 {
    unit3(seed, x, y) - 0.5
}

/// Scales an sRGB colour by `k`.
fn shade(c: [f32; 3], k: f32) -> [f32; 3] {
    c.map(|v| v * k)
}

/// Asphalt (256², one repeat per patch): dark grey, faint blotches, fine aggregate grain.
pub(crate) fn asphalt() -> Vec<u8> {
    paint(256, |u, v, x, y| {
        let blotch = fbm(u, v, 4, 10) - 0.5;
        let speck = if hash3(11, x, y) % 100 < 2 { 0.06 } else { 0.0 };
        let k = 1.0 + 0.08 * blotch + 0.035 * grain(x, y, 12) + speck;
        shade([74.0, 74.0, 77.0], k)
    })
}

/// Paving slabs (128², one repeat per metre): 2 × 2 grey slabs of 0.5 m with dark joints.
pub(crate) fn paving() -> Vec<u8> {
    paint(128, |u, v, x, y| {
        let (cx, cy) = (x % 64, y % 64);
        if cx < 2 || cy < 2 {
            return [104.0, 102.0, 99.0];
        }
        let slab = unit3(20, x / 64, y / 64) - 0.5;
        let k = 1.0 + 0.06 * slab + 0.06 * (fbm(u, v, 8, 21) - 0.5) + 0.06 * grain(x, y, 22);
        shade([158.0, 156.0, 151.0], k)
    })
}

/// Grass (128², one repeat per metre): green with brown patches and blade-scale grain.
pub(crate) fn grass() -> Vec<u8> {
    let green = [72.0, 108.0, 42.0];
    let brown = [112.0, 100.0, 62.0];
    paint(128, |u, v, x, y| {
        let t = ((fbm(u, v, 4, 30) - 0.35) * 2.0).clamp(0.0, 1.0) * 0.55;
        let c: [f32; 3] = std::array::from_fn(|i| green[i] + (brown[i] - green[i]) * t);
        shade(
            c,
            1.0 + 0.22 * grain(x, y, 31) + 0.1 * (noise(u, v, 32, 32) - 0.5),
        )
    })
}

/// Brick (256², one repeat per 1.2 m): 16 courses of 75 mm, 5 bricks per course in
/// running bond, per-brick colour variation, mid-grey mortar joints.
pub(crate) fn brick() -> Vec<u8> {
    paint(256, |u, v, x, y| {
        let row = (v * 16.0).floor();
        let fy = v * 16.0 - row;
        let shift = if row as u32 % 2 == 1 { 0.5 } else { 0.0 };
        let col = (u * 5.0 + shift).floor();
        let fx = u * 5.0 + shift - col;
        if fy < 0.14 || fx < 0.035 {
            return shade([128.0, 122.0, 114.0], 1.0 + 0.08 * grain(x, y, 40));
        }
        let id = unit3(41, (col as u32) % 5, row as u32);
        let base = [150.0 + 28.0 * id, 68.0 + 14.0 * id, 48.0 + 8.0 * id];
        shade(
            base,
            1.0 + 0.08 * grain(x, y, 42) + 0.08 * (fbm(u, v, 8, 43) - 0.5),
        )
    })
}

/// Concrete (128², one repeat per 2 m): light warm grey with soft staining.
pub(crate) fn concrete() -> Vec<u8> {
    paint(128, |u, v, x, y| {
        let stain = fbm(u, v, 4, 50) - 0.5;
        let k = 1.0 + 0.12 * stain + 0.05 * grain(x, y, 51);
        shade([170.0, 166.0, 158.0], k)
    })
}
