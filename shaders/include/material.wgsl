// Group 1: one glTF material (factors and textures).

struct MaterialUniforms {
    base_color_factor: vec4<f32>,
    // rgb: emissive factor times emissive strength.
    emissive: vec4<f32>,
    // x: metallic, y: roughness.
    surface: vec4<f32>,
};

@group(1) @binding(0) var<uniform> material: MaterialUniforms;
@group(1) @binding(1) var base_color_texture: texture_2d<f32>;
@group(1) @binding(2) var base_color_sampler: sampler;

// Below this perceptual roughness the GGX lobe degenerates (Filament's limit).
const MIN_ROUGHNESS: f32 = 0.045;

