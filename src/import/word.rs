//! Reading a Word file (`.docx`, Office Open XML): the body's paragraphs, headings, list
//! items and tables (rows of cells separated by tabs) in order, footnotes and endnotes
//! numbered at the end, and the title, creator and creation day of the core properties.
//! Headers, footers, comments and deleted revisions are left out.

use std::collections::HashMap;
use std::path::Path;

use super::ImportError;
use super::document::Document;
use super::office_xml::{Step, TextBuilder, attribute, read_properties, walk};
use super::package::Package;

const BODY: &str = "word/document.xml";
const NOTES: [&str; 2] = ["word/footnotes.xml", "word/endnotes.xml"];
const PROPERTIES: &str = "docProps/core.xml";

/// Elements whose content is not the document's text: a deleted revision, text moved
/// away (it stands where it was moved to), and the copy of a drawing kept for programs
/// that cannot read the drawing itself.
const SKIPPED: &[&[u8]] = &[b"del", b"moveFrom", b"Fallback"];

/// Reads a Word file's bytes as the file at `path`.
pub(super) fn read_word(bytes: &[u8], path: &Path) -> Result<Document, ImportError> {
    let mut package = Package::open(bytes, path, "Word")?;
    let body = package.part(BODY)?.ok_or_else(|| ImportError::File {
        path: path.to_path_buf(),
        problem: format!(
            "this is not a Word file: it has no {BODY}; open it in a word processor and \
             save it again as .docx"
        ),
    })?;
    let mut notes = HashMap::new();
    for part in NOTES {
        if let Some(xml) = package.part(part)? {
            notes.extend(read_part(&xml, path, part)?.notes);
        }
    }
    let read = read_part(&body, path, BODY)?;
    let numbered: Vec<String> = read
        .references
        .iter()
        .map(|reference| notes.remove(reference).unwrap_or_default())
        .collect();
    let properties = match package.part(PROPERTIES)? {
        Some(xml) => read_properties(&xml, path, PROPERTIES, &[b"creator"], b"created")?,
        None => Default::default(),
    };
    Ok(Document {
        title: properties.title.unwrap_or_default(),
        text: read.text.finish(&numbered),
        path: path.to_path_buf(),
        author: properties.author,
        published: properties.created,
        ..Document::default()
    })
}

/// A note by its kind (`footnote`, `endnote`) and id.
type NoteId = (Vec<u8>, String);

/// What one part holds: its text, the notes it refers to in order, and the notes it
/// holds (a notes part) by id.
#[derive(Default)]
struct Part {
    text: TextBuilder,
    references: Vec<NoteId>,
    notes: HashMap<NoteId, String>,
}

/// Reads the text of a part: the body, or a part of footnotes or endnotes.
fn read_part(xml: &[u8], path: &Path, name: &str) -> Result<Part, ImportError> {
    let mut part = Part::default();
    // Depth inside a skipped element, inside runs, and whether in a text element.
    let mut skipped = 0usize;
    let mut runs = 0usize;
    let mut in_text = false;
    // The note being read (its id, and the text around it), in a notes part.
    let mut note: Option<(NoteId, TextBuilder)> = None;
    walk(xml, path, name, |step| {
        if skipped > 0 {
            match step {
                Step::Open(_) => skipped += 1,
                Step::Close(_) => skipped -= 1,
                Step::Text(_) => {}
            }
            return;
        }
        let text = &mut part.text;
        match step {
            Step::Open(element) => match element.local_name().into_inner() {
                name if SKIPPED.contains(&name) => skipped = 1,
                b"p" => text.end_paragraph(),
                b"r" => runs += 1,
                b"t" => in_text = true,
                b"tbl" => text.open_table(),
                b"tab" | b"ptab" if runs > 0 => text.push('\t'),
                b"br" | b"cr" if runs > 0 => text.push('\n'),
                b"noBreakHyphen" => text.push('-'),
                kind @ (b"footnote" | b"endnote") if note.is_none() => {
                    let id = attribute(element, b"id").unwrap_or_default();
                    let around = std::mem::take(text);
                    note = Some(((kind.to_vec(), id), around));
                }
                reference @ (b"footnoteReference" | b"endnoteReference") => {
                    let kind = reference.strip_suffix(b"Reference").unwrap_or_default();
                    let id = attribute(element, b"id").unwrap_or_default();
                    part.references.push((kind.to_vec(), id));
                    text.push_str(&format!("[{}]", part.references.len()));
                }
                _ => {}
            },
            Step::Close(name) => match name {
                b"p" => text.end_paragraph(),
                b"r" => runs = runs.saturating_sub(1),
                b"t" => in_text = false,
                b"tc" => text.end_cell(),
                b"tr" => text.end_row(),
                b"tbl" => text.close_table(),
                b"footnote" | b"endnote" => {
                    if let Some((id, around)) = note.take() {
                        let read = std::mem::replace(text, around);
                        part.notes.insert(id, read.finish(&[]));
                    }
                }
                _ => {}
            },
            Step::Text(content) if in_text => text.push_str(content),
            Step::Text(_) => {}
        }
    })?;
    Ok(part)
}
