//! The generated asset library: every file is catalogued and embedded, real-world sized,
//! standing on its origin, facing +Z, with PBR materials and articulated people.

mod common;

use glam::{Vec3, Vec4Swizzles};
use sdgen::importer::{Asset, load_asset};
use sdgen::source::DiskSource;
use std::collections::BTreeSet;
use std::path::Path;

fn load(file: &str) -> Asset {
    let source = DiskSource;
    load_asset(&source, &common::repo().join("assets").join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The catalogue's files, in order of appearance.
fn catalogue_files() -> BTreeSet<String> {
    let text = std::fs::read_to_string(common::repo().join("assets/catalog.ron")).unwrap();
    text.split("file: \"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

#[test]
fn every_asset_file_is_catalogued_and_embedded() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(common::repo().join("assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".glb") || n.ends_with(".gltf"))
        .collect();
    assert_eq!(on_disk, catalogue_files());
    let embedded = sdgen::builtin::files();
    for file in &on_disk {
        let path = format!("assets/{file}");
        let bytes = sdgen::source::FileSource::read(&embedded, Path::new(&path))
            .unwrap_or_else(|e| panic!("{path} is not embedded: {e}"));
        let disk = std::fs::read(common::repo().join(&path)).unwrap();
        assert!(*bytes == disk[..], "{path}: embedded copy differs");
    }
}

/// (file, category of size check, [min, max] of length along Z, width along X, height).
const SIZES: &[(&str, [(f32, f32); 3])] = &[
    ("car_sedan.glb", [(4.4, 5.0), (1.7, 2.1), (1.35, 1.55)]),
    ("car_hatchback.glb", [(3.8, 4.4), (1.65, 2.05), (1.4, 1.6)]),
    ("car_suv.glb", [(4.5, 5.1), (1.85, 2.25), (1.6, 1.9)]),
    ("car_pickup.glb", [(5.1, 5.8), (1.9, 2.3), (1.75, 2.0)]),
    ("car_van.glb", [(4.7, 5.4), (1.9, 2.3), (1.9, 2.3)]),
    ("truck_box.glb", [(7.5, 9.5), (2.4, 2.9), (3.3, 4.0)]),
    ("truck_semi.glb", [(15.0, 18.0), (2.45, 3.1), (3.8, 4.2)]),
    ("bus.glb", [(11.0, 13.0), (2.5, 2.9), (3.0, 3.4)]),
    ("motorcycle.glb", [(1.9, 2.3), (0.7, 0.9), (1.0, 1.3)]),
    ("bicycle.glb", [(1.6, 1.9), (0.5, 0.75), (0.95, 1.15)]),
    ("traffic_cone.glb", [(0.3, 0.45), (0.3, 0.45), (0.65, 0.75)]),
    (
        "barrier_jersey.glb",
        [(2.9, 3.1), (0.55, 0.65), (0.78, 0.84)],
    ),
];

#[test]
fn things_have_real_world_dimensions_stand_on_the_ground_and_face_z() {
    for (file, [length, width, height]) in SIZES {
        let (min, max) = load(file).bounds;
        let size = max - min;
        for (what, value, (lo, hi)) in [
            ("length (z)", size.z, length),
            ("width (x)", size.x, width),
            ("height (y)", size.y, height),
        ] {
            assert!(
                (*lo..=*hi).contains(&value),
                "{file}: {what} {value} not in {lo}..{hi}"
            );
        }
        assert!(
            min.y.abs() < 0.01,
            "{file}: lowest point {} not on y = 0",
            min.y
        );
        let centre = (min + max) * 0.5;
        assert!(
            centre.x.abs() < 0.05 && centre.z.abs() < 0.3,
            "{file}: centre {centre}"
        );
    }
}

#[test]
fn people_have_heights_and_a_skeleton_at_their_joints() {
    let adults = ["a", "b", "c", "d", "e", "f"].map(|v| format!("person_adult_{v}.glb"));
    let children = ["a", "b", "c"].map(|v| format!("person_child_{v}.glb"));
    for (file, (lo, hi)) in adults
        .iter()
        .map(|f| (f, (1.55, 1.95)))
        .chain(children.iter().map(|f| (f, (0.9, 1.45))))
    {
        let asset = load(file);
        let height = asset.bounds.1.y;
        assert!((lo..=hi).contains(&height), "{file}: height {height}");
        assert!(asset.bounds.0.y.abs() < 0.01, "{file}: feet not on y = 0");
        let joint = |name: &str| -> Vec3 {
            let node = asset
                .nodes
                .iter()
                .find(|n| n.name == name)
                .unwrap_or_else(|| panic!("{file}: no joint {name}"));
            node.world.w_axis.xyz()
        };
        for side in ["l", "r"] {
            let x = if side == "l" { 1.0 } else { -1.0 };
            let (shoulder, elbow, wrist) = (
                joint(&format!("{side}_upper_arm")),
                joint(&format!("{side}_forearm")),
                joint(&format!("{side}_hand")),
            );
            let (hip, knee, ankle) = (
                joint(&format!("{side}_thigh")),
                joint(&format!("{side}_shin")),
                joint(&format!("{side}_foot")),
            );
            // The person's left is +X; limbs hang down in the neutral pose.
            assert!(
                shoulder.x * x > 0.05 && hip.x * x > 0.0,
                "{file}: {side} side"
            );
            assert!(
                shoulder.y > elbow.y && elbow.y > wrist.y,
                "{file}: {side} arm"
            );
            assert!(hip.y > knee.y && knee.y > ankle.y, "{file}: {side} leg");
            assert!(
                ankle.y < 0.15 * height,
                "{file}: {side} ankle at {}",
                ankle.y
            );
            assert!(
                (0.4..0.6).contains(&(hip.y / height)),
                "{file}: hip {}",
                hip.y
            );
        }
        let (head, nose, neck) = (joint("head"), joint("nose"), joint("neck"));
        assert!(head.y > neck.y && nose.z > head.z, "{file}: head faces +Z");
        // Every mesh hangs from a joint whose chain leads back to the root.
        assert!(asset.parts.iter().all(|p| p.node < asset.nodes.len()));
        assert!(asset.nodes.iter().skip(1).all(|n| n.parent.is_some()));
    }
}

#[test]
fn riders_sit_on_their_vehicles() {
    // Mount points shared by the vehicle and rider generators (vehicle space).
    for (file, saddle_y) in [
        ("rider_bicycle_a.glb", 0.95),
        ("rider_bicycle_b.glb", 0.95),
        ("rider_motorcycle.glb", 0.80),
    ] {
        let asset = load(file);
        let hips = asset.nodes.iter().find(|n| n.name == "hips").unwrap();
        let y = hips.world.w_axis.y;
        assert!(
            (saddle_y..saddle_y + 0.2).contains(&y),
            "{file}: hips at {y}, saddle at {saddle_y}"
        );
        assert!(
            asset.bounds.0.y > 0.2,
            "{file}: feet are on the pedals, not the ground"
        );
    }
}

/// The glTF JSON of a .glb file.
fn gltf_json(file: &str) -> serde_json::Value {
    let bytes = std::fs::read(common::repo().join("assets").join(file)).unwrap();
    let length = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    serde_json::from_slice(&bytes[20..20 + length]).unwrap()
}

/// (name → (emissive, alphaMode)) of every material in `file`.
fn materials(file: &str) -> Vec<(String, bool, String)> {
    let json = gltf_json(file);
    json["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let emissive = m["emissiveFactor"]
                .as_array()
                .is_some_and(|e| e.iter().any(|c| c.as_f64().unwrap() > 0.0));
            let alpha = m["alphaMode"].as_str().unwrap_or("OPAQUE").to_owned();
            (m["name"].as_str().unwrap().to_owned(), emissive, alpha)
        })
        .collect()
}

#[test]
fn materials_are_pbr_with_glass_and_emissive_lamps() {
    let has = |file: &str, name: &str, emissive: bool, alpha: &str| {
        let all = materials(file);
        assert!(
            all.iter()
                .any(|(n, e, a)| n == name && *e == emissive && a == alpha),
            "{file}: no material {name} (emissive {emissive}, {alpha}) in {all:?}"
        );
    };
    for car in [
        "car_sedan",
        "car_hatchback",
        "car_suv",
        "car_pickup",
        "car_van",
        "bus",
    ] {
        let file = format!("{car}.glb");
        has(&file, "paint", false, "OPAQUE");
        has(&file, "glass", false, "BLEND");
        has(&file, "rubber", false, "OPAQUE");
        has(&file, "chrome", false, "OPAQUE");
        has(&file, "headlight", true, "OPAQUE");
        has(&file, "taillight", true, "OPAQUE");
    }
    has("traffic_light.glb", "lamp_red", true, "OPAQUE");
    has("street_lamp.glb", "lamp_sodium", true, "OPAQUE");
    for building in ["brick", "shop", "office", "townhouse", "concrete"] {
        has(
            &format!("building_{building}.glb"),
            "window_lit",
            true,
            "OPAQUE",
        );
    }
    // Metallic-roughness everywhere: every material states both factors.
    for file in catalogue_files() {
        for m in gltf_json(&file)["materials"].as_array().unwrap() {
            let pbr = &m["pbrMetallicRoughness"];
            assert!(
                pbr["metallicFactor"].is_number() && pbr["roughnessFactor"].is_number(),
                "{file}: {m}"
            );
        }
    }
}

#[test]
fn light_emitters_sit_where_the_lamps_are() {
    use sdgen::scene::emitters::{EmitterKind, emitters};
    let of = |asset: &Asset, kind| -> Vec<Vec3> {
        emitters(asset)
            .into_iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.position)
            .collect()
    };
    for file in ["car_sedan.glb", "car_suv.glb", "bus.glb"] {
        let asset = load(file);
        let (lo, hi) = asset.bounds;
        for (kind, front) in [
            (EmitterKind::Headlight, true),
            (EmitterKind::Taillight, false),
        ] {
            let lights = of(&asset, kind);
            assert_eq!(lights.len(), 2, "{file}: {kind:?} {lights:?}");
            // One on each side, mirrored, at the front (+Z) or the back.
            assert!(lights[0].x * lights[1].x < 0.0, "{file}: {lights:?}");
            assert!(
                (lights[0].x + lights[1].x).abs() < 0.05,
                "{file}: {lights:?}"
            );
            for p in &lights {
                let end = if front { hi.z } else { lo.z };
                assert!(
                    (p.z - end).abs() < 0.3,
                    "{file}: {kind:?} at {p}, end {end}"
                );
            }
        }
    }
    let lamp = of(&load("street_lamp.glb"), EmitterKind::StreetLamp);
    assert_eq!(lamp.len(), 1, "{lamp:?}");
    assert!(lamp[0].y > 4.0, "the lamp head is up the pole: {}", lamp[0]);
    assert!(!of(&load("traffic_light.glb"), EmitterKind::Signal).is_empty());
}
