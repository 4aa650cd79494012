//! Draw list tests: grouping, culling, validation, poses and per-instance material values.

use super::*;

/// Builds the list for the frame's own camera.
fn build(frame: &FrameData, assets: &[AssetDraw]) -> Result<DrawList, RenderError> {
    super::build(
        frame,
        &[frame.camera.projection * frame.camera.view],
        assets,
    )
}
use crate::frame::{
    CameraData, LensData, LightData, MaterialOverride, ObjectDraw, SkyData, ToneMapping,
    WeatherData,
};

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
            sky_ambient: 0.0,
            sky_color: Vec3::ZERO,
            sky: SkyData::default(),
            exposure: 1.0,
        },
        objects,
        sky_category: 0,
        lights: Vec::new(),
        weather: WeatherData::default(),
        lens: LensData {
            tone_mapping: ToneMapping::Clip,
            ..LensData::default()
        },
        noise_seed: 0,
    }
}

/// A camera with a 90° vertical field of view, square image, looking down −Z.
fn perspective_frame(objects: Vec<ObjectDraw>) -> FrameData {
    let mut f = frame(objects);
    f.camera.projection =
        glam::camera::rh::proj::directx::perspective(std::f32::consts::FRAC_PI_2, 1.0, 0.1, 100.0);
    f
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

fn at(x: f32, z: f32, id: u16) -> ObjectDraw {
    ObjectDraw {
        transform: Mat4::from_translation(Vec3::new(x, 0.0, z)),
        ..object(0, id)
    }
}

/// A part of unit-cube primitive `primitive` with material `material`, at rest `transform`.
fn part(primitive: usize, material: usize, transform: Mat4) -> PartDraw {
    PartDraw {
        primitive,
        transform,
        material,
        bounds: (Vec3::splat(-0.5), Vec3::splat(0.5)),
        blend: false,
    }
}

fn asset(parts: Vec<PartDraw>) -> AssetDraw {
    AssetDraw {
        material_count: parts.iter().map(|p| p.material + 1).max().unwrap_or(0),
        parts,
        bounds: (Vec3::splat(-0.5), Vec3::splat(0.5)),
    }
}

fn ids(list: &DrawList) -> Vec<u32> {
    list.instances.iter().map(|r| r.ids[0] & 0xffff).collect()
}

fn translation(record: &InstanceData) -> Vec3 {
    Mat4::from_cols_array_2d(&record.model).w_axis.truncate()
}

#[test]
fn groups_parts_by_primitive() {
    let parts = vec![
        asset(vec![part(0, 0, Mat4::IDENTITY), part(1, 0, Mat4::IDENTITY)]),
        asset(vec![part(1, 0, Mat4::IDENTITY)]),
    ];
    let list = build(
        &frame(vec![object(0, 1), object(1, 2), object(0, 3)]),
        &parts,
    )
    .unwrap();
    assert_eq!(
        list.view(0).runs,
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
    assert_eq!(ids(&list), vec![1, 3, 1, 2, 3]);
    assert_eq!(list.instances[0].ids[0] >> 16, 3);
}

#[test]
fn culls_only_what_lies_wholly_outside_the_frustum() {
    let f = perspective_frame(vec![
        at(0.0, -10.0, 1),  // straight ahead
        at(0.0, 10.0, 2),   // behind the camera
        at(10.4, -10.0, 3), // straddles the right edge (x = z there)
        at(12.0, -10.0, 4), // just beyond it
        at(0.0, -200.0, 5), // beyond the far plane
    ]);
    let list = build(&f, &[asset(vec![part(0, 0, Mat4::IDENTITY)])]).unwrap();
    assert_eq!(ids(&list), vec![1, 3]);
}

#[test]
fn unknown_asset_is_reported() {
    let err = build(&frame(vec![object(5, 1)]), &[]).unwrap_err();
    assert!(
        matches!(
            err,
            RenderError::UnknownAsset {
                asset: 5,
                loaded: 0,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn override_applies_only_to_parts_with_that_material() {
    // Parts 0 and 2 use material 1 (paint), part 1 material 0 (glass).
    let assets = [asset(vec![
        part(0, 1, Mat4::IDENTITY),
        part(1, 0, Mat4::IDENTITY),
        part(2, 1, Mat4::IDENTITY),
    ])];
    let mut painted = object(0, 1);
    painted.materials = vec![MaterialOverride {
        material: 1,
        base_color: Some(Vec3::new(0.8, 0.1, 0.2)),
        roughness: Some(0.25),
        metallic: None,
    }];
    let list = build(&frame(vec![painted]), &assets).unwrap();
    let all = override_bits::BASE_COLOR | override_bits::ROUGHNESS;
    let flags: Vec<u32> = list.instances.iter().map(|r| r.ids[1]).collect();
    assert_eq!(flags, vec![all, 0, all]);
    assert_eq!(list.instances[0].base_color, [0.8, 0.1, 0.2, 0.0]);
    assert_eq!(list.instances[0].surface[0], 0.25);
    assert_eq!(list.instances[2].base_color, [0.8, 0.1, 0.2, 0.0]);
    assert_eq!(list.instances[1].base_color, [0.0; 4]);
}

#[test]
fn metallic_override_sets_only_its_bit() {
    let mut chrome = object(0, 1);
    chrome.materials = vec![MaterialOverride {
        material: 0,
        base_color: None,
        roughness: None,
        metallic: Some(0.75),
    }];
    let list = build(
        &frame(vec![chrome]),
        &[asset(vec![part(0, 0, Mat4::IDENTITY)])],
    )
    .unwrap();
    assert_eq!(list.instances[0].ids[1], override_bits::METALLIC);
    assert_eq!(list.instances[0].surface[1], 0.75);
}

#[test]
fn emissive_multiplier_is_carried_by_every_part() {
    let assets = [asset(vec![
        part(0, 0, Mat4::IDENTITY),
        part(1, 1, Mat4::IDENTITY),
    ])];
    let lit = object(0, 1);
    let dark = ObjectDraw {
        emissive: 0.0,
        ..object(0, 2)
    };
    let list = build(&frame(vec![lit, dark]), &assets).unwrap();
    let emissive: Vec<(u32, f32)> = list
        .instances
        .iter()
        .map(|r| (r.ids[0] & 0xffff, r.surface[2]))
        .collect();
    assert_eq!(emissive, vec![(1, 1.0), (2, 0.0), (1, 1.0), (2, 0.0)]);
}

#[test]
fn part_transforms_replace_the_rest_pose() {
    let rest = Mat4::from_translation(Vec3::new(0.0, 1.0, 0.0));
    let assets = [asset(vec![part(0, 0, rest), part(1, 0, rest)])];
    let posed = ObjectDraw {
        part_transforms: vec![
            Mat4::from_translation(Vec3::new(0.0, 0.0, 2.0)),
            Mat4::from_rotation_y(std::f32::consts::FRAC_PI_2),
        ],
        ..object(0, 1)
    };
    let list = build(&frame(vec![object(0, 3), posed]), &assets).unwrap();
    // Object 3 in the rest pose: x = 3 from the object, y = 1 from the part.
    assert_eq!(translation(&list.instances[0]), Vec3::new(3.0, 1.0, 0.0));
    assert_eq!(translation(&list.instances[1]), Vec3::new(1.0, 0.0, 2.0));
    // The rotated part's normal matrix follows its pose: +X turns to −Z.
    let normal = Vec3::from_slice(&list.instances[3].normal[0][..3]);
    assert!(
        normal.abs_diff_eq(Vec3::new(0.0, 0.0, -1.0), 1e-6),
        "{normal}"
    );
}

#[test]
fn pose_with_the_wrong_number_of_transforms_is_reported() {
    let assets = [asset(vec![
        part(0, 0, Mat4::IDENTITY),
        part(1, 0, Mat4::IDENTITY),
    ])];
    let posed = ObjectDraw {
        part_transforms: vec![Mat4::IDENTITY],
        ..object(0, 1)
    };
    let err = build(&frame(vec![object(0, 2), posed]), &assets).unwrap_err();
    assert!(
        matches!(
            err,
            RenderError::PartTransforms {
                object: 1,
                asset: 0,
                transforms: 1,
                parts: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "frame 0: object 1 (asset 0) has 1 part transforms, but the asset has 2 parts"
    );
}

#[test]
fn override_of_a_missing_material_is_reported() {
    let mut painted = object(0, 1);
    painted.materials = vec![MaterialOverride {
        material: 4,
        base_color: Some(Vec3::ONE),
        roughness: None,
        metallic: None,
    }];
    let err = build(
        &frame(vec![painted]),
        &[asset(vec![part(0, 0, Mat4::IDENTITY)])],
    );
    let err = err.unwrap_err();
    assert!(
        matches!(
            err,
            RenderError::UnknownMaterial {
                material: 4,
                materials: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn posed_limbs_outside_the_rest_bounds_are_not_culled() {
    // The object stands just right of the view (x = z = -10 is the edge); at rest it is
    // culled, but its posed arm reaches 3 m to the left, back into view. Only the arm is
    // drawn: the part left outside is culled on its own bounds.
    let assets = [asset(vec![
        part(0, 0, Mat4::IDENTITY),
        part(1, 0, Mat4::IDENTITY),
    ])];
    let reach = ObjectDraw {
        part_transforms: vec![
            Mat4::IDENTITY,
            Mat4::from_translation(Vec3::new(-3.0, 0.0, 0.0)),
        ],
        ..at(12.0, -10.0, 2)
    };
    let list = build(&perspective_frame(vec![at(12.0, -10.0, 1), reach]), &assets).unwrap();
    assert_eq!(ids(&list), vec![2]);
    assert_eq!(list.view(0).runs[0].primitive, 1);
}

#[test]
fn posed_bounds_cover_every_moved_part() {
    let assets = asset(vec![part(0, 0, Mat4::IDENTITY), part(1, 0, Mat4::IDENTITY)]);
    let posed = ObjectDraw {
        part_transforms: vec![
            Mat4::from_translation(Vec3::new(0.0, 2.0, 0.0)),
            Mat4::from_rotation_z(std::f32::consts::FRAC_PI_4),
        ],
        ..object(0, 1)
    };
    let (min, max) = posed_bounds(&posed, &assets);
    let h = std::f32::consts::FRAC_1_SQRT_2;
    assert!(min.abs_diff_eq(Vec3::new(-h, -h, -0.5), 1e-6), "{min}");
    assert!(max.abs_diff_eq(Vec3::new(h, 2.5, 0.5), 1e-6), "{max}");
    assert_eq!(posed_bounds(&object(0, 1), &assets), assets.bounds);
}

#[test]
fn each_view_draws_only_what_it_sees() {
    // Two views: the camera, and a second camera turned to look backwards (+Z).
    let f = perspective_frame(vec![at(0.0, -10.0, 1), at(0.0, 10.0, 2), at(0.0, -12.0, 3)]);
    let forward = f.camera.projection * f.camera.view;
    let backward = f.camera.projection * Mat4::from_rotation_y(std::f32::consts::PI);
    let assets = [asset(vec![part(0, 0, Mat4::IDENTITY)])];
    let list = super::build(&f, &[forward, backward], &assets).unwrap();
    let view_ids = |v: usize| -> Vec<u32> {
        let run = list.view(v).runs[0];
        (run.first..run.first + run.count)
            .map(|i| list.instances[i as usize].ids[0] & 0xffff)
            .collect()
    };
    assert_eq!(view_ids(0), vec![1, 3]);
    assert_eq!(view_ids(1), vec![2]);
    assert_eq!(list.instances.len(), 3);
    assert!(list.view(2).runs.is_empty(), "no such view");
}

#[test]
fn blended_parts_are_drawn_far_to_near_by_the_camera_only() {
    let glass = PartDraw {
        blend: true,
        ..part(1, 0, Mat4::IDENTITY)
    };
    let assets = [asset(vec![part(0, 0, Mat4::IDENTITY), glass])];
    let f = perspective_frame(vec![at(0.0, -5.0, 1), at(0.0, -20.0, 2), at(0.0, -9.0, 3)]);
    let view = f.camera.projection * f.camera.view;
    let list = super::build(&f, &[view, view], &assets).unwrap();
    let camera = list.view(0);
    let order: Vec<u32> = camera
        .blended
        .iter()
        .map(|run| list.instances[run.first as usize].ids[0] & 0xffff)
        .collect();
    assert_eq!(order, vec![2, 3, 1]);
    assert!(
        camera
            .blended
            .iter()
            .all(|run| run.count == 1 && run.primitive == 1)
    );
    // The shadow view gets the opaque parts only.
    assert!(list.view(1).blended.is_empty());
    assert_eq!(list.view(1).runs.len(), 1);
    assert_eq!(list.view(1).runs[0].count, 3);
}
