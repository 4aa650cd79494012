//! The bloom passes: the HDR image's bright part at 1/4 size, blurred again at 1/16
//! (`shaders/bloom.wgsl`); the post pass adds both back.

use super::gpu_util::{
    filterable_texture, fullscreen_pipeline, layout_entry, linear_sampler, sampler_entry,
    view_entry,
};
use super::scene_pass::HDR_FORMAT;

/// The two downsampling pipelines and their layout, built once.
pub struct BloomPass {
    layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    bright: wgpu::RenderPipeline,
    blur: wgpu::RenderPipeline,
}

/// One frame slot's bloom levels.
pub struct BloomTargets {
    /// 1/4 size: the bright part.
    pub quarter: wgpu::TextureView,
    /// 1/16 size: blurred again.
    pub sixteenth: wgpu::TextureView,
    bright_group: wgpu::BindGroup,
    blur_group: wgpu::BindGroup,
}

fn level(device: &wgpu::Device, label: &str, width: u32, height: u32) -> wgpu::TextureView {
    device
        .create_texture(&wgpu::TextureDescriptor {
            label: Some(label),
            size: wgpu::Extent3d {
                width: width.max(1),
                height: height.max(1),
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: HDR_FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
            view_formats: &[],
        })
        .create_view(&wgpu::TextureViewDescriptor::default())
}

impl BloomPass {
    /// Compiles `shaders/bloom.wgsl` and builds both pipelines.
    pub fn new(device: &wgpu::Device) -> Self {
        let fragment = wgpu::ShaderStages::FRAGMENT;
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("bloom_pass::layout"),
            entries: &[
                layout_entry(0, fragment, filterable_texture()),
                layout_entry(
                    1,
                    fragment,
                    wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
                ),
            ],
        });
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("bloom_pass::shader"),
            source: wgpu::ShaderSource::Wgsl(super::shader::program("bloom.wgsl").into()),
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("bloom_pass::pipeline_layout"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let pipeline = |entry: &str| {
            fullscreen_pipeline(
                device,
                &format!("bloom_pass::{entry}"),
                (&pipeline_layout, &module),
                ("vs_bloom", entry),
                &[HDR_FORMAT],
            )
        };
        Self {
            bright: pipeline("fs_bright"),
            blur: pipeline("fs_blur"),
            sampler: linear_sampler(device, "bloom_pass::sampler"),
            layout,
        }
    }

    /// A slot's levels for a `width`×`height` image whose HDR radiance is `hdr`.
    pub fn targets(
        &self,
        device: &wgpu::Device,
        name: &str,
        hdr: &wgpu::TextureView,
        (width, height): (u32, u32),
    ) -> BloomTargets {
        let quarter = level(
            device,
            &format!("{name}::bloom_quarter"),
            width / 4,
            height / 4,
        );
        let sixteenth = level(
            device,
            &format!("{name}::bloom_sixteenth"),
            width / 16,
            height / 16,
        );
        let group = |source: &wgpu::TextureView| {
            device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some(&format!("{name}::bloom_group")),
                layout: &self.layout,
                entries: &[view_entry(0, source), sampler_entry(1, &self.sampler)],
            })
        };
        BloomTargets {
            bright_group: group(hdr),
            blur_group: group(&quarter),
            quarter,
            sixteenth,
        }
    }

    /// Fills both levels from the slot's HDR image.
    pub fn encode(&self, encoder: &mut wgpu::CommandEncoder, targets: &BloomTargets) {
        for (pipeline, group, view) in [
            (&self.bright, &targets.bright_group, &targets.quarter),
            (&self.blur, &targets.blur_group, &targets.sixteenth),
        ] {
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("bloom_pass::render_pass"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                        store: wgpu::StoreOp::Store,
                    },
                })],
                ..Default::default()
            });
            pass.set_pipeline(pipeline);
            pass.set_bind_group(0, group, &[]);
            pass.draw(0..3, 0..1);
        }
    }
}
