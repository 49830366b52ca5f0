//! Step (a): run the generator in-process, in lenient mode, on every schema file.
//!
//! Each call is wrapped in `catch_unwind` (a panic is OUR defect, with the file name). The
//! calls run in worker processes (`sweep __gen-worker`) so that what `catch_unwind` cannot
//! catch (a stack overflow, an abort) or a hang is still recorded against its file, and the
//! sweep goes on with the next one.

use std::io::{BufRead, BufReader, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use json_structure_codegen::{Config, Error, Mode, Severity};
use serde_json::{json, Value};

/// What generating one file gave.
#[derive(Debug, Clone)]
pub struct GenResult {
    pub idx: usize,
    /// `ok`, `error` (diagnostic), `internal` (generated code did not parse: our defect),
    /// `panic`, `crash` (the worker died), `hang` (timeout), `io`.
    pub status: String,
    pub root_type: Option<String>,
    /// The generated code (when `ok`), written by the worker.
    pub code_path: Option<PathBuf>,
    pub code_bytes: usize,
    /// (message, pointer)
    pub warnings: Vec<(String, String)>,
    /// Error diagnostics: (message, pointer, line, column, help).
    pub errors: Vec<(String, String, usize, usize, Option<String>)>,
    /// Rendered error / panic message.
    pub text: String,
    pub millis: u128,
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let msg = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "(non-string panic payload)".to_string()
        };
        let loc = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut slot) = LAST_PANIC.lock() {
            *slot = Some(format!("{msg}{loc}"));
        }
    }));
}

fn generate_one(idx: usize, path: &Path, out_dir: &Path) -> Value {
    let started = Instant::now();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let mut config = Config::new();
        config.mode(Mode::Lenient);
        config.generate_file(path)
    }));
    let millis = started.elapsed().as_millis();
    match outcome {
        Ok(Ok(generated)) => {
            let code_path = out_dir.join(format!("{idx:05}.rs"));
            if let Err(e) = std::fs::write(&code_path, &generated.code) {
                return json!({"idx": idx, "status": "io", "text": format!("cannot write {}: {e}", code_path.display()), "millis": millis});
            }
            let warnings: Vec<Value> = generated
                .warnings
                .iter()
                .map(|w| json!([w.message, w.pointer]))
                .collect();
            json!({
                "idx": idx, "status": "ok", "root_type": generated.root_type,
                "code_path": code_path, "code_bytes": generated.code.len(),
                "warnings": warnings, "millis": millis,
            })
        }
        Ok(Err(error)) => {
            let status = match &error {
                Error::Schema(_) | Error::Schemas(_) => "error",
                Error::Internal { .. } => "internal",
                Error::Io { .. } => "io",
                Error::Usage(_) => "usage",
            };
            let errors: Vec<Value> = error
                .diagnostics()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| json!([d.message, d.pointer, d.line, d.column, d.help]))
                .collect();
            json!({"idx": idx, "status": status, "errors": errors, "text": error.to_string(), "millis": millis})
        }
        Err(_) => {
            let msg = LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut s| s.take())
                .unwrap_or_else(|| "panic".into());
            json!({"idx": idx, "status": "panic", "text": msg, "millis": millis})
        }
    }
}

/// `sweep __gen-worker TASKS OUT_DIR`: TASKS has `idx<TAB>path` lines. Prints `B idx` before
/// each file and `R {json}` after it.
pub fn worker_main(tasks: &Path, out_dir: &Path) -> i32 {
    install_panic_hook();
    let text = match std::fs::read_to_string(tasks) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {}: {e}", tasks.display());
            return 3;
        }
    };
    let stdout = std::io::stdout();
    for line in text.lines() {
        let Some((idx, path)) = line.split_once('\t') else {
            continue;
        };
        let Ok(idx) = idx.parse::<usize>() else {
            continue;
        };
        {
            let mut out = stdout.lock();
            let _ = writeln!(out, "B {idx}");
            let _ = out.flush();
        }
        // The generator runs on a thread with the stack a build script's main thread has.
        let path = PathBuf::from(path);
        let dir = out_dir.to_path_buf();
        let handle = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || generate_one(idx, &path, &dir));
        let result = match handle {
            Ok(h) => h.join().unwrap_or_else(|_| json!({"idx": idx, "status": "panic", "text": "thread panicked outside catch_unwind"})),
            Err(e) => json!({"idx": idx, "status": "io", "text": format!("cannot spawn thread: {e}")}),
        };
        let mut out = stdout.lock();
        let _ = writeln!(out, "R {result}");
        let _ = out.flush();
    }
    0
}

fn parse_result(v: &Value) -> GenResult {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let pairs = |k: &str| -> Vec<(String, String)> {
        v.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|w| {
                        (
                            w.get(0).and_then(Value::as_str).unwrap_or("").to_string(),
                            w.get(1).and_then(Value::as_str).unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let errors = v
        .get("errors")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d.get(0).and_then(Value::as_str).unwrap_or("").to_string(),
                        d.get(1).and_then(Value::as_str).unwrap_or("").to_string(),
                        d.get(2).and_then(Value::as_u64).unwrap_or(0) as usize,
                        d.get(3).and_then(Value::as_u64).unwrap_or(0) as usize,
                        d.get(4).and_then(Value::as_str).map(str::to_string),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    GenResult {
        idx: v.get("idx").and_then(Value::as_u64).unwrap_or(0) as usize,
        status: s("status").unwrap_or_else(|| "io".into()),
        root_type: s("root_type"),
        code_path: s("code_path").map(PathBuf::from),
        code_bytes: v.get("code_bytes").and_then(Value::as_u64).unwrap_or(0) as usize,
        warnings: pairs("warnings"),
        errors,
        text: s("text").unwrap_or_default(),
        millis: v.get("millis").and_then(Value::as_u64).unwrap_or(0) as u128,
    }
}

fn failed(idx: usize, status: &str, text: String) -> GenResult {
    GenResult {
        idx,
        status: status.into(),
        root_type: None,
        code_path: None,
        code_bytes: 0,
        warnings: Vec::new(),
        errors: Vec::new(),
        text,
        millis: 0,
    }
}

/// Runs the worker over `tasks` (idx, path), restarting it after a crash or hang.
fn supervise(
    exe: &Path,
    tasks: Vec<(usize, PathBuf)>,
    scratch: &Path,
    slot: usize,
    out_dir: &Path,
    timeout: Duration,
) -> Vec<GenResult> {
    let mut results = Vec::new();
    let mut remaining = tasks;
    let mut round = 0;
    while !remaining.is_empty() {
        round += 1;
        let task_file = scratch.join(format!("gen-tasks-{slot}-{round}.tsv"));
        let body: String = remaining
            .iter()
            .map(|(i, p)| format!("{i}\t{}\n", p.display()))
            .collect();
        if let Err(e) = std::fs::write(&task_file, body) {
            for (i, _) in &remaining {
                results.push(failed(*i, "io", format!("cannot write task file: {e}")));
            }
            break;
        }
        let child = Command::new(exe)
            .arg("__gen-worker")
            .arg(&task_file)
            .arg(out_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match child {
            Ok(c) => c,
            Err(e) => {
                for (i, _) in &remaining {
                    results.push(failed(*i, "io", format!("cannot start worker: {e}")));
                }
                break;
            }
        };
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            if let Some(out) = stdout {
                for line in BufReader::new(out).lines() {
                    match line {
                        Ok(l) => {
                            if tx.send(l).is_err() {
                                break;
                            }
                        }
                        Err(_) => break,
                    }
                }
            }
        });
        let err_reader = std::thread::spawn(move || {
            let mut buf = String::new();
            if let Some(mut e) = stderr {
                let _ = std::io::Read::read_to_string(&mut e, &mut buf);
            }
            buf
        });
        let mut current: Option<usize> = None;
        let mut done: std::collections::HashSet<usize> = std::collections::HashSet::new();
        let mut hung = false;
        loop {
            match rx.recv_timeout(timeout) {
                Ok(line) => {
                    if let Some(i) = line.strip_prefix("B ") {
                        current = i.trim().parse().ok();
                    } else if let Some(j) = line.strip_prefix("R ") {
                        if let Ok(v) = serde_json::from_str::<Value>(j) {
                            let r = parse_result(&v);
                            done.insert(r.idx);
                            results.push(r);
                        }
                        current = None;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    hung = true;
                    let _ = child.kill();
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        let status = child.wait();
        let _ = reader.join();
        let stderr_text = err_reader.join().unwrap_or_default();
        let _ = std::fs::remove_file(&task_file);
        if let Some(cur) = current {
            let text = if hung {
                format!("generation did not finish within {}s", timeout.as_secs())
            } else {
                let tail: String = stderr_text
                    .lines()
                    .rev()
                    .take(3)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join(" | ");
                format!("worker died ({:?}): {tail}", status.as_ref().ok())
            };
            done.insert(cur);
            results.push(failed(cur, if hung { "hang" } else { "crash" }, text));
        }
        let before = remaining.len();
        remaining.retain(|(i, _)| !done.contains(i));
        if remaining.len() == before {
            // No progress and no culprit: give up on the rest rather than loop.
            for (i, _) in &remaining {
                results.push(failed(
                    *i,
                    "crash",
                    format!("worker made no progress: {stderr_text}"),
                ));
            }
            break;
        }
    }
    results
}

/// Generates every file, `jobs` worker processes at a time.
pub fn generate_all(
    files: &[(usize, PathBuf)],
    scratch: &Path,
    jobs: usize,
    timeout: Duration,
) -> Result<Vec<GenResult>, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find own executable: {e}"))?;
    let out_dir = scratch.join("gen");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let jobs = jobs.max(1);
    // Interleave so that every worker gets a share of the large files.
    let mut slices: Vec<Vec<(usize, PathBuf)>> = vec![Vec::new(); jobs];
    for (n, task) in files.iter().enumerate() {
        slices[n % jobs].push(task.clone());
    }
    let mut results = Vec::new();
    std::thread::scope(|s| {
        let handles: Vec<_> = slices
            .into_iter()
            .enumerate()
            .map(|(slot, slice)| {
                let exe = exe.clone();
                let out_dir = out_dir.clone();
                s.spawn(move || supervise(&exe, slice, scratch, slot, &out_dir, timeout))
            })
            .collect();
        for h in handles {
            if let Ok(r) = h.join() {
                results.extend(r);
            }
        }
    });
    results.sort_by_key(|r| r.idx);
    Ok(results)
}
