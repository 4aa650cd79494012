//! Folding meta files into per-parameter statistics: image-level samples by name, object
//! samples (and each object's `scale`) by category and name, conditions, scenes and the number
//! of objects placed per category.
//!
//! A sample's kind comes from its value: a colour (3 numbers) is a colour, a string is a
//! choice, a number is a number unless its unit is "choice". The kind is part of the key, so a
//! name recorded as a number in one image and a choice in another shows up twice.

use std::collections::BTreeMap;

use super::meta::{MetaFile, MetaSample, SampleValue};
use super::numbers::Numbers;
use super::report::format_number;
use super::tally::{Choices, Colours};

/// Most parameters tracked; samples of further names are counted in
/// [`Aggregator::dropped_samples`] instead, so memory stays bounded even for odd meta files.
pub const MAX_PARAMETERS: usize = 4096;
/// The name under which each object's `scale` is reported.
pub const SCALE: &str = "scale";

/// Whose parameter it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The image's own samples.
    Image,
    /// Samples of objects of this category id.
    Object(u32),
}

/// What kind of values a parameter has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Numbers.
    Number,
    /// Named choices.
    Choice,
    /// Linear RGB colours.
    Colour,
}

/// Identifies a parameter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParamKey {
    /// Image or object category.
    pub scope: Scope,
    /// The sample name.
    pub name: String,
    /// The kind of its values.
    pub kind: Kind,
}

/// The statistics of one parameter's values.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    /// Of a numeric parameter.
    Numbers(Numbers),
    /// Of a choice.
    Choices(Choices),
    /// Of a colour.
    Colours(Colours),
}

/// One parameter: its unit and its values' statistics.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The unit of its first sample.
    pub unit: String,
    /// Whether some sample had another unit.
    pub mixed_units: bool,
    /// Its statistics.
    pub values: Values,
}

/// Everything gathered from the meta files.
#[derive(Clone, Debug, Default)]
pub struct Aggregator {
    /// Meta files read (first pass).
    pub images: u64,
    /// Scene names.
    pub scenes: Choices,
    /// Conditions.
    pub conditions: Choices,
    /// Parameters, in key order (image first, then by category id; by name).
    pub params: BTreeMap<ParamKey, Param>,
    /// Objects placed per category id.
    pub placed: BTreeMap<u32, u64>,
    /// Samples not counted because [`MAX_PARAMETERS`] parameters were already tracked.
    pub dropped_samples: u64,
}

impl Aggregator {
    /// First pass: counts everything in `meta`.
    pub fn first_pass(&mut self, meta: MetaFile) {
        self.images += 1;
        self.scenes.add(meta.scene.as_deref().unwrap_or("(none)"));
        self.conditions
            .add(meta.condition.as_deref().unwrap_or("(none)"));
        for sample in meta.samples {
            self.add(Scope::Image, sample);
        }
        for object in meta.objects {
            let scope = Scope::Object(object.category_id);
            *self.placed.entry(object.category_id).or_default() += 1;
            if let Some(scale) = object.scale {
                self.add(scope, scale_sample(scale));
            }
            for sample in object.samples {
                self.add(scope, sample);
            }
        }
    }

    /// Whether some numeric parameter needs [`Aggregator::second_pass`] for its histogram.
    pub fn needs_second_pass(&self) -> bool {
        self.params.values().any(|p| match &p.values {
            Values::Numbers(n) => n.needs_second_pass(),
            _ => false,
        })
    }

    /// Second pass: bins the values of the numeric parameters that need it.
    pub fn second_pass(&mut self, meta: MetaFile) {
        for sample in meta.samples {
            self.bin(Scope::Image, sample);
        }
        for object in meta.objects {
            let scope = Scope::Object(object.category_id);
            if let Some(scale) = object.scale {
                self.bin(scope, scale_sample(scale));
            }
            for sample in object.samples {
                self.bin(scope, sample);
            }
        }
    }

    /// Completes the statistics after the passes.
    pub fn finish(&mut self) {
        for param in self.params.values_mut() {
            if let Values::Numbers(n) = &mut param.values {
                n.finish();
            }
        }
    }

    /// Counts one sample of `scope`.
    fn add(&mut self, scope: Scope, sample: MetaSample) {
        let (kind, value) = classify(&sample.unit, sample.value);
        let key = ParamKey {
            scope,
            name: sample.name,
            kind,
        };
        if !self.params.contains_key(&key) && self.params.len() >= MAX_PARAMETERS {
            self.dropped_samples += 1;
            return;
        }
        let param = self.params.entry(key).or_insert_with(|| Param {
            unit: sample.unit.clone(),
            mixed_units: false,
            values: Values::new(kind),
        });
        param.mixed_units |= param.unit != sample.unit;
        param.values.add(value);
    }

    /// Bins one sample of `scope` if its parameter needs a second pass.
    fn bin(&mut self, scope: Scope, sample: MetaSample) {
        let (kind, value) = classify(&sample.unit, sample.value);
        let SampleValue::Number(v) = value else {
            return;
        };
        let key = ParamKey {
            scope,
            name: sample.name,
            kind,
        };
        if let Some(Values::Numbers(n)) = self.params.get_mut(&key).map(|p| &mut p.values)
            && n.needs_second_pass()
        {
            n.bin(v);
        }
    }
}

impl Values {
    /// Empty statistics for `kind`.
    fn new(kind: Kind) -> Self {
        match kind {
            Kind::Number => Self::Numbers(Numbers::default()),
            Kind::Choice => Self::Choices(Choices::default()),
            Kind::Colour => Self::Colours(Colours::default()),
        }
    }

    /// Counts `value`; [`classify`] guarantees that it matches the kind.
    fn add(&mut self, value: SampleValue) {
        match (self, value) {
            (Self::Numbers(n), SampleValue::Number(v)) => n.add(v),
            (Self::Choices(c), SampleValue::Text(t)) => c.add(&t),
            (Self::Colours(c), SampleValue::Colour(rgb)) => c.add(rgb),
            // Unreachable: the kind is part of the key and comes from the value.
            _ => {}
        }
    }
}

/// The kind of a sample and its value, numbers with unit "choice" turned into text.
fn classify(unit: &str, value: SampleValue) -> (Kind, SampleValue) {
    match value {
        SampleValue::Number(v) if unit == "choice" => {
            (Kind::Choice, SampleValue::Text(format_number(v)))
        }
        SampleValue::Number(_) => (Kind::Number, value),
        SampleValue::Text(_) => (Kind::Choice, value),
        SampleValue::Colour(_) => (Kind::Colour, value),
    }
}

/// An object's scale as a sample.
fn scale_sample(scale: f64) -> MetaSample {
    MetaSample {
        name: SCALE.to_owned(),
        value: SampleValue::Number(scale),
        unit: "1".to_owned(),
    }
}
