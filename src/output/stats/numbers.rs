//! One numeric parameter: count, min, max, distinct values, percentiles and a histogram, in
//! memory bounded per parameter whatever the dataset's size.
//!
//! While a parameter has at most [`DISTINCT_CAP`] distinct values, every value is counted
//! exactly, so its percentiles and histogram are exact (most discrete parameters: counts,
//! indices, flags). Past that the exact counts are dropped and the dataset's meta files are
//! read a second time to fill [`FINE_BINS`] equal bins between the exact min and max; the
//! percentiles then are the centre of the bin holding the rank (within half a bin, 0.05 % of
//! the range).

use std::collections::BTreeMap;

/// Most distinct values counted exactly; past it the count reads "more than" this.
pub const DISTINCT_CAP: usize = 1000;
/// Bins between min and max kept for percentiles and the chart.
pub const FINE_BINS: usize = 1000;
/// Bins of the chart's histogram (each is `FINE_BINS / CHART_BINS` fine bins).
pub const CHART_BINS: usize = 20;

/// The number of distinct values of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distinct {
    /// Exactly this many.
    Exact(usize),
    /// More than this many (the cap).
    MoreThan(usize),
}

/// A percentile: its value and whether it is exact or the centre of a bin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// The value.
    pub value: f64,
    /// True if it is one of the parameter's values, false if it is a bin centre.
    pub exact: bool,
}

/// Statistics of one numeric parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Numbers {
    /// Values seen in the first pass.
    count: u64,
    /// Smallest value (meaningful when `count > 0`).
    min: f64,
    /// Largest value (meaningful when `count > 0`).
    max: f64,
    /// Value (as an order-preserving key) → count, while there are at most [`DISTINCT_CAP`].
    exact: Option<BTreeMap<u64, u64>>,
    /// [`FINE_BINS`] counts between min and max; empty until filled.
    bins: Vec<u64>,
}

impl Default for Numbers {
    fn default() -> Self {
        Self {
            count: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            exact: Some(BTreeMap::new()),
            bins: Vec::new(),
        }
    }
}

impl Numbers {
    /// Counts `v` (first pass).
    pub fn add(&mut self, v: f64) {
        self.count += 1;
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        if let Some(exact) = &mut self.exact {
            *exact.entry(key(v)).or_default() += 1;
            if exact.len() > DISTINCT_CAP {
                self.exact = None;
            }
        }
    }

    /// Whether the histogram needs a second pass over the values ([`Numbers::bin`]).
    pub fn needs_second_pass(&self) -> bool {
        self.exact.is_none() && self.count > 0
    }

    /// Counts `v` into its bin (second pass; only for parameters that need it).
    pub fn bin(&mut self, v: f64) {
        if self.bins.is_empty() {
            self.bins = vec![0; FINE_BINS];
        }
        let k = self.bin_of(v);
        self.bins[k] += 1;
    }

    /// Fills the bins from the exact counts, if the parameter has them. Call after the passes.
    pub fn finish(&mut self) {
        let Some(exact) = self.exact.take() else {
            return;
        };
        self.bins = vec![0; FINE_BINS];
        for (&k, &n) in &exact {
            let bin = self.bin_of(value(k));
            self.bins[bin] += n;
        }
        self.exact = Some(exact);
    }

    /// Number of values.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The smallest and largest value, if any.
    pub fn range(&self) -> Option<(f64, f64)> {
        (self.count > 0).then_some((self.min, self.max))
    }

    /// The number of distinct values.
    pub fn distinct(&self) -> Distinct {
        match &self.exact {
            Some(exact) => Distinct::Exact(exact.len()),
            None => Distinct::MoreThan(DISTINCT_CAP),
        }
    }

    /// The `p`-th percentile (0 < p ≤ 100) by nearest rank, exact where the values are known.
    pub fn percentile(&self, p: f64) -> Option<Estimate> {
        let n = match &self.exact {
            Some(_) => self.count,
            None => self.bins.iter().sum(),
        };
        let rank = ((p / 100.0 * n as f64).ceil() as u64).clamp(1, n.max(1));
        if let Some(exact) = &self.exact {
            let k = nth(exact.iter().map(|(&k, &c)| (k, c)), rank)?;
            return Some(Estimate {
                value: value(k),
                exact: true,
            });
        }
        let bin = nth((0..).zip(self.bins.iter().copied()), rank)?;
        Some(Estimate {
            value: self.bin_centre(bin),
            exact: self.min == self.max,
        })
    }

    /// The [`FINE_BINS`] bin counts (empty before [`Numbers::finish`] or the second pass).
    pub fn fine_bins(&self) -> &[u64] {
        &self.bins
    }

    /// The [`CHART_BINS`] counts of the chart's histogram.
    pub fn chart_bins(&self) -> Vec<u64> {
        let per = FINE_BINS / CHART_BINS;
        if self.bins.is_empty() {
            return vec![0; CHART_BINS];
        }
        self.bins.chunks(per).map(|c| c.iter().sum()).collect()
    }

    /// The fine bin of `v`: equal bins from min to max, max in the last; all in bin 0 if
    /// min = max. Values outside the range (a file changed between passes) go to the end bins.
    fn bin_of(&self, v: f64) -> usize {
        let span = self.max - self.min;
        if span <= 0.0 || span.is_nan() {
            return 0;
        }
        let k = ((v - self.min) / span * FINE_BINS as f64).floor();
        (k.max(0.0) as usize).min(FINE_BINS - 1)
    }

    /// The centre of fine bin `k`, within min..max.
    fn bin_centre(&self, k: usize) -> f64 {
        let width = (self.max - self.min) / FINE_BINS as f64;
        (self.min + (k as f64 + 0.5) * width).clamp(self.min, self.max)
    }
}

/// The item at 1-based `rank` of `(item, count)` pairs in order.
fn nth<T>(counts: impl Iterator<Item = (T, u64)>, rank: u64) -> Option<T> {
    let mut seen = 0;
    for (item, n) in counts {
        seen += n;
        if seen >= rank {
            return Some(item);
        }
    }
    None
}

/// An order-preserving key of `v` (-0.0 and 0.0 share one).
fn key(v: f64) -> u64 {
    let bits = (v + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// The value of a [`key`].
fn value(k: u64) -> f64 {
    if k >> 63 == 1 {
        f64::from_bits(k & !(1 << 63))
    } else {
        f64::from_bits(!k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(values: impl IntoIterator<Item = f64>) -> Numbers {
        let mut n = Numbers::default();
        for v in values {
            n.add(v);
        }
        n.finish();
        n
    }

    #[test]
    fn keys_preserve_order() {
        let vs = [-1e9, -2.5, -0.0, 0.0, 1e-300, 3.0, f64::MAX];
        for w in vs.windows(2) {
            assert!(key(w[0]) <= key(w[1]), "{w:?}");
            assert_eq!(value(key(w[0])), w[0]);
        }
        assert_eq!(key(-0.0), key(0.0));
    }

    #[test]
    fn exact_statistics_of_few_distinct_values() {
        let n = numbers([3.0, 1.0, 2.0, 2.0, 5.0, 4.0, 2.0, 1.0, 3.0, 2.0]);
        assert_eq!(n.count(), 10);
        assert_eq!(n.range(), Some((1.0, 5.0)));
        assert_eq!(n.distinct(), Distinct::Exact(5));
        let p = |q| n.percentile(q).map(|e| (e.value, e.exact));
        // Sorted: 1 1 2 2 2 2 3 3 4 5; nearest ranks 1, 5 and 10.
        assert_eq!(p(5.0), Some((1.0, true)));
        assert_eq!(p(50.0), Some((2.0, true)));
        assert_eq!(p(95.0), Some((5.0, true)));
        // 4 units over 20 bins: 1 in bin 0, 2 in bin 5, 3 in 10, 4 in 15, 5 (max) in 19.
        let mut want = vec![0; CHART_BINS];
        (want[0], want[5], want[10], want[15], want[19]) = (2, 4, 2, 1, 1);
        assert_eq!(n.chart_bins(), want);
        assert!(!n.needs_second_pass());
    }

    #[test]
    fn many_distinct_values_use_bins_from_a_second_pass() {
        let values = (0..2000).map(|i| f64::from(i) / 1999.0 * 100.0);
        let mut n = Numbers::default();
        values.clone().for_each(|v| n.add(v));
        assert!(n.needs_second_pass());
        assert_eq!(n.distinct(), Distinct::MoreThan(DISTINCT_CAP));
        values.for_each(|v| n.bin(v));
        n.finish();
        assert_eq!(n.fine_bins().iter().sum::<u64>(), 2000);
        assert_eq!(n.chart_bins(), vec![100; CHART_BINS]);
        let median = n.percentile(50.0).unwrap();
        assert!(!median.exact);
        assert!((median.value - 50.0).abs() <= 0.1, "{median:?}");
        assert_eq!(n.range(), Some((0.0, 100.0)));
    }

    #[test]
    fn one_value_fills_the_first_bin() {
        let n = numbers([7.5; 4]);
        assert_eq!(n.chart_bins()[0], 4);
        assert_eq!(n.percentile(95.0).map(|e| e.value), Some(7.5));
        assert_eq!(Numbers::default().percentile(50.0), None);
    }
}
