//! The head: skull, jaw, nose and ears, hair caps, helmets, and the mesh-less face
//! markers (nose, eyes, ears) that a later stage projects as COCO keypoints.
//!
//! Hair is a dome cut from an ellipsoid a little larger than the skull whose axis
//! tilts backwards, so its flat lower edge sits high on the forehead and low on the
//! nape; longer cuts add a curtain down the back of the head.

use super::body::{Parts, add};
use super::outfit::{Hair, Helmet, Look, Mat};
use super::shape::{Frame, Ring, Tube, ring};
use super::skeleton::{Joint, Skeleton, lerp};
use crate::geom::{MeshData, ellipsoid};
use glam::Vec3;

/// The skull ellipsoid: centre and radii (neutral-pose world coordinates).
pub(crate) fn skull(sk: &Skeleton) -> (Vec3, Vec3) {
    let m = sk.fig.maturity;
    let ry = sk.head_h * 0.5;
    let c = Vec3::new(0.0, sk.fig.height - ry, sk.at(Joint::Head).z + 0.012 * sk.s);
    (
        c,
        Vec3::new(ry * lerp(0.76, 0.66, m), ry, ry * lerp(0.9, 0.84, m)),
    )
}

/// Mesh-less face markers as (name, world position): nose tip, eyes, ears.
pub(crate) fn markers(sk: &Skeleton) -> [(&'static str, Vec3); 5] {
    let (c, r) = skull(sk);
    let p = |x: f32, y: f32, z: f32| c + r * Vec3::new(x, y, z);
    [
        ("nose", p(0.0, -0.24, 1.1)),
        ("l_eye", p(0.38, 0.02, 0.86)),
        ("r_eye", p(-0.38, 0.02, 0.86)),
        ("l_ear", p(1.0, -0.06, -0.05)),
        ("r_ear", p(-1.0, -0.06, -0.05)),
    ]
}

/// The head node's meshes: face and hair, a face and cycling helmet, or a full-face helmet.
pub(crate) fn head(sk: &Skeleton, look: &Look, parts: &mut Parts) {
    if let Some((Helmet::FullFace, _)) = look.helmet {
        // The shell hides the whole head.
        return full_face(sk, parts);
    }
    face(sk, parts);
    let (c, r) = skull(sk);
    if let Some((Helmet::Bicycle, _)) = look.helmet {
        let shell_r = r + Vec3::new(0.028, 0.03, 0.04) * sk.s;
        let shell = dome(c - Vec3::Z * 0.012 * sk.s, shell_r, 0.3, -0.05, 12);
        add(parts, Joint::Head, Mat::Helmet, shell);
        if matches!(look.hair.0, Hair::Long | Hair::Bob | Hair::Ponytail) {
            hair(sk, look.hair.0, parts);
        }
    } else {
        hair(sk, look.hair.0, parts);
    }
}

/// Skull, jaw, nose and ears.
fn face(sk: &Skeleton, parts: &mut Parts) {
    let (c, r) = skull(sk);
    let at = |x: f32, y: f32, z: f32| c + r * Vec3::new(x, y, z);
    let skin = [
        ellipsoid(c, r, 6, 12),
        ellipsoid(at(0.0, -0.52, 0.28), r * Vec3::new(0.74, 0.44, 0.6), 4, 8),
        ellipsoid(at(0.0, -0.2, 0.95), r * Vec3::new(0.13, 0.2, 0.16), 3, 6),
        ellipsoid(at(0.97, -0.06, -0.05), r * Vec3::new(0.14, 0.26, 0.2), 3, 6),
        ellipsoid(
            at(-0.97, -0.06, -0.05),
            r * Vec3::new(0.14, 0.26, 0.2),
            3,
            6,
        ),
    ];
    for m in skin {
        add(parts, Joint::Head, Mat::Skin, m);
    }
}

/// A cap over the crown: the ellipsoid (centre `c`, radii `r`) cut by a plane tilted
/// back by `tilt` radians, `cut` (-1..1) of the way from the centre to the crown.
/// Each ring is the exact ellipse in which a plane parallel to the cut meets the
/// ellipsoid, so the cap hugs the skull however far it is tilted.
fn dome(c: Vec3, r: Vec3, tilt: f32, cut: f32, segments: u32) -> MeshData {
    let (s, co) = tilt.sin_cos();
    let (b2, c2) = (r.y * r.y, r.z * r.z);
    // Along the tilted axis: y = t·cos − b·sin, z = −t·sin − b·cos (b along w).
    let p = s * s / b2 + co * co / c2;
    let q = s * co * (1.0 / c2 - 1.0 / b2);
    let m = co * co / b2 + s * s / c2 - q * q / p;
    let top = 1.0 / m.sqrt();
    let section = |t: f32| {
        let k = (1.0 - t * t * m).max(0.0);
        ring(t, r.x * k.sqrt(), (k / p).sqrt()).off(0.0, -q * t / p)
    };
    let mut fs = vec![cut];
    fs.extend([0.3, 0.6, 0.84].into_iter().filter(|f| *f > cut + 0.05));
    let mut rings: Vec<Ring> = fs.into_iter().map(|f| section(f * top)).collect();
    rings.push(Ring {
        ru: 0.0,
        rw: 0.0,
        ..section(top)
    });
    let frame = Frame::new(c, Vec3::new(0.0, co, -s), Vec3::X);
    Tube::new(frame, rings, segments).mesh()
}

/// The hair cut: a cap, plus a curtain or ponytail for longer cuts.
fn hair(sk: &Skeleton, style: Hair, parts: &mut Parts) {
    let (c, r) = skull(sk);
    let s = sk.s;
    let (gap, cut) = match style {
        Hair::Buzz => (0.004 * s, 0.05),
        Hair::Short => (0.011 * s, -0.02),
        _ => (0.013 * s, -0.08),
    };
    let cap = dome(
        c + Vec3::new(0.0, 0.003, -0.004) * s,
        r + Vec3::splat(gap),
        0.65,
        cut,
        10,
    );
    add(parts, Joint::Head, Mat::Hair, cap);
    let length = match style {
        Hair::Bob => r.y * 1.05,
        Hair::Long => r.y * 1.15 + 0.12 * s,
        _ => 0.0,
    };
    if length > 0.0 {
        let o = c + Vec3::new(0.0, 0.0, -0.42 * r.z);
        let frame = Frame::new(o, -Vec3::Y, Vec3::X);
        let (ru, rw) = (r.x + 0.016 * s, 0.58 * r.z);
        let flare = if style == Hair::Bob { 1.1 } else { 0.92 };
        let rings = vec![
            ring(-0.35 * r.y, (r.x + 0.01 * s) * 0.92, rw * 0.85),
            ring(0.15 * r.y, ru, rw).off(0.0, -0.015 * s),
            ring(length, ru * flare, rw * 0.75).off(0.0, -0.05 * s),
        ];
        add(
            parts,
            Joint::Head,
            Mat::Hair,
            Tube::new(frame, rings, 10).boxy(2.2).mesh(),
        );
    }
    if style == Hair::Ponytail {
        let base = c + r * Vec3::new(0.0, 0.05, -1.02);
        let frame = Frame::new(base, Vec3::new(0.0, -1.0, -0.2), Vec3::X);
        let len = 0.17 * s;
        let rings = vec![
            ring(-0.025 * s, 0.018 * s, 0.018 * s),
            ring(0.25 * len, 0.028 * s, 0.026 * s),
            ring(0.75 * len, 0.022 * s, 0.02 * s),
            ring(len, 0.0, 0.0),
        ];
        add(
            parts,
            Joint::Head,
            Mat::Hair,
            Tube::new(frame, rings, 8).mesh(),
        );
    }
}

/// A full-face helmet enclosing the head, with a dark visor across the eyes.
fn full_face(sk: &Skeleton, parts: &mut Parts) {
    let (c, r) = skull(sk);
    let s = sk.s;
    let shell = ellipsoid(
        c + Vec3::new(0.0, -0.1 * r.y, 0.0),
        r + Vec3::new(0.045, 0.05, 0.05) * s,
        8,
        12,
    );
    add(parts, Joint::Head, Mat::Helmet, shell);
    let visor = ellipsoid(
        c + Vec3::new(0.0, 0.04 * r.y, r.z),
        Vec3::new(0.9 * r.x + 0.03 * s, 0.32 * r.y, 0.07 * s),
        4,
        10,
    );
    add(parts, Joint::Head, Mat::Visor, visor);
}
