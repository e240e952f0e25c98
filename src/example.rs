//! The bundled example project: three invented reports of one invented phone call, fully
//! annotated. It is built into the binary so `parallax` with no argument opens it from
//! anywhere; its files are `examples/phone-call.ron` and `examples/phone-call/`.

use std::path::Path;

use crate::store;

/// The example's project file, as written by `parallax` itself.
pub const PROJECT_RON: &str = include_str!("../examples/phone-call.ron");

/// Where the example lives in the repository; error messages and titles name it.
pub const PROJECT_PATH: &str = "examples/phone-call.ron";

/// The example project, loaded.
pub fn example() -> store::Loaded {
    store::from_ron(PROJECT_RON, Path::new(PROJECT_PATH))
        .expect("the bundled example is a sound project (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    use crate::model::{ClaimGroupId, EntityId, Tag, TagKind};

    #[test]
    fn the_example_loads_without_notes_and_is_sound() {
        let loaded = example();
        let notes: Vec<String> = loaded.notes.iter().map(ToString::to_string).collect();
        assert!(notes.is_empty(), "{notes:#?}");
        let mut project = loaded.project;
        assert!(store::check(&mut project).is_sound());
    }

    #[test]
    fn every_source_has_every_tag() {
        let project = example().project;
        assert_eq!(project.sources.len(), 3);
        for source in &project.sources {
            assert!(source.published.is_some(), "{}", source.id);
            assert!(!source.outlet.is_empty(), "{}", source.id);
            let kinds: Vec<TagKind> = project
                .annotations_in(&source.id)
                .iter()
                .map(|a| a.kind())
                .collect();
            for kind in TagKind::ALL {
                assert!(kinds.contains(&kind), "{} has no {kind:?}", source.id);
            }
        }
    }

    #[test]
    fn every_annotation_is_linked() {
        let project = example().project;
        for a in project.annotations.values() {
            match &a.tag {
                Tag::Actor { entity } => assert!(entity.is_some(), "{}", a.quote.exact),
                Tag::Claim { speaker, .. } => assert!(speaker.is_some(), "{}", a.quote.exact),
                Tag::Date { value } => assert!(value.is_some(), "{}", a.quote.exact),
            }
        }
    }

    #[test]
    fn the_sources_differ_as_reports_do() {
        let project = example().project;
        let sources_of = |pick: &dyn Fn(&Tag) -> bool| -> BTreeSet<&str> {
            project
                .annotations
                .values()
                .filter(|a| pick(&a.tag))
                .map(|a| a.source.as_str())
                .collect()
        };
        // One claim in three wordings, carried by all three sources.
        let gesture = ClaimGroupId::new("gesture").unwrap();
        let in_gesture = |t: &Tag| matches!(t, Tag::Claim { group: Some(g), .. } if *g == gesture);
        assert_eq!(sources_of(&in_gesture).len(), 3);
        let wordings: BTreeSet<&str> = project
            .annotations
            .values()
            .filter(|a| in_gesture(&a.tag))
            .map(|a| a.quote.exact.as_str())
            .collect();
        assert_eq!(wordings.len(), 3);
        // An actor only one source names.
        let kalman = EntityId::new("kalman").unwrap();
        let names_kalman = |t: &Tag| matches!(t, Tag::Actor { entity: Some(e) } if *e == kalman);
        assert_eq!(sources_of(&names_kalman).len(), 1);
        // Relative dates resolved against each report's publication day.
        let value_of = |source: &str, words: &str| {
            project
                .annotations
                .values()
                .find(|a| a.source.as_str() == source && a.quote.exact == words)
                .and_then(|a| match &a.tag {
                    Tag::Date { value } => value.map(|v| v.to_string()),
                    _ => None,
                })
        };
        assert_eq!(
            value_of("doravia-radio", "Wednesday (June 4)").as_deref(),
            Some("2025-06-04")
        );
        assert_eq!(
            value_of("meridian-wire", "On Sunday").as_deref(),
            Some("2025-06-01")
        );
        assert_eq!(
            value_of("aurelian-herald", "yesterday afternoon").as_deref(),
            Some("2025-06-04")
        );
        assert_eq!(
            value_of("aurelian-herald", "12 February").as_deref(),
            Some("2025-02-12")
        );
    }
}
