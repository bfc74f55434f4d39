//! The criteria TOML loader; a file that loads is rendered and scores a small wide and long
//! file built from its first set.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ocop_fuzz::harness::criteria_toml(data));
