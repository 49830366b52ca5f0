//! The macro expands the bundled Daytona schema in place; the types work like the ones
//! `build.rs` generates.

mod daytona {
    json_structure_macro::import_types!("../schemas/daytona-snapshot.struct.json");
}

mod daytona_open {
    json_structure_macro::import_types!(
        "../schemas/daytona-snapshot.struct.json",
        open_enums = true
    );
}

const BODY: &str = r#"{
    "id": "s1", "general": true, "name": "base", "state": "active", "size": null,
    "entrypoint": null, "cpu": 1, "gpu": 0, "mem": 2, "disk": 10, "errorReason": null,
    "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:00Z", "lastUsedAt": null
}"#;

#[test]
fn expands_the_schema_into_working_types() {
    let s: daytona::DaytonaSnapshot = serde_json::from_str(BODY).unwrap();
    assert_eq!(s.state, daytona::DaytonaSnapshotState::Active);
    let back: serde_json::Value = serde_json::to_value(&s).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(BODY).unwrap()
    );
}

#[test]
fn options_reach_the_generator() {
    let s: daytona_open::DaytonaSnapshot =
        serde_json::from_str(&BODY.replace("active", "hibernating")).unwrap();
    assert_eq!(
        s.state,
        daytona_open::DaytonaSnapshotState::Other("hibernating".into())
    );
}
