//! Palette previews of the semantic mask: `palette/NNNNNN.png`, an indexed PNG whose
//! indices are the semantic mask's category ids and whose palette colours them (Cityscapes'
//! colours for the classes it has), so any image viewer shows the classes and
//! `numpy.array(PIL.Image.open(...))` still gives the ids.

use super::super::OutputError;
use super::super::atomic::write_atomic;
use super::super::layout::DatasetLayout;
use super::super::png_encode;
use std::path::PathBuf;

pub(super) fn dir(layout: &DatasetLayout) -> PathBuf {
    layout.root.join("palette")
}

/// The colour of a catalogue category by name: Cityscapes' where it has the class, a
/// fixed distinct colour for the catalogue's others, and one derived from the name for
/// categories a scene adds.
pub fn category_colour(name: &str) -> [u8; 3] {
    match name {
        "road" => [128, 64, 128],
        "sidewalk" => [244, 35, 232],
        "building" => [70, 70, 70],
        "pole" => [153, 153, 153],
        "traffic light" => [250, 170, 30],
        "traffic sign" => [220, 220, 0],
        "vegetation" => [107, 142, 35],
        "terrain" => [152, 251, 152],
        "sky" => [70, 130, 180],
        "person" => [220, 20, 60],
        "rider" => [255, 0, 0],
        "car" => [0, 0, 142],
        "truck" => [0, 0, 70],
        "bus" => [0, 60, 100],
        "motorcycle" => [0, 0, 230],
        "bicycle" => [119, 11, 32],
        "stop sign" => [190, 0, 120],
        "traffic cone" => [255, 120, 0],
        "barrier" => [180, 165, 180],
        other => {
            // FNV-1a of the name, kept away from black.
            let hash = other.bytes().fold(0x811c_9dc5_u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            });
            [16, 8, 0].map(|shift| 64 + ((hash >> shift) & 0xff) as u8 % 192)
        }
    }
}

/// The PLTE chunk: 256 RGB entries, category `id`'s colour at index `id`, black elsewhere
/// (unlabelled pixels).
pub fn palette(all: &[(u16, String)]) -> Vec<u8> {
    let mut table = vec![0u8; 256 * 3];
    for (id, name) in all {
        let at = usize::from(*id) * 3;
        if let Some(slot) = table.get_mut(at..at + 3) {
            slot.copy_from_slice(&category_colour(name));
        }
    }
    table
}

/// Writes image `index`'s palette preview of `semantic`.
pub(super) fn write_frame(
    layout: &DatasetLayout,
    index: u64,
    semantic: &[u8],
    table: &[u8],
    (width, height): (u32, u32),
) -> Result<(), OutputError> {
    let png = png_encode::encode_indexed8(semantic, table, width, height)?;
    let path = dir(layout).join(format!("{}.png", DatasetLayout::stem(index)));
    write_atomic(&path, &png)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_colours_are_distinct() {
        let names = [
            "road",
            "sidewalk",
            "building",
            "pole",
            "traffic light",
            "traffic sign",
            "vegetation",
            "terrain",
            "sky",
            "person",
            "rider",
            "car",
            "truck",
            "bus",
            "motorcycle",
            "bicycle",
            "stop sign",
            "traffic cone",
            "barrier",
            "kiosk",
        ];
        let colours: std::collections::HashSet<[u8; 3]> =
            names.iter().map(|n| category_colour(n)).collect();
        assert_eq!(colours.len(), names.len());
        assert!(!colours.contains(&[0, 0, 0]));
        let table = palette(&[(3, "car".into()), (106, "sky".into())]);
        assert_eq!(&table[9..12], &[0, 0, 142]);
        assert_eq!(&table[318..321], &[70, 130, 180]);
        assert_eq!(&table[..3], &[0, 0, 0]);
    }
}
