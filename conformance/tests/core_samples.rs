//! `json-structure-samples/core/01..12`: every schema generates and compiles (this file
//! would not build otherwise), and every `example*.json` reads into the sample's root type
//! and writes back as equal JSON.
//!
//! Equality is `serde_json::Value` equality, which ignores member order (Core §object: member
//! order carries no meaning), with one more normalisation, counted and printed: a number
//! that is not an integer on both sides compares by value, so `1.0` written back as `1` (or
//! `0` as `0.0`) is equal. JSON numbers are values (RFC 8259 §6), and a `number`, `double` or
//! `float` member is an IEEE 754 value in Rust (`f64`/`f32`) that cannot remember how the
//! number was spelled. The samples themselves spell one `float` member both ways (06-tuples:
//! `visualColor` alpha `1.0` in example1, `0` in example2), so no fixed spelling could match.

use std::path::PathBuf;

use json_structure_conformance::{corpus_dir, round_trip};
use serde_json::Value;

/// Exact JSON equality, except that numbers compare by value when either is a float.
/// Returns `None` when different, `Some(true)` when equal only thanks to that rule.
fn json_eq(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x == y => Some(false),
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            (x.as_f64() == y.as_f64()).then_some(true)
        }
        (Value::Array(xs), Value::Array(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .try_fold(false, |acc, (x, y)| json_eq(x, y).map(|n| acc | n)),
        (Value::Object(xs), Value::Object(ys)) if xs.len() == ys.len() => xs
            .iter()
            .try_fold(false, |acc, (k, x)| json_eq(x, ys.get(k)?).map(|n| acc | n)),
        _ => (a == b).then_some(false),
    }
}

fn sample_dirs() -> Vec<PathBuf> {
    let root = corpus_dir().join("json-structure-samples/core");
    assert!(
        root.is_dir(),
        "the corpus is missing: expected the official samples at {}",
        root.display()
    );
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("list samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_example_round_trips_through_the_generated_types() {
    let mut total = 0;
    let mut normalised = Vec::new();
    let mut failures = Vec::new();
    let dirs = sample_dirs();
    assert_eq!(dirs.len(), 12, "expected the 12 core samples");
    for dir in &dirs {
        let sample = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut examples: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with("example") && name.ends_with(".json")
            })
            .collect();
        examples.sort();
        for example in examples {
            total += 1;
            let text = std::fs::read_to_string(&example).unwrap();
            let original: serde_json::Value = serde_json::from_str(&text).unwrap();
            let name = format!(
                "{sample}/{}",
                example.file_name().unwrap().to_string_lossy()
            );
            match round_trip(&sample, &text) {
                None => failures.push(format!("{name}: the sample has no root type")),
                Some(Err(e)) => failures.push(format!("{name}: rejected: {e}")),
                Some(Ok(back)) => match json_eq(&original, &back) {
                    None => failures.push(format!(
                        "{name}: written back differently:\n  read:  {original}\n  wrote: {back}"
                    )),
                    Some(true) => normalised.push(name),
                    Some(false) => {}
                },
            }
        }
    }
    println!(
        "core samples: {}/12 generated and compiled; {}/{total} examples round-trip \
         ({} of them equal only with numbers compared by value: {})",
        dirs.len(),
        total - failures.len(),
        normalised.len(),
        normalised.join(", ")
    );
    assert_eq!(total, 34, "expected 34 examples in the core samples");
    assert!(
        failures.is_empty(),
        "{} of {total} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
