//! The Rust shape of the generated types where it matters: each test names the generated
//! types and fields (so a change of shape fails to compile), builds values in code and checks
//! the JSON they write.

use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;
use std::str::FromStr;

use json_structure_runtime::{from_str, IndexMap, Validate};
use json_structure_typesuite as suite;
use serde_json::{json, Value};

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serializes")
}

fn codes(violations: json_structure_runtime::Violations) -> Vec<(String, &'static str)> {
    violations
        .iter()
        .map(|v| (v.pointer.clone(), v.code))
        .collect()
}

/// Compile-time check of the traits a string enum promises.
fn string_enum<T: Copy + Eq + Hash + Display + FromStr + std::fmt::Debug>() {}

#[test]
fn presence_and_nullability_are_separate_axes() {
    use suite::presence_and_nullability::{Labels, Presence, PresenceOptionalNested};
    let mut value = Presence {
        required_plain: String::from("a"),
        required_nullable: None,
        optional_plain: None,
        optional_nullable: None,
        required_nullable_big: Some(i64::MAX),
        optional_nullable_big: Some(None),
        optional_nullable_number: Some(Some(2.5)),
        optional_nullable_date: None,
        optional_nullable_list: Some(Some(Labels {
            items: vec![String::from("x")],
        })),
        optional_nullable_short: None,
        optional_nested: Some(PresenceOptionalNested {
            inner: None,
            additional_properties: IndexMap::new(),
        }),
        schema: None,
        uses: None,
    };
    // Required + nullable: None is written as null. Optional: None is omitted.
    // Optional + nullable: Some(None) is null, None is absent.
    assert_eq!(
        to_json(&value),
        json!({
            "requiredPlain": "a",
            "requiredNullable": null,
            "requiredNullableBig": "9223372036854775807",
            "optionalNullableBig": null,
            "optionalNullableNumber": 2.5,
            "optionalNullableList": {"items": ["x"]},
            "optionalNested": {"inner": null}
        })
    );
    value.optional_nullable = Some(None);
    assert_eq!(to_json(&value)["optionalNullable"], Value::Null);
    value.optional_nullable = Some(Some(String::from("d")));
    assert_eq!(to_json(&value)["optionalNullable"], json!("d"));

    // Reading keeps absent and null apart.
    let absent: Presence =
        from_str(r#"{"requiredPlain":"a","requiredNullable":null,"requiredNullableBig":"1"}"#)
            .unwrap();
    assert_eq!(absent.optional_nullable, None);
    assert_eq!(absent.optional_nullable_big, None);
    let null: Presence = from_str(
        r#"{"requiredPlain":"a","requiredNullable":null,"requiredNullableBig":"1",
            "optionalNullable":null,"optionalNullableBig":null}"#,
    )
    .unwrap();
    assert_eq!(null.optional_nullable, Some(None));
    assert_eq!(null.optional_nullable_big, Some(None));
    assert_eq!(null.required_nullable_big, Some(1));
}

#[test]
fn primitives_have_their_rust_types_and_wire_forms() {
    use json_structure_runtime::{Date, DateTime, Decimal, Duration, JsonPointer, Time, Uri, Uuid};
    use suite::primitives::Primitives;
    let value = Primitives {
        text: String::from("héllo"),
        number: 1.0,
        integer: -1,
        flag: true,
        nothing: (),
        i8: i8::MIN,
        u8: u8::MAX,
        i16: i16::MIN,
        u16: u16::MAX,
        i32: i32::MIN,
        u32: u32::MAX,
        i64: i64::MIN,
        u64: u64::MAX,
        i128: i128::MIN,
        u128: u128::MAX,
        amount: "45.00".parse::<Decimal>().unwrap(),
        ratio: None,
        f8: 0.5f32,
        f32: 0.1f32,
        f64: 2.5f64,
        day: "2024-02-29".parse::<Date>().unwrap(),
        at: "2024-05-01T12:30:00+05:30".parse::<DateTime>().unwrap(),
        clock: "09:00:00".parse::<Time>().unwrap(),
        span: "PT1H30M".parse::<Duration>().unwrap(),
        id: "3F2504E0-4F89-11D3-9A0C-0305E82C3301"
            .parse::<Uuid>()
            .unwrap(),
        link: "https://example.com/".parse::<Uri>().unwrap(),
        blob: b"hello".to_vec(),
        pointer: "/a~1b".parse::<JsonPointer>().unwrap(),
        anything: json!({"k": [1, null]}),
        schema: None,
        uses: None,
    };
    let written = to_json(&value);
    assert_eq!(
        written["number"],
        json!(1),
        "number: integral values stay integral"
    );
    assert_eq!(written["nothing"], Value::Null);
    assert_eq!(written["i64"], json!("-9223372036854775808"));
    assert_eq!(written["u64"], json!("18446744073709551615"));
    assert_eq!(written["i128"], json!(i128::MIN.to_string()));
    assert_eq!(written["u128"], json!(u128::MAX.to_string()));
    assert_eq!(
        written["u32"],
        json!(4294967295u32),
        "uint32 is a JSON number"
    );
    assert_eq!(
        written["amount"],
        json!("45.00"),
        "a decimal keeps its scale"
    );
    assert_eq!(value.amount.scale(), 2);
    assert_eq!(
        written["at"],
        json!("2024-05-01T12:30:00+05:30"),
        "offset kept"
    );
    assert_eq!(value.at.offset().local_minus_utc(), 5 * 3600 + 30 * 60);
    assert_eq!(
        written["id"],
        json!("3F2504E0-4F89-11D3-9A0C-0305E82C3301"),
        "case kept"
    );
    assert_eq!(written["blob"], json!("aGVsbG8="));
    assert_eq!(written["span"], json!("PT1H30M"));
    assert_eq!(written["pointer"], json!("/a~1b"));
    assert_eq!(written["anything"], json!({"k": [1, null]}));
    assert!(written.get("ratio").is_none());
    // maxLength counts Unicode scalar values: five emoji (20 bytes) fit in maxLength 5.
    let mut long = value.clone();
    long.text = "😀😀😀😀😀".into();
    assert!(long.validate().is_ok());
    long.text = "😀😀😀😀😀😀".into();
    assert_eq!(
        codes(long.validate().unwrap_err()),
        [("/text".to_string(), "INSTANCE_STRING_MAX_LENGTH")]
    );
}

#[test]
fn double_float_and_float8_write_integral_values_without_fraction() {
    // README: `number`, `double` → f64, "integral values are written without `.0`"; the
    // runtime's `Number` adapter covers `float` and `float8` too.
    let text = include_str!("../instances/primitives/valid/integral-floats.json");
    let value: suite::primitives::Primitives = from_str(text).unwrap();
    let written = to_json(&value);
    for member in ["number", "ratio", "f64", "f32", "f8"] {
        assert_eq!(
            written[member],
            serde_json::from_str::<Value>(text).unwrap()[member],
            "{member} written as {}",
            written[member]
        );
    }
}

#[test]
fn tuples_are_tuple_structs_in_tuple_order() {
    use suite::tuples::{Point, Tuples, TuplesLedger, TuplesPerson};
    let point = Point(3, -4);
    assert_eq!(to_json(&point), json!([3, -4]));
    // `person` declares email, age, name; `tuple` says name, age, email.
    let person = TuplesPerson(String::from("Ann"), 42u8, None);
    assert_eq!(to_json(&person), json!(["Ann", 42, null]));
    let ledger = TuplesLedger(
        i64::MAX,
        "0.10".parse().unwrap(),
        "2024-01-01T00:00:00Z".parse().unwrap(),
    );
    assert_eq!(
        to_json(&ledger),
        json!(["9223372036854775807", "0.10", "2024-01-01T00:00:00Z"])
    );
    let parsed: Tuples = from_str(r#"{"point":[1,2],"person":["Bo",7,"b@example.com"]}"#).unwrap();
    assert_eq!(parsed.point, Point(1, 2));
    assert_eq!(parsed.person.2.as_deref(), Some("b@example.com"));
}

#[test]
fn string_enums_have_display_fromstr_and_all() {
    use suite::enums_and_const::{
        Color, EnumsAndConstLevel, EnumsAndConstOffset, EnumsAndConstSize,
    };
    string_enum::<Color>();
    string_enum::<EnumsAndConstSize>();
    assert_eq!(Color::DarkBlue.to_string(), "dark-blue");
    assert_eq!(Color::DarkBlue.as_str(), "dark-blue");
    assert_eq!("dark-blue".parse::<Color>().unwrap(), Color::DarkBlue);
    assert!("blue".parse::<Color>().is_err());
    // "red" and "Red" are both values: two variants, each round-trips.
    assert_eq!(Color::ALL.len(), 4);
    for c in Color::ALL {
        assert_eq!(c.as_str().parse::<Color>().unwrap(), c);
        assert_eq!(to_json(&c), json!(c.as_str()));
    }
    let set: HashSet<Color> = Color::ALL.into_iter().collect();
    assert_eq!(set.len(), 4);
    assert_eq!(EnumsAndConstSize::V2xl.to_string(), "2xl");
    assert_eq!(EnumsAndConstSize::XLarge.to_string(), "x-large");

    // Numeric enums: value(), From/TryFrom, written as numbers.
    assert_eq!(EnumsAndConstLevel::V5.value(), 5u8);
    assert_eq!(u8::from(EnumsAndConstLevel::V2), 2);
    assert_eq!(
        EnumsAndConstLevel::try_from(5u8).unwrap(),
        EnumsAndConstLevel::V5
    );
    assert!(EnumsAndConstLevel::try_from(3u8).is_err());
    assert_eq!(to_json(&EnumsAndConstOffset::VMinus1), json!(-1));
    assert_eq!(EnumsAndConstOffset::VMinus1.to_string(), "-1");
}

#[test]
fn const_is_checked_by_validate() {
    use suite::enums_and_const::{Color, EnumsAndConst, EnumsAndConstLevel, EnumsAndConstSize};
    let mut value = EnumsAndConst {
        color: Color::Red,
        palette: Some(vec![Color::Red, Color::Red2]),
        size: EnumsAndConstSize::Small,
        level: EnumsAndConstLevel::V1,
        offset: None,
        version: String::from("1.0"),
        magic: 42,
        enabled: Some(true),
        big: None,
        sizes: None,
        schema: None,
        uses: None,
    };
    assert!(value.validate().is_ok());
    value.version = String::from("2.0");
    value.magic = 41;
    assert_eq!(
        codes(value.validate().unwrap_err()),
        [
            ("/version".to_string(), "INSTANCE_CONST_MISMATCH"),
            ("/magic".to_string(), "INSTANCE_CONST_MISMATCH")
        ]
    );
}

#[test]
fn int64_const_accepts_its_own_value() {
    use suite::enums_and_const::{Color, EnumsAndConst, EnumsAndConstLevel, EnumsAndConstSize};
    let value = EnumsAndConst {
        color: Color::Red,
        palette: None,
        size: EnumsAndConstSize::Small,
        level: EnumsAndConstLevel::V1,
        offset: None,
        version: String::from("1.0"),
        magic: 42,
        enabled: None,
        big: Some(9007199254740993),
        sizes: None,
        schema: None,
        uses: None,
    };
    // `"big": {"type": "int64", "const": "9007199254740993"}`: the value is that constant.
    assert_eq!(value.validate(), Ok(()));
}

#[test]
fn one_module_per_namespace_and_the_same_name_twice() {
    use suite::namespaces::{deep::inner::Leaf, network, physical, Address, Directory};
    let server = network::Address {
        host: String::from("db"),
        port: 5432,
    };
    let office = physical::Address {
        street: String::from("Main St 1"),
        city: String::from("Springfield"),
    };
    let site = physical::Site {
        address: office.clone(),
        uplink: server.clone(),
        kind: physical::SiteKind::Datacenter,
    };
    let directory = Directory {
        server,
        office,
        site: Some(site),
        leaf: Some(Leaf { depth: 2 }),
        top: Some(Address {
            line: String::from("root"),
        }),
        schema: None,
        uses: None,
    };
    assert_eq!(
        to_json(&directory),
        json!({
            "server": {"host": "db", "port": 5432},
            "office": {"street": "Main St 1", "city": "Springfield"},
            "site": {
                "address": {"street": "Main St 1", "city": "Springfield"},
                "uplink": {"host": "db", "port": 5432},
                "kind": "datacenter"
            },
            "leaf": {"depth": 2},
            "top": {"line": "root"}
        })
    );
    // The nested validate() reaches a namespaced type.
    let mut bad = directory.clone();
    bad.site.as_mut().unwrap().address.street = "S".repeat(31);
    assert_eq!(
        codes(bad.validate().unwrap_err()),
        [(
            "/site/address/street".to_string(),
            "INSTANCE_STRING_MAX_LENGTH"
        )]
    );
}

#[test]
fn awkward_names_compile_and_keep_their_wire_names() {
    use suite::names::{
        CafU00e9, FooBar, FooBar2, FooBar3, Names, OptionType, Self_, Type, U540dU524d, V2fa,
    };
    let text = include_str!("../instances/names/valid/all-names.json");
    let names: Names = from_str(text).unwrap();
    // Keywords as raw identifiers or with a suffix.
    assert_eq!(names.r#type, "t");
    assert_eq!(names.r#ref, 1);
    assert!(names.self_);
    assert!(!names.self_2);
    assert_eq!(
        names.r#fn,
        Some(Type {
            r#type: String::from("inner")
        })
    );
    // fooBar, foo_bar, FooBar, foo-bar: four fields.
    assert_eq!(
        [
            &names.foo_bar,
            &names.foo_bar_2,
            &names.foo_bar_3,
            &names.foo_bar_4
        ],
        ["camel", "snake", "pascal", "kebab"]
    );
    assert_eq!(names._1st, 1);
    assert_eq!(names.u540d_u524d, "なまえ");
    assert_eq!(names.caf_u00e9, "crème");
    assert_eq!(names.cafe.as_deref(), Some("plain"));
    assert_eq!(names.meta, "dollar");
    assert_eq!(names.a_b_c, 7);
    // Definitions whose keys collide after case conversion are distinct types.
    let refs = names.refs.clone().unwrap();
    assert_eq!(refs.camel, Some(FooBar { camel: 1 }));
    assert_eq!(refs.snake, Some(FooBar2 { snake: 2 }));
    assert_eq!(refs.pascal, Some(FooBar3 { pascal: 3 }));
    assert_eq!(refs.digit, Some(V2fa::V12));
    assert_eq!(V2fa::V12.as_str(), "-1");
    assert_eq!(
        refs.kanji,
        Some(U540dU524d {
            u5024: String::from("v")
        })
    );
    assert_eq!(
        refs.accent,
        Some(CafU00e9 {
            cr_u00e8_me: String::from("brûlée")
        })
    );
    assert_eq!(
        refs.self_type,
        Some(Self_ {
            super_: String::from("s"),
            crate_: String::from("c")
        })
    );
    assert_eq!(
        refs.option_type,
        Some(OptionType {
            some: Some(String::from("x")),
            none: Some(String::from("y"))
        })
    );
    // A declared member named like the field that keeps undeclared ones.
    assert_eq!(refs.additional_properties.as_deref(), Some("declared"));
    assert_eq!(
        to_json(&names),
        serde_json::from_str::<Value>(text).unwrap()
    );
}

#[test]
fn tagged_and_inline_choices_are_enums() {
    use suite::choices::{Cash, ChoicesValue, Circle, Payment, PaymentCard, Shape, Square};
    let card = Payment::Card(PaymentCard {
        number: String::from("4111"),
        expires: None,
    });
    assert_eq!(to_json(&card), json!({"card": {"number": "4111"}}));
    let cash = Payment::Cash(Cash {
        currency: String::from("EUR"),
        amount: "45.00".parse().unwrap(),
    });
    assert_eq!(
        to_json(&cash),
        json!({"cash": {"currency": "EUR", "amount": "45.00"}})
    );
    assert_eq!(to_json(&Payment::Points(3)), json!({"points": 3}));
    assert_eq!(
        to_json(&ChoicesValue::Big(i64::MIN)),
        json!({"big": "-9223372036854775808"})
    );
    assert_eq!(to_json(&ChoicesValue::Int32(1)), json!({"int32": 1}));
    let circle = Shape::Circle(Circle {
        label: Some(String::from("c")),
        radius: 1.5,
    });
    assert_eq!(
        to_json(&circle),
        json!({"kind": "circle", "label": "c", "radius": 1.5})
    );
    let square: Shape = from_str(r#"{"side":2.5,"kind":"square"}"#).unwrap();
    assert_eq!(
        square,
        Shape::Square(Square {
            label: None,
            side: 2.5
        })
    );
}

#[test]
fn unions_are_options_or_first_match_enums() {
    use suite::unions::{
        Cat, Dog, Unions, UnionsBigOrText, UnionsDateOrText, UnionsIdOrName, UnionsNullableUnion,
        UnionsPet, UnionsTextOrDate,
    };
    let value: Unions = from_str(
        r#"{"idOrName":"x","maybeText":null,"nullableUnion":null,"bigOrText":"123",
            "dateOrText":"2024-01-01","textOrDate":"2024-01-01","pet":{"barks":true}}"#,
    )
    .unwrap();
    assert_eq!(value.id_or_name, UnionsIdOrName::String(String::from("x")));
    let _: Option<String> = value.maybe_text;
    let _: Option<UnionsNullableUnion> = value.nullable_union;
    // The first member that matches wins.
    assert_eq!(value.big_or_text, Some(UnionsBigOrText::Int64(123)));
    assert!(matches!(
        value.date_or_text,
        Some(UnionsDateOrText::Date(_))
    ));
    assert_eq!(
        value.text_or_date,
        Some(UnionsTextOrDate::String(String::from("2024-01-01")))
    );
    assert_eq!(
        value.pet,
        Some(UnionsPet::Dog(Dog {
            barks: true,
            name: None
        }))
    );
    assert_eq!(
        to_json(&UnionsPet::Cat(Cat { meows: true })),
        json!({"meows": true})
    );
    assert_eq!(to_json(&UnionsIdOrName::Int32(5)), json!(5));
}

#[test]
fn extends_copies_inherited_fields_and_abstract_types_are_not_emitted() {
    use suite::extends_and_abstract::{Employee, Manager};
    let manager = Manager {
        id: "0b6f1a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b".parse().unwrap(),
        name: String::from("Grace"),
        reports: 2,
        additional_properties: IndexMap::new(),
    };
    let employee = Employee {
        id: "f47ac10b-58cc-4372-a567-0e02b2c3d479".parse().unwrap(),
        name: String::from("Ada"),
        created: "2024-01-01T09:00:00Z".parse().unwrap(),
        note: Some(None),
        salary: "1.50".parse().unwrap(),
        manager: Some(manager),
        schema: None,
        uses: None,
    };
    assert_eq!(
        to_json(&employee),
        json!({
            "id": "f47ac10b-58cc-4372-a567-0e02b2c3d479",
            "name": "Ada",
            "created": "2024-01-01T09:00:00Z",
            "note": null,
            "salary": "1.50",
            "manager": {"id": "0b6f1a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b", "name": "Grace", "reports": 2}
        })
    );
    let code = include_str!(concat!(env!("OUT_DIR"), "/extends_and_abstract.rs"));
    for abstract_type in ["Entity", "Named", "Audited"] {
        assert!(
            !code.contains(&format!("pub struct {abstract_type} ")),
            "abstract {abstract_type} emitted as a struct"
        );
    }
}

#[test]
fn maps_keep_document_order() {
    let value: suite::collections::Collections =
        from_str(r#"{"tags":[],"uniqueTags":[],"scores":{"zeta":1,"alpha":2,"mid":3}}"#).unwrap();
    assert_eq!(
        value.scores.keys().map(String::as_str).collect::<Vec<_>>(),
        ["zeta", "alpha", "mid"]
    );
    let written = serde_json::to_string(&value).unwrap();
    assert!(
        written.contains(r#""scores":{"zeta":1,"alpha":2,"mid":3}"#),
        "{written}"
    );
    // Undeclared members of open objects keep their order too.
    let open: suite::additional_properties::AdditionalPropertiesOpen =
        serde_json::from_str(r#"{"z":1,"b":2,"m":3}"#).unwrap();
    assert_eq!(
        open.additional_properties
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["z", "b", "m"]
    );
    assert_eq!(
        serde_json::to_string(&open).unwrap(),
        r#"{"z":1,"b":2,"m":3}"#
    );
}

#[test]
fn sets_are_vecs_that_reject_duplicates() {
    use suite::collections::Collections;
    let value: Collections =
        from_str(r#"{"tags":["a","a"],"uniqueTags":["b","a"],"scores":{}}"#).unwrap();
    let _: Vec<String> = value.unique_tags.clone();
    assert_eq!(value.unique_tags, ["b", "a"], "order kept");
    assert_eq!(value.tags, ["a", "a"], "arrays may repeat");
    let err =
        from_str::<Collections>(r#"{"tags":[],"uniqueTags":["a","a"],"scores":{}}"#).unwrap_err();
    assert_eq!(codes(err)[0].1, "INSTANCE_SET_DUPLICATE");
}

#[test]
fn additional_properties_closed_open_and_typed() {
    use suite::additional_properties::{
        AdditionalPropertiesTyped, AdditionalPropertiesTypedBig, Tag,
    };
    let mut extras = IndexMap::new();
    extras.insert(String::from("n"), 1i32);
    let typed = AdditionalPropertiesTyped {
        a: String::from("x"),
        additional_properties: extras,
    };
    assert_eq!(to_json(&typed), json!({"a": "x", "n": 1}));
    let mut big = IndexMap::new();
    big.insert(String::from("x"), i64::MAX);
    let typed_big = AdditionalPropertiesTypedBig {
        note: None,
        additional_properties: big,
    };
    assert_eq!(to_json(&typed_big), json!({"x": "9223372036854775807"}));
    let _tag: IndexMap<String, Tag> = suite::additional_properties::AdditionalPropertiesTypedRef {
        id: None,
        additional_properties: IndexMap::new(),
    }
    .additional_properties;
}

#[test]
fn required_sets_are_checked_by_validate() {
    use suite::required_sets::Animal;
    let mut animal = Animal {
        name: String::from("Frog"),
        fins: Some(0),
        legs: None,
        wings: None,
        contact: None,
        schema: None,
        uses: None,
    };
    assert!(animal.validate().is_ok());
    animal.legs = Some(4);
    assert_eq!(
        codes(animal.validate().unwrap_err()),
        [(String::new(), "INSTANCE_REQUIRED_SETS_CONFLICT")]
    );
    animal.fins = None;
    animal.legs = None;
    assert_eq!(
        codes(animal.validate().unwrap_err()),
        [(String::new(), "INSTANCE_REQUIRED_PROPERTY_MISSING")]
    );
}

#[test]
fn recursive_types_box_where_needed() {
    use suite::recursion::{Expr, ExprOp, File, Folder, ListNode, Term, TreeNode};
    let list = ListNode {
        value: String::from("a"),
        next: Some(Box::new(ListNode {
            value: String::from("b"),
            next: None,
        })),
    };
    assert_eq!(
        to_json(&list),
        json!({"value": "a", "next": {"value": "b", "next": null}})
    );
    let tree = TreeNode {
        value: 1,
        children: Some(vec![TreeNode {
            value: 2,
            children: None,
        }]),
    };
    assert_eq!(
        to_json(&tree),
        json!({"value": 1, "children": [{"value": 2}]})
    );
    let expr = Expr {
        op: ExprOp::Neg,
        args: vec![Term::Expr(Expr {
            op: ExprOp::Add,
            args: vec![Term::Literal(1), Term::Literal(-2)],
        })],
    };
    assert_eq!(
        to_json(&expr),
        json!({"op": "neg", "args": [{"expr": {"op": "add", "args": [{"literal": "1"}, {"literal": "-2"}]}}]})
    );
    let folder = Folder {
        name: String::from("root"),
        parent_file: Some(Box::new(File {
            size: u64::MAX,
            folder: Some(Box::new(Folder {
                name: String::from("inner"),
                parent_file: None,
                files: None,
            })),
        })),
        files: None,
    };
    assert_eq!(
        to_json(&folder),
        json!({"name": "root", "parentFile": {"size": "18446744073709551615", "folder": {"name": "inner"}}})
    );
    // validate() walks the recursive list.
    let mut deep = list.clone();
    deep.next.as_mut().unwrap().value = String::from("long");
    assert_eq!(
        codes(deep.validate().unwrap_err()),
        [("/next/value".to_string(), "INSTANCE_STRING_MAX_LENGTH")]
    );
}

#[test]
fn binary_encodings_follow_content_encoding() {
    use suite::binary_encodings::BinaryEncodings;
    let bytes = b"foo".to_vec();
    let value = BinaryEncodings {
        plain: bytes.clone(),
        base64: vec![0xfb, 0xff],
        base64url: vec![0xfb, 0xff],
        base16: vec![0xc0, 0xff, 0xee],
        base32: bytes.clone(),
        base32hex: bytes.clone(),
        chunks: Some(vec![vec![0x00, 0xff]]),
        maybe: Some(None),
        schema: None,
        uses: None,
    };
    assert_eq!(
        to_json(&value),
        json!({
            "plain": "Zm9v", "base64": "+/8=", "base64url": "-_8", "base16": "c0ffee",
            "base32": "MZXW6===", "base32hex": "CPNMU===", "chunks": ["00ff"], "maybe": null
        })
    );
    // Documented normalisation: unpadded base64 and uppercase base16 are read, and written
    // in the canonical form.
    let read: BinaryEncodings = from_str(
        r#"{"plain":"Zm9vYg","base64":"","base64url":"-_8=","base16":"C0FFEE","base32":"","base32hex":""}"#,
    )
    .unwrap();
    assert_eq!(read.plain, b"foob");
    assert_eq!(read.base16, [0xc0, 0xff, 0xee]);
    let written = to_json(&read);
    assert_eq!(written["plain"], json!("Zm9vYg=="));
    assert_eq!(written["base64url"], json!("-_8"));
    assert_eq!(written["base16"], json!("c0ffee"));
}

#[test]
fn lenient_bare_ref_resolves_to_the_definition() {
    use suite::lenient_refs::{LenientRefs, Person};
    let value: LenientRefs =
        from_str(r#"{"owner":{"name":"Ann"},"members":[{"name":"B"}]}"#).unwrap();
    let _: Person = value.owner;
    let _: Option<Vec<Person>> = value.members;
    let _: Option<IndexMap<String, Person>> = value.by_id;
}
