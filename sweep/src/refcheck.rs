//! An independent reference check of an instance against a schema document, written from
//! the JSON Structure Core wire forms and the README's lenient-mode rules, not from the
//! generator's code. It is what classification compares our rejections with: a violation
//! the reference check also finds is the example's fault; a document it finds valid but we
//! reject is ours.
//!
//! Each finding names the JSON Pointer of the member and a `kind` (stable, used to group)
//! with a human `detail`.

use std::collections::HashMap;

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub pointer: String,
    pub kind: &'static str,
    pub detail: String,
}

#[derive(Default)]
struct ObjectParts<'a> {
    props: Vec<(String, &'a Value)>,
    required: Vec<String>,
    closed: bool,
    additional: Option<&'a Value>,
}

pub struct Checker<'a> {
    root: &'a Value,
    /// Every definition by its last name, for the lenient fallback of dangling references.
    defs_by_name: HashMap<String, Vec<&'a Value>>,
}

const MAX_DEPTH: usize = 200;

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                "integer"
            } else {
                "number"
            }
        }
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn child(ptr: &str, token: &str) -> String {
    format!("{ptr}/{}", escape(token))
}

/// Type names lenient mode reads as another (README: "read with a warning").
pub fn alias(name: &str) -> Option<&'static str> {
    Some(match name {
        "record" => "object",
        "email" | "hostname" | "ipv4" | "ipv6" | "password" | "text" => "string",
        "date-time" => "datetime",
        "bool" => "boolean",
        "int" => "int32",
        "long" => "int64",
        _ => return None,
    })
}

const PRIMITIVES: &[&str] = &[
    "string",
    "number",
    "integer",
    "boolean",
    "null",
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
];

impl<'a> Checker<'a> {
    pub fn new(root: &'a Value) -> Self {
        let mut defs_by_name: HashMap<String, Vec<&'a Value>> = HashMap::new();
        fn collect<'a>(node: &'a Value, out: &mut HashMap<String, Vec<&'a Value>>, depth: usize) {
            if depth > 16 {
                return;
            }
            let Some(map) = node.as_object() else { return };
            for (k, v) in map {
                let is_schema = v.as_object().is_some_and(|m| {
                    m.contains_key("type")
                        || m.contains_key("properties")
                        || m.contains_key("$ref")
                        || m.contains_key("allOf")
                        || m.contains_key("enum")
                        || m.contains_key("items")
                });
                if is_schema {
                    out.entry(k.clone()).or_default().push(v);
                } else {
                    collect(v, out, depth + 1);
                }
            }
        }
        for key in ["definitions", "$defs"] {
            if let Some(d) = root.get(key) {
                collect(d, &mut defs_by_name, 0);
            }
        }
        Checker { root, defs_by_name }
    }

    /// The schema a `$ref` names: a JSON Pointer into this document; in lenient mode a
    /// dangling `#/components/schemas/X` is the one definition named `X`, else `any`.
    fn resolve(&self, target: &str) -> Option<&'a Value> {
        if let Some(ptr) = target.strip_prefix('#') {
            if let Some(v) = self.root.pointer(ptr) {
                return Some(v);
            }
        }
        let last = target.rsplit('/').next().unwrap_or(target);
        match self.defs_by_name.get(last) {
            Some(v) if v.len() == 1 => Some(v[0]),
            _ => None,
        }
    }

    /// The document's root schema.
    pub fn root_schema(&self) -> Option<&'a Value> {
        if let Some(r) = self.root.get("$root").and_then(Value::as_str) {
            return self.resolve(r);
        }
        Some(self.root)
    }

    pub fn check(&self, instance: &Value) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(schema) = self.root_schema() {
            self.node(schema, instance, "", 0, &mut out);
        }
        out
    }

    fn push(out: &mut Vec<Finding>, pointer: &str, kind: &'static str, detail: String) {
        out.push(Finding {
            pointer: pointer.to_string(),
            kind,
            detail,
        });
    }

    fn node(
        &self,
        schema: &'a Value,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(s) = schema.as_object() else {
            return; // `true` or something the generator rejects anyway
        };
        let nullable = s.get("nullable").and_then(Value::as_bool) == Some(true);
        if inst.is_null() && nullable {
            return;
        }
        match s.get("type") {
            Some(Value::String(name)) => match text_union(name) {
                Some(members) => self.text_union(s, &members, inst, ptr, depth, out),
                None => self.named(s, name, inst, ptr, depth, out),
            },
            Some(Value::Object(t)) => {
                if let Some(r) = t.get("$ref").and_then(Value::as_str) {
                    self.reference(r, inst, ptr, depth, out);
                }
            }
            Some(Value::Array(members)) => self.union(s, members, inst, ptr, depth, out),
            Some(_) => {}
            None => self.typeless(s, inst, ptr, depth, out),
        }
        if !inst.is_null() {
            self.constraints(s, inst, ptr, depth, out);
        }
    }

    /// What the schema's value is, for which constraint keywords apply (a keyword on a type
    /// it does not apply to is ignored in lenient mode).
    fn target(s: &Map<String, Value>) -> &'static str {
        let from_text: Option<String> = match s.get("type") {
            Some(Value::String(n)) => text_union(n).and_then(|m| {
                let others: Vec<String> = m.into_iter().filter(|x| x != "null").collect();
                (others.len() == 1).then(|| others[0].clone())
            }),
            _ => None,
        };
        let name: Option<&str> = match s.get("type") {
            Some(Value::String(_)) if from_text.is_some() => from_text.as_deref(),
            Some(Value::String(n)) if text_union(n).is_some() => None,
            Some(Value::String(n)) => Some(n.as_str()),
            Some(Value::Array(m)) => {
                let others: Vec<&Value> = m.iter().filter(|v| v.as_str() != Some("null")).collect();
                if others.len() == 1 {
                    others[0].as_str()
                } else {
                    None
                }
            }
            Some(_) => None,
            None => {
                if s.contains_key("$ref") || s.contains_key("allOf") {
                    None
                } else if s.contains_key("properties") {
                    Some("object")
                } else if s.contains_key("items") {
                    Some("array")
                } else if s
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|v| v.iter().all(Value::is_string))
                {
                    Some("string")
                } else {
                    None
                }
            }
        };
        let Some(name) = name else { return "other" };
        let name = alias(name).unwrap_or(name);
        let name = promote(s, name);
        match name {
            "string" => "string",
            "number" | "integer" | "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32"
            | "int64" | "uint64" | "int128" | "uint128" | "float8" | "float" | "double"
            | "decimal" => "numeric",
            "array" => "array",
            "set" => "set",
            "object" => "object",
            "map" => "map",
            _ => "other",
        }
    }

    /// The validation keywords (honoured in lenient mode) and conditional composition.
    fn constraints(
        &self,
        s: &'a Map<String, Value>,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        let target = Self::target(s);
        let count = |k: &str| s.get(k).and_then(Value::as_u64);
        match (target, inst) {
            ("string", Value::String(text)) => {
                let n = text.chars().count() as u64;
                if let Some(min) = count("minLength") {
                    if n < min {
                        Self::push(
                            out,
                            ptr,
                            "min-length",
                            format!("string of {n} characters, fewer than minLength {min}"),
                        );
                    }
                }
                if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                    if let Some(re) = ecma_regex(p) {
                        if !re.is_match(text) {
                            Self::push(
                                out,
                                ptr,
                                "pattern",
                                format!("{} does not match pattern {}", short(inst), p),
                            );
                        }
                    }
                }
                if let Some(f) = s.get("format").and_then(Value::as_str) {
                    if let Some(false) = check_format(text, f) {
                        Self::push(
                            out,
                            ptr,
                            "format",
                            format!("{} is not a valid {f} (`format: {f}`)", short(inst)),
                        );
                    }
                }
            }
            ("numeric", v) => {
                let value: Option<f64> = match v {
                    Value::Number(n) => n.as_f64(),
                    Value::String(t) => t.parse::<f64>().ok(),
                    _ => None,
                };
                if let Some(x) = value {
                    let bound = |k: &str| s.get(k).and_then(Value::as_f64);
                    if let Some(b) = bound("minimum") {
                        if x < b {
                            Self::push(
                                out,
                                ptr,
                                "range",
                                format!("{} is less than minimum {b}", short(v)),
                            );
                        }
                    }
                    if let Some(b) = bound("maximum") {
                        if x > b {
                            Self::push(
                                out,
                                ptr,
                                "range",
                                format!("{} is greater than maximum {b}", short(v)),
                            );
                        }
                    }
                    if let Some(b) = bound("exclusiveMinimum") {
                        if x <= b {
                            Self::push(
                                out,
                                ptr,
                                "range",
                                format!("{} is not greater than exclusiveMinimum {b}", short(v)),
                            );
                        }
                    }
                    if let Some(b) = bound("exclusiveMaximum") {
                        if x >= b {
                            Self::push(
                                out,
                                ptr,
                                "range",
                                format!("{} is not less than exclusiveMaximum {b}", short(v)),
                            );
                        }
                    }
                    if let Some(m) = bound("multipleOf") {
                        if m > 0.0 {
                            let q = x / m;
                            if (q - q.round()).abs() > 1e-9 * q.abs().max(1.0) {
                                Self::push(
                                    out,
                                    ptr,
                                    "multiple-of",
                                    format!("{} is not a multiple of {m}", short(v)),
                                );
                            }
                        }
                    }
                }
            }
            ("array" | "set", Value::Array(items)) => {
                let n = items.len() as u64;
                if let Some(min) = count("minItems") {
                    if n < min {
                        Self::push(
                            out,
                            ptr,
                            "items-count",
                            format!("{n} items, fewer than minItems {min}"),
                        );
                    }
                }
                if let Some(max) = count("maxItems") {
                    if n > max {
                        Self::push(
                            out,
                            ptr,
                            "items-count",
                            format!("{n} items, more than maxItems {max}"),
                        );
                    }
                }
                if s.get("uniqueItems") == Some(&Value::Bool(true)) {
                    for (i, v) in items.iter().enumerate() {
                        if items[..i].iter().any(|w| same_value(w, v)) {
                            Self::push(
                                out,
                                ptr,
                                "unique",
                                format!("item {i} repeats an earlier item (uniqueItems)"),
                            );
                            break;
                        }
                    }
                }
                if let Some(c) = s.get("contains") {
                    let matching =
                        items.iter().filter(|v| self.matches(c, v, depth)).count() as u64;
                    let min = count("minContains").unwrap_or(1);
                    if matching < min {
                        Self::push(
                            out,
                            ptr,
                            "contains",
                            format!("{matching} items match `contains`, fewer than {min}"),
                        );
                    }
                    if let Some(max) = count("maxContains") {
                        if matching > max {
                            Self::push(out, ptr, "contains", format!("{matching} items match `contains`, more than maxContains {max}"));
                        }
                    }
                }
            }
            ("object", Value::Object(members)) => {
                let n = members.len() as u64;
                if let Some(min) = count("minProperties") {
                    if n < min {
                        Self::push(
                            out,
                            ptr,
                            "properties-count",
                            format!("{n} members, fewer than minProperties {min}"),
                        );
                    }
                }
                if let Some(max) = count("maxProperties") {
                    if n > max {
                        Self::push(
                            out,
                            ptr,
                            "properties-count",
                            format!("{n} members, more than maxProperties {max}"),
                        );
                    }
                }
                if let Some(dr) = s.get("dependentRequired").and_then(Value::as_object) {
                    for (k, needs) in dr {
                        if members.contains_key(k) {
                            for need in needs
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(Value::as_str)
                            {
                                if !members.contains_key(need) {
                                    Self::push(
                                        out,
                                        ptr,
                                        "dependent-required",
                                        format!("`{k}` is present, so `{need}` is required"),
                                    );
                                }
                            }
                        }
                    }
                }
                if let Some(pp) = s.get("patternProperties").and_then(Value::as_object) {
                    for (p, sub) in pp {
                        if let Some(re) = ecma_regex(p) {
                            for (k, v) in members {
                                if re.is_match(k) && !self.matches(sub, v, depth) {
                                    Self::push(out, &child(ptr, k), "pattern-properties", format!("member `{k}` does not match the schema of patternProperties {p}"));
                                }
                            }
                        }
                    }
                }
                if let Some(pn) = s.get("propertyNames") {
                    for k in members.keys() {
                        if !self.matches(pn, &Value::String(k.clone()), depth) {
                            Self::push(
                                out,
                                ptr,
                                "property-names",
                                format!("member name `{k}` does not match propertyNames"),
                            );
                        }
                    }
                }
            }
            ("map", Value::Object(members)) => {
                let n = members.len() as u64;
                if let Some(min) = count("minEntries") {
                    if n < min {
                        Self::push(
                            out,
                            ptr,
                            "entries-count",
                            format!("{n} entries, fewer than minEntries {min}"),
                        );
                    }
                }
                if let Some(max) = count("maxEntries") {
                    if n > max {
                        Self::push(
                            out,
                            ptr,
                            "entries-count",
                            format!("{n} entries, more than maxEntries {max}"),
                        );
                    }
                }
                if let Some(kn) = s.get("keyNames") {
                    for k in members.keys() {
                        if !self.matches(kn, &Value::String(k.clone()), depth) {
                            Self::push(
                                out,
                                ptr,
                                "property-names",
                                format!("key `{k}` does not match keyNames"),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
        // Conditional composition.
        if let Some(n) = s.get("not") {
            if self.matches(n, inst, depth) {
                Self::push(out, ptr, "not", "value matches the `not` schema".into());
            }
        }
        if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
            if !any.is_empty() && !any.iter().any(|b| self.matches(b, inst, depth)) {
                Self::push(
                    out,
                    ptr,
                    "any-of",
                    format!(
                        "{} matches none of the {} anyOf schemas",
                        json_kind(inst),
                        any.len()
                    ),
                );
            }
        }
        if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
            if !one.is_empty() {
                let n = one.iter().filter(|b| self.matches(b, inst, depth)).count();
                if n != 1 {
                    let unresolved = one.iter().filter(|b| self.is_unresolved_ref(b)).count();
                    let detail = if n > 1 && unresolved >= 2 {
                        format!("{} matches {n} of the {} oneOf schemas ({unresolved} are references this document cannot resolve, read as any)", json_kind(inst), one.len())
                    } else {
                        format!(
                            "{} matches {n} of the {} oneOf schemas (exactly one required)",
                            json_kind(inst),
                            one.len()
                        )
                    };
                    Self::push(
                        out,
                        ptr,
                        if n > 1 && unresolved >= 2 {
                            "one-of-unresolved"
                        } else {
                            "one-of"
                        },
                        detail,
                    );
                }
            }
        }
        if let Some(cond) = s.get("if") {
            let branch = if self.matches(cond, inst, depth) {
                s.get("then")
            } else {
                s.get("else")
            };
            if let Some(b) = branch {
                if !self.matches(b, inst, depth) {
                    Self::push(
                        out,
                        ptr,
                        "if-then-else",
                        "value does not match the `then`/`else` schema its `if` selects".into(),
                    );
                }
            }
        }
    }

    /// Whether `inst` is valid against a sub-schema.
    fn matches(&self, schema: &'a Value, inst: &Value, depth: usize) -> bool {
        if schema == &Value::Bool(true) {
            return true;
        }
        if schema == &Value::Bool(false) {
            return false;
        }
        let mut sub = Vec::new();
        self.node(schema, inst, "", depth + 1, &mut sub);
        sub.is_empty()
    }

    fn is_unresolved_ref(&self, schema: &Value) -> bool {
        schema.get("type").is_none()
            && schema
                .get("$ref")
                .and_then(Value::as_str)
                .is_some_and(|r| self.resolve(r).is_none())
    }

    fn reference(
        &self,
        target: &str,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        if let Some(t) = self.resolve(target) {
            self.node(t, inst, ptr, depth + 1, out);
        }
    }

    fn typeless(
        &self,
        s: &'a Map<String, Value>,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            return self.reference(r, inst, ptr, depth, out);
        }
        if let Some(branches) = s.get("allOf").and_then(Value::as_array) {
            return self.all_of(branches, inst, ptr, depth, out);
        }
        if s.contains_key("properties") {
            return self.object(s, inst, ptr, depth, out);
        }
        if s.contains_key("items") {
            return self.collection(s, "array", inst, ptr, depth, out);
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            if values.iter().all(Value::is_string) {
                self.primitive(s, "string", inst, ptr, out);
            }
        }
        // otherwise any
    }

    /// `allOf`: one branch is that branch; object branches are merged (properties and
    /// `required` united; closed if any branch is closed); a `$ref` branch contributes its
    /// target's members (README: `$ref` + object branches read as `$extends`).
    fn all_of(
        &self,
        branches: &'a [Value],
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        if branches.len() == 1 {
            return self.node(&branches[0], inst, ptr, depth + 1, out);
        }
        let mut parts = ObjectParts::default();
        let mut objects = 0;
        for b in branches {
            let mut b: &'a Value = b;
            let mut hops = 0;
            while let Some(r) = b.get("$ref").and_then(Value::as_str) {
                match self.resolve(r) {
                    Some(t) if hops < 16 => {
                        b = t;
                        hops += 1;
                    }
                    _ => break,
                }
            }
            let Some(m) = b.as_object() else { continue };
            let is_object = m
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t == "object" || t == "record")
                || (m.get("type").is_none() && m.contains_key("properties"));
            if !is_object {
                if b.get("$ref").is_none() {
                    self.node(b, inst, ptr, depth + 1, out);
                }
                continue;
            }
            objects += 1;
            self.collect_parts(m, &mut parts);
        }
        if objects > 0 {
            self.check_parts(&parts, inst, ptr, depth, out);
        }
    }

    /// A union written as text (`"['string', 'null']"`, `"string|null"`): each member a
    /// type name described by the same schema (README, lenient mode).
    fn text_union(
        &self,
        s: &'a Map<String, Value>,
        members: &[String],
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        if inst.is_null() && members.iter().any(|m| m == "null") {
            return;
        }
        let others: Vec<&String> = members.iter().filter(|m| *m != "null").collect();
        if others.len() == 1 {
            return self.named(s, others[0], inst, ptr, depth, out);
        }
        let mut reasons = Vec::new();
        for m in &others {
            let mut sub = Vec::new();
            self.named(s, m, inst, ptr, depth, &mut sub);
            if sub.is_empty() {
                return;
            }
            reasons.push(sub);
        }
        if others.is_empty() {
            Self::push(
                out,
                ptr,
                "type",
                format!("{} where schema says null", json_kind(inst)),
            );
            return;
        }
        let names: Vec<&str> = others.iter().map(|m| m.as_str()).collect();
        Self::push(
            out,
            ptr,
            "union",
            format!(
                "{} matches none of the union members ({})",
                json_kind(inst),
                names.join(", ")
            ),
        );
        out.extend(reasons.into_iter().flatten());
    }

    fn union(
        &self,
        s: &'a Map<String, Value>,
        members: &'a [Value],
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        let allows_null = members.iter().any(|m| m.as_str() == Some("null"));
        if inst.is_null() && allows_null {
            return;
        }
        let others: Vec<&'a Value> = members
            .iter()
            .filter(|m| m.as_str() != Some("null"))
            .collect();
        let check_member = |m: &'a Value, out: &mut Vec<Finding>| match m {
            Value::String(name) => self.named(s, name, inst, ptr, depth, out),
            Value::Object(o) => match o.get("$ref").and_then(Value::as_str) {
                Some(r) => self.reference(r, inst, ptr, depth, out),
                None => self.node(m, inst, ptr, depth + 1, out),
            },
            _ => {}
        };
        if others.len() == 1 {
            return check_member(others[0], out);
        }
        let mut reasons = Vec::new();
        for m in &others {
            let mut sub = Vec::new();
            check_member(m, &mut sub);
            if sub.is_empty() {
                return;
            }
            reasons.push(sub);
        }
        if others.is_empty() {
            Self::push(
                out,
                ptr,
                "type",
                format!("{} where schema says null", json_kind(inst)),
            );
            return;
        }
        let names: Vec<String> = others
            .iter()
            .map(|m| match m {
                Value::String(n) => n.clone(),
                Value::Object(o) => o
                    .get("$ref")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| o.get("type").map(|t| t.to_string()))
                    .unwrap_or_else(|| "schema".into()),
                _ => "?".into(),
            })
            .collect();
        Self::push(
            out,
            ptr,
            "union",
            format!(
                "{} matches none of the union members ({})",
                json_kind(inst),
                names.join(", ")
            ),
        );
        // The reasons of each member, under the union's pointer, help explain.
        for r in reasons.into_iter().flatten() {
            out.push(r);
        }
    }

    fn named(
        &self,
        s: &'a Map<String, Value>,
        name: &str,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        let name = alias(name).unwrap_or(name);
        match name {
            "object" => self.object(s, inst, ptr, depth, out),
            "array" | "set" | "map" => self.collection(s, name, inst, ptr, depth, out),
            "tuple" => self.tuple(s, inst, ptr, depth, out),
            "choice" => self.choice(s, inst, ptr, depth, out),
            "any" => {}
            _ if PRIMITIVES.contains(&name) => {
                let promoted = promote(s, name);
                self.primitive(s, promoted, inst, ptr, out)
            }
            _ => {} // unknown: the generator rejects the file
        }
    }

    fn object(
        &self,
        s: &'a Map<String, Value>,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        let mut parts = ObjectParts::default();
        self.collect_parts(s, &mut parts);
        self.check_parts(&parts, inst, ptr, depth, out);
    }

    /// Adds an object schema's members: `properties` (else Avro `fields`), those of its
    /// `$extends` bases, `required` (an undeclared name is ignored in lenient mode; with
    /// sets of names, Form B, a name every set lists), `additionalProperties`.
    fn collect_parts(&self, s: &'a Map<String, Value>, parts: &mut ObjectParts<'a>) {
        let mut own: Vec<(String, &'a Value)> = Vec::new();
        if let Some(p) = s.get("properties").and_then(Value::as_object) {
            own.extend(p.iter().map(|(k, v)| (k.clone(), v)));
        } else if let Some(fields) = s.get("fields").and_then(Value::as_array) {
            for f in fields {
                if let Some(n) = f.get("name").and_then(Value::as_str) {
                    own.push((n.to_string(), f));
                }
            }
        }
        let has_extends = s.contains_key("$extends");
        if let Some(ext) = s.get("$extends") {
            let targets: Vec<&'a Value> = match ext {
                Value::Array(a) => a.iter().collect(),
                v => vec![v],
            };
            for t in targets {
                let target = t.as_str().or_else(|| t.get("$ref").and_then(Value::as_str));
                if let Some(base) = target
                    .and_then(|t| self.resolve(t))
                    .and_then(Value::as_object)
                {
                    self.collect_parts(base, parts);
                }
            }
        }
        if let Some(req) = s.get("required").and_then(Value::as_array) {
            let sets: Vec<Vec<String>> = req
                .iter()
                .filter_map(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .collect();
            if sets.is_empty() {
                for r in req.iter().filter_map(Value::as_str) {
                    if has_extends || own.iter().any(|(n, _)| n == r) {
                        parts.required.push(r.to_string());
                    }
                }
            } else if let Some(first) = sets.first() {
                for n in first {
                    if sets.iter().all(|s| s.contains(n)) {
                        parts.required.push(n.clone());
                    }
                }
            }
        }
        for (k, v) in own {
            if !parts.props.iter().any(|(n, _)| *n == k) {
                parts.props.push((k, v));
            }
        }
        match s.get("additionalProperties") {
            Some(Value::Bool(false)) => parts.closed = true,
            Some(a @ Value::Object(m)) if !m.is_empty() => parts.additional = Some(a),
            _ => {}
        }
    }

    fn check_parts(
        &self,
        parts: &ObjectParts<'a>,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        let Some(obj) = inst.as_object() else {
            let detail = if inst.is_null() {
                "null where schema says object (not nullable)".to_string()
            } else {
                format!("{} where schema says object", json_kind(inst))
            };
            Self::push(
                out,
                ptr,
                if inst.is_null() { "null" } else { "type" },
                detail,
            );
            return;
        };
        let mut seen = Vec::new();
        for r in &parts.required {
            if !obj.contains_key(r) && !seen.contains(r) {
                seen.push(r.clone());
                Self::push(
                    out,
                    &child(ptr, r),
                    "required",
                    format!("required property `{r}` missing"),
                );
            }
        }
        for (k, v) in obj {
            let p = child(ptr, k);
            match parts.props.iter().find(|(n, _)| n == k) {
                Some((_, ps)) => self.node(ps, v, &p, depth + 1, out),
                None => {
                    if parts.closed {
                        Self::push(
                            out,
                            &p,
                            "additional",
                            format!("member `{k}` is not declared and the object is closed"),
                        );
                    } else if let Some(a) = parts.additional {
                        self.node(a, v, &p, depth + 1, out);
                    }
                }
            }
        }
    }

    fn collection(
        &self,
        s: &'a Map<String, Value>,
        kind: &str,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        let key = if kind == "map" { "values" } else { "items" };
        let element = s.get(key);
        if kind == "map" {
            let Some(obj) = inst.as_object() else {
                Self::push(
                    out,
                    ptr,
                    "type",
                    format!("{} where schema says map", json_kind(inst)),
                );
                return;
            };
            if let Some(e) = element {
                for (k, v) in obj {
                    self.node(e, v, &child(ptr, k), depth + 1, out);
                }
            }
            return;
        }
        let Some(arr) = inst.as_array() else {
            Self::push(
                out,
                ptr,
                "type",
                format!("{} where schema says {kind}", json_kind(inst)),
            );
            return;
        };
        if let Some(e) = element {
            for (i, v) in arr.iter().enumerate() {
                self.node(e, v, &format!("{ptr}/{i}"), depth + 1, out);
            }
        }
        if kind == "set" {
            for (i, v) in arr.iter().enumerate() {
                if arr[..i].contains(v) {
                    Self::push(
                        out,
                        &format!("{ptr}/{i}"),
                        "set-duplicate",
                        format!("duplicate set element {}", short(v)),
                    );
                }
            }
        }
    }

    fn tuple(
        &self,
        s: &'a Map<String, Value>,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        let Some(arr) = inst.as_array() else {
            Self::push(
                out,
                ptr,
                "type",
                format!("{} where schema says tuple", json_kind(inst)),
            );
            return;
        };
        let order: Vec<&str> = s
            .get("tuple")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if arr.len() != order.len() {
            Self::push(
                out,
                ptr,
                "tuple-length",
                format!(
                    "tuple of {} elements where schema says {}",
                    arr.len(),
                    order.len()
                ),
            );
            return;
        }
        for (i, name) in order.iter().enumerate() {
            if let Some(ps) = s.get("properties").and_then(|p| p.get(*name)) {
                self.node(ps, &arr[i], &format!("{ptr}/{i}"), depth + 1, out);
            }
        }
    }

    fn choice(
        &self,
        s: &'a Map<String, Value>,
        inst: &Value,
        ptr: &str,
        depth: usize,
        out: &mut Vec<Finding>,
    ) {
        let Some(choices) = s.get("choices").and_then(Value::as_object) else {
            return;
        };
        let Some(obj) = inst.as_object() else {
            Self::push(
                out,
                ptr,
                "type",
                format!("{} where schema says choice", json_kind(inst)),
            );
            return;
        };
        match s.get("selector").and_then(Value::as_str) {
            Some(sel) => {
                let Some(case) = obj.get(sel).and_then(Value::as_str) else {
                    Self::push(
                        out,
                        &child(ptr, sel),
                        "required",
                        format!("selector `{sel}` missing"),
                    );
                    return;
                };
                match choices.get(case) {
                    Some(cs) => {
                        let mut without = obj.clone();
                        without.remove(sel);
                        self.node(cs, &Value::Object(without), ptr, depth + 1, out);
                    }
                    None => Self::push(
                        out,
                        &child(ptr, sel),
                        "enum",
                        format!("`{case}` is not a choice"),
                    ),
                }
            }
            None => {
                if obj.len() != 1 {
                    Self::push(
                        out,
                        ptr,
                        "choice",
                        format!(
                            "a tagged choice needs exactly one member, found {}",
                            obj.len()
                        ),
                    );
                    return;
                }
                let (k, v) = obj.iter().next().expect("one member");
                match choices.get(k) {
                    Some(cs) => self.node(cs, v, &child(ptr, k), depth + 1, out),
                    None => Self::push(
                        out,
                        &child(ptr, k),
                        "enum",
                        format!("`{k}` is not a choice"),
                    ),
                }
            }
        }
    }

    fn primitive(
        &self,
        s: &Map<String, Value>,
        prim: &str,
        inst: &Value,
        ptr: &str,
        out: &mut Vec<Finding>,
    ) {
        if let Some(reason) = check_primitive(s, prim, inst) {
            let kind = reason.0;
            Self::push(out, ptr, kind, reason.1);
            return;
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            if !values.iter().any(|v| same_value(v, inst)) {
                let listed: Vec<String> = values.iter().take(6).map(short).collect();
                Self::push(
                    out,
                    ptr,
                    "enum",
                    format!(
                        "enum value {} not listed ({}{})",
                        short(inst),
                        listed.join(", "),
                        if values.len() > 6 { ", ..." } else { "" }
                    ),
                );
                return;
            }
        }
        if let Some(c) = s.get("const") {
            if !same_value(c, inst) {
                Self::push(
                    out,
                    ptr,
                    "const",
                    format!("{} where schema says const {}", short(inst), short(c)),
                );
                return;
            }
        }
        if let (Some(max), Some(text)) = (s.get("maxLength").and_then(Value::as_u64), inst.as_str())
        {
            let n = text.chars().count() as u64;
            if n > max {
                Self::push(
                    out,
                    ptr,
                    "max-length",
                    format!("string of {n} characters, more than maxLength {max}"),
                );
            }
        }
    }
}

/// The members of a union written as text: a Python list repr `"['string', 'null']"` or
/// `"string|null"`; `None` for a plain type name.
pub fn text_union(name: &str) -> Option<Vec<String>> {
    let t = name.trim();
    let parts: Vec<String> = if t.starts_with('[') && t.ends_with(']') {
        t[1..t.len() - 1]
            .split(',')
            .map(|p| {
                p.trim()
                    .trim_matches(|c| c == '\'' || c == '"')
                    .trim()
                    .to_string()
            })
            .filter(|p| !p.is_empty())
            .collect()
    } else if t.contains('|') {
        t.split('|')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        return None;
    };
    (!parts.is_empty()).then_some(parts)
}

/// An ECMAScript pattern as a `regex` (unanchored search): `\\d`, `\\w` are ASCII as in
/// ECMAScript. `None` when it cannot be expressed (look-around, backreferences).
fn ecma_regex(p: &str) -> Option<regex::Regex> {
    let translated = p
        .replace("\\d", "[0-9]")
        .replace("\\w", "[A-Za-z0-9_]")
        .replace("\\D", "[^0-9]")
        .replace("\\W", "[^A-Za-z0-9_]");
    regex::Regex::new(&translated).ok()
}

/// `Some(false)` when `text` is not valid for the string `format`; `None` for formats that
/// are not checked (`uri-template`, unknown ones).
fn check_format(text: &str, format: &str) -> Option<bool> {
    Some(match format {
        "email" | "idn-email" => is_email(text),
        "hostname" | "idn-hostname" => is_hostname(text),
        "ipv4" => is_ipv4(text),
        "ipv6" => text.parse::<std::net::Ipv6Addr>().is_ok(),
        "uri" | "iri" => is_uri_reference(text) && has_scheme(text),
        "uri-reference" | "iri-reference" => is_uri_reference(text),
        "date" => is_date(text),
        "time" => is_time(text, true),
        "date-time" | "datetime" => is_datetime(text),
        "duration" => is_duration(text),
        "uuid" => is_uuid(text),
        "json-pointer" => is_json_pointer(text),
        _ => return None,
    })
}

fn has_scheme(t: &str) -> bool {
    let end = t.find(['/', '?', '#']).unwrap_or(t.len());
    t[..end].contains(':')
}

fn is_ipv4(t: &str) -> bool {
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// RFC 1123 host name: dot-separated labels of 1-63 letters, digits, hyphens (not at either
/// end), at most 253 characters, no trailing dot.
fn is_hostname(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 253
        && t.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// RFC 5321 mailbox, simplified: a dot-atom (or quoted) local part of 1-64 octets, `@`, a
/// host name or an address literal.
fn is_email(t: &str) -> bool {
    let Some(at) = t.rfind('@') else { return false };
    let (local, domain) = (&t[..at], &t[at + 1..]);
    let local_ok = if local.starts_with('"') && local.ends_with('"') && local.len() >= 2 {
        true
    } else {
        !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
    };
    let domain_ok = if domain.starts_with('[') && domain.ends_with(']') {
        true
    } else {
        is_hostname(domain)
    };
    local_ok && domain_ok
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Lenient mode's `format` promotion (README): on strings `date-time`, `date`, `time`,
/// `duration`, `uuid`, `uri`/`uri-reference`/`url`, `byte`; on numbers `int32`, `int64`,
/// `float`, `double`. Not when the schema has `enum` or `const`.
fn promote<'b>(s: &Map<String, Value>, prim: &'b str) -> &'b str {
    let Some(format) = s.get("format").and_then(Value::as_str) else {
        return prim;
    };
    if s.contains_key("enum") || s.contains_key("const") {
        return prim;
    }
    match (prim, format) {
        ("string", "date-time") => "datetime",
        ("string", "date") => "date",
        ("string", "time") => "time",
        ("string", "duration") => "duration",
        ("string", "uuid") => "uuid",
        ("string", "uri" | "uri-reference" | "url") => "uri",
        ("string", "byte") => "binary",
        ("integer" | "number", "int64") => "int64",
        ("integer" | "number", "int32") => "int32",
        ("number", "float") => "float",
        ("number", "double") => "double",
        _ => prim,
    }
}

/// Whether a promoted type came from `format` (for the explanation).
pub fn promoted_from_format(s: &Map<String, Value>, prim: &str) -> bool {
    promote(s, prim) != prim
}

fn int_range(prim: &str) -> Option<(i128, i128)> {
    Some(match prim {
        "int8" => (i8::MIN as i128, i8::MAX as i128),
        "uint8" => (0, u8::MAX as i128),
        "int16" => (i16::MIN as i128, i16::MAX as i128),
        "uint16" => (0, u16::MAX as i128),
        "int32" | "integer" => (i32::MIN as i128, i32::MAX as i128),
        "uint32" => (0, u32::MAX as i128),
        "int64" => (i64::MIN as i128, i64::MAX as i128),
        "uint64" => (0, u64::MAX as i128),
        "int128" => (i128::MIN, i128::MAX),
        "uint128" => (0, i128::MAX),
        _ => return None,
    })
}

/// `None` when `inst` has `prim`'s wire form; else (kind, detail).
fn check_primitive(
    s: &Map<String, Value>,
    prim: &str,
    inst: &Value,
) -> Option<(&'static str, String)> {
    let got = json_kind(inst);
    let want_string = |what: &str| -> Option<(&'static str, String)> {
        if inst.is_string() {
            None
        } else if inst.is_null() {
            Some((
                "null",
                format!("null where schema says {what} (not nullable)"),
            ))
        } else {
            Some(("type", format!("{got} where schema says {what}")))
        }
    };
    let text = inst.as_str().unwrap_or("");
    match prim {
        "string" => want_string("string"),
        "boolean" => match inst {
            Value::Bool(_) => None,
            Value::Null => Some((
                "null",
                "null where schema says boolean (not nullable)".into(),
            )),
            _ => Some(("type", format!("{got} where schema says boolean"))),
        },
        "null" => (!inst.is_null()).then(|| ("type", format!("{got} where schema says null"))),
        "number" | "double" | "float" | "float8" => match inst {
            Value::Number(_) => None,
            Value::Null => Some((
                "null",
                format!("null where schema says {prim} (not nullable)"),
            )),
            _ => Some(("type", format!("{got} where schema says {prim}"))),
        },
        "integer" | "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32" => match inst {
            Value::Number(n) => {
                let (lo, hi) = int_range(prim).unwrap_or((i128::MIN, i128::MAX));
                let v: Option<i128> = n
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| n.as_u64().map(i128::from));
                match v {
                    Some(v) if v < lo || v > hi => {
                        Some(("int-range", format!("{v} is out of the {prim} range")))
                    }
                    Some(_) => None,
                    None => {
                        let f = n.as_f64().unwrap_or(f64::NAN);
                        if f.fract() == 0.0 && f.abs() < 1e15 {
                            Some(("integral-float", format!("{n} (written with a fraction or exponent) where schema says {prim}")))
                        } else {
                            Some(("int-fraction", format!("{n} is not an integer ({prim})")))
                        }
                    }
                }
            }
            Value::Null => Some((
                "null",
                format!("null where schema says {prim} (not nullable)"),
            )),
            _ => Some(("type", format!("{got} where schema says {prim}"))),
        },
        "int64" | "uint64" | "int128" | "uint128" => match inst {
            Value::String(t) => {
                if !is_json_integer(t) {
                    return Some((
                        "format",
                        format!("{} is not a string-encoded {prim}", short(inst)),
                    ));
                }
                let (lo, hi) = int_range(prim).unwrap_or((i128::MIN, i128::MAX));
                match t.parse::<i128>() {
                    Ok(v) if v >= lo && v <= hi => None,
                    Ok(_) | Err(_) if prim == "uint128" && t.parse::<u128>().is_ok() => None,
                    _ => Some(("int-range", format!("{t} is out of the {prim} range"))),
                }
            }
            Value::Number(_) => {
                let from_format = promoted_from_format(s, prim);
                if from_format {
                    Some((
                        "wire-int64-format",
                        format!("JSON number {} where lenient mode reads `{}` + `format: {prim}` as {prim}, whose wire form is a string", short(inst), s.get("type").and_then(Value::as_str).unwrap_or("integer")),
                    ))
                } else {
                    Some(("wire-int64", format!("JSON number {} for {prim}; the JSON Structure wire form is a string (\"{}\")", short(inst), inst)))
                }
            }
            Value::Null => Some((
                "null",
                format!("null where schema says {prim} (not nullable)"),
            )),
            _ => Some((
                "type",
                format!("{got} where schema says {prim} (a string-encoded integer)"),
            )),
        },
        "decimal" => match inst {
            Value::String(t) if is_decimal(t) => None,
            Value::String(_) => Some(("format", format!("{} is not a decimal", short(inst)))),
            Value::Number(_) => Some((
                "wire-decimal",
                format!(
                    "JSON number {} for decimal; the JSON Structure wire form is a string",
                    short(inst)
                ),
            )),
            Value::Null => Some((
                "null",
                "null where schema says decimal (not nullable)".into(),
            )),
            _ => Some(("type", format!("{got} where schema says decimal"))),
        },
        "date" | "datetime" | "time" | "duration" | "uuid" | "uri" | "binary" | "jsonpointer" => {
            if let Some(r) = want_string(prim) {
                return Some(r);
            }
            let ok = match prim {
                "date" => is_date(text),
                "datetime" => is_datetime(text),
                "time" => is_time(text, true),
                "duration" => is_duration(text),
                "uuid" => is_uuid(text),
                "uri" => is_uri_reference(text),
                "binary" => is_encoded(
                    text,
                    s.get("contentEncoding")
                        .or_else(|| s.get("encoding"))
                        .and_then(Value::as_str)
                        .unwrap_or("base64"),
                ),
                "jsonpointer" => is_json_pointer(text),
                _ => true,
            };
            if ok {
                None
            } else {
                let from = if promoted_from_format(s, prim) {
                    format!(
                        " (`format: {}`)",
                        s.get("format").and_then(Value::as_str).unwrap_or("")
                    )
                } else {
                    String::new()
                };
                Some((
                    "format",
                    format!("{} is not a valid {prim}{from}", short(inst)),
                ))
            }
        }
        _ => None,
    }
}

fn digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

fn num(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
}

pub fn is_json_integer(t: &str) -> bool {
    let b = t.strip_prefix('-').unwrap_or(t).as_bytes();
    digits(b) && (b.len() == 1 || b[0] != b'0')
}

pub fn is_decimal(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    digits(int.as_bytes()) && frac.is_none_or(|f| digits(f.as_bytes()))
}

pub fn is_date(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(&b[0..4])
        || !digits(&b[5..7])
        || !digits(&b[8..10])
    {
        return false;
    }
    let (y, m, d) = (num(&b[0..4]), num(&b[5..7]), num(&b[8..10]));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    d >= 1 && d <= days
}

/// `HH:MM:SS[.frac]` then, if `offset_optional`, an optional offset, else a required one.
fn is_time_with(t: &str, offset_required: bool) -> bool {
    let b = t.as_bytes();
    if b.len() < 8
        || b[2] != b':'
        || b[5] != b':'
        || !digits(&b[0..2])
        || !digits(&b[3..5])
        || !digits(&b[6..8])
    {
        return false;
    }
    if num(&b[0..2]) > 23 || num(&b[3..5]) > 59 || num(&b[6..8]) > 60 {
        return false;
    }
    let mut rest = &b[8..];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &rest[1 + n..];
    }
    match rest {
        [] => !offset_required,
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let (h, m) = ([*h1, *h2], [*m1, *m2]);
            digits(&h) && digits(&m) && num(&h) <= 23 && num(&m) <= 59
        }
        _ => false,
    }
}

pub fn is_time(t: &str, _lenient_offset: bool) -> bool {
    is_time_with(t, false)
}

/// RFC 3339 `date-time` (ABNF: `T` between date and time, an offset required; `t`/`z`
/// accepted as the RFC allows).
pub fn is_datetime(t: &str) -> bool {
    if t.len() < 11 || !t.is_char_boundary(10) || !t.is_char_boundary(11) {
        return false;
    }
    let (date, rest) = t.split_at(10);
    let Some(time) = rest.strip_prefix(['T', 't']) else {
        return false;
    };
    is_date(date) && is_time_with(time, true)
}

/// ISO 8601 / RFC 3339 Appendix A duration: `PnYnMnDTnHnMnS` (components optional, at
/// least one, a fraction only on the last), or `PnW`.
pub fn is_duration(t: &str) -> bool {
    let Some(body) = t.strip_prefix('P') else {
        return false;
    };
    if body.is_empty() {
        return false;
    }
    let (date, time) = match body.split_once('T') {
        Some((d, tm)) => {
            if tm.is_empty() {
                return false;
            }
            (d, Some(tm))
        }
        None => (body, None),
    };
    fn parts(s: &str, units: &[u8]) -> Option<usize> {
        let b = s.as_bytes();
        let mut i = 0;
        let mut count = 0;
        let mut last_unit = 0usize;
        while i < b.len() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
                i += 1;
            }
            if i == start || i >= b.len() {
                return None;
            }
            let pos = units.iter().position(|u| *u == b[i])?;
            if count > 0 && pos < last_unit {
                return None;
            }
            last_unit = pos + 1;
            i += 1;
            count += 1;
        }
        Some(count)
    }
    let d = parts(date, b"YMWD");
    let tm = time.map(|tm| parts(tm, b"HMS"));
    match (d, tm) {
        (Some(dc), None) => dc > 0,
        (Some(dc), Some(Some(tc))) => dc + tc > 0 && tc > 0,
        _ => false,
    }
}

pub fn is_uuid(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// RFC 3986 URI-reference: allowed characters, well-formed percent-escapes, a valid scheme
/// when the first segment has a colon, brackets only around a host.
pub fn is_uri_reference(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c);
        if !ok {
            return false;
        }
        i += 1;
    }
    // A colon before any '/', '?' or '#' must end a scheme.
    let end = t.find(['/', '?', '#']).unwrap_or(t.len());
    if let Some(colon) = t[..end].find(':') {
        let scheme = &t[..colon];
        let sb = scheme.as_bytes();
        if sb.is_empty()
            || !sb[0].is_ascii_alphabetic()
            || !sb
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(c))
        {
            return false;
        }
    }
    // '#' at most once; brackets only in the authority.
    if t.matches('#').count() > 1 {
        return false;
    }
    true
}

pub fn is_json_pointer(t: &str) -> bool {
    if t.is_empty() {
        return true;
    }
    if !t.starts_with('/') {
        return false;
    }
    let b = t.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, c)| *c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}

pub fn is_encoded(t: &str, encoding: &str) -> bool {
    let b = t.as_bytes();
    match encoding {
        "base16" => b.len().is_multiple_of(2) && b.iter().all(u8::is_ascii_hexdigit),
        "base32" | "base32hex" => {
            let alphabet: &[u8] = if encoding == "base32" {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
            } else {
                b"0123456789ABCDEFGHIJKLMNOPQRSTUV"
            };
            let body = t.trim_end_matches('=');
            b.len().is_multiple_of(8) && body.bytes().all(|c| alphabet.contains(&c))
        }
        "base64url" => {
            let body = t.trim_end_matches('=');
            body.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
                && body.len() % 4 != 1
        }
        _ => {
            let body = t.trim_end_matches('=');
            let pad = t.len() - body.len();
            b.len().is_multiple_of(4)
                && pad <= 2
                && body
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
        }
    }
}
