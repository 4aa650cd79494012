//! Turns a person description into a .glb: one node per joint (placed at the joint,
//! rotated by the pose), each joint's parts merged into one primitive per material and
//! moved into the joint's local frame, and the face markers under the head.

use super::body::{self, Parts};
use super::head;
use super::limbs;
use super::outfit::{Look, Mat};
use super::pose::{self, Mount, Pose};
use super::skeleton::{Figure, Joint, Skeleton};
use crate::geom::MeshData;
use crate::gltf::{Document, Node, PrimitiveLayout};
use glam::{Quat, Vec3};
use std::collections::BTreeMap;
use std::path::Path;

/// One person or rider asset.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Person {
    /// File stem, also the root node's name.
    pub stem: &'static str,
    /// Body size and shape.
    pub fig: Figure,
    /// Clothing, hair and colours.
    pub look: Look,
    /// For riders: the vehicle's mount points (posed onto them); `None` stands.
    pub mount: Option<Mount>,
}

/// Every body and clothing part of a person, in neutral-pose world coordinates.
pub(crate) fn parts(sk: &Skeleton, look: &Look) -> Parts {
    let mut parts = Parts::new();
    body::torso(sk, look, &mut parts);
    body::neck(sk, look, &mut parts);
    head::head(sk, look, &mut parts);
    for side in [1.0f32, -1.0] {
        limbs::arm(sk, look, side, &mut parts);
        limbs::leg(sk, look, side, &mut parts);
    }
    if look.backpack.is_some() {
        body::backpack(sk, &mut parts);
    }
    parts
}

/// The person's pose: neutral standing, or fitted to the mount.
pub(crate) fn pose_of(sk: &Skeleton, p: &Person) -> Pose {
    p.mount
        .map_or_else(|| Pose::neutral(sk), |m| pose::ride(sk, &m))
}

/// Builds the document and the node tree; returns them with the triangle count.
pub(crate) fn build(p: &Person) -> (Document, Node, usize) {
    let sk = Skeleton::new(p.fig);
    let pose = pose_of(&sk, p);
    let mut doc = Document::default();
    let mut materials: BTreeMap<Mat, usize> = BTreeMap::new();
    let mut meshes: BTreeMap<Joint, usize> = BTreeMap::new();
    let mut triangles = 0;
    let all = parts(&sk, &p.look);
    for j in Joint::ALL {
        let mut by_mat: BTreeMap<Mat, Vec<&MeshData>> = BTreeMap::new();
        for part in all.iter().filter(|q| q.joint == j) {
            by_mat.entry(part.mat).or_default().push(&part.mesh);
        }
        let mut prims = Vec::new();
        for (mat, list) in by_mat {
            let mut m = MeshData::default();
            for piece in list {
                m.append(piece);
            }
            for q in &mut m.positions {
                *q -= sk.at(j);
            }
            triangles += m.indices.len() / 3;
            let index = *materials
                .entry(mat)
                .or_insert_with(|| doc.pbr(&p.look.material(mat)));
            prims.push(doc.primitive(&m, index, PrimitiveLayout::UNTEXTURED));
        }
        if !prims.is_empty() {
            meshes.insert(j, doc.mesh(j.name(), prims));
        }
    }
    let root = Node::new(p.stem).children([node(&sk, &pose, &meshes, Joint::Hips)]);
    (doc, root, triangles)
}

/// The node of `j` with its subtree.
fn node(sk: &Skeleton, pose: &Pose, meshes: &BTreeMap<Joint, usize>, j: Joint) -> Node {
    let at = match j.parent() {
        None => pose.hips,
        Some(parent) => sk.bone(parent, j),
    };
    let mut n = Node::new(j.name()).at_vec(at);
    let q = pose.rot[j.index()];
    if q.abs_diff_eq(Quat::IDENTITY, 1e-6) {
        // The neutral pose writes no rotation.
    } else {
        n = n.rotated(q);
    }
    if let Some(&m) = meshes.get(&j) {
        n = n.mesh(m);
    }
    let children = Joint::ALL
        .iter()
        .filter(|c| c.parent() == Some(j))
        .map(|&c| node(sk, pose, meshes, c));
    n = n.children(children);
    if j == Joint::Head {
        let markers = head::markers(sk).map(|(name, p)| Node::new(name).at_vec(p - sk.at(j)));
        n = n.children(markers);
    }
    n
}

/// Writes `<stem>.glb` into `dir`; returns (file name, bytes).
pub(crate) fn write(dir: &Path, p: &Person) -> std::io::Result<(String, usize)> {
    let (doc, root, _) = build(p);
    let name = format!("{}.glb", p.stem);
    let bytes = doc.write_glb(&dir.join(&name), &root)?;
    Ok((name, bytes))
}

/// A one-line report of where a rider's joints landed against the mount points.
pub(crate) fn fit_report(p: &Person) -> Option<String> {
    let mount = p.mount?;
    let sk = Skeleton::new(p.fig);
    let pose = pose_of(&sk, p);
    let e = pose::fit(&sk, &pose, &mount);
    let w = pose.world(&sk);
    let v = |j: Joint| {
        let q: Vec3 = w[j.index()].0;
        format!("{} ({:.3}, {:.3}, {:.3})", j.name(), q.x, q.y, q.z)
    };
    let lean = pose::torso_lean(&sk, &pose).to_degrees();
    Some(format!(
        "{}: seat {:.1} mm, grips {:.1}/{:.1} mm, soles {:.1}/{:.1} mm, torso lean {lean:.0}°; {}, {}, {}, {}, {}, {}, {}",
        p.stem,
        e[0] * 1e3,
        e[1] * 1e3,
        e[2] * 1e3,
        e[3] * 1e3,
        e[4] * 1e3,
        v(Joint::Hips),
        v(Joint::LForearm),
        v(Joint::LHand),
        v(Joint::RHand),
        v(Joint::LShin),
        v(Joint::LFoot),
        v(Joint::RFoot),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::outfit::{Bottom, Hair, Top};
    use crate::people::skeleton::Sex;

    /// A plain adult for structural checks.
    fn someone() -> Person {
        Person {
            stem: "person_test",
            fig: Figure {
                height: 1.75,
                sex: Sex::Male,
                girth: 1.0,
                maturity: 1.0,
            },
            look: Look {
                skin: 0xC08060,
                hair: (Hair::Short, 0x302010),
                top: (Top::TShirt, 0x808080),
                bottom: (Bottom::Jeans, 0x304060),
                shoes: 0x202020,
                helmet: None,
                backpack: None,
            },
            mount: None,
        }
    }

    #[test]
    fn writes_the_joint_tree_with_markers() {
        let dir = std::env::temp_dir().join("make_assets_people_test");
        std::fs::create_dir_all(&dir).unwrap();
        let (name, _) = write(&dir, &someone()).unwrap();
        let data = std::fs::read(dir.join(name)).unwrap();
        let len = u32::from_le_bytes(data[12..16].try_into().unwrap()) as usize;
        let doc: serde_json::Value = serde_json::from_slice(&data[20..20 + len]).unwrap();
        let names: Vec<&str> = doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["name"].as_str().unwrap())
            .collect();
        assert_eq!(names[0], "person_test");
        for j in Joint::ALL {
            assert!(names.contains(&j.name()), "{}", j.name());
        }
        for m in ["nose", "l_eye", "r_eye", "l_ear", "r_ear"] {
            assert!(names.contains(&m), "{m}");
        }
        assert_eq!(names.len(), 1 + 17 + 5);
    }

    #[test]
    fn standing_feet_touch_the_ground() {
        let p = someone();
        let sk = Skeleton::new(p.fig);
        let low = parts(&sk, &p.look)
            .iter()
            .flat_map(|q| q.mesh.positions.iter().map(|v| v.y))
            .fold(f32::INFINITY, f32::min);
        assert!(low.abs() < 1e-4, "lowest point {low}");
        let l_eye = head::markers(&sk)[1].1;
        assert!(l_eye.x > 0.0, "left is +X");
    }
}
