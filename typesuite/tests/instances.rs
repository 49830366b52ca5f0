//! Table-driven instance tests: every `instances/<schema>/valid/*.json` must parse with the
//! schema's generated root type (through `json_structure_runtime::from_str`, i.e. serde plus
//! `validate()`) and write back as equal JSON; every `instances/<schema>/invalid/*.json` must
//! be rejected with the (JSON Pointer, code) pair listed for it in [`INVALID`]. A fixture
//! without a table entry, a table entry without a fixture, and a schema without a test all
//! fail.
//!
//! Valid fixtures are written in the canonical form the generated code writes (padded base64
//! and base32, unpadded base64url, lowercase base16); the round trip is compared as
//! `serde_json::Value`s with exact equality, so `1` and `1.0` differ.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use json_structure_runtime::{from_str, Validate};
use json_structure_typesuite as suite;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Every violation as (pointer, code, message).
type Found = Vec<(String, String, String)>;

/// Parses `text` as `T` and writes it back (`Ok(Err)` when writing fails); `Err` lists the
/// violations.
type Check = fn(&str) -> Result<Result<Value, String>, Found>;

fn check<T: DeserializeOwned + Serialize + Validate>(
    text: &str,
) -> Result<Result<Value, String>, Found> {
    match from_str::<T>(text) {
        Ok(value) => Ok(serde_json::to_string(&value)
            .map_err(|e| format!("serialization failed: {e}"))
            .and_then(|out| {
                serde_json::from_str(&out).map_err(|e| format!("wrote invalid JSON {out}: {e}"))
            })),
        Err(violations) => Err(violations
            .iter()
            .map(|v| (v.pointer.clone(), v.code.to_string(), v.message.clone()))
            .collect()),
    }
}

/// Every schema of `schemas/` (by file stem) and the check of its root type.
const SCHEMAS: &[(&str, Check)] = &[
    (
        "additional-properties",
        check::<suite::additional_properties::AdditionalProperties>,
    ),
    (
        "binary-encodings",
        check::<suite::binary_encodings::BinaryEncodings>,
    ),
    ("choices", check::<suite::choices::Choices>),
    ("collections", check::<suite::collections::Collections>),
    (
        "composition-refs",
        check::<suite::composition_refs::CompositionRefs>,
    ),
    (
        "enums-and-const",
        check::<suite::enums_and_const::EnumsAndConst>,
    ),
    (
        "extends-and-abstract",
        check::<suite::extends_and_abstract::Employee>,
    ),
    ("lenient-refs", check::<suite::lenient_refs::LenientRefs>),
    ("names", check::<suite::names::Names>),
    ("namespaces", check::<suite::namespaces::Directory>),
    (
        "presence-and-nullability",
        check::<suite::presence_and_nullability::Presence>,
    ),
    ("primitives", check::<suite::primitives::Primitives>),
    ("recursion", check::<suite::recursion::Recursion>),
    ("required-sets", check::<suite::required_sets::Animal>),
    ("tuples", check::<suite::tuples::Tuples>),
    ("unions", check::<suite::unions::Unions>),
];

/// Stands for the 500-character property name of `names.struct.json` in pointers.
const LONG: &str = "{LONG}";

/// `n` followed by `abcdefghij` repeated: the 500-character property name.
fn long_name() -> String {
    std::iter::once('n')
        .chain("abcdefghij".chars().cycle().take(499))
        .collect()
}

/// (schema, invalid fixture, expected pointer, expected code).
///
/// Codes are the official SDKs' (`INSTANCE_*`). Where the SDKs have a dedicated code it is
/// expected here: `INSTANCE_UNION_NO_MATCH` for a value that matches no member of a type
/// union, `INSTANCE_CHOICE_OPTION_UNKNOWN` for a choice key or selector value that is not a case,
/// `INSTANCE_CHOICE_DISCRIMINATOR_MISSING` for an inline choice without its selector. Pointers
/// name the offending member (for a missing member, the member it should have been).
#[rustfmt::skip]
const INVALID: &[(&str, &str, &str, &str)] = &[
    // additional-properties
    ("additional-properties", "closed-member-wrong-type", "/closed/a", "INSTANCE_TYPE_MISMATCH"),
    ("additional-properties", "closed-unknown-member", "/closed/b", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    ("additional-properties", "typed-big-extra-as-number", "/typedBig/x", "INSTANCE_TYPE_MISMATCH"),
    ("additional-properties", "typed-extra-out-of-range", "/typed/n", "INSTANCE_INT_RANGE_INVALID"),
    ("additional-properties", "typed-extra-wrong-type", "/typed/n", "INSTANCE_TYPE_MISMATCH"),
    ("additional-properties", "typed-ref-extra-too-long", "/typedRef/t2/label", "INSTANCE_STRING_MAX_LENGTH"),
    ("additional-properties", "typed-ref-extra-wrong-type", "/typedRef/t1/label", "INSTANCE_TYPE_MISMATCH"),
    ("additional-properties", "typed-required-missing", "/typed/a", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    // binary-encodings
    ("binary-encodings", "base16-non-hex", "/base16", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "base16-odd-length", "/base16", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "base32-digit-one", "/base32", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "base32-lowercase", "/base32", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "base32hex-out-of-alphabet", "/base32hex", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "base64-bad-char", "/base64", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "base64-url-alphabet", "/base64", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "base64-wrong-padding", "/plain", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "base64url-standard-alphabet", "/base64url", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "binary-as-array", "/plain", "INSTANCE_TYPE_MISMATCH"),
    ("binary-encodings", "chunks-item-invalid", "/chunks/0", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("binary-encodings", "nullable-invalid", "/maybe", "INSTANCE_BINARY_ENCODING_INVALID"),
    // composition-refs: oneOf/anyOf over references, checked as the referenced types
    ("composition-refs", "code-too-long", "/codes/0", "INSTANCE_ONE_OF_INVALID_COUNT"),
    ("composition-refs", "contact-extension-too-small", "/contact", "INSTANCE_ANY_OF_NONE_MATCHED"),
    ("composition-refs", "contact-matches-neither", "/contact", "INSTANCE_ANY_OF_NONE_MATCHED"),
    ("composition-refs", "open-api-matches-both", "/openApi", "INSTANCE_ONE_OF_INVALID_COUNT"),
    ("composition-refs", "total-matches-both", "/total", "INSTANCE_ONE_OF_INVALID_COUNT"),
    ("composition-refs", "pm-card-number-too-long", "/pm", "INSTANCE_ONE_OF_INVALID_COUNT"),
    ("composition-refs", "pm-matches-both", "/pm", "INSTANCE_ONE_OF_INVALID_COUNT"),
    ("composition-refs", "pm-matches-none", "/pm", "INSTANCE_UNION_NO_MATCH"),
    // choices
    ("choices", "card-number-too-long", "/payment/card/number", "INSTANCE_STRING_MAX_LENGTH"),
    ("choices", "card-unknown-member", "/payment/card/cvv", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    ("choices", "inline-label-too-long", "/shapes/0/label", "INSTANCE_STRING_MAX_LENGTH"),
    ("choices", "inline-selector-missing", "/shapes/0/kind", "INSTANCE_CHOICE_DISCRIMINATOR_MISSING"),
    ("choices", "inline-selector-unknown", "/shapes/0", "INSTANCE_CHOICE_OPTION_UNKNOWN"),
    ("choices", "inline-variant-required-missing", "/shapes/0/radius", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("choices", "inline-variant-unknown-member", "/shapes/0/side", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    ("choices", "inline-variant-wrong-type", "/shapes/1/side", "INSTANCE_TYPE_MISMATCH"),
    ("choices", "primitive-case-int64-as-number", "/value/big", "INSTANCE_TYPE_MISMATCH"),
    ("choices", "primitive-case-too-long", "/value/string", "INSTANCE_STRING_MAX_LENGTH"),
    ("choices", "tagged-case-value-invalid", "/payment/points", "INSTANCE_INT_RANGE_INVALID"),
    ("choices", "tagged-no-member", "/payment", "INSTANCE_TYPE_MISMATCH"),
    ("choices", "tagged-two-members", "/payment", "INSTANCE_TYPE_MISMATCH"),
    ("choices", "tagged-unknown-case", "/payment", "INSTANCE_CHOICE_OPTION_UNKNOWN"),
    // collections
    ("collections", "array-item-too-long", "/codes/1", "INSTANCE_STRING_MAX_LENGTH"),
    ("collections", "array-item-unknown-member", "/records/0/x", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    ("collections", "array-item-wrong-type", "/tags/1", "INSTANCE_TYPE_MISMATCH"),
    ("collections", "map-decimal-as-number", "/amounts/x", "INSTANCE_TYPE_MISMATCH"),
    ("collections", "map-not-object", "/scores", "INSTANCE_TYPE_MISMATCH"),
    ("collections", "map-value-missing-required", "/byName/a/when", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("collections", "map-value-too-long", "/labels/k", "INSTANCE_STRING_MAX_LENGTH"),
    ("collections", "map-value-wrong-type", "/scores/alpha", "INSTANCE_TYPE_MISMATCH"),
    ("collections", "nested-array-out-of-range", "/matrix/0/1", "INSTANCE_INT_RANGE_INVALID"),
    ("collections", "set-duplicate-in-map", "/groups/g", "INSTANCE_SET_DUPLICATE"),
    ("collections", "set-duplicate-int64", "/uniqueBig", "INSTANCE_SET_DUPLICATE"),
    ("collections", "set-duplicate-number", "/uniqueNumbers", "INSTANCE_SET_DUPLICATE"),
    ("collections", "set-duplicate-object", "/uniqueRecords", "INSTANCE_SET_DUPLICATE"),
    ("collections", "set-duplicate-string", "/uniqueTags", "INSTANCE_SET_DUPLICATE"),
    ("collections", "set-item-too-long", "/shortSet/1", "INSTANCE_STRING_MAX_LENGTH"),
    ("collections", "set-not-array", "/uniqueTags", "INSTANCE_TYPE_MISMATCH"),
    // enums-and-const
    ("enums-and-const", "big-mismatch", "/big", "INSTANCE_CONST_MISMATCH"),
    ("enums-and-const", "color-unknown", "/color", "INSTANCE_ENUM_MISMATCH"),
    ("enums-and-const", "color-wrong-case", "/color", "INSTANCE_ENUM_MISMATCH"),
    ("enums-and-const", "enabled-mismatch", "/enabled", "INSTANCE_CONST_MISMATCH"),
    ("enums-and-const", "level-as-string", "/level", "INSTANCE_TYPE_MISMATCH"),
    ("enums-and-const", "level-not-member", "/level", "INSTANCE_ENUM_MISMATCH"),
    ("enums-and-const", "magic-mismatch", "/magic", "INSTANCE_CONST_MISMATCH"),
    ("enums-and-const", "offset-not-member", "/offset", "INSTANCE_ENUM_MISMATCH"),
    ("enums-and-const", "palette-duplicate", "/palette", "INSTANCE_SET_DUPLICATE"),
    ("enums-and-const", "palette-unknown", "/palette/1", "INSTANCE_ENUM_MISMATCH"),
    ("enums-and-const", "size-unknown", "/size", "INSTANCE_ENUM_MISMATCH"),
    ("enums-and-const", "sizes-value-unknown", "/sizes/b", "INSTANCE_ENUM_MISMATCH"),
    ("enums-and-const", "version-mismatch", "/version", "INSTANCE_CONST_MISMATCH"),
    // extends-and-abstract
    ("extends-and-abstract", "base-member-missing", "/name", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("extends-and-abstract", "grand-base-member-missing", "/id", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("extends-and-abstract", "inherited-max-length", "/name", "INSTANCE_STRING_MAX_LENGTH"),
    ("extends-and-abstract", "inherited-wrong-type", "/created", "INSTANCE_DATETIME_FORMAT_INVALID"),
    ("extends-and-abstract", "manager-inherited-max-length", "/manager/name", "INSTANCE_STRING_MAX_LENGTH"),
    ("extends-and-abstract", "manager-inherited-member-missing", "/manager/id", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("extends-and-abstract", "own-member-missing", "/salary", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("extends-and-abstract", "second-base-member-missing", "/created", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("extends-and-abstract", "unknown-member", "/department", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    // lenient-refs
    ("lenient-refs", "map-value-bad-date", "/byId/x/born", "INSTANCE_DATE_FORMAT_INVALID"),
    ("lenient-refs", "member-unknown-member", "/members/0/age", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    ("lenient-refs", "owner-missing", "/owner", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("lenient-refs", "owner-name-missing", "/owner/name", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("lenient-refs", "typed-wrong-type", "/typed/name", "INSTANCE_TYPE_MISMATCH"),
    // names
    ("names", "accented-name-wrong-type", "/café", "INSTANCE_TYPE_MISMATCH"),
    ("names", "declared-additional-properties-wrong-type", "/refs/additional_properties", "INSTANCE_TYPE_MISMATCH"),
    ("names", "digit-enum-unknown", "/refs/digit", "INSTANCE_ENUM_MISMATCH"),
    ("names", "digit-name-out-of-range", "/1st", "INSTANCE_INT_RANGE_INVALID"),
    ("names", "dollar-name-wrong-type", "/$meta", "INSTANCE_TYPE_MISMATCH"),
    ("names", "keyword-type-def-missing-member", "/fn/type", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("names", "keyword-type-wrong-type", "/type", "INSTANCE_TYPE_MISMATCH"),
    ("names", "long-name-missing", "/{LONG}", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("names", "long-type-wrong-type", "/refs/long/x", "INSTANCE_TYPE_MISMATCH"),
    ("names", "nested-non-ascii-member-missing", "/refs/kanji/値", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("names", "non-ascii-name-missing", "/名前", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("names", "pointer-special-name-wrong-type", "/a~1b~0c", "INSTANCE_TYPE_MISMATCH"),
    ("names", "snake-case-variant-missing", "/foo_bar", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("names", "unknown-member", "/foobar", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    ("names", "upper-self-missing", "/Self", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    // namespaces
    ("namespaces", "leaf-depth-negative", "/leaf/depth", "INSTANCE_INT_RANGE_INVALID"),
    ("namespaces", "office-city-missing", "/office/city", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("namespaces", "office-street-too-long", "/office/street", "INSTANCE_STRING_MAX_LENGTH"),
    ("namespaces", "server-port-out-of-range", "/server/port", "INSTANCE_INT_RANGE_INVALID"),
    ("namespaces", "site-address-street-too-long", "/site/address/street", "INSTANCE_STRING_MAX_LENGTH"),
    ("namespaces", "site-kind-unknown", "/site/kind", "INSTANCE_ENUM_MISMATCH"),
    ("namespaces", "site-uplink-port-missing", "/site/uplink/port", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("namespaces", "top-unknown-member", "/top/host", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    // presence-and-nullability
    ("presence-and-nullability", "nested-required-nullable-missing", "/optionalNested/inner", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("presence-and-nullability", "optional-null", "/optionalPlain", "INSTANCE_TYPE_MISMATCH"),
    ("presence-and-nullability", "optional-nullable-big-as-number", "/optionalNullableBig", "INSTANCE_TYPE_MISMATCH"),
    ("presence-and-nullability", "optional-nullable-list-item-null", "/optionalNullableList/items/1", "INSTANCE_TYPE_MISMATCH"),
    ("presence-and-nullability", "optional-nullable-too-long", "/optionalNullableShort", "INSTANCE_STRING_MAX_LENGTH"),
    ("presence-and-nullability", "optional-nullable-wrong-type", "/optionalNullable", "INSTANCE_TYPE_MISMATCH"),
    ("presence-and-nullability", "required-missing", "/requiredPlain", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("presence-and-nullability", "required-null", "/requiredPlain", "INSTANCE_TYPE_MISMATCH"),
    ("presence-and-nullability", "required-nullable-big-missing", "/requiredNullableBig", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("presence-and-nullability", "required-nullable-missing", "/requiredNullable", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    // primitives
    ("primitives", "any-missing", "/anything", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("primitives", "binary-not-base64", "/blob", "INSTANCE_BINARY_ENCODING_INVALID"),
    ("primitives", "boolean-as-string", "/flag", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "date-not-in-calendar", "/day", "INSTANCE_DATE_FORMAT_INVALID"),
    ("primitives", "datetime-without-offset", "/at", "INSTANCE_DATETIME_FORMAT_INVALID"),
    ("primitives", "decimal-as-number", "/amount", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "decimal-exponent", "/amount", "INSTANCE_DECIMAL_EXPECTED"),
    ("primitives", "double-as-string", "/f64", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "duration-prose", "/span", "INSTANCE_DURATION_FORMAT_INVALID"),
    ("primitives", "float-out-of-range", "/f32", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "int128-leading-zero", "/i128", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "int16-above-range", "/i16", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "int32-below-range", "/i32", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "int64-above-range", "/i64", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "int64-as-number", "/i64", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "int8-above-range", "/i8", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "integer-as-string", "/integer", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "integer-with-fraction", "/integer", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "jsonpointer-bad-escape", "/pointer", "INSTANCE_JSONPOINTER_FORMAT_INVALID"),
    ("primitives", "null-not-null", "/nothing", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "string-null", "/text", "INSTANCE_TYPE_MISMATCH"),
    ("primitives", "string-too-long", "/text", "INSTANCE_STRING_MAX_LENGTH"),
    ("primitives", "time-hour-25", "/clock", "INSTANCE_TIME_FORMAT_INVALID"),
    ("primitives", "uint128-above-range", "/u128", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "uint16-above-range", "/u16", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "uint32-above-range", "/u32", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "uint64-negative", "/u64", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "uint8-negative", "/u8", "INSTANCE_INT_RANGE_INVALID"),
    ("primitives", "unknown-member", "/extra", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
    ("primitives", "uri-with-space", "/link", "INSTANCE_URI_FORMAT_INVALID"),
    ("primitives", "uuid-braced", "/id", "INSTANCE_UUID_FORMAT_INVALID"),
    // recursion
    ("recursion", "expr-deep-unknown-op", "/expr/args/1/expr/op", "INSTANCE_ENUM_MISMATCH"),
    ("recursion", "expr-literal-as-number", "/expr/args/0/literal", "INSTANCE_TYPE_MISMATCH"),
    ("recursion", "folder-file-size-negative", "/folder/files/a.txt/size", "INSTANCE_INT_RANGE_INVALID"),
    ("recursion", "folder-mutual-deep-missing", "/folder/files/a.txt/folder/name", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("recursion", "list-deep-too-long", "/list/next/next/value", "INSTANCE_STRING_MAX_LENGTH"),
    ("recursion", "list-next-missing", "/list/next/next/next", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("recursion", "tree-deep-wrong-type", "/tree/children/0/children/0/value", "INSTANCE_TYPE_MISMATCH"),
    ("recursion", "tree-missing-value", "/tree/children/1/value", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    // required-sets
    ("required-sets", "common-member-missing", "/name", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("required-sets", "nested-no-set-complete", "/contact", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("required-sets", "nested-two-sets-complete", "/contact", "INSTANCE_REQUIRED_SETS_CONFLICT"),
    ("required-sets", "no-set-complete", "", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
    ("required-sets", "two-sets-complete", "", "INSTANCE_REQUIRED_SETS_CONFLICT"),
    // tuples
    ("tuples", "ledger-int64-as-number", "/ledger/0", "INSTANCE_TYPE_MISMATCH"),
    ("tuples", "path-item-too-short", "/path/1", "INSTANCE_TUPLE_LENGTH_MISMATCH"),
    ("tuples", "person-as-object", "/person", "INSTANCE_TYPE_MISMATCH"),
    ("tuples", "person-name-too-long", "/person/0", "INSTANCE_STRING_MAX_LENGTH"),
    ("tuples", "person-null-name", "/person/0", "INSTANCE_TYPE_MISMATCH"),
    ("tuples", "person-nullable-element-missing", "/person", "INSTANCE_TUPLE_LENGTH_MISMATCH"),
    ("tuples", "person-wrong-element-type", "/person/1", "INSTANCE_TYPE_MISMATCH"),
    ("tuples", "point-too-long", "/point", "INSTANCE_TUPLE_LENGTH_MISMATCH"),
    ("tuples", "point-too-short", "/point", "INSTANCE_TUPLE_LENGTH_MISMATCH"),
    // unions
    ("unions", "array-item-no-match", "/pets/1", "INSTANCE_UNION_NO_MATCH"),
    ("unions", "int32-out-of-range-not-string", "/idOrName", "INSTANCE_UNION_NO_MATCH"),
    ("unions", "maybe-text-wrong-type", "/maybeText", "INSTANCE_TYPE_MISMATCH"),
    ("unions", "no-member-matches", "/idOrName", "INSTANCE_UNION_NO_MATCH"),
    ("unions", "null-first-out-of-range", "/nullFirst", "INSTANCE_INT_RANGE_INVALID"),
    ("unions", "null-for-non-nullable-union", "/idOrName", "INSTANCE_UNION_NO_MATCH"),
    ("unions", "ref-union-member-constraint", "/pet/name", "INSTANCE_STRING_MAX_LENGTH"),
    ("unions", "ref-union-no-match", "/pet", "INSTANCE_UNION_NO_MATCH"),
    ("unions", "required-nullable-union-missing", "/nullableUnion", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
];

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The `*.json` files of `dir`, sorted by name (none when `dir` does not exist).
fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 file name")
        .to_string()
}

/// Runs every fixture of `schema`; returns one line per failure.
fn run_schema(schema: &str, check: Check) -> Vec<String> {
    let dir = suite_dir().join("instances").join(schema);
    let mut failures = Vec::new();
    let valid = fixtures(&dir.join("valid"));
    let invalid = fixtures(&dir.join("invalid"));
    if valid.is_empty() || invalid.is_empty() {
        failures.push(format!(
            "{schema}: needs at least one valid and one invalid fixture under {}",
            dir.display()
        ));
    }
    for path in &valid {
        let name = stem(path);
        let text = std::fs::read_to_string(path).expect("read fixture");
        let original: Value = serde_json::from_str(&text).expect("fixture is JSON");
        match check(&text) {
            Ok(Ok(written)) if written == original => {}
            Ok(Ok(written)) => failures.push(format!(
                "{schema}/valid/{name}: lossy round trip\n    read:  {original}\n    wrote: {written}"
            )),
            Ok(Err(e)) => failures.push(format!("{schema}/valid/{name}: {e}")),
            Err(violations) => failures.push(format!(
                "{schema}/valid/{name}: rejected: {violations:?}"
            )),
        }
    }
    let long = format!("/{}", long_name());
    for path in &invalid {
        let name = stem(path);
        let Some(&(_, _, pointer, code)) = INVALID
            .iter()
            .find(|(s, f, _, _)| *s == schema && *f == name)
        else {
            failures.push(format!(
                "{schema}/invalid/{name}: no entry in INVALID (add the expected pointer and code)"
            ));
            continue;
        };
        let pointer = pointer.replace(&format!("/{LONG}"), &long);
        let text = std::fs::read_to_string(path).expect("read fixture");
        match check(&text) {
            Ok(written) => failures.push(format!(
                "{schema}/invalid/{name}: accepted (expected {pointer:?} {code}); wrote {written:?}"
            )),
            Err(violations) => {
                if violations.len() > 1 {
                    // Shown with --nocapture: a fixture should break one rule only.
                    eprintln!("note: {schema}/invalid/{name}: {violations:?}");
                }
                if !violations
                    .iter()
                    .any(|(p, c, _)| *p == pointer && c == code)
                {
                    failures.push(format!(
                        "{schema}/invalid/{name}: expected ({pointer:?}, {code}), found {violations:?}"
                    ));
                }
            }
        }
    }
    for (s, file, _, _) in INVALID.iter().filter(|(s, _, _, _)| *s == schema) {
        if !dir.join("invalid").join(format!("{file}.json")).is_file() {
            failures.push(format!(
                "{s}/invalid/{file}: in INVALID but no such fixture"
            ));
        }
    }
    failures
}

fn run(schema: &str) {
    let check = SCHEMAS
        .iter()
        .find(|(s, _)| *s == schema)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("{schema} is not in SCHEMAS"));
    let failures = run_schema(schema, check);
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

macro_rules! schema_tests {
    ($($test:ident => $schema:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                run($schema);
            }
        )*

        /// Every schema file has a test, a `SCHEMAS` entry and fixtures; every fixture
        /// directory and `INVALID` entry belongs to a schema.
        #[test]
        fn every_schema_and_fixture_is_covered() {
            let tested: BTreeSet<&str> = [$($schema),*].into_iter().collect();
            let listed: BTreeSet<&str> = SCHEMAS.iter().map(|(s, _)| *s).collect();
            assert_eq!(tested, listed, "schema_tests! and SCHEMAS differ");
            let schemas: BTreeSet<String> = std::fs::read_dir(suite_dir().join("schemas"))
                .expect("list schemas/")
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter_map(|n| n.strip_suffix(".struct.json").map(str::to_string))
                .collect();
            let tested: BTreeSet<String> = tested.iter().map(|s| s.to_string()).collect();
            assert_eq!(schemas, tested, "schemas/ and the tested schemas differ");
            let dirs: BTreeSet<String> = std::fs::read_dir(suite_dir().join("instances"))
                .expect("list instances/")
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect();
            assert_eq!(dirs, tested, "instances/ and the tested schemas differ");
            for (schema, file, _, _) in INVALID {
                assert!(tested.contains(*schema), "INVALID names unknown schema {schema} ({file})");
            }
        }
    };
}

schema_tests! {
    additional_properties => "additional-properties",
    binary_encodings => "binary-encodings",
    choices => "choices",
    collections => "collections",
    composition_refs => "composition-refs",
    enums_and_const => "enums-and-const",
    extends_and_abstract => "extends-and-abstract",
    lenient_refs => "lenient-refs",
    names => "names",
    namespaces => "namespaces",
    presence_and_nullability => "presence-and-nullability",
    primitives => "primitives",
    recursion => "recursion",
    required_sets => "required-sets",
    tuples => "tuples",
    unions => "unions",
}
