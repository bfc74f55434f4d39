//! The one integration-test binary: runs the real `ocop` in a fresh temporary directory.

mod common;

mod bad_input;
mod contract;
mod criteria;
mod documents;
mod export;
mod fixtures;
mod fuzz_regressions;
mod l10n;
mod properties;
mod register;
mod review;
mod schema;
mod score;
mod table;
mod workbook;
mod workbook_input;
