//! The command-line interface: success and failure paths, as a user meets them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_json-structure-codegen"))
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/daytona-snapshot.struct.json")
}

fn run(cmd: &mut Command) -> (Output, String, String) {
    let out = cmd.output().expect("run json-structure-codegen");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

#[test]
fn generate_prints_rust_for_the_seed() {
    let (out, stdout, stderr) = run(bin().arg("generate").arg(seed()));
    assert!(out.status.success(), "stderr: {stderr}");
    assert!(stdout.contains("pub struct DaytonaSnapshot {"));
    assert!(stdout.contains("pub enum DaytonaSnapshotState {"));
    assert!(stdout.contains("pub struct DaytonaSnapshotBuildInfo {"));
    syn::parse_file(&stdout).expect("output is valid Rust");
}

#[test]
fn generate_writes_the_output_file() {
    let dir = scratch("output-file");
    let target = dir.join("snapshot.rs");
    let (out, stdout, stderr) = run(bin().arg("generate").arg(seed()).arg("-o").arg(&target));
    assert!(out.status.success(), "stderr: {stderr}");
    assert!(stdout.is_empty(), "nothing on stdout with -o");
    let written = std::fs::read_to_string(&target).expect("output written");
    let (_, printed, _) = run(bin().arg("generate").arg(seed()));
    assert_eq!(written, printed, "-o writes exactly what stdout shows");
}

#[test]
fn a_bad_schema_fails_with_file_line_and_pointer() {
    let dir = scratch("bad-schema");
    let schema = dir.join("bad.struct.json");
    std::fs::write(
        &schema,
        "{\n  \"name\": \"Bad\",\n  \"type\": \"object\",\n  \"properties\": {\n    \"when\": {\"type\": \"datetim\"}\n  }\n}\n",
    )
    .unwrap();
    let (out, stdout, stderr) = run(bin().arg("generate").arg(&schema));
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("unknown type \"datetim\""), "{stderr}");
    assert!(stderr.contains("bad.struct.json:5:22"), "{stderr}");
    assert!(stderr.contains("/properties/when/type"), "{stderr}");
    assert!(stderr.contains("did you mean \"datetime\"?"), "{stderr}");
}

#[test]
fn invalid_json_is_reported_not_panicked() {
    let dir = scratch("invalid-json");
    let schema = dir.join("broken.struct.json");
    std::fs::write(&schema, "{\"name\": \"X\", \"type\": ").unwrap();
    let (out, _, stderr) = run(bin().arg("generate").arg(&schema));
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("broken.struct.json:1:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_missing_file_is_an_io_error() {
    let (out, _, stderr) = run(bin().arg("generate").arg("does-not-exist.struct.json"));
    assert_eq!(out.status.code(), Some(3), "stderr: {stderr}");
    assert!(stderr.contains("does-not-exist.struct.json"), "{stderr}");
}

#[test]
fn help_explains_every_subcommand_and_flag() {
    let (out, stdout, _) = run(bin().arg("--help"));
    assert!(out.status.success());
    for word in ["generate", "check", "lint"] {
        assert!(stdout.contains(word), "--help lists {word}");
    }
    let (out, stdout, _) = run(bin().args(["generate", "--help"]));
    assert!(out.status.success());
    for flag in [
        "--output",
        "--lenient",
        "--strict",
        "--lenient-numbers",
        "--no-capture-additional",
        "<SCHEMA>",
    ] {
        assert!(
            stdout.contains(flag),
            "generate --help documents {flag}:\n{stdout}"
        );
    }
    for sub in ["check", "lint"] {
        let (out, stdout, _) = run(bin().args([sub, "--help"]));
        assert!(out.status.success(), "{sub} --help");
        assert!(stdout.contains("Usage:"), "{sub} --help:\n{stdout}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let (out, _, stderr) = run(bin().arg("generate"));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let (out, _, _) = run(bin().arg("frobnicate"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_passes_on_fresh_output_and_fails_with_a_diff_on_stale() {
    let dir = scratch("check");
    let committed = dir.join("snapshot.rs");
    let (out, _, _) = run(bin().arg("generate").arg(seed()).arg("-o").arg(&committed));
    assert!(out.status.success());
    let (out, _, stderr) = run(bin().arg("check").arg(seed()).arg(&committed));
    assert!(out.status.success(), "{stderr}");

    let text = std::fs::read_to_string(&committed).unwrap();
    std::fs::write(&committed, text.replace("pub cpu: f64", "pub cpu: f32")).unwrap();
    let (out, stdout, stderr) = run(bin().arg("check").arg(seed()).arg(&committed));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains("-    pub cpu: f32") || stdout.contains("-    pub cpu: f32,"),
        "{stdout}"
    );
    assert!(stdout.contains("+    pub cpu: f64"), "{stdout}");
    assert!(
        stderr.contains("json-structure-codegen generate"),
        "{stderr}"
    );
}

#[test]
fn lint_reports_without_generating() {
    let (out, stdout, stderr) = run(bin().arg("lint").arg(seed()));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.is_empty());
}

#[test]
fn config_options_are_flags_too() {
    let (out, stdout, stderr) = run(bin()
        .args([
            "generate",
            "--open-enums",
            "--non-exhaustive",
            "--derive",
            "Eq",
            "--map-type",
            "btreemap",
            "--date-time",
            "chrono",
            "--type-attribute",
            "DaytonaSnapshotBuildInfo=doc(alias = \"Build\")",
        ])
        .arg(seed()));
    assert!(out.status.success(), "{stderr}");
    for expected in [
        "Other(String)",
        "#[non_exhaustive]",
        "#[derive(Eq)]",
        "::chrono::DateTime<::chrono::FixedOffset>",
        "#[doc(alias = \"Build\")]",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?}");
    }
    let (out, _, stderr) = run(bin()
        .args(["generate", "--type-override", "no-equals-sign"])
        .arg(seed()));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("expected POINTER=PATH"), "{stderr}");
}
