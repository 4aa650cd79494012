//! Labels computed from the id mask only: per-instance area, bbox and RLE.
//!
//! [`label_frame`] makes one row-major pass over the packed id pixels (masks,
//! area, bbox, category checks) and one column-major pass that builds the COCO
//! RLE of every instance at once ([`rle::encode_instances`]).

pub mod filter;
pub mod geometry;
pub mod keypoints;
pub mod polygon;
pub mod rle;
mod stats;

pub use rle::{Rle, RleError};

use geometry::GeometryLabel;

use crate::frame::unpack_id;
use stats::StatsTable;

/// Errors from labelling one frame.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum LabelError {
    /// The id buffer does not hold `width * height` pixels.
    #[error("id buffer has {actual} pixels, expected {width}x{height} = {expected}")]
    SizeMismatch {
        /// Frame width.
        width: u32,
        /// Frame height.
        height: u32,
        /// `width * height`.
        expected: u64,
        /// Length of the id buffer.
        actual: usize,
    },
    /// The frame has more pixels than 32-bit RLE counts can describe.
    #[error("{width}x{height} frame is too large for 32-bit RLE counts")]
    FrameTooLarge {
        /// Frame width.
        width: u32,
        /// Frame height.
        height: u32,
    },
    /// A category id does not fit the 8-bit semantic mask.
    #[error("category id {category_id} at pixel ({x}, {y}) does not fit the 8-bit semantic mask")]
    CategoryOutOfRange {
        /// The category id.
        category_id: u16,
        /// Column of the first offending pixel.
        x: u32,
        /// Row of the first offending pixel.
        y: u32,
    },
    /// Pixels of one instance carry two different categories.
    #[error("instance {instance_id} has pixels of category {first} and of category {second}")]
    InconsistentCategory {
        /// The instance id.
        instance_id: u16,
        /// Category of the instance's first pixel (row-major).
        first: u16,
        /// A different category found later on the same instance.
        second: u16,
    },
}

/// One visible instance of one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceLabel {
    /// Instance id (> 0).
    pub instance_id: u16,
    /// Semantic category id of the instance's pixels.
    pub category_id: u16,
    /// Visible pixel count.
    pub area: u64,
    /// COCO bbox `[x, y, width, height]` in pixel-edge convention.
    pub bbox: [u32; 4],
    /// Visible pixels as COCO RLE.
    pub rle: Rle,
    /// Amodal box, visible fraction, truncation, 3D box ([`geometry::attach`]).
    pub geometry: GeometryLabel,
    /// Kept as an ignore region (COCO `iscrowd` 1) by a filter ([`filter`]).
    pub crowd: bool,
    /// A person's COCO keypoints `(x, y, visibility)` ([`keypoints::attach`]).
    pub keypoints: Option<[(f32, f32, u8); 17]>,
}

/// All labels of one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameLabels {
    /// Instance id per pixel, row-major (0 = no instance).
    pub instance_mask: Vec<u16>,
    /// Category id per pixel, row-major (0 = unlabelled).
    pub semantic_mask: Vec<u8>,
    /// Every instance with at least one pixel, ascending by id.
    pub instances: Vec<InstanceLabel>,
}

/// Labels one frame from its packed id pixels (see [`crate::frame::pack_id`]).
///
/// `ids` is row-major with `width * height` pixels. Pixels with instance id 0
/// (stuff, sky) only reach the semantic mask.
pub fn label_frame(ids: &[u32], width: u32, height: u32) -> Result<FrameLabels, LabelError> {
    check_size(ids.len(), width, height)?;
    let n = ids.len();
    let mut instance_mask = vec![0u16; n];
    let mut semantic_mask = vec![0u8; n];
    let mut table = StatsTable::default();
    let w = width as usize;
    if w > 0 {
        let rows = ids
            .chunks_exact(w)
            .zip(instance_mask.chunks_exact_mut(w))
            .zip(semantic_mask.chunks_exact_mut(w));
        for (y, ((src, inst), sem)) in (0u32..).zip(rows) {
            label_row(src, y, inst, sem, &mut table)?;
        }
    }
    let rles = rle::encode_instances(&instance_mask, width, height);
    let instances = table
        .into_sorted()
        .zip(rles)
        .map(|((instance_id, s), (rle_id, rle))| {
            debug_assert_eq!(instance_id, rle_id);
            InstanceLabel {
                instance_id,
                category_id: s.category_id,
                area: s.area,
                bbox: s.bbox(),
                rle,
                geometry: GeometryLabel::default(),
                crowd: false,
                keypoints: None,
            }
        })
        .collect();
    Ok(FrameLabels {
        instance_mask,
        semantic_mask,
        instances,
    })
}

/// Checks that `len == width * height` and that the frame suits 32-bit RLE.
fn check_size(len: usize, width: u32, height: u32) -> Result<(), LabelError> {
    let expected = u64::from(width) * u64::from(height);
    if len as u64 != expected {
        return Err(LabelError::SizeMismatch {
            width,
            height,
            expected,
            actual: len,
        });
    }
    if expected > u64::from(u32::MAX) {
        return Err(LabelError::FrameTooLarge { width, height });
    }
    Ok(())
}

/// Fills one row of both masks and feeds its runs of equal ids to the stats.
fn label_row(
    src: &[u32],
    y: u32,
    inst: &mut [u16],
    sem: &mut [u8],
    table: &mut StatsTable,
) -> Result<(), LabelError> {
    let mut x0 = 0usize;
    while let Some(&packed) = src.get(x0) {
        let len = src[x0..].iter().take_while(|&&p| p == packed).count();
        let x1 = x0 + len;
        let (instance_id, category_id) = unpack_id(packed);
        let category = u8::try_from(category_id).map_err(|_| LabelError::CategoryOutOfRange {
            category_id,
            x: x0 as u32,
            y,
        })?;
        inst[x0..x1].fill(instance_id);
        sem[x0..x1].fill(category);
        if instance_id != 0 {
            table.add_run(instance_id, category_id, y, x0 as u32, x1 as u32)?;
        }
        x0 = x1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::pack_id;

    /// Builds a frame from a character map: '.' = nothing, 's' = stuff (cat 7),
    /// a digit d = instance d with category 10 + d.
    fn frame(rows: &[&str]) -> (Vec<u32>, u32, u32) {
        let ids = rows
            .iter()
            .flat_map(|r| r.chars())
            .map(|c| match c {
                's' => pack_id(0, 7),
                d if d.is_ascii_digit() => {
                    let d = d as u16 - u16::from(b'0');
                    pack_id(d, 10 + d)
                }
                _ => 0,
            })
            .collect();
        (ids, rows[0].len() as u32, rows.len() as u32)
    }

    #[test]
    fn hand_built_frame() {
        let (ids, w, h) = frame(&["11..s", "1.22s", "..2ss", "ss3ss"]);
        let labels = label_frame(&ids, w, h).expect("valid frame");
        let got: Vec<_> = labels
            .instances
            .iter()
            .map(|i| (i.instance_id, i.category_id, i.area, i.bbox))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 11, 3, [0, 0, 2, 2]),
                (2, 12, 3, [2, 1, 2, 2]),
                (3, 13, 1, [2, 3, 1, 1]),
            ]
        );
        assert_eq!(&labels.instance_mask[..5], &[1, 1, 0, 0, 0]);
        assert_eq!(&labels.semantic_mask[15..], &[7, 7, 13, 7, 7]);
        for inst in &labels.instances {
            let mask: Vec<u8> = labels
                .instance_mask
                .iter()
                .map(|&i| u8::from(i == inst.instance_id))
                .collect();
            assert_eq!(inst.rle, Rle::from_mask(&mask, w, h));
            assert_eq!(inst.rle.area(), inst.area);
        }
    }

    #[test]
    fn stuff_only_has_no_instances() {
        let (ids, w, h) = frame(&["sss", "s.s"]);
        let labels = label_frame(&ids, w, h).expect("valid frame");
        assert!(labels.instances.is_empty());
        assert_eq!(labels.semantic_mask, vec![7, 7, 7, 7, 0, 7]);
        assert_eq!(labels.instance_mask, vec![0; 6]);
    }

    #[test]
    fn instance_touching_all_edges() {
        let (ids, w, h) = frame(&["5..", "...", "..5"]);
        let labels = label_frame(&ids, w, h).expect("valid frame");
        assert_eq!(labels.instances.len(), 1);
        assert_eq!(labels.instances[0].bbox, [0, 0, 3, 3]);
        assert_eq!(labels.instances[0].rle.counts, vec![0, 1, 7, 1]);
        let (ids, w, h) = frame(&["4"]);
        let labels = label_frame(&ids, w, h).expect("valid frame");
        assert_eq!(labels.instances[0].bbox, [0, 0, 1, 1]);
        assert_eq!(labels.instances[0].rle.counts, vec![0, 1]);
    }

    #[test]
    fn empty_frame() {
        let labels = label_frame(&[], 0, 0).expect("valid frame");
        assert!(labels.instances.is_empty());
        let labels = label_frame(&[], 0, 5).expect("valid frame");
        assert!(labels.instance_mask.is_empty());
    }

    #[test]
    fn category_too_large() {
        let ids = [0, 0, pack_id(1, 256), 0];
        assert_eq!(
            label_frame(&ids, 2, 2),
            Err(LabelError::CategoryOutOfRange {
                category_id: 256,
                x: 0,
                y: 1
            })
        );
        let ids = [pack_id(0, 300)];
        assert!(matches!(
            label_frame(&ids, 1, 1),
            Err(LabelError::CategoryOutOfRange { .. })
        ));
    }

    #[test]
    fn inconsistent_category() {
        let ids = [pack_id(2, 3), 0, 0, pack_id(2, 4)];
        assert_eq!(
            label_frame(&ids, 2, 2),
            Err(LabelError::InconsistentCategory {
                instance_id: 2,
                first: 3,
                second: 4
            })
        );
    }

    #[test]
    fn size_mismatch() {
        assert_eq!(
            label_frame(&[0; 5], 2, 3),
            Err(LabelError::SizeMismatch {
                width: 2,
                height: 3,
                expected: 6,
                actual: 5
            })
        );
    }
}
