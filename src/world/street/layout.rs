//! The street's cross-section and plan, sampled per image from [`StreetConfig`]: lanes,
//! parking strips, kerbs, sidewalks, the intersection, crossings and signal corners.
//!
//! Traffic drives on the right: the ego direction heads +Z at x < 0, the oncoming one
//! heads −Z at x > 0. `side` is −1 for the ego side and +1 for the oncoming side.

use crate::scene::{LayoutChoice, LayoutKind, StreetConfig};
use crate::world::samples::SampleLog;
use glam::Vec2;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use std::f32::consts::{FRAC_PI_2, PI};

/// Width of a parking strip, metres.
pub const PARKING_WIDTH: f32 = 2.2;
/// Where the road starts behind the camera, metres.
pub const ROAD_START: f32 = -40.0;
/// How far the cross street and the verges reach beyond the sidewalks, metres.
pub const CROSS_REACH: f32 = 60.0;

/// One driving lane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lane {
    /// Centre line x, metres.
    pub x: f32,
    /// −1 (ego side, heading +Z) or +1 (oncoming, heading −Z).
    pub side: f32,
    /// 0 for the lane next to the centre, counting outwards.
    pub index: u32,
}

impl Lane {
    /// The heading of its traffic, radians (0 faces +Z).
    pub fn yaw(&self) -> f32 {
        heading_of_side(self.side)
    }
}

/// The heading of the traffic on `side` (−1: +Z, i.e. 0; +1: −Z, i.e. π).
pub fn heading_of_side(side: f32) -> f32 {
    if side < 0.0 { 0.0 } else { PI }
}

/// An axis-aligned rectangle on the ground.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Minimum corner (x, z).
    pub min: Vec2,
    /// Maximum corner (x, z).
    pub max: Vec2,
}

impl Rect {
    /// A rectangle from its x and z ranges.
    pub fn new(x0: f32, x1: f32, z0: f32, z1: f32) -> Self {
        Self {
            min: Vec2::new(x0.min(x1), z0.min(z1)),
            max: Vec2::new(x0.max(x1), z0.max(z1)),
        }
    }
}

/// A crosswalk: its area and the direction people walk across it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crossing {
    /// The striped area.
    pub area: Rect,
    /// Walking heading, radians (either way is sampled).
    pub yaw: f32,
}

/// The intersection box (where the cross street meets the road).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Junction {
    /// Near edge, metres along +Z.
    pub z0: f32,
    /// Far edge.
    pub z1: f32,
}

/// A place for a signal or sign: position and the heading it faces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    /// Position (x, z).
    pub at: Vec2,
    /// Heading the object's front faces, radians.
    pub yaw: f32,
}

/// The sampled street plan.
#[derive(Clone, Debug, PartialEq)]
pub struct StreetLayout {
    /// Straight road or intersection.
    pub kind: LayoutKind,
    /// Lane width, metres.
    pub lane_width: f32,
    /// Half the median width.
    pub median_half: f32,
    /// Lanes per direction.
    pub lanes_per_side: u32,
    /// Every driving lane.
    pub lanes: Vec<Lane>,
    /// Shoulder width outside the outer lanes.
    pub shoulder: f32,
    /// Whether there are parking strips.
    pub parking: bool,
    /// |x| of the kerb lines (the road's half width).
    pub kerb_x: f32,
    /// Sidewalk width (0 for none).
    pub sidewalk: f32,
    /// Road extent along Z.
    pub z_range: (f32, f32),
    /// The intersection, if any.
    pub junction: Option<Junction>,
    /// Crosswalks.
    pub crossings: Vec<Crossing>,
    /// Signal and sign places at the intersection.
    pub corners: Vec<Slot>,
    /// Z intervals along the road that are free of the junction and its crossings.
    pub open_z: Vec<(f32, f32)>,
}

/// Samples a street plan from `config`, recording every sampled value.
pub fn sample(config: &StreetConfig, rng: &mut ChaCha8Rng, log: &mut SampleLog) -> StreetLayout {
    let per_side = config.lanes_per_direction.sample_count(rng).max(1);
    let lane_width = config.lane_width_m.sample(rng) as f32;
    let median_half = config.median_m.sample(rng) as f32 / 2.0;
    let shoulder = config.shoulder_m.sample(rng) as f32;
    let sidewalk = config.sidewalk_width_m.sample(rng) as f32;
    let parking = if config.parking { PARKING_WIDTH } else { 0.0 };
    let kerb_x = median_half + per_side as f32 * lane_width + shoulder + parking;
    log.record("street.lanes_per_direction", f64::from(per_side), "count");
    log.record("street.lane_width", f64::from(lane_width), "m");
    log.record("street.median", f64::from(2.0 * median_half), "m");
    log.record("street.shoulder", f64::from(shoulder), "m");
    log.record("street.sidewalk_width", f64::from(sidewalk), "m");

    let lanes = (0..per_side)
        .flat_map(|index| {
            [-1.0f32, 1.0].map(|side| Lane {
                x: side * (median_half + (index as f32 + 0.5) * lane_width),
                side,
                index,
            })
        })
        .collect();
    let z_range = (ROAD_START, config.length_m as f32);
    let kind = match config.layout {
        LayoutChoice::Straight => LayoutKind::Straight,
        LayoutChoice::Intersection => LayoutKind::Intersection,
        LayoutChoice::Mixed(p) if rng.random_bool(p.clamp(0.0, 1.0)) => LayoutKind::Intersection,
        LayoutChoice::Mixed(_) => LayoutKind::Straight,
    };
    log.record(
        "street.intersection",
        f64::from(u8::from(kind == LayoutKind::Intersection)),
        "bool",
    );
    let mut layout = StreetLayout {
        kind,
        lane_width,
        median_half,
        lanes_per_side: per_side,
        lanes,
        shoulder,
        parking: config.parking,
        kerb_x,
        sidewalk,
        z_range,
        junction: None,
        crossings: Vec::new(),
        corners: Vec::new(),
        open_z: vec![z_range],
    };
    let at = config.intersection_m.sample(rng) as f32;
    match kind {
        LayoutKind::Intersection => {
            let cross = config.cross_lanes_per_direction.sample_count(rng);
            let width = 2.0 * cross.max(1) as f32 * lane_width;
            log.record("street.intersection_distance", f64::from(at), "m");
            log.record(
                "street.cross_lanes_per_direction",
                f64::from(cross),
                "count",
            );
            layout.add_junction(at, width);
        }
        LayoutKind::Straight if sidewalk > 0.0 => {
            log.record("street.crossing_distance", f64::from(at), "m");
            layout.add_midblock_crossing(at);
        }
        LayoutKind::Straight => {}
    }
    layout
}

impl StreetLayout {
    /// Depth of a crosswalk along the road, metres.
    pub fn crossing_depth(&self) -> f32 {
        self.sidewalk.clamp(2.5, 4.0)
    }

    /// Adds a junction whose near edge is `z0` and whose cross street is `width` wide.
    fn add_junction(&mut self, z0: f32, width: f32) {
        let z1 = z0 + width;
        let (k, s, d) = (self.kerb_x, self.sidewalk, self.crossing_depth());
        self.junction = Some(Junction { z0, z1 });
        if s > 0.0 {
            self.crossings = vec![
                Crossing {
                    area: Rect::new(-k, k, z0 - d, z0),
                    yaw: FRAC_PI_2,
                },
                Crossing {
                    area: Rect::new(-k, k, z1, z1 + d),
                    yaw: FRAC_PI_2,
                },
                Crossing {
                    area: Rect::new(-k - s, -k, z0, z1),
                    yaw: 0.0,
                },
                Crossing {
                    area: Rect::new(k, k + s, z0, z1),
                    yaw: 0.0,
                },
            ];
        }
        let (near, far) = (z0 - d - 0.6, z1 + d + 0.6);
        let out = k + 0.5;
        self.corners = vec![
            // Facing the ego traffic, before and after the junction.
            Slot {
                at: Vec2::new(-out, near),
                yaw: PI,
            },
            Slot {
                at: Vec2::new(-out, far),
                yaw: PI,
            },
            // Facing the oncoming traffic.
            Slot {
                at: Vec2::new(out, far),
                yaw: 0.0,
            },
            Slot {
                at: Vec2::new(out, near),
                yaw: 0.0,
            },
            // Facing the cross traffic: heading +X (at z > centre) and −X (z < centre).
            Slot {
                at: Vec2::new(-(k + s + 0.6), z1 + 0.5),
                yaw: -FRAC_PI_2,
            },
            Slot {
                at: Vec2::new(k + s + 0.6, z0 - 0.5),
                yaw: FRAC_PI_2,
            },
        ];
        self.open_z = vec![(self.z_range.0, near - 1.0), (far + 1.0, self.z_range.1)];
    }

    /// Adds a zebra crossing across the road at `z` (no junction).
    fn add_midblock_crossing(&mut self, z: f32) {
        let (k, d) = (self.kerb_x, self.crossing_depth());
        self.crossings = vec![Crossing {
            area: Rect::new(-k, k, z, z + d),
            yaw: FRAC_PI_2,
        }];
        // Pedestrian signals at both ends, facing the traffic that approaches them.
        self.corners = vec![
            Slot {
                at: Vec2::new(-(k + 0.5), z - 0.6),
                yaw: PI,
            },
            Slot {
                at: Vec2::new(k + 0.5, z + d + 0.6),
                yaw: 0.0,
            },
        ];
        self.open_z = vec![(self.z_range.0, z - 1.0), (z + d + 1.0, self.z_range.1)];
    }

    /// The driving lanes of one side, inner first.
    pub fn lanes_of(&self, side: f32) -> impl Iterator<Item = &Lane> {
        self.lanes.iter().filter(move |l| l.side == side)
    }

    /// |x| of the outer edge of the driving lanes.
    pub fn lanes_outer_x(&self) -> f32 {
        self.median_half + self.lanes_per_side as f32 * self.lane_width
    }

    /// Z intervals where the sidewalks run (they stop at the cross street).
    pub fn sidewalk_z(&self) -> Vec<(f32, f32)> {
        match self.junction {
            Some(j) => vec![(self.z_range.0, j.z0), (j.z1, self.z_range.1)],
            None => vec![self.z_range],
        }
    }

    /// Z intervals free of the cross street and its sidewalks (for buildings, verges).
    pub fn frontage_z(&self) -> Vec<(f32, f32)> {
        match self.junction {
            Some(j) => vec![
                (self.z_range.0, j.z0 - self.sidewalk),
                (j.z1 + self.sidewalk, self.z_range.1),
            ],
            None => vec![self.z_range],
        }
    }
}

/// `(a, b)` clipped to `(lo, hi)`, or None when nothing is left.
pub fn clip(a: f32, b: f32, lo: f32, hi: f32) -> Option<(f32, f32)> {
    let (a, b) = (a.max(lo), b.min(hi));
    (b > a).then_some((a, b))
}
