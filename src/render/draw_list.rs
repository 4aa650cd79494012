//! Turns a frame's objects into instance records grouped by primitive (no GPU needed).

use super::scene_pass::InstanceData;
use crate::frame::{FrameData, pack_id};
use glam::{Mat3, Mat4};

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

/// Expands every object into its asset's parts. `parts[asset]` lists (primitive, transform).
/// Returns the asset index that is out of range, if any.
pub fn build(frame: &FrameData, parts: &[Vec<(usize, Mat4)>]) -> Result<DrawList, usize> {
    let mut keyed: Vec<(usize, InstanceData)> = Vec::new();
    for object in &frame.objects {
        let asset_parts = parts.get(object.asset).ok_or(object.asset)?;
        let packed = pack_id(object.instance_id, object.category_id);
        for &(primitive, local) in asset_parts {
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
                projection: Mat4::IDENTITY,
                position: Vec3::ZERO,
            },
            light: LightData {
                sun_direction: Vec3::Y,
                sun_color: Vec3::ONE,
                ambient: Vec3::ZERO,
                sky_color: Vec3::ZERO,
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
        }
    }

    #[test]
    fn groups_parts_by_primitive() {
        let parts = vec![
            vec![(0, Mat4::IDENTITY), (1, Mat4::IDENTITY)],
            vec![(1, Mat4::IDENTITY)],
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
    fn unknown_asset_is_reported() {
        assert_eq!(build(&frame(vec![object(5, 1)]), &[]).unwrap_err(), 5);
    }
}
