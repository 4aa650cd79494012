//! Vegetation: three street trees (round, conifer, slim columnar) and two bushes.
//!
//! Trunks stand at x = z = 0 on y = 0. Crowns are clusters of lumpy ellipsoids
//! ([`blob`]) in two foliage tones; the conifer is a stack of jagged, drooping skirts.

use super::shapes::{blob, frustum, smooth_normals};
use super::{Kit, Mat, unit3};
use crate::geom::{MeshData, ellipsoid};
use crate::gltf::Pbr;
use glam::Vec3;
use std::f32::consts::TAU;

/// Bark.
fn bark(kit: &mut Kit) -> Mat {
    kit.material(Pbr::new("bark", [0.11, 0.075, 0.05], 0.9))
}

/// Two foliage tones (dark, light) of a base green `rgb`.
fn foliage(kit: &mut Kit, rgb: [f64; 3]) -> [Mat; 2] {
    let dark = kit.material(Pbr::new("foliage_dark", rgb.map(|c| c * 0.7), 0.85));
    let light = kit.material(Pbr::new("foliage_light", rgb, 0.8));
    [dark, light]
}

/// A point `r` from the axis at angle `a` (radians from +Z towards +X) and height `y`.
fn polar(r: f32, a: f32, y: f32) -> Vec3 {
    Vec3::new(r * a.sin(), y, r * a.cos())
}

/// Branches: `n` tapered limbs from the trunk top towards the crown.
fn branches(kit: &mut Kit, m: Mat, n: u32, from_y: f32, reach: f32, rise: f32, seed: u32) {
    for k in 0..n {
        let a = TAU * (k as f32 + unit3(seed, k, 1) * 0.5) / n as f32;
        let start = Vec3::new(0.0, from_y + 0.25 * unit3(seed, k, 2), 0.0);
        let end = polar(reach, a, from_y + rise);
        kit.add(m, &frustum(start, end, 0.065, 0.03, 6));
    }
}

/// `tree_round.glb`: deciduous street tree, about 7 m: trunk, four limbs and a crown of
/// six overlapping lumpy ellipsoids.
pub(crate) fn tree_round() -> Kit {
    let mut kit = Kit::default();
    let wood = bark(&mut kit);
    let leaves = foliage(&mut kit, [0.10, 0.21, 0.05]);
    kit.add(
        wood,
        &frustum(Vec3::ZERO, Vec3::new(0.0, 3.2, 0.0), 0.17, 0.11, 10),
    );
    branches(&mut kit, wood, 4, 2.5, 1.2, 1.4, 1);
    kit.add(
        leaves[1],
        &blob(
            Vec3::new(0.0, 4.95, 0.0),
            Vec3::new(2.0, 1.85, 2.0),
            8,
            10,
            0.09,
            1,
        ),
    );
    for k in 0..5 {
        let a = TAU * (k as f32 + 0.3 * unit3(2, k, 0)) / 5.0;
        let y = 4.3 + 1.0 * unit3(2, k, 1);
        let r = 1.15 + 0.3 * unit3(2, k, 2);
        let c = polar(1.35, a, y);
        kit.add(
            leaves[(k % 2) as usize],
            &blob(c, Vec3::new(r, r * 0.85, r), 8, 10, 0.1, 10 + k),
        );
    }
    kit
}

/// One jagged conifer skirt: apex at `top`, a rim of `2n` points alternating between
/// `radius` and 0.72 × `radius`, drooping to `rim_y`, closed underneath by a shallow cone.
fn skirt(top: f32, rim_y: f32, radius: f32, n: u32, seed: u32) -> MeshData {
    let mut m = MeshData::default();
    let apex = Vec3::new(0.0, top, 0.0);
    let under = Vec3::new(0.0, rim_y + 0.3 * (top - rim_y), 0.0);
    let rim: Vec<Vec3> = (0..2 * n)
        .map(|k| {
            let outer = k % 2 == 0;
            let r = radius * if outer { 1.0 } else { 0.72 } * (0.92 + 0.16 * unit3(seed, k, 0));
            let droop = if outer { 0.0 } else { 0.12 * (top - rim_y) };
            polar(r, TAU * k as f32 / (2 * n) as f32, rim_y + droop)
        })
        .collect();
    for k in 0..rim.len() {
        let (a, b) = (rim[k], rim[(k + 1) % rim.len()]);
        let out = (a + b) * 0.5 - Vec3::new(0.0, (a.y + b.y) * 0.5, 0.0);
        push_tri(&mut m, [apex, a, b], out + Vec3::Y * 0.3);
        push_tri(&mut m, [under, a, b], -Vec3::Y);
    }
    m
}

/// Appends a flat-shaded triangle wound so its normal points along `toward`.
fn push_tri(m: &mut MeshData, mut p: [Vec3; 3], toward: Vec3) {
    let mut n = (p[1] - p[0]).cross(p[2] - p[0]);
    if n.dot(toward) < 0.0 {
        p.swap(1, 2);
        n = -n;
    }
    let base = m.positions.len() as u32;
    for q in p {
        m.positions.push(q);
        m.normals.push(n.normalize());
        m.uvs.push(glam::Vec2::ZERO);
    }
    m.indices.extend_from_slice(&[base, base + 1, base + 2]);
}

/// `tree_conifer.glb`: about 9 m spruce: short trunk, six stacked jagged skirts.
pub(crate) fn tree_conifer() -> Kit {
    let mut kit = Kit::default();
    let wood = bark(&mut kit);
    let needles = kit.material(Pbr::new("conifer_needles", [0.025, 0.075, 0.035], 0.85));
    let needles_light = kit.material(Pbr::new("conifer_needles_light", [0.04, 0.11, 0.05], 0.85));
    kit.add(
        wood,
        &frustum(Vec3::ZERO, Vec3::new(0.0, 3.0, 0.0), 0.2, 0.1, 10),
    );
    let tiers = 6;
    for k in 0..tiers {
        let f = k as f32 / tiers as f32;
        let rim_y = 1.1 + 6.3 * f;
        let radius = 2.1 * (1.0 - 0.82 * f);
        let top = rim_y + 2.6 - 0.9 * f;
        let top = if k == tiers - 1 { 9.0 } else { top };
        let m = if k % 2 == 0 { needles } else { needles_light };
        kit.add(m, &skirt(top, rim_y, radius, 10, 30 + k));
    }
    kit
}

/// `tree_slim.glb`: about 6 m narrow columnar tree (fastigiate hornbeam / poplar habit).
pub(crate) fn tree_slim() -> Kit {
    let mut kit = Kit::default();
    let wood = bark(&mut kit);
    let leaves = foliage(&mut kit, [0.09, 0.19, 0.045]);
    kit.add(
        wood,
        &frustum(Vec3::ZERO, Vec3::new(0.0, 2.2, 0.0), 0.12, 0.08, 8),
    );
    kit.add(
        leaves[1],
        &blob(
            Vec3::new(0.0, 3.75, 0.0),
            Vec3::new(0.85, 2.2, 0.85),
            10,
            10,
            0.08,
            40,
        ),
    );
    kit.add(
        leaves[0],
        &blob(
            Vec3::new(0.0, 2.55, 0.1),
            Vec3::new(0.75, 0.9, 0.75),
            7,
            9,
            0.1,
            41,
        ),
    );
    for (k, (x, y, z)) in [(0.32, 3.3, -0.15), (-0.3, 4.3, 0.2), (0.1, 4.9, 0.3)]
        .into_iter()
        .enumerate()
    {
        let c = Vec3::new(x, y, z);
        kit.add(
            leaves[k % 2],
            &blob(c, Vec3::new(0.55, 1.0, 0.55), 7, 9, 0.1, 42 + k as u32),
        );
    }
    kit
}

/// A blob flattened where it would dip below the ground (so bushes sit on y = 0).
fn grounded_blob(c: Vec3, r: Vec3, seed: u32) -> MeshData {
    let mut m = blob(c, r, 7, 10, 0.12, seed);
    for p in &mut m.positions {
        p.y = p.y.max(0.0);
    }
    smooth_normals(&mut m);
    m
}

/// `bush_a.glb`: a low rounded shrub about 1.0 m tall and 1.7 m across.
pub(crate) fn bush_a() -> Kit {
    let mut kit = Kit::default();
    let leaves = foliage(&mut kit, [0.08, 0.18, 0.04]);
    kit.add(
        leaves[1],
        &grounded_blob(Vec3::new(0.0, 0.5, 0.0), Vec3::new(0.65, 0.5, 0.6), 50),
    );
    for k in 0..4 {
        let a = TAU * (k as f32 + 0.4 * unit3(5, k, 0)) / 4.0;
        let c = polar(0.45, a, 0.35 + 0.1 * unit3(5, k, 1));
        let r = 0.42 + 0.1 * unit3(5, k, 2);
        kit.add(
            leaves[(k % 2) as usize],
            &grounded_blob(c, Vec3::new(r, r * 0.9, r), 51 + k),
        );
    }
    kit
}

/// `bush_b.glb`: an upright flowering shrub about 1.35 m tall with pale pink blossom heads.
pub(crate) fn bush_b() -> Kit {
    let mut kit = Kit::default();
    let leaves = foliage(&mut kit, [0.06, 0.15, 0.05]);
    let blossom = kit.material(Pbr::new("blossom", [0.80, 0.50, 0.60], 0.7));
    let centres = [
        (0.0, 0.72, 0.0, 0.55),
        (0.3, 0.5, 0.2, 0.42),
        (-0.28, 0.55, -0.15, 0.45),
    ];
    for (k, (x, y, z, r)) in centres.into_iter().enumerate() {
        let c = Vec3::new(x, y, z);
        let m = grounded_blob(c, Vec3::new(r, r * 1.15, r), 60 + k as u32);
        kit.add(leaves[k % 2], &m);
    }
    for k in 0..9 {
        let a = TAU * (k as f32 + 0.5 * unit3(6, k, 0)) / 9.0;
        let y = 0.55 + 0.7 * unit3(6, k, 1);
        let r = 0.55 * (1.0 - ((y - 0.7) / 0.8).powi(2)).max(0.3);
        let head = ellipsoid(polar(r, a, y), Vec3::splat(0.1), 4, 6);
        kit.add(blossom, &head);
    }
    kit
}
