//! Run-time cost of the generated types: deserializing 100,000 Daytona Snapshots (one JSON
//! array, built by `snapshots.rs`) through `daytona_types::DaytonaSnapshot`, against hand-written serde
//! structs of the same shape (same fields, same field types, plain `#[derive(Deserialize)]`).
//!
//! `cargo bench -p json-structure-codegen --bench runtime`. Results and method: BENCHMARKS.md.
//!
//! * `generated`: the committed generated types (compact `Deserialize` impls through
//!   `json_structure_runtime::object`; open objects keep unknown members in
//!   `additional_properties`; wire adapters for numbers).
//! * `hand_written`: what a person would write: renames, `Option` with `#[serde(default)]`,
//!   no catch-all member. The target is `generated` within 5% of this.
//! * `hand_written_flatten`: the same plus a `#[serde(flatten)]` catch-all map, to show
//!   what keeping unknown members through serde's `flatten` costs by itself.

use std::sync::OnceLock;

use daytona_types::DaytonaSnapshot;
use divan::{black_box, Bencher};
use json_structure_runtime::{DateTime, IndexMap};
use serde::Deserialize;
use snapshots::{instances, COUNT};

#[path = "snapshots.rs"]
mod snapshots;

fn main() {
    divan::main();
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
