//! `json-structure-sdk-test-assets/schemas/invalid/*`: each is rejected with the right
//! message at the right JSON Pointer (one table row per file, all asserted), and
//! `schemas/warnings/*`: each yields its warning and still generates.

use json_structure_codegen::{Config, Error};
use json_structure_conformance::corpus_dir;

/// File (without `.struct.json`) → (JSON Pointer, start of the message).
const INVALID: &[(&str, &str, &str)] = &[
    (
        "allof-not-array",
        "/allOf",
        "`allOf` must be an array of schemas",
    ),
    ("array-missing-items", "", "this collection has no `items`"),
    (
        "circular-ref-direct",
        "/definitions/recursive",
        "#/definitions/recursive is defined as itself",
    ),
    (
        "constraint-type-mismatch-minimum",
        "/minimum",
        "`minimum` applies to numeric types, not to `string`",
    ),
    (
        "constraint-type-mismatch-minlength",
        "/minLength",
        "`minLength` applies to string, not to `int32`",
    ),
    (
        "defs-not-object",
        "/definitions",
        "`definitions` and namespaces must be objects",
    ),
    (
        "enum-duplicates",
        "/enum/1",
        "duplicate enum value \"valid\"",
    ),
    ("enum-empty", "/enum", "`enum` must list at least one value"),
    ("enum-not-array", "/enum", "`enum` must be an array"),
    (
        "invalid-regex-pattern",
        "/pattern",
        "`pattern` \"[invalid(regex\" is not a usable regular expression",
    ),
    ("map-missing-values", "", "this collection has no `values`"),
    (
        "minimum-exceeds-maximum",
        "/minimum",
        "`minimum` (100) is greater than `maximum` (50)",
    ),
    (
        "minitems-exceeds-maxitems",
        "/minItems",
        "`minItems` (10) is greater than `maxItems` (5)",
    ),
    (
        "minitems-negative",
        "/minItems",
        "`minItems` must be a non-negative integer, found -1",
    ),
    (
        "minlength-exceeds-maxlength",
        "/minLength",
        "`minLength` (10) is greater than `maxLength` (5)",
    ),
    (
        "minlength-negative",
        "/minLength",
        "`minLength` must be a non-negative integer, found -1",
    ),
    ("missing-type", "", "this document declares no types"),
    (
        "multipleof-negative",
        "/multipleOf",
        "`multipleOf` must be greater than 0, found -5",
    ),
    (
        "multipleof-zero",
        "/multipleOf",
        "`multipleOf` must be greater than 0, found 0",
    ),
    (
        "properties-not-object",
        "/properties",
        "`properties` must be an object",
    ),
    (
        "ref-undefined",
        "/properties/value/type/$ref",
        "reference #/definitions/undefined does not resolve",
    ),
    (
        "required-missing-property",
        "/required/1",
        "`required` names \"nonExistentProperty\"",
    ),
    (
        "required-not-array",
        "/required",
        "`required` must be an array",
    ),
    (
        "tuple-missing-definition",
        "",
        "a `tuple` needs a `tuple` keyword",
    ),
    (
        "tuple-missing-prefixitems",
        "",
        "a `tuple` needs a `tuple` keyword",
    ),
    (
        "unknown-type",
        "/type",
        "unknown type \"invalid-type-name\"",
    ),
];

/// File → the keyword each expected warning is about (at least these must be warned about).
/// `content-keywords-without-uses` expects none: `contentEncoding`, `contentMediaType` and
/// `contentCompression` are Core keywords (Core §contentencoding-keyword et seq.), not
/// validation keywords, so they need no `$uses` (the SDKs disagree). Files that enable
/// validation expect no warning at all.
const WARNINGS: &[(&str, &[&str])] = &[
    ("all-extension-keywords-with-uses", &[]),
    (
        "all-extension-keywords-without-uses",
        &["minimum", "maximum", "pattern", "minItems", "minProperties"],
    ),
    ("array-contains-without-uses", &["contains"]),
    ("array-maxcontains-without-uses", &["maxContains"]),
    ("array-maxitems-without-uses", &["maxItems"]),
    ("array-mincontains-without-uses", &["minContains"]),
    ("array-minitems-without-uses", &["minItems"]),
    ("array-uniqueitems-without-uses", &["uniqueItems"]),
    ("content-keywords-without-uses", &[]),
    ("default-keyword-without-uses", &["default"]),
    (
        "map-keywords-without-uses",
        &["minEntries", "maxEntries", "keyNames"],
    ),
    (
        "numeric-exclusive-maximum-without-uses",
        &["exclusiveMaximum"],
    ),
    (
        "numeric-exclusive-minimum-without-uses",
        &["exclusiveMinimum"],
    ),
    ("numeric-maximum-without-uses", &["maximum"]),
    ("numeric-minimum-without-uses", &["minimum"]),
    ("numeric-multiple-of-without-uses", &["multipleOf"]),
    (
        "object-dependentrequired-without-uses",
        &["dependentRequired"],
    ),
    ("object-maxproperties-without-uses", &["maxProperties"]),
    ("object-minproperties-without-uses", &["minProperties"]),
    (
        "object-patternproperties-without-uses",
        &["patternProperties"],
    ),
    ("object-propertynames-without-uses", &["propertyNames"]),
    ("string-format-without-uses", &["format"]),
    ("string-minlength-without-uses", &["minLength"]),
    ("string-pattern-without-uses", &["pattern"]),
];

fn files(dir: &str) -> Vec<(String, std::path::PathBuf)> {
    let root = corpus_dir()
        .join("json-structure-sdk-test-assets/schemas")
        .join(dir);
    assert!(
        root.is_dir(),
        "the corpus is missing: expected {}",
        root.display()
    );
    let mut out: Vec<_> = std::fs::read_dir(&root)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p
                .file_name()?
                .to_str()?
                .strip_suffix(".struct.json")?
                .to_string();
            Some((name, p))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_invalid_schema_is_rejected_with_the_right_message_at_the_right_pointer() {
    let cases = files("invalid");
    assert_eq!(cases.len(), 26, "expected the 26 invalid schemas");
    let mut wrong = Vec::new();
    for (name, path) in &cases {
        let Some(&(_, pointer, message)) = INVALID.iter().find(|(n, _, _)| n == name) else {
            wrong.push(format!("{name}: not in the table"));
            continue;
        };
        match Config::new().generate_file(path) {
            Ok(_) => wrong.push(format!("{name}: accepted")),
            Err(e @ (Error::Schema(_) | Error::Schemas(_))) => {
                let d = e.diagnostics().next().cloned().expect("a diagnostic");
                if d.pointer != pointer || !d.message.starts_with(message) {
                    wrong.push(format!(
                        "{name}: got {:?} at {:?}, expected {message:?} at {pointer:?}",
                        d.message, d.pointer
                    ));
                }
                // Every diagnostic names the file and a real line and column.
                assert!(
                    d.file.ends_with(format!("{name}.struct.json")),
                    "{name}: {}",
                    d.file.display()
                );
                assert!(d.line >= 1 && d.column >= 1);
            }
            Err(other) => wrong.push(format!("{name}: unexpected error kind: {other}")),
        }
    }
    println!(
        "invalid schemas: {}/{} diagnosed with the right message and pointer",
        cases.len() - wrong.len(),
        cases.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_warning_schema_warns_and_still_generates() {
    let cases = files("warnings");
    assert_eq!(cases.len(), 24, "expected the 24 warning schemas");
    let mut wrong = Vec::new();
    for (name, path) in &cases {
        let Some(&(_, keywords)) = WARNINGS.iter().find(|(n, _)| n == name) else {
            wrong.push(format!("{name}: not in the table"));
            continue;
        };
        match Config::new().generate_file(path) {
            Err(e) => wrong.push(format!("{name}: did not generate: {e}")),
            Ok(out) => {
                if keywords.is_empty() && !out.warnings.is_empty() {
                    wrong.push(format!(
                        "{name}: expected no warning, got {:?}",
                        out.warnings.iter().map(|w| &w.message).collect::<Vec<_>>()
                    ));
                }
                for k in keywords {
                    let needle = format!("`{k}` belongs to the JSONStructureValidation companion");
                    if !out.warnings.iter().any(|w| w.message.starts_with(&needle)) {
                        wrong.push(format!("{name}: no warning about `{k}`"));
                    }
                }
            }
        }
    }
    println!(
        "warning schemas: {}/{} warn as expected and generate",
        cases.len() - wrong.len(),
        cases.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
