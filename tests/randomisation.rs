//! Domain randomisation without a GPU: over hundreds of street.ron images every randomised
//! parameter varies, sampled values follow their declared distributions (Kolmogorov–Smirnov),
//! condition sets appear at their weights, and image i is the same whatever runs around it.

use sdgen::scene::{self, Dist, LoadedScene, SunPlacement};
use sdgen::world::{FrameGenerator, FrameMeta, samples::SampleValue};
use std::collections::{BTreeMap, BTreeSet};

fn load(name: &str) -> LoadedScene {
    let files = sdgen::builtin::files();
    let path = sdgen::builtin::scene_path(name).expect("built-in scene");
    scene::load(&files, &path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn metas(scene: &LoadedScene, count: u64) -> Vec<FrameMeta> {
    let generator = FrameGenerator::new(scene, 0, 1280, 720);
    (0..count)
        .map(|i| generator.generate(i).unwrap_or_else(|e| panic!("{e}")).1)
        .collect()
}

/// Every value of every sample, image-level by name and object-level by
/// `<asset>.<name>`, as text so numbers and colours compare exactly.
fn values(metas: &[FrameMeta]) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut out: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    let mut add = |name: String, unit: &str, value: &SampleValue| {
        let entry = out
            .entry(name)
            .or_insert_with(|| (unit.to_owned(), BTreeSet::new()));
        entry.1.insert(format!("{value:?}"));
    };
    for meta in metas {
        for s in &meta.samples {
            add(s.name.clone(), s.unit, &s.value);
        }
        for object in &meta.objects {
            let scale = SampleValue::Number(object.scale);
            add(format!("{}.scale", object.asset), "1", &scale);
            for s in &object.samples {
                add(format!("{}.{}", object.asset, s.name), s.unit, &s.value);
            }
        }
    }
    out
}

/// The Kolmogorov–Smirnov statistic of `samples` against `cdf`.
fn ks_statistic(mut samples: Vec<f64>, cdf: impl Fn(f64) -> f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let n = samples.len() as f64;
    samples
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = cdf(x);
            (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
        })
        .fold(0.0, f64::max)
}

/// The critical value of the one-sample KS test at α = 0.001.
fn ks_critical(n: usize) -> f64 {
    1.95 / (n as f64).sqrt()
}

fn numbers(metas: &[FrameMeta], name: &str, condition: Option<&str>) -> Vec<f64> {
    metas
        .iter()
        .filter(|m| condition.is_none_or(|c| m.condition == c))
        .filter_map(|m| m.samples.iter().find(|s| s.name == name))
        .map(|s| s.value.as_number().expect("a number"))
        .collect()
}

#[test]
fn every_randomised_parameter_takes_at_least_20_values_over_500_images() {
    let scene = load("street");
    let metas = metas(&scene, 500);
    let values = values(&metas);
    let discrete = ["count", "bool", "index", "choice"];
    let mut checked = 0;
    for (name, (unit, set)) in &values {
        if set.len() <= 1 {
            continue; // constant in this scene (e.g. the shoulder of a street without one)
        }
        if discrete.contains(&unit.as_str()) || set.len() <= 5 {
            // Whole numbers and weighted choices (solid or metallic paint): their support
            // may hold fewer than 20 values. A continuous draw repeats no value.
            continue;
        }
        assert!(
            set.len() >= 20,
            "{name} ({unit}): only {} distinct values",
            set.len()
        );
        checked += 1;
    }
    for name in [
        "camera.height",
        "camera.pitch",
        "camera.yaw",
        "camera.roll",
        "camera.focal_length",
        "camera.fov_y",
        "camera.principal_x",
        "camera.principal_y",
        "camera.exposure",
        "lighting.hour",
        "lighting.sun_elevation",
        "lighting.sun_azimuth",
        "lighting.sun_kelvin",
        "lighting.sun_intensity",
        "lighting.sky_colour",
        "lighting.ambient",
        "weather.fog_density",
        "weather.rain",
        "weather.wetness",
        "weather.cloud_cover",
        "car.scale",
        "car.paint.colour",
        "car.paint.roughness",
        "person.top.colour",
        "person.skin.colour",
        "person.bottom.colour",
        "person.hair.colour",
    ] {
        let (_, set) = values
            .get(name)
            .unwrap_or_else(|| panic!("{name} never sampled"));
        assert!(
            set.len() >= 20,
            "{name}: only {} distinct values",
            set.len()
        );
    }
    assert!(checked >= 40, "only {checked} continuous parameters varied");
    // Discrete parameters take every value of their support.
    let lanes = &values["street.lanes_per_direction"].1;
    assert_eq!(lanes.len(), 2, "{lanes:?}");
    let lamps = &values["lighting.street_lamps"].1;
    assert_eq!(lamps.len(), 2, "{lamps:?}");
}

#[test]
fn sampled_values_follow_the_declared_distributions() {
    let scene = load("street");
    let metas = metas(&scene, 500);
    let config = &scene.config;
    // The camera height is the same truncated normal in every condition.
    let heights = numbers(&metas, "camera.height", None);
    let d = ks_statistic(heights.clone(), |x| config.camera.height_m.cdf(x).unwrap());
    eprintln!(
        "camera.height: n {} D {d:.4} critical {:.4}",
        heights.len(),
        ks_critical(heights.len())
    );
    assert!(d < ks_critical(heights.len()), "height: D = {d}");
    // The hour of day is uniform in the day condition.
    let SunPlacement::TimeOfDay { hour, .. } = &config.lighting.sun else {
        panic!("street.ron uses the time of day")
    };
    let hours = numbers(&metas, "lighting.hour", Some("day"));
    assert!(hours.len() > 150, "{}", hours.len());
    let d = ks_statistic(hours.clone(), |x| hour.cdf(x).unwrap());
    eprintln!(
        "lighting.hour (day): n {} D {d:.4} critical {:.4}",
        hours.len(),
        ks_critical(hours.len())
    );
    assert!(d < ks_critical(hours.len()), "hour: D = {d}");
    // The test can fail: the same hours against a shifted uniform are rejected.
    let shifted = Dist::Uniform {
        min: 8.5,
        max: 18.5,
    };
    let d = ks_statistic(hours.clone(), |x| shifted.cdf(x).unwrap());
    assert!(
        d > ks_critical(hours.len()),
        "a shifted uniform passed: D = {d}"
    );
}

#[test]
fn distributions_pass_kolmogorov_smirnov_and_wrong_ones_fail() {
    use rand::SeedableRng;
    let n = 5000;
    for (seed, (text, wrong)) in [
        ("Uniform(-2, 5)", "Uniform(-2, 5.5)"),
        ("Normal(mean: 1, sd: 2)", "Normal(mean: 1.15, sd: 2)"),
        ("Normal(mean: 1, sd: 0.5, clamp: (0, 2))", "Uniform(0, 2)"),
        (
            "Normal(mean: 0, sd: 1, clamp: (1.5, 3))",
            "Normal(mean: 0, sd: 1, clamp: (1.4, 3))",
        ),
        (
            "LogNormal(mu: 0.5, sigma: 0.4)",
            "LogNormal(mu: 0.5, sigma: 0.45)",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let dist: Dist = ron::from_str(text).unwrap();
        let wrong: Dist = ron::from_str(wrong).unwrap();
        let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(11 + seed as u64);
        let samples: Vec<f64> = (0..n).map(|_| dist.sample(&mut rng)).collect();
        let d = ks_statistic(samples.clone(), |x| dist.cdf(x).unwrap());
        eprintln!("{text}: D {d:.4} (critical {:.4})", ks_critical(n));
        assert!(d < ks_critical(n), "{text}: D = {d}");
        let d = ks_statistic(samples, |x| wrong.cdf(x).unwrap());
        assert!(d > ks_critical(n), "{text} passed as {wrong}: D = {d}");
    }
}

#[test]
fn condition_weights_hold_within_5_percent_over_1000_images() {
    let scene = load("street");
    let generator = FrameGenerator::new(&scene, 0, 64, 36);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let n: u64 = std::env::var("SDGEN_CONDITION_IMAGES").map_or(1000, |v| v.parse().unwrap());
    for i in 0..n {
        let meta = generator.generate(i).unwrap_or_else(|e| panic!("{e}")).1;
        *counts.entry(meta.condition).or_default() += 1;
    }
    assert_eq!(counts.len(), scene.conditions.len(), "{counts:?}");
    for set in &scene.conditions {
        let share = counts[&set.name] as f64 / n as f64;
        eprintln!("{}: {share:.3} (weight {:.3})", set.name, set.probability);
        assert!(
            (share - set.probability).abs() <= 0.05,
            "{}: {share} vs {}",
            set.name,
            set.probability
        );
    }
}

#[test]
fn image_i_is_the_same_alone_in_any_order_and_on_any_thread() {
    let scene = load("street");
    let generator = FrameGenerator::new(&scene, 7, 320, 180);
    let forward: Vec<_> = (0..12).map(|i| generator.generate(i).unwrap()).collect();
    let backward: Vec<_> = (0..12)
        .rev()
        .map(|i| generator.generate(i).unwrap())
        .collect();
    let threaded: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..12)
            .map(|i| {
                let generator = generator.clone();
                s.spawn(move || generator.generate(i).unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for i in 0..12 {
        assert_eq!(forward[i], backward[11 - i], "image {i}, reversed");
        assert_eq!(forward[i], threaded[i], "image {i}, threads");
    }
    assert_ne!(forward[0].1, forward[1].1);
}
