//! Aggregation of hand-made meta files and `coco.json`: exact counts, ranges, bins, choices,
//! colours, category names, and the errors for broken datasets.

use super::*;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("sdgen-stats-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("meta")).unwrap();
    dir
}

/// Writes `meta/NNNNNN.json` for each `(index, document)`.
fn write_meta(dir: &Path, files: &[(u64, Value)]) {
    for (index, doc) in files {
        let path = dir.join("meta").join(format!("{index:06}.json"));
        std::fs::write(path, doc.to_string()).unwrap();
    }
}

/// A meta document with these image samples and objects.
fn meta(condition: &str, samples: Value, objects: Value) -> Value {
    json!({"index": 0, "image_id": 1, "seed": 0, "scene": "street", "condition": condition,
           "width": 64, "height": 48, "samples": samples, "objects": objects})
}

/// A sample.
fn s(name: &str, value: Value, unit: &str) -> Value {
    json!({"name": name, "value": value, "unit": unit})
}

/// A car (category 3) with a scale, a paint colour and a roughness.
fn car(scale: f64, rgb: [f64; 3], roughness: f64) -> Value {
    json!({"instance_id": 1, "asset": "car", "variant": "sedan", "category_id": 3,
           "position_m": [0, 0, 10], "yaw_deg": 0.0, "scale": scale,
           "samples": [s("paint.colour", json!(rgb), "linear_rgb"),
                       s("paint.roughness", json!(roughness), "1")]})
}

/// Four images: heights 1, 1.5, 2, 1.5; layouts i, s, i, i; sky colours; three day, one
/// night; two cars, one tree (category 103, not in coco.json).
fn fixture(dir: &Path) {
    let tree = json!({"category_id": 103, "scale": 0.8, "samples": []});
    let image = |h: f64, layout: &str, sky: [f64; 3], cond: &str, objects: Value| {
        let samples = json!([
            s("camera.height", json!(h), "m"),
            s("street.layout", json!(layout), "choice"),
            s("lighting.sky_colour", json!(sky), "linear_rgb")
        ]);
        meta(cond, samples, objects)
    };
    write_meta(
        dir,
        &[
            (
                0,
                image(
                    1.0,
                    "intersection",
                    [0.2, 0.4, 0.8],
                    "day",
                    json!([car(1.0, [1.0, 0.0, 0.0], 0.25)]),
                ),
            ),
            (1, image(1.5, "straight", [0.4, 0.4, 0.4], "day", json!([]))),
            (
                2,
                image(2.0, "intersection", [0.0, 0.1, 0.3], "night", json!([tree])),
            ),
            (
                3,
                image(
                    1.5,
                    "intersection",
                    [0.2, 0.1, 0.1],
                    "day",
                    json!([car(1.1, [0.0, 0.0, 1.0], 0.75)]),
                ),
            ),
        ],
    );
}

/// Writes a `coco.json` naming person and car, with car annotations in images 1 and 4.
fn write_coco(dir: &Path) {
    std::fs::create_dir_all(dir.join("annotations")).unwrap();
    let ann = |id: u64, image: u64| json!({"id": id, "image_id": image, "category_id": 3, "bbox": [0, 0, 1, 1]});
    let coco = json!({"images": [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}],
        "annotations": [ann(1, 1), ann(2, 1), ann(3, 4)],
        "categories": [{"id": 1, "name": "person"}, {"id": 3, "name": "car"}]});
    std::fs::write(dir.join("annotations/coco.json"), coco.to_string()).unwrap();
}

/// The parameter of `scope` named `name`.
fn param<'a>(stats: &'a DatasetStats, scope: Scope, name: &str) -> &'a Values {
    let found = stats
        .params
        .iter()
        .find(|(k, _)| k.scope == scope && k.name == name);
    &found
        .unwrap_or_else(|| panic!("no parameter {name}"))
        .1
        .values
}

#[test]
fn numbers_are_counted_exactly_with_bins() {
    let dir = temp_dir("numbers");
    fixture(&dir);
    let stats = collect(&dir).unwrap();
    assert_eq!(stats.images, 4);
    assert_eq!(stats.index_range, Some((0, 3)));
    assert!(!stats.two_passes);
    let Values::Numbers(h) = param(&stats, Scope::Image, "camera.height") else {
        panic!()
    };
    assert_eq!(
        (h.count(), h.range(), h.distinct()),
        (4, Some((1.0, 2.0)), Distinct::Exact(3))
    );
    assert_eq!(h.percentile(50.0).map(|e| e.value), Some(1.5));
    let mut bins = vec![0; numbers::CHART_BINS];
    (bins[0], bins[10], bins[19]) = (1, 2, 1);
    assert_eq!(h.chart_bins(), bins);
}

#[test]
fn choices_conditions_and_colours() {
    let dir = temp_dir("choices");
    fixture(&dir);
    let stats = collect(&dir).unwrap();
    let Values::Choices(layout) = param(&stats, Scope::Image, "street.layout") else {
        panic!()
    };
    assert_eq!(layout.by_count(), [("intersection", 3), ("straight", 1)]);
    assert_eq!(stats.conditions.by_count(), [("day", 3), ("night", 1)]);
    assert_eq!(stats.scenes.by_count(), [("street", 4)]);
    let Values::Colours(sky) = param(&stats, Scope::Image, "lighting.sky_colour") else {
        panic!()
    };
    assert_eq!(sky.count(), 4);
    let mean = sky.mean().unwrap();
    assert!(
        (mean[0] - 0.2).abs() < 1e-12
            && (mean[1] - 0.25).abs() < 1e-12
            && (mean[2] - 0.4).abs() < 1e-12
    );
    assert_eq!(sky.range(), Some(([0.0, 0.1, 0.1], [0.4, 0.4, 0.8])));
    assert_eq!(sky.swatches().len(), 4);
}

#[test]
fn object_samples_are_kept_per_category() {
    let dir = temp_dir("objects");
    fixture(&dir);
    write_coco(&dir);
    let stats = collect(&dir).unwrap();
    let Values::Numbers(scale) = param(&stats, Scope::Object(3), "scale") else {
        panic!()
    };
    assert_eq!((scale.count(), scale.range()), (2, Some((1.0, 1.1))));
    let Values::Colours(paint) = param(&stats, Scope::Object(3), "paint.colour") else {
        panic!()
    };
    assert_eq!(paint.mean(), Some([0.5, 0.0, 0.5]));
    let Values::Numbers(tree) = param(&stats, Scope::Object(103), "scale") else {
        panic!()
    };
    assert_eq!(tree.count(), 1);
    assert_eq!(stats.placed, BTreeMap::from([(3, 2), (103, 1)]));
    let names: Vec<String> = stats.params.keys().map(|k| stats.param_name(k)).collect();
    assert!(
        names.contains(&"car.paint.roughness".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"category_103.scale".to_owned()),
        "{names:?}"
    );
    let classes = stats.classes.as_ref().unwrap();
    assert_eq!((classes.images, classes.annotations), (4, 3));
    assert_eq!(classes.classes[&3].instances, 3);
    assert_eq!(classes.classes[&3].images, 2);
    assert!(!classes.classes.contains_key(&1));
}

#[test]
fn kinds_and_units_are_told_apart() {
    let dir = temp_dir("kinds");
    let doc = |v: Value, unit: &str| {
        meta(
            "default",
            json!([s("x", v, unit), s("lanes", json!(2), "choice")]),
            json!([]),
        )
    };
    // Index 10 is written first; the unit of the first index (0) still wins.
    write_meta(
        &dir,
        &[
            (10, doc(json!(3.0), "cm")),
            (0, doc(json!(1.0), "m")),
            (5, doc(json!("a"), "choice")),
        ],
    );
    std::fs::write(dir.join("meta/000001.json.tmp-1-0"), "{").unwrap();
    let stats = collect(&dir).unwrap();
    assert_eq!((stats.images, stats.skipped_files), (3, 1));
    let x: Vec<(&ParamKey, &Param)> = stats.params.iter().filter(|(k, _)| k.name == "x").collect();
    assert_eq!(x.len(), 2, "a number and a choice named x");
    assert_eq!(
        (x[0].0.kind, x[0].1.unit.as_str(), x[0].1.mixed_units),
        (Kind::Number, "m", true)
    );
    let Values::Choices(lanes) = param(&stats, Scope::Image, "lanes") else {
        panic!()
    };
    assert_eq!(lanes.by_count(), [("2", 3)]);
}

#[test]
fn many_distinct_values_take_a_second_pass() {
    let dir = temp_dir("two-pass");
    let files: Vec<(u64, Value)> = (0..1100)
        .map(|i| {
            (
                i,
                meta(
                    "default",
                    json!([s("v", json!(i as f64 / 1099.0), "1")]),
                    json!([]),
                ),
            )
        })
        .collect();
    write_meta(&dir, &files);
    let stats = collect(&dir).unwrap();
    assert!(stats.two_passes);
    let Values::Numbers(v) = param(&stats, Scope::Image, "v") else {
        panic!()
    };
    assert_eq!(v.distinct(), Distinct::MoreThan(1000));
    assert_eq!(v.fine_bins().iter().sum::<u64>(), 1100);
    assert_eq!(v.chart_bins().iter().sum::<u64>(), 1100);
    let median = v.percentile(50.0).unwrap();
    assert!(
        !median.exact && (median.value - 0.5).abs() < 0.002,
        "{median:?}"
    );
}

#[test]
fn report_and_chart_of_the_fixture() {
    let dir = temp_dir("report");
    fixture(&dir);
    write_coco(&dir);
    let stats = collect(&dir).unwrap();
    let text = report(&stats);
    let want = [
        "  day            3     75.0%",
        "  camera.height   m         4         3    1   1     1.5    2    2",
        "  street.layout  choice      4  intersection  3  75.0%",
        "                                straight      1  25.0%",
        "  car.scale            1         2         2     1     1       1   1.1   1.1",
        "  car             3          3       2        50.0%       2",
        "  category_103  103          -       -            -       1",
    ];
    for line in want {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in\n{text}"
        );
    }
    let out = dir.join("chart.png");
    let summary = write_chart(&stats, &out).unwrap();
    // conditions, 2 class panels, 3 image parameters, car: colour, roughness, scale; tree scale.
    assert_eq!((summary.panels, summary.omitted), (10, 0));
    let png = image::open(&out).unwrap();
    assert_eq!((png.width(), png.height()), (4 * 480, 3 * 270));
}

#[test]
fn without_coco_json_classes_show_placed_objects_only() {
    let dir = temp_dir("no-coco");
    fixture(&dir);
    let stats = collect(&dir).unwrap();
    assert!(stats.classes.is_none());
    assert_eq!(
        stats.param_name(stats.params.keys().last().unwrap()),
        "category_103.scale"
    );
    let text = report(&stats);
    assert!(text.contains("coco.json  missing"), "{text}");
    let car = "  category_3      3          -       -            -       2";
    assert!(text.lines().any(|l| l == car), "{text}");
}

#[test]
fn broken_datasets_name_the_file() {
    let missing = temp_dir("missing").join("nope");
    let err = collect(&missing).unwrap_err().to_string();
    assert!(
        err.contains("nope") && err.contains("no such directory"),
        "{err}"
    );
    let no_meta = temp_dir("no-meta");
    std::fs::remove_dir(no_meta.join("meta")).unwrap();
    let err = collect(&no_meta).unwrap_err().to_string();
    assert!(
        err.contains("meta") && err.contains("no such directory"),
        "{err}"
    );
    let empty = temp_dir("empty");
    let err = collect(&empty).unwrap_err().to_string();
    assert!(err.contains("no meta file"), "{err}");
    let broken = temp_dir("broken");
    fixture(&broken);
    std::fs::write(
        broken.join("meta/000002.json"),
        "{\"samples\": [\n  {\"name\": 1}]}",
    )
    .unwrap();
    let err = collect(&broken).unwrap_err().to_string();
    assert!(
        err.contains("meta/000002.json") && err.contains("line 2 column"),
        "{err}"
    );
}
