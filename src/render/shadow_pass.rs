//! The shadow pass: depth from the sun into a two-layer map (one layer per cascade),
//! shared by every frame in flight (the queue runs each frame's passes in order).
//! Alpha-masked materials run their alpha test, so cut-outs cast no shadow.

use super::gpu_util::{buffer_binding, buffer_entry, layout_entry};
use super::passes::Scene;
use super::scene_pass::DEPTH_FORMAT;
use super::shadows::{CASCADES, MAP_SIZE};
use crate::importer::{AlphaMode, Vertex};

/// The shadow map, its pipeline and per-cascade bind groups, built once.
pub struct ShadowPass {
    /// Opaque casters: positions only, cascade in group 1.
    pipeline: wgpu::RenderPipeline,
    /// Alpha-masked casters: material in group 1, cascade in group 2.
    masked: wgpu::RenderPipeline,
    cascades: Vec<wgpu::BindGroup>,
    layers: Vec<wgpu::TextureView>,
    /// Every layer, for sampling.
    pub array_view: wgpu::TextureView,
    /// Depth comparison with filtering (2×2 PCF per tap).
    pub sampler: wgpu::Sampler,
}

impl ShadowPass {
    /// Allocates the map and builds the pipelines over `geometry_layout` (group 0) and,
    /// for masked materials, `material_layout`.
    pub fn new(
        device: &wgpu::Device,
        geometry_layout: &wgpu::BindGroupLayout,
        material_layout: &wgpu::BindGroupLayout,
    ) -> Self {
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("shadow_pass::map"),
            size: wgpu::Extent3d {
                width: MAP_SIZE,
                height: MAP_SIZE,
                depth_or_array_layers: CASCADES as u32,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: DEPTH_FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
            view_formats: &[],
        });
        let layers = (0..CASCADES as u32)
            .map(|layer| {
                texture.create_view(&wgpu::TextureViewDescriptor {
                    label: Some("shadow_pass::layer"),
                    dimension: Some(wgpu::TextureViewDimension::D2),
                    base_array_layer: layer,
                    array_layer_count: Some(1),
                    ..Default::default()
                })
            })
            .collect();
        let array_view = texture.create_view(&wgpu::TextureViewDescriptor {
            label: Some("shadow_pass::array_view"),
            dimension: Some(wgpu::TextureViewDimension::D2Array),
            ..Default::default()
        });
        let cascade_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("shadow_pass::cascade_layout"),
            entries: &[layout_entry(
                0,
                wgpu::ShaderStages::VERTEX,
                buffer_binding(wgpu::BufferBindingType::Uniform),
            )],
        });
        let cascades = (0..CASCADES as u32)
            .map(|k| cascade_group(device, &cascade_layout, k))
            .collect();
        Self {
            pipeline: pipeline(device, &[geometry_layout, &cascade_layout], false),
            masked: pipeline(
                device,
                &[geometry_layout, material_layout, &cascade_layout],
                true,
            ),
            cascades,
            layers,
            array_view,
            sampler: device.create_sampler(&wgpu::SamplerDescriptor {
                label: Some("shadow_pass::sampler"),
                mag_filter: wgpu::FilterMode::Linear,
                min_filter: wgpu::FilterMode::Linear,
                compare: Some(wgpu::CompareFunction::LessEqual),
                ..Default::default()
            }),
        }
    }

    /// Renders every cascade's depth from the sun.
    pub fn encode(&self, encoder: &mut wgpu::CommandEncoder, scene: &Scene) {
        for (cascade, (layer, group)) in self.layers.iter().zip(&self.cascades).enumerate() {
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("shadow_pass::render_pass"),
                color_attachments: &[],
                depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                    view: layer,
                    depth_ops: Some(wgpu::Operations {
                        load: wgpu::LoadOp::Clear(1.0),
                        store: wgpu::StoreOp::Store,
                    }),
                    stencil_ops: None,
                }),
                ..Default::default()
            });
            pass.set_bind_group(0, &scene.slot.geometry_bind_group, &[]);
            let mut bound = None;
            // View 0 is the camera's; cascade k's casters are view 1 + k.
            for run in &scene.list.view(1 + cascade).runs {
                let primitive = &scene.assets.primitives[run.primitive];
                let masked = primitive.shading.alpha == AlphaMode::Mask;
                if bound != Some(masked) {
                    pass.set_pipeline(if masked { &self.masked } else { &self.pipeline });
                    pass.set_bind_group(if masked { 2 } else { 1 }, group, &[]);
                    bound = Some(masked);
                }
                if masked {
                    pass.set_bind_group(1, &scene.assets.materials[primitive.material], &[]);
                }
                pass.set_vertex_buffer(0, primitive.vertices.slice(..));
                pass.set_index_buffer(primitive.indices.slice(..), wgpu::IndexFormat::Uint32);
                pass.draw_indexed(
                    0..primitive.index_count,
                    0,
                    run.first..run.first + run.count,
                );
            }
        }
    }
}

fn cascade_group(
    device: &wgpu::Device,
    layout: &wgpu::BindGroupLayout,
    index: u32,
) -> wgpu::BindGroup {
    use wgpu::util::DeviceExt;
    let buffer = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some("shadow_pass::cascade_index"),
        contents: bytemuck::cast_slice(&[index, 0, 0, 0]),
        usage: wgpu::BufferUsages::UNIFORM,
    });
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some("shadow_pass::cascade_group"),
        layout,
        entries: &[buffer_entry(0, &buffer)],
    })
}

/// The opaque (`masked` false: positions only, no fragment stage) or alpha-tested shadow
/// pipeline over `layouts`.
fn pipeline(
    device: &wgpu::Device,
    layouts: &[&wgpu::BindGroupLayout],
    masked: bool,
) -> wgpu::RenderPipeline {
    let name = if masked {
        "shadow_masked.wgsl"
    } else {
        "shadow.wgsl"
    };
    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some("shadow_pass::shader"),
        source: wgpu::ShaderSource::Wgsl(super::shader::program(name).into()),
    });
    let layouts: Vec<Option<&wgpu::BindGroupLayout>> = layouts.iter().copied().map(Some).collect();
    let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some("shadow_pass::pipeline_layout"),
        bind_group_layouts: &layouts,
        immediate_size: 0,
    });
    let plain = wgpu::vertex_attr_array![0 => Float32x3];
    // Every vertex attribute; the masked shader reads position, both UV sets and colour.
    let full = wgpu::vertex_attr_array![
        0 => Float32x3, 1 => Float32x3, 2 => Float32x2,
        3 => Float32x2, 4 => Float32x4, 5 => Float32x4
    ];
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some(if masked {
            "shadow_pass::masked_pipeline"
        } else {
            "shadow_pass::pipeline"
        }),
        layout: Some(&layout),
        vertex: wgpu::VertexState {
            module: &module,
            entry_point: Some(if masked {
                "vs_shadow_masked"
            } else {
                "vs_shadow"
            }),
            compilation_options: Default::default(),
            buffers: &[Some(wgpu::VertexBufferLayout {
                array_stride: std::mem::size_of::<Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: if masked { &full } else { &plain },
            })],
        },
        // Both faces cast: thin and open geometry (signs, leaves) must shadow too.
        primitive: wgpu::PrimitiveState::default(),
        depth_stencil: Some(wgpu::DepthStencilState {
            format: DEPTH_FORMAT,
            depth_write_enabled: Some(true),
            depth_compare: Some(wgpu::CompareFunction::Less),
            stencil: Default::default(),
            // Slope-scaled bias against acne on surfaces grazing the sun's direction.
            bias: wgpu::DepthBiasState {
                constant: 2,
                slope_scale: 2.0,
                clamp: 0.0,
            },
        }),
        multisample: wgpu::MultisampleState::default(),
        fragment: masked.then(|| wgpu::FragmentState {
            module: &module,
            entry_point: Some("fs_shadow_masked"),
            compilation_options: Default::default(),
            targets: &[],
        }),
        multiview_mask: None,
        cache: None,
    })
}
