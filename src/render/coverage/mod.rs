//! The coverage pass: each labelled object's unoccluded silhouette, counted on the GPU.
//!
//! After the id pass, every labelled object is drawn alone into a stencil target with an
//! occlusion query (shaders/coverage.wgsl). The stencil reference is the object's own, so
//! a pixel its triangles cover several times counts once. The frame view rasterises
//! exactly the id pass's pixels and counts the object's pixels inside the frame, hidden
//! or not; a compute pass (shaders/coverage_count.wgsl) counts each instance's visible
//! pixels in the id target under the same inside-the-frame test, so an unoccluded object's
//! two counts are equal. Objects whose box may reach the frame's edge ([`edge`]) are drawn
//! again in a guard view [`GUARD`] times wider and taller, with one query for their
//! silhouette inside the frame and one for the rest. The frame view also widens each
//! object's amodal box (final image pixels) with storage atomics. Labels turn the counts
//! into the visible fraction, the truncation and the amodal box (`labels::geometry`).

pub mod edge;
mod pipelines;
mod targets;

pub use pipelines::CoveragePass;
pub use targets::{CoverageTargets, Inputs};

use super::draw_list::ObjectRuns;
use super::passes::{Scene, draw_runs};
use crate::frame::ObjectCoverage;
use crate::importer::AlphaMode;

/// How many times the frame's width and height the guard view sees (coverage.wgsl GUARD).
pub const GUARD: f32 = 3.0;
/// Stencil target format.
const STENCIL_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Stencil8;
/// Objects per stencil clear: references 1..=255.
const PER_PASS: usize = 255;
/// Stride of the per-view mode uniforms (the dynamic-offset alignment every device meets).
const MODE_STRIDE: u64 = 256;
/// Modes (coverage.wgsl): the frame view; the guard view inside the frame; all of it.
const MODES: u64 = 3;
const MODE_FRAME: u64 = 0;
const MODE_INSIDE: u64 = 1;
const MODE_ALL: u64 = 2;
/// Workgroup edge of the count (coverage_count.wgsl).
const COUNT_GROUP: u32 = 8;

/// Queries a frame with `objects` needs: one per object, two more per object near the edge.
pub fn query_count(objects: &[ObjectRuns]) -> usize {
    objects.len() + 2 * objects.iter().filter(|o| o.edge).count()
}

/// Encodes the count, the frame view and the guard view of `objects` (instance ids below
/// `ids`), then copies the counts and boxes into the readback buffer. Nothing when there
/// are no objects.
pub fn encode(
    encoder: &mut wgpu::CommandEncoder,
    scene: &Scene,
    (pass, targets): (&CoveragePass, &CoverageTargets),
    objects: &[ObjectRuns],
    (ids, width, height): (usize, u32, u32),
) {
    if objects.is_empty() {
        return;
    }
    {
        let mut count = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some("coverage::count_pass"),
            timestamp_writes: None,
        });
        count.set_pipeline(&pass.count);
        count.set_bind_group(0, &targets.count_bind_group, &[]);
        count.dispatch_workgroups(width.div_ceil(COUNT_GROUP), height.div_ceil(COUNT_GROUP), 1);
    }
    let everything: Vec<&ObjectRuns> = objects.iter().collect();
    draw_view(encoder, scene, (pass, targets), (&everything, false), 0);
    let edge: Vec<&ObjectRuns> = objects.iter().filter(|o| o.edge).collect();
    draw_view(
        encoder,
        scene,
        (pass, targets),
        (&edge, true),
        objects.len() as u32,
    );
    let queries = query_count(objects) as u64;
    encoder.resolve_query_set(&targets.queries, 0..queries as u32, &targets.resolve, 0);
    encoder.copy_buffer_to_buffer(&targets.resolve, 0, &targets.readback, 0, queries * 8);
    let ids = ids as u64;
    let at = queries * 8;
    encoder.copy_buffer_to_buffer(&targets.boxes, 0, &targets.readback, at, ids * 16);
    encoder.copy_buffer_to_buffer(
        &targets.visible,
        0,
        &targets.readback,
        at + ids * 16,
        ids * 4,
    );
}

/// Draws `objects` in the frame view (one query each) or the guard view (two each, from
/// query `first`).
fn draw_view(
    encoder: &mut wgpu::CommandEncoder,
    scene: &Scene,
    (pass, targets): (&CoveragePass, &CoverageTargets),
    (objects, guard): (&[&ObjectRuns], bool),
    first: u32,
) {
    let modes: &[u64] = if guard {
        &[MODE_INSIDE, MODE_ALL]
    } else {
        &[MODE_FRAME]
    };
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
            render.set_stencil_reference(k as u32 + 1);
            let j = (chunk * PER_PASS + k) as u32;
            for (step, &mode) in modes.iter().enumerate() {
                let offset = (mode * MODE_STRIDE) as u32;
                render.set_bind_group(2, &targets.bind_group, &[offset]);
                render.begin_occlusion_query(first + j * modes.len() as u32 + step as u32);
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

/// Turns the mapped readback `bytes` into one record per object of `covered` (instance
/// id, drawn in the guard view), with instance ids below `ids`.
pub fn read(bytes: &[u8], covered: &[(u16, bool)], ids: usize) -> Vec<ObjectCoverage> {
    let n = covered.len();
    let queries = n + 2 * covered.iter().filter(|c| c.1).count();
    let count = |q: usize| -> u64 {
        let at = q * 8;
        bytes
            .get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_ne_bytes)
    };
    let word = |w: usize| -> u32 {
        let at = queries * 8 + w * 4;
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_ne_bytes)
    };
    let mut next_edge = n;
    covered
        .iter()
        .enumerate()
        .map(|(j, &(id, edge))| {
            let b = usize::from(id) * 4;
            let [x0, y0, x1, y1] = [word(b), word(b + 1), word(b + 2), word(b + 3)];
            let inside = count(j);
            let visible = u64::from(word(ids * 4 + usize::from(id))).min(inside);
            let (guard_inside, guard_outside) = if edge {
                next_edge += 2;
                (count(next_edge - 2), count(next_edge - 1))
            } else {
                (inside, 0)
            };
            ObjectCoverage {
                instance_id: id,
                visible,
                hidden: inside - visible,
                guard_inside,
                guard_outside,
                amodal_box: (x0 <= x1 && y0 <= y1).then_some([x0, y0, x1, y1]),
            }
        })
        .collect()
}
