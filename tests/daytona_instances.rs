//! End-to-end tests of the generated Daytona Snapshot types against JSON instances.
//!
//! The contract under test (not the implementation):
//! * required members are `T`, required-and-nullable members are `Option<T>` that must be
//!   present and are written back as `null`, optional members are `Option<T>` that may be
//!   absent and are omitted when `None`; `null` is rejected wherever the schema does not
//!   say `nullable: true`;
//! * date-times are strict RFC 3339, keep their offset and round-trip their exact text;
//! * `number` members are `f64` that keep integral values integral on output;
//! * `state` is a closed string enum with exact wire values;
//! * objects are open: unknown members are kept in `additional_properties` and written back.
//!
//! Fixtures live in `tests/fixtures/daytona/{valid,invalid}`. Every invalid fixture must have
//! an entry in [`INVALID_TABLE`] (the test fails otherwise).

use std::collections::{BTreeSet, HashSet};
use std::fmt::Debug;
use std::path::PathBuf;

use daytona_types::{DaytonaSnapshot, DaytonaSnapshotBuildInfo, DaytonaSnapshotState};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Shared data and helpers
// ---------------------------------------------------------------------------------------------

/// A complete, valid snapshot (every member present, `buildInfo` complete). The invalid
/// fixtures are this document with exactly one member changed or removed.
const BASE: &str = r#"{
  "id": "7c9e1a3b-5d6f-4a8c-9e0b-1d3f5a7c9e2b",
  "organizationId": "0e7b3c91-55d2-4a8f-b3e4-7c1d9a6f2e05",
  "general": false,
  "name": "data-science-base",
  "imageName": "jupyter/scipy-notebook:2024-10-07",
  "state": "active",
  "size": 2.64,
  "entrypoint": ["start-notebook.sh", "--NotebookApp.token="],
  "cpu": 2,
  "gpu": 0,
  "mem": 4,
  "disk": 10,
  "errorReason": null,
  "createdAt": "2025-03-18T11:22:33Z",
  "updatedAt": "2025-03-18T11:29:05.250+05:30",
  "lastUsedAt": "2025-04-02T07:15:00-08:00",
  "buildInfo": {
    "dockerfileContent": "FROM jupyter/scipy-notebook:2024-10-07\nRUN pip install polars==1.9.0",
    "contextHashes": ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    "createdAt": "2025-03-18T11:22:33Z",
    "updatedAt": "2025-03-18T11:29:05.250+05:30",
    "snapshotRef": "data-science-base:1742296953"
  },
  "regionIds": ["us", "eu"],
  "initialRunnerId": "runner-5e6f7a8b",
  "ref": "cr.app.daytona.io/sbox/data-science-base:1742296953"
}"#;

/// Every root member, in schema order.
const ROOT_MEMBERS: [&str; 20] = [
    "id",
    "organizationId",
    "general",
    "name",
    "imageName",
    "state",
    "size",
    "entrypoint",
    "cpu",
    "gpu",
    "mem",
    "disk",
    "errorReason",
    "createdAt",
    "updatedAt",
    "lastUsedAt",
    "buildInfo",
    "regionIds",
    "initialRunnerId",
    "ref",
];
/// Required root members that may not be `null`.
const ROOT_REQUIRED_NOT_NULLABLE: [&str; 10] = [
    "id",
    "general",
    "name",
    "state",
    "cpu",
    "gpu",
    "mem",
    "disk",
    "createdAt",
    "updatedAt",
];
/// Required root members that may be `null`.
const ROOT_REQUIRED_NULLABLE: [&str; 4] = ["size", "entrypoint", "errorReason", "lastUsedAt"];
/// Optional (and not nullable) root members.
const ROOT_OPTIONAL: [&str; 6] = [
    "organizationId",
    "imageName",
    "buildInfo",
    "regionIds",
    "initialRunnerId",
    "ref",
];
/// Every buildInfo member, in schema order.
const BUILD_INFO_MEMBERS: [&str; 5] = [
    "dockerfileContent",
    "contextHashes",
    "createdAt",
    "updatedAt",
    "snapshotRef",
];
const BUILD_INFO_REQUIRED: [&str; 3] = ["createdAt", "updatedAt", "snapshotRef"];
const BUILD_INFO_OPTIONAL: [&str; 2] = ["dockerfileContent", "contextHashes"];
/// The JSON pointers of every date-time member.
const DATE_TIME_POINTERS: [&str; 5] = [
    "/createdAt",
    "/updatedAt",
    "/lastUsedAt",
    "/buildInfo/createdAt",
    "/buildInfo/updatedAt",
];
const NUMBER_MEMBERS: [&str; 5] = ["size", "cpu", "gpu", "mem", "disk"];
/// The `state` values, in schema order.
const STATE_WIRE_VALUES: [&str; 8] = [
    "building",
    "pending",
    "pulling",
    "active",
    "inactive",
    "error",
    "build_failed",
    "removing",
];

/// Invalid fixture → (substring the error message must contain, JSON pointer of the one
/// member that differs from [`BASE`]).
const INVALID_TABLE: &[(&str, &str, &str)] = &[
    ("missing-id.json", "missing field `id`", "/id"),
    (
        "missing-general.json",
        "missing field `general`",
        "/general",
    ),
    ("missing-name.json", "missing field `name`", "/name"),
    ("missing-state.json", "missing field `state`", "/state"),
    ("missing-cpu.json", "missing field `cpu`", "/cpu"),
    ("missing-gpu.json", "missing field `gpu`", "/gpu"),
    ("missing-mem.json", "missing field `mem`", "/mem"),
    ("missing-disk.json", "missing field `disk`", "/disk"),
    (
        "missing-createdAt.json",
        "missing field `createdAt`",
        "/createdAt",
    ),
    (
        "missing-updatedAt.json",
        "missing field `updatedAt`",
        "/updatedAt",
    ),
    (
        "missing-size-required-nullable.json",
        "missing field `size`",
        "/size",
    ),
    (
        "missing-entrypoint-required-nullable.json",
        "missing field `entrypoint`",
        "/entrypoint",
    ),
    (
        "missing-errorReason-required-nullable.json",
        "missing field `errorReason`",
        "/errorReason",
    ),
    (
        "missing-lastUsedAt-required-nullable.json",
        "missing field `lastUsedAt`",
        "/lastUsedAt",
    ),
    ("null-id.json", "null", "/id"),
    ("null-general.json", "null", "/general"),
    ("null-name.json", "null", "/name"),
    ("null-state.json", "null", "/state"),
    ("null-cpu.json", "null", "/cpu"),
    ("null-disk.json", "null", "/disk"),
    ("null-createdAt.json", "null", "/createdAt"),
    ("null-updatedAt.json", "null", "/updatedAt"),
    (
        "null-organizationId-optional-not-nullable.json",
        "null",
        "/organizationId",
    ),
    (
        "null-regionIds-optional-not-nullable.json",
        "null",
        "/regionIds",
    ),
    ("null-ref-optional-not-nullable.json", "null", "/ref"),
    (
        "null-buildInfo-optional-not-nullable.json",
        "null",
        "/buildInfo",
    ),
    (
        "buildInfo-null-dockerfileContent-optional-not-nullable.json",
        "null",
        "/buildInfo/dockerfileContent",
    ),
    (
        "buildInfo-null-snapshotRef.json",
        "null",
        "/buildInfo/snapshotRef",
    ),
    (
        "buildInfo-missing-snapshotRef.json",
        "missing field `snapshotRef`",
        "/buildInfo/snapshotRef",
    ),
    (
        "buildInfo-missing-createdAt.json",
        "missing field `createdAt`",
        "/buildInfo/createdAt",
    ),
    (
        "buildInfo-missing-updatedAt.json",
        "missing field `updatedAt`",
        "/buildInfo/updatedAt",
    ),
    (
        "buildInfo-updatedAt-impossible-date.json",
        "2025-04-31T10:00:00Z",
        "/buildInfo/updatedAt",
    ),
    (
        "buildInfo-not-object.json",
        "data-science-base:1742296953",
        "/buildInfo",
    ),
    (
        "buildInfo-contextHashes-not-array.json",
        "e3b0c44298fc",
        "/buildInfo/contextHashes",
    ),
    ("state-unknown-value.json", "running", "/state"),
    ("state-wrong-case.json", "Active", "/state"),
    ("state-camel-case-buildFailed.json", "buildFailed", "/state"),
    (
        "createdAt-impossible-date.json",
        "2023-02-30T00:00:00Z",
        "/createdAt",
    ),
    (
        "updatedAt-impossible-month.json",
        "2024-13-01T00:00:00Z",
        "/updatedAt",
    ),
    (
        "lastUsedAt-impossible-hour.json",
        "2024-01-15T25:00:00Z",
        "/lastUsedAt",
    ),
    (
        "createdAt-no-offset.json",
        "2024-01-15T10:30:00",
        "/createdAt",
    ),
    (
        "lastUsedAt-no-offset.json",
        "2024-01-15T10:30:00.5",
        "/lastUsedAt",
    ),
    ("createdAt-date-only.json", "2024-01-15", "/createdAt"),
    (
        "createdAt-space-separator.json",
        "2024-01-15 10:30:00Z",
        "/createdAt",
    ),
    (
        "createdAt-offset-without-colon.json",
        "2024-01-15T10:30:00+0530",
        "/createdAt",
    ),
    (
        "updatedAt-offset-hour-out-of-range.json",
        "2024-01-15T10:30:00+24:00",
        "/updatedAt",
    ),
    ("createdAt-not-string.json", "1705314600", "/createdAt"),
    ("cpu-as-string.json", "4 vCPU", "/cpu"),
    ("size-as-string.json", "2.64 GB", "/size"),
    ("mem-as-boolean.json", "true", "/mem"),
    ("entrypoint-not-array.json", "sleep infinity", "/entrypoint"),
    ("entrypoint-item-not-string.json", "3600", "/entrypoint"),
    ("regionIds-item-not-string.json", "42", "/regionIds"),
    ("general-as-string.json", "\"true\"", "/general"),
    ("id-as-number.json", "12345", "/id"),
];

fn base() -> Value {
    serde_json::from_str(BASE).expect("BASE is JSON")
}

fn fixture_dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("daytona")
        .join(kind)
}

/// `(file name, contents)` of every fixture in `kind`, sorted by name.
fn fixtures(kind: &str) -> Vec<(String, String)> {
    let dir = fixture_dir(kind);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name")
            .to_owned();
        assert!(
            name.ends_with(".json"),
            "{}: fixtures must be `.json` files",
            path.display()
        );
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push((name, text));
    }
    out.sort();
    out
}

/// Parses a snapshot the way a client does: from JSON text.
fn parse(doc: &Value) -> Result<DaytonaSnapshot, serde_json::Error> {
    serde_json::from_str(&doc.to_string())
}

fn parse_ok(doc: &Value, what: &str) -> DaytonaSnapshot {
    parse(doc).unwrap_or_else(|e| panic!("{what}: expected to parse, got error: {e}\n{doc:#}"))
}

fn parse_err(doc: &Value, what: &str) -> String {
    match parse(doc) {
        Ok(s) => panic!("{what}: expected an error, but it parsed as {s:#?}"),
        Err(e) => e.to_string(),
    }
}

/// The wire form of `value`, read back as a `Value` (through text, as a client would).
fn to_wire<T: Serialize>(value: &T) -> Value {
    let text = serde_json::to_string(value).expect("serializes");
    serde_json::from_str(&text).expect("serializer output is JSON")
}

/// Sets (`Some`) or removes (`None`) the member at a JSON pointer `/a` or `/a/b`.
fn set(doc: &mut Value, pointer: &str, value: Option<Value>) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer starts with '/'");
    let object = doc
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {parent:?}"));
    match value {
        Some(v) => {
            object.insert(key.to_owned(), v);
        }
        None => {
            object.remove(key);
        }
    }
}

fn with(pointer: &str, value: Option<Value>) -> Value {
    let mut doc = base();
    set(&mut doc, pointer, value);
    doc
}

/// Asserts the exact round trip of `text` through `T`:
/// text → T → JSON equals the input JSON, and JSON → T again gives an equal value.
fn assert_round_trip<T>(what: &str, text: &str) -> T
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let input: Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    let parsed: T = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("{what}: expected to deserialize, got error: {e}"));

    let as_value = serde_json::to_value(&parsed).expect("to_value");
    assert_eq!(as_value, input, "{what}: to_value differs from the input");
    let out_text = serde_json::to_string(&parsed).expect("to_string");
    let out: Value = serde_json::from_str(&out_text).expect("output is JSON");
    assert_eq!(
        out, input,
        "{what}: written text differs from the input:\n{out_text}"
    );

    let again: T = serde_json::from_str(&out_text)
        .unwrap_or_else(|e| panic!("{what}: own output does not deserialize: {e}\n{out_text}"));
    assert_eq!(again, parsed, "{what}: re-deserialized value differs");
    let from_value: T =
        serde_json::from_value(input).unwrap_or_else(|e| panic!("{what}: from_value failed: {e}"));
    assert_eq!(
        from_value, parsed,
        "{what}: from_value and from_str disagree"
    );
    parsed
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

#[test]
fn valid_fixtures_round_trip_exactly() {
    let files = fixtures("valid");
    assert!(
        files.len() >= 12,
        "expected at least 12 valid fixtures, found {}",
        files.len()
    );
    let mut states = BTreeSet::new();
    for (name, text) in &files {
        let input: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let snapshots = if input.is_array() {
            assert_round_trip::<Vec<DaytonaSnapshot>>(name, text)
        } else {
            vec![assert_round_trip::<DaytonaSnapshot>(name, text)]
        };
        for s in snapshots {
            states.insert(s.state.as_str());
            if let Some(b) = &s.build_info {
                let b_text = serde_json::to_string(b).unwrap();
                assert_round_trip::<DaytonaSnapshotBuildInfo>(
                    &format!("{name} buildInfo"),
                    &b_text,
                );
            }
        }
    }
    let all: BTreeSet<&str> = STATE_WIRE_VALUES.into_iter().collect();
    assert_eq!(states, all, "the valid fixtures must use every state value");
}

#[test]
fn valid_fixture_contents_are_read_correctly() {
    let read = |name: &str| -> DaytonaSnapshot {
        let path = fixture_dir("valid").join(name);
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };

    let min = read("minimal.json");
    assert_eq!(min.id, "5c1f3b7e-2d4a-4f0e-9b61-8a3c2e7d9f10");
    assert_eq!(min.state, DaytonaSnapshotState::Pending);
    assert!(!min.general);
    assert_eq!((min.size, min.entrypoint.as_ref()), (None, None));
    assert!(min.error_reason.is_none() && min.last_used_at.is_none());
    assert_eq!((min.cpu, min.gpu, min.mem, min.disk), (1.0, 0.0, 1.0, 3.0));
    assert!(min.organization_id.is_none() && min.image_name.is_none());
    assert!(min.build_info.is_none() && min.region_ids.is_none());
    assert!(min.initial_runner_id.is_none() && min.r#ref.is_none());
    assert!(min.additional_properties.is_empty());

    let full = read("full.json");
    assert!(full.general);
    assert_eq!(full.state, DaytonaSnapshotState::Active);
    assert_eq!(full.size, Some(1.37));
    assert_eq!(
        full.entrypoint,
        Some(vec!["sleep".to_owned(), "infinity".to_owned()])
    );
    assert_eq!(
        full.region_ids,
        Some(vec!["us".to_owned(), "eu".to_owned()])
    );
    assert_eq!(full.initial_runner_id.as_deref(), Some("runner-7f3c2a91"));
    assert_eq!(
        full.r#ref.as_deref(),
        Some("cr.app.daytona.io/sbox/daytonaio/sandbox:0.4.3")
    );
    assert_eq!(
        full.last_used_at.as_ref().unwrap().to_string(),
        "2025-06-01T08:44:09.930Z"
    );
    let b = full.build_info.as_ref().expect("buildInfo");
    assert!(b
        .dockerfile_content
        .as_deref()
        .unwrap()
        .contains("CMD [\"sleep\", \"infinity\"]"));
    assert_eq!(b.context_hashes.as_ref().map(Vec::len), Some(2));
    assert_eq!(
        b.snapshot_ref,
        "cr.app.daytona.io/sbox/daytonaio/sandbox:0.4.3"
    );
    assert_eq!(b.created_at.to_string(), "2025-05-20T14:03:11.482Z");
    assert!(full.additional_properties.is_empty() && b.additional_properties.is_empty());

    let failed = read("state-build-failed.json");
    assert_eq!(failed.state, DaytonaSnapshotState::BuildFailed);
    let reason = failed.error_reason.as_deref().unwrap();
    assert!(
        reason.contains("\n\tcaused by: \"linker `cc` not found\""),
        "{reason:?}"
    );

    let uni = read("unicode-and-escapes.json");
    assert_eq!(uni.name, "données-émoji 🚀 スナップショット");
    assert_eq!(
        uni.entrypoint.as_ref().unwrap()[2],
        "echo \"héllo\\tworld\" && printf '%s\\n' é中🚀"
    );
    assert_eq!(
        uni.error_reason.as_deref(),
        Some("unexpected token \"\\u0000\" at line 1 / col 2 — контейнер не запущен\r\n\u{8}\u{c}")
    );
    assert_eq!(uni.initial_runner_id.as_deref(), Some(""));

    let empty = read("state-error.json");
    assert_eq!(empty.region_ids, Some(vec![]));
    let removing = read("state-removing.json");
    assert_eq!(removing.entrypoint, Some(vec![]));
    assert_eq!(removing.size, Some(3.0));

    let path = fixture_dir("valid").join("list-response.json");
    let list: Vec<DaytonaSnapshot> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let states: Vec<_> = list.iter().map(|s| s.state).collect();
    assert_eq!(
        states,
        [
            DaytonaSnapshotState::Active,
            DaytonaSnapshotState::BuildFailed,
            DaytonaSnapshotState::Removing
        ]
    );
}

#[test]
fn unknown_members_are_kept_and_written_back() {
    let path = fixture_dir("valid").join("unknown-members.json");
    let text = std::fs::read_to_string(path).unwrap();
    let s: DaytonaSnapshot = serde_json::from_str(&text).unwrap();

    let root_keys: Vec<&str> = s.additional_properties.keys().map(String::as_str).collect();
    assert_eq!(
        root_keys,
        [
            "skipValidation",
            "hideFromUsers",
            "labels",
            "Id",
            "sizeInBytes",
            "tags"
        ],
        "unknown root members, in document order (and no declared member among them)"
    );
    assert_eq!(s.additional_properties["skipValidation"], json!(false));
    assert_eq!(s.additional_properties["hideFromUsers"], Value::Null);
    assert_eq!(
        s.additional_properties["labels"]["nested"]["deeper"],
        json!([1, 2.5, "three", {"four": []}])
    );
    assert_eq!(s.additional_properties["sizeInBytes"], json!(96636764));
    assert_eq!(s.id, "0d2f4a6c-8e9b-4d1f-a3c5-e7a9c1e3f5b7");

    let b = s.build_info.as_ref().unwrap();
    let b_keys: Vec<&str> = b.additional_properties.keys().map(String::as_str).collect();
    assert_eq!(b_keys, ["builderVersion", "cache"]);
    assert_eq!(
        b.additional_properties["cache"]["layers"][0]["bytes"],
        json!(29754000)
    );
    assert_eq!(b.snapshot_ref, "ubuntu:24.04");

    // Written back: everything is there.
    let input: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(to_wire(&s), input);

    // Members added in code are written too, at the root and in buildInfo.
    let mut s = parse_ok(&base(), "BASE");
    assert!(s.additional_properties.is_empty());
    s.additional_properties
        .insert("x-trace".to_owned(), json!({"id": [1, 2]}));
    s.build_info
        .as_mut()
        .unwrap()
        .additional_properties
        .insert("x-cache".to_owned(), json!(null));
    let out = to_wire(&s);
    assert_eq!(out["x-trace"], json!({"id": [1, 2]}));
    assert_eq!(out["buildInfo"].get("x-cache"), Some(&Value::Null));
    assert_eq!(parse_ok(&out, "with extras"), s);
}

#[test]
fn invalid_fixtures_are_rejected_with_a_message_naming_the_cause() {
    let files = fixtures("invalid");
    assert!(
        files.len() >= 20,
        "expected at least 20 invalid fixtures, found {}",
        files.len()
    );
    let base = base();
    let on_disk: HashSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let mut problems = Vec::new();

    for (name, _, _) in INVALID_TABLE {
        if !on_disk.contains(name) {
            problems.push(format!(
                "{name}: listed in INVALID_TABLE but missing on disk"
            ));
        }
    }
    for (name, text) in &files {
        let Some((_, expected, pointer)) = INVALID_TABLE.iter().find(|(n, _, _)| n == name) else {
            problems.push(format!("{name}: no entry in INVALID_TABLE"));
            continue;
        };
        // The fixture is JSON and differs from BASE only at `pointer`.
        let mut doc: Value = match serde_json::from_str(text) {
            Ok(doc) => doc,
            Err(e) => {
                problems.push(format!("{name}: not JSON ({e})"));
                continue;
            }
        };
        set(&mut doc, pointer, base.pointer(pointer).cloned());
        if doc != base {
            problems.push(format!(
                "{name}: differs from BASE elsewhere than {pointer}"
            ));
        }
        match serde_json::from_str::<DaytonaSnapshot>(text) {
            Ok(s) => problems.push(format!(
                "{name}: accepted, but should fail ({expected}); read back as {}",
                serde_json::to_string(&s).unwrap()
            )),
            Err(e) if !e.to_string().contains(expected) => {
                problems.push(format!("{name}: error does not mention {expected:?}: {e}"))
            }
            Err(_) => {}
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Presence and nullability, built from BASE
// ---------------------------------------------------------------------------------------------

#[test]
fn base_document_round_trips() {
    assert_round_trip::<DaytonaSnapshot>("BASE", BASE);
}

#[test]
fn missing_required_member_is_an_error_naming_it() {
    let mut problems = Vec::new();
    let root = ROOT_REQUIRED_NOT_NULLABLE
        .iter()
        .chain(&ROOT_REQUIRED_NULLABLE);
    let pointers = root.map(|m| format!("/{m}")).chain(
        BUILD_INFO_REQUIRED
            .iter()
            .map(|m| format!("/buildInfo/{m}")),
    );
    for pointer in pointers {
        let member = pointer.rsplit('/').next().unwrap();
        let expected = format!("missing field `{member}`");
        match parse(&with(&pointer, None)) {
            Ok(_) => problems.push(format!("without {pointer}: accepted")),
            Err(e) if !e.to_string().contains(&expected) => {
                problems.push(format!("without {pointer}: error lacks {expected:?}: {e}"))
            }
            Err(_) => {}
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn null_for_required_non_nullable_member_is_an_error() {
    let mut problems = Vec::new();
    let pointers = ROOT_REQUIRED_NOT_NULLABLE
        .iter()
        .map(|m| format!("/{m}"))
        .chain(
            BUILD_INFO_REQUIRED
                .iter()
                .map(|m| format!("/buildInfo/{m}")),
        );
    for pointer in pointers {
        match parse(&with(&pointer, Some(Value::Null))) {
            Ok(_) => problems.push(format!("{pointer}: null accepted")),
            Err(e) if !e.to_string().contains("null") => {
                problems.push(format!("{pointer}: error does not mention null: {e}"))
            }
            Err(_) => {}
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Optional members are not `nullable` in the schema: `null` is not absence, and accepting it
/// would also make the round trip lossy (it would be written back as an absent member).
#[test]
fn null_for_optional_non_nullable_member_is_an_error() {
    let mut problems = Vec::new();
    let pointers = ROOT_OPTIONAL.iter().map(|m| format!("/{m}")).chain(
        BUILD_INFO_OPTIONAL
            .iter()
            .map(|m| format!("/buildInfo/{m}")),
    );
    for pointer in pointers {
        match parse(&with(&pointer, Some(Value::Null))) {
            Ok(s) => problems.push(format!(
                "{pointer}: null accepted; written back as {}",
                serde_json::to_string(&s).unwrap()
            )),
            Err(e) if !e.to_string().contains("null") => {
                problems.push(format!("{pointer}: error does not mention null: {e}"))
            }
            Err(_) => {}
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn null_for_required_nullable_member_is_accepted_and_written_back_as_null() {
    for member in ROOT_REQUIRED_NULLABLE {
        let doc = with(&format!("/{member}"), Some(Value::Null));
        let s = parse_ok(&doc, member);
        match member {
            "size" => assert_eq!(s.size, None),
            "entrypoint" => assert_eq!(s.entrypoint, None),
            "errorReason" => assert_eq!(s.error_reason, None),
            "lastUsedAt" => assert_eq!(s.last_used_at, None),
            _ => unreachable!(),
        }
        let out = to_wire(&s);
        assert_eq!(
            out.get(member),
            Some(&Value::Null),
            "{member} must be written as null"
        );
        assert_eq!(out, doc, "{member}: round trip");
        assert_eq!(parse_ok(&out, member), s);
    }

    // All of them null at once, and all of them non-null at once.
    let mut doc = base();
    for member in ROOT_REQUIRED_NULLABLE {
        set(&mut doc, &format!("/{member}"), Some(Value::Null));
    }
    let s = parse_ok(&doc, "all nullables null");
    assert_eq!(to_wire(&s), doc);

    let mut doc = base();
    set(&mut doc, "/errorReason", Some(json!("image pull failed")));
    let s = parse_ok(&doc, "all nullables set");
    assert_eq!(s.error_reason.as_deref(), Some("image pull failed"));
    assert_eq!(s.size, Some(2.64));
    assert!(s.entrypoint.is_some() && s.last_used_at.is_some());
    assert_eq!(to_wire(&s), doc);
}

#[test]
fn absent_optional_member_is_accepted_and_omitted_on_output() {
    let pointers = ROOT_OPTIONAL.iter().map(|m| format!("/{m}")).chain(
        BUILD_INFO_OPTIONAL
            .iter()
            .map(|m| format!("/buildInfo/{m}")),
    );
    for pointer in pointers {
        let doc = with(&pointer, None);
        let s = parse_ok(&doc, &pointer);
        let out = to_wire(&s);
        assert!(
            out.pointer(&pointer).is_none(),
            "{pointer} must be omitted: {out}"
        );
        assert_eq!(out, doc, "{pointer}: round trip");
    }

    // Everything optional absent at once.
    let mut doc = base();
    for m in ROOT_OPTIONAL {
        set(&mut doc, &format!("/{m}"), None);
    }
    let s = parse_ok(&doc, "no optional members");
    assert!(s.organization_id.is_none() && s.image_name.is_none() && s.build_info.is_none());
    assert!(s.region_ids.is_none() && s.initial_runner_id.is_none() && s.r#ref.is_none());
    assert_eq!(to_wire(&s), doc);

    // `None` set in code is omitted, not written as null.
    let mut s = parse_ok(&base(), "BASE");
    s.organization_id = None;
    s.r#ref = None;
    s.build_info.as_mut().unwrap().context_hashes = None;
    let out = to_wire(&s);
    let root = out.as_object().unwrap();
    assert!(!root.contains_key("organizationId") && !root.contains_key("ref"));
    assert!(!out["buildInfo"]
        .as_object()
        .unwrap()
        .contains_key("contextHashes"));
}

#[test]
fn members_are_written_under_their_wire_names_in_schema_order() {
    let s = parse_ok(&base(), "BASE");
    let text = serde_json::to_string(&s).unwrap();
    let position = |needle: String| {
        text.find(&needle)
            .unwrap_or_else(|| panic!("{needle} not in output {text}"))
    };
    let root: Vec<usize> = ROOT_MEMBERS
        .iter()
        .map(|m| position(format!("\"{m}\":")))
        .collect();
    assert!(root.windows(2).all(|w| w[0] < w[1]), "root order: {text}");
    let b = serde_json::to_string(s.build_info.as_ref().unwrap()).unwrap();
    let b_pos: Vec<usize> = BUILD_INFO_MEMBERS
        .iter()
        .map(|m| b.find(&format!("\"{m}\":")).unwrap())
        .collect();
    assert!(
        b_pos.windows(2).all(|w| w[0] < w[1]),
        "buildInfo order: {b}"
    );
    // No snake_case spelling leaks onto the wire.
    for snake in [
        "organization_id",
        "image_name",
        "error_reason",
        "created_at",
        "build_info",
    ] {
        assert!(!text.contains(snake), "{snake} in {text}");
    }
}

#[test]
fn snake_case_spellings_are_not_accepted_as_the_members() {
    // `created_at` is not `createdAt`: the document lacks `createdAt`.
    let mut doc = base();
    let v = doc["createdAt"].take();
    set(&mut doc, "/createdAt", None);
    set(&mut doc, "/created_at", Some(v));
    assert!(parse_err(&doc, "created_at").contains("missing field `createdAt`"));
}

// ---------------------------------------------------------------------------------------------
// state
// ---------------------------------------------------------------------------------------------

#[test]
fn state_variants_and_all_are_in_schema_order() {
    use DaytonaSnapshotState::*;
    let expected = [
        (Building, "building"),
        (Pending, "pending"),
        (Pulling, "pulling"),
        (Active, "active"),
        (Inactive, "inactive"),
        (Error, "error"),
        (BuildFailed, "build_failed"),
        (Removing, "removing"),
    ];
    assert_eq!(DaytonaSnapshotState::ALL.len(), 8);
    for (i, (variant, wire)) in expected.into_iter().enumerate() {
        assert_eq!(DaytonaSnapshotState::ALL[i], variant);
        assert_eq!(variant.as_str(), wire);
        assert_eq!(STATE_WIRE_VALUES[i], wire);
    }
    let distinct: HashSet<DaytonaSnapshotState> = DaytonaSnapshotState::ALL.into_iter().collect();
    assert_eq!(distinct.len(), 8);
}

#[test]
fn every_state_round_trips_through_json_display_and_from_str() {
    for state in DaytonaSnapshotState::ALL {
        let wire = state.as_str();
        assert_eq!(serde_json::to_value(state).unwrap(), json!(wire));
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            format!("\"{wire}\"")
        );
        let back: DaytonaSnapshotState = serde_json::from_str(&format!("\"{wire}\"")).unwrap();
        assert_eq!(back, state);
        assert_eq!(state.to_string(), wire);
        assert_eq!(wire.parse::<DaytonaSnapshotState>().unwrap(), state);

        // Inside a whole snapshot.
        let doc = with("/state", Some(json!(wire)));
        let s = parse_ok(&doc, wire);
        assert_eq!(s.state, state);
        assert_eq!(to_wire(&s), doc);
    }
    assert_eq!(
        "build_failed".parse::<DaytonaSnapshotState>().unwrap(),
        DaytonaSnapshotState::BuildFailed
    );
    assert_eq!(
        DaytonaSnapshotState::BuildFailed.to_string(),
        "build_failed"
    );
}

#[test]
fn unknown_state_values_are_rejected_naming_the_value() {
    let unknown = [
        "running",
        "Active",
        "ACTIVE",
        "BuildFailed",
        "buildFailed",
        "build-failed",
        " active",
        "active ",
        "",
    ];
    for value in unknown {
        match value.parse::<DaytonaSnapshotState>() {
            Ok(v) => panic!("FromStr({value:?}) must fail, gave {v:?}"),
            Err(e) => assert!(e.to_string().contains(value), "{value:?}: {e}"),
        }
        match serde_json::from_value::<DaytonaSnapshotState>(json!(value)) {
            Ok(v) => panic!("deserializing {value:?} must fail, gave {v:?}"),
            Err(e) => assert!(e.to_string().contains(value), "{value:?}: {e}"),
        }

        let e = parse_err(&with("/state", Some(json!(value))), value);
        assert!(e.contains(value), "{value:?}: {e}");
    }
    for not_a_string in [
        json!(3),
        json!(true),
        json!(["active"]),
        json!({"active": true}),
    ] {
        assert!(serde_json::from_value::<DaytonaSnapshotState>(not_a_string.clone()).is_err());
        parse_err(&with("/state", Some(not_a_string)), "state of wrong type");
    }
}

// ---------------------------------------------------------------------------------------------
// date-time
// ---------------------------------------------------------------------------------------------

#[test]
fn date_times_keep_their_offset_and_exact_text() {
    // (text, offset in seconds east of UTC, Unix timestamp, nanoseconds)
    let cases: [(&str, i32, i64, u32); 12] = [
        ("2024-01-15T10:30:00Z", 0, 1_705_314_600, 0),
        ("2024-01-15T10:30:00+05:30", 19_800, 1_705_294_800, 0),
        ("2024-01-15T10:30:00-08:00", -28_800, 1_705_343_400, 0),
        ("2024-01-15T10:30:00+00:00", 0, 1_705_314_600, 0),
        ("2024-01-15T10:30:00.123456Z", 0, 1_705_314_600, 123_456_000),
        ("2024-01-15T10:30:00.120Z", 0, 1_705_314_600, 120_000_000),
        (
            "2024-01-15T10:30:00.5+02:00",
            7_200,
            1_705_307_400,
            500_000_000,
        ),
        (
            "2024-01-15T10:30:00.000000001-03:30",
            -12_600,
            1_705_327_200,
            1,
        ),
        (
            "2024-01-15T10:30:00.999999999Z",
            0,
            1_705_314_600,
            999_999_999,
        ),
        ("2024-02-29T23:59:59+14:00", 50_400, 1_709_200_799, 0),
        ("2024-01-15t10:30:00z", 0, 1_705_314_600, 0),
        ("1970-01-01T00:00:00Z", 0, 0, 0),
    ];
    for (text, offset, timestamp, nanos) in cases {
        for pointer in DATE_TIME_POINTERS {
            let doc = with(pointer, Some(json!(text)));
            let s = parse_ok(&doc, &format!("{pointer} = {text}"));
            let b = s.build_info.as_ref().unwrap();
            let dt = match pointer {
                "/createdAt" => &s.created_at,
                "/updatedAt" => &s.updated_at,
                "/lastUsedAt" => s.last_used_at.as_ref().unwrap(),
                "/buildInfo/createdAt" => &b.created_at,
                "/buildInfo/updatedAt" => &b.updated_at,
                _ => unreachable!(),
            };
            assert_eq!(dt.to_string(), text, "{pointer}: text");
            assert_eq!(
                dt.offset().local_minus_utc(),
                offset,
                "{pointer} {text}: offset"
            );
            assert_eq!(dt.timestamp(), timestamp, "{pointer} {text}: timestamp");
            assert_eq!(
                dt.timestamp_subsec_nanos(),
                nanos,
                "{pointer} {text}: nanos"
            );
            let out = to_wire(&s);
            assert_eq!(
                out.pointer(pointer),
                Some(&json!(text)),
                "{pointer}: written back"
            );
            assert_eq!(out, doc);
        }
    }

    // Same instant, different offsets: equal as instants, different values and texts.
    let a = parse_ok(
        &with("/createdAt", Some(json!("2024-01-15T16:00:00+05:30"))),
        "a",
    );
    let b = parse_ok(
        &with("/createdAt", Some(json!("2024-01-15T10:30:00Z"))),
        "b",
    );
    assert_eq!(*a.created_at, *b.created_at);
    assert_ne!(a.created_at.to_string(), b.created_at.to_string());
    assert_eq!(a.created_at.to_string(), "2024-01-15T16:00:00+05:30");
    assert_ne!(a, b);
}

#[test]
fn invalid_date_times_are_rejected_naming_the_value() {
    let invalid = [
        "2023-02-30T00:00:00Z",
        "2023-02-29T12:00:00Z",
        "2024-04-31T12:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-00-10T00:00:00Z",
        "2024-01-00T00:00:00Z",
        "2024-01-15T25:00:00Z",
        "2024-01-15T24:00:00Z",
        "2024-01-15T10:60:00Z",
        "2024-01-15T10:30:61Z",
        "2024-01-15T10:30:00",
        "2024-01-15T10:30:00.123",
        "2024-01-15",
        "10:30:00Z",
        "2024-01-15 10:30:00Z",
        "2024-01-15T10:30:00+0530",
        "2024-01-15T10:30:00+05",
        "2024-01-15T10:30:00+24:00",
        "2024-01-15T10:30:00+05:60",
        "2024-1-15T10:30:00Z",
        "24-01-15T10:30:00Z",
        "2024-01-15T10:30Z",
        "2024-01-15T10:30:00.Z",
        "2024-01-15T10:30:00ZZ",
        "2024-01-15T10:30:00Z ",
        " 2024-01-15T10:30:00Z",
        "yesterday",
    ];
    let mut problems = Vec::new();
    for text in invalid {
        for pointer in DATE_TIME_POINTERS {
            match parse(&with(pointer, Some(json!(text)))) {
                Ok(s) => problems.push(format!(
                    "{pointer} = {text:?}: accepted, read back as {}",
                    to_wire(&s).pointer(pointer).unwrap()
                )),
                Err(e) if !e.to_string().contains(text) => {
                    problems.push(format!("{pointer} = {text:?}: error lacks the value: {e}"))
                }
                Err(_) => {}
            }
        }
    }
    for not_a_string in [json!(1_705_314_600), json!(true), json!({"seconds": 0})] {
        for pointer in DATE_TIME_POINTERS {
            if parse(&with(pointer, Some(not_a_string.clone()))).is_ok() {
                problems.push(format!("{pointer} = {not_a_string}: accepted"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// numbers
// ---------------------------------------------------------------------------------------------

#[test]
fn numbers_keep_integral_and_fractional_spelling() {
    let cases: [(&str, f64); 12] = [
        ("1", 1.0),
        ("0", 0.0),
        ("2", 2.0),
        ("-3", -3.0),
        ("1.5", 1.5),
        ("2.5", 2.5),
        ("-0.25", -0.25),
        ("0.1", 0.1),
        ("1048576", 1_048_576.0),
        ("123456789.125", 123_456_789.125),
        ("9007199254740992", 9_007_199_254_740_992.0),
        ("7.953125", 7.953_125),
    ];
    for (text, number) in cases {
        for member in NUMBER_MEMBERS {
            let value: Value = serde_json::from_str(text).unwrap();
            let doc = with(&format!("/{member}"), Some(value.clone()));
            let s = parse_ok(&doc, &format!("{member} = {text}"));
            let got = match member {
                "size" => s.size.unwrap(),
                "cpu" => s.cpu,
                "gpu" => s.gpu,
                "mem" => s.mem,
                "disk" => s.disk,
                _ => unreachable!(),
            };
            assert_eq!(got, number, "{member} = {text}");
            let written = serde_json::to_string(&s).unwrap();
            // Every number member is followed by another member on output.
            let needle = format!("\"{member}\":{text},");
            assert!(
                written.contains(&needle),
                "{member} = {text}: expected {needle} in {written}"
            );
            assert_eq!(to_wire(&s), doc, "{member} = {text}");
            assert_eq!(
                serde_json::to_value(&s).unwrap()[member],
                value,
                "{member} = {text}"
            );
        }
    }

    // Set in code: integral values are written without a fraction.
    let mut s = parse_ok(&base(), "BASE");
    s.cpu = 4.0;
    s.mem = 0.5;
    s.size = Some(10.0);
    let written = serde_json::to_string(&s).unwrap();
    assert!(written.contains("\"cpu\":4,"), "{written}");
    assert!(written.contains("\"mem\":0.5,"), "{written}");
    assert!(written.contains("\"size\":10,"), "{written}");
    assert_eq!(serde_json::to_value(&s).unwrap()["cpu"].as_u64(), Some(4));
}

#[test]
fn non_numbers_are_rejected_for_number_members() {
    let mut problems = Vec::new();
    for member in NUMBER_MEMBERS {
        for (bad, needle) in [
            (json!("2"), "\"2\""),
            (json!("1.5 GB"), "1.5 GB"),
            (json!(true), "true"),
            (json!([1]), ""),
            (json!({"value": 1}), ""),
        ] {
            match parse(&with(&format!("/{member}"), Some(bad.clone()))) {
                Ok(_) => problems.push(format!("{member} = {bad}: accepted")),
                Err(e) if !e.to_string().contains(needle) => {
                    problems.push(format!("{member} = {bad}: error lacks {needle:?}: {e}"))
                }
                Err(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Arrays, strings, root shape
// ---------------------------------------------------------------------------------------------

#[test]
fn arrays_and_strings_are_checked() {
    let mut problems = Vec::new();
    let wrong = [
        ("/entrypoint", json!("sleep infinity")),
        ("/entrypoint", json!(["sleep", null])),
        ("/entrypoint", json!([["sleep"]])),
        ("/regionIds", json!("us")),
        ("/regionIds", json!([1])),
        ("/buildInfo/contextHashes", json!([{"hash": "abc"}])),
        ("/id", json!(7)),
        ("/name", json!(["a"])),
        ("/general", json!(0)),
        ("/general", json!("false")),
        ("/errorReason", json!(500)),
        ("/buildInfo", json!([])),
        ("/buildInfo/snapshotRef", json!(1)),
    ];
    for (pointer, value) in wrong {
        if let Ok(s) = parse(&with(pointer, Some(value.clone()))) {
            problems.push(format!("{pointer} = {value}: accepted as {}", to_wire(&s)));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));

    for root in [json!([]), json!("snapshot"), json!(null), json!(1)] {
        assert!(parse(&root).is_err(), "root {root} accepted");
    }
    // An array of snapshots is a list response.
    let list = json!([base(), base()]);
    let v: Vec<DaytonaSnapshot> = serde_json::from_value(list.clone()).unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(to_wire(&v), list);
}

// ---------------------------------------------------------------------------------------------
// Compile-time contract
// ---------------------------------------------------------------------------------------------

fn assert_traits<T: Copy + Eq + std::hash::Hash + std::fmt::Display + std::str::FromStr>() {}

fn assert_common<
    T: std::fmt::Debug + Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned,
>() {
}

#[test]
fn types_pin_the_contract_at_compile_time() {
    assert_traits::<DaytonaSnapshotState>();
    assert_common::<DaytonaSnapshot>();
    assert_common::<DaytonaSnapshotState>();
    assert_common::<DaytonaSnapshotBuildInfo>();
    let _: &[DaytonaSnapshotState; 8] = &DaytonaSnapshotState::ALL;
    let _: &'static str = DaytonaSnapshotState::Removing.as_str();
    let e = "running".parse::<DaytonaSnapshotState>().unwrap_err();
    let _: &dyn std::fmt::Display = &e;

    let s = parse_ok(&base(), "BASE");
    // Exhaustive destructuring: no field is missing and none is extra.
    let DaytonaSnapshot {
        id,
        organization_id,
        general,
        name,
        image_name,
        state,
        size,
        entrypoint,
        cpu,
        gpu,
        mem,
        disk,
        error_reason,
        created_at,
        updated_at,
        last_used_at,
        build_info,
        region_ids,
        initial_runner_id,
        r#ref,
        additional_properties,
    } = s.clone();
    let _: String = id;
    let _: Option<String> = organization_id;
    let _: bool = general;
    let _: String = name;
    let _: Option<String> = image_name;
    let _: DaytonaSnapshotState = state;
    let _: Option<f64> = size;
    let _: Option<Vec<String>> = entrypoint;
    let _: f64 = cpu;
    let _: f64 = gpu;
    let _: f64 = mem;
    let _: f64 = disk;
    let _: Option<String> = error_reason;
    let _: json_structure_runtime::DateTime = created_at;
    let _: json_structure_runtime::DateTime = updated_at;
    let _: Option<json_structure_runtime::DateTime> = last_used_at;
    let _: Option<Vec<String>> = region_ids;
    let _: Option<String> = initial_runner_id;
    let _: Option<String> = r#ref;
    let _: json_structure_runtime::IndexMap<String, Value> = additional_properties;
    let _: Option<DaytonaSnapshotBuildInfo> = build_info.clone();

    let DaytonaSnapshotBuildInfo {
        dockerfile_content,
        context_hashes,
        created_at: b_created_at,
        updated_at: b_updated_at,
        snapshot_ref,
        additional_properties: b_additional,
    } = build_info.unwrap();
    let _: Option<String> = dockerfile_content;
    let _: Option<Vec<String>> = context_hashes;
    let _: json_structure_runtime::DateTime = b_created_at;
    let _: json_structure_runtime::DateTime = b_updated_at;
    let _: String = snapshot_ref;
    let _: json_structure_runtime::IndexMap<String, Value> = b_additional;

    // DateTime derefs to chrono's DateTime<FixedOffset>.
    use json_structure_runtime::chrono::{DateTime, FixedOffset};
    let chrono_value: &DateTime<FixedOffset> = &s.created_at;
    assert_eq!(chrono_value.timestamp(), 1_742_296_953);
    assert_eq!(s.updated_at.offset().local_minus_utc(), 19_800);
}

#[test]
fn a_snapshot_built_in_code_serializes_to_the_contract() {
    let date_time = |text: &str| -> json_structure_runtime::DateTime {
        serde_json::from_value(json!(text)).unwrap()
    };
    let s = DaytonaSnapshot {
        id: "snap-1".to_owned(),
        organization_id: None,
        general: true,
        name: "python:3.12".to_owned(),
        image_name: None,
        state: DaytonaSnapshotState::BuildFailed,
        size: None,
        entrypoint: None,
        cpu: 1.0,
        gpu: 0.0,
        mem: 2.5,
        disk: 3.0,
        error_reason: None,
        created_at: date_time("2025-01-15T10:30:00+05:30"),
        updated_at: date_time("2025-01-15T10:30:00.100Z"),
        last_used_at: None,
        build_info: Some(DaytonaSnapshotBuildInfo {
            dockerfile_content: None,
            context_hashes: Some(vec![]),
            created_at: date_time("2025-01-15T10:30:00-08:00"),
            updated_at: date_time("2025-01-15T10:30:00Z"),
            snapshot_ref: "python:3.12".to_owned(),
            additional_properties: Default::default(),
        }),
        region_ids: None,
        initial_runner_id: None,
        r#ref: Some("cr.app.daytona.io/sbox/python:3.12".to_owned()),
        additional_properties: Default::default(),
    };
    let expected = json!({
        "id": "snap-1",
        "general": true,
        "name": "python:3.12",
        "state": "build_failed",
        "size": null,
        "entrypoint": null,
        "cpu": 1,
        "gpu": 0,
        "mem": 2.5,
        "disk": 3,
        "errorReason": null,
        "createdAt": "2025-01-15T10:30:00+05:30",
        "updatedAt": "2025-01-15T10:30:00.100Z",
        "lastUsedAt": null,
        "buildInfo": {
            "contextHashes": [],
            "createdAt": "2025-01-15T10:30:00-08:00",
            "updatedAt": "2025-01-15T10:30:00Z",
            "snapshotRef": "python:3.12"
        },
        "ref": "cr.app.daytona.io/sbox/python:3.12"
    });
    assert_eq!(to_wire(&s), expected);
    assert_eq!(parse_ok(&expected, "built in code"), s);
    let copy = s.clone();
    assert_eq!(copy, s);
    assert!(format!("{s:?}").contains("BuildFailed"));
}
