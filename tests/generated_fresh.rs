//! The committed copy in `generated/` must be exactly what `build.rs` wrote to `OUT_DIR`, so
//! that a schema change is a readable diff in review. Refresh it with:
//!
//! ```text
//! UPDATE_GENERATED=1 cargo test --test generated_fresh
//! ```

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const REFRESH: &str = "UPDATE_GENERATED=1 cargo test --test generated_fresh";

/// The `.rs` files in `dir`, by name (`lib.rs` excluded: it is the hand-written crate root).
fn rust_files(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".rs") && name != "lib.rs")
        .collect()
}

#[test]
fn committed_copy_matches_build_output() {
    let out_dir = PathBuf::from(env!("OUT_DIR"));
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    let emitted = rust_files(&out_dir);
    let committed = rust_files(&committed_dir);
    assert!(
        emitted.contains("_index.rs"),
        "build.rs wrote no _index.rs to {}",
        out_dir.display()
    );

    let updating = std::env::var_os("UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    for name in &emitted {
        let fresh = fs::read_to_string(out_dir.join(name)).expect("read build output");
        let path = committed_dir.join(name);
        if fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            if updating {
                fs::write(&path, &fresh).expect("write generated copy");
            } else {
                stale.push(format!("generated/{name} differs from what build.rs emits"));
            }
        }
    }
    for name in committed.difference(&emitted) {
        if updating {
            fs::remove_file(committed_dir.join(name)).expect("remove stale copy");
        } else {
            stale.push(format!("generated/{name} is no longer emitted by build.rs"));
        }
    }
    assert!(
        stale.is_empty(),
        "the committed generated code is stale:\n  {}\nrefresh it with:\n  {REFRESH}",
        stale.join("\n  ")
    );
}
