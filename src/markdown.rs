//! Markdown to HTML for post-mortem bodies and front-matter text.
