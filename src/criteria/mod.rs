//! Criteria editions: the model (`model`), the TOML format (`file`), loading with
//! validation (`load`) and the official editions compiled into the binary (`embedded`).
//! Nothing here scores.

pub mod embedded;
pub mod file;
pub mod load;
mod model;

pub use load::{CriteriaError, CriteriaErrors};
pub use model::*;
