//! Golden images, one per rendering feature, from the built-in scenes at a small size:
//! a clear day (sky, sun, SH ambient, lens), dusk, night with rain (lights, wet road,
//! puddles, streaks, noise), fog, snow and a low sun. RGB is compared with a tolerance (mean
//! error and a high percentile, so other drivers' rounding passes but a changed feature
//! does not); the packed id masks are compared exactly. On failure the actual image and a
//! difference image are written under target/golden/. `SDGEN_BLESS=1` rewrites the goldens.

mod common;

use sdgen::frame::FrameImages;
use sdgen::render::Renderer;
use sdgen::scene::{self, LoadedScene};
use sdgen::world::FrameGenerator;
use std::path::{Path, PathBuf};

const WIDTH: u32 = 160;
const HEIGHT: u32 = 90;
/// Mean absolute error per channel (0..255) allowed.
const MEAN_TOLERANCE: f64 = 2.0;
/// The 99th percentile of per-channel errors allowed.
const P99_TOLERANCE: u8 = 40;

/// (golden name, scene, condition to force or "" for the scene's own, image index).
const CASES: &[(&str, &str, &str, u64)] = &[
    ("day", "street", "day", 3),
    ("dusk", "street", "dusk", 1),
    ("night_rain", "night_rain", "", 0),
    ("fog", "fog", "", 2),
    ("snow", "snow", "", 0),
    ("low_sun", "low_sun", "", 1),
];

fn load(name: &str, condition: &str) -> LoadedScene {
    let files = sdgen::builtin::files();
    let path = sdgen::builtin::scene_path(name).expect("built-in scene");
    let mut scene = scene::load(&files, &path).unwrap_or_else(|e| panic!("{name}: {e}"));
    if !condition.is_empty() {
        scene.conditions.retain(|c| c.name == condition);
        assert_eq!(
            scene.conditions.len(),
            1,
            "{name} has no condition {condition}"
        );
        scene.conditions[0].probability = 1.0;
    }
    scene
}

fn golden_dir() -> PathBuf {
    common::repo().join("tests/golden")
}

fn write_png(path: &Path, rgba: &[u8], width: u32, height: u32) {
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("png header");
    writer.write_image_data(rgba).expect("png data");
}

fn read_png(path: &Path) -> Vec<u8> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with SDGEN_BLESS=1 to create the golden",
            path.display()
        )
    });
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; decoder.output_buffer_size().unwrap()];
    let info = decoder.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    buf
}

/// The packed ids as RGBA bytes (little-endian u32 per pixel), losslessly.
fn ids_bytes(images: &FrameImages) -> Vec<u8> {
    images.ids.iter().flat_map(|id| id.to_le_bytes()).collect()
}

fn render_case(scene: &LoadedScene, index: u64) -> FrameImages {
    let generator = FrameGenerator::new(scene, scene.config.seed.unwrap_or(0), WIDTH, HEIGHT);
    let (frame, _) = generator.generate(index).unwrap_or_else(|e| panic!("{e}"));
    let mut renderer = Renderer::new(common::gpu(), &scene.assets, WIDTH, HEIGHT, 1).unwrap();
    renderer.render_now(&frame).unwrap()
}

/// (mean, 99th percentile) of the per-channel RGB errors, and a difference image.
fn compare(actual: &[u8], golden: &[u8]) -> (f64, u8, Vec<u8>) {
    let mut errors: Vec<u8> = Vec::new();
    let mut diff = Vec::with_capacity(actual.len());
    for (a, g) in actual.chunks_exact(4).zip(golden.chunks_exact(4)) {
        let e: Vec<u8> = (0..3).map(|k| a[k].abs_diff(g[k])).collect();
        errors.extend(&e);
        let worst = e.iter().copied().max().unwrap_or(0);
        diff.extend([worst.saturating_mul(4), 0, 0, 255]);
    }
    let mean = errors.iter().map(|&e| f64::from(e)).sum::<f64>() / errors.len().max(1) as f64;
    errors.sort_unstable();
    let p99 = errors[(errors.len() * 99 / 100).min(errors.len() - 1)];
    (mean, p99, diff)
}

#[test]
fn every_feature_matches_its_golden_image() {
    let bless = std::env::var_os("SDGEN_BLESS").is_some();
    let out = common::repo().join("target/golden");
    std::fs::create_dir_all(&out).expect("target/golden");
    let mut failures = Vec::new();
    for &(name, scene_name, condition, index) in CASES {
        let scene = load(scene_name, condition);
        let images = render_case(&scene, index);
        let (rgb_path, ids_path) = (
            golden_dir().join(format!("{name}.png")),
            golden_dir().join(format!("{name}_ids.png")),
        );
        if bless {
            write_png(&rgb_path, &images.rgba, WIDTH, HEIGHT);
            write_png(&ids_path, &ids_bytes(&images), WIDTH, HEIGHT);
            continue;
        }
        let (mean, p99, diff) = compare(&images.rgba, &read_png(&rgb_path));
        println!("{name}: mean error {mean:.3}, p99 {p99}");
        let ids_match = ids_bytes(&images) == read_png(&ids_path);
        if mean > MEAN_TOLERANCE || p99 > P99_TOLERANCE || !ids_match {
            write_png(
                &out.join(format!("{name}-actual.png")),
                &images.rgba,
                WIDTH,
                HEIGHT,
            );
            write_png(
                &out.join(format!("{name}-difference.png")),
                &diff,
                WIDTH,
                HEIGHT,
            );
            failures.push(format!(
                "{name}: mean {mean:.3} (≤ {MEAN_TOLERANCE}), p99 {p99} (≤ {P99_TOLERANCE}), \
                 masks {}",
                if ids_match { "equal" } else { "DIFFER" }
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden images differ (actual and difference PNGs in target/golden/):\n{}",
        failures.join("\n")
    );
}
