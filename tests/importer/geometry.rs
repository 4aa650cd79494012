//! Geometry: indices, flat normals, strips and fans, UV formats, node hierarchy and bounds.

use super::support::*;
use glam::{Mat4, Quat, Vec3};
use serde_json::json;

fn assert_mat_close(actual: Mat4, expected: Mat4) {
    assert!(
        actual.abs_diff_eq(expected, 1e-6),
        "transform\n{actual:?}\n!= expected\n{expected:?}"
    );
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
