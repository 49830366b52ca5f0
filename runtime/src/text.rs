//! Text-kept string types: JSON Structure `uri` and `jsonpointer`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::codec::hex_value;
use crate::ParseError;

// ---------------------------------------------------------------------------
// Uri
// ---------------------------------------------------------------------------

/// A JSON Structure `uri`: an RFC 3986 URI-reference (absolute URIs and
/// relative references alike), kept as its exact text.
///
/// The generic syntax is checked by a small hand-written validator: scheme
/// characters, authority (userinfo, host — reg-name, IPv6 literal or
/// IPvFuture — and numeric port), path, query and fragment characters, and
/// `%XX` escapes with two hex digits. Spaces, control characters,
/// `<>"{}|\^` and backtick, and any non-ASCII character (an IRI must be
/// percent-encoded first) are rejected. The empty string is a valid
/// relative reference (the current document). Scheme-specific rules are not
/// checked. Equality and hashing are by exact text (no normalisation).
///
/// ```
/// use json_structure_runtime::Uri;
///
/// let u: Uri = "https://example.com/a%20b?q=1#top".parse().unwrap();
/// assert!(u.is_absolute());
/// assert_eq!(u.scheme(), Some("https"));
/// let r: Uri = "../images/logo.png".parse().unwrap();
/// assert!(!r.is_absolute());
/// assert!("http://example.com/a b".parse::<Uri>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Uri(Box<str>);

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

fn is_pchar(b: u8) -> bool {
    is_unreserved(b) || is_sub_delim(b) || matches!(b, b':' | b'@')
}

/// Checks that `part` (starting at byte `offset` of the whole text) consists
/// of bytes accepted by `allowed` and valid `%XX` escapes.
fn check_chars(
    part: &str,
    offset: usize,
    what: &str,
    allowed: fn(u8) -> bool,
) -> Result<(), String> {
    let bytes = part.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let valid = bytes.get(i + 1).copied().and_then(hex_value).is_some()
                && bytes.get(i + 2).copied().and_then(hex_value).is_some();
            if !valid {
                return Err(format!(
                    "'%' at byte {} must be followed by two hexadecimal digits",
                    offset + i
                ));
            }
            i += 3;
        } else if allowed(b) {
            i += 1;
        } else {
            let c = part.get(i..).and_then(|s| s.chars().next()).unwrap_or('?');
            return Err(format!(
                "character {c:?} at byte {} is not allowed in the {what} (percent-encode it)",
                offset + i
            ));
        }
    }
    Ok(())
}

fn check_scheme(scheme: &str) -> Result<(), String> {
    let bytes = scheme.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_alphabetic() => {}
        _ => {
            return Err(
                "a ':' before the first '/' must end a scheme starting with a letter \
                 (use \"./\" before a relative path containing ':')"
                    .to_owned(),
            )
        }
    }
    if bytes
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        Ok(())
    } else {
        Err("the scheme may contain only letters, digits, '+', '-' and '.'".to_owned())
    }
}

fn check_host(host: &str, offset: usize) -> Result<(), String> {
    if let Some(literal) = host.strip_prefix('[') {
        let Some(inner) = literal.strip_suffix(']') else {
            return Err("an IP literal must end with ']'".to_owned());
        };
        if let Some(future) = inner.strip_prefix(['v', 'V']) {
            let (version, rest) = future.split_once('.').unwrap_or((future, ""));
            let ok = !version.is_empty()
                && version.bytes().all(|b| b.is_ascii_hexdigit())
                && !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| is_unreserved(b) || is_sub_delim(b) || b == b':');
            return if ok {
                Ok(())
            } else {
                Err("invalid IPvFuture literal".to_owned())
            };
        }
        return match inner.parse::<std::net::Ipv6Addr>() {
            Ok(_) => Ok(()),
            Err(_) => Err("invalid IPv6 address literal".to_owned()),
        };
    }
    check_chars(host, offset, "host", |b| {
        is_unreserved(b) || is_sub_delim(b)
    })
}

fn check_authority(authority: &str, offset: usize) -> Result<(), String> {
    let (userinfo, host_port, host_offset) = match authority.split_once('@') {
        Some((u, h)) => (Some(u), h, offset + u.len() + 1),
        None => (None, authority, offset),
    };
    if let Some(userinfo) = userinfo {
        check_chars(userinfo, offset, "userinfo", |b| {
            is_unreserved(b) || is_sub_delim(b) || b == b':'
        })?;
    }
    let (host, port) = if host_port.starts_with('[') {
        match host_port.find(']') {
            Some(end) => {
                let (h, rest) = host_port.split_at(end + 1);
                match rest.strip_prefix(':') {
                    Some(port) => (h, Some(port)),
                    None if rest.is_empty() => (h, None),
                    None => return Err("unexpected text after the IP literal".to_owned()),
                }
            }
            None => return Err("an IP literal must end with ']'".to_owned()),
        }
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    check_host(host, host_offset)?;
    match port {
        Some(p) if !p.bytes().all(|b| b.is_ascii_digit()) => {
            Err("the port must consist of digits".to_owned())
        }
        _ => Ok(()),
    }
}

/// Byte length of the scheme if `text` starts with one (a `:` before any
/// `/`, `?` or `#`).
fn scheme_len(text: &str) -> Option<usize> {
    let end = text.find([':', '/', '?', '#'])?;
    (text.as_bytes()[end] == b':').then_some(end)
}

fn validate_uri(text: &str) -> Result<(), String> {
    let (rest, fragment) = match text.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (text, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let mut offset = 0;
    let mut hier = rest;
    if let Some(len) = scheme_len(rest) {
        check_scheme(rest.get(..len).unwrap_or_default())?;
        hier = rest.get(len + 1..).unwrap_or_default();
        offset = len + 1;
    }
    let path = match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            let (authority, path) = after.split_at(end);
            check_authority(authority, offset + 2)?;
            offset += 2 + end;
            path
        }
        None => hier,
    };
    check_chars(path, offset, "path", |b| is_pchar(b) || b == b'/')?;
    let query_or_fragment = |b| is_pchar(b) || b == b'/' || b == b'?';
    if let Some(q) = query {
        check_chars(q, rest.len() + 1, "query", query_or_fragment)?;
    }
    if let Some(f) = fragment {
        check_chars(f, text.len() - f.len(), "fragment", query_or_fragment)?;
    }
    Ok(())
}

impl Uri {
    /// The exact text.
    ///
    /// ```
    /// let u: json_structure_runtime::Uri = "urn:isbn:0451450523".parse().unwrap();
    /// assert_eq!(u.as_str(), "urn:isbn:0451450523");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the reference has a scheme (is a URI rather than a relative
    /// reference). A fragment does not matter here.
    ///
    /// ```
    /// use json_structure_runtime::Uri;
    /// assert!("mailto:a@example.com".parse::<Uri>().unwrap().is_absolute());
    /// assert!(!"//example.com/x".parse::<Uri>().unwrap().is_absolute());
    /// ```
    pub fn is_absolute(&self) -> bool {
        scheme_len(&self.0).is_some()
    }

    /// The scheme as written (not lowercased), if any.
    ///
    /// ```
    /// use json_structure_runtime::Uri;
    /// assert_eq!("HTTP://x".parse::<Uri>().unwrap().scheme(), Some("HTTP"));
    /// assert_eq!("x/y".parse::<Uri>().unwrap().scheme(), None);
    /// ```
    pub fn scheme(&self) -> Option<&str> {
        self.0.get(..scheme_len(&self.0)?)
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Uri {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        validate_uri(s).map_err(|reason| ParseError::new("URI reference", s, reason))?;
        Ok(Uri(s.into()))
    }
}

impl AsRef<str> for Uri {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

crate::string_serde!(
    Uri,
    "a URI reference string such as \"https://example.com/a\""
);

// ---------------------------------------------------------------------------
// JsonPointer
// ---------------------------------------------------------------------------

/// A JSON Structure `jsonpointer`: an RFC 6901 JSON Pointer, kept as its
/// exact text.
///
/// Either the empty string (the whole document) or a sequence of tokens
/// each introduced by `/`, where `~` must be followed by `0` (for `~`) or
/// `1` (for `/`). RFC 6901's URI-fragment representation (§6: `#`, then the
/// pointer with `%XX` escapes, as in `"$ref": "#/definitions/a"`) is accepted
/// too, since JSON Structure documents write their references that way.
/// Equality and hashing are by exact text.
///
/// ```
/// use json_structure_runtime::JsonPointer;
///
/// let p: JsonPointer = "/definitions/a~1b/m~0n".parse().unwrap();
/// let tokens: Vec<_> = p.tokens().collect();
/// assert_eq!(tokens, ["definitions", "a/b", "m~n"]);
/// let f: JsonPointer = "#/definitions/a%20b".parse().unwrap();
/// assert!(f.is_fragment());
/// assert_eq!(f.tokens().collect::<Vec<_>>(), ["definitions", "a b"]);
/// assert!("a/b".parse::<JsonPointer>().is_err());
/// assert!("/a~2".parse::<JsonPointer>().is_err());
/// assert!("#/a%2".parse::<JsonPointer>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JsonPointer(Box<str>);

impl JsonPointer {
    /// The exact text.
    ///
    /// ```
    /// let p: json_structure_runtime::JsonPointer = "/a/0".parse().unwrap();
    /// assert_eq!(p.as_str(), "/a/0");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The reference tokens, unescaped (`~1` → `/`, `~0` → `~`); none for
    /// the empty pointer. Tokens without escapes are borrowed.
    ///
    /// ```
    /// let p: json_structure_runtime::JsonPointer = "/a//~01".parse().unwrap();
    /// assert_eq!(p.tokens().collect::<Vec<_>>(), ["a", "", "~1"]);
    /// let root: json_structure_runtime::JsonPointer = "".parse().unwrap();
    /// assert_eq!(root.tokens().count(), 0);
    /// ```
    pub fn tokens(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        let fragment = self.is_fragment();
        let body = self.0.strip_prefix('#').unwrap_or(&self.0);
        body.strip_prefix('/')
            .into_iter()
            .flat_map(|rest| rest.split('/'))
            .map(move |token| {
                if fragment && token.contains('%') {
                    Cow::Owned(unescape_token(&percent_decode(token)).into_owned())
                } else {
                    unescape_token(token)
                }
            })
    }

    /// Whether the text is RFC 6901's URI-fragment representation (`#/a/b`).
    ///
    /// ```
    /// let p: json_structure_runtime::JsonPointer = "#/a".parse().unwrap();
    /// assert!(p.is_fragment());
    /// ```
    pub fn is_fragment(&self) -> bool {
        self.0.starts_with('#')
    }
}

/// Decodes `%XX` escapes (already validated); invalid UTF-8 is replaced.
fn percent_decode(token: &str) -> String {
    let bytes = token.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes.get(i), hex) {
            (Some(b'%'), Some(b)) => {
                out.push(b);
                i += 3;
            }
            (Some(&b), _) => {
                out.push(b);
                i += 1;
            }
            (None, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn unescape_token(token: &str) -> Cow<'_, str> {
    if !token.contains('~') {
        return Cow::Borrowed(token);
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                // Unreachable for validated pointers; keep the text as is.
                Some(other) => {
                    out.push('~');
                    out.push(other);
                }
                None => out.push('~'),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for JsonPointer {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let fragment = s.starts_with('#');
        let bytes = s.strip_prefix('#').unwrap_or(s).as_bytes();
        if !bytes.is_empty() && bytes[0] != b'/' {
            return Err(ParseError::new(
                "JSON Pointer",
                s,
                "must be empty or start with '/' (or be a URI fragment such as \"#/a/b\")",
            ));
        }
        if fragment {
            for (i, &b) in bytes.iter().enumerate() {
                let valid_escape = b != b'%'
                    || bytes
                        .get(i + 1..i + 3)
                        .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                if !valid_escape {
                    return Err(ParseError::new(
                        "JSON Pointer",
                        s,
                        format!("'%' at byte {} must be followed by two hex digits", i + 1),
                    ));
                }
            }
        }
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'~' && !matches!(bytes.get(i + 1), Some(b'0' | b'1')) {
                return Err(ParseError::new(
                    "JSON Pointer",
                    s,
                    format!("'~' at byte {i} must be followed by '0' or '1'"),
                ));
            }
        }
        Ok(JsonPointer(s.into()))
    }
}

impl AsRef<str> for JsonPointer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

crate::string_serde!(JsonPointer, "a JSON Pointer string such as \"/a/b\"");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_accepts() {
        for text in [
            "",
            "https://example.com",
            "https://example.com/",
            "HTTP://EXAMPLE.COM:8080/a/b?c=d&e=f#g",
            "https://user:pa%20ss@example.com:443/p%C3%A9?q#f",
            "https://[::1]:80/x",
            "https://[2001:db8::7]/",
            "https://[v7.fe80::a+en1]/",
            "https://example.com:/",
            "urn:isbn:0451450523",
            "mailto:a@example.com",
            "tag:example.com,2024:x",
            "file:///etc/hosts",
            "a+b.c-d:rest",
            "mailto:",
            "//example.com/x",
            "/absolute/path",
            "relative/path",
            "./a:b",
            "../up",
            "?query",
            "#fragment",
            "#a?b/c",
            "not-a-valid-uri",
            "a/b:c",
            "x?a:b/c?d",
            "https://example.com/!$&'()*+,;=:@-._~",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let u: Uri = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(serde_json::to_string(&u).unwrap(), json);
        }
    }

    #[test]
    fn uri_rejects() {
        for bad in [
            " ",
            "http://example.com/a b",
            "http://example.com/<x>",
            "http://example.com/\"",
            "http://example.com/{x}",
            "http://example.com/a|b",
            "http://example.com/a\\b",
            "http://example.com/a^b",
            "http://example.com/a`b",
            "http://example.com/\n",
            "http://example.com/%",
            "http://example.com/%4",
            "http://example.com/%zz",
            "http://exa mple.com/",
            "http://example.com:80a/",
            "http://[::1/",
            "http://[::g]/",
            "http://[::1]x/",
            "http://[v.x]/",
            "http://a@b@c/",
            "http://example.com/#a#b",
            "http://example.com/é",
            "1http://x",
            ":no-scheme",
            "a_b://x",
            "a:b:c\u{7f}",
            "\u{0}",
        ] {
            let e = bad.parse::<Uri>().unwrap_err();
            assert_eq!(e.expected(), "URI reference", "{bad}");
        }
        let e = "http://x/a b".parse::<Uri>().unwrap_err();
        assert!(e.to_string().contains("' ' at byte 10"), "{e}");
    }

    #[test]
    fn uri_accessors() {
        let u: Uri = "https://x/y:z".parse().unwrap();
        assert_eq!(u.scheme(), Some("https"));
        let r: Uri = "/y:z".parse().unwrap();
        assert_eq!(r.scheme(), None);
        assert!(!r.is_absolute());
        let f: Uri = "#a:b".parse().unwrap();
        assert_eq!(f.scheme(), None);
    }

    #[test]
    fn pointer_round_trips_and_rejects() {
        for text in [
            "",
            "/",
            "//",
            "/a",
            "/a/b",
            "/~0~1",
            "/é/日本",
            "/ a ",
            "/a%20b",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let p: JsonPointer = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&p).unwrap(), json);
        }
        for bad in ["a", "#a", "#/%zz", "/~", "/~2", "/a~", "/~a", " /a"] {
            assert!(bad.parse::<JsonPointer>().is_err(), "{bad}");
        }
        let p: JsonPointer = "/~01/~10".parse().unwrap();
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["~1", "/0"]);
        let p: JsonPointer = "/".parse().unwrap();
        assert_eq!(p.tokens().collect::<Vec<_>>(), [""]);
    }
}
