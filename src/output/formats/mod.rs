//! Label formats besides COCO, chosen with `--format` and written where DESIGN.md places
//! them: YOLO detection labels (`yolo/`), KITTI object labels (`kitti/label_2/`), Cityscapes-style label and instance id PNGs
//! (`cityscapes/`), depth maps (`depth/`), surface normal maps (`normals/`), palette
//! previews of the semantic mask (`palette/`) and WebDataset shards (`webdataset/`, written
//! in image order by the pipeline's collecting stage). COCO (`annotations/coco.json`) is always written: `render validate`,
//! `sheet` and `stats` read it. Per-image files are written by the encode pool with the
//! other files of their image.

mod cityscapes;
pub mod depth;
pub mod kitti;
mod normals;
pub mod palette;
pub mod webdataset;
mod yolo;

pub use cityscapes::cityscapes_label_id;
pub use yolo::{Task as YoloTask, YoloClasses, label_path as yolo_label_path};

use super::OutputError;
use super::coco::CocoCategory;
use super::layout::DatasetLayout;
use crate::frame::FrameImages;
use crate::labels::FrameLabels;
use crate::labels::polygon::Outline;

/// A label format `--format` can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `annotations/coco.json` (always written).
    Coco,
    /// `yolo/data.yaml` and `yolo/labels/NNNNNN.txt`: 0-based classes, normalised boxes.
    Yolo,
    /// `yolo-seg/data.yaml` and `yolo-seg/labels/NNNNNN.txt`: normalised outlines.
    YoloSeg,
    /// `annotations/coco.json` with polygon segmentations (outer outlines) instead of RLE.
    CocoPolygons,
    /// `cityscapes/NNNNNN_gtFine_labelIds.png` and `..._instanceIds.png`.
    Cityscapes,
    /// `kitti/label_2/NNNNNN.txt`: KITTI object labels with 3D boxes.
    Kitti,
    /// `depth/NNNNNN.png`: 16-bit millimetres along the camera's axis, 0 = sky.
    Depth,
    /// `depth/NNNNNN.npy`: float32 metres.
    DepthFloat,
    /// `normals/NNNNNN.png`: camera-frame normals, RGB8.
    Normals,
    /// `palette/NNNNNN.png`: the semantic mask as an indexed PNG with class colours.
    Palette,
    /// `webdataset/shard-NNNNNN.tar`: image, masks and JSON per sample.
    Webdataset,
}

/// What the extra formats need for every image.
#[derive(Clone, Debug, Default)]
pub struct Formats {
    /// YOLO's class indices, when YOLO is written.
    pub yolo: Option<YoloClasses>,
    /// The same for YOLO segmentation.
    pub yolo_seg: Option<YoloClasses>,
    /// COCO segmentations as polygons.
    pub coco_polygons: bool,
    /// Cityscapes label id per category id, when Cityscapes is written.
    pub cityscapes: Option<Vec<u8>>,
    /// KITTI type name per category id, when KITTI is written.
    pub kitti: Option<std::collections::HashMap<u16, String>>,
    /// Depth as 16-bit PNG, as float32 `.npy`.
    pub depth: (bool, bool),
    /// Surface normal maps.
    pub normals: bool,
    /// The palette (PLTE entries) of the semantic previews, when written.
    pub palette: Option<Vec<u8>>,
    /// WebDataset shards.
    pub webdataset: bool,
}

impl Formats {
    /// The formats in `chosen`, for a dataset whose categories are `categories` (things,
    /// from the catalogue) and `all` (every category's id and name, stuff included).
    pub fn new(chosen: &[Format], things: &[CocoCategory], all: &[(u16, String)]) -> Self {
        Self {
            yolo: chosen
                .contains(&Format::Yolo)
                .then(|| YoloClasses::new(things)),
            yolo_seg: chosen
                .contains(&Format::YoloSeg)
                .then(|| YoloClasses::new(things)),
            coco_polygons: chosen.contains(&Format::CocoPolygons),
            cityscapes: chosen
                .contains(&Format::Cityscapes)
                .then(|| cityscapes::label_table(all)),
            kitti: chosen
                .contains(&Format::Kitti)
                .then(|| kitti::type_names(all)),
            depth: (
                chosen.contains(&Format::Depth),
                chosen.contains(&Format::DepthFloat),
            ),
            normals: chosen.contains(&Format::Normals),
            palette: chosen
                .contains(&Format::Palette)
                .then(|| palette::palette(all)),
            webdataset: chosen.contains(&Format::Webdataset),
        }
    }

    /// Writes the files made once per dataset (`yolo/data.yaml`, the `yolo/images` link)
    /// and creates the formats' directories.
    pub fn prepare(&self, layout: &DatasetLayout) -> Result<(), OutputError> {
        if let Some(classes) = &self.yolo {
            yolo::prepare(layout, classes, YoloTask::Detect)?;
        }
        if let Some(classes) = &self.yolo_seg {
            yolo::prepare(layout, classes, YoloTask::Segment)?;
        }
        let mut dirs = Vec::new();
        if self.cityscapes.is_some() {
            dirs.push(cityscapes::dir(layout));
        }
        if self.depth.0 || self.depth.1 {
            dirs.push(depth::dir(layout));
        }
        if self.kitti.is_some() {
            dirs.push(kitti::dir(layout));
        }
        if self.normals {
            dirs.push(normals::dir(layout));
        }
        if self.palette.is_some() {
            dirs.push(palette::dir(layout));
        }
        if self.webdataset {
            dirs.push(webdataset::dir(layout));
        }
        for dir in dirs {
            std::fs::create_dir_all(&dir)
                .map_err(|e| OutputError::io("create directory", &dir, e))?;
        }
        Ok(())
    }

    /// Whether a frame needs its instances' outlines.
    pub fn needs_outlines(&self) -> bool {
        self.coco_polygons || self.yolo_seg.is_some()
    }

    /// Writes image `index`'s files in every chosen format, from its labels, the outlines
    /// of its instances (in instance order, when [`Formats::needs_outlines`]) and images.
    pub fn write_frame(
        &self,
        layout: &DatasetLayout,
        (labels, outlines, images): (&FrameLabels, &[Outline], &FrameImages),
    ) -> Result<(), OutputError> {
        let (index, width, height) = (images.index, images.width, images.height);
        if self.depth.0 || self.depth.1 {
            depth::write_frame(layout, index, &images.depth, (width, height), self.depth)?;
        }
        if self.normals {
            normals::write_frame(layout, index, &images.normals, (width, height))?;
        }
        if let Some(table) = &self.palette {
            palette::write_frame(layout, index, &labels.semantic_mask, table, (width, height))?;
        }
        let size = (width, height);
        if let Some(classes) = &self.yolo {
            let task = (index, YoloTask::Detect);
            yolo::write_labels(layout, task, (labels, outlines), classes, size)?;
        }
        if let Some(classes) = &self.yolo_seg {
            let task = (index, YoloTask::Segment);
            yolo::write_labels(layout, task, (labels, outlines), classes, size)?;
        }
        if let Some(table) = &self.cityscapes {
            cityscapes::write_frame(layout, index, labels, table, (width, height))?;
        }
        if let Some(types) = &self.kitti {
            kitti::write_labels(layout, index, labels, types)?;
        }
        Ok(())
    }
}
