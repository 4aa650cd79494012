//! The street's stuff: asphalt, markings, crosswalks, sidewalks, kerbs, verges, buildings and
//! lamps, as scaled and rotated copies of the catalogue's unit pieces.

use super::layout::{CROSS_REACH, StreetLayout, clip};
use super::obb::Obb;
use crate::scene::dist::unit;
use crate::scene::{AssetInfo, StreetConfig};
use glam::{Quat, Vec2, Vec3};
use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use std::collections::BTreeMap;
use std::f32::consts::FRAC_PI_2;

/// Repeat length of `marking_dashed`, metres.
const DASH_REPEAT: f32 = 12.0;
/// Dash length inside one repeat, metres.
const DASH_LENGTH: f32 = 3.0;

/// One placed stuff asset.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// Catalogue asset name.
    pub asset: &'static str,
    /// Variant index.
    pub variant: usize,
    /// Position of the asset's origin.
    pub translation: Vec3,
    /// Heading about +Y, radians.
    pub yaw: f32,
    /// Scale in the asset's own axes.
    pub scale: Vec3,
}

impl Piece {
    /// Variant 0 of `asset` at `(x, z)` with heading `yaw` and scale `(sx, 1, sz)`.
    fn at(asset: &'static str, x: f32, z: f32, yaw: f32, sx: f32, sz: f32) -> Self {
        Self {
            asset,
            variant: 0,
            translation: Vec3::new(x, 0.0, z),
            yaw,
            scale: Vec3::new(sx, 1.0, sz),
        }
    }

    /// The rotation as a quaternion.
    pub fn rotation(&self) -> Quat {
        Quat::from_rotation_y(self.yaw)
    }
}

/// Everything the street adds: pieces to draw, and boxes objects must keep out of.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StreetStuff {
    /// Pieces in a fixed order.
    pub pieces: Vec<Piece>,
    /// Ground footprints of buildings and lamps.
    pub obstacles: Vec<Obb>,
}

/// The ground footprint of `variant` of `info` placed at `translation` with `yaw`.
fn footprint(info: &AssetInfo, variant: usize, translation: Vec3, yaw: f32) -> Obb {
    let at = Vec2::new(translation.x, translation.z);
    Obb::placed(info.variants[variant].footprint, at, yaw)
}

/// Builds the street's stuff for `layout`.
pub fn build(
    layout: &StreetLayout,
    config: &StreetConfig,
    assets: &BTreeMap<String, AssetInfo>,
    rng: &mut ChaCha8Rng,
) -> StreetStuff {
    let mut stuff = StreetStuff::default();
    road(layout, &mut stuff.pieces);
    markings(layout, &mut stuff.pieces);
    crosswalks(layout, &mut stuff.pieces);
    sidewalks(layout, &mut stuff.pieces);
    verges(layout, &mut stuff.pieces);
    if config.buildings {
        buildings(layout, config, assets, rng, &mut stuff);
    }
    lamps(layout, config, assets, rng, &mut stuff);
    stuff
}

/// The asphalt of the road and the cross street, and a grass median.
fn road(l: &StreetLayout, out: &mut Vec<Piece>) {
    let (z0, z1) = l.z_range;
    out.push(Piece::at(
        "road_patch",
        0.0,
        z0,
        0.0,
        2.0 * l.kerb_x,
        z1 - z0,
    ));
    if let Some(j) = l.junction {
        let reach = l.sidewalk + CROSS_REACH;
        for side in [-1.0f32, 1.0] {
            let x = side * (l.kerb_x + reach / 2.0);
            out.push(Piece::at("road_patch", x, j.z0, 0.0, reach, j.z1 - j.z0));
        }
    }
    if l.median_half > 0.0 {
        for (a, b) in l.sidewalk_z() {
            out.push(Piece::at(
                "grass_patch",
                0.0,
                a,
                0.0,
                2.0 * l.median_half,
                b - a,
            ));
        }
    }
}

/// Centre line, lane dividers, edge lines and stop lines.
fn markings(l: &StreetLayout, out: &mut Vec<Piece>) {
    let outer = l.lanes_outer_x();
    for &(a, b) in &l.open_z {
        if l.median_half == 0.0 {
            out.push(Piece::at("marking_double_yellow", 0.0, a, 0.0, 1.0, b - a));
        }
        for side in [-1.0f32, 1.0] {
            for k in 1..l.lanes_per_side {
                let x = side * (l.median_half + k as f32 * l.lane_width);
                let mut z = a;
                while z + DASH_LENGTH <= b {
                    out.push(Piece::at("marking_dashed", x, z, 0.0, 1.0, 1.0));
                    z += DASH_REPEAT;
                }
            }
            if l.shoulder > 0.0 || l.parking {
                out.push(Piece::at("marking_line", side * outer, a, 0.0, 1.0, b - a));
            }
            if l.median_half > 0.0 {
                let x = side * (l.median_half + 0.2);
                out.push(Piece::at("marking_line", x, a, 0.0, 1.0, b - a));
            }
        }
    }
    if let Some(j) = l.junction {
        let d = l.crossing_depth();
        let width = outer - l.median_half;
        let x = (outer + l.median_half) / 2.0;
        out.push(Piece::at("stop_line", -x, j.z0 - d - 1.0, 0.0, width, 1.0));
        out.push(Piece::at("stop_line", x, j.z1 + d + 0.6, 0.0, width, 1.0));
    }
}

/// Zebra stripes: 0.5 m stripes every metre, running along the traffic.
fn crosswalks(l: &StreetLayout, out: &mut Vec<Piece>) {
    for c in &l.crossings {
        let (min, max) = (c.area.min, c.area.max);
        if c.yaw == FRAC_PI_2 {
            // People walk along x; stripes run along z.
            let mut x = min.x + 0.5;
            while x + 0.25 <= max.x {
                out.push(Piece::at(
                    "crosswalk_stripe",
                    x,
                    min.y,
                    0.0,
                    1.0,
                    max.y - min.y,
                ));
                x += 1.0;
            }
        } else {
            // People walk along z; stripes run along x (local +z turned onto +x).
            let mut z = min.y + 0.5;
            while z + 0.25 <= max.y {
                out.push(Piece::at(
                    "crosswalk_stripe",
                    min.x,
                    z,
                    FRAC_PI_2,
                    1.0,
                    max.x - min.x,
                ));
                z += 1.0;
            }
        }
    }
}

/// Sidewalks and kerbs along the road and, at a junction, along the cross street.
fn sidewalks(l: &StreetLayout, out: &mut Vec<Piece>) {
    let s = l.sidewalk;
    if s <= 0.0 {
        return;
    }
    for side in [-1.0f32, 1.0] {
        for (a, b) in l.sidewalk_z() {
            out.push(Piece::at(
                "sidewalk_patch",
                side * (l.kerb_x + s / 2.0),
                a,
                0.0,
                s,
                b - a,
            ));
            out.push(Piece::at("kerb", side * l.kerb_x, a, 0.0, 1.0, b - a));
        }
        let Some(j) = l.junction else { continue };
        let x = side * (l.kerb_x + s + CROSS_REACH / 2.0);
        let kerb_len = s + CROSS_REACH;
        let kerb_start = if side > 0.0 {
            l.kerb_x
        } else {
            -(l.kerb_x + kerb_len)
        };
        for (z, kerb_z) in [(j.z0 - s, j.z0), (j.z1, j.z1)] {
            out.push(Piece::at("sidewalk_patch", x, z, 0.0, CROSS_REACH, s));
            out.push(Piece::at(
                "kerb", kerb_start, kerb_z, FRAC_PI_2, 1.0, kerb_len,
            ));
        }
    }
}

/// Grass beyond the sidewalks (or the shoulders), its top flush with the road.
fn verges(l: &StreetLayout, out: &mut Vec<Piece>) {
    let inner = l.kerb_x + l.sidewalk;
    for side in [-1.0f32, 1.0] {
        for (a, b) in l.frontage_z() {
            let mut p = Piece::at(
                "grass_patch",
                side * (inner + CROSS_REACH / 2.0),
                a,
                0.0,
                CROSS_REACH,
                b - a,
            );
            p.translation.y = -0.15;
            out.push(p);
        }
    }
}

/// Buildings side by side along both frontages, façades towards the road.
fn buildings(
    l: &StreetLayout,
    config: &StreetConfig,
    assets: &BTreeMap<String, AssetInfo>,
    rng: &mut ChaCha8Rng,
    stuff: &mut StreetStuff,
) {
    let Some(info) = assets.get("building") else {
        return;
    };
    for side in [-1.0f32, 1.0] {
        // Façade +Z faces the road: +X on the ego side, −X on the other.
        let yaw = -side * FRAC_PI_2;
        for (a, b) in l.frontage_z() {
            let Some((a, b)) = clip(a, b, -25.0, f32::MAX) else {
                continue;
            };
            let mut z = a + rng.random_range(0.0..3.0f32);
            loop {
                let variant = rng.random_range(0..info.variants.len());
                let (min, max) = info.variants[variant].bounds;
                let width = max.x - min.x;
                if z + width > b {
                    break;
                }
                let setback = rng.random_range(0.0..1.0f32);
                let x = side * (l.kerb_x + l.sidewalk + setback);
                let translation = Vec3::new(x, 0.0, z + width / 2.0);
                stuff
                    .obstacles
                    .push(footprint(info, variant, translation, yaw));
                stuff.pieces.push(Piece {
                    asset: "building",
                    variant,
                    translation,
                    yaw,
                    scale: Vec3::ONE,
                });
                z += width + config.building_gap_m.sample(rng) as f32;
            }
        }
    }
}

/// Street lamps along both kerbs (or verges), arms reaching over the road.
fn lamps(
    l: &StreetLayout,
    config: &StreetConfig,
    assets: &BTreeMap<String, AssetInfo>,
    rng: &mut ChaCha8Rng,
    stuff: &mut StreetStuff,
) {
    let Some(info) = assets.get("street_lamp") else {
        return;
    };
    let spacing = &config.lamp_spacing_m;
    let offset = if l.sidewalk > 0.0 { 0.5 } else { 1.5 };
    for side in [-1.0f32, 1.0] {
        // The arm reaches along local +Z: towards +X on the ego side.
        let yaw = if side < 0.0 { FRAC_PI_2 } else { -FRAC_PI_2 };
        for (a, b) in l.frontage_z() {
            let mut z = a + (unit(rng) * spacing.sample(rng)) as f32;
            while z < b {
                let translation = Vec3::new(side * (l.kerb_x + offset), 0.0, z);
                // Keep the signal corners free.
                let near_corner = l
                    .corners
                    .iter()
                    .any(|c| c.at.distance(Vec2::new(translation.x, z)) < 3.0);
                if near_corner {
                    z += 3.0;
                    continue;
                }
                stuff.obstacles.push(footprint(info, 0, translation, yaw));
                stuff.pieces.push(Piece {
                    asset: "street_lamp",
                    variant: 0,
                    translation,
                    yaw,
                    scale: Vec3::ONE,
                });
                z += spacing.sample(rng) as f32;
            }
        }
    }
}
