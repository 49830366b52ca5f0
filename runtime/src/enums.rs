//! Serde support shared by generated code: string enums and optional members.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Deserializes an optional member that is present: its value must be a `T` (so `null` is
/// an error unless `T` itself accepts it). Generated code uses it with
/// `#[serde(default, skip_serializing_if = "Option::is_none")]`, so that an absent member is
/// `None` and a `null` where the schema does not allow one is rejected instead of being read
/// as absent (which would also lose it on the way back).
///
/// ```
/// #[derive(serde::Deserialize, Debug)]
/// struct S {
///     #[serde(default, deserialize_with = "json_structure_runtime::some")]
///     name: Option<String>,
/// }
/// assert!(serde_json::from_str::<S>(r#"{}"#).unwrap().name.is_none());
/// assert_eq!(serde_json::from_str::<S>(r#"{"name": "x"}"#).unwrap().name.as_deref(), Some("x"));
/// assert!(serde_json::from_str::<S>(r#"{"name": null}"#).is_err());
/// ```
pub fn some<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Deserializes a string enum from its wire value through its `FromStr` impl. `name` and
/// `values` make the messages precise: a wrong value says "unknown variant `x`, expected one
/// of `a`, `b`", and a non-string says "invalid type: null, expected a Name: one of ...".
///
/// ```
/// #[derive(Debug, PartialEq)]
/// enum Color { Red }
/// impl std::str::FromStr for Color {
///     type Err = ();
///     fn from_str(s: &str) -> Result<Self, ()> { if s == "red" { Ok(Color::Red) } else { Err(()) } }
/// }
/// impl<'de> serde::Deserialize<'de> for Color {
///     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
///         json_structure_runtime::deserialize_str_enum(d, "Color", &["red"])
///     }
/// }
/// assert_eq!(serde_json::from_str::<Color>("\"red\"").unwrap(), Color::Red);
/// let err = serde_json::from_str::<Color>("\"blue\"").unwrap_err().to_string();
/// assert!(err.starts_with("unknown variant `blue`, expected `red`"), "{err}");
/// let err = serde_json::from_str::<Color>("null").unwrap_err().to_string();
/// assert!(err.starts_with("invalid type: null, expected a Color: one of \"red\""), "{err}");
/// ```
pub fn deserialize_str_enum<'de, D, T>(
    deserializer: D,
    name: &'static str,
    values: &'static [&'static str],
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
{
    deserializer.deserialize_str(EnumVisitor {
        name,
        values,
        marker: PhantomData,
    })
}

struct EnumVisitor<T> {
    name: &'static str,
    values: &'static [&'static str],
    marker: PhantomData<fn() -> T>,
}

impl<T: FromStr> Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {}: one of ", self.name)?;
        for (i, v) in self.values.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{v:?}")?;
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse()
            .map_err(|_| de::Error::unknown_variant(v, self.values))
    }
}
