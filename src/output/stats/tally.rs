//! Choice and colour parameters, in bounded memory: counts per value for choices (at most
//! [`CHOICE_CAP`] values, the rest counted together), and for colours the count, mean, range
//! and a fixed-size sample for swatches.

use std::collections::BTreeMap;

/// Most distinct values of one choice counted by name.
pub const CHOICE_CAP: usize = 1000;
/// Colours kept per colour parameter for the chart's swatches.
pub const SWATCH_CAP: usize = 64;

/// Counts of the values of a choice (also used for conditions and scene names).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// Count per value, for the first [`CHOICE_CAP`] values seen.
    counts: BTreeMap<String, u64>,
    /// Values seen after the cap was reached that are not among the counted ones.
    other: u64,
    /// All values.
    total: u64,
}

impl Choices {
    /// Counts one occurrence of `value`.
    pub fn add(&mut self, value: &str) {
        self.total += 1;
        if let Some(n) = self.counts.get_mut(value) {
            *n += 1;
        } else if self.counts.len() < CHOICE_CAP {
            self.counts.insert(value.to_owned(), 1);
        } else {
            self.other += 1;
        }
    }

    /// Number of values counted.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The counted values, most frequent first (ties by name).
    pub fn by_count(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.counts.iter().map(|(k, &n)| (k.as_str(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }

    /// Occurrences of values past the first [`CHOICE_CAP`] distinct ones.
    pub fn other(&self) -> u64 {
        self.other
    }

    /// Share of `n` in the total, in percent.
    pub fn percent(&self, n: u64) -> f64 {
        percent(n, self.total)
    }
}

/// `n` as a percentage of `total` (0 if `total` is 0).
pub fn percent(n: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        n as f64 * 100.0 / total as f64
    }
}

/// Statistics of a linear RGB colour parameter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Colours {
    /// Values seen.
    count: u64,
    /// Per-channel sums.
    sum: [f64; 3],
    /// Per-channel minima.
    min: [f64; 3],
    /// Per-channel maxima.
    max: [f64; 3],
    /// Up to [`SWATCH_CAP`] colours with the smallest hash of their arrival number: a uniform,
    /// deterministic sample (bottom-k sampling).
    sample: Vec<(u64, [f64; 3])>,
}

impl Colours {
    /// Counts one colour.
    pub fn add(&mut self, rgb: [f64; 3]) {
        if self.count == 0 {
            (self.min, self.max) = (rgb, rgb);
        }
        self.count += 1;
        for (c, v) in rgb.iter().enumerate() {
            self.sum[c] += v;
            self.min[c] = self.min[c].min(*v);
            self.max[c] = self.max[c].max(*v);
        }
        self.offer(splitmix64(self.count), rgb);
    }

    /// Keeps `rgb` if its hash is among the smallest [`SWATCH_CAP`] so far.
    fn offer(&mut self, hash: u64, rgb: [f64; 3]) {
        if self.sample.len() < SWATCH_CAP {
            self.sample.push((hash, rgb));
            return;
        }
        let largest = (0..self.sample.len()).max_by_key(|&i| self.sample[i].0);
        if let Some(i) = largest.filter(|&i| hash < self.sample[i].0) {
            self.sample[i] = (hash, rgb);
        }
    }

    /// Number of colours.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Per-channel mean, if any.
    pub fn mean(&self) -> Option<[f64; 3]> {
        let n = self.count as f64;
        (self.count > 0).then(|| self.sum.map(|s| s / n))
    }

    /// Per-channel minimum and maximum, if any.
    pub fn range(&self) -> Option<([f64; 3], [f64; 3])> {
        (self.count > 0).then_some((self.min, self.max))
    }

    /// The kept sample, darkest first (by linear luminance).
    pub fn swatches(&self) -> Vec<[f64; 3]> {
        let mut v: Vec<[f64; 3]> = self.sample.iter().map(|s| s.1).collect();
        v.sort_by(|a, b| luminance(*a).total_cmp(&luminance(*b)));
        v
    }
}

/// Rec. 709 luminance of a linear RGB colour.
pub fn luminance([r, g, b]: [f64; 3]) -> f64 {
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// A well-mixed 64-bit hash (SplitMix64's finaliser).
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_count_and_sort_by_frequency() {
        let mut c = Choices::default();
        for v in ["b", "a", "b", "c", "b", "a"] {
            c.add(v);
        }
        assert_eq!(c.by_count(), [("b", 3), ("a", 2), ("c", 1)]);
        assert_eq!(c.total(), 6);
        assert_eq!(c.percent(3), 50.0);
    }

    #[test]
    fn choices_past_the_cap_are_counted_together() {
        let mut c = Choices::default();
        for i in 0..CHOICE_CAP + 5 {
            c.add(&i.to_string());
        }
        c.add("0");
        assert_eq!(c.by_count().len(), CHOICE_CAP);
        assert_eq!(c.by_count()[0], ("0", 2));
        assert_eq!((c.other(), c.total()), (5, CHOICE_CAP as u64 + 6));
    }

    #[test]
    fn colours_keep_mean_range_and_a_bounded_sample() {
        let mut c = Colours::default();
        for i in 0..1000 {
            let v = f64::from(i) / 999.0;
            c.add([v, 1.0 - v, 0.5]);
        }
        assert_eq!(c.count(), 1000);
        let mean = c.mean().unwrap();
        assert!((mean[0] - 0.5).abs() < 1e-9 && (mean[2] - 0.5).abs() < 1e-9);
        assert_eq!(c.range(), Some(([0.0, 0.0, 0.5], [1.0, 1.0, 0.5])));
        let swatches = c.swatches();
        assert_eq!(swatches.len(), SWATCH_CAP);
        assert!(
            swatches
                .windows(2)
                .all(|w| luminance(w[0]) <= luminance(w[1]))
        );
        // A uniform sample of a uniform ramp: both halves are represented.
        assert!(swatches.iter().any(|s| s[0] < 0.3) && swatches.iter().any(|s| s[0] > 0.7));
    }
}
