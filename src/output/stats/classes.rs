//! Per-class counts from `annotations/coco.json`, streamed: annotations (instances) and images
//! containing each class, plus the category names.
//!
//! Images per class are counted as changes of `image_id` among a class's annotations, which is
//! exact when each image's annotations are contiguous, as sdgen's COCO writer writes them (by
//! increasing image id). If ids go backwards the counts may be too high, and
//! [`ClassCounts::grouped`] says so.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::StatsIssue;
use crate::output::OutputError;
use crate::output::coco_read::{CategoryName, CocoVisitor, stream_coco};

/// Counts of one class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassCount {
    /// Annotations of the class.
    pub instances: u64,
    /// Images with at least one annotation of the class.
    pub images: u64,
    /// Image id of the class's previous annotation.
    last_image: Option<u64>,
}

/// What `coco.json` says about the classes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassCounts {
    /// Entries of `images`.
    pub images: u64,
    /// Entries of `annotations`.
    pub annotations: u64,
    /// Category names by id, from `categories`.
    pub names: BTreeMap<u32, String>,
    /// Counts per category id (categories without annotations are absent).
    pub classes: BTreeMap<u32, ClassCount>,
    /// False if annotation image ids ever went backwards (images per class may be too high).
    pub grouped: bool,
    /// Image id of the previous annotation.
    last_image: Option<u64>,
}

/// The fields of an annotation that are counted.
#[derive(Deserialize)]
pub struct Annotation {
    /// The image it belongs to.
    image_id: u64,
    /// Its class.
    category_id: u32,
}

impl CocoVisitor for ClassCounts {
    type Image = IgnoredAny;
    type Annotation = Annotation;

    fn image(&mut self, _: IgnoredAny) {
        self.images += 1;
    }

    fn annotation(&mut self, a: Annotation) {
        self.annotations += 1;
        if self.last_image.is_some_and(|last| a.image_id < last) {
            self.grouped = false;
        }
        self.last_image = Some(a.image_id);
        let class = self.classes.entry(a.category_id).or_default();
        class.instances += 1;
        if class.last_image != Some(a.image_id) {
            class.images += 1;
            class.last_image = Some(a.image_id);
        }
    }

    fn category(&mut self, category: CategoryName) {
        self.names.insert(category.id, category.name);
    }
}

/// Counts the classes of the `coco.json` at `path`; `None` if there is no such file (a run
/// that has not finished yet).
pub fn read(path: &Path) -> Result<Option<ClassCounts>, OutputError> {
    if !path.exists() {
        return Ok(None);
    }
    let file = File::open(path).map_err(|e| OutputError::io("open", path, e))?;
    let mut counts = ClassCounts {
        grouped: true,
        ..ClassCounts::default()
    };
    stream_coco(BufReader::with_capacity(1 << 20, file), &mut counts)
        .map_err(|e| StatsIssue::Json(e).at(path))?;
    Ok(Some(counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(annotations: &[(u64, u32)]) -> ClassCounts {
        let mut c = ClassCounts {
            grouped: true,
            ..ClassCounts::default()
        };
        for &(image_id, category_id) in annotations {
            c.annotation(Annotation {
                image_id,
                category_id,
            });
        }
        c
    }

    #[test]
    fn instances_and_images_per_class() {
        let c = counts(&[(1, 3), (1, 3), (1, 1), (2, 3), (4, 1), (4, 1), (4, 1)]);
        let get = |id| c.classes.get(&id).map(|k| (k.instances, k.images));
        assert_eq!(get(3), Some((3, 2)));
        assert_eq!(get(1), Some((4, 2)));
        assert_eq!(c.annotations, 7);
        assert!(c.grouped);
    }

    #[test]
    fn ids_going_backwards_are_flagged() {
        let c = counts(&[(2, 3), (1, 3), (2, 3)]);
        assert!(!c.grouped);
        assert_eq!(c.classes[&3].images, 3);
    }
}
