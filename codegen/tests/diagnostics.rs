//! Schema errors name the file, line, column and JSON Pointer, say what is wrong and, where
//! there is one, the fix. Warnings do not stop generation.

use json_structure_codegen::{Config, Error, Mode};

fn error_of(schema: &str) -> json_structure_codegen::Diagnostic {
    let err = Config::new()
        .mode(Mode::Strict)
        .generate_source("t.struct.json", schema)
        .expect_err("schema should be rejected");
    assert!(matches!(err, Error::Schema(_)), "{err:?}");
    let first = err.diagnostics().next().cloned();
    first.expect("a diagnostic")
}

const HEAD: &str =
    r#""$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://x/t", "name": "T""#;

#[test]
fn unknown_type_suggests_the_closest_name() {
    let d = error_of(&format!(
        "{{{HEAD},\n \"type\": \"object\", \"properties\": {{\n  \"n\": {{\"type\": \"int23\"}}}}}}"
    ));
    assert_eq!(d.pointer, "/properties/n/type");
    assert_eq!(d.line, 3);
    assert!(
        d.message.contains("unknown type \"int23\""),
        "{}",
        d.message
    );
    assert_eq!(d.help.as_deref(), Some("did you mean \"int32\"?"));
    let rendered = d.to_string();
    assert!(rendered.contains("--> t.struct.json:3:"), "{rendered}");
    assert!(rendered.contains("^"), "snippet with caret: {rendered}");
}

#[test]
fn unresolved_reference_lists_definitions() {
    let d = error_of(&format!(
        r##"{{{HEAD}, "type": "object", "properties": {{"a": {{"type": {{"$ref": "#/definitions/Nope"}}}}}},
           "definitions": {{"Yes": {{"type": "object", "properties": {{"x": {{"type": "string"}}}}}}}}}}"##
    ));
    assert_eq!(d.pointer, "/properties/a/type/$ref");
    assert!(d.message.contains("#/definitions/Nope"), "{}", d.message);
    assert!(d.help.unwrap_or_default().contains("#/definitions/Yes"));
}

#[test]
fn required_must_name_declared_properties() {
    let d = error_of(&format!(
        r#"{{{HEAD}, "type": "object", "properties": {{"a": {{"type": "string"}}}}, "required": ["a", "b"]}}"#
    ));
    assert_eq!(d.pointer, "/required/1");
    assert!(d.message.contains("\"b\""));
}

#[test]
fn missing_type_is_an_error_in_strict_mode_only() {
    let schema = format!(
        r#"{{{HEAD}, "type": "object", "properties": {{"a": {{"description": "no type"}}}}}}"#
    );
    let d = error_of(&schema);
    assert_eq!(d.pointer, "/properties/a");
    assert!(d.message.contains("no `type`"));
    let lenient = Config::new()
        .mode(Mode::Lenient)
        .generate_source("t.struct.json", &schema)
        .unwrap();
    assert!(
        lenient.code.contains("pub a: Option<::serde_json::Value>"),
        "{}",
        lenient.code
    );
}

#[test]
fn collection_without_items_is_an_error() {
    let d = error_of(&format!(
        r#"{{{HEAD}, "type": "object", "properties": {{"a": {{"type": "array"}}}}}}"#
    ));
    assert_eq!(d.pointer, "/properties/a");
    assert!(d.message.contains("`items`"));
}

#[test]
fn extends_cycles_are_errors() {
    let d = error_of(&format!(
        r##"{{{HEAD}, "definitions": {{
            "A": {{"type": "object", "abstract": true, "$extends": "#/definitions/B", "properties": {{"a": {{"type": "string"}}}}}},
            "B": {{"type": "object", "abstract": true, "$extends": "#/definitions/A", "properties": {{"b": {{"type": "string"}}}}}},
            "C": {{"type": "object", "$extends": "#/definitions/A", "properties": {{"c": {{"type": "string"}}}}}}}}}}"##
    ));
    assert!(d.message.contains("cycle"), "{}", d.message);
}

#[test]
fn duplicate_keys_are_errors() {
    let d = error_of(&format!(
        r#"{{{HEAD}, "type": "object", "properties": {{"a": {{"type": "string"}}, "a": {{"type": "int32"}}}}}}"#
    ));
    assert_eq!(d.pointer, "/properties/a");
    assert!(d.message.contains("duplicate"));
}

#[test]
fn lenient_mode_warns_about_unresolvable_references() {
    let out = Config::new()
        .mode(Mode::Lenient)
        .generate_source(
            "t.struct.json",
            r##"{"name": "T", "type": "object", "properties": {"a": {"$ref": "#/components/schemas/Gone"}}}"##,
        )
        .unwrap();
    let w = out.warnings.first().expect("a warning");
    assert_eq!(w.pointer, "/properties/a/$ref");
    assert!(w.message.contains("serde_json::Value"), "{}", w.message);
    assert!(out.code.contains("pub a: Option<::serde_json::Value>"));
}

#[test]
fn non_object_documents_are_rejected() {
    for text in ["[]", "42", "\"x\"", "null"] {
        let err = Config::new()
            .generate_source("t.struct.json", text)
            .unwrap_err();
        assert!(err.to_string().contains("must be a JSON object"), "{err}");
    }
}

#[test]
fn lenient_mode_reads_unions_written_as_text_and_compound_union_members() {
    let out = Config::new()
        .mode(Mode::Lenient)
        .generate_source(
            "t.struct.json",
            r#"{"name": "T", "type": "object", "properties": {
                "a": {"type": "['string', 'null']"},
                "b": {"type": "string|null"},
                "c": {"type": ["object", "null"], "properties": {"x": {"type": "integer"}}}}}"#,
        )
        .unwrap();
    assert!(
        out.code.contains("pub a: Option<Option<String>>"),
        "{}",
        out.code
    );
    assert!(out.code.contains("pub b: Option<Option<String>>"));
    assert!(out.code.contains("pub c: Option<Option<TC>>"));
    assert_eq!(
        out.warnings
            .iter()
            .filter(|w| w.message.contains("reading it as the union"))
            .count(),
        2
    );
    let strict = Config::new().mode(Mode::Strict).generate_source(
        "t.struct.json",
        r#"{"name": "T", "type": "['string', 'null']"}"#,
    );
    assert!(strict.is_err(), "strict mode keeps rejecting it");
}

#[test]
fn composition_over_references_is_checked_as_the_referenced_types_or_dropped_with_a_warning() {
    let out = Config::new()
        .mode(Mode::Lenient)
        .generate_source(
            "t.struct.json",
            "{\"name\": \"T\", \"type\": \"object\", \"properties\": {\n \
             \"pm\": {\"oneOf\": [{\"$ref\": \"#/components/schemas/Card\"},\n   \
             {\"$ref\": \"#/components/schemas/Iban\"}]},\n \
             \"deep\": {\"anyOf\": [{\"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"#/definitions/A\"}}}, {\"type\": \"string\"}]},\n \
             \"short\": {\"type\": \"string\", \"not\": {\"$ref\": \"#/definitions/A\"}},\n \
             \"beside\": {\"oneOf\": [{\"$ref\": \"#/definitions/A\", \"maxLength\": 1}, {\"type\": \"int32\"}]},\n \
             \"valued\": {\"type\": \"object\", \"not\": {\"const\": {\"$ref\": \"x\"}}}},\n \
             \"definitions\": {\"A\": {\"type\": \"string\", \"maxLength\": 2}}}",
        )
        .unwrap();
    // An unresolvable branch: the `oneOf` is not checked, and the warning says where.
    let w = out
        .warnings
        .iter()
        .find(|w| w.pointer == "/properties/pm/oneOf/0/$ref")
        .expect("a warning at the unresolvable branch");
    assert_eq!(w.line, 2);
    assert!(
        w.message.contains("#/components/schemas/Card") && w.message.contains("not checked"),
        "{}",
        w.message
    );
    assert!(
        w.to_string().contains("--> t.struct.json:2:"),
        "{}",
        w.to_string()
    );
    assert!(!out.code.contains("one_of"), "{}", out.code);
    // A reference inside a branch cannot be evaluated: the `anyOf` is not checked either.
    let w = out
        .warnings
        .iter()
        .find(|w| w.pointer == "/properties/deep/anyOf/0/properties/x/$ref")
        .expect("a warning at the nested reference");
    assert_eq!(w.line, 4);
    assert!(w.message.contains("not checked"), "{}", w.message);
    assert!(!out.code.contains("any_of"), "{}", out.code);
    // A reference with keywords beside it is not just that type: not checked either.
    let w = out
        .warnings
        .iter()
        .find(|w| w.pointer == "/properties/beside/oneOf/0/$ref")
        .expect("a warning at the reference with a keyword beside it");
    assert!(w.message.contains("keywords beside it"), "{}", w.message);
    // A `$ref` member inside a value (`const`) is data, not a reference.
    assert!(
        !out.warnings.iter().any(|w| w.pointer.contains("valued")),
        "{:?}",
        out.warnings
    );
    // A branch that is a reference as a whole is checked as the referenced type.
    assert!(out.code.contains("v.not("), "{}", out.code);
    assert!(
        out.code.contains("::json_structure_runtime::reads_as::<A>"),
        "{}",
        out.code
    );

    // The same in strict mode, with the reference written as `type`.
    let out = Config::new()
        .mode(Mode::Strict)
        .generate_source(
            "t.struct.json",
            r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://x/t",
                "$uses": ["JSONStructureConditionalComposition"], "name": "T", "type": "object",
                "properties": {"v": {"oneOf": [{"type": {"$ref": "#/definitions/A"}}, {"type": "int32"}]}},
                "definitions": {"A": {"type": "object", "properties": {"a": {"type": "string"}}}}}"##,
        )
        .unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(
        out.code.contains("::json_structure_runtime::reads_as::<A>"),
        "{}",
        out.code
    );
    assert!(out.code.contains("v.one_of("), "{}", out.code);
}

#[test]
fn a_string_enum_that_no_length_admits_is_a_warning() {
    let out = Config::new()
        .mode(Mode::Lenient)
        .generate_source(
            "t.struct.json",
            "{\"name\": \"Name\", \"type\": \"object\", \"properties\": {\n \
             \"gender\": {\"type\": \"string\", \"enum\": [\"MALE\", \"FEMALE\"],\n   \"maxLength\": 1},\n \
             \"ok\": {\"type\": \"string\", \"enum\": [\"M\", \"FEMALE\"], \"maxLength\": 1},\n \
             \"long\": {\"type\": \"string\", \"enum\": [\"a\", \"b\"], \"minLength\": 2}}}",
        )
        .unwrap();
    let w = out
        .warnings
        .iter()
        .find(|w| w.pointer == "/properties/gender/maxLength")
        .expect("a warning at maxLength");
    assert_eq!(w.line, 3);
    assert!(
        w.message
            .contains("no `enum` value satisfies `maxLength` 1"),
        "{}",
        w.message
    );
    assert!(
        out.warnings
            .iter()
            .any(|w| w.pointer == "/properties/long/minLength"),
        "{:?}",
        out.warnings
    );
    assert!(
        !out.warnings
            .iter()
            .any(|w| w.pointer.starts_with("/properties/ok")),
        "one value fits: {:?}",
        out.warnings
    );
}
