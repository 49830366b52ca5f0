//! A schema whose definitions form one reference cycle of 1,500 types compiles as generated:
//! no `recursion_limit`, no edits. With plain `Box` rustc fails with
//! `E0320 overflow while adding drop-check rules` from about 80 types on, and with an
//! untagged indirection its debuginfo overflows rustc's stack from about 1,000 (see
//! BENCHMARKS.md). It builds a crate, so it is slow: `cargo test --workspace` skips it and
//! `.ci/run` runs it explicitly:
//!
//! Known limit, not solved: *using* a trait impl of such a type (`clone`, `==`, serde)
//! instantiates the next type's impl through a generic one (`Option<Indirect<_>>::clone`,
//! serde's `deserialize_map`), and rustc stops at its monomorphization recursion limit
//! (128 nested instantiations) in the crate that makes the call; that crate needs
//! `#![recursion_limit = "N"]` with N above the cycle's length. Breaking those chains needs
//! dynamic dispatch across every `Indirect` (an erased deserializer). Cycles shorter than
//! about 100 types are unaffected.
//!
//! ```text
//! cargo test -p json-structure-codegen --test large_cycle -- --ignored
//! ```

use std::path::Path;
use std::process::Command;

use json_structure_codegen::synth::Synth;
use json_structure_codegen::Config;

#[test]
#[ignore = "builds a 1,500-type crate (a minute or more); .ci/run runs it"]
fn a_1500_type_reference_cycle_compiles_as_generated() {
    let schema = Synth {
        definitions: 1500,
        properties: 2,
        ref_ratio: 0.0,
        cycle: 1500,
        enum_ratio: 0.0,
        ..Synth::default()
    }
    .to_json();
    let out = Config::new()
        .generate_source("cycle.struct.json", &schema)
        .unwrap();
    assert!(
        out.code.contains("::json_structure_runtime::Indirect<"),
        "cycle edges use Indirect"
    );

    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("large-cycle");
    let dir = root.join("crate");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"large-cycle\"\nversion = \"0.0.0\"\nedition = \"2021\"\n[workspace]\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\njson-structure-runtime = {{ path = \"{}\" }}\n",
            repo.join("runtime").display()
        ),
    )
    .unwrap();
    let _ = std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock"));
    let lib = out.code.clone();
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(
        status.status.success(),
        "the 1,500-type cycle does not compile:\n{stderr}"
    );
    assert!(!stderr.contains("E0320"));
}
