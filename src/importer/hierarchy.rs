//! glTF scenes and nodes: picks the scene, walks its node trees and accumulates each
//! node's local transform (TRS or matrix) into a node-to-asset transform.

use super::{Context, ImportError};
use glam::{Mat4, Quat, Vec3};

/// One node of the loaded scene, as the asset's skeleton.
pub(crate) struct Walked<'d> {
    /// Every node of the scene in depth-first order.
    pub nodes: Vec<super::AssetNode>,
    /// Every mesh instance: the mesh, its node-to-asset transform and its node's index in
    /// `nodes`.
    pub meshes: Vec<(gltf::Mesh<'d>, Mat4, usize)>,
}

/// Walks the loaded scene: its node tree (names, parents, rest transforms) and every mesh
/// instance with its node-to-asset transform, in depth-first order. The scene is the
/// default one, else scene 0, else (no scenes) every node that is no other node's child.
pub(crate) fn walk<'d>(ctx: &Context<'d>) -> Result<Walked<'d>, ImportError> {
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
    let mut stack: Vec<(gltf::Node<'d>, Mat4, Option<usize>)> = roots
        .into_iter()
        .rev()
        .map(|node| (node, Mat4::IDENTITY, None))
        .collect();
    let mut walked = Walked {
        nodes: Vec::new(),
        meshes: Vec::new(),
    };
    while let Some((node, parent, parent_index)) = stack.pop() {
        if std::mem::replace(&mut visited[node.index()], true) {
            return Err(ImportError::NodeHierarchy {
                path: ctx.path.to_path_buf(),
                node: node.index(),
            });
        }
        let local = local_transform(&node);
        let transform = parent * local;
        let index = walked.nodes.len();
        walked.nodes.push(super::AssetNode {
            name: node
                .name()
                .map_or_else(|| format!("node{}", node.index()), str::to_owned),
            parent: parent_index,
            local,
            world: transform,
        });
        if let Some(mesh) = node.mesh() {
            walked.meshes.push((mesh, transform, index));
        }
        let children: Vec<_> = node.children().collect();
        stack.extend(
            children
                .into_iter()
                .rev()
                .map(|child| (child, transform, Some(index))),
        );
    }
    Ok(walked)
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
