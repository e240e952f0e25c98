//! The visible text of an HTML page, paragraph by paragraph with the elements that hold
//! each, and the character encoding a page declares. Parsing is html5ever's (through
//! `scraper`), which also decodes entities.

use encoding_rs::{Encoding, WINDOWS_1252, X_USER_DEFINED};
use scraper::node::Element;
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

/// A page's visible text, paragraph by paragraph, with the elements that hold it.
pub(super) struct Layout<'a> {
    /// Every element outside hidden content, in document order; a parent comes before
    /// its children.
    pub elements: Vec<Placed<'a>>,
    /// The visible paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
}

/// An element of the page and where it sits.
pub(super) struct Placed<'a> {
    pub element: &'a Element,
    /// The index of its parent element in [`Layout::elements`].
    pub parent: Option<usize>,
}

/// One visible paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Paragraph {
    pub text: String,
    /// The innermost block element (`<p>`, `<li>`, `<div>`, ...) open where the paragraph
    /// begins, as an index in [`Layout::elements`].
    pub block: usize,
    /// How many characters and words it has (see [`words_in`]).
    pub chars: usize,
    pub words: usize,
    /// How many of its characters are the text of links.
    pub link_chars: usize,
    /// Whether all of it is the text of `<time>` elements: a date line.
    pub date_line: bool,
}

impl Layout<'_> {
    /// The whole visible text: every paragraph, separated by a blank line.
    pub fn text(&self) -> String {
        join(self.paragraphs.iter())
    }
}

/// How many words a text has: runs of letters, digits and inner apostrophes, and each
/// character of scripts written without spaces (Chinese, Japanese).
pub(super) fn words_in(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        if written_without_spaces(c) {
            words += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            words += usize::from(!in_word);
            in_word = true;
        } else if !(in_word && matches!(c, '\'' | '’')) {
            in_word = false;
        }
    }
    words
}

/// Han ideographs, hiragana and katakana.
fn written_without_spaces(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Paragraphs separated by a blank line.
pub(super) fn join<'p>(paragraphs: impl Iterator<Item = &'p Paragraph>) -> String {
    let texts: Vec<&str> = paragraphs.map(|p| p.text.as_str()).collect();
    texts.join("\n\n")
}

/// The page's `<title>`, else its first `<h1>`; `None` when neither has text.
pub(super) fn page_title(html: &Html) -> Option<String> {
    let root = html.root_element();
    let elements = || root.descendent_elements();
    elements()
        .find(|e| is_html(e, "title"))
        .map(|e| collapse(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .or_else(|| {
            elements()
                .filter(|e| is_html(e, "h1"))
                .map(|e| join(read_layout(e).paragraphs.iter()).replace("\n\n", " "))
                .find(|t| !t.is_empty())
        })
}

/// Parses a page, or refuses one nested too deeply to parse in bounded time (see
/// [`page_parser`]).
pub(super) fn parse(source: &str) -> Result<Html, TooDeep> {
    page_parser::parse_document(source)
}

pub(super) fn is_html(element: &ElementRef<'_>, name: &str) -> bool {
    let element = element.value();
    &*element.name.ns == "http://www.w3.org/1999/xhtml" && element.name() == name
}

/// Collapses runs of HTML white space to one space and trims the ends.
pub(super) fn collapse(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// A step of the walk over the tree: entering a node, or leaving it.
enum Step<N> {
    Enter(N),
    Leave(N),
}

/// Reads the visible paragraphs under an element: no scripts, styles or other hidden
/// content; block elements become paragraphs; runs of white space collapse to one space
/// except inside `<pre>`. The walk keeps its own stack, so deeply nested pages cannot
/// overflow the call stack.
pub(super) fn read_layout(root: ElementRef<'_>) -> Layout<'_> {
    let mut out = Paragraphs::default();
    let mut elements: Vec<Placed<'_>> = Vec::new();
    // The indices of the open elements and, for each, whether it is a block.
    let mut open: Vec<(usize, bool)> = Vec::new();
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
                    let index = elements.len();
                    elements.push(Placed {
                        element,
                        parent: open.last().map(|&(i, _)| i),
                    });
                    let block = BLOCKS.contains(&name);
                    open.push((index, block));
                    out.open(name);
                    out.block = open.iter().rev().find(|(_, b)| *b).map_or(0, |&(i, _)| i);
                    stack.push(Step::Leave(node));
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                _ => {}
            },
            Step::Leave(node) => {
                if let Some(element) = node.value().as_element() {
                    out.close(element.name());
                    open.pop();
                    out.block = open.iter().rev().find(|(_, b)| *b).map_or(0, |&(i, _)| i);
                }
            }
        }
    }
    Layout {
        elements,
        paragraphs: out.finish(),
    }
}

/// Collects paragraphs while the walk enters and leaves elements.
#[derive(Default)]
struct Paragraphs {
    done: Vec<Paragraph>,
    current: String,
    /// The innermost open block element, and the one where the current paragraph began.
    block: usize,
    current_block: usize,
    /// How many links enclose the walk, and the link characters of the current paragraph.
    links: usize,
    link_chars: usize,
    /// The characters of the current paragraph.
    chars: usize,
    /// How many `<time>` elements enclose the walk, and whether the current paragraph
    /// has text outside them.
    times: usize,
    untimed: bool,
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
        match name {
            "a" => self.links += 1,
            "time" => self.times += 1,
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if PREFORMATTED.contains(&name) {
            self.preformatted -= 1;
        }
        match name {
            "a" => self.links -= 1,
            "time" => self.times -= 1,
            _ => {}
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
                self.chars += 1;
            }
            self.space = false;
            for c in text.chars() {
                self.push_visible(c);
            }
            return;
        }
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                    self.chars += 1;
                }
                self.space = false;
                self.push_visible(c);
            }
        }
    }

    fn push_visible(&mut self, c: char) {
        if self.current.is_empty() {
            self.current_block = self.block;
        }
        self.current.push(c);
        self.chars += 1;
        if self.links > 0 {
            self.link_chars += 1;
        }
        if self.times == 0 {
            self.untimed = true;
        }
    }

    fn end_paragraph(&mut self) {
        let pushed = std::mem::take(&mut self.current);
        let link_chars = std::mem::take(&mut self.link_chars);
        let chars = std::mem::take(&mut self.chars);
        let date_line = !std::mem::take(&mut self.untimed);
        // Collapsed text has no white space at its ends; preformatted text keeps the
        // indentation of its first line.
        let paragraph = pushed.trim_start_matches('\n').trim_end();
        if !paragraph.trim_start().is_empty() {
            self.done.push(Paragraph {
                words: words_in(paragraph),
                chars: if paragraph.len() == pushed.len() {
                    chars
                } else {
                    paragraph.chars().count()
                },
                text: paragraph.to_string(),
                block: self.current_block,
                link_chars,
                date_line,
            });
        }
        self.space = false;
    }

    fn finish(mut self) -> Vec<Paragraph> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_count_their_characters_words_and_links() {
        let page = "<p>A <a href=x>linked  phrase</a>, then\n text.</p><pre>\n  kept   as is  \n</pre>\
                    <div>Café don’t 東京 <time datetime=2024-01-01>Jan 1</time></div><p><time>May 2</time></p>";
        let html = parse(page).unwrap();
        let layout = read_layout(html.root_element());
        for p in &layout.paragraphs {
            assert_eq!(p.chars, p.text.chars().count(), "{:?}", p.text);
        }
        let [link, pre, mixed, date] = &layout.paragraphs[..] else {
            panic!("{:?}", layout.paragraphs);
        };
        assert_eq!(link.text, "A linked phrase, then text.");
        assert_eq!((link.link_chars, link.words), (12, 5));
        assert_eq!(pre.text, "  kept   as is");
        // Café, don’t, 東, 京, Jan, 1.
        assert_eq!(mixed.words, 6);
        assert!(!mixed.date_line && date.date_line);
        assert_eq!(layout.elements[link.block].element.name(), "p");
    }
}
