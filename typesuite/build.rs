//! Generates every `schemas/*.struct.json` (one module per file) into `OUT_DIR`, and
//! `options/shop.struct.json` once per set of Config options that `tests/options.rs` checks.

use json_structure_codegen::{Config, DateTimeTypes, MapType};

fn run(config: &mut Config) {
    if let Err(error) = config.compile() {
        eprintln!("{error}");
        std::process::exit(1);
    }
}

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    run(Config::new().input("schemas").module_per_file(true));

    // Open enums, #[non_exhaustive] and an extra derive.
    run(Config::new()
        .input("options/shop.struct.json")
        .out_dir(out.join("open"))
        .open_enums(true)
        .non_exhaustive(true)
        .derive("Eq"));

    // Alternate names (altnames, altenums, descriptions).
    run(Config::new()
        .input("options/contact.struct.json")
        .out_dir(out.join("alt")));

    // Conditional composition: anyOf/oneOf without a type become enums.
    run(Config::new()
        .input("options/composition.struct.json")
        .out_dir(out.join("composition")));

    // BTreeMap maps, chrono dates, an overridden definition and a per-type attribute.
    run(Config::new()
        .input("options/shop.struct.json")
        .out_dir(out.join("alternatives"))
        .map_type(MapType::BTreeMap)
        .date_time_types(DateTimeTypes::Chrono)
        .type_override("#/definitions/Money", "crate::overrides::Money")
        .type_attribute("Pet", "derive(Default)"));
}
