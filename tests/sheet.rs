//! `render sheet` on a tiny dataset written here without the GPU: sheet size, outlines and boxes
//! in the category colour at the scaled positions, labels, and clear errors for broken datasets.

mod common;

use common::{render, render_ok, temp_dir};
use image::{ImageBuffer, Luma, Rgb, RgbImage};
use sdgen::output::sheet::category_colour;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Size of the synthetic images.
const W: u32 = 160;
/// Height of the synthetic images.
const H: u32 = 120;
/// Grey of the synthetic images, everywhere.
const GREY: [u8; 3] = [100, 100, 100];
/// Category ids of the two classes used.
const PERSON: u32 = 1;
/// Car's COCO id.
const CAR: u32 = 3;
/// Background of label strips (`draw::LABEL_BACKGROUND`).
const LABEL_BACKGROUND: [u8; 3] = [16, 16, 16];

/// One instance: id in the mask, category, inclusive rectangle `[x0, y0, x1, y1]`.
type Instance = (u16, u32, [u32; 4]);

/// The instances of image 0 and image 1.
fn instances() -> [Vec<Instance>; 2] {
    [
        vec![(1, PERSON, [40, 40, 99, 99]), (2, CAR, [120, 30, 149, 59])],
        vec![(1, CAR, [20, 50, 79, 109])],
    ]
}

/// Writes a 2-image dataset (grey RGB images, 16-bit masks of rectangles, coco.json) into `dir`.
fn write_dataset(dir: &Path) {
    for sub in ["images", "masks/instance", "annotations"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let (mut images, mut annotations) = (vec![], vec![]);
    for (index, objects) in instances().iter().enumerate() {
        let name = format!("{index:06}.png");
        RgbImage::from_pixel(W, H, Rgb(GREY))
            .save(dir.join("images").join(&name))
            .unwrap();
        let mut mask = ImageBuffer::<Luma<u16>, Vec<u16>>::new(W, H);
        for &(id, category, [x0, y0, x1, y1]) in objects {
            for (x, y, px) in mask.enumerate_pixels_mut() {
                if (x0..=x1).contains(&x) && (y0..=y1).contains(&y) {
                    *px = Luma([id]);
                }
            }
            annotations.push(json!({
                "id": annotations.len() + 1, "image_id": index + 1, "category_id": category,
                "instance_id": id, "bbox": [x0, y0, x1 + 1 - x0, y1 + 1 - y0],
                "area": (x1 + 1 - x0) * (y1 + 1 - y0), "iscrowd": 0,
            }));
        }
        mask.save(dir.join("masks/instance").join(&name)).unwrap();
        images.push(json!({"id": index + 1, "file_name": name, "width": W, "height": H}));
    }
    let coco = json!({
        "info": {}, "licenses": [], "images": images, "annotations": annotations,
        "categories": [
            {"id": PERSON, "name": "person", "supercategory": "person"},
            {"id": CAR, "name": "car", "supercategory": "vehicle"},
        ],
    });
    std::fs::write(dir.join("annotations/coco.json"), coco.to_string()).unwrap();
}

/// A fresh dataset in a directory named after `name`.
fn dataset(name: &str) -> PathBuf {
    let dir = temp_dir(&format!("sheet-{name}"));
    write_dataset(&dir);
    dir
}

/// Runs `render sheet DIR args...` (tiles 80 wide: half the image size) and decodes the sheet.
fn sheet(dir: &Path, args: &[&str]) -> RgbImage {
    let d = dir.to_str().unwrap();
    let mut all = vec!["sheet", d, "--tile-width", "80"];
    all.extend_from_slice(args);
    let out = render_ok(&all);
    let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    image::open(path)
        .expect("the printed path is a PNG")
        .to_rgb8()
}

/// Runs `render args...`, expects failure and returns stderr.
fn failure(args: &[&str]) -> String {
    let out = render(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    stderr
}

/// Asserts that the sheet pixel at `(x, y)` is `colour`.
fn assert_px(sheet: &RgbImage, x: u32, y: u32, colour: [u8; 3], what: &str) {
    assert_eq!(sheet.get_pixel(x, y).0, colour, "{what} at ({x}, {y})");
}

#[test]
fn sheet_has_columns_times_tile_width() {
    let dir = dataset("size");
    let img = sheet(&dir, &["--columns", "2"]);
    assert_eq!(img.dimensions(), (2 * 80, 60));
    assert!(dir.join("preview/sheet.png").is_file());
    let one_column = sheet(&dir, &["--columns", "1"]);
    assert_eq!(one_column.dimensions(), (80, 2 * 60));
}

#[test]
fn outlines_and_boxes_are_drawn_in_the_category_colour() {
    let img = sheet(&dataset("outline"), &["--columns", "2"]);
    let (person, car) = (category_colour(PERSON), category_colour(CAR));
    // Image 0, person: source rectangle 40..=99 is tile 20..=49.
    for (x, y) in [(20, 30), (20, 45), (49, 30), (35, 49), (30, 20), (49, 49)] {
        assert_px(&img, x, y, person, "person outline");
    }
    // Car: source 120..=149 x 30..=59 is tile 60..=74 x 15..=29.
    for (x, y) in [(60, 25), (74, 20), (65, 29), (74, 29)] {
        assert_px(&img, x, y, car, "car outline");
    }
    // Image 1 (second column, x + 80): source 20..=79 x 50..=109 is tile 10..=39 x 25..=54.
    for (x, y) in [(90, 40), (119, 40), (105, 54), (100, 25)] {
        assert_px(&img, x, y, car, "car outline in tile 2");
    }
}

#[test]
fn interiors_are_not_outlined() {
    let img = sheet(&dataset("interior"), &["--columns", "2"]);
    for (x, y) in [(21, 30), (35, 35), (48, 48), (67, 22), (105, 40), (91, 53)] {
        assert_px(&img, x, y, GREY, "interior");
    }
}

#[test]
fn names_sit_on_a_dark_strip_above_the_box() {
    let img = sheet(&dataset("names"), &["--columns", "2"]);
    // "person" at 1×: a 37×9 strip at (20, 11), just above the box's top edge at y = 20.
    assert_px(&img, 20, 11, LABEL_BACKGROUND, "label strip corner");
    assert_px(&img, 56, 19, LABEL_BACKGROUND, "label strip corner");
    let person = category_colour(PERSON);
    let text = (21..56).flat_map(|x| (12..19).map(move |y| (x, y)));
    let lit = text
        .filter(|&(x, y)| img.get_pixel(x, y).0 == person)
        .count();
    assert!(
        lit > 30,
        "the name is written in the category colour ({lit} pixels)"
    );
    // The stem "000000" in the top-left corner, on its strip.
    assert_px(&img, 0, 0, LABEL_BACKGROUND, "stem strip");
}

#[test]
fn start_count_and_out_choose_images_and_file() {
    let dir = dataset("start");
    let out = dir.join("elsewhere/one.png");
    let img = sheet(
        &dir,
        &[
            "--start",
            "1",
            "--count",
            "1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(out.is_file());
    assert_eq!(img.dimensions(), (80, 60));
    assert_px(&img, 10, 40, category_colour(CAR), "image 1's car");
}

#[test]
fn missing_dataset_directory_is_named() {
    let dir = temp_dir("sheet-missing").join("no-such-dataset");
    let stderr = failure(&["sheet", dir.to_str().unwrap()]);
    assert!(stderr.contains("no-such-dataset"), "{stderr}");
    assert!(stderr.contains("no such directory"), "{stderr}");
}

#[test]
fn missing_coco_json_is_named() {
    let dir = dataset("nococo");
    std::fs::remove_file(dir.join("annotations/coco.json")).unwrap();
    let stderr = failure(&["sheet", dir.to_str().unwrap()]);
    assert!(stderr.contains("annotations/coco.json"), "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[test]
fn broken_coco_json_gives_file_line_and_column() {
    let dir = dataset("broken");
    let coco = dir.join("annotations/coco.json");
    std::fs::write(&coco, "{\"images\": [\n  {\"id\": 1,, }\n]}").unwrap();
    let stderr = failure(&["sheet", dir.to_str().unwrap()]);
    assert!(stderr.contains("annotations/coco.json"), "{stderr}");
    assert!(stderr.contains("line 2 column 12"), "{stderr}");
}

#[test]
fn missing_image_is_named() {
    let dir = dataset("noimage");
    std::fs::remove_file(dir.join("images/000001.png")).unwrap();
    let stderr = failure(&["sheet", dir.to_str().unwrap()]);
    assert!(stderr.contains("images/000001.png"), "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[test]
fn mask_of_the_wrong_size_is_named() {
    let dir = dataset("masksize");
    let mask = dir.join("masks/instance/000000.png");
    ImageBuffer::<Luma<u16>, Vec<u16>>::new(10, 10)
        .save(&mask)
        .unwrap();
    let stderr = failure(&["sheet", dir.to_str().unwrap()]);
    assert!(stderr.contains("masks/instance/000000.png"), "{stderr}");
    assert!(
        stderr.contains("it is 10x10 but the image is 160x120"),
        "{stderr}"
    );
}
