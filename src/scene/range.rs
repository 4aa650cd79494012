//! Validated numeric ranges written in RON as a constant `1.5` or a pair `(0.5, 2.0)`.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;

/// A closed interval sampled uniformly; `min == max` is a constant. `min <= max` is checked
/// while parsing, so a bad range is reported at its position in the file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Lower bound.
    pub min: f64,
    /// Upper bound.
    pub max: f64,
}

/// An inclusive integer interval, written `3` or `(2, 8)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntRange {
    /// Lower bound.
    pub min: u32,
    /// Upper bound (inclusive).
    pub max: u32,
}

struct RangeVisitor;

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = Range;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a (min, max) pair")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Range, E> {
        checked(v, v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Range, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Range, E> {
        self.visit_f64(v as f64)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Range, A::Error> {
        let min: f64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let max: f64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        if seq.next_element::<f64>()?.is_some() {
            return Err(de::Error::invalid_length(3, &self));
        }
        checked(min, max)
    }
}

fn checked<E: de::Error>(min: f64, max: f64) -> Result<Range, E> {
    if !min.is_finite() || !max.is_finite() {
        return Err(E::custom(format!(
            "range bounds must be finite, got ({min}, {max})"
        )));
    }
    if min > max {
        return Err(E::custom(format!("min {min} > max {max}")));
    }
    Ok(Range { min, max })
}

impl<'de> Deserialize<'de> for Range {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RangeVisitor)
    }
}

/// A range whose minimum is above 0 (lane widths, spacings that a loop steps by).
pub fn positive<'de, D: Deserializer<'de>>(d: D) -> Result<Range, D::Error> {
    let range = Range::deserialize(d)?;
    if range.min <= 0.0 {
        return Err(de::Error::custom(format!(
            "must be above 0, got min {}",
            range.min
        )));
    }
    Ok(range)
}

/// A range whose minimum is 0 or more (widths, gaps).
pub fn non_negative<'de, D: Deserializer<'de>>(d: D) -> Result<Range, D::Error> {
    let range = Range::deserialize(d)?;
    if range.min < 0.0 {
        return Err(de::Error::custom(format!(
            "must be 0 or more, got min {}",
            range.min
        )));
    }
    Ok(range)
}

impl<'de> Deserialize<'de> for IntRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let range = d.deserialize_any(RangeVisitor)?;
        let whole = |v: f64| v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v);
        if !whole(range.min) || !whole(range.max) {
            return Err(de::Error::custom(format!(
                "expected whole numbers >= 0, got ({}, {})",
                range.min, range.max
            )));
        }
        Ok(IntRange {
            min: range.min as u32,
            max: range.max as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_constant_and_pair() {
        assert_eq!(
            ron::from_str::<Range>("2.5").unwrap(),
            Range { min: 2.5, max: 2.5 }
        );
        assert_eq!(
            ron::from_str::<Range>("(-1, 3)").unwrap(),
            Range {
                min: -1.0,
                max: 3.0
            }
        );
        assert_eq!(
            ron::from_str::<IntRange>("(2, 8)").unwrap(),
            IntRange { min: 2, max: 8 }
        );
    }

    #[test]
    fn rejects_reversed_and_fractional() {
        let e = ron::from_str::<Range>("(3.0, 1.0)")
            .unwrap_err()
            .to_string();
        assert!(e.contains("min 3 > max 1"), "{e}");
        assert!(ron::from_str::<IntRange>("(1.5, 2)").is_err());
        assert!(ron::from_str::<IntRange>("(-1, 2)").is_err());
        assert!(ron::from_str::<Range>("(1, 2, 3)").is_err());
    }
}
