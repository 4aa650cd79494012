// Id pass: every surface writes its packed id (instance | category << 16) into a
// single-sampled R32Uint target with its own depth test, so each pixel holds the object
// that covers the pixel's centre: no multisampling, fog or particles touch it. Beside it,
// an R32Float target takes that surface's depth along the camera's axis, and an RGBA8
// target its normal. The
// vertex transform is the colour pass's, expression for expression. Masked and blended
// materials run the colour pass's alpha test first (blended surfaces cover a pixel
// wherever they are not fully transparent: a car's tinted glass belongs to the car).

#include "frame.wgsl"
#include "material.wgsl"
#include "id_vertex.wgsl"

// The id target, the depth target (z along the camera's axis, m; 0 where the sky is) and
// the normal target (camera frame x right, y down, z forward, as n * 0.5 + 0.5; 0 = sky).
struct IdTargets {
    @location(0) packed_id: u32,
    @location(1) depth: f32,
    @location(2) normal: vec4<f32>,
};

// The surface normal facing the camera, in the camera's frame, encoded.
fn encoded_normal(world: vec3<f32>, front_facing: bool) -> vec4<f32> {
    let n = normalize(select(-world, world, front_facing));
    let right = frame.camera_right.xyz;
    let forward = frame.camera_forward.xyz;
    let down = cross(forward, right);
    let camera = vec3<f32>(dot(n, right), dot(n, down), dot(n, forward));
    return vec4<f32>(camera * 0.5 + 0.5, 1.0);
}

@vertex
fn vs_ids(
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @builtin(instance_index) instance_index: u32,
) -> IdOutput {
    return id_vertex(position, normal, instance_index);
}

@fragment
fn fs_ids(in: IdOutput, @builtin(front_facing) front_facing: bool) -> IdTargets {
    return IdTargets(in.packed_id, in.view_depth, encoded_normal(in.normal, front_facing));
}

struct TestedOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    @location(0) @interpolate(flat) packed_id: u32,
    // TEXCOORD_0 in xy, TEXCOORD_1 in zw.
    @location(1) uv01: vec4<f32>,
    @location(2) vertex_alpha: f32,
    @location(3) view_depth: f32,
    @location(4) normal: vec3<f32>,
};

@vertex
fn vs_ids_tested(
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) uv0: vec2<f32>,
    @location(3) uv1: vec2<f32>,
    @location(5) color: vec4<f32>,
    @builtin(instance_index) instance_index: u32,
) -> TestedOutput {
    let base = id_vertex(position, normal, instance_index);
    var out: TestedOutput;
    out.clip_position = base.clip_position;
    out.packed_id = base.packed_id;
    out.view_depth = base.view_depth;
    out.normal = base.normal;
    out.uv01 = vec4<f32>(uv0, uv1);
    out.vertex_alpha = color.a;
    return out;
}

@fragment
fn fs_ids_tested(in: TestedOutput, @builtin(front_facing) front_facing: bool) -> IdTargets {
    let alpha = material_alpha(base_color_texel(in.uv01).a, in.vertex_alpha);
    if (alpha < material.alpha.x) {
        discard;
    }
    return IdTargets(in.packed_id, in.view_depth, encoded_normal(in.normal, front_facing));
}
