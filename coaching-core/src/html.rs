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

/// Schemes a stored URL may have. `data:` only for inline pictures ([`PICTURE_TYPES`]).
const URL_SCHEMES: [&str; 5] = ["http", "https", "mailto", "tel", "data"];
/// Media types of the `data:` pictures an `<img src>` may carry inline (pasted images); never
/// SVG, which can script.
const PICTURE_TYPES: [&str; 6] = [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/avif",
    "image/bmp",
];

/// The sanitiser's allow-list. Built per call (a few microseconds, on writes only) rather than
/// cached in a static, so an embedding host's leak checker sees nothing left at exit.
fn builder() -> Builder<'static> {
    let mut b = Builder::default();
    b.add_tags(["video", "source", "figure", "figcaption", "mark", "s", "u"])
        .add_tag_attributes("video", ["src", "controls", "width", "height", "poster"])
        .add_tag_attributes("source", ["src", "type"])
        .add_tag_attributes("img", ["width", "height"])
        .url_schemes(HashSet::from(URL_SCHEMES))
        .attribute_filter(|element, attribute, value| {
            if matches!(
                attribute,
                "src"
                    | "href"
                    | "poster"
                    | "xlink:href"
                    | "action"
                    | "formaction"
                    | "data"
                    | "cite"
                    | "longdesc"
                    | "background"
            ) {
                url_attribute(element, attribute, value).map(Into::into)
            } else {
                Some(value.into())
            }
        });
    b
}

/// A URL attribute as it may be stored, or `None` to drop it.
///
/// The scheme is decided as browsers decide it: the WHATWG URL parser (the `url` crate)
/// strips leading and trailing C0 controls and spaces and removes every tab, line feed and
/// carriage return before reading the scheme, so `d\tata:` is `data:` and `\u{1}javascript:`
/// is `javascript:`. The stored value is the one with those characters removed, so what is
/// stored is what any browser reads. A relative URL (no scheme) is kept.
fn url_attribute(element: &str, attribute: &str, value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match url::Url::parse(&cleaned) {
        Ok(u) => {
            let scheme = u.scheme();
            if !URL_SCHEMES.contains(&scheme) {
                return None;
            }
            if scheme == "data" {
                // Only a picture, only where a picture is shown.
                let media = u
                    .path()
                    .split([';', ','])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase();
                let picture = element == "img"
                    && attribute == "src"
                    && PICTURE_TYPES.contains(&media.as_str());
                if !picture {
                    return None;
                }
            }
            Some(cleaned)
        }
        // No scheme: resolved against the page, it stays on the host's own origin.
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            // A scheme-like prefix the parser refused (e.g. `java\0script:`) is not relative.
            let head = cleaned.split(['/', '?', '#']).next().unwrap_or_default();
            if head.contains(':') {
                None
            } else {
                Some(cleaned)
            }
        }
        Err(_) => None,
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
    fn url_schemes_are_read_as_browsers_read_them() {
        for hidden in [
            "<a href=\"d&#x09;ata:text/html,<script>alert(1)</script>\">x</a>",
            "<a href=\"&#x01;javascript:alert(1)\">x</a>",
            "<a href=\"java&#x0A;script:alert(1)\">x</a>",
            "<img src=\"data:image/sv&#x09;g+xml;base64,PHN2Zz4=\">",
            "<video poster=\"d&#x09;ata:text/html,x\"></video>",
            "<img src=\"data:text/html,x\">",
            "<a href=\"data:image/png;base64,AAAA\">x</a>",
        ] {
            let out = sanitize(hidden);
            assert!(
                !out.contains("data:") && !out.contains("javascript"),
                "{hidden} -> {out}"
            );
        }
        assert_eq!(
            sanitize("<img src=\"data:image/png;base64,iVBORw0KGgo=\">"),
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\">"
        );
        assert_eq!(
            sanitize("<a href=\"ht&#x09;tps://example.com/a\">x</a>"),
            "<a href=\"https://example.com/a\" rel=\"noopener noreferrer\">x</a>"
        );
        assert_eq!(
            sanitize("<a href=\"/help?x=1\">x</a>"),
            "<a href=\"/help?x=1\" rel=\"noopener noreferrer\">x</a>"
        );
    }

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
