//! JSON Structure `uuid`: the 36-character hyphenated form, case kept.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use crate::codec::hex_value;
use crate::ParseError;

/// A JSON Structure `uuid`: exactly the 36-character `8-4-4-4-12`
/// hexadecimal form (braces, `urn:uuid:` and the 32-character simple form
/// are rejected), written back with the letter case it was read with.
///
/// Stored as a `uuid::Uuid` plus a 32-bit mask of which hex digits were
/// uppercase letters, so parsing does not allocate. Equality and hashing are
/// by exact text (`"ABC…"` ≠ `"abc…"`); compare the `uuid::Uuid` values
/// (through `Deref`) to ignore case.
///
/// ```
/// use json_structure_runtime::Uuid;
///
/// let u: Uuid = "67E55044-10b1-426f-9247-bb680e5fe0c8".parse().unwrap();
/// assert_eq!(u.to_string(), "67E55044-10b1-426f-9247-bb680e5fe0c8");
/// assert_eq!(u.get_version_num(), 4);
/// assert!("67e5504410b1426f9247bb680e5fe0c8".parse::<Uuid>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Uuid {
    value: uuid::Uuid,
    /// Bit `i` set: hex digit `i` (0 = most significant) is an uppercase letter.
    upper: u32,
}

const HYPHENS: [usize; 4] = [8, 13, 18, 23];

impl Deref for Uuid {
    type Target = uuid::Uuid;

    fn deref(&self) -> &uuid::Uuid {
        &self.value
    }
}

impl From<uuid::Uuid> for Uuid {
    /// Wraps a `uuid::Uuid`; it is written in lowercase.
    ///
    /// ```
    /// use json_structure_runtime::Uuid;
    /// let u = Uuid::from(uuid::Uuid::nil());
    /// assert_eq!(u.to_string(), "00000000-0000-0000-0000-000000000000");
    /// ```
    fn from(value: uuid::Uuid) -> Self {
        Uuid { value, upper: 0 }
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const LOWER: &[u8; 16] = b"0123456789abcdef";
        const UPPER: &[u8; 16] = b"0123456789ABCDEF";
        let mut buf = [0u8; 36];
        let mut digit = 0usize;
        for (i, slot) in buf.iter_mut().enumerate() {
            if HYPHENS.contains(&i) {
                *slot = b'-';
                continue;
            }
            let byte = self.value.as_bytes()[digit / 2];
            let nibble = if digit % 2 == 0 { byte >> 4 } else { byte & 15 };
            let table = if self.upper & (1 << (31 - digit)) != 0 {
                UPPER
            } else {
                LOWER
            };
            *slot = table[usize::from(nibble)];
            digit += 1;
        }
        // Only ASCII was written.
        f.write_str(std::str::from_utf8(&buf).map_err(|_| fmt::Error)?)
    }
}

impl FromStr for Uuid {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new("uuid", s, reason);
        let bytes = s.as_bytes();
        if bytes.len() != 36 {
            return Err(err(
                "expected 36 characters in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            ));
        }
        let mut out = [0u8; 16];
        let mut upper = 0u32;
        let mut digit = 0usize;
        for (i, &b) in bytes.iter().enumerate() {
            if HYPHENS.contains(&i) {
                if b != b'-' {
                    return Err(err("hyphens must be at positions 9, 14, 19 and 24"));
                }
                continue;
            }
            let v = hex_value(b).ok_or_else(|| err("non-hexadecimal character"))?;
            if b.is_ascii_uppercase() {
                upper |= 1 << (31 - digit);
            }
            out[digit / 2] |= if digit % 2 == 0 { v << 4 } else { v };
            digit += 1;
        }
        Ok(Uuid {
            value: uuid::Uuid::from_bytes(out),
            upper,
        })
    }
}

crate::string_serde!(
    Uuid,
    "a UUID string such as \"67e55044-10b1-426f-9247-bb680e5fe0c8\""
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_case() {
        for text in [
            "67e55044-10b1-426f-9247-bb680e5fe0c8",
            "67E55044-10B1-426F-9247-BB680E5FE0C8",
            "67e55044-10B1-426f-9247-Bb680e5fE0c8",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ] {
            let json = format!("\"{text}\"");
            let u: Uuid = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&u).unwrap(), json);
            assert_eq!(*u, uuid::Uuid::parse_str(text).unwrap());
        }
        let a: Uuid = "abcdef00-0000-0000-0000-000000000000".parse().unwrap();
        let b: Uuid = "ABCDEF00-0000-0000-0000-000000000000".parse().unwrap();
        assert_ne!(a, b);
        assert_eq!(*a, *b);
    }

    #[test]
    fn rejects() {
        for bad in [
            "",
            "67e5504410b1426f9247bb680e5fe0c8",
            "{67e55044-10b1-426f-9247-bb680e5fe0c8}",
            "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8",
            "67e55044-10b1-426f-9247-bb680e5fe0c",
            "67e55044-10b1-426f-9247-bb680e5fe0c8a",
            "67e5504-410b1-426f-9247-bb680e5fe0c8",
            "67e55044-10b1-426f-9247-bb680e5fe0cg",
            "67e55044+10b1-426f-9247-bb680e5fe0c8",
            " 7e55044-10b1-426f-9247-bb680e5fe0c8",
            "67e55044-10b1-426f-9247-bb680e5fe0é",
        ] {
            assert!(bad.parse::<Uuid>().is_err(), "{bad}");
        }
    }
}
