//! Stage 4: tokens. Turns the [`TypeSpace`] into Rust items with `quote`.
//!
//! Conventions of the generated code:
//! - serde derives are written with absolute paths (`::serde::Serialize`) so the output can be
//!   `include!`d anywhere without `use` clashes;
//! - every field whose identifier differs from its wire name has `#[serde(rename)]`;
//! - wire forms serde does not produce by itself (int64 as a string, base64, sets without
//!   duplicates, integral numbers written without `.0`) go through the runtime crate's
//!   composable adapters: `#[serde(with = "::json_structure_runtime::As::<...>")]`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Docs, Encoding, Prim};
use crate::resolve::{
    ChoiceDef, EnumDef, EnumRepr, Extra, Field, StructDef, TypeDef, TypeId, TypeKind, TypeRef,
    TypeSpace, ValueChecks, Variant,
};

/// Options that change the emitted code but not the type space.
#[derive(Debug, Clone, Default)]
pub struct EmitOptions {
    /// Accept JSON numbers for int64/uint64/int128/uint128 and decimal (always write strings).
    pub lenient_numbers: bool,
    /// Require a scheme in `uri` values (the SDK validators' reading; the spec allows
    /// relative references).
    pub absolute_uris: bool,
    /// The schema file name, shown in type docs.
    pub source_name: String,
    /// Extra derives for every generated type (`Eq`, `Hash`, `schemars::JsonSchema`, ...).
    pub extra_derives: Vec<TokenStream>,
    /// Extra attributes: (selector, attribute tokens). The selector is a Rust type name, a
    /// definition pointer (`#/definitions/X`), or `*` for every type.
    pub type_attributes: Vec<(String, TokenStream)>,
    /// Definitions replaced by existing Rust types: (pointer, Rust path). Nothing is generated
    /// for them; references use the path.
    pub overrides: Vec<(String, TokenStream)>,
    /// `#[non_exhaustive]` on every struct and enum.
    pub non_exhaustive: bool,
    /// Which types hold dates and times.
    pub date_time: DateTimeTypes,
    /// Which map type `map` (and kept undeclared members) use.
    pub map_type: MapType,
    /// String enums get an `Other(String)` variant that keeps unknown values.
    pub open_enums: bool,
}

/// The Rust types for `date`, `datetime` and `time`.
///
/// ```
/// use json_structure_codegen::{Config, DateTimeTypes};
/// let schema = r#"{"name": "T", "type": "object", "properties": {"at": {"type": "datetime"}}}"#;
/// let out = Config::new().date_time_types(DateTimeTypes::Chrono).generate_source("t.struct.json", schema).unwrap();
/// assert!(out.code.contains("::chrono::DateTime<::chrono::FixedOffset>"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateTimeTypes {
    /// `json_structure_runtime::{Date, DateTime, Time}`: strict RFC 3339, the offset and
    /// the exact text kept (they deref to chrono's types).
    #[default]
    Runtime,
    /// `chrono::{NaiveDate, DateTime<FixedOffset>, NaiveTime}` with chrono's own serde
    /// (needs `chrono` with the `serde` feature; chrono writes `+00:00` for `Z` and accepts a
    /// space separator).
    Chrono,
}

/// The Rust type of JSON Structure `map`.
///
/// ```
/// use json_structure_codegen::{Config, MapType};
/// let schema = r#"{"name": "T", "type": "map", "values": {"type": "string"}}"#;
/// let out = Config::new().map_type(MapType::BTreeMap).generate_source("t.struct.json", schema).unwrap();
/// assert!(out.code.contains("BTreeMap<String, String>"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapType {
    /// `json_structure_runtime::IndexMap`: keeps document order.
    #[default]
    IndexMap,
    /// `std::collections::BTreeMap`: sorted by key.
    BTreeMap,
    /// `std::collections::HashMap`: no order.
    HashMap,
}

/// Emits every type of the space, grouped into one module per namespace, as one token
/// stream (the impls [`TypeItems::impls`] holds as text are lexed back into tokens).
pub fn emit(space: &TypeSpace, options: &EmitOptions) -> TokenStream {
    let plan = plan(space, options);
    let mut root = ModuleTree::default();
    for i in 0..space.types.len() {
        if let Some(items) = type_items(space, options, &plan, TypeId(i)) {
            let mut tokens = items.declaration;
            match items.impls.parse::<TokenStream>() {
                Ok(impls) => tokens.extend(impls),
                Err(e) => {
                    let message = format!("generated impls do not lex: {e}");
                    tokens.extend(quote! { compile_error!(#message); });
                }
            }
            tokens.extend(items.rest);
            root.insert(items.module, tokens);
        }
    }
    root.into_tokens()
}

/// The items one type generates, in file order.
pub struct TypeItems<'s> {
    /// The namespace module path the items belong in.
    pub module: &'s [String],
    /// The type's declaration.
    pub declaration: TokenStream,
    /// Impls already formatted as Rust source at the top level (a struct's `Serialize` and
    /// `Deserialize`); empty for other types.
    pub impls: String,
    /// The `Validate` impl and the indirection tag, if any.
    pub rest: TokenStream,
}

/// What emitting any one type needs to know about the whole space (computed once, shared
/// by the threads that emit types in parallel).
#[derive(Debug, Clone)]
pub struct Plan {
    needs_validation: Vec<bool>,
}

/// Computes the [`Plan`] of a space.
pub fn plan(space: &TypeSpace, options: &EmitOptions) -> Plan {
    let overridden: Vec<bool> = space
        .types
        .iter()
        .map(|d| {
            options
                .overrides
                .iter()
                .any(|(p, _)| p.trim_start_matches('#') == d.pointer && !d.pointer.is_empty())
        })
        .collect();
    Plan {
        needs_validation: needs_validation(space, &overridden),
    }
}

/// The items of one type (its declaration, serde impls, `Validate` impl and indirection
/// tag) and the module path they belong in; `None` when the type emits nothing (an
/// override).
pub fn type_items<'s>(
    space: &'s TypeSpace,
    options: &EmitOptions,
    plan: &Plan,
    id: TypeId,
) -> Option<TypeItems<'s>> {
    let def = space.types.get(id.0)?;
    let e = Emitter {
        space,
        options,
        needs_validation: &plan.needs_validation,
    };
    let (declaration, impls) = e.type_item(id, def);
    let mut rest = e.validate_impl(id, def);
    rest.extend(indirect_tag_item(def));
    if declaration.is_empty() && impls.is_empty() && rest.is_empty() {
        None
    } else {
        Some(TypeItems {
            module: &def.module,
            declaration,
            impls,
            rest,
        })
    }
}

/// Which types have something to check in `validate()`, directly or in a value they
/// contain. Computed to a fixed point because types can contain each other.
fn needs_validation(space: &TypeSpace, overridden: &[bool]) -> Vec<bool> {
    let mut needs = vec![false; space.types.len()];
    let mut changed = true;
    while changed {
        changed = false;
        for (i, def) in space.types.iter().enumerate() {
            if needs.get(i) == Some(&true) || overridden.get(i) == Some(&true) {
                continue;
            }
            let own = match &def.kind {
                Some(TypeKind::Struct(s)) => {
                    !def.checks.is_empty()
                        || !s.required_sets.is_empty()
                        || matches!(&s.extra, Extra::Capture { value, checks, .. } if !checks.is_empty() || refs_any(value, &needs))
                        || s.fields
                            .iter()
                            .any(|f| !f.checks.is_empty() || refs_any(&f.ty, &needs))
                }
                Some(TypeKind::Tuple(fields)) => fields
                    .iter()
                    .any(|f| !f.checks.is_empty() || refs_any(&f.ty, &needs)),
                Some(TypeKind::Choice(ChoiceDef { variants, .. }) | TypeKind::Union(variants)) => {
                    variants
                        .iter()
                        .any(|v| !v.checks.is_empty() || refs_any(&v.ty, &needs))
                }
                Some(TypeKind::Alias(t)) => refs_any(t, &needs),
                Some(TypeKind::Newtype(t)) => !def.checks.is_empty() || refs_any(t, &needs),
                Some(TypeKind::Enum(_)) | None => false,
            };
            if own {
                if let Some(slot) = needs.get_mut(i) {
                    *slot = true;
                    changed = true;
                }
            }
        }
    }
    needs
}

fn is_numeric(p: Prim) -> bool {
    !matches!(
        p,
        Prim::String
            | Prim::Boolean
            | Prim::Null
            | Prim::Date
            | Prim::DateTime
            | Prim::Time
            | Prim::Duration
            | Prim::Uuid
            | Prim::Uri
            | Prim::Binary
            | Prim::JsonPointer
    )
}

fn option_count(n: Option<u64>) -> TokenStream {
    match n {
        Some(n) => {
            let n =
                proc_macro2::Literal::usize_unsuffixed(usize::try_from(n).unwrap_or(usize::MAX));
            quote! { Some(#n) }
        }
        None => quote! { None },
    }
}

/// A struct's object-level checks: member counts, `dependentRequired`, `propertyNames`,
/// `patternProperties` (on undeclared members) and composition on the whole object.
fn object_checks(s: &StructDef, c: &crate::keywords::Checks) -> TokenStream {
    let mut out = TokenStream::new();
    let count =
        |n: u64| proc_macro2::Literal::usize_unsuffixed(usize::try_from(n).unwrap_or(usize::MAX));
    let extras = match &s.extra {
        Extra::Capture { ident: name, .. } => Some(ident(name)),
        _ => None,
    };
    let needs_names = c.min_properties.is_some()
        || c.max_properties.is_some()
        || !c.dependent_required.is_empty()
        || c.property_names.is_some();
    if needs_names {
        let present = s.fields.iter().map(|f| {
            let wire = &f.wire;
            let id = ident(&f.ident);
            if f.required {
                quote! { (#wire, true) }
            } else {
                quote! { (#wire, self.#id.is_some()) }
            }
        });
        let extra_names = extras
            .as_ref()
            .map(|e| quote! { .chain(self.#e.keys().map(String::as_str)) })
            .unwrap_or_default();
        out.extend(quote! {
            let declared: &[(&str, bool)] = &[#(#present),*];
            let present: Vec<&str> = declared
                .iter()
                .filter(|(_, here)| *here)
                .map(|(name, _)| *name)
                #extra_names
                .collect();
        });
        if let Some(n) = c.min_properties {
            let n = count(n);
            out.extend(quote! { v.min_properties(present.len(), #n); });
        }
        if let Some(n) = c.max_properties {
            let n = count(n);
            out.extend(quote! { v.max_properties(present.len(), #n); });
        }
        for (property, requires) in &c.dependent_required {
            out.extend(quote! { v.dependent_required(&present, #property, &[#(#requires),*]); });
        }
        if let Some(schema) = &c.property_names {
            out.extend(quote! {{
                static NAMES: ::json_structure_runtime::SubSchema = ::json_structure_runtime::SubSchema::new(#schema);
                v.property_names(present.iter().copied(), &NAMES);
            }});
        }
    }
    if let Some(e) = &extras {
        for (pattern, schema) in &c.pattern_properties {
            out.extend(quote! {{
                static PATTERN: ::json_structure_runtime::Pattern = ::json_structure_runtime::Pattern::new(#pattern);
                static SCHEMA: ::json_structure_runtime::SubSchema = ::json_structure_runtime::SubSchema::new(#schema);
                let members: Vec<(&str, _)> = self.#e.iter().map(|(k, value)| (k.as_str(), value)).collect();
                v.pattern_properties(&members, &PATTERN, &SCHEMA);
            }});
        }
    }
    out
}

/// `validate()` statements for `required` in its array-of-arrays form.
fn required_sets_check(s: &StructDef) -> TokenStream {
    if s.required_sets.is_empty() {
        return TokenStream::new();
    }
    let mut satisfied = Vec::new();
    let mut names = Vec::new();
    for set in &s.required_sets {
        let present: Vec<TokenStream> = set
            .iter()
            .filter_map(|&i| s.fields.get(i))
            .filter(|f| !f.required || f.nullable)
            .map(|f| {
                let id = ident(&f.ident);
                if f.required {
                    // Required and nullable: present even when null.
                    quote! { true }
                } else {
                    quote! { self.#id.is_some() }
                }
            })
            .collect();
        satisfied.push(if present.is_empty() {
            quote! { true }
        } else {
            quote! { #(#present)&&* }
        });
        names.push(
            set.iter()
                .filter_map(|&i| s.fields.get(i))
                .map(|f| f.wire.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    quote! {
        v.required_sets(&[#(#satisfied),*], &[#(#names),*]);
    }
}

/// The tag type that names `def` for `json_structure_runtime::Indirect` (debuginfo stops at
/// the tag instead of walking a large cycle of types; see the runtime's `Indirect`).
fn indirect_tag_item(def: &TypeDef) -> TokenStream {
    let Some(tag) = &def.indirect_tag else {
        return TokenStream::new();
    };
    let tag = ident(tag);
    let name = ident(&def.name);
    let doc = format!(" Names [`{}`] in `json_structure_runtime::Indirect<{}>`, used for references inside a large cycle of types.", def.name, tag);
    quote! {
        #[doc = #doc]
        pub enum #tag {}

        impl ::json_structure_runtime::Target for #tag {
            type T = #name;
        }
    }
}

/// Whether `ty` contains a named type marked in `needs`.
fn refs_any(ty: &TypeRef, needs: &[bool]) -> bool {
    match ty {
        TypeRef::Named(id) | TypeRef::Indirect(id) => needs.get(id.0) == Some(&true),
        TypeRef::Array(inner)
        | TypeRef::Set(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner) => refs_any(inner, needs),
        TypeRef::Prim(..) | TypeRef::Any => false,
    }
}

/// Items grouped by namespace module, in the order they were inserted: token streams here,
/// formatted texts in `render`.
pub(crate) struct ModuleTree<T> {
    pub(crate) items: Vec<T>,
    pub(crate) children: Vec<(String, ModuleTree<T>)>,
}

impl<T> Default for ModuleTree<T> {
    fn default() -> Self {
        ModuleTree {
            items: Vec::new(),
            children: Vec::new(),
        }
    }
}

impl<T> ModuleTree<T> {
    /// Adds `item` to the module at `path` (creating the modules on the way).
    pub(crate) fn insert(&mut self, path: &[String], item: T) {
        match path.split_first() {
            None => self.items.push(item),
            Some((first, rest)) => {
                let index = match self.children.iter().position(|(n, _)| n == first) {
                    Some(i) => i,
                    None => {
                        self.children.push((first.clone(), ModuleTree::default()));
                        self.children.len() - 1
                    }
                };
                if let Some((_, child)) = self.children.get_mut(index) {
                    child.insert(rest, item);
                }
            }
        }
    }
}

impl ModuleTree<TokenStream> {
    fn into_tokens(self) -> TokenStream {
        let items = self.items;
        let children = self.children.into_iter().map(|(name, tree)| {
            let ident = ident(&name);
            let doc = format!(
                " Types of the `{}` namespace.",
                name.trim_start_matches("r#")
            );
            let body = tree.into_tokens();
            quote! {
                #[doc = #doc]
                pub mod #ident {
                    #body
                }
            }
        });
        quote! { #(#items)* #(#children)* }
    }
}

/// An identifier from text that may be a raw identifier (`r#ref`).
fn ident(text: &str) -> Ident {
    match text.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(text, Span::call_site()),
    }
}

struct Emitter<'a> {
    space: &'a TypeSpace,
    options: &'a EmitOptions,
    needs_validation: &'a [bool],
}

impl Emitter<'_> {
    /// `impl Validate`: checks this type's constraints and descends into the values it
    /// contains that have constraints of their own.
    fn validate_impl(&self, _id: TypeId, def: &TypeDef) -> TokenStream {
        if self.override_of(def).is_some() {
            return TokenStream::new();
        }
        // The impl sits beside the type: paths in it are relative to the type's module.
        let module = &def.module;
        let body = match &def.kind {
            None | Some(TypeKind::Alias(_)) => return TokenStream::new(),
            Some(TypeKind::Enum(_)) => TokenStream::new(),
            Some(TypeKind::Newtype(t)) => {
                let checks = self.value_checks(t, &def.checks, &quote! { value }, module);
                if checks.is_empty() {
                    checks
                } else {
                    quote! { let value = &self.0; #checks }
                }
            }
            Some(TypeKind::Struct(s)) => {
                let mut body: TokenStream = s
                    .fields
                    .iter()
                    .map(|f| self.field_checks(f, None, module))
                    .collect();
                body.extend(required_sets_check(s));
                body.extend(self.extra_checks(s, module));
                body.extend(object_checks(s, &def.checks.own));
                body.extend(self.composition_checks(&def.checks.own, &quote! { self }, module));
                body
            }
            Some(TypeKind::Tuple(fields)) => fields
                .iter()
                .enumerate()
                .map(|(i, f)| self.field_checks(f, Some(i), module))
                .collect(),
            Some(TypeKind::Choice(c)) => {
                self.variant_checks(&c.variants, c.selector.is_none(), module)
            }
            Some(TypeKind::Union(variants)) => self.variant_checks(variants, false, module),
        };
        let name = ident(&def.name);
        let v = if body.is_empty() {
            quote! { _v }
        } else {
            quote! { v }
        };
        quote! {
            impl ::json_structure_runtime::Validate for #name {
                fn validate_into(&self, #v: &mut ::json_structure_runtime::Validator) {
                    #body
                }
            }
        }
    }

    /// Checks on the values of a typed `additionalProperties` map.
    fn extra_checks(&self, s: &StructDef, module: &[String]) -> TokenStream {
        let Extra::Capture {
            ident: name,
            value,
            checks,
        } = &s.extra
        else {
            return TokenStream::new();
        };
        let item = quote! { item };
        let inner = self.value_checks(value, checks, &item, module);
        if inner.is_empty() {
            return TokenStream::new();
        }
        let name = ident(name);
        quote! {
            for (key, item) in &self.#name {
                v.field(key, |v| { #inner });
            }
        }
    }

    fn field_checks(
        &self,
        f: &Field,
        tuple_index: Option<usize>,
        module: &[String],
    ) -> TokenStream {
        let value = quote! { value };
        let inner = self.value_checks(&f.ty, &f.checks, &value, module);
        if inner.is_empty() {
            return TokenStream::new();
        }
        let member = match tuple_index {
            Some(i) => {
                let index = syn::Index::from(i);
                quote! { self.#index }
            }
            None => {
                let field = ident(&f.ident);
                quote! { self.#field }
            }
        };
        let scoped = match tuple_index {
            Some(i) => quote! { v.index(#i, |v| { #inner }); },
            None => {
                let wire = &f.wire;
                quote! { v.field(#wire, |v| { #inner }); }
            }
        };
        match (f.required, f.nullable) {
            (true, false) => quote! { let value = &#member; #scoped },
            (true, true) | (false, false) => quote! {
                if let Some(value) = &#member { #scoped }
            },
            (false, true) => quote! {
                if let Some(Some(value)) = &#member { #scoped }
            },
        }
    }

    fn variant_checks(&self, variants: &[Variant], tagged: bool, module: &[String]) -> TokenStream {
        let value = quote! { value };
        let checked: Vec<(&Variant, TokenStream)> = variants
            .iter()
            .filter_map(|var| {
                let inner = self.value_checks(&var.ty, &var.checks, &value, module);
                if inner.is_empty() {
                    return None;
                }
                let wire = &var.wire;
                let scoped = if tagged {
                    quote! { v.field(#wire, |v| { #inner }); }
                } else {
                    inner
                };
                Some((var, scoped))
            })
            .collect();
        match checked.as_slice() {
            [] => TokenStream::new(),
            // One case to check among several: `if let`, as clippy prefers to a one-arm match.
            [(var, scoped)] if variants.len() > 1 => {
                let name = ident(&var.ident);
                quote! { if let Self::#name(value) = self { #scoped } }
            }
            _ => {
                let arms = checked.iter().map(|(var, scoped)| {
                    let name = ident(&var.ident);
                    quote! { Self::#name(value) => { #scoped } }
                });
                let rest = if checked.len() == variants.len() {
                    TokenStream::new()
                } else {
                    quote! { _ => {} }
                };
                quote! {
                    match self {
                        #(#arms)*
                        #rest
                    }
                }
            }
        }
    }

    /// Statements checking `expr` (a reference to a value of type `ty`) against `checks`
    /// and descending into contained types that validate themselves.
    fn value_checks(
        &self,
        ty: &TypeRef,
        checks: &ValueChecks,
        expr: &TokenStream,
        module: &[String],
    ) -> TokenStream {
        if let TypeRef::Nullable(inner) = ty {
            // The constraints apply to the value when it is there.
            let inner_checks = self.value_checks(inner, checks, &quote! { item }, module);
            return if inner_checks.is_empty() {
                TokenStream::new()
            } else {
                quote! { if let Some(item) = #expr { #inner_checks } }
            };
        }
        let mut out = self.own_checks(ty, &checks.own, expr, module);
        match ty {
            TypeRef::Named(id) | TypeRef::Indirect(id) => {
                // A named primitive's own constraints apply where it is used.
                if let Some(def) = self.space.types.get(id.0) {
                    if let Some(TypeKind::Alias(target)) = &def.kind {
                        out.extend(self.own_checks(target, &def.checks.own, expr, module));
                    }
                }
                if refs_any(ty, self.needs_validation) {
                    out.extend(quote! { v.check(#expr); });
                }
            }
            TypeRef::Array(inner) | TypeRef::Set(inner) => {
                let element = checks.element.as_deref().cloned().unwrap_or_default();
                let inner_checks = self.value_checks(inner, &element, &quote! { item }, module);
                if !inner_checks.is_empty() {
                    out.extend(quote! {
                        for (i, item) in #expr.iter().enumerate() {
                            v.index(i, |v| { #inner_checks });
                        }
                    });
                }
            }
            TypeRef::Map(inner) => {
                let element = checks.element.as_deref().cloned().unwrap_or_default();
                let inner_checks = self.value_checks(inner, &element, &quote! { item }, module);
                if !inner_checks.is_empty() {
                    out.extend(quote! {
                        for (key, item) in #expr {
                            v.field(key, |v| { #inner_checks });
                        }
                    });
                }
            }
            _ => {}
        }
        out
    }

    /// The checks of one schema's own keywords on a value of type `ty` (not of its elements,
    /// and not the object-level ones, which a struct's own `validate()` runs).
    fn own_checks(
        &self,
        ty: &TypeRef,
        c: &crate::keywords::Checks,
        expr: &TokenStream,
        module: &[String],
    ) -> TokenStream {
        let mut out = TokenStream::new();
        let count = |n: u64| {
            proc_macro2::Literal::usize_unsuffixed(usize::try_from(n).unwrap_or(usize::MAX))
        };
        let is_struct = matches!(ty, TypeRef::Named(id) | TypeRef::Indirect(id)
            if matches!(self.space.types.get(id.0).and_then(|d| d.kind.as_ref()), Some(TypeKind::Struct(_))));
        if let Some(expected) = &c.const_value {
            // String-encoded integers are compared in their wire form (a JSON string).
            if matches!(
                ty,
                TypeRef::Prim(Prim::Int64 | Prim::Uint64 | Prim::Int128 | Prim::Uint128, _)
            ) {
                out.extend(quote! { v.constant(&#expr.to_string(), #expected); });
            } else {
                out.extend(quote! { v.constant(#expr, #expected); });
            }
        }
        match ty {
            TypeRef::Prim(Prim::String, _) => {
                if let Some(max) = c.max_length {
                    let max = count(max);
                    out.extend(quote! { v.max_length(#expr, #max); });
                }
                if let Some(min) = c.min_length {
                    let min = count(min);
                    out.extend(quote! { v.min_length(#expr, #min); });
                }
                if let Some(pattern) = &c.pattern {
                    out.extend(quote! {{
                        static PATTERN: ::json_structure_runtime::Pattern = ::json_structure_runtime::Pattern::new(#pattern);
                        v.pattern(#expr, &PATTERN);
                    }});
                }
                if let Some(format) = &c.format {
                    out.extend(quote! { v.format(#expr, #format); });
                }
            }
            TypeRef::Prim(p, _) if is_numeric(*p) => {
                for (bound, method) in [
                    (&c.minimum, quote! { minimum }),
                    (&c.maximum, quote! { maximum }),
                    (&c.exclusive_minimum, quote! { exclusive_minimum }),
                    (&c.exclusive_maximum, quote! { exclusive_maximum }),
                    (&c.multiple_of, quote! { multiple_of }),
                ] {
                    if let Some(b) = bound {
                        out.extend(quote! { v.#method(#expr, #b); });
                    }
                }
            }
            TypeRef::Array(_) | TypeRef::Set(_) => {
                if let Some(n) = c.min_items {
                    let n = count(n);
                    out.extend(quote! { v.min_items(#expr.len(), #n); });
                }
                if let Some(n) = c.max_items {
                    let n = count(n);
                    out.extend(quote! { v.max_items(#expr.len(), #n); });
                }
                if c.unique_items && matches!(ty, TypeRef::Array(_)) {
                    out.extend(quote! { v.unique_items(#expr); });
                }
                if let Some(schema) = &c.contains {
                    let min = option_count(c.min_contains);
                    let max = option_count(c.max_contains);
                    out.extend(quote! {{
                        static CONTAINS: ::json_structure_runtime::SubSchema = ::json_structure_runtime::SubSchema::new(#schema);
                        v.contains(#expr, &CONTAINS, #min, #max);
                    }});
                }
            }
            TypeRef::Map(_) => {
                if let Some(n) = c.min_entries {
                    let n = count(n);
                    out.extend(quote! { v.min_entries(#expr.len(), #n); });
                }
                if let Some(n) = c.max_entries {
                    let n = count(n);
                    out.extend(quote! { v.max_entries(#expr.len(), #n); });
                }
                if let Some(schema) = &c.key_names {
                    out.extend(quote! {{
                        static KEYS: ::json_structure_runtime::SubSchema = ::json_structure_runtime::SubSchema::new(#schema);
                        v.key_names(#expr.keys().map(String::as_str), &KEYS);
                    }});
                }
            }
            _ => {}
        }
        if !is_struct {
            out.extend(self.composition_checks(c, expr, module));
        }
        out
    }

    /// `not`, `anyOf`, `oneOf` and `if`/`then`/`else`, checked against the value's JSON form.
    /// Paths to referenced types are relative to `module`.
    fn composition_checks(
        &self,
        c: &crate::keywords::Checks,
        expr: &TokenStream,
        module: &[String],
    ) -> TokenStream {
        let mut out = TokenStream::new();
        if let Some(not) = &c.not {
            if let Some((items, s)) = self.branch_schema(not, "NOT", module) {
                out.extend(quote! {{
                    #items
                    static NOT: ::json_structure_runtime::SubSchema = #s;
                    v.not(#expr, &NOT);
                }});
            }
        }
        for (list, method) in [
            (&c.any_of, quote! { any_of }),
            (&c.one_of, quote! { one_of }),
        ] {
            if list.is_empty() {
                continue;
            }
            let names: Vec<Ident> = (0..list.len())
                .map(|i| quote::format_ident!("S{}", i))
                .collect();
            // A branch naming a type that produced no item (an abstract definition, which the
            // resolver rejects anyway) leaves the keyword unchecked rather than half-checked.
            let Some(branches) = list
                .iter()
                .zip(&names)
                .map(|(b, name)| self.branch_schema(b, &name.to_string(), module))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let (items, schemas): (Vec<_>, Vec<_>) = branches.into_iter().unzip();
            out.extend(quote! {{
                #(#items)*
                #(static #names: ::json_structure_runtime::SubSchema = #schemas;)*
                v.#method(#expr, &[#(&#names),*]);
            }});
        }
        if let Some(condition) = &c.if_schema {
            let Some((if_items, cond)) = self.branch_schema(condition, "IF", module) else {
                return out;
            };
            let then = match &c.then_schema {
                Some(b) => match self.branch_schema(b, "THEN", module) {
                    Some(t) => Some(t),
                    None => return out,
                },
                None => None,
            };
            let otherwise = match &c.else_schema {
                Some(b) => match self.branch_schema(b, "ELSE", module) {
                    Some(e) => Some(e),
                    None => return out,
                },
                None => None,
            };
            let then_arg = if then.is_some() {
                quote! { Some(&THEN) }
            } else {
                quote! { None }
            };
            let else_arg = if otherwise.is_some() {
                quote! { Some(&ELSE) }
            } else {
                quote! { None }
            };
            let then_static = then.map(|(items, t)| {
                quote! { #items static THEN: ::json_structure_runtime::SubSchema = #t; }
            });
            let else_static = otherwise.map(|(items, e)| {
                quote! { #items static ELSE: ::json_structure_runtime::SubSchema = #e; }
            });
            out.extend(quote! {{
                #if_items
                static IF: ::json_structure_runtime::SubSchema = #cond;
                #then_static
                #else_static
                v.if_then_else(#expr, &IF, #then_arg, #else_arg);
            }});
        }
        out
    }

    /// The `SubSchema` constructor for one composition operand, with any items it needs (a
    /// reading function named after `name`). A reference to a definition is checked by
    /// reading the value as the definition's generated type (see `keywords::Branch`).
    /// `None` when the referenced type produced no item.
    fn branch_schema(
        &self,
        branch: &crate::keywords::Branch,
        name: &str,
        module: &[String],
    ) -> Option<(TokenStream, TokenStream)> {
        let rt = quote! { ::json_structure_runtime };
        let pointer = match branch {
            crate::keywords::Branch::Schema(json) => {
                return Some((TokenStream::new(), quote! { #rt::SubSchema::new(#json) }));
            }
            crate::keywords::Branch::Type(pointer) => pointer,
        };
        let (i, def) = self
            .space
            .types
            .iter()
            .enumerate()
            .find(|(_, d)| d.pointer == *pointer)?;
        let kind = def.kind.as_ref()?;
        let path = self.type_path(TypeId(i), module);
        let shown = format!("{{\"$ref\": \"#{pointer}\"}}");
        if self.override_of(def).is_some() {
            // A user's type: read it (it need not implement `Validate`).
            let read = quote::format_ident!("read_{}", name.to_lowercase());
            return Some((
                quote! {
                    fn #read(json: &str) -> Result<(), #rt::Violations> {
                        #rt::reads_as_with::<#path>(json, |_, _| {})
                    }
                },
                quote! { #rt::SubSchema::of_type(#shown, #read) },
            ));
        }
        let TypeKind::Alias(target) = kind else {
            return Some((
                TokenStream::new(),
                quote! { #rt::SubSchema::of_type(#shown, #rt::reads_as::<#path>) },
            ));
        };
        // An alias (a named primitive or collection) has no `Validate` impl and may need its
        // wire adapter: read it through a transparent wrapper, then run its own checks as its
        // use sites do (composition excepted, which cannot refer back to it endlessly here).
        let mut own = def.checks.own.clone();
        own.not = None;
        own.any_of.clear();
        own.one_of.clear();
        own.if_schema = None;
        own.then_schema = None;
        own.else_schema = None;
        let mut checks = self.own_checks(target, &own, &quote! { value }, module);
        if refs_any(target, self.needs_validation) {
            checks.extend(quote! { v.check(value); });
        }
        let check = if checks.is_empty() {
            quote! { |_, _| {} }
        } else {
            quote! { |Read(value), v| { #checks } }
        };
        let field_attr = self.adapter(target).map(|a| {
            let with = with_attr(&a);
            quote! { #[serde(#with)] }
        });
        let read = quote::format_ident!("read_{}", name.to_lowercase());
        Some((
            quote! {
                fn #read(json: &str) -> Result<(), #rt::Violations> {
                    #[derive(::serde::Deserialize)]
                    #[serde(transparent)]
                    #[allow(dead_code)]
                    struct Read(#field_attr #path);
                    #rt::reads_as_with::<Read>(json, #check)
                }
            },
            quote! { #rt::SubSchema::of_type(#shown, #read) },
        ))
    }

    /// A type's declaration: tokens, plus (for structs) impls already formatted as text.
    fn type_item(&self, id: TypeId, def: &TypeDef) -> (TokenStream, String) {
        let Some(kind) = &def.kind else {
            return (TokenStream::new(), String::new());
        };
        if self.override_of(def).is_some() {
            return (TokenStream::new(), String::new());
        }
        let name = ident(&def.name);
        let docs = self.type_docs(def);
        if let TypeKind::Struct(s) = kind {
            return self.struct_item(&name, def, s, docs);
        }
        let tokens = match kind {
            TypeKind::Struct(_) => TokenStream::new(),
            TypeKind::Enum(e) => enum_item(
                &name,
                e,
                docs,
                self.item_attrs(def),
                self.options.open_enums,
            ),
            TypeKind::Choice(c) => self.choice_item(&name, def, c, docs),
            TypeKind::Union(variants) => self.union_item(&name, def, variants, docs),
            TypeKind::Tuple(fields) => self.tuple_item(&name, def, fields, docs),
            TypeKind::Alias(target) => {
                let ty = self.rust_type(target, &def.module);
                let _ = id;
                quote! {
                    #docs
                    pub type #name = #ty;
                }
            }
            TypeKind::Newtype(target) => {
                let attrs = self.item_attrs(def);
                let ty = self.rust_type(target, &def.module);
                let attr = self
                    .adapter(target)
                    .map(|a| {
                        let w = with_attr(&a);
                        quote! { #[serde(#w)] }
                    })
                    .unwrap_or_default();
                quote! {
                        #docs
                        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #attrs
                        #[serde(transparent)]
                        pub struct #name(#attr pub #ty);
                    }
            }
        };
        (tokens, String::new())
    }

    /// Attributes the Config adds to a generated item: extra derives, per-type attributes,
    /// `#[non_exhaustive]`.
    fn item_attrs(&self, def: &TypeDef) -> TokenStream {
        let mut out = TokenStream::new();
        // Derives the item already has (string enums derive Eq and Hash themselves).
        let built_in: &[&str] = match &def.kind {
            Some(TypeKind::Enum(_)) => &["Debug", "Clone", "Copy", "PartialEq", "Eq", "Hash"],
            _ => &["Debug", "Clone", "PartialEq"],
        };
        let derives: Vec<&TokenStream> = self
            .options
            .extra_derives
            .iter()
            .filter(|d| {
                let text = d.to_string();
                let last = text.rsplit("::").next().unwrap_or(&text).trim().to_string();
                !built_in.contains(&last.as_str())
            })
            .collect();
        if !derives.is_empty() {
            out.extend(quote! { #[derive(#(#derives),*)] });
        }
        let pointer = format!("#{}", def.pointer);
        for (selector, attr) in &self.options.type_attributes {
            if selector == "*" || *selector == def.name || *selector == pointer {
                out.extend(quote! { #[#attr] });
            }
        }
        if self.options.non_exhaustive {
            out.extend(quote! { #[non_exhaustive] });
        }
        out
    }

    /// The Rust path a Config override gives this type, if any.
    fn override_of(&self, def: &TypeDef) -> Option<&TokenStream> {
        let pointer = format!("#{}", def.pointer);
        self.options
            .overrides
            .iter()
            .find(|(p, _)| *p == pointer || *p == def.pointer)
            .map(|(_, path)| path)
    }

    fn type_docs(&self, def: &TypeDef) -> TokenStream {
        let mut text = render_docs(&def.docs);
        let location = if def.pointer.is_empty() {
            format!("Root type of `{}`.", self.options.source_name)
        } else {
            format!(
                "Generated from `#{}` in `{}`.",
                def.pointer, self.options.source_name
            )
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&escape_markdown(&location));
        doc_attrs(&text)
    }

    fn struct_item(
        &self,
        name: &Ident,
        def: &TypeDef,
        s: &StructDef,
        docs: TokenStream,
    ) -> (TokenStream, String) {
        let attrs = self.item_attrs(def);
        let members: Vec<Member> = s
            .fields
            .iter()
            .map(|f| self.member(f, &def.module))
            .collect();
        let fields = members.iter().map(|m| {
            let docs = doc_attrs(&render_docs(&m.field.docs));
            let (ident, ty) = (&m.ident, &m.field_ty);
            quote! {
                #docs
                pub #ident: #ty,
            }
        });
        let extras = self.extras_member(&s.extra, &def.module);
        let extra_field = extras
            .as_ref()
            .map(|x| {
                let (ident, value_ty) = (&x.ident, &x.value_ty);
                quote! {
                    /// Members the schema does not declare, kept in document order so that
                    /// nothing is lost on a round trip.
                    pub #ident: ::json_structure_runtime::IndexMap<String, #value_ty>,
                }
            })
            .unwrap_or_default();
        let mut impls = serialize_impl(name, &members, extras.as_ref());
        impls.push_str(&deserialize_impl(name, &members, &s.extra, extras.as_ref()));
        let item = quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #attrs
            pub struct #name {
                #(#fields)*
                #extra_field
            }
        };
        (item, impls)
    }

    /// How one struct field goes over the wire.
    fn member<'f>(&self, f: &'f Field, module: &[String]) -> Member<'f> {
        let mut value = self.rust_type(&f.ty, module);
        let mut adapter = self.adapter(&f.ty);
        if f.boxed {
            value = quote! { Box<#value> };
            adapter = adapter.map(|a| quote! { Box<#a> });
        }
        if f.nullable {
            // `null` is a value of its own (`None`), written back as `null`.
            value = quote! { Option<#value> };
            adapter = adapter.map(|a| quote! { Option<#a> });
        }
        // An optional member may be absent (`None`, not written back); when present, `null`
        // is an error unless the member is also nullable.
        let field_ty = if f.required {
            value.clone()
        } else {
            quote! { Option<#value> }
        };
        Member {
            field: f,
            ident: ident(&f.ident),
            field_ty,
            value_ty: value,
            adapter,
        }
    }

    /// The field that keeps an open object's undeclared members, if the object keeps them.
    fn extras_member(&self, extra: &Extra, module: &[String]) -> Option<ExtrasMember> {
        let Extra::Capture {
            ident: name, value, ..
        } = extra
        else {
            return None;
        };
        // Typed members go through an adapter (`Same` when the type needs none); untyped
        // ones are plain JSON values.
        let adapter = if matches!(value, TypeRef::Any) {
            None
        } else {
            Some(
                self.adapter(value)
                    .unwrap_or_else(|| quote! { ::json_structure_runtime::Same }),
            )
        };
        Some(ExtrasMember {
            ident: ident(name),
            value_ty: self.rust_type(value, module),
            adapter,
        })
    }

    fn choice_item(
        &self,
        name: &Ident,
        def: &TypeDef,
        c: &ChoiceDef,
        docs: TokenStream,
    ) -> TokenStream {
        let attrs = self.item_attrs(def);
        if let Some(selector) = &c.selector {
            return self.inline_choice_item(name, def, c, selector, docs);
        }
        let variants = c
            .variants
            .iter()
            .map(|v| self.variant(v, &def.module, true));
        let tag = c
            .selector
            .as_ref()
            .map(|s| quote! { #[serde(tag = #s)] })
            .unwrap_or_default();
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #attrs
            #tag
            pub enum #name {
                #(#variants)*
            }
        }
    }

    /// An inline choice: the case's own object carries the selector member. The serde impls
    /// are written out (see `json_structure_runtime::read_inline_choice`) so that a case type
    /// that declares the selector itself still sees it, and it is never written twice.
    fn inline_choice_item(
        &self,
        name: &Ident,
        def: &TypeDef,
        c: &ChoiceDef,
        selector: &str,
        docs: TokenStream,
    ) -> TokenStream {
        let attrs = self.item_attrs(def);
        let type_name = def.name.clone();
        let keys: Vec<&str> = c.variants.iter().map(|v| v.wire.as_str()).collect();
        let idents: Vec<Ident> = c.variants.iter().map(|v| ident(&v.ident)).collect();
        let variant_defs = c.variants.iter().map(|v| {
            let id = ident(&v.ident);
            let mut ty = self.rust_type(&v.ty, &def.module);
            if v.boxed {
                ty = quote! { Box<#ty> };
            }
            let doc = format!(
                " The `{}` case (`\"{}\": \"{}\"`).",
                v.wire, selector, v.wire
            );
            quote! { #[doc = #doc] #id(#ty), }
        });
        let reads = c.variants.iter().zip(&idents).map(|(v, id)| {
            let key = &v.wire;
            let keep = self.declares_member(&v.ty, selector);
            quote! {
                #key => ::json_structure_runtime::inline_variant(body, #selector, #keep).map(Self::#id),
            }
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #attrs
            pub enum #name {
                #(#variant_defs)*
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(Self::#idents(value) => ::json_structure_runtime::write_inline_choice(serializer, #selector, #keys, value),)*
                    }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    const CASES: &[&str] = &[#(#keys),*];
                    let (key, body) = ::json_structure_runtime::read_inline_choice(deserializer, #type_name, #selector, CASES)?;
                    match key.as_str() {
                        #(#reads)*
                        _ => Err(::serde::de::Error::unknown_variant(&key, CASES)),
                    }
                }
            }
        }
    }

    /// Whether the struct behind `ty` declares a member named `wire`.
    fn declares_member(&self, ty: &TypeRef, wire: &str) -> bool {
        match ty {
            TypeRef::Named(id) | TypeRef::Indirect(id) => {
                match self.space.types.get(id.0).and_then(|d| d.kind.as_ref()) {
                    Some(TypeKind::Struct(s)) => s.fields.iter().any(|f| f.wire == wire),
                    Some(TypeKind::Alias(inner)) => self.declares_member(inner, wire),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn union_item(
        &self,
        name: &Ident,
        def: &TypeDef,
        variants: &[Variant],
        docs: TokenStream,
    ) -> TokenStream {
        let attrs = self.item_attrs(def);
        let variants = variants.iter().map(|v| self.variant(v, &def.module, false));
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #attrs
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        }
    }

    fn variant(&self, v: &Variant, module: &[String], renamed: bool) -> TokenStream {
        let name = ident(&v.ident);
        let mut ty = self.rust_type(&v.ty, module);
        let mut adapter = self.adapter(&v.ty);
        if v.boxed {
            ty = quote! { Box<#ty> };
            adapter = adapter.map(|a| quote! { Box<#a> });
        }
        let field_attr = adapter
            .map(|a| {
                let w = with_attr(&a);
                quote! { #[serde(#w)] }
            })
            .unwrap_or_default();
        let rename = if renamed && v.ident != v.wire {
            let wire = &v.wire;
            quote! { #[serde(rename = #wire)] }
        } else {
            TokenStream::new()
        };
        quote! {
            #rename
            #name(#field_attr #ty),
        }
    }

    fn tuple_item(
        &self,
        name: &Ident,
        def: &TypeDef,
        fields: &[Field],
        docs: TokenStream,
    ) -> TokenStream {
        let attrs = self.item_attrs(def);
        let fields = fields.iter().map(|f| {
            let mut text = format!("Element `{}`.", f.wire);
            let more = render_docs(&f.docs);
            if !more.is_empty() {
                text = format!("{}\n\n{more}", escape_markdown(&text));
            } else {
                text = escape_markdown(&text);
            }
            let doc = doc_attrs(&text);
            let m = self.member(f, &def.module);
            let ty = &m.field_ty;
            let serde_attr = m
                .adapter
                .as_ref()
                .map(|a| {
                    let w = with_attr(a);
                    quote! { #[serde(#w)] }
                })
                .unwrap_or_default();
            quote! { #doc #serde_attr pub #ty }
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #attrs
            pub struct #name(#(#fields),*);
        }
    }

    /// The Rust type of a value, written relative to `module`.
    fn rust_type(&self, ty: &TypeRef, module: &[String]) -> TokenStream {
        match ty {
            TypeRef::Prim(p, _) => match (self.options.date_time, p) {
                (DateTimeTypes::Chrono, Prim::DateTime) => {
                    quote! { ::chrono::DateTime<::chrono::FixedOffset> }
                }
                (DateTimeTypes::Chrono, Prim::Date) => quote! { ::chrono::NaiveDate },
                (DateTimeTypes::Chrono, Prim::Time) => quote! { ::chrono::NaiveTime },
                _ => prim_type(*p),
            },
            TypeRef::Any => quote! { ::serde_json::Value },
            TypeRef::Indirect(id) => {
                let path = self.tag_path(*id, module);
                quote! { ::json_structure_runtime::Indirect<#path> }
            }
            TypeRef::Array(inner) | TypeRef::Set(inner) => {
                let inner = self.rust_type(inner, module);
                quote! { Vec<#inner> }
            }
            TypeRef::Map(inner) => {
                let inner = self.rust_type(inner, module);
                match self.options.map_type {
                    MapType::IndexMap => {
                        quote! { ::json_structure_runtime::IndexMap<String, #inner> }
                    }
                    MapType::BTreeMap => quote! { ::std::collections::BTreeMap<String, #inner> },
                    MapType::HashMap => quote! { ::std::collections::HashMap<String, #inner> },
                }
            }
            TypeRef::Nullable(inner) => {
                let inner = self.rust_type(inner, module);
                quote! { Option<#inner> }
            }
            TypeRef::Named(id) => self.type_path(*id, module),
        }
    }

    /// The path of the `Indirect` tag of a type (`PetRef`), relative to `from`.
    fn tag_path(&self, id: TypeId, from: &[String]) -> TokenStream {
        let path = self.type_path(id, from);
        let Some(tag) = self
            .space
            .types
            .get(id.0)
            .and_then(|d| d.indirect_tag.as_deref())
        else {
            return path;
        };
        // Same module as the type: replace the last segment.
        let mut tokens: Vec<proc_macro2::TokenTree> = path.into_iter().collect();
        tokens.pop();
        let tag = ident(tag);
        let mut out: TokenStream = tokens.into_iter().collect();
        out.extend(quote! { #tag });
        out
    }

    fn type_path(&self, id: TypeId, from: &[String]) -> TokenStream {
        let Some(def) = self.space.types.get(id.0) else {
            return quote! { ::serde_json::Value };
        };
        if let Some(path) = self.override_of(def) {
            return path.clone();
        }
        let common = from
            .iter()
            .zip(&def.module)
            .take_while(|(a, b)| a == b)
            .count();
        let supers = (common..from.len()).map(|_| quote! { super:: });
        let downs = def.module.iter().skip(common).map(|m| {
            let m = ident(m);
            quote! { #m:: }
        });
        let name = ident(&def.name);
        quote! { #(#supers)* #(#downs)* #name }
    }

    /// The runtime adapter that gives `ty` its JSON Structure wire form, if serde's default
    /// form is not already right.
    fn adapter(&self, ty: &TypeRef) -> Option<TokenStream> {
        let rt = quote! { ::json_structure_runtime };
        match ty {
            TypeRef::Prim(p, encoding) => match p {
                // Integral values are written as integers (`"cpu": 1` stays `1`, not `1.0`);
                // an f32 out of range is an error instead of becoming `null` on the way back.
                Prim::Number | Prim::Double | Prim::Float | Prim::Float8 => {
                    Some(quote! { #rt::Number })
                }
                Prim::Int64 | Prim::Uint64 | Prim::Int128 | Prim::Uint128 => {
                    Some(if self.options.lenient_numbers {
                        quote! { #rt::LenientStringInt }
                    } else {
                        quote! { #rt::StringInt }
                    })
                }
                Prim::Decimal if self.options.lenient_numbers => {
                    Some(quote! { #rt::LenientDecimal })
                }
                Prim::Uri if self.options.absolute_uris => Some(quote! { #rt::AbsoluteUri }),
                Prim::Binary => Some(match encoding {
                    Encoding::Base64 => quote! { #rt::Base64 },
                    Encoding::Base64Url => quote! { #rt::Base64Url },
                    Encoding::Base16 => quote! { #rt::Base16 },
                    Encoding::Base32 => quote! { #rt::Base32 },
                    Encoding::Base32Hex => quote! { #rt::Base32Hex },
                }),
                _ => None,
            },
            TypeRef::Any | TypeRef::Indirect(_) => None,
            TypeRef::Named(id) => match self.space.types.get(id.0).and_then(|d| d.kind.as_ref()) {
                Some(TypeKind::Alias(target)) => self.adapter(target),
                _ => None,
            },
            TypeRef::Array(inner) => self.adapter(inner).map(|a| quote! { Vec<#a> }),
            TypeRef::Set(inner) => {
                let a = self.adapter(inner).unwrap_or_else(|| quote! { #rt::Same });
                Some(quote! { #rt::UniqueVec<#a> })
            }
            TypeRef::Map(inner) => self.adapter(inner).map(|a| match self.options.map_type {
                MapType::IndexMap => quote! { #rt::IndexMap<String, #a> },
                MapType::BTreeMap => quote! { ::std::collections::BTreeMap<String, #a> },
                MapType::HashMap => quote! { ::std::collections::HashMap<String, #a> },
            }),
            TypeRef::Nullable(inner) => self.adapter(inner).map(|a| quote! { Option<#a> }),
        }
    }
}

/// A struct field as the serde impls see it.
struct Member<'f> {
    field: &'f Field,
    ident: Ident,
    /// The field's Rust type: `value_ty`, or `Option<value_ty>` for an optional member.
    field_ty: TokenStream,
    /// The type of one member value on the wire (`Option<T>` when it may be `null`).
    value_ty: TokenStream,
    /// The wire adapter of `value_ty`, when serde's own form is not the wire form.
    adapter: Option<TokenStream>,
}

/// The map field that keeps an open object's undeclared members.
struct ExtrasMember {
    ident: Ident,
    value_ty: TokenStream,
    adapter: Option<TokenStream>,
}

/// `impl Serialize`: one line per member, through `json_structure_runtime::object::Writer`.
/// Hand-written rather than derived because serde's derive expansion dominates the compile
/// time of large generated files (see BENCHMARKS.md).
///
/// Written as formatted text, not tokens: these impls are most of a large output file, and
/// parsing them back with syn only to pretty-print them was most of the generator's time.
/// The layout is the one prettyplease gives them.
fn serialize_impl(name: &Ident, members: &[Member], extras: Option<&ExtrasMember>) -> String {
    let mut writes: Vec<String> = members
        .iter()
        .map(|m| {
            let (wire, ident) = (lit(&m.field.wire), &m.ident);
            match (m.field.required, &m.adapter) {
                (true, None) => format!("out.member({wire}, &self.{ident})?;"),
                (true, Some(a)) => format!(
                    "out.member_as::<{}, _>({wire}, &self.{ident})?;",
                    type_text(a)
                ),
                (false, None) => format!("out.optional({wire}, &self.{ident})?;"),
                (false, Some(a)) => format!(
                    "out.optional_as::<{}, _>({wire}, &self.{ident})?;",
                    type_text(a)
                ),
            }
        })
        .collect();
    if let Some(x) = extras {
        let ident = &x.ident;
        writes.push(match &x.adapter {
            None => format!("out.extras(&self.{ident})?;"),
            Some(a) => format!("out.extras_as::<{}, _>(&self.{ident})?;", type_text(a)),
        });
    }
    let mut out = String::new();
    out.push_str(&format!(
        "impl ::serde::Serialize for {name} {{\n    fn serialize<S: ::serde::Serializer>(\n        &self,\n        serializer: S,\n    ) -> Result<S::Ok, S::Error> {{\n"
    ));
    if writes.is_empty() {
        out.push_str("        ::json_structure_runtime::object::writer(serializer)?.end()\n");
    } else {
        out.push_str(
            "        let mut out = ::json_structure_runtime::object::writer(serializer)?;\n",
        );
        for w in writes {
            line(&mut out, 2, &w);
        }
        out.push_str("        out.end()\n");
    }
    out.push_str("    }\n}\n");
    out
}

/// `impl Deserialize` through `json_structure_runtime::object::ReadObject`: one typed slot
/// per member, one `match` arm per member name, then the required members' presence.
/// Formatted text, like [`serialize_impl`].
fn deserialize_impl(
    name: &Ident,
    members: &[Member],
    extra: &Extra,
    extras: Option<&ExtrasMember>,
) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "impl<'de> ::serde::Deserialize<'de> for {name} {{\n    fn deserialize<D: ::serde::Deserializer<'de>>(\n        deserializer: D,\n    ) -> Result<Self, D::Error> {{\n        ::json_structure_runtime::object::deserialize(deserializer)\n    }}\n}}\n"
    ));
    out.push_str(&format!(
        "impl<'de> ::json_structure_runtime::object::ReadObject<'de> for {name} {{\n    const NAME: &'static str = {};\n    fn read<__A: ::serde::de::MapAccess<'de>>(\n        mut __map: __A,\n    ) -> Result<Self, __A::Error> {{\n        use ::json_structure_runtime::object::Members as _;\n",
        lit(&name.to_string())
    ));
    for m in members {
        let (ident, ty) = (&m.ident, type_text(&m.value_ty));
        line(
            &mut out,
            2,
            &format!("let mut {ident}: Option<{ty}> = None;"),
        );
    }
    if let Some(x) = extras {
        line(
            &mut out,
            2,
            &format!(
                "let mut {} = ::json_structure_runtime::IndexMap::new();",
                x.ident
            ),
        );
    }
    let undeclared = match (extra, extras) {
        (Extra::Capture { .. }, Some(x)) => match &x.adapter {
            None => format!("__map.keep(&mut {}, __key)", x.ident),
            Some(a) => format!(
                "__map.keep_as::<{}, _>(&mut {}, __key)",
                type_text(a),
                x.ident
            ),
        },
        (Extra::Deny, _) => {
            let declared: Vec<String> = members.iter().map(|m| lit(&m.field.wire)).collect();
            format!("__map.reject(__key, &[{}])", declared.join(", "))
        }
        _ => "__map.skip_value()".to_string(),
    };
    // With no declared members there is nothing to match (and clippy rejects a `match` with
    // a single arm and a loop that always returns).
    if members.is_empty() {
        let head = match (extra, extras) {
            (Extra::Capture { .. }, Some(_)) => "while let Some(__key) = __map.next_member()? {",
            (Extra::Deny, _) => "if let Some(__key) = __map.next_member()? {",
            _ => "while __map.next_member()?.is_some() {",
        };
        line(&mut out, 2, head);
        line(&mut out, 3, &format!("{undeclared}?;"));
        line(&mut out, 2, "}");
    } else {
        line(
            &mut out,
            2,
            "while let Some(__key) = __map.next_member()? {",
        );
        line(&mut out, 3, "match &*__key {");
        // An alternate name that is another member's wire name (or an earlier member's
        // alternate name) reads as that member; a second arm for it would be unreachable.
        let mut taken: std::collections::BTreeSet<&str> =
            members.iter().map(|m| m.field.wire.as_str()).collect();
        for m in members {
            let (wire, ident) = (lit(&m.field.wire), &m.ident);
            let mut names = vec![wire.clone()];
            names.extend(
                m.field
                    .aliases
                    .iter()
                    .filter(|a| taken.insert(a.as_str()))
                    .map(|a| lit(a)),
            );
            let read = match &m.adapter {
                None => format!("__map.read(&mut {ident}, {wire})"),
                Some(a) => format!("__map.read_as::<{}, _>(&mut {ident}, {wire})", type_text(a)),
            };
            line(&mut out, 4, &format!("{} => {read},", names.join(" | ")));
        }
        let arm = format!("_ => {undeclared},");
        if matches!(extra, Extra::Deny) && 16 + arm.len() > 100 {
            // A long list of declared members, one per line, as prettyplease lays it out.
            line(&mut out, 4, "_ => {");
            line(&mut out, 5, "__map");
            line(&mut out, 6, ".reject(");
            line(&mut out, 7, "__key,");
            line(&mut out, 7, "&[");
            for m in members {
                line(&mut out, 8, &format!("{},", lit(&m.field.wire)));
            }
            line(&mut out, 7, "],");
            line(&mut out, 6, ")");
            line(&mut out, 4, "}");
        } else {
            line(&mut out, 4, &arm);
        }
        line(&mut out, 3, "}?;");
        line(&mut out, 2, "}");
    }
    for m in members.iter().filter(|m| m.field.required) {
        let (wire, ident) = (lit(&m.field.wire), &m.ident);
        line(&mut out, 2, &format!("let Some({ident}) = {ident} else {{"));
        line(
            &mut out,
            3,
            &format!("return Err(::serde::de::Error::missing_field({wire}));"),
        );
        line(&mut out, 2, "};");
    }
    let field_names: Vec<String> = members
        .iter()
        .map(|m| m.ident.to_string())
        .chain(extras.map(|x| x.ident.to_string()))
        .collect();
    if field_names.is_empty() {
        line(&mut out, 2, "Ok(Self {})");
    } else {
        line(&mut out, 2, "Ok(Self {");
        for f in &field_names {
            line(&mut out, 3, &format!("{f},"));
        }
        line(&mut out, 2, "})");
    }
    out.push_str("    }\n}\n");
    out
}

/// Appends `text` as one line, indented `depth` levels.
fn line(out: &mut String, depth: usize, text: &str) {
    for _ in 0..depth {
        out.push_str("    ");
    }
    out.push_str(text);
    out.push('\n');
}

/// A Rust string literal for `text`, exactly as `quote` would write it.
fn lit(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

/// A type (or adapter) written the way prettyplease writes types: no spaces inside paths
/// and generic arguments, `, ` between arguments.
fn type_text(tokens: &TokenStream) -> String {
    let mut out = String::new();
    write_type_tokens(tokens.clone(), &mut out);
    out
}

fn write_type_tokens(tokens: TokenStream, out: &mut String) {
    use proc_macro2::{Delimiter, TokenTree};
    for tree in tokens {
        match tree {
            TokenTree::Ident(i) => {
                // Two words in a row (`dyn Trait`, `impl Trait`) need a space.
                if out.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    out.push(' ');
                }
                out.push_str(&i.to_string());
            }
            TokenTree::Punct(p) => {
                out.push(p.as_char());
                if p.as_char() == ',' || p.as_char() == ';' {
                    out.push(' ');
                }
            }
            TokenTree::Literal(l) => {
                if out.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    out.push(' ');
                }
                out.push_str(&l.to_string());
            }
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write_type_tokens(g.stream(), out);
                out.push_str(close);
            }
        }
    }
}

fn with_attr(adapter: &TokenStream) -> TokenStream {
    let path = as_path(adapter);
    quote! { with = #path }
}

/// `::json_structure_runtime::As::<A>` as the string serde's `with` expects.
fn as_path(adapter: &TokenStream) -> String {
    let tokens = quote! { ::json_structure_runtime::As::<#adapter> };
    type_text(&tokens)
}

fn prim_type(p: Prim) -> TokenStream {
    match p {
        Prim::String => quote! { String },
        Prim::Number | Prim::Double => quote! { f64 },
        Prim::Float | Prim::Float8 => quote! { f32 },
        Prim::Integer | Prim::Int32 => quote! { i32 },
        Prim::Boolean => quote! { bool },
        Prim::Null => quote! { () },
        Prim::Int8 => quote! { i8 },
        Prim::Uint8 => quote! { u8 },
        Prim::Int16 => quote! { i16 },
        Prim::Uint16 => quote! { u16 },
        Prim::Uint32 => quote! { u32 },
        Prim::Int64 => quote! { i64 },
        Prim::Uint64 => quote! { u64 },
        Prim::Int128 => quote! { i128 },
        Prim::Uint128 => quote! { u128 },
        Prim::Decimal => quote! { ::json_structure_runtime::Decimal },
        Prim::Date => quote! { ::json_structure_runtime::Date },
        Prim::DateTime => quote! { ::json_structure_runtime::DateTime },
        Prim::Time => quote! { ::json_structure_runtime::Time },
        Prim::Duration => quote! { ::json_structure_runtime::Duration },
        Prim::Uuid => quote! { ::json_structure_runtime::Uuid },
        Prim::Uri => quote! { ::json_structure_runtime::Uri },
        Prim::Binary => quote! { Vec<u8> },
        Prim::JsonPointer => quote! { ::json_structure_runtime::JsonPointer },
    }
}

fn enum_item(
    name: &Ident,
    e: &EnumDef,
    docs: TokenStream,
    attrs: TokenStream,
    open: bool,
) -> TokenStream {
    let idents: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let count = proc_macro2::Literal::usize_unsuffixed(idents.len());
    let type_name = name.to_string();
    match e.repr {
        EnumRepr::String => {
            let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
            let variant_defs = e.variants.iter().zip(&idents).map(|(v, id)| {
                let doc = format!(" `{}`", v.wire.replace('`', "'"));
                quote! { #[doc = #doc] #id, }
            });
            if open {
                return open_string_enum(name, e, docs, attrs);
            }
            let alias_arms: Vec<TokenStream> = e
                .variants
                .iter()
                .zip(&idents)
                .flat_map(|(v, id)| {
                    v.aliases
                        .iter()
                        .map(move |a| quote! { #a => Ok(Self::#id), })
                })
                .collect();
            // serde impls are written out (not derived): they are smaller than the derive's
            // expansion, and the error for a non-string names the type and its values.
            quote! {
                #docs
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                #attrs
                pub enum #name {
                    #(#variant_defs)*
                }

                impl #name {
                    /// Every value, in schema order.
                    pub const ALL: [Self; #count] = [#(Self::#idents),*];

                    /// The value as written on the wire.
                    pub const fn as_str(self) -> &'static str {
                        match self {
                            #(Self::#idents => #wires,)*
                        }
                    }
                }

                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl ::std::str::FromStr for #name {
                    type Err = ::json_structure_runtime::UnknownEnumValue;

                    fn from_str(value: &str) -> Result<Self, Self::Err> {
                        match value {
                            #(#wires => Ok(Self::#idents),)*
                            #(#alias_arms)*
                            _ => Err(::json_structure_runtime::UnknownEnumValue::new(#type_name, value)),
                        }
                    }
                }

                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        ::json_structure_runtime::deserialize_str_enum(deserializer, #type_name, &[#(#wires),*])
                    }
                }
            }
        }
        EnumRepr::Int(prim) => {
            let int = prim_type(prim);
            let int_name = int.to_string();
            let values: Vec<TokenStream> = e
                .variants
                .iter()
                .map(|v| {
                    v.wire
                        .parse::<TokenStream>()
                        .unwrap_or_else(|_| quote! { 0 })
                })
                .collect();
            let variant_defs = e.variants.iter().zip(&idents).map(|(v, id)| {
                let doc = format!(" `{}`", v.wire);
                quote! { #[doc = #doc] #id, }
            });
            quote! {
                #docs
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
                #attrs
                #[serde(into = #int_name, try_from = #int_name)]
                pub enum #name {
                    #(#variant_defs)*
                }

                impl #name {
                    /// Every value, in schema order.
                    pub const ALL: [Self; #count] = [#(Self::#idents),*];

                    /// The value as written on the wire.
                    pub const fn value(self) -> #int {
                        match self {
                            #(Self::#idents => #values,)*
                        }
                    }
                }

                impl From<#name> for #int {
                    fn from(value: #name) -> Self {
                        value.value()
                    }
                }

                impl TryFrom<#int> for #name {
                    type Error = ::json_structure_runtime::UnknownEnumValue;

                    fn try_from(value: #int) -> Result<Self, Self::Error> {
                        match value {
                            #(#values => Ok(Self::#idents),)*
                            _ => Err(::json_structure_runtime::UnknownEnumValue::new(#type_name, &value.to_string())),
                        }
                    }
                }

                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        ::std::fmt::Display::fmt(&self.value(), f)
                    }
                }
            }
        }
    }
}

/// A string enum with an `Other(String)` variant: unknown values are kept (and written back)
/// instead of rejected, so an API can add values without breaking older clients.
fn open_string_enum(
    name: &Ident,
    e: &EnumDef,
    docs: TokenStream,
    attrs: TokenStream,
) -> TokenStream {
    let mut scope = crate::names::Scope::new();
    let idents: Vec<Ident> = e
        .variants
        .iter()
        .map(|v| {
            scope.reserve(&v.ident);
            ident(&v.ident)
        })
        .collect();
    let other = ident(&scope.claim("Other"));
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let count = proc_macro2::Literal::usize_unsuffixed(idents.len());
    let variant_defs = e.variants.iter().zip(&idents).map(|(v, id)| {
        let doc = format!(" `{}`", v.wire.replace('`', "'"));
        quote! { #[doc = #doc] #id, }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #attrs
        pub enum #name {
            #(#variant_defs)*
            /// A value this version of the schema does not list, kept as written.
            #other(String),
        }

        impl #name {
            /// Every known value, in schema order.
            pub const ALL: [Self; #count] = [#(Self::#idents),*];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #wires,)*
                    Self::#other(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(match value {
                    #(#wires => Self::#idents,)*
                    other => Self::#other(other.to_string()),
                })
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(match value.as_ref() {
                    #(#wires => Self::#idents,)*
                    _ => Self::#other(value.into_owned()),
                })
            }
        }
    }
}

/// Markdown for a doc comment: description, title, examples and notes.
fn render_docs(docs: &Docs) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(title) = &docs.title {
        if docs.description.as_deref() != Some(title.as_str()) {
            parts.push(format!("**{}**", escape_markdown(title)));
        }
    }
    if let Some(d) = &docs.description {
        parts.push(escape_markdown(d));
    }
    if docs.deprecated {
        parts.push("**Deprecated** by the schema.".to_string());
    }
    for note in &docs.notes {
        parts.push(escape_markdown(note));
    }
    match docs.examples.as_slice() {
        [] => {}
        [one] if !one.contains('\n') && one.len() <= 80 && !one.contains('`') => {
            parts.push(format!("Example: `{one}`"));
        }
        examples => {
            let mut block = String::from(if examples.len() == 1 {
                "Example:"
            } else {
                "Examples:"
            });
            for ex in examples {
                block.push_str("\n\n```json\n");
                block.push_str(&ex.replace("```", "`\u{200b}``"));
                block.push_str("\n```");
            }
            parts.push(block);
        }
    }
    parts.join("\n\n")
}

/// `#[doc]` attributes, one per line (prettyplease prints them as `///` comments).
fn doc_attrs(text: &str) -> TokenStream {
    if text.trim().is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// Makes schema text safe for rustdoc: no accidental doctests (indented blocks, bare code
/// fences), no broken intra-doc links (`[x]`), no stray HTML (`<x>`), URLs as autolinks.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_fence = false;
    for (i, raw_line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = raw_line.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            // Keep fences balanced and never let rustdoc compile their content as Rust.
            if in_fence {
                out.push_str("```");
            } else {
                out.push_str("```text");
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push_str(line);
            continue;
        }
        out.push_str(&escape_inline(trimmed));
    }
    if in_fence {
        out.push_str("\n```");
    }
    out
}

fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let url_start = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min();
        let (before, url_and_after) = match url_start {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        for c in before.chars() {
            match c {
                '[' => out.push_str("\\["),
                ']' => out.push_str("\\]"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
        if url_and_after.is_empty() {
            break;
        }
        let end = url_and_after
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']' | '[' | '\'')
            })
            .unwrap_or(url_and_after.len());
        let (mut url, mut after) = url_and_after.split_at(end);
        while let Some(stripped) = url.strip_suffix(['.', ',', ';', ':', '!', '?']) {
            url = stripped;
            after = &url_and_after[url.len()..];
        }
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_are_safe_for_rustdoc() {
        assert_eq!(
            escape_markdown("See https://x.io/a.json. Use [a] <b>"),
            "See <https://x.io/a.json>. Use \\[a\\] &lt;b&gt;"
        );
        assert_eq!(escape_markdown("    indented code"), "indented code");
        assert_eq!(
            escape_markdown("```\nfn x() {}\n```"),
            "```text\nfn x() {}\n```"
        );
        assert_eq!(escape_markdown("```\nopen"), "```text\nopen\n```");
    }
}
