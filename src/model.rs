//! The typed post-mortem: plain data with no parsing and no HTML making, shared by every later stage.

pub mod action;
pub mod at;
pub mod field;
pub mod incident;
pub mod keys;
pub mod phase;
pub mod rendered;
pub mod timeline;
