//! The per-image checks of `render validate`: the files exist at the right size, and each
//! annotation matches the instance and semantic masks pixel for pixel.

use super::{AnnotationEntry, Report, Segmentation};
use crate::labels::rle::Rle;
use crate::output::layout::DatasetLayout;
use image::DynamicImage;
use std::collections::HashMap;
use std::path::Path;

/// One image's instance and semantic masks.
pub(crate) struct ImageMasks {
    width: u32,
    height: u32,
    instance: Vec<u16>,
    semantic: Vec<u8>,
    /// Per instance id present: its pixels, gathered in one pass.
    footprints: HashMap<u16, Footprint>,
    /// The instance mask's path, for messages.
    path: String,
}

/// The pixels of one instance in a mask.
struct Footprint {
    count: u64,
    /// Smallest and largest column and row.
    min: (u32, u32),
    max: (u32, u32),
    /// The semantic value of its pixels, or None when they differ.
    semantic: Option<u8>,
}

impl Footprint {
    /// The tight box in COCO's pixel-edge convention, `[x, y, w, h]`.
    fn bbox(&self) -> [f64; 4] {
        let (min, max) = (self.min, self.max);
        [min.0, min.1, max.0 + 1 - min.0, max.1 + 1 - min.1].map(f64::from)
    }
}

/// Every instance's footprint, in one pass over the masks.
fn footprints(instance: &[u16], semantic: &[u8], width: u32) -> HashMap<u16, Footprint> {
    let mut out: HashMap<u16, Footprint> = HashMap::new();
    for (k, (&id, &class)) in instance.iter().zip(semantic).enumerate() {
        if id == 0 {
            continue;
        }
        let at = (k as u32 % width, k as u32 / width);
        let f = out.entry(id).or_insert(Footprint {
            count: 0,
            min: at,
            max: at,
            semantic: Some(class),
        });
        f.count += 1;
        f.min = (f.min.0.min(at.0), f.min.1.min(at.1));
        f.max = (f.max.0.max(at.0), f.max.1.max(at.1));
        if f.semantic != Some(class) {
            f.semantic = None;
        }
    }
    out
}

/// Checks that image `index`'s RGB image, masks and meta file exist, and that the images
/// are `size`.
pub(crate) fn check_files(
    layout: &DatasetLayout,
    index: u64,
    size: (u32, u32),
    report: &mut Report,
) {
    let images = [
        layout.image(index),
        layout.instance_mask(index),
        layout.semantic_mask(index),
    ];
    for path in &images {
        match image::image_dimensions(path) {
            Ok(found) if found == size => {}
            Ok((w, h)) => report.problem(format!(
                "{}: {w}x{h}, but dataset.json says {}x{}",
                path.display(),
                size.0,
                size.1
            )),
            Err(e) => report.problem(missing_or(path, &e.to_string())),
        }
    }
    let meta = layout.meta(index);
    if !meta.is_file() {
        report.problem(format!("{}: missing", meta.display()));
    }
}

fn missing_or(path: &Path, error: &str) -> String {
    if path.exists() {
        format!("{}: cannot read: {error}", path.display())
    } else {
        format!("{}: missing", path.display())
    }
}

impl ImageMasks {
    /// Reads image `index`'s masks; None when either cannot be read (which
    /// [`check_files`] reports), a problem and None when they are not grey PNGs of the
    /// expected depths.
    pub(crate) fn load(layout: &DatasetLayout, index: u64, report: &mut Report) -> Option<Self> {
        let (instance_path, semantic_path) =
            (layout.instance_mask(index), layout.semantic_mask(index));
        let instance = image::open(&instance_path).ok();
        let semantic = image::open(&semantic_path).ok();
        let (instance, semantic) = match (instance?, semantic?) {
            (DynamicImage::ImageLuma16(i), DynamicImage::ImageLuma8(s)) => (i, s),
            (i, s) => {
                report.problem(format!(
                    "{} and {}: expected 16-bit and 8-bit grey, found {:?} and {:?}",
                    instance_path.display(),
                    semantic_path.display(),
                    i.color(),
                    s.color()
                ));
                return None;
            }
        };
        if instance.dimensions() != semantic.dimensions() {
            report.problem(format!(
                "{}: {:?}, but the semantic mask is {:?}",
                instance_path.display(),
                instance.dimensions(),
                semantic.dimensions()
            ));
            return None;
        }
        let (width, height) = instance.dimensions();
        let (instance, semantic) = (instance.into_raw(), semantic.into_raw());
        Some(Self {
            footprints: footprints(&instance, &semantic, width),
            width,
            height,
            instance,
            semantic,
            path: instance_path.display().to_string(),
        })
    }

    /// Reports every instance id in the mask that no annotation in `annotated` names.
    pub(crate) fn check_complete(&self, annotated: &[u16], report: &mut Report) {
        let mut missing: Vec<u16> = self
            .footprints
            .keys()
            .copied()
            .filter(|id| !annotated.contains(id))
            .collect();
        missing.sort_unstable();
        for id in missing {
            report.problem(format!(
                "{}: instance {id} has no annotation in coco.json",
                self.path
            ));
        }
    }
}

/// The amodal box holds the visible box; fractions lie in 0..=1.
fn check_geometry(a: &AnnotationEntry, name: &str, report: &mut Report) {
    if let Some([x, y, w, h]) = a.amodal_bbox {
        let [bx, by, bw, bh] = a.bbox;
        if x > bx || y > by || x + w < bx + bw || y + h < by + bh {
            report.problem(format!(
                "{name}: amodal_bbox {:?} does not contain bbox {:?}",
                [x, y, w, h],
                a.bbox
            ));
        }
    }
    for (field, value) in [
        ("visible_fraction", a.visible_fraction),
        ("truncation", a.truncation),
    ] {
        if let Some(v) = value.filter(|v| !(0.0..=1.0).contains(v)) {
            report.problem(format!("{name}: {field} {v} is outside 0..=1"));
        }
    }
}

/// Checks one annotation against its image's masks.
pub(crate) fn check_annotation(masks: &ImageMasks, a: &AnnotationEntry, report: &mut Report) {
    let name = format!("coco.json: annotation {} (image {})", a.id, a.image_id);
    if a.bbox[2] <= 0.0 || a.bbox[3] <= 0.0 {
        report.problem(format!("{name}: bbox {:?} has zero area", a.bbox));
    }
    if a.iscrowd > 1 {
        report.problem(format!("{name}: iscrowd is {}, expected 0 or 1", a.iscrowd));
    }
    check_geometry(a, &name, report);
    let Some(footprint) = masks.footprints.get(&a.instance_id) else {
        report.problem(format!(
            "{name}: instance_id {} does not appear in {}",
            a.instance_id, masks.path
        ));
        return;
    };
    let (count, bbox) = (footprint.count, footprint.bbox());
    if a.area != count {
        report.problem(format!(
            "{name}: area {} but the mask has {count} pixels",
            a.area
        ));
    }
    if a.bbox != bbox {
        report.problem(format!(
            "{name}: bbox {:?} but the mask's box is {bbox:?}",
            a.bbox
        ));
    }
    check_segmentation(masks, a, count, &name, report);
    if footprint.semantic.map(u32::from) == Some(a.category_id) {
        return;
    }
    let wrong_class = masks
        .instance
        .iter()
        .zip(&masks.semantic)
        .filter(|(i, s)| **i == a.instance_id && u32::from(**s) != a.category_id)
        .count();
    if wrong_class > 0 {
        report.problem(format!(
            "{name}: {wrong_class} of its pixels are not category {} in the semantic mask",
            a.category_id
        ));
    }
}

/// Polygon outlines (which leave holes out) span exactly the box and enclose at least the
/// instance's `count` pixels.
fn check_polygons(
    rings: &[Vec<f64>],
    a: &AnnotationEntry,
    count: u64,
    name: &str,
    report: &mut Report,
) {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    let mut doubled = 0.0;
    for ring in rings {
        if ring.len() < 6 || ring.len() % 2 != 0 {
            report.problem(format!("{name}: a polygon has {} numbers", ring.len()));
            return;
        }
        let points: Vec<[f64; 2]> = ring.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
        for (i, p) in points.iter().enumerate() {
            let q = points[(i + 1) % points.len()];
            doubled += p[0] * q[1] - q[0] * p[1];
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
    }
    let extent = [lo[0], lo[1], hi[0] - lo[0], hi[1] - lo[1]];
    if extent != a.bbox {
        report.problem(format!(
            "{name}: polygons span {extent:?}, bbox is {:?}",
            a.bbox
        ));
    }
    if doubled / 2.0 < count as f64 {
        report.problem(format!(
            "{name}: polygons enclose {} pixels, the mask has {count}",
            doubled / 2.0
        ));
    }
}

/// The RLE decodes to exactly the instance's `count` pixels: every pixel of its runs of
/// ones is the instance, and there are as many (so it misses none); reads only those runs.
fn check_segmentation(
    masks: &ImageMasks,
    a: &AnnotationEntry,
    count: u64,
    name: &str,
    report: &mut Report,
) {
    let (size, counts) = match &a.segmentation {
        Segmentation::Rle { size, counts } => (*size, counts),
        Segmentation::Polygons(rings) => return check_polygons(rings, a, count, name, report),
    };
    let [h, w] = size;
    if (w, h) != (masks.width, masks.height) {
        report.problem(format!(
            "{name}: segmentation size [{h}, {w}] but the mask is {}x{}",
            masks.width, masks.height
        ));
        return;
    }
    let rle = match Rle::from_coco_string(h, w, counts) {
        Ok(rle) => rle,
        Err(e) => {
            report.problem(format!("{name}: segmentation counts: {e}"));
            return;
        }
    };
    let (w, h) = (w as usize, h as usize);
    let (mut position, mut outside) = (0usize, 0u64);
    for (run, &length) in rle.counts.iter().enumerate() {
        let end = position + length as usize;
        if run % 2 == 1 {
            // Column-major positions.
            outside += (position..end)
                .filter(|p| masks.instance[(p % h) * w + p / h] != a.instance_id)
                .count() as u64;
        }
        position = end;
    }
    let inside = rle.area() - outside;
    let differ = outside + (count - inside.min(count));
    if differ > 0 {
        report.problem(format!(
            "{name}: segmentation differs from the instance mask in {differ} pixels"
        ));
    }
}
