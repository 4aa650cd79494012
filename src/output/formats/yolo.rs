//! YOLO (Ultralytics) labels. Detection: `yolo/labels/NNNNNN.txt`, one line per annotated
//! instance, `class cx cy w h` normalised to the image size. Segmentation:
//! `yolo-seg/labels/NNNNNN.txt`, `class x1 y1 x2 y2 ...`, the instance's outline (its
//! parts joined by zero-width bridges, `labels::polygon`) normalised. Classes are 0-based
//! in the order of their category ids; `data.yaml` names them. `images` links to
//! `../images` so Ultralytics, which finds a label by swapping `images` for `labels` in
//! the image's path, pairs each image with its label file. Numbers are written in full
//! (shortest round-trip) precision, so denormalised boxes equal the COCO boxes and
//! outline corners land on whole pixels.

use super::super::OutputError;
use super::super::atomic::write_atomic;
use super::super::coco::CocoCategory;
use super::super::layout::DatasetLayout;
use crate::labels::FrameLabels;
use crate::labels::polygon::{self, Outline};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::PathBuf;

/// The YOLO class index of each thing category, and the names in index order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YoloClasses {
    /// Category id → 0-based class index.
    pub index: HashMap<u16, usize>,
    /// Class names by index.
    pub names: Vec<String>,
}

impl YoloClasses {
    /// Classes for `things`, numbered in ascending category id.
    pub fn new(things: &[CocoCategory]) -> Self {
        let mut sorted: Vec<&CocoCategory> = things.iter().collect();
        sorted.sort_by_key(|c| c.id);
        Self {
            index: sorted.iter().enumerate().map(|(i, c)| (c.id, i)).collect(),
            names: sorted.iter().map(|c| c.name.clone()).collect(),
        }
    }

    /// `data.yaml`: image and label folders (relative to the file), class count, names.
    pub fn data_yaml(&self) -> String {
        let mut yaml = String::from(
            "# sdgen YOLO labels (yolo/: boxes, yolo-seg/: outlines). images/ links to the dataset's ../images; labels/\n\
             # holds one file per image. Train and val name the same images: split them as\n\
             # your experiment needs.\n\
             train: images\nval: images\n",
        );
        let _ = writeln!(yaml, "nc: {}", self.names.len());
        yaml.push_str("names:\n");
        for (i, name) in self.names.iter().enumerate() {
            let _ = writeln!(yaml, "  {i}: {}", serde_json::Value::from(name.as_str()));
        }
        yaml
    }
}

/// Which YOLO task a directory holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Boxes, `yolo/`.
    Detect,
    /// Outlines, `yolo-seg/`.
    Segment,
}

fn dir(layout: &DatasetLayout, task: Task) -> PathBuf {
    layout.root.join(match task {
        Task::Detect => "yolo",
        Task::Segment => "yolo-seg",
    })
}

/// `yolo/labels/NNNNNN.txt`.
pub fn label_path(layout: &DatasetLayout, index: u64, task: Task) -> PathBuf {
    dir(layout, task)
        .join("labels")
        .join(format!("{}.txt", DatasetLayout::stem(index)))
}

/// Writes `data.yaml`, creates `labels/` and links `images` to the dataset's images.
pub(super) fn prepare(
    layout: &DatasetLayout,
    classes: &YoloClasses,
    task: Task,
) -> Result<(), OutputError> {
    let labels = dir(layout, task).join("labels");
    std::fs::create_dir_all(&labels)
        .map_err(|e| OutputError::io("create directory", &labels, e))?;
    write_atomic(
        &dir(layout, task).join("data.yaml"),
        classes.data_yaml().as_bytes(),
    )?;
    let link = dir(layout, task).join("images");
    if std::fs::symlink_metadata(&link).is_err() {
        link_images(&link)?;
    }
    Ok(())
}

#[cfg(unix)]
fn link_images(link: &std::path::Path) -> Result<(), OutputError> {
    std::os::unix::fs::symlink("../images", link)
        .map_err(|e| OutputError::io("create the symbolic link", link, e))
}

#[cfg(not(unix))]
fn link_images(_link: &std::path::Path) -> Result<(), OutputError> {
    // Without symbolic links, users point Ultralytics at ../images themselves.
    Ok(())
}

/// The label file's text: one line per instance of a known class, in instance order
/// (ignore regions kept by a filter have no YOLO form and are left out).
pub fn label_text(labels: &FrameLabels, classes: &YoloClasses, (w, h): (u32, u32)) -> String {
    let (w, h) = (f64::from(w), f64::from(h));
    let mut text = String::new();
    for instance in labels.instances.iter().filter(|i| !i.crowd) {
        let Some(class) = classes.index.get(&instance.category_id) else {
            continue;
        };
        let [x, y, bw, bh] = instance.bbox.map(f64::from);
        let _ = writeln!(
            text,
            "{class} {} {} {} {}",
            (x + bw / 2.0) / w,
            (y + bh / 2.0) / h,
            bw / w,
            bh / h
        );
    }
    text
}

/// The segmentation label file's text: one line per instance of a known class with an
/// outline (`outlines` by instance, in instance order), ignore regions left out.
pub fn segment_text(
    labels: &FrameLabels,
    outlines: &[Outline],
    classes: &YoloClasses,
    (w, h): (u32, u32),
) -> String {
    let (w, h) = (f64::from(w), f64::from(h));
    let mut text = String::new();
    for (instance, outline) in labels.instances.iter().zip(outlines) {
        let Some(class) = classes.index.get(&instance.category_id) else {
            continue;
        };
        let ring = polygon::joined(outline);
        if instance.crowd || ring.len() < 3 {
            continue;
        }
        let _ = write!(text, "{class}");
        for (x, y) in ring {
            let _ = write!(text, " {} {}", f64::from(x) / w, f64::from(y) / h);
        }
        text.push('\n');
    }
    text
}

/// Writes image `index`'s label file for `task` (segmentation needs the outlines).
pub(super) fn write_labels(
    layout: &DatasetLayout,
    (index, task): (u64, Task),
    (labels, outlines): (&FrameLabels, &[Outline]),
    classes: &YoloClasses,
    size: (u32, u32),
) -> Result<(), OutputError> {
    let text = match task {
        Task::Detect => label_text(labels, classes, size),
        Task::Segment => segment_text(labels, outlines, classes, size),
    };
    write_atomic(&label_path(layout, index, task), text.as_bytes())
}
