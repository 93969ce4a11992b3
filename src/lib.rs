//! debrief: a static site generator for incident post-mortems.
//!
//! The pipeline (see `DESIGN.md`): `Config` → sources → incidents → site → output → disk.

pub mod action;
pub mod action_item;
pub mod action_rules;
pub mod base_url;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod exports;
pub mod feeds;
pub mod front_matter;
pub mod glob;
pub mod i18n;
pub mod incident;
pub mod incident_actions;
pub mod incident_reader;
pub mod incident_view;
pub mod language;
pub mod markdown;
pub mod metrics;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod sections;
pub mod serve;
pub mod site;
pub mod slug;
pub mod source;
pub mod theme;
pub mod time;
pub mod timeline;
pub mod tracker;
pub mod tracker_pages;
pub mod tracker_view;
pub mod value;
pub mod view;
pub mod vocabulary;
pub mod xml;
