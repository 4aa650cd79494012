//! glTF materials reduced to [`Material`]: metallic-roughness factors, the five textures,
//! alpha, emission (with `KHR_materials_emissive_strength`). Materials and images are
//! converted on first use, each only once.

use super::textures::{ImageTable, Reference, TransformJson};
use super::{AlphaMode, Context, ImportError, Material, MeshPrimitive, TextureImage};
use std::collections::HashMap;

/// Material index given to primitives without a material until [`MaterialTable::finish`]
/// appends the glTF default material and points them at it.
const DEFAULT_MATERIAL: usize = usize::MAX;

/// The materials and images used so far, with the glTF → asset index maps.
#[derive(Default)]
pub(crate) struct MaterialTable {
    materials: Vec<Material>,
    images: ImageTable,
    material_map: HashMap<usize, usize>,
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
        let converted = self.convert(ctx, gltf_index, material)?;
        check_factors(ctx, gltf_index, &converted)?;
        let index = self.materials.len();
        self.materials.push(converted);
        self.material_map.insert(gltf_index, index);
        Ok(index)
    }

    fn convert(
        &mut self,
        ctx: &Context<'_>,
        gltf_index: usize,
        material: &gltf::Material<'_>,
    ) -> Result<Material, ImportError> {
        let pbr = material.pbr_metallic_roughness();
        let mut texture = |field: &str, reference: Option<Reference<'_>>| {
            reference
                .map(|r| self.images.resolve(ctx, gltf_index, field, r))
                .transpose()
        };
        let normal = material.normal_texture();
        let occlusion = material.occlusion_texture();
        Ok(Material {
            name: material
                .name()
                .map_or_else(|| format!("material{gltf_index}"), str::to_owned),
            base_color_factor: pbr.base_color_factor(),
            base_color_texture: texture(
                "pbrMetallicRoughness.baseColorTexture",
                pbr.base_color_texture().map(|i| info(&i)),
            )?,
            metallic_factor: pbr.metallic_factor(),
            roughness_factor: pbr.roughness_factor(),
            emissive_factor: material.emissive_factor(),
            emissive_strength: material.emissive_strength().unwrap_or(1.0),
            double_sided: material.double_sided(),
            metallic_roughness_texture: texture(
                "pbrMetallicRoughness.metallicRoughnessTexture",
                pbr.metallic_roughness_texture().map(|i| info(&i)),
            )?,
            normal_texture: texture(
                "normalTexture",
                normal.as_ref().map(|n| {
                    let transform = n.extension_value("KHR_texture_transform");
                    untyped(n.texture(), n.tex_coord(), transform)
                }),
            )?,
            normal_scale: normal.as_ref().map_or(1.0, |n| n.scale()),
            occlusion_texture: texture(
                "occlusionTexture",
                occlusion.as_ref().map(|o| {
                    let transform = o.extension_value("KHR_texture_transform");
                    untyped(o.texture(), o.tex_coord(), transform)
                }),
            )?,
            occlusion_strength: occlusion.as_ref().map_or(1.0, |o| o.strength()),
            emissive_texture: texture(
                "emissiveTexture",
                material.emissive_texture().map(|i| info(&i)),
            )?,
            alpha_mode: match material.alpha_mode() {
                gltf::material::AlphaMode::Opaque => AlphaMode::Opaque,
                gltf::material::AlphaMode::Mask => AlphaMode::Mask,
                gltf::material::AlphaMode::Blend => AlphaMode::Blend,
            },
            alpha_cutoff: material.alpha_cutoff().unwrap_or(0.5),
        })
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
        (self.materials, self.images.images)
    }

    /// The converted material at asset index `index` (the default material past the end).
    pub(crate) fn get(&self, index: usize) -> Material {
        self.materials.get(index).cloned().unwrap_or_default()
    }
}

/// A normal or occlusion texture reference as a [`Reference`]: gltf parses its
/// `KHR_texture_transform` only for plain `textureInfo`s, so it comes as raw JSON here.
fn untyped<'a>(
    texture: gltf::Texture<'a>,
    tex_coord: u32,
    transform: Option<&gltf::json::Value>,
) -> Reference<'a> {
    Reference {
        texture,
        tex_coord,
        transform: transform.map(TransformJson::from_json),
    }
}

/// A `textureInfo` (base colour, metallic-roughness, emissive) as a [`Reference`].
fn info<'a>(info: &gltf::texture::Info<'a>) -> Reference<'a> {
    Reference {
        texture: info.texture(),
        tex_coord: info.tex_coord(),
        transform: info.texture_transform().map(|t| TransformJson {
            offset: t.offset(),
            rotation: t.rotation(),
            scale: t.scale(),
            tex_coord: t.tex_coord(),
        }),
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
        (
            "normalTexture.scale",
            m.normal_scale,
            m.normal_scale.is_finite(),
            "a finite number",
        ),
        (
            "occlusionTexture.strength",
            m.occlusion_strength,
            unit(m.occlusion_strength),
            UNIT,
        ),
        (
            "alphaCutoff",
            m.alpha_cutoff,
            m.alpha_cutoff.is_finite() && m.alpha_cutoff >= 0.0,
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
