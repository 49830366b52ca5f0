//! Property tests: random *valid* schemas (every type, keyword and awkward name, seeded so a
//! failure is reproducible by its seed) always generate, deterministically, into Rust that
//! parses; a sample of them is compiled.

use std::path::Path;
use std::process::Command;

use json_structure_codegen::Config;

/// xorshift64*: seeded, tiny, good enough to vary shapes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PRIMS: &[&str] = &[
    "string",
    "number",
    "integer",
    "boolean",
    "int8",
    "uint8",
    "int16",
    "uint16",
    "int32",
    "uint32",
    "int64",
    "uint64",
    "int128",
    "uint128",
    "float8",
    "float",
    "double",
    "decimal",
    "date",
    "datetime",
    "time",
    "duration",
    "uuid",
    "uri",
    "binary",
    "jsonpointer",
    "any",
];
const NAMES: &[&str] = &[
    "id",
    "type",
    "ref",
    "self",
    "Self",
    "fooBar",
    "foo_bar",
    "FooBar",
    "1st",
    "名前",
    "café",
    "$schema",
    "a-b",
    "a.b",
    "a/b",
    "a~b",
    "",
    "__proto__",
    "x",
];

struct Gen {
    rng: Rng,
    defs: usize,
}

impl Gen {
    fn name(&mut self) -> String {
        let n = self.rng.pick(NAMES);
        if self.rng.below(20) == 0 {
            "n".repeat(500)
        } else {
            n.to_string()
        }
    }

    fn schema(&mut self, depth: usize) -> String {
        let leaf = depth > 3 || self.rng.below(3) == 0;
        let choice = if leaf {
            self.rng.below(3)
        } else {
            self.rng.below(11)
        };
        match choice {
            0 => format!(r#"{{"type": "{}"}}"#, self.rng.pick(PRIMS)),
            1 => format!(
                r##"{{"type": {{"$ref": "#/definitions/D{}"}}}}"##,
                self.rng.below(self.defs)
            ),
            2 => {
                let values: Vec<String> = (0..1 + self.rng.below(4))
                    .map(|i| format!("\"{}{i}\"", self.name()))
                    .collect();
                format!(r#"{{"type": "string", "enum": [{}]}}"#, values.join(", "))
            }
            3 => self.object(depth),
            4 => format!(
                r#"{{"type": "array", "items": {}}}"#,
                self.schema(depth + 1)
            ),
            5 => format!(
                r#"{{"type": "set", "items": {{"type": "{}"}}}}"#,
                self.rng.pick(&["string", "int32", "uuid", "int64"])
            ),
            6 => format!(r#"{{"type": "map", "values": {}}}"#, self.schema(depth + 1)),
            7 => {
                let n = 1 + self.rng.below(3);
                let props: Vec<String> = (0..n)
                    .map(|i| format!("\"e{i}\": {}", self.schema(depth + 1)))
                    .collect();
                let order: Vec<String> = (0..n).map(|i| format!("\"e{i}\"")).collect();
                format!(
                    r#"{{"type": "tuple", "properties": {{{}}}, "tuple": [{}]}}"#,
                    props.join(", "),
                    order.join(", ")
                )
            }
            8 => {
                let cases: Vec<String> = (0..1 + self.rng.below(3))
                    .map(|i| {
                        format!(
                            "\"c{i}{}\": {}",
                            self.name().replace(['"', '\\'], ""),
                            self.schema(depth + 1)
                        )
                    })
                    .collect();
                format!(
                    r#"{{"type": "choice", "choices": {{{}}}}}"#,
                    cases.join(", ")
                )
            }
            9 => {
                let a = self.rng.pick(&["string", "int32", "boolean"]);
                let b = self.rng.pick(&["null", "double", "uuid"]);
                format!(r#"{{"type": ["{a}", "{b}"]}}"#)
            }
            _ => format!(
                r#"{{"type": "string", "maxLength": {}, "const": "x"}}"#,
                1 + self.rng.below(10)
            ),
        }
    }

    fn object(&mut self, depth: usize) -> String {
        let mut names: Vec<String> = Vec::new();
        let mut props = Vec::new();
        for _ in 0..1 + self.rng.below(5) {
            let name = self.name();
            if names.contains(&name) {
                continue;
            }
            props.push(format!("{name:?}: {}", self.schema(depth + 1)));
            names.push(name);
        }
        let required: Vec<String> = names
            .iter()
            .filter(|_| self.rng.below(2) == 0)
            .map(|n| format!("{n:?}"))
            .collect();
        let closed = if self.rng.below(4) == 0 {
            r#", "additionalProperties": false"#
        } else {
            ""
        };
        format!(
            r#"{{"type": "object", "properties": {{{}}}, "required": [{}]{closed}}}"#,
            props.join(", "),
            required.join(", ")
        )
    }

    fn document(&mut self) -> String {
        let defs: Vec<String> = (0..self.defs)
            .map(|i| {
                // Definitions are objects so that references always have a base case.
                format!("\"D{i}\": {}", self.object(1))
            })
            .collect();
        let root = self.object(0);
        let root = root.trim_start_matches('{').trim_end_matches('}');
        format!(
            r#"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/p", "name": "Prop", {root}, "definitions": {{{}}}}}"#,
            defs.join(", ")
        )
    }
}

fn random_schema(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let defs = 1 + rng.below(4);
    Gen { rng, defs }.document()
}

#[test]
fn random_valid_schemas_generate_parseable_deterministic_rust() {
    for seed in 0..400u64 {
        let schema = random_schema(seed);
        let a = Config::new().generate_source("p.struct.json", &schema);
        let b = Config::new().generate_source("p.struct.json", &schema);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.code, b.code, "seed {seed}: output differs between runs");
                if let Err(e) = syn::parse_file(&a.code) {
                    panic!("seed {seed}: generated code does not parse: {e}\n{schema}");
                }
            }
            (Err(e), _) | (_, Err(e)) => {
                panic!("seed {seed}: a valid schema was rejected: {e}\n{schema}")
            }
        }
    }
}

#[test]
fn a_sample_of_random_schemas_compiles_without_warnings() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("properties");
    let dir = root.join("crate");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"property-sample\"\nversion = \"0.0.0\"\nedition = \"2021\"\n[workspace]\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\njson-structure-runtime = {{ path = \"{}\" }}\n",
            repo.join("runtime").display()
        ),
    )
    .unwrap();
    let _ = std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock"));
    let mut lib = String::from("#![deny(warnings)]\n");
    for seed in (0..400u64).step_by(16) {
        let out = Config::new()
            .generate_source("p.struct.json", &random_schema(seed))
            .unwrap();
        lib.push_str(&format!("pub mod seed{seed} {{\n{}\n}}\n", out.code));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "the sample does not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
