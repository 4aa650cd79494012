//! Geometry labels, KITTI lines and filters on real street images: every amodal box holds
//! its visible box, fractions lie in 0..=1, an object cut by the frame's edge is truncated
//! and one well inside is not; each KITTI line has 15 fields whose box equals the COCO
//! box; filters drop (or keep as crowd) exactly the instances they name, and bad filter
//! settings fail with a message naming the field.

mod common;

use serde_json::Value;
use std::path::Path;

const WIDTH: f64 = 160.0;
const HEIGHT: f64 = 96.0;

fn annotations(out: &Path) -> Vec<Value> {
    let coco: Value =
        serde_json::from_slice(&std::fs::read(out.join("annotations/coco.json")).unwrap()).unwrap();
    coco["annotations"].as_array().unwrap().clone()
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn geometry_labels_are_consistent_and_kitti_lines_match_coco() {
    let out = common::small_street_dataset("geometry", 4, &["--format", "kitti"]);
    let all = annotations(&out);
    assert!(all.len() > 20, "{} annotations", all.len());
    let (mut cut, mut inside) = (0, 0);
    for a in &all {
        let b = numbers(&a["bbox"]);
        let m = numbers(&a["amodal_bbox"]);
        assert!(
            m[0] <= b[0]
                && m[1] <= b[1]
                && m[0] + m[2] >= b[0] + b[2]
                && m[1] + m[3] >= b[1] + b[3],
            "{a}"
        );
        assert!(m[0] >= 0.0 && m[1] >= 0.0 && m[0] + m[2] <= WIDTH && m[1] + m[3] <= HEIGHT);
        let fraction = a["visible_fraction"].as_f64().unwrap();
        let truncation = a["truncation"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&fraction) && (0.0..=1.0).contains(&truncation));
        let occlusion = a["occlusion"].as_u64().unwrap();
        assert_eq!(
            occlusion,
            if fraction >= 0.95 {
                0
            } else if fraction >= 0.5 {
                1
            } else {
                2
            }
        );
        let box3d = &a["box3d"];
        assert!(box3d["distance"].as_f64().unwrap() > 0.0, "{a}");
        // Anything the camera sees is in front of it.
        assert!(numbers(&box3d["location"])[2] > -5.0, "{a}");
        let touches = m[0] == 0.0 || m[0] + m[2] == WIDTH;
        if touches && truncation > 0.0 {
            cut += 1;
        }
        if m[0] >= 5.0 && m[0] + m[2] <= WIDTH - 5.0 && m[1] >= 5.0 && m[1] + m[3] <= HEIGHT - 5.0 {
            assert_eq!(truncation, 0.0, "{a}");
            inside += 1;
        }
    }
    assert!(cut > 0 && inside > 0, "cut {cut}, inside {inside}");
    for image in 0..4u64 {
        for (line, a) in common::label_lines(&out, "kitti/label_2", image, &all) {
            let fields: Vec<&str> = line.split(' ').collect();
            assert_eq!(fields.len(), 15, "{line}");
            let [x, y, w, h] = numbers(&a["bbox"])[..] else {
                unreachable!()
            };
            let ltrb: Vec<f64> = fields[4..8].iter().map(|f| f.parse().unwrap()).collect();
            assert_eq!(ltrb, vec![x, y, x + w, y + h], "{line}");
            let truncated: f64 = fields[1].parse().unwrap();
            assert!((truncated - a["truncation"].as_f64().unwrap()).abs() <= 0.005);
            assert_eq!(fields[2], a["occlusion"].to_string());
        }
    }
}

#[test]
fn filters_drop_or_keep_as_crowd_what_they_name() {
    let args = ["--min-visible-pixels", "40", "--exclude", "traffic sign"];
    let dropped = common::small_street_dataset("filter_drop", 3, &args);
    let kept = annotations(&dropped);
    assert!(!kept.is_empty());
    for a in &kept {
        assert!(a["area"].as_u64().unwrap() >= 40, "{a}");
        assert_ne!(a["category_id"], 92);
        assert_eq!(a["iscrowd"], 0);
    }
    // Every instance left in the masks is annotated.
    common::render_ok(&["validate", dropped.to_str().unwrap()]);
    let mut args = args.to_vec();
    args.push("--keep-as-crowd");
    let crowd = annotations(&common::small_street_dataset("filter_crowd", 3, &args));
    let unfiltered = annotations(&common::small_street_dataset("filter_none", 3, &[]));
    assert_eq!(crowd.len(), unfiltered.len());
    for a in &crowd {
        let passes = a["area"].as_u64().unwrap() >= 40 && a["category_id"] != 92;
        assert_eq!(a["iscrowd"], u8::from(!passes), "{a}");
    }
    assert!(crowd.iter().any(|a| a["iscrowd"] == 1));
    let include = annotations(&common::small_street_dataset(
        "filter_include",
        2,
        &["--include", "car,person"],
    ));
    assert!(
        include
            .iter()
            .all(|a| [1, 3].contains(&a["category_id"].as_u64().unwrap()))
    );
}

#[test]
fn bad_filter_settings_name_what_is_wrong() {
    let dir = common::temp_dir("filter_bad");
    let out = dir.join("out");
    let run = common::render(&[
        "--scene",
        "street",
        "--count",
        "1",
        "--include",
        "carz",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("--include") && stderr.contains("\"carz\""),
        "{stderr}"
    );
    let run = common::render(&[
        "--scene",
        "street",
        "--count",
        "1",
        "--max-truncation",
        "1.5",
    ]);
    assert!(String::from_utf8_lossy(&run.stderr).contains("--max-truncation"));
    // In a scene file: file, line and field.
    let scene = std::fs::read_to_string(common::repo().join("scenes/street.ron")).unwrap();
    let catalog = common::repo().join("assets/catalog.ron");
    let bad = scene
        .replacen(
            "\"../assets/catalog.ron\",",
            &format!("{:?},", catalog.to_str().unwrap()),
            1,
        )
        .replacen(
            "    name: \"street\",",
            "    name: \"street\",\n    filters: (min_visible_fraction: 0.2, exclude: [\"bus\", \"tram\"]),",
            1,
        );
    assert_ne!(bad, scene);
    let path = dir.join("street.ron");
    std::fs::write(&path, bad).unwrap();
    let run = common::render(&["--scene", path.to_str().unwrap(), "--count", "1"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(
        stderr.contains("street.ron:10:") && stderr.contains("filters.exclude[1]"),
        "{stderr}"
    );
}
