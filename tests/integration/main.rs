//! debrief's integration tests: the binary run over fixture sites, with snapshots of what it prints
//! and writes.

mod actions;
mod actions_command;
mod assets;
mod authors;
mod build;
mod clutter;
mod compact_exports;
mod crawlers;
mod diagnostics;
mod environment;
mod excerpts;
mod incremental;
mod layers;
mod markup;
mod metrics;
mod migrate;
mod migrated_actions;
mod new_post;
mod no_panic;
mod output_safety;
mod pages;
mod pagination;
mod rebuild;
mod search_cli;
mod search_documents;
mod search_index;
mod search_parity;
mod serve;
mod serve_reload;
mod site_diagnostics;
mod support;
mod well_formed;
mod word_fidelity;
mod writing_checks;
mod written_times;
