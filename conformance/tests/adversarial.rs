//! `schemas/adversarial/*` with `instances/adversarial/*`: no panic, no hang (each well
//! under a second), and a sensible result: generated code that compiles (build.rs compiles
//! every adversarial schema that generates into this crate, and clippy checks it in CI), or
//! a clear diagnostic naming the problem.

use std::time::{Duration, Instant};

use json_structure_codegen::Config;
use json_structure_conformance::{corpus_dir, parse_adversarial};

const LIMIT: Duration = Duration::from_secs(1);

/// Adversarial schemas that must be rejected, with the start of the expected message.
const REJECTED: &[(&str, &str)] = &[
    ("allof-conflicting-types", "this document declares no types"),
    (
        "conflicting-constraints",
        "`minimum` (100) is greater than `maximum` (50)",
    ),
    ("deeply-nested-allof", "this document declares no types"),
    ("duplicate-keys", "this document declares no types"),
    ("extends-circular-chain", "`$extends` forms a cycle"),
    (
        "extends-with-overrides",
        "`$ref` must be the value of `type`",
    ),
    (
        "malformed-json-pointer",
        "`$ref` must be the value of `type`",
    ),
    (
        "pattern-with-flags",
        "`pattern` \"(?<=prefix)content\" is not a usable regular expression",
    ),
    ("quadratic-blowup", "`$ref` must be the value of `type`"),
    (
        "recursive-array-items",
        "`$ref` must be the value of `type`",
    ),
    ("ref-to-nowhere", "`$ref` must be the value of `type`"),
    ("ref-vs-property", "`$ref` must be the value of `type`"),
    ("self-referencing-extends", "`$extends` forms a cycle"),
];

#[test]
fn adversarial_schemas_generate_or_fail_clearly_and_fast() {
    let root = corpus_dir().join("json-structure-sdk-test-assets/schemas/adversarial");
    assert!(
        root.is_dir(),
        "the corpus is missing: expected {}",
        root.display()
    );
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".struct.json"))
        .collect();
    files.sort();
    let (mut generated, mut rejected, mut wrong) = (0, 0, Vec::new());
    for path in &files {
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".struct.json")
            .to_string();
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| Config::new().generate_file(path));
        let took = start.elapsed();
        if took > LIMIT {
            wrong.push(format!("{name}: took {took:?}"));
        }
        let expected = REJECTED.iter().find(|(n, _)| *n == name).map(|(_, m)| *m);
        match (result, expected) {
            (Err(_), _) => wrong.push(format!("{name}: the generator panicked")),
            (Ok(Ok(_)), None) => generated += 1,
            (Ok(Ok(_)), Some(m)) => {
                wrong.push(format!("{name}: generated, expected rejection {m:?}"))
            }
            (Ok(Err(e)), Some(m)) => {
                let first = e
                    .diagnostics()
                    .next()
                    .map(|d| d.message.clone())
                    .unwrap_or_else(|| e.to_string());
                if first.starts_with(m) {
                    rejected += 1;
                } else {
                    wrong.push(format!("{name}: rejected with {first:?}, expected {m:?}"));
                }
            }
            (Ok(Err(e)), None) => wrong.push(format!("{name}: rejected unexpectedly: {e}")),
        }
    }
    println!("adversarial schemas: {} total, {generated} generated and compiled, {rejected} rejected with the expected diagnostic", files.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn adversarial_instances_never_panic_or_hang() {
    let root = corpus_dir().join("json-structure-sdk-test-assets/instances/adversarial");
    assert!(
        root.is_dir(),
        "the corpus is missing: expected {}",
        root.display()
    );
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let (mut accepted, mut rejected, mut no_schema, mut wrong) = (0, 0, Vec::new(), Vec::new());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("read");
        let id = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| {
                v.get("$schema")
                    .and_then(|s| s.as_str())
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| parse_adversarial(&id, &text));
        let took = start.elapsed();
        if took > LIMIT {
            wrong.push(format!("{name}: took {took:?}"));
        }
        match result {
            Err(_) => wrong.push(format!("{name}: panicked")),
            Ok(None) => no_schema.push(name),
            Ok(Some(Ok(()))) => accepted += 1,
            Ok(Some(Err(v))) => {
                println!("{name}: {v}");
                rejected += 1;
            }
        }
    }
    println!(
        "adversarial instances: {} total, {accepted} accepted, {rejected} rejected, {} whose schema is rejected by design ({})",
        files.len(),
        no_schema.len(),
        no_schema.join(", ")
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
