//! `diff`'s wire verdicts against reality: for pairs of schemas, generate Rust for OLD and
//! NEW, build them into one scratch program, feed documents valid under OLD to NEW's types
//! (and the reverse) through `json_structure_runtime::from_str` (serde + `validate()`), and
//! check that what reads and what does not agrees with `diff_old_to_new`/`new_to_old`.
//!
//! The scratch crate is built once for all pairs, in a persistent target directory under
//! `CARGO_TARGET_TMPDIR`, so reruns only recompile the generated modules.

use std::path::{Path, PathBuf};
use std::process::Command;

use json_structure_codegen::diff::{diff_sources, ChangeKind, SchemaDiff, WireImpact};
use json_structure_codegen::{Config, Mode};

const META: &str = "https://json-structure.org/meta/core/v0/#";

struct Case {
    /// Module-friendly name.
    name: &'static str,
    /// The change the pair is about (must be among the diff's changes).
    kind: ChangeKind,
    old: String,
    new: String,
    /// Documents valid under OLD.
    old_docs: &'static [&'static str],
    /// Documents valid under NEW.
    new_docs: &'static [&'static str],
}

fn object(properties: &str, rest: &str) -> String {
    let rest = if rest.is_empty() {
        String::new()
    } else {
        format!(", {rest}")
    };
    format!(
        r#"{{"$schema": "{META}", "name": "T", "type": "object", "properties": {{{properties}}}{rest}}}"#
    )
}

fn root(body: &str) -> String {
    format!(r#"{{"$schema": "{META}", "name": "T", {body}}}"#)
}

fn case(
    name: &'static str,
    kind: ChangeKind,
    old: String,
    new: String,
    old_docs: &'static [&'static str],
    new_docs: &'static [&'static str],
) -> Case {
    Case {
        name,
        kind,
        old,
        new,
        old_docs,
        new_docs,
    }
}

#[allow(clippy::too_many_lines)]
fn cases() -> Vec<Case> {
    const CLOSED: &str = r#""additionalProperties": false"#;
    vec![
        case(
            "field_added_open",
            ChangeKind::FieldAdded,
            object(r#""a": {"type": "string"}"#, ""),
            object(r#""a": {"type": "string"}, "b": {"type": "int32"}"#, ""),
            &[r#"{"a": "x"}"#],
            &[r#"{"a": "x", "b": 1}"#, r#"{"a": "x"}"#],
        ),
        case(
            "field_added_closed",
            ChangeKind::FieldAdded,
            object(r#""a": {"type": "string"}"#, CLOSED),
            object(r#""a": {"type": "string"}, "b": {"type": "int32"}"#, CLOSED),
            &[r#"{"a": "x"}"#],
            &[r#"{"a": "x", "b": 1}"#],
        ),
        case(
            "required_member_added_open",
            ChangeKind::RequiredMemberAdded,
            object(r#""a": {"type": "string"}"#, ""),
            object(
                r#""a": {"type": "string"}, "c": {"type": "boolean"}"#,
                r#""required": ["c"]"#,
            ),
            &[r#"{"a": "x"}"#],
            &[r#"{"a": "x", "c": true}"#],
        ),
        case(
            "required_member_added_closed",
            ChangeKind::RequiredMemberAdded,
            object(r#""a": {"type": "string"}"#, CLOSED),
            object(
                r#""a": {"type": "string"}, "c": {"type": "boolean"}"#,
                r#""required": ["c"], "additionalProperties": false"#,
            ),
            &[r#"{"a": "x"}"#],
            &[r#"{"a": "x", "c": true}"#],
        ),
        case(
            "field_removed_open",
            ChangeKind::FieldRemoved,
            object(r#""a": {"type": "string"}, "b": {"type": "int32"}"#, ""),
            object(r#""a": {"type": "string"}"#, ""),
            &[r#"{"a": "x", "b": 1}"#, r#"{"a": "x"}"#],
            &[r#"{"a": "x"}"#],
        ),
        case(
            "field_removed_closed_required",
            ChangeKind::FieldRemoved,
            object(
                r#""a": {"type": "string"}, "b": {"type": "int32"}"#,
                r#""required": ["a", "b"], "additionalProperties": false"#,
            ),
            object(
                r#""a": {"type": "string"}"#,
                r#""required": ["a"], "additionalProperties": false"#,
            ),
            &[r#"{"a": "x", "b": 1}"#],
            &[r#"{"a": "x"}"#],
        ),
        case(
            "field_renamed_open",
            ChangeKind::FieldRenamed,
            object(
                r#""colour": {"type": "string"}, "n": {"type": "int32"}"#,
                "",
            ),
            object(r#""color": {"type": "string"}, "n": {"type": "int32"}"#, ""),
            &[r#"{"colour": "red", "n": 1}"#],
            &[r#"{"color": "red", "n": 1}"#],
        ),
        case(
            "field_became_optional",
            ChangeKind::FieldBecameOptional,
            object(r#""a": {"type": "string"}"#, r#""required": ["a"]"#),
            object(r#""a": {"type": "string"}"#, ""),
            &[r#"{"a": "x"}"#],
            &[r#"{}"#, r#"{"a": "x"}"#],
        ),
        case(
            "field_became_required",
            ChangeKind::FieldBecameRequired,
            object(r#""a": {"type": "string"}"#, ""),
            object(r#""a": {"type": "string"}"#, r#""required": ["a"]"#),
            &[r#"{}"#, r#"{"a": "x"}"#],
            &[r#"{"a": "x"}"#],
        ),
        case(
            "field_became_nullable",
            ChangeKind::FieldBecameNullable,
            object(r#""a": {"type": "string"}"#, ""),
            object(r#""a": {"type": ["string", "null"]}"#, ""),
            &[r#"{"a": "x"}"#, r#"{}"#],
            &[r#"{"a": null}"#],
        ),
        case(
            "field_became_non_nullable",
            ChangeKind::FieldBecameNonNullable,
            object(r#""a": {"type": ["string", "null"]}"#, ""),
            object(r#""a": {"type": "string"}"#, ""),
            &[r#"{"a": null}"#, r#"{"a": "x"}"#],
            &[r#"{"a": "x"}"#],
        ),
        case(
            "items_became_nullable",
            ChangeKind::ValueBecameNullable,
            object(r#""v": {"type": "array", "items": {"type": "string"}}"#, ""),
            object(
                r#""v": {"type": "array", "items": {"type": ["string", "null"]}}"#,
                "",
            ),
            &[r#"{"v": ["a"]}"#],
            &[r#"{"v": ["a", null]}"#],
        ),
        case(
            "enum_value_added",
            ChangeKind::EnumValueAdded,
            object(r#""k": {"type": "string", "enum": ["a", "b"]}"#, ""),
            object(r#""k": {"type": "string", "enum": ["a", "b", "c"]}"#, ""),
            &[r#"{"k": "a"}"#, r#"{"k": "b"}"#],
            &[r#"{"k": "c"}"#],
        ),
        case(
            "enum_value_removed",
            ChangeKind::EnumValueRemoved,
            object(r#""k": {"type": "string", "enum": ["a", "b", "c"]}"#, ""),
            object(r#""k": {"type": "string", "enum": ["a", "c"]}"#, ""),
            &[r#"{"k": "b"}"#],
            &[r#"{"k": "a"}"#, r#"{"k": "c"}"#],
        ),
        case(
            "enum_repr_changed",
            ChangeKind::EnumReprChanged,
            object(r#""k": {"type": "uint8", "enum": [1, 2]}"#, ""),
            object(r#""k": {"type": "int32", "enum": [1, 2]}"#, ""),
            &[r#"{"k": 1}"#, r#"{"k": 2}"#],
            &[r#"{"k": 1}"#, r#"{"k": 2}"#],
        ),
        case(
            "int32_to_int64",
            ChangeKind::TypeChanged,
            object(r#""n": {"type": "int32"}"#, ""),
            object(r#""n": {"type": "int64"}"#, ""),
            &[r#"{"n": 5}"#],
            &[r#"{"n": "5"}"#],
        ),
        case(
            "int32_to_int16",
            ChangeKind::TypeChanged,
            object(r#""n": {"type": "int32"}"#, ""),
            object(r#""n": {"type": "int16"}"#, ""),
            &[r#"{"n": 100000}"#],
            &[r#"{"n": 5}"#, r#"{"n": -32768}"#],
        ),
        case(
            "int32_to_double",
            ChangeKind::TypeChanged,
            object(r#""n": {"type": "int32"}"#, ""),
            object(r#""n": {"type": "double"}"#, ""),
            &[r#"{"n": 5}"#, r#"{"n": -2147483648}"#],
            &[r#"{"n": 1.5}"#],
        ),
        case(
            "integer_to_int32",
            ChangeKind::TypeChanged,
            object(r#""n": {"type": "integer"}"#, ""),
            object(r#""n": {"type": "int32"}"#, ""),
            &[r#"{"n": 5}"#],
            &[r#"{"n": 7}"#],
        ),
        case(
            "int64_to_decimal",
            ChangeKind::TypeChanged,
            object(r#""n": {"type": "int64"}"#, ""),
            object(r#""n": {"type": "decimal"}"#, ""),
            &[r#"{"n": "5"}"#, r#"{"n": "-9223372036854775808"}"#],
            &[r#"{"n": "1.5"}"#],
        ),
        case(
            "string_to_date",
            ChangeKind::TypeChanged,
            object(r#""d": {"type": "string"}"#, ""),
            object(r#""d": {"type": "date"}"#, ""),
            &[r#"{"d": "hello"}"#],
            &[r#"{"d": "2024-02-29"}"#],
        ),
        case(
            "string_to_any",
            ChangeKind::TypeChanged,
            object(r#""v": {"type": "string"}"#, ""),
            object(r#""v": {"type": "any"}"#, ""),
            &[r#"{"v": "x"}"#],
            &[r#"{"v": [1, {"x": null}]}"#],
        ),
        case(
            "additional_properties_closed",
            ChangeKind::AdditionalPropertiesClosed,
            object(r#""a": {"type": "string"}"#, ""),
            object(r#""a": {"type": "string"}"#, CLOSED),
            &[r#"{"a": "x", "extra": 1}"#],
            &[r#"{"a": "x"}"#],
        ),
        case(
            "additional_properties_opened",
            ChangeKind::AdditionalPropertiesOpened,
            object(r#""a": {"type": "string"}"#, CLOSED),
            object(r#""a": {"type": "string"}"#, ""),
            &[r#"{"a": "x"}"#],
            &[r#"{"a": "x", "extra": 1}"#],
        ),
        case(
            "typed_additional_loosened",
            ChangeKind::TypeChanged,
            object(
                r#""a": {"type": "string"}"#,
                r#""additionalProperties": {"type": "string"}"#,
            ),
            object(r#""a": {"type": "string"}"#, ""),
            &[r#"{"a": "x", "z": "y"}"#],
            &[r#"{"a": "x", "z": 5}"#],
        ),
        case(
            "max_length_tightened",
            ChangeKind::ValidationTightened,
            object(r#""s": {"type": "string", "maxLength": 10}"#, ""),
            object(r#""s": {"type": "string", "maxLength": 3}"#, ""),
            &[r#"{"s": "abcdef"}"#],
            &[r#"{"s": "ab"}"#],
        ),
        case(
            "max_length_loosened",
            ChangeKind::ValidationLoosened,
            object(r#""s": {"type": "string", "maxLength": 3}"#, ""),
            object(r#""s": {"type": "string"}"#, ""),
            &[r#"{"s": "ab"}"#],
            &[r#"{"s": "abcdef"}"#],
        ),
        case(
            "choice_case_removed",
            ChangeKind::ChoiceCaseRemoved,
            root(
                r#""type": "choice", "choices": {"a": {"type": "string"}, "b": {"type": "int32"}}"#,
            ),
            root(r#""type": "choice", "choices": {"a": {"type": "string"}}"#),
            &[r#"{"b": 1}"#, r#"{"a": "x"}"#],
            &[r#"{"a": "x"}"#],
        ),
        case(
            "choice_case_added",
            ChangeKind::ChoiceCaseAdded,
            root(r#""type": "choice", "choices": {"a": {"type": "string"}}"#),
            root(
                r#""type": "choice", "choices": {"a": {"type": "string"}, "b": {"type": "int32"}}"#,
            ),
            &[r#"{"a": "x"}"#],
            &[r#"{"b": 1}"#],
        ),
        case(
            "array_became_set",
            ChangeKind::ArrayBecameSet,
            object(r#""t": {"type": "array", "items": {"type": "string"}}"#, ""),
            object(r#""t": {"type": "set", "items": {"type": "string"}}"#, ""),
            &[r#"{"t": ["x", "x"]}"#],
            &[r#"{"t": ["x", "y"]}"#],
        ),
        case(
            "set_became_array",
            ChangeKind::SetBecameArray,
            object(r#""t": {"type": "set", "items": {"type": "string"}}"#, ""),
            object(r#""t": {"type": "array", "items": {"type": "string"}}"#, ""),
            &[r#"{"t": ["x", "y"]}"#],
            &[r#"{"t": ["x", "x"]}"#],
        ),
        case(
            "union_member_added",
            ChangeKind::UnionMemberAdded,
            object(r#""v": {"type": ["string", "boolean"]}"#, ""),
            object(r#""v": {"type": ["string", "boolean", "int32"]}"#, ""),
            &[r#"{"v": "x"}"#, r#"{"v": true}"#],
            &[r#"{"v": 5}"#],
        ),
        case(
            "tuple_element_added",
            ChangeKind::TupleElementAdded,
            root(
                r#""type": "tuple", "properties": {"x": {"type": "int32"}, "y": {"type": "int32"}}, "tuple": ["x", "y"]"#,
            ),
            root(
                r#""type": "tuple", "properties": {"x": {"type": "int32"}, "y": {"type": "int32"}, "z": {"type": "int32"}}, "tuple": ["x", "y", "z"]"#,
            ),
            &[r#"[1, 2]"#],
            &[r#"[1, 2, 3]"#],
        ),
        case(
            "type_renamed",
            ChangeKind::TypeRenamed,
            object(
                r##""owner": {"type": {"$ref": "#/definitions/Owner"}}"##,
                r#""definitions": {"Owner": {"type": "object", "properties": {"id": {"type": "string"}}}}"#,
            ),
            object(
                r##""owner": {"type": {"$ref": "#/definitions/Person"}}"##,
                r#""definitions": {"Person": {"type": "object", "properties": {"id": {"type": "string"}}}}"#,
            ),
            &[r#"{"owner": {"id": "a"}}"#],
            &[r#"{"owner": {"id": "b"}}"#],
        ),
    ]
}

fn module(case: &Case, side: &str) -> String {
    format!("{}_{side}", case.name)
}

/// Writes only when the content differs, so an unchanged scratch crate is not rebuilt.
fn write(path: &Path, content: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return;
    }
    std::fs::write(path, content).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// Generates the scratch crate: one module per schema, and a `main` that prints, for every
/// document, whether OLD's and NEW's root types read it.
fn scratch_crate(cases: &[Case], dir: &Path) {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);
    std::fs::create_dir_all(dir.join("src")).expect("create scratch crate");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            r#"[package]
name = "diff-wire-check"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
json-structure-runtime = {{ path = {:?} }}

[workspace]
"#,
            runtime.display().to_string()
        ),
    );
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        // The workspace's lock file pins the same versions, and lets an offline build work.
        let workspace_lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
        let _ = std::fs::copy(workspace_lock, &lock);
    }
    let mut main = String::from(
        "#![allow(dead_code, unused_imports, clippy::all)]\n\n\
         fn check<T: serde::de::DeserializeOwned + json_structure_runtime::Validate>(doc: &str) -> String {\n\
         \x20   match json_structure_runtime::from_str::<T>(doc) {\n\
         \x20       Ok(_) => \"ok\".to_string(),\n\
         \x20       Err(e) => format!(\"err {}\", e.to_string().replace(['\\n', '\\t'], \" \")),\n\
         \x20   }\n\
         }\n\n",
    );
    let mut body = String::new();
    for case in cases {
        let mut roots = Vec::new();
        for (side, schema) in [("old", &case.old), ("new", &case.new)] {
            let generated = Config::new()
                .cargo_output(false)
                .generate_source(format!("{}.{side}.struct.json", case.name), schema)
                .unwrap_or_else(|e| panic!("generate {} {side}: {e}", case.name));
            let name = module(case, side);
            write(&dir.join("src").join(format!("{name}.rs")), &generated.code);
            main.push_str(&format!("mod {name};\n"));
            let root = generated
                .root_type
                .unwrap_or_else(|| panic!("{} {side} has no root type", case.name));
            roots.push(format!("{name}::{root}"));
        }
        for (side, docs) in [("old", case.old_docs), ("new", case.new_docs)] {
            for (i, doc) in docs.iter().enumerate() {
                body.push_str(&format!(
                    "    println!(\"{}\\t{side}\\t{i}\\t{{}}\\t{{}}\", check::<{}>(r###\"{doc}\"###), check::<{}>(r###\"{doc}\"###));\n",
                    case.name, roots[0], roots[1]
                ));
            }
        }
    }
    main.push_str("\nfn main() {\n");
    main.push_str(&body);
    main.push_str("}\n");
    write(&dir.join("src/main.rs"), &main);
}

fn build_and_run(dir: &Path, target: &Path) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let build = |offline: bool| {
        let mut cmd = Command::new(&cargo);
        cmd.arg("build")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target)
            .env_remove("RUSTFLAGS");
        if offline {
            cmd.arg("--offline");
        }
        cmd.output().expect("run cargo build")
    };
    let mut out = build(true);
    if !out.status.success() {
        // Perhaps a dependency is missing from the local cache: try with the network.
        out = build(false);
    }
    assert!(
        out.status.success(),
        "the scratch crate did not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exe = target
        .join("debug")
        .join(format!("diff-wire-check{}", std::env::consts::EXE_SUFFIX));
    let run = Command::new(&exe)
        .output()
        .expect("run the scratch program");
    assert!(
        run.status.success(),
        "the scratch program failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[test]
fn wire_verdicts_agree_with_generated_code() {
    let cases = cases();
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diff_wire");
    let dir = base.join("crate");
    scratch_crate(&cases, &dir);
    let output = build_and_run(&dir, &base.join("target"));

    let mut failures = Vec::new();
    for case in &cases {
        let diff: SchemaDiff = diff_sources(
            format!("{}.old.struct.json", case.name),
            &case.old,
            format!("{}.new.struct.json", case.name),
            &case.new,
            Mode::Auto,
        )
        .unwrap_or_else(|e| panic!("diff {}: {e}", case.name));
        if diff.of_kind(case.kind).next().is_none() {
            failures.push(format!(
                "{}: expected a {} change\n{}",
                case.name,
                case.kind,
                diff.to_table()
            ));
            continue;
        }
        let rows: Vec<Vec<&str>> = output
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|r| r.first() == Some(&case.name))
            .collect();
        assert_eq!(
            rows.len(),
            case.old_docs.len() + case.new_docs.len(),
            "{}: missing output rows in\n{output}",
            case.name
        );
        let mut old_to_new = WireImpact::Ok;
        let mut new_to_old = WireImpact::Ok;
        for row in &rows {
            let [_, side, index, under_old, under_new] = row.as_slice() else {
                panic!("bad output row {row:?}");
            };
            let (own, other) = if *side == "old" {
                (under_old, under_new)
            } else {
                (under_new, under_old)
            };
            if *own != "ok" {
                failures.push(format!(
                    "{}: {side} document {index} does not read under its own version: {own}",
                    case.name
                ));
            }
            if *other != "ok" {
                if *side == "old" {
                    old_to_new = WireImpact::Breaks;
                } else {
                    new_to_old = WireImpact::Breaks;
                }
            }
        }
        if (diff.wire_old_to_new(), diff.wire_new_to_old()) != (old_to_new, new_to_old) {
            failures.push(format!(
                "{}: diff says old→new {}, new→old {}; generated code says old→new {old_to_new}, new→old {new_to_old}\n{}\n{}",
                case.name,
                diff.wire_old_to_new(),
                diff.wire_new_to_old(),
                rows.iter().map(|r| r.join("  ")).collect::<Vec<_>>().join("\n"),
                diff.to_table()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn cases_cover_both_verdicts_in_both_directions() {
    // The pairs above only prove something if `diff` says "breaks" and "ok" for each direction
    // somewhere.
    let mut seen = std::collections::BTreeSet::new();
    for case in cases() {
        let d = diff_sources("old", &case.old, "new", &case.new, Mode::Auto).unwrap();
        seen.insert(("old_to_new", d.wire_old_to_new()));
        seen.insert(("new_to_old", d.wire_new_to_old()));
    }
    assert_eq!(seen.len(), 4, "{seen:?}");
}
