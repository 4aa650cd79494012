//! The frame loop: generation, GPU rendering, readback and encoding overlap.
//!
//! ```text
//! generator thread --(bounded)--> render thread --(bounded)--> rayon encode pool
//!     ECS worlds                  frames in flight              labels, PNG, files
//!                                                                      |
//! caller's thread <------------------(bounded)--------------------------+
//!     reorders by index, streams COCO, shows progress
//! ```
//!
//! Every queue is bounded, so memory stays flat whatever `--count` is, and the render thread
//! keeps several frames on the GPU while earlier ones are encoded.

mod frame_job;
pub mod progress;
pub mod shard;
pub mod timing;

pub use frame_job::{EncodeJob, FrameJobError, FrameResult};
pub use timing::StageTimes;

use crate::frame::FrameData;
use crate::labels::filter::LabelFilter;
use crate::labels::geometry::{self, ObjectTruth};
use crate::output::OutputError;
use crate::output::formats::Formats;
use crate::output::layout::DatasetLayout;
use crate::render::{RenderError, Renderer};
use crate::world::{FrameGenerator, FrameMeta, WorldError};
use progress::Progress;
use rayon::iter::{ParallelBridge, ParallelIterator};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Instant;
use timing::ms_since;

/// Any stage failed.
#[derive(thiserror::Error, Debug)]
pub enum PipelineError {
    /// Generating a world failed.
    #[error(transparent)]
    World(#[from] WorldError),
    /// The GPU failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Labelling, encoding or writing failed.
    #[error(transparent)]
    Frame(#[from] FrameJobError),
    /// The COCO writer failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A stage thread stopped without saying why.
    #[error("pipeline stage {0} stopped unexpectedly")]
    Stopped(&'static str),
}

/// Which images to make.
#[derive(Clone, Copy, Debug)]
pub struct RunRange {
    /// First global index.
    pub start: u64,
    /// Number of images.
    pub count: u64,
}

/// Set by [`request_stop`]: the generator starts no new image.
static STOP: AtomicBool = AtomicBool::new(false);

/// Asks a running pipeline to stop cleanly: no new image is started, those in flight are
/// finished and written (each with its record), so the dataset can be resumed. For a
/// Ctrl-C handler.
pub fn request_stop() {
    STOP.store(true, Ordering::SeqCst);
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct RunReport {
    /// Stopped by [`request_stop`] before every image was made.
    pub interrupted: bool,
    /// Images written.
    pub images: u64,
    /// Annotations written.
    pub annotations: u64,
    /// Wall-clock seconds from the first frame to the last file.
    pub seconds: f64,
    /// Median ms per stage.
    pub stages: StageTimes,
}

impl RunReport {
    /// End-to-end images per second.
    pub fn images_per_second(&self) -> f64 {
        self.images as f64 / self.seconds.max(1e-9)
    }
}

/// A generated frame, its meta, its objects' 3D truth and the generate time (ms).
type Generated = Result<(FrameData, FrameMeta, Vec<ObjectTruth>, f64), PipelineError>;

/// Where a run writes: the dataset layout, the formats and the label filter.
pub struct Outputs<'a> {
    /// The dataset's paths.
    pub layout: &'a DatasetLayout,
    /// The formats besides COCO (whose per-image records every frame writes).
    pub formats: &'a Formats,
    /// Which instances are kept.
    pub filter: &'a LabelFilter,
}

/// Renders the images of `range` that `done` does not claim with `generator` and
/// `renderer` into `outputs`. Returns after every one is written (each with its per-image
/// record last, see `output::records`); `coco.json` is assembled afterwards.
pub fn run(
    (generator, renderer): (&FrameGenerator, &mut Renderer),
    outputs: Outputs<'_>,
    (range, done): (RunRange, &(dyn Fn(u64) -> bool + Sync)),
    quiet: bool,
) -> Result<RunReport, PipelineError> {
    let Outputs {
        layout,
        formats,
        filter,
    } = outputs;
    let todo = (range.start..range.start + range.count)
        .filter(|&i| !done(i))
        .count() as u64;
    let depth = renderer.slot_count();
    let started = Instant::now();
    std::thread::scope(|scope| {
        let (gen_tx, gen_rx) = sync_channel::<Generated>(depth);
        let (job_tx, job_rx) = sync_channel::<Result<EncodeJob, PipelineError>>(2);
        let (res_tx, res_rx) = sync_channel::<Result<FrameResult, PipelineError>>(2 * depth);
        scope.spawn(move || generate_stage(generator, (range, done), gen_tx));
        scope.spawn(move || render_stage(renderer, gen_rx, job_tx));
        scope.spawn(move || encode_stage(layout, (formats, filter), job_rx, res_tx));
        collect_stage(todo, res_rx, quiet, started)
    })
}

fn generate_stage(
    generator: &FrameGenerator,
    (range, done): (RunRange, &(dyn Fn(u64) -> bool + Sync)),
    tx: SyncSender<Generated>,
) {
    for index in (range.start..range.start + range.count).filter(|&i| !done(i)) {
        if STOP.load(Ordering::SeqCst) {
            return;
        }
        let start = Instant::now();
        let item = generator
            .generate(index)
            .map(|(frame, meta)| {
                let truth = geometry::objects_3d(&frame, generator.asset_truth());
                (frame, meta, truth, ms_since(start))
            })
            .map_err(PipelineError::from);
        let failed = item.is_err();
        if tx.send(item).is_err() || failed {
            return;
        }
    }
}

fn render_stage(
    renderer: &mut Renderer,
    rx: Receiver<Generated>,
    tx: SyncSender<Result<EncodeJob, PipelineError>>,
) {
    type Waiting = BTreeMap<u64, (FrameMeta, Vec<ObjectTruth>, f64)>;
    let mut metas = Waiting::new();
    let forward = |done: crate::render::Completed, metas: &mut Waiting| {
        let (meta, truth, generate) = metas
            .remove(&done.images.index)
            .ok_or(PipelineError::Stopped("render (lost frame metadata)"))?;
        let times = StageTimes {
            generate,
            render: done.render_ms,
            readback: done.readback_ms,
            ..Default::default()
        };
        Ok(EncodeJob {
            images: done.images,
            meta,
            truth,
            times,
        })
    };
    for item in rx {
        let result = item.and_then(|(frame, meta, truth, generate)| {
            metas.insert(frame.index, (meta, truth, generate));
            renderer.submit(&frame).map_err(PipelineError::from)
        });
        let job = match result {
            Ok(None) => continue,
            Ok(Some(done)) => forward(done, &mut metas),
            Err(e) => Err(e),
        };
        let failed = job.is_err();
        if tx.send(job).is_err() || failed {
            return;
        }
    }
    loop {
        let job = match renderer.collect_oldest() {
            Ok(None) => return,
            Ok(Some(done)) => forward(done, &mut metas),
            Err(e) => Err(e.into()),
        };
        let failed = job.is_err();
        if tx.send(job).is_err() || failed {
            return;
        }
    }
}

fn encode_stage(
    layout: &DatasetLayout,
    (formats, filter): (&Formats, &LabelFilter),
    rx: Receiver<Result<EncodeJob, PipelineError>>,
    tx: SyncSender<Result<FrameResult, PipelineError>>,
) {
    rx.into_iter().par_bridge().for_each_with(tx, |tx, job| {
        let result = job.and_then(|job| {
            frame_job::process(job, layout, (formats, filter)).map_err(PipelineError::from)
        });
        let _ = tx.send(result);
    });
}

/// Counts finished frames (in whatever order the pool finishes them) and shows progress.
fn collect_stage(
    todo: u64,
    rx: Receiver<Result<FrameResult, PipelineError>>,
    quiet: bool,
    started: Instant,
) -> Result<RunReport, PipelineError> {
    let mut progress = Progress::new(todo, quiet);
    let mut times = Vec::with_capacity(todo.min(10_000) as usize);
    let (mut annotations, mut images) = (0u64, 0u64);
    // The channel closes once every stage has finished: after `todo` images, or fewer when
    // stopped.
    while let Ok(result) = rx.recv() {
        let result = result?;
        images += 1;
        annotations += result.annotations;
        if times.len() < 10_000 {
            times.push(result.times);
        }
        progress.inc(&result.times);
    }
    progress.finish();
    if images < todo && !STOP.load(Ordering::SeqCst) {
        return Err(PipelineError::Stopped("encode"));
    }
    Ok(RunReport {
        interrupted: images < todo,
        images,
        annotations,
        seconds: started.elapsed().as_secs_f64(),
        stages: StageTimes::median_of(&times),
    })
}
