//! Compare two versions of a schema: every change, the JSON Pointer it concerns, and two
//! verdicts — whether Rust code that uses the generated types still compiles, and whether
//! documents still read across the versions, in both directions.
//!
//! The comparison works on the resolved type spaces ([`crate::resolve`]) of both versions:
//! the root types and definitions are paired by their JSON Pointer, and every pair is
//! compared structurally (fields by wire name, enum values, choice cases, union members,
//! tuple elements, element types), which pairs the inline types they contain as well.
//!
//! ```
//! use json_structure_codegen::diff::{diff_sources, Bump, ChangeKind, RustImpact, WireImpact};
//! use json_structure_codegen::Mode;
//!
//! let old = r#"{"name": "Pet", "type": "object",
//!     "properties": {"name": {"type": "string"}, "age": {"type": "int32"}}}"#;
//! let new = r#"{"name": "Pet", "type": "object",
//!     "properties": {"name": {"type": "string"}, "age": {"type": "int64"}}}"#;
//! let diff = diff_sources("old.struct.json", old, "new.struct.json", new, Mode::Lenient)?;
//! let change = &diff.changes[0];
//! assert_eq!(change.kind, ChangeKind::TypeChanged);
//! assert_eq!(change.pointer, "/properties/age");
//! assert_eq!(change.rust, RustImpact::Breaking); // i32 → i64
//! assert_eq!(change.wire_old_to_new, WireImpact::Breaks); // 5 → "5": a number became a string
//! assert_eq!(change.wire_new_to_old, WireImpact::Breaks);
//! assert_eq!(diff.semver, Bump::Major);
//! # Ok::<(), json_structure_codegen::Error>(())
//! ```
//!
//! What the verdicts assume about the generated code (the generator's defaults):
//! - structs are not `#[non_exhaustive]`, so users build them with struct literals and any
//!   new field breaks Rust code;
//! - enums and choices are exhaustive, so a new value or case breaks `match`es;
//! - open objects keep undeclared members in `additional_properties`, so a member that is
//!   added or removed is still read by the other version, unless that version is closed
//!   (`additionalProperties: false` → `deny_unknown_fields`);
//! - "reads" means [`json_structure_runtime::from_str`]: serde plus the generated
//!   `validate()` (so a tighter `maxLength` breaks reading old documents);
//! - `int64`, `uint64`, `int128`, `uint128` and `decimal` are JSON strings, every other
//!   number is a JSON number (`lenient_numbers` is off).
//!
//! [`json_structure_runtime::from_str`]: https://docs.rs/json-structure-runtime

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::path::Path;

use crate::error::Error;
use crate::model::{self, Checks, Encoding, Mode, Prim};
use crate::resolve::{
    self, ChoiceDef, EnumDef, EnumRepr, Extra, Field, StructDef, TypeDef, TypeId, TypeKind,
    TypeRef, TypeSpace, ValueChecks, Variant,
};
use crate::source::{escape_pointer_token, write_json_string, SourceFile};

/// What a change does to Rust code written against the generated types.
///
/// ```
/// use json_structure_codegen::diff::RustImpact;
/// assert_eq!(RustImpact::Breaking.as_str(), "breaking");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RustImpact {
    /// Code that compiled against OLD's types compiles against NEW's.
    Compatible,
    /// Some code that compiled against OLD's types no longer compiles (a renamed or removed
    /// type or field, a changed field type, a new field in a struct literal, a new variant
    /// in an exhaustive `match`, ...).
    Breaking,
}

impl RustImpact {
    /// `compatible` or `breaking`.
    ///
    /// ```
    /// assert_eq!(json_structure_codegen::diff::RustImpact::Compatible.as_str(), "compatible");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            RustImpact::Compatible => "compatible",
            RustImpact::Breaking => "breaking",
        }
    }
}

impl fmt::Display for RustImpact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a change does to documents crossing versions in one direction.
///
/// ```
/// use json_structure_codegen::diff::WireImpact;
/// assert_eq!(WireImpact::Breaks.as_str(), "breaks");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WireImpact {
    /// Every document valid in the writing version still reads in the reading version.
    Ok,
    /// Some document valid in the writing version is rejected by the reading version.
    Breaks,
}

impl WireImpact {
    /// `ok` or `breaks`.
    ///
    /// ```
    /// assert_eq!(json_structure_codegen::diff::WireImpact::Ok.as_str(), "ok");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            WireImpact::Ok => "ok",
            WireImpact::Breaks => "breaks",
        }
    }

    fn from_ok(ok: bool) -> Self {
        if ok {
            WireImpact::Ok
        } else {
            WireImpact::Breaks
        }
    }
}

impl fmt::Display for WireImpact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A suggested semver bump for the crate that holds the generated types.
///
/// Ordered: `None < Patch < Minor < Major`.
///
/// ```
/// use json_structure_codegen::diff::Bump;
/// assert!(Bump::Major > Bump::Minor);
/// assert_eq!(Bump::Minor.as_str(), "minor");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Only documentation changed (or something else that neither adds nor breaks).
    Patch,
    /// Something was added, or documents written by NEW no longer read with OLD's code;
    /// code written against OLD's types keeps compiling and reading what it read.
    Minor,
    /// Rust code written against OLD's types may stop compiling, or documents OLD's code
    /// read are rejected by NEW's. For a `0.x` crate this means bumping the minor number
    /// (`0.3.1` → `0.4.0`), as Cargo treats `0.x` minors as incompatible; see
    /// [`Bump::next_version`].
    Major,
}

impl Bump {
    /// `none`, `patch`, `minor` or `major`.
    ///
    /// ```
    /// assert_eq!(json_structure_codegen::diff::Bump::None.as_str(), "none");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The version after this bump, following Cargo's rules for `0.x` versions (where the
    /// minor number is the breaking one and `0.0.x` versions are all incompatible).
    /// `None` when `current` is not `MAJOR.MINOR.PATCH`.
    ///
    /// ```
    /// use json_structure_codegen::diff::Bump;
    /// assert_eq!(Bump::Major.next_version("1.4.2").as_deref(), Some("2.0.0"));
    /// assert_eq!(Bump::Minor.next_version("1.4.2").as_deref(), Some("1.5.0"));
    /// assert_eq!(Bump::Major.next_version("0.3.1").as_deref(), Some("0.4.0"));
    /// assert_eq!(Bump::Minor.next_version("0.3.1").as_deref(), Some("0.3.2"));
    /// assert_eq!(Bump::None.next_version("0.3.1").as_deref(), Some("0.3.1"));
    /// ```
    pub fn next_version(self, current: &str) -> Option<String> {
        let core = current.split(['-', '+']).next().unwrap_or(current);
        let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let (major, minor, patch) = match (self, major, minor) {
            (Bump::None, ..) => (major, minor, patch),
            (_, 0, 0) => (0, 0, patch + 1),
            (Bump::Major, 0, _) => (0, minor + 1, 0),
            (Bump::Minor | Bump::Patch, 0, _) => (0, minor, patch + 1),
            (Bump::Major, ..) => (major + 1, 0, 0),
            (Bump::Minor, ..) => (major, minor + 1, 0),
            (Bump::Patch, ..) => (major, minor, patch + 1),
        };
        Some(format!("{major}.{minor}.{patch}"))
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! change_kinds {
    ($($(#[doc = $doc:literal])* $variant:ident => $id:literal,)*) => {
        /// What kind of change a [`Change`] is. Each has a stable `snake_case` id
        /// ([`ChangeKind::as_str`]) used in the JSON output.
        ///
        /// ```
        /// use json_structure_codegen::diff::ChangeKind;
        /// assert_eq!(ChangeKind::FieldRemoved.as_str(), "field_removed");
        /// assert_eq!(ChangeKind::from_id("enum_value_added"), Some(ChangeKind::EnumValueAdded));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ChangeKind {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ChangeKind {
            /// Every kind, in declaration order.
            ///
            /// ```
            /// use json_structure_codegen::diff::ChangeKind;
            /// assert!(ChangeKind::ALL.contains(&ChangeKind::TypeRemoved));
            /// ```
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$variant,)*];

            /// The stable `snake_case` id.
            ///
            /// ```
            /// use json_structure_codegen::diff::ChangeKind;
            /// assert_eq!(ChangeKind::AdditionalPropertiesClosed.as_str(), "additional_properties_closed");
            /// ```
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ChangeKind::$variant => $id,)*
                }
            }

            /// The kind with this id.
            ///
            /// ```
            /// use json_structure_codegen::diff::ChangeKind;
            /// assert_eq!(ChangeKind::from_id("type_added"), Some(ChangeKind::TypeAdded));
            /// assert_eq!(ChangeKind::from_id("nonsense"), None);
            /// ```
            pub fn from_id(id: &str) -> Option<ChangeKind> {
                match id {
                    $($id => Some(ChangeKind::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

change_kinds! {
    /// A definition (a named Rust type) was added.
    TypeAdded => "type_added",
    /// A definition (and its Rust type) was removed.
    TypeRemoved => "type_removed",
    /// A Rust type now has another name or lives in another module.
    TypeRenamed => "type_renamed",
    /// A value's type changed (`int32` → `int64`, `string` → `date`, struct → enum, ...).
    TypeChanged => "type_changed",
    /// The document gained a root type.
    RootAdded => "root_added",
    /// The document lost its root type.
    RootRemoved => "root_removed",
    /// An optional member was added to an object.
    FieldAdded => "field_added",
    /// A required member was added to an object.
    RequiredMemberAdded => "required_member_added",
    /// A member was removed from an object.
    FieldRemoved => "field_removed",
    /// A member's wire name or Rust field name changed.
    FieldRenamed => "field_renamed",
    /// An optional member became required.
    FieldBecameRequired => "field_became_required",
    /// A required member became optional.
    FieldBecameOptional => "field_became_optional",
    /// A member (or tuple element) now accepts `null`.
    FieldBecameNullable => "field_became_nullable",
    /// A member (or tuple element) no longer accepts `null`.
    FieldBecameNonNullable => "field_became_non_nullable",
    /// An element, value or referenced type now accepts `null`.
    ValueBecameNullable => "value_became_nullable",
    /// An element, value or referenced type no longer accepts `null`.
    ValueBecameNonNullable => "value_became_non_nullable",
    /// A field or variant is now (or no longer) behind a `Box` or `Indirect`.
    BoxingChanged => "boxing_changed",
    /// An enum gained a value.
    EnumValueAdded => "enum_value_added",
    /// An enum lost a value.
    EnumValueRemoved => "enum_value_removed",
    /// An enum value keeps its wire form but its Rust variant is named differently.
    EnumVariantRenamed => "enum_variant_renamed",
    /// An integer enum's Rust integer type changed.
    EnumReprChanged => "enum_repr_changed",
    /// A choice gained a case.
    ChoiceCaseAdded => "choice_case_added",
    /// A choice lost a case.
    ChoiceCaseRemoved => "choice_case_removed",
    /// A choice case keeps its key but its Rust variant is named differently.
    ChoiceCaseRenamed => "choice_case_renamed",
    /// A choice's `selector` changed (tagged ↔ inline, or another discriminator member).
    ChoiceSelectorChanged => "choice_selector_changed",
    /// A type union gained a member.
    UnionMemberAdded => "union_member_added",
    /// A type union lost a member.
    UnionMemberRemoved => "union_member_removed",
    /// A type union's members are tried in another order.
    UnionOrderChanged => "union_order_changed",
    /// A tuple gained an element.
    TupleElementAdded => "tuple_element_added",
    /// A tuple lost an element.
    TupleElementRemoved => "tuple_element_removed",
    /// An open object became closed (`additionalProperties: false`).
    AdditionalPropertiesClosed => "additional_properties_closed",
    /// A closed object became open.
    AdditionalPropertiesOpened => "additional_properties_opened",
    /// Undeclared members are handled differently (captured ↔ ignored).
    AdditionalPropertiesChanged => "additional_properties_changed",
    /// An `array` became a `set` (duplicates are now rejected).
    ArrayBecameSet => "array_became_set",
    /// A `set` became an `array` (duplicates are now accepted).
    SetBecameArray => "set_became_array",
    /// A `binary`'s `contentEncoding` changed.
    EncodingChanged => "encoding_changed",
    /// A validation bound got tighter or was added (`maxLength`).
    ValidationTightened => "validation_tightened",
    /// A validation bound got looser or was removed.
    ValidationLoosened => "validation_loosened",
    /// Validation changed in a way this tool does not grade; assumed to break both ways.
    ValidationChanged => "validation_changed",
    /// Only documentation (description, examples, notes) changed.
    DocsChanged => "docs_changed",
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One difference between OLD and NEW.
///
/// ```
/// use json_structure_codegen::diff::{diff_sources, ChangeKind, WireImpact};
/// use json_structure_codegen::Mode;
/// let old = r#"{"name": "T", "type": "object", "properties": {"a": {"type": "string"}}}"#;
/// let new = r#"{"name": "T", "type": "object", "properties": {"a": {"type": "string"}},
///     "additionalProperties": false}"#;
/// let diff = diff_sources("a", old, "b", new, Mode::Lenient)?;
/// let closed = diff.changes.iter().find(|c| c.kind == ChangeKind::AdditionalPropertiesClosed).unwrap();
/// assert_eq!(closed.pointer, "/additionalProperties");
/// assert_eq!(closed.wire_old_to_new, WireImpact::Breaks);
/// assert!(closed.is_breaking());
/// # Ok::<(), json_structure_codegen::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// JSON Pointer of the schema node concerned: in NEW, or in OLD for removals.
    pub pointer: String,
    /// What kind of change.
    pub kind: ChangeKind,
    /// What changed, in words, naming the Rust items concerned.
    pub message: String,
    /// Whether Rust code written against OLD's types still compiles against NEW's.
    pub rust: RustImpact,
    /// Whether documents written under OLD still read with NEW's generated code.
    pub wire_old_to_new: WireImpact,
    /// Whether documents written under NEW still read with OLD's generated code.
    pub wire_new_to_old: WireImpact,
}

impl Change {
    /// Breaking for Rust code, or breaking reading in either direction.
    ///
    /// ```
    /// # use json_structure_codegen::diff::*;
    /// let c = Change {
    ///     pointer: "/properties/a".into(), kind: ChangeKind::DocsChanged, message: String::new(),
    ///     rust: RustImpact::Compatible, wire_old_to_new: WireImpact::Ok, wire_new_to_old: WireImpact::Ok,
    /// };
    /// assert!(!c.is_breaking());
    /// ```
    pub fn is_breaking(&self) -> bool {
        self.rust == RustImpact::Breaking
            || self.wire_old_to_new == WireImpact::Breaks
            || self.wire_new_to_old == WireImpact::Breaks
    }

    /// The semver bump this change alone calls for: `major` when Rust code breaks or OLD's
    /// documents stop reading, `minor` for additions and for NEW documents OLD's code cannot
    /// read, `patch` otherwise.
    ///
    /// ```
    /// # use json_structure_codegen::diff::*;
    /// let c = Change {
    ///     pointer: "/definitions/Extra".into(), kind: ChangeKind::TypeAdded, message: String::new(),
    ///     rust: RustImpact::Compatible, wire_old_to_new: WireImpact::Ok, wire_new_to_old: WireImpact::Ok,
    /// };
    /// assert_eq!(c.bump(), Bump::Minor);
    /// ```
    pub fn bump(&self) -> Bump {
        if self.rust == RustImpact::Breaking || self.wire_old_to_new == WireImpact::Breaks {
            Bump::Major
        } else if self.wire_new_to_old == WireImpact::Breaks || is_addition(self.kind) {
            Bump::Minor
        } else {
            Bump::Patch
        }
    }
}

fn is_addition(kind: ChangeKind) -> bool {
    matches!(
        kind,
        ChangeKind::TypeAdded
            | ChangeKind::RootAdded
            | ChangeKind::FieldAdded
            | ChangeKind::RequiredMemberAdded
            | ChangeKind::EnumValueAdded
            | ChangeKind::ChoiceCaseAdded
            | ChangeKind::UnionMemberAdded
            | ChangeKind::TupleElementAdded
    )
}

/// Everything that changed between two versions of a schema.
///
/// ```
/// use json_structure_codegen::diff::{diff_sources, Bump};
/// use json_structure_codegen::Mode;
/// let schema = r#"{"name": "T", "type": "object", "properties": {"a": {"type": "string"}}}"#;
/// let diff = diff_sources("old", schema, "new", schema, Mode::Lenient)?;
/// assert!(diff.changes.is_empty());
/// assert_eq!(diff.semver, Bump::None);
/// assert!(!diff.is_breaking());
/// # Ok::<(), json_structure_codegen::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaDiff {
    /// The OLD schema's name, as given.
    pub old: String,
    /// The NEW schema's name, as given.
    pub new: String,
    /// Every change, ordered by JSON Pointer.
    pub changes: Vec<Change>,
    /// The suggested bump: the largest [`Change::bump`] (`none` without changes).
    pub semver: Bump,
}

impl SchemaDiff {
    /// Whether any change is breaking ([`Change::is_breaking`]).
    ///
    /// ```
    /// # use json_structure_codegen::{diff::diff_sources, Mode};
    /// let old = r#"{"name": "E", "type": "string", "enum": ["a"]}"#;
    /// let new = r#"{"name": "E", "type": "string", "enum": ["a", "b"]}"#;
    /// assert!(diff_sources("o", old, "n", new, Mode::Lenient)?.is_breaking());
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(Change::is_breaking)
    }

    /// The changes of one kind.
    ///
    /// ```
    /// # use json_structure_codegen::{diff::{diff_sources, ChangeKind}, Mode};
    /// let old = r#"{"name": "E", "type": "string", "enum": ["a"]}"#;
    /// let new = r#"{"name": "E", "type": "string", "enum": ["a", "b"]}"#;
    /// let diff = diff_sources("o", old, "n", new, Mode::Lenient)?;
    /// assert_eq!(diff.of_kind(ChangeKind::EnumValueAdded).count(), 1);
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn of_kind(&self, kind: ChangeKind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }

    /// The worst verdict over all changes for documents written under OLD read with NEW's
    /// code (`ok` without changes).
    ///
    /// ```
    /// # use json_structure_codegen::{diff::{diff_sources, WireImpact}, Mode};
    /// let old = r#"{"name": "E", "type": "string", "enum": ["a", "b"]}"#;
    /// let new = r#"{"name": "E", "type": "string", "enum": ["a"]}"#;
    /// let diff = diff_sources("o", old, "n", new, Mode::Lenient)?;
    /// assert_eq!(diff.wire_old_to_new(), WireImpact::Breaks);
    /// assert_eq!(diff.wire_new_to_old(), WireImpact::Ok);
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn wire_old_to_new(&self) -> WireImpact {
        self.changes
            .iter()
            .map(|c| c.wire_old_to_new)
            .max()
            .unwrap_or(WireImpact::Ok)
    }

    /// The worst verdict over all changes for documents written under NEW read with OLD's
    /// code (`ok` without changes). See [`SchemaDiff::wire_old_to_new`].
    ///
    /// ```
    /// # use json_structure_codegen::{diff::{diff_sources, WireImpact}, Mode};
    /// let s = r#"{"name": "E", "type": "string", "enum": ["a"]}"#;
    /// assert_eq!(diff_sources("o", s, "n", s, Mode::Lenient)?.wire_new_to_old(), WireImpact::Ok);
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn wire_new_to_old(&self) -> WireImpact {
        self.changes
            .iter()
            .map(|c| c.wire_new_to_old)
            .max()
            .unwrap_or(WireImpact::Ok)
    }

    /// The worst Rust verdict over all changes (`compatible` without changes).
    ///
    /// ```
    /// # use json_structure_codegen::{diff::{diff_sources, RustImpact}, Mode};
    /// let s = r#"{"name": "E", "type": "string", "enum": ["a"]}"#;
    /// assert_eq!(diff_sources("o", s, "n", s, Mode::Lenient)?.rust(), RustImpact::Compatible);
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn rust(&self) -> RustImpact {
        self.changes
            .iter()
            .map(|c| c.rust)
            .max()
            .unwrap_or(RustImpact::Compatible)
    }

    /// A table for people: one line per change, then a summary and the suggested bump.
    ///
    /// ```
    /// # use json_structure_codegen::{diff::diff_sources, Mode};
    /// let old = r#"{"name": "E", "type": "string", "enum": ["a"]}"#;
    /// let new = r#"{"name": "E", "type": "string", "enum": ["a", "b"]}"#;
    /// let table = diff_sources("o", old, "n", new, Mode::Lenient)?.to_table();
    /// assert!(table.contains("enum_value_added"));
    /// assert!(table.contains("/enum/1"));
    /// assert!(table.contains("suggested version bump: major"));
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn to_table(&self) -> String {
        let mut out = format!("--- {}\n+++ {}\n", self.old, self.new);
        if self.changes.is_empty() {
            out.push_str("no changes\nsuggested version bump: none\n");
            return out;
        }
        let header = ["KIND", "POINTER", "RUST", "OLD->NEW", "NEW->OLD", "CHANGE"];
        let rows: Vec<[String; 6]> = self
            .changes
            .iter()
            .map(|c| {
                [
                    c.kind.as_str().to_string(),
                    if c.pointer.is_empty() {
                        "(root)".to_string()
                    } else {
                        c.pointer.clone()
                    },
                    c.rust.as_str().to_string(),
                    c.wire_old_to_new.as_str().to_string(),
                    c.wire_new_to_old.as_str().to_string(),
                    c.message.clone(),
                ]
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row.iter()) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let mut line = |cells: &[&str]| {
            let mut text = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i + 1 == cells.len() {
                    text.push_str(cell);
                } else {
                    let width = widths.get(i).copied().unwrap_or(0);
                    let pad = width.saturating_sub(cell.chars().count());
                    text.push_str(cell);
                    text.push_str(&" ".repeat(pad + 2));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&header);
        for row in &rows {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            line(&cells);
        }
        let count = |f: &dyn Fn(&Change) -> bool| self.changes.iter().filter(|c| f(c)).count();
        let n = self.changes.len();
        out.push_str(&format!(
            "\n{n} change{}: {} breaking for Rust code, {} break reading OLD documents with NEW code, {} break reading NEW documents with OLD code\n",
            if n == 1 { "" } else { "s" },
            count(&|c| c.rust == RustImpact::Breaking),
            count(&|c| c.wire_old_to_new == WireImpact::Breaks),
            count(&|c| c.wire_new_to_old == WireImpact::Breaks),
        ));
        out.push_str(&format!("suggested version bump: {}\n", self.semver));
        out
    }

    /// The diff as JSON for tools: `old`, `new`, `semver`, `breaking`, a `summary` and the
    /// `changes`, each with `pointer`, `kind`, `message`, `rust`, `wire_old_to_new` and
    /// `wire_new_to_old`.
    ///
    /// ```
    /// # use json_structure_codegen::{diff::diff_sources, Mode};
    /// let old = r#"{"name": "E", "type": "string", "enum": ["a"]}"#;
    /// let new = r#"{"name": "E", "type": "string", "enum": ["a", "b"]}"#;
    /// let json = diff_sources("o", old, "n", new, Mode::Lenient)?.to_json();
    /// assert!(json.contains(r#""kind": "enum_value_added""#));
    /// assert!(json.contains(r#""semver": "major""#));
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        let string = |s: &str| {
            let mut out = String::new();
            write_json_string(&mut out, s);
            out
        };
        let count = |f: &dyn Fn(&Change) -> bool| self.changes.iter().filter(|c| f(c)).count();
        let mut out = String::from("{\n");
        out.push_str(&format!("  \"old\": {},\n", string(&self.old)));
        out.push_str(&format!("  \"new\": {},\n", string(&self.new)));
        out.push_str(&format!("  \"semver\": \"{}\",\n", self.semver));
        out.push_str(&format!("  \"breaking\": {},\n", self.is_breaking()));
        out.push_str(&format!(
            "  \"summary\": {{\"changes\": {}, \"rust_breaking\": {}, \"wire_old_to_new_breaks\": {}, \"wire_new_to_old_breaks\": {}}},\n",
            self.changes.len(),
            count(&|c| c.rust == RustImpact::Breaking),
            count(&|c| c.wire_old_to_new == WireImpact::Breaks),
            count(&|c| c.wire_new_to_old == WireImpact::Breaks),
        ));
        if self.changes.is_empty() {
            out.push_str("  \"changes\": []\n}\n");
            return out;
        }
        out.push_str("  \"changes\": [\n");
        for (i, c) in self.changes.iter().enumerate() {
            out.push_str(&format!(
                "    {{\"pointer\": {}, \"kind\": \"{}\", \"rust\": \"{}\", \"wire_old_to_new\": \"{}\", \"wire_new_to_old\": \"{}\", \"message\": {}}}{}\n",
                string(&c.pointer),
                c.kind,
                c.rust,
                c.wire_old_to_new,
                c.wire_new_to_old,
                string(&c.message),
                if i + 1 == self.changes.len() { "" } else { "," }
            ));
        }
        out.push_str("  ]\n}\n");
        out
    }
}

/// Compares two schemas given as text; the names are used in messages and in the result.
/// `mode` is applied to both (with [`Mode::Auto`] each file decides by its `$schema`).
/// Undeclared members of open objects are assumed to be captured (the generator's default).
///
/// ```
/// use json_structure_codegen::diff::{diff_sources, ChangeKind, RustImpact, WireImpact};
/// use json_structure_codegen::Mode;
/// let old = r#"{"name": "Pet", "type": "object",
///     "properties": {"name": {"type": "string"}}, "required": ["name"]}"#;
/// let new = r#"{"name": "Pet", "type": "object",
///     "properties": {"name": {"type": "string"}, "species": {"type": "string"}},
///     "required": ["name", "species"]}"#;
/// let diff = diff_sources("pet.v1.struct.json", old, "pet.v2.struct.json", new, Mode::Lenient)?;
/// let added = &diff.changes[0];
/// assert_eq!(added.kind, ChangeKind::RequiredMemberAdded);
/// assert_eq!(added.pointer, "/properties/species");
/// assert_eq!(added.rust, RustImpact::Breaking); // struct literals need the new field
/// assert_eq!(added.wire_old_to_new, WireImpact::Breaks); // old documents lack it
/// assert_eq!(added.wire_new_to_old, WireImpact::Ok); // old code keeps it in `additional_properties`
/// # Ok::<(), json_structure_codegen::Error>(())
/// ```
pub fn diff_sources(
    old_name: impl AsRef<Path>,
    old_text: &str,
    new_name: impl AsRef<Path>,
    new_text: &str,
    mode: Mode,
) -> Result<SchemaDiff, Error> {
    let old = SourceFile::new(old_name.as_ref(), old_text);
    let new = SourceFile::new(new_name.as_ref(), new_text);
    diff_files_loaded(old, new, mode)
}

/// Reads and compares two schema files. See [`diff_sources`].
///
/// ```no_run
/// use json_structure_codegen::{diff::diff_files, Mode};
/// let diff = diff_files(
///     "schemas/daytona-snapshot.struct.json".as_ref(),
///     "next/daytona-snapshot.struct.json".as_ref(),
///     Mode::Auto,
/// )?;
/// print!("{}", diff.to_table());
/// # Ok::<(), json_structure_codegen::Error>(())
/// ```
pub fn diff_files(old: &Path, new: &Path, mode: Mode) -> Result<SchemaDiff, Error> {
    let old = SourceFile::read(old)?;
    let new = SourceFile::read(new)?;
    diff_files_loaded(old, new, mode)
}

fn diff_files_loaded(old: SourceFile, new: SourceFile, mode: Mode) -> Result<SchemaDiff, Error> {
    let old_name = old.path.display().to_string();
    let new_name = new.path.display().to_string();
    let (old_doc, old_space) = load(old, mode)?;
    let (new_doc, new_space) = load(new, mode)?;
    let changes = compare(&old_doc, &old_space, &new_doc, &new_space);
    let semver = changes.iter().map(Change::bump).max().unwrap_or(Bump::None);
    Ok(SchemaDiff {
        old: old_name,
        new: new_name,
        changes,
        semver,
    })
}

fn load(file: SourceFile, mode: Mode) -> Result<(model::Document, TypeSpace), Error> {
    let tree = file.parse()?;
    let doc = model::read_document(file, &tree, mode)?;
    let space = resolve::resolve(
        &doc,
        &resolve::ResolveOptions {
            capture_additional: true,
        },
    )?;
    Ok((doc, space))
}

/// The type ids of the root type and of every definition, by pointer.
fn declared_types(doc: &model::Document, space: &TypeSpace) -> Vec<(String, usize)> {
    let mut pointers: Vec<&str> = Vec::new();
    if doc.root.is_some() {
        pointers.push("");
    }
    pointers.extend(doc.definitions.iter().map(|d| d.pointer()));
    let mut out = Vec::new();
    for p in pointers {
        // The resolver declares the root and the definitions before any inline type, so the
        // first type with a definition's pointer is that definition.
        if let Some(i) = space.types.iter().position(|t| t.pointer == p) {
            if !out.iter().any(|(_, j)| *j == i) {
                out.push((p.to_string(), i));
            }
        }
    }
    out
}

fn compare(
    old_doc: &model::Document,
    old: &TypeSpace,
    new_doc: &model::Document,
    new: &TypeSpace,
) -> Vec<Change> {
    let mut d = Differ {
        old,
        new,
        pairs: HashSet::new(),
        queue: VecDeque::new(),
        old_seen: HashSet::new(),
        new_seen: HashSet::new(),
        declared: declared_types(new_doc, new)
            .into_iter()
            .map(|(p, _)| p)
            .collect(),
        changes: Vec::new(),
    };
    match (&old.root, &new.root) {
        (Some(o), Some(n)) => d.cmp_ref(o, n, "", 0),
        (Some(o), None) => d.push(
            "",
            ChangeKind::RootRemoved,
            format!(
                "the document no longer has a root type (it was `{}`)",
                rust_text(old, o)
            ),
            RustImpact::Compatible,
            WireImpact::Breaks,
            WireImpact::Ok,
        ),
        (None, Some(n)) => d.push(
            "",
            ChangeKind::RootAdded,
            format!("the document now has a root type, `{}`", rust_text(new, n)),
            RustImpact::Compatible,
            WireImpact::Ok,
            WireImpact::Breaks,
        ),
        (None, None) => {}
    }
    let old_decl = declared_types(old_doc, old);
    let new_decl = declared_types(new_doc, new);
    let new_by_pointer: HashMap<&str, usize> =
        new_decl.iter().map(|(p, i)| (p.as_str(), *i)).collect();
    for (p, i) in &old_decl {
        if let Some(&j) = new_by_pointer.get(p.as_str()) {
            d.pair(*i, j);
        }
    }
    d.drain();
    // Definitions left over on both sides: a definition whose key changed pairs with the
    // one new definition of exactly the same shape.
    let leftover_old: Vec<usize> = old_decl
        .iter()
        .map(|(_, i)| *i)
        .filter(|i| !d.old_seen.contains(i))
        .collect();
    let leftover_new: Vec<usize> = new_decl
        .iter()
        .map(|(_, j)| *j)
        .filter(|j| !d.new_seen.contains(j))
        .collect();
    for &i in &leftover_old {
        let sig = shape(old, i);
        let candidates: Vec<usize> = leftover_new
            .iter()
            .copied()
            .filter(|&j| sig.is_some() && sig == shape(new, j))
            .collect();
        if let [j] = candidates.as_slice() {
            let rivals = leftover_old
                .iter()
                .filter(|&&k| shape(old, k) == sig)
                .count();
            if rivals == 1 {
                d.pair(i, *j);
            }
        }
    }
    d.drain();
    for (p, i) in &old_decl {
        if let Some(t) = old.types.get(*i).filter(|_| !d.old_seen.contains(i)) {
            d.push(
                p,
                ChangeKind::TypeRemoved,
                format!("type `{}` was removed", path_of(t)),
                RustImpact::Breaking,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
    }
    for (p, j) in &new_decl {
        if let Some(t) = new.types.get(*j).filter(|_| !d.new_seen.contains(j)) {
            d.push(
                p,
                ChangeKind::TypeAdded,
                format!("type `{}` was added", path_of(t)),
                RustImpact::Compatible,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
    }
    let mut seen = HashSet::new();
    let mut changes: Vec<Change> = d
        .changes
        .into_iter()
        .filter(|c| seen.insert((c.pointer.clone(), c.kind, c.message.clone())))
        .collect();
    changes.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    changes
}

/// A coarse signature of a type: its kind and its member names.
fn shape(space: &TypeSpace, i: usize) -> Option<String> {
    let t = space.types.get(i)?;
    Some(match t.kind.as_ref()? {
        TypeKind::Struct(s) => format!(
            "struct:{}",
            s.fields
                .iter()
                .map(|f| f.wire.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
        TypeKind::Enum(e) => format!(
            "enum:{}",
            e.variants
                .iter()
                .map(|v| v.wire.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
        TypeKind::Choice(c) => format!(
            "choice:{}",
            c.variants
                .iter()
                .map(|v| v.wire.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
        TypeKind::Union(v) => format!(
            "union:{}",
            v.iter()
                .map(|v| v.wire.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
        TypeKind::Tuple(f) => format!("tuple:{}", f.len()),
        TypeKind::Alias(r) | TypeKind::Newtype(r) => format!("alias:{}", rust_text(space, r)),
    })
}

fn path_of(t: &TypeDef) -> String {
    let mut parts = t.module.clone();
    parts.push(t.name.clone());
    parts.join("::")
}

fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_pointer_token(token))
}

/// How many `Option`s presence and nullability put around a field's type.
fn option_depth(f: &Field) -> u8 {
    match (f.required, f.nullable) {
        (true, false) => 0,
        (true, true) | (false, false) => 1,
        (false, true) => 2,
    }
}

struct Differ<'a> {
    old: &'a TypeSpace,
    new: &'a TypeSpace,
    pairs: HashSet<(usize, usize)>,
    queue: VecDeque<(usize, usize)>,
    old_seen: HashSet<usize>,
    new_seen: HashSet<usize>,
    /// Pointers of NEW's root type and definitions.
    declared: HashSet<String>,
    changes: Vec<Change>,
}

/// Alias chains longer than this are treated as opaque (they cannot occur in valid output).
const MAX_ALIAS_DEPTH: usize = 64;

impl Differ<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        pointer: &str,
        kind: ChangeKind,
        message: String,
        rust: RustImpact,
        wire_old_to_new: WireImpact,
        wire_new_to_old: WireImpact,
    ) {
        self.changes.push(Change {
            pointer: pointer.to_string(),
            kind,
            message,
            rust,
            wire_old_to_new,
            wire_new_to_old,
        });
    }

    fn pair(&mut self, i: usize, j: usize) {
        if self.pairs.insert((i, j)) {
            self.old_seen.insert(i);
            self.new_seen.insert(j);
            self.queue.push_back((i, j));
        }
    }

    fn drain(&mut self) {
        while let Some((i, j)) = self.queue.pop_front() {
            self.compare_types(i, j);
        }
    }

    fn compare_types(&mut self, i: usize, j: usize) {
        let (old, new) = (self.old, self.new);
        let (Some(o), Some(n)) = (old.types.get(i), new.types.get(j)) else {
            return;
        };
        let ptr = n.pointer.as_str();
        if o.name != n.name || o.module != n.module {
            self.push(
                ptr,
                ChangeKind::TypeRenamed,
                format!("type `{}` is now `{}`", path_of(o), path_of(n)),
                RustImpact::Breaking,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
        // Inline types share their documentation with the field that holds them, which
        // reports it.
        if o.docs != n.docs && self.declared.contains(ptr) {
            self.push(
                ptr,
                ChangeKind::DocsChanged,
                format!("documentation of `{}` changed", path_of(n)),
                RustImpact::Compatible,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
        match (&o.kind, &n.kind) {
            (None, None) => {}
            (Some(TypeKind::Struct(a)), Some(TypeKind::Struct(b))) => {
                self.cmp_struct(o, a, n, b);
            }
            (Some(TypeKind::Enum(a)), Some(TypeKind::Enum(b))) => self.cmp_enum(o, a, n, b),
            (Some(TypeKind::Choice(a)), Some(TypeKind::Choice(b))) => {
                self.cmp_choice(o, a, n, b);
            }
            (Some(TypeKind::Union(a)), Some(TypeKind::Union(b))) => self.cmp_union(o, a, n, b),
            (Some(TypeKind::Tuple(a)), Some(TypeKind::Tuple(b))) => self.cmp_tuple(o, a, n, b),
            (Some(TypeKind::Alias(a)), Some(TypeKind::Alias(b))) => self.cmp_ref(a, b, ptr, 0),
            (Some(TypeKind::Alias(a)), Some(_)) => {
                self.cmp_ref(a, &TypeRef::Named(TypeId(j)), ptr, 1);
            }
            (Some(_), Some(TypeKind::Alias(b))) => {
                self.cmp_ref(&TypeRef::Named(TypeId(i)), b, ptr, 1);
            }
            (Some(_), None) => self.push(
                ptr,
                ChangeKind::TypeChanged,
                format!(
                    "type `{}` became abstract: it has no Rust item any more",
                    path_of(n)
                ),
                RustImpact::Breaking,
                WireImpact::Ok,
                WireImpact::Ok,
            ),
            (None, Some(_)) => self.push(
                ptr,
                ChangeKind::TypeChanged,
                format!(
                    "type `{}` is no longer abstract: it is now a Rust item",
                    path_of(n)
                ),
                RustImpact::Compatible,
                WireImpact::Ok,
                WireImpact::Ok,
            ),
            (Some(a), Some(b)) => {
                let (oref, nref) = (TypeRef::Named(TypeId(i)), TypeRef::Named(TypeId(j)));
                let forward = reads(old, &oref, new, &nref, 0);
                let backward = reads(new, &nref, old, &oref, 0);
                self.push(
                    ptr,
                    ChangeKind::TypeChanged,
                    format!(
                        "`{}` was {}, is now {}",
                        path_of(n),
                        kind_name(a),
                        kind_name(b)
                    ),
                    RustImpact::Breaking,
                    WireImpact::from_ok(forward),
                    WireImpact::from_ok(backward),
                );
            }
        }
    }

    /// Compares two type references at `ptr`, pairing the named types they reach.
    fn cmp_ref(&mut self, o: &TypeRef, n: &TypeRef, ptr: &str, depth: usize) {
        let (old, new) = (self.old, self.new);
        if let (Some((i, oi)), Some((j, ni))) = (named(o), named(n)) {
            if oi != ni {
                self.push(
                    ptr,
                    ChangeKind::BoxingChanged,
                    format!("`{}` is now `{}`", rust_text(old, o), rust_text(new, n)),
                    RustImpact::Breaking,
                    WireImpact::Ok,
                    WireImpact::Ok,
                );
            }
            self.pair(i, j);
            return;
        }
        if depth < MAX_ALIAS_DEPTH {
            // One side is a named alias, the other is not a named type: look through the
            // alias (`type Email = String` is `String` to the compiler).
            if let Some(target) = alias_target(old, o) {
                return self.cmp_ref(target, n, ptr, depth + 1);
            }
            if let Some(target) = alias_target(new, n) {
                return self.cmp_ref(o, target, ptr, depth + 1);
            }
        }
        match (o, n) {
            (TypeRef::Nullable(x), TypeRef::Nullable(y)) => self.cmp_ref(x, y, ptr, depth),
            (TypeRef::Nullable(x), y) => {
                self.push(
                    ptr,
                    ChangeKind::ValueBecameNonNullable,
                    format!(
                        "`{}` is now `{}`: `null` is no longer accepted",
                        rust_text(old, o),
                        rust_text(new, n)
                    ),
                    RustImpact::Breaking,
                    WireImpact::Breaks,
                    WireImpact::Ok,
                );
                self.cmp_ref(x, y, ptr, depth);
            }
            (x, TypeRef::Nullable(y)) => {
                self.push(
                    ptr,
                    ChangeKind::ValueBecameNullable,
                    format!(
                        "`{}` is now `{}`: `null` is accepted",
                        rust_text(old, o),
                        rust_text(new, n)
                    ),
                    RustImpact::Breaking,
                    WireImpact::Ok,
                    WireImpact::Breaks,
                );
                self.cmp_ref(x, y, ptr, depth);
            }
            (TypeRef::Array(x), TypeRef::Array(y)) | (TypeRef::Set(x), TypeRef::Set(y)) => {
                self.cmp_ref(x, y, &child(ptr, "items"), depth);
            }
            (TypeRef::Map(x), TypeRef::Map(y)) => {
                self.cmp_ref(x, y, &child(ptr, "values"), depth);
            }
            (TypeRef::Array(x), TypeRef::Set(y)) => {
                self.push(
                    ptr,
                    ChangeKind::ArrayBecameSet,
                    "an `array` became a `set`: duplicate elements are now rejected".into(),
                    RustImpact::Compatible,
                    WireImpact::Breaks,
                    WireImpact::Ok,
                );
                self.cmp_ref(x, y, &child(ptr, "items"), depth);
            }
            (TypeRef::Set(x), TypeRef::Array(y)) => {
                self.push(
                    ptr,
                    ChangeKind::SetBecameArray,
                    "a `set` became an `array`: duplicate elements are now accepted".into(),
                    RustImpact::Compatible,
                    WireImpact::Ok,
                    WireImpact::Breaks,
                );
                self.cmp_ref(x, y, &child(ptr, "items"), depth);
            }
            (TypeRef::Any, TypeRef::Any) => {}
            (TypeRef::Prim(a, ea), TypeRef::Prim(b, eb)) if a == b => {
                if *a == Prim::Binary && ea != eb {
                    self.push(
                        ptr,
                        ChangeKind::EncodingChanged,
                        format!(
                            "`binary` contentEncoding changed from {} to {}",
                            encoding_name(*ea),
                            encoding_name(*eb)
                        ),
                        RustImpact::Compatible,
                        WireImpact::Breaks,
                        WireImpact::Breaks,
                    );
                }
            }
            _ => {
                let rust = if rust_text(old, o) == rust_text(new, n) {
                    RustImpact::Compatible
                } else {
                    RustImpact::Breaking
                };
                self.push(
                    ptr,
                    ChangeKind::TypeChanged,
                    format!(
                        "type changed from {} (`{}`) to {} (`{}`)",
                        schema_text(old, o),
                        rust_text(old, o),
                        schema_text(new, n),
                        rust_text(new, n)
                    ),
                    rust,
                    WireImpact::from_ok(reads(old, o, new, n, 0)),
                    WireImpact::from_ok(reads(new, n, old, o, 0)),
                );
            }
        }
    }

    fn cmp_struct(&mut self, ot: &TypeDef, os: &StructDef, nt: &TypeDef, ns: &StructDef) {
        let (old, new) = (self.old, self.new);
        let ptr = nt.pointer.as_str();
        let owner = path_of(nt);
        for of in &os.fields {
            if let Some(nf) = ns.fields.iter().find(|f| f.wire == of.wire) {
                let fptr = child(&child(ptr, "properties"), &nf.wire);
                self.cmp_field(of, nf, &fptr, &owner);
            }
        }
        let removed: Vec<&Field> = os
            .fields
            .iter()
            .filter(|f| !ns.fields.iter().any(|g| g.wire == f.wire))
            .collect();
        let added: Vec<&Field> = ns
            .fields
            .iter()
            .filter(|f| !os.fields.iter().any(|g| g.wire == f.wire))
            .collect();
        // Removal: OLD documents may carry the member; NEW documents never do.
        let removal = |f: &Field| {
            (
                WireImpact::from_ok(accepts_extra(new, &ns.extra, old, f)),
                WireImpact::from_ok(!f.required),
            )
        };
        // Addition: NEW documents may carry the member; OLD documents never do.
        let addition = |f: &Field| {
            (
                WireImpact::from_ok(!f.required),
                WireImpact::from_ok(accepts_extra(old, &os.extra, new, f)),
            )
        };
        if let ([of], [nf]) = (removed.as_slice(), added.as_slice()) {
            if same_slot(old, of, new, nf) {
                let (r1, r2) = removal(of);
                let (a1, a2) = addition(nf);
                let fptr = child(&child(ptr, "properties"), &nf.wire);
                self.push(
                    &fptr,
                    ChangeKind::FieldRenamed,
                    format!(
                        "member `{}` of `{owner}` is now `{}` (Rust field `{}` → `{}`)",
                        of.wire, nf.wire, of.ident, nf.ident
                    ),
                    RustImpact::Breaking,
                    r1.max(a1),
                    r2.max(a2),
                );
                self.cmp_ref(&of.ty, &nf.ty, &fptr, 0);
                self.cmp_extra(&os.extra, nt, &ns.extra);
                return;
            }
        }
        for of in removed {
            let (forward, backward) = removal(of);
            let optr = child(&child(&ot.pointer, "properties"), &of.wire);
            self.push(
                &optr,
                ChangeKind::FieldRemoved,
                format!(
                    "field `{}::{}: {}` was removed",
                    path_of(ot),
                    of.ident,
                    field_rust_text(old, of)
                ),
                RustImpact::Breaking,
                forward,
                backward,
            );
        }
        for nf in added {
            let (forward, backward) = addition(nf);
            let fptr = child(&child(ptr, "properties"), &nf.wire);
            let (kind, what) = if nf.required {
                (ChangeKind::RequiredMemberAdded, "required")
            } else {
                (ChangeKind::FieldAdded, "optional")
            };
            self.push(
                &fptr,
                kind,
                format!(
                    "{what} member `{}` added: new field `{owner}::{}: {}` (struct literals of `{owner}` must set it; the struct is not #[non_exhaustive])",
                    nf.wire,
                    nf.ident,
                    field_rust_text(new, nf)
                ),
                RustImpact::Breaking,
                forward,
                backward,
            );
        }
        self.cmp_extra(&os.extra, nt, &ns.extra);
    }

    fn cmp_extra(&mut self, oe: &Extra, nt: &TypeDef, ne: &Extra) {
        let (old, new) = (self.old, self.new);
        let ptr = child(&nt.pointer, "additionalProperties");
        let name = path_of(nt);
        let accepts_anything = |space: &TypeSpace, e: &Extra| match e {
            Extra::Deny => false,
            Extra::Ignore => true,
            Extra::Capture { value, .. } => matches!(resolved(space, value, 0), TypeRef::Any),
        };
        match (oe, ne) {
            (Extra::Deny, Extra::Deny) | (Extra::Ignore, Extra::Ignore) => {}
            (
                Extra::Capture {
                    ident: a,
                    value: x,
                    ..
                },
                Extra::Capture {
                    ident: b,
                    value: y,
                    ..
                },
            ) => {
                if a != b {
                    self.push(
                        &ptr,
                        ChangeKind::FieldRenamed,
                        format!("Rust field `{name}::{a}` (undeclared members) is now `{b}`"),
                        RustImpact::Breaking,
                        WireImpact::Ok,
                        WireImpact::Ok,
                    );
                }
                self.cmp_ref(x, y, &ptr, 0);
            }
            (_, Extra::Deny) => self.push(
                &ptr,
                ChangeKind::AdditionalPropertiesClosed,
                format!(
                    "`{name}` is now closed (additionalProperties: false): undeclared members are rejected{}",
                    if matches!(oe, Extra::Capture { .. }) {
                        " and its `additional_properties` field is gone"
                    } else {
                        ""
                    }
                ),
                if matches!(oe, Extra::Capture { .. }) {
                    RustImpact::Breaking
                } else {
                    RustImpact::Compatible
                },
                WireImpact::Breaks,
                WireImpact::Ok,
            ),
            (Extra::Deny, _) => self.push(
                &ptr,
                ChangeKind::AdditionalPropertiesOpened,
                format!(
                    "`{name}` is now open: undeclared members are accepted{}",
                    if matches!(ne, Extra::Capture { .. }) {
                        " (new field `additional_properties`)"
                    } else {
                        ""
                    }
                ),
                if matches!(ne, Extra::Capture { .. }) {
                    RustImpact::Breaking
                } else {
                    RustImpact::Compatible
                },
                WireImpact::from_ok(accepts_anything(new, ne)),
                WireImpact::Breaks,
            ),
            _ => self.push(
                &ptr,
                ChangeKind::AdditionalPropertiesChanged,
                format!(
                    "undeclared members of `{name}` are now {} (were {})",
                    extra_text(ne),
                    extra_text(oe)
                ),
                RustImpact::Breaking,
                WireImpact::from_ok(accepts_anything(new, ne)),
                WireImpact::from_ok(accepts_anything(old, oe)),
            ),
        }
    }

    fn cmp_field(&mut self, of: &Field, nf: &Field, ptr: &str, owner: &str) {
        let (old, new) = (self.old, self.new);
        if of.ident != nf.ident {
            self.push(
                ptr,
                ChangeKind::FieldRenamed,
                format!(
                    "Rust field `{owner}::{}` is now `{owner}::{}` (wire name `{}` unchanged)",
                    of.ident, nf.ident, nf.wire
                ),
                RustImpact::Breaking,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
        let rust = if option_depth(of) == option_depth(nf) {
            RustImpact::Compatible
        } else {
            RustImpact::Breaking
        };
        let types = format!(
            "`{owner}::{}` was `{}`, is now `{}`",
            nf.ident,
            field_rust_text(old, of),
            field_rust_text(new, nf)
        );
        if of.required && !nf.required {
            self.push(
                ptr,
                ChangeKind::FieldBecameOptional,
                format!("member `{}` is no longer required; {types}", nf.wire),
                rust,
                WireImpact::Ok,
                WireImpact::Breaks,
            );
        }
        if !of.required && nf.required {
            self.push(
                ptr,
                ChangeKind::FieldBecameRequired,
                format!("member `{}` is now required; {types}", nf.wire),
                rust,
                WireImpact::Breaks,
                WireImpact::Ok,
            );
        }
        if !of.nullable && nf.nullable {
            self.push(
                ptr,
                ChangeKind::FieldBecameNullable,
                format!("member `{}` now accepts null; {types}", nf.wire),
                rust,
                WireImpact::Ok,
                WireImpact::Breaks,
            );
        }
        if of.nullable && !nf.nullable {
            self.push(
                ptr,
                ChangeKind::FieldBecameNonNullable,
                format!("member `{}` no longer accepts null; {types}", nf.wire),
                rust,
                WireImpact::Breaks,
                WireImpact::Ok,
            );
        }
        if of.boxed != nf.boxed {
            self.push(
                ptr,
                ChangeKind::BoxingChanged,
                format!(
                    "field `{owner}::{}` is {} boxed",
                    nf.ident,
                    if nf.boxed { "now" } else { "no longer" }
                ),
                RustImpact::Breaking,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
        if of.docs != nf.docs {
            self.push(
                ptr,
                ChangeKind::DocsChanged,
                format!("documentation of `{owner}::{}` changed", nf.ident),
                RustImpact::Compatible,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
        self.cmp_checks(&of.checks, &nf.checks, &nf.ty, ptr);
        self.cmp_ref(&of.ty, &nf.ty, ptr, 0);
    }

    fn cmp_checks(&mut self, o: &ValueChecks, n: &ValueChecks, ty: &TypeRef, ptr: &str) {
        self.cmp_own_checks(&o.own, &n.own, ptr);
        let none = ValueChecks::default();
        let (oe, ne) = (
            o.element.as_deref().unwrap_or(&none),
            n.element.as_deref().unwrap_or(&none),
        );
        if oe != ne {
            let (key, inner) = match resolved(self.new, ty, 0) {
                TypeRef::Map(inner) => ("values", inner.as_ref().clone()),
                TypeRef::Array(inner) | TypeRef::Set(inner) => ("items", inner.as_ref().clone()),
                other => ("items", other.clone()),
            };
            self.cmp_checks(oe, ne, &inner, &child(ptr, key));
        }
    }

    fn cmp_own_checks(&mut self, o: &Checks, n: &Checks, ptr: &str) {
        if o == n {
            return;
        }
        match (o.max_length, n.max_length) {
            (None, Some(b)) => self.tightened(ptr, format!("`maxLength: {b}` added")),
            (Some(a), Some(b)) if b < a => {
                self.tightened(ptr, format!("`maxLength` lowered from {a} to {b}"));
            }
            (Some(a), Some(b)) if b > a => {
                self.loosened(ptr, format!("`maxLength` raised from {a} to {b}"));
            }
            (Some(a), None) => self.loosened(ptr, format!("`maxLength: {a}` removed")),
            _ => {}
        }
        // Constraints this tool does not know how to grade: assume the worst.
        let mut rest = o.clone();
        rest.max_length = n.max_length;
        if rest != *n {
            self.push(
                ptr,
                ChangeKind::ValidationChanged,
                format!("validation changed from {o:?} to {n:?}"),
                RustImpact::Compatible,
                WireImpact::Breaks,
                WireImpact::Breaks,
            );
        }
    }

    fn tightened(&mut self, ptr: &str, what: String) {
        self.push(
            ptr,
            ChangeKind::ValidationTightened,
            format!("{what}: old documents may fail `validate()`"),
            RustImpact::Compatible,
            WireImpact::Breaks,
            WireImpact::Ok,
        );
    }

    fn loosened(&mut self, ptr: &str, what: String) {
        self.push(
            ptr,
            ChangeKind::ValidationLoosened,
            format!("{what}: new documents may fail the old `validate()`"),
            RustImpact::Compatible,
            WireImpact::Ok,
            WireImpact::Breaks,
        );
    }

    fn cmp_enum(&mut self, ot: &TypeDef, oe: &EnumDef, nt: &TypeDef, ne: &EnumDef) {
        let name = path_of(nt);
        match (oe.repr, ne.repr) {
            (EnumRepr::String, EnumRepr::String) => {}
            (EnumRepr::Int(a), EnumRepr::Int(b)) if a == b => {}
            (EnumRepr::Int(a), EnumRepr::Int(b)) => self.push(
                &nt.pointer,
                ChangeKind::EnumReprChanged,
                format!(
                    "`{name}::value()` now returns `{}` instead of `{}`",
                    prim_rust(b),
                    prim_rust(a)
                ),
                RustImpact::Breaking,
                WireImpact::Ok,
                WireImpact::Ok,
            ),
            (a, b) => {
                self.push(
                    &nt.pointer,
                    ChangeKind::TypeChanged,
                    format!(
                        "enum `{name}` values were {}, are now {}",
                        repr_text(a),
                        repr_text(b)
                    ),
                    RustImpact::Breaking,
                    WireImpact::Breaks,
                    WireImpact::Breaks,
                );
                return;
            }
        }
        for (k, nv) in ne.variants.iter().enumerate() {
            match oe.variants.iter().find(|v| v.wire == nv.wire) {
                Some(ov) if ov.ident != nv.ident => self.push(
                    &child(&child(&nt.pointer, "enum"), &k.to_string()),
                    ChangeKind::EnumVariantRenamed,
                    format!(
                        "`{name}::{}` is now `{name}::{}` (value `{}` unchanged)",
                        ov.ident, nv.ident, nv.wire
                    ),
                    RustImpact::Breaking,
                    WireImpact::Ok,
                    WireImpact::Ok,
                ),
                Some(_) => {}
                None => self.push(
                    &child(&child(&nt.pointer, "enum"), &k.to_string()),
                    ChangeKind::EnumValueAdded,
                    format!(
                        "enum `{name}` gained `{}` (`{name}::{}`): exhaustive matches on `{name}` stop compiling",
                        nv.wire, nv.ident
                    ),
                    RustImpact::Breaking,
                    WireImpact::Ok,
                    WireImpact::Breaks,
                ),
            }
        }
        for (k, ov) in oe.variants.iter().enumerate() {
            if !ne.variants.iter().any(|v| v.wire == ov.wire) {
                self.push(
                    &child(&child(&ot.pointer, "enum"), &k.to_string()),
                    ChangeKind::EnumValueRemoved,
                    format!(
                        "enum `{name}` lost `{}` (`{}::{}`)",
                        ov.wire,
                        path_of(ot),
                        ov.ident
                    ),
                    RustImpact::Breaking,
                    WireImpact::Breaks,
                    WireImpact::Ok,
                );
            }
        }
    }

    fn cmp_choice(&mut self, ot: &TypeDef, oc: &ChoiceDef, nt: &TypeDef, nc: &ChoiceDef) {
        let name = path_of(nt);
        if oc.selector != nc.selector {
            let shape = |s: &Option<String>| match s {
                Some(s) => format!("inline with selector `{s}`"),
                None => "tagged (`{\"case\": value}`)".to_string(),
            };
            self.push(
                &nt.pointer,
                ChangeKind::ChoiceSelectorChanged,
                format!(
                    "choice `{name}` was {}, is now {}",
                    shape(&oc.selector),
                    shape(&nc.selector)
                ),
                RustImpact::Compatible,
                WireImpact::Breaks,
                WireImpact::Breaks,
            );
        }
        let choices = child(&nt.pointer, "choices");
        for nv in &nc.variants {
            let vptr = child(&choices, &nv.wire);
            match oc.variants.iter().find(|v| v.wire == nv.wire) {
                Some(ov) => self.cmp_variant(ov, nv, &vptr, &name, ChangeKind::ChoiceCaseRenamed),
                None => self.push(
                    &vptr,
                    ChangeKind::ChoiceCaseAdded,
                    format!(
                        "choice `{name}` gained case `{}` (`{name}::{}`): exhaustive matches stop compiling",
                        nv.wire, nv.ident
                    ),
                    RustImpact::Breaking,
                    WireImpact::Ok,
                    WireImpact::Breaks,
                ),
            }
        }
        for ov in &oc.variants {
            if !nc.variants.iter().any(|v| v.wire == ov.wire) {
                self.push(
                    &child(&child(&ot.pointer, "choices"), &ov.wire),
                    ChangeKind::ChoiceCaseRemoved,
                    format!(
                        "choice `{name}` lost case `{}` (`{}::{}`)",
                        ov.wire,
                        path_of(ot),
                        ov.ident
                    ),
                    RustImpact::Breaking,
                    WireImpact::Breaks,
                    WireImpact::Ok,
                );
            }
        }
    }

    fn cmp_variant(
        &mut self,
        ov: &Variant,
        nv: &Variant,
        ptr: &str,
        owner: &str,
        renamed: ChangeKind,
    ) {
        if ov.ident != nv.ident {
            self.push(
                ptr,
                renamed,
                format!(
                    "`{owner}::{}` is now `{owner}::{}` (`{}` unchanged on the wire)",
                    ov.ident, nv.ident, nv.wire
                ),
                RustImpact::Breaking,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
        if ov.boxed != nv.boxed {
            self.push(
                ptr,
                ChangeKind::BoxingChanged,
                format!(
                    "variant `{owner}::{}` is {} boxed",
                    nv.ident,
                    if nv.boxed { "now" } else { "no longer" }
                ),
                RustImpact::Breaking,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
        self.cmp_ref(&ov.ty, &nv.ty, ptr, 0);
    }

    fn cmp_union(&mut self, ot: &TypeDef, ov: &[Variant], nt: &TypeDef, nv: &[Variant]) {
        let name = path_of(nt);
        let members = child(&nt.pointer, "type");
        for (k, v) in nv.iter().enumerate() {
            let vptr = child(&members, &k.to_string());
            match ov.iter().find(|o| o.wire == v.wire) {
                Some(o) => self.cmp_variant(o, v, &vptr, &name, ChangeKind::TypeRenamed),
                None => self.push(
                    &vptr,
                    ChangeKind::UnionMemberAdded,
                    format!(
                        "union `{name}` gained member `{}` (`{name}::{}`): exhaustive matches stop compiling",
                        schema_text(self.new, &v.ty),
                        v.ident
                    ),
                    RustImpact::Breaking,
                    WireImpact::Ok,
                    WireImpact::Breaks,
                ),
            }
        }
        for (k, o) in ov.iter().enumerate() {
            if !nv.iter().any(|v| v.wire == o.wire) {
                self.push(
                    &child(&child(&ot.pointer, "type"), &k.to_string()),
                    ChangeKind::UnionMemberRemoved,
                    format!(
                        "union `{name}` lost member `{}` (`{}::{}`)",
                        schema_text(self.old, &o.ty),
                        path_of(ot),
                        o.ident
                    ),
                    RustImpact::Breaking,
                    WireImpact::Breaks,
                    WireImpact::Ok,
                );
            }
        }
        let common_old: Vec<&str> = ov
            .iter()
            .map(|v| v.wire.as_str())
            .filter(|w| nv.iter().any(|v| v.wire == *w))
            .collect();
        let common_new: Vec<&str> = nv
            .iter()
            .map(|v| v.wire.as_str())
            .filter(|w| ov.iter().any(|v| v.wire == *w))
            .collect();
        if common_old != common_new {
            self.push(
                &members,
                ChangeKind::UnionOrderChanged,
                format!(
                    "union `{name}` tries its members in another order ({} → {}): a value several members accept may now read as another variant",
                    common_old.join(", "),
                    common_new.join(", ")
                ),
                RustImpact::Compatible,
                WireImpact::Ok,
                WireImpact::Ok,
            );
        }
    }

    fn cmp_tuple(&mut self, ot: &TypeDef, of: &[Field], nt: &TypeDef, nf: &[Field]) {
        let (old, new) = (self.old, self.new);
        let name = path_of(nt);
        for (k, (a, b)) in of.iter().zip(nf).enumerate() {
            let ptr = child(&child(&nt.pointer, "properties"), &b.wire);
            let rust = if a.nullable == b.nullable {
                RustImpact::Compatible
            } else {
                RustImpact::Breaking
            };
            let types = format!(
                "`{name}.{k}` was `{}`, is now `{}`",
                field_rust_text(old, a),
                field_rust_text(new, b)
            );
            if !a.nullable && b.nullable {
                self.push(
                    &ptr,
                    ChangeKind::FieldBecameNullable,
                    format!("tuple element {k} now accepts null; {types}"),
                    rust,
                    WireImpact::Ok,
                    WireImpact::Breaks,
                );
            }
            if a.nullable && !b.nullable {
                self.push(
                    &ptr,
                    ChangeKind::FieldBecameNonNullable,
                    format!("tuple element {k} no longer accepts null; {types}"),
                    rust,
                    WireImpact::Breaks,
                    WireImpact::Ok,
                );
            }
            if a.boxed != b.boxed {
                self.push(
                    &ptr,
                    ChangeKind::BoxingChanged,
                    format!(
                        "tuple element `{name}.{k}` is {} boxed",
                        if b.boxed { "now" } else { "no longer" }
                    ),
                    RustImpact::Breaking,
                    WireImpact::Ok,
                    WireImpact::Ok,
                );
            }
            if a.docs != b.docs {
                self.push(
                    &ptr,
                    ChangeKind::DocsChanged,
                    format!("documentation of tuple element `{name}.{k}` changed"),
                    RustImpact::Compatible,
                    WireImpact::Ok,
                    WireImpact::Ok,
                );
            }
            self.cmp_checks(&a.checks, &b.checks, &b.ty, &ptr);
            self.cmp_ref(&a.ty, &b.ty, &ptr, 0);
        }
        for (k, b) in nf.iter().enumerate().skip(of.len()) {
            self.push(
                &child(&child(&nt.pointer, "tuple"), &k.to_string()),
                ChangeKind::TupleElementAdded,
                format!(
                    "tuple `{name}` gained element {k} `{}: {}`: its length is exact, so both directions break",
                    b.wire,
                    field_rust_text(new, b)
                ),
                RustImpact::Breaking,
                WireImpact::Breaks,
                WireImpact::Breaks,
            );
        }
        for (k, a) in of.iter().enumerate().skip(nf.len()) {
            self.push(
                &child(&child(&ot.pointer, "tuple"), &k.to_string()),
                ChangeKind::TupleElementRemoved,
                format!(
                    "tuple `{name}` lost element {k} `{}: {}`: its length is exact, so both directions break",
                    a.wire,
                    field_rust_text(old, a)
                ),
                RustImpact::Breaking,
                WireImpact::Breaks,
                WireImpact::Breaks,
            );
        }
    }
}

/// Whether a struct with `extra` (in `space`) reads a member declared as `field` (in
/// `field_space`) as an undeclared member.
fn accepts_extra(space: &TypeSpace, extra: &Extra, field_space: &TypeSpace, field: &Field) -> bool {
    match extra {
        Extra::Deny => false,
        Extra::Ignore => true,
        Extra::Capture { value, .. } => {
            let mut ty = field.ty.clone();
            if field.nullable {
                ty = TypeRef::Nullable(Box::new(ty));
            }
            reads(field_space, &ty, space, value, 0)
        }
    }
}

/// Whether a field removed on one side and one added on the other are the same member
/// under another name: same presence, nullability, boxing and Rust type shape.
fn same_slot(old: &TypeSpace, of: &Field, new: &TypeSpace, nf: &Field) -> bool {
    if of.required != nf.required || of.nullable != nf.nullable || of.boxed != nf.boxed {
        return false;
    }
    if rust_text(old, &of.ty) == rust_text(new, &nf.ty) {
        return true;
    }
    match (named(&of.ty), named(&nf.ty)) {
        (Some((i, _)), Some((j, _))) => {
            let kind = |s: &TypeSpace, k: usize| {
                s.types.get(k).and_then(|t| t.kind.as_ref()).map(kind_name)
            };
            kind(old, i).is_some() && kind(old, i) == kind(new, j)
        }
        _ => false,
    }
}

/// The named type a reference stands for, and whether it is behind `Indirect`.
fn named(ty: &TypeRef) -> Option<(usize, bool)> {
    match ty {
        TypeRef::Named(id) => Some((id.0, false)),
        TypeRef::Indirect(id) => Some((id.0, true)),
        _ => None,
    }
}

fn alias_target<'s>(space: &'s TypeSpace, ty: &TypeRef) -> Option<&'s TypeRef> {
    let (i, _) = named(ty)?;
    match space.types.get(i)?.kind.as_ref()? {
        TypeKind::Alias(target) => Some(target),
        _ => None,
    }
}

/// `ty` with named aliases looked through.
fn resolved<'s>(space: &'s TypeSpace, ty: &'s TypeRef, depth: usize) -> &'s TypeRef {
    match alias_target(space, ty) {
        Some(target) if depth < MAX_ALIAS_DEPTH => resolved(space, target, depth + 1),
        _ => ty,
    }
}

/// Whether every document value valid for `from` (a type of `from_space`) reads as `to` (a
/// type of `to_space`). Conservative: `false` unless it is sure.
fn reads(
    from_space: &TypeSpace,
    from: &TypeRef,
    to_space: &TypeSpace,
    to: &TypeRef,
    depth: usize,
) -> bool {
    if depth > MAX_ALIAS_DEPTH {
        return false;
    }
    let from = resolved(from_space, from, 0);
    let to = resolved(to_space, to, 0);
    let next = depth + 1;
    match (from, to) {
        (_, TypeRef::Any) => true,
        (TypeRef::Any, _) => false,
        (TypeRef::Nullable(x), TypeRef::Nullable(y)) => reads(from_space, x, to_space, y, next),
        (TypeRef::Nullable(_), _) => false,
        (x, TypeRef::Nullable(y)) => reads(from_space, x, to_space, y, next),
        (TypeRef::Array(x), TypeRef::Array(y))
        | (TypeRef::Set(x), TypeRef::Set(y))
        | (TypeRef::Set(x), TypeRef::Array(y))
        | (TypeRef::Map(x), TypeRef::Map(y)) => reads(from_space, x, to_space, y, next),
        (TypeRef::Prim(a, ea), TypeRef::Prim(b, eb)) => prim_reads(*a, *ea, *b, *eb),
        _ => {
            let enum_of = |space: &TypeSpace, ty: &TypeRef| -> Option<EnumDef> {
                let (i, _) = named(ty)?;
                match space.types.get(i)?.kind.as_ref()? {
                    TypeKind::Enum(e) => Some(e.clone()),
                    _ => None,
                }
            };
            match (enum_of(from_space, from), enum_of(to_space, to), to) {
                (Some(a), Some(b), _) => {
                    let compatible_repr = matches!(
                        (a.repr, b.repr),
                        (EnumRepr::String, EnumRepr::String) | (EnumRepr::Int(_), EnumRepr::Int(_))
                    );
                    compatible_repr
                        && a.variants
                            .iter()
                            .all(|v| b.variants.iter().any(|w| w.wire == v.wire))
                }
                (Some(a), None, TypeRef::Prim(b, _)) => match a.repr {
                    EnumRepr::String => *b == Prim::String,
                    EnumRepr::Int(_) => a.variants.iter().all(|v| int_fits(&v.wire, *b)),
                },
                _ => {
                    // The same named type on both sides (the caller paired it) reads itself.
                    false
                }
            }
        }
    }
}

/// Whether an integer written as `text` is a valid JSON value of the primitive `p`.
fn int_fits(text: &str, p: Prim) -> bool {
    let Ok(v) = text.parse::<i128>() else {
        return false;
    };
    match number_range(p) {
        Some((lo, hi)) => lo <= v && (v < 0 || (v as u128) <= hi),
        None => matches!(p, Prim::Number | Prim::Double | Prim::Float | Prim::Float8),
    }
}

/// Inclusive range of an integer type whose wire form is a JSON number.
fn number_range(p: Prim) -> Option<(i128, u128)> {
    Some(match p {
        Prim::Int8 => (i8::MIN.into(), 127),
        Prim::Uint8 => (0, u8::MAX.into()),
        Prim::Int16 => (i16::MIN.into(), 32_767),
        Prim::Uint16 => (0, u16::MAX.into()),
        Prim::Int32 | Prim::Integer => (i32::MIN.into(), 2_147_483_647),
        Prim::Uint32 => (0, u32::MAX.into()),
        _ => return None,
    })
}

/// Inclusive range of an integer type whose wire form is a JSON string.
fn string_int_range(p: Prim) -> Option<(i128, u128)> {
    Some(match p {
        Prim::Int64 => (i64::MIN.into(), 9_223_372_036_854_775_807),
        Prim::Uint64 => (0, u64::MAX.into()),
        Prim::Int128 => (i128::MIN, i128::MAX as u128),
        Prim::Uint128 => (0, u128::MAX),
        _ => return None,
    })
}

fn is_f32(p: Prim) -> bool {
    matches!(p, Prim::Float | Prim::Float8)
}

fn is_f64(p: Prim) -> bool {
    matches!(p, Prim::Number | Prim::Double)
}

/// Whether the wire form is a JSON string.
fn is_string_wire(p: Prim) -> bool {
    !matches!(p, Prim::Null | Prim::Boolean)
        && number_range(p).is_none()
        && !is_f32(p)
        && !is_f64(p)
}

/// Whether every valid value of primitive `a` (encoding `ea`) reads as primitive `b`.
fn prim_reads(a: Prim, ea: Encoding, b: Prim, eb: Encoding) -> bool {
    let contains =
        |(lo_a, hi_a): (i128, u128), (lo_b, hi_b): (i128, u128)| lo_b <= lo_a && hi_a <= hi_b;
    if a == b {
        return a != Prim::Binary || ea == eb;
    }
    if let (Some(ra), Some(rb)) = (number_range(a), number_range(b)) {
        return contains(ra, rb);
    }
    if let (Some(ra), Some(rb)) = (string_int_range(a), string_int_range(b)) {
        return contains(ra, rb);
    }
    if number_range(a).is_some() {
        // Integers read as any float type (f32 rounds, but reads).
        return is_f32(b) || is_f64(b);
    }
    if is_f32(a) {
        return is_f32(b) || is_f64(b);
    }
    if is_f64(a) {
        // f64 → f32 could overflow: not sure, so no.
        return is_f64(b);
    }
    if string_int_range(a).is_some() && b == Prim::Decimal {
        return true;
    }
    // Every string-valued primitive reads as `string`.
    b == Prim::String && is_string_wire(a)
}

fn encoding_name(e: Encoding) -> &'static str {
    match e {
        Encoding::Base64 => "base64",
        Encoding::Base64Url => "base64url",
        Encoding::Base16 => "base16",
        Encoding::Base32 => "base32",
        Encoding::Base32Hex => "base32hex",
    }
}

fn repr_text(r: EnumRepr) -> String {
    match r {
        EnumRepr::String => "strings".into(),
        EnumRepr::Int(p) => format!("{} numbers", p.name()),
    }
}

fn kind_name(k: &TypeKind) -> &'static str {
    match k {
        TypeKind::Struct(_) => "an object (struct)",
        TypeKind::Enum(_) => "an enum",
        TypeKind::Choice(_) => "a choice",
        TypeKind::Union(_) => "a type union",
        TypeKind::Tuple(_) => "a tuple",
        TypeKind::Alias(_) => "an alias",
        TypeKind::Newtype(_) => "a newtype",
    }
}

fn extra_text(e: &Extra) -> &'static str {
    match e {
        Extra::Deny => "rejected",
        Extra::Ignore => "accepted and dropped",
        Extra::Capture { .. } => "kept in `additional_properties`",
    }
}

/// The Rust type of a primitive, as the generated code spells it (short paths).
fn prim_rust(p: Prim) -> &'static str {
    match p {
        Prim::String => "String",
        Prim::Number | Prim::Double => "f64",
        Prim::Float | Prim::Float8 => "f32",
        Prim::Integer | Prim::Int32 => "i32",
        Prim::Boolean => "bool",
        Prim::Null => "()",
        Prim::Int8 => "i8",
        Prim::Uint8 => "u8",
        Prim::Int16 => "i16",
        Prim::Uint16 => "u16",
        Prim::Uint32 => "u32",
        Prim::Int64 => "i64",
        Prim::Uint64 => "u64",
        Prim::Int128 => "i128",
        Prim::Uint128 => "u128",
        Prim::Decimal => "Decimal",
        Prim::Date => "Date",
        Prim::DateTime => "DateTime",
        Prim::Time => "Time",
        Prim::Duration => "Duration",
        Prim::Uuid => "Uuid",
        Prim::Uri => "Uri",
        Prim::Binary => "Vec<u8>",
        Prim::JsonPointer => "JsonPointer",
    }
}

/// The Rust type of a reference, short paths (`Vec<Pet>`, `Option<i32>`).
fn rust_text(space: &TypeSpace, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Prim(p, _) => prim_rust(*p).to_string(),
        TypeRef::Named(id) => space
            .types
            .get(id.0)
            .map(path_of)
            .unwrap_or_else(|| "?".into()),
        TypeRef::Indirect(id) => format!(
            "Indirect<{}>",
            space
                .types
                .get(id.0)
                .map(path_of)
                .unwrap_or_else(|| "?".into())
        ),
        TypeRef::Array(inner) | TypeRef::Set(inner) => format!("Vec<{}>", rust_text(space, inner)),
        TypeRef::Map(inner) => format!("IndexMap<String, {}>", rust_text(space, inner)),
        TypeRef::Any => "Value".into(),
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_text(space, inner)),
    }
}

/// The Rust type of a field, with the `Option`s presence and nullability add.
fn field_rust_text(space: &TypeSpace, f: &Field) -> String {
    let mut t = rust_text(space, &f.ty);
    if f.boxed {
        t = format!("Box<{t}>");
    }
    for _ in 0..option_depth(f) {
        t = format!("Option<{t}>");
    }
    t
}

/// The schema type of a reference, in JSON Structure words (`int32`, `array of string`).
fn schema_text(space: &TypeSpace, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Prim(p, _) => {
            let wire = if is_string_wire(*p) && !matches!(p, Prim::String) {
                ", a JSON string"
            } else if number_range(*p).is_some() || is_f32(*p) || is_f64(*p) {
                ", a JSON number"
            } else {
                ""
            };
            format!("{}{wire}", p.name())
        }
        TypeRef::Named(id) | TypeRef::Indirect(id) => match space.types.get(id.0) {
            Some(t) => match &t.kind {
                Some(TypeKind::Alias(target)) => schema_text(space, target),
                Some(k) => format!("{} `{}`", kind_name(k), path_of(t)),
                None => format!("abstract `{}`", path_of(t)),
            },
            None => "?".into(),
        },
        TypeRef::Array(inner) => format!("array of {}", schema_text(space, inner)),
        TypeRef::Set(inner) => format!("set of {}", schema_text(space, inner)),
        TypeRef::Map(inner) => format!("map of {}", schema_text(space, inner)),
        TypeRef::Any => "any".into(),
        TypeRef::Nullable(inner) => format!("{} or null", schema_text(space, inner)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn number_wire_compatibility() {
        let e = Encoding::Base64;
        assert!(prim_reads(Prim::Int8, e, Prim::Int32, e));
        assert!(!prim_reads(Prim::Int32, e, Prim::Int16, e));
        assert!(!prim_reads(Prim::Uint8, e, Prim::Int8, e));
        assert!(prim_reads(Prim::Int32, e, Prim::Double, e));
        assert!(!prim_reads(Prim::Double, e, Prim::Int32, e));
        assert!(!prim_reads(Prim::Int32, e, Prim::Int64, e));
        assert!(!prim_reads(Prim::Int64, e, Prim::Int32, e));
        assert!(prim_reads(Prim::Int64, e, Prim::Int128, e));
        assert!(prim_reads(Prim::Int64, e, Prim::Decimal, e));
        assert!(!prim_reads(Prim::Decimal, e, Prim::Int64, e));
        assert!(prim_reads(Prim::Date, e, Prim::String, e));
        assert!(!prim_reads(Prim::String, e, Prim::Date, e));
        assert!(prim_reads(Prim::Integer, e, Prim::Int32, e));
        assert!(prim_reads(Prim::Float, e, Prim::Double, e));
        assert!(!prim_reads(Prim::Double, e, Prim::Float, e));
        assert!(!prim_reads(Prim::Binary, e, Prim::Binary, Encoding::Base16));
        assert!(!prim_reads(Prim::Boolean, e, Prim::String, e));
    }

    #[test]
    fn every_kind_has_a_unique_id() {
        let ids: BTreeSet<&str> = ChangeKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(ids.len(), ChangeKind::ALL.len());
        for k in ChangeKind::ALL {
            assert_eq!(ChangeKind::from_id(k.as_str()), Some(*k));
        }
    }
}
