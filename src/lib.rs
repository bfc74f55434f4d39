//! `ocop`: scores products under Vietnam's OCOP programme (Mỗi xã một sản phẩm) and
//! classifies them into 1–5 stars. The library is pure: criteria and sources in, a report
//! out, rendered to any writer; the binary (`src/main.rs`) opens files and maps failures
//! to exit statuses.
//!
//! A row's way: [`input::read`] (decode, records, header, row checker) → [`input::Batch`] →
//! [`report::build`] (the rules of [`scoring`]) → [`report::Report`] → [`render`].

#![forbid(unsafe_code)]

pub mod chunks;
pub mod filter;
pub mod input;
pub mod l10n;
pub mod parallel;
pub mod register;
pub mod render;
pub mod report;
pub mod scoring;
pub mod warnings;
pub mod workbook;

/// The criteria layer lives in its own crates (`crates/ocop-criteria`, which embeds the
/// official editions, over `crates/ocop-criteria-core`); this keeps the paths
/// `ocop::criteria::…` and `ocop::points::Points` working.
pub use ocop_criteria::{criteria, points};
