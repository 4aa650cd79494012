//! `render stats` on a small dataset written here without the GPU (meta files with numbers,
//! choices and colours, and a coco.json): the report's lines, the chart's size and place, and
//! clear errors for broken datasets.

mod common;

use common::{render, render_ok, temp_dir};
use serde_json::{Value, json};
use std::path::Path;

/// Panel size of the chart (`stats::panel`).
const PANEL: (u32, u32) = (480, 270);

/// A sample.
fn sample(name: &str, value: Value, unit: &str) -> Value {
    json!({"name": name, "value": value, "unit": unit})
}

/// Writes six images' meta files and a coco.json into `dir`: heights 1.2..=1.7 m, layouts
/// 4 × straight and 2 × intersection, a sky colour, conditions day/night 4:2, and one car with
/// a paint colour and a body choice in every image.
fn write_dataset(dir: &Path) {
    std::fs::create_dir_all(dir.join("meta")).unwrap();
    std::fs::create_dir_all(dir.join("annotations")).unwrap();
    let (mut images, mut annotations) = (vec![], vec![]);
    for i in 0..6_u32 {
        let layout = if i % 3 == 0 {
            "intersection"
        } else {
            "straight"
        };
        let car = json!({"instance_id": 1, "asset": "car", "variant": "sedan", "category_id": 3,
            "position_m": [1, 0, 20], "yaw_deg": 12.0, "scale": 1.0 + f64::from(i) / 100.0,
            "samples": [sample("paint.colour", json!([0.1, 0.2, f64::from(i) / 5.0]), "linear_rgb"),
                        sample("body", json!(if i < 3 { "sedan" } else { "suv" }), "choice")]});
        let meta = json!({"index": i, "image_id": i + 1, "seed": 0, "scene": "street",
            "condition": if i < 4 { "day" } else { "night" }, "width": 64, "height": 48,
            "samples": [sample("camera.height", json!(1.2 + f64::from(i) / 10.0), "m"),
                        sample("street.layout", json!(layout), "choice"),
                        sample("lighting.sky_colour", json!([0.4, 0.6, 0.9]), "linear_rgb")],
            "objects": [car]});
        let path = dir.join("meta").join(format!("{i:06}.json"));
        std::fs::write(path, serde_json::to_string_pretty(&meta).unwrap()).unwrap();
        images.push(
            json!({"id": i + 1, "file_name": format!("{i:06}.png"), "width": 64, "height": 48}),
        );
        for category in [3, if i < 2 { 1 } else { 3 }] {
            annotations.push(json!({"id": annotations.len() + 1, "image_id": i + 1,
                "category_id": category, "bbox": [0, 0, 4, 4], "area": 16, "iscrowd": 0}));
        }
    }
    let coco = json!({"info": {}, "images": images, "annotations": annotations, "categories": [
        {"id": 1, "name": "person", "supercategory": "human"},
        {"id": 3, "name": "car", "supercategory": "vehicle"},
        {"id": 4, "name": "motorcycle", "supercategory": "vehicle"}]});
    std::fs::write(dir.join("annotations/coco.json"), coco.to_string()).unwrap();
}

/// A fresh dataset in a directory named after `name`.
fn dataset(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(&format!("stats-{name}"));
    write_dataset(&dir);
    dir
}

/// Runs `render args...`, expects failure without a panic and returns stderr.
fn failure(args: &[&str]) -> String {
    let out = render(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    stderr
}

/// Asserts that `report` has a line equal to `line` once its runs of spaces are collapsed.
fn assert_line(report: &str, line: &str) {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        report.lines().any(|l| squash(l) == line),
        "no line {line:?} in\n{report}"
    );
}

#[test]
fn report_lists_conditions_parameters_choices_colours_and_classes() {
    let dir = dataset("report");
    let out = render_ok(&["stats", dir.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert_line(&report, "images 6 meta files, index 0..5");
    assert_line(&report, "day 4 66.7%");
    assert_line(&report, "night 2 33.3%");
    assert_line(&report, "camera.height m 6 6 1.2 1.2 1.4 1.7 1.7");
    assert_line(&report, "street.layout choice 6 straight 4 66.7%");
    assert_line(&report, "intersection 2 33.3%");
    assert_line(
        &report,
        "lighting.sky_colour linear_rgb 6 0.400 0.600 0.900 0.400 0.600 0.900 0.400 0.600 0.900",
    );
    assert_line(&report, "car.scale 1 6 6 1 1 1.02 1.05 1.05");
    assert_line(&report, "car.body choice 6 sedan 3 50.0%");
    assert_line(
        &report,
        "car.paint.colour linear_rgb 6 0.100 0.200 0.500 0.100 0.200 0.000 0.100 0.200 1.000",
    );
    assert_line(&report, "person 1 2 2 33.3% 0");
    assert_line(&report, "car 3 10 6 100.0% 6");
    assert_line(&report, "motorcycle 4 0 0 0.0% 0");
}

#[test]
fn chart_is_written_to_preview_with_one_panel_per_item() {
    let dir = dataset("chart");
    let out = render_ok(&["stats", dir.to_str().unwrap()]);
    let chart = dir.join("preview/coverage.png");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains(&format!("chart: {}", chart.display())),
        "{report}"
    );
    // conditions, 2 class panels; height, layout, sky; car body, paint colour, scale: 9 panels.
    let img = image::open(&chart).expect("the chart is a PNG");
    assert_eq!((img.width(), img.height()), (4 * PANEL.0, 3 * PANEL.1));
    let elsewhere = dir.join("other/place.png");
    render_ok(&[
        "stats",
        dir.to_str().unwrap(),
        "--chart",
        elsewhere.to_str().unwrap(),
    ]);
    assert!(elsewhere.is_file());
}

#[test]
fn missing_dataset_or_meta_is_named() {
    let dir = temp_dir("stats-missing").join("no-such-dataset");
    let stderr = failure(&["stats", dir.to_str().unwrap()]);
    assert!(
        stderr.contains("no-such-dataset") && stderr.contains("no such directory"),
        "{stderr}"
    );
    let dir = dataset("nometa");
    std::fs::remove_dir_all(dir.join("meta")).unwrap();
    let stderr = failure(&["stats", dir.to_str().unwrap()]);
    assert!(
        stderr.contains("nometa/meta") && stderr.contains("no such directory"),
        "{stderr}"
    );
}

#[test]
fn malformed_meta_file_gives_file_line_and_column() {
    let dir = dataset("broken");
    let meta = dir.join("meta/000004.json");
    std::fs::write(
        &meta,
        "{\"samples\": [\n  {\"name\": \"a\", \"value\": true, \"unit\": \"m\"}]}",
    )
    .unwrap();
    let stderr = failure(&["stats", dir.to_str().unwrap()]);
    assert!(stderr.contains("meta/000004.json"), "{stderr}");
    assert!(stderr.contains("line 2 column"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one message: {stderr}");
    assert!(!dir.join("preview/coverage.png").exists());
}
