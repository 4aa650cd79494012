//! The material randomiser: per-object colours, roughness and metalness from the scene's
//! recolour rules (car paint, clothing), and the colour sampler shared with lighting.

use super::colour::{
    hex_srgb_to_linear, hsv_to_linear_rgb, kelvin_to_linear_rgb, linear_rgb_to_hsv,
};
use super::components::*;
use super::rng::{Stream, frame_rng};
use super::systems::SceneRes;
use crate::frame::MaterialOverride;
use crate::scene::dist::{pick_weighted, unit};
use crate::scene::{ColourDist, Recolour};
use bevy_ecs::prelude::*;
use glam::Vec3;
use rand::rngs::ChaCha8Rng;

/// One draw of a linear RGB colour.
pub fn sample_colour(dist: &ColourDist, rng: &mut ChaCha8Rng) -> [f32; 3] {
    let f = |v: f64| v as f32;
    match dist {
        ColourDist::Linear([r, g, b]) => [f(*r), f(*g), f(*b)],
        ColourDist::Hex(hex) => hex_srgb_to_linear(*hex),
        ColourDist::Rgb(r, g, b) => [f(r.sample(rng)), f(g.sample(rng)), f(b.sample(rng))],
        ColourDist::Hsv(h, s, v) => hsv_to_linear_rgb(h.sample(rng), s.sample(rng), v.sample(rng)),
        ColourDist::Kelvin(k) => kelvin_to_linear_rgb(k.sample(rng)),
        ColourDist::Palette { colours, jitter } => {
            let weights: Vec<f64> = colours.iter().map(|(_, w)| *w).collect();
            let base = hex_srgb_to_linear(colours[pick_weighted(rng, &weights)].0);
            let (h, s, v) = linear_rgb_to_hsv(base);
            let mut wobble = |j: f64| (2.0 * unit(rng) - 1.0) * j;
            let h = (h + wobble(jitter[0])).rem_euclid(360.0);
            let s = (s + wobble(jitter[1])).clamp(0.0, 1.0);
            let v = (v + wobble(jitter[2])).clamp(0.0, 1.0);
            hsv_to_linear_rgb(h, s, v)
        }
    }
}

/// Applies every recolour rule to every object whose variant has a matching material.
pub fn randomise_materials(
    mut commands: Commands,
    mut objects: Query<(Entity, &Identity, &mut ObjectSamples)>,
    scene: Res<SceneRes>,
    ctx: Res<FrameContext>,
) {
    let rules = &scene.config.materials.recolour;
    if rules.is_empty() {
        return;
    }
    let mut rng = frame_rng(ctx.seed, ctx.index, Stream::Materials);
    let mut ordered: Vec<_> = objects.iter_mut().collect();
    ordered.sort_by_key(|(e, _, _)| *e);
    for (entity, identity, mut samples) in ordered {
        let Some(variant) = scene
            .shared
            .asset_info
            .get(&identity.asset)
            .and_then(|info| info.variants.iter().find(|v| v.name == identity.variant))
        else {
            continue;
        };
        let mut overrides = Vec::new();
        for rule in rules {
            apply_rule(
                rule,
                &variant.materials,
                &mut rng,
                &mut samples,
                &mut overrides,
            );
        }
        if !overrides.is_empty() {
            commands.entity(entity).insert(MaterialOverrides(overrides));
        }
    }
}

/// Draws one colour, roughness and metalness for `rule` if any of `materials` match it,
/// and adds an override for each matching material index.
fn apply_rule(
    rule: &Recolour,
    materials: &[String],
    rng: &mut ChaCha8Rng,
    samples: &mut ObjectSamples,
    overrides: &mut Vec<MaterialOverride>,
) {
    let matching: Vec<usize> = (0..materials.len())
        .filter(|&m| rule.materials.contains(&materials[m]))
        .collect();
    if matching.is_empty() {
        return;
    }
    let colour = rule.colour.as_ref().map(|c| sample_colour(c, rng));
    let roughness = rule.roughness.as_ref().map(|r| r.sample(rng) as f32);
    let metallic = rule.metallic.as_ref().map(|m| m.sample(rng) as f32);
    if let Some(c) = colour {
        samples.record_colour(&format!("{}.colour", rule.name), c);
    }
    if let Some(r) = roughness {
        samples.record(&format!("{}.roughness", rule.name), f64::from(r), "1");
    }
    if let Some(m) = metallic {
        samples.record(&format!("{}.metallic", rule.name), f64::from(m), "1");
    }
    for material in matching {
        overrides.push(MaterialOverride {
            material,
            base_color: colour.map(Vec3::from),
            roughness,
            metallic,
        });
    }
}
