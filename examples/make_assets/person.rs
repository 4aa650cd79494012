//! The placeholder adult (1.75 m): a jointed node hierarchy of boxes and low-poly cylinders.
//! Faces +Z; the person's left is +X; feet on y = 0. Every limb node sits at its joint.
//!
//! Importer coverage: the head primitive is NON-INDEXED and the shoe primitives have NO
//! NORMAL attribute.

use crate::geom::{MeshData, cuboid, cylinder, ellipsoid, tapered_box};
use crate::gltf::{Document, Node, PrimitiveLayout};
use glam::Vec3;

/// Segments of the limb cylinders.
const SEGMENTS: u32 = 10;

fn limb(length: f32, radius: f32) -> MeshData {
    cylinder(Vec3::ZERO, Vec3::new(0.0, -length, 0.0), radius, SEGMENTS)
}

/// Builds the person and writes `path` as a .gltf with an embedded buffer; returns the size.
pub(crate) fn write(path: &std::path::Path) -> std::io::Result<usize> {
    let mut doc = Document::default();
    let skin = doc.material("skin", [0.70, 0.45, 0.33, 1.0], 0.0, 0.6);
    let shirt = doc.material("shirt_blue", [0.05, 0.18, 0.45, 1.0], 0.0, 0.8);
    let trousers = doc.material("trousers_navy", [0.03, 0.04, 0.08, 1.0], 0.0, 0.85);
    let shoes = doc.material("shoes_brown", [0.06, 0.035, 0.02, 1.0], 0.0, 0.5);
    let full = PrimitiveLayout::UNTEXTURED; // nothing is textured: no TEXCOORD_0

    // Pelvis around the hip joint (node at y = 0.92).
    let pelvis = cuboid(Vec3::new(-0.17, -0.10, -0.11), Vec3::new(0.17, 0.12, 0.11));
    let hips = vec![doc.primitive(&pelvis, trousers, full)];
    let hips = doc.mesh("hips", hips);

    // Torso from the waist (node at y = 1.04), widening to the shoulders; neck on top.
    let chest = tapered_box(0.0, 0.44, (0.16, -0.11, 0.11), (0.20, -0.12, 0.10));
    let neck = cylinder(
        Vec3::new(0.0, 0.40, 0.0),
        Vec3::new(0.0, 0.52, 0.0),
        0.055,
        SEGMENTS,
    );
    let torso = vec![
        doc.primitive(&chest, shirt, full),
        doc.primitive(&neck, skin, full),
    ];
    let torso = doc.mesh("torso", torso);

    // Head from the top of the neck (node at y = 1.54) to 1.75, with a nose towards +Z.
    // Written without indices, one vertex per triangle corner.
    let skull = ellipsoid(
        Vec3::new(0.0, 0.095, 0.0),
        Vec3::new(0.085, 0.115, 0.10),
        8,
        12,
    );
    let nose = cuboid(
        Vec3::new(-0.015, 0.05, 0.08),
        Vec3::new(0.015, 0.095, 0.125),
    );
    let head_mesh = MeshData::merged(&[skull, nose]).unindexed();
    let unindexed = PrimitiveLayout {
        indexed: false,
        ..full
    };
    let head = vec![doc.primitive(&head_mesh, skin, unindexed)];
    let head = doc.mesh("head", head);

    // Arms hang from the shoulders: short shirt sleeve, then skin forearm and hand.
    let upper_arm = vec![doc.primitive(&limb(0.30, 0.05), shirt, full)];
    let upper_arm = doc.mesh("upper_arm", upper_arm);
    let hand = cuboid(
        Vec3::new(-0.02, -0.44, -0.045),
        Vec3::new(0.02, -0.25, 0.045),
    );
    let forearm_mesh = MeshData::merged(&[limb(0.26, 0.04), hand]);
    let forearm = vec![doc.primitive(&forearm_mesh, skin, full)];
    let forearm = doc.mesh("forearm", forearm);

    // Legs: thigh from the hip joint, shin from the knee, shoe under the ankle
    // (the shoe is written WITHOUT normals; importers must compute them).
    let thigh = vec![doc.primitive(&limb(0.43, 0.075), trousers, full)];
    let thigh = doc.mesh("thigh", thigh);
    let shoe = cuboid(
        Vec3::new(-0.055, -0.49, -0.06),
        Vec3::new(0.055, -0.40, 0.20),
    );
    let no_normals = PrimitiveLayout {
        normals: false,
        ..full
    };
    let shin = vec![
        doc.primitive(&limb(0.41, 0.055), trousers, full),
        doc.primitive(&shoe, shoes, no_normals),
    ];
    let shin = doc.mesh("shin", shin);

    let arm = |side: f32, upper: &'static str, fore: &'static str| {
        Node::new(upper)
            .mesh(upper_arm)
            .at(0.215 * side, 0.40, 0.0)
            .children([Node::new(fore).mesh(forearm).at(0.0, -0.30, 0.0)])
    };
    let leg = |side: f32, thigh_name: &'static str, shin_name: &'static str| {
        Node::new(thigh_name)
            .mesh(thigh)
            .at(0.095 * side, 0.0, 0.0)
            .children([Node::new(shin_name).mesh(shin).at(0.0, -0.43, 0.0)])
    };
    let root =
        Node::new("person").children([Node::new("hips").mesh(hips).at(0.0, 0.92, 0.0).children([
            Node::new("torso").mesh(torso).at(0.0, 0.12, 0.0).children([
                Node::new("head").mesh(head).at(0.0, 0.50, 0.0),
                arm(1.0, "upper_arm_left", "forearm_left"),
                arm(-1.0, "upper_arm_right", "forearm_right"),
            ]),
            leg(1.0, "thigh_left", "shin_left"),
            leg(-1.0, "thigh_right", "shin_right"),
        ])]);
    doc.write_gltf_embedded(path, &root)
}
