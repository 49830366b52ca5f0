//! Bounded time and memory, and no stack overflow, on schemas built to stress the generator:
//! hundreds of nesting levels, huge enums, very long names, heavy reference fan-out. Each
//! runs on a thread with a 2 MiB stack (the size of a test thread, smaller than a build
//! script's main thread).

use std::time::{Duration, Instant};

use json_structure_codegen::Config;

const HEAD: &str =
    r#""$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://x/r", "name": "R""#;

/// Generates `schema` on a small-stack thread; returns the outcome and the time taken.
fn generate_small_stack(schema: String) -> (Result<String, String>, Duration) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let start = Instant::now();
            let out = Config::new()
                .generate_source("r.struct.json", &schema)
                .map(|g| g.code)
                .map_err(|e| e.to_string());
            (out, start.elapsed())
        })
        .expect("spawn")
        .join()
        .expect("the generator must not overflow its stack or panic")
}

fn nested_objects(levels: usize) -> String {
    let mut inner = r#"{"type": "string"}"#.to_string();
    for _ in 0..levels {
        inner = format!(r#"{{"type": "object", "properties": {{"next": {inner}}}}}"#);
    }
    format!(r#"{{{HEAD}, "type": "object", "properties": {{"root": {inner}}}}}"#)
}

#[test]
fn hundreds_of_nesting_levels_generate() {
    let (out, took) = generate_small_stack(nested_objects(200));
    let code = out.expect("200 levels generate");
    assert!(code.matches("pub struct").count() >= 200);
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn nesting_beyond_the_limit_is_a_clear_error() {
    let (out, took) = generate_small_stack(nested_objects(2000));
    let err = out.expect_err("2000 levels are refused");
    assert!(err.contains("nests deeper than"), "{err}");
    assert!(took < Duration::from_secs(5));
}

#[test]
fn a_huge_enum_generates_quickly() {
    let values: Vec<String> = (0..20_000).map(|i| format!("\"value-{i}\"")).collect();
    let schema = format!(
        r#"{{{HEAD}, "type": "string", "enum": [{}]}}"#,
        values.join(", ")
    );
    let (out, took) = generate_small_stack(schema);
    let code = out.expect("a 20,000-value enum generates");
    assert!(code.contains("Value19999"));
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn very_long_names_generate() {
    let long = "a".repeat(5000);
    let schema = format!(
        r#"{{{HEAD}, "type": "object", "properties": {{"{long}": {{"type": "string"}}, "{long}B": {{"type": "string", "enum": ["{long}"]}}}}}}"#
    );
    let (out, _) = generate_small_stack(schema);
    let code = out.expect("long names generate");
    syn::parse_file(&code).expect("and parse");
}

#[test]
fn reference_fan_out_stays_linear() {
    // 2,000 definitions, each referencing 20 others: 40,000 references.
    let defs: Vec<String> = (0..2000)
        .map(|i| {
            let props: Vec<String> = (0..20)
                .map(|k| {
                    format!(
                        r##""r{k}": {{"type": {{"$ref": "#/definitions/D{}"}}}}"##,
                        (i * 7 + k * 13) % 2000
                    )
                })
                .collect();
            format!(
                r#""D{i}": {{"type": "object", "properties": {{{}}}}}"#,
                props.join(", ")
            )
        })
        .collect();
    let schema = format!(r#"{{{HEAD}, "definitions": {{{}}}}}"#, defs.join(", "));
    let (out, took) = generate_small_stack(schema);
    out.expect("fan-out generates");
    assert!(took < Duration::from_secs(60), "took {took:?}");
}
