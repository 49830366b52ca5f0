//! `json-structure-codegen`: the command-line front end of the generator.
//!
//! Exit codes: 0 success; 1 the schema has errors (or `check` found a difference, or `diff`
//! found a breaking change without `--allow-breaking`);
//! 2 the command line is wrong; 3 a file could not be read or written.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use json_structure_codegen::{Config, DateTimeTypes, Diagnostic, Error, Generated, MapType, Mode};

/// Generate serde-ready Rust types from JSON Structure schemas.
#[derive(Parser, Debug)]
#[command(name = "json-structure-codegen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print (or write) the Rust code for one or more schemas.
    Generate {
        /// Schema files (`*.struct.json`) or directories of them.
        #[arg(required = true, value_name = "SCHEMA")]
        schemas: Vec<PathBuf>,
        /// Write to this file instead of standard output (one schema), or into this directory
        /// (one `<schema>.rs` per schema) when it is an existing directory or ends with `/`.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        #[command(flatten)]
        options: GenerateOptions,
    },
    /// Exit non-zero when a committed generated file differs from fresh output, printing a diff.
    Check {
        /// The schema.
        #[arg(value_name = "SCHEMA")]
        schema: PathBuf,
        /// The committed generated file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        options: GenerateOptions,
    },
    /// Compare two versions of a schema: every change with its JSON Pointer, whether it breaks
    /// Rust code using the generated types, and whether documents still read in each
    /// direction. Exit 1 when a change is breaking (unless --allow-breaking).
    Diff {
        /// The old version of the schema.
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The new version of the schema.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// `table` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
        /// Exit 0 even when a change is breaking.
        #[arg(long)]
        allow_breaking: bool,
        /// Read both files in the lenient dialect (default: decided by each file's $schema).
        #[arg(long, conflicts_with = "strict")]
        lenient: bool,
        /// Read both files as strict JSON Structure.
        #[arg(long)]
        strict: bool,
    },
    /// Report the schema's errors and warnings without generating anything.
    Lint {
        /// Schema files or directories.
        #[arg(required = true, value_name = "SCHEMA")]
        schemas: Vec<PathBuf>,
        #[command(flatten)]
        options: GenerateOptions,
    },
}

/// Output format of `diff`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum DiffFormat {
    /// A human-readable table.
    Table,
    /// JSON for tools.
    Json,
}

#[derive(Args, Debug, Clone)]
struct GenerateOptions {
    /// Read the OpenAPI-flavoured dialect (nullable, one-branch allOf, format, bare $ref, ...).
    /// Default: lenient unless the file's $schema is a JSON Structure meta-schema.
    #[arg(long, conflicts_with = "strict")]
    lenient: bool,
    /// Accept only JSON Structure as the drafts define it.
    #[arg(long)]
    strict: bool,
    /// Also accept JSON numbers for int64/uint64/int128/uint128/decimal (written as strings).
    #[arg(long)]
    lenient_numbers: bool,
    /// Require `uri` values to have a scheme (the SDK validators' reading; the spec allows
    /// relative references).
    #[arg(long)]
    absolute_uris: bool,
    /// Drop undeclared members of open objects instead of keeping them in a map field.
    #[arg(long)]
    no_capture_additional: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Add a derive to every generated type (repeatable), e.g. `--derive Eq --derive Hash`.
    #[arg(long = "derive", value_name = "PATH")]
    derives: Vec<String>,
    /// Add an attribute to matching types (repeatable): `SELECTOR=ATTRIBUTE`, where SELECTOR is
    /// a type name, a definition pointer or `*`, e.g. `--type-attribute '*=allow(missing_docs)'`.
    #[arg(long = "type-attribute", value_name = "SELECTOR=ATTRIBUTE")]
    type_attributes: Vec<String>,
    /// Use an existing Rust type for a definition (repeatable): `POINTER=PATH`, e.g.
    /// `--type-override '#/definitions/Money=crate::money::Money'`.
    #[arg(long = "type-override", value_name = "POINTER=PATH")]
    type_overrides: Vec<String>,
    /// Mark every generated struct and enum `#[non_exhaustive]`.
    #[arg(long)]
    non_exhaustive: bool,
    /// Rust types for date, datetime and time.
    #[arg(long, value_enum, default_value_t = DateTimeArg::Runtime)]
    date_time: DateTimeArg,
    /// Rust type for `map`.
    #[arg(long, value_enum, default_value_t = MapArg::Indexmap)]
    map_type: MapArg,
    /// Give string enums an `Other(String)` variant that keeps unknown values.
    #[arg(long)]
    open_enums: bool,
    /// Threads that parse and format the output (default: available cores, at most 8);
    /// the output is the same for any number.
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
enum DateTimeArg {
    /// json_structure_runtime::{Date, DateTime, Time}: offset and exact text kept.
    Runtime,
    /// chrono::{NaiveDate, DateTime<FixedOffset>, NaiveTime} (needs chrono's serde feature).
    Chrono,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
enum MapArg {
    /// IndexMap: document order.
    Indexmap,
    /// BTreeMap: sorted by key.
    Btreemap,
    /// HashMap: no order.
    Hashmap,
}

impl GenerateOptions {
    fn config(&self) -> Result<Config, Error> {
        let mut config = Config::new();
        config
            .mode(if self.lenient {
                Mode::Lenient
            } else if self.strict {
                Mode::Strict
            } else {
                Mode::Auto
            })
            .lenient_numbers(self.lenient_numbers)
            .absolute_uris(self.absolute_uris)
            .capture_additional_properties(!self.no_capture_additional)
            .non_exhaustive(self.non_exhaustive)
            .open_enums(self.open_enums)
            .date_time_types(match self.date_time {
                DateTimeArg::Runtime => DateTimeTypes::Runtime,
                DateTimeArg::Chrono => DateTimeTypes::Chrono,
            })
            .map_type(match self.map_type {
                MapArg::Indexmap => MapType::IndexMap,
                MapArg::Btreemap => MapType::BTreeMap,
                MapArg::Hashmap => MapType::HashMap,
            })
            .cargo_output(false);
        if let Some(jobs) = self.jobs {
            config.jobs(jobs);
        }
        for d in &self.derives {
            config.derive(d);
        }
        for pair in &self.type_attributes {
            let (selector, attribute) = pair.split_once('=').unwrap_or(("*", pair));
            config.type_attribute(selector, attribute);
        }
        for pair in &self.type_overrides {
            let Some((pointer, path)) = pair.split_once('=') else {
                return Err(Error::Usage(format!(
                    "--type-override {pair:?}: expected POINTER=PATH, e.g. '#/definitions/Money=crate::Money'"
                )));
            };
            config.type_override(pointer, path);
        }
        Ok(config)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            report_error(&e);
            match e {
                Error::Io { .. } => ExitCode::from(3),
                Error::Usage(_) => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Generate {
            schemas,
            output,
            options,
        } => generate(&schemas, output, &options),
        Command::Check {
            schema,
            file,
            options,
        } => check(&schema, &file, &options),
        Command::Lint { schemas, options } => lint(&schemas, &options),
        Command::Diff {
            old,
            new,
            format,
            allow_breaking,
            lenient,
            strict,
        } => diff(&old, &new, format, allow_breaking, lenient, strict),
    }
}

fn expand(schemas: &[PathBuf], options: &GenerateOptions) -> Result<(Config, Vec<PathBuf>), Error> {
    let mut config = options.config()?;
    for s in schemas {
        config.input(s);
    }
    let files = config.schema_files()?;
    if files.is_empty() {
        return Err(Error::Usage(
            "no *.struct.json files found in the given directories".into(),
        ));
    }
    Ok((config, files))
}

fn generate_all(
    config: &Config,
    files: &[PathBuf],
    options: &GenerateOptions,
) -> Result<Vec<Generated>, Error> {
    let mut out = Vec::new();
    for f in files {
        let g = config.generate_file(f)?;
        print_warnings(&g.warnings);
        if options.deny_warnings && !g.warnings.is_empty() {
            return Err(Error::Usage(format!(
                "{} warning(s) in {} and --deny-warnings is set",
                g.warnings.len(),
                f.display()
            )));
        }
        out.push(g);
    }
    Ok(out)
}

fn generate(
    schemas: &[PathBuf],
    output: Option<PathBuf>,
    options: &GenerateOptions,
) -> Result<ExitCode, Error> {
    let (config, files) = expand(schemas, options)?;
    let generated = generate_all(&config, &files, options)?;
    match output {
        None => {
            let mut stdout = std::io::stdout().lock();
            for g in &generated {
                let _ = stdout.write_all(g.code.as_bytes());
            }
        }
        Some(path) if path.is_dir() || path.to_string_lossy().ends_with('/') => {
            std::fs::create_dir_all(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            for g in &generated {
                let target = path.join(&g.file_name);
                std::fs::write(&target, &g.code).map_err(|source| Error::Io {
                    path: target.clone(),
                    source,
                })?;
            }
        }
        Some(path) => {
            if generated.len() > 1 {
                return Err(Error::Usage(format!(
                    "{} schemas cannot be written to one file; give a directory (ending in /) instead",
                    generated.len()
                )));
            }
            let code: String = generated.iter().map(|g| g.code.as_str()).collect();
            std::fs::write(&path, code).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(schema: &PathBuf, file: &PathBuf, options: &GenerateOptions) -> Result<ExitCode, Error> {
    let config = options.config()?;
    let fresh = config.generate_file(schema)?;
    print_warnings(&fresh.warnings);
    let committed = std::fs::read_to_string(file).map_err(|source| Error::Io {
        path: file.clone(),
        source,
    })?;
    if committed == fresh.code {
        eprintln!("{} is up to date with {}", file.display(), schema.display());
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}",
        unified_diff(&committed, &fresh.code, &file.display().to_string())
    );
    eprintln!(
        "{} is stale; refresh it with:\n  json-structure-codegen generate {} -o {}",
        file.display(),
        schema.display(),
        file.display()
    );
    Ok(ExitCode::from(1))
}

fn lint(schemas: &[PathBuf], options: &GenerateOptions) -> Result<ExitCode, Error> {
    let (config, files) = expand(schemas, options)?;
    let mut failed = false;
    for f in &files {
        match config.generate_file(f) {
            Ok(g) => {
                print_warnings(&g.warnings);
                if options.deny_warnings && !g.warnings.is_empty() {
                    failed = true;
                }
            }
            Err(e @ (Error::Schema(_) | Error::Schemas(_))) => {
                report_error(&e);
                failed = true;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: DiffFormat,
    allow_breaking: bool,
    lenient: bool,
    strict: bool,
) -> Result<ExitCode, Error> {
    let mode = if lenient {
        Mode::Lenient
    } else if strict {
        Mode::Strict
    } else {
        Mode::Auto
    };
    let result = json_structure_codegen::diff_files(old, new, mode)?;
    let text = match format {
        DiffFormat::Table => result.to_table(),
        DiffFormat::Json => result.to_json(),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if result.is_breaking() && !allow_breaking {
        eprintln!(
            "{}",
            paint("error: breaking changes (see above); pass --allow-breaking to accept them")
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{}", paint(&w.render()));
    }
}

fn report_error(e: &Error) {
    eprintln!("{}", paint(&e.to_string()));
}

/// Colours the `error:`/`warning:` headline when standard error is a terminal.
fn paint(text: &str) -> String {
    if !std::io::stderr().is_terminal() || std::env::var_os("NO_COLOR").is_some() {
        return text.to_string();
    }
    text.lines()
        .map(|line| {
            if let Some(rest) = line.strip_prefix("error:") {
                format!("\x1b[1;31merror\x1b[0m\x1b[1m:{rest}\x1b[0m")
            } else if let Some(rest) = line.strip_prefix("warning:") {
                format!("\x1b[1;33mwarning\x1b[0m\x1b[1m:{rest}\x1b[0m")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A minimal line diff (longest common subsequence), enough to show what changed.
fn unified_diff(old: &str, new: &str, name: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > 25_000_000 {
        return format!(
            "--- {name} (committed)\n+++ {name} (fresh)\n(files differ; too large to diff)"
        );
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = format!("--- {name} (committed)\n+++ {name} (fresh)\n");
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("{:>5} +{}\n", j + 1, b[j]));
            j += 1;
        } else {
            out.push_str(&format!("{:>5} -{}\n", i + 1, a[i]));
            i += 1;
        }
    }
    out
}
