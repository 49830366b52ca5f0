//! Rust types for [Daytona](https://www.daytona.io)'s Snapshot resource, generated at build
//! time from `schemas/daytona-snapshot.struct.json` by `json-structure-codegen`.
//!
//! The main type is [`DaytonaSnapshot`]; its `state` is a [`DaytonaSnapshotState`] and its
//! optional `buildInfo` a [`DaytonaSnapshotBuildInfo`].
//!
//! ```
//! use daytona_types::{DaytonaSnapshot, DaytonaSnapshotState};
//!
//! let body = r#"{
//!     "id": "snap-1", "general": false, "name": "python:3.12", "state": "active",
//!     "size": 1.5, "entrypoint": null, "cpu": 1, "gpu": 0, "mem": 1, "disk": 3,
//!     "errorReason": null, "createdAt": "2025-01-15T10:30:00Z",
//!     "updatedAt": "2025-01-15T10:35:00+01:00", "lastUsedAt": null
//! }"#;
//! let snapshot: DaytonaSnapshot = serde_json::from_str(body)?;
//! assert_eq!(snapshot.state, DaytonaSnapshotState::Active);
//! assert_eq!(snapshot.updated_at.to_string(), "2025-01-15T10:35:00+01:00");
//!
//! // Written back, the document is the same JSON: `null`s stay, absent members stay absent.
//! let again: serde_json::Value = serde_json::to_value(&snapshot)?;
//! assert_eq!(again, serde_json::from_str::<serde_json::Value>(body)?);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The generated source is committed beside this file (`generated/daytona_snapshot.rs`) so
//! that a schema change shows up as a readable diff.

#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/_index.rs"));
