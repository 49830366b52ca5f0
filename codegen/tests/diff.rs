//! `diff`: one pair of schemas per kind of change, each asserting the Rust verdict and both
//! wire verdicts; then the semver suggestion, the renderings and the command line.

use std::path::{Path, PathBuf};
use std::process::Command;

use json_structure_codegen::diff::{
    diff_sources, Bump, Change, ChangeKind, RustImpact, SchemaDiff, WireImpact,
};
use json_structure_codegen::source::SourceFile;
use json_structure_codegen::Mode;

use RustImpact::{Breaking, Compatible};
use WireImpact::{Breaks, Ok as Reads};

const META: &str = "https://json-structure.org/meta/core/v0/#";

/// A document whose root is `T`, an object with these `properties` and further keywords.
fn object(properties: &str, rest: &str) -> String {
    let rest = if rest.is_empty() {
        String::new()
    } else {
        format!(", {rest}")
    };
    format!(
        r##"{{"$schema": "{META}", "name": "T", "type": "object", "properties": {{{properties}}}{rest}}}"##
    )
}

/// A document whose root `T` is the given schema body (`"type": ...` and friends).
fn root(body: &str) -> String {
    format!(r##"{{"$schema": "{META}", "name": "T", {body}}}"##)
}

fn diff(old: &str, new: &str) -> SchemaDiff {
    diff_sources("old.struct.json", old, "new.struct.json", new, Mode::Strict)
        .unwrap_or_else(|e| panic!("diff failed: {e}\nOLD: {old}\nNEW: {new}"))
}

/// Asserts that the diff has a change of `kind` at `pointer` with these verdicts, and returns it.
#[track_caller]
fn expect(
    d: &SchemaDiff,
    kind: ChangeKind,
    pointer: &str,
    rust: RustImpact,
    old_to_new: WireImpact,
    new_to_old: WireImpact,
) -> Change {
    let found: Vec<&Change> = d
        .changes
        .iter()
        .filter(|c| c.kind == kind && c.pointer == pointer)
        .collect();
    let [change] = found.as_slice() else {
        panic!(
            "expected exactly one {kind} at {pointer:?}, found {}:\n{}",
            found.len(),
            d.to_table()
        );
    };
    assert_eq!(
        (change.rust, change.wire_old_to_new, change.wire_new_to_old),
        (rust, old_to_new, new_to_old),
        "verdicts of {kind} at {pointer:?} (rust, old→new, new→old):\n{}",
        d.to_table()
    );
    (*change).clone()
}

/// Asserts the diff has exactly these kinds (in any order, with repetitions).
#[track_caller]
fn kinds(d: &SchemaDiff, expected: &[ChangeKind]) {
    let mut got: Vec<ChangeKind> = d.changes.iter().map(|c| c.kind).collect();
    let mut want = expected.to_vec();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{}", d.to_table());
}

// ---------------------------------------------------------------- types

#[test]
fn type_added_is_compatible_and_minor() {
    let old = object(r##""a": {"type": "string"}"##, "");
    let new = object(
        r##""a": {"type": "string"}"##,
        r##""definitions": {"Extra": {"type": "object", "properties": {"x": {"type": "int32"}}}}"##,
    );
    let d = diff(&old, &new);
    expect(
        &d,
        ChangeKind::TypeAdded,
        "/definitions/Extra",
        Compatible,
        Reads,
        Reads,
    );
    kinds(&d, &[ChangeKind::TypeAdded]);
    assert_eq!(d.semver, Bump::Minor);
    assert!(!d.is_breaking());
}

#[test]
fn type_removed_breaks_rust_only() {
    let old = object(
        r##""a": {"type": "string"}"##,
        r##""definitions": {"Gone": {"type": "object", "properties": {"x": {"type": "int32"}}}}"##,
    );
    let new = object(r##""a": {"type": "string"}"##, "");
    let d = diff(&old, &new);
    let c = expect(
        &d,
        ChangeKind::TypeRemoved,
        "/definitions/Gone",
        Breaking,
        Reads,
        Reads,
    );
    assert!(c.message.contains("`Gone`"));
    assert_eq!(d.semver, Bump::Major);
}

#[test]
fn type_renamed_through_a_reference() {
    let old = object(
        r##""owner": {"type": {"$ref": "#/definitions/Owner"}}"##,
        r##""definitions": {"Owner": {"type": "object", "properties": {"id": {"type": "uuid"}}}}"##,
    );
    let new = object(
        r##""owner": {"type": {"$ref": "#/definitions/Person"}}"##,
        r##""definitions": {"Person": {"type": "object", "properties": {"id": {"type": "uuid"}}}}"##,
    );
    let d = diff(&old, &new);
    let c = expect(
        &d,
        ChangeKind::TypeRenamed,
        "/definitions/Person",
        Breaking,
        Reads,
        Reads,
    );
    assert!(
        c.message.contains("`Owner` is now `Person`"),
        "{}",
        c.message
    );
    kinds(&d, &[ChangeKind::TypeRenamed]);
}

#[test]
fn unreferenced_definition_renamed_pairs_by_shape() {
    let def = |name: &str| {
        object(
            r##""a": {"type": "string"}"##,
            &format!(r##""definitions": {{"{name}": {{"type": "string", "enum": ["x", "y"]}}}}"##),
        )
    };
    let d = diff(&def("Colour"), &def("Color"));
    expect(
        &d,
        ChangeKind::TypeRenamed,
        "/definitions/Color",
        Breaking,
        Reads,
        Reads,
    );
    kinds(&d, &[ChangeKind::TypeRenamed]);
}

#[test]
fn int32_to_int64_moves_from_number_to_string() {
    let d = diff(
        &object(r##""n": {"type": "int32"}"##, ""),
        &object(r##""n": {"type": "int64"}"##, ""),
    );
    let c = expect(
        &d,
        ChangeKind::TypeChanged,
        "/properties/n",
        Breaking,
        Breaks,
        Breaks,
    );
    assert!(c.message.contains("JSON string"), "{}", c.message);
}

#[test]
fn narrower_integer_breaks_old_documents_only() {
    let d = diff(
        &object(r##""n": {"type": "int32"}"##, ""),
        &object(r##""n": {"type": "int16"}"##, ""),
    );
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/properties/n",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn wider_integer_breaks_old_readers_only() {
    let d = diff(
        &object(r##""n": {"type": "uint8"}"##, ""),
        &object(r##""n": {"type": "int32"}"##, ""),
    );
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/properties/n",
        Breaking,
        Reads,
        Breaks,
    );
}

#[test]
fn integer_to_double_reads_old_documents() {
    let d = diff(
        &object(r##""n": {"type": "int32"}"##, ""),
        &object(r##""n": {"type": "double"}"##, ""),
    );
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/properties/n",
        Breaking,
        Reads,
        Breaks,
    );
}

#[test]
fn same_rust_type_under_another_name_is_compatible() {
    let d = diff(
        &object(r##""n": {"type": "integer"}"##, ""),
        &object(r##""n": {"type": "int32"}"##, ""),
    );
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/properties/n",
        Compatible,
        Reads,
        Reads,
    );
    assert_eq!(d.semver, Bump::Patch);
}

#[test]
fn string_to_date_and_back() {
    let string = object(r##""d": {"type": "string"}"##, "");
    let date = object(r##""d": {"type": "date"}"##, "");
    expect(
        &diff(&string, &date),
        ChangeKind::TypeChanged,
        "/properties/d",
        Breaking,
        Breaks,
        Reads,
    );
    expect(
        &diff(&date, &string),
        ChangeKind::TypeChanged,
        "/properties/d",
        Breaking,
        Reads,
        Breaks,
    );
}

#[test]
fn int64_to_decimal_reads_old_documents() {
    let d = diff(
        &object(r##""n": {"type": "int64"}"##, ""),
        &object(r##""n": {"type": "decimal"}"##, ""),
    );
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/properties/n",
        Breaking,
        Reads,
        Breaks,
    );
}

#[test]
fn string_to_any_and_back() {
    let string = object(r##""v": {"type": "string"}"##, "");
    let any = object(r##""v": {"type": "any"}"##, "");
    expect(
        &diff(&string, &any),
        ChangeKind::TypeChanged,
        "/properties/v",
        Breaking,
        Reads,
        Breaks,
    );
    expect(
        &diff(&any, &string),
        ChangeKind::TypeChanged,
        "/properties/v",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn object_definition_becoming_an_enum() {
    let old = object(
        r##""s": {"type": {"$ref": "#/definitions/S"}}"##,
        r##""definitions": {"S": {"type": "object", "properties": {"x": {"type": "string"}}}}"##,
    );
    let new = object(
        r##""s": {"type": {"$ref": "#/definitions/S"}}"##,
        r##""definitions": {"S": {"type": "string", "enum": ["x"]}}"##,
    );
    let d = diff(&old, &new);
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/definitions/S",
        Breaking,
        Breaks,
        Breaks,
    );
}

#[test]
fn string_becoming_a_string_enum() {
    let d = diff(
        &object(r##""s": {"type": "string"}"##, ""),
        &object(r##""s": {"type": "string", "enum": ["a", "b"]}"##, ""),
    );
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/properties/s",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn alias_is_transparent_to_rust() {
    let old = object(
        r##""e": {"type": {"$ref": "#/definitions/Email"}}"##,
        r##""definitions": {"Email": {"type": "string"}}"##,
    );
    let new = object(r##""e": {"type": "string"}"##, "");
    let d = diff(&old, &new);
    // `type Email = String` is gone (a breaking removal), but the field's type is the same.
    kinds(&d, &[ChangeKind::TypeRemoved]);
}

#[test]
fn root_added_and_removed() {
    let library =
        format!(r##"{{"$schema": "{META}", "definitions": {{"A": {{"type": "string"}}}}}}"##);
    let rooted = format!(
        r##"{{"$schema": "{META}", "$root": "#/definitions/A", "definitions": {{"A": {{"type": "string"}}}}}}"##
    );
    expect(
        &diff(&library, &rooted),
        ChangeKind::RootAdded,
        "",
        Compatible,
        Reads,
        Breaks,
    );
    expect(
        &diff(&rooted, &library),
        ChangeKind::RootRemoved,
        "",
        Compatible,
        Breaks,
        Reads,
    );
}

// ---------------------------------------------------------------- members

#[test]
fn optional_member_added_to_an_open_object() {
    let d = diff(
        &object(r##""a": {"type": "string"}"##, ""),
        &object(r##""a": {"type": "string"}, "b": {"type": "int32"}"##, ""),
    );
    let c = expect(
        &d,
        ChangeKind::FieldAdded,
        "/properties/b",
        Breaking,
        Reads,
        Reads,
    );
    assert!(c.message.contains("non_exhaustive"), "{}", c.message);
}

#[test]
fn optional_member_added_to_a_closed_object() {
    let d = diff(
        &object(
            r##""a": {"type": "string"}"##,
            r##""additionalProperties": false"##,
        ),
        &object(
            r##""a": {"type": "string"}, "b": {"type": "int32"}"##,
            r##""additionalProperties": false"##,
        ),
    );
    expect(
        &d,
        ChangeKind::FieldAdded,
        "/properties/b",
        Breaking,
        Reads,
        Breaks,
    );
}

#[test]
fn required_member_added() {
    let open = diff(
        &object(r##""a": {"type": "string"}"##, ""),
        &object(
            r##""a": {"type": "string"}, "b": {"type": "boolean"}"##,
            r##""required": ["b"]"##,
        ),
    );
    expect(
        &open,
        ChangeKind::RequiredMemberAdded,
        "/properties/b",
        Breaking,
        Breaks,
        Reads,
    );
    let closed = diff(
        &object(
            r##""a": {"type": "string"}"##,
            r##""additionalProperties": false"##,
        ),
        &object(
            r##""a": {"type": "string"}, "b": {"type": "boolean"}"##,
            r##""required": ["b"], "additionalProperties": false"##,
        ),
    );
    expect(
        &closed,
        ChangeKind::RequiredMemberAdded,
        "/properties/b",
        Breaking,
        Breaks,
        Breaks,
    );
}

#[test]
fn optional_member_removed_from_an_open_object() {
    let d = diff(
        &object(r##""a": {"type": "string"}, "b": {"type": "int32"}"##, ""),
        &object(r##""a": {"type": "string"}"##, ""),
    );
    let c = expect(
        &d,
        ChangeKind::FieldRemoved,
        "/properties/b",
        Breaking,
        Reads,
        Reads,
    );
    assert!(c.message.contains("T::b"), "{}", c.message);
}

#[test]
fn required_member_removed_from_a_closed_object() {
    let d = diff(
        &object(
            r##""a": {"type": "string"}, "b": {"type": "int32"}"##,
            r##""required": ["a", "b"], "additionalProperties": false"##,
        ),
        &object(
            r##""a": {"type": "string"}"##,
            r##""required": ["a"], "additionalProperties": false"##,
        ),
    );
    expect(
        &d,
        ChangeKind::FieldRemoved,
        "/properties/b",
        Breaking,
        Breaks,
        Breaks,
    );
}

#[test]
fn member_renamed() {
    let d = diff(
        &object(
            r##""colour": {"type": "string"}, "n": {"type": "int32"}"##,
            "",
        ),
        &object(
            r##""color": {"type": "string"}, "n": {"type": "int32"}"##,
            "",
        ),
    );
    let c = expect(
        &d,
        ChangeKind::FieldRenamed,
        "/properties/color",
        Breaking,
        Reads,
        Reads,
    );
    assert!(c.message.contains("`colour`") && c.message.contains("`color`"));
    kinds(&d, &[ChangeKind::FieldRenamed]);
    // A required member renamed: old documents lack the new name, old code misses the old one.
    let d = diff(
        &object(
            r##""colour": {"type": "string"}"##,
            r##""required": ["colour"]"##,
        ),
        &object(
            r##""color": {"type": "string"}"##,
            r##""required": ["color"]"##,
        ),
    );
    expect(
        &d,
        ChangeKind::FieldRenamed,
        "/properties/color",
        Breaking,
        Breaks,
        Breaks,
    );
}

#[test]
fn required_member_became_optional() {
    let d = diff(
        &object(r##""a": {"type": "string"}"##, r##""required": ["a"]"##),
        &object(r##""a": {"type": "string"}"##, ""),
    );
    let c = expect(
        &d,
        ChangeKind::FieldBecameOptional,
        "/properties/a",
        Breaking,
        Reads,
        Breaks,
    );
    assert!(c.message.contains("`String`") && c.message.contains("`Option<String>`"));
}

#[test]
fn optional_member_became_required() {
    let d = diff(
        &object(r##""a": {"type": "string"}"##, ""),
        &object(r##""a": {"type": "string"}"##, r##""required": ["a"]"##),
    );
    expect(
        &d,
        ChangeKind::FieldBecameRequired,
        "/properties/a",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn member_became_nullable_and_back() {
    let plain = object(r##""a": {"type": "string"}"##, "");
    let nullable = object(r##""a": {"type": ["string", "null"]}"##, "");
    expect(
        &diff(&plain, &nullable),
        ChangeKind::FieldBecameNullable,
        "/properties/a",
        Breaking,
        Reads,
        Breaks,
    );
    expect(
        &diff(&nullable, &plain),
        ChangeKind::FieldBecameNonNullable,
        "/properties/a",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn presence_traded_for_nullability_keeps_the_rust_type() {
    // Required and nullable is `Option<T>`; optional and not nullable is `Option<T>` too.
    let d = diff(
        &object(
            r##""a": {"type": ["string", "null"]}"##,
            r##""required": ["a"]"##,
        ),
        &object(r##""a": {"type": "string"}"##, ""),
    );
    expect(
        &d,
        ChangeKind::FieldBecameOptional,
        "/properties/a",
        Compatible,
        Reads,
        Breaks,
    );
    expect(
        &d,
        ChangeKind::FieldBecameNonNullable,
        "/properties/a",
        Compatible,
        Breaks,
        Reads,
    );
}

#[test]
fn array_items_became_nullable() {
    let d = diff(
        &object(
            r##""v": {"type": "array", "items": {"type": "string"}}"##,
            "",
        ),
        &object(
            r##""v": {"type": "array", "items": {"type": ["string", "null"]}}"##,
            "",
        ),
    );
    expect(
        &d,
        ChangeKind::ValueBecameNullable,
        "/properties/v/items",
        Breaking,
        Reads,
        Breaks,
    );
    let back = diff(
        &object(
            r##""v": {"type": "array", "items": {"type": ["string", "null"]}}"##,
            "",
        ),
        &object(
            r##""v": {"type": "array", "items": {"type": "string"}}"##,
            "",
        ),
    );
    expect(
        &back,
        ChangeKind::ValueBecameNonNullable,
        "/properties/v/items",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn boxing_changes_when_recursion_goes_away() {
    let old = object(
        r##""n": {"type": {"$ref": "#/definitions/Node"}}"##,
        r##""definitions": {"Node": {"type": "object", "properties": {"next": {"type": {"$ref": "#/definitions/Node"}}}}}"##,
    );
    let new = object(
        r##""n": {"type": {"$ref": "#/definitions/Node"}}"##,
        r##""definitions": {"Node": {"type": "object", "properties": {"next": {"type": {"$ref": "#/definitions/Leaf"}}}},
            "Leaf": {"type": "object", "properties": {"next": {"type": "string"}}}}"##,
    );
    let d = diff(&old, &new);
    expect(
        &d,
        ChangeKind::BoxingChanged,
        "/definitions/Node/properties/next",
        Breaking,
        Reads,
        Reads,
    );
}

// ---------------------------------------------------------------- enums

#[test]
fn enum_value_added() {
    let d = diff(
        &root(r##""type": "string", "enum": ["a", "b"]"##),
        &root(r##""type": "string", "enum": ["a", "b", "c"]"##),
    );
    let c = expect(
        &d,
        ChangeKind::EnumValueAdded,
        "/enum/2",
        Breaking,
        Reads,
        Breaks,
    );
    assert!(c.message.contains("T::C"), "{}", c.message);
}

#[test]
fn enum_value_removed() {
    let d = diff(
        &object(r##""k": {"type": "string", "enum": ["a", "b", "c"]}"##, ""),
        &object(r##""k": {"type": "string", "enum": ["a", "c"]}"##, ""),
    );
    expect(
        &d,
        ChangeKind::EnumValueRemoved,
        "/properties/k/enum/1",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn enum_variant_renamed_by_a_name_clash() {
    // `a_b` was `AB`; with `a-b` (also `AB`) declared first it becomes another identifier.
    let d = diff(
        &root(r##""type": "string", "enum": ["a_b"]"##),
        &root(r##""type": "string", "enum": ["a-b", "a_b"]"##),
    );
    expect(
        &d,
        ChangeKind::EnumVariantRenamed,
        "/enum/1",
        Breaking,
        Reads,
        Reads,
    );
    expect(
        &d,
        ChangeKind::EnumValueAdded,
        "/enum/0",
        Breaking,
        Reads,
        Breaks,
    );
}

#[test]
fn integer_enum_repr_changed() {
    let d = diff(
        &root(r##""type": "uint8", "enum": [1, 2]"##),
        &root(r##""type": "int32", "enum": [1, 2]"##),
    );
    let c = expect(&d, ChangeKind::EnumReprChanged, "", Breaking, Reads, Reads);
    assert!(c.message.contains("`i32`") && c.message.contains("`u8`"));
}

// ---------------------------------------------------------------- choices and unions

const CHOICE_AB: &str =
    r##""type": "choice", "choices": {"a": {"type": "string"}, "b": {"type": "int32"}}"##;
const CHOICE_A: &str = r##""type": "choice", "choices": {"a": {"type": "string"}}"##;

#[test]
fn choice_case_added() {
    let d = diff(&root(CHOICE_A), &root(CHOICE_AB));
    expect(
        &d,
        ChangeKind::ChoiceCaseAdded,
        "/choices/b",
        Breaking,
        Reads,
        Breaks,
    );
}

#[test]
fn choice_case_removed() {
    let d = diff(&root(CHOICE_AB), &root(CHOICE_A));
    expect(
        &d,
        ChangeKind::ChoiceCaseRemoved,
        "/choices/b",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn choice_case_type_changed() {
    let d = diff(
        &root(CHOICE_AB),
        &root(
            r##""type": "choice", "choices": {"a": {"type": "string"}, "b": {"type": "int64"}}"##,
        ),
    );
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/choices/b",
        Breaking,
        Breaks,
        Breaks,
    );
}

#[test]
fn choice_selector_changed() {
    let d = diff(
        &root(r##""type": "choice", "choices": {"a": {"type": "string"}}"##),
        &root(r##""type": "choice", "selector": "kind", "choices": {"a": {"type": "string"}}"##),
    );
    expect(
        &d,
        ChangeKind::ChoiceSelectorChanged,
        "",
        Compatible,
        Breaks,
        Breaks,
    );
}

#[test]
fn union_member_added_and_removed() {
    let two = object(r##""v": {"type": ["string", "boolean"]}"##, "");
    let three = object(r##""v": {"type": ["string", "boolean", "int32"]}"##, "");
    expect(
        &diff(&two, &three),
        ChangeKind::UnionMemberAdded,
        "/properties/v/type/2",
        Breaking,
        Reads,
        Breaks,
    );
    expect(
        &diff(&three, &two),
        ChangeKind::UnionMemberRemoved,
        "/properties/v/type/2",
        Breaking,
        Breaks,
        Reads,
    );
}

#[test]
fn union_order_changed() {
    let d = diff(
        &object(r##""v": {"type": ["string", "boolean"]}"##, ""),
        &object(r##""v": {"type": ["boolean", "string"]}"##, ""),
    );
    expect(
        &d,
        ChangeKind::UnionOrderChanged,
        "/properties/v/type",
        Compatible,
        Reads,
        Reads,
    );
}

// ---------------------------------------------------------------- tuples

const PAIR: &str = r##""type": "tuple", "properties": {"x": {"type": "int32"}, "y": {"type": "int32"}}, "tuple": ["x", "y"]"##;
const TRIPLE: &str = r##""type": "tuple", "properties": {"x": {"type": "int32"}, "y": {"type": "int32"}, "z": {"type": "int32"}}, "tuple": ["x", "y", "z"]"##;

#[test]
fn tuple_element_added_and_removed() {
    expect(
        &diff(&root(PAIR), &root(TRIPLE)),
        ChangeKind::TupleElementAdded,
        "/tuple/2",
        Breaking,
        Breaks,
        Breaks,
    );
    expect(
        &diff(&root(TRIPLE), &root(PAIR)),
        ChangeKind::TupleElementRemoved,
        "/tuple/2",
        Breaking,
        Breaks,
        Breaks,
    );
}

#[test]
fn tuple_element_became_nullable() {
    let d = diff(
        &root(PAIR),
        &root(
            r##""type": "tuple", "properties": {"x": {"type": "int32"}, "y": {"type": ["int32", "null"]}}, "tuple": ["x", "y"]"##,
        ),
    );
    expect(
        &d,
        ChangeKind::FieldBecameNullable,
        "/properties/y",
        Breaking,
        Reads,
        Breaks,
    );
}

// ---------------------------------------------------------------- objects

#[test]
fn additional_properties_closing_and_opening() {
    let open = object(r##""a": {"type": "string"}"##, "");
    let closed = object(
        r##""a": {"type": "string"}"##,
        r##""additionalProperties": false"##,
    );
    let d = diff(&open, &closed);
    expect(
        &d,
        ChangeKind::AdditionalPropertiesClosed,
        "/additionalProperties",
        Breaking,
        Breaks,
        Reads,
    );
    let d = diff(&closed, &open);
    expect(
        &d,
        ChangeKind::AdditionalPropertiesOpened,
        "/additionalProperties",
        Breaking,
        Reads,
        Breaks,
    );
}

#[test]
fn typed_additional_properties_loosened_to_any() {
    let typed = object(
        r##""a": {"type": "string"}"##,
        r##""additionalProperties": {"type": "string"}"##,
    );
    let open = object(r##""a": {"type": "string"}"##, "");
    let d = diff(&typed, &open);
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/additionalProperties",
        Breaking,
        Reads,
        Breaks,
    );
    // A member removed from an object whose undeclared members must be strings.
    let d = diff(
        &object(
            r##""a": {"type": "string"}, "n": {"type": "int32"}"##,
            r##""additionalProperties": {"type": "string"}"##,
        ),
        &object(
            r##""a": {"type": "string"}"##,
            r##""additionalProperties": {"type": "string"}"##,
        ),
    );
    expect(
        &d,
        ChangeKind::FieldRemoved,
        "/properties/n",
        Breaking,
        Breaks,
        Reads,
    );
}

// ---------------------------------------------------------------- collections and encodings

#[test]
fn array_became_set_and_back() {
    let array = object(
        r##""t": {"type": "array", "items": {"type": "string"}}"##,
        "",
    );
    let set = object(r##""t": {"type": "set", "items": {"type": "string"}}"##, "");
    expect(
        &diff(&array, &set),
        ChangeKind::ArrayBecameSet,
        "/properties/t",
        Compatible,
        Breaks,
        Reads,
    );
    expect(
        &diff(&set, &array),
        ChangeKind::SetBecameArray,
        "/properties/t",
        Compatible,
        Reads,
        Breaks,
    );
}

#[test]
fn element_type_changed_inside_a_map() {
    let d = diff(
        &object(r##""m": {"type": "map", "values": {"type": "int32"}}"##, ""),
        &object(
            r##""m": {"type": "map", "values": {"type": "uint64"}}"##,
            "",
        ),
    );
    expect(
        &d,
        ChangeKind::TypeChanged,
        "/properties/m/values",
        Breaking,
        Breaks,
        Breaks,
    );
}

#[test]
fn binary_encoding_changed() {
    let d = diff(
        &object(r##""b": {"type": "binary"}"##, ""),
        &object(
            r##""b": {"type": "binary", "contentEncoding": "base16"}"##,
            "",
        ),
    );
    expect(
        &d,
        ChangeKind::EncodingChanged,
        "/properties/b",
        Compatible,
        Breaks,
        Breaks,
    );
}

// ---------------------------------------------------------------- validation and docs

#[test]
fn max_length_tightened_and_loosened() {
    let none = object(r##""s": {"type": "string"}"##, "");
    let ten = object(r##""s": {"type": "string", "maxLength": 10}"##, "");
    let three = object(r##""s": {"type": "string", "maxLength": 3}"##, "");
    expect(
        &diff(&none, &ten),
        ChangeKind::ValidationTightened,
        "/properties/s",
        Compatible,
        Breaks,
        Reads,
    );
    expect(
        &diff(&ten, &three),
        ChangeKind::ValidationTightened,
        "/properties/s",
        Compatible,
        Breaks,
        Reads,
    );
    expect(
        &diff(&three, &ten),
        ChangeKind::ValidationLoosened,
        "/properties/s",
        Compatible,
        Reads,
        Breaks,
    );
    expect(
        &diff(&ten, &none),
        ChangeKind::ValidationLoosened,
        "/properties/s",
        Compatible,
        Reads,
        Breaks,
    );
    let loosened = diff(&three, &ten);
    assert_eq!(loosened.semver, Bump::Minor, "{}", loosened.to_table());
}

#[test]
fn max_length_on_array_items() {
    let d = diff(
        &object(
            r##""t": {"type": "array", "items": {"type": "string"}}"##,
            "",
        ),
        &object(
            r##""t": {"type": "array", "items": {"type": "string", "maxLength": 8}}"##,
            "",
        ),
    );
    expect(
        &d,
        ChangeKind::ValidationTightened,
        "/properties/t/items",
        Compatible,
        Breaks,
        Reads,
    );
}

#[test]
fn description_only_is_a_patch() {
    let d = diff(
        &object(r##""a": {"type": "string"}"##, ""),
        &object(
            r##""a": {"type": "string", "description": "The name."}"##,
            "",
        ),
    );
    expect(
        &d,
        ChangeKind::DocsChanged,
        "/properties/a",
        Compatible,
        Reads,
        Reads,
    );
    kinds(&d, &[ChangeKind::DocsChanged]);
    assert_eq!(d.semver, Bump::Patch);
    assert!(!d.is_breaking());
}

#[test]
fn identical_schemas_have_no_changes() {
    let s = object(
        r##""a": {"type": "string"}, "k": {"type": "string", "enum": ["x"]}"##,
        r##""required": ["a"]"##,
    );
    let d = diff(&s, &s);
    assert!(d.changes.is_empty(), "{}", d.to_table());
    assert_eq!(d.semver, Bump::None);
    assert!(d.to_table().contains("no changes"));
}

#[test]
fn the_daytona_seed_against_itself() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/daytona-snapshot.struct.json");
    let d = json_structure_codegen::diff_files(&seed, &seed, Mode::Auto).unwrap();
    assert!(d.changes.is_empty(), "{}", d.to_table());
}

#[test]
fn changes_are_ordered_by_pointer_and_deterministic() {
    let old = fixture("pet.v1.struct.json");
    let new = fixture("pet.v2.struct.json");
    let a = json_structure_codegen::diff_files(&old, &new, Mode::Auto).unwrap();
    let b = json_structure_codegen::diff_files(&old, &new, Mode::Auto).unwrap();
    assert_eq!(a, b);
    let pointers: Vec<&str> = a.changes.iter().map(|c| c.pointer.as_str()).collect();
    let mut sorted = pointers.clone();
    sorted.sort();
    assert_eq!(pointers, sorted);
}

// ---------------------------------------------------------------- renderings

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(name)
}

#[test]
fn json_rendering_is_valid_json_with_every_field() {
    let d = json_structure_codegen::diff_files(
        &fixture("pet.v1.struct.json"),
        &fixture("pet.v2.struct.json"),
        Mode::Auto,
    )
    .unwrap();
    let text = d.to_json();
    let tree = SourceFile::new("diff.json", text.as_str())
        .parse()
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(tree.get("semver").and_then(|n| n.as_str()), Some("major"));
    assert_eq!(tree.get("breaking").and_then(|n| n.as_bool()), Some(true));
    let changes = tree.get("changes").and_then(|n| n.as_array()).unwrap();
    assert_eq!(changes.len(), d.changes.len());
    for (node, change) in changes.iter().zip(&d.changes) {
        let field = |k: &str| node.get(k).and_then(|n| n.as_str()).map(str::to_string);
        assert_eq!(field("pointer").as_deref(), Some(change.pointer.as_str()));
        assert_eq!(
            field("kind").as_deref().and_then(ChangeKind::from_id),
            Some(change.kind)
        );
        assert_eq!(field("rust").as_deref(), Some(change.rust.as_str()));
        assert_eq!(
            field("wire_old_to_new").as_deref(),
            Some(change.wire_old_to_new.as_str())
        );
        assert_eq!(
            field("wire_new_to_old").as_deref(),
            Some(change.wire_new_to_old.as_str())
        );
        assert_eq!(field("message").as_deref(), Some(change.message.as_str()));
    }
}

#[test]
fn table_lists_every_change_and_the_bump() {
    let d = json_structure_codegen::diff_files(
        &fixture("pet.v1.struct.json"),
        &fixture("pet.v2.struct.json"),
        Mode::Auto,
    )
    .unwrap();
    let table = d.to_table();
    for c in &d.changes {
        assert!(table.contains(c.kind.as_str()), "{table}");
        assert!(table.contains(&c.message), "{table}");
    }
    assert!(table.contains("suggested version bump: major"), "{table}");
}

// ---------------------------------------------------------------- command line

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_json-structure-codegen"))
}

fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = bin()
        .args(args)
        .output()
        .expect("run json-structure-codegen");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_fails_on_breaking_changes() {
    let (v1, v2) = (fixture("pet.v1.struct.json"), fixture("pet.v2.struct.json"));
    let (code, stdout, stderr) = run(&["diff".as_ref(), v1.as_os_str(), v2.as_os_str()]);
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    assert!(stdout.contains("required_member_added"), "{stdout}");
    assert!(stdout.contains("/properties/chipId"), "{stdout}");
    assert!(stderr.contains("--allow-breaking"), "{stderr}");
}

#[test]
fn cli_allow_breaking_and_json() {
    let (v1, v2) = (fixture("pet.v1.struct.json"), fixture("pet.v2.struct.json"));
    let (code, stdout, stderr) = run(&[
        "diff".as_ref(),
        v1.as_os_str(),
        v2.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--allow-breaking".as_ref(),
    ]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let tree = SourceFile::new("out.json", stdout.as_str())
        .parse()
        .unwrap();
    assert_eq!(tree.get("semver").and_then(|n| n.as_str()), Some("major"));
}

#[test]
fn cli_succeeds_on_compatible_changes() {
    let (v1, ext) = (
        fixture("pet.v1.struct.json"),
        fixture("pet.v1-extended.struct.json"),
    );
    let (code, stdout, stderr) = run(&["diff".as_ref(), v1.as_os_str(), ext.as_os_str()]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    assert!(stdout.contains("type_added"), "{stdout}");
    assert!(stdout.contains("suggested version bump: minor"), "{stdout}");
}

#[test]
fn cli_usage_and_io_errors() {
    let v1 = fixture("pet.v1.struct.json");
    let missing = fixture("no-such-file.struct.json");
    let (code, _, stderr) = run(&["diff".as_ref(), v1.as_os_str(), missing.as_os_str()]);
    assert_eq!(code, 3, "{stderr}");
    let (code, _, stderr) = run(&[
        "diff".as_ref(),
        v1.as_os_str(),
        v1.as_os_str(),
        "--format".as_ref(),
        "xml".as_ref(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = run(&["diff".as_ref(), v1.as_os_str()]);
    assert_eq!(code, 2, "{stderr}");
}
