// Group 0: the frame (uniforms, instance records), shared by the scene pass stages.

struct FrameUniforms {
    view_proj: mat4x4<f32>,
    // xyz: unit vector towards the sun; w unused.
    sun_direction: vec4<f32>,
    // rgb: linear sun colour times intensity (a white Lambert surface facing the sun
    // reflects exactly this).
    sun_color: vec4<f32>,
    // rgb: linear ambient light.
    ambient: vec4<f32>,
    // xyz: camera position, world space; w: exposure, the final colour's multiplier.
    camera_exposure: vec4<f32>,
};

// Bits of InstanceData.ids.y: which overrides apply.
const OVERRIDE_BASE_COLOR: u32 = 1u;
const OVERRIDE_ROUGHNESS: u32 = 2u;
const OVERRIDE_METALLIC: u32 = 4u;

struct InstanceData {
    model: mat4x4<f32>,
    // Columns of the inverse-transpose of the model's upper 3x3.
    normal_col0: vec4<f32>,
    normal_col1: vec4<f32>,
    normal_col2: vec4<f32>,
    // x: packed id (instance id | category id << 16); y: override bits.
    ids: vec4<u32>,
    // rgb: base colour override (linear).
    base_color: vec4<f32>,
    // x: roughness override, y: metallic override, z: emissive multiplier.
    surface: vec4<f32>,
};

@group(0) @binding(0) var<uniform> frame: FrameUniforms;
@group(0) @binding(1) var<storage, read> instances: array<InstanceData>;
