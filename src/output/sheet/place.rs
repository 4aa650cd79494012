//! Where labels go on a tile: at a box's top-left corner, inside the tile, never covering a
//! label placed before.

/// A rectangle `[x, y, w, h]` in tile pixels.
pub type Rect = [i64; 4];

/// Hands out label spots that do not overlap.
#[derive(Debug)]
pub struct Placer {
    /// Tile width and height.
    bounds: [i64; 2],
    /// Spots already given out or reserved.
    taken: Vec<Rect>,
}

impl Placer {
    /// A placer for a `width`×`height` tile with nothing placed.
    pub fn new(width: u32, height: u32) -> Self {
        Self {
            bounds: [i64::from(width), i64::from(height)],
            taken: Vec::new(),
        }
    }

    /// Marks `rect` as taken (e.g. the image stem's corner).
    pub fn reserve(&mut self, rect: Rect) {
        self.taken.push(rect);
    }

    /// The top-left corner of a free `w`×`h` spot for the label of the inclusive box
    /// `[x0, y0, x1, y1]`, trying in turn: just above the box, inside its top edge, just below
    /// it. Each is moved into the tile first. `None` if all three overlap a taken spot.
    pub fn place(&mut self, [x0, y0, _, y1]: [i64; 4], w: i64, h: i64) -> Option<(i64, i64)> {
        let x = x0.min(self.bounds[0] - w).max(0);
        let spot = [y0 - h, y0, y1 + 1]
            .into_iter()
            .map(|y| [x, y.min(self.bounds[1] - h).max(0), w, h])
            .find(|r| !self.taken.iter().any(|t| overlaps(*r, *t)))?;
        self.taken.push(spot);
        Some((spot[0], spot[1]))
    }
}

/// Whether two rectangles share a pixel.
fn overlaps([ax, ay, aw, ah]: Rect, [bx, by, bw, bh]: Rect) -> bool {
    ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_go_above_then_inside_then_below_then_nowhere() {
        let mut p = Placer::new(100, 100);
        let bbox = [10, 40, 50, 60];
        assert_eq!(p.place(bbox, 20, 9), Some((10, 31)));
        assert_eq!(p.place(bbox, 20, 9), Some((10, 40)));
        assert_eq!(p.place(bbox, 20, 9), Some((10, 61)));
        assert_eq!(p.place(bbox, 20, 9), None);
    }

    #[test]
    fn labels_stay_inside_the_tile() {
        let mut p = Placer::new(100, 50);
        // Box at the top-right corner: no room above, so inside, moved left to fit.
        assert_eq!(p.place([95, 0, 99, 10], 20, 9), Some((80, 0)));
        // Box at the bottom: the spot above is free.
        assert_eq!(p.place([0, 45, 5, 49], 20, 9), Some((0, 36)));
    }

    #[test]
    fn reserved_spots_are_avoided() {
        let mut p = Placer::new(100, 100);
        p.reserve([0, 0, 40, 9]);
        assert_eq!(p.place([5, 5, 30, 30], 20, 9), Some((5, 31)));
        assert!(!overlaps([0, 0, 10, 10], [10, 0, 5, 5]));
        assert!(overlaps([0, 0, 10, 10], [9, 9, 5, 5]));
    }
}
