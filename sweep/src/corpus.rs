//! The corpus layout: `<provider>/json-structure/<name>-structure.json` and
//! `<provider>/examples/<name>-example.json` (same resource name `<name>`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One `json-structure/*.json` file and the examples that share its resource name.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// `provider/json-structure/file.json`, relative to the corpus root.
    pub rel: String,
    pub path: PathBuf,
    pub provider: String,
    /// Resource name: the file stem without `-structure`.
    pub resource: String,
    /// `provider/examples/<resource>-example.json`, relative to the corpus root.
    pub examples: Vec<String>,
}

/// Everything the sweep reads.
#[derive(Debug, Default)]
pub struct Corpus {
    pub providers: Vec<String>,
    pub schemas: Vec<SchemaFile>,
    /// Examples in the corpus, matched or not.
    pub examples_total: usize,
    /// Examples whose resource name has no structure file.
    pub examples_unmatched: usize,
}

fn sorted_json_files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

/// The resource name of a structure file (`x-structure.json` → `x`).
pub fn resource_of_structure(file: &str) -> String {
    let stem = file.strip_suffix(".json").unwrap_or(file);
    stem.strip_suffix("-structure").unwrap_or(stem).to_string()
}

/// The resource name of an example file (`x-example.json` → `x`), if it follows the convention.
pub fn resource_of_example(file: &str) -> Option<String> {
    file.strip_suffix("-example.json").map(str::to_string)
}

impl Corpus {
    pub fn load(root: &Path) -> Result<Corpus, String> {
        let rd = fs::read_dir(root)
            .map_err(|e| format!("cannot read corpus {}: {e}", root.display()))?;
        let mut providers: Vec<String> = rd
            .filter_map(Result::ok)
            .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        providers.sort();
        let mut corpus = Corpus::default();
        for provider in &providers {
            let sdir = root.join(provider).join("json-structure");
            let edir = root.join(provider).join("examples");
            let structure_files = sorted_json_files(&sdir);
            if structure_files.is_empty() {
                continue;
            }
            let mut by_resource: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for ex in sorted_json_files(&edir) {
                corpus.examples_total += 1;
                match resource_of_example(&ex) {
                    Some(r) => by_resource
                        .entry(r)
                        .or_default()
                        .push(format!("{provider}/examples/{ex}")),
                    None => corpus.examples_unmatched += 1,
                }
            }
            let mut matched = 0usize;
            let mut total_keyed = 0usize;
            for v in by_resource.values() {
                total_keyed += v.len();
            }
            for f in structure_files {
                let resource = resource_of_structure(&f);
                let examples = by_resource.get(&resource).cloned().unwrap_or_default();
                matched += examples.len();
                corpus.schemas.push(SchemaFile {
                    rel: format!("{provider}/json-structure/{f}"),
                    path: sdir.join(&f),
                    provider: provider.clone(),
                    resource,
                    examples,
                });
            }
            corpus.examples_unmatched += total_keyed - matched;
            corpus.providers.push(provider.clone());
        }
        Ok(corpus)
    }

    /// Keeps only the files listed (relative paths); unknown names are an error.
    pub fn restrict(&mut self, list: &[String]) -> Result<(), String> {
        let wanted: std::collections::BTreeSet<&str> = list.iter().map(String::as_str).collect();
        for w in &wanted {
            if !self.schemas.iter().any(|s| s.rel == *w) {
                return Err(format!("subset names {w}, which is not in the corpus"));
            }
        }
        self.schemas.retain(|s| wanted.contains(s.rel.as_str()));
        let mut providers: Vec<String> = self.schemas.iter().map(|s| s.provider.clone()).collect();
        providers.dedup();
        self.providers = providers;
        Ok(())
    }
}

/// The CI subset rule (stable: it depends only on the sorted file names): per provider, the
/// first 3 files in name order plus every `k`-th file (the 0th, k-th, 2k-th, ...).
pub fn ci_subset(corpus: &Corpus, k: usize) -> Vec<String> {
    let mut out = Vec::new();
    for provider in &corpus.providers {
        let files: Vec<&SchemaFile> = corpus
            .schemas
            .iter()
            .filter(|s| &s.provider == provider)
            .collect();
        for (i, f) in files.iter().enumerate() {
            if i < 3 || i % k == 0 {
                out.push(f.rel.clone());
            }
        }
    }
    out
}

/// Whether a parsed document looks like a schema at all (the corpus report's rule): its
/// `$schema` names json-structure, or its root has `type`, `properties`, `definitions`,
/// `$defs` or `allOf`. Everything else in `json-structure/` folders is ad-hoc "structure
/// documentation" (field lists, provider indexes, stubs).
pub fn is_schema_shaped(doc: &serde_json::Value) -> bool {
    let Some(obj) = doc.as_object() else {
        return false;
    };
    if obj
        .get("$schema")
        .and_then(|s| s.as_str())
        .is_some_and(|s| s.contains("json-structure"))
    {
        return true;
    }
    ["type", "properties", "definitions", "$defs", "allOf"]
        .iter()
        .any(|k| obj.contains_key(*k))
}
