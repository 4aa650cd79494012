//! The five car types as data: station tables, wheels, lamp and seam positions, plus
//! the parts that only one type has (hatch spoiler, SUV roof rails, pickup bed, van
//! sliding door and rear doors).

use super::body::{Body, Win, st};
use super::cars::Car;
use super::kit::{Mat, Parts};
use super::parts::{RimStyle, Wheel, block, strip};
use glam::Vec3;

/// An alloy car wheel.
pub(super) const fn alloy(radius: f32, width: f32, rim: f32) -> Wheel {
    Wheel {
        radius,
        width,
        rim,
        segs: 14,
        style: RimStyle::Alloy(5),
    }
}

/// Three-box saloon: long bonnet, raked windscreen, separate boot.
pub(super) const SEDAN: Car = Car {
    file: "car_sedan.glb",
    paint: [0.56, 0.57, 0.58],
    stations: &[
        st(2.30, 0.24, 0.68, 0.70, 0.80, 0.62, Win::No),
        st(2.18, 0.22, 0.76, 0.80, 0.855, 0.66, Win::No),
        st(1.90, 0.21, 0.82, 0.86, 0.865, 0.68, Win::No),
        st(1.00, 0.20, 0.88, 0.92, 0.865, 0.68, Win::Both),
        st(0.25, 0.20, 0.91, 1.42, 0.865, 0.66, Win::Side),
        st(-0.02, 0.20, 0.92, 1.45, 0.865, 0.66, Win::No),
        st(-0.12, 0.20, 0.92, 1.45, 0.865, 0.66, Win::Side),
        st(-0.80, 0.20, 0.93, 1.42, 0.865, 0.66, Win::Top),
        st(-1.55, 0.21, 0.95, 1.00, 0.865, 0.70, Win::No),
        st(-2.12, 0.23, 0.94, 0.98, 0.855, 0.70, Win::No),
        st(-2.30, 0.27, 0.86, 0.90, 0.80, 0.64, Win::No),
    ],
    wheel: alloy(0.32, 0.215, 0.205),
    axles: [1.40, -1.35],
    head: [0.42, 0.74, 0.55, 0.64],
    tail: [0.42, 0.77, 0.68, 0.80],
    seams: &[0.92, -0.07, -0.90],
    handles: &[0.10, -0.72],
    cladding: false,
    bumper: Mat::Paint,
    rear_z: -2.30,
    rear_plate_y: 0.58,
};

/// Two-box hatchback: short nose and a steep rear hatch with a roof spoiler.
pub(super) const HATCHBACK: Car = Car {
    file: "car_hatchback.glb",
    paint: [0.55, 0.03, 0.03],
    stations: &[
        st(2.00, 0.24, 0.68, 0.70, 0.76, 0.60, Win::No),
        st(1.88, 0.22, 0.76, 0.80, 0.83, 0.64, Win::No),
        st(1.62, 0.21, 0.82, 0.87, 0.84, 0.66, Win::No),
        st(0.95, 0.20, 0.90, 0.94, 0.84, 0.66, Win::Both),
        st(0.20, 0.20, 0.93, 1.46, 0.84, 0.65, Win::Side),
        st(-0.10, 0.20, 0.94, 1.50, 0.84, 0.65, Win::No),
        st(-0.19, 0.20, 0.94, 1.50, 0.84, 0.65, Win::Side),
        st(-1.05, 0.20, 0.95, 1.48, 0.84, 0.65, Win::No),
        st(-1.55, 0.21, 0.96, 1.44, 0.84, 0.66, Win::Top),
        st(-1.85, 0.22, 0.96, 1.02, 0.83, 0.68, Win::No),
        st(-2.00, 0.26, 0.90, 0.94, 0.78, 0.62, Win::No),
    ],
    wheel: alloy(0.30, 0.195, 0.19),
    axles: [1.25, -1.25],
    head: [0.40, 0.70, 0.55, 0.64],
    tail: [0.46, 0.74, 0.70, 0.86],
    seams: &[0.82, -0.145, -0.84],
    handles: &[0.02, -0.68],
    cladding: false,
    bumper: Mat::Paint,
    rear_z: -2.00,
    rear_plate_y: 0.60,
};

/// The hatchback's roof spoiler over the rear glass.
pub(super) fn hatchback_extras() -> Parts {
    let mut p = Parts::default();
    p.add(
        Mat::Paint,
        &block(Vec3::new(0.0, 1.45, -1.6), Vec3::new(1.16, 0.04, 0.2)),
    );
    p
}

/// Tall SUV: high ground clearance, long roof, near-vertical tailgate, black cladding.
pub(super) const SUV: Car = Car {
    file: "car_suv.glb",
    paint: [0.035, 0.035, 0.04],
    stations: &[
        st(2.35, 0.34, 0.88, 0.90, 0.86, 0.70, Win::No),
        st(2.22, 0.32, 0.98, 1.02, 0.93, 0.74, Win::No),
        st(1.85, 0.31, 1.04, 1.10, 0.94, 0.76, Win::No),
        st(1.05, 0.30, 1.08, 1.13, 0.94, 0.76, Win::Both),
        st(0.40, 0.30, 1.10, 1.68, 0.94, 0.76, Win::Side),
        st(0.12, 0.30, 1.11, 1.70, 0.94, 0.76, Win::No),
        st(0.02, 0.30, 1.11, 1.70, 0.94, 0.76, Win::Side),
        st(-0.95, 0.30, 1.12, 1.70, 0.94, 0.76, Win::No),
        st(-1.10, 0.30, 1.12, 1.70, 0.94, 0.76, Win::Side),
        st(-1.95, 0.30, 1.13, 1.68, 0.94, 0.76, Win::Top),
        st(-2.15, 0.31, 1.12, 1.22, 0.93, 0.76, Win::No),
        st(-2.35, 0.34, 1.06, 1.12, 0.88, 0.74, Win::No),
    ],
    wheel: alloy(0.37, 0.24, 0.225),
    axles: [1.45, -1.40],
    head: [0.48, 0.80, 0.72, 0.82],
    tail: [0.56, 0.84, 0.84, 1.00],
    seams: &[0.95, 0.07, -0.90],
    handles: &[0.22, -0.74],
    cladding: true,
    bumper: Mat::Trim,
    rear_z: -2.35,
    rear_plate_y: 0.72,
};

/// The SUV's roof rails.
pub(super) fn suv_extras() -> Parts {
    let mut p = Parts::default();
    for x in [0.6f32, -0.6] {
        let (a, b) = (Vec3::new(x, 1.745, 0.25), Vec3::new(x, 1.745, -1.80));
        p.add(Mat::Chrome, &strip(a, b, Vec3::Y, 0.04, 0.035));
        for z in [0.22, -0.78, -1.77] {
            let foot = block(Vec3::new(x, 1.715, z), Vec3::new(0.05, 0.05, 0.08));
            p.add(Mat::Trim, &foot);
        }
    }
    p
}

/// Crew-cab pickup: the lofted body ends at the cab; the open bed is added by
/// [`pickup_extras`].
pub(super) const PICKUP: Car = Car {
    file: "car_pickup.glb",
    paint: [0.02, 0.05, 0.16],
    stations: &[
        st(2.65, 0.40, 1.00, 1.02, 0.90, 0.74, Win::No),
        st(2.52, 0.38, 1.12, 1.16, 0.96, 0.78, Win::No),
        st(2.10, 0.37, 1.16, 1.22, 0.965, 0.80, Win::No),
        st(1.25, 0.36, 1.18, 1.25, 0.965, 0.80, Win::Both),
        st(0.60, 0.36, 1.20, 1.82, 0.965, 0.78, Win::Side),
        st(0.22, 0.36, 1.20, 1.85, 0.965, 0.78, Win::No),
        st(0.12, 0.36, 1.20, 1.85, 0.965, 0.78, Win::Side),
        st(-0.30, 0.36, 1.20, 1.84, 0.965, 0.78, Win::No),
        st(-0.40, 0.37, 1.19, 1.80, 0.955, 0.77, Win::No),
    ],
    wheel: Wheel {
        rim: 0.215,
        ..alloy(0.39, 0.26, 0.215)
    },
    axles: [1.75, -1.70],
    head: [0.52, 0.84, 0.82, 0.94],
    tail: [0.86, 0.95, 0.78, 1.08],
    seams: &[1.24, 0.17],
    handles: &[0.34, -0.22],
    cladding: false,
    bumper: Mat::Chrome,
    rear_z: -2.64,
    rear_plate_y: 0.49,
};

/// The pickup's open cargo bed (walls, bulkhead, tailgate, dark floor), chassis
/// and the cab's rear window.
pub(super) fn pickup_extras() -> Parts {
    let (hw, front, back) = (0.965f32, -0.46f32, -2.64f32);
    let (low, rail) = (0.44f32, 1.17f32);
    let len = front - back;
    let mid = (front + back) * 0.5;
    let mut p = Parts::default();
    let wall = block(
        Vec3::new(hw - 0.03, (low + rail) * 0.5, mid),
        Vec3::new(0.06, rail - low, len),
    );
    p.add_pair(Mat::Paint, &wall);
    let cap = block(
        Vec3::new(hw - 0.04, rail + 0.015, mid),
        Vec3::new(0.09, 0.03, len),
    );
    p.add_pair(Mat::Trim, &cap);
    let bulkhead = block(
        Vec3::new(0.0, (0.7 + rail) * 0.5, front - 0.03),
        Vec3::new(2.0 * hw - 0.02, rail - 0.7, 0.06),
    );
    p.add(Mat::Paint, &bulkhead);
    let gate = block(
        Vec3::new(0.0, (0.5 + rail - 0.01) * 0.5, back + 0.03),
        Vec3::new(2.0 * hw - 0.02, rail - 0.51, 0.06),
    );
    p.add(Mat::Paint, &gate);
    p.add(
        Mat::Chrome,
        &block(
            Vec3::new(0.0, rail - 0.09, back - 0.004),
            Vec3::new(0.28, 0.05, 0.012),
        ),
    );
    let floor = block(
        Vec3::new(0.0, 0.66, mid),
        Vec3::new(2.0 * hw - 0.1, 0.3, len - 0.1),
    );
    p.add(Mat::Trim, &floor);
    for x in [0.45f32, -0.45] {
        let rail = block(Vec3::new(x, 0.5, -1.6), Vec3::new(0.1, 0.16, 2.2));
        p.add(Mat::Metal, &rail);
    }
    let glass = block(Vec3::new(0.0, 1.5, -0.408), Vec3::new(1.1, 0.3, 0.008));
    let backing = block(Vec3::new(0.0, 1.5, -0.401), Vec3::new(1.16, 0.36, 0.006));
    p.add(Mat::Glass, &glass);
    p.add(Mat::Trim, &backing);
    p
}

/// Tall panel van: short bonnet, steep windscreen, windowless cargo box.
pub(super) const VAN: Car = Car {
    file: "car_van.glb",
    paint: [0.80, 0.80, 0.80],
    stations: &[
        st(2.45, 0.34, 0.86, 0.88, 0.88, 0.70, Win::No),
        st(2.32, 0.32, 0.96, 1.00, 0.95, 0.78, Win::No),
        st(2.00, 0.31, 1.02, 1.10, 0.965, 0.82, Win::No),
        st(1.65, 0.30, 1.06, 1.16, 0.965, 0.84, Win::Both),
        st(1.15, 0.30, 1.08, 2.02, 0.965, 0.90, Win::Side),
        st(0.70, 0.30, 1.08, 2.08, 0.965, 0.91, Win::No),
        st(-2.35, 0.30, 1.08, 2.08, 0.965, 0.91, Win::No),
        st(-2.45, 0.34, 1.06, 2.04, 0.94, 0.89, Win::No),
    ],
    wheel: Wheel {
        style: RimStyle::Steel,
        ..alloy(0.35, 0.225, 0.20)
    },
    axles: [1.60, -1.55],
    head: [0.50, 0.84, 0.70, 0.80],
    tail: [0.80, 0.90, 0.55, 1.25],
    seams: &[1.28, 0.68],
    handles: &[0.82],
    cladding: true,
    bumper: Mat::Trim,
    rear_z: -2.45,
    rear_plate_y: 0.66,
};

/// The van's sliding door and its track on the right (−X) side, and the split
/// rear doors with their windows.
pub(super) fn van_extras() -> Parts {
    let body = Body {
        st: VAN.stations.to_vec(),
    };
    let mut right = Parts::default();
    let (front, back, low, high) = (0.62f32, -0.60f32, 0.45f32, 1.96f32);
    for z in [front, back] {
        right.add(Mat::Trim, &body.seam(z, low, high));
    }
    right.add(Mat::Trim, &body.line(high, front, back, 0.014));
    right.add(Mat::Trim, &body.line(low, front, back, 0.014));
    right.add(Mat::Trim, &body.line(1.62, back, -2.32, 0.03));
    let handle = body.side(0.50, 1.12) + Vec3::X * 0.006;
    right.add(Mat::Chrome, &block(handle, Vec3::new(0.02, 0.028, 0.16)));
    let mut p = right.mirrored();
    let z = VAN.rear_z;
    let seam = strip(
        Vec3::new(0.0, 0.45, z - 0.002),
        Vec3::new(0.0, 1.98, z - 0.002),
        -Vec3::Z,
        0.014,
        0.008,
    );
    p.add(Mat::Trim, &seam);
    let pane = Vec3::new(0.40, 1.66, z);
    p.add_pair(
        Mat::Trim,
        &block(pane - Vec3::Z * 0.002, Vec3::new(0.62, 0.5, 0.006)),
    );
    p.add_pair(
        Mat::Glass,
        &block(pane - Vec3::Z * 0.007, Vec3::new(0.56, 0.44, 0.006)),
    );
    p
}
