//! A value with the byte range of the file it was written at, so later stages can point at it.

use std::ops::Range;

/// A value and the byte range of the file it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Range<usize>,
}
