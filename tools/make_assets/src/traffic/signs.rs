//! Road signs: one thin galvanised pole (`sign_pole.glb`) and five sign plates that
//! mount on it (`sign_*.glb`), all with the origin at the foot of the pole. Each plate
//! is 1 cm thick with its printed face towards +Z, a grey metal back, two clamp bands
//! round the pole and a strut and channel rail behind the plate on each band.

use super::shapes::{extrude, fan, frustum};
use super::sign_art::{self, Face};
use super::{Asset, galvanised};
use crate::geom::{MeshData, cuboid, cylinder};
use crate::gltf::Pbr;
use glam::Vec3;

/// Pole radius, metres.
const POLE_R: f32 = 0.035;
/// Pole height, metres.
const POLE_H: f32 = 2.8;
/// Height of the plate centre (its bounding box centre).
const PLATE_Y: f32 = 2.2;
/// The plate's back and front planes (1 cm plate just in front of the pole).
const PLATE_Z: (f32, f32) = (0.065, 0.075);
/// Offsets of the two clamp bands from the plate centre (most plates).
const BAND_DY: [f32; 2] = [-0.2, 0.2];

/// Moves every vertex of `m` by `d`.
fn moved(mut m: MeshData, d: Vec3) -> MeshData {
    for p in &mut m.positions {
        *p += d;
    }
    m
}

/// `sign_pole.glb`: a 2.8 m galvanised tube with a ground sleeve and a plastic top cap.
pub(super) fn pole() -> Asset {
    let steel = galvanised();
    let cap = Pbr::new("pole_cap_plastic", [0.03, 0.03, 0.03], 0.6);
    let tube = cylinder(Vec3::ZERO, Vec3::Y * POLE_H, POLE_R, 12);
    let sleeve = cylinder(Vec3::ZERO, Vec3::Y * 0.08, POLE_R + 0.01, 12);
    let top = frustum(
        Vec3::Y * POLE_H,
        0.025,
        (POLE_R + 0.004, POLE_R - 0.01),
        12,
        (true, true),
    );
    let mut a = Asset::new("sign_pole");
    a.add(&steel, &MeshData::merged(&[tube, sleeve]))
        .add(&cap, &top);
    a
}

/// The clamp bands, struts and rails that hold a plate on the pole, at heights `dys`
/// relative to the plate centre.
fn brackets(dys: [f32; 2]) -> MeshData {
    let mut m = MeshData::default();
    for dy in dys {
        let y = PLATE_Y + dy;
        let band = cylinder(
            Vec3::Y * (y - 0.02),
            Vec3::Y * (y + 0.02),
            POLE_R + 0.008,
            12,
        );
        let strut = cuboid(
            Vec3::new(-0.015, y - 0.018, 0.035),
            Vec3::new(0.015, y + 0.018, 0.05),
        );
        let rail = cuboid(
            Vec3::new(-0.13, y - 0.022, 0.05),
            Vec3::new(0.13, y + 0.022, PLATE_Z.0),
        );
        m = MeshData::merged(&[m, band, strut, rail]);
    }
    m
}

/// A sign asset: the printed plate described by `face` on its brackets.
fn sign(name: &str, face: Face) -> Asset {
    let printed = Pbr::new(format!("{name}_face"), [1.0, 1.0, 1.0], 0.5);
    let back = Pbr::new("sign_back_metal", [0.45, 0.46, 0.48], 0.55).metallic(0.6);
    let plate = extrude(&face.outline, &fan(face.outline.len()), PLATE_Z, |p| {
        face.canvas.uv(p)
    });
    let up = Vec3::Y * PLATE_Y;
    let mut a = Asset::new(name);
    a.add_textured(&printed, face.canvas.png(), moved(plate.front, up));
    a.add(
        &back,
        &moved(MeshData::merged(&[plate.back, plate.sides]), up),
    );
    // The yield triangle narrows downwards: keep its lower rail inside the plate.
    let dys = if name == "sign_yield" {
        [-0.08, 0.22]
    } else {
        BAND_DY
    };
    a.add(&galvanised(), &brackets(dys));
    a
}

/// The five sign assets.
pub(super) fn all() -> Vec<Asset> {
    sign_art::all()
        .into_iter()
        .map(|(name, face)| sign(name, face))
        .collect()
}
