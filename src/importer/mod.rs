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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Sampler {
    /// Wrap along U.
    pub wrap_u: WrapMode,
    /// Wrap along V.
    pub wrap_v: WrapMode,
    /// Magnification filter.
    pub mag_filter: FilterMode,
    /// Minification filter.
    pub min_filter: FilterMode,
}

/// A decoded image, RGBA8 with sRGB-encoded colour (as glTF base colour textures are).
#[derive(Clone, Debug, PartialEq)]
pub struct TextureImage {
    /// Width in texels.
    pub width: u32,
    /// Height in texels.
    pub height: u32,
    /// Row-major RGBA8 texels, `width * height * 4` bytes.
    pub rgba8: Vec<u8>,
}

/// A texture use: which image, sampled how.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextureRef {
    /// Index into [`Asset::images`].
    pub image: usize,
    /// How to sample it.
    pub sampler: Sampler,
}

/// The material subset the current renderer uses: glTF metallic-roughness factors, the
/// base colour texture and emission.
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
        }
    }
}

impl Material {
    /// Linear RGB emitted radiance scale: the emissive factor times the emissive strength.
    pub fn emissive(&self) -> [f32; 3] {
        self.emissive_factor.map(|c| c * self.emissive_strength)
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
                    ids.push(primitives.len());
                    primitives.push(mesh::load_primitive(&ctx, mesh.index(), &prim, material)?);
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
