//! A bicycle: torus tyres on spoked wheels, a diamond frame of round tubes, fork,
//! flat handlebar with grips, saddle, cranks with pedals, chainring and chain.

use super::kit::{Mat, Model, Parts};
use super::parts::{arc_band, block, prism, strip, torus, tube};
use super::two_wheelers::{bike, mx};
use crate::gltf::Node;
use glam::{Vec2, Vec3};
use std::f32::consts::TAU;
use std::path::Path;

/// A bicycle wheel about the X axis: torus tyre, box-section rim, hub and 16 spokes
/// laced alternately to the two hub flanges.
fn bicycle_wheel() -> Parts {
    let mut p = Parts::default();
    let minor = 0.017;
    p.add(Mat::Rubber, &torus(bike::WHEEL_R - minor, minor, 24, 6));
    p.add(
        Mat::Chrome,
        &arc_band((-0.01, 0.01), (0.285, 0.308), (0.0, TAU), 24),
    );
    p.add(Mat::Metal, &tube(Vec3::X * -0.04, Vec3::X * 0.04, 0.018, 8));
    for k in 0..16 {
        let a = TAU * (k as f32 + 0.5) / 16.0;
        let dir = Vec3::new(0.0, a.cos(), a.sin());
        let side = if k % 2 == 0 { 0.028 } else { -0.028 };
        let hub = Vec3::X * side + dir * 0.025;
        let rim = dir * 0.288;
        p.add(Mat::Chrome, &strip(hub, rim, Vec3::X, 0.004, 0.004));
    }
    p
}

/// The bicycle frame, fork, bars, saddle and drivetrain (everything but the wheels).
fn bicycle_frame() -> Parts {
    let (ra, fa, bb) = (bike::REAR_AXLE, bike::FRONT_AXLE, bike::CRANK);
    let seat_top = Vec3::new(0.0, 0.80, -0.17);
    let (ht_top, ht_bot) = (Vec3::new(0.0, 0.84, 0.37), Vec3::new(0.0, 0.70, 0.415));
    let mut p = Parts::default();
    let frame = [
        (ht_top, seat_top, 0.016),
        (ht_bot, bb, 0.02),
        (bb, seat_top + Vec3::new(0.0, 0.02, -0.006), 0.016),
        (ht_bot - Vec3::Y * 0.02, ht_top + Vec3::Y * 0.03, 0.02),
    ];
    for (a, b, r) in frame {
        p.add(Mat::Paint, &tube(a, b, r, 8));
    }
    let off = |v: Vec3, x: f32| v + Vec3::X * x;
    let mut stays = Parts::default();
    stays.add(Mat::Paint, &tube(off(bb, 0.02), off(ra, 0.06), 0.011, 6));
    stays.add(
        Mat::Paint,
        &tube(off(seat_top, 0.015), off(ra, 0.06), 0.01, 6),
    );
    stays.add(Mat::Paint, &tube(off(ht_bot, 0.0), off(fa, 0.05), 0.012, 6));
    p.merge(&stays);
    p.merge(&stays.mirrored());
    p.add(
        Mat::Paint,
        &block(ht_bot - Vec3::Y * 0.03, Vec3::new(0.12, 0.03, 0.05)),
    );
    // Steerer, stem and handlebar with grips.
    let stem_top = Vec3::new(0.0, 0.97, 0.33);
    let bar = Vec3::new(0.0, bike::GRIP.y, bike::GRIP.z);
    p.add(Mat::Metal, &tube(ht_top, stem_top, 0.014, 8));
    p.add(Mat::Metal, &tube(stem_top, bar, 0.014, 8));
    p.add(
        Mat::Chrome,
        &tube(
            mx(bike::GRIP) + Vec3::X * 0.05,
            bike::GRIP - Vec3::X * 0.05,
            0.012,
            8,
        ),
    );
    for g in [bike::GRIP, mx(bike::GRIP)] {
        p.add(
            Mat::Rubber,
            &tube(g - Vec3::X * 0.06, g + Vec3::X * 0.06, 0.017, 8),
        );
    }
    let lamp = ht_bot + Vec3::new(0.0, -0.01, 0.035);
    p.add(Mat::Headlight, &tube(lamp, lamp + Vec3::Z * 0.04, 0.022, 8));
    // Seat post and saddle (top centre at bike::SADDLE).
    let post_top = Vec3::new(0.0, 0.92, -0.205);
    p.add(Mat::Chrome, &tube(seat_top, post_top, 0.013, 8));
    let s = bike::SADDLE;
    let plan = [
        (-0.085, -0.135),
        (0.085, -0.135),
        (0.09, -0.08),
        (0.022, 0.135),
        (-0.022, 0.135),
        (-0.09, -0.08),
    ]
    .map(|(x, z)| Vec2::new(x, s.z + z));
    p.add(Mat::Seat, &prism(&plan, s.y - 0.045, s.y));
    let rear_lamp = Vec3::new(0.0, 0.85, -0.2);
    p.add(
        Mat::Taillight,
        &block(rear_lamp, Vec3::new(0.04, 0.05, 0.02)),
    );
    p.merge(&drivetrain());
    p
}

/// Crank axle, cranks (left forward, right back, horizontal), pedals, chainring and chain.
fn drivetrain() -> Parts {
    let (bb, len) = (bike::CRANK, bike::CRANK_LEN);
    let mut p = Parts::default();
    p.add(
        Mat::Metal,
        &tube(bb - Vec3::X * 0.08, bb + Vec3::X * 0.08, 0.018, 8),
    );
    for (x, dz) in [(0.085f32, len), (-0.085, -len)] {
        let (a, b) = (bb + Vec3::X * x, bb + Vec3::new(x, 0.0, dz));
        p.add(Mat::Chrome, &strip(a, b, Vec3::X, 0.03, 0.014));
        let pedal = b + Vec3::X * (0.045 * x.signum());
        p.add(Mat::Rubber, &block(pedal, Vec3::new(0.09, 0.022, 0.065)));
    }
    let ring = Vec3::new(-0.065, bb.y, bb.z);
    p.add(Mat::Chrome, &tube(ring, ring - Vec3::X * 0.006, 0.1, 16));
    let cog = Vec3::new(-0.065, bike::REAR_AXLE.y, bike::REAR_AXLE.z);
    p.add(Mat::Chrome, &tube(cog, cog - Vec3::X * 0.006, 0.04, 10));
    for (ry, cy) in [(0.1f32, 0.04f32), (-0.1, -0.04)] {
        let a = ring + Vec3::new(-0.003, ry, 0.0);
        let b = cog + Vec3::new(-0.003, cy, 0.0);
        p.add(Mat::Metal, &strip(a, b, Vec3::X, 0.008, 0.01));
    }
    p
}

/// Writes bicycle.glb: the frame mesh and two wheel nodes at the axles.
pub(super) fn bicycle(dir: &Path) -> std::io::Result<(String, usize)> {
    let mut model = Model::new([0.0, 0.3, 0.25]);
    let frame = model.mesh("frame", &bicycle_frame());
    let wheel = model.mesh("wheel", &bicycle_wheel());
    let root = Node::new("bicycle").children([
        Node::new("frame").mesh(frame),
        Node::new("wheel_front")
            .mesh(wheel)
            .at_vec(bike::FRONT_AXLE),
        Node::new("wheel_rear").mesh(wheel).at_vec(bike::REAR_AXLE),
    ]);
    model.write(dir, "bicycle.glb", &root)
}
