//! JSON Structure `decimal`: arbitrary-precision decimal text.

use std::fmt;
use std::str::FromStr;

use crate::ParseError;

/// A JSON Structure `decimal`, kept as its exact text.
///
/// The wire form is a JSON string matching `-?(0|[1-9][0-9]*)(\.[0-9]+)?`:
/// no exponent, no `+`, no leading zeros, no whitespace, no `NaN`. The text
/// is stored as read, so `"45.00"` is written back as `"45.00"`, and
/// equality and hashing are by text (`"45.0" != "45.00"`). No arithmetic is
/// offered: convert with [`to_f64`](Self::to_f64) or parse
/// [`as_str`](Self::as_str) into the decimal library of your choice.
///
/// ```
/// use json_structure_runtime::Decimal;
///
/// let d: Decimal = "-12.50".parse().unwrap();
/// assert_eq!(d.scale(), 2);
/// assert_eq!(serde_json::to_string(&d).unwrap(), r#""-12.50""#);
/// assert!("1e3".parse::<Decimal>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal(Box<str>);

const EXPECTED: &str = "decimal";

/// Checks the strict decimal grammar.
fn validate(text: &str) -> Result<(), ParseError> {
    let err = |reason: &'static str| ParseError::new(EXPECTED, text, reason);
    let bytes = text.as_bytes();
    let unsigned = match bytes.split_first() {
        None => return Err(err("empty string")),
        Some((b'+', _)) => return Err(err("a leading '+' is not allowed")),
        Some((b'-', rest)) => rest,
        Some(_) => bytes,
    };
    let int_len = unsigned
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(unsigned.len());
    if int_len == 0 {
        return Err(err(
            "expected a digit (decimals look like \"12.50\" or \"-3\")",
        ));
    }
    if unsigned[0] == b'0' && int_len > 1 {
        return Err(err("leading zeros are not allowed"));
    }
    match unsigned.get(int_len..) {
        None | Some([]) => Ok(()),
        Some([b'.', frac @ ..]) => {
            if frac.is_empty() {
                Err(err("at least one digit must follow the decimal point"))
            } else if frac.iter().all(u8::is_ascii_digit) {
                Ok(())
            } else {
                Err(err(
                    "only digits may follow the decimal point (no exponent, no spaces)",
                ))
            }
        }
        Some([b'e' | b'E', ..]) => Err(err("exponents are not allowed")),
        Some(_) => Err(err(
            "unexpected character (decimals look like \"12.50\" or \"-3\")",
        )),
    }
}

impl Decimal {
    /// The exact decimal text.
    ///
    /// ```
    /// let d: json_structure_runtime::Decimal = "0.10".parse().unwrap();
    /// assert_eq!(d.as_str(), "0.10");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Number of digits after the decimal point (0 without a point).
    ///
    /// ```
    /// let d: json_structure_runtime::Decimal = "45.00".parse().unwrap();
    /// assert_eq!(d.scale(), 2);
    /// ```
    pub fn scale(&self) -> usize {
        self.0.find('.').map_or(0, |p| self.0.len() - p - 1)
    }

    /// Number of significant digits: the digits from the first non-zero
    /// digit to the last digit written, trailing zeros included (they are
    /// part of the text); a zero value (`"0"`, `"0.000"`) has precision 1.
    ///
    /// ```
    /// use json_structure_runtime::Decimal;
    ///
    /// let p = |s: &str| s.parse::<Decimal>().unwrap().precision();
    /// assert_eq!(p("123.45"), 5);
    /// assert_eq!(p("0.0012"), 2);
    /// assert_eq!(p("45.00"), 4);
    /// assert_eq!(p("0.000"), 1);
    /// ```
    pub fn precision(&self) -> usize {
        let significant = self
            .0
            .bytes()
            .filter(u8::is_ascii_digit)
            .skip_while(|&b| b == b'0')
            .count();
        significant.max(1)
    }

    /// The nearest `f64` (correctly rounded); ±infinity if the magnitude
    /// exceeds `f64::MAX`.
    ///
    /// ```
    /// let d: json_structure_runtime::Decimal = "2.5".parse().unwrap();
    /// assert_eq!(d.to_f64(), 2.5);
    /// ```
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }

    /// Whether the value is below zero (`"-0.0"` is not negative).
    ///
    /// ```
    /// use json_structure_runtime::Decimal;
    ///
    /// assert!("-0.5".parse::<Decimal>().unwrap().is_negative());
    /// assert!(!"-0.0".parse::<Decimal>().unwrap().is_negative());
    /// ```
    pub fn is_negative(&self) -> bool {
        self.0.starts_with('-') && self.0.bytes().any(|b| (b'1'..=b'9').contains(&b))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Decimal {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        validate(s)?;
        Ok(Decimal(s.into()))
    }
}

impl TryFrom<&str> for Decimal {
    type Error = ParseError;

    /// Same as [`str::parse`].
    ///
    /// ```
    /// use json_structure_runtime::Decimal;
    /// assert!(Decimal::try_from("3.14").is_ok());
    /// ```
    fn try_from(s: &str) -> Result<Self, ParseError> {
        s.parse()
    }
}

impl From<i64> for Decimal {
    /// ```
    /// use json_structure_runtime::Decimal;
    /// assert_eq!(Decimal::from(-5i64).as_str(), "-5");
    /// ```
    fn from(v: i64) -> Self {
        Decimal(v.to_string().into_boxed_str())
    }
}

impl From<u64> for Decimal {
    /// ```
    /// use json_structure_runtime::Decimal;
    /// assert_eq!(Decimal::from(5u64).as_str(), "5");
    /// ```
    fn from(v: u64) -> Self {
        Decimal(v.to_string().into_boxed_str())
    }
}

impl AsRef<str> for Decimal {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

crate::string_serde!(Decimal, "a decimal string such as \"12.50\"");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_exactly() {
        for text in [
            "0",
            "-0",
            "0.0",
            "-0.0",
            "45.00",
            "12",
            "-12.5",
            "0.000001",
            "1.10",
            "123456789012345678901234567890.123456789012345678901234567890",
        ] {
            let json = format!("\"{text}\"");
            let d: Decimal = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&d).unwrap(), json);
            assert_eq!(d.to_string(), text);
        }
    }

    #[test]
    fn rejects_bad_text() {
        for bad in [
            "", "+1", "007", "00", "-", "-.5", ".5", "5.", "1e3", "1E3", "1.5e3", "NaN",
            "Infinity", "12abc", " 1", "1 ", "1,5", "0x1", "--1", "1.2.3", "١",
        ] {
            let e = bad.parse::<Decimal>().unwrap_err();
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        assert!(serde_json::from_str::<Decimal>("12.5").is_err());
        assert!(serde_json::from_str::<Decimal>("null").is_err());
    }

    #[test]
    fn accessors() {
        let d: Decimal = "-0012".parse().unwrap_or_else(|_| Decimal::from(0i64));
        assert_eq!(d.as_str(), "0");
        let d: Decimal = "-123.4500".parse().unwrap();
        assert_eq!(d.scale(), 4);
        assert_eq!(d.precision(), 7);
        assert!(d.is_negative());
        assert_eq!(d.to_f64(), -123.45);
        assert_eq!(Decimal::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(Decimal::from(i64::MIN).as_str(), "-9223372036854775808");
        let big: Decimal = format!("1{}", "0".repeat(400)).parse().unwrap();
        assert_eq!(big.to_f64(), f64::INFINITY);
        assert_ne!(
            "1.0".parse::<Decimal>().unwrap(),
            "1.00".parse::<Decimal>().unwrap()
        );
    }
}
