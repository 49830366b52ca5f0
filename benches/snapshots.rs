//! The Daytona Snapshot documents shared by the run-time benches (`runtime.rs`,
//! `validate.rs`): included by each as a module, not a bench of its own.

use std::sync::OnceLock;

/// Number of snapshots in [`instances`] and [`documents`].
pub const COUNT: usize = 100_000;

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

/// Snapshot number `i` as one JSON object. Snapshots vary in ids, names, states, sizes,
/// nulls, absent optional members and `buildInfo` (on every other one).
pub fn snapshot(i: usize) -> String {
    let state = STATES[i % STATES.len()];
    let org = if i % 3 == 0 {
        String::new()
    } else {
        format!(r#""organizationId": "0e7b3c91-55d2-4a8f-b3e4-{i:012x}","#)
    };
    let size = if i % 5 == 0 {
        "null".to_string()
    } else {
        format!("{}.{}", i % 40, i % 97)
    };
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
    format!(
        r#"{{"id": "7c9e1a3b-5d6f-4a8c-9e0b-{i:012x}", {org} "general": {general}, "name": "snapshot-{i}", "imageName": "jupyter/scipy-notebook:2024-10-{day:02}", "state": "{state}", "size": {size}, "entrypoint": {entrypoint}, "cpu": {cpu}, "gpu": 0, "mem": {mem}, "disk": 10, "errorReason": {error}, "createdAt": "2025-03-18T11:22:{sec:02}Z", "updatedAt": "2025-03-18T11:29:05.250+05:30", "lastUsedAt": {last_used}, {build_info} "regionIds": ["us", "eu"], "initialRunnerId": "runner-{i}", "ref": "cr.app.daytona.io/sbox/snapshot-{i}:1742296953"}}"#,
        general = i % 7 == 0,
        day = 1 + i % 28,
        cpu = 1 + i % 8,
        mem = 2 * (1 + i % 8),
        sec = i % 60,
    )
}

/// One JSON array of `COUNT` snapshots ([`snapshot`] 0, 1, …).
#[allow(dead_code)] // Not every bench that includes this module uses every item.
pub fn instances() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut out = String::with_capacity(COUNT * 900);
        out.push('[');
        for i in 0..COUNT {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&snapshot(i));
        }
        out.push(']');
        out
    })
}

/// The same `COUNT` snapshots as separate documents, one JSON text each.
#[allow(dead_code)]
pub fn documents() -> &'static [String] {
    static DOCS: OnceLock<Vec<String>> = OnceLock::new();
    DOCS.get_or_init(|| (0..COUNT).map(snapshot).collect())
}
