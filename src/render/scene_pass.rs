//! The scene passes' pipelines, built once: the id pass (packed ids, single-sampled, its
//! own depth), the colour pass (HDR, 4× multisampled; opaque, then blended) and the sky
//! drawn behind it.

use super::gpu_types::TEXTURE_SLOTS;
use super::gpu_util::{buffer_binding, filterable_texture, layout_entry};
use crate::importer::{AlphaMode, Vertex};

/// Final colour format: 8-bit sRGB, written as linear by the post pass.
pub const COLOR_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8UnormSrgb;
/// Scene radiance before tone mapping.
pub const HDR_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba16Float;
/// Id target format: packed instance and category ids.
pub const ID_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::R32Uint;
/// Surface depth target format (metres along the camera's axis, 0 = sky).
pub const SURFACE_DEPTH_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::R32Float;
/// Surface normal target format (camera frame, n * 0.5 + 0.5; 0 = sky).
pub const NORMAL_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;
/// Depth target format.
pub const DEPTH_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth32Float;
/// Samples per pixel of the colour pass.
pub const MSAA_SAMPLES: u32 = 4;

/// The pipelines and their bind group layouts.
pub struct ScenePass {
    /// Group 0: frame uniforms, instance records, lights and their tile bins.
    pub frame_layout: wgpu::BindGroupLayout,
    /// Group 0 of the id and shadow passes: uniforms and instance records only (the
    /// shadow pass writes the shadow map the full frame group reads).
    pub geometry_layout: wgpu::BindGroupLayout,
    /// Group 1: material uniforms, then the five textures, then their samplers.
    pub material_layout: wgpu::BindGroupLayout,
    /// Colour pipelines by [`ScenePass::colour`]'s index: single-sided materials cull
    /// back faces (as glTF specifies), double-sided ones do not; plain materials (no
    /// texture, vertex colour or alpha) skip the sampling (software rasterisers pay for
    /// every varying and sample per fragment); blended ones draw last without writing depth.
    colour: [wgpu::RenderPipeline; 6],
    /// Id pipelines by [`ScenePass::ids`]'s index: culled or double-sided, with or without
    /// the alpha test.
    ids: [wgpu::RenderPipeline; 4],
    /// The sky behind everything.
    pub sky: wgpu::RenderPipeline,
    /// Samples the sky map: wraps around in azimuth, clamps at the poles.
    pub sky_sampler: wgpu::Sampler,
    /// The sun's shadow map and the pass that fills it.
    pub shadows: super::shadow_pass::ShadowPass,
    /// Each labelled object's unoccluded coverage.
    pub coverage: super::coverage::CoveragePass,
}

/// Group 0 of the geometry-only passes (ids, shadows): uniforms and instance records.
fn geometry_layout(device: &wgpu::Device) -> wgpu::BindGroupLayout {
    device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("scene_pass::geometry_layout"),
        entries: &[
            layout_entry(
                0,
                wgpu::ShaderStages::VERTEX_FRAGMENT,
                buffer_binding(wgpu::BufferBindingType::Storage { read_only: true }),
            ),
            layout_entry(
                1,
                wgpu::ShaderStages::VERTEX,
                buffer_binding(wgpu::BufferBindingType::Storage { read_only: true }),
            ),
        ],
    })
}

fn frame_layout(device: &wgpu::Device) -> wgpu::BindGroupLayout {
    let both = wgpu::ShaderStages::VERTEX_FRAGMENT;
    let storage = buffer_binding(wgpu::BufferBindingType::Storage { read_only: true });
    device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("scene_pass::frame_layout"),
        entries: &[
            layout_entry(
                0,
                both,
                buffer_binding(wgpu::BufferBindingType::Storage { read_only: true }),
            ),
            layout_entry(1, wgpu::ShaderStages::VERTEX, storage),
            layout_entry(2, wgpu::ShaderStages::FRAGMENT, storage),
            layout_entry(3, wgpu::ShaderStages::FRAGMENT, storage),
            layout_entry(4, wgpu::ShaderStages::FRAGMENT, storage),
            layout_entry(5, wgpu::ShaderStages::FRAGMENT, filterable_texture()),
            layout_entry(
                6,
                wgpu::ShaderStages::FRAGMENT,
                wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
            ),
            layout_entry(
                7,
                wgpu::ShaderStages::FRAGMENT,
                wgpu::BindingType::Texture {
                    sample_type: wgpu::TextureSampleType::Depth,
                    view_dimension: wgpu::TextureViewDimension::D2Array,
                    multisampled: false,
                },
            ),
            layout_entry(
                8,
                wgpu::ShaderStages::FRAGMENT,
                wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Comparison),
            ),
        ],
    })
}

fn material_layout(device: &wgpu::Device) -> wgpu::BindGroupLayout {
    let both = wgpu::ShaderStages::VERTEX_FRAGMENT;
    // The vertex stage resolves per-instance overrides against the uniforms.
    let mut entries = vec![layout_entry(
        0,
        both,
        buffer_binding(wgpu::BufferBindingType::Uniform),
    )];
    for slot in 0..TEXTURE_SLOTS as u32 {
        entries.push(layout_entry(
            1 + slot,
            wgpu::ShaderStages::FRAGMENT,
            filterable_texture(),
        ));
        entries.push(layout_entry(
            1 + TEXTURE_SLOTS as u32 + slot,
            wgpu::ShaderStages::FRAGMENT,
            wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
        ));
    }
    device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("scene_pass::material_layout"),
        entries: &entries,
    })
}

/// How a primitive is drawn, from its material and vertices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shading {
    /// Back faces are drawn (and lit from their side).
    pub double_sided: bool,
    /// Needs the full material program: textures, vertex colours or alpha.
    pub full: bool,
    /// glTF alpha mode.
    pub alpha: AlphaMode,
}

/// What differs between the pipelines built by [`pipeline`].
struct Spec<'a> {
    label: String,
    module: &'a wgpu::ShaderModule,
    layout: &'a wgpu::PipelineLayout,
    vertex: &'a str,
    /// Fragment entry point and target format.
    fragment: (&'a str, wgpu::TextureFormat),
    /// Vertex attributes read (the sky reads none).
    attributes: &'a [wgpu::VertexAttribute],
    cull: Option<wgpu::Face>,
    depth: (bool, wgpu::CompareFunction),
    samples: u32,
    blend: Option<wgpu::BlendState>,
    /// Further colour targets (the id pass's surface depth and normal).
    more_targets: &'a [wgpu::TextureFormat],
}

fn pipeline(device: &wgpu::Device, spec: Spec) -> wgpu::RenderPipeline {
    let buffers = [Some(wgpu::VertexBufferLayout {
        array_stride: std::mem::size_of::<Vertex>() as u64,
        step_mode: wgpu::VertexStepMode::Vertex,
        attributes: spec.attributes,
    })];
    let target = |format| {
        Some(wgpu::ColorTargetState {
            format,
            blend: spec.blend,
            write_mask: wgpu::ColorWrites::ALL,
        })
    };
    let mut targets = vec![target(spec.fragment.1)];
    targets.extend(spec.more_targets.iter().map(|&format| target(format)));
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some(&spec.label),
        layout: Some(spec.layout),
        vertex: wgpu::VertexState {
            module: spec.module,
            entry_point: Some(spec.vertex),
            compilation_options: Default::default(),
            buffers: if spec.attributes.is_empty() {
                &[]
            } else {
                &buffers
            },
        },
        primitive: wgpu::PrimitiveState {
            topology: wgpu::PrimitiveTopology::TriangleList,
            front_face: wgpu::FrontFace::Ccw,
            cull_mode: spec.cull,
            ..Default::default()
        },
        depth_stencil: Some(wgpu::DepthStencilState {
            format: DEPTH_FORMAT,
            depth_write_enabled: Some(spec.depth.0),
            depth_compare: Some(spec.depth.1),
            stencil: Default::default(),
            bias: Default::default(),
        }),
        multisample: wgpu::MultisampleState {
            count: spec.samples,
            ..Default::default()
        },
        fragment: Some(wgpu::FragmentState {
            module: spec.module,
            entry_point: Some(spec.fragment.0),
            compilation_options: Default::default(),
            targets: &targets,
        }),
        multiview_mask: None,
        cache: None,
    })
}

fn module(device: &wgpu::Device, name: &str) -> wgpu::ShaderModule {
    device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some(&format!("scene_pass::{name}")),
        source: wgpu::ShaderSource::Wgsl(super::shader::program(name).into()),
    })
}

fn cull(double_sided: bool) -> Option<wgpu::Face> {
    // Single-sided glTF materials cull back faces; double-sided ones do not, and the
    // colour shader flips their back-face normals.
    (!double_sided).then_some(wgpu::Face::Back)
}

fn sidedness(double_sided: bool) -> &'static str {
    if double_sided {
        "double_sided"
    } else {
        "culled"
    }
}

impl ScenePass {
    /// Compiles the scene, id and sky programs and builds every pipeline.
    pub fn new(device: &wgpu::Device) -> Self {
        let frame_layout = frame_layout(device);
        let geometry_layout = geometry_layout(device);
        let material_layout = material_layout(device);
        let scene = module(device, "scene.wgsl");
        let id_module = module(device, "ids.wgsl");
        let sky_module = module(device, "sky.wgsl");
        let colour_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("scene_pass::colour_layout"),
            bind_group_layouts: &[Some(&frame_layout), Some(&material_layout)],
            immediate_size: 0,
        });
        let frame_only = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("scene_pass::frame_only_layout"),
            bind_group_layouts: &[Some(&frame_layout)],
            immediate_size: 0,
        });
        let geometry_only = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("scene_pass::geometry_only_layout"),
            bind_group_layouts: &[Some(&geometry_layout)],
            immediate_size: 0,
        });
        let plain = wgpu::vertex_attr_array![0 => Float32x3, 1 => Float32x3];
        let full = wgpu::vertex_attr_array![
            0 => Float32x3, 1 => Float32x3, 2 => Float32x2,
            3 => Float32x2, 4 => Float32x4, 5 => Float32x4
        ];
        let masked_ids = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("scene_pass::masked_ids_layout"),
            bind_group_layouts: &[Some(&geometry_layout), Some(&material_layout)],
            immediate_size: 0,
        });
        // Index: double-sided × 3 + (plain, full, full blended).
        let colour = std::array::from_fn(|index| {
            let double_sided = index >= 3;
            let (program, blend) = match index % 3 {
                0 => ("plain", None),
                1 => ("full", None),
                _ => ("blended", Some(wgpu::BlendState::ALPHA_BLENDING)),
            };
            pipeline(
                device,
                Spec {
                    label: format!("scene_pass::colour_{}_{program}", sidedness(double_sided)),
                    module: &scene,
                    layout: &colour_layout,
                    vertex: if program == "plain" {
                        "vs_main"
                    } else {
                        "vs_full"
                    },
                    fragment: (
                        if program == "plain" {
                            "fs_plain"
                        } else {
                            "fs_full"
                        },
                        HDR_FORMAT,
                    ),
                    attributes: if program == "plain" { &plain } else { &full },
                    cull: cull(double_sided),
                    // Blended surfaces are tested against the opaque depth, not written.
                    depth: (blend.is_none(), wgpu::CompareFunction::Less),
                    samples: MSAA_SAMPLES,
                    blend,
                    more_targets: &[],
                },
            )
        });
        // Index: double-sided × 2 + alpha-tested.
        let ids = std::array::from_fn(|index| {
            let (double_sided, tested) = (index >= 2, index % 2 == 1);
            pipeline(
                device,
                Spec {
                    label: format!(
                        "scene_pass::ids_{}{}",
                        sidedness(double_sided),
                        if tested { "_alpha_tested" } else { "" }
                    ),
                    module: &id_module,
                    layout: if tested { &masked_ids } else { &geometry_only },
                    vertex: if tested { "vs_ids_tested" } else { "vs_ids" },
                    fragment: (if tested { "fs_ids_tested" } else { "fs_ids" }, ID_FORMAT),
                    attributes: if tested { &full } else { &plain },
                    cull: cull(double_sided),
                    depth: (true, wgpu::CompareFunction::Less),
                    samples: 1,
                    blend: None,
                    more_targets: &[SURFACE_DEPTH_FORMAT, NORMAL_FORMAT],
                },
            )
        });
        let sky = pipeline(
            device,
            Spec {
                label: "scene_pass::sky".into(),
                module: &sky_module,
                layout: &frame_only,
                vertex: "vs_sky",
                fragment: ("fs_sky", HDR_FORMAT),
                attributes: &[],
                cull: None,
                depth: (false, wgpu::CompareFunction::LessEqual),
                samples: MSAA_SAMPLES,
                blend: None,
                more_targets: &[],
            },
        );
        let coverage = super::coverage::CoveragePass::new(
            device,
            &module(device, "coverage.wgsl"),
            (&geometry_layout, &material_layout),
            &full,
        );
        Self {
            coverage,
            shadows: super::shadow_pass::ShadowPass::new(
                device,
                &geometry_layout,
                &material_layout,
            ),
            geometry_layout,
            frame_layout,
            material_layout,
            colour,
            ids,
            sky,
            sky_sampler: device.create_sampler(&wgpu::SamplerDescriptor {
                label: Some("scene_pass::sky_sampler"),
                address_mode_u: wgpu::AddressMode::Repeat,
                mag_filter: wgpu::FilterMode::Linear,
                min_filter: wgpu::FilterMode::Linear,
                ..Default::default()
            }),
        }
    }

    /// The colour pipeline for a primitive.
    pub fn colour(&self, shading: Shading) -> &wgpu::RenderPipeline {
        let program = match (shading.full, shading.alpha) {
            (_, AlphaMode::Blend) => 2,
            (true, _) => 1,
            (false, _) => 0,
        };
        &self.colour[usize::from(shading.double_sided) * 3 + program]
    }

    /// The id pipeline for a primitive: alpha-tested for masked and blended materials.
    pub fn ids(&self, shading: Shading) -> &wgpu::RenderPipeline {
        let tested = shading.alpha != AlphaMode::Opaque;
        &self.ids[usize::from(shading.double_sided) * 2 + usize::from(tested)]
    }
}
