//! Text positions: code-point spans, the conversion to byte offsets, quotes with context,
//! and re-anchoring an annotation whose span no longer matches its quote.
//!
//! Every position in Parallax is a Unicode code point (`char`) index, end exclusive, as
//! in brat and the W3C Web Annotation model. Byte offsets exist only at the edge, through
//! [`SourceText::byte_of`].

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use unicode_segmentation::GraphemeCursor;

/// How many characters of context a quote keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// How many characters one side of a quote's context must have to vouch for a place when
/// re-anchoring with a few edits (see [`SourceText::reanchor_all`]).
pub const MIN_AGREEING: usize = CONTEXT_CHARS / 2;

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
    /// The span an analyst's selection tags: whitespace at either end left out, the ends
    /// widened to whole grapheme clusters (a span never splits a character), and `None`
    /// when nothing but whitespace is selected. A selection past the end stops at it.
    pub fn span_to_tag(&self, selected: Range<usize>) -> Option<Range<usize>> {
        let mut range = selected.start.min(self.char_len())..selected.end.min(self.char_len());
        let slice = self.slice(range.clone());
        let lead = slice.chars().take_while(|c| c.is_whitespace()).count();
        if lead == range.end - range.start {
            return None;
        }
        let trail = slice
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        range.start += lead;
        range.end -= trail;
        while range.start > 0 && !self.is_grapheme_boundary(range.start) {
            range.start -= 1;
        }
        while range.end < self.char_len() && !self.is_grapheme_boundary(range.end) {
            range.end += 1;
        }
        Some(range)
    }

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

    /// Finds where a quote, which was at `old`, belongs in this text; see
    /// [`Self::reanchor_all`], which this is for a single quote.
    pub fn reanchor(&self, old: Range<usize>, quote: &Quote) -> Anchoring {
        self.reanchor_all(&[(old, quote)])
            .pop()
            .unwrap_or(Anchoring::Lost)
    }

    /// Finds where each of several quotes belongs in this text (after it changed), given
    /// the span each was at; see [`Anchoring`].
    ///
    /// A place holding a quote's words is taken only when something beyond those words
    /// vouches for it: one side of the quote's context found beside it with at most one
    /// edit in sixteen characters (a side of at least [`MIN_AGREEING`] characters; a
    /// shorter one, cut by the end of the text, must agree exactly and end with the text),
    /// or the words alone when they are at least [`CONTEXT_CHARS`] long. Words that run
    /// over a blank line need both sides, since paragraphs move apart. So words next to an
    /// annotation may change on one side and a typo may be fixed nearby, but the same words
    /// elsewhere, among other words, are not taken for it. Of the places vouched for, one
    /// wins when all that vouches for any other vouches for it too, and more does or its
    /// context needs fewer edits; otherwise the quote is lost rather than guessed.
    ///
    /// The quotes together also tell what the old text held. A side of context that fitted
    /// as well at another place of the same words there (a formula repeated in a report)
    /// vouches for nothing. A quote whose best place another quote fits as well is lost:
    /// the same words repeated elsewhere belong to the annotation made there. Two quotes
    /// whose best places overlap but moved by different amounts are both lost, since the
    /// characters they share came from one place of the old text. A quote without any
    /// context is placed only where its words occur once.
    pub fn reanchor_all(&self, quotes: &[(Range<usize>, &Quote)]) -> Vec<Anchoring> {
        let remembered = Remembered::new(quotes);
        // Where each quoted text is, in this text and in the old one, found once.
        let mut found: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (_, quote) in quotes {
            let exact = quote.exact.as_str();
            if !exact.is_empty() && !found.contains_key(exact) {
                let find = |text: &str| text.match_indices(exact).map(|(b, _)| b).collect();
                let occurrences = (find(self.as_str()), find(remembered.text.as_str()));
                found.insert(exact, occurrences);
            }
        }
        let mut windows = Windows::default();
        let mut places: Vec<Vec<Place>> = Vec::with_capacity(quotes.len());
        for (old, quote) in quotes {
            places.push(match found.get(quote.exact.as_str()) {
                Some((here, there)) => {
                    let known = Known {
                        remembered: &remembered,
                        occurrences: there,
                    };
                    self.places(old, quote, here, &known, &mut windows)
                }
                None => Vec::new(),
            });
        }
        // Every quote with a place at each span.
        let mut at: HashMap<(usize, usize), Vec<(usize, &Place)>> = HashMap::new();
        for (i, place) in places
            .iter()
            .enumerate()
            .flat_map(|(i, ps)| ps.iter().map(move |p| (i, p)))
        {
            let key = (place.span.start, place.span.end);
            at.entry(key).or_default().push((i, place));
        }
        let same_quote =
            |i: usize, j: usize| quotes[i].0 == quotes[j].0 && quotes[i].1 == quotes[j].1;
        // Each quote's best place, if one beats all its others.
        let best: Vec<Option<&Place>> = places
            .iter()
            .map(|places| {
                places.iter().find(|p| {
                    places
                        .iter()
                        .all(|other| std::ptr::eq(*p, other) || p.beats(other))
                })
            })
            .collect();
        // The place is another annotation's unless this one fits it better.
        let chosen: Vec<Option<&Place>> = best
            .iter()
            .enumerate()
            .map(|(i, best)| {
                let best = (*best)?;
                let rivals = &at[&(best.span.start, best.span.end)];
                let ours = rivals
                    .iter()
                    .all(|&(j, p)| j == i || same_quote(i, j) || best.beats(p));
                ours.then_some(best)
            })
            .collect();
        let torn = torn(quotes, &best);
        quotes
            .iter()
            .zip(chosen)
            .zip(torn)
            .map(|(((old, _), place), torn)| match place {
                Some(place) if !torn && place.span == *old => Anchoring::Kept,
                Some(place) if !torn => Anchoring::Moved(place.span.clone()),
                _ => Anchoring::Lost,
            })
            .collect()
    }

    /// The places holding a quote's words that something vouches for (see
    /// [`Self::reanchor_all`]), each with the edits its context needs there. `old` is where
    /// the quote was in the text it was taken from; `occurrences` are where its words are
    /// in this text (byte offsets), and `known` where they were in what is known of the old
    /// one: what vouched as well for another place there tells no place apart.
    fn places(
        &self,
        old: &Range<usize>,
        quote: &Quote,
        occurrences: &[usize],
        known: &Known<'_>,
        windows: &mut Windows,
    ) -> Vec<Place> {
        let context = Context::of(quote);
        let text = self.as_str();
        let exact_len = quote.exact.chars().count();
        let mut elsewhere: Option<Elsewhere> = None;
        let mut places = Vec::new();
        for &byte in occurrences {
            let Some(fit) = context.fit(text, byte, quote.exact.len(), windows) else {
                continue;
            };
            let start = self.char_of(byte);
            let span = start..start + exact_len;
            if !fit.vouching.any() || self.check_span(&span).is_err() {
                continue;
            }
            let there =
                elsewhere.get_or_insert_with(|| known.elsewhere(old.start, &context, windows));
            let vouching = fit.beyond(there);
            if vouching.any() {
                places.push(Place {
                    span,
                    edits: fit.left + fit.right,
                    vouching,
                });
            }
        }
        places
    }
}

/// Which quotes' best places overlap another quote's best place that moved by a different
/// amount: the characters they share cannot have come from two places of the old text, so
/// one of the two is wrong, and neither is taken.
fn torn(quotes: &[(Range<usize>, &Quote)], best: &[Option<&Place>]) -> Vec<bool> {
    let mut placed: Vec<(Range<usize>, isize, usize)> = best
        .iter()
        .zip(quotes)
        .enumerate()
        .filter_map(|(i, (place, (old, _)))| {
            let span = (*place)?.span.clone();
            let shift = span.start as isize - old.start as isize;
            Some((span, shift, i))
        })
        .collect();
    placed.sort_by_key(|(span, _, _)| span.start);
    let mut torn = vec![false; quotes.len()];
    for (k, (span, shift, i)) in placed.iter().enumerate() {
        for (other, other_shift, j) in &placed[k + 1..] {
            if other.start >= span.end {
                break;
            }
            if other_shift != shift {
                torn[*i] = true;
                torn[*j] = true;
            }
        }
    }
    torn
}

/// A place a quote's words may have gone to.
struct Place {
    span: Range<usize>,
    /// The edits the quote's context needs there.
    edits: usize,
    vouching: Vouching,
}

impl Place {
    /// Whether this place is the better one for the quote: everything that vouches for the
    /// other vouches for it too, and more does or its context needs fewer edits. When one
    /// side of the context vouches here and the other side there (the words next to a
    /// paragraph that moved), neither wins.
    fn beats(&self, other: &Place) -> bool {
        self.vouching.covers(other.vouching)
            && (self.vouching != other.vouching || self.edits < other.edits)
    }
}

/// What vouches for a place: one side of the context, the other, or the words alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Vouching {
    left: bool,
    right: bool,
    words: bool,
}

impl Vouching {
    fn any(self) -> bool {
        self.left || self.right || self.words
    }

    /// Whether everything that vouches in `other` vouches here too.
    fn covers(self, other: Vouching) -> bool {
        (self.left || !other.left) && (self.right || !other.right) && (self.words || !other.words)
    }
}

/// How a quote's context fits at one place: the edits each side needs, and what vouches.
struct Fit {
    across_paragraphs: bool,
    left: usize,
    right: usize,
    vouching: Vouching,
}

impl Fit {
    /// What vouches here better than anywhere else the old text is known to have held the
    /// quote's words: a side that needs fewer edits here than at any other such place
    /// where it vouched, the words alone if they were nowhere else.
    fn beyond(&self, elsewhere: &Elsewhere) -> Vouching {
        let better = |edits: usize, there: Option<usize>| there.is_none_or(|e| edits < e);
        let vouching = Vouching {
            left: self.vouching.left && better(self.left, elsewhere.left),
            right: self.vouching.right && better(self.right, elsewhere.right),
            words: self.vouching.words && !elsewhere.words,
        };
        if self.across_paragraphs && !(vouching.left && vouching.right) {
            return Vouching::default();
        }
        vouching
    }
}

/// How well a quote's context fitted, where it vouched, at the other places of the old
/// text known to hold its words: the fewest edits each side needed, and whether the words
/// were there at all.
#[derive(Default)]
struct Elsewhere {
    left: Option<usize>,
    right: Option<usize>,
    words: bool,
}

/// A quote's context, as [`side_fit`] reads it.
struct Context {
    /// The prefix, nearest character first.
    prefix: Vec<char>,
    suffix: Vec<char>,
    /// The pieces of each side that [`may_vouch`] looks for, in reading order, to look
    /// for them first in the text's bytes.
    prefix_pieces: Vec<String>,
    suffix_pieces: Vec<String>,
    /// Whether the words themselves run over a blank line: paragraphs move apart, so each
    /// of those they join must then be vouched for, by the side of context next to it.
    across_paragraphs: bool,
    /// The length of the quoted words, in characters and in bytes.
    words: usize,
    exact_bytes: usize,
    /// Whether the words vouch alone: they are at least [`CONTEXT_CHARS`] long, or the
    /// quote has no context.
    words_alone: bool,
}

impl Context {
    fn of(quote: &Quote) -> Self {
        let prefix: Vec<char> = quote.prefix.chars().rev().collect();
        let suffix: Vec<char> = quote.suffix.chars().collect();
        let prefix_pieces = pieces(prefix.len())
            .map(|part| prefix[part].iter().rev().collect())
            .collect();
        let suffix_pieces = pieces(suffix.len())
            .map(|part| suffix[part].iter().collect())
            .collect();
        let words = quote.exact.chars().count();
        let no_context = quote.prefix.is_empty() && quote.suffix.is_empty();
        Context {
            prefix,
            suffix,
            prefix_pieces,
            suffix_pieces,
            across_paragraphs: quote.exact.contains("\n\n"),
            words,
            exact_bytes: quote.exact.len(),
            words_alone: words >= CONTEXT_CHARS || no_context,
        }
    }

    /// How the context fits around the quote's words (`exact` bytes long) at `byte` of
    /// `text`: the edits it needs there, and what vouches for the place; `None` when
    /// nothing can (found out cheaply, as at most places of common words).
    fn fit(&self, text: &str, byte: usize, exact: usize, windows: &mut Windows) -> Option<Fit> {
        let reach = |side: &[char]| side.len() + side.len() / 16 + 1;
        // No piece of a side within reach (four bytes a character at most): it cannot
        // vouch, and the characters need not be read.
        let found =
            |pieces: &[String], near: &str| pieces.iter().any(|p| near.contains(p.as_str()));
        let from = text.floor_char_boundary(byte.saturating_sub(4 * reach(&self.prefix)));
        let end = byte + exact;
        let to = text.ceil_char_boundary(end + 4 * reach(&self.suffix));
        if !(self.words_alone
            || found(&self.prefix_pieces, &text[from..byte])
            || found(&self.suffix_pieces, &text[end..to]))
        {
            return None;
        }
        let Windows { before, after } = windows;
        before.clear();
        before.extend(text[..byte].chars().rev().take(reach(&self.prefix)));
        after.clear();
        after.extend(text[byte + exact..].chars().take(reach(&self.suffix)));
        let may = |side: &[char], text: &[char]| may_vouch(side, text, self.words);
        if !(self.words_alone || may(&self.prefix, before) || may(&self.suffix, after)) {
            return None;
        }
        let (left, left_fits) = side_fit(&self.prefix, before, self.words);
        let (right, right_fits) = side_fit(&self.suffix, after, self.words);
        let vouching = Vouching {
            left: left_fits,
            right: right_fits,
            words: self.words_alone,
        };
        Some(Fit {
            across_paragraphs: self.across_paragraphs,
            left,
            right,
            vouching,
        })
    }
}

/// What a set of quotes tells of the text they were taken from: the stretches their
/// words and contexts cover, joined by NUL characters, each with its position there.
struct Remembered {
    text: SourceText,
    /// Where each stretch starts in `text` and in the old text, in code points.
    starts: Vec<(usize, usize)>,
}

impl Remembered {
    fn new(quotes: &[(Range<usize>, &Quote)]) -> Self {
        let mut pieces: Vec<(usize, Vec<char>)> = quotes
            .iter()
            .filter_map(|(old, quote)| {
                let prefix_len = quote.prefix.chars().count();
                let whole = quote.prefix.chars().chain(quote.exact.chars());
                let whole = whole.chain(quote.suffix.chars()).collect();
                // A span that does not fit its quote says nothing sure about where it was.
                let fits = old.len() == quote.exact.chars().count();
                let start = old.start.checked_sub(prefix_len).filter(|_| fits)?;
                Some((start, whole))
            })
            .collect();
        pieces.sort_by_key(|(start, _)| *start);
        let mut stretches: Vec<(usize, Vec<char>)> = Vec::new();
        for (start, chars) in pieces {
            match stretches.last_mut() {
                Some((at, known)) if *at + known.len() >= start => {
                    let overlap = *at + known.len() - start;
                    known.extend(chars.iter().skip(overlap));
                }
                _ => stretches.push((start, chars)),
            }
        }
        let mut text = String::new();
        let mut starts = Vec::with_capacity(stretches.len());
        let mut at = 0;
        for (start, chars) in stretches {
            starts.push((at, start));
            at += chars.len() + 1;
            text.extend(chars);
            text.push('\0');
        }
        Self {
            text: SourceText::new(text),
            starts,
        }
    }
}

/// Where a quote's words were in what is known of the old text (byte offsets in it).
struct Known<'r> {
    remembered: &'r Remembered,
    occurrences: &'r [usize],
}

impl Known<'_> {
    /// How the quote's context fitted at the places of its words in the old text, other
    /// than `at`, where the quote was taken.
    fn elsewhere(&self, at: usize, context: &Context, windows: &mut Windows) -> Elsewhere {
        let remembered = self.remembered;
        let text = remembered.text.as_str();
        let mut elsewhere = Elsewhere::default();
        let fewest =
            |known: Option<usize>, edits: usize| Some(known.map_or(edits, |k| k.min(edits)));
        for &byte in self.occurrences {
            let position = remembered.text.char_of(byte);
            let k = remembered.starts.partition_point(|&(s, _)| s <= position) - 1;
            let (stretch, old) = remembered.starts[k];
            if old + (position - stretch) == at {
                continue;
            }
            elsewhere.words = true;
            let Some(fit) = context.fit(text, byte, context.exact_bytes, windows) else {
                continue;
            };
            if fit.vouching.left {
                elsewhere.left = fewest(elsewhere.left, fit.left);
            }
            if fit.vouching.right {
                elsewhere.right = fewest(elsewhere.right, fit.right);
            }
        }
        elsewhere
    }
}

/// Room for the text on each side of a place, nearest character first, reused from place
/// to place.
#[derive(Default)]
struct Windows {
    before: Vec<char>,
    after: Vec<char>,
}

/// How one side of a quote's context fits the text beside a place (both given nearest
/// character first): how many characters must be inserted, removed or changed to find the
/// whole context there, and whether that side vouches for the place.
///
/// A side of at least [`MIN_AGREEING`] characters vouches when one edit in sixteen or
/// fewer finds it; a shorter side (the text began or ended there when the quote was
/// taken) vouches only when it agrees exactly, the text ends where it does, and it makes
/// at least [`MIN_AGREEING`] characters with the quoted words (`words` long).
///
/// `text` need not reach further than the context's length, plus the edits allowed, plus
/// one: what lies beyond cannot change whether the side vouches.
fn side_fit(context: &[char], text: &[char], words: usize) -> (usize, bool) {
    let n = context.len();
    let allowed = n / 16;
    // Edits between the first `i` characters of the context and the first `j` of the text,
    // row by row; the text may go on past the context for free.
    let mut row: Vec<usize> = (0..=text.len()).collect();
    for (i, &c) in context.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &t) in text.iter().enumerate() {
            let replaced = diagonal + usize::from(c != t);
            diagonal = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(diagonal + 1);
        }
    }
    let edits = row.iter().copied().min().unwrap_or(0).min(n);
    let vouches = if n >= MIN_AGREEING {
        edits <= allowed
    } else {
        edits == 0 && text.len() == n && n + words >= MIN_AGREEING
    };
    (edits, vouches)
}

/// Whether one side of a quote's context could vouch for a place, as [`side_fit`] would
/// find, told quickly: with at most `k` edits, one of `k + 1` pieces of the context is
/// found untouched, moved by at most `k` characters.
fn may_vouch(context: &[char], text: &[char], words: usize) -> bool {
    let n = context.len();
    if n < MIN_AGREEING {
        return text == context && n + words >= MIN_AGREEING;
    }
    let k = n / 16;
    pieces(n).any(|part| {
        let found = |at: usize| text.get(at..at + part.len()) == Some(&context[part.clone()]);
        (part.start.saturating_sub(k)..=part.start + k).any(found)
    })
}

/// The pieces [`may_vouch`] looks for, one more than the edits a side of `n` characters
/// may need (or the whole side, when it is too short for edits).
fn pieces(n: usize) -> impl Iterator<Item = Range<usize>> {
    let k = if n < MIN_AGREEING { 0 } else { n / 16 };
    let piece = n / (k + 1);
    (0..=k).map(move |p| p * piece..if p == k { n } else { (p + 1) * piece })
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

    #[test]
    fn a_selection_is_trimmed_and_widened_to_whole_characters() {
        let text = SourceText::new("  Ana said: cafe\u{301} \u{1F44D}\u{1F3FD} ok ");
        // Whitespace at either end is left out.
        assert_eq!(text.span_to_tag(0..10), Some(2..10));
        // "e" without its combining accent widens to take it.
        let e = text.as_str().chars().position(|c| c == '\u{301}').unwrap() - 1;
        assert_eq!(text.span_to_tag(e - 3..e + 1), Some(e - 3..e + 2));
        // Half of a thumbs-up with its skin tone widens to both code points.
        let thumb = e + 3;
        assert_eq!(
            text.span_to_tag(thumb + 1..thumb + 2),
            Some(thumb..thumb + 2)
        );
        // Only whitespace, an empty selection, or one past the end gives nothing to tag.
        assert_eq!(text.span_to_tag(0..2), None);
        assert_eq!(text.span_to_tag(5..5), None);
        assert_eq!(text.span_to_tag(100..120), None);
        let len = text.char_len();
        assert_eq!(text.span_to_tag(len - 3..len + 40), Some(len - 3..len - 1));
    }
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
        // Two places, nothing to tell them apart: neither is chosen.
        assert_eq!(st.reanchor(5..10, &q), Anchoring::Lost);
        // Once, it is taken.
        let once = SourceText::new("war and peace");
        assert_eq!(once.reanchor(5..10, &q), Anchoring::Moved(8..13));
    }

    /// Where `words` (the `nth` occurrence) are in `text`, with their quote.
    fn quoted(text: &SourceText, words: &str, nth: usize) -> (Range<usize>, Quote) {
        let byte = text.as_str().match_indices(words).nth(nth).unwrap().0;
        let start = text.char_of(byte);
        let span = start..start + words.chars().count();
        (span.clone(), text.quote(span))
    }

    #[test]
    fn words_changed_on_one_side_or_a_typo_nearby_are_followed() {
        let old = SourceText::new(
            "The call lasted an hour. Kremlin spokesman Dmitry Peskov told reporters on \
             Monday that the talks had been constructive and would go on.",
        );
        let (span, q) = quoted(&old, "Dmitry Peskov", 0);
        for revised in [
            // Text added before, and the words after changed.
            "UPDATE: The call lasted an hour. Kremlin spokesman Dmitry Peskov said on \
             Monday that the talks had been constructive.",
            // A typo fixed on each side.
            "The call lasted an hour. Kremlin spokesmann Dmitry Peskov told reporters on \
             Mondey that the talks had been constructive and would go on.",
        ] {
            let text = SourceText::new(revised);
            let (expected, _) = quoted(&text, "Dmitry Peskov", 0);
            assert_eq!(
                text.reanchor(span.clone(), &q),
                Anchoring::Moved(expected),
                "{revised}"
            );
        }
    }

    #[test]
    fn the_same_words_among_other_words_are_not_taken() {
        let old = SourceText::new(
            "Peskov told reporters the call was long. Later, at a briefing, Peskov said \
             nothing more about it.",
        );
        let (span, q) = quoted(&old, "Peskov", 1);
        // The second sentence is gone; the first mention is other words.
        let revised = SourceText::new("Peskov told reporters the call was long.");
        assert_eq!(revised.reanchor(span, &q), Anchoring::Lost);
    }

    #[test]
    fn a_formula_repeated_in_the_old_text_vouches_for_nothing() {
        let old = SourceText::new(
            "On 7 June, 307 servicemen were returned. In exchange, 307 prisoners of war of \
             the Armed Forces of Ukraine were handed over.\n\nOn 9 June, 480 servicemen were \
             returned. In exchange, 480 prisoners of war of the Armed Forces of Ukraine were \
             handed over.\n\nThe exchanges will go on.",
        );
        let (first, first_q) = quoted(&old, "Armed", 0);
        let (second, second_q) = quoted(&old, "Armed Forces", 1);
        let revised = SourceText::new(
            "On 7 June, 307 servicemen were returned.\n\nOn 9 June, 480 servicemen were \
             returned. In exchange, 480 prisoners of war of the Armed Forces of Ukraine were \
             handed over.\n\nThe exchanges will go on.",
        );
        let (now, _) = quoted(&revised, "Armed Forces", 0);
        // Alone, the first handover's "Armed" would be taken for the second's: the words
        // after it are the same there.
        assert!(matches!(
            revised.reanchor(first.clone(), &first_q),
            Anchoring::Moved(_)
        ));
        // With the second's annotation, the quotes tell that those words were repeated.
        let both = revised.reanchor_all(&[(first, &first_q), (second, &second_q)]);
        assert_eq!(both, [Anchoring::Lost, Anchoring::Moved(now)]);
    }

    #[test]
    fn neighbours_of_a_moved_paragraph_tell_nothing() {
        let old = SourceText::new(
            "QUESTION: Is a meeting possible?\n\nPESKOV: Nothing is planned.\n\nQUESTION: \
             And the talks?\n\nPESKOV: The dates have not been set.\n\nQUESTION: Thank \
             you.\n",
        );
        let (span, q) = quoted(&old, "PESKOV", 0);
        // The answers swapped: the words before the first "PESKOV" are still there, those
        // after it follow the second question now. Which is it?
        let revised = SourceText::new(
            "QUESTION: Is a meeting possible?\n\nPESKOV: The dates have not been set.\n\n\
             QUESTION: And the talks?\n\nPESKOV: Nothing is planned.\n\nQUESTION: Thank \
             you.\n",
        );
        assert_eq!(revised.reanchor(span, &q), Anchoring::Lost);
        // Words over a blank line need the context on both sides.
        let (span, q) = quoted(&old, "possible?\n\nPESKOV", 0);
        assert_eq!(revised.reanchor(span, &q), Anchoring::Lost);
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
