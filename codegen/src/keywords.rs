//! Stage 2b: the constraint keywords of a schema, read into [`Checks`] that generated
//! `validate()` enforces: Core's `maxLength` and `const`, the validation companion
//! (`minimum`, `pattern`, `minItems`, ...) and conditional composition (`not`, `anyOf`,
//! `oneOf`, `if`/`then`/`else`).
//!
//! Schema-level mistakes are caught here, before any code exists: a keyword on a type it
//! cannot apply to, a negative count, `minimum` above `maximum`, `multipleOf` ≤ 0, a regex
//! that does not parse or needs backtracking.

use std::cmp::Ordering;

use crate::error::{Diagnostic, Error};
use crate::model::{Mode, Prim, Ty};
use crate::source::{escape_pointer_token, Node, SourceFile, Value};

/// Constraints a schema puts on its value beyond its type. Sub-schemas and bounds are kept
/// as JSON text, exactly as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub struct Checks {
    /// `maxLength` of a string, in Unicode scalar values.
    pub max_length: Option<u64>,
    /// `const`: the only allowed value, as compact JSON text.
    pub const_value: Option<String>,
    pub min_length: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<String>,
    /// Numeric bounds as plain decimal text (`"10"`, `"0.5"`, `"-3"`).
    pub minimum: Option<String>,
    pub maximum: Option<String>,
    pub exclusive_minimum: Option<String>,
    pub exclusive_maximum: Option<String>,
    pub multiple_of: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    /// `contains` sub-schema (JSON text) with `minContains`/`maxContains`.
    pub contains: Option<String>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    /// `dependentRequired`: member → members it requires.
    pub dependent_required: Vec<(String, Vec<String>)>,
    /// `patternProperties`: (regex, sub-schema JSON).
    pub pattern_properties: Vec<(String, String)>,
    pub property_names: Option<String>,
    pub min_entries: Option<u64>,
    pub max_entries: Option<u64>,
    pub key_names: Option<String>,
    /// Conditional composition: embedded sub-schemas or references to definitions.
    pub not: Option<Branch>,
    pub any_of: Vec<Branch>,
    pub one_of: Vec<Branch>,
    pub if_schema: Option<Branch>,
    pub then_schema: Option<Branch>,
    pub else_schema: Option<Branch>,
}

/// An operand of `not`, `anyOf`, `oneOf` or `if`/`then`/`else`.
///
/// The runtime evaluates embedded sub-schemas (`json_structure_runtime::SubSchema`) but does
/// not resolve `$ref` in them: a schema holding one would match every value, so `oneOf` over
/// references could never hold and `anyOf` would check nothing. A branch that *is* a
/// reference is therefore kept as the definition it names, and generated code checks it by
/// reading the value as that definition's generated type (`SubSchema::of_type`). That gives
/// the definition's exact meaning as the generator reads it (lenient-mode forms, wire forms
/// of `int64` and dates, `$extends`, recursion), which an inlined copy of its JSON would not,
/// and costs nothing in size for large or recursive definitions. A reference deeper inside a
/// branch cannot be evaluated either way; the keyword is then dropped with a warning.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Branch {
    /// A sub-schema without references, as compact JSON text.
    Schema(String),
    /// A reference to the definition at this JSON Pointer (`/definitions/Card`, without `#`),
    /// resolved as the resolver resolves it.
    Type(String),
}

/// Keys a reference branch may carry besides `$ref` (or `type: {"$ref": ...}`) and still be
/// "just that definition".
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description"
            | "title"
            | "examples"
            | "example"
            | "$comment"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "default"
            | "name"
            | "altnames"
            | "altenums"
            | "descriptions"
    ) || key.starts_with("x-")
}

/// The `$ref` target of a branch that is only a reference: `{"$ref": "..."}` or
/// `{"type": {"$ref": "..."}}`, with annotations at most.
fn reference_branch(node: &Node) -> Option<&Node> {
    let members = node.as_object()?;
    let mut target = None;
    for m in members {
        match m.key.as_str() {
            "$ref" if target.is_none() => target = Some(&m.value),
            "type" if target.is_none() => {
                let inner = m.value.as_object()?;
                if inner
                    .iter()
                    .any(|i| i.key != "$ref" && !is_annotation(&i.key))
                {
                    return None;
                }
                target = Some(&inner.iter().find(|i| i.key == "$ref")?.value);
            }
            key if is_annotation(key) => {}
            _ => return None,
        }
    }
    target
}

/// The first `$ref` member anywhere inside `node`, with its pointer below `pointer` (not
/// inside values: `const`, `enum`, `default`, examples).
fn find_ref<'n>(node: &'n Node, pointer: &str) -> Option<(&'n Node, String)> {
    match &node.value {
        Value::Object(members) => members.iter().find_map(|m| {
            let here = child(pointer, &m.key);
            match m.key.as_str() {
                "$ref" => Some((&m.value, here)),
                "const" | "enum" | "default" | "examples" | "example" => None,
                _ => find_ref(&m.value, &here),
            }
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find_ref(item, &format!("{pointer}/{i}"))),
        _ => None,
    }
}

/// Every type declared under `definitions` (and `$defs` in lenient mode, as the model reads
/// them): its JSON Pointer and its key. The same pointers as the resolver's.
pub fn definition_index(root: &Node, lenient: bool) -> Vec<(String, String)> {
    fn walk(node: &Node, pointer: &str, lenient: bool, out: &mut Vec<(String, String)>) {
        for m in node.as_object().unwrap_or_default() {
            let here = child(pointer, &m.key);
            if crate::model::is_type_declaration(&m.value, lenient) {
                out.push((here, m.key.clone()));
            } else if m.value.as_object().is_some() {
                walk(&m.value, &here, lenient, out);
            }
        }
    }
    let mut out = Vec::new();
    let key = if root.get("definitions").is_some() {
        Some("definitions")
    } else if lenient && root.get("$defs").is_some() {
        Some("$defs")
    } else {
        None
    };
    if let Some(defs) = key.and_then(|k| root.get(k).map(|d| (k, d))) {
        walk(defs.1, &format!("/{}", defs.0), lenient, &mut out);
    }
    out
}

impl Checks {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self == &Checks::default()
    }
}

/// What a schema's value is, as far as keyword applicability goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Numeric,
    String,
    Array,
    Set,
    Object,
    Map,
    /// References, unions, `any`, other primitives: no applicability check.
    Other,
}

fn target_of(ty: &Ty) -> Target {
    match ty {
        Ty::Prim(p) => match p.prim {
            Prim::String => Target::String,
            Prim::Number
            | Prim::Integer
            | Prim::Int8
            | Prim::Uint8
            | Prim::Int16
            | Prim::Uint16
            | Prim::Int32
            | Prim::Uint32
            | Prim::Int64
            | Prim::Uint64
            | Prim::Int128
            | Prim::Uint128
            | Prim::Float8
            | Prim::Float
            | Prim::Double
            | Prim::Decimal => Target::Numeric,
            _ => Target::Other,
        },
        Ty::Array(_) => Target::Array,
        Ty::Set(_) => Target::Set,
        Ty::Object(_) => Target::Object,
        Ty::Map(_) => Target::Map,
        _ => Target::Other,
    }
}

/// Keywords of the validation companion (for the "not enabled" warning).
const VALIDATION_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "pattern",
    "format",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "patternProperties",
    "propertyNames",
    "minEntries",
    "maxEntries",
    "keyNames",
    "default",
];

/// Keywords of the conditional-composition companion.
const COMPOSITION_KEYWORDS: &[&str] = &["allOf", "anyOf", "oneOf", "not", "if", "then", "else"];

/// Which companions a document enables (`$schema` of the validation meta-schema, or
/// `$uses`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Enabled {
    /// The validation companion.
    pub validation: bool,
    /// Conditional composition.
    pub composition: bool,
}

impl Enabled {
    /// Reads `$schema` and `$uses` of a document root.
    pub fn of(root: &Node) -> Self {
        let schema = root
            .get("$schema")
            .and_then(Node::as_str)
            .unwrap_or_default();
        let everything = schema.starts_with("https://json-structure.org/meta/validation/");
        let uses: Vec<&str> = root
            .get("$uses")
            .and_then(Node::as_array)
            .map(|a| a.iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        let has = |names: &[&str]| everything || uses.iter().any(|u| names.contains(u));
        Enabled {
            validation: has(&["JSONStructureValidation", "JSONSchemaValidation"]),
            composition: has(&[
                "JSONStructureConditionalComposition",
                "JSONSchemaConditionalComposition",
            ]),
        }
    }
}

/// Reads the constraint keywords of one schema node.
pub struct KeywordReader<'a> {
    /// The file, for diagnostics.
    pub file: &'a SourceFile,
    /// Strict or lenient.
    pub mode: Mode,
    /// What the document enables.
    pub enabled: Enabled,
    /// Where warnings go.
    pub warnings: &'a mut Vec<Diagnostic>,
    /// The document root, to resolve references in composition branches.
    pub root: &'a Node,
    /// [`definition_index`] of `root`, computed on first use.
    pub definitions: &'a std::cell::OnceCell<Vec<(String, String)>>,
}

/// Why a composition keyword cannot be checked.
struct Unusable {
    /// Where the problem is (a `$ref` member's value).
    offset: usize,
    pointer: String,
    message: String,
}

fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape_pointer_token(key))
}

impl KeywordReader<'_> {
    /// A problem with one keyword: an error in strict mode; in lenient mode a warning, and
    /// the keyword is ignored (returns `Ok(false)`).
    fn reject(
        &mut self,
        node: &Node,
        pointer: &str,
        message: String,
        help: &str,
    ) -> Result<bool, Error> {
        if self.mode == Mode::Lenient {
            self.warnings.push(
                Diagnostic::warning(
                    self.file,
                    node.start,
                    pointer,
                    format!("{message}; ignored"),
                )
                .with_help(help),
            );
            Ok(false)
        } else {
            Err(Error::Schema(Box::new(
                Diagnostic::error(self.file, node.start, pointer, message).with_help(help),
            )))
        }
    }

    /// Reads `node`'s constraints; `ty` is its already-read type.
    pub fn read(&mut self, node: &Node, pointer: &str, ty: &Ty) -> Result<Checks, Error> {
        let target = target_of(ty);
        let mut c = Checks {
            const_value: node.get("const").map(Node::to_json),
            ..Checks::default()
        };
        self.warn_if_not_enabled(node, pointer);
        c.max_length = self.count(node, pointer, "maxLength", target, &[Target::String])?;
        c.min_length = self.count(node, pointer, "minLength", target, &[Target::String])?;
        self.warn_if_no_enum_value_fits(node, pointer, c.min_length, c.max_length);
        self.ordered(
            node,
            pointer,
            ("minLength", c.min_length),
            ("maxLength", c.max_length),
        )?;
        c.pattern = self.pattern(node, pointer, target)?;
        if target == Target::String {
            c.format = node
                .get("format")
                .and_then(Node::as_str)
                .map(str::to_string);
        }
        for (key, slot) in [
            ("minimum", &mut c.minimum),
            ("maximum", &mut c.maximum),
            ("exclusiveMinimum", &mut c.exclusive_minimum),
            ("exclusiveMaximum", &mut c.exclusive_maximum),
            ("multipleOf", &mut c.multiple_of),
        ] {
            *slot = self.bound(node, pointer, key, target)?;
        }
        if let (Some(m), Some(n)) = (node.get("multipleOf"), c.multiple_of.clone()) {
            if compare_decimal(&n, "0") != Some(Ordering::Greater) {
                c.multiple_of = None;
                self.reject(
                    m,
                    &child(pointer, "multipleOf"),
                    format!("`multipleOf` must be greater than 0, found {n}"),
                    "use a positive number such as 1 or 0.01",
                )?;
            }
        }
        self.ordered_bounds(node, pointer, "minimum", &c.minimum, "maximum", &c.maximum)?;
        self.ordered_bounds(
            node,
            pointer,
            "exclusiveMinimum",
            &c.exclusive_minimum,
            "exclusiveMaximum",
            &c.exclusive_maximum,
        )?;
        let arrays = &[Target::Array, Target::Set];
        c.min_items = self.count(node, pointer, "minItems", target, arrays)?;
        c.max_items = self.count(node, pointer, "maxItems", target, arrays)?;
        self.ordered(
            node,
            pointer,
            ("minItems", c.min_items),
            ("maxItems", c.max_items),
        )?;
        c.unique_items = node.get("uniqueItems").and_then(Node::as_bool) == Some(true)
            && self.applies(node, pointer, "uniqueItems", target, arrays)?;
        c.contains = self.sub_schema(node, pointer, "contains", target, arrays)?;
        c.min_contains = self.count(node, pointer, "minContains", target, arrays)?;
        c.max_contains = self.count(node, pointer, "maxContains", target, arrays)?;
        self.ordered(
            node,
            pointer,
            ("minContains", c.min_contains),
            ("maxContains", c.max_contains),
        )?;
        let objects = &[Target::Object];
        c.min_properties = self.count(node, pointer, "minProperties", target, objects)?;
        c.max_properties = self.count(node, pointer, "maxProperties", target, objects)?;
        self.ordered(
            node,
            pointer,
            ("minProperties", c.min_properties),
            ("maxProperties", c.max_properties),
        )?;
        c.dependent_required = self.dependent_required(node, pointer, target)?;
        c.pattern_properties = self.pattern_properties(node, pointer, target)?;
        c.property_names = self.sub_schema(node, pointer, "propertyNames", target, objects)?;
        let maps = &[Target::Map];
        c.min_entries = self.count(node, pointer, "minEntries", target, maps)?;
        c.max_entries = self.count(node, pointer, "maxEntries", target, maps)?;
        self.ordered(
            node,
            pointer,
            ("minEntries", c.min_entries),
            ("maxEntries", c.max_entries),
        )?;
        c.key_names = self.sub_schema(node, pointer, "keyNames", target, maps)?;
        self.composition(node, pointer, &mut c)?;
        Ok(c)
    }

    /// A string `enum` none of whose values satisfies `minLength`/`maxLength` contradicts
    /// itself. The enum is generated as listed (its values are what documents carry) and the
    /// lengths are not checked on it, so say so rather than accept silently. (`pattern` is not
    /// evaluated here: the generator has a regex parser, not a matcher.)
    fn warn_if_no_enum_value_fits(
        &mut self,
        node: &Node,
        pointer: &str,
        min: Option<u64>,
        max: Option<u64>,
    ) {
        if min.is_none() && max.is_none() {
            return;
        }
        let Some(values) = node.get("enum").and_then(Node::as_array) else {
            return;
        };
        let texts: Option<Vec<&str>> = values.iter().map(Node::as_str).collect();
        let Some(texts) = texts.filter(|t| !t.is_empty()) else {
            return;
        };
        let lengths: Vec<u64> = texts
            .iter()
            .map(|t| u64::try_from(t.chars().count()).unwrap_or(u64::MAX))
            .collect();
        let short = |n: &u64| min.is_some_and(|m| *n < m);
        let long = |n: &u64| max.is_some_and(|m| *n > m);
        if lengths.iter().any(|n| !short(n) && !long(n)) {
            return;
        }
        // Name the keyword every value breaks (`maxLength` when they break it or either).
        let (key, bound) = match (min, max) {
            (Some(m), _) if lengths.iter().all(short) => ("minLength", m),
            (_, Some(m)) => ("maxLength", m),
            (Some(m), None) => ("minLength", m),
            (None, None) => return,
        };
        let at = node.get(key).unwrap_or(node);
        self.warnings.push(
            Diagnostic::warning(
                self.file,
                at.start,
                child(pointer, key),
                format!(
                    "no `enum` value satisfies `{key}` {bound}, so no value is valid; the enum is generated as listed and `{key}` is not checked"
                ),
            )
            .with_help(format!("remove `{key}` or correct it to fit the `enum` values")),
        );
    }

    fn warn_if_not_enabled(&mut self, node: &Node, pointer: &str) {
        if self.mode == Mode::Lenient {
            // OpenAPI-derived files use these keywords routinely; they are honoured silently.
            return;
        }
        let Some(members) = node.as_object() else {
            return;
        };
        for m in members {
            let (feature, enabled) = if VALIDATION_KEYWORDS.contains(&m.key.as_str()) {
                ("JSONStructureValidation", self.enabled.validation)
            } else if COMPOSITION_KEYWORDS.contains(&m.key.as_str()) {
                (
                    "JSONStructureConditionalComposition",
                    self.enabled.composition,
                )
            } else {
                continue;
            };
            if !enabled {
                self.warnings.push(
                    Diagnostic::warning(
                        self.file,
                        m.key_start,
                        child(pointer, &m.key),
                        format!(
                            "`{}` belongs to the {feature} companion, which this document does not enable; {}",
                            m.key,
                            if m.key == "default" {
                                "it is kept as documentation"
                            } else {
                                "it is enforced anyway"
                            }
                        ),
                    )
                    .with_help(format!("add \"$uses\": [\"{feature}\"] at the document root")),
                );
            }
        }
    }

    /// Whether `key` (present in `node`) may be used on `target`; rejects it otherwise.
    fn applies(
        &mut self,
        node: &Node,
        pointer: &str,
        key: &str,
        target: Target,
        allowed: &[Target],
    ) -> Result<bool, Error> {
        if allowed.contains(&target) || target == Target::Other {
            return Ok(true);
        }
        let Some(value) = node.get(key) else {
            return Ok(false);
        };
        let kinds = allowed
            .iter()
            .map(|t| match t {
                Target::Numeric => "numeric types",
                Target::String => "string",
                Target::Array => "array",
                Target::Set => "set",
                Target::Object => "object",
                Target::Map => "map",
                Target::Other => "other types",
            })
            .collect::<Vec<_>>()
            .join(" and ");
        let type_name = node
            .get("type")
            .and_then(Node::as_str)
            .unwrap_or("this type")
            .to_string();
        self.reject(
            value,
            &child(pointer, key),
            format!("`{key}` applies to {kinds}, not to `{type_name}`"),
            "remove the keyword or change the type",
        )
    }

    /// A non-negative integer keyword.
    fn count(
        &mut self,
        node: &Node,
        pointer: &str,
        key: &str,
        target: Target,
        allowed: &[Target],
    ) -> Result<Option<u64>, Error> {
        let Some(value) = node.get(key) else {
            return Ok(None);
        };
        if !self.applies(node, pointer, key, target, allowed)? {
            return Ok(None);
        }
        match value.as_number().and_then(|n| n.parse::<u64>().ok()) {
            Some(n) => Ok(Some(n)),
            None => {
                self.reject(
                    value,
                    &child(pointer, key),
                    format!(
                        "`{key}` must be a non-negative integer, found {}",
                        value.to_json()
                    ),
                    "use 0 or a positive whole number",
                )?;
                Ok(None)
            }
        }
    }

    /// `min ≤ max` for a pair of count keywords (`minLength`/`maxLength`, ...).
    fn ordered(
        &mut self,
        node: &Node,
        pointer: &str,
        min: (&str, Option<u64>),
        max: (&str, Option<u64>),
    ) -> Result<(), Error> {
        self.ordered_by(
            node,
            pointer,
            (min.0, min.1.as_ref()),
            (max.0, max.1.as_ref()),
            |lo, hi| lo > hi,
        )
    }

    /// `min ≤ max` for a pair of numeric bounds, compared as exact decimals.
    fn ordered_bounds(
        &mut self,
        node: &Node,
        pointer: &str,
        min_key: &str,
        min: &Option<String>,
        max_key: &str,
        max: &Option<String>,
    ) -> Result<(), Error> {
        self.ordered_by(
            node,
            pointer,
            (min_key, min.as_ref()),
            (max_key, max.as_ref()),
            |lo, hi| compare_decimal(lo, hi) == Some(Ordering::Greater),
        )
    }

    /// Rejects a lower bound that is greater than its upper bound: no value could satisfy
    /// both.
    fn ordered_by<T: std::fmt::Display>(
        &mut self,
        node: &Node,
        pointer: &str,
        (min_key, min): (&str, Option<&T>),
        (max_key, max): (&str, Option<&T>),
        greater: impl Fn(&T, &T) -> bool,
    ) -> Result<(), Error> {
        if let (Some(lo), Some(hi)) = (min, max) {
            if greater(lo, hi) {
                let at = node.get(min_key).unwrap_or(node);
                self.reject(
                    at,
                    &child(pointer, min_key),
                    format!("`{min_key}` ({lo}) is greater than `{max_key}` ({hi}): no value can satisfy both"),
                    "swap or correct the bounds",
                )?;
            }
        }
        Ok(())
    }

    /// A numeric bound: a JSON number, or a string for string-encoded types.
    fn bound(
        &mut self,
        node: &Node,
        pointer: &str,
        key: &str,
        target: Target,
    ) -> Result<Option<String>, Error> {
        let Some(value) = node.get(key) else {
            return Ok(None);
        };
        if value.as_bool().is_some() && self.mode == Mode::Lenient {
            // draft-04 style `exclusiveMinimum: true`: documented, not enforced.
            return Ok(None);
        }
        if !self.applies(node, pointer, key, target, &[Target::Numeric])? {
            return Ok(None);
        }
        let text = value.as_number().or_else(|| value.as_str());
        match text.and_then(plain_decimal) {
            Some(n) => Ok(Some(n)),
            None => {
                self.reject(
                    value,
                    &child(pointer, key),
                    format!("`{key}` must be a number, found {}", value.to_json()),
                    "write the bound as a JSON number (or a string for int64, decimal and the other string-encoded types)",
                )?;
                Ok(None)
            }
        }
    }

    fn pattern(
        &mut self,
        node: &Node,
        pointer: &str,
        target: Target,
    ) -> Result<Option<String>, Error> {
        let Some(value) = node.get("pattern") else {
            return Ok(None);
        };
        if !self.applies(node, pointer, "pattern", target, &[Target::String])? {
            return Ok(None);
        }
        let Some(source) = value.as_str() else {
            self.reject(
                value,
                &child(pointer, "pattern"),
                "`pattern` must be a string".into(),
                "write the regular expression as a JSON string",
            )?;
            return Ok(None);
        };
        match check_regex(source) {
            Ok(()) => Ok(Some(source.to_string())),
            Err(reason) => {
                self.reject(
                    value,
                    &child(pointer, "pattern"),
                    format!("`pattern` {source:?} is not a usable regular expression: {reason}"),
                    "patterns use ECMAScript syntax without look-around or backreferences (they must match in linear time)",
                )?;
                Ok(None)
            }
        }
    }

    fn sub_schema(
        &mut self,
        node: &Node,
        pointer: &str,
        key: &str,
        target: Target,
        allowed: &[Target],
    ) -> Result<Option<String>, Error> {
        let Some(value) = node.get(key) else {
            return Ok(None);
        };
        if !self.applies(node, pointer, key, target, allowed)? {
            return Ok(None);
        }
        if value.as_object().is_none() && value.as_bool().is_none() {
            self.reject(
                value,
                &child(pointer, key),
                format!("`{key}` must be a schema (an object)"),
                "write a schema such as {\"type\": \"string\"}",
            )?;
            return Ok(None);
        }
        Ok(Some(value.to_json()))
    }

    fn dependent_required(
        &mut self,
        node: &Node,
        pointer: &str,
        target: Target,
    ) -> Result<Vec<(String, Vec<String>)>, Error> {
        let Some(value) = node.get("dependentRequired") else {
            return Ok(Vec::new());
        };
        if !self.applies(
            node,
            pointer,
            "dependentRequired",
            target,
            &[Target::Object],
        )? {
            return Ok(Vec::new());
        }
        let Some(members) = value.as_object() else {
            self.reject(
                value,
                &child(pointer, "dependentRequired"),
                "`dependentRequired` must be an object".into(),
                "map a member name to the names it requires",
            )?;
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for m in members {
            let names: Option<Vec<String>> = m.value.as_array().map(|a| {
                a.iter()
                    .filter_map(|n| n.as_str().map(str::to_string))
                    .collect()
            });
            match names {
                Some(names) => out.push((m.key.clone(), names)),
                None => {
                    self.reject(
                        &m.value,
                        &child(&child(pointer, "dependentRequired"), &m.key),
                        "each `dependentRequired` entry must be an array of member names".into(),
                        "write [\"a\", \"b\"]",
                    )?;
                }
            }
        }
        Ok(out)
    }

    fn pattern_properties(
        &mut self,
        node: &Node,
        pointer: &str,
        target: Target,
    ) -> Result<Vec<(String, String)>, Error> {
        let Some(value) = node.get("patternProperties") else {
            return Ok(Vec::new());
        };
        if !self.applies(
            node,
            pointer,
            "patternProperties",
            target,
            &[Target::Object],
        )? {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for m in value.as_object().unwrap_or_default() {
            match check_regex(&m.key) {
                Ok(()) => out.push((m.key.clone(), m.value.to_json())),
                Err(reason) => {
                    self.reject(
                        &m.value,
                        &child(&child(pointer, "patternProperties"), &m.key),
                        format!(
                            "pattern {:?} is not a usable regular expression: {reason}",
                            m.key
                        ),
                        "use ECMAScript syntax without look-around or backreferences",
                    )?;
                }
            }
        }
        Ok(out)
    }

    /// Resolves a reference as the resolver will: the definition at that pointer, or in
    /// lenient mode the one definition whose key is the pointer's last segment
    /// (`#/components/schemas/X` → `X`). `None` when it does not resolve.
    fn resolve_reference(&self, target: &str) -> Option<String> {
        let lenient = self.mode == Mode::Lenient;
        let index = self
            .definitions
            .get_or_init(|| definition_index(self.root, lenient));
        let pointer = target.strip_prefix('#').unwrap_or(target);
        if index.iter().any(|(p, _)| p == pointer) {
            return Some(pointer.to_string());
        }
        if !lenient {
            return None;
        }
        let last = pointer
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .replace("~1", "/")
            .replace("~0", "~");
        let mut named = index.iter().filter(|(_, key)| *key == last);
        match (named.next(), named.next()) {
            (Some((p, _)), None) => Some(p.clone()),
            _ => None,
        }
    }

    /// Reads one operand of `key` (at `pointer`).
    fn branch(&self, node: &Node, pointer: &str, key: &str) -> Result<Branch, Unusable> {
        if let Some(target) = reference_branch(node) {
            let ref_pointer = match node.get("$ref") {
                Some(_) => child(pointer, "$ref"),
                None => child(&child(pointer, "type"), "$ref"),
            };
            let Some(text) = target.as_str() else {
                return Err(Unusable {
                    offset: target.start,
                    pointer: ref_pointer,
                    message: format!(
                        "`{key}` has a `$ref` that is not a string; the `{key}` is not checked by validate()"
                    ),
                });
            };
            return match self.resolve_reference(text) {
                Some(resolved) => Ok(Branch::Type(resolved)),
                None => Err(Unusable {
                    offset: target.start,
                    pointer: ref_pointer,
                    message: format!(
                        "`{key}` references {text}, which this document does not define; the `{key}` is not checked by validate()"
                    ),
                }),
            };
        }
        if let Some((target, at)) = find_ref(node, pointer) {
            return Err(Unusable {
                offset: target.start,
                pointer: at,
                message: format!(
                    "`{key}` has a branch with a `$ref` that is not the whole branch (it is nested, or has keywords beside it), which validate() cannot evaluate: only a branch that is just a reference can be checked, as the referenced type; the `{key}` is not checked by validate()"
                ),
            });
        }
        Ok(Branch::Schema(node.to_json()))
    }

    fn unusable(&mut self, why: Unusable) {
        self.warnings.push(
            Diagnostic::warning(self.file, why.offset, why.pointer, why.message).with_help(
                "define the referenced type under `definitions`, or make the branch a reference as a whole",
            ),
        );
    }

    fn composition(&mut self, node: &Node, pointer: &str, c: &mut Checks) -> Result<(), Error> {
        for key in ["anyOf", "oneOf", "allOf"] {
            let Some(value) = node.get(key) else { continue };
            let Some(items) = value.as_array() else {
                self.reject(
                    value,
                    &child(pointer, key),
                    format!(
                        "`{key}` must be an array of schemas, found {}",
                        value.kind_name()
                    ),
                    "write [{...}, {...}]",
                )?;
                continue;
            };
            if items.is_empty() {
                self.reject(
                    value,
                    &child(pointer, key),
                    format!("`{key}` must list at least one schema"),
                    "remove it or add schemas",
                )?;
                continue;
            }
            if key == "allOf" {
                // allOf is merged into the type by the model; nothing to check dynamically.
                continue;
            }
            let list = child(pointer, key);
            let branches: Result<Vec<Branch>, Unusable> = items
                .iter()
                .enumerate()
                .map(|(i, item)| self.branch(item, &format!("{list}/{i}"), key))
                .collect();
            match branches {
                Ok(branches) if key == "anyOf" => c.any_of = branches,
                Ok(branches) => c.one_of = branches,
                // Checking the other branches alone would be wrong both ways (`oneOf` could
                // count too few matches, `anyOf` find none), so the keyword is not checked.
                // Without a `type`, the branches still form an enum that reads the first
                // branch that fits.
                Err(why) => self.unusable(why),
            }
        }
        let read = |this: &mut Self, key: &str| -> Result<Option<Branch>, ()> {
            match node.get(key) {
                Some(value) if matches!(value.value, Value::Object(_) | Value::Bool(_)) => this
                    .branch(value, &child(pointer, key), key)
                    .map(Some)
                    .map_err(|why| this.unusable(why)),
                _ => Ok(None),
            }
        };
        c.not = read(self, "not").unwrap_or(None);
        // `if`, `then` and `else` stand or fall together.
        let conditional = [read(self, "if"), read(self, "then"), read(self, "else")];
        if let [Ok(if_schema), Ok(then_schema), Ok(else_schema)] = conditional {
            c.if_schema = if_schema;
            c.then_schema = then_schema;
            c.else_schema = else_schema;
        }
        Ok(())
    }
}

/// Checks that a `pattern` can be matched in linear time by the runtime's regex engine.
pub fn check_regex(source: &str) -> Result<(), String> {
    match regex_syntax::ParserBuilder::new().build().parse(source) {
        Ok(_) => Ok(()),
        Err(e) => {
            let text = e.to_string();
            // The parser's message is multi-line with a caret; keep the last line (the reason).
            let reason = text.lines().last().unwrap_or("invalid syntax").trim();
            let reason = reason.strip_prefix("error: ").unwrap_or(reason);
            Err(reason.to_string())
        }
    }
}

/// A JSON number (or numeric string) as plain decimal text: no exponent, no `+`.
/// `None` when it is not a number.
pub fn plain_decimal(text: &str) -> Option<String> {
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (body.get(..i)?, body.get(i + 1..)?.parse::<i32>().ok()?),
        None => (body, 0),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    if int_part.is_empty()
        || !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if exponent.unsigned_abs() > 400 {
        return None;
    }
    let mut digits: String = format!("{int_part}{frac_part}");
    let mut point = i64::try_from(int_part.len()).ok()? + i64::from(exponent);
    while point <= 0 {
        digits.insert(0, '0');
        point += 1;
    }
    let point = usize::try_from(point).ok()?;
    while digits.len() < point {
        digits.push('0');
    }
    let (i, f) = digits.split_at(point);
    let i = i.trim_start_matches('0');
    let f = f.trim_end_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    let sign = if negative && !(i == "0" && f.is_empty()) {
        "-"
    } else {
        ""
    };
    Some(if f.is_empty() {
        format!("{sign}{i}")
    } else {
        format!("{sign}{i}.{f}")
    })
}

/// Compares two plain decimals exactly.
pub fn compare_decimal(a: &str, b: &str) -> Option<Ordering> {
    let a = plain_decimal(a)?;
    let b = plain_decimal(b)?;
    let neg_a = a.starts_with('-');
    let neg_b = b.starts_with('-');
    if neg_a != neg_b {
        return Some(if neg_a {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let magnitude = |s: &str| -> (String, String) {
        let s = s.trim_start_matches('-');
        let (i, f) = s.split_once('.').unwrap_or((s, ""));
        (i.to_string(), f.to_string())
    };
    let (ia, fa) = magnitude(&a);
    let (ib, fb) = magnitude(&b);
    let by_magnitude = ia
        .len()
        .cmp(&ib.len())
        .then_with(|| ia.cmp(&ib))
        .then_with(|| {
            let width = fa.len().max(fb.len());
            format!("{fa:0<width$}").cmp(&format!("{fb:0<width$}"))
        });
    Some(if neg_a {
        by_magnitude.reverse()
    } else {
        by_magnitude
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_normalise_and_compare_exactly() {
        assert_eq!(plain_decimal("1e3").as_deref(), Some("1000"));
        assert_eq!(plain_decimal("-1.50").as_deref(), Some("-1.5"));
        assert_eq!(plain_decimal("2.5e-3").as_deref(), Some("0.0025"));
        assert_eq!(plain_decimal("-0").as_deref(), Some("0"));
        assert_eq!(plain_decimal("abc"), None);
        assert_eq!(compare_decimal("10", "9.99"), Some(Ordering::Greater));
        assert_eq!(compare_decimal("-10", "-9"), Some(Ordering::Less));
        assert_eq!(compare_decimal("0.1", "0.10"), Some(Ordering::Equal));
        assert_eq!(
            compare_decimal(
                "170141183460469231731687303715884105727",
                "170141183460469231731687303715884105726"
            ),
            Some(Ordering::Greater)
        );
    }

    #[test]
    fn regexes_are_checked() {
        assert!(check_regex("^[a-z]+$").is_ok());
        assert!(check_regex("[invalid(regex").is_err());
        assert!(check_regex("(a)\\1").is_err());
        assert!(check_regex("a(?=b)").is_err());
    }
}
