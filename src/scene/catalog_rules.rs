//! Catalogue rules: COCO ids where COCO has the class, other ids above 90, ids fit the masks.

use super::config::Catalog;

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

/// Returns a message for the first rule the catalogue breaks, with the offending name.
pub fn check(catalog: &Catalog) -> Result<(), (String, String)> {
    let mut seen_ids = std::collections::BTreeMap::new();
    for category in &catalog.categories {
        let name = category.name.as_str();
        let coco = COCO_IDS.iter().find(|(n, _)| *n == name).map(|(_, id)| *id);
        match coco {
            Some(id) if id != category.id => {
                return Err((
                    name.into(),
                    format!("COCO's id for \"{name}\" is {id}, not {}", category.id),
                ));
            }
            None if category.id <= 90 => {
                return Err((
                    name.into(),
                    format!(
                        "\"{name}\" is not a COCO class, so its id must be above 90 (got {})",
                        category.id
                    ),
                ));
            }
            _ => {}
        }
        if category.id > 255 {
            return Err((
                name.into(),
                format!("id {} does not fit the 8-bit semantic mask", category.id),
            ));
        }
        if let Some(other) = seen_ids.insert(category.id, name) {
            return Err((
                name.into(),
                format!(
                    "id {} is used by both \"{other}\" and \"{name}\"",
                    category.id
                ),
            ));
        }
    }
    for (asset, def) in &catalog.assets {
        if !catalog.categories.iter().any(|c| c.name == def.category) {
            return Err((
                def.category.clone(),
                format!(
                    "asset \"{asset}\" names unknown category \"{}\"",
                    def.category
                ),
            ));
        }
    }
    Ok(())
}
