//! Per-instance geometry labels beyond the mask: the amodal box, visible fraction,
//! truncation and KITTI occlusion level (from the coverage pass's counts), and the 3D box,
//! distance and observation angle (from the world's object transforms and asset bounds).
//!
//! 3D boxes follow KITTI's camera frame: x right, y down, z forward, metres; `location` is
//! the bottom centre; `dimensions` are height, width, length; `rotation_y` turns the
//! object's heading (its +Z, the asset library's front) about the camera's y axis, 0 when
//! it points along +x; `alpha = rotation_y − atan2(x, z)`, wrapped to (−π, π].

use super::InstanceLabel;
use super::keypoints::{Projected, Skeleton, project};
use crate::frame::{FrameData, ObjectCoverage};
use glam::{Mat4, Vec3};
use std::f32::consts::PI;

/// A visible fraction at or above this is KITTI occlusion level 0 (fully visible).
pub const FULLY_VISIBLE: f64 = 0.95;
/// A visible fraction at or above this (and below [`FULLY_VISIBLE`]) is level 1 (partly
/// occluded); below it, level 2 (largely occluded).
pub const PARTLY_VISIBLE: f64 = 0.5;

/// An object's 3D box in the camera's frame.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Box3d {
    /// Height, width, length, metres.
    pub dimensions: [f32; 3],
    /// Bottom centre, camera frame (x right, y down, z forward), metres.
    pub location: [f32; 3],
    /// Heading about the camera's y axis, radians in (−π, π].
    pub rotation_y: f32,
    /// Observation angle, radians in (−π, π].
    pub alpha: f32,
    /// Distance from the camera to the box's centre, metres.
    pub distance: f32,
}

/// What the world knows about one labelled object.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectTruth {
    /// Its instance id.
    pub instance_id: u16,
    /// Its 3D box.
    pub box3d: Box3d,
    /// A person's 17 COCO keypoints projected into the image (people only).
    pub keypoints: Option<[Projected; 17]>,
}

/// COCO's category id of people, the only category with keypoints.
pub const PERSON: u16 = 1;

/// The geometry labels of one visible instance.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GeometryLabel {
    /// The whole object's box, hidden parts included, clipped to the image: COCO
    /// `[x, y, w, h]`. Contains the visible box.
    pub amodal_bbox: [u32; 4],
    /// Visible pixels over the pixels the object would cover with nothing in front.
    pub visible_fraction: f64,
    /// Share of the unoccluded silhouette outside the frame (up to the guard band).
    pub truncation: f64,
    /// KITTI occlusion level: 0 fully visible, 1 partly, 2 largely occluded.
    pub occlusion: u8,
    /// Its 3D box, when the world placed it.
    pub box3d: Option<Box3d>,
}

/// What the world stage needs of each asset: its asset-space bounds and, for people, its
/// skeleton.
pub type AssetTruth = ((Vec3, Vec3), Option<Skeleton>);

/// The 3D box (and a person's projected keypoints) of every labelled object of `frame`;
/// `assets` are indexed like the frame's objects' assets.
pub fn objects_3d(frame: &FrameData, assets: &[AssetTruth]) -> Vec<ObjectTruth> {
    frame
        .objects
        .iter()
        .filter(|o| o.instance_id != 0)
        .filter_map(|o| {
            let (bounds, skeleton) = assets.get(o.asset)?;
            let keypoints = skeleton
                .as_ref()
                .filter(|_| o.category_id == PERSON)
                .map(|s| {
                    s.positions(&o.part_transforms)
                        .map(|p| project(frame, o.transform.transform_point3(p)))
                });
            Some(ObjectTruth {
                instance_id: o.instance_id,
                box3d: box3d(frame.camera.view, o.transform, *bounds),
                keypoints,
            })
        })
        .collect()
}

/// World → KITTI camera frame (x right, y down, z forward) for a view matrix looking down
/// −Z with +Y up.
fn to_camera(view: Mat4, p: Vec3) -> Vec3 {
    let v = view.transform_point3(p);
    Vec3::new(v.x, -v.y, -v.z)
}

/// Wraps an angle into (−π, π].
pub fn wrap_angle(a: f32) -> f32 {
    let w = a.rem_euclid(2.0 * PI);
    if w > PI { w - 2.0 * PI } else { w }
}

/// The box of an object at `transform` whose asset spans `(min, max)`.
pub fn box3d(view: Mat4, transform: Mat4, (min, max): (Vec3, Vec3)) -> Box3d {
    let size = max - min;
    let scale = Vec3::new(
        transform.x_axis.truncate().length(),
        transform.y_axis.truncate().length(),
        transform.z_axis.truncate().length(),
    );
    let mid = (min + max) * 0.5;
    let bottom = to_camera(
        view,
        transform.transform_point3(Vec3::new(mid.x, min.y, mid.z)),
    );
    let centre = to_camera(view, transform.transform_point3(mid));
    let forward = view.transform_vector3(transform.transform_vector3(Vec3::Z));
    // KITTI frame: (x, −y, −z) of the view frame.
    let rotation_y = wrap_angle((forward.z).atan2(forward.x));
    Box3d {
        dimensions: [size.y * scale.y, size.x * scale.x, size.z * scale.z],
        location: bottom.to_array(),
        rotation_y,
        alpha: wrap_angle(rotation_y - bottom.x.atan2(bottom.z)),
        distance: centre.length(),
    }
}

/// Fills in the geometry labels of every instance of `labels` from the frame's coverage
/// counts and its objects' 3D truth.
pub fn attach(labels: &mut super::FrameLabels, coverage: &[ObjectCoverage], truth: &[ObjectTruth]) {
    for instance in &mut labels.instances {
        let id = instance.instance_id;
        instance.geometry = geometry_label(
            instance,
            coverage.iter().find(|c| c.instance_id == id),
            truth.iter().find(|t| t.instance_id == id),
        );
    }
}

/// The KITTI occlusion level of a visible fraction.
pub fn occlusion_level(visible_fraction: f64) -> u8 {
    if visible_fraction >= FULLY_VISIBLE {
        0
    } else if visible_fraction >= PARTLY_VISIBLE {
        1
    } else {
        2
    }
}

/// The geometry labels of `instance` from its coverage counts and its world truth. Without
/// counts (an object the coverage pass did not see) it is taken as unoccluded and whole.
pub fn geometry_label(
    instance: &InstanceLabel,
    coverage: Option<&ObjectCoverage>,
    truth: Option<&ObjectTruth>,
) -> GeometryLabel {
    let [x, y, w, h] = instance.bbox;
    let visible = [x, y, x + w - 1, y + h - 1];
    let (amodal, visible_fraction, truncation) = match coverage {
        Some(c) => {
            // With a distorting lens the box is taken through the lens at pixel centres,
            // and the mask's nearest-sampled edge can reach one pixel further.
            let amodal = c.amodal_box.map_or(visible, |b| {
                [
                    b[0].min(visible[0]),
                    b[1].min(visible[1]),
                    b[2].max(visible[2]),
                    b[3].max(visible[3]),
                ]
            });
            let fraction = ratio(c.visible, c.visible + c.hidden).unwrap_or(1.0);
            let truncation = ratio(c.guard_outside, c.guard_inside + c.guard_outside);
            (amodal, fraction, truncation.unwrap_or(0.0))
        }
        None => (visible, 1.0, 0.0),
    };
    GeometryLabel {
        amodal_bbox: [
            amodal[0],
            amodal[1],
            amodal[2] + 1 - amodal[0],
            amodal[3] + 1 - amodal[1],
        ],
        visible_fraction,
        truncation,
        occlusion: occlusion_level(visible_fraction),
        box3d: truth.map(|t| t.box3d),
    }
}

/// `part / whole`, or `None` when `whole` is 0.
fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
#[path = "geometry_tests.rs"]
mod tests;
