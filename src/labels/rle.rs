//! COCO run-length encoding, bit-compatible with pycocotools (`maskApi.c`).
//!
//! Counts run over the mask in column-major order and alternate between runs of
//! 0s and runs of 1s, always starting with a (possibly empty) run of 0s.

/// Errors from parsing a compressed COCO RLE string.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum RleError {
    /// A byte outside the alphabet `'0'..='o'` used by the compressed format.
    #[error("invalid byte {byte:#04x} at position {position} in compressed RLE")]
    InvalidChar {
        /// Byte offset into the string.
        position: usize,
        /// The offending byte.
        byte: u8,
    },
    /// The string ended in the middle of a count.
    #[error("compressed RLE ends in the middle of a count")]
    Truncated,
    /// A count needs more 5-bit groups than fit in 64 bits.
    #[error("count {index} of compressed RLE is too long")]
    Overflow {
        /// Index of the count.
        index: usize,
    },
    /// A decoded count is negative or does not fit in `u32`.
    #[error("count {index} of compressed RLE decodes to {value}, outside 0..=u32::MAX")]
    CountOutOfRange {
        /// Index of the count.
        index: usize,
        /// The decoded value.
        value: i64,
    },
    /// The counts do not add up to `height * width`.
    #[error("RLE counts sum to {actual}, expected height * width = {expected}")]
    SumMismatch {
        /// `height * width`.
        expected: u64,
        /// Sum of the decoded counts.
        actual: u64,
    },
}

/// A binary mask in COCO run-length encoding (uncompressed counts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rle {
    /// Mask height in pixels.
    pub height: u32,
    /// Mask width in pixels.
    pub width: u32,
    /// Alternating run lengths in column-major order, starting with a run of 0s.
    pub counts: Vec<u32>,
}

/// Number of pixels of a `width` x `height` image, checked against the mask length.
///
/// Panics if the length disagrees or the image has more than `u32::MAX` pixels,
/// because RLE counts are 32-bit like in pycocotools.
fn checked_pixels(len: usize, width: u32, height: u32) -> usize {
    let n = u64::from(width) * u64::from(height);
    assert!(
        n <= u64::from(u32::MAX),
        "{width}x{height} image is too large for 32-bit RLE counts"
    );
    assert_eq!(len as u64, n, "mask length does not match {width}x{height}");
    len
}

impl Rle {
    /// Encodes a row-major mask (nonzero = inside) of `width` x `height` pixels.
    ///
    /// # Panics
    /// If `mask.len() != width * height` or the image has more than `u32::MAX` pixels.
    pub fn from_mask(mask: &[u8], width: u32, height: u32) -> Rle {
        checked_pixels(mask.len(), width, height);
        let (w, h) = (width as usize, height as usize);
        let mut counts = Vec::new();
        let mut current = false;
        let mut run: u32 = 0;
        for x in 0..w {
            for y in 0..h {
                let inside = mask[y * w + x] != 0;
                if inside != current {
                    counts.push(run);
                    run = 0;
                    current = inside;
                }
                run += 1;
            }
        }
        counts.push(run);
        Rle {
            height,
            width,
            counts,
        }
    }

    /// Decodes to a row-major mask of 0s and 1s (`width * height` bytes).
    ///
    /// Counts that run past the end of the image are clipped.
    pub fn decode(&self) -> Vec<u8> {
        let (w, h) = (self.width as usize, self.height as usize);
        let n = w * h;
        let mut out = vec![0u8; n];
        let mut pos = 0usize;
        for (i, &count) in self.counts.iter().enumerate() {
            let end = pos.saturating_add(count as usize).min(n);
            if i % 2 == 1 {
                for p in pos..end {
                    out[(p % h) * w + p / h] = 1;
                }
            }
            pos = end;
        }
        out
    }

    /// Number of pixels inside the mask.
    pub fn area(&self) -> u64 {
        self.counts
            .iter()
            .skip(1)
            .step_by(2)
            .map(|&c| u64::from(c))
            .sum()
    }

    /// Compressed COCO string, byte-identical to pycocotools `rleToString`.
    pub fn to_coco_string(&self) -> String {
        let mut out = String::with_capacity(self.counts.len() * 2);
        for (i, &count) in self.counts.iter().enumerate() {
            let mut x = i64::from(count);
            if i > 2 {
                x -= i64::from(self.counts[i - 2]);
            }
            push_count(&mut out, x);
        }
        out
    }

    /// Parses a compressed COCO string (pycocotools `rleFrString`).
    ///
    /// Unlike pycocotools, rejects bytes outside the alphabet, truncated strings,
    /// counts outside `0..=u32::MAX` and counts that do not sum to `height * width`.
    pub fn from_coco_string(height: u32, width: u32, s: &str) -> Result<Rle, RleError> {
        let bytes = s.as_bytes();
        let mut counts: Vec<u32> = Vec::new();
        let mut pos = 0usize;
        while pos < bytes.len() {
            let index = counts.len();
            let (mut x, next) = read_count(bytes, pos, index)?;
            pos = next;
            if index > 2 {
                x = x.saturating_add(i64::from(counts[index - 2]));
            }
            let count =
                u32::try_from(x).map_err(|_| RleError::CountOutOfRange { index, value: x })?;
            counts.push(count);
        }
        let actual: u64 = counts.iter().map(|&c| u64::from(c)).sum();
        let expected = u64::from(height) * u64::from(width);
        if actual != expected {
            return Err(RleError::SumMismatch { expected, actual });
        }
        Ok(Rle {
            height,
            width,
            counts,
        })
    }
}

/// Appends one signed value in the 5-bits-per-char LEB-like COCO format.
fn push_count(out: &mut String, mut x: i64) {
    loop {
        let mut c = (x & 0x1f) as u8;
        x >>= 5;
        let more = if c & 0x10 != 0 { x != -1 } else { x != 0 };
        if more {
            c |= 0x20;
        }
        out.push(char::from(c + 48));
        if !more {
            break;
        }
    }
}

/// Reads one signed value starting at `pos`; returns it and the position after it.
fn read_count(bytes: &[u8], mut pos: usize, index: usize) -> Result<(i64, usize), RleError> {
    let mut x: i64 = 0;
    let mut shift: u32 = 0;
    loop {
        let byte = *bytes.get(pos).ok_or(RleError::Truncated)?;
        let c = byte
            .checked_sub(48)
            .filter(|&c| c < 64)
            .ok_or(RleError::InvalidChar {
                position: pos,
                byte,
            })?;
        if shift >= 64 {
            return Err(RleError::Overflow { index });
        }
        x |= i64::from(c & 0x1f) << shift;
        shift += 5;
        pos += 1;
        if c & 0x20 == 0 {
            if c & 0x10 != 0 && shift < 64 {
                x |= -1i64 << shift;
            }
            return Ok((x, pos));
        }
    }
}

/// Per-instance state while encoding all instances in one column-major pass.
#[derive(Default)]
struct RunBuilder {
    /// Column-major position just past this instance's last run of 1s.
    last_end: u32,
    /// Counts so far.
    counts: Vec<u32>,
}

/// Encodes every nonzero id of a row-major instance mask in one column-major pass.
///
/// Returns `(instance_id, rle)` for each id that occurs, ascending by id.
///
/// # Panics
/// If `instance_mask.len() != width * height` or the image has more than
/// `u32::MAX` pixels.
pub fn encode_instances(instance_mask: &[u16], width: u32, height: u32) -> Vec<(u16, Rle)> {
    let n = checked_pixels(instance_mask.len(), width, height);
    let (w, h) = (width as usize, height as usize);
    let mut builders: Vec<Option<RunBuilder>> = Vec::new();
    let mut close_run = |id: u16, start: usize, end: usize| {
        if id == 0 {
            return;
        }
        let slot = usize::from(id);
        if slot >= builders.len() {
            builders.resize_with(slot + 1, || None);
        }
        let b = builders[slot].get_or_insert_with(RunBuilder::default);
        // n <= u32::MAX was checked above, so positions fit in u32.
        b.counts.push(start as u32 - b.last_end);
        b.counts.push((end - start) as u32);
        b.last_end = end as u32;
    };
    let mut current = 0u16;
    let mut start = 0usize;
    let mut pos = 0usize;
    for x in 0..w {
        for y in 0..h {
            let id = instance_mask[y * w + x];
            if id != current {
                close_run(current, start, pos);
                current = id;
                start = pos;
            }
            pos += 1;
        }
    }
    close_run(current, start, n);
    finish_builders(builders, n as u32, width, height)
}

/// Adds trailing 0 runs and turns the builders into `(id, Rle)` pairs.
fn finish_builders(
    builders: Vec<Option<RunBuilder>>,
    n: u32,
    width: u32,
    height: u32,
) -> Vec<(u16, Rle)> {
    let mut out = Vec::new();
    for (id, builder) in builders.into_iter().enumerate() {
        let Some(mut b) = builder else { continue };
        if b.last_end < n {
            b.counts.push(n - b.last_end);
        }
        // Slots only exist for ids that came from a u16.
        let id = id as u16;
        let rle = Rle {
            height,
            width,
            counts: b.counts,
        };
        out.push((id, rle));
    }
    out
}

#[cfg(test)]
mod tests;
