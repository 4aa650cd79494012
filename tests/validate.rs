//! `render validate`: a freshly rendered dataset passes; each kind of damage is reported by
//! name, with a non-zero exit.

mod common;

use std::path::Path;

/// Renders a small street dataset into a fresh directory.
fn dataset(name: &str) -> std::path::PathBuf {
    common::small_street_dataset(name, 3, &[])
}

fn validate(out: &Path) -> (bool, String) {
    let result = common::render(&["validate", out.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&result.stdout).to_string()
        + &String::from_utf8_lossy(&result.stderr);
    (result.status.success(), text)
}

#[test]
fn a_rendered_dataset_is_valid() {
    let out = dataset("validate-ok");
    let (ok, text) = validate(&out);
    assert!(ok, "{text}");
    assert!(
        text.contains("3 images") && text.contains("0 problem(s): valid"),
        "{text}"
    );
}

#[test]
fn damage_is_listed_and_fails() {
    let out = dataset("validate-bad");
    std::fs::remove_file(out.join("meta/000002.json")).unwrap();
    let coco_path = out.join("annotations/coco.json");
    let mut coco: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&coco_path).unwrap()).unwrap();
    let annotations = coco["annotations"].as_array_mut().unwrap();
    assert!(annotations.len() >= 4, "too few annotations to damage");
    annotations[0]["bbox"][3] = serde_json::json!(0);
    let duplicate = annotations[2]["id"].clone();
    annotations[1]["id"] = duplicate.clone();
    annotations[3]["area"] = serde_json::json!(annotations[3]["area"].as_u64().unwrap() + 1);
    // Drop the last annotation: its instance is then in a mask but not annotated.
    let dropped = annotations.pop().unwrap();
    std::fs::write(&coco_path, serde_json::to_vec(&coco).unwrap()).unwrap();

    let (ok, text) = validate(&out);
    assert!(!ok, "damaged dataset passed:\n{text}");
    let expected = [
        "meta/000002.json: missing".to_string(),
        "has zero area".to_string(),
        format!("annotation id {duplicate} appears twice"),
        "area".to_string(),
        format!(
            "instance {} has no annotation in coco.json",
            dropped["instance_id"]
        ),
        // The zero-height box also differs from the mask's box: six in all.
        "6 problem(s)".to_string(),
    ];
    for needle in &expected {
        assert!(text.contains(needle.as_str()), "no {needle:?} in:\n{text}");
    }
}
