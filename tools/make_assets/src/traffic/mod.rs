//! Traffic furniture: a traffic light and five road signs (each split into a "thing"
//! file and a "pole" file that share the origin at the foot of the pole), a traffic
//! cone, a striped road barrier and a concrete jersey barrier.
//!
//! Every file holds one root node with one mesh; the mesh has one primitive per
//! material. Poles stand at x = z = 0 and the signal head and sign plates face +Z.

mod canvas;
mod glyphs;
mod light;
mod roadworks;
mod shapes;
mod sign_art;
mod signs;

use crate::geom::MeshData;
use crate::gltf::{Document, Node, Pbr, PrimitiveLayout};
use serde_json::json;
use std::path::Path;

/// The most triangles any one traffic asset may have (software rasteriser in CI).
const TRIANGLE_BUDGET: usize = 1500;

/// Writes this module's assets into `dir`; returns (file name, bytes) per file.
pub(crate) fn write_all(dir: &Path) -> std::io::Result<Vec<(String, usize)>> {
    let mut assets = vec![light::pole(), light::head(), signs::pole()];
    assets.extend(signs::all());
    assets.extend([roadworks::cone(), roadworks::barrier(), roadworks::jersey()]);
    assets.into_iter().map(|a| a.write(dir)).collect()
}

/// Galvanised steel: poles, brackets and frames.
fn galvanised() -> Pbr {
    Pbr::new("galvanised_steel", [0.50, 0.52, 0.53], 0.45).metallic(0.85)
}

/// One material's share of an asset, with the PNG of its base colour texture if any.
struct Part {
    material: Pbr,
    png: Option<Vec<u8>>,
    mesh: MeshData,
}

/// An asset being built: geometry grouped by material, written as one mesh.
struct Asset {
    name: String,
    parts: Vec<Part>,
}

impl Asset {
    /// An empty asset; `name` names the file (`name.glb`), the root node and the mesh.
    fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            parts: Vec::new(),
        }
    }

    /// Adds untextured geometry, merged with earlier geometry of the same material.
    fn add(&mut self, material: &Pbr, mesh: &MeshData) -> &mut Self {
        match self
            .parts
            .iter_mut()
            .find(|p| p.material.name == material.name)
        {
            Some(part) => part.mesh.append(mesh),
            None => self.parts.push(Part {
                material: material.clone(),
                png: None,
                mesh: mesh.clone(),
            }),
        }
        self
    }

    /// Adds geometry whose material takes its base colour from `png` (UVs used).
    fn add_textured(&mut self, material: &Pbr, png: Vec<u8>, mesh: MeshData) -> &mut Self {
        self.parts.push(Part {
            material: material.clone(),
            png: Some(png),
            mesh,
        });
        self
    }

    /// Writes `dir/<name>.glb`; returns (file name, bytes).
    fn write(&self, dir: &Path) -> std::io::Result<(String, usize)> {
        let triangles: usize = self.parts.iter().map(|p| p.mesh.indices.len() / 3).sum();
        assert!(
            triangles <= TRIANGLE_BUDGET,
            "{}: {triangles} triangles",
            self.name
        );
        let mut doc = Document::default();
        let mut primitives = Vec::new();
        for part in &self.parts {
            let (material, layout) = match &part.png {
                Some(png) => {
                    let sampler = json!({
                        "magFilter": 9729, "minFilter": 9987, "wrapS": 33071, "wrapT": 33071
                    });
                    let texture = doc.png_texture(&part.material.name, png, sampler);
                    let pbr = part.material.clone().textured(texture);
                    (doc.pbr(&pbr), PrimitiveLayout::FULL)
                }
                None => (doc.pbr(&part.material), PrimitiveLayout::UNTEXTURED),
            };
            primitives.push(doc.primitive(&part.mesh, material, layout));
        }
        let mesh = doc.mesh(&self.name, primitives);
        let file = format!("{}.glb", self.name);
        let bytes = doc.write_glb(&dir.join(&file), &Node::new(&self.name).mesh(mesh))?;
        Ok((file, bytes))
    }
}
