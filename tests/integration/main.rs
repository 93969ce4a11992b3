//! debrief's integration tests: the binary run over fixture sites, with snapshots of what it prints
//! and writes.

mod actions;
mod actions_command;
mod assets;
mod build;
mod crawlers;
mod diagnostics;
mod environment;
mod excerpts;
mod incremental;
mod layers;
mod markup;
mod metrics;
mod new_post;
mod no_panic;
mod output_safety;
mod pages;
mod pagination;
mod rebuild;
mod search_cli;
mod search_index;
mod search_parity;
mod serve;
mod site_diagnostics;
mod support;
mod well_formed;
