//! Copies the files of `content/` that the link stage placed beside incident pages into the output.

use anyhow::{Context, Result};

use crate::publish::output::Output;
use crate::site::assets::Placement;

/// Copies each file of `content/` to the place the link stage chose for it.
///
/// The link stage has already refused every file that would replace a page, so a clash here is a
/// bug in debrief, not in the content.
pub fn copy(placements: &[Placement], output: &mut Output) -> Result<()> {
    let mut last: Option<(&std::path::Path, Vec<u8>)> = None;
    for placement in placements {
        let bytes = match &last {
            Some((source, bytes)) if *source == placement.source => bytes.clone(),
            _ => {
                let bytes = std::fs::read(&placement.source)
                    .with_context(|| format!("cannot read {}", placement.path.display()))?;
                last = Some((&placement.source, bytes.clone()));
                bytes
            }
        };
        anyhow::ensure!(
            !output.contains(placement.target.as_str()),
            "internal error: {} was placed at {}, where a page was written",
            placement.path.display(),
            placement.target
        );
        output.insert(placement.target.clone(), bytes);
    }
    Ok(())
}
