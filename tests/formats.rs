//! `--format yolo,cityscapes,depth,depth-float`: YOLO labels reproduce the COCO boxes once
//! denormalised, with 0-based classes named in data.yaml; Cityscapes label and instance id
//! images agree with the semantic and instance masks under Cityscapes' label ids (restated
//! here); the depth PNG holds the float depth in millimetres, 0 exactly where the sky is;
//! normal maps are unit vectors, black exactly on the sky; palette previews index the
//! semantic mask's ids; the WebDataset shard reads back with Python's tarfile as the same
//! samples (bytes of the image and masks, annotations as in coco.json).

mod common;

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

const WIDTH: u32 = 160;
const HEIGHT: u32 = 96;

fn dataset() -> PathBuf {
    let formats = "coco,yolo,cityscapes,depth,depth-float,normals,palette,webdataset";
    let out = common::small_street_dataset("formats", 3, &["--format", formats]);
    let size = image::image_dimensions(out.join("images/000000.png")).unwrap();
    assert_eq!(size, (WIDTH, HEIGHT));
    out
}

fn coco(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("annotations/coco.json")).unwrap()).unwrap()
}

/// Decodes a grey PNG to its values (8- or 16-bit).
fn grey(path: &Path) -> Vec<u16> {
    match image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
        image::DynamicImage::ImageLuma8(i) => i.into_raw().into_iter().map(u16::from).collect(),
        image::DynamicImage::ImageLuma16(i) => i.into_raw(),
        other => panic!("{}: {:?}", path.display(), other.color()),
    }
}

/// The class names of data.yaml, by index.
fn yolo_names(out: &Path) -> Vec<String> {
    let yaml = std::fs::read_to_string(out.join("yolo/data.yaml")).unwrap();
    let names: Vec<(usize, String)> = yaml
        .lines()
        .skip_while(|l| !l.starts_with("names:"))
        .skip(1)
        .map(|l| {
            let (i, name) = l.trim().split_once(": ").unwrap();
            (i.parse().unwrap(), serde_json::from_str(name).unwrap())
        })
        .collect();
    assert!(
        names.iter().enumerate().all(|(k, (i, _))| k == *i),
        "0-based, in order"
    );
    assert!(yaml.contains(&format!("nc: {}", names.len())));
    names.into_iter().map(|(_, n)| n).collect()
}

#[test]
fn yolo_and_cityscapes_agree_with_coco_and_the_masks() {
    let out = dataset();
    let coco = coco(&out);
    let category: HashMap<u64, String> = coco["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_u64().unwrap(),
                c["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let names = yolo_names(&out);
    assert_eq!(names.len(), category.len());
    assert_eq!(
        std::fs::read_link(out.join("yolo/images")).unwrap(),
        Path::new("../images")
    );
    assert!(out.join("yolo/images/000000.png").is_file());
    let mut checked = 0;
    for index in 0..3u64 {
        let anns: Vec<&Value> = coco["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["image_id"].as_u64() == Some(index + 1))
            .collect();
        let text =
            std::fs::read_to_string(out.join(format!("yolo/labels/{index:06}.txt"))).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), anns.len(), "one line per annotation");
        for (line, ann) in lines.iter().zip(&anns) {
            let fields: Vec<f64> = line.split(' ').map(|f| f.parse().unwrap()).collect();
            assert_eq!(fields.len(), 5, "{line}");
            let class = fields[0] as usize;
            assert_eq!(
                names[class],
                category[&ann["category_id"].as_u64().unwrap()]
            );
            let (w, h) = (f64::from(WIDTH), f64::from(HEIGHT));
            let (bw, bh) = (fields[3] * w, fields[4] * h);
            let denormalised = [fields[1] * w - bw / 2.0, fields[2] * h - bh / 2.0, bw, bh];
            for (got, want) in denormalised.iter().zip(ann["bbox"].as_array().unwrap()) {
                let want = want.as_f64().unwrap();
                assert!(
                    (got - want).abs() <= 1e-6,
                    "{line}: {denormalised:?} vs {}",
                    ann["bbox"]
                );
            }
            checked += 1;
        }
        check_cityscapes(&out, index, &anns, &category);
        check_depth(&out, index);
        check_palette(&out, index);
    }
    assert!(checked > 10, "only {checked} boxes");
    check_webdataset(&out);
}

/// Reads the shard with Python's tarfile and compares every member with the dataset's own
/// files and coco.json.
fn check_webdataset(out: &Path) {
    let script = r#"
import json, sys, tarfile, os
out = sys.argv[1]
coco = json.load(open(os.path.join(out, "annotations/coco.json")))
samples = {}
with tarfile.open(os.path.join(out, "webdataset/shard-000000.tar")) as tar:
    for m in tar.getmembers():
        key, ext = m.name.split(".", 1)
        samples.setdefault(key, {})[ext] = tar.extractfile(m).read()
assert sorted(samples) == ["000000", "000001", "000002"], sorted(samples)
files = {"png": "images/{}.png", "instance.png": "masks/instance/{}.png",
         "semantic.png": "masks/semantic/{}.png"}
for key, sample in samples.items():
    assert sorted(sample) == ["instance.png", "json", "png", "semantic.png"], sorted(sample)
    for ext, path in files.items():
        assert sample[ext] == open(os.path.join(out, path.format(key)), "rb").read(), (key, ext)
    record = json.loads(sample["json"])
    image_id = int(key) + 1
    assert record["image"]["id"] == image_id
    want = [a for a in coco["annotations"] if a["image_id"] == image_id]
    assert record["annotations"] == want, key
    assert record["meta"] == json.load(open(os.path.join(out, "meta", key + ".json")))
print("webdataset ok:", len(samples), "samples")
"#;
    let result = std::process::Command::new(common::python())
        .args(["-c", script])
        .arg(out)
        .output()
        .expect("run python");
    assert!(
        result.status.success(),
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Cityscapes' label ids for the catalogue's classes (its labels.py).
fn cityscapes_id(name: &str) -> u16 {
    match name {
        "road" => 7,
        "sidewalk" => 8,
        "building" => 11,
        "pole" => 17,
        "traffic light" => 19,
        "traffic sign" | "stop sign" => 20,
        "vegetation" => 21,
        "terrain" => 22,
        "sky" => 23,
        "person" => 24,
        "rider" => 25,
        "car" => 26,
        "truck" => 27,
        "bus" => 28,
        "motorcycle" => 32,
        "bicycle" => 33,
        "traffic cone" => 5,
        "barrier" => 4,
        _ => 0,
    }
}

fn check_cityscapes(out: &Path, index: u64, anns: &[&Value], things: &HashMap<u64, String>) {
    let stem = format!("{index:06}");
    let labels = grey(&out.join(format!("cityscapes/{stem}_gtFine_labelIds.png")));
    let instances = grey(&out.join(format!("cityscapes/{stem}_gtFine_instanceIds.png")));
    let semantic = grey(&out.join(format!("masks/semantic/{stem}.png")));
    let instance_mask = grey(&out.join(format!("masks/instance/{stem}.png")));
    // Stuff names are not in COCO's categories: take them from the catalogue's ids.
    let stuff: HashMap<u16, &str> = [
        (100, "road"),
        (101, "sidewalk"),
        (102, "building"),
        (103, "vegetation"),
        (104, "pole"),
        (105, "terrain"),
        (106, "sky"),
    ]
    .into();
    let name_of = |c: u16| -> String {
        things
            .get(&u64::from(c))
            .cloned()
            .or_else(|| stuff.get(&c).map(|s| s.to_string()))
            .unwrap_or_default()
    };
    for k in 0..labels.len() {
        assert_eq!(
            labels[k],
            cityscapes_id(&name_of(semantic[k])),
            "{stem} pixel {k}"
        );
        if instance_mask[k] == 0 {
            assert_eq!(instances[k], labels[k], "{stem} stuff pixel {k}");
        }
    }
    let mut seen = HashSet::new();
    for ann in anns {
        let id = ann["instance_id"].as_u64().unwrap() as u16;
        let label = cityscapes_id(&name_of(ann["category_id"].as_u64().unwrap() as u16));
        let values: HashSet<u16> = (0..labels.len())
            .filter(|&k| instance_mask[k] == id)
            .map(|k| instances[k])
            .collect();
        assert_eq!(values.len(), 1, "{stem} instance {id}: {values:?}");
        let value = *values.iter().next().unwrap();
        if (24..=33).contains(&label) {
            assert_eq!(value / 1000, label, "{stem} instance {id}");
            assert!(seen.insert(value), "{stem}: {value} twice");
        } else {
            assert_eq!(value, label, "{stem} instance {id}");
        }
    }
}

/// Reads a little-endian float32 `.npy` of shape (HEIGHT, WIDTH).
fn npy(path: &Path) -> Vec<f32> {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..6], b"\x93NUMPY");
    let len = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
    let header = std::str::from_utf8(&bytes[10..10 + len]).unwrap();
    assert!(header.contains("'descr': '<f4'"), "{header}");
    assert!(
        header.contains(&format!("'shape': ({HEIGHT}, {WIDTH})")),
        "{header}"
    );
    bytes[10 + len..]
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

fn check_depth(out: &Path, index: u64) {
    let stem = format!("{index:06}");
    let mm = grey(&out.join(format!("depth/{stem}.png")));
    let metres = npy(&out.join(format!("depth/{stem}.npy")));
    let semantic = grey(&out.join(format!("masks/semantic/{stem}.png")));
    assert_eq!(mm.len(), metres.len());
    for k in 0..mm.len() {
        let sky = semantic[k] == 106;
        assert_eq!(mm[k] == 0, sky, "{stem} pixel {k}: {} mm", mm[k]);
        assert_eq!(metres[k] == 0.0, sky, "{stem} pixel {k}: {} m", metres[k]);
        let expected = (metres[k] * 1000.0).round().min(65535.0) as u16;
        assert_eq!(mm[k], expected, "{stem} pixel {k}");
    }
    // Normals: black exactly on the sky, unit length elsewhere (within 8-bit rounding).
    let normals = image::open(out.join(format!("normals/{stem}.png")))
        .unwrap()
        .into_rgb8()
        .into_raw();
    for (k, rgb) in normals.chunks_exact(3).enumerate() {
        if semantic[k] == 106 {
            assert_eq!(rgb, [0, 0, 0], "{stem} pixel {k}");
        } else {
            let n: f32 = rgb
                .iter()
                .map(|&c| (f32::from(c) / 127.5 - 1.0).powi(2))
                .sum();
            assert!((n.sqrt() - 1.0).abs() < 0.03, "{stem} pixel {k}: {rgb:?}");
        }
    }
}

/// The palette preview's indices are the semantic mask's values; its palette colours cars
/// and the sky as Cityscapes does.
fn check_palette(out: &Path, index: u64) {
    let stem = format!("{index:06}");
    let file = std::fs::File::open(out.join(format!("palette/{stem}.png"))).unwrap();
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let mut reader = decoder.read_info().unwrap();
    let palette = reader
        .info()
        .palette
        .clone()
        .expect("a PLTE chunk")
        .into_owned();
    assert_eq!(reader.info().color_type, png::ColorType::Indexed);
    let mut indices = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut indices).unwrap();
    indices.truncate(frame.buffer_size());
    let semantic = grey(&out.join(format!("masks/semantic/{stem}.png")));
    assert!(
        indices
            .iter()
            .zip(&semantic)
            .all(|(&i, &s)| u16::from(i) == s)
    );
    assert_eq!(&palette[3 * 3..3 * 3 + 3], &[0, 0, 142], "car");
    assert_eq!(&palette[106 * 3..106 * 3 + 3], &[70, 130, 180], "sky");
}

/// Twice the signed area of a ring of points.
fn doubled_area(points: &[(f64, f64)]) -> f64 {
    (0..points.len())
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % points.len()]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum()
}

#[test]
fn yolo_outlines_and_coco_polygons_trace_the_masks() {
    let out = common::small_street_dataset("outlines", 3, &["--format", "coco-polygons,yolo-seg"]);
    // validate checks every polygon's extent against the box and its area against the mask.
    common::render_ok(&["validate", out.to_str().unwrap()]);
    let coco = coco(&out);
    let anns = coco["annotations"].as_array().unwrap();
    assert!(anns.iter().all(|a| a["segmentation"].is_array()));
    for image in 0..3u64 {
        for (line, a) in common::label_lines(&out, "yolo-seg/labels", image, anns) {
            let numbers: Vec<f64> = line
                .split(' ')
                .skip(1)
                .map(|v| v.parse().unwrap())
                .collect();
            assert!(
                numbers.len() >= 6 && numbers.len().is_multiple_of(2),
                "{line}"
            );
            let points: Vec<(f64, f64)> = numbers
                .chunks_exact(2)
                .map(|p| (p[0] * f64::from(WIDTH), p[1] * f64::from(HEIGHT)))
                .collect();
            // Pixel corners, exactly.
            assert!(
                points
                    .iter()
                    .all(|p| (p.0 - p.0.round()).abs() < 1e-6 && (p.1 - p.1.round()).abs() < 1e-6)
            );
            let bbox: Vec<f64> = a["bbox"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            let min_x = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            let max_y = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
            assert!((min_x - bbox[0]).abs() < 1e-6 && (max_y - bbox[1] - bbox[3]).abs() < 1e-6);
            // One ring through every part: its area is the parts' (holes filled).
            let area = doubled_area(&points) / 2.0;
            assert!(area >= a["area"].as_f64().unwrap() - 1e-6, "{area} {a}");
        }
    }
}
