//! The single error type of this crate.

use std::borrow::Cow;
use std::fmt;

/// Maximum number of characters of the offending input kept in a [`ParseError`].
const MAX_INPUT_CHARS: usize = 64;

/// Error returned when a wire text does not match the strict grammar of a
/// JSON Structure type.
///
/// It carries the kind of value that was expected (for example `"int64"` or
/// `"RFC 3339 date-time"`), the offending input (the first 64 characters of
/// it; longer inputs are marked as truncated in the message) and the reason.
///
/// ```
/// use json_structure_runtime::Decimal;
///
/// let err = "007".parse::<Decimal>().unwrap_err();
/// assert_eq!(err.expected(), "decimal");
/// assert_eq!(err.input(), "007");
/// assert!(err.to_string().contains("\"007\""));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    expected: &'static str,
    input: String,
    truncated: bool,
    reason: Cow<'static, str>,
}

impl ParseError {
    /// Creates an error for `input`, which was meant to be an `expected`
    /// value, failing for `reason`.
    ///
    /// ```
    /// use json_structure_runtime::ParseError;
    ///
    /// let err = ParseError::new("int64", "12x", "trailing garbage");
    /// assert_eq!(err.to_string(), "invalid int64 \"12x\": trailing garbage");
    /// ```
    pub fn new(
        expected: &'static str,
        input: &str,
        reason: impl Into<Cow<'static, str>>,
    ) -> ParseError {
        let (input, truncated) = match input.char_indices().nth(MAX_INPUT_CHARS) {
            Some((cut, _)) => (input.get(..cut).unwrap_or_default().to_owned(), true),
            None => (input.to_owned(), false),
        };
        ParseError {
            expected,
            input,
            truncated,
            reason: reason.into(),
        }
    }

    /// The kind of value that was expected, e.g. `"int64"`.
    ///
    /// ```
    /// let err = "x".parse::<json_structure_runtime::Uuid>().unwrap_err();
    /// assert_eq!(err.expected(), "uuid");
    /// ```
    pub fn expected(&self) -> &'static str {
        self.expected
    }

    /// The offending input (at most its first 64 characters).
    ///
    /// ```
    /// let long = "9".repeat(100);
    /// let err = long.parse::<json_structure_runtime::Date>().unwrap_err();
    /// assert_eq!(err.input().len(), 64);
    /// assert!(err.is_truncated());
    /// ```
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Whether [`input`](Self::input) was cut because the input was longer
    /// than 64 characters.
    ///
    /// ```
    /// let err = "nope".parse::<json_structure_runtime::Date>().unwrap_err();
    /// assert!(!err.is_truncated());
    /// ```
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// Why the input was rejected.
    ///
    /// ```
    /// let err = "+1".parse::<json_structure_runtime::Decimal>().unwrap_err();
    /// assert!(err.reason().contains('+'));
    /// ```
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} \"", self.expected)?;
        for c in self.input.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                c if c.is_control() => write!(f, "{}", c.escape_default())?,
                c => write!(f, "{c}")?,
            }
        }
        if self.truncated {
            f.write_str("…")?;
        }
        write!(f, "\": {}", self.reason)
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_long_input_on_char_boundary() {
        let input = "é".repeat(100);
        let err = ParseError::new("x", &input, "bad");
        assert_eq!(err.input().chars().count(), 64);
        assert!(err.is_truncated());
        assert!(err.to_string().ends_with("…\": bad"));
    }

    #[test]
    fn escapes_quotes_and_controls() {
        let err = ParseError::new("x", "a\"b\n", "bad");
        assert_eq!(err.to_string(), "invalid x \"a\\\"b\\n\": bad");
    }
}
