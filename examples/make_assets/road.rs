//! The ground: a textured two-lane road along +Z, raised sidewalks with kerbs, grass beyond.
//!
//! Road: x = -3.5 … 3.5, z = -20 … 180, y = 0, one texture tile per 10 m of Z (REPEAT).
//! Sidewalks: 3 m wide each side, top at y = 0.15 with vertical kerb and end faces.
//! Terrain: flush with the sidewalk top, from |x| = 6.5 to 40 m.

use crate::geom::MeshData;
use crate::gltf::{Document, Node, PrimitiveLayout};
use glam::{Vec2, Vec3};
use serde_json::json;

const Z0: f32 = -20.0;
const Z1: f32 = 180.0;
const ROAD_HALF_WIDTH: f32 = 3.5;
const SIDEWALK_WIDTH: f32 = 3.0;
const KERB_HEIGHT: f32 = 0.15;
const TERRAIN_HALF_WIDTH: f32 = 40.0;
/// Metres of road covered by one repeat of the texture along Z.
const TILE_LENGTH: f32 = 10.0;
/// Meshes are cut every this many metres along Z (keeps triangles moderate in size).
const SEGMENT: f32 = 10.0;

const TEX_W: u32 = 64;
const TEX_H: u32 = 256;

/// Adds an axis-aligned rectangle (`min` and `max` share the coordinate along `normal`),
/// facing `normal` (a signed unit axis), cut every [`SEGMENT`] m along Z.
fn rect(m: &mut MeshData, min: Vec3, max: Vec3, normal: Vec3, uv: &dyn Fn(Vec3) -> Vec2) {
    let a = normal.abs().max_position();
    let (b, c) = ((a + 1) % 3, (a + 2) % 3);
    let pieces = if a == 2 {
        1
    } else {
        ((max.z - min.z) / SEGMENT).ceil() as u32
    };
    for k in 0..pieces {
        let (mut lo, mut hi) = (min, max);
        if a != 2 {
            lo.z = min.z + SEGMENT * k as f32;
            hi.z = (lo.z + SEGMENT).min(max.z);
        }
        let corner = |pb: usize, pc: usize| {
            let mut p = lo;
            p[b] = if pb == 1 { hi[b] } else { lo[b] };
            p[c] = if pc == 1 { hi[c] } else { lo[c] };
            p
        };
        // (b-,c-) (b+,c-) (b+,c+) (b-,c+) winds counter-clockwise around +axis a.
        let mut q = [corner(0, 0), corner(1, 0), corner(1, 1), corner(0, 1)];
        if normal[a] < 0.0 {
            q.reverse();
        }
        m.quad(q, q.map(uv));
        let n = *m.normals.last().expect("just added");
        assert!(n.dot(normal) > 0.999, "rect winding");
    }
}

/// Deterministic per-texel noise in -6..=6 (integer hash, no RNG state).
fn noise(x: u32, y: u32) -> i32 {
    let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ 0x2545_F491;
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    (h % 13) as i32 - 6
}

/// The road texture: asphalt, solid white edge lines, dashed white centre line
/// (3 m dash per 10 m tile). Columns span the road width, rows one tile along Z.
fn road_png() -> Vec<u8> {
    let mut rgba = Vec::with_capacity((TEX_W * TEX_H * 4) as usize);
    let dash_rows = (3.0 / TILE_LENGTH * TEX_H as f32).round() as u32;
    for y in 0..TEX_H {
        for x in 0..TEX_W {
            let n = noise(x, y);
            let paint = match x {
                2 | 3 | 60 | 61 => true,
                31 | 32 => y < dash_rows,
                _ => false,
            };
            let grey = if paint { 226 + n / 2 } else { 62 + n };
            let g = u8::try_from(grey).expect("grey in range");
            rgba.extend_from_slice(&[g, g, g.saturating_add(if paint { 0 } else { 3 }), 255]);
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, TEX_W, TEX_H);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::High);
    let mut writer = enc.write_header().expect("png header");
    writer.write_image_data(&rgba).expect("png data");
    writer.finish().expect("png finish");
    out
}

/// Builds the ground and writes `path` as GLB; returns the file size.
pub(crate) fn write(path: &std::path::Path) -> std::io::Result<usize> {
    let mut doc = Document::default();
    // LINEAR = 9729, CLAMP_TO_EDGE = 33071, REPEAT = 10497.
    let sampler = json!({ "magFilter": 9729, "minFilter": 9729, "wrapS": 33071, "wrapT": 10497 });
    let texture = doc.png_texture("road_asphalt_markings", &road_png(), sampler);
    let asphalt = doc.textured_material("road_asphalt", texture, 0.0, 0.9);
    let concrete = doc.material("sidewalk_concrete", [0.45, 0.45, 0.43, 1.0], 0.0, 0.8);
    let grass = doc.material("terrain_grass", [0.10, 0.25, 0.05, 1.0], 0.0, 0.95);

    let (up, h, r) = (Vec3::Y, KERB_HEIGHT, ROAD_HALF_WIDTH);
    let (s, t) = (r + SIDEWALK_WIDTH, TERRAIN_HALF_WIDTH);
    let v3 = Vec3::new;
    // World-planar UVs (computed, not written while sidewalk/terrain are untextured).
    let planar = |p: Vec3| Vec2::new(p.x, p.z) * 0.5 + Vec2::new(0.0, p.y);

    // Road: u across (0 at x = -3.5, 1 at x = 3.5), v = one per tile along +Z.
    let mut road = MeshData::default();
    let road_uv = |p: Vec3| Vec2::new((p.x + r) / (2.0 * r), (p.z - Z0) / TILE_LENGTH);
    rect(&mut road, v3(-r, 0.0, Z0), v3(r, 0.0, Z1), up, &road_uv);

    let mut sidewalks = MeshData::default();
    let mut terrain = MeshData::default();
    for side in [1.0f32, -1.0] {
        let (xi, xo) = (side * r, side * s); // kerb line, sidewalk outer edge
        let (lo, hi) = (xi.min(xo), xi.max(xo));
        rect(&mut sidewalks, v3(lo, h, Z0), v3(hi, h, Z1), up, &planar);
        // Kerb face, looking at the road.
        rect(
            &mut sidewalks,
            v3(xi, 0.0, Z0),
            v3(xi, h, Z1),
            v3(-side, 0.0, 0.0),
            &planar,
        );
        for (z, dir) in [(Z0, -1.0), (Z1, 1.0)] {
            rect(
                &mut sidewalks,
                v3(lo, 0.0, z),
                v3(hi, h, z),
                v3(0.0, 0.0, dir),
                &planar,
            );
        }

        let (xt, xe) = (side * s, side * t); // terrain inner and outer edge
        let (lo, hi) = (xt.min(xe), xt.max(xe));
        rect(&mut terrain, v3(lo, h, Z0), v3(hi, h, Z1), up, &planar);
        rect(
            &mut terrain,
            v3(xe, 0.0, Z0),
            v3(xe, h, Z1),
            v3(side, 0.0, 0.0),
            &planar,
        );
        for (z, dir) in [(Z0, -1.0), (Z1, 1.0)] {
            rect(
                &mut terrain,
                v3(lo, 0.0, z),
                v3(hi, h, z),
                v3(0.0, 0.0, dir),
                &planar,
            );
        }
    }

    let prims = [
        ("road_surface", road, asphalt),
        ("sidewalks", sidewalks, concrete),
        ("terrain", terrain, grass),
    ];
    let mut children = Vec::new();
    for (name, mesh, material) in prims {
        let layout = if material == asphalt {
            PrimitiveLayout::FULL
        } else {
            PrimitiveLayout::UNTEXTURED
        };
        let primitive = vec![doc.primitive(&mesh, material, layout)];
        let mesh = doc.mesh(name, primitive);
        children.push(Node::new(name).mesh(mesh));
    }
    doc.write_glb(path, &Node::new("ground").children(children))
}
