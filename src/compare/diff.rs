//! Word-level diffs of a claim's wordings against a reference wording, as segments a view
//! can colour. The window, the reports and the command line all draw their diffs from
//! [`word_diff`].
//!
//! A wording is cut into words and marks at Unicode word boundaries: `peace,”` is a word,
//! a comma and a quotation mark, and `“until` a quotation mark and a word, so a phrase
//! that two wordings share stays shared whatever punctuation sits around it. Only words
//! and marks are compared: spacing alone is no change ("a  gesture" across a line break
//! is the same words as "a gesture"), and neither is typography alone (straight, curly
//! and angle quotation marks are one mark, and so are the en dash, the em dash and the
//! horizontal bar). The tokens are aligned by their longest common sequence (Myers).
//!
//! A change that spans several words is one deleted and one inserted segment
//! ("[-would make-]{+to take+}"), not a string of one-word changes, and a single word or
//! mark left between two long changes ("the") joins them rather than splitting them. The
//! equal and inserted segments, in order, spell the wording exactly; the equal and
//! deleted ones spell the reference, up to spacing and typography.

use std::borrow::Cow;

use similar::{Algorithm, DiffTag, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

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
    let old = tokens(reference);
    let new = tokens(wording);
    if new.is_empty() && old.is_empty() {
        // Spacing alone, or nothing.
        let mut segments = Vec::new();
        if !wording.is_empty() {
            push(&mut segments, Change::Equal, wording);
        }
        return segments;
    }
    let old_keys: Vec<&str> = old.iter().map(|t| t.key.as_ref()).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| t.key.as_ref()).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys);
    let mut runs: Vec<Run> = Vec::new();
    for op in &ops {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => runs.push(Run::Equal(n)),
            _ => match runs.last_mut() {
                Some(Run::Changed(d, i)) => {
                    *d = d.start..o.end;
                    *i = i.start..n.end;
                }
                _ => runs.push(Run::Changed(o, n)),
            },
        }
    }
    join_islands(&mut runs);
    let mut segments = Vec::new();
    let spell = |tokens: &[Token], range: &std::ops::Range<usize>| -> String {
        tokens[range.clone()].iter().map(|t| t.text).collect()
    };
    for (r, run) in runs.iter().enumerate() {
        match run {
            Run::Equal(n) => push(&mut segments, Change::Equal, &spell(&new, n)),
            Run::Changed(d, i) => {
                let deleted = spell(&old, d);
                let inserted = spell(&new, i);
                if inserted.is_empty() {
                    let words = deleted.trim_start();
                    let mut text = String::new();
                    if !segments.is_empty() && words.len() < deleted.len() {
                        text.push(' ');
                    }
                    text.push_str(words);
                    // Before the wording's first word: keep them apart.
                    if segments.is_empty()
                        && r + 1 < runs.len()
                        && words.ends_with(char::is_alphanumeric)
                    {
                        text.push(' ');
                    }
                    push(&mut segments, Change::Deleted, &text);
                } else if deleted.is_empty() {
                    push(&mut segments, Change::Inserted, &inserted);
                } else {
                    let words = inserted.trim_start();
                    let space = &inserted[..inserted.len() - words.len()];
                    if !space.is_empty() {
                        push(&mut segments, Change::Equal, space);
                    }
                    push(&mut segments, Change::Deleted, deleted.trim_start());
                    push(&mut segments, Change::Inserted, words);
                }
            }
        }
    }
    segments
}

/// Whether two wordings are the same words and marks, spacing and typography aside.
pub fn same_words(a: &str, b: &str) -> bool {
    tokens(a)
        .iter()
        .map(|t| &t.key)
        .eq(tokens(b).iter().map(|t| &t.key))
}

/// A word or mark of a wording: `key` is what is compared, `text` the token with the
/// spacing before it, as the wording has it.
struct Token<'a> {
    key: Cow<'a, str>,
    text: &'a str,
}

/// The words and marks of a text; the first token also carries any leading spacing and
/// the last any trailing spacing, so the tokens' texts spell the text.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let pieces: Vec<(usize, &str)> = text
        .split_word_bound_indices()
        .filter(|(_, piece)| !piece.trim().is_empty())
        .collect();
    let mut from = 0;
    pieces
        .iter()
        .enumerate()
        .map(|(n, &(at, piece))| {
            // Trailing spacing goes with the last token.
            let end = if n + 1 == pieces.len() {
                text.len()
            } else {
                at + piece.len()
            };
            let token = Token {
                key: key(piece),
                text: &text[from..end],
            };
            from = end;
            token
        })
        .collect()
}

/// What a token is compared by: quotation marks and long dashes of every style made one.
fn key(piece: &str) -> Cow<'_, str> {
    let mut chars = piece.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Cow::Borrowed(piece);
    };
    match c {
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '″' => Cow::Borrowed("\""),
        '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' => Cow::Borrowed("'"),
        '–' | '—' | '―' | '‒' | '−' => Cow::Borrowed("—"),
        _ => Cow::Borrowed(piece),
    }
}

/// A stretch of the alignment: tokens of the wording equal to the reference's, or a
/// change (reference tokens deleted, wording tokens inserted; either may be empty).
enum Run {
    Equal(std::ops::Range<usize>),
    Changed(std::ops::Range<usize>, std::ops::Range<usize>),
}

impl Run {
    /// How long a change is: its longer side, in tokens.
    fn size(&self) -> usize {
        match self {
            Run::Equal(_) => 0,
            Run::Changed(d, i) => d.len().max(i.len()),
        }
    }
}

/// A change this long on both sides swallows a single equal token between them.
const LONG_CHANGE: usize = 3;

/// Joins two long changes separated by a single equal token: a stray "the" or comma the
/// two wordings happen to share reads as noise inside one rewritten passage.
fn join_islands(runs: &mut Vec<Run>) {
    let mut r = 1;
    while r + 1 < runs.len() {
        if let (Run::Changed(d1, i1), Run::Equal(island), Run::Changed(d2, i2)) =
            (&runs[r - 1], &runs[r], &runs[r + 1])
            && island.len() == 1
            && runs[r - 1].size() >= LONG_CHANGE
            && runs[r + 1].size() >= LONG_CHANGE
        {
            let joined = Run::Changed(d1.start..d2.end, i1.start..i2.end);
            runs.splice(r - 1..=r + 1, [joined]);
        } else {
            r += 1;
        }
    }
}

/// Adds text to the diff, joining it to the last segment when that is the same change.
fn push(segments: &mut Vec<Segment>, change: Change, text: &str) {
    if text.is_empty() {
        return;
    }
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
            "a [-gesture-]{+step+} that would{+ help+} promote peace{+,+}"
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
            (CHANNEL, SHUT),
            ("now a gesture", "a gesture"),
            ("«a gesture» now", "  «a step» later,\r\n"),
            ("a b c d e f g", "u v w d x y z"),
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

    const CHANNEL: &str =
        "We will not reopen the channel until the divers have finished their inspection";
    const SHUT: &str = "the channel would stay shut “until the divers finish inspecting it”";

    #[test]
    fn phrases_both_wordings_share_stay_equal_whatever_the_punctuation() {
        let straight = SHUT.replace(['“', '”'], "\"");
        for wording in [SHUT, straight.as_str()] {
            let d = word_diff(CHANNEL, wording);
            let equal: Vec<&str> = d
                .iter()
                .filter(|s| s.change == Change::Equal)
                .map(|s| s.text.trim())
                .collect();
            assert_eq!(equal, ["the channel", "until the divers"], "{}", marked(&d));
        }
        assert_eq!(
            marked(&word_diff(CHANNEL, SHUT)),
            "[-We will not reopen -]the channel{+ would stay shut “+}until the divers \
             [-have finished their inspection-]{+finish inspecting it”+}"
        );
    }

    #[test]
    fn marks_are_tokens_of_their_own() {
        let d = word_diff(
            "«a humanitarian matter» — above politics.",
            "a humanitarian matter, above all politics!",
        );
        assert_eq!(
            marked(&d),
            "[-«-]a humanitarian matter[-» —-]{+,+} above{+ all+} politics[-.-]{+!+}"
        );
        let d = word_diff("Kelmar’s “shelling”", "Kelmar’s shelling");
        assert_eq!(marked(&d), "Kelmar’s[- “-] shelling[-”-]");
    }

    #[test]
    fn typography_alone_is_no_change() {
        let d = word_diff("“a gesture” — for peace", "\"a gesture\" – for peace");
        assert!(d.iter().all(|s| s.change == Change::Equal), "{d:?}");
        assert!(same_words("«a gesture»", "“a  gesture”"));
        assert!(!same_words("a gesture", "a gesture,"));
    }

    #[test]
    fn a_lone_shared_word_between_long_changes_joins_them() {
        let d = word_diff(
            "it was the second contact between the President and the Primate this year",
            "it called their first conversation since the war with Kelmar began",
        );
        assert_eq!(
            marked(&d),
            "it [-was the second contact between the President and the Primate this year-]\
             {+called their first conversation since the war with Kelmar began+}"
        );
        // A short change keeps its neighbours.
        let d = word_diff("Doravia would make a gesture", "Doravia to make a step");
        assert_eq!(
            marked(&d),
            "Doravia [-would-]{+to+} make a [-gesture-]{+step+}"
        );
    }

    #[test]
    fn a_dropped_first_word_stays_apart_from_the_next() {
        assert_eq!(
            marked(&word_diff("now a gesture", "a gesture")),
            "[-now -]a gesture"
        );
        assert_eq!(
            marked(&word_diff("a gesture now", "a gesture")),
            "a gesture[- now-]"
        );
    }
}
