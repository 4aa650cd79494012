//! Reads from `coco.json` only what a contact sheet needs, streaming through
//! [`crate::output::coco_read`]: images, annotations and categories are filtered while they are
//! deserialised, so memory depends on the number of
//! images on the sheet, not on the size of the dataset.
//!
//! The chosen images are the `count` smallest image ids whose index (`id - 1`) is at least
//! `start`. Keys may come in any order: annotations are kept for the `count` smallest image ids
//! seen so far, which always includes every chosen image that has annotations.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde::Deserialize;

use super::SheetIssue;
use crate::output::OutputError;
use crate::output::coco_read::{CategoryName, CocoVisitor, stream_coco};

/// One entry of `images`, with the fields the sheet uses.
#[derive(Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SheetImage {
    /// Image id (global index + 1).
    pub id: u64,
    /// File name relative to `images/`.
    pub file_name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// One entry of `annotations`, with the fields the sheet uses.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct SheetAnnotation {
    /// The image it belongs to.
    pub image_id: u64,
    /// Its category.
    pub category_id: u32,
    /// `[x, y, w, h]` in pixels, COCO's pixel-edge convention.
    pub bbox: [f64; 4],
    /// Its value in the instance mask.
    pub instance_id: u16,
}

/// What the sheet draws, read from `coco.json`.
#[derive(Debug, Default)]
pub struct Selection {
    /// The chosen images, by increasing id.
    pub images: Vec<SheetImage>,
    /// Annotations of the chosen images, by image id.
    pub annotations: HashMap<u64, Vec<SheetAnnotation>>,
    /// Category names by id.
    pub names: HashMap<u32, String>,
}

/// Reads the images with index `start..` (at most `count` of them) and their annotations.
pub fn read_selection(path: &Path, start: u64, count: u32) -> Result<Selection, OutputError> {
    if !path.is_file() {
        return Err(SheetIssue::MissingFile.at(path));
    }
    let file = File::open(path).map_err(|e| OutputError::io("open", path, e))?;
    let limit = usize::try_from(count).unwrap_or(usize::MAX);
    let mut picker = Picker {
        start,
        images: Smallest::new(limit),
        annotations: Smallest::new(limit),
        names: HashMap::new(),
    };
    stream_coco(BufReader::with_capacity(1 << 20, file), &mut picker)
        .map_err(|e| SheetIssue::Json(e).at(path))?;
    Ok(picker.finish())
}

/// Collects the chosen images and their annotations while `coco.json` streams past.
struct Picker {
    /// Smallest index to show.
    start: u64,
    /// The smallest image ids with index ≥ `start` seen so far.
    images: Smallest<SheetImage>,
    /// The annotations of the smallest annotated image ids with index ≥ `start` seen so far.
    annotations: Smallest<Vec<SheetAnnotation>>,
    /// Category names.
    names: HashMap<u32, String>,
}

impl CocoVisitor for Picker {
    type Image = SheetImage;
    type Annotation = SheetAnnotation;

    /// Keeps `image` if it is among the chosen so far.
    fn image(&mut self, image: SheetImage) {
        let id = image.id;
        if self.wanted(id) {
            self.images.offer(id, move || image);
        }
    }

    /// Keeps `annotation` if its image may be chosen.
    fn annotation(&mut self, annotation: SheetAnnotation) {
        if self.wanted(annotation.image_id) {
            let id = annotation.image_id;
            if let Some(list) = self.annotations.offer(id, Vec::new) {
                list.push(annotation);
            }
        }
    }

    /// Keeps the category name.
    fn category(&mut self, category: CategoryName) {
        self.names.insert(category.id, category.name);
    }
}

impl Picker {
    /// Whether image `id` is at or after `start`.
    fn wanted(&self, id: u64) -> bool {
        id.saturating_sub(1) >= self.start
    }

    /// The selection: chosen images and the annotations that belong to them.
    fn finish(self) -> Selection {
        let images: Vec<SheetImage> = self.images.map.into_values().collect();
        let mut annotations = self.annotations.map;
        annotations.retain(|id, _| images.iter().any(|i| i.id == *id));
        Selection {
            images,
            annotations: annotations.into_iter().collect(),
            names: self.names,
        }
    }
}

/// At most `limit` values under the smallest keys offered so far.
struct Smallest<T> {
    /// How many keys to keep.
    limit: usize,
    /// The kept values.
    map: BTreeMap<u64, T>,
}

impl<T> Smallest<T> {
    /// An empty set keeping at most `limit` keys.
    fn new(limit: usize) -> Self {
        Self {
            limit,
            map: BTreeMap::new(),
        }
    }

    /// The value under `key`, made by `make` if `key` is new and among the smallest so far;
    /// `None` if `key` is too large to keep.
    fn offer(&mut self, key: u64, make: impl FnOnce() -> T) -> Option<&mut T> {
        if !self.map.contains_key(&key) {
            let full = self.map.len() >= self.limit;
            if full && self.map.last_key_value().is_none_or(|(&max, _)| key > max) {
                return None;
            }
            self.map.insert(key, make());
            if self.map.len() > self.limit {
                self.map.pop_last();
            }
        }
        self.map.get_mut(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_keeps_the_smallest_keys_in_any_order() {
        let mut s = Smallest::new(3);
        for k in [9, 4, 7, 1, 8, 4, 2] {
            if let Some(v) = s.offer(k, Vec::new) {
                v.push(k);
            }
        }
        let kept: Vec<_> = s.map.into_iter().collect();
        assert_eq!(kept, [(1, vec![1]), (2, vec![2]), (4, vec![4, 4])]);
    }

    #[test]
    fn annotations_before_images_are_still_found() {
        let dir = std::env::temp_dir().join(format!("sdgen-sheet-coco-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("coco.json");
        let ann = |img: u64| {
            format!(r#"{{"image_id":{img},"category_id":3,"bbox":[1,2,3,4],"instance_id":1}}"#)
        };
        let image = |id: u64| format!(r#"{{"id":{id},"file_name":"x.png","width":4,"height":4}}"#);
        let text = format!(
            r#"{{"annotations":[{},{},{}],"info":{{"a":[1]}},"images":[{},{},{}],
               "categories":[{{"id":3,"name":"car","supercategory":"vehicle"}}]}}"#,
            ann(5),
            ann(3),
            ann(2),
            image(5),
            image(2),
            image(3)
        );
        std::fs::write(&path, text).unwrap();
        let sel = read_selection(&path, 2, 1).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(sel.images.iter().map(|i| i.id).collect::<Vec<_>>(), [3]);
        assert_eq!(sel.annotations.len(), 1);
        assert_eq!(sel.annotations[&3][0].bbox, [1.0, 2.0, 3.0, 4.0]);
        assert_eq!(sel.names[&3], "car");
    }
}
