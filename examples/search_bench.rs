//! Times the search index of a real site, as `debrief build` makes it, for `bench/search.py`:
//! `cargo run --release --example search_bench -- SITE [--now YYYY-MM-DD] [--runs R] [--check DIR]`.
//!
//! Loads SITE through the library (`pipeline::load`, public incidents, no drafts, as a plain build
//! does), then times the two steps of the index separately: `search::from_site::documents` (plain
//! text of every incident) and `search::build` (the index files), each parallel in the build and
//! timed here on one thread and on every thread, R times each. With `--check DIR` it also
//! verifies that the files it built are byte for byte the `search/` folder of the built site DIR
//! (the search page `search/index.html` aside), so the time is that of exactly what the build wrote.
//! Prints one JSON object on stdout: wall milliseconds of each run, and the process's CPU milliseconds
//! (which a busy machine inflates less than wall time).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use debrief::model::incident::Visibility;
use debrief::pipeline::{LoadOptions, load};
use debrief::search::{self, from_site};

/// What the command line asked for.
struct Args {
    site: PathBuf,
    now: Option<jiff::civil::Date>,
    runs: usize,
    check: Option<PathBuf>,
}

fn args() -> Result<Args> {
    let mut site = None;
    let (mut now, mut runs, mut check) = (None, 1, None);
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--now" => now = Some(value()?.parse().context("--now takes YYYY-MM-DD")?),
            "--runs" => runs = value()?.parse().context("--runs takes a whole number")?,
            "--check" => check = Some(PathBuf::from(value()?)),
            _ if site.is_none() && !arg.starts_with('-') => site = Some(PathBuf::from(arg)),
            _ => bail!(
                "unexpected argument {arg:?}; usage: search_bench SITE [--now YYYY-MM-DD] [--runs R] [--check DIR]"
            ),
        }
    }
    let site =
        site.context("usage: search_bench SITE [--now YYYY-MM-DD] [--runs R] [--check DIR]")?;
    Ok(Args {
        site,
        now,
        runs: runs.max(1),
        check,
    })
}

/// CPU time of the whole process so far, in milliseconds (wall time where it cannot be read).
#[cfg(target_os = "linux")]
fn cpu_ms() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
}

/// CPU time of the whole process so far, in milliseconds (wall time where it cannot be read).
#[cfg(not(target_os = "linux"))]
fn cpu_ms() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

/// Wall and CPU milliseconds of each of `runs` calls of `f`, and the last result.
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (serde_json::Value, T) {
    let (mut wall, mut cpu) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let mut last = None;
    for _ in 0..runs {
        let (start, start_cpu) = (Instant::now(), cpu_ms());
        last = Some(f());
        wall.push(start.elapsed().as_secs_f64() * 1e3);
        cpu.push(cpu_ms() - start_cpu);
    }
    let times = serde_json::json!({ "wall_ms": wall, "cpu_ms": cpu });
    (times, last.expect("at least one run"))
}

/// Fails unless `files` are exactly the index files under `out/search/`.
fn check(files: &[(String, Vec<u8>)], out: &Path) -> Result<()> {
    let mut written = BTreeMap::new();
    for entry in std::fs::read_dir(out.join("search"))
        .with_context(|| format!("reading {}", out.display()))?
    {
        let entry = entry?;
        let name = format!("search/{}", entry.file_name().to_string_lossy());
        if name != "search/index.html" {
            written.insert(name, std::fs::read(entry.path())?);
        }
    }
    let built: BTreeMap<_, _> = files.iter().map(|(p, b)| (p.clone(), b.clone())).collect();
    if built != written {
        bail!(
            "the index built here differs from {}/search/: was the site built from the same content?",
            out.display()
        );
    }
    Ok(())
}

fn main() -> Result<()> {
    let args = args()?;
    let options = LoadOptions {
        root: args.site.clone(),
        drafts: false,
        audience: Visibility::Public,
        now: args.now,
        fail_on_overdue: false,
    };
    let loaded = load(&options, &|| {})?;
    let Some(site) = loaded.site.filter(|_| loaded.diagnostics.errors() == 0) else {
        bail!(
            "{} has content errors: run `debrief check` on it",
            args.site.display()
        );
    };
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let (documents_1, _) = timed(args.runs, || one.install(|| from_site::documents(&site)));
    let (documents_all, docs) = timed(args.runs, || from_site::documents(&site));
    let (build_1, _) = timed(args.runs, || one.install(|| search::build(&docs)));
    let (build, files) = timed(args.runs, || search::build(&docs));
    if let Some(out) = &args.check {
        check(&files, out)?;
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let report = serde_json::json!({
        "docs": docs.len(),
        "threads": rayon::current_num_threads(),
        "documents_one_thread": documents_1,
        "documents": documents_all,
        "build_one_thread": build_1,
        "build": build,
        "files": files.len(),
        "bytes": bytes,
        "checked": args.check.is_some(),
    });
    println!("{report}");
    Ok(())
}
