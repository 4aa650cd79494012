//! The street itself: tileable road, marking, sidewalk, kerb and grass pieces, five
//! building styles, trees and bushes, a street lamp and a bollard.
//!
//! Every asset is one mesh with one primitive per material, written by [`Kit::write`].
//! Pieces meant to be tiled and scaled by the layout have exact, documented extents
//! (see each function's doc comment). Everything is deterministic: variation comes only
//! from [`hash3`].

mod buildings;
mod facade;
mod ground;
mod plants;
mod poles;
mod shapes;
mod tex;
mod towers;
mod townhouse;

use crate::geom::MeshData;
use crate::gltf::{Document, Node, Pbr, PrimitiveLayout};
use std::path::Path;

/// A material slot of a [`Kit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mat(usize);

/// One material with its (optional) PNG texture and the merged geometry using it.
struct Part {
    /// The material.
    pbr: Pbr,
    /// Texture name and PNG bytes, if the material is textured.
    texture: Option<(&'static str, Vec<u8>)>,
    /// Everything drawn with this material.
    mesh: MeshData,
}

/// Collects an asset's geometry per material, then writes it as a single-mesh GLB.
#[derive(Default)]
pub(crate) struct Kit {
    /// Material slots in creation order.
    parts: Vec<Part>,
}

impl Kit {
    /// Adds an untextured material slot.
    pub fn material(&mut self, pbr: Pbr) -> Mat {
        self.parts.push(Part {
            pbr,
            texture: None,
            mesh: MeshData::default(),
        });
        Mat(self.parts.len() - 1)
    }

    /// Adds a material slot whose base colour is the PNG `png` (sampled with REPEAT).
    pub fn textured(&mut self, pbr: Pbr, name: &'static str, png: Vec<u8>) -> Mat {
        let m = self.material(pbr);
        self.parts[m.0].texture = Some((name, png));
        m
    }

    /// The geometry of material slot `m`, to append to.
    pub fn mesh(&mut self, m: Mat) -> &mut MeshData {
        &mut self.parts[m.0].mesh
    }

    /// Appends `mesh` to material slot `m`.
    pub fn add(&mut self, m: Mat, mesh: &MeshData) {
        self.parts[m.0].mesh.append(mesh);
    }

    /// Total triangle count.
    pub fn triangles(&self) -> usize {
        self.parts.iter().map(|p| p.mesh.indices.len() / 3).sum()
    }

    /// Writes the asset as `path` with root node and mesh named `name`; returns the bytes.
    fn write(&self, path: &Path, name: &str) -> std::io::Result<usize> {
        let mut doc = Document::default();
        let mut primitives = Vec::new();
        for part in self.parts.iter().filter(|p| !p.mesh.indices.is_empty()) {
            let mut pbr = part.pbr.clone();
            let layout = match &part.texture {
                Some((tex_name, png)) => {
                    pbr = pbr.textured(doc.png_texture(tex_name, png, tex::sampler_repeat()));
                    PrimitiveLayout::FULL
                }
                None => PrimitiveLayout::UNTEXTURED,
            };
            let material = doc.pbr(&pbr);
            primitives.push(doc.primitive(&part.mesh, material, layout));
        }
        let mesh = doc.mesh(name, primitives);
        doc.write_glb(path, &Node::new(name).mesh(mesh))
    }
}

/// A 32-bit integer mixing hash (good avalanche, deterministic).
pub(crate) fn hash(mut x: u32) -> u32 {
    x ^= x >> 16;
    x = x.wrapping_mul(0x7feb_352d);
    x ^= x >> 15;
    x = x.wrapping_mul(0x846c_a68b);
    x ^= x >> 16;
    x
}

/// Hash of three integers.
pub(crate) fn hash3(a: u32, b: u32, c: u32) -> u32 {
    hash(a ^ hash(b.wrapping_add(0x9e37_79b9) ^ hash(c.wrapping_add(0x85eb_ca6b))))
}

/// A value in [0, 1) from three integers.
pub(crate) fn unit3(a: u32, b: u32, c: u32) -> f32 {
    (hash3(a, b, c) >> 8) as f32 / (1u32 << 24) as f32
}

/// An asset builder with its triangle budget.
type Builder = (&'static str, fn() -> Kit, usize);

/// Every asset of this module: file stem, builder, triangle budget.
const ASSETS: [Builder; 21] = [
    ("road_patch", ground::road_patch, 2),
    ("marking_dashed", ground::marking_dashed, 12),
    ("marking_line", ground::marking_line, 12),
    ("marking_double_yellow", ground::marking_double_yellow, 24),
    ("crosswalk_stripe", ground::crosswalk_stripe, 12),
    ("stop_line", ground::stop_line, 12),
    ("sidewalk_patch", ground::sidewalk_patch, 12),
    ("kerb", ground::kerb, 40),
    ("grass_patch", ground::grass_patch, 12),
    ("building_brick", buildings::brick, 6000),
    ("building_shop", buildings::shop, 6000),
    ("building_townhouse", townhouse::townhouse, 6000),
    ("building_office", towers::office, 6000),
    ("building_concrete", towers::concrete, 6000),
    ("tree_round", plants::tree_round, 1500),
    ("tree_conifer", plants::tree_conifer, 1500),
    ("tree_slim", plants::tree_slim, 1500),
    ("bush_a", plants::bush_a, 1500),
    ("bush_b", plants::bush_b, 1500),
    ("street_lamp", poles::street_lamp, 1500),
    ("bollard", poles::bollard, 400),
];

/// Writes this module's assets into `dir`; returns (file name, bytes) per file.
pub(crate) fn write_all(dir: &Path) -> std::io::Result<Vec<(String, usize)>> {
    let mut written = Vec::new();
    for (stem, build, budget) in ASSETS {
        let file = format!("{stem}.glb");
        let kit = build();
        let tris = kit.triangles();
        assert!(
            tris <= budget,
            "{file}: {tris} triangles over budget {budget}"
        );
        let bytes = kit.write(&dir.join(&file), stem)?;
        written.push((file, bytes));
    }
    Ok(written)
}
