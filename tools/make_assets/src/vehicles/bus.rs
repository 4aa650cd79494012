//! A 12 m low-floor city bus: a lofted box body with rounded corners and a continuous
//! window band, three double doors on the right (kerb) side, a lit destination sign
//! over the windscreen, rear engine grille, twin rear tyres and rabbit-ear mirrors.

use super::body::arch;
use super::cars::{bumper, lamps};
use super::heavy::{Axle, steel, wheel_nodes};
use super::kit::{Mat, Model, Parts};
use super::parts::{block, loft, strip};
use crate::gltf::Node;
use glam::Vec3;
use std::path::Path;

/// Half width of the body.
const HW: f32 = 1.275;
/// Front and rear face z.
const END: f32 = 5.9;
/// Bottom and top of the window band.
const BAND: (f32, f32) = (1.10, 2.55);
/// Doors on the right side: (front z, back z).
const DOORS: [(f32, f32); 3] = [(5.3, 4.15), (0.95, -0.25), (-3.55, -4.7)];
/// Axles: z and wheel radius.
const AXLES: [f32; 2] = [3.4, -2.6];
/// Wheel radius.
const R: f32 = 0.5;

/// The section at `z` with half width `hw` and underside `y0`.
fn ring(z: f32, hw: f32, y0: f32) -> Vec<Vec3> {
    let half = [
        (hw - 0.06, y0),
        (hw, y0 + 0.12),
        (hw, BAND.0 - 0.08),
        (hw - 0.012, BAND.0),
        (hw - 0.04, BAND.1),
        (hw - 0.05, 2.82),
        (hw - 0.17, 3.0),
        (hw - 0.34, 3.04),
    ];
    let left = half.iter().map(|&(x, y)| Vec3::new(x, y, z));
    let right = half.iter().rev().map(|&(x, y)| Vec3::new(-x, y, z));
    left.chain(right).collect()
}

/// The shell: paint, glass window band (segments 3 and 11), dark skirt and underside.
fn shell() -> Parts {
    let rings = [
        ring(END, HW - 0.06, 0.34),
        ring(END - 0.1, HW - 0.01, 0.32),
        ring(END - 0.25, HW, 0.3),
        ring(-END + 0.25, HW, 0.3),
        ring(-END + 0.1, HW - 0.01, 0.32),
        ring(-END, HW - 0.06, 0.36),
    ];
    let mat = |i: usize, k: usize| match k {
        3 | 11 if i < 4 => Mat::Glass,
        0 | 14 | 15 => Mat::Trim,
        _ => Mat::Paint,
    };
    loft(&rings, mat, [Mat::Paint, Mat::Paint])
}

/// Window pillars on the +X side at each z.
fn pillars(zs: impl Iterator<Item = f32>) -> Parts {
    let mut p = Parts::default();
    for z in zs {
        let a = Vec3::new(HW - 0.012, BAND.0, z);
        let b = Vec3::new(HW - 0.04, BAND.1, z);
        p.add(Mat::Paint, &strip(a, b, Vec3::X, 0.1, 0.03));
    }
    p
}

/// A glazed double door on the +X side from `z0` (front) to `z1`.
fn door(z0: f32, z1: f32) -> Parts {
    let mut p = Parts::default();
    let (zc, len) = ((z0 + z1) * 0.5, z0 - z1);
    let frame = block(Vec3::new(HW + 0.002, 1.47, zc), Vec3::new(0.02, 2.2, len));
    p.add(Mat::Trim, &frame);
    for zm in [zc + len * 0.25, zc - len * 0.25] {
        let pane = block(
            Vec3::new(HW + 0.014, 1.5, zm),
            Vec3::new(0.006, 1.95, len * 0.5 - 0.1),
        );
        p.add(Mat::Glass, &pane);
    }
    let seam = strip(
        Vec3::new(HW + 0.013, 0.38, zc),
        Vec3::new(HW + 0.013, 2.56, zc),
        Vec3::X,
        0.03,
        0.01,
    );
    p.add(Mat::Trim, &seam);
    p
}

/// Windscreen, destination sign, lamps, bumper and plate on the front face.
fn front() -> Parts {
    let mut p = Parts::default();
    let z = END;
    p.add(
        Mat::Trim,
        &block(Vec3::new(0.0, 1.98, z), Vec3::new(2.3, 1.92, 0.01)),
    );
    p.add(
        Mat::Glass,
        &block(Vec3::new(0.0, 1.86, z + 0.008), Vec3::new(2.2, 1.56, 0.006)),
    );
    p.add(
        Mat::Sign,
        &block(Vec3::new(0.0, 2.8, z + 0.008), Vec3::new(1.7, 0.22, 0.006)),
    );
    p.add_pair(Mat::Headlight, &lamps([0.78, 1.1, 0.52, 0.66], z, 1.0));
    p.add_pair(Mat::Indicator, &lamps([0.98, 1.1, 0.7, 0.78], z, 1.0));
    p.add(Mat::Trim, &bumper(z, 1.0, HW - 0.06, HW, (0.24, 0.5)));
    p.add(
        Mat::Plate,
        &block(
            Vec3::new(0.0, 0.37, z + 0.056),
            Vec3::new(0.52, 0.11, 0.012),
        ),
    );
    let mut ear = Parts::default();
    let (base, tip) = (
        Vec3::new(1.18, 2.75, z - 0.05),
        Vec3::new(1.33, 2.6, z + 0.18),
    );
    ear.add(Mat::Trim, &strip(base, tip, Vec3::Y, 0.04, 0.04));
    let head = Vec3::new(1.34, 2.38, z + 0.18);
    ear.add(Mat::Trim, &block(head, Vec3::new(0.06, 0.4, 0.18)));
    p.merge(&ear);
    p.merge(&ear.mirrored());
    p
}

/// Rear window, route number sign, engine grille, tail lamps, bumper and plate.
fn rear() -> Parts {
    let mut p = Parts::default();
    let z = -END;
    p.add(
        Mat::Trim,
        &block(Vec3::new(0.0, 2.27, z), Vec3::new(2.0, 0.8, 0.01)),
    );
    p.add(
        Mat::Glass,
        &block(Vec3::new(0.0, 2.2, z - 0.008), Vec3::new(1.9, 0.56, 0.006)),
    );
    p.add(
        Mat::Sign,
        &block(Vec3::new(0.0, 2.58, z - 0.008), Vec3::new(0.6, 0.12, 0.006)),
    );
    p.add(
        Mat::Trim,
        &block(Vec3::new(0.0, 1.05, z), Vec3::new(1.8, 0.7, 0.016)),
    );
    for k in 0..6 {
        let y = 0.78 + 0.11 * k as f32;
        let slat = block(Vec3::new(0.0, y, z - 0.01), Vec3::new(1.7, 0.025, 0.01));
        p.add(Mat::Metal, &slat);
    }
    p.add_pair(Mat::Taillight, &lamps([0.98, 1.14, 0.6, 1.5], z, -1.0));
    p.add(Mat::Trim, &bumper(z, -1.0, HW - 0.06, HW, (0.24, 0.5)));
    p.add(
        Mat::Plate,
        &block(
            Vec3::new(0.0, 0.37, z - 0.056),
            Vec3::new(0.52, 0.11, 0.012),
        ),
    );
    p
}

/// The bus: body mesh plus six wheel nodes (twin tyres at the rear).
pub(super) fn bus(dir: &Path) -> std::io::Result<(String, usize)> {
    let mut p = shell();
    let inner = block(
        Vec3::new(0.0, 1.8, 0.0),
        Vec3::new(2.0 * HW - 0.2, 1.6, 2.0 * END - 0.3),
    );
    p.add(Mat::Trim, &inner);
    for z in AXLES {
        p.merge(&arch(HW, z, R, Mat::Trim));
    }
    let posts = [5.3, 4.15, 2.9, 1.65, 0.35, -0.95, -2.25, -3.55, -4.7, -5.75];
    p.merge(&pillars(posts.iter().copied()));
    let in_door = |z: f32| DOORS.iter().any(|&(a, b)| z <= a + 0.01 && z >= b - 0.01);
    let mut right = pillars(posts.iter().copied().filter(|&z| !in_door(z)));
    for (a, b) in DOORS {
        right.merge(&door(a, b));
    }
    p.merge(&right.mirrored());
    p.merge(&front());
    p.merge(&rear());
    p.add(
        Mat::Paint,
        &block(Vec3::new(0.0, 3.1, 0.4), Vec3::new(1.6, 0.2, 2.6)),
    );
    let wheel = steel(R, 0.28, 0.29);
    let mut model = Model::new([0.03, 0.14, 0.42]);
    let body = model.mesh("body", &p);
    let wm = model.mesh("wheel", &wheel.parts());
    let axles = [
        Axle {
            name: "front",
            z: AXLES[0],
            outer: HW + 0.006,
            dual: false,
        },
        Axle {
            name: "rear",
            z: AXLES[1],
            outer: HW + 0.006,
            dual: true,
        },
    ];
    let root = Node::new("bus").children(
        std::iter::once(Node::new("body").mesh(body)).chain(wheel_nodes(&wheel, wm, &axles)),
    );
    model.write(dir, "bus.glb", &root)
}
