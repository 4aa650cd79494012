//! WebDataset shards: `webdataset/shard-NNNNNN.tar`, plain (ustar) tar files in which each
//! sample is the files of one image sharing its stem as key: `KEY.png` (RGB),
//! `KEY.instance.png`, `KEY.semantic.png` and `KEY.json` (`{"image", "annotations",
//! "meta"}`, the annotations exactly as in `coco.json`). Shard `s` holds images
//! `s * SHARD_IMAGES ..`, so a shard's name says which images it holds whatever `--start`
//! and `--count` were. Each shard is written to a temporary file and renamed into place
//! once complete, and entries carry a fixed time and owner, so shards are deterministic.

use super::super::OutputError;
use super::super::atomic::AtomicFile;
use super::super::layout::DatasetLayout;
use std::io::Write;
use std::path::PathBuf;

/// Images per shard.
pub const SHARD_IMAGES: u64 = 1000;
/// Tar block size.
const BLOCK: usize = 512;

pub(super) fn dir(layout: &DatasetLayout) -> PathBuf {
    layout.root.join("webdataset")
}

/// `webdataset/shard-NNNNNN.tar` for shard `shard`.
pub fn shard_path(layout: &DatasetLayout, shard: u64) -> PathBuf {
    dir(layout).join(format!("shard-{shard:06}.tar"))
}

/// A ustar header for a regular file `name` (at most 100 bytes) of `size` bytes.
fn header(name: &str, size: u64) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    let field =
        |h: &mut [u8; BLOCK], at: usize, text: &[u8]| h[at..at + text.len()].copy_from_slice(text);
    field(&mut h, 0, name.as_bytes());
    field(&mut h, 100, b"0000644\0");
    field(&mut h, 108, b"0000000\0");
    field(&mut h, 116, b"0000000\0");
    field(&mut h, 124, format!("{size:011o}\0").as_bytes());
    field(&mut h, 136, b"00000000000\0");
    // The checksum is summed with its own field as spaces.
    field(&mut h, 148, b"        ");
    h[156] = b'0';
    field(&mut h, 257, b"ustar\0");
    field(&mut h, 263, b"00");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    field(&mut h, 148, format!("{sum:06o}\0 ").as_bytes());
    h
}

/// Streams samples into shards, in increasing image order.
pub struct ShardWriter {
    layout: DatasetLayout,
    /// The shard being written and its file.
    current: Option<(u64, AtomicFile)>,
}

impl ShardWriter {
    /// A writer for the shards under `layout`, whose directory must exist.
    pub fn new(layout: &DatasetLayout) -> Self {
        Self {
            layout: DatasetLayout::new(&layout.root),
            current: None,
        }
    }

    /// Appends image `index`'s sample: `files` are (extension, bytes), named `STEM.EXT`.
    pub fn add(&mut self, index: u64, files: &[(&str, &[u8])]) -> Result<(), OutputError> {
        let shard = index / SHARD_IMAGES;
        if self.current.as_ref().map(|(s, _)| *s) != Some(shard) {
            self.finish()?;
            self.current = Some((shard, AtomicFile::create(&shard_path(&self.layout, shard))?));
        }
        let Some((_, file)) = self.current.as_mut() else {
            return Ok(());
        };
        let stem = DatasetLayout::stem(index);
        for (ext, bytes) in files {
            let name = format!("{stem}.{ext}");
            let padding = (BLOCK - bytes.len() % BLOCK) % BLOCK;
            let written = file
                .write_all(&header(&name, bytes.len() as u64))
                .and_then(|()| file.write_all(bytes))
                .and_then(|()| file.write_all(&[0u8; BLOCK][..padding]));
            written.map_err(|e| OutputError::io("write", file.path(), e))?;
        }
        Ok(())
    }

    /// Ends the current shard (two zero blocks) and renames it into place.
    pub fn finish(&mut self) -> Result<(), OutputError> {
        if let Some((_, mut file)) = self.current.take() {
            file.write_all(&[0u8; 2 * BLOCK])
                .map_err(|e| OutputError::io("write", file.path(), e))?;
            file.commit()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_fields_and_checksum() {
        let h = header("000001.json", 1234);
        assert_eq!(&h[..11], b"000001.json");
        assert_eq!(&h[124..136], b"00000002322\0");
        assert_eq!(&h[257..263], b"ustar\0");
        let stored = u32::from_str_radix(std::str::from_utf8(&h[148..154]).unwrap(), 8).unwrap();
        let mut copy = h;
        copy[148..156].copy_from_slice(b"        ");
        assert_eq!(stored, copy.iter().map(|&b| u32::from(b)).sum::<u32>());
    }
}
