// Group 0: the frame (uniforms, instance records, binned lights), shared by every pass.

struct FrameUniforms {
    view_proj: mat4x4<f32>,
    // Clip → world, for the sky's view rays.
    inv_view_proj: mat4x4<f32>,
    // xyz: unit vector towards the sun.
    sun_direction: vec4<f32>,
    // rgb: linear sun colour times intensity (a white Lambert surface facing the sun
    // reflects exactly this).
    sun_color: vec4<f32>,
    // xyz: camera position, world space; w: exposure, the multiplier on scene radiance.
    camera_exposure: vec4<f32>,
    // Ambient light, E(n)/π, as order-2 SH (rgb per coefficient).
    ambient_sh: array<vec4<f32>, 9>,
    // x: fog extinction at y = 0 (1/m), y: height falloff (1/m), z: Henyey-Greenstein g.
    fog: vec4<f32>,
    // rgb: light scattered towards the eye by fog, besides the sun's.
    fog_color: vec4<f32>,
    // x: wetness, y: settled snow, z: puddle coverage, w: cloud cover.
    surface_weather: vec4<f32>,
    // x: light tiles across, y: tiles down, z: lights in the frame, w: depth slices.
    light_grid: vec4<u32>,
    // xyz: the camera's viewing direction.
    camera_forward: vec4<f32>,
    // x: view depth where the first light slice starts (m), y: slices per unit ln(depth).
    light_slices: vec4<f32>,
    // World → light clip space of each shadow cascade.
    shadow_view_proj: array<mat4x4<f32>, 2>,
    // x: shadow strength (0 = none), y: map edge (texels), z, w: each cascade's texel
    // size (m).
    shadow: vec4<f32>,
    // xyz: the camera's right direction.
    camera_right: vec4<f32>,
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

// A point light, or a spot when its outer cosine is above -1.
struct Light {
    // xyz: position; w: range (m).
    position_range: vec4<f32>,
    // rgb: irradiance 1 m away on the axis; w: cosine of the outer half-angle.
    intensity_outer: vec4<f32>,
    // xyz: spot axis; w: cosine of the inner half-angle.
    direction_inner: vec4<f32>,
};

// Screen tile edge of the light bins, pixels.
const LIGHT_TILE: f32 = 32.0;

// Per-frame values live in a read-only storage buffer, not a uniform buffer: lavapipe
// inlines uniform values that steer control flow and compiles a shader variant per distinct
// set of values, so uniforms that change every frame cost a compile and ~1 MB that is never
// freed, every frame (memory grew with --count). Storage buffers are not inlined.
@group(0) @binding(0) var<storage, read> frame: FrameUniforms;
@group(0) @binding(1) var<storage, read> instances: array<InstanceData>;
@group(0) @binding(2) var<storage, read> lights: array<Light>;
// Per cluster (slice, row, column): (first entry in light_indices, count).
@group(0) @binding(3) var<storage, read> light_tiles: array<vec2<u32>>;
@group(0) @binding(4) var<storage, read> light_indices: array<u32>;
// The sky's radiance, equirectangular (u: azimuth from +Z, v: zenith angle), baked per
// frame by src/render/sky_map.rs.
@group(0) @binding(5) var sky_map: texture_2d<f32>;
@group(0) @binding(6) var sky_sampler: sampler;
// Sun shadow cascades (depth from the sun), compared with filtering.
@group(0) @binding(7) var shadow_map: texture_depth_2d_array;
@group(0) @binding(8) var shadow_sampler: sampler_comparison;
