//! Criteria editions: the model (`model`), the TOML format (`file`) and loading with
//! validation (`load`). Nothing here scores.

pub mod file;
pub mod load;
mod model;

pub use load::{CriteriaError, CriteriaErrors};
pub use model::*;
