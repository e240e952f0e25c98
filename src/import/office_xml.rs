//! What the Word and OpenDocument readers share: walking a part's XML as a stream of
//! elements and text (no tree is built, so nesting costs no stack), building the text
//! paragraph by paragraph with tables as rows, and reading the details a package's
//! properties declare.

use std::path::Path;

use chrono::NaiveDate;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::ImportError;

/// One step of the walk over a part's XML. Names are local names, without a prefix.
pub(super) enum Step<'e, 'x> {
    Open(&'e BytesStart<'x>),
    Close(&'e [u8]),
    Text(&'e str),
}

/// Follows `step` through an element being passed over, whose depth is `skipped` (0 when
/// none is): returns whether the step lies inside it, and is to be passed over too.
pub(super) fn passed_over(skipped: &mut usize, step: &Step<'_, '_>) -> bool {
    if *skipped == 0 {
        return false;
    }
    match step {
        Step::Open(_) => *skipped += 1,
        Step::Close(_) => *skipped -= 1,
        Step::Text(_) => {}
    }
    true
}

/// Walks the XML of the part `part` of the file at `path`, calling `visit` for each
/// element opened and closed and each piece of text (entities resolved). An element
/// written empty is opened and closed at once.
pub(super) fn walk(
    xml: &[u8],
    path: &Path,
    part: &str,
    mut visit: impl FnMut(Step<'_, '_>),
) -> Result<(), ImportError> {
    let damaged = |detail: String| ImportError::File {
        path: path.to_path_buf(),
        problem: format!(
            "the part {part} is damaged ({detail}); open the file in a word processor and \
             save it again"
        ),
    };
    let mut reader = Reader::from_reader(xml);
    let mut open = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| damaged(format!("{err} at byte {}", reader.error_position())))?;
        match event {
            Event::Start(element) => {
                open += 1;
                visit(Step::Open(&element));
            }
            Event::Empty(element) => {
                visit(Step::Open(&element));
                visit(Step::Close(element.local_name().into_inner()));
            }
            Event::End(element) => {
                open = open.saturating_sub(1);
                visit(Step::Close(element.local_name().into_inner()));
            }
            Event::Text(text) => {
                let text = text.decode().map_err(|err| damaged(err.to_string()))?;
                visit(Step::Text(&text));
            }
            Event::CData(text) => {
                let text = text.decode().map_err(|err| damaged(err.to_string()))?;
                visit(Step::Text(&text));
            }
            Event::GeneralRef(reference) => {
                let name = reference.decode().map_err(|err| damaged(err.to_string()))?;
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => quick_xml::escape::resolve_xml_entity(&name).map(str::to_string),
                    Err(err) => return Err(damaged(err.to_string())),
                };
                let text = resolved.ok_or_else(|| damaged(format!("unknown entity &{name};")))?;
                visit(Step::Text(&text));
            }
            Event::Eof if open > 0 => {
                return Err(damaged("it ends before its elements are closed".into()));
            }
            Event::Eof => return Ok(()),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

/// The value of the attribute with the local name `name`, if the element has it.
pub(super) fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A document's text as it is built: paragraphs separated by a blank line; a table as
/// one paragraph whose rows are lines and whose cells are separated by a tab (a table
/// inside a cell is read into that cell).
#[derive(Debug, Default)]
pub(super) struct TextBuilder {
    paragraphs: Vec<String>,
    /// The paragraph being read.
    line: String,
    /// How many tables are open, one inside another.
    tables: usize,
    rows: Vec<String>,
    cells: Vec<String>,
    cell: String,
}

impl TextBuilder {
    pub(super) fn push_str(&mut self, text: &str) {
        self.line.push_str(text);
    }

    pub(super) fn push(&mut self, c: char) {
        self.line.push(c);
    }

    /// Whether the paragraph being read is empty or ends with white space.
    pub(super) fn ends_with_space(&self) -> bool {
        self.line
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
    }

    /// Ends the paragraph being read; an empty one is dropped.
    pub(super) fn end_paragraph(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        if self.tables > 0 {
            if !self.cell.is_empty() {
                self.cell.push(' ');
            }
            self.cell.push_str(line);
        } else {
            self.paragraphs.push(line.to_string());
        }
    }

    pub(super) fn open_table(&mut self) {
        self.end_paragraph();
        self.tables += 1;
    }

    pub(super) fn end_cell(&mut self) {
        self.end_paragraph();
        if self.tables == 1 {
            let cell = std::mem::take(&mut self.cell);
            self.cells.push(cell.replace(['\t', '\n'], " "));
        }
    }

    pub(super) fn end_row(&mut self) {
        self.end_paragraph();
        if self.tables == 1 {
            let cells = std::mem::take(&mut self.cells);
            if cells.iter().any(|c| !c.is_empty()) {
                self.rows.push(cells.join("\t"));
            }
        }
    }

    pub(super) fn close_table(&mut self) {
        self.end_paragraph();
        match self.tables {
            0 => {}
            1 => {
                self.tables = 0;
                // A cell or row left open by a damaged file still counts.
                self.end_cell();
                self.end_row();
                let rows = std::mem::take(&mut self.rows);
                if !rows.is_empty() {
                    self.paragraphs.push(rows.join("\n"));
                }
            }
            _ => self.tables -= 1,
        }
    }

    /// The text built, with `notes` (numbered) at the end.
    pub(super) fn finish(mut self, notes: &[String]) -> String {
        while self.tables > 0 {
            self.close_table();
        }
        self.end_paragraph();
        for (number, note) in notes.iter().enumerate() {
            self.paragraphs.push(format!("[{}] {note}", number + 1));
        }
        self.paragraphs.join("\n\n")
    }
}

/// How a list numbers its items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum NumberStyle {
    #[default]
    Bullet,
    Decimal,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// No label at all.
    Unlabelled,
}

impl NumberStyle {
    /// The style Word's `numFmt` or OpenDocument's `num-format` names; a bullet when
    /// the name is none of these.
    pub(super) fn named(name: &str) -> NumberStyle {
        match name {
            "decimal" | "decimalZero" | "1" => NumberStyle::Decimal,
            "lowerLetter" | "a" => NumberStyle::LowerLetter,
            "upperLetter" | "A" => NumberStyle::UpperLetter,
            "lowerRoman" | "i" => NumberStyle::LowerRoman,
            "upperRoman" | "I" => NumberStyle::UpperRoman,
            "none" | "" => NumberStyle::Unlabelled,
            _ => NumberStyle::Bullet,
        }
    }

    /// The label of item `n` (counted from 1): `3`, `c`, `iii`, or a bullet.
    pub(super) fn label(self, n: u32) -> String {
        let letters = |base: u8| {
            let (mut n, mut out) = (n.max(1), Vec::new());
            while n > 0 {
                n -= 1;
                out.push(base + (n % 26) as u8);
                n /= 26;
            }
            out.iter().rev().map(|&b| char::from(b)).collect()
        };
        match self {
            NumberStyle::Bullet => "•".into(),
            NumberStyle::Decimal => n.to_string(),
            NumberStyle::LowerLetter => letters(b'a'),
            NumberStyle::UpperLetter => letters(b'A'),
            NumberStyle::LowerRoman => roman(n).to_lowercase(),
            NumberStyle::UpperRoman => roman(n),
            NumberStyle::Unlabelled => String::new(),
        }
    }
}

/// `n` in Roman numerals; numbers past 3999 in digits.
fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while rest >= value {
            out.push_str(numeral);
            rest -= value;
        }
    }
    out
}

/// The details a package's properties declare (Word's `docProps/core.xml`,
/// OpenDocument's `meta.xml`): the title, the author and the day it was made.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Properties {
    pub title: Option<String>,
    pub author: Option<String>,
    pub created: Option<NaiveDate>,
}

/// Reads the properties part `part`: the text of the elements named `title`, one of
/// `authors` (the first found, in the order given) and `created` (whose first ten
/// characters are the day).
pub(super) fn read_properties(
    xml: &[u8],
    path: &Path,
    part: &str,
    authors: &[&[u8]],
    created: &[u8],
) -> Result<Properties, ImportError> {
    let mut found: Vec<(Vec<u8>, String)> = Vec::new();
    let mut open: Option<(Vec<u8>, String)> = None;
    walk(xml, path, part, |step| match step {
        Step::Open(element) => {
            open = Some((element.local_name().into_inner().to_vec(), String::new()));
        }
        Step::Text(text) => {
            if let Some((_, value)) = &mut open {
                value.push_str(text);
            }
        }
        Step::Close(_) => found.extend(open.take()),
    })?;
    let value = |name: &[u8]| {
        found
            .iter()
            .find(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    Ok(Properties {
        title: value(b"title"),
        author: authors.iter().find_map(|name| value(name)),
        created: value(created)
            .and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_become_rows_of_cells_between_paragraphs() {
        let mut text = TextBuilder::default();
        text.push_str("Before");
        text.open_table();
        for row in [["City", "Day"], ["Moscow", "4 June"]] {
            for cell in row {
                text.push_str(cell);
                text.end_cell();
            }
            text.end_row();
        }
        text.close_table();
        text.push_str("  After ");
        assert_eq!(
            text.finish(&["A note.".into()]),
            "Before\n\nCity\tDay\nMoscow\t4 June\n\nAfter\n\n[1] A note."
        );
    }

    #[test]
    fn list_labels_in_each_style() {
        let labels = |style: NumberStyle| [1, 4, 26, 28].map(|n| style.label(n));
        assert_eq!(labels(NumberStyle::Decimal), ["1", "4", "26", "28"]);
        assert_eq!(labels(NumberStyle::LowerLetter), ["a", "d", "z", "ab"]);
        assert_eq!(
            labels(NumberStyle::UpperRoman),
            ["I", "IV", "XXVI", "XXVIII"]
        );
        assert_eq!(NumberStyle::named("lowerRoman").label(1994), "mcmxciv");
        assert_eq!(NumberStyle::named("bullet").label(3), "•");
        assert_eq!(NumberStyle::named("none").label(3), "");
        assert_eq!(NumberStyle::Decimal.label(u32::MAX), u32::MAX.to_string());
    }

    #[test]
    fn properties_give_title_author_and_day() {
        let xml = br#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="d"
            xmlns:dcterms="t"><dc:title>The  call</dc:title><dc:creator></dc:creator>
            <cp:lastModifiedBy>Ed</cp:lastModifiedBy>
            <dcterms:created>2025-06-04T22:10:00Z</dcterms:created></cp:coreProperties>"#;
        let properties =
            read_properties(xml, Path::new("a.docx"), "core", &[b"creator"], b"created").unwrap();
        assert_eq!(
            properties,
            Properties {
                title: Some("The call".into()),
                author: None,
                created: NaiveDate::from_ymd_opt(2025, 6, 4),
            }
        );
    }

    #[test]
    fn damaged_xml_is_refused_naming_the_file_and_part() {
        let err = walk(
            b"<a><b></b>",
            Path::new("x.docx"),
            "word/document.xml",
            |_| {},
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.docx: the part word/document.xml is damaged"),
            "{err}"
        );
        let err = walk(
            b"<a>&custom;</a>",
            Path::new("x.odt"),
            "content.xml",
            |_| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown entity &custom;"), "{err}");
    }
}
