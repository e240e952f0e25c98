//! How well the suggestion engine finds what an analyst would tag, measured on the
//! labelled reports of `tests/suggest-corpus/`, written for this test and labelled by
//! hand (not from the engine's output).
//!
//! The reports and their labels are described in `suggest_corpus`.
//!
//! What the labels mark:
//! - dates: the words that give the date and change its value (`late May`, `last week`,
//!   `Wednesday (June 4)`, `April last year`), without prepositions (`on`, `in`);
//!   durations are not dates;
//! - people: every mention by name, with a capitalised title written just before it
//!   (`President Anton Veselić`, `Dr. Amara Okoye`, `Pope Leo XIV`), without
//!   nationalities or lower-case roles (`Kremlin spokesman [Dmitry Peskov]`), surnames
//!   alone included, pronouns and `the President` not;
//! - organisations: named organisations, outlets and agencies, acronyms included;
//!   countries and places are not actors here;
//! - claims: the clause a reporting verb governs, what a verb of saying says of its object
//!   (`called the plan unlawful`, `blamed an overloaded line`) or commits to (`vowed to
//!   appeal`, `promised new homes`), what `according to` reports, and direct quotations of
//!   three words or more.
//!
//! Matching: a date counts when its span is exactly the label's and its value is the
//! label's; a person or an organisation when its span is exactly the label's (a person
//! proposed as a new person or linked to a person). A claim counts when it overlaps the
//! label by at least half of the longer of the two: where a claim ends (before or after
//! a closing quotation mark or comma) is a matter of taste, what it covers is not. Each
//! label is matched at most once.
//!
//! The test prints precision and recall per tag and fails below 97% recall or 97%
//! precision for dates with the right value, person names and claims, or below 92% for
//! organisations.

use std::collections::BTreeSet;
use std::fmt;

mod suggest_corpus;

use parallax::model::{EntityKind, Project, Source, SourceId};
use parallax::suggest::{EntityChoice, Proposal, Suggestion, suggest};
use suggest_corpus::{Label, Mark, corpus};

/// Precision and recall of one tag.
struct Score {
    name: &'static str,
    found: usize,
    labelled: usize,
    right: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.right as f64 / self.found.max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.right as f64 / self.labelled.max(1) as f64
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<22} precision {:>5.1}% ({}/{})  recall {:>5.1}% ({}/{})",
            self.name,
            100.0 * self.precision(),
            self.right,
            self.found,
            100.0 * self.recall(),
            self.right,
            self.labelled
        )
    }
}

/// A suggestion as a label, to compare with the labels.
fn as_label(s: &Suggestion, project: &Project) -> Label {
    let mark = match &s.proposal {
        Proposal::Date { value, .. } => Mark::Date(value.map(|v| v.to_string())),
        Proposal::Actor { entity } => {
            let kind = match entity {
                EntityChoice::New { kind, .. } => *kind,
                EntityChoice::Existing(id) => project.entities[id].kind,
            };
            match kind {
                EntityKind::Person => Mark::Person,
                EntityKind::Organisation => Mark::Organisation,
                _ => Mark::OtherActor,
            }
        }
        Proposal::Claim { .. } => Mark::Claim,
    };
    Label {
        source: s.source.to_string(),
        start: s.start,
        end: s.end,
        mark,
        text: s.text.clone(),
    }
}

/// The labels of `list` whose mark `keep` accepts.
fn of<'a>(list: &[&'a Label], keep: fn(&Mark) -> bool) -> Vec<&'a Label> {
    list.iter().copied().filter(|l| keep(&l.mark)).collect()
}

/// Scores `found` against `labelled` with `same` saying whether a suggestion matches a
/// label; prints what was missed and what was wrong when `show` is set.
fn score(
    name: &'static str,
    found: &[&Label],
    labelled: &[&Label],
    same: impl Fn(&Label, &Label) -> bool,
    show: bool,
) -> Score {
    let mut used = vec![false; labelled.len()];
    let mut right = 0;
    let mut wrong = Vec::new();
    for f in found {
        match (0..labelled.len()).find(|&k| !used[k] && same(f, labelled[k])) {
            Some(k) => {
                used[k] = true;
                right += 1;
            }
            None => wrong.push(*f),
        }
    }
    if show {
        for l in labelled
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(l, _)| l)
        {
            println!("  {name} missed: {} {:?} {:?}", l.source, l.text, l.mark);
        }
        for f in wrong {
            println!("  {name} wrong:  {} {:?} {:?}", f.source, f.text, f.mark);
        }
    }
    Score {
        name,
        found: found.len(),
        labelled: labelled.len(),
        right,
    }
}

#[test]
fn the_corpus_is_at_least_thirty_short_reports() {
    let reports = corpus();
    assert!(reports.len() >= 30, "{} reports", reports.len());
    for r in &reports {
        let words = r.text.split_whitespace().count();
        assert!(
            (100..=300).contains(&words),
            "{} has {words} words, not 100 to 300",
            r.id
        );
        assert!(!r.labels.is_empty(), "{} has no labels", r.id);
    }
    let undated = reports.iter().filter(|r| r.published.is_none()).count();
    assert!(
        undated >= 2,
        "reports without a publication date: {undated}"
    );
}

#[test]
fn suggestions_find_what_an_analyst_would_tag() {
    let reports = corpus();
    let mut project = Project::new("suggestion corpus");
    for r in &reports {
        let mut source = Source::new(SourceId::new(&r.id).unwrap(), &r.id, r.text.clone());
        source.published = r.published;
        project.sources.push(source);
    }
    let found: Vec<Label> = suggest(&project)
        .iter()
        .map(|s| as_label(s, &project))
        .collect();
    let labels: Vec<&Label> = reports.iter().flat_map(|r| &r.labels).collect();
    let found_refs: Vec<&Label> = found.iter().collect();
    let is_date = |m: &Mark| matches!(m, Mark::Date(_));
    let is_person = |m: &Mark| *m == Mark::Person;
    let is_org = |m: &Mark| *m == Mark::Organisation;
    let is_actor = |m: &Mark| matches!(m, Mark::Person | Mark::Organisation | Mark::OtherActor);
    let is_claim = |m: &Mark| *m == Mark::Claim;
    let exact = |a: &Label, b: &Label| (&a.source, a.start, a.end) == (&b.source, b.start, b.end);
    let show = std::env::var_os("SUGGEST_SHOW").is_some();

    let dates = score(
        "dates (right value)",
        &of(&found_refs, is_date),
        &of(&labels, is_date),
        |a, b| exact(a, b) && a.mark == b.mark,
        show,
    );
    let date_spans = score(
        "dates (span only)",
        &of(&found_refs, is_date),
        &of(&labels, is_date),
        exact,
        false,
    );
    let persons = score(
        "person names",
        &of(&found_refs, is_person),
        &of(&labels, is_person),
        exact,
        show,
    );
    let organisations = score(
        "organisations",
        &of(&found_refs, is_org),
        &of(&labels, is_org),
        exact,
        show,
    );
    let actors = score(
        "actors (all)",
        &of(&found_refs, is_actor),
        &of(&labels, is_actor),
        exact,
        false,
    );
    let claims = score(
        "claims (overlap)",
        &of(&found_refs, is_claim),
        &of(&labels, is_claim),
        |a, b| {
            let overlap = a.end.min(b.end).saturating_sub(a.start.max(b.start));
            let longer = (a.end - a.start).max(b.end - b.start);
            a.source == b.source && 2 * overlap >= longer
        },
        show,
    );
    let sources: BTreeSet<&str> = labels.iter().map(|l| l.source.as_str()).collect();
    println!("suggestion quality on {} reports:", sources.len());
    for s in [
        &dates,
        &date_spans,
        &persons,
        &organisations,
        &actors,
        &claims,
    ] {
        println!("  {s}");
    }
    for (s, floor) in [
        (&dates, 0.97),
        (&persons, 0.97),
        (&claims, 0.97),
        (&organisations, 0.92),
    ] {
        assert!(
            s.recall() >= floor && s.precision() >= floor,
            "{s}: below {:.0}% recall or precision (run with SUGGEST_SHOW=1 -- --nocapture \
             to list what was missed and what was wrong)",
            100.0 * floor
        );
    }
}
