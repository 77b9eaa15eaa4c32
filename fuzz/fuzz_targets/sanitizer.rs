//! `coaching_core::html::sanitize` on arbitrary text.
//!
//! The output is re-parsed with html5ever — the parser ammonia itself uses, spec-conformant —
//! both as a fragment in a `<div>` (as ammonia parses, and as `innerHTML` would) and as a whole
//! document, and every element that ends up in the tree is checked:
//! - it is an HTML element (no SVG/MathML foreign content) and not a scripting, embedding,
//!   form, metadata or raw-text element (`script`, `style`, `iframe`, `object`, `form`, ...);
//! - it has no `on*` event-handler attribute, no `style`, no `srcdoc`;
//! - every URL attribute (`href`, `src`, `poster`, `action`, `formaction`, `xlink:href`,
//!   `srcset` candidates) — after the WHATWG URL parser's own clean-up: leading/trailing C0
//!   controls and spaces stripped, every ASCII tab/LF/CR removed — is relative or has scheme
//!   `http`, `https`, `mailto` or `tel`; a `data:` URL is only accepted as the `src` of an
//!   `img` and only for a non-SVG `image/` type.
//!
//! The sanitised output sanitised again must pass the same checks, and `html::plain_text`
//! must not panic on either. Idempotence (`sanitize(sanitize(x)) == sanitize(x)`) is not
//! guaranteed by ammonia — HTML serialisation does not always round-trip through the parser —
//! so it is only asserted with `COACHING_FUZZ_STRICT=1` in the environment.

#![no_main]

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::sync::OnceLock;

use coaching_core::html::{plain_text, sanitize};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, ExpandedName, LocalName, Namespace, QualName};
use libfuzzer_sys::fuzz_target;

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("COACHING_FUZZ_STRICT").is_some_and(|v| v != "0"))
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let once = sanitize(&input);
    check(&once, &input, "sanitize(input)");
    let _ = plain_text(&once);

    let twice = sanitize(&once);
    check(&twice, &input, "sanitize(sanitize(input))");
    let _ = plain_text(&twice);

    if strict() {
        assert_eq!(once, twice, "sanitize is not idempotent on input {input:?}");
    }
});

/// Panics, naming every problem, if `html` is not safe.
fn check(html: &str, input: &str, what: &str) {
    let mut problems = Vec::new();
    for (how, doc) in [
        ("fragment in <div>", parse_fragment(html)),
        ("document", parse_document(html)),
    ] {
        walk(&doc, &mut |node| {
            if let Some(name) = &node.name {
                for p in element_problems(name, &node.attrs.borrow()) {
                    problems.push(format!("[{how}] {p}"));
                }
            }
        });
    }
    if !problems.is_empty() {
        panic!(
            "unsafe HTML from {what}:\n  {}\noutput: {html:?}\ninput:  {input:?}",
            problems.join("\n  ")
        );
    }
}

// ------------------------------------------------------------------------------ the checks

/// Elements that must never come out of the sanitiser.
const DENIED_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "base",
    "link",
    "meta",
    "title",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "keygen",
    "isindex",
    "svg",
    "math",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "listing",
    "portal",
    "fencedframe",
    "slot",
    "html",
    "head",
    "body",
];

/// Attributes that must never come out of the sanitiser (besides `on*`).
const DENIED_ATTRIBUTES: &[&str] = &["style", "srcdoc", "formaction", "action", "ping"];

fn element_problems(name: &QualName, attrs: &[Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    let el: &str = &name.local;
    // Fragment parsing puts the nodes under an <html> root, whole-document parsing adds
    // <html>, <head> and <body>: those come from the parser, not from the sanitiser.
    let parser_made = matches!(el, "html" | "head" | "body");
    if &*name.ns != HTML_NS {
        out.push(format!("foreign element <{el}> in namespace {}", &*name.ns));
    } else if DENIED_ELEMENTS.contains(&el) && !parser_made {
        out.push(format!("element <{el}>"));
    }
    for a in attrs {
        let local: String = str::to_ascii_lowercase(&a.name.local);
        let full = match &a.name.prefix {
            Some(p) => format!("{}:{local}", &**p),
            None => local.clone(),
        };
        let value: &str = &a.value;
        if local.starts_with("on") {
            out.push(format!("event handler {full}={value:?} on <{el}>"));
        }
        if DENIED_ATTRIBUTES.contains(&local.as_str()) {
            out.push(format!("attribute {full}={value:?} on <{el}>"));
        }
        let is_url = matches!(
            local.as_str(),
            "href" | "src" | "poster" | "action" | "formaction" | "xlink:href"
        ) || (&*a.name.ns == XLINK_NS && local == "href");
        if is_url {
            if let Err(why) = url_ok(el, &local, value) {
                out.push(format!("{full}={value:?} on <{el}>: {why}"));
            }
        }
        if local == "srcset" {
            for candidate in value.split(',') {
                let url = candidate
                    .trim_matches(is_ascii_ws)
                    .split(is_ascii_ws)
                    .next()
                    .unwrap_or("");
                // Only `img src` may hold a data: picture, so check candidates as "srcset".
                if let Err(why) = url_ok(el, "srcset", url) {
                    out.push(format!("srcset candidate {url:?} on <{el}>: {why}"));
                }
            }
        }
    }
    out
}

fn is_ascii_ws(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ')
}

/// What the WHATWG URL parser does to its input before anything else.
fn url_cleanup(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme of `url` (lower-cased), or `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let mut chars = url.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_ascii_alphabetic() => {}
        _ => return None,
    }
    for (i, c) in chars {
        if c == ':' {
            return Some(url[..i].to_ascii_lowercase());
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
    }
    None
}

fn url_ok(element: &str, attr: &str, value: &str) -> Result<(), String> {
    let url = url_cleanup(value);
    let Some(scheme) = scheme(&url) else {
        return Ok(()); // relative
    };
    match scheme.as_str() {
        "http" | "https" | "mailto" | "tel" => Ok(()),
        "data" => {
            if element != "img" || attr != "src" {
                return Err(format!("data: URL outside <img src> (seen as {url:?})"));
            }
            // The fetch spec's data: URL processor: strip ASCII whitespace, the MIME type is
            // what comes before the first comma, whitespace-stripped again.
            let body = url[5..].trim_matches(is_ascii_ws).to_ascii_lowercase();
            let mime = body
                .split(',')
                .next()
                .unwrap_or("")
                .trim_matches(is_ascii_ws);
            if mime.starts_with("image/") && !mime.starts_with("image/svg") {
                Ok(())
            } else {
                Err(format!("data: URL of type {mime:?} (seen as {url:?})"))
            }
        }
        other => Err(format!("scheme {other:?} (seen as {url:?})")),
    }
}

// --------------------------------------------------------- a minimal html5ever tree sink
//
// ammonia's own DOM (`ammonia::rcdom`) is private unless built with `--cfg ammonia_unstable`,
// and markup5ever_rcdom is not in the dependency tree, so here is just enough of a DOM:
// elements with their names, attributes, parent and children. Text, comments and doctypes
// are not kept (nothing is checked in them).

struct Node {
    /// `None` for the document and for non-element nodes.
    name: Option<QualName>,
    attrs: RefCell<Vec<Attribute>>,
    parent: RefCell<Option<Weak<Node>>>,
    children: RefCell<Vec<Handle>>,
    template_contents: Option<Handle>,
    annotation_xml_integration_point: bool,
}

type Handle = Rc<Node>;

impl Node {
    fn new(name: Option<QualName>, attrs: Vec<Attribute>) -> Handle {
        Rc::new(Node {
            name,
            attrs: RefCell::new(attrs),
            parent: RefCell::new(None),
            children: RefCell::new(Vec::new()),
            template_contents: None,
            annotation_xml_integration_point: false,
        })
    }
}

impl Drop for Node {
    // Iterative, so a deeply nested input cannot overflow the stack on drop.
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut *self.children.borrow_mut());
        while let Some(node) = stack.pop() {
            stack.append(&mut node.children.borrow_mut());
        }
    }
}

fn detach(node: &Handle) {
    let parent = node.parent.borrow_mut().take().and_then(|w| w.upgrade());
    if let Some(parent) = parent {
        parent
            .children
            .borrow_mut()
            .retain(|c| !Rc::ptr_eq(c, node));
    }
}

fn append_child(parent: &Handle, child: Handle) {
    detach(&child);
    *child.parent.borrow_mut() = Some(Rc::downgrade(parent));
    parent.children.borrow_mut().push(child);
}

/// Every node under `root` (template contents included), depth first, without recursion.
fn walk(root: &Handle, f: &mut dyn FnMut(&Node)) {
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        f(&node);
        stack.extend(node.children.borrow().iter().cloned());
        if let Some(t) = &node.template_contents {
            stack.push(t.clone());
        }
    }
}

struct Sink {
    document: Handle,
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Handle;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Handle {
        self.document
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        target
            .name
            .as_ref()
            .expect("elem_name of a non-element")
            .expanded()
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        Rc::new(Node {
            name: Some(name),
            attrs: RefCell::new(attrs),
            parent: RefCell::new(None),
            children: RefCell::new(Vec::new()),
            template_contents: flags.template.then(|| Node::new(None, Vec::new())),
            annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Node::new(None, Vec::new())
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        Node::new(None, Vec::new())
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        if let NodeOrText::AppendNode(node) = child {
            append_child(parent, node);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = element
            .parent
            .borrow()
            .as_ref()
            .and_then(|w| w.upgrade())
            .is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        target
            .template_contents
            .clone()
            .expect("template contents of a non-template")
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        Rc::ptr_eq(x, y)
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let NodeOrText::AppendNode(node) = new_node else {
            return;
        };
        let Some(parent) = sibling.parent.borrow().as_ref().and_then(|w| w.upgrade()) else {
            return;
        };
        detach(&node);
        *node.parent.borrow_mut() = Some(Rc::downgrade(&parent));
        let mut children = parent.children.borrow_mut();
        let at = children
            .iter()
            .position(|c| Rc::ptr_eq(c, sibling))
            .unwrap_or(children.len());
        children.insert(at, node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut existing = target.attrs.borrow_mut();
        for a in attrs {
            if !existing.iter().any(|e| e.name == a.name) {
                existing.push(a);
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        detach(target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let children = std::mem::take(&mut *node.children.borrow_mut());
        for c in &children {
            *c.parent.borrow_mut() = Some(Rc::downgrade(new_parent));
        }
        new_parent.children.borrow_mut().extend(children);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        handle.annotation_xml_integration_point
    }
}

fn new_sink() -> Sink {
    Sink {
        document: Node::new(None, Vec::new()),
    }
}

/// `html` parsed as the children of a `<div>` (what ammonia does, and what `innerHTML` does),
/// with scripting enabled as in a browser (the default `ParseOpts`).
fn parse_fragment(html: &str) -> Handle {
    let context = QualName::new(None, Namespace::from(HTML_NS), LocalName::from("div"));
    html5ever::parse_fragment(new_sink(), Default::default(), context, Vec::new(), true).one(html)
}

/// `html` parsed as a whole page.
fn parse_document(html: &str) -> Handle {
    html5ever::parse_document(new_sink(), Default::default()).one(html)
}
