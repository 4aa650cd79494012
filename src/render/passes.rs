//! Encoding one frame's passes: ids, colour (with the sky behind), post.

use super::draw_list::{DrawList, DrawRun};
use super::frame_slot::FrameSlot;
use super::gpu_assets::GpuAssets;
use super::post_pass::PostPass;
use super::scene_pass::{ScenePass, Shading};
use crate::importer::AlphaMode;

/// What the scene passes draw from.
pub struct Scene<'a> {
    /// Pipelines.
    pub pass: &'a ScenePass,
    /// Uploaded primitives and materials.
    pub assets: &'a GpuAssets,
    /// The frame's targets and buffers.
    pub slot: &'a FrameSlot,
    /// The instanced draws.
    pub list: &'a DrawList,
}

fn attachment(view: &wgpu::TextureView, clear: wgpu::Color) -> wgpu::RenderPassColorAttachment<'_> {
    wgpu::RenderPassColorAttachment {
        view,
        depth_slice: None,
        resolve_target: None,
        ops: wgpu::Operations {
            load: wgpu::LoadOp::Clear(clear),
            store: wgpu::StoreOp::Store,
        },
    }
}

fn depth(view: &wgpu::TextureView) -> wgpu::RenderPassDepthStencilAttachment<'_> {
    wgpu::RenderPassDepthStencilAttachment {
        view,
        depth_ops: Some(wgpu::Operations {
            load: wgpu::LoadOp::Clear(1.0),
            store: wgpu::StoreOp::Discard,
        }),
        stencil_ops: None,
    }
}

/// Draws `runs`, each with `pick(shading)`; the material is bound where
/// `needs_material(shading)`.
pub fn draw_runs<'p>(
    pass: &mut wgpu::RenderPass<'_>,
    scene: &'p Scene,
    runs: &[DrawRun],
    pick: impl Fn(Shading) -> &'p wgpu::RenderPipeline,
    needs_material: impl Fn(Shading) -> bool,
) {
    let mut bound: Option<Shading> = None;
    for run in runs {
        let primitive = &scene.assets.primitives[run.primitive];
        if bound != Some(primitive.shading) {
            pass.set_pipeline(pick(primitive.shading));
            bound = Some(primitive.shading);
        }
        if needs_material(primitive.shading) {
            pass.set_bind_group(1, &scene.assets.materials[primitive.material], &[]);
        }
        pass.set_vertex_buffer(0, primitive.vertices.slice(..));
        pass.set_index_buffer(primitive.indices.slice(..), wgpu::IndexFormat::Uint32);
        pass.draw_indexed(
            0..primitive.index_count,
            0,
            run.first..run.first + run.count,
        );
    }
}

/// The id pass: packed ids with their own depth test, one sample per pixel centre.
/// Pixels no surface covers carry the sky's category (instance 0).
pub fn ids(encoder: &mut wgpu::CommandEncoder, scene: &Scene, sky_category: u16) {
    // Integer targets take the clear value as f64; ids below 2^32 are exact.
    let sky = wgpu::Color {
        r: f64::from(crate::frame::pack_id(0, sky_category)),
        g: 0.0,
        b: 0.0,
        a: 0.0,
    };
    let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
        label: Some("scene_pass::id_pass"),
        color_attachments: &[
            Some(attachment(&scene.slot.ids_view, sky)),
            // No surface: depth 0, normal 0.
            Some(attachment(
                &scene.slot.surface_depth_view,
                wgpu::Color::TRANSPARENT,
            )),
            Some(attachment(
                &scene.slot.surface_normal_view,
                wgpu::Color::TRANSPARENT,
            )),
        ],
        depth_stencil_attachment: Some(depth(&scene.slot.ids_depth_view)),
        ..Default::default()
    });
    pass.set_bind_group(0, &scene.slot.geometry_bind_group, &[]);
    // Alpha-tested surfaces need their material's alpha; opaque ones only positions.
    let camera = scene.list.view(0);
    for runs in [&camera.runs, &camera.blended] {
        draw_runs(
            &mut pass,
            scene,
            runs,
            |shading| scene.pass.ids(shading),
            |shading| shading.alpha != AlphaMode::Opaque,
        );
    }
}

/// The colour pass: opaque surfaces, the sky where none was drawn, then blended surfaces
/// (which see the sky through them), resolved to HDR.
pub fn colour(encoder: &mut wgpu::CommandEncoder, scene: &Scene) {
    let slot = scene.slot;
    let mut target = attachment(&slot.hdr_ms_view, wgpu::Color::BLACK);
    target.resolve_target = Some(&slot.hdr_view);
    // Only the resolved image is read afterwards.
    target.ops.store = wgpu::StoreOp::Discard;
    let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
        label: Some("scene_pass::colour_pass"),
        color_attachments: &[Some(target)],
        depth_stencil_attachment: Some(depth(&slot.depth_ms_view)),
        ..Default::default()
    });
    pass.set_bind_group(0, &slot.bind_group, &[]);
    let colour = |shading| scene.pass.colour(shading);
    let camera = scene.list.view(0);
    draw_runs(&mut pass, scene, &camera.runs, colour, |_| true);
    pass.set_pipeline(&scene.pass.sky);
    pass.draw(0..3, 0..1);
    // Blended runs come last, far to near, over the opaque surfaces and the sky.
    draw_runs(&mut pass, scene, &camera.blended, colour, |_| true);
}

/// The post pass: lens, sensor and tone mapping into the final colour and id targets.
pub fn post(encoder: &mut wgpu::CommandEncoder, post: &PostPass, slot: &FrameSlot) {
    let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
        label: Some("post_pass::render_pass"),
        color_attachments: &[
            Some(attachment(&slot.color_view, wgpu::Color::BLACK)),
            Some(attachment(&slot.final_ids_view, wgpu::Color::TRANSPARENT)),
            Some(attachment(&slot.final_depth_view, wgpu::Color::TRANSPARENT)),
            Some(attachment(
                &slot.final_normal_view,
                wgpu::Color::TRANSPARENT,
            )),
        ],
        ..Default::default()
    });
    pass.set_pipeline(&post.pipeline);
    pass.set_bind_group(0, &slot.post_bind_group, &[]);
    pass.draw(0..3, 0..1);
}
