//! Turns a frame's objects into instance records grouped by primitive (no GPU needed).

use super::gpu_assets::AssetDraw;
use super::scene_pass::InstanceData;
use crate::frame::{FrameData, pack_id};
use glam::{Mat3, Mat4, Vec3, Vec4};

/// One instanced draw: `count` records starting at `first`, all of one primitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DrawRun {
    /// Index into the uploaded primitives.
    pub primitive: usize,
    /// First instance record.
    pub first: u32,
    /// Number of records.
    pub count: u32,
}

/// Instance records sorted by primitive, and the runs that draw them.
#[derive(Clone, Debug, Default)]
pub struct DrawList {
    /// Records, grouped by primitive.
    pub instances: Vec<InstanceData>,
    /// One run per primitive used.
    pub runs: Vec<DrawRun>,
}

/// Expands every object the camera can see into its asset's parts; objects whose bounds
/// lie wholly outside the view frustum are skipped (they cannot cover a pixel).
/// Returns the asset index that is out of range, if any.
pub fn build(frame: &FrameData, assets: &[AssetDraw]) -> Result<DrawList, usize> {
    let view_projection = frame.camera.projection * frame.camera.view;
    let mut keyed: Vec<(usize, InstanceData)> = Vec::new();
    for object in &frame.objects {
        let asset = assets.get(object.asset).ok_or(object.asset)?;
        if outside_frustum(view_projection * object.transform, asset.bounds) {
            continue;
        }
        let packed = pack_id(object.instance_id, object.category_id);
        for &(primitive, local) in &asset.parts {
            keyed.push((primitive, instance_record(object.transform * local, packed)));
        }
    }
    // Stable sort keeps object order within a primitive, so output is deterministic.
    keyed.sort_by_key(|(primitive, _)| *primitive);
    let mut list = DrawList::default();
    for (i, (primitive, record)) in keyed.into_iter().enumerate() {
        match list.runs.last_mut() {
            Some(run) if run.primitive == primitive => run.count += 1,
            _ => list.runs.push(DrawRun {
                primitive,
                first: i as u32,
                count: 1,
            }),
        }
        list.instances.push(record);
    }
    Ok(list)
}

/// Whether the box `(min, max)` under `clip_from_local` lies wholly outside one plane of
/// the clip volume (−w ≤ x, y ≤ w, 0 ≤ z ≤ w): a conservative test, never culling
/// anything that could be visible.
fn outside_frustum(clip_from_local: Mat4, (min, max): (Vec3, Vec3)) -> bool {
    let corners: [Vec4; 8] = std::array::from_fn(|i| {
        let pick = |bit: usize, lo: f32, hi: f32| if i & bit != 0 { hi } else { lo };
        let p = Vec3::new(
            pick(1, min.x, max.x),
            pick(2, min.y, max.y),
            pick(4, min.z, max.z),
        );
        clip_from_local * p.extend(1.0)
    });
    let planes: [fn(Vec4) -> f32; 6] = [
        |c| c.w + c.x,
        |c| c.w - c.x,
        |c| c.w + c.y,
        |c| c.w - c.y,
        |c| c.z,
        |c| c.w - c.z,
    ];
    planes
        .iter()
        .any(|plane| corners.iter().all(|&c| plane(c) < 0.0))
}

fn instance_record(model: Mat4, packed_id: u32) -> InstanceData {
    let normal = Mat3::from_mat4(model).inverse().transpose();
    let column = |c: glam::Vec3| [c.x, c.y, c.z, 0.0];
    InstanceData {
        model: model.to_cols_array_2d(),
        normal: [
            column(normal.x_axis),
            column(normal.y_axis),
            column(normal.z_axis),
        ],
        ids: [packed_id, 0, 0, 0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{CameraData, LightData, ObjectDraw};
    use glam::Vec3;

    fn frame(objects: Vec<ObjectDraw>) -> FrameData {
        FrameData {
            index: 0,
            width: 4,
            height: 4,
            camera: CameraData {
                view: Mat4::IDENTITY,
                // Everything the tests place lies well inside this clip volume.
                projection: Mat4::from_translation(Vec3::new(0.0, 0.0, 0.5))
                    * Mat4::from_scale(Vec3::splat(0.1)),
                position: Vec3::ZERO,
            },
            light: LightData {
                sun_direction: Vec3::Y,
                sun_color: Vec3::ONE,
                ambient: Vec3::ZERO,
                sky_color: Vec3::ZERO,
                exposure: 1.0,
            },
            objects,
            sky_category: 0,
        }
    }

    fn object(asset: usize, instance_id: u16) -> ObjectDraw {
        ObjectDraw {
            asset,
            transform: Mat4::from_translation(Vec3::new(instance_id as f32, 0.0, 0.0)),
            instance_id,
            category_id: 3,
            materials: Vec::new(),
            emissive: 1.0,
            part_transforms: Vec::new(),
        }
    }

    fn asset(parts: Vec<(usize, Mat4)>) -> AssetDraw {
        AssetDraw {
            parts,
            bounds: (Vec3::splat(-0.5), Vec3::splat(0.5)),
        }
    }

    #[test]
    fn groups_parts_by_primitive() {
        let parts = vec![
            asset(vec![(0, Mat4::IDENTITY), (1, Mat4::IDENTITY)]),
            asset(vec![(1, Mat4::IDENTITY)]),
        ];
        let list = build(
            &frame(vec![object(0, 1), object(1, 2), object(0, 3)]),
            &parts,
        )
        .unwrap();
        assert_eq!(
            list.runs,
            vec![
                DrawRun {
                    primitive: 0,
                    first: 0,
                    count: 2
                },
                DrawRun {
                    primitive: 1,
                    first: 2,
                    count: 3
                },
            ]
        );
        let ids: Vec<u32> = list.instances.iter().map(|r| r.ids[0] & 0xffff).collect();
        assert_eq!(ids, vec![1, 3, 1, 2, 3]);
        assert_eq!(list.instances[0].ids[0] >> 16, 3);
    }

    #[test]
    fn culls_only_what_lies_wholly_outside_the_frustum() {
        let mut f = frame(vec![]);
        // 90° vertical field of view, square image, looking down −Z.
        f.camera.projection = glam::camera::rh::proj::directx::perspective(
            std::f32::consts::FRAC_PI_2,
            1.0,
            0.1,
            100.0,
        );
        let at = |x: f32, z: f32, id: u16| ObjectDraw {
            transform: Mat4::from_translation(Vec3::new(x, 0.0, z)),
            ..object(0, id)
        };
        f.objects = vec![
            at(0.0, -10.0, 1),  // straight ahead
            at(0.0, 10.0, 2),   // behind the camera
            at(10.4, -10.0, 3), // straddles the right edge (x = z there)
            at(12.0, -10.0, 4), // just beyond it
            at(0.0, -200.0, 5), // beyond the far plane
        ];
        let list = build(&f, &[asset(vec![(0, Mat4::IDENTITY)])]).unwrap();
        let ids: Vec<u32> = list.instances.iter().map(|r| r.ids[0] & 0xffff).collect();
        assert_eq!(ids, vec![1, 3]);
    }

    #[test]
    fn unknown_asset_is_reported() {
        assert_eq!(build(&frame(vec![object(5, 1)]), &[]).unwrap_err(), 5);
    }
}
