//! Measures the search index on a synthetic archive: `cargo run --release --example search_bench [N] [DIR]`.
//!
//! Builds the index for N generated post-mortems (default 10,000), writes it under DIR (default
//! `target/search-bench`), and prints its size, file count and build time per document. The cost of
//! a cold query is measured by `bench/search_cold.mjs` over the written folder, with the client's own logic.

mod corpus;

use std::time::Instant;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/search-bench".into()));
    let mut rng = corpus::Rng::new(7);
    let lex = corpus::Lexicon::new(&mut rng);
    let docs: Vec<_> = (0..n)
        .map(|i| corpus::document(i, &mut rng, &lex))
        .collect();
    let words: usize = docs
        .iter()
        .map(|d| {
            [&d.summary, &d.impact, &d.root_cause, &d.resolution, &d.body]
                .iter()
                .map(|t| t.split_whitespace().count())
                .sum::<usize>()
        })
        .sum();

    let start = Instant::now();
    let files = debrief::search::build(&docs);
    let elapsed = start.elapsed();

    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    for (path, bytes) in &files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let by_kind = |prefix: &str| -> (usize, usize) {
        let f: Vec<_> = files
            .iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .collect();
        (f.len(), f.iter().map(|(_, b)| b.len()).sum())
    };
    println!(
        "documents        {n} ({} words of prose on average)",
        words / n.max(1)
    );
    println!(
        "index            {:.2} MB in {} files",
        total as f64 / 1e6,
        files.len()
    );
    for (name, prefix) in [
        ("entry", "search/entry"),
        ("metadata", "search/m-"),
        ("shards", "search/t-"),
        ("card blocks", "search/c-"),
    ] {
        let (count, bytes) = by_kind(prefix);
        println!(
            "  {name:<14} {count:>4} files {:>9.1} KB",
            bytes as f64 / 1e3
        );
    }
    println!(
        "build            {:.0} ms, {:.3} ms per document (one core)",
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e3 / n.max(1) as f64
    );
    println!("written to       {}", dir.display());
    Ok(())
}
