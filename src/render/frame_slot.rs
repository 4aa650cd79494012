//! One frame in flight: its render targets, per-frame buffers and readback buffers.

use super::bloom_pass::{BloomPass, BloomTargets};
use super::coverage::{self, CoverageTargets};
use super::gpu_types::{FrameUniforms, InstanceData};
use super::gpu_util::{buffer_entry, sampler_entry, view_entry};
use super::light_bins::GpuLight;
use super::post_pass::{PostPass, PostUniforms};
use super::readback::PaddedLayout;
use super::scene_pass::{
    COLOR_FORMAT, DEPTH_FORMAT, HDR_FORMAT, ID_FORMAT, MSAA_SAMPLES, NORMAL_FORMAT,
    SURFACE_DEPTH_FORMAT, ScenePass,
};
use super::sky_map;

/// A storage buffer that grows (by powers of two) when a frame needs more.
pub struct Growable {
    /// The buffer.
    pub buffer: wgpu::Buffer,
    /// Capacity, bytes.
    pub capacity: u64,
}

impl Growable {
    fn new(device: &wgpu::Device, label: &str, capacity: u64) -> Self {
        Self {
            buffer: device.create_buffer(&wgpu::BufferDescriptor {
                label: Some(label),
                size: capacity,
                usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            }),
            capacity,
        }
    }

    /// Makes room for `bytes`; true when the buffer was replaced.
    fn reserve(&mut self, device: &wgpu::Device, label: &str, bytes: u64) -> bool {
        if bytes <= self.capacity {
            return false;
        }
        *self = Self::new(device, label, bytes.next_power_of_two());
        true
    }
}

/// Resources for one frame in flight. The renderer rotates through several.
pub struct FrameSlot {
    /// Id pass: packed ids of the undistorted image.
    pub ids_view: wgpu::TextureView,
    /// Id pass depth.
    pub ids_depth_view: wgpu::TextureView,
    /// The id pass's surface depth (m along the camera's axis, 0 = sky).
    pub surface_depth_view: wgpu::TextureView,
    /// The final (distorted) surface depth, and its view.
    pub final_depth: wgpu::Texture,
    /// View of [`FrameSlot::final_depth`].
    pub final_depth_view: wgpu::TextureView,
    /// Where the final depth is copied for reading.
    pub depth_readback: wgpu::Buffer,
    /// The id pass's surface normal (encoded, camera frame).
    pub surface_normal_view: wgpu::TextureView,
    /// The final (distorted) surface normal.
    pub final_normal: wgpu::Texture,
    /// View of [`FrameSlot::final_normal`].
    pub final_normal_view: wgpu::TextureView,
    /// Where the final normal is copied for reading.
    pub normal_readback: wgpu::Buffer,
    /// Colour pass: multisampled HDR radiance.
    pub hdr_ms_view: wgpu::TextureView,
    /// Colour pass: multisampled depth.
    pub depth_ms_view: wgpu::TextureView,
    /// The resolved HDR radiance the post pass reads.
    pub hdr_view: wgpu::TextureView,
    /// Final colour (post pass output).
    pub color: wgpu::Texture,
    /// Final colour view.
    pub color_view: wgpu::TextureView,
    /// Final ids, distorted like the colour (post pass output).
    pub final_ids: wgpu::Texture,
    /// Final ids view.
    pub final_ids_view: wgpu::TextureView,
    /// Receives the colour copy.
    pub color_readback: wgpu::Buffer,
    /// Receives the id copy.
    pub ids_readback: wgpu::Buffer,
    /// Row layout of both copies (both formats are 4 bytes per texel).
    pub layout: PaddedLayout,
    /// Frame uniforms.
    pub uniforms: wgpu::Buffer,
    /// Instance records.
    pub instances: Growable,
    /// Lights, their tile ranges and index lists.
    pub lights: [Growable; 3],
    /// The baked sky map.
    pub sky_map: wgpu::Texture,
    sky_view: wgpu::TextureView,
    /// Group 0 bind group over the buffers above.
    pub bind_group: wgpu::BindGroup,
    /// Group 0 of the id and shadow passes: uniforms and instances.
    pub geometry_bind_group: wgpu::BindGroup,
    /// Post pass uniforms.
    pub post_uniforms: wgpu::Buffer,
    /// Post pass bind group.
    pub post_bind_group: wgpu::BindGroup,
    /// Bloom levels.
    pub bloom: BloomTargets,
    /// The coverage pass's targets.
    pub coverage: CoverageTargets,
    /// Slot number, for labels.
    pub number: usize,
}

fn target(
    device: &wgpu::Device,
    label: &str,
    format: wgpu::TextureFormat,
    (width, height, samples): (u32, u32, u32),
    usage: wgpu::TextureUsages,
) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: samples,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | usage,
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

fn view(texture: &wgpu::Texture) -> wgpu::TextureView {
    texture.create_view(&wgpu::TextureViewDescriptor::default())
}

const INITIAL_INSTANCES: u64 = 256;
const INITIAL_LIGHT_BYTES: u64 = 4096;

impl FrameSlot {
    /// Allocates slot `number` for `width`×`height` frames.
    pub fn new(
        device: &wgpu::Device,
        (pass, post, bloom): (&ScenePass, &PostPass, &BloomPass),
        number: usize,
        (width, height): (u32, u32),
    ) -> Self {
        let name = format!("frame_slot{number}");
        let single = (width, height, 1);
        let multi = (width, height, MSAA_SAMPLES);
        let none = wgpu::TextureUsages::empty();
        let sampled = wgpu::TextureUsages::TEXTURE_BINDING;
        let copied = wgpu::TextureUsages::COPY_SRC;
        let tex = |what: &str, format, size, usage| {
            target(device, &format!("{name}::{what}"), format, size, usage)
        };
        let ids = tex("ids", ID_FORMAT, single, sampled);
        let hdr = tex("hdr", HDR_FORMAT, single, sampled);
        let color = tex("color", COLOR_FORMAT, single, copied);
        let final_ids = tex("final_ids", ID_FORMAT, single, copied);
        let surface_depth = tex("surface_depth", SURFACE_DEPTH_FORMAT, single, sampled);
        let final_depth = tex("final_depth", SURFACE_DEPTH_FORMAT, single, copied);
        let surface_normal = tex("surface_normal", NORMAL_FORMAT, single, sampled);
        let final_normal = tex("final_normal", NORMAL_FORMAT, single, copied);
        let layout = PaddedLayout::new(width, height, 4);
        let uniforms = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some(&format!("{name}::uniforms")),
            size: std::mem::size_of::<FrameUniforms>() as u64,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let record = std::mem::size_of::<InstanceData>() as u64;
        let instances = Growable::new(
            device,
            &format!("{name}::instances"),
            INITIAL_INSTANCES * record,
        );
        let lights = ["lights", "light_tiles", "light_indices"]
            .map(|what| Growable::new(device, &format!("{name}::{what}"), INITIAL_LIGHT_BYTES));
        let sky_map = tex(
            "sky_map",
            HDR_FORMAT,
            (sky_map::WIDTH, sky_map::HEIGHT, 1),
            sampled | wgpu::TextureUsages::COPY_DST,
        );
        let sky_view = view(&sky_map);
        let bound = Bound {
            uniforms: &uniforms,
            instances: &instances,
            lights: &lights,
            sky: &sky_view,
        };
        let bind_group = frame_bind_group(device, pass, &name, bound);
        let geometry_bind_group = geometry_bind_group(device, pass, &name, &uniforms, &instances);
        let post_uniforms = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some(&format!("{name}::post_uniforms")),
            size: std::mem::size_of::<PostUniforms>() as u64,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let hdr_view = view(&hdr);
        let ids_view = view(&ids);
        let surface_depth_view = view(&surface_depth);
        let surface_normal_view = view(&surface_normal);
        let bloom = bloom.targets(device, &name, &hdr_view, (width, height));
        let post_bind_group = post.bind_group(
            device,
            &name,
            &post_uniforms,
            [&hdr_view, &bloom.quarter, &bloom.sixteenth],
            [&ids_view, &surface_depth_view, &surface_normal_view],
        );
        let coverage = CoverageTargets::new(
            device,
            &pass.coverage,
            &name,
            (width, height),
            coverage::Inputs {
                post_uniforms: &post_uniforms,
                ids: &ids_view,
            },
        );
        Self {
            coverage,
            ids_view,
            ids_depth_view: view(&tex("ids_depth", DEPTH_FORMAT, single, none)),
            surface_depth_view,
            final_depth_view: view(&final_depth),
            final_depth,
            depth_readback: readback_buffer(
                device,
                &format!("{name}::depth_readback"),
                layout.buffer_size(),
            ),
            surface_normal_view,
            final_normal_view: view(&final_normal),
            final_normal,
            normal_readback: readback_buffer(
                device,
                &format!("{name}::normal_readback"),
                layout.buffer_size(),
            ),
            hdr_ms_view: view(&tex("hdr_ms", HDR_FORMAT, multi, none)),
            depth_ms_view: view(&tex("depth_ms", DEPTH_FORMAT, multi, none)),
            hdr_view,
            color_view: view(&color),
            color,
            final_ids_view: view(&final_ids),
            final_ids,
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
            lights,
            sky_map,
            sky_view,
            bind_group,
            geometry_bind_group,
            post_uniforms,
            post_bind_group,
            bloom,
            number,
        }
    }

    /// Makes sure `instances` records and the light bins fit, reallocating (and
    /// rebinding) what does not.
    pub fn reserve(
        &mut self,
        device: &wgpu::Device,
        pass: &ScenePass,
        instances: usize,
        light_bytes: [u64; 3],
    ) {
        let name = format!("frame_slot{}", self.number);
        let record = std::mem::size_of::<InstanceData>() as u64;
        let mut changed = self.instances.reserve(
            device,
            &format!("{name}::instances"),
            instances as u64 * record,
        );
        for (buffer, bytes) in self.lights.iter_mut().zip(light_bytes) {
            changed |= buffer.reserve(device, &format!("{name}::lights"), bytes);
        }
        if changed {
            let bound = Bound {
                uniforms: &self.uniforms,
                instances: &self.instances,
                lights: &self.lights,
                sky: &self.sky_view,
            };
            self.bind_group = frame_bind_group(device, pass, &name, bound);
            self.geometry_bind_group =
                geometry_bind_group(device, pass, &name, &self.uniforms, &self.instances);
        }
    }
}

/// Bytes the light buffers need for `lights` lights, `tiles` tiles and `indices` entries.
pub fn light_bytes(lights: usize, tiles: usize, indices: usize) -> [u64; 3] {
    [
        (lights.max(1) * std::mem::size_of::<GpuLight>()) as u64,
        (tiles.max(1) * 8) as u64,
        (indices.max(1) * 4) as u64,
    ]
}

fn geometry_bind_group(
    device: &wgpu::Device,
    pass: &ScenePass,
    name: &str,
    uniforms: &wgpu::Buffer,
    instances: &Growable,
) -> wgpu::BindGroup {
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(&format!("{name}::geometry_bind_group")),
        layout: &pass.geometry_layout,
        entries: &[
            buffer_entry(0, uniforms),
            buffer_entry(1, &instances.buffer),
        ],
    })
}

/// What the frame bind group binds.
struct Bound<'a> {
    uniforms: &'a wgpu::Buffer,
    instances: &'a Growable,
    lights: &'a [Growable; 3],
    sky: &'a wgpu::TextureView,
}

fn frame_bind_group(
    device: &wgpu::Device,
    pass: &ScenePass,
    name: &str,
    bound: Bound,
) -> wgpu::BindGroup {
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(&format!("{name}::frame_bind_group")),
        layout: &pass.frame_layout,
        entries: &[
            buffer_entry(0, bound.uniforms),
            buffer_entry(1, &bound.instances.buffer),
            buffer_entry(2, &bound.lights[0].buffer),
            buffer_entry(3, &bound.lights[1].buffer),
            buffer_entry(4, &bound.lights[2].buffer),
            view_entry(5, bound.sky),
            sampler_entry(6, &pass.sky_sampler),
            view_entry(7, &pass.shadows.array_view),
            sampler_entry(8, &pass.shadows.sampler),
        ],
    })
}
