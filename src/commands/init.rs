//! `debrief init` and `debrief new`: a new site, and a new post-mortem from the theme's archetype.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use jiff::civil::Date;

use crate::config::{Config, FILE_NAME};
use crate::render::theme::Theme;
use crate::util::slug::slugify;

/// Files under `content/` that a repository of post-mortems usually holds besides them.
const IGNORE: &str = "# Files under content/ that are not post-mortems.\nignore = [\"**/README.md\", \"**/CONTRIBUTING.md\", \"**/LICENSE*\", \"**/_templates/**\"]\n";

/// What a site's repository should not track: the output and editors' files.
const GITIGNORE: &str =
    "# debrief's output\n/public/\n# editors and systems\n.DS_Store\nThumbs.db\n*.swp\n*~\n";

/// Creates a site in `dir`, refusing to overwrite anything.
pub fn init(dir: &Path, lang: &str) -> Result<ExitCode> {
    if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        bail!("--lang {lang:?} is not a language code such as `en` or `nb`");
    }
    let config = dir.join(FILE_NAME);
    for existing in [config.clone(), dir.join("content")] {
        if existing.exists() {
            bail!(
                "{} already exists; debrief init never overwrites a site",
                existing.display()
            );
        }
    }
    std::fs::create_dir_all(dir.join("content"))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let title = if lang == "nb" {
        "Driftshistorikk"
    } else {
        "Incident archive"
    };
    let timezone = if lang == "nb" { "Europe/Oslo" } else { "UTC" };
    std::fs::write(
        &config,
        format!(
            "title = \"{title}\"\nbase_url = \"https://status.example.com\"\nlanguage = \"{lang}\"\ntimezone = \"{timezone}\"\n{IGNORE}"
        ),
    )?;
    if !dir.join(".gitignore").exists() {
        std::fs::write(dir.join(".gitignore"), GITIGNORE)?;
    }
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let example = write_post(
        dir,
        "default",
        "Example: checkout latency after a cache node failure",
        lang,
        today,
    )?;
    println!(
        "created a site in {} with {}",
        dir.display(),
        example.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Creates a post-mortem in the site at `root` and prints its path.
pub fn new(root: &Path, title: &str, lang: Option<&str>, date: Option<Date>) -> Result<ExitCode> {
    let config = Config::load(root).map_err(|diagnostics| {
        let text: Vec<String> = diagnostics.iter().map(|d| d.to_human()).collect();
        anyhow::anyhow!("{}", text.join("\n"))
    })?;
    let date = date.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned_datetime(config.tz.clone())
            .date()
    });
    let path = write_post(
        root,
        &config.theme,
        title,
        lang.unwrap_or(&config.language),
        date,
    )?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn write_post(root: &Path, theme: &str, title: &str, lang: &str, date: Date) -> Result<PathBuf> {
    let slug = slugify(title);
    if slug.is_empty() {
        bail!("cannot make a file name from the title {title:?}: use some letters or digits");
    }
    let rel = PathBuf::from("content")
        .join(date.year().to_string())
        .join(format!("{date}-{slug}.md"));
    let path = root.join(&rel);
    if path.exists() {
        bail!("{} already exists", rel.display());
    }
    let theme = Theme::load(root, theme)?;
    let archetype = theme
        .files
        .get(&format!("archetypes/incident.{lang}.md"))
        .or_else(|| theme.files.get("archetypes/incident.md"))
        .context("the theme has no archetypes/incident.md")?;
    let text = String::from_utf8_lossy(archetype)
        .replace("{title}", &inside_quotes(title))
        .replace("{date}", &date.to_string())
        .replace("{lang}", lang);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(rel)
}

/// `text` as the inside of a double-quoted front-matter string, which TOML basic strings and YAML
/// double-quoted scalars read alike: quotes, backslashes and control characters escaped.
fn inside_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inside_quotes;

    #[test]
    fn quotes_backslashes_and_control_characters_are_escaped() {
        assert_eq!(
            inside_quotes("a \"b\" c:\\d\ne\r\tf\u{7}\u{7f}\u{85} ø 障 🔥"),
            "a \\\"b\\\" c:\\\\d\\ne\\r\\tf\\u0007\\u007F\\u0085 ø 障 🔥"
        );
    }
}
