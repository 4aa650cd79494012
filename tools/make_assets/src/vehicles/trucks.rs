//! Trucks: a box (delivery) truck with a cab-over cab, a separate cargo box and twin
//! rear tyres, and a semi-trailer truck (cab-over tractor with roof fairing pulling a
//! 13.6 m box trailer on three axles).

use super::body::{Win, st};
use super::heavy::{Axle, Cab, cab, markers, mudguard, rear_bar, steel, wheel_nodes};
use super::kit::{Mat, Model, Parts};
use super::parts::{block, strip, tube};
use crate::geom::tapered_box;
use crate::gltf::Node;
use glam::Vec3;
use std::path::Path;

/// The box truck's cab (front at z = 4.25).
const BOX_CAB: Cab = Cab {
    stations: &[
        st(4.25, 0.55, 1.50, 1.55, 1.06, 0.96, Win::Both),
        st(4.10, 0.52, 1.52, 2.52, 1.10, 1.00, Win::Side),
        st(3.92, 0.50, 1.53, 2.60, 1.10, 1.00, Win::Side),
        st(3.15, 0.50, 1.53, 2.62, 1.10, 1.00, Win::No),
        st(2.45, 0.50, 1.53, 2.62, 1.10, 1.00, Win::No),
    ],
    axle: (3.35, 0.48),
    head: [0.62, 0.98, 0.72, 0.88],
    door: (3.98, 2.85),
};

/// A box of `size` centred at `c` with its vertical edges dressed in corner posts and its
/// long edges in rails.
fn dressed_box(c: Vec3, size: Vec3, mat: Mat) -> Parts {
    let mut p = Parts::default();
    p.add(mat, &block(c, size));
    let h = size * 0.5;
    for z in [c.z + h.z - 0.03, c.z - h.z + 0.03] {
        let post = block(
            Vec3::new(h.x - 0.01, c.y, z),
            Vec3::new(0.07, size.y + 0.02, 0.07),
        );
        p.add_pair(Mat::Chrome, &post);
    }
    for (y, t) in [(c.y + h.y - 0.01, 0.07), (c.y - h.y + 0.04, 0.14)] {
        let rail = block(Vec3::new(h.x - 0.01, y, c.z), Vec3::new(0.07, t, size.z));
        p.add_pair(Mat::Chrome, &rail);
    }
    p
}

/// Chassis rails at x = ±0.45 from `z0` to `z1` (z0 > z1), top at `y`.
fn chassis(z0: f32, z1: f32, y: f32) -> Parts {
    let mut p = Parts::default();
    let rail = block(
        Vec3::new(0.45, y - 0.14, (z0 + z1) * 0.5),
        Vec3::new(0.12, 0.28, z0 - z1),
    );
    p.add_pair(Mat::Metal, &rail);
    p
}

/// The box truck: cab, chassis, cargo box with roller door, tank, guards, lamps.
pub(super) fn box_truck(dir: &Path) -> std::io::Result<(String, usize)> {
    let mut p = cab(&BOX_CAB);
    p.merge(&chassis(3.9, -4.1, 0.98));
    let (front, back) = (2.30f32, -4.25f32);
    let bc = Vec3::new(0.0, 2.325, (front + back) * 0.5);
    p.merge(&dressed_box(
        bc,
        Vec3::new(2.5, 2.55, front - back),
        Mat::Cargo,
    ));
    let floor = block(
        Vec3::new(0.0, 1.0, bc.z),
        Vec3::new(2.3, 0.1, front - back - 0.1),
    );
    p.add(Mat::Metal, &floor);
    for k in 0..8 {
        let y = 1.25 + 0.3 * k as f32;
        let z = back - 0.003;
        let slat = strip(
            Vec3::new(-1.15, y, z),
            Vec3::new(1.15, y, z),
            -Vec3::Z,
            0.02,
            0.01,
        );
        p.add(Mat::Trim, &slat);
    }
    let latch = Vec3::new(0.0, 1.2, back - 0.01);
    p.add(Mat::Chrome, &block(latch, Vec3::new(0.3, 0.05, 0.02)));
    p.merge(&rear_bar(back + 0.05, 1.2, 0.78));
    p.merge(&mudguard((0.62, 1.22), -1.5, 0.48));
    for x in [0.92f32, -0.92] {
        let flap = block(Vec3::new(x, 0.52, -2.1), Vec3::new(0.5, 0.6, 0.02));
        p.add(Mat::Trim, &flap);
    }
    let tank = tube(
        Vec3::new(0.92, 0.62, 0.9),
        Vec3::new(0.92, 0.62, -0.1),
        0.25,
        12,
    );
    p.add(Mat::Chrome, &tank);
    for y in [0.5f32, 0.78] {
        let guard = block(Vec3::new(-1.15, y, 0.7), Vec3::new(0.04, 0.1, 3.0));
        p.add(Mat::Metal, &guard);
    }
    p.merge(&markers(1.26, 1.15, &[1.6, -0.3, -2.6, -4.0]));
    let wheel = steel(0.48, 0.24, 0.28);
    let mut model = Model::new([0.8, 0.8, 0.8]);
    let body = model.mesh("body", &p);
    let wm = model.mesh("wheel", &wheel.parts());
    let axles = [
        Axle {
            name: "front",
            z: 3.35,
            outer: 1.12,
            dual: false,
        },
        Axle {
            name: "rear",
            z: -1.5,
            outer: 1.2,
            dual: true,
        },
    ];
    let root = Node::new("truck_box").children(
        std::iter::once(Node::new("body").mesh(body)).chain(wheel_nodes(&wheel, wm, &axles)),
    );
    model.write(dir, "truck_box.glb", &root)
}

/// The tractor's cab (front at z = 8.25), taller than the box truck's.
const TRACTOR_CAB: Cab = Cab {
    stations: &[
        st(8.25, 0.62, 1.70, 1.75, 1.20, 1.10, Win::Both),
        st(8.10, 0.60, 1.72, 2.82, 1.25, 1.15, Win::Side),
        st(7.88, 0.58, 1.73, 2.93, 1.25, 1.15, Win::Side),
        st(7.05, 0.58, 1.73, 2.95, 1.25, 1.15, Win::No),
        st(6.05, 0.58, 1.73, 2.95, 1.25, 1.15, Win::No),
    ],
    axle: (7.15, 0.52),
    head: [0.70, 1.08, 0.80, 0.96],
    door: (7.95, 6.75),
};

/// The tractor: cab, roof fairing, chassis, fuel tanks, fifth wheel, mudguards.
fn tractor() -> Parts {
    let mut p = cab(&TRACTOR_CAB);
    p.add(
        Mat::Paint,
        &tapered_box(2.93, 3.97, (1.18, 6.1, 7.85), (1.2, 6.1, 6.9)),
    );
    p.merge(&chassis(8.0, 2.7, 1.0));
    for x in [1.0f32, -1.0] {
        let tank = tube(Vec3::new(x, 0.78, 5.95), Vec3::new(x, 0.78, 4.85), 0.3, 12);
        p.add(Mat::Chrome, &tank);
    }
    p.add(
        Mat::Metal,
        &block(Vec3::new(0.0, 1.12, 3.8), Vec3::new(1.0, 0.16, 1.0)),
    );
    p.merge(&mudguard((0.7, 1.28), 3.7, 0.52));
    for x in [0.95f32, -0.95] {
        p.add(
            Mat::Trim,
            &block(Vec3::new(x, 0.55, 2.95), Vec3::new(0.55, 0.6, 0.02)),
        );
        let lamp = block(Vec3::new(x, 0.9, 2.7), Vec3::new(0.2, 0.1, 0.04));
        p.add(Mat::Taillight, &lamp);
    }
    p
}

/// The trailer: box with rear doors and lock bars, underframe, landing gear, guards.
fn trailer() -> Parts {
    let (front, back) = (5.35f32, -8.25f32);
    let bc = Vec3::new(0.0, 2.625, (front + back) * 0.5);
    let mut p = dressed_box(bc, Vec3::new(2.55, 2.75, front - back), Mat::Cargo);
    let frame = block(
        Vec3::new(0.0, 1.15, bc.z),
        Vec3::new(2.2, 0.2, front - back - 0.2),
    );
    p.add(Mat::Metal, &frame);
    p.add(
        Mat::Metal,
        &block(Vec3::new(0.0, 0.98, -6.2), Vec3::new(1.6, 0.3, 4.0)),
    );
    let z = back - 0.004;
    let seam = strip(
        Vec3::new(0.0, 1.3, z),
        Vec3::new(0.0, 3.95, z),
        -Vec3::Z,
        0.02,
        0.008,
    );
    p.add(Mat::Trim, &seam);
    for x in [0.35f32, 0.95, -0.35, -0.95] {
        let bar = tube(
            Vec3::new(x, 1.35, z - 0.03),
            Vec3::new(x, 3.9, z - 0.03),
            0.022,
            6,
        );
        p.add(Mat::Chrome, &bar);
    }
    for x in [0.8f32, -0.8] {
        p.add(
            Mat::Metal,
            &block(Vec3::new(x, 0.62, 1.8), Vec3::new(0.1, 1.0, 0.1)),
        );
        p.add(
            Mat::Metal,
            &block(Vec3::new(x, 0.1, 1.8), Vec3::new(0.26, 0.04, 0.26)),
        );
    }
    for y in [0.55f32, 0.82] {
        let guard = block(Vec3::new(1.2, y, -1.2), Vec3::new(0.04, 0.1, 5.6));
        p.add_pair(Mat::Metal, &guard);
    }
    for x in [0.95f32, -0.95] {
        p.add(
            Mat::Trim,
            &block(Vec3::new(x, 0.55, -8.1), Vec3::new(0.55, 0.6, 0.02)),
        );
    }
    p.merge(&rear_bar(back + 0.02, 1.2, 0.95));
    p.merge(&markers(1.285, 1.35, &[4.5, 1.5, -1.5, -4.3, -7.9]));
    p
}

/// The semi-trailer truck: tractor plus trailer, 12 wheels.
pub(super) fn semi(dir: &Path) -> std::io::Result<(String, usize)> {
    let mut model = Model::new([0.5, 0.03, 0.02]);
    let t = model.mesh("tractor", &tractor());
    let tr = model.mesh("trailer", &trailer());
    let wheel = steel(0.52, 0.3, 0.29);
    let wm = model.mesh("wheel", &wheel.parts());
    let axle = |name, z, outer, dual| Axle {
        name,
        z,
        outer,
        dual,
    };
    let tractor_axles = [
        axle("front", 7.15, 1.27, false),
        axle("drive", 3.7, 1.25, true),
    ];
    let trailer_axles = [
        axle("trailer_1", -4.9, 1.25, false),
        axle("trailer_2", -6.2, 1.25, false),
        axle("trailer_3", -7.5, 1.25, false),
    ];
    let tractor_node = Node::new("tractor").children(
        std::iter::once(Node::new("tractor_body").mesh(t)).chain(wheel_nodes(
            &wheel,
            wm,
            &tractor_axles,
        )),
    );
    let trailer_node = Node::new("trailer").children(
        std::iter::once(Node::new("trailer_body").mesh(tr)).chain(wheel_nodes(
            &wheel,
            wm,
            &trailer_axles,
        )),
    );
    let root = Node::new("truck_semi").children([tractor_node, trailer_node]);
    model.write(dir, "truck_semi.glb", &root)
}
