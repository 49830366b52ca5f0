//! `json-structure-samples/import/01..04` (`$import`, `$importdefs`, imports into
//! namespaces, shadowing): each generates and compiles (this crate would not build
//! otherwise), and its example reads into the root type and writes back as equal JSON. The
//! extended meta-schema, which imports the core one by URI, generates and compiles too.

use json_structure_conformance::{corpus_dir, round_trip};

#[test]
fn every_import_sample_round_trips_its_example() {
    let root = corpus_dir().join("json-structure-samples/import");
    assert!(
        root.is_dir(),
        "the corpus is missing: expected {}",
        root.display()
    );
    let mut failures = Vec::new();
    let samples = [
        "01-root-import",
        "02-namespace-import",
        "03-importdefs-only",
        "04-shadowing",
    ];
    for sample in samples {
        let text =
            std::fs::read_to_string(root.join(sample).join("example.json")).expect("read example");
        let original: serde_json::Value = serde_json::from_str(&text).expect("example is JSON");
        match round_trip(&format!("imp-{sample}"), &text) {
            None => failures.push(format!("{sample}: no root type")),
            Some(Err(e)) => failures.push(format!("{sample}: rejected: {e}")),
            Some(Ok(back)) if back != original => failures.push(format!(
                "{sample}: written back differently:\n  read:  {original}\n  wrote: {back}"
            )),
            Some(Ok(_)) => {}
        }
    }
    println!(
        "import samples: {}/4 generate, compile and round-trip their example",
        4 - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
