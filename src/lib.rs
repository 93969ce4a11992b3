//! debrief: a static site generator for incident post-mortems.
//!
//! The pipeline (see `DESIGN.md`): `Config` → sources → incidents → site → output → disk.

pub mod action;
pub mod action_item;
pub mod diagnostic;
pub mod front_matter;
pub mod glob;
pub mod markdown;
pub mod sections;
pub mod slug;
pub mod time;
pub mod timeline;
pub mod value;
pub mod vocabulary;
