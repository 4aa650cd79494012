//! Unit tests of the RLE encoder, decoder and compressed-string codec.

use super::*;

/// Deterministic pseudo-random bytes (xorshift), for tests only.
fn noise(n: usize, seed: u64, modulo: u64) -> Vec<u64> {
    let mut s = seed | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s % modulo
        })
        .collect()
}

fn round_trip(mask: &[u8], w: u32, h: u32) -> Rle {
    let rle = Rle::from_mask(mask, w, h);
    let expect: Vec<u8> = mask.iter().map(|&v| u8::from(v != 0)).collect();
    assert_eq!(rle.decode(), expect);
    let s = rle.to_coco_string();
    let back = Rle::from_coco_string(h, w, &s).expect("own string parses");
    assert_eq!(back, rle);
    assert_eq!(
        rle.area(),
        expect.iter().map(|&v| u64::from(v)).sum::<u64>()
    );
    rle
}

#[test]
fn empty_and_full() {
    let rle = round_trip(&[0; 12], 4, 3);
    assert_eq!(rle.counts, vec![12]);
    assert_eq!(rle.to_coco_string(), "<");
    let rle = round_trip(&[1; 12], 4, 3);
    assert_eq!(rle.counts, vec![0, 12]);
    assert_eq!(rle.to_coco_string(), "0<");
}

#[test]
fn one_by_one_and_zero_size() {
    assert_eq!(round_trip(&[0], 1, 1).counts, vec![1]);
    assert_eq!(round_trip(&[5], 1, 1).counts, vec![0, 1]);
    let rle = round_trip(&[], 0, 0);
    assert_eq!(rle.counts, vec![0]);
}

#[test]
fn column_major_order() {
    // 3 wide, 2 high; row-major [1 0 0 / 1 1 0] -> column-major 1 1 0 1 0 0.
    let rle = round_trip(&[1, 0, 0, 1, 1, 0], 3, 2);
    assert_eq!(rle.counts, vec![0, 2, 1, 1, 2]);
}

#[test]
fn single_column_and_row() {
    round_trip(&[0, 1, 1, 0, 1], 1, 5);
    round_trip(&[1, 1, 0, 1, 0], 5, 1);
}

#[test]
fn random_round_trips() {
    for (seed, (w, h)) in [(3, (17, 9)), (5, (64, 65)), (9, (1, 40)), (11, (300, 7))] {
        let mask: Vec<u8> = noise(w * h, seed, 3)
            .iter()
            .map(|&v| u8::from(v == 0))
            .collect();
        round_trip(&mask, w as u32, h as u32);
    }
}

#[test]
fn long_runs_and_negative_deltas() {
    let counts = vec![5000, 70000, 3, 1, 2_000_000, 17, 0x7fff_ffff];
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    let rle = Rle {
        height: 1,
        width: total as u32,
        counts,
    };
    let s = rle.to_coco_string();
    assert_eq!(Rle::from_coco_string(1, rle.width, &s), Ok(rle));
}

#[test]
fn known_pycocotools_string() {
    // pycocotools: 4x4 mask with a 2x2 block at rows 1..3, cols 1..3 -> "52203".
    let mut mask = [0u8; 16];
    for (y, x) in [(1, 1), (1, 2), (2, 1), (2, 2)] {
        mask[y * 4 + x] = 1;
    }
    let rle = Rle::from_mask(&mask, 4, 4);
    assert_eq!(rle.counts, vec![5, 2, 2, 2, 5]);
    assert_eq!(rle.to_coco_string(), "52203");
}

#[test]
fn parse_errors() {
    assert_eq!(
        Rle::from_coco_string(2, 2, "3"),
        Err(RleError::SumMismatch {
            expected: 4,
            actual: 3
        })
    );
    assert!(matches!(
        Rle::from_coco_string(2, 2, "4 "),
        Err(RleError::InvalidChar { position: 1, .. })
    ));
    assert_eq!(Rle::from_coco_string(2, 2, "P"), Err(RleError::Truncated));
    assert!(matches!(
        Rle::from_coco_string(2, 2, "@"),
        Err(RleError::CountOutOfRange { index: 0, .. })
    ));
    let long = "P".repeat(20) + "0";
    assert_eq!(
        Rle::from_coco_string(2, 2, &long),
        Err(RleError::Overflow { index: 0 })
    );
}

#[test]
fn encode_instances_matches_per_instance_masks() {
    let (w, h) = (37usize, 23usize);
    // Blocky ids so that runs cross column boundaries and touch edges.
    let ids: Vec<u16> = noise(w * h, 42, 5)
        .iter()
        .enumerate()
        .map(|(p, &v)| if (p / 3) % 4 == 0 { 0 } else { v as u16 * 7 })
        .collect();
    let encoded = encode_instances(&ids, w as u32, h as u32);
    let mut expected_ids: Vec<u16> = ids.iter().copied().filter(|&i| i != 0).collect();
    expected_ids.sort_unstable();
    expected_ids.dedup();
    let got_ids: Vec<u16> = encoded.iter().map(|(id, _)| *id).collect();
    assert_eq!(got_ids, expected_ids);
    for (id, rle) in &encoded {
        let mask: Vec<u8> = ids.iter().map(|&i| u8::from(i == *id)).collect();
        assert_eq!(*rle, Rle::from_mask(&mask, w as u32, h as u32), "id {id}");
    }
}

#[test]
fn encode_instances_edges() {
    // Instance 1 fills the first and last pixel, instance 2 the rest.
    let ids = [1u16, 2, 2, 2, 2, 1];
    let enc = encode_instances(&ids, 3, 2);
    assert_eq!(enc[0], (1, Rle::from_mask(&[1, 0, 0, 0, 0, 1], 3, 2)));
    assert_eq!(enc[0].1.counts, vec![0, 1, 4, 1]);
    assert_eq!(enc[1].1.counts, vec![1, 4, 1]);
    assert!(encode_instances(&[0; 6], 3, 2).is_empty());
    let full = encode_instances(&[9; 6], 2, 3);
    assert_eq!(
        full,
        vec![(
            9,
            Rle {
                height: 3,
                width: 2,
                counts: vec![0, 6]
            }
        )]
    );
}
