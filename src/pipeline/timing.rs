//! Per-stage timings of each frame, and their medians.

use serde::Serialize;

/// Milliseconds one frame spent in each stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct StageTimes {
    /// Building and running the ECS world.
    pub generate: f64,
    /// Encoding, submitting and waiting for the GPU.
    pub render: f64,
    /// Copying mapped buffers out, stripping row padding.
    pub readback: f64,
    /// Masks, bbox, area and RLE.
    pub labels: f64,
    /// PNG compression of the image and both masks.
    pub encode: f64,
    /// Writing files (PNG, meta JSON) to disk.
    pub write: f64,
}

impl StageTimes {
    /// Stage names and values, in pipeline order.
    pub fn named(&self) -> [(&'static str, f64); 6] {
        [
            ("generate", self.generate),
            ("render", self.render),
            ("readback", self.readback),
            ("labels", self.labels),
            ("encode", self.encode),
            ("write", self.write),
        ]
    }

    /// Per-stage medians over `frames` (zeros when empty).
    pub fn median_of(frames: &[StageTimes]) -> StageTimes {
        let pick = |f: fn(&StageTimes) -> f64| median(frames.iter().map(f).collect());
        StageTimes {
            generate: pick(|t| t.generate),
            render: pick(|t| t.render),
            readback: pick(|t| t.readback),
            labels: pick(|t| t.labels),
            encode: pick(|t| t.encode),
            write: pick(|t| t.write),
        }
    }
}

/// Median of `values` (mean of the middle two for even lengths; 0 when empty).
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        0.5 * (values[mid - 1] + values[mid])
    }
}

/// Milliseconds since `start`.
pub fn ms_since(start: std::time::Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(vec![]), 0.0);
    }
}
