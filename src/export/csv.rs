//! The CSV export: one row per annotation, for spreadsheets, written with the `csv` crate.
//!
//! Columns: annotation id, source id, source title, outlet, published, tag, start, end
//! (code points, end exclusive), text, entity, speaker, via, claim group (names and
//! labels), date value, note, unplaced (`yes` or empty), then the ids of the entity,
//! speaker, via and claim group, then the source's reliability (`A` to `F`) and a claim's
//! grade (`B2`: the source's reliability and the claim's credibility), then the memos of
//! the source, of the actor's entity and of the claim's group. Rows follow the sources'
//! order, then the text.
//!
//! A cell a spreadsheet would take for a formula (one starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) gets a leading `'`, as OWASP advises against CSV
//! injection; the words are otherwise kept as they are, line breaks included.

use super::{Named, Row, entity_memo, rows};
use crate::model::{ClaimGroupId, EntityId, Project};

/// The header row.
pub const HEADER: [&str; 25] = [
    "annotation",
    "source",
    "source title",
    "outlet",
    "published",
    "tag",
    "start",
    "end",
    "text",
    "entity",
    "speaker",
    "via",
    "claim group",
    "date value",
    "note",
    "unplaced",
    "entity id",
    "speaker id",
    "via id",
    "claim group id",
    "source reliability",
    "grade",
    "source memo",
    "entity memo",
    "claim group memo",
];

/// The characters that make a spreadsheet read a cell as a formula when it starts with one.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The project as CSV, UTF-8 with CRLF line ends.
pub fn render(project: &Project) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = writer.write_record(HEADER);
    for row in rows(project) {
        let _ = writer.write_record(cells(project, &row).iter().map(|c| neutralise(c)));
    }
    writer.into_inner().unwrap_or_default()
}

/// The cells of one annotation, as written before neutralising.
fn cells(project: &Project, row: &Row<'_>) -> [String; 25] {
    let a = row.annotation;
    let name = |n: Option<Named<'_>>| n.map(|n| n.name.to_string()).unwrap_or_default();
    let id = |n: Option<Named<'_>>| n.map(|n| n.id.to_string()).unwrap_or_default();
    let source = row.source;
    [
        a.id.to_string(),
        a.source.to_string(),
        source.map(|s| s.title.clone()).unwrap_or_default(),
        source.map(|s| s.outlet.clone()).unwrap_or_default(),
        source
            .and_then(|s| s.published)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        a.kind().label().to_string(),
        a.start.to_string(),
        a.end.to_string(),
        row.text.to_string(),
        name(row.entity),
        name(row.speaker),
        name(row.via),
        name(row.group),
        row.date.clone().unwrap_or_default(),
        a.note.clone(),
        if row.is_placed() { "" } else { "yes" }.to_string(),
        id(row.entity),
        id(row.speaker),
        id(row.via),
        id(row.group),
        source
            .and_then(|s| s.reliability)
            .map(|r| r.to_string())
            .unwrap_or_default(),
        row.grade.clone().unwrap_or_default(),
        source.map(|s| s.memo.clone()).unwrap_or_default(),
        row.entity
            .and_then(|e| EntityId::new(e.id).ok())
            .and_then(|e| entity_memo(project, &e).map(str::to_string))
            .unwrap_or_default(),
        row.group
            .and_then(|g| ClaimGroupId::new(g.id).ok())
            .and_then(|g| project.claim_groups.get(&g))
            .map(|g| g.memo.clone())
            .unwrap_or_default(),
    ]
}

/// A cell a spreadsheet will not run: one starting like a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    fn read(bytes: &[u8]) -> Vec<csv::StringRecord> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn formulas_are_neutralised_and_nothing_else_changes() {
        for (cell, written) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("a=b", "a=b"),
            ("", ""),
            ("'quoted", "'quoted"),
            ("—dash", "—dash"),
        ] {
            assert_eq!(neutralise(cell), written);
        }
    }

    #[test]
    fn every_cell_reads_back_as_written() {
        let project = fixture::hostile();
        let bytes = render(&project);
        let records = read(&bytes);
        assert_eq!(records[0].iter().collect::<Vec<_>>(), HEADER);
        let rows = rows(&project);
        assert_eq!(records.len(), rows.len() + 1);
        for (record, row) in records[1..].iter().zip(&rows) {
            let expected: Vec<String> =
                cells(&project, row).iter().map(|c| neutralise(c)).collect();
            assert_eq!(record.iter().collect::<Vec<_>>(), expected);
            for cell in record {
                assert!(!cell.starts_with(FORMULA_STARTS), "a formula: {cell:?}");
            }
        }
        // The hostile words are there, whole.
        let texts: Vec<&str> = records[1..].iter().map(|r| &r[8]).collect();
        assert!(texts.contains(&"'=SUM(A1:A9)"));
        assert!(texts.contains(&"'\tTabbed"));
        let notes: Vec<&str> = records[1..].iter().map(|r| &r[14]).collect();
        assert!(
            notes.contains(
                &"</textarea><script>alert('note')</script>\r\nsecond line\nthird | line"
            )
        );
        assert!(notes.contains(&"'\rcarriage return note"));
        let unplaced = records[1..].iter().filter(|r| &r[15] == "yes").count();
        assert_eq!(unplaced, 1);
    }
}
