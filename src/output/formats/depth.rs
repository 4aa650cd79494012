//! Depth maps: `depth/NNNNNN.png`, 16-bit grey, millimetres along the camera's axis
//! (0 = no surface, the sky; surfaces beyond 65.535 m saturate at 65535), and, with
//! `--format depth-float`, `depth/NNNNNN.npy`, float32 metres at full range (NumPy's
//! format, `numpy.load` reads it).

use super::super::OutputError;
use super::super::atomic::write_atomic;
use super::super::layout::DatasetLayout;
use super::super::png_encode;
use std::path::PathBuf;

pub(super) fn dir(layout: &DatasetLayout) -> PathBuf {
    layout.root.join("depth")
}

/// Metres → millimetres, rounded; 0 stays 0 (no surface), the rest is at least 1 and at
/// most 65535.
pub fn millimetres(depth: &[f32]) -> Vec<u16> {
    depth
        .iter()
        .map(|&m| {
            if m > 0.0 && m.is_finite() {
                (m * 1000.0).round().clamp(1.0, 65535.0) as u16
            } else {
                0
            }
        })
        .collect()
}

/// A NumPy `.npy` (version 1.0) file of `height` × `width` little-endian float32 values.
pub fn npy(values: &[f32], width: u32, height: u32) -> Vec<u8> {
    let mut header =
        format!("{{'descr': '<f4', 'fortran_order': False, 'shape': ({height}, {width}), }}");
    // Magic (6) + version (2) + length (2) + header + newline: a multiple of 64.
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut out = Vec::with_capacity(10 + header.len() + values.len() * 4);
    out.extend_from_slice(b"\x93NUMPY\x01\x00");
    out.extend_from_slice(&(header.len() as u16).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

/// Writes image `index`'s depth PNG and, when `float`, its `.npy`.
pub(super) fn write_frame(
    layout: &DatasetLayout,
    index: u64,
    depth: &[f32],
    (width, height): (u32, u32),
    (png, float): (bool, bool),
) -> Result<(), OutputError> {
    let stem = DatasetLayout::stem(index);
    if png {
        let encoded = png_encode::encode_gray16(&millimetres(depth), width, height)?;
        write_atomic(&dir(layout).join(format!("{stem}.png")), &encoded)?;
    }
    if float {
        let bytes = npy(depth, width, height);
        write_atomic(&dir(layout).join(format!("{stem}.npy")), &bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_round_saturate_and_keep_the_sky_at_zero() {
        let mm = millimetres(&[0.0, 3.0, 1.2345, 70.0, 0.0001, f32::NAN]);
        assert_eq!(mm, [0, 3000, 1235, 65535, 1, 0]);
    }

    #[test]
    fn npy_header_is_aligned_and_describes_the_array() {
        let bytes = npy(&[1.5, -2.0, 0.0, 4.0, 5.0, 6.0], 3, 2);
        assert_eq!(&bytes[..8], b"\x93NUMPY\x01\x00");
        let len = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
        assert_eq!((10 + len) % 64, 0);
        let header = std::str::from_utf8(&bytes[10..10 + len]).unwrap();
        assert!(
            header.contains("'shape': (2, 3)") && header.ends_with('\n'),
            "{header}"
        );
        assert_eq!(bytes.len(), 10 + len + 6 * 4);
        assert_eq!(&bytes[10 + len..10 + len + 4], &1.5f32.to_le_bytes());
    }
}
