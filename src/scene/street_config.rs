//! The procedural street section of a scene: road shape, lanes, sidewalks, buildings.

use super::dist::Dist;
use super::domain::{Count, NonNeg, Positive};
use super::section::section;
use serde::Deserialize;

section! {
    /// The procedural street: a straight road or a four-way intersection, with N lanes,
    /// optional parking strips, sidewalks and buildings.
    pub struct StreetConfig / StreetPatch {
        /// Straight road, intersection, or a mix.
        layout: LayoutChoice = LayoutChoice::Mixed(0.5),
        /// Driving lanes per direction.
        lanes_per_direction: Count = Count::fixed(1),
        /// Lane width, metres.
        lane_width_m: Positive = Positive::fixed(3.5),
        /// Whether each kerb has a parking strip (2.2 m) outside the driving lanes.
        parking: bool = false,
        /// Sidewalk width, metres; 0 for none (highways).
        sidewalk_width_m: NonNeg = NonNeg::fixed(3.0),
        /// Paved shoulder outside the outermost lane (highways), metres.
        shoulder_m: NonNeg = NonNeg::fixed(0.0),
        /// Grass median between the directions, metres; 0 for a painted centre line.
        median_m: NonNeg = NonNeg::fixed(0.0),
        /// Road length ahead of the camera, metres.
        length_m: f64 = 220.0,
        /// Distance from the camera to the near edge of the intersection, metres.
        intersection_m: Positive = Positive(Dist::Uniform { min: 25.0, max: 60.0 }),
        /// Lanes per direction of the cross street.
        cross_lanes_per_direction: Count = Count::fixed(1),
        /// Buildings along both sides.
        buildings: bool = true,
        /// Gap between neighbouring buildings, metres.
        building_gap_m: NonNeg = NonNeg::uniform(0.0, 4.0),
        /// Street lamps along the kerbs: spacing, metres.
        lamp_spacing_m: Positive = Positive(Dist::Uniform { min: 22.0, max: 30.0 }),
        /// Where street zones place objects along the road, metres from the camera
        /// (each group's `z_m` replaces it).
        populate_z_m: Dist = Dist::Uniform { min: 3.0, max: 70.0 },
    }
}

/// Which street shape a scene asks for.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
pub enum LayoutChoice {
    /// Always a straight road (with a mid-block crossing when there are sidewalks).
    Straight,
    /// Always an intersection.
    Intersection,
    /// An intersection with this probability (0..=1), otherwise a straight road.
    Mixed(f64),
}

/// The shape of one image's street.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum LayoutKind {
    /// One road along +Z.
    Straight,
    /// A four-way intersection ahead, with crosswalks and stop lines.
    Intersection,
}
