//! Per-image label records, and `coco.json` (and the WebDataset shards) assembled from them.
//!
//! `annotations/records/NNNNNN.jsonl` holds image `NNNNNN`'s COCO entry on its first line
//! and one annotation per further line, each serialised exactly as `coco.json` will hold it
//! but with id 0. It is the last file an image gets (written atomically after its image,
//! masks, meta and other formats), so its presence means the image is complete: `--resume`
//! skips it. [`assemble`] streams the records of a range in index order into `coco.json`,
//! numbering annotations 1, 2, 3, …; so an uninterrupted run, a resumed one and merged
//! shards all get the same ids. Memory holds one record at a time.

use super::OutputError;
use super::atomic::write_atomic;
use super::coco::{
    self, CocoAnnotation, CocoCategory, CocoImage, CocoInfo, CocoSummary, CocoWriter,
};
use super::formats::webdataset::ShardWriter;
use super::layout::DatasetLayout;
use std::path::PathBuf;

/// `annotations/records`.
pub fn dir(layout: &DatasetLayout) -> PathBuf {
    layout.annotations_dir().join("records")
}

/// `annotations/records/NNNNNN.jsonl`.
pub fn path(layout: &DatasetLayout, index: u64) -> PathBuf {
    dir(layout).join(format!("{}.jsonl", DatasetLayout::stem(index)))
}

/// Whether image `index` is complete.
pub fn exists(layout: &DatasetLayout, index: u64) -> bool {
    path(layout, index).is_file()
}

/// Writes image `index`'s record.
pub fn write(
    layout: &DatasetLayout,
    index: u64,
    (image, annotations): (&CocoImage, &[CocoAnnotation]),
) -> Result<(), OutputError> {
    let path = path(layout, index);
    let json_error = |error| OutputError::Json {
        action: "serialise",
        path: path.clone(),
        error,
    };
    let mut bytes = serde_json::to_vec(image).map_err(json_error)?;
    for a in annotations {
        bytes.push(b'\n');
        bytes.extend(coco::annotation_line(0, a).map_err(json_error)?);
    }
    bytes.push(b'\n');
    write_atomic(&path, &bytes)
}

/// What [`assemble`] writes besides `coco.json`.
pub struct Assembly {
    /// COCO `info`.
    pub info: CocoInfo,
    /// COCO `categories`.
    pub categories: Vec<CocoCategory>,
    /// Also write the WebDataset shards (from the images' files on disk).
    pub webdataset: bool,
}

/// Assembles `coco.json` from the records of images `start..start + count`, and the
/// WebDataset shards when asked. A missing or damaged record is an error naming it.
pub fn assemble(
    layout: &DatasetLayout,
    (start, count): (u64, u64),
    what: Assembly,
) -> Result<CocoSummary, OutputError> {
    let mut coco = CocoWriter::create(&layout.coco(), what.info, what.categories)?;
    let mut shards = what.webdataset.then(|| ShardWriter::new(layout));
    for index in start..start + count {
        let path = path(layout, index);
        let text = std::fs::read(&path).map_err(|e| OutputError::io("read", &path, e))?;
        let mut lines = text.split(|&b| b == b'\n').filter(|l| !l.is_empty());
        let Some(image) = lines.next() else {
            return Err(OutputError::io(
                "read",
                &path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, "empty record"),
            ));
        };
        let annotations: Vec<&[u8]> = lines.collect();
        let written = coco.add_serialised((index + 1, image), &annotations)?;
        if let Some(shards) = shards.as_mut() {
            add_sample(shards, layout, index, (image, &written))?;
        }
    }
    if let Some(shards) = shards.as_mut() {
        shards.finish()?;
    }
    coco.finish()
}

/// Appends image `index`'s sample to the shards: its PNGs as written and a JSON of its COCO
/// image entry, its annotations exactly as in `coco.json` and its meta as written.
fn add_sample(
    shards: &mut ShardWriter,
    layout: &DatasetLayout,
    index: u64,
    (image, annotations): (&[u8], &[Vec<u8>]),
) -> Result<(), OutputError> {
    let read = |path: PathBuf| std::fs::read(&path).map_err(|e| OutputError::io("read", &path, e));
    let rgb = read(layout.image(index))?;
    let instance = read(layout.instance_mask(index))?;
    let semantic = read(layout.semantic_mask(index))?;
    let meta = read(layout.meta(index))?;
    let mut json = b"{\"image\":".to_vec();
    json.extend(image);
    json.extend(b",\"annotations\":[");
    for (k, a) in annotations.iter().enumerate() {
        if k > 0 {
            json.push(b',');
        }
        json.extend(a);
    }
    json.extend(b"],\"meta\":");
    json.extend(&meta);
    json.push(b'}');
    shards.add(
        index,
        &[
            ("png", &rgb),
            ("instance.png", &instance),
            ("semantic.png", &semantic),
            ("json", &json),
        ],
    )
}
