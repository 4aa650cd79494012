// Coverage count: each instance's visible pixels inside the frame, from the id pass's
// target, under the same inside-the-frame test as the coverage pass's frame view (so an
// unoccluded object's count equals its silhouette's). One invocation per pixel, so each
// pixel counts once.

#include "lens.wgsl"

// Storage, not uniform: see include/frame.wgsl.
@group(0) @binding(0) var<storage, read> post: PostUniforms;
@group(0) @binding(1) var ids: texture_2d<u32>;
// Per instance id: visible pixels.
@group(0) @binding(2) var<storage, read_write> visible: array<atomic<u32>>;

@compute @workgroup_size(8, 8)
fn cs_count(@builtin(global_invocation_id) id: vec3<u32>) {
    let size = textureDimensions(ids);
    if (id.x >= size.x || id.y >= size.y) {
        return;
    }
    let instance = textureLoad(ids, vec2<i32>(id.xy), 0).r & 0xffffu;
    if (instance == 0u || instance >= arrayLength(&visible)) {
        return;
    }
    let q = final_position(vec2<f32>(id.xy) + 0.5);
    if (all(q >= vec2<f32>(0.0)) && all(q < post.size_zoom.xy)) {
        atomicAdd(&visible[instance], 1u);
    }
}
