// Coverage pass: each labelled object's silhouette drawn alone, as if nothing hid it,
// into a stencil target (src/render/coverage/). An occlusion query counts the pixels each
// draw keeps; the stencil (one reference per object) makes every pixel count once per
// object, however many of its triangles cover it.
//
// MODE_FRAME: the frame view rasterises exactly the id pass's pixels (the same invariant
// vertex stage) and keeps the object's pixels inside the frame, widening its amodal box.
// The guard view sees GUARD times the frame's width and height about its centre, at
// 1/GUARD of the resolution, for the truncation: MODE_INSIDE keeps the pixels inside the
// frame, MODE_ALL every pixel (so the rest lies outside, up to the guard band).
// "Inside the frame" is decided where the lens takes the pixel, as the post pass does.

#include "frame.wgsl"
#include "material.wgsl"
#include "id_vertex.wgsl"
#include "lens.wgsl"

const MODE_FRAME: u32 = 0u;
const MODE_INSIDE: u32 = 1u;
const MODE_ALL: u32 = 2u;
// How many times the frame's width and height the guard view sees (coverage.rs GUARD).
const GUARD: f32 = 3.0;

struct CoverageUniforms {
    // x: the draw's mode.
    mode: vec4<u32>,
};

@group(2) @binding(0) var<uniform> coverage: CoverageUniforms;
// Storage, not uniform: see include/frame.wgsl.
@group(2) @binding(1) var<storage, read> post: PostUniforms;
// Per instance id: min x, min y, max x, max y of its amodal box in final image pixels.
@group(2) @binding(2) var<storage, read_write> boxes: array<atomic<u32>>;

struct CoverOutput {
    @builtin(position) @invariant clip_position: vec4<f32>,
    @location(0) @interpolate(flat) packed_id: u32,
    // TEXCOORD_0 in xy, TEXCOORD_1 in zw.
    @location(1) uv01: vec4<f32>,
    @location(2) vertex_alpha: f32,
};

fn cover_vertex(
    position: vec3<f32>,
    uv01: vec4<f32>,
    color: vec4<f32>,
    instance_index: u32,
) -> CoverOutput {
    let base = id_vertex(position, vec3<f32>(0.0, 1.0, 0.0), instance_index);
    var out: CoverOutput;
    out.clip_position = base.clip_position;
    out.packed_id = base.packed_id;
    out.uv01 = uv01;
    out.vertex_alpha = color.a;
    return out;
}

@vertex
fn vs_cover(
    @location(0) position: vec3<f32>,
    @location(2) uv0: vec2<f32>,
    @location(3) uv1: vec2<f32>,
    @location(5) color: vec4<f32>,
    @builtin(instance_index) instance_index: u32,
) -> CoverOutput {
    return cover_vertex(position, vec4<f32>(uv0, uv1), color, instance_index);
}

@vertex
fn vs_cover_guard(
    @location(0) position: vec3<f32>,
    @location(2) uv0: vec2<f32>,
    @location(3) uv1: vec2<f32>,
    @location(5) color: vec4<f32>,
    @builtin(instance_index) instance_index: u32,
) -> CoverOutput {
    var out = cover_vertex(position, vec4<f32>(uv0, uv1), color, instance_index);
    out.clip_position = vec4<f32>(out.clip_position.xy / GUARD, out.clip_position.zw);
    return out;
}

fn widen_box(instance: u32, q: vec2<f32>) {
    let base = instance * 4u;
    if (base + 3u >= arrayLength(&boxes)) {
        return;
    }
    let pixel = vec2<u32>(floor(q));
    atomicMin(&boxes[base], pixel.x);
    atomicMin(&boxes[base + 1u], pixel.y);
    atomicMax(&boxes[base + 2u], pixel.x);
    atomicMax(&boxes[base + 3u], pixel.y);
}

// Whether this draw keeps the fragment at `position` of object `packed_id`.
fn keep(position: vec2<f32>, packed_id: u32) -> bool {
    let mode = coverage.mode.x;
    if (mode == MODE_ALL) {
        return true;
    }
    let size = post.size_zoom.xy;
    var p = position;
    if (mode == MODE_INSIDE) {
        // The guard view's pixel, as a pixel of the frame view.
        p = size * 0.5 + (position - size * 0.5) * GUARD;
    }
    let q = final_position(p);
    let inside = all(q >= vec2<f32>(0.0)) && all(q < size);
    if (inside && mode == MODE_FRAME) {
        widen_box(packed_id & 0xffffu, q);
    }
    return inside;
}

@fragment
fn fs_cover(in: CoverOutput) {
    if (!keep(in.clip_position.xy, in.packed_id)) {
        discard;
    }
}

@fragment
fn fs_cover_tested(in: CoverOutput) {
    let alpha = material_alpha(base_color_texel(in.uv01).a, in.vertex_alpha);
    if (alpha < material.alpha.x || !keep(in.clip_position.xy, in.packed_id)) {
        discard;
    }
}
