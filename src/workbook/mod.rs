//! Workbooks written with `rust_xlsxwriter`: built in memory from the criteria model and the
//! rows to pre-fill, returned as bytes; choosing a file is the binary's job.

pub mod template;
