//! Tables for the terminal, shared by the commands that list things (`actions`, `search`): each
//! column as wide as its widest cell, one column cut with `…` so lines fit the terminal, and a
//! style per line (colour reaches only a terminal). Cells come from content, which anyone may
//! write, so no control character in them reaches the terminal: an escape sequence could repaint
//! or retitle it.

use console::{Style, measure_text_width, pad_str, truncate_str};

/// The narrowest the cut column gets, however narrow the terminal.
const MIN_FLEX: usize = 12;

/// `rows` (each line's cells and style) under bold `headers`, two spaces between columns. When
/// `width` is known, column `flex` is cut so every line fits in it (down to 12 columns wide).
pub fn render(
    headers: &[&str],
    rows: &[(Vec<String>, Style)],
    flex: usize,
    width: Option<usize>,
) -> String {
    let rows: Vec<(Vec<String>, &Style)> = rows
        .iter()
        .map(|(cells, style)| (cells.iter().map(|c| printable(c)).collect(), style))
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| measure_text_width(h)).collect();
    for (cells, _) in &rows {
        for (w, cell) in widths.iter_mut().zip(cells) {
            *w = (*w).max(measure_text_width(cell));
        }
    }
    if let Some(total) = width
        && flex < widths.len()
    {
        let others: usize = widths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != flex)
            .map(|(_, w)| w + 2)
            .sum();
        widths[flex] = widths[flex].min(total.saturating_sub(others).max(MIN_FLEX));
    }
    let mut out = String::new();
    let mut line = |cells: &[String], style: &Style| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| {
                pad_str(
                    &truncate_str(cell, *w, "…"),
                    *w,
                    console::Alignment::Left,
                    None,
                )
                .into_owned()
            })
            .collect();
        out.push_str(&style.apply_to(parts.join("  ").trim_end()).to_string());
        out.push('\n');
    };
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    line(&headers, &Style::new().bold());
    for (cells, style) in &rows {
        line(cells, style);
    }
    out
}

/// `text` on one line with nothing a terminal would obey: whitespace controls (tab, newline) become
/// spaces, every other control character `�`.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() && c.is_whitespace() => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_flexible_column_is_cut_to_the_width() {
        let rows = vec![(
            vec![
                "1".to_string(),
                "a rather long title that goes on".to_string(),
                "end".to_string(),
            ],
            Style::new(),
        )];
        let whole = render(&["#", "TITLE", "LAST"], &rows, 1, None);
        assert_eq!(
            whole,
            "#  TITLE                             LAST\n1  a rather long title that goes on  end\n"
        );
        let cut = render(&["#", "TITLE", "LAST"], &rows, 1, Some(24));
        assert_eq!(cut, "#  TITLE            LAST\n1  a rather long …  end\n");
        let narrow = render(&["#", "TITLE", "LAST"], &rows, 1, Some(5));
        assert!(narrow.contains("a rather lo… "), "never under 12: {narrow}");
    }

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        let rows = vec![(vec!["a\u{1b}[2Jb\tc\nd\u{9b}e".to_string()], Style::new())];
        assert_eq!(render(&["X"], &rows, 0, None), "X\na�[2Jb c d�e\n");
    }
}
