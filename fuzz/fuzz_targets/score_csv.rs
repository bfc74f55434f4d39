//! CSV reading and scoring: two option bytes (delimiter, encoding, `--set`, edition, council,
//! table style), then an assessment file; on success the report is rendered in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ocop_fuzz::harness::score_csv(data));
