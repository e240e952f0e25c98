//! Reading an OpenDocument text (`.odt`, LibreOffice's own format): paragraphs,
//! headings, list items (with their numbers or bullets), text boxes and tables (rows of cells separated by tabs) in
//! order, footnotes and endnotes numbered at the end, and the title, author and creation
//! day the document's metadata declare. Comments, tracked deletions and the templates
//! of indexes are left out.

use std::collections::HashMap;
use std::path::Path;

use super::ImportError;
use super::document::Document;
use super::office_xml::{
    NumberStyle, Step, TextBuilder, attribute, passed_over, read_properties, walk,
};
use super::package::Package;

const CONTENT: &str = "content.xml";
const META: &str = "meta.xml";
const STYLES: &str = "styles.xml";

/// The most spaces one `<text:s>` may stand for; the format allows any number.
const MAX_SPACES: usize = 1_000;

/// Elements whose content is not the document's text: comments, tracked changes (which
/// keep deleted text), a note's number (notes are numbered at the end), a merged table
/// cell's placeholder, the descriptions of drawings, and the templates of indexes.
#[rustfmt::skip]
const SKIPPED: &[&[u8]] = &[
    b"annotation", b"tracked-changes", b"note-citation", b"covered-table-cell", b"desc",
    b"title", b"table-of-content-source", b"alphabetical-index-source",
    b"illustration-index-source", b"table-index-source", b"object-index-source",
    b"user-index-source", b"bibliography-source",
];

/// Reads an OpenDocument text's bytes as the file at `path`.
pub(super) fn read_opendocument(bytes: &[u8], path: &Path) -> Result<Document, ImportError> {
    let mut package = Package::open(bytes, path, "an OpenDocument text")?;
    let content = package.part(CONTENT)?.ok_or_else(|| ImportError::File {
        path: path.to_path_buf(),
        problem: format!(
            "this is not an OpenDocument text: it has no {CONTENT}; open it in a word \
             processor and save it again as .odt"
        ),
    })?;
    let mut lists = ListStyles::default();
    if let Some(xml) = package.part(STYLES)? {
        read_list_styles(&xml, path, STYLES, &mut lists)?;
    }
    read_list_styles(&content, path, CONTENT, &mut lists)?;
    let text = read_content(&content, path, &lists)?;
    let properties = match package.part(META)? {
        Some(xml) => read_properties(
            &xml,
            path,
            META,
            &[b"initial-creator", b"creator"],
            b"creation-date",
        )?,
        None => Default::default(),
    };
    Ok(Document {
        title: properties.title.unwrap_or_default(),
        text,
        path: path.to_path_buf(),
        author: properties.author,
        published: properties.created,
        ..Document::default()
    })
}

/// Reads the text of `content.xml`. White space in a paragraph collapses to one space,
/// as the format says; `<text:s>`, `<text:tab>` and `<text:line-break>` stand for the
/// spaces, tabs and line breaks written.
fn read_content(xml: &[u8], path: &Path, styles: &ListStyles) -> Result<String, ImportError> {
    let mut text = TextBuilder::default();
    // The lists open, the innermost last: each one's style and how far it has counted;
    // how far the last list of each style counted; and the label of the item whose
    // first paragraph is yet to come.
    let mut lists: Vec<(Option<String>, u32)> = Vec::new();
    let mut counted: HashMap<String, u32> = HashMap::new();
    let mut label: Option<String> = None;
    let mut notes: Vec<String> = Vec::new();
    // The text around each note being read, the innermost last.
    let mut around: Vec<TextBuilder> = Vec::new();
    let mut skipped = 0usize;
    let mut paragraphs = 0usize;
    // Notes open whose body is not: white space there is not the text's.
    let mut outside_bodies = 0usize;
    walk(xml, path, CONTENT, |step| {
        if passed_over(&mut skipped, &step) {
            return;
        }
        match step {
            Step::Open(element) => match element.local_name().into_inner() {
                name if SKIPPED.contains(&name) => skipped = 1,
                b"p" | b"h" => {
                    text.end_paragraph();
                    paragraphs += 1;
                    if let Some(label) = label.take().filter(|l| !l.is_empty()) {
                        text.push_str(&label);
                        text.push(' ');
                    }
                }
                b"list" => {
                    let style = attribute(element, b"style-name")
                        .or_else(|| lists.last().and_then(|(style, _)| style.clone()));
                    let continues = attribute(element, b"continue-numbering")
                        .is_some_and(|v| v == "true")
                        || attribute(element, b"continue-list").is_some();
                    let count = match (&style, continues) {
                        (Some(style), true) => counted.get(style).copied().unwrap_or(0),
                        _ => 0,
                    };
                    lists.push((style, count));
                }
                b"list-item" => {
                    let level = lists.len();
                    if let Some((style, count)) = lists.last_mut() {
                        let definition =
                            style.as_ref().and_then(|s| styles.get(&(s.clone(), level)));
                        let start = definition.map_or(1, |d| d.start);
                        *count =
                            match attribute(element, b"start-value").and_then(|v| v.parse().ok()) {
                                Some(value) => value,
                                None if *count == 0 => start,
                                None => count.saturating_add(1),
                            };
                        label = Some(match definition {
                            Some(d) if d.style != NumberStyle::Bullet => {
                                format!("{}{}{}", d.prefix, d.style.label(*count), d.suffix)
                            }
                            _ => NumberStyle::Bullet.label(*count),
                        });
                    }
                }
                b"list-header" => label = None,
                b"table" => text.open_table(),
                b"s" => {
                    let count = attribute(element, b"c").and_then(|c| c.parse().ok());
                    let count: usize = count.unwrap_or(1);
                    text.push_str(&" ".repeat(count.min(MAX_SPACES)));
                }
                b"tab" => text.push('\t'),
                b"line-break" => text.push('\n'),
                b"note" => outside_bodies += 1,
                b"note-body" => {
                    outside_bodies = outside_bodies.saturating_sub(1);
                    around.push(std::mem::take(&mut text));
                }
                _ => {}
            },
            Step::Close(name) => match name {
                b"p" | b"h" => {
                    text.end_paragraph();
                    paragraphs = paragraphs.saturating_sub(1);
                }
                b"list" => {
                    if let Some((Some(style), count)) = lists.pop() {
                        counted.insert(style, count);
                    }
                }
                b"table-cell" => text.end_cell(),
                b"table-row" => text.end_row(),
                b"table" => text.close_table(),
                b"note" => outside_bodies = outside_bodies.saturating_sub(1),
                b"note-body" => {
                    outside_bodies += 1;
                    if let Some(outer) = around.pop() {
                        let note = std::mem::replace(&mut text, outer);
                        notes.push(note.finish(&[]));
                        text.push_str(&format!("[{}]", notes.len()));
                    }
                }
                _ => {}
            },
            Step::Text(content) if paragraphs > 0 && outside_bodies == 0 => {
                for c in content.chars() {
                    if !c.is_ascii_whitespace() {
                        text.push(c);
                    } else if !text.ends_with_space() {
                        text.push(' ');
                    }
                }
            }
            Step::Text(_) => {}
        }
    })?;
    while let Some(outer) = around.pop() {
        notes.push(std::mem::replace(&mut text, outer).finish(&[]));
    }
    Ok(text.finish(&notes))
}

/// One level of a list style: how it numbers its items, what comes before and after
/// the number, and the first number.
#[derive(Debug, Clone)]
struct ListLevel {
    style: NumberStyle,
    prefix: String,
    suffix: String,
    start: u32,
}

/// The levels of the list styles a document defines, by style name and level
/// (counted from 1).
type ListStyles = HashMap<(String, usize), ListLevel>;

/// Adds the list styles the part `part` (`styles.xml` or `content.xml`) defines.
fn read_list_styles(
    xml: &[u8],
    path: &Path,
    part: &str,
    styles: &mut ListStyles,
) -> Result<(), ImportError> {
    let mut name: Option<String> = None;
    walk(xml, path, part, |step| match step {
        Step::Open(element) => match element.local_name().into_inner() {
            b"list-style" => name = attribute(element, b"name"),
            kind @ (b"list-level-style-number"
            | b"list-level-style-bullet"
            | b"list-level-style-image") => {
                let level = attribute(element, b"level").and_then(|l| l.parse().ok());
                if let (Some(name), Some(level)) = (&name, level) {
                    let style = match kind {
                        b"list-level-style-number" => NumberStyle::named(
                            &attribute(element, b"num-format").unwrap_or_default(),
                        ),
                        _ => NumberStyle::Bullet,
                    };
                    let level_style = ListLevel {
                        style,
                        prefix: attribute(element, b"num-prefix").unwrap_or_default(),
                        suffix: attribute(element, b"num-suffix").unwrap_or_default(),
                        start: attribute(element, b"start-value")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1),
                    };
                    styles.insert((name.clone(), level), level_style);
                }
            }
            _ => {}
        },
        Step::Close(b"list-style") => name = None,
        Step::Close(_) | Step::Text(_) => {}
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::document_from_bytes;
    use std::io::Write;

    fn read(content: &str, styles: &str) -> Result<Document, ImportError> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, xml) in [(CONTENT, content), (STYLES, styles)] {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        document_from_bytes(&bytes, Path::new("a.odt"), super::super::Reading::Article)
    }

    #[test]
    fn spaces_notes_lists_and_left_out_parts() {
        let content = r#"<office:document-content xmlns:office="o" xmlns:text="t">
            <office:body><office:text>
            <text:tracked-changes><text:changed-region><text:deletion><text:p>Gone</text:p>
            </text:deletion></text:changed-region></text:tracked-changes>
            <text:h text:outline-level="1">The   call</text:h>
            <text:p>Two<text:s text:c="2"/>spaces,<text:tab/>a tab,<text:line-break/>a break
              and a note<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>
              <text:note-body><text:p>The note.</text:p></text:note-body></text:note>.
              <office:annotation><text:p>A comment</text:p></office:annotation></text:p>
            <text:list text:style-name="L1"><text:list-item><text:p>First</text:p>
              <text:list><text:list-item><text:p>Inner</text:p></text:list-item></text:list>
            </text:list-item><text:list-item><text:p>Second</text:p></text:list-item></text:list>
            <text:list text:style-name="L1" text:continue-numbering="true">
              <text:list-item><text:p>Third</text:p></text:list-item></text:list>
            <text:list><text:list-item><text:p>Dot</text:p></text:list-item></text:list>
            </office:text></office:body></office:document-content>"#;
        let styles = r#"<office:document-styles xmlns:office="o" xmlns:text="t" xmlns:style="s">
            <text:list-style style:name="L1">
            <text:list-level-style-number text:level="1" style:num-format="A" style:num-suffix=")"/>
            <text:list-level-style-number text:level="2" style:num-format="i" style:num-prefix="("
              style:num-suffix=")" text:start-value="4"/></text:list-style></office:document-styles>"#;
        let doc = read(content, styles).unwrap();
        assert_eq!(
            doc.text,
            "The call\n\nTwo  spaces,\ta tab,\na break and a note[1].\n\nA) First\n\n(iv) Inner\n\n\
             B) Second\n\nC) Third\n\n• Dot\n\n[1] The note."
        );
        assert_eq!(doc.title, "a");
    }

    #[test]
    fn the_metadata_gives_title_author_and_day() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let meta = r#"<office:document-meta xmlns:office="o" xmlns:meta="m" xmlns:dc="d"><office:meta>
            <meta:initial-creator>Ana Ruiz</meta:initial-creator><dc:creator>Editor</dc:creator>
            <dc:title>Readout</dc:title><meta:creation-date>2025-06-04T23:59:00</meta:creation-date>
            </office:meta></office:document-meta>"#;
        for (name, xml) in [(CONTENT, "<c><text:p>Text</text:p></c>"), (META, meta)] {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        let doc = document_from_bytes(&bytes, Path::new("a.odt"), super::super::Reading::Article)
            .unwrap();
        assert_eq!(doc.title, "Readout");
        assert_eq!(doc.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2025, 6, 4));
        assert_eq!(doc.text, "Text");
    }
}
