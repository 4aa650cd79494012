//! Realism, measured on the built-in scenes through the whole renderer: night images are
//! much darker than day images of the same scene and seed, and fog lowers the contrast of
//! the far road more than the near road. Figures are printed (`--nocapture`).

mod common;

use sdgen::frame::{FrameData, FrameImages};
use sdgen::render::Renderer;
use sdgen::scene::{self, LoadedScene};
use sdgen::world::FrameGenerator;

/// Small enough for lavapipe, large enough for the road to have texture and markings.
const WIDTH: u32 = 320;
const HEIGHT: u32 = 180;
const SEED: u64 = 11;

fn load(name: &str) -> LoadedScene {
    let files = sdgen::builtin::files();
    let path = sdgen::builtin::scene_path(name).expect("built-in scene");
    scene::load(&files, &path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `scene` with only its condition set `name`, which then always applies.
fn only_condition(mut scene: LoadedScene, name: &str) -> LoadedScene {
    scene.conditions.retain(|c| c.name == name);
    assert_eq!(
        scene.conditions.len(),
        1,
        "{} has no condition {name}",
        scene.name
    );
    scene.conditions[0].probability = 1.0;
    scene
}

fn frames(scene: &LoadedScene, indices: &[u64]) -> Vec<FrameData> {
    let generator = FrameGenerator::new(scene, SEED, WIDTH, HEIGHT);
    indices
        .iter()
        .map(|&i| generator.generate(i).unwrap_or_else(|e| panic!("{e}")).0)
        .collect()
}

fn render_all(scene: &LoadedScene, frames: &[FrameData]) -> Vec<FrameImages> {
    let mut renderer = Renderer::new(common::gpu(), &scene.assets, WIDTH, HEIGHT, 1)
        .unwrap_or_else(|e| panic!("{e}"));
    frames
        .iter()
        .map(|f| renderer.render_now(f).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn srgb_to_linear(v: u8) -> f64 {
    let c = f64::from(v) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Relative luminance (Rec. 709 weights on linear RGB) of every pixel.
fn luminance(image: &FrameImages) -> Vec<f64> {
    image
        .rgba
        .chunks_exact(4)
        .map(|p| {
            0.2126 * srgb_to_linear(p[0])
                + 0.7152 * srgb_to_linear(p[1])
                + 0.0722 * srgb_to_linear(p[2])
        })
        .collect()
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

#[test]
fn night_images_are_under_35_percent_of_day_luminance() {
    let indices = [0, 1, 2, 3];
    let day = only_condition(load("street"), "day");
    let night = only_condition(load("street"), "night");
    let day_images = render_all(&day, &frames(&day, &indices));
    let night_images = render_all(&night, &frames(&night, &indices));
    let mut ratios = Vec::new();
    for (d, n) in day_images.iter().zip(&night_images) {
        let (ld, ln) = (mean(&luminance(d)), mean(&luminance(n)));
        println!(
            "image {}: day {ld:.4}, night {ln:.4}, ratio {:.3}",
            d.index,
            ln / ld
        );
        ratios.push(ln / ld);
    }
    let day_mean = mean(
        &day_images
            .iter()
            .map(|i| mean(&luminance(i)))
            .collect::<Vec<_>>(),
    );
    let night_mean = mean(
        &night_images
            .iter()
            .map(|i| mean(&luminance(i)))
            .collect::<Vec<_>>(),
    );
    println!(
        "mean luminance: day {day_mean:.4}, night {night_mean:.4}, ratio {:.3}",
        night_mean / day_mean
    );
    assert!(
        night_mean < 0.35 * day_mean,
        "night {night_mean} is not under 35 % of day {day_mean}"
    );
    assert!(
        night_mean > 0.0,
        "night images are black: lights are missing"
    );
}

/// RMS contrast (standard deviation over mean) of `values`.
fn rms_contrast(values: &[f64]) -> f64 {
    let m = mean(values);
    let var = values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / values.len() as f64;
    var.sqrt() / m.max(1e-9)
}

/// RMS contrast of the road's far half and near half.
fn road_contrast(image: &FrameImages, road: u16) -> (f64, f64) {
    let (far, near) = road_halves(image, road);
    (rms_contrast(&far), rms_contrast(&near))
}

/// Luminance of the road's far half and near half: road pixels (semantic mask) split at
/// the median row of the road pixels (rows further up the image are further away).
fn road_halves(image: &FrameImages, road: u16) -> (Vec<f64>, Vec<f64>) {
    let lum = luminance(image);
    let rows: Vec<(u32, f64)> = image
        .ids
        .iter()
        .zip(&lum)
        .enumerate()
        .filter(|(_, (id, _))| sdgen::frame::unpack_id(**id).1 == road)
        .map(|(k, (_, l))| (k as u32 / image.width, *l))
        .collect();
    assert!(rows.len() > 500, "too little road in image {}", image.index);
    let mut sorted: Vec<u32> = rows.iter().map(|r| r.0).collect();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    let far: Vec<f64> = rows.iter().filter(|r| r.0 < median).map(|r| r.1).collect();
    let near: Vec<f64> = rows.iter().filter(|r| r.0 >= median).map(|r| r.1).collect();
    (far, near)
}

#[test]
fn fog_lowers_the_contrast_of_the_far_road() {
    let scene = load("fog");
    let road = scene
        .catalog
        .categories
        .iter()
        .find(|c| c.name == "road")
        .expect("road category")
        .id;
    // Sensor noise is its own effect (it adds spread that grows with brightness, and fog
    // brightens the far road): switched off in both renders, so only the fog differs.
    let foggy: Vec<FrameData> = frames(&scene, &[0, 1, 2])
        .into_iter()
        .map(|mut f| {
            f.lens.read_noise = 0.0;
            f.lens.shot_noise = 0.0;
            f
        })
        .collect();
    let clear: Vec<FrameData> = foggy
        .iter()
        .cloned()
        .map(|mut f| {
            f.weather.fog_density = 0.0;
            f
        })
        .collect();
    let foggy_images = render_all(&scene, &foggy);
    let clear_images = render_all(&scene, &clear);
    for (fog, clear) in foggy_images.iter().zip(&clear_images) {
        let (far, near) = road_contrast(fog, road);
        let (clear_far, clear_near) = road_contrast(clear, road);
        println!(
            "image {}: fog far {far:.4} near {near:.4} (far/near {:.3}); \
             same frame without fog far {clear_far:.4} near {clear_near:.4} (far/near {:.3})",
            fog.index,
            far / near,
            clear_far / clear_near
        );
        assert!(far < near, "fog: far contrast {far} not below near {near}");
        assert!(far < clear_far, "fog did not lower the far road's contrast");
        // Light scattered by the fog replaces more of the road's own the further it is:
        // the far half is washed out (brightened towards the fog) more than the near half.
        let lift = |fog: &[f64], clear: &[f64]| mean(fog) - mean(clear);
        let ((fog_far, fog_near), (clear_far_l, clear_near_l)) =
            (road_halves(fog, road), road_halves(clear, road));
        let (lift_far, lift_near) = (lift(&fog_far, &clear_far_l), lift(&fog_near, &clear_near_l));
        println!("  mean luminance lifted by the fog: far {lift_far:.4}, near {lift_near:.4}");
        assert!(
            lift_far > lift_near && lift_near > 0.0,
            "fog does not wash out the far road more than the near road"
        );
        assert_eq!(fog.ids, clear.ids, "fog changed the masks");
    }
}
