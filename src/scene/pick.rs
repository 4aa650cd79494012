//! Weighted choices among names: `["a", "b"]` (equal weights; repeat a name to weight
//! it) or `{"a": 3, "b": 1}`.

use super::dist::check_weight;
use serde::Deserialize;
use serde::de::{self, Deserializer};
use std::collections::BTreeMap;

/// A weighted choice among names, in a fixed order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pick(pub Vec<(String, f64)>);

#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    List(Vec<String>),
    Weights(BTreeMap<String, f64>),
}

impl Pick {
    /// The names, in order (repeats kept).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_str())
    }

    /// One weighted draw.
    pub fn sample(&self, rng: &mut impl rand::Rng) -> &str {
        let weights: Vec<f64> = self.0.iter().map(|(_, w)| *w).collect();
        &self.0[super::dist::pick_weighted(rng, &weights)].0
    }

    /// Each name's probability, repeats merged.
    pub fn probabilities(&self) -> BTreeMap<&str, f64> {
        let total: f64 = self.0.iter().map(|(_, w)| w).sum();
        let mut out = BTreeMap::new();
        for (name, w) in &self.0 {
            *out.entry(name.as_str()).or_insert(0.0) += w / total;
        }
        out
    }
}

impl<'de> Deserialize<'de> for Pick {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let written = Written::deserialize(d).map_err(|_: D::Error| {
            de::Error::custom(
                "expected a list of names [\"a\", \"b\"] or weights {\"a\": 3, \"b\": 1}",
            )
        })?;
        let pairs: Vec<(String, f64)> = match written {
            Written::List(names) => names.into_iter().map(|n| (n, 1.0)).collect(),
            Written::Weights(map) => map.into_iter().collect(),
        };
        if pairs.is_empty() {
            return Err(de::Error::custom("the choice is empty"));
        }
        for (_, w) in &pairs {
            check_weight(*w).map_err(de::Error::custom)?;
        }
        Ok(Pick(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_weights() {
        let p: Pick = ron::from_str("[\"car\", \"car\", \"bus\"]").unwrap();
        assert!((p.probabilities()["car"] - 2.0 / 3.0).abs() < 1e-12);
        let p: Pick = ron::from_str("{\"walk\": 3, \"stand\": 1}").unwrap();
        assert!((p.probabilities()["walk"] - 0.75).abs() < 1e-12);
        for bad in ["[]", "{\"a\": 0}", "{\"a\": -1}", "3"] {
            assert!(ron::from_str::<Pick>(bad).is_err(), "{bad}");
        }
    }
}
