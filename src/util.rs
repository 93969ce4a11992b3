//! Small, self-contained helpers the stages share: times, slugs, XML escaping, globs, base URLs, output
//! paths, and freeing many values on every thread.

pub mod base_url;
pub mod free;
pub mod glob;
pub mod html_text;
pub mod output_path;
pub mod percent;
pub mod slug;
pub mod time;
pub mod vocabulary;
pub mod xml;
