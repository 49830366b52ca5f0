//! `json-structure-sdk-test-assets/schemas/validation/*` with `instances/validation/*`:
//! every invalid instance fails `validate()` (through `json_structure_runtime::from_str`)
//! with the code the instance names in `_expectedError`, at the member it is about; and
//! valid instances written by the team for each schema pass.
//!
//! Harness rules (the SDK assets mix test metadata into the instances): members whose
//! name starts with `_` (`_description`, `_expectedError`) are removed before parsing, and
//! for a schema whose root is not an object the instance is the `value` member.

use json_structure_conformance::{corpus_dir, parse};
use serde_json::Value;

/// Schema → root kind is an object (instances are the object itself).
fn object_rooted(schema: &str) -> bool {
    schema.starts_with("all-extension") || schema.starts_with("object-")
}

fn prepare(schema: &str, mut doc: Value) -> Value {
    if let Value::Object(map) = &mut doc {
        map.retain(|k, _| !k.starts_with('_'));
        if !object_rooted(schema) {
            if let Some(v) = map.get("value") {
                return v.clone();
            }
        }
    }
    doc
}

fn sample(schema: &str) -> String {
    format!("val-{}", schema.replace('-', "_")).replace('_', "-")
}

/// The member an `all-extension-keywords` case is about, from its file name.
fn expected_pointer(schema: &str, case: &str) -> Option<String> {
    if schema.starts_with("all-extension") {
        case.split('-').next().map(|m| format!("/{m}"))
    } else {
        None
    }
}

#[test]
fn every_invalid_instance_fails_validate_with_its_code() {
    let root = corpus_dir().join("json-structure-sdk-test-assets/instances/validation");
    assert!(
        root.is_dir(),
        "the corpus is missing: expected {}",
        root.display()
    );
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    dirs.sort();
    let (mut total, mut wrong) = (0, Vec::new());
    for dir in &dirs {
        let schema = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut cases: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        cases.sort();
        for case in cases {
            total += 1;
            let name = format!("{schema}/{}", case.file_stem().unwrap().to_string_lossy());
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&case).unwrap()).unwrap();
            let code = doc["_expectedError"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let text = prepare(&schema, doc).to_string();
            match parse(&sample(&schema), &text) {
                None => wrong.push(format!("{name}: no generated type for {schema}")),
                Some(Ok(())) => wrong.push(format!("{name}: passed validation, expected {code}")),
                Some(Err(violations)) => {
                    let pointer =
                        expected_pointer(&schema, &case.file_stem().unwrap().to_string_lossy());
                    let hit = violations.iter().any(|v| {
                        v.code == code && pointer.as_ref().is_none_or(|p| &v.pointer == p)
                    });
                    if !hit {
                        wrong.push(format!(
                            "{name}: expected {code} at {pointer:?}, got {violations}"
                        ));
                    }
                }
            }
        }
    }
    println!(
        "validation instances: {}/{total} fail with the expected code",
        total - wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Valid instances for each validation schema, written by the team.
const VALID: &[(&str, &str)] = &[
    (
        "all-extension-keywords-with-uses",
        r#"{"count": 25, "rate": 0.5, "name": "Alpha", "tags": ["a"]}"#,
    ),
    ("array-contains-with-uses", "[1, 20, 3]"),
    ("array-maxitems-with-uses", r#"["a", "b"]"#),
    ("array-minitems-with-uses", r#"["a", "b", "c"]"#),
    ("array-uniqueitems-with-uses", r#"["a", "b", "c"]"#),
    ("map-keywords-with-uses", r#"{"alpha": 1, "beta": 2}"#),
    ("numeric-exclusive-maximum-with-uses", "99.5"),
    ("numeric-exclusive-minimum-with-uses", "0.5"),
    ("numeric-maximum-with-uses", "100"),
    ("numeric-minimum-with-uses", "0"),
    ("numeric-multiple-of-with-uses", "15"),
    (
        "object-dependentrequired-with-uses",
        r#"{"name": "Ann", "email": "a@example.com", "phone": "123"}"#,
    ),
    ("object-maxproperties-with-uses", r#"{"name": "Ann"}"#),
    (
        "object-minproperties-with-uses",
        r#"{"name": "Ann", "extra": 1}"#,
    ),
    ("string-minlength-with-uses", r#""abcdef""#),
    ("string-pattern-with-uses", r#""Hello""#),
];

#[test]
fn valid_instances_pass() {
    let mut wrong = Vec::new();
    for (schema, text) in VALID {
        match parse(&sample(schema), text) {
            Some(Ok(())) => {}
            other => wrong.push(format!("{schema}: {text} → {other:?}")),
        }
    }
    println!(
        "validation schemas: {}/{} valid instances pass",
        VALID.len() - wrong.len(),
        VALID.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
