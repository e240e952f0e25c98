//! The visible text of an HTML page, paragraph by paragraph, and the character encoding
//! a page declares. Parsing is html5ever's (through `scraper`), which also decodes
//! entities.

use encoding_rs::{Encoding, WINDOWS_1252, X_USER_DEFINED};
use scraper::{ElementRef, Html, Node};

use super::page_parser::{self, TooDeep};

/// How many bytes at the start of a page are searched for a charset declaration.
const PRESCAN_BYTES: usize = 4096;

/// Elements whose content a reader never sees.
#[rustfmt::skip]
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "title", "iframe", "object",
    "canvas", "svg", "audio", "video", "map", "datalist", "select",
];

/// Elements that stand as paragraphs of their own.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
    "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "xmp",
];

/// Elements whose white space is kept as written.
const PREFORMATTED: &[&str] = &["pre", "listing", "plaintext", "textarea", "xmp"];

/// Elements that separate their neighbours by a space without starting a paragraph.
const CELLS: &[&str] = &["td", "th"];

/// A page's title and visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Page {
    /// From `<title>`, else the first `<h1>`; `None` when neither has text.
    pub title: Option<String>,
    /// Paragraphs separated by a blank line.
    pub text: String,
}

/// Reads a page's visible text: no scripts, styles or other hidden content; block
/// elements become paragraphs separated by a blank line; runs of white space collapse
/// to one space except inside `<pre>`. A page nested too deeply to parse in bounded time
/// is refused (see [`page_parser`]).
pub(super) fn read_page(source: &str) -> Result<Page, TooDeep> {
    let html = page_parser::parse_document(source)?;
    let root = html.root_element();
    let elements = || root.descendent_elements();
    let title = elements()
        .find(|e| is_html(e, "title"))
        .map(|e| collapse(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .or_else(|| {
            elements()
                .filter(|e| is_html(e, "h1"))
                .map(|e| paragraphs(e).join(" "))
                .find(|t| !t.is_empty())
        });
    Ok(Page {
        title,
        text: paragraphs(root).join("\n\n"),
    })
}

fn is_html(element: &ElementRef<'_>, name: &str) -> bool {
    let element = element.value();
    &*element.name.ns == "http://www.w3.org/1999/xhtml" && element.name() == name
}

/// Collapses runs of HTML white space to one space and trims the ends.
fn collapse(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// A step of the walk over the tree: entering a node, or leaving it.
enum Step<N> {
    Enter(N),
    Leave(N),
}

/// The visible paragraphs under a node. The walk keeps its own stack, so deeply nested
/// pages cannot overflow the call stack.
fn paragraphs(root: ElementRef<'_>) -> Vec<String> {
    let mut out = Paragraphs::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => match node.value() {
                Node::Text(text) => out.push_text(text),
                Node::Element(element) => {
                    let name = element.name();
                    if HIDDEN.contains(&name) || element.attr("hidden").is_some() {
                        continue;
                    }
                    out.open(name);
                    stack.push(Step::Leave(node));
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                _ => {}
            },
            Step::Leave(node) => {
                if let Some(element) = node.value().as_element() {
                    out.close(element.name());
                }
            }
        }
    }
    out.finish()
}

/// Collects paragraphs while the walk enters and leaves elements.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
    /// A space is owed before the next visible character.
    space: bool,
    /// How many preformatted elements enclose the walk.
    preformatted: usize,
}

impl Paragraphs {
    fn open(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.end_paragraph();
        } else if CELLS.contains(&name) {
            self.space = true;
        }
        if PREFORMATTED.contains(&name) {
            self.preformatted += 1;
        }
    }

    fn close(&mut self, name: &str) {
        if PREFORMATTED.contains(&name) {
            self.preformatted -= 1;
        }
        if BLOCKS.contains(&name) {
            self.end_paragraph();
        } else if CELLS.contains(&name) {
            self.space = true;
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.preformatted > 0 {
            if self.space && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.space = false;
            self.current.push_str(text);
            return;
        }
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(c);
            }
        }
    }

    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.current);
        // Collapsed text has no white space at its ends; preformatted text keeps the
        // indentation of its first line.
        let paragraph = paragraph.trim_start_matches('\n').trim_end();
        if !paragraph.trim_start().is_empty() {
            self.done.push(paragraph.to_string());
        }
        self.space = false;
    }

    fn finish(mut self) -> Vec<String> {
        self.end_paragraph();
        self.done
    }
}

/// The encoding a page declares in `<meta charset>` or `<meta http-equiv="Content-Type">`
/// within its first bytes, as a browser's prescan finds it.
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let start = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    // windows-1252 maps every byte, and the declaration itself is ASCII.
    let (head, _) = WINDOWS_1252.decode_without_bom_handling(start);
    let html = Html::parse_document(&head);
    let label = html.root_element().descendent_elements().find_map(|meta| {
        if !is_html(&meta, "meta") {
            return None;
        }
        if let Some(charset) = meta.attr("charset") {
            return Some(charset.trim().to_string());
        }
        let is_content_type = meta
            .attr("http-equiv")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"));
        is_content_type
            .then(|| meta.attr("content").and_then(charset_in_content_type))
            .flatten()
    })?;
    let encoding = Encoding::for_label(label.as_bytes())?;
    // As browsers do: a page readable as ASCII cannot be UTF-16, so such a declaration
    // means UTF-8 (`output_encoding`), and `x-user-defined` means windows-1252.
    Some(if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding.output_encoding()
    })
}

/// The charset parameter of a content type such as `text/html; charset="utf-8"`.
fn charset_in_content_type(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + "charset".len()..].trim_start();
    let value = rest.strip_prefix('=')?.trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_ascii_whitespace())
        .unwrap_or(value.len());
    (end > 0).then(|| value[..end].to_string())
}
