//! Integration tests of `sdgen::output`: PNG round trips, layout, atomic writes, manifest check, COCO.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use sdgen::output::OutputError;
use sdgen::output::atomic::{AtomicFile, write_atomic};
use sdgen::output::layout::DatasetLayout;
use sdgen::output::manifest::{DatasetManifest, check_existing, scene_hash, write_manifest};
use sdgen::output::png_encode::{encode_gray8, encode_gray16, encode_rgb8_from_rgba8};

/// COCO writer tests.
#[path = "output/coco.rs"]
mod coco;

/// A fresh, empty directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("sdgen-output-{tag}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Decodes a PNG, returning (info, raw sample bytes).
fn decode(png_bytes: &[u8]) -> (png::ColorType, png::BitDepth, u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let frame = reader.next_frame(&mut buf).expect("png frame");
    buf.truncate(frame.buffer_size());
    (
        frame.color_type,
        frame.bit_depth,
        frame.width,
        frame.height,
        buf,
    )
}

#[test]
fn rgb8_round_trip_drops_alpha() {
    for (w, h) in [(1, 1), (63, 5), (65, 3), (4, 7)] {
        let rgba: Vec<u8> = (0..w * h * 4).map(|i| (i * 37 % 256) as u8).collect();
        let png_bytes = encode_rgb8_from_rgba8(&rgba, w, h).expect("encode");
        let (color, depth, dw, dh, data) = decode(&png_bytes);
        assert_eq!(
            (color, depth, dw, dh),
            (png::ColorType::Rgb, png::BitDepth::Eight, w, h)
        );
        let expected: Vec<u8> = rgba.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        assert_eq!(data, expected, "{w}x{h}");
        let reader = png::Decoder::new(Cursor::new(&png_bytes[..]))
            .read_info()
            .expect("png header");
        assert!(reader.info().srgb.is_some(), "sRGB chunk expected");
    }
}

#[test]
fn gray16_round_trip_is_big_endian() {
    for (w, h) in [(1, 4), (63, 2), (65, 3)] {
        let special = [0u16, 1, 256, 65535, 255, 4660];
        let values: Vec<u16> = (0..w * h)
            .map(|i| {
                special
                    .get(i as usize)
                    .copied()
                    .unwrap_or((i * 2654) as u16)
            })
            .collect();
        let png_bytes = encode_gray16(&values, w, h).expect("encode");
        let (color, depth, dw, dh, data) = decode(&png_bytes);
        assert_eq!(
            (color, depth, dw, dh),
            (png::ColorType::Grayscale, png::BitDepth::Sixteen, w, h)
        );
        let decoded: Vec<u16> = data
            .chunks(2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .collect();
        assert_eq!(decoded, values, "{w}x{h}");
        if values.len() >= 4 {
            // The raw big-endian bytes of 0, 1, 256, 65535.
            assert_eq!(&data[..8], &[0, 0, 0, 1, 1, 0, 255, 255]);
        }
    }
}

#[test]
fn gray8_round_trip() {
    for (w, h) in [(1, 1), (63, 3), (65, 2)] {
        let values: Vec<u8> = (0..w * h).map(|i| (i * 91 % 256) as u8).collect();
        let png_bytes = encode_gray8(&values, w, h).expect("encode");
        let (color, depth, dw, dh, data) = decode(&png_bytes);
        assert_eq!(
            (color, depth, dw, dh),
            (png::ColorType::Grayscale, png::BitDepth::Eight, w, h)
        );
        assert_eq!(data, values, "{w}x{h}");
    }
}

#[test]
fn wrong_buffer_size_is_an_error() {
    let err = encode_gray16(&[1, 2, 3], 2, 2).expect_err("3 values for 2x2");
    assert!(matches!(
        err,
        OutputError::BufferSize {
            expected: 4,
            actual: 3,
            ..
        }
    ));
    assert!(err.to_string().contains("2x2"), "{err}");
    assert!(encode_rgb8_from_rgba8(&[0; 12], 2, 2).is_err());
    assert!(encode_gray8(&[0; 5], 2, 2).is_err());
}

#[test]
fn layout_paths_and_stems() {
    assert_eq!(DatasetLayout::stem(0), "000000");
    assert_eq!(DatasetLayout::stem(42), "000042");
    assert_eq!(DatasetLayout::stem(1_234_567), "1234567");
    let l = DatasetLayout::new("out/street");
    assert_eq!(l.image(7), Path::new("out/street/images/000007.png"));
    assert_eq!(
        l.instance_mask(7),
        Path::new("out/street/masks/instance/000007.png")
    );
    assert_eq!(
        l.semantic_mask(7),
        Path::new("out/street/masks/semantic/000007.png")
    );
    assert_eq!(l.meta(7), Path::new("out/street/meta/000007.json"));
    assert_eq!(l.coco(), Path::new("out/street/annotations/coco.json"));
    assert_eq!(l.manifest(), Path::new("out/street/dataset.json"));
}

#[test]
fn create_dirs_makes_every_dir() {
    let tmp = TempDir::new("dirs");
    let l = DatasetLayout::new(tmp.path().join("a/b"));
    l.create_dirs().expect("create dirs");
    l.create_dirs().expect("create dirs twice");
    for d in [
        "images",
        "masks/instance",
        "masks/semantic",
        "meta",
        "annotations",
    ] {
        assert!(l.root.join(d).is_dir(), "{d}");
        assert!(entries(&l.root.join(d)).is_empty(), "no probe left in {d}");
    }
    let file = tmp.path().join("file");
    fs::write(&file, b"x").expect("write");
    let err = DatasetLayout::new(&file).create_dirs().expect_err("a file");
    assert!(
        err.to_string().contains(&file.display().to_string()),
        "{err}"
    );
}

#[test]
fn write_atomic_replaces_and_leaves_no_temp() {
    let tmp = TempDir::new("atomic");
    let path = tmp.path().join("000001.png");
    write_atomic(&path, b"first").expect("write");
    write_atomic(&path, b"second, longer").expect("overwrite");
    assert_eq!(fs::read(&path).expect("read"), b"second, longer");
    assert_eq!(entries(tmp.path()), ["000001.png"]);
}

#[test]
fn atomic_file_dropped_without_commit_leaves_nothing() {
    let tmp = TempDir::new("atomic-drop");
    let path = tmp.path().join("x.json");
    {
        let mut f = AtomicFile::create(&path).expect("create");
        std::io::Write::write_all(&mut f, b"partial").expect("write");
    }
    assert!(entries(tmp.path()).is_empty());
}

#[test]
fn write_atomic_error_names_the_path() {
    let tmp = TempDir::new("atomic-err");
    let path = tmp.path().join("missing/dir/000001.png");
    let err = write_atomic(&path, b"x").expect_err("no parent");
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.starts_with("cannot create"), "{msg}");
}

fn manifest() -> DatasetManifest {
    DatasetManifest {
        tool: "sdgen".into(),
        version: "0.1.0".into(),
        scene_name: "street".into(),
        scene_hash: scene_hash(b"scene v1"),
        seed: 7,
        start: 0,
        count: 10,
        width: 1280,
        height: 720,
        complete: false,
    }
}

#[test]
fn manifest_check() {
    let tmp = TempDir::new("manifest");
    let m = manifest();
    // Missing and empty directories are fine.
    check_existing(&tmp.path().join("nope"), &m, false).expect("missing dir");
    check_existing(tmp.path(), &m, false).expect("empty dir");

    let layout = DatasetLayout::new(tmp.path());
    layout.create_dirs().expect("dirs");
    write_manifest(&layout, &m).expect("write manifest");
    let text = fs::read_to_string(layout.manifest()).expect("read manifest");
    let back: DatasetManifest = serde_json::from_str(&text).expect("parse manifest");
    assert_eq!(back, m);

    // Same dataset (count/start/complete may differ).
    let more = DatasetManifest {
        count: 99,
        start: 5,
        complete: true,
        ..m.clone()
    };
    check_existing(tmp.path(), &more, false).expect("same dataset");

    let cases = [
        (
            DatasetManifest {
                seed: 3,
                ..m.clone()
            },
            "seed 7 vs 3",
        ),
        (
            DatasetManifest {
                scene_hash: scene_hash(b"scene v2"),
                ..m.clone()
            },
            "scene street",
        ),
        (
            DatasetManifest {
                width: 640,
                ..m.clone()
            },
            "resolution 1280x720 vs 640x720",
        ),
        (
            DatasetManifest {
                height: 480,
                ..m.clone()
            },
            "resolution",
        ),
    ];
    for (other, field) in cases {
        let err = check_existing(tmp.path(), &other, false).expect_err(field);
        assert!(matches!(err, OutputError::Conflict { .. }));
        let msg = err.to_string();
        assert!(msg.contains(field), "{msg}");
        assert!(msg.contains(&tmp.path().display().to_string()), "{msg}");
        assert!(msg.contains("--force") && msg.contains("--out"), "{msg}");
        check_existing(tmp.path(), &other, true).expect("force");
    }
}

#[test]
fn manifest_check_rejects_foreign_files() {
    let tmp = TempDir::new("foreign");
    fs::write(tmp.path().join("holiday.jpg"), b"x").expect("write");
    let err = check_existing(tmp.path(), &manifest(), false).expect_err("junk");
    assert!(matches!(err, OutputError::Conflict { .. }));
    assert!(err.to_string().contains("not an sdgen dataset"), "{err}");
    check_existing(tmp.path(), &manifest(), true).expect("force");

    fs::write(tmp.path().join("dataset.json"), b"{ not json").expect("write");
    let err = check_existing(tmp.path(), &manifest(), false).expect_err("bad json");
    assert!(matches!(err, OutputError::Conflict { .. }));
    assert!(err.to_string().contains("dataset.json"), "{err}");
}
