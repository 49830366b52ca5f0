//! Generates every `schemas/*.struct.json` (one module per file) into `OUT_DIR`.
fn main() {
    if let Err(error) = json_structure_codegen::Config::new()
        .input("schemas")
        .module_per_file(true)
        .compile()
    {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
