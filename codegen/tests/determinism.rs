//! The same input gives byte-identical output: within a process, across processes (which
//! have different hash seeds), and regardless of unrelated additions to the schema.

use std::path::Path;
use std::process::Command;

use json_structure_codegen::Config;

fn seed_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/daytona-snapshot.struct.json")
}

#[test]
fn repeated_generation_is_byte_identical() {
    let first = Config::new().generate_file(seed_path()).unwrap().code;
    for _ in 0..5 {
        assert_eq!(
            Config::new().generate_file(seed_path()).unwrap().code,
            first
        );
    }
}

#[test]
fn separate_processes_agree() {
    let outputs: Vec<Vec<u8>> = (0..4)
        .map(|_| {
            let out = Command::new(env!("CARGO_BIN_EXE_json-structure-codegen"))
                .arg("generate")
                .arg(seed_path())
                .output()
                .expect("run generator");
            assert!(out.status.success());
            out.stdout
        })
        .collect();
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
    let in_process = Config::new().generate_file(seed_path()).unwrap().code;
    assert_eq!(outputs[0], in_process.as_bytes());
}

#[test]
fn an_unrelated_definition_does_not_rename_existing_types() {
    let base = r#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://x/y",
        "name": "Doc", "definitions": {
          "Order": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["open", "closed"]},
            "lines": {"type": "array", "items": {"type": "object", "properties": {"sku": {"type": "string"}}}}}}
        }}"#;
    let extended = base.replace(
        r#""definitions": {"#,
        r#""definitions": { "Customer": {"type": "object", "properties": {"status": {"type": "string", "enum": ["a"]}}},"#,
    );
    let a = Config::new()
        .generate_source("doc.struct.json", base)
        .unwrap()
        .code;
    let b = Config::new()
        .generate_source("doc.struct.json", &extended)
        .unwrap()
        .code;
    // Every type name of the first output still exists in the second.
    for line in a
        .lines()
        .filter(|l| l.starts_with("pub struct") || l.starts_with("pub enum"))
    {
        assert!(
            b.contains(line),
            "{line:?} disappeared after adding a definition:\n{b}"
        );
    }
}

#[test]
fn the_order_of_inputs_does_not_change_the_output() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("input-order");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["b", "a", "c"] {
        std::fs::write(
            dir.join(format!("{name}.struct.json")),
            format!(r#"{{"name": "T{name}", "type": "object", "properties": {{"x": {{"type": "string"}}}}}}"#),
        )
        .unwrap();
    }
    let run = |order: &[&str], out: &str| {
        let mut config = Config::new();
        config.cargo_output(false).out_dir(dir.join(out));
        for name in order {
            config.input(dir.join(format!("{name}.struct.json")));
        }
        config.compile().unwrap();
        std::fs::read_to_string(dir.join(out).join("_index.rs")).unwrap()
    };
    assert_eq!(run(&["a", "b", "c"], "one"), run(&["c", "a", "b"], "two"));
}

/// Types are parsed and formatted on several threads, one type at a time: the file must be
/// the same whatever the number of threads, and the same as formatting the whole token
/// stream at once, token for token (namespaces nest the items inside modules, which the
/// per-type printing has to reproduce).
#[test]
fn the_number_of_render_threads_does_not_change_the_output() {
    use json_structure_codegen::{emit, model, render, resolve, source, synth::Synth};
    let schema = Synth {
        definitions: 300,
        cycle: 40,
        namespaces: 4,
        ..Synth::default()
    }
    .to_json();
    let one = Config::new()
        .jobs(1)
        .generate_source("synth.struct.json", &schema)
        .unwrap()
        .code;
    assert!(
        one.contains("pub mod "),
        "the schema should have namespaces"
    );
    for jobs in [2, 3, 8] {
        let many = Config::new()
            .jobs(jobs)
            .generate_source("synth.struct.json", &schema)
            .unwrap()
            .code;
        assert!(many == one, "{jobs} threads gave a different file");
    }
    // The whole-file path of the same pipeline.
    let file = source::SourceFile::new("synth.struct.json", schema);
    let tree = file.parse().unwrap();
    let doc = model::read_document(file, &tree, model::Mode::Auto).unwrap();
    let space = resolve::resolve(
        &doc,
        &resolve::ResolveOptions {
            capture_additional: true,
        },
    )
    .unwrap();
    let options = emit::EmitOptions {
        source_name: "synth.struct.json".into(),
        ..Default::default()
    };
    let whole = render::render(
        emit::emit(&space, &options),
        "synth.struct.json",
        Path::new("synth.struct.json"),
    )
    .unwrap();
    // The struct serde impls are written as text (not through prettyplease), so the two
    // layouts differ there (prettyplease also wraps long match arms in braces); apart from
    // layout, those braces and the commas that go with them (trailing commas in wrapped
    // lists, none after a braced arm) the two files must hold the same code.
    let code = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '{' | '}' | ','))
            .collect()
    };
    assert!(
        code(&whole) == code(&one),
        "per-type rendering gives different code from whole-file rendering"
    );
    syn::parse_file(&one).expect("the output is valid Rust");
}
