//! The crate's layout: each folder of `src/` is a pipeline stage, imports only point down the
//! stages, and no two modules import each other in a ring.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages from the bottom up; a module may import its own stage and those listed before it.
const STAGES: &[&str] = &[
    "diagnostic",
    "util",
    "model",
    "config",
    "parse",
    "site",
    "publish",
    "search",
    "render",
    "pipeline",
    "serve",
    "cli",
    "commands",
    "main",
    "lib",
];

/// Every `.rs` file under `src/` as (module path, text): `src/parse/reader/texts.rs` → `parse::reader::texts`.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(&src).expect("under src");
            let name = rel
                .with_extension("")
                .to_string_lossy()
                .replace(['/', '\\'], "::");
            let text = std::fs::read_to_string(e.path()).expect("readable source");
            (name, text)
        })
        .collect()
}

/// The modules a file names through `crate::…` paths, resolved to the longest known module.
fn imports(text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (at, _) in line.match_indices("crate::") {
            let path: String = line[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            if let Some(module) = (1..=parts.len())
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|m| known.contains(m))
            {
                found.insert(module);
            }
        }
    }
    found
}

fn stage(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or(module);
    STAGES
        .iter()
        .position(|s| *s == top)
        .unwrap_or_else(|| panic!("src/{top} is not a known stage; add it to STAGES in order"))
}

fn related(a: &str, b: &str) -> bool {
    a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
}

#[test]
fn imports_only_point_down_the_stages() {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let mut upward = Vec::new();
    for (module, text) in &modules {
        for target in imports(text, &known) {
            if stage(&target) > stage(module) {
                upward.push(format!("{module} → {target}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that point up the stages:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_module_imports_reach_back_to_themselves() {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    // Edges between modules where neither contains the other (a parent and its own children may
    // share items freely).
    let edges: BTreeMap<&str, Vec<String>> = modules
        .iter()
        .map(|(m, text)| {
            let out = imports(text, &known)
                .into_iter()
                .filter(|t| !related(m, t))
                .collect();
            (m.as_str(), out)
        })
        .collect();
    let mut cycles = Vec::new();
    for start in edges.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack = vec![(start.to_string(), vec![start.to_string()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(node.as_str()).into_iter().flatten() {
                if next == start {
                    cycles.push(format!("{} → {start}", path.join(" → ")));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "import rings:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_sees_an_upward_import() {
    let known: BTreeSet<String> = ["render::view", "util::slug"].map(String::from).into();
    let found = imports(
        "use crate::render::view::Card;\n// crate::util::slug\n",
        &known,
    );
    assert_eq!(found, BTreeSet::from(["render::view".to_string()]));
    assert!(stage("render::view") > stage("parse::reader"));
}
