//! `render validate OUT`: checks a finished dataset against the output contract and lists
//! every problem found. Files: `dataset.json`, `annotations/coco.json`, and each image's
//! RGB, instance mask, semantic mask and meta file, at the manifest's resolution.
//! COCO: unique image, annotation and category ids; image ids and file names that follow
//! the index; annotations whose segmentation, box and area equal what the instance mask
//! holds for their `instance_id` (recomputed here from the mask pixels); semantic mask
//! pixels equal to the annotation's category; no box of zero area; every instance in a
//! mask annotated. `coco.json` is streamed and masks are read one image at a time, so
//! memory does not grow with the dataset (beyond a few bytes per annotation id).

mod masks;

use super::coco_read::{CategoryName, CocoVisitor, stream_coco};
use super::layout::DatasetLayout;
use super::manifest::read_manifest;
use masks::{ImageMasks, check_annotation};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// At most this many problems are kept; the rest are only counted.
const MAX_PROBLEMS: usize = 200;

/// What validation found.
#[derive(Debug, Default)]
pub struct Report {
    /// Images the manifest lists.
    pub images: u64,
    /// Annotations in `coco.json`.
    pub annotations: u64,
    /// The problems, each naming the file or id involved (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<String>,
    /// All problems found, including those not kept.
    pub problem_count: usize,
}

impl Report {
    fn problem(&mut self, text: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(text);
        }
    }

    /// Whether the dataset passed.
    pub fn ok(&self) -> bool {
        self.problem_count == 0
    }
}

/// One entry of `images` as validation reads it.
#[derive(Deserialize)]
struct ImageEntry {
    id: u64,
    file_name: String,
    width: u32,
    height: u32,
}

/// One entry of `annotations` as validation reads it.
#[derive(Deserialize)]
pub(crate) struct AnnotationEntry {
    pub id: u64,
    pub image_id: u64,
    pub category_id: u32,
    pub instance_id: u16,
    pub area: u64,
    pub bbox: [f64; 4],
    #[serde(default)]
    pub iscrowd: u8,
    pub segmentation: Segmentation,
    /// sdgen's geometry labels (absent from datasets written before them).
    #[serde(default)]
    pub amodal_bbox: Option<[f64; 4]>,
    #[serde(default)]
    pub visible_fraction: Option<f64>,
    #[serde(default)]
    pub truncation: Option<f64>,
}

/// A segmentation: compressed RLE, or polygons (`--format coco-polygons`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum Segmentation {
    Rle { size: [u32; 2], counts: String },
    Polygons(Vec<Vec<f64>>),
}

/// Validates the dataset at `root`.
pub fn validate(root: &Path) -> Report {
    let layout = DatasetLayout::new(root);
    let mut report = Report::default();
    let manifest = match read_manifest(&layout) {
        Ok(m) => m,
        Err(e) => {
            report.problem(e.to_string());
            return report;
        }
    };
    if !manifest.complete {
        report.problem(format!(
            "{}: \"complete\" is false (the run did not finish)",
            layout.manifest().display()
        ));
    }
    report.images = manifest.count;
    let range = manifest.start..manifest.start + manifest.count;
    for index in range.clone() {
        masks::check_files(
            &layout,
            index,
            (manifest.width, manifest.height),
            &mut report,
        );
    }
    let coco = layout.coco();
    let file = match std::fs::File::open(&coco) {
        Ok(f) => f,
        Err(e) => {
            report.problem(format!("{}: {e}", coco.display()));
            return report;
        }
    };
    let mut visitor = Checker {
        layout: &layout,
        range: range.clone(),
        size: (manifest.width, manifest.height),
        report: &mut report,
        images: HashSet::new(),
        annotation_ids: HashSet::new(),
        categories: HashSet::new(),
        used_categories: HashMap::new(),
        annotated: HashMap::new(),
        current: None,
        finished: HashSet::new(),
    };
    if let Err(e) = stream_coco(std::io::BufReader::new(file), &mut visitor) {
        visitor.report.problem(format!(
            "{}:{}:{}: {e}",
            coco.display(),
            e.line(),
            e.column()
        ));
        return report;
    }
    visitor.finish();
    report
}

/// The COCO visitor that checks as it streams.
struct Checker<'a> {
    layout: &'a DatasetLayout,
    range: std::ops::Range<u64>,
    size: (u32, u32),
    report: &'a mut Report,
    images: HashSet<u64>,
    annotation_ids: HashSet<u64>,
    categories: HashSet<u32>,
    /// Category id → the first annotation using it (checked once categories are known).
    used_categories: HashMap<u32, u64>,
    /// Image id → the instance ids annotated in it.
    annotated: HashMap<u64, Vec<u16>>,
    /// The image whose annotations are streaming past, and its masks (None when they
    /// could not be read, which is reported once).
    current: Option<(u64, Option<ImageMasks>)>,
    /// Images whose every mask instance was checked for an annotation.
    finished: HashSet<u64>,
}

impl Checker<'_> {
    /// The image index of `image_id`, if it is one of the dataset's.
    fn index(&self, image_id: u64) -> Option<u64> {
        image_id
            .checked_sub(1)
            .filter(|index| self.range.contains(index))
    }

    /// Checks that every instance in the current image's mask has an annotation.
    fn close_current(&mut self) {
        if let Some((image_id, masks)) = self.current.take() {
            if let Some(masks) = masks {
                let annotated = self.annotated.get(&image_id).map_or(&[][..], |v| v);
                masks.check_complete(annotated, self.report);
            }
            self.finished.insert(image_id);
        }
    }

    /// The end of the stream: completeness of every image not yet checked, and the
    /// categories the annotations used.
    fn finish(&mut self) {
        self.close_current();
        for index in self.range.clone() {
            let id = index + 1;
            if !self.images.contains(&id) {
                self.report.problem(format!(
                    "coco.json: no entry in images for image id {id} ({})",
                    DatasetLayout::image_file_name(index)
                ));
            }
            if self.finished.contains(&id) {
                continue;
            }
            if let Some(masks) = ImageMasks::load(self.layout, index, self.report) {
                let annotated = self.annotated.get(&id).map_or(&[][..], |v| v);
                masks.check_complete(annotated, self.report);
            }
        }
        let mut unknown: Vec<_> = self
            .used_categories
            .iter()
            .filter(|(category, _)| !self.categories.contains(category))
            .collect();
        unknown.sort();
        for (category, annotation) in unknown {
            self.report.problem(format!(
                "coco.json: annotation {annotation}: category_id {category} is not in categories"
            ));
        }
    }
}

impl CocoVisitor for Checker<'_> {
    type Image = ImageEntry;
    type Annotation = AnnotationEntry;

    fn image(&mut self, image: ImageEntry) {
        let id = image.id;
        if !self.images.insert(id) {
            self.report
                .problem(format!("coco.json: image id {id} appears twice"));
        }
        let Some(index) = self.index(id) else {
            self.report.problem(format!(
                "coco.json: image id {id} is outside the dataset's {} images",
                self.range.end - self.range.start
            ));
            return;
        };
        let expected = DatasetLayout::image_file_name(index);
        if image.file_name != expected {
            self.report.problem(format!(
                "coco.json: image {id}: file_name is {:?}, expected {expected:?}",
                image.file_name
            ));
        }
        if (image.width, image.height) != self.size {
            self.report.problem(format!(
                "coco.json: image {id}: {}x{}, but dataset.json says {}x{}",
                image.width, image.height, self.size.0, self.size.1
            ));
        }
    }

    fn annotation(&mut self, a: AnnotationEntry) {
        self.report.annotations += 1;
        if a.id == 0 || !self.annotation_ids.insert(a.id) {
            let why = if a.id == 0 { "is 0" } else { "appears twice" };
            self.report
                .problem(format!("coco.json: annotation id {} {why}", a.id));
        }
        self.used_categories.entry(a.category_id).or_insert(a.id);
        let Some(index) = self.index(a.image_id) else {
            self.report.problem(format!(
                "coco.json: annotation {}: image_id {} is not one of the dataset's images",
                a.id, a.image_id
            ));
            return;
        };
        let instances = self.annotated.entry(a.image_id).or_default();
        if instances.contains(&a.instance_id) {
            self.report.problem(format!(
                "coco.json: annotation {}: instance_id {} is annotated twice in image {}",
                a.id, a.instance_id, a.image_id
            ));
        }
        instances.push(a.instance_id);
        if self.current.as_ref().map(|(id, _)| *id) != Some(a.image_id) {
            self.close_current();
            // An image already closed (its annotations are not contiguous) is checked for
            // completeness again when it closes next.
            let masks = if self.finished.remove(&a.image_id) {
                ImageMasks::load(self.layout, index, &mut Report::default())
            } else {
                ImageMasks::load(self.layout, index, self.report)
            };
            self.current = Some((a.image_id, masks));
        }
        if let Some((_, Some(masks))) = &self.current {
            check_annotation(masks, &a, self.report);
        }
    }

    fn category(&mut self, category: CategoryName) {
        if !self.categories.insert(category.id) {
            self.report.problem(format!(
                "coco.json: category id {} appears twice",
                category.id
            ));
        }
    }
}
