//! Prints a synthetic schema:
//! `cargo run -p json-structure-codegen --example synth -- [definitions] [properties] [cycle] > synth.struct.json`
//! (defaults: 2000 definitions, 10 properties, a 1200-type cycle).

fn main() {
    let arg = |i: usize, default: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(default)
    };
    let synth = json_structure_codegen::synth::Synth {
        definitions: arg(1, 2000),
        properties: arg(2, 10),
        cycle: arg(3, 1200),
        ..Default::default()
    };
    print!("{}", synth.to_json());
}
