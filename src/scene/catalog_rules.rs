//! Catalogue rules: COCO ids where COCO has the class, other ids above 90, ids fit the masks.

use super::config::{Catalog, CategoryKind};

/// COCO's ids for the classes we may use (the 2017 instances ids).
const COCO_IDS: &[(&str, u16)] = &[
    ("person", 1),
    ("bicycle", 2),
    ("car", 3),
    ("motorcycle", 4),
    ("bus", 6),
    ("train", 7),
    ("truck", 8),
    ("traffic light", 10),
    ("fire hydrant", 11),
    ("stop sign", 13),
    ("parking meter", 14),
    ("bench", 15),
    ("dog", 18),
];

/// The first rule the catalogue breaks, as (text to locate, field, message).
type Broken = (String, String, String);

/// Returns the first rule the catalogue breaks: ids, names, variants, attachments, sky.
pub fn check(catalog: &Catalog) -> Result<(), Broken> {
    check_ids(catalog)?;
    check_assets(catalog)?;
    let sky = catalog.categories.iter().find(|c| c.name == catalog.sky);
    match sky {
        Some(c) if c.kind == CategoryKind::Stuff => Ok(()),
        Some(_) => Err((
            catalog.sky.clone(),
            "sky".into(),
            format!("the sky category \"{}\" must be Stuff", catalog.sky),
        )),
        None => Err((
            catalog.sky.clone(),
            "sky".into(),
            format!("unknown category \"{}\"", catalog.sky),
        )),
    }
}

/// COCO ids where COCO has the class, others above 90, ids fit 8 bits and are unique.
fn check_ids(catalog: &Catalog) -> Result<(), Broken> {
    let mut seen_ids = std::collections::BTreeMap::new();
    for category in &catalog.categories {
        let name = category.name.as_str();
        let broken = |message: String| Err((name.to_owned(), "categories".to_owned(), message));
        let coco = COCO_IDS.iter().find(|(n, _)| *n == name).map(|(_, id)| *id);
        match coco {
            Some(id) if id != category.id => {
                return broken(format!(
                    "COCO's id for \"{name}\" is {id}, not {}",
                    category.id
                ));
            }
            None if category.id <= 90 => {
                return broken(format!(
                    "\"{name}\" is not a COCO class, so its id must be above 90 (got {})",
                    category.id
                ));
            }
            _ => {}
        }
        if category.id == 0 || category.id > 255 {
            return broken(format!(
                "id {} does not fit the 8-bit semantic mask (1..=255)",
                category.id
            ));
        }
        if let Some(other) = seen_ids.insert(category.id, name) {
            return broken(format!(
                "id {} is used by both \"{other}\" and \"{name}\"",
                category.id
            ));
        }
    }
    Ok(())
}

/// Every asset names a known category, has variants, and attaches known, plain assets.
fn check_assets(catalog: &Catalog) -> Result<(), Broken> {
    for (asset, def) in &catalog.assets {
        let field = format!("assets.{asset}");
        if !catalog.categories.iter().any(|c| c.name == def.category) {
            return Err((
                def.category.clone(),
                format!("{field}.category"),
                format!("unknown category \"{}\"", def.category),
            ));
        }
        if def.variants.is_empty() {
            return Err((
                asset.clone(),
                format!("{field}.variants"),
                "an asset needs at least one variant".into(),
            ));
        }
        for other in &def.attach {
            let Some(attached) = catalog.assets.get(other) else {
                return Err((
                    other.clone(),
                    format!("{field}.attach"),
                    format!("no asset named \"{other}\""),
                ));
            };
            if !attached.attach.is_empty() {
                return Err((
                    other.clone(),
                    format!("{field}.attach"),
                    format!("\"{other}\" has attachments of its own; attachments do not nest"),
                ));
            }
        }
    }
    Ok(())
}
