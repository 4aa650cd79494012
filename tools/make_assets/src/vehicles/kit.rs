//! The vehicle material set, a per-material part collector and the writer that smooths
//! normals and merges each material of a mesh into one glTF primitive.

use crate::geom::MeshData;
use crate::gltf::{Alpha, Document, Node, Pbr, PrimitiveLayout};
use glam::{Quat, Vec2, Vec3};
use std::collections::HashMap;
use std::path::Path;

/// Faces meeting at less than this angle (cosine) share smoothed vertex normals.
const SMOOTH_COS: f32 = 0.74;

/// The materials vehicles are made of; the glTF material names come from [`Mat::pbr`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Mat {
    /// Body paint in the vehicle's own colour ("paint", recoloured by name later).
    Paint,
    /// Painted panels of a cargo box or trailer ("cargo_box").
    Cargo,
    /// Tinted window glass, alpha-blended.
    Glass,
    /// Tyres, grips and pedal blocks.
    Rubber,
    /// Polished metal: rims, exhausts, handlebars, trim.
    Chrome,
    /// Black plastic: bumpers, grilles, seams, interiors, wheel wells.
    Trim,
    /// Dull dark metal: engines, chassis rails, frames.
    Metal,
    /// Seat and saddle covers.
    Seat,
    /// Lit headlamps.
    Headlight,
    /// Lit red tail lamps.
    Taillight,
    /// Amber marker and indicator lamps.
    Indicator,
    /// Number plates.
    Plate,
    /// A bus's lit destination display.
    Sign,
}

impl Mat {
    /// The glTF material; `paint` is the linear body colour.
    pub fn pbr(self, paint: [f64; 3]) -> Pbr {
        match self {
            Mat::Paint => Pbr::new("paint", paint, 0.3).metallic(0.5),
            Mat::Cargo => Pbr::new("cargo_box", [0.72, 0.73, 0.72], 0.45).metallic(0.2),
            Mat::Glass => Pbr::new("glass", [0.02, 0.026, 0.03], 0.05).alpha(Alpha::Blend, 0.6),
            Mat::Rubber => Pbr::new("rubber", [0.012, 0.012, 0.012], 0.9),
            Mat::Chrome => Pbr::new("chrome", [0.9, 0.9, 0.9], 0.15).metallic(1.0),
            Mat::Trim => Pbr::new("plastic_trim", [0.022, 0.022, 0.024], 0.6),
            Mat::Metal => Pbr::new("metal", [0.16, 0.16, 0.17], 0.4).metallic(0.9),
            Mat::Seat => Pbr::new("seat", [0.018, 0.016, 0.015], 0.7),
            Mat::Headlight => {
                Pbr::new("headlight", [0.9, 0.9, 0.88], 0.1).emissive([1.0, 0.97, 0.9], 3.0)
            }
            Mat::Taillight => {
                Pbr::new("taillight", [0.45, 0.01, 0.01], 0.2).emissive([1.0, 0.03, 0.02], 2.0)
            }
            Mat::Indicator => {
                Pbr::new("indicator", [0.6, 0.25, 0.0], 0.2).emissive([1.0, 0.42, 0.0], 1.5)
            }
            Mat::Plate => Pbr::new("plate", [0.8, 0.8, 0.77], 0.4),
            Mat::Sign => Pbr::new("destination_sign", [0.05, 0.03, 0.0], 0.3)
                .emissive([1.0, 0.55, 0.05], 3.0),
        }
    }
}

/// Triangles grouped by material.
#[derive(Clone, Debug, Default)]
pub(super) struct Parts {
    buckets: Vec<(Mat, MeshData)>,
}

impl Parts {
    /// Adds `mesh` in material `mat`.
    pub fn add(&mut self, mat: Mat, mesh: &MeshData) {
        match self.buckets.iter_mut().find(|(m, _)| *m == mat) {
            Some((_, acc)) => acc.append(mesh),
            None => self.buckets.push((mat, mesh.clone())),
        }
    }

    /// Adds every bucket of `other`.
    pub fn merge(&mut self, other: &Parts) {
        for (mat, mesh) in &other.buckets {
            self.add(*mat, mesh);
        }
    }

    /// Adds `mesh` and its mirror image across x = 0.
    pub fn add_pair(&mut self, mat: Mat, mesh: &MeshData) {
        self.add(mat, mesh);
        self.add(mat, &mirror_x(mesh));
    }

    /// Adds the mirror image of every bucket (for left/right symmetric parts).
    pub fn mirrored(&self) -> Parts {
        let mut out = Parts::default();
        for (mat, mesh) in &self.buckets {
            out.add(*mat, &mirror_x(mesh));
        }
        out
    }
}

/// The mirror image of `m` across x = 0 (winding reversed so faces stay outward).
pub(super) fn mirror_x(m: &MeshData) -> MeshData {
    let flip = |v: &Vec3| Vec3::new(-v.x, v.y, v.z);
    MeshData {
        positions: m.positions.iter().map(flip).collect(),
        normals: m.normals.iter().map(flip).collect(),
        uvs: m.uvs.clone(),
        indices: m
            .indices
            .chunks_exact(3)
            .flat_map(|t| [t[0], t[2], t[1]])
            .collect(),
    }
}

/// `m` rotated by `rotation` about the origin, then translated by `offset`.
pub(super) fn moved(m: &MeshData, rotation: Quat, offset: Vec3) -> MeshData {
    MeshData {
        positions: m.positions.iter().map(|p| rotation * *p + offset).collect(),
        normals: m.normals.iter().map(|n| rotation * *n).collect(),
        uvs: m.uvs.clone(),
        indices: m.indices.clone(),
    }
}

/// A quantised vector (0.1 mm or 1e-4 of a unit normal), for hashing.
type Key = (i32, i32, i32);

/// Quantises a vector for use as a hash key.
fn key(v: Vec3) -> Key {
    let q = |x: f32| (x * 1e4).round() as i32;
    (q(v.x), q(v.y), q(v.z))
}

/// Re-indexes `m` with normals averaged over faces that share a position and meet at
/// a shallow angle; drops degenerate triangles.
fn smooth(m: &MeshData) -> MeshData {
    let faces: Vec<([Vec3; 3], Vec3)> = m
        .indices
        .chunks_exact(3)
        .map(|t| [0, 1, 2].map(|k| m.positions[t[k] as usize]))
        .map(|[a, b, c]| ([a, b, c], (b - a).cross(c - a)))
        .filter(|(_, g)| g.length() > 1e-9)
        .collect();
    let mut at: HashMap<Key, Vec<usize>> = HashMap::new();
    for (fi, (ps, _)) in faces.iter().enumerate() {
        for p in ps {
            at.entry(key(*p)).or_default().push(fi);
        }
    }
    let mut out = MeshData::default();
    let mut index: HashMap<(Key, Key), u32> = HashMap::new();
    for (ps, g) in &faces {
        let own = g.normalize();
        for p in ps {
            let sum: Vec3 = at[&key(*p)]
                .iter()
                .map(|&fj| faces[fj].1)
                .filter(|gj| gj.normalize().dot(own) > SMOOTH_COS)
                .sum();
            let n = sum.normalize();
            let i = *index.entry((key(*p), key(n))).or_insert_with(|| {
                out.positions.push(*p);
                out.normals.push(n);
                out.uvs.push(Vec2::ZERO);
                u32::try_from(out.positions.len() - 1).expect("fits u32")
            });
            out.indices.push(i);
        }
    }
    out
}

/// One glTF document being filled with meshes for a single vehicle.
pub(super) struct Model {
    doc: Document,
    paint: [f64; 3],
    materials: Vec<(Mat, usize)>,
}

impl Model {
    /// An empty model whose "paint" material has linear colour `paint`.
    pub fn new(paint: [f64; 3]) -> Self {
        Self {
            doc: Document::default(),
            paint,
            materials: Vec::new(),
        }
    }

    /// The document index of material `mat`, added on first use.
    fn material(&mut self, mat: Mat) -> usize {
        if let Some((_, i)) = self.materials.iter().find(|(m, _)| *m == mat) {
            return *i;
        }
        let i = self.doc.pbr(&mat.pbr(self.paint));
        self.materials.push((mat, i));
        i
    }

    /// Adds a mesh with one smoothed primitive per material; returns the mesh index.
    pub fn mesh(&mut self, name: &str, parts: &Parts) -> usize {
        let mut buckets: Vec<&(Mat, MeshData)> = parts.buckets.iter().collect();
        buckets.sort_by_key(|(m, _)| *m);
        let mut primitives = Vec::new();
        for (mat, mesh) in buckets {
            let smoothed = smooth(mesh);
            if smoothed.indices.is_empty() {
                continue;
            }
            let material = self.material(*mat);
            primitives.push(
                self.doc
                    .primitive(&smoothed, material, PrimitiveLayout::UNTEXTURED),
            );
        }
        self.doc.mesh(name, primitives)
    }

    /// Writes `dir/file` with `root` as the scene root; returns (file, bytes).
    pub fn write(&self, dir: &Path, file: &str, root: &Node) -> std::io::Result<(String, usize)> {
        let bytes = self.doc.write_glb(&dir.join(file), root)?;
        Ok((file.to_string(), bytes))
    }
}
