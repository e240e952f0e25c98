//! Splits one paragraph of a source into words, numbers and marks, in one pass over its
//! bytes: each token carries its code-point span (counted as the scan goes), what the
//! lexicon knows of it, its case, and whether it opens a sentence.

use super::lexicon::{self, ABBREVIATION, Lex, WordHash};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// Only digits.
    Number,
    /// Digits and `st`, `nd`, `rd` or `th`.
    Ordinal,
    /// Any other character on its own: punctuation, quotation marks, dashes.
    Mark(char),
}

/// One word, number or mark of a paragraph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'t> {
    pub text: &'t str,
    /// Byte offset in the source's text.
    pub byte: usize,
    /// Code-point span in the source's text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub lex: Lex,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Has two or more letters, all upper-case.
    pub caps: bool,
    pub space_before: bool,
    /// The first word of a sentence.
    pub sentence_start: bool,
    /// Already part of a suggested date.
    pub taken: bool,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_mark(&self, c: char) -> bool {
        self.kind == Kind::Mark(c)
    }

    pub fn is(&self, class: u64) -> bool {
        self.lex.is(class)
    }

    /// A word of the lexicon's `class`, written in lower case.
    pub fn is_lower(&self, class: u64) -> bool {
        self.is_word() && !self.cap && self.lex.is(class)
    }

    /// The number a `Number` or `Ordinal` token stands for (digits only, at most 9).
    pub fn number(&self) -> Option<u32> {
        if !matches!(self.kind, Kind::Number | Kind::Ordinal) {
            return None;
        }
        let digits = self
            .text
            .trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if digits.len() > 9 {
            return None;
        }
        digits.parse().ok()
    }

    pub fn byte_end(&self) -> usize {
        self.byte + self.text.len()
    }
}

/// Opening quotation marks.
pub(crate) fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '„' | '‘')
}

/// Closing quotation marks.
pub(crate) fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '»' | '’')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Combining marks, which belong to the letter before them.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200D)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Scans one paragraph (a line without its line break) starting at `byte` and code point
/// `char_pos` of the source, appending its tokens to `out`; returns its length in code
/// points.
pub(crate) fn scan<'t>(
    line: &'t str,
    byte: usize,
    char_pos: usize,
    out: &mut Vec<Token<'t>>,
) -> usize {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut chars = 0;
    let mut space = true;
    // A new sentence is expected at the start of the line and after a sentence's end.
    let mut expect_start = true;
    let mut ended = false;
    let mut lowercase_seen = false;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b < 0x80 {
            b as char
        } else {
            line[i..].chars().next().unwrap_or(' ')
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            chars += 1;
            space = true;
            continue;
        }
        let start_byte = i;
        let start_char = chars;
        let kind;
        // What the word's ASCII bytes tell, gathered as the scan goes.
        let mut hash = WordHash::START;
        let (mut ascii, mut letters, mut lower) = (true, 0, false);
        if is_word_char(c) && !is_combining(c) {
            // A word or a number: letters, digits, combining marks, and apostrophes between
            // letters except a possessive `'s`.
            if b < 0x80 {
                hash = hash.add(b);
                letters += usize::from(b.is_ascii_alphabetic());
            } else {
                ascii = false;
            }
            i += c.len_utf8();
            chars += 1;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_alphanumeric() {
                    hash = hash.add(b);
                    letters += usize::from(b.is_ascii_alphabetic());
                    lower |= b.is_ascii_lowercase();
                    i += 1;
                    chars += 1;
                    continue;
                }
                let next = if b < 0x80 {
                    b as char
                } else {
                    line[i..].chars().next().unwrap_or(' ')
                };
                let joins = is_word_char(next)
                    || (is_apostrophe(next) && joins_word(&line[i + next.len_utf8()..]));
                if !joins {
                    break;
                }
                // Lexicon words have only ASCII letters and digits.
                ascii = false;
                i += next.len_utf8();
                chars += 1;
            }
            kind = word_kind(&line[start_byte..i]);
        } else {
            i += c.len_utf8();
            chars += 1;
            // Two apostrophes are a double quotation mark (`''We agreed,'' she said`), as
            // some newspapers' archives write it.
            let doubled = c == '\'' && bytes.get(i) == Some(&b'\'');
            if doubled {
                i += 1;
                chars += 1;
            }
            // Combining marks after a mark stay with it.
            while i < bytes.len() {
                match line[i..].chars().next() {
                    Some(m) if is_combining(m) => {
                        i += m.len_utf8();
                        chars += 1;
                    }
                    _ => break,
                }
            }
            kind = Kind::Mark(if doubled { '"' } else { c });
        }
        let text = &line[start_byte..i];
        let (lex, cap, caps) = match kind {
            Kind::Word if ascii => (
                lexicon::classify_hashed(text.as_bytes(), hash),
                bytes[start_byte].is_ascii_uppercase(),
                bytes[start_byte].is_ascii_uppercase() && !lower && letters >= 2,
            ),
            Kind::Word => {
                let (cap, caps) = case_of(text);
                (Lex::default(), cap, caps)
            }
            _ => (Lex::default(), false, false),
        };
        let mut token = Token {
            text,
            byte: byte + start_byte,
            start: char_pos + start_char,
            end: char_pos + chars,
            kind,
            lex,
            cap,
            caps,
            space_before: space,
            sentence_start: false,
            taken: false,
        };
        space = false;
        match kind {
            Kind::Mark(m) => {
                if matches!(m, '.' | '!' | '?') && !after_abbreviation(out, m) {
                    ended = true;
                } else if matches!(m, '—' | '–') && !lowercase_seen {
                    // The dash after a dateline (`VELGRAD (Meridian) —`) starts the story.
                    expect_start = true;
                }
            }
            _ => {
                if expect_start
                    || (ended && token.space_before_or_quote(out) && !starts_lower(text))
                {
                    token.sentence_start = true;
                }
                expect_start = false;
                ended = false;
                if starts_lower(text) {
                    lowercase_seen = true;
                }
            }
        }
        out.push(token);
    }
    chars
}

impl Token<'_> {
    /// Whether whitespace, or whitespace and opening marks, separate this token from the
    /// end of the sentence before it.
    fn space_before_or_quote(&self, before: &[Token]) -> bool {
        if self.space_before {
            return true;
        }
        // `." Next` or `.” “Next`: look back over quotation marks and brackets.
        before
            .iter()
            .rev()
            .take_while(|t| matches!(t.kind, Kind::Mark(_)))
            .any(|t| t.space_before && !matches!(t.kind, Kind::Mark('.' | '!' | '?')))
    }
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a full stop ends an abbreviation (`Dr.`) or an initial (`J.`), not a sentence.
fn after_abbreviation(before: &[Token], mark: char) -> bool {
    if mark != '.' {
        return false;
    }
    match before.last() {
        Some(t) if t.kind == Kind::Word => {
            t.lex.is(ABBREVIATION) || (t.text.chars().count() == 1 && t.cap)
        }
        _ => false,
    }
}

/// Whether an apostrophe followed by `rest` joins two parts of a word (`O'Brien`,
/// `Sant’Elia`, `don't`) rather than marking a possessive or closing a quotation.
fn joins_word(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() => {
            if c == 's' || c == 'S' {
                // `'s` at the end of a word is a possessive.
                chars.next().is_some_and(char::is_alphabetic)
            } else {
                true
            }
        }
        _ => false,
    }
}

fn word_kind(text: &str) -> Kind {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Kind::Word;
    }
    if digits == text.len() {
        return Kind::Number;
    }
    let suffix = &text[digits..];
    if ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| suffix.eq_ignore_ascii_case(s))
    {
        Kind::Ordinal
    } else {
        Kind::Word
    }
}

/// (starts upper-case, has two or more letters all upper-case)
fn case_of(text: &str) -> (bool, bool) {
    let mut chars = text.chars();
    let cap = chars.next().is_some_and(char::is_uppercase);
    if !cap {
        return (false, false);
    }
    let mut letters = 1;
    for c in chars {
        if c.is_lowercase() {
            return (true, false);
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    (true, letters >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        scan(text, 0, 0, &mut out);
        out
    }

    #[test]
    fn words_numbers_and_marks_with_code_point_spans() {
        let t = tokens("Veselić’s “gesture” on June 4th, 2025.");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "Veselić", "’", "s", "“", "gesture", "”", "on", "June", "4th", ",", "2025", "."
            ]
        );
        assert_eq!((t[0].start, t[0].end), (0, 7));
        assert_eq!((t[4].start, t[4].end), (11, 18));
        assert_eq!(t[8].kind, Kind::Ordinal);
        assert_eq!(t[8].number(), Some(4));
        assert_eq!(t[10].kind, Kind::Number);
        assert!(t[0].cap && !t[0].caps);
    }

    #[test]
    fn apostrophes_inside_names_stay() {
        let t = tokens("O'Brien went to Sant’Elia; it's done.");
        assert_eq!(t[0].text, "O'Brien");
        assert_eq!(t[3].text, "Sant’Elia");
        assert_eq!(t[5].text, "it");
    }

    #[test]
    fn sentences_start_after_full_stops_but_not_after_titles() {
        let t = tokens("Dr. Okoye spoke. He left at 4.30 p.m. on Friday. “Yes,” she said.");
        let starts: Vec<&str> = t
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text)
            .collect();
        assert_eq!(starts, ["Dr", "He", "Yes"]);
    }

    #[test]
    fn the_story_starts_after_a_dateline() {
        let t = tokens("VELGRAD (Meridian) — Doravian President Anton Veselić spoke");
        let starts: Vec<&str> = t
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text)
            .collect();
        assert_eq!(starts, ["VELGRAD", "Doravian"]);
        assert!(t[0].caps);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let t = tokens("Jose\u{301} said");
        assert_eq!(t[0].text, "Jose\u{301}");
        assert_eq!((t[0].start, t[0].end), (0, 5));
        assert_eq!(t[1].start, 6);
    }
}
