//! The labelled reports of `tests/suggest-corpus/`, read for the suggestion quality test
//! and the suggestion speed benchmark.
//!
//! Each report is a text file: a header (`published: 2025-06-05` or `published: none`),
//! a line `---`, then the report with its labels inline: `[words]{date 2025-06-04}` (a
//! date and its value; `{date -}` when it cannot have one), `[words]{person}`,
//! `[words]{org}`, `[words]{claim}`. Labels nest (`[[Putin]{person} said ...]{claim}`).

use std::fs;
use std::path::Path;

/// What a label marks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// A date with its value (`None`: the date cannot have one).
    Date(Option<String>),
    Person,
    Organisation,
    /// An actor the engine could not tell a person or an organisation.
    OtherActor,
    Claim,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub mark: Mark,
    pub text: String,
}

pub struct Report {
    pub id: String,
    pub published: Option<chrono::NaiveDate>,
    pub text: String,
    pub labels: Vec<Label>,
}

/// Reads a report: its header, its text without the labels, and the labels.
fn parse(id: &str, file: &str) -> Report {
    let (header, body) = file
        .split_once("\n---\n")
        .unwrap_or_else(|| panic!("{id}: no `---` line after the header"));
    let published = header
        .lines()
        .find_map(|l| l.strip_prefix("published: "))
        .unwrap_or_else(|| panic!("{id}: no `published:` line"));
    let published = (published.trim() != "none").then(|| {
        published
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{id}: bad publication day: {e}"))
    });
    let mut text = String::new();
    let mut chars = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut labels = Vec::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        match c {
            '[' => {
                open.push(chars);
                rest = &rest[1..];
            }
            ']' => {
                let start = open
                    .pop()
                    .unwrap_or_else(|| panic!("{id}: `]` without `[` near {chars}"));
                let after = &rest[1..];
                let close = after
                    .find('}')
                    .filter(|_| after.starts_with('{'))
                    .unwrap_or_else(|| panic!("{id}: `]` not followed by `{{tag}}` near {chars}"));
                let tag = &after[1..close];
                let mark = match tag.split_once(' ') {
                    Some(("date", "-")) => Mark::Date(None),
                    Some(("date", value)) => Mark::Date(Some(value.to_string())),
                    None if tag == "person" => Mark::Person,
                    None if tag == "org" => Mark::Organisation,
                    None if tag == "claim" => Mark::Claim,
                    _ => panic!("{id}: unknown label `{tag}`"),
                };
                labels.push(Label {
                    source: id.to_string(),
                    start,
                    end: chars,
                    mark,
                    text: text.chars().skip(start).take(chars - start).collect(),
                });
                rest = &after[close + 1..];
            }
            _ => {
                text.push(c);
                chars += 1;
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    assert!(open.is_empty(), "{id}: a `[` is never closed");
    Report {
        id: id.to_string(),
        published,
        text,
        labels,
    }
}

pub fn corpus() -> Vec<Report> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suggest-corpus");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("the corpus folder exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_str().unwrap();
            parse(id, &fs::read_to_string(p).unwrap())
        })
        .collect()
}
