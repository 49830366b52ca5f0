//! Errors and warnings: every problem points at a file, a line and column, and the JSON
//! Pointer of the schema node, says what is wrong and, where there is one, the fix.

use std::fmt;
use std::path::PathBuf;

use crate::source::SourceFile;

/// How bad a [`Diagnostic`] is.
///
/// ```
/// use json_structure_codegen::Severity;
/// assert!(Severity::Error > Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation goes on; the output may not mean exactly what the author intended.
    Warning,
    /// Generation stops.
    Error,
}

/// One message about one place in a schema file.
///
/// ```
/// use json_structure_codegen::Config;
/// let err = Config::new()
///     .generate_source("bad.struct.json", r#"{"name": "X", "type": "object",
///         "properties": {"a": {"type": "strnig"}}}"#)
///     .unwrap_err();
/// let diagnostic = err.diagnostics().next().unwrap();
/// assert_eq!(diagnostic.pointer, "/properties/a/type");
/// assert_eq!(diagnostic.line, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The schema file, as the user named it.
    pub file: PathBuf,
    /// 1-based line of the node in the file.
    pub line: usize,
    /// 1-based column (in characters) of the node in the file.
    pub column: usize,
    /// JSON Pointer of the node (`""` is the document root).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is an obvious fix.
    pub help: Option<String>,
    /// The source line the diagnostic points at (for rendering a snippet).
    pub source_line: String,
}

impl Diagnostic {
    /// An error at byte `offset` of `file`.
    pub fn error(
        file: &SourceFile,
        offset: usize,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, file, offset, pointer, message)
    }

    /// A warning at byte `offset` of `file`.
    pub fn warning(
        file: &SourceFile,
        offset: usize,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, file, offset, pointer, message)
    }

    fn new(
        severity: Severity,
        file: &SourceFile,
        offset: usize,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = file.line_col(offset);
        Diagnostic {
            severity,
            file: file.path.clone(),
            line,
            column,
            pointer: pointer.into(),
            message: message.into(),
            help: None,
            source_line: file.line_text(line).to_string(),
        }
    }

    /// Adds a suggested fix.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic like rustc does: headline, location, source snippet, pointer and
    /// help. This is also what `Display` prints.
    pub fn render(&self) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let gutter = " ".repeat(self.line.to_string().len());
        let mut out = format!(
            "{label}: {}\n{gutter}--> {}:{}:{}\n",
            self.message,
            self.file.display(),
            self.line,
            self.column
        );
        if !self.source_line.is_empty() {
            // Tabs would shift the caret; show them as single spaces.
            let shown: String = self
                .source_line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let caret_pad = " ".repeat(self.column.saturating_sub(1));
            out.push_str(&format!(
                "{gutter} |\n{} | {shown}\n{gutter} | {caret_pad}^\n",
                self.line
            ));
        }
        let pointer = if self.pointer.is_empty() {
            "(document root)"
        } else {
            &self.pointer
        };
        out.push_str(&format!("{gutter} = at: {pointer}\n"));
        if let Some(help) = &self.help {
            out.push_str(&format!("{gutter} = help: {help}\n"));
        }
        out
    }

    /// The one-line form used for `cargo:warning=` lines.
    pub fn one_line(&self) -> String {
        let mut out = format!(
            "{}:{}:{}: {} (at {})",
            self.file.display(),
            self.line,
            self.column,
            self.message,
            if self.pointer.is_empty() {
                "/"
            } else {
                &self.pointer
            }
        );
        if let Some(help) = &self.help {
            out.push_str("; help: ");
            out.push_str(help);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render().trim_end())
    }
}

/// Everything that can go wrong while generating code.
///
/// ```
/// use json_structure_codegen::{Config, Error};
/// match Config::new().generate_file("does-not-exist.struct.json") {
///     Err(Error::Io { path, .. }) => assert!(path.ends_with("does-not-exist.struct.json")),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The schema is not valid JSON or not a schema this generator can turn into Rust.
    #[error("{0}")]
    Schema(Box<Diagnostic>),
    /// Several schema errors, reported together.
    #[error("{}", render_all(.0))]
    Schemas(Vec<Diagnostic>),
    /// A bug in the generator (for example Rust that does not parse); please report it.
    #[error("internal error while generating code for {}: {message} (this is a bug in json-structure-codegen; please report it)", file.display())]
    Internal {
        /// The schema being generated.
        file: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// A misuse of the library API (for example no input files).
    #[error("{0}")]
    Usage(String),
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.render());
        out.push('\n');
    }
    out.push_str(&format!(
        "{} error{} in schema",
        diagnostics.len(),
        if diagnostics.len() == 1 { "" } else { "s" }
    ));
    out
}

impl Error {
    /// The schema diagnostics carried by this error (none for I/O and usage errors).
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        let slice: &[Diagnostic] = match self {
            Error::Schema(d) => std::slice::from_ref(d.as_ref()),
            Error::Schemas(ds) => ds,
            _ => &[],
        };
        slice.iter()
    }
}
