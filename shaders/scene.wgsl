// scene pass: one draw writes colour, the packed id and depth.
// Colour: glTF metallic-roughness lit by the sun (Lambert diffuse, GGX / height-correlated
// Smith / Schlick specular), an ambient term, emission, all times exposure.

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

struct MaterialUniforms {
    base_color_factor: vec4<f32>,
    // rgb: emissive factor times emissive strength.
    emissive: vec4<f32>,
    // x: metallic, y: roughness.
    surface: vec4<f32>,
};

@group(0) @binding(0) var<uniform> frame: FrameUniforms;
@group(0) @binding(1) var<storage, read> instances: array<InstanceData>;

@group(1) @binding(0) var<uniform> material: MaterialUniforms;
@group(1) @binding(1) var base_color_texture: texture_2d<f32>;
@group(1) @binding(2) var base_color_sampler: sampler;

const PI: f32 = 3.14159265;
// Below this perceptual roughness the GGX lobe degenerates (Filament's limit).
const MIN_ROUGHNESS: f32 = 0.045;

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
    @location(3) world_position: vec3<f32>,
    // The instance's material, overrides applied: base colour factor,
    // (roughness, metallic) and emission (rgb, times the instance's multiplier).
    @location(4) @interpolate(flat) base_color: vec4<f32>,
    @location(5) @interpolate(flat) roughness_metallic: vec2<f32>,
    @location(6) @interpolate(flat) emissive: vec3<f32>,
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
    let flags = instance.ids.y;
    let base = material.base_color_factor;
    var out: VertexOutput;
    out.clip_position = frame.view_proj * world_position;
    out.world_normal = normal_matrix * vertex.normal;
    out.uv = vertex.uv;
    out.packed_id = instance.ids.x;
    out.world_position = world_position.xyz;
    out.base_color = vec4<f32>(
        select(base.rgb, instance.base_color.rgb, (flags & OVERRIDE_BASE_COLOR) != 0u),
        base.a,
    );
    out.roughness_metallic = vec2<f32>(
        select(material.surface.y, instance.surface.x, (flags & OVERRIDE_ROUGHNESS) != 0u),
        select(material.surface.x, instance.surface.y, (flags & OVERRIDE_METALLIC) != 0u),
    );
    out.emissive = material.emissive.rgb * instance.surface.z;
    return out;
}

// Specular BRDF times pi (matching the sun's Lambert convention above): GGX distribution,
// height-correlated Smith visibility, Schlick Fresnel.
fn specular(n_dot_l: f32, n_dot_v: f32, n_dot_h: f32, l_dot_h: f32, alpha: f32, f0: vec3<f32>) -> vec3<f32> {
    let a2 = alpha * alpha;
    let d_denominator = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    let distribution = a2 / (d_denominator * d_denominator);
    let smith_v = n_dot_l * sqrt(n_dot_v * n_dot_v * (1.0 - a2) + a2);
    let smith_l = n_dot_v * sqrt(n_dot_l * n_dot_l * (1.0 - a2) + a2);
    let visibility = 0.5 / max(smith_v + smith_l, 1e-5);
    let fresnel = f0 + (1.0 - f0) * pow(1.0 - l_dot_h, 5.0);
    return distribution * visibility * fresnel;
}

// Ambient specular: the split-sum environment BRDF, analytic fit (Karis, "Physically
// Based Shading on Mobile").
fn ambient_specular(f0: vec3<f32>, roughness: f32, n_dot_v: f32) -> vec3<f32> {
    let r = roughness * vec4<f32>(-1.0, -0.0275, -0.572, 0.022) + vec4<f32>(1.0, 0.0425, 1.04, -0.04);
    let a004 = min(r.x * r.x, exp2(-9.28 * n_dot_v)) * r.x + r.y;
    let ab = vec2<f32>(-1.04, 1.04) * a004 + r.zw;
    return f0 * ab.x + ab.y;
}

@fragment
fn fs_main(in: VertexOutput, @builtin(front_facing) front_facing: bool) -> FragmentOutput {
    let texel = textureSample(base_color_texture, base_color_sampler, in.uv);
    let base = in.base_color.rgb * texel.rgb;
    let roughness = clamp(in.roughness_metallic.x, MIN_ROUGHNESS, 1.0);
    let metallic = clamp(in.roughness_metallic.y, 0.0, 1.0);
    var normal = normalize(in.world_normal);
    if (!front_facing) {
        normal = -normal;
    }
    let light = frame.sun_direction.xyz;
    let view = normalize(frame.camera_exposure.xyz - in.world_position);
    let half_vector = normalize(light + view);
    let n_dot_l = max(dot(normal, light), 0.0);
    let n_dot_v = max(dot(normal, view), 1e-4);
    let n_dot_h = max(dot(normal, half_vector), 0.0);
    let l_dot_h = max(dot(light, half_vector), 0.0);
    let diffuse = base * (1.0 - metallic);
    let f0 = mix(vec3<f32>(0.04), base, metallic);
    let direct = diffuse + specular(n_dot_l, n_dot_v, n_dot_h, l_dot_h, roughness * roughness, f0);
    let ambient = frame.ambient.rgb * (diffuse + ambient_specular(f0, roughness, n_dot_v));
    let lit = direct * frame.sun_color.rgb * n_dot_l + ambient + in.emissive;
    var out: FragmentOutput;
    out.color = vec4<f32>(lit * frame.camera_exposure.w, 1.0);
    out.packed_id = in.packed_id;
    return out;
}
