//! Writes the placeholder street-scene assets: `assets/car.glb`, `assets/person.gltf`
//! and `assets/road.glb`.
//!
//! Run with `cargo run --release --example make_assets`. The output is deterministic
//! (byte-identical on every run): no randomness, only fixed formulas and an integer hash.
//! Conventions: metres, +Y up, origin at the ground contact point, fronts face +Z,
//! "left" is +X. Check the files with `node tools/validate_gltf.js assets/*.glb assets/*.gltf`.

mod car;
mod geom;
mod gltf;
mod person;
mod road;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets");
    std::fs::create_dir_all(&dir)?;
    type Writer = fn(&std::path::Path) -> std::io::Result<usize>;
    let assets: [(&str, Writer); 3] = [
        ("car.glb", car::write),
        ("person.gltf", person::write),
        ("road.glb", road::write),
    ];
    for (name, write) in assets {
        let path = dir.join(name);
        let bytes = write(&path)?;
        println!("wrote {} ({bytes} bytes)", path.display());
    }
    Ok(())
}
