//! The placeholder sedan: body, tapered glass cabin with a roof, lights, mirrors, bumpers
//! and four wheels as child nodes. Faces +Z; left is +X; stands on y = 0.

use crate::geom::{MeshData, cuboid, cylinder, tapered_box};
use crate::gltf::{Document, Node, PrimitiveLayout};
use glam::Vec3;

/// Overall body length including bumpers, metres (z = -2.25 … 2.25).
const LENGTH: f32 = 4.5;
/// Half the body width (wheels' outer faces are flush with ±0.90 m).
const BODY_HALF_WIDTH: f32 = 0.86;
/// Wheel radius, metres.
const WHEEL_RADIUS: f32 = 0.33;
/// Tyre width, metres.
const WHEEL_WIDTH: f32 = 0.22;

fn b(x0: f32, y0: f32, z0: f32, x1: f32, y1: f32, z1: f32) -> MeshData {
    cuboid(Vec3::new(x0, y0, z0), Vec3::new(x1, y1, z1))
}

/// One box on each side, mirrored in x (`x0 < x1`, both positive).
fn pair(x0: f32, y0: f32, z0: f32, x1: f32, y1: f32, z1: f32) -> MeshData {
    MeshData::merged(&[b(x0, y0, z0, x1, y1, z1), b(-x1, y0, z0, -x0, y1, z1)])
}

/// Builds the car and writes `path` as GLB; returns the file size.
pub(crate) fn write(path: &std::path::Path) -> std::io::Result<usize> {
    let mut doc = Document::default();
    let paint = doc.material("paint_grey_blue", [0.20, 0.26, 0.36, 1.0], 0.6, 0.35);
    let glass = doc.material("glass_dark", [0.02, 0.025, 0.03, 1.0], 0.0, 0.05);
    let trim = doc.material("trim_black_plastic", [0.03, 0.03, 0.03, 1.0], 0.0, 0.6);
    let head = doc.material("headlight_pale_yellow", [1.0, 0.92, 0.6, 1.0], 0.0, 0.2);
    let tail = doc.material("taillight_red", [0.75, 0.02, 0.02, 1.0], 0.0, 0.3);
    let rubber = doc.material("tyre_rubber", [0.02, 0.02, 0.02, 1.0], 0.0, 0.9);
    let rim = doc.material("wheel_rim_metal", [0.55, 0.56, 0.58, 1.0], 1.0, 0.35);

    let half = LENGTH / 2.0; // bumpers reach ±2.25, body panels ±2.20
    let w = BODY_HALF_WIDTH;

    // Body: lower box plus a slightly raised, shorter belt-line box for a hood/boot step.
    let body_paint = MeshData::merged(&[
        b(-w, 0.22, -2.2, w, 0.74, 2.2),
        tapered_box(0.74, 0.84, (w, -2.05, 1.95), (w - 0.02, -1.9, 1.75)),
    ]);
    let bumpers = MeshData::merged(&[
        b(-w + 0.02, 0.22, 2.2, w - 0.02, 0.45, half),
        b(-w + 0.02, 0.22, -half, w - 0.02, 0.45, -2.2),
    ]);
    let headlights = pair(0.50, 0.60, 2.19, 0.78, 0.70, 2.23);
    let taillights = pair(0.52, 0.62, -2.23, 0.80, 0.72, -2.19);
    let mirrors = pair(0.78, 0.92, 0.60, 0.98, 1.02, 0.72);
    let body = vec![
        doc.primitive(&body_paint, paint, PrimitiveLayout::FULL),
        doc.primitive(&bumpers, trim, PrimitiveLayout::FULL),
        doc.primitive(&headlights, head, PrimitiveLayout::FULL),
        doc.primitive(&taillights, tail, PrimitiveLayout::FULL),
        doc.primitive(&mirrors, paint, PrimitiveLayout::FULL),
    ];
    let body = doc.mesh("body", body);

    // Cabin: tapered glass greenhouse (narrower and shorter at the top), painted roof panel.
    let greenhouse = tapered_box(0.84, 1.40, (0.80, -1.35, 0.85), (0.68, -1.0, 0.35));
    let roof = b(-0.69, 1.40, -1.02, 0.69, 1.45, 0.37);
    let cabin = vec![
        doc.primitive(&greenhouse, glass, PrimitiveLayout::FULL),
        doc.primitive(&roof, paint, PrimitiveLayout::FULL),
    ];
    let cabin = doc.mesh("cabin", cabin);

    // One wheel mesh, axle along X, centred on the node origin, shared by four nodes.
    let hw = WHEEL_WIDTH / 2.0;
    let tyre = cylinder(
        Vec3::new(-hw, 0.0, 0.0),
        Vec3::new(hw, 0.0, 0.0),
        WHEEL_RADIUS,
        16,
    );
    let hub = cylinder(
        Vec3::new(-hw - 0.005, 0.0, 0.0),
        Vec3::new(hw + 0.005, 0.0, 0.0),
        0.19,
        16,
    );
    let wheel = vec![
        doc.primitive(&tyre, rubber, PrimitiveLayout::FULL),
        doc.primitive(&hub, rim, PrimitiveLayout::FULL),
    ];
    let wheel = doc.mesh("wheel", wheel);

    let x = 0.90 - hw; // outer tyre face at ±0.90
    let (front, rear) = (1.38, -1.32);
    let wheel_node = |name, x, z| Node::new(name).mesh(wheel).at(x, WHEEL_RADIUS, z);
    let root = Node::new("car").children([
        Node::new("body").mesh(body),
        Node::new("cabin").mesh(cabin),
        wheel_node("wheel_front_left", x, front),
        wheel_node("wheel_front_right", -x, front),
        wheel_node("wheel_rear_left", x, rear),
        wheel_node("wheel_rear_right", -x, rear),
    ]);
    doc.write_glb(path, &root)
}
