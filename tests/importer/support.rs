//! Fixture builders shared by the importer tests: tiny glTF/GLB files built in memory.

use base64::Engine as _;
use sdgen::importer::*;
use sdgen::source::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub const FLOAT: u32 = 5126;
pub const UNSIGNED_SHORT: u32 = 5123;

/// One binary buffer with its buffer views and accessors, as glTF JSON.
#[derive(Default)]
pub struct Bin {
    pub data: Vec<u8>,
    pub views: Vec<Value>,
    pub accessors: Vec<Value>,
}

impl Bin {
    /// Appends a 4-byte aligned buffer view; returns its index.
    pub fn view(&mut self, bytes: &[u8]) -> usize {
        while !self.data.len().is_multiple_of(4) {
            self.data.push(0);
        }
        self.views.push(json!({
            "buffer": 0, "byteOffset": self.data.len(), "byteLength": bytes.len()
        }));
        self.data.extend_from_slice(bytes);
        self.views.len() - 1
    }

    pub fn accessor(&mut self, accessor: Value) -> usize {
        self.accessors.push(accessor);
        self.accessors.len() - 1
    }

    /// A buffer view holding `values` as little-endian f32.
    fn float_view(&mut self, values: &[f32]) -> usize {
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.view(&bytes)
    }

    /// A VEC3 float accessor (with the min/max glTF requires for POSITION).
    pub fn vec3(&mut self, values: &[[f32; 3]]) -> usize {
        let view = self.float_view(values.as_flattened());
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

    pub fn vec2(&mut self, values: &[[f32; 2]]) -> usize {
        let view = self.float_view(values.as_flattened());
        self.accessor(json!({
            "bufferView": view, "componentType": FLOAT, "count": values.len(), "type": "VEC2"
        }))
    }

    pub fn u16s(&mut self, values: &[u16]) -> usize {
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        let view = self.view(&bytes);
        self.accessor(json!({
            "bufferView": view, "componentType": UNSIGNED_SHORT, "count": values.len(),
            "type": "SCALAR"
        }))
    }

    /// The glTF document: this buffer (`uri` or GLB BIN when `None`) plus `extra` fields.
    pub fn document(&self, uri: Option<String>, extra: Value) -> Value {
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
    pub fn gltf_with_data_uri(&self, extra: Value) -> Vec<u8> {
        let uri = data_uri("application/octet-stream", &self.data);
        serde_json::to_vec(&self.document(Some(uri), extra)).unwrap()
    }

    /// The document as a `.glb` with the buffer in the BIN chunk.
    pub fn glb(&self, extra: Value) -> Vec<u8> {
        glb(
            &serde_json::to_vec(&self.document(None, extra)).unwrap(),
            &self.data,
        )
    }
}

pub fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// A GLB container: 12-byte header, JSON chunk padded with spaces, BIN chunk padded with zeros.
pub fn glb(json: &[u8], bin: &[u8]) -> Vec<u8> {
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
pub fn embedded(files: Vec<(&str, Vec<u8>)>) -> EmbeddedSource {
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
pub fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdgen-importer-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn load_embedded(name: &str, bytes: Vec<u8>) -> Result<Asset, ImportError> {
    load_asset(&embedded(vec![(name, bytes)]), Path::new(name))
}

pub fn error_message(name: &str, bytes: Vec<u8>) -> String {
    match load_embedded(name, bytes) {
        Ok(_) => panic!("{name}: expected an import error"),
        Err(err) => err.to_string(),
    }
}

/// The triangle (0,0,0), (1,0,0), (0,1,0) in the z = 0 plane, counter-clockwise from +z.
pub const TRIANGLE: [[f32; 3]; 3] = [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]];
pub const TRIANGLE_UVS: [[f32; 2]; 3] = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]];

/// A buffer with one indexed, normal-carrying, textured triangle, and the mesh JSON using it.
pub fn triangle_bin() -> (Bin, Value) {
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

pub fn one_node_scene(meshes: Value) -> Value {
    json!({
        "scene": 0,
        "scenes": [{ "nodes": [0] }],
        "nodes": [{ "mesh": 0 }],
        "meshes": meshes,
    })
}

pub fn expected_triangle_vertices() -> Vec<Vertex> {
    (0..3)
        .map(|i| Vertex::new(TRIANGLE[i], [0.0, 0.0, 1.0], TRIANGLE_UVS[i]))
        .collect()
}

/// 2x2 RGBA PNG: red, green / blue, half-transparent white.
pub fn test_png() -> (Vec<u8>, Vec<u8>) {
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
