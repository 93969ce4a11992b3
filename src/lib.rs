//! debrief: a static site generator for incident post-mortems.
//!
//! The crate's folders are the pipeline's stages, and imports only point down them:
//! `util` → `model` → `config` → `parse` → `site` → `publish` → `render` → `pipeline` →
//! `serve` and `commands` (see `docs/architecture.md`).

pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod util;
