//! WGSL sources: each program in `shaders/` may pull in shared pieces from
//! `shaders/include/` with a line `#include "name.wgsl"`, expanded here once (no nesting
//! needed, but allowed; each piece is included at most once per program).

/// Shared pieces, by the name programs include them with.
const INCLUDES: &[(&str, &str)] = &[
    (
        "frame.wgsl",
        include_str!("../../shaders/include/frame.wgsl"),
    ),
    (
        "material.wgsl",
        include_str!("../../shaders/include/material.wgsl"),
    ),
    (
        "lighting.wgsl",
        include_str!("../../shaders/include/lighting.wgsl"),
    ),
    (
        "fullscreen.wgsl",
        include_str!("../../shaders/include/fullscreen.wgsl"),
    ),
    ("lens.wgsl", include_str!("../../shaders/include/lens.wgsl")),
    (
        "id_vertex.wgsl",
        include_str!("../../shaders/include/id_vertex.wgsl"),
    ),
    (
        "atmosphere.wgsl",
        include_str!("../../shaders/include/atmosphere.wgsl"),
    ),
];

/// Programs, by file name.
const PROGRAMS: &[(&str, &str)] = &[
    ("scene.wgsl", include_str!("../../shaders/scene.wgsl")),
    ("ids.wgsl", include_str!("../../shaders/ids.wgsl")),
    ("coverage.wgsl", include_str!("../../shaders/coverage.wgsl")),
    (
        "coverage_count.wgsl",
        include_str!("../../shaders/coverage_count.wgsl"),
    ),
    ("sky.wgsl", include_str!("../../shaders/sky.wgsl")),
    ("post.wgsl", include_str!("../../shaders/post.wgsl")),
    ("shadow.wgsl", include_str!("../../shaders/shadow.wgsl")),
    (
        "shadow_masked.wgsl",
        include_str!("../../shaders/shadow_masked.wgsl"),
    ),
    ("bloom.wgsl", include_str!("../../shaders/bloom.wgsl")),
];

/// Every program with its includes expanded, for validation in tests.
pub fn programs() -> Vec<(&'static str, String)> {
    PROGRAMS
        .iter()
        .map(|(name, source)| (*name, expand(source)))
        .collect()
}

/// The expanded source of program `name`.
///
/// # Panics
/// If `name` is not in the table: programs are fixed at compile time, and the shader test
/// covers every entry.
pub fn program(name: &str) -> String {
    let (_, source) = PROGRAMS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no shader program {name}"));
    expand(source)
}

/// Names of every include and program file listed here (the test checks that every file
/// under `shaders/` is listed).
pub fn listed_files() -> Vec<String> {
    let includes = INCLUDES.iter().map(|(n, _)| format!("include/{n}"));
    includes
        .chain(PROGRAMS.iter().map(|(n, _)| (*n).to_owned()))
        .collect()
}

fn expand(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let mut seen = Vec::new();
    expand_into(source, &mut out, &mut seen);
    out
}

fn expand_into(source: &str, out: &mut String, seen: &mut Vec<&'static str>) {
    for line in source.lines() {
        let Some(name) = include_name(line) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let Some((key, text)) = INCLUDES.iter().find(|(n, _)| *n == name) else {
            panic!("#include of unknown shader piece {name}");
        };
        if seen.contains(key) {
            continue;
        }
        seen.push(key);
        expand_into(text, out, seen);
    }
}

fn include_name(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix("#include")?.trim();
    rest.strip_prefix('"')?.strip_suffix('"')
}
