//! Turning `render`'s arguments into a plan: the scene (a file or a built-in), seed,
//! resolution, range and label filter, and what the dataset's manifest and COCO categories
//! say about them.

use super::RenderArgs;
use anyhow::{Result, bail};
use sdgen::labels::filter::LabelFilter;
use sdgen::labels::{geometry, keypoints};
use sdgen::output::atomic;
use sdgen::output::coco::CocoCategory;
use sdgen::output::layout::DatasetLayout;
use sdgen::output::manifest::{self, DatasetManifest};
use sdgen::pipeline::RunRange;
use sdgen::pipeline::shard;
use sdgen::scene::filters;
use sdgen::scene::{CategoryKind, LoadedScene};
use sdgen::source::{DiskSource, FileSource};
use sdgen::{builtin, scene};
use std::path::{Path, PathBuf};

/// The scene's file source and path: a file if one exists there, else a built-in scene.
fn resolve_scene(arg: &str) -> Result<(Box<dyn FileSource>, PathBuf)> {
    let path = Path::new(arg);
    if path.is_file() {
        return Ok((Box::new(DiskSource), path.to_path_buf()));
    }
    if let Some(embedded) = builtin::scene_path(arg) {
        return Ok((Box::new(builtin::files()), embedded));
    }
    bail!(
        "{arg}: no such file, and no built-in scene has that name (built-in: {})",
        builtin::scene_names().join(", ")
    )
}

/// Everything a run needs, resolved from the CLI and the scene.
pub struct Plan {
    /// The loaded scene.
    pub scene: LoadedScene,
    /// The seed.
    pub seed: u64,
    /// Image width.
    pub width: u32,
    /// Image height.
    pub height: u32,
    /// The images to make.
    pub range: RunRange,
    /// Which instances are kept.
    pub filter: LabelFilter,
}

/// Resolves `args` against the scene they name.
pub fn plan(args: &RenderArgs) -> Result<Plan> {
    let Some(scene_arg) = args.scene.as_deref() else {
        bail!(
            "--scene is required (a .ron file or a built-in name: {})",
            builtin::scene_names().join(", ")
        );
    };
    if args.count == 0 {
        bail!("--count must be at least 1");
    }
    if args.start.checked_add(args.count).is_none() {
        bail!("--start {} + --count {} overflows", args.start, args.count);
    }
    let (files, path) = resolve_scene(scene_arg)?;
    let scene = scene::load(files.as_ref(), &path)?;
    let (width, height) = match (args.width, args.height) {
        (Some(w), Some(h)) => (w, h),
        _ => scene.config.resolution.unwrap_or((1280, 720)),
    };
    let shard = shard::resolve((args.shard_index, args.shard_count), &|name| {
        std::env::var(name).ok()
    })
    .map_err(anyhow::Error::msg)?;
    let whole = RunRange {
        start: args.start,
        count: args.count,
    };
    let range = shard.map_or(whole, |s| s.slice(whole));
    if width == 0 || height == 0 {
        bail!("resolution {width}x{height}: width and height must be at least 1");
    }
    let filter = filters::resolve(
        &scene.config.filters,
        &args.filters,
        &scene.catalog.categories,
    )
    .map_err(anyhow::Error::msg)?;
    Ok(Plan {
        filter,
        seed: args.seed.or(scene.config.seed).unwrap_or(0),
        scene,
        width,
        height,
        range,
    })
}

/// The scene's thing categories as COCO lists them (people with their keypoints).
pub fn thing_categories(scene: &LoadedScene) -> Vec<CocoCategory> {
    scene
        .catalog
        .categories
        .iter()
        .filter(|c| c.kind == CategoryKind::Thing)
        .map(|c| {
            let person = c.id == geometry::PERSON;
            CocoCategory {
                id: c.id,
                name: c.name.clone(),
                supercategory: c.supercategory.clone(),
                keypoints: match person {
                    true => keypoints::NAMES.map(String::from).to_vec(),
                    false => Vec::new(),
                },
                skeleton: match person {
                    true => keypoints::SKELETON.to_vec(),
                    false => Vec::new(),
                },
            }
        })
        .collect()
}

/// The dataset.json contents for `plan`.
pub fn manifest_for(plan: &Plan, complete: bool) -> DatasetManifest {
    DatasetManifest {
        tool: "sdgen".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        scene_name: plan.scene.name.clone(),
        scene_hash: manifest::scene_hash(plan.scene.text.as_bytes()),
        seed: plan.seed,
        start: plan.range.start,
        count: plan.range.count,
        width: plan.width,
        height: plan.height,
        complete,
    }
}

/// `--resume` continues only the same run: `dataset.json` must be there and name the same
/// images. Temporary files a killed run left behind are removed.
pub fn check_resumable(layout: &DatasetLayout, plan: &Plan) -> Result<()> {
    let existing = manifest::read_manifest(layout).map_err(|e| {
        anyhow::anyhow!(
            "--resume: no run to resume in {}: {e}",
            layout.root.display()
        )
    })?;
    let wanted = manifest_for(plan, false);
    if (existing.start, existing.count) != (wanted.start, wanted.count) {
        bail!(
            "--resume: {} holds images {}..{}, this run asks for {}..{}",
            layout.root.display(),
            existing.start,
            existing.start + existing.count,
            wanted.start,
            wanted.start + wanted.count
        );
    }
    atomic::remove_temporaries(&layout.root)?;
    Ok(())
}
