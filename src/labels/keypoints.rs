//! COCO's 17 person keypoints, from the skeleton joints of the people assets (see
//! tools/make_assets/src/people: shoulder, elbow, wrist, hip, knee and ankle nodes sit on
//! the anatomical joints; nose, eyes and ears are marker nodes on the head).
//!
//! The world stage poses each person ([`Skeleton::positions`]) and projects the joints into
//! the final image, lens included ([`project`]). Visibility comes from the rendered frame
//! ([`attach`]): 0 outside the image or behind the camera; 2 where the pixel shows the
//! person itself, the sky, or a surface no nearer than the joint (less
//! [`DEPTH_TOLERANCE`], the flesh around it); 1 where something nearer hides it.

use super::FrameLabels;
use crate::frame::FrameData;
use crate::importer::Asset;
use crate::render::lens::{self, Intrinsics};
use glam::{Mat4, Vec2, Vec3};

/// COCO's keypoint names, in COCO's order.
pub const NAMES: [&str; 17] = [
    "nose",
    "left_eye",
    "right_eye",
    "left_ear",
    "right_ear",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
];

/// The asset node at each keypoint (the segment node that starts at the joint).
const NODES: [&str; 17] = [
    "nose",
    "l_eye",
    "r_eye",
    "l_ear",
    "r_ear",
    "l_upper_arm",
    "r_upper_arm",
    "l_forearm",
    "r_forearm",
    "l_hand",
    "r_hand",
    "l_thigh",
    "r_thigh",
    "l_shin",
    "r_shin",
    "l_foot",
    "r_foot",
];

/// COCO's person skeleton: pairs of 1-based keypoint indices.
pub const SKELETON: [[u8; 2]; 19] = [
    [16, 14],
    [14, 12],
    [17, 15],
    [15, 13],
    [12, 13],
    [6, 12],
    [7, 13],
    [6, 7],
    [6, 8],
    [7, 9],
    [8, 10],
    [9, 11],
    [2, 3],
    [1, 2],
    [1, 3],
    [2, 4],
    [3, 5],
    [4, 6],
    [5, 7],
];

/// A surface at most this much nearer than a joint (metres) does not hide it: the body's
/// own flesh around the joint.
pub const DEPTH_TOLERANCE: f32 = 0.25;

/// One keypoint in the final image before its visibility is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projected {
    /// Pixel position (x right, y down; pixel centres at .5).
    pub pixel: Vec2,
    /// Distance along the camera's axis, metres (≤ 0 behind the camera).
    pub depth: f32,
}

/// The joint tree of an asset with all 17 keypoint nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Skeleton {
    /// Node index of each keypoint.
    keypoints: [usize; 17],
    /// Per node: parent, rest local transform, rest node → asset transform.
    nodes: Vec<(Option<usize>, Mat4, Mat4)>,
    /// Per node: the first part it moves, with that part's rest transform.
    parts: Vec<Option<(usize, Mat4)>>,
}

impl Skeleton {
    /// The skeleton of `asset`, when it has every keypoint node.
    pub fn of(asset: &Asset) -> Option<Self> {
        let index = |name: &str| asset.nodes.iter().position(|n| n.name == name);
        let mut keypoints = [0; 17];
        for (slot, name) in keypoints.iter_mut().zip(NODES) {
            *slot = index(name)?;
        }
        let nodes = asset
            .nodes
            .iter()
            .map(|n| (n.parent, n.local, n.world))
            .collect();
        let parts = (0..asset.nodes.len())
            .map(|node| {
                let k = asset.parts.iter().position(|p| p.node == node)?;
                Some((k, asset.parts[k].transform))
            })
            .collect();
        Some(Self {
            keypoints,
            nodes,
            parts,
        })
    }

    /// Asset-space keypoint positions for `posed` part transforms (empty: the rest pose).
    /// A node that moves a part follows it; a marker node follows its parent.
    pub fn positions(&self, posed: &[Mat4]) -> [Vec3; 17] {
        let mut worlds: Vec<Mat4> = Vec::with_capacity(self.nodes.len());
        for (node, &(parent, local, rest)) in self.nodes.iter().enumerate() {
            let moved = self.parts[node]
                .and_then(|(k, part_rest)| posed.get(k).map(|p| *p * part_rest.inverse() * rest));
            let world = match (posed.is_empty(), moved, parent) {
                (true, _, _) => rest,
                (false, Some(m), _) => m,
                (false, None, Some(p)) => worlds[p] * local,
                (false, None, None) => local,
            };
            worlds.push(world);
        }
        self.keypoints.map(|n| worlds[n].w_axis.truncate())
    }
}

/// Projects world point `p` into `frame`'s final image, through its lens.
pub fn project(frame: &FrameData, p: Vec3) -> Projected {
    let view = frame.camera.view.transform_point3(p);
    let clip = frame.camera.projection * view.extend(1.0);
    let (w, h) = (frame.width as f32, frame.height as f32);
    let ndc = Vec2::new(clip.x, clip.y) / clip.w;
    let mut pixel = Vec2::new((ndc.x + 1.0) * 0.5 * w, (1.0 - ndc.y) * 0.5 * h);
    if lens::distorts(&frame.lens) {
        let k = Intrinsics::from_projection(&frame.camera.projection, frame.width, frame.height);
        pixel = lens::distort(&frame.lens, (pixel - k.centre) / k.focal) * k.focal + k.centre;
    }
    Projected {
        pixel,
        depth: -view.z,
    }
}

/// Gives each person instance of `labels` with projected joints in `truth` its COCO
/// keypoints `(x, y, v)`, judged against the frame's `depth` map and instance mask.
pub fn attach(
    labels: &mut FrameLabels,
    truth: &[super::geometry::ObjectTruth],
    depth: &[f32],
    (width, height): (u32, u32),
) {
    let mask = &labels.instance_mask;
    for instance in &mut labels.instances {
        let Some(joints) = truth
            .iter()
            .find(|t| t.instance_id == instance.instance_id)
            .and_then(|t| t.keypoints.as_ref())
        else {
            continue;
        };
        instance.keypoints = Some(joints.map(|j| {
            let v = visibility(j, instance.instance_id, (mask, depth), (width, height));
            if v == 0 {
                (0.0, 0.0, 0)
            } else {
                (j.pixel.x, j.pixel.y, v)
            }
        }));
    }
}

fn visibility(
    j: Projected,
    id: u16,
    (mask, depth): (&[u16], &[f32]),
    (width, height): (u32, u32),
) -> u8 {
    let inside = j.pixel.x >= 0.0
        && j.pixel.y >= 0.0
        && j.pixel.x < width as f32
        && j.pixel.y < height as f32;
    if j.depth <= 0.0 || !inside {
        return 0;
    }
    let at = j.pixel.y as usize * width as usize + j.pixel.x as usize;
    let (own, surface) = (
        mask.get(at) == Some(&id),
        depth.get(at).copied().unwrap_or(0.0),
    );
    if own || surface == 0.0 || surface >= j.depth - DEPTH_TOLERANCE {
        2
    } else {
        1
    }
}
