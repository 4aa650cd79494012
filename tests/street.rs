//! The procedural street without a GPU: every built-in scene places its objects in every
//! image without overlap, in the right zones, deterministically.

use glam::Vec2;
use sdgen::scene::{self, LoadedScene};
use sdgen::world::{FrameGenerator, FrameMeta, ObjectRecord};

fn load(name: &str) -> LoadedScene {
    let files = sdgen::builtin::files();
    let path = sdgen::builtin::scene_path(name).expect("built-in scene");
    scene::load(&files, &path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn sample(meta: &FrameMeta, name: &str) -> f64 {
    meta.samples
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("image {}: no sample {name}", meta.index))
        .value
        .as_number()
        .unwrap_or_else(|| panic!("image {}: {name} is not a number", meta.index))
}

/// The four corners of a record's ground footprint, computed here from the catalogue's
/// bounds (not with the library's box code).
fn corners(scene: &LoadedScene, r: &ObjectRecord) -> [Vec2; 4] {
    let info = &scene.asset_info[&r.asset];
    let v = info.variants.iter().find(|v| v.name == r.variant).unwrap();
    let (lo, hi) = (
        v.footprint.0 * r.scale as f32,
        v.footprint.1 * r.scale as f32,
    );
    let (s, c) = (r.yaw_deg as f32).to_radians().sin_cos();
    let at = Vec2::new(r.position_m[0], r.position_m[2]);
    // x' = x cos + z sin, z' = -x sin + z cos (rotation about +Y).
    let world = |x: f32, z: f32| at + Vec2::new(x * c + z * s, -x * s + z * c);
    [
        world(lo.x, lo.y),
        world(hi.x, lo.y),
        world(hi.x, hi.y),
        world(lo.x, hi.y),
    ]
}

fn cross(o: Vec2, a: Vec2, b: Vec2) -> f32 {
    (a - o).perp_dot(b - o)
}

/// Whether two convex quads' interiors intersect: a proper edge crossing, or one quad's
/// centre inside the other (containment). Touching does not count.
fn quads_intersect(a: &[Vec2; 4], b: &[Vec2; 4]) -> bool {
    let eps = 1e-4;
    for i in 0..4 {
        let (p, q) = (a[i], a[(i + 1) % 4]);
        for j in 0..4 {
            let (r, s) = (b[j], b[(j + 1) % 4]);
            let d1 = cross(r, s, p);
            let d2 = cross(r, s, q);
            let d3 = cross(p, q, r);
            let d4 = cross(p, q, s);
            if d1 * d2 < -eps && d3 * d4 < -eps {
                return true;
            }
        }
    }
    let inside = |quad: &[Vec2; 4], pt: Vec2| {
        (0..4).all(|i| cross(quad[i], quad[(i + 1) % 4], pt) > eps)
            || (0..4).all(|i| cross(quad[i], quad[(i + 1) % 4], pt) < -eps)
    };
    let centre = |q: &[Vec2; 4]| (q[0] + q[2]) * 0.5;
    inside(a, centre(b)) || inside(b, centre(a))
}

/// One unit's footprints: the leader's asset, position, heading and every part's quad.
type Unit = (String, [f32; 3], f64, Vec<[Vec2; 4]>);

/// Units: a leader and its attachments share one position and heading.
fn units(scene: &LoadedScene, meta: &FrameMeta) -> Vec<(String, Vec<[Vec2; 4]>)> {
    let mut out: Vec<Unit> = Vec::new();
    for r in &meta.objects {
        let quad = corners(scene, r);
        match out
            .iter_mut()
            .find(|u| u.1 == r.position_m && u.2 == r.yaw_deg)
        {
            Some(unit) => unit.3.push(quad),
            None => out.push((r.asset.clone(), r.position_m, r.yaw_deg, vec![quad])),
        }
    }
    out.into_iter().map(|u| (u.0, u.3)).collect()
}

fn check_no_overlap(scene: &LoadedScene, meta: &FrameMeta) {
    let units = units(scene, meta);
    for (i, (name_a, a)) in units.iter().enumerate() {
        for (name_b, b) in &units[i + 1..] {
            let hit = a
                .iter()
                .any(|qa| b.iter().any(|qb| quads_intersect(qa, qb)));
            assert!(
                !hit,
                "image {}: {name_a} and {name_b} interpenetrate",
                meta.index
            );
        }
    }
}

#[test]
fn every_builtin_scene_places_200_images_without_overlap() {
    // SDGEN_PLACEMENT_IMAGES raises the count for a longer soak.
    let count: u64 = std::env::var("SDGEN_PLACEMENT_IMAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    for name in ["street", "jaywalker", "crowded_crossing", "highway"] {
        let scene = load(name);
        let generator = FrameGenerator::new(&scene, 0, 320, 180);
        for i in 0..count {
            let (_, meta) = generator
                .generate(i)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            check_no_overlap(&scene, &meta);
        }
    }
}

/// |x| of the kerbs, from the recorded street samples.
fn kerb_x(meta: &FrameMeta, parking: bool) -> f32 {
    let n = sample(meta, "street.lanes_per_direction");
    let w = sample(meta, "street.lane_width");
    let median = sample(meta, "street.median");
    let shoulder = sample(meta, "street.shoulder");
    (median / 2.0 + n * w + shoulder + if parking { 2.2 } else { 0.0 }) as f32
}

#[test]
fn street_objects_sit_in_their_zones_and_face_the_right_way() {
    let scene = load("street");
    let generator = FrameGenerator::new(&scene, 7, 320, 180);
    for i in 0..60 {
        let (frame, meta) = generator.generate(i).unwrap();
        let kerb = kerb_x(&meta, true);
        let sidewalk = sample(&meta, "street.sidewalk_width") as f32;
        // Dashcam: in an ego lane (x < 0, heading +Z) at dashcam height.
        let cam = frame.camera.position;
        assert!(cam.x < 0.0 && (1.2..=1.6).contains(&cam.y), "camera {cam}");
        for r in &meta.objects {
            let x = r.position_m[0].abs();
            let yaw = (r.yaw_deg.rem_euclid(360.0) + 360.0) % 360.0;
            let along = yaw.min((yaw - 180.0).abs()).min(360.0 - yaw);
            match r.asset.as_str() {
                "bus" | "truck" => {
                    assert!(x < kerb - 2.2 + 0.2, "image {i}: {} at |x| {x}", r.asset);
                    assert!(along <= 2.0, "image {i}: {} heading {yaw}", r.asset);
                }
                "adult" | "child" | "person" if x > kerb + 0.3 => {
                    assert!(x < kerb + sidewalk, "image {i}: person off the sidewalk");
                }
                "traffic_light" | "stop_sign" | "traffic_sign" => {
                    assert!(
                        x > kerb && x < kerb + sidewalk + 1.0,
                        "image {i}: {}",
                        r.asset
                    );
                }
                _ => {}
            }
            // Traffic faces the direction of its side of the road.
            if r.asset == "bus" {
                let forward = r.yaw_deg.to_radians().cos();
                let expected = if r.position_m[0] < 0.0 { 1.0 } else { -1.0 };
                assert!(forward * expected > 0.99, "image {i}: bus against traffic");
            }
        }
    }
}

#[test]
fn generation_is_deterministic_per_image() {
    let scene = load("street");
    let a = FrameGenerator::new(&scene, 3, 320, 180);
    let b = FrameGenerator::new(&scene, 3, 320, 180);
    assert_eq!(a.generate(11).unwrap(), b.generate(11).unwrap());
    assert_ne!(a.generate(11).unwrap().1, a.generate(12).unwrap().1);
}

#[test]
fn jaywalker_steps_out_between_parked_cars_near_the_ego_car() {
    let scene = load("jaywalker");
    let generator = FrameGenerator::new(&scene, 0, 320, 180);
    for i in 0..40 {
        let (_, meta) = generator.generate(i).unwrap();
        let kerb = kerb_x(&meta, true);
        let walker = &meta.objects[0];
        assert_eq!(scene.asset_info[&walker.asset].category_id, 1);
        let [x, _, z] = walker.position_m;
        assert!(
            x < 0.0 && (kerb - 2.2..kerb - 1.0).contains(&-x),
            "image {i}: x {x}"
        );
        assert!((5.0..=16.0).contains(&z), "image {i}: z {z}");
        // Heading into the road (+X on the ego side), give or take 25°.
        assert!(
            (r_yaw(walker) - 90.0).abs() <= 25.5,
            "image {i}: yaw {}",
            walker.yaw_deg
        );
    }
}

fn r_yaw(r: &ObjectRecord) -> f64 {
    r.yaw_deg.rem_euclid(360.0)
}
