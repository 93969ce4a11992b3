//! Link and image URLs that run code when followed (`javascript:`, `vbscript:`, `data:text/html`),
//! which `raw_html = false` takes out along with raw HTML: without them, text from untrusted writers
//! cannot run script on the page however its links are written.

/// What an unsafe URL is replaced with: a link to the top of the page, which runs nothing.
pub(super) const INERT_URL: &str = "#";

/// The `data:` types an image (or link) may keep: raster pictures, which cannot hold script.
/// SVG can, so `data:image/svg+xml` is not among them.
const RASTER_IMAGES: &[&str] = &["image/png", "image/gif", "image/jpeg", "image/webp"];

/// Whether following `url` (a link's or image's destination, entities already decoded) could run
/// code: a `javascript:` or `vbscript:` URL, or a `data:` URL that is not a raster image.
///
/// The URL is read as a browser reads it: leading spaces and control characters are dropped, tabs
/// and line breaks anywhere are ignored, and the scheme is case-insensitive, so `JaVaScRiPt:`,
/// `java<TAB>script:` and ` javascript:` are all caught.
pub(super) fn is_unsafe(url: &str) -> bool {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // `./a:b`, `#x:y`: a relative URL, whatever follows the colon.
        return false;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "javascript" | "vbscript" => true,
        "data" => {
            let media_type = rest.split([',', ';']).next().unwrap_or_default();
            let media_type = media_type.trim().to_ascii_lowercase();
            !RASTER_IMAGES.contains(&media_type.as_str())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_unsafe;
    use crate::parse::markdown::{MarkdownOptions, render, render_inline};

    fn escaped(markdown: &str) -> String {
        render(markdown, &MarkdownOptions { raw_html: false }, &[]).html
    }

    #[test]
    fn script_links_in_every_spelling_keep_their_text_and_lose_their_url() {
        for link in [
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](<java\tscript:alert(1)>)",
            "[click](java&#9;script:alert(1))",
            "[click](java&Tab;script:alert(1))",
            "[click](&#106;avascript:alert(1))",
            "[click](&#x6A;avascript:alert(1))",
            "[click](< javascript:alert(1)>)",
            "[click](&#1;javascript:alert(1))",
            "[click](&#32;&#10;javascript:alert(1))",
            "[click](vbscript:msgbox(1))",
            "[click](VBScript:msgbox(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        ] {
            assert_eq!(
                escaped(link),
                "<p><a href=\"#\">click</a></p>\n",
                "{link:?}"
            );
        }
    }

    #[test]
    fn script_autolinks_keep_their_text() {
        assert_eq!(
            escaped("<JaVaScRiPt:alert(1)>"),
            "<p><a href=\"#\">JaVaScRiPt:alert(1)</a></p>\n"
        );
    }

    #[test]
    fn script_reference_links_are_neutralised() {
        assert_eq!(
            escaped("See [this][r] and [r].\n\n[r]: vbscript:msgbox(1)\n"),
            "<p>See <a href=\"#\">this</a> and <a href=\"#\">r</a>.</p>\n"
        );
    }

    #[test]
    fn images_keep_raster_data_urls_only() {
        assert_eq!(
            escaped("![graph](data:image/png;base64,iVBORw0KGgo=)"),
            "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"graph\" /></p>\n"
        );
        assert_eq!(
            escaped("![graph](DATA:Image/WebP;base64,UklGRg==)"),
            "<p><img src=\"DATA:Image/WebP;base64,UklGRg==\" alt=\"graph\" /></p>\n"
        );
        for image in [
            "![graph](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
            "![graph](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E)",
            "![graph](javascript:alert(1))",
            "![graph](data:image/pngx;base64,AAAA)",
        ] {
            assert_eq!(
                escaped(image),
                "<p><img src=\"#\" alt=\"graph\" /></p>\n",
                "{image:?}"
            );
        }
    }

    #[test]
    fn front_matter_text_is_neutralised_too() {
        assert_eq!(
            render_inline(
                "[run](javascript:x())",
                &MarkdownOptions { raw_html: false }
            ),
            "<a href=\"#\">run</a>"
        );
    }

    #[test]
    fn ordinary_urls_are_kept() {
        for url in [
            "https://example.com/a:b",
            "incident:INC-1",
            "mailto:sre@example.com",
            "javascript.html",
            "./javascript:x",
            "#javascript:x",
            "/docs/data:text",
        ] {
            assert!(!is_unsafe(url), "{url}");
        }
        assert_eq!(
            escaped("[docs](https://example.com/x?a=1)"),
            "<p><a href=\"https://example.com/x?a=1\">docs</a></p>\n"
        );
    }

    #[test]
    fn with_raw_html_links_are_left_as_written() {
        let out = render("[x](javascript:a())", &MarkdownOptions::default(), &[]).html;
        assert_eq!(out, "<p><a href=\"javascript:a()\">x</a></p>\n");
    }
}
