//! The CPU half of one frame: labels from the id mask, PNG encoding, writing files.

use super::timing::{StageTimes, ms_since};
use crate::frame::FrameImages;
use crate::labels::filter::LabelFilter;
use crate::labels::geometry::{self, ObjectTruth};
use crate::labels::keypoints;
use crate::labels::polygon::{self, Outline};
use crate::labels::{self, LabelError};
use crate::output::coco::{CocoAnnotation, CocoImage};
use crate::output::formats::Formats;
use crate::output::layout::DatasetLayout;
use crate::output::{OutputError, atomic, png_encode, records};
use crate::world::FrameMeta;
use std::time::Instant;

/// A rendered frame on its way to the encode pool.
pub struct EncodeJob {
    /// Pixels from readback.
    pub images: FrameImages,
    /// Its sampled values.
    pub meta: FrameMeta,
    /// Its labelled objects' 3D boxes.
    pub truth: Vec<ObjectTruth>,
    /// Timings so far (generate, render, readback).
    pub times: StageTimes,
}

/// A finished frame: how many annotations it got, what each stage took.
pub struct FrameResult {
    /// Annotations written for it.
    pub annotations: u64,
    /// All stage timings.
    pub times: StageTimes,
}

/// Errors of the CPU half.
#[derive(thiserror::Error, Debug)]
pub enum FrameJobError {
    /// The id mask could not be labelled.
    #[error("image {index}: {source}")]
    Label {
        /// Image index.
        index: u64,
        /// Why.
        source: LabelError,
    },
    /// A file could not be encoded or written.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Labels, filters, encodes and writes one frame under `layout`, in COCO and in `formats`.
pub fn process(
    job: EncodeJob,
    layout: &DatasetLayout,
    (formats, filter): (&Formats, &LabelFilter),
) -> Result<FrameResult, FrameJobError> {
    let EncodeJob {
        images,
        meta,
        truth,
        mut times,
    } = job;
    let (index, width, height) = (images.index, images.width, images.height);
    let start = Instant::now();
    let mut labels = labels::label_frame(&images.ids, width, height)
        .map_err(|source| FrameJobError::Label { index, source })?;
    geometry::attach(&mut labels, &images.coverage, &truth);
    keypoints::attach(&mut labels, &truth, &images.depth, (width, height));
    filter.apply(&mut labels);
    let outlines: Vec<Outline> = match formats.needs_outlines() {
        true => labels
            .instances
            .iter()
            .map(|i| {
                let [x, y, w, h] = i.bbox;
                let bounds = [x, y, x + w - 1, y + h - 1];
                polygon::outline(&labels.instance_mask, width, i.instance_id, bounds)
            })
            .collect(),
        false => Vec::new(),
    };
    times.labels = ms_since(start);

    let start = Instant::now();
    let ((rgb, instance), semantic) = rayon::join(
        || {
            rayon::join(
                || png_encode::encode_rgb8_from_rgba8(&images.rgba, width, height),
                || png_encode::encode_gray16(&labels.instance_mask, width, height),
            )
        },
        || png_encode::encode_gray8(&labels.semantic_mask, width, height),
    );
    let (rgb, instance, semantic) = (rgb?, instance?, semantic?);
    let meta_json = serde_json::to_vec_pretty(&meta).map_err(|e| OutputError::Json {
        action: "serialise",
        path: layout.meta(index),
        error: e,
    })?;
    times.encode = ms_since(start);

    let start = Instant::now();
    atomic::write_atomic(&layout.image(index), &rgb)?;
    atomic::write_atomic(&layout.instance_mask(index), &instance)?;
    atomic::write_atomic(&layout.semantic_mask(index), &semantic)?;
    atomic::write_atomic(&layout.meta(index), &meta_json)?;
    formats.write_frame(layout, (&labels, &outlines, &images))?;

    let image_id = index + 1;
    let polygons = |k: usize| {
        let outline = outlines.get(k).filter(|_| formats.coco_polygons)?;
        Some(
            outline
                .outer
                .iter()
                .map(|ring| ring.iter().flat_map(|&(x, y)| [x, y]).collect())
                .collect(),
        )
    };
    let annotations: Vec<CocoAnnotation> = labels
        .instances
        .iter()
        .enumerate()
        .map(|(k, inst)| CocoAnnotation {
            polygons: polygons(k),
            image_id,
            category_id: inst.category_id,
            instance_id: inst.instance_id,
            area: inst.area,
            bbox: inst.bbox,
            rle_height: inst.rle.height,
            rle_width: inst.rle.width,
            rle_counts: inst.rle.to_coco_string(),
            geometry: inst.geometry,
            iscrowd: inst.crowd,
            keypoints: inst.keypoints,
        })
        .collect();
    let image = CocoImage {
        id: image_id,
        file_name: DatasetLayout::image_file_name(index),
        width,
        height,
    };
    // Last: the record says the image is complete.
    records::write(layout, index, (&image, &annotations))?;
    times.write = ms_since(start);
    Ok(FrameResult {
        annotations: annotations.len() as u64,
        times,
    })
}
