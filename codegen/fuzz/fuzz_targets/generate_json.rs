//! Arbitrary *JSON Structure-shaped* documents (built from a grammar of schema keywords, so
//! the fuzzer spends its time past the JSON parser): the generator must return code or a
//! diagnostic, never panic, be deterministic, and produce Rust that parses.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Schema {
    Prim(u8),
    Ref(u8),
    Object(Vec<(u8, Schema)>, Vec<u8>, Option<bool>),
    Array(Box<Schema>),
    Set(Box<Schema>),
    Map(Box<Schema>),
    Tuple(Vec<(u8, Schema)>),
    Choice(Vec<(u8, Schema)>, bool),
    Union(Vec<u8>),
    Enum(Vec<u8>),
    Junk(String),
}

const PRIMS: &[&str] = &[
    "string", "number", "integer", "boolean", "null", "int8", "uint8", "int16", "uint16",
    "int32", "uint32", "int64", "uint64", "int128", "uint128", "float8", "float", "double",
    "decimal", "date", "datetime", "time", "duration", "uuid", "uri", "binary", "jsonpointer",
    "any", "strnig", "",
];
const NAMES: &[&str] = &["a", "b", "type", "self", "Self", "1x", "名前", "$s", "a/b", "a~b", "", "fooBar", "foo_bar"];

fn name(i: u8) -> String {
    NAMES.get(usize::from(i) % NAMES.len()).copied().unwrap_or("n").to_string()
}

fn quote(s: &str) -> String {
    format!("{s:?}")
}

fn render(s: &Schema, depth: usize) -> String {
    if depth > 12 {
        return r#"{"type": "string"}"#.into();
    }
    match s {
        Schema::Prim(i) => format!(r#"{{"type": "{}"}}"#, PRIMS.get(usize::from(*i) % PRIMS.len()).copied().unwrap_or("string")),
        Schema::Ref(i) => format!(r##"{{"type": {{"$ref": "#/definitions/D{}"}}}}"##, i % 4),
        Schema::Object(props, required, closed) => {
            let p: Vec<String> = props.iter().map(|(n, s)| format!("{}: {}", quote(&name(*n)), render(s, depth + 1))).collect();
            let r: Vec<String> = required.iter().map(|n| quote(&name(*n))).collect();
            let extra = match closed {
                Some(b) => format!(r#", "additionalProperties": {b}"#),
                None => String::new(),
            };
            format!(r#"{{"type": "object", "properties": {{{}}}, "required": [{}]{extra}}}"#, p.join(", "), r.join(", "))
        }
        Schema::Array(i) => format!(r#"{{"type": "array", "items": {}}}"#, render(i, depth + 1)),
        Schema::Set(i) => format!(r#"{{"type": "set", "items": {}}}"#, render(i, depth + 1)),
        Schema::Map(i) => format!(r#"{{"type": "map", "values": {}}}"#, render(i, depth + 1)),
        Schema::Tuple(items) => {
            let p: Vec<String> = items.iter().map(|(n, s)| format!("{}: {}", quote(&name(*n)), render(s, depth + 1))).collect();
            let order: Vec<String> = items.iter().map(|(n, _)| quote(&name(*n))).collect();
            format!(r#"{{"type": "tuple", "properties": {{{}}}, "tuple": [{}]}}"#, p.join(", "), order.join(", "))
        }
        Schema::Choice(cases, inline) => {
            let c: Vec<String> = cases.iter().map(|(n, s)| format!("{}: {}", quote(&name(*n)), render(s, depth + 1))).collect();
            let sel = if *inline { r#", "selector": "kind""# } else { "" };
            format!(r#"{{"type": "choice", "choices": {{{}}}{sel}}}"#, c.join(", "))
        }
        Schema::Union(members) => {
            let m: Vec<String> = members.iter().map(|i| quote(PRIMS.get(usize::from(*i) % PRIMS.len()).copied().unwrap_or("null"))).collect();
            format!(r#"{{"type": [{}]}}"#, m.join(", "))
        }
        Schema::Enum(values) => {
            let v: Vec<String> = values.iter().map(|i| quote(&name(*i))).collect();
            format!(r#"{{"type": "string", "enum": [{}]}}"#, v.join(", "))
        }
        Schema::Junk(text) => text.clone(),
    }
}

fuzz_target!(|input: (Schema, Vec<Schema>)| {
    let (root, defs) = input;
    let definitions: Vec<String> = defs.iter().take(4).enumerate().map(|(i, d)| format!("\"D{i}\": {}", render(d, 1))).collect();
    let root = render(&root, 0);
    let text = format!(
        r##"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://x/f", "name": "Fuzz", "definitions": {{{}}}, "$root": "#/definitions/D0"}}"##,
        definitions.join(", ")
    );
    for doc in [text, root] {
        let first = json_structure_codegen::Config::new().generate_source("f.struct.json", &doc);
        let second = json_structure_codegen::Config::new().generate_source("f.struct.json", &doc);
        match (first, second) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.code, b.code, "not deterministic");
                assert!(syn::parse_file(&a.code).is_ok(), "generated code does not parse");
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("not deterministic"),
        }
    }
});
