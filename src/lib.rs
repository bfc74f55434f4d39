//! `ocop`: scores products under Vietnam's OCOP programme (Mỗi xã một sản phẩm) and
//! classifies them into 1–5 stars. The library is pure: criteria in, results out; the
//! binary (`src/main.rs`) does the I/O.

pub mod input;
pub mod render;
pub mod report;
pub mod scoring;

/// The criteria layer lives in its own crates (`crates/ocop-criteria`, which embeds the
/// official editions, over `crates/ocop-criteria-core`); this keeps the paths
/// `ocop::criteria::…` and `ocop::points::Points` working.
pub use ocop_criteria::{criteria, points};
