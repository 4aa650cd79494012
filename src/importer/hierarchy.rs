//! glTF scenes and nodes: picks the scene, walks its node trees and accumulates each
//! node's local transform (TRS or matrix) into a node-to-asset transform.

use super::{Context, ImportError};
use glam::{Mat4, Quat, Vec3};

/// Every mesh instance of the loaded scene with its node-to-asset transform, in
/// depth-first order. The scene is the default one, else scene 0, else (no scenes)
/// every node that is no other node's child.
pub(crate) fn mesh_instances<'d>(
    ctx: &Context<'d>,
) -> Result<Vec<(gltf::Mesh<'d>, Mat4)>, ImportError> {
    let doc = ctx.doc;
    let roots: Vec<gltf::Node<'d>> = match doc.default_scene().or_else(|| doc.scenes().next()) {
        Some(scene) => scene.nodes().collect(),
        None => {
            let mut is_child = vec![false; doc.nodes().len()];
            for node in doc.nodes() {
                for child in node.children() {
                    is_child[child.index()] = true;
                }
            }
            doc.nodes().filter(|n| !is_child[n.index()]).collect()
        }
    };

    // Iterative walk so that a deep hierarchy cannot overflow the stack; `visited` rejects
    // cycles and shared children, which glTF forbids.
    let mut visited = vec![false; doc.nodes().len()];
    let mut stack: Vec<(gltf::Node<'d>, Mat4)> = roots
        .into_iter()
        .rev()
        .map(|node| (node, Mat4::IDENTITY))
        .collect();
    let mut instances = Vec::new();
    while let Some((node, parent)) = stack.pop() {
        if std::mem::replace(&mut visited[node.index()], true) {
            return Err(ImportError::NodeHierarchy {
                path: ctx.path.to_path_buf(),
                node: node.index(),
            });
        }
        let transform = parent * local_transform(&node);
        if let Some(mesh) = node.mesh() {
            instances.push((mesh, transform));
        }
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev().map(|child| (child, transform)));
    }
    Ok(instances)
}

/// The node's local transform: its matrix, or `T * R * S`.
fn local_transform(node: &gltf::Node<'_>) -> Mat4 {
    match node.transform() {
        gltf::scene::Transform::Matrix { matrix } => Mat4::from_cols_array_2d(&matrix),
        gltf::scene::Transform::Decomposed {
            translation,
            rotation,
            scale,
        } => Mat4::from_scale_rotation_translation(
            Vec3::from(scale),
            unit_quat(Quat::from_array(rotation)),
            Vec3::from(translation),
        ),
    }
}

/// `q` renormalised when it is noticeably not unit length (kept bit-exact otherwise);
/// identity when it cannot be normalised.
fn unit_quat(q: Quat) -> Quat {
    let len2 = q.length_squared();
    if (len2 - 1.0).abs() <= 1e-5 {
        q
    } else if len2.is_finite() && len2 > 1e-12 {
        q.normalize()
    } else {
        Quat::IDENTITY
    }
}
