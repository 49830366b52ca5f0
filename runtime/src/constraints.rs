//! Constraint checks that generated `validate()` code calls on a [`Validator`]: string length,
//! `pattern` and `format`, numeric bounds, array, object and map sizes, uniqueness, and the
//! schema combinators (`not`, `anyOf`, `oneOf`, `if`/`then`/`else`, `contains`, `keyNames`,
//! `propertyNames`, `patternProperties`) whose operands are small embedded sub-schemas
//! ([`SubSchema`]).
//!
//! Everything here runs on untrusted input: no check panics, and each takes time and memory
//! linear in the size of the value (times the size of the schema); `unique_items` sorts, so it
//! takes `O(n log n)`.
//!
//! # Numbers
//!
//! Bounds (`minimum`, `multipleOf`, ...) are compared **exactly**, as decimals, from text
//! ([`NumberText`]): `u128::MAX`, `i128::MIN` and decimal strings of any length compare
//! correctly, and `0.3` is a multiple of `0.1`. Nothing goes through `f64`, except that an `f32`
//! or `f64` value is taken as the decimal its `Display` form shows (the shortest text that
//! reads back as the same float: `0.1f64` is `0.1`). A non-finite float (`NaN`, `±inf`) never
//! satisfies a bound. A bound that is not a plain decimal (`-?digits(.digits)?`) is reported as
//! a violation rather than ignored.
//!
//! # Patterns: differences from ECMAScript
//!
//! JSON Structure `pattern`s are ECMAScript regular expressions. [`Pattern`] translates them to
//! the [`regex`] crate, whose matching time is linear in the input (no catastrophic
//! backtracking, so no ReDoS), and searches unanchored like `RegExp.prototype.test`. The
//! translation keeps ECMAScript's meaning where the two dialects differ:
//!
//! * `\d`, `\w` and `\b` are ASCII-only, as in ECMAScript: `\d` → `[0-9]`, `\D` → `[^0-9]`,
//!   `\w` → `[A-Za-z0-9_]`, `\W` → `[^A-Za-z0-9_]`, `\b`/`\B` → ASCII word boundaries
//!   (`(?-u:\b)`). Inside a class `[\b]` is the backspace character, as in ECMAScript.
//! * `\s`/`\S` stay Unicode, spelled out as ECMAScript's exact set (the `WhiteSpace` and
//!   `LineTerminator` code points, including U+FEFF and excluding U+0085, which differs from
//!   the `regex` crate's own `\s`).
//! * `.` matches any character except the ECMAScript line terminators (`\n`, `\r`, U+2028,
//!   U+2029); `$` matches only at the very end of the input (there are no flags, so no
//!   multiline mode).
//! * `\uXXXX` (including a surrogate pair, which becomes one code point), `\u{X...}`, `\xHH`,
//!   `\cX`, `\0`, `\v` and escaped syntax characters (`\/`, `\-`, ...) are translated. A lone
//!   surrogate escape can never match a Rust string and is reported as invalid.
//! * A `{` that does not start a `{n}`, `{n,}` or `{n,m}` quantifier, and a lone `}` or `]`,
//!   are literal characters (ECMAScript Annex B); inside a class, `[`, `&&`, `--` and `~~`
//!   are literal (the `regex` crate would read class set operations).
//!
//! Deviations:
//!
//! * **Look-around** (`(?=`, `(?!`, `(?<=`, `(?<!`) and **backreferences** (`\1`, `\k<name>`)
//!   cannot be expressed in a linear-time engine: such a pattern does not compile
//!   ([`Pattern::compile_error`] says why, [`check_pattern`] rejects it) and
//!   [`Validator::pattern`] reports `INSTANCE_PATTERN_INVALID` instead of checking the value.
//! * Matching is by Unicode code point, as with ECMAScript's `u` flag: `^.$` matches `"😀"`
//!   (without the `u` flag, ECMAScript sees two UTF-16 code units). Escapes of letters that
//!   ECMAScript only accepts without the `u` flag (`\a`, `\e`, legacy octal `\01`) are syntax
//!   errors, as with the `u` flag.
//! * Features of the `regex` syntax that ECMAScript lacks, such as `(?i)` inline flags or
//!   `\p{Greek}` without `Script=`, are accepted rather than rejected.
//! * The `regex` crate limits the compiled size of a pattern: huge nested counted repetitions
//!   such as `(a{1000}){1000}` fail to compile and are reported as invalid patterns.
//!
//! # Formats
//!
//! [`Validator::format`] checks `email`, `idn-email`, `hostname`, `idn-hostname`, `ipv4`,
//! `ipv6`, `uri`, `uri-reference`, `iri`, `iri-reference`, `date`, `time`, `date-time`,
//! `duration`, `uuid`, `json-pointer`, `relative-json-pointer` and `regex`; `uri-template` and
//! unknown formats are accepted without a check. The date and time formats use this crate's
//! strict parsers ([`crate::Date`], [`crate::Time`] — whose offset is optional, as for the
//! JSON Structure `time` type — and [`crate::DateTime`]), `uuid` the 36-character hyphenated
//! form ([`crate::Uuid`]), `duration` [`crate::Duration`], and `uri`/`uri-reference`
//! [`crate::Uri`] (`uri` also needs a scheme). `iri` and `iri-reference` accept non-ASCII
//! characters (U+00A0 and above) where a URI accepts percent-escapes. `idn-hostname` and
//! `idn-email` accept non-ASCII letters, digits and marks in labels; IDNA 2008 contextual rules
//! and Punycode (`xn--`) validity are not checked. `hostname` follows RFC 1123 (labels of 1 to
//! 63 letters, digits and hyphens, not starting or ending with a hyphen, at most 253
//! characters, no trailing dot). `email` is RFC 5321's `Mailbox` (dot-atom or quoted local part
//! of at most 64 octets, a hostname or an address literal `[192.0.2.1]` / `[IPv6:...]`).
//! `regex` accepts ECMAScript look-around and backreferences (they are valid ECMAScript even
//! though [`Pattern`] cannot run them). `datetime` is accepted as another name of `date-time`.
//!
//! Codes: each format has its `INSTANCE_FORMAT_*` code; the `idn-` forms share the code of the
//! ASCII form, `iri` that of `uri` and `iri-reference` that of `uri-reference`. Formats without
//! an `INSTANCE_FORMAT_*` code in the SDKs use the SDKs' type codes: `duration` →
//! `INSTANCE_DURATION_FORMAT_INVALID`, `json-pointer` and `relative-json-pointer` →
//! `INSTANCE_JSONPOINTER_FORMAT_INVALID`; `regex` → `INSTANCE_FORMAT_INVALID`.
//!
//! # Sub-schemas
//!
//! The combinators take the value as any `Serialize` type and convert it to JSON themselves,
//! keeping `u128`/`i128` and floats exact (`serde_json::Value` cannot hold integers beyond 64
//! bits). [`SubSchema`] lists the keywords it evaluates; `$ref` is not resolved (a schema with
//! one matches everything; the generator checks a reference branch by reading the value as the
//! referenced generated type, [`SubSchema::of_type`]). A sub-schema that cannot be
//! parsed is never silently skipped: the method that uses it reports a violation with its own
//! code saying why. `pattern_properties` reports a failing member with the code of the
//! sub-schema keyword it breaks (there is no dedicated code).

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::{Validator, Violations};

// ---------------------------------------------------------------------------
// Exact decimals
// ---------------------------------------------------------------------------

/// An exact decimal: `(-1)^negative × 0.d₁d₂…dₙ × 10^point`. The digits have no leading and no
/// trailing zeros, so the representation is unique and the derived equality is numeric
/// equality; zero has no digits, `negative == false` and `point == 0`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Dec {
    negative: bool,
    digits: Vec<u8>,
    point: i64,
}

impl Dec {
    const ZERO: Dec = Dec {
        negative: false,
        digits: Vec::new(),
        point: 0,
    };

    /// Parses `-?[0-9]+(\.[0-9]+)?` (leading zeros allowed); `None` for anything else,
    /// including exponents, `NaN` and `inf`.
    fn parse(text: &str) -> Option<Dec> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int, frac) = match rest.split_once('.') {
            Some((int, frac)) => (int, frac),
            None => (rest, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        if rest.contains('.') && frac.is_empty() {
            return None;
        }
        let mut digits: Vec<u8> = int
            .bytes()
            .chain(frac.bytes())
            .map(|b| b.wrapping_sub(b'0'))
            .collect();
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        let point = i64::try_from(int.len()).ok()? - i64::try_from(lead).ok()?;
        digits.drain(..lead);
        while digits.last() == Some(&0) {
            digits.pop();
        }
        if digits.is_empty() {
            return Some(Dec::ZERO);
        }
        Some(Dec {
            negative,
            digits,
            point,
        })
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Power of ten of the last digit: the value is `digits × 10^exponent()`.
    fn exponent(&self) -> i64 {
        self.point - i64::try_from(self.digits.len()).unwrap_or(i64::MAX)
    }

    fn is_integer(&self) -> bool {
        self.is_zero() || self.exponent() >= 0
    }

    /// Whether `self / divisor` is an integer; `None` when `divisor` is not positive.
    fn is_multiple_of(&self, divisor: &Dec) -> Option<bool> {
        if divisor.is_zero() || divisor.negative {
            return None;
        }
        if self.is_zero() {
            return Some(true);
        }
        let (ea, eb) = (self.exponent(), divisor.exponent());
        // self = A·10^ea, divisor = B·10^eb, and A has no factor 10. If ea < eb, the quotient
        // is A / (B·10^(eb-ea)), an integer only if 10 divides A: never.
        if ea < eb {
            return Some(false);
        }
        // The shift is at most the number of digits written in the two texts.
        let shift = usize::try_from(ea - eb).ok()?;
        let dividend = self
            .digits
            .iter()
            .copied()
            .chain(std::iter::repeat_n(0, shift));
        Some(remainder_is_zero(dividend, &divisor.digits))
    }
}

impl Ord for Dec {
    fn cmp(&self, other: &Self) -> Ordering {
        let sign = |d: &Dec| match (d.is_zero(), d.negative) {
            (true, _) => 0i8,
            (false, true) => -1,
            (false, false) => 1,
        };
        match sign(self).cmp(&sign(other)) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        let magnitude = self
            .point
            .cmp(&other.point)
            .then_with(|| self.digits.cmp(&other.digits));
        if self.negative {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Whether the integer with decimal digits `dividend` (most significant first) is divisible
/// by the positive integer with digits `divisor` (no leading zeros). Linear in the dividend.
fn remainder_is_zero(dividend: impl Iterator<Item = u8>, divisor: &[u8]) -> bool {
    if divisor.len() <= 37 {
        // divisor < 10^37, so remainder·10 + 9 < 10^38 < u128::MAX.
        let b = divisor
            .iter()
            .fold(0u128, |acc, &d| acc * 10 + u128::from(d));
        if b == 0 {
            return false;
        }
        let r = dividend.fold(0u128, |r, d| (r * 10 + u128::from(d)) % b);
        return r == 0;
    }
    // Schoolbook: the remainder stays below the divisor, so each step subtracts at most 9 times.
    let mut r: Vec<u8> = Vec::with_capacity(divisor.len() + 1);
    for d in dividend {
        if !(r.is_empty() && d == 0) {
            r.push(d);
        }
        while digits_ge(&r, divisor) {
            digits_sub(&mut r, divisor);
        }
    }
    r.is_empty()
}

/// `a >= b` for digit strings without leading zeros.
fn digits_ge(a: &[u8], b: &[u8]) -> bool {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b)) != Ordering::Less
}

/// `a -= b` for digit strings without leading zeros, `a >= b`; strips leading zeros.
fn digits_sub(a: &mut Vec<u8>, b: &[u8]) {
    let offset = a.len().saturating_sub(b.len());
    let mut borrow = 0u8;
    for (i, x) in a.iter_mut().enumerate().rev() {
        let y = i
            .checked_sub(offset)
            .and_then(|j| b.get(j))
            .copied()
            .unwrap_or(0);
        let take = y + borrow;
        if *x >= take {
            *x -= take;
            borrow = 0;
        } else {
            *x = *x + 10 - take;
            borrow = 1;
        }
    }
    let lead = a.iter().take_while(|&&d| d == 0).count();
    a.drain(..lead);
}

/// The text of `s` for a message: quoted, escaped, and cut after 64 characters.
fn shown(s: &str) -> String {
    const MAX: usize = 64;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}…", s.get(..cut).unwrap_or_default()),
        None => format!("{s:?}"),
    }
}

/// Text for a message (a number, a JSON text): as written, cut after 64 characters.
fn cut(s: &str) -> String {
    const MAX: usize = 64;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or_default()),
        None => s.to_owned(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

// ---------------------------------------------------------------------------
// NumberText
// ---------------------------------------------------------------------------

/// A number that can show itself as exact decimal text, so that bounds compare exactly.
///
/// Implemented for every primitive integer type, `f32` and `f64` (their `Display` form, which
/// never uses an exponent; `NaN` and infinities show as such and satisfy no bound),
/// [`crate::Decimal`] (its exact text), `str` and `String` (taken as written, for numbers kept
/// as strings), and references to any of these.
///
/// ```
/// use json_structure_runtime::NumberText;
/// assert_eq!(u128::MAX.number_text(), "340282366920938463463374607431768211455");
/// assert_eq!(0.1f64.number_text(), "0.1");
/// let d: json_structure_runtime::Decimal = "45.00".parse().unwrap();
/// assert_eq!(d.number_text(), "45.00");
/// ```
pub trait NumberText {
    /// The number as decimal text, such as `-12.5`.
    ///
    /// ```
    /// use json_structure_runtime::NumberText;
    /// assert_eq!((-7i8).number_text(), "-7");
    /// ```
    fn number_text(&self) -> Cow<'_, str>;
}

macro_rules! display_number_text {
    ($($ty:ty),* $(,)?) => {
        $(impl NumberText for $ty {
            fn number_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}

display_number_text!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);

impl NumberText for crate::Decimal {
    fn number_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

impl NumberText for str {
    fn number_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl NumberText for String {
    fn number_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<T: NumberText + ?Sized> NumberText for &T {
    fn number_text(&self) -> Cow<'_, str> {
        (**self).number_text()
    }
}

#[derive(Debug, Clone, Copy)]
enum Bound {
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
}

impl Bound {
    fn code(self) -> &'static str {
        match self {
            Bound::Minimum => "INSTANCE_NUMBER_MINIMUM",
            Bound::Maximum => "INSTANCE_NUMBER_MAXIMUM",
            Bound::ExclusiveMinimum => "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM",
            Bound::ExclusiveMaximum => "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM",
        }
    }

    fn keyword(self) -> &'static str {
        match self {
            Bound::Minimum => "minimum",
            Bound::Maximum => "maximum",
            Bound::ExclusiveMinimum => "exclusiveMinimum",
            Bound::ExclusiveMaximum => "exclusiveMaximum",
        }
    }

    fn holds(self, value: &Dec, bound: &Dec) -> bool {
        let ord = value.cmp(bound);
        match self {
            Bound::Minimum => ord != Ordering::Less,
            Bound::Maximum => ord != Ordering::Greater,
            Bound::ExclusiveMinimum => ord == Ordering::Greater,
            Bound::ExclusiveMaximum => ord == Ordering::Less,
        }
    }

    /// What went wrong, for a value that breaks the bound.
    fn failure(self, value: &str, bound: &str) -> String {
        let (value, bound) = (cut(value), cut(bound));
        match self {
            Bound::Minimum => format!("value {value} is less than minimum {bound}"),
            Bound::Maximum => format!("value {value} is greater than maximum {bound}"),
            Bound::ExclusiveMinimum => {
                format!("value {value} must be greater than exclusiveMinimum {bound}")
            }
            Bound::ExclusiveMaximum => {
                format!("value {value} must be less than exclusiveMaximum {bound}")
            }
        }
    }

    /// `Err(message)` when `value` breaks the bound or either text is not a decimal.
    fn check(self, value: &str, bound: &str) -> Result<(), String> {
        let Some(b) = Dec::parse(bound) else {
            return Err(format!(
                "{} {} is not a plain decimal number, so value {} cannot be checked",
                self.keyword(),
                shown(bound),
                cut(value)
            ));
        };
        let Some(v) = Dec::parse(value) else {
            return Err(format!(
                "value {} is not a finite decimal number, so it cannot satisfy {} {}",
                cut(value),
                self.keyword(),
                cut(bound)
            ));
        };
        if self.holds(&v, &b) {
            Ok(())
        } else {
            Err(self.failure(value, bound))
        }
    }
}

/// `Err(message)` when `value` is not a multiple of `divisor` (or either is not a decimal, or
/// the divisor is not positive).
fn check_multiple_of(value: &str, divisor: &str) -> Result<(), String> {
    let Some(d) = Dec::parse(divisor) else {
        return Err(format!(
            "multipleOf {} is not a plain decimal number, so value {} cannot be checked",
            shown(divisor),
            cut(value)
        ));
    };
    let Some(v) = Dec::parse(value) else {
        return Err(format!(
            "value {} is not a finite decimal number, so it cannot be a multiple of {}",
            cut(value),
            cut(divisor)
        ));
    };
    match v.is_multiple_of(&d) {
        Some(true) => Ok(()),
        Some(false) => Err(format!(
            "value {} is not a multiple of {}",
            cut(value),
            cut(divisor)
        )),
        None => Err(format!(
            "multipleOf {} must be greater than zero, so value {} cannot be checked",
            cut(divisor),
            cut(value)
        )),
    }
}

// ---------------------------------------------------------------------------
// Validator: lengths, sizes and numbers
// ---------------------------------------------------------------------------

impl Validator {
    /// Checks `minLength`, counting Unicode scalar values (`char`s).
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.min_length("😀😀", 2);
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.min_length("ab", 3);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_STRING_MIN_LENGTH");
    /// ```
    pub fn min_length(&mut self, value: &str, min: usize) {
        // Fast path: a string has at least a quarter as many chars as bytes.
        if value.len() / 4 >= min {
            return;
        }
        let count = value.chars().count();
        if count < min {
            self.report(
                "INSTANCE_STRING_MIN_LENGTH",
                format!(
                    "string has {}, fewer than minLength {min}",
                    plural(count, "character", "characters")
                ),
            );
        }
    }

    fn bound<N: NumberText + ?Sized>(&mut self, value: &N, bound: &str, kind: Bound) {
        if let Err(message) = kind.check(&value.number_text(), bound) {
            self.report(kind.code(), message);
        }
    }

    /// Checks `minimum` (inclusive), comparing exact decimals.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.minimum(&u128::MAX, "340282366920938463463374607431768211455");
    /// v.minimum(&0.5f64, "0.5");
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.minimum(&-1i32, "0");
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_NUMBER_MINIMUM");
    /// ```
    pub fn minimum<N: NumberText + ?Sized>(&mut self, value: &N, bound: &str) {
        self.bound(value, bound, Bound::Minimum);
    }

    /// Checks `maximum` (inclusive), comparing exact decimals.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.maximum(&100u8, "100");
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.maximum(&100.01f64, "100");
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_NUMBER_MAXIMUM");
    /// ```
    pub fn maximum<N: NumberText + ?Sized>(&mut self, value: &N, bound: &str) {
        self.bound(value, bound, Bound::Maximum);
    }

    /// Checks `exclusiveMinimum`: the value must be greater (equal is a violation).
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.exclusive_minimum(&1i64, "0");
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.exclusive_minimum(&0i64, "0");
    /// assert_eq!(
    ///     v.finish().unwrap_err().iter().next().unwrap().code,
    ///     "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM"
    /// );
    /// ```
    pub fn exclusive_minimum<N: NumberText + ?Sized>(&mut self, value: &N, bound: &str) {
        self.bound(value, bound, Bound::ExclusiveMinimum);
    }

    /// Checks `exclusiveMaximum`: the value must be smaller (equal is a violation).
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.exclusive_maximum(&9.99f64, "10");
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.exclusive_maximum(&10u32, "10");
    /// assert_eq!(
    ///     v.finish().unwrap_err().iter().next().unwrap().code,
    ///     "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM"
    /// );
    /// ```
    pub fn exclusive_maximum<N: NumberText + ?Sized>(&mut self, value: &N, bound: &str) {
        self.bound(value, bound, Bound::ExclusiveMaximum);
    }

    /// Checks `multipleOf` with exact decimal arithmetic (`0.3` is a multiple of `0.1`).
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.multiple_of(&0.3f64, "0.1");
    /// v.multiple_of(&0.3f64, "0.01");
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.multiple_of(&7u8, "2");
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_NUMBER_MULTIPLE_OF");
    /// ```
    pub fn multiple_of<N: NumberText + ?Sized>(&mut self, value: &N, divisor: &str) {
        if let Err(message) = check_multiple_of(&value.number_text(), divisor) {
            self.report("INSTANCE_NUMBER_MULTIPLE_OF", message);
        }
    }

    /// Checks `minItems` of an array, set or tuple of `len` items.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.min_items(1, 2);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_MIN_ITEMS");
    /// ```
    pub fn min_items(&mut self, len: usize, min: usize) {
        self.count_bound(
            len,
            CountBound::AtLeast(min),
            CountOf {
                code: "INSTANCE_MIN_ITEMS",
                what: "array",
                one: "item",
                many: "items",
                keyword: "minItems",
            },
        );
    }

    /// Checks `maxItems` of an array, set or tuple of `len` items.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.max_items(3, 2);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_MAX_ITEMS");
    /// ```
    pub fn max_items(&mut self, len: usize, max: usize) {
        self.count_bound(
            len,
            CountBound::AtMost(max),
            CountOf {
                code: "INSTANCE_MAX_ITEMS",
                what: "array",
                one: "item",
                many: "items",
                keyword: "maxItems",
            },
        );
    }

    /// Checks `minProperties` of an object with `count` members present.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.min_properties(0, 1);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_MIN_PROPERTIES");
    /// ```
    pub fn min_properties(&mut self, count: usize, min: usize) {
        self.count_bound(
            count,
            CountBound::AtLeast(min),
            CountOf {
                code: "INSTANCE_MIN_PROPERTIES",
                what: "object",
                one: "property",
                many: "properties",
                keyword: "minProperties",
            },
        );
    }

    /// Checks `maxProperties` of an object with `count` members present.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.max_properties(4, 3);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_MAX_PROPERTIES");
    /// ```
    pub fn max_properties(&mut self, count: usize, max: usize) {
        self.count_bound(
            count,
            CountBound::AtMost(max),
            CountOf {
                code: "INSTANCE_MAX_PROPERTIES",
                what: "object",
                one: "property",
                many: "properties",
                keyword: "maxProperties",
            },
        );
    }

    /// Checks `dependentRequired`: when `property` is among the `present` member names (wire
    /// names), every name in `requires` must be too. Each missing one is reported at its own
    /// pointer.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.dependent_required(&["card"], "card", &["billing"]);
    /// let err = v.finish().unwrap_err();
    /// let first = err.iter().next().unwrap();
    /// assert_eq!((first.pointer.as_str(), first.code), ("/billing", "INSTANCE_DEPENDENT_REQUIRED"));
    /// ```
    pub fn dependent_required(&mut self, present: &[&str], property: &str, requires: &[&str]) {
        if !present.contains(&property) {
            return;
        }
        for &needed in requires {
            if !present.contains(&needed) {
                self.field(needed, |v| {
                    v.report(
                        "INSTANCE_DEPENDENT_REQUIRED",
                        format!(
                            "member {} is required when {} is present, but it is missing",
                            shown(needed),
                            shown(property)
                        ),
                    );
                });
            }
        }
    }

    /// Checks `minEntries` of a map with `count` entries.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.min_entries(1, 2);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_MAP_MIN_ENTRIES");
    /// ```
    pub fn min_entries(&mut self, count: usize, min: usize) {
        self.count_bound(
            count,
            CountBound::AtLeast(min),
            CountOf {
                code: "INSTANCE_MAP_MIN_ENTRIES",
                what: "map",
                one: "entry",
                many: "entries",
                keyword: "minEntries",
            },
        );
    }

    /// Checks `maxEntries` of a map with `count` entries.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.max_entries(3, 2);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_MAP_MAX_ENTRIES");
    /// ```
    pub fn max_entries(&mut self, count: usize, max: usize) {
        self.count_bound(
            count,
            CountBound::AtMost(max),
            CountOf {
                code: "INSTANCE_MAP_MAX_ENTRIES",
                what: "map",
                one: "entry",
                many: "entries",
                keyword: "maxEntries",
            },
        );
    }
}

/// Which side of a count bound a keyword checks.
enum CountBound {
    AtLeast(usize),
    AtMost(usize),
}

/// What is being counted, for the code and the message of a count violation.
struct CountOf {
    code: &'static str,
    what: &'static str,
    one: &'static str,
    many: &'static str,
    keyword: &'static str,
}

impl Validator {
    /// The shared check behind `minItems`, `maxItems`, `minProperties`, `maxProperties`,
    /// `minEntries` and `maxEntries`.
    fn count_bound(&mut self, count: usize, bound: CountBound, of: CountOf) {
        let (broken, side, limit) = match bound {
            CountBound::AtLeast(min) => (count < min, "fewer", min),
            CountBound::AtMost(max) => (count > max, "more", max),
        };
        if broken {
            self.report(
                of.code,
                format!(
                    "{} has {}, {side} than {} {limit}",
                    of.what,
                    plural(count, of.one, of.many),
                    of.keyword
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

/// ECMAScript `\s` (the `WhiteSpace` and `LineTerminator` code points) as class items.
const ECMA_SPACE: &str = r"\t\n\x0B\x0C\r\x20\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// ECMAScript `\w` as class items.
const ECMA_WORD: &str = "A-Za-z0-9_";
/// ECMAScript `.`: anything but a line terminator.
const ECMA_DOT: &str = r"[^\n\r\x{2028}\x{2029}]";
/// A class that matches nothing (ECMAScript `[]`).
const NOTHING: &str = r"[^\x{0}-\x{10FFFF}]";
/// A class that matches any character (ECMAScript `[^]`).
const ANYTHING: &str = r"[\x{0}-\x{10FFFF}]";

/// Why an ECMAScript pattern cannot be translated.
#[derive(Debug)]
enum TranslateError {
    /// Not a valid ECMAScript (`u`-mode) pattern.
    Syntax(String),
    /// Valid ECMAScript that a linear-time engine cannot run (look-around, backreferences).
    Unsupported(String),
}

impl TranslateError {
    fn into_message(self) -> String {
        match self {
            TranslateError::Syntax(m) | TranslateError::Unsupported(m) => m,
        }
    }
}

/// How to treat look-around and backreferences.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Reject them: the result is run.
    Run,
    /// Replace them by plain groups, so the rest of the syntax can still be checked.
    SyntaxOnly,
}

/// Translates an ECMAScript pattern to the `regex` crate's syntax (see the module doc).
fn translate(source: &str, mode: Mode) -> Result<String, TranslateError> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len() + 16);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '\\' => i = translate_escape(&chars, i, &mut out, false, mode)?,
            '[' => i = translate_class(&chars, i, &mut out, mode)?,
            '(' => i = translate_group(&chars, i, &mut out, mode)?,
            '.' => out.push_str(ECMA_DOT),
            '{' => match quantifier_end(&chars, i) {
                Some(end) => {
                    out.push('{');
                    out.extend(chars.get(i..end).unwrap_or_default());
                    i = end;
                }
                None => out.push_str(r"\{"),
            },
            '}' => out.push_str(r"\}"),
            ']' => out.push_str(r"\]"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// If `chars[i..]` continues a `{` into `n}`, `n,}` or `n,m}`, the index after the `}`.
fn quantifier_end(chars: &[char], mut i: usize) -> Option<usize> {
    let digits = |i: &mut usize| {
        let start = *i;
        while chars.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if chars.get(i) == Some(&',') {
        i += 1;
        digits(&mut i);
    }
    (chars.get(i) == Some(&'}')).then_some(i + 1)
}

/// After `(`: groups, named groups and (rejected) look-around.
fn translate_group(
    chars: &[char],
    i: usize,
    out: &mut String,
    mode: Mode,
) -> Result<usize, TranslateError> {
    if chars.get(i) != Some(&'?') {
        out.push('(');
        return Ok(i);
    }
    let unsupported = |what: &str| {
        TranslateError::Unsupported(format!(
            "{what} is not supported: patterns run on a linear-time engine without look-around"
        ))
    };
    match (chars.get(i + 1), chars.get(i + 2)) {
        (Some('='), _) | (Some('!'), _) => {
            if mode == Mode::Run {
                return Err(unsupported("look-ahead `(?=`/`(?!`"));
            }
            out.push_str("(?:");
            Ok(i + 2)
        }
        (Some('<'), Some('=')) | (Some('<'), Some('!')) => {
            if mode == Mode::Run {
                return Err(unsupported("look-behind `(?<=`/`(?<!`"));
            }
            out.push_str("(?:");
            Ok(i + 3)
        }
        _ => {
            out.push_str("(?");
            Ok(i + 1)
        }
    }
}

/// After `[`: a character class, up to and including its `]`.
fn translate_class(
    chars: &[char],
    mut i: usize,
    out: &mut String,
    mode: Mode,
) -> Result<usize, TranslateError> {
    let negated = chars.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        out.push_str(if negated { ANYTHING } else { NOTHING });
        return Ok(i + 1);
    }
    out.push_str(if negated { "[^" } else { "[" });
    let is_set_escape = |j: usize| {
        chars.get(j) == Some(&'\\')
            && matches!(chars.get(j + 1), Some('d' | 'D' | 'w' | 'W' | 's' | 'S'))
    };
    let mut prev_set = false;
    let mut prev_dash = false;
    loop {
        let Some(&c) = chars.get(i) else {
            return Err(TranslateError::Syntax(
                "unterminated character class (missing `]`)".to_owned(),
            ));
        };
        let at = i;
        i += 1;
        let (set, dash) = match c {
            ']' => {
                out.push(']');
                return Ok(i);
            }
            '\\' => {
                let set = is_set_escape(at);
                i = translate_escape(chars, i, out, true, mode)?;
                (set, false)
            }
            '-' => {
                // A dash next to a class escape or another dash is literal in ECMAScript but
                // would be a range or a set difference for `regex`.
                if prev_set || prev_dash || is_set_escape(i) {
                    out.push_str(r"\-");
                    (false, false)
                } else {
                    out.push('-');
                    (false, true)
                }
            }
            '[' | '&' | '~' => {
                out.push('\\');
                out.push(c);
                (false, false)
            }
            c => {
                out.push(c);
                (false, false)
            }
        };
        prev_set = set;
        prev_dash = dash;
    }
}

fn hex_digits(chars: &[char], from: usize, count: usize) -> Option<u32> {
    let digits = chars.get(from..from + count)?;
    digits
        .iter()
        .try_fold(0u32, |acc, c| Some(acc * 16 + c.to_digit(16)?))
}

fn push_code_point(out: &mut String, cp: u32) -> Result<(), TranslateError> {
    if (0xD800..=0xDFFF).contains(&cp) {
        return Err(TranslateError::Syntax(format!(
            "the lone surrogate \\u{cp:04X} can never match a Unicode string"
        )));
    }
    if cp > 0x10_FFFF {
        return Err(TranslateError::Syntax(format!(
            "\\u{{{cp:X}}} is beyond the last Unicode code point"
        )));
    }
    out.push_str(&format!(r"\x{{{cp:X}}}"));
    Ok(())
}

/// After `\`: one escape, inside a class or not. Returns the index after it.
fn translate_escape(
    chars: &[char],
    i: usize,
    out: &mut String,
    in_class: bool,
    mode: Mode,
) -> Result<usize, TranslateError> {
    let syntax = |m: String| Err(TranslateError::Syntax(m));
    let Some(&c) = chars.get(i) else {
        return syntax("the pattern ends with a lone backslash".to_owned());
    };
    let next = i + 1;
    let text = match c {
        'd' if in_class => "0-9",
        'd' => "[0-9]",
        'D' => "[^0-9]",
        'w' if in_class => ECMA_WORD,
        'w' => "[A-Za-z0-9_]",
        'W' => "[^A-Za-z0-9_]",
        's' if in_class => ECMA_SPACE,
        's' | 'S' => {
            out.push_str(if c == 's' { "[" } else { "[^" });
            out.push_str(ECMA_SPACE);
            out.push(']');
            return Ok(next);
        }
        'b' if in_class => r"\x08",
        'b' => r"(?-u:\b)",
        'B' if in_class => return syntax("\\B is not allowed in a character class".to_owned()),
        'B' => r"(?-u:\B)",
        't' => r"\t",
        'n' => r"\n",
        'r' => r"\r",
        'f' => r"\x0C",
        'v' => r"\x0B",
        '0' if chars.get(next).is_some_and(char::is_ascii_digit) => {
            return syntax("legacy octal escapes such as \\01 are not allowed".to_owned());
        }
        '0' => r"\x00",
        '1'..='9' if in_class => {
            return syntax(format!("\\{c} is not allowed in a character class"));
        }
        '1'..='9' => {
            if mode == Mode::Run {
                return Err(TranslateError::Unsupported(format!(
                    "the backreference \\{c} is not supported: patterns run on a linear-time engine"
                )));
            }
            let mut end = next;
            while chars.get(end).is_some_and(char::is_ascii_digit) {
                end += 1;
            }
            out.push_str("(?:)");
            return Ok(end);
        }
        'k' if !in_class && chars.get(next) == Some(&'<') => {
            if mode == Mode::Run {
                return Err(TranslateError::Unsupported(
                    "the named backreference \\k<...> is not supported: patterns run on a linear-time engine"
                        .to_owned(),
                ));
            }
            let Some(close) = chars
                .get(next..)
                .and_then(|r| r.iter().position(|&c| c == '>'))
            else {
                return syntax("unterminated \\k<name>".to_owned());
            };
            out.push_str("(?:)");
            return Ok(next + close + 1);
        }
        'c' => match chars.get(next) {
            Some(l) if l.is_ascii_alphabetic() => {
                push_code_point(out, u32::from(*l) % 32)?;
                return Ok(next + 1);
            }
            _ => return syntax("\\c must be followed by a letter".to_owned()),
        },
        'x' => match hex_digits(chars, next, 2) {
            Some(cp) => {
                push_code_point(out, cp)?;
                return Ok(next + 2);
            }
            None => return syntax("\\x must be followed by two hexadecimal digits".to_owned()),
        },
        'u' if chars.get(next) == Some(&'{') => {
            let start = next + 1;
            let len = chars
                .get(start..)
                .and_then(|r| r.iter().position(|&c| c == '}'))
                .filter(|&len| (1..=8).contains(&len));
            let Some(cp) = len.and_then(|len| hex_digits(chars, start, len)) else {
                return syntax("\\u{...} must hold 1 to 8 hexadecimal digits".to_owned());
            };
            push_code_point(out, cp)?;
            return Ok(start + len.unwrap_or(0) + 1);
        }
        'u' => {
            let Some(high) = hex_digits(chars, next, 4) else {
                return syntax("\\u must be followed by four hexadecimal digits".to_owned());
            };
            let after = next + 4;
            if (0xD800..=0xDBFF).contains(&high)
                && chars.get(after) == Some(&'\\')
                && chars.get(after + 1) == Some(&'u')
            {
                if let Some(low) = hex_digits(chars, after + 2, 4) {
                    if (0xDC00..=0xDFFF).contains(&low) {
                        let cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        push_code_point(out, cp)?;
                        return Ok(after + 6);
                    }
                }
            }
            push_code_point(out, high)?;
            return Ok(after);
        }
        'p' | 'P' => {
            let close = if chars.get(next) == Some(&'{') {
                chars
                    .get(next..)
                    .and_then(|r| r.iter().position(|&c| c == '}'))
            } else {
                None
            };
            let Some(close) = close else {
                return syntax(format!("\\{c} must be followed by {{property}}"));
            };
            out.push('\\');
            out.extend(chars.get(i..=next + close).unwrap_or_default());
            return Ok(next + close + 1);
        }
        c if c.is_ascii_punctuation() => {
            if regex_syntax::is_meta_character(c) {
                out.push('\\');
            }
            out.push(c);
            return Ok(next);
        }
        c => return syntax(format!("unknown escape \\{c}")),
    };
    out.push_str(text);
    Ok(next)
}

/// The first line that says what is wrong in a `regex` error.
fn condense(error: &str) -> String {
    error
        .lines()
        .find_map(|l| l.trim().strip_prefix("error:"))
        .map_or_else(
            || error.split_whitespace().collect::<Vec<_>>().join(" "),
            |l| l.trim().to_owned(),
        )
}

fn compile_pattern(source: &str) -> Result<regex::Regex, String> {
    let translated = translate(source, Mode::Run).map_err(|e| {
        format!(
            "pattern {} cannot be used: {}",
            shown(source),
            e.into_message()
        )
    })?;
    regex::Regex::new(&translated).map_err(|e| {
        format!(
            "pattern {} is not a valid regular expression: {}",
            shown(source),
            condense(&e.to_string())
        )
    })
}

/// Whether `source` is valid ECMAScript regular-expression syntax (look-around and
/// backreferences included, since they are valid ECMAScript).
fn ecma_regex_syntax(source: &str) -> Result<(), String> {
    let translated = translate(source, Mode::SyntaxOnly).map_err(TranslateError::into_message)?;
    regex_syntax::Parser::new()
        .parse(&translated)
        .map(|_| ())
        .map_err(|e| condense(&e.to_string()))
}

/// Checks that an ECMAScript `pattern` can be run by [`Pattern`]: `Err` with the reason for a
/// syntax error, and for look-around or backreferences (which a linear-time engine cannot
/// run). Code generators call it to reject such schemas early.
///
/// ```
/// use json_structure_runtime::check_pattern;
/// assert!(check_pattern(r"^\d{3}-[a-z]+$").is_ok());
/// assert!(check_pattern("(unclosed").is_err());
/// assert!(check_pattern("(?=lookahead)").is_err());
/// assert!(check_pattern(r"(a)\1").is_err());
/// ```
pub fn check_pattern(source: &str) -> Result<(), String> {
    compile_pattern(source).map(|_| ())
}

/// An ECMAScript `pattern`, compiled on first use and cached, so it can live in a `static`.
///
/// Matching is an unanchored search (like `RegExp.prototype.test`) in linear time; see the
/// [module documentation](crate::constraints) for how ECMAScript syntax is translated and what is not
/// supported.
///
/// ```
/// use json_structure_runtime::Pattern;
/// pub static CODE: Pattern = Pattern::new(r"^[A-Z]{2}\d+$");
/// assert!(CODE.is_match("AB12"));
/// assert!(!CODE.is_match("AB12٣")); // `\d` is ASCII, as in ECMAScript
/// ```
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: std::sync::OnceLock<Result<regex::Regex, String>>,
}

impl Pattern {
    /// A pattern from its ECMAScript source; nothing is compiled until first use.
    ///
    /// ```
    /// static P: json_structure_runtime::Pattern = json_structure_runtime::Pattern::new("^[a-z]+$");
    /// assert!(P.is_match("abc"));
    /// ```
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: std::sync::OnceLock::new(),
        }
    }

    fn compiled(&self) -> &Result<regex::Regex, String> {
        self.compiled.get_or_init(|| compile_pattern(self.source))
    }

    /// Whether the pattern matches somewhere in `s`; `false` when it cannot be compiled.
    ///
    /// ```
    /// let p = json_structure_runtime::Pattern::new("b+");
    /// assert!(p.is_match("abbc"));
    /// assert!(!p.is_match("ac"));
    /// ```
    pub fn is_match(&self, s: &str) -> bool {
        matches!(self.compiled(), Ok(re) if re.is_match(s))
    }

    /// The ECMAScript source.
    ///
    /// ```
    /// let p = json_structure_runtime::Pattern::new("^x$");
    /// assert_eq!(p.source(), "^x$");
    /// ```
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Why the pattern cannot be compiled (a syntax error, look-around or a backreference), or
    /// `None` when it can.
    ///
    /// ```
    /// use json_structure_runtime::Pattern;
    /// assert!(Pattern::new("^a+$").compile_error().is_none());
    /// assert!(Pattern::new("a(?!b)").compile_error().unwrap().contains("look-ahead"));
    /// ```
    pub fn compile_error(&self) -> Option<String> {
        self.compiled().as_ref().err().cloned()
    }
}

impl Validator {
    /// Checks `pattern`: the ECMAScript regular expression must match somewhere in `value`.
    /// A pattern that cannot be compiled is reported as `INSTANCE_PATTERN_INVALID`.
    ///
    /// ```
    /// use json_structure_runtime::{Pattern, Validator};
    /// static ZIP: Pattern = Pattern::new(r"^\d{5}$");
    /// let mut v = Validator::new();
    /// v.pattern("12345", &ZIP);
    /// assert!(v.finish().is_ok());
    /// let mut v = Validator::new();
    /// v.pattern("1234", &ZIP);
    /// assert_eq!(
    ///     v.finish().unwrap_err().iter().next().unwrap().code,
    ///     "INSTANCE_STRING_PATTERN_MISMATCH"
    /// );
    /// ```
    pub fn pattern(&mut self, value: &str, pattern: &Pattern) {
        match pattern.compiled() {
            Err(reason) => self.report("INSTANCE_PATTERN_INVALID", reason.clone()),
            Ok(re) => {
                if !re.is_match(value) {
                    self.report(
                        "INSTANCE_STRING_PATTERN_MISMATCH",
                        format!(
                            "string {} does not match pattern {}",
                            shown(value),
                            shown(pattern.source)
                        ),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------

/// `Err((code, reason))` when `value` is not valid for `format`; `uri-template` and unknown
/// formats pass.
fn check_format(value: &str, format: &str) -> Result<(), (&'static str, String)> {
    let (code, result) = match format {
        "email" => ("INSTANCE_FORMAT_EMAIL_INVALID", check_email(value, false)),
        "idn-email" => ("INSTANCE_FORMAT_EMAIL_INVALID", check_email(value, true)),
        "hostname" => (
            "INSTANCE_FORMAT_HOSTNAME_INVALID",
            check_hostname(value, false),
        ),
        "idn-hostname" => (
            "INSTANCE_FORMAT_HOSTNAME_INVALID",
            check_hostname(value, true),
        ),
        "ipv4" => ("INSTANCE_FORMAT_IPV4_INVALID", check_ipv4(value)),
        "ipv6" => ("INSTANCE_FORMAT_IPV6_INVALID", check_ipv6(value)),
        "uri" => ("INSTANCE_FORMAT_URI_INVALID", check_uri(value, true)),
        "uri-reference" => (
            "INSTANCE_FORMAT_URI_REFERENCE_INVALID",
            check_uri(value, false),
        ),
        "iri" => ("INSTANCE_FORMAT_URI_INVALID", check_iri(value, true)),
        "iri-reference" => (
            "INSTANCE_FORMAT_URI_REFERENCE_INVALID",
            check_iri(value, false),
        ),
        "date" => (
            "INSTANCE_FORMAT_DATE_INVALID",
            parse_reason::<crate::Date>(value),
        ),
        "time" => (
            "INSTANCE_FORMAT_TIME_INVALID",
            parse_reason::<crate::Time>(value),
        ),
        "date-time" | "datetime" => (
            "INSTANCE_FORMAT_DATETIME_INVALID",
            parse_reason::<crate::DateTime>(value),
        ),
        "duration" => (
            "INSTANCE_DURATION_FORMAT_INVALID",
            parse_reason::<crate::Duration>(value),
        ),
        "uuid" => (
            "INSTANCE_FORMAT_UUID_INVALID",
            parse_reason::<crate::Uuid>(value),
        ),
        "json-pointer" => (
            "INSTANCE_JSONPOINTER_FORMAT_INVALID",
            check_json_pointer(value),
        ),
        "relative-json-pointer" => (
            "INSTANCE_JSONPOINTER_FORMAT_INVALID",
            check_relative_json_pointer(value),
        ),
        "regex" => ("INSTANCE_FORMAT_INVALID", ecma_regex_syntax(value)),
        _ => return Ok(()),
    };
    result.map_err(|reason| (code, reason))
}

fn parse_reason<T: std::str::FromStr<Err = crate::ParseError>>(value: &str) -> Result<(), String> {
    value
        .parse::<T>()
        .map(|_| ())
        .map_err(|e| e.reason().to_owned())
}

fn check_uri(value: &str, absolute: bool) -> Result<(), String> {
    let uri: crate::Uri = value
        .parse()
        .map_err(|e: crate::ParseError| e.reason().to_owned())?;
    if absolute && !uri.is_absolute() {
        return Err("a URI needs a scheme such as \"https:\"".to_owned());
    }
    Ok(())
}

/// An IRI is a URI that may also hold non-ASCII characters (RFC 3987 `ucschar`, U+00A0 and
/// above): they are percent-encoded, then the URI rules apply.
fn check_iri(value: &str, absolute: bool) -> Result<(), String> {
    if value.is_ascii() {
        return check_uri(value, absolute);
    }
    let mut encoded = String::with_capacity(value.len() * 3);
    for c in value.chars() {
        if c.is_ascii() {
            encoded.push(c);
        } else if u32::from(c) < 0xA0 {
            return Err(format!(
                "the control character U+{:04X} is not allowed",
                u32::from(c)
            ));
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                encoded.push_str(&format!("%{b:02X}"));
            }
        }
    }
    check_uri(&encoded, absolute)
}

fn check_ipv4(value: &str) -> Result<(), String> {
    let parts: Vec<&str> = value.split('.').collect();
    if parts.len() != 4 {
        return Err(format!(
            "expected 4 dot-separated numbers, found {}",
            parts.len()
        ));
    }
    for part in parts {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{} is not a number from 0 to 255", shown(part)));
        }
        if part.len() > 1 && part.starts_with('0') {
            return Err(format!("{} has a leading zero", shown(part)));
        }
        if part.parse::<u8>().is_err() {
            return Err(format!("{part} is greater than 255"));
        }
    }
    Ok(())
}

fn check_ipv6(value: &str) -> Result<(), String> {
    value
        .parse::<std::net::Ipv6Addr>()
        .map(|_| ())
        .map_err(|_| "expected eight groups of up to four hexadecimal digits, `::` for zeros, or a trailing IPv4 address".to_owned())
}

/// RFC 1123 host names; with `idn`, labels may also hold non-ASCII characters and the
/// ideographic full stops separate labels.
fn check_hostname(value: &str, idn: bool) -> Result<(), String> {
    if value.is_empty() {
        return Err("a host name cannot be empty".to_owned());
    }
    let length = if idn {
        value.chars().count()
    } else {
        value.len()
    };
    if length > 253 {
        return Err(format!(
            "a host name has at most 253 characters, found {length}"
        ));
    }
    let is_dot = |c: char| c == '.' || (idn && matches!(c, '\u{3002}' | '\u{FF0E}' | '\u{FF61}'));
    for label in value.split(is_dot) {
        if label.is_empty() {
            return Err("empty label (a leading, trailing or doubled dot)".to_owned());
        }
        let chars = label.chars().count();
        if chars > 63 {
            return Err(format!("a label has at most 63 characters, found {chars}"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!(
                "label {} starts or ends with a hyphen",
                shown(label)
            ));
        }
        let allowed = |c: char| {
            c.is_ascii_alphanumeric()
                || c == '-'
                || (idn && !c.is_ascii() && !c.is_whitespace() && !c.is_control())
        };
        if let Some(c) = label.chars().find(|&c| !allowed(c)) {
            return Err(format!("character {c:?} is not allowed in a host name"));
        }
    }
    Ok(())
}

/// RFC 5321 `Mailbox`: a dot-atom or quoted local part, `@`, and a host name or an address
/// literal. With `idn` (RFC 6531), non-ASCII characters are allowed too.
fn check_email(value: &str, idn: bool) -> Result<(), String> {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return Err("an email address needs an '@'".to_owned());
    };
    if local.is_empty() {
        return Err("the part before '@' is empty".to_owned());
    }
    if local.len() > 64 {
        return Err(format!(
            "the part before '@' has at most 64 octets, found {}",
            local.len()
        ));
    }
    let extra = |c: char| idn && !c.is_ascii() && !c.is_control();
    if let Some(quoted) = local.strip_prefix('"') {
        let Some(inner) = quoted.strip_suffix('"') else {
            return Err("unterminated quoted local part".to_owned());
        };
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            let ok = match c {
                '\\' => chars
                    .next()
                    .is_some_and(|e| matches!(e, ' '..='~') || extra(e)),
                '"' => false,
                c => matches!(c, ' '..='~') || extra(c),
            };
            if !ok {
                return Err("invalid character or escape in the quoted local part".to_owned());
            }
        }
    } else {
        let atext =
            |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || extra(c);
        for atom in local.split('.') {
            if atom.is_empty() {
                return Err("the part before '@' has a leading, trailing or doubled dot".to_owned());
            }
            if let Some(c) = atom.chars().find(|&c| !atext(c)) {
                return Err(format!(
                    "character {c:?} is not allowed before '@' unless quoted"
                ));
            }
        }
    }
    if let Some(literal) = domain.strip_prefix('[') {
        let Some(literal) = literal.strip_suffix(']') else {
            return Err("unterminated address literal".to_owned());
        };
        return match literal.strip_prefix("IPv6:") {
            Some(v6) => check_ipv6(v6),
            None => check_ipv4(literal),
        };
    }
    check_hostname(domain, idn).map_err(|e| format!("the domain is invalid: {e}"))
}

fn check_json_pointer(value: &str) -> Result<(), String> {
    if !value.is_empty() && !value.starts_with('/') {
        return Err("a JSON Pointer is empty or starts with '/'".to_owned());
    }
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return Err("'~' must be followed by '0' or '1'".to_owned());
        }
    }
    Ok(())
}

/// A non-negative integer without leading zeros at the start of `s`: the rest, or `None`.
fn strip_non_negative_integer(s: &str) -> Option<&str> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || (digits > 1 && s.starts_with('0')) {
        return None;
    }
    s.get(digits..)
}

fn check_relative_json_pointer(value: &str) -> Result<(), String> {
    let err = || {
        "expected a non-negative integer, an optional +N/-N index adjustment, then '#' or a JSON Pointer".to_owned()
    };
    let mut rest = strip_non_negative_integer(value).ok_or_else(err)?;
    if let Some(adjusted) = rest.strip_prefix(['+', '-']) {
        rest = strip_non_negative_integer(adjusted).ok_or_else(err)?;
    }
    if rest == "#" {
        return Ok(());
    }
    check_json_pointer(rest)
}

impl Validator {
    /// Checks `format`. Known formats: `email`, `idn-email`, `hostname`, `idn-hostname`,
    /// `ipv4`, `ipv6`, `uri` (needs a scheme), `uri-reference`, `iri`, `iri-reference`,
    /// `uri-template` (accepted unchecked), `date`, `time`, `date-time`, `duration`, `uuid`,
    /// `json-pointer`, `relative-json-pointer` and `regex`; see the
    /// [module documentation](crate::constraints) for the exact rules. Unknown formats are not checked.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.format("someone@example.com", "email");
    /// v.format("2024-02-29", "date");
    /// v.format("anything", "x-unknown");
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.format("256.1.1.1", "ipv4");
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_FORMAT_IPV4_INVALID");
    /// ```
    pub fn format(&mut self, value: &str, format: &str) {
        if let Err((code, reason)) = check_format(value, format) {
            self.report(
                code,
                format!("string {} is not a valid {format}: {reason}", shown(value)),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// JSON values with exact numbers
// ---------------------------------------------------------------------------

/// A JSON value whose numbers are exact decimals (`serde_json::Value` keeps numbers beyond
/// 64 bits only as `f64`, and `u128`/`i128` values beyond 64 bits cannot be converted to it).
#[derive(Debug, Clone, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Num(Dec),
    Str(String),
    Arr(Vec<J>),
    /// Equality ignores member order.
    Obj(indexmap::IndexMap<String, J>),
}

impl Dec {
    /// Plain decimal text (`-12.5`, `0.001`, `1000`).
    fn plain(&self) -> String {
        if self.is_zero() {
            return "0".to_owned();
        }
        let mut out = String::with_capacity(self.digits.len() + 4);
        if self.negative {
            out.push('-');
        }
        let digit = |d: &u8| char::from(b'0' + d);
        let len = i64::try_from(self.digits.len()).unwrap_or(i64::MAX);
        if self.point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n(
                '0',
                usize::try_from(-self.point).unwrap_or(0),
            ));
            out.extend(self.digits.iter().map(digit));
        } else if self.point >= len {
            out.extend(self.digits.iter().map(digit));
            out.extend(std::iter::repeat_n(
                '0',
                usize::try_from(self.point - len).unwrap_or(0),
            ));
        } else {
            let k = usize::try_from(self.point).unwrap_or(0);
            out.extend(self.digits.iter().take(k).map(digit));
            out.push('.');
            out.extend(self.digits.iter().skip(k).map(digit));
        }
        out
    }

    fn from_json_number(n: &serde_json::Number) -> Option<Dec> {
        if let Some(u) = n.as_u64() {
            Dec::parse(&u.to_string())
        } else if let Some(i) = n.as_i64() {
            Dec::parse(&i.to_string())
        } else {
            n.as_f64()
                .filter(|f| f.is_finite())
                .and_then(|f| Dec::parse(&f.to_string()))
        }
    }
}

impl J {
    fn from_value(value: &serde_json::Value) -> J {
        use serde_json::Value;
        match value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => Dec::from_json_number(n).map_or(J::Null, J::Num),
            Value::String(s) => J::Str(s.clone()),
            Value::Array(items) => J::Arr(items.iter().map(J::from_value).collect()),
            Value::Object(members) => J::Obj(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), J::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// JSON text: with `canonical`, object members sorted by name and numbers in a unique
    /// form, so equal values (numbers by value, objects in any order) give equal texts.
    fn write(&self, out: &mut String, canonical: bool) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(d) => out.push_str(&d.plain()),
            J::Str(s) => push_json_string(out, s),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out, canonical);
                }
                out.push(']');
            }
            J::Obj(members) => {
                let mut entries: Vec<(&String, &J)> = members.iter().collect();
                if canonical {
                    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                }
                out.push('{');
                for (i, (k, v)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_json_string(out, k);
                    out.push(':');
                    v.write(out, canonical);
                }
                out.push('}');
            }
        }
    }

    fn canonical(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, true);
        out
    }

    /// The value as JSON for a message, cut after 64 characters.
    fn shown(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, false);
        cut(&out)
    }

    /// What the value is, for a message.
    fn describe(&self) -> String {
        match self {
            J::Null => "null".to_owned(),
            J::Bool(b) => format!("boolean {b}"),
            J::Num(d) => format!("number {}", cut(&d.plain())),
            J::Str(s) => format!("string {}", shown(s)),
            J::Arr(items) => format!("array of {}", plural(items.len(), "item", "items")),
            J::Obj(members) => {
                format!("object with {}", plural(members.len(), "member", "members"))
            }
        }
    }
}

fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Converts any `Serialize` value to a [`J`], keeping 128-bit integers exact.
fn to_j<T: serde::Serialize + ?Sized>(value: &T) -> Result<J, String> {
    value.serialize(ToJ).map_err(|e| e.0)
}

#[derive(Debug)]
struct JError(String);

impl std::fmt::Display for JError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JError {}

impl serde::ser::Error for JError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        JError(msg.to_string())
    }
}

fn int_j(text: &str) -> J {
    Dec::parse(text).map_or(J::Null, J::Num)
}

/// Non-finite floats become `null`, as `serde_json` writes them.
fn float_j(finite: bool, text: &str) -> J {
    if finite {
        int_j(text)
    } else {
        J::Null
    }
}

fn key_string(key: J) -> Result<String, JError> {
    match key {
        J::Str(s) => Ok(s),
        J::Num(d) => Ok(d.plain()),
        J::Bool(b) => Ok(b.to_string()),
        other => Err(JError(format!(
            "a map key must be a string, a number or a boolean, found {}",
            other.describe()
        ))),
    }
}

struct ToJ;

struct SeqJ(Vec<J>);

struct VariantSeqJ {
    variant: &'static str,
    items: Vec<J>,
}

struct MapJ {
    members: indexmap::IndexMap<String, J>,
    key: Option<String>,
}

struct VariantMapJ {
    variant: &'static str,
    members: indexmap::IndexMap<String, J>,
}

fn single(variant: &str, value: J) -> J {
    let mut members = indexmap::IndexMap::with_capacity(1);
    members.insert(variant.to_owned(), value);
    J::Obj(members)
}

/// Pre-allocation from an untrusted length hint stays small.
fn capacity(len: Option<usize>) -> usize {
    len.unwrap_or(0).min(1024)
}

macro_rules! serialize_ints {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<J, JError> {
            Ok(int_j(&v.to_string()))
        })*
    };
}

impl serde::Serializer for ToJ {
    type Ok = J;
    type Error = JError;
    type SerializeSeq = SeqJ;
    type SerializeTuple = SeqJ;
    type SerializeTupleStruct = SeqJ;
    type SerializeTupleVariant = VariantSeqJ;
    type SerializeMap = MapJ;
    type SerializeStruct = MapJ;
    type SerializeStructVariant = VariantMapJ;

    fn serialize_bool(self, v: bool) -> Result<J, JError> {
        Ok(J::Bool(v))
    }

    serialize_ints!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128,
    );

    fn serialize_f32(self, v: f32) -> Result<J, JError> {
        Ok(float_j(v.is_finite(), &v.to_string()))
    }

    fn serialize_f64(self, v: f64) -> Result<J, JError> {
        Ok(float_j(v.is_finite(), &v.to_string()))
    }

    fn serialize_char(self, v: char) -> Result<J, JError> {
        Ok(J::Str(v.to_string()))
    }

    fn serialize_str(self, v: &str) -> Result<J, JError> {
        Ok(J::Str(v.to_owned()))
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<J, JError> {
        Ok(J::Arr(v.iter().map(|b| int_j(&b.to_string())).collect()))
    }

    fn serialize_none(self) -> Result<J, JError> {
        Ok(J::Null)
    }

    fn serialize_some<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<J, JError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<J, JError> {
        Ok(J::Null)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<J, JError> {
        Ok(J::Null)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<J, JError> {
        Ok(J::Str(variant.to_owned()))
    }

    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<J, JError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<J, JError> {
        Ok(single(variant, value.serialize(ToJ)?))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<SeqJ, JError> {
        Ok(SeqJ(Vec::with_capacity(capacity(len))))
    }

    fn serialize_tuple(self, len: usize) -> Result<SeqJ, JError> {
        Ok(SeqJ(Vec::with_capacity(capacity(Some(len)))))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqJ, JError> {
        Ok(SeqJ(Vec::with_capacity(capacity(Some(len)))))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSeqJ, JError> {
        Ok(VariantSeqJ {
            variant,
            items: Vec::with_capacity(capacity(Some(len))),
        })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<MapJ, JError> {
        Ok(MapJ {
            members: indexmap::IndexMap::with_capacity(capacity(len)),
            key: None,
        })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapJ, JError> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantMapJ, JError> {
        Ok(VariantMapJ {
            variant,
            members: indexmap::IndexMap::with_capacity(capacity(Some(len))),
        })
    }
}

impl serde::ser::SerializeSeq for SeqJ {
    type Ok = J;
    type Error = JError;

    fn serialize_element<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        self.0.push(value.serialize(ToJ)?);
        Ok(())
    }

    fn end(self) -> Result<J, JError> {
        Ok(J::Arr(self.0))
    }
}

impl serde::ser::SerializeTuple for SeqJ {
    type Ok = J;
    type Error = JError;

    fn serialize_element<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        serde::ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<J, JError> {
        Ok(J::Arr(self.0))
    }
}

impl serde::ser::SerializeTupleStruct for SeqJ {
    type Ok = J;
    type Error = JError;

    fn serialize_field<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        serde::ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<J, JError> {
        Ok(J::Arr(self.0))
    }
}

impl serde::ser::SerializeTupleVariant for VariantSeqJ {
    type Ok = J;
    type Error = JError;

    fn serialize_field<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        self.items.push(value.serialize(ToJ)?);
        Ok(())
    }

    fn end(self) -> Result<J, JError> {
        Ok(single(self.variant, J::Arr(self.items)))
    }
}

impl serde::ser::SerializeMap for MapJ {
    type Ok = J;
    type Error = JError;

    fn serialize_key<T: serde::Serialize + ?Sized>(&mut self, key: &T) -> Result<(), JError> {
        self.key = Some(key_string(key.serialize(ToJ)?)?);
        Ok(())
    }

    fn serialize_value<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| JError("a map value was serialized without a key".to_owned()))?;
        self.members.insert(key, value.serialize(ToJ)?);
        Ok(())
    }

    fn end(self) -> Result<J, JError> {
        Ok(J::Obj(self.members))
    }
}

impl serde::ser::SerializeStruct for MapJ {
    type Ok = J;
    type Error = JError;

    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JError> {
        self.members.insert(key.to_owned(), value.serialize(ToJ)?);
        Ok(())
    }

    fn end(self) -> Result<J, JError> {
        Ok(J::Obj(self.members))
    }
}

impl serde::ser::SerializeStructVariant for VariantMapJ {
    type Ok = J;
    type Error = JError;

    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JError> {
        self.members.insert(key.to_owned(), value.serialize(ToJ)?);
        Ok(())
    }

    fn end(self) -> Result<J, JError> {
        Ok(single(self.variant, J::Obj(self.members)))
    }
}

// ---------------------------------------------------------------------------
// Sub-schemas
// ---------------------------------------------------------------------------

/// A JSON Structure type name, as a sub-schema checks it.
#[derive(Debug, Clone, Copy)]
enum Ty {
    String,
    Number,
    Integer,
    Boolean,
    Null,
    Object,
    Array,
    Set,
    Map,
    Any,
    /// An integer type with its range; `as_string` types (64 and 128 bits) are written as
    /// JSON strings, and JSON numbers are accepted too (a Rust `i64` serializes as one).
    Int {
        name: &'static str,
        min: &'static str,
        max: &'static str,
        as_string: bool,
    },
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

impl Ty {
    fn from_name(name: &str) -> Option<Ty> {
        let int = |name, min, max, as_string| Ty::Int {
            name,
            min,
            max,
            as_string,
        };
        Some(match name {
            "string" => Ty::String,
            "number" | "float" | "float8" | "double" => Ty::Number,
            "integer" => Ty::Integer,
            "boolean" => Ty::Boolean,
            "null" => Ty::Null,
            "object" | "choice" => Ty::Object,
            "array" | "tuple" => Ty::Array,
            "set" => Ty::Set,
            "map" => Ty::Map,
            "any" => Ty::Any,
            "int8" => int("int8", "-128", "127", false),
            "uint8" => int("uint8", "0", "255", false),
            "int16" => int("int16", "-32768", "32767", false),
            "uint16" => int("uint16", "0", "65535", false),
            "int32" => int("int32", "-2147483648", "2147483647", false),
            "uint32" => int("uint32", "0", "4294967295", false),
            "int64" => int("int64", "-9223372036854775808", "9223372036854775807", true),
            "uint64" => int("uint64", "0", "18446744073709551615", true),
            "int128" => int(
                "int128",
                "-170141183460469231731687303715884105728",
                "170141183460469231731687303715884105727",
                true,
            ),
            "uint128" => int(
                "uint128",
                "0",
                "340282366920938463463374607431768211455",
                true,
            ),
            "decimal" => Ty::Decimal,
            "date" => Ty::Date,
            "datetime" => Ty::DateTime,
            "time" => Ty::Time,
            "duration" => Ty::Duration,
            "uuid" => Ty::Uuid,
            "uri" => Ty::Uri,
            "binary" => Ty::Binary,
            "jsonpointer" => Ty::JsonPointer,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Ty::String => "string",
            Ty::Number => "number",
            Ty::Integer => "integer",
            Ty::Boolean => "boolean",
            Ty::Null => "null",
            Ty::Object => "object",
            Ty::Array => "array",
            Ty::Set => "set",
            Ty::Map => "map",
            Ty::Any => "any",
            Ty::Int { name, .. } => name,
            Ty::Decimal => "decimal",
            Ty::Date => "date",
            Ty::DateTime => "datetime",
            Ty::Time => "time",
            Ty::Duration => "duration",
            Ty::Uuid => "uuid",
            Ty::Uri => "uri",
            Ty::Binary => "binary",
            Ty::JsonPointer => "jsonpointer",
        }
    }

    /// Whether numeric keywords also apply to this type's string form.
    fn numeric_string(self) -> bool {
        matches!(
            self,
            Ty::Decimal
                | Ty::Int {
                    as_string: true,
                    ..
                }
        )
    }

    /// `Err(reason)` when `value` is not of this type.
    fn check(self, value: &J) -> Result<(), String> {
        let text = |parsed: Result<(), String>| parsed;
        match (self, value) {
            (Ty::Any, _)
            | (Ty::String, J::Str(_))
            | (Ty::Number, J::Num(_))
            | (Ty::Boolean, J::Bool(_))
            | (Ty::Null, J::Null)
            | (Ty::Object | Ty::Map, J::Obj(_))
            | (Ty::Array, J::Arr(_))
            | (Ty::Decimal, J::Num(_)) => Ok(()),
            (Ty::Integer, J::Num(d)) if d.is_integer() => Ok(()),
            (Ty::Int { min, max, .. }, J::Num(d)) => int_in_range(d, min, max),
            (
                Ty::Int {
                    min,
                    max,
                    as_string: true,
                    ..
                },
                J::Str(s),
            ) => {
                if !is_strict_integer(s) {
                    return Err(format!("{} is not an integer string", shown(s)));
                }
                let d = Dec::parse(s).ok_or_else(|| format!("{} is not an integer", shown(s)))?;
                int_in_range(&d, min, max)
            }
            (Ty::Set, J::Arr(items)) => match first_duplicate(items.iter().map(J::canonical)) {
                Some((first, later)) => Err(format!(
                    "item {later} duplicates item {first}, and set items must be unique"
                )),
                None => Ok(()),
            },
            (Ty::Decimal, J::Str(s)) => text(parse_reason::<crate::Decimal>(s)),
            (Ty::Date, J::Str(s)) => text(parse_reason::<crate::Date>(s)),
            (Ty::DateTime, J::Str(s)) => text(parse_reason::<crate::DateTime>(s)),
            (Ty::Time, J::Str(s)) => text(parse_reason::<crate::Time>(s)),
            (Ty::Duration, J::Str(s)) => text(parse_reason::<crate::Duration>(s)),
            (Ty::Uuid, J::Str(s)) => text(parse_reason::<crate::Uuid>(s)),
            (Ty::Uri, J::Str(s)) => text(parse_reason::<crate::Uri>(s)),
            (Ty::JsonPointer, J::Str(s)) => text(parse_reason::<crate::JsonPointer>(s)),
            (Ty::Binary, J::Str(s)) => crate::codec::decode(&crate::codec::BASE64, s)
                .map(|_| ())
                .map_err(|e| e.reason().to_owned()),
            _ => Err(format!("found {}", value.describe())),
        }
    }
}

/// `-?(0|[1-9][0-9]*)`.
fn is_strict_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

fn int_in_range(d: &Dec, min: &str, max: &str) -> Result<(), String> {
    if !d.is_integer() {
        return Err(format!("{} is not an integer", cut(&d.plain())));
    }
    let (Some(lo), Some(hi)) = (Dec::parse(min), Dec::parse(max)) else {
        return Err("bad range".to_owned());
    };
    if *d < lo || *d > hi {
        return Err(format!(
            "{} is outside the range {min} to {max}",
            cut(&d.plain())
        ));
    }
    Ok(())
}

/// The first `(earlier, later)` pair of equal keys, by the later index. Linear time.
fn first_duplicate(keys: impl Iterator<Item = String>) -> Option<(usize, usize)> {
    let mut seen = std::collections::HashMap::new();
    for (i, key) in keys.enumerate() {
        if let Some(&first) = seen.get(&key) {
            return Some((first, i));
        }
        seen.insert(key, i);
    }
    None
}

/// A compiled sub-schema.
#[derive(Debug)]
enum Node {
    /// `true`, or a schema that uses `$ref` (references are not resolved: see [`SubSchema`]).
    True,
    False,
    Checks(Box<Checks>),
}

/// A numeric keyword's operand and its text.
#[derive(Debug)]
struct Num {
    dec: Dec,
    text: String,
}

#[derive(Debug, Default)]
struct Checks {
    /// Alternatives; `None` when `type` is absent or an alternative is a `$ref`.
    types: Option<Vec<Ty>>,
    constant: Option<J>,
    enumeration: Option<Vec<J>>,
    bounds: Vec<(Bound, Num)>,
    multiple_of: Option<Num>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    pattern: Option<(regex::Regex, String)>,
    format: Option<String>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: bool,
    items: Option<Node>,
    properties: Vec<(String, Node)>,
    required: Vec<String>,
    /// `None`: anything goes.
    additional: Option<Node>,
    /// Map values.
    values: Option<Node>,
    not: Option<Node>,
    all_of: Vec<Node>,
    any_of: Option<Vec<Node>>,
    one_of: Option<Vec<Node>>,
}

fn compile_node(schema: &serde_json::Value) -> Result<Node, String> {
    use serde_json::Value;
    let members = match schema {
        Value::Bool(true) => return Ok(Node::True),
        Value::Bool(false) => return Ok(Node::False),
        Value::Object(members) => members,
        other => {
            return Err(format!(
                "a schema must be an object or a boolean, found {}",
                J::from_value(other).describe()
            ))
        }
    };
    if members.contains_key("$ref") {
        return Ok(Node::True);
    }
    let mut c = Checks::default();
    let size = |key: &str| -> Result<Option<usize>, String> {
        match members.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| format!("{key} must be a non-negative integer")),
        }
    };
    let number = |key: &str| -> Result<Option<Num>, String> {
        let dec = match members.get(key) {
            None => return Ok(None),
            Some(Value::Number(n)) => Dec::from_json_number(n),
            Some(Value::String(s)) => Dec::parse(s),
            Some(_) => None,
        };
        dec.map(|dec| {
            Some(Num {
                text: dec.plain(),
                dec,
            })
        })
        .ok_or_else(|| format!("{key} must be a number or a decimal string"))
    };
    let schemas = |key: &str| -> Result<Option<Vec<Node>>, String> {
        match members.get(key) {
            None => Ok(None),
            Some(Value::Array(list)) if !list.is_empty() => list
                .iter()
                .map(compile_node)
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(format!("{key} must be a non-empty array of schemas")),
        }
    };
    let schema = |key: &str| -> Result<Option<Node>, String> {
        members.get(key).map(compile_node).transpose()
    };

    c.types = match members.get("type") {
        None => None,
        Some(t) => {
            let list: Vec<&Value> = match t {
                Value::Array(list) if !list.is_empty() => list.iter().collect(),
                Value::Array(_) => return Err("type must not be an empty array".to_owned()),
                single => vec![single],
            };
            let mut types = Some(Vec::with_capacity(list.len()));
            for t in list {
                match t {
                    Value::String(name) => {
                        let ty = Ty::from_name(name)
                            .ok_or_else(|| format!("unknown type {}", shown(name)))?;
                        if let Some(types) = types.as_mut() {
                            types.push(ty);
                        }
                    }
                    Value::Object(r) if r.contains_key("$ref") => types = None,
                    _ => {
                        return Err(
                            "type must be a type name, a $ref, or an array of them".to_owned()
                        )
                    }
                }
            }
            types
        }
    };
    c.constant = members.get("const").map(J::from_value);
    c.enumeration = match members.get("enum") {
        None => None,
        Some(Value::Array(list)) => Some(list.iter().map(J::from_value).collect()),
        Some(_) => return Err("enum must be an array".to_owned()),
    };
    for (key, kind) in [
        ("minimum", Bound::Minimum),
        ("maximum", Bound::Maximum),
        ("exclusiveMinimum", Bound::ExclusiveMinimum),
        ("exclusiveMaximum", Bound::ExclusiveMaximum),
    ] {
        if let Some(n) = number(key)? {
            c.bounds.push((kind, n));
        }
    }
    c.multiple_of = number("multipleOf")?;
    if c.multiple_of
        .as_ref()
        .is_some_and(|m| m.dec.is_zero() || m.dec.negative)
    {
        return Err("multipleOf must be greater than zero".to_owned());
    }
    c.min_length = size("minLength")?;
    c.max_length = size("maxLength")?;
    c.pattern = match members.get("pattern") {
        None => None,
        Some(Value::String(p)) => Some((compile_pattern(p)?, p.clone())),
        Some(_) => return Err("pattern must be a string".to_owned()),
    };
    c.format = match members.get("format") {
        None => None,
        Some(Value::String(f)) => Some(f.clone()),
        Some(_) => return Err("format must be a string".to_owned()),
    };
    c.min_items = size("minItems")?;
    c.max_items = size("maxItems")?;
    c.unique_items = match members.get("uniqueItems") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("uniqueItems must be a boolean".to_owned()),
    };
    c.items = schema("items")?;
    c.properties = match members.get("properties") {
        None => Vec::new(),
        Some(Value::Object(props)) => props
            .iter()
            .map(|(k, v)| compile_node(v).map(|n| (k.clone(), n)))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("properties must be an object".to_owned()),
    };
    c.required = match members.get("required") {
        None => Vec::new(),
        Some(Value::Array(names)) => names
            .iter()
            .map(|n| n.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or("required must be an array of member names")?,
        Some(_) => return Err("required must be an array of member names".to_owned()),
    };
    c.additional = match members.get("additionalProperties") {
        None | Some(Value::Bool(true)) => None,
        Some(v) => Some(compile_node(v)?),
    };
    c.values = schema("values")?;
    c.not = schema("not")?;
    c.all_of = schemas("allOf")?.unwrap_or_default();
    c.any_of = schemas("anyOf")?;
    c.one_of = schemas("oneOf")?;
    Ok(Node::Checks(Box::new(c)))
}

/// Why a value does not match a sub-schema.
#[derive(Debug)]
struct Failure {
    code: &'static str,
    /// Relative JSON Pointer of the offending part of the value.
    path: String,
    message: String,
}

impl Failure {
    fn text(&self) -> String {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            format!("at {}: {}", self.path, self.message)
        }
    }
}

/// Evaluates sub-schemas; messages are only built when `explain` is set.
#[derive(Clone, Copy)]
struct Eval {
    explain: bool,
}

impl Eval {
    fn fail(self, code: &'static str, message: impl FnOnce() -> String) -> Failure {
        Failure {
            code,
            path: String::new(),
            message: if self.explain {
                message()
            } else {
                String::new()
            },
        }
    }

    fn inside(self, segment: &str, result: Result<(), Failure>) -> Result<(), Failure> {
        result.map_err(|mut f| {
            if self.explain {
                let mut path = String::with_capacity(segment.len() + 1 + f.path.len());
                path.push('/');
                for c in segment.chars() {
                    match c {
                        '~' => path.push_str("~0"),
                        '/' => path.push_str("~1"),
                        c => path.push(c),
                    }
                }
                path.push_str(&f.path);
                f.path = path;
            }
            f
        })
    }

    fn node(self, node: &Node, value: &J) -> Result<(), Failure> {
        match node {
            Node::True => Ok(()),
            Node::False => Err(self.fail("INSTANCE_SCHEMA_FALSE", || {
                "the schema `false` matches no value".to_owned()
            })),
            Node::Checks(c) => self.checks(c, value),
        }
    }

    fn checks(self, c: &Checks, value: &J) -> Result<(), Failure> {
        if let Some(types) = &c.types {
            let mut reasons = Vec::new();
            let matched = types.iter().any(|ty| match ty.check(value) {
                Ok(()) => true,
                Err(reason) => {
                    if self.explain {
                        reasons.push(reason);
                    }
                    false
                }
            });
            if !matched {
                return Err(self.fail("INSTANCE_TYPE_MISMATCH", || {
                    let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
                    format!("expected {}: {}", names.join(" or "), reasons.join("; "))
                }));
            }
        }
        if let Some(expected) = &c.constant {
            if value != expected {
                return Err(self.fail("INSTANCE_CONST_MISMATCH", || {
                    format!("expected {}, found {}", expected.shown(), value.shown())
                }));
            }
        }
        if let Some(allowed) = &c.enumeration {
            if !allowed.contains(value) {
                return Err(self.fail("INSTANCE_ENUM_MISMATCH", || {
                    let list: Vec<String> = allowed.iter().map(J::shown).collect();
                    format!(
                        "expected one of {}, found {}",
                        list.join(", "),
                        value.shown()
                    )
                }));
            }
        }
        self.numeric(c, value)?;
        match value {
            J::Str(s) => self.string(c, s)?,
            J::Arr(items) => self.array(c, items)?,
            J::Obj(members) => self.object(c, members)?,
            _ => {}
        }
        if let Some(not) = &c.not {
            if self.quiet(not, value) {
                return Err(self.fail("INSTANCE_NOT_MATCHED", || {
                    "value matches the `not` sub-schema".to_owned()
                }));
            }
        }
        for node in &c.all_of {
            self.node(node, value)?;
        }
        if let Some(any_of) = &c.any_of {
            if !any_of.iter().any(|n| self.quiet(n, value)) {
                return Err(self.fail("INSTANCE_ANY_OF_NONE_MATCHED", || {
                    format!(
                        "value matches none of the {} anyOf sub-schemas",
                        any_of.len()
                    )
                }));
            }
        }
        if let Some(one_of) = &c.one_of {
            let count = one_of.iter().filter(|n| self.quiet(n, value)).count();
            if count != 1 {
                return Err(self.fail("INSTANCE_ONE_OF_INVALID_COUNT", || {
                    format!("value must match exactly one oneOf sub-schema, matches {count}")
                }));
            }
        }
        Ok(())
    }

    fn quiet(self, node: &Node, value: &J) -> bool {
        Eval { explain: false }.node(node, value).is_ok()
    }

    fn numeric(self, c: &Checks, value: &J) -> Result<(), Failure> {
        if c.bounds.is_empty() && c.multiple_of.is_none() {
            return Ok(());
        }
        let parsed;
        let d = match value {
            J::Num(d) => d,
            J::Str(s)
                if c.types
                    .as_ref()
                    .is_some_and(|t| t.iter().any(|t| t.numeric_string())) =>
            {
                match Dec::parse(s) {
                    Some(d) => {
                        parsed = d;
                        &parsed
                    }
                    None => return Ok(()),
                }
            }
            _ => return Ok(()),
        };
        for (kind, bound) in &c.bounds {
            if !kind.holds(d, &bound.dec) {
                return Err(self.fail(kind.code(), || kind.failure(&d.plain(), &bound.text)));
            }
        }
        if let Some(m) = &c.multiple_of {
            if d.is_multiple_of(&m.dec) != Some(true) {
                return Err(self.fail("INSTANCE_NUMBER_MULTIPLE_OF", || {
                    format!(
                        "value {} is not a multiple of {}",
                        cut(&d.plain()),
                        cut(&m.text)
                    )
                }));
            }
        }
        Ok(())
    }

    fn string(self, c: &Checks, s: &str) -> Result<(), Failure> {
        if c.min_length.is_some() || c.max_length.is_some() {
            let count = s.chars().count();
            if let Some(min) = c.min_length.filter(|&min| count < min) {
                return Err(self.fail("INSTANCE_STRING_MIN_LENGTH", || {
                    format!(
                        "string has {}, fewer than minLength {min}",
                        plural(count, "character", "characters")
                    )
                }));
            }
            if let Some(max) = c.max_length.filter(|&max| count > max) {
                return Err(self.fail("INSTANCE_STRING_MAX_LENGTH", || {
                    format!(
                        "string has {}, more than maxLength {max}",
                        plural(count, "character", "characters")
                    )
                }));
            }
        }
        if let Some((re, source)) = &c.pattern {
            if !re.is_match(s) {
                return Err(self.fail("INSTANCE_STRING_PATTERN_MISMATCH", || {
                    format!(
                        "string {} does not match pattern {}",
                        shown(s),
                        shown(source)
                    )
                }));
            }
        }
        if let Some(format) = &c.format {
            if let Err((code, reason)) = check_format(s, format) {
                return Err(self.fail(code, || {
                    format!("string {} is not a valid {format}: {reason}", shown(s))
                }));
            }
        }
        Ok(())
    }

    fn array(self, c: &Checks, items: &[J]) -> Result<(), Failure> {
        let len = items.len();
        if let Some(min) = c.min_items.filter(|&min| len < min) {
            return Err(self.fail("INSTANCE_MIN_ITEMS", || {
                format!(
                    "array has {}, fewer than minItems {min}",
                    plural(len, "item", "items")
                )
            }));
        }
        if let Some(max) = c.max_items.filter(|&max| len > max) {
            return Err(self.fail("INSTANCE_MAX_ITEMS", || {
                format!(
                    "array has {}, more than maxItems {max}",
                    plural(len, "item", "items")
                )
            }));
        }
        if c.unique_items {
            if let Some((first, later)) = first_duplicate(items.iter().map(J::canonical)) {
                return Err(self.fail("INSTANCE_SET_DUPLICATE", || {
                    format!("item {later} duplicates item {first}; items must be unique")
                }));
            }
        }
        if let Some(node) = &c.items {
            for (i, item) in items.iter().enumerate() {
                self.inside(&i.to_string(), self.node(node, item))?;
            }
        }
        Ok(())
    }

    fn object(self, c: &Checks, members: &indexmap::IndexMap<String, J>) -> Result<(), Failure> {
        for name in &c.required {
            if !members.contains_key(name) {
                return Err(self.fail("INSTANCE_REQUIRED_PROPERTY_MISSING", || {
                    format!("required member {} is missing", shown(name))
                }));
            }
        }
        for (name, node) in &c.properties {
            if let Some(member) = members.get(name) {
                self.inside(name, self.node(node, member))?;
            }
        }
        if let Some(additional) = &c.additional {
            for (name, member) in members {
                if c.properties.iter().any(|(p, _)| p == name) {
                    continue;
                }
                if matches!(additional, Node::False) {
                    return Err(self.fail("INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED", || {
                        format!("member {} is not allowed", shown(name))
                    }));
                }
                self.inside(name, self.node(additional, member))?;
            }
        }
        if let Some(node) = &c.values {
            for (name, member) in members {
                self.inside(name, self.node(node, member))?;
            }
        }
        Ok(())
    }
}

/// A small embedded JSON Structure schema, parsed and compiled on first use and cached, so it
/// can live in a `static`. Generated code uses it for the operands of `not`, `anyOf`, `oneOf`,
/// `if`/`then`/`else`, `contains`, `keyNames`, `propertyNames` and `patternProperties`.
///
/// Supported keywords: `type` (`string`, `number`, `integer`, `boolean`, `null`, `object`,
/// `array`, `set` (unique items), `map`, `any`, `int8` to `uint32` with their ranges, `int64`,
/// `uint64`, `int128`, `uint128` and `decimal` as strings (JSON numbers in range are accepted
/// too, since a Rust `i64` or `u128` serializes as one), `float`/`double`, `date`, `datetime`,
/// `time`, `duration`, `uuid`, `uri`, `binary` and `jsonpointer` as strings checked by this
/// crate's parsers, `choice` and `tuple` as plain objects and arrays; an array of types is a
/// union), `const`, `enum`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`,
/// `multipleOf` (numbers or decimal strings, compared exactly), `minLength`, `maxLength`,
/// `pattern`, `format`, `minItems`, `maxItems`, `uniqueItems`, `items`, `properties`,
/// `required` (an array of names), `additionalProperties` (a boolean or a schema), `values`,
/// `not`, `allOf`, `anyOf` and `oneOf`; `true` and `false` are schemas too. Other keywords are
/// ignored.
///
/// **`$ref` is not resolved**: a schema (or a `type`) holding a `$ref` matches every value.
/// The code generator never embeds one: a branch that is a reference to a definition becomes
/// [`SubSchema::of_type`] (the value must read as the definition's generated type), and a
/// composition keyword with a reference deeper inside a branch is not checked (with a
/// warning when generating).
///
/// A sub-schema that fails to parse (bad JSON, an unknown type, a keyword with a wrong value,
/// an unsupported pattern) matches nothing, and [`parse_error`](Self::parse_error) says why.
/// Every [`Validator`] method given such a sub-schema reports one violation (with the
/// method's code) saying why, instead of checking: even `not` and `if`, for which "matches
/// nothing" would otherwise let every value through unnoticed.
///
/// ```
/// use json_structure_runtime::SubSchema;
/// pub static SHORT: SubSchema = SubSchema::new(r#"{"type": "string", "maxLength": 3}"#);
/// assert!(SHORT.matches(&serde_json::json!("abc")));
/// assert!(!SHORT.matches(&serde_json::json!("abcd")));
/// assert!(!SHORT.matches(&serde_json::json!(3)));
/// ```
#[derive(Debug)]
pub struct SubSchema {
    json: &'static str,
    parsed: std::sync::OnceLock<Result<Node, String>>,
    /// Set by [`of_type`](Self::of_type): the value matches when it reads as a generated type.
    reads_as: Option<TypeCheck>,
}

/// Reads a value's JSON text as a generated type and validates it; see [`SubSchema::of_type`].
pub type TypeCheck = fn(&str) -> Result<(), Violations>;

impl SubSchema {
    /// A sub-schema from its JSON text; nothing is parsed until first use.
    ///
    /// ```
    /// static S: json_structure_runtime::SubSchema =
    ///     json_structure_runtime::SubSchema::new(r#"{"type": "string"}"#);
    /// assert!(S.matches(&serde_json::json!("x")));
    /// ```
    pub const fn new(json: &'static str) -> Self {
        SubSchema {
            json,
            parsed: std::sync::OnceLock::new(),
            reads_as: None,
        }
    }

    /// A sub-schema that is a reference to a definition (`{"$ref": "#/definitions/Card"}`,
    /// given as `json` for messages): a value matches when its JSON text reads as the
    /// definition's generated type and that value validates, which is what
    /// [`from_str`](crate::from_str) would say of a document holding just that value.
    ///
    /// The generator uses it for `anyOf`/`oneOf`/`not`/`if` branches that reference a
    /// definition: reading the value as the generated type checks it exactly as the rest of
    /// the document is checked (lenient-mode readings, wire forms, `$extends`, recursion),
    /// which an embedded copy of the definition's JSON could not.
    ///
    /// ```
    /// use json_structure_runtime::{reads_as, SubSchema, Validator};
    /// static SMALL: SubSchema =
    ///     SubSchema::of_type(r##"{"$ref": "#/definitions/Small"}"##, reads_as::<u8>);
    /// static TEXT: SubSchema =
    ///     SubSchema::of_type(r##"{"$ref": "#/definitions/Text"}"##, reads_as::<String>);
    /// assert!(SMALL.matches(&serde_json::json!(200)));
    /// assert!(!SMALL.matches(&serde_json::json!(300)));
    /// let mut v = Validator::new();
    /// v.one_of(&"x", &[&SMALL, &TEXT]);
    /// assert!(v.finish().is_ok());
    /// ```
    pub const fn of_type(json: &'static str, check: TypeCheck) -> Self {
        SubSchema {
            json,
            parsed: std::sync::OnceLock::new(),
            reads_as: Some(check),
        }
    }

    fn parsed(&self) -> &Result<Node, String> {
        self.parsed.get_or_init(|| {
            let value: serde_json::Value = serde_json::from_str(self.json)
                .map_err(|e| format!("the sub-schema is not valid JSON: {e}"))?;
            compile_node(&value).map_err(|e| format!("the sub-schema is invalid: {e}"))
        })
    }

    /// Whether `value` matches; `false` when the sub-schema cannot be parsed.
    ///
    /// ```
    /// use json_structure_runtime::SubSchema;
    /// let s = SubSchema::new(r#"{"type": "int64", "minimum": "10"}"#);
    /// assert!(s.matches(&serde_json::json!("9007199254740993")));
    /// assert!(!s.matches(&serde_json::json!("9")));
    /// ```
    pub fn matches(&self, value: &serde_json::Value) -> bool {
        self.evaluate(&J::from_value(value), false).is_ok()
    }

    /// Why the sub-schema cannot be parsed, or `None` when it can.
    ///
    /// ```
    /// use json_structure_runtime::SubSchema;
    /// assert!(SubSchema::new(r#"{"type": "string"}"#).parse_error().is_none());
    /// assert!(SubSchema::new(r#"{"type": "strnig"}"#).parse_error().is_some());
    /// ```
    pub fn parse_error(&self) -> Option<String> {
        if self.reads_as.is_some() {
            return None;
        }
        self.parsed().as_ref().err().cloned()
    }

    /// Evaluates; a schema that cannot be parsed fails with code `INSTANCE_SCHEMA_INVALID`.
    fn evaluate(&self, value: &J, explain: bool) -> Result<(), Failure> {
        if let Some(check) = self.reads_as {
            let mut text = String::new();
            value.write(&mut text, false);
            return cached_type_check(check, text).map_err(|violations| {
                let first = violations.iter().next();
                Failure {
                    code: first.map_or("INSTANCE_TYPE_MISMATCH", |v| v.code),
                    path: first.map(|v| v.pointer.clone()).unwrap_or_default(),
                    message: if explain {
                        let detail = first.map(|v| v.message.clone()).unwrap_or_default();
                        format!("does not read as {}: {detail}", cut(self.json))
                    } else {
                        String::new()
                    },
                }
            });
        }
        match self.parsed() {
            Ok(node) => Eval { explain }.node(node, value),
            Err(reason) => Err(Failure {
                code: "INSTANCE_SCHEMA_INVALID",
                path: String::new(),
                message: reason.clone(),
            }),
        }
    }
}

/// Results of [`TypeCheck`]s while an outermost one runs (see [`cached_type_check`]).
#[derive(Default)]
struct TypeChecks {
    depth: usize,
    results: std::collections::HashMap<(usize, String), Result<(), Violations>>,
}

thread_local! {
    static TYPE_CHECKS: std::cell::RefCell<TypeChecks> = std::cell::RefCell::default();
}

/// Leaves a [`TypeCheck`] (even by unwinding), forgetting the results when it was the
/// outermost.
struct TypeCheckScope;

impl Drop for TypeCheckScope {
    fn drop(&mut self) {
        TYPE_CHECKS.with(|c| {
            let mut c = c.borrow_mut();
            c.depth = c.depth.saturating_sub(1);
            if c.depth == 0 {
                c.results.clear();
            }
        });
    }
}

/// Runs `check` on `text`, remembering the result while the outermost type check runs.
///
/// Reading a value as a type validates it, which runs the type checks of the values inside
/// it; the ordinary descent of `validate()` then runs those same checks again. In a
/// recursive schema whose `oneOf` references the type itself (a tree of nodes), each level
/// would double the work of the level below: exponential in the document's depth. With the
/// results remembered, each (type, value) pair is read once per outermost check, so the
/// cost stays polynomial (about the document's size times its depth, per level).
fn cached_type_check(check: TypeCheck, text: String) -> Result<(), Violations> {
    let key = (check as usize, text);
    if let Some(hit) = TYPE_CHECKS.with(|c| c.borrow().results.get(&key).cloned()) {
        return hit;
    }
    TYPE_CHECKS.with(|c| c.borrow_mut().depth += 1);
    let scope = TypeCheckScope;
    let result = check(&key.1);
    TYPE_CHECKS.with(|c| {
        let mut c = c.borrow_mut();
        if c.depth > 1 {
            c.results.insert(key, result.clone());
        }
    });
    drop(scope);
    result
}

/// A [`TypeCheck`] for [`SubSchema::of_type`]: whether `json` reads as `T` and validates,
/// with the violations [`from_str`](crate::from_str) reports when it does not.
///
/// ```
/// assert!(json_structure_runtime::reads_as::<Vec<u8>>("[1, 2]").is_ok());
/// assert!(json_structure_runtime::reads_as::<Vec<u8>>("[1, 300]").is_err());
/// ```
pub fn reads_as<T: serde::de::DeserializeOwned + crate::Validate>(
    json: &str,
) -> Result<(), Violations> {
    crate::from_str::<T>(json).map(drop)
}

/// Like [`reads_as`] for a type without a `Validate` impl, with checks of its own on the value
/// read: for a generated type alias (a named primitive such as `type Code = String` with
/// `maxLength`), whose constraints the generator checks where the alias is used, and for a
/// user's type put in place of a generated one.
///
/// ```
/// let short = |json: &str| {
///     json_structure_runtime::reads_as_with::<String>(json, |s, v| v.max_length(s, 3))
/// };
/// assert!(short("\"abc\"").is_ok());
/// assert!(short("\"abcd\"").is_err());
/// ```
pub fn reads_as_with<T: serde::de::DeserializeOwned>(
    json: &str,
    check: impl FnOnce(&T, &mut Validator),
) -> Result<(), Violations> {
    let value = serde_json::from_str::<T>(json).map_err(|e| {
        Violations::from(vec![crate::Violation {
            pointer: String::new(),
            code: "INSTANCE_TYPE_MISMATCH",
            message: e.to_string(),
        }])
    })?;
    let mut v = Validator::new();
    check(&value, &mut v);
    v.finish()
}

// ---------------------------------------------------------------------------
// Validator: uniqueness and sub-schema combinators
// ---------------------------------------------------------------------------

impl SubSchema {
    /// `Err(message)` when the sub-schema cannot be parsed, naming the keyword that uses it.
    fn usable(&self, keyword: &str) -> Result<(), String> {
        match self.parse_error() {
            None => Ok(()),
            Some(reason) => Err(format!(
                "{keyword} cannot be checked, so nothing satisfies it: {reason}"
            )),
        }
    }

    fn is_match(&self, value: &J) -> bool {
        self.evaluate(value, false).is_ok()
    }

    /// Why `value` does not match (`None` when it does); messages are only built on failure.
    fn failure(&self, value: &J) -> Option<Failure> {
        if self.is_match(value) {
            None
        } else {
            self.evaluate(value, true).err()
        }
    }
}

impl Validator {
    /// Converts `value` for a sub-schema, or reports why it cannot be (with `code`).
    fn json_of<T: serde::Serialize + ?Sized>(
        &mut self,
        value: &T,
        code: &'static str,
    ) -> Option<J> {
        match to_j(value) {
            Ok(j) => Some(j),
            Err(e) => {
                self.report(code, format!("value cannot be represented as JSON: {e}"));
                None
            }
        }
    }

    /// Reports (with `code`) when one of `schemas` cannot be parsed; `true` when all can.
    fn schemas_usable(
        &mut self,
        schemas: &[&SubSchema],
        keyword: &str,
        code: &'static str,
    ) -> bool {
        for (i, schema) in schemas.iter().enumerate() {
            let name = if schemas.len() > 1 {
                format!("{keyword} sub-schema {i}")
            } else {
                keyword.to_owned()
            };
            if let Err(message) = schema.usable(&name) {
                self.report(code, message);
                return false;
            }
        }
        true
    }

    /// Checks `uniqueItems` (and set uniqueness): items are compared as JSON values (numbers
    /// by value, so `1` equals `1.0`; object members in any order). Each repeated item is
    /// reported at its own (later) index. `O(n log n)`: items are sorted by their canonical JSON
    /// text.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.unique_items(&[1.0, 2.0, 1.0]);
    /// let err = v.finish().unwrap_err();
    /// let first = err.iter().next().unwrap();
    /// assert_eq!((first.pointer.as_str(), first.code), ("/2", "INSTANCE_SET_DUPLICATE"));
    /// ```
    pub fn unique_items<T: serde::Serialize>(&mut self, items: &[T]) {
        // A value that cannot be written as JSON cannot be sent either; nothing to compare.
        let mut keyed: Vec<(String, usize)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| canonical_text(item).ok().map(|key| (key, i)))
            .collect();
        // Stable, so equal texts stay in index order: the first of a run is the original.
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut repeats: Vec<(usize, usize, &str)> = Vec::new();
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            if let Some(((text, first), later)) = run.split_first() {
                repeats.extend(later.iter().map(|(_, i)| (*i, *first, text.as_str())));
            }
        }
        repeats.sort_unstable_by_key(|r| r.0);
        for (i, first, text) in repeats {
            let shown = cut(text);
            self.index(i, |v| {
                v.report(
                    "INSTANCE_SET_DUPLICATE",
                    format!("item {i} ({shown}) duplicates item {first}; items must be unique"),
                );
            });
        }
    }

    /// Checks `contains` with `minContains` (`min`, default 1) and `maxContains` (`max`):
    /// how many items match `schema`.
    ///
    /// ```
    /// use json_structure_runtime::{SubSchema, Validator};
    /// static BIG: SubSchema = SubSchema::new(r#"{"type": "int32", "minimum": 100}"#);
    /// let mut v = Validator::new();
    /// v.contains(&[1, 200], &BIG, None, None);
    /// assert!(v.finish().is_ok());
    /// let mut v = Validator::new();
    /// v.contains(&[1, 2], &BIG, None, None);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_MIN_CONTAINS");
    /// ```
    pub fn contains<T: serde::Serialize>(
        &mut self,
        items: &[T],
        schema: &SubSchema,
        min: Option<usize>,
        max: Option<usize>,
    ) {
        if !self.schemas_usable(&[schema], "contains", "INSTANCE_MIN_CONTAINS") {
            return;
        }
        let min = min.unwrap_or(1);
        let count = items
            .iter()
            .filter(|item| to_j(*item).is_ok_and(|j| schema.is_match(&j)))
            .count();
        if count < min {
            self.report(
                "INSTANCE_MIN_CONTAINS",
                format!(
                    "array has {} matching the contains schema, fewer than minContains {min}",
                    plural(count, "item", "items")
                ),
            );
        }
        if let Some(max) = max.filter(|&max| count > max) {
            self.report(
                "INSTANCE_MAX_CONTAINS",
                format!(
                    "array has {} matching the contains schema, more than maxContains {max}",
                    plural(count, "item", "items")
                ),
            );
        }
    }

    fn names_match<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
        schema: &SubSchema,
        keyword: &str,
        code: &'static str,
    ) {
        if !self.schemas_usable(&[schema], keyword, code) {
            return;
        }
        for name in names {
            if let Some(failure) = schema.failure(&J::Str(name.to_owned())) {
                self.field(name, |v| {
                    v.report(
                        code,
                        format!(
                            "name {} does not match {keyword}: {}",
                            shown(name),
                            failure.text()
                        ),
                    );
                });
            }
        }
    }

    /// Checks `keyNames`: every map key must match `schema` (a string schema). Each bad key is
    /// reported at its entry.
    ///
    /// ```
    /// use json_structure_runtime::{SubSchema, Validator};
    /// static KEY: SubSchema = SubSchema::new(r#"{"type": "string", "pattern": "^[a-z]+$"}"#);
    /// let mut v = Validator::new();
    /// v.key_names(["ok", "Bad"], &KEY);
    /// let err = v.finish().unwrap_err();
    /// let first = err.iter().next().unwrap();
    /// assert_eq!((first.pointer.as_str(), first.code), ("/Bad", "INSTANCE_MAP_KEY_INVALID"));
    /// ```
    pub fn key_names<'a>(&mut self, keys: impl IntoIterator<Item = &'a str>, schema: &SubSchema) {
        self.names_match(keys, schema, "keyNames", "INSTANCE_MAP_KEY_INVALID");
    }

    /// Checks `propertyNames`: every member name must match `schema` (a string schema). Each
    /// bad name is reported at its member.
    ///
    /// ```
    /// use json_structure_runtime::{SubSchema, Validator};
    /// static NAME: SubSchema = SubSchema::new(r#"{"maxLength": 3}"#);
    /// let mut v = Validator::new();
    /// v.property_names(["abc", "abcd"], &NAME);
    /// let err = v.finish().unwrap_err();
    /// let first = err.iter().next().unwrap();
    /// assert_eq!((first.pointer.as_str(), first.code), ("/abcd", "INSTANCE_PROPERTY_NAME_INVALID"));
    /// ```
    pub fn property_names<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
        schema: &SubSchema,
    ) {
        self.names_match(
            names,
            schema,
            "propertyNames",
            "INSTANCE_PROPERTY_NAME_INVALID",
        );
    }

    /// Checks `patternProperties`: every member whose name matches `pattern` must match
    /// `schema`. A failing member is reported at its own pointer, with the code of the first
    /// keyword of `schema` it breaks (such as `INSTANCE_STRING_MAX_LENGTH`); a pattern that
    /// cannot be compiled is reported as `INSTANCE_PATTERN_INVALID`, and a sub-schema that
    /// cannot be parsed as `INSTANCE_SCHEMA_INVALID`.
    ///
    /// ```
    /// use json_structure_runtime::{Pattern, SubSchema, Validator};
    /// static X: Pattern = Pattern::new("^x-");
    /// static STR: SubSchema = SubSchema::new(r#"{"type": "string"}"#);
    /// let (a, b, c) = (serde_json::json!("yes"), serde_json::json!(1), serde_json::json!(2));
    /// let mut v = Validator::new();
    /// v.pattern_properties(&[("x-a", &a), ("x-b", &b), ("other", &c)], &X, &STR);
    /// let err = v.finish().unwrap_err();
    /// assert_eq!(err.len(), 1);
    /// assert_eq!(err.iter().next().unwrap().pointer, "/x-b");
    /// ```
    pub fn pattern_properties<T: serde::Serialize>(
        &mut self,
        members: &[(&str, &T)],
        pattern: &Pattern,
        schema: &SubSchema,
    ) {
        if let Err(reason) = pattern.compiled() {
            self.report("INSTANCE_PATTERN_INVALID", reason.clone());
            return;
        }
        if !self.schemas_usable(&[schema], "patternProperties", "INSTANCE_SCHEMA_INVALID") {
            return;
        }
        for &(name, value) in members {
            if !pattern.is_match(name) {
                continue;
            }
            self.field(name, |v| {
                let Some(j) = v.json_of(value, "INSTANCE_TYPE_MISMATCH") else {
                    return;
                };
                if let Some(failure) = schema.failure(&j) {
                    v.report(
                        failure.code,
                        format!(
                            "member {} matches patternProperties {} but not its schema: {}",
                            shown(name),
                            shown(pattern.source),
                            failure.text()
                        ),
                    );
                }
            });
        }
    }

    /// Checks `not`: `value` must not match `schema`.
    ///
    /// ```
    /// use json_structure_runtime::{SubSchema, Validator};
    /// static EMPTY: SubSchema = SubSchema::new(r#"{"type": "string", "maxLength": 0}"#);
    /// let mut v = Validator::new();
    /// v.not("x", &EMPTY);
    /// assert!(v.finish().is_ok());
    /// let mut v = Validator::new();
    /// v.not("", &EMPTY);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_NOT_MATCHED");
    /// ```
    pub fn not<T: serde::Serialize + ?Sized>(&mut self, value: &T, schema: &SubSchema) {
        const CODE: &str = "INSTANCE_NOT_MATCHED";
        if !self.schemas_usable(&[schema], "not", CODE) {
            return;
        }
        let Some(j) = self.json_of(value, CODE) else {
            return;
        };
        if schema.is_match(&j) {
            self.report(
                CODE,
                format!(
                    "value {} matches the `not` schema {}, so it is not allowed",
                    j.shown(),
                    cut(schema.json)
                ),
            );
        }
    }

    /// Checks `anyOf`: `value` must match at least one of `schemas`.
    ///
    /// ```
    /// use json_structure_runtime::{SubSchema, Validator};
    /// static S: SubSchema = SubSchema::new(r#"{"type": "string"}"#);
    /// static N: SubSchema = SubSchema::new(r#"{"type": "null"}"#);
    /// let mut v = Validator::new();
    /// v.any_of(&Option::<String>::None, &[&S, &N]);
    /// assert!(v.finish().is_ok());
    /// let mut v = Validator::new();
    /// v.any_of(&1, &[&S, &N]);
    /// assert_eq!(
    ///     v.finish().unwrap_err().iter().next().unwrap().code,
    ///     "INSTANCE_ANY_OF_NONE_MATCHED"
    /// );
    /// ```
    pub fn any_of<T: serde::Serialize + ?Sized>(&mut self, value: &T, schemas: &[&SubSchema]) {
        const CODE: &str = "INSTANCE_ANY_OF_NONE_MATCHED";
        if !self.schemas_usable(schemas, "anyOf", CODE) {
            return;
        }
        let Some(j) = self.json_of(value, CODE) else {
            return;
        };
        if schemas.iter().any(|s| s.is_match(&j)) {
            return;
        }
        let reasons: Vec<String> = schemas
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.failure(&j).map(|f| format!("[{i}] {}", f.text())))
            .collect();
        self.report(
            CODE,
            format!(
                "value {} matches none of the {} anyOf schemas: {}",
                j.shown(),
                schemas.len(),
                reasons.join("; ")
            ),
        );
    }

    /// Checks `oneOf`: `value` must match exactly one of `schemas`.
    ///
    /// ```
    /// use json_structure_runtime::{SubSchema, Validator};
    /// static SMALL: SubSchema = SubSchema::new(r#"{"maximum": 10}"#);
    /// static EVEN: SubSchema = SubSchema::new(r#"{"multipleOf": 2}"#);
    /// let mut v = Validator::new();
    /// v.one_of(&3, &[&SMALL, &EVEN]);
    /// assert!(v.finish().is_ok());
    /// let mut v = Validator::new();
    /// v.one_of(&4, &[&SMALL, &EVEN]);
    /// assert_eq!(
    ///     v.finish().unwrap_err().iter().next().unwrap().code,
    ///     "INSTANCE_ONE_OF_INVALID_COUNT"
    /// );
    /// ```
    pub fn one_of<T: serde::Serialize + ?Sized>(&mut self, value: &T, schemas: &[&SubSchema]) {
        const CODE: &str = "INSTANCE_ONE_OF_INVALID_COUNT";
        if !self.schemas_usable(schemas, "oneOf", CODE) {
            return;
        }
        let Some(j) = self.json_of(value, CODE) else {
            return;
        };
        let matching: Vec<usize> = schemas
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_match(&j))
            .map(|(i, _)| i)
            .collect();
        match matching.len() {
            1 => {}
            0 => {
                let reasons: Vec<String> = schemas
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| s.failure(&j).map(|f| format!("[{i}] {}", f.text())))
                    .collect();
                self.report(
                    CODE,
                    format!(
                        "value {} must match exactly one of the {} oneOf schemas, found none: {}",
                        j.shown(),
                        schemas.len(),
                        reasons.join("; ")
                    ),
                );
            }
            n => {
                let list: Vec<String> = matching.iter().map(usize::to_string).collect();
                self.report(
                    CODE,
                    format!(
                        "value {} must match exactly one of the {} oneOf schemas, found {n} (schemas {})",
                        j.shown(),
                        schemas.len(),
                        list.join(", ")
                    ),
                );
            }
        }
    }

    /// Checks `if`/`then`/`else`: when `value` matches `condition` it must match `then` (if
    /// given), otherwise it must match `otherwise` (if given).
    ///
    /// ```
    /// use json_structure_runtime::{SubSchema, Validator};
    /// static NEG: SubSchema = SubSchema::new(r#"{"exclusiveMaximum": 0}"#);
    /// static EVEN: SubSchema = SubSchema::new(r#"{"multipleOf": 2}"#);
    /// let mut v = Validator::new();
    /// v.if_then_else(&-4, &NEG, Some(&EVEN), None);
    /// v.if_then_else(&3, &NEG, Some(&EVEN), None);
    /// assert!(v.finish().is_ok());
    /// let mut v = Validator::new();
    /// v.if_then_else(&-3, &NEG, Some(&EVEN), None);
    /// assert_eq!(
    ///     v.finish().unwrap_err().iter().next().unwrap().code,
    ///     "INSTANCE_IF_THEN_ELSE_FAILED"
    /// );
    /// ```
    pub fn if_then_else<T: serde::Serialize + ?Sized>(
        &mut self,
        value: &T,
        condition: &SubSchema,
        then: Option<&SubSchema>,
        otherwise: Option<&SubSchema>,
    ) {
        const CODE: &str = "INSTANCE_IF_THEN_ELSE_FAILED";
        let mut all = vec![condition];
        all.extend(then);
        all.extend(otherwise);
        if !self.schemas_usable(&all, "if/then/else", CODE) {
            return;
        }
        let Some(j) = self.json_of(value, CODE) else {
            return;
        };
        let (branch, matched, keyword) = if condition.is_match(&j) {
            (then, "matches", "then")
        } else {
            (otherwise, "does not match", "else")
        };
        if let Some(failure) = branch.and_then(|b| b.failure(&j)) {
            self.report(
                CODE,
                format!(
                    "value {} {matched} the `if` schema, so it must match `{keyword}`: {}",
                    j.shown(),
                    failure.text()
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Canonical JSON text straight from `Serialize` (for `unique_items`)
// ---------------------------------------------------------------------------

/// Writes the canonical JSON text of a value (members sorted by name, numbers in plain
/// normalized form), the same text as [`J::canonical`], without building a [`J`] first.
struct Canon<'a> {
    out: &'a mut String,
}

fn canonical_text<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, JError> {
    let mut out = String::new();
    value.serialize(Canon { out: &mut out })?;
    Ok(out)
}

fn push_display(out: &mut String, value: impl std::fmt::Display) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{value}");
}

fn push_float(out: &mut String, finite: bool, text: &str) {
    match Dec::parse(text).filter(|_| finite) {
        Some(d) => out.push_str(&d.plain()),
        None => out.push_str("null"),
    }
}

struct CanonSeq<'a> {
    out: &'a mut String,
    first: bool,
    /// Written after `]` (closes a variant wrapper).
    suffix: &'static str,
}

impl CanonSeq<'_> {
    fn element<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        value.serialize(Canon {
            out: &mut *self.out,
        })
    }

    fn finish(self) {
        self.out.push(']');
        self.out.push_str(self.suffix);
    }
}

struct CanonMap<'a> {
    out: &'a mut String,
    /// Member names and where their values' texts are in `values`.
    entries: Vec<(Cow<'static, str>, std::ops::Range<usize>)>,
    values: String,
    key: Option<String>,
    suffix: &'static str,
}

impl<'a> CanonMap<'a> {
    fn new(out: &'a mut String, len: Option<usize>, suffix: &'static str) -> Self {
        CanonMap {
            out,
            entries: Vec::with_capacity(capacity(len)),
            values: String::new(),
            key: None,
            suffix,
        }
    }

    fn entry<T: serde::Serialize + ?Sized>(
        &mut self,
        key: Cow<'static, str>,
        value: &T,
    ) -> Result<(), JError> {
        let start = self.values.len();
        value.serialize(Canon {
            out: &mut self.values,
        })?;
        self.entries.push((key, start..self.values.len()));
        Ok(())
    }

    fn finish(mut self) {
        // Stable: of repeated names, the last one written wins (as in a map insert).
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.out.push('{');
        let mut first = true;
        let mut entries = self.entries.into_iter().peekable();
        while let Some((key, range)) = entries.next() {
            if entries.peek().is_some_and(|next| next.0 == key) {
                continue;
            }
            if !first {
                self.out.push(',');
            }
            first = false;
            push_json_string(self.out, &key);
            self.out.push(':');
            self.out
                .push_str(self.values.get(range).unwrap_or_default());
        }
        self.out.push('}');
        self.out.push_str(self.suffix);
    }
}

fn open_variant(out: &mut String, variant: &str) {
    out.push('{');
    push_json_string(out, variant);
    out.push(':');
}

macro_rules! canon_ints {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), JError> {
            push_display(self.out, v);
            Ok(())
        })*
    };
}

impl<'a> serde::Serializer for Canon<'a> {
    type Ok = ();
    type Error = JError;
    type SerializeSeq = CanonSeq<'a>;
    type SerializeTuple = CanonSeq<'a>;
    type SerializeTupleStruct = CanonSeq<'a>;
    type SerializeTupleVariant = CanonSeq<'a>;
    type SerializeMap = CanonMap<'a>;
    type SerializeStruct = CanonMap<'a>;
    type SerializeStructVariant = CanonMap<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), JError> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    canon_ints!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128,
    );

    fn serialize_f32(self, v: f32) -> Result<(), JError> {
        push_float(self.out, v.is_finite(), &v.to_string());
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), JError> {
        push_float(self.out, v.is_finite(), &v.to_string());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), JError> {
        push_json_string(self.out, v.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), JError> {
        push_json_string(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), JError> {
        self.out.push('[');
        for (i, b) in v.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_display(self.out, b);
        }
        self.out.push(']');
        Ok(())
    }

    fn serialize_none(self) -> Result<(), JError> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_some<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<(), JError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), JError> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), JError> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), JError> {
        push_json_string(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), JError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), JError> {
        open_variant(self.out, variant);
        value.serialize(Canon {
            out: &mut *self.out,
        })?;
        self.out.push('}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<CanonSeq<'a>, JError> {
        self.out.push('[');
        Ok(CanonSeq {
            out: self.out,
            first: true,
            suffix: "",
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<CanonSeq<'a>, JError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<CanonSeq<'a>, JError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<CanonSeq<'a>, JError> {
        open_variant(self.out, variant);
        self.out.push('[');
        Ok(CanonSeq {
            out: self.out,
            first: true,
            suffix: "}",
        })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<CanonMap<'a>, JError> {
        Ok(CanonMap::new(self.out, len, ""))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<CanonMap<'a>, JError> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<CanonMap<'a>, JError> {
        open_variant(self.out, variant);
        Ok(CanonMap::new(self.out, Some(len), "}"))
    }
}

impl serde::ser::SerializeSeq for CanonSeq<'_> {
    type Ok = ();
    type Error = JError;

    fn serialize_element<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        self.element(value)
    }

    fn end(self) -> Result<(), JError> {
        self.finish();
        Ok(())
    }
}

impl serde::ser::SerializeTuple for CanonSeq<'_> {
    type Ok = ();
    type Error = JError;

    fn serialize_element<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        self.element(value)
    }

    fn end(self) -> Result<(), JError> {
        self.finish();
        Ok(())
    }
}

impl serde::ser::SerializeTupleStruct for CanonSeq<'_> {
    type Ok = ();
    type Error = JError;

    fn serialize_field<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        self.element(value)
    }

    fn end(self) -> Result<(), JError> {
        self.finish();
        Ok(())
    }
}

impl serde::ser::SerializeTupleVariant for CanonSeq<'_> {
    type Ok = ();
    type Error = JError;

    fn serialize_field<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        self.element(value)
    }

    fn end(self) -> Result<(), JError> {
        self.finish();
        Ok(())
    }
}

impl serde::ser::SerializeMap for CanonMap<'_> {
    type Ok = ();
    type Error = JError;

    fn serialize_key<T: serde::Serialize + ?Sized>(&mut self, key: &T) -> Result<(), JError> {
        self.key = Some(key_string(key.serialize(ToJ)?)?);
        Ok(())
    }

    fn serialize_value<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| JError("a map value was serialized without a key".to_owned()))?;
        self.entry(Cow::Owned(key), value)
    }

    fn end(self) -> Result<(), JError> {
        self.finish();
        Ok(())
    }
}

impl serde::ser::SerializeStruct for CanonMap<'_> {
    type Ok = ();
    type Error = JError;

    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JError> {
        self.entry(Cow::Borrowed(key), value)
    }

    fn end(self) -> Result<(), JError> {
        self.finish();
        Ok(())
    }
}

impl serde::ser::SerializeStructVariant for CanonMap<'_> {
    type Ok = ();
    type Error = JError;

    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JError> {
        self.entry(Cow::Borrowed(key), value)
    }

    fn end(self) -> Result<(), JError> {
        self.finish();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recursive type whose member is `oneOf: [{"$ref": Node}, {"type": "string"}]`, as
    /// generated code checks it.
    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct TreeNode {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        child: Option<Box<TreeNode>>,
    }

    static TREE_READS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    fn read_tree(json: &str) -> Result<(), Violations> {
        TREE_READS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        reads_as::<TreeNode>(json)
    }

    static NODE: SubSchema = SubSchema::of_type(r##"{"$ref": "#/definitions/Node"}"##, read_tree);
    static TEXT: SubSchema = SubSchema::new(r#"{"type": "string"}"#);

    impl crate::Validate for TreeNode {
        fn validate_into(&self, v: &mut Validator) {
            if let Some(child) = &self.child {
                v.field("child", |v| {
                    v.one_of(child, &[&NODE, &TEXT]);
                    v.check(child);
                });
            }
        }
    }

    #[test]
    fn type_checks_of_recursive_types_take_polynomial_time() {
        // Each level's oneOf reads the subtree as a TreeNode, which validates it, and the
        // ordinary descent validates it again: without remembering results, 2^depth reads.
        let depth = 40;
        let doc = format!("{}{{}}{}", "{\"child\": ".repeat(depth), "}".repeat(depth));
        assert!(crate::from_str::<TreeNode>(&doc).is_ok());
        let reads = TREE_READS.load(std::sync::atomic::Ordering::Relaxed);
        assert!(reads <= depth * depth, "{reads} reads for depth {depth}");
        // A bad leaf deep down is still found, at its own place.
        let bad = format!("{}1{}", "{\"child\": ".repeat(depth), "}".repeat(depth));
        let err = crate::from_str::<TreeNode>(&bad).unwrap_err();
        assert!(
            err.iter().any(|v| v.code == "INSTANCE_TYPE_MISMATCH"),
            "{err}"
        );
    }

    fn codes(run: impl FnOnce(&mut Validator)) -> Vec<&'static str> {
        let mut v = Validator::new();
        run(&mut v);
        match v.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e.iter().map(|x| x.code).collect(),
        }
    }

    fn messages(run: impl FnOnce(&mut Validator)) -> Vec<String> {
        let mut v = Validator::new();
        run(&mut v);
        match v.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e.iter().map(|x| x.message.clone()).collect(),
        }
    }

    #[test]
    fn dec_parse_and_order() {
        let d = |s: &str| Dec::parse(s).unwrap();
        assert_eq!(d("0.10"), d("0.1"));
        assert_eq!(d("-0"), d("0"));
        assert_eq!(d("007.50"), d("7.5"));
        assert!(d("0.125") > d("0.12"));
        assert!(d("-0.125") < d("-0.12"));
        assert!(d("10") > d("9.999"));
        assert!(d("-10") < d("-9.999"));
        assert!(d("0.001") > d("-1000"));
        assert!(d("100") > d("0.5"));
        for bad in [
            "", "-", ".5", "5.", "1e3", "+1", "NaN", "inf", "1.2.3", " 1", "1_0",
        ] {
            assert!(Dec::parse(bad).is_none(), "{bad}");
        }
        assert!(d("12").is_integer());
        assert!(d("12.000").is_integer());
        assert!(!d("12.5").is_integer());
        assert!(d("1200").is_integer());
        assert_eq!(d("-1.50").plain(), "-1.5");
        assert_eq!(d("0.0010").plain(), "0.001");
        assert_eq!(d("100").plain(), "100");
    }

    #[test]
    fn multiple_of_exact() {
        let m = |a: &str, b: &str| {
            Dec::parse(a)
                .unwrap()
                .is_multiple_of(&Dec::parse(b).unwrap())
        };
        assert_eq!(m("0.3", "0.1"), Some(true));
        assert_eq!(m("0.3", "0.01"), Some(true));
        assert_eq!(m("0.35", "0.1"), Some(false));
        assert_eq!(m("0", "7"), Some(true));
        assert_eq!(m("-14", "7"), Some(true));
        assert_eq!(m("5", "0"), None);
        assert_eq!(m("5", "-1"), None);
        assert_eq!(
            m("340282366920938463463374607431768211455", "5"),
            Some(true)
        );
        assert_eq!(
            m("340282366920938463463374607431768211455", "2"),
            Some(false)
        );
        // A divisor too long for u128 uses the schoolbook path.
        let big = "123456789012345678901234567890123456789012345";
        let prod = "246913578024691357802469135780246913578024690";
        assert_eq!(m(prod, big), Some(true));
        assert_eq!(
            m("246913578024691357802469135780246913578024691", big),
            Some(false)
        );
        assert_eq!(m(&format!("{prod}000"), big), Some(true));
        assert_eq!(m(&format!("{big}.5"), &format!("{big}.5")), Some(true));
    }

    #[test]
    fn min_length_counts_chars() {
        assert!(codes(|v| v.min_length("日本", 2)).is_empty());
        assert_eq!(
            codes(|v| v.min_length("日本", 3)),
            ["INSTANCE_STRING_MIN_LENGTH"]
        );
        assert!(codes(|v| v.min_length("", 0)).is_empty());
        assert_eq!(
            messages(|v| v.min_length("a", 2)),
            ["string has 1 character, fewer than minLength 2"]
        );
    }

    #[test]
    fn bounds_are_inclusive_or_exclusive() {
        assert!(codes(|v| v.minimum(&5i32, "5")).is_empty());
        assert!(codes(|v| v.maximum(&5i32, "5")).is_empty());
        assert_eq!(
            codes(|v| v.minimum(&4i32, "5")),
            ["INSTANCE_NUMBER_MINIMUM"]
        );
        assert_eq!(
            codes(|v| v.maximum(&6i32, "5")),
            ["INSTANCE_NUMBER_MAXIMUM"]
        );
        assert_eq!(
            codes(|v| v.exclusive_minimum(&5i32, "5")),
            ["INSTANCE_NUMBER_EXCLUSIVE_MINIMUM"]
        );
        assert_eq!(
            codes(|v| v.exclusive_maximum(&5i32, "5")),
            ["INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM"]
        );
        assert!(codes(|v| v.exclusive_minimum(&5.000001f64, "5")).is_empty());
        assert!(codes(|v| v.exclusive_maximum(&4.999999f64, "5")).is_empty());
        assert_eq!(
            messages(|v| v.minimum(&-1i8, "0")),
            ["value -1 is less than minimum 0"]
        );
    }

    #[test]
    fn extreme_integers_compare_exactly() {
        assert!(
            codes(|v| v.maximum(&u128::MAX, "340282366920938463463374607431768211455")).is_empty()
        );
        assert_eq!(
            codes(|v| v.maximum(&u128::MAX, "340282366920938463463374607431768211454")),
            ["INSTANCE_NUMBER_MAXIMUM"]
        );
        assert!(
            codes(|v| v.minimum(&i128::MIN, "-170141183460469231731687303715884105728")).is_empty()
        );
        assert_eq!(
            codes(|v| v.minimum(&i128::MIN, "-170141183460469231731687303715884105727")),
            ["INSTANCE_NUMBER_MINIMUM"]
        );
        // 2^53 + 1 is not representable as f64; exact comparison still sees it.
        assert_eq!(
            codes(|v| v.maximum(&9_007_199_254_740_993u64, "9007199254740992")),
            ["INSTANCE_NUMBER_MAXIMUM"]
        );
        assert_eq!(
            codes(|v| v.exclusive_maximum(&i64::MAX, "9223372036854775807")),
            ["INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM"]
        );
        assert!(codes(|v| v.multiple_of(&u128::MAX, "5")).is_empty());
        assert!(codes(|v| v.multiple_of(&i128::MIN, "2")).is_empty());
    }

    #[test]
    fn decimals_and_floats() {
        let dec: crate::Decimal = "12345678901234567890.123456789012345678901"
            .parse()
            .unwrap();
        assert!(
            codes(|v| v.minimum(&dec, "12345678901234567890.123456789012345678901")).is_empty()
        );
        assert_eq!(
            codes(|v| v.minimum(&dec, "12345678901234567890.123456789012345678902")),
            ["INSTANCE_NUMBER_MINIMUM"]
        );
        assert!(codes(|v| v.multiple_of(&0.3f64, "0.1")).is_empty());
        assert!(codes(|v| v.multiple_of(&0.3f64, "0.01")).is_empty());
        assert!(codes(|v| v.multiple_of(&0.3f32, "0.1")).is_empty());
        assert_eq!(
            codes(|v| v.multiple_of(&0.35f64, "0.1")),
            ["INSTANCE_NUMBER_MULTIPLE_OF"]
        );
        assert!(codes(|v| v.multiple_of(&dec, "0.000000000000000000001")).is_empty());
        assert!(codes(|v| v.multiple_of("19.99", "0.01")).is_empty());
        let big = format!("1{}", "0".repeat(300));
        assert!(codes(|v| v.maximum(&1e300f64, &big)).is_empty());
        assert!(codes(|v| v.exclusive_minimum(&1e-300f64, "0")).is_empty());
        assert_eq!(
            codes(|v| v.exclusive_maximum(&-0.0f64, "0")),
            ["INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM"]
        );
    }

    #[test]
    fn non_finite_and_bad_bounds_are_violations() {
        for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(codes(|v| v.minimum(&f, "0")), ["INSTANCE_NUMBER_MINIMUM"]);
            assert_eq!(codes(|v| v.maximum(&f, "0")), ["INSTANCE_NUMBER_MAXIMUM"]);
            assert_eq!(
                codes(|v| v.multiple_of(&f, "1")),
                ["INSTANCE_NUMBER_MULTIPLE_OF"]
            );
        }
        assert_eq!(
            codes(|v| v.minimum(&f32::NAN, "0")),
            ["INSTANCE_NUMBER_MINIMUM"]
        );
        assert_eq!(
            codes(|v| v.minimum(&1i32, "one")),
            ["INSTANCE_NUMBER_MINIMUM"]
        );
        assert_eq!(
            codes(|v| v.maximum(&1i32, "1e3")),
            ["INSTANCE_NUMBER_MAXIMUM"]
        );
        assert_eq!(
            codes(|v| v.multiple_of(&1i32, "0")),
            ["INSTANCE_NUMBER_MULTIPLE_OF"]
        );
        assert_eq!(
            codes(|v| v.multiple_of(&1i32, "-2")),
            ["INSTANCE_NUMBER_MULTIPLE_OF"]
        );
        assert_eq!(
            codes(|v| v.multiple_of(&1i32, "")),
            ["INSTANCE_NUMBER_MULTIPLE_OF"]
        );
        let m = messages(|v| v.minimum(&1i32, "one"));
        assert!(m[0].contains("not a plain decimal"), "{m:?}");
    }

    #[test]
    fn sizes() {
        assert!(codes(|v| v.min_items(2, 2)).is_empty());
        assert_eq!(codes(|v| v.min_items(1, 2)), ["INSTANCE_MIN_ITEMS"]);
        assert!(codes(|v| v.max_items(2, 2)).is_empty());
        assert_eq!(codes(|v| v.max_items(3, 2)), ["INSTANCE_MAX_ITEMS"]);
        assert!(codes(|v| v.min_properties(1, 1)).is_empty());
        assert_eq!(
            codes(|v| v.min_properties(0, 1)),
            ["INSTANCE_MIN_PROPERTIES"]
        );
        assert!(codes(|v| v.max_properties(1, 1)).is_empty());
        assert_eq!(
            codes(|v| v.max_properties(2, 1)),
            ["INSTANCE_MAX_PROPERTIES"]
        );
        assert!(codes(|v| v.min_entries(1, 1)).is_empty());
        assert_eq!(codes(|v| v.min_entries(0, 1)), ["INSTANCE_MAP_MIN_ENTRIES"]);
        assert!(codes(|v| v.max_entries(1, 1)).is_empty());
        assert_eq!(codes(|v| v.max_entries(2, 1)), ["INSTANCE_MAP_MAX_ENTRIES"]);
        assert_eq!(
            messages(|v| v.max_items(3, 2)),
            ["array has 3 items, more than maxItems 2"]
        );
    }

    #[test]
    fn dependent_required_reports_each_missing_member() {
        assert!(codes(|v| v.dependent_required(&["a"], "b", &["c"])).is_empty());
        assert!(codes(|v| v.dependent_required(&["b", "c"], "b", &["c"])).is_empty());
        let mut v = Validator::new();
        v.field("pay", |v| {
            v.dependent_required(&["card"], "card", &["name", "zip"])
        });
        let err = v.finish().unwrap_err();
        let got: Vec<_> = err.iter().map(|x| (x.pointer.as_str(), x.code)).collect();
        assert_eq!(
            got,
            [
                ("/pay/name", "INSTANCE_DEPENDENT_REQUIRED"),
                ("/pay/zip", "INSTANCE_DEPENDENT_REQUIRED")
            ]
        );
    }

    fn matches(pattern: &str, s: &str) -> bool {
        let re = compile_pattern(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        re.is_match(s)
    }

    #[test]
    fn ecmascript_classes_are_ascii() {
        assert!(matches(r"^\d+$", "0123456789"));
        assert!(!matches(r"\d", "٣")); // ARABIC-INDIC DIGIT THREE
        assert!(matches(r"^\D$", "٣"));
        assert!(!matches(r"\w", "é"));
        assert!(matches(r"^\W$", "é"));
        assert!(matches(r"^\w+$", "A_z9"));
        assert!(matches(r"^[\d]+$", "42"));
        assert!(!matches(r"[\d]", "٣"));
        assert!(!matches(r"[\w]", "é"));
        assert!(matches(r"^[\W]$", "é"));
        assert!(matches(r"^[^\D]$", "7"));
        // ASCII word boundary: é is not a word character.
        assert!(matches(r"\bfoo\b", "éfooé"));
        assert!(!matches(r"\bfoo\b", "xfoo"));
        assert!(matches(r"o\B", "foo"));
        assert!(matches(r"^[\b]$", "\u{8}"));
    }

    #[test]
    fn ecmascript_space_and_dot() {
        for s in [
            "\u{FEFF}", "\u{A0}", "\u{2028}", "\u{3000}", "\t", "\u{B}", " ",
        ] {
            assert!(matches(r"^\s$", s), "{s:?}");
            assert!(matches(r"^[\s]$", s), "{s:?}");
            assert!(!matches(r"\S", s), "{s:?}");
        }
        assert!(!matches(r"\s", "\u{85}"));
        assert!(matches(r"^\S$", "\u{85}"));
        assert!(matches(r"^.$", "😀"));
        for s in ["\n", "\r", "\u{2028}", "\u{2029}"] {
            assert!(!matches("^.$", s), "{s:?}");
        }
        assert!(matches("^[^]$", "\n"));
        assert!(!matches("[]", "anything"));
        assert!(!matches("a$", "a\n"));
    }

    #[test]
    fn ecmascript_escapes_and_literals() {
        assert!(matches(r"^\u00e9$", "é"));
        assert!(matches(r"^\uD83D\uDE00$", "😀"));
        assert!(matches(r"^\u{1F600}$", "😀"));
        assert!(matches(r"^\x41\cJ$", "A\n"));
        assert!(matches(r"^a\/b$", "a/b"));
        assert!(matches(r"^\$\.\*$", "$.*"));
        assert!(matches(r"^[\w-]+$", "a-b"));
        assert!(matches(r"^[\d-x]+$", "1-x"));
        assert!(!matches(r"^[\d-x]+$", "a"));
        assert!(matches(r"^[a&&b~~c[]+$", "&~[ab"));
        assert!(matches(r"^a{$", "a{"));
        assert!(matches(r"^a{,5}$", "a{,5}"));
        assert!(matches(r"^x{2}$", "xx"));
        assert!(matches(r"^x{2,}$", "xxx"));
        assert!(matches(r"^x{1,2}}$", "x}"));
        assert!(matches(r"^\p{Lu}+$", "ÀB"));
        assert!(matches(r"^(?<year>\d{4})$", "2024"));
        assert!(matches(r"^\0$", "\0"));
        // Unanchored search, like RegExp.prototype.test.
        assert!(matches("b", "abc"));
    }

    #[test]
    fn unsupported_and_invalid_patterns() {
        for p in [
            "(?=a)",
            "(?!a)",
            "(?<=a)b",
            "(?<!a)b",
            r"(a)\1",
            r"(?<n>a)\k<n>",
        ] {
            let err = check_pattern(p).unwrap_err();
            assert!(err.contains("not supported"), "{p}: {err}");
        }
        for p in [
            "(",
            "[a-",
            "a)",
            r"\",
            "*a",
            r"\q",
            r"\uD800",
            r"\u{110000}",
            r"\01",
            r"\c1",
        ] {
            assert!(check_pattern(p).is_err(), "{p}");
        }
        assert!(check_pattern("").is_ok());
        let p = Pattern::new("(?=x)");
        assert!(!p.is_match("x"));
        assert!(p.compile_error().is_some());
        assert_eq!(codes(|v| v.pattern("x", &p)), ["INSTANCE_PATTERN_INVALID"]);
        let bad = Pattern::new("(");
        let m = messages(|v| v.pattern("x", &bad));
        assert!(!m[0].contains('\n'), "{m:?}");
    }

    #[test]
    fn pattern_in_a_static() {
        static P: Pattern = Pattern::new("^[a-z]+$");
        assert!(P.is_match("abc"));
        assert!(!P.is_match("abc1"));
        assert_eq!(P.source(), "^[a-z]+$");
        assert!(P.compile_error().is_none());
        assert!(codes(|v| v.pattern("abc", &P)).is_empty());
        assert_eq!(
            codes(|v| v.pattern("ABC", &P)),
            ["INSTANCE_STRING_PATTERN_MISMATCH"]
        );
        assert_eq!(
            messages(|v| v.pattern("ABC", &P)),
            [r#"string "ABC" does not match pattern "^[a-z]+$""#]
        );
    }

    #[test]
    fn no_catastrophic_backtracking() {
        static P: Pattern = Pattern::new("(a+)+$");
        static Q: Pattern = Pattern::new("^(a|aa)+$");
        let input = format!("{}!", "a".repeat(50_000));
        let start = std::time::Instant::now();
        assert!(!P.is_match(&input));
        assert!(!Q.is_match(&input));
        let mut v = Validator::new();
        v.pattern(&input, &Q);
        assert!(v.finish().is_err());
        assert!(
            start.elapsed() < std::time::Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
    }

    fn format_ok(format: &str, value: &str) -> bool {
        check_format(value, format).is_ok()
    }

    #[test]
    fn formats_valid_and_invalid() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "email",
                &[
                    "a@example.com",
                    "first.last+tag@sub.example.org",
                    "\"a b\"@x.io",
                    "x@[192.0.2.1]",
                    "x@[IPv6:::1]",
                    "o'neil@example.com",
                ],
                &[
                    "",
                    "plain",
                    "@example.com",
                    "a@",
                    "a..b@x.io",
                    ".a@x.io",
                    "a.@x.io",
                    "a b@x.io",
                    "a@-x.io",
                    "a@x_y.io",
                    "é@x.io",
                    "a@[300.1.1.1]",
                    "\"a\"b\"@x.io",
                ],
            ),
            (
                "idn-email",
                &["é@exämple.com", "用户@例子.广告"],
                &["plain", "a@", "a@b..c"],
            ),
            (
                "hostname",
                &[
                    "example.com",
                    "a",
                    "xn--bcher-kva.example",
                    "a-b.c1",
                    "1.2.3",
                ],
                &[
                    "",
                    "-a.com",
                    "a-.com",
                    "a..com",
                    "example.com.",
                    "a_b.com",
                    "bücher.de",
                    &"a".repeat(64),
                    &format!("{}.com", ["a"; 130].join(".")),
                ],
            ),
            (
                "idn-hostname",
                &["bücher.de", "例子.广告", "例子。广告"],
                &["", "-bücher.de", "a b.de", "a..b"],
            ),
            (
                "ipv4",
                &["0.0.0.0", "192.168.0.1", "255.255.255.255"],
                &[
                    "",
                    "256.0.0.1",
                    "1.2.3",
                    "1.2.3.4.5",
                    "01.2.3.4",
                    "1.2.3.a",
                    "1.2.3.४",
                    " 1.2.3.4",
                ],
            ),
            (
                "ipv6",
                &[
                    "::",
                    "::1",
                    "2001:db8::8a2e:370:7334",
                    "1:2:3:4:5:6:7:8",
                    "::ffff:192.0.2.1",
                ],
                &[
                    "",
                    "12345::",
                    "1:2:3:4:5:6:7:8:9",
                    ":::",
                    "::1%eth0",
                    "1::2::3",
                    "g::1",
                ],
            ),
            (
                "uri",
                &[
                    "https://example.com/a?b#c",
                    "urn:isbn:0451450523",
                    "mailto:x@y.z",
                ],
                &[
                    "",
                    "/relative/path",
                    "//example.com",
                    "http://exa mple.com",
                    "https://example.com/%zz",
                    "é:x",
                ],
            ),
            (
                "uri-reference",
                &["", "/relative/path", "../x", "#frag", "https://example.com"],
                &["http://exa mple.com", "\\\\windows\\path", "a%2"],
            ),
            (
                "iri",
                &["https://例子.广告/路径?q=值", "http://example.com"],
                &["/relative", "http://x.com/\u{85}", "http://a b"],
            ),
            ("iri-reference", &["/路径", "#片段", ""], &["a b", "%x"]),
            (
                "uri-template",
                &["https://example.com/{id}", "{+path}/x{?q,r}", "{unclosed"],
                &[],
            ),
            (
                "date",
                &["2024-02-29", "1999-12-31"],
                &[
                    "2023-02-29",
                    "2024-1-01",
                    "24-01-01",
                    "2024-01-01T00:00:00Z",
                ],
            ),
            (
                "time",
                &["12:30:00", "23:59:60Z", "08:00:00.5+05:30"],
                &["12:30", "24:00:00", "9:00:00", "12:30:00 PM"],
            ),
            (
                "date-time",
                &["2024-05-01T12:30:00Z", "2024-05-01t12:30:00.25+02:00"],
                &[
                    "2024-05-01 12:30:00Z",
                    "2024-05-01T12:30:00",
                    "2024-13-01T00:00:00Z",
                ],
            ),
            (
                "duration",
                &["P1Y2M3DT4H5M6S", "PT0.5S", "P2W"],
                &["P", "PT", "1 hour", "P1H"],
            ),
            (
                "uuid",
                &[
                    "67e55044-10b1-426f-9247-bb680e5fe0c8",
                    "67E55044-10B1-426F-9247-BB680E5FE0C8",
                ],
                &[
                    "67e5504410b1426f9247bb680e5fe0c8",
                    "{67e55044-10b1-426f-9247-bb680e5fe0c8}",
                    "67e55044-10b1-426f-9247-bb680e5fe0cg",
                ],
            ),
            (
                "json-pointer",
                &["", "/", "/a/0", "/a~0b/c~1d"],
                &["a", "/a~2", "/a~", "#/a"],
            ),
            (
                "relative-json-pointer",
                &["0", "1/a", "2#", "0-1/x", "3+2"],
                &["", "-1", "01", "1a", "#", "0##"],
            ),
            (
                "regex",
                &["^[a-z]+$", "(?=look)ahead", r"(a)\1", r"\d{2,}"],
                &["(", "[a-", "*", r"\q", "a{2,1}"],
            ),
        ];
        for (format, valid, invalid) in cases {
            for value in *valid {
                assert!(
                    format_ok(format, value),
                    "{format}: {value:?} should be valid: {:?}",
                    check_format(value, format)
                );
            }
            for value in *invalid {
                assert!(
                    !format_ok(format, value),
                    "{format}: {value:?} should be invalid"
                );
            }
        }
        assert!(format_ok("x-unknown", "anything"));
    }

    #[test]
    fn format_codes_and_messages() {
        let expect = [
            ("email", "x", "INSTANCE_FORMAT_EMAIL_INVALID"),
            ("idn-email", "x", "INSTANCE_FORMAT_EMAIL_INVALID"),
            ("hostname", "-", "INSTANCE_FORMAT_HOSTNAME_INVALID"),
            ("idn-hostname", "-", "INSTANCE_FORMAT_HOSTNAME_INVALID"),
            ("ipv4", "x", "INSTANCE_FORMAT_IPV4_INVALID"),
            ("ipv6", "x", "INSTANCE_FORMAT_IPV6_INVALID"),
            ("uri", "x", "INSTANCE_FORMAT_URI_INVALID"),
            ("iri", "x", "INSTANCE_FORMAT_URI_INVALID"),
            (
                "uri-reference",
                "a b",
                "INSTANCE_FORMAT_URI_REFERENCE_INVALID",
            ),
            (
                "iri-reference",
                "a b",
                "INSTANCE_FORMAT_URI_REFERENCE_INVALID",
            ),
            ("date", "x", "INSTANCE_FORMAT_DATE_INVALID"),
            ("time", "x", "INSTANCE_FORMAT_TIME_INVALID"),
            ("date-time", "x", "INSTANCE_FORMAT_DATETIME_INVALID"),
            ("uuid", "x", "INSTANCE_FORMAT_UUID_INVALID"),
            ("duration", "x", "INSTANCE_DURATION_FORMAT_INVALID"),
            ("json-pointer", "x", "INSTANCE_JSONPOINTER_FORMAT_INVALID"),
            (
                "relative-json-pointer",
                "x",
                "INSTANCE_JSONPOINTER_FORMAT_INVALID",
            ),
            ("regex", "(", "INSTANCE_FORMAT_INVALID"),
        ];
        for (format, value, code) in expect {
            assert_eq!(codes(|v| v.format(value, format)), [code], "{format}");
        }
        let m = messages(|v| v.format("1.2.3", "ipv4"));
        assert_eq!(
            m,
            ["string \"1.2.3\" is not a valid ipv4: expected 4 dot-separated numbers, found 3"]
        );
    }

    #[test]
    fn exact_json_conversion() {
        let j = to_j(&u128::MAX).unwrap();
        assert_eq!(j.shown(), "340282366920938463463374607431768211455");
        assert_eq!(
            to_j(&i128::MIN).unwrap().shown(),
            "-170141183460469231731687303715884105728"
        );
        assert_eq!(to_j(&f64::NAN).unwrap(), J::Null);
        assert_eq!(to_j(&1.0f64).unwrap(), to_j(&1u8).unwrap());
        assert_eq!(to_j(&0.1f64).unwrap().shown(), "0.1");
        assert_eq!(to_j(&1e-7f64).unwrap().shown(), "0.0000001");
        let mut m = std::collections::BTreeMap::new();
        m.insert(2u8, "two");
        assert_eq!(to_j(&m).unwrap().shown(), r#"{"2":"two"}"#);
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tup(u8, u8),
            Rec { a: u8 },
        }
        let all = (
            E::Unit,
            E::New(1),
            E::Tup(1, 2),
            E::Rec { a: 3 },
            None::<u8>,
            "s\"\n",
        );
        assert_eq!(
            to_j(&all).unwrap().shown(),
            r#"["Unit",{"New":1},{"Tup":[1,2]},{"Rec":{"a":3}},null,"s\"\n"]"#
        );
        let mut bad = std::collections::BTreeMap::new();
        bad.insert(vec![1u8], 1u8);
        assert!(to_j(&bad).is_err());
        let v = serde_json::json!({"b": [1.5, -0.0, 2], "a": null});
        let j = J::from_value(&v);
        assert_eq!(j.canonical(), r#"{"a":null,"b":[1.5,0,2]}"#);
        let w = serde_json::json!({"a": null, "b": [1.50, 0, 2.0]});
        assert_eq!(j, J::from_value(&w));
    }

    fn sub(json: &'static str, value: serde_json::Value) -> bool {
        let s = SubSchema::new(json);
        assert!(s.parse_error().is_none(), "{json}: {:?}", s.parse_error());
        s.matches(&value)
    }

    #[test]
    fn sub_schema_types() {
        use serde_json::json;
        assert!(sub(r#"{"type": "string"}"#, json!("x")));
        assert!(!sub(r#"{"type": "string"}"#, json!(1)));
        assert!(sub(r#"{"type": "number"}"#, json!(1.5)));
        assert!(sub(r#"{"type": "integer"}"#, json!(2.0)));
        assert!(!sub(r#"{"type": "integer"}"#, json!(2.5)));
        assert!(sub(r#"{"type": "boolean"}"#, json!(false)));
        assert!(sub(r#"{"type": "null"}"#, json!(null)));
        assert!(sub(r#"{"type": "object"}"#, json!({})));
        assert!(sub(r#"{"type": "map"}"#, json!({"a": 1})));
        assert!(!sub(r#"{"type": "array"}"#, json!({})));
        assert!(sub(r#"{"type": "set"}"#, json!([1, 2])));
        assert!(!sub(r#"{"type": "set"}"#, json!([1, 1.0])));
        assert!(sub(r#"{"type": "any"}"#, json!([{}])));
        assert!(sub(r#"{"type": ["string", "null"]}"#, json!(null)));
        assert!(!sub(r#"{"type": ["string", "null"]}"#, json!(0)));
        assert!(sub(r#"{"type": "int8"}"#, json!(-128)));
        assert!(!sub(r#"{"type": "int8"}"#, json!(128)));
        assert!(!sub(r#"{"type": "int8"}"#, json!("1")));
        assert!(sub(r#"{"type": "uint8"}"#, json!(255)));
        assert!(!sub(r#"{"type": "uint8"}"#, json!(-1)));
        assert!(sub(r#"{"type": "int16"}"#, json!(32767)));
        assert!(!sub(r#"{"type": "uint16"}"#, json!(65536)));
        assert!(sub(r#"{"type": "int32"}"#, json!(-2147483648i64)));
        assert!(!sub(r#"{"type": "int32"}"#, json!(2147483648i64)));
        assert!(!sub(r#"{"type": "uint32"}"#, json!(1.5)));
        assert!(sub(r#"{"type": "int64"}"#, json!("-9223372036854775808")));
        assert!(!sub(r#"{"type": "int64"}"#, json!("9223372036854775808")));
        assert!(!sub(r#"{"type": "int64"}"#, json!("01")));
        assert!(sub(r#"{"type": "int64"}"#, json!(5)));
        assert!(sub(r#"{"type": "uint64"}"#, json!("18446744073709551615")));
        assert!(sub(
            r#"{"type": "uint128"}"#,
            json!("340282366920938463463374607431768211455")
        ));
        assert!(!sub(
            r#"{"type": "uint128"}"#,
            json!("340282366920938463463374607431768211456")
        ));
        assert!(sub(
            r#"{"type": "int128"}"#,
            json!("-170141183460469231731687303715884105728")
        ));
        assert!(sub(r#"{"type": "decimal"}"#, json!("12.50")));
        assert!(!sub(r#"{"type": "decimal"}"#, json!("1e3")));
        assert!(sub(r#"{"type": "double"}"#, json!(1e300)));
        assert!(sub(r#"{"type": "date"}"#, json!("2024-02-29")));
        assert!(!sub(r#"{"type": "date"}"#, json!("2023-02-29")));
        assert!(sub(
            r#"{"type": "datetime"}"#,
            json!("2024-02-29T00:00:00Z")
        ));
        assert!(sub(r#"{"type": "time"}"#, json!("10:00:00")));
        assert!(sub(r#"{"type": "duration"}"#, json!("PT1H")));
        assert!(sub(
            r#"{"type": "uuid"}"#,
            json!("67e55044-10b1-426f-9247-bb680e5fe0c8")
        ));
        assert!(!sub(r#"{"type": "uuid"}"#, json!("nope")));
        assert!(sub(r#"{"type": "uri"}"#, json!("https://example.com")));
        assert!(!sub(r#"{"type": "uri"}"#, json!("a b")));
        assert!(sub(r#"{"type": "binary"}"#, json!("Zm9v")));
        assert!(!sub(r#"{"type": "binary"}"#, json!("Zm9")));
        assert!(sub(r#"{"type": "jsonpointer"}"#, json!("/a/b")));
    }

    #[test]
    fn sub_schema_keywords() {
        use serde_json::json;
        assert!(sub(r#"{"const": 1}"#, json!(1.0)));
        assert!(!sub(r#"{"const": {"a": [1]}}"#, json!({"a": [2]})));
        assert!(sub(r#"{"enum": ["a", 2]}"#, json!(2)));
        assert!(!sub(r#"{"enum": ["a", 2]}"#, json!("b")));
        assert!(sub(
            r#"{"type": "number", "minimum": 0.1, "maximum": "0.3"}"#,
            json!(0.3)
        ));
        assert!(!sub(r#"{"exclusiveMinimum": 0}"#, json!(0)));
        assert!(!sub(r#"{"exclusiveMaximum": 0}"#, json!(0)));
        assert!(sub(r#"{"multipleOf": 0.1}"#, json!(0.3)));
        assert!(!sub(r#"{"multipleOf": 0.1}"#, json!(0.35)));
        assert!(sub(r#"{"minimum": 5}"#, json!("not a number")));
        assert!(!sub(
            r#"{"type": "uint128", "maximum": "100"}"#,
            json!("101")
        ));
        assert!(sub(r#"{"minLength": 2, "maxLength": 2}"#, json!("日本")));
        assert!(!sub(r#"{"minLength": 2}"#, json!("a")));
        assert!(!sub(r#"{"maxLength": 1}"#, json!("ab")));
        assert!(sub(r#"{"pattern": "^\\d+$"}"#, json!("123")));
        assert!(!sub(r#"{"pattern": "^\\d+$"}"#, json!("١٢٣")));
        assert!(sub(r#"{"format": "email"}"#, json!("a@b.co")));
        assert!(!sub(r#"{"format": "email"}"#, json!("ab.co")));
        assert!(sub(
            r#"{"minItems": 1, "maxItems": 2, "items": {"type": "int8"}}"#,
            json!([1, 2])
        ));
        assert!(!sub(r#"{"minItems": 1}"#, json!([])));
        assert!(!sub(r#"{"maxItems": 1}"#, json!([1, 2])));
        assert!(!sub(r#"{"items": {"type": "int8"}}"#, json!([1, 200])));
        assert!(!sub(
            r#"{"uniqueItems": true}"#,
            json!([{"a": 1, "b": 2}, {"b": 2, "a": 1}])
        ));
        let obj = r#"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "additionalProperties": false}"#;
        assert!(sub(obj, json!({"a": "x"})));
        assert!(!sub(obj, json!({})));
        assert!(!sub(obj, json!({"a": 1})));
        assert!(!sub(obj, json!({"a": "x", "b": 1})));
        assert!(sub(
            r#"{"additionalProperties": {"type": "int8"}}"#,
            json!({"x": 1})
        ));
        assert!(!sub(
            r#"{"additionalProperties": {"type": "int8"}}"#,
            json!({"x": "1"})
        ));
        assert!(!sub(
            r#"{"type": "map", "values": {"type": "string"}}"#,
            json!({"x": 1})
        ));
        assert!(sub(r#"{"not": {"type": "string"}}"#, json!(1)));
        assert!(!sub(r#"{"not": {"type": "string"}}"#, json!("s")));
        assert!(sub(
            r#"{"allOf": [{"minimum": 1}, {"maximum": 3}]}"#,
            json!(2)
        ));
        assert!(!sub(
            r#"{"allOf": [{"minimum": 1}, {"maximum": 3}]}"#,
            json!(4)
        ));
        assert!(sub(
            r#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#,
            json!(null)
        ));
        assert!(!sub(
            r#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#,
            json!(1)
        ));
        assert!(sub(
            r#"{"oneOf": [{"minimum": 1}, {"maximum": 0}]}"#,
            json!(2)
        ));
        assert!(!sub(
            r#"{"oneOf": [{"minimum": 1}, {"minimum": 0}]}"#,
            json!(2)
        ));
        assert!(sub("true", json!(1)));
        assert!(!sub("false", json!(1)));
        assert!(sub(
            r#"{"x-unknown": 1, "description": "ignored"}"#,
            json!(1)
        ));
    }

    #[test]
    fn sub_schema_refs_and_errors() {
        use serde_json::json;
        assert!(sub(r##"{"$ref": "#/definitions/X"}"##, json!(1)));
        assert!(sub(r##"{"type": {"$ref": "#/definitions/X"}}"##, json!(1)));
        assert!(sub(
            r##"{"type": [{"$ref": "#/x"}, "string"], "minLength": 2}"##,
            json!(5)
        ));
        for bad in [
            "{",
            "1",
            r#"{"type": "strnig"}"#,
            r#"{"type": []}"#,
            r#"{"minLength": -1}"#,
            r#"{"minimum": "abc"}"#,
            r#"{"multipleOf": 0}"#,
            r#"{"pattern": "(?=x)"}"#,
            r#"{"anyOf": []}"#,
            r#"{"items": 3}"#,
            r#"{"required": [["a"]]}"#,
        ] {
            let s = SubSchema::new(bad);
            assert!(s.parse_error().is_some(), "{bad}");
            assert!(!s.matches(&json!(1)), "{bad}");
            assert!(!s.matches(&json!(null)), "{bad}");
        }
        static S: SubSchema = SubSchema::new(r#"{"type": "string"}"#);
        assert!(S.matches(&json!("x")));
        let why = SubSchema::new(r#"{"properties": {"a/b": {"items": {"type": "int8"}}}}"#)
            .failure(&J::from_value(&json!({"a/b": [1, 300]})))
            .unwrap();
        assert_eq!(why.code, "INSTANCE_TYPE_MISMATCH");
        assert_eq!(
            why.text(),
            "at /a~1b/1: expected int8: 300 is outside the range -128 to 127"
        );
    }

    fn violations(run: impl FnOnce(&mut Validator)) -> Vec<(String, &'static str)> {
        let mut v = Validator::new();
        run(&mut v);
        match v.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e.iter().map(|x| (x.pointer.clone(), x.code)).collect(),
        }
    }

    #[test]
    fn unique_items_structural() {
        use serde_json::json;
        assert!(codes(|v| v.unique_items(&[1, 2, 3])).is_empty());
        assert!(codes(|v| v.unique_items::<u8>(&[])).is_empty());
        assert_eq!(
            violations(|v| v.unique_items(&[json!(1), json!(1.0), json!("1"), json!(1)])),
            [
                ("/1".to_owned(), "INSTANCE_SET_DUPLICATE"),
                ("/3".to_owned(), "INSTANCE_SET_DUPLICATE")
            ]
        );
        assert_eq!(
            codes(|v| v.unique_items(&[
                json!({"a": 1, "b": [1, {"c": null}]}),
                json!({"b": [1.0, {"c": null}], "a": 1})
            ])),
            ["INSTANCE_SET_DUPLICATE"]
        );
        assert!(codes(|v| v.unique_items(&[json!([1, 2]), json!([2, 1])])).is_empty());
        assert!(codes(|v| v.unique_items(&[u128::MAX, u128::MAX - 1])).is_empty());
        assert_eq!(
            codes(|v| v.unique_items(&[u128::MAX, u128::MAX])),
            ["INSTANCE_SET_DUPLICATE"]
        );
        assert_eq!(
            messages(|v| v.unique_items(&["a", "b", "a"])),
            [r#"item 2 ("a") duplicates item 0; items must be unique"#]
        );
    }

    #[test]
    fn unique_items_is_fast() {
        #[derive(serde::Serialize)]
        struct Item {
            id: u64,
            name: String,
        }
        let mut items: Vec<Item> = (0..100_000u64)
            .map(|id| Item {
                id,
                name: format!("item {id}"),
            })
            .collect();
        let start = std::time::Instant::now();
        assert!(codes(|v| v.unique_items(&items)).is_empty());
        items.push(Item {
            id: 5,
            name: "item 5".into(),
        });
        assert_eq!(
            violations(|v| v.unique_items(&items)),
            [("/100000".to_owned(), "INSTANCE_SET_DUPLICATE")]
        );
        assert!(
            start.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
    }

    static INT_OVER_10: SubSchema = SubSchema::new(r#"{"type": "int32", "exclusiveMinimum": 10}"#);
    static BROKEN: SubSchema = SubSchema::new(r#"{"type": "nope"}"#);
    static STRING: SubSchema = SubSchema::new(r#"{"type": "string"}"#);
    static NULL: SubSchema = SubSchema::new(r#"{"type": "null"}"#);

    #[test]
    fn contains_counts() {
        assert!(codes(|v| v.contains(&[1, 11], &INT_OVER_10, None, None)).is_empty());
        assert_eq!(
            codes(|v| v.contains(&[1, 10], &INT_OVER_10, None, None)),
            ["INSTANCE_MIN_CONTAINS"]
        );
        assert!(codes(|v| v.contains::<i32>(&[], &INT_OVER_10, Some(0), None)).is_empty());
        assert_eq!(
            codes(|v| v.contains(&[11, 12], &INT_OVER_10, Some(3), None)),
            ["INSTANCE_MIN_CONTAINS"]
        );
        assert!(codes(|v| v.contains(&[11, 12], &INT_OVER_10, None, Some(2))).is_empty());
        assert_eq!(
            codes(|v| v.contains(&[11, 12, 13], &INT_OVER_10, None, Some(2))),
            ["INSTANCE_MAX_CONTAINS"]
        );
        assert_eq!(
            messages(|v| v.contains(&[1], &INT_OVER_10, Some(2), None)),
            ["array has 0 items matching the contains schema, fewer than minContains 2"]
        );
        let m = messages(|v| v.contains(&[1], &BROKEN, Some(0), None));
        assert!(m.len() == 1 && m[0].contains("unknown type"), "{m:?}");
    }

    #[test]
    fn key_and_property_names() {
        static LOWER: SubSchema = SubSchema::new(r#"{"pattern": "^[a-z]+$", "maxLength": 5}"#);
        assert!(codes(|v| v.key_names(["abc", "de"], &LOWER)).is_empty());
        let mut v = Validator::new();
        v.field("m", |v| v.key_names(["ok", "Bad", "toolong"], &LOWER));
        let err = v.finish().unwrap_err();
        let got: Vec<_> = err.iter().map(|x| (x.pointer.as_str(), x.code)).collect();
        assert_eq!(
            got,
            [
                ("/m/Bad", "INSTANCE_MAP_KEY_INVALID"),
                ("/m/toolong", "INSTANCE_MAP_KEY_INVALID")
            ]
        );
        assert!(err.iter().nth(1).unwrap().message.contains("maxLength 5"));
        let keys = ["a".to_owned(), "B".to_owned()];
        assert_eq!(
            violations(|v| v.property_names(keys.iter().map(String::as_str), &LOWER)),
            [("/B".to_owned(), "INSTANCE_PROPERTY_NAME_INVALID")]
        );
        assert_eq!(
            codes(|v| v.property_names(std::iter::empty(), &BROKEN)),
            ["INSTANCE_PROPERTY_NAME_INVALID"]
        );
    }

    #[test]
    fn pattern_properties_reports_members() {
        use serde_json::json;
        static NUM: Pattern = Pattern::new(r"^n\d$");
        static SMALL: SubSchema = SubSchema::new(r#"{"type": "uint8"}"#);
        let (a, b, c) = (json!(1), json!(300), json!("x"));
        let members = [("n1", &a), ("n2", &b), ("other", &c)];
        let mut v = Validator::new();
        v.field("obj", |v| v.pattern_properties(&members, &NUM, &SMALL));
        let err = v.finish().unwrap_err();
        let got: Vec<_> = err.iter().map(|x| (x.pointer.as_str(), x.code)).collect();
        assert_eq!(got, [("/obj/n2", "INSTANCE_TYPE_MISMATCH")]);
        assert!(err
            .iter()
            .next()
            .unwrap()
            .message
            .contains("outside the range 0 to 255"));
        static LOOK: Pattern = Pattern::new("(?=x)");
        assert_eq!(
            codes(|v| v.pattern_properties(&members, &LOOK, &SMALL)),
            ["INSTANCE_PATTERN_INVALID"]
        );
        assert_eq!(
            codes(|v| v.pattern_properties(&members, &NUM, &BROKEN)),
            ["INSTANCE_SCHEMA_INVALID"]
        );
        let typed: [(&str, &u16); 2] = [("n1", &5), ("n2", &256)];
        assert_eq!(
            violations(|v| v.pattern_properties(&typed, &NUM, &SMALL)),
            [("/n2".to_owned(), "INSTANCE_TYPE_MISMATCH")]
        );
    }

    #[test]
    fn not_any_one() {
        assert!(codes(|v| v.not(&5, &STRING)).is_empty());
        assert_eq!(codes(|v| v.not("s", &STRING)), ["INSTANCE_NOT_MATCHED"]);
        assert_eq!(codes(|v| v.not("s", &BROKEN)), ["INSTANCE_NOT_MATCHED"]);
        assert!(codes(|v| v.any_of("s", &[&NULL, &STRING])).is_empty());
        assert!(codes(|v| v.any_of(&(), &[&NULL, &STRING])).is_empty());
        assert_eq!(
            codes(|v| v.any_of(&1, &[&NULL, &STRING])),
            ["INSTANCE_ANY_OF_NONE_MATCHED"]
        );
        assert_eq!(
            codes(|v| v.any_of("s", &[&STRING, &BROKEN])),
            ["INSTANCE_ANY_OF_NONE_MATCHED"]
        );
        let m = messages(|v| v.any_of(&1, &[&NULL, &STRING]));
        assert_eq!(
            m,
            ["value 1 matches none of the 2 anyOf schemas: [0] expected null: found number 1; [1] expected string: found number 1"]
        );
        assert!(codes(|v| v.one_of("s", &[&NULL, &STRING])).is_empty());
        assert_eq!(
            codes(|v| v.one_of(&1, &[&NULL, &STRING])),
            ["INSTANCE_ONE_OF_INVALID_COUNT"]
        );
        assert_eq!(
            messages(|v| v.one_of("s", &[&STRING, &STRING, &NULL])),
            [r#"value "s" must match exactly one of the 3 oneOf schemas, found 2 (schemas 0, 1)"#]
        );
        // 128-bit values are compared exactly.
        static BIG: SubSchema =
            SubSchema::new(r#"{"minimum": "340282366920938463463374607431768211455"}"#);
        assert!(codes(|v| v.not(&(u128::MAX - 1), &BIG)).is_empty());
        assert_eq!(codes(|v| v.not(&u128::MAX, &BIG)), ["INSTANCE_NOT_MATCHED"]);
        let mut bad = std::collections::BTreeMap::new();
        bad.insert((1, 2), 3);
        assert_eq!(codes(|v| v.not(&bad, &STRING)), ["INSTANCE_NOT_MATCHED"]);
    }

    #[test]
    fn if_then_else_branches() {
        static THEN: SubSchema = SubSchema::new(r#"{"maximum": 100}"#);
        static ELSE: SubSchema = SubSchema::new(r#"{"type": "null"}"#);
        assert!(codes(|v| v.if_then_else(&50, &INT_OVER_10, Some(&THEN), Some(&ELSE))).is_empty());
        assert!(codes(|v| v.if_then_else(&(), &INT_OVER_10, Some(&THEN), Some(&ELSE))).is_empty());
        assert_eq!(
            codes(|v| v.if_then_else(&500, &INT_OVER_10, Some(&THEN), Some(&ELSE))),
            ["INSTANCE_IF_THEN_ELSE_FAILED"]
        );
        assert_eq!(
            codes(|v| v.if_then_else(&5, &INT_OVER_10, Some(&THEN), Some(&ELSE))),
            ["INSTANCE_IF_THEN_ELSE_FAILED"]
        );
        assert!(codes(|v| v.if_then_else(&5, &INT_OVER_10, Some(&THEN), None)).is_empty());
        assert!(codes(|v| v.if_then_else(&500, &INT_OVER_10, None, Some(&ELSE))).is_empty());
        assert_eq!(
            messages(|v| v.if_then_else(&500, &INT_OVER_10, Some(&THEN), None)),
            ["value 500 matches the `if` schema, so it must match `then`: value 500 is greater than maximum 100"]
        );
        assert_eq!(
            codes(|v| v.if_then_else(&5, &INT_OVER_10, None, Some(&BROKEN))),
            ["INSTANCE_IF_THEN_ELSE_FAILED"]
        );
    }

    #[test]
    fn canonical_text_agrees_with_j() {
        use serde_json::json;
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(f64),
            Tup(u8, i128),
            Rec { b: u8, a: Option<u8> },
        }
        let mut m = std::collections::HashMap::new();
        m.insert("z", 1.5f32);
        m.insert("a", f32::NAN);
        let value = (
            E::Unit,
            E::New(-0.0),
            E::Tup(1, i128::MIN),
            E::Rec { b: 2, a: None },
            m,
            "q\"\u{1}",
            b"hi".as_slice(),
            'c',
            [1.0f64, 2.5],
        );
        let text = canonical_text(&value).unwrap();
        assert_eq!(text, to_j(&value).unwrap().canonical());
        assert_eq!(
            text,
            r#"["Unit",{"New":0},{"Tup":[1,-170141183460469231731687303715884105728]},{"Rec":{"a":null,"b":2}},{"a":null,"z":1.5},"q\"\u0001",[104,105],"c",[1,2.5]]"#
        );
        let v = json!({"b": [1.0, {"y": 1, "x": 2}], "a": "s"});
        assert_eq!(canonical_text(&v).unwrap(), J::from_value(&v).canonical());
    }

    #[test]
    fn oversized_patterns_are_invalid_not_fatal() {
        let err = check_pattern("(a{1000}){1000}").unwrap_err();
        assert!(err.contains("not a valid regular expression"), "{err}");
        assert!(check_pattern(r"\p{Greek}").is_ok());
    }
}
