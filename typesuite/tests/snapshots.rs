//! `expected/*.rs` are committed copies of the code generated for `schemas/*.struct.json`:
//! a change to the generator shows up as a reviewable diff of generated code. Refresh with:
//!
//! ```text
//! UPDATE_SNAPSHOTS=1 cargo test -p json-structure-typesuite --test snapshots
//! ```

use std::path::Path;

#[test]
fn generated_code_matches_the_committed_snapshots() {
    let out_dir = Path::new(env!("OUT_DIR"));
    let expected_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("expected");
    let updating = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(out_dir)
        .expect("list OUT_DIR")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".rs") && n != "_index.rs")
        .collect();
    names.sort();
    assert!(!names.is_empty(), "build.rs generated nothing");
    for name in &names {
        let fresh = std::fs::read_to_string(out_dir.join(name)).expect("read generated file");
        let path = expected_dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            if updating {
                std::fs::write(&path, &fresh).expect("write snapshot");
            } else {
                stale.push(name.clone());
            }
        }
    }
    for entry in std::fs::read_dir(&expected_dir)
        .expect("list expected/")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") && !names.contains(&name) {
            if updating {
                std::fs::remove_file(entry.path()).expect("remove stale snapshot");
            } else {
                stale.push(format!("{name} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "snapshots differ from the generated code: {}\nreview the change, then refresh with:\n  \
         UPDATE_SNAPSHOTS=1 cargo test -p json-structure-typesuite --test snapshots",
        stale.join(", ")
    );
}
