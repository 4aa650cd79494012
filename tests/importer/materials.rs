//! Materials, base-colour textures, samplers and image decoding.

use super::support::*;
use sdgen::importer::*;
use serde_json::json;

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
        Some(TextureRef::new(
            0,
            Sampler {
                wrap_u: WrapMode::ClampToEdge,
                wrap_v: WrapMode::MirroredRepeat,
                mag_filter: FilterMode::Nearest,
                min_filter: FilterMode::Linear,
                mipmap_filter: Some(FilterMode::Linear),
            },
        ))
    );
    let unnamed = &asset.materials[1];
    assert_eq!(unnamed.name, "material1");
    assert_eq!(unnamed.base_color_factor, [1.0; 4]);
    // No sampler: glTF defaults (repeat) and the renderer's default filters (trilinear).
    assert_eq!(
        unnamed.base_color_texture,
        Some(TextureRef::new(0, Sampler::default()))
    );
    assert_eq!(Sampler::default().mipmap_filter, Some(FilterMode::Linear));
    assert_eq!(
        asset.materials[2].base_color_texture,
        Some(TextureRef::new(
            1,
            Sampler {
                wrap_u: WrapMode::Repeat,
                wrap_v: WrapMode::Repeat,
                mag_filter: FilterMode::Linear,
                min_filter: FilterMode::Nearest,
                mipmap_filter: Some(FilterMode::Nearest),
            },
        ))
    );
}

/// A file with two one-triangle primitives, using materials 0 and 1 of `materials`.
fn with_materials(materials: serde_json::Value, extensions_used: &[&str]) -> Vec<u8> {
    let (bin, mut meshes) = triangle_bin();
    let mut second = meshes[0]["primitives"][0].clone();
    meshes[0]["primitives"][0]["material"] = json!(0);
    second["material"] = json!(1);
    meshes[0]["primitives"].as_array_mut().unwrap().push(second);
    let mut extra = one_node_scene(meshes);
    extra["materials"] = materials;
    if !extensions_used.is_empty() {
        extra["extensionsUsed"] = json!(extensions_used);
    }
    bin.glb(extra)
}

#[test]
fn metallic_roughness_and_emission_are_read_with_gltf_defaults() {
    let materials = json!([
        {
            "name": "lamp",
            "pbrMetallicRoughness": { "metallicFactor": 0.25, "roughnessFactor": 0.5 },
            "emissiveFactor": [1.0, 0.5, 0.0],
            "extensions": { "KHR_materials_emissive_strength": { "emissiveStrength": 4.0 } }
        },
        { "name": "plain" },
    ]);
    let bytes = with_materials(materials, &["KHR_materials_emissive_strength"]);
    let asset = load_embedded("pbr.glb", bytes).unwrap();
    let lamp = &asset.materials[0];
    assert_eq!(
        (lamp.metallic_factor, lamp.roughness_factor),
        (0.25, 0.5),
        "{lamp:?}"
    );
    assert_eq!(lamp.emissive_factor, [1.0, 0.5, 0.0]);
    assert_eq!(lamp.emissive_strength, 4.0);
    assert_eq!(lamp.emissive(), [4.0, 2.0, 0.0]);
    // glTF defaults: fully metallic, fully rough, no emission, strength 1.
    let plain = &asset.materials[1];
    assert_eq!((plain.metallic_factor, plain.roughness_factor), (1.0, 1.0));
    assert_eq!(plain.emissive_factor, [0.0; 3]);
    assert_eq!(plain.emissive_strength, 1.0);
    assert_eq!(
        *plain,
        Material {
            name: "plain".into(),
            ..Material::default()
        }
    );
}

#[test]
fn out_of_range_factors_name_the_material_and_field() {
    let cases = [
        (
            json!({ "pbrMetallicRoughness": { "roughnessFactor": 1.5 } }),
            "f.glb: material 1 pbrMetallicRoughness.roughnessFactor: must be in 0..=1, not 1.5",
        ),
        (
            json!({ "pbrMetallicRoughness": { "metallicFactor": -0.5 } }),
            "f.glb: material 1 pbrMetallicRoughness.metallicFactor: must be in 0..=1, not -0.5",
        ),
        (
            json!({ "emissiveFactor": [0.0, 2.0, 0.0] }),
            "f.glb: material 1 emissiveFactor: must be in 0..=1, not 2",
        ),
        (
            json!({ "extensions": {
                "KHR_materials_emissive_strength": { "emissiveStrength": -1.0 } } }),
            "f.glb: material 1 extensions.KHR_materials_emissive_strength.emissiveStrength: \
             must be a finite number >= 0, not -1",
        ),
    ];
    for (bad, expected) in cases {
        let materials = json!([{ "name": "fine" }, bad]);
        let bytes = with_materials(materials, &["KHR_materials_emissive_strength"]);
        assert_eq!(error_message("f.glb", bytes), expected);
    }
}

#[test]
fn generated_car_has_metallic_paint_and_strong_emissive_lights() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/car_sedan.glb");
    let asset = load_asset(&sdgen::source::DiskSource, &path).unwrap();
    let named = |name: &str| {
        asset
            .materials
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("no material {name}"))
    };
    let headlight = named("headlight");
    assert_eq!(headlight.emissive_strength, 3.0, "{headlight:?}");
    assert!(
        headlight.emissive().iter().all(|&c| c > 2.0),
        "{headlight:?}"
    );
    let tail = named("taillight");
    assert!(
        tail.emissive()[0] > 1.0 && tail.emissive()[1] < 0.2,
        "{tail:?}"
    );
    let chrome = named("chrome");
    assert!(chrome.metallic_factor > 0.9, "{chrome:?}");
    assert!(chrome.roughness_factor < 0.5, "{chrome:?}");
    let paint = named("paint");
    assert_eq!(paint.emissive(), [0.0; 3], "{paint:?}");
}
