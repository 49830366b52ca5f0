//! The Config options, each observed in generated code that was compiled (see build.rs).

use json_structure_typesuite::{
    options_alternate_names as names, options_alternatives as alt, options_composition as comp,
    options_open as open, overrides,
};

#[test]
fn open_enums_keep_unknown_values_and_write_them_back() {
    let shop: open::Shop = serde_json::from_str(r#"{"status": "renovating"}"#).unwrap();
    assert_eq!(shop.status, open::ShopStatus::Other("renovating".into()));
    assert_eq!(
        serde_json::to_string(&shop).unwrap(),
        r#"{"status":"renovating"}"#
    );
    let known: open::Shop = serde_json::from_str(r#"{"status": "open"}"#).unwrap();
    assert_eq!(known.status, open::ShopStatus::Open);
    assert_eq!(
        "closed".parse::<open::ShopStatus>(),
        Ok(open::ShopStatus::Closed)
    );
}

#[test]
fn extra_derives_apply_to_every_type() {
    fn is_eq<T: Eq>() {}
    is_eq::<open::Shop>();
    is_eq::<open::Money>();
    is_eq::<open::Pet>();
}

#[test]
fn non_exhaustive_marks_structs_and_enums() {
    let code = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/open/shop.rs")).unwrap();
    assert_eq!(code.matches("#[non_exhaustive]").count(), 4, "{code}");
}

#[test]
fn btreemap_chrono_override_and_type_attribute() {
    let shop: alt::Shop = serde_json::from_str(
        r#"{"status": "open", "born": "2020-02-29", "seen": "2024-01-01T10:00:00+02:00",
            "stock": {"b": "2", "a": "1"}, "price": {"amount": "9.50", "currency": "EUR"}}"#,
    )
    .unwrap();
    let stock: &std::collections::BTreeMap<String, i64> = shop.stock.as_ref().unwrap();
    assert_eq!(stock.keys().collect::<Vec<_>>(), ["a", "b"]);
    let born: chrono::NaiveDate = shop.born.unwrap();
    assert_eq!(born.to_string(), "2020-02-29");
    let seen: chrono::DateTime<chrono::FixedOffset> = shop.seen.unwrap();
    assert_eq!(seen.offset().local_minus_utc(), 7200);
    let price: &overrides::Money = shop.price.as_ref().unwrap();
    assert_eq!(price.amount, "9.50");
    let pet = alt::Pet::default();
    assert!(pet.name.is_none());
}

#[test]
fn altnames_and_altenums_set_the_wire_names_and_accept_the_others() {
    let c: names::Contact =
        serde_json::from_str(r##"{"first-name": "Ada", "color": "#FF0000"}"##).unwrap();
    assert_eq!(c.first_name, "Ada");
    assert_eq!(c.color, Some(names::ContactColor::Red));
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        r##"{"first-name":"Ada","color":"#FF0000"}"##
    );
    // The schema's own names (and custom alternate names) are accepted when reading...
    for body in [
        r#"{"firstName": "Ada", "color": "red"}"#,
        r#"{"fname": "Ada", "color": "red"}"#,
    ] {
        let c: names::Contact = serde_json::from_str(body).unwrap();
        // ...and written back under the wire names.
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r##"{"first-name":"Ada","color":"#FF0000"}"##
        );
    }
    // An alternate name that is already another member's name (`color`) or an earlier
    // member's alternate name (`fname`) keeps reading as that member (and generates no
    // unreachable match arm, which `-D warnings` would reject).
    let c: names::Contact =
        serde_json::from_str(r#"{"fname": "Ada", "color": "red", "surname": "L"}"#).unwrap();
    assert_eq!(c.first_name, "Ada");
    assert_eq!(c.nickname, None);
    assert_eq!(c.surname.as_deref(), Some("L"));
    assert_eq!(c.color, Some(names::ContactColor::Red));
    let code = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/alt/contact.rs")).unwrap();
    assert!(
        code.contains("/// A contact."),
        "the lang:en description is the doc"
    );
    assert!(
        code.contains("Ein Kontakt."),
        "other languages are documented"
    );
    assert!(code.contains("Vorname"));
}

#[test]
fn any_of_and_one_of_become_enums_tried_in_order() {
    let s: comp::Shape = serde_json::from_str(r#"{"size": 3, "owner": {"name": "Ann"}}"#).unwrap();
    assert!(matches!(s.size, Some(comp::ShapeSize::Int32(3))));
    assert!(matches!(
        s.owner,
        Some(Some(comp::ShapeOwner::ShapeOwnerVariant0(_)))
    ));
    let s: comp::Shape = serde_json::from_str(r#"{"size": "large", "owner": null}"#).unwrap();
    assert!(matches!(
        s.size,
        Some(comp::ShapeSize::ShapeSizeVariant1(_))
    ));
    assert_eq!(s.owner, Some(None));
    assert!(json_structure_runtime::from_str::<comp::Shape>(r#"{"size": "medium"}"#).is_err());
}
