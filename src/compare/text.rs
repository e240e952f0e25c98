//! The comparison as readable text tables (`parallax compare`): sources, actors x sources
//! with how each source names them, claims x sources with their wordings, speakers, vias
//! and diffs, dates, conflicts and coverage.
//!
//! In the claims table a cell marks each of the source's wordings of the claim: `ref` for
//! the wording the others are compared with, `=` for the same words, `~` for other words,
//! `-` when the source does not carry the claim. A diff writes words only the reference
//! has as `[-words-]` and words only the wording has as `{+words+}`.

use std::fmt::Write;
use std::sync::Arc;

use super::{Carried, Change, ClaimRow, Comparison, EntityRef, Mention, Segment, Wording};
use crate::model::TagKind;
use crate::wording::{count, one_line};

/// The comparison as text, ending with a line break.
pub fn render(c: &Comparison) -> String {
    let mut out = String::new();
    let title = if c.title.trim().is_empty() {
        "(untitled project)"
    } else {
        c.title.as_str()
    };
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "{}, {}, {}, {}, {}",
        count(c.sources.len(), "source"),
        count(c.actors.len(), TagKind::Actor.noun()),
        count(c.claims.len(), "claim group"),
        count(c.dates.len(), TagKind::Date.noun()),
        count(c.conflicts.len(), "conflict"),
    );
    sources(&mut out, c);
    actors(&mut out, c);
    claims(&mut out, c);
    dates(&mut out, c);
    conflicts(&mut out, c);
    coverage(&mut out, c);
    out
}

fn ids(c: &Comparison) -> Vec<String> {
    c.sources.iter().map(|s| s.id.to_string()).collect()
}

fn sources(out: &mut String, c: &Comparison) {
    let _ = writeln!(out, "\nSources");
    let mut rows = vec![row(["ID", "OUTLET", "PUBLISHED", "TITLE"])];
    for s in &c.sources {
        rows.push(vec![
            s.id.to_string(),
            or_dash(&s.outlet),
            s.published.map_or_else(|| "-".into(), |d| d.to_string()),
            or_dash(&s.title),
        ]);
    }
    table(out, &rows);
}

fn actors(out: &mut String, c: &Comparison) {
    let _ = writeln!(
        out,
        "\nActors (mentions per source; * named by only some sources)"
    );
    if c.actors.is_empty() {
        let _ = writeln!(out, "  (no actor mention is linked to an entity)");
    } else {
        let mut rows = vec![[row(["", "ENTITY", "NAME"]), ids(c)].concat()];
        for a in &c.actors {
            let mark = if a.named_by_some_only() { "*" } else { "" };
            let mut cells = vec![mark.to_string(), a.entity.to_string(), one_line(&a.name)];
            cells.extend(a.cells.iter().map(|cell| match cell.mentions.len() {
                0 => "-".to_string(),
                n => n.to_string(),
            }));
            rows.push(cells);
        }
        table(out, &rows);
        let _ = writeln!(out, "\nHow each source names them");
        for a in &c.actors {
            let _ = writeln!(out, "  {} ({})", one_line(&a.name), a.entity);
            let rows: Vec<Vec<String>> = a
                .cells
                .iter()
                .zip(&c.sources)
                .filter(|(cell, _)| !cell.mentions.is_empty())
                .map(|(cell, s)| {
                    let forms: Vec<String> = cell.forms().into_iter().map(|f| f.text).collect();
                    vec![format!("  {}", s.id), forms.join("; ")]
                })
                .collect();
            table(out, &rows);
        }
    }
    per_source(
        out,
        c,
        "Actor mentions linked to no entity",
        &c.unlinked_actors,
    );
}

fn claims(out: &mut String, c: &Comparison) {
    let _ = writeln!(
        out,
        "\nClaims (ref: the wording the others are compared with; =: the same words; \
         ~: other words; -: not carried)"
    );
    if c.claims.is_empty() {
        let _ = writeln!(out, "  (no claim is in a claim group)");
    } else {
        let mut rows = vec![[vec!["GROUP".to_string()], ids(c)].concat()];
        for claim in &c.claims {
            let mut cells = vec![claim.group.to_string()];
            cells.extend((0..claim.cells.len()).map(|col| marks(claim, col).join(" ")));
            rows.push(cells);
        }
        table(out, &rows);
        for claim in &c.claims {
            let _ = writeln!(out, "\n  {}: {}", claim.group, one_line(&claim.label));
            let mut rows = Vec::new();
            for (col, cell) in claim.cells.iter().enumerate() {
                let source = format!("  {}", c.sources[col].id);
                if cell.is_empty() {
                    rows.push(vec![source.clone(), "-".into(), "(not carried)".into()]);
                }
                for (wording, mark) in cell.iter().zip(marks(claim, col)) {
                    let diff = (mark == "~").then(|| claim.diff(wording));
                    wording_rows(&mut rows, vec![source.clone(), mark.into()], wording, diff);
                }
            }
            table(out, &rows);
        }
    }
    let _ = writeln!(out, "\nClaims in no claim group");
    let mut rows = Vec::new();
    for (col, cell) in c.unmatched_claims.iter().enumerate() {
        for wording in cell {
            let source = c.sources[col].id.to_string();
            wording_rows(&mut rows, vec![source], wording, None);
        }
    }
    if rows.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    table(out, &rows);
}

/// The marks of a cell of the claims table, one per wording.
fn marks(claim: &ClaimRow, column: usize) -> Vec<&'static str> {
    let Some(cell) = claim.cells.get(column).filter(|cell| !cell.is_empty()) else {
        return vec!["-"];
    };
    let reference = claim.reference_wording().map(|r| &r.annotation);
    cell.iter()
        .map(|w| {
            if Some(&w.annotation) == reference {
                "ref"
            } else if claim
                .reference_wording()
                .is_some_and(|r| r.text.split_whitespace().eq(w.text.split_whitespace()))
            {
                "="
            } else {
                "~"
            }
        })
        .collect()
}

/// The lines of one wording after its `lead` cells: its words, who said it and through
/// whom, its dates, its diff.
fn wording_rows(
    rows: &mut Vec<Vec<String>>,
    lead: Vec<String>,
    w: &Wording,
    diff: Option<Vec<Segment>>,
) {
    let below = |text: String| [vec![String::new(); lead.len()], vec![text]].concat();
    rows.push([lead.clone(), vec![one_line(&w.text)]].concat());
    let name = |e: &Option<Arc<EntityRef>>| e.as_ref().map_or("-".into(), |e| one_line(&e.name));
    let mut about = format!("speaker: {}; via: {}", name(&w.speaker), name(&w.via));
    if !w.dates.is_empty() {
        let dates: Vec<String> = w
            .dates
            .iter()
            .map(|d| format!("{} ({})", d.value, one_line(&d.text)))
            .collect();
        let _ = write!(about, "; dates: {}", dates.join(", "));
    }
    rows.push(below(about));
    if let Some(diff) = diff {
        rows.push(below(format!("diff: {}", marked(&diff))));
    }
}

/// A diff written inline: `[-deleted-]` and `{+inserted+}`.
fn marked(segments: &[Segment]) -> String {
    let mut text = String::new();
    for s in segments {
        let words = squeeze(&s.text);
        let _ = match s.change {
            Change::Equal => write!(text, "{words}"),
            Change::Deleted => write!(text, "[-{words}-]"),
            Change::Inserted => write!(text, "{{+{words}+}}"),
        };
    }
    text
}

/// Runs of white space made one space, at the ends too.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

fn dates(out: &mut String, c: &Comparison) {
    let _ = writeln!(out, "\nDates");
    if c.dates.is_empty() {
        let _ = writeln!(out, "  (no date has a value)");
    } else {
        let mut rows = vec![[vec!["VALUE".to_string(), "KIND".into()], ids(c)].concat()];
        for d in &c.dates {
            let mut cells = vec![d.value.to_string(), d.value.extent()];
            cells.extend(d.cells.iter().map(|cell| wordings(cell)));
            rows.push(cells);
        }
        table(out, &rows);
    }
    per_source(out, c, "Dates with no value", &c.undated);
}

fn conflicts(out: &mut String, c: &Comparison) {
    let _ = writeln!(out, "\nConflicts");
    if c.conflicts.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for conflict in &c.conflicts {
        let sources: Vec<&str> = conflict
            .columns
            .iter()
            .map(|&col| c.sources[col].id.as_str())
            .collect();
        let _ = writeln!(
            out,
            "  {} {}: {}\n    {}",
            conflict.kind.label(),
            conflict.group,
            sources.join(", "),
            one_line(&conflict.detail)
        );
    }
}

fn coverage(out: &mut String, c: &Comparison) {
    let _ = writeln!(out, "\nCoverage");
    for (cov, s) in c.coverage.iter().zip(&c.sources) {
        let _ = writeln!(out, "  {}", s.id);
        let rows = vec![
            vec!["  only here".to_string(), carried(&cov.only_here)],
            vec!["  lacks".to_string(), carried(&cov.lacking)],
        ];
        table(out, &rows);
    }
}

fn carried(c: &Carried) -> String {
    if c.is_empty() {
        return "nothing".into();
    }
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    format!(
        "{}: {}; {}: {}; {}: {}",
        TagKind::Claim.plural(),
        list(c.claims.iter().map(ToString::to_string).collect()),
        TagKind::Actor.plural(),
        list(c.actors.iter().map(ToString::to_string).collect()),
        TagKind::Date.plural(),
        list(c.dates.iter().map(ToString::to_string).collect()),
    )
}

/// A heading and, per source, its mentions; nothing when there are none.
fn per_source(out: &mut String, c: &Comparison, heading: &str, cells: &[Vec<Mention>]) {
    if cells.iter().all(Vec::is_empty) {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    let rows: Vec<Vec<String>> = cells
        .iter()
        .zip(&c.sources)
        .filter(|(cell, _)| !cell.is_empty())
        .map(|(cell, s)| vec![s.id.to_string(), wordings(cell)])
        .collect();
    table(out, &rows);
}

/// A cell's wordings, or `-` when it has none.
fn wordings(cell: &[Mention]) -> String {
    if cell.is_empty() {
        return "-".into();
    }
    let words: Vec<String> = cell.iter().map(|m| one_line(&m.text)).collect();
    words.join("; ")
}

/// Writes rows as left-aligned columns two spaces apart.
fn table(out: &mut String, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let mut line = String::from("  ");
        for (cell, width) in r.iter().zip(&widths) {
            let _ = write!(line, "{cell:<width$}  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "-".into()
    } else {
        one_line(text)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Comparison;
    use super::super::fixture::Fixture;
    use super::*;

    #[test]
    fn the_text_shows_every_part_of_the_comparison() {
        let mut f = Fixture::new(&["radio", "wire", "herald"]);
        f.name("leo", "Leo Marin");
        f.label("g", "A gesture");
        f.actor("radio", "Marin", Some("leo"));
        f.actor("radio", "the Primate", Some("leo"));
        f.claim("radio", "a gesture for peace", Some("g"), Some("leo"), None);
        f.claim("wire", "a step for peace", Some("g"), Some("ana"), None);
        f.claim(
            "herald",
            "a gesture  for peace",
            Some("g"),
            None,
            Some("leo"),
        );
        f.claim("wire", "it rained", None, None, None);
        f.date("wire", "On Sunday", Some("2025-06-01"));
        f.date("herald", "one day", None);
        let text = render(&Comparison::build(&f.project()));
        let expected = [
            "Fixture",
            "3 sources, 1 actor, 1 claim group, 1 date, 1 conflict",
            "  ID      OUTLET  PUBLISHED  TITLE",
            "  radio   -       -          RADIO",
            "     ENTITY  NAME       radio  wire  herald",
            "  *  leo     Leo Marin  2      -     -",
            "  Leo Marin (leo)",
            "    radio  Marin; the Primate",
            "  GROUP  radio  wire  herald",
            "  g      ref    ~     =",
            "  g: A gesture",
            "    radio   ref  a gesture for peace",
            "                 speaker: Leo Marin; via: -",
            "    wire    ~    a step for peace",
            "                 speaker: ana; via: -",
            "                 diff: a [-gesture-]{+step+} for peace",
            "    herald  =    a gesture for peace",
            "                 speaker: -; via: Leo Marin",
            "Claims in no claim group",
            "  wire  it rained",
            "        speaker: -; via: -",
            "  VALUE       KIND  radio  wire       herald",
            "  2025-06-01  day   -      On Sunday  -",
            "Dates with no value",
            "  herald  one day",
            "  speaker g: radio, wire",
            "    “A gesture” is attributed to different speakers: RADIO: Leo Marin; WIRE: ana",
            "  wire",
            "    only here  claims: none; actors: none; dates: 2025-06-01",
            "    lacks      claims: none; actors: leo; dates: none",
        ];
        let mut lines = text.lines();
        for line in expected {
            assert!(
                lines.any(|l| l == line),
                "no line `{line}` (in this order) in\n{text}"
            );
        }
    }

    #[test]
    fn diffs_are_written_inline() {
        let d = super::super::diff::word_diff("would make a gesture", "to take a  gesture");
        assert_eq!(marked(&d), "[-would make-]{+to take+} a gesture");
    }
}
