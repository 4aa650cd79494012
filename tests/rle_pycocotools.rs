//! Checks the COCO RLE and bbox code against vectors produced by pycocotools
//! (see `tests/fixtures/rle/make_vectors.py`).

use sdgen::frame::pack_id;
use sdgen::labels::{Rle, label_frame};
use serde::Deserialize;

/// One mask with pycocotools' answers for it.
#[derive(Deserialize)]
struct Vector {
    name: String,
    height: u32,
    width: u32,
    /// Row-major '0'/'1' characters.
    mask: String,
    /// pycocotools compressed counts string.
    counts: String,
    area: u64,
    /// pycocotools `toBbox`: `[x, y, w, h]` as floats.
    bbox: [f64; 4],
}

#[derive(Deserialize)]
struct Fixture {
    vectors: Vec<Vector>,
}

fn load() -> Vec<Vector> {
    let text = include_str!("fixtures/rle/vectors.json");
    let fixture: Fixture = serde_json::from_str(text).expect("vectors.json parses");
    assert!(fixture.vectors.len() >= 40, "fixture lost vectors");
    fixture.vectors
}

fn mask_bytes(v: &Vector) -> Vec<u8> {
    let mask: Vec<u8> = v.mask.bytes().map(|b| u8::from(b == b'1')).collect();
    assert_eq!(mask.len() as u64, u64::from(v.width) * u64::from(v.height));
    mask
}

#[test]
fn encode_matches_pycocotools_strings() {
    for v in load() {
        let rle = Rle::from_mask(&mask_bytes(&v), v.width, v.height);
        assert_eq!(rle.to_coco_string(), v.counts, "{}", v.name);
        assert_eq!(rle.area(), v.area, "{}", v.name);
    }
}

#[test]
fn decode_pycocotools_strings() {
    for v in load() {
        let rle = Rle::from_coco_string(v.height, v.width, &v.counts)
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!((rle.height, rle.width), (v.height, v.width), "{}", v.name);
        assert_eq!(rle.decode(), mask_bytes(&v), "{}", v.name);
        assert_eq!(rle.area(), v.area, "{}", v.name);
    }
}

#[test]
fn label_frame_matches_pycocotools() {
    const INSTANCE: u16 = 5;
    const CATEGORY: u16 = 3;
    for v in load() {
        // Mask pixels are instance 5; the rest is stuff (instance 0, category 7).
        let ids: Vec<u32> = mask_bytes(&v)
            .iter()
            .map(|&m| {
                if m != 0 {
                    pack_id(INSTANCE, CATEGORY)
                } else {
                    pack_id(0, 7)
                }
            })
            .collect();
        let labels = label_frame(&ids, v.width, v.height).unwrap_or_else(|e| panic!("{e}"));
        if v.area == 0 {
            assert!(labels.instances.is_empty(), "{}", v.name);
            assert_eq!(v.bbox, [0.0; 4], "{}", v.name);
            continue;
        }
        assert_eq!(labels.instances.len(), 1, "{}", v.name);
        let inst = &labels.instances[0];
        assert_eq!(inst.instance_id, INSTANCE, "{}", v.name);
        assert_eq!(inst.category_id, CATEGORY, "{}", v.name);
        assert_eq!(inst.area, v.area, "{}", v.name);
        assert_eq!(inst.bbox.map(f64::from), v.bbox, "{}", v.name);
        assert_eq!(inst.rle.to_coco_string(), v.counts, "{}", v.name);
    }
}
