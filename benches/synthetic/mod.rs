//! Seeded synthetic projects of any size for the benchmarks: sources of made-up report
//! prose, and annotations of all three tags linked to entities and claim groups. The same
//! seed and size always give the same project.

use parallax::edit::Command;
use parallax::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, DateValue, Entity, EntityId, EntityKind,
    Project, Source, SourceId, Tag,
};

/// A small, fast, seeded random number generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// The size of a synthetic project.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub sources: usize,
    /// Characters of text per source.
    pub chars_per_source: usize,
    pub annotations: usize,
    pub entities: usize,
    pub claim_groups: usize,
    /// Whether each source is one paragraph with no line break.
    pub one_paragraph: bool,
}

const WORDS: &[&str] = &[
    "the",
    "president",
    "said",
    "on",
    "Sunday",
    "that",
    "talks",
    "with",
    "Veselić",
    "would",
    "continue",
    "according",
    "to",
    "a",
    "statement",
    "read",
    "by",
    "spokesman",
    "agency",
    "reported",
    "citing",
    "sources",
    "in",
    "Velgrad",
    "peace",
    "gesture",
    "prisoners",
    "exchange",
    "late",
    "May",
    "primate",
    "Montalbán",
    "church",
    "office",
    "Kelmar",
    "border",
    "villages",
    "humanitarian",
    "track",
    "—",
    "“quoted”",
    "Путин",
    "Ειρήνη",
    "ministry",
];

/// Report-like prose of about `chars` characters.
pub fn prose(rng: &mut Rng, chars: usize, one_paragraph: bool) -> String {
    let mut text = String::with_capacity(chars + 64);
    let mut in_sentence = 0;
    let mut in_paragraph = 0;
    while text.len() < chars {
        let word = WORDS[rng.below(WORDS.len())];
        if in_sentence == 0 {
            let mut c = word.chars();
            if let Some(first) = c.next() {
                text.extend(first.to_uppercase());
                text.push_str(c.as_str());
            }
        } else {
            text.push_str(word);
        }
        in_sentence += 1;
        if in_sentence > 8 + rng.below(12) {
            text.push_str(". ");
            in_sentence = 0;
            in_paragraph += 1;
            if !one_paragraph && in_paragraph > 3 + rng.below(5) {
                text.pop();
                text.push_str("\n\n");
                in_paragraph = 0;
            }
        } else {
            text.push(' ');
        }
    }
    text
}

/// Builds a project of the given size from a seed.
pub fn project(seed: u64, size: Size) -> Project {
    let mut rng = Rng::new(seed);
    let mut p = Project::new("Synthetic project");
    for i in 0..size.entities {
        let id = EntityId::new(format!("entity-{i}")).unwrap();
        p.entities.insert(
            id.clone(),
            Entity::new(id, format!("Entity {i}"), EntityKind::Person),
        );
    }
    for i in 0..size.claim_groups {
        let id = ClaimGroupId::new(format!("group-{i}")).unwrap();
        p.claim_groups
            .insert(id.clone(), ClaimGroup::new(id, format!("Claim {i}")));
    }
    let entity_ids: Vec<EntityId> = p.entities.keys().cloned().collect();
    let group_ids: Vec<ClaimGroupId> = p.claim_groups.keys().cloned().collect();
    for s in 0..size.sources {
        let text = prose(&mut rng, size.chars_per_source, size.one_paragraph);
        let mut source = Source::new(
            SourceId::new(format!("source-{s}")).unwrap(),
            format!("Report {s}"),
            text,
        );
        source.outlet = format!("Outlet {s}");
        source.published = chrono::NaiveDate::from_ymd_opt(2025, 6, 1 + (s % 28) as u32);
        p.sources.push(source);
    }
    let per_source = size.annotations / size.sources.max(1);
    for source in &p.sources {
        let text = source.text.as_str();
        // Word starts and ends, in code points, to put spans on word boundaries.
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        let mut prev_space = true;
        for (i, c) in text.chars().enumerate() {
            let space = c == ' ' || c == '\n';
            if prev_space && !space {
                starts.push(i);
            }
            if !prev_space && space {
                ends.push(i);
            }
            prev_space = space;
        }
        if !prev_space {
            ends.push(source.text.char_len());
        }
        for _ in 0..per_source {
            let first = rng.below(starts.len());
            let longest = if rng.below(4) == 0 { 12 } else { 3 };
            let last = (first + rng.below(longest)).min(ends.len() - 1);
            let (start, end) = (starts[first], ends[last]);
            let pick = |rng: &mut Rng, list: &[EntityId]| {
                (!list.is_empty()).then(|| list[rng.below(list.len())].clone())
            };
            let tag = match rng.below(3) {
                0 => Tag::Actor {
                    entity: pick(&mut rng, &entity_ids),
                },
                1 => Tag::Claim {
                    speaker: pick(&mut rng, &entity_ids),
                    via: pick(&mut rng, &entity_ids),
                    group: (!group_ids.is_empty())
                        .then(|| group_ids[rng.below(group_ids.len())].clone()),
                    credibility: None,
                },
                _ => Tag::Date {
                    value: Some(DateValue::day(
                        chrono::NaiveDate::from_ymd_opt(
                            2025,
                            1 + rng.below(12) as u32,
                            1 + rng.below(28) as u32,
                        )
                        .unwrap(),
                    )),
                },
            };
            let a = Annotation::new(AnnotationId::random(), source, start..end, tag);
            p.annotations.insert(a.id.clone(), a);
        }
    }
    p
}

/// An annotation the benchmarks add as "the analyst's next tag".
pub fn one_more(p: &Project) -> Command {
    let source = &p.sources[0];
    Command::PutAnnotation(Annotation::new(
        AnnotationId::random(),
        source,
        0..5,
        Tag::Date { value: None },
    ))
}
