//! Parsing an HTML page with a bound on the parser's work.
//!
//! html5ever's tree builder looks through its stack of open elements for most tags, so
//! its time grows with the nesting depth for every tag: a page of a few hundred kilobytes
//! nested thousands deep takes minutes (html5ever issue #788). The page is therefore fed
//! to the parser in pieces, and between pieces two things are measured: how many
//! elements the parser holds open (browsers stop nesting at 512, as Parallax refuses
//! beyond it), and how many element names and nodes it has looked up, against a budget
//! proportional to the bytes read so far. Real pages stay far below both: rustdoc's
//! pages, for example, hold at most a few dozen elements open and look up less than one
//! name per byte.

use std::borrow::Cow;
use std::cell::{Cell, Ref};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, Tracer, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

/// How many elements the parser may hold open (nested, or left open for formatting).
pub(super) const MAX_OPEN_ELEMENTS: usize = 512;

/// How many element names and node comparisons the parser may look up per byte read.
const WORK_PER_BYTE: u64 = 16;

/// Lookups allowed on top of [`WORK_PER_BYTE`], so that a short page nested deep (but
/// less than [`MAX_OPEN_ELEMENTS`]) is still read.
const BASE_WORK: u64 = 1 << 20;

/// How many bytes the parser is given at a time; each piece can deepen the nesting by at
/// most a few thousand elements before the next measurement.
const PIECE_BYTES: usize = 4096;

/// A page the parser could read only with unbounded work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TooDeep;

/// Parses a whole page as a document, or refuses it when it nests too deeply.
pub(super) fn parse_document(page: &str) -> Result<Html, TooDeep> {
    let sink = CountingSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        lookups: Cell::new(0),
    };
    let mut parser = html5ever::parse_document(sink, Default::default());
    let mut rest = page;
    while !rest.is_empty() {
        let mut end = rest.len().min(PIECE_BYTES);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from(&rest[..end]));
        rest = &rest[end..];
        let read = (page.len() - rest.len()) as u64;
        let held = Held(Cell::new(0));
        parser.tokenizer.sink.trace_handles(&held);
        let lookups = parser.tokenizer.sink.sink.lookups.get();
        if held.0.get() > MAX_OPEN_ELEMENTS || lookups > BASE_WORK + WORK_PER_BYTE * read {
            return Err(TooDeep);
        }
    }
    Ok(parser.finish())
}

/// Counts the handles the tree builder holds: the document, the open elements, the
/// formatting elements it may reopen, and a few single pointers.
struct Held(Cell<usize>);

impl Tracer for Held {
    type Handle = <HtmlTreeSink as TreeSink>::Handle;

    fn trace_handle(&self, _: &Self::Handle) {
        self.0.set(self.0.get() + 1);
    }
}

/// scraper's tree sink, counting the lookups the tree builder makes through it.
struct CountingSink {
    inner: HtmlTreeSink,
    lookups: Cell<u64>,
}

impl CountingSink {
    fn count(&self) {
        self.lookups.set(self.lookups.get() + 1);
    }
}

type Handle = <HtmlTreeSink as TreeSink>::Handle;

impl TreeSink for CountingSink {
    type Handle = Handle;
    type Output = Html;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn get_document(&self) -> Handle {
        self.inner.get_document()
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.count();
        self.inner.same_node(x, y)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> Ref<'a, QualName> {
        self.count();
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.inner.create_pi(target, data)
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.inner.append(parent, child);
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.inner.reparent_children(node, new_parent);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.inner.get_template_contents(target)
    }

    fn mark_script_already_started(&self, node: &Handle) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &Handle) {
        self.inner.pop(node);
    }

    fn associate_with_form(
        &self,
        target: &Handle,
        form: &Handle,
        nodes: (&Handle, Option<&Handle>),
    ) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.inner
            .maybe_clone_an_option_into_selectedcontent(option);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &Html) -> String {
        html.root_element().text().collect()
    }

    #[test]
    fn pages_are_parsed_as_scraper_parses_them() {
        let page = "<!DOCTYPE html><title>T</title><p>a<b>b<i>c</b>d</i><table><td>x</table>\
                    <svg><title>s</title></svg><template><p>t</p></template>";
        let ours = parse_document(page).unwrap();
        let theirs = Html::parse_document(page);
        assert_eq!(ours.html(), theirs.html());
        // Split characters stay whole across pieces.
        let long = format!("<p>{}</p>", "é🌍".repeat(PIECE_BYTES));
        assert_eq!(
            text(&parse_document(&long).unwrap()),
            "é🌍".repeat(PIECE_BYTES)
        );
    }

    #[test]
    fn nesting_up_to_the_limit_is_read() {
        let depth = MAX_OPEN_ELEMENTS - 10;
        let page = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
        assert_eq!(text(&parse_document(&page).unwrap()), "deep");
    }

    #[test]
    fn deeper_nesting_is_refused_early() {
        for open in ["<div>", "<span>", "<ul><li>", "<b>", "<table><tr><td>"] {
            let page = format!("{}deep", open.repeat(1_000_000));
            let started = std::time::Instant::now();
            assert_eq!(parse_document(&page).unwrap_err(), TooDeep, "{open}");
            assert!(started.elapsed().as_secs() < 5, "{open}");
        }
        // Formatting elements that are reopened, each different (lexbor issue #340).
        let mut page: String = (0..5_000).map(|i| format!("<b {i}>")).collect();
        page.push_str(&"x</b>".repeat(5_000));
        assert_eq!(parse_document(&page).unwrap_err(), TooDeep);
    }

    #[test]
    fn end_tags_that_search_a_deep_stack_are_refused() {
        let page = format!("{}{}", "<span>".repeat(400), "</x>".repeat(1_000_000));
        assert_eq!(parse_document(&page).unwrap_err(), TooDeep);
        // The same end tags on a shallow page are read.
        let page = format!("<span>{}text", "</x>".repeat(100_000));
        assert_eq!(text(&parse_document(&page).unwrap()), "text");
    }
}
