//! Uploads imported assets once: vertex/index buffers, mipmapped textures, samplers,
//! material bind groups.

use super::gpu_types::MaterialUniforms;
use super::gpu_util::{buffer_entry, sampler_entry, view_entry};
use super::scene_pass::Shading;
use super::texture_upload;
use crate::importer::{AlphaMode, Asset, FilterMode, Material, Sampler, TextureImage, WrapMode};
use glam::{Mat4, Vec3};
use std::collections::HashMap;
use wgpu::util::DeviceExt;

/// One uploaded triangle list.
pub struct GpuPrimitive {
    /// Vertex buffer of [`crate::importer::Vertex`].
    pub vertices: wgpu::Buffer,
    /// u32 index buffer.
    pub indices: wgpu::Buffer,
    /// Number of indices.
    pub index_count: u32,
    /// Index into [`GpuAssets::materials`].
    pub material: usize,
    /// Which pipelines draw it.
    pub shading: Shading,
}

/// Every asset on the GPU, shared by all frames.
pub struct GpuAssets {
    /// All primitives of all assets.
    pub primitives: Vec<GpuPrimitive>,
    /// One bind group per material (group 1 of the scene pass).
    pub materials: Vec<wgpu::BindGroup>,
    /// Per asset: its parts and bounds.
    pub parts: Vec<AssetDraw>,
}

/// What the draw list needs of one asset.
#[derive(Clone, Debug, PartialEq)]
pub struct AssetDraw {
    /// Its parts, in the order of `Asset::parts`.
    pub parts: Vec<PartDraw>,
    /// Axis-aligned bounds of the rest pose in asset space, for frustum culling.
    pub bounds: (Vec3, Vec3),
    /// Number of materials of the asset (`Asset::materials`).
    pub material_count: usize,
}

/// What the draw list needs of one asset part.
#[derive(Clone, Debug, PartialEq)]
pub struct PartDraw {
    /// Index into the uploaded primitives.
    pub primitive: usize,
    /// Rest transform, part → asset space.
    pub transform: Mat4,
    /// Its material, index into the asset's materials (what overrides refer to).
    pub material: usize,
    /// Axis-aligned bounds of its primitive in part space, for culling posed objects.
    pub bounds: (Vec3, Vec3),
    /// Its material is alpha-blended: drawn after the opaque parts, back to front.
    pub blend: bool,
}

impl AssetDraw {
    /// The draw view of `asset`, whose first primitive was uploaded as `primitive_base`.
    pub fn new(asset: &Asset, primitive_base: usize) -> Self {
        let primitive_bounds: Vec<(Vec3, Vec3)> = asset
            .primitives
            .iter()
            .map(|p| {
                p.vertices.iter().map(|v| Vec3::from(v.position)).fold(
                    (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY)),
                    |(min, max), p| (min.min(p), max.max(p)),
                )
            })
            .collect();
        let parts = asset
            .parts
            .iter()
            .map(|part| PartDraw {
                primitive: primitive_base + part.primitive,
                transform: part.transform,
                material: asset.primitives[part.primitive].material,
                bounds: primitive_bounds[part.primitive],
                blend: asset.materials[asset.primitives[part.primitive].material].alpha_mode
                    == AlphaMode::Blend,
            })
            .collect();
        Self {
            parts,
            bounds: asset.bounds,
            material_count: asset.materials.len(),
        }
    }
}

impl GpuAssets {
    /// Uploads `assets`; `layout` is the scene pass's material bind group layout.
    pub fn upload(
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        layout: &wgpu::BindGroupLayout,
        assets: &[Asset],
    ) -> Self {
        let white = TextureImage {
            width: 1,
            height: 1,
            rgba8: vec![255; 4],
        };
        let white_view = texture_upload::upload(device, queue, "gpu_assets::white", &white, false);
        let mut samplers = SamplerCache::default();
        let mut out = GpuAssets {
            primitives: Vec::new(),
            materials: Vec::new(),
            parts: Vec::new(),
        };
        for (asset_index, asset) in assets.iter().enumerate() {
            let name = asset.path.display().to_string();
            // Each image once per colour space it is used in.
            let mut views: HashMap<(usize, bool), wgpu::TextureView> = HashMap::new();
            for material in &asset.materials {
                for (texture, srgb) in material.textures() {
                    views.entry((texture.image, srgb)).or_insert_with(|| {
                        let label = format!("{name}::image{}", texture.image);
                        let image = &asset.images[texture.image];
                        texture_upload::upload(device, queue, &label, image, srgb)
                    });
                }
            }
            let material_base = out.materials.len();
            for (m, material) in asset.materials.iter().enumerate() {
                let bound: Vec<(&wgpu::TextureView, wgpu::Sampler)> = material
                    .texture_slots()
                    .into_iter()
                    .map(|slot| match slot {
                        (Some(t), srgb) => (&views[&(t.image, srgb)], t.sampler),
                        (None, _) => (&white_view, Sampler::default()),
                    })
                    .map(|(view, sampler)| (view, samplers.get(device, sampler).clone()))
                    .collect();
                let label = format!("{name}::material{m}");
                out.materials.push(material_bind_group(
                    device, layout, &label, material, &bound,
                ));
            }
            let primitive_base = out.primitives.len();
            for (p, primitive) in asset.primitives.iter().enumerate() {
                let label = format!("{name}::primitive{p}");
                out.primitives.push(GpuPrimitive {
                    vertices: device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                        label: Some(&format!("{label}::vertices")),
                        contents: bytemuck::cast_slice(&primitive.vertices),
                        usage: wgpu::BufferUsages::VERTEX,
                    }),
                    indices: device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                        label: Some(&format!("{label}::indices")),
                        contents: bytemuck::cast_slice(&primitive.indices),
                        usage: wgpu::BufferUsages::INDEX,
                    }),
                    index_count: primitive.indices.len() as u32,
                    material: material_base + primitive.material,
                    shading: shading(&asset.materials[primitive.material], primitive),
                });
            }
            out.parts.push(AssetDraw::new(asset, primitive_base));
            tracing::debug!(asset_index, %name, "uploaded asset");
        }
        out
    }
}

/// The pipelines a primitive needs: the plain program unless it samples a texture, has
/// vertex colours or uses alpha.
fn shading(material: &Material, primitive: &crate::importer::MeshPrimitive) -> Shading {
    Shading {
        double_sided: material.double_sided,
        full: material.textures().next().is_some()
            || primitive.vertex_colors
            || material.alpha_mode != AlphaMode::Opaque,
        alpha: material.alpha_mode,
    }
}

fn material_bind_group(
    device: &wgpu::Device,
    layout: &wgpu::BindGroupLayout,
    label: &str,
    material: &Material,
    textures: &[(&wgpu::TextureView, wgpu::Sampler)],
) -> wgpu::BindGroup {
    let uniform = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some(&format!("{label}::uniform")),
        contents: bytemuck::bytes_of(&MaterialUniforms::new(material)),
        usage: wgpu::BufferUsages::UNIFORM,
    });
    let mut entries = vec![buffer_entry(0, &uniform)];
    let count = textures.len() as u32;
    for (slot, (view, sampler)) in (0..).zip(textures) {
        entries.push(view_entry(1 + slot, view));
        entries.push(sampler_entry(1 + count + slot, sampler));
    }
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(&format!("{label}::bind_group")),
        layout,
        entries: &entries,
    })
}

/// One wgpu sampler per distinct glTF sampler.
#[derive(Default)]
struct SamplerCache {
    samplers: HashMap<Sampler, wgpu::Sampler>,
}

impl SamplerCache {
    fn get(&mut self, device: &wgpu::Device, key: Sampler) -> &wgpu::Sampler {
        self.samplers.entry(key).or_insert_with(|| {
            device.create_sampler(&wgpu::SamplerDescriptor {
                label: Some("gpu_assets::sampler"),
                address_mode_u: address(key.wrap_u),
                address_mode_v: address(key.wrap_v),
                mag_filter: filter(key.mag_filter),
                min_filter: filter(key.min_filter),
                mipmap_filter: match key.mipmap_filter {
                    Some(FilterMode::Linear) => wgpu::MipmapFilterMode::Linear,
                    Some(FilterMode::Nearest) | None => wgpu::MipmapFilterMode::Nearest,
                },
                // Without mipmap filtering only the full-size level is sampled.
                lod_max_clamp: if key.mipmap_filter.is_some() {
                    32.0
                } else {
                    0.0
                },
                ..Default::default()
            })
        })
    }
}

fn address(mode: WrapMode) -> wgpu::AddressMode {
    match mode {
        WrapMode::Repeat => wgpu::AddressMode::Repeat,
        WrapMode::MirroredRepeat => wgpu::AddressMode::MirrorRepeat,
        WrapMode::ClampToEdge => wgpu::AddressMode::ClampToEdge,
    }
}

fn filter(mode: FilterMode) -> wgpu::FilterMode {
    match mode {
        FilterMode::Nearest => wgpu::FilterMode::Nearest,
        FilterMode::Linear => wgpu::FilterMode::Linear,
    }
}
