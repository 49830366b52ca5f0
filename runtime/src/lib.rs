//! Runtime support for Rust types generated from
//! [JSON Structure](https://json-structure.org) schemas.
//!
//! The guiding rule is that **nothing is silently lost on a JSON round
//! trip**: parsing is strict per the specification, errors name the
//! offending value, and every accepted text is written back byte-exactly.
//! No parser panics on any input.
//!
//! The crate has two halves:
//!
//! * **Wire adapters** ([`adapters`]) for `#[serde(with = "...")]`: a small
//!   in-house version of the `As` pattern, so adapters compose through
//!   containers (`Option`, `Vec`, `Box`, [`IndexMap`], [`Present`] for
//!   optional members, [`UniqueVec`] for sets). Leaf adapters cover the
//!   JSON Structure types whose wire form differs from serde's default:
//!   [`StringInt`] / [`LenientStringInt`] (`int64`, `uint64`, `int128`,
//!   `uint128` as strings), [`Number`] (floats that keep integral values
//!   integral), [`Base64`], [`Base64Url`], [`Base16`], [`Base32`],
//!   [`Base32Hex`] (`binary`) and [`LenientDecimal`].
//! * **Value types** whose text form must round-trip exactly:
//!   [`DateTime`], [`Date`], [`Time`], [`Duration`], [`Decimal`], [`Uuid`],
//!   [`Uri`] and [`JsonPointer`]. Each implements `Display` (the exact wire
//!   text), strict `FromStr` (error: [`ParseError`]), and `Serialize` /
//!   `Deserialize` as a JSON string.
//!
//! ```
//! use json_structure_runtime::{DateTime, Decimal};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug)]
//! struct Order {
//!     created: DateTime,
//!     total: Decimal,
//!     #[serde(default, skip_serializing_if = "Option::is_none")]
//!     #[serde(with = "json_structure_runtime::As::<Option<json_structure_runtime::StringInt>>")]
//!     quantity: Option<i64>,
//! }
//!
//! let text = r#"{"created":"2024-05-01T12:30:00.50+02:00","total":"45.00","quantity":"9007199254740993"}"#;
//! let order: Order = serde_json::from_str(text).unwrap();
//! assert_eq!(order.quantity, Some(9007199254740993));
//! assert_eq!(serde_json::to_string(&order).unwrap(), text);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// Implements `Serialize` (as the `Display` string) and `Deserialize` (from
/// a borrowed or transient `&str` through `FromStr`) for a value type.
macro_rules! string_serde {
    ($ty:ident, $expecting:literal) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                struct StrVisitor;

                impl ::serde::de::Visitor<'_> for StrVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(StrVisitor)
            }
        }
    };
}
pub(crate) use string_serde;

pub mod adapters;
mod choice;
mod codec;
pub mod constraints;
mod datetime;
mod decimal;
mod duration;
mod enum_value;
mod enums;
mod error;
mod indirect;
pub mod object;
mod text;
mod uuid_value;
mod validate;

pub use adapters::{
    AbsoluteUri, As, Base16, Base32, Base32Hex, Base64, Base64Url, DeserializeAs, LenientDecimal,
    LenientStringInt, Number, Present, Same, SerializeAs, StringInt, UniqueVec,
};
pub use choice::{inline_variant, read_inline_choice, write_inline_choice};
pub use constraints::{
    check_pattern, reads_as, reads_as_with, NumberText, Pattern, SubSchema, TypeCheck,
};
pub use datetime::{Date, DateTime, Time};
pub use decimal::Decimal;
pub use duration::Duration;
pub use enum_value::UnknownEnumValue;
pub use enums::{deserialize_str_enum, some, Extras};
pub use error::ParseError;
pub use indirect::{Indirect, Target};
pub use text::{JsonPointer, Uri};
pub use uuid_value::Uuid;
pub use validate::{from_str, from_value, Validate, Validator, Violation, Violations};

pub use chrono;
pub use indexmap::{self, IndexMap};
pub use uuid;

#[cfg(test)]
mod robustness;
