//! One frame slot's coverage resources: the stencil target, the per-view mode uniforms,
//! the amodal boxes and visible counts (storage), the occlusion queries and the buffer
//! they all come back in.

use super::super::gpu_util::{buffer_entry, view_entry};
use super::pipelines::CoveragePass;
use super::{MODE_STRIDE, MODES, STENCIL_FORMAT};

/// What the coverage bind groups bind besides the slot's own buffers.
pub struct Inputs<'a> {
    /// The post pass's uniforms (the lens).
    pub post_uniforms: &'a wgpu::Buffer,
    /// The id pass's target.
    pub ids: &'a wgpu::TextureView,
}

/// A slot's coverage resources.
pub struct CoverageTargets {
    /// Stencil: one reference per object.
    pub stencil: wgpu::TextureView,
    modes: wgpu::Buffer,
    /// Per instance id: min x, min y, max x, max y.
    pub boxes: wgpu::Buffer,
    /// Per instance id: visible pixels inside the frame.
    pub visible: wgpu::Buffer,
    /// Occlusion queries: frame view per object, then guard view inside and outside per
    /// object near the edge.
    pub queries: wgpu::QuerySet,
    /// Where the queries resolve.
    pub resolve: wgpu::Buffer,
    /// Queries, boxes and visible counts, for reading.
    pub readback: wgpu::Buffer,
    /// Group 2 of the draws.
    pub bind_group: wgpu::BindGroup,
    /// Group 0 of the count.
    pub count_bind_group: wgpu::BindGroup,
    /// Queries the set holds.
    queries_held: u64,
    /// Instance ids the boxes and counts hold (0..ids).
    ids_held: u64,
    name: String,
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

/// The resources whose size follows the frame's objects.
struct Sized {
    queries: wgpu::QuerySet,
    resolve: wgpu::Buffer,
    readback: wgpu::Buffer,
    boxes: wgpu::Buffer,
    visible: wgpu::Buffer,
}

fn sized(device: &wgpu::Device, name: &str, queries: u64, ids: u64) -> Sized {
    let storage =
        wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC | wgpu::BufferUsages::COPY_DST;
    Sized {
        queries: device.create_query_set(&wgpu::QuerySetDescriptor {
            label: Some(&format!("{name}::coverage_queries")),
            ty: wgpu::QueryType::Occlusion,
            count: queries as u32,
        }),
        resolve: buffer(
            device,
            &format!("{name}::coverage_resolve"),
            queries * 8,
            wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
        ),
        readback: buffer(
            device,
            &format!("{name}::coverage_readback"),
            queries * 8 + ids * 20,
            wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        ),
        boxes: buffer(
            device,
            &format!("{name}::coverage_boxes"),
            ids * 16,
            storage,
        ),
        visible: buffer(
            device,
            &format!("{name}::coverage_visible"),
            ids * 4,
            storage,
        ),
    }
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
            MODE_STRIDE * MODES,
            wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
        );
        let (queries_held, ids_held) = (256, 256);
        let s = sized(device, name, queries_held, ids_held);
        let (bind_group, count_bind_group) = bind_groups(device, pass, name, (&modes, &s), &inputs);
        Self {
            stencil: stencil.create_view(&Default::default()),
            modes,
            boxes: s.boxes,
            visible: s.visible,
            queries: s.queries,
            resolve: s.resolve,
            readback: s.readback,
            bind_group,
            count_bind_group,
            queries_held,
            ids_held,
            name: name.to_owned(),
        }
    }

    /// Makes room for `queries` queries and instance ids below `ids`, and writes the
    /// modes, empty boxes and zero counts.
    pub fn prepare(
        &mut self,
        (device, queue): (&wgpu::Device, &wgpu::Queue),
        pass: &CoveragePass,
        (queries, ids): (usize, usize),
        inputs: Inputs,
    ) {
        let (queries, ids) = (queries as u64, ids as u64);
        if queries > self.queries_held || ids > self.ids_held {
            self.queries_held = self.queries_held.max(queries.next_power_of_two());
            self.ids_held = self.ids_held.max(ids.next_power_of_two());
            let s = sized(device, &self.name, self.queries_held, self.ids_held);
            (self.bind_group, self.count_bind_group) =
                bind_groups(device, pass, &self.name, (&self.modes, &s), &inputs);
            (
                self.queries,
                self.resolve,
                self.readback,
                self.boxes,
                self.visible,
            ) = (s.queries, s.resolve, s.readback, s.boxes, s.visible);
        }
        let mut modes = vec![0u8; (MODE_STRIDE * MODES) as usize];
        for mode in 0..MODES as usize {
            modes[mode * MODE_STRIDE as usize] = mode as u8;
        }
        queue.write_buffer(&self.modes, 0, &modes);
        if ids > 0 {
            let empty: Vec<u32> = (0..ids).flat_map(|_| [u32::MAX, u32::MAX, 0, 0]).collect();
            queue.write_buffer(&self.boxes, 0, bytemuck::cast_slice(&empty));
            queue.write_buffer(&self.visible, 0, &vec![0u8; ids as usize * 4]);
        }
    }
}

fn bind_groups(
    device: &wgpu::Device,
    pass: &CoveragePass,
    name: &str,
    (modes, s): (&wgpu::Buffer, &Sized),
    inputs: &Inputs,
) -> (wgpu::BindGroup, wgpu::BindGroup) {
    let draws = device.create_bind_group(&wgpu::BindGroupDescriptor {
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
            buffer_entry(2, &s.boxes),
        ],
    });
    let count = device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(&format!("{name}::coverage_count_bind_group")),
        layout: &pass.count_layout,
        entries: &[
            buffer_entry(0, inputs.post_uniforms),
            view_entry(1, inputs.ids),
            buffer_entry(2, &s.visible),
        ],
    });
    (draws, count)
}
