//! Parse + validate: the generated types against the `json-structure` crate's instance
//! validator (the official Rust SDK, crates.io 0.6), on the same 100,000 Daytona Snapshot
//! documents (`snapshots.rs`, one JSON text per snapshot) and the same schema
//! (`schemas/daytona-snapshot.struct.json`).
//!
//! `cargo bench -p json-structure-codegen --bench validate`. Results and method:
//! BENCHMARKS.md. The issue's target: ours at least 5× faster.
//!
//! * `ours_from_str`: `json_structure_runtime::from_str::<DaytonaSnapshot>` (serde_json
//!   straight into the generated type, then `validate()`), the public one-call API.
//! * `ours_parse_then_validate`: the same two steps spelled out,
//!   `serde_json::from_str::<DaytonaSnapshot>` then `Validate::validate`.
//! * `sdk_extended` / `sdk_default`: `InstanceValidator::validate(text, &schema)` with
//!   extended validation on (as the conformance differential test uses it; needed for
//!   `allOf`, which this schema uses for `state` and `buildInfo`, and for `format`) and off
//!   (which checks less than ours: see `check`). `sdk_extended` is the like-for-like one. Its only public
//!   entry point takes the instance as text: it parses it into a `serde_json::Value` and
//!   builds a line/column locator itself, inside the call. The schema has no compiled form:
//!   it is parsed into a `Value` once, outside the timed loop, and interpreted on every call.
//!
//! The Daytona schema (derived from OpenAPI) marks nullable members with `"nullable": true`,
//! which is not a JSON Structure keyword: our generator reads it (lenient mode) as a union
//! with `null` (README), the SDK ignores it and rejects the `null`s. So the SDK is given the
//! same schema with each `{"type": T, "nullable": true}` written in standard form,
//! `{"type": [T, "null"]}` ([`sdk_schema`]); nothing else changes.
//!
//! Every variant must accept every document; `check` asserts that (and that both reject a
//! few broken ones) once before anything is timed, so no variant can be measuring an error
//! path.

use std::sync::OnceLock;

use daytona_types::DaytonaSnapshot;
use divan::{black_box, Bencher};
use json_structure::InstanceValidator;
use json_structure_runtime::Validate;
use serde_json::Value;
use snapshots::{documents, snapshot, COUNT};

#[path = "snapshots.rs"]
mod snapshots;

fn main() {
    divan::main();
}

const SCHEMA: &str = include_str!("../schemas/daytona-snapshot.struct.json");

/// The schema as the SDK is given it: parsed once, `nullable` rewritten as a union.
fn sdk_schema() -> &'static Value {
    static SCHEMA_VALUE: OnceLock<Value> = OnceLock::new();
    SCHEMA_VALUE.get_or_init(|| {
        let mut schema = serde_json::from_str(SCHEMA).unwrap();
        let rewritten = nullable_as_union(&mut schema);
        assert_eq!(rewritten, 4, "size, entrypoint, errorReason, lastUsedAt");
        schema
    })
}

/// Rewrites `{"type": T, "nullable": true}` as `{"type": [T, "null"]}` throughout; returns
/// how many it rewrote.
fn nullable_as_union(node: &mut Value) -> usize {
    let mut count = 0;
    match node {
        Value::Object(map) => {
            if map.get("nullable") == Some(&Value::Bool(true)) {
                if let Some(t @ Value::String(_)) = map.get("type").cloned() {
                    map.remove("nullable");
                    map.insert("type".into(), Value::Array(vec![t, "null".into()]));
                    count += 1;
                }
            }
            count += map.values_mut().map(nullable_as_union).sum::<usize>();
        }
        Value::Array(items) => count += items.iter_mut().map(nullable_as_union).sum::<usize>(),
        _ => {}
    }
    count
}

fn sdk(extended: bool) -> InstanceValidator {
    let mut v = InstanceValidator::new();
    v.set_extended(extended);
    v
}

fn ours(doc: &str) -> bool {
    json_structure_runtime::from_str::<DaytonaSnapshot>(doc).is_ok()
}

fn ours_split(doc: &str) -> bool {
    match serde_json::from_str::<DaytonaSnapshot>(doc) {
        Ok(s) => s.validate().is_ok(),
        Err(_) => false,
    }
}

/// All variants accept all documents, and reject the same broken ones.
fn check() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let docs = documents();
        assert_eq!(docs.len(), COUNT);
        let (ext, def) = (sdk(true), sdk(false));
        for (i, doc) in docs.iter().enumerate() {
            assert!(ours(doc), "ours rejects document {i}");
            assert!(ours_split(doc), "ours (split) rejects document {i}");
            let r = ext.validate(doc, sdk_schema());
            assert!(
                r.is_valid(),
                "SDK (extended) rejects document {i}: {:?}",
                r.all_errors()
            );
            assert!(
                def.validate(doc, sdk_schema()).is_valid(),
                "SDK rejects document {i}"
            );
        }
        // Broken documents, to show both validators are doing the work being timed.
        let good = snapshot(1);
        let broken = [
            good.replace(r#""state": "pending""#, r#""state": "bogus""#),
            good.replace(r#""cpu": 2"#, r#""cpu": "two""#),
            good.replace(r#""name": "snapshot-1", "#, ""),
            good.replace(
                r#""snapshotRef": "data-science-base:1""#,
                r#""snapshotRef": 7"#,
            ),
        ];
        for doc in &broken {
            assert_ne!(doc, &good, "the broken document must differ");
            assert!(!ours(doc), "ours accepts {doc}");
            assert!(
                !ext.validate(doc, sdk_schema()).is_valid(),
                "SDK (extended) accepts {doc}"
            );
        }
        // Without extended validation the SDK skips `allOf`, so it accepts an unknown
        // `state` (and checks nothing in `buildInfo`): `sdk_default` does less work than
        // ours and than `sdk_extended`, which is the like-for-like comparison.
        assert!(def.validate(&broken[0], sdk_schema()).is_valid());
    });
}

fn all(f: impl Fn(&str) -> bool) -> usize {
    documents().iter().filter(|d| f(black_box(d))).count()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn ours_from_str(bencher: Bencher) {
    check();
    bencher.bench_local(|| assert_eq!(all(ours), COUNT));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn ours_parse_then_validate(bencher: Bencher) {
    check();
    bencher.bench_local(|| assert_eq!(all(ours_split), COUNT));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn sdk_extended(bencher: Bencher) {
    check();
    let v = sdk(true);
    let schema = sdk_schema();
    bencher.bench_local(|| assert_eq!(all(|d| v.validate(d, schema).is_valid()), COUNT));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn sdk_default(bencher: Bencher) {
    check();
    let v = sdk(false);
    let schema = sdk_schema();
    bencher.bench_local(|| assert_eq!(all(|d| v.validate(d, schema).is_valid()), COUNT));
}
