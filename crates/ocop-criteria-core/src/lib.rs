//! The criteria model, the criteria TOML format and its validating loader, without the
//! official editions (those are embedded by `ocop-criteria`, whose build script uses this
//! crate). Pure: text in, a validated model out.

#![forbid(unsafe_code)]

pub mod criteria;
pub mod points;
