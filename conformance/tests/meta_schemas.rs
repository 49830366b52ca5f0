//! `json-structure-meta/core/v0/index.json` generates and compiles (this crate would not
//! build otherwise), and the sample schemas are read with the generated meta-schema types.
//!
//! Whole sample documents cannot be `SchemaDocument`s as META defines them: META's
//! `SchemaDocument` is closed (`additionalProperties: false`) and declares neither `name`
//! (which Core §Document Structure requires and all 12 samples have) nor the keywords of an
//! inline root type. So each document is checked to fail for exactly that reason, and every
//! type declaration in it (each definition, and the inline root type) is read as META's
//! `CompoundType`. Where META itself rejects a declaration, the test names the META rule
//! (digest §7.3), then applies exactly that adjustment to a copy and requires the copy to
//! read and write back unchanged: so META's gaps, not the generator, are the only reason.

use json_structure_conformance::{corpus_dir, meta_core, round_trip};
use serde_json::Value;

/// Core types META's type enums leave out (digest §7.3).
const TYPES_META_LACKS: &[&str] = &["int8", "uint8", "int16", "uint16", "float8", "any"];

/// The META rules a declaration breaks, and a copy with those parts adjusted to META:
/// a missing type name becomes `int32`/`float`/`string`, non-map `examples` are dropped,
/// `$extends` pointers become `{"$ref"}` objects.
fn meta_gaps(value: &mut Value, gaps: &mut Vec<&'static str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(t)) = map.get_mut("type") {
                if TYPES_META_LACKS.contains(&t.as_str()) {
                    gaps.push("META's type enums lack int8/uint8/int16/uint16/float8/any");
                    *t = match t.as_str() {
                        "float8" => "float",
                        "any" => "string",
                        _ => "int32",
                    }
                    .to_string();
                }
            }
            if let Some(Value::Array(items)) = map.get("examples") {
                if items.iter().any(|e| !e.is_object()) {
                    gaps.push("META types `examples` as an array of maps");
                    map.remove("examples");
                }
            }
            match map.get_mut("$extends") {
                Some(ext @ Value::String(_)) => {
                    gaps.push(
                        "META models `$extends` as {\"$ref\"} objects, Core as pointer strings",
                    );
                    *ext = serde_json::json!({ "$ref": ext.clone() });
                }
                Some(Value::Array(items)) if items.iter().any(Value::is_string) => {
                    gaps.push(
                        "META models `$extends` as {\"$ref\"} objects, Core as pointer strings",
                    );
                    for item in items.iter_mut() {
                        *item = serde_json::json!({ "$ref": item.clone() });
                    }
                }
                _ => {}
            }
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                for prop in props.values_mut() {
                    if let Some(t) = prop
                        .get_mut("type")
                        .filter(|t| t.is_string() || t.is_array())
                    {
                        gaps.push("META's Property types `type` as a Type object ({\"type\": \"string\"}), Core as a type name");
                        *t = serde_json::json!({ "type": t.clone() });
                    }
                }
            }
            for (_, v) in map.iter_mut() {
                meta_gaps(v, gaps);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| meta_gaps(v, gaps)),
        _ => {}
    }
}

fn read_and_write(decl: &Value) -> Result<Value, String> {
    serde_json::from_value::<meta_core::CompoundType>(decl.clone())
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::to_value(&t).map_err(|e| e.to_string()))
}

fn declarations(doc: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(Value::Object(root)) = Some(doc) {
        if root.contains_key("type") {
            let mut inline = root.clone();
            for k in [
                "$schema",
                "$id",
                "name",
                "$root",
                "definitions",
                "$offers",
                "$uses",
            ] {
                inline.remove(k);
            }
            out.push(("(root type)".to_string(), Value::Object(inline)));
        }
    }
    fn walk(ns: &Value, path: &str, out: &mut Vec<(String, Value)>) {
        if let Value::Object(members) = ns {
            for (k, v) in members {
                let p = format!("{path}/{k}");
                if v.get("type").is_some() {
                    out.push((p, v.clone()));
                } else {
                    walk(v, &p, out);
                }
            }
        }
    }
    if let Some(defs) = doc.get("definitions") {
        walk(defs, "#/definitions", &mut out);
    }
    out
}

#[test]
fn sample_schemas_read_with_the_generated_core_meta_schema() {
    let root = corpus_dir().join("json-structure-samples/core");
    assert!(
        root.is_dir(),
        "the corpus is missing: expected {}",
        root.display()
    );
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("list samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    dirs.sort();
    let (mut total, mut ok, mut gaps) = (0, 0, 0);
    let mut by_reason = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for dir in &dirs {
        let sample = dir.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(dir.join("schema.struct.json")).expect("read schema");
        let doc: Value = serde_json::from_str(&text).expect("schema is JSON");

        match round_trip("meta-core", &text) {
            Some(Err(e)) if e.starts_with("unknown field `name`") => {}
            other => failures.push(format!(
                "{sample}: expected META to reject the document for `name`, got {other:?}"
            )),
        }

        for (pointer, decl) in declarations(&doc) {
            total += 1;
            let name = format!("{sample} {pointer}");
            let mut adjusted = decl.clone();
            let mut reasons = Vec::new();
            meta_gaps(&mut adjusted, &mut reasons);
            reasons.sort_unstable();
            reasons.dedup();
            match (read_and_write(&decl), reasons.is_empty()) {
                (Ok(back), _) if back == decl => ok += 1,
                (Ok(back), _) => failures.push(format!("{name}: written back differently:\n  read:  {decl}\n  wrote: {back}")),
                (Err(e), true) => failures.push(format!("{name}: rejected with no META gap to explain it: {e}")),
                (Err(_), false) => match read_and_write(&adjusted) {
                    Ok(back) if back == adjusted => {
                        gaps += 1;
                        for r in reasons {
                            *by_reason.entry(r).or_insert(0) += 1;
                        }
                    }
                    Ok(back) => failures.push(format!("{name} (adjusted to META): written back differently:\n  read:  {adjusted}\n  wrote: {back}")),
                    Err(e) => failures.push(format!("{name} (adjusted to META for {reasons:?}): still rejected: {e}")),
                },
            }
        }
    }
    println!(
        "core meta-schema: {} sample documents rejected only for `name` (META's closed SchemaDocument); \
         {ok}/{total} type declarations read as META `CompoundType` and written back as they are; \
         {gaps} more after adjusting META's own gaps ({by_reason:?})",
        dirs.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
