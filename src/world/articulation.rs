//! Poses people by rotating the joints of their glTF skeleton within anatomical limits:
//! a walking gait, standing, crouching; riders keep their seat and move head and torso.
//!
//! Axes are the asset's: +Y up, the person faces +Z, +X is their left. Flexion turns a limb
//! forward (towards +Z) about the joint's X axis.

use crate::importer::Asset;
use glam::{Mat4, Quat, Vec3};
use std::f32::consts::TAU;

/// What a person is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoseMode {
    /// Standing, arms loose.
    Stand,
    /// Walking, at a phase of the gait cycle.
    Walk,
    /// Crouching, feet flat on the ground.
    Crouch,
    /// Seated on a bicycle or motorcycle (the rest pose of rider assets).
    Ride,
}

/// The pose parameters, in degrees unless noted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PoseParams {
    /// What the person is doing.
    pub mode: PoseMode,
    /// Phase of the gait cycle, 0..1 (walking).
    pub walk_phase: f32,
    /// Hip swing amplitude (walking).
    pub stride_deg: f32,
    /// Arm swing amplitude (walking), or arm angle away from the body (standing).
    pub arm_swing_deg: f32,
    /// Head turn, positive to the person's left.
    pub head_yaw_deg: f32,
    /// Head nod, positive down.
    pub head_pitch_deg: f32,
    /// Forward lean of the torso.
    pub torso_lean_deg: f32,
    /// Depth of a crouch, 0 upright .. 1 full squat.
    pub crouch: f32,
}

impl PoseParams {
    /// Standing still, looking ahead: the rest pose.
    pub fn rest(mode: PoseMode) -> Self {
        PoseParams {
            mode,
            walk_phase: 0.0,
            stride_deg: 0.0,
            arm_swing_deg: 0.0,
            head_yaw_deg: 0.0,
            head_pitch_deg: 0.0,
            torso_lean_deg: 0.0,
            crouch: 0.0,
        }
    }
}

/// Anatomical range of a joint, degrees: flexion (about X, forward positive), twist (about
/// Y, towards the person's left positive) and abduction (about Z, away from the body).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct JointLimit {
    /// Joint (glTF node) name.
    pub joint: &'static str,
    /// Flexion range.
    pub flexion: (f32, f32),
    /// Twist range.
    pub twist: (f32, f32),
    /// Abduction range.
    pub abduction: (f32, f32),
}

const fn limit(joint: &'static str, f: (f32, f32), t: (f32, f32), a: (f32, f32)) -> JointLimit {
    JointLimit {
        joint,
        flexion: f,
        twist: t,
        abduction: a,
    }
}

/// Joint limits after standard clinical ranges of motion (AAOS), rounded.
pub const LIMITS: &[JointLimit] = &[
    limit("spine", (-20.0, 45.0), (-30.0, 30.0), (-25.0, 25.0)),
    limit("chest", (-10.0, 30.0), (-20.0, 20.0), (-15.0, 15.0)),
    limit("neck", (-40.0, 60.0), (-70.0, 70.0), (-40.0, 40.0)),
    limit("head", (-20.0, 30.0), (-20.0, 20.0), (-10.0, 10.0)),
    limit("l_upper_arm", (-50.0, 170.0), (-60.0, 60.0), (0.0, 90.0)),
    limit("r_upper_arm", (-50.0, 170.0), (-60.0, 60.0), (0.0, 90.0)),
    limit("l_forearm", (0.0, 145.0), (0.0, 0.0), (0.0, 0.0)),
    limit("r_forearm", (0.0, 145.0), (0.0, 0.0), (0.0, 0.0)),
    limit("l_thigh", (-20.0, 120.0), (-30.0, 30.0), (0.0, 45.0)),
    limit("r_thigh", (-20.0, 120.0), (-30.0, 30.0), (0.0, 45.0)),
    limit("l_shin", (0.0, 140.0), (0.0, 0.0), (0.0, 0.0)),
    limit("r_shin", (0.0, 140.0), (0.0, 0.0), (0.0, 0.0)),
    limit("l_foot", (-50.0, 20.0), (0.0, 0.0), (0.0, 0.0)),
    limit("r_foot", (-50.0, 20.0), (0.0, 0.0), (0.0, 0.0)),
];

/// A joint's angles before clamping: (flexion, twist, abduction), degrees.
pub type JointAngles = (&'static str, [f32; 3]);

fn side(left: bool, name: &'static str) -> &'static str {
    match (left, name) {
        (true, "thigh") => "l_thigh",
        (false, "thigh") => "r_thigh",
        (true, "shin") => "l_shin",
        (false, "shin") => "r_shin",
        (true, "foot") => "l_foot",
        (false, "foot") => "r_foot",
        (true, "upper_arm") => "l_upper_arm",
        (false, "upper_arm") => "r_upper_arm",
        (true, "forearm") => "l_forearm",
        _ => "r_forearm",
    }
}

/// The unclamped joint angles of a pose.
pub fn joint_angles(p: &PoseParams) -> Vec<JointAngles> {
    let mut out: Vec<JointAngles> = vec![
        ("neck", [p.head_pitch_deg * 0.6, p.head_yaw_deg * 0.8, 0.0]),
        ("head", [p.head_pitch_deg * 0.4, p.head_yaw_deg * 0.2, 0.0]),
        ("spine", [p.torso_lean_deg, 0.0, 0.0]),
    ];
    match p.mode {
        PoseMode::Ride => {}
        PoseMode::Stand => {
            for left in [true, false] {
                out.push((side(left, "upper_arm"), [3.0, 0.0, p.arm_swing_deg * 0.4]));
                out.push((
                    side(left, "forearm"),
                    [8.0 + p.arm_swing_deg * 0.3, 0.0, 0.0],
                ));
            }
        }
        PoseMode::Walk => out.extend(gait(p)),
        PoseMode::Crouch => {
            let c = p.crouch;
            out[2].1[0] += 35.0 * c;
            for left in [true, false] {
                let (hip, knee) = (100.0 * c, 125.0 * c);
                out.push((side(left, "thigh"), [hip, 0.0, 8.0 * c]));
                out.push((side(left, "shin"), [knee, 0.0, 0.0]));
                out.push((side(left, "foot"), [knee - hip, 0.0, 0.0]));
                out.push((side(left, "upper_arm"), [40.0 * c, 0.0, 10.0 * c]));
                out.push((side(left, "forearm"), [50.0 * c, 0.0, 0.0]));
            }
        }
    }
    out
}

/// A walking gait: hips swing in antiphase, the swing knee bends, arms swing against the
/// legs with slightly bent elbows.
fn gait(p: &PoseParams) -> Vec<JointAngles> {
    let mut out = Vec::new();
    for left in [true, false] {
        let phase = TAU * p.walk_phase + if left { 0.0 } else { TAU / 2.0 };
        let hip = p.stride_deg * phase.sin();
        // The knee bends most in mid-swing, while the hip swings forward.
        let knee = 5.0 + 2.2 * p.stride_deg * phase.cos().max(0.0).powi(2);
        out.push((side(left, "thigh"), [hip, 0.0, 0.0]));
        out.push((side(left, "shin"), [knee, 0.0, 0.0]));
        out.push((side(left, "foot"), [knee * 0.3 - hip * 0.3, 0.0, 0.0]));
        let arm = -p.arm_swing_deg * phase.sin();
        out.push((side(left, "upper_arm"), [arm, 0.0, 4.0]));
        out.push((side(left, "forearm"), [12.0 + 0.6 * arm.max(0.0), 0.0, 0.0]));
    }
    out
}

/// Clamps angles to the joint's limits; joints without limits are left unchanged.
pub fn clamp_to_limits((joint, [f, t, a]): JointAngles) -> JointAngles {
    let Some(l) = LIMITS.iter().find(|l| l.joint == joint) else {
        return (joint, [f, t, a]);
    };
    let c = |v: f32, (lo, hi): (f32, f32)| v.clamp(lo, hi);
    (joint, [c(f, l.flexion), c(t, l.twist), c(a, l.abduction)])
}

/// The local rotation of clamped angles: twist, then abduction (mirrored for the right
/// side, so positive is always away from the body), then flexion.
pub fn rotation((joint, [f, t, a]): JointAngles) -> Quat {
    let away = if joint.starts_with("r_") { -1.0 } else { 1.0 };
    // A limb hangs down (−Y); turning it forward (+Z) is a negative turn about +X, except
    // for knees, elbows and the torso, whose flexion is measured the other way.
    let flex = match joint {
        "l_shin" | "r_shin" | "spine" | "chest" | "neck" | "head" => f,
        _ => -f,
    };
    Quat::from_rotation_y(t.to_radians())
        * Quat::from_rotation_z((away * a).to_radians())
        * Quat::from_rotation_x(flex.to_radians())
}

/// Clamped local rotations of every posed joint.
pub fn joint_rotations(p: &PoseParams) -> Vec<(&'static str, Quat)> {
    joint_angles(p)
        .into_iter()
        .map(clamp_to_limits)
        .map(|angles| (angles.0, rotation(angles)))
        .collect()
}

/// Posed node → asset transforms: rest local × joint rotation down the tree, with the whole
/// body shifted so that its lowest foot stays where it was at rest (not for riders).
fn posed_worlds(asset: &Asset, p: &PoseParams) -> Vec<Mat4> {
    let rotations = joint_rotations(p);
    let mut worlds: Vec<Mat4> = Vec::with_capacity(asset.nodes.len());
    for node in &asset.nodes {
        let turn = rotations
            .iter()
            .find(|(name, _)| *name == node.name)
            .map_or(Mat4::IDENTITY, |(_, q)| Mat4::from_quat(*q));
        let parent = node.parent.map_or(Mat4::IDENTITY, |i| worlds[i]);
        worlds.push(parent * node.local * turn);
    }
    if p.mode != PoseMode::Ride {
        let lowest = |ws: &[Mat4]| -> Option<f32> {
            asset
                .nodes
                .iter()
                .zip(ws)
                .filter(|(n, _)| n.name == "l_foot" || n.name == "r_foot")
                .map(|(_, w)| w.w_axis.y)
                .reduce(f32::min)
        };
        let rest: Vec<Mat4> = asset.nodes.iter().map(|n| n.world).collect();
        if let (Some(now), Some(then)) = (lowest(&worlds), lowest(&rest)) {
            let shift = Mat4::from_translation(Vec3::Y * (then - now));
            worlds.iter_mut().for_each(|w| *w = shift * *w);
        }
    }
    worlds
}

/// Whether the asset has a skeleton this module can pose.
pub fn is_rigged(asset: &Asset) -> bool {
    ["hips", "l_thigh", "r_thigh", "head"]
        .iter()
        .all(|j| asset.nodes.iter().any(|n| n.name == *j))
}

/// One transform per asset part (part → asset space) for the pose, or None when the asset
/// has no skeleton.
pub fn pose_parts(asset: &Asset, p: &PoseParams) -> Option<Vec<Mat4>> {
    if !is_rigged(asset) {
        return None;
    }
    let worlds = posed_worlds(asset, p);
    Some(
        asset
            .parts
            .iter()
            .map(|part| worlds[part.node] * asset.nodes[part.node].world.inverse() * part.transform)
            .collect(),
    )
}

/// Posed joint positions in asset space, by node name.
pub fn posed_joint_positions(asset: &Asset, p: &PoseParams) -> Vec<(String, Vec3)> {
    posed_worlds(asset, p)
        .iter()
        .zip(&asset.nodes)
        .map(|(w, n)| (n.name.clone(), w.w_axis.truncate()))
        .collect()
}

#[cfg(test)]
#[path = "articulation_tests.rs"]
mod tests;
