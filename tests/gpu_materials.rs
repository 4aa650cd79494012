//! GPU tests of the material model on 64×64 images: per-object base colour and roughness
//! overrides, exposure, emission switched on and off, and the sun's specular highlight.
//! Colours are compared in linear space, decoded from the 8-bit sRGB output.

mod common;

use glam::{Mat4, Vec3};
use sdgen::frame::{FrameData, FrameImages, MaterialOverride, ObjectDraw};
use sdgen::importer::{
    Asset, Material, MeshPart, MeshPrimitive, Sampler, TextureImage, TextureRef, Vertex,
};
use sdgen::render::Renderer;

const SIZE: u32 = 64;
/// Row through the middle of every quad.
const ROW: u32 = 32;
/// Pixel columns inside the left and right quads of [`two_quads`].
const LEFT: u32 = 18;
const RIGHT: u32 = 45;

/// A quad in the XY plane facing +Z, spanning [x0, x1] × [-1, 1] at z = 0.
fn quad(x0: f32, x1: f32, material: usize) -> MeshPrimitive {
    let v = |x, y| Vertex::new([x, y, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0]);
    MeshPrimitive {
        vertices: vec![v(x0, -1.0), v(x1, -1.0), v(x1, 1.0), v(x0, 1.0)],
        indices: vec![0, 1, 2, 0, 2, 3],
        material,
        vertex_colors: false,
    }
}

/// An asset of `quads`, one part each, with `materials`.
fn asset(materials: Vec<Material>, quads: Vec<MeshPrimitive>) -> Asset {
    let parts = (0..quads.len())
        .map(|primitive| MeshPart {
            primitive,
            transform: Mat4::IDENTITY,
            node: 0,
        })
        .collect();
    let xs = quads
        .iter()
        .flat_map(|q| q.vertices.iter().map(|v| v.position[0]));
    let (x0, x1) = xs.fold((f32::MAX, f32::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
    Asset {
        path: "quads".into(),
        primitives: quads,
        materials,
        images: vec![],
        parts,
        nodes: vec![],
        bounds: (Vec3::new(x0, -1.0, 0.0), Vec3::new(x1, 1.0, 0.0)),
    }
}

/// Two quads side by side (left: material 0, right: material 1); seen at 2 m they cover
/// columns 6..=29 and 34..=57, rows 16..48.
fn two_quads(left: Material, right: Material) -> Asset {
    asset(
        vec![left, right],
        vec![quad(-1.6, -0.1, 0), quad(0.1, 1.6, 1)],
    )
}

/// A matte grey dielectric.
fn matte(grey: f32) -> Material {
    Material {
        base_color_factor: [grey, grey, grey, 1.0],
        metallic_factor: 0.0,
        roughness_factor: 1.0,
        ..Material::default()
    }
}

/// The asset 2 m in front of a camera at the origin looking down −Z (90° field of view),
/// lit by a white sun behind the camera, no ambient light, a black sky.
fn frame(object: ObjectDraw) -> FrameData {
    let camera = common::origin_camera(std::f32::consts::FRAC_PI_2, 1.0);
    let light = common::sun_light(Vec3::Z, 1.0, 0.0);
    common::test_frame((SIZE, SIZE), camera, light, vec![object])
}

fn object() -> ObjectDraw {
    common::object_at(0, 1, Mat4::from_translation(Vec3::new(0.0, 0.0, -2.0)))
}

fn renderer(asset: Asset) -> Renderer {
    Renderer::new(common::gpu(), &[asset], SIZE, SIZE, 1).unwrap()
}

/// The linear RGB of pixel (`col`, `ROW`).
fn linear(images: &FrameImages, col: u32) -> Vec3 {
    let at = ((ROW * images.width + col) * 4) as usize;
    let decode = |byte: u8| {
        let c = f32::from(byte) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    Vec3::from_array([0, 1, 2].map(|k| decode(images.rgba[at + k])))
}

/// Every pixel of columns `cols`, as RGBA bytes.
fn columns(images: &FrameImages, cols: std::ops::Range<u32>) -> Vec<u8> {
    (0..images.height)
        .flat_map(|row| {
            cols.clone()
                .map(move |col| (row * images.width + col) as usize)
        })
        .flat_map(|p| images.rgba[p * 4..p * 4 + 4].to_vec())
        .collect()
}

fn paint(base_color: Option<Vec3>, roughness: Option<f32>) -> MaterialOverride {
    MaterialOverride {
        material: 1,
        base_color,
        roughness,
        metallic: None,
    }
}

#[test]
fn base_color_override_recolours_only_its_material_and_keeps_the_mask() {
    let mut renderer = renderer(two_quads(matte(0.5), matte(0.5)));
    let plain = renderer.render_now(&frame(object())).unwrap();
    let red = Vec3::new(0.8, 0.1, 0.3);
    let painted = ObjectDraw {
        materials: vec![paint(Some(red), None)],
        ..object()
    };
    let painted = renderer.render_now(&frame(painted)).unwrap();

    assert_eq!(painted.ids, plain.ids, "masks must not change");
    assert!(plain.ids.iter().any(|&id| id & 0xffff == 1));
    // A matte surface facing the sun shows its base colour, plus a faint (F0 = 0.04,
    // roughness 1) specular term.
    for (images, col, expected) in [
        (&plain, LEFT, Vec3::splat(0.5)),
        (&plain, RIGHT, Vec3::splat(0.5)),
        (&painted, RIGHT, red),
    ] {
        let got = linear(images, col);
        let extra = got - expected;
        assert!(
            extra.min_element() > -0.01 && extra.max_element() < 0.03,
            "column {col}: {got} for base colour {expected}"
        );
    }
    // The left quad's material has no override: its half of the image is unchanged.
    assert_eq!(columns(&painted, 0..32), columns(&plain, 0..32));
}

#[test]
fn exposure_scales_linear_colour_sky_included() {
    let mut renderer = renderer(two_quads(matte(0.3), matte(0.2)));
    let mut dim = frame(object());
    dim.light.sky_color = Vec3::new(0.05, 0.1, 0.2);
    let mut bright = dim.clone();
    bright.light.exposure = 2.0;
    let dim = renderer.render_now(&dim).unwrap();
    let bright = renderer.render_now(&bright).unwrap();
    assert_eq!(dim.ids, bright.ids);
    for col in [LEFT, RIGHT, 0, 63] {
        let ratio = linear(&bright, col) / linear(&dim, col);
        assert!(
            ratio.cmpgt(Vec3::splat(1.93)).all() && ratio.cmplt(Vec3::splat(2.07)).all(),
            "column {col}: exposure 2 / exposure 1 = {ratio}"
        );
    }
}

#[test]
fn emissive_material_glows_with_emissive_one_and_is_dark_with_zero() {
    let lamp = Material {
        base_color_factor: [0.0, 0.0, 0.0, 1.0],
        emissive_factor: [0.5, 0.25, 0.1],
        emissive_strength: 1.5,
        ..matte(0.0)
    };
    let mut renderer = renderer(two_quads(matte(0.4), lamp));
    let on = renderer.render_now(&frame(object())).unwrap();
    let off = ObjectDraw {
        emissive: 0.0,
        ..object()
    };
    let off = renderer.render_now(&frame(off)).unwrap();

    let glow = Vec3::new(0.75, 0.375, 0.15);
    let lit = linear(&on, RIGHT);
    assert!(
        (lit - glow).abs().max_element() < 0.03,
        "lights on: {lit}, expected {glow}"
    );
    let unlit = linear(&off, RIGHT);
    assert!(unlit.max_element() < 0.02, "lights off: {unlit}");
    assert_eq!(on.ids, off.ids);
    // The other material does not glow, so it does not change.
    assert_eq!(columns(&on, 0..32), columns(&off, 0..32));
}

#[test]
fn smooth_surface_facing_the_half_vector_shows_a_highlight() {
    let shiny = |roughness| Material {
        roughness_factor: roughness,
        ..matte(0.1)
    };
    // Left quad smooth, right quad rough; the sun is behind the camera, so the half
    // vector equals the normal where the view ray is perpendicular to the quad.
    let one = |x0: f32, x1: f32, m| asset(vec![m], vec![quad(x0, x1, 0)]);
    let mut smooth = renderer(one(-1.5, 1.5, shiny(0.2)));
    let mut rough = renderer(one(-1.5, 1.5, shiny(1.0)));
    let centre = 32;
    let edge = 10; // about 33° off the normal: outside the smooth lobe
    let smooth_image = smooth.render_now(&frame(object())).unwrap();
    let rough_image = rough.render_now(&frame(object())).unwrap();
    let (s, r) = (linear(&smooth_image, centre), linear(&rough_image, centre));
    assert!(s.min_element() > 0.9, "smooth at the highlight: {s}");
    assert!(r.max_element() < 0.15, "rough at the same pixel: {r}");
    let (s, r) = (linear(&smooth_image, edge), linear(&rough_image, edge));
    assert!(
        s.max_element() < 0.2 && r.max_element() < 0.15,
        "away from the highlight: smooth {s}, rough {r}"
    );

    // A roughness override on the rough material gives the smooth material's image.
    let mut overridden = object();
    overridden.materials = vec![MaterialOverride {
        material: 0,
        ..paint(None, Some(0.2))
    }];
    let overridden = rough.render_now(&frame(overridden)).unwrap();
    assert_eq!(overridden.rgba, smooth_image.rgba);
}

#[test]
fn metallic_override_trades_diffuse_for_specular_tinted_by_the_base_colour() {
    let orange = Material {
        base_color_factor: [0.8, 0.4, 0.2, 1.0],
        ..matte(0.0)
    };
    let mut renderer = renderer(two_quads(orange.clone(), orange));
    let mut metal = object();
    metal.materials = vec![MaterialOverride {
        metallic: Some(1.0),
        ..paint(None, None)
    }];
    let images = renderer.render_now(&frame(metal)).unwrap();
    let dielectric = linear(&images, LEFT);
    let metal = linear(&images, RIGHT);
    // Dielectric: the base colour. Metal, roughness 1: no diffuse; the specular lobe
    // (about a quarter of the light here) coloured by F0 = base colour.
    assert!(
        (dielectric - Vec3::new(0.8, 0.4, 0.2)).abs().max_element() < 0.03,
        "{dielectric}"
    );
    let ratio = metal / Vec3::new(0.8, 0.4, 0.2);
    assert!(
        ratio.cmpgt(Vec3::splat(0.2)).all() && ratio.cmplt(Vec3::splat(0.32)).all(),
        "metal {metal}: {ratio} of the base colour"
    );
}

#[test]
fn textured_and_untextured_pipelines_agree() {
    // Left: sampled from a 1x1 white texture; right: the untextured pipeline. The two
    // quads mirror each other about the view axis, so their pixels must match.
    let textured = Material {
        base_color_texture: Some(TextureRef::new(0, Sampler::default())),
        ..matte(0.6)
    };
    let mut asset = two_quads(textured, matte(0.6));
    asset.images = vec![TextureImage {
        width: 1,
        height: 1,
        rgba8: vec![255; 4],
    }];
    let images = renderer(asset).render_now(&frame(object())).unwrap();
    for row in [20, ROW, 44] {
        let at = |col: u32| ((row * SIZE + col) * 4) as usize;
        let (left, right) = (at(LEFT), at(RIGHT));
        for k in 0..3 {
            let (l, r) = (images.rgba[left + k], images.rgba[right + k]);
            assert!(l.abs_diff(r) <= 1, "row {row} channel {k}: {l} vs {r}");
        }
    }
}
