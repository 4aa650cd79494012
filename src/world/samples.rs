//! The record of every sampled value of one image, written to meta/NNNNNN.json.

use bevy_ecs::prelude::*;
use serde::Serialize;

/// One sampled scalar with its unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// Dotted name, e.g. "camera.pitch".
    pub name: String,
    /// The value.
    pub value: f64,
    /// Unit, e.g. "m", "deg", "count", "1" for dimensionless.
    pub unit: &'static str,
}

/// One placed object, as recorded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectRecord {
    /// Instance id in the mask; 0 for stuff (trees, bushes) placed by object groups.
    pub instance_id: u16,
    /// Catalogue asset name.
    pub asset: String,
    /// Variant name.
    pub variant: String,
    /// Category id.
    pub category_id: u16,
    /// Position, metres.
    pub position_m: [f32; 3],
    /// Heading, degrees.
    pub yaw_deg: f64,
}

/// Samples recorded by the randomisers, in the order they were drawn.
#[derive(Resource, Clone, Debug, Default)]
pub struct SampleLog(pub Vec<Sample>);

impl SampleLog {
    /// Records `value` under `name`.
    pub fn record(&mut self, name: &str, value: f64, unit: &'static str) {
        self.0.push(Sample {
            name: name.to_owned(),
            value,
            unit,
        });
    }
}

/// Everything meta/NNNNNN.json holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrameMeta {
    /// Global image index.
    pub index: u64,
    /// COCO image id (index + 1).
    pub image_id: u64,
    /// Dataset seed.
    pub seed: u64,
    /// Scene name.
    pub scene: String,
    /// Condition set chosen for this image ("default" until scenes define conditions).
    pub condition: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Every sampled scalar.
    pub samples: Vec<Sample>,
    /// Every object placed by an object group (things and stuff) and its attachments.
    pub objects: Vec<ObjectRecord>,
}
