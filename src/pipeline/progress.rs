//! Progress display: an indicatif bar on a terminal, plain lines otherwise, nothing with
//! --quiet. Both show images/s, the ETA and the bottleneck: the stage with the largest
//! recent time per image (a moving average over about the last 20 images).

use super::timing::StageTimes;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// Shows how far a run is, its images/s and ETA.
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: u64,
    done: u64,
    started: Instant,
    last_line: Instant,
    /// Moving average of each stage's ms per image.
    recent: [f64; 6],
}

/// Weight of the newest image in the moving average.
const SMOOTHING: f64 = 0.05;

impl Progress {
    /// A display for `total` images; hidden when `quiet`.
    pub fn new(total: u64, quiet: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (!quiet && terminal).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Self {
            bar,
            plain: !quiet && !terminal,
            total,
            done: 0,
            started: Instant::now(),
            last_line: Instant::now(),
            recent: [0.0; 6],
        }
    }

    /// The stage that takes longest per image lately, and its ms.
    pub fn bottleneck(&self) -> (&'static str, f64) {
        StageTimes::default()
            .named()
            .iter()
            .zip(self.recent)
            .map(|((name, _), ms)| (*name, ms))
            .fold(("none", 0.0), |best, s| if s.1 > best.1 { s } else { best })
    }

    /// Records one more finished image and what its stages took.
    pub fn inc(&mut self, times: &StageTimes) {
        self.done += 1;
        let weight = if self.done == 1 { 1.0 } else { SMOOTHING };
        for (avg, (_, ms)) in self.recent.iter_mut().zip(times.named()) {
            *avg += weight * (ms - *avg);
        }
        if let Some(bar) = &self.bar {
            let (stage, ms) = self.bottleneck();
            bar.set_message(format!("bottleneck {stage} {ms:.0} ms"));
            bar.inc(1);
        } else if self.plain
            && (self.last_line.elapsed() >= Duration::from_secs(5) || self.done == self.total)
        {
            self.last_line = Instant::now();
            eprintln!("{}", self.line());
        }
    }

    fn line(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = self.done as f64 / secs;
        let eta = if rate > 0.0 {
            (self.total - self.done) as f64 / rate
        } else {
            0.0
        };
        let (stage, ms) = self.bottleneck();
        format!(
            "rendered {}/{} images ({rate:.1} images/s, ETA {eta:.0} s, bottleneck {stage} \
             {ms:.0} ms)",
            self.done, self.total
        )
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
