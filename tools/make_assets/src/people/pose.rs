//! Poses: how the joint tree is bent, and the riding pose that puts a person on a
//! bicycle or motorcycle.
//!
//! A [`Pose`] is the hips node's translation plus one local rotation per joint node,
//! exactly what the glTF nodes carry (identity everywhere is the neutral standing pose).
//! A joint's rotation turns everything below it about the joint, in its parent's frame,
//! so a limb is posed by giving each bone a world orientation and dividing out the
//! parent's: `local = parent_world⁻¹ · world`. [`ride`] does that from mount points:
//! it seats the pelvis, leans the torso, then solves each arm and leg as a two-bone
//! chain (law of cosines) so the palms close on the grips (wrists bent back, palms
//! down) and the soles rest on the pedals or pegs.

use super::limbs::shoe;
use super::skeleton::{Joint, Skeleton};
use glam::{Mat3, Quat, Vec3};

/// The hips node's translation and every joint's local rotation.
#[derive(Clone, Debug)]
pub(crate) struct Pose {
    /// Translation of the hips node relative to the file's root.
    pub hips: Vec3,
    /// Local rotation per joint, indexed by [`Joint::index`].
    pub rot: [Quat; 17],
}

impl Pose {
    /// The neutral standing pose.
    pub fn neutral(sk: &Skeleton) -> Self {
        Self {
            hips: sk.at(Joint::Hips),
            rot: [Quat::IDENTITY; 17],
        }
    }

    /// World position and rotation of every joint (forward kinematics).
    pub fn world(&self, sk: &Skeleton) -> [(Vec3, Quat); 17] {
        let mut out = [(Vec3::ZERO, Quat::IDENTITY); 17];
        for j in Joint::ALL {
            let local = self.rot[j.index()];
            out[j.index()] = match j.parent() {
                None => (self.hips, local),
                Some(p) => {
                    let (pp, pq) = out[p.index()];
                    (pp + pq * sk.bone(p, j), pq * local)
                }
            };
        }
        out
    }

    /// Sets `j`'s local rotation so that its world rotation becomes `world`.
    fn set_world(&mut self, sk: &Skeleton, j: Joint, world: Quat) {
        let parent = j
            .parent()
            .map_or(Quat::IDENTITY, |p| self.world(sk)[p.index()].1);
        self.rot[j.index()] = (parent.inverse() * world).normalize();
    }
}

/// Where a vehicle holds its rider, in vehicle space (the rider's root frame).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mount {
    /// Top centre of the saddle or seat.
    pub seat: Vec3,
    /// Handlebar grip centres, left (+X) then right.
    pub grips: [Vec3; 2],
    /// Where each sole rests (pedal or peg top), left then right.
    pub soles: [Vec3; 2],
    /// Toe-down pitch of each foot, radians.
    pub toe_down: [f32; 2],
    /// Allowed torso lean from vertical (radians, see [`torso_lean`]); the pose picks
    /// the lean within it that leaves the elbows slightly bent.
    pub lean: (f32, f32),
    /// Which way the knees point (their outward component; forward is +Z).
    pub knees_out: f32,
}

/// The world rotation taking a bone from its rest direction and facing (`rest_dir`,
/// `rest_front`) to (`dir`, `front`); the fronts need only not be parallel to the dirs.
fn aim(rest_dir: Vec3, rest_front: Vec3, dir: Vec3, front: Vec3) -> Quat {
    let basis = |d: Vec3, f: Vec3| {
        let d = d.normalize();
        let f = (f - d * f.dot(d)).normalize();
        Mat3::from_cols(d, f, d.cross(f))
    };
    Quat::from_mat3(&(basis(dir, front) * basis(rest_dir, rest_front).transpose())).normalize()
}

/// Two-bone chain from `root` towards `target` with bone lengths `a` and `b`, the middle
/// joint bending towards `pole`; returns the middle joint and the end's position.
fn two_bone(root: Vec3, target: Vec3, a: f32, b: f32, pole: Vec3) -> (Vec3, Vec3) {
    let to = target - root;
    let dir = to.normalize();
    let dist = to.length().clamp((a - b).abs() + 1e-4, a + b - 1e-4);
    let cos = ((a * a + dist * dist - b * b) / (2.0 * a * dist)).clamp(-1.0, 1.0);
    let perp = (pole - dir * pole.dot(dir)).normalize();
    let mid = root + (dir * cos + perp * (1.0 - cos * cos).sqrt()) * a;
    (mid, root + dir * dist)
}

/// The direction in which the middle joint `mid` sticks out of the line `root`–`end`
/// (`pole` when the chain is straight).
fn bend(root: Vec3, mid: Vec3, end: Vec3, pole: Vec3) -> Vec3 {
    let line = (end - root).normalize();
    let off = (mid - root) - line * (mid - root).dot(line);
    if off.length() > 1e-4 { off } else { pole }
}

/// Where on the palm a grip sits, relative to the wrist, along the hand.
pub(crate) fn palm_offset(sk: &Skeleton) -> f32 {
    0.42 * sk.hand_len()
}

/// The seat contact under the pelvis, relative to the hips node (rest frame).
pub(crate) fn seat_offset(sk: &Skeleton) -> Vec3 {
    Vec3::new(0.0, -0.1 * sk.s, -0.02 * sk.s)
}

/// The wrist's local rotation for gripping a handlebar: the hand bent back by `angle`
/// towards its back (the rest pose's lateral side), so the fingers wrap forward.
fn wrist_extension(sk: &Skeleton, side: f32, angle: f32) -> Quat {
    let d = sk.hand_dir(side);
    Quat::from_axis_angle(d.cross(Vec3::X * side).normalize(), angle)
}

/// Poses an arm so the palm closes on `grip`; returns how far the wrist had to reach
/// as a fraction of the arm's length.
fn reach(sk: &Skeleton, pose: &mut Pose, side: f32, grip: Vec3) -> f32 {
    let [sh, el, wr] = Joint::arm(side);
    let (a, b) = (sk.bone(sh, el).length(), sk.bone(el, wr).length());
    let shoulder = pose.world(sk)[sh.index()].0;
    let pole = Vec3::new(side * 0.45, -0.7, -0.55);
    let (rest_up, rest_fore) = (sk.bone(sh, el).normalize(), sk.bone(el, wr).normalize());
    let wrist = wrist_extension(sk, side, 0.55);
    pose.rot[wr.index()] = wrist;
    // The palm's offset from the wrist in the forearm's frame.
    let palm = wrist * sk.hand_dir(side) * palm_offset(sk);
    // Palms down on the grips: the thumb side (rest +Z) turns inwards.
    let thumb = Vec3::new(-side, 0.35, 0.0);
    let mut fore = aim(rest_fore, Vec3::Z, grip - shoulder, thumb);
    let mut ratio = 0.0;
    for _ in 0..8 {
        let target = grip - fore * palm;
        ratio = (target - shoulder).length() / (a + b);
        let (elbow, end) = two_bone(shoulder, target, a, b, pole);
        let perp = bend(shoulder, elbow, end, pole);
        pose.set_world(sk, sh, aim(rest_up, Vec3::Z, elbow - shoulder, -perp));
        fore = aim(rest_fore, Vec3::Z, end - elbow, thumb);
        pose.set_world(sk, el, fore);
    }
    ratio
}

/// Poses a leg so the sole under the ball of the foot rests on `sole`.
fn step(sk: &Skeleton, pose: &mut Pose, side: f32, sole: Vec3, toe_down: f32, out: f32) {
    let [hp, kn, an] = Joint::leg(side);
    let (a, b) = (sk.bone(hp, kn).length(), sk.bone(kn, an).length());
    let foot = Quat::from_rotation_x(toe_down);
    let ankle = sole - foot * shoe(sk).1;
    let hip = pose.world(sk)[hp.index()].0;
    let pole = Vec3::new(side * out, 0.35, 1.0);
    let (knee, end) = two_bone(hip, ankle, a, b, pole);
    let perp = bend(hip, knee, end, pole);
    let front = |d: Vec3| Vec3::Z - d * d.dot(Vec3::Z);
    let rest_th = sk.bone(hp, kn).normalize();
    let rest_sh = sk.bone(kn, an).normalize();
    pose.set_world(sk, hp, aim(rest_th, front(rest_th), knee - hip, perp));
    pose.set_world(sk, kn, aim(rest_sh, front(rest_sh), end - knee, perp));
    pose.set_world(sk, an, foot);
}

/// Bends the back by `lean` in all (hips half, spine and chest a quarter each), keeps the
/// head looking ahead, and seats the pelvis on `seat`.
fn sit(sk: &Skeleton, pose: &mut Pose, seat: Vec3, lean: f32) {
    let x = Quat::from_rotation_x;
    pose.rot[Joint::Hips.index()] = x(0.5 * lean);
    pose.rot[Joint::Spine.index()] = x(0.25 * lean);
    pose.rot[Joint::Chest.index()] = x(0.25 * lean);
    pose.rot[Joint::Neck.index()] = x(-0.45 * lean);
    pose.rot[Joint::Head.index()] = x(-0.45 * lean);
    pose.hips = seat - x(0.5 * lean) * seat_offset(sk);
}

/// The torso's lean from vertical: the angle of the line from the hips node to the
/// midpoint of the shoulder joints, radians (positive leans forward).
pub(crate) fn torso_lean(sk: &Skeleton, pose: &Pose) -> f32 {
    let w = pose.world(sk);
    let mid = (w[Joint::LUpperArm.index()].0 + w[Joint::RUpperArm.index()].0) * 0.5;
    let up = mid - w[Joint::Hips.index()].0;
    up.z.atan2(up.y)
}

/// The riding pose for `mount`: seated, leaning forward, hands on the grips, feet on
/// the pedals or pegs. Bends the back in 1° steps, keeps the bends whose torso lean
/// lies in the allowed range, and of those the one whose arms reach closest to 88%
/// of their length (elbows slightly bent).
pub(crate) fn ride(sk: &Skeleton, mount: &Mount) -> Pose {
    let mut best: Option<(f32, Pose)> = None;
    for degrees in 0..=60u8 {
        let mut pose = Pose::neutral(sk);
        sit(sk, &mut pose, mount.seat, f32::from(degrees).to_radians());
        let lean = torso_lean(sk, &pose);
        if lean < mount.lean.0 || lean > mount.lean.1 {
            continue;
        }
        let mut err = 0.0;
        for (k, side) in [1.0f32, -1.0].into_iter().enumerate() {
            err += (reach(sk, &mut pose, side, mount.grips[k]) - 0.88).abs();
            let (sole, toe) = (mount.soles[k], mount.toe_down[k]);
            step(sk, &mut pose, side, sole, toe, mount.knees_out);
        }
        if best.as_ref().is_none_or(|(e, _)| err < *e) {
            best = Some((err, pose));
        }
    }
    best.expect("a bend within the lean range").1
}

/// How far the posed body is from its mount points, metres: pelvis seat contact,
/// palms (left, right), soles (left, right).
pub(crate) fn fit(sk: &Skeleton, pose: &Pose, mount: &Mount) -> [f32; 5] {
    let w = pose.world(sk);
    let (hp, hq) = w[Joint::Hips.index()];
    let mut out = [
        (hp + hq * seat_offset(sk) - mount.seat).length(),
        0.0,
        0.0,
        0.0,
        0.0,
    ];
    for (k, side) in [1.0f32, -1.0].into_iter().enumerate() {
        let (wp, wq) = w[Joint::arm(side)[2].index()];
        let palm = wp + wq * (sk.hand_dir(side) * palm_offset(sk));
        out[1 + k] = (palm - mount.grips[k]).length();
        let (ap, aq) = w[Joint::leg(side)[2].index()];
        out[3 + k] = (ap + aq * shoe(sk).1 - mount.soles[k]).length();
    }
    out
}
