//! glTF 2.0 → CPU-side meshes, materials and textures. No wgpu here.
//!
//! An [`Asset`] is loaded once and shared by every instance of it in every frame.

mod accessor;
mod buffers;
mod document;
mod error;
mod hierarchy;
mod images;
mod material;
mod mesh;
mod tangents;
mod textures;
mod uri;

pub use error::ImportError;

use crate::source::FileSource;
use glam::{Mat4, Vec3};
use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

/// One vertex as the renderer consumes it.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Vertex {
    /// Position in the primitive's local space, metres.
    pub position: [f32; 3],
    /// Unit normal in the primitive's local space (computed when the file has none).
    pub normal: [f32; 3],
    /// TEXCOORD_0, or zero when absent.
    pub uv: [f32; 2],
    /// TEXCOORD_1, or zero when absent.
    pub uv1: [f32; 2],
    /// Unit tangent along +u of the normal texture's UV set (xyz) and the bitangent's
    /// handedness (w = ±1), glTF's TANGENT; generated when a normal-mapped primitive has
    /// none, zero when not needed.
    pub tangent: [f32; 4],
    /// Linear RGBA vertex colour (COLOR_0), multiplied with the base colour; white when
    /// absent.
    pub color: [f32; 4],
}

impl Vertex {
    /// A vertex with one UV set, no tangent, and a white vertex colour.
    pub fn new(position: [f32; 3], normal: [f32; 3], uv: [f32; 2]) -> Self {
        Self {
            position,
            normal,
            uv,
            uv1: [0.0; 2],
            tangent: [0.0; 4],
            color: [1.0; 4],
        }
    }
}

/// Texture coordinate wrapping, from the glTF sampler.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum WrapMode {
    /// glTF 10497, the default.
    #[default]
    Repeat,
    /// glTF 33648.
    MirroredRepeat,
    /// glTF 33071.
    ClampToEdge,
}

/// Texture filtering, from the glTF sampler.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum FilterMode {
    /// Nearest texel.
    Nearest,
    /// Linear interpolation, the default when the file says nothing.
    #[default]
    Linear,
}

/// A glTF sampler reduced to what the renderer supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sampler {
    /// Wrap along U.
    pub wrap_u: WrapMode,
    /// Wrap along V.
    pub wrap_v: WrapMode,
    /// Magnification filter.
    pub mag_filter: FilterMode,
    /// Minification filter.
    pub min_filter: FilterMode,
    /// Filter between mipmap levels; None samples level 0 only (glTF's plain NEAREST or
    /// LINEAR minification).
    pub mipmap_filter: Option<FilterMode>,
}

impl Default for Sampler {
    /// A sampler for a texture without one: repeat, linear, trilinear mipmaps (glTF leaves
    /// the filters to the implementation).
    fn default() -> Self {
        Self {
            wrap_u: WrapMode::Repeat,
            wrap_v: WrapMode::Repeat,
            mag_filter: FilterMode::Linear,
            min_filter: FilterMode::Linear,
            mipmap_filter: Some(FilterMode::Linear),
        }
    }
}

/// A decoded image, RGBA8 as stored: sRGB-encoded colour for base colour and emissive
/// textures, linear data for normal, metallic-roughness and occlusion textures.
#[derive(Clone, Debug, PartialEq)]
pub struct TextureImage {
    /// Width in texels.
    pub width: u32,
    /// Height in texels.
    pub height: u32,
    /// Row-major RGBA8 texels, `width * height * 4` bytes.
    pub rgba8: Vec<u8>,
}

/// A texture use: which image, sampled how, with which UV set and transform.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextureRef {
    /// Index into [`Asset::images`].
    pub image: usize,
    /// How to sample it.
    pub sampler: Sampler,
    /// The UV set: 0 (TEXCOORD_0) or 1 (TEXCOORD_1).
    pub tex_coord: u32,
    /// `KHR_texture_transform`, applied to the UVs before sampling.
    pub transform: UvTransform,
}

impl TextureRef {
    /// Image `image` with `sampler`, TEXCOORD_0 and no transform.
    pub fn new(image: usize, sampler: Sampler) -> Self {
        Self {
            image,
            sampler,
            tex_coord: 0,
            transform: UvTransform::default(),
        }
    }
}

/// A `KHR_texture_transform`: the UVs are scaled, then rotated, then offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UvTransform {
    /// Added last, in UV units.
    pub offset: [f32; 2],
    /// Radians, counter-clockwise in UV space.
    pub rotation: f32,
    /// Applied first, per axis.
    pub scale: [f32; 2],
}

impl Default for UvTransform {
    /// The identity.
    fn default() -> Self {
        Self {
            offset: [0.0; 2],
            rotation: 0.0,
            scale: [1.0; 2],
        }
    }
}

impl UvTransform {
    /// The affine map as two rows: `u' = r0 · (u, v, 1)`, `v' = r1 · (u, v, 1)`, i.e.
    /// translation × rotation × scale as the extension defines them.
    pub fn rows(&self) -> [[f32; 3]; 2] {
        let (sin, cos) = self.rotation.sin_cos();
        let [sx, sy] = self.scale;
        let [ox, oy] = self.offset;
        [[cos * sx, sin * sy, ox], [-sin * sx, cos * sy, oy]]
    }

    /// `uv` mapped by the transform.
    pub fn apply(&self, uv: [f32; 2]) -> [f32; 2] {
        self.rows().map(|[a, b, c]| a * uv[0] + b * uv[1] + c)
    }
}

/// How a material's alpha is used (glTF `alphaMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AlphaMode {
    /// Alpha is ignored; the surface is opaque.
    #[default]
    Opaque,
    /// Fragments whose alpha is below the cutoff are discarded (foliage, fences); the rest
    /// are opaque.
    Mask,
    /// Blended over what lies behind (glass).
    Blend,
}

/// A glTF metallic-roughness material: factors, the five textures, alpha and emission.
#[derive(Clone, Debug, PartialEq)]
pub struct Material {
    /// Name from the file, or `material<N>`.
    pub name: String,
    /// Linear RGBA base colour factor.
    pub base_color_factor: [f32; 4],
    /// Base colour texture (sRGB), multiplied with the factor.
    pub base_color_texture: Option<TextureRef>,
    /// glTF `metallicFactor` (0..=1; default 1).
    pub metallic_factor: f32,
    /// glTF `roughnessFactor`, perceptual roughness (0..=1; default 1).
    pub roughness_factor: f32,
    /// glTF `emissiveFactor`, linear RGB (0..=1 each; default 0).
    pub emissive_factor: [f32; 3],
    /// `KHR_materials_emissive_strength` multiplier on the emissive factor (>= 0; default 1).
    pub emissive_strength: f32,
    /// glTF `doubleSided`: when false, back faces are culled.
    pub double_sided: bool,
    /// Metalness in B, roughness in G (linear), multiplied with the factors.
    pub metallic_roughness_texture: Option<TextureRef>,
    /// Tangent-space normals (linear, RGB = XYZ · 0.5 + 0.5).
    pub normal_texture: Option<TextureRef>,
    /// Scale on the normal texture's X and Y (default 1).
    pub normal_scale: f32,
    /// Ambient occlusion in R (linear).
    pub occlusion_texture: Option<TextureRef>,
    /// How much the occlusion texture darkens ambient light (0..=1; default 1).
    pub occlusion_strength: f32,
    /// Emitted colour (sRGB), multiplied with the emissive factor and strength.
    pub emissive_texture: Option<TextureRef>,
    /// glTF `alphaMode`.
    pub alpha_mode: AlphaMode,
    /// glTF `alphaCutoff`, used by [`AlphaMode::Mask`] (default 0.5).
    pub alpha_cutoff: f32,
}

impl Default for Material {
    /// The glTF default material: white, fully metallic, fully rough, not emissive.
    fn default() -> Self {
        Self {
            name: "default".into(),
            base_color_factor: [1.0; 4],
            base_color_texture: None,
            metallic_factor: 1.0,
            roughness_factor: 1.0,
            emissive_factor: [0.0; 3],
            emissive_strength: 1.0,
            double_sided: false,
            metallic_roughness_texture: None,
            normal_texture: None,
            normal_scale: 1.0,
            occlusion_texture: None,
            occlusion_strength: 1.0,
            emissive_texture: None,
            alpha_mode: AlphaMode::Opaque,
            alpha_cutoff: 0.5,
        }
    }
}

impl Material {
    /// Linear RGB emitted radiance scale: the emissive factor times the emissive strength.
    pub fn emissive(&self) -> [f32; 3] {
        self.emissive_factor.map(|c| c * self.emissive_strength)
    }

    /// Its five texture slots in a fixed order (base colour, metallic-roughness, normal,
    /// occlusion, emissive: the renderer's binding order), each with whether its image
    /// holds sRGB colour (base colour and emission) rather than linear data.
    pub fn texture_slots(&self) -> [(Option<TextureRef>, bool); 5] {
        [
            (self.base_color_texture, true),
            (self.metallic_roughness_texture, false),
            (self.normal_texture, false),
            (self.occlusion_texture, false),
            (self.emissive_texture, true),
        ]
    }

    /// Every texture it uses, with whether its image holds sRGB colour.
    pub fn textures(&self) -> impl Iterator<Item = (TextureRef, bool)> + '_ {
        self.texture_slots()
            .into_iter()
            .filter_map(|(texture, srgb)| texture.map(|t| (t, srgb)))
    }
}

/// One triangle list. Non-indexed glTF primitives get indices `0..n`.
#[derive(Clone, Debug, PartialEq)]
pub struct MeshPrimitive {
    /// Vertices.
    pub vertices: Vec<Vertex>,
    /// Triangle list indices into `vertices`.
    pub indices: Vec<u32>,
    /// Index into [`Asset::materials`].
    pub material: usize,
    /// The file gave it vertex colours (COLOR_0).
    pub vertex_colors: bool,
}

/// A primitive placed by the node hierarchy.
#[derive(Clone, Debug, PartialEq)]
pub struct MeshPart {
    /// Index into [`Asset::primitives`].
    pub primitive: usize,
    /// Node-to-asset-root transform (the product of the node chain).
    pub transform: Mat4,
    /// The node it hangs from, index into [`Asset::nodes`].
    pub node: usize,
}

/// One node of the asset's tree: a skeleton joint for articulated assets (people), so a
/// pose can rotate it and everything below it.
#[derive(Clone, Debug, PartialEq)]
pub struct AssetNode {
    /// Name from the file, or `node<N>`.
    pub name: String,
    /// Parent, index into [`Asset::nodes`]; None for a root.
    pub parent: Option<usize>,
    /// Rest transform relative to the parent.
    pub local: Mat4,
    /// Rest node-to-asset transform (the product of the chain).
    pub world: Mat4,
}

/// A whole glTF file's default scene, flattened.
#[derive(Clone, Debug, PartialEq)]
pub struct Asset {
    /// The file it came from.
    pub path: PathBuf,
    /// Every triangle primitive.
    pub primitives: Vec<MeshPrimitive>,
    /// Materials; the last one may be the glTF default material.
    pub materials: Vec<Material>,
    /// Decoded images.
    pub images: Vec<TextureImage>,
    /// Primitives placed in the asset's space.
    pub parts: Vec<MeshPart>,
    /// The scene's nodes in depth-first order (parents before children).
    pub nodes: Vec<AssetNode>,
    /// Axis-aligned bounds of all parts in asset space: (min, max).
    pub bounds: (Vec3, Vec3),
}

/// Loads the glTF 2.0 file `path` (`.gltf` JSON or `.glb` binary) through `source`,
/// together with the buffers and images it references (GLB `BIN` chunk, `data:` URIs, or
/// files relative to `path` read through the same `source`).
///
/// The default scene (else scene 0, else every root node) is flattened into
/// [`Asset::parts`]; a mesh used by several nodes has its primitives stored once.
/// Strips and fans become triangle lists; points and lines are rejected. Missing normals
/// are computed flat (one face normal per un-welded triangle), as glTF specifies.
///
/// Never panics on malformed input: every problem is an [`ImportError`] naming `path`.
pub fn load_asset(source: &dyn FileSource, path: &Path) -> Result<Asset, ImportError> {
    let bytes = source.read(path).map_err(|err| ImportError::Read {
        path: path.to_path_buf(),
        source: err,
    })?;
    let document::Parsed {
        document: doc,
        blob,
    } = document::parse(path, &bytes)?;
    let ctx = Context {
        path,
        source,
        doc: &doc,
        buffers: buffers::load(source, path, &doc, blob.as_deref())?,
    };

    let mut materials = material::MaterialTable::default();
    let mut primitives: Vec<MeshPrimitive> = Vec::new();
    let mut primitives_of_mesh: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut parts = Vec::new();
    let walked = hierarchy::walk(&ctx)?;
    for (mesh, transform, node) in walked.meshes {
        let ids = match primitives_of_mesh.entry(mesh.index()) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let mut ids = Vec::new();
                for prim in mesh.primitives() {
                    let material = materials.resolve(&ctx, &prim.material())?;
                    let tangent_uv = materials.get(material).normal_texture.map(|t| t.tex_coord);
                    ids.push(primitives.len());
                    primitives.push(mesh::load_primitive(
                        &ctx,
                        mesh.index(),
                        &prim,
                        material,
                        tangent_uv,
                    )?);
                }
                entry.insert(ids)
            }
        };
        parts.extend(ids.iter().map(|&primitive| MeshPart {
            primitive,
            transform,
            node,
        }));
    }
    let (materials, images) = materials.finish(&mut primitives);

    let has_triangles = parts
        .iter()
        .any(|part| !primitives[part.primitive].indices.is_empty());
    if !has_triangles {
        return Err(ImportError::NoTriangles {
            path: path.to_path_buf(),
        });
    }
    let bounds = bounds(&primitives, &parts);
    Ok(Asset {
        path: path.to_path_buf(),
        primitives,
        materials,
        images,
        parts,
        nodes: walked.nodes,
        bounds,
    })
}

/// Every part's vertices transformed into asset space.
fn placed_points<'a>(
    primitives: &'a [MeshPrimitive],
    parts: &'a [MeshPart],
) -> impl Iterator<Item = Vec3> + 'a {
    parts.iter().flat_map(move |part| {
        primitives[part.primitive]
            .vertices
            .iter()
            .map(move |v| part.transform.transform_point3(Vec3::from(v.position)))
    })
}

/// AABB of every part's vertices transformed into asset space.
fn bounds(primitives: &[MeshPrimitive], parts: &[MeshPart]) -> (Vec3, Vec3) {
    placed_points(primitives, parts).fold(
        (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY)),
        |(min, max), p| (min.min(p), max.max(p)),
    )
}

impl Asset {
    /// Every vertex of every part, in asset space.
    pub fn points(&self) -> impl Iterator<Item = Vec3> + '_ {
        placed_points(&self.primitives, &self.parts)
    }
}

/// What the importer's stages share while loading one file.
pub(crate) struct Context<'a> {
    /// The asset file, for error messages and resolving relative URIs.
    path: &'a Path,
    /// Where the asset and its external buffers and images are read from.
    source: &'a dyn FileSource,
    /// The parsed, validated glTF document.
    doc: &'a gltf::Document,
    /// Every buffer's bytes, by glTF buffer index.
    buffers: Vec<Cow<'a, [u8]>>,
}

impl Context<'_> {
    /// An [`ImportError::Invalid`] for this file.
    fn invalid(&self, item: &str, reason: impl Into<String>) -> ImportError {
        ImportError::Invalid {
            path: self.path.to_path_buf(),
            item: item.to_owned(),
            reason: reason.into(),
        }
    }
}
