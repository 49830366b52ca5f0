//! Compact `Serialize`/`Deserialize` support for generated object types.
//!
//! Generated structs do not use `#[derive(Serialize, Deserialize)]`: for a large schema,
//! serde's derive expansion (a field enum and visitor per struct, a wrapper type and impl per
//! `with`/`deserialize_with` member, `flatten` buffering through serde's `Content`) is about
//! 85% of the time it takes to compile the generated code. Instead each struct gets two short
//! impls that list its members once each and call the generic helpers of this module:
//!
//! ```
//! use json_structure_runtime::object::{self as o, Members as _, ReadObject};
//! use json_structure_runtime::{IndexMap, Number};
//!
//! #[derive(Debug, PartialEq)]
//! struct Point {
//!     x: f64,
//!     label: Option<String>,
//!     additional_properties: IndexMap<String, serde_json::Value>,
//! }
//!
//! impl serde::Serialize for Point {
//!     fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
//!         let mut out = o::writer(serializer)?;
//!         out.member_as::<Number, _>("x", &self.x)?;
//!         out.optional("label", &self.label)?;
//!         out.extras(&self.additional_properties)?;
//!         out.end()
//!     }
//! }
//!
//! impl<'de> serde::Deserialize<'de> for Point {
//!     fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
//!         o::deserialize(deserializer)
//!     }
//! }
//!
//! impl<'de> ReadObject<'de> for Point {
//!     const NAME: &'static str = "Point";
//!     fn read<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
//!         let mut x = None;
//!         let mut label = None;
//!         let mut additional_properties = IndexMap::new();
//!         while let Some(key) = map.next_member()? {
//!             match &*key {
//!                 "x" => map.read_as::<Number, _>(&mut x, "x"),
//!                 "label" => map.read(&mut label, "label"),
//!                 _ => map.keep(&mut additional_properties, key),
//!             }?;
//!         }
//!         let Some(x) = x else { return Err(serde::de::Error::missing_field("x")) };
//!         Ok(Point { x, label, additional_properties })
//!     }
//! }
//!
//! let text = r#"{"x":1,"label":"a","z":true}"#;
//! let p: Point = serde_json::from_str(text).unwrap();
//! assert_eq!(p.label.as_deref(), Some("a"));
//! assert_eq!(serde_json::to_string(&p).unwrap(), text);
//! let err = serde_json::from_str::<Point>(r#"{"label":"a"}"#).unwrap_err();
//! assert!(err.to_string().starts_with("missing field `x`"));
//! ```
//!
//! Error messages are serde's own (`missing field`, `duplicate field`, `unknown field`,
//! `invalid type: …, expected struct Point`), so errors read the same as with the derive.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::adapters::{DeserializeAs, SerializeAs};
use crate::IndexMap;

/// An object type read member by member from a map; generated code implements
/// [`read`](ReadObject::read) and calls [`deserialize`] from its `Deserialize` impl.
pub trait ReadObject<'de>: Sized {
    /// The type's name, for `expected struct NAME` in errors.
    const NAME: &'static str;

    /// Reads the members of one object.
    fn read<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Deserializes an object type from a JSON object (anything else is an error naming
/// `T::NAME`).
pub fn deserialize<'de, T: ReadObject<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor::<T>(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: ReadObject<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}

/// A member name: borrowed from the input when the input allows it (the common case for
/// `serde_json::from_str`), so matching a declared member never allocates.
#[derive(Debug)]
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied (the name held escapes, or the input is not borrowable).
    Owned(String),
}

impl Deref for Key<'_> {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl Key<'_> {
    /// The name as an owned `String` (no copy when it already is one).
    pub fn into_owned(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}

/// Reading an object's members: implemented for every `MapAccess`, so generated code brings
/// it into scope with `use json_structure_runtime::object::Members as _;` (which adds no
/// name that could clash with a schema's) and calls these methods on the map.
pub trait Members<'de>: MapAccess<'de> {
    /// The next member name, or `None` at the end of the object.
    fn next_member(&mut self) -> Result<Option<Key<'de>>, Self::Error>;

    /// Reads a member's value into `slot`; a second occurrence of the member is an error.
    fn read<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), Self::Error>;

    /// Reads a member's value through the wire adapter `Ad` into `slot`; a second occurrence
    /// of the member is an error.
    fn read_as<Ad: DeserializeAs<'de, T>, T>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), Self::Error>;

    /// Keeps an undeclared member (an open object's `additionalProperties`).
    fn keep<T: Deserialize<'de>>(
        &mut self,
        into: &mut IndexMap<String, T>,
        key: Key<'de>,
    ) -> Result<(), Self::Error>;

    /// Keeps an undeclared member whose value is read through the wire adapter `Ad`.
    fn keep_as<Ad: DeserializeAs<'de, T>, T>(
        &mut self,
        into: &mut IndexMap<String, T>,
        key: Key<'de>,
    ) -> Result<(), Self::Error>;

    /// Skips an undeclared member's value (an object that neither keeps nor forbids them).
    fn skip_value(&mut self) -> Result<(), Self::Error>;

    /// Rejects an undeclared member of a closed object: serde's `unknown field` error,
    /// listing the declared members. The error is raised while reading the member's value, so
    /// that error paths (`serde_path_to_error`) point at the member itself.
    fn reject(
        &mut self,
        key: Key<'de>,
        declared: &'static [&'static str],
    ) -> Result<(), Self::Error>;
}

impl<'de, A: MapAccess<'de>> Members<'de> for A {
    #[inline]
    fn next_member(&mut self) -> Result<Option<Key<'de>>, A::Error> {
        self.next_key_seed(KeySeed)
    }

    #[inline]
    fn read<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(self.next_value()?);
        Ok(())
    }

    #[inline]
    fn read_as<Ad: DeserializeAs<'de, T>, T>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(self.next_value_seed(AdapterSeed::<T, Ad>(PhantomData))?);
        Ok(())
    }

    fn keep<T: Deserialize<'de>>(
        &mut self,
        into: &mut IndexMap<String, T>,
        key: Key<'de>,
    ) -> Result<(), A::Error> {
        let value = self.next_value()?;
        into.insert(key.into_owned(), value);
        Ok(())
    }

    fn keep_as<Ad: DeserializeAs<'de, T>, T>(
        &mut self,
        into: &mut IndexMap<String, T>,
        key: Key<'de>,
    ) -> Result<(), A::Error> {
        let value = self.next_value_seed(AdapterSeed::<T, Ad>(PhantomData))?;
        into.insert(key.into_owned(), value);
        Ok(())
    }

    fn skip_value(&mut self) -> Result<(), A::Error> {
        self.next_value::<IgnoredAny>().map(|_| ())
    }

    fn reject(&mut self, key: Key<'de>, declared: &'static [&'static str]) -> Result<(), A::Error> {
        self.next_value_seed(Reject { key, declared })
    }
}

/// Fails with `unknown field` instead of reading a value.
struct Reject<'k> {
    key: Key<'k>,
    declared: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for Reject<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, _deserializer: D) -> Result<(), D::Error> {
        Err(de::Error::unknown_field(&self.key, self.declared))
    }
}

struct AdapterSeed<T, Ad>(PhantomData<fn() -> (T, Ad)>);

impl<'de, T, Ad: DeserializeAs<'de, T>> DeserializeSeed<'de> for AdapterSeed<T, Ad> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        Ad::deserialize_as(deserializer)
    }
}

/// Starts writing an object; see [`Writer`].
pub fn writer<S: Serializer>(serializer: S) -> Result<Writer<S::SerializeMap>, S::Error> {
    Ok(Writer {
        map: serializer.serialize_map(None)?,
    })
}

/// Writes an object's members in order; [`end`](Writer::end) finishes it.
pub struct Writer<M> {
    map: M,
}

impl<M: SerializeMap> Writer<M> {
    /// Writes a member.
    #[inline]
    pub fn member<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.map.serialize_entry(name, value)
    }

    /// Writes a member through the wire adapter `Ad`.
    #[inline]
    pub fn member_as<Ad: SerializeAs<T>, T: ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.map
            .serialize_entry(name, &WithAdapter::<T, Ad>(value, PhantomData))
    }

    /// Writes an optional member when it is present (`Some`).
    #[inline]
    pub fn optional<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(v) => self.map.serialize_entry(name, v),
            None => Ok(()),
        }
    }

    /// Writes an optional member through the wire adapter `Ad` when it is present.
    #[inline]
    pub fn optional_as<Ad: SerializeAs<T>, T>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(v) => self.member_as::<Ad, T>(name, v),
            None => Ok(()),
        }
    }

    /// Writes the undeclared members an object kept, in their order.
    pub fn extras<T: Serialize>(&mut self, members: &IndexMap<String, T>) -> Result<(), M::Error> {
        members
            .iter()
            .try_for_each(|(k, v)| self.map.serialize_entry(k, v))
    }

    /// Writes the undeclared members an object kept, each through the wire adapter `Ad`.
    pub fn extras_as<Ad: SerializeAs<T>, T>(
        &mut self,
        members: &IndexMap<String, T>,
    ) -> Result<(), M::Error> {
        members.iter().try_for_each(|(k, v)| {
            self.map
                .serialize_entry(k, &WithAdapter::<T, Ad>(v, PhantomData))
        })
    }

    /// Finishes the object.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

struct WithAdapter<'a, T: ?Sized, Ad>(&'a T, PhantomData<fn() -> Ad>);

impl<T: ?Sized, Ad: SerializeAs<T>> Serialize for WithAdapter<'_, T, Ad> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Ad::serialize_as(self.0, serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A closed object with an adapted optional member, written by hand the way the
    /// generator writes one.
    #[derive(Debug, PartialEq)]
    struct Closed {
        id: i64,
        tags: Option<Vec<String>>,
    }

    impl<'de> ReadObject<'de> for Closed {
        const NAME: &'static str = "Closed";
        fn read<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut id = None;
            let mut tags = None;
            while let Some(key) = map.next_member()? {
                match &*key {
                    "id" => map.read_as::<crate::StringInt, _>(&mut id, "id"),
                    "tags" | "labels" => map.read(&mut tags, "tags"),
                    _ => map.reject(key, &["id", "tags"]),
                }?;
            }
            let Some(id) = id else {
                return Err(de::Error::missing_field("id"));
            };
            Ok(Closed { id, tags })
        }
    }

    impl<'de> Deserialize<'de> for Closed {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::deserialize(deserializer)
        }
    }

    impl Serialize for Closed {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut out = writer(serializer)?;
            out.member_as::<crate::StringInt, _>("id", &self.id)?;
            out.optional("tags", &self.tags)?;
            out.end()
        }
    }

    fn error(text: &str) -> String {
        serde_json::from_str::<Closed>(text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn reads_and_writes_members() {
        let c: Closed = serde_json::from_str(r#"{"labels":["a"],"id":"7"}"#).unwrap();
        assert_eq!(
            c,
            Closed {
                id: 7,
                tags: Some(vec!["a".into()])
            }
        );
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"id":"7","tags":["a"]}"#
        );
        let escaped: Closed = serde_json::from_str(r#"{"i\u0064":"1"}"#).unwrap();
        assert_eq!(escaped.id, 1);
        let from_value: Closed = serde_json::from_value(serde_json::json!({"id": "2"})).unwrap();
        assert_eq!(from_value.id, 2);
    }

    #[test]
    fn errors_read_like_serdes() {
        assert!(error(r#"{}"#).starts_with("missing field `id`"));
        assert!(error(r#"{"id":"1","id":"2"}"#).starts_with("duplicate field `id`"));
        assert!(error(r#"{"id":"1","tags":[],"labels":[]}"#).starts_with("duplicate field `tags`"));
        assert!(
            error(r#"{"id":"1","x":1}"#).starts_with("unknown field `x`, expected `id` or `tags`"),
            "{}",
            error(r#"{"id":"1","x":1}"#)
        );
        assert!(error(r#"[1]"#).starts_with("invalid type: sequence, expected struct Closed"));
        assert!(error(r#"{"id":"1","tags":1}"#).contains("invalid type: integer `1`"));
    }
}
