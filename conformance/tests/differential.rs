//! Differential test against the official Rust SDK's instance validator (`json-structure`):
//! every sample, SDK and validation instance is judged by both. Where the verdicts differ,
//! the case must be listed in [`EXPLAINED`] with the spec rule that makes ours right (the
//! SDK validators have known gaps, digest §7.4); an unlisted disagreement fails the test.

use std::path::{Path, PathBuf};

use json_structure::InstanceValidator;
use json_structure_conformance::{corpus_dir, parse};
use serde_json::Value;

/// Case → why our verdict differs from the SDK's.
const EXPLAINED: &[(&str, &str)] = &[
    ("02-address/example1", CLOSED_ROOT_SCHEMA),
    ("02-address/example2", CLOSED_ROOT_SCHEMA),
    ("02-address/example3", CLOSED_ROOT_SCHEMA),
];

/// Core §schema-keyword: an instance document may name its schema in `$schema` (and its
/// add-ins in `$uses`), even when the root type is closed; the official samples do exactly
/// this. SDK-rs reports the `$schema` member as an additional property (SDK-py/-ts do not).
const CLOSED_ROOT_SCHEMA: &str =
    "instance documents may carry `$schema` at the root even when the root type is closed (Core §schema-keyword); SDK-rs rejects it";

struct Case {
    name: String,
    sample: String,
    schema: PathBuf,
    instance: String,
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

fn cases() -> Vec<Case> {
    let corpus = corpus_dir();
    assert!(
        corpus.is_dir(),
        "the corpus is missing: expected {}",
        corpus.display()
    );
    let mut out = Vec::new();
    let samples = corpus.join("json-structure-samples/core");
    let invalid = corpus.join("json-structure-sdk-test-assets/instances/invalid");
    for dir in json_files(&samples).into_iter().chain(
        std::fs::read_dir(&samples)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path())),
    ) {
        if !dir.is_dir() {
            continue;
        }
        let sample = dir.file_name().unwrap().to_string_lossy().into_owned();
        let schema = dir.join("schema.struct.json");
        let mut instances: Vec<PathBuf> = json_files(&dir)
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("example")
            })
            .collect();
        instances.extend(json_files(&invalid.join(&sample)));
        for i in instances {
            out.push(Case {
                name: format!("{sample}/{}", i.file_stem().unwrap().to_string_lossy()),
                sample: sample.clone(),
                schema: schema.clone(),
                instance: std::fs::read_to_string(&i).unwrap(),
            });
        }
    }
    let validation = corpus.join("json-structure-sdk-test-assets/instances/validation");
    let schemas = corpus.join("json-structure-sdk-test-assets/schemas/validation");
    for dir in std::fs::read_dir(&validation)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
    {
        let schema_name = dir.file_name().unwrap().to_string_lossy().into_owned();
        for i in json_files(&dir) {
            let mut doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&i).unwrap()).unwrap();
            // The same harness rules as tests/validation.rs: drop `_` members; a non-object
            // schema's instance is `value`.
            if let Value::Object(map) = &mut doc {
                map.retain(|k, _| !k.starts_with('_'));
                let object_rooted =
                    schema_name.starts_with("all-extension") || schema_name.starts_with("object-");
                if !object_rooted {
                    if let Some(v) = map.get("value").cloned() {
                        doc = v;
                    }
                }
            }
            out.push(Case {
                name: format!(
                    "validation/{schema_name}/{}",
                    i.file_stem().unwrap().to_string_lossy()
                ),
                sample: format!("val-{schema_name}"),
                schema: schemas.join(format!("{schema_name}.struct.json")),
                instance: doc.to_string(),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[test]
fn verdicts_agree_with_the_official_validator_or_the_difference_is_explained() {
    let mut validator = InstanceValidator::new();
    validator.set_extended(true);
    let cases = cases();
    let (mut agree, mut explained, mut unexplained) = (0, Vec::new(), Vec::new());
    for case in &cases {
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(&case.schema).unwrap()).unwrap();
        let theirs = validator.validate(&case.instance, &schema).is_valid();
        let ours = match parse(&case.sample, &case.instance) {
            Some(result) => result.is_ok(),
            None => panic!("{}: no generated type for {}", case.name, case.sample),
        };
        if ours == theirs {
            agree += 1;
            continue;
        }
        let line = format!(
            "{} (ours: {}, SDK: {})",
            case.name,
            verdict(ours),
            verdict(theirs)
        );
        match EXPLAINED.iter().find(|(n, _)| *n == case.name) {
            Some((_, why)) => explained.push(format!("{line}: {why}")),
            None => unexplained.push(line),
        }
    }
    println!(
        "differential: {} cases, {agree} agree, {} differ with a reason:",
        cases.len(),
        explained.len()
    );
    for e in &explained {
        println!("  {e}");
    }
    assert!(
        unexplained.is_empty(),
        "unexplained disagreements:\n{}",
        unexplained.join("\n")
    );
}

fn verdict(valid: bool) -> &'static str {
    if valid {
        "valid"
    } else {
        "invalid"
    }
}
