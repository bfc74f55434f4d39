//! The one integration-test binary: runs the real `ocop` in a fresh temporary directory.

mod common;

mod bad_input;
mod contract;
mod criteria;
mod documents;
mod export;
mod fixtures;
mod fuzz_regressions;
#[path = "../../bench/gen_core.rs"]
mod gen_core;
mod l10n;
mod parts;
mod properties;
mod register;
mod review;
mod schema;
mod score;
mod table;
mod workbook;
mod workbook_input;
