//! glTF texture references → [`TextureRef`]: the image (decoded once per file), the
//! sampler, the UV set and `KHR_texture_transform`.

use super::{Context, FilterMode, ImportError, Sampler, TextureImage, TextureRef, UvTransform};
use super::{WrapMode, images};
use gltf::json::Value;
use gltf::texture::{MagFilter, MinFilter, WrappingMode};
use std::collections::HashMap;

/// UV sets the renderer carries per vertex.
const UV_SETS: u32 = 2;

/// The images decoded so far, with the glTF → asset index map.
#[derive(Default)]
pub(crate) struct ImageTable {
    pub(crate) images: Vec<TextureImage>,
    map: HashMap<usize, usize>,
}

/// What a glTF texture reference says, whichever kind of reference it is.
pub(crate) struct Reference<'a> {
    /// The texture.
    pub texture: gltf::Texture<'a>,
    /// Its `texCoord`.
    pub tex_coord: u32,
    /// Its `KHR_texture_transform` object, if any.
    pub transform: Option<TransformJson>,
}

/// `KHR_texture_transform` as read from the file.
pub(crate) struct TransformJson {
    pub offset: [f32; 2],
    pub rotation: f32,
    pub scale: [f32; 2],
    pub tex_coord: Option<u32>,
}

impl TransformJson {
    /// Reads the extension object; missing members take the extension's defaults.
    pub(crate) fn from_json(value: &Value) -> Self {
        let pair = |key: &str, default: [f32; 2]| {
            value
                .get(key)
                .and_then(Value::as_array)
                .filter(|a| a.len() == 2)
                .map_or(default, |a| {
                    [0, 1].map(|i| a[i].as_f64().map_or(f32::NAN, |x| x as f32))
                })
        };
        Self {
            offset: pair("offset", [0.0; 2]),
            rotation: value
                .get("rotation")
                .map_or(0.0, |r| r.as_f64().map_or(f32::NAN, |x| x as f32)),
            scale: pair("scale", [1.0; 2]),
            tex_coord: value
                .get("texCoord")
                .and_then(Value::as_u64)
                .map(|t| t.min(u64::from(u32::MAX)) as u32),
        }
    }
}

impl ImageTable {
    /// Converts `reference`, used as `field` of material `material`, decoding its image
    /// the first time it is seen. Fails on a UV set other than 0 or 1 and on a transform
    /// that is not finite.
    pub(crate) fn resolve(
        &mut self,
        ctx: &Context<'_>,
        material: usize,
        field: &str,
        reference: Reference<'_>,
    ) -> Result<TextureRef, ImportError> {
        let item = || format!("material {material} {field}");
        let mut tex_coord = reference.tex_coord;
        let mut transform = UvTransform::default();
        if let Some(json) = reference.transform {
            transform = UvTransform {
                offset: json.offset,
                rotation: json.rotation,
                scale: json.scale,
            };
            let values = [json.offset, json.scale, [json.rotation; 2]];
            if !values.iter().flatten().all(|v| v.is_finite()) {
                return Err(ctx.invalid(
                    &format!("{} KHR_texture_transform", item()),
                    "offset, rotation and scale must be finite numbers",
                ));
            }
            tex_coord = json.tex_coord.unwrap_or(tex_coord);
        }
        if tex_coord >= UV_SETS {
            return Err(ctx.invalid(
                &format!("{} texCoord", item()),
                format!("TEXCOORD_{tex_coord} is not supported (only TEXCOORD_0 and TEXCOORD_1)"),
            ));
        }
        let source = reference.texture.source();
        let image = match self.map.get(&source.index()) {
            Some(&index) => index,
            None => {
                let index = self.images.len();
                self.images.push(images::decode(ctx, &source)?);
                self.map.insert(source.index(), index);
                index
            }
        };
        Ok(TextureRef {
            image,
            sampler: sampler(&reference.texture.sampler()),
            tex_coord,
            transform,
        })
    }
}

/// Maps a glTF sampler. Without a minification filter, glTF leaves the choice to the
/// renderer: trilinear.
fn sampler(sampler: &gltf::texture::Sampler<'_>) -> Sampler {
    let wrap = |mode| match mode {
        WrappingMode::Repeat => WrapMode::Repeat,
        WrappingMode::MirroredRepeat => WrapMode::MirroredRepeat,
        WrappingMode::ClampToEdge => WrapMode::ClampToEdge,
    };
    use FilterMode::{Linear, Nearest};
    let (min_filter, mipmap_filter) = match sampler.min_filter() {
        Some(MinFilter::Nearest) => (Nearest, None),
        Some(MinFilter::Linear) => (Linear, None),
        Some(MinFilter::NearestMipmapNearest) => (Nearest, Some(Nearest)),
        Some(MinFilter::LinearMipmapNearest) => (Linear, Some(Nearest)),
        Some(MinFilter::NearestMipmapLinear) => (Nearest, Some(Linear)),
        Some(MinFilter::LinearMipmapLinear) | None => (Linear, Some(Linear)),
    };
    Sampler {
        wrap_u: wrap(sampler.wrap_s()),
        wrap_v: wrap(sampler.wrap_t()),
        mag_filter: match sampler.mag_filter() {
            Some(MagFilter::Nearest) => Nearest,
            Some(MagFilter::Linear) | None => Linear,
        },
        min_filter,
        mipmap_filter,
    }
}
