//! The comparison as JSON, for other tools (`parallax compare --format json`).
//!
//! Sources are named by their ids, entities and claim groups by their ids as stored in
//! the project. Maps keyed by source id list the sources in the project's order; every
//! list is in the comparison's order, so the same project always gives the same text.

use serde::{Serialize, Serializer};

use super::{Carried, ClaimRow, Comparison, Mention, Wording};

/// The comparison as pretty-printed JSON, ending with a line break.
pub fn render(c: &Comparison) -> String {
    let sources: Vec<&str> = c.sources.iter().map(|s| s.id.as_str()).collect();
    let ids = |columns: &[usize]| -> Vec<&str> { columns.iter().map(|&i| sources[i]).collect() };
    let doc = Doc {
        title: &c.title,
        sources: c
            .sources
            .iter()
            .map(|s| SourceOut {
                id: s.id.as_str(),
                name: &s.name,
                title: &s.title,
                outlet: &s.outlet,
                published: s.published.map(|d| d.to_string()),
                reliability: s.reliability.map(|r| r.letter()),
            })
            .collect(),
        actors: c
            .actors
            .iter()
            .map(|row| ActorOut {
                entity: row.entity.as_str(),
                name: &row.name,
                mentions: BySource(
                    row.cells
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| (sources[i], cell.mentions.len()))
                        .collect(),
                ),
                forms: BySource(
                    row.cells
                        .iter()
                        .enumerate()
                        .filter(|(_, cell)| !cell.mentions.is_empty())
                        .map(|(i, cell)| {
                            (
                                sources[i],
                                cell.forms().into_iter().map(|f| f.text).collect(),
                            )
                        })
                        .collect(),
                ),
                missing: ids(&row.missing),
            })
            .collect(),
        unlinked_actors: by_source(&sources, &c.unlinked_actors),
        claims: c
            .claims
            .iter()
            .map(|row| ClaimOut {
                group: row.group.as_str(),
                label: &row.label,
                reference: sources.get(row.reference).copied(),
                r#in: BySource(
                    row.cells
                        .iter()
                        .enumerate()
                        .filter(|(_, cell)| !cell.is_empty())
                        .map(|(i, cell)| {
                            (
                                sources[i],
                                cell.iter().map(|w| wording(w, Some(row))).collect(),
                            )
                        })
                        .collect(),
                ),
                missing: ids(&row.missing),
            })
            .collect(),
        unmatched_claims: BySource(
            c.unmatched_claims
                .iter()
                .enumerate()
                .filter(|(_, cell)| !cell.is_empty())
                .map(|(i, cell)| (sources[i], cell.iter().map(|w| wording(w, None)).collect()))
                .collect(),
        ),
        dates: c
            .dates
            .iter()
            .map(|row| DateOut {
                value: row.value.to_string(),
                precision: row.value.precision().to_string(),
                first_day: row.value.first_day().to_string(),
                last_day: row.value.last_day().to_string(),
                r#in: by_source(&sources, &row.cells),
            })
            .collect(),
        undated: by_source(&sources, &c.undated),
        conflicts: c
            .conflicts
            .iter()
            .map(|conflict| ConflictOut {
                kind: conflict.kind.label(),
                group: conflict.group.as_str(),
                detail: &conflict.detail,
                sources: ids(&conflict.columns),
            })
            .collect(),
        coverage: BySource(
            c.coverage
                .iter()
                .enumerate()
                .map(|(i, cov)| {
                    (
                        sources[i],
                        CoverageOut {
                            only_here: carried(&cov.only_here),
                            lacking: carried(&cov.lacking),
                        },
                    )
                })
                .collect(),
        ),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Per source, the words of its mentions; sources with none are left out.
fn by_source<'a>(sources: &[&'a str], cells: &'a [Vec<Mention>]) -> Keyed<'a, Vec<&'a str>> {
    BySource(
        cells
            .iter()
            .enumerate()
            .filter(|(_, cell)| !cell.is_empty())
            .map(|(i, cell)| (sources[i], cell.iter().map(|m| m.text.as_str()).collect()))
            .collect(),
    )
}

fn wording<'a>(w: &'a Wording, row: Option<&ClaimRow>) -> WordingOut<'a> {
    WordingOut {
        annotation: w.annotation.as_str(),
        text: &w.text,
        speaker: w.speaker.as_ref().map(|s| s.name.as_str()),
        via: w.via.as_ref().map(|s| s.name.as_str()),
        dates: w.dates.iter().map(|d| d.value.to_string()).collect(),
        credibility: w.credibility.map(|c| c.number()),
        diff: row.map(|row| {
            row.diff(w)
                .into_iter()
                .map(|s| BySource(vec![(s.change.label(), s.text)]))
                .collect()
        }),
    }
}

fn carried(c: &Carried) -> CarriedOut<'_> {
    CarriedOut {
        claims: c.claims.iter().map(|g| g.as_str()).collect(),
        actors: c.actors.iter().map(|e| e.as_str()).collect(),
        dates: c.dates.iter().map(ToString::to_string).collect(),
    }
}

/// A JSON object whose keys keep the given order (source ids in the project's order).
struct BySource<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for BySource<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

type Keyed<'a, V> = BySource<&'a str, V>;

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    sources: Vec<SourceOut<'a>>,
    actors: Vec<ActorOut<'a>>,
    unlinked_actors: Keyed<'a, Vec<&'a str>>,
    claims: Vec<ClaimOut<'a>>,
    unmatched_claims: Keyed<'a, Vec<WordingOut<'a>>>,
    dates: Vec<DateOut<'a>>,
    undated: Keyed<'a, Vec<&'a str>>,
    conflicts: Vec<ConflictOut<'a>>,
    coverage: Keyed<'a, CoverageOut<'a>>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    name: &'a str,
    title: &'a str,
    outlet: &'a str,
    published: Option<String>,
    reliability: Option<&'static str>,
}

#[derive(Serialize)]
struct ActorOut<'a> {
    entity: &'a str,
    name: &'a str,
    mentions: Keyed<'a, usize>,
    forms: Keyed<'a, Vec<String>>,
    missing: Vec<&'a str>,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    group: &'a str,
    label: &'a str,
    reference: Option<&'a str>,
    r#in: Keyed<'a, Vec<WordingOut<'a>>>,
    missing: Vec<&'a str>,
}

#[derive(Serialize)]
struct WordingOut<'a> {
    annotation: &'a str,
    text: &'a str,
    speaker: Option<&'a str>,
    via: Option<&'a str>,
    dates: Vec<String>,
    credibility: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<Vec<BySource<&'static str, String>>>,
}

#[derive(Serialize)]
struct DateOut<'a> {
    value: String,
    precision: String,
    first_day: String,
    last_day: String,
    r#in: Keyed<'a, Vec<&'a str>>,
}

#[derive(Serialize)]
struct ConflictOut<'a> {
    kind: &'a str,
    group: &'a str,
    detail: &'a str,
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct CoverageOut<'a> {
    only_here: CarriedOut<'a>,
    lacking: CarriedOut<'a>,
}

#[derive(Serialize)]
struct CarriedOut<'a> {
    claims: Vec<&'a str>,
    actors: Vec<&'a str>,
    dates: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::super::Comparison;
    use super::super::fixture::Fixture;
    use super::*;

    #[test]
    fn the_json_has_the_documented_shape_in_source_order() {
        let mut f = Fixture::new(&["wire", "radio"]);
        f.name("leo", "Leo Marin");
        f.label("g", "A gesture");
        f.actor("wire", "Marin", Some("leo"));
        f.claim("radio", "a gesture for peace", Some("g"), Some("leo"), None);
        f.claim("wire", "a step for peace", Some("g"), None, Some("leo"));
        f.date("radio", "On Sunday", Some("2025-06-01"));
        let text = render(&Comparison::build(&f.project()));
        assert!(text.ends_with("}\n"));
        let wire_first = text.find("\"wire\": [").unwrap() < text.find("\"radio\": [").unwrap();
        assert!(wire_first, "maps keep the project's source order");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["sources"][1]["id"], "radio");
        assert_eq!(v["sources"][1]["published"], serde_json::Value::Null);
        let actor = &v["actors"][0];
        assert_eq!(actor["entity"], "leo");
        assert_eq!(actor["name"], "Leo Marin");
        assert_eq!(actor["mentions"]["wire"], 1);
        assert_eq!(actor["mentions"]["radio"], 0);
        assert_eq!(actor["forms"]["wire"][0], "Marin");
        assert!(actor["forms"].get("radio").is_none());
        assert_eq!(actor["missing"][0], "radio");
        let claim = &v["claims"][0];
        assert_eq!(
            (claim["group"].as_str(), claim["label"].as_str()),
            (Some("g"), Some("A gesture"))
        );
        assert_eq!(claim["reference"], "wire");
        assert_eq!(claim["in"]["radio"][0]["text"], "a gesture for peace");
        assert_eq!(claim["in"]["radio"][0]["speaker"], "Leo Marin");
        assert_eq!(claim["in"]["radio"][0]["via"], serde_json::Value::Null);
        assert_eq!(claim["in"]["wire"][0]["via"], "Leo Marin");
        assert_eq!(claim["in"]["radio"][0]["diff"][1]["deleted"], "step");
        assert_eq!(claim["in"]["radio"][0]["diff"][2]["inserted"], "gesture");
        assert_eq!(claim["missing"], serde_json::json!([]));
        let date = &v["dates"][0];
        assert_eq!(date["value"], "2025-06-01");
        assert_eq!(date["precision"], "day");
        assert_eq!(date["in"]["radio"][0], "On Sunday");
        assert_eq!(v["conflicts"], serde_json::json!([]));
        assert_eq!(
            v["coverage"]["radio"]["only_here"]["dates"][0],
            "2025-06-01"
        );
        assert_eq!(v["coverage"]["radio"]["lacking"]["actors"][0], "leo");
    }
}
