//! Scene files: RON parsing with positioned errors, the catalogue, and asset loading.
//!
//! [`load`] turns a scene path (or built-in name) into a [`LoadedScene`]: the validated
//! configuration, the catalogue, and every asset imported once.

mod catalog_rules;
pub mod config;
mod error;
mod parse;
pub mod range;

pub use config::{AssetDef, Catalog, CategoryDef, CategoryKind, SceneConfig};
pub use error::SceneError;
pub use range::{IntRange, Range};

use crate::importer::{self, Asset, ImportError};
use crate::source::{self, FileSource};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An asset as the world uses it: its index in [`LoadedScene::assets`] and category.
#[derive(Clone, Debug, PartialEq)]
pub struct AssetInfo {
    /// Index into the asset list (and the renderer's).
    pub index: usize,
    /// Category id.
    pub category_id: u16,
    /// Thing or stuff.
    pub kind: CategoryKind,
    /// Footprint radius on the ground plane, metres (from the asset bounds).
    pub radius_m: f32,
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
    /// The catalogue.
    pub catalog: Catalog,
    /// Imported assets, each once.
    pub assets: Vec<Asset>,
    /// Asset name → info, for every asset the scene uses.
    pub asset_info: BTreeMap<String, AssetInfo>,
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

/// Loads the scene at `path` through `files`, then its catalogue and assets.
pub fn load(files: &dyn FileSource, path: &Path) -> Result<LoadedScene, LoadError> {
    let text = read_text(files, path)?;
    let config: SceneConfig = parse::parse_ron(path, &text)?;
    let catalog_path = source::join(path, &config.catalog);
    let catalog_text = read_text(files, &catalog_path)?;
    let catalog: Catalog = parse::parse_ron(&catalog_path, &catalog_text)?;
    if let Err((needle, message)) = catalog_rules::check(&catalog) {
        let (line, column) = parse::locate_string(&catalog_text, &needle);
        return Err(SceneError::Reference {
            path: catalog_path,
            line,
            column,
            field: "categories".into(),
            message,
        }
        .into());
    }
    let used = used_assets(path, &text, &config, &catalog)?;
    let (assets, asset_info) = import_assets(files, &catalog_path, &catalog, &catalog_text, &used)?;
    let name = config.name.clone().unwrap_or_else(|| stem(path));
    Ok(LoadedScene {
        name,
        path: path.to_path_buf(),
        text,
        config,
        catalog,
        assets,
        asset_info,
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

/// The catalogue entries of the assets the scene refers to, in first-use order. A name the
/// catalogue lacks is an error at its position in the scene file, naming the field.
fn used_assets<'c>(
    path: &Path,
    text: &str,
    config: &SceneConfig,
    catalog: &'c Catalog,
) -> Result<Vec<(String, &'c AssetDef)>, SceneError> {
    let mut used: Vec<(String, &AssetDef)> = Vec::new();
    let mut add = |name: &str, field: String| {
        if used.iter().any(|(n, _)| n == name) {
            return Ok(());
        }
        let Some(def) = catalog.assets.get(name) else {
            let (line, column) = parse::locate_string(text, name);
            return Err(SceneError::Reference {
                path: path.to_path_buf(),
                line,
                column,
                field,
                message: format!(
                    "no asset named \"{name}\" in the catalogue (it has: {})",
                    catalog
                        .assets
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        };
        used.push((name.to_owned(), def));
        Ok(())
    };
    for (i, name) in config.ground.iter().enumerate() {
        add(name, format!("ground[{i}]"))?;
    }
    for (g, group) in config.objects.iter().enumerate() {
        if group.assets.is_empty() {
            let (line, column) = parse::locate_string(text, "objects");
            return Err(SceneError::Reference {
                path: path.to_path_buf(),
                line,
                column,
                field: format!("objects[{g}].assets"),
                message: "the list is empty".into(),
            });
        }
        for (a, name) in group.assets.iter().enumerate() {
            add(name, format!("objects[{g}].assets[{a}]"))?;
        }
    }
    Ok(used)
}

type Imported = (Vec<Asset>, BTreeMap<String, AssetInfo>);

fn import_assets(
    files: &dyn FileSource,
    catalog_path: &Path,
    catalog: &Catalog,
    catalog_text: &str,
    used: &[(String, &AssetDef)],
) -> Result<Imported, LoadError> {
    let mut assets = Vec::new();
    let mut info = BTreeMap::new();
    for (name, def) in used {
        let category = catalog
            .categories
            .iter()
            .find(|c| c.name == def.category)
            .ok_or_else(|| {
                let (line, column) = parse::locate_string(catalog_text, &def.category);
                SceneError::Reference {
                    path: catalog_path.to_path_buf(),
                    line,
                    column,
                    field: format!("assets.{name}.category"),
                    message: format!("unknown category \"{}\"", def.category),
                }
            })?;
        let asset = importer::load_asset(files, &source::join(catalog_path, &def.file))?;
        let (min, max) = asset.bounds;
        let radius_m = 0.5 * ((max.x - min.x).powi(2) + (max.z - min.z).powi(2)).sqrt();
        info.insert(
            name.clone(),
            AssetInfo {
                index: assets.len(),
                category_id: category.id,
                kind: category.kind,
                radius_m,
            },
        );
        assets.push(asset);
    }
    Ok((assets, info))
}
