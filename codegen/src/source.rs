//! Stage 1: read a schema file into a JSON tree that remembers where every node came from.
//!
//! `serde_json` forgets positions, silently keeps the last of duplicate keys and (without a
//! feature) reorders object members. A code generator needs all three: positions for
//! diagnostics, duplicates reported, and member order kept so that generated fields follow
//! the author's order. So this module has its own small, strict RFC 8259 parser.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

/// Nesting deeper than this is refused with a diagnostic instead of risking the stack.
/// Real schemas nest a few dozen levels; adversarial ones a few hundred.
pub const MAX_DEPTH: usize = 512;

/// One schema file: its name (as shown in diagnostics), its text and an index of line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given by the user; diagnostics print it as is.
    pub path: PathBuf,
    /// The full text of the file.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps already-loaded text. `path` is only used for messages.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Reads a file from disk.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(SourceFile::new(path, text))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The text of the 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next.saturating_sub(1));
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// Parses the whole file as one JSON value.
    pub fn parse(&self) -> Result<Node, Error> {
        let mut parser = Parser {
            file: self,
            bytes: self.text.as_bytes(),
            pos: 0,
        };
        parser.skip_ws();
        let node = parser.value(0, &mut String::new())?;
        parser.skip_ws();
        if parser.pos < parser.bytes.len() {
            return Err(parser.error("unexpected text after the end of the JSON document"));
        }
        Ok(node)
    }
}

/// A JSON value with the byte range it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Byte offset where the value starts in its file.
    pub start: usize,
    /// Byte offset just past the value.
    pub end: usize,
}

/// The JSON data model, with numbers kept as their source text (no precision is lost) and
/// object members kept in source order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, exactly as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object; keys are unique (duplicates are a parse error).
    Object(Vec<Member>),
}

/// One member of a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Byte offset of the key's opening quote (diagnostics about a key point here).
    pub key_start: usize,
    /// The member's value.
    pub value: Node,
}

impl Node {
    /// The members if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member `key` of an object, if present.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// The string if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The elements if this is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The number's text if this is a number.
    pub fn as_number(&self) -> Option<&str> {
        match &self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// A short name of the JSON kind, for messages ("a string", "an object", ...).
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// Compact JSON text of this value (used for examples in doc comments and for equality
    /// of enum values).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out, None, 0);
        out
    }

    /// Indented JSON text of this value (two spaces per level).
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out, Some(2), 0);
        out
    }

    fn write_json(&self, out: &mut String, indent: Option<usize>, level: usize) {
        let newline = |out: &mut String, level: usize| {
            if let Some(width) = indent {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', width * level));
            }
        };
        match &self.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n),
            Value::String(s) => write_json_string(out, s),
            Value::Array(items) if items.is_empty() => out.push_str("[]"),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    item.write_json(out, indent, level + 1);
                }
                newline(out, level);
                out.push(']');
            }
            Value::Object(members) if members.is_empty() => out.push_str("{}"),
            Value::Object(members) => {
                out.push('{');
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    write_json_string(out, &m.key);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    m.value.write_json(out, indent, level + 1);
                }
                newline(out, level);
                out.push('}');
            }
        }
    }
}

/// Writes `s` as a JSON string literal.
pub fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Escapes one JSON Pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

struct Parser<'a> {
    file: &'a SourceFile,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> Error {
        self.error_at(self.pos, message)
    }

    fn error_at(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::Schema(Box::new(Diagnostic::error(
            self.file,
            offset,
            String::new(),
            message,
        )))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, literal: &str, value: Value) -> Result<Node, Error> {
        let start = self.pos;
        if self.bytes.get(start..start + literal.len()) == Some(literal.as_bytes()) {
            self.pos += literal.len();
            Ok(Node {
                value,
                start,
                end: self.pos,
            })
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    /// `pointer` is the JSON Pointer of the value being parsed (for duplicate-key messages).
    fn value(&mut self, depth: usize, pointer: &mut String) -> Result<Node, Error> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!(
                "the document nests deeper than {MAX_DEPTH} levels; refusing to go further"
            )));
        }
        match self.peek() {
            Some(b'{') => self.object(depth, pointer),
            Some(b'[') => self.array(depth, pointer),
            Some(b'"') => {
                let start = self.pos;
                let s = self.string()?;
                Ok(Node {
                    value: Value::String(s),
                    start,
                    end: self.pos,
                })
            }
            Some(b't') => self.expect_literal("true", Value::Bool(true)),
            Some(b'f') => self.expect_literal("false", Value::Bool(false)),
            Some(b'n') => self.expect_literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("unexpected end of file, expected a JSON value")),
        }
    }

    fn object(&mut self, depth: usize, pointer: &mut String) -> Result<Node, Error> {
        let start = self.pos;
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node {
                value: Value::Object(members),
                start,
                end: self.pos,
            });
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name in double quotes"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            if members.iter().any(|m| m.key == key) {
                let at = format!("{pointer}/{}", escape_pointer_token(&key));
                return Err(Error::Schema(Box::new(
                    Diagnostic::error(
                        self.file,
                        key_start,
                        at,
                        format!("duplicate member name \"{key}\""),
                    )
                    .with_help("JSON parsers disagree on which duplicate wins; keep only one"),
                )));
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after the member name"));
            }
            self.pos += 1;
            self.skip_ws();
            let len = pointer.len();
            pointer.push('/');
            pointer.push_str(&escape_pointer_token(&key));
            let value = self.value(depth + 1, pointer)?;
            pointer.truncate(len);
            members.push(Member {
                key,
                key_start,
                value,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node {
                        value: Value::Object(members),
                        start,
                        end: self.pos,
                    });
                }
                _ => return Err(self.error("expected ',' or '}' in an object")),
            }
        }
    }

    fn array(&mut self, depth: usize, pointer: &mut String) -> Result<Node, Error> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node {
                value: Value::Array(items),
                start,
                end: self.pos,
            });
        }
        loop {
            self.skip_ws();
            let len = pointer.len();
            let _ = write!(pointer, "/{}", items.len());
            items.push(self.value(depth + 1, pointer)?);
            pointer.truncate(len);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node {
                        value: Value::Array(items),
                        start,
                        end: self.pos,
                    });
                }
                _ => return Err(self.error("expected ',' or ']' in an array")),
            }
        }
    }

    fn number(&mut self) -> Result<Node, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number: expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number: expected a digit after '.'"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number: expected a digit in the exponent"));
            }
            self.digits();
        }
        let text = String::from_utf8_lossy(self.bytes.get(start..self.pos).unwrap_or_default());
        Ok(Node {
            value: Value::Number(text.into_owned()),
            start,
            end: self.pos,
        })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<String, Error> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the longest run without escapes or quotes in one go.
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            if let Some(run) = self.file.text.get(run_start..self.pos) {
                out.push_str(run);
            }
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character inside a string")),
                None => return Err(self.error_at(open, "unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let Some(b) = self.peek() else {
            return Err(self.error("unterminated escape sequence"));
        };
        self.pos += 1;
        match b {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let first = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                match char::from_u32(c) {
                    Some(c) => out.push(c),
                    None => return Err(self.error("unpaired surrogate in \\u escape")),
                }
            }
            _ => return Err(self.error("invalid escape sequence")),
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| {
                u32::from_str_radix(d, 16)
                    .ok()
                    .filter(|_| !d.starts_with('+'))
            });
        match digits {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(self.error("expected four hex digits after \\u")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Node, Error> {
        SourceFile::new("t.json", text).parse()
    }

    #[test]
    fn keeps_member_order_and_number_text() {
        let node = parse(r#"{"b": 1.50, "a": [true, null, "x\u00e9\ud83d\ude00"]}"#).unwrap();
        let keys: Vec<_> = node.as_object().unwrap().iter().map(|m| &m.key).collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(node.get("b").unwrap().as_number(), Some("1.50"));
        assert_eq!(node.to_json(), r#"{"b":1.50,"a":[true,null,"xé😀"]}"#);
    }

    #[test]
    fn rejects_duplicate_keys_with_pointer() {
        let err = parse("{\"a\": {\"x\": 1,\n \"x\": 2}}").unwrap_err();
        let Error::Schema(d) = err else {
            panic!("expected a schema diagnostic")
        };
        assert_eq!(d.pointer, "/a/x");
        assert_eq!((d.line, d.column), (2, 2));
        assert!(d.message.contains("duplicate member name \"x\""));
    }

    #[test]
    fn rejects_malformed_documents_without_panicking() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "1.",
            "-",
            "\"\\x\"",
            "\"\\ud800\"",
            "nul",
            "{} x",
            "\"a\nb\"",
            "[\"\\u12\"]",
            "\"\\u+123\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn refuses_excessive_depth() {
        let deep = "[".repeat(MAX_DEPTH + 5) + &"]".repeat(MAX_DEPTH + 5);
        assert!(parse(&deep).is_err());
        let ok = "[".repeat(MAX_DEPTH - 1) + &"]".repeat(MAX_DEPTH - 1);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("t.json", "{\n  \"é\": x}");
        let err = file.parse().unwrap_err();
        let Error::Schema(d) = err else {
            panic!("expected a schema diagnostic")
        };
        assert_eq!((d.line, d.column), (2, 8));
    }
}
