//! The Markdown report: the sources with their metadata, the comparison tables, and the
//! annotations of each source, as GitHub-flavoured Markdown tables.
//!
//! User text never makes Markdown of its own: the characters Markdown reads as syntax
//! (`\ ` * _ [ ] < > | # ~ ! &`) are escaped with a backslash, and a line break inside a
//! cell is written `<br>`. The report's only HTML is that `<br>` and the `<del>` and
//! `<ins>` that mark a wording's differences from the reference wording.

use std::fmt::Write;

use super::{Row, entity_memo, rows, web_url};
use crate::compare::{Carried, Change, ClaimRow, Comparison, Mention, Wording};
use crate::model::{Project, TagKind};
use crate::wording::count;

/// The characters escaped in user text.
const SYNTAX: [char; 14] = [
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '~', '!', '&', '$',
];

/// User text for a heading or a list: escaped, on one line.
pub fn inline(text: &str) -> String {
    escape(text, " ")
}

/// User text for a table cell: escaped, with its line breaks as `<br>`.
pub fn cell(text: &str) -> String {
    escape(text, "<br>")
}

fn escape(text: &str, line_break: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(line_break);
            }
            '\n' => out.push_str(line_break),
            c if SYNTAX.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A table row of cells already escaped.
fn table_row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        let _ = write!(out, " {c} |");
    }
    out.push('\n');
}

/// A table's header and its separator line.
fn table_head(out: &mut String, names: &[String]) {
    table_row(out, names);
    table_row(out, &vec!["---".to_string(); names.len()]);
}

/// The report as Markdown, ending with a line break.
pub fn render(project: &Project) -> String {
    let rows = rows(project);
    let c = Comparison::build(project);
    let mut out = String::new();
    let title = if project.title.trim().is_empty() {
        "Untitled project".to_string()
    } else {
        inline(&project.title)
    };
    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(
        out,
        "{}, {}, {}, {}. Positions count characters (code points), end exclusive.\n",
        count(project.sources.len(), "source"),
        count(project.annotations.len(), "annotation"),
        count(project.entities.len(), "entity"),
        count(project.claim_groups.len(), "claim group"),
    );
    sources(&mut out, project, &rows);
    out.push_str("## Comparison\n\n");
    actors(&mut out, &c, project);
    claims(&mut out, &c);
    dates(&mut out, &c);
    conflicts(&mut out, &c);
    coverage(&mut out, &c, project);
    annotations(&mut out, project, &rows);
    out
}

fn sources(out: &mut String, project: &Project, rows: &[Row<'_>]) {
    out.push_str("## Sources\n\n");
    if project.sources.is_empty() {
        out.push_str("The project has no source.\n\n");
        return;
    }
    let head = [
        "Source",
        "Title",
        "Outlet",
        "Author",
        "Published",
        "URL",
        "Annotations",
        "Reliability",
        "Memo",
    ];
    table_head(out, &head.map(String::from));
    for s in &project.sources {
        let url = match web_url(&s.url) {
            Some(url) => format!("<{}>", url.replace(['<', '>', ' '], "")),
            None => cell(&s.url),
        };
        let annotations = rows.iter().filter(|r| r.annotation.source == s.id).count();
        table_row(
            out,
            &[
                cell(s.id.as_str()),
                cell(&s.title),
                cell(&s.outlet),
                cell(&s.author),
                s.published.map(|d| d.to_string()).unwrap_or_default(),
                url,
                annotations.to_string(),
                s.reliability
                    .map(|r| format!("{r} ({})", r.meaning()))
                    .unwrap_or_default(),
                cell(&s.memo),
            ],
        );
    }
    out.push('\n');
}

/// The header cells of a comparison table: the lead columns, then one per source.
fn source_columns(c: &Comparison, lead: &[&str]) -> Vec<String> {
    lead.iter()
        .map(|s| s.to_string())
        .chain(c.sources.iter().map(|s| cell(&s.name)))
        .collect()
}

fn actors(out: &mut String, c: &Comparison, project: &Project) {
    out.push_str("### Actors\n\n");
    if c.actors.is_empty() {
        out.push_str("No actor mention is linked to an entity.\n\n");
    } else {
        table_head(out, &source_columns(c, &["Actor"]));
        for row in &c.actors {
            let mut name = cell(&row.name);
            if row.named_by_some_only() {
                name.push_str(" (named by only some sources)");
            }
            if let Some(memo) = entity_memo(project, &row.entity) {
                name.push_str(&format!("<br>Memo: {}", cell(memo)));
            }
            let mut cells = vec![name];
            cells.extend(row.cells.iter().map(|a| {
                if a.mentions.is_empty() {
                    "-".to_string()
                } else {
                    format!(
                        "{}: {}",
                        count(a.mentions.len(), "mention"),
                        cell(
                            &a.forms()
                                .into_iter()
                                .map(|f| f.text)
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    )
                }
            }));
            table_row(out, &cells);
        }
        out.push('\n');
    }
    mentions_by_source(
        out,
        c,
        "Actor mentions linked to no entity",
        &c.unlinked_actors,
    );
}

fn mentions_by_source(out: &mut String, c: &Comparison, heading: &str, cells: &[Vec<Mention>]) {
    if cells.iter().all(Vec::is_empty) {
        return;
    }
    let _ = writeln!(out, "{heading}:\n");
    for (mentions, s) in cells.iter().zip(&c.sources) {
        if mentions.is_empty() {
            continue;
        }
        let words: Vec<String> = mentions.iter().map(|m| inline(&m.text)).collect();
        let _ = writeln!(out, "- {}: {}", inline(&s.name), words.join("; "));
    }
    out.push('\n');
}

fn claims(out: &mut String, c: &Comparison) {
    out.push_str("### Claims\n\n");
    if c.claims.is_empty() {
        out.push_str("No claim is in a claim group.\n\n");
    } else {
        out.push_str(
            "Words only in the reference wording are <del>struck through</del>; words only in \
             this wording are <ins>underlined</ins>.\n\n",
        );
        table_head(out, &source_columns(c, &["Claim"]));
        for claim in &c.claims {
            let mut cells = vec![cell(&claim.label)];
            cells.extend(claim.cells.iter().map(|wordings| {
                if wordings.is_empty() {
                    "not carried".to_string()
                } else {
                    let marks: Vec<&str> = wordings.iter().map(|w| claim.standing(w)).collect();
                    marks.join("; ")
                }
            }));
            table_row(out, &cells);
        }
        out.push('\n');
        for claim in &c.claims {
            let _ = writeln!(out, "#### {}\n", inline(&claim.label));
            if !claim.memo.is_empty() {
                let _ = writeln!(out, "Memo: {}\n", inline(&claim.memo));
            }
            table_head(out, &wording_columns());
            for (col, wordings) in claim.cells.iter().enumerate() {
                let source = cell(&c.sources[col].name);
                if wordings.is_empty() {
                    table_row(
                        out,
                        &[
                            source.clone(),
                            "not carried".into(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                        ],
                    );
                }
                for w in wordings {
                    let lead = format!("{source} ({})", claim.standing(w));
                    let reliability = c.sources[col].reliability;
                    wording_row(out, lead, diffed(claim, w), w, reliability);
                }
            }
            out.push('\n');
        }
    }
    if c.unmatched_claims.iter().any(|cell| !cell.is_empty()) {
        out.push_str("Claims in no claim group:\n\n");
        table_head(out, &wording_columns());
        for (col, wordings) in c.unmatched_claims.iter().enumerate() {
            for w in wordings {
                let lead = cell(&c.sources[col].name);
                wording_row(out, lead, cell(&w.text), w, c.sources[col].reliability);
            }
        }
        out.push('\n');
    }
}

fn wording_columns() -> Vec<String> {
    ["Source", "Wording", "Speaker", "Via", "Dates", "Grade"]
        .map(String::from)
        .to_vec()
}

fn wording_row(
    out: &mut String,
    lead: String,
    words: String,
    w: &Wording,
    reliability: Option<crate::model::Reliability>,
) {
    let name = |e: &Option<std::sync::Arc<crate::compare::EntityRef>>| {
        e.as_ref().map_or("-".to_string(), |e| cell(&e.name))
    };
    let dates: Vec<String> = w
        .dates
        .iter()
        .map(|d| format!("{} ({})", d.value, cell(&d.text)))
        .collect();
    table_row(
        out,
        &[
            lead,
            words,
            name(&w.speaker),
            name(&w.via),
            dates.join("; "),
            crate::model::admiralty(reliability, w.credibility).unwrap_or_default(),
        ],
    );
}

/// A wording with its differences from the reference marked `<del>` and `<ins>`.
fn diffed(claim: &ClaimRow, wording: &Wording) -> String {
    let mut out = String::new();
    for segment in claim.diff(wording) {
        let text = cell(&segment.text);
        match segment.change {
            Change::Equal => out.push_str(&text),
            Change::Deleted => {
                let _ = write!(out, "<del>{text}</del>");
            }
            Change::Inserted => {
                let _ = write!(out, "<ins>{text}</ins>");
            }
        }
    }
    out
}

fn dates(out: &mut String, c: &Comparison) {
    out.push_str("### Dates\n\n");
    if c.dates.is_empty() {
        out.push_str("No date has a value.\n\n");
    } else {
        table_head(out, &source_columns(c, &["Date", "Kind"]));
        for row in &c.dates {
            let mut cells = vec![row.value.to_string(), row.value.extent()];
            cells.extend(row.cells.iter().map(|mentions| {
                if mentions.is_empty() {
                    "-".to_string()
                } else {
                    let words: Vec<String> = mentions.iter().map(|m| cell(&m.text)).collect();
                    words.join("; ")
                }
            }));
            table_row(out, &cells);
        }
        out.push('\n');
    }
    mentions_by_source(out, c, "Dates with no value", &c.undated);
}

fn conflicts(out: &mut String, c: &Comparison) {
    out.push_str("### Conflicts\n\n");
    if c.conflicts.is_empty() {
        out.push_str("The sources do not disagree on the date or the speaker of any claim.\n\n");
        return;
    }
    for conflict in &c.conflicts {
        let _ = writeln!(
            out,
            "- {}: {}",
            conflict.kind.label(),
            inline(&conflict.detail)
        );
    }
    out.push('\n');
}

fn coverage(out: &mut String, c: &Comparison, project: &Project) {
    out.push_str("### Coverage\n\n");
    if c.sources.is_empty() {
        out.push_str("The project has no source.\n\n");
        return;
    }
    let carried = |items: &Carried| -> String {
        let mut list: Vec<String> = items
            .claims
            .iter()
            .map(|g| {
                let label = project.claim_groups.get(g).map_or(g.as_str(), |g| &g.label);
                format!("{}: {}", TagKind::Claim.noun(), cell(label))
            })
            .collect();
        list.extend(items.actors.iter().map(|e| {
            format!(
                "{}: {}",
                TagKind::Actor.noun(),
                cell(project.entity_name(e))
            )
        }));
        let date = TagKind::Date.noun();
        list.extend(items.dates.iter().map(|d| format!("{date}: {d}")));
        if list.is_empty() {
            "nothing".into()
        } else {
            list.join("<br>")
        }
    };
    table_head(out, &["Source", "Only here", "Left out"].map(String::from));
    for (cov, s) in c.coverage.iter().zip(&c.sources) {
        table_row(
            out,
            &[
                cell(&s.name),
                carried(&cov.only_here),
                carried(&cov.lacking),
            ],
        );
    }
    out.push('\n');
}

/// The columns of a source's annotation table.
pub const ANNOTATION_COLUMNS: [&str; 7] = ["Tag", "Start", "End", "Text", "Links", "Note", "Id"];

fn annotations(out: &mut String, project: &Project, rows: &[Row<'_>]) {
    out.push_str("## Annotations by source\n\n");
    let mut any = false;
    for s in &project.sources {
        let here: Vec<&Row<'_>> = rows
            .iter()
            .filter(|r| r.annotation.source == s.id && r.is_placed())
            .collect();
        if here.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(
            out,
            "### {} ({})\n",
            inline(s.display_title()),
            inline(s.id.as_str())
        );
        annotation_table(out, &here);
    }
    let unplaced: Vec<&Row<'_>> = rows.iter().filter(|r| !r.is_placed()).collect();
    if !unplaced.is_empty() {
        any = true;
        out.push_str("### Unplaced annotations\n\n");
        out.push_str(
            "Their words could not be found in their source after it changed; place them \
             again in Parallax.\n\n",
        );
        annotation_table(out, &unplaced);
    }
    if !any {
        out.push_str("The project has no annotation.\n");
    }
}

fn annotation_table(out: &mut String, rows: &[&Row<'_>]) {
    table_head(out, &ANNOTATION_COLUMNS.map(String::from));
    for row in rows {
        let a = row.annotation;
        let links: Vec<String> = row
            .links()
            .iter()
            .map(|(link, name)| format!("{link}: {}", cell(name)))
            .collect();
        table_row(
            out,
            &[
                a.kind().label().to_string(),
                a.start.to_string(),
                a.end.to_string(),
                cell(row.text),
                links.join("; "),
                cell(&a.note),
                cell(a.id.as_str()),
            ],
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// The tables of a Markdown document: rows of cells, each cell's text with `<br>` read
    /// as a line break, after checking that the document has no HTML but the report's own.
    fn tables(markdown: &str) -> Vec<Vec<Vec<String>>> {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let mut tables = Vec::new();
        let mut cell: Option<String> = None;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    tables.last_mut().unwrap().push(Vec::new());
                }
                Event::Start(Tag::TableCell) => cell = Some(String::new()),
                Event::End(TagEnd::TableCell) => {
                    let text = cell.take().unwrap().trim().to_string();
                    tables.last_mut().unwrap().last_mut().unwrap().push(text);
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(c) = cell.as_mut() {
                        c.push_str(&t);
                    }
                }
                Event::InlineHtml(html) => {
                    assert!(
                        ["<br>", "<del>", "</del>", "<ins>", "</ins>"].contains(&html.as_ref()),
                        "HTML from user text: {html}"
                    );
                    if html.as_ref() == "<br>"
                        && let Some(c) = cell.as_mut()
                    {
                        c.push('\n');
                    }
                }
                Event::Html(html) => panic!("an HTML block: {html}"),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    assert!(
                        dest_url.starts_with("https://"),
                        "a link from user text: {dest_url}"
                    );
                }
                Event::Start(
                    tag @ (Tag::Image { .. }
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::CodeBlock(_)
                    | Tag::BlockQuote(_)),
                ) => panic!("Markdown from user text: {tag:?}"),
                _ => {}
            }
        }
        tables
    }

    fn as_cell(text: &str) -> String {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_string()
    }

    #[test]
    fn syntax_is_escaped_and_line_breaks_kept() {
        assert_eq!(cell("a|b\r\nc\rd\ne"), "a\\|b<br>c<br>d<br>e");
        assert_eq!(
            inline("# *x* [y](javascript:z) <b>"),
            "\\# \\*x\\* \\[y\\](javascript:z) \\<b\\>"
        );
        assert_eq!(inline("a\nb"), "a b");
        assert_eq!(cell("plain words, 1. 2-3"), "plain words, 1. 2-3");
    }

    #[test]
    fn hostile_text_stays_in_its_cells() {
        let project = fixture::hostile();
        let markdown = render(&project);
        let tables = tables(&markdown);
        for table in &tables {
            let width = table[0].len();
            for row in table {
                assert_eq!(row.len(), width, "a row of another width: {row:?}");
            }
        }
        let annotation_tables: Vec<&Vec<Vec<String>>> = tables
            .iter()
            .filter(|t| t[0] == ANNOTATION_COLUMNS.map(String::from))
            .collect();
        let written: Vec<&Vec<String>> = annotation_tables.iter().flat_map(|t| &t[1..]).collect();
        assert_eq!(written.len(), project.annotations.len());
        let rows = rows(&project);
        for row in &rows {
            let id = row.annotation.id.as_str();
            let cells = written
                .iter()
                .find(|cells| cells[6] == id)
                .unwrap_or_else(|| panic!("no row for {id}"));
            assert_eq!(cells[3], as_cell(row.text), "{id}");
            assert_eq!(cells[5], as_cell(&row.annotation.note), "{id}");
            assert_eq!(cells[0], row.annotation.kind().label());
        }
        // The sources table keeps each title whole.
        let sources = tables
            .iter()
            .find(|t| t[0][0] == "Source" && t[0][1] == "Title")
            .unwrap();
        for (s, cells) in project.sources.iter().zip(&sources[1..]) {
            assert_eq!(cells[1], as_cell(&s.title));
            assert_eq!(cells[2], as_cell(&s.outlet));
        }
        // The project's title is the one heading of level one, on one line.
        let first = markdown.lines().next().unwrap();
        assert!(first.starts_with("# \\<script\\>"), "{first}");
    }
}
