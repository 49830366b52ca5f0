//! Generation time of the synthetic 2000-definition schema (`Synth::default()`), against
//! the floor the issue sets: a serde_json parse of the schema plus prettyplease of the output.
//!
//! `cargo bench -p json-structure-codegen --bench generate` (optimised) or
//! `cargo bench -p json-structure-codegen --bench generate --profile dev` (unoptimised).
//! Results and method: BENCHMARKS.md.

use std::sync::OnceLock;

use divan::{black_box, Bencher};
use json_structure_codegen::synth::Synth;
use json_structure_codegen::Config;

fn main() {
    divan::main();
}

/// The schema text and the generated source, made once.
fn inputs() -> &'static (String, String) {
    static INPUTS: OnceLock<(String, String)> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let schema = Synth::default().to_json();
        let code = Config::new()
            .generate_source("synth.struct.json", &schema)
            .expect("the synthetic schema generates")
            .code;
        (schema, code)
    })
}

/// The whole pipeline, schema text to formatted Rust source.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn generate(bencher: Bencher) {
    let (schema, _) = inputs();
    bencher.bench_local(|| {
        Config::new()
            .generate_source("synth.struct.json", black_box(schema))
            .unwrap()
    });
}

/// The same on one thread (`Config::jobs(1)`): the generator's total work, which the default
/// spreads over the machine's cores.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn generate_one_thread(bencher: Bencher) {
    let (schema, _) = inputs();
    bencher.bench_local(|| {
        Config::new()
            .jobs(1)
            .generate_source("synth.struct.json", black_box(schema))
            .unwrap()
    });
}

/// Floor, part 1: serde_json parses the schema into a `Value`.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn floor_parse_schema(bencher: Bencher) {
    let (schema, _) = inputs();
    bencher.bench_local(|| serde_json::from_str::<serde_json::Value>(black_box(schema)).unwrap());
}

/// Floor, part 2: prettyplease prints the (already parsed) output.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn floor_prettyplease(bencher: Bencher) {
    let (_, code) = inputs();
    // `syn::File` is not `Sync`, so it is parsed here rather than kept in the `OnceLock`.
    let file = syn::parse_file(code).expect("the output parses");
    bencher.bench_local(|| prettyplease::unparse(black_box(&file)));
}

/// For reference (not part of the floor): syn parses the generated source, which a
/// generator that builds a `syn::File` directly would not need.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn syn_parse_output(bencher: Bencher) {
    let (_, code) = inputs();
    bencher.bench_local(|| syn::parse_file(black_box(code)).unwrap());
}
