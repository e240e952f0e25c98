//! Where sources disagree about a claim they share.
//!
//! - **date**: two sources date the claim group (by the dates inside its claims' spans, see
//!   [`super::claims`]) on days that cannot both be true: no date one gives overlaps any
//!   date the other gives. `2025` and `2025-06-04` agree; `2025-06-01` and `2025-05` do not.
//! - **speaker**: two sources attribute the claim group to speakers with none in common.
//!
//! Sources that give no date (or no speaker) for the claim disagree with nobody. A
//! conflict lists the sources that disagree with at least one other, each by its name
//! in the comparison and with what it says; a source that agrees with every other is
//! left out.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::model::{AnnotationId, ClaimGroupId, EntityId};

use super::{ClaimRow, SourceColumn};

/// What the sources disagree about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConflictKind {
    /// They date the claim differently.
    Date,
    /// They attribute the claim to different speakers.
    Speaker,
}

impl ConflictKind {
    pub fn label(self) -> &'static str {
        match self {
            ConflictKind::Date => "date",
            ConflictKind::Speaker => "speaker",
        }
    }
}

/// A disagreement between sources about one claim group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub group: ClaimGroupId,
    /// A sentence saying who says what.
    pub detail: String,
    /// The columns that disagree, in order.
    pub columns: Vec<usize>,
    /// The claims (and, for dates, the date annotations) that disagree.
    pub annotations: Vec<AnnotationId>,
}

/// The conflicts of every claim row: per row, a date conflict before a speaker conflict.
pub(super) fn find(sources: &[SourceColumn], claims: &[ClaimRow]) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    for row in claims {
        conflicts.extend(date_conflict(sources, row));
        conflicts.extend(speaker_conflict(sources, row));
    }
    conflicts
}

fn date_conflict(sources: &[SourceColumn], row: &ClaimRow) -> Option<Conflict> {
    let spans: Vec<Vec<(NaiveDate, NaiveDate)>> = row
        .cells
        .iter()
        .map(|cell| {
            union(
                cell.iter()
                    .flat_map(|w| &w.dates)
                    .map(|d| (d.value.first_day(), d.value.last_day()))
                    .collect(),
            )
        })
        .collect();
    let columns = disagreeing(&spans, |a, b| !overlap(a, b));
    if columns.is_empty() {
        return None;
    }
    let mut annotations = Vec::new();
    let mut detail = format!("“{}” is dated differently: ", row.label);
    for (n, &c) in columns.iter().enumerate() {
        let _ = write!(
            detail,
            "{}{} gives ",
            if n > 0 { "; " } else { "" },
            sources[c].name
        );
        let mut first = true;
        for w in &row.cells[c] {
            if w.dates.is_empty() {
                continue;
            }
            annotations.push(w.annotation.clone());
            for d in &w.dates {
                annotations.push(d.annotation.clone());
                let _ = write!(detail, "{}{} (", if first { "" } else { ", " }, d.value);
                push_words(&mut detail, &d.text);
                detail.push(')');
                first = false;
            }
        }
    }
    Some(Conflict {
        kind: ConflictKind::Date,
        group: row.group.clone(),
        detail,
        columns,
        annotations,
    })
}

fn speaker_conflict(sources: &[SourceColumn], row: &ClaimRow) -> Option<Conflict> {
    let speakers: Vec<Vec<&EntityId>> = row
        .cells
        .iter()
        .map(|cell| {
            let mut set: Vec<&EntityId> = cell
                .iter()
                .filter_map(|w| w.speaker.as_ref().map(|s| &s.entity))
                .collect();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    let columns = disagreeing(&speakers, |a, b| {
        !a.iter().any(|s| b.binary_search(s).is_ok())
    });
    if columns.is_empty() {
        return None;
    }
    let mut annotations = Vec::new();
    let mut says = Vec::new();
    for &c in &columns {
        let mut names: Vec<&str> = Vec::new();
        for w in &row.cells[c] {
            if let Some(s) = &w.speaker {
                annotations.push(w.annotation.clone());
                if !names.contains(&s.name.as_str()) {
                    names.push(&s.name);
                }
            }
        }
        says.push(format!("{}: {}", sources[c].name, names.join(", ")));
    }
    Some(Conflict {
        kind: ConflictKind::Speaker,
        group: row.group.clone(),
        detail: format!(
            "“{}” is attributed to different speakers: {}",
            row.label,
            says.join("; ")
        ),
        columns,
        annotations,
    })
}

/// Appends words on one line: runs of white space made one space.
fn push_words(out: &mut String, words: &str) {
    for (n, word) in words.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The columns that say something about the claim and disagree with another column that
/// does, in order.
///
/// Only the columns that say something are paired, so a row of a hundred sources of which
/// a few carry the claim costs as much as a row of those few.
fn disagreeing<T>(said: &[Vec<T>], disagree: impl Fn(&[T], &[T]) -> bool) -> Vec<usize> {
    let saying: Vec<usize> = (0..said.len()).filter(|&c| !said[c].is_empty()).collect();
    let mut involved = vec![false; saying.len()];
    for (i, &a) in saying.iter().enumerate() {
        for (j, &b) in saying.iter().enumerate().skip(i + 1) {
            if (!involved[i] || !involved[j]) && disagree(&said[a], &said[b]) {
                involved[i] = true;
                involved[j] = true;
            }
        }
    }
    saying
        .into_iter()
        .zip(involved)
        .filter_map(|(c, involved)| involved.then_some(c))
        .collect()
}

/// The days covered by a set of day ranges, as sorted ranges that neither touch nor
/// overlap.
fn union(mut spans: Vec<(NaiveDate, NaiveDate)>) -> Vec<(NaiveDate, NaiveDate)> {
    spans.sort_unstable();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(spans.len());
    for (first, last) in spans {
        match merged.last_mut() {
            Some(prev) if first <= prev.1 => prev.1 = prev.1.max(last),
            _ => merged.push((first, last)),
        }
    }
    merged
}

/// Whether two sorted unions of day ranges share a day.
fn overlap(a: &[(NaiveDate, NaiveDate)], b: &[(NaiveDate, NaiveDate)]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].1 < b[j].0 {
            i += 1;
        } else if b[j].1 < a[i].0 {
            j += 1;
        } else {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::Comparison;
    use super::super::fixture::{Fixture, claim, date};
    use super::*;

    /// Writes a claim of `group` in `source` with a date inside it.
    fn dated(f: &mut Fixture, source: &str, words: &str, when: &str, value: &str) {
        let start = f.write(source, words).start;
        let inner = f.write(source, when);
        f.tag(source, start..inner.end, claim(Some("talks"), None, None));
        f.tag(source, inner, date(Some(value)));
    }

    #[test]
    fn days_that_cannot_both_be_true_are_a_date_conflict() {
        let mut f = Fixture::new(&["wire", "radio", "herald", "quiet"]);
        f.label("talks", "The offer of talks");
        dated(
            &mut f,
            "wire",
            "she offered talks",
            "on Sunday",
            "2025-06-01",
        );
        dated(&mut f, "radio", "she offered talks", "this year", "2025");
        dated(
            &mut f,
            "herald",
            "she offered talks",
            "in late May",
            "2025-05",
        );
        f.claim("quiet", "she offered talks", Some("talks"), None, None);
        let c = Comparison::build(&f.project());
        assert_eq!(c.conflicts.len(), 1, "{:?}", c.conflicts);
        let conflict = &c.conflicts[0];
        assert_eq!(conflict.kind, ConflictKind::Date);
        assert_eq!(conflict.group.as_str(), "talks");
        assert_eq!(
            conflict.columns,
            [0, 2],
            "radio's `this year` agrees with both"
        );
        assert_eq!(
            conflict.detail,
            "“The offer of talks” is dated differently: WIRE gives 2025-06-01 (on Sunday); \
             HERALD gives 2025-05 (in late May)"
        );
        let ids: Vec<&str> = conflict.annotations.iter().map(|a| a.as_str()).collect();
        assert_eq!(ids, ["a1", "a2", "a5", "a6"]);
    }

    #[test]
    fn a_conflict_names_each_disagreeing_source_by_its_short_name_with_its_value() {
        let mut f = Fixture::new(&["radio", "wire", "herald", "notes"]);
        f.label("talks", "The call");
        dated(&mut f, "radio", "they spoke", "on Wednesday", "2025-06-04");
        dated(&mut f, "wire", "they spoke", "Wednesday", "2025-06-04");
        dated(&mut f, "herald", "they spoke", "on Sunday", "2025-06-01");
        dated(&mut f, "notes", "they spoke", "this month", "2025-06");
        let mut p = f.project();
        p.sources[0].outlet = "Doravian State Radio".into();
        p.sources[1].outlet = "Northline Wire".into();
        p.sources[2].title = "Aurelian Herald".into();
        p.sources[3].title = String::new();
        let c = Comparison::build(&p);
        assert_eq!(c.conflicts.len(), 1, "{:?}", c.conflicts);
        assert_eq!(
            c.conflicts[0].detail,
            "“The call” is dated differently: Doravian State Radio gives 2025-06-04 (on \
             Wednesday); Northline Wire gives 2025-06-04 (Wednesday); Aurelian Herald gives \
             2025-06-01 (on Sunday)"
        );
        assert_eq!(
            c.conflicts[0].columns,
            [0, 1, 2],
            "notes agrees with every source"
        );
        let names: Vec<&str> = c.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Doravian State Radio",
                "Northline Wire",
                "Aurelian Herald",
                "notes"
            ]
        );
    }

    #[test]
    fn overlapping_dates_and_dates_outside_the_claim_are_no_conflict() {
        let mut f = Fixture::new(&["a", "b"]);
        dated(&mut f, "a", "talks began", "this year", "2025");
        dated(&mut f, "b", "talks began", "on Wednesday", "2025-06-04");
        f.date("b", "Last year", Some("2024"));
        let c = Comparison::build(&f.project());
        assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
    }

    #[test]
    fn speakers_with_none_in_common_are_a_speaker_conflict() {
        let mut f = Fixture::new(&["radio", "wire", "herald"]);
        f.label("contact", "Whether they had spoken before");
        f.name("office", "Presidential Office");
        f.name("press", "Press Office");
        let radio = f.claim(
            "radio",
            "the second contact",
            Some("contact"),
            Some("office"),
            None,
        );
        let wire = f.claim(
            "wire",
            "their first conversation",
            Some("contact"),
            Some("press"),
            None,
        );
        f.claim(
            "herald",
            "they spoke in February",
            Some("contact"),
            None,
            None,
        );
        let c = Comparison::build(&f.project());
        assert_eq!(c.conflicts.len(), 1);
        let conflict = &c.conflicts[0];
        assert_eq!(conflict.kind, ConflictKind::Speaker);
        assert_eq!(conflict.columns, [0, 1]);
        assert_eq!(
            conflict.detail,
            "“Whether they had spoken before” is attributed to different speakers: \
             RADIO: Presidential Office; WIRE: Press Office"
        );
        let ids: Vec<&str> = conflict.annotations.iter().map(|a| a.as_str()).collect();
        assert_eq!(ids, [radio.as_str(), wire.as_str()]);
    }

    #[test]
    fn a_shared_speaker_is_agreement() {
        let mut f = Fixture::new(&["a", "b"]);
        f.claim("a", "talks", Some("g"), Some("leo"), None);
        f.claim("a", "more talks", Some("g"), Some("ana"), None);
        f.claim("b", "talks", Some("g"), Some("leo"), Some("agency"));
        assert!(Comparison::build(&f.project()).conflicts.is_empty());
    }

    #[test]
    fn unions_merge_overlapping_ranges() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let u = union(vec![
            (d("2025-06-10"), d("2025-06-12")),
            (d("2025-06-01"), d("2025-06-30")),
            (d("2025-08-01"), d("2025-08-01")),
        ]);
        assert_eq!(u.len(), 2);
        assert!(overlap(&u, &[(d("2025-08-01"), d("2025-08-31"))]));
        assert!(!overlap(&u, &[(d("2025-07-01"), d("2025-07-31"))]));
    }
}
