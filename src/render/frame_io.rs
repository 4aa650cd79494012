//! Getting a frame back: copying the final targets into buffers, mapping them, and reading
//! the pixels and coverage counts out without the rows' padding.

use super::coverage;
use super::error::RenderError;
use super::frame_slot::FrameSlot;
use super::readback::PaddedLayout;
use crate::frame::FrameImages;
use std::sync::mpsc;

/// Maps every readback buffer of `slot` (the coverage one when `covered`); the
/// receiver gets one message per buffer.
pub fn map_slot(
    slot: &FrameSlot,
    covered: bool,
) -> mpsc::Receiver<Result<(), wgpu::BufferAsyncError>> {
    let (tx, rx) = mpsc::channel();
    let mut buffers = vec![
        &slot.color_readback,
        &slot.ids_readback,
        &slot.depth_readback,
        &slot.normal_readback,
    ];
    if covered {
        buffers.push(&slot.coverage.readback);
    }
    for buffer in buffers {
        let tx = tx.clone();
        buffer.map_async(wgpu::MapMode::Read, .., move |result| {
            let _ = tx.send(result);
        });
    }
    rx
}

/// Copies frame `index`'s pixels (`width`×`height`) and coverage counts (objects
/// `covered`) out of `slot`'s mapped buffers and unmaps them.
pub fn read_slot(
    slot: &FrameSlot,
    (index, width, height): (u64, u32, u32),
    covered: &[(u16, bool)],
) -> Result<FrameImages, RenderError> {
    let read = |buffer: &wgpu::Buffer| -> Result<Vec<u8>, RenderError> {
        let view = buffer
            .get_mapped_range(..)
            .map_err(|e| RenderError::Readback(e.to_string()))?;
        let bytes = slot.layout.strip_padding(&view);
        drop(view);
        buffer.unmap();
        Ok(bytes)
    };
    let rgba = read(&slot.color_readback)?;
    let id_bytes = read(&slot.ids_readback)?;
    let ids = id_bytes
        .chunks_exact(4)
        .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let depth = read(&slot.depth_readback)?
        .chunks_exact(4)
        .map(|b| f32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let normals = read(&slot.normal_readback)?;
    let coverage = if covered.is_empty() {
        Vec::new()
    } else {
        let buffer = &slot.coverage.readback;
        let view = buffer
            .get_mapped_range(..)
            .map_err(|e| RenderError::Readback(e.to_string()))?;
        let ids = covered.iter().map(|c| usize::from(c.0) + 1).max();
        let records = coverage::read(&view, covered, ids.unwrap_or(0));
        drop(view);
        buffer.unmap();
        records
    };
    Ok(FrameImages {
        coverage,
        index,
        width,
        height,
        rgba,
        ids,
        depth,
        normals,
    })
}

/// Copies `texture` into `buffer` with `layout`'s padded rows.
pub fn copy_to_buffer(
    encoder: &mut wgpu::CommandEncoder,
    texture: &wgpu::Texture,
    buffer: &wgpu::Buffer,
    layout: PaddedLayout,
) {
    encoder.copy_texture_to_buffer(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: 0,
            origin: wgpu::Origin3d::ZERO,
            aspect: wgpu::TextureAspect::All,
        },
        wgpu::TexelCopyBufferInfo {
            buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(layout.padded_bytes_per_row),
                rows_per_image: Some(layout.height),
            },
        },
        wgpu::Extent3d {
            width: layout.width,
            height: layout.height,
            depth_or_array_layers: 1,
        },
    );
}
