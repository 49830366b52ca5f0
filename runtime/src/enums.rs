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
/// `values` make the messages precise: a wrong value says "unknown value `x` of Name,
/// expected one of `a`, `b`", and a non-string says "invalid type: null, expected a Name: one of ...".
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
/// assert!(err.starts_with("unknown value `blue` of Color, expected one of `red`"), "{err}");
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
        v.parse().map_err(|_| {
            de::Error::custom(format_args!(
                "unknown value `{v}` of {}, expected one of {}",
                self.name,
                self.values
                    .iter()
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    }
}

/// Adapter for the `#[serde(flatten)]` map that keeps an object's undeclared members when
/// `additionalProperties` gives them a type: reads each value with `A` and, when one is
/// wrong, says which member (`@/name: ...`, turned into a JSON Pointer by
/// [`crate::from_str`]), which serde's flatten would otherwise lose.
///
/// ```
/// use json_structure_runtime::{As, Extras, IndexMap, Same};
/// #[derive(serde::Deserialize, Debug)]
/// struct Tags {
///     #[serde(flatten, with = "As::<Extras<Same>>")]
///     rest: IndexMap<String, u8>,
/// }
/// let err = serde_json::from_str::<Tags>(r#"{"a": 1, "b": 300}"#).unwrap_err();
/// assert!(err.to_string().starts_with("@/b: "), "{err}");
/// ```
pub struct Extras<A>(PhantomData<A>);

impl<T, A: crate::SerializeAs<T>> crate::SerializeAs<indexmap::IndexMap<String, T>> for Extras<A> {
    fn serialize_as<S: serde::Serializer>(
        source: &indexmap::IndexMap<String, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        <indexmap::IndexMap<String, A> as crate::SerializeAs<indexmap::IndexMap<String, T>>>::serialize_as(source, serializer)
    }
}

impl<'de, T, A: crate::DeserializeAs<'de, T>>
    crate::DeserializeAs<'de, indexmap::IndexMap<String, T>> for Extras<A>
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<indexmap::IndexMap<String, T>, D::Error> {
        struct V<T, A>(PhantomData<(fn() -> T, A)>);
        impl<'de, T, A: crate::DeserializeAs<'de, T>> Visitor<'de> for V<T, A> {
            type Value = indexmap::IndexMap<String, T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("members")
            }
            fn visit_map<M: de::MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut out = indexmap::IndexMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map
                        .next_value_seed(Seed::<T, A>(PhantomData))
                        .map_err(|e| {
                            let mut pointer = String::from("/");
                            for c in key.chars() {
                                match c {
                                    '~' => pointer.push_str("~0"),
                                    '/' => pointer.push_str("~1"),
                                    c => pointer.push(c),
                                }
                            }
                            // An inner path arrives as `@/inner: message`; prefix the member.
                            let text = e.to_string();
                            match text.strip_prefix('@') {
                                Some(rest) => de::Error::custom(format_args!("@{pointer}{rest}")),
                                None => de::Error::custom(format_args!("@{pointer}: {text}")),
                            }
                        })?;
                    out.insert(key, value);
                }
                Ok(out)
            }
        }
        struct Seed<T, A>(PhantomData<(fn() -> T, A)>);
        impl<'de, T, A: crate::DeserializeAs<'de, T>> de::DeserializeSeed<'de> for Seed<T, A> {
            type Value = T;
            fn deserialize<D2: Deserializer<'de>>(self, d: D2) -> Result<T, D2::Error> {
                // Track the path inside the value too, so `@/member/inner: ...` is exact.
                let mut track = serde_path_to_error::Track::new();
                let result =
                    A::deserialize_as(serde_path_to_error::Deserializer::new(d, &mut track));
                result.map_err(|e| {
                    let inner = crate::validate::pointer_of(&track.path());
                    if inner.is_empty() {
                        e
                    } else {
                        de::Error::custom(format_args!("@{inner}: {e}"))
                    }
                })
            }
        }
        deserializer.deserialize_map(V::<T, A>(PhantomData))
    }
}
