//! The plain-text coverage report: aligned tables of conditions, numeric parameters, choices,
//! colours and classes, meant to be scanned by eye or grepped.

use std::fmt::Write;

use super::aggregate::{Param, Scope, Values};
use super::numbers::{Distinct, Estimate, Numbers};
use super::tally::{Choices, Colours, percent};
use super::{ClassCounts, DatasetStats};

/// Most values of one choice listed; the rest are summed on one line.
const MAX_CHOICE_ROWS: usize = 20;

/// The report for `stats`, ending with a newline.
pub fn render(stats: &DatasetStats) -> String {
    let mut out = String::new();
    header(stats, &mut out);
    conditions(&stats.conditions).write(&mut out);
    for (scope, title) in [(false, "image"), (true, "object")] {
        let params: Vec<(String, &Param)> = stats
            .params
            .iter()
            .filter(|(k, _)| matches!(k.scope, Scope::Object(_)) == scope)
            .map(|(k, p)| (stats.param_name(k), p))
            .collect();
        numbers_table(&format!("{title} parameters"), &params).write(&mut out);
        choices_table(&format!("{title} choices"), &params).write(&mut out);
        colours_table(&format!("{title} colours"), &params).write(&mut out);
    }
    classes_table(stats).write(&mut out);
    notes(stats, &mut out);
    out
}

/// A number with about four significant digits; integers without decimals.
pub fn format_number(v: f64) -> String {
    let v = v + 0.0;
    let a = v.abs();
    if v.fract() == 0.0 && a < 1e15 {
        format!("{v:.0}")
    } else if !(1e-3..1e6).contains(&a) {
        format!("{v:.3e}")
    } else {
        let decimals = (3 - a.log10().floor() as i32).clamp(0, 6) as usize;
        let text = format!("{v:.decimals$}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// The lines above the tables: dataset, images, scenes and `coco.json`.
fn header(stats: &DatasetStats, out: &mut String) {
    let _ = writeln!(out, "coverage of {}", stats.root.display());
    let mut images = format!("{} meta files", stats.images);
    if let Some((first, last)) = stats.index_range {
        let _ = write!(images, ", index {first}..{last}");
    }
    if stats.skipped_files > 0 {
        let _ = write!(
            images,
            " ({} other files in meta/ ignored)",
            stats.skipped_files
        );
    }
    let scenes: Vec<String> = stats
        .scenes
        .by_count()
        .iter()
        .map(|(s, n)| format!("{s} ({n})"))
        .collect();
    let coco = match &stats.classes {
        Some(c) => format!(
            "{} images, {} annotations, {} categories",
            c.images,
            c.annotations,
            c.names.len()
        ),
        None => "missing (run not finished?): no class counts".to_owned(),
    };
    for (what, text) in [
        ("images", images),
        ("scenes", scenes.join(", ")),
        ("coco.json", coco),
    ] {
        let _ = writeln!(out, "  {what:<10} {text}");
    }
}

/// The conditions with their image counts and fractions.
fn conditions(conditions: &Choices) -> Table {
    let mut t = Table::new(&["conditions", "images", "fraction"], &[]);
    for (name, n) in conditions.by_count() {
        t.row([
            name.to_owned(),
            n.to_string(),
            percent_text(conditions.percent(n)),
        ]);
    }
    if conditions.other() > 0 {
        let n = conditions.other();
        t.row([
            "(other)".into(),
            n.to_string(),
            percent_text(conditions.percent(n)),
        ]);
    }
    t
}

/// One row per numeric parameter.
fn numbers_table(title: &str, params: &[(String, &Param)]) -> Table {
    let header = [
        title, "unit", "count", "distinct", "min", "p5", "median", "p95", "max",
    ];
    let mut t = Table::new(&header, &[1]);
    for (name, param) in params {
        if let Values::Numbers(n) = &param.values {
            t.row(number_row(name, param, n));
        }
    }
    t
}

/// The cells of one numeric parameter.
fn number_row(name: &str, param: &Param, n: &Numbers) -> Vec<String> {
    let (min, max) = n.range().unwrap_or((f64::NAN, f64::NAN));
    let distinct = match n.distinct() {
        Distinct::Exact(d) => d.to_string(),
        Distinct::MoreThan(d) => format!(">{d}"),
    };
    let mut row = vec![
        name.to_owned(),
        unit_text(param),
        n.count().to_string(),
        distinct,
    ];
    row.push(format_number(min));
    row.extend([5.0, 50.0, 95.0].map(|p| estimate_text(n.percentile(p))));
    row.push(format_number(max));
    row
}

/// One row per value of each choice parameter (the most frequent first).
fn choices_table(title: &str, params: &[(String, &Param)]) -> Table {
    let mut t = Table::new(&[title, "unit", "count", "value", "n", "share"], &[1, 3]);
    for (name, param) in params {
        let Values::Choices(c) = &param.values else {
            continue;
        };
        let head = [name.clone(), unit_text(param), c.total().to_string()];
        let mut values: Vec<(String, u64)> = c
            .by_count()
            .iter()
            .map(|(v, n)| ((*v).to_owned(), *n))
            .collect();
        if values.len() > MAX_CHOICE_ROWS {
            let rest = values.split_off(MAX_CHOICE_ROWS - 1);
            let n = rest.iter().map(|r| r.1).sum();
            values.push((format!("({} more values)", rest.len()), n));
        }
        if c.other() > 0 {
            values.push(("(other)".into(), c.other()));
        }
        for (i, (value, n)) in values.into_iter().enumerate() {
            let lead = if i == 0 {
                head.clone()
            } else {
                Default::default()
            };
            let mut row = lead.to_vec();
            row.extend([value, n.to_string(), percent_text(c.percent(n))]);
            t.row(row);
        }
    }
    t
}

/// One row per colour parameter: count, mean and per-channel range.
fn colours_table(title: &str, params: &[(String, &Param)]) -> Table {
    let mut t = Table::new(
        &[title, "unit", "count", "mean (r g b)", "min", "max"],
        &[1],
    );
    for (name, param) in params {
        if let Values::Colours(c) = &param.values {
            t.row(colour_row(name, param, c));
        }
    }
    t
}

/// The cells of one colour parameter.
fn colour_row(name: &str, param: &Param, c: &Colours) -> Vec<String> {
    let rgb =
        |v: Option<[f64; 3]>| v.map_or("-".into(), |v| v.map(|x| format!("{x:.3}")).join(" "));
    let (min, max) = c.range().unzip();
    let mut row = vec![name.to_owned(), unit_text(param), c.count().to_string()];
    row.extend([rgb(c.mean()), rgb(min), rgb(max)]);
    row
}

/// One row per category named or annotated in `coco.json` or placed in the meta files;
/// without `coco.json`, only the placed counts.
fn classes_table(stats: &DatasetStats) -> Table {
    let none = ClassCounts::default();
    let classes = stats.classes.as_ref().unwrap_or(&none);
    let header = [
        "classes",
        "id",
        "instances",
        "images",
        "% of images",
        "placed",
    ];
    let mut t = Table::new(&header, &[]);
    let mut ids: Vec<u32> = classes
        .names
        .keys()
        .chain(classes.classes.keys())
        .chain(stats.placed.keys())
        .copied()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let placed = stats.placed.get(&id).map_or("0".into(), u64::to_string);
        let mut row = vec![stats.category_name(id), id.to_string()];
        match (classes.names.contains_key(&id), classes.classes.get(&id)) {
            (false, None) => row.extend(["-".into(), "-".into(), "-".into()]),
            (_, count) => {
                let count = count.copied().unwrap_or_default();
                let share = percent_text(percent(count.images, classes.images));
                row.extend([count.instances.to_string(), count.images.to_string(), share]);
            }
        }
        row.push(placed);
        t.row(row);
    }
    t
}

/// The footnotes that explain the columns and any caveat.
fn notes(stats: &DatasetStats, out: &mut String) {
    let mut notes = vec![
        "percentiles by nearest rank; exact where a parameter has at most 1000 distinct values, \
         else (~) the centre of one of 1000 bins between min and max"
            .to_owned(),
    ];
    if stats.classes.is_some() {
        notes.push("instances: annotations in coco.json (visible pixels only); placed: objects in meta/, visible or not".into());
    }
    if stats.classes.as_ref().is_some_and(|c| !c.grouped) {
        notes.push("annotation image ids go backwards: images per class may be too high".into());
    }
    if stats.dropped_samples > 0 {
        notes.push(format!(
            "{} samples of further parameter names not counted (too many names)",
            stats.dropped_samples
        ));
    }
    out.push('\n');
    for note in notes {
        let _ = writeln!(out, "note: {note}");
    }
}

/// The unit, starred if samples disagree.
fn unit_text(param: &Param) -> String {
    if param.mixed_units {
        format!("{}*", param.unit)
    } else {
        param.unit.clone()
    }
}

/// A percentile, `~` in front if it is a bin centre.
fn estimate_text(e: Option<Estimate>) -> String {
    match e {
        Some(e) if e.exact => format_number(e.value),
        Some(e) => format!("~{}", format_number(e.value)),
        None => "-".into(),
    }
}

/// A percentage with one decimal.
fn percent_text(p: f64) -> String {
    format!("{p:.1}%")
}

/// An aligned table: the first column left-aligned and indented under the title, text columns
/// left-aligned, number columns right-aligned.
struct Table {
    /// The header cells; the first is the table's title.
    header: Vec<String>,
    /// Which columns hold text (left-aligned).
    text: Vec<bool>,
    /// The body rows.
    rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with these headers; the first column and `text` columns are left-aligned.
    fn new(header: &[&str], text: &[usize]) -> Self {
        Self {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            text: (0..header.len())
                .map(|c| c == 0 || text.contains(&c))
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; the first cell is indented by two spaces.
    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        let mut cells: Vec<String> = cells.into_iter().collect();
        if let Some(first) = cells.first_mut().filter(|c| !c.is_empty()) {
            first.insert_str(0, "  ");
        }
        self.rows.push(cells);
    }

    /// Appends the table and a blank line to `out`; nothing if it has no rows.
    fn write(&self, out: &mut String) {
        if self.rows.is_empty() {
            return;
        }
        out.push('\n');
        let all = || std::iter::once(&self.header).chain(&self.rows);
        let widths: Vec<usize> = (0..self.header.len())
            .map(|c| {
                all()
                    .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in all() {
            let mut line = String::new();
            for (c, width) in widths.iter().enumerate() {
                let cell = row.get(c).map_or("", String::as_str);
                let gap = if c == 0 { "" } else { "  " };
                let _ = match self.text[c] {
                    true => write!(line, "{gap}{cell:<width$}"),
                    false => write!(line, "{gap}{cell:>width$}"),
                };
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_about_four_significant_digits() {
        let cases = [
            (2.0, "2"),
            (-0.0, "0"),
            (-180.0, "-180"),
            (1.314718, "1.315"),
            (43.26131, "43.26"),
            (0.157036, "0.157"),
            (0.25, "0.25"),
            (1.1, "1.1"),
            (-2.0705659, "-2.071"),
            (1234.5678, "1235"),
            (0.0001234, "1.234e-4"),
            (12345678.5, "1.235e7"),
        ];
        for (v, want) in cases {
            assert_eq!(format_number(v), want, "{v}");
        }
    }

    #[test]
    fn tables_align_columns() {
        let mut t = Table::new(&["things", "n", "unit"], &[2]);
        t.row(["a".to_owned(), "1".to_owned(), "m".to_owned()]);
        t.row(["longer".to_owned(), "100".to_owned(), "deg".to_owned()]);
        let mut out = String::new();
        t.write(&mut out);
        assert_eq!(
            out,
            "\nthings      n  unit\n  a         1  m\n  longer  100  deg\n"
        );
    }
}
