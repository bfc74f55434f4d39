//! The JSON contract: every JSON document a test run of `ocop` prints (or writes with `-o`)
//! is validated against the schema files in `docs/schema/` (`common::Workdir::run` calls
//! [`validate_run`]), so the schemas, docs/json.md and the output cannot drift apart.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::repo_file;

const SCHEMAS: [&str; 3] = ["score", "check", "criteria"];

/// The schema files by URI, for `$ref`s from one file to another.
struct Files(HashMap<String, Value>);

impl jsonschema::Retrieve for Files {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        self.0
            .get(uri.as_str())
            .cloned()
            .ok_or_else(|| format!("no schema file for {uri}").into())
    }
}

fn load(name: &str) -> Value {
    let path = repo_file(&format!("docs/schema/{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

fn validators() -> &'static HashMap<&'static str, jsonschema::Validator> {
    static V: OnceLock<HashMap<&'static str, jsonschema::Validator>> = OnceLock::new();
    V.get_or_init(|| {
        let files: HashMap<String, Value> = SCHEMAS
            .iter()
            .map(|n| {
                let v = load(n);
                (v["$id"].as_str().expect("$id").to_string(), v)
            })
            .collect();
        SCHEMAS
            .iter()
            .map(|&n| {
                let v = jsonschema::options()
                    .with_retriever(Files(files.clone()))
                    .build(&load(n))
                    .unwrap_or_else(|e| panic!("docs/schema/{n}.schema.json: {e}"));
                (n, v)
            })
            .collect()
    })
}

/// Panics with every error when `doc` does not follow `docs/schema/{schema}.schema.json`.
#[track_caller]
pub fn assert_valid(schema: &str, doc: &Value) {
    let v = &validators()[schema];
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "output does not follow docs/schema/{schema}.schema.json:\n{}\n{}",
        errors.join("\n"),
        serde_json::to_string_pretty(doc).unwrap()
    );
}

/// The schema of a run's JSON output, by its subcommand and `--format json`.
fn schema_of(args: &[&str]) -> Option<&'static str> {
    let json =
        args.windows(2).any(|w| w == ["--format", "json"]) || args.contains(&"--format=json");
    if !json {
        return None;
    }
    // Skip the global options' values (`--criteria X`, `--lang X`).
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            "--criteria" | "--lang" => i += 2,
            "score" => return Some("score"),
            "check" => return Some("check"),
            "criteria" if !args.contains(&"export") => return Some("criteria"),
            _ => return None,
        }
    }
    None
}

/// Validates what a run printed as JSON (or wrote to `-o FILE` in `dir`).
pub fn validate_run(args: &[&str], stdout: &str, dir: &std::path::Path) {
    let Some(schema) = schema_of(args) else {
        return;
    };
    let output = args
        .windows(2)
        .find(|w| w[0] == "-o" || w[0] == "--output")
        .map(|w| w[1]);
    // `score` prints the problems document to standard output even with `-o`.
    let written = match output {
        Some("-") | None => String::new(),
        Some(path) => std::fs::read_to_string(dir.join(path)).unwrap_or_default(),
    };
    let text = if written.trim().is_empty() {
        stdout
    } else {
        &written
    };
    if text.trim().is_empty() {
        return;
    }
    let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| {
        panic!(
            "`ocop {}` printed invalid JSON: {e}\n{text}",
            args.join(" ")
        )
    });
    assert_valid(schema, &doc);
}

/// The schema files themselves are valid JSON Schema (draft 2020-12), and name the version
/// the code writes.
#[test]
fn the_schema_files_are_valid_and_name_the_current_version() {
    for n in SCHEMAS {
        let v = load(n);
        jsonschema::meta::validate(&v).unwrap_or_else(|e| panic!("{n}: {e}"));
        assert!(
            v["$id"]
                .as_str()
                .unwrap()
                .ends_with(&format!("{n}.schema.json")),
            "{n}"
        );
    }
    let version = ocop::render::json::SCHEMA_VERSION;
    let score = load("score");
    assert_eq!(
        score["$defs"]["report"]["properties"]["schema_version"]["const"],
        version
    );
    assert_eq!(
        score["$defs"]["problems_document"]["properties"]["schema_version"]["const"],
        version
    );
    let criteria = load("criteria");
    for d in ["list", "set"] {
        assert_eq!(
            criteria["$defs"][d]["properties"]["schema_version"]["const"],
            version
        );
    }
    // Every warning code the library has is in the schema.
    let codes = &score["$defs"]["warning"]["properties"]["code"]["enum"];
    let codes: Vec<&str> = codes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(codes, ocop::warnings::CODES);
}

/// A document that breaks the contract is caught: the validation is not vacuous.
#[test]
fn a_document_off_the_schema_is_refused() {
    let v = &validators()["check"];
    let ok = serde_json::json!({
        "schema_version": ocop::render::json::SCHEMA_VERSION, "ok": true, "strict": false,
        "problems_total": 0, "problems": [], "warnings": [],
        "read": {"files": 1, "products": 2, "members": 3, "sheets": 6}
    });
    assert!(v.is_valid(&ok));
    let mut extra = ok.clone();
    extra["surprise"] = Value::Bool(true);
    assert!(!v.is_valid(&extra), "an undocumented key");
    let mut old = ok.clone();
    old["schema_version"] = 2.into();
    assert!(!v.is_valid(&old), "another version");
    let mut bad_code = ok;
    bad_code["warnings"] = serde_json::json!([{"code": "Not Snake", "message": "", "file": null,
        "line": null, "product_id": null, "member": null, "column": null, "products": [], "members": []}]);
    assert!(!v.is_valid(&bad_code), "a code outside the list");
}

/// Every warning code is documented, in the README and in docs/json.md.
#[test]
fn every_warning_code_is_documented() {
    let readme = std::fs::read_to_string(repo_file("README.md")).unwrap();
    let json_md = std::fs::read_to_string(repo_file("docs/json.md")).unwrap();
    for code in ocop::warnings::CODES {
        let row = format!("| `{code}` |");
        assert!(readme.contains(&row), "README: {code}");
        assert!(json_md.contains(&row), "docs/json.md: {code}");
    }
    assert!(json_md.contains(&format!(
        "It is **{}** now.",
        ocop::render::json::SCHEMA_VERSION
    )));
}
