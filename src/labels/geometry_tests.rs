//! The 3D box and the geometry labels against hand-worked cases.

use super::*;
use crate::labels::Rle;
use std::f32::consts::FRAC_PI_2;

const CAR: (Vec3, Vec3) = (Vec3::new(-0.9, 0.0, -2.2), Vec3::new(0.9, 1.5, 2.2));

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 1e-5
}

#[test]
fn a_car_facing_the_camera_ten_metres_ahead() {
    // Camera 1.5 m up looking down −Z; the car's front (+Z) faces it.
    let view = Mat4::from_translation(Vec3::new(0.0, -1.5, 0.0));
    let b = box3d(
        view,
        Mat4::from_translation(Vec3::new(2.0, 0.0, -10.0)),
        CAR,
    );
    assert_eq!(b.dimensions, [1.5, 1.8, 4.4]);
    // Bottom centre: 2 m right, 1.5 m below the camera (y down), 10 m ahead.
    assert!(close(b.location[0], 2.0) && close(b.location[1], 1.5) && close(b.location[2], 10.0));
    assert!(close(b.rotation_y, FRAC_PI_2), "{}", b.rotation_y);
    assert!(close(b.alpha, FRAC_PI_2 - 2.0f32.atan2(10.0)));
    // Centre 0.75 m above the ground: (2, 0.75, 10).
    assert!(close(b.distance, (4.0f32 + 0.5625 + 100.0).sqrt()));
}

#[test]
fn heading_and_scale_follow_the_transform() {
    // Turned so that its front points to the camera's right (+X): rotation_y 0; driving
    // away (−Z in the world): −π/2. Scaled by 2 along its own axes.
    let turn = |yaw: f32| {
        Mat4::from_translation(Vec3::new(0.0, 0.0, -20.0))
            * Mat4::from_rotation_y(yaw)
            * Mat4::from_scale(Vec3::splat(2.0))
    };
    let right = box3d(Mat4::IDENTITY, turn(FRAC_PI_2), CAR);
    assert!(close(right.rotation_y, 0.0), "{}", right.rotation_y);
    assert_eq!(right.dimensions, [3.0, 3.6, 8.8]);
    let away = box3d(Mat4::IDENTITY, turn(std::f32::consts::PI), CAR);
    assert!(close(away.rotation_y, -FRAC_PI_2), "{}", away.rotation_y);
    // Straight ahead the observation angle equals the heading.
    assert!(close(away.alpha, away.rotation_y));
}

#[test]
fn angles_wrap_into_the_half_open_interval() {
    assert!(close(wrap_angle(3.0 * PI / 2.0), -PI / 2.0));
    assert!(close(wrap_angle(-PI), PI));
    assert!(close(wrap_angle(0.25), 0.25));
}

#[test]
fn occlusion_levels_split_at_the_documented_fractions() {
    assert_eq!(occlusion_level(1.0), 0);
    assert_eq!(occlusion_level(FULLY_VISIBLE), 0);
    assert_eq!(occlusion_level(0.94), 1);
    assert_eq!(occlusion_level(PARTLY_VISIBLE), 1);
    assert_eq!(occlusion_level(0.2), 2);
}

fn instance(bbox: [u32; 4]) -> InstanceLabel {
    InstanceLabel {
        instance_id: 3,
        category_id: 3,
        area: 10,
        bbox,
        rle: Rle {
            height: 0,
            width: 0,
            counts: Vec::new(),
        },
        geometry: GeometryLabel::default(),
        crowd: false,
        keypoints: None,
    }
}

#[test]
fn labels_come_from_the_counts_and_the_box_covers_the_visible_one() {
    let coverage = ObjectCoverage {
        instance_id: 3,
        visible: 30,
        hidden: 90,
        guard_inside: 12,
        guard_outside: 4,
        amodal_box: Some([5, 6, 20, 30]),
    };
    let label = geometry_label(&instance([4, 10, 10, 5]), Some(&coverage), None);
    assert_eq!(label.visible_fraction, 0.25);
    assert_eq!(label.truncation, 0.25);
    assert_eq!(label.occlusion, 2);
    // x from the visible box (4), the rest from the amodal one: 4..=20, 6..=30.
    assert_eq!(label.amodal_bbox, [4, 6, 17, 25]);
    let alone = geometry_label(&instance([4, 10, 10, 5]), None, None);
    assert_eq!((alone.visible_fraction, alone.truncation), (1.0, 0.0));
    assert_eq!(alone.amodal_bbox, [4, 10, 10, 5]);
}
