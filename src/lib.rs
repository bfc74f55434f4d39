//! `ocop`: scores products under Vietnam's OCOP programme (Mỗi xã một sản phẩm) and
//! classifies them into 1–5 stars. The library is pure: criteria in, results out; the
//! binary (`src/main.rs`) does the I/O.

pub mod criteria;
pub mod input;
pub mod l10n;
pub mod points;
pub mod render;
pub mod report;
pub mod scoring;
