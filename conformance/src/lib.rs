//! Conformance suites over the JSON Structure corpus (`../shared/corpus`).
//!
//! Built with `--features corpus`, this crate contains Rust generated from every official
//! core sample and the core meta-schema (one module each), and [`round_trip`] / [`parse`],
//! which read a document as a sample's root type. The tests in `tests/` use them:
//!
//! ```text
//! cargo test -p json-structure-conformance --features corpus
//! ```
//!
//! Without the feature the crate is empty, so `cargo test --workspace` needs no corpus.

#[cfg(feature = "corpus")]
include!(concat!(env!("OUT_DIR"), "/corpus.rs"));

/// Where the corpus is: `$JSON_STRUCTURE_CORPUS`, or `../shared/corpus` beside the checkout.
pub fn corpus_dir() -> std::path::PathBuf {
    match std::env::var_os("JSON_STRUCTURE_CORPUS") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    }
}
