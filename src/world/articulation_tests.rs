//! Poses of real people assets: limits hold, gaits mirror, crouches keep the feet down,
//! riders keep their hands and feet on the vehicle.

use super::*;
use crate::source::FileSource;
use std::path::Path;

fn asset(file: &str) -> Asset {
    let files = crate::builtin::files();
    let path = Path::new("assets").join(file);
    assert!(files.read(&path).is_ok(), "{file} is embedded");
    crate::importer::load_asset(&files, &path).unwrap()
}

fn joint(asset: &Asset, p: &PoseParams, name: &str) -> Vec3 {
    posed_joint_positions(asset, p)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap()
        .1
}

fn walk(phase: f32) -> PoseParams {
    PoseParams {
        walk_phase: phase,
        stride_deg: 25.0,
        arm_swing_deg: 20.0,
        ..PoseParams::rest(PoseMode::Walk)
    }
}

#[test]
fn every_rotation_stays_within_the_limits() {
    let mut x = 0.123f32;
    let mut next = |lo: f32, hi: f32| {
        x = (x * 9301.0 + 0.4929).fract();
        lo + (hi - lo) * x
    };
    for i in 0..1000 {
        let mode = [
            PoseMode::Stand,
            PoseMode::Walk,
            PoseMode::Crouch,
            PoseMode::Ride,
        ][i % 4];
        let p = PoseParams {
            mode,
            walk_phase: next(0.0, 1.0),
            stride_deg: next(0.0, 80.0),
            arm_swing_deg: next(0.0, 90.0),
            head_yaw_deg: next(-150.0, 150.0),
            head_pitch_deg: next(-90.0, 90.0),
            torso_lean_deg: next(-60.0, 80.0),
            crouch: next(0.0, 1.0),
        };
        for angles in joint_angles(&p).into_iter().map(clamp_to_limits) {
            let limit = LIMITS.iter().find(|l| l.joint == angles.0).unwrap();
            let [f, t, a] = angles.1;
            assert!(
                (limit.flexion.0..=limit.flexion.1).contains(&f),
                "{angles:?}"
            );
            assert!((limit.twist.0..=limit.twist.1).contains(&t), "{angles:?}");
            assert!(
                (limit.abduction.0..=limit.abduction.1).contains(&a),
                "{angles:?}"
            );
        }
    }
}

#[test]
fn rest_params_reproduce_the_rest_pose() {
    let person = asset("person_adult_a.glb");
    let parts = pose_parts(&person, &PoseParams::rest(PoseMode::Ride)).unwrap();
    assert_eq!(parts.len(), person.parts.len());
    for (posed, part) in parts.iter().zip(&person.parts) {
        assert!(
            posed.abs_diff_eq(part.transform, 1e-5),
            "{posed} vs {}",
            part.transform
        );
    }
    assert!(pose_parts(&asset("car_sedan.glb"), &walk(0.0)).is_none());
}

#[test]
fn walking_legs_mirror_at_half_a_cycle_and_swing_forward() {
    let person = asset("person_adult_b.glb");
    let (a, b) = (walk(0.25), walk(0.75));
    let (la, ra) = (joint(&person, &a, "l_foot"), joint(&person, &a, "r_foot"));
    let (lb, rb) = (joint(&person, &b, "l_foot"), joint(&person, &b, "r_foot"));
    assert!(
        la.z > 0.15 && ra.z < -0.1,
        "left foot forward at 0.25: {la} {ra}"
    );
    assert!((la.z - rb.z).abs() < 0.01 && (ra.z - lb.z).abs() < 0.01);
    // The left arm swings back while the left leg is forward.
    assert!(joint(&person, &a, "l_hand").z < joint(&person, &b, "l_hand").z);
}

#[test]
fn crouching_lowers_the_hips_and_keeps_the_feet_on_the_ground() {
    let person = asset("person_adult_c.glb");
    let rest = PoseParams::rest(PoseMode::Stand);
    let crouch = PoseParams {
        crouch: 0.8,
        ..PoseParams::rest(PoseMode::Crouch)
    };
    let drop = joint(&person, &rest, "hips").y - joint(&person, &crouch, "hips").y;
    assert!(drop > 0.2, "hips drop {drop}");
    for foot in ["l_foot", "r_foot"] {
        let dy = joint(&person, &crouch, foot).y - joint(&person, &rest, foot).y;
        assert!(
            dy.abs() < 0.02 || joint(&person, &crouch, foot).y >= 0.0,
            "{foot} {dy}"
        );
    }
    let lowest = ["l_foot", "r_foot"]
        .map(|f| joint(&person, &crouch, f).y)
        .into_iter()
        .fold(f32::INFINITY, f32::min);
    let rest_lowest = ["l_foot", "r_foot"]
        .map(|f| joint(&person, &rest, f).y)
        .into_iter()
        .fold(f32::INFINITY, f32::min);
    assert!((lowest - rest_lowest).abs() < 1e-4);
}

#[test]
fn head_yaw_turns_the_nose_about_the_neck() {
    let person = asset("person_adult_d.glb");
    let rest = PoseParams::rest(PoseMode::Stand);
    let turned = PoseParams {
        head_yaw_deg: 30.0,
        ..rest
    };
    let look = |p: &PoseParams| joint(&person, p, "nose") - joint(&person, p, "head");
    let (a, b) = (look(&rest), look(&turned));
    let angle = b.z.atan2(b.x) - a.z.atan2(a.x);
    assert!(
        (angle.to_degrees() + 30.0).abs() < 3.0,
        "{}",
        angle.to_degrees()
    );
    assert!(b.x > a.x, "turns to the person's left (+X)");
}

#[test]
fn riders_keep_hands_and_feet_on_their_vehicle() {
    for file in ["rider_bicycle_a.glb", "rider_motorcycle.glb"] {
        let rider = asset(file);
        let rest = PoseParams::rest(PoseMode::Ride);
        let moved = PoseParams {
            head_yaw_deg: 40.0,
            head_pitch_deg: 20.0,
            torso_lean_deg: 0.0,
            ..rest
        };
        for j in ["l_hand", "r_hand", "l_foot", "r_foot", "hips"] {
            let d = joint(&rider, &moved, j).distance(joint(&rider, &rest, j));
            assert!(d < 0.03, "{file} {j} moved {d}");
        }
        assert!(joint(&rider, &moved, "nose").distance(joint(&rider, &rest, "nose")) > 0.03);
    }
}
