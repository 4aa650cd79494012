//! Every WGSL program, with its includes expanded, parses and validates with naga; every
//! file under shaders/ is part of the program table. No GPU needed.

#[test]
fn every_wgsl_program_validates() {
    let programs = sdgen::render::shader::programs();
    assert!(!programs.is_empty(), "no shader programs listed");
    for (name, source) in programs {
        let module = naga::front::wgsl::parse_str(&source)
            .unwrap_or_else(|e| panic!("{name}: {}", e.emit_to_string(&source)));
        naga::valid::Validator::new(
            naga::valid::ValidationFlags::all(),
            naga::valid::Capabilities::all(),
        )
        .validate(&module)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    }
}

#[test]
fn every_wgsl_file_is_listed() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("shaders");
    let listed = sdgen::render::shader::listed_files();
    for sub in ["", "include"] {
        for entry in std::fs::read_dir(root.join(sub)).expect("shaders/ exists") {
            let path = entry.expect("dir entry").path();
            if path.extension().is_none_or(|e| e != "wgsl") {
                continue;
            }
            let name = path.strip_prefix(&root).expect("under shaders/");
            let name = name.to_string_lossy().replace('\\', "/");
            assert!(
                listed.contains(&name),
                "{name} is not in src/render/shader.rs"
            );
        }
    }
}
