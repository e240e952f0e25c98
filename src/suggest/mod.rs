//! Suggestions: dates, actors and claims found in a source's text for the analyst to
//! accept or reject. Nothing here changes a project: [`accept`] turns the suggestions the
//! analyst chose into one undoable [`Command`](crate::edit::Command).
//!
//! The engine reads each paragraph once: `scan` splits it into tokens with their
//! code-point spans, then `dates`, `actors` and `claims` look at the tokens in turn
//! (dates first, so `May` the month is not taken for a name; actors before claims, whose
//! speakers they are). Names a source uses are remembered across its paragraphs, so a
//! surname links to the fullest form of the name; the analyst's tagged entities and
//! grouped claims come from the whole project.

mod accept;
mod actors;
mod claims;
mod dates;
mod json;
mod lexicon;
mod pronouns;
mod propose;
mod scan;

use std::ops::Range;

use chrono::NaiveDate;

pub use accept::accept;
pub use dates::NO_PUBLICATION;
pub use json::to_json;
pub use propose::{DateProposal, date_value, kind_of_name, tag_for};

use crate::anchor::SourceText;
use crate::model::{ClaimGroupId, DateValue, EntityId, EntityKind, Project, SourceId, TagKind};

/// A proposed annotation over `start..end` (code points, end exclusive) of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub source: SourceId,
    pub start: usize,
    pub end: usize,
    /// The words the span covers.
    pub text: String,
    pub proposal: Proposal,
}

impl Suggestion {
    /// The tag the suggestion would become.
    pub fn kind(&self) -> TagKind {
        self.proposal.kind()
    }

    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What a suggestion proposes to tag its span as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    /// A date and its normalised value; without a value, `why_no_value` says why.
    Date {
        value: Option<DateValue>,
        why_no_value: Option<String>,
    },
    /// A mention of an actor and the entity it would link to.
    Actor { entity: EntityChoice },
    /// A reported claim, who made it, through whom, and the claim group of a similar
    /// claim grouped in another source.
    Claim {
        speaker: Option<EntityChoice>,
        via: Option<EntityChoice>,
        group: Option<ClaimGroupId>,
    },
}

impl Proposal {
    pub fn kind(&self) -> TagKind {
        match self {
            Proposal::Date { .. } => TagKind::Date,
            Proposal::Actor { .. } => TagKind::Actor,
            Proposal::Claim { .. } => TagKind::Claim,
        }
    }

    /// One line saying what is proposed, in the analyst's words: `Date 2025-06-04 (day)`,
    /// `Actor: Vladimir Putin (new person)`, `Claim: speaker Dmitry Peskov (new person),
    /// via Tass`.
    pub fn describe(&self, project: &Project) -> String {
        let kind = self.kind().label();
        match self {
            Proposal::Date { value: Some(v), .. } => format!("{kind} {v} ({})", v.extent()),
            Proposal::Date { why_no_value, .. } => format!(
                "{kind} without a value: {}",
                why_no_value
                    .as_deref()
                    .unwrap_or("it could not be resolved")
            ),
            Proposal::Actor { entity } => format!("{kind}: {}", entity.describe(project)),
            Proposal::Claim {
                speaker,
                via,
                group,
            } => {
                let mut parts = Vec::new();
                if let Some(s) = speaker {
                    parts.push(format!("speaker {}", s.describe(project)));
                }
                if let Some(v) = via {
                    parts.push(format!("via {}", v.describe(project)));
                }
                if let Some(g) = group {
                    let label = project.claim_groups.get(g).map_or(g.as_str(), |g| &g.label);
                    parts.push(format!("like the claim group “{label}”"));
                }
                if parts.is_empty() {
                    kind.to_string()
                } else {
                    format!("{kind}: {}", parts.join(", "))
                }
            }
        }
    }
}

/// The entity a mention, speaker or via would link to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntityChoice {
    /// An entity the project has.
    Existing(EntityId),
    /// An entity accepting the suggestion creates (one per distinct name).
    New { name: String, kind: EntityKind },
}

impl EntityChoice {
    /// `Vladimir Putin`, or `Vladimir Putin (new person)`.
    pub fn describe(&self, project: &Project) -> String {
        match self {
            EntityChoice::Existing(id) => project.entity_name(id).to_string(),
            EntityChoice::New { name, kind } => format!("{name} (new {})", kind.label()),
        }
    }
}

/// A suggestion found in a text that is not (yet) a project's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Code points, end exclusive.
    pub start: usize,
    pub end: usize,
    pub proposal: Proposal,
}

/// The suggestions for one source of a project, in text order; none over a span already
/// annotated with the same tag. An unknown source has none.
pub fn suggest_source(project: &Project, source: &SourceId) -> Vec<Suggestion> {
    let Some(s) = project.source(source) else {
        return Vec::new();
    };
    Engine::new(project).source(project, s)
}

/// The suggestions for every source of a project, source by source in the project's
/// order, each in text order.
pub fn suggest(project: &Project) -> Vec<Suggestion> {
    let mut all = Vec::new();
    suggest_each(project, |found| {
        all.extend(found);
        true
    });
    all
}

/// The suggestions of [`suggest`], handed to `each` source by source as they are found
/// (for progress); stops after a source for which `each` returns false.
pub fn suggest_each(project: &Project, mut each: impl FnMut(Vec<Suggestion>) -> bool) {
    let engine = Engine::new(project);
    for s in &project.sources {
        if !each(engine.source(project, s)) {
            return;
        }
    }
}

/// The suggestions for a text on its own, resolving dates against `published`.
pub fn suggest_text(text: &str, published: Option<NaiveDate>) -> Vec<Found> {
    let text = SourceText::new(text);
    Engine::default()
        .run(&text, published, None)
        .into_iter()
        .filter(|h| spans_whole_characters(&text, h))
        .map(|h| Found {
            start: h.start,
            end: h.end,
            proposal: h.proposal,
        })
        .collect()
}

/// A suggestion inside the engine: its code-point and byte spans.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub byte: usize,
    pub byte_end: usize,
    pub proposal: Proposal,
}

impl Hit {
    fn order(&self) -> (usize, usize, TagKind) {
        (self.start, self.end, self.proposal.kind())
    }

    /// A hit over the tokens `t` (not empty).
    pub(crate) fn over(t: &[scan::Token], proposal: Proposal) -> Hit {
        let (first, last) = (&t[0], &t[t.len() - 1]);
        Hit {
            start: first.start,
            end: last.end,
            byte: first.byte,
            byte_end: last.byte_end(),
            proposal,
        }
    }
}

/// What the engine knows of the project: tagged entities and grouped claims.
#[derive(Debug, Default)]
struct Engine {
    known: actors::Known,
    claims: claims::ClaimIndex,
}

impl Engine {
    fn new(project: &Project) -> Engine {
        Engine {
            known: actors::Known::new(project),
            claims: claims::ClaimIndex::new(project),
        }
    }

    /// The suggestions for a source of `project`, without those the analyst already made.
    fn source(&self, project: &Project, source: &crate::model::Source) -> Vec<Suggestion> {
        let taken = Annotated::new(project, &source.id);
        let text = source.text.as_str();
        self.run(&source.text, source.published, Some(&source.id))
            .into_iter()
            .filter(|h| !taken.overlaps(h) && spans_whole_characters(&source.text, h))
            .map(|h| Suggestion {
                source: source.id.clone(),
                start: h.start,
                end: h.end,
                text: text[h.byte..h.byte_end].to_string(),
                proposal: h.proposal,
            })
            .collect()
    }

    /// Reads a text paragraph by paragraph; the hits come sorted by span.
    fn run(
        &self,
        text: &SourceText,
        published: Option<NaiveDate>,
        source: Option<&SourceId>,
    ) -> Vec<Hit> {
        let s = text.as_str();
        let mut hits = Vec::new();
        let mut tokens = Vec::new();
        let mut found_actors = Vec::new();
        let mut names = actors::Names::default();
        let mut deferred = Vec::new();
        let mut scratch = claims::Scratch::default();
        let mut last_date = None;
        let (mut byte, mut chars) = (0, 0);
        for line in s.split('\n') {
            tokens.clear();
            let len = scan::scan(line, byte, chars, &mut tokens);
            let first_hit = hits.len();
            if !tokens.is_empty() {
                dates::find(&mut tokens, published, &mut last_date, &mut hits);
                found_actors.clear();
                actors::find(
                    &tokens,
                    s,
                    &self.known,
                    &mut names,
                    &mut deferred,
                    &mut found_actors,
                );
                for a in &found_actors {
                    hits.push(Hit::over(
                        &tokens[a.first..a.end],
                        Proposal::Actor {
                            entity: a.choice.clone(),
                        },
                    ));
                }
                claims::find(
                    &tokens,
                    &found_actors,
                    &self.claims,
                    source,
                    &mut scratch,
                    &mut hits,
                );
                hits[first_hit..].sort_unstable_by_key(Hit::order);
            }
            byte += line.len() + 1;
            chars += len + 1;
        }
        // Lone words the source names in full only later (a headline's `Putin`).
        for d in deferred {
            if let Some(named) = names.get(&s[d.byte..d.byte_end]) {
                hits.push(Hit {
                    start: d.start,
                    end: d.end,
                    byte: d.byte,
                    byte_end: d.byte_end,
                    proposal: Proposal::Actor {
                        entity: named.choice(),
                    },
                });
            }
        }
        // A name first met short (`President Okafor`) takes its fullest form, or the
        // project's entity the source names in full.
        let fullest = |choice: &mut EntityChoice| {
            if let EntityChoice::New { name, .. } = choice
                && let Some(named) = names.get(name)
                && (named.existing.is_some() || named.full != *name)
            {
                *choice = named.choice();
            }
        };
        for h in &mut hits {
            match &mut h.proposal {
                Proposal::Actor { entity } => fullest(entity),
                Proposal::Claim { speaker, via, .. } => {
                    speaker.iter_mut().chain(via.iter_mut()).for_each(fullest);
                }
                Proposal::Date { .. } => {}
            }
        }
        // Paragraphs are sorted already; this merges the lone words resolved last.
        hits.sort_by_key(Hit::order);
        hits
    }
}

/// Whether a hit starts and ends between grapheme clusters.
fn spans_whole_characters(text: &SourceText, h: &Hit) -> bool {
    let bytes = text.as_str().as_bytes();
    // Between two ASCII characters (other than CR LF) there is always a boundary.
    let ascii_boundary = |b: usize| {
        b == 0
            || b >= bytes.len()
            || (bytes[b - 1].is_ascii() && bytes[b].is_ascii() && bytes[b - 1] != b'\r')
    };
    h.start < h.end
        && (ascii_boundary(h.byte) || text.is_grapheme_boundary(h.start))
        && (ascii_boundary(h.byte_end) || text.is_grapheme_boundary(h.end))
}

/// The spans of a source already annotated, by tag, to leave out suggestions over them.
struct Annotated {
    /// Per tag: spans sorted by start, and the furthest end up to each.
    spans: [(Vec<Range<usize>>, Vec<usize>); 3],
}

impl Annotated {
    fn new(project: &Project, source: &SourceId) -> Annotated {
        let mut spans: [(Vec<Range<usize>>, Vec<usize>); 3] = Default::default();
        for a in project.annotations.values() {
            if &a.source == source && !a.unplaced {
                spans[rank(a.kind())].0.push(a.span());
            }
        }
        for (list, furthest) in &mut spans {
            list.sort_by_key(|r| (r.start, r.end));
            let mut max = 0;
            furthest.extend(list.iter().map(|r| {
                max = max.max(r.end);
                max
            }));
        }
        Annotated { spans }
    }

    /// Whether an annotation with the hit's tag overlaps it.
    fn overlaps(&self, h: &Hit) -> bool {
        let (list, furthest) = &self.spans[rank(h.proposal.kind())];
        let before_end = list.partition_point(|r| r.start < h.end);
        before_end > 0 && furthest[before_end - 1] > h.start
    }
}

fn rank(kind: TagKind) -> usize {
    match kind {
        TagKind::Actor => 0,
        TagKind::Claim => 1,
        TagKind::Date => 2,
    }
}

/// (words, what is proposed) pairs, as the finders' tests write what they expect.
#[cfg(test)]
fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, AnnotationId, Source};

    fn sid(s: &str) -> SourceId {
        SourceId::new(s).unwrap()
    }

    #[test]
    fn spans_are_code_points_and_never_split_a_character() {
        // Combining accents, an emoji family and curly quotes before the names.
        let text = "👩‍👩‍👧 Jose\u{301} Ramo\u{301}n met Lucía Montalbán on 4 June 2025.";
        let found = suggest_text(text, None);
        let st = SourceText::new(text);
        assert!(!found.is_empty());
        for f in &found {
            assert_eq!(st.check_span(&(f.start..f.end)), Ok(()), "{f:?}");
        }
        let spans: Vec<&str> = found.iter().map(|f| st.slice(f.start..f.end)).collect();
        assert_eq!(
            spans,
            ["Jose\u{301} Ramo\u{301}n", "Lucía Montalbán", "4 June 2025"]
        );
    }

    #[test]
    fn sources_are_read_with_their_publication_day_and_in_text_order() {
        let mut p = Project::new("t");
        let mut a = Source::new(
            sid("a"),
            "A",
            "On Sunday, Anton Veselić said the talks were over.",
        );
        a.published = "2025-06-05".parse().ok();
        let b = Source::new(sid("b"), "B", "Veselić spoke on Sunday.");
        p.sources.push(a);
        p.sources.push(b);
        let all = suggest(&p);
        let summary: Vec<(&str, &str, TagKind)> = all
            .iter()
            .map(|s| (s.source.as_str(), s.text.as_str(), s.kind()))
            .collect();
        assert_eq!(
            summary,
            [
                ("a", "Sunday", TagKind::Date),
                ("a", "Anton Veselić", TagKind::Actor),
                ("a", "the talks were over", TagKind::Claim),
                ("b", "Sunday", TagKind::Date),
            ]
        );
        assert_eq!(
            all[0].proposal,
            Proposal::Date {
                value: "2025-06-01".parse().ok(),
                why_no_value: None
            }
        );
        assert!(matches!(
            &all[3].proposal,
            Proposal::Date { value: None, why_no_value: Some(why) } if why == NO_PUBLICATION
        ));
        assert!(suggest_source(&p, &sid("nope")).is_empty());
    }

    #[test]
    fn sources_are_handed_over_one_by_one_until_asked_to_stop() {
        let mut p = Project::new("t");
        for id in ["a", "b", "c"] {
            p.sources.push(Source::new(
                sid(id),
                id,
                "Anton Veselić spoke on 1 June 2025.",
            ));
        }
        let mut seen = Vec::new();
        suggest_each(&p, |found| {
            seen.push(found[0].source.to_string());
            seen.len() < 2
        });
        assert_eq!(seen, ["a", "b"]);
    }

    #[test]
    fn spans_annotated_with_the_same_tag_are_not_proposed_again() {
        let mut p = Project::new("t");
        let s = Source::new(
            sid("a"),
            "A",
            "Anton Veselić spoke on Sunday, 1 June 2025. He left on Monday.",
        );
        // The name is tagged inside a longer actor span and Monday as a date: neither is
        // proposed again. Sunday is tagged as an actor by mistake: the date is proposed.
        let tags = [
            (0..19, TagKind::Actor),
            (23..29, TagKind::Actor),
            (55..61, TagKind::Date),
        ];
        for (span, kind) in tags {
            let a = Annotation::new(AnnotationId::random(), &s, span, kind.empty_tag());
            p.annotations.insert(a.id.clone(), a);
        }
        p.sources.push(s);
        let found: Vec<(TagKind, String)> = suggest_source(&p, &sid("a"))
            .into_iter()
            .map(|s| (s.kind(), s.text))
            .collect();
        assert_eq!(found, [(TagKind::Date, "Sunday, 1 June 2025".to_string())]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_valid_spans_in_order(
            text in "(\\PC|[“”\"',.()—:-]| said | that | according to | May | 4 | 2025 | Pope | Dr. | Sunday |\n){0,80}",
            published in proptest::option::of(0i64..20_000),
        ) {
            let published = published.and_then(|d| {
                NaiveDate::from_ymd_opt(1990, 1, 1)?.checked_add_days(chrono::Days::new(d as u64))
            });
            let st = SourceText::new(text.clone());
            let found = suggest_text(&text, published);
            for f in &found {
                proptest::prop_assert_eq!(st.check_span(&(f.start..f.end)), Ok(()));
            }
            proptest::prop_assert!(found.windows(2).all(|w| w[0].start <= w[1].start));
        }
    }

    #[test]
    fn proposals_describe_themselves() {
        let p = Project::new("t");
        let date = Proposal::Date {
            value: "2025-06".parse().ok(),
            why_no_value: None,
        };
        assert_eq!(date.describe(&p), "Date 2025-06 (month)");
        let range = Proposal::Date {
            value: "2025-06-11/2025-06-20".parse().ok(),
            why_no_value: None,
        };
        assert_eq!(range.describe(&p), "Date 2025-06-11/2025-06-20 (range)");
        let claim = Proposal::Claim {
            speaker: Some(EntityChoice::New {
                name: "Dmitry Peskov".into(),
                kind: EntityKind::Person,
            }),
            via: Some(EntityChoice::Existing(EntityId::new("tass").unwrap())),
            group: None,
        };
        assert_eq!(
            claim.describe(&p),
            "Claim: speaker Dmitry Peskov (new person), via tass"
        );
    }
}
