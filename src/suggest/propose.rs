//! What the engine proposes for a span the analyst tagged by hand: the kind of the entity
//! its words name, and the calendar value of a date with the reason for it.

use std::ops::Range;

use super::lexicon::{MEDIA, ORG, PLACE, ROLE, TITLE, classify};
use super::{Proposal, suggest_text};
use crate::model::{DateValue, EntityKind, Source, Tag, TagKind};

/// The kind of entity a name most likely is: a title or role before it makes a person
/// (`Captain Vosk`, `Dr Ilse Marr`), the head of an organisation's name or a word such as
/// `Radio`, `Ministry`, `Ltd` an organisation, a word of place names (`River`, `Port`,
/// `City`) a place, and an acronym (`NATO`) an organisation; other names are people.
pub fn kind_of_name(name: &str) -> EntityKind {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is = |class| words.iter().any(|w| classify(w).is(class));
    let first_is = |class| words.first().is_some_and(|w| classify(w).is(class));
    if is(ORG | MEDIA) {
        EntityKind::Organisation
    } else if first_is(TITLE | ROLE) {
        EntityKind::Person
    } else if is(PLACE) {
        EntityKind::Place
    } else if let [word] = words[..]
        && word.chars().count() >= 2
        && word.chars().all(|c| c.is_uppercase())
    {
        EntityKind::Organisation
    } else {
        EntityKind::Person
    }
}

/// How much text before a date is read with it, in bytes (and a quarter of that after).
const CONTEXT_BYTES: usize = 2_000;

/// The nearest character boundary at or before `byte`.
fn floor_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// The nearest character boundary at or after `byte`.
fn ceil_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte += 1;
    }
    byte
}

/// A date's value as the engine reads its words, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProposal {
    pub value: DateValue,
    /// In the analyst's words: how the value follows from the words.
    pub reason: String,
}

/// The value the engine gives the words `span` of `source` cover, read in their paragraph
/// against the source's publication day; `Err` says why there is none.
pub fn date_value(source: &Source, span: Range<usize>) -> Result<DateProposal, String> {
    let text = &source.text;
    let words = text.slice(span.clone()).to_string();
    // The paragraph around the words, at most a few sentences either side of them (a
    // source can be one long line): enough for a year or a date mentioned before.
    let whole = text.as_str();
    let (from, to) = (text.byte_of(span.start), text.byte_of(span.end));
    let before = floor_boundary(whole, from.saturating_sub(CONTEXT_BYTES));
    let after = ceil_boundary(whole, (to + CONTEXT_BYTES / 4).min(whole.len()));
    let first = whole[before..from]
        .rfind('\n')
        .map_or(before, |b| before + b + 1);
    let last = whole[to..after].find('\n').map_or(after, |b| to + b);
    let paragraph = &whole[first..last];
    let line_start = text.char_of(first);
    let found = suggest_text(paragraph, source.published);
    // The date the engine found closest to the span: the same words, else the most shared.
    let shared = |f: &super::Found| {
        let (a, b) = (f.start + line_start, f.end + line_start);
        let overlap = b.min(span.end).saturating_sub(a.max(span.start));
        (overlap > 0).then_some((a == span.start && b == span.end, overlap))
    };
    let best = found
        .iter()
        .filter(|f| matches!(f.proposal, Proposal::Date { .. }))
        .filter_map(|f| shared(f).map(|s| (s, f)))
        .max_by_key(|(s, _)| *s)
        .map(|(_, f)| f.proposal.clone());
    let no_date = || format!("the engine reads no date in “{words}”");
    match best.ok_or_else(no_date)? {
        Proposal::Date {
            value: Some(value), ..
        } => {
            let on_its_own = suggest_text(&words, None)
                .into_iter()
                .any(|f| matches!(f.proposal, Proposal::Date { value: Some(v), .. } if v == value));
            let reason = match source.published {
                Some(day) if !on_its_own => format!(
                    "“{words}” counted from the publication day, {}",
                    day.format("%A %-d %B %Y")
                ),
                _ => format!("“{words}” gives the date in full"),
            };
            Ok(DateProposal { value, reason })
        }
        Proposal::Date { why_no_value, .. } => {
            Err(why_no_value.unwrap_or_else(|| "it could not be resolved".into()))
        }
        _ => Err(no_date()),
    }
}

/// The tag a span tagged by hand as `kind` starts with: a date comes with the value the
/// engine reads in its words (see [`date_value`]); other tags start empty.
pub fn tag_for(source: &Source, span: Range<usize>, kind: TagKind) -> Tag {
    match kind {
        TagKind::Date => Tag::Date {
            value: date_value(source, span).ok().map(|p| p.value),
        },
        _ => kind.empty_tag(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceId;

    #[test]
    fn titles_make_people_and_heads_of_names_make_organisations() {
        for (name, kind) in [
            ("Captain Vosk", EntityKind::Person),
            ("President Ada Brink", EntityKind::Person),
            ("Dr Ilse Marr", EntityKind::Person),
            ("Tomas Reyes", EntityKind::Person),
            ("Doravian State Radio", EntityKind::Organisation),
            ("DORAVIAN STATE RADIO", EntityKind::Organisation),
            ("Ministry of Transport", EntityKind::Organisation),
            ("Harbour Agency", EntityKind::Organisation),
            ("Keln Shipping Ltd", EntityKind::Organisation),
            ("Northline News", EntityKind::Organisation),
            ("City Council", EntityKind::Organisation),
            ("NATO", EntityKind::Organisation),
            ("Velda River", EntityKind::Place),
            ("Port Arlen", EntityKind::Place),
        ] {
            assert_eq!(kind_of_name(name), kind, "{name}");
        }
    }

    fn source(text: &str, published: &str) -> Source {
        let mut s = Source::new(SourceId::new("s").unwrap(), "S", text);
        s.published = Some(published.parse().unwrap());
        s
    }

    fn span_of(s: &Source, words: &str) -> Range<usize> {
        let start = s.text.char_of(s.text.as_str().find(words).unwrap());
        start..start + words.chars().count()
    }

    #[test]
    fn a_relative_date_is_counted_from_the_publication_day() {
        let s = source(
            "Headline\nThe ferry — a “small” one — sank on Monday, officials said.",
            "2025-06-10",
        );
        let proposed = date_value(&s, span_of(&s, "Monday")).unwrap();
        assert_eq!(proposed.value.to_string(), "2025-06-09");
        assert!(
            proposed.reason.contains("Tuesday 10 June 2025"),
            "{}",
            proposed.reason
        );
        // Words tagged a little wider than the date still find it.
        let proposed = date_value(&s, span_of(&s, "on Monday,")).unwrap();
        assert_eq!(proposed.value.to_string(), "2025-06-09");
    }

    #[test]
    fn in_a_source_of_one_long_line_only_the_words_around_the_date_are_read() {
        let filler = "Ο λιμένας — “έκλεισε” χθες. ".repeat(4_000);
        let text = format!("{filler}The ferry sank on Monday, officials said. {filler}");
        let s = source(&text, "2025-06-10");
        let proposed = date_value(&s, span_of(&s, "Monday")).unwrap();
        assert_eq!(proposed.value.to_string(), "2025-06-09");
    }

    #[test]
    fn a_date_in_full_says_so_and_words_that_are_no_date_say_why() {
        let s = source("It opened on 4 March 2024 in Keln.", "2025-06-10");
        let proposed = date_value(&s, span_of(&s, "4 March 2024")).unwrap();
        assert_eq!(proposed.value.to_string(), "2024-03-04");
        assert!(proposed.reason.contains("in full"), "{}", proposed.reason);
        assert!(date_value(&s, span_of(&s, "Keln")).is_err());
        let mut undated = source("They met on Monday.", "2025-06-10");
        undated.published = None;
        let why = date_value(&undated, span_of(&undated, "Monday")).unwrap_err();
        assert!(!why.is_empty());
    }
}
