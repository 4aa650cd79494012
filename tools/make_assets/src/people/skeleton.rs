//! The joint tree shared by every person and rider, and where its joints sit for a
//! given figure (height, sex, build, child or adult) in the neutral standing pose.
//!
//! Proportions follow adult anthropometric fractions of stature (shoulder 0.818 H,
//! elbow 0.63 H, wrist 0.485 H, hip joint 0.51 H, knee 0.285 H, ankle 0.045 H with
//! shoes); children get a bigger head and shorter legs, blended by `maturity`.

use glam::Vec3;

/// A body joint; each is one glTF node named [`Joint::name`], placed at the joint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Joint {
    /// Pelvis, at hip-joint-centre height.
    Hips,
    /// Lower back (waist).
    Spine,
    /// Rib cage.
    Chest,
    /// Base of the neck.
    Neck,
    /// Skull base.
    Head,
    /// Left shoulder.
    LUpperArm,
    /// Left elbow.
    LForearm,
    /// Left wrist.
    LHand,
    /// Right shoulder.
    RUpperArm,
    /// Right elbow.
    RForearm,
    /// Right wrist.
    RHand,
    /// Left hip joint.
    LThigh,
    /// Left knee.
    LShin,
    /// Left ankle.
    LFoot,
    /// Right hip joint.
    RThigh,
    /// Right knee.
    RShin,
    /// Right ankle.
    RFoot,
}

use Joint::*;

impl Joint {
    /// Every joint, parents before children.
    pub const ALL: [Joint; 17] = [
        Hips, Spine, Chest, Neck, Head, LUpperArm, LForearm, LHand, RUpperArm, RForearm, RHand,
        LThigh, LShin, LFoot, RThigh, RShin, RFoot,
    ];

    /// Index into [`Joint::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The glTF node name.
    pub fn name(self) -> &'static str {
        [
            "hips",
            "spine",
            "chest",
            "neck",
            "head",
            "l_upper_arm",
            "l_forearm",
            "l_hand",
            "r_upper_arm",
            "r_forearm",
            "r_hand",
            "l_thigh",
            "l_shin",
            "l_foot",
            "r_thigh",
            "r_shin",
            "r_foot",
        ][self.index()]
    }

    /// The parent joint (`None` for the hips, whose parent is the file's root node).
    pub fn parent(self) -> Option<Joint> {
        Some(match self {
            Hips => return None,
            Spine | LThigh | RThigh => Hips,
            Chest => Spine,
            Neck | LUpperArm | RUpperArm => Chest,
            Head => Neck,
            LForearm => LUpperArm,
            LHand => LForearm,
            RForearm => RUpperArm,
            RHand => RForearm,
            LShin => LThigh,
            LFoot => LShin,
            RShin => RThigh,
            RFoot => RShin,
        })
    }

    /// The (shoulder, elbow, wrist) or (hip, knee, ankle) chain of one side (+1 left, -1 right).
    pub fn arm(side: f32) -> [Joint; 3] {
        if side > 0.0 {
            [LUpperArm, LForearm, LHand]
        } else {
            [RUpperArm, RForearm, RHand]
        }
    }

    /// The leg chain of one side (+1 left, -1 right).
    pub fn leg(side: f32) -> [Joint; 3] {
        if side > 0.0 {
            [LThigh, LShin, LFoot]
        } else {
            [RThigh, RShin, RFoot]
        }
    }
}

/// Sex, for proportions (shoulder and hip widths, torso shape).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Sex {
    /// Broader shoulders, narrower hips.
    Male,
    /// Narrower shoulders and waist, wider hips, bust.
    Female,
}

/// Body size and shape.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Figure {
    /// Stature with shoes, metres.
    pub height: f32,
    /// Proportions.
    pub sex: Sex,
    /// Girth multiplier: slim 0.88, average 1, heavy 1.2.
    pub girth: f32,
    /// 1 for adults; 0 gives a toddler's big head and short legs.
    pub maturity: f32,
}

/// Joint positions of a figure standing in the neutral pose (feet on y = 0, facing +Z).
#[derive(Clone, Debug)]
pub(crate) struct Skeleton {
    /// The figure these joints were made for.
    pub fig: Figure,
    /// Length scale relative to a 1.75 m adult.
    pub s: f32,
    /// Chin-to-crown head height.
    pub head_h: f32,
    /// Shoulder-joint height; torso, neck and head levels derive from it.
    pub shoulder_y: f32,
    /// Neutral-pose world position of every joint, indexed by [`Joint::index`].
    pub rest: [Vec3; 17],
}

/// Linear interpolation.
pub(crate) fn lerp(a: f32, b: f32, k: f32) -> f32 {
    a + (b - a) * k
}

/// Unit vector from spherical-ish angles: `out` (away from the body, radians),
/// `fwd` (towards +Z), hanging down otherwise; `side` is +1 left, -1 right.
fn hang(side: f32, out: f32, fwd: f32) -> Vec3 {
    Vec3::new(
        side * out.sin(),
        -out.cos() * fwd.cos(),
        out.cos() * fwd.sin(),
    )
    .normalize()
}

impl Skeleton {
    /// Places the joints of `fig` in the neutral pose.
    pub fn new(fig: Figure) -> Self {
        let (h, m) = (fig.height, fig.maturity);
        let head_h = h * lerp(0.2, 0.13, m);
        let chin = h - head_h;
        let shoulder_y = chin - h * lerp(0.035, 0.052, m);
        let hip_y = h * lerp(0.43, 0.51, m);
        let torso = shoulder_y - hip_y;
        let female = fig.sex == Sex::Female;
        let sw = h * if female { 0.092 } else { 0.1 };
        let hw = h * if female || m < 1.0 { 0.052 } else { 0.05 };
        let mut rest = [Vec3::ZERO; 17];
        let mut set = |j: Joint, p: Vec3| rest[j.index()] = p;
        set(Hips, Vec3::new(0.0, hip_y, 0.0));
        set(Spine, Vec3::new(0.0, hip_y + 0.30 * torso, -0.005 * h));
        set(Chest, Vec3::new(0.0, hip_y + 0.62 * torso, -0.005 * h));
        set(Neck, Vec3::new(0.0, shoulder_y + 0.015 * h, -0.01 * h));
        set(Head, Vec3::new(0.0, chin + 0.3 * head_h, -0.008 * h));
        let (knee_y, ankle_y) = (0.56 * hip_y, 0.088 * hip_y);
        for side in [1.0f32, -1.0] {
            let [sh, el, wr] = Joint::arm(side);
            let shoulder = Vec3::new(side * sw, shoulder_y, -0.005 * h);
            let elbow = shoulder + hang(side, 0.16, 0.0) * 0.228 * shoulder_y;
            let wrist = elbow + hang(side, 0.10, 0.2) * 0.178 * shoulder_y;
            set(sh, shoulder);
            set(el, elbow);
            set(wr, wrist);
            let [th, sn, ft] = Joint::leg(side);
            set(th, Vec3::new(side * hw, hip_y, 0.0));
            set(sn, Vec3::new(side * hw * 0.95, knee_y, 0.005 * h));
            set(ft, Vec3::new(side * hw * 0.92, ankle_y, -0.01 * h));
        }
        Self {
            fig,
            s: h / 1.75,
            head_h,
            shoulder_y,
            rest,
        }
    }

    /// Neutral-pose position of `j`.
    pub fn at(&self, j: Joint) -> Vec3 {
        self.rest[j.index()]
    }

    /// Hand length, wrist to fingertip.
    pub fn hand_len(&self) -> f32 {
        0.13 * self.shoulder_y
    }

    /// Neutral-pose direction of the hand (continues the forearm).
    pub fn hand_dir(&self, side: f32) -> Vec3 {
        let [_, el, wr] = Joint::arm(side);
        (self.at(wr) - self.at(el)).normalize()
    }

    /// Bone vector from `j` to its child `c` in the neutral pose.
    pub fn bone(&self, j: Joint, c: Joint) -> Vec3 {
        self.at(c) - self.at(j)
    }
}
