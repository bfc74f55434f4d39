//! The fuzz targets' bodies. They live in the root crate's `tests/cli/fuzz_regressions.rs`,
//! which also replays every saved crash (`tests/fuzz-regressions/`) through them, so a
//! regression test runs exactly the code the fuzzer ran.

#[path = "../../tests/cli/fuzz_regressions.rs"]
pub mod harness;
