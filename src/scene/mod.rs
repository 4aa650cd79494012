//! Scene files: RON parsing with positioned errors, the catalogue, and asset loading.
//!
//! [`load`] turns a scene path (or built-in name) into a [`LoadedScene`]: the validated
//! configuration, the catalogue, and every asset imported once.

mod catalog_rules;
mod checks;
pub mod colour_dist;
pub mod conditions;
pub mod config;
pub mod dist;
pub mod domain;
pub mod emitters;
mod error;
pub mod filters;
pub mod normal;
pub mod palettes;
mod parse;
pub mod pick;
pub mod randomisers;
mod section;
pub mod street_config;

pub use colour_dist::ColourDist;
pub use conditions::{ConditionSet, group_name};
pub use config::{
    AssetDef, Catalog, CategoryDef, CategoryKind, Condition, ObjectGroup, SceneConfig, VariantDef,
    Zone,
};
pub use dist::Dist;
pub use domain::{Count, Fraction, NonNeg, Positive};
pub use error::SceneError;
pub use pick::Pick;
pub use randomisers::{
    CameraConfig, Lens, LightingConfig, MaterialsConfig, PeopleConfig, Recolour, SunPlacement,
    Switch, WeatherConfig,
};
pub use street_config::{LayoutChoice, LayoutKind, StreetConfig};

use crate::importer::{self, Asset, ImportError};
use crate::source::{self, FileSource};
use glam::{Vec2, Vec3};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Catalogue assets a scene with a `street` needs, and what each is for.
pub const STREET_ASSETS: &[(&str, &str)] = &[
    ("road_patch", "the asphalt, a 1 m square scaled to size"),
    ("marking_dashed", "lane dividers, one 12 m repeat"),
    ("marking_line", "solid edge lines, 1 m long"),
    ("marking_double_yellow", "the centre line, 1 m long"),
    ("crosswalk_stripe", "zebra stripes, 1 m long"),
    ("stop_line", "stop lines, 1 m wide"),
    ("sidewalk_patch", "sidewalks, a 1 m square"),
    ("kerb", "kerb stones, 1 m long"),
    ("grass_patch", "verges and medians, a 1 m square"),
    ("building", "façades along both sides"),
    ("street_lamp", "lamps along the kerbs"),
];

/// One variant of an asset as the world uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantInfo {
    /// Variant name.
    pub name: String,
    /// Index into [`LoadedScene::assets`] (and the renderer's asset list).
    pub index: usize,
    /// Axis-aligned bounds in asset space: (min, max), metres.
    pub bounds: (Vec3, Vec3),
    /// Ground footprint in asset space, (min, max) over (x, z): the bounds of everything
    /// below [`FOOTPRINT_HEIGHT`], so a lamp's arm or a tree's crown does not block the
    /// pavement under it.
    pub footprint: (Vec2, Vec2),
    /// The glTF material names, by material index.
    pub materials: Vec<String>,
    /// The node tree and parts without geometry, for assets with a skeleton (people).
    pub rig: Option<Arc<Asset>>,
    /// Its light sources (head and tail lights, lamp heads, signal lenses).
    pub emitters: Vec<emitters::Emitter>,
}

/// Geometry above this height (metres) does not count towards a footprint.
pub const FOOTPRINT_HEIGHT: f32 = 2.0;

/// The ground footprint of `asset` (its whole bounds if nothing is low enough).
fn ground_footprint(asset: &Asset) -> (Vec2, Vec2) {
    let mut min = Vec2::splat(f32::INFINITY);
    let mut max = Vec2::splat(f32::NEG_INFINITY);
    for p in asset.points().filter(|p| p.y <= FOOTPRINT_HEIGHT) {
        min = min.min(Vec2::new(p.x, p.z));
        max = max.max(Vec2::new(p.x, p.z));
    }
    if min.x > max.x {
        let (lo, hi) = asset.bounds;
        return (Vec2::new(lo.x, lo.z), Vec2::new(hi.x, hi.z));
    }
    (min, max)
}

/// An asset as the world uses it: category and variants.
#[derive(Clone, Debug, PartialEq)]
pub struct AssetInfo {
    /// Category id.
    pub category_id: u16,
    /// Category name.
    pub category: String,
    /// The category's scale norm.
    pub scale: Positive,
    /// Thing or stuff.
    pub kind: CategoryKind,
    /// Its files, at least one.
    pub variants: Vec<VariantInfo>,
    /// Assets placed with it, with the same transform.
    pub attach: Vec<String>,
}

/// A scene ready to generate frames from.
pub struct LoadedScene {
    /// Scene name (the config's, or the file stem).
    pub name: String,
    /// Where it came from, for messages.
    pub path: PathBuf,
    /// The exact bytes of the scene file (hashed into dataset.json).
    pub text: String,
    /// The parsed scene.
    pub config: SceneConfig,
    /// Its condition sets (one "default" set when it defines none).
    pub conditions: Vec<ConditionSet>,
    /// The catalogue.
    pub catalog: Catalog,
    /// Imported files, each once.
    pub assets: Vec<Asset>,
    /// Asset name → info, for every catalogue asset.
    pub asset_info: BTreeMap<String, AssetInfo>,
    /// Category id of pixels no surface covers.
    pub sky_category: u16,
}

/// Everything that can go wrong loading a scene.
#[derive(thiserror::Error, Debug)]
pub enum LoadError {
    /// The scene or catalogue file is invalid.
    #[error(transparent)]
    Scene(#[from] SceneError),
    /// An asset file is invalid.
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// Loads the scene at `path` through `files`, then its catalogue and every catalogue asset.
pub fn load(files: &dyn FileSource, path: &Path) -> Result<LoadedScene, LoadError> {
    let text = read_text(files, path)?;
    let config: SceneConfig = parse::parse_ron(path, &text)?;
    let catalog_path = source::join(path, &config.catalog);
    let catalog_text = read_text(files, &catalog_path)?;
    let catalog: Catalog = parse::parse_ron(&catalog_path, &catalog_text)?;
    if let Err((needle, field, message)) = catalog_rules::check(&catalog) {
        let (line, column) = parse::locate_string(&catalog_text, &needle);
        return Err(SceneError::Reference {
            path: catalog_path,
            line,
            column,
            field,
            message,
        }
        .into());
    }
    if let Err(p) = filters::check(&config.filters, &catalog.categories) {
        let (line, column) = parse::locate_string(&text, &p.needle);
        return Err(SceneError::Reference {
            path: path.to_path_buf(),
            line,
            column,
            field: p.field,
            message: p.message,
        }
        .into());
    }
    let conditions = conditions::resolve(&config).map_err(|(needle, field, message)| {
        let (line, column) = parse::locate_string(&text, &needle);
        SceneError::Reference {
            path: path.to_path_buf(),
            line,
            column,
            field,
            message,
        }
    })?;
    for set in &conditions {
        checks::references(&text, &set.config, &catalog)
            .map_err(|p| p.into_error(path, &prefix(&config, set)))?;
    }
    let (assets, asset_info) = import_assets(files, &catalog_path, &catalog)?;
    let material_names: Vec<String> = assets
        .iter()
        .flat_map(|a| a.materials.iter().map(|m| m.name.clone()))
        .collect();
    for set in &conditions {
        checks::ranges(&text, &set.config, &asset_info)
            .and_then(|()| checks::recolour(&text, &set.config, &material_names))
            .map_err(|p| p.into_error(path, &prefix(&config, set)))?;
    }
    let sky_category = catalog
        .categories
        .iter()
        .find(|c| c.name == catalog.sky)
        .map_or(0, |c| c.id);
    let name = config.name.clone().unwrap_or_else(|| stem(path));
    Ok(LoadedScene {
        name,
        path: path.to_path_buf(),
        text,
        config,
        conditions,
        catalog,
        assets,
        asset_info,
        sky_category,
    })
}

/// The file stem used for names and the default `--out`.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scene".into())
}

fn read_text(files: &dyn FileSource, path: &Path) -> Result<String, SceneError> {
    let bytes = files.read(path).map_err(|e| SceneError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    String::from_utf8(bytes.into_owned()).map_err(|e| SceneError::Read {
        path: path.to_path_buf(),
        message: format!("not UTF-8 text ({e})"),
    })
}

/// "conditions[name]." for problems that only a condition set's overrides cause.
fn prefix(config: &SceneConfig, set: &ConditionSet) -> String {
    if config.conditions.is_empty() {
        String::new()
    } else {
        format!("conditions[{}] → ", set.name)
    }
}

/// A copy of `asset` without geometry, when it has a skeleton (a "hips" joint).
fn rig(asset: &Asset) -> Option<Arc<Asset>> {
    asset.nodes.iter().any(|n| n.name == "hips").then(|| {
        let mut rig = asset.clone();
        rig.primitives.clear();
        rig.images.clear();
        Arc::new(rig)
    })
}

type Imported = (Vec<Asset>, BTreeMap<String, AssetInfo>);

/// Imports every catalogue file once (in name order, so indices are stable).
fn import_assets(
    files: &dyn FileSource,
    catalog_path: &Path,
    catalog: &Catalog,
) -> Result<Imported, LoadError> {
    let mut assets: Vec<Asset> = Vec::new();
    let mut by_file: BTreeMap<&str, usize> = BTreeMap::new();
    let mut info = BTreeMap::new();
    for (name, def) in &catalog.assets {
        let category = catalog
            .categories
            .iter()
            .find(|c| c.name == def.category)
            .expect("catalog_rules checked every category name");
        let mut variants = Vec::new();
        for variant in &def.variants {
            let index = match by_file.get(variant.file.as_str()) {
                Some(&index) => index,
                None => {
                    let file = source::join(catalog_path, &variant.file);
                    assets.push(importer::load_asset(files, &file)?);
                    by_file.insert(&variant.file, assets.len() - 1);
                    assets.len() - 1
                }
            };
            variants.push(VariantInfo {
                name: variant.name.clone(),
                index,
                bounds: assets[index].bounds,
                footprint: ground_footprint(&assets[index]),
                materials: assets[index]
                    .materials
                    .iter()
                    .map(|m| m.name.clone())
                    .collect(),
                rig: rig(&assets[index]),
                emitters: emitters::emitters(&assets[index]),
            });
        }
        info.insert(
            name.clone(),
            AssetInfo {
                category_id: category.id,
                category: category.name.clone(),
                scale: category.scale.clone(),
                kind: category.kind,
                variants,
                attach: def.attach.clone(),
            },
        );
    }
    Ok((assets, info))
}
