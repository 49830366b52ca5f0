//! Embeds a fingerprint of the generator and runtime sources the sweep binary was built
//! against, so that every report says which generator its figures are for.

use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs" || x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let root = Path::new(&manifest).join("..");
    let mut files = Vec::new();
    for sub in [
        "codegen/src",
        "runtime/src",
        "codegen/Cargo.toml",
        "runtime/Cargo.toml",
    ] {
        let p = root.join(sub);
        if p.is_dir() {
            walk(&p, &mut files);
            println!("cargo:rerun-if-changed={}", p.display());
        } else {
            files.push(p.clone());
            println!("cargo:rerun-if-changed={}", p.display());
        }
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        for b in rel.bytes().chain(std::fs::read(f).unwrap_or_default()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=SWEEP_GENERATOR_FINGERPRINT={h:016x}");
}
