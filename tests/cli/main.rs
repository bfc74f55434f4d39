//! The one integration-test binary: runs the real `ocop` in a fresh temporary directory.

mod common;

mod criteria;
