//! Prints a synthetic schema:
//! `cargo run -p json-structure-codegen --example synth -- [--json-schema] [definitions] [properties] [cycle] [ref_ratio] > synth.struct.json`
//! (defaults: 2000 definitions, 10 properties, a 1200-type cycle, 20% references; cycle 0
//! and ref_ratio 0 give a schema without references). With `--json-schema` it prints the
//! same schema as a JSON Schema (draft-07) document instead (`Synth::to_json_schema`), for
//! generators that read JSON Schema.

use json_structure_codegen::synth::Synth;

fn main() {
    let json_schema = std::env::args().any(|a| a == "--json-schema");
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--json-schema")
        .collect();
    let defaults = Synth::default();
    let arg =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let synth = Synth {
        definitions: arg(0, defaults.definitions),
        properties: arg(1, defaults.properties),
        cycle: arg(2, defaults.cycle),
        ref_ratio: args
            .get(3)
            .and_then(|a| a.parse().ok())
            .unwrap_or(defaults.ref_ratio),
        ..defaults
    };
    if json_schema {
        print!("{}", synth.to_json_schema());
    } else {
        print!("{}", synth.to_json());
    }
}
