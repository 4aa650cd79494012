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
