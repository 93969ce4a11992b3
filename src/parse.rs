//! Text in, `Incident` and problems out: source walking, front matter, sections, timelines, action
//! items and markdown. Reading one file never looks at another.

pub mod action_item;
pub mod front_matter;
pub mod language;
mod lines;
pub mod markdown;
pub mod reader;
pub mod sections;
pub mod source;
pub mod timeline;
pub mod value;
mod words;
pub mod writing;
