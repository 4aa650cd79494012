//! Test fixtures: small glTF files, one per material feature the renderer supports, for
//! sdgen's GPU tests (tests/gpu_gltf_features.rs) and golden images. Each is one or two
//! 2 m × 2 m quads in the XY plane facing +Z, the image upright on them (u along +X,
//! v down). The values below are restated in the tests, which compute the expected
//! image independently.

use crate::geom::MeshData;
use crate::gltf::{Document, Node};
use glam::{Vec2, Vec3};
use serde_json::{Value, json};
use std::path::Path;

/// glTF sampler filters and wraps.
const NEAREST: u32 = 9728;
const LINEAR: u32 = 9729;
const LINEAR_MIPMAP_LINEAR: u32 = 9987;
const REPEAT: u32 = 10497;
const CLAMP: u32 = 33071;

/// A PNG of `width` × `height` RGBA8 texels.
fn png(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(rgba).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

fn sampler(filter: u32, min_filter: u32, wrap: u32) -> Value {
    json!({ "magFilter": filter, "minFilter": min_filter, "wrapS": wrap, "wrapT": wrap })
}

/// A 2 m quad centred on the origin; `mirror_u` runs u along −X instead.
fn quad(mirror_u: bool) -> MeshData {
    let mut m = MeshData::default();
    let u = |x: f32| if mirror_u { 1.0 - x } else { x };
    m.quad(
        [
            Vec3::new(-1.0, -1.0, 0.0),
            Vec3::new(1.0, -1.0, 0.0),
            Vec3::new(1.0, 1.0, 0.0),
            Vec3::new(-1.0, 1.0, 0.0),
        ],
        [
            Vec2::new(u(0.0), 1.0),
            Vec2::new(u(1.0), 1.0),
            Vec2::new(u(1.0), 0.0),
            Vec2::new(u(0.0), 0.0),
        ],
    );
    m
}

/// A matte material (glTF JSON) with `extra` merged in.
fn matte(name: &str, extra: Value) -> Value {
    let mut m = json!({
        "name": name,
        "pbrMetallicRoughness": {
            "baseColorFactor": [0.8, 0.8, 0.8, 1.0], "metallicFactor": 0.0, "roughnessFactor": 1.0
        }
    });
    merge(&mut m, extra);
    m
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Writes one quad mesh per `(node name, x offset, primitive)` and the file.
fn write(dir: &Path, name: &str, doc: &mut Document, quads: Vec<(&str, f32, Value)>) -> usize {
    let mut nodes = Vec::new();
    for (node, x, primitive) in quads {
        let mesh = doc.mesh(node, vec![primitive]);
        nodes.push(Node::new(node).mesh(mesh).at(x, 0.0, 0.0));
    }
    let root = Node::new(name).children(nodes);
    doc.write_glb(&dir.join(format!("{name}.glb")), &root)
        .expect("write fixture")
}

/// The normal texture's one texel: tangent-space (−0.29, 0.57, 0.73) before normalising.
const NORMAL_TEXEL: [u8; 4] = [90, 200, 220, 255];

/// Normal map, constant tilt. Left quad: no TANGENT (the renderer generates it). Right
/// quad: u mirrored, with TANGENT (−1, 0, 0, −1) given.
fn normal_map(dir: &Path) -> usize {
    let mut doc = Document::default();
    let texture = doc.png_texture(
        "normal",
        &png(2, 2, &NORMAL_TEXEL.repeat(4)),
        sampler(LINEAR, LINEAR_MIPMAP_LINEAR, REPEAT),
    );
    let material = doc.raw_material(matte(
        "normal_mapped",
        json!({ "normalTexture": { "index": texture, "scale": 1.0 } }),
    ));
    let left = doc.primitive(&quad(false), material, crate::gltf::PrimitiveLayout::FULL);
    let mut right = doc.primitive(&quad(true), material, crate::gltf::PrimitiveLayout::FULL);
    let tangents = doc.float_accessor(&[-1.0, 0.0, 0.0, -1.0].repeat(4), "VEC4", 4);
    right["attributes"]["TANGENT"] = json!(tangents);
    write(
        dir,
        "normal_map",
        &mut doc,
        vec![
            ("generated_tangents", -1.1, left),
            ("given_tangents", 1.1, right),
        ],
    )
}

/// A 4×4 texture of 16 distinct opaque colours.
fn colour_grid() -> Vec<u8> {
    (0..16u8)
        .flat_map(|i| [i * 16 + 8, 255 - i * 12, i.wrapping_mul(73), 255])
        .collect()
}

/// Base colour texture through KHR_texture_transform.
fn texture_transform(dir: &Path) -> usize {
    let mut doc = Document::default();
    doc.use_extension("KHR_texture_transform");
    let texture = doc.png_texture(
        "grid",
        &png(4, 4, &colour_grid()),
        sampler(LINEAR, LINEAR, REPEAT),
    );
    let material = doc.raw_material(matte(
        "transformed",
        json!({ "pbrMetallicRoughness": { "baseColorTexture": {
            "index": texture,
            "extensions": { "KHR_texture_transform": {
                "offset": [0.2, -0.1], "rotation": 0.4, "scale": [1.5, 0.75]
            } }
        } } }),
    ));
    let prim = doc.primitive(&quad(false), material, crate::gltf::PrimitiveLayout::FULL);
    write(
        dir,
        "texture_transform",
        &mut doc,
        vec![("quad", 0.0, prim)],
    )
}

/// Alpha MASK (cutoff 0.5): an 8×8 texture, opaque where column ≥ row, else alpha 0.
fn alpha_mask(dir: &Path) -> usize {
    let mut doc = Document::default();
    let rgba: Vec<u8> = (0..64u32)
        .flat_map(|i| {
            let (x, y) = (i % 8, i / 8);
            if x >= y {
                [40, 160, 60, 255]
            } else {
                [220, 30, 30, 0]
            }
        })
        .collect();
    let texture = doc.png_texture("leaf", &png(8, 8, &rgba), sampler(NEAREST, NEAREST, CLAMP));
    let material = doc.raw_material(matte(
        "masked",
        json!({
            "pbrMetallicRoughness": { "baseColorTexture": { "index": texture } },
            "alphaMode": "MASK", "alphaCutoff": 0.5, "doubleSided": true
        }),
    ));
    let prim = doc.primitive(&quad(false), material, crate::gltf::PrimitiveLayout::FULL);
    write(dir, "alpha_mask", &mut doc, vec![("quad", 0.0, prim)])
}

/// Alpha BLEND: base colour (0.9, 0.2, 0.1) at alpha 0.4, untextured.
fn alpha_blend(dir: &Path) -> usize {
    let mut doc = Document::default();
    let material = doc.raw_material(matte(
        "glass",
        json!({
            "pbrMetallicRoughness": { "baseColorFactor": [0.9, 0.2, 0.1, 0.4] },
            "alphaMode": "BLEND"
        }),
    ));
    let prim = doc.primitive(
        &quad(false),
        material,
        crate::gltf::PrimitiveLayout::UNTEXTURED,
    );
    write(dir, "alpha_blend", &mut doc, vec![("quad", 0.0, prim)])
}

/// Emission: a 2×2 sRGB texture (red, green / blue, white) times emissiveFactor
/// (1, 0.5, 0.25) times strength 2, on a black base.
fn emissive(dir: &Path) -> usize {
    let mut doc = Document::default();
    let rgba = [
        255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255,
    ];
    let texture = doc.png_texture("glow", &png(2, 2, &rgba), sampler(NEAREST, NEAREST, CLAMP));
    doc.use_extension("KHR_materials_emissive_strength");
    let material = doc.raw_material(matte(
        "lamp",
        json!({
            "pbrMetallicRoughness": { "baseColorFactor": [0.0, 0.0, 0.0, 1.0] },
            "emissiveTexture": { "index": texture },
            "emissiveFactor": [1.0, 0.5, 0.25],
            "extensions": { "KHR_materials_emissive_strength": { "emissiveStrength": 2.0 } }
        }),
    ));
    let prim = doc.primitive(&quad(false), material, crate::gltf::PrimitiveLayout::FULL);
    write(dir, "emissive", &mut doc, vec![("quad", 0.0, prim)])
}

/// Two UV sets: the base colour texture reads TEXCOORD_1 (the upright mapping);
/// TEXCOORD_0 is a constant (0.9, 0.9) that would paint the quad one colour.
fn uv_sets(dir: &Path) -> usize {
    let mut doc = Document::default();
    let texture = doc.png_texture(
        "grid",
        &png(4, 4, &colour_grid()),
        sampler(NEAREST, NEAREST, CLAMP),
    );
    let material = doc.raw_material(matte(
        "second_set",
        json!({ "pbrMetallicRoughness": { "baseColorTexture": { "index": texture, "texCoord": 1 } } }),
    ));
    let mesh = quad(false);
    let mut prim = doc.primitive(&mesh, material, crate::gltf::PrimitiveLayout::FULL);
    let uv1: Vec<f32> = mesh.uvs.iter().flat_map(|t| t.to_array()).collect();
    let set1 = doc.float_accessor(&uv1, "VEC2", 2);
    let set0 = doc.float_accessor(&[0.9; 8], "VEC2", 2);
    prim["attributes"]["TEXCOORD_1"] = json!(set1);
    prim["attributes"]["TEXCOORD_0"] = json!(set0);
    write(dir, "uv_sets", &mut doc, vec![("quad", 0.0, prim)])
}

/// Vertex colours on a white base: left quad COLOR_0 as normalised u16 RGBA
/// (0.8, 0.3, 0.1, 1), right quad as float RGB (0.2, 0.5, 0.9).
fn vertex_colors(dir: &Path) -> usize {
    let mut doc = Document::default();
    let white = |name: &str| {
        json!({ "name": name, "pbrMetallicRoughness": {
            "baseColorFactor": [1.0, 1.0, 1.0, 1.0], "metallicFactor": 0.0, "roughnessFactor": 1.0
        } })
    };
    let (m0, m1) = (
        doc.raw_material(white("left")),
        doc.raw_material(white("right")),
    );
    let layout = crate::gltf::PrimitiveLayout::UNTEXTURED;
    let mut left = doc.primitive(&quad(false), m0, layout);
    let mut right = doc.primitive(&quad(false), m1, layout);
    let rgba = doc.unorm16_accessor(&[0.8, 0.3, 0.1, 1.0].repeat(4), "VEC4", 4);
    let rgb = doc.float_accessor(&[0.2, 0.5, 0.9].repeat(4), "VEC3", 3);
    left["attributes"]["COLOR_0"] = json!(rgba);
    right["attributes"]["COLOR_0"] = json!(rgb);
    write(
        dir,
        "vertex_colors",
        &mut doc,
        vec![("unorm16_rgba", -1.1, left), ("float_rgb", 1.1, right)],
    )
}

/// Metallic-roughness and occlusion textures: one texel each, (_, 128, 255) → roughness
/// 128/255, metalness 1; occlusion 128/255 at strength 1; base colour (0.9, 0.6, 0.3).
fn pbr_textures(dir: &Path) -> usize {
    let mut doc = Document::default();
    let one = |rgba: [u8; 4]| png(1, 1, &rgba);
    let flat = sampler(NEAREST, NEAREST, REPEAT);
    let mr = doc.png_texture("metal_rough", &one([0, 128, 255, 255]), flat.clone());
    let ao = doc.png_texture("occlusion", &one([128, 128, 128, 255]), flat);
    let material = doc.raw_material(json!({
        "name": "worn_metal",
        "pbrMetallicRoughness": {
            "baseColorFactor": [0.9, 0.6, 0.3, 1.0],
            "metallicFactor": 1.0, "roughnessFactor": 1.0,
            "metallicRoughnessTexture": { "index": mr }
        },
        "occlusionTexture": { "index": ao, "strength": 1.0 }
    }));
    let prim = doc.primitive(&quad(false), material, crate::gltf::PrimitiveLayout::FULL);
    write(dir, "pbr_textures", &mut doc, vec![("quad", 0.0, prim)])
}

/// Writes every fixture into `dir`; returns (file name, bytes) per file.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<(String, usize)>> {
    std::fs::create_dir_all(dir)?;
    type Fixture = fn(&Path) -> usize;
    let fixtures: [(&str, Fixture); 8] = [
        ("normal_map", normal_map),
        ("texture_transform", texture_transform),
        ("alpha_mask", alpha_mask),
        ("alpha_blend", alpha_blend),
        ("emissive", emissive),
        ("uv_sets", uv_sets),
        ("vertex_colors", vertex_colors),
        ("pbr_textures", pbr_textures),
    ];
    Ok(fixtures
        .iter()
        .map(|(name, write)| (format!("{name}.glb"), write(dir)))
        .collect())
}
