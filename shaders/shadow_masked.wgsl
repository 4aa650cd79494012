// Shadow pass for alpha-masked materials (foliage, fences): depth from the sun for one
// cascade (group 2 says which), with the colour pass's alpha test, so cut-out texels
// cast no shadow.

#include "frame.wgsl"
#include "material.wgsl"

@group(2) @binding(0) var<uniform> cascade: vec4<u32>;

struct MaskedOutput {
    @builtin(position) clip_position: vec4<f32>,
    // TEXCOORD_0 in xy, TEXCOORD_1 in zw.
    @location(0) uv01: vec4<f32>,
    @location(1) vertex_alpha: f32,
};

@vertex
fn vs_shadow_masked(
    @location(0) position: vec3<f32>,
    @location(2) uv0: vec2<f32>,
    @location(3) uv1: vec2<f32>,
    @location(5) color: vec4<f32>,
    @builtin(instance_index) instance_index: u32,
) -> MaskedOutput {
    let world_position = instances[instance_index].model * vec4<f32>(position, 1.0);
    var out: MaskedOutput;
    out.clip_position = frame.shadow_view_proj[cascade.x] * world_position;
    out.uv01 = vec4<f32>(uv0, uv1);
    out.vertex_alpha = color.a;
    return out;
}

@fragment
fn fs_shadow_masked(in: MaskedOutput) {
    if (material_alpha(base_color_texel(in.uv01).a, in.vertex_alpha) < material.alpha.x) {
        discard;
    }
}
