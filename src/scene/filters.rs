//! The `filters` section of a scene and the matching `render` options: which instances a
//! dataset keeps (see `labels::filter`). Options given on the command line replace the
//! scene's values one by one.

use super::config::CategoryDef;
use crate::labels::filter::LabelFilter;
use serde::Deserialize;

/// The scene's `filters: ( ... )` section; every field is optional.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FilterConfig {
    /// Instances with fewer visible pixels are filtered.
    #[serde(default)]
    pub min_visible_pixels: Option<u64>,
    /// Instances with a smaller visible fraction (0..=1) are filtered.
    #[serde(default)]
    pub min_visible_fraction: Option<f64>,
    /// Instances with a larger truncation (0..=1) are filtered.
    #[serde(default)]
    pub max_truncation: Option<f64>,
    /// Category names to keep; empty keeps every category.
    #[serde(default)]
    pub include: Vec<String>,
    /// Category names to filter.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Keep filtered instances as ignore regions (COCO iscrowd 1) instead of dropping them.
    #[serde(default)]
    pub keep_as_crowd: Option<bool>,
}

/// The command line's filter options.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct FilterArgs {
    /// Drop instances with fewer visible pixels [default: the scene's, or 0].
    #[arg(long)]
    pub min_visible_pixels: Option<u64>,
    /// Drop instances whose visible fraction is below this, 0..=1 [default: the scene's, or 0].
    #[arg(long)]
    pub min_visible_fraction: Option<f64>,
    /// Drop instances whose truncation is above this, 0..=1 [default: the scene's, or 1].
    #[arg(long)]
    pub max_truncation: Option<f64>,
    /// Keep only these categories (names, comma-separated) [default: the scene's, or all].
    #[arg(long, value_delimiter = ',')]
    pub include: Vec<String>,
    /// Drop these categories (names, comma-separated) [default: the scene's, or none].
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Keep filtered instances as ignore regions (COCO iscrowd 1, KITTI DontCare) instead
    /// of dropping them.
    #[arg(long)]
    pub keep_as_crowd: bool,
}

/// Why filter settings are unusable: the field and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterProblem {
    /// The field, e.g. `filters.include[1]`.
    pub field: String,
    /// The offending text, to find it in the scene file.
    pub needle: String,
    /// What is wrong.
    pub message: String,
}

/// Checks the scene's section against the catalogue's `categories`.
pub fn check(config: &FilterConfig, categories: &[CategoryDef]) -> Result<(), FilterProblem> {
    let fraction = |value: Option<f64>, key: &str| match value {
        Some(v) if !(0.0..=1.0).contains(&v) => Err(FilterProblem {
            field: format!("filters.{key}"),
            needle: key.to_owned(),
            message: format!("{v} is outside 0..=1"),
        }),
        _ => Ok(()),
    };
    fraction(config.min_visible_fraction, "min_visible_fraction")?;
    fraction(config.max_truncation, "max_truncation")?;
    for (key, names) in [("include", &config.include), ("exclude", &config.exclude)] {
        for (i, name) in names.iter().enumerate() {
            category_id(name, categories).map_err(|message| FilterProblem {
                field: format!("filters.{key}[{i}]"),
                needle: name.clone(),
                message,
            })?;
        }
    }
    Ok(())
}

/// The filter for a run: the scene's section with the command line's options over it.
/// Errors name the option and what is wrong.
pub fn resolve(
    config: &FilterConfig,
    args: &FilterArgs,
    categories: &[CategoryDef],
) -> Result<LabelFilter, String> {
    let pick_names = |cli: &Vec<String>, scene: &Vec<String>, option: &str| {
        let names = if cli.is_empty() { scene } else { cli };
        names
            .iter()
            .map(|n| category_id(n, categories).map_err(|m| format!("--{option}: {m}")))
            .collect::<Result<Vec<u16>, String>>()
    };
    let fraction = |cli: Option<f64>, scene: Option<f64>, default: f64, option: &str| {
        let v = cli.or(scene).unwrap_or(default);
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(format!("--{option}: {v} is outside 0..=1"))
        }
    };
    Ok(LabelFilter {
        min_visible_pixels: args
            .min_visible_pixels
            .or(config.min_visible_pixels)
            .unwrap_or(0),
        min_visible_fraction: fraction(
            args.min_visible_fraction,
            config.min_visible_fraction,
            0.0,
            "min-visible-fraction",
        )?,
        max_truncation: fraction(
            args.max_truncation,
            config.max_truncation,
            1.0,
            "max-truncation",
        )?,
        include: pick_names(&args.include, &config.include, "include")?,
        exclude: pick_names(&args.exclude, &config.exclude, "exclude")?,
        crowd: args.keep_as_crowd || config.keep_as_crowd.unwrap_or(false),
    })
}

fn category_id(name: &str, categories: &[CategoryDef]) -> Result<u16, String> {
    categories
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .ok_or_else(|| {
            let names: Vec<&str> = categories.iter().map(|c| c.name.as_str()).collect();
            format!(
                "no category named \"{name}\" (the catalogue has: {})",
                names.join(", ")
            )
        })
}
