//! Prints a synthetic schema: `cargo run -p json-structure-codegen --example synth > synth.struct.json`.

fn main() {
    print!(
        "{}",
        json_structure_codegen::synth::Synth::default().to_json()
    );
}
