//! Golden-image comparison shared by the golden tests: RGB with a tolerance (mean error
//! and a high percentile, so other drivers' rounding passes but a changed feature does
//! not), packed id masks exactly. On failure the actual image and a difference image are
//! written under target/golden/; `SDGEN_BLESS=1` rewrites the goldens instead.

use sdgen::frame::FrameImages;
use std::path::{Path, PathBuf};

/// Mean absolute error per channel (0..255) allowed.
pub const MEAN_TOLERANCE: f64 = 2.0;
/// The 99th percentile of per-channel errors allowed.
pub const P99_TOLERANCE: u8 = 40;

fn golden_dir() -> PathBuf {
    super::repo().join("tests/golden")
}

pub fn write_png(path: &Path, rgba: &[u8], width: u32, height: u32) {
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("png header");
    writer.write_image_data(rgba).expect("png data");
}

pub fn read_png(path: &Path) -> Vec<u8> {
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

/// Compares `images` with the golden `name` (tests/golden/NAME.png and NAME_ids.png), or
/// rewrites them under `SDGEN_BLESS`. Returns a description of the failure, if any.
pub fn check(name: &str, images: &FrameImages) -> Result<(), String> {
    let (width, height) = (images.width, images.height);
    let (rgb_path, ids_path) = (
        golden_dir().join(format!("{name}.png")),
        golden_dir().join(format!("{name}_ids.png")),
    );
    if std::env::var_os("SDGEN_BLESS").is_some() {
        write_png(&rgb_path, &images.rgba, width, height);
        write_png(&ids_path, &ids_bytes(images), width, height);
        return Ok(());
    }
    let (mean, p99, diff) = compare(&images.rgba, &read_png(&rgb_path));
    println!("{name}: mean error {mean:.3}, p99 {p99}");
    let ids_match = ids_bytes(images) == read_png(&ids_path);
    if mean <= MEAN_TOLERANCE && p99 <= P99_TOLERANCE && ids_match {
        return Ok(());
    }
    let out = super::repo().join("target/golden");
    std::fs::create_dir_all(&out).expect("target/golden");
    write_png(
        &out.join(format!("{name}-actual.png")),
        &images.rgba,
        width,
        height,
    );
    write_png(
        &out.join(format!("{name}-difference.png")),
        &diff,
        width,
        height,
    );
    Err(format!(
        "{name}: mean {mean:.3} (≤ {MEAN_TOLERANCE}), p99 {p99} (≤ {P99_TOLERANCE}), masks {}",
        if ids_match { "equal" } else { "DIFFER" }
    ))
}
