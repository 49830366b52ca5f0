//! Synthetic JSON Structure schemas for benchmarks and stress tests: seeded, so the same
//! parameters always give the same document.
//!
//! ```
//! use json_structure_codegen::synth::Synth;
//! let schema = Synth { definitions: 50, cycle: 20, ..Synth::default() }.to_json();
//! let out = json_structure_codegen::Config::new().generate_source("synth.struct.json", &schema).unwrap();
//! assert!(out.code.contains("pub struct D0 "));
//! ```

use std::fmt::Write as _;

/// Parameters of a synthetic schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Synth {
    /// Number of object definitions (`D0`, `D1`, ...).
    pub definitions: usize,
    /// Properties per definition.
    pub properties: usize,
    /// Share of properties that reference another definition (0.0–1.0).
    pub ref_ratio: f64,
    /// Length of one reference cycle through `D0 → D1 → … → D(cycle-1) → D0` (0 for none).
    pub cycle: usize,
    /// Share of properties that are inline string enums.
    pub enum_ratio: f64,
    /// Number of namespaces the definitions are spread over (0 or 1: all at the root).
    pub namespaces: usize,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
}

impl Default for Synth {
    fn default() -> Self {
        Synth {
            definitions: 2000,
            properties: 10,
            ref_ratio: 0.2,
            cycle: 1200,
            enum_ratio: 0.1,
            namespaces: 0,
            seed: 1,
        }
    }
}

/// A small, fast, seeded generator (xorshift64*); good enough to vary a schema's shape.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const PRIMITIVES: &[&str] = &[
    "string", "int32", "int64", "double", "boolean", "datetime", "date", "uuid", "decimal", "uri",
    "number", "uint8",
];

impl Synth {
    /// The namespace path of definition `i` (empty at the root).
    fn namespace(&self, i: usize) -> String {
        if self.namespaces <= 1 {
            String::new()
        } else {
            format!("N{}", i % self.namespaces)
        }
    }

    fn pointer(&self, i: usize) -> String {
        let ns = self.namespace(i);
        if ns.is_empty() {
            format!("#/definitions/D{i}")
        } else {
            format!("#/definitions/{ns}/D{i}")
        }
    }

    /// The schema document as JSON text.
    ///
    /// ```
    /// let text = json_structure_codegen::synth::Synth { definitions: 3, cycle: 0, ..Default::default() }.to_json();
    /// assert!(text.contains("\"D2\""));
    /// ```
    pub fn to_json(&self) -> String {
        let mut rng = Rng(self.seed.max(1));
        let n = self.definitions.max(1);
        let mut defs: Vec<(String, String)> = Vec::with_capacity(n);
        for i in 0..n {
            let mut props = String::new();
            let mut required = Vec::new();
            for p in 0..self.properties.max(1) {
                let name = format!("p{p}");
                let schema = if p == 0 && self.cycle > 1 && i < self.cycle {
                    // The cycle edge.
                    format!(
                        r#"{{"type": {{"$ref": "{}"}}}}"#,
                        self.pointer((i + 1) % self.cycle)
                    )
                } else {
                    let roll = rng.unit();
                    if roll < self.ref_ratio {
                        let target = rng.below(n);
                        if rng.unit() < 0.5 {
                            format!(
                                r#"{{"type": "array", "items": {{"type": {{"$ref": "{}"}}}}}}"#,
                                self.pointer(target)
                            )
                        } else {
                            format!(r#"{{"type": {{"$ref": "{}"}}}}"#, self.pointer(target))
                        }
                    } else if roll < self.ref_ratio + self.enum_ratio {
                        let values: Vec<String> =
                            (0..3 + rng.below(5)).map(|v| format!("\"v{v}\"")).collect();
                        format!(r#"{{"type": "string", "enum": [{}]}}"#, values.join(", "))
                    } else {
                        let prim = PRIMITIVES
                            .get(rng.below(PRIMITIVES.len()))
                            .unwrap_or(&"string");
                        format!(r#"{{"type": "{prim}", "description": "Property {p} of D{i}."}}"#)
                    }
                };
                if p != 0 && rng.unit() < 0.4 {
                    required.push(format!("\"{name}\""));
                }
                if !props.is_empty() {
                    props.push_str(", ");
                }
                let _ = write!(props, "\"{name}\": {schema}");
            }
            let body = format!(
                r#"{{"type": "object", "description": "Synthetic definition {i}.", "properties": {{{props}}}, "required": [{}]}}"#,
                required.join(", ")
            );
            defs.push((self.namespace(i), format!("\"D{i}\": {body}")));
        }
        let definitions = if self.namespaces <= 1 {
            defs.into_iter()
                .map(|(_, d)| d)
                .collect::<Vec<_>>()
                .join(",\n")
        } else {
            (0..self.namespaces)
                .map(|k| {
                    let ns = format!("N{k}");
                    let members: Vec<&str> = defs
                        .iter()
                        .filter(|(d, _)| *d == ns)
                        .map(|(_, d)| d.as_str())
                        .collect();
                    format!("\"{ns}\": {{{}}}", members.join(",\n"))
                })
                .collect::<Vec<_>>()
                .join(",\n")
        };
        format!(
            "{{\"$schema\": \"https://json-structure.org/meta/core/v0/#\", \"$id\": \"https://example.com/synth\", \"name\": \"Synth\", \"$root\": \"{}\",\n\"definitions\": {{\n{definitions}\n}}}}\n",
            self.pointer(0)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Synth;

    #[test]
    fn same_seed_same_schema() {
        let a = Synth {
            definitions: 30,
            ..Synth::default()
        };
        assert_eq!(a.to_json(), a.to_json());
        let b = Synth {
            seed: 2,
            ..a.clone()
        };
        assert_ne!(a.to_json(), b.to_json());
    }

    #[test]
    fn generates_with_namespaces() {
        let text = Synth {
            definitions: 40,
            cycle: 30,
            namespaces: 3,
            ..Synth::default()
        }
        .to_json();
        let out = crate::Config::new()
            .generate_source("s.struct.json", &text)
            .unwrap();
        assert!(out.code.contains("pub mod n0"));
        syn::parse_file(&out.code).unwrap();
    }
}
