//! Action items read from an Action items section's list (`- [ ] Do it @owner due 2025-01-01 OPS-1`).
