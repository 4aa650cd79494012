// scene pass: one draw writes colour (lambert + ambient), the packed id and depth.

struct FrameUniforms {
    view_proj: mat4x4<f32>,
    // xyz: unit vector towards the sun; w unused.
    sun_direction: vec4<f32>,
    // rgb: linear sun colour times intensity.
    sun_color: vec4<f32>,
    // rgb: linear ambient light.
    ambient: vec4<f32>,
};

struct InstanceData {
    model: mat4x4<f32>,
    // Columns of the inverse-transpose of the model's upper 3x3.
    normal_col0: vec4<f32>,
    normal_col1: vec4<f32>,
    normal_col2: vec4<f32>,
    // x: packed id (instance id | category id << 16).
    ids: vec4<u32>,
};

struct MaterialUniforms {
    base_color_factor: vec4<f32>,
};

@group(0) @binding(0) var<uniform> frame: FrameUniforms;
@group(0) @binding(1) var<storage, read> instances: array<InstanceData>;

@group(1) @binding(0) var<uniform> material: MaterialUniforms;
@group(1) @binding(1) var base_color_texture: texture_2d<f32>;
@group(1) @binding(2) var base_color_sampler: sampler;

struct VertexInput {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) uv: vec2<f32>,
};

struct VertexOutput {
    @builtin(position) clip_position: vec4<f32>,
    @location(0) world_normal: vec3<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) @interpolate(flat) packed_id: u32,
};

struct FragmentOutput {
    @location(0) color: vec4<f32>,
    @location(1) packed_id: u32,
};

@vertex
fn vs_main(vertex: VertexInput, @builtin(instance_index) instance_index: u32) -> VertexOutput {
    let instance = instances[instance_index];
    let world_position = instance.model * vec4<f32>(vertex.position, 1.0);
    let normal_matrix = mat3x3<f32>(
        instance.normal_col0.xyz,
        instance.normal_col1.xyz,
        instance.normal_col2.xyz,
    );
    var out: VertexOutput;
    out.clip_position = frame.view_proj * world_position;
    out.world_normal = normal_matrix * vertex.normal;
    out.uv = vertex.uv;
    out.packed_id = instance.ids.x;
    return out;
}

@fragment
fn fs_main(in: VertexOutput, @builtin(front_facing) front_facing: bool) -> FragmentOutput {
    let texel = textureSample(base_color_texture, base_color_sampler, in.uv);
    let base = material.base_color_factor * texel;
    var normal = normalize(in.world_normal);
    if (!front_facing) {
        normal = -normal;
    }
    let lambert = max(dot(normal, frame.sun_direction.xyz), 0.0);
    let light = frame.ambient.rgb + frame.sun_color.rgb * lambert;
    var out: FragmentOutput;
    out.color = vec4<f32>(base.rgb * light, 1.0);
    out.packed_id = in.packed_id;
    return out;
}
