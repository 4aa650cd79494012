//! glTF materials, textures and samplers reduced to [`Material`]: metallic-roughness
//! factors, base colour texture, emission (with `KHR_materials_emissive_strength`).
//! Materials and images are converted on first use, each only once.

use super::{
    Context, FilterMode, ImportError, Material, MeshPrimitive, Sampler, TextureImage, TextureRef,
    WrapMode, images,
};
use gltf::texture::{MagFilter, MinFilter, WrappingMode};
use std::collections::HashMap;

/// Material index given to primitives without a material until [`MaterialTable::finish`]
/// appends the glTF default material and points them at it.
const DEFAULT_MATERIAL: usize = usize::MAX;

/// The materials and images used so far, with the glTF → asset index maps.
#[derive(Default)]
pub(crate) struct MaterialTable {
    materials: Vec<Material>,
    images: Vec<TextureImage>,
    material_map: HashMap<usize, usize>,
    image_map: HashMap<usize, usize>,
}

impl MaterialTable {
    /// The asset material index for `material`, converting it (and decoding its
    /// textures' images) the first time it is seen.
    pub(crate) fn resolve(
        &mut self,
        ctx: &Context<'_>,
        material: &gltf::Material<'_>,
    ) -> Result<usize, ImportError> {
        let Some(gltf_index) = material.index() else {
            return Ok(DEFAULT_MATERIAL);
        };
        if let Some(&index) = self.material_map.get(&gltf_index) {
            return Ok(index);
        }
        let pbr = material.pbr_metallic_roughness();
        let base_color_texture = match pbr.base_color_texture() {
            Some(info) => {
                if info.tex_coord() != 0 {
                    tracing::warn!(
                        path = %ctx.path.display(),
                        material = gltf_index,
                        tex_coord = info.tex_coord(),
                        "base colour texture uses a TEXCOORD set other than 0; TEXCOORD_0 is used"
                    );
                }
                Some(self.texture(ctx, &info.texture())?)
            }
            None => None,
        };
        let converted = Material {
            name: material
                .name()
                .map_or_else(|| format!("material{gltf_index}"), str::to_owned),
            base_color_factor: pbr.base_color_factor(),
            base_color_texture,
            metallic_factor: pbr.metallic_factor(),
            roughness_factor: pbr.roughness_factor(),
            emissive_factor: material.emissive_factor(),
            emissive_strength: material.emissive_strength().unwrap_or(1.0),
            double_sided: material.double_sided(),
        };
        check_factors(ctx, gltf_index, &converted)?;
        let index = self.materials.len();
        self.materials.push(converted);
        self.material_map.insert(gltf_index, index);
        Ok(index)
    }

    /// Appends the default material if any primitive uses it, points those primitives at
    /// it, and returns the materials and images.
    pub(crate) fn finish(
        mut self,
        primitives: &mut [MeshPrimitive],
    ) -> (Vec<Material>, Vec<TextureImage>) {
        let default_index = self.materials.len();
        let mut needs_default = false;
        for primitive in primitives {
            if primitive.material == DEFAULT_MATERIAL {
                primitive.material = default_index;
                needs_default = true;
            }
        }
        if needs_default {
            self.materials.push(Material::default());
        }
        (self.materials, self.images)
    }

    fn texture(
        &mut self,
        ctx: &Context<'_>,
        texture: &gltf::Texture<'_>,
    ) -> Result<TextureRef, ImportError> {
        let source = texture.source();
        let image = match self.image_map.get(&source.index()) {
            Some(&index) => index,
            None => {
                let index = self.images.len();
                self.images.push(images::decode(ctx, &source)?);
                self.image_map.insert(source.index(), index);
                index
            }
        };
        Ok(TextureRef {
            image,
            sampler: sampler(&texture.sampler()),
        })
    }
}

/// Rejects factors outside the ranges glTF gives them (NaN and infinities included),
/// naming the material and the field.
fn check_factors(ctx: &Context<'_>, index: usize, m: &Material) -> Result<(), ImportError> {
    const UNIT: &str = "in 0..=1";
    let unit = |value: f32| (0.0..=1.0).contains(&value);
    let strength = m.emissive_strength;
    let mut checks = vec![
        (
            "pbrMetallicRoughness.metallicFactor",
            m.metallic_factor,
            unit(m.metallic_factor),
            UNIT,
        ),
        (
            "pbrMetallicRoughness.roughnessFactor",
            m.roughness_factor,
            unit(m.roughness_factor),
            UNIT,
        ),
        (
            "extensions.KHR_materials_emissive_strength.emissiveStrength",
            strength,
            strength.is_finite() && strength >= 0.0,
            "a finite number >= 0",
        ),
    ];
    checks.extend(
        m.emissive_factor
            .map(|c| ("emissiveFactor", c, unit(c), UNIT)),
    );
    match checks.into_iter().find(|&(_, _, ok, _)| !ok) {
        None => Ok(()),
        Some((field, value, _, allowed)) => Err(ctx.invalid(
            &format!("material {index} {field}"),
            format!("must be {allowed}, not {value}"),
        )),
    }
}

/// Maps a glTF sampler; mipmapped minification filters become their base filter.
fn sampler(sampler: &gltf::texture::Sampler<'_>) -> Sampler {
    let wrap = |mode| match mode {
        WrappingMode::Repeat => WrapMode::Repeat,
        WrappingMode::MirroredRepeat => WrapMode::MirroredRepeat,
        WrappingMode::ClampToEdge => WrapMode::ClampToEdge,
    };
    Sampler {
        wrap_u: wrap(sampler.wrap_s()),
        wrap_v: wrap(sampler.wrap_t()),
        mag_filter: match sampler.mag_filter() {
            Some(MagFilter::Nearest) => FilterMode::Nearest,
            Some(MagFilter::Linear) | None => FilterMode::Linear,
        },
        min_filter: match sampler.min_filter() {
            Some(
                MinFilter::Nearest
                | MinFilter::NearestMipmapNearest
                | MinFilter::NearestMipmapLinear,
            ) => FilterMode::Nearest,
            Some(
                MinFilter::Linear | MinFilter::LinearMipmapNearest | MinFilter::LinearMipmapLinear,
            )
            | None => FilterMode::Linear,
        },
    }
}
