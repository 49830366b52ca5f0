//! Arbitrary bytes as a schema file: the generator must return code or a diagnostic, never
//! panic, and what it generates must parse as Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for lenient in [false, true] {
        if let Ok(out) = json_structure_codegen::Config::new()
            .lenient(lenient)
            .generate_source("fuzz.struct.json", text)
        {
            assert!(syn::parse_file(&out.code).is_ok() || out.code.is_empty());
        }
    }
});
