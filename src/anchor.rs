//! Text positions: code-point spans, the conversion to byte offsets, quotes with context,
//! and re-anchoring an annotation whose span no longer matches its quote.
//!
//! Every position in Parallax is a Unicode code point (`char`) index, end exclusive, as
//! in brat and the W3C Web Annotation model. Byte offsets exist only at the edge, through
//! [`SourceText::byte_of`].

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use unicode_segmentation::GraphemeCursor;

/// How many characters of context a quote keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// Distance in characters between two checkpoints of the char-to-byte index.
const CHECKPOINT_EVERY: usize = 64;

/// A source's text, immutable once imported, with an index from code points to bytes.
///
/// Cloning is cheap (the text is shared), so commands can carry whole sources.
#[derive(Clone)]
pub struct SourceText(Arc<Inner>);

struct Inner {
    text: String,
    char_len: usize,
    /// Byte offset of every `CHECKPOINT_EVERY`-th character; empty when the text is ASCII.
    checkpoints: Vec<usize>,
}

impl SourceText {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let (char_len, checkpoints) = if text.is_ascii() {
            (text.len(), Vec::new())
        } else {
            let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_EVERY + 1);
            let mut n = 0;
            for (byte, _) in text.char_indices() {
                if n % CHECKPOINT_EVERY == 0 {
                    checkpoints.push(byte);
                }
                n += 1;
            }
            (n, checkpoints)
        };
        Self(Arc::new(Inner {
            text,
            char_len,
            checkpoints,
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.0.char_len
    }

    /// The byte offset of a code-point position; positions past the end map to the end.
    pub fn byte_of(&self, char_pos: usize) -> usize {
        let inner = &*self.0;
        if char_pos >= inner.char_len {
            return inner.text.len();
        }
        if inner.checkpoints.is_empty() {
            return char_pos;
        }
        let base = inner.checkpoints[char_pos / CHECKPOINT_EVERY];
        let rest = char_pos % CHECKPOINT_EVERY;
        match inner.text[base..].char_indices().nth(rest) {
            Some((b, _)) => base + b,
            None => inner.text.len(),
        }
    }

    /// The code-point position of a byte offset (rounded down to a character start).
    pub fn char_of(&self, byte: usize) -> usize {
        let inner = &*self.0;
        let byte = byte.min(inner.text.len());
        if inner.checkpoints.is_empty() {
            return byte;
        }
        let k = inner.checkpoints.partition_point(|&b| b <= byte) - 1;
        let base = inner.checkpoints[k];
        k * CHECKPOINT_EVERY + inner.text[base..byte].chars().count()
    }

    /// The text of a code-point range, clamped to the text.
    pub fn slice(&self, span: Range<usize>) -> &str {
        let start = self.byte_of(span.start);
        let end = self.byte_of(span.end.max(span.start));
        &self.0.text[start..end]
    }

    /// Whether a code-point position lies between two grapheme clusters.
    pub fn is_grapheme_boundary(&self, char_pos: usize) -> bool {
        if char_pos == 0 || char_pos >= self.char_len() {
            return char_pos <= self.char_len();
        }
        let text = self.as_str();
        let byte = self.byte_of(char_pos);
        let mut cursor = GraphemeCursor::new(byte, text.len(), true);
        // Give the cursor enough context before the position for long clusters (ZWJ emoji).
        let from = text[..byte]
            .char_indices()
            .rev()
            .nth(32)
            .map_or(0, |(b, _)| b);
        loop {
            match cursor.is_boundary(&text[from..], from) {
                Ok(answer) => return answer,
                Err(unicode_segmentation::GraphemeIncomplete::PreContext(_)) => {
                    cursor.provide_context(&text[..from], 0);
                }
                Err(_) => return true,
            }
        }
    }

    /// Checks a span: in range, not reversed, not empty, not splitting a grapheme.
    pub fn check_span(&self, span: &Range<usize>) -> Result<(), SpanProblem> {
        if span.start >= span.end {
            return Err(SpanProblem::Empty);
        }
        if span.end > self.char_len() {
            return Err(SpanProblem::OutOfRange {
                len: self.char_len(),
            });
        }
        if !self.is_grapheme_boundary(span.start) || !self.is_grapheme_boundary(span.end) {
            return Err(SpanProblem::SplitsCharacter);
        }
        Ok(())
    }

    /// The quote of a span: its exact text with up to [`CONTEXT_CHARS`] on each side.
    pub fn quote(&self, span: Range<usize>) -> Quote {
        let before = span.start.saturating_sub(CONTEXT_CHARS);
        let after = (span.end + CONTEXT_CHARS).min(self.char_len());
        Quote {
            exact: self.slice(span.clone()).to_string(),
            prefix: self.slice(before..span.start).to_string(),
            suffix: self.slice(span.end..after).to_string(),
        }
    }

    /// Finds where a quote belongs in this text; see [`Anchoring`].
    pub fn reanchor(&self, old: Range<usize>, quote: &Quote) -> Anchoring {
        if quote.exact.is_empty() {
            return Anchoring::Lost;
        }
        if old.end <= self.char_len()
            && old.start < old.end
            && self.slice(old.clone()) == quote.exact
        {
            return Anchoring::Kept;
        }
        let text = self.as_str();
        let exact_len = quote.exact.chars().count();
        let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
        let mut ties = 0;
        for (byte, _) in text.match_indices(quote.exact.as_str()) {
            let start = self.char_of(byte);
            let end = start + exact_len;
            if self.check_span(&(start..end)).is_err() {
                continue;
            }
            let before = &text[..byte];
            let after = &text[byte + quote.exact.len()..];
            let score = common_suffix_chars(before, &quote.prefix)
                + common_prefix_chars(after, &quote.suffix);
            let distance = start.abs_diff(old.start);
            match best {
                Some((s, d, _)) if score < s || (score == s && distance > d) => {}
                Some((s, d, _)) if score == s && distance == d => ties += 1,
                _ => {
                    best = Some((score, distance, start));
                    ties = 0;
                }
            }
        }
        match best {
            Some((score, _, start)) if ties == 0 => {
                let context = quote.prefix.chars().count() + quote.suffix.chars().count();
                // With context to compare, at least some of it must agree.
                if context > 0 && score == 0 && exact_len < 8 {
                    Anchoring::Lost
                } else {
                    Anchoring::Moved(start..start + exact_len)
                }
            }
            _ => Anchoring::Lost,
        }
    }
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

impl PartialEq for SourceText {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}
impl Eq for SourceText {}

impl std::fmt::Debug for SourceText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for SourceText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SourceText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SourceText::new)
    }
}

/// Why a span cannot stand in a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanProblem {
    #[error("the span is empty or reversed")]
    Empty,
    #[error("the span ends past the end of the text ({len} characters)")]
    OutOfRange { len: usize },
    #[error("the span splits a character (a grapheme cluster)")]
    SplitsCharacter,
}

/// The words an annotation covers, with context on both sides, so it can be found again
/// when its source is re-imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Quote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// Where an annotation belongs after its text was checked against its quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchoring {
    /// The span still covers the quoted words.
    Kept,
    /// The quoted words were found elsewhere, at this span.
    Moved(Range<usize>),
    /// The quoted words could not be placed with confidence.
    Lost,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_and_unicode_positions_agree_with_chars() {
        for text in [
            "plain ascii",
            "héllo 🌍 wörld",
            "👩‍👩‍👧 family, e\u{301}t\u{e9}",
            "",
        ] {
            let st = SourceText::new(text);
            assert_eq!(st.char_len(), text.chars().count());
            for (i, (b, _)) in text.char_indices().enumerate() {
                assert_eq!(st.byte_of(i), b);
                assert_eq!(st.char_of(b), i);
            }
            assert_eq!(st.byte_of(st.char_len()), text.len());
        }
    }

    #[test]
    fn long_texts_use_checkpoints() {
        let text: String = "ab🌍é\n".repeat(1000);
        let st = SourceText::new(text.clone());
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for i in (0..chars.len()).step_by(37) {
            assert_eq!(st.byte_of(i), chars[i].0);
            assert_eq!(st.char_of(chars[i].0), i);
        }
        assert_eq!(st.slice(2..4), "🌍é");
    }

    #[test]
    fn spans_may_not_split_graphemes() {
        let st = SourceText::new("e\u{301}x 👩‍👩‍👧 y");
        assert_eq!(st.check_span(&(0..2)), Ok(()));
        assert_eq!(st.check_span(&(0..1)), Err(SpanProblem::SplitsCharacter));
        // The family emoji is 5 code points starting at 4.
        assert_eq!(st.check_span(&(4..9)), Ok(()));
        assert_eq!(st.check_span(&(4..6)), Err(SpanProblem::SplitsCharacter));
        assert_eq!(st.check_span(&(3..3)), Err(SpanProblem::Empty));
        assert_eq!(
            st.check_span(&(0..99)),
            Err(SpanProblem::OutOfRange { len: 11 })
        );
        let crlf = SourceText::new("a\r\nb");
        assert!(!crlf.is_grapheme_boundary(2));
    }

    #[test]
    fn quotes_carry_context() {
        let st = SourceText::new("The Pope spoke to Putin on Wednesday.");
        let q = st.quote(18..23);
        assert_eq!(q.exact, "Putin");
        assert_eq!(q.prefix, "The Pope spoke to ");
        assert_eq!(q.suffix, " on Wednesday.");
        let long = SourceText::new("x".repeat(100));
        let q = long.quote(50..51);
        assert_eq!(q.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(q.suffix.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn reanchoring_follows_the_words() {
        let old = SourceText::new("Leo spoke with Putin. Putin thanked him.");
        let q = old.quote(22..27); // the second "Putin"
        let same = old.reanchor(22..27, &q);
        assert_eq!(same, Anchoring::Kept);
        let revised = SourceText::new("UPDATE: Leo XIV spoke with Putin. Putin thanked him.");
        assert_eq!(revised.reanchor(22..27, &q), Anchoring::Moved(34..39));
        let gone = SourceText::new("Leo spoke with the Russian leader.");
        assert_eq!(gone.reanchor(22..27, &q), Anchoring::Lost);
    }

    #[test]
    fn ambiguous_quotes_are_lost_not_guessed() {
        let q = Quote {
            exact: "peace".into(),
            prefix: String::new(),
            suffix: String::new(),
        };
        let st = SourceText::new("peace and peace");
        // Equal distance from position 5 to both occurrences: neither is chosen.
        assert_eq!(st.reanchor(5..10, &q), Anchoring::Lost);
    }

    proptest! {
        #[test]
        fn byte_and_char_positions_round_trip(text in "\\PC{0,300}") {
            let st = SourceText::new(text.clone());
            for (i, (b, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(st.byte_of(i), b);
                prop_assert_eq!(st.char_of(b), i);
            }
        }
    }
}
