//! Generate serde-ready Rust types from [JSON Structure](https://json-structure.org) schemas.
//!
//! Use it from a `build.rs`, like `prost-build`:
//!
//! ```no_run
//! // build.rs: `compile` prints `cargo:rerun-if-changed` and `cargo:warning` lines itself.
//! if let Err(e) = json_structure_codegen::Config::new().input("schemas").compile() {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! and include the result:
//!
//! ```ignore
//! include!(concat!(env!("OUT_DIR"), "/_index.rs"));
//! ```
//!
//! or generate text directly:
//!
//! ```
//! let out = json_structure_codegen::Config::new()
//!     .generate_source("pet.struct.json", r#"{
//!         "$schema": "https://json-structure.org/meta/core/v0/#",
//!         "$id": "https://example.com/pet", "name": "Pet", "type": "object",
//!         "properties": {"name": {"type": "string"}, "age": {"type": "int32"}},
//!         "required": ["name"]
//!     }"#)
//!     .unwrap();
//! assert!(out.code.contains("pub struct Pet"));
//! assert_eq!(out.root_type.as_deref(), Some("Pet"));
//! ```
//!
//! The pipeline has one module per stage: [`source`] (JSON with positions) → [`model`]
//! (schema nodes, dialect normalised) → [`resolve`] (named types, references, recursion) →
//! [`emit`] (tokens) → [`render`] (text).

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::todo,
        clippy::unimplemented,
        clippy::indexing_slicing,
        clippy::unreachable
    )
)]

pub mod diff;
extern crate proc_macro;

// The pipeline stages are public so that tools (and `examples/stages.rs`) can drive them one
// by one, but they are internals: hidden from the documentation and outside semver. The
// documented API is `Config` and the items re-exported below.
#[doc(hidden)]
pub mod emit;
pub mod error;
#[doc(hidden)]
pub mod imports;
#[doc(hidden)]
pub mod keywords;
#[doc(hidden)]
pub mod model;
pub mod names;
#[doc(hidden)]
pub mod render;
#[doc(hidden)]
pub mod resolve;
#[doc(hidden)]
pub mod source;
pub mod synth;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use diff::{diff_files, diff_sources, SchemaDiff};
pub use emit::{DateTimeTypes, MapType};
pub use error::{Diagnostic, Error, Severity};
pub use model::Mode;

/// The file, in the output directory, that includes every generated file.
///
/// ```ignore
/// include!(concat!(env!("OUT_DIR"), "/_index.rs")); // json_structure_codegen::INDEX_FILE
/// ```
pub const INDEX_FILE: &str = "_index.rs";

/// Settings for a generation run, in the style of `prost_build::Config`.
///
/// ```
/// use json_structure_codegen::{Config, Mode};
/// let mut config = Config::new();
/// config.input("schemas").mode(Mode::Lenient).capture_additional_properties(true);
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    mode: Mode,
    capture_additional: bool,
    lenient_numbers: bool,
    absolute_uris: bool,
    module_per_file: bool,
    cargo_output: bool,
    extra_derives: Vec<String>,
    type_attributes: Vec<(String, String)>,
    overrides: Vec<(String, String)>,
    non_exhaustive: bool,
    date_time: emit::DateTimeTypes,
    map_type: emit::MapType,
    open_enums: bool,
    import_map: Vec<(String, PathBuf)>,
    jobs: Option<usize>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            out_dir: None,
            mode: Mode::Auto,
            capture_additional: true,
            lenient_numbers: false,
            absolute_uris: false,
            module_per_file: false,
            cargo_output: true,
            extra_derives: Vec::new(),
            type_attributes: Vec::new(),
            overrides: Vec::new(),
            non_exhaustive: false,
            date_time: emit::DateTimeTypes::Runtime,
            map_type: emit::MapType::IndexMap,
            open_enums: false,
            import_map: Vec::new(),
            jobs: None,
        }
    }
}

/// The result of generating one schema.
///
/// ```
/// let g = json_structure_codegen::Config::new()
///     .generate_source("t.struct.json", r#"{"name": "T", "type": "object", "properties": {"a": {"type": "string"}}}"#)
///     .unwrap();
/// assert_eq!(g.file_name, "t.rs");
/// assert_eq!(g.root_type.as_deref(), Some("T"));
/// assert!(g.warnings.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Generated {
    /// The schema file.
    pub schema: PathBuf,
    /// The Rust source text.
    pub code: String,
    /// Name of the file the code is written to by [`Config::compile`] (`daytona_snapshot.rs`).
    pub file_name: String,
    /// Rust path (relative to the generated file) of the document's root type, if any.
    pub root_type: Option<String>,
    /// Warnings about the schema; generation still succeeded.
    pub warnings: Vec<Diagnostic>,
    /// Documents read through `$import`/`$importdefs` (besides the schema itself).
    pub imported_files: Vec<PathBuf>,
}

impl Config {
    /// Default settings: mode chosen per file, undeclared members captured, strict numbers.
    ///
    /// ```
    /// let config = json_structure_codegen::Config::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a schema file, or a directory whose `*.struct.json` files are all read.
    ///
    /// ```
    /// json_structure_codegen::Config::new().input("schemas").input("extra/pet.struct.json");
    /// ```
    pub fn input(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Where [`Config::compile`] writes; defaults to `$OUT_DIR`.
    ///
    /// ```
    /// json_structure_codegen::Config::new().out_dir("src/generated");
    /// ```
    pub fn out_dir(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(path.as_ref().to_path_buf());
        self
    }

    /// Strict, lenient, or (the default) decided per file from its `$schema`.
    ///
    /// ```
    /// json_structure_codegen::Config::new().mode(json_structure_codegen::Mode::Strict);
    /// ```
    pub fn mode(&mut self, mode: Mode) -> &mut Self {
        self.mode = mode;
        self
    }

    /// Shorthand: `true` for [`Mode::Lenient`], `false` for [`Mode::Strict`].
    ///
    /// ```
    /// json_structure_codegen::Config::new().lenient(true);
    /// ```
    pub fn lenient(&mut self, lenient: bool) -> &mut Self {
        self.mode = if lenient { Mode::Lenient } else { Mode::Strict };
        self
    }

    /// Keep members an open object does not declare in an `additional_properties` map, so
    /// they survive a round trip (default `true`). With `false` they are dropped on reading.
    ///
    /// ```
    /// json_structure_codegen::Config::new().capture_additional_properties(false);
    /// ```
    pub fn capture_additional_properties(&mut self, capture: bool) -> &mut Self {
        self.capture_additional = capture;
        self
    }

    /// Also accept JSON numbers where the spec requires strings (`int64`, `uint64`,
    /// `int128`, `uint128`, `decimal`); they are still written as strings. Default `false`.
    ///
    /// ```
    /// json_structure_codegen::Config::new().lenient_numbers(true);
    /// ```
    pub fn lenient_numbers(&mut self, lenient: bool) -> &mut Self {
        self.lenient_numbers = lenient;
        self
    }

    /// Require `uri` values to be absolute (to have a scheme), as the official SDK validators
    /// do. Default `false`: JSON Structure's `uri` is an RFC 3986 URI-reference, so
    /// relative references such as `images/a.png` are valid.
    ///
    /// ```
    /// json_structure_codegen::Config::new().absolute_uris(true);
    /// ```
    pub fn absolute_uris(&mut self, absolute: bool) -> &mut Self {
        self.absolute_uris = absolute;
        self
    }

    /// Wrap each schema file's types in a module named after the file (default `false`:
    /// all types at the top level of the including module).
    ///
    /// ```
    /// json_structure_codegen::Config::new().module_per_file(true);
    /// ```
    pub fn module_per_file(&mut self, enabled: bool) -> &mut Self {
        self.module_per_file = enabled;
        self
    }

    /// Print `cargo:` lines (`rerun-if-changed`, `warning`) from [`Config::compile`]
    /// (default `true`; switch off outside build scripts).
    ///
    /// ```
    /// json_structure_codegen::Config::new().cargo_output(false);
    /// ```
    pub fn cargo_output(&mut self, enabled: bool) -> &mut Self {
        self.cargo_output = enabled;
        self
    }

    /// Adds a derive to every generated type (`"Eq"`, `"Hash"`, `"schemars::JsonSchema"`).
    ///
    /// ```
    /// json_structure_codegen::Config::new().derive("Eq").derive("Hash");
    /// ```
    pub fn derive(&mut self, path: impl Into<String>) -> &mut Self {
        self.extra_derives.push(path.into());
        self
    }

    /// Adds an attribute to the types matching `selector`: a Rust type name, a definition
    /// pointer (`#/definitions/Pet`), or `*` for all. Write the attribute without `#[...]`.
    ///
    /// ```
    /// json_structure_codegen::Config::new()
    ///     .type_attribute("*", "allow(missing_docs)")
    ///     .type_attribute("Pet", "doc(alias = \"Animal\")");
    /// ```
    pub fn type_attribute(
        &mut self,
        selector: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.type_attributes
            .push((selector.into(), attribute.into()));
        self
    }

    /// Uses an existing Rust type for a definition instead of generating one (the type must
    /// serialize the same way). `pointer` is the definition's pointer, `#/definitions/Money`.
    ///
    /// ```
    /// json_structure_codegen::Config::new().type_override("#/definitions/Money", "crate::money::Money");
    /// ```
    pub fn type_override(
        &mut self,
        pointer: impl Into<String>,
        rust_path: impl Into<String>,
    ) -> &mut Self {
        self.overrides.push((pointer.into(), rust_path.into()));
        self
    }

    /// Marks every generated struct and enum `#[non_exhaustive]`, so that adding a field or
    /// a value to the schema is not a breaking change for code outside the crate.
    ///
    /// ```
    /// json_structure_codegen::Config::new().non_exhaustive(true);
    /// ```
    pub fn non_exhaustive(&mut self, enabled: bool) -> &mut Self {
        self.non_exhaustive = enabled;
        self
    }

    /// Which Rust types hold `date`, `datetime` and `time` (default: the runtime's, which keep
    /// the offset and exact text).
    ///
    /// ```
    /// json_structure_codegen::Config::new().date_time_types(json_structure_codegen::DateTimeTypes::Chrono);
    /// ```
    pub fn date_time_types(&mut self, types: DateTimeTypes) -> &mut Self {
        self.date_time = types;
        self
    }

    /// Which map type `map` uses (default: `IndexMap`, which keeps document order).
    ///
    /// ```
    /// json_structure_codegen::Config::new().map_type(json_structure_codegen::MapType::BTreeMap);
    /// ```
    pub fn map_type(&mut self, map_type: MapType) -> &mut Self {
        self.map_type = map_type;
        self
    }

    /// Gives string enums an `Other(String)` variant that keeps values the schema does not
    /// list (forward compatibility). Default `false`: unknown values are errors.
    ///
    /// ```
    /// json_structure_codegen::Config::new().open_enums(true);
    /// ```
    pub fn open_enums(&mut self, open: bool) -> &mut Self {
        self.open_enums = open;
        self
    }

    /// The number of threads that parse and format the generated code. Default: the
    /// machine's available parallelism (at most 8). The output is byte-identical whatever
    /// the number; inside a proc macro one thread is always used.
    ///
    /// ```
    /// let schema = r#"{"name": "T", "type": "object", "properties": {"a": {"type": "string"}}}"#;
    /// let one = json_structure_codegen::Config::new().jobs(1).generate_source("t.struct.json", schema).unwrap();
    /// let four = json_structure_codegen::Config::new().jobs(4).generate_source("t.struct.json", schema).unwrap();
    /// assert_eq!(one.code, four.code);
    /// ```
    pub fn jobs(&mut self, jobs: usize) -> &mut Self {
        self.jobs = Some(jobs.max(1));
        self
    }

    /// The number of render threads to use.
    fn render_jobs(&self) -> usize {
        if proc_macro::is_available() {
            // proc-macro2 only reaches the compiler from the macro's own thread.
            return 1;
        }
        self.jobs.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get().min(8))
                .unwrap_or(1)
        })
    }

    /// Maps the URI an `$import`/`$importdefs` names to a local file. Relative references
    /// are resolved against the importing file without a mapping; nothing is ever fetched
    /// from the network.
    ///
    /// ```
    /// json_structure_codegen::Config::new()
    ///     .import_path("https://schemas.example.com/common/person", "schemas/person.struct.json");
    /// ```
    pub fn import_path(&mut self, uri: impl Into<String>, path: impl AsRef<Path>) -> &mut Self {
        self.import_map
            .push((uri.into(), path.as_ref().to_path_buf()));
        self
    }

    /// Generates Rust for schema text that did not come from disk; `name` is used in
    /// messages and in the generated header.
    ///
    /// ```
    /// let out = json_structure_codegen::Config::new()
    ///     .generate_source("x.struct.json", r#"{"name": "X", "type": "string", "enum": ["a", "b"]}"#)
    ///     .unwrap();
    /// assert!(out.code.contains("pub enum X"));
    /// ```
    pub fn generate_source(&self, name: impl AsRef<Path>, text: &str) -> Result<Generated, Error> {
        let file = source::SourceFile::new(name.as_ref(), text);
        self.generate(file)
    }

    /// Reads and generates one schema file.
    ///
    /// ```no_run
    /// let out = json_structure_codegen::Config::new()
    ///     .generate_file("schemas/daytona-snapshot.struct.json")?;
    /// println!("{}", out.code);
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn generate_file(&self, path: impl AsRef<Path>) -> Result<Generated, Error> {
        let file = source::SourceFile::read(path.as_ref())?;
        self.generate(file)
    }

    /// Runs the pipeline on a thread of its own with a large stack: every stage recurses
    /// over the schema's nesting, and the caller's stack (a 2 MiB test thread, a build
    /// script, a proc macro inside rustc) should not decide how deep a schema may nest. A
    /// panic, which would be a bug, becomes an [`Error::Internal`] instead of taking the
    /// caller down.
    fn generate(&self, file: source::SourceFile) -> Result<Generated, Error> {
        const STACK: usize = 64 * 1024 * 1024;
        // Inside a proc macro (`import_types!`) proc-macro2 talks to the compiler, which only
        // works on the macro's own thread; rustc gives that thread a large stack anyway.
        if proc_macro::is_available() {
            return self.generate_here(file);
        }
        let path = file.path.clone();
        let internal = |message: String| Error::Internal {
            file: path.clone(),
            message,
        };
        std::thread::scope(|scope| {
            let worker = std::thread::Builder::new()
                .name("json-structure-codegen".into())
                .stack_size(STACK)
                .spawn_scoped(scope, move || self.generate_here(file))
                .map_err(|e| internal(format!("cannot start the generator thread: {e}")))?;
            worker.join().unwrap_or_else(|panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                Err(internal(format!("the generator panicked: {what}")))
            })
        })
    }

    fn generate_here(&self, file: source::SourceFile) -> Result<Generated, Error> {
        let schema_path = file.path.clone();
        let source_name = schema_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| schema_path.display().to_string());
        let mut tree = file.parse()?;
        let mut importer = imports::Importer::new(self.import_map.clone());
        importer.expand(&file, &mut tree)?;
        let doc = model::read_document(file, &tree, self.mode)?;
        let space = resolve::resolve(
            &doc,
            &resolve::ResolveOptions {
                capture_additional: self.capture_additional,
            },
        )?;
        let code = render::render_space(
            &space,
            &|| self.emit_options(&source_name),
            self.render_jobs(),
            &source_name,
            &schema_path,
        )?;
        let root_type = space.root.as_ref().and_then(|r| match r {
            resolve::TypeRef::Named(id) => space.types.get(id.0).map(|d| {
                let mut path: Vec<String> = d.module.clone();
                path.push(d.name.clone());
                path.join("::")
            }),
            _ => None,
        });
        let mut warnings = doc.warnings;
        warnings.extend(space.warnings);
        Ok(Generated {
            file_name: format!("{}.rs", output_stem(&schema_path)),
            schema: schema_path,
            code,
            root_type,
            warnings,
            imported_files: importer.files_read,
        })
    }

    /// The emitter's options; attribute and path strings are parsed here so a typo is a
    /// clear error rather than broken output.
    fn emit_options(&self, source_name: &str) -> Result<emit::EmitOptions, Error> {
        let tokens = |what: &str, text: &str| -> Result<proc_macro2::TokenStream, Error> {
            text.parse::<proc_macro2::TokenStream>()
                .map_err(|e| Error::Usage(format!("the {what} `{text}` is not valid Rust: {e}")))
        };
        Ok(emit::EmitOptions {
            lenient_numbers: self.lenient_numbers,
            absolute_uris: self.absolute_uris,
            source_name: source_name.to_string(),
            extra_derives: self
                .extra_derives
                .iter()
                .map(|d| tokens("derive", d))
                .collect::<Result<_, _>>()?,
            type_attributes: self
                .type_attributes
                .iter()
                .map(|(sel, attr)| Ok((sel.clone(), tokens("attribute", attr)?)))
                .collect::<Result<_, Error>>()?,
            overrides: self
                .overrides
                .iter()
                .map(|(p, path)| Ok((p.clone(), tokens("type path", path)?)))
                .collect::<Result<_, Error>>()?,
            non_exhaustive: self.non_exhaustive,
            date_time: self.date_time,
            map_type: self.map_type,
            open_enums: self.open_enums,
        })
    }

    /// The schema files named by the inputs: files as given, directories expanded to their
    /// `*.struct.json` files, sorted by name so the result does not depend on the file system.
    ///
    /// ```no_run
    /// let files = json_structure_codegen::Config::new().input("schemas").schema_files()?;
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn schema_files(&self) -> Result<Vec<PathBuf>, Error> {
        let mut files = Vec::new();
        for input in &self.inputs {
            if input.is_dir() {
                let entries = std::fs::read_dir(input).map_err(|source| Error::Io {
                    path: input.clone(),
                    source,
                })?;
                let mut found: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.ends_with(".struct.json"))
                    })
                    .collect();
                found.sort();
                files.extend(found);
            } else {
                files.push(input.clone());
            }
        }
        Ok(files)
    }

    /// Generates every input into the output directory: one `<schema>.rs` per schema and
    /// [`INDEX_FILE`] that includes them all. In a build script it also prints
    /// `cargo:rerun-if-changed` for every input and `cargo:warning` for every warning.
    ///
    /// Returns what was generated. Files whose content is unchanged are not rewritten.
    ///
    /// ```no_run
    /// json_structure_codegen::Config::new().input("schemas").compile()?;
    /// # Ok::<(), json_structure_codegen::Error>(())
    /// ```
    pub fn compile(&self) -> Result<Vec<Generated>, Error> {
        if self.inputs.is_empty() {
            return Err(Error::Usage(
                "no inputs: call Config::input with a schema file or directory".into(),
            ));
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Usage(
                        "OUT_DIR is not set: call Config::out_dir outside build scripts".into(),
                    )
                })?,
        };
        if self.cargo_output {
            for input in &self.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        }
        let mut files = self.schema_files()?;
        // The output must not depend on the order the inputs were given in.
        files.sort();
        files.dedup();
        let mut generated = Vec::with_capacity(files.len());
        let mut errors = Vec::new();
        for path in &files {
            if self.cargo_output && !self.inputs.contains(path) {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            match self.generate_file(path) {
                Ok(g) => generated.push(g),
                Err(Error::Schema(d)) => errors.push(*d),
                Err(Error::Schemas(ds)) => errors.extend(ds),
                Err(other) => return Err(other),
            }
        }
        if self.cargo_output {
            for g in &generated {
                for f in &g.imported_files {
                    println!("cargo:rerun-if-changed={}", f.display());
                }
                for w in &g.warnings {
                    println!("cargo:warning={}", w.one_line());
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Schemas(errors));
        }
        check_unique_file_names(&generated)?;
        std::fs::create_dir_all(&out_dir).map_err(|source| Error::Io {
            path: out_dir.clone(),
            source,
        })?;
        for g in &generated {
            write_if_changed(&out_dir.join(&g.file_name), &g.code)?;
        }
        write_if_changed(&out_dir.join(INDEX_FILE), &self.index(&generated))?;
        Ok(generated)
    }

    /// The text of [`INDEX_FILE`].
    fn index(&self, generated: &[Generated]) -> String {
        let mut out = String::from(
            "// @generated by json-structure-codegen: includes every generated schema file.\n",
        );
        for g in generated {
            let include = format!(
                "include!(concat!(env!(\"OUT_DIR\"), \"/{}\"));",
                g.file_name
            );
            if self.module_per_file {
                let module = g.file_name.trim_end_matches(".rs");
                let _ = writeln!(out, "pub mod {module} {{\n    {include}\n}}");
            } else {
                let _ = writeln!(out, "{include}");
            }
        }
        out
    }
}

/// `daytona-snapshot.struct.json` → `daytona_snapshot`.
fn output_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("schema");
    let stem = name.split('.').next().unwrap_or(name);
    names::module_ident(stem)
        .trim_start_matches("r#")
        .to_string()
}

fn check_unique_file_names(generated: &[Generated]) -> Result<(), Error> {
    for (i, g) in generated.iter().enumerate() {
        if let Some(other) = generated
            .iter()
            .take(i)
            .find(|o| o.file_name == g.file_name)
        {
            return Err(Error::Usage(format!(
                "{} and {} would both be written to {}; rename one of them",
                other.schema.display(),
                g.schema.display(),
                g.file_name
            )));
        }
    }
    Ok(())
}

/// Writes only when the content differs, so unchanged output keeps its timestamp and does
/// not trigger recompilation.
fn write_if_changed(path: &Path, content: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    std::fs::write(path, content).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}
