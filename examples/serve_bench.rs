//! Times `serve`'s incremental rebuild of a real site without the watcher, the server or the search
//! index: `cargo run --release --example serve_bench -- SITE FILE [--saves K] [--now YYYY-MM-DD]`.
//!
//! Copy SITE first: FILE (a post-mortem of SITE, relative to it) is edited in place K times (a
//! sentence appended each time) and put back as it was at the end. Builds SITE once as `serve` does
//! (drafts and internal incidents included), then times `Incremental::rebuild` after each save, and
//! prints the median and p90 in milliseconds, with the pages each rebuild rendered.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use debrief::model::incident::Visibility;
use debrief::pipeline::LoadOptions;
use debrief::pipeline::incremental::{Changed, Incremental};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut site, mut file, mut saves, mut now) = (None, None, 10usize, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--saves" => saves = args.next().context("--saves K")?.parse()?,
            "--now" => now = Some(args.next().context("--now DATE")?.parse()?),
            _ if site.is_none() => site = Some(PathBuf::from(arg)),
            _ if file.is_none() => file = Some(PathBuf::from(arg)),
            _ => bail!("usage: serve_bench SITE FILE [--saves K] [--now YYYY-MM-DD]"),
        }
    }
    let site = std::path::absolute(site.context("SITE")?)?;
    let path = site.join(file.context("FILE")?);
    let original = std::fs::read_to_string(&path)?;
    let options = LoadOptions {
        root: site.clone(),
        drafts: true,
        audience: Visibility::Internal,
        now,
        fail_on_overdue: false,
    };
    let mut incremental = Incremental::new(options, "http://127.0.0.1:1111");
    let started = Instant::now();
    match incremental.rebuild(&Changed::Everything)? {
        Ok(step) => eprintln!(
            "first build: {} ms, {} files",
            started.elapsed().as_millis(),
            step.write.len()
        ),
        Err(problems) => bail!("the site has errors:\n{}", problems.tally()),
    }
    let mut times = Vec::new();
    let mut text = original.clone();
    for k in 0..saves {
        text = format!("{}\n\nA sentence added in save {k}.\n", text.trim_end());
        std::fs::write(&path, &text)?;
        let started = Instant::now();
        let step = incremental.rebuild(&Changed::Content(vec![path.clone()]))?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let step = step.map_err(|p| anyhow::anyhow!("errors: {}", p.tally()))?;
        eprintln!(
            "save {k}: {ms:.1} ms, {} rendered, {} warnings",
            step.rendered,
            step.diagnostics.warnings()
        );
        times.push(ms);
        // The search index is not part of the save: let it finish before the next one.
        incremental.wait_for_search();
    }
    std::fs::write(&path, original)?;
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((q * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1];
    println!("median {:.1} ms, p90 {:.1} ms", at(0.5), at(0.9));
    Ok(())
}
