//! The output map and the formats made without templates: feeds, sitemap and exports; the atomic
//! write to disk.

pub mod assets;
pub mod exports;
pub mod feeds;
pub mod output;
