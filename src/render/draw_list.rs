//! Turns a frame's objects into instance records grouped by primitive (no GPU needed):
//! each (object, part) gets its posed transform, its id and its material overrides.

use super::error::RenderError;
use super::gpu_assets::{AssetDraw, PartDraw};
use super::gpu_types::{InstanceData, override_bits};
use crate::frame::{FrameData, MaterialOverride, ObjectDraw, pack_id};
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

/// What one view draws: instanced runs of opaque and alpha-tested parts, then blended
/// parts one by one, farthest first (shadow views have none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewRuns {
    /// One run per primitive.
    pub runs: Vec<DrawRun>,
    /// Alpha-blended parts, one record each, farthest from the camera first.
    pub blended: Vec<DrawRun>,
}

/// Instance records for every view, and the runs that draw them.
#[derive(Clone, Debug, Default)]
pub struct DrawList {
    /// Records: each view's own, grouped by primitive (a part seen by several views has a
    /// record in each).
    pub instances: Vec<InstanceData>,
    /// Per view passed to [`build`]: the camera's, then each shadow cascade's.
    pub views: Vec<ViewRuns>,
    /// Labelled objects drawn alone by the coverage pass ([`add_coverage`]).
    pub objects: Vec<ObjectRuns>,
}

/// One labelled object's parts, one record each, for the coverage pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectRuns {
    /// The object's instance id.
    pub instance_id: u16,
    /// Its parts inside the guard view.
    pub runs: Vec<DrawRun>,
    /// Its box may reach the frame's edge, so the guard view draws it.
    pub edge: bool,
}

impl DrawList {
    /// The runs of view `index` (none for a view the list was not built with).
    pub fn view(&self, index: usize) -> &ViewRuns {
        static EMPTY: ViewRuns = ViewRuns {
            runs: Vec::new(),
            blended: Vec::new(),
        };
        self.views.get(index).unwrap_or(&EMPTY)
    }
}

/// A record waiting to be placed: its view, its sort key and primitive.
struct Keyed {
    view: usize,
    /// Distance along the camera's view (blended parts), else 0.
    depth: f32,
    blend: bool,
    primitive: usize,
    record: InstanceData,
}

/// Expands every object into its asset's parts, separately for each of `views`
/// (clip-from-world matrices: the camera first, then the shadow cascades, whose casters
/// may lie outside the camera's view). A part is drawn in a view unless its (posed)
/// bounds, or its object's, lie wholly outside that view. Blended parts are drawn by the
/// camera only (they cast no shadow), sorted by their distance along its view.
///
/// Fails on an object whose asset index is out of range, whose pose does not have one
/// transform per part, or whose material override names a material the asset lacks.
pub fn build(
    frame: &FrameData,
    views: &[Mat4],
    assets: &[AssetDraw],
) -> Result<DrawList, RenderError> {
    let mut keyed: Vec<Keyed> = Vec::new();
    let camera = views.first().copied().unwrap_or(Mat4::IDENTITY);
    for (index, object) in frame.objects.iter().enumerate() {
        let asset = checked_asset(frame, index, assets)?;
        let bounds = posed_bounds(object, asset);
        let seen: Vec<bool> = views
            .iter()
            .map(|view| !outside_frustum(*view * object.transform, bounds))
            .collect();
        if !seen.contains(&true) {
            continue;
        }
        let packed = pack_id(object.instance_id, object.category_id);
        for (k, part) in asset.parts.iter().enumerate() {
            let local = object.part_transforms.get(k).unwrap_or(&part.transform);
            let model = object.transform * *local;
            let mut record = None;
            for (view, clip) in views.iter().enumerate() {
                let casts = view == 0 || !part.blend;
                if !seen[view] || !casts || outside_frustum(*clip * model, part.bounds) {
                    continue;
                }
                let centre = (part.bounds.0 + part.bounds.1) * 0.5;
                keyed.push(Keyed {
                    view,
                    depth: (camera * model * centre.extend(1.0)).w,
                    blend: part.blend,
                    primitive: part.primitive,
                    record: *record
                        .get_or_insert_with(|| instance_record(model, packed, object, part)),
                });
            }
        }
    }
    Ok(grouped(keyed, views.len()))
}

/// Appends to `list` a record per part of every labelled object (instance id above 0)
/// inside the `guard` view (clip-from-world), grouped by object in frame order, with
/// whether `edge` says its box (model, bounds) may reach the frame's edge. Objects were
/// checked against their assets by [`build`].
pub fn add_coverage(
    list: &mut DrawList,
    (frame, assets): (&FrameData, &[AssetDraw]),
    guard: Mat4,
    edge: &dyn Fn(Mat4, (Vec3, Vec3)) -> bool,
) {
    for object in &frame.objects {
        let Some(asset) = assets.get(object.asset) else {
            continue;
        };
        let bounds = posed_bounds(object, asset);
        if object.instance_id == 0 || outside_frustum(guard * object.transform, bounds) {
            continue;
        }
        let packed = pack_id(object.instance_id, object.category_id);
        let mut runs = Vec::new();
        for (k, part) in asset.parts.iter().enumerate() {
            let local = object.part_transforms.get(k).unwrap_or(&part.transform);
            let model = object.transform * *local;
            if outside_frustum(guard * model, part.bounds) {
                continue;
            }
            runs.push(DrawRun {
                primitive: part.primitive,
                first: list.instances.len() as u32,
                count: 1,
            });
            list.instances
                .push(instance_record(model, packed, object, part));
        }
        if !runs.is_empty() {
            list.objects.push(ObjectRuns {
                instance_id: object.instance_id,
                runs,
                edge: edge(object.transform, bounds),
            });
        }
    }
}

/// Sorts records by view, then opaque by primitive and blended far to near (stably, so
/// output is deterministic), into runs.
fn grouped(mut keyed: Vec<Keyed>, views: usize) -> DrawList {
    keyed.sort_by(|a, b| {
        (a.view, a.blend)
            .cmp(&(b.view, b.blend))
            .then_with(|| match a.blend {
                true => b
                    .depth
                    .total_cmp(&a.depth)
                    .then(a.primitive.cmp(&b.primitive)),
                false => a.primitive.cmp(&b.primitive),
            })
    });
    let mut list = DrawList {
        instances: Vec::with_capacity(keyed.len()),
        views: vec![ViewRuns::default(); views],
        objects: Vec::new(),
    };
    for item in keyed {
        let first = list.instances.len() as u32;
        list.instances.push(item.record);
        let view = &mut list.views[item.view];
        if item.blend {
            view.blended.push(DrawRun {
                primitive: item.primitive,
                first,
                count: 1,
            });
            continue;
        }
        match view.runs.last_mut() {
            Some(run) if run.primitive == item.primitive => run.count += 1,
            _ => view.runs.push(DrawRun {
                primitive: item.primitive,
                first,
                count: 1,
            }),
        }
    }
    list
}

/// Object `index`'s asset, once its pose and material overrides are known to fit it.
fn checked_asset<'a>(
    frame: &FrameData,
    index: usize,
    assets: &'a [AssetDraw],
) -> Result<&'a AssetDraw, RenderError> {
    let object = &frame.objects[index];
    let asset = assets.get(object.asset).ok_or(RenderError::UnknownAsset {
        frame: frame.index,
        asset: object.asset,
        loaded: assets.len(),
    })?;
    let transforms = object.part_transforms.len();
    if transforms != 0 && transforms != asset.parts.len() {
        return Err(RenderError::PartTransforms {
            frame: frame.index,
            object: index,
            asset: object.asset,
            transforms,
            parts: asset.parts.len(),
        });
    }
    match object
        .materials
        .iter()
        .find(|o| o.material >= asset.material_count)
    {
        Some(bad) => Err(RenderError::UnknownMaterial {
            frame: frame.index,
            object: index,
            asset: object.asset,
            material: bad.material,
            materials: asset.material_count,
        }),
        None => Ok(asset),
    }
}

/// The object's bounds in asset space: the asset's rest bounds, or for a posed object
/// the box around every part's bounds moved by its part transform.
fn posed_bounds(object: &ObjectDraw, asset: &AssetDraw) -> (Vec3, Vec3) {
    if object.part_transforms.is_empty() {
        return asset.bounds;
    }
    let empty = (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY));
    let parts = asset.parts.iter().zip(&object.part_transforms);
    parts.fold(empty, |(min, max), (part, transform)| {
        corners(part.bounds)
            .iter()
            .map(|&c| transform.transform_point3(c))
            .fold((min, max), |(min, max), p| (min.min(p), max.max(p)))
    })
}

/// The eight corners of the box `(min, max)`.
fn corners((min, max): (Vec3, Vec3)) -> [Vec3; 8] {
    std::array::from_fn(|i| {
        let pick = |bit: usize, lo: f32, hi: f32| if i & bit != 0 { hi } else { lo };
        Vec3::new(
            pick(1, min.x, max.x),
            pick(2, min.y, max.y),
            pick(4, min.z, max.z),
        )
    })
}

/// Whether the box `(min, max)` under `clip_from_local` lies wholly outside one plane of
/// the clip volume (−w ≤ x, y ≤ w, 0 ≤ z ≤ w): a conservative test, never culling
/// anything that could be visible.
fn outside_frustum(clip_from_local: Mat4, bounds: (Vec3, Vec3)) -> bool {
    let corners: [Vec4; 8] = corners(bounds).map(|p| clip_from_local * p.extend(1.0));
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

/// The record of one part drawn at `model`: its transforms, id, the object's overrides
/// of the part's material (the first one naming it) and its emissive multiplier.
fn instance_record(
    model: Mat4,
    packed_id: u32,
    object: &ObjectDraw,
    part: &PartDraw,
) -> InstanceData {
    let normal = Mat3::from_mat4(model).inverse().transpose();
    let column = |c: Vec3| [c.x, c.y, c.z, 0.0];
    let mut record = InstanceData {
        model: model.to_cols_array_2d(),
        normal: [
            column(normal.x_axis),
            column(normal.y_axis),
            column(normal.z_axis),
        ],
        ids: [packed_id, 0, 0, 0],
        base_color: [0.0; 4],
        surface: [0.0, 0.0, object.emissive, 0.0],
    };
    if let Some(o) = object
        .materials
        .iter()
        .find(|o| o.material == part.material)
    {
        apply_override(&mut record, o);
    }
    record
}

/// Writes the values `o` sets into `record`, with their [`override_bits`].
fn apply_override(record: &mut InstanceData, o: &MaterialOverride) {
    if let Some(color) = o.base_color {
        record.ids[1] |= override_bits::BASE_COLOR;
        record.base_color = color.extend(0.0).to_array();
    }
    if let Some(roughness) = o.roughness {
        record.ids[1] |= override_bits::ROUGHNESS;
        record.surface[0] = roughness;
    }
    if let Some(metallic) = o.metallic {
        record.ids[1] |= override_bits::METALLIC;
        record.surface[1] = metallic;
    }
}

#[cfg(test)]
mod tests;
