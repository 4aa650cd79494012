// Bloom: the bright part of the HDR image, downsampled twice (to 1/4 and 1/16 of the
// size) with box and tent filters; the post pass adds both levels back, upsampled, so
// bright lights and the sun glow.

#include "fullscreen.wgsl"

@group(0) @binding(0) var source: texture_2d<f32>;
@group(0) @binding(1) var source_sampler: sampler;

@vertex
fn vs_bloom(@builtin(vertex_index) index: u32) -> @builtin(position) vec4<f32> {
    return vec4<f32>(fullscreen_ndc(index), 0.0, 1.0);
}

// Four bilinear taps: the mean of the 4x4 source texels under this target texel.
fn box4(position: vec2<f32>) -> vec3<f32> {
    let size = vec2<f32>(textureDimensions(source));
    // The target is the source's size over four, rounded down (src/render/bloom_pass.rs);
    // its uv is the source's uv, so the post pass can sample every level at one uv.
    let centre = position.xy / max(floor(size / 4.0), vec2<f32>(1.0));
    let o = 1.0 / size;
    return 0.25 * (
        textureSampleLevel(source, source_sampler, centre + vec2<f32>(-o.x, -o.y), 0.0).rgb
        + textureSampleLevel(source, source_sampler, centre + vec2<f32>(o.x, -o.y), 0.0).rgb
        + textureSampleLevel(source, source_sampler, centre + vec2<f32>(-o.x, o.y), 0.0).rgb
        + textureSampleLevel(source, source_sampler, centre + vec2<f32>(o.x, o.y), 0.0).rgb
    );
}

// First level: only what exceeds the display's white (exposed radiance above 1) blooms.
@fragment
fn fs_bright(@builtin(position) position: vec4<f32>) -> @location(0) vec4<f32> {
    let c = box4(position.xy);
    let luminance = dot(c, vec3<f32>(0.2126, 0.7152, 0.0722));
    let keep = max(luminance - 1.0, 0.0) / max(luminance, 1e-4);
    return vec4<f32>(c * keep, 1.0);
}

// Second level: a wider blur of the first.
@fragment
fn fs_blur(@builtin(position) position: vec4<f32>) -> @location(0) vec4<f32> {
    return vec4<f32>(box4(position.xy), 1.0);
}
