//! Rich text: real XSS payloads are neutralised, formatting survives — both in the sanitiser
//! and through the API (note bodies and comments as stored).

use coaching_core::html::sanitize;
use coaching_core::*;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" ONERROR=\"alert(document.cookie)\">",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">click</a>",
    "<a href=\" javascript:alert(1)\">click</a>",
    "<a href=\"java\tscript:alert(1)\">click</a>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<body onload=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<video><source onerror=\"alert(1)\"></video>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<<script>script>alert(1)//<</script>/script>",
];

/// What must never be in stored HTML.
fn assert_safe(html: &str, payload: &str) {
    let lower = decode_char_refs(&html.to_lowercase()).replace(['\t', '\n', '\r'], "");
    for bad in [
        "<script",
        "javascript:",
        "<svg",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<meta",
        "<base",
        "<style",
        "style=",
        "data:text",
        "data:image/svg",
        "srcdoc",
        "<input",
    ] {
        assert!(
            !lower.contains(bad),
            "`{bad}` survived in {html:?} (from {payload:?})"
        );
    }
    // No event-handler attribute of any kind.
    let attr_start = lower.match_indices(" on").any(|(i, _)| {
        let rest = &lower[i + 3..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        !name.is_empty()
            && rest[name.len()..].starts_with('=')
            && lower[..i].rfind('<') > lower[..i].rfind('>')
    });
    assert!(
        !attr_start,
        "an event handler survived in {html:?} (from {payload:?})"
    );
}

/// Decodes `&#NN;` and `&#xNN;` references, as a browser would before reading a URL.
fn decode_char_refs(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find(';').unwrap_or(0);
        let code = &after[..end];
        let value = if let Some(hex) = code.strip_prefix('x') {
            u32::from_str_radix(hex, 16).ok()
        } else {
            code.parse().ok()
        };
        match value.and_then(char::from_u32) {
            Some(c) if end > 0 => {
                out.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn xss_payloads_are_neutralised() {
    for p in PAYLOADS {
        assert_safe(&sanitize(p), p);
    }
}

#[test]
fn formatting_links_images_and_video_survive() {
    let cases = [
        (
            "<p><b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em> <u>u</u> <s>s</s></p>",
            "<p><b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em> <u>u</u> <s>s</s></p>",
        ),
        (
            "<h2>Title</h2><blockquote>quote</blockquote>",
            "<h2>Title</h2><blockquote>quote</blockquote>",
        ),
        (
            "<ul><li>one</li><li>two</li></ul><ol><li>1</li></ol>",
            "<ul><li>one</li><li>two</li></ul><ol><li>1</li></ol>",
        ),
        (
            "<a href=\"https://example.com/page?q=1\">link</a>",
            "<a href=\"https://example.com/page?q=1\" rel=\"noopener noreferrer\">link</a>",
        ),
        (
            "<a href=\"mailto:coach@example.com\">mail</a>",
            "<a href=\"mailto:coach@example.com\" rel=\"noopener noreferrer\">mail</a>",
        ),
        (
            "<img src=\"https://example.com/a.png\" alt=\"chart\" width=\"200\">",
            "<img src=\"https://example.com/a.png\" alt=\"chart\" width=\"200\">",
        ),
        (
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
        ),
        (
            "<video src=\"https://example.com/v.mp4\" controls></video>",
            "<video src=\"https://example.com/v.mp4\" controls=\"\"></video>",
        ),
        ("<p>a &lt; b &amp; c</p>", "<p>a &lt; b &amp; c</p>"),
        (
            "<table><tbody><tr><td>cell</td></tr></tbody></table>",
            "<table><tbody><tr><td>cell</td></tr></tbody></table>",
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(sanitize(input), expected, "{input}");
    }
}

#[test]
fn through_the_api_stored_bodies_and_comments_are_clean() {
    let lib = Coaching::in_memory();
    let (p, o) = lib
        .create_practice(NewPractice {
            name: "P".into(),
            time_zone: "UTC".into(),
            plan: Plan::solo(),
            owner_name: "O".into(),
            owner_email: None,
        })
        .unwrap();
    let me = Actor::Coach(o.id);
    let c = lib
        .add_client(
            me,
            p.id,
            NewClient {
                name: "C".into(),
                email: None,
                has_portal: true,
            },
        )
        .unwrap();
    let e = lib
        .create_engagement(
            me,
            p.id,
            NewEngagement {
                coach_id: Some(o.id),
                client_id: Some(c.id),
                program_name: Some("X".into()),
                planned: Some(Planned::sessions(3)),
                ..Default::default()
            },
        )
        .unwrap();
    lib.activate(me, e.id).unwrap();
    for payload in PAYLOADS {
        let body = format!("<p>keep <b>this</b></p>{payload}");
        let n = lib
            .create_note(
                me,
                e.id,
                NewNote {
                    title: "XSS".into(),
                    body_html: body.clone(),
                    template: None,
                },
            )
            .unwrap();
        assert_safe(&n.body_html, payload);
        assert!(
            n.body_html.starts_with("<p>keep <b>this</b></p>"),
            "{}",
            n.body_html
        );
        assert_safe(&lib.note(me, n.id).unwrap().body_html, payload);
        let edited = lib
            .update_note(
                me,
                n.id,
                NoteUpdate {
                    body_html: Some(body.clone()),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_safe(&edited.body_html, payload);
        lib.set_note_shared(me, n.id, true).unwrap();
        let comment = lib
            .add_comment(
                Actor::Client(c.id),
                CommentTarget::Note(n.id),
                &format!("ok {payload}"),
            )
            .unwrap();
        assert_safe(&comment.body_html, payload);
    }
}

#[test]
fn the_checker_flags_every_raw_payload() {
    for p in PAYLOADS {
        let flagged = std::panic::catch_unwind(|| assert_safe(p, p)).is_err();
        assert!(flagged, "the safety check would not notice {p:?}");
    }
}
