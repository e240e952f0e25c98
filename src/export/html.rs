//! The HTML report: one self-contained page a colleague opens in a browser. The sources
//! stand side by side with their annotations highlighted, a legend explains the marks,
//! the comparison tables follow (actors, claims with word diffs, dates, conflicts,
//! coverage), then every note.
//!
//! The page is built with `maud` templates, which escape every value put into them, so
//! no element or attribute can come from a project's text. The styles are inline and
//! constant, a content security policy forbids scripts and every request, and only
//! `http` and `https` addresses become links.
//!
//! A tag is shown by colour, by its underline (actor solid, claim dashed, date dotted)
//! and by its letter before the first word. Overlapping annotations are nested spans: a
//! span that crosses another's end is split in two, and an outer span's underline sits
//! below those of the spans inside it, so every layer stays visible.

use std::cmp::Reverse;
use std::ops::Range;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Row, entity_memo, rows, web_url};
use crate::anchor::SourceText;
use crate::compare::{ActorCell, Change, ClaimRow, Comparison, Mention, Wording};
use crate::model::{Project, Source, TagKind};
use crate::wording::count;

/// The report's styles: constant, never built from a project.
const STYLE: &str = include_str!("report.css");

/// No script, no request of any kind: styles inline only.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'";

/// The deepest layer given an underline of its own; deeper layers share it.
const MAX_LAYER: usize = 5;

/// The report as one HTML page.
pub fn render(project: &Project) -> String {
    let rows = rows(project);
    let comparison = Comparison::build(project);
    let title = if project.title.trim().is_empty() {
        "Untitled project"
    } else {
        project.title.as_str()
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(POLICY);
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="Parallax";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (title) }
                    p.summary {
                        (count(project.sources.len(), "source")) ", "
                        (count(project.annotations.len(), "annotation")) ", "
                        (count(project.entities.len(), "entity")) ", "
                        (count(project.claim_groups.len(), "claim group")) "."
                    }
                    nav {
                        a href="#sources" { "Sources" }
                        a href="#comparison" { "Comparison" }
                        a href="#notes" { "Notes" }
                    }
                }
                main {
                    (legend())
                    section id="sources" {
                        h2 { "Sources" }
                        div.columns {
                            @for source in &project.sources {
                                (source_column(source, &rows))
                            }
                        }
                    }
                    (comparison_section(&comparison, project))
                    (notes(project, &rows))
                }
                footer { "Exported by Parallax. Positions count characters (code points)." }
            }
        }
    };
    page.into_string()
}

fn legend() -> Markup {
    let meaning = |kind| match kind {
        TagKind::Actor => "someone or something named; solid underline",
        TagKind::Claim => "what is said, by whom, through whom; dashed underline",
        TagKind::Date => "a date, with its calendar value; dotted underline",
    };
    html! {
        section id="legend" aria-label="Legend" {
            dl.legend {
                @for kind in TagKind::ALL {
                    div {
                        dt {
                            span class=(format!("letter {}", kind.noun())) { (kind.letter()) }
                            " "
                            span class=(format!("m {} l0", kind.noun())) { (kind.label()) }
                        }
                        dd { (meaning(kind)) }
                    }
                }
            }
            p.hint {
                "Overlapping annotations are nested: each layer has its own underline, the \
                 outer ones lower. Hover over a highlight to see its links and note."
            }
        }
    }
}

fn source_column(source: &Source, rows: &[Row<'_>]) -> Markup {
    let placed: Vec<&Row<'_>> = rows
        .iter()
        .filter(|r| r.annotation.source == source.id && r.is_placed())
        .collect();
    let nodes = layer(&placed, source.text.char_len());
    html! {
        article.source id=(format!("source-{}", source.id)) {
            h3 dir="auto" { (source.display_title()) }
            dl {
                dt { "Source" } dd { (source.id) }
                @if !source.outlet.trim().is_empty() { dt { "Outlet" } dd dir="auto" { (source.outlet) } }
                @if !source.author.trim().is_empty() { dt { "Author" } dd dir="auto" { (source.author) } }
                @if let Some(day) = source.published { dt { "Published" } dd { (day) } }
                @if let Some(grade) = source.reliability {
                    dt { "Reliability" } dd { (grade) " (" (grade.meaning()) ")" }
                }
                @if !source.memo.trim().is_empty() { dt { "Memo" } dd dir="auto" { (source.memo) } }
                @if !source.url.trim().is_empty() {
                    dt { "URL" }
                    dd {
                        @if let Some(url) = web_url(&source.url) {
                            a href=(url) rel="noopener noreferrer" { (url) }
                        } @else {
                            (source.url)
                        }
                    }
                }
                dt { "Annotations" } dd { (placed.len()) }
            }
            div.text id=(format!("text-{}", source.id)) dir="auto" {
                (render_nodes(&source.text, &nodes))
            }
        }
    }
}

/// A piece of a source's text: plain, or a highlight holding further pieces.
#[derive(Debug)]
enum Node<'r> {
    Text(Range<usize>),
    Mark(Mark<'r>),
}

/// One annotation's highlight, or a part of it when it crosses another's end.
#[derive(Debug)]
struct Mark<'r> {
    row: &'r Row<'r>,
    /// The annotation's first part, which carries its letter and anchor.
    first: bool,
    children: Vec<Node<'r>>,
}

impl Mark<'_> {
    /// How many layers of highlights lie inside this one.
    fn depth_inside(&self) -> usize {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Mark(m) => Some(1 + m.depth_inside()),
                Node::Text(_) => None,
            })
            .max()
            .unwrap_or(0)
    }
}

/// An open highlight while layering.
struct Open<'r> {
    row: &'r Row<'r>,
    end: usize,
    first: bool,
    children: Vec<Node<'r>>,
}

/// Nests the annotations of a text of `len` characters: an annotation inside another is
/// a child of it, and one that crosses the end of an enclosing one is split there.
fn layer<'r>(placed: &[&'r Row<'r>], len: usize) -> Vec<Node<'r>> {
    let mut order: Vec<&'r Row<'r>> = placed.to_vec();
    order.sort_by_key(|r| (r.annotation.start, Reverse(r.annotation.end)));
    let mut root: Vec<Node<'r>> = Vec::new();
    let mut stack: Vec<Open<'r>> = Vec::new();
    let mut pos = 0;
    let mut next = 0;
    loop {
        if let Some(lowest) = stack.iter().position(|o| o.end == pos) {
            let mut reopen = Vec::new();
            while stack.len() > lowest {
                let Some(open) = stack.pop() else { break };
                if open.end > pos {
                    reopen.push((open.row, open.end));
                }
                let node = Node::Mark(Mark {
                    row: open.row,
                    first: open.first,
                    children: open.children,
                });
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root.push(node),
                }
            }
            for (row, end) in reopen.into_iter().rev() {
                stack.push(Open {
                    row,
                    end,
                    first: false,
                    children: Vec::new(),
                });
            }
            continue;
        }
        if let Some(row) = order.get(next).filter(|r| r.annotation.start == pos) {
            stack.push(Open {
                row,
                end: row.annotation.end,
                first: true,
                children: Vec::new(),
            });
            next += 1;
            continue;
        }
        let stop = [
            order.get(next).map(|r| r.annotation.start),
            stack.iter().map(|o| o.end).min(),
            Some(len),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(len);
        if stop <= pos {
            break;
        }
        let text = Node::Text(pos..stop);
        match stack.last_mut() {
            Some(parent) => parent.children.push(text),
            None => root.push(text),
        }
        pos = stop;
    }
    root
}

fn render_nodes(text: &SourceText, nodes: &[Node<'_>]) -> Markup {
    html! {
        @for node in nodes {
            @match node {
                Node::Text(span) => { (text.slice(span.clone())) }
                Node::Mark(mark) => { (render_mark(text, mark)) }
            }
        }
    }
}

fn render_mark(text: &SourceText, mark: &Mark<'_>) -> Markup {
    let kind = mark.row.annotation.kind();
    let layer = mark.depth_inside().min(MAX_LAYER);
    let class = format!(
        "m {} l{layer}{}",
        kind.noun(),
        if mark.first { " first" } else { "" }
    );
    let id = mark
        .first
        .then(|| format!("ann-{}", mark.row.annotation.id));
    html! {
        span class=(class) id=[id] title=(describe(mark.row)) {
            (render_nodes(text, &mark.children))
        }
    }
}

/// What a highlight's tooltip says: the tag, its links and its note.
fn describe(row: &Row<'_>) -> String {
    let mut text = row.annotation.kind().label().to_string();
    let links: Vec<String> = row
        .links()
        .iter()
        .map(|(link, name)| format!("{link}: {name}"))
        .collect();
    if !links.is_empty() {
        text.push_str(" (");
        text.push_str(&links.join("; "));
        text.push(')');
    }
    if !row.annotation.note.is_empty() {
        text.push_str("\nNote: ");
        text.push_str(&row.annotation.note);
    }
    text
}

fn comparison_section(c: &Comparison, project: &Project) -> Markup {
    html! {
        section id="comparison" {
            h2 { "Comparison" }
            (actors_table(c, project))
            (claims_tables(c))
            (dates_table(c))
            (conflicts_list(c))
            (coverage_table(c, project))
        }
    }
}

/// The header cells naming each source column.
fn source_headers(c: &Comparison) -> Markup {
    html! {
        @for s in &c.sources {
            th scope="col" title=(s.title) { (s.name) }
        }
    }
}

fn missing_cell() -> Markup {
    html! { td.missing { "not named" } }
}

fn actors_table(c: &Comparison, project: &Project) -> Markup {
    html! {
        h3 id="actors" { "Actors" }
        @if c.actors.is_empty() {
            p.hint { "No actor mention is linked to an entity." }
        } @else {
            p.hint { "How often and in which words each source names each actor." }
            table {
                thead { tr { th scope="col" { "Actor" } (source_headers(c)) } }
                tbody {
                    @for row in &c.actors {
                        tr {
                            th scope="row" dir="auto" {
                                (row.name)
                                @if row.named_by_some_only() { br; small.warn { "named by only some sources" } }
                                @if let Some(memo) = entity_memo(project, &row.entity) { br; small.memo { "Memo: " (memo) } }
                            }
                            @for cell in &row.cells {
                                @if cell.mentions.is_empty() {
                                    (missing_cell())
                                } @else {
                                    td dir="auto" {
                                        (count(cell.mentions.len(), "mention")) ": "
                                        (forms(cell))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        (mentions_by_source(c, "Actor mentions linked to no entity", &c.unlinked_actors))
    }
}

/// The ways a source names an actor, in the order of first use.
fn forms(cell: &ActorCell) -> String {
    let forms: Vec<String> = cell.forms().into_iter().map(|f| f.text).collect();
    forms.join("; ")
}

fn mentions_by_source(c: &Comparison, heading: &str, cells: &[Vec<Mention>]) -> Markup {
    html! {
        @if cells.iter().any(|cell| !cell.is_empty()) {
            h4 { (heading) }
            ul {
                @for (cell, s) in cells.iter().zip(&c.sources) {
                    @if !cell.is_empty() {
                        li dir="auto" {
                            strong { (s.name) } ": "
                            @for (i, m) in cell.iter().enumerate() {
                                @if i > 0 { "; " }
                                a href=(format!("#ann-{}", m.annotation)) { (m.text) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn claims_tables(c: &Comparison) -> Markup {
    html! {
        h3 id="claims" { "Claims" }
        @if c.claims.is_empty() {
            p.hint { "No claim is in a claim group." }
        } @else {
            p.hint {
                "Which source carries each claim, in what words, said by whom and through \
                 whom. Words are compared with the reference wording: "
                del { "only in the reference" } ", " ins { "only in this wording" } "."
            }
            table {
                thead { tr { th scope="col" { "Claim" } (source_headers(c)) } }
                tbody {
                    @for claim in &c.claims {
                        tr {
                            th scope="row" dir="auto" { a href=(format!("#claim-{}", claim.group)) { (claim.label) } }
                            @for cell in &claim.cells {
                                @if cell.is_empty() {
                                    td.missing { "not carried" }
                                } @else {
                                    td {
                                        @for (i, w) in cell.iter().enumerate() {
                                            @if i > 0 { "; " }
                                            (claim.standing(w))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @for claim in &c.claims {
                h4 id=(format!("claim-{}", claim.group)) dir="auto" { (claim.label) }
                @if !claim.memo.trim().is_empty() { p.memo dir="auto" { "Memo: " (claim.memo) } }
                table {
                    thead { tr {
                        th scope="col" { "Source" } th scope="col" { "Wording" }
                        th scope="col" { "Speaker" } th scope="col" { "Via" } th scope="col" { "Dates" }
                        th scope="col" { "Grade" }
                    } }
                    tbody {
                        @for (col, cell) in claim.cells.iter().enumerate() {
                            @if cell.is_empty() {
                                tr { th scope="row" { (c.sources[col].name) } td.missing colspan="5" { "not carried" } }
                            }
                            @for w in cell {
                                tr {
                                    th scope="row" {
                                        a href=(format!("#ann-{}", w.annotation)) { (c.sources[col].name) }
                                        br; small { (claim.standing(w)) }
                                    }
                                    td.wording dir="auto" { (wording_diff(claim, w)) }
                                    (wording_links(w, c.sources[col].reliability))
                                }
                            }
                        }
                    }
                }
            }
        }
        @if c.unmatched_claims.iter().any(|cell| !cell.is_empty()) {
            h4 { "Claims in no claim group" }
            table {
                thead { tr {
                    th scope="col" { "Source" } th scope="col" { "Wording" }
                    th scope="col" { "Speaker" } th scope="col" { "Via" } th scope="col" { "Dates" }
                    th scope="col" { "Grade" }
                } }
                tbody {
                    @for (col, cell) in c.unmatched_claims.iter().enumerate() {
                        @for w in cell {
                            tr {
                                th scope="row" { a href=(format!("#ann-{}", w.annotation)) { (c.sources[col].name) } }
                                td.wording dir="auto" { (w.text) }
                                (wording_links(w, c.sources[col].reliability))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A wording with its differences from the reference marked.
fn wording_diff(claim: &ClaimRow, wording: &Wording) -> Markup {
    let diff = claim.diff(wording);
    html! {
        @for segment in &diff {
            @match segment.change {
                Change::Equal => { (segment.text) }
                Change::Deleted => { del { (segment.text) } }
                Change::Inserted => { ins { (segment.text) } }
            }
        }
    }
}

/// A wording's speaker, via, dates and grade (its source's reliability and its
/// credibility).
fn wording_links(w: &Wording, reliability: Option<crate::model::Reliability>) -> Markup {
    html! {
        td dir="auto" { @if let Some(e) = &w.speaker { (e.name) } @else { span.missing { "-" } } }
        td dir="auto" { @if let Some(e) = &w.via { (e.name) } @else { span.missing { "-" } } }
        td dir="auto" {
            @for (i, d) in w.dates.iter().enumerate() {
                @if i > 0 { "; " }
                (d.value) " (" (d.text) ")"
            }
        }
        td { (crate::model::admiralty(reliability, w.credibility).unwrap_or_default()) }
    }
}

fn dates_table(c: &Comparison) -> Markup {
    html! {
        h3 id="dates" { "Dates" }
        @if c.dates.is_empty() {
            p.hint { "No date has a value." }
        } @else {
            p.hint { "Each date value, and the words each source gives it in." }
            table {
                thead { tr { th scope="col" { "Date" } th scope="col" { "Kind" } (source_headers(c)) } }
                tbody {
                    @for row in &c.dates {
                        tr {
                            th scope="row" { (row.value) }
                            td { (row.value.extent()) }
                            @for cell in &row.cells {
                                @if cell.is_empty() {
                                    td.missing { "-" }
                                } @else {
                                    td dir="auto" {
                                        @for (i, m) in cell.iter().enumerate() {
                                            @if i > 0 { "; " }
                                            a href=(format!("#ann-{}", m.annotation)) { (m.text) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        (mentions_by_source(c, "Dates with no value", &c.undated))
    }
}

fn conflicts_list(c: &Comparison) -> Markup {
    html! {
        h3 id="conflicts" { "Conflicts" }
        @if c.conflicts.is_empty() {
            p.hint { "The sources do not disagree on the date or the speaker of any claim." }
        } @else {
            ul {
                @for conflict in &c.conflicts {
                    li dir="auto" {
                        strong { (conflict.kind.label()) } ": " (conflict.detail)
                    }
                }
            }
        }
    }
}

fn coverage_table(c: &Comparison, project: &Project) -> Markup {
    let carried = |items: &crate::compare::Carried| -> Vec<String> {
        let mut list: Vec<String> = items
            .claims
            .iter()
            .map(|g| {
                let label = project.claim_groups.get(g).map_or(g.as_str(), |g| &g.label);
                format!("{}: {label}", TagKind::Claim.noun())
            })
            .collect();
        list.extend(
            items
                .actors
                .iter()
                .map(|e| format!("{}: {}", TagKind::Actor.noun(), project.entity_name(e))),
        );
        let date = TagKind::Date.noun();
        list.extend(items.dates.iter().map(|d| format!("{date}: {d}")));
        list
    };
    html! {
        h3 id="coverage" { "Coverage" }
        p.hint { "What each source carries that no other does, and what it leaves out that others carry." }
        table {
            thead { tr { th scope="col" { "Source" } th scope="col" { "Only here" } th scope="col" { "Left out" } } }
            tbody {
                @for (cov, s) in c.coverage.iter().zip(&c.sources) {
                    tr {
                        th scope="row" title=(s.title) { (s.name) }
                        @for items in [&cov.only_here, &cov.lacking] {
                            td dir="auto" {
                                @let list = carried(items);
                                @if list.is_empty() { span.missing { "nothing" } }
                                @for (i, item) in list.iter().enumerate() {
                                    @if i > 0 { br; }
                                    (item)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn notes(project: &Project, rows: &[Row<'_>]) -> Markup {
    let noted: Vec<&Row<'_>> = rows
        .iter()
        .filter(|r| !r.annotation.note.is_empty())
        .collect();
    let unplaced: Vec<&Row<'_>> = rows.iter().filter(|r| !r.is_placed()).collect();
    html! {
        section id="notes" {
            h2 { "Notes" }
            @if noted.is_empty() {
                p.hint { "No annotation has a note." }
            }
            @for source in &project.sources {
                @let here: Vec<&&Row<'_>> = noted.iter().filter(|r| r.annotation.source == source.id).collect();
                @if !here.is_empty() {
                    h3 dir="auto" { (source.display_title()) }
                    ul.notes {
                        @for row in here { (note_item(row)) }
                    }
                }
            }
            @if !unplaced.is_empty() {
                h3 { "Unplaced annotations" }
                p.hint {
                    "Their words could not be found in their source after it changed; place \
                     them again in Parallax."
                }
                ul.notes {
                    @for row in &unplaced { (note_item(row)) }
                }
            }
        }
    }
}

fn note_item(row: &Row<'_>) -> Markup {
    let kind = row.annotation.kind();
    html! {
        li {
            span class=(format!("letter {}", kind.noun())) title=(kind.label()) { (kind.letter()) }
            " "
            @if row.is_placed() {
                a.quote href=(format!("#ann-{}", row.annotation.id)) dir="auto" { (row.text) }
            } @else {
                span.quote dir="auto" { (row.text) }
                " (" (row.annotation.source) ")"
            }
            @if !row.annotation.note.is_empty() {
                div.note dir="auto" { (row.annotation.note) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;
    use crate::model::{Annotation, AnnotationId, SourceId};

    /// The layering of annotations over `len` characters, as nested `(start, end, first)`.
    fn shape(spans: &[Range<usize>], len: usize) -> String {
        let text = "x".repeat(len);
        let source = Source::new(SourceId::new("s").unwrap(), "S", text);
        let annotations: Vec<Annotation> = spans
            .iter()
            .enumerate()
            .map(|(i, span)| {
                Annotation::new(
                    AnnotationId::new(format!("a{i}")).unwrap(),
                    &source,
                    span.clone(),
                    TagKind::Actor.empty_tag(),
                )
            })
            .collect();
        let mut project = Project::new("t");
        project.sources.push(source);
        for a in annotations {
            project.annotations.insert(a.id.clone(), a);
        }
        let rows = rows(&project);
        let placed: Vec<&Row<'_>> = rows.iter().collect();
        fn write(nodes: &[Node<'_>]) -> String {
            nodes
                .iter()
                .map(|n| match n {
                    Node::Text(r) => format!("{}-{}", r.start, r.end),
                    Node::Mark(m) => format!(
                        "[{}{} {}]",
                        m.row.annotation.id,
                        if m.first { "" } else { "'" },
                        write(&m.children)
                    ),
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        write(&layer(&placed, len))
    }

    #[test]
    fn the_report_keeps_shared_phrases_out_of_its_diff_and_names_sources_by_short_name() {
        let mut f = crate::compare::fixture::Fixture::new(&["port", "wire"]);
        f.label("channel", "When the channel reopens");
        f.claim(
            "port",
            "We will not reopen the channel until the divers have finished their inspection",
            Some("channel"),
            None,
            None,
        );
        f.claim(
            "wire",
            "the channel would stay shut “until the divers finish inspecting it”",
            Some("channel"),
            None,
            None,
        );
        let mut project = f.project();
        project.sources[1].outlet = "Northline Wire".into();
        let html = scraper::Html::parse_document(&render(&project));
        let all = |css: &str| -> Vec<String> {
            html.select(&scraper::Selector::parse(css).unwrap())
                .map(|e| e.text().collect())
                .collect()
        };
        let wordings = all("td.wording");
        assert_eq!(
            wordings[1],
            "We will not reopen the channel would stay shut “until the divers have finished \
             their inspectionfinish inspecting it”"
        );
        let changed = [all("td.wording del"), all("td.wording ins")].concat();
        assert!(!changed.is_empty());
        for words in &changed {
            assert!(
                !words.contains("channel") && !words.contains("divers"),
                "`{words}` is marked changed"
            );
        }
        let headers = all("#comparison th");
        assert!(
            headers.iter().any(|h| h.contains("Northline Wire")),
            "{headers:?}"
        );
        assert!(!headers.iter().any(|h| h == "wire"), "{headers:?}");
    }

    #[test]
    fn nested_annotations_nest_and_crossing_ones_split() {
        assert_eq!(shape(&[], 4), "0-4");
        assert_eq!(shape(&[0..10, 2..5], 12), "[a0 0-2 [a1 2-5] 5-10] 10-12");
        assert_eq!(shape(&[0..10, 5..15], 15), "[a0 0-5 [a1 5-10]] [a1' 10-15]");
        assert_eq!(shape(&[3..6, 3..6], 6), "0-3 [a0 [a1 3-6]]");
        assert_eq!(
            shape(&[0..4, 2..8, 6..10], 10),
            "[a0 0-2 [a1 2-4]] [a1' 4-6 [a2 6-8]] [a2' 8-10]"
        );
        assert_eq!(shape(&[2..4, 4..6], 6), "0-2 [a0 2-4] [a1 4-6]");
    }

    #[test]
    fn the_style_cannot_be_closed_early() {
        assert!(!STYLE.contains("</"));
        assert!(!STYLE.contains("url("), "no request from the styles");
    }

    /// What an HTML parser makes of line ends: CRLF and CR become LF.
    fn parsed(text: &str) -> String {
        text.replace("\r\n", "\n").replace('\r', "\n")
    }

    const ELEMENTS: [&str; 34] = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "nav", "a", "main",
        "section", "dl", "div", "dt", "dd", "span", "h2", "article", "h3", "table", "thead",
        "tbody", "tr", "th", "td", "br", "small", "h4", "ul", "li", "strong", "footer",
    ];
    const MORE_ELEMENTS: [&str; 2] = ["del", "ins"];
    const ATTRIBUTES: [&str; 14] = [
        "aria-label",
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "href",
        "id",
        "class",
        "title",
        "dir",
        "rel",
        "scope",
        "colspan",
    ];

    #[test]
    fn no_element_or_attribute_comes_from_user_text() {
        let project = fixture::hostile();
        let page = render(&project);
        let html = scraper::Html::parse_document(&page);
        assert!(html.errors.is_empty(), "{:?}", html.errors);
        let mut styles = 0;
        for element in html
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            let name = element.value().name();
            assert!(
                ELEMENTS.contains(&name) || MORE_ELEMENTS.contains(&name),
                "an element <{name}>"
            );
            if name == "style" {
                styles += 1;
                assert_eq!(element.text().collect::<String>(), STYLE);
            }
            for (attribute, value) in element.value().attrs() {
                assert!(
                    ATTRIBUTES.contains(&attribute),
                    "an attribute {attribute}={value:?} on <{name}>"
                );
                if attribute == "href" {
                    assert!(
                        value.starts_with('#') || value.starts_with("https://"),
                        "a link to {value}"
                    );
                }
            }
        }
        assert_eq!(styles, 1);
        let one = |selector: &str| {
            let selector = scraper::Selector::parse(selector).unwrap();
            let found: Vec<scraper::ElementRef<'_>> = html.select(&selector).collect();
            assert_eq!(found.len(), 1, "{selector:?}");
            found[0].text().collect::<String>()
        };
        assert_eq!(one("title"), parsed(&project.title));
        assert_eq!(one("h1"), parsed(&project.title));
        assert_eq!(one("meta[http-equiv]"), "");
        for source in &project.sources {
            // The text comes back whole: every character, in order, and no other.
            assert_eq!(one(&format!("#text-{}", source.id)), source.text.as_str());
            assert_eq!(
                one(&format!("#source-{} h3", source.id)),
                parsed(&source.title)
            );
        }
        let notes: Vec<String> = html
            .select(&scraper::Selector::parse(".note").unwrap())
            .map(|n| n.text().collect())
            .collect();
        for a in project.annotations.values().filter(|a| !a.note.is_empty()) {
            assert!(notes.contains(&parsed(&a.note)), "note of {}", a.id);
        }
        // Each placed annotation has one first part, which says its links.
        for a in project.annotations.values().filter(|a| !a.unplaced) {
            let first = html
                .select(&scraper::Selector::parse(&format!("#ann-{}", a.id)).unwrap())
                .next()
                .unwrap_or_else(|| panic!("no highlight for {}", a.id));
            let title = first.value().attr("title").unwrap();
            assert!(title.starts_with(a.kind().label()), "{title}");
            assert!(title.contains(&parsed(&a.note)), "{title}");
        }
        // The one source URL that is a web address is a link; `javascript:` is not.
        let links: Vec<&str> = html
            .select(&scraper::Selector::parse("a[href^=http]").unwrap())
            .map(|a| a.value().attr("href").unwrap())
            .collect();
        assert_eq!(links, ["https://example.org/a?b=1&c=<2>\""]);
    }

    #[test]
    fn highlights_say_their_links_and_note() {
        let project = fixture::hostile();
        let rows = rows(&project);
        let claim = rows
            .iter()
            .find(|r| r.speaker.is_some() && r.via.is_some() && r.group.is_some())
            .unwrap();
        let said = describe(claim);
        assert!(said.starts_with("Claim (speaker: "), "{said}");
        assert!(
            said.contains("; via: ") && said.contains("; claim group: "),
            "{said}"
        );
        assert!(said.contains(&format!("\nNote: {}", claim.annotation.note)));
    }
}
