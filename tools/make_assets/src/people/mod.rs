//! Articulated people and riders as glTF node hierarchies (no skins).
//!
//! Every body segment is its own node placed at its joint, with the segment's mesh in
//! joint-local coordinates, so a pose is nothing but node rotations (see [`pose`]).
//! The tree, with left = the person's left = +X:
//!
//! ```text
//! <stem> (origin, feet on y = 0)
//! └ hips ─┬ spine ─ chest ─┬ neck ─ head ─ nose, l_eye, r_eye, l_ear, r_ear (markers)
//!         │                ├ l_upper_arm ─ l_forearm ─ l_hand
//!         │                └ r_upper_arm ─ r_forearm ─ r_hand
//!         ├ l_thigh ─ l_shin ─ l_foot
//!         └ r_thigh ─ r_shin ─ r_foot
//! ```
//!
//! Shoulder, elbow, wrist, hip, knee and ankle nodes sit exactly on the anatomical
//! joints (they are projected as COCO keypoints). Pedestrians stand in the neutral pose
//! (no rotations); riders share the vehicle's transform and are posed onto its seat,
//! grips and pedals or pegs by [`pose::ride`]. Each person stays under 2000 triangles.

mod body;
mod head;
mod limbs;
mod outfit;
mod pose;
mod shape;
mod skeleton;
mod write;

use outfit::{Bottom, Hair, Helmet, Look, Top};
use pose::Mount;
use skeleton::{Figure, Sex};
use std::path::Path;
use write::Person;

/// A figure of the given height, proportions, girth and maturity.
const fn fig(height: f32, sex: Sex, girth: f32, maturity: f32) -> Figure {
    Figure {
        height,
        sex,
        girth,
        maturity,
    }
}

/// Everyday clothes without helmet or backpack.
const fn look(
    skin: u32,
    hair: (Hair, u32),
    top: (Top, u32),
    bottom: (Bottom, u32),
    shoes: u32,
) -> Look {
    Look {
        skin,
        hair,
        top,
        bottom,
        shoes,
        helmet: None,
        backpack: None,
    }
}

/// Slim, average and heavy girths.
const SLIM: f32 = 0.88;
/// Average girth.
const AVERAGE: f32 = 1.0;
/// Heavy girth.
const HEAVY: f32 = 1.2;

/// Six adult pedestrians: three men, three women, 1.60–1.90 m, all three builds.
fn adults() -> [Person; 6] {
    use Sex::{Female, Male};
    let p = |stem, fig, look| Person {
        stem,
        fig,
        look,
        mount: None,
    };
    [
        p(
            "person_adult_a",
            fig(1.80, Male, AVERAGE, 1.0),
            look(
                0xE0B090,
                (Hair::Short, 0x3B2A1E),
                (Top::TShirt, 0x7A7D80),
                (Bottom::Jeans, 0x3E5573),
                0xE6E6E2,
            ),
        ),
        p(
            "person_adult_b",
            fig(1.65, Female, SLIM, 1.0),
            look(
                0x8D5A3B,
                (Hair::Long, 0x1A1512),
                (Top::Dress, 0xB3262E),
                (Bottom::None, 0),
                0x1C1C1E,
            ),
        ),
        p(
            "person_adult_c",
            fig(1.90, Male, HEAVY, 1.0),
            look(
                0x5C3A26,
                (Hair::Buzz, 0x141210),
                (Top::Jacket, 0x22242A),
                (Bottom::Trousers, 0xB5A27F),
                0x4A3222,
            ),
        ),
        p(
            "person_adult_d",
            fig(1.60, Female, AVERAGE, 1.0),
            look(
                0xF0C8AA,
                (Hair::Bob, 0xC9A66B),
                (Top::Coat, 0xA8865E),
                (Bottom::Trousers, 0x1E1E22),
                0x202022,
            ),
        ),
        p(
            "person_adult_e",
            fig(1.72, Male, SLIM, 1.0),
            look(
                0xC68E63,
                (Hair::Short, 0x4A3020),
                (Top::TShirt, 0x1F2A44),
                (Bottom::Shorts, 0x6B6E70),
                0x50607A,
            ),
        ),
        p(
            "person_adult_f",
            fig(1.70, Female, HEAVY, 1.0),
            look(
                0xB07850,
                (Hair::Ponytail, 0x9A9590),
                (Top::LongSleeve, 0x1F8A8A),
                (Bottom::Skirt, 0x26262A),
                0x3A2E2A,
            ),
        ),
    ]
}

/// Three children of 0.95, 1.15 and 1.35 m (pre-pubertal proportions for all).
fn children() -> [Person; 3] {
    let p = |stem, fig, look| Person {
        stem,
        fig,
        look,
        mount: None,
    };
    let mut b = look(
        0x6E4630,
        (Hair::Buzz, 0x120E0C),
        (Top::TShirt, 0x5B7053),
        (Bottom::Jeans, 0x41597A),
        0x6A6E74,
    );
    b.backpack = Some(0x2F5E9E);
    [
        p(
            "person_child_a",
            fig(0.95, Sex::Male, 1.08, 0.0),
            look(
                0xEDC3A0,
                (Hair::Short, 0xD8B778),
                (Top::Jacket, 0xF2C12E),
                (Bottom::Trousers, 0x283655),
                0xB02A2A,
            ),
        ),
        p("person_child_b", fig(1.15, Sex::Male, 1.0, 0.4), b),
        p(
            "person_child_c",
            fig(1.35, Sex::Male, 0.95, 0.7),
            look(
                0xC08A62,
                (Hair::Ponytail, 0x5A3A22),
                (Top::LongSleeve, 0x5C6066),
                (Bottom::Skirt, 0x2A3350),
                0xE2E2DE,
            ),
        ),
    ]
}

/// The right-hand twin of a left-side mount point.
fn mirrored(p: glam::Vec3) -> glam::Vec3 {
    glam::Vec3::new(-p.x, p.y, p.z)
}

/// Bicycle mount points (the bicycle's own, vehicle space): saddle, grips, pedals on
/// horizontal cranks (left forward, right back) about the crank axle.
fn bicycle() -> Mount {
    use crate::vehicles::bike;
    use glam::Vec3;
    let (axle, crank, pedal_top, q) = (bike::CRANK, bike::CRANK_LEN, 0.012, 0.12);
    Mount {
        seat: bike::SADDLE,
        grips: [bike::GRIP, mirrored(bike::GRIP)],
        soles: [
            axle + Vec3::new(q, pedal_top, crank),
            axle + Vec3::new(-q, pedal_top, -crank),
        ],
        toe_down: [0.12, 0.4],
        lean: (25f32.to_radians(), 35f32.to_radians()),
        knees_out: 0.1,
    }
}

/// Motorcycle mount points (the motorcycle's own, vehicle space): seat, grips and foot
/// pegs (soles 12 mm above the peg centre).
fn motorcycle() -> Mount {
    use crate::vehicles::moto;
    let sole = moto::PEG + glam::Vec3::Y * 0.012;
    Mount {
        seat: moto::SEAT,
        grips: [moto::GRIP, mirrored(moto::GRIP)],
        soles: [sole, mirrored(sole)],
        toe_down: [0.12, 0.12],
        lean: (10f32.to_radians(), 25f32.to_radians()),
        knees_out: 0.08,
    }
}

/// Two cyclists (one helmeted) and a motorcyclist in helmet and dark jacket.
fn riders() -> [Person; 3] {
    let mut a = look(
        0xC99670,
        (Hair::Short, 0x2A1D14),
        (Top::LongSleeve, 0x2E5E9E),
        (Bottom::Trousers, 0x1E1F22),
        0x5A5E66,
    );
    a.helmet = Some((Helmet::Bicycle, 0xE8E8E6));
    let b = look(
        0xEBC0A0,
        (Hair::Long, 0x5A3825),
        (Top::Jacket, 0x5E6142),
        (Bottom::Jeans, 0x3E5573),
        0xE6E6E2,
    );
    let mut m = look(
        0xB98060,
        (Hair::Short, 0x1A1512),
        (Top::Jacket, 0x17171A),
        (Bottom::Trousers, 0x2B2D31),
        0x111111,
    );
    m.helmet = Some((Helmet::FullFace, 0x8E1A1C));
    let r = |stem, fig, look, mount| Person {
        stem,
        fig,
        look,
        mount: Some(mount),
    };
    [
        r(
            "rider_bicycle_a",
            fig(1.76, Sex::Male, AVERAGE, 1.0),
            a,
            bicycle(),
        ),
        r(
            "rider_bicycle_b",
            fig(1.72, Sex::Female, SLIM, 1.0),
            b,
            bicycle(),
        ),
        r(
            "rider_motorcycle",
            fig(1.78, Sex::Male, AVERAGE, 1.0),
            m,
            motorcycle(),
        ),
    ]
}

/// Every person and rider asset.
fn everyone() -> Vec<Person> {
    let mut all = adults().to_vec();
    all.extend(children());
    all.extend(riders());
    all
}

/// Writes this module's assets into `dir`; returns (file name, bytes) per file.
/// Also prints, per rider, how far its joints landed from the mount points.
pub(crate) fn write_all(dir: &Path) -> std::io::Result<Vec<(String, usize)>> {
    let mut out = Vec::new();
    for p in everyone() {
        out.push(write::write(dir, &p)?);
        if let Some(line) = write::fit_report(&p) {
            println!("people: fit {line}");
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_and_rider_fit() {
        for p in everyone() {
            let (_, _, tris) = write::build(&p);
            assert!(tris <= 2000, "{}: {tris} triangles", p.stem);
            if let Some(m) = p.mount {
                let sk = skeleton::Skeleton::new(p.fig);
                let e = pose::fit(&sk, &write::pose_of(&sk, &p), &m);
                assert!(e.iter().all(|&d| d < 0.005), "{}: {e:?}", p.stem);
            }
        }
    }

    #[test]
    fn parts_are_closed_and_outward() {
        for p in everyone() {
            let sk = skeleton::Skeleton::new(p.fig);
            for part in write::parts(&sk, &p.look) {
                assert!(shape::signed_volume(&part.mesh) > 0.0, "{}", p.stem);
            }
        }
    }
}
