//! Structs shaped like the generator's output, round-tripped through
//! `serde_json::Value` and text.

use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Snapshot {
    id: ::json_structure_runtime::Uuid,
    #[serde(rename = "createdAt")]
    created_at: ::json_structure_runtime::DateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    day: Option<::json_structure_runtime::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(
        with = "::json_structure_runtime::As::<Option<Vec<::json_structure_runtime::StringInt>>>"
    )]
    sizes: Option<Vec<i64>>,
    #[serde(with = "::json_structure_runtime::As::<::json_structure_runtime::Number>")]
    cpu: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(
        with = "::json_structure_runtime::As::<::json_structure_runtime::Present<Option<::json_structure_runtime::Number>>>"
    )]
    gpu: Option<Option<f64>>,
    #[serde(
        with = "::json_structure_runtime::As::<::json_structure_runtime::UniqueVec<::json_structure_runtime::Same>>"
    )]
    tags: Vec<String>,
    #[serde(
        with = "::json_structure_runtime::As::<::json_structure_runtime::IndexMap<String, ::json_structure_runtime::LenientStringInt>>"
    )]
    limits: ::json_structure_runtime::IndexMap<String, u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "::json_structure_runtime::As::<Option<::json_structure_runtime::Base64>>")]
    blob: Option<Vec<u8>>,
    price: ::json_structure_runtime::Decimal,
    timeout: ::json_structure_runtime::Duration,
    at: ::json_structure_runtime::Time,
    home: ::json_structure_runtime::Uri,
    pointer: ::json_structure_runtime::JsonPointer,
    #[serde(flatten)]
    extra: ::json_structure_runtime::IndexMap<String, serde_json::Value>,
}

fn sample() -> serde_json::Value {
    json!({
        "id": "67E55044-10b1-426f-9247-bb680e5fe0c8",
        "createdAt": "2024-05-01t12:30:00.10-00:00",
        "day": "2024-02-29",
        "sizes": ["9007199254740993", "-1"],
        "cpu": 1,
        "gpu": null,
        "tags": ["b", "a"],
        "limits": {"z": "1", "a": "18446744073709551615"},
        "blob": "Zm9vYg==",
        "price": "45.00",
        "timeout": "PT1,5S",
        "at": "09:00:00",
        "home": "../x?y#z",
        "pointer": "/a~1b",
        "unknownMember": {"kept": [1, 2.5, "x"]}
    })
}

#[test]
fn value_round_trip_is_exact() {
    let input = sample();
    let snap: Snapshot = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(snap.gpu, Some(None));
    assert_eq!(snap.sizes.as_deref(), Some(&[9007199254740993, -1][..]));
    assert_eq!(serde_json::to_value(&snap).unwrap(), input);

    // Member order as declared (a `Value` object would sort the keys).
    let text = concat!(
        r#"{"id":"67E55044-10b1-426f-9247-bb680e5fe0c8","createdAt":"2024-05-01t12:30:00.10-00:00","#,
        r#""day":"2024-02-29","sizes":["9007199254740993","-1"],"cpu":1,"gpu":null,"tags":["b","a"],"#,
        r#""limits":{"z":"1","a":"18446744073709551615"},"blob":"Zm9vYg==","price":"45.00","#,
        r#""timeout":"PT1,5S","at":"09:00:00","home":"../x?y#z","pointer":"/a~1b","#,
        r#""unknownMember":{"kept":[1,2.5,"x"]}}"#
    );
    let from_text: Snapshot = serde_json::from_str(text).unwrap();
    assert_eq!(from_text, snap);
    assert_eq!(serde_json::to_string(&from_text).unwrap(), text);
}

#[test]
fn absent_members_stay_absent() {
    let mut input = sample();
    let obj = input.as_object_mut().unwrap();
    for key in ["day", "sizes", "gpu", "blob"] {
        obj.remove(key);
    }
    let snap: Snapshot = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(snap.gpu, None);
    assert_eq!(serde_json::to_value(&snap).unwrap(), input);
}

#[test]
fn errors_name_the_member_value() {
    let mut input = sample();
    input["sizes"] = json!(["1", "007"]);
    let err = serde_json::from_value::<Snapshot>(input)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("\"007\"") && err.contains("leading zeros"),
        "{err}"
    );

    let mut input = sample();
    input["tags"] = json!(["a", "b", "a"]);
    let err = serde_json::from_value::<Snapshot>(input)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("duplicate element at index 2 (same as index 0)"),
        "{err}"
    );

    let mut input = sample();
    input["createdAt"] = json!("2024-05-01 12:30:00Z");
    let err = serde_json::from_value::<Snapshot>(input)
        .unwrap_err()
        .to_string();
    assert!(err.contains("2024-05-01 12:30:00Z"), "{err}");

    let text = serde_json::to_string(&sample())
        .unwrap()
        .replace("\"45.00\"", "45.00");
    let err = serde_json::from_str::<Snapshot>(&text)
        .unwrap_err()
        .to_string();
    assert!(err.contains("decimal"), "{err}");
}

/// Untagged unions buffer their input; the adapters must still work there.
#[test]
fn works_inside_untagged_enums() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(untagged)]
    enum IdOrWhen {
        When(::json_structure_runtime::DateTime),
        Big(
            #[serde(with = "::json_structure_runtime::As::<::json_structure_runtime::StringInt>")]
            u128,
        ),
        Other(String),
    }
    for (text, is_big) in [
        (r#""2024-01-01T00:00:00Z""#, false),
        (r#""340282366920938463463374607431768211455""#, true),
        (r#""hello""#, false),
    ] {
        let v: IdOrWhen = serde_json::from_str(text).unwrap();
        assert_eq!(matches!(v, IdOrWhen::Big(_)), is_big, "{text}");
        assert_eq!(serde_json::to_string(&v).unwrap(), text);
    }
}
