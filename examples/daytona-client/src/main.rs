//! Reads a Daytona "list snapshots" response body from a file and prints a summary, the
//! way an API client would use the generated `daytona-types` crate:
//!
//! ```text
//! cargo run -p daytona-client-example -- examples/daytona-client/data/snapshots.json
//! ```

use std::process::ExitCode;

use daytona_types::{DaytonaSnapshot, DaytonaSnapshotState};

/// One line about a snapshot, depending on its state.
pub fn describe(s: &DaytonaSnapshot) -> String {
    let resources = format!("{} CPU, {} GiB RAM, {} GiB disk", s.cpu, s.mem, s.disk);
    match s.state {
        DaytonaSnapshotState::Active => {
            let last_used = s
                .last_used_at
                .as_ref()
                .map_or_else(|| "never used".to_string(), |t| format!("last used {t}"));
            format!("{} is ready ({resources}; {last_used})", s.name)
        }
        DaytonaSnapshotState::BuildFailed | DaytonaSnapshotState::Error => format!(
            "{} failed: {}",
            s.name,
            s.error_reason.as_deref().unwrap_or("no reason given")
        ),
        DaytonaSnapshotState::Building
        | DaytonaSnapshotState::Pending
        | DaytonaSnapshotState::Pulling => {
            format!(
                "{} is not ready yet ({}, since {})",
                s.name, s.state, s.created_at
            )
        }
        DaytonaSnapshotState::Inactive | DaytonaSnapshotState::Removing => {
            format!("{} is {}", s.name, s.state)
        }
    }
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: daytona-client-example RESPONSE.json");
        return ExitCode::from(2);
    };
    let body = match std::fs::read_to_string(&path) {
        Ok(body) => body,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(3);
        }
    };
    // Parse and validate in one call: every problem is reported with its JSON Pointer.
    let snapshots: Vec<DaytonaSnapshot> = match json_structure_runtime::from_str(&body) {
        Ok(s) => s,
        Err(violations) => {
            for v in &violations {
                eprintln!("{path}: {v}");
            }
            return ExitCode::from(1);
        }
    };
    for s in &snapshots {
        println!("{}", describe(s));
    }
    let ready = snapshots
        .iter()
        .filter(|s| s.state == DaytonaSnapshotState::Active)
        .count();
    println!("{ready} of {} snapshots ready", snapshots.len());
    ExitCode::SUCCESS
}
