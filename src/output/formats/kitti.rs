//! KITTI object labels: `kitti/label_2/NNNNNN.txt`, one line of 15 space-separated fields
//! per annotated instance, in instance order:
//!
//! ```text
//! type truncated occluded alpha left top right bottom height width length x y z rotation_y
//! ```
//!
//! - `type`: Car, Truck, Pedestrian and Cyclist (riders) as KITTI names them; other
//!   categories by their name with a capital and `_` for spaces (Bus, Traffic_light, ...);
//!   ignore regions kept by a filter are `DontCare` (with KITTI's −1/−10/−1000 fillers).
//! - `truncated`: the share of the silhouette outside the frame, 0..1.
//! - `occluded`: 0 fully visible, 1 partly, 2 largely occluded (`labels::geometry`).
//! - `left top right bottom`: the visible box, equal to the COCO box `[x, y, x + w, y + h]`.
//! - the 3D box in the camera frame (x right, y down, z forward; bottom centre; metres) and
//!   `rotation_y`, `alpha` in radians.
//!
//! Numbers have two decimals as KITTI's own files do; the boxes are whole pixels, so they
//! are exact.

use super::super::OutputError;
use super::super::atomic::write_atomic;
use super::super::layout::DatasetLayout;
use crate::labels::{FrameLabels, InstanceLabel};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::PathBuf;

/// `kitti/label_2`.
pub fn dir(layout: &DatasetLayout) -> PathBuf {
    layout.root.join("kitti").join("label_2")
}

/// `kitti/label_2/NNNNNN.txt`.
pub fn label_path(layout: &DatasetLayout, index: u64) -> PathBuf {
    dir(layout).join(format!("{}.txt", DatasetLayout::stem(index)))
}

/// KITTI's type name for each category id.
pub fn type_names(all: &[(u16, String)]) -> HashMap<u16, String> {
    all.iter()
        .map(|(id, name)| {
            let kitti = match name.as_str() {
                "car" => "Car".to_owned(),
                "truck" => "Truck".to_owned(),
                "person" => "Pedestrian".to_owned(),
                "rider" => "Cyclist".to_owned(),
                other => {
                    let mut chars = other.chars();
                    let first = chars.next().map(|c| c.to_ascii_uppercase());
                    first
                        .into_iter()
                        .chain(chars)
                        .map(|c| if c.is_whitespace() { '_' } else { c })
                        .collect()
                }
            };
            (*id, kitti)
        })
        .collect()
}

fn line(text: &mut String, instance: &InstanceLabel, types: &HashMap<u16, String>) {
    let [x, y, w, h] = instance.bbox;
    let (left, top, right, bottom) = (x, y, x + w, y + h);
    let g = &instance.geometry;
    if instance.crowd {
        let _ = writeln!(
            text,
            "DontCare -1 -1 -10 {left}.00 {top}.00 {right}.00 {bottom}.00 -1 -1 -1 -1000 -1000 -1000 -10"
        );
        return;
    }
    let name = types
        .get(&instance.category_id)
        .map_or("Misc", String::as_str);
    let (dims, loc, ry, alpha) = match g.box3d {
        Some(b) => (b.dimensions, b.location, b.rotation_y, b.alpha),
        None => ([-1.0; 3], [-1000.0; 3], -10.0, -10.0),
    };
    let _ = writeln!(
        text,
        "{name} {:.2} {} {alpha:.2} {left}.00 {top}.00 {right}.00 {bottom}.00 {:.2} {:.2} {:.2} {:.2} {:.2} {:.2} {ry:.2}",
        g.truncation, g.occlusion, dims[0], dims[1], dims[2], loc[0], loc[1], loc[2],
    );
}

/// The label file's text.
pub fn label_text(labels: &FrameLabels, types: &HashMap<u16, String>) -> String {
    let mut text = String::new();
    for instance in &labels.instances {
        line(&mut text, instance, types);
    }
    text
}

/// Writes image `index`'s label file.
pub(super) fn write_labels(
    layout: &DatasetLayout,
    index: u64,
    labels: &FrameLabels,
    types: &HashMap<u16, String>,
) -> Result<(), OutputError> {
    write_atomic(
        &label_path(layout, index),
        label_text(labels, types).as_bytes(),
    )
}
