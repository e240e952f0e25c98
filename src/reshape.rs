//! Shaping a span: a selection snapped to whole words, the word around a position, and an
//! annotation's edges moved by a character or a word. Every position this module gives
//! lies between two grapheme clusters, so a span shaped here never splits a character.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::anchor::SourceText;

/// How far around a position words are looked for (words are never this long).
const WINDOW: usize = 256;

/// Which edge of a span moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// How far an edge moves: one character (a grapheme cluster) or one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Character,
    Word,
}

/// The word segments (Unicode word boundaries, UAX #29) of the text around `pos`, as
/// code-point ranges in text order. The window starts and ends at whitespace, where a
/// segmentation begun mid-text cannot go wrong.
fn segments_around(text: &SourceText, pos: usize) -> Vec<Range<usize>> {
    let len = text.char_len();
    let s = text.as_str();
    let mut from = pos.saturating_sub(WINDOW);
    while from > 0 && !s[text.byte_of(from - 1)..].starts_with(char::is_whitespace) {
        from -= 1;
    }
    let mut to = (pos + WINDOW).min(len);
    while to < len && !s[text.byte_of(to)..].starts_with(char::is_whitespace) {
        to += 1;
    }
    let base = text.byte_of(from);
    let window = &s[base..text.byte_of(to)];
    let mut at = from;
    window
        .split_word_bounds()
        .map(|w| {
            let n = w.chars().count();
            at += n;
            at - n..at
        })
        .collect()
}

/// Whether a segment is a word (it holds a letter or a digit), not space or punctuation.
fn is_word(text: &SourceText, segment: &Range<usize>) -> bool {
    text.slice(segment.clone())
        .chars()
        .any(char::is_alphanumeric)
}

/// The word (or the single segment: a space, a mark) around a character position;
/// empty at or past the end of the text.
pub fn word_at(text: &SourceText, pos: usize) -> Range<usize> {
    segments_around(text, pos)
        .into_iter()
        .find(|w| w.contains(&pos))
        .unwrap_or(pos..pos)
}

/// A selection widened to whole words: an end inside a word moves out to the word's
/// edge; an end between words, or beside punctuation, stays.
pub fn snap_to_words(text: &SourceText, selected: Range<usize>) -> Range<usize> {
    let inside = |pos: usize| {
        segments_around(text, pos)
            .into_iter()
            .find(|w| w.start < pos && pos < w.end && is_word(text, w))
    };
    let start = inside(selected.start).map_or(selected.start, |w| w.start);
    let end = inside(selected.end).map_or(selected.end, |w| w.end);
    start..end.max(start)
}

/// `span` with one edge moved a character or a word forward or back, or `None` when it
/// cannot move (the text's end, or a span that would be empty). A moved edge never rests
/// on whitespace: a character step over a space takes the next character too.
pub fn move_edge(
    text: &SourceText,
    span: Range<usize>,
    edge: Edge,
    step: Step,
    forward: bool,
) -> Option<Range<usize>> {
    let at = match edge {
        Edge::Start => span.start,
        Edge::End => span.end,
    };
    let moved = match step {
        Step::Character => character_step(text, at, edge, forward)?,
        Step::Word => word_step(text, at, edge, forward)?,
    };
    let shaped = match edge {
        Edge::Start => moved..span.end,
        Edge::End => span.start..moved,
    };
    (shaped.start < shaped.end && shaped != span).then_some(shaped)
}

/// The next grapheme boundary from `at`, past any whitespace that would lie at the edge.
fn character_step(text: &SourceText, at: usize, edge: Edge, forward: bool) -> Option<usize> {
    let len = text.char_len();
    let one = |pos: usize| -> Option<usize> {
        let mut p = pos;
        loop {
            if forward {
                if p >= len {
                    return None;
                }
                p += 1;
            } else {
                p = p.checked_sub(1)?;
            }
            if text.is_grapheme_boundary(p) {
                return Some(p);
            }
        }
    };
    // The character that would sit just inside the edge after the move.
    let inner = |pos: usize| match edge {
        Edge::Start => text.slice(pos..pos + 1),
        Edge::End => text.slice(pos.saturating_sub(1)..pos),
    };
    let mut pos = one(at)?;
    while inner(pos).starts_with(char::is_whitespace) {
        pos = one(pos)?;
    }
    Some(pos)
}

/// The next word edge from `at`: the end moves to the end of a word, the start to the
/// start of one.
fn word_step(text: &SourceText, at: usize, edge: Edge, forward: bool) -> Option<usize> {
    let words: Vec<Range<usize>> = segments_around(text, at)
        .into_iter()
        .filter(|w| is_word(text, w))
        .collect();
    let edges = words.iter().map(|w| match edge {
        Edge::Start => w.start,
        Edge::End => w.end,
    });
    if forward {
        edges.filter(|&e| e > at).min()
    } else {
        edges.filter(|&e| e < at).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(text: &SourceText, span: Range<usize>) -> &str {
        text.slice(span)
    }

    /// Where `words` first stand in `text`, in characters.
    fn at(text: &SourceText, words: &str) -> usize {
        text.char_of(text.as_str().find(words).unwrap())
    }

    #[test]
    fn words_are_found_around_a_position() {
        let text = SourceText::new("Pope Leo spoke to Путин.");
        assert_eq!(word_at(&text, 6), 5..8);
        assert_eq!(text.slice(word_at(&text, 19)), "Путин");
        assert_eq!(word_at(&text, 99), 99..99);
    }

    #[test]
    fn a_selection_ending_mid_word_takes_the_whole_word() {
        let text = SourceText::new("DORAVIAN STATE RADIO — NEWS desk. Captain Vosk said.");
        let news = at(&text, "NEWS");
        let cut = snap_to_words(&text, 0..news + 1);
        assert_eq!(shaped(&text, cut), "DORAVIAN STATE RADIO — NEWS");
        let vosk = at(&text, "Vosk");
        let cut = snap_to_words(&text, vosk - 5..vosk + 2);
        assert_eq!(shaped(&text, cut), "Captain Vosk");
        // Ends between words or beside punctuation stay where they are.
        assert_eq!(snap_to_words(&text, 0..8), 0..8);
        let desk = at(&text, "desk");
        assert_eq!(snap_to_words(&text, desk..desk + 5), desk..desk + 5);
    }

    #[test]
    fn snapping_never_splits_a_character() {
        // `é` written as e + combining acute, and a family emoji joined by ZWJ.
        let text = SourceText::new("Cafe\u{301} 👨\u{200d}👩\u{200d}👧 Zoë");
        for a in 0..text.char_len() {
            for b in a..=text.char_len() {
                let s = snap_to_words(&text, a..b);
                if text.is_grapheme_boundary(a) && text.is_grapheme_boundary(b) {
                    assert!(
                        text.is_grapheme_boundary(s.start) && text.is_grapheme_boundary(s.end),
                        "{a}..{b} → {s:?}"
                    );
                }
            }
        }
        assert_eq!(shaped(&text, snap_to_words(&text, 1..2)), "Cafe\u{301}");
    }

    #[test]
    fn an_edge_moves_by_a_character_and_skips_spaces() {
        let text = SourceText::new("Tomas Reyes said so.");
        let end = |span, forward| move_edge(&text, span, Edge::End, Step::Character, forward);
        assert_eq!(end(0..8, true), Some(0..9));
        assert_eq!(end(0..11, true), Some(0..13), "over the space to “s”");
        assert_eq!(end(0..7, false), Some(0..5), "back over the space");
        assert_eq!(end(0..1, false), None, "a span is never empty");
        let start = |span, forward| move_edge(&text, span, Edge::Start, Step::Character, forward);
        assert_eq!(
            start(6..11, false),
            Some(4..11),
            "back over the space to “s”"
        );
        assert_eq!(start(0..11, false), None);
        assert_eq!(end(12..20, true), None, "the text's end");
    }

    #[test]
    fn an_edge_moves_by_a_word() {
        let text = SourceText::new("Tomas Re yes, said the “Port Authority” today.");
        let word = |span, edge, forward| move_edge(&text, span, edge, Step::Word, forward);
        let span = word(0..8, Edge::End, true).unwrap();
        assert_eq!(shaped(&text, span.clone()), "Tomas Re yes");
        let span = word(span, Edge::End, false).unwrap();
        assert_eq!(shaped(&text, span), "Tomas Re");
        let port = at(&text, "Port");
        let span = word(port..port + 4, Edge::End, true).unwrap();
        assert_eq!(shaped(&text, span.clone()), "Port Authority");
        let span = word(span, Edge::Start, false).unwrap();
        assert_eq!(shaped(&text, span), "the “Port Authority");
    }

    #[test]
    fn a_character_step_keeps_graphemes_whole() {
        let text = SourceText::new("ab\u{301}c 👍🏽d");
        let span = move_edge(&text, 0..1, Edge::End, Step::Character, true).unwrap();
        assert_eq!(span, 0..3, "b and its accent together");
        let thumb = 5;
        let span = move_edge(&text, 0..thumb, Edge::End, Step::Character, true).unwrap();
        assert_eq!(span, 0..thumb + 2, "the thumb with its skin tone");
    }
}
