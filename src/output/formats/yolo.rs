//! YOLO (Ultralytics) detection labels: `yolo/labels/NNNNNN.txt`, one line per annotated
//! instance, `class cx cy w h` normalised to the image size, classes 0-based in the order
//! of their category ids; `yolo/data.yaml` names them. `yolo/images` links to `../images`
//! so Ultralytics, which finds a label by swapping `images` for `labels` in the image's
//! path, pairs each image with its label file. Numbers are written in full (shortest
//! round-trip) precision, so denormalised boxes equal the COCO boxes.

use super::super::OutputError;
use super::super::atomic::write_atomic;
use super::super::coco::CocoCategory;
use super::super::layout::DatasetLayout;
use crate::labels::FrameLabels;
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
            "# sdgen YOLO detection labels. images/ links to the dataset's ../images; labels/\n\
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

fn dir(layout: &DatasetLayout) -> PathBuf {
    layout.root.join("yolo")
}

/// `yolo/labels/NNNNNN.txt`.
pub fn label_path(layout: &DatasetLayout, index: u64) -> PathBuf {
    dir(layout)
        .join("labels")
        .join(format!("{}.txt", DatasetLayout::stem(index)))
}

/// Writes `data.yaml`, creates `labels/` and links `images` to the dataset's images.
pub(super) fn prepare(layout: &DatasetLayout, classes: &YoloClasses) -> Result<(), OutputError> {
    let labels = dir(layout).join("labels");
    std::fs::create_dir_all(&labels)
        .map_err(|e| OutputError::io("create directory", &labels, e))?;
    write_atomic(
        &dir(layout).join("data.yaml"),
        classes.data_yaml().as_bytes(),
    )?;
    let link = dir(layout).join("images");
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

/// Writes image `index`'s label file.
pub(super) fn write_labels(
    layout: &DatasetLayout,
    index: u64,
    labels: &FrameLabels,
    classes: &YoloClasses,
    size: (u32, u32),
) -> Result<(), OutputError> {
    write_atomic(
        &label_path(layout, index),
        label_text(labels, classes, size).as_bytes(),
    )
}
