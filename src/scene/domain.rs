//! Distributions restricted to a domain (above 0, at least 0, a fraction, a count),
//! checked while parsing so that a normal without a clamp cannot give a negative width.

use super::dist::Dist;
use serde::Deserialize;
use serde::de::{self, Deserializer};
use std::ops::Deref;

macro_rules! domain {
    ($(#[$doc:meta])* $name:ident, $check:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name(pub Dist);

        impl $name {
            /// `dist`, if every value it can take lies in the domain.
            pub fn new(dist: Dist) -> Result<Self, String> {
                let check: fn(&Dist) -> Result<Dist, String> = $check;
                check(&dist).map($name)
            }
        }

        impl Deref for $name {
            type Target = Dist;
            fn deref(&self) -> &Dist {
                &self.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let dist = Dist::deserialize(d)?;
                $name::new(dist).map_err(de::Error::custom)
            }
        }
    };
}

fn within(dist: &Dist, lo: f64, hi: f64, open_lo: bool, what: &str) -> Result<Dist, String> {
    let (min, max) = dist.support();
    let low_ok = if open_lo { min > lo } else { min >= lo };
    if low_ok && max <= hi {
        return Ok(dist.clone());
    }
    let hint = match dist {
        Dist::Normal { clamp: None, .. } => "; add a clamp: (lo, hi)",
        _ => "",
    };
    Err(format!(
        "must be {what}, but {dist} can give values in [{min}, {max}]{hint}"
    ))
}

domain!(
    /// A distribution whose every value is above 0 (lane widths, spacings, intensities).
    Positive,
    |d| within(d, 0.0, f64::INFINITY, true, "above 0")
);

domain!(
    /// A distribution whose every value is 0 or more (widths, gaps, densities).
    NonNeg,
    |d| within(d, 0.0, f64::INFINITY, false, "0 or more")
);

domain!(
    /// A distribution on [0, 1] (probabilities, wetness, cloud cover, roughness).
    Fraction,
    |d| within(d, 0.0, 1.0, false, "between 0 and 1")
);

domain!(
    /// A whole-number distribution of 0 or more (object counts). A `(min, max)` pair or
    /// `Uniform` with whole bounds means every whole number in between.
    Count,
    |d| {
        let d = match *d {
            Dist::Uniform { min, max } if min.fract() == 0.0 && max.fract() == 0.0 => Dist::Int {
                min: min as i64,
                max: max as i64,
            },
            ref other => other.clone(),
        };
        if !d.is_whole() {
            return Err(format!(
                "must be a whole-number distribution (a whole number, (min, max), Int, \
                 Poisson or Choice of whole numbers), got {d}"
            ));
        }
        within(&d, 0.0, f64::INFINITY, false, "0 or more")
    }
);

impl Count {
    /// A constant count.
    pub fn fixed(n: u32) -> Self {
        Count(Dist::Const(f64::from(n)))
    }

    /// One draw as a whole number.
    pub fn sample_count(&self, rng: &mut impl rand::Rng) -> u32 {
        self.sample(rng).clamp(0.0, f64::from(u32::MAX)) as u32
    }
}

impl Positive {
    /// A constant.
    pub fn fixed(v: f64) -> Self {
        Positive(Dist::Const(v))
    }
}

impl NonNeg {
    /// A constant.
    pub fn fixed(v: f64) -> Self {
        NonNeg(Dist::Const(v))
    }

    /// Uniform on `[min, max]`.
    pub fn uniform(min: f64, max: f64) -> Self {
        NonNeg(Dist::Uniform { min, max })
    }
}

impl Fraction {
    /// A constant.
    pub fn fixed(v: f64) -> Self {
        Fraction(Dist::Const(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err<T: for<'de> Deserialize<'de> + std::fmt::Debug>(text: &str) -> String {
        ron::from_str::<T>(text).unwrap_err().to_string()
    }

    #[test]
    fn domains_check_the_support() {
        assert!(err::<Positive>("(0, 2)").contains("above 0"));
        assert!(err::<Positive>("Normal(mean: 3, sd: 1)").contains("add a clamp"));
        assert!(ron::from_str::<Positive>("Normal(mean: 3, sd: 1, clamp: (1, 5))").is_ok());
        assert!(ron::from_str::<NonNeg>("(0, 2)").is_ok());
        assert!(err::<NonNeg>("-1").contains("0 or more"));
        assert!(err::<Fraction>("(0.5, 1.5)").contains("between 0 and 1"));
    }

    #[test]
    fn counts_are_whole() {
        let c = ron::from_str::<Count>("(2, 8)").unwrap();
        assert_eq!(c.0, Dist::Int { min: 2, max: 8 });
        assert!(ron::from_str::<Count>("Poisson(3)").is_ok());
        assert!(ron::from_str::<Count>("4").is_ok());
        assert!(err::<Count>("(1.5, 3)").contains("whole-number"));
        assert!(err::<Count>("Normal(mean: 3, sd: 1)").contains("whole-number"));
        assert!(err::<Count>("Int(-1, 3)").contains("0 or more"));
    }
}
