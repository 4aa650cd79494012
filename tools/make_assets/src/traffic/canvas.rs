//! A tiny anti-aliased rasteriser for sign-face textures: a square canvas over a square
//! of the sign plate (metres, +Y up), filled shape by shape with a coverage test, and
//! encoded as an 8-bit sRGB PNG.

use glam::Vec2;

/// Sub-samples per pixel along each axis (4 × 4 = 16 coverage samples).
const SUB: usize = 4;

/// A square RGB canvas covering `centre ± half` of the plate.
pub(super) struct Canvas {
    size: usize,
    centre: Vec2,
    half: f32,
    rgb: Vec<[f32; 3]>,
}

impl Canvas {
    /// A `size` × `size` canvas over `centre ± half` metres, filled with `background` (sRGB).
    pub fn new(size: usize, centre: Vec2, half: f32, background: [u8; 3]) -> Self {
        Self {
            size,
            centre,
            half,
            rgb: vec![background.map(f32::from); size * size],
        }
    }

    /// The texture coordinate of plate point `p` (glTF: v = 0 is the image's top row).
    pub fn uv(&self, p: Vec2) -> Vec2 {
        let q = (p - self.centre) / (2.0 * self.half);
        Vec2::new(0.5 + q.x, 0.5 - q.y)
    }

    /// Paints `colour` (sRGB) wherever `inside` holds, blended by pixel coverage.
    pub fn fill(&mut self, colour: [u8; 3], inside: impl Fn(Vec2) -> bool) {
        let step = 2.0 * self.half / (self.size * SUB) as f32;
        let origin = self.centre + Vec2::new(-self.half, self.half);
        let target = colour.map(f32::from);
        for row in 0..self.size {
            for col in 0..self.size {
                let mut hits = 0;
                for sy in 0..SUB {
                    for sx in 0..SUB {
                        let x = (col * SUB + sx) as f32 + 0.5;
                        let y = (row * SUB + sy) as f32 + 0.5;
                        hits += usize::from(inside(origin + Vec2::new(x, -y) * step));
                    }
                }
                if hits > 0 {
                    let w = hits as f32 / (SUB * SUB) as f32;
                    let px = &mut self.rgb[row * self.size + col];
                    for c in 0..3 {
                        px[c] += (target[c] - px[c]) * w;
                    }
                }
            }
        }
    }

    /// The canvas as an RGB PNG file.
    pub fn png(&self) -> Vec<u8> {
        let side = u32::try_from(self.size).expect("canvas size fits u32");
        let data: Vec<u8> = self
            .rgb
            .iter()
            .flat_map(|px| px.map(|c| c.round().clamp(0.0, 255.0) as u8))
            .collect();
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("PNG header");
        writer.write_image_data(&data).expect("PNG data");
        writer.finish().expect("PNG end");
        out
    }
}

/// Whether `p` lies on one of `lines` drawn `width` wide: flat ends, round joins (a line
/// whose last point repeats its first is closed).
pub(super) fn on_strokes(lines: &[Vec<Vec2>], width: f32, p: Vec2) -> bool {
    let hw = width * 0.5;
    lines.iter().any(|line| {
        let on_segment = line.windows(2).any(|s| {
            let e = s[1] - s[0];
            let t = (p - s[0]).dot(e) / e.length_squared();
            (0.0..=1.0).contains(&t) && p.distance(s[0] + e * t) <= hw
        });
        let on_join =
            line.len() > 2 && line[1..line.len() - 1].iter().any(|j| p.distance(*j) <= hw);
        // A closed line also joins where it starts.
        let closed = line.len() > 2 && line[0] == line[line.len() - 1];
        on_segment || on_join || (closed && p.distance(line[0]) <= hw)
    })
}

/// Whether `p` lies inside the polygon `poly` (any winding; even-odd rule).
pub(super) fn in_polygon(poly: &[Vec2], p: Vec2) -> bool {
    let mut inside = false;
    for (i, &a) in poly.iter().enumerate() {
        let b = poly[(i + 1) % poly.len()];
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) {
            inside = !inside;
        }
    }
    inside
}
