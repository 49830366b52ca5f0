//! Serde support for inline choices (`choice` with `selector`): the variant's own object
//! carries a selector member naming the case.
//!
//! serde's `#[serde(tag = "...")]` consumes the tag, so a variant type that declares the
//! selector as one of its own properties (as the meta-schema's `ObjectType` declares `type`)
//! would miss it when reading and repeat it when writing. These helpers buffer the object,
//! dispatch on the selector and hand the variant the whole object.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{self, Serialize, Serializer};
use serde_json::Value;

/// Reads an inline choice's object and returns the case key (the selector's value) and the
/// object. Errors name the type and list the cases.
///
/// ```
/// use serde::de::IntoDeserializer;
/// let doc = serde_json::json!({"kind": "circle", "r": 1});
/// let (key, body) = json_structure_runtime::read_inline_choice(doc, "Shape", "kind", &["circle", "square"]).unwrap();
/// assert_eq!(key, "circle");
/// assert_eq!(body["r"], 1);
/// ```
pub fn read_inline_choice<'de, D: Deserializer<'de>>(
    deserializer: D,
    type_name: &'static str,
    selector: &'static str,
    cases: &'static [&'static str],
) -> Result<(String, Value), D::Error> {
    let body: Value = serde::Deserialize::deserialize(deserializer)?;
    let Value::Object(map) = &body else {
        return Err(de::Error::custom(format_args!(
            "invalid type: expected a {type_name} object with a \"{selector}\" member"
        )));
    };
    let key = match map.get(selector) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(de::Error::custom(format_args!(
            "invalid type: the {type_name} selector \"{selector}\" must be a string, found {other}"
        )))
        }
        None => {
            return Err(de::Error::custom(format_args!(
                "missing choice selector `{selector}` of {type_name}"
            )))
        }
    };
    if !cases.contains(&key.as_str()) {
        return Err(de::Error::custom(format_args!(
            "unknown choice case `{key}` of {type_name}, expected one of {}",
            cases
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok((key, body))
}

/// Reads one case of an inline choice from the object [`read_inline_choice`] returned.
/// `keep_selector` is `true` when the case's type declares the selector as a property of
/// its own; otherwise the selector member is removed first (so a closed type accepts it).
///
/// ```
/// #[derive(serde::Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct Circle { r: u8 }
/// let body = serde_json::json!({"kind": "circle", "r": 1});
/// let c: Circle = json_structure_runtime::inline_variant::<Circle, serde_json::Error>(body, "kind", false).unwrap();
/// assert_eq!(c.r, 1);
/// ```
pub fn inline_variant<T: DeserializeOwned, E: de::Error>(
    mut body: Value,
    selector: &str,
    keep_selector: bool,
) -> Result<T, E> {
    if !keep_selector {
        if let Value::Object(map) = &mut body {
            map.remove(selector);
        }
    }
    // The case is read from a buffered value, so serde's path tracking stops here; the
    // path inside the case travels in the message (`@/side: ...`), which
    // `crate::from_value` turns back into a JSON Pointer.
    serde_path_to_error::deserialize(body).map_err(|e| {
        let inner = crate::validate::pointer_of(e.path());
        if inner.is_empty() {
            E::custom(e.into_inner())
        } else {
            E::custom(format_args!("@{inner}: {}", e.into_inner()))
        }
    })
}

/// Writes one case of an inline choice: the case's object with the selector member set to
/// `key` (added when the case's type does not write it itself).
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Circle { r: u8 }
/// let mut out = Vec::new();
/// json_structure_runtime::write_inline_choice(&mut serde_json::Serializer::new(&mut out), "kind", "circle", &Circle { r: 1 }).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), r#"{"kind":"circle","r":1}"#);
/// ```
pub fn write_inline_choice<S: Serializer, T: Serialize>(
    serializer: S,
    selector: &str,
    key: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut body = serde_json::to_value(value).map_err(ser::Error::custom)?;
    match &mut body {
        Value::Object(map) => {
            if !map.contains_key(selector) {
                map.insert(selector.to_string(), Value::String(key.to_string()));
            }
        }
        _ => {
            return Err(ser::Error::custom(format_args!(
                "the \"{key}\" case of an inline choice must be an object"
            )))
        }
    }
    body.serialize(serializer)
}
