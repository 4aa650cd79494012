//! The coverage pass: each labelled object's unoccluded silhouette, counted on the GPU.
//!
//! After the id pass, every labelled object is drawn alone into a stencil target with
//! occlusion queries (shaders/coverage.wgsl). The stencil reference is the object's own,
//! so a pixel its triangles cover several times counts once. Per object four counts come
//! back: its visible pixels and its hidden in-frame pixels, in the id pass's own raster
//! (so an unoccluded object's counts equal its id pixels exactly), and its silhouette
//! inside and outside the frame in a guard view [`GUARD`] times wider and taller. With
//! them comes its amodal box in final image pixels. Labels turn these into the visible
//! fraction, the truncation and the amodal box (`labels::geometry`).

use super::draw_list::ObjectRuns;
use super::gpu_util::{buffer_binding, buffer_entry, layout_entry, view_entry};
use super::passes::{Scene, draw_runs};
use super::scene_pass::Shading;
use crate::frame::ObjectCoverage;
use crate::importer::AlphaMode;

/// How many times the frame's width and height the guard view sees (coverage.wgsl GUARD).
pub const GUARD: f32 = 3.0;
/// Stencil target format.
const STENCIL_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Stencil8;
/// Objects per stencil clear: references 1..=255.
const PER_PASS: usize = 255;
/// Stride of the per-draw mode uniforms (the dynamic-offset alignment every device meets).
const MODE_STRIDE: u64 = 256;
/// Draws per object: visible and hidden (frame view), inside and outside (guard view).
const QUERIES_PER_OBJECT: u64 = 4;

/// The coverage pipelines and their group 2 layout.
pub struct CoveragePass {
    /// Group 2: the draw's mode (dynamic offset), the lens, the id target, the boxes.
    pub layout: wgpu::BindGroupLayout,
    /// By index: guard view × 4 + double-sided × 2 + alpha-tested.
    pipelines: Vec<wgpu::RenderPipeline>,
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
                layout_entry(
                    1,
                    fragment,
                    buffer_binding(wgpu::BufferBindingType::Uniform),
                ),
                layout_entry(
                    2,
                    fragment,
                    wgpu::BindingType::Texture {
                        sample_type: wgpu::TextureSampleType::Uint,
                        view_dimension: wgpu::TextureViewDimension::D2,
                        multisampled: false,
                    },
                ),
                layout_entry(
                    3,
                    fragment,
                    buffer_binding(wgpu::BufferBindingType::Storage { read_only: false }),
                ),
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
        Self { layout, pipelines }
    }

    fn pick(&self, guard: bool, shading: Shading) -> &wgpu::RenderPipeline {
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

/// One frame slot's coverage resources.
pub struct CoverageTargets {
    stencil: wgpu::TextureView,
    modes: wgpu::Buffer,
    boxes: wgpu::Buffer,
    queries: wgpu::QuerySet,
    resolve: wgpu::Buffer,
    readback: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
    /// Objects the query set holds.
    objects: u64,
    /// Instance ids the boxes hold (0..ids).
    ids: u64,
    name: String,
}

/// What the coverage bind group binds besides the boxes.
pub struct Inputs<'a> {
    /// The post pass's uniforms (the lens).
    pub post_uniforms: &'a wgpu::Buffer,
    /// The id pass's target.
    pub ids: &'a wgpu::TextureView,
}

fn buffer(
    device: &wgpu::Device,
    label: &str,
    size: u64,
    usage: wgpu::BufferUsages,
) -> wgpu::Buffer {
    device.create_buffer(&wgpu::BufferDescriptor {
        label: Some(label),
        size: size.max(16),
        usage,
        mapped_at_creation: false,
    })
}

impl CoverageTargets {
    /// Allocates a slot's targets for `width`×`height` frames.
    pub fn new(
        device: &wgpu::Device,
        pass: &CoveragePass,
        name: &str,
        (width, height): (u32, u32),
        inputs: Inputs,
    ) -> Self {
        let stencil = device.create_texture(&wgpu::TextureDescriptor {
            label: Some(&format!("{name}::coverage_stencil")),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: STENCIL_FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
            view_formats: &[],
        });
        let modes = buffer(
            device,
            &format!("{name}::coverage_modes"),
            MODE_STRIDE * QUERIES_PER_OBJECT,
            wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
        );
        let (objects, ids) = (64, 256);
        let (queries, resolve, readback, boxes) = sized(device, name, objects, ids);
        let bind_group = bind_group(device, pass, name, (&modes, &boxes), &inputs);
        Self {
            stencil: stencil.create_view(&Default::default()),
            modes,
            boxes,
            queries,
            resolve,
            readback,
            bind_group,
            objects,
            ids,
            name: name.to_owned(),
        }
    }

    /// Makes room for `objects` objects with instance ids below `ids`, and writes the
    /// frame's modes and empty boxes.
    pub fn prepare(
        &mut self,
        (device, queue): (&wgpu::Device, &wgpu::Queue),
        pass: &CoveragePass,
        (objects, ids): (usize, usize),
        inputs: Inputs,
    ) {
        let (objects, ids) = (objects as u64, ids as u64);
        if objects > self.objects || ids > self.ids {
            self.objects = self.objects.max(objects.next_power_of_two());
            self.ids = self.ids.max(ids.next_power_of_two());
            let (queries, resolve, readback, boxes) =
                sized(device, &self.name, self.objects, self.ids);
            self.bind_group = bind_group(device, pass, &self.name, (&self.modes, &boxes), &inputs);
            (self.queries, self.resolve, self.readback, self.boxes) =
                (queries, resolve, readback, boxes);
        }
        let mut modes = vec![0u8; (MODE_STRIDE * QUERIES_PER_OBJECT) as usize];
        for mode in 0..QUERIES_PER_OBJECT as usize {
            modes[mode * MODE_STRIDE as usize] = mode as u8;
        }
        queue.write_buffer(&self.modes, 0, &modes);
        let empty: Vec<u32> = (0..ids).flat_map(|_| [u32::MAX, u32::MAX, 0, 0]).collect();
        if !empty.is_empty() {
            queue.write_buffer(&self.boxes, 0, bytemuck::cast_slice(&empty));
        }
    }

    /// The buffer read back (query counts, then boxes).
    pub fn readback(&self) -> &wgpu::Buffer {
        &self.readback
    }
}

fn sized(
    device: &wgpu::Device,
    name: &str,
    objects: u64,
    ids: u64,
) -> (wgpu::QuerySet, wgpu::Buffer, wgpu::Buffer, wgpu::Buffer) {
    let count = objects * QUERIES_PER_OBJECT;
    let queries = device.create_query_set(&wgpu::QuerySetDescriptor {
        label: Some(&format!("{name}::coverage_queries")),
        ty: wgpu::QueryType::Occlusion,
        count: count as u32,
    });
    let resolve = buffer(
        device,
        &format!("{name}::coverage_resolve"),
        count * 8,
        wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
    );
    let readback = buffer(
        device,
        &format!("{name}::coverage_readback"),
        count * 8 + ids * 16,
        wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
    );
    let boxes = buffer(
        device,
        &format!("{name}::coverage_boxes"),
        ids * 16,
        wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC | wgpu::BufferUsages::COPY_DST,
    );
    (queries, resolve, readback, boxes)
}

fn bind_group(
    device: &wgpu::Device,
    pass: &CoveragePass,
    name: &str,
    (modes, boxes): (&wgpu::Buffer, &wgpu::Buffer),
    inputs: &Inputs,
) -> wgpu::BindGroup {
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(&format!("{name}::coverage_bind_group")),
        layout: &pass.layout,
        entries: &[
            wgpu::BindGroupEntry {
                binding: 0,
                resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                    buffer: modes,
                    offset: 0,
                    size: wgpu::BufferSize::new(16),
                }),
            },
            buffer_entry(1, inputs.post_uniforms),
            view_entry(2, inputs.ids),
            buffer_entry(3, boxes),
        ],
    })
}

/// Encodes the frame view and guard view draws of `objects`, then copies the counts and
/// boxes into the readback buffer. Nothing when there are no objects.
pub fn encode(
    encoder: &mut wgpu::CommandEncoder,
    scene: &Scene,
    (pass, targets): (&CoveragePass, &CoverageTargets),
    objects: &[ObjectRuns],
    ids: usize,
) {
    if objects.is_empty() {
        return;
    }
    let n = objects.len() as u64;
    for guard in [false, true] {
        for (chunk, group) in objects.chunks(PER_PASS).enumerate() {
            let mut render = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("coverage::render_pass"),
                color_attachments: &[],
                depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                    view: &targets.stencil,
                    depth_ops: None,
                    stencil_ops: Some(wgpu::Operations {
                        load: wgpu::LoadOp::Clear(0),
                        store: wgpu::StoreOp::Discard,
                    }),
                }),
                occlusion_query_set: Some(&targets.queries),
                ..Default::default()
            });
            render.set_bind_group(0, &scene.slot.geometry_bind_group, &[]);
            for (k, object) in group.iter().enumerate() {
                let j = (chunk * PER_PASS + k) as u64;
                render.set_stencil_reference(k as u32 + 1);
                for step in 0..2u64 {
                    let mode = u64::from(guard) * 2 + step;
                    render.set_bind_group(2, &targets.bind_group, &[(mode * MODE_STRIDE) as u32]);
                    render.begin_occlusion_query((u64::from(guard) * 2 * n + 2 * j + step) as u32);
                    draw_runs(
                        &mut render,
                        scene,
                        &object.runs,
                        |shading| pass.pick(guard, shading),
                        |shading| shading.alpha != AlphaMode::Opaque,
                    );
                    render.end_occlusion_query();
                }
            }
        }
    }
    let count = n * QUERIES_PER_OBJECT;
    encoder.resolve_query_set(&targets.queries, 0..count as u32, &targets.resolve, 0);
    encoder.copy_buffer_to_buffer(&targets.resolve, 0, &targets.readback, 0, count * 8);
    let box_bytes = ids as u64 * 16;
    if box_bytes > 0 {
        encoder.copy_buffer_to_buffer(&targets.boxes, 0, &targets.readback, count * 8, box_bytes);
    }
}

/// Turns the mapped readback `bytes` into one record per object of `instance_ids`.
pub fn read(bytes: &[u8], instance_ids: &[u16]) -> Vec<ObjectCoverage> {
    let n = instance_ids.len();
    let count = |q: usize| -> u64 {
        let at = q * 8;
        bytes
            .get(at..at + 8)
            .map_or(0, |b| u64::from_ne_bytes(b.try_into().unwrap_or([0; 8])))
    };
    let word = |w: usize| -> u32 {
        let at = n * QUERIES_PER_OBJECT as usize * 8 + w * 4;
        bytes
            .get(at..at + 4)
            .map_or(0, |b| u32::from_ne_bytes(b.try_into().unwrap_or([0; 4])))
    };
    instance_ids
        .iter()
        .enumerate()
        .map(|(j, &id)| {
            let b = usize::from(id) * 4;
            let [x0, y0, x1, y1] = [word(b), word(b + 1), word(b + 2), word(b + 3)];
            ObjectCoverage {
                instance_id: id,
                visible: count(2 * j),
                hidden: count(2 * j + 1),
                guard_inside: count(2 * n + 2 * j),
                guard_outside: count(2 * n + 2 * j + 1),
                amodal_box: (x0 <= x1 && y0 <= y1).then_some([x0, y0, x1, y1]),
            }
        })
        .collect()
}
