//! Object groups: spawn how many of which asset (with attachments), then place each in its
//! zone so that no two oriented footprints overlap.

use super::components::*;
use super::rng::{Stream, frame_rng};
use super::samples::SampleLog;
use super::street::{EgoFootprint, Street, zones};
use super::systems::SceneRes;
use crate::scene::{AssetInfo, CategoryKind, Zone};
use crate::world::street::obb::Obb;
use bevy_ecs::prelude::*;
use glam::{Quat, Vec2, Vec3};
use rand::RngExt;
use rand::rngs::ChaCha8Rng;

/// Attempts per object before placement gives up.
pub const PLACEMENT_TRIES: usize = 200;

/// Hands out instance ids 1, 2, ... to things in spawn order.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct NextInstance(pub u16);

impl NextInstance {
    /// The next id for a thing; None for stuff.
    fn take(&mut self, kind: CategoryKind) -> Option<InstanceId> {
        (kind == CategoryKind::Thing).then(|| {
            self.0 = self.0.saturating_add(1);
            InstanceId(self.0)
        })
    }
}

/// Spawns each group's objects: how many, which asset and variant, and their attachments.
pub fn spawn_objects(
    mut commands: Commands,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
    mut log: ResMut<SampleLog>,
    mut ids: ResMut<NextInstance>,
) {
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Spawn);
    let mut scale_rng = frame_rng(ctx.seed, ctx.index, Stream::Scale);
    let mut order = 0;
    for (g, group) in scene.config.objects.iter().enumerate() {
        let count = group.count.sample_count(&mut rng);
        let label = match &group.name {
            Some(name) => format!("objects.{name}"),
            None => format!("objects[{g}]"),
        };
        log.record(&format!("{label}.count"), f64::from(count), "count");
        for _ in 0..count {
            let name = group.assets.sample(&mut rng);
            let Some(info) = scene.shared.asset_info.get(name) else {
                continue;
            };
            let scale = group
                .scale
                .as_ref()
                .unwrap_or(&info.scale)
                .sample(&mut scale_rng);
            let (leader, mut footprint) = spawn_part(&mut commands, name, info, &mut rng, &mut ids);
            for other in &info.attach {
                let Some(attached) = scene.shared.asset_info.get(other) else {
                    continue;
                };
                let (entity, fp) = spawn_part(&mut commands, other, attached, &mut rng, &mut ids);
                commands.entity(entity).insert(Follows(leader));
                footprint = (footprint.0.min(fp.0), footprint.1.max(fp.1));
            }
            commands.entity(leader).insert(Placed {
                group: g,
                order,
                asset: name.to_owned(),
                footprint,
                scale: scale as f32,
            });
            order += 1;
        }
    }
}

/// Spawns one asset with a random variant; returns the entity and the variant's footprint.
fn spawn_part(
    commands: &mut Commands,
    name: &str,
    info: &AssetInfo,
    rng: &mut ChaCha8Rng,
    ids: &mut NextInstance,
) -> (Entity, (Vec2, Vec2)) {
    let v = rng.random_range(0..info.variants.len());
    let variant = &info.variants[v];
    let mut entity = commands.spawn((
        Transform::default(),
        MeshRef(variant.index),
        Category(info.category_id),
        Identity {
            asset: name.to_owned(),
            variant: variant.name.clone(),
        },
        ObjectSamples::default(),
    ));
    if let Some(id) = ids.take(info.kind) {
        entity.insert(id);
    }
    (entity.id(), variant.footprint)
}

/// Places every group's objects in spawn order: a spot in the zone, a heading, and an
/// oriented-footprint test against the street, the ego car and everything placed before.
pub fn randomise_placement(
    mut objects: Query<(&mut Transform, &Placed)>,
    scene: Res<SceneRes>,
    street: Res<Street>,
    ego: Res<EgoFootprint>,
    ctx: Res<FrameContext>,
    mut errors: ResMut<FrameErrors>,
) {
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Placement);
    let mut taken: Vec<Obb> = street
        .plan
        .as_ref()
        .map_or(Vec::new(), |(_, stuff)| stuff.obstacles.clone());
    taken.extend(ego.0);
    let mut ordered: Vec<_> = objects.iter_mut().collect();
    ordered.sort_by_key(|(_, p)| p.order);
    for (mut transform, object) in ordered {
        let group = &scene.config.objects[object.group];
        match find_spot(object, group, street.as_ref(), &taken, &mut rng) {
            Ok((position, yaw, obb)) => {
                taken.push(obb);
                transform.translation = position;
                transform.rotation = Quat::from_rotation_y(yaw);
                transform.scale = Vec3::splat(object.scale);
            }
            Err(reason) => {
                errors.0.push(format!(
                    "objects[{}] (\"{}\"), object {}: {reason}",
                    object.group, object.asset, object.order
                ));
                return;
            }
        }
    }
}

/// Tries up to [`PLACEMENT_TRIES`] spots; returns position, heading and footprint.
fn find_spot(
    object: &Placed,
    group: &crate::scene::ObjectGroup,
    street: &Street,
    taken: &[Obb],
    rng: &mut ChaCha8Rng,
) -> Result<(Vec3, f32, Obb), String> {
    let zero = crate::scene::Dist::Const(0.0);
    let area = (
        group.x_m.as_ref().unwrap_or(&zero),
        group.z_m.as_ref().unwrap_or(&zero),
    );
    let layout = street.plan.as_ref().map(|(layout, _)| layout);
    let footprint = (
        object.footprint.0 * object.scale,
        object.footprint.1 * object.scale,
    );
    for _ in 0..PLACEMENT_TRIES {
        let spot = match (group.zone, layout) {
            (Zone::Area, _) => zones::area(area, rng),
            (zone, Some(l)) => {
                let limit = group.z_m.as_ref().unwrap_or(&street.populate_z);
                zones::sample(zone, l, limit, rng).ok_or_else(|| {
                    format!("zone {zone:?} does not exist in this street (no such lanes, strips or corners)")
                })?
            }
            (zone, None) => return Err(format!("zone {zone:?} needs a street")),
        };
        let yaw = spot.1 + (group.yaw_deg.sample(rng) as f32).to_radians();
        let obb = Obb::placed(footprint, spot.0, yaw);
        let clearance = group.clearance_m as f32;
        let spacing = group.spacing_m.sample(rng) as f32;
        let mut grown = obb.grown(clearance);
        grown.half.y += spacing;
        if taken.iter().all(|t| !grown.overlaps(t)) {
            return Ok((Vec3::new(spot.0.x, 0.0, spot.0.y), yaw, obb));
        }
    }
    Err(format!(
        "no free spot without overlap in {PLACEMENT_TRIES} tries; lower the count or widen the zone"
    ))
}

/// Gives every attached part its leader's transform.
pub fn follow_leaders(
    leaders: Query<&Transform, With<Placed>>,
    mut followers: Query<(&Follows, &mut Transform), Without<Placed>>,
) {
    for (follows, mut transform) in &mut followers {
        if let Ok(leader) = leaders.get(follows.0) {
            *transform = *leader;
        }
    }
}
