//! The example prints what a user would expect for the bundled response body.

use std::process::Command;

#[test]
fn summarises_the_bundled_response() {
    let out = Command::new(env!("CARGO_BIN_EXE_daytona-client-example"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/data/snapshots.json"))
        .output()
        .expect("run the example");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("daytonaio/sandbox:0.4.3 is ready (2 CPU, 4 GiB RAM, 10 GiB disk; last used 2025-06-30T18:05:12+02:00)"), "{stdout}");
    assert!(
        stdout.contains("my-python-env failed: Dockerfile: step 4/7"),
        "{stdout}"
    );
    assert!(
        stdout.contains("node-20 is not ready yet (pulling, since 2025-07-02T08:00:00-07:00)"),
        "{stdout}"
    );
    assert!(stdout.contains("1 of 3 snapshots ready"), "{stdout}");
}

#[test]
fn reports_a_bad_body_with_pointers() {
    let dir = std::env::temp_dir().join("daytona-client-example-test");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"[{"id": "x", "state": "running"}]"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_daytona-client-example"))
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/0/"), "{stderr}");
}
