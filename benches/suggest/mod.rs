//! The suggestion engine's speed: megabytes of report text it reads per second on one
//! core, over ten sources of about 1.2 MB each made of the labelled corpus's reports
//! (`tests/suggest-corpus/`, labels removed) repeated, in a project where some names are
//! already tagged and some claims grouped, as in a session.

use std::time::Instant;

use parallax::edit::Command;
use parallax::model::{Project, Source, SourceId};
use parallax::suggest::{self, Proposal};

/// The corpus reader the quality test uses; here only the texts are read.
#[path = "../../tests/suggest_corpus/mod.rs"]
#[allow(dead_code)]
mod corpus;

/// The corpus's reports without their labels, and their publication days.
fn reports() -> Vec<(String, Option<chrono::NaiveDate>)> {
    corpus::corpus()
        .into_iter()
        .map(|report| (report.text, report.published))
        .collect()
}

/// A project of `sources` sources of at least `bytes_each` bytes of reports.
fn project(sources: usize, bytes_each: usize) -> Project {
    let reports = reports();
    let mut p = Project::new("suggestion speed");
    for n in 0..sources {
        let mut text = String::with_capacity(bytes_each + 4096);
        let mut k = n;
        while text.len() < bytes_each {
            text.push_str(&reports[k % reports.len()].0);
            text.push('\n');
            k += 1;
        }
        let mut source = Source::new(
            SourceId::new(format!("source-{n}")).expect("a valid id"),
            format!("Source {n}"),
            text,
        );
        source.published = reports[n % reports.len()].1;
        p.sources.push(source);
    }
    // Accept the suggestions of a small first source, so names are tagged and claims
    // can be grouped against it.
    let mut tagged = Source::new(
        SourceId::new("tagged").expect("a valid id"),
        "Tagged",
        reports[0].0.clone(),
    );
    tagged.published = reports[0].1;
    p.sources.push(tagged);
    let chosen: Vec<_> = suggest::suggest_source(&p, &SourceId::new("tagged").unwrap())
        .into_iter()
        .filter(|s| !matches!(s.proposal, Proposal::Claim { .. }))
        .collect();
    suggest::accept(&p, &chosen)
        .apply(&mut p)
        .expect("accepting suggestions applies");
    group_claims(&mut p);
    p
}

/// Puts the tagged source's first claims in claim groups.
fn group_claims(p: &mut Project) {
    let id = SourceId::new("tagged").unwrap();
    let claims: Vec<_> = suggest::suggest_source(p, &id)
        .into_iter()
        .filter(|s| matches!(s.proposal, Proposal::Claim { .. }))
        .take(5)
        .enumerate()
        .map(|(n, mut s)| {
            let group = parallax::model::ClaimGroup {
                id: parallax::model::ClaimGroupId::new(format!("group-{n}")).unwrap(),
                label: format!("Group {n}"),
                memo: String::new(),
            };
            s.proposal = Proposal::Claim {
                speaker: None,
                via: None,
                group: Some(group.id.clone()),
            };
            (group, s)
        })
        .collect();
    let mut steps = Vec::new();
    for (group, _) in &claims {
        steps.push(Command::PutClaimGroup(group.clone()));
    }
    let chosen: Vec<_> = claims.into_iter().map(|(_, s)| s).collect();
    steps.push(suggest::accept(p, &chosen));
    Command::Batch(steps)
        .apply(p)
        .expect("grouping claims applies");
}

/// Megabytes (10^6 bytes) of text `suggest` reads per second: the median of 7 runs over
/// about 12 MB.
pub fn mb_per_s() -> f64 {
    let p = project(10, 1_200_000);
    let bytes: usize = p.sources.iter().map(|s| s.text.as_str().len()).sum();
    assert!(bytes >= 10_000_000, "{bytes} bytes of text");
    let mut samples = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let found = suggest::suggest(&p);
        let seconds = started.elapsed().as_secs_f64();
        assert!(found.len() > 10_000, "{} suggestions", found.len());
        samples.push(bytes as f64 / 1e6 / seconds);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2]
}

/// Milliseconds to propose the value of a date tagged by hand in a source of one 1 MB
/// line (the words around it are read, not the line): the median of 15.
pub fn date_proposal_ms() -> f64 {
    let reports = reports();
    let mut text = String::new();
    let mut k = 0;
    while text.len() < 500_000 {
        text.push_str(&reports[k % reports.len()].0.replace('\n', " "));
        text.push(' ');
        k += 1;
    }
    let start = text.chars().count();
    text.push_str("The ferry sank on Monday, officials said. ");
    let more = text.clone();
    text.push_str(&more);
    let mut source = Source::new(SourceId::new("long").expect("a valid id"), "Long", text);
    source.published = Some(chrono::NaiveDate::from_ymd_opt(2025, 6, 10).expect("a day"));
    let monday = start + "The ferry sank on ".len()..start + "The ferry sank on Monday".len();
    let samples: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            let proposed = suggest::date_value(&source, monday.clone());
            assert!(proposed.is_ok(), "{proposed:?}");
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    super::median(samples)
}
