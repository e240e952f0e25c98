//! Word-level diffs of a claim's wordings against a reference wording, as segments a view
//! can colour.
//!
//! Words are split at Unicode word boundaries (so `peace,”` is a word, a comma and a
//! quote mark) and diffed with `similar`. A change that spans several words separated by
//! spaces is one deleted and one inserted segment ("[-would make-]{+to take+}"), not a
//! string of one-word changes. Spacing alone is no change: "a  gesture" across a line
//! break is the same words as "a gesture". The equal and inserted segments, in order,
//! spell the wording; the equal and deleted ones spell the reference, up to spacing.

use similar::{ChangeTag, TextDiff};

/// How a piece of a wording relates to the reference wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// In both.
    Equal,
    /// In the reference only.
    Deleted,
    /// In this wording only.
    Inserted,
}

impl Change {
    pub fn label(self) -> &'static str {
        match self {
            Change::Equal => "equal",
            Change::Deleted => "deleted",
            Change::Inserted => "inserted",
        }
    }
}

/// A piece of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub change: Change,
    pub text: String,
}

/// The word-level diff of `wording` against `reference`.
pub fn word_diff(reference: &str, wording: &str) -> Vec<Segment> {
    let diff = TextDiff::configure().diff_unicode_words(reference, wording);
    let changes: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let mut segments = Vec::new();
    let mut deleted = String::new();
    let mut inserted = String::new();
    for (i, &(tag, text)) in changes.iter().enumerate() {
        match tag {
            ChangeTag::Delete => deleted.push_str(text),
            ChangeTag::Insert => inserted.push_str(text),
            ChangeTag::Equal => {
                let in_change = !deleted.is_empty() || !inserted.is_empty();
                let change_follows = changes
                    .get(i + 1)
                    .is_some_and(|(next, _)| *next != ChangeTag::Equal);
                if in_change && change_follows && text.trim().is_empty() {
                    // A space between two changes joins them.
                    deleted.push_str(text);
                    inserted.push_str(text);
                } else {
                    flush(&mut segments, &mut deleted, &mut inserted);
                    push(&mut segments, Change::Equal, text);
                }
            }
        }
    }
    flush(&mut segments, &mut deleted, &mut inserted);
    segments
}

/// Ends a change: its deleted words, then its inserted words; a change of spacing alone
/// is kept as equal, in the wording's spacing.
fn flush(segments: &mut Vec<Segment>, deleted: &mut String, inserted: &mut String) {
    if deleted.trim().is_empty() && inserted.trim().is_empty() {
        if !inserted.is_empty() {
            push(segments, Change::Equal, inserted);
        }
    } else {
        if !deleted.is_empty() {
            push(segments, Change::Deleted, deleted);
        }
        if !inserted.is_empty() {
            push(segments, Change::Inserted, inserted);
        }
    }
    deleted.clear();
    inserted.clear();
}

/// Adds text to the diff, joining it to the last segment when that is the same change.
fn push(segments: &mut Vec<Segment>, change: Change, text: &str) {
    match segments.last_mut() {
        Some(last) if last.change == change => last.text.push_str(text),
        _ => segments.push(Segment {
            change,
            text: text.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(segments: &[Segment], skip: Change) -> String {
        segments
            .iter()
            .filter(|s| s.change != skip)
            .map(|s| s.text.as_str())
            .collect()
    }

    fn marked(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s.change {
                Change::Equal => s.text.clone(),
                Change::Deleted => format!("[-{}-]", s.text),
                Change::Inserted => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn changed_words_are_deleted_and_inserted() {
        let d = word_diff(
            "a gesture that would promote peace",
            "a step that would help promote peace,",
        );
        assert_eq!(
            marked(&d),
            "a [-gesture-]{+step+} that would {+help +}promote peace{+,+}"
        );
    }

    #[test]
    fn neighbouring_changes_are_one_change() {
        let d = word_diff("Doravia would make a gesture", "Doravia to take a gesture");
        assert_eq!(marked(&d), "Doravia [-would make-]{+to take+} a gesture");
        assert_eq!(d.len(), 4);
    }

    #[test]
    fn spacing_alone_is_no_change() {
        let d = word_diff("a gesture for peace", "a  gesture\nfor peace");
        assert!(d.iter().all(|s| s.change == Change::Equal), "{d:?}");
        assert_eq!(spelled(&d, Change::Deleted), "a  gesture\nfor peace");
    }

    #[test]
    fn equal_wordings_are_one_equal_segment() {
        let d = word_diff("a gesture for peace", "a gesture for peace");
        assert_eq!(
            d,
            [Segment {
                change: Change::Equal,
                text: "a gesture for peace".into()
            }]
        );
        assert!(word_diff("", "").is_empty());
    }

    #[test]
    fn the_segments_spell_both_wordings() {
        let pairs = [
            (
                "Kelmar must stop shelling",
                "Kelmar must stop the shelling now",
            ),
            (
                "“a humanitarian matter”",
                "a humanitarian matter above politics.",
            ),
            ("", "all new"),
            ("all gone", ""),
            ("Ειρήνη τώρα", "Ειρήνη  αύριο\nτώρα"),
        ];
        let unspaced = |s: &str| s.split_whitespace().collect::<String>();
        for (reference, wording) in pairs {
            let d = word_diff(reference, wording);
            assert_eq!(
                unspaced(&spelled(&d, Change::Inserted)),
                unspaced(reference)
            );
            assert_eq!(spelled(&d, Change::Deleted), wording);
        }
    }
}
