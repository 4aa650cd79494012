//! A minimal glTF 2.0 writer: one binary buffer, JSON via serde_json, written as GLB.

use crate::geom::MeshData;
use glam::{Quat, Vec3};
use serde_json::{Value, json};
use std::path::Path;

/// glTF `bufferView.target` for vertex attributes.
const ARRAY_BUFFER: u32 = 34962;
/// glTF `bufferView.target` for indices.
const ELEMENT_ARRAY_BUFFER: u32 = 34963;
/// glTF component type f32.
const FLOAT: u32 = 5126;
/// glTF component type u16.
const UNSIGNED_SHORT: u32 = 5123;
/// glTF component type u32.
const UNSIGNED_INT: u32 = 5125;

/// A node of the scene tree to be written; flattened depth-first, so the root is node 0.
pub(crate) struct Node {
    name: String,
    mesh: Option<usize>,
    translation: Option<Vec3>,
    rotation: Option<Quat>,
    children: Vec<Node>,
}

impl Node {
    /// A node with a name and nothing else.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            mesh: None,
            translation: None,
            rotation: None,
            children: Vec::new(),
        }
    }

    /// Sets the rotation relative to the parent (a unit quaternion).
    pub fn rotated(mut self, rotation: Quat) -> Self {
        self.rotation = Some(rotation.normalize());
        self
    }

    /// Sets the translation relative to the parent from a vector.
    pub fn at_vec(mut self, t: Vec3) -> Self {
        self.translation = Some(t);
        self
    }

    /// Sets the mesh index.
    pub fn mesh(mut self, mesh: usize) -> Self {
        self.mesh = Some(mesh);
        self
    }

    /// Sets the translation relative to the parent.
    pub fn at(mut self, x: f32, y: f32, z: f32) -> Self {
        self.translation = Some(Vec3::new(x, y, z));
        self
    }

    /// Adds children.
    pub fn children(mut self, children: impl IntoIterator<Item = Node>) -> Self {
        self.children.extend(children);
        self
    }
}

/// How a material's alpha is interpreted (glTF `alphaMode`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Alpha {
    /// Alpha ignored.
    Opaque,
    /// Blended with what is behind (glass).
    Blend,
}

/// A metallic-roughness material. Colours are linear RGB(A).
#[derive(Clone, Debug)]
pub(crate) struct Pbr {
    /// Material name.
    pub name: String,
    /// Linear RGBA base colour factor.
    pub base: [f64; 4],
    /// Metallic factor 0..1.
    pub metallic: f64,
    /// Roughness factor 0..1.
    pub roughness: f64,
    /// Linear RGB emissive factor 0..1 (lamps, lit windows).
    pub emissive: [f64; 3],
    /// Emissive strength multiplier (KHR_materials_emissive_strength) when above 1.
    pub emissive_strength: f64,
    /// Alpha mode.
    pub alpha: Alpha,
    /// Render both faces (thin sheets such as sign plates seen from behind).
    pub double_sided: bool,
    /// Base colour texture index, if any (sampled with TEXCOORD_0).
    pub texture: Option<usize>,
}

impl Pbr {
    /// An opaque dielectric of colour `rgb` and roughness `roughness`.
    pub fn new(name: impl Into<String>, rgb: [f64; 3], roughness: f64) -> Self {
        Self {
            name: name.into(),
            base: [rgb[0], rgb[1], rgb[2], 1.0],
            metallic: 0.0,
            roughness,
            emissive: [0.0; 3],
            emissive_strength: 1.0,
            alpha: Alpha::Opaque,
            double_sided: false,
            texture: None,
        }
    }

    /// Sets the metallic factor.
    pub fn metallic(mut self, metallic: f64) -> Self {
        self.metallic = metallic;
        self
    }

    /// Makes it emit `rgb` (0..1) times `strength`.
    pub fn emissive(mut self, rgb: [f64; 3], strength: f64) -> Self {
        self.emissive = rgb;
        self.emissive_strength = strength;
        self
    }

    /// Sets the alpha mode and the base colour's alpha.
    pub fn alpha(mut self, alpha: Alpha, opacity: f64) -> Self {
        self.alpha = alpha;
        self.base[3] = opacity;
        self
    }

    /// Uses texture `index` as the base colour (multiplied with the factor).
    pub fn textured(mut self, index: usize) -> Self {
        self.texture = Some(index);
        self
    }
}

/// Which optional parts a primitive is written with.
#[derive(Clone, Copy)]
pub(crate) struct PrimitiveLayout {
    /// Write a NORMAL accessor.
    pub normals: bool,
    /// Write a TEXCOORD_0 accessor.
    pub uvs: bool,
    /// Write an index accessor (otherwise the mesh must already be unindexed, `0..n`).
    pub indexed: bool,
}

impl PrimitiveLayout {
    /// Indexed, with normals and UVs.
    pub const FULL: Self = Self {
        normals: true,
        uvs: true,
        indexed: true,
    };
    /// Indexed, with normals, without UVs (for untextured materials).
    pub const UNTEXTURED: Self = Self {
        uvs: false,
        ..Self::FULL
    };
}

/// Everything of a glTF file except the node tree; owns the single binary buffer.
#[derive(Default)]
pub(crate) struct Document {
    bin: Vec<u8>,
    buffer_views: Vec<Value>,
    accessors: Vec<Value>,
    materials: Vec<Value>,
    meshes: Vec<Value>,
    images: Vec<Value>,
    samplers: Vec<Value>,
    textures: Vec<Value>,
    uses_emissive_strength: bool,
    /// Further extensions the file uses (`extensionsUsed`).
    extensions: Vec<&'static str>,
}

fn f(x: f32) -> f64 {
    f64::from(x)
}

/// Little-endian bytes of a float list (glTF buffers are little-endian).
fn le_f32(values: impl IntoIterator<Item = f32>) -> Vec<u8> {
    values.into_iter().flat_map(f32::to_le_bytes).collect()
}

fn push<T>(list: &mut Vec<T>, item: T) -> usize {
    list.push(item);
    list.len() - 1
}

impl Document {
    /// Appends `bytes` as a new buffer view, starting 4-byte aligned.
    fn view(&mut self, bytes: &[u8], target: Option<u32>) -> usize {
        self.pad_bin();
        let mut v = json!({
            "buffer": 0,
            "byteOffset": self.bin.len(),
            "byteLength": bytes.len(),
        });
        if let Some(t) = target {
            v["target"] = json!(t);
        }
        self.bin.extend_from_slice(bytes);
        self.pad_bin();
        push(&mut self.buffer_views, v)
    }

    fn pad_bin(&mut self) {
        while !self.bin.len().is_multiple_of(4) {
            self.bin.push(0);
        }
    }

    fn accessor(&mut self, view: usize, component: u32, count: usize, ty: &str) -> usize {
        push(
            &mut self.accessors,
            json!({
                "bufferView": view,
                "componentType": component,
                "count": count,
                "type": ty,
            }),
        )
    }

    /// Adds a float accessor of glTF type `ty` ("VEC2", "VEC3", "VEC4") over `values`, in
    /// its own buffer view; returns its index.
    pub fn float_accessor(&mut self, values: &[f32], ty: &str, width: usize) -> usize {
        let view = self.view(&le_f32(values.iter().copied()), Some(ARRAY_BUFFER));
        self.accessor(view, FLOAT, values.len() / width, ty)
    }

    /// Adds a normalised unsigned-short accessor (values in 0..=1, rounded); returns its
    /// index. Its byte stride stays a multiple of 4 for the widths used (VEC2, VEC4).
    pub fn unorm16_accessor(&mut self, values: &[f32], ty: &str, width: usize) -> usize {
        let bytes: Vec<u8> = values
            .iter()
            .flat_map(|v| ((v.clamp(0.0, 1.0) * 65535.0).round() as u16).to_le_bytes())
            .collect();
        let view = self.view(&bytes, Some(ARRAY_BUFFER));
        let index = self.accessor(view, UNSIGNED_SHORT, values.len() / width, ty);
        self.accessors[index]["normalized"] = json!(true);
        index
    }

    /// Adds a material given as glTF JSON; returns its index.
    pub fn raw_material(&mut self, material: Value) -> usize {
        push(&mut self.materials, material)
    }

    /// Records that the file uses extension `name`.
    pub fn use_extension(&mut self, name: &'static str) {
        if !self.extensions.contains(&name) {
            self.extensions.push(name);
        }
    }

    /// Adds a metallic-roughness material; returns its index.
    pub fn pbr(&mut self, m: &Pbr) -> usize {
        let mut pbr = json!({
            "baseColorFactor": m.base,
            "metallicFactor": m.metallic,
            "roughnessFactor": m.roughness,
        });
        if let Some(texture) = m.texture {
            pbr["baseColorTexture"] = json!({ "index": texture, "texCoord": 0 });
        }
        let mut v = json!({ "name": m.name, "pbrMetallicRoughness": pbr });
        if m.emissive.iter().any(|c| *c > 0.0) {
            v["emissiveFactor"] = json!(m.emissive);
            if m.emissive_strength > 1.0 {
                self.uses_emissive_strength = true;
                v["extensions"] = json!({
                    "KHR_materials_emissive_strength": { "emissiveStrength": m.emissive_strength }
                });
            }
        }
        match m.alpha {
            Alpha::Opaque => {}
            Alpha::Blend => v["alphaMode"] = json!("BLEND"),
        }
        if m.double_sided {
            v["doubleSided"] = json!(true);
        }
        push(&mut self.materials, v)
    }

    /// Stores a PNG in the buffer and makes a texture of it with the given sampler JSON.
    pub fn png_texture(&mut self, name: &str, png: &[u8], sampler: Value) -> usize {
        let view = self.view(png, None);
        let image = push(
            &mut self.images,
            json!({ "name": name, "bufferView": view, "mimeType": "image/png" }),
        );
        let sampler = push(&mut self.samplers, sampler);
        push(
            &mut self.textures,
            json!({ "name": name, "sampler": sampler, "source": image }),
        )
    }

    /// Writes a mesh's vertex data (and indices) to the buffer; returns the primitive JSON.
    pub fn primitive(&mut self, m: &MeshData, material: usize, layout: PrimitiveLayout) -> Value {
        let count = m.positions.len();
        assert!(count > 0 && m.normals.len() == count && m.uvs.len() == count);
        let (mut min, mut max) = (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY));
        for p in &m.positions {
            min = min.min(*p);
            max = max.max(*p);
        }
        let pos_view = self.view(
            &le_f32(m.positions.iter().flat_map(|p| p.to_array())),
            Some(ARRAY_BUFFER),
        );
        let pos = self.accessor(pos_view, FLOAT, count, "VEC3");
        self.accessors[pos]["min"] = json!(min.to_array().map(f));
        self.accessors[pos]["max"] = json!(max.to_array().map(f));
        let mut attributes = json!({ "POSITION": pos });
        if layout.normals {
            let v = self.view(
                &le_f32(m.normals.iter().flat_map(|n| n.to_array())),
                Some(ARRAY_BUFFER),
            );
            attributes["NORMAL"] = json!(self.accessor(v, FLOAT, count, "VEC3"));
        }
        if layout.uvs {
            let v = self.view(
                &le_f32(m.uvs.iter().flat_map(|t| t.to_array())),
                Some(ARRAY_BUFFER),
            );
            attributes["TEXCOORD_0"] = json!(self.accessor(v, FLOAT, count, "VEC2"));
        }
        let mut prim = json!({ "attributes": attributes, "material": material, "mode": 4 });
        if layout.indexed {
            // u16 indices when they fit (smaller files), u32 otherwise.
            let wide = m.indices.iter().any(|&i| i > u32::from(u16::MAX));
            let idx: Vec<u8> = if wide {
                m.indices.iter().flat_map(|i| i.to_le_bytes()).collect()
            } else {
                m.indices
                    .iter()
                    .flat_map(|&i| (i as u16).to_le_bytes())
                    .collect()
            };
            let component = if wide { UNSIGNED_INT } else { UNSIGNED_SHORT };
            let v = self.view(&idx, Some(ELEMENT_ARRAY_BUFFER));
            prim["indices"] = json!(self.accessor(v, component, m.indices.len(), "SCALAR"));
        } else {
            let sequential = m.indices.iter().enumerate().all(|(k, &i)| k == i as usize);
            assert!(
                sequential && m.indices.len() == count,
                "non-indexed needs an unrolled mesh"
            );
        }
        prim
    }

    /// Adds a mesh made of the given primitives.
    pub fn mesh(&mut self, name: &str, primitives: Vec<Value>) -> usize {
        push(
            &mut self.meshes,
            json!({ "name": name, "primitives": primitives }),
        )
    }

    /// The whole glTF JSON for a GLB (the buffer is the BIN chunk, so it has no URI).
    fn to_json(&self, root: &Node) -> Value {
        fn flatten(node: &Node, out: &mut Vec<Value>) -> usize {
            let index = push(out, json!({ "name": node.name }));
            if let Some(m) = node.mesh {
                out[index]["mesh"] = json!(m);
            }
            if let Some(t) = node.translation {
                out[index]["translation"] = json!(t.to_array().map(f));
            }
            if let Some(r) = node.rotation {
                out[index]["rotation"] = json!(r.to_array().map(f));
            }
            if !node.children.is_empty() {
                let children: Vec<usize> = node.children.iter().map(|c| flatten(c, out)).collect();
                out[index]["children"] = json!(children);
            }
            index
        }
        let mut nodes = Vec::new();
        flatten(root, &mut nodes);
        let buffer = json!({ "byteLength": self.bin.len() });
        let mut doc = json!({
            "asset": {
                "version": "2.0",
                "generator": "sdgen make_assets example",
                "copyright": "Generated procedurally by the sdgen project; MIT OR Apache-2.0",
            },
            "scene": 0,
            "scenes": [{ "name": root.name, "nodes": [0] }],
            "nodes": nodes,
            "meshes": self.meshes,
            "materials": self.materials,
            "accessors": self.accessors,
            "bufferViews": self.buffer_views,
            "buffers": [buffer],
        });
        let mut extensions = self.extensions.clone();
        if self.uses_emissive_strength && !extensions.contains(&"KHR_materials_emissive_strength") {
            extensions.insert(0, "KHR_materials_emissive_strength");
        }
        if !extensions.is_empty() {
            doc["extensionsUsed"] = json!(extensions);
        }
        // glTF forbids empty arrays, so these appear only when used.
        for (key, list) in [
            ("images", &self.images),
            ("samplers", &self.samplers),
            ("textures", &self.textures),
        ] {
            if !list.is_empty() {
                doc[key] = json!(list);
            }
        }
        doc
    }

    /// Writes a binary .glb: 12-byte header, space-padded JSON chunk, zero-padded BIN chunk.
    pub fn write_glb(&self, path: &Path, root: &Node) -> std::io::Result<usize> {
        let mut json = serde_json::to_vec(&self.to_json(root)).map_err(std::io::Error::other)?;
        while !json.len().is_multiple_of(4) {
            json.push(b' ');
        }
        let mut bin = self.bin.clone();
        while !bin.len().is_multiple_of(4) {
            bin.push(0);
        }
        let total = 12 + 8 + json.len() + 8 + bin.len();
        let mut out = Vec::with_capacity(total);
        let u32le = |n: usize| u32::try_from(n).expect("GLB under 4 GiB").to_le_bytes();
        out.extend_from_slice(b"glTF");
        out.extend_from_slice(&2u32.to_le_bytes());
        out.extend_from_slice(&u32le(total));
        out.extend_from_slice(&u32le(json.len()));
        out.extend_from_slice(b"JSON");
        out.extend_from_slice(&json);
        out.extend_from_slice(&u32le(bin.len()));
        out.extend_from_slice(b"BIN\0");
        out.extend_from_slice(&bin);
        assert_eq!(out.len(), total);
        std::fs::write(path, &out)?;
        Ok(total)
    }
}
