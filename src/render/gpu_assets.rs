//! Uploads imported assets once: vertex/index buffers, textures, samplers, material bind groups.

use super::gpu_types::MaterialUniforms;
use super::gpu_util::{buffer_entry, sampler_entry, view_entry};
use crate::importer::{Asset, FilterMode, Material, Sampler, TextureImage, WrapMode};
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
    /// Its material is double-sided (drawn without back-face culling).
    pub double_sided: bool,
    /// Its material has a base colour texture (untextured ones skip the sample).
    pub textured: bool,
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
        let white_view = upload_texture(device, queue, "gpu_assets::white", &white);
        let mut samplers = SamplerCache::default();
        let mut out = GpuAssets {
            primitives: Vec::new(),
            materials: Vec::new(),
            parts: Vec::new(),
        };
        for (asset_index, asset) in assets.iter().enumerate() {
            let name = asset.path.display().to_string();
            let views: Vec<wgpu::TextureView> = asset
                .images
                .iter()
                .enumerate()
                .map(|(i, img)| upload_texture(device, queue, &format!("{name}::image{i}"), img))
                .collect();
            let material_base = out.materials.len();
            for (m, material) in asset.materials.iter().enumerate() {
                let (view, sampler) = match material.base_color_texture {
                    Some(t) => (&views[t.image], samplers.get(device, t.sampler)),
                    None => (&white_view, samplers.get(device, Sampler::default())),
                };
                let label = format!("{name}::material{m}");
                out.materials.push(material_bind_group(
                    device, layout, &label, material, view, sampler,
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
                    double_sided: asset.materials[primitive.material].double_sided,
                    textured: asset.materials[primitive.material]
                        .base_color_texture
                        .is_some(),
                });
            }
            out.parts.push(AssetDraw::new(asset, primitive_base));
            tracing::debug!(asset_index, %name, "uploaded asset");
        }
        out
    }
}

fn material_bind_group(
    device: &wgpu::Device,
    layout: &wgpu::BindGroupLayout,
    label: &str,
    material: &Material,
    view: &wgpu::TextureView,
    sampler: &wgpu::Sampler,
) -> wgpu::BindGroup {
    let uniform = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some(&format!("{label}::uniform")),
        contents: bytemuck::bytes_of(&MaterialUniforms::new(material)),
        usage: wgpu::BufferUsages::UNIFORM,
    });
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(&format!("{label}::bind_group")),
        layout,
        entries: &[
            buffer_entry(0, &uniform),
            view_entry(1, view),
            sampler_entry(2, sampler),
        ],
    })
}

fn upload_texture(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    label: &str,
    image: &TextureImage,
) -> wgpu::TextureView {
    let size = wgpu::Extent3d {
        width: image.width,
        height: image.height,
        depth_or_array_layers: 1,
    };
    let texture = device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size,
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: wgpu::TextureFormat::Rgba8UnormSrgb,
        usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
        view_formats: &[],
    });
    queue.write_texture(
        wgpu::TexelCopyTextureInfo {
            texture: &texture,
            mip_level: 0,
            origin: wgpu::Origin3d::ZERO,
            aspect: wgpu::TextureAspect::All,
        },
        &image.rgba8,
        wgpu::TexelCopyBufferLayout {
            offset: 0,
            bytes_per_row: Some(image.width * 4),
            rows_per_image: Some(image.height),
        },
        size,
    );
    texture.create_view(&wgpu::TextureViewDescriptor {
        label: Some(&format!("{label}::view")),
        ..Default::default()
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
