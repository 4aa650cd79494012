//! Outlines of hand-drawn and pseudo-random masks: ring corners where expected, and the
//! signed areas of all rings equal to the pixel count.

use super::*;

/// A mask from rows of '#' (instance 1) and '.'.
fn mask(rows: &[&str]) -> (Vec<u16>, u32, [u32; 4]) {
    let w = rows[0].len() as u32;
    let m = rows
        .iter()
        .flat_map(|r| r.chars().map(|c| u16::from(c == '#')))
        .collect();
    (m, w, [0, 0, w - 1, rows.len() as u32 - 1])
}

fn area(o: &Outline) -> i64 {
    o.outer
        .iter()
        .chain(&o.holes)
        .map(doubled_area)
        .sum::<i64>()
        / 2
}

#[test]
fn one_pixel_is_a_unit_square_clockwise() {
    let (m, w, b) = mask(&["...", ".#.", "..."]);
    let o = outline(&m, w, 1, b);
    assert_eq!(o.outer, vec![vec![(1, 1), (2, 1), (2, 2), (1, 2)]]);
    assert!(o.holes.is_empty());
}

#[test]
fn an_l_shape_keeps_only_its_corners() {
    let (m, w, b) = mask(&["#..", "#..", "###"]);
    let o = outline(&m, w, 1, b);
    assert_eq!(o.outer.len(), 1);
    assert_eq!(o.outer[0].len(), 6);
    assert_eq!(area(&o), 5);
}

#[test]
fn a_ring_has_a_hole_and_diagonal_pixels_join() {
    let (m, w, b) = mask(&["###", "#.#", "###"]);
    let o = outline(&m, w, 1, b);
    assert_eq!((o.outer.len(), o.holes.len()), (1, 1));
    assert_eq!(doubled_area(&o.holes[0]), -2);
    assert_eq!(area(&o), 8);
    let (m, w, b) = mask(&["#..", ".#.", "..#"]);
    let o = outline(&m, w, 1, b);
    assert_eq!(o.outer.len(), 1, "{o:?}");
    assert_eq!(area(&o), 3);
}

#[test]
fn signed_areas_add_up_to_the_pixel_count_on_random_masks() {
    let mut state = 0x2545_f491_u32;
    for _ in 0..50 {
        let (w, h) = (13u32, 9u32);
        let m: Vec<u16> = (0..w * h)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                u16::from(state.is_multiple_of(3)) * 4
            })
            .collect();
        let o = outline(&m, w, 4, [0, 0, w - 1, h - 1]);
        let pixels = m.iter().filter(|&&v| v == 4).count() as i64;
        assert_eq!(area(&o), pixels);
        for ring in o.outer.iter().chain(&o.holes) {
            assert!(ring.len() >= 4 && ring.len().is_multiple_of(2), "{ring:?}");
        }
    }
}

#[test]
fn joined_visits_every_part_and_keeps_the_area() {
    let (m, w, b) = mask(&["##...", "##...", ".....", "...##"]);
    let o = outline(&m, w, 1, b);
    assert_eq!(o.outer.len(), 2);
    let path = joined(&o);
    for ring in &o.outer {
        assert!(ring.iter().all(|p| path.contains(p)));
    }
    // The bridge has no width: the joined ring's area is the parts'.
    assert_eq!(doubled_area(&path) / 2, 6);
}
