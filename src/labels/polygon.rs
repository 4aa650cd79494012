//! Mask outlines as polygons, for COCO polygon segmentations and YOLO segmentation labels.
//!
//! Each instance's pixels are outlined along pixel edges: every side of a pixel of the
//! instance that borders a pixel outside it is a unit edge, directed with the instance on
//! its right (clockwise on screen, y down). Edges chain into closed loops; where two
//! pixels of the instance touch only at a corner, the walk turns so that they join
//! (8-connectivity). Outer loops run clockwise and holes counter-clockwise, so the signed
//! areas of all loops add up to the pixel count exactly. Collinear points are dropped.

use std::collections::HashMap;

/// A closed loop of pixel-corner points `(x, y)`, first point not repeated.
pub type Ring = Vec<(u32, u32)>;

/// The outline of one instance: outer rings and holes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    /// Boundaries of the connected parts, clockwise on screen.
    pub outer: Vec<Ring>,
    /// Boundaries of holes, counter-clockwise on screen.
    pub holes: Vec<Ring>,
}

/// Twice the signed area of `ring` (positive when clockwise on screen, y down).
pub fn doubled_area(ring: &Ring) -> i64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (x0, y0) = ring[i];
            let (x1, y1) = ring[(i + 1) % n];
            i64::from(x0) * i64::from(y1) - i64::from(x1) * i64::from(y0)
        })
        .sum()
}

/// The outline of the pixels of `mask` (row-major, `width` wide) equal to `id`, within the
/// inclusive pixel box `[x0, y0, x1, y1]` that holds them all.
pub fn outline(mask: &[u16], width: u32, id: u16, [x0, y0, x1, y1]: [u32; 4]) -> Outline {
    let inside = |x: i64, y: i64| {
        x >= i64::from(x0)
            && y >= i64::from(y0)
            && x <= i64::from(x1)
            && y <= i64::from(y1)
            && mask[y as usize * width as usize + x as usize] == id
    };
    // Unit edges by start corner; a corner can start two edges (pixels meeting diagonally).
    let mut edges: HashMap<(i64, i64), Vec<(i64, i64)>> = HashMap::new();
    for y in i64::from(y0)..=i64::from(y1) {
        for x in i64::from(x0)..=i64::from(x1) {
            if !inside(x, y) {
                continue;
            }
            let sides = [
                (!inside(x, y - 1), (x, y), (x + 1, y)),
                (!inside(x + 1, y), (x + 1, y), (x + 1, y + 1)),
                (!inside(x, y + 1), (x + 1, y + 1), (x, y + 1)),
                (!inside(x - 1, y), (x, y + 1), (x, y)),
            ];
            for (open, from, to) in sides {
                if open {
                    edges.entry(from).or_default().push(to);
                }
            }
        }
    }
    let mut out = Outline::default();
    let mut starts: Vec<(i64, i64)> = edges.keys().copied().collect();
    starts.sort_unstable_by_key(|&(x, y)| (y, x));
    for start in starts {
        while let Some(ring) = walk(&mut edges, start) {
            let ring: Ring = simplify(&ring)
                .into_iter()
                .map(|(x, y)| (x as u32, y as u32))
                .collect();
            if doubled_area(&ring) > 0 {
                out.outer.push(ring);
            } else {
                out.holes.push(ring);
            }
        }
    }
    out
}

/// Follows unused edges from `start` until back at it, taking the sharpest left turn where
/// two edges leave a corner, so that diagonal neighbours join one ring.
fn walk(
    edges: &mut HashMap<(i64, i64), Vec<(i64, i64)>>,
    start: (i64, i64),
) -> Option<Vec<(i64, i64)>> {
    let first = edges.get_mut(&start)?.pop()?;
    let mut ring = vec![start];
    let (mut from, mut at) = (start, first);
    while at != start {
        ring.push(at);
        let heading = (at.0 - from.0, at.1 - from.1);
        let next = edges.get_mut(&at)?;
        // Left of heading (dx, dy) on screen (y down) is (dy, -dx).
        let left = (at.0 + heading.1, at.1 - heading.0);
        let pick = next.iter().position(|&n| n == left).unwrap_or(0);
        let to = next.swap_remove(pick);
        (from, at) = (at, to);
    }
    Some(ring)
}

/// Drops points where the ring goes straight on.
fn simplify(ring: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let n = ring.len();
    (0..n)
        .filter(|&i| {
            let (a, b, c) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
            (b.0 - a.0) * (c.1 - b.1) != (b.1 - a.1) * (c.0 - b.0)
        })
        .map(|i| ring[i])
        .collect()
}

/// One ring through every outer ring of `outline`, for formats with one polygon per
/// instance (YOLO): each further part is reached from the nearest point of the rings
/// joined so far and the path returns the same way (a zero-width bridge).
pub fn joined(outline: &Outline) -> Ring {
    let mut rings = outline.outer.iter();
    let Some(first) = rings.next() else {
        return Vec::new();
    };
    let mut path = first.clone();
    for ring in rings {
        let (mut best, mut at_path, mut at_ring) = (u64::MAX, 0, 0);
        for (i, &(px, py)) in path.iter().enumerate() {
            for (j, &(rx, ry)) in ring.iter().enumerate() {
                let d = u64::from(px.abs_diff(rx)).pow(2) + u64::from(py.abs_diff(ry)).pow(2);
                if d < best {
                    (best, at_path, at_ring) = (d, i, j);
                }
            }
        }
        // path[i] → ring from j all the way round → ring[j] → back to path[i].
        let mut bridge: Vec<(u32, u32)> = ring[at_ring..]
            .iter()
            .chain(&ring[..at_ring])
            .copied()
            .collect();
        bridge.extend([ring[at_ring], path[at_path]]);
        path.splice(at_path + 1..at_path + 1, bridge);
    }
    path
}

#[cfg(test)]
#[path = "polygon_tests.rs"]
mod tests;
