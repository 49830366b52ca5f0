//! Stage 3: the type space. Resolves references and `$extends`, gives every type that will
//! exist in Rust a unique name (definitions by their key, inline types by parent + property),
//! and decides where recursion needs a `Box`.
//!
//! The result is a flat list of [`TypeDef`]s in a deterministic order (root type, then
//! definitions in document order, each followed by the inline types it introduced), which
//! [`crate::emit`] turns into tokens one by one.

use std::collections::{BTreeMap, HashMap};

use crate::error::{Diagnostic, Error};
use crate::model::{
    Additional, Checks, Choice, Docs, Document, Encoding, Mode, Object, Prim, Primitive, Property,
    Reference, Schema, Ty,
};
use crate::names::{field_ident, module_ident, type_ident, type_name, Scope};
use crate::source::Node;

/// Index of a [`TypeDef`] in [`TypeSpace::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// All Rust types generated for one document.
#[derive(Debug, Clone)]
pub struct TypeSpace {
    /// Every type, in output order.
    pub types: Vec<TypeDef>,
    /// The document's root type, when it has one.
    pub root: Option<TypeRef>,
    /// Warnings found while resolving.
    pub warnings: Vec<Diagnostic>,
}

/// One Rust type to generate.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The Rust identifier.
    pub name: String,
    /// The module path (namespace) it lives in, as Rust identifiers.
    pub module: Vec<String>,
    /// Where it is declared.
    pub pointer: String,
    /// Documentation.
    pub docs: Docs,
    /// What kind of Rust item it becomes. `None` for abstract types, which exist only to be
    /// extended and produce no item.
    pub kind: Option<TypeKind>,
    /// Constraints of the type's own schema (object-level ones for structs: `minProperties`,
    /// `dependentRequired`, ...; value and element ones for named primitives and collections).
    pub checks: ValueChecks,
    /// The tag type naming this type for `json_structure_runtime::Indirect` (`PetRef`), when
    /// something references it through one.
    pub indirect_tag: Option<String>,
}

/// The shape of a generated Rust item.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields (JSON object).
    Struct(StructDef),
    /// A field-less enum (JSON Structure `enum`).
    Enum(EnumDef),
    /// A tagged or inline `choice`.
    Choice(ChoiceDef),
    /// A type union: an untagged enum tried in order.
    Union(Vec<Variant>),
    /// A tuple struct (JSON array of fixed length).
    Tuple(Vec<Field>),
    /// A type alias for a named primitive or collection.
    Alias(TypeRef),
    /// A one-field tuple struct, `#[serde(transparent)]`: a named collection that contains
    /// itself (`A` = array of `A`), which a type alias cannot express.
    Newtype(TypeRef),
}

/// A struct.
#[derive(Debug, Clone)]
pub struct StructDef {
    /// Fields in schema order (inherited fields first).
    pub fields: Vec<Field>,
    /// What happens to undeclared members.
    pub extra: Extra,
    /// `required` in its array-of-arrays form: exactly one of these sets of fields (by index
    /// into `fields`) must be fully present; checked by `validate()`.
    pub required_sets: Vec<Vec<usize>>,
}

/// Handling of members that the schema does not declare.
#[derive(Debug, Clone)]
pub enum Extra {
    /// Kept in a map field so that they survive a round trip.
    Capture {
        /// The field's identifier.
        ident: String,
        /// The type of each value (`any` unless `additionalProperties` gives a schema).
        value: TypeRef,
        /// Constraints on each value (from the `additionalProperties` schema).
        checks: Box<ValueChecks>,
    },
    /// Rejected (`additionalProperties: false`).
    Deny,
    /// Accepted and dropped (the object is open and capturing is switched off).
    Ignore,
}

/// A struct or tuple field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The member name on the wire.
    pub wire: String,
    /// The Rust identifier (may be raw, `r#ref`).
    pub ident: String,
    /// The value type, without the `Option` that presence or nullability adds.
    pub ty: TypeRef,
    /// Listed in `required` (or a tuple element).
    pub required: bool,
    /// Accepts `null`.
    pub nullable: bool,
    /// Needs a `Box` to break a cycle of types.
    pub boxed: bool,
    /// Documentation.
    pub docs: Docs,
    /// Constraints on the value (and its elements) that `validate()` checks.
    pub checks: ValueChecks,
    /// Other names accepted when reading (`altnames`): the schema's property name when the
    /// `json` alternate name is the wire name, and custom-purpose names.
    pub aliases: Vec<String>,
}

/// Constraints on a value and, for collections, on each element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueChecks {
    /// Constraints on the value itself.
    pub own: Checks,
    /// Constraints on each element of an array, set or map.
    pub element: Option<Box<ValueChecks>>,
}

impl ValueChecks {
    /// The checks a schema declares for its value and elements.
    pub fn of(schema: &Schema) -> Self {
        let element = match &schema.ty {
            Ty::Array(items) | Ty::Set(items) | Ty::Map(items) => {
                let inner = ValueChecks::of(items);
                (!inner.is_empty()).then(|| Box::new(inner))
            }
            _ => None,
        };
        ValueChecks {
            own: schema.checks.clone(),
            element,
        }
    }

    /// Whether nothing is checked.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.element.is_none()
    }
}

/// A field-less enum.
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// Whether the wire values are strings or integers of a given type.
    pub repr: EnumRepr,
    /// Variants in schema order.
    pub variants: Vec<EnumVariant>,
}

/// Wire representation of an enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    /// JSON strings.
    String,
    /// JSON numbers of this integer type.
    Int(Prim),
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// The Rust identifier.
    pub ident: String,
    /// The value: the string itself, or the integer's text (or its `altenums.json` symbol).
    pub wire: String,
    /// Other spellings accepted when reading (the `enum` value when `altenums` renames it).
    pub aliases: Vec<String>,
}

/// A choice.
#[derive(Debug, Clone)]
pub struct ChoiceDef {
    /// `Some` for an inline union (internally tagged by this member).
    pub selector: Option<String>,
    /// One variant per choice.
    pub variants: Vec<Variant>,
}

/// A variant that holds a value (choice case or union member).
#[derive(Debug, Clone)]
pub struct Variant {
    /// The Rust identifier.
    pub ident: String,
    /// The choice key (for unions: the member's type name, unused on the wire).
    pub wire: String,
    /// The value type.
    pub ty: TypeRef,
    /// Needs a `Box` to break a cycle.
    pub boxed: bool,
    /// Constraints on the value (a choice case's or union member's own keywords).
    pub checks: ValueChecks,
}

/// A reference to a type, as used in a field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// A primitive (with its binary encoding, which only matters for `binary`).
    Prim(Prim, Encoding),
    /// A generated type.
    Named(TypeId),
    /// A generated type behind `json_structure_runtime::Indirect`, used for references
    /// inside large cycles of types (see [`LARGE_CYCLE`]).
    Indirect(TypeId),
    /// `array`.
    Array(Box<TypeRef>),
    /// `set`.
    Set(Box<TypeRef>),
    /// `map` with string keys.
    Map(Box<TypeRef>),
    /// `any`.
    Any,
    /// `Option<T>` (a named type that is itself nullable).
    Nullable(Box<TypeRef>),
}

/// Options that change the type space.
#[derive(Debug, Clone)]
pub struct ResolveOptions {
    /// Keep undeclared members of open objects in a map field.
    pub capture_additional: bool,
}

/// Builds the type space of a document.
pub fn resolve(doc: &Document, options: &ResolveOptions) -> Result<TypeSpace, Error> {
    let mut r = Resolver::new(doc, options);
    r.declare()?;
    r.check_extends_cycles()?;
    r.build()?;
    let root = r.root_ref()?;
    r.break_alias_cycles()?;
    r.constrained_aliases_to_newtypes();
    let mut space = TypeSpace {
        types: r.types,
        root,
        warnings: r.warnings,
    };
    mark_indirect(&mut space);
    name_indirect_tags(&mut space);
    mark_boxes(&mut space);
    box_large_variants(&mut space);
    Ok(space)
}

struct Resolver<'a> {
    doc: &'a Document,
    options: &'a ResolveOptions,
    types: Vec<TypeDef>,
    /// Type scopes per module path, so names are unique per module.
    scopes: BTreeMap<Vec<String>, Scope>,
    /// Definition pointer (without `#`) → type.
    by_pointer: HashMap<String, TypeId>,
    /// Definition pointer (without `#`) → index in `doc.definitions`.
    def_index: HashMap<String, usize>,
    /// Definition key → types with that key (for lenient `#/components/schemas/X`).
    by_key: HashMap<String, Vec<TypeId>>,
    /// Which definition each pre-declared id stands for (`None` for the inline root).
    pending: Vec<(TypeId, Option<usize>)>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Resolver<'a> {
    fn new(doc: &'a Document, options: &'a ResolveOptions) -> Self {
        Resolver {
            doc,
            options,
            types: Vec::new(),
            scopes: BTreeMap::new(),
            by_pointer: HashMap::new(),
            def_index: HashMap::new(),
            by_key: HashMap::new(),
            pending: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn error(&self, offset: usize, pointer: &str, message: impl Into<String>) -> Error {
        Error::Schema(Box::new(Diagnostic::error(
            &self.doc.file,
            offset,
            pointer,
            message,
        )))
    }

    fn warn(&mut self, offset: usize, pointer: &str, message: impl Into<String>) {
        self.warnings.push(Diagnostic::warning(
            &self.doc.file,
            offset,
            pointer,
            message,
        ));
    }

    /// Claims a unique type name in `module` and adds an empty [`TypeDef`].
    fn new_type(
        &mut self,
        module: Vec<String>,
        raw_name: &str,
        pointer: &str,
        docs: Docs,
    ) -> TypeId {
        let scope = self.scopes.entry(module.clone()).or_default();
        let name = scope.claim(&type_name(raw_name));
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            name,
            module,
            pointer: pointer.to_string(),
            docs,
            kind: None,
            checks: ValueChecks::default(),
            indirect_tag: None,
        });
        id
    }

    /// Gives the root type and every definition its id and name before anything is built,
    /// so references resolve regardless of order and definitions win names over inline types.
    fn declare(&mut self) -> Result<(), Error> {
        if let Some(root) = &self.doc.root {
            let raw = self
                .doc
                .name
                .clone()
                .or_else(|| root.name.clone())
                .unwrap_or_else(|| file_stem(&self.doc.file.path));
            let mut docs = root.docs.clone();
            if self.doc.name.as_deref().is_some_and(|n| type_ident(n) != n) {
                docs.title
                    .get_or_insert_with(|| self.doc.name.clone().unwrap_or_default());
            }
            let id = self.new_type(Vec::new(), &raw, "", docs);
            self.pending.push((id, None));
        }
        for (i, def) in self.doc.definitions.iter().enumerate() {
            let module: Vec<String> = def.namespace.iter().map(|n| module_ident(n)).collect();
            let id = self.new_type(module, &def.name, def.pointer(), def.schema.docs.clone());
            self.by_pointer.insert(def.pointer().to_string(), id);
            self.def_index.insert(def.pointer().to_string(), i);
            self.by_key.entry(def.name.clone()).or_default().push(id);
            self.pending.push((id, Some(i)));
        }
        Ok(())
    }

    fn build(&mut self) -> Result<(), Error> {
        let pending = std::mem::take(&mut self.pending);
        for (id, def_index) in pending {
            let schema = match def_index {
                None => self.doc.root.as_ref(),
                Some(i) => self.doc.definitions.get(i).map(|d| &d.schema),
            };
            let Some(schema) = schema else { continue };
            if let Some(def) = self.types.get_mut(id.0) {
                def.checks = ValueChecks::of(schema);
            }
            let kind = self.named_kind(id, schema)?;
            if let Some(def) = self.types.get_mut(id.0) {
                def.kind = kind;
            }
        }
        Ok(())
    }

    /// A named primitive or collection with constraints (`"Port": {"type": "uint16",
    /// "minimum": 1024}`) becomes a newtype, so that it has a `validate()` of its own; a plain
    /// type alias could not carry one.
    fn constrained_aliases_to_newtypes(&mut self) {
        for def in &mut self.types {
            if def.checks.is_empty() {
                continue;
            }
            if let Some(TypeKind::Alias(target)) = &def.kind {
                if !matches!(target, TypeRef::Nullable(_)) {
                    def.kind = Some(TypeKind::Newtype(target.clone()));
                }
            }
        }
    }

    /// Every `$extends` chain must end, whether or not a concrete type uses it (a cycle of
    /// abstract types would otherwise go unnoticed).
    fn check_extends_cycles(&mut self) -> Result<(), Error> {
        let doc: &'a Document = self.doc;
        for def in &doc.definitions {
            if let Ty::Object(object) = &def.schema.ty {
                let mut properties = Vec::new();
                let mut required = Vec::new();
                let mut chain = vec![def.pointer().to_string()];
                self.inherit(
                    object,
                    def.pointer(),
                    &mut properties,
                    &mut required,
                    &mut chain,
                )?;
            }
        }
        Ok(())
    }

    /// Type aliases that reach themselves: through a container they become newtypes
    /// (`A` = array of `A` is a fine schema); with nothing in between (`A` is `A`) the schema
    /// has no base case and is an error.
    fn break_alias_cycles(&mut self) -> Result<(), Error> {
        let n = self.types.len();
        for start in 0..n {
            let Some(TypeDef {
                kind: Some(TypeKind::Alias(target)),
                ..
            }) = self.types.get(start)
            else {
                continue;
            };
            // Walk the aliases this one reaches; `direct` is false once a container is crossed.
            let mut stack: Vec<(TypeRef, bool)> = vec![(target.clone(), true)];
            let mut seen = std::collections::HashSet::new();
            let mut verdict: Option<bool> = None;
            while let Some((ty, direct)) = stack.pop() {
                match ty {
                    TypeRef::Named(id) | TypeRef::Indirect(id) => {
                        if id.0 == start {
                            verdict = Some(verdict.unwrap_or(true) && direct);
                            if direct {
                                break;
                            }
                            continue;
                        }
                        if !seen.insert((id.0, direct)) {
                            continue;
                        }
                        if let Some(TypeDef {
                            kind: Some(TypeKind::Alias(next)),
                            ..
                        }) = self.types.get(id.0)
                        {
                            stack.push((next.clone(), direct));
                        }
                    }
                    TypeRef::Nullable(inner) => stack.push((*inner, direct)),
                    TypeRef::Array(inner) | TypeRef::Set(inner) | TypeRef::Map(inner) => {
                        stack.push((*inner, false))
                    }
                    TypeRef::Prim(..) | TypeRef::Any => {}
                }
            }
            match verdict {
                Some(true) => {
                    let (pointer, offset) = self
                        .types
                        .get(start)
                        .map(|d| d.pointer.clone())
                        .and_then(|p| {
                            self.definition(&p)
                                .map(|d| (p.clone(), d.schema.loc.offset))
                        })
                        .unwrap_or_default();
                    return Err(Error::Schema(Box::new(
                        Diagnostic::error(
                            &self.doc.file,
                            offset,
                            &pointer,
                            format!("#{pointer} is defined as itself (a circular reference with no type in between)"),
                        )
                        .with_help("give the definition a real type, e.g. an object with a property that references it"),
                    )));
                }
                Some(false) => {
                    if let Some(def) = self.types.get_mut(start) {
                        if let Some(TypeKind::Alias(t)) = def.kind.take() {
                            def.kind = Some(TypeKind::Newtype(t));
                        }
                    }
                }
                None => {}
            }
        }
        Ok(())
    }

    /// The definition at `pointer` (without `#`).
    fn definition(&self, pointer: &str) -> Option<&'a crate::model::Definition> {
        let doc: &'a Document = self.doc;
        self.def_index
            .get(pointer)
            .and_then(|&i| doc.definitions.get(i))
    }

    fn root_ref(&mut self) -> Result<Option<TypeRef>, Error> {
        let root = if self.doc.root.is_some() {
            Some(TypeRef::Named(TypeId(0)))
        } else {
            match &self.doc.root_ref {
                Some(reference) => Some(self.reference(reference)?),
                None => None,
            }
        };
        if let Some(TypeRef::Named(id)) = &root {
            self.accept_instance_keywords(*id);
        }
        Ok(root)
    }

    /// An instance document may carry `$schema` and `$uses` at its root (Core §schema-keyword,
    /// §uses-keyword). A closed root type declares them as optional fields so that such
    /// documents are accepted and written back unchanged; an open one keeps them among its
    /// additional properties anyway.
    fn accept_instance_keywords(&mut self, id: TypeId) {
        let Some(TypeDef {
            kind: Some(TypeKind::Struct(def)),
            ..
        }) = self.types.get_mut(id.0)
        else {
            return;
        };
        if !matches!(def.extra, Extra::Deny) {
            return;
        }
        let mut scope = Scope::new();
        for f in &def.fields {
            scope.reserve(&f.ident);
        }
        let instance_keywords = [
            (
                "$schema",
                TypeRef::Prim(Prim::String, Encoding::Base64),
                "The instance's schema (`$schema`).",
            ),
            (
                "$uses",
                TypeRef::Array(Box::new(TypeRef::Prim(Prim::String, Encoding::Base64))),
                "Add-ins this instance uses (`$uses`).",
            ),
        ];
        for (wire, ty, doc) in instance_keywords {
            if def.fields.iter().any(|f| f.wire == wire) {
                continue;
            }
            def.fields.push(Field {
                wire: wire.to_string(),
                ident: scope.claim(&field_ident(wire)),
                ty,
                required: false,
                nullable: false,
                boxed: false,
                docs: Docs {
                    description: Some(doc.to_string()),
                    ..Docs::default()
                },
                checks: ValueChecks::default(),
                aliases: Vec::new(),
            });
        }
    }

    /// The Rust item for a schema that has a name of its own (root or definition).
    fn named_kind(&mut self, id: TypeId, schema: &Schema) -> Result<Option<TypeKind>, Error> {
        let kind = match &schema.ty {
            Ty::Object(object) if object.is_abstract => return Ok(None),
            Ty::Object(object) => TypeKind::Struct(self.struct_def(id, schema, object)?),
            Ty::Prim(p) if p.enum_values.is_some() => match self.enum_def(schema, p)? {
                Some(e) => TypeKind::Enum(e),
                None => TypeKind::Alias(self.prim_ref(p)),
            },
            Ty::Choice(choice) => TypeKind::Choice(self.choice_def(id, choice)?),
            Ty::Union(members) => TypeKind::Union(self.union_variants(id, "", members)?),
            Ty::Tuple(tuple) => {
                let mut fields = Vec::new();
                let mut scope = Scope::new();
                for element in &tuple.elements {
                    let mut field = self.field(id, element, true, &mut scope)?;
                    field.required = true;
                    fields.push(field);
                }
                TypeKind::Tuple(fields)
            }
            _ => {
                let inner = self.type_ref(id, "", &schema.ty, schema)?;
                TypeKind::Alias(inner)
            }
        };
        // A named type that is itself nullable is an alias of `Option<...>`; wrap its item.
        if schema.nullable {
            if let TypeKind::Alias(inner) = kind {
                return Ok(Some(TypeKind::Alias(TypeRef::Nullable(Box::new(inner)))));
            }
            let inner_id = self.inline_copy(id, kind);
            return Ok(Some(TypeKind::Alias(TypeRef::Nullable(Box::new(
                TypeRef::Named(inner_id),
            )))));
        }
        Ok(Some(kind))
    }

    /// Moves `kind` to a new `<Name>Value` type (used when a named type is nullable).
    fn inline_copy(&mut self, owner: TypeId, kind: TypeKind) -> TypeId {
        let (module, name, pointer) = self.owner_info(owner);
        let id = self.new_type(module, &format!("{name}Value"), &pointer, Docs::default());
        if let Some(def) = self.types.get_mut(id.0) {
            def.kind = Some(kind);
        }
        id
    }

    fn owner_info(&self, owner: TypeId) -> (Vec<String>, String, String) {
        self.types
            .get(owner.0)
            .map(|d| (d.module.clone(), d.name.clone(), d.pointer.clone()))
            .unwrap_or_default()
    }

    fn struct_def(
        &mut self,
        id: TypeId,
        schema: &Schema,
        object: &Object,
    ) -> Result<StructDef, Error> {
        let mut properties: Vec<Property> = Vec::new();
        let mut required: Vec<String> = Vec::new();
        self.inherit(
            object,
            &schema.loc.pointer,
            &mut properties,
            &mut required,
            &mut Vec::new(),
        )?;
        for p in &object.properties {
            if let Some(existing) = properties.iter_mut().find(|q| q.name == p.name) {
                // The derived type redefines an inherited property: the derived one wins.
                *existing = p.clone();
            } else {
                properties.push(p.clone());
            }
        }
        for r in &object.required {
            if !required.contains(r) {
                required.push(r.clone());
            }
        }
        let mut scope = Scope::new();
        let mut fields = Vec::with_capacity(properties.len());
        for p in &properties {
            let is_required = required.contains(&p.name);
            fields.push(self.field(id, p, is_required, &mut scope)?);
        }
        let extra = match &object.additional {
            Additional::Denied => Extra::Deny,
            Additional::Typed(values) => Extra::Capture {
                ident: scope.claim("additional_properties"),
                value: self.type_ref(id, "AdditionalProperty", &values.ty, values)?,
                checks: Box::new(ValueChecks::of(values)),
            },
            Additional::Allowed if self.options.capture_additional => Extra::Capture {
                ident: scope.claim("additional_properties"),
                value: TypeRef::Any,
                checks: Box::default(),
            },
            Additional::Allowed => Extra::Ignore,
        };
        let required_sets = object
            .required_sets
            .iter()
            .flatten()
            .map(|set| {
                set.iter()
                    .filter_map(|name| fields.iter().position(|f| &f.wire == name))
                    .collect()
            })
            .collect();
        Ok(StructDef {
            fields,
            extra,
            required_sets,
        })
    }

    /// Collects the properties and `required` names of every base in `$extends`,
    /// transitively, bases first and in array order; the first base wins on name clashes.
    fn inherit(
        &mut self,
        object: &Object,
        pointer: &str,
        properties: &mut Vec<Property>,
        required: &mut Vec<String>,
        chain: &mut Vec<String>,
    ) -> Result<(), Error> {
        for base in &object.extends {
            let target = normalize_pointer(&base.target);
            if chain.contains(&target) || target == pointer {
                return Err(self.error(
                    base.loc.offset,
                    &base.loc.pointer,
                    format!("`$extends` forms a cycle through {}", base.target),
                ));
            }
            let Some(def) = self.definition(&target) else {
                return Err(self.error(
                    base.loc.offset,
                    &base.loc.pointer,
                    format!("`$extends` target {} does not exist", base.target),
                ));
            };
            let Ty::Object(base_object) = &def.schema.ty else {
                return Err(self.error(
                    base.loc.offset,
                    &base.loc.pointer,
                    format!("`$extends` target {} is not an object type", base.target),
                ));
            };
            chain.push(target);
            self.inherit(base_object, pointer, properties, required, chain)?;
            chain.pop();
            for p in &base_object.properties {
                if !properties.iter().any(|q| q.name == p.name) {
                    properties.push(p.clone());
                }
            }
            for r in &base_object.required {
                if !required.contains(r) {
                    required.push(r.clone());
                }
            }
        }
        Ok(())
    }

    fn field(
        &mut self,
        owner: TypeId,
        p: &Property,
        required: bool,
        scope: &mut Scope,
    ) -> Result<Field, Error> {
        let ty = self.type_ref(owner, &p.name, &p.schema.ty, &p.schema)?;
        let (ty, nullable) = match ty {
            TypeRef::Nullable(inner) => (*inner, true),
            other => (other, p.schema.nullable),
        };
        // Alternate Names: `altnames.json` is the member's name on the wire; the schema's
        // name and custom-purpose names are accepted when reading.
        let json_name = p
            .schema
            .altnames
            .iter()
            .find(|(k, _)| k == "json")
            .map(|(_, v)| v.clone());
        let wire = json_name.clone().unwrap_or_else(|| p.name.clone());
        let mut aliases: Vec<String> = Vec::new();
        if json_name.is_some() {
            aliases.push(p.name.clone());
        }
        for (purpose, name) in &p.schema.altnames {
            if purpose != "json"
                && !purpose.starts_with("lang:")
                && *name != wire
                && !aliases.contains(name)
            {
                aliases.push(name.clone());
            }
        }
        Ok(Field {
            wire,
            aliases,
            ident: scope.claim(&field_ident(&p.name)),
            ty,
            required,
            nullable,
            boxed: false,
            docs: p.schema.docs.clone(),
            checks: ValueChecks::of(&p.schema),
        })
    }

    /// The type of a use site. Inline compound types and enums become new named types
    /// called `<Owner><Suffix>`.
    fn type_ref(
        &mut self,
        owner: TypeId,
        suffix: &str,
        ty: &Ty,
        schema: &Schema,
    ) -> Result<TypeRef, Error> {
        Ok(match ty {
            Ty::Any => TypeRef::Any,
            Ty::Prim(p) if p.enum_values.is_some() => match self.enum_def(schema, p)? {
                Some(e) => {
                    let id = self.inline_type(owner, suffix, schema);
                    self.set_kind(id, TypeKind::Enum(e));
                    TypeRef::Named(id)
                }
                None => self.prim_ref(p),
            },
            Ty::Prim(p) => self.prim_ref(p),
            Ty::Ref(reference) => self.reference(reference)?,
            Ty::Array(items) => {
                TypeRef::Array(Box::new(self.element(owner, suffix, "Item", items)?))
            }
            Ty::Set(items) => TypeRef::Set(Box::new(self.element(owner, suffix, "Item", items)?)),
            Ty::Map(values) => {
                TypeRef::Map(Box::new(self.element(owner, suffix, "Value", values)?))
            }
            Ty::Object(object) => {
                let id = self.inline_type(owner, suffix, schema);
                if object.is_abstract {
                    return Err(self.error(
                        schema.loc.offset,
                        &schema.loc.pointer,
                        "an inline type cannot be abstract: nothing could extend it",
                    ));
                }
                let def = self.struct_def(id, schema, object)?;
                self.set_kind(id, TypeKind::Struct(def));
                TypeRef::Named(id)
            }
            Ty::Choice(choice) => {
                let id = self.inline_type(owner, suffix, schema);
                let def = self.choice_def(id, choice)?;
                self.set_kind(id, TypeKind::Choice(def));
                TypeRef::Named(id)
            }
            Ty::Union(members) => {
                let id = self.inline_type(owner, suffix, schema);
                let variants = self.union_variants(id, "", members)?;
                self.set_kind(id, TypeKind::Union(variants));
                TypeRef::Named(id)
            }
            Ty::Tuple(tuple) => {
                let id = self.inline_type(owner, suffix, schema);
                let mut fields = Vec::new();
                let mut scope = Scope::new();
                for element in &tuple.elements {
                    let mut f = self.field(id, element, true, &mut scope)?;
                    f.required = true;
                    fields.push(f);
                }
                self.set_kind(id, TypeKind::Tuple(fields));
                TypeRef::Named(id)
            }
        })
    }

    /// The element type of a collection; nullable elements become `Option<T>`.
    fn element(
        &mut self,
        owner: TypeId,
        suffix: &str,
        kind: &str,
        schema: &Schema,
    ) -> Result<TypeRef, Error> {
        let inner = self.type_ref(owner, &format!("{suffix}_{kind}"), &schema.ty, schema)?;
        Ok(
            if schema.nullable && !matches!(inner, TypeRef::Nullable(_)) {
                TypeRef::Nullable(Box::new(inner))
            } else {
                inner
            },
        )
    }

    fn set_kind(&mut self, id: TypeId, kind: TypeKind) {
        if let Some(def) = self.types.get_mut(id.0) {
            def.kind = Some(kind);
        }
    }

    /// Declares an inline type named after its owner and position (or its own `name`).
    fn inline_type(&mut self, owner: TypeId, suffix: &str, schema: &Schema) -> TypeId {
        let (module, owner_name, _) = self.owner_info(owner);
        let raw = match &schema.name {
            Some(own) => own.clone(),
            None => format!("{owner_name}_{suffix}"),
        };
        let id = self.new_type(module, &raw, &schema.loc.pointer, schema.docs.clone());
        if let Some(def) = self.types.get_mut(id.0) {
            def.checks = ValueChecks::of(schema);
        }
        id
    }

    fn prim_ref(&self, p: &Primitive) -> TypeRef {
        TypeRef::Prim(p.prim, p.encoding)
    }

    fn reference(&mut self, reference: &Reference) -> Result<TypeRef, Error> {
        let target = normalize_pointer(&reference.target);
        if let Some(&id) = self.by_pointer.get(&target) {
            let is_abstract = self
                .definition(&target)
                .is_some_and(|d| matches!(&d.schema.ty, Ty::Object(o) if o.is_abstract));
            if is_abstract {
                return Err(self.error(
                    reference.loc.offset,
                    &reference.loc.pointer,
                    format!(
                        "{} is abstract and cannot be referenced; reference a type that extends it",
                        reference.target
                    ),
                ));
            }
            return Ok(TypeRef::Named(id));
        }
        if self.doc.mode == Mode::Lenient {
            // `#/components/schemas/X` and friends: find a definition called X.
            let last = target
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .replace("~1", "/")
                .replace("~0", "~");
            if let Some([id]) = self.by_key.get(&last).map(Vec::as_slice) {
                let id = *id;
                self.warn(
                    reference.loc.offset,
                    &reference.loc.pointer,
                    format!(
                        "{} is not in this document; using the definition `{last}`",
                        reference.target
                    ),
                );
                return Ok(TypeRef::Named(id));
            }
            self.warn(
                reference.loc.offset,
                &reference.loc.pointer,
                format!(
                    "cannot resolve {}; the value is read as any JSON (serde_json::Value)",
                    reference.target
                ),
            );
            return Ok(TypeRef::Any);
        }
        let known: Vec<&str> = self
            .doc
            .definitions
            .iter()
            .map(|d| d.pointer())
            .take(8)
            .collect();
        Err(Error::Schema(Box::new(
            Diagnostic::error(
                &self.doc.file,
                reference.loc.offset,
                &reference.loc.pointer,
                format!(
                    "reference {} does not resolve to a definition",
                    reference.target
                ),
            )
            .with_help(if known.is_empty() {
                "this document has no `definitions`".to_string()
            } else {
                format!(
                    "definitions include: {}",
                    known
                        .iter()
                        .map(|p| format!("#{p}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
        )))
    }

    fn enum_def(&mut self, schema: &Schema, p: &Primitive) -> Result<Option<EnumDef>, Error> {
        let Some(values) = &p.enum_values else {
            return Ok(None);
        };
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        let all_strings = values.iter().all(|v| v.as_str().is_some());
        let all_ints = values
            .iter()
            .all(|v| v.as_number().is_some_and(|n| !n.contains(['.', 'e', 'E'])));
        let repr = if p.prim.is_small_int() && all_ints {
            EnumRepr::Int(if p.prim == Prim::Integer {
                Prim::Int32
            } else {
                p.prim
            })
        } else if all_strings
            && !matches!(p.prim, Prim::Null | Prim::Boolean)
            && !p.prim.is_small_int()
        {
            EnumRepr::String
        } else {
            // Floats, booleans, mixed values: keep the primitive; the values are documented.
            let _ = schema;
            return Ok(None);
        };
        for v in values {
            let (ident, wire) = match repr {
                EnumRepr::String => {
                    let s = v.as_str().unwrap_or_default().to_string();
                    (type_ident(&s), s)
                }
                EnumRepr::Int(_) => {
                    let n = v.as_number().unwrap_or_default().to_string();
                    (format!("V{}", n.replace('-', "Minus")), n)
                }
            };
            // `altenums.json` renames the value on the wire; the plain value is still read.
            let symbol = p
                .altenums
                .iter()
                .find(|(purpose, _)| purpose == "json")
                .and_then(|(_, map)| map.iter().find(|(value, _)| *value == wire))
                .map(|(_, symbol)| symbol.clone());
            let (wire, aliases) = match symbol {
                Some(symbol) if matches!(repr, EnumRepr::String) && symbol != wire => {
                    (symbol, vec![wire])
                }
                _ => (wire, Vec::new()),
            };
            variants.push(EnumVariant {
                ident: scope.claim(&ident),
                wire,
                aliases,
            });
        }
        Ok(Some(EnumDef { repr, variants }))
    }

    fn choice_def(&mut self, id: TypeId, choice: &Choice) -> Result<ChoiceDef, Error> {
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for c in &choice.choices {
            let ty = self.type_ref(id, &c.name, &c.schema.ty, &c.schema)?;
            let ty = if c.schema.nullable && !matches!(ty, TypeRef::Nullable(_)) {
                TypeRef::Nullable(Box::new(ty))
            } else {
                ty
            };
            variants.push(Variant {
                ident: scope.claim(&type_ident(&c.name)),
                wire: c.name.clone(),
                ty,
                boxed: false,
                checks: ValueChecks::of(&c.schema),
            });
        }
        Ok(ChoiceDef {
            selector: choice.selector.clone(),
            variants,
        })
    }

    fn union_variants(
        &mut self,
        id: TypeId,
        suffix: &str,
        members: &[Schema],
    ) -> Result<Vec<Variant>, Error> {
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let ty = self.type_ref(id, &format!("{suffix}Variant{i}"), &member.ty, member)?;
            let raw = match &ty {
                TypeRef::Prim(p, _) => type_ident(p.name()),
                TypeRef::Named(target) | TypeRef::Indirect(target) => self
                    .types
                    .get(target.0)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                TypeRef::Array(_) => "Array".into(),
                TypeRef::Set(_) => "Set".into(),
                TypeRef::Map(_) => "Map".into(),
                TypeRef::Any => "Any".into(),
                TypeRef::Nullable(_) => "Nullable".into(),
            };
            variants.push(Variant {
                ident: scope.claim(&raw),
                wire: raw,
                ty,
                boxed: false,
                checks: ValueChecks::of(member),
            });
        }
        Ok(variants)
    }
}

/// `#/definitions/A` → `/definitions/A` (the form [`crate::model::Loc`] pointers use).
fn normalize_pointer(target: &str) -> String {
    target.strip_prefix('#').unwrap_or(target).to_string()
}

fn file_stem(path: &std::path::Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("root");
    name.split('.').next().unwrap_or(name).to_string()
}

/// Strongly connected components of at least this many types reference each other through
/// `Indirect` instead of `Box`. rustc's drop check walks ownership (`Box`, `Vec`, `Option`,
/// fields) around a cycle and stops with `E0320 overflow while adding drop-check rules`
/// after 128 levels; measured, a 40-type cycle of `Option<Box<T>>` and `Vec<T>` references
/// compiles and an 80-type one does not. Wrappers such as `Option<Vec<IndexMap<..>>>` add
/// levels per hop, hence the margin.
pub const LARGE_CYCLE: usize = 16;

/// Rewrites references that stay inside a large cycle of types (through any container) to
/// [`TypeRef::Indirect`], which drop check does not look through.
fn mark_indirect(space: &mut TypeSpace) {
    let n = space.types.len();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, def) in space.types.iter().enumerate() {
        let mut targets = Vec::new();
        for ty in direct_refs(def) {
            owned_targets(ty, &mut targets);
        }
        targets.sort_unstable();
        targets.dedup();
        if let Some(e) = edges.get_mut(i) {
            *e = targets;
        }
    }
    let component = strongly_connected(&edges);
    let mut sizes = std::collections::HashMap::new();
    for c in &component {
        *sizes.entry(*c).or_insert(0usize) += 1;
    }
    let large = |i: usize| {
        component
            .get(i)
            .and_then(|c| sizes.get(c))
            .is_some_and(|&s| s >= LARGE_CYCLE)
    };
    for i in 0..n {
        if !large(i) {
            continue;
        }
        let Some(own) = component.get(i).copied() else {
            continue;
        };
        let in_cycle = |id: usize| component.get(id) == Some(&own);
        let Some(def) = space.types.get_mut(i) else {
            continue;
        };
        match &mut def.kind {
            Some(TypeKind::Struct(s)) => s
                .fields
                .iter_mut()
                .for_each(|f| make_indirect(&mut f.ty, &in_cycle)),
            Some(TypeKind::Tuple(fields)) => fields
                .iter_mut()
                .for_each(|f| make_indirect(&mut f.ty, &in_cycle)),
            Some(TypeKind::Choice(ChoiceDef { variants, .. }) | TypeKind::Union(variants)) => {
                variants
                    .iter_mut()
                    .for_each(|v| make_indirect(&mut v.ty, &in_cycle));
            }
            _ => {}
        }
    }
}

/// Gives every type referenced through `Indirect` a tag type name (`PetRef`), unique among
/// the type names of its module.
fn name_indirect_tags(space: &mut TypeSpace) {
    let mut targets = Vec::new();
    for def in &space.types {
        let mut refs = Vec::new();
        for ty in direct_refs(def) {
            indirect_targets(ty, &mut refs);
        }
        targets.extend(refs);
    }
    targets.sort_unstable();
    targets.dedup();
    let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
    for def in &space.types {
        scopes
            .entry(def.module.clone())
            .or_default()
            .reserve(&def.name);
    }
    for id in targets {
        let Some(def) = space.types.get_mut(id) else {
            continue;
        };
        let scope = scopes.entry(def.module.clone()).or_default();
        def.indirect_tag = Some(scope.claim(&format!("{}Ref", def.name)));
    }
}

fn indirect_targets(ty: &TypeRef, out: &mut Vec<usize>) {
    match ty {
        TypeRef::Indirect(id) => out.push(id.0),
        TypeRef::Array(inner)
        | TypeRef::Set(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner) => {
            indirect_targets(inner, out);
        }
        _ => {}
    }
}

fn make_indirect(ty: &mut TypeRef, in_cycle: &dyn Fn(usize) -> bool) {
    match ty {
        TypeRef::Named(id) if in_cycle(id.0) => *ty = TypeRef::Indirect(*id),
        TypeRef::Array(inner)
        | TypeRef::Set(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner) => {
            make_indirect(inner, in_cycle);
        }
        _ => {}
    }
}

/// Named types a value of `ty` owns, by value or through containers.
fn owned_targets(ty: &TypeRef, out: &mut Vec<usize>) {
    match ty {
        TypeRef::Named(id) | TypeRef::Indirect(id) => out.push(id.0),
        TypeRef::Array(inner)
        | TypeRef::Set(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner) => {
            owned_targets(inner, out);
        }
        TypeRef::Prim(..) | TypeRef::Any => {}
    }
}

/// Marks the fields and variants that need `Box`: exactly those whose type reaches, by
/// value, a type in the same strongly connected component as their owner.
fn mark_boxes(space: &mut TypeSpace) {
    let n = space.types.len();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, def) in space.types.iter().enumerate() {
        let mut targets = Vec::new();
        for ty in direct_refs(def) {
            by_value_targets(ty, &mut targets);
        }
        targets.sort_unstable();
        targets.dedup();
        if let Some(e) = edges.get_mut(i) {
            *e = targets;
        }
    }
    let component = strongly_connected(&edges);
    let same =
        |a: usize, b: usize| component.get(a).is_some() && component.get(a) == component.get(b);
    let self_loop = |a: usize| edges.get(a).is_some_and(|e| e.contains(&a));
    for i in 0..n {
        let cyclic = |ty: &TypeRef| {
            let mut targets = Vec::new();
            by_value_targets(ty, &mut targets);
            targets
                .iter()
                .any(|&t| (t == i && self_loop(i)) || (t != i && same(i, t)))
        };
        let Some(def) = space.types.get_mut(i) else {
            continue;
        };
        match &mut def.kind {
            Some(TypeKind::Struct(s)) => {
                for f in &mut s.fields {
                    f.boxed = cyclic(&f.ty);
                }
            }
            Some(TypeKind::Tuple(fields)) => {
                for f in fields {
                    f.boxed = cyclic(&f.ty);
                }
            }
            Some(TypeKind::Choice(ChoiceDef { variants, .. }) | TypeKind::Union(variants)) => {
                for v in variants {
                    v.boxed = cyclic(&v.ty);
                }
            }
            _ => {}
        }
    }
    // An alias in a cycle cannot be boxed where it is declared; the fields that use it are.
}

/// Variants larger than this (by [`size_bound`]) are boxed, so that the unboxed variants of an
/// enum differ by less than clippy's `large_enum_variant` threshold (200 bytes) and a value
/// of the enum is not as large as its largest case.
const MAX_INLINE_VARIANT: usize = 128;

fn box_large_variants(space: &mut TypeSpace) {
    let mut memo = vec![None; space.types.len()];
    let bounds: Vec<usize> = (0..space.types.len())
        .map(|i| named_size_bound(space, i, &mut memo, 0))
        .collect();
    for def in &mut space.types {
        if let Some(TypeKind::Choice(ChoiceDef { variants, .. }) | TypeKind::Union(variants)) =
            &mut def.kind
        {
            if variants.len() < 2 {
                continue;
            }
            for v in variants.iter_mut() {
                if !v.boxed && ref_size_bound(&v.ty, &bounds) > MAX_INLINE_VARIANT {
                    v.boxed = true;
                }
            }
        }
    }
}

/// [`ref_size_bound`] with the bounds of the named types `ty` holds by value computed on
/// demand (memoised), so the whole pass stays linear in the number of fields.
fn inline_size_bound(
    space: &TypeSpace,
    ty: &TypeRef,
    memo: &mut Vec<Option<usize>>,
    depth: usize,
) -> usize {
    match ty {
        TypeRef::Named(id) => named_size_bound(space, id.0, memo, depth + 1),
        TypeRef::Nullable(inner) => inline_size_bound(space, inner, memo, depth) + 8,
        other => ref_size_bound(other, &[]),
    }
}

/// An upper bound of `size_of` for a field or variant payload of type `ty`, given upper
/// bounds for the named types. Generous on purpose: it only decides where to box.
fn ref_size_bound(ty: &TypeRef, named: &[usize]) -> usize {
    match ty {
        TypeRef::Prim(p, _) => match p {
            Prim::Null => 0,
            Prim::Boolean | Prim::Int8 | Prim::Uint8 => 1,
            Prim::Int16 | Prim::Uint16 => 2,
            Prim::Integer
            | Prim::Int32
            | Prim::Uint32
            | Prim::Float
            | Prim::Float8
            | Prim::Date => 4,
            Prim::Number | Prim::Double | Prim::Int64 | Prim::Uint64 => 8,
            Prim::Int128 | Prim::Uint128 | Prim::Decimal | Prim::Uri | Prim::JsonPointer => 16,
            Prim::String | Prim::Binary | Prim::Uuid => 24,
            Prim::DateTime | Prim::Time => 48,
            Prim::Duration => 96,
        },
        TypeRef::Named(id) => named.get(id.0).copied().unwrap_or(MAX_INLINE_VARIANT + 1),
        TypeRef::Indirect(_) => 16,
        TypeRef::Array(_) | TypeRef::Set(_) => 24,
        TypeRef::Map(_) => 96,
        TypeRef::Any => 32,
        TypeRef::Nullable(inner) => ref_size_bound(inner, named) + 8,
    }
}

fn named_size_bound(
    space: &TypeSpace,
    i: usize,
    memo: &mut Vec<Option<usize>>,
    depth: usize,
) -> usize {
    if let Some(Some(known)) = memo.get(i) {
        return *known;
    }
    // Deep or cyclic containment is behind a Box; treat it as large so it gets boxed.
    if depth > 64 {
        return MAX_INLINE_VARIANT + 1;
    }
    let Some(def) = space.types.get(i) else {
        return 0;
    };
    let mut field = |ty: &TypeRef, boxed: bool, optional: bool| -> usize {
        let inner = if boxed {
            8
        } else {
            inline_size_bound(space, ty, memo, depth)
        };
        (inner + usize::from(optional) * 8).next_multiple_of(8)
    };
    let size = match &def.kind {
        Some(TypeKind::Struct(s)) => {
            let extra = if matches!(s.extra, Extra::Capture { .. }) {
                96
            } else {
                0
            };
            s.fields
                .iter()
                .map(|f| field(&f.ty, f.boxed, !f.required || f.nullable))
                .sum::<usize>()
                + extra
        }
        Some(TypeKind::Tuple(fields)) => fields
            .iter()
            .map(|f| field(&f.ty, f.boxed, f.nullable))
            .sum(),
        Some(TypeKind::Choice(ChoiceDef { variants, .. }) | TypeKind::Union(variants)) => {
            variants
                .iter()
                .map(|v| field(&v.ty, v.boxed, false))
                .max()
                .unwrap_or(0)
                + 8
        }
        Some(TypeKind::Alias(t) | TypeKind::Newtype(t)) => field(t, false, false),
        Some(TypeKind::Enum(_)) | None => 8,
    };
    if let Some(slot) = memo.get_mut(i) {
        *slot = Some(size);
    }
    size
}

fn direct_refs(def: &TypeDef) -> Vec<&TypeRef> {
    match &def.kind {
        Some(TypeKind::Struct(s)) => s.fields.iter().map(|f| &f.ty).collect(),
        Some(TypeKind::Tuple(fields)) => fields.iter().map(|f| &f.ty).collect(),
        Some(TypeKind::Choice(ChoiceDef { variants, .. }) | TypeKind::Union(variants)) => {
            variants.iter().map(|v| &v.ty).collect()
        }
        Some(TypeKind::Alias(t) | TypeKind::Newtype(t)) => vec![t],
        _ => Vec::new(),
    }
}

/// Named types a value of `ty` contains inline (not behind a `Vec` or map).
fn by_value_targets(ty: &TypeRef, out: &mut Vec<usize>) {
    match ty {
        TypeRef::Named(id) => out.push(id.0),
        TypeRef::Nullable(inner) => by_value_targets(inner, out),
        _ => {}
    }
}

/// Tarjan's algorithm, iterative (schemas can have thousands of types in one cycle).
/// Returns the component number of every node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for start in 0..n {
        if index.get(start) != Some(&usize::MAX) {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 && index.get(v) == Some(&usize::MAX) {
                set(&mut index, v, next_index);
                set(&mut low, v, next_index);
                next_index += 1;
                stack.push(v);
                set(&mut on_stack, v, true);
            }
            let successors = edges.get(v).map(Vec::as_slice).unwrap_or_default();
            if let Some(&w) = successors.get(*child) {
                *child += 1;
                if index.get(w) == Some(&usize::MAX) {
                    work.push((w, 0));
                } else if on_stack.get(w) == Some(&true) {
                    let lw = index.get(w).copied().unwrap_or(0);
                    let lv = low.get(v).copied().unwrap_or(0);
                    set(&mut low, v, lv.min(lw));
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                let lv = low.get(v).copied().unwrap_or(0);
                let lp = low.get(parent).copied().unwrap_or(0);
                set(&mut low, parent, lp.min(lv));
            }
            if low.get(v) == index.get(v) {
                while let Some(w) = stack.pop() {
                    set(&mut on_stack, w, false);
                    set(&mut component, w, next_component);
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

fn set<T>(v: &mut [T], i: usize, value: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = value;
    }
}

/// Enum values as JSON text, for documentation of enums that stay primitives.
pub fn enum_values_text(values: &[Node]) -> String {
    values
        .iter()
        .map(Node::to_json)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components_of_a_long_cycle() {
        let n = 5000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = strongly_connected(&edges);
        assert!(c.iter().all(|&x| x == c[0]));
        let chain: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let c = strongly_connected(&chain);
        let mut distinct = c.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), n);
    }
}
