//! Finding the known sections (Summary, Timeline, Action items, …) of a post-mortem body by heading.
