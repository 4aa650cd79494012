//! Passenger cars: sedan, hatchback, SUV, pickup and van. Each is a lofted body (see
//! [`super::body`]) with four alloy or steel wheels, lamps, plates, bumpers, mirrors,
//! door seams and handles; the body types differ in their station tables and extras.

use super::body::{Body, St, Win, arch};
use super::kit::{Mat, Model, Parts};
use super::parts::{Wheel, block, obox, prism, strip};
use crate::gltf::Node;
use glam::{Quat, Vec2, Vec3};
use std::path::Path;

/// What differs between car types.
pub(super) struct Car {
    /// Output file name.
    pub file: &'static str,
    /// Linear paint colour.
    pub paint: [f64; 3],
    /// Body stations, front to back.
    pub stations: &'static [St],
    /// The wheel (all four alike).
    pub wheel: Wheel,
    /// Front and rear axle z.
    pub axles: [f32; 2],
    /// The +X headlamp on the front face: x0, x1, y0, y1.
    pub head: [f32; 4],
    /// The +X tail lamp on the rear face: x0, x1, y0, y1.
    pub tail: [f32; 4],
    /// Door seam z positions (both sides).
    pub seams: &'static [f32],
    /// Door handle z positions (both sides).
    pub handles: &'static [f32],
    /// Black plastic lower flanks and arches.
    pub cladding: bool,
    /// Bumper material.
    pub bumper: Mat,
    /// The plane of the tail lamps and the rear bumper.
    pub rear_z: f32,
    /// Centre height of the rear number plate.
    pub rear_plate_y: f32,
}

/// EU number plate size.
const PLATE: Vec3 = Vec3::new(0.52, 0.11, 0.012);

/// Builds `car` with the type-specific `extra` parts and writes it into `dir`.
pub(super) fn write(dir: &Path, car: &Car, extra: &Parts) -> std::io::Result<(String, usize)> {
    let body = Body {
        st: car.stations.to_vec(),
    };
    let mut p = body.shell(car.cladding);
    p.add(Mat::Trim, &body.interior());
    let lip = if car.cladding { Mat::Trim } else { Mat::Paint };
    let hw = car.stations.iter().map(|s| s.hw).fold(0.0, f32::max);
    let last = car.stations[car.stations.len() - 1].z;
    for z in car.axles {
        if z > last {
            p.merge(&body.arch(z, car.wheel.radius, lip));
        } else {
            p.merge(&arch(hw, z, car.wheel.radius, lip));
        }
    }
    let side = side_details(&body, car);
    p.merge(&side);
    p.merge(&side.mirrored());
    p.merge(&front(&body, car));
    p.merge(&rear(&body, car));
    p.merge(extra);
    let mut model = Model::new(car.paint);
    let body_mesh = model.mesh("body", &p);
    let wheel_mesh = model.mesh("wheel", &car.wheel.parts());
    let x = hw + 0.02 - car.wheel.width * 0.5;
    let r = car.wheel.radius;
    let wheels = [
        ("wheel_front_left", 1.0, car.axles[0]),
        ("wheel_front_right", -1.0, car.axles[0]),
        ("wheel_rear_left", 1.0, car.axles[1]),
        ("wheel_rear_right", -1.0, car.axles[1]),
    ]
    .map(|(name, side, z)| {
        let n = Node::new(name).mesh(wheel_mesh).at(x * side, r, z);
        if side < 0.0 {
            n.rotated(Quat::from_rotation_y(std::f32::consts::PI))
        } else {
            n
        }
    });
    let stem = car.file.trim_end_matches(".glb");
    let root =
        Node::new(stem).children(std::iter::once(Node::new("body").mesh(body_mesh)).chain(wheels));
    model.write(dir, car.file, &root)
}

/// Seams, handles, window trim and the wing mirror of the +X side.
fn side_details(body: &Body, car: &Car) -> Parts {
    let mut p = Parts::default();
    for &z in car.seams {
        let s = body.at(z);
        p.add(Mat::Trim, &body.seam(z, s.y0 + 0.15, s.belt - 0.005));
    }
    for &z in car.handles {
        let c = body.side(z, body.at(z).belt - 0.09) + Vec3::X * 0.006;
        p.add(Mat::Chrome, &block(c, Vec3::new(0.02, 0.028, 0.14)));
    }
    p.add(Mat::Chrome, &body.window_trim());
    let ws = car
        .stations
        .iter()
        .position(|s| s.win == Win::Both)
        .expect("a windscreen");
    let z = car.stations[ws].z - 0.14;
    let base = body.side(z, body.at(z).belt + 0.005);
    let head = base + Vec3::new(0.11, 0.09, 0.0);
    p.add(
        Mat::Paint,
        &obox(head, Vec3::X * 0.085, Vec3::Y * 0.055, Vec3::Z * 0.045),
    );
    p.add(
        Mat::Chrome,
        &block(head - Vec3::Z * 0.046, Vec3::new(0.15, 0.09, 0.006)),
    );
    let arm = strip(
        base + Vec3::new(-0.02, 0.03, 0.0),
        head - Vec3::X * 0.06,
        Vec3::Y,
        0.04,
        0.03,
    );
    p.add(Mat::Trim, &arm);
    p
}

/// A wrap-around bumper at `zc` (`dir` +1 front, −1 rear) between heights `y0` and `y1`.
pub(super) fn bumper(
    zc: f32,
    dir: f32,
    hw_end: f32,
    hw_body: f32,
    y: (f32, f32),
) -> crate::geom::MeshData {
    let plan = [
        (-(hw_body + 0.015), -0.32),
        (hw_body + 0.015, -0.32),
        (hw_end + 0.03, -0.02),
        (hw_end - 0.1, 0.05),
        (-(hw_end - 0.1), 0.05),
        (-(hw_end + 0.03), -0.02),
    ]
    .map(|(x, dz)| Vec2::new(x, zc + dir * dz));
    prism(&plan, y.0, y.1)
}

/// Lamp pair on a vertical face at `z`, proud towards `dir`.
pub(super) fn lamps(l: [f32; 4], z: f32, dir: f32) -> crate::geom::MeshData {
    let c = Vec3::new((l[0] + l[1]) * 0.5, (l[2] + l[3]) * 0.5, z + dir * 0.004);
    block(c, Vec3::new(l[1] - l[0], l[3] - l[2], 0.03))
}

/// Headlamps, grille, bumper, intake and plate.
fn front(body: &Body, car: &Car) -> Parts {
    let s = body.st[0];
    let hw = body.st.iter().map(|s| s.hw).fold(0.0, f32::max);
    let mut p = Parts::default();
    p.add_pair(Mat::Headlight, &lamps(car.head, s.z, 1.0));
    let h = car.head;
    let grille = Vec3::new(2.0 * (h[0] - 0.04), h[3] - h[2] + 0.02, 0.02);
    p.add(
        Mat::Trim,
        &block(Vec3::new(0.0, (h[2] + h[3]) * 0.5 - 0.01, s.z), grille),
    );
    let (y0, y1) = (s.y0 - 0.02, s.y0 + 0.22);
    p.add(car.bumper, &bumper(s.z, 1.0, s.hw, hw, (y0, y1)));
    let face = s.z + 0.05;
    let intake = block(
        Vec3::new(0.0, y0 + 0.045, face),
        Vec3::new(1.0, 0.05, 0.012),
    );
    p.add(Mat::Trim, &intake);
    let plate = Vec3::new(0.0, s.y0 + 0.12, face + PLATE.z * 0.5);
    p.add(Mat::Plate, &block(plate, PLATE));
    p
}

/// Tail lamps, bumper and rear plate at `car.rear_z`.
fn rear(body: &Body, car: &Car) -> Parts {
    let z = car.rear_z;
    let s = body.at(z);
    let hw = body.st.iter().map(|s| s.hw).fold(0.0, f32::max);
    let mut p = Parts::default();
    p.add_pair(Mat::Taillight, &lamps(car.tail, z, -1.0));
    let (y0, y1) = (s.y0 - 0.02, s.y0 + 0.22);
    p.add(car.bumper, &bumper(z, -1.0, s.hw, hw, (y0, y1)));
    let on_bumper = car.rear_plate_y < y1;
    let face = if on_bumper { z - 0.05 } else { z };
    let plate = Vec3::new(0.0, car.rear_plate_y, face - PLATE.z * 0.5);
    p.add(Mat::Plate, &block(plate, PLATE));
    p
}
