//! Person keypoints on a rendered person: a generated adult stands 6 m ahead of a camera
//! at hip height, facing it. Each keypoint lands where a pinhole projection of its joint
//! node (worked out here from the node's asset-space position) puts it, and all 17 are
//! visible; with a board 3 m ahead hiding the person below about 0.6 m, the knees and
//! ankles become occluded (1) while the head and shoulders stay visible (2).

mod common;

use glam::{Mat4, Vec3};
use sdgen::importer::{Asset, load_asset};
use sdgen::labels::geometry::{self, AssetTruth};
use sdgen::labels::keypoints::{self, Skeleton};
use sdgen::render::Renderer;
use sdgen::source::DiskSource;

const WIDTH: u32 = 128;
const HEIGHT: u32 = 192;
const EYE: f32 = 1.0;
const DISTANCE: f32 = 6.0;

fn keypoints_of(assets: &[Asset], objects: Vec<sdgen::frame::ObjectDraw>) -> [(f32, f32, u8); 17] {
    let mut camera = common::origin_camera(0.8, WIDTH as f32 / HEIGHT as f32);
    camera.view = Mat4::from_translation(Vec3::new(0.0, -EYE, 0.0));
    camera.position = Vec3::new(0.0, EYE, 0.0);
    let mut frame = common::test_frame(
        (WIDTH, HEIGHT),
        camera,
        common::sun_light(Vec3::Z, 1.0, 0.2),
        objects,
    );
    frame.objects[0].category_id = geometry::PERSON;
    let mut renderer = Renderer::new(common::gpu(), assets, WIDTH, HEIGHT, 1).unwrap();
    let images = renderer.render_now(&frame).unwrap();
    let truth_assets: Vec<AssetTruth> =
        assets.iter().map(|a| (a.bounds, Skeleton::of(a))).collect();
    let truth = geometry::objects_3d(&frame, &truth_assets);
    let mut labels = sdgen::labels::label_frame(&images.ids, WIDTH, HEIGHT).unwrap();
    keypoints::attach(&mut labels, &truth, &images.depth, (WIDTH, HEIGHT));
    let person = labels
        .instances
        .iter()
        .find(|i| i.instance_id == 1)
        .unwrap();
    person.keypoints.expect("a person has keypoints")
}

fn person() -> Asset {
    let path = common::repo().join("assets/person_adult_a.glb");
    load_asset(&DiskSource, &path).unwrap()
}

#[test]
fn keypoints_project_the_joints_and_see_what_hides_them() {
    let adult = person();
    let place = Mat4::from_translation(Vec3::new(0.0, 0.0, -DISTANCE));
    let open = keypoints_of(
        std::slice::from_ref(&adult),
        vec![common::object_at(0, 1, place)],
    );
    // Pinhole projection of each joint node's rest position.
    let focal = HEIGHT as f32 / 2.0 / (0.4f32).tan();
    for (k, name) in [
        "nose",
        "l_eye",
        "r_eye",
        "l_ear",
        "r_ear",
        "l_upper_arm",
        "r_upper_arm",
        "l_forearm",
        "r_forearm",
        "l_hand",
        "r_hand",
        "l_thigh",
        "r_thigh",
        "l_shin",
        "r_shin",
        "l_foot",
        "r_foot",
    ]
    .iter()
    .enumerate()
    {
        let node = adult.nodes.iter().find(|n| n.name == *name).unwrap();
        let p = node.world.w_axis.truncate();
        let depth = DISTANCE - p.z;
        let want = (
            WIDTH as f32 / 2.0 + focal * p.x / depth,
            HEIGHT as f32 / 2.0 - focal * (p.y - EYE) / depth,
        );
        let (x, y, v) = open[k];
        assert!(
            (x - want.0).abs() < 0.01 && (y - want.1).abs() < 0.01,
            "{name}: ({x}, {y}) vs {want:?}"
        );
        assert_eq!(v, 2, "{name} is in plain view");
    }
    // Facing the camera, the person's left shoulder is on the image's right.
    assert!(open[5].0 > open[6].0);
    let mut assets = vec![adult];
    assets.push(common::matte_quad(-2.0, 2.0, -1.0, 0.8));
    let board = Mat4::from_translation(Vec3::new(0.0, 0.0, -3.0));
    let hidden = keypoints_of(
        &assets,
        vec![
            common::object_at(0, 1, place),
            common::object_at(1, 2, board),
        ],
    );
    for (k, name) in keypoints::NAMES.iter().enumerate() {
        let want = match k {
            13..=16 => 1,
            0..=6 => 2,
            _ => continue,
        };
        assert_eq!(hidden[k].2, want, "{name} behind or above the board");
    }
}
