//! The record of every sampled value of one image, written to meta/NNNNNN.json.

use bevy_ecs::prelude::*;
use serde::Serialize;

/// A sampled value: a number, a choice among names, or a colour.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SampleValue {
    /// A number (unit in [`Sample::unit`]).
    Number(f64),
    /// A named choice, e.g. a layout or a pose mode (unit "choice").
    Text(String),
    /// A linear RGB colour (unit "linear_rgb").
    Colour([f32; 3]),
}

impl SampleValue {
    /// The number, if this is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            SampleValue::Number(v) => Some(*v),
            _ => None,
        }
    }
}

/// One sampled value with its unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// Dotted name, e.g. "camera.pitch".
    pub name: String,
    /// The value.
    pub value: SampleValue,
    /// Unit, e.g. "m", "deg", "count", "1" for dimensionless, "choice", "linear_rgb".
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
    /// Uniform scale applied to the asset.
    pub scale: f64,
    /// Values sampled for this object alone (paint colour, pose angles, lights).
    pub samples: Vec<Sample>,
}

/// Samples recorded by the randomisers, in the order they were drawn.
#[derive(Resource, Clone, Debug, Default)]
pub struct SampleLog(pub Vec<Sample>);

impl SampleLog {
    /// Records the number `value` under `name`.
    pub fn record(&mut self, name: &str, value: f64, unit: &'static str) {
        self.push(name, SampleValue::Number(value), unit);
    }

    /// Records the choice `value` under `name` (unit "choice").
    pub fn record_choice(&mut self, name: &str, value: &str) {
        self.push(name, SampleValue::Text(value.to_owned()), "choice");
    }

    /// Records a linear RGB colour under `name` (unit "linear_rgb").
    pub fn record_colour(&mut self, name: &str, value: [f32; 3]) {
        self.push(name, SampleValue::Colour(value), "linear_rgb");
    }

    /// Records any value.
    pub fn push(&mut self, name: &str, value: SampleValue, unit: &'static str) {
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
    /// Condition set chosen for this image ("default" when the scene defines none).
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
