//! Wire adapters for `#[serde(with = "...")]`, composable through containers.
//!
//! This is a minimal equivalent of `serde_with`'s `As` pattern: an *adapter*
//! type `A` describes how a Rust value of type `T` is written and read
//! ([`SerializeAs<T>`], [`DeserializeAs<T>`]), and [`As<A>`] turns the adapter
//! into the `serialize`/`deserialize` pair that serde's `with` attribute
//! expects. Containers of adapters are adapters of containers:
//! `Option<Vec<StringInt>>` is the adapter for `Option<Vec<i64>>`.
//!
//! ```
//! use json_structure_runtime::{As, Present, StringInt};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! struct Counters {
//!     #[serde(with = "As::<Vec<StringInt>>")]
//!     totals: Vec<i64>,
//!     #[serde(default, skip_serializing_if = "Option::is_none")]
//!     #[serde(with = "As::<Present<Option<StringInt>>>")]
//!     limit: Option<Option<u64>>,
//! }
//!
//! let c: Counters = serde_json::from_str(r#"{"totals":["1","-2"],"limit":null}"#).unwrap();
//! assert_eq!(c, Counters { totals: vec![1, -2], limit: Some(None) });
//! assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"totals":["1","-2"],"limit":null}"#);
//! ```

use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codec;
use crate::{Decimal, ParseError};

/// How an adapter writes a value of type `T`.
///
/// ```
/// use json_structure_runtime::{SerializeAs, StringInt};
///
/// let mut out = Vec::new();
/// StringInt::serialize_as(&42i64, &mut serde_json::Serializer::new(&mut out)).unwrap();
/// assert_eq!(out, br#""42""#);
/// ```
pub trait SerializeAs<T: ?Sized> {
    /// Serializes `source` in the adapter's wire form.
    fn serialize_as<S: Serializer>(source: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// How an adapter reads a value of type `T`.
///
/// ```
/// use json_structure_runtime::{DeserializeAs, StringInt};
///
/// let mut de = serde_json::Deserializer::from_str(r#""-7""#);
/// let v: i64 = StringInt::deserialize_as(&mut de).unwrap();
/// assert_eq!(v, -7);
/// ```
pub trait DeserializeAs<'de, T>: Sized {
    /// Deserializes a `T` from the adapter's wire form.
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Bridge from an adapter `A` to serde's `with` attribute:
/// `#[serde(with = "As::<A>")]`.
///
/// ```
/// use json_structure_runtime::{As, StringInt};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Big {
///     #[serde(with = "As::<StringInt>")]
///     n: u128,
/// }
///
/// let b: Big = serde_json::from_str(r#"{"n":"340282366920938463463374607431768211455"}"#).unwrap();
/// assert_eq!(b.n, u128::MAX);
/// ```
pub struct As<A: ?Sized>(PhantomData<A>);

impl<A: ?Sized> As<A> {
    /// Serializes `value` through the adapter `A`.
    ///
    /// ```
    /// use json_structure_runtime::{As, StringInt};
    ///
    /// let mut out = Vec::new();
    /// As::<StringInt>::serialize(&5u64, &mut serde_json::Serializer::new(&mut out)).unwrap();
    /// assert_eq!(out, br#""5""#);
    /// ```
    pub fn serialize<S: Serializer, T: ?Sized>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        A: SerializeAs<T>,
    {
        A::serialize_as(value, serializer)
    }

    /// Deserializes a value through the adapter `A`.
    ///
    /// ```
    /// use json_structure_runtime::{As, StringInt};
    ///
    /// let mut de = serde_json::Deserializer::from_str(r#"["1",null]"#);
    /// let v: Vec<Option<i64>> = As::<Vec<Option<StringInt>>>::deserialize(&mut de).unwrap();
    /// assert_eq!(v, [Some(1), None]);
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>, T>(deserializer: D) -> Result<T, D::Error>
    where
        A: DeserializeAs<'de, T>,
    {
        A::deserialize_as(deserializer)
    }
}

/// Serialize wrapper: a `&T` written through adapter `A`.
struct SerWrap<'a, T: ?Sized, A>(&'a T, PhantomData<A>);

impl<'a, T: ?Sized, A> SerWrap<'a, T, A> {
    fn new(value: &'a T) -> Self {
        SerWrap(value, PhantomData)
    }
}

impl<T: ?Sized, A: SerializeAs<T>> Serialize for SerWrap<'_, T, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(self.0, serializer)
    }
}

/// Deserialize wrapper: a `T` read through adapter `A`.
struct DeWrap<T, A>(T, PhantomData<A>);

impl<'de, T, A: DeserializeAs<'de, T>> Deserialize<'de> for DeWrap<T, A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        A::deserialize_as(deserializer).map(|v| DeWrap(v, PhantomData))
    }
}

/// Caps the capacity pre-allocated from an untrusted size hint.
fn cautious(hint: Option<usize>) -> usize {
    hint.unwrap_or(0).min(4096)
}

// ---------------------------------------------------------------------------
// Identity and containers
// ---------------------------------------------------------------------------

/// The identity adapter: the type's own `Serialize`/`Deserialize`.
///
/// ```
/// use json_structure_runtime::{As, Same};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct S {
///     #[serde(with = "As::<Option<Same>>")]
///     name: Option<String>,
/// }
/// let s: S = serde_json::from_str(r#"{"name":"x"}"#).unwrap();
/// assert_eq!(s.name.as_deref(), Some("x"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Same;

impl<T: Serialize + ?Sized> SerializeAs<T> for Same {
    fn serialize_as<S: Serializer>(source: &T, serializer: S) -> Result<S::Ok, S::Error> {
        source.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

impl<T, A: SerializeAs<T>> SerializeAs<Option<T>> for Option<A> {
    fn serialize_as<S: Serializer>(source: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match source {
            Some(v) => serializer.serialize_some(&SerWrap::<T, A>::new(v)),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Option<T>> for Option<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<DeWrap<T, A>>::deserialize(deserializer)?.map(|w| w.0))
    }
}

impl<T, A: SerializeAs<T>> SerializeAs<Vec<T>> for Vec<A> {
    fn serialize_as<S: Serializer>(source: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(source.iter().map(SerWrap::<T, A>::new))
    }
}

/// Sequence visitor for `UniqueVec<A>`: rejects duplicates.
struct UniqueSeqVisitor<T, A>(PhantomData<(T, A)>);

impl<'de, T, A> Visitor<'de> for UniqueSeqVisitor<T, A>
where
    A: DeserializeAs<'de, T>,
    T: PartialEq,
{
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array without duplicate elements (a set)")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
        let mut out: Vec<T> = Vec::with_capacity(cautious(seq.size_hint()));
        while let Some(DeWrap(v, _)) = seq.next_element::<DeWrap<T, A>>()? {
            if let Some(first) = out.iter().position(|e| *e == v) {
                return Err(de::Error::custom(format_args!(
                    "duplicate element at index {} (same as index {first}) in a set",
                    out.len()
                )));
            }
            out.push(v);
        }
        Ok(out)
    }
}

/// Sequence visitor for `Vec<A>` where `T` need not be `PartialEq`.
struct PlainSeqVisitor<T, A>(PhantomData<(T, A)>);

impl<'de, T, A: DeserializeAs<'de, T>> Visitor<'de> for PlainSeqVisitor<T, A> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
        let mut out = Vec::with_capacity(cautious(seq.size_hint()));
        while let Some(DeWrap(v, _)) = seq.next_element::<DeWrap<T, A>>()? {
            out.push(v);
        }
        Ok(out)
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for Vec<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(PlainSeqVisitor::<T, A>(PhantomData))
    }
}

impl<T: ?Sized, A: SerializeAs<T>> SerializeAs<Box<T>> for Box<A> {
    fn serialize_as<S: Serializer>(source: &Box<T>, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(&**source, serializer)
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Box<T>> for Box<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Box<T>, D::Error> {
        A::deserialize_as(deserializer).map(Box::new)
    }
}

/// `IndexMap<K, A>` is the adapter for `IndexMap<K, T>`: keys use their own
/// serde impls, values go through `A`, insertion order is kept. Unlike
/// `IndexMap`'s own `Deserialize` (last value wins), a duplicate key is an
/// error, so that no member of the input is silently dropped.
impl<K: Serialize, T, A: SerializeAs<T>> SerializeAs<IndexMap<K, T>> for IndexMap<K, A> {
    fn serialize_as<S: Serializer>(
        source: &IndexMap<K, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serialize_entries::<S, K, T, A>(serializer, source.len(), source.iter())
    }
}

struct MapVisitor<K, T, A>(PhantomData<(K, T, A)>);

impl<'de, K, T, A> Visitor<'de> for MapVisitor<K, T, A>
where
    K: Deserialize<'de> + Eq + Hash,
    A: DeserializeAs<'de, T>,
{
    type Value = IndexMap<K, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut access: M) -> Result<IndexMap<K, T>, M::Error> {
        let mut out = IndexMap::with_capacity(cautious(access.size_hint()));
        while let Some((k, DeWrap(v, _))) = access.next_entry::<K, DeWrap<T, A>>()? {
            let index = out.len();
            if let (first, Some(_)) = out.insert_full(k, v) {
                return Err(de::Error::custom(format_args!(
                    "duplicate key at member {index} (same as member {first}) in a map"
                )));
            }
        }
        Ok(out)
    }
}

impl<'de, K, T, A> DeserializeAs<'de, IndexMap<K, T>> for IndexMap<K, A>
where
    K: Deserialize<'de> + Eq + Hash,
    A: DeserializeAs<'de, T>,
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<IndexMap<K, T>, D::Error> {
        deserializer.deserialize_map(MapVisitor::<K, T, A>(PhantomData))
    }
}

/// Writes map entries with values through `A` (shared by the map adapters).
fn serialize_entries<'a, S, K, T, A>(
    serializer: S,
    len: usize,
    entries: impl Iterator<Item = (&'a K, &'a T)>,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    K: Serialize + 'a,
    T: 'a,
    A: SerializeAs<T>,
{
    let mut map = serializer.serialize_map(Some(len))?;
    for (k, v) in entries {
        map.serialize_entry(k, &SerWrap::<T, A>::new(v))?;
    }
    map.end()
}

/// `BTreeMap<K, A>` is the adapter for `BTreeMap<K, T>` (the generator's `MapType::BTreeMap`):
/// as `IndexMap<K, A>`, a duplicate key is an error; entries end up sorted by key.
impl<K: Serialize, T, A: SerializeAs<T>> SerializeAs<std::collections::BTreeMap<K, T>>
    for std::collections::BTreeMap<K, A>
{
    fn serialize_as<S: Serializer>(
        source: &std::collections::BTreeMap<K, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serialize_entries::<S, K, T, A>(serializer, source.len(), source.iter())
    }
}

impl<'de, K, T, A> DeserializeAs<'de, std::collections::BTreeMap<K, T>>
    for std::collections::BTreeMap<K, A>
where
    K: Deserialize<'de> + Eq + Hash + Ord,
    A: DeserializeAs<'de, T>,
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<std::collections::BTreeMap<K, T>, D::Error> {
        <IndexMap<K, A> as DeserializeAs<'de, IndexMap<K, T>>>::deserialize_as(deserializer)
            .map(|m| m.into_iter().collect())
    }
}

/// `HashMap<K, A>` is the adapter for `HashMap<K, T>` (the generator's `MapType::HashMap`):
/// as `IndexMap<K, A>`, a duplicate key is an error.
impl<K: Serialize, T, A: SerializeAs<T>> SerializeAs<std::collections::HashMap<K, T>>
    for std::collections::HashMap<K, A>
{
    fn serialize_as<S: Serializer>(
        source: &std::collections::HashMap<K, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serialize_entries::<S, K, T, A>(serializer, source.len(), source.iter())
    }
}

impl<'de, K, T, A> DeserializeAs<'de, std::collections::HashMap<K, T>>
    for std::collections::HashMap<K, A>
where
    K: Deserialize<'de> + Eq + Hash,
    A: DeserializeAs<'de, T>,
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<std::collections::HashMap<K, T>, D::Error> {
        <IndexMap<K, A> as DeserializeAs<'de, IndexMap<K, T>>>::deserialize_as(deserializer)
            .map(|m| m.into_iter().collect())
    }
}

/// Adapter for *optional* members: `Option<T>` where `None` means "absent".
///
/// Use it together with `#[serde(default, skip_serializing_if =
/// "Option::is_none")]`. Reading wraps the value read by `A` in `Some`;
/// writing writes `Some(v)` through `A` (and `None`, which the
/// `skip_serializing_if` normally prevents, as `null`). An optional *and*
/// nullable member becomes `Option<Option<T>>` with
/// `As::<Present<Option<A>>>`, keeping absent (`None`) and `null`
/// (`Some(None)`) apart.
///
/// ```
/// use json_structure_runtime::{As, Present, Same};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Debug, PartialEq)]
/// struct Patch {
///     #[serde(default, skip_serializing_if = "Option::is_none")]
///     #[serde(with = "As::<Present<Option<Same>>>")]
///     name: Option<Option<String>>,
/// }
///
/// let absent: Patch = serde_json::from_str("{}").unwrap();
/// let null: Patch = serde_json::from_str(r#"{"name":null}"#).unwrap();
/// assert_eq!(absent.name, None);
/// assert_eq!(null.name, Some(None));
/// assert_eq!(serde_json::to_string(&absent).unwrap(), "{}");
/// assert_eq!(serde_json::to_string(&null).unwrap(), r#"{"name":null}"#);
/// ```
pub struct Present<A>(PhantomData<A>);

impl<T, A: SerializeAs<T>> SerializeAs<Option<T>> for Present<A> {
    fn serialize_as<S: Serializer>(source: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match source {
            Some(v) => A::serialize_as(v, serializer),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Option<T>> for Present<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        A::deserialize_as(deserializer).map(Some)
    }
}

/// Adapter for JSON Structure `set`: a `Vec<T>` read with `A` per element,
/// where a duplicate element is an error (never merged), naming both
/// positions. Order is kept. Written like `Vec<A>`.
///
/// Duplicates are found with `PartialEq` against every earlier element, so
/// reading is O(n²) in the number of elements.
///
/// ```
/// use json_structure_runtime::{As, Same, UniqueVec};
/// use serde::Deserialize;
///
/// #[derive(Deserialize, Debug)]
/// struct Tags {
///     #[serde(with = "As::<UniqueVec<Same>>")]
///     tags: Vec<String>,
/// }
///
/// let ok: Tags = serde_json::from_str(r#"{"tags":["b","a"]}"#).unwrap();
/// assert_eq!(ok.tags, ["b", "a"]);
/// let err = serde_json::from_str::<Tags>(r#"{"tags":["a","b","a"]}"#).unwrap_err();
/// assert!(err.to_string().contains("duplicate element at index 2 (same as index 0) in a set"));
/// ```
pub struct UniqueVec<A>(PhantomData<A>);

impl<T, A: SerializeAs<T>> SerializeAs<Vec<T>> for UniqueVec<A> {
    fn serialize_as<S: Serializer>(source: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(source.iter().map(SerWrap::<T, A>::new))
    }
}

impl<'de, T: PartialEq, A: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for UniqueVec<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(UniqueSeqVisitor::<T, A>(PhantomData))
    }
}

// ---------------------------------------------------------------------------
// Number
// ---------------------------------------------------------------------------

/// Adapter for `f64` and `f32` (JSON Structure `double`, `float`, `float8`,
/// `number`) that keeps integral values integral on the wire.
///
/// Writing: a finite integral value with |x| ≤ 2⁵³ is written as a JSON
/// integer (`1.0` → `1`), so that `"cpu": 1` survives a round trip as `1`;
/// `-0.0` stays `-0.0`; other finite values are written as floats
/// (`2.5`); NaN and ±infinity are a serialization error because JSON cannot
/// carry them. Reading: any JSON number; for `f32`, a value outside `f32`'s
/// finite range is an error. (A JSON integer beyond 2⁵³ is rounded to the
/// nearest `f64`, as for any binary floating-point field.)
///
/// ```
/// use json_structure_runtime::{As, Number};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Res {
///     #[serde(with = "As::<Number>")]
///     cpu: f64,
///     #[serde(with = "As::<Number>")]
///     ratio: f32,
/// }
///
/// let r: Res = serde_json::from_str(r#"{"cpu":1,"ratio":2.5}"#).unwrap();
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"cpu":1,"ratio":2.5}"#);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Number;

/// 2^53: the largest magnitude up to which every integer is an `f64`.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

fn non_finite<E: ser::Error>(v: f64) -> E {
    E::custom(format_args!(
        "cannot write {v} as a JSON number: JSON has no NaN or infinity"
    ))
}

fn integral_i64(v: f64) -> Option<i64> {
    if v.fract() == 0.0 && v.abs() <= MAX_SAFE_INTEGER && !(v == 0.0 && v.is_sign_negative()) {
        Some(v as i64)
    } else {
        None
    }
}

impl SerializeAs<f64> for Number {
    fn serialize_as<S: Serializer>(source: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        let v = *source;
        if !v.is_finite() {
            return Err(non_finite(v));
        }
        match integral_i64(v) {
            Some(i) => serializer.serialize_i64(i),
            None => serializer.serialize_f64(v),
        }
    }
}

impl SerializeAs<f32> for Number {
    fn serialize_as<S: Serializer>(source: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        let v = *source;
        if !v.is_finite() {
            return Err(non_finite(f64::from(v)));
        }
        match integral_i64(f64::from(v)) {
            Some(i) => serializer.serialize_i64(i),
            None => serializer.serialize_f32(v),
        }
    }
}

struct F64Visitor;

impl Visitor<'_> for F64Visitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON number")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<f64, E> {
        Ok(v as f64)
    }
}

impl<'de> DeserializeAs<'de, f64> for Number {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        let v = deserializer.deserialize_f64(F64Visitor)?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(de::Error::custom(format_args!(
                "number {v} is outside the finite range of a double"
            )))
        }
    }
}

impl<'de> DeserializeAs<'de, f32> for Number {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        let v = deserializer.deserialize_f64(F64Visitor)?;
        let narrow = v as f32;
        if narrow.is_finite() {
            Ok(narrow)
        } else {
            Err(de::Error::custom(format_args!(
                "number {v} is outside the finite range of a float (32-bit, ±{:e})",
                f32::MAX
            )))
        }
    }
}

// ---------------------------------------------------------------------------
// String-encoded integers
// ---------------------------------------------------------------------------

/// Adapter for `i64`, `u64`, `i128` and `u128` (JSON Structure `int64`,
/// `uint64`, `int128`, `uint128`): the wire form is a JSON **string** in the
/// RFC 8259 integer grammar `-?(0|[1-9][0-9]*)`.
///
/// Reading is strict: no `+`, no leading zeros, no whitespace, no exponent,
/// no `"-0"` (it would be written back as `"0"`), range-checked; a JSON
/// number is an error. Writing always produces the string. See
/// [`LenientStringInt`] to also accept JSON integers.
///
/// ```
/// use json_structure_runtime::{As, StringInt};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Debug)]
/// struct Row {
///     #[serde(with = "As::<StringInt>")]
///     id: i64,
/// }
///
/// let r: Row = serde_json::from_str(r#"{"id":"-42"}"#).unwrap();
/// assert_eq!(r.id, -42);
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"id":"-42"}"#);
/// let err = serde_json::from_str::<Row>(r#"{"id":123}"#).unwrap_err();
/// assert!(err.to_string().contains(r#"expected a string-encoded int64 such as "123", found number 123"#));
/// assert!(serde_json::from_str::<Row>(r#"{"id":"007"}"#).is_err());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct StringInt;

/// Like [`StringInt`], but reading also accepts a JSON integer number (not a
/// float); writing always produces a string.
///
/// ```
/// use json_structure_runtime::{As, LenientStringInt};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Row {
///     #[serde(with = "As::<LenientStringInt>")]
///     size: u64,
/// }
///
/// let r: Row = serde_json::from_str(r#"{"size":123}"#).unwrap();
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"size":"123"}"#);
/// assert!(serde_json::from_str::<Row>(r#"{"size":1.5}"#).is_err());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct LenientStringInt;

/// The integer types that travel as strings.
trait WideInt:
    Sized
    + fmt::Display
    + std::str::FromStr
    + TryFrom<i64>
    + TryFrom<u64>
    + TryFrom<i128>
    + TryFrom<u128>
{
    const NAME: &'static str;
    const SIGNED: bool;
    const RANGE: &'static str;
}

impl WideInt for i64 {
    const NAME: &'static str = "int64";
    const SIGNED: bool = true;
    const RANGE: &'static str = "-9223372036854775808..=9223372036854775807";
}
impl WideInt for u64 {
    const NAME: &'static str = "uint64";
    const SIGNED: bool = false;
    const RANGE: &'static str = "0..=18446744073709551615";
}
impl WideInt for i128 {
    const NAME: &'static str = "int128";
    const SIGNED: bool = true;
    const RANGE: &'static str =
        "-170141183460469231731687303715884105728..=170141183460469231731687303715884105727";
}
impl WideInt for u128 {
    const NAME: &'static str = "uint128";
    const SIGNED: bool = false;
    const RANGE: &'static str = "0..=340282366920938463463374607431768211455";
}

fn out_of_range<T: WideInt>(text: &str) -> ParseError {
    ParseError::new(
        T::NAME,
        text,
        format!("out of range for {} ({})", T::NAME, T::RANGE),
    )
}

/// Parses the strict RFC 8259 integer grammar and range-checks it.
fn parse_wide<T: WideInt>(text: &str) -> Result<T, ParseError> {
    let err = |reason: &'static str| ParseError::new(T::NAME, text, reason);
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        None => return Err(err("empty string")),
        Some((b'+', _)) => return Err(err("a leading '+' is not allowed")),
        Some((b'-', rest)) => (true, rest),
        Some(_) => (false, bytes),
    };
    if digits.is_empty() {
        return Err(err("no digits"));
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(err(
            "not an integer: only ASCII digits with an optional leading '-' are allowed",
        ));
    }
    if digits[0] == b'0' && digits.len() > 1 {
        return Err(err("leading zeros are not allowed"));
    }
    if negative && digits == b"0" {
        return Err(err("\"-0\" is not allowed (write \"0\")"));
    }
    if negative && !T::SIGNED {
        return Err(out_of_range::<T>(text));
    }
    text.parse::<T>().map_err(|_| out_of_range::<T>(text))
}

struct WideIntVisitor<T> {
    lenient: bool,
    marker: PhantomData<T>,
}

impl<T: WideInt> WideIntVisitor<T> {
    fn number<E: de::Error, N: fmt::Display + Copy>(self, n: N) -> Result<T, E>
    where
        T: TryFrom<N>,
    {
        if !self.lenient {
            return Err(E::custom(format_args!(
                "expected a string-encoded {} such as \"123\", found number {n}",
                T::NAME
            )));
        }
        T::try_from(n).map_err(|_| {
            E::custom(format_args!(
                "number {n} is out of range for {} ({})",
                T::NAME,
                T::RANGE
            ))
        })
    }
}

impl<'de, T: WideInt> Visitor<'de> for WideIntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string-encoded {} such as \"123\"", T::NAME)?;
        if self.lenient {
            f.write_str(" or an integer number")?;
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        parse_wide(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.number(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.number(v)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<T, E> {
        self.number(v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<T, E> {
        self.number(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        if !self.lenient {
            return Err(E::custom(format_args!(
                "expected a string-encoded {} such as \"123\", found number {v}",
                T::NAME
            )));
        }
        let why = if v.fract() == 0.0 {
            "integers beyond 64 bits must be written as strings"
        } else {
            "not an integer"
        };
        Err(E::custom(format_args!(
            "expected a string-encoded {} such as \"123\" or an integer number, found \
             number {v} ({why})",
            T::NAME
        )))
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
        // serde_json's `arbitrary_precision` hands numbers over as a special
        // map; `serde_json::Number` reads it (and rejects any other map).
        let n = serde_json::Number::deserialize(de::value::MapAccessDeserializer::new(map))?;
        if !self.lenient {
            return Err(de::Error::custom(format_args!(
                "expected a string-encoded {} such as \"123\", found number {n}",
                T::NAME
            )));
        }
        parse_wide(&n.to_string()).map_err(de::Error::custom)
    }
}

macro_rules! wide_int_adapters {
    ($($t:ty),*) => {$(
        impl SerializeAs<$t> for StringInt {
            fn serialize_as<S: Serializer>(source: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(source)
            }
        }
        impl<'de> DeserializeAs<'de, $t> for StringInt {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                deserializer.deserialize_any(WideIntVisitor::<$t> { lenient: false, marker: PhantomData })
            }
        }
        impl SerializeAs<$t> for LenientStringInt {
            fn serialize_as<S: Serializer>(source: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(source)
            }
        }
        impl<'de> DeserializeAs<'de, $t> for LenientStringInt {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                deserializer.deserialize_any(WideIntVisitor::<$t> { lenient: true, marker: PhantomData })
            }
        }
    )*};
}

wide_int_adapters!(i64, u64, i128, u128);

// ---------------------------------------------------------------------------
// Binary encodings
// ---------------------------------------------------------------------------

struct BytesVisitor {
    decode: fn(&str) -> Result<Vec<u8>, ParseError>,
    expecting: &'static str,
}

impl Visitor<'_> for BytesVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        (self.decode)(v).map_err(E::custom)
    }
}

macro_rules! binary_adapter {
    ($(#[$doc:meta])* $name:ident, $expecting:literal, $encode:expr, $decode:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        impl SerializeAs<Vec<u8>> for $name {
            fn serialize_as<S: Serializer>(source: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
                let encode: fn(&[u8]) -> String = $encode;
                serializer.serialize_str(&encode(source))
            }
        }

        impl<'de> DeserializeAs<'de, Vec<u8>> for $name {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
                deserializer.deserialize_str(BytesVisitor { decode: $decode, expecting: $expecting })
            }
        }
    };
}

binary_adapter!(
    /// Adapter for `Vec<u8>` as RFC 4648 §4 base64 (standard alphabet), the
    /// default `binary` encoding. Writes padded; reads padded or unpadded
    /// (padding, when present, must be exact). Rejects whitespace, other
    /// alphabets and non-canonical trailing bits.
    ///
    /// ```
    /// use json_structure_runtime::{As, Base64};
    /// use serde::{Deserialize, Serialize};
    ///
    /// #[derive(Serialize, Deserialize)]
    /// struct Blob {
    ///     #[serde(with = "As::<Base64>")]
    ///     data: Vec<u8>,
    /// }
    /// let b: Blob = serde_json::from_str(r#"{"data":"Zm9vYg"}"#).unwrap();
    /// assert_eq!(b.data, b"foob");
    /// assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"data":"Zm9vYg=="}"#);
    /// ```
    Base64,
    "a base64 string",
    |d| codec::encode(&codec::BASE64, d, true),
    |s| codec::decode(&codec::BASE64, s)
);

binary_adapter!(
    /// Adapter for `Vec<u8>` as RFC 4648 §5 base64url (URL-safe alphabet).
    /// Writes unpadded; reads padded or unpadded.
    ///
    /// ```
    /// use json_structure_runtime::{As, Base64Url};
    /// use serde::{Deserialize, Serialize};
    ///
    /// #[derive(Serialize, Deserialize)]
    /// struct Blob {
    ///     #[serde(with = "As::<Base64Url>")]
    ///     data: Vec<u8>,
    /// }
    /// let b: Blob = serde_json::from_str(r#"{"data":"-_8="}"#).unwrap();
    /// assert_eq!(b.data, [0xfb, 0xff]);
    /// assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"data":"-_8"}"#);
    /// ```
    Base64Url,
    "a base64url string",
    |d| codec::encode(&codec::BASE64URL, d, false),
    |s| codec::decode(&codec::BASE64URL, s)
);

binary_adapter!(
    /// Adapter for `Vec<u8>` as RFC 4648 §8 base16 (hexadecimal). Reads
    /// either case, writes lowercase.
    ///
    /// ```
    /// use json_structure_runtime::{As, Base16};
    /// use serde::{Deserialize, Serialize};
    ///
    /// #[derive(Serialize, Deserialize)]
    /// struct Blob {
    ///     #[serde(with = "As::<Base16>")]
    ///     data: Vec<u8>,
    /// }
    /// let b: Blob = serde_json::from_str(r#"{"data":"C0fFeE"}"#).unwrap();
    /// assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"data":"c0ffee"}"#);
    /// ```
    Base16,
    "a base16 (hexadecimal) string",
    codec::encode_hex,
    codec::decode_hex
);

binary_adapter!(
    /// Adapter for `Vec<u8>` as RFC 4648 §6 base32 (alphabet `A–Z2–7`,
    /// uppercase only). Writes padded; reads padded or unpadded.
    ///
    /// ```
    /// use json_structure_runtime::{As, Base32};
    /// use serde::{Deserialize, Serialize};
    ///
    /// #[derive(Serialize, Deserialize)]
    /// struct Blob {
    ///     #[serde(with = "As::<Base32>")]
    ///     data: Vec<u8>,
    /// }
    /// let b: Blob = serde_json::from_str(r#"{"data":"MZXW6==="}"#).unwrap();
    /// assert_eq!(b.data, b"foo");
    /// assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"data":"MZXW6==="}"#);
    /// ```
    Base32,
    "a base32 string",
    |d| codec::encode(&codec::BASE32, d, true),
    |s| codec::decode(&codec::BASE32, s)
);

binary_adapter!(
    /// Adapter for `Vec<u8>` as RFC 4648 §7 base32hex (alphabet `0–9A–V`,
    /// uppercase only). Writes padded; reads padded or unpadded.
    ///
    /// ```
    /// use json_structure_runtime::{As, Base32Hex};
    /// use serde::{Deserialize, Serialize};
    ///
    /// #[derive(Serialize, Deserialize)]
    /// struct Blob {
    ///     #[serde(with = "As::<Base32Hex>")]
    ///     data: Vec<u8>,
    /// }
    /// let b: Blob = serde_json::from_str(r#"{"data":"CPNMU==="}"#).unwrap();
    /// assert_eq!(b.data, b"foo");
    /// assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"data":"CPNMU==="}"#);
    /// ```
    Base32Hex,
    "a base32hex string",
    |d| codec::encode(&codec::BASE32HEX, d, true),
    |s| codec::decode(&codec::BASE32HEX, s)
);

// ---------------------------------------------------------------------------
// LenientDecimal
// ---------------------------------------------------------------------------

/// Adapter for [`Decimal`] that reads a JSON string (strict decimal grammar)
/// or a JSON number, and always writes a string.
///
/// A number is taken from its text where the JSON parser keeps it
/// (serde_json's `arbitrary_precision` feature), otherwise from the shortest
/// text of the parsed `f64` (so `2.50` becomes `"2.5"`); an exponent is
/// expanded into plain decimal digits (`1e3` → `"1000"`, `1.5e-3` →
/// `"0.0015"`).
///
/// ```
/// use json_structure_runtime::{As, Decimal, LenientDecimal};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Price {
///     #[serde(with = "As::<LenientDecimal>")]
///     amount: Decimal,
/// }
/// let p: Price = serde_json::from_str(r#"{"amount":12.5}"#).unwrap();
/// assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"amount":"12.5"}"#);
/// let p: Price = serde_json::from_str(r#"{"amount":"45.00"}"#).unwrap();
/// assert_eq!(p.amount.as_str(), "45.00");
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct LenientDecimal;

impl SerializeAs<Decimal> for LenientDecimal {
    fn serialize_as<S: Serializer>(source: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(source.as_str())
    }
}

/// Largest decimal exponent expanded from a JSON number (guards memory).
const MAX_EXPANDED_EXPONENT: i64 = 4096;

/// Turns JSON number text (`-?int[.frac][e[+-]exp]`) into plain decimal text.
fn number_text_to_decimal(text: &str) -> Result<Decimal, ParseError> {
    let err = |reason: &'static str| ParseError::new("decimal", text, reason);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        None => return text.parse(),
        Some(pos) => (
            text.get(..pos).unwrap_or_default(),
            text.get(pos + 1..).unwrap_or_default(),
        ),
    };
    let exponent: i64 = exponent
        .strip_prefix('+')
        .unwrap_or(exponent)
        .parse()
        .map_err(|_| err("invalid exponent"))?;
    if exponent.unsigned_abs() > MAX_EXPANDED_EXPONENT.unsigned_abs() {
        return Err(err("exponent too large to expand into decimal digits"));
    }
    // Validate the mantissa with the decimal grammar itself.
    let m: Decimal = mantissa.parse()?;
    let m = m.as_str();
    let (negative, unsigned) = match m.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, m),
    };
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits: String = int_part.chars().chain(frac_part.chars()).collect();
    // Position of the decimal point within `digits` after shifting.
    let point = int_part.len() as i64 + exponent;
    let mut out = String::with_capacity(digits.len() + exponent.unsigned_abs() as usize + 3);
    if negative {
        out.push('-');
    }
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else {
        let point = point as usize;
        if point >= digits.len() {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', point - digits.len()));
        } else {
            let (i, f) = digits.split_at(point);
            out.push_str(i);
            out.push('.');
            out.push_str(f);
        }
    }
    // Strip leading zeros of the integer part ("00.5" → "0.5", "0012" → "12").
    let body_start = usize::from(negative);
    let body = out.get(body_start..).unwrap_or_default();
    let int_len = body.find('.').unwrap_or(body.len());
    let zeros = body
        .bytes()
        .take(int_len.saturating_sub(1))
        .take_while(|&b| b == b'0')
        .count();
    out.replace_range(body_start..body_start + zeros, "");
    out.parse()
}

struct LenientDecimalVisitor;

impl<'de> Visitor<'de> for LenientDecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal string such as \"12.50\" or a JSON number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        v.parse().map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        number_text_to_decimal(&v.to_string()).map_err(E::custom)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        number_text_to_decimal(&v.to_string()).map_err(E::custom)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        match serde_json::Number::from_f64(v) {
            Some(n) => number_text_to_decimal(&n.to_string()).map_err(E::custom),
            None => Err(E::custom(format_args!(
                "number {v} cannot be represented as a decimal"
            ))),
        }
    }
    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Decimal, M::Error> {
        // serde_json's `arbitrary_precision` hands numbers over as a special
        // map; `serde_json::Number` knows how to read it (and rejects any
        // other map).
        let n = serde_json::Number::deserialize(de::value::MapAccessDeserializer::new(map))?;
        number_text_to_decimal(&n.to_string()).map_err(de::Error::custom)
    }
}

impl<'de> DeserializeAs<'de, Decimal> for LenientDecimal {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_any(LenientDecimalVisitor)
    }
}

/// Adapter for [`crate::Uri`] that also requires a scheme (an absolute URI).
///
/// JSON Structure's `uri` is an RFC 3986 URI-reference, so relative references are valid and
/// [`crate::Uri`] accepts them. The official SDK validators require absolute URIs instead;
/// generated code uses this adapter when that stricter reading is asked for
/// (`Config::absolute_uris`).
///
/// ```
/// use json_structure_runtime::{As, AbsoluteUri, Uri};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Link {
///     #[serde(with = "As::<AbsoluteUri>")]
///     href: Uri,
/// }
/// assert!(serde_json::from_str::<Link>(r#"{"href":"https://example.com/a"}"#).is_ok());
/// let err = serde_json::from_str::<Link>(r#"{"href":"a/b"}"#).err().unwrap();
/// assert!(err.to_string().starts_with("invalid absolute URI \"a/b\""));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct AbsoluteUri;

impl SerializeAs<crate::Uri> for AbsoluteUri {
    fn serialize_as<S: Serializer>(source: &crate::Uri, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(source, serializer)
    }
}

impl<'de> DeserializeAs<'de, crate::Uri> for AbsoluteUri {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<crate::Uri, D::Error> {
        let uri: crate::Uri = serde::Deserialize::deserialize(deserializer)?;
        if uri.is_absolute() {
            Ok(uri)
        } else {
            Err(de::Error::custom(format_args!(
                "invalid absolute URI {:?}: a scheme such as \"https:\" is required",
                uri.as_str()
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn de<'de, A: DeserializeAs<'de, T>, T>(text: &'de str) -> Result<T, String> {
        let mut d = serde_json::Deserializer::from_str(text);
        let v = A::deserialize_as(&mut d).map_err(|e| e.to_string())?;
        d.end().map_err(|e| e.to_string())?;
        Ok(v)
    }

    fn ser<A: SerializeAs<T>, T: ?Sized>(v: &T) -> Result<String, String> {
        let mut out = Vec::new();
        A::serialize_as(v, &mut serde_json::Serializer::new(&mut out))
            .map_err(|e| e.to_string())?;
        String::from_utf8(out).map_err(|e| e.to_string())
    }

    fn round_trip<A, T>(text: &str)
    where
        A: SerializeAs<T> + for<'de> DeserializeAs<'de, T>,
    {
        let v: T = de::<A, T>(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(ser::<A, T>(&v).unwrap(), text);
    }

    #[test]
    fn number_writes_integral_as_integer() {
        assert_eq!(ser::<Number, f64>(&1.0).unwrap(), "1");
        assert_eq!(ser::<Number, f64>(&2.5).unwrap(), "2.5");
        assert_eq!(ser::<Number, f64>(&-3.0).unwrap(), "-3");
        assert_eq!(ser::<Number, f64>(&-0.0).unwrap(), "-0.0");
        assert_eq!(ser::<Number, f64>(&0.0).unwrap(), "0");
        assert_eq!(
            ser::<Number, f64>(&9007199254740992.0).unwrap(),
            "9007199254740992"
        );
        assert_eq!(ser::<Number, f64>(&1e20).unwrap(), "1e+20");
        assert_eq!(ser::<Number, f32>(&1.0).unwrap(), "1");
        assert_eq!(ser::<Number, f32>(&0.1).unwrap(), "0.1");
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let e = ser::<Number, f64>(&bad).unwrap_err();
            assert!(e.contains("JSON has no NaN or infinity"), "{e}");
        }
        assert!(ser::<Number, f32>(&f32::NAN).is_err());
    }

    #[test]
    fn number_reads_any_json_number() {
        assert_eq!(de::<Number, f64>("1").unwrap(), 1.0);
        assert_eq!(de::<Number, f64>("-7").unwrap(), -7.0);
        assert_eq!(de::<Number, f64>("2.5e3").unwrap(), 2500.0);
        assert_eq!(de::<Number, f32>("0.1").unwrap(), 0.1f32);
        assert!(de::<Number, f64>("\"1\"").is_err());
        let e = de::<Number, f32>("1e39").unwrap_err();
        assert!(e.contains("outside the finite range of a float"), "{e}");
        assert_eq!(de::<Number, f32>("3.4028234e38").unwrap(), f32::MAX);
        for text in ["1", "2.5", "-0.0", "0.1", "123456789", "1e+300", "-1.5e-7"] {
            round_trip::<Number, f64>(text);
        }
        for text in ["1", "2.5", "0.1", "-1.25", "3.4028235e+38"] {
            round_trip::<Number, f32>(text);
        }
    }

    #[test]
    fn number_value_round_trip() {
        #[derive(Serialize, Deserialize)]
        struct Res {
            #[serde(with = "As::<Number>")]
            cpu: f64,
            #[serde(with = "As::<Option<Number>>")]
            mem: Option<f64>,
        }
        let input = json!({"cpu": 1, "mem": 2.5});
        let r: Res = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap(), input);
    }

    macro_rules! string_int_cases {
        ($t:ty, $name:literal, $min:expr, $max:expr, $over:literal, $under:literal) => {{
            let min = $min.to_string();
            let max = $max.to_string();
            for text in ["0", "1", "42", &min, &max] {
                round_trip::<StringInt, $t>(&format!("\"{text}\""));
                round_trip::<LenientStringInt, $t>(&format!("\"{text}\""));
            }
            for bad in [
                "\"\"",
                "\"+1\"",
                "\"007\"",
                "\"00\"",
                "\" 1\"",
                "\"1 \"",
                "\"1.0\"",
                "\"1e3\"",
                "\"-0\"",
                "\"-\"",
                "\"0x10\"",
                "\"١\"",
                "null",
                "true",
                "[]",
                concat!("\"", $over, "\""),
                concat!("\"", $under, "\""),
            ] {
                assert!(de::<StringInt, $t>(bad).is_err(), "{} {bad}", $name);
                assert!(
                    de::<LenientStringInt, $t>(bad).is_err(),
                    "lenient {} {bad}",
                    $name
                );
            }
            let e = de::<StringInt, $t>("123").unwrap_err();
            assert!(
                e.contains(concat!(
                    "expected a string-encoded ",
                    $name,
                    " such as \"123\", found number 123"
                )),
                "{e}"
            );
            assert!(de::<StringInt, $t>("1.5").is_err());
            let e = de::<StringInt, $t>(concat!("\"", $over, "\"")).unwrap_err();
            assert!(e.contains("out of range"), "{e}");
            assert!(e.contains($over), "{e}");
            let e = de::<StringInt, $t>("\"+1\"").unwrap_err();
            assert!(e.contains("\"+1\""), "{e}");
            assert_eq!(de::<LenientStringInt, $t>("123").unwrap(), 123 as $t);
            assert_eq!(
                ser::<LenientStringInt, $t>(&(123 as $t)).unwrap(),
                "\"123\""
            );
            assert!(de::<LenientStringInt, $t>("1.5").is_err());
            assert!(de::<LenientStringInt, $t>("1.0").is_err());
        }};
    }

    #[test]
    fn string_int_i64() {
        string_int_cases!(
            i64,
            "int64",
            i64::MIN,
            i64::MAX,
            "9223372036854775808",
            "-9223372036854775809"
        );
        assert_eq!(de::<LenientStringInt, i64>("-5").unwrap(), -5);
        assert!(de::<LenientStringInt, i64>("9223372036854775808").is_err());
    }

    #[test]
    fn string_int_u64() {
        string_int_cases!(
            u64,
            "uint64",
            u64::MIN,
            u64::MAX,
            "18446744073709551616",
            "-1"
        );
        assert!(de::<LenientStringInt, u64>("-5").is_err());
    }

    #[test]
    fn string_int_i128() {
        string_int_cases!(
            i128,
            "int128",
            i128::MIN,
            i128::MAX,
            "170141183460469231731687303715884105728",
            "-170141183460469231731687303715884105729"
        );
    }

    #[test]
    fn string_int_u128() {
        string_int_cases!(
            u128,
            "uint128",
            u128::MIN,
            u128::MAX,
            "340282366920938463463374607431768211456",
            "-1"
        );
        // A JSON integer beyond 64 bits arrives as a float from serde_json.
        assert!(de::<LenientStringInt, u128>("340282366920938463463374607431768211455").is_err());
    }

    #[test]
    fn containers_compose() {
        round_trip::<Option<Vec<StringInt>>, Option<Vec<i64>>>(r#"["1","-2"]"#);
        round_trip::<Option<Vec<StringInt>>, Option<Vec<i64>>>("null");
        round_trip::<Box<StringInt>, Box<u64>>(r#""9""#);
        round_trip::<Vec<Option<Same>>, Vec<Option<String>>>(r#"["a",null]"#);
        round_trip::<IndexMap<String, StringInt>, IndexMap<String, i64>>(
            r#"{"z":"1","a":"2","m":"3"}"#,
        );
        round_trip::<IndexMap<String, Vec<Base64>>, IndexMap<String, Vec<Vec<u8>>>>(
            r#"{"k":["Zm9v",""]}"#,
        );
        let e = de::<IndexMap<String, Same>, IndexMap<String, i32>>(r#"{"a":1,"b":2,"a":3}"#)
            .unwrap_err();
        assert!(
            e.contains("duplicate key at member 2 (same as member 0)"),
            "{e}"
        );
        assert!(de::<Vec<StringInt>, Vec<i64>>(r#"["1",2]"#).is_err());
        assert!(de::<Vec<StringInt>, Vec<i64>>(r#"{}"#).is_err());
    }

    #[test]
    fn present_keeps_absent_and_null_apart() {
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        struct Patch {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[serde(with = "As::<Present<Option<Same>>>")]
            name: Option<Option<String>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[serde(with = "As::<Present<Option<StringInt>>>")]
            size: Option<Option<i64>>,
            #[serde(with = "As::<Option<StringInt>>")]
            required_nullable: Option<u64>,
        }
        for (text, expected) in [
            (
                r#"{"required_nullable":null}"#,
                Patch {
                    name: None,
                    size: None,
                    required_nullable: None,
                },
            ),
            (
                r#"{"name":null,"size":null,"required_nullable":"1"}"#,
                Patch {
                    name: Some(None),
                    size: Some(None),
                    required_nullable: Some(1),
                },
            ),
            (
                r#"{"name":"x","size":"-3","required_nullable":null}"#,
                Patch {
                    name: Some(Some("x".into())),
                    size: Some(Some(-3)),
                    required_nullable: None,
                },
            ),
        ] {
            let p: Patch = serde_json::from_str(text).unwrap();
            assert_eq!(p, expected);
            assert_eq!(serde_json::to_string(&p).unwrap(), text);
        }
        // A required nullable member must still be present.
        assert!(serde_json::from_str::<Patch>("{}").is_err());
        // `None` reaching a Present adapter is written as null.
        assert_eq!(ser::<Present<Same>, Option<i32>>(&None).unwrap(), "null");
    }

    #[test]
    fn unique_vec_rejects_duplicates() {
        round_trip::<UniqueVec<Same>, Vec<i32>>("[3,1,2]");
        round_trip::<UniqueVec<StringInt>, Vec<i64>>(r#"["3","1"]"#);
        round_trip::<UniqueVec<Same>, Vec<i32>>("[]");
        let e = de::<UniqueVec<Same>, Vec<i32>>("[1,2,1]").unwrap_err();
        assert!(
            e.contains("duplicate element at index 2 (same as index 0) in a set"),
            "{e}"
        );
        let e = de::<UniqueVec<StringInt>, Vec<i64>>(r#"["5","6","7","6"]"#).unwrap_err();
        assert!(e.contains("index 3 (same as index 1)"), "{e}");
        assert!(de::<UniqueVec<Same>, Vec<serde_json::Value>>(r#"[{"a":1},{"a":1}]"#).is_err());
    }

    #[test]
    fn binary_adapters() {
        round_trip::<Base64, Vec<u8>>(r#""Zm9vYmE=""#);
        round_trip::<Base64Url, Vec<u8>>(r#""Zm9vYmE""#);
        round_trip::<Base16, Vec<u8>>(r#""666f6f""#);
        round_trip::<Base32, Vec<u8>>(r#""MZXW6YQ=""#);
        round_trip::<Base32Hex, Vec<u8>>(r#""CPNMUOG=""#);
        assert_eq!(de::<Base64, Vec<u8>>(r#""Zm9vYmE""#).unwrap(), b"fooba");
        assert_eq!(ser::<Base16, Vec<u8>>(&vec![0xAB]).unwrap(), r#""ab""#);
        let e = de::<Base64, Vec<u8>>(r#""Zm9v!""#).unwrap_err();
        assert!(e.contains("base64") && e.contains("Zm9v!"), "{e}");
        assert!(de::<Base64, Vec<u8>>("[1,2]").is_err());
        assert!(de::<Base32, Vec<u8>>(r#""mzxw6===""#).is_err());
    }

    #[test]
    fn lenient_decimal() {
        let d = |t: &str| de::<LenientDecimal, Decimal>(t).map(|d| d.as_str().to_owned());
        assert_eq!(d(r#""45.00""#).unwrap(), "45.00");
        assert_eq!(d("12").unwrap(), "12");
        assert_eq!(d("-12").unwrap(), "-12");
        assert_eq!(d("12.5").unwrap(), "12.5");
        assert_eq!(d("1.0").unwrap(), "1.0");
        assert_eq!(d("1e3").unwrap(), "1000.0");
        assert_eq!(d("1.5e-3").unwrap(), "0.0015");
        assert_eq!(d("-2.5e-1").unwrap(), "-0.25");
        assert_eq!(d("1e20").unwrap(), "100000000000000000000");
        assert!(d(r#""1e3""#).is_err());
        assert!(d(r#""007""#).is_err());
        assert!(d("null").is_err());
        assert!(d("{}").is_err());
        round_trip::<LenientDecimal, Decimal>(r#""-0.10""#);
        for (text, expected) in [
            ("1e3", "1000"),
            ("1.50E+2", "150"),
            ("1.505e1", "15.05"),
            ("12e-1", "1.2"),
            ("0.5e-2", "0.005"),
            ("-5e0", "-5"),
            ("0e5", "0"),
            ("123.456e1", "1234.56"),
        ] {
            assert_eq!(
                number_text_to_decimal(text).unwrap().as_str(),
                expected,
                "{text}"
            );
        }
        assert!(number_text_to_decimal("1e999999").is_err());
        assert!(number_text_to_decimal("1e-9223372036854775808").is_err());
        assert!(number_text_to_decimal("1e99999999999999999999").is_err());
        assert!(number_text_to_decimal("1e").is_err());
    }
}
