//! Suggestions as JSON for the command line and other tools: one object per suggestion,
//! `{"source", "start", "end", "text", "tag", "value", "precision", "reason", "entity",
//! "speaker", "via", "group"}`, positions in code points, fields that do not apply left
//! out. An entity, speaker or via is the id of an existing entity or the name of a new one.

use serde_json::{Map, Value, json};

use super::{EntityChoice, Proposal, Suggestion};

/// The suggestions as a JSON list.
pub fn to_json(suggestions: &[Suggestion]) -> Value {
    Value::Array(suggestions.iter().map(one).collect())
}

fn one(s: &Suggestion) -> Value {
    let mut m = Map::new();
    m.insert("source".into(), json!(s.source.as_str()));
    m.insert("start".into(), json!(s.start));
    m.insert("end".into(), json!(s.end));
    m.insert("text".into(), json!(s.text));
    m.insert("tag".into(), json!(s.kind().label()));
    match &s.proposal {
        Proposal::Date {
            value,
            why_no_value,
        } => {
            if let Some(v) = value {
                m.insert("value".into(), json!(v.to_string()));
                m.insert("precision".into(), json!(v.precision().to_string()));
            }
            if let Some(why) = why_no_value {
                m.insert("reason".into(), json!(why));
            }
        }
        Proposal::Actor { entity } => {
            m.insert("entity".into(), choice(entity));
        }
        Proposal::Claim {
            speaker,
            via,
            group,
        } => {
            if let Some(speaker) = speaker {
                m.insert("speaker".into(), choice(speaker));
            }
            if let Some(via) = via {
                m.insert("via".into(), choice(via));
            }
            if let Some(group) = group {
                m.insert("group".into(), json!(group.as_str()));
            }
        }
    }
    Value::Object(m)
}

fn choice(c: &EntityChoice) -> Value {
    match c {
        EntityChoice::Existing(id) => json!(id.as_str()),
        EntityChoice::New { name, .. } => json!(name),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::{EntityId, EntityKind, SourceId};
    use crate::suggest::{EntityChoice, NO_PUBLICATION, Proposal, Suggestion, to_json};

    fn suggestion(start: usize, text: &str, proposal: Proposal) -> Suggestion {
        Suggestion {
            source: SourceId::new("wire").unwrap(),
            start,
            end: start + text.chars().count(),
            text: text.into(),
            proposal,
        }
    }

    #[test]
    fn fields_that_do_not_apply_are_left_out() {
        let list = [
            suggestion(
                0,
                "late May",
                Proposal::Date {
                    value: "2025-05-21/2025-05-31".parse().ok(),
                    why_no_value: None,
                },
            ),
            suggestion(
                9,
                "Sunday",
                Proposal::Date {
                    value: None,
                    why_no_value: Some(NO_PUBLICATION.into()),
                },
            ),
            suggestion(
                20,
                "Putin",
                Proposal::Actor {
                    entity: EntityChoice::Existing(EntityId::new("putin").unwrap()),
                },
            ),
            suggestion(
                30,
                "talks were frank",
                Proposal::Claim {
                    speaker: Some(EntityChoice::New {
                        name: "Dmitry Peskov".into(),
                        kind: EntityKind::Person,
                    }),
                    via: None,
                    group: None,
                },
            ),
        ];
        assert_eq!(
            to_json(&list),
            json!([
                {"source": "wire", "start": 0, "end": 8, "text": "late May", "tag": "Date",
                 "value": "2025-05-21/2025-05-31", "precision": "day"},
                {"source": "wire", "start": 9, "end": 15, "text": "Sunday", "tag": "Date",
                 "reason": NO_PUBLICATION},
                {"source": "wire", "start": 20, "end": 25, "text": "Putin", "tag": "Actor",
                 "entity": "putin"},
                {"source": "wire", "start": 30, "end": 46, "text": "talks were frank",
                 "tag": "Claim", "speaker": "Dmitry Peskov"},
            ])
        );
    }
}
