//! The error of converting text or a number into a generated enum.

use std::fmt;

/// A value that is not one of an enum's members, as returned by the `FromStr` and
/// `TryFrom` impls of generated enums. Its message names the type and the value.
///
/// ```
/// use json_structure_runtime::UnknownEnumValue;
/// let e = UnknownEnumValue::new("Color", "purple");
/// assert_eq!(e.to_string(), "\"purple\" is not a value of Color");
/// assert_eq!(e.value(), "purple");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEnumValue {
    type_name: &'static str,
    value: String,
}

impl UnknownEnumValue {
    /// The error for `value` not being a member of the enum `type_name`.
    ///
    /// ```
    /// let e = json_structure_runtime::UnknownEnumValue::new("Size", "XXL");
    /// assert_eq!(e.type_name(), "Size");
    /// ```
    pub fn new(type_name: &'static str, value: &str) -> Self {
        UnknownEnumValue {
            type_name,
            value: value.to_string(),
        }
    }

    /// The enum's Rust name.
    ///
    /// ```
    /// assert_eq!(json_structure_runtime::UnknownEnumValue::new("A", "b").type_name(), "A");
    /// ```
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The rejected value, as text.
    ///
    /// ```
    /// assert_eq!(json_structure_runtime::UnknownEnumValue::new("A", "b").value(), "b");
    /// ```
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a value of {}", self.value, self.type_name)
    }
}

impl std::error::Error for UnknownEnumValue {}
