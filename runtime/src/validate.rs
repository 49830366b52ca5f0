//! Validation: every violation in a document, each with the JSON Pointer of the member and a
//! stable code (the codes the official JSON Structure SDKs share, such as
//! `INSTANCE_REQUIRED_PROPERTY_MISSING`).
//!
//! Two layers cooperate:
//! - serde (the generated `Deserialize` impls) rejects what makes a document unreadable as
//!   the Rust type: wrong JSON types, missing required members, unknown enum values,
//!   undeclared members of closed objects, malformed dates, duplicate set elements...
//! - [`Validate`] (generated `validate()`) checks constraints a well-typed value can still
//!   break, such as `maxLength`.
//!
//! [`from_str`] and [`from_value`] run both and report *all* violations they can find, not
//! just serde's first one.

use std::fmt;

use serde::de::DeserializeOwned;

/// One problem with one member of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON Pointer of the member (`""` is the document itself).
    pub pointer: String,
    /// A stable code, shared with the official SDKs where one fits.
    pub code: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {} [{}]", self.message, self.code)
    }
}

/// Every violation found in a document (never empty). This is the error of [`from_str`],
/// [`from_value`] and [`Validate::validate`].
///
/// ```
/// use json_structure_runtime::{Violation, Violations};
/// let v = Violations::from(vec![Violation {
///     pointer: "/street".into(),
///     code: "INSTANCE_STRING_MAX_LENGTH",
///     message: "string has 120 characters, more than maxLength 100".into(),
/// }]);
/// assert_eq!(v.len(), 1);
/// assert!(v.to_string().contains("/street"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// The violations, in document order of discovery.
    ///
    /// ```
    /// # use json_structure_runtime::{Violation, Violations};
    /// # let v = Violations::from(vec![Violation { pointer: "/a".into(), code: "X", message: "m".into() }]);
    /// assert_eq!(v.iter().next().unwrap().pointer, "/a");
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// How many there are.
    ///
    /// ```
    /// # use json_structure_runtime::{Violation, Violations};
    /// # let v = Violations::from(vec![Violation { pointer: "/a".into(), code: "X", message: "m".into() }]);
    /// assert_eq!(v.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: a `Violations` value holds at least one violation.
    ///
    /// ```
    /// # use json_structure_runtime::{Violation, Violations};
    /// # let v = Violations::from(vec![Violation { pointer: "/a".into(), code: "X", message: "m".into() }]);
    /// assert!(!v.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violations as a vector.
    ///
    /// ```
    /// # use json_structure_runtime::{Violation, Violations};
    /// # let v = Violations::from(vec![Violation { pointer: "/a".into(), code: "X", message: "m".into() }]);
    /// let all: Vec<Violation> = v.into_vec();
    /// ```
    pub fn into_vec(self) -> Vec<Violation> {
        self.0
    }
}

impl From<Vec<Violation>> for Violations {
    fn from(v: Vec<Violation>) -> Self {
        Violations(v)
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// Collects violations while walking a value; keeps the current JSON Pointer.
///
/// ```
/// use json_structure_runtime::Validator;
/// let mut v = Validator::new();
/// v.field("street", |v| v.max_length("a very long street", 5));
/// let err = v.finish().unwrap_err();
/// assert_eq!(err.iter().next().unwrap().pointer, "/street");
/// ```
#[derive(Debug, Default)]
pub struct Validator {
    pointer: String,
    found: Vec<Violation>,
}

impl Validator {
    /// A validator at the document root.
    ///
    /// ```
    /// let v = json_structure_runtime::Validator::new();
    /// assert!(v.finish().is_ok());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `check` with the pointer extended by the member `name`.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.field("a/b", |v| v.report("X", "bad"));
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().pointer, "/a~1b");
    /// ```
    pub fn field(&mut self, name: &str, check: impl FnOnce(&mut Self)) {
        let len = self.pointer.len();
        self.pointer.push('/');
        push_escaped(&mut self.pointer, name);
        check(self);
        self.pointer.truncate(len);
    }

    /// Runs `check` with the pointer extended by the array index `index`.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.index(3, |v| v.report("X", "bad"));
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().pointer, "/3");
    /// ```
    pub fn index(&mut self, index: usize, check: impl FnOnce(&mut Self)) {
        let len = self.pointer.len();
        self.pointer.push('/');
        self.pointer.push_str(&index.to_string());
        check(self);
        self.pointer.truncate(len);
    }

    /// Records a violation at the current pointer.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.report("INSTANCE_CONST_MISMATCH", "must be \"UTF-8\"");
    /// assert_eq!(v.finish().unwrap_err().len(), 1);
    /// ```
    pub fn report(&mut self, code: &'static str, message: impl Into<String>) {
        self.found.push(Violation {
            pointer: self.pointer.clone(),
            code,
            message: message.into(),
        });
    }

    /// Checks `maxLength`, counting Unicode scalar values (`char`s), as the Rust and Python
    /// SDKs do.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.max_length("😀😀", 2);
    /// assert!(v.finish().is_ok());
    /// ```
    pub fn max_length(&mut self, value: &str, max: usize) {
        // Fast path: a string cannot have more chars than bytes.
        if value.len() <= max {
            return;
        }
        let count = value.chars().count();
        if count > max {
            self.report(
                "INSTANCE_STRING_MAX_LENGTH",
                format!("string has {count} characters, more than maxLength {max}"),
            );
        }
    }

    /// Checks `const`: `value` must serialize to the JSON `expected` (numbers compare by
    /// value, so `1` and `1.0` are the same).
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.constant(&"UTF-8", r#""UTF-8""#);
    /// v.constant(&2, "2");
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.constant(&"latin1", r#""UTF-8""#);
    /// assert_eq!(v.finish().unwrap_err().iter().next().unwrap().code, "INSTANCE_CONST_MISMATCH");
    /// ```
    pub fn constant<T: serde::Serialize + ?Sized>(&mut self, value: &T, expected: &str) {
        let (Ok(actual), Ok(wanted)) = (
            serde_json::to_value(value),
            serde_json::from_str::<serde_json::Value>(expected),
        ) else {
            self.report(
                "INSTANCE_CONST_MISMATCH",
                format!("value must be {expected}"),
            );
            return;
        };
        if !json_values_equal(&actual, &wanted) {
            self.report(
                "INSTANCE_CONST_MISMATCH",
                format!("value must be {expected}, found {actual}"),
            );
        }
    }

    /// Checks `required` in its array-of-arrays form: exactly one of the alternative sets
    /// of members must be fully present. `satisfied[i]` says whether set `i` is; `sets`
    /// names the members of each set for the message.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.required_sets(&[true, false], &["name, fins", "name, legs"]);
    /// assert!(v.finish().is_ok());
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.required_sets(&[true, true], &["name, fins", "name, legs"]);
    /// assert!(v.finish().is_err());
    /// ```
    pub fn required_sets(&mut self, satisfied: &[bool], sets: &[&str]) {
        let count = satisfied.iter().filter(|s| **s).count();
        if count == 1 {
            return;
        }
        let listed = sets
            .iter()
            .map(|s| format!("[{s}]"))
            .collect::<Vec<_>>()
            .join(" or ");
        if count == 0 {
            self.report(
                "INSTANCE_REQUIRED_PROPERTY_MISSING",
                format!("exactly one of these sets of members must be present: {listed}; none is complete"),
            );
        } else {
            self.report(
                "INSTANCE_REQUIRED_SETS_CONFLICT",
                format!(
                    "exactly one of these sets of members must be present: {listed}; {count} are"
                ),
            );
        }
    }

    /// Descends into a value that can validate itself.
    ///
    /// ```
    /// let mut v = json_structure_runtime::Validator::new();
    /// v.check(&vec![String::from("x")]);
    /// ```
    pub fn check<T: Validate + ?Sized>(&mut self, value: &T) {
        value.validate_into(self);
    }

    /// `Ok` when nothing was found, else every violation.
    ///
    /// ```
    /// assert!(json_structure_runtime::Validator::new().finish().is_ok());
    /// ```
    pub fn finish(self) -> Result<(), Violations> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(Violations(self.found))
        }
    }
}

/// JSON equality where numbers compare by value when either is a float.
fn json_values_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || (x.as_f64().is_some() && x.as_f64() == y.as_f64())
        }
        (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| json_values_equal(x, y))
        }
        (Value::Object(xs), Value::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .all(|(k, x)| ys.get(k).is_some_and(|y| json_values_equal(x, y)))
        }
        _ => a == b,
    }
}

fn push_escaped(out: &mut String, token: &str) {
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Constraints a deserialized value can still break. Generated types implement it; the
/// impls here cover what they contain.
///
/// ```
/// use json_structure_runtime::{Validate, Validator};
/// struct Name(String);
/// impl Validate for Name {
///     fn validate_into(&self, v: &mut Validator) {
///         v.max_length(&self.0, 3);
///     }
/// }
/// assert!(Name("Bob".into()).validate().is_ok());
/// assert!(Name("Robert".into()).validate().is_err());
/// ```
pub trait Validate {
    /// Records this value's violations (and those of everything it contains) in `v`.
    fn validate_into(&self, v: &mut Validator);

    /// Every violation of this value, or `Ok`.
    fn validate(&self) -> Result<(), Violations> {
        let mut v = Validator::new();
        self.validate_into(&mut v);
        v.finish()
    }
}

macro_rules! always_valid {
    ($($ty:ty),* $(,)?) => {
        $(impl Validate for $ty {
            #[inline]
            fn validate_into(&self, _: &mut Validator) {}
        })*
    };
}

always_valid!(
    String,
    str,
    bool,
    (),
    i8,
    i16,
    i32,
    i64,
    i128,
    u8,
    u16,
    u32,
    u64,
    u128,
    f32,
    f64,
    serde_json::Value,
    crate::DateTime,
    crate::Date,
    crate::Time,
    crate::Duration,
    crate::Decimal,
    crate::Uuid,
    crate::Uri,
    crate::JsonPointer,
);

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, v: &mut Validator) {
        if let Some(x) = self {
            x.validate_into(v);
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, v: &mut Validator) {
        (**self).validate_into(v);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, v: &mut Validator) {
        for (i, x) in self.iter().enumerate() {
            v.index(i, |v| x.validate_into(v));
        }
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_into(&self, v: &mut Validator) {
        for (k, x) in self {
            v.field(k, |v| x.validate_into(v));
        }
    }
}

impl<T: Validate, S> Validate for std::collections::HashMap<String, T, S> {
    fn validate_into(&self, v: &mut Validator) {
        // Sorted, so violations come out in the same order on every run.
        let mut entries: Vec<(&String, &T)> = self.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (k, x) in entries {
            v.field(k, |v| x.validate_into(v));
        }
    }
}

impl<T: Validate, S> Validate for indexmap::IndexMap<String, T, S> {
    fn validate_into(&self, v: &mut Validator) {
        for (k, x) in self {
            v.field(k, |v| x.validate_into(v));
        }
    }
}

/// Parses and validates a JSON document in one call, reporting every violation found.
///
/// When serde rejects the document for an undeclared member of a closed object, the member
/// is recorded and parsing resumes without it, so that the remaining violations are found
/// too. Other serde errors end the search (the value cannot be built); validation runs when
/// the value could be built.
///
/// ```
/// #[derive(serde::Deserialize, Debug)]
/// #[serde(deny_unknown_fields)]
/// struct Address { street: String }
/// impl json_structure_runtime::Validate for Address {
///     fn validate_into(&self, v: &mut json_structure_runtime::Validator) {
///         v.field("street", |v| v.max_length(&self.street, 10));
///     }
/// }
/// let err = json_structure_runtime::from_str::<Address>(
///     r#"{"note": 1, "street": "far too long a street"}"#,
/// ).unwrap_err();
/// let codes: Vec<_> = err.iter().map(|v| (v.pointer.as_str(), v.code)).collect();
/// assert_eq!(codes, [
///     ("/note", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
///     ("/street", "INSTANCE_STRING_MAX_LENGTH"),
/// ]);
/// ```
pub fn from_str<T: DeserializeOwned + Validate>(text: &str) -> Result<T, Violations> {
    // The common case, a valid document, never builds a `serde_json::Value`. Plain serde
    // here: on failure this error is dropped and `from_value` finds the paths, so tracking
    // them on this path (`serde_path_to_error`) only made valid documents ~2x slower to
    // read (benches/validate.rs).
    let mut de = serde_json::Deserializer::from_str(text);
    let direct: Result<T, _> = T::deserialize(&mut de);
    if let Ok(value) = direct {
        if de.end().is_ok() {
            return value.validate().map(|()| value);
        }
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(doc) => from_value(doc),
        Err(e) => Err(Violations(vec![Violation {
            pointer: String::new(),
            code: "INSTANCE_JSON_SYNTAX",
            message: e.to_string(),
        }])),
    }
}

/// Like [`from_str`], for a document already parsed into a `serde_json::Value`.
///
/// ```
/// let v: Result<Vec<u8>, _> = json_structure_runtime::from_value(serde_json::json!([1, 300]));
/// let err = v.unwrap_err();
/// let first = err.iter().next().unwrap();
/// assert_eq!(first.pointer, "/1");
/// assert_eq!(first.code, "INSTANCE_INT_RANGE_INVALID");
/// ```
pub fn from_value<T: DeserializeOwned + Validate>(
    mut doc: serde_json::Value,
) -> Result<T, Violations> {
    let mut found = Vec::new();
    // Each round removes one undeclared member; a document cannot have more members than
    // this bound without also being absurdly large.
    for _ in 0..10_000 {
        let attempt: Result<T, _> = serde_path_to_error::deserialize(&doc);
        match attempt {
            Ok(value) => {
                if let Err(more) = value.validate() {
                    found.extend(more.0);
                }
                return if found.is_empty() {
                    Ok(value)
                } else {
                    Err(Violations(found))
                };
            }
            Err(e) => {
                let violation = classify(&e);
                let repaired = repair(&mut doc, &violation);
                found.push(violation);
                if !repaired {
                    return Err(Violations(found));
                }
            }
        }
    }
    Err(Violations(found))
}

/// Turns a serde error with its path into a violation with a pointer and a code.
/// The JSON Pointer of a serde path.
pub(crate) fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
            serde_path_to_error::Segment::Map { key } => {
                pointer.push('/');
                push_escaped(&mut pointer, key);
            }
            serde_path_to_error::Segment::Enum { variant } => {
                pointer.push('/');
                push_escaped(&mut pointer, variant);
            }
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    pointer
}

fn classify(e: &serde_path_to_error::Error<serde_json::Error>) -> Violation {
    let mut pointer = pointer_of(e.path());
    let message = e.inner().to_string();
    // A nested path carried in the message by `inline_variant`: `@/side: message`.
    let message = match message.strip_prefix('@').and_then(|m| m.split_once(": ")) {
        Some((inner, rest)) if inner.starts_with('/') => {
            pointer.push_str(inner);
            rest.to_string()
        }
        _ => message,
    };
    // serde_json appends " at line L column C" for text input; the pointer says where.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let code = code_for(&message);
    if code == "INSTANCE_REQUIRED_PROPERTY_MISSING"
        || code == "INSTANCE_CHOICE_DISCRIMINATOR_MISSING"
    {
        if let Some(name) = between_backticks(&message) {
            pointer.push('/');
            push_escaped(&mut pointer, name);
        }
    }
    Violation {
        pointer,
        code,
        message,
    }
}

fn between_backticks(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message.get(start..)?.find('`')?;
    message.get(start..start + len)
}

/// The SDK code that best describes a serde or runtime error message.
fn code_for(message: &str) -> &'static str {
    const BY_PREFIX: &[(&str, &str)] = &[
        ("missing field", "INSTANCE_REQUIRED_PROPERTY_MISSING"),
        ("unknown field", "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"),
        ("unknown value", "INSTANCE_ENUM_MISMATCH"),
        ("unknown variant", "INSTANCE_CHOICE_OPTION_UNKNOWN"),
        ("unknown choice case", "INSTANCE_CHOICE_OPTION_UNKNOWN"),
        (
            "missing choice selector",
            "INSTANCE_CHOICE_DISCRIMINATOR_MISSING",
        ),
        ("invalid length", "INSTANCE_TUPLE_LENGTH_MISMATCH"),
        ("invalid type", "INSTANCE_TYPE_MISMATCH"),
        ("invalid value: integer", "INSTANCE_INT_RANGE_INVALID"),
        ("duplicate element", "INSTANCE_SET_DUPLICATE"),
        ("duplicate key", "INSTANCE_MAP_DUPLICATE_KEY"),
        ("data did not match any variant", "INSTANCE_UNION_NO_MATCH"),
        (
            "invalid RFC 3339 date-time",
            "INSTANCE_DATETIME_FORMAT_INVALID",
        ),
        ("invalid RFC 3339 date", "INSTANCE_DATE_FORMAT_INVALID"),
        ("invalid time", "INSTANCE_TIME_FORMAT_INVALID"),
        (
            "invalid ISO 8601 duration",
            "INSTANCE_DURATION_FORMAT_INVALID",
        ),
        ("invalid uuid", "INSTANCE_UUID_FORMAT_INVALID"),
        ("invalid absolute URI", "INSTANCE_URI_MISSING_SCHEME"),
        ("invalid URI", "INSTANCE_URI_FORMAT_INVALID"),
        (
            "invalid JSON Pointer",
            "INSTANCE_JSONPOINTER_FORMAT_INVALID",
        ),
        ("invalid decimal", "INSTANCE_DECIMAL_EXPECTED"),
        ("invalid base", "INSTANCE_BINARY_ENCODING_INVALID"),
        ("invalid int", "INSTANCE_INT_RANGE_INVALID"),
        ("invalid uint", "INSTANCE_INT_RANGE_INVALID"),
    ];
    if message.contains("\" is not a value of ") {
        // `UnknownEnumValue` from a numeric enum's `TryFrom`.
        return "INSTANCE_ENUM_MISMATCH";
    }
    BY_PREFIX
        .iter()
        .find(|(prefix, _)| message.starts_with(prefix))
        .map_or("INSTANCE_TYPE_MISMATCH", |(_, code)| code)
}

/// Changes `doc` so that parsing can go on past `violation` and find the next one:
/// an undeclared member is removed; a JSON number where a string-encoded number (`int64`,
/// `decimal`, ...) is required becomes that string. `false` when no repair applies.
fn repair(doc: &mut serde_json::Value, violation: &Violation) -> bool {
    match violation.code {
        "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED" => remove_member(doc, &violation.pointer),
        "INSTANCE_TYPE_MISMATCH" if violation.message.contains("string") => {
            match doc.pointer_mut(&violation.pointer) {
                Some(value @ serde_json::Value::Number(_)) => {
                    *value = serde_json::Value::String(value.to_string());
                    true
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// Removes the member at `pointer` from `doc`; `false` when there is none.
fn remove_member(doc: &mut serde_json::Value, pointer: &str) -> bool {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return false;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match doc
        .pointer_mut(parent)
        .and_then(serde_json::Value::as_object_mut)
    {
        Some(object) => object.remove(&key).is_some(),
        None => false,
    }
}
