//! The traffic light: a galvanised pole on a base plate (`traffic_light_pole.glb`) and
//! the three-lamp signal head mounted on its +Z side (`traffic_light.glb`). Both share
//! the origin at the foot of the pole; the head spans 2.5–3.4 m and faces +Z.

use super::shapes::{frustum, visor};
use super::{Asset, galvanised};
use crate::geom::{MeshData, cuboid, cylinder};
use crate::gltf::Pbr;
use glam::{Vec2, Vec3};

/// Pole radius, metres.
const POLE_R: f32 = 0.08;
/// Pole height, metres (the top of the signal head's backplate).
const POLE_H: f32 = 3.4;
/// Lamp centre heights, top (red) to bottom (green).
const LAMP_Y: [f32; 3] = [3.18, 2.95, 2.72];
/// Lens radius.
const LENS_R: f32 = 0.1;
/// Housing: half width, bottom and top, back and front.
const HOUSING: (f32, (f32, f32), (f32, f32)) = (0.16, (2.585, 3.315), (0.12, 0.36));
/// Backplate: half width, bottom and top, back and front.
const BACKPLATE: (f32, (f32, f32), (f32, f32)) = (0.28, (2.5, 3.4), (0.2, 0.215));
/// Width of the white border on the backplate.
const BORDER: f32 = 0.035;

/// `traffic_light_pole.glb`: tube, base plate with anchor nuts, foot collar, top cap.
pub(super) fn pole() -> Asset {
    let tube = cylinder(Vec3::ZERO, Vec3::Y * POLE_H, POLE_R, 16);
    let plate = cuboid(Vec3::new(-0.2, 0.0, -0.2), Vec3::new(0.2, 0.02, 0.2));
    let collar = frustum(
        Vec3::Y * 0.02,
        0.12,
        (0.125, POLE_R + 0.005),
        16,
        (false, true),
    );
    let cap = frustum(
        Vec3::Y * POLE_H,
        0.03,
        (POLE_R + 0.006, 0.055),
        16,
        (true, true),
    );
    let mut parts = vec![tube, plate, collar, cap];
    for (x, z) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)] {
        let foot = Vec3::new(x * 0.155, 0.02, z * 0.155);
        parts.push(cylinder(foot, foot + Vec3::Y * 0.035, 0.018, 8));
    }
    let mut a = Asset::new("traffic_light_pole");
    a.add(&galvanised(), &MeshData::merged(&parts));
    a
}

/// A box given as (half width in x, (y0, y1), (z0, z1)), centred on x = 0.
fn slab((hx, (y0, y1), (z0, z1)): (f32, (f32, f32), (f32, f32))) -> MeshData {
    cuboid(Vec3::new(-hx, y0, z0), Vec3::new(hx, y1, z1))
}

/// A box from x0 to x1 (either sign), y0 to y1 and z0 to z1.
fn block((x0, x1): (f32, f32), (y0, y1): (f32, f32), (z0, z1): (f32, f32)) -> MeshData {
    cuboid(Vec3::new(x0.min(x1), y0, z0), Vec3::new(x0.max(x1), y1, z1))
}

/// The black backplate round the housing (four strips) and its white front border.
fn backplate() -> (MeshData, MeshData) {
    let (hx, (y0, y1), z) = BACKPLATE;
    let (hh, (hy0, hy1), _) = HOUSING;
    let zb = (z.1, z.1 + 0.004);
    let mut plate = vec![slab((hx, (hy1, y1), z)), slab((hx, (y0, hy0), z))];
    let mut border = vec![
        slab((hx, (y1 - BORDER, y1), zb)),
        slab((hx, (y0, y0 + BORDER), zb)),
    ];
    for s in [-1.0, 1.0] {
        plate.push(block((s * hh, s * hx), (hy0, hy1), z));
        border.push(block(
            (s * (hx - BORDER), s * hx),
            (y0 + BORDER, y1 - BORDER),
            zb,
        ));
    }
    (MeshData::merged(&plate), MeshData::merged(&border))
}

/// Lamp lens materials, top to bottom; red is lit, amber and green glow faintly.
fn lamp_materials() -> [Pbr; 3] {
    [
        Pbr::new("lamp_red", [0.45, 0.02, 0.01], 0.2).emissive([1.0, 0.06, 0.02], 4.0),
        Pbr::new("lamp_amber", [0.30, 0.12, 0.0], 0.2).emissive([0.16, 0.06, 0.0], 1.0),
        Pbr::new("lamp_green", [0.0, 0.16, 0.10], 0.2).emissive([0.0, 0.10, 0.06], 1.0),
    ]
}

/// `traffic_light.glb`: housing, three lenses with visors, backplate, pole clamps.
pub(super) fn head() -> Asset {
    let black = Pbr::new("signal_housing_black", [0.015, 0.015, 0.015], 0.45);
    let plate_black = Pbr::new("backplate_black", [0.01, 0.01, 0.01], 0.8);
    let white = Pbr::new("backplate_border_white", [0.78, 0.78, 0.75], 0.5);
    let (_, (hy0, hy1), (hz0, hz1)) = HOUSING;
    let mut housing = vec![
        slab(HOUSING),
        slab((
            HOUSING.0 + 0.012,
            (hy1, hy1 + 0.015),
            (hz0 - 0.01, hz1 + 0.012),
        )),
    ];
    let mut a = Asset::new("traffic_light");
    for (y, material) in LAMP_Y.into_iter().zip(lamp_materials()) {
        let centre = Vec3::new(0.0, y, hz1);
        let lens = cylinder(centre, centre + Vec3::Z * 0.012, LENS_R, 16);
        a.add(&material, &lens);
        let reach = |angle: f32| 0.12 + 0.07 * angle.sin();
        let hood = (-20f32.to_radians(), 200f32.to_radians());
        housing.push(visor(centre, Vec2::new(0.104, 0.113), hood, 10, reach));
    }
    let mut clamps = Vec::new();
    for y in [hy0 + 0.16, hy1 - 0.16] {
        clamps.push(cylinder(
            Vec3::Y * (y - 0.03),
            Vec3::Y * (y + 0.03),
            POLE_R + 0.01,
            16,
        ));
        clamps.push(block((-0.035, 0.035), (y - 0.025, y + 0.025), (0.07, hz0)));
    }
    let (plate, border) = backplate();
    a.add(&black, &MeshData::merged(&housing))
        .add(&plate_black, &plate)
        .add(&white, &border)
        .add(&galvanised(), &MeshData::merged(&clamps));
    a
}
