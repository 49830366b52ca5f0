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

/// One property of a synthetic definition, as drawn from the seeded generator.
enum Prop {
    /// A reference to definition `target`, directly or as the items of an array.
    Ref { target: usize, array: bool },
    /// An inline string enum of `values` values (`"v0"`, `"v1"`, …).
    Enum { values: usize },
    /// A JSON Structure primitive type (from [`PRIMITIVES`]).
    Primitive(&'static str),
}

/// One synthetic definition: its properties in order (`p0`, `p1`, …) and the indexes of
/// the required ones.
struct Def {
    props: Vec<Prop>,
    required: Vec<usize>,
}

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

    /// The definitions, drawn from the seeded generator. Both renderings ([`Synth::to_json`]
    /// and [`Synth::to_json_schema`]) start from this, so they describe the same types.
    fn model(&self) -> Vec<Def> {
        let mut rng = Rng(self.seed.max(1));
        let n = self.definitions.max(1);
        let mut defs = Vec::with_capacity(n);
        for i in 0..n {
            let mut props = Vec::new();
            let mut required = Vec::new();
            for p in 0..self.properties.max(1) {
                let prop = if p == 0 && self.cycle > 1 && i < self.cycle {
                    // The cycle edge.
                    Prop::Ref {
                        target: (i + 1) % self.cycle,
                        array: false,
                    }
                } else {
                    let roll = rng.unit();
                    if roll < self.ref_ratio {
                        let target = rng.below(n);
                        Prop::Ref {
                            target,
                            array: rng.unit() < 0.5,
                        }
                    } else if roll < self.ref_ratio + self.enum_ratio {
                        Prop::Enum {
                            values: 3 + rng.below(5),
                        }
                    } else {
                        let prim = PRIMITIVES
                            .get(rng.below(PRIMITIVES.len()))
                            .unwrap_or(&"string");
                        Prop::Primitive(prim)
                    }
                };
                if p != 0 && rng.unit() < 0.4 {
                    required.push(p);
                }
                props.push(prop);
            }
            defs.push(Def { props, required });
        }
        defs
    }

    /// The schema document as JSON text.
    ///
    /// ```
    /// let text = json_structure_codegen::synth::Synth { definitions: 3, cycle: 0, ..Default::default() }.to_json();
    /// assert!(text.contains("\"D2\""));
    /// ```
    pub fn to_json(&self) -> String {
        let mut defs: Vec<(String, String)> = Vec::new();
        for (i, def) in self.model().iter().enumerate() {
            let mut props = String::new();
            for (p, prop) in def.props.iter().enumerate() {
                let schema = match prop {
                    Prop::Ref {
                        target,
                        array: true,
                    } => format!(
                        r#"{{"type": "array", "items": {{"type": {{"$ref": "{}"}}}}}}"#,
                        self.pointer(*target)
                    ),
                    Prop::Ref {
                        target,
                        array: false,
                    } => format!(r#"{{"type": {{"$ref": "{}"}}}}"#, self.pointer(*target)),
                    Prop::Enum { values } => {
                        format!(
                            r#"{{"type": "string", "enum": [{}]}}"#,
                            enum_values(*values)
                        )
                    }
                    Prop::Primitive(prim) => {
                        format!(r#"{{"type": "{prim}", "description": "Property {p} of D{i}."}}"#)
                    }
                };
                if !props.is_empty() {
                    props.push_str(", ");
                }
                let _ = write!(props, "\"p{p}\": {schema}");
            }
            let body = format!(
                r#"{{"type": "object", "description": "Synthetic definition {i}.", "properties": {{{props}}}, "required": [{}]}}"#,
                required_names(&def.required)
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

    /// The same schema as a JSON Schema (draft-07) document, for generators that read JSON
    /// Schema (the peers in `scripts/bench-peers.sh`).
    ///
    /// Same definitions (`D0`, `D1`, … under `definitions`; namespaces are flattened, the
    /// names are unique anyway), same properties, references (`$ref`), reference cycle,
    /// inline enums and `required` lists; the root is a `$ref` to `D0`. Primitive types map
    /// to their JSON Schema counterparts: `int32`/`int64`/`uint8` → `integer` with that
    /// `format`, `double` → `number` with `format: double`, `datetime`/`date`/`uuid`/`uri`
    /// → `string` with `format` `date-time`/`date`/`uuid`/`uri`, `decimal` → `string`
    /// (JSON Structure writes decimals as strings).
    ///
    /// ```
    /// use json_structure_codegen::synth::Synth;
    /// let text = Synth { definitions: 3, cycle: 2, ..Default::default() }.to_json_schema();
    /// assert!(text.contains(r##""$ref": "#/definitions/D1""##));
    /// assert!(text.contains(r#""D2": {"type": "object""#));
    /// ```
    pub fn to_json_schema(&self) -> String {
        let mut defs = Vec::new();
        for (i, def) in self.model().iter().enumerate() {
            let mut props = String::new();
            for (p, prop) in def.props.iter().enumerate() {
                let schema = match prop {
                    Prop::Ref {
                        target,
                        array: true,
                    } => format!(
                        r##"{{"type": "array", "items": {{"$ref": "#/definitions/D{target}"}}}}"##
                    ),
                    Prop::Ref {
                        target,
                        array: false,
                    } => format!(r##"{{"$ref": "#/definitions/D{target}"}}"##),
                    Prop::Enum { values } => {
                        format!(
                            r#"{{"type": "string", "enum": [{}]}}"#,
                            enum_values(*values)
                        )
                    }
                    Prop::Primitive(prim) => {
                        let (ty, format) = json_schema_type(prim);
                        let format = format
                            .map(|f| format!(r#", "format": "{f}""#))
                            .unwrap_or_default();
                        format!(
                            r#"{{"type": "{ty}"{format}, "description": "Property {p} of D{i}."}}"#
                        )
                    }
                };
                if !props.is_empty() {
                    props.push_str(", ");
                }
                let _ = write!(props, "\"p{p}\": {schema}");
            }
            defs.push(format!(
                r#""D{i}": {{"type": "object", "description": "Synthetic definition {i}.", "properties": {{{props}}}, "required": [{}]}}"#,
                required_names(&def.required)
            ));
        }
        format!(
            "{{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"$id\": \"https://example.com/synth\", \"title\": \"Synth\", \"$ref\": \"#/definitions/D0\",\n\"definitions\": {{\n{}\n}}}}\n",
            defs.join(",\n")
        )
    }
}

/// `"v0", "v1", …` (`count` values).
fn enum_values(count: usize) -> String {
    (0..count)
        .map(|v| format!("\"v{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"p1", "p4", …` for the required property indexes.
fn required_names(required: &[usize]) -> String {
    required
        .iter()
        .map(|p| format!("\"p{p}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON Schema `type` and `format` of a JSON Structure primitive.
fn json_schema_type(prim: &str) -> (&'static str, Option<&'static str>) {
    match prim {
        "int32" => ("integer", Some("int32")),
        "int64" => ("integer", Some("int64")),
        "uint8" => ("integer", Some("uint8")),
        "double" => ("number", Some("double")),
        "number" => ("number", None),
        "boolean" => ("boolean", None),
        "datetime" => ("string", Some("date-time")),
        "date" => ("string", Some("date")),
        "uuid" => ("string", Some("uuid")),
        "uri" => ("string", Some("uri")),
        // `string`, `decimal` (a string in JSON Structure's JSON encoding).
        _ => ("string", None),
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

    /// One definition: name, property names, required names, reference targets by name.
    type Shape = (String, Vec<String>, Vec<String>, Vec<String>);

    /// The definitions of a schema document, sorted by name (namespaces flattened).
    fn shape(doc: &serde_json::Value) -> Vec<Shape> {
        fn refs(node: &serde_json::Value, out: &mut Vec<String>) {
            match node {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        match (k.as_str(), v.as_str()) {
                            ("$ref", Some(target)) => {
                                out.push(target.rsplit('/').next().unwrap_or("").to_string())
                            }
                            _ => refs(v, out),
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        fn collect(map: &serde_json::Map<String, serde_json::Value>, out: &mut Vec<Shape>) {
            for (name, def) in map {
                if def.get("type").is_none() {
                    // A namespace.
                    collect(def.as_object().unwrap(), out);
                    continue;
                }
                let props: Vec<String> = def["properties"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect();
                let required = def["required"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect();
                let mut targets = Vec::new();
                refs(&def["properties"], &mut targets);
                out.push((name.clone(), props, required, targets));
            }
        }
        let mut out = Vec::new();
        collect(doc["definitions"].as_object().unwrap(), &mut out);
        out.sort();
        out
    }

    #[test]
    fn json_schema_twin_has_the_same_definitions() {
        for synth in [
            Synth {
                definitions: 200,
                cycle: 120,
                ..Synth::default()
            },
            Synth {
                definitions: 40,
                cycle: 30,
                namespaces: 3,
                ..Synth::default()
            },
        ] {
            let structure: serde_json::Value = serde_json::from_str(&synth.to_json()).unwrap();
            let schema: serde_json::Value = serde_json::from_str(&synth.to_json_schema()).unwrap();
            assert_eq!(
                schema["definitions"].as_object().unwrap().len(),
                synth.definitions
            );
            assert_eq!(schema["$ref"], "#/definitions/D0");
            let (a, b) = (shape(&structure), shape(&schema));
            assert_eq!(a.len(), synth.definitions);
            // Same names, properties, required lists and reference targets (so the same cycle).
            assert_eq!(a, b);
            let enums = |t: &str| t.matches(r#""enum": ["#).count();
            assert_eq!(enums(&synth.to_json()), enums(&synth.to_json_schema()));
            // Every reference of the twin resolves.
            for (_, _, _, targets) in &b {
                for t in targets {
                    assert!(schema["definitions"].get(t).is_some(), "dangling {t}");
                }
            }
        }
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
