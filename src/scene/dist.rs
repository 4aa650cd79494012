//! Distributions a scene may write wherever it randomises a number: a constant, a
//! `(min, max)` pair, or `Uniform`, `Normal`, `LogNormal`, `Choice`, `Int` and `Poisson`.
//! Each is checked while parsing, so a bad one is reported at its file:line:column.

use super::normal::{normal_cdf, normal_quantile};
use serde::Deserialize;
use serde::de::{self, Deserializer};
use std::fmt;

/// A distribution of one real number. See `docs/distributions.md` for the RON syntax.
#[derive(Clone, Debug, PartialEq)]
pub enum Dist {
    /// Always this value.
    Const(f64),
    /// Uniform on `[min, max]`.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Normal with this mean and standard deviation, optionally truncated to `clamp`
    /// (values are drawn from the normal restricted to the interval, so no probability
    /// piles up at the bounds).
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation (≥ 0).
        sd: f64,
        /// Optional `[lo, hi]` the value is restricted to.
        clamp: Option<(f64, f64)>,
    },
    /// `exp(N(mu, sigma))`, optionally truncated to `clamp` (in value space).
    LogNormal {
        /// Mean of the logarithm.
        mu: f64,
        /// Standard deviation of the logarithm (≥ 0).
        sigma: f64,
        /// Optional `[lo, hi]` (lo > 0) the value is restricted to.
        clamp: Option<(f64, f64)>,
    },
    /// One of the values, with probability proportional to its weight.
    Choice(Vec<(f64, f64)>),
    /// A whole number uniform on `[min, max]`.
    Int {
        /// Lower bound.
        min: i64,
        /// Upper bound (inclusive).
        max: i64,
    },
    /// A Poisson count with this mean.
    Poisson {
        /// Mean (λ), 0 < λ ≤ 500.
        mean: f64,
    },
}

/// The written form, before checking.
#[derive(Deserialize)]
enum Tagged {
    Uniform(f64, f64),
    Normal {
        mean: f64,
        sd: f64,
        #[serde(default)]
        clamp: Option<(f64, f64)>,
    },
    LogNormal {
        mu: f64,
        sigma: f64,
        #[serde(default)]
        clamp: Option<(f64, f64)>,
    },
    Choice(Vec<(f64, f64)>),
    Int(f64, f64),
    Poisson(f64),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    Const(f64),
    Pair(f64, f64),
    Tagged(Tagged),
}

/// What a malformed distribution should have looked like.
pub const DIST_FORMS: &str = "a number, a (min, max) pair, Uniform(min, max), \
    Normal(mean: m, sd: s[, clamp: (lo, hi)]), LogNormal(mu: m, sigma: s[, clamp: (lo, hi)]), \
    Choice([(value, weight), ...]), Int(min, max) or Poisson(mean)";

impl Written {
    fn into_dist(self) -> Result<Dist, String> {
        let dist = match self {
            Written::Const(v) => Dist::Const(v),
            Written::Pair(min, max) | Written::Tagged(Tagged::Uniform(min, max)) => {
                Dist::Uniform { min, max }
            }
            Written::Tagged(Tagged::Normal { mean, sd, clamp }) => Dist::Normal { mean, sd, clamp },
            Written::Tagged(Tagged::LogNormal { mu, sigma, clamp }) => {
                Dist::LogNormal { mu, sigma, clamp }
            }
            Written::Tagged(Tagged::Choice(options)) => Dist::Choice(options),
            Written::Tagged(Tagged::Int(min, max)) => Dist::Int {
                min: whole(min)?,
                max: whole(max)?,
            },
            Written::Tagged(Tagged::Poisson(mean)) => Dist::Poisson { mean },
        };
        dist.check()?;
        Ok(dist)
    }
}

fn whole(v: f64) -> Result<i64, String> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Ok(v as i64)
    } else {
        Err(format!("Int bounds must be whole numbers, got {v}"))
    }
}

fn check_interval(what: &str, lo: f64, hi: f64) -> Result<(), String> {
    if !lo.is_finite() || !hi.is_finite() {
        return Err(format!("{what} bounds must be finite, got ({lo}, {hi})"));
    }
    if lo > hi {
        return Err(format!("{what}: min {lo} > max {hi}"));
    }
    Ok(())
}

fn check_spread(what: &str, centre: f64, spread: f64) -> Result<(), String> {
    if !centre.is_finite() || !spread.is_finite() {
        return Err(format!("{what} parameters must be finite"));
    }
    if spread < 0.0 {
        return Err(format!("{what}: negative standard deviation {spread}"));
    }
    Ok(())
}

impl Dist {
    /// Checks the parameters: ordered finite bounds, σ ≥ 0, a non-empty choice with
    /// positive weights, 0 < λ ≤ 500.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Dist::Const(v) if !v.is_finite() => Err(format!("value must be finite, got {v}")),
            Dist::Const(_) => Ok(()),
            Dist::Uniform { min, max } => check_interval("range", *min, *max),
            Dist::Normal { mean, sd, clamp } => {
                check_spread("Normal", *mean, *sd)?;
                clamp.map_or(Ok(()), |(lo, hi)| check_interval("Normal clamp", lo, hi))
            }
            Dist::LogNormal { mu, sigma, clamp } => {
                check_spread("LogNormal", *mu, *sigma)?;
                match clamp {
                    Some((lo, _)) if *lo <= 0.0 => {
                        Err(format!("LogNormal clamp must stay above 0, got min {lo}"))
                    }
                    Some((lo, hi)) => check_interval("LogNormal clamp", *lo, *hi),
                    None => Ok(()),
                }
            }
            Dist::Choice(options) => check_choice(options),
            Dist::Int { min, max } if min > max => Err(format!("Int: min {min} > max {max}")),
            Dist::Int { .. } => Ok(()),
            Dist::Poisson { mean } if !(*mean > 0.0 && *mean <= 500.0) => Err(format!(
                "Poisson mean must be above 0 and at most 500, got {mean}"
            )),
            Dist::Poisson { .. } => Ok(()),
        }
    }

    /// The smallest interval holding every value it can take.
    pub fn support(&self) -> (f64, f64) {
        let inf = f64::INFINITY;
        match self {
            Dist::Const(v) => (*v, *v),
            Dist::Uniform { min, max } => (*min, *max),
            Dist::Normal { clamp, .. } => clamp.unwrap_or((-inf, inf)),
            Dist::LogNormal { clamp, .. } => clamp.unwrap_or((0.0, inf)),
            Dist::Choice(options) => options
                .iter()
                .fold((inf, -inf), |(lo, hi), &(v, _)| (lo.min(v), hi.max(v))),
            Dist::Int { min, max } => (*min as f64, *max as f64),
            Dist::Poisson { .. } => (0.0, inf),
        }
    }

    /// Whether every value it can take is a whole number.
    pub fn is_whole(&self) -> bool {
        match self {
            Dist::Const(v) => v.fract() == 0.0,
            Dist::Choice(options) => options.iter().all(|(v, _)| v.fract() == 0.0),
            Dist::Int { .. } | Dist::Poisson { .. } => true,
            _ => false,
        }
    }

    /// Whether it always gives the same value.
    pub fn is_constant(&self) -> bool {
        let (lo, hi) = self.support();
        lo == hi
    }

    /// One draw. Every form consumes the generator the same way on every machine.
    pub fn sample(&self, rng: &mut impl rand::Rng) -> f64 {
        match self {
            Dist::Const(v) => *v,
            Dist::Uniform { min, max } => min + (max - min) * unit(rng),
            Dist::Normal { mean, sd, clamp } => truncated_normal(rng, *mean, *sd, *clamp),
            Dist::LogNormal { mu, sigma, clamp } => {
                let log_clamp = clamp.map(|(lo, hi)| (lo.ln(), hi.ln()));
                truncated_normal(rng, *mu, *sigma, log_clamp).exp()
            }
            Dist::Choice(options) => {
                let weights: Vec<f64> = options.iter().map(|(_, w)| *w).collect();
                options[pick_weighted(rng, &weights)].0
            }
            Dist::Int { min, max } => rand::RngExt::random_range(rng, *min..=*max) as f64,
            Dist::Poisson { mean } => poisson(rng, *mean),
        }
    }

    /// The cumulative distribution function, for the continuous forms (uniform, normal,
    /// log-normal, constant); None for the discrete ones.
    pub fn cdf(&self, x: f64) -> Option<f64> {
        let truncated = |z: f64, a: f64, b: f64| {
            let (fa, fb) = (normal_cdf(a), normal_cdf(b));
            ((normal_cdf(z.clamp(a, b)) - fa) / (fb - fa)).clamp(0.0, 1.0)
        };
        let inf = f64::INFINITY;
        match self {
            Dist::Const(v) => Some(if x < *v { 0.0 } else { 1.0 }),
            Dist::Uniform { min, max } if min == max => Some(if x < *min { 0.0 } else { 1.0 }),
            Dist::Uniform { min, max } => Some(((x - min) / (max - min)).clamp(0.0, 1.0)),
            Dist::Normal { mean, sd, clamp } => {
                let (lo, hi) = clamp.unwrap_or((-inf, inf));
                Some(truncated(
                    (x - mean) / sd,
                    (lo - mean) / sd,
                    (hi - mean) / sd,
                ))
            }
            Dist::LogNormal { mu, sigma, clamp } if x > 0.0 => {
                let (lo, hi) = clamp.unwrap_or((0.0, inf));
                let z = |v: f64| (v.ln() - mu) / sigma;
                Some(truncated(z(x), z(lo), z(hi)))
            }
            Dist::LogNormal { .. } => Some(0.0),
            _ => None,
        }
    }
}

fn check_choice(options: &[(f64, f64)]) -> Result<(), String> {
    if options.is_empty() {
        return Err("Choice needs at least one (value, weight)".into());
    }
    for (value, weight) in options {
        if !value.is_finite() {
            return Err(format!("Choice value must be finite, got {value}"));
        }
        check_weight(*weight)?;
    }
    Ok(())
}

/// A weight must be finite and above 0.
pub fn check_weight(weight: f64) -> Result<(), String> {
    if weight.is_finite() && weight > 0.0 {
        Ok(())
    } else {
        Err(format!("weights must be above 0, got {weight}"))
    }
}

/// A uniform draw in the open interval (0, 1), 53 bits.
pub fn unit(rng: &mut impl rand::Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// The index of a weighted pick (weights already checked positive).
pub fn pick_weighted(rng: &mut impl rand::Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut target = unit(rng) * total;
    for (i, w) in weights.iter().enumerate() {
        if target < *w {
            return i;
        }
        target -= w;
    }
    weights.len() - 1
}

/// A normal draw restricted to `clamp`, by inverting the CDF on the allowed interval.
fn truncated_normal(
    rng: &mut impl rand::Rng,
    mean: f64,
    sd: f64,
    clamp: Option<(f64, f64)>,
) -> f64 {
    let u = unit(rng);
    if sd == 0.0 {
        return clamp.map_or(mean, |(lo, hi)| mean.clamp(lo, hi));
    }
    let (fa, fb) = clamp.map_or((0.0, 1.0), |(lo, hi)| {
        (normal_cdf((lo - mean) / sd), normal_cdf((hi - mean) / sd))
    });
    let value = mean + sd * normal_quantile(fa + u * (fb - fa));
    clamp.map_or(value, |(lo, hi)| value.clamp(lo, hi))
}

/// A Poisson draw by inverting its CDF (λ ≤ 500 keeps `exp(-λ)` representable).
fn poisson(rng: &mut impl rand::Rng, mean: f64) -> f64 {
    let u = unit(rng);
    let mut k = 0.0;
    let mut p = (-mean).exp();
    let mut cumulative = p;
    while cumulative < u && k < 10.0 * mean + 100.0 {
        k += 1.0;
        p *= mean / k;
        cumulative += p;
    }
    k
}

impl fmt::Display for Dist {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Dist::Const(v) => write!(f, "{v}"),
            Dist::Uniform { min, max } => write!(f, "Uniform({min}, {max})"),
            Dist::Normal { mean, sd, clamp } => {
                write!(f, "Normal(mean: {mean}, sd: {sd}")?;
                clamp_suffix(f, clamp)
            }
            Dist::LogNormal { mu, sigma, clamp } => {
                write!(f, "LogNormal(mu: {mu}, sigma: {sigma}")?;
                clamp_suffix(f, clamp)
            }
            Dist::Choice(options) => write!(f, "Choice({options:?})"),
            Dist::Int { min, max } => write!(f, "Int({min}, {max})"),
            Dist::Poisson { mean } => write!(f, "Poisson({mean})"),
        }
    }
}

fn clamp_suffix(f: &mut fmt::Formatter, clamp: &Option<(f64, f64)>) -> fmt::Result {
    match clamp {
        Some((lo, hi)) => write!(f, ", clamp: ({lo}, {hi}))"),
        None => write!(f, ")"),
    }
}

impl<'de> Deserialize<'de> for Dist {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let written = Written::deserialize(d).map_err(|e: D::Error| {
            let text = e.to_string();
            if text.contains("did not match any variant") {
                de::Error::custom(format!("expected {DIST_FORMS}"))
            } else {
                e
            }
        })?;
        written.into_dist().map_err(de::Error::custom)
    }
}

#[cfg(test)]
#[path = "dist_tests.rs"]
mod tests;
