//! GPU test of sun shadows against geometry: a 2 m square board floats 1 m above a large
//! ground plane under a sun straight overhead, seen from above at an angle. Ground points
//! whose vertical line meets the board are in shadow (dark), ground points well away from
//! it are lit, with no acne on the open ground; the masks are not touched by shadows; a
//! board outside the camera's view still casts its shadow into it.

mod common;

use glam::{Mat4, Vec3, Vec4};
use sdgen::frame::{CameraData, FrameData, FrameImages};
use sdgen::importer::{Asset, Material, MeshPrimitive, Vertex};
use sdgen::render::Renderer;

const WIDTH: u32 = 96;
const HEIGHT: u32 = 72;

/// A horizontal square of half-size `half` at height `y`, facing up.
fn square(half: f32, y: f32) -> MeshPrimitive {
    let v = |x, z| Vertex::new([x, y, z], [0.0, 1.0, 0.0], [0.0, 0.0]);
    MeshPrimitive {
        vertices: vec![
            v(-half, half),
            v(half, half),
            v(half, -half),
            v(-half, -half),
        ],
        indices: vec![0, 1, 2, 0, 2, 3],
        material: 0,
        vertex_colors: false,
    }
}

fn asset(primitive: MeshPrimitive) -> Asset {
    let material = Material {
        metallic_factor: 0.0,
        roughness_factor: 1.0,
        double_sided: true,
        ..Material::default()
    };
    common::one_primitive_asset(primitive, material)
}

fn frame() -> FrameData {
    let eye = Vec3::new(0.0, 5.0, -9.0);
    let view = glam::camera::rh::view::look_at_mat4(eye, Vec3::new(0.0, 0.0, 1.0), Vec3::Y);
    let camera = CameraData {
        view,
        projection: glam::camera::rh::proj::directx::perspective(
            1.0,
            WIDTH as f32 / HEIGHT as f32,
            0.1,
            100.0,
        ),
        position: eye,
    };
    let light = common::sun_light(Vec3::Y, 0.8, 0.05);
    let objects = vec![
        common::object_at(0, 0, Mat4::IDENTITY),
        common::object_at(1, 1, Mat4::IDENTITY),
    ];
    common::test_frame((WIDTH, HEIGHT), camera, light, objects)
}

/// The ground point (y = 0) seen through the centre of pixel (c, r).
fn ground_point(f: &FrameData, c: u32, r: u32) -> Vec3 {
    let inverse = (f.camera.projection * f.camera.view).inverse();
    let ndc = |depth: f32| {
        Vec4::new(
            (c as f32 + 0.5) / WIDTH as f32 * 2.0 - 1.0,
            1.0 - (r as f32 + 0.5) / HEIGHT as f32 * 2.0,
            depth,
            1.0,
        )
    };
    let (near, far) = (inverse * ndc(0.0), inverse * ndc(1.0));
    let (near, far) = (near.truncate() / near.w, far.truncate() / far.w);
    near + (far - near) * (near.y / (near.y - far.y))
}

/// Renders `f` with the ground and a 2 m board `board_y` metres up.
fn render(f: &FrameData, board_y: f32) -> FrameImages {
    let assets = [asset(square(20.0, 0.0)), asset(square(1.0, board_y))];
    let mut renderer = Renderer::new(common::gpu(), &assets, WIDTH, HEIGHT, 1).unwrap();
    renderer.render_now(f).unwrap()
}

#[test]
fn a_board_shades_the_ground_straight_below_it_and_nowhere_else() {
    let f = frame();
    let images = render(&f, 1.0);
    let (mut shadowed, mut lit) = (Vec::new(), Vec::new());
    for r in 0..HEIGHT {
        for c in 0..WIDTH {
            let k = (r * WIDTH + c) as usize;
            if images.ids[k] & 0xffff != 0 {
                continue; // the board itself
            }
            let p = ground_point(&f, c, r);
            let value = images.rgba[k * 4];
            // Leave a band of 0.25 m around the outline for the soft edge.
            let inside = p.x.abs().max(p.z.abs());
            if inside < 0.75 {
                shadowed.push(value);
            } else if inside > 1.25 && p.x.abs() < 15.0 && p.z.abs() < 15.0 {
                lit.push(value);
            }
        }
    }
    assert!(
        shadowed.len() > 20 && lit.len() > 500,
        "{} {}",
        shadowed.len(),
        lit.len()
    );
    let max_shadow = shadowed.iter().copied().max().unwrap_or(0);
    let min_lit = lit.iter().copied().min().unwrap_or(0);
    println!(
        "shadow ≤ {max_shadow}, lit ≥ {min_lit} (of {} and {})",
        shadowed.len(),
        lit.len()
    );
    assert!(
        max_shadow < 90,
        "the ground under the board is lit: {max_shadow}"
    );
    assert!(min_lit > 200, "open ground is shadowed (acne?): {min_lit}");
    // Shadows change the colour only.
    let mut no_sun = f.clone();
    no_sun.light.sun_color = Vec3::ZERO;
    assert_eq!(render(&no_sun, 1.0).ids, images.ids);
}

#[test]
fn a_board_outside_the_view_still_casts_its_shadow_into_it() {
    let f = frame();
    // 12 m up, the board is above the top of the view; its shadow falls on the ground the
    // camera sees.
    let images = render(&f, 12.0);
    assert!(
        images.ids.iter().all(|id| id & 0xffff != 1),
        "the board is in view"
    );
    let mut under = Vec::new();
    for r in 0..HEIGHT {
        for c in 0..WIDTH {
            let p = ground_point(&f, c, r);
            if p.x.abs().max(p.z.abs()) < 0.75 {
                under.push(images.rgba[((r * WIDTH + c) * 4) as usize]);
            }
        }
    }
    assert!(
        under.len() > 20,
        "{} ground pixels under the board",
        under.len()
    );
    let brightest = under.iter().copied().max().unwrap_or(255);
    assert!(
        brightest < 90,
        "no shadow from the off-screen board: {brightest}"
    );
}

#[test]
fn an_alpha_masked_board_casts_only_its_opaque_texels() {
    // The alpha_mask fixture (opaque where the texel column ≥ row, a triangle) laid flat
    // 1 m up, facing the overhead sun: its local (x, y) lands on world (x, 1, −y), so it
    // is opaque over the ground where x ≥ z, up to the texels' staircase.
    let path = common::repo().join("tests/fixtures/gltf/alpha_mask.glb");
    let leaf = sdgen::importer::load_asset(&sdgen::source::DiskSource, &path).unwrap();
    let assets = [asset(square(20.0, 0.0)), leaf];
    let mut f = frame();
    f.objects[1].transform =
        Mat4::from_translation(Vec3::Y) * Mat4::from_rotation_x(-std::f32::consts::FRAC_PI_2);
    let mut renderer = Renderer::new(common::gpu(), &assets, WIDTH, HEIGHT, 1).unwrap();
    let images = renderer.render_now(&f).unwrap();
    let (mut shadowed, mut lit) = (Vec::new(), Vec::new());
    for r in 0..HEIGHT {
        for c in 0..WIDTH {
            let k = (r * WIDTH + c) as usize;
            if images.ids[k] & 0xffff != 0 {
                continue; // the board's opaque texels themselves
            }
            let p = ground_point(&f, c, r);
            if p.x.abs().max(p.z.abs()) > 0.8 {
                continue;
            }
            // Away from the staircase and the soft edge.
            if p.x - p.z > 0.45 {
                shadowed.push(images.rgba[k * 4]);
            } else if p.z - p.x > 0.45 {
                lit.push(images.rgba[k * 4]);
            }
        }
    }
    assert!(
        shadowed.len() > 5 && lit.len() > 5,
        "{} {}",
        shadowed.len(),
        lit.len()
    );
    let max_shadow = shadowed.iter().copied().max().unwrap_or(255);
    let min_lit = lit.iter().copied().min().unwrap_or(0);
    println!(
        "masked board: shadow ≤ {max_shadow} ({}), cut-out lit ≥ {min_lit} ({})",
        shadowed.len(),
        lit.len()
    );
    assert!(
        max_shadow < 90,
        "no shadow under the opaque texels: {max_shadow}"
    );
    assert!(min_lit > 200, "the cut-out texels cast a shadow: {min_lit}");
}
