// Id pass: every surface writes its packed id (instance | category << 16) into a
// single-sampled R32Uint target with its own depth test, so each pixel holds the object
// that covers the pixel's centre: no multisampling, fog or particles touch it. The
// vertex transform is the colour pass's, expression for expression.

#include "frame.wgsl"

struct IdOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    @location(0) @interpolate(flat) packed_id: u32,
};

@vertex
fn vs_ids(@location(0) position: vec3<f32>, @builtin(instance_index) instance_index: u32) -> IdOutput {
    let instance = instances[instance_index];
    let world_position = instance.model * vec4<f32>(position, 1.0);
    var out: IdOutput;
    out.clip_position = frame.view_proj * world_position;
    out.packed_id = instance.ids.x;
    return out;
}

@fragment
fn fs_ids(in: IdOutput) -> @location(0) u32 {
    return in.packed_id;
}
