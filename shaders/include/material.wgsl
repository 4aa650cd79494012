// Group 1: one glTF material (factors, five textures with their samplers and UV
// transforms, alpha). Mirrors MaterialUniforms in src/render/gpu_types.rs.

struct MaterialUniforms {
    base_color_factor: vec4<f32>,
    // rgb: emissive factor times emissive strength.
    emissive: vec4<f32>,
    // x: metallic, y: roughness, z: normal scale, w: occlusion strength.
    surface: vec4<f32>,
    // x: alpha below which fragments are discarded (0 when opaque), y: 1 when alpha is
    // ignored, z: 1 when blended.
    alpha: vec4<f32>,
    // x: bit (1 << slot) for each texture present.
    textures: vec4<u32>,
    // Per slot, the UV transform's rows: (a, b, c, uv set) and (d, e, f, 0).
    uv_transforms: array<vec4<f32>, 10>,
};

// Texture slots (binding 1 + slot; its sampler at binding 6 + slot).
const SLOT_BASE_COLOR: u32 = 0u;
const SLOT_METALLIC_ROUGHNESS: u32 = 1u;
const SLOT_NORMAL: u32 = 2u;
const SLOT_OCCLUSION: u32 = 3u;
const SLOT_EMISSIVE: u32 = 4u;

@group(1) @binding(0) var<uniform> material: MaterialUniforms;
@group(1) @binding(1) var base_color_texture: texture_2d<f32>;
@group(1) @binding(2) var metallic_roughness_texture: texture_2d<f32>;
@group(1) @binding(3) var normal_texture: texture_2d<f32>;
@group(1) @binding(4) var occlusion_texture: texture_2d<f32>;
@group(1) @binding(5) var emissive_texture: texture_2d<f32>;
@group(1) @binding(6) var base_color_sampler: sampler;
@group(1) @binding(7) var metallic_roughness_sampler: sampler;
@group(1) @binding(8) var normal_sampler: sampler;
@group(1) @binding(9) var occlusion_sampler: sampler;
@group(1) @binding(10) var emissive_sampler: sampler;

// Below this perceptual roughness the GGX lobe degenerates (Filament's limit).
const MIN_ROUGHNESS: f32 = 0.045;

fn has_texture(slot: u32) -> bool {
    return (material.textures.x & (1u << slot)) != 0u;
}

// The UV a slot's texture is sampled at: its UV set, through its KHR_texture_transform.
// uv01: TEXCOORD_0 in xy, TEXCOORD_1 in zw.
fn texture_uv(slot: u32, uv01: vec4<f32>) -> vec2<f32> {
    let r0 = material.uv_transforms[2u * slot];
    let r1 = material.uv_transforms[2u * slot + 1u];
    let uv = vec3<f32>(select(uv01.xy, uv01.zw, r0.w > 0.5), 1.0);
    return vec2<f32>(dot(r0.xyz, uv), dot(r1.xyz, uv));
}

// The base colour texel (white without a texture).
fn base_color_texel(uv01: vec4<f32>) -> vec4<f32> {
    return textureSample(base_color_texture, base_color_sampler, texture_uv(SLOT_BASE_COLOR, uv01));
}

// Alpha as glTF defines it, the same expression in the id and colour passes so masks and
// image agree on which fragments an alpha test keeps.
fn material_alpha(texel_alpha: f32, vertex_alpha: f32) -> f32 {
    return material.base_color_factor.a * texel_alpha * vertex_alpha;
}
