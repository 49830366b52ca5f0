//! Run-time cost of the generated types: deserializing 100,000 Daytona Snapshots (one JSON
//! array, built here) through `daytona_types::DaytonaSnapshot`, against hand-written serde
//! structs of the same shape (same fields, same field types, plain `#[derive(Deserialize)]`).
//!
//! `cargo bench -p json-structure-codegen --bench runtime`. Results and method: BENCHMARKS.md.
//!
//! * `generated`: the committed generated types (compact `Deserialize` impls through
//!   `json_structure_runtime::object`; open objects keep unknown members in
//!   `additional_properties`; wire adapters for numbers).
//! * `hand_written`: what a person would write: renames, `Option` with `#[serde(default)]`,
//!   no catch-all member. The issue's target is `generated` within 5% of this.
//! * `hand_written_flatten`: the same plus a `#[serde(flatten)]` catch-all map, to show
//!   what keeping unknown members through serde's `flatten` costs by itself.

use std::sync::OnceLock;

use daytona_types::DaytonaSnapshot;
use divan::{black_box, Bencher};
use json_structure_runtime::{DateTime, IndexMap};
use serde::Deserialize;

const COUNT: usize = 100_000;

fn main() {
    divan::main();
}

const STATES: [&str; 8] = [
    "building",
    "pending",
    "pulling",
    "active",
    "inactive",
    "error",
    "build_failed",
    "removing",
];

/// One JSON array of `COUNT` snapshots that vary in ids, names, states, sizes, nulls,
/// absent optional members and `buildInfo`.
fn instances() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut out = String::with_capacity(COUNT * 900);
        out.push('[');
        for i in 0..COUNT {
            if i > 0 {
                out.push(',');
            }
            let state = STATES[i % STATES.len()];
            let org = if i % 3 == 0 {
                String::new()
            } else {
                format!(r#""organizationId": "0e7b3c91-55d2-4a8f-b3e4-{i:012x}","#)
            };
            let size = if i % 5 == 0 { "null".to_string() } else { format!("{}.{}", i % 40, i % 97) };
            let entrypoint = if i % 4 == 0 {
                "null"
            } else {
                r#"["start-notebook.sh", "--NotebookApp.token="]"#
            };
            let error = if state == "error" || state == "build_failed" {
                format!(r#""image pull failed ({i})""#)
            } else {
                "null".to_string()
            };
            let last_used = if i % 2 == 0 {
                format!(r#""2025-04-02T07:{:02}:00-08:00""#, i % 60)
            } else {
                "null".to_string()
            };
            let build_info = if i % 2 == 1 {
                format!(
                    r#""buildInfo": {{"dockerfileContent": "FROM python:3.12\nRUN pip install polars=={i}", "contextHashes": ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"], "createdAt": "2025-03-18T11:22:33Z", "updatedAt": "2025-03-18T11:29:05.250+05:30", "snapshotRef": "data-science-base:{i}"}},"#
                )
            } else {
                String::new()
            };
            out.push_str(&format!(
                r#"{{"id": "7c9e1a3b-5d6f-4a8c-9e0b-{i:012x}", {org} "general": {general}, "name": "snapshot-{i}", "imageName": "jupyter/scipy-notebook:2024-10-{day:02}", "state": "{state}", "size": {size}, "entrypoint": {entrypoint}, "cpu": {cpu}, "gpu": 0, "mem": {mem}, "disk": 10, "errorReason": {error}, "createdAt": "2025-03-18T11:22:{sec:02}Z", "updatedAt": "2025-03-18T11:29:05.250+05:30", "lastUsedAt": {last_used}, {build_info} "regionIds": ["us", "eu"], "initialRunnerId": "runner-{i}", "ref": "cr.app.daytona.io/sbox/snapshot-{i}:1742296953"}}"#,
                general = i % 7 == 0,
                day = 1 + i % 28,
                cpu = 1 + i % 8,
                mem = 2 * (1 + i % 8),
                sec = i % 60,
            ));
        }
        out.push(']');
        out
    })
}

/// Hand-written types of the same shape as the generated ones.
mod hand {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum State {
        Building,
        Pending,
        Pulling,
        Active,
        Inactive,
        Error,
        BuildFailed,
        Removing,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct BuildInfo {
        #[serde(default)]
        pub dockerfile_content: Option<String>,
        #[serde(default)]
        pub context_hashes: Option<Vec<String>>,
        pub created_at: DateTime,
        pub updated_at: DateTime,
        pub snapshot_ref: String,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Snapshot {
        pub id: String,
        #[serde(default)]
        pub organization_id: Option<String>,
        pub general: bool,
        pub name: String,
        #[serde(default)]
        pub image_name: Option<String>,
        pub state: State,
        pub size: Option<f64>,
        pub entrypoint: Option<Vec<String>>,
        pub cpu: f64,
        pub gpu: f64,
        pub mem: f64,
        pub disk: f64,
        pub error_reason: Option<String>,
        pub created_at: DateTime,
        pub updated_at: DateTime,
        pub last_used_at: Option<DateTime>,
        #[serde(default)]
        pub build_info: Option<BuildInfo>,
        #[serde(default)]
        pub region_ids: Option<Vec<String>>,
        #[serde(default)]
        pub initial_runner_id: Option<String>,
        #[serde(default, rename = "ref")]
        pub r#ref: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct BuildInfoFlatten {
        #[serde(default)]
        pub dockerfile_content: Option<String>,
        #[serde(default)]
        pub context_hashes: Option<Vec<String>>,
        pub created_at: DateTime,
        pub updated_at: DateTime,
        pub snapshot_ref: String,
        #[serde(flatten)]
        pub additional_properties: IndexMap<String, serde_json::Value>,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct SnapshotFlatten {
        pub id: String,
        #[serde(default)]
        pub organization_id: Option<String>,
        pub general: bool,
        pub name: String,
        #[serde(default)]
        pub image_name: Option<String>,
        pub state: State,
        pub size: Option<f64>,
        pub entrypoint: Option<Vec<String>>,
        pub cpu: f64,
        pub gpu: f64,
        pub mem: f64,
        pub disk: f64,
        pub error_reason: Option<String>,
        pub created_at: DateTime,
        pub updated_at: DateTime,
        pub last_used_at: Option<DateTime>,
        #[serde(default)]
        pub build_info: Option<BuildInfoFlatten>,
        #[serde(default)]
        pub region_ids: Option<Vec<String>>,
        #[serde(default)]
        pub initial_runner_id: Option<String>,
        #[serde(default, rename = "ref")]
        pub r#ref: Option<String>,
        #[serde(flatten)]
        pub additional_properties: IndexMap<String, serde_json::Value>,
    }
}

/// All three read the same documents to the same number of snapshots.
fn check() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let text = instances();
        let a: Vec<DaytonaSnapshot> = serde_json::from_str(text).unwrap();
        let b: Vec<hand::Snapshot> = serde_json::from_str(text).unwrap();
        let c: Vec<hand::SnapshotFlatten> = serde_json::from_str(text).unwrap();
        assert_eq!((a.len(), b.len(), c.len()), (COUNT, COUNT, COUNT));
        for (x, y) in a.iter().zip(&b).step_by(997) {
            assert_eq!(x.name, y.name);
            assert_eq!(format!("{:?}", x.state), format!("{:?}", y.state));
            assert_eq!(x.size, y.size);
            assert_eq!(x.created_at, y.created_at);
        }
    });
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn generated(bencher: Bencher) {
    check();
    let text = instances();
    bencher.bench_local(|| serde_json::from_str::<Vec<DaytonaSnapshot>>(black_box(text)).unwrap());
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn hand_written(bencher: Bencher) {
    check();
    let text = instances();
    bencher.bench_local(|| serde_json::from_str::<Vec<hand::Snapshot>>(black_box(text)).unwrap());
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn hand_written_flatten(bencher: Bencher) {
    check();
    let text = instances();
    bencher.bench_local(|| {
        serde_json::from_str::<Vec<hand::SnapshotFlatten>>(black_box(text)).unwrap()
    });
}
