//! Shared helpers for integration tests: a GPU context that fails loudly, temp dirs, running `render`.
#![allow(dead_code)]

pub mod golden;

use sdgen::render::GpuContext;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A GPU context, or a panic that says why: GPU tests never pass silently without an adapter.
pub fn gpu() -> GpuContext {
    match GpuContext::new(None) {
        Ok(ctx) => ctx,
        Err(e) => panic!(
            "this test needs a wgpu adapter and found none: {e}\n\
             on Debian/Ubuntu: apt-get install mesa-vulkan-drivers (lavapipe)"
        ),
    }
}

/// A fresh, empty directory under the system temp dir, unique per test and process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdgen-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// Runs the `render` binary with `args`.
pub fn render(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_render"))
        .args(args)
        .env("RUST_LOG", "error")
        .output()
        .expect("run render")
}

/// Runs `render` and panics with its stderr unless it succeeds.
pub fn render_ok(args: &[&str]) -> Output {
    let out = render(args);
    assert!(
        out.status.success(),
        "render {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// An asset of one primitive with one material, its only part at the asset's origin;
/// bounds from its vertices.
pub fn one_primitive_asset(
    primitive: sdgen::importer::MeshPrimitive,
    material: sdgen::importer::Material,
) -> sdgen::importer::Asset {
    use glam::Vec3;
    let bounds = primitive.vertices.iter().fold(
        (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY)),
        |(lo, hi), v| (lo.min(v.position.into()), hi.max(v.position.into())),
    );
    sdgen::importer::Asset {
        path: "test".into(),
        primitives: vec![primitive],
        materials: vec![material],
        images: vec![],
        parts: vec![sdgen::importer::MeshPart {
            primitive: 0,
            transform: glam::Mat4::IDENTITY,
            node: 0,
        }],
        nodes: vec![],
        bounds,
    }
}

/// A matte dielectric quad in the XY plane facing +Z, spanning [x0, x1] × [y0, y1] at z = 0
/// (lit, it shows its base colour).
pub fn matte_quad(x0: f32, x1: f32, y0: f32, y1: f32) -> sdgen::importer::Asset {
    use sdgen::importer::{Material, MeshPrimitive, Vertex};
    let v = |x, y| Vertex::new([x, y, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0]);
    let primitive = MeshPrimitive {
        vertices: vec![v(x0, y0), v(x1, y0), v(x1, y1), v(x0, y1)],
        indices: vec![0, 1, 2, 0, 2, 3],
        material: 0,
        vertex_colors: false,
    };
    let material = Material {
        metallic_factor: 0.0,
        ..Material::default()
    };
    one_primitive_asset(primitive, material)
}

/// A frame for the GPU tests: `camera`, `light` and `objects` at `width`×`height`; the sky
/// is category 106 (and black unless `light` says otherwise), no lamps, clear weather, no
/// lens effects, clip tone mapping, noise seed 0.
pub fn test_frame(
    (width, height): (u32, u32),
    camera: sdgen::frame::CameraData,
    light: sdgen::frame::LightData,
    objects: Vec<sdgen::frame::ObjectDraw>,
) -> sdgen::frame::FrameData {
    use sdgen::frame::{FrameData, LensData, ToneMapping, WeatherData};
    FrameData {
        index: 0,
        width,
        height,
        camera,
        light,
        objects,
        sky_category: 106,
        lights: Vec::new(),
        weather: WeatherData::default(),
        lens: LensData {
            tone_mapping: ToneMapping::Clip,
            ..LensData::default()
        },
        noise_seed: 0,
    }
}

/// A camera at the origin looking down −Z, with vertical field of view `fov_y` (radians),
/// `aspect` = width / height, and planes at 0.1 m and 100 m.
pub fn origin_camera(fov_y: f32, aspect: f32) -> sdgen::frame::CameraData {
    sdgen::frame::CameraData {
        view: glam::Mat4::IDENTITY,
        projection: glam::camera::rh::proj::directx::perspective(fov_y, aspect, 0.1, 100.0),
        position: glam::Vec3::ZERO,
    }
}

/// A white sun of `sun` towards `direction`, uniform ambient `ambient`, a black sky,
/// exposure 1.
pub fn sun_light(direction: glam::Vec3, sun: f32, ambient: f32) -> sdgen::frame::LightData {
    use glam::Vec3;
    sdgen::frame::LightData {
        sun_direction: direction.normalize(),
        sun_color: Vec3::splat(sun),
        ambient: Vec3::splat(ambient),
        sky_ambient: 0.0,
        sky_color: Vec3::ZERO,
        sky: sdgen::frame::SkyData::default(),
        exposure: 1.0,
    }
}

/// Object `asset` at `transform` as instance `id` of category 3, without overrides.
pub fn object_at(asset: usize, id: u16, transform: glam::Mat4) -> sdgen::frame::ObjectDraw {
    sdgen::frame::ObjectDraw {
        asset,
        transform,
        instance_id: id,
        category_id: 3,
        materials: Vec::new(),
        emissive: 1.0,
        part_transforms: Vec::new(),
    }
}

/// Renders `count` images of the street scene at 160×96 into a fresh directory, with
/// `extra` arguments; returns the dataset directory.
pub fn small_street_dataset(name: &str, count: u32, extra: &[&str]) -> PathBuf {
    let out = temp_dir(name).join("street");
    let count = count.to_string();
    let mut args = vec!["--scene", "street", "--count", &count];
    args.extend(["--width", "160", "--height", "96", "--quiet"]);
    args.extend(["--out", out.to_str().expect("utf-8 temp dir")]);
    args.extend(extra);
    render_ok(&args);
    out
}

/// The Python with pycocotools: $SDGEN_PYTHON, else the repo's .venv, else python3.
pub fn python() -> PathBuf {
    if let Ok(p) = std::env::var("SDGEN_PYTHON") {
        return p.into();
    }
    let venv = repo().join(".venv/bin/python");
    if venv.is_file() {
        venv
    } else {
        "python3".into()
    }
}

/// The lines of image `image`'s label file `DIR/NNNNNN.txt` under `out`, each with its
/// annotation from `annotations` (coco.json's, in instance order); the counts must match.
pub fn label_lines<'a>(
    out: &Path,
    dir: &str,
    image: u64,
    annotations: &'a [serde_json::Value],
) -> Vec<(String, &'a serde_json::Value)> {
    let path = out.join(format!("{dir}/{image:06}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mine: Vec<&serde_json::Value> = annotations
        .iter()
        .filter(|a| a["image_id"].as_u64() == Some(image + 1))
        .collect();
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), mine.len(), "{}", path.display());
    lines.into_iter().zip(mine).collect()
}
