//! Streaming COCO instances writer: memory stays constant however many images are added.
//!
//! Image and annotation objects are serialised (with serde_json, one object per line) into two
//! part files next to the target as they arrive. [`CocoWriter::finish`] then assembles
//! `{"info", "licenses", "images", "annotations", "categories"}` into a temporary file, copying
//! the parts in, fsyncs it and renames it to `coco.json`; only then does `coco.json` exist.
//! A writer dropped without `finish` removes its part files and never creates `coco.json`.
//!
//! `licenses` is an empty list and images carry no `license` field: the images are synthetic
//! and their licence is whatever the user of the dataset decides, so sdgen does not claim one.
//! pycocotools and the usual loaders do not need licence entries.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::OutputError;
use super::atomic::{AtomicFile, sync_dir};
use super::part::Part;
use crate::labels::geometry::{Box3d, GeometryLabel};

/// One entry of COCO's `categories`.
#[derive(Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct CocoCategory {
    /// Category id from the catalogue (COCO's id where COCO has the class).
    pub id: u16,
    /// Class name, e.g. "car".
    pub name: String,
    /// Coarser group, e.g. "vehicle".
    pub supercategory: String,
    /// Keypoint names (people: COCO's 17).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub keypoints: Vec<String>,
    /// Keypoint pairs joined by limbs, 1-based.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub skeleton: Vec<[u8; 2]>,
}

/// COCO's `info` block.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct CocoInfo {
    /// Free text describing the dataset.
    pub description: String,
    /// Dataset version (sdgen writes its own version here).
    pub version: String,
    /// Year the dataset was created.
    pub year: u32,
    /// Who made the dataset.
    pub contributor: String,
    /// Where the dataset comes from.
    pub url: String,
    /// UTC creation date, `YYYY-MM-DD`.
    pub date_created: String,
}

impl CocoInfo {
    /// An info block dated today (UTC), with `contributor` "sdgen" and an empty `url`.
    pub fn now(description: impl Into<String>, version: impl Into<String>) -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let (year, month, day) = civil_from_days(secs / 86_400);
        Self {
            description: description.into(),
            version: version.into(),
            year,
            contributor: "sdgen".to_owned(),
            url: String::new(),
            date_created: format!("{year:04}-{month:02}-{day:02}"),
        }
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (
        u32::try_from(year).unwrap_or(u32::MAX),
        month as u32,
        day as u32,
    )
}

/// One entry of COCO's `images`.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CocoImage {
    /// `image_id` = global image index + 1.
    pub id: u64,
    /// File name relative to `images/`, e.g. "000000.png".
    pub file_name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// One instance annotation; the writer adds `id`, `iscrowd` and the `segmentation` object.
#[derive(Clone, Debug, PartialEq)]
pub struct CocoAnnotation {
    /// Id of the image it belongs to (must equal the `CocoImage::id` it is added with).
    pub image_id: u64,
    /// Category id from the catalogue.
    pub category_id: u16,
    /// The value of this instance in the instance mask.
    pub instance_id: u16,
    /// Visible pixel count.
    pub area: u64,
    /// `[x, y, w, h]` in COCO's pixel-edge convention.
    pub bbox: [u32; 4],
    /// Mask height (the image height).
    pub rle_height: u32,
    /// Mask width (the image width).
    pub rle_width: u32,
    /// Compressed, column-major RLE counts string, as pycocotools' `mask.encode`.
    pub rle_counts: String,
    /// Amodal box, visible fraction, truncation, occlusion level and 3D box.
    pub geometry: GeometryLabel,
    /// An ignore region kept by a filter (COCO `iscrowd` 1).
    pub iscrowd: bool,
    /// A person's 17 keypoints `(x, y, visibility)`.
    pub keypoints: Option<[(f32, f32, u8); 17]>,
    /// The segmentation as polygons (flat `x, y` pixel corners per outer ring) instead of
    /// the RLE, when asked for.
    pub polygons: Option<Vec<Vec<u32>>>,
}

/// The annotation as it is serialised.
#[derive(Serialize)]
struct AnnotationJson<'a> {
    /// Annotation id, unique across the dataset, from 1.
    id: u64,
    /// Image id.
    image_id: u64,
    /// Category id.
    category_id: u16,
    /// Instance mask value.
    instance_id: u16,
    /// Pixel count.
    area: u64,
    /// `[x, y, w, h]`.
    bbox: [u32; 4],
    /// 1 for ignore regions kept by a filter, else 0.
    iscrowd: u8,
    /// Compressed RLE, or polygons.
    segmentation: SegmentationJson<'a>,
    /// The whole object's box, hidden parts included, clipped to the image.
    amodal_bbox: [u32; 4],
    /// Visible pixels over unoccluded pixels.
    visible_fraction: f64,
    /// Share of the unoccluded silhouette outside the frame.
    truncation: f64,
    /// KITTI occlusion level 0..2.
    occlusion: u8,
    /// The 3D box in the camera's frame (KITTI conventions), with its distance.
    #[serde(skip_serializing_if = "Option::is_none")]
    box3d: Option<Box3d>,
    /// A person's keypoints, flat `x, y, v` × 17 (0, 0, 0 where not in the image).
    #[serde(skip_serializing_if = "Option::is_none")]
    keypoints: Option<Vec<f32>>,
    /// Keypoints with visibility above 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    num_keypoints: Option<u32>,
}

impl<'a> AnnotationJson<'a> {
    /// The serialised form of `a` with annotation id `id`.
    fn new(id: u64, a: &'a CocoAnnotation) -> Self {
        Self {
            id,
            image_id: a.image_id,
            category_id: a.category_id,
            instance_id: a.instance_id,
            area: a.area,
            bbox: a.bbox,
            iscrowd: u8::from(a.iscrowd),
            segmentation: match &a.polygons {
                Some(polygons) => SegmentationJson::Polygons(polygons),
                None => SegmentationJson::Rle(RleJson {
                    size: [a.rle_height, a.rle_width],
                    counts: &a.rle_counts,
                }),
            },
            amodal_bbox: a.geometry.amodal_bbox,
            visible_fraction: a.geometry.visible_fraction,
            truncation: a.geometry.truncation,
            occlusion: a.geometry.occlusion,
            box3d: a.geometry.box3d,
            keypoints: a.keypoints.map(|k| {
                k.iter()
                    .flat_map(|&(x, y, v)| [x, y, f32::from(v)])
                    .collect()
            }),
            num_keypoints: a
                .keypoints
                .map(|k| k.iter().filter(|(_, _, v)| *v > 0).count() as u32),
        }
    }
}

/// The id field every annotation line of a per-image record starts with (records carry id 0;
/// `coco.json` numbers them when it is assembled).
pub const RECORD_ID_PREFIX: &[u8] = b"{\"id\":0,";

/// Annotation `a` with id `id` exactly as `coco.json` holds it, as one line of JSON.
pub fn annotation_line(id: u64, a: &CocoAnnotation) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec(&AnnotationJson::new(id, a))
}

/// A segmentation as COCO writes it.
#[derive(Serialize)]
#[serde(untagged)]
enum SegmentationJson<'a> {
    /// Compressed RLE.
    Rle(RleJson<'a>),
    /// Polygons: `[[x1, y1, x2, y2, ...], ...]`.
    Polygons(&'a Vec<Vec<u32>>),
}

/// COCO compressed RLE: `{"size": [h, w], "counts": "..."}`.
#[derive(Serialize)]
struct RleJson<'a> {
    /// `[height, width]`.
    size: [u32; 2],
    /// The counts string.
    counts: &'a str,
}

/// The header written before the images: info and licenses.
#[derive(Serialize)]
struct Header<'a> {
    /// COCO `info`.
    info: &'a CocoInfo,
    /// COCO `licenses` (empty, see the module doc).
    licenses: [(); 0],
}

/// What [`CocoWriter::finish`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CocoSummary {
    /// Number of images.
    pub images: u64,
    /// Number of annotations.
    pub annotations: u64,
}

/// Streams a COCO instances file; see the module doc for the on-disk protocol.
#[derive(Debug)]
pub struct CocoWriter {
    /// The final `coco.json` path.
    path: PathBuf,
    /// COCO `info`.
    info: CocoInfo,
    /// Categories, sorted by id.
    categories: Vec<CocoCategory>,
    /// Image objects so far; `None` once finished.
    images: Option<Part>,
    /// Annotation objects so far; `None` once finished.
    annotations: Option<Part>,
    /// Images written.
    image_count: u64,
    /// Annotations written (= the last annotation id).
    annotation_count: u64,
    /// Id of the last image added, to enforce increasing order.
    last_image_id: Option<u64>,
    /// Set when a write to a part failed: the parts may hold half an object, so the writer
    /// refuses further use instead of producing invalid JSON.
    failed: bool,
}

impl CocoWriter {
    /// Starts a COCO file at `path` (normally `annotations/coco.json`), whose directory must
    /// exist. The part files are created now, so an unwritable location fails here, naming the
    /// path. `categories` are written sorted by id.
    pub fn create(
        path: &Path,
        info: CocoInfo,
        mut categories: Vec<CocoCategory>,
    ) -> Result<Self, OutputError> {
        categories.sort_by_key(|c| c.id);
        let images = Part::create(path, "images")?;
        let annotations = match Part::create(path, "annotations") {
            Ok(part) => part,
            Err(e) => {
                let _ = fs::remove_file(&images.path);
                return Err(e);
            }
        };
        Ok(Self {
            path: path.to_path_buf(),
            info,
            categories,
            images: Some(images),
            annotations: Some(annotations),
            image_count: 0,
            annotation_count: 0,
            last_image_id: None,
            failed: false,
        })
    }

    /// Adds one image and its annotations. Images must come in increasing id order; every
    /// annotation must belong to `image`. Annotation ids are assigned 1, 2, 3, … in call order.
    pub fn add_image(
        &mut self,
        image: &CocoImage,
        annotations: &[CocoAnnotation],
    ) -> Result<(), OutputError> {
        if let Some(a) = annotations.iter().find(|a| a.image_id != image.id) {
            return Err(self.order_error(format!(
                "annotation for image id {} passed with image id {}",
                a.image_id, image.id
            )));
        }
        let image_json = serde_json::to_vec(image).map_err(|error| self.json_error(error))?;
        let lines = annotations
            .iter()
            .map(|a| annotation_line(0, a))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| self.json_error(error))?;
        let lines: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        self.add_serialised((image.id, &image_json), &lines)
            .map(drop)
    }

    /// Adds one image and its annotations already serialised, as a per-image record holds
    /// them (`output::records`): the image's JSON and each annotation's with id 0, which is
    /// replaced by the next id. Returns the annotations as written, ids included. Same order
    /// rules as [`CocoWriter::add_image`]; after a failed write the writer refuses more.
    pub fn add_serialised(
        &mut self,
        (image_id, image): (u64, &[u8]),
        annotations: &[&[u8]],
    ) -> Result<Vec<Vec<u8>>, OutputError> {
        if let Some(last) = self.last_image_id
            && image_id <= last
        {
            return Err(self.order_error(format!(
                "image id {image_id} added after image id {last}; images must come in increasing order"
            )));
        }
        if annotations.iter().any(|l| !l.starts_with(RECORD_ID_PREFIX)) {
            return Err(self.order_error("a record's annotation does not start with id 0".into()));
        }
        if self.failed {
            return Err(self.order_error("an earlier write failed".to_owned()));
        }
        let result = self.push_serialised((image_id, image), annotations);
        self.failed = result.is_err();
        result
    }

    /// Appends the image and its annotations (numbered from here) to the parts.
    fn push_serialised(
        &mut self,
        (image_id, image): (u64, &[u8]),
        annotations: &[&[u8]],
    ) -> Result<Vec<Vec<u8>>, OutputError> {
        let (Some(images), Some(parts)) = (self.images.as_mut(), self.annotations.as_mut()) else {
            return Err(self.order_error("the writer is already finished".to_owned()));
        };
        images.push_raw(separator(self.image_count), image)?;
        let mut written = Vec::with_capacity(annotations.len());
        for line in annotations {
            let rest = &line[RECORD_ID_PREFIX.len()..];
            let mut numbered = format!("{{\"id\":{},", self.annotation_count + 1).into_bytes();
            numbered.extend_from_slice(rest);
            parts.push_raw(separator(self.annotation_count), &numbered)?;
            written.push(numbered);
            self.annotation_count += 1;
        }
        self.image_count += 1;
        self.last_image_id = Some(image_id);
        Ok(written)
    }

    /// Annotations added so far: the next one gets id `annotation_count() + 1`.
    pub fn annotation_count(&self) -> u64 {
        self.annotation_count
    }

    /// Assembles `coco.json` from the header, the two parts and the categories, via a
    /// temporary file, fsync and rename. The part files are removed.
    pub fn finish(mut self) -> Result<CocoSummary, OutputError> {
        if self.failed {
            return Err(self.order_error("an earlier write failed".to_owned()));
        }
        let (Some(images), Some(annotations)) = (self.images.take(), self.annotations.take())
        else {
            return Err(self.order_error("the writer is already finished".to_owned()));
        };
        let result = self.assemble(images, annotations);
        if result.is_ok()
            && let Some(dir) = self.path.parent()
        {
            sync_dir(dir);
        }
        result.map(|()| CocoSummary {
            images: self.image_count,
            annotations: self.annotation_count,
        })
    }

    /// Writes the final file; removes both part files whatever happens.
    fn assemble(&self, images: Part, annotations: Part) -> Result<(), OutputError> {
        let image_part = images.path.clone();
        let annotation_part = annotations.path.clone();
        let result = (|| {
            let mut out = AtomicFile::create(&self.path)?;
            let header = serde_json::to_vec(&Header {
                info: &self.info,
                licenses: [],
            })
            .map_err(|error| self.json_error(error))?;
            // Reopen the header object: drop its closing brace and continue with the arrays.
            let open = header.strip_suffix(b"}").unwrap_or(&header);
            self.write(&mut out, open)?;
            self.write(&mut out, b",\"images\":[\n")?;
            images.copy_into(&mut out)?;
            self.write(&mut out, b"\n],\"annotations\":[\n")?;
            annotations.copy_into(&mut out)?;
            self.write(&mut out, b"\n],\"categories\":")?;
            let categories =
                serde_json::to_vec(&self.categories).map_err(|error| self.json_error(error))?;
            self.write(&mut out, &categories)?;
            self.write(&mut out, b"}\n")?;
            out.commit()
        })();
        // `copy_into` removes a part it consumed; these cover the early-error paths.
        let _ = fs::remove_file(image_part);
        let _ = fs::remove_file(annotation_part);
        result
    }

    /// Writes `bytes` to the final temporary file.
    fn write(&self, out: &mut AtomicFile, bytes: &[u8]) -> Result<(), OutputError> {
        out.write_all(bytes)
            .map_err(|e| OutputError::io("write", &self.path, e))
    }

    /// A serialisation error for the final file.
    fn json_error(&self, error: serde_json::Error) -> OutputError {
        OutputError::Json {
            action: "serialise",
            path: self.path.clone(),
            error,
        }
    }

    /// A contract violation by the caller.
    fn order_error(&self, reason: String) -> OutputError {
        OutputError::CocoOrder {
            path: self.path.clone(),
            reason,
        }
    }
}

/// The separator before the `n`-th (0-based) object of a part: nothing, then ",\n".
fn separator(n: u64) -> &'static [u8] {
    if n == 0 { b"" } else { b",\n" }
}

impl Drop for CocoWriter {
    fn drop(&mut self) {
        for part in [self.images.take(), self.annotations.take()]
            .into_iter()
            .flatten()
        {
            // Discard buffered data rather than flushing it into a file we are about to remove.
            let (file, _) = part.writer.into_parts();
            drop(file);
            let _ = fs::remove_file(&part.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
    }

    #[test]
    fn header_serialises_empty_licenses() {
        let info = CocoInfo::default();
        let json = serde_json::to_string(&Header {
            info: &info,
            licenses: [],
        });
        assert!(json.is_ok_and(|j| j.ends_with(",\"licenses\":[]}")));
    }
}
