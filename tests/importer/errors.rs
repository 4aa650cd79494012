//! Import error messages, and robustness against truncated, corrupted and edge-value files.

use super::support::*;
use sdgen::importer::*;
use sdgen::source::*;
use serde_json::{Value, json};
use std::path::Path;

#[test]
fn import_error_is_send_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<ImportError>();
}

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
