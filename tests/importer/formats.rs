//! Loading `.gltf` (data-URI and external `.bin` buffers) and `.glb` files, on disk and embedded.

use super::support::*;
use base64::Engine as _;
use glam::{Mat4, Vec3};
use sdgen::importer::*;
use sdgen::source::*;
use std::path::Path;

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
            transform: Mat4::IDENTITY,
            node: 0,
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
