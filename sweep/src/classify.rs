//! Step (d): classify every rejected example, and every schema the generator rejected.

use serde_json::Value;

use crate::refcheck::Finding;

/// Where a rejection comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// The example does not match its schema (the reference check finds the same problem at
    /// the same member).
    ExampleMismatch,
    /// The document is valid per the schema, or we fail on it: our defect.
    Defect,
    /// Neither rule applies confidently.
    Unexplained,
}

impl Class {
    pub fn label(self) -> &'static str {
        match self {
            Class::ExampleMismatch => "example does not match schema",
            Class::Defect => "defect of ours",
            Class::Unexplained => "unexplained",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Class::ExampleMismatch => "example-mismatch",
            Class::Defect => "defect",
            Class::Unexplained => "unexplained",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Verdict {
    pub class: Class,
    /// Grouping key (a finding kind, or a defect symptom).
    pub kind: String,
    /// One line per reason: `detail at /pointer`.
    pub reasons: Vec<String>,
    /// Violations whose pointer is an ancestor of the member the reference check blames:
    /// the rejection is right but our pointer is imprecise (a defect of ours, reported
    /// separately).
    pub imprecise: Vec<String>,
}

/// Human label of a reference finding kind.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        "required" => "required property missing (INSTANCE_REQUIRED_PROPERTY_MISSING)",
        "type" => "wrong JSON type (e.g. number where schema says string)",
        "null" => "null for a member that is not nullable",
        "wire-int64" => "int64/uint64 given as a JSON number; JSON Structure wire form is a string",
        "wire-int64-format" => "`integer`/`number` + `format: int64` given as a JSON number; lenient mode reads it as int64, whose wire form is a string",
        "wire-decimal" => "decimal given as a JSON number; wire form is a string",
        "enum" => "enum value not listed",
        "const" => "value differs from `const`",
        "format" => "malformed date / datetime / time / uuid / uri / binary text",
        "max-length" => "string longer than maxLength",
        "additional" => "undeclared member of a closed object (additionalProperties: false)",
        "int-range" => "integer out of the type's range",
        "int-fraction" => "fractional number where schema says an integer type",
        "integral-float" => "integral number written with a fraction/exponent (e.g. 1.0) for an integer type",
        "union" => "value matches no member of a type union",
        "set-duplicate" => "duplicate element in a set",
        "tuple-length" => "tuple of the wrong length",
        "choice" => "malformed choice",
        "min-length" => "string shorter than minLength",
        "pattern" => "string does not match `pattern`",
        "range" => "number outside minimum/maximum",
        "multiple-of" => "number not a multiple of `multipleOf`",
        "items-count" => "array shorter/longer than minItems/maxItems",
        "unique" => "repeated item where uniqueItems is true",
        "contains" => "`contains` not satisfied",
        "properties-count" => "object with too few/many members",
        "dependent-required" => "dependentRequired member missing",
        "pattern-properties" => "member does not match its patternProperties schema",
        "property-names" => "member name does not match propertyNames/keyNames",
        "entries-count" => "map with too few/many entries",
        "not" => "value matches the `not` schema",
        "any-of" => "value matches no `anyOf` schema",
        "one-of" => "value does not match exactly one `oneOf` schema",
        "one-of-unresolved" => "value matches several `oneOf` branches that are unresolvable references (read as any)",
        "if-then-else" => "`then`/`else` not satisfied",
        other => other,
    }
}

fn is_descendant(inner: &str, outer: &str) -> bool {
    inner.len() > outer.len() && inner.starts_with(outer) && inner.as_bytes()[outer.len()] == b'/'
}

/// Codes that report a problem *somewhere inside* the member (untagged unions, choices):
/// a reference finding below it explains it.
fn reports_inside(code: &str) -> bool {
    matches!(code, "INSTANCE_CHOICE_NO_MATCH" | "INSTANCE_UNION_NO_MATCH")
}

/// Compares our violations (pointer, code, message) with the reference findings.
pub fn classify_rejection(
    violations: &[(String, String, String)],
    findings: &[Finding],
) -> Verdict {
    if findings.is_empty() {
        let first = violations.first();
        return Verdict {
            class: Class::Defect,
            kind: format!(
                "valid document rejected ({})",
                first
                    .map(|v| v.1.as_str())
                    .unwrap_or("no violation reported")
            ),
            reasons: violations
                .iter()
                .map(|(p, c, m)| format!("{m} [{c}] at {}", if p.is_empty() { "/" } else { p }))
                .collect(),
            imprecise: Vec::new(),
        };
    }
    let mut reasons = Vec::new();
    let mut imprecise = Vec::new();
    let mut kinds = Vec::new();
    let mut unexplained = Vec::new();
    for (p, c, m) in violations {
        let matched = findings.iter().find(|f| f.pointer == *p).or_else(|| {
            reports_inside(c)
                .then(|| findings.iter().find(|f| is_descendant(&f.pointer, p)))
                .flatten()
        });
        match matched {
            Some(f) => {
                kinds.push(f.kind);
                reasons.push(format!(
                    "{} at {}",
                    f.detail,
                    if f.pointer.is_empty() {
                        "/"
                    } else {
                        &f.pointer
                    }
                ));
            }
            None => {
                // The reference check blames a member inside the one we name.
                let inner = if p.is_empty() {
                    None
                } else {
                    findings.iter().find(|f| is_descendant(&f.pointer, p))
                };
                match inner {
                    Some(f) => {
                        kinds.push(f.kind);
                        reasons.push(format!("{} at {}", f.detail, f.pointer));
                        imprecise.push(format!(
                            "we report {p} ({c}: {m}); the member at fault is {}",
                            f.pointer
                        ));
                    }
                    None => unexplained.push(format!(
                        "{m} [{c}] at {}",
                        if p.is_empty() { "/" } else { p }
                    )),
                }
            }
        }
    }
    if unexplained.is_empty() && kinds.contains(&"one-of-unresolved") {
        // Our reading makes the schema unsatisfiable: each branch is a reference read as
        // `any`, so every value matches every branch and `oneOf` (exactly one) always fails.
        return Verdict {
            class: Class::Defect,
            kind: "oneOf over $ref branches read as any: every value matches every branch, so every document is rejected".into(),
            reasons,
            imprecise,
        };
    }
    if unexplained.is_empty() {
        Verdict {
            class: Class::ExampleMismatch,
            kind: kinds.first().map(|k| k.to_string()).unwrap_or_default(),
            reasons,
            imprecise,
        }
    } else {
        let mut all = unexplained;
        all.push(format!(
            "reference check found: {}",
            findings
                .iter()
                .take(5)
                .map(|f| format!(
                    "{} at {}",
                    f.detail,
                    if f.pointer.is_empty() {
                        "/"
                    } else {
                        &f.pointer
                    }
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ));
        Verdict {
            class: Class::Unexplained,
            kind: "our violation at a member the reference check finds valid".into(),
            reasons: all,
            imprecise,
        }
    }
}

/// The verdict on a generator diagnostic for a file: is the diagnostic right (the file
/// really is outside JSON Structure and the documented lenient dialect), or does lenient
/// mode miss a construct it is meant to read (our defect)?
pub struct DiagVerdict {
    /// The diagnostic is right (the file is outside what we read).
    pub right: bool,
    /// No rule covers this diagnostic yet (neither right nor a known defect).
    pub unreviewed: bool,
    /// The construct (grouping key).
    pub construct: String,
}

fn node_at<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    doc.pointer(pointer)
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(p, _)| p)
}

/// `"['string', 'null']"`: a Python list repr used as a type name.
pub fn is_python_repr_union(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('[') && t.ends_with(']') && t.contains('\'')
}

pub fn diagnostic_verdict(doc: Option<&Value>, message: &str, pointer: &str) -> DiagVerdict {
    let Some(doc) = doc else {
        return DiagVerdict {
            right: true,
            unreviewed: false,
            construct: "file is not JSON".into(),
        };
    };
    let node = node_at(doc, pointer);
    if message.starts_with("unknown type") {
        if let Some(name) = node.and_then(Value::as_str) {
            if is_python_repr_union(name) {
                return DiagVerdict {
                    right: false,
                    unreviewed: false,
                    construct: "`type` is the literal string \"['T', 'null']\" (a Python list repr; listed in the issue)".into(),
                };
            }
            return DiagVerdict {
                right: true,
                unreviewed: false,
                construct: format!(
                    "ad-hoc type name \"{name}\": not JSON Structure, not in the lenient dialect"
                ),
            };
        }
    }
    if message.contains("cannot be a member of a type union") {
        // pointer: .../type/N; the schema is two levels up.
        let schema = node_at(doc, parent(parent(pointer)));
        let member = node.and_then(Value::as_str).unwrap_or("");
        let described = schema.is_some_and(|s| {
            (member == "object" && s.get("properties").is_some())
                || (member == "array" && s.get("items").is_some())
                || (member == "map" && s.get("values").is_some())
        });
        if described {
            return DiagVerdict {
                right: false,
                unreviewed: false,
                construct: format!(
                    "[\"{member}\", \"null\"] with the {member}'s keywords beside it (a nullable inline {member}): lenient mode reads `nullable` but not this spelling of it"
                ),
            };
        }
        return DiagVerdict {
            right: true,
            unreviewed: false,
            construct: format!("compound type \"{member}\" in a union with nothing describing it"),
        };
    }
    if message.starts_with("this document declares no types") {
        let typeless = [
            "type",
            "properties",
            "items",
            "definitions",
            "$defs",
            "allOf",
            "oneOf",
            "anyOf",
            "$ref",
            "$root",
            "enum",
            "fields",
        ]
        .iter()
        .all(|k| doc.get(*k).is_none());
        if typeless {
            return DiagVerdict {
                right: true,
                unreviewed: false,
                construct:
                    "a stub: `$schema`, `name`, `description` and no type information at all".into(),
            };
        }
    }
    if message.starts_with("a schema must be a JSON object, found a string") {
        if let Some(name) = node.and_then(Value::as_str) {
            return DiagVerdict {
                right: true,
                unreviewed: false,
                construct: format!(
                    "a bare type name (\"{name}\") where a schema is required (Avro-style `items`)"
                ),
            };
        }
    }
    DiagVerdict {
        right: false,
        unreviewed: true,
        construct: format!("unreviewed diagnostic: {message}"),
    }
}
