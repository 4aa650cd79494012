//! Tileable ground pieces: the asphalt patch, paint markings, paving, kerb and grass.
//!
//! All are authored for the layout to place and scale: the street runs along +Z, every
//! piece starts at z = 0, is centred on x = 0, and the road surface is y = 0. Markings are
//! closed paint slabs from y = 0 to y = 0.02 so they never z-fight with the asphalt.

use super::shapes::{box_uv, prism};
use super::{Kit, tex};
use crate::geom::{MeshData, cuboid};
use crate::gltf::Pbr;
use glam::{Vec2, Vec3};

/// Height of a paint slab's top above the road.
const PAINT_TOP: f32 = 0.02;
/// Top of sidewalks and grass verges.
const KERB_LEVEL: f32 = 0.15;

/// White road paint.
fn paint_white() -> Pbr {
    Pbr::new("paint_white", [0.80, 0.80, 0.77], 0.6)
}

/// Yellow road paint.
fn paint_yellow() -> Pbr {
    Pbr::new("paint_yellow", [0.72, 0.46, 0.035], 0.6)
}

/// A kit holding one paint slab per `(x0, x1)` span, z from 0 to `z1`.
fn paint(pbr: Pbr, spans: &[(f32, f32)], z1: f32) -> Kit {
    let mut kit = Kit::default();
    let m = kit.material(pbr);
    for &(x0, x1) in spans {
        let slab = cuboid(Vec3::new(x0, 0.0, 0.0), Vec3::new(x1, PAINT_TOP, z1));
        kit.add(m, &slab);
    }
    kit
}

/// `road_patch.glb`: a 1 m × 1 m asphalt quad, x ∈ [-0.5, 0.5], z ∈ [0, 1], y = 0,
/// facing up; UV u = x + 0.5, v = z (texture repeats once per patch).
pub(crate) fn road_patch() -> Kit {
    let mut kit = Kit::default();
    let pbr = Pbr::new("asphalt", [1.0, 1.0, 1.0], 0.92);
    let m = kit.textured(pbr, "asphalt", tex::asphalt());
    let p = [(-0.5, 1.0), (0.5, 1.0), (0.5, 0.0), (-0.5, 0.0)].map(|(x, z)| Vec3::new(x, 0.0, z));
    let uv = p.map(|q| Vec2::new(q.x + 0.5, q.z));
    kit.mesh(m).quad(p, uv);
    kit
}

/// `marking_dashed.glb`: one 12 m repeat of a lane divider: a 0.15 m × 3 m dash at
/// z ∈ [0, 3] (nothing for z 3..12).
pub(crate) fn marking_dashed() -> Kit {
    paint(paint_white(), &[(-0.075, 0.075)], 3.0)
}

/// `marking_line.glb`: a 0.15 m solid white line, z ∈ [0, 1] (the layout scales z).
pub(crate) fn marking_line() -> Kit {
    paint(paint_white(), &[(-0.075, 0.075)], 1.0)
}

/// `marking_double_yellow.glb`: two 0.12 m yellow lines 0.12 m apart, centred on x = 0.
pub(crate) fn marking_double_yellow() -> Kit {
    paint(paint_yellow(), &[(-0.18, -0.06), (0.06, 0.18)], 1.0)
}

/// `crosswalk_stripe.glb`: one zebra stripe, x ∈ [-0.25, 0.25], z ∈ [0, 1].
pub(crate) fn crosswalk_stripe() -> Kit {
    paint(paint_white(), &[(-0.25, 0.25)], 1.0)
}

/// `stop_line.glb`: x ∈ [-0.5, 0.5], z ∈ [0, 0.4].
pub(crate) fn stop_line() -> Kit {
    paint(paint_white(), &[(-0.5, 0.5)], 0.4)
}

/// A closed 1 m × 1 m block from y = 0 to `top`, box-mapped one repeat per metre.
fn patch_block(top: f32) -> MeshData {
    let mut m = cuboid(Vec3::new(-0.5, 0.0, 0.0), Vec3::new(0.5, top, 1.0));
    box_uv(&mut m, 1.0);
    m
}

/// `sidewalk_patch.glb`: paving block x ∈ [-0.5, 0.5], z ∈ [0, 1], y ∈ [0, 0.15];
/// 2 × 2 slabs of 0.5 m per unscaled patch.
pub(crate) fn sidewalk_patch() -> Kit {
    let mut kit = Kit::default();
    let pbr = Pbr::new("paving", [1.0, 1.0, 1.0], 0.8);
    let m = kit.textured(pbr, "paving_slabs", tex::paving());
    kit.add(m, &patch_block(KERB_LEVEL));
    kit
}

/// `grass_patch.glb`: grass block x ∈ [-0.5, 0.5], z ∈ [0, 1], y ∈ [0, 0.15].
pub(crate) fn grass_patch() -> Kit {
    let mut kit = Kit::default();
    let pbr = Pbr::new("grass", [1.0, 1.0, 1.0], 0.95);
    let m = kit.textured(pbr, "grass", tex::grass());
    kit.add(m, &patch_block(KERB_LEVEL));
    kit
}

/// `kerb.glb`: granite kerb x ∈ [-0.15, 0.15], y ∈ [0, 0.16], z ∈ [0, 1], with a 3 cm
/// chamfer on both top edges (symmetric, so either side may face the road).
pub(crate) fn kerb() -> Kit {
    let mut kit = Kit::default();
    let m = kit.material(Pbr::new("granite", [0.40, 0.40, 0.41], 0.65));
    let profile = [
        (-0.15, 0.0),
        (0.15, 0.0),
        (0.15, 0.13),
        (0.12, 0.16),
        (-0.12, 0.16),
        (-0.15, 0.13),
    ]
    .map(|(x, y)| Vec2::new(x, y));
    kit.add(m, &prism(&profile, 0.0, 1.0, |p, z| Vec3::new(p.x, p.y, z)));
    kit
}
