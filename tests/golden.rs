//! Golden images, one per rendering feature, from the built-in scenes at a small size:
//! a clear day (sky, sun, SH ambient, lens), dusk, night with rain (lights, wet road,
//! puddles, streaks, noise), fog, snow and a low sun; compared by `common::golden`
//! (RGB within a tolerance, masks exactly). The glTF material features have their own
//! goldens in gpu_gltf_features.rs.

mod common;

use sdgen::frame::FrameImages;
use sdgen::render::Renderer;
use sdgen::scene::{self, LoadedScene};
use sdgen::world::FrameGenerator;

const WIDTH: u32 = 160;
const HEIGHT: u32 = 90;

/// (golden name, scene, condition to force or "" for the scene's own, image index).
const CASES: &[(&str, &str, &str, u64)] = &[
    ("day", "street", "day", 3),
    ("dusk", "street", "dusk", 1),
    ("night_rain", "night_rain", "", 0),
    ("fog", "fog", "", 2),
    ("snow", "snow", "", 0),
    ("low_sun", "low_sun", "", 1),
];

fn load(name: &str, condition: &str) -> LoadedScene {
    let files = sdgen::builtin::files();
    let path = sdgen::builtin::scene_path(name).expect("built-in scene");
    let mut scene = scene::load(&files, &path).unwrap_or_else(|e| panic!("{name}: {e}"));
    if !condition.is_empty() {
        scene.conditions.retain(|c| c.name == condition);
        assert_eq!(
            scene.conditions.len(),
            1,
            "{name} has no condition {condition}"
        );
        scene.conditions[0].probability = 1.0;
    }
    scene
}

fn render_case(scene: &LoadedScene, index: u64) -> FrameImages {
    let generator = FrameGenerator::new(scene, scene.config.seed.unwrap_or(0), WIDTH, HEIGHT);
    let (frame, _) = generator.generate(index).unwrap_or_else(|e| panic!("{e}"));
    let mut renderer = Renderer::new(common::gpu(), &scene.assets, WIDTH, HEIGHT, 1).unwrap();
    renderer.render_now(&frame).unwrap()
}

#[test]
fn every_feature_matches_its_golden_image() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|&(name, scene_name, condition, index)| {
            let images = render_case(&load(scene_name, condition), index);
            common::golden::check(name, &images).err()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "golden images differ (actual and difference PNGs in target/golden/):\n{}",
        failures.join("\n")
    );
}
