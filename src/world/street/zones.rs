//! Where each [`Zone`] puts an object: a position on the ground and the heading it faces.

use super::layout::{PARKING_WIDTH, StreetLayout, clip, heading_of_side};
use crate::scene::{Dist, Zone};
use glam::Vec2;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use std::f32::consts::{FRAC_PI_2, PI};

/// A sampled spot: position (x, z) and heading (radians, 0 faces +Z).
pub type Spot = (Vec2, f32);

/// A spot drawn from the group's own `(x, z)` distributions, heading +Z.
pub fn area((x, z): (&Dist, &Dist), rng: &mut ChaCha8Rng) -> Spot {
    (Vec2::new(x.sample(rng) as f32, z.sample(rng) as f32), 0.0)
}

/// Draws of a non-uniform `z` tried before a zone counts as missing.
const Z_TRIES: usize = 64;

/// Samples a spot in `zone` of `layout`, with z drawn from `z_limit`. None when the zone
/// does not exist in this layout (no parking, no junction, no sidewalks, ...).
pub fn sample(
    zone: Zone,
    layout: &StreetLayout,
    z_limit: &Dist,
    rng: &mut ChaCha8Rng,
) -> Option<Spot> {
    let l = layout;
    let side = if rng.random_bool(0.5) { -1.0f32 } else { 1.0 };
    match zone {
        // Free areas are sampled with `area`, from the group's own x and z.
        Zone::Area => None,
        Zone::Lanes => {
            let lane = l.lanes[rng.random_range(0..l.lanes.len())];
            let z = along(&[l.z_range], z_limit, rng)?;
            let x = lane.x + rng.random_range(-0.15..=0.15f32);
            Some((Vec2::new(x, z), lane.yaw()))
        }
        Zone::Parking => {
            if !l.parking {
                return None;
            }
            // Parked close to the kerb, leaving the lane side of the strip free.
            let x = side * (l.kerb_x - 1.0) + rng.random_range(-0.08..=0.08f32);
            let z = along(&l.open_z, z_limit, rng)?;
            Some((Vec2::new(x, z), heading_of_side(side)))
        }
        Zone::LaneEdges => {
            let x = side * (l.lanes_outer_x() - 0.8);
            let z = along(&[l.z_range], z_limit, rng)?;
            Some((Vec2::new(x, z), heading_of_side(side)))
        }
        Zone::Sidewalks => {
            if l.sidewalk < 1.2 {
                return None;
            }
            let x = side * rng.random_range(l.kerb_x + 0.6..=l.kerb_x + l.sidewalk - 0.4);
            let z = along(&l.sidewalk_z(), z_limit, rng)?;
            Some((Vec2::new(x, z), either_way(0.0, rng)))
        }
        Zone::Crossings => {
            // Crossings that reach into the z limit, clipped to it.
            let (lo, hi) = z_limit.support();
            let (lo, hi) = (lo as f32, hi as f32);
            let areas: Vec<_> = l
                .crossings
                .iter()
                .filter_map(|c| {
                    let (z0, z1) = clip(c.area.min.y + 0.3, c.area.max.y - 0.3, lo, hi)?;
                    Some((c.area.min.x, c.area.max.x, z0, z1, c.yaw))
                })
                .collect();
            if areas.is_empty() {
                return None;
            }
            let (x0, x1, z0, z1, yaw) = areas[rng.random_range(0..areas.len())];
            let at = Vec2::new(rng.random_range(x0..=x1), rng.random_range(z0..=z1));
            Some((at, either_way(yaw, rng)))
        }
        Zone::ParkingGaps => {
            // On the ego side, where the ego car passes closest.
            let side = -1.0f32;
            let edge = if l.parking {
                l.kerb_x - PARKING_WIDTH + 0.45
            } else {
                l.kerb_x - 0.45
            };
            let z = along(&l.open_z, z_limit, rng)?;
            // Facing the road centre, i.e. stepping out into the traffic.
            let yaw = if side < 0.0 { FRAC_PI_2 } else { -FRAC_PI_2 };
            Some((Vec2::new(side * edge, z), yaw))
        }
        Zone::Corners => {
            if l.corners.is_empty() {
                return None;
            }
            let slot = l.corners[rng.random_range(0..l.corners.len())];
            Some((slot.at, slot.yaw))
        }
        Zone::Kerbside => {
            if l.sidewalk <= 0.0 {
                return None;
            }
            let x = side * (l.kerb_x + 0.45);
            let z = along(&l.sidewalk_z(), z_limit, rng)?;
            // Facing the traffic that approaches on this side.
            Some((Vec2::new(x, z), if side < 0.0 { PI } else { 0.0 }))
        }
        Zone::Verges => {
            let inner = l.kerb_x + l.sidewalk + 1.0;
            let x = side * rng.random_range(inner..=inner + 14.0);
            let z = along(&l.frontage_z(), z_limit, rng)?;
            Some((Vec2::new(x, z), rng.random_range(-PI..PI)))
        }
    }
}

/// `yaw` or its reverse, equally likely.
fn either_way(yaw: f32, rng: &mut ChaCha8Rng) -> f32 {
    if rng.random_bool(0.5) { yaw } else { yaw + PI }
}

/// A z inside `intervals` drawn from `limit`: for a uniform (or constant) `limit`,
/// uniform over the parts of `intervals` inside it; otherwise draws of `limit` until one
/// falls inside (up to [`Z_TRIES`]).
fn along(intervals: &[(f32, f32)], limit: &Dist, rng: &mut ChaCha8Rng) -> Option<f32> {
    let (lo, hi) = match *limit {
        Dist::Uniform { min, max } => (min, max),
        Dist::Const(v) => (v, v),
        _ => {
            return (0..Z_TRIES)
                .map(|_| limit.sample(rng) as f32)
                .find(|z| intervals.iter().any(|&(a, b)| (a..=b).contains(z)));
        }
    };
    let parts: Vec<(f32, f32)> = intervals
        .iter()
        .filter_map(|&(a, b)| clip(a, b, lo as f32, hi as f32))
        .collect();
    let total: f32 = parts.iter().map(|(a, b)| b - a).sum();
    if total <= 0.0 {
        return None;
    }
    let mut t = rng.random_range(0.0..total);
    for (a, b) in &parts {
        if t <= b - a {
            return Some(a + t);
        }
        t -= b - a;
    }
    parts.last().map(|p| p.1)
}
