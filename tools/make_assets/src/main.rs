//! Writes sdgen's asset library into `assets/`: vehicles, people and riders, traffic
//! lights, signs, cones and barriers, and the street itself (road tiles, markings,
//! sidewalks, kerbs, buildings, vegetation, poles and lamps); and the glTF test fixtures
//! in `tests/fixtures/gltf/`, one per material feature.
//!
//! Run with `cargo run --release -p make_assets`. The output is deterministic
//! (byte-identical on every run): no randomness, only fixed formulas and integer hashes.
//! Conventions: glTF 2.0 binary (.glb), metres, +Y up, origin at the ground contact
//! point, fronts face +Z, "left" is +X. Check the files with
//! `node tools/validate_gltf.js assets/*.glb`.

mod fixtures;
mod geom;
mod gltf;
mod people;
mod street;
mod traffic;
mod vehicles;

use std::path::{Path, PathBuf};

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets");
    std::fs::create_dir_all(&dir)?;
    type Writer = fn(&Path) -> std::io::Result<Vec<(String, usize)>>;
    let groups: [(&str, Writer); 4] = [
        ("vehicles", vehicles::write_all),
        ("people", people::write_all),
        ("traffic", traffic::write_all),
        ("street", street::write_all),
    ];
    for (group, write) in groups {
        for (name, bytes) in write(&dir)? {
            println!("{group}: wrote assets/{name} ({bytes} bytes)");
        }
    }
    let fixtures = dir.join("../tests/fixtures/gltf");
    for (name, bytes) in fixtures::write_all(&fixtures)? {
        println!("fixtures: wrote tests/fixtures/gltf/{name} ({bytes} bytes)");
    }
    Ok(())
}
