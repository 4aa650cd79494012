// Shadow pass: depth from the sun for one cascade (group 1 says which).

#include "frame.wgsl"

@group(1) @binding(0) var<uniform> cascade: vec4<u32>;

@vertex
fn vs_shadow(@location(0) position: vec3<f32>, @builtin(instance_index) instance_index: u32) -> @builtin(position) vec4<f32> {
    let world_position = instances[instance_index].model * vec4<f32>(position, 1.0);
    return frame.shadow_view_proj[cascade.x] * world_position;
}
