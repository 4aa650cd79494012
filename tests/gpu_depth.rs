//! The depth and normal targets against analytic geometry: a camera 1.5 m above a ground
//! plane looking along it, with an upright quad 6 m ahead. Every pixel's depth (metres along
//! the camera's axis) equals the distance at which its centre's ray meets the plane or the
//! quad, and its normal is that surface's in the camera's frame (x right, y down, z
//! forward); the sky is 0 in both, exactly where the id mask says sky.

mod common;

use glam::{Mat4, Vec3};
use sdgen::frame::{CameraData, pack_id};
use sdgen::render::Renderer;

const WIDTH: u32 = 96;
const HEIGHT: u32 = 64;
const EYE: f32 = 1.5;
const QUAD_DISTANCE: f32 = 6.0;
const FOV_Y: f32 = 1.0;

#[test]
fn depth_and_normals_match_the_geometry() {
    // The ground: a quad in XY turned to lie flat (facing +Y), 400 m across.
    let ground = common::matte_quad(-200.0, 200.0, -200.0, 200.0);
    let board = common::matte_quad(-1.0, 1.0, 0.0, 1.0);
    let camera = CameraData {
        view: Mat4::from_translation(Vec3::new(0.0, -EYE, 0.0)),
        projection: glam::camera::rh::proj::directx::perspective(
            FOV_Y,
            WIDTH as f32 / HEIGHT as f32,
            0.1,
            1000.0,
        ),
        position: Vec3::new(0.0, EYE, 0.0),
    };
    let objects = vec![
        common::object_at(0, 1, Mat4::from_rotation_x(-std::f32::consts::FRAC_PI_2)),
        common::object_at(
            1,
            2,
            Mat4::from_translation(Vec3::new(0.0, 0.0, -QUAD_DISTANCE)),
        ),
    ];
    let light = common::sun_light(Vec3::Y, 1.0, 0.1);
    let frame = common::test_frame((WIDTH, HEIGHT), camera, light, objects);
    let mut renderer = Renderer::new(common::gpu(), &[ground, board], WIDTH, HEIGHT, 1).unwrap();
    let images = renderer.render_now(&frame).unwrap();
    let tan = (FOV_Y / 2.0).tan();
    let (mut ground_pixels, mut board_pixels, mut sky_pixels) = (0, 0, 0);
    for row in 0..HEIGHT {
        for col in 0..WIDTH {
            let k = (row * WIDTH + col) as usize;
            // The pixel centre's ray in view space, at unit distance along the axis.
            let x = ((col as f32 + 0.5) / WIDTH as f32 * 2.0 - 1.0) * tan * WIDTH as f32
                / HEIGHT as f32;
            let y = (1.0 - (row as f32 + 0.5) / HEIGHT as f32 * 2.0) * tan;
            let ground_hit = (y < 0.0).then(|| EYE / -y);
            let on_board = (x * QUAD_DISTANCE).abs() < 1.0
                && (EYE + y * QUAD_DISTANCE) > 0.0
                && (EYE + y * QUAD_DISTANCE) < 1.0;
            let near_edge = ((x * QUAD_DISTANCE).abs() - 1.0).abs() < 0.05
                || (EYE + y * QUAD_DISTANCE - 1.0).abs() < 0.05
                || y.abs() < 0.01;
            if near_edge {
                continue;
            }
            let depth = images.depth[k];
            let id = images.ids[k];
            let normal = &images.normals[k * 4..k * 4 + 4];
            // Encoded n * 127.5 + 127.5: the ground (+Y up) faces up the image, −y in the
            // camera's frame; the board (+Z, towards the camera) faces −z.
            let encoded = |n: [f32; 3]| n.map(|c| c * 127.5 + 127.5);
            let close = |want: [f32; 3]| {
                normal[3] == 255 && (0..3).all(|i| (f32::from(normal[i]) - want[i]).abs() <= 1.0)
            };
            if on_board {
                assert_eq!(id, pack_id(2, 3));
                assert!(
                    (depth - QUAD_DISTANCE).abs() < 1e-3,
                    "({col}, {row}): {depth}"
                );
                board_pixels += 1;
            } else if let Some(expected) = ground_hit {
                assert_eq!(id, pack_id(1, 3), "({col}, {row})");
                assert!(
                    (depth - expected).abs() < 1e-3 * expected,
                    "({col}, {row}): {depth} vs {expected}"
                );
                assert!(
                    close(encoded([0.0, -1.0, 0.0])),
                    "({col}, {row}): {normal:?}"
                );
                ground_pixels += 1;
            } else {
                assert_eq!(id, pack_id(0, 106), "({col}, {row})");
                assert_eq!(depth, 0.0, "sky at ({col}, {row})");
                assert_eq!(normal, [0; 4], "sky at ({col}, {row})");
                sky_pixels += 1;
            }
        }
    }
    println!("{ground_pixels} ground, {board_pixels} board, {sky_pixels} sky pixels checked");
    assert!(ground_pixels > 1000 && board_pixels > 50 && sky_pixels > 1000);
}
