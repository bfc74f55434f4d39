//! OCOP criteria editions: the model, format and loader (re-exported from
//! `ocop-criteria-core`) and the official editions compiled into the binary (`embedded`).
//! Nothing here scores.

#![forbid(unsafe_code)]

pub use ocop_criteria_core::points;

pub mod criteria {
    //! Criteria editions: the model, the TOML format (`file`), loading with validation
    //! (`load`) and the official editions compiled in (`embedded`).
    pub use ocop_criteria_core::criteria::*;

    pub mod embedded;
}
