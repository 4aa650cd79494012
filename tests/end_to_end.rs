//! End to end: run `render`, then check the dataset with pycocotools (tests/coco_check.py),
//! determinism across runs, and that `--start` reproduces a slice of a longer run.

mod common;

use common::{python, render_ok, repo, temp_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

const SIZE: [&str; 4] = ["--width", "160", "--height", "96"];

fn run_render(out: &Path, extra: &[&str]) {
    let out = out.to_str().expect("utf-8 path");
    let mut args = vec!["--scene", "street", "--quiet", "--out", out];
    args.extend_from_slice(&SIZE);
    args.extend_from_slice(extra);
    render_ok(&args);
}

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Annotations with their dataset-wide `id` removed, grouped per image id.
fn annotations_without_ids(out: &Path) -> Vec<serde_json::Value> {
    let coco: serde_json::Value =
        serde_json::from_slice(&read(out.join("annotations/coco.json"))).unwrap();
    coco["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let mut a = a.clone();
            a.as_object_mut().unwrap().remove("id");
            a
        })
        .collect()
}

fn per_image_files(out: &Path, index: u64) -> Vec<Vec<u8>> {
    let stem = format!("{index:06}");
    ["images", "masks/instance", "masks/semantic"]
        .iter()
        .map(|d| read(out.join(d).join(format!("{stem}.png"))))
        .chain(std::iter::once(read(out.join(format!("meta/{stem}.json")))))
        .collect()
}

#[test]
fn pycocotools_agrees_with_every_label() {
    let out = temp_dir("e2e-coco");
    run_render(&out, &["--count", "12"]);
    let status = Command::new(python())
        .arg(repo().join("tests/coco_check.py"))
        .arg(&out)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} (set SDGEN_PYTHON to a Python with pycocotools): {e}",
                python().display()
            )
        });
    assert!(
        status.status.success(),
        "coco_check failed (needs numpy, pillow and pycocotools; see .ci/run):\n{}\n{}",
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(
        stdout.contains("bbox AP = 1.000") && stdout.contains("segm AP = 1.000"),
        "{stdout}"
    );
}

#[test]
fn two_runs_are_byte_identical() {
    let (a, b) = (temp_dir("det-a"), temp_dir("det-b"));
    run_render(&a, &["--count", "6", "--seed", "42"]);
    run_render(&b, &["--count", "6", "--seed", "42"]);
    for index in 0..6 {
        assert!(
            per_image_files(&a, index) == per_image_files(&b, index),
            "image {index} differs"
        );
    }
    assert_eq!(annotations_without_ids(&a), annotations_without_ids(&b));
    let coco = |d: &Path| {
        let v: serde_json::Value =
            serde_json::from_slice(&read(d.join("annotations/coco.json"))).unwrap();
        (
            v["images"].clone(),
            v["annotations"].clone(),
            v["categories"].clone(),
        )
    };
    assert_eq!(coco(&a), coco(&b));
}

#[test]
fn start_reproduces_a_slice_of_a_longer_run() {
    let (full, slice) = (temp_dir("start-full"), temp_dir("start-slice"));
    run_render(&full, &["--count", "8"]);
    run_render(&slice, &["--start", "5", "--count", "3"]);
    for index in 5..8 {
        assert!(
            per_image_files(&full, index) == per_image_files(&slice, index),
            "image {index} differs"
        );
    }
    let full_anns: Vec<_> = annotations_without_ids(&full)
        .into_iter()
        .filter(|a| a["image_id"].as_u64().unwrap() >= 6)
        .collect();
    assert_eq!(full_anns, annotations_without_ids(&slice));
    assert!(!slice.join("images/000000.png").exists());
}

#[test]
fn images_are_never_near_copies() {
    let out = temp_dir("distinct");
    run_render(&out, &["--count", "10"]);
    let images: Vec<Vec<u8>> = (0..10)
        .map(|i| {
            image::load_from_memory(&read(out.join(format!("images/{i:06}.png"))))
                .unwrap()
                .to_rgb8()
                .into_raw()
        })
        .collect();
    for i in 0..images.len() {
        for j in i + 1..images.len() {
            let diff: u64 = images[i]
                .iter()
                .zip(&images[j])
                .map(|(a, b)| u64::from(a.abs_diff(*b)))
                .sum();
            let mean = diff as f64 / images[i].len() as f64;
            assert!(
                mean > 4.0,
                "images {i} and {j} are near-copies (mean abs diff {mean:.2})"
            );
        }
    }
}

#[test]
fn dataset_json_records_the_run() {
    let out = temp_dir("manifest");
    run_render(&out, &["--count", "2", "--seed", "9"]);
    let m: serde_json::Value = serde_json::from_slice(&read(out.join("dataset.json"))).unwrap();
    assert_eq!(m["scene_name"], "street");
    assert_eq!(m["seed"], 9);
    assert_eq!(m["count"], 2);
    assert_eq!(
        (m["width"].as_u64(), m["height"].as_u64()),
        (Some(160), Some(96))
    );
    assert_eq!(m["complete"], true);
    assert_eq!(m["scene_hash"].as_str().unwrap().len(), 64);
    let sheet = image::open(out.join("preview/contact_sheet.png")).expect("contact sheet");
    assert_eq!(
        sheet.width(),
        2 * 320,
        "one 320-px tile per image, two images"
    );
}
