//! Reading an OpenDocument text (`.odt`, LibreOffice's own format): paragraphs,
//! headings, list items, text boxes and tables (rows of cells separated by tabs) in
//! order, footnotes and endnotes numbered at the end, and the title, author and creation
//! day the document's metadata declare. Comments, tracked deletions and the templates
//! of indexes are left out.

use std::path::Path;

use super::ImportError;
use super::document::Document;
use super::office_xml::{Step, TextBuilder, attribute, read_properties, walk};
use super::package::Package;

const CONTENT: &str = "content.xml";
const META: &str = "meta.xml";

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
    let mut package = Package::open(bytes, path, "OpenDocument")?;
    let content = package.part(CONTENT)?.ok_or_else(|| ImportError::File {
        path: path.to_path_buf(),
        problem: format!(
            "this is not an OpenDocument text: it has no {CONTENT}; open it in a word \
             processor and save it again as .odt"
        ),
    })?;
    let text = read_content(&content, path)?;
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
fn read_content(xml: &[u8], path: &Path) -> Result<String, ImportError> {
    let mut text = TextBuilder::default();
    let mut notes: Vec<String> = Vec::new();
    // The text around each note being read, the innermost last.
    let mut around: Vec<TextBuilder> = Vec::new();
    let mut skipped = 0usize;
    let mut paragraphs = 0usize;
    walk(xml, path, CONTENT, |step| {
        if skipped > 0 {
            match step {
                Step::Open(_) => skipped += 1,
                Step::Close(_) => skipped -= 1,
                Step::Text(_) => {}
            }
            return;
        }
        match step {
            Step::Open(element) => match element.local_name().into_inner() {
                name if SKIPPED.contains(&name) => skipped = 1,
                b"p" | b"h" => {
                    text.end_paragraph();
                    paragraphs += 1;
                }
                b"table" => text.open_table(),
                b"s" => {
                    let count = attribute(element, b"c").and_then(|c| c.parse().ok());
                    let count: usize = count.unwrap_or(1);
                    text.push_str(&" ".repeat(count.min(MAX_SPACES)));
                }
                b"tab" => text.push('\t'),
                b"line-break" => text.push('\n'),
                b"note-body" => around.push(std::mem::take(&mut text)),
                _ => {}
            },
            Step::Close(name) => match name {
                b"p" | b"h" => {
                    text.end_paragraph();
                    paragraphs = paragraphs.saturating_sub(1);
                }
                b"table-cell" => text.end_cell(),
                b"table-row" => text.end_row(),
                b"table" => text.close_table(),
                b"note-body" => {
                    if let Some(outer) = around.pop() {
                        let note = std::mem::replace(&mut text, outer);
                        notes.push(note.finish(&[]));
                        text.push_str(&format!("[{}]", notes.len()));
                    }
                }
                _ => {}
            },
            Step::Text(content) if paragraphs > 0 => {
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
