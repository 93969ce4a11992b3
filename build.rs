//! Embeds the default theme (`themes/default/`) in the binary, so an installed debrief needs no files beside it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(root, root, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Every file of the default theme: path relative to the theme, and its bytes.\npub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for rel in &files {
        let abs = Path::new(env!("CARGO_MANIFEST_DIR")).join(root).join(rel);
        let _ = writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_theme.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}
