//! Times each pipeline stage on one schema:
//! `cargo run --release -p json-structure-codegen --example stages -- schema.struct.json`.

use std::time::Instant;

use json_structure_codegen::{emit, model, resolve, source};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: stages SCHEMA")?;
    let t = Instant::now();
    let file = source::SourceFile::read(path.as_ref())?;
    let tree = file.parse()?;
    let t_parse = t.elapsed();
    let doc = model::read_document(file, &tree, model::Mode::Auto)?;
    let t_model = t.elapsed();
    let space = resolve::resolve(
        &doc,
        &resolve::ResolveOptions {
            capture_additional: true,
        },
    )?;
    let t_resolve = t.elapsed();
    let tokens = emit::emit(&space, &emit::EmitOptions::default());
    let t_emit = t.elapsed();
    // The same steps as `render::render`, timed one by one.
    let file: syn::File = syn::parse2(tokens.clone())?;
    let t_syn = t.elapsed();
    let pretty = prettyplease::unparse(&file);
    let t_pretty = t.elapsed();
    drop(file);
    drop(tokens);
    let t_drop = t.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "parse {:.0} ms, model {:.0}, resolve {:.0}, emit {:.0}, syn {:.0}, prettyplease {:.0}, drop {:.0} ms; {} types, {} lines",
        ms(t_parse),
        ms(t_model - t_parse),
        ms(t_resolve - t_model),
        ms(t_emit - t_resolve),
        ms(t_syn - t_emit),
        ms(t_pretty - t_syn),
        ms(t_drop - t_pretty),
        space.types.len(),
        pretty.lines().count()
    );
    Ok(())
}
