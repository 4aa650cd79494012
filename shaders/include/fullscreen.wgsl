// The full-screen triangle: vertex `index` (0..3) in normalised device coordinates; the
// triangle covers the whole viewport.

fn fullscreen_ndc(index: u32) -> vec2<f32> {
    let uv = vec2<f32>(f32((index << 1u) & 2u), f32(index & 2u));
    return uv * 2.0 - 1.0;
}
