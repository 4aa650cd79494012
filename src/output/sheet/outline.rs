//! Instance outlines at full mask resolution: the pixels of an instance that touch another value.

/// The outline of every instance in `mask` (`width * height` ids, row-major, 0 = background).
///
/// Returns a mask of the same size that keeps an instance pixel's id where one of its four
/// neighbours holds a different id, and 0 everywhere else. A neighbour outside the image counts
/// as different, so an instance cut by the image border still gets a closed outline.
/// Returns an empty vector if `mask.len() != width * height`.
pub fn outline(mask: &[u16], width: u32, height: u32) -> Vec<u16> {
    let (w, h) = (width as usize, height as usize);
    if Some(mask.len()) != w.checked_mul(h) {
        return Vec::new();
    }
    let mut out = vec![0; mask.len()];
    for y in 0..h {
        for x in 0..w {
            let id = mask[y * w + x];
            if id != 0 && on_edge(mask, w, h, x, y) {
                out[y * w + x] = id;
            }
        }
    }
    out
}

/// Whether pixel `(x, y)` has a 4-neighbour with another id, or lies on the image border.
fn on_edge(mask: &[u16], w: usize, h: usize, x: usize, y: usize) -> bool {
    if x == 0 || y == 0 || x + 1 == w || y + 1 == h {
        return true;
    }
    let i = y * w + x;
    let id = mask[i];
    mask[i - 1] != id || mask[i + 1] != id || mask[i - w] != id || mask[i + w] != id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `w`×`h` mask holding `id` on the inclusive rectangle `[x0, y0, x1, y1]`, 0 elsewhere.
    fn rect_mask(w: u32, h: u32, id: u16, [x0, y0, x1, y1]: [u32; 4]) -> Vec<u16> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| {
                let inside = (x0..=x1).contains(&x) && (y0..=y1).contains(&y);
                if inside { id } else { 0 }
            })
            .collect()
    }

    #[test]
    fn rectangle_outline_is_its_border() {
        let (w, h, r) = (12, 9, [2, 3, 8, 7]);
        let got = outline(&rect_mask(w, h, 5, r), w, h);
        for y in 0..h {
            for x in 0..w {
                let inside = (r[0]..=r[2]).contains(&x) && (r[1]..=r[3]).contains(&y);
                let border = x == r[0] || x == r[2] || y == r[1] || y == r[3];
                let want = if inside && border { 5 } else { 0 };
                assert_eq!(got[(y * w + x) as usize], want, "pixel ({x}, {y})");
            }
        }
        // Perimeter of a 7×5 rectangle: 2 * (7 + 5) - 4 pixels.
        assert_eq!(got.iter().filter(|&&v| v != 0).count(), 20);
    }

    #[test]
    fn image_border_closes_the_outline() {
        let got = outline(&[7; 9], 3, 3);
        assert_eq!(got, [7, 7, 7, 7, 0, 7, 7, 7, 7]);
    }

    #[test]
    fn touching_instances_both_get_the_shared_edge() {
        // Two 2-wide columns, ids 1 and 2, in a 4×3 image: every pixel is on an edge.
        let mask = [1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2];
        assert_eq!(outline(&mask, 4, 3), mask);
    }

    #[test]
    fn wrong_length_gives_empty() {
        assert!(outline(&[1, 2, 3], 2, 2).is_empty());
    }
}
