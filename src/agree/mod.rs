//! How far analysts agree: several projects that annotated the same sources, compared
//! span by span and character by character, for each tag (`parallax agree`).
//!
//! Only the sources every project has with the same id and the same text are compared;
//! the others are listed and left out. For each pair of projects: exact F1 (same source,
//! start, end and tag), overlap F1 (a span counts as matched when the other project has
//! an overlapping span of the same tag) and Cohen's kappa over characters (each character
//! labelled by whether it lies inside a span of the tag); over all projects at once,
//! Krippendorff's alpha over the same characters. Of the exactly matched spans, the share
//! linked alike: actors to the same entity, claims to the same speaker (by id; both
//! unlinked counts as alike). Annotations flagged unplaced are not compared: their
//! positions are not where their words are.

mod curate;
mod measures;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::model::{EntityId, Project, SourceId, Tag, TagKind};

pub use curate::{Difference, SourceCuration, curate, take_theirs};
pub use measures::{Coincidences, f1, kappa};

/// The figures for one tag, over all shared sources or over one.
#[derive(Debug, Clone, PartialEq)]
pub struct TagAgreement {
    /// Krippendorff's alpha (nominal) over characters, all projects at once.
    pub alpha: Option<f64>,
    /// Every pair of projects, `a < b`.
    pub pairs: Vec<PairAgreement>,
}

/// The figures of two projects for one tag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairAgreement {
    pub a: usize,
    pub b: usize,
    pub exact_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
    pub kappa: Option<f64>,
}

/// Of the exactly matched spans (over every pair), the share linked alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Links {
    /// Actors linked to the same entity.
    pub entity: Shared,
    /// Claims with the same speaker.
    pub speaker: Shared,
}

/// `alike` of `matched`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shared {
    pub alike: usize,
    pub matched: usize,
}

impl Shared {
    pub fn share(self) -> Option<f64> {
        (self.matched > 0).then(|| self.alike as f64 / self.matched as f64)
    }
}

/// A source one project has that is not compared, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub source: SourceId,
    /// The projects that do not have it.
    pub missing_from: Vec<usize>,
    /// The projects whose text of it differs from the first project's that has it.
    pub text_differs_in: Vec<usize>,
}

/// A span that not every project made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub tag: TagKind,
    pub span: Range<usize>,
    pub words: String,
    /// The projects that made it.
    pub made_by: Vec<usize>,
}

/// One shared source's figures and the spans not every project made, in text order.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceAgreement {
    pub source: SourceId,
    pub tags: BTreeMap<TagKind, TagAgreement>,
    pub unmatched: Vec<Unmatched>,
}

/// Everything `parallax agree` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// How many projects were compared.
    pub projects: usize,
    /// The sources compared, in the first project's order.
    pub sources: Vec<SourceId>,
    pub left_out: Vec<LeftOut>,
    pub tags: BTreeMap<TagKind, TagAgreement>,
    pub links: Links,
    pub by_source: Vec<SourceAgreement>,
}

/// One project's spans of one source and tag, with their links.
type Spans = BTreeMap<(usize, usize), Option<EntityId>>;

/// What is compared of one shared source: its length and each project's spans by tag.
struct Compared {
    chars: usize,
    spans: Vec<BTreeMap<TagKind, Spans>>,
}

impl Agreement {
    /// Compares `projects` (at least one) on the sources they share.
    pub fn measure(projects: &[&Project]) -> Agreement {
        let (sources, left_out) = shared_sources(projects);
        let compared: Vec<Compared> = sources
            .iter()
            .map(|id| Compared {
                chars: projects[0]
                    .source(id)
                    .map_or(0, |source| source.text.char_len()),
                spans: projects.iter().map(|p| spans_of(p, id)).collect(),
            })
            .collect();
        let all: Vec<&Compared> = compared.iter().collect();
        let tags = TagKind::ALL
            .into_iter()
            .map(|tag| (tag, tag_agreement(&all, tag, projects.len())))
            .collect();
        let by_source = sources
            .iter()
            .zip(&compared)
            .map(|(id, one)| SourceAgreement {
                source: id.clone(),
                tags: TagKind::ALL
                    .into_iter()
                    .map(|tag| (tag, tag_agreement(&[one], tag, projects.len())))
                    .collect(),
                unmatched: unmatched(projects[0], id, one),
            })
            .collect();
        Agreement {
            projects: projects.len(),
            links: links(&all, projects.len()),
            sources,
            left_out,
            tags,
            by_source,
        }
    }
}

/// The sources every project has with the same text, in the first project's order, and
/// every other source with what keeps it out.
fn shared_sources(projects: &[&Project]) -> (Vec<SourceId>, Vec<LeftOut>) {
    let mut ids: Vec<&SourceId> = Vec::new();
    for project in projects {
        for source in &project.sources {
            if !ids.contains(&&source.id) {
                ids.push(&source.id);
            }
        }
    }
    let mut shared = Vec::new();
    let mut left_out = Vec::new();
    for id in ids {
        let found: Vec<_> = projects.iter().map(|p| p.source(id)).collect();
        let first = found.iter().flatten().next().map(|s| &s.content_hash);
        let missing_from: Vec<usize> = (0..projects.len())
            .filter(|&i| found[i].is_none())
            .collect();
        let text_differs_in: Vec<usize> = (0..projects.len())
            .filter(|&i| found[i].is_some_and(|s| Some(&s.content_hash) != first))
            .collect();
        if missing_from.is_empty() && text_differs_in.is_empty() {
            shared.push(id.clone());
        } else {
            left_out.push(LeftOut {
                source: id.clone(),
                missing_from,
                text_differs_in,
            });
        }
    }
    (shared, left_out)
}

/// A project's placed spans in one source, by tag, with the entity an actor links to or
/// the speaker of a claim.
fn spans_of(project: &Project, source: &SourceId) -> BTreeMap<TagKind, Spans> {
    let chars = project.source(source).map_or(0, |s| s.text.char_len());
    let mut spans: BTreeMap<TagKind, Spans> = BTreeMap::new();
    for annotation in project.annotations_in(source) {
        if annotation.unplaced || annotation.end > chars || annotation.start >= annotation.end {
            continue;
        }
        let link = match &annotation.tag {
            Tag::Actor { entity } => entity.clone(),
            Tag::Claim { speaker, .. } => speaker.clone(),
            Tag::Date { .. } => None,
        };
        spans
            .entry(annotation.kind())
            .or_default()
            .entry((annotation.start, annotation.end))
            .or_insert(link);
    }
    spans
}

/// One tag's figures over the given sources.
fn tag_agreement(sources: &[&Compared], tag: TagKind, projects: usize) -> TagAgreement {
    let empty = Spans::new();
    let of = |one: &'_ Compared, project: usize| -> Vec<Range<usize>> {
        one.spans[project]
            .get(&tag)
            .unwrap_or(&empty)
            .keys()
            .map(|&(start, end)| start..end)
            .collect()
    };
    let mut pairs = Vec::new();
    for a in 0..projects {
        for b in a + 1..projects {
            let (mut exact, mut overlapping, mut total) = (0, 0, 0);
            let mut table = [[0u64; 2]; 2];
            for one in sources {
                let (first, second) = (of(one, a), of(one, b));
                let in_second: BTreeSet<(usize, usize)> =
                    second.iter().map(|s| (s.start, s.end)).collect();
                exact += 2 * first
                    .iter()
                    .filter(|s| in_second.contains(&(s.start, s.end)))
                    .count();
                overlapping += overlapped(&first, &second) + overlapped(&second, &first);
                total += first.len() + second.len();
                let (labels_a, labels_b) = (labels(&first, one.chars), labels(&second, one.chars));
                for (x, y) in labels_a.iter().zip(&labels_b) {
                    table[usize::from(*x)][usize::from(*y)] += 1;
                }
            }
            let used = total > 0;
            pairs.push(PairAgreement {
                a,
                b,
                exact_f1: f1(exact, total),
                overlap_f1: f1(overlapping, total),
                kappa: kappa(table).filter(|_| used),
            });
        }
    }
    let mut coincidences = Coincidences::new(2);
    for one in sources {
        let mut inside = vec![0u64; one.chars];
        for project in 0..projects {
            for (count, label) in inside.iter_mut().zip(labels(&of(one, project), one.chars)) {
                *count += u64::from(label);
            }
        }
        let mut by_count = vec![0u64; projects + 1];
        for count in inside {
            by_count[count as usize] += 1;
        }
        for (count, characters) in by_count.into_iter().enumerate() {
            let count = count as u64;
            coincidences.add_unit(&[projects as u64 - count, count], characters);
        }
    }
    TagAgreement {
        alpha: coincidences.alpha(),
        pairs,
    }
}

/// How many of `spans` overlap some span of `other` (both sorted by start).
fn overlapped(spans: &[Range<usize>], other: &[Range<usize>]) -> usize {
    let mut furthest = Vec::with_capacity(other.len());
    let mut end = 0;
    for span in other {
        end = end.max(span.end);
        furthest.push(end);
    }
    spans
        .iter()
        .filter(|span| {
            let before = other.partition_point(|o| o.start < span.end);
            before > 0 && furthest[before - 1] > span.start
        })
        .count()
}

/// Each character of a source: inside one of `spans` or not.
fn labels(spans: &[Range<usize>], chars: usize) -> Vec<bool> {
    let mut labels = vec![false; chars];
    for span in spans {
        labels[span.start.min(chars)..span.end.min(chars)].fill(true);
    }
    labels
}

/// Of every pair's exactly matched actors and claims, how many are linked alike.
fn links(sources: &[&Compared], projects: usize) -> Links {
    let mut entity = Shared::default();
    let mut speaker = Shared::default();
    for one in sources {
        for a in 0..projects {
            for b in a + 1..projects {
                for (tag, shared) in [
                    (TagKind::Actor, &mut entity),
                    (TagKind::Claim, &mut speaker),
                ] {
                    let (Some(first), Some(second)) =
                        (one.spans[a].get(&tag), one.spans[b].get(&tag))
                    else {
                        continue;
                    };
                    for (span, link) in first {
                        if let Some(other) = second.get(span) {
                            shared.matched += 1;
                            shared.alike += usize::from(link == other);
                        }
                    }
                }
            }
        }
    }
    Links { entity, speaker }
}

/// The spans of one source that not every project made, in text order, then by tag.
fn unmatched(project: &Project, id: &SourceId, one: &Compared) -> Vec<Unmatched> {
    let mut made: BTreeMap<(usize, usize, TagKind), Vec<usize>> = BTreeMap::new();
    for (index, spans) in one.spans.iter().enumerate() {
        for (tag, spans) in spans {
            for &(start, end) in spans.keys() {
                made.entry((start, end, *tag)).or_default().push(index);
            }
        }
    }
    let text = project.source(id).map(|s| &s.text);
    made.into_iter()
        .filter(|(_, made_by)| made_by.len() < one.spans.len())
        .map(|((start, end, tag), made_by)| Unmatched {
            tag,
            span: start..end,
            words: text.map_or_else(String::new, |t| t.slice(start..end).to_owned()),
            made_by,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, AnnotationId, Entity, EntityKind, Source};

    const TEXT: &str = "Ada Brink said the port would reopen on Monday, the ministry said.";

    fn project(spans: &[(Range<usize>, Tag)]) -> Project {
        let mut project = Project::new("");
        let source = Source::new(SourceId::new("wire").unwrap(), "Wire", TEXT);
        for (span, tag) in spans {
            let annotation =
                Annotation::new(AnnotationId::random(), &source, span.clone(), tag.clone());
            project
                .annotations
                .insert(annotation.id.clone(), annotation);
        }
        project.sources.push(source);
        project
    }

    fn actor(entity: Option<&str>) -> Tag {
        Tag::Actor {
            entity: entity.map(|e| EntityId::new(e).unwrap()),
        }
    }

    fn claim() -> Tag {
        TagKind::Claim.empty_tag()
    }

    fn pair(agreement: &Agreement, tag: TagKind) -> PairAgreement {
        agreement.tags[&tag].pairs[0]
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn identical_projects_agree_fully() {
        let one = project(&[(0..9, actor(Some("ada"))), (15..46, claim())]);
        let agreement = Agreement::measure(&[&one, &one.clone()]);
        let actors = pair(&agreement, TagKind::Actor);
        assert!(close(actors.exact_f1, 1.0));
        assert!(close(actors.overlap_f1, 1.0));
        assert!(close(actors.kappa, 1.0));
        assert!(close(agreement.tags[&TagKind::Actor].alpha, 1.0));
        assert_eq!(
            agreement.links.entity,
            Shared {
                alike: 1,
                matched: 1
            }
        );
        assert!(agreement.by_source[0].unmatched.is_empty());
    }

    /// Worked by hand. TEXT has 66 characters. A tags actors 0..9 and 48..60; B tags
    /// 0..9 and 52..60. Exact: one match, F1 = 2 / 4. Overlap: all four spans overlap
    /// one of the other side's, F1 = 4 / 4. Characters: both inside 0..9 and 52..60 (17),
    /// only A inside 48..52 (4), both outside 45. Kappa: p_o = 62/66; A inside 21/66,
    /// B inside 17/66; p_e = (21·17 + 45·49) / 66²; kappa = (p_o − p_e) / (1 − p_e).
    #[test]
    fn two_projects_worked_by_hand() {
        let a = project(&[(0..9, actor(Some("ada"))), (48..60, actor(None))]);
        let b = project(&[(0..9, actor(Some("brink"))), (52..60, actor(None))]);
        let agreement = Agreement::measure(&[&a, &b]);
        let actors = pair(&agreement, TagKind::Actor);
        assert!(close(actors.exact_f1, 0.5));
        assert!(close(actors.overlap_f1, 1.0));
        let n = 66.0;
        let observed = 62.0 / n;
        let expected = (21.0 * 17.0 + 45.0 * 49.0) / (n * n);
        assert!(close(
            actors.kappa,
            (observed - expected) / (1.0 - expected)
        ));
        // Alpha, two coders: o01 = 4 (each split character adds 1 to o01 and o10),
        // n1 = 21 + 17 = 38, n0 = 132 − 38 = 94, n = 132.
        let alpha = 1.0 - 131.0 * 4.0 / (94.0 * 38.0);
        assert!(close(agreement.tags[&TagKind::Actor].alpha, alpha));
        // The matched span links to different entities.
        assert_eq!(
            agreement.links.entity,
            Shared {
                alike: 0,
                matched: 1
            }
        );
        let unmatched: Vec<_> = agreement.by_source[0]
            .unmatched
            .iter()
            .map(|u| (u.span.clone(), u.made_by.clone(), u.words.as_str()))
            .collect();
        assert_eq!(
            unmatched,
            [
                (48..60, vec![0], "the ministry"),
                (52..60, vec![1], "ministry")
            ]
        );
    }

    #[test]
    fn a_tag_nobody_used_has_no_figures() {
        let a = project(&[(0..9, actor(None))]);
        let agreement = Agreement::measure(&[&a, &a.clone()]);
        let dates = &agreement.tags[&TagKind::Date];
        assert_eq!(dates.alpha, None);
        assert_eq!(
            dates.pairs,
            [PairAgreement {
                a: 0,
                b: 1,
                exact_f1: None,
                overlap_f1: None,
                kappa: None
            }]
        );
        assert_eq!(agreement.links.speaker.share(), None);
    }

    #[test]
    fn one_side_without_spans_scores_zero_not_nothing() {
        let a = project(&[(0..9, actor(None))]);
        let b = project(&[]);
        let actors = pair(&Agreement::measure(&[&a, &b]), TagKind::Actor);
        assert!(close(actors.exact_f1, 0.0));
        assert!(close(actors.overlap_f1, 0.0));
        assert!(close(actors.kappa, 0.0));
    }

    #[test]
    fn three_projects_list_every_pair_and_one_alpha() {
        let a = project(&[(0..9, actor(None))]);
        let b = project(&[(0..9, actor(None))]);
        let c = project(&[(0..3, actor(None))]);
        let agreement = Agreement::measure(&[&a, &b, &c]);
        let pairs: Vec<(usize, usize)> = agreement.tags[&TagKind::Actor]
            .pairs
            .iter()
            .map(|p| (p.a, p.b))
            .collect();
        assert_eq!(pairs, [(0, 1), (0, 2), (1, 2)]);
        // Characters 0..3: all three inside; 3..9: two of three; the rest: none.
        let mut by_hand = Coincidences::new(2);
        by_hand.add_unit(&[0, 3], 3);
        by_hand.add_unit(&[1, 2], 6);
        by_hand.add_unit(&[3, 0], 57);
        assert_eq!(agreement.tags[&TagKind::Actor].alpha, by_hand.alpha());
        assert_eq!(agreement.by_source[0].unmatched[0].made_by, [2]);
        assert_eq!(agreement.by_source[0].unmatched[1].made_by, [0, 1]);
    }

    #[test]
    fn sources_not_shared_alike_are_left_out_and_say_why() {
        let a = project(&[(0..9, actor(None))]);
        let mut b = a.clone();
        b.sources[0] = Source::new(SourceId::new("wire").unwrap(), "Wire", "Another text.");
        b.annotations.clear();
        let mut extra = Source::new(SourceId::new("memo").unwrap(), "Memo", "Only here.");
        extra.outlet = "Ministry".into();
        b.sources.push(extra);
        let agreement = Agreement::measure(&[&a, &b]);
        assert!(agreement.sources.is_empty());
        assert_eq!(
            agreement.left_out,
            [
                LeftOut {
                    source: SourceId::new("wire").unwrap(),
                    missing_from: vec![],
                    text_differs_in: vec![1],
                },
                LeftOut {
                    source: SourceId::new("memo").unwrap(),
                    missing_from: vec![0],
                    text_differs_in: vec![],
                },
            ]
        );
        assert_eq!(agreement.tags[&TagKind::Actor].alpha, None);
    }

    #[test]
    fn unplaced_annotations_are_not_compared() {
        let mut a = project(&[(0..9, actor(None))]);
        let b = a.clone();
        for annotation in a.annotations.values_mut() {
            annotation.unplaced = true;
        }
        let actors = pair(&Agreement::measure(&[&a, &b]), TagKind::Actor);
        assert!(close(actors.exact_f1, 0.0));
    }

    #[test]
    fn claims_compare_their_speakers() {
        let speaker = |id: &str| Tag::Claim {
            speaker: Some(EntityId::new(id).unwrap()),
            via: None,
            group: None,
            credibility: None,
        };
        let mut a = project(&[(15..46, speaker("ada"))]);
        a.entities.insert(
            EntityId::new("ada").unwrap(),
            Entity::new(
                EntityId::new("ada").unwrap(),
                "Ada Brink",
                EntityKind::Person,
            ),
        );
        let b = project(&[(15..46, speaker("ada"))]);
        let c = project(&[(15..46, speaker("ministry"))]);
        let agreement = Agreement::measure(&[&a, &b, &c]);
        assert_eq!(
            agreement.links.speaker,
            Shared {
                alike: 1,
                matched: 3
            }
        );
    }
}
