//! GPU test: one axis-aligned quad at a known pose, seen by a known camera. The instance
//! mask's pixel count and bbox must equal the analytic projection exactly.

mod common;

use glam::{Mat4, Vec3};
use sdgen::labels::label_frame;
use sdgen::render::Renderer;

/// Pixel columns (or rows) whose centres lie strictly inside (lo, hi), in pixel units.
fn covered(lo: f64, hi: f64, size: u32) -> Vec<u32> {
    (0..size)
        .filter(|&c| f64::from(c) + 0.5 > lo && f64::from(c) + 0.5 < hi)
        .collect()
}

fn check(width: u32, height: u32) {
    let (x0, x1, y0, y1, depth) = (-0.7f32, 0.45f32, -0.3f32, 0.55f32, 2.0f32);
    let aspect = width as f32 / height as f32;
    let camera = common::origin_camera(std::f32::consts::FRAC_PI_2, aspect);
    let light = common::sun_light(Vec3::Z, 1.0, 0.2);
    let quad = common::object_at(0, 7, Mat4::from_translation(Vec3::new(0.0, 0.0, -depth)));
    let frame = common::test_frame((width, height), camera, light, vec![quad]);
    let mut renderer = Renderer::new(
        common::gpu(),
        &[common::matte_quad(x0, x1, y0, y1)],
        width,
        height,
        2,
    )
    .unwrap();
    let images = renderer.render_now(&frame).unwrap();
    let labels = label_frame(&images.ids, width, height).unwrap();

    // Analytic projection, independent of the renderer: fov 90° so f = 1.
    let (w, h, a, d) = (
        f64::from(width),
        f64::from(height),
        f64::from(aspect),
        f64::from(depth),
    );
    let px = |x: f32| (f64::from(x) / (a * d) + 1.0) / 2.0 * w;
    let py = |y: f32| (1.0 - f64::from(y) / d) / 2.0 * h;
    let cols = covered(px(x0), px(x1), width);
    let rows = covered(py(y1), py(y0), height);
    let expected_bbox = [cols[0], rows[0], cols.len() as u32, rows.len() as u32];

    assert_eq!(labels.instances.len(), 1, "{width}x{height}: one instance");
    let inst = &labels.instances[0];
    assert_eq!(inst.instance_id, 7);
    assert_eq!(inst.category_id, 3);
    assert_eq!(
        inst.area,
        (cols.len() * rows.len()) as u64,
        "{width}x{height}: area"
    );
    assert_eq!(inst.bbox, expected_bbox, "{width}x{height}: bbox");
    for (p, &id) in labels.instance_mask.iter().enumerate() {
        let (c, r) = (p as u32 % width, p as u32 / width);
        let inside = cols.contains(&c) && rows.contains(&r);
        assert_eq!(
            id,
            if inside { 7 } else { 0 },
            "{width}x{height}: pixel ({c}, {r})"
        );
        let semantic = labels.semantic_mask[p];
        assert_eq!(
            semantic,
            if inside { 3 } else { 106 },
            "{width}x{height}: semantic ({c}, {r}): sky everywhere the quad is not"
        );
    }
    // Colour: lit quad is white-ish, background is the black clear colour.
    assert_eq!(&images.rgba[..3], &[0, 0, 0]);
    let centre = ((rows[rows.len() / 2] * width + cols[cols.len() / 2]) * 4) as usize;
    assert!(
        images.rgba[centre] > 200,
        "quad is lit: {}",
        images.rgba[centre]
    );
}

#[test]
fn quad_matches_analytic_projection_even_size() {
    check(64, 48);
}

#[test]
fn quad_matches_analytic_projection_odd_size() {
    check(65, 47);
}

#[test]
fn quad_matches_analytic_projection_wide() {
    check(1000, 40);
}
