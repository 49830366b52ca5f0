//! Stage 1b: `$import` and `$importdefs` (the Import companion). Runs on the JSON tree,
//! before the schema model, because imports are copies: afterwards the imported types
//! behave exactly like local ones.
//!
//! - `$import` brings in the other document's definitions *and* its root type (under its
//!   `name`); `$importdefs` only the definitions.
//! - At the document root or directly in `definitions` they import into the root namespace;
//!   inside a namespace object, into that namespace.
//! - `$ref` and `$extends` pointers inside the imported material are re-rooted under the
//!   target namespace (`#/definitions/Address` imported into `People` becomes
//!   `#/definitions/People/Address`).
//! - A local definition with the same name shadows the imported one.
//! - Documents are read from local files only: a relative reference is resolved against the
//!   importing file, anything else must be mapped with `Config::import_path`. Nothing is
//!   fetched from the network.
//!
//! Imported nodes are re-based onto the `$import` member that brought them in, so a
//! diagnostic about imported material points at that line (its JSON Pointer says where in
//! the imported types the problem is).

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};
use crate::source::{Member, Node, SourceFile, Value};

/// Import chains deeper than this are refused (they are almost certainly a cycle through
/// differently spelled paths).
const MAX_IMPORT_DEPTH: usize = 32;

/// Settings and bookkeeping for one generation run.
#[derive(Debug, Default)]
pub struct Importer {
    /// URI → local file, from `Config::import_path`.
    pub map: Vec<(String, PathBuf)>,
    /// Every file read through an import, in reading order (for `rerun-if-changed`).
    pub files_read: Vec<PathBuf>,
    chain: Vec<PathBuf>,
}

impl Importer {
    /// An importer with the given URI → file map.
    pub fn new(map: Vec<(String, PathBuf)>) -> Self {
        Importer {
            map,
            ..Importer::default()
        }
    }

    /// Expands every import in `root`, the parsed text of `file`.
    pub fn expand(&mut self, file: &SourceFile, root: &mut Node) -> Result<(), Error> {
        if self.chain.len() > MAX_IMPORT_DEPTH {
            return Err(self.error(file, root, "", "imports nest more than 32 documents deep"));
        }
        // At the document root: into the root namespace.
        if let Some((keyword, member)) = take_import(root) {
            let imported = self.load(file, &member, keyword, &[])?;
            if let Some(defs) = definitions_mut(root) {
                merge(defs, imported);
            }
        }
        let Value::Object(members) = &mut root.value else {
            return Ok(());
        };
        if let Some(defs) = members.iter_mut().find(|m| m.key == "definitions") {
            self.expand_namespace(file, &mut defs.value, &mut Vec::new())?;
        }
        Ok(())
    }

    fn expand_namespace(
        &mut self,
        file: &SourceFile,
        ns: &mut Node,
        path: &mut Vec<String>,
    ) -> Result<(), Error> {
        if let Some((keyword, member)) = take_import(ns) {
            let imported = self.load(file, &member, keyword, path)?;
            merge(ns, imported);
        }
        let Value::Object(members) = &mut ns.value else {
            return Ok(());
        };
        for m in members.iter_mut() {
            let is_namespace = m.value.as_object().is_some() && m.value.get("type").is_none();
            if is_namespace {
                path.push(m.key.clone());
                self.expand_namespace(file, &mut m.value, path)?;
                path.pop();
            }
        }
        Ok(())
    }

    fn error(
        &self,
        file: &SourceFile,
        node: &Node,
        pointer: &str,
        message: impl Into<String>,
    ) -> Error {
        Error::Schema(Box::new(Diagnostic::error(
            file, node.start, pointer, message,
        )))
    }

    /// Reads the document an import names and returns the members to add to the namespace
    /// `ns`, pointers re-rooted and positions re-based onto the import.
    fn load(
        &mut self,
        file: &SourceFile,
        member: &Member,
        keyword: &str,
        ns: &[String],
    ) -> Result<Vec<Member>, Error> {
        let pointer = pointer_of(ns, keyword);
        let Some(uri) = member.value.as_str() else {
            return Err(self.error(
                file,
                &member.value,
                &pointer,
                format!("`{keyword}` must be a string (the URI of a schema document)"),
            ));
        };
        let path = self.locate(file, uri).ok_or_else(|| {
            Error::Schema(Box::new(
                Diagnostic::error(file, member.value.start, &pointer, format!("cannot import {uri:?}: schemas are never fetched from the network"))
                    .with_help("map the URI to a local file with Config::import_path(uri, path), or use a relative path"),
            ))
        })?;
        if self.chain.contains(&path) {
            return Err(self.error(
                file,
                &member.value,
                &pointer,
                format!(
                    "{uri:?} imports itself (through {} documents)",
                    self.chain.len()
                ),
            ));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::Schema(Box::new(
                Diagnostic::error(
                    file,
                    member.value.start,
                    &pointer,
                    format!("cannot read the imported document {}: {e}", path.display()),
                )
                .with_help("paths are relative to the importing file"),
            ))
        })?;
        if !self.files_read.contains(&path) {
            self.files_read.push(path.clone());
        }
        let imported_file = SourceFile::new(&path, text);
        let mut doc = imported_file.parse()?;
        self.chain.push(path);
        let nested = self.expand(&imported_file, &mut doc);
        self.chain.pop();
        nested?;

        let mut out = Vec::new();
        if let Some(Value::Object(defs)) = doc.get("definitions").map(|d| d.value.clone()) {
            out.extend(defs);
        }
        if keyword == "$import" && doc.get("type").is_some() {
            if let Some(name) = doc.get("name").and_then(Node::as_str) {
                let mut root_type = doc.clone();
                if let Value::Object(members) = &mut root_type.value {
                    members.retain(|m| {
                        !matches!(
                            m.key.as_str(),
                            "$schema"
                                | "$id"
                                | "$uses"
                                | "$offers"
                                | "$root"
                                | "definitions"
                                | "$import"
                                | "$importdefs"
                        )
                    });
                }
                out.push(Member {
                    key: name.to_string(),
                    key_start: member.key_start,
                    value: root_type,
                });
            }
        }
        let prefix = if ns.is_empty() {
            String::new()
        } else {
            format!("/{}", ns.join("/"))
        };
        for m in &mut out {
            m.key_start = member.key_start;
            rebase(&mut m.value, member.key_start, &prefix);
        }
        Ok(out)
    }

    /// The local file for an import URI: the Config map first, then a path relative to the
    /// importing file (or a `file:` URI). `None` for anything that would need the network.
    fn locate(&self, file: &SourceFile, uri: &str) -> Option<PathBuf> {
        if let Some((_, path)) = self.map.iter().find(|(u, _)| u == uri) {
            return Some(path.clone());
        }
        if let Some(local) = uri.strip_prefix("file://") {
            return Some(PathBuf::from(local));
        }
        let has_scheme = uri.split_once(':').is_some_and(|(scheme, _)| {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        if has_scheme {
            return None;
        }
        let base = file.path.parent().unwrap_or(Path::new("."));
        Some(base.join(uri))
    }
}

fn pointer_of(ns: &[String], keyword: &str) -> String {
    if ns.is_empty() {
        format!("/{keyword}")
    } else {
        format!("/definitions/{}/{keyword}", ns.join("/"))
    }
}

/// Removes `$import`/`$importdefs` from an object and returns it.
fn take_import(node: &mut Node) -> Option<(&'static str, Member)> {
    let Value::Object(members) = &mut node.value else {
        return None;
    };
    for keyword in ["$import", "$importdefs"] {
        if let Some(i) = members.iter().position(|m| m.key == keyword) {
            return Some((keyword, members.remove(i)));
        }
    }
    None
}

/// The root `definitions` object, created when missing.
fn definitions_mut(root: &mut Node) -> Option<&mut Node> {
    let start = root.start;
    let Value::Object(members) = &mut root.value else {
        return None;
    };
    let index = match members.iter().position(|m| m.key == "definitions") {
        Some(i) => i,
        None => {
            members.push(Member {
                key: "definitions".into(),
                key_start: start,
                value: Node {
                    value: Value::Object(Vec::new()),
                    start,
                    end: start,
                },
            });
            members.len() - 1
        }
    };
    members.get_mut(index).map(|m| &mut m.value)
}

/// Adds imported members to a namespace; local members with the same name shadow them.
fn merge(ns: &mut Node, imported: Vec<Member>) {
    let Value::Object(members) = &mut ns.value else {
        return;
    };
    let local: Vec<Member> = std::mem::take(members);
    for m in imported {
        if !local.iter().any(|l| l.key == m.key) {
            members.push(m);
        }
    }
    members.extend(local);
}

/// Re-roots `#/definitions/...` pointers under `prefix` and moves every position onto the
/// import that brought the node in.
fn rebase(node: &mut Node, at: usize, prefix: &str) {
    node.start = at;
    node.end = at;
    match &mut node.value {
        Value::Object(members) => {
            for m in members {
                m.key_start = at;
                let is_pointer = matches!(m.key.as_str(), "$ref" | "$extends" | "$root");
                if is_pointer {
                    reroot(&mut m.value, prefix);
                }
                rebase(&mut m.value, at, prefix);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| rebase(i, at, prefix)),
        _ => {}
    }
}

fn reroot(node: &mut Node, prefix: &str) {
    match &mut node.value {
        Value::String(s) => {
            if let Some(rest) = s.strip_prefix("#/definitions/") {
                *s = format!("#/definitions{prefix}/{rest}");
            }
        }
        // Objects (`{"$ref": ...}` inside `$extends`) are reached by `rebase` itself.
        Value::Array(items) => items.iter_mut().for_each(|i| reroot(i, prefix)),
        _ => {}
    }
}
