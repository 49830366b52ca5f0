//! RFC 4648 codecs (base64, base64url, base32, base32hex, base16), hand-written
//! so that the crate needs no encoding dependency.

use crate::ParseError;

/// One RFC 4648 alphabet with 5 or 6 bits per character.
pub(crate) struct Alphabet {
    /// Name used in error messages (`"base64"`, ...).
    pub(crate) name: &'static str,
    chars: &'static [u8],
    decode: [u8; 256],
    /// Bits per character: 6 (base64) or 5 (base32).
    bits: u32,
    /// Characters per padded group: 4 (base64) or 8 (base32).
    group: usize,
}

const INVALID: u8 = 0xFF;

const fn reverse(chars: &[u8]) -> [u8; 256] {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < chars.len() {
        table[chars[i] as usize] = i as u8;
        i += 1;
    }
    table
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B32HEX: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";

pub(crate) static BASE64: Alphabet = Alphabet {
    name: "base64",
    chars: B64,
    decode: reverse(B64),
    bits: 6,
    group: 4,
};
pub(crate) static BASE64URL: Alphabet = Alphabet {
    name: "base64url",
    chars: B64URL,
    decode: reverse(B64URL),
    bits: 6,
    group: 4,
};
pub(crate) static BASE32: Alphabet = Alphabet {
    name: "base32",
    chars: B32,
    decode: reverse(B32),
    bits: 5,
    group: 8,
};
pub(crate) static BASE32HEX: Alphabet = Alphabet {
    name: "base32hex",
    chars: B32HEX,
    decode: reverse(B32HEX),
    bits: 5,
    group: 8,
};

/// Encodes `data`, with `=` padding to a whole group when `pad` is set.
pub(crate) fn encode(alpha: &Alphabet, data: &[u8], pad: bool) -> String {
    let mut out = String::with_capacity(data.len() * 8 / alpha.bits as usize + alpha.group);
    let mask = (1u32 << alpha.bits) - 1;
    let mut acc: u32 = 0;
    let mut nbits: u32 = 0;
    for &byte in data {
        acc = (acc << 8) | u32::from(byte);
        nbits += 8;
        while nbits >= alpha.bits {
            nbits -= alpha.bits;
            out.push(char::from(alpha.chars[((acc >> nbits) & mask) as usize]));
        }
        acc &= (1u32 << nbits) - 1;
    }
    if nbits > 0 {
        out.push(char::from(
            alpha.chars[((acc << (alpha.bits - nbits)) & mask) as usize],
        ));
    }
    if pad {
        while out.len() % alpha.group != 0 {
            out.push('=');
        }
    }
    out
}

/// Decodes `text`; padding is accepted (then it must be exactly right) or
/// may be omitted. Rejects characters outside the alphabet, impossible
/// lengths and non-zero trailing bits (which would not survive a round trip).
pub(crate) fn decode(alpha: &Alphabet, text: &str) -> Result<Vec<u8>, ParseError> {
    let bytes = text.as_bytes();
    let data_len = bytes.iter().position(|&b| b == b'=').unwrap_or(bytes.len());
    let (data, padding) = bytes.split_at(data_len);
    let err = |reason: String| ParseError::new(alpha.name, text, reason);
    if !padding.is_empty() {
        if let Some(pos) = padding.iter().position(|&b| b != b'=') {
            return Err(err(format!(
                "character at byte {} follows padding",
                data_len + pos
            )));
        }
        let rem = data_len % alpha.group;
        if rem == 0 || padding.len() != alpha.group - rem {
            return Err(err(format!(
                "wrong padding: {} '=' after {} characters",
                padding.len(),
                data_len
            )));
        }
    }
    let leftover = (data_len as u64 * u64::from(alpha.bits)) % 8;
    if leftover >= u64::from(alpha.bits) {
        return Err(err(format!("impossible length {data_len}")));
    }
    let mut out = Vec::with_capacity(data_len * alpha.bits as usize / 8);
    let mut acc: u32 = 0;
    let mut nbits: u32 = 0;
    for (i, &b) in data.iter().enumerate() {
        let v = alpha.decode[usize::from(b)];
        if v == INVALID {
            let c = text.get(i..).and_then(|s| s.chars().next()).unwrap_or('?');
            return Err(err(format!(
                "character {c:?} at byte {i} is not in the {} alphabet",
                alpha.name
            )));
        }
        acc = (acc << alpha.bits) | u32::from(v);
        nbits += alpha.bits;
        if nbits >= 8 {
            nbits -= 8;
            out.push((acc >> nbits) as u8);
            acc &= (1u32 << nbits) - 1;
        }
    }
    if acc != 0 {
        return Err(err(
            "non-zero trailing bits (not the canonical encoding)".to_owned()
        ));
    }
    Ok(out)
}

/// Encodes as lowercase hexadecimal.
pub(crate) fn encode_hex(data: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(data.len() * 2);
    for &b in data {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// Value of one hexadecimal digit (either case).
pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes hexadecimal of either case.
pub(crate) fn decode_hex(text: &str) -> Result<Vec<u8>, ParseError> {
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return Err(ParseError::new(
            "base16",
            text,
            format!("odd length {}", bytes.len()),
        ));
    }
    let mut out = Vec::with_capacity(bytes.len() / 2);
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        match (hex_value(pair[0]), hex_value(pair[1])) {
            (Some(h), Some(l)) => out.push((h << 4) | l),
            _ => {
                return Err(ParseError::new(
                    "base16",
                    text,
                    format!("non-hexadecimal character near byte {}", i * 2),
                ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4648 §10 test vectors.
    const VECTORS: &[(&str, &str, &str, &str, &str)] = &[
        ("", "", "", "", ""),
        ("f", "Zg==", "MY======", "CO======", "66"),
        ("fo", "Zm8=", "MZXQ====", "CPNG====", "666f"),
        ("foo", "Zm9v", "MZXW6===", "CPNMU===", "666f6f"),
        ("foob", "Zm9vYg==", "MZXW6YQ=", "CPNMUOG=", "666f6f62"),
        ("fooba", "Zm9vYmE=", "MZXW6YTB", "CPNMUOJ1", "666f6f6261"),
        (
            "foobar",
            "Zm9vYmFy",
            "MZXW6YTBOI======",
            "CPNMUOJ1E8======",
            "666f6f626172",
        ),
    ];

    #[test]
    fn rfc4648_vectors() {
        for &(plain, b64, b32, b32hex, b16) in VECTORS {
            let p = plain.as_bytes();
            assert_eq!(encode(&BASE64, p, true), b64);
            assert_eq!(decode(&BASE64, b64).unwrap(), p);
            assert_eq!(
                decode(&BASE64, b64.trim_end_matches('=')).unwrap(),
                p,
                "unpadded {b64}"
            );
            assert_eq!(encode(&BASE32, p, true), b32);
            assert_eq!(decode(&BASE32, b32).unwrap(), p);
            assert_eq!(decode(&BASE32, b32.trim_end_matches('=')).unwrap(), p);
            assert_eq!(encode(&BASE32HEX, p, true), b32hex);
            assert_eq!(decode(&BASE32HEX, b32hex).unwrap(), p);
            assert_eq!(encode_hex(p), b16);
            assert_eq!(decode_hex(b16).unwrap(), p);
            assert_eq!(decode_hex(&b16.to_uppercase()).unwrap(), p);
        }
    }

    #[test]
    fn base64url_alphabet() {
        let data = [0xfb, 0xff, 0xbf];
        assert_eq!(encode(&BASE64, &data, true), "+/+/");
        assert_eq!(encode(&BASE64URL, &data, false), "-_-_");
        assert_eq!(decode(&BASE64URL, "-_-_").unwrap(), data);
        assert!(decode(&BASE64URL, "+/+/").is_err());
        assert!(decode(&BASE64, "-_-_").is_err());
        assert_eq!(encode(&BASE64URL, b"f", false), "Zg");
    }

    #[test]
    fn rejects_bad_input() {
        for bad in [
            "Zg=",
            "Zg===",
            "Z",
            "Z===",
            "Zm9v=",
            "Zm9v====",
            "Zh==",
            "Zg==Zg==",
            "Zg=a",
            " Zg==",
            "Zg==\n",
            "Zm9\u{e9}",
            "=",
            "====",
        ] {
            assert!(decode(&BASE64, bad).is_err(), "{bad:?}");
        }
        for bad in ["MY=====", "M", "MZX", "MZXW6Y", "my======", "MZ======"] {
            assert!(decode(&BASE32, bad).is_err(), "{bad:?}");
        }
        for bad in ["6", "6g", "é1"] {
            assert!(decode_hex(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn all_bytes_round_trip() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..data.len() {
            let d = &data[..len];
            for alpha in [&BASE64, &BASE64URL, &BASE32, &BASE32HEX] {
                assert_eq!(decode(alpha, &encode(alpha, d, true)).unwrap(), d);
                assert_eq!(decode(alpha, &encode(alpha, d, false)).unwrap(), d);
            }
            assert_eq!(decode_hex(&encode_hex(d)).unwrap(), d);
        }
    }
}
