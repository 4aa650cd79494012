//! The glTF container: `.gltf` JSON or `.glb` (header, JSON chunk, optional BIN chunk),
//! parsed into a validated [`gltf::Document`].

use super::ImportError;
use gltf::json::validation::Checked;
use std::borrow::Cow;
use std::path::Path;

/// Size of the GLB file header (magic, version, length).
const GLB_HEADER_LEN: usize = 12;

/// A parsed glTF file.
pub(crate) struct Parsed<'b> {
    /// The validated document.
    pub(crate) document: gltf::Document,
    /// The GLB `BIN` chunk, borrowed from the file's bytes.
    pub(crate) blob: Option<Cow<'b, [u8]>>,
}

/// Parses `bytes` (JSON or GLB) into a validated document and the GLB `BIN` chunk, if any.
///
/// Some things are handled before glTF validation: a primitive without `POSITION` gets the
/// specific [`ImportError::MissingPositions`]; a `POSITION` accessor without the `min`/`max`
/// that the specification requires (a common exporter slip, and values this importer never
/// reads) is accepted rather than rejected; `KHR_mesh_quantization` may be required.
pub(crate) fn parse<'b>(path: &Path, bytes: &'b [u8]) -> Result<Parsed<'b>, ImportError> {
    let parse_error = |source| ImportError::Parse {
        path: path.to_path_buf(),
        source,
    };
    let (json, blob) = if bytes.starts_with(b"glTF") {
        // gltf's GLB reader subtracts the header size from the declared length unchecked.
        if let Some(length) = bytes.get(8..GLB_HEADER_LEN) {
            let declared = u32::from_le_bytes([length[0], length[1], length[2], length[3]]);
            if (declared as usize) < GLB_HEADER_LEN {
                return Err(ImportError::Invalid {
                    path: path.to_path_buf(),
                    item: "GLB header".into(),
                    reason: format!(
                        "declares a total length of {declared} bytes, less than the header itself"
                    ),
                });
            }
        }
        let glb = gltf::Glb::from_slice(bytes).map_err(parse_error)?;
        (glb.json, glb.bin)
    } else {
        (Cow::Borrowed(bytes), None)
    };
    let mut root: gltf::json::Root = gltf::json::deserialize::from_slice(&json)
        .map_err(|err| parse_error(gltf::Error::Deserialize(err)))?;

    // KHR_mesh_quantization only widens the accessor types allowed for attributes, which
    // the accessor reader converts anyway; other required extensions fail validation.
    root.extensions_required
        .retain(|name| name != "KHR_mesh_quantization");

    for (mesh_index, mesh) in root.meshes.iter().enumerate() {
        for (prim_index, prim) in mesh.primitives.iter().enumerate() {
            let Some(index) = prim
                .attributes
                .get(&Checked::Valid(gltf::Semantic::Positions))
            else {
                return Err(ImportError::MissingPositions {
                    path: path.to_path_buf(),
                    mesh: mesh_index,
                    primitive: prim_index,
                });
            };
            // Checked here: gltf's validation indexes the POSITION accessor unchecked.
            let Some(accessor) = root.accessors.get_mut(index.value()) else {
                return Err(ImportError::Invalid {
                    path: path.to_path_buf(),
                    item: format!("mesh {mesh_index} primitive {prim_index} POSITION"),
                    reason: format!("accessor {} does not exist", index.value()),
                });
            };
            // Placeholders that satisfy validation; bounds are computed from the data.
            let placeholder = || gltf::json::Value::from(vec![0.0_f32; 3]);
            accessor.min.get_or_insert_with(placeholder);
            accessor.max.get_or_insert_with(placeholder);
        }
    }

    let document = gltf::Document::from_json(root).map_err(parse_error)?;
    Ok(Parsed { document, blob })
}
