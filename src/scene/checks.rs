//! Checks a parsed scene against its catalogue and itself: asset names, zones, scale
//! norms, lenses, recolour rules. Every problem points into the scene file.

use super::config::{SceneConfig, Zone};
use super::randomisers::{Lens, SunPlacement};
use super::{AssetInfo, Catalog, LayoutChoice, STREET_ASSETS, SceneError, parse};
use std::collections::BTreeMap;
use std::path::Path;

/// Where in the scene text a problem is, and what it is.
pub struct Problem {
    /// (line, column).
    pub at: (usize, usize),
    /// Field path.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    fn at_string(text: &str, needle: &str, field: String, message: String) -> Self {
        Problem {
            at: parse::locate_string(text, needle),
            field,
            message,
        }
    }

    fn at_key(text: &str, key: &str, field: String, message: String) -> Self {
        Problem {
            at: parse::locate_key(text, key),
            field,
            message,
        }
    }

    /// The scene error for the file at `path`, with `prefix` before the field.
    pub fn into_error(self, path: &Path, prefix: &str) -> SceneError {
        SceneError::Reference {
            path: path.to_path_buf(),
            line: self.at.0,
            column: self.at.1,
            field: format!("{prefix}{}", self.field),
            message: self.message,
        }
    }
}

/// Every asset name the scene uses exists, `Area` groups say where, street zones have a
/// street, the street's own assets exist.
pub fn references(text: &str, config: &SceneConfig, catalog: &Catalog) -> Result<(), Problem> {
    let known = |name: &str, field: String| {
        if catalog.assets.contains_key(name) {
            return Ok(());
        }
        let names: Vec<&str> = catalog.assets.keys().map(String::as_str).collect();
        let message = format!(
            "no asset named \"{name}\" in the catalogue (it has: {})",
            names.join(", ")
        );
        Err(Problem::at_string(text, name, field, message))
    };
    for (i, name) in config.ground.iter().enumerate() {
        known(name, format!("ground[{i}]"))?;
    }
    for (g, group) in config.objects.iter().enumerate() {
        for (a, name) in group.assets.names().enumerate() {
            known(name, format!("objects[{g}].assets[{a}]"))?;
        }
        let first = group.assets.names().next().unwrap_or("objects");
        let area = group.zone == Zone::Area;
        if area && (group.x_m.is_none() || group.z_m.is_none()) {
            let message = "zone Area needs both x_m and z_m".to_owned();
            return Err(Problem::at_string(
                text,
                first,
                format!("objects[{g}]"),
                message,
            ));
        }
        if !area && config.street.is_none() {
            let message = format!("zone {:?} needs a `street`", group.zone);
            return Err(Problem::at_string(
                text,
                first,
                format!("objects[{g}].zone"),
                message,
            ));
        }
    }
    street(text, config, catalog)
}

fn street(text: &str, config: &SceneConfig, catalog: &Catalog) -> Result<(), Problem> {
    let Some(street) = &config.street else {
        return Ok(());
    };
    if let LayoutChoice::Mixed(p) = street.layout
        && !(0.0..=1.0).contains(&p)
    {
        let message = format!("Mixed({p}): the intersection probability must be in 0..=1");
        return Err(Problem::at_key(
            text,
            "layout",
            "street.layout".into(),
            message,
        ));
    }
    for (name, purpose) in STREET_ASSETS {
        if !catalog.assets.contains_key(*name) {
            let message = format!("the catalogue has no asset \"{name}\" ({purpose})");
            return Err(Problem::at_key(text, "street", "street".into(), message));
        }
    }
    let (lo, hi) = street.populate_z_m.support();
    if !(lo.is_finite() && hi.is_finite()) {
        let message = "must have finite bounds (clamp a normal)".to_owned();
        return Err(Problem::at_key(
            text,
            "populate_z_m",
            "street.populate_z_m".into(),
            message,
        ));
    }
    Ok(())
}

/// Group scales stay within their categories' norms; lenses and the sun are physical.
pub fn ranges(
    text: &str,
    config: &SceneConfig,
    info: &BTreeMap<String, AssetInfo>,
) -> Result<(), Problem> {
    for (g, group) in config.objects.iter().enumerate() {
        let Some(scale) = &group.scale else { continue };
        let (lo, hi) = scale.support();
        for name in group.assets.names() {
            let norm = &info[name].scale;
            let (n_lo, n_hi) = norm.support();
            if lo < n_lo || hi > n_hi {
                let message = format!(
                    "{} can give {lo}..{hi}, outside the \"{name}\" category's norm {} ({n_lo}..{n_hi})",
                    scale.0, norm.0
                );
                return Err(Problem::at_key(
                    text,
                    "scale",
                    format!("objects[{g}].scale"),
                    message,
                ));
            }
        }
    }
    for (name, _) in &config.people.pose.0 {
        if !["walk", "stand", "crouch"].contains(&name.as_str()) {
            let message = format!("unknown pose \"{name}\" (poses: walk, stand, crouch)");
            return Err(Problem::at_string(
                text,
                name,
                "people.pose".into(),
                message,
            ));
        }
    }
    lens(text, &config.camera.lens)?;
    sun(text, &config.lighting.sun)
}

fn lens(text: &str, lens: &Lens) -> Result<(), Problem> {
    let problem = match lens {
        Lens::FovY(fov) if fov.support().1 >= 180.0 => {
            format!(
                "a field of view must stay below 180°, {} can reach {}",
                fov.0,
                fov.support().1
            )
        }
        Lens::FocalLength {
            sensor_height_mm, ..
        } if sensor_height_mm.is_nan() || *sensor_height_mm <= 0.0 => {
            format!("sensor_height_mm must be above 0, got {sensor_height_mm}")
        }
        _ => return Ok(()),
    };
    Err(Problem::at_key(text, "lens", "camera.lens".into(), problem))
}

fn sun(text: &str, sun: &SunPlacement) -> Result<(), Problem> {
    let SunPlacement::TimeOfDay {
        day_of_year,
        latitude_deg,
        ..
    } = sun
    else {
        return Ok(());
    };
    let (d_lo, d_hi) = day_of_year.support();
    let (l_lo, l_hi) = latitude_deg.support();
    let message = if d_lo < 1.0 || d_hi > 366.0 {
        format!("day_of_year must stay within 1..=366, {day_of_year} can give {d_lo}..{d_hi}")
    } else if l_lo < -90.0 || l_hi > 90.0 {
        format!("latitude_deg must stay within -90..=90, {latitude_deg} can give {l_lo}..{l_hi}")
    } else {
        return Ok(());
    };
    Err(Problem::at_key(text, "sun", "lighting.sun".into(), message))
}

/// Every recolour rule matches some catalogue material, and no material is in two rules.
pub fn recolour(
    text: &str,
    config: &SceneConfig,
    material_names: &[String],
) -> Result<(), Problem> {
    let rules = &config.materials.recolour;
    for (r, rule) in rules.iter().enumerate() {
        let field = format!("materials.recolour[{r}]");
        if !rule.materials.iter().any(|m| material_names.contains(m)) {
            let message = format!(
                "rule \"{}\" matches no material of any catalogue asset ({})",
                rule.name,
                rule.materials.join(", ")
            );
            return Err(Problem::at_string(text, &rule.name, field, message));
        }
        for name in &rule.materials {
            if let Some(other) = rules[..r].iter().find(|o| o.materials.contains(name)) {
                let message = format!(
                    "material \"{name}\" is already recoloured by rule \"{}\"",
                    other.name
                );
                return Err(Problem::at_string(text, name, field, message));
            }
        }
    }
    Ok(())
}
