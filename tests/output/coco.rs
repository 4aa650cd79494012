//! Tests of the streaming COCO writer: ids, order, valid JSON, no file without `finish`.

use std::fs;

use sdgen::output::atomic::write_atomic;
use sdgen::output::coco::{CocoAnnotation, CocoCategory, CocoImage, CocoInfo, CocoWriter};
use sdgen::output::layout::DatasetLayout;
use serde_json::Value;

use super::{TempDir, entries};

fn annotation(image_id: u64, instance_id: u16) -> CocoAnnotation {
    CocoAnnotation {
        image_id,
        category_id: 3,
        instance_id,
        area: 12,
        bbox: [1, 2, 3, 4],
        rle_height: 8,
        rle_width: 10,
        geometry: Default::default(),
        iscrowd: false,
        keypoints: None,
        polygons: None,
        rle_counts: "0\\\"Q`1".into(),
    }
}

#[test]
fn coco_writer_streams_valid_json() {
    let tmp = TempDir::new("coco");
    let path = tmp.path().join("coco.json");
    let categories = vec![
        CocoCategory {
            id: 91,
            name: "cone".into(),
            supercategory: "road \"stuff\"".into(),
            keypoints: Vec::new(),
            skeleton: Vec::new(),
        },
        CocoCategory {
            id: 3,
            name: "car".into(),
            supercategory: "vehicle".into(),
            keypoints: Vec::new(),
            skeleton: Vec::new(),
        },
    ];
    let info = CocoInfo::now("test dataset", "0.1.0");
    let mut w = CocoWriter::create(&path, info, categories).expect("create");
    let per_image = [2usize, 0, 3];
    for (i, n) in per_image.iter().enumerate() {
        let id = i as u64 + 1;
        let image = CocoImage {
            id,
            file_name: DatasetLayout::image_file_name(i as u64),
            width: 10,
            height: 8,
        };
        let anns: Vec<_> = (1..=*n as u16).map(|k| annotation(id, k)).collect();
        w.add_image(&image, &anns).expect("add image");
        assert!(!path.exists(), "coco.json must not exist before finish");
    }
    let summary = w.finish().expect("finish");
    assert_eq!((summary.images, summary.annotations), (3, 5));
    assert_eq!(
        entries(tmp.path()),
        ["coco.json"],
        "part and temp files removed"
    );

    let json: Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("valid JSON");
    let keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for k in ["info", "licenses", "images", "annotations", "categories"] {
        assert!(keys.contains(&k), "{k} missing");
    }
    assert_eq!(json["info"]["description"], "test dataset");
    let images = json["images"].as_array().expect("images");
    let ids: Vec<u64> = images
        .iter()
        .map(|i| i["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(images[2]["file_name"], "000002.png");
    let anns = json["annotations"].as_array().expect("annotations");
    let ann_ids: Vec<u64> = anns.iter().map(|a| a["id"].as_u64().expect("id")).collect();
    assert_eq!(ann_ids, [1, 2, 3, 4, 5]);
    let image_ids: Vec<u64> = anns
        .iter()
        .map(|a| a["image_id"].as_u64().expect("id"))
        .collect();
    assert_eq!(image_ids, [1, 1, 3, 3, 3]);
    let a = &anns[0];
    assert_eq!(a["iscrowd"], 0);
    assert_eq!(a["instance_id"], 1);
    assert_eq!(a["bbox"], serde_json::json!([1, 2, 3, 4]));
    assert_eq!(a["segmentation"]["size"], serde_json::json!([8, 10]));
    assert_eq!(a["segmentation"]["counts"], "0\\\"Q`1");
    let cat_ids: Vec<u64> = json["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| c["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(cat_ids, [3, 91]);
}

#[test]
fn coco_writer_with_no_images_is_valid() {
    let tmp = TempDir::new("coco-empty");
    let path = tmp.path().join("coco.json");
    let w = CocoWriter::create(&path, CocoInfo::default(), Vec::new()).expect("create");
    w.finish().expect("finish");
    let json: Value = serde_json::from_slice(&fs::read(&path).expect("read")).expect("JSON");
    assert_eq!(json["images"], serde_json::json!([]));
    assert_eq!(json["annotations"], serde_json::json!([]));
}

#[test]
fn coco_writer_rejects_out_of_order_images() {
    let tmp = TempDir::new("coco-order");
    let path = tmp.path().join("coco.json");
    let mut w = CocoWriter::create(&path, CocoInfo::default(), Vec::new()).expect("create");
    let image = |id| CocoImage {
        id,
        file_name: "x.png".into(),
        width: 10,
        height: 8,
    };
    w.add_image(&image(5), &[]).expect("first");
    assert!(w.add_image(&image(5), &[]).is_err());
    assert!(w.add_image(&image(6), &[annotation(7, 1)]).is_err());
}

#[test]
fn coco_writer_dropped_leaves_no_file() {
    let tmp = TempDir::new("coco-drop");
    let path = tmp.path().join("coco.json");
    {
        let mut w = CocoWriter::create(&path, CocoInfo::default(), Vec::new()).expect("create");
        let image = CocoImage {
            id: 1,
            file_name: "000000.png".into(),
            width: 10,
            height: 8,
        };
        w.add_image(&image, &[annotation(1, 1)]).expect("add");
    }
    assert!(entries(tmp.path()).is_empty(), "{:?}", entries(tmp.path()));
}

#[test]
fn coco_writer_create_errors_name_the_path() {
    let tmp = TempDir::new("coco-err");
    let path = tmp.path().join("no/such/dir/coco.json");
    let err = CocoWriter::create(&path, CocoInfo::default(), Vec::new()).expect_err("no parent");
    assert!(
        err.to_string()
            .contains(&tmp.path().join("no/such/dir").display().to_string()),
        "{err}"
    );

    // A parent that is a regular file fails for every user, root included.
    let file = tmp.path().join("a-file");
    fs::write(&file, b"x").expect("write");
    let err = CocoWriter::create(&file.join("coco.json"), CocoInfo::default(), Vec::new())
        .expect_err("parent is a file");
    assert!(err.to_string().contains("a-file"), "{err}");
    let err = write_atomic(&file.join("a.png"), b"x").expect_err("parent is a file");
    assert!(err.to_string().contains("a.png"), "{err}");
}

/// Loads a written coco.json with pycocotools' `COCO()` and decodes every mask.
///
/// Needs a Python with pycocotools: $SDGEN_PYTHON, else the repo's .venv (tools/setup.sh
/// makes it), else python3. It fails, never skips, when none has pycocotools.
#[test]
fn pycocotools_accepts_coco_json() {
    let venv = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let python = std::env::var("SDGEN_PYTHON").unwrap_or_else(|_| {
        if venv.is_file() {
            venv.display().to_string()
        } else {
            "python3".into()
        }
    });
    let tmp = TempDir::new("pycoco");
    let path = tmp.path().join("coco.json");
    let cats = vec![CocoCategory {
        id: 3,
        name: "car".into(),
        supercategory: "vehicle".into(),
        keypoints: Vec::new(),
        skeleton: Vec::new(),
    }];
    let mut w = CocoWriter::create(&path, CocoInfo::now("pycocotools check", "0.1.0"), cats)
        .expect("create");
    // Masks of 8x10 images, RLE from pycocotools.mask.encode.
    let rle = mask_annotation;
    for id in 1..=3u64 {
        let image = CocoImage {
            id,
            file_name: format!("{:06}.png", id - 1),
            width: 10,
            height: 8,
        };
        let anns = [
            rle(id, 1, ":35000^1", [1, 2, 3, 3]),
            rle(id, 2, "71P27", [0, 0, 10, 8]),
        ];
        w.add_image(&image, &anns).expect("add");
    }
    w.finish().expect("finish");
    let script = r#"
import sys
from pycocotools.coco import COCO
c = COCO(sys.argv[1])
assert sorted(c.getImgIds()) == [1, 2, 3], c.getImgIds()
anns = c.loadAnns(c.getAnnIds())
assert [a["id"] for a in anns] == [1, 2, 3, 4, 5, 6]
for a in anns:
    m = c.annToMask(a)
    assert m.shape == (8, 10) and int(m.sum()) == a["area"], (m.shape, m.sum(), a)
print("pycocotools ok")
"#;
    let out = std::process::Command::new(python)
        .args(["-c", script])
        .arg(&path)
        .current_dir(tmp.path())
        .output()
        .expect("run python");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && text.contains("pycocotools ok"),
        "{text}"
    );
}

/// An annotation of an 8x10 image with a 9-pixel mask.
fn mask_annotation(
    image_id: u64,
    instance_id: u16,
    counts: &str,
    bbox: [u32; 4],
) -> CocoAnnotation {
    CocoAnnotation {
        image_id,
        category_id: 3,
        instance_id,
        area: 9,
        bbox,
        rle_height: 8,
        rle_width: 10,
        geometry: Default::default(),
        iscrowd: false,
        keypoints: None,
        polygons: None,
        rle_counts: counts.into(),
    }
}
