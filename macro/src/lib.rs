//! `import_types!`: expands a JSON Structure schema into Rust types where the macro is
//! written, with the same generator (and the same output) as `build.rs` and the CLI.
//!
//! ```ignore
//! json_structure_macro::import_types!("schemas/daytona-snapshot.struct.json");
//!
//! let snapshot: DaytonaSnapshot = serde_json::from_str(body)?;
//! ```
//!
//! The path is relative to the calling crate's `Cargo.toml` directory. The schema is
//! registered with the compiler (`include_bytes!`), so editing it rebuilds the crate.
//! Options follow the path: `import_types!("x.struct.json", lenient = true, open_enums = true)`
//! (`lenient`, `strict`, `open_enums`, `non_exhaustive`, `lenient_numbers`,
//! `absolute_uris`, `capture_additional_properties`). A schema error becomes a
//! `compile_error!` carrying the generator's full diagnostic.
//!
//! The crate that uses the macro needs `serde` (with `derive`), `serde_json` and
//! `json-structure-runtime` as dependencies, like generated code from `build.rs`.

use proc_macro::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitBool, LitStr, Token};

/// The macro's input: a path and `name = bool` options.
struct Input {
    path: LitStr,
    options: Vec<(Ident, LitBool)>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut options = Vec::new();
        while input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let name: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let value: LitBool = input.parse()?;
            options.push((name, value));
        }
        Ok(Input { path, options })
    }
}

/// Expands the JSON Structure schema at the given path (relative to the calling crate's
/// manifest directory) into Rust types. See the crate documentation.
#[proc_macro]
pub fn import_types(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Input);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &Input) -> syn::Result<proc_macro2::TokenStream> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let path = std::path::Path::new(&manifest_dir).join(input.path.value());
    let mut config = json_structure_codegen::Config::new();
    config.cargo_output(false);
    for (name, value) in &input.options {
        let on = value.value;
        match name.to_string().as_str() {
            "lenient" => config.lenient(on),
            "strict" => config.lenient(!on),
            "open_enums" => config.open_enums(on),
            "non_exhaustive" => config.non_exhaustive(on),
            "lenient_numbers" => config.lenient_numbers(on),
            "absolute_uris" => config.absolute_uris(on),
            "capture_additional_properties" => config.capture_additional_properties(on),
            other => {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unknown option `{other}`; see the json-structure-macro docs"),
                ))
            }
        };
    }
    let generated = config
        .generate_file(&path)
        .map_err(|e| syn::Error::new(input.path.span(), e.to_string()))?;
    let code: proc_macro2::TokenStream = generated.code.parse().map_err(|e| {
        syn::Error::new(
            input.path.span(),
            format!("generated code does not parse: {e}"),
        )
    })?;
    let tracked = path.to_string_lossy().into_owned();
    Ok(quote! {
        // Makes the compiler rebuild this crate when the schema changes.
        const _: &[u8] = include_bytes!(#tracked);
        #code
    })
}
