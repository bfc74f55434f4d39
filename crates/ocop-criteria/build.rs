//! Validates the official criteria editions at build time and embeds them as postcard bytes,
//! so the binary starts without parsing half a megabyte of TOML (a broken edition fails the
//! build with the loader's own messages). The loader is `ocop-criteria-core`, a build dependency.

use ocop_criteria_core::criteria;
use std::{env, fs, path::Path};

/// The editions compiled in; keep in step with `src/criteria/embedded.rs`.
const EDITIONS: &[&str] = &["qd26-2026", "qd148-2023"];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for id in EDITIONS {
        // The editions stay at the repository root (criteria/), where users find them.
        let path = format!("criteria/{id}.toml");
        let file = root.join(&path);
        println!("cargo::rerun-if-changed={}", file.display());
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{path}: {e}"));
        let edition = match criteria::load::parse(&text, &path) {
            Ok(e) => e,
            Err(errors) => panic!("the embedded edition {path} is invalid:\n{errors}"),
        };
        assert_eq!(
            edition.id(),
            *id,
            "{path}: the edition id must match the file name"
        );
        // The meta, then each set's summary with the set encoded on its own, so the binary
        // decodes only the sets a batch uses.
        let sets: Vec<(criteria::SetSummary, Vec<u8>)> = edition
            .sets()
            .map(|set| {
                (
                    set.summary(),
                    postcard::to_allocvec(set).expect("encode set"),
                )
            })
            .collect();
        let bytes =
            postcard::to_allocvec(&(&edition.meta, edition.codes(), sets)).expect("encode edition");
        fs::write(Path::new(&out).join(format!("{id}.postcard")), bytes).expect("write OUT_DIR");
    }
}
