//! Street furniture on poles: a street lamp with an arm and a bollard.

use super::Kit;
use super::shapes::frustum;
use crate::geom::ellipsoid;
use crate::gltf::Pbr;
use glam::Vec3;

/// Galvanised, painted steel.
fn steel(name: &str, rgb: [f64; 3]) -> Pbr {
    Pbr::new(name, rgb, 0.45).metallic(0.8)
}

/// `street_lamp.glb`: 8 m steel pole at the origin with a base plinth, an arm curving up
/// and out towards +Z and a cobra-head lamp (centre at z = 1.8 m) whose warm emissive
/// lens ("lamp_sodium", strength 4) faces down.
pub(crate) fn street_lamp() -> Kit {
    let mut kit = Kit::default();
    let pole = kit.material(steel("steel_pole", [0.26, 0.28, 0.29]));
    let head = kit.material(steel("lamp_housing", [0.20, 0.21, 0.22]));
    let lens = kit.material(
        Pbr::new("lamp_sodium", [0.95, 0.85, 0.65], 0.3).emissive([1.0, 0.80, 0.52], 4.0),
    );
    let y = |h: f32| Vec3::new(0.0, h, 0.0);
    kit.add(pole, &frustum(y(0.0), y(0.6), 0.17, 0.13, 12));
    kit.add(pole, &frustum(y(0.6), y(0.68), 0.13, 0.09, 12));
    kit.add(pole, &frustum(y(0.68), y(7.9), 0.09, 0.055, 12));
    kit.add(pole, &ellipsoid(y(7.9), Vec3::splat(0.058), 4, 10));
    // The arm: a quarter curve from the pole top, rising 0.35 m over 1.65 m.
    let arm = |t: f32| Vec3::new(0.0, 7.62 + 0.38 * (1.0 - (1.0 - t).powi(2)), 1.62 * t);
    let n = 5;
    for k in 0..n {
        let (a, b) = (arm(k as f32 / n as f32), arm((k + 1) as f32 / n as f32));
        kit.add(pole, &frustum(a, b, 0.045, 0.045, 8));
        kit.add(pole, &ellipsoid(b, Vec3::splat(0.045), 4, 8));
    }
    let c = Vec3::new(0.0, 8.0, 1.8);
    kit.add(head, &ellipsoid(c, Vec3::new(0.2, 0.1, 0.4), 6, 12));
    kit.add(
        lens,
        &ellipsoid(
            c - Vec3::new(0.0, 0.045, -0.02),
            Vec3::new(0.16, 0.075, 0.31),
            5,
            12,
        ),
    );
    kit
}

/// `bollard.glb`: a 0.98 m dark steel bollard with a domed top, a white reflective band
/// and a base ring.
pub(crate) fn bollard() -> Kit {
    let mut kit = Kit::default();
    let body = kit.material(steel("steel_dark", [0.04, 0.045, 0.05]));
    let band = kit.material(Pbr::new("reflector_white", [0.85, 0.85, 0.82], 0.3));
    let y = |h: f32| Vec3::new(0.0, h, 0.0);
    kit.add(body, &frustum(y(0.0), y(0.05), 0.13, 0.12, 12));
    kit.add(body, &frustum(y(0.05), y(0.9), 0.1, 0.09, 12));
    kit.add(body, &ellipsoid(y(0.9), Vec3::new(0.09, 0.08, 0.09), 6, 12));
    kit.add(band, &frustum(y(0.72), y(0.8), 0.0945, 0.0935, 12));
    kit
}
