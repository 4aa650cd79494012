//! Plain-old-data records the shaders read: frame uniforms, instance records, material
//! uniforms. Each mirrors a WGSL struct in `shaders/include/`.

/// Per-frame uniforms, laid out as `FrameUniforms` in `shaders/include/frame.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct FrameUniforms {
    /// Projection × view.
    pub view_proj: [[f32; 4]; 4],
    /// Its inverse (clip → world), for the sky's view rays.
    pub inv_view_proj: [[f32; 4]; 4],
    /// Towards the sun (xyz); w unused.
    pub sun_direction: [f32; 4],
    /// Linear sun colour (rgb).
    pub sun_color: [f32; 4],
    /// Camera position in world space (xyz) and exposure (w).
    pub camera_exposure: [f32; 4],
    /// Ambient E(n)/π as order-2 SH, rgb per coefficient.
    pub ambient_sh: [[f32; 4]; 9],
    /// Fog: extinction at y = 0 (1/m), height falloff (1/m), Henyey–Greenstein g.
    pub fog: [f32; 4],
    /// Light scattered by fog towards the eye besides the sun's (rgb).
    pub fog_color: [f32; 4],
    /// Wetness, settled snow, puddle coverage, cloud cover.
    pub surface_weather: [f32; 4],
    /// Light tiles across, tiles down, lights in the frame, depth slices.
    pub light_grid: [u32; 4],
    /// The camera's viewing direction (xyz); w unused.
    pub camera_forward: [f32; 4],
    /// Depth slicing of the light clusters: near (m), slices per unit of ln(depth).
    pub light_slices: [f32; 4],
    /// World → light clip space of each shadow cascade.
    pub shadow_view_proj: [[[f32; 4]; 4]; 2],
    /// Shadow strength (0 = none), map edge (texels), each cascade's texel size (m).
    pub shadow: [f32; 4],
    /// The camera's right direction (xyz; with `camera_forward`, its frame); w unused.
    pub camera_right: [f32; 4],
}

/// Bits of [`InstanceData::ids`]`[1]`: which per-instance material overrides apply.
pub mod override_bits {
    /// `InstanceData::base_color` replaces the material's base colour factor (rgb).
    pub const BASE_COLOR: u32 = 1;
    /// `InstanceData::surface.x` replaces the material's roughness.
    pub const ROUGHNESS: u32 = 2;
    /// `InstanceData::surface.y` replaces the material's metalness.
    pub const METALLIC: u32 = 4;
}

/// Per-draw-instance data, laid out as `InstanceData` in `shaders/include/frame.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct InstanceData {
    /// Part → world.
    pub model: [[f32; 4]; 4],
    /// Inverse-transpose of the model's 3×3, as three padded columns.
    pub normal: [[f32; 4]; 3],
    /// x: packed id; y: [`override_bits`] saying which overrides below apply.
    pub ids: [u32; 4],
    /// Linear RGB base colour override (rgb); w unused.
    pub base_color: [f32; 4],
    /// x: roughness override, y: metallic override, z: multiplier on the material's
    /// emission (0 = lights off); w unused.
    pub surface: [f32; 4],
}

/// Texture slots of a material bind group (bindings 1 + slot and 6 + slot), in the order
/// of [`crate::importer::Material::texture_slots`] (and the `SLOT_*` constants of
/// `shaders/include/material.wgsl`).
pub const TEXTURE_SLOTS: usize = 5;

/// Smallest alpha at which an alpha-blended surface still counts as covering a pixel (so
/// a car's tinted glass belongs to the car's mask); below it the surface is discarded
/// from the image and the masks alike.
pub const BLEND_COVERAGE_ALPHA: f32 = 1.0 / 255.0;

/// Per-material uniforms (group 1, binding 0), laid out as `MaterialUniforms` in
/// `shaders/include/material.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct MaterialUniforms {
    /// Linear RGBA base colour factor.
    pub base_color_factor: [f32; 4],
    /// Linear RGB emission: emissive factor × emissive strength; w unused.
    pub emissive: [f32; 4],
    /// x: metallic factor, y: roughness factor, z: normal scale, w: occlusion strength.
    pub surface: [f32; 4],
    /// x: alpha below which fragments are discarded (0 for opaque materials), y: 1 when
    /// alpha is ignored (opaque), z: 1 when blended.
    pub alpha: [f32; 4],
    /// x: bit `1 << slot` set for each texture slot the material fills.
    pub textures: [u32; 4],
    /// Per slot, the UV transform's two rows `(a, b, c, uv set)` and `(d, e, f, 0)`.
    pub uv_transforms: [[f32; 4]; 2 * TEXTURE_SLOTS],
}

impl MaterialUniforms {
    /// The uniform values of an imported material.
    pub fn new(material: &crate::importer::Material) -> Self {
        use crate::importer::AlphaMode;
        let [r, g, b] = material.emissive();
        let mut textures = 0;
        let mut uv_transforms = [[0.0; 4]; 2 * TEXTURE_SLOTS];
        for (slot, (texture, _)) in material.texture_slots().iter().enumerate() {
            let (rows, set) = match texture {
                Some(t) => {
                    textures |= 1 << slot;
                    (t.transform.rows(), t.tex_coord as f32)
                }
                None => (crate::importer::UvTransform::default().rows(), 0.0),
            };
            let [[a, b, c], [d, e, f]] = rows;
            uv_transforms[2 * slot] = [a, b, c, set];
            uv_transforms[2 * slot + 1] = [d, e, f, 0.0];
        }
        let flag = |on: bool| if on { 1.0 } else { 0.0 };
        let cutoff = match material.alpha_mode {
            AlphaMode::Opaque => 0.0,
            AlphaMode::Mask => material.alpha_cutoff,
            AlphaMode::Blend => BLEND_COVERAGE_ALPHA,
        };
        Self {
            base_color_factor: material.base_color_factor,
            emissive: [r, g, b, 0.0],
            surface: [
                material.metallic_factor,
                material.roughness_factor,
                material.normal_scale,
                material.occlusion_strength,
            ],
            alpha: [
                cutoff,
                flag(material.alpha_mode == AlphaMode::Opaque),
                flag(material.alpha_mode == AlphaMode::Blend),
                0.0,
            ],
            textures: [textures, 0, 0, 0],
            uv_transforms,
        }
    }
}
