//! Reading a Word file (`.docx`, Office Open XML): the body's paragraphs, headings, list
//! items (with their numbers or bullets) and tables (rows of cells separated by tabs) in
//! order, footnotes and endnotes numbered at the end, and the title, creator and creation day of the core properties.
//! Headers, footers, comments and deleted revisions are left out.

use std::collections::HashMap;
use std::path::Path;

use super::ImportError;
use super::document::Document;
use super::office_xml::{
    NumberStyle, Step, TextBuilder, attribute, passed_over, read_properties, walk,
};
use super::package::Package;

const BODY: &str = "word/document.xml";
const NOTES: [&str; 2] = ["word/footnotes.xml", "word/endnotes.xml"];
const PROPERTIES: &str = "docProps/core.xml";
const NUMBERING: &str = "word/numbering.xml";

/// The levels a Word list may have.
const LEVELS: usize = 9;

/// Elements whose content is not the document's text: a deleted revision, text moved
/// away (it stands where it was moved to), and the copy of a drawing kept for programs
/// that cannot read the drawing itself.
const SKIPPED: &[&[u8]] = &[b"del", b"moveFrom", b"Fallback"];

/// Reads a Word file's bytes as the file at `path`.
pub(super) fn read_word(bytes: &[u8], path: &Path) -> Result<Document, ImportError> {
    let mut package = Package::open(bytes, path, "a Word file")?;
    let body = package.part(BODY)?.ok_or_else(|| ImportError::File {
        path: path.to_path_buf(),
        problem: format!(
            "this is not a Word file: it has no {BODY}; open it in a word processor and \
             save it again as .docx"
        ),
    })?;
    let numbering = match package.part(NUMBERING)? {
        Some(xml) => read_numbering(&xml, path)?,
        None => Numbering::default(),
    };
    let mut notes = HashMap::new();
    for part in NOTES {
        if let Some(xml) = package.part(part)? {
            notes.extend(read_part(&xml, path, part, &numbering)?.notes);
        }
    }
    let read = read_part(&body, path, BODY, &numbering)?;
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
fn read_part(
    xml: &[u8],
    path: &Path,
    name: &str,
    numbering: &Numbering,
) -> Result<Part, ImportError> {
    let mut part = Part::default();
    // The list item a paragraph is (list id and level), while its properties are read;
    // and how far each list has counted, by level.
    let mut item: Option<(String, usize)> = None;
    let mut counts: HashMap<String, [u32; LEVELS]> = HashMap::new();
    // Depth inside a skipped element, inside runs, and whether in a text element.
    let mut skipped = 0usize;
    let mut runs = 0usize;
    let mut in_text = false;
    // The note being read (its id, and the text around it), in a notes part.
    let mut note: Option<(NoteId, TextBuilder)> = None;
    walk(xml, path, name, |step| {
        if passed_over(&mut skipped, &step) {
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
                b"numPr" => item = Some((String::new(), 0)),
                b"numId" => {
                    if let (Some(item), Some(id)) = (&mut item, attribute(element, b"val")) {
                        item.0 = id;
                    }
                }
                b"ilvl" => {
                    let level = attribute(element, b"val").and_then(|v| v.parse().ok());
                    if let (Some(item), Some(level)) = (&mut item, level) {
                        item.1 = usize::min(level, LEVELS - 1);
                    }
                }
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
                b"numPr" => {
                    if let Some((list, level)) = item.take() {
                        let label = numbering.label(&list, level, &mut counts);
                        if !label.is_empty() {
                            text.push_str(&label);
                            text.push(' ');
                        }
                    }
                }
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

/// One level of a Word list: how it numbers its items, its label's pattern (`%1.`,
/// where `%N` stands for the number at level N) and its first number.
#[derive(Debug, Clone, Default)]
struct Level {
    style: NumberStyle,
    pattern: String,
    start: u32,
}

/// The levels of Word's lists (`word/numbering.xml`), by list id and level.
#[derive(Debug, Default)]
struct Numbering {
    levels: HashMap<(String, usize), Level>,
}

impl Numbering {
    /// Counts one more item at `level` of the list `list` (starting the levels below it
    /// anew) and returns its label; empty for a list Word does not number.
    fn label(
        &self,
        list: &str,
        level: usize,
        counts: &mut HashMap<String, [u32; LEVELS]>,
    ) -> String {
        let level_of = |n: usize| self.levels.get(&(list.to_string(), n));
        let Some(this) = level_of(level) else {
            return String::new();
        };
        let count = counts.entry(list.to_string()).or_default();
        count[level] = match count[level] {
            0 => this.start.max(1),
            n => n.saturating_add(1),
        };
        count[level + 1..].fill(0);
        if this.style == NumberStyle::Bullet {
            return this.style.label(1);
        }
        let mut label = this.pattern.clone();
        for n in (0..=level).rev() {
            let number = level_of(n).map_or_else(String::new, |l| l.style.label(count[n].max(1)));
            label = label.replace(&format!("%{}", n + 1), &number);
        }
        label
    }
}

/// Reads the levels of the lists `word/numbering.xml` defines.
fn read_numbering(xml: &[u8], path: &Path) -> Result<Numbering, ImportError> {
    // Abstract lists by id, each with its levels; and each list's abstract list.
    let mut abstracts: HashMap<String, HashMap<usize, Level>> = HashMap::new();
    let mut lists: Vec<(String, String)> = Vec::new();
    let mut current_abstract: Option<String> = None;
    let mut current_level: Option<usize> = None;
    let mut current_list: Option<String> = None;
    walk(xml, path, NUMBERING, |step| match step {
        Step::Open(element) => {
            let value = || attribute(element, b"val");
            let level = match (&current_abstract, current_level, &current_list) {
                (Some(id), Some(level), None) => Some(
                    abstracts
                        .entry(id.clone())
                        .or_default()
                        .entry(level)
                        .or_default(),
                ),
                _ => None,
            };
            match (element.local_name().into_inner(), level) {
                (b"abstractNum", _) => current_abstract = attribute(element, b"abstractNumId"),
                (b"lvl", _) => {
                    current_level = attribute(element, b"ilvl")
                        .and_then(|l| l.parse().ok())
                        .filter(|&l| l < LEVELS);
                }
                (b"num", _) => current_list = attribute(element, b"numId"),
                (b"abstractNumId", _) => {
                    if let (Some(list), Some(id)) = (&current_list, value()) {
                        lists.push((list.clone(), id));
                    }
                }
                (b"start", Some(level)) => {
                    level.start = value().and_then(|v| v.parse().ok()).unwrap_or(1);
                }
                (b"numFmt", Some(level)) => {
                    level.style = NumberStyle::named(&value().unwrap_or_default());
                }
                (b"lvlText", Some(level)) => level.pattern = value().unwrap_or_default(),
                _ => {}
            }
        }
        Step::Close(b"abstractNum") => current_abstract = None,
        Step::Close(b"lvl") => current_level = None,
        Step::Close(b"num") => current_list = None,
        Step::Close(_) | Step::Text(_) => {}
    })?;
    let mut numbering = Numbering::default();
    for (list, abstract_id) in lists {
        for (level, definition) in abstracts.get(&abstract_id).into_iter().flatten() {
            numbering
                .levels
                .insert((list.clone(), *level), definition.clone());
        }
    }
    Ok(numbering)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::document_from_bytes;
    use std::io::Write;

    /// A Word file made of the given parts.
    fn word(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, xml) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn body(paragraphs: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>{paragraphs}</w:body></w:document>"#
        )
    }

    fn read(parts: &[(&str, &str)]) -> Result<Document, ImportError> {
        document_from_bytes(
            &word(parts),
            Path::new("a.docx"),
            super::super::Reading::Article,
        )
    }

    #[test]
    fn revisions_drawings_tabs_and_breaks_are_read_as_the_reader_sees_them() {
        let xml = body(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
            <w:r><w:t xml:space="preserve">Kept </w:t></w:r>
            <w:del><w:r><w:delText>deleted </w:delText></w:r></w:del>
            <w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>
            <w:r><w:tab/><w:t>after a tab</w:t><w:br/><w:t>next line</w:t>
            <w:instrText>PAGE</w:instrText></w:r>
            <w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>
            <w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:pict></mc:Fallback>
            </mc:AlternateContent></w:r></w:p>"#,
        );
        let doc = read(&[(BODY, &xml)]).unwrap();
        assert_eq!(
            doc.text,
            "Kept inserted\tafter a tab\nnext line\n\nIn a box"
        );
        assert_eq!(doc.title, "a");
        assert_eq!(doc.author, None);
    }

    #[test]
    fn numbered_items_count_per_level_and_notes_follow_in_order() {
        let item = |level: u8, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let xml = body(&format!(
            r#"{}{}{}{}<w:p><w:r><w:t>Said</w:t></w:r><w:r><w:endnoteReference w:id="3"/></w:r><w:r><w:t> and</w:t><w:footnoteReference w:id="2"/></w:r></w:p>"#,
            item(0, "One"),
            item(1, "Sub"),
            item(1, "Sub two"),
            item(0, "Two"),
        ));
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="4">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl>
            </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num></w:numbering>"#;
        let notes = |kind: &str| {
            format!(
                r#"<w:{kind}s xmlns:w="w"><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>
                <w:{kind} w:id="2"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> A {kind}.</w:t></w:r></w:p></w:{kind}>
                <w:{kind} w:id="3"><w:p><w:r><w:t>Another {kind}.</w:t></w:r></w:p></w:{kind}></w:{kind}s>"#
            )
        };
        let core = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d" xmlns:dcterms="t">
            <dc:title>Points</dc:title><dc:creator>Ana Ruiz</dc:creator>
            <dcterms:created>2025-06-04T08:00:00Z</dcterms:created></cp:coreProperties>"#;
        let doc = read(&[
            (BODY, &xml),
            (NUMBERING, numbering),
            (NOTES[0], &notes("footnote")),
            (NOTES[1], &notes("endnote")),
            (PROPERTIES, core),
        ])
        .unwrap();
        assert_eq!(
            doc.text,
            "1. One\n\n1.a) Sub\n\n1.b) Sub two\n\n2. Two\n\nSaid[1] and[2]\n\n\
             [1] Another endnote.\n\n[2] A footnote."
        );
        assert_eq!(doc.title, "Points");
        assert_eq!(doc.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2025, 6, 4));
    }

    proptest::proptest! {
        #[test]
        fn any_body_is_read_or_refused_by_name(
            xml in "(<w:(p|r|t|tbl|tr|tc|numPr|ilvl|numId|footnoteReference|footnote|tab|br|del|Fallback)( w:(val|id)=\"[0-9a-z%]{0,3}\")?/?>|</w:(p|r|t|tbl|tr|tc|numPr|footnote|del|Fallback)>|[a-z &;#0-9]{0,4}){0,80}",
        ) {
            let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
            let parts = [(BODY, xml.as_str()), (NOTES[0], xml.as_str()), (NUMBERING, numbering)];
            match read(&parts) {
                Ok(doc) => proptest::prop_assert!(!doc.text.trim().is_empty()),
                Err(err) => proptest::prop_assert!(err.to_string().starts_with("a.docx: "), "{}", err),
            }
        }
    }
}
