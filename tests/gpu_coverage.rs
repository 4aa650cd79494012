//! The coverage pass against analytic geometry. A camera at the origin looks down −Z with
//! a field of view that puts 16 pixels on a metre 4 m away (32 px/m at 192×128), so every
//! board's silhouette, its hidden part and its part outside the frame are known in whole
//! pixels.

mod common;

use glam::{Mat4, Vec3};
use sdgen::frame::{FrameData, ObjectCoverage};
use sdgen::render::Renderer;

const WIDTH: u32 = 192;
const HEIGHT: u32 = 128;
/// Pixels per metre on a plane `distance` metres ahead.
fn px_per_m(distance: f32) -> f32 {
    32.0 * 4.0 / distance
}

/// A board `x0..x1` × `y0..y1` (metres, camera axes) `distance` metres ahead, instance `id`.
fn board(
    assets: &mut Vec<sdgen::importer::Asset>,
    (x0, x1, y0, y1): (f32, f32, f32, f32),
    distance: f32,
    id: u16,
) -> sdgen::frame::ObjectDraw {
    assets.push(common::matte_quad(x0, x1, y0, y1));
    common::object_at(
        assets.len() - 1,
        id,
        Mat4::from_translation(Vec3::new(0.0, 0.0, -distance)),
    )
}

fn frame(objects: Vec<sdgen::frame::ObjectDraw>) -> FrameData {
    // tan(fov/2) = 0.5: 2 m above the axis at 4 m fills half the height (64 px).
    let camera = common::origin_camera(2.0 * 0.5f32.atan(), WIDTH as f32 / HEIGHT as f32);
    common::test_frame(
        (WIDTH, HEIGHT),
        camera,
        common::sun_light(Vec3::Z, 1.0, 0.2),
        objects,
    )
}

fn coverage_of(assets: &[sdgen::importer::Asset], frame: &FrameData) -> Vec<ObjectCoverage> {
    let mut renderer = Renderer::new(common::gpu(), assets, WIDTH, HEIGHT, 1).unwrap();
    let images = renderer.render_now(frame).unwrap();
    // Cross-check the visible counts against the id mask itself (a distorting lens resamples
    // the mask, so then they differ).
    let pinhole = frame.lens.k1 == 0.0 && frame.lens.k2 == 0.0;
    for c in images.coverage.iter().filter(|_| pinhole) {
        let in_mask = images
            .ids
            .iter()
            .filter(|&&p| p & 0xffff == u32::from(c.instance_id))
            .count() as u64;
        assert_eq!(c.visible, in_mask, "instance {}", c.instance_id);
    }
    images.coverage
}

/// Pixel column of x metres at `distance`, pixel row of y metres.
fn col(x: f32, distance: f32) -> u32 {
    (WIDTH as f32 / 2.0 + x * px_per_m(distance)) as u32
}
fn row(y: f32, distance: f32) -> u32 {
    (HEIGHT as f32 / 2.0 - y * px_per_m(distance)) as u32
}

#[test]
fn an_unoccluded_board_is_wholly_visible_with_its_box() {
    let mut assets = Vec::new();
    let objects = vec![board(&mut assets, (-1.0, 1.5, -0.75, 0.5), 4.0, 1)];
    let coverage = coverage_of(&assets, &frame(objects));
    assert_eq!(coverage.len(), 1);
    let c = coverage[0];
    // 2.5 m × 1.25 m at 32 px/m.
    assert_eq!((c.visible, c.hidden), (80 * 40, 0));
    assert_eq!(c.guard_outside, 0);
    assert!(c.guard_inside > 0);
    let want = [
        col(-1.0, 4.0),
        row(0.5, 4.0),
        col(1.5, 4.0) - 1,
        row(-0.75, 4.0) - 1,
    ];
    assert_eq!(c.amodal_box, Some(want));
}

#[test]
fn through_a_distorting_lens_counts_stay_consistent() {
    let mut assets = Vec::new();
    let objects = vec![
        board(&mut assets, (-2.5, -1.0, -1.0, 1.5), 4.0, 1),
        board(&mut assets, (1.0, 2.0, 0.0, 1.0), 4.0, 2),
        board(&mut assets, (2.5, 3.5, -1.0, 1.0), 4.0, 3),
    ];
    let mut f = frame(objects);
    f.lens.k1 = -0.15;
    f.lens.k2 = 0.02;
    let coverage = coverage_of(&assets, &f);
    for c in &coverage {
        // Nothing hides anything: every pixel of each silhouette inside the frame is seen.
        assert_eq!(c.hidden, 0, "{c:?}");
        assert!(c.amodal_box.is_some());
    }
    let by_id = |id: u16| coverage.iter().find(|c| c.instance_id == id).unwrap();
    assert_eq!(by_id(2).guard_outside, 0);
    // Barrel distortion pulls the frame's edge outwards in the undistorted view: the third
    // board, which a pinhole would cut at 3 m, keeps part of itself outside.
    let cut = by_id(3);
    assert!(cut.guard_outside > 0 && cut.guard_inside > 0, "{cut:?}");
}

#[test]
fn a_pixel_that_several_triangles_cover_counts_once() {
    let mut assets = Vec::new();
    let mut objects = vec![board(&mut assets, (-1.0, 1.0, -1.0, 1.0), 4.0, 1)];
    // The same board drawn three times over, and a second part on top of it.
    let indices = assets[0].primitives[0].indices.repeat(3);
    assets[0].primitives[0].indices = indices;
    let second = assets[0].parts[0].clone();
    assets[0].parts.push(second);
    objects.push(board(&mut assets, (-3.0, -2.0, -1.0, 1.0), 4.0, 2));
    let coverage = coverage_of(&assets, &frame(objects));
    let c = coverage.iter().find(|c| c.instance_id == 1).unwrap();
    assert_eq!((c.visible, c.hidden), (64 * 64, 0));
}

#[test]
fn a_board_behind_another_is_partly_hidden_and_keeps_its_whole_box() {
    let mut assets = Vec::new();
    // The front board, 2 m away, hides the back board from x = 0.5 m (at 4 m) rightwards:
    // a quarter of its 2 m width.
    let objects = vec![
        board(&mut assets, (-1.0, 1.0, -1.0, 1.0), 4.0, 1),
        board(&mut assets, (0.25, 2.0, -1.0, 1.0), 2.0, 2),
    ];
    let coverage = coverage_of(&assets, &frame(objects));
    let back = coverage.iter().find(|c| c.instance_id == 1).unwrap();
    let total = back.visible + back.hidden;
    assert_eq!(total, 64 * 64);
    let fraction = back.visible as f64 / total as f64;
    assert!(
        (fraction - 0.75).abs() < 0.01,
        "visible fraction {fraction}"
    );
    // The amodal box is the whole board, hidden part included.
    let want = [
        col(-1.0, 4.0),
        row(1.0, 4.0),
        col(1.0, 4.0) - 1,
        row(-1.0, 4.0) - 1,
    ];
    assert_eq!(back.amodal_box, Some(want));
    let front = coverage.iter().find(|c| c.instance_id == 2).unwrap();
    assert_eq!(front.hidden, 0);
}

#[test]
fn truncation_counts_the_silhouette_outside_the_frame() {
    let mut assets = Vec::new();
    // The frame's right edge is 3 m out at 4 m; the board spans 2 m .. 4 m: half outside.
    let objects = vec![board(&mut assets, (2.0, 4.0, -1.0, 1.0), 4.0, 1)];
    let coverage = coverage_of(&assets, &frame(objects));
    let c = coverage[0];
    let truncation = c.guard_outside as f64 / (c.guard_inside + c.guard_outside) as f64;
    assert!((truncation - 0.5).abs() < 0.03, "truncation {truncation}");
    assert_eq!(c.hidden, 0);
    // The amodal box is clipped to the image.
    let want = [col(2.0, 4.0), row(1.0, 4.0), WIDTH - 1, row(-1.0, 4.0) - 1];
    assert_eq!(c.amodal_box, Some(want));
}

#[test]
fn objects_outside_the_frame_but_inside_the_guard_band_are_counted_there_only() {
    let mut assets = Vec::new();
    let objects = vec![board(&mut assets, (3.5, 4.5, -1.0, 1.0), 4.0, 1)];
    let coverage = coverage_of(&assets, &frame(objects));
    let c = coverage[0];
    assert_eq!((c.visible, c.hidden, c.guard_inside), (0, 0, 0));
    assert!(c.guard_outside > 0);
    assert_eq!(c.amodal_box, None);
}
