//! Timeline entries read from a Timeline section's table or list.
