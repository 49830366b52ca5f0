//! With `--features corpus`: generates Rust for the official samples and meta-schemas in
//! `../shared/corpus` into `OUT_DIR`, plus `corpus.rs`, which wraps each in a module and
//! maps sample names to their root types. Without the feature it does nothing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use json_structure_codegen::Config;

/// The `$id` of a schema document (a tiny scan; build scripts avoid a JSON dependency).
fn serde_json_id(text: &str) -> Option<String> {
    let at = text.find("\"$id\"")?;
    let rest = text.get(at + 5..)?;
    let start = rest.find('"')? + 1;
    let len = rest.get(start..)?.find('"')?;
    rest.get(start..start + len).map(str::to_string)
}

/// The corpus: `$JSON_STRUCTURE_CORPUS`, or `../../shared/corpus` from this package.
fn corpus_dir() -> PathBuf {
    match std::env::var_os("JSON_STRUCTURE_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    }
}

struct Entry {
    module: String,
    schema: PathBuf,
    config: Config,
}

fn main() {
    println!("cargo:rerun-if-env-changed=JSON_STRUCTURE_CORPUS");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_CORPUS").is_none() {
        return;
    }
    let corpus = corpus_dir();
    if !corpus.join("json-structure-samples").is_dir() {
        // Loud on purpose: these suites only run when asked for, and then they need the data.
        eprintln!(
            "error: the conformance suites need the corpus at {} (or set JSON_STRUCTURE_CORPUS)",
            corpus.display()
        );
        std::process::exit(1);
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let mut entries = Vec::new();
    let samples = corpus.join("json-structure-samples/core");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&samples)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        entries.push(Entry {
            module: format!("s{}", name.replace('-', "_")),
            schema: dir.join("schema.struct.json"),
            config: Config::new(),
        });
    }
    // 05-collections again, with the SDK validators' absolute-URI reading (see
    // tests/invalid_instances.rs for why the default differs).
    let mut absolute = Config::new();
    absolute.absolute_uris(true);
    entries.push(Entry {
        module: "s05_collections_absolute_uris".into(),
        schema: samples.join("05-collections/schema.struct.json"),
        config: absolute,
    });
    let meta_config = Config::new();
    entries.push(Entry {
        module: "meta_core".into(),
        schema: corpus.join("json-structure-meta/core/v0/index.json"),
        config: meta_config,
    });

    // Adversarial schemas: those that generate are compiled too (their code must build and
    // pass clippy); the others must fail with a diagnostic (tests/adversarial.rs).
    let adversarial = corpus.join("json-structure-sdk-test-assets/schemas/adversarial");
    let mut adv_files: Vec<PathBuf> = std::fs::read_dir(&adversarial)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    adv_files.retain(|p| p.to_string_lossy().ends_with(".struct.json"));
    adv_files.sort();
    let mut by_id = Vec::new();
    for path in adv_files {
        let stem = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .trim_end_matches(".struct.json")
            .replace('-', "_")
            .to_lowercase();
        if Config::new().generate_file(&path).is_err() {
            continue;
        }
        let id = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json_id(&t))
            .unwrap_or_default();
        by_id.push((id, format!("adv_{stem}")));
        entries.push(Entry {
            module: format!("adv_{stem}"),
            schema: path,
            config: Config::new(),
        });
    }

    // The Import companion's samples (tests/imports.rs), and the extended meta-schema, which
    // imports the core one by URI (mapped to the local copy: nothing is fetched).
    for sample in [
        "01-root-import",
        "02-namespace-import",
        "03-importdefs-only",
        "04-shadowing",
    ] {
        entries.push(Entry {
            module: format!("imp_{}", sample.replace('-', "_")),
            schema: corpus
                .join("json-structure-samples/import")
                .join(sample)
                .join("schema.struct.json"),
            config: Config::new(),
        });
    }
    let mut extended = Config::new();
    extended.import_path(
        "https://json-structure.org/meta/core/v0/#",
        corpus.join("json-structure-meta/core/v0/index.json"),
    );
    entries.push(Entry {
        module: "meta_extended".into(),
        schema: corpus.join("json-structure-meta/extended/v0/index.json"),
        config: extended,
    });

    // The validation companion's test schemas (tests/validation.rs).
    let validation = corpus.join("json-structure-sdk-test-assets/schemas/validation");
    let mut val_files: Vec<PathBuf> = std::fs::read_dir(&validation)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    val_files.retain(|p| p.to_string_lossy().ends_with(".struct.json"));
    val_files.sort();
    for path in val_files {
        let stem = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .trim_end_matches(".struct.json")
            .replace('-', "_");
        entries.push(Entry {
            module: format!("val_{stem}"),
            schema: path,
            config: Config::new(),
        });
    }

    let mut index = String::from("// @generated by build.rs from the corpus.\n");
    let mut dispatch = String::from(
        "/// Reads `json` as the root type of `sample` and writes it back.\n\
         pub fn round_trip(sample: &str, json: &str) -> Option<Result<serde_json::Value, String>> {\n    match sample {\n",
    );
    let mut parse = String::from(
        "/// Parses and validates `json` as the root type of `sample`.\n\
         pub fn parse(sample: &str, json: &str) -> Option<Result<(), json_structure_runtime::Violations>> {\n    match sample {\n",
    );
    for e in &entries {
        println!("cargo:rerun-if-changed={}", e.schema.display());
        let generated = match e.config.generate_file(&e.schema) {
            Ok(g) => g,
            Err(err) => {
                eprintln!("{err}");
                std::process::exit(1);
            }
        };
        for w in &generated.warnings {
            println!("cargo:warning={}", w.one_line());
        }
        for f in &generated.imported_files {
            println!("cargo:rerun-if-changed={}", f.display());
        }
        let file = format!("{}.rs", e.module);
        if let Err(err) = std::fs::write(out_dir.join(&file), &generated.code) {
            eprintln!("cannot write {file}: {err}");
            std::process::exit(1);
        }
        let _ = writeln!(
            index,
            "pub mod {} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));\n}}",
            e.module
        );
        if let Some(root) = &generated.root_type {
            let sample = e.module.trim_start_matches('s').replace('_', "-");
            let _ = writeln!(
                dispatch,
                "        {sample:?} => Some(rt::<{}::{root}>(json)),",
                e.module
            );
            let _ = writeln!(
                parse,
                "        {sample:?} => Some(json_structure_runtime::from_str::<{}::{root}>(json).map(|_| ())),",
                e.module
            );
        }
    }
    dispatch.push_str("        _ => None,\n    }\n}\n");
    let mut adv = String::from(
        "/// Parses and validates an adversarial instance with the schema whose `$id` it names.\n\
         pub fn parse_adversarial(schema_id: &str, json: &str) -> Option<Result<(), json_structure_runtime::Violations>> {\n    match schema_id {\n",
    );
    for (id, module) in &by_id {
        let sample = module.trim_start_matches('s').replace('_', "-");
        let _ = writeln!(adv, "        {id:?} => parse({sample:?}, json),");
    }
    adv.push_str("        _ => None,\n    }\n}\n");
    index.push_str(&adv);
    parse.push_str("        _ => None,\n    }\n}\n");
    index.push_str(&dispatch);
    index.push_str(&parse);
    index.push_str(
        "fn rt<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Result<serde_json::Value, String> {\n    \
         let value: T = serde_json::from_str(json).map_err(|e| e.to_string())?;\n    \
         let text = serde_json::to_string(&value).map_err(|e| e.to_string())?;\n    \
         serde_json::from_str(&text).map_err(|e| e.to_string())\n}\n",
    );
    if let Err(err) = std::fs::write(out_dir.join("corpus.rs"), index) {
        eprintln!("cannot write corpus.rs: {err}");
        std::process::exit(1);
    }
}
