//! The coverage pipelines: silhouettes drawn into a stencil target, in the frame view and
//! the guard view, single- or double-sided, with or without the alpha test; and the
//! compute pass that counts each instance's visible pixels in the id target.

use super::super::gpu_util::{buffer_binding, layout_entry};
use super::super::scene_pass::Shading;
use super::STENCIL_FORMAT;
use crate::importer::AlphaMode;

fn storage(read_only: bool) -> wgpu::BindingType {
    buffer_binding(wgpu::BufferBindingType::Storage { read_only })
}

/// The coverage pipelines and their layouts.
pub struct CoveragePass {
    /// Group 2 of the draws: the view's mode (dynamic offset), the lens, the boxes.
    pub layout: wgpu::BindGroupLayout,
    /// By index: guard view × 4 + double-sided × 2 + alpha-tested.
    pipelines: Vec<wgpu::RenderPipeline>,
    /// Group 0 of the visible-pixel count: the lens, the id target, the counts.
    pub count_layout: wgpu::BindGroupLayout,
    /// Counts each instance's visible pixels inside the frame.
    pub count: wgpu::ComputePipeline,
}

impl CoveragePass {
    /// Builds the eight pipelines over the id pass's groups 0 (geometry) and 1 (material).
    pub fn new(
        device: &wgpu::Device,
        module: &wgpu::ShaderModule,
        (geometry, material): (&wgpu::BindGroupLayout, &wgpu::BindGroupLayout),
        attributes: &[wgpu::VertexAttribute],
    ) -> Self {
        let fragment = wgpu::ShaderStages::FRAGMENT;
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("coverage::layout"),
            entries: &[
                layout_entry(
                    0,
                    fragment,
                    wgpu::BindingType::Buffer {
                        ty: wgpu::BufferBindingType::Uniform,
                        has_dynamic_offset: true,
                        min_binding_size: None,
                    },
                ),
                layout_entry(1, fragment, storage(true)),
                layout_entry(2, fragment, storage(false)),
            ],
        });
        let layouts = [
            device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some("coverage::opaque_layout"),
                bind_group_layouts: &[Some(geometry), None, Some(&layout)],
                immediate_size: 0,
            }),
            device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some("coverage::tested_layout"),
                bind_group_layouts: &[Some(geometry), Some(material), Some(&layout)],
                immediate_size: 0,
            }),
        ];
        let pipelines = (0..8)
            .map(|index| {
                let (guard, double_sided, tested) = (index >= 4, index % 4 >= 2, index % 2 == 1);
                pipeline(
                    device,
                    (module, &layouts[usize::from(tested)], attributes),
                    (guard, double_sided, tested),
                )
            })
            .collect();
        let (count_layout, count) = count_pipeline(device);
        Self {
            layout,
            pipelines,
            count_layout,
            count,
        }
    }

    /// The pipeline drawing a primitive of `shading` in the frame or the guard view.
    pub fn pick(&self, guard: bool, shading: Shading) -> &wgpu::RenderPipeline {
        let tested = shading.alpha != AlphaMode::Opaque;
        &self.pipelines
            [usize::from(guard) * 4 + usize::from(shading.double_sided) * 2 + usize::from(tested)]
    }
}

fn pipeline(
    device: &wgpu::Device,
    (module, layout, attributes): (
        &wgpu::ShaderModule,
        &wgpu::PipelineLayout,
        &[wgpu::VertexAttribute],
    ),
    (guard, double_sided, tested): (bool, bool, bool),
) -> wgpu::RenderPipeline {
    let stamp = wgpu::StencilFaceState {
        compare: wgpu::CompareFunction::NotEqual,
        fail_op: wgpu::StencilOperation::Keep,
        depth_fail_op: wgpu::StencilOperation::Keep,
        pass_op: wgpu::StencilOperation::Replace,
    };
    let label = format!(
        "coverage::pipeline_{}_{}{}",
        if guard { "guard" } else { "frame" },
        if double_sided {
            "double_sided"
        } else {
            "culled"
        },
        if tested { "_alpha_tested" } else { "" }
    );
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some(&label),
        layout: Some(layout),
        vertex: wgpu::VertexState {
            module,
            entry_point: Some(if guard { "vs_cover_guard" } else { "vs_cover" }),
            compilation_options: Default::default(),
            buffers: &[Some(wgpu::VertexBufferLayout {
                array_stride: std::mem::size_of::<crate::importer::Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes,
            })],
        },
        primitive: wgpu::PrimitiveState {
            topology: wgpu::PrimitiveTopology::TriangleList,
            front_face: wgpu::FrontFace::Ccw,
            // As the id pass: single-sided materials cull back faces.
            cull_mode: (!double_sided).then_some(wgpu::Face::Back),
            ..Default::default()
        },
        depth_stencil: Some(wgpu::DepthStencilState {
            format: STENCIL_FORMAT,
            depth_write_enabled: Some(false),
            depth_compare: Some(wgpu::CompareFunction::Always),
            stencil: wgpu::StencilState {
                front: stamp,
                back: stamp,
                read_mask: 0xff,
                write_mask: 0xff,
            },
            bias: Default::default(),
        }),
        multisample: wgpu::MultisampleState::default(),
        fragment: Some(wgpu::FragmentState {
            module,
            entry_point: Some(if tested {
                "fs_cover_tested"
            } else {
                "fs_cover"
            }),
            compilation_options: Default::default(),
            targets: &[],
        }),
        multiview_mask: None,
        cache: None,
    })
}

fn count_pipeline(device: &wgpu::Device) -> (wgpu::BindGroupLayout, wgpu::ComputePipeline) {
    let compute = wgpu::ShaderStages::COMPUTE;
    let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("coverage::count_layout"),
        entries: &[
            layout_entry(0, compute, storage(true)),
            layout_entry(
                1,
                compute,
                wgpu::BindingType::Texture {
                    sample_type: wgpu::TextureSampleType::Uint,
                    view_dimension: wgpu::TextureViewDimension::D2,
                    multisampled: false,
                },
            ),
            layout_entry(2, compute, storage(false)),
        ],
    });
    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some("coverage::count_module"),
        source: wgpu::ShaderSource::Wgsl(
            super::super::shader::program("coverage_count.wgsl").into(),
        ),
    });
    let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some("coverage::count_pipeline_layout"),
        bind_group_layouts: &[Some(&layout)],
        immediate_size: 0,
    });
    let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
        label: Some("coverage::count"),
        layout: Some(&pipeline_layout),
        module: &module,
        entry_point: Some("cs_count"),
        compilation_options: Default::default(),
        cache: None,
    });
    (layout, pipeline)
}
