//! The five sign faces: each one's plate outline (metres, centred on the plate) and its
//! face artwork painted on a [`Canvas`] over that outline.

use super::canvas::{Canvas, in_polygon, on_strokes};
use super::glyphs;
use super::shapes::{circle, regular, rounded_regular, signed_distance};
use glam::Vec2;
use std::f32::consts::FRAC_PI_2;

/// Texture side in pixels (the brief allows up to 256).
const TEXELS: usize = 256;
/// Retroreflective sheeting colours, sRGB.
const RED: [u8; 3] = [196, 18, 32];
/// White sheeting.
const WHITE: [u8; 3] = [242, 242, 238];
/// Black print.
const BLACK: [u8; 3] = [24, 24, 26];
/// Blue sheeting (information signs).
const BLUE: [u8; 3] = [0, 82, 150];

/// A sign face: the plate outline (counter-clockwise, centred on its bounding box) and
/// the canvas painted over it.
pub(super) struct Face {
    /// Plate outline, metres.
    pub outline: Vec<Vec2>,
    /// Artwork covering the outline; [`Canvas::uv`] maps outline points to UVs.
    pub canvas: Canvas,
}

/// Recentres `outline` on its bounding box; returns it and the bounding box half-size.
fn centred(outline: Vec<Vec2>) -> (Vec<Vec2>, f32) {
    let lo = outline.iter().fold(Vec2::INFINITY, |a, p| a.min(*p));
    let hi = outline.iter().fold(Vec2::NEG_INFINITY, |a, p| a.max(*p));
    let mid = (lo + hi) * 0.5;
    let half = ((hi - lo) * 0.5).max_element();
    (outline.into_iter().map(|p| p - mid).collect(), half)
}

/// Signed distance to a regular `n`-gon (apothem `a`, edge normal at `rot`) whose
/// corners are rounded to `round`, centred on `centre`.
fn rounded_sd(n: usize, a: f32, round: f32, rot: f32, centre: Vec2) -> impl Fn(Vec2) -> f32 {
    let core = regular(n, a - round, rot);
    move |p| signed_distance(&core, p - centre) - round
}

/// A face with `outline` (recentred) and a canvas over it filled with `background`.
fn face(outline: Vec<Vec2>, background: [u8; 3]) -> Face {
    let (outline, half) = centred(outline);
    Face {
        outline,
        canvas: Canvas::new(TEXELS, Vec2::ZERO, half + 0.004, background),
    }
}

/// STOP: a red octagon 0.75 m across the flats, white border, white STOP.
pub(super) fn stop() -> Face {
    let (a, round) = (0.375, 0.02);
    let mut f = face(rounded_regular(8, a, round, 0.0, 2), WHITE);
    let sd = rounded_sd(8, a, round, 0.0, Vec2::ZERO);
    f.canvas.fill(RED, |p| sd(p) <= -0.02);
    let (lines, width) = glyphs::text("STOP", Vec2::ZERO, 0.2, 0.17, 0.1);
    f.canvas.fill(WHITE, |p| on_strokes(&lines, width, p));
    f
}

/// Give way: an inverted triangle with 0.9 m sides, red border, white centre.
pub(super) fn yield_sign() -> Face {
    let (a, round) = (0.26, 0.04);
    let outline = rounded_regular(3, a, round, FRAC_PI_2, 4);
    // The outline's bounding box is off the triangle's centre; paint in the shifted frame.
    let lo = outline.iter().fold(Vec2::INFINITY, |m, p| m.min(*p));
    let hi = outline.iter().fold(Vec2::NEG_INFINITY, |m, p| m.max(*p));
    let centre = -(lo + hi) * 0.5;
    let mut f = face(outline, WHITE);
    let sd = rounded_sd(3, a, round, FRAC_PI_2, centre);
    f.canvas.fill(RED, |p| sd(p) <= -0.012);
    f.canvas.fill(WHITE, |p| sd(p) <= -0.105);
    f
}

/// Speed limit 50: a white disc 0.6 m across with a red ring and black digits.
pub(super) fn speed_limit() -> Face {
    let mut f = face(circle(Vec2::ZERO, 0.3, 40), WHITE);
    f.canvas.fill(RED, |p| p.length() <= 0.29);
    f.canvas.fill(WHITE, |p| p.length() <= 0.232);
    let (lines, width) = glyphs::text("50", Vec2::ZERO, 0.25, 0.15, 0.09);
    f.canvas.fill(BLACK, |p| on_strokes(&lines, width, p));
    f
}

/// No entry: a red disc 0.6 m across with a white horizontal bar.
pub(super) fn no_entry() -> Face {
    let mut f = face(circle(Vec2::ZERO, 0.3, 40), WHITE);
    f.canvas.fill(RED, |p| p.length() <= 0.292);
    f.canvas
        .fill(WHITE, |p| p.x.abs() <= 0.21 && p.y.abs() <= 0.052);
    f
}

/// Pedestrian crossing: a blue 0.6 m square with a white triangle and a black walking
/// person on zebra stripes.
pub(super) fn pedestrian_crossing() -> Face {
    let (a, round) = (0.3, 0.03);
    let mut f = face(rounded_regular(4, a, round, 0.0, 3), WHITE);
    let square = rounded_sd(4, a, round, 0.0, Vec2::ZERO);
    f.canvas.fill(BLUE, |p| square(p) <= -0.012);
    let tri_a = 0.14;
    let triangle = rounded_sd(
        3,
        tri_a,
        0.018,
        -FRAC_PI_2,
        Vec2::new(0.0, -tri_a * 0.5 - 0.005),
    );
    f.canvas.fill(WHITE, |p| triangle(p) <= 0.0);
    let bars: Vec<Vec<Vec2>> = (0..4)
        .map(|k| {
            let x = -0.105 + 0.062 * k as f32;
            let v = Vec2::new;
            vec![
                v(x, -0.178),
                v(x + 0.04, -0.178),
                v(x + 0.052, -0.158),
                v(x + 0.012, -0.158),
            ]
        })
        .collect();
    f.canvas
        .fill(BLACK, |p| bars.iter().any(|b| in_polygon(b, p)));
    let (body, limbs) = person();
    let head = Vec2::new(0.018, 0.088);
    f.canvas.fill(BLACK, |p| {
        p.distance(head) <= 0.026 || on_strokes(&body, 0.04, p) || on_strokes(&limbs, 0.026, p)
    });
    f
}

/// The walking person's stroke lines (torso; arms and legs), walking towards +X.
fn person() -> (Vec<Vec<Vec2>>, Vec<Vec<Vec2>>) {
    let v = Vec2::new;
    let (neck, hip) = (v(0.010, 0.050), v(-0.006, -0.032));
    let shoulder = v(0.008, 0.040);
    let body = vec![vec![neck, hip]];
    let limbs = vec![
        vec![hip, v(0.030, -0.085), v(0.060, -0.138), v(0.078, -0.138)],
        vec![hip, v(-0.030, -0.088), v(-0.068, -0.128), v(-0.060, -0.142)],
        vec![shoulder, v(0.040, 0.004), v(0.058, -0.028)],
        vec![shoulder, v(-0.026, 0.006), v(-0.048, -0.026)],
    ];
    (body, limbs)
}

/// Every sign: (file name, face).
pub(super) fn all() -> Vec<(&'static str, Face)> {
    vec![
        ("sign_stop", stop()),
        ("sign_yield", yield_sign()),
        ("sign_speed_limit", speed_limit()),
        ("sign_no_entry", no_entry()),
        ("sign_pedestrian_crossing", pedestrian_crossing()),
    ]
}
