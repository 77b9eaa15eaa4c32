//! Rich text: sanitising HTML on the way in, and deriving its plain text.
//!
//! Note bodies and comments come from a host's rich-text editor. They are cleaned with
//! [ammonia] (an html5ever-based allow-list sanitiser) before anything is stored, so no
//! script, event handler, `javascript:` URL or SVG payload can reach a client's screen, while
//! formatting, links, images and video survive. Links get `rel="noopener noreferrer"`.

use std::collections::HashSet;

use ammonia::Builder;

/// Longest rich-text input accepted, in bytes (before cleaning).
pub const MAX_HTML_BYTES: usize = 1024 * 1024;

/// The sanitiser's allow-list. Built per call (a few microseconds, on writes only) rather than
/// cached in a static, so an embedding host's leak checker sees nothing left at exit.
fn builder() -> Builder<'static> {
    {
        let mut b = Builder::default();
        b.add_tags(["video", "source", "figure", "figcaption", "mark", "s", "u"])
            .add_tag_attributes("video", ["src", "controls", "width", "height", "poster"])
            .add_tag_attributes("source", ["src", "type"])
            .add_tag_attributes("img", ["width", "height"])
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel", "data"]))
            .attribute_filter(|element, attribute, value| {
                // data: URLs only for pictures (pasted images), and never SVG (it can script).
                if matches!(attribute, "src" | "href" | "poster")
                    && value.trim_start().to_ascii_lowercase().starts_with("data:")
                {
                    let v = value.trim_start().to_ascii_lowercase();
                    let picture = element == "img"
                        && v.starts_with("data:image/")
                        && !v.starts_with("data:image/svg");
                    return if picture { Some(value.into()) } else { None };
                }
                Some(value.into())
            });
        b
    }
}

/// The cleaned HTML.
pub fn sanitize(html: &str) -> String {
    builder().clean(html).to_string()
}

/// The text of (already sanitised) HTML, whitespace collapsed: what search indexes.
pub fn plain_text(clean_html: &str) -> String {
    let mut text_only = Builder::empty();
    text_only.clean_content_tags(HashSet::from(["script", "style"]));
    // Tags become word breaks ("</p><p>" must not glue two words); in sanitised HTML a `<`
    // only ever opens a tag, so this adds whitespace and nothing else.
    let spaced = clean_html.replace('<', " <");
    let escaped = text_only.clean(&spaced).to_string();
    let text = escaped
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text for inclusion in HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Marks that delimit a match inside a snippet before it is escaped.
pub(crate) const MARK_OPEN: char = '\u{1}';
pub(crate) const MARK_CLOSE: char = '\u{2}';

/// A snippet with [`MARK_OPEN`]/[`MARK_CLOSE`] around matches, as safe HTML with `<mark>`.
pub(crate) fn snippet_html(raw: &str) -> String {
    escape(raw)
        .replace(MARK_OPEN, "<mark>")
        .replace(MARK_CLOSE, "</mark>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_html() {
        assert_eq!(
            plain_text(&sanitize("<p>Goals&nbsp;for <b>Q3</b></p><p>a &lt; b</p>")),
            "Goals for Q3 a < b"
        );
    }

    #[test]
    fn snippets_escape_the_text_and_keep_the_marks() {
        assert_eq!(
            snippet_html("x <script> \u{1}goal\u{2}"),
            "x &lt;script&gt; <mark>goal</mark>"
        );
    }
}
