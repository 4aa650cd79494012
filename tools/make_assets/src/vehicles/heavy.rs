//! Pieces shared by the heavy vehicles: steel wheels and their nodes (single or dual),
//! a cab-over truck cab lofted like the car bodies, truck mirrors, mudguards and small
//! lamps.

use super::body::{Body, St};
use super::cars::{bumper, lamps};
use super::kit::{Mat, Parts, moved};
use super::parts::{RimStyle, Wheel, arc_band, block, strip};
use crate::gltf::Node;
use glam::{Quat, Vec3};

/// A steel truck or bus wheel.
pub(super) const fn steel(radius: f32, width: f32, rim: f32) -> Wheel {
    Wheel {
        radius,
        width,
        rim,
        segs: 12,
        style: RimStyle::Steel,
    }
}

/// One axle: its name, z, the x of the outer tyre face, and whether it has twin tyres.
pub(super) struct Axle {
    /// Node name prefix.
    pub name: &'static str,
    /// Position along the vehicle.
    pub z: f32,
    /// Outer tyre face x (left side; mirrored for the right).
    pub outer: f32,
    /// Twin tyres on each side.
    pub dual: bool,
}

/// Wheel nodes for `axles`, all instancing `mesh` of `wheel`; right wheels are turned
/// half a turn about Y so their faces look outwards.
pub(super) fn wheel_nodes(wheel: &Wheel, mesh: usize, axles: &[Axle]) -> Vec<Node> {
    let mut nodes = Vec::new();
    for a in axles {
        let x = a.outer - wheel.width * 0.5;
        let mut set = vec![("", x)];
        if a.dual {
            set = vec![("_outer", x), ("_inner", x - wheel.width - 0.03)];
        }
        for (suffix, x) in set {
            for (side, sign) in [("left", 1.0), ("right", -1.0)] {
                let name = format!("wheel_{}_{side}{suffix}", a.name);
                let n = Node::new(name).mesh(mesh).at(x * sign, wheel.radius, a.z);
                nodes.push(if sign < 0.0 {
                    n.rotated(Quat::from_rotation_y(std::f32::consts::PI))
                } else {
                    n
                });
            }
        }
    }
    nodes
}

/// A cab-over truck cab.
pub(super) struct Cab {
    /// Body stations, front to back.
    pub stations: &'static [St],
    /// Front axle z and wheel radius.
    pub axle: (f32, f32),
    /// The +X headlamp on the front face: x0, x1, y0, y1.
    pub head: [f32; 4],
    /// Door front and back z.
    pub door: (f32, f32),
}

/// The cab: shell, interior, arches, door, steps, mirrors, lamps, grille, bumper, plate.
pub(super) fn cab(c: &Cab) -> Parts {
    let body = Body {
        st: c.stations.to_vec(),
    };
    let mut p = body.shell(false);
    p.add(Mat::Trim, &body.interior());
    p.merge(&body.arch(c.axle.0, c.axle.1, Mat::Trim));
    let s = c.stations[0];
    let hw = c.stations.iter().map(|s| s.hw).fold(0.0, f32::max);
    let mut side = Parts::default();
    for z in [c.door.0, c.door.1] {
        side.add(Mat::Trim, &body.seam(z, s.y0 + 0.12, s.belt - 0.01));
    }
    let handle = body.side(c.door.1 + 0.15, s.belt - 0.15) + Vec3::X * 0.008;
    side.add(Mat::Chrome, &block(handle, Vec3::new(0.02, 0.04, 0.18)));
    side.add(Mat::Chrome, &body.window_trim());
    let step = Vec3::new(hw - 0.08, s.y0 - 0.08, (c.door.0 + c.door.1) * 0.5);
    side.add(Mat::Trim, &block(step, Vec3::new(0.16, 0.05, 0.5)));
    side.merge(&mirror(body.side(s.z - 0.12, s.belt + 0.25), 0.28));
    p.merge(&side);
    p.merge(&side.mirrored());
    p.add_pair(Mat::Headlight, &lamps(c.head, s.z, 1.0));
    let ind = [
        c.head[1] - 0.1,
        c.head[1],
        c.head[3] + 0.03,
        c.head[3] + 0.1,
    ];
    p.add_pair(Mat::Indicator, &lamps(ind, s.z, 1.0));
    let gy = (c.head[2] + s.belt) * 0.5;
    let grille = Vec3::new(2.0 * (c.head[0] - 0.05), s.belt - c.head[2] - 0.08, 0.02);
    p.add(Mat::Trim, &block(Vec3::new(0.0, gy, s.z), grille));
    for k in 0..4 {
        let y = c.head[2] + 0.08 + 0.15 * k as f32;
        let bar = Vec3::new(2.0 * (c.head[0] - 0.08), 0.03, 0.03);
        p.add(Mat::Chrome, &block(Vec3::new(0.0, y, s.z + 0.005), bar));
    }
    let (y0, y1) = (s.y0 - 0.22, s.y0 + 0.12);
    p.add(Mat::Trim, &bumper(s.z, 1.0, s.hw, hw, (y0, y1)));
    let plate = Vec3::new(0.0, (y0 + y1) * 0.5, s.z + 0.056);
    p.add(Mat::Plate, &block(plate, Vec3::new(0.52, 0.11, 0.012)));
    p
}

/// A truck mirror on the +X side: an arm from `base` reaching out `reach`, and a tall head.
pub(super) fn mirror(base: Vec3, reach: f32) -> Parts {
    let mut p = Parts::default();
    let tip = base + Vec3::new(reach, 0.1, 0.08);
    p.add(Mat::Trim, &strip(base, tip, Vec3::Y, 0.04, 0.04));
    let head = tip + Vec3::new(0.03, -0.05, 0.0);
    p.add(Mat::Trim, &block(head, Vec3::new(0.06, 0.4, 0.2)));
    p.add(
        Mat::Chrome,
        &block(head - Vec3::Z * 0.102, Vec3::new(0.05, 0.36, 0.006)),
    );
    p
}

/// A mudguard over a wheel at (`z`, `r`) spanning x from `x0` to `x1`, both sides.
pub(super) fn mudguard(x: (f32, f32), z: f32, r: f32) -> Parts {
    let band = arc_band(x, (r + 0.05, r + 0.07), (-1.25, 1.25), 8);
    let mut p = Parts::default();
    p.add_pair(
        Mat::Trim,
        &moved(&band, Quat::IDENTITY, Vec3::new(0.0, r, z)),
    );
    p
}

/// Small amber side-marker lamps on both flanks at x = ±`x`, height `y`, at each z.
pub(super) fn markers(x: f32, y: f32, zs: &[f32]) -> Parts {
    let mut p = Parts::default();
    for &z in zs {
        let lamp = block(Vec3::new(x, y, z), Vec3::new(0.02, 0.05, 0.09));
        p.add_pair(Mat::Indicator, &lamp);
    }
    p
}

/// The rear of a chassis at `z`: an underrun bar, a lamp bar with tail lamps and a plate.
pub(super) fn rear_bar(z: f32, half: f32, y: f32) -> Parts {
    let mut p = Parts::default();
    let bar = block(
        Vec3::new(0.0, y - 0.2, z + 0.05),
        Vec3::new(2.0 * half, 0.12, 0.1),
    );
    p.add(Mat::Metal, &bar);
    for x in [0.55f32, -0.55] {
        let post = block(Vec3::new(x, y - 0.02, z + 0.12), Vec3::new(0.08, 0.3, 0.08));
        p.add(Mat::Metal, &post);
    }
    let lamp_bar = block(
        Vec3::new(0.0, y, z + 0.04),
        Vec3::new(2.0 * half, 0.16, 0.07),
    );
    p.add(Mat::Metal, &lamp_bar);
    let tail = [half - 0.36, half - 0.04, y - 0.06, y + 0.06];
    p.add_pair(Mat::Taillight, &lamps(tail, z, -1.0));
    let plate = Vec3::new(0.0, y, z - 0.007);
    p.add(Mat::Plate, &block(plate, Vec3::new(0.52, 0.11, 0.012)));
    p
}
