//! The street as a dataset: rendered images carry the variety the issue asks for, and the
//! semantic mask labels every pixel (stuff, things and sky).

mod common;

use common::{render_ok, temp_dir};
use std::collections::{BTreeMap, BTreeSet};

/// Renders `count` images of `scene` at 1280×720 and returns (coco.json, output dir).
fn render_scene(scene: &str, count: u32) -> (serde_json::Value, std::path::PathBuf) {
    let out = temp_dir(&format!("street-render-{scene}"));
    let count = count.to_string();
    render_ok(&[
        "--scene",
        scene,
        "--count",
        &count,
        "--quiet",
        "--force",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read(out.join("annotations/coco.json")).unwrap();
    (serde_json::from_slice(&text).unwrap(), out)
}

/// Per image id: the category ids of its annotations.
fn categories_per_image(coco: &serde_json::Value) -> BTreeMap<u64, Vec<u64>> {
    let mut per: BTreeMap<u64, Vec<u64>> = coco["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_u64().unwrap(), Vec::new()))
        .collect();
    for a in coco["annotations"].as_array().unwrap() {
        let image = a["image_id"].as_u64().unwrap();
        per.get_mut(&image)
            .unwrap()
            .push(a["category_id"].as_u64().unwrap());
    }
    per
}

#[test]
fn street_images_have_variety_and_crowds() {
    let (coco, _) = render_scene("street", 24);
    let per = categories_per_image(&coco);
    let n = per.len() as f64;
    let distinct: BTreeSet<u64> = per.values().flatten().copied().collect();
    let mean = per.values().map(Vec::len).sum::<usize>() as f64 / n;
    let with = |id: u64| per.values().filter(|c| c.contains(&id)).count() as f64 / n;
    assert!(distinct.len() >= 8, "thing categories seen: {distinct:?}");
    assert!(mean >= 20.0, "mean annotated instances per image {mean}");
    assert!(with(3) >= 0.8, "images with a car: {}", with(3));
    assert!(with(1) >= 0.8, "images with a person: {}", with(1));
}

#[test]
fn semantic_mask_labels_every_pixel_with_a_catalogue_category() {
    let (coco, out) = render_scene("crowded_crossing", 3);
    let catalogue: BTreeSet<u8> = [1, 2, 3, 4, 6, 8, 10, 13, 91, 92, 93, 94]
        .into_iter()
        .chain(100..=106)
        .collect();
    let things: BTreeSet<u64> = coco["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_u64().unwrap())
        .collect();
    for index in 0..3 {
        let path = out.join(format!("masks/semantic/{index:06}.png"));
        let mask = image::open(&path).unwrap().into_luma8();
        let values: BTreeSet<u8> = mask.pixels().map(|p| p.0[0]).collect();
        assert!(
            !values.contains(&0),
            "{}: unlabelled pixels",
            path.display()
        );
        assert!(
            values.is_subset(&catalogue),
            "{}: {values:?}",
            path.display()
        );
        for stuff in [100, 101, 102, 106] {
            assert!(values.contains(&stuff), "{}: no {stuff}", path.display());
        }
        // Stuff is never a COCO category.
        assert!(things.iter().all(|&id| id < 100), "{things:?}");
    }
}
