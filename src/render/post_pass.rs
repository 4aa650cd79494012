//! The post pass: the camera's lens and sensor applied to the rendered scene, producing
//! the final 8-bit colour and the distorted id target (`shaders/post.wgsl`).

use super::gpu_util::{
    buffer_binding, buffer_entry, fullscreen_pipeline, layout_entry, linear_sampler, sampler_entry,
    view_entry,
};
use super::lens::{Intrinsics, distorts, render_zoom};
use super::scene_pass::{COLOR_FORMAT, ID_FORMAT, NORMAL_FORMAT, SURFACE_DEPTH_FORMAT};
use crate::frame::{FrameData, ToneMapping};

/// Laid out as `PostUniforms` in `shaders/post.wgsl`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct PostUniforms {
    /// Width, height, zoom of the undistorted render, unused.
    pub size_zoom: [f32; 4],
    /// fx, fy, cx, cy, pixels.
    pub intrinsics: [f32; 4],
    /// k1, k2, p1, p2.
    pub distortion: [f32; 4],
    /// Vignetting, chromatic aberration (px), read noise, shot-noise gain.
    pub sensor: [f32; 4],
    /// Rain and snow amounts (0..1), particle brightness, bloom strength.
    pub particles: [f32; 4],
    /// Noise seed, tone mapping (0 ACES, 1 clip), distortion on, unused.
    pub flags: [u32; 4],
}

/// Amount 0..1 of falling particles drawn for a precipitation rate in mm/h.
fn precipitation(mm_per_h: f32) -> f32 {
    1.0 - (-mm_per_h.max(0.0) / 8.0).exp()
}

impl PostUniforms {
    /// The post pass settings for `frame`, whose pinhole intrinsics are `k`.
    pub fn new(frame: &FrameData, k: Intrinsics) -> Self {
        let (w, h) = (frame.width, frame.height);
        let lens = &frame.lens;
        let light = &frame.light;
        // Particles catch the sky's light and the sun's.
        let brightness = (light.sky_color.dot(glam::Vec3::splat(1.0 / 3.0))
            + 0.2 * light.sun_color.dot(glam::Vec3::splat(1.0 / 3.0)))
            * light.exposure;
        Self {
            size_zoom: [w as f32, h as f32, render_zoom(lens, k, w, h), 0.0],
            intrinsics: [k.focal.x, k.focal.y, k.centre.x, k.centre.y],
            distortion: [lens.k1, lens.k2, lens.p1, lens.p2],
            sensor: [
                lens.vignetting,
                lens.chromatic_aberration_px,
                lens.read_noise,
                lens.shot_noise,
            ],
            particles: [
                precipitation(frame.weather.rain_mm_per_h),
                precipitation(frame.weather.snow_mm_per_h * 4.0),
                brightness.max(0.02),
                lens.bloom,
            ],
            flags: [
                frame.noise_seed,
                u32::from(lens.tone_mapping == ToneMapping::Clip),
                u32::from(distorts(lens)),
                0,
            ],
        }
    }

    /// Zoom of the undistorted render about the image centre (1 without distortion).
    pub fn zoom(&self) -> f32 {
        self.size_zoom[2]
    }
}

/// The post pipeline, its layout and sampler, built once.
pub struct PostPass {
    layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    /// The pipeline.
    pub pipeline: wgpu::RenderPipeline,
}

impl PostPass {
    /// Compiles `shaders/post.wgsl` and builds the pipeline.
    pub fn new(device: &wgpu::Device) -> Self {
        let fragment = wgpu::ShaderStages::FRAGMENT;
        let texture = |sample_type| wgpu::BindingType::Texture {
            sample_type,
            view_dimension: wgpu::TextureViewDimension::D2,
            multisampled: false,
        };
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("post_pass::layout"),
            entries: &[
                layout_entry(
                    0,
                    fragment,
                    buffer_binding(wgpu::BufferBindingType::Storage { read_only: true }),
                ),
                layout_entry(
                    1,
                    fragment,
                    texture(wgpu::TextureSampleType::Float { filterable: true }),
                ),
                layout_entry(
                    2,
                    fragment,
                    wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
                ),
                layout_entry(3, fragment, texture(wgpu::TextureSampleType::Uint)),
                layout_entry(
                    4,
                    fragment,
                    texture(wgpu::TextureSampleType::Float { filterable: true }),
                ),
                layout_entry(
                    5,
                    fragment,
                    texture(wgpu::TextureSampleType::Float { filterable: true }),
                ),
                layout_entry(
                    6,
                    fragment,
                    texture(wgpu::TextureSampleType::Float { filterable: false }),
                ),
                layout_entry(
                    7,
                    fragment,
                    texture(wgpu::TextureSampleType::Float { filterable: true }),
                ),
            ],
        });
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("post_pass::shader"),
            source: wgpu::ShaderSource::Wgsl(super::shader::program("post.wgsl").into()),
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("post_pass::pipeline_layout"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let pipeline = fullscreen_pipeline(
            device,
            "post_pass::pipeline",
            (&pipeline_layout, &module),
            ("vs_post", "fs_post"),
            &[COLOR_FORMAT, ID_FORMAT, SURFACE_DEPTH_FORMAT, NORMAL_FORMAT],
        );
        let sampler = linear_sampler(device, "post_pass::sampler");
        Self {
            layout,
            sampler,
            pipeline,
        }
    }

    /// The bind group for one frame slot's uniforms and scene targets: the HDR image and
    /// its two bloom levels, the ids, the surface depth and normal.
    pub fn bind_group(
        &self,
        device: &wgpu::Device,
        name: &str,
        uniforms: &wgpu::Buffer,
        [hdr, quarter, sixteenth]: [&wgpu::TextureView; 3],
        [ids, depth, normal]: [&wgpu::TextureView; 3],
    ) -> wgpu::BindGroup {
        device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some(&format!("{name}::post_bind_group")),
            layout: &self.layout,
            entries: &[
                buffer_entry(0, uniforms),
                view_entry(1, hdr),
                sampler_entry(2, &self.sampler),
                view_entry(3, ids),
                view_entry(4, quarter),
                view_entry(5, sixteenth),
                view_entry(6, depth),
                view_entry(7, normal),
            ],
        })
    }
}
