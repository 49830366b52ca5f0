//! Generates the crate's Rust types from every `schemas/*.struct.json` into `OUT_DIR`.
//!
//! `generated/lib.rs` includes the result; `generated/` also holds a committed copy of it
//! (kept fresh by `tests/generated_fresh.rs`) so that schema changes are reviewable diffs.

fn main() {
    // `compile` prints `cargo:rerun-if-changed` for `schemas/` and each schema file, and a
    // `cargo:warning` line per schema warning.
    if let Err(error) = json_structure_codegen::Config::new()
        .input("schemas")
        .compile()
    {
        // Cargo shows a failing build script's stderr: the full diagnostic, with the schema
        // file, line, column and JSON Pointer.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
