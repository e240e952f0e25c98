//! The JSON export: the W3C Web Annotation data model in JSON-LD.
//!
//! One `AnnotationCollection` (`urn:parallax:collection:TITLE-SLUG`) whose embedded first
//! `AnnotationPage` lists every annotation. Each annotation has an `id` (`urn:parallax:annotation:ID`), `type`
//! `Annotation`, its `created` and `modified` times, and a `target` whose `source` is the
//! source's URL when it has a web address (else `urn:parallax:source:ID`) and whose `selector`
//! lists a `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector`
//! (start and end in code points, end exclusive); an unplaced annotation has only the
//! quote. The `body` list holds the tag as a `TextualBody` with purpose `tagging`, each
//! link as a `SpecificResource` with purpose `identifying` (entity, speaker, via) or
//! `classifying` (claim group) whose `source` names the entity or group
//! (`urn:parallax:entity:ID`, `urn:parallax:claim-group:ID`) with its name as `label`,
//! the date value as a `TextualBody` with purpose `describing`, a claim's grade (`B2`:
//! its source's reliability and its credibility) as a `TextualBody` with purpose
//! `assessing`, the note as a `TextualBody` with purpose `commenting`, and the memos of
//! its source, its entity and its claim group as `TextualBody`s with purpose
//! `commenting` and the roles `source-memo`, `entity-memo` and `claim-group-memo`. Which
//! link a body is, the model cannot say: the extra context term `role` (`speaker`, `via`,
//! ...) says it.

use serde_json::{Value, json};

use super::{Named, Row, entity_memo, rows, web_url};
use crate::model::{ClaimGroupId, EntityId, Project, slug};

/// The Web Annotation context every consumer knows.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The term Parallax adds to the context: which link of an annotation a body is.
const ROLE_TERM: &str = "urn:parallax:role";

/// The project as one JSON-LD document, pretty-printed, ending with a line break.
pub fn render(project: &Project) -> String {
    let items: Vec<Value> = rows(project)
        .iter()
        .map(|row| annotation(project, row))
        .collect();
    let collection = format!(
        "urn:parallax:collection:{}",
        slug(&project.title).unwrap_or_else(|| "project".into())
    );
    let document = json!({
        "@context": [CONTEXT, { "role": ROLE_TERM }],
        "id": collection,
        "type": "AnnotationCollection",
        "label": project.title,
        "total": items.len(),
        "first": {
            "id": format!("{collection}:page-1"),
            "type": "AnnotationPage",
            "partOf": collection,
            "startIndex": 0,
            "items": items,
        },
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn annotation(project: &Project, row: &Row<'_>) -> Value {
    let a = row.annotation;
    let source = row.source.and_then(|s| web_url(&s.url)).map_or_else(
        || format!("urn:parallax:source:{}", a.source),
        str::to_string,
    );
    let quote = match row.source.filter(|_| row.is_placed()) {
        Some(s) => s.text.quote(a.span()),
        None => a.quote.clone(),
    };
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": quote.exact,
        "prefix": quote.prefix,
        "suffix": quote.suffix,
    })];
    if row.is_placed() {
        selectors.push(json!({
            "type": "TextPositionSelector",
            "start": a.start,
            "end": a.end,
        }));
    }
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "tagging",
        "value": a.kind().label(),
    })];
    let mut link = |named: Option<Named<'_>>, role: &str, purpose: &str, kind: &str| {
        if let Some(n) = named {
            body.push(json!({
                "type": "SpecificResource",
                "purpose": purpose,
                "role": role,
                "source": {
                    "id": format!("urn:parallax:{kind}:{}", n.id),
                    "label": n.name,
                },
            }));
        }
    };
    link(row.entity, "entity", "identifying", "entity");
    link(row.speaker, "speaker", "identifying", "entity");
    link(row.via, "via", "identifying", "entity");
    link(row.group, "claim-group", "classifying", "claim-group");
    if let Some(date) = &row.date {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "describing",
            "role": "date-value",
            "value": date,
        }));
    }
    if let Some(grade) = &row.grade {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "assessing",
            "role": "grade",
            "value": grade,
        }));
    }
    if !a.note.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": a.note,
            "format": "text/plain",
        }));
    }
    let entity_memo = row
        .entity
        .and_then(|e| EntityId::new(e.id).ok())
        .and_then(|e| entity_memo(project, &e));
    let group_memo = row
        .group
        .and_then(|g| ClaimGroupId::new(g.id).ok())
        .and_then(|g| project.claim_groups.get(&g))
        .map(|g| g.memo.as_str());
    let memos = [
        ("source-memo", row.source.map(|s| s.memo.as_str())),
        ("entity-memo", entity_memo),
        ("claim-group-memo", group_memo),
    ];
    for (role, memo) in memos {
        if let Some(memo) = memo.filter(|m| !m.trim().is_empty()) {
            body.push(json!({
                "type": "TextualBody",
                "purpose": "commenting",
                "role": role,
                "value": memo,
                "format": "text/plain",
            }));
        }
    }
    json!({
        "id": format!("urn:parallax:annotation:{}", a.id),
        "type": "Annotation",
        "motivation": "tagging",
        "created": a.created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "modified": a.modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "body": body,
        "target": {
            "source": source,
            "selector": selectors,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;
    use crate::model::Tag;

    fn items(project: &Project) -> Vec<Value> {
        let document: Value = serde_json::from_str(&render(project)).unwrap();
        assert_eq!(document["@context"][0], CONTEXT);
        assert_eq!(document["type"], "AnnotationCollection");
        assert_eq!(document["first"]["type"], "AnnotationPage");
        assert_eq!(document["first"]["partOf"], document["id"]);
        assert!(
            document["first"]["id"]
                .as_str()
                .unwrap()
                .starts_with("urn:parallax:")
        );
        assert_eq!(document["total"], project.annotations.len());
        document["first"]["items"].as_array().unwrap().clone()
    }

    fn bodies<'v>(item: &'v Value, role: &str) -> Vec<&'v Value> {
        item["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["role"] == role)
            .collect()
    }

    #[test]
    fn each_annotation_keeps_its_words_positions_and_links() {
        let project = fixture::hostile();
        let items = items(&project);
        assert_eq!(items.len(), project.annotations.len());
        for item in &items {
            let id = item["id"].as_str().unwrap();
            let id = id.strip_prefix("urn:parallax:annotation:").unwrap();
            let a = &project.annotations[&crate::model::AnnotationId::new(id).unwrap()];
            let selectors = item["target"]["selector"].as_array().unwrap();
            assert_eq!(selectors[0]["exact"], a.quote.exact.as_str());
            assert_eq!(selectors[0]["prefix"], a.quote.prefix.as_str());
            assert_eq!(selectors[0]["suffix"], a.quote.suffix.as_str());
            if a.unplaced {
                assert_eq!(selectors.len(), 1);
            } else {
                assert_eq!(selectors[1]["start"], a.start);
                assert_eq!(selectors[1]["end"], a.end);
            }
            assert_eq!(item["body"][0]["value"], a.kind().label());
            let linked = |role: &str| {
                bodies(item, role).first().map(|b| {
                    b["source"]["id"]
                        .as_str()
                        .unwrap()
                        .rsplit(':')
                        .next()
                        .unwrap()
                        .to_string()
                })
            };
            match &a.tag {
                Tag::Actor { entity } => {
                    assert_eq!(linked("entity"), entity.as_ref().map(ToString::to_string));
                }
                Tag::Claim {
                    speaker,
                    via,
                    group,
                    ..
                } => {
                    assert_eq!(linked("speaker"), speaker.as_ref().map(ToString::to_string));
                    assert_eq!(linked("via"), via.as_ref().map(ToString::to_string));
                    assert_eq!(
                        linked("claim-group"),
                        group.as_ref().map(ToString::to_string)
                    );
                }
                Tag::Date { value } => {
                    let written = bodies(item, "date-value")
                        .first()
                        .map(|b| b["value"].clone());
                    assert_eq!(written, value.as_ref().map(|v| Value::from(v.to_string())));
                }
            }
            let notes: Vec<&Value> = item["body"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|b| b["purpose"] == "commenting" && b.get("role").is_none())
                .collect();
            match notes.as_slice() {
                [] => assert!(a.note.is_empty()),
                [note] => assert_eq!(note["value"], a.note.as_str()),
                _ => panic!("two notes"),
            }
        }
    }

    #[test]
    fn a_source_url_names_the_target_and_otherwise_a_urn_does() {
        let project = fixture::hostile();
        let items = items(&project);
        let sources: std::collections::BTreeSet<&str> = items
            .iter()
            .map(|i| i["target"]["source"].as_str().unwrap())
            .collect();
        assert!(sources.contains("https://example.org/a?b=1&c=<2>\""));
        assert!(sources.contains("urn:parallax:source:plain"));
        assert!(
            sources.contains("urn:parallax:source:markup"),
            "not its javascript: URL"
        );
    }
}
