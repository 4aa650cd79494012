// Sky pass: a full-screen triangle at the far plane, drawn after the scene with a
// less-or-equal depth test, so it covers exactly the pixels no surface covers. The
// analytic sky with the sun's disc, seen through the fog, times exposure.

#include "frame.wgsl"
#include "fullscreen.wgsl"
#include "atmosphere.wgsl"

struct SkyOutput {
    @builtin(position) clip_position: vec4<f32>,
    @location(0) ndc: vec2<f32>,
};

@vertex
fn vs_sky(@builtin(vertex_index) index: u32) -> SkyOutput {
    let ndc = fullscreen_ndc(index);
    var out: SkyOutput;
    out.clip_position = vec4<f32>(ndc, 1.0, 1.0);
    out.ndc = ndc;
    return out;
}

// Angular radius of the drawn sun disc (cosine), a little larger than the real 0.27°.
const SUN_DISC_COS: f32 = 0.99996;

@fragment
fn fs_sky(in: SkyOutput) -> @location(0) vec4<f32> {
    let far = frame.inv_view_proj * vec4<f32>(in.ndc, 1.0, 1.0);
    let dir = normalize(far.xyz / far.w - frame.camera_exposure.xyz);
    var radiance = sky_radiance(dir);
    let cos_sun = dot(dir, frame.sun_direction.xyz);
    // The disc: the sun's irradiance spread over its solid angle, capped for half floats.
    let disc = smoothstep(SUN_DISC_COS - 0.00002, SUN_DISC_COS, cos_sun) * step(0.0, dir.y);
    radiance += frame.sun_color.rgb * (disc * 2000.0);
    return vec4<f32>(apply_fog(radiance, dir, true) * frame.camera_exposure.w, 1.0);
}
