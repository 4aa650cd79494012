//! Headless wgpu rendering: adapter choice, asset upload, the passes and readback.
//!
//! Only this module touches wgpu. It consumes [`FrameData`] and produces [`FrameImages`].
//! Per frame: the id pass (packed ids, single-sampled, exact), the colour pass (HDR,
//! 4× MSAA, sky behind), then the post pass (lens distortion applied to colour and ids
//! alike, sensor effects, tone mapping); see `passes`.

mod bloom_pass;
mod context;
pub mod coverage;
mod draw_list;
mod error;
mod frame_io;
mod frame_slot;
pub mod frame_uniforms;
mod gpu_assets;
mod gpu_types;
mod gpu_util;
pub mod lens;
pub mod light_bins;
mod passes;
mod post_pass;
pub mod readback;
mod scene_pass;
pub mod shader;
mod shadow_pass;
pub mod shadows;
pub mod sky;
pub mod sky_map;
mod texture_upload;

pub use context::{AdapterSummary, GpuContext, list_adapters};
pub use error::RenderError;

use crate::frame::{FrameData, FrameImages};
use crate::importer::Asset;
use frame_slot::FrameSlot;
use gpu_assets::GpuAssets;
use post_pass::{PostPass, PostUniforms};
use scene_pass::ScenePass;
use std::collections::VecDeque;
use std::sync::mpsc;
use std::time::Instant;

/// Buffers read back per frame: colour, ids, depth, normals (and coverage, when the frame
/// has labelled objects).
const READBACKS: usize = 4;

/// A finished frame and what it cost.
pub struct Completed {
    /// The pixels.
    pub images: FrameImages,
    /// CPU time spent encoding and submitting, plus time waiting for the GPU, ms.
    pub render_ms: f64,
    /// Time copying the mapped buffers out, ms.
    pub readback_ms: f64,
}

struct InFlight {
    slot: usize,
    index: u64,
    submission: wgpu::SubmissionIndex,
    mapped: mpsc::Receiver<Result<(), wgpu::BufferAsyncError>>,
    submit_ms: f64,
    /// Instance ids of the objects the coverage pass drew, in draw order, and whether the
    /// guard view drew them.
    covered: Vec<(u16, bool)>,
}

/// Long-lived renderer: owns the pipeline, the uploaded assets and the frames in flight.
pub struct Renderer {
    ctx: GpuContext,
    pass: ScenePass,
    post: PostPass,
    bloom: bloom_pass::BloomPass,
    assets: GpuAssets,
    slots: Vec<FrameSlot>,
    free: Vec<usize>,
    in_flight: VecDeque<InFlight>,
    width: u32,
    height: u32,
}

impl Renderer {
    /// Builds the pipeline, uploads `assets` and allocates `frames_in_flight` slots.
    pub fn new(
        ctx: GpuContext,
        assets: &[Asset],
        width: u32,
        height: u32,
        frames_in_flight: usize,
    ) -> Result<Self, RenderError> {
        let max = ctx.device.limits().max_texture_dimension_2d;
        if width == 0 || height == 0 || width > max || height > max {
            return Err(RenderError::BadResolution { width, height, max });
        }
        let pass = ScenePass::new(&ctx.device);
        let post = PostPass::new(&ctx.device);
        let bloom = bloom_pass::BloomPass::new(&ctx.device);
        let assets = GpuAssets::upload(&ctx.device, &ctx.queue, &pass.material_layout, assets);
        let count = frames_in_flight.max(1);
        let slots = (0..count)
            .map(|n| FrameSlot::new(&ctx.device, (&pass, &post, &bloom), n, (width, height)))
            .collect();
        Ok(Self {
            ctx,
            pass,
            post,
            bloom,
            assets,
            slots,
            free: (0..count).rev().collect(),
            in_flight: VecDeque::new(),
            width,
            height,
        })
    }

    /// The adapter in use.
    pub fn adapter(&self) -> &AdapterSummary {
        &self.ctx.adapter
    }

    /// Number of frame slots (frames that can be in flight at once).
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// Number of frames submitted and not yet collected.
    pub fn pending(&self) -> usize {
        self.in_flight.len()
    }

    /// Submits `frame`. When every slot is busy, first collects and returns the oldest frame.
    pub fn submit(&mut self, frame: &FrameData) -> Result<Option<Completed>, RenderError> {
        self.check_size(frame)?;
        // Build first: a frame that cannot be drawn fails before any frame is collected.
        let build = Instant::now();
        let intrinsics =
            lens::Intrinsics::from_projection(&frame.camera.projection, frame.width, frame.height);
        lens::check(&frame.lens, intrinsics, frame.width, frame.height).map_err(|message| {
            RenderError::Lens {
                frame: frame.index,
                message,
            }
        })?;
        let post = PostUniforms::new(frame, intrinsics);
        let view_proj = frame_uniforms::render_view_proj(frame, post.zoom());
        let cascades = shadows::cascades(frame);
        let [near, far] = cascades.view_proj;
        let views = if cascades.active {
            &[view_proj, near, far][..]
        } else {
            &[view_proj][..]
        };
        let mut list = draw_list::build(frame, views, &self.assets.parts)?;
        let guard = glam::Mat4::from_scale(glam::Vec3::new(
            1.0 / coverage::GUARD,
            1.0 / coverage::GUARD,
            1.0,
        )) * view_proj;
        let edge = coverage::edge::FrameEdge::new(frame, view_proj, post.zoom());
        draw_list::add_coverage(
            &mut list,
            (frame, &self.assets.parts),
            guard,
            &|model, bounds| edge.may_cross(model, bounds),
        );
        let build_time = build.elapsed();
        let done = if self.free.is_empty() {
            self.collect_oldest()?
        } else {
            None
        };
        let start = Instant::now();
        let Some(slot) = self.free.pop() else {
            return Err(RenderError::Poll("no free frame slot".into()));
        };
        let submission = self.encode(slot, frame, &list, (&post, view_proj, &cascades));
        let covered: Vec<(u16, bool)> = list
            .objects
            .iter()
            .map(|o| (o.instance_id, o.edge))
            .collect();
        let mapped = frame_io::map_slot(&self.slots[slot], !covered.is_empty());
        self.in_flight.push_back(InFlight {
            slot,
            index: frame.index,
            submission,
            mapped,
            submit_ms: (build_time + start.elapsed()).as_secs_f64() * 1e3,
            covered,
        });
        Ok(done)
    }

    /// Waits for the oldest frame in flight and returns its pixels; `None` when idle.
    pub fn collect_oldest(&mut self) -> Result<Option<Completed>, RenderError> {
        let Some(job) = self.in_flight.pop_front() else {
            return Ok(None);
        };
        let wait = Instant::now();
        self.ctx
            .device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(job.submission.clone()),
                timeout: None,
            })
            .map_err(|e| RenderError::Poll(e.to_string()))?;
        let readbacks = READBACKS + usize::from(!job.covered.is_empty());
        for _ in 0..readbacks {
            job.mapped
                .recv()
                .map_err(|_| RenderError::Readback("map callback never ran".into()))?
                .map_err(|e| RenderError::Readback(e.to_string()))?;
        }
        let render_ms = job.submit_ms + wait.elapsed().as_secs_f64() * 1e3;
        let copy = Instant::now();
        let size = (job.index, self.width, self.height);
        let images = frame_io::read_slot(&self.slots[job.slot], size, &job.covered)?;
        self.free.push(job.slot);
        Ok(Some(Completed {
            images,
            render_ms,
            readback_ms: copy.elapsed().as_secs_f64() * 1e3,
        }))
    }

    /// Renders one frame synchronously (for tests and tools).
    pub fn render_now(&mut self, frame: &FrameData) -> Result<FrameImages, RenderError> {
        while self.pending() > 0 {
            self.collect_oldest()?;
        }
        self.submit(frame)?;
        self.collect_oldest()?
            .map(|c| c.images)
            .ok_or_else(|| RenderError::Poll("frame vanished".into()))
    }

    fn check_size(&self, frame: &FrameData) -> Result<(), RenderError> {
        if frame.width == self.width && frame.height == self.height {
            return Ok(());
        }
        Err(RenderError::SizeMismatch {
            frame: frame.index,
            width: frame.width,
            height: frame.height,
            expected_width: self.width,
            expected_height: self.height,
        })
    }

    fn encode(
        &mut self,
        slot_index: usize,
        frame: &FrameData,
        list: &draw_list::DrawList,
        (post, view_proj, cascades): (&PostUniforms, glam::Mat4, &shadows::Cascades),
    ) -> wgpu::SubmissionIndex {
        let device = &self.ctx.device;
        let queue = &self.ctx.queue;
        let bins = light_bins::LightBins::new(
            &frame.lights,
            (frame.camera.view, view_proj),
            frame.width,
            frame.height,
        );
        let slot = &mut self.slots[slot_index];
        slot.reserve(
            device,
            &self.pass,
            list.instances.len(),
            frame_slot::light_bytes(bins.lights.len(), bins.tiles.len(), bins.indices.len()),
        );
        let ids = list
            .objects
            .iter()
            .map(|o| usize::from(o.instance_id) + 1)
            .max();
        slot.coverage.prepare(
            (device, queue),
            &self.pass.coverage,
            (coverage::query_count(&list.objects), ids.unwrap_or(0)),
            coverage::Inputs {
                post_uniforms: &slot.post_uniforms,
                ids: &slot.ids_view,
            },
        );
        let model = frame_uniforms::sky_model(frame);
        let inputs = frame_uniforms::Inputs {
            model: &model,
            view_proj,
            bins: &bins,
            cascades,
        };
        let uniforms = frame_uniforms::frame_uniforms(frame, inputs);
        queue.write_buffer(&slot.uniforms, 0, bytemuck::bytes_of(&uniforms));
        write_sky_map(queue, &slot.sky_map, &sky_map::bake(&frame.light, &model));
        queue.write_buffer(&slot.post_uniforms, 0, bytemuck::bytes_of(post));
        let writes: [(&wgpu::Buffer, &[u8]); 4] = [
            (
                &slot.instances.buffer,
                bytemuck::cast_slice(&list.instances),
            ),
            (&slot.lights[0].buffer, bytemuck::cast_slice(&bins.lights)),
            (&slot.lights[1].buffer, bytemuck::cast_slice(&bins.tiles)),
            (&slot.lights[2].buffer, bytemuck::cast_slice(&bins.indices)),
        ];
        for (buffer, bytes) in writes {
            if !bytes.is_empty() {
                queue.write_buffer(buffer, 0, bytes);
            }
        }
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("renderer::encoder"),
        });
        let slot = &self.slots[slot_index];
        let scene = passes::Scene {
            pass: &self.pass,
            assets: &self.assets,
            slot,
            list,
        };
        if cascades.active {
            self.pass.shadows.encode(&mut encoder, &scene);
        }
        passes::ids(&mut encoder, &scene, frame.sky_category);
        coverage::encode(
            &mut encoder,
            &scene,
            (&self.pass.coverage, &slot.coverage),
            &list.objects,
            (ids.unwrap_or(0), frame.width, frame.height),
        );
        passes::colour(&mut encoder, &scene);
        if frame.lens.bloom > 0.0 {
            self.bloom.encode(&mut encoder, &slot.bloom);
        }
        passes::post(&mut encoder, &self.post, slot);
        frame_io::copy_to_buffer(&mut encoder, &slot.color, &slot.color_readback, slot.layout);
        frame_io::copy_to_buffer(
            &mut encoder,
            &slot.final_ids,
            &slot.ids_readback,
            slot.layout,
        );
        frame_io::copy_to_buffer(
            &mut encoder,
            &slot.final_depth,
            &slot.depth_readback,
            slot.layout,
        );
        frame_io::copy_to_buffer(
            &mut encoder,
            &slot.final_normal,
            &slot.normal_readback,
            slot.layout,
        );
        queue.submit([encoder.finish()])
    }
}

fn write_sky_map(queue: &wgpu::Queue, texture: &wgpu::Texture, texels: &[u16]) {
    queue.write_texture(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: 0,
            origin: wgpu::Origin3d::ZERO,
            aspect: wgpu::TextureAspect::All,
        },
        bytemuck::cast_slice(texels),
        wgpu::TexelCopyBufferLayout {
            offset: 0,
            bytes_per_row: Some(sky_map::WIDTH * 8),
            rows_per_image: Some(sky_map::HEIGHT),
        },
        wgpu::Extent3d {
            width: sky_map::WIDTH,
            height: sky_map::HEIGHT,
            depth_or_array_layers: 1,
        },
    );
}
