//! Roadworks equipment: a 0.70 m traffic cone, a 2 m striped road barrier on two
//! A-frame trestles, and a 3 m concrete New Jersey barrier lying along Z.

use super::shapes::{Extrusion, beam, clip, extrude, fan, frustum};
use super::{Asset, galvanised};
use crate::geom::{MeshData, cuboid, tapered_box};
use crate::gltf::Pbr;
use glam::{Vec2, Vec3};

/// `traffic_cone.glb`: black rubber base, orange cone with two white reflective bands.
pub(super) fn cone() -> Asset {
    let orange = Pbr::new("cone_orange", [0.95, 0.20, 0.01], 0.5);
    let white = Pbr::new("reflective_white", [0.85, 0.85, 0.83], 0.4);
    let rubber = Pbr::new("rubber_base", [0.02, 0.02, 0.02], 0.9);
    let base = tapered_box(0.0, 0.035, (0.19, -0.19, 0.19), (0.175, -0.175, 0.175));
    let (y0, y1, r0, r1) = (0.035, 0.70, 0.15, 0.028);
    let radius = |y: f32| r0 + (r1 - r0) * (y - y0) / (y1 - y0);
    // Section boundaries bottom to top; odd sections are the white bands.
    let cuts = [y0, 0.31, 0.41, 0.46, 0.61, y1];
    let mut a = Asset::new("traffic_cone");
    for (k, s) in cuts.windows(2).enumerate() {
        let top_cap = k == cuts.len() - 2;
        let section = frustum(
            Vec3::Y * s[0],
            s[1] - s[0],
            (radius(s[0]), radius(s[1])),
            16,
            (false, top_cap),
        );
        a.add(if k % 2 == 1 { &white } else { &orange }, &section);
    }
    a.add(&rubber, &base);
    a
}

/// The striped board: x −1…1, y 0.75…1.0, 3 cm thick, 45° red and white stripes on
/// both faces, white edges. Returns (red, white) geometry.
fn striped_board() -> (MeshData, MeshData) {
    let (y0, y1, z) = (0.75, 1.0, (-0.015, 0.015));
    let rect = [
        Vec2::new(-1.0, y0),
        Vec2::new(1.0, y0),
        Vec2::new(1.0, y1),
        Vec2::new(-1.0, y1),
    ];
    let (mut red, mut white) = (MeshData::default(), MeshData::default());
    white.append(&extrude(&rect, &fan(4), z, |_| Vec2::ZERO).sides);
    // Stripe k covers k·w <= (x + 1) + (y − y0) < (k + 1)·w.
    let w = 0.25;
    let diagonal = Vec2::ONE;
    for k in 0..9 {
        let lo = -1.0 + y0 + w * k as f32;
        let stripe = clip(&clip(&rect, diagonal, lo + w), -diagonal, -lo);
        let Extrusion { front, back, .. } = extrude(&stripe, &fan(stripe.len()), z, |_| Vec2::ZERO);
        let target = if k % 2 == 0 { &mut red } else { &mut white };
        target.append(&front);
        target.append(&back);
    }
    (red, white)
}

/// One A-frame trestle at `x`: two square-tube legs, a cross brace, a top clamp and
/// rubber feet. Returns (steel, rubber).
fn trestle(x: f32) -> (MeshData, MeshData) {
    let half = Vec2::splat(0.018);
    let mut steel = Vec::new();
    let mut rubber = Vec::new();
    for s in [-1.0, 1.0] {
        // Starts inside the rubber pad so the tilted tube's end stays above the ground.
        let foot = Vec3::new(x, 0.02, s * 0.40);
        steel.push(beam(foot, Vec3::new(x, 1.02, s * 0.032), half, Vec3::X));
        rubber.push(cuboid(
            Vec3::new(x - 0.035, 0.0, s * 0.40 - 0.05),
            Vec3::new(x + 0.035, 0.02, s * 0.40 + 0.05),
        ));
    }
    let brace_z = 0.40 - (0.40 - 0.032) * 0.35 / 1.02;
    steel.push(beam(
        Vec3::new(x, 0.35, -brace_z),
        Vec3::new(x, 0.35, brace_z),
        Vec2::splat(0.014),
        Vec3::X,
    ));
    steel.push(cuboid(
        Vec3::new(x - 0.035, 0.995, -0.058),
        Vec3::new(x + 0.035, 1.03, 0.058),
    ));
    (MeshData::merged(&steel), MeshData::merged(&rubber))
}

/// `barrier.glb`: a 2.0 m red-and-white striped board on two A-frame trestles.
pub(super) fn barrier() -> Asset {
    let red = Pbr::new("barrier_red", [0.55, 0.02, 0.02], 0.45);
    let white = Pbr::new("barrier_white", [0.80, 0.80, 0.78], 0.45);
    let rubber = Pbr::new("rubber_feet", [0.02, 0.02, 0.02], 0.9);
    let (board_red, board_white) = striped_board();
    let mut a = Asset::new("barrier");
    a.add(&red, &board_red).add(&white, &board_white);
    for x in [-0.8, 0.8] {
        let (steel, feet) = trestle(x);
        a.add(&galvanised(), &steel).add(&rubber, &feet);
    }
    a
}

/// The New Jersey profile (x across, y up), counter-clockwise, with its bottom at `y0`.
fn jersey_profile(y0: f32) -> Vec<Vec2> {
    let right = [(0.3, y0), (0.3, 0.075), (0.125, 0.33), (0.075, 0.81)];
    let mut out: Vec<Vec2> = right.iter().map(|&(x, y)| Vec2::new(x, y)).collect();
    out.extend(right.iter().rev().map(|&(x, y)| Vec2::new(-x, y)));
    out.rotate_right(1); // start at the bottom-left corner
    out
}

/// `barrier_jersey.glb`: a precast concrete New Jersey barrier, 3.0 m along Z, 0.6 m
/// wide, 0.81 m tall, with a drainage slot through its foot at the middle.
pub(super) fn jersey() -> Asset {
    let concrete = Pbr::new("concrete", [0.48, 0.47, 0.44], 0.9);
    // Bottom-left, bottom-right, then up the right side and down the left side; the
    // caps are three trapezoids stacked between the two sides.
    let caps = [
        [0, 1, 2],
        [0, 2, 7],
        [7, 2, 3],
        [7, 3, 6],
        [6, 3, 4],
        [6, 4, 5],
    ];
    let (half, slot_half, slot_h) = (1.5, 0.3, 0.065);
    let full = jersey_profile(0.0);
    let south = extrude(&full, &caps, (-half, -slot_half), |_| Vec2::ZERO);
    let north = extrude(&full, &caps, (slot_half, half), |_| Vec2::ZERO);
    let middle = extrude(
        &jersey_profile(slot_h),
        &caps,
        (-slot_half, slot_half),
        |_| Vec2::ZERO,
    );
    // The slot's end walls: the part of each inner cap left open below the middle piece.
    let opening = [(-0.3, 0.0), (0.3, 0.0), (0.3, slot_h), (-0.3, slot_h)].map(Vec2::from);
    let walls = extrude(&opening, &fan(4), (slot_half, -slot_half), |_| Vec2::ZERO);
    let mesh = MeshData::merged(&[
        south.back,
        south.sides,
        north.front,
        north.sides,
        middle.sides,
        walls.front,
        walls.back,
    ]);
    let mut a = Asset::new("barrier_jersey");
    a.add(&concrete, &mesh);
    a
}
