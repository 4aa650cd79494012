//! Body and clothing meshes of the trunk: torso, skirt, neck and backpack, each assigned
//! to the joint node that moves it, and the [`Part`] list every builder adds to.
//!
//! Every part is a lofted [`Tube`] built in neutral-pose world coordinates; the file
//! writer later moves each into its joint's local frame. Garments are the same profiles
//! cut where the garment ends and grown by the cloth thickness.

use super::limbs::thigh_top;
use super::outfit::{Bottom, Look, Mat, Top};
use super::shape::{Frame, Tube, ring};
use super::skeleton::{Joint, Sex, Skeleton, lerp};
use crate::geom::{MeshData, cuboid};
use glam::Vec3;

/// One mesh of a body part, in neutral-pose world coordinates, moved by `joint`.
pub(crate) struct Part {
    /// The node that carries it.
    pub joint: Joint,
    /// Its material slot.
    pub mat: Mat,
    /// Geometry (world coordinates of the neutral pose).
    pub mesh: MeshData,
}

/// Collects parts.
pub(crate) type Parts = Vec<Part>;

/// Adds a part.
pub(crate) fn add(parts: &mut Parts, joint: Joint, mat: Mat, mesh: MeshData) {
    parts.push(Part { joint, mat, mesh });
}

/// Torso cross-sections (rx, rz, forward offset) of a 1.75 m average adult at ten
/// levels: seat, crotch, hip joint, iliac crest, waist, lower ribs, chest, armpit,
/// shoulder top, neck root.
const TORSO_MALE: [(f32, f32, f32); 10] = [
    (0.085, 0.06, -0.01),
    (0.125, 0.085, -0.005),
    (0.165, 0.105, -0.012),
    (0.156, 0.098, -0.004),
    (0.143, 0.094, 0.0),
    (0.148, 0.104, 0.008),
    (0.152, 0.110, 0.014),
    (0.158, 0.098, 0.006),
    (0.156, 0.072, -0.006),
    (0.064, 0.052, -0.008),
];

/// As [`TORSO_MALE`] with a narrower waist and shoulders, wider hips and a bust.
const TORSO_FEMALE: [(f32, f32, f32); 10] = [
    (0.09, 0.062, -0.015),
    (0.130, 0.088, -0.010),
    (0.176, 0.110, -0.020),
    (0.160, 0.098, -0.008),
    (0.124, 0.085, 0.0),
    (0.128, 0.092, 0.006),
    (0.136, 0.118, 0.026),
    (0.140, 0.096, 0.008),
    (0.138, 0.068, -0.006),
    (0.060, 0.050, -0.008),
];

/// The whole torso as one vertical tube (t = world y), crotch to neck root.
pub(crate) fn torso_tube(sk: &Skeleton) -> Tube {
    let (s, g, m) = (sk.s, sk.fig.girth, sk.fig.maturity);
    let hip = sk.at(Joint::Hips).y;
    let tl = sk.shoulder_y - hip;
    let ys = [
        hip - 0.105 * s,
        hip - 0.085 * s,
        hip,
        hip + 0.17 * tl,
        hip + 0.33 * tl,
        hip + 0.55 * tl,
        hip + 0.76 * tl,
        hip + 0.92 * tl,
        sk.shoulder_y + 0.02 * s,
        sk.shoulder_y + 0.075 * s,
    ];
    let table = if sk.fig.sex == Sex::Female {
        TORSO_FEMALE
    } else {
        TORSO_MALE
    };
    let belly = (g - 1.0).max(0.0);
    let rings = ys
        .iter()
        .zip(table)
        .enumerate()
        .map(|(i, (&y, (rx, rz, cz)))| {
            // Children have no waist; heavy builds carry a belly.
            let rx = if i == 4 { lerp(table[3].0, rx, m) } else { rx };
            let paunch = if i == 4 || i == 5 {
                1.0 + 1.4 * belly
            } else {
                1.0
            };
            ring(y, rx * s * g, rz * s * g * paunch).off(0.0, (cz + 0.05 * belly) * s)
        })
        .collect();
    let frame = Frame::new(Vec3::ZERO, Vec3::Y, -Vec3::X);
    Tube::new(frame, rings, 10).boxy(2.4)
}

/// Torso pieces for the hips, spine and chest nodes, in the skin-tight bottom garment
/// below the waistband and the top garment above its hem.
pub(crate) fn torso(sk: &Skeleton, look: &Look, parts: &mut Parts) {
    let tube = torso_tube(sk);
    let (lo, hi) = tube.span();
    let s = sk.s;
    let hip = sk.at(Joint::Hips).y;
    let tl = sk.shoulder_y - hip;
    let overlap = 0.02 * s;
    let nodes = [
        (Joint::Hips, lo, sk.at(Joint::Spine).y + overlap),
        (
            Joint::Spine,
            sk.at(Joint::Spine).y - overlap,
            sk.at(Joint::Chest).y + overlap,
        ),
        (Joint::Chest, sk.at(Joint::Chest).y - overlap, hi),
    ];
    let hem = match look.top.0 {
        Top::TShirt | Top::LongSleeve | Top::Coat => hip + 0.1 * tl,
        Top::Jacket => hip - 0.02 * tl,
        Top::Dress => lo,
    };
    let mut bands = vec![(Mat::Top, hem, hi, look.top_grow() * s)];
    if look.bottom.0 != Bottom::None {
        // The waistband, hidden above the top's hem anyway.
        bands.push((Mat::Bottom, lo, hem + 0.04 * s, 0.0));
    }
    for (joint, a, b) in nodes {
        for &(mat, c, d, grow) in &bands {
            let (t0, t1) = (a.max(c), b.min(d));
            if t1 > t0 + 1e-3 {
                add(parts, joint, mat, tube.section(t0, t1, grow));
            }
        }
    }
    if let Some(mat) = look.skirt() {
        skirt(sk, look, &tube, mat, parts);
    }
}

/// A flared skirt (dress, skirt or coat tails) from the waist to above the knee.
fn skirt(sk: &Skeleton, look: &Look, torso: &Tube, mat: Mat, parts: &mut Parts) {
    let s = sk.s;
    let hip = sk.at(Joint::Hips).y;
    let top = hip + 0.2 * (sk.shoulder_y - hip);
    let knee = sk.at(Joint::LShin).y;
    let (hem, flare) = match look.top.0 {
        Top::Coat => (knee + 0.05 * sk.fig.height, 0.035),
        Top::Dress => (knee + 0.04 * sk.fig.height, 0.05),
        _ => (knee + 0.07 * sk.fig.height, 0.04),
    };
    let grow = look.top_grow().max(0.008) * s + 0.004 * s;
    let (t, h) = (torso.ring_at(top), torso.ring_at(hip));
    // Wide enough for the thighs just below the hip joints.
    let thighs = sk.at(Joint::LThigh).x + thigh_top(sk) + 0.006 * s;
    let depth = thigh_top(sk) + 0.01 * s;
    let upper = hip - 0.1 * s;
    let rings = vec![
        ring(-top, t.ru + grow, t.rw + grow).off(0.0, t.cw),
        ring(
            -hip,
            h.ru.max(thighs) + grow + 0.006 * s,
            h.rw.max(depth) + grow + 0.006 * s,
        )
        .off(0.0, h.cw),
        ring(
            -upper,
            thighs + grow + 0.3 * flare * s,
            depth + grow + 0.3 * flare * s,
        )
        .off(0.0, h.cw * 0.5),
        ring(-hem, thighs + grow + flare * s, depth + grow + flare * s).off(0.0, -0.01 * s),
    ];
    let frame = Frame::new(Vec3::ZERO, -Vec3::Y, Vec3::X);
    add(
        parts,
        Joint::Hips,
        mat,
        Tube::new(frame, rings, 10).boxy(2.4).mesh(),
    );
}

/// The neck, with a collar for jackets and coats.
pub(crate) fn neck(sk: &Skeleton, look: &Look, parts: &mut Parts) {
    let s = sk.s;
    let (a, b) = (sk.at(Joint::Neck), sk.at(Joint::Head));
    let len = (b - a).length();
    let (ru, rw) = (
        0.052 * s * sk.fig.girth.sqrt(),
        0.056 * s * sk.fig.girth.sqrt(),
    );
    let rings = vec![
        ring(-0.03 * s, ru * 1.15, rw * 1.1),
        ring(0.3 * len, ru, rw),
        ring(len + 0.02 * s, ru * 0.95, rw * 0.95),
    ];
    let tube = Tube::new(Frame::new(a, b - a, Vec3::X), rings, 8);
    add(parts, Joint::Neck, Mat::Skin, tube.mesh());
    if matches!(look.top.0, Top::Jacket | Top::Coat) {
        let collar = tube.section(-0.03 * s, 0.45 * len, look.top_grow() * s);
        add(parts, Joint::Neck, Mat::Top, collar);
    }
}

/// A backpack on the chest node: a boxy pack on the back and two shoulder straps.
pub(crate) fn backpack(sk: &Skeleton, parts: &mut Parts) {
    let s = sk.s;
    let torso = torso_tube(sk);
    let hip = sk.at(Joint::Hips).y;
    let (y0, y1) = (hip + 0.4 * (sk.shoulder_y - hip), sk.shoulder_y + 0.03 * s);
    let back = torso.ring_at(lerp(y0, y1, 0.6));
    let z = back.cw - back.rw - 0.055 * s;
    let (ru, rw) = (0.12 * s, 0.06 * s);
    let rings = vec![
        ring(y0, ru * 0.92, rw * 0.8).off(0.0, z + 0.01 * s),
        ring(y0 + 0.03 * s, ru, rw).off(0.0, z),
        ring(y1 - 0.04 * s, ru, rw).off(0.0, z),
        ring(y1, ru * 0.85, rw * 0.7).off(0.0, z + 0.01 * s),
    ];
    let frame = Frame::new(Vec3::ZERO, Vec3::Y, -Vec3::X);
    add(
        parts,
        Joint::Chest,
        Mat::Backpack,
        Tube::new(frame, rings, 10).boxy(4.0).mesh(),
    );
    let chest = torso.ring_at(hip + 0.76 * (sk.shoulder_y - hip));
    let front = chest.cw + chest.rw + 0.008 * s;
    let top = sk.shoulder_y + 0.018 * s;
    let shoulder = torso.ring_at(top);
    let rear = shoulder.cw - shoulder.rw;
    for x in [-0.085 * s, 0.085 * s] {
        let w = 0.018 * s;
        let strap_front = cuboid(
            Vec3::new(x - w, hip + 0.55 * (sk.shoulder_y - hip), front - 0.03 * s),
            Vec3::new(x + w, top + 0.015 * s, front),
        );
        let over = cuboid(
            Vec3::new(x - w, top, rear - 0.01 * s),
            Vec3::new(x + w, top + 0.015 * s, front),
        );
        add(
            parts,
            Joint::Chest,
            Mat::Backpack,
            MeshData::merged(&[strap_front, over]),
        );
    }
}
