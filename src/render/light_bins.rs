//! Artificial lights binned into clusters on the CPU (screen tiles × exponential slices of
//! view depth), so each fragment loops over the few lights whose range can reach it
//! instead of every light in the frame: lamps along a street overlap on screen, but not
//! in depth. Plain math (no wgpu); the scene shader reads the result from two storage
//! buffers.

use crate::frame::PointLight;
use glam::{Mat4, Vec3, Vec4};

/// Tile edge, pixels (the shader's `LIGHT_TILE`).
pub const TILE: u32 = 32;
/// Depth slices per tile.
pub const SLICES: u32 = 16;
/// View depth where the first slice starts and the last ends, metres (nearer and
/// further fragments use the end slices).
pub const SLICE_RANGE: (f32, f32) = (0.5, 250.0);

/// Slices per unit of ln(depth): slice = ⌊ln(depth / near) · this⌋.
pub fn slice_scale() -> f32 {
    SLICES as f32 / (SLICE_RANGE.1 / SLICE_RANGE.0).ln()
}

/// The depth slice of a view depth (metres in front of the camera).
pub fn slice_of(depth: f32) -> u32 {
    let s = (depth.max(SLICE_RANGE.0) / SLICE_RANGE.0).ln() * slice_scale();
    (s as u32).min(SLICES - 1)
}

/// One light as the shader reads it.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct GpuLight {
    /// xyz: position, world space; w: range, metres.
    pub position_range: [f32; 4],
    /// rgb: intensity (irradiance 1 m away); w: cosine of the outer half-angle (−1: point).
    pub intensity_outer: [f32; 4],
    /// xyz: spot axis; w: cosine of the inner half-angle.
    pub direction_inner: [f32; 4],
}

/// Lights and, per cluster, the range of `indices` that lists the lights reaching it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LightBins {
    /// Tiles across.
    pub columns: u32,
    /// Tiles down.
    pub rows: u32,
    /// Every light.
    pub lights: Vec<GpuLight>,
    /// Per cluster, (slice, row, column) order: (first index into `indices`, count).
    pub tiles: Vec<[u32; 2]>,
    /// Light indices, cluster after cluster.
    pub indices: Vec<u32>,
}

/// Pixel rectangle (inclusive tile range) a light's sphere of influence can cover, or
/// None when it lies wholly off screen or behind the camera.
fn tile_range(light: &PointLight, view_proj: Mat4, width: u32, height: u32) -> Option<[u32; 4]> {
    let (columns, rows) = (width.div_ceil(TILE), height.div_ceil(TILE));
    let everything = [0, 0, columns - 1, rows - 1];
    let r = light.range;
    let (mut lo, mut hi) = (glam::Vec2::splat(f32::INFINITY), glam::Vec2::NEG_INFINITY);
    let mut behind = 0;
    for k in 0..8 {
        let corner = light.position
            + Vec3::new(
                if k & 1 == 0 { -r } else { r },
                if k & 2 == 0 { -r } else { r },
                if k & 4 == 0 { -r } else { r },
            );
        let clip: Vec4 = view_proj * corner.extend(1.0);
        if clip.w <= 1e-3 {
            behind += 1;
            continue;
        }
        let ndc = clip.truncate().truncate() / clip.w;
        lo = lo.min(ndc);
        hi = hi.max(ndc);
    }
    match behind {
        8 => return None,
        // The box straddles the camera plane: its projection is unbounded.
        1..=7 => return Some(everything),
        _ => {}
    }
    if hi.x < -1.0 || lo.x > 1.0 || hi.y < -1.0 || lo.y > 1.0 {
        return None;
    }
    // NDC → pixels (y down), then tiles.
    let to_px = |x: f32, y: f32| {
        (
            ((x + 1.0) * 0.5 * width as f32).clamp(0.0, width as f32 - 1.0) as u32,
            ((1.0 - y) * 0.5 * height as f32).clamp(0.0, height as f32 - 1.0) as u32,
        )
    };
    let (x0, y0) = to_px(lo.x, hi.y);
    let (x1, y1) = to_px(hi.x, lo.y);
    Some([x0 / TILE, y0 / TILE, x1 / TILE, y1 / TILE])
}

impl LightBins {
    /// Bins `lights` for a `width`×`height` image of a camera with `view` (world → view)
    /// seen through `view_proj`.
    pub fn new(
        lights: &[PointLight],
        (view, view_proj): (Mat4, Mat4),
        width: u32,
        height: u32,
    ) -> Self {
        let (columns, rows) = (width.div_ceil(TILE), height.div_ceil(TILE));
        let mut per_tile: Vec<Vec<u32>> = vec![Vec::new(); (columns * rows * SLICES) as usize];
        let mut kept = Vec::new();
        for light in lights.iter().filter(|l| l.range > 0.0) {
            let depth = -view.transform_point3(light.position).z;
            if depth + light.range <= 0.0 {
                continue;
            }
            let Some([x0, y0, x1, y1]) = tile_range(light, view_proj, width, height) else {
                continue;
            };
            let (s0, s1) = (slice_of(depth - light.range), slice_of(depth + light.range));
            let index = kept.len() as u32;
            kept.push(gpu_light(light));
            for slice in s0..=s1 {
                for row in y0..=y1 {
                    for column in x0..=x1 {
                        per_tile[((slice * rows + row) * columns + column) as usize].push(index);
                    }
                }
            }
        }
        let mut tiles = Vec::with_capacity(per_tile.len());
        let mut indices = Vec::new();
        for list in per_tile {
            tiles.push([indices.len() as u32, list.len() as u32]);
            indices.extend(list);
        }
        Self {
            columns,
            rows,
            lights: kept,
            tiles,
            indices,
        }
    }
}

fn gpu_light(l: &PointLight) -> GpuLight {
    // The shader's smoothstep needs inner > outer; a point light's cone is everything.
    let (outer, inner) = if l.cos_outer <= -1.0 {
        (-3.0, -2.0)
    } else {
        (l.cos_outer, l.cos_inner.max(l.cos_outer + 1e-4))
    };
    GpuLight {
        position_range: l.position.extend(l.range).to_array(),
        intensity_outer: l.intensity.extend(outer).to_array(),
        direction_inner: l.direction.normalize_or_zero().extend(inner).to_array(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn camera() -> (Mat4, Mat4) {
        let proj = glam::camera::rh::proj::directx::perspective(1.0, 2.0, 0.1, 500.0);
        // At the origin looking down +Z (view = rotate 180° about Y).
        let view = Mat4::from_rotation_y(std::f32::consts::PI).inverse();
        (view, proj * view)
    }

    /// Tiles (column, row) and slices listing at least one light.
    fn lit(bins: &LightBins) -> Vec<(u32, u32, u32)> {
        (0..bins.tiles.len() as u32)
            .filter(|&t| bins.tiles[t as usize][1] > 0)
            .map(|t| {
                let per_slice = bins.columns * bins.rows;
                let tile = t % per_slice;
                (tile % bins.columns, tile / bins.columns, t / per_slice)
            })
            .collect()
    }

    fn point(position: Vec3, range: f32) -> PointLight {
        PointLight {
            position,
            intensity: Vec3::ONE,
            range,
            direction: Vec3::Y,
            cos_inner: -1.0,
            cos_outer: -1.0,
        }
    }

    #[test]
    fn a_small_light_ahead_lands_in_the_tiles_around_its_projection() {
        let bins = LightBins::new(&[point(Vec3::new(0.0, 0.0, 20.0), 1.0)], camera(), 640, 320);
        assert_eq!((bins.columns, bins.rows), (20, 10));
        let lit = lit(&bins);
        // Centre of the image is tile (10, 5); the light covers a few tiles around it, in
        // the slices from 19 m to 21 m deep only.
        let (near, far) = (slice_of(19.0), slice_of(21.0));
        assert!(lit.contains(&(10, 5, slice_of(20.0))), "{lit:?}");
        assert!(
            lit.len() <= 9 * (far - near + 1) as usize,
            "{} clusters",
            lit.len()
        );
        for &(column, row, slice) in &lit {
            assert!(
                (8..=11).contains(&column) && (4..=5).contains(&row),
                "tile {column},{row}"
            );
            assert!((near..=far).contains(&slice), "slice {slice}");
        }
    }

    #[test]
    fn lights_behind_or_beside_the_view_are_dropped_and_enclosing_ones_cover_everything() {
        let lights = [
            point(Vec3::new(0.0, 0.0, -20.0), 2.0),
            point(Vec3::new(300.0, 0.0, 20.0), 2.0),
            point(Vec3::new(0.0, 0.0, 1.0), 5.0),
        ];
        let bins = LightBins::new(&lights, camera(), 640, 320);
        assert_eq!(bins.lights.len(), 1);
        // Every tile of the slices within 6 m of the camera.
        let near_slices = (0..=slice_of(6.0)).count() * 200;
        assert_eq!(lit(&bins).len(), near_slices);
        assert_eq!(bins.indices.len(), near_slices);
    }

    #[test]
    fn slices_grow_exponentially_and_clamp_at_both_ends() {
        assert_eq!(slice_of(0.01), 0);
        assert_eq!(slice_of(SLICE_RANGE.0), 0);
        assert_eq!(slice_of(1e6), SLICES - 1);
        let width = |s: f32| (s / slice_scale()).exp() * SLICE_RANGE.0;
        // Slice k spans [near·r^k, near·r^(k+1)) with r = (far/near)^(1/SLICES).
        assert_eq!(slice_of(width(3.5)), 3);
        assert_eq!(slice_of(width(12.01)), 12);
    }
}
