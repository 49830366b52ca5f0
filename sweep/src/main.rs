//! The corpus sweep: generate every api-evangelist `json-structure/*.json` in lenient mode,
//! compile the results in batches, deserialize every example that has a matching structure
//! file, classify every rejection, and print a table (see ../SWEEP.md).

mod batch;
mod classify;
mod corpus;
mod gen;
mod refcheck;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::classify::{Class, Verdict};

const USAGE: &str = "\
usage: sweep [--corpus DIR] [--subset ci|FILE] [--jobs N] [--out DIR] [--batch N]
             [--batch-bytes BYTES] [--report FILE] [--markdown FILE] [--check] [--keep]
             [--provider NAME]... [--limit N] [--timeout SECS]
       sweep --write-ci-subset [--corpus DIR]

  --corpus DIR     the api-evangelist corpus (default: ../../shared/corpus/api-evangelist
                   relative to this package)
  --subset ci      only the files listed in sweep/ci-subset.txt (or a FILE of such lines)
  --jobs N         generator worker processes, and cargo -j (default 2)
  --out DIR        scratch directory (default: $CARGO_TARGET_DIR/sweep-scratch)
  --batch N        at most N schema files per scratch crate (default 300)
  --batch-bytes B  at most B bytes of generated code per scratch crate (default 1500000)
  --report FILE    machine-readable report (default: OUT/report.json)
  --markdown FILE  the tables as Markdown (default: OUT/summary.md)
  --check          exit 1 if any file panics (or crashes/hangs), any generated file fails
                   to compile, any example rejection is a defect or unexplained, a schema
                   is rejected with a diagnostic no rule classifies, or a non-schema file
                   is accepted without an error
  --keep           keep batch crates and their build artifacts
";

struct Opts {
    corpus: PathBuf,
    subset: Option<String>,
    jobs: usize,
    out: PathBuf,
    batch: usize,
    batch_bytes: usize,
    report: Option<PathBuf>,
    markdown: Option<PathBuf>,
    check: bool,
    keep: bool,
    providers: Vec<String>,
    limit: Option<usize>,
    timeout: u64,
    write_subset: bool,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn default_target_dir() -> PathBuf {
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(t);
    }
    // <target>/debug/sweep
    std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().and_then(Path::parent).map(Path::to_path_buf))
        .unwrap_or_else(|| manifest_dir().join("target"))
}

fn parse_args(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        corpus: manifest_dir().join("../../shared/corpus/api-evangelist"),
        subset: None,
        jobs: 2,
        out: default_target_dir().join("sweep-scratch"),
        batch: 300,
        batch_bytes: 1_500_000,
        report: None,
        markdown: None,
        check: false,
        keep: false,
        providers: Vec::new(),
        limit: None,
        timeout: 300,
        write_subset: false,
    };
    let mut i = 0;
    let value = |i: &mut usize| -> Result<String, String> {
        *i += 1;
        args.get(*i)
            .cloned()
            .ok_or_else(|| format!("{} needs a value", args[*i - 1]))
    };
    let number = |s: String| -> Result<usize, String> {
        s.parse::<usize>().map_err(|_| format!("not a number: {s}"))
    };
    while i < args.len() {
        match args[i].as_str() {
            "--corpus" => o.corpus = PathBuf::from(value(&mut i)?),
            "--subset" => o.subset = Some(value(&mut i)?),
            "--jobs" | "-j" => o.jobs = number(value(&mut i)?)?.max(1),
            "--out" => o.out = PathBuf::from(value(&mut i)?),
            "--batch" => o.batch = number(value(&mut i)?)?.max(1),
            "--batch-bytes" => o.batch_bytes = number(value(&mut i)?)?.max(1),
            "--report" => o.report = Some(PathBuf::from(value(&mut i)?)),
            "--markdown" => o.markdown = Some(PathBuf::from(value(&mut i)?)),
            "--check" => o.check = true,
            "--keep" => o.keep = true,
            "--provider" => o.providers.push(value(&mut i)?),
            "--limit" => o.limit = Some(number(value(&mut i)?)?),
            "--timeout" => o.timeout = number(value(&mut i)?)? as u64,
            "--write-ci-subset" => o.write_subset = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
        i += 1;
    }
    Ok(o)
}

const CI_SUBSET_K: usize = 20;

/// Starts the hand-kept tail of `ci-subset.txt`, which `--write-ci-subset` preserves.
const PINNED_MARKER: &str = "# Pinned by hand";

fn subset_file() -> PathBuf {
    manifest_dir().join("ci-subset.txt")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("__gen-worker") && args.len() == 4 {
        std::process::exit(gen::worker_main(Path::new(&args[2]), Path::new(&args[3])));
    }
    let opts = match parse_args(&args[1..]) {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprint!("{USAGE}");
            std::process::exit(if e.is_empty() { 0 } else { 2 });
        }
    };
    match run(&opts) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(3);
        }
    }
}

/// One schema file's outcome.
struct FileRec {
    shaped: bool,
    parsed: Option<Value>,
    gen: Option<gen::GenResult>,
    diag: Option<classify::DiagVerdict>,
    compile: Option<batch::ModuleOutcome>,
}

/// One example's outcome.
struct ExampleRec {
    schema: usize,
    path: String,
    status: String,
    not_run: Option<String>,
    verdict: Option<Verdict>,
    violations: Vec<(String, String, String)>,
    round_trip_equal: Option<bool>,
    accepted_findings: Vec<refcheck::Finding>,
    text: String,
}

fn run(o: &Opts) -> Result<i32, String> {
    let started = Instant::now();
    let corpus_root = o
        .corpus
        .canonicalize()
        .map_err(|e| format!("corpus {}: {e}", o.corpus.display()))?;
    let mut corpus = corpus::Corpus::load(&corpus_root)?;
    if o.write_subset {
        let list = corpus::ci_subset(&corpus, CI_SUBSET_K);
        let mut text = format!(
            "# CI subset of the corpus sweep: per provider, the first 3 structure files in name order\n\
             # plus every {CI_SUBSET_K}th (the 0th, {CI_SUBSET_K}th, ...). Regenerate with `sweep --write-ci-subset`\n\
             # only on purpose: CI results are comparable only while this list stays fixed.\n"
        );
        for l in &list {
            text.push_str(l);
            text.push('\n');
        }
        // Files pinned by hand (regression checks for fixed defects) are kept.
        if let Ok(old) = std::fs::read_to_string(subset_file()) {
            if let Some(at) = old.find(PINNED_MARKER) {
                text.push('\n');
                text.push_str(&old[at..]);
            }
        }
        std::fs::write(subset_file(), text)
            .map_err(|e| format!("cannot write {}: {e}", subset_file().display()))?;
        eprintln!(
            "wrote {} files ({} providers) to {}",
            list.len(),
            corpus.providers.len(),
            subset_file().display()
        );
        return Ok(0);
    }
    let total_providers = corpus.providers.len();
    if let Some(subset) = &o.subset {
        let file = if subset == "ci" {
            subset_file()
        } else {
            PathBuf::from(subset)
        };
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read subset {}: {e}", file.display()))?;
        let list: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        corpus.restrict(&list)?;
    }
    if !o.providers.is_empty() {
        corpus.schemas.retain(|s| o.providers.contains(&s.provider));
        corpus.providers.retain(|p| o.providers.contains(p));
    }
    if let Some(n) = o.limit {
        corpus.schemas.truncate(n);
    }
    std::fs::create_dir_all(&o.out)
        .map_err(|e| format!("cannot create {}: {e}", o.out.display()))?;
    let out = o.out.canonicalize().map_err(|e| e.to_string())?;
    let gen_dir = out.join("gen");
    if gen_dir.exists() {
        let _ = std::fs::remove_dir_all(&gen_dir);
    }
    eprintln!(
        "sweep: {} structure files from {} providers in {}",
        corpus.schemas.len(),
        corpus.providers.len(),
        corpus_root.display()
    );

    // (a) generate
    let mut files: Vec<FileRec> = corpus
        .schemas
        .iter()
        .map(|s| {
            let parsed = std::fs::read_to_string(&s.path)
                .ok()
                .and_then(|t| serde_json::from_str::<Value>(&t).ok());
            FileRec {
                shaped: parsed.as_ref().is_some_and(corpus::is_schema_shaped),
                parsed,
                gen: None,
                diag: None,
                compile: None,
            }
        })
        .collect();
    let tasks: Vec<(usize, PathBuf)> = corpus
        .schemas
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.path.clone()))
        .collect();
    let t_gen = Instant::now();
    let results = gen::generate_all(&tasks, &out, o.jobs, Duration::from_secs(o.timeout))?;
    let gen_secs = t_gen.elapsed().as_secs_f64();
    for r in results {
        let i = r.idx;
        files[i].gen = Some(r);
    }
    for f in files.iter_mut() {
        let Some(g) = &f.gen else { continue };
        if g.status == "error" && f.shaped {
            let (msg, ptr) = g
                .errors
                .first()
                .map(|e| (e.0.as_str(), e.1.as_str()))
                .unwrap_or(("", ""));
            f.diag = Some(classify::diagnostic_verdict(f.parsed.as_ref(), msg, ptr));
        }
    }
    eprintln!("sweep: generated in {gen_secs:.1}s");

    // (b) + (c) compile in batches and run the examples
    let mut modules: Vec<batch::Module> = Vec::new();
    let mut example_paths: Vec<(usize, String)> = Vec::new();
    for (i, s) in corpus.schemas.iter().enumerate() {
        for e in &s.examples {
            example_paths.push((i, e.clone()));
        }
    }
    for (i, f) in files.iter().enumerate() {
        let Some(g) = &f.gen else { continue };
        if g.status != "ok" {
            continue;
        }
        let Some(code_path) = &g.code_path else {
            continue;
        };
        let examples: Vec<(usize, PathBuf)> = example_paths
            .iter()
            .enumerate()
            .filter(|(_, (s, _))| *s == i)
            .map(|(id, (_, p))| (id, corpus_root.join(p)))
            .collect();
        modules.push(batch::Module {
            idx: i,
            code_path: code_path.clone(),
            root_type: g.root_type.clone(),
            examples,
        });
    }
    let mut batches: Vec<Vec<batch::Module>> = Vec::new();
    let mut cur: Vec<batch::Module> = Vec::new();
    let mut cur_bytes = 0usize;
    for m in modules {
        let bytes = files[m.idx].gen.as_ref().map_or(0, |g| g.code_bytes);
        if !cur.is_empty() && (cur.len() >= o.batch || cur_bytes + bytes > o.batch_bytes) {
            batches.push(std::mem::take(&mut cur));
            cur_bytes = 0;
        }
        cur_bytes += bytes;
        cur.push(m);
    }
    if !cur.is_empty() {
        batches.push(cur);
    }
    let builder = batch::Builder {
        scratch: out.clone(),
        target_dir: out.join("target"),
        runtime_path: manifest_dir()
            .join("../runtime")
            .canonicalize()
            .map_err(|e| format!("runtime crate: {e}"))?,
        lock_file: Some(manifest_dir().join("../Cargo.lock")).filter(|p| p.exists()),
        jobs: o.jobs,
        keep: o.keep,
    };
    let t_build = Instant::now();
    let mut runs: BTreeMap<usize, batch::ExampleRun> = BTreeMap::new();
    let mut builds = 0;
    let (mut build_secs, mut run_secs) = (0.0, 0.0);
    for (n, b) in batches.iter().enumerate() {
        let t = Instant::now();
        let r = builder.run_batch(n, b);
        builds += r.builds;
        build_secs += r.build_secs;
        run_secs += r.run_secs;
        let failed = r
            .modules
            .values()
            .filter(|m| m.compile_error.is_some())
            .count();
        eprintln!(
            "sweep: batch {}/{}: {} files, {} failed to compile, {} examples, {} build(s), {:.1}s",
            n + 1,
            batches.len(),
            b.len(),
            failed,
            r.examples.len(),
            r.builds,
            t.elapsed().as_secs_f64()
        );
        for (idx, m) in r.modules {
            files[idx].compile = Some(m);
        }
        for e in r.examples {
            runs.insert(e.id, e);
        }
    }
    let compile_secs = t_build.elapsed().as_secs_f64();

    // (d) classify the examples
    let mut examples: Vec<ExampleRec> = Vec::new();
    for (id, (schema, path)) in example_paths.iter().enumerate() {
        let f = &files[*schema];
        let mut rec = ExampleRec {
            schema: *schema,
            path: path.clone(),
            status: "not-run".into(),
            not_run: None,
            verdict: None,
            violations: Vec::new(),
            round_trip_equal: None,
            accepted_findings: Vec::new(),
            text: String::new(),
        };
        let g = f.gen.as_ref();
        if !f.shaped {
            rec.not_run = Some("its structure file is not a schema".into());
        } else if g.is_none_or(|g| g.status != "ok") {
            rec.not_run = Some("its schema was rejected by the generator".into());
        } else if f.compile.as_ref().is_none_or(|c| c.compile_error.is_some()) {
            rec.not_run = Some("its generated code did not compile".into());
        } else if g.is_some_and(|g| g.root_type.is_none()) {
            rec.not_run = Some("the schema has no named root type (root is `any`)".into());
        } else if let Some(run) = runs.get(&id) {
            rec.status = run.status.clone();
            rec.violations = run.violations.clone();
            rec.round_trip_equal = run.round_trip_equal;
            rec.text = run.text.clone();
            let instance = std::fs::read_to_string(corpus_root.join(path))
                .ok()
                .and_then(|t| serde_json::from_str::<Value>(&t).ok());
            let findings = match (&f.parsed, &instance) {
                (Some(schema), Some(inst)) => refcheck::Checker::new(schema).check(inst),
                _ => Vec::new(),
            };
            match run.status.as_str() {
                "accepted" => rec.accepted_findings = findings,
                "rejected" => {
                    rec.verdict = Some(classify::classify_rejection(&run.violations, &findings))
                }
                "panic" | "crash" => {
                    rec.verdict = Some(Verdict {
                        class: Class::Defect,
                        kind: format!("deserialization {}", run.status),
                        reasons: vec![run.text.clone()],
                        imprecise: Vec::new(),
                    })
                }
                _ => {
                    rec.verdict = Some(Verdict {
                        class: Class::Unexplained,
                        kind: format!("example could not be run ({})", run.status),
                        reasons: vec![run.text.clone()],
                        imprecise: Vec::new(),
                    })
                }
            }
        } else {
            rec.not_run = Some("the batch binary did not report it".into());
            rec.verdict = Some(Verdict {
                class: Class::Unexplained,
                kind: "example not reported by the batch binary".into(),
                reasons: Vec::new(),
                imprecise: Vec::new(),
            });
        }
        examples.push(rec);
    }

    let elapsed = started.elapsed().as_secs_f64();
    let summary = Summary::new(&corpus, &files, &examples, total_providers);
    let table = summary.table(
        o,
        elapsed,
        gen_secs,
        compile_secs,
        builds,
        build_secs,
        run_secs,
    );
    println!("{table}");
    let md_path = o.markdown.clone().unwrap_or_else(|| out.join("summary.md"));
    let md = summary.markdown(
        o,
        elapsed,
        gen_secs,
        compile_secs,
        builds,
        &corpus,
        &files,
        &examples,
    );
    std::fs::write(&md_path, md).map_err(|e| format!("cannot write {}: {e}", md_path.display()))?;
    let report_path = o.report.clone().unwrap_or_else(|| out.join("report.json"));
    let report = json_report(o, &corpus, &files, &examples, &summary, elapsed);
    std::fs::write(
        &report_path,
        serde_json::to_string_pretty(&report).unwrap_or_default(),
    )
    .map_err(|e| format!("cannot write {}: {e}", report_path.display()))?;
    eprintln!(
        "sweep: report {}; tables {}",
        report_path.display(),
        md_path.display()
    );

    if o.check {
        let failures = summary.check_failures();
        if !failures.is_empty() {
            eprintln!("sweep --check: FAILED");
            for f in &failures {
                eprintln!("  {f}");
            }
            return Ok(1);
        }
        eprintln!("sweep --check: ok");
    }
    Ok(0)
}

#[derive(Default)]
struct Summary {
    providers: usize,
    total_providers: usize,
    files: usize,
    shaped: usize,
    not_schema: usize,
    generated: usize,
    compiled: usize,
    compile_failed: Vec<(usize, String)>,
    rejected_right: BTreeMap<String, usize>,
    rejected_defect: BTreeMap<String, usize>,
    rejected_unreviewed: BTreeMap<String, usize>,
    not_schema_error: usize,
    not_schema_accepted: usize,
    not_schema_compiled: usize,
    panics: Vec<(usize, String, String)>,
    examples_total: usize,
    examples_unmatched: usize,
    examples_matched: usize,
    examples_run: usize,
    accepted: usize,
    not_run: BTreeMap<String, usize>,
    rejected: BTreeMap<(Class, String), usize>,
    accepted_with_findings: BTreeMap<String, usize>,
    round_trip_differs: usize,
    /// Rejections that are right but name an ancestor of the member at fault.
    imprecise_pointer: usize,
    /// Generator warnings by kind (normalised message) → files.
    warning_kinds: BTreeMap<String, usize>,
}

/// A warning's message with names and pointers replaced, to group warnings by kind.
fn normalise(message: &str) -> String {
    let mut out = String::new();
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '`' => {
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
                out.push(c);
                out.push('…');
                out.push(c);
            }
            '#' if chars.peek() == Some(&'/') => {
                while chars
                    .peek()
                    .is_some_and(|d| !d.is_whitespace() && *d != ';' && *d != ',')
                {
                    chars.next();
                }
                out.push_str("#/…");
            }
            _ => out.push(c),
        }
    }
    out
}

impl Summary {
    fn new(
        corpus: &corpus::Corpus,
        files: &[FileRec],
        examples: &[ExampleRec],
        total_providers: usize,
    ) -> Summary {
        let mut s = Summary {
            providers: corpus.providers.len(),
            total_providers,
            files: files.len(),
            examples_total: corpus.examples_total,
            examples_unmatched: corpus.examples_unmatched,
            ..Summary::default()
        };
        for (i, f) in files.iter().enumerate() {
            let g = f.gen.as_ref();
            let status = g.map_or("missing", |g| g.status.as_str());
            if matches!(
                status,
                "panic" | "crash" | "hang" | "internal" | "io" | "usage" | "missing"
            ) {
                s.panics.push((
                    i,
                    status.to_string(),
                    g.map(|g| g.text.clone()).unwrap_or_default(),
                ));
            }
            if let Some(g) = g {
                let mut kinds: Vec<String> = g.warnings.iter().map(|w| normalise(&w.0)).collect();
                kinds.sort();
                kinds.dedup();
                for k in kinds {
                    *s.warning_kinds.entry(k).or_default() += 1;
                }
            }
            if f.shaped {
                s.shaped += 1;
                if status == "ok" {
                    s.generated += 1;
                    match f.compile.as_ref().and_then(|c| c.compile_error.as_ref()) {
                        None if f.compile.is_some() => s.compiled += 1,
                        Some(e) => s.compile_failed.push((i, format!("{} {}", e.0, e.1))),
                        None => s.compile_failed.push((i, "not built".into())),
                    }
                } else if let Some(d) = &f.diag {
                    let map = if d.unreviewed {
                        &mut s.rejected_unreviewed
                    } else if d.right {
                        &mut s.rejected_right
                    } else {
                        &mut s.rejected_defect
                    };
                    *map.entry(d.construct.clone()).or_default() += 1;
                }
            } else {
                s.not_schema += 1;
                if status == "ok" {
                    s.not_schema_accepted += 1;
                    if f.compile
                        .as_ref()
                        .is_some_and(|c| c.compile_error.is_none())
                    {
                        s.not_schema_compiled += 1;
                    }
                } else if status == "error" {
                    s.not_schema_error += 1;
                }
            }
        }
        s.examples_matched = examples.len();
        for e in examples {
            if let Some(reason) = &e.not_run {
                *s.not_run.entry(reason.clone()).or_default() += 1;
                if e.verdict.is_none() {
                    continue;
                }
            }
            if e.status != "not-run" {
                s.examples_run += 1;
            }
            if e.status == "accepted" {
                s.accepted += 1;
                if e.round_trip_equal == Some(false) {
                    s.round_trip_differs += 1;
                }
                if let Some(f) = e.accepted_findings.first() {
                    *s.accepted_with_findings
                        .entry(f.kind.to_string())
                        .or_default() += 1;
                }
            }
            if let Some(v) = &e.verdict {
                *s.rejected.entry((v.class, v.kind.clone())).or_default() += 1;
                if !v.imprecise.is_empty() {
                    s.imprecise_pointer += 1;
                }
            }
        }
        s
    }

    fn rejected_by_class(&self, class: Class) -> usize {
        self.rejected
            .iter()
            .filter(|((c, _), _)| *c == class)
            .map(|(_, n)| n)
            .sum()
    }

    fn check_failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.panics.is_empty() {
            out.push(format!(
                "{} file(s) panicked, crashed or hung the generator",
                self.panics.len()
            ));
        }
        if !self.compile_failed.is_empty() {
            out.push(format!(
                "{} generated file(s) failed to compile",
                self.compile_failed.len()
            ));
        }
        let d = self.rejected_by_class(Class::Defect);
        if d > 0 {
            out.push(format!("{d} example rejection(s) are defects of ours"));
        }
        let u = self.rejected_by_class(Class::Unexplained);
        if u > 0 {
            out.push(format!("{u} example rejection(s) are unexplained"));
        }
        let r: usize = self.rejected_unreviewed.values().sum();
        if r > 0 {
            out.push(format!("{r} schema(s) rejected with a diagnostic no rule classifies (add a rule in classify.rs)"));
        }
        if self.not_schema_accepted > 0 {
            out.push(format!(
                "{} non-schema file(s) accepted without a clear error",
                self.not_schema_accepted
            ));
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn table(
        &self,
        o: &Opts,
        elapsed: f64,
        gen_secs: f64,
        compile_secs: f64,
        builds: usize,
        build_secs: f64,
        run_secs: f64,
    ) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        let mut t = String::new();
        let scope = match &o.subset {
            Some(s) => format!("subset {s}"),
            None => "full corpus".into(),
        };
        let _ = writeln!(t, "== corpus sweep ({scope}): {} files, {} of {} providers, {:.0}s (generate {:.0}s, compile+run {:.0}s in {} cargo builds: build {:.0}s, examples {:.0}s)", self.files, self.providers, self.total_providers, elapsed, gen_secs, compile_secs, builds, build_secs, run_secs);
        let _ = writeln!(t, "FILES");
        let _ = writeln!(t, "  {:<58} {:>6}", "structure files", self.files);
        let _ = writeln!(t, "  {:<58} {:>6}", "  schemas", self.shaped);
        let _ = writeln!(t, "  {:<58} {:>6}", "  not schemas at all", self.not_schema);
        let _ = writeln!(
            t,
            "  {:<58} {:>6}  {:.2}% of schemas",
            "generated (lenient)",
            self.generated,
            pct(self.generated, self.shaped)
        );
        let _ = writeln!(
            t,
            "  {:<58} {:>6}  {:.2}% of schemas",
            "compiled",
            self.compiled,
            pct(self.compiled, self.shaped)
        );
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "generated but FAILED to compile (defect)",
            self.compile_failed.len()
        );
        let rr: usize = self.rejected_right.values().sum();
        let rd: usize = self.rejected_defect.values().sum();
        let ru: usize = self.rejected_unreviewed.values().sum();
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "rejected with a diagnostic",
            rr + rd + ru
        );
        for (k, n) in &self.rejected_right {
            let _ = writeln!(t, "    right: {:<51} {:>6}", trunc(k, 51), n);
        }
        for (k, n) in &self.rejected_defect {
            let _ = writeln!(t, "    DEFECT (lenient gap): {:<36} {:>6}", trunc(k, 36), n);
        }
        for (k, n) in &self.rejected_unreviewed {
            let _ = writeln!(t, "    UNREVIEWED: {:<46} {:>6}", trunc(k, 46), n);
        }
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "not a schema: clear error", self.not_schema_error
        );
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "not a schema: accepted without error (DEFECT)", self.not_schema_accepted
        );
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "panics / crashes / hangs / internal errors (DEFECT)",
            self.panics.len()
        );
        let _ = writeln!(t, "EXAMPLES");
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "examples in the providers' examples/ folders (whole corpus)", self.examples_total
        );
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "  matching a structure file in scope", self.examples_matched
        );
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "  without a matching structure file (whole corpus)", self.examples_unmatched
        );
        for (k, n) in &self.not_run {
            if k != "the batch binary did not report it" {
                let _ = writeln!(t, "  {:<58} {:>6}", format!("not run: {}", trunc(k, 49)), n);
            }
        }
        let _ = writeln!(t, "  {:<58} {:>6}", "deserialized", self.examples_run);
        let _ = writeln!(
            t,
            "  {:<58} {:>6}  {:.1}%",
            "  accepted",
            self.accepted,
            pct(self.accepted, self.examples_run)
        );
        for class in [Class::ExampleMismatch, Class::Defect, Class::Unexplained] {
            let _ = writeln!(
                t,
                "  {:<58} {:>6}",
                format!("  rejected: {}", class.label()),
                self.rejected_by_class(class)
            );
            for ((c, k), n) in &self.rejected {
                if *c == class {
                    let _ = writeln!(
                        t,
                        "      {:<54} {:>6}",
                        trunc(classify::kind_label(k), 54),
                        n
                    );
                }
            }
        }
        let awf: usize = self.accepted_with_findings.values().sum();
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "(info) accepted, but the reference check objects", awf
        );
        for (k, n) in &self.accepted_with_findings {
            let _ = writeln!(
                t,
                "      {:<54} {:>6}",
                trunc(classify::kind_label(k), 54),
                n
            );
        }
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "(info) accepted, written back as different JSON", self.round_trip_differs
        );
        let _ = writeln!(
            t,
            "  {:<58} {:>6}",
            "(defect) rejection right, but our pointer is imprecise", self.imprecise_pointer
        );
        t
    }

    #[allow(clippy::too_many_arguments)]
    fn markdown(
        &self,
        o: &Opts,
        elapsed: f64,
        gen_secs: f64,
        compile_secs: f64,
        builds: usize,
        corpus: &corpus::Corpus,
        files: &[FileRec],
        examples: &[ExampleRec],
    ) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        let mut t = String::new();
        let scope = match &o.subset {
            Some(s) => format!("subset `{s}`"),
            None => "full corpus".into(),
        };
        let _ = writeln!(
            t,
            "Generator fingerprint `{}` (FNV-1a of codegen/ and runtime/ sources).",
            env!("SWEEP_GENERATOR_FINGERPRINT")
        );
        let _ = writeln!(t, "Scope: {scope}, {} structure files from {} providers. Run time {:.0} s (generate {:.0} s; compile and run examples {:.0} s in {} cargo builds), `--jobs {}`, `--batch {}`.\n", self.files, self.providers, elapsed, gen_secs, compile_secs, builds, o.jobs, o.batch);
        let _ = writeln!(t, "| files | count | share |\n|---|---:|---:|");
        let _ = writeln!(t, "| structure files | {} | |", self.files);
        let _ = writeln!(t, "| … schemas | {} | 100% |", self.shaped);
        let _ = writeln!(t, "| … not schemas at all | {} | |", self.not_schema);
        let _ = writeln!(
            t,
            "| schemas generated (lenient) | {} | {:.2}% |",
            self.generated,
            pct(self.generated, self.shaped)
        );
        let _ = writeln!(
            t,
            "| schemas compiled | {} | {:.2}% |",
            self.compiled,
            pct(self.compiled, self.shaped)
        );
        let _ = writeln!(
            t,
            "| generated but failed to compile (defect) | {} | |",
            self.compile_failed.len()
        );
        for (k, n) in &self.rejected_right {
            let _ = writeln!(
                t,
                "| rejected, diagnostic right: {} | {n} | {:.2}% |",
                k.replace('|', "\\|"),
                pct(*n, self.shaped)
            );
        }
        for (k, n) in &self.rejected_defect {
            let _ = writeln!(
                t,
                "| rejected, **defect** (lenient gap): {} | {n} | {:.2}% |",
                k.replace('|', "\\|"),
                pct(*n, self.shaped)
            );
        }
        for (k, n) in &self.rejected_unreviewed {
            let _ = writeln!(
                t,
                "| rejected, unreviewed: {} | {n} | |",
                k.replace('|', "\\|")
            );
        }
        let _ = writeln!(
            t,
            "| not a schema: clear error | {} | |",
            self.not_schema_error
        );
        let _ = writeln!(
            t,
            "| not a schema: accepted without error (**defect**) | {} | |",
            self.not_schema_accepted
        );
        let _ = writeln!(
            t,
            "| panics / crashes / hangs / internal errors | {} | |",
            self.panics.len()
        );
        let _ = writeln!(t, "\n| examples | count |\n|---|---:|");
        let _ = writeln!(
            t,
            "| in the providers' `examples/` folders (whole corpus) | {} |",
            self.examples_total
        );
        let _ = writeln!(
            t,
            "| … matching a structure file in scope | {} |",
            self.examples_matched
        );
        let _ = writeln!(
            t,
            "| … matching no structure file (whole corpus; not used) | {} |",
            self.examples_unmatched
        );
        for (k, n) in &self.not_run {
            if k != "the batch binary did not report it" {
                let _ = writeln!(t, "| not run: {k} | {n} |");
            }
        }
        let _ = writeln!(t, "| deserialized | {} |", self.examples_run);
        let _ = writeln!(
            t,
            "| … accepted | {} ({:.1}%) |",
            self.accepted,
            pct(self.accepted, self.examples_run)
        );
        for class in [Class::ExampleMismatch, Class::Defect, Class::Unexplained] {
            let _ = writeln!(
                t,
                "| … rejected: **{}** | {} |",
                class.label(),
                self.rejected_by_class(class)
            );
            for ((c, k), n) in &self.rejected {
                if *c == class {
                    let _ = writeln!(t, "| &nbsp;&nbsp;&nbsp;{} | {n} |", classify::kind_label(k));
                }
            }
        }
        let awf: usize = self.accepted_with_findings.values().sum();
        let _ = writeln!(
            t,
            "| (info) accepted, but the reference check objects | {awf} |"
        );
        for (k, n) in &self.accepted_with_findings {
            let _ = writeln!(t, "| &nbsp;&nbsp;&nbsp;{} | {n} |", classify::kind_label(k));
        }
        let _ = writeln!(
            t,
            "| (info) accepted, written back as different JSON | {} |",
            self.round_trip_differs
        );
        let _ = writeln!(t, "| (**defect**) rejection right, but our violation pointer names an ancestor of the member at fault | {} |", self.imprecise_pointer);
        let _ = writeln!(
            t,
            "\n| generator warnings (lenient reading), by kind | files |\n|---|---:|"
        );
        let mut kinds: Vec<(&String, &usize)> = self.warning_kinds.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (k, n) in kinds {
            let _ = writeln!(t, "| {} | {n} |", k.replace('|', "\\|"));
        }
        // Defect details.
        let _ = writeln!(t, "\n### Defects and unexplained cases in this run\n");
        for (i, st, text) in &self.panics {
            let _ = writeln!(
                t,
                "- generator {st}: `{}`: {}",
                corpus.schemas[*i].rel,
                first_line(text)
            );
        }
        for (i, e) in &self.compile_failed {
            let _ = writeln!(
                t,
                "- compile failure: `{}`: {}",
                corpus.schemas[*i].rel,
                first_line(e)
            );
        }
        // Rejected schemas whose diagnostic is not right, grouped by construct.
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            if let Some(d) = &f.diag {
                if !d.right {
                    let g = f.gen.as_ref();
                    let first = g
                        .and_then(|g| g.errors.first())
                        .map(|e| format!("{} (at {})", e.0, e.1))
                        .unwrap_or_default();
                    groups
                        .entry(d.construct.clone())
                        .or_default()
                        .push(format!("`{}`: {first}", corpus.schemas[i].rel));
                }
            }
            if !f.shaped && f.gen.as_ref().is_some_and(|g| g.status == "ok") {
                groups
                    .entry("not a schema, accepted without error".into())
                    .or_default()
                    .push(format!("`{}`", corpus.schemas[i].rel));
            }
        }
        for (k, list) in &groups {
            let _ = writeln!(t, "- rejected schemas, {k}: {} file(s), e.g.", list.len());
            for l in list.iter().take(3) {
                let _ = writeln!(t, "  - {l}");
            }
        }
        for e in examples {
            if let Some(v) = &e.verdict {
                if v.class != Class::ExampleMismatch {
                    let _ = writeln!(
                        t,
                        "- example {} ({}): `{}`: {}",
                        v.class.key(),
                        v.kind,
                        e.path,
                        v.reasons.join("; ")
                    );
                }
                for i in &v.imprecise {
                    let _ = writeln!(t, "- imprecise pointer: `{}`: {i}", e.path);
                }
            }
        }
        t
    }
}

fn trunc(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

fn json_report(
    o: &Opts,
    corpus: &corpus::Corpus,
    files: &[FileRec],
    examples: &[ExampleRec],
    s: &Summary,
    elapsed: f64,
) -> Value {
    let file_list: Vec<Value> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let sch = &corpus.schemas[i];
            let g = f.gen.as_ref();
            let compile = f.compile.as_ref().map(|c| {
                json!({
                    "ok": c.compile_error.is_none(),
                    "error": c.compile_error.as_ref().map(|e| json!({"code": e.0, "message": e.1, "rendered": e.2})),
                    "rustc_warnings": c.warnings,
                })
            });
            json!({
                "file": sch.rel,
                "provider": sch.provider,
                "resource": sch.resource,
                "is_schema": f.shaped,
                "generate": g.map(|g| g.status.clone()),
                "generate_ms": g.map(|g| g.millis as u64),
                "root_type": g.and_then(|g| g.root_type.clone()),
                "generated_bytes": g.map(|g| g.code_bytes),
                "warnings": g.map(|g| g.warnings.iter().map(|w| json!({"message": w.0, "pointer": w.1})).collect::<Vec<_>>()),
                "diagnostics": g.map(|g| g.errors.iter().map(|e| json!({"message": e.0, "pointer": e.1, "line": e.2, "column": e.3, "help": e.4})).collect::<Vec<_>>()),
                "error_text": g.filter(|g| g.status != "ok").map(|g| g.text.clone()),
                "diagnostic_verdict": f.diag.as_ref().map(|d| json!({"right": d.right, "unreviewed": d.unreviewed, "construct": d.construct})),
                "compile": compile,
                "examples": sch.examples,
            })
        })
        .collect();
    let example_list: Vec<Value> = examples
        .iter()
        .map(|e| {
            json!({
                "example": e.path,
                "schema": corpus.schemas[e.schema].rel,
                "status": e.status,
                "not_run": e.not_run,
                "class": e.verdict.as_ref().map(|v| v.class.key()),
                "kind": e.verdict.as_ref().map(|v| v.kind.clone()),
                "reasons": e.verdict.as_ref().map(|v| v.reasons.clone()),
                "imprecise_pointer": e.verdict.as_ref().map(|v| v.imprecise.clone()).filter(|v| !v.is_empty()),
                "violations": e.violations.iter().map(|v| json!({"pointer": v.0, "code": v.1, "message": v.2})).collect::<Vec<_>>(),
                "round_trip_equal": e.round_trip_equal,
                "reference_findings_when_accepted": e.accepted_findings.iter().map(|f| json!({"pointer": f.pointer, "kind": f.kind, "detail": f.detail})).collect::<Vec<_>>(),
                "text": if e.text.is_empty() { None } else { Some(e.text.clone()) },
            })
        })
        .collect();
    let rejected: Vec<Value> = s
        .rejected
        .iter()
        .map(|((c, k), n)| json!({"class": c.key(), "kind": k, "label": classify::kind_label(k), "count": n}))
        .collect();
    json!({
        "scope": o.subset.clone().unwrap_or_else(|| "full".into()),
        "generator_fingerprint": env!("SWEEP_GENERATOR_FINGERPRINT"),
        "seconds": elapsed,
        "summary": {
            "providers": s.providers,
            "files": s.files,
            "schemas": s.shaped,
            "not_schemas": s.not_schema,
            "generated": s.generated,
            "compiled": s.compiled,
            "compile_failed": s.compile_failed.len(),
            "rejected_right": s.rejected_right,
            "rejected_defect": s.rejected_defect,
            "rejected_unreviewed": s.rejected_unreviewed,
            "not_schema_clear_error": s.not_schema_error,
            "not_schema_accepted": s.not_schema_accepted,
            "panics": s.panics.len(),
            "examples_total": s.examples_total,
            "examples_matched": s.examples_matched,
            "examples_unmatched": s.examples_unmatched,
            "examples_not_run": s.not_run,
            "examples_run": s.examples_run,
            "examples_accepted": s.accepted,
            "examples_rejected": rejected,
            "accepted_with_reference_findings": s.accepted_with_findings,
            "round_trip_differs": s.round_trip_differs,
            "imprecise_pointer": s.imprecise_pointer,
            "warning_kinds": s.warning_kinds,
        },
        "files": file_list,
        "examples": example_list,
    })
}
