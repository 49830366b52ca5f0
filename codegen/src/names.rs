//! Rust identifiers from schema names: `UpperCamelCase` types and variants, `snake_case`
//! fields and modules, always valid, never a keyword, and unique where they must be.
//!
//! The wire name is never derived back from the identifier: every field and variant whose
//! identifier differs from its wire name gets an explicit `#[serde(rename)]`, so a lossy
//! conversion here cannot change the JSON.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of Rust 2021 (and 2024's `gen`).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names the generated code itself relies on; a schema type with one of these names
/// gets a `Type` suffix instead of shadowing it.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Debug",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
    "Hash",
    "Serialize",
    "Deserialize",
    "Deserializer",
    "Serializer",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Iterator",
    "ToString",
    "TryFrom",
    "TryInto",
    "AsRef",
    "Self",
];

/// Replaces every character that cannot appear in an ASCII identifier: non-ASCII letters
/// and digits become `uXXXX` (so distinct names stay distinct), everything else a separator.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!("_u{:04x}_", c as u32));
        } else {
            out.push('_');
        }
    }
    out
}

/// `UpperCamelCase` identifier for a type or variant.
///
/// ```
/// use json_structure_codegen::names::type_ident;
/// assert_eq!(type_ident("daytona-snapshot"), "DaytonaSnapshot");
/// assert_eq!(type_ident("build_failed"), "BuildFailed");
/// assert_eq!(type_ident("2fa"), "V2fa");
/// assert_eq!(type_ident(""), "Empty");
/// ```
pub fn type_ident(raw: &str) -> String {
    let mut s = ascii_words(raw).to_upper_camel_case();
    if s.is_empty() {
        s = "Empty".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if s == "Self" {
        s.push('_');
    }
    s
}

/// A type name that does not shadow anything the generated code uses.
///
/// ```
/// use json_structure_codegen::names::type_name;
/// assert_eq!(type_name("string"), "StringType");
/// assert_eq!(type_name("pet"), "Pet");
/// ```
pub fn type_name(raw: &str) -> String {
    let s = type_ident(raw);
    if RESERVED_TYPE_NAMES.contains(&s.as_str()) {
        format!("{s}Type")
    } else {
        s
    }
}

/// `snake_case` identifier for a field, as it must be written in Rust source (keywords
/// become raw identifiers: `ref` → `r#ref`).
///
/// ```
/// use json_structure_codegen::names::field_ident;
/// assert_eq!(field_ident("organizationId"), "organization_id");
/// assert_eq!(field_ident("ref"), "r#ref");
/// assert_eq!(field_ident("self"), "self_");
/// assert_eq!(field_ident("1st"), "_1st");
/// assert_eq!(field_ident("$schema"), "schema");
/// ```
pub fn field_ident(raw: &str) -> String {
    let mut s = ascii_words(raw).to_snake_case();
    if s.is_empty() {
        s = "field".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if NOT_RAW.contains(&s.as_str()) {
        s.push('_');
    } else if KEYWORDS.contains(&s.as_str()) {
        s.insert_str(0, "r#");
    }
    s
}

/// `snake_case` identifier for a module (namespace).
///
/// ```
/// assert_eq!(json_structure_codegen::names::module_ident("HumanResources"), "human_resources");
/// ```
pub fn module_ident(raw: &str) -> String {
    field_ident(raw)
}

/// The identifier without a raw prefix (for collision checks: `r#type` and `type_` differ,
/// but `r#type` and `type` are the same name).
///
/// ```
/// assert_eq!(json_structure_codegen::names::bare("r#type"), "type");
/// ```
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out identifiers that are unique within one scope (a struct's fields, an enum's
/// variants, a module's types). A clash gets the smallest free numeric suffix, so names
/// depend only on the clashing names themselves, never on a global counter.
///
/// ```
/// let mut scope = json_structure_codegen::names::Scope::new();
/// assert_eq!(scope.claim("name"), "name");
/// assert_eq!(scope.claim("name"), "name_2");
/// assert!(scope.contains("name_2"));
/// ```
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `ident` as used.
    pub fn reserve(&mut self, ident: &str) {
        self.taken.insert(bare(ident).to_string());
    }

    /// Whether `ident` is already used.
    pub fn contains(&self, ident: &str) -> bool {
        self.taken.contains(bare(ident))
    }

    /// Returns `ident` if free, else `ident2`, `ident3`, ... (or `ident_2` for snake case),
    /// and marks the result used.
    pub fn claim(&mut self, ident: &str) -> String {
        if !self.contains(ident) {
            self.reserve(ident);
            return ident.to_string();
        }
        let base = bare(ident);
        let snake = base.chars().all(|c| !c.is_ascii_uppercase());
        let mut n = 2usize;
        loop {
            let candidate = if snake {
                // `self_` + 2 must be `self_2`, not `self__2` (not snake case).
                format!("{}_{n}", base.trim_end_matches('_'))
            } else {
                format!("{base}{n}")
            };
            if !self.contains(&candidate) {
                self.reserve(&candidate);
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_valid_rust() {
        for raw in [
            "",
            "$schema",
            "a b",
            "élan",
            "名前",
            "__proto__",
            "a/b",
            "a~0b",
            "type",
            "Self",
            "self",
            "1",
            "-",
            "x".repeat(500).as_str(),
            "fooBar",
            "foo_bar",
            "URLValue",
        ] {
            for ident in [type_ident(raw), field_ident(raw), type_name(raw)] {
                let text = ident.clone();
                assert!(
                    syn::parse_str::<syn::Ident>(&text).is_ok(),
                    "{raw:?} gave invalid identifier {ident:?}"
                );
            }
        }
    }

    #[test]
    fn non_ascii_names_stay_distinct() {
        assert_ne!(type_ident("é"), type_ident("è"));
        assert_ne!(field_ident("名前"), field_ident("名"));
    }

    #[test]
    fn scope_dedupes_without_global_counters() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("foo_bar"), "foo_bar");
        assert_eq!(scope.claim("foo_bar"), "foo_bar_2");
        assert_eq!(scope.claim("Foo"), "Foo");
        assert_eq!(scope.claim("Foo"), "Foo2");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("type"), "type_2");
        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
    }
}
