//! The glTF material features, each from its project-made fixture file in
//! tests/fixtures/gltf/ (written by tools/make_assets), loaded through the importer and
//! rendered at 96×96. Each render is compared with an independently built equivalent:
//! the same geometry without the feature but with the effect put in by hand (tilted
//! vertex normals for a normal map, transformed UVs for KHR_texture_transform, factors
//! for textures and vertex colours), or with an analytic answer (alpha-tested masks,
//! emitted radiance, blending). Each fixture also has a golden image.

mod common;

use glam::{Mat3, Mat4, Vec3};
use sdgen::frame::{FrameData, FrameImages, ObjectDraw, pack_id};
use sdgen::importer::{AlphaMode, Asset, UvTransform, load_asset};
use sdgen::render::Renderer;
use sdgen::source::DiskSource;

const SIZE: u32 = 96;
/// Distance of the fixtures in front of the camera: a 2 m quad spans a third of the view.
const DEPTH: f32 = 3.0;
const SKY_CATEGORY: u16 = 106;

fn fixture(name: &str) -> Asset {
    let path = common::repo().join(format!("tests/fixtures/gltf/{name}.glb"));
    load_asset(&DiskSource, &path).unwrap_or_else(|e| panic!("{e}"))
}

/// How a test lights its frame: sun (white, from above right, grazing the fixtures at
/// about 62°, so normals matter), uniform ambient.
#[derive(Clone, Copy)]
struct Lighting {
    sun: f32,
    ambient: f32,
    exposure: f32,
}

const SUN: Lighting = Lighting {
    sun: 0.9,
    ambient: 0.0,
    exposure: 1.0,
};

/// A 90° camera at the origin looking down −Z at `objects`; black sky, no effects.
fn frame(objects: Vec<ObjectDraw>, light: Lighting) -> FrameData {
    let camera = common::origin_camera(std::f32::consts::FRAC_PI_2, 1.0);
    let mut sun = common::sun_light(Vec3::new(1.0, 1.0, 0.8), light.sun, light.ambient);
    sun.exposure = light.exposure;
    let mut frame = common::test_frame((SIZE, SIZE), camera, sun, objects);
    frame.sky_category = SKY_CATEGORY;
    frame
}

/// Asset `asset` at distance `depth`, instance `id`.
fn object(asset: usize, depth: f32, id: u16) -> ObjectDraw {
    common::object_at(
        asset,
        id,
        Mat4::from_translation(Vec3::new(0.0, 0.0, -depth)),
    )
}

/// Renders asset `index` of `assets` alone at [`DEPTH`], lit by `light`.
fn render(assets: &[Asset], index: usize, light: Lighting) -> FrameImages {
    let mut renderer = Renderer::new(common::gpu(), assets, SIZE, SIZE, 1).unwrap();
    renderer
        .render_now(&frame(vec![object(index, DEPTH, 1)], light))
        .unwrap()
}

fn decode(byte: u8) -> f32 {
    let c = f32::from(byte) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear RGB of pixel (x, y).
fn linear(images: &FrameImages, x: u32, y: u32) -> Vec3 {
    let at = ((y * images.width + x) * 4) as usize;
    Vec3::from_array([0, 1, 2].map(|k| decode(images.rgba[at + k])))
}

/// The largest per-channel difference, in 8-bit levels, between two renders.
fn max_difference(a: &FrameImages, b: &FrameImages) -> u8 {
    a.rgba
        .iter()
        .zip(&b.rgba)
        .map(|(x, y)| x.abs_diff(*y))
        .max()
        .unwrap_or(0)
}

/// Where the centre of pixel (x, y) lands on the plane z = −depth (world x, y).
fn on_plane(x: u32, y: u32, depth: f32) -> (f32, f32) {
    let half = SIZE as f32 / 2.0;
    let ndc = ((x as f32 + 0.5) / half - 1.0, 1.0 - (y as f32 + 0.5) / half);
    (ndc.0 * depth, ndc.1 * depth)
}

#[test]
fn normal_map_shades_like_tilted_geometry() {
    let mapped = fixture("normal_map");
    assert!(mapped.materials[0].normal_texture.is_some());
    // The texel's tangent-space normal; the left quad's tangent is +X, the right one's
    // (u mirrored, TANGENT w = −1) is −X; both bitangents point up the image, +Y.
    let t = Vec3::new(90.0, 200.0, 220.0) / 255.0 * 2.0 - 1.0;
    let tilted = [
        Vec3::new(t.x, t.y, t.z).normalize(),
        Vec3::new(-t.x, t.y, t.z).normalize(),
    ];
    let mut by_hand = mapped.clone();
    by_hand.materials[0].normal_texture = None;
    let mut flat = by_hand.clone();
    for (primitive, normal) in by_hand.primitives.iter_mut().zip(tilted) {
        for v in &mut primitive.vertices {
            v.normal = normal.to_array();
        }
    }
    for primitive in &mut flat.primitives {
        for v in &mut primitive.vertices {
            v.normal = [0.0, 0.0, 1.0];
        }
    }
    let assets = [mapped, by_hand, flat];
    let [mapped, by_hand, flat] = [0, 1, 2].map(|i| render(&assets, i, SUN));
    let difference = max_difference(&mapped, &by_hand);
    assert!(
        difference <= 2,
        "normal map vs tilted normals: {difference} levels"
    );
    // The map matters: without it the quads shade differently.
    assert!(max_difference(&mapped, &flat) > 20);
    common::golden::check("gltf_normal_map", &mapped).unwrap();
}

#[test]
fn texture_transform_equals_transformed_uvs() {
    let transformed = fixture("texture_transform");
    let texture = transformed.materials[0].base_color_texture.unwrap();
    assert_eq!(
        texture.transform,
        UvTransform {
            offset: [0.2, -0.1],
            rotation: 0.4,
            scale: [1.5, 0.75]
        }
    );
    // The extension's matrices, written out: translation × rotation × scale.
    let (sin, cos) = 0.4_f32.sin_cos();
    let translation = Mat3::from_cols(Vec3::X, Vec3::Y, Vec3::new(0.2, -0.1, 1.0));
    let rotation = Mat3::from_cols(Vec3::new(cos, -sin, 0.0), Vec3::new(sin, cos, 0.0), Vec3::Z);
    let scale = Mat3::from_diagonal(Vec3::new(1.5, 0.75, 1.0));
    let matrix = translation * rotation * scale;
    let mut by_hand = transformed.clone();
    let mut ignored = transformed.clone();
    for asset in [&mut by_hand, &mut ignored] {
        asset.materials[0]
            .base_color_texture
            .as_mut()
            .unwrap()
            .transform = UvTransform::default();
    }
    for v in &mut by_hand.primitives[0].vertices {
        let uv = matrix * Vec3::new(v.uv[0], v.uv[1], 1.0);
        v.uv = [uv.x, uv.y];
    }
    let assets = [transformed, by_hand, ignored];
    let [transformed, by_hand, ignored] = [0, 1, 2].map(|i| render(&assets, i, SUN));
    let difference = max_difference(&transformed, &by_hand);
    assert!(
        difference <= 2,
        "transform vs transformed UVs: {difference} levels"
    );
    assert!(max_difference(&transformed, &ignored) > 20);
    common::golden::check("gltf_texture_transform", &transformed).unwrap();
}

#[test]
fn alpha_mask_cuts_the_image_and_the_mask_alike() {
    let masked = fixture("alpha_mask");
    assert_eq!(masked.materials[0].alpha_mode, AlphaMode::Mask);
    let images = render(std::slice::from_ref(&masked), 0, SUN);
    let (quad, sky) = (pack_id(1, 3), pack_id(0, SKY_CATEGORY));
    let (mut kept, mut cut, mut near_edges) = (0, 0, 0);
    for y in 0..SIZE {
        for x in 0..SIZE {
            // The quad's UV at the pixel centre; the 8×8 texture is opaque where its
            // column is at least its row.
            let (wx, wy) = on_plane(x, y, DEPTH);
            let (u, v) = ((wx + 1.0) / 2.0, (1.0 - wy) / 2.0);
            let near = |c: f32| ((c * 8.0).round() - c * 8.0).abs() < 0.02;
            if near(u) || near(v) {
                near_edges += 1;
                continue;
            }
            let inside = (0.0..1.0).contains(&u) && (0.0..1.0).contains(&v);
            let opaque = inside && (u * 8.0).floor() >= (v * 8.0).floor();
            let id = images.ids[(y * SIZE + x) as usize];
            assert_eq!(id, if opaque { quad } else { sky }, "pixel ({x}, {y})");
            let colour = linear(&images, x, y);
            if opaque {
                kept += 1;
                assert!(
                    colour.y > colour.x,
                    "kept texel is green at ({x}, {y}): {colour}"
                );
            } else if inside {
                cut += 1;
                assert!(
                    colour.max_element() < 0.01,
                    "cut texel shows the sky at ({x}, {y})"
                );
            }
        }
    }
    println!("alpha mask: {kept} kept, {cut} cut, {near_edges} near an edge unchecked");
    assert!(kept > 300 && cut > 300);
    common::golden::check("gltf_alpha_mask", &images).unwrap();
}

#[test]
fn alpha_blend_mixes_over_the_backdrop_and_keeps_its_mask() {
    let glass = fixture("alpha_blend");
    assert_eq!(glass.materials[0].alpha_mode, AlphaMode::Blend);
    let mut opaque = glass.clone();
    opaque.materials[0].alpha_mode = AlphaMode::Opaque;
    let backdrop = common::matte_quad(-5.0, 5.0, -5.0, 5.0);
    let assets = [glass, opaque, backdrop];
    let mut renderer = Renderer::new(common::gpu(), &assets, SIZE, SIZE, 1).unwrap();
    let mut draw = |objects: Vec<ObjectDraw>| renderer.render_now(&frame(objects, SUN)).unwrap();
    let blended = draw(vec![object(2, 4.0, 2), object(0, DEPTH, 1)]);
    let behind = draw(vec![object(2, 4.0, 2)]);
    let front = draw(vec![object(2, 4.0, 2), object(1, DEPTH, 1)]);
    let alpha = 0.4;
    let mut checked = 0;
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (wx, wy) = on_plane(x, y, DEPTH);
            let id = blended.ids[(y * SIZE + x) as usize];
            if wx.abs() < 0.95 && wy.abs() < 0.95 {
                // Tinted glass still belongs to its object's mask.
                assert_eq!(id, pack_id(1, 3), "pixel ({x}, {y})");
                let expected = linear(&front, x, y) * alpha + linear(&behind, x, y) * (1.0 - alpha);
                let got = linear(&blended, x, y);
                assert!(
                    (got - expected).abs().max_element() < 0.015,
                    "({x}, {y}): {got} vs {expected}"
                );
                checked += 1;
            } else if wx.abs() > 1.05 || wy.abs() > 1.05 {
                assert_eq!(id, pack_id(2, 3), "pixel ({x}, {y})");
            }
        }
    }
    assert!(checked > 800);
    common::golden::check("gltf_alpha_blend", &blended).unwrap();
}

#[test]
fn emissive_texture_times_factor_and_strength() {
    let lamp = fixture("emissive");
    let dark = Lighting {
        sun: 0.0,
        ambient: 0.0,
        exposure: 0.25,
    };
    let images = render(std::slice::from_ref(&lamp), 0, dark);
    // Texels (red, green / blue, white) × factor (1, 0.5, 0.25) × strength 2 × exposure.
    let factor = Vec3::new(1.0, 0.5, 0.25) * 2.0 * 0.25;
    let quadrants = [
        ((-0.5, 0.5), Vec3::X),
        ((0.5, 0.5), Vec3::Y),
        ((-0.5, -0.5), Vec3::Z),
        ((0.5, -0.5), Vec3::ONE),
    ];
    let to_pixel = |w: f32| ((w / DEPTH + 1.0) * SIZE as f32 / 2.0) as u32;
    for ((wx, wy), texel) in quadrants {
        let (x, y) = (to_pixel(wx), SIZE - 1 - to_pixel(wy));
        let got = linear(&images, x, y);
        let expected = texel * factor;
        assert!(
            (got - expected).abs().max_element() < 0.006,
            "quadrant ({wx}, {wy}) at ({x}, {y}): {got} vs {expected}"
        );
    }
    common::golden::check("gltf_emissive", &images).unwrap();
}

#[test]
fn second_uv_set_is_sampled_where_the_material_says() {
    let two_sets = fixture("uv_sets");
    let texture = two_sets.materials[0].base_color_texture.unwrap();
    assert_eq!(texture.tex_coord, 1);
    let mut by_hand = two_sets.clone();
    by_hand.materials[0]
        .base_color_texture
        .as_mut()
        .unwrap()
        .tex_coord = 0;
    for v in &mut by_hand.primitives[0].vertices {
        v.uv = v.uv1;
    }
    let mut first_set = two_sets.clone();
    first_set.materials[0]
        .base_color_texture
        .as_mut()
        .unwrap()
        .tex_coord = 0;
    let assets = [two_sets, by_hand, first_set];
    let [two_sets, by_hand, first_set] = [0, 1, 2].map(|i| render(&assets, i, SUN));
    assert!(max_difference(&two_sets, &by_hand) <= 1);
    // TEXCOORD_0 would paint it one colour.
    assert!(max_difference(&two_sets, &first_set) > 20);
    common::golden::check("gltf_uv_sets", &two_sets).unwrap();
}

#[test]
fn vertex_colours_multiply_the_base_colour() {
    let coloured = fixture("vertex_colors");
    assert!(coloured.primitives.iter().all(|p| p.vertex_colors));
    let colours = [Vec3::new(0.8, 0.3, 0.1), Vec3::new(0.2, 0.5, 0.9)];
    let mut by_hand = coloured.clone();
    for (primitive, colour) in by_hand.primitives.iter_mut().zip(colours) {
        for v in &mut primitive.vertices {
            v.color = [1.0; 4];
        }
        primitive.vertex_colors = false;
        let factor = &mut by_hand.materials[primitive.material].base_color_factor;
        *factor = colour.extend(1.0).to_array();
    }
    let assets = [coloured, by_hand];
    let [coloured, by_hand] = [0, 1].map(|i| render(&assets, i, SUN));
    let difference = max_difference(&coloured, &by_hand);
    assert!(
        difference <= 1,
        "vertex colours vs factors: {difference} levels"
    );
    let (left, right) = (linear(&coloured, 24, 48), linear(&coloured, 72, 48));
    assert!(
        left.x > 2.0 * left.y && right.z > 2.0 * right.x,
        "{left} {right}"
    );
    common::golden::check("gltf_vertex_colors", &coloured).unwrap();
}

#[test]
fn metallic_roughness_and_occlusion_textures() {
    let textured = fixture("pbr_textures");
    let mut by_hand = textured.clone();
    let m = &mut by_hand.materials[0];
    m.metallic_roughness_texture = None;
    m.occlusion_texture = None;
    // The texel (_, 128, 255) times factors (1, 1).
    m.roughness_factor = 128.0 / 255.0;
    m.metallic_factor = 1.0;
    let assets = [textured, by_hand];
    // In sunlight the occlusion texture does nothing: only metalness and roughness count.
    let [sunlit, sunlit_by_hand] = [0, 1].map(|i| render(&assets, i, SUN));
    assert!(max_difference(&sunlit, &sunlit_by_hand) <= 1);
    // In ambient light it scales the light by its texel, 128/255.
    let ambient = Lighting {
        sun: 0.0,
        ambient: 1.0,
        exposure: 1.0,
    };
    let [occluded, open] = [0, 1].map(|i| render(&assets, i, ambient));
    let (got, full) = (linear(&occluded, 48, 48), linear(&open, 48, 48));
    assert!(
        full.min_element() > 0.05,
        "ambient light reaches the metal: {full}"
    );
    let expected = full * (128.0 / 255.0);
    assert!(
        (got - expected).abs().max_element() < 0.01,
        "{got} vs {expected}"
    );
    common::golden::check("gltf_pbr_textures", &sunlit).unwrap();
}
