//! One frame in flight: its render targets, per-frame buffers and readback buffers.

use super::readback::PaddedLayout;
use super::scene_pass::{
    COLOR_FORMAT, DEPTH_FORMAT, FrameUniforms, ID_FORMAT, InstanceData, ScenePass,
};

/// Resources for one frame in flight. The renderer rotates through several.
pub struct FrameSlot {
    /// Colour target.
    pub color: wgpu::Texture,
    /// Packed id target.
    pub ids: wgpu::Texture,
    /// Depth target view.
    pub depth_view: wgpu::TextureView,
    /// Colour target view.
    pub color_view: wgpu::TextureView,
    /// Id target view.
    pub ids_view: wgpu::TextureView,
    /// Receives the colour copy.
    pub color_readback: wgpu::Buffer,
    /// Receives the id copy.
    pub ids_readback: wgpu::Buffer,
    /// Row layout of both copies (both formats are 4 bytes per texel).
    pub layout: PaddedLayout,
    /// Frame uniforms.
    pub uniforms: wgpu::Buffer,
    /// Instance storage; grows when a frame needs more.
    pub instances: wgpu::Buffer,
    /// Capacity of `instances`, in records.
    pub instance_capacity: usize,
    /// Group 0 bind group over `uniforms` and `instances`.
    pub bind_group: wgpu::BindGroup,
    /// Slot number, for labels.
    pub number: usize,
}

fn target(
    device: &wgpu::Device,
    label: &str,
    format: wgpu::TextureFormat,
    w: u32,
    h: u32,
) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    })
}

fn readback_buffer(device: &wgpu::Device, label: &str, size: u64) -> wgpu::Buffer {
    device.create_buffer(&wgpu::BufferDescriptor {
        label: Some(label),
        size,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    })
}

impl FrameSlot {
    /// Allocates slot `number` for `width`×`height` frames.
    pub fn new(
        device: &wgpu::Device,
        pass: &ScenePass,
        number: usize,
        width: u32,
        height: u32,
    ) -> Self {
        let name = format!("frame_slot{number}");
        let color = target(
            device,
            &format!("{name}::color"),
            COLOR_FORMAT,
            width,
            height,
        );
        let ids = target(device, &format!("{name}::ids"), ID_FORMAT, width, height);
        let depth = target(
            device,
            &format!("{name}::depth"),
            DEPTH_FORMAT,
            width,
            height,
        );
        let layout = PaddedLayout::new(width, height, 4);
        let uniforms = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some(&format!("{name}::uniforms")),
            size: std::mem::size_of::<FrameUniforms>() as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let capacity = 256;
        let instances = instance_buffer(device, &name, capacity);
        let bind_group = frame_bind_group(device, pass, &name, &uniforms, &instances);
        Self {
            color_view: view(&color, &format!("{name}::color_view")),
            ids_view: view(&ids, &format!("{name}::ids_view")),
            depth_view: view(&depth, &format!("{name}::depth_view")),
            color,
            ids,
            color_readback: readback_buffer(
                device,
                &format!("{name}::color_readback"),
                layout.buffer_size(),
            ),
            ids_readback: readback_buffer(
                device,
                &format!("{name}::ids_readback"),
                layout.buffer_size(),
            ),
            layout,
            uniforms,
            instances,
            instance_capacity: capacity,
            bind_group,
            number,
        }
    }

    /// Makes sure `needed` instance records fit, reallocating (and rebinding) if not.
    pub fn reserve_instances(&mut self, device: &wgpu::Device, pass: &ScenePass, needed: usize) {
        if needed <= self.instance_capacity {
            return;
        }
        let name = format!("frame_slot{}", self.number);
        self.instance_capacity = needed.next_power_of_two();
        self.instances = instance_buffer(device, &name, self.instance_capacity);
        self.bind_group = frame_bind_group(device, pass, &name, &self.uniforms, &self.instances);
    }
}

fn view(texture: &wgpu::Texture, label: &str) -> wgpu::TextureView {
    texture.create_view(&wgpu::TextureViewDescriptor {
        label: Some(label),
        ..Default::default()
    })
}

fn instance_buffer(device: &wgpu::Device, name: &str, capacity: usize) -> wgpu::Buffer {
    device.create_buffer(&wgpu::BufferDescriptor {
        label: Some(&format!("{name}::instances")),
        size: (capacity * std::mem::size_of::<InstanceData>()) as u64,
        usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    })
}

fn frame_bind_group(
    device: &wgpu::Device,
    pass: &ScenePass,
    name: &str,
    uniforms: &wgpu::Buffer,
    instances: &wgpu::Buffer,
) -> wgpu::BindGroup {
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(&format!("{name}::frame_bind_group")),
        layout: &pass.frame_layout,
        entries: &[
            wgpu::BindGroupEntry {
                binding: 0,
                resource: uniforms.as_entire_binding(),
            },
            wgpu::BindGroupEntry {
                binding: 1,
                resource: instances.as_entire_binding(),
            },
        ],
    })
}
