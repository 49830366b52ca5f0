//! Stage 2: the schema model. Turns the located JSON tree into typed schema nodes, each
//! knowing its JSON Pointer and byte offset, and normalises the dialect variants that real
//! files use (in lenient mode) into plain JSON Structure.
//!
//! Nothing here resolves references or chooses Rust names; that is [`crate::resolve`].

use crate::error::{Diagnostic, Error};
use crate::source::{escape_pointer_token, Member, Node, SourceFile, Value};

/// How forgiving the reader is.
///
/// ```
/// use json_structure_codegen::{Config, Mode};
/// let schema = r#"{"name": "T", "type": "object", "properties": {"a": {"type": "string", "nullable": true}}}"#;
/// assert!(Config::new().mode(Mode::Lenient).generate_source("t.struct.json", schema).unwrap().code.contains("Option<Option<String>>"));
/// assert!(Config::new().mode(Mode::Strict).generate_source("t.struct.json", schema).unwrap().warnings.len() == 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Decide per file: strict for files that declare a known JSON Structure meta-schema in
    /// `$schema`, lenient for everything else.
    #[default]
    Auto,
    /// JSON Structure as the drafts define it; dialect variants are errors.
    Strict,
    /// Also read the OpenAPI-flavoured dialect found in real files (`nullable`, one-branch
    /// `allOf`, `format` on strings, bare `$ref`, `example`, a missing `type`, ...).
    Lenient,
}

/// The meta-schema identifiers of JSON Structure (with and without the trailing `#`).
pub const KNOWN_META_SCHEMAS: &[&str] = &[
    "https://json-structure.org/meta/core/v0/#",
    "https://json-structure.org/meta/extended/v0/#",
    "https://json-structure.org/meta/validation/v0/#",
    "https://json-structure.org/meta/core/v0",
    "https://json-structure.org/meta/extended/v0",
    "https://json-structure.org/meta/validation/v0",
];

/// Where a schema node is: its JSON Pointer and the byte offset of its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    /// JSON Pointer from the document root.
    pub pointer: String,
    /// Byte offset in the file.
    pub offset: usize,
}

/// One parsed schema document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it came from.
    pub file: SourceFile,
    /// The mode it was read in (never `Auto`).
    pub mode: Mode,
    /// Root `name`.
    pub name: Option<String>,
    /// Root `$id`.
    pub id: Option<String>,
    /// Root `description`, `examples` and friends.
    pub docs: Docs,
    /// The inline root type (root `type`), if any.
    pub root: Option<Schema>,
    /// `$root`: a pointer to the definition that is the document's root type.
    pub root_ref: Option<Reference>,
    /// Every type declared under `definitions` (namespaces flattened into `namespace`).
    pub definitions: Vec<Definition>,
    /// Warnings found while reading.
    pub warnings: Vec<Diagnostic>,
}

/// A named type declared under `definitions`.
#[derive(Debug, Clone)]
pub struct Definition {
    /// Namespace path (empty for the root namespace).
    pub namespace: Vec<String>,
    /// The declaration's key.
    pub name: String,
    /// The declared schema.
    pub schema: Schema,
}

impl Definition {
    /// The JSON Pointer that references this definition (`#/definitions/Ns/Name` minus `#`).
    pub fn pointer(&self) -> &str {
        &self.schema.loc.pointer
    }
}

/// Documentation gathered from annotation keywords.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// `title` (dialect) or `name` when it differs from the Rust name.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `examples` (and the dialect's singular `example`), as pretty JSON text.
    pub examples: Vec<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Further notes worth showing (format, maxLength, units, readOnly, x-* keys, ...).
    pub notes: Vec<String>,
}

/// A schema: a type plus everything said about it.
#[derive(Debug, Clone)]
pub struct Schema {
    /// Where it is.
    pub loc: Loc,
    /// What type it is.
    pub ty: Ty,
    /// Whether `null` is also accepted (a union with `"null"`, or the dialect's `nullable`).
    pub nullable: bool,
    /// Documentation.
    pub docs: Docs,
    /// An explicit `name` on an inline compound type.
    pub name: Option<String>,
    /// `default`, as JSON text.
    pub default: Option<String>,
    /// Constraints on the value that `validate()` checks.
    pub checks: Checks,
    /// `altnames` (Alternate Names companion): purpose → name. `json` is the wire name.
    pub altnames: Vec<(String, String)>,
}

pub use crate::keywords::Checks;

/// The primitive types of JSON Structure Core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Prim {
    String,
    Number,
    Integer,
    Boolean,
    Null,
    Int8,
    Uint8,
    Int16,
    Uint16,
    Int32,
    Uint32,
    Int64,
    Uint64,
    Int128,
    Uint128,
    Float8,
    Float,
    Double,
    Decimal,
    Date,
    DateTime,
    Time,
    Duration,
    Uuid,
    Uri,
    Binary,
    JsonPointer,
}

impl Prim {
    /// Looks up a primitive by its JSON Structure name.
    pub fn from_name(name: &str) -> Option<Prim> {
        Some(match name {
            "string" => Prim::String,
            "number" => Prim::Number,
            "integer" => Prim::Integer,
            "boolean" => Prim::Boolean,
            "null" => Prim::Null,
            "int8" => Prim::Int8,
            "uint8" => Prim::Uint8,
            "int16" => Prim::Int16,
            "uint16" => Prim::Uint16,
            "int32" => Prim::Int32,
            "uint32" => Prim::Uint32,
            "int64" => Prim::Int64,
            "uint64" => Prim::Uint64,
            "int128" => Prim::Int128,
            "uint128" => Prim::Uint128,
            "float8" => Prim::Float8,
            "float" => Prim::Float,
            "double" => Prim::Double,
            "decimal" => Prim::Decimal,
            "date" => Prim::Date,
            "datetime" => Prim::DateTime,
            "time" => Prim::Time,
            "duration" => Prim::Duration,
            "uuid" => Prim::Uuid,
            "uri" => Prim::Uri,
            "binary" => Prim::Binary,
            "jsonpointer" => Prim::JsonPointer,
            _ => return None,
        })
    }

    /// The JSON Structure name.
    pub fn name(self) -> &'static str {
        match self {
            Prim::String => "string",
            Prim::Number => "number",
            Prim::Integer => "integer",
            Prim::Boolean => "boolean",
            Prim::Null => "null",
            Prim::Int8 => "int8",
            Prim::Uint8 => "uint8",
            Prim::Int16 => "int16",
            Prim::Uint16 => "uint16",
            Prim::Int32 => "int32",
            Prim::Uint32 => "uint32",
            Prim::Int64 => "int64",
            Prim::Uint64 => "uint64",
            Prim::Int128 => "int128",
            Prim::Uint128 => "uint128",
            Prim::Float8 => "float8",
            Prim::Float => "float",
            Prim::Double => "double",
            Prim::Decimal => "decimal",
            Prim::Date => "date",
            Prim::DateTime => "datetime",
            Prim::Time => "time",
            Prim::Duration => "duration",
            Prim::Uuid => "uuid",
            Prim::Uri => "uri",
            Prim::Binary => "binary",
            Prim::JsonPointer => "jsonpointer",
        }
    }

    /// Integer types whose wire form is a JSON number.
    pub fn is_small_int(self) -> bool {
        matches!(
            self,
            Prim::Integer
                | Prim::Int8
                | Prim::Uint8
                | Prim::Int16
                | Prim::Uint16
                | Prim::Int32
                | Prim::Uint32
        )
    }
}

/// `contentEncoding` of a `binary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Encoding {
    /// RFC 4648 §4 (the default).
    #[default]
    Base64,
    /// RFC 4648 §5.
    Base64Url,
    /// RFC 4648 §8 (hex).
    Base16,
    /// RFC 4648 §6.
    Base32,
    /// RFC 4648 §7.
    Base32Hex,
}

/// A `$ref` (or an `$extends` / `$root` target).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The pointer as written (`#/definitions/X`).
    pub target: String,
    /// Where the reference is written.
    pub loc: Loc,
}

/// A schema's type.
#[derive(Debug, Clone)]
pub enum Ty {
    /// A primitive, possibly restricted by `enum` or `const`.
    Prim(Primitive),
    /// A reference to a definition.
    Ref(Reference),
    /// A union of two or more non-null members, tried in order.
    Union(Vec<Schema>),
    /// `object`.
    Object(Object),
    /// `array` with its `items`.
    Array(Box<Schema>),
    /// `set` with its `items`.
    Set(Box<Schema>),
    /// `map` with its `values`.
    Map(Box<Schema>),
    /// `tuple`.
    Tuple(Tuple),
    /// `choice`.
    Choice(Choice),
    /// `any`, or no usable type information (lenient mode).
    Any,
}

/// A primitive with its restrictions.
#[derive(Debug, Clone)]
pub struct Primitive {
    /// Which primitive.
    pub prim: Prim,
    /// `enum` values, if restricted.
    pub enum_values: Option<Vec<Node>>,
    /// `const` value, if fixed.
    pub const_value: Option<Node>,
    /// `contentEncoding` for `binary`.
    pub encoding: Encoding,
    /// `altenums` (or META's `altsymbols`): purpose → (enum value → symbol).
    pub altenums: Vec<(String, Vec<(String, String)>)>,
}

/// `object`.
#[derive(Debug, Clone, Default)]
pub struct Object {
    /// Declared properties, in schema order.
    pub properties: Vec<Property>,
    /// Names that must be present (form A of `required`, or the intersection of form B).
    pub required: Vec<String>,
    /// Form B of `required`: alternative sets, exactly one of which must be present.
    pub required_sets: Option<Vec<Vec<String>>>,
    /// What to do with undeclared members.
    pub additional: Additional,
    /// `abstract: true`.
    pub is_abstract: bool,
    /// `$extends` bases, in order.
    pub extends: Vec<Reference>,
}

/// `additionalProperties`.
#[derive(Debug, Clone, Default)]
pub enum Additional {
    /// Absent or `true`: undeclared members are allowed.
    #[default]
    Allowed,
    /// `false`: undeclared members are an error.
    Denied,
    /// A schema: every undeclared member must match it.
    Typed(Box<Schema>),
}

/// One declared property.
#[derive(Debug, Clone)]
pub struct Property {
    /// The wire name.
    pub name: String,
    /// Its schema.
    pub schema: Schema,
}

/// `tuple`.
#[derive(Debug, Clone)]
pub struct Tuple {
    /// Elements in wire order.
    pub elements: Vec<Property>,
}

/// `choice`.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Choice key → schema, in schema order.
    pub choices: Vec<Property>,
    /// The discriminator member for inline unions.
    pub selector: Option<String>,
    /// The abstract base of an inline union.
    pub extends: Vec<Reference>,
}

/// Reads a parsed file into a [`Document`].
pub fn read_document(file: SourceFile, root: &Node, mode: Mode) -> Result<Document, Error> {
    let Some(members) = root.as_object() else {
        return Err(Error::Schema(Box::new(
            Diagnostic::error(
                &file,
                root.start,
                "",
                format!(
                    "a JSON Structure document must be a JSON object, found {}",
                    root.kind_name()
                ),
            )
            .with_help("wrap the type in {\"$schema\": ..., \"name\": ..., \"type\": ...}"),
        )));
    };
    let schema_uri = root.get("$schema").and_then(Node::as_str);
    let mode = match mode {
        Mode::Auto if schema_uri.is_some_and(|uri| KNOWN_META_SCHEMAS.contains(&uri)) => {
            Mode::Strict
        }
        Mode::Auto => Mode::Lenient,
        other => other,
    };
    let mut reader = Reader {
        file: &file,
        mode,
        enabled: crate::keywords::Enabled::of(root),
        warnings: Vec::new(),
        root,
        definitions: std::cell::OnceCell::new(),
    };
    let doc_parts = reader.document(root, members)?;
    if doc_parts.root.is_none() && doc_parts.root_ref.is_none() && doc_parts.definitions.is_empty()
    {
        return Err(Error::Schema(Box::new(
            Diagnostic::error(
                &file,
                root.start,
                "",
                "this document declares no types: it has no root `type`, no `$root` and no `definitions`",
            )
            .with_help(
                if ["allOf", "anyOf", "oneOf"].iter().any(|k| root.get(k).is_some()) {
                    "composition keywords (allOf/anyOf/oneOf) constrain a type but do not declare one: add \"type\" at the root"
                } else {
                    "declare the root type with \"name\" and \"type\", or add \"definitions\""
                },
            ),
        )));
    }
    let warnings = reader.warnings;
    Ok(Document {
        mode,
        name: doc_parts.name,
        id: doc_parts.id,
        docs: doc_parts.docs,
        root: doc_parts.root,
        root_ref: doc_parts.root_ref,
        definitions: doc_parts.definitions,
        warnings,
        file,
    })
}

struct DocumentParts {
    name: Option<String>,
    id: Option<String>,
    docs: Docs,
    root: Option<Schema>,
    root_ref: Option<Reference>,
    definitions: Vec<Definition>,
}

struct Reader<'a> {
    file: &'a SourceFile,
    mode: Mode,
    enabled: crate::keywords::Enabled,
    warnings: Vec<Diagnostic>,
    /// The document root and its definitions, to resolve references in composition branches.
    root: &'a Node,
    definitions: std::cell::OnceCell<Vec<(String, String)>>,
}

/// A member of `definitions` is a type when it has `type`; anything else is a namespace.
/// Lenient mode also recognises typeless schemas of the dialect.
pub(crate) fn is_type_declaration(node: &Node, lenient: bool) -> bool {
    const DIALECT_SCHEMA_KEYS: &[&str] = &[
        "$ref",
        "properties",
        "allOf",
        "anyOf",
        "oneOf",
        "enum",
        "items",
        "description",
        "format",
        "nullable",
    ];
    if node.get("type").is_some() {
        return true;
    }
    lenient
        && (DIALECT_SCHEMA_KEYS.iter().any(|k| node.get(k).is_some())
            || node.as_object().is_some_and(|m| m.is_empty()))
}

fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape_pointer_token(key))
}

impl Reader<'_> {
    fn lenient(&self) -> bool {
        self.mode == Mode::Lenient
    }

    fn error(&self, node: &Node, pointer: &str, message: impl Into<String>) -> Error {
        Error::Schema(Box::new(Diagnostic::error(
            self.file, node.start, pointer, message,
        )))
    }

    fn error_help(
        &self,
        node: &Node,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Error {
        Error::Schema(Box::new(
            Diagnostic::error(self.file, node.start, pointer, message).with_help(help),
        ))
    }

    fn warn(&mut self, offset: usize, pointer: &str, message: impl Into<String>) {
        self.warnings
            .push(Diagnostic::warning(self.file, offset, pointer, message));
    }

    fn document(&mut self, root: &Node, members: &[Member]) -> Result<DocumentParts, Error> {
        let name = self.opt_string(root, "name", "")?;
        let id = self.opt_string(root, "$id", "")?;
        let mut definitions = Vec::new();
        let defs_key = if root.get("definitions").is_some() {
            Some("definitions")
        } else if self.lenient() && root.get("$defs").is_some() {
            Some("$defs")
        } else {
            None
        };
        if let Some(key) = defs_key {
            if let Some(defs) = root.get(key) {
                let pointer = format!("/{key}");
                self.namespace(defs, &pointer, &mut Vec::new(), &mut definitions)?;
            }
        }
        let root_ref = match root.get("$root") {
            Some(node) => match node.as_str() {
                Some(target) => Some(Reference {
                    target: target.to_string(),
                    loc: Loc {
                        pointer: "/$root".into(),
                        offset: node.start,
                    },
                }),
                None => {
                    return Err(self.error(
                        node,
                        "/$root",
                        format!(
                            "`$root` must be a JSON Pointer string, found {}",
                            node.kind_name()
                        ),
                    ))
                }
            },
            None => None,
        };
        let has_type = root.get("type").is_some()
            || (self.lenient()
                && ["properties", "allOf", "$ref"]
                    .iter()
                    .any(|k| root.get(k).is_some()));
        let root_schema = if has_type {
            if root_ref.is_some() {
                return Err(self.error_help(
                    root,
                    "",
                    "the document has both a root `type` and `$root`",
                    "keep one: `$root` points at a definition, `type` declares the root inline",
                ));
            }
            Some(self.schema_at(root, "", 0)?)
        } else {
            None
        };
        let docs = if root_schema.is_some() {
            Docs::default()
        } else {
            self.docs(root, "")?
        };
        let _ = members;
        Ok(DocumentParts {
            name,
            id,
            docs,
            root: root_schema,
            root_ref,
            definitions,
        })
    }

    fn opt_string(&self, node: &Node, key: &str, pointer: &str) -> Result<Option<String>, Error> {
        match node.get(key) {
            None => Ok(None),
            Some(v) => match v.as_str() {
                Some(s) => Ok(Some(s.to_string())),
                None if self.lenient() => Ok(None),
                None => Err(self.error(
                    v,
                    &child(pointer, key),
                    format!("`{key}` must be a string, found {}", v.kind_name()),
                )),
            },
        }
    }

    /// Reads a namespace (the `definitions` object or one nested in it).
    fn namespace(
        &mut self,
        node: &Node,
        pointer: &str,
        path: &mut Vec<String>,
        out: &mut Vec<Definition>,
    ) -> Result<(), Error> {
        let Some(members) = node.as_object() else {
            return Err(self.error(
                node,
                pointer,
                format!(
                    "`definitions` and namespaces must be objects, found {}",
                    node.kind_name()
                ),
            ));
        };
        for member in members {
            let member_pointer = child(pointer, &member.key);
            let value = &member.value;
            if value.as_object().is_none() {
                if self.lenient() {
                    self.warn(
                        value.start,
                        &member_pointer,
                        format!(
                            "ignoring `{}`: a definition must be an object, found {}",
                            member.key,
                            value.kind_name()
                        ),
                    );
                    continue;
                }
                return Err(self.error(
                    value,
                    &member_pointer,
                    format!(
                        "definition `{}` must be an object, found {}",
                        member.key,
                        value.kind_name()
                    ),
                ));
            }
            if self.is_type_declaration(value) {
                let schema = self.schema_at(value, &member_pointer, path.len())?;
                out.push(Definition {
                    namespace: path.clone(),
                    name: member.key.clone(),
                    schema,
                });
            } else {
                path.push(member.key.clone());
                self.namespace(value, &member_pointer, path, out)?;
                path.pop();
            }
        }
        Ok(())
    }

    /// A member of `definitions` is a type when it has `type`; anything else is a namespace.
    /// Lenient mode also recognises typeless schemas of the dialect.
    fn is_type_declaration(&self, node: &Node) -> bool {
        is_type_declaration(node, self.lenient())
    }

    fn schema_at(&mut self, node: &Node, pointer: &str, depth: usize) -> Result<Schema, Error> {
        let _ = depth;
        self.schema(node, pointer)
    }

    /// Reads one schema node.
    fn schema(&mut self, node: &Node, pointer: &str) -> Result<Schema, Error> {
        let loc = Loc {
            pointer: pointer.to_string(),
            offset: node.start,
        };
        let Some(_) = node.as_object() else {
            if self.lenient() {
                if let Some(true) = node.as_bool() {
                    return Ok(self.any_schema(loc));
                }
            }
            return Err(self.error(
                node,
                pointer,
                format!("a schema must be a JSON object, found {}", node.kind_name()),
            ));
        };
        let mut docs = self.docs(node, pointer)?;
        let name = node.get("name").and_then(Node::as_str).map(str::to_string);
        let default = node.get("default").map(Node::to_json);
        let mut nullable = false;
        if let Some(flag) = node.get("nullable") {
            if self.lenient() {
                nullable = flag.as_bool() == Some(true);
            } else {
                self.warn(
                    flag.start,
                    &child(pointer, "nullable"),
                    "`nullable` is not a JSON Structure keyword and has no effect in strict mode",
                );
            }
        }

        let ty = match node.get("type") {
            Some(type_node) => {
                let (ty, union_null) = self.type_value(node, type_node, pointer)?;
                nullable |= union_null;
                ty
            }
            None => {
                let (ty, union_null) = self.typeless(node, pointer, &mut docs)?;
                nullable |= union_null;
                ty
            }
        };
        let ty = self.apply_format(node, pointer, ty, &mut docs);
        let checks = crate::keywords::KeywordReader {
            file: self.file,
            mode: self.mode,
            enabled: self.enabled,
            warnings: &mut self.warnings,
            root: self.root,
            definitions: &self.definitions,
        }
        .read(node, pointer, &ty)?;
        Ok(Schema {
            loc,
            ty,
            nullable,
            docs,
            name,
            default,
            checks,
            altnames: string_map(node.get("altnames")),
        })
    }

    fn any_schema(&self, loc: Loc) -> Schema {
        Schema {
            loc,
            ty: Ty::Any,
            nullable: false,
            docs: Docs::default(),
            name: None,
            default: None,
            checks: Checks::default(),
            altnames: Vec::new(),
        }
    }

    /// A schema without `type`: an error in strict mode; in lenient mode a bare `$ref`, a
    /// one-branch `allOf`, an object recognised by `properties`, or `any`.
    fn typeless(
        &mut self,
        node: &Node,
        pointer: &str,
        docs: &mut Docs,
    ) -> Result<(Ty, bool), Error> {
        if let Some(target) = node.get("$ref") {
            if self.lenient() {
                return Ok((
                    Ty::Ref(self.reference(target, &child(pointer, "$ref"))?),
                    false,
                ));
            }
            return Err(self.error_help(
                node,
                pointer,
                "`$ref` must be the value of `type`",
                format!(
                    "write \"type\": {{\"$ref\": {}}} (or generate with lenient mode)",
                    target.to_json()
                ),
            ));
        }
        // Conditional composition lets `anyOf`/`oneOf` stand without `type`: the value is one
        // of the branches, tried in order (an untagged enum); `oneOf`'s exactly-one rule is
        // checked by `validate()`.
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = node.get(key).and_then(Node::as_array) {
                if !branches.is_empty() {
                    return self.alternatives(branches, &child(pointer, key));
                }
            }
        }
        // So may `allOf`: its branches are merged (objects) or the one branch is taken.
        if let Some(all_of) = node.get("allOf") {
            return self.all_of(all_of, &child(pointer, "allOf"), docs);
        }
        if !self.lenient() {
            return Err(self.error_help(
                node,
                pointer,
                "this schema has no `type`",
                "every JSON Structure schema needs a `type` (use \"any\" to accept any value)",
            ));
        }
        if node.get("properties").is_some() {
            return Ok((self.object(node, pointer)?, false));
        }
        if node.get("items").is_some() {
            let items = self.items(node, pointer, "items")?;
            return Ok((Ty::Array(Box::new(items)), false));
        }
        if let Some(values) = node.get("enum").and_then(Node::as_array) {
            // An enum without a type: infer string when every value is a string.
            if values.iter().all(|v| v.as_str().is_some()) {
                return Ok((self.primitive(node, pointer, Prim::String)?, false));
            }
        }
        Ok((Ty::Any, false))
    }

    /// The branches of `anyOf`/`oneOf` as a union (a `{"type": "null"}` branch makes it
    /// nullable; one branch is that branch).
    fn alternatives(&mut self, branches: &[Node], pointer: &str) -> Result<(Ty, bool), Error> {
        let mut out = Vec::new();
        let mut nullable = false;
        for (i, branch) in branches.iter().enumerate() {
            let schema = self.schema(branch, &format!("{pointer}/{i}"))?;
            if matches!(&schema.ty, Ty::Prim(p) if p.prim == Prim::Null) {
                nullable = true;
                continue;
            }
            nullable |= schema.nullable;
            out.push(schema);
        }
        Ok(match out.len() {
            0 => (Ty::Any, nullable),
            1 => (out.remove(0).ty, nullable),
            _ => (Ty::Union(out), nullable),
        })
    }

    /// `allOf`: one branch is that branch (its annotations merged under the outer ones).
    /// Several object branches are merged into one object.
    fn all_of(&mut self, node: &Node, pointer: &str, docs: &mut Docs) -> Result<(Ty, bool), Error> {
        let Some(branches) = node.as_array() else {
            return Err(self.error(
                node,
                pointer,
                format!("`allOf` must be an array, found {}", node.kind_name()),
            ));
        };
        let mut schemas = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            schemas.push(self.schema(branch, &format!("{pointer}/{i}"))?);
        }
        let mut iter = schemas.into_iter();
        let Some(first) = iter.next() else {
            return Ok((Ty::Any, false));
        };
        let mut merged = first;
        for next in iter {
            merged = self.merge_all_of(merged, next, pointer, node)?;
        }
        merge_docs(docs, &merged.docs);
        Ok((merged.ty, merged.nullable))
    }

    fn merge_all_of(
        &mut self,
        a: Schema,
        b: Schema,
        pointer: &str,
        node: &Node,
    ) -> Result<Schema, Error> {
        match (a.ty, b.ty) {
            (Ty::Object(mut oa), Ty::Object(ob)) => {
                for p in ob.properties {
                    if !oa.properties.iter().any(|q| q.name == p.name) {
                        oa.properties.push(p);
                    }
                }
                for r in ob.required {
                    if !oa.required.contains(&r) {
                        oa.required.push(r);
                    }
                }
                oa.extends.extend(ob.extends);
                if matches!(ob.additional, Additional::Denied) {
                    oa.additional = Additional::Denied;
                }
                Ok(Schema {
                    ty: Ty::Object(oa),
                    nullable: a.nullable && b.nullable,
                    ..a
                })
            }
            (Ty::Ref(r), Ty::Object(o)) | (Ty::Object(o), Ty::Ref(r)) => {
                // `allOf: [{$ref: Base}, {properties...}]` reads as extension of Base.
                let mut o = o;
                o.extends.insert(0, r);
                Ok(Schema {
                    ty: Ty::Object(o),
                    nullable: false,
                    ..a
                })
            }
            (Ty::Any, ty) | (ty, Ty::Any) => Ok(Schema { ty, ..a }),
            (ta, _) => {
                self.warn(
                    node.start,
                    pointer,
                    "`allOf` branches that are not all objects cannot be merged; using the first branch",
                );
                Ok(Schema { ty: ta, ..a })
            }
        }
    }

    /// Interprets the value of `type`. Returns the type and whether `null` was a member of a
    /// union.
    fn type_value(
        &mut self,
        schema: &Node,
        type_node: &Node,
        pointer: &str,
    ) -> Result<(Ty, bool), Error> {
        let type_pointer = child(pointer, "type");
        match &type_node.value {
            Value::String(name) => self.named_type(schema, type_node, name, pointer),
            Value::Object(_) => match type_node.get("$ref") {
                Some(target) => Ok((
                    Ty::Ref(self.reference(target, &child(&type_pointer, "$ref"))?),
                    false,
                )),
                None => Err(self.error_help(
                    type_node,
                    &type_pointer,
                    "an object as `type` must be a reference: {\"$ref\": \"#/definitions/...\"}",
                    "to declare an inline object write \"type\": \"object\" with \"properties\"",
                )),
            },
            Value::Array(members) => self.union(schema, members, &type_pointer, pointer),
            _ => Err(self.error(
                type_node,
                &type_pointer,
                format!(
                    "`type` must be a type name, a {{\"$ref\"}} or an array of them, found {}",
                    type_node.kind_name()
                ),
            )),
        }
    }

    fn named_type(
        &mut self,
        schema: &Node,
        type_node: &Node,
        name: &str,
        pointer: &str,
    ) -> Result<(Ty, bool), Error> {
        let ty = match name {
            "object" => self.object(schema, pointer)?,
            "array" => Ty::Array(Box::new(self.items(schema, pointer, "items")?)),
            "set" => Ty::Set(Box::new(self.items(schema, pointer, "items")?)),
            "map" => Ty::Map(Box::new(self.items(schema, pointer, "values")?)),
            "tuple" => self.tuple(schema, pointer)?,
            "choice" => self.choice(schema, pointer)?,
            "any" => Ty::Any,
            _ => match Prim::from_name(name) {
                Some(prim) => self.primitive(schema, pointer, prim)?,
                None => return self.unknown_type_name(schema, type_node, name, pointer),
            },
        };
        Ok((ty, false))
    }

    fn unknown_type_name(
        &mut self,
        schema: &Node,
        type_node: &Node,
        name: &str,
        pointer: &str,
    ) -> Result<(Ty, bool), Error> {
        let type_pointer = child(pointer, "type");
        if self.lenient() {
            // A union written as text: `"['string', 'null']"` (a Python list, from a converter)
            // or `"string|null"`.
            if let Some(names) = textual_union(name) {
                self.warn(
                    type_node.start,
                    &type_pointer,
                    format!("`type` is the text {name:?}; reading it as the union {names:?}"),
                );
                let members: Vec<Node> = names
                    .iter()
                    .map(|n| Node {
                        value: Value::String(n.clone()),
                        start: type_node.start,
                        end: type_node.end,
                    })
                    .collect();
                return self.union(schema, &members, &type_pointer, pointer);
            }
            // Dialect spellings seen in converted files.
            let alias = match name {
                "record" => Some("object"),
                "email" | "hostname" | "ipv4" | "ipv6" | "password" | "text" => Some("string"),
                "date-time" => Some("datetime"),
                "bool" => Some("boolean"),
                "int" => Some("int32"),
                "long" => Some("int64"),
                _ => None,
            };
            if let Some(alias) = alias {
                self.warn(
                    type_node.start,
                    &type_pointer,
                    format!("`{name}` is not a JSON Structure type; reading it as `{alias}`"),
                );
                return self.named_type(schema, type_node, alias, pointer);
            }
        }
        let suggestion = closest_type_name(name);
        let help = match suggestion {
            Some(s) => format!("did you mean \"{s}\"?"),
            None => "see the JSON Structure Core list of types".to_string(),
        };
        Err(self.error_help(
            type_node,
            &type_pointer,
            format!("unknown type \"{name}\""),
            help,
        ))
    }

    fn union(
        &mut self,
        schema: &Node,
        members: &[Node],
        type_pointer: &str,
        pointer: &str,
    ) -> Result<(Ty, bool), Error> {
        let mut nullable = false;
        let mut out = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_pointer = format!("{type_pointer}/{i}");
            if member.as_str() == Some("null") {
                nullable = true;
                continue;
            }
            let ty = match &member.value {
                Value::String(name) => match Prim::from_name(name) {
                    Some(prim) => self.primitive(schema, pointer, prim)?,
                    None if name == "any" => Ty::Any,
                    // `["object", "null"]` with `properties` beside it (converted files): the
                    // compound type is described by the same schema.
                    None if self.lenient()
                        && matches!(
                            name.as_str(),
                            "object" | "array" | "set" | "map" | "tuple" | "choice" | "record"
                        ) =>
                    {
                        self.named_type(schema, member, name, pointer)?.0
                    }
                    None => {
                        // Compound names inside a union have nothing to describe them.
                        let help = closest_type_name(name)
                            .map(|s| format!("did you mean \"{s}\"?"))
                            .unwrap_or_else(|| {
                                "union members are primitive type names or {\"$ref\"} objects"
                                    .to_string()
                            });
                        return Err(self.error_help(
                            member,
                            &member_pointer,
                            format!("\"{name}\" cannot be a member of a type union"),
                            help,
                        ));
                    }
                },
                Value::Object(_) => match member.get("$ref") {
                    Some(target) => {
                        Ty::Ref(self.reference(target, &child(&member_pointer, "$ref"))?)
                    }
                    None if self.lenient() || member.get("type").is_some() => {
                        // Inline schemas in unions are not Core, but the draft's own example
                        // has one; read it as a schema.
                        let s = self.schema(member, &member_pointer)?;
                        nullable |= s.nullable;
                        s.ty
                    }
                    None => {
                        return Err(self.error(
                            member,
                            &member_pointer,
                            "a union member must be a type name or a {\"$ref\"} object",
                        ))
                    }
                },
                _ => {
                    return Err(self.error(
                        member,
                        &member_pointer,
                        format!(
                            "a union member must be a type name or a {{\"$ref\"}} object, found {}",
                            member.kind_name()
                        ),
                    ))
                }
            };
            out.push(Schema {
                loc: Loc {
                    pointer: member_pointer,
                    offset: member.start,
                },
                ty,
                nullable: false,
                docs: Docs::default(),
                name: None,
                default: None,
                checks: Checks::default(),
                altnames: Vec::new(),
            });
        }
        match out.len() {
            0 if nullable => Ok((
                Ty::Prim(Primitive {
                    prim: Prim::Null,
                    enum_values: None,
                    const_value: None,
                    encoding: Encoding::Base64,
                    altenums: Vec::new(),
                }),
                false,
            )),
            0 => Err(self.error(
                schema.get("type").unwrap_or(schema),
                type_pointer,
                "a type union needs at least one member",
            )),
            1 => Ok((out.remove(0).ty, nullable)),
            _ => Ok((Ty::Union(out), nullable)),
        }
    }

    fn reference(&self, target: &Node, pointer: &str) -> Result<Reference, Error> {
        match target.as_str() {
            Some(s) => Ok(Reference {
                target: s.to_string(),
                loc: Loc {
                    pointer: pointer.to_string(),
                    offset: target.start,
                },
            }),
            None => Err(self.error(
                target,
                pointer,
                format!("`$ref` must be a string, found {}", target.kind_name()),
            )),
        }
    }

    fn primitive(&mut self, schema: &Node, pointer: &str, prim: Prim) -> Result<Ty, Error> {
        let enum_values = match schema.get("enum") {
            None => None,
            Some(e) => {
                let enum_pointer = child(pointer, "enum");
                let Some(values) = e.as_array() else {
                    return Err(self.error(
                        e,
                        &enum_pointer,
                        format!("`enum` must be an array, found {}", e.kind_name()),
                    ));
                };
                if values.is_empty() {
                    return Err(self.error_help(
                        e,
                        &enum_pointer,
                        "`enum` must list at least one value",
                        "remove `enum` to allow any value of the type",
                    ));
                }
                // Compared as compact JSON text, in one pass (enums can be huge).
                let mut seen = std::collections::HashSet::with_capacity(values.len());
                for (i, v) in values.iter().enumerate() {
                    if !seen.insert(v.to_json()) {
                        return Err(self.error(
                            v,
                            &format!("{enum_pointer}/{i}"),
                            format!("duplicate enum value {}", v.to_json()),
                        ));
                    }
                }
                Some(values.to_vec())
            }
        };
        let encoding = match schema
            .get("contentEncoding")
            .or_else(|| schema.get("encoding"))
            .and_then(Node::as_str)
        {
            None | Some("base64") => Encoding::Base64,
            Some("base64url") => Encoding::Base64Url,
            Some("base16") => Encoding::Base16,
            Some("base32") => Encoding::Base32,
            Some("base32hex") => Encoding::Base32Hex,
            Some(other) => {
                let node = schema
                    .get("contentEncoding")
                    .or_else(|| schema.get("encoding"))
                    .unwrap_or(schema);
                return Err(self.error_help(
                    node,
                    &child(pointer, "contentEncoding"),
                    format!("unknown contentEncoding \"{other}\""),
                    "use one of base64, base64url, base16, base32, base32hex",
                ));
            }
        };
        Ok(Ty::Prim(Primitive {
            prim,
            enum_values,
            const_value: schema.get("const").cloned(),
            encoding,
            altenums: schema
                .get("altenums")
                .or_else(|| schema.get("altsymbols"))
                .and_then(Node::as_object)
                .map(|purposes| {
                    purposes
                        .iter()
                        .map(|m| (m.key.clone(), string_map(Some(&m.value))))
                        .collect()
                })
                .unwrap_or_default(),
        }))
    }

    fn items(&mut self, schema: &Node, pointer: &str, key: &str) -> Result<Schema, Error> {
        match schema.get(key) {
            Some(items) => self.schema(items, &child(pointer, key)),
            None if self.lenient() => {
                self.warn(
                    schema.start,
                    pointer,
                    format!("no `{key}`: elements are read as `any`"),
                );
                Ok(self.any_schema(Loc {
                    pointer: child(pointer, key),
                    offset: schema.start,
                }))
            }
            None => Err(self.error_help(
                schema,
                pointer,
                format!("this collection has no `{key}`"),
                format!("add \"{key}\": {{\"type\": ...}} (use \"any\" for anything)"),
            )),
        }
    }

    fn properties(
        &mut self,
        schema: &Node,
        pointer: &str,
        key: &str,
    ) -> Result<Vec<Property>, Error> {
        let Some(node) = schema.get(key) else {
            return Ok(Vec::new());
        };
        let props_pointer = child(pointer, key);
        let Some(members) = node.as_object() else {
            return Err(self.error(
                node,
                &props_pointer,
                format!("`{key}` must be an object, found {}", node.kind_name()),
            ));
        };
        let mut out = Vec::with_capacity(members.len());
        for m in members {
            let schema = self.schema(&m.value, &child(&props_pointer, &m.key))?;
            out.push(Property {
                name: m.key.clone(),
                schema,
            });
        }
        Ok(out)
    }

    fn object(&mut self, schema: &Node, pointer: &str) -> Result<Ty, Error> {
        let properties = if schema.get("properties").is_none()
            && self.lenient()
            && schema.get("fields").is_some()
        {
            self.avro_fields(schema, pointer)?
        } else {
            self.properties(schema, pointer, "properties")?
        };
        let (required, required_sets) = self.required(schema, pointer, &properties)?;
        let additional = match schema.get("additionalProperties") {
            None => Additional::Allowed,
            Some(node) => match &node.value {
                Value::Bool(true) => Additional::Allowed,
                Value::Bool(false) => Additional::Denied,
                Value::Object(m) if m.is_empty() => Additional::Allowed,
                Value::Object(_) => Additional::Typed(Box::new(
                    self.schema(node, &child(pointer, "additionalProperties"))?,
                )),
                _ => {
                    return Err(self.error(
                        node,
                        &child(pointer, "additionalProperties"),
                        format!(
                            "`additionalProperties` must be a boolean or a schema, found {}",
                            node.kind_name()
                        ),
                    ))
                }
            },
        };
        let is_abstract = schema.get("abstract").and_then(Node::as_bool) == Some(true);
        let extends = self.extends(schema, pointer)?;
        Ok(Ty::Object(Object {
            properties,
            required,
            required_sets,
            additional,
            is_abstract,
            extends,
        }))
    }

    /// Avro-style `fields: [{name, type}]` (seen in converted files): read as properties.
    fn avro_fields(&mut self, schema: &Node, pointer: &str) -> Result<Vec<Property>, Error> {
        let mut out = Vec::new();
        let fields_pointer = child(pointer, "fields");
        let Some(fields) = schema.get("fields").and_then(Node::as_array) else {
            return Ok(out);
        };
        for (i, field) in fields.iter().enumerate() {
            let Some(name) = field.get("name").and_then(Node::as_str) else {
                continue;
            };
            let s = self.schema(field, &format!("{fields_pointer}/{i}"))?;
            out.push(Property {
                name: name.to_string(),
                schema: s,
            });
        }
        Ok(out)
    }

    fn extends(&mut self, schema: &Node, pointer: &str) -> Result<Vec<Reference>, Error> {
        let Some(node) = schema.get("$extends") else {
            return Ok(Vec::new());
        };
        let ext_pointer = child(pointer, "$extends");
        let one = |reader: &Self, n: &Node, p: &str| -> Result<Reference, Error> {
            match (&n.value, n.get("$ref")) {
                (Value::String(_), _) => reader.reference(n, p),
                (Value::Object(_), Some(target)) => reader.reference(target, &child(p, "$ref")),
                _ => Err(reader.error(
                    n,
                    p,
                    format!(
                        "`$extends` must be a JSON Pointer string (or an array of them), found {}",
                        n.kind_name()
                    ),
                )),
            }
        };
        match node.as_array() {
            Some(items) => items
                .iter()
                .enumerate()
                .map(|(i, n)| one(self, n, &format!("{ext_pointer}/{i}")))
                .collect(),
            None => Ok(vec![one(self, node, &ext_pointer)?]),
        }
    }

    #[allow(clippy::type_complexity)]
    fn required(
        &mut self,
        schema: &Node,
        pointer: &str,
        properties: &[Property],
    ) -> Result<(Vec<String>, Option<Vec<Vec<String>>>), Error> {
        let Some(node) = schema.get("required") else {
            return Ok((Vec::new(), None));
        };
        let req_pointer = child(pointer, "required");
        let Some(items) = node.as_array() else {
            if self.lenient() {
                self.warn(
                    node.start,
                    &req_pointer,
                    "ignoring `required`: not an array",
                );
                return Ok((Vec::new(), None));
            }
            return Err(self.error(
                node,
                &req_pointer,
                format!("`required` must be an array, found {}", node.kind_name()),
            ));
        };
        let mut flat = Vec::new();
        let mut sets = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_pointer = format!("{req_pointer}/{i}");
            match &item.value {
                Value::String(name) => flat.push((name.clone(), item, item_pointer)),
                Value::Array(set) => {
                    let mut names = Vec::new();
                    for (j, n) in set.iter().enumerate() {
                        match n.as_str() {
                            Some(name) => {
                                flat.push((name.to_string(), n, format!("{item_pointer}/{j}")));
                                names.push(name.to_string());
                            }
                            None => {
                                return Err(self.error(
                                    n,
                                    &format!("{item_pointer}/{j}"),
                                    "`required` sets must contain property names",
                                ))
                            }
                        }
                    }
                    sets.push(names);
                }
                _ => {
                    return Err(self.error(
                        item,
                        &item_pointer,
                        format!(
                            "`required` must list property names, found {}",
                            item.kind_name()
                        ),
                    ))
                }
            }
        }
        let has_extends = schema.get("$extends").is_some();
        for (name, node, p) in &flat {
            if !has_extends && !properties.iter().any(|prop| &prop.name == name) {
                if self.lenient() {
                    self.warn(
                        node.start,
                        p,
                        format!("`required` names \"{name}\", which is not a declared property; ignored"),
                    );
                    continue;
                }
                let names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
                return Err(self.error_help(
                    node,
                    p,
                    format!("`required` names \"{name}\", which is not a declared property"),
                    format!("declared properties: {}", names.join(", ")),
                ));
            }
        }
        if sets.is_empty() {
            let mut required: Vec<String> = Vec::new();
            for (name, _, _) in flat {
                if !required.contains(&name) {
                    required.push(name);
                }
            }
            Ok((required, None))
        } else {
            // Form B: a name is unconditionally required only if every set lists it.
            let first = sets.first().cloned().unwrap_or_default();
            let always: Vec<String> = first
                .into_iter()
                .filter(|n| sets.iter().all(|s| s.contains(n)))
                .collect();
            Ok((always, Some(sets)))
        }
    }

    fn tuple(&mut self, schema: &Node, pointer: &str) -> Result<Ty, Error> {
        let properties = self.properties(schema, pointer, "properties")?;
        let Some(order_node) = schema.get("tuple") else {
            return Err(self.error_help(
                schema,
                pointer,
                "a `tuple` needs a `tuple` keyword listing its elements in order",
                "add \"tuple\": [\"first\", \"second\", ...] naming the properties",
            ));
        };
        let order_pointer = child(pointer, "tuple");
        let Some(order) = order_node.as_array() else {
            return Err(self.error(
                order_node,
                &order_pointer,
                "`tuple` must be an array of property names",
            ));
        };
        if properties.is_empty() && schema.get("$extends").is_none() {
            return Err(self.error_help(
                schema,
                pointer,
                "a `tuple` needs `properties` describing its elements",
                "add \"properties\": {\"name\": {\"type\": ...}, ...}",
            ));
        }
        let mut elements = Vec::new();
        for (i, name_node) in order.iter().enumerate() {
            let p = format!("{order_pointer}/{i}");
            let Some(name) = name_node.as_str() else {
                return Err(self.error(name_node, &p, "`tuple` must list property names"));
            };
            match properties.iter().find(|prop| prop.name == name) {
                Some(prop) => elements.push(prop.clone()),
                None => {
                    return Err(self.error(
                        name_node,
                        &p,
                        format!("`tuple` names \"{name}\", which is not a declared property"),
                    ))
                }
            }
        }
        for prop in &properties {
            if !elements.iter().any(|e| e.name == prop.name) {
                let node = schema
                    .get("properties")
                    .and_then(|p| p.get(&prop.name))
                    .unwrap_or(schema);
                return Err(self.error_help(
                    node,
                    &prop.schema.loc.pointer,
                    format!("property \"{}\" is not listed in `tuple`", prop.name),
                    "every tuple property must appear in `tuple`, which fixes the element order",
                ));
            }
        }
        Ok(Ty::Tuple(Tuple { elements }))
    }

    fn choice(&mut self, schema: &Node, pointer: &str) -> Result<Ty, Error> {
        if schema.get("choices").is_none() {
            return Err(self.error_help(
                schema,
                pointer,
                "a `choice` needs `choices`",
                "add \"choices\": {\"caseName\": {\"type\": ...}, ...}",
            ));
        }
        let choices = self.properties(schema, pointer, "choices")?;
        let selector = match schema.get("selector") {
            None => None,
            Some(s) => match s.as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    return Err(self.error(
                        s,
                        &child(pointer, "selector"),
                        "`selector` must be a string naming the discriminator member",
                    ))
                }
            },
        };
        let extends = self.extends(schema, pointer)?;
        Ok(Ty::Choice(Choice {
            choices,
            selector,
            extends,
        }))
    }

    /// OpenAPI `format` on a string promotes it to the Core type it names (lenient mode).
    fn apply_format(&mut self, node: &Node, pointer: &str, ty: Ty, docs: &mut Docs) -> Ty {
        let Some(format) = node.get("format").and_then(Node::as_str) else {
            return ty;
        };
        let Ty::Prim(mut p) = ty else { return ty };
        if !self.lenient() {
            docs.notes.push(format!("Format: `{format}`."));
            return Ty::Prim(p);
        }
        let promoted = match (p.prim, format) {
            (Prim::String, "date-time") => Some(Prim::DateTime),
            (Prim::String, "date") => Some(Prim::Date),
            (Prim::String, "time") => Some(Prim::Time),
            (Prim::String, "duration") => Some(Prim::Duration),
            (Prim::String, "uuid") => Some(Prim::Uuid),
            (Prim::String, "uri" | "uri-reference" | "url") => Some(Prim::Uri),
            (Prim::String, "byte") => Some(Prim::Binary),
            (Prim::Integer | Prim::Number, "int64") => Some(Prim::Int64),
            (Prim::Integer | Prim::Number, "int32") => Some(Prim::Int32),
            (Prim::Number, "float") => Some(Prim::Float),
            (Prim::Number, "double") => Some(Prim::Double),
            _ => None,
        };
        match promoted {
            Some(prim) if p.enum_values.is_none() && p.const_value.is_none() => {
                let _ = pointer;
                p.prim = prim;
            }
            _ => docs.notes.push(format!("Format: `{format}`.")),
        }
        Ty::Prim(p)
    }

    fn docs(&mut self, node: &Node, pointer: &str) -> Result<Docs, Error> {
        let mut docs = Docs::default();
        let text = |key: &str| node.get(key).and_then(Node::as_str).map(str::to_string);
        docs.description = text("description");
        docs.title = text("title");
        if let Some(examples) = node.get("examples") {
            match examples.as_array() {
                Some(items) => docs.examples.extend(items.iter().map(Node::to_json_pretty)),
                None => docs.examples.push(examples.to_json_pretty()),
            }
        }
        if let Some(example) = node.get("example") {
            if self.lenient() {
                docs.examples.push(example.to_json_pretty());
            }
        }
        for (purpose, name) in string_map(node.get("altnames")) {
            if let Some(lang) = purpose.strip_prefix("lang:") {
                docs.notes.push(format!("Name ({lang}): {name}."));
            }
        }
        for (purpose, text) in string_map(node.get("descriptions")) {
            let label = purpose
                .strip_prefix("lang:")
                .unwrap_or(&purpose)
                .to_string();
            if docs.description.is_none() && (label == "en" || label.starts_with("en-")) {
                docs.description = Some(text);
            } else {
                docs.notes.push(format!("Description ({label}): {text}"));
            }
        }
        docs.deprecated = node.get("deprecated").and_then(Node::as_bool) == Some(true);
        if node.get("readOnly").and_then(Node::as_bool) == Some(true) {
            docs.notes.push("Read-only: set by the server.".into());
        }
        if node.get("writeOnly").and_then(Node::as_bool) == Some(true) {
            docs.notes
                .push("Write-only: never returned by the server.".into());
        }
        if let Some(c) = node.get("const") {
            docs.notes.push(format!("Always `{}`.", c.to_json()));
        }
        if let Some(d) = node.get("default") {
            docs.notes.push(format!("Default: `{}`.", d.to_json()));
        }
        if let Some(n) = node.get("maxLength").and_then(Node::as_number) {
            docs.notes.push(format!("Maximum length: {n} characters."));
        }
        for key in ["precision", "scale"] {
            if let Some(n) = node.get(key).and_then(Node::as_number) {
                docs.notes.push(format!("{}: {n}.", capitalize(key)));
            }
        }
        for key in ["unit", "currency", "symbol", "contentMediaType"] {
            if let Some(v) = node.get(key).and_then(Node::as_str) {
                docs.notes.push(format!("{}: `{v}`.", capitalize(key)));
            }
        }
        let _ = pointer;
        Ok(docs)
    }
}

/// The member names of a union written as text: `"['string', 'null']"` or `"string|null"`.
fn textual_union(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    let inner = match t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        Some(inner) => inner,
        None if t.contains('|') => t,
        None => return None,
    };
    let names: Vec<String> = inner
        .split([',', '|'])
        .map(|n| n.trim().trim_matches(['\'', '"']).trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let known = |n: &str| {
        Prim::from_name(n).is_some()
            || matches!(
                n,
                "any" | "object" | "array" | "set" | "map" | "tuple" | "choice"
            )
    };
    (!names.is_empty() && names.iter().all(|n| known(n))).then_some(names)
}

/// The string members of an object (`altnames`, `descriptions`, one `altenums` purpose).
fn string_map(node: Option<&Node>) -> Vec<(String, String)> {
    node.and_then(Node::as_object)
        .map(|members| {
            members
                .iter()
                .filter_map(|m| m.value.as_str().map(|v| (m.key.clone(), v.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Adds `inner`'s documentation where `outer` has none (outer annotations win).
fn merge_docs(outer: &mut Docs, inner: &Docs) {
    if outer.description.is_none() {
        outer.description.clone_from(&inner.description);
    }
    if outer.title.is_none() {
        outer.title.clone_from(&inner.title);
    }
    if outer.examples.is_empty() {
        outer.examples.clone_from(&inner.examples);
    }
    outer.deprecated |= inner.deprecated;
    for note in &inner.notes {
        if !outer.notes.contains(note) {
            outer.notes.push(note.clone());
        }
    }
}

/// The known type name closest to a misspelled one (edit distance ≤ 2).
fn closest_type_name(name: &str) -> Option<&'static str> {
    const NAMES: &[&str] = &[
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
        "any",
        "object",
        "array",
        "set",
        "map",
        "tuple",
        "choice",
    ];
    let lower = name.to_ascii_lowercase();
    NAMES
        .iter()
        .map(|n| (edit_distance(&lower, n), *n))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    // Optimal string alignment: insertions, deletions, substitutions and adjacent
    // transpositions each cost one ("int23" is one edit from "int32"). Rows are kept as
    // vectors and read with `get`, so no index can panic.
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            let at = |row: &[usize], k: usize| row.get(k).copied().unwrap_or(usize::MAX / 2);
            let cost = usize::from(ca != cb);
            let mut best = (at(&previous, j + 1) + 1)
                .min(at(&current, j) + 1)
                .min(at(&previous, j) + cost);
            let transposed =
                i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca);
            if transposed {
                best = best.min(at(&before, j - 1) + 1);
            }
            current.push(best);
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous.last().copied().unwrap_or(0)
}
