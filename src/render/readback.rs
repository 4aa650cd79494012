//! Texture → buffer copies: the padded row layout wgpu requires, and stripping it again.

/// Row layout of one texture copied into a buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaddedLayout {
    /// Width in texels.
    pub width: u32,
    /// Height in rows.
    pub height: u32,
    /// Bytes of real data per row.
    pub unpadded_bytes_per_row: u32,
    /// Bytes per row in the buffer, a multiple of `COPY_BYTES_PER_ROW_ALIGNMENT`.
    pub padded_bytes_per_row: u32,
}

impl PaddedLayout {
    /// Layout for a `width`×`height` texture of `bytes_per_texel`.
    pub fn new(width: u32, height: u32, bytes_per_texel: u32) -> Self {
        let unpadded = width * bytes_per_texel;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
        let padded = unpadded.div_ceil(align) * align;
        Self {
            width,
            height,
            unpadded_bytes_per_row: unpadded,
            padded_bytes_per_row: padded,
        }
    }

    /// Size of the buffer that receives the copy.
    pub fn buffer_size(&self) -> u64 {
        u64::from(self.padded_bytes_per_row) * u64::from(self.height)
    }

    /// Copies the rows of `padded` into a tightly packed vector.
    pub fn strip_padding(&self, padded: &[u8]) -> Vec<u8> {
        let row = self.unpadded_bytes_per_row as usize;
        let stride = self.padded_bytes_per_row as usize;
        let mut out = Vec::with_capacity(row * self.height as usize);
        for chunk in padded.chunks(stride).take(self.height as usize) {
            out.extend_from_slice(&chunk[..row]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_width(width: u32) {
        let height = 3;
        let layout = PaddedLayout::new(width, height, 4);
        assert_eq!(layout.padded_bytes_per_row % 256, 0);
        assert!(layout.padded_bytes_per_row >= width * 4);
        assert!(layout.padded_bytes_per_row < width * 4 + 256);
        // Fill the padded buffer with row/column markers and 0xEE in the padding.
        let mut padded = vec![0xEEu8; layout.buffer_size() as usize];
        for row in 0..height as usize {
            for byte in 0..(width * 4) as usize {
                padded[row * layout.padded_bytes_per_row as usize + byte] = (row * 7 + byte) as u8;
            }
        }
        let tight = layout.strip_padding(&padded);
        assert_eq!(tight.len(), (width * height * 4) as usize);
        for row in 0..height as usize {
            for byte in 0..(width * 4) as usize {
                assert_eq!(
                    tight[row * (width * 4) as usize + byte],
                    (row * 7 + byte) as u8
                );
            }
        }
        assert!(!tight.contains(&0xEE) || width * 4 > 0xEE);
    }

    #[test]
    fn widths_1_63_64_65_1000() {
        for width in [1, 63, 64, 65, 1000] {
            check_width(width);
        }
    }

    #[test]
    fn exact_multiple_has_no_padding() {
        let layout = PaddedLayout::new(64, 2, 4);
        assert_eq!(layout.padded_bytes_per_row, 256);
        assert_eq!(layout.unpadded_bytes_per_row, 256);
    }
}
