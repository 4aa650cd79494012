//! Condition sets: each named set is the scene with its overrides applied, drawn per image
//! with probability proportional to its weight.

use super::config::{Condition, ObjectGroup, SceneConfig};
use super::dist::check_weight;
use std::sync::Arc;

/// One condition set, resolved into a full configuration.
#[derive(Clone, Debug)]
pub struct ConditionSet {
    /// Name recorded in meta ("default" when the scene defines none).
    pub name: String,
    /// Probability of being drawn for an image (the weights normalised to sum to 1).
    pub probability: f64,
    /// The scene with this set's overrides applied.
    pub config: Arc<SceneConfig>,
}

/// A problem with a condition set: (text to locate, field, message).
pub type ConditionProblem = (String, String, String);

/// The name a group is known by in overrides and records.
pub fn group_name(group: &ObjectGroup, index: usize) -> String {
    group
        .name
        .clone()
        .unwrap_or_else(|| format!("objects[{index}]"))
}

/// Resolves every condition set of `config` (one "default" set when it has none).
pub fn resolve(config: &SceneConfig) -> Result<Vec<ConditionSet>, ConditionProblem> {
    if config.conditions.is_empty() {
        return Ok(vec![ConditionSet {
            name: "default".into(),
            probability: 1.0,
            config: Arc::new(config.clone()),
        }]);
    }
    let total: f64 = config.conditions.iter().map(|c| c.weight).sum();
    let mut sets = Vec::new();
    for (i, condition) in config.conditions.iter().enumerate() {
        let field = format!("conditions[{i}]");
        if sets.iter().any(|s: &ConditionSet| s.name == condition.name) {
            return Err((
                condition.name.clone(),
                format!("{field}.name"),
                format!("condition \"{}\" is defined twice", condition.name),
            ));
        }
        check_weight(condition.weight)
            .map_err(|m| (condition.name.clone(), format!("{field}.weight"), m))?;
        let resolved = apply(config, condition)
            .map_err(|(needle, sub, message)| (needle, format!("{field}.{sub}"), message))?;
        sets.push(ConditionSet {
            name: condition.name.clone(),
            probability: condition.weight / total,
            config: Arc::new(resolved),
        });
    }
    Ok(sets)
}

/// The scene with `condition`'s overrides applied.
fn apply(base: &SceneConfig, condition: &Condition) -> Result<SceneConfig, ConditionProblem> {
    let mut config = base.clone();
    config.conditions.clear();
    condition.camera.apply(&mut config.camera);
    condition.lighting.apply(&mut config.lighting);
    condition.weather.apply(&mut config.weather);
    condition.materials.apply(&mut config.materials);
    condition.people.apply(&mut config.people);
    if let Some(patch) = &condition.street {
        let street = config.street.as_mut().ok_or_else(|| {
            (
                condition.name.clone(),
                "street".to_owned(),
                "overrides street, but the scene has no `street`".to_owned(),
            )
        })?;
        patch.apply(street);
    }
    for (name, patch) in &condition.objects {
        let names: Vec<String> = config
            .objects
            .iter()
            .enumerate()
            .map(|(g, group)| group_name(group, g))
            .collect();
        let Some(g) = names.iter().position(|n| n == name) else {
            return Err((
                name.clone(),
                format!("objects.{name}"),
                format!(
                    "no object group named \"{name}\" (groups: {})",
                    names.join(", ")
                ),
            ));
        };
        patch.apply(&mut config.objects[g]);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(text: &str) -> SceneConfig {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .unwrap()
    }

    #[test]
    fn overrides_only_what_a_set_names() {
        let config = scene(
            r#"Scene(
                camera: (height_m: 1.5, pitch_deg: (-2, 2)),
                objects: [(name: "people", assets: ["person"], count: 4, x_m: 0, z_m: 10)],
                conditions: [
                    (name: "day", weight: 3),
                    (name: "night", weight: 1, camera: (exposure_ev: 1.5),
                        objects: {"people": (count: Poisson(1))}),
                ],
            )"#,
        );
        let sets = resolve(&config).unwrap();
        assert_eq!(sets.len(), 2);
        assert!((sets[0].probability - 0.75).abs() < 1e-12);
        let night = &sets[1].config;
        assert_eq!(night.camera.exposure_ev, crate::scene::Dist::Const(1.5));
        assert_eq!(night.camera.height_m, config.camera.height_m);
        assert_eq!(night.camera.pitch_deg, config.camera.pitch_deg);
        assert!(matches!(
            night.objects[0].count.0,
            crate::scene::Dist::Poisson { .. }
        ));
        assert_eq!(sets[0].config.objects[0].count.0, config.objects[0].count.0);
    }

    #[test]
    fn refuses_unknown_groups_duplicates_and_street_without_street() {
        let bad = [
            (
                r#"Scene(conditions: [(name: "a", weight: 1, objects: {"x": (count: 1)})])"#,
                "no object group named \"x\"",
            ),
            (
                r#"Scene(conditions: [(name: "a", weight: 1), (name: "a", weight: 2)])"#,
                "defined twice",
            ),
            (r#"Scene(conditions: [(name: "a", weight: 0)])"#, "above 0"),
            (
                r#"Scene(conditions: [(name: "a", weight: 1, street: (parking: true))])"#,
                "no `street`",
            ),
        ];
        for (text, want) in bad {
            let (_, _, message) = resolve(&scene(text)).unwrap_err();
            assert!(message.contains(want), "{text}: {message}");
        }
    }
}
