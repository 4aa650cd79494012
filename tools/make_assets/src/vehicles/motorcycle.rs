//! A standard (naked) motorcycle: round-profile tyres on cast wheels, telescopic fork,
//! tank, seat and tail, engine, swingarm and shock, exhaust, bars with mirrors, lamps.

use super::kit::{Mat, Model, Parts, moved};
use super::parts::{arc_band, block, disc, lathe, obox, prism, round_tyre, strip, tube};
use super::two_wheelers::{moto, mx};
use crate::geom::{ellipsoid, tapered_box};
use crate::gltf::Node;
use glam::{Quat, Vec2, Vec3};
use std::f32::consts::TAU;
use std::path::Path;

/// A motorcycle wheel about the X axis: round tyre, rim, five cast spokes, hub and (front
/// only) a brake disc on the +X side.
fn motorcycle_wheel(width: f32, brake_disc: bool) -> Parts {
    let (r, rim) = (moto::WHEEL_R, 0.215);
    let mut p = Parts::default();
    p.add(Mat::Rubber, &round_tyre(r, width, rim, 16));
    let h = width * 0.4;
    let band = [
        Vec2::new(-h, rim + 0.005),
        Vec2::new(-h, rim - 0.02),
        Vec2::new(h, rim - 0.02),
        Vec2::new(h, rim + 0.005),
    ];
    p.add(Mat::Chrome, &lathe(&band, false, (0.0, TAU), 16));
    p.add(Mat::Metal, &tube(Vec3::X * -0.06, Vec3::X * 0.06, 0.04, 10));
    for k in 0..5 {
        let a = TAU * k as f32 / 5.0;
        let dir = Vec3::new(0.0, a.cos(), a.sin());
        let mid = dir * (rim + 0.02) * 0.5;
        let spoke = obox(
            mid,
            Vec3::X * 0.012,
            Vec3::X.cross(dir) * 0.016,
            dir * (rim - 0.03) * 0.5,
        );
        p.add(Mat::Metal, &spoke);
    }
    if brake_disc {
        p.add(
            Mat::Chrome,
            &tube(Vec3::X * 0.065, Vec3::X * 0.072, 0.15, 16),
        );
    }
    p
}

/// Fork, clamps, handlebar with grips and mirrors, headlamp, speedo, front mudguard.
fn motorcycle_front() -> Parts {
    let fa = moto::FRONT_AXLE;
    let rake = Vec3::new(0.0, 0.906, -0.423);
    let at = |t: f32, x: f32| fa + rake * t + Vec3::X * x;
    let mut p = Parts::default();
    let mut leg = Parts::default();
    leg.add(Mat::Chrome, &tube(at(0.0, 0.1), at(0.74, 0.1), 0.022, 8));
    leg.add(Mat::Metal, &tube(at(-0.02, 0.1), at(0.3, 0.1), 0.034, 8));
    p.merge(&leg);
    p.merge(&leg.mirrored());
    for t in [0.6, 0.72] {
        p.add(
            Mat::Metal,
            &obox(
                at(t, 0.0),
                Vec3::X * 0.13,
                rake * 0.02,
                rake.cross(Vec3::X) * 0.04,
            ),
        );
    }
    let g = moto::GRIP;
    let riser = at(0.72, 0.0) + Vec3::Y * 0.02;
    p.add(Mat::Metal, &tube(riser, Vec3::new(0.0, g.y, g.z), 0.016, 8));
    p.add(
        Mat::Chrome,
        &tube(mx(g) + Vec3::X * 0.07, g - Vec3::X * 0.07, 0.011, 8),
    );
    let mut side = Parts::default();
    side.add(
        Mat::Rubber,
        &tube(g - Vec3::X * 0.065, g + Vec3::X * 0.065, 0.018, 8),
    );
    let stalk = g + Vec3::new(-0.07, 0.0, 0.0);
    let head = Vec3::new(0.33, 1.115, 0.4);
    side.add(Mat::Chrome, &tube(stalk, head - Vec3::Y * 0.02, 0.007, 6));
    side.add(Mat::Trim, &block(head, Vec3::new(0.11, 0.06, 0.025)));
    side.add(
        Mat::Chrome,
        &block(head - Vec3::Z * 0.014, Vec3::new(0.09, 0.045, 0.004)),
    );
    side.add(
        Mat::Indicator,
        &block(at(0.6, 0.14) + Vec3::Z * 0.06, Vec3::new(0.04, 0.03, 0.05)),
    );
    p.merge(&side);
    p.merge(&side.mirrored());
    let lamp = at(0.66, 0.0) + Vec3::Z * 0.1;
    p.add(Mat::Trim, &tube(lamp - Vec3::Z * 0.08, lamp, 0.085, 12));
    p.add(
        Mat::Headlight,
        &disc(lamp + Vec3::Z * 0.002, Vec3::X, Vec3::Y, 0.075, 12),
    );
    let speedo = at(0.74, 0.0) + Vec3::new(0.0, 0.03, 0.03);
    p.add(
        Mat::Trim,
        &tube(speedo, speedo + Vec3::new(0.0, 0.03, -0.02), 0.045, 10),
    );
    let guard = arc_band((-0.065, 0.065), (0.33, 0.345), (-0.5, 1.2), 8);
    p.add(Mat::Paint, &moved(&guard, Quat::IDENTITY, fa));
    p
}

/// Tank, seat, tail, side panels, lamps, plate and rear hugger.
fn motorcycle_body() -> Parts {
    let mut p = Parts::default();
    p.add(
        Mat::Paint,
        &ellipsoid(
            Vec3::new(0.0, 0.845, 0.2),
            Vec3::new(0.15, 0.105, 0.24),
            6,
            12,
        ),
    );
    let s = moto::SEAT;
    let plan = [(0.11, 0.22), (0.15, 0.05), (0.14, -0.16), (0.09, -0.22)];
    let outline: Vec<Vec2> = plan
        .iter()
        .map(|&(x, z)| Vec2::new(x, s.z + z))
        .chain(plan.iter().rev().map(|&(x, z)| Vec2::new(-x, s.z + z)))
        .collect();
    p.add(Mat::Seat, &prism(&outline, s.y - 0.08, s.y));
    let pillion = [
        (-0.09, -0.4),
        (0.09, -0.4),
        (0.1, -0.5),
        (0.06, -0.64),
        (-0.06, -0.64),
        (-0.1, -0.5),
    ];
    let pillion = pillion.map(|(x, z)| Vec2::new(x, z));
    p.add(Mat::Seat, &prism(&pillion, s.y - 0.08, s.y - 0.015));
    p.add(
        Mat::Paint,
        &tapered_box(0.6, s.y - 0.07, (0.11, -0.74, -0.28), (0.1, -0.86, -0.32)),
    );
    p.add(
        Mat::Paint,
        &tapered_box(0.5, s.y - 0.07, (0.12, -0.32, 0.0), (0.14, -0.36, 0.04)),
    );
    let tail = Vec3::new(0.0, 0.7, -0.86);
    p.add(Mat::Taillight, &block(tail, Vec3::new(0.12, 0.05, 0.03)));
    p.add_pair(
        Mat::Indicator,
        &block(Vec3::new(0.1, 0.66, -0.83), Vec3::new(0.05, 0.03, 0.04)),
    );
    let bracket = strip(
        Vec3::new(0.0, 0.66, -0.84),
        Vec3::new(0.0, 0.58, -0.9),
        Vec3::Y,
        0.05,
        0.01,
    );
    p.add(Mat::Trim, &bracket);
    p.add(
        Mat::Plate,
        &block(Vec3::new(0.0, 0.52, -0.905), Vec3::new(0.18, 0.13, 0.01)),
    );
    let hugger = arc_band((-0.09, 0.09), (0.33, 0.345), (-1.5, -0.1), 8);
    p.add(Mat::Trim, &moved(&hugger, Quat::IDENTITY, moto::REAR_AXLE));
    p
}

/// Engine, frame spars, swingarm, shock, chain, exhaust and foot pegs.
fn motorcycle_running_gear() -> Parts {
    let ra = moto::REAR_AXLE;
    let mut p = Parts::default();
    p.add(
        Mat::Metal,
        &block(Vec3::new(0.0, 0.48, 0.1), Vec3::new(0.3, 0.32, 0.44)),
    );
    p.add(
        Mat::Metal,
        &tapered_box(0.62, 0.78, (0.13, 0.12, 0.38), (0.12, 0.18, 0.4)),
    );
    p.add(
        Mat::Trim,
        &block(Vec3::new(0.0, 0.64, 0.44), Vec3::new(0.32, 0.24, 0.04)),
    );
    let mut side = Parts::default();
    side.add(
        Mat::Chrome,
        &tube(
            Vec3::new(0.15, 0.45, 0.05),
            Vec3::new(0.165, 0.45, 0.05),
            0.11,
            12,
        ),
    );
    side.add(
        Mat::Metal,
        &tube(
            Vec3::new(0.1, 0.93, 0.45),
            Vec3::new(0.1, 0.56, -0.17),
            0.028,
            8,
        ),
    );
    side.add(
        Mat::Metal,
        &tube(Vec3::new(0.1, 0.52, -0.15), ra + Vec3::X * 0.1, 0.026, 8),
    );
    let peg = moto::PEG;
    side.add(
        Mat::Rubber,
        &tube(peg - Vec3::X * 0.06, peg + Vec3::X * 0.06, 0.016, 8),
    );
    side.add(
        Mat::Metal,
        &strip(
            peg - Vec3::X * 0.06,
            Vec3::new(0.1, 0.46, -0.1),
            Vec3::Y,
            0.03,
            0.02,
        ),
    );
    p.merge(&side);
    p.merge(&side.mirrored());
    p.add(
        Mat::Chrome,
        &tube(
            Vec3::new(0.0, 0.74, -0.28),
            Vec3::new(0.0, 0.44, -0.46),
            0.03,
            8,
        ),
    );
    let sprocket = ra + Vec3::X * 0.1;
    p.add(
        Mat::Metal,
        &tube(sprocket, sprocket + Vec3::X * 0.01, 0.09, 12),
    );
    let front_sprocket = Vec3::new(0.1, 0.45, -0.08);
    for (a, b) in [(0.045f32, 0.09f32), (-0.045, -0.09)] {
        let s = strip(
            front_sprocket + Vec3::Y * a,
            sprocket + Vec3::Y * b,
            Vec3::X,
            0.014,
            0.012,
        );
        p.add(Mat::Metal, &s);
    }
    let pipe = [
        Vec3::new(-0.08, 0.5, 0.33),
        Vec3::new(-0.12, 0.24, 0.2),
        Vec3::new(-0.15, 0.24, -0.2),
        Vec3::new(-0.165, 0.33, -0.35),
    ];
    for w in pipe.windows(2) {
        p.add(Mat::Chrome, &tube(w[0], w[1], 0.025, 8));
    }
    let muffler = (
        Vec3::new(-0.165, 0.33, -0.32),
        Vec3::new(-0.175, 0.47, -0.78),
    );
    p.add(Mat::Chrome, &tube(muffler.0, muffler.1, 0.055, 12));
    p.add(
        Mat::Trim,
        &disc(
            muffler.1 + (muffler.1 - muffler.0).normalize() * 0.002,
            Vec3::X,
            (muffler.1 - muffler.0).normalize().cross(Vec3::X),
            0.035,
            10,
        ),
    );
    p
}

/// Writes motorcycle.glb: body mesh and two wheel nodes at the axles.
pub(super) fn motorcycle(dir: &Path) -> std::io::Result<(String, usize)> {
    let mut model = Model::new([0.45, 0.02, 0.015]);
    let mut body = motorcycle_front();
    body.merge(&motorcycle_body());
    body.merge(&motorcycle_running_gear());
    let b = model.mesh("body", &body);
    let front = model.mesh("wheel_front", &motorcycle_wheel(0.12, true));
    let rear = model.mesh("wheel_rear", &motorcycle_wheel(0.16, false));
    let root = Node::new("motorcycle").children([
        Node::new("body").mesh(b),
        Node::new("wheel_front")
            .mesh(front)
            .at_vec(moto::FRONT_AXLE),
        Node::new("wheel_rear").mesh(rear).at_vec(moto::REAR_AXLE),
    ]);
    model.write(dir, "motorcycle.glb", &root)
}
