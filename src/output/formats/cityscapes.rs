//! Cityscapes-style ground truth: `cityscapes/NNNNNN_gtFine_labelIds.png` (8-bit,
//! Cityscapes label ids) and `..._instanceIds.png` (16-bit: `labelId * 1000 + k` for the
//! k-th instance, from 0, of a class Cityscapes gives instances to, the bare label id
//! elsewhere), as cityscapesScripts reads them.

use super::super::OutputError;
use super::super::atomic::write_atomic;
use super::super::layout::DatasetLayout;
use super::super::png_encode;
use crate::labels::FrameLabels;
use std::path::PathBuf;

/// Cityscapes' label id for one of the catalogue's category names; 0 (unlabelled) for
/// names Cityscapes has no class for.
pub fn cityscapes_label_id(name: &str) -> u8 {
    match name {
        "road" => 7,
        "sidewalk" => 8,
        "building" => 11,
        "pole" => 17,
        "traffic light" => 19,
        "traffic sign" | "stop sign" => 20,
        "vegetation" => 21,
        "terrain" => 22,
        "sky" => 23,
        "person" => 24,
        "rider" => 25,
        "car" => 26,
        "truck" => 27,
        "bus" => 28,
        "motorcycle" => 32,
        "bicycle" => 33,
        // Movable clutter and fixed clutter.
        "traffic cone" => 5,
        "barrier" => 4,
        _ => 0,
    }
}

/// Cityscapes classes with instances (`hasInstances`).
fn has_instances(label: u8) -> bool {
    (24..=33).contains(&label)
}

/// Label id by category id (index), for every category in `all`.
pub(super) fn label_table(all: &[(u16, String)]) -> Vec<u8> {
    let mut table = vec![0u8; 256];
    for (id, name) in all {
        if let Some(slot) = table.get_mut(usize::from(*id)) {
            *slot = cityscapes_label_id(name);
        }
    }
    table
}

pub(super) fn dir(layout: &DatasetLayout) -> PathBuf {
    layout.root.join("cityscapes")
}

/// The label id and instance id images of one frame.
pub fn id_images(labels: &FrameLabels, table: &[u8]) -> (Vec<u8>, Vec<u16>) {
    let label_ids: Vec<u8> = labels
        .semantic_mask
        .iter()
        .map(|&c| table[usize::from(c)])
        .collect();
    // Per instance id: its Cityscapes value, numbering each class's instances from 0.
    let mut value = vec![0u16; usize::from(u16::MAX) + 1];
    let mut next = [0u16; 256];
    for instance in &labels.instances {
        let label = table[usize::from(instance.category_id).min(255)];
        value[usize::from(instance.instance_id)] = if has_instances(label) {
            let k = next[usize::from(label)];
            next[usize::from(label)] += 1;
            u16::from(label) * 1000 + k.min(999)
        } else {
            u16::from(label)
        };
    }
    let instance_ids = labels
        .instance_mask
        .iter()
        .zip(&label_ids)
        .map(|(&i, &l)| {
            if i == 0 {
                u16::from(l)
            } else {
                value[usize::from(i)]
            }
        })
        .collect();
    (label_ids, instance_ids)
}

/// Writes image `index`'s two PNGs.
pub(super) fn write_frame(
    layout: &DatasetLayout,
    index: u64,
    labels: &FrameLabels,
    table: &[u8],
    (width, height): (u32, u32),
) -> Result<(), OutputError> {
    let (label_ids, instance_ids) = id_images(labels, table);
    let stem = DatasetLayout::stem(index);
    let labels_png = png_encode::encode_gray8(&label_ids, width, height)?;
    let instances_png = png_encode::encode_gray16(&instance_ids, width, height)?;
    write_atomic(
        &dir(layout).join(format!("{stem}_gtFine_labelIds.png")),
        &labels_png,
    )?;
    write_atomic(
        &dir(layout).join(format!("{stem}_gtFine_instanceIds.png")),
        &instances_png,
    )
}
