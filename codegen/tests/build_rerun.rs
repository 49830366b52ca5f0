//! `Config::compile` prints `cargo:rerun-if-changed` for exactly what it reads, so a second
//! `cargo build` with nothing changed does not run the build script again, and changing a
//! schema does. Proven on a scratch crate that uses the generator from its `build.rs`.

use std::path::Path;
use std::process::Command;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn cargo_build(dir: &Path, target: &Path) -> String {
    let out = Command::new(env!("CARGO"))
        .args(["build", "-v", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cargo build failed:\n{stderr}");
    stderr
}

#[test]
fn an_unchanged_build_does_not_rerun_the_build_script() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rerun");
    let dir = root.join("crate");
    let target = root.join("target");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    write(
        &dir.join("Cargo.toml"),
        &format!(
            r#"[package]
name = "rerun-probe"
version = "0.0.0"
edition = "2021"
[workspace]
[dependencies]
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
json-structure-runtime = {{ path = "{runtime}" }}
[build-dependencies]
json-structure-codegen = {{ path = "{codegen}", default-features = false }}
"#,
            runtime = repo.join("runtime").display(),
            codegen = repo.join("codegen").display()
        ),
    );
    write(
        &dir.join("build.rs"),
        r#"fn main() {
    if let Err(e) = json_structure_codegen::Config::new().input("schemas").compile() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
"#,
    );
    write(
        &dir.join("src/lib.rs"),
        "include!(concat!(env!(\"OUT_DIR\"), \"/_index.rs\"));\n",
    );
    let schema = dir.join("schemas/pet.struct.json");
    let pet = |extra: &str| {
        format!(
            r#"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://x/pet", "name": "Pet",
"type": "object", "properties": {{"name": {{"type": "string"}}{extra}}}}}"#
        )
    };
    write(&schema, &pet(""));
    // Copy the workspace's lock file so the scratch build uses the same, already
    // downloaded versions (and works offline).
    let _ = std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock"));

    cargo_build(&dir, &target);
    let second = cargo_build(&dir, &target);
    let ran = |log: &str| {
        log.lines().any(|l| {
            l.contains("Running") && l.contains("rerun-probe") && l.contains("build-script-build")
        })
    };
    assert!(
        !ran(&second),
        "the build script ran again with nothing changed:\n{second}"
    );
    assert!(second.contains("Fresh rerun-probe"), "{second}");

    write(&schema, &pet(r#", "age": {"type": "int32"}"#));
    let third = cargo_build(&dir, &target);
    assert!(
        ran(&third),
        "changing the schema did not rerun the build script:\n{third}"
    );
}
