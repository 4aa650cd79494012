//! GPU tests of the camera model on labels: one quad at a known pose seen through a
//! Brown–Conrady lens. Every mask pixel must match the analytic answer (the undistorted ray
//! through the pixel centre hits the quad, or not), except where that ray passes within a
//! render texel of the quad's edge. MSAA, fog, falling rain and snow, noise, vignetting,
//! chromatic aberration and tone mapping change the colour but never the masks, and 4×
//! MSAA leaves partly covered edge pixels between the quad's colour and the background's.

mod common;

use glam::{DVec2, Mat4, Vec3};
use sdgen::frame::{FrameData, FrameImages, LensData, ToneMapping, WeatherData};
use sdgen::importer::{Asset, Material};
use sdgen::render::Renderer;

const QUAD: (f32, f32, f32, f32) = (-1.3, 1.1, -0.7, 0.8);
const DEPTH: f32 = 2.0;
const INSTANCE: u32 = 7 | (3 << 16);

fn quad_asset() -> Asset {
    let (x0, x1, y0, y1) = QUAD;
    common::matte_quad(x0, x1, y0, y1)
}

/// Vertical field of view, 60°.
const FOV_Y: f32 = std::f32::consts::FRAC_PI_3;

/// Focal length in pixels for `height`.
fn focal(height: u32) -> f64 {
    f64::from(height) / 2.0 / (f64::from(FOV_Y) / 2.0).tan()
}

fn frame(width: u32, height: u32, lens: LensData) -> FrameData {
    let camera = common::origin_camera(FOV_Y, width as f32 / height as f32);
    let light = common::sun_light(Vec3::Z, 0.6, 0.1);
    let quad = common::object_at(0, 7, Mat4::from_translation(Vec3::new(0.0, 0.0, -DEPTH)));
    let mut frame = common::test_frame((width, height), camera, light, vec![quad]);
    frame.lens = lens;
    frame.noise_seed = 1234;
    frame
}

fn render(frame: &FrameData) -> FrameImages {
    let mut renderer =
        Renderer::new(common::gpu(), &[quad_asset()], frame.width, frame.height, 1).unwrap();
    renderer.render_now(frame).unwrap()
}

/// The test's own inverse of Brown–Conrady: Newton's method on the 2×2 system.
fn undistort(lens: &LensData, d: DVec2) -> DVec2 {
    let (k1, k2, p1, p2) = (
        f64::from(lens.k1),
        f64::from(lens.k2),
        f64::from(lens.p1),
        f64::from(lens.p2),
    );
    let forward = |p: DVec2| {
        let r2 = p.length_squared();
        let radial = 1.0 + k1 * r2 + k2 * r2 * r2;
        DVec2::new(
            p.x * radial + 2.0 * p1 * p.x * p.y + p2 * (r2 + 2.0 * p.x * p.x),
            p.y * radial + p1 * (r2 + 2.0 * p.y * p.y) + 2.0 * p2 * p.x * p.y,
        )
    };
    let mut p = d;
    for _ in 0..30 {
        let e = 1e-6;
        let f = forward(p) - d;
        let jx = (forward(p + DVec2::X * e) - forward(p)) / e;
        let jy = (forward(p + DVec2::Y * e) - forward(p)) / e;
        let det = jx.x * jy.y - jy.x * jx.y;
        p -= DVec2::new(jy.y * f.x - jy.x * f.y, -jx.y * f.x + jx.x * f.y) / det;
    }
    p
}

/// Where the ray through output pixel (c, r) hits the quad's plane, in quad coordinates.
fn hit(width: u32, height: u32, lens: &LensData, c: u32, r: u32) -> DVec2 {
    let f = focal(height);
    let centre = DVec2::new(f64::from(width), f64::from(height)) / 2.0;
    let d = (DVec2::new(f64::from(c) + 0.5, f64::from(r) + 0.5) - centre) / f;
    let u = undistort(lens, d);
    // Image y grows downwards; the camera looks down −Z with +Y up.
    DVec2::new(u.x, -u.y) * f64::from(DEPTH)
}

/// Distance (quad units) from `p` to the quad's outline, and whether `p` is inside.
fn against_quad(p: DVec2) -> (f64, bool) {
    let (x0, x1, y0, y1) = (
        f64::from(QUAD.0),
        f64::from(QUAD.1),
        f64::from(QUAD.2),
        f64::from(QUAD.3),
    );
    let inside = p.x > x0 && p.x < x1 && p.y > y0 && p.y < y1;
    let dx = (p.x - x0).abs().min((p.x - x1).abs());
    let dy = (p.y - y0).abs().min((p.y - y1).abs());
    let edge = if inside {
        dx.min(dy)
    } else {
        let ox = (x0 - p.x).max(p.x - x1).max(0.0);
        let oy = (y0 - p.y).max(p.y - y1).max(0.0);
        DVec2::new(ox, oy).length().max(1e-9)
    };
    (edge, inside)
}

fn strong_lens() -> LensData {
    LensData {
        k1: -0.3,
        // Above 0.45 k1²: one-to-one over the whole plane.
        k2: 0.05,
        p1: 0.003,
        p2: -0.002,
        tone_mapping: ToneMapping::Clip,
        ..LensData::default()
    }
}

#[test]
fn distorted_masks_match_the_undistorted_ray_through_each_pixel_centre() {
    let (width, height) = (96, 64);
    let lens = strong_lens();
    let images = render(&frame(width, height, lens));
    // One render texel, in quad units: the renderer zooms out by at most ~25 % here.
    let texel = 1.25 * f64::from(DEPTH) / focal(height);
    let (mut checked, mut near_edge, mut straight_would_differ) = (0, 0, 0);
    for r in 0..height {
        for c in 0..width {
            let p = hit(width, height, &lens, c, r);
            let (edge, inside) = against_quad(p);
            let id = images.ids[(r * width + c) as usize];
            let expected = if inside { INSTANCE } else { 106 << 16 };
            let plain = hit(width, height, &LensData::default(), c, r);
            straight_would_differ += usize::from(against_quad(plain).1 != inside);
            if edge < texel {
                near_edge += 1;
                continue;
            }
            checked += 1;
            assert_eq!(id, expected, "pixel ({c}, {r}): ray hits {p}");
        }
    }
    println!("{checked} pixels exact, {near_edge} within a texel of the edge");
    assert!(checked > 5000, "too few pixels checked: {checked}");
    // The lens moves the quad's outline well beyond the ambiguous band.
    assert!(
        straight_would_differ > near_edge,
        "distortion too weak to test: {straight_would_differ} vs {near_edge}"
    );
}

#[test]
fn effects_change_the_colour_but_never_the_masks() {
    let (width, height) = (80, 48);
    let plain = render(&frame(width, height, strong_lens()));
    let mut busy = frame(
        width,
        height,
        LensData {
            vignetting: 1.0,
            chromatic_aberration_px: 2.0,
            read_noise: 0.02,
            shot_noise: 0.01,
            tone_mapping: ToneMapping::Filmic,
            ..strong_lens()
        },
    );
    busy.weather = WeatherData {
        fog_density: 0.2,
        fog_height_falloff: 0.05,
        rain_mm_per_h: 20.0,
        snow_mm_per_h: 3.0,
        wetness: 1.0,
        snow_cover: 0.5,
        cloud_cover: 1.0,
    };
    busy.light.sky_color = Vec3::new(0.3, 0.35, 0.4);
    busy.light.sky_ambient = 0.5;
    let effects = render(&busy);
    assert_eq!(plain.ids, effects.ids, "an effect changed the masks");
    let differing = plain
        .rgba
        .chunks_exact(4)
        .zip(effects.rgba.chunks_exact(4))
        .filter(|(a, b)| a != b)
        .count();
    assert!(
        differing > plain.rgba.len() / 8,
        "effects left the colour alone: {differing} pixels differ"
    );
}

#[test]
fn msaa_blends_partly_covered_edge_pixels() {
    let (width, height) = (64, 48);
    let images = render(&frame(
        width,
        height,
        LensData {
            tone_mapping: ToneMapping::Clip,
            ..LensData::default()
        },
    ));
    let inside = images.rgba[((height / 2 * width + width / 2) * 4) as usize];
    assert!(inside > 150, "the quad is lit: {inside}");
    // Along the quad's top edge (which does not fall on a pixel boundary), pixels whose
    // centre is just outside are partly covered: strictly between black and the quad.
    let blended = images
        .rgba
        .chunks_exact(4)
        .filter(|p| p[0] > 8 && p[0] < inside - 8)
        .count();
    assert!(
        blended >= 20,
        "only {blended} edge pixels are blended: no multisampling?"
    );
}

#[test]
fn bloom_glows_around_a_bright_light_and_leaves_the_masks_alone() {
    let (width, height) = (96, 64);
    let lamp = Asset {
        materials: vec![Material {
            emissive_factor: [1.0, 0.9, 0.8],
            emissive_strength: 30.0,
            ..Material::default()
        }],
        ..quad_asset()
    };
    let mut plain = frame(width, height, LensData::default());
    plain.light.sun_color = Vec3::ZERO;
    let glowing = FrameData {
        lens: LensData {
            bloom: 0.2,
            ..LensData::default()
        },
        ..plain.clone()
    };
    let mut renderer = Renderer::new(common::gpu(), &[lamp], width, height, 1).unwrap();
    let (dark, glow) = (
        renderer.render_now(&plain).unwrap(),
        renderer.render_now(&glowing).unwrap(),
    );
    assert_eq!(dark.ids, glow.ids, "bloom changed the masks");
    // Background pixels (the sky) near the lamp: black without bloom, lit with it.
    let lifted = (0..(width * height) as usize)
        .filter(|&k| dark.ids[k] & 0xffff == 0)
        .filter(|&k| glow.rgba[k * 4] > dark.rgba[k * 4] + 10)
        .count();
    println!("{lifted} background pixels glow");
    assert!(lifted > 100, "no glow around the lamp: {lifted} pixels");
}
