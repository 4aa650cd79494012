//! `render`: the sdgen command line. Parses arguments, wires the library stages together,
//! and reports; anyhow is used only here.

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use sdgen::output::coco::CocoInfo;
use sdgen::output::formats::{Format, Formats};
use sdgen::output::layout::DatasetLayout;
use sdgen::output::manifest;
use sdgen::output::{merge, records};
use sdgen::output::{preview, sheet, stats};
use sdgen::pipeline::{self, RunReport, StageTimes};
use sdgen::render::{GpuContext, Renderer, list_adapters};
use sdgen::scene::filters::FilterArgs;
use sdgen::world::FrameGenerator;
use sdgen::{builtin, scene};
use std::io::Write;
use std::path::{Path, PathBuf};

#[path = "cli/plan.rs"]
mod plan;

use plan::{Plan, manifest_for, thing_categories};

/// Frames the GPU may hold at once.
const FRAMES_IN_FLIGHT: usize = 3;
/// Tile width of the contact sheet written after a run.
const AFTER_RUN_TILE_WIDTH: u32 = 320;

/// Synthetic, pixel-perfectly labelled image datasets from glTF assets and a RON scene.
#[derive(Parser, Debug)]
#[command(name = "render", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    render: RenderArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List the adapters wgpu sees, and which one would be used.
    Adapters {
        /// Only adapters whose name contains this (case-insensitive).
        #[arg(long)]
        adapter: Option<String>,
    },
    /// List the built-in scenes.
    Scenes,
    /// Write a contact sheet of a dataset: images with mask outlines, boxes and category names.
    Sheet(SheetArgs),
    /// Report what a dataset covers (conditions, sampled parameters, classes) and chart it.
    Stats(StatsArgs),
    /// Check a dataset: every file present, masks and annotations in agreement, ids
    /// unique, no empty box. Exits non-zero with the list of problems.
    Validate {
        /// The dataset directory (a render --out).
        dataset: PathBuf,
    },
    /// Merge datasets rendered as shards of one run (--shard-index) into one: the same
    /// files and annotations as an unsharded run. Refuses inputs from different runs,
    /// overlapping or leaving gaps.
    Merge {
        /// The shard datasets, in any order.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The merged dataset's directory.
        #[arg(long)]
        out: PathBuf,
        /// Write into a directory that holds a different dataset.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args, Debug)]
struct StatsArgs {
    /// The dataset directory (a render --out).
    dataset: PathBuf,
    /// Where to write the chart PNG [default: DATASET/preview/coverage.png].
    #[arg(long)]
    chart: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct SheetArgs {
    /// The dataset directory (a render --out).
    dataset: PathBuf,
    /// Where to write the PNG [default: DATASET/preview/sheet.png].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Most images to show.
    #[arg(long, default_value_t = sheet::DEFAULT_COUNT,
          value_parser = clap::value_parser!(u32).range(1..=4096))]
    count: u32,
    /// Tiles per row.
    #[arg(long, default_value_t = sheet::DEFAULT_COLUMNS,
          value_parser = clap::value_parser!(u32).range(1..=256))]
    columns: u32,
    /// Tile width in pixels.
    #[arg(long, default_value_t = sheet::DEFAULT_TILE_WIDTH,
          value_parser = clap::value_parser!(u32).range(i64::from(sheet::MIN_TILE_WIDTH)..=8192))]
    tile_width: u32,
    /// Index of the first image to show (the first images with index >= this are used).
    #[arg(long, default_value_t = 0)]
    start: u64,
}

#[derive(Args, Debug)]
struct RenderArgs {
    /// Scene file, or the name of a built-in scene (with or without .ron).
    #[arg(long)]
    scene: Option<String>,
    /// Number of images.
    #[arg(long, default_value_t = 100)]
    count: u64,
    /// Output directory [default: out/<scene stem>].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Seed [default: the scene's seed, or 0].
    #[arg(long)]
    seed: Option<u64>,
    /// Global index of the first image.
    #[arg(long, default_value_t = 0)]
    start: u64,
    /// Image width [default: the scene's, or 1280].
    #[arg(long, requires = "height")]
    width: Option<u32>,
    /// Image height [default: the scene's, or 720].
    #[arg(long, requires = "width")]
    height: Option<u32>,
    /// Use the adapter whose name contains this (case-insensitive); overrides WGPU_ADAPTER_NAME.
    #[arg(long)]
    adapter: Option<String>,
    /// No progress display and no summary.
    #[arg(long)]
    quiet: bool,
    /// Write into a directory that holds a different dataset.
    #[arg(long)]
    force: bool,
    /// Label formats to write besides COCO (always written), comma-separated:
    /// coco-polygons (COCO segmentations as polygons), yolo (yolo/), yolo-seg (yolo-seg/),
    /// kitti (kitti/label_2/), cityscapes (cityscapes/), depth (depth/*.png, mm),
    /// depth-float (depth/*.npy, m), normals (normals/*.png), palette (palette/*.png),
    /// webdataset (webdataset/shard-*.tar).
    #[arg(long, value_delimiter = ',', default_value = "coco")]
    format: Vec<Format>,
    /// Benchmark: render --count images --bench-runs times into a temporary directory and
    /// print median images/s and per-stage ms.
    #[arg(long)]
    bench: bool,
    /// Runs for --bench.
    #[arg(long, default_value_t = 3, requires = "bench")]
    bench_runs: u32,
    #[command(flatten)]
    filters: FilterArgs,
    /// Finish an interrupted run in --out: images already complete (their record present)
    /// are kept, the others rendered, and coco.json rebuilt.
    #[arg(long)]
    resume: bool,
    /// Render shard K of --shard-count contiguous slices of the --count images [default:
    /// JOB_COMPLETION_INDEX, or SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN].
    #[arg(long)]
    shard_index: Option<u64>,
    /// Number of shards [default: SLURM_ARRAY_TASK_COUNT].
    #[arg(long)]
    shard_count: Option<u64>,
}

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Err(error) = run(Cli::parse()) {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Some(Command::Adapters { adapter }) => print_adapters(adapter.as_deref()),
        Some(Command::Merge { inputs, out, force }) => {
            let summary = merge::merge(&inputs, &out, force)
                .with_context(|| format!("merging into {}", out.display()))?;
            println!(
                "merged {} datasets into {}: {} images, {} annotations",
                inputs.len(),
                out.display(),
                summary.images,
                summary.annotations
            );
            Ok(())
        }
        Some(Command::Scenes) => {
            for name in builtin::scene_names() {
                println!("{name}");
            }
            Ok(())
        }
        Some(Command::Sheet(args)) => write_sheet(&args),
        Some(Command::Stats(args)) => write_stats(&args),
        Some(Command::Validate { dataset }) => validate(&dataset),
        None if cli.render.bench => bench(&cli.render),
        None => render(&cli.render),
    }
}

fn write_sheet(args: &SheetArgs) -> Result<()> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| sheet::default_path(&args.dataset));
    let options = sheet::SheetOptions {
        start: args.start,
        count: args.count,
        columns: args.columns,
        tile_width: args.tile_width,
    };
    let path = sheet::write_sheet(&args.dataset, &out, &options)?;
    println!("{}", path.display());
    Ok(())
}

fn validate(dataset: &Path) -> Result<()> {
    let report = sdgen::output::validate::validate(dataset);
    for problem in &report.problems {
        println!("{problem}");
    }
    let hidden = report.problem_count - report.problems.len();
    if hidden > 0 {
        println!("... and {hidden} more");
    }
    let summary = format!(
        "{}: {} images, {} annotations, {} problem(s)",
        dataset.display(),
        report.images,
        report.annotations,
        report.problem_count
    );
    if report.ok() {
        println!("{summary}: valid");
        Ok(())
    } else {
        anyhow::bail!("{summary}")
    }
}

fn write_stats(args: &StatsArgs) -> Result<()> {
    let coverage = stats::collect(&args.dataset)?;
    let chart = args
        .chart
        .clone()
        .unwrap_or_else(|| stats::default_path(&args.dataset));
    let summary = stats::write_chart(&coverage, &chart)?;
    let mut text = stats::report(&coverage);
    text.push_str(&format!(
        "chart: {} ({} panels, {}x{})\n",
        summary.path.display(),
        summary.panels,
        summary.width,
        summary.height
    ));
    if summary.omitted > 0 {
        text.push_str(&format!(
            "note: {} panels left out of the chart (at most {})\n",
            summary.omitted,
            stats::MAX_PANELS
        ));
    }
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .context("cannot write the report to stdout")
}

fn print_adapters(filter: Option<&str>) -> Result<()> {
    let (adapters, chosen) = list_adapters(filter);
    if adapters.is_empty() {
        bail!("wgpu sees no adapter; install a Vulkan driver (e.g. mesa-vulkan-drivers)");
    }
    for (i, adapter) in adapters.iter().enumerate() {
        let mark = if Some(i) == chosen { "*" } else { " " };
        let kind = if adapter.software { " [software]" } else { "" };
        println!("{mark} {adapter}{kind}");
    }
    match chosen {
        Some(i) => println!("would use: {}", adapters[i].name),
        None => bail!("no adapter matches {:?}", filter.unwrap_or_default()),
    }
    Ok(())
}

/// Renders one dataset into `layout`; returns the report.
fn render_into(
    plan: &Plan,
    renderer: &mut Renderer,
    layout: &DatasetLayout,
    (formats, quiet, resume): (&[Format], bool, bool),
) -> Result<RunReport> {
    layout.create_dirs()?;
    std::fs::create_dir_all(records::dir(layout))
        .with_context(|| format!("creating {}", records::dir(layout).display()))?;
    let all: Vec<(u16, String)> = plan
        .scene
        .catalog
        .categories
        .iter()
        .map(|c| (c.id, c.name.clone()))
        .collect();
    let formats = Formats::new(formats, &thing_categories(&plan.scene), &all);
    formats.prepare(layout)?;
    manifest::write_manifest(layout, &manifest_for(plan, false))?;
    let info = CocoInfo::now(
        format!("sdgen synthetic dataset, scene {}", plan.scene.name),
        env!("CARGO_PKG_VERSION"),
    );
    let generator = FrameGenerator::new(&plan.scene, plan.seed, plan.width, plan.height);
    let outputs = pipeline::Outputs {
        layout,
        formats: &formats,
        filter: &plan.filter,
    };
    let done = |index| resume && records::exists(layout, index);
    let range = (plan.range, &done as &(dyn Fn(u64) -> bool + Sync));
    let report = pipeline::run((&generator, renderer), outputs, range, quiet)?;
    if report.interrupted {
        return Ok(report);
    }
    let assembly = records::Assembly {
        info,
        categories: thing_categories(&plan.scene),
        webdataset: formats.webdataset,
    };
    records::assemble(layout, (plan.range.start, plan.range.count), assembly)?;
    manifest::write_manifest(layout, &manifest_for(plan, true))?;
    Ok(report)
}

fn make_renderer(plan: &Plan, adapter: Option<&str>) -> Result<Renderer> {
    let ctx = GpuContext::new(adapter)?;
    Ok(Renderer::new(
        ctx,
        &plan.scene.assets,
        plan.width,
        plan.height,
        FRAMES_IN_FLIGHT,
    )?)
}

/// Ctrl-C once stops cleanly (the images in flight are finished); twice quits at once.
fn stop_on_interrupt() {
    static PRESSED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let handler = || {
        if PRESSED.fetch_add(1, std::sync::atomic::Ordering::SeqCst) > 0 {
            std::process::exit(130);
        }
        eprintln!("stopping after the images in flight (Ctrl-C again to quit at once)");
        pipeline::request_stop();
    };
    if let Err(e) = ctrlc::set_handler(handler) {
        tracing::warn!("Ctrl-C will not stop cleanly: {e}");
    }
}

fn render(args: &RenderArgs) -> Result<()> {
    stop_on_interrupt();
    let plan = plan::plan(args)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("out").join(scene::stem(&plan.scene.path)));
    manifest::check_existing(&out, &manifest_for(&plan, false), args.force)?;
    let layout = DatasetLayout::new(&out);
    if args.resume {
        plan::check_resumable(&layout, &plan)?;
    }
    let mut renderer = make_renderer(&plan, args.adapter.as_deref())?;
    let run = (&args.format[..], args.quiet, args.resume);
    let report = render_into(&plan, &mut renderer, &layout, run).with_context(|| {
        format!(
            "rendering into {} failed; the dataset there is incomplete (once the cause is \
             fixed, run the same command with --resume to finish it)",
            out.display()
        )
    })?;
    if report.interrupted {
        eprintln!(
            "interrupted: {} images written this run; {} is resumable: run the same command \
             with --resume to finish it",
            report.images,
            out.display()
        );
        std::process::exit(130);
    }
    // render_into has finished coco.json, so the sheet is made from the final files.
    let sheet = preview::contact_sheet(&layout, plan.range.start, AFTER_RUN_TILE_WIDTH)?;
    if !args.quiet {
        println!("contact sheet: {}", sheet.display());
        println!(
            "wrote {} images, {} annotations to {} in {:.1} s: {:.1} images/s on {}",
            report.images,
            report.annotations,
            out.display(),
            report.seconds,
            report.images_per_second(),
            renderer.adapter()
        );
        if let Some(mib) = peak_rss_mib() {
            println!("peak memory (RSS): {mib:.0} MiB");
        }
    }
    Ok(())
}

/// This process's peak resident memory, MiB (Linux: VmHWM in /proc/self/status).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn bench(args: &RenderArgs) -> Result<()> {
    let plan = plan::plan(args)?;
    let mut renderer = make_renderer(&plan, args.adapter.as_deref())?;
    println!(
        "bench: scene {}, {}x{}, {} images x {} runs, adapter {}",
        plan.scene.name,
        plan.width,
        plan.height,
        plan.range.count,
        args.bench_runs,
        renderer.adapter()
    );
    let mut rates = Vec::new();
    let mut stages = Vec::new();
    for run in 0..args.bench_runs.max(1) {
        let dir = std::env::temp_dir().join(format!("sdgen-bench-{}-{run}", std::process::id()));
        let layout = DatasetLayout::new(&dir);
        let report = render_into(&plan, &mut renderer, &layout, (&args.format, true, false));
        let _ = std::fs::remove_dir_all(&dir);
        let report = report?;
        println!(
            "run {}: {:.2} images/s ({} images in {:.2} s)",
            run + 1,
            report.images_per_second(),
            report.images,
            report.seconds
        );
        rates.push(report.images_per_second());
        stages.push(report.stages);
    }
    println!(
        "median: {:.2} images/s end to end",
        pipeline::timing::median(rates)
    );
    println!("median ms per image and stage (stages overlap, so they do not add up):");
    for (name, ms) in StageTimes::median_of(&stages).named() {
        println!("  {name:<9} {ms:8.2} ms");
    }
    Ok(())
}
