//! Claims x sources: for each claim group, the wording of the claim in each source, its
//! speaker and its via, and the sources that do not carry it; claims in no group are
//! listed per source as unmatched.
//!
//! The dates of a claim are the date annotations (with a value) whose span lies inside
//! the claim's span. To date a claim, let its span take in the date: "discussed the
//! exchange of prisoners carried out in late May". A claim that could not be placed in
//! its source after a revision has no dates.

use std::sync::Arc;

use crate::model::{AnnotationId, ClaimGroupId, Credibility, DateValue, Project, Tag};

use super::diff::{Change, Segment, same_words, word_diff};
use super::index::{ClaimLinks, Index, Item, Place, TextOrder, sorted};
use super::{EntityRef, Mention, missing};

/// One claim group across the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    pub group: ClaimGroupId,
    /// The group's label (its id when the project does not have it).
    pub label: String,
    /// The analyst's memo on the claim.
    pub memo: String,
    /// Per column, the source's claims in the group, in text order.
    pub cells: Vec<Vec<Wording>>,
    /// The columns that do not carry the claim.
    pub missing: Vec<usize>,
    /// The column whose first wording the other wordings are diffed against.
    pub reference: usize,
}

impl ClaimRow {
    /// The wording the others are diffed against.
    pub fn reference_wording(&self) -> Option<&Wording> {
        self.cells.get(self.reference)?.first()
    }

    /// The word-level diff of `wording` against the reference wording (all equal when
    /// there is none).
    pub fn diff(&self, wording: &Wording) -> Vec<Segment> {
        match self.reference_wording() {
            Some(reference) => word_diff(&reference.text, &wording.text),
            None => vec![Segment {
                change: Change::Equal,
                text: wording.text.clone(),
            }],
        }
    }

    /// How a wording stands to the reference wording, in a few words for a report:
    /// `reference`, `same words` (spacing and typography aside) or `other words`; empty with no reference.
    pub fn standing(&self, wording: &Wording) -> &'static str {
        match self.reference_wording() {
            Some(r) if r.annotation == wording.annotation => "reference",
            Some(r) if same_words(&r.text, &wording.text) => "same words",
            Some(_) => "other words",
            None => "",
        }
    }
}

/// One claim as a source words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub annotation: AnnotationId,
    /// The claim's words as they stand in the source.
    pub text: String,
    /// Who made the claim (shared by every claim that names the same entity).
    pub speaker: Option<Arc<EntityRef>>,
    /// Through whom it reached the source: a spokesman, an agency, a statement.
    pub via: Option<Arc<EntityRef>>,
    /// The dates inside the claim's span, in text order.
    pub dates: Vec<ClaimDate>,
    /// How credible the analyst judges this wording.
    pub credibility: Option<Credibility>,
}

/// A date given inside a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDate {
    pub annotation: AnnotationId,
    pub text: String,
    pub value: DateValue,
}

/// The claim rows in group id order, and per column the claims in no group.
///
/// `reference` is the preferred column to diff against; each row falls back to its first
/// column that carries the claim.
pub(super) fn build(
    project: &Project,
    index: &Index,
    reference: Option<usize>,
) -> (Vec<ClaimRow>, Vec<Vec<Wording>>) {
    let columns = index.columns;
    let mut rows: Vec<Vec<TextOrder<Wording>>> = (0..index.groups.len())
        .map(|_| vec![TextOrder::default(); columns])
        .collect();
    let mut unmatched = vec![TextOrder::default(); columns];
    let mut entities: Vec<Option<Arc<EntityRef>>> = vec![None; index.entities.len()];
    let mut entity = |number: Option<usize>| -> Option<Arc<EntityRef>> {
        let number = number?;
        let shared = entities[number].get_or_insert_with(|| {
            let id = index.entities[number];
            Arc::new(EntityRef {
                entity: id.clone(),
                name: project.entity_name(id).to_string(),
            })
        });
        Some(Arc::clone(shared))
    };
    let dated = Dated::new(index);
    for item in &index.claims {
        let links = &item.link;
        let Mention { annotation, text } = item.mention();
        let credibility = match &item.annotation.tag {
            Tag::Claim { credibility, .. } => *credibility,
            _ => None,
        };
        let wording = Wording {
            credibility,
            dates: dated.inside(item, &index.dates),
            speaker: entity(links.speaker),
            via: entity(links.via),
            annotation,
            text,
        };
        let cell = match links.group {
            Some(group) => &mut rows[group][item.column],
            None => &mut unmatched[item.column],
        };
        cell.push(item.place, wording);
    }
    let mut rows: Vec<ClaimRow> = rows
        .into_iter()
        .zip(&index.groups)
        .map(|(cells, &group)| {
            let cells = sorted(cells);
            let carries = |c: usize| cells.get(c).is_some_and(|cell| !cell.is_empty());
            let first = (0..cells.len()).find(|&c| carries(c)).unwrap_or(0);
            ClaimRow {
                group: group.clone(),
                label: project
                    .claim_groups
                    .get(group)
                    .map_or_else(|| group.to_string(), |g| g.label.clone()),
                memo: project
                    .claim_groups
                    .get(group)
                    .map(|g| g.memo.clone())
                    .unwrap_or_default(),
                missing: missing(&cells),
                reference: reference.filter(|&c| carries(c)).unwrap_or(first),
                cells,
            }
        })
        .collect();
    rows.sort_unstable_by(|a, b| a.group.cmp(&b.group));
    (rows, sorted(unmatched))
}

/// Per column, the placed dates that have a value (see [`ColumnDates`]).
struct Dated(Vec<ColumnDates>);

/// A column's dates by place: (start, end, rank) and their position in the index's dates;
/// and apart, their starts alone, which a claim's search reads (a compact list stays in
/// the cache).
struct ColumnDates {
    places: Vec<(Place, usize)>,
    starts: Vec<usize>,
}

impl Dated {
    fn new(index: &Index) -> Self {
        let mut columns = vec![Vec::new(); index.columns];
        for (i, d) in index.dates.iter().enumerate() {
            if d.link.is_some() && !d.unplaced() {
                columns[d.column].push((d.place, i));
            }
        }
        let columns = columns
            .into_iter()
            .map(|mut places: Vec<(Place, usize)>| {
                places.sort_unstable();
                let starts = places.iter().map(|((start, ..), _)| *start).collect();
                ColumnDates { places, starts }
            })
            .collect();
        Self(columns)
    }

    /// The dates whose span lies inside the claim's, in text order.
    fn inside(
        &self,
        claim: &Item<ClaimLinks>,
        dates: &[Item<Option<DateValue>>],
    ) -> Vec<ClaimDate> {
        if claim.unplaced() {
            return Vec::new();
        }
        let ColumnDates { places, starts } = &self.0[claim.column];
        let from = starts.partition_point(|&start| start < claim.start());
        places[from..]
            .iter()
            .take_while(|((start, ..), _)| *start < claim.end())
            .filter(|((_, end, _), _)| *end <= claim.end())
            .filter_map(|&(_, i)| {
                let d = &dates[i];
                let value = d.link?;
                let Mention { annotation, text } = d.mention();
                Some(ClaimDate {
                    annotation,
                    text,
                    value,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{Fixture, date};
    use super::super::{Comparison, Options};
    use super::*;
    use crate::model::SourceId;

    #[test]
    fn each_wording_stands_to_the_reference_as_same_or_other_words() {
        let mut f = Fixture::new(&["radio", "wire", "herald"]);
        f.label("g", "A gesture");
        f.claim("radio", "a gesture for peace", Some("g"), None, None);
        f.claim("wire", "a  gesture for\npeace", Some("g"), None, None);
        f.claim("herald", "a step for peace", Some("g"), None, None);
        let c = Comparison::build(&f.project());
        let row = &c.claims[0];
        let standings: Vec<&str> = row
            .cells
            .iter()
            .map(|cell| row.standing(&cell[0]))
            .collect();
        assert_eq!(standings, ["reference", "same words", "other words"]);
    }

    #[test]
    fn each_source_carries_a_claim_in_its_words_with_speaker_and_via() {
        let mut f = Fixture::new(&["radio", "wire", "herald"]);
        f.name("montalban", "Lucía Montalbán");
        f.name("saavedra", "Iñigo Saavedra");
        f.label("gesture", "A gesture for peace");
        let radio = f.claim(
            "radio",
            "a gesture that would promote peace",
            Some("gesture"),
            Some("montalban"),
            None,
        );
        f.claim(
            "herald",
            "a gesture that would favor peace",
            Some("gesture"),
            Some("montalban"),
            Some("saavedra"),
        );
        let c = Comparison::build(&f.project());
        let row = &c.claims[0];
        assert_eq!(row.group.as_str(), "gesture");
        assert_eq!(row.label, "A gesture for peace");
        assert_eq!(row.missing, [1]);
        assert_eq!(row.reference, 0);
        let r = &row.cells[0][0];
        assert_eq!(r.annotation.as_str(), radio);
        assert_eq!(r.text, "a gesture that would promote peace");
        assert_eq!(r.speaker.as_ref().unwrap().name, "Lucía Montalbán");
        assert!(r.via.is_none());
        let h = &row.cells[2][0];
        assert_eq!(h.via.as_ref().unwrap().entity.as_str(), "saavedra");
        assert_eq!(h.via.as_ref().unwrap().name, "Iñigo Saavedra");
        assert!(row.cells[1].is_empty());
    }

    #[test]
    fn claims_in_no_group_are_unmatched_per_source() {
        let mut f = Fixture::new(&["a", "b"]);
        f.claim("a", "talks will go on", Some("talks"), None, None);
        let loose = f.claim("b", "the weather was fine", None, Some("leo"), None);
        let c = Comparison::build(&f.project());
        assert!(c.unmatched_claims[0].is_empty());
        assert_eq!(c.unmatched_claims[1].len(), 1);
        let w = &c.unmatched_claims[1][0];
        assert_eq!(
            (w.annotation.as_str(), w.text.as_str()),
            (loose.as_str(), "the weather was fine")
        );
        assert_eq!(w.speaker.as_ref().unwrap().entity.as_str(), "leo");
        assert_eq!(c.claims.len(), 1);
    }

    #[test]
    fn wordings_are_diffed_against_the_reference_source() {
        let mut f = Fixture::new(&["a", "b", "c"]);
        f.claim(
            "b",
            "a gesture that would promote peace",
            Some("g"),
            None,
            None,
        );
        f.claim(
            "c",
            "a step that would promote peace",
            Some("g"),
            None,
            None,
        );
        let project = f.project();
        let c = Comparison::build(&project);
        let row = &c.claims[0];
        assert_eq!(row.reference, 1, "the first source that carries it");
        let d = row.diff(&row.cells[2][0]);
        let changed: Vec<(Change, &str)> = d
            .iter()
            .filter(|s| s.change != Change::Equal)
            .map(|s| (s.change, s.text.as_str()))
            .collect();
        assert_eq!(
            changed,
            [(Change::Deleted, "gesture"), (Change::Inserted, "step")]
        );
        let own = row.diff(&row.cells[1][0]);
        assert!(own.iter().all(|s| s.change == Change::Equal));

        let chosen = Options {
            reference: Some(SourceId::new("c").unwrap()),
        };
        let c = Comparison::build_with(&project, &chosen);
        let row = &c.claims[0];
        assert_eq!(row.reference, 2);
        assert_eq!(row.diff(&row.cells[1][0])[1].text, "step");

        let unknown = Options {
            reference: Some(SourceId::new("a").unwrap()),
        };
        assert_eq!(
            Comparison::build_with(&project, &unknown).claims[0].reference,
            1
        );
    }

    #[test]
    fn a_claims_dates_are_those_inside_its_span() {
        let mut f = Fixture::new(&["a"]);
        f.date("a", "On Sunday,", Some("2025-06-01"));
        let before = f.write("a", "Leo offered talks");
        let inner = f.write("a", "on Monday");
        let after = f.write("a", "at the monastery.");
        f.date("a", "Tuesday", Some("2025-06-03"));
        f.tag(
            "a",
            before.start..after.end,
            crate::compare::fixture::claim(Some("talks"), None, None),
        );
        let inside = f.tag("a", inner, date(Some("2025-06-02")));
        f.tag("a", after, date(None));
        let c = Comparison::build(&f.project());
        let dates = &c.claims[0].cells[0][0].dates;
        assert_eq!(dates.len(), 1, "{dates:?}");
        assert_eq!(dates[0].annotation.as_str(), inside);
        assert_eq!(dates[0].text, "on Monday");
        assert_eq!(dates[0].value.to_string(), "2025-06-02");
    }

    #[test]
    fn an_unplaced_claim_has_no_dates() {
        let mut f = Fixture::new(&["a"]);
        let span = f.write("a", "talks began on Monday");
        let claim = f.tag(
            "a",
            span.clone(),
            crate::compare::fixture::claim(Some("g"), None, None),
        );
        f.tag("a", span.end - 6..span.end, date(Some("2025-06-02")));
        let mut p = f.project();
        let id = crate::model::AnnotationId::new(claim).unwrap();
        p.annotations.get_mut(&id).unwrap().unplaced = true;
        let c = Comparison::build(&p);
        assert!(c.claims[0].cells[0][0].dates.is_empty());
    }
}
