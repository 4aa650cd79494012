//! Block-letter glyphs for sign faces, drawn as stroke centre lines in a box one unit
//! tall (the baseline at y = 0, the cap line at y = 1). Only the characters the signs
//! need exist: S, T, O, P, 5 and 0.

use glam::Vec2;

/// Points on the ellipse arc around `c` with radii `r`, from `a0` to `a1` degrees.
fn arc(c: Vec2, r: Vec2, a0: f32, a1: f32, n: usize) -> Vec<Vec2> {
    (0..=n)
        .map(|k| {
            let a = (a0 + (a1 - a0) * k as f32 / n as f32).to_radians();
            c + r * Vec2::new(a.cos(), a.sin())
        })
        .collect()
}

/// A closed superellipse (exponent `e`; 2 is an ellipse, larger is boxier) whose last
/// point repeats its first, on its right side.
fn superellipse(c: Vec2, r: Vec2, e: f32, n: usize) -> Vec<Vec2> {
    let f = |t: f32| t.signum() * t.abs().powf(2.0 / e);
    (0..=n)
        .map(|k| {
            let a = std::f32::consts::TAU * (k % n) as f32 / n as f32;
            c + r * Vec2::new(f(a.cos()), f(a.sin()))
        })
        .collect()
}

/// A glyph: its advance width and stroke centre lines, for stroke width `s`.
fn glyph(ch: char, s: f32) -> (f32, Vec<Vec<Vec2>>) {
    let (b, t) = (s * 0.5, 1.0 - s * 0.5);
    let v = Vec2::new;
    match ch {
        'S' => {
            let w = 0.62;
            let rx = w * 0.5 - s * 0.5;
            let upper = arc(
                v(w * 0.5, (t + 0.52) * 0.5),
                v(rx, (t - 0.52) * 0.5),
                25.0,
                270.0,
                16,
            );
            let lower = arc(
                v(w * 0.5, (0.52 + b) * 0.5),
                v(rx, (0.52 - b) * 0.5),
                90.0,
                -155.0,
                16,
            );
            (
                w,
                vec![upper.into_iter().chain(lower.into_iter().skip(1)).collect()],
            )
        }
        'T' => (
            0.6,
            vec![vec![v(0.0, t), v(0.6, t)], vec![v(0.3, 0.0), v(0.3, t)]],
        ),
        'O' => {
            let w = 0.68;
            let r = v(w * 0.5 - s * 0.5, 0.5 - s * 0.5);
            (w, vec![superellipse(v(w * 0.5, 0.5), r, 2.6, 40)])
        }
        'P' => {
            let (w, l, mid) = (0.6, s * 0.5, 0.42);
            let ry = (t - mid) * 0.5;
            let xa = w - s * 0.5 - ry;
            let mut bowl = vec![v(l, t)];
            bowl.extend(arc(v(xa, mid + ry), v(ry, ry), 90.0, -90.0, 14));
            bowl.push(v(l, mid));
            (w, vec![vec![v(l, 0.0), v(l, 1.0)], bowl])
        }
        '5' => {
            let (w, l) = (0.58, s * 0.5);
            let (c, r) = (v(w * 0.5, 0.35), v(w * 0.5 - s * 0.5, 0.35 - s * 0.5));
            // The bowl starts inside the stem's foot, which keeps its square corner.
            let stem = vec![v(l + 0.02, 1.0), v(l + 0.005, 0.44)];
            let bowl = arc(c, r, 150.0, -150.0, 22);
            (w, vec![vec![v(l + 0.01, t), v(w, t)], stem, bowl])
        }
        '0' => {
            let w = 0.58;
            let r = v(w * 0.5 - s * 0.5, 0.5 - s * 0.5);
            (w, vec![superellipse(v(w * 0.5, 0.5), r, 2.3, 40)])
        }
        _ => panic!("no glyph for {ch:?}"),
    }
}

/// The stroke lines of `text` set `height` tall and centred on `centre`, with a stroke
/// `stroke` (a fraction of the height) wide and `gap` (also a fraction) between glyphs.
/// Returns the lines and the stroke width in the same units as `height`.
pub(super) fn text(
    text: &str,
    centre: Vec2,
    height: f32,
    stroke: f32,
    gap: f32,
) -> (Vec<Vec<Vec2>>, f32) {
    let mut lines = Vec::new();
    let mut x = 0.0;
    for ch in text.chars() {
        if x > 0.0 {
            x += gap;
        }
        let (w, glyph_lines) = glyph(ch, stroke);
        lines.extend(glyph_lines.into_iter().map(|l| {
            l.into_iter()
                .map(|p| p + Vec2::new(x, 0.0))
                .collect::<Vec<_>>()
        }));
        x += w;
    }
    let offset = Vec2::new(x * 0.5, 0.5);
    let placed = lines
        .into_iter()
        .map(|l| {
            l.into_iter()
                .map(|p| centre + (p - offset) * height)
                .collect()
        })
        .collect();
    (placed, stroke * height)
}
