//! glTF importer tests on tiny glTF/GLB files built by hand in each test.

use base64::Engine as _;
use glam::{Mat4, Quat, Vec3};
use sdgen::importer::*;
use sdgen::source::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const FLOAT: u32 = 5126;
const UNSIGNED_SHORT: u32 = 5123;

// ---------------------------------------------------------------------------------------
// Fixture builders
// ---------------------------------------------------------------------------------------

/// One binary buffer with its buffer views and accessors, as glTF JSON.
#[derive(Default)]
struct Bin {
    data: Vec<u8>,
    views: Vec<Value>,
    accessors: Vec<Value>,
}

impl Bin {
    /// Appends a 4-byte aligned buffer view; returns its index.
    fn view(&mut self, bytes: &[u8]) -> usize {
        while !self.data.len().is_multiple_of(4) {
            self.data.push(0);
        }
        self.views.push(json!({
            "buffer": 0, "byteOffset": self.data.len(), "byteLength": bytes.len()
        }));
        self.data.extend_from_slice(bytes);
        self.views.len() - 1
    }

    fn accessor(&mut self, accessor: Value) -> usize {
        self.accessors.push(accessor);
        self.accessors.len() - 1
    }

    /// A VEC3 float accessor (with the min/max glTF requires for POSITION).
    fn vec3(&mut self, values: &[[f32; 3]]) -> usize {
        let bytes: Vec<u8> = values
            .iter()
            .flatten()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let view = self.view(&bytes);
        let mut min = [f32::INFINITY; 3];
        let mut max = [f32::NEG_INFINITY; 3];
        for v in values {
            for k in 0..3 {
                min[k] = min[k].min(v[k]);
                max[k] = max[k].max(v[k]);
            }
        }
        self.accessor(json!({
            "bufferView": view, "componentType": FLOAT, "count": values.len(),
            "type": "VEC3", "min": min, "max": max
        }))
    }

    fn vec2(&mut self, values: &[[f32; 2]]) -> usize {
        let bytes: Vec<u8> = values
            .iter()
            .flatten()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let view = self.view(&bytes);
        self.accessor(json!({
            "bufferView": view, "componentType": FLOAT, "count": values.len(), "type": "VEC2"
        }))
    }

    fn u16s(&mut self, values: &[u16]) -> usize {
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        let view = self.view(&bytes);
        self.accessor(json!({
            "bufferView": view, "componentType": UNSIGNED_SHORT, "count": values.len(),
            "type": "SCALAR"
        }))
    }

    /// The glTF document: this buffer (`uri` or GLB BIN when `None`) plus `extra` fields.
    fn document(&self, uri: Option<String>, extra: Value) -> Value {
        let mut buffer = json!({ "byteLength": self.data.len() });
        if let Some(uri) = uri {
            buffer["uri"] = Value::String(uri);
        }
        let mut doc = json!({
            "asset": { "version": "2.0" },
            "buffers": [buffer],
            "bufferViews": self.views,
            "accessors": self.accessors,
        });
        for (key, value) in extra.as_object().expect("extra is an object") {
            doc[key] = value.clone();
        }
        doc
    }

    /// The document with the buffer embedded as a base64 data URI, as `.gltf` bytes.
    fn gltf_with_data_uri(&self, extra: Value) -> Vec<u8> {
        let uri = data_uri("application/octet-stream", &self.data);
        serde_json::to_vec(&self.document(Some(uri), extra)).unwrap()
    }

    /// The document as a `.glb` with the buffer in the BIN chunk.
    fn glb(&self, extra: Value) -> Vec<u8> {
        glb(
            &serde_json::to_vec(&self.document(None, extra)).unwrap(),
            &self.data,
        )
    }
}

fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// A GLB container: 12-byte header, JSON chunk padded with spaces, BIN chunk padded with zeros.
fn glb(json: &[u8], bin: &[u8]) -> Vec<u8> {
    let mut json = json.to_vec();
    while !json.len().is_multiple_of(4) {
        json.push(b' ');
    }
    let mut bin = bin.to_vec();
    while !bin.len().is_multiple_of(4) {
        bin.push(0);
    }
    let total = 12 + 8 + json.len() + 8 + bin.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(b"JSON");
    out.extend_from_slice(&json);
    out.extend_from_slice(&(bin.len() as u32).to_le_bytes());
    out.extend_from_slice(b"BIN\0");
    out.extend_from_slice(&bin);
    out
}

/// An in-memory file source holding `files` (the bytes are leaked, as the table is `'static`).
fn embedded(files: Vec<(&str, Vec<u8>)>) -> EmbeddedSource {
    let table: Vec<(&'static str, &'static [u8])> = files
        .into_iter()
        .map(|(path, bytes)| {
            let path: &'static str = Box::leak(path.to_owned().into_boxed_str());
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            (path, bytes)
        })
        .collect();
    EmbeddedSource::new(Box::leak(table.into_boxed_slice()))
}

/// A fresh, empty directory under the system temp dir, unique to this process and test.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdgen-importer-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn load_embedded(name: &str, bytes: Vec<u8>) -> Result<Asset, ImportError> {
    load_asset(&embedded(vec![(name, bytes)]), Path::new(name))
}

fn error_message(name: &str, bytes: Vec<u8>) -> String {
    match load_embedded(name, bytes) {
        Ok(_) => panic!("{name}: expected an import error"),
        Err(err) => err.to_string(),
    }
}

/// The triangle (0,0,0), (1,0,0), (0,1,0) in the z = 0 plane, counter-clockwise from +z.
const TRIANGLE: [[f32; 3]; 3] = [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]];
const TRIANGLE_UVS: [[f32; 2]; 3] = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]];

/// A buffer with one indexed, normal-carrying, textured triangle, and the mesh JSON using it.
fn triangle_bin() -> (Bin, Value) {
    let mut bin = Bin::default();
    let position = bin.vec3(&TRIANGLE);
    let normal = bin.vec3(&[[0.0, 0.0, 2.0]; 3]); // not unit: the importer normalises
    let uv = bin.vec2(&TRIANGLE_UVS);
    let indices = bin.u16s(&[0, 1, 2]);
    let meshes = json!([{ "primitives": [{
        "attributes": { "POSITION": position, "NORMAL": normal, "TEXCOORD_0": uv },
        "indices": indices
    }]}]);
    (bin, meshes)
}

fn one_node_scene(meshes: Value) -> Value {
    json!({
        "scene": 0,
        "scenes": [{ "nodes": [0] }],
        "nodes": [{ "mesh": 0 }],
        "meshes": meshes,
    })
}

fn expected_triangle_vertices() -> Vec<Vertex> {
    (0..3)
        .map(|i| Vertex {
            position: TRIANGLE[i],
            normal: [0.0, 0.0, 1.0],
            uv: TRIANGLE_UVS[i],
        })
        .collect()
}

fn assert_mat_close(actual: Mat4, expected: Mat4) {
    assert!(
        actual.abs_diff_eq(expected, 1e-6),
        "transform\n{actual:?}\n!= expected\n{expected:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------

#[test]
fn gltf_with_data_uri_buffer() {
    let (bin, meshes) = triangle_bin();
    let asset = load_embedded(
        "assets/tri.gltf",
        bin.gltf_with_data_uri(one_node_scene(meshes)),
    )
    .unwrap();

    assert_eq!(asset.path, Path::new("assets/tri.gltf"));
    assert_eq!(asset.primitives.len(), 1);
    let prim = &asset.primitives[0];
    assert_eq!(prim.vertices, expected_triangle_vertices());
    assert_eq!(prim.indices, [0, 1, 2]);
    // No material in the file: the glTF default material is appended and used.
    assert_eq!(asset.materials, [Material::default()]);
    assert_eq!(prim.material, 0);
    assert!(asset.images.is_empty());
    assert_eq!(
        asset.parts,
        [MeshPart {
            primitive: 0,
            transform: Mat4::IDENTITY
        }]
    );
    assert_eq!(asset.bounds, (Vec3::ZERO, Vec3::new(1.0, 1.0, 0.0)));
}

#[test]
fn gltf_buffer_with_gltf_buffer_mime_and_no_padding() {
    let (bin, meshes) = triangle_bin();
    let encoded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bin.data);
    let uri = format!("data:application/gltf-buffer;base64,{encoded}");
    let doc = bin.document(Some(uri), one_node_scene(meshes));
    let asset = load_embedded("a.gltf", serde_json::to_vec(&doc).unwrap()).unwrap();
    assert_eq!(asset.primitives[0].vertices, expected_triangle_vertices());
}

#[test]
fn glb_matches_gltf() {
    let (bin, meshes) = triangle_bin();
    let from_gltf = load_embedded(
        "assets/tri.gltf",
        bin.gltf_with_data_uri(one_node_scene(meshes.clone())),
    )
    .unwrap();
    let from_glb = load_embedded("assets/tri.glb", bin.glb(one_node_scene(meshes))).unwrap();

    assert_eq!(from_glb.path, Path::new("assets/tri.glb"));
    assert_eq!(from_glb.primitives, from_gltf.primitives);
    assert_eq!(from_glb.materials, from_gltf.materials);
    assert_eq!(from_glb.parts, from_gltf.parts);
    assert_eq!(from_glb.bounds, from_gltf.bounds);
    assert_eq!(
        from_glb.primitives[0].vertices,
        expected_triangle_vertices()
    );
}

#[test]
fn external_bin_next_to_gltf_on_disk() {
    let (bin, meshes) = triangle_bin();
    let dir = temp_dir("external-bin");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("data/tri angle.bin"), &bin.data).unwrap();
    let doc = bin.document(
        Some("./data/tri%20angle.bin".into()),
        one_node_scene(meshes),
    );
    let path = dir.join("tri.gltf");
    std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();

    let asset = load_asset(&DiskSource, &path).unwrap();
    assert_eq!(asset.primitives[0].vertices, expected_triangle_vertices());
    assert_eq!(asset.primitives[0].indices, [0, 1, 2]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn external_bin_through_embedded_source() {
    let (bin, meshes) = triangle_bin();
    let doc = bin.document(Some("../buffers/tri.bin".into()), one_node_scene(meshes));
    let source = embedded(vec![
        ("assets/models/tri.gltf", serde_json::to_vec(&doc).unwrap()),
        ("assets/buffers/tri.bin", bin.data.clone()),
    ]);
    let asset = load_asset(&source, Path::new("assets/models/tri.gltf")).unwrap();
    assert_eq!(asset.primitives[0].vertices, expected_triangle_vertices());
}

#[test]
fn non_indexed_triangle_gets_sequential_indices() {
    let mut bin = Bin::default();
    let position = bin.vec3(&TRIANGLE);
    let normal = bin.vec3(&[[0.0, 0.0, 1.0]; 3]);
    let meshes = json!([{ "primitives": [{
        "attributes": { "POSITION": position, "NORMAL": normal }
    }]}]);
    let asset = load_embedded("t.gltf", bin.gltf_with_data_uri(one_node_scene(meshes))).unwrap();
    let prim = &asset.primitives[0];
    assert_eq!(prim.indices, [0, 1, 2]);
    assert_eq!(prim.vertices.len(), 3);
    // No TEXCOORD_0: zero UVs.
    assert!(prim.vertices.iter().all(|v| v.uv == [0.0, 0.0]));
}

#[test]
fn missing_normals_become_flat_face_normals() {
    // A quad in the z = 0 plane sharing two vertices, plus a degenerate triangle.
    let mut bin = Bin::default();
    let position = bin.vec3(&[
        [0.0, 0.0, 0.0],
        [1.0, 0.0, 0.0],
        [1.0, 1.0, 0.0],
        [0.0, 1.0, 0.0],
        [2.0, 0.0, 0.0],
    ]);
    let uv = bin.vec2(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.5, 0.5]]);
    let indices = bin.u16s(&[0, 1, 2, 0, 2, 3, 0, 1, 4]);
    let meshes = json!([{ "primitives": [{
        "attributes": { "POSITION": position, "TEXCOORD_0": uv }, "indices": indices
    }]}]);
    let asset = load_embedded("q.gltf", bin.gltf_with_data_uri(one_node_scene(meshes))).unwrap();
    let prim = &asset.primitives[0];

    // Un-welded: three vertices per triangle, indices 0..9.
    assert_eq!(prim.indices, (0..9).collect::<Vec<u32>>());
    assert_eq!(prim.vertices.len(), 9);
    for v in &prim.vertices[..6] {
        assert_eq!(v.normal, [0.0, 0.0, 1.0]);
    }
    // Degenerate (collinear) triangle: the fallback normal, never NaN.
    for v in &prim.vertices[6..] {
        assert_eq!(v.normal, [0.0, 1.0, 0.0]);
    }
    // Positions and UVs follow the original indices.
    assert_eq!(prim.vertices[4].position, [1.0, 1.0, 0.0]);
    assert_eq!(prim.vertices[4].uv, [1.0, 1.0]);
    assert_eq!(prim.vertices[8].position, [2.0, 0.0, 0.0]);
    assert_eq!(prim.vertices[8].uv, [0.5, 0.5]);
}

#[test]
fn triangle_strip_and_fan_become_lists() {
    let mut bin = Bin::default();
    let position = bin.vec3(&[
        [0.0, 0.0, 0.0],
        [1.0, 0.0, 0.0],
        [0.0, 1.0, 0.0],
        [1.0, 1.0, 0.0],
    ]);
    let normal = bin.vec3(&[[0.0, 0.0, 1.0]; 4]);
    let meshes = json!([{ "primitives": [
        { "attributes": { "POSITION": position, "NORMAL": normal }, "mode": 5 },
        { "attributes": { "POSITION": position, "NORMAL": normal }, "mode": 6 },
    ]}]);
    let asset = load_embedded("s.gltf", bin.gltf_with_data_uri(one_node_scene(meshes))).unwrap();
    assert_eq!(asset.primitives[0].indices, [0, 1, 2, 1, 3, 2]);
    assert_eq!(asset.primitives[1].indices, [1, 2, 0, 2, 3, 0]);
}

#[test]
fn node_hierarchy_accumulates_transforms() {
    let (bin, meshes) = triangle_bin();
    // parent: translation (10, 0, 0); child: 180° about +z, scale 2; another child given
    // as a column-major matrix translating by (0, 0, 5).
    let extra = json!({
        "scene": 0,
        "scenes": [{ "nodes": [0] }],
        "nodes": [
            { "translation": [10.0, 0.0, 0.0], "children": [1, 2] },
            { "rotation": [0.0, 0.0, 1.0, 0.0], "scale": [2.0, 2.0, 2.0], "mesh": 0 },
            { "matrix": [1.0, 0.0, 0.0, 0.0,  0.0, 1.0, 0.0, 0.0,  0.0, 0.0, 1.0, 0.0,
                         0.0, 0.0, 5.0, 1.0], "mesh": 0 },
        ],
        "meshes": meshes,
    });
    let asset = load_embedded("h.gltf", bin.gltf_with_data_uri(extra)).unwrap();

    assert_eq!(asset.parts.len(), 2);
    let expected_rotated = Mat4::from_scale_rotation_translation(
        Vec3::splat(2.0),
        Quat::from_rotation_z(std::f32::consts::PI),
        Vec3::new(10.0, 0.0, 0.0),
    );
    assert_mat_close(asset.parts[0].transform, expected_rotated);
    assert_mat_close(
        asset.parts[1].transform,
        Mat4::from_translation(Vec3::new(10.0, 0.0, 5.0)),
    );
    // (0,0,0) → (10,0,0); (1,0,0) → (8,0,0); (0,1,0) → (10,-2,0); second part at z = 5
    // spanning x 10..11, y 0..1.
    let (min, max) = asset.bounds;
    assert!(min.abs_diff_eq(Vec3::new(8.0, -2.0, 0.0), 1e-6), "{min}");
    assert!(max.abs_diff_eq(Vec3::new(11.0, 1.0, 5.0), 1e-6), "{max}");
}

#[test]
fn mesh_used_by_two_nodes_is_stored_once() {
    let (bin, meshes) = triangle_bin();
    let extra = json!({
        "scenes": [{ "nodes": [0, 1] }],
        "nodes": [
            { "mesh": 0 },
            { "mesh": 0, "translation": [0.0, 0.0, -3.0] },
        ],
        "meshes": meshes,
    });
    let asset = load_embedded("m.gltf", bin.gltf_with_data_uri(extra)).unwrap();
    assert_eq!(asset.primitives.len(), 1);
    assert_eq!(asset.parts.len(), 2);
    assert!(asset.parts.iter().all(|p| p.primitive == 0));
    assert_eq!(
        asset.parts[1].transform,
        Mat4::from_translation(Vec3::new(0.0, 0.0, -3.0))
    );
    assert_eq!(
        asset.bounds,
        (Vec3::new(0.0, 0.0, -3.0), Vec3::new(1.0, 1.0, 0.0))
    );
}

#[test]
fn no_scenes_uses_root_nodes() {
    let (bin, meshes) = triangle_bin();
    let extra = json!({
        "nodes": [
            { "children": [1], "translation": [1.0, 0.0, 0.0] },
            { "mesh": 0 },
            { "mesh": 0, "translation": [0.0, 5.0, 0.0] },
        ],
        "meshes": meshes,
    });
    let asset = load_embedded("r.gltf", bin.gltf_with_data_uri(extra)).unwrap();
    let translations: Vec<Vec3> = asset
        .parts
        .iter()
        .map(|p| p.transform.w_axis.truncate())
        .collect();
    assert_eq!(
        translations,
        [Vec3::new(1.0, 0.0, 0.0), Vec3::new(0.0, 5.0, 0.0)]
    );
}

/// 2x2 RGBA PNG: red, green / blue, half-transparent white.
fn test_png() -> (Vec<u8>, Vec<u8>) {
    let texels: Vec<u8> = vec![
        255, 0, 0, 255, 0, 255, 0, 255, //
        0, 0, 255, 255, 255, 255, 255, 128,
    ];
    let img = image::RgbaImage::from_raw(2, 2, texels.clone()).unwrap();
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    (png, texels)
}

#[test]
fn base_color_texture_decoded_once_with_sampler() {
    let (png, texels) = test_png();
    let (mut bin, _) = triangle_bin();
    let png_view = bin.view(&png);
    let extra = json!({
        "scenes": [{ "nodes": [0] }],
        "nodes": [{ "mesh": 0 }],
        "meshes": [{ "primitives": [
            { "attributes": { "POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2 }, "indices": 3, "material": 0 },
            { "attributes": { "POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2 }, "indices": 3, "material": 1 },
            { "attributes": { "POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2 }, "indices": 3, "material": 2 },
            { "attributes": { "POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2 }, "indices": 3, "material": 0 },
        ]}],
        "materials": [
            { "name": "painted", "pbrMetallicRoughness": {
                "baseColorFactor": [0.5, 0.25, 1.0, 1.0], "baseColorTexture": { "index": 0 } } },
            { "pbrMetallicRoughness": { "baseColorTexture": { "index": 1 } } },
            { "pbrMetallicRoughness": { "baseColorTexture": { "index": 2 } } },
        ],
        "textures": [
            { "source": 0, "sampler": 0 },
            { "source": 0 },
            { "source": 1, "sampler": 1 },
        ],
        "samplers": [
            { "magFilter": 9728, "minFilter": 9987, "wrapS": 33071, "wrapT": 33648 },
            { "magFilter": 9729, "minFilter": 9984 },
        ],
        "images": [
            { "bufferView": png_view, "mimeType": "image/png" },
            { "uri": data_uri("image/png", &png) },
        ],
    });
    let asset = load_embedded("tex.glb", bin.glb(extra)).unwrap();

    // Image 0 is used by two materials but decoded once; image 1 is a data URI.
    assert_eq!(asset.images.len(), 2);
    for image in &asset.images {
        assert_eq!((image.width, image.height), (2, 2));
        assert_eq!(image.rgba8, texels);
    }
    // Three file materials, all used: no default material appended.
    assert_eq!(asset.materials.len(), 3);
    let materials: Vec<usize> = asset.primitives.iter().map(|p| p.material).collect();
    assert_eq!(materials, [0, 1, 2, 0]);

    let painted = &asset.materials[0];
    assert_eq!(painted.name, "painted");
    assert_eq!(painted.base_color_factor, [0.5, 0.25, 1.0, 1.0]);
    assert_eq!(
        painted.base_color_texture,
        Some(TextureRef {
            image: 0,
            sampler: Sampler {
                wrap_u: WrapMode::ClampToEdge,
                wrap_v: WrapMode::MirroredRepeat,
                mag_filter: FilterMode::Nearest,
                min_filter: FilterMode::Linear,
            },
        })
    );
    let unnamed = &asset.materials[1];
    assert_eq!(unnamed.name, "material1");
    assert_eq!(unnamed.base_color_factor, [1.0; 4]);
    // No sampler: glTF defaults (repeat) and the renderer's default filters.
    assert_eq!(
        unnamed.base_color_texture,
        Some(TextureRef {
            image: 0,
            sampler: Sampler::default()
        })
    );
    assert_eq!(
        asset.materials[2].base_color_texture,
        Some(TextureRef {
            image: 1,
            sampler: Sampler {
                wrap_u: WrapMode::Repeat,
                wrap_v: WrapMode::Repeat,
                mag_filter: FilterMode::Linear,
                min_filter: FilterMode::Nearest,
            },
        })
    );
}

#[test]
fn position_accessor_without_min_max_is_accepted() {
    let (mut bin, meshes) = triangle_bin();
    let position = bin.accessors[0].as_object_mut().unwrap();
    position.remove("min");
    position.remove("max");
    let asset = load_embedded("nm.gltf", bin.gltf_with_data_uri(one_node_scene(meshes))).unwrap();
    assert_eq!(asset.bounds, (Vec3::ZERO, Vec3::new(1.0, 1.0, 0.0)));
}

#[test]
fn import_error_is_send_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<ImportError>();
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

#[test]
fn missing_file_names_the_file() {
    let dir = temp_dir("missing");
    let path = dir.join("nowhere.glb");
    let err = load_asset(&DiskSource, &path).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ImportError::Read { .. }), "{err:?}");
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    assert!(msg.contains("nowhere.glb: cannot read: "), "{msg}");
    assert!(msg.contains("No such file"), "{msg}");

    let msg = load_asset(&embedded(vec![]), Path::new("assets/car.glb"))
        .unwrap_err()
        .to_string();
    assert!(msg.starts_with("assets/car.glb: cannot read: "), "{msg}");
}

#[test]
fn invalid_json_names_the_file() {
    let msg = error_message("scenes/x.gltf", b"{ \"asset\": ".to_vec());
    assert!(
        msg.starts_with("scenes/x.gltf: not a valid glTF file: "),
        "{msg}"
    );
    assert!(msg.contains("EOF"), "{msg}");
}

#[test]
fn invalid_references_are_rejected() {
    let (bin, _) = triangle_bin();
    let meshes = json!([{ "primitives": [{ "attributes": { "POSITION": 42 } }] }]);
    let msg = error_message("v.gltf", bin.gltf_with_data_uri(one_node_scene(meshes)));
    assert_eq!(
        msg,
        "v.gltf: mesh 0 primitive 0 POSITION: accessor 42 does not exist"
    );

    let meshes = json!([{ "primitives": [{ "attributes": { "POSITION": 0, "NORMAL": 42 } }] }]);
    let msg = error_message("v.gltf", bin.gltf_with_data_uri(one_node_scene(meshes)));
    assert!(msg.starts_with("v.gltf: not a valid glTF file: "), "{msg}");
    assert!(msg.contains("NORMAL"), "{msg}");
}

#[test]
fn bad_base64_is_reported() {
    let (bin, meshes) = triangle_bin();
    let doc = bin.document(
        Some("data:application/octet-stream;base64,@@not*base64@@".into()),
        one_node_scene(meshes),
    );
    let msg = error_message("assets/car.gltf", serde_json::to_vec(&doc).unwrap());
    assert!(
        msg.starts_with("assets/car.gltf: buffer 0: data URI is not valid base64"),
        "{msg}"
    );
}

#[test]
fn missing_external_bin_names_both_files() {
    let (bin, meshes) = triangle_bin();
    let doc = bin.document(Some("gone.bin".into()), one_node_scene(meshes));
    let msg = error_message("assets/car.gltf", serde_json::to_vec(&doc).unwrap());
    assert!(
        msg.starts_with("assets/car.gltf: buffer 0: cannot read assets/gone.bin: "),
        "{msg}"
    );
}

#[test]
fn unsupported_uri_scheme() {
    let (bin, meshes) = triangle_bin();
    let doc = bin.document(
        Some("https://example.com/a.bin".into()),
        one_node_scene(meshes),
    );
    let msg = error_message("u.gltf", serde_json::to_vec(&doc).unwrap());
    assert!(msg.starts_with("u.gltf: buffer 0: URI "), "{msg}");
    assert!(msg.contains("is not supported"), "{msg}");
}

#[test]
fn short_buffer_is_reported() {
    let (bin, meshes) = triangle_bin();
    let mut doc = bin.document(
        Some(data_uri("application/octet-stream", &bin.data[..8])),
        one_node_scene(meshes),
    );
    doc["buffers"][0]["byteLength"] = json!(bin.data.len());
    let msg = error_message("s.gltf", serde_json::to_vec(&doc).unwrap());
    assert!(msg.starts_with("s.gltf: buffer 0: declares "), "{msg}");
}

#[test]
fn index_out_of_range_names_mesh_and_primitive() {
    let mut bin = Bin::default();
    let position = bin.vec3(&TRIANGLE);
    let indices = bin.u16s(&[0, 1, 7]);
    let meshes = json!([
        { "primitives": [{ "attributes": { "POSITION": position } }] },
        { "primitives": [
            { "attributes": { "POSITION": position } },
            { "attributes": { "POSITION": position }, "indices": indices },
        ] },
    ]);
    let extra = json!({
        "scenes": [{ "nodes": [0, 1] }],
        "nodes": [{ "mesh": 0 }, { "mesh": 1 }],
        "meshes": meshes,
    });
    let msg = error_message("i.gltf", bin.gltf_with_data_uri(extra));
    assert_eq!(
        msg,
        "i.gltf: mesh 1 primitive 1: index 7 is out of range (the primitive has 3 vertices)"
    );
}

#[test]
fn lines_mode_is_rejected() {
    let (bin, _) = triangle_bin();
    let meshes = json!([{ "primitives": [{ "attributes": { "POSITION": 0 }, "mode": 1 }] }]);
    let msg = error_message(
        "scenes/x.gltf",
        bin.gltf_with_data_uri(one_node_scene(meshes)),
    );
    assert_eq!(
        msg,
        "scenes/x.gltf: mesh 0 primitive 0: mode Lines is not supported (only triangles)"
    );
}

#[test]
fn missing_positions_is_rejected() {
    let (bin, _) = triangle_bin();
    let meshes = json!([{ "primitives": [{ "attributes": { "NORMAL": 1 } }] }]);
    let msg = error_message("p.gltf", bin.gltf_with_data_uri(one_node_scene(meshes)));
    assert_eq!(msg, "p.gltf: mesh 0 primitive 0: has no POSITION attribute");
}

#[test]
fn accessor_outside_its_buffer_view_is_reported() {
    let (mut bin, meshes) = triangle_bin();
    bin.accessors[0]["count"] = json!(300);
    let msg = error_message("o.gltf", bin.gltf_with_data_uri(one_node_scene(meshes)));
    assert!(
        msg.starts_with("o.gltf: mesh 0 primitive 0 POSITION (accessor 0): 300 elements"),
        "{msg}"
    );
}

#[test]
fn wrong_accessor_type_is_reported() {
    let (bin, _) = triangle_bin();
    // TEXCOORD_0 pointing at the VEC3 normal accessor.
    let meshes = json!([{ "primitives": [{ "attributes": { "POSITION": 0, "TEXCOORD_0": 1 } }] }]);
    let msg = error_message("w.gltf", bin.gltf_with_data_uri(one_node_scene(meshes)));
    assert!(
        msg.starts_with("w.gltf: mesh 0 primitive 0 TEXCOORD_0 (accessor 1): accessor type is Vec3, expected VEC2"),
        "{msg}"
    );
}

#[test]
fn node_cycle_is_reported() {
    let (bin, meshes) = triangle_bin();
    let extra = json!({
        "scenes": [{ "nodes": [0] }],
        "nodes": [{ "children": [1], "mesh": 0 }, { "children": [0] }],
        "meshes": meshes,
    });
    let msg = error_message("c.gltf", bin.gltf_with_data_uri(extra));
    assert!(msg.starts_with("c.gltf: node 0: reached twice"), "{msg}");
}

#[test]
fn scene_without_triangles_is_an_error() {
    let (bin, meshes) = triangle_bin();
    let extra = json!({ "scenes": [{ "nodes": [0] }], "nodes": [{}], "meshes": meshes });
    let msg = error_message("e.gltf", bin.gltf_with_data_uri(extra));
    assert_eq!(msg, "e.gltf: the scene contains no triangles");
}

#[test]
fn undecodable_image_is_reported() {
    let (bin, meshes) = triangle_bin();
    let mut scene = one_node_scene(meshes);
    scene["meshes"][0]["primitives"][0]["material"] = json!(0);
    scene["materials"] =
        json!([{ "pbrMetallicRoughness": { "baseColorTexture": { "index": 0 } } }]);
    scene["textures"] = json!([{ "source": 0 }]);
    scene["images"] = json!([{ "uri": data_uri("image/png", b"not a png at all") }]);
    let msg = error_message("img.gltf", bin.gltf_with_data_uri(scene));
    assert!(
        msg.starts_with("img.gltf: image 0: cannot decode: "),
        "{msg}"
    );
}

#[test]
fn truncated_glb_is_reported() {
    let (bin, meshes) = triangle_bin();
    let bytes = bin.glb(one_node_scene(meshes));
    let msg = error_message("t.glb", bytes[..bytes.len() - 10].to_vec());
    assert!(msg.starts_with("t.glb: not a valid glTF file: "), "{msg}");
}

/// Every truncation and many single-byte corruptions of a GLB must give `Ok` or `Err`,
/// never a panic.
#[test]
fn corrupted_glb_never_panics() {
    let (png, _) = test_png();
    let (mut bin, meshes) = triangle_bin();
    let png_view = bin.view(&png);
    let mut scene = one_node_scene(meshes);
    scene["meshes"][0]["primitives"][0]["material"] = json!(0);
    scene["materials"] =
        json!([{ "pbrMetallicRoughness": { "baseColorTexture": { "index": 0 } } }]);
    scene["textures"] = json!([{ "source": 0 }]);
    scene["images"] = json!([{ "bufferView": png_view, "mimeType": "image/png" }]);
    let bytes = bin.glb(scene);
    load_embedded("ok.glb", bytes.clone()).expect("uncorrupted file loads");

    for len in 0..bytes.len() {
        let _ = load_embedded("cut.glb", bytes[..len].to_vec());
    }
    for i in 0..bytes.len() {
        for value in [0x00, 0xff, 0x7f, b'9'] {
            let mut corrupt = bytes.clone();
            corrupt[i] = value;
            let _ = load_embedded("flip.glb", corrupt);
        }
    }
}

/// Sets every numeric/structural field of a textured, sparse-using document to edge values
/// one at a time: each load must give `Ok` or `Err`, never a panic.
#[test]
fn edge_values_in_json_never_panic() {
    let (png, _) = test_png();
    let (mut bin, _) = triangle_bin();
    let png_view = bin.view(&png);
    // A sparse accessor overriding vertex 1 of the positions: indices [1], values [(2,0,0)].
    let sparse_indices = bin.view(&1u16.to_le_bytes());
    let sparse_values = bin.view(
        &[2.0f32, 0.0, 0.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    let sparse = bin.accessor(json!({
        "bufferView": 0, "componentType": FLOAT, "count": 3, "type": "VEC3",
        "min": [0.0, 0.0, 0.0], "max": [2.0, 1.0, 0.0],
        "sparse": { "count": 1,
            "indices": { "bufferView": sparse_indices, "componentType": UNSIGNED_SHORT },
            "values": { "bufferView": sparse_values } }
    }));
    let scene = json!({
        "scene": 0,
        "scenes": [{ "nodes": [0] }],
        "nodes": [{ "mesh": 0, "children": [1] }, { "mesh": 0, "scale": [1.0, 2.0, 3.0] }],
        "meshes": [{ "primitives": [{
            "attributes": { "POSITION": sparse, "NORMAL": 1, "TEXCOORD_0": 2 },
            "indices": 3, "material": 0
        }]}],
        "materials": [{ "pbrMetallicRoughness": { "baseColorTexture": { "index": 0 } } }],
        "textures": [{ "source": 0, "sampler": 0 }],
        "samplers": [{ "magFilter": 9728, "minFilter": 9987 }],
        "images": [{ "bufferView": png_view, "mimeType": "image/png" }],
    });
    let base = bin.document(None, scene);
    let asset = load_embedded(
        "ok.glb",
        glb(&serde_json::to_vec(&base).unwrap(), &bin.data),
    )
    .expect("unmodified document loads");
    assert_eq!(asset.primitives[0].vertices[1].position, [2.0, 0.0, 0.0]);

    let edge_values = [
        json!(0),
        json!(1),
        json!(2),
        json!(3),
        json!(4),
        json!(7),
        json!(255),
        json!(65535),
        json!(4294967295u64),
        json!(u64::MAX),
        json!(-1),
        json!(0.5),
        json!("VEC4"),
        json!("MAT4"),
        json!(5120),
        json!(5125),
        json!(9999),
        json!([]),
        json!([0, 0]),
        Value::Null,
    ];
    // Every leaf path of the document except the asset header.
    fn leaves(value: &Value, path: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| leaves(v, format!("{path}/{k}"), out)),
            Value::Array(items) => {
                out.push(path.clone());
                items
                    .iter()
                    .enumerate()
                    .for_each(|(i, v)| leaves(v, format!("{path}/{i}"), out))
            }
            _ => out.push(path),
        }
    }
    let mut paths = Vec::new();
    leaves(&base, String::new(), &mut paths);
    paths.retain(|p| !p.starts_with("/asset"));
    assert!(paths.len() > 50, "{}", paths.len());

    let mut loads = 0;
    for path in &paths {
        for value in &edge_values {
            let mut doc = base.clone();
            *doc.pointer_mut(path).unwrap() = value.clone();
            let bytes = glb(&serde_json::to_vec(&doc).unwrap(), &bin.data);
            let _ = load_embedded("edge.glb", bytes);
            loads += 1;
        }
        // And with the field removed.
        let mut doc = base.clone();
        let (parent, key) = path.rsplit_once('/').unwrap();
        match doc.pointer_mut(parent).unwrap() {
            Value::Object(map) => {
                map.remove(key);
            }
            Value::Array(items) => {
                items.remove(key.parse::<usize>().unwrap());
            }
            _ => unreachable!(),
        }
        let _ = load_embedded(
            "edge.glb",
            glb(&serde_json::to_vec(&doc).unwrap(), &bin.data),
        );
    }
    assert!(loads > 1000);
}

#[test]
fn normalized_integer_texcoords() {
    let mut bin = Bin::default();
    let position = bin.vec3(&TRIANGLE);
    let u16_view = bin.view(
        &[0u16, 0, 65535, 0, 0, 65535]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    let u16_uv = bin.accessor(json!({
        "bufferView": u16_view, "componentType": UNSIGNED_SHORT, "normalized": true,
        "count": 3, "type": "VEC2"
    }));
    // u8 UVs with a byteStride of 4 (each element padded to 4 bytes).
    let u8_view = bin.view(&[0, 0, 0, 0, 255, 0, 0, 0, 0, 51, 0, 0]);
    bin.views[u8_view]["byteStride"] = json!(4);
    let u8_uv = bin.accessor(json!({
        "bufferView": u8_view, "componentType": 5121, "normalized": true,
        "count": 3, "type": "VEC2"
    }));
    let meshes = json!([{ "primitives": [
        { "attributes": { "POSITION": position, "TEXCOORD_0": u16_uv } },
        { "attributes": { "POSITION": position, "TEXCOORD_0": u8_uv } },
    ]}]);
    let asset = load_embedded("uv.gltf", bin.gltf_with_data_uri(one_node_scene(meshes))).unwrap();
    let uvs =
        |p: usize| -> Vec<[f32; 2]> { asset.primitives[p].vertices.iter().map(|v| v.uv).collect() };
    assert_eq!(uvs(0), TRIANGLE_UVS);
    assert_eq!(uvs(1), [[0.0, 0.0], [1.0, 0.0], [0.0, 0.2]]);
}

#[test]
fn non_finite_position_is_reported() {
    let mut bin = Bin::default();
    let position = bin.vec3(&[[0.0, 0.0, 0.0], [f32::NAN, 0.0, 0.0], [0.0, 1.0, 0.0]]);
    // serde_json writes NaN min/max as null: drop them (they are optional to this importer).
    let accessor = bin.accessors[position].as_object_mut().unwrap();
    accessor.remove("min");
    accessor.remove("max");
    let meshes = json!([{ "primitives": [{ "attributes": { "POSITION": position } }] }]);
    let msg = error_message("n.gltf", bin.gltf_with_data_uri(one_node_scene(meshes)));
    assert!(
        msg.starts_with("n.gltf: mesh 0 primitive 0 POSITION (accessor 0): vertex 1 is not finite"),
        "{msg}"
    );
}
