//! debrief's integration tests: the binary run over fixture sites, with snapshots of what it prints
//! and writes.

mod actions;
mod build;
mod crawlers;
mod diagnostics;
mod layers;
mod markup;
mod metrics;
mod no_panic;
mod serve;
mod support;
mod well_formed;
