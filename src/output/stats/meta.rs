//! Reading `meta/NNNNNN.json`: the fields the coverage report uses, parsed one file at a time
//! into plain structs (never one `serde_json::Value` for the dataset), in index order.
//!
//! Unknown fields are ignored, so the report keeps working while the meta format grows.

use std::fmt;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};

use super::StatsIssue;
use crate::output::OutputError;

/// The value of one sample: a number, a choice or a linear RGB colour.
#[derive(Clone, Debug, PartialEq)]
pub enum SampleValue {
    /// A number (in the sample's unit).
    Number(f64),
    /// A named choice (unit "choice").
    Text(String),
    /// A linear RGB colour (unit "linear_rgb").
    Colour([f64; 3]),
}

/// One sampled value with its unit.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct MetaSample {
    /// Dotted name, e.g. "camera.height".
    pub name: String,
    /// The value.
    pub value: SampleValue,
    /// Unit, e.g. "m", "deg", "choice", "linear_rgb".
    pub unit: String,
}

/// One placed object, with the fields the report uses.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct MetaObject {
    /// Its category id.
    pub category_id: u32,
    /// Uniform scale applied to the asset, if recorded.
    #[serde(default)]
    pub scale: Option<f64>,
    /// Values sampled for this object alone.
    #[serde(default)]
    pub samples: Vec<MetaSample>,
}

/// One meta file, with the fields the report uses.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct MetaFile {
    /// Scene name, if recorded.
    #[serde(default)]
    pub scene: Option<String>,
    /// The condition chosen for the image, if recorded.
    #[serde(default)]
    pub condition: Option<String>,
    /// Image-level samples.
    pub samples: Vec<MetaSample>,
    /// Placed objects.
    #[serde(default)]
    pub objects: Vec<MetaObject>,
}

impl<'de> Deserialize<'de> for SampleValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// Tells the three value kinds apart by their JSON shape.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = SampleValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, a string or an RGB colour of 3 numbers")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<SampleValue, E> {
        Ok(SampleValue::Number(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<SampleValue, E> {
        Ok(SampleValue::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<SampleValue, E> {
        Ok(SampleValue::Number(v as f64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<SampleValue, E> {
        Ok(SampleValue::Text(v.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SampleValue, A::Error> {
        let mut rgb = [0.0; 3];
        for (i, channel) in rgb.iter_mut().enumerate() {
            *channel = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(i, &self))?;
        }
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(4, &self));
        }
        Ok(SampleValue::Colour(rgb))
    }
}

/// The meta files of a dataset, by increasing index.
///
/// Only the indices are kept (8 bytes per image); paths are rebuilt when a file is read.
#[derive(Clone, Debug)]
pub struct MetaFiles {
    /// The `meta/` directory.
    dir: PathBuf,
    /// Indices of the files named `NNNNNN.json`, sorted.
    indices: Vec<u64>,
    /// Entries of `meta/` that are not meta files (temporary files, other names).
    pub skipped: u64,
}

impl MetaFiles {
    /// Lists `dir`; fails if it is missing or holds no meta file.
    pub fn list(dir: &Path) -> Result<Self, OutputError> {
        if !dir.is_dir() {
            return Err(StatsIssue::NoDirectory.at(dir));
        }
        let entries = fs::read_dir(dir).map_err(|e| OutputError::io("list", dir, e))?;
        let (mut indices, mut skipped) = (Vec::new(), 0);
        for entry in entries {
            let entry = entry.map_err(|e| OutputError::io("list", dir, e))?;
            match entry.file_name().to_str().and_then(index_of) {
                Some(index) => indices.push(index),
                None => skipped += 1,
            }
        }
        if indices.is_empty() {
            return Err(StatsIssue::NoMetaFiles.at(dir));
        }
        indices.sort_unstable();
        Ok(Self {
            dir: dir.to_path_buf(),
            indices,
            skipped,
        })
    }

    /// The smallest and largest index.
    pub fn index_range(&self) -> Option<(u64, u64)> {
        Some((*self.indices.first()?, *self.indices.last()?))
    }

    /// The path of the meta file of image `index`.
    pub fn path(&self, index: u64) -> PathBuf {
        self.dir.join(format!("{index:06}.json"))
    }

    /// Parses every meta file in index order and hands each to `f`. The error names the file
    /// and, for broken JSON, serde's line and column.
    pub fn for_each(&self, mut f: impl FnMut(MetaFile)) -> Result<(), OutputError> {
        let mut buf = Vec::new();
        for &index in &self.indices {
            let path = self.path(index);
            buf.clear();
            File::open(&path)
                .and_then(|mut file| file.read_to_end(&mut buf))
                .map_err(|e| OutputError::io("read", &path, e))?;
            let meta = serde_json::from_slice(&buf).map_err(|e| StatsIssue::Json(e).at(&path))?;
            f(meta);
        }
        Ok(())
    }
}

/// The index in a meta file name: digits, zero-padded to at least 6, then `.json`.
fn index_of(name: &str) -> Option<u64> {
    let stem = name.strip_suffix(".json")?;
    if !stem.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let index: u64 = stem.parse().ok()?;
    (format!("{index:06}") == stem).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_file_names_are_canonical_stems() {
        assert_eq!(index_of("000012.json"), Some(12));
        assert_eq!(index_of("1234567.json"), Some(1_234_567));
        for name in [
            "12.json",
            "0000012.json",
            "000012.json.tmp-1-0",
            "x00001.json",
            ".json",
        ] {
            assert_eq!(index_of(name), None, "{name}");
        }
    }

    #[test]
    fn values_are_told_apart_by_shape() {
        let parse = |s: &str| serde_json::from_str::<SampleValue>(s);
        assert_eq!(parse("2").unwrap(), SampleValue::Number(2.0));
        assert_eq!(parse("-1.5").unwrap(), SampleValue::Number(-1.5));
        assert_eq!(parse("\"x\"").unwrap(), SampleValue::Text("x".into()));
        let colour = SampleValue::Colour([0.5, 1.0, 0.0]);
        assert_eq!(parse("[0.5, 1, 0]").unwrap(), colour);
        for bad in ["[1, 2]", "[1, 2, 3, 4]", "true", "{}", "[\"a\", 1, 2]"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_bad_value_error_has_line_and_column() {
        let text = r#"{"samples": [
            {"name": "a", "value": [1, 2], "unit": "linear_rgb"}]}"#;
        let err = serde_json::from_str::<MetaFile>(text).unwrap_err();
        assert_eq!(err.line(), 2, "{err}");
        assert!(err.to_string().contains("RGB colour of 3 numbers"), "{err}");
    }
}
