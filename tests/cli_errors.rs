//! Bad input gets one clear message and a non-zero exit, never a panic.

mod common;

use common::{render, render_ok, temp_dir};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `render` expecting failure. A render without `--out` gets a fresh temporary one, so
/// a run that fails part-way never leaves a dataset in the repository's `out/`.
fn stderr_of(args: &[&str]) -> String {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let mut args: Vec<&str> = args.to_vec();
    let out_dir;
    if args.contains(&"--scene") && !args.contains(&"--out") {
        let run = RUNS.fetch_add(1, Ordering::Relaxed);
        out_dir = temp_dir(&format!("cli-errors-out-{run}"));
        args.extend(["--out", out_dir.to_str().unwrap()]);
    }
    let args = args.as_slice();
    let out = render(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "render {args:?} should fail; stderr:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "render {args:?} panicked:\n{stderr}"
    );
    stderr
}

/// Writes a copy of the built-in street scene with `edit` applied, next to copies of its assets.
fn scene_with(dir: &Path, edit: impl Fn(String) -> String) -> String {
    let repo = common::repo();
    std::fs::create_dir_all(dir.join("scenes")).unwrap();
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    for entry in std::fs::read_dir(repo.join("assets")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("assets").join(path.file_name().unwrap())).unwrap();
    }
    let text = std::fs::read_to_string(repo.join("scenes/street.ron")).unwrap();
    let path = dir.join("scenes/street.ron");
    std::fs::write(&path, edit(text)).unwrap();
    path.to_str().unwrap().to_owned()
}

/// 1-based line of the first line of the built-in street scene containing `needle`.
fn line_of(needle: &str) -> usize {
    let text = std::fs::read_to_string(common::repo().join("scenes/street.ron")).unwrap();
    1 + text
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle in street.ron")
}

#[test]
fn malformed_ron_names_line_and_column() {
    let dir = temp_dir("bad-syntax");
    let scene = scene_with(&dir, |t| {
        t.replace("sensor_height_mm: 3.4),", "sensor_height_mm: 3.4,,")
    });
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    let line = line_of("sensor_height_mm");
    assert!(err.contains(&format!("street.ron:{line}:")), "{err}");
    assert!(err.contains("camera.lens"), "{err}");
}

#[test]
fn unknown_field_is_named() {
    let dir = temp_dir("unknown-field");
    let scene = scene_with(&dir, |t| {
        t.replace("height_m: Normal(", "hieght: 2.0, height_m: Normal(")
    });
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    assert!(err.contains("hieght") && err.contains("camera"), "{err}");
    assert!(
        err.contains(&format!("street.ron:{}:", line_of("height_m"))),
        "{err}"
    );
}

#[test]
fn reversed_range_is_an_error_at_its_position() {
    let dir = temp_dir("bad-range");
    let scene = scene_with(&dir, |t| {
        t.replace(
            "road_heading_deg: (0.0, 360.0)",
            "road_heading_deg: (360.0, 0.0)",
        )
    });
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    assert!(
        err.contains("lighting.sun") && err.contains("min 360 > max 0"),
        "{err}"
    );
    assert!(
        err.contains(&format!("street.ron:{}:", line_of("road_heading_deg"))),
        "{err}"
    );
}

#[test]
fn bad_distributions_are_refused_at_their_position() {
    for (from, to, field, message) in [
        (
            "sd: 0.08, clamp: (1.2, 1.6)",
            "sd: -0.08, clamp: (1.2, 1.6)",
            "camera.height_m",
            "negative standard deviation",
        ),
        (
            "wetness: Choice([(0.0, 0.85), (0.3, 0.15)])",
            "wetness: Choice([])",
            "weather.wetness",
            "at least one",
        ),
        (
            "wetness: Choice([(0.0, 0.85), (0.3, 0.15)])",
            "wetness: Choice([(0.0, 0.85), (0.3, 0.0)])",
            "weather.wetness",
            "weights must be above 0",
        ),
        (
            "sd: 0.08, clamp: (1.2, 1.6)",
            "sd: 0.08, clamp: (1.6, 1.2)",
            "camera.height_m",
            "min 1.6 > max 1.2",
        ),
        (
            "height_m: Normal(mean: 1.4, sd: 0.08, clamp: (1.2, 1.6))",
            "height_m: Normal(mean: 1.4, sd: 0.08)",
            "camera.height_m",
            "add a clamp",
        ),
    ] {
        let dir = temp_dir("bad-dist");
        let scene = scene_with(&dir, |t| {
            assert!(t.contains(from), "{from}");
            t.replace(from, to)
        });
        let err = stderr_of(&["--scene", &scene, "--count", "1"]);
        let line = line_of(from.split(':').next().unwrap());
        assert!(err.contains(field) && err.contains(message), "{err}");
        assert!(err.contains(&format!("street.ron:{line}:")), "{err}");
    }
}

#[test]
fn bad_conditions_are_refused_at_their_position() {
    for (from, to, needle, message) in [
        (
            "(name: \"fog\", weight: 0.05,",
            "(name: \"fog\", weight: -1.0,",
            "name: \"fog\"",
            "weights must be above 0",
        ),
        (
            "objects: {\"sidewalk_people\": (count: (2, 8))",
            "objects: {\"pedestrians\": (count: (2, 8))",
            "\"pedestrians\"",
            "no object group named \"pedestrians\"",
        ),
        (
            "(name: \"fog\", weight: 0.05,",
            "(name: \"rain\", weight: 0.05,",
            "(name: \"rain\"",
            "defined twice",
        ),
    ] {
        let dir = temp_dir("bad-condition");
        let scene = scene_with(&dir, |t| {
            assert!(t.contains(from), "{from}");
            t.replace(from, to)
        });
        let err = stderr_of(&["--scene", &scene, "--count", "1"]);
        let text = std::fs::read_to_string(&scene).unwrap();
        let line = 1 + text.lines().position(|l| l.contains(needle)).unwrap();
        assert!(
            err.contains("conditions[") && err.contains(message),
            "{err}"
        );
        assert!(err.contains(&format!("street.ron:{line}:")), "{err}");
    }
}

#[test]
fn missing_asset_file_is_named() {
    let dir = temp_dir("missing-asset");
    let scene = scene_with(&dir, |t| t);
    std::fs::remove_file(dir.join("assets/car_sedan.glb")).unwrap();
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    assert!(
        err.contains("car_sedan.glb") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn unknown_asset_name_is_named() {
    let dir = temp_dir("unknown-asset");
    let scene = scene_with(&dir, |t| {
        t.replace(
            "assets: [\"traffic_light\"], zone: Corners",
            "assets: [\"tram\"], zone: Corners",
        )
    });
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    assert!(
        err.contains("tram") && err.contains("objects[0].assets[0]"),
        "{err}"
    );
    let line = line_of("assets: [\"traffic_light\"], zone: Corners");
    assert!(err.contains(&format!("street.ron:{line}:")), "{err}");
}

#[test]
fn broken_gltf_is_named() {
    let dir = temp_dir("broken-gltf");
    let scene = scene_with(&dir, |t| t);
    std::fs::write(
        dir.join("assets/car_sedan.glb"),
        b"glTF\x02\x00\x00\x00garbage",
    )
    .unwrap();
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    assert!(err.contains("car_sedan.glb"), "{err}");
}

#[test]
fn unknown_zone_is_named() {
    let dir = temp_dir("unknown-zone");
    let scene = scene_with(&dir, |t| t.replace("zone: Parking", "zone: Parkin"));
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    assert!(
        err.contains("Parkin") && err.contains("objects[3].zone"),
        "{err}"
    );
    assert!(
        err.contains(&format!("street.ron:{}:", line_of("zone: Parking"))),
        "{err}"
    );
}

#[test]
fn impossible_placement_fails_with_a_clear_message() {
    let dir = temp_dir("crowded");
    // Far more parked cars than the kerbs can hold.
    let scene = scene_with(&dir, |t| {
        assert!(t.contains("zone: Parking, count: (3, 7)"));
        t.replace(
            "zone: Parking, count: (3, 7)",
            "zone: Parking, count: (400, 400)",
        )
    });
    let err = stderr_of(&[
        "--scene", &scene, "--count", "1", "--width", "64", "--height", "36",
    ]);
    assert!(
        err.contains("objects[3]") && err.contains("no free spot") && err.contains("200 tries"),
        "{err}"
    );
}

#[test]
fn catalogue_attachment_must_exist() {
    let dir = temp_dir("bad-attach");
    let scene = scene_with(&dir, |t| t);
    let catalog = dir.join("assets/catalog.ron");
    let text = std::fs::read_to_string(&catalog).unwrap();
    std::fs::write(
        &catalog,
        text.replace("attach: [\"sign_pole\"]", "attach: [\"signpost\"]"),
    )
    .unwrap();
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    assert!(
        err.contains("catalog.ron:") && err.contains("signpost"),
        "{err}"
    );
    assert!(err.contains(".attach"), "{err}");
}

#[test]
fn street_ranges_that_cannot_be_laid_out_are_refused_at_their_position() {
    // A lamp spacing of 0 (the layout steps by it) and a negative building gap.
    for (edit, field, message) in [
        (
            "populate_z_m: (4.0, 70.0),\n        lamp_spacing_m: 0.0,",
            "street.lamp_spacing_m",
            "must be above 0",
        ),
        (
            "populate_z_m: (4.0, 70.0),\n        building_gap_m: (-3.0, 1.0),",
            "street.building_gap_m",
            "must be 0 or more",
        ),
    ] {
        let dir = temp_dir("bad-street-range");
        let scene = scene_with(&dir, |t| t.replace("populate_z_m: (4.0, 70.0),", edit));
        let err = stderr_of(&["--scene", &scene, "--count", "1"]);
        let line = line_of("populate_z_m") + 1;
        assert!(err.contains(field) && err.contains(message), "{err}");
        assert!(err.contains(&format!("street.ron:{line}:")), "{err}");
    }
}

#[test]
fn bad_layout_probability_points_at_the_layout() {
    let dir = temp_dir("bad-mixed");
    let scene = scene_with(&dir, |t| t.replace("Mixed(0.7)", "Mixed(1.5)"));
    let err = stderr_of(&["--scene", &scene, "--count", "1"]);
    assert!(
        err.contains("street.layout") && err.contains("Mixed(1.5)"),
        "{err}"
    );
    let line = line_of("layout: Mixed");
    assert!(err.contains(&format!("street.ron:{line}:")), "{err}");
}

#[test]
fn count_zero_is_refused() {
    let err = stderr_of(&["--scene", "street", "--count", "0"]);
    assert!(err.contains("--count must be at least 1"), "{err}");
}

#[test]
fn unknown_scene_lists_builtins() {
    let err = stderr_of(&["--scene", "no-such-scene", "--count", "1"]);
    assert!(
        err.contains("no-such-scene") && err.contains("street"),
        "{err}"
    );
}

#[test]
fn unwritable_output_is_reported() {
    let dir = temp_dir("unwritable");
    let file = dir.join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let out = file.join("sub");
    let err = stderr_of(&[
        "--scene",
        "street",
        "--count",
        "1",
        "--width",
        "32",
        "--height",
        "32",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(err.contains("a-file"), "{err}");
}

#[test]
fn refuses_a_different_dataset_unless_forced() {
    let dir = temp_dir("conflict");
    let out = dir.join("out");
    let out = out.to_str().unwrap();
    let base = [
        "--scene", "street", "--count", "1", "--width", "32", "--height", "32", "--quiet", "--out",
        out,
    ];
    render_ok(&base);
    render_ok(&base); // same dataset: allowed
    let mut other_seed = base.to_vec();
    other_seed.extend_from_slice(&["--seed", "5"]);
    let err = stderr_of(&other_seed);
    assert!(err.contains("seed") && err.contains("--force"), "{err}");
    let mut other_size = base.to_vec();
    other_size[5] = "48";
    let err = stderr_of(&other_size);
    assert!(err.contains("resolution 32x32 vs 48x32"), "{err}");
    other_seed.push("--force");
    render_ok(&other_seed);
}

#[test]
fn refuses_a_directory_of_other_files() {
    let dir = temp_dir("junk");
    std::fs::write(dir.join("notes.txt"), b"mine").unwrap();
    let err = stderr_of(&[
        "--scene",
        "street",
        "--count",
        "1",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(err.contains("not an sdgen dataset"), "{err}");
}

#[test]
fn scenes_and_adapters_subcommands_work() {
    let out = render_ok(&["scenes"]);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l == "street")
    );
    let out = render_ok(&["adapters"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("would use:"));
}
