// Id pass: every surface writes its packed id (instance | category << 16) into a
// single-sampled R32Uint target with its own depth test, so each pixel holds the object
// that covers the pixel's centre: no multisampling, fog or particles touch it. Beside it,
// an R32Float target takes that surface's depth along the camera's axis. The
// vertex transform is the colour pass's, expression for expression. Masked and blended
// materials run the colour pass's alpha test first (blended surfaces cover a pixel
// wherever they are not fully transparent: a car's tinted glass belongs to the car).

#include "frame.wgsl"
#include "material.wgsl"

struct IdOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    @location(0) @interpolate(flat) packed_id: u32,
    // Distance along the camera's axis (m).
    @location(3) view_depth: f32,
};

// The id target and the depth target (z along the camera's axis, m; 0 where the sky is).
struct IdTargets {
    @location(0) packed_id: u32,
    @location(1) depth: f32,
};

fn view_depth(world_position: vec4<f32>) -> f32 {
    return dot(world_position.xyz - frame.camera_exposure.xyz, frame.camera_forward.xyz);
}

@vertex
fn vs_ids(@location(0) position: vec3<f32>, @builtin(instance_index) instance_index: u32) -> IdOutput {
    let instance = instances[instance_index];
    let world_position = instance.model * vec4<f32>(position, 1.0);
    var out: IdOutput;
    out.clip_position = frame.view_proj * world_position;
    out.packed_id = instance.ids.x;
    out.view_depth = view_depth(world_position);
    return out;
}

@fragment
fn fs_ids(in: IdOutput) -> IdTargets {
    return IdTargets(in.packed_id, in.view_depth);
}

struct TestedOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    @location(0) @interpolate(flat) packed_id: u32,
    // TEXCOORD_0 in xy, TEXCOORD_1 in zw.
    @location(1) uv01: vec4<f32>,
    @location(2) vertex_alpha: f32,
    @location(3) view_depth: f32,
};

@vertex
fn vs_ids_tested(
    @location(0) position: vec3<f32>,
    @location(2) uv0: vec2<f32>,
    @location(3) uv1: vec2<f32>,
    @location(5) color: vec4<f32>,
    @builtin(instance_index) instance_index: u32,
) -> TestedOutput {
    let instance = instances[instance_index];
    let world_position = instance.model * vec4<f32>(position, 1.0);
    var out: TestedOutput;
    out.clip_position = frame.view_proj * world_position;
    out.packed_id = instance.ids.x;
    out.uv01 = vec4<f32>(uv0, uv1);
    out.vertex_alpha = color.a;
    out.view_depth = view_depth(world_position);
    return out;
}

@fragment
fn fs_ids_tested(in: TestedOutput) -> IdTargets {
    let alpha = material_alpha(base_color_texel(in.uv01).a, in.vertex_alpha);
    if (alpha < material.alpha.x) {
        discard;
    }
    return IdTargets(in.packed_id, in.view_depth);
}
