//! Arms, hands, legs and shoes. Each limb segment is a tube from its joint to the next,
//! rounded to a pole on both sides of elbows and knees so that bent joints stay closed;
//! sleeves and trouser legs are the same tubes cut where the garment ends and grown by
//! the cloth thickness, with bare skin continuing below.

use super::body::{Parts, add};
use super::outfit::{Look, Mat};
use super::shape::{Frame, Ring, Tube, ring};
use super::skeleton::{Joint, Sex, Skeleton};
use crate::geom::MeshData;
use glam::Vec3;

/// Splits a limb tube between cloth (from its start to `cover` metres) and skin.
fn dress_limb(tube: &Tube, cover: f32, grow: f32, cloth: Mat) -> Vec<(Mat, MeshData)> {
    let (lo, hi) = tube.span();
    let mut out = Vec::new();
    if cover > lo {
        out.push((cloth, tube.section(lo, cover.min(hi), grow)));
    }
    if cover < hi {
        out.push((Mat::Skin, tube.section((cover - 0.01).max(lo), hi, 0.0)));
    }
    out
}

/// How far along segment `seg` (0 upper, 1 lower) of length `len` a garment reaching
/// `units` (0..2 over the two segments) covers: +∞ for all of it, -∞ for none.
fn covered(units: f32, seg: f32, len: f32) -> f32 {
    match units - seg {
        f if f >= 1.0 => f32::INFINITY,
        f if f > 0.0 => f * len,
        _ => f32::NEG_INFINITY,
    }
}

/// Rings of a limb segment of length `len`: `profile` gives (fraction, ru, rw, cw) in
/// metres for a 1.75 m adult, scaled by `k`; both ends are rounded with joint radii
/// `r0` / `r1`, or, where that radius is zero, end flat `0.06 k` before the start or
/// `flat_end · k` past the end.
fn limb_rings(
    len: f32,
    k: f32,
    r0: f32,
    r1: f32,
    flat_end: f32,
    profile: &[(f32, f32, f32, f32)],
) -> Vec<Ring> {
    let mut rings = Vec::new();
    if r0 > 0.0 {
        rings.push(ring(-r0 * k, 0.0, 0.0));
        rings.push(ring(-0.55 * r0 * k, 0.8 * r0 * k, 0.8 * r0 * k));
    } else {
        let (_, u, w, c) = profile[0];
        rings.push(ring(-0.06 * k, u * k, w * k).off(0.0, c * k));
    }
    for &(f, u, w, c) in profile {
        rings.push(ring(f * len, u * k, w * k).off(0.0, c * k));
    }
    if r1 > 0.0 {
        rings.push(ring(len + 0.55 * r1 * k, 0.8 * r1 * k, 0.8 * r1 * k));
        rings.push(ring(len + r1 * k, 0.0, 0.0));
    } else {
        let &(_, u, w, c) = profile.last().expect("profile");
        rings.push(ring(len + flat_end * k, u * k, w * k).off(0.0, c * k));
    }
    rings
}

/// One arm: upper arm, forearm (sleeve and skin) and a mitten hand with a thumb.
pub(crate) fn arm(sk: &Skeleton, look: &Look, side: f32, parts: &mut Parts) {
    let [sh, el, wr] = Joint::arm(side);
    let k = sk.s * sk.fig.girth * if sk.fig.sex == Sex::Female { 0.9 } else { 1.0 };
    let (ua, fa) = (sk.bone(sh, el), sk.bone(el, wr));
    let upper = limb_rings(
        ua.length(),
        k,
        0.043,
        0.036,
        0.0,
        &[
            (0.0, 0.046, 0.045, 0.0),
            (0.5, 0.043, 0.043, 0.0),
            (1.0, 0.036, 0.036, 0.0),
        ],
    );
    let fore = limb_rings(
        fa.length(),
        k,
        0.036,
        0.0,
        0.02,
        &[
            (0.0, 0.036, 0.036, 0.0),
            (0.35, 0.036, 0.04, 0.0),
            (1.0, 0.02, 0.028, 0.0),
        ],
    );
    let grow = look.top_grow() * sk.s + 0.002 * sk.s;
    let sleeve = look.sleeve();
    let up = Tube::new(Frame::new(sk.at(sh), ua, Vec3::X), upper, 8);
    for (mat, mesh) in dress_limb(&up, covered(sleeve, 0.0, ua.length()), grow, Mat::Top) {
        add(parts, sh, mat, mesh);
    }
    let lo = Tube::new(Frame::new(sk.at(el), fa, Vec3::X), fore, 8);
    for (mat, mesh) in dress_limb(&lo, covered(sleeve, 1.0, fa.length()), grow, Mat::Top) {
        add(parts, el, mat, mesh);
    }
    hand(sk, side, parts);
}

/// A mitten hand (palm towards the thigh, thumb forward) with a thumb.
fn hand(sk: &Skeleton, side: f32, parts: &mut Parts) {
    let [_, _, wr] = Joint::arm(side);
    let (len, d) = (sk.hand_len(), sk.hand_dir(side));
    let k = sk.s * sk.fig.girth.sqrt() * if sk.fig.sex == Sex::Female { 0.9 } else { 1.0 };
    let f = Frame::new(sk.at(wr), d, Vec3::Z);
    let rings = vec![
        ring(-0.01 * k, 0.028 * k, 0.018 * k),
        ring(0.25 * len, 0.04 * k, 0.02 * k),
        ring(0.55 * len, 0.043 * k, 0.016 * k),
        ring(0.85 * len, 0.037 * k, 0.014 * k),
        ring(len, 0.026 * k, 0.011 * k),
    ];
    add(parts, wr, Mat::Skin, Tube::new(f, rings, 6).mesh());
    let base = f.at(0.1 * len, 0.026 * k, 0.0);
    let tf = Frame::new(base, d * 0.88 + f.u * 0.48, Vec3::X);
    let thumb = vec![
        ring(0.0, 0.013 * k, 0.013 * k),
        ring(0.3 * len, 0.011 * k, 0.011 * k),
        ring(0.4 * len, 0.0, 0.0),
    ];
    add(parts, wr, Mat::Skin, Tube::new(tf, thumb, 5).mesh());
}

/// Radius of the thigh at its top.
pub(crate) fn thigh_top(sk: &Skeleton) -> f32 {
    let r = if sk.fig.sex == Sex::Female {
        0.08
    } else {
        0.075
    };
    r * sk.s * sk.fig.girth
}

/// One leg: thigh and shin (trousers, shorts or bare) and a shoe.
pub(crate) fn leg(sk: &Skeleton, look: &Look, side: f32, parts: &mut Parts) {
    let [hp, kn, an] = Joint::leg(side);
    let k = sk.s * sk.fig.girth;
    let (th, sh) = (sk.bone(hp, kn), sk.bone(kn, an));
    let top = thigh_top(sk) / k;
    let thigh = limb_rings(
        th.length(),
        k,
        0.0,
        0.05,
        0.0,
        &[
            (0.15, top, top, 0.0),
            (0.55, 0.064, 0.068, 0.004),
            (1.0, 0.049, 0.052, 0.004),
        ],
    );
    let shin = limb_rings(
        sh.length(),
        k,
        0.05,
        0.0,
        0.03,
        &[
            (0.0, 0.047, 0.05, 0.0),
            (0.3, 0.049, 0.054, -0.012),
            (1.0, 0.03, 0.032, 0.0),
        ],
    );
    let cover = look.trouser_leg();
    let grow = look.leg_grow() * sk.s;
    let t = Tube::new(Frame::new(sk.at(hp), th, Vec3::X), thigh, 8);
    for (mat, mesh) in dress_limb(&t, covered(cover, 0.0, th.length()), grow, Mat::Bottom) {
        add(parts, hp, mat, mesh);
    }
    let t = Tube::new(Frame::new(sk.at(kn), sh, Vec3::X), shin, 8);
    for (mat, mesh) in dress_limb(&t, covered(cover, 1.0, sh.length()), grow, Mat::Bottom) {
        add(parts, kn, mat, mesh);
    }
    add(parts, an, Mat::Shoes, shoe_at(sk, side));
}

/// The shoe tube of the foot node (t = z from the ankle, w up) and the point under
/// the ball of the foot on the sole, relative to the ankle.
pub(crate) fn shoe(sk: &Skeleton) -> (Tube, Vec3) {
    let ankle = sk.at(Joint::LFoot);
    let k = sk.s * if sk.fig.sex == Sex::Female { 0.92 } else { 1.0 };
    let g = -ankle.y;
    let r = |t: f32, u: f32, w: f32| ring(t * k, u * k, w * k).off(0.0, g + w * k);
    let rings = vec![
        r(-0.066, 0.026, 0.028),
        r(-0.052, 0.036, 0.05),
        r(0.0, 0.04, 0.06),
        r(0.06, 0.045, 0.045),
        r(0.14, 0.048, 0.032),
        r(0.2, 0.034, 0.022),
    ];
    let tube = Tube::new(Frame::new(Vec3::ZERO, Vec3::Z, Vec3::X), rings, 8).boxy(3.0);
    (tube, Vec3::new(0.0, g, 0.13 * k))
}

/// Moves a shoe tube built at the origin to a foot's ankle.
pub(crate) fn shoe_at(sk: &Skeleton, side: f32) -> MeshData {
    let mut m = shoe(sk).0.mesh();
    let [_, _, an] = Joint::leg(side);
    for p in &mut m.positions {
        *p += sk.at(an);
    }
    m
}
