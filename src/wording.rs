//! How Parallax words things for the analyst: a long text shortened with an ellipsis, a
//! text put on one line, and a count with its noun in the right number ("1 source",
//! "3 entities").

use unicode_segmentation::UnicodeSegmentation;

/// The first `max_chars` characters (code points) of `text` on one line, followed by `…`
/// when something was cut. The cut never splits a grapheme cluster (a letter and its
/// accents, an emoji and its modifiers): a cluster that does not fit whole is left out.
/// Each line break (`\n`, `\r` or `\r\n`) becomes one space.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let mut short = String::new();
    let mut chars = 0;
    for cluster in text.graphemes(true) {
        let cluster = match cluster {
            "\n" | "\r" | "\r\n" => " ",
            _ => cluster,
        };
        chars += cluster.chars().count();
        if chars > max_chars {
            short.push('…');
            break;
        }
        short.push_str(cluster);
    }
    short
}

/// A text on one line: each run of white space (line breaks included) made one space, and
/// none at either end.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `n` and the noun in the right number: "1 source", "0 entities", "3 matches".
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {}", plural(n, noun))
}

/// The noun in the right number for `n` things: singular for one, else plural by the
/// English rules ("entity" → "entities", "box" → "boxes", "match" → "matches", "source"
/// → "sources"). A noun of several words ("claim group") changes its last word.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return noun.to_string();
    }
    if let Some(stem) = noun.strip_suffix('y')
        && stem
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() && !"aeiouAEIOU".contains(c))
    {
        return format!("{stem}ies");
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| noun.ends_with(end))
    {
        return format!("{noun}es");
    }
    format!("{noun}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_stays_as_it_is() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("exactly10!", 10), "exactly10!");
        assert_eq!(shorten("", 0), "");
    }

    #[test]
    fn a_long_text_keeps_its_first_characters_and_an_ellipsis() {
        assert_eq!(shorten("a very long title indeed", 9), "a very lo…");
        assert_eq!(shorten("eleven char", 10), "eleven cha…");
        assert_eq!(shorten("anything", 0), "…");
        let cut = shorten("Ünïcödé títlé ẁith áccents", 6);
        assert_eq!(cut, "Ünïcöd…");
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(shorten("one\ntwo", 20), "one two");
        assert_eq!(shorten("one\r\ntwo\rthree", 20), "one two three");
        // A CRLF is one line break, so one space and one character of the limit.
        assert_eq!(shorten("ab\r\ncd", 4), "ab c…");
    }

    #[test]
    fn the_cut_never_splits_a_grapheme_cluster() {
        // `e` and a combining acute accent: two code points, one letter.
        let text = "cafe\u{301} noir";
        assert_eq!(shorten(text, 4), "caf…");
        assert_eq!(shorten(text, 5), "cafe\u{301}…");
        // A thumbs-up with a skin tone, and a family joined by zero-width joiners.
        assert_eq!(shorten("ok👍🏽", 3), "ok…");
        assert_eq!(shorten("ok👍🏽", 4), "ok👍🏽");
        assert_eq!(shorten("👨\u{200d}👩\u{200d}👧 home", 4), "…");
        assert_eq!(
            shorten("👨\u{200d}👩\u{200d}👧 home", 6),
            "👨\u{200d}👩\u{200d}👧 …"
        );
    }

    #[test]
    fn right_to_left_text_is_cut_in_reading_order() {
        // Hebrew: the ellipsis follows the first letters read, whatever way they show.
        assert_eq!(shorten("שלום עולם", 4), "שלום…");
        // Arabic with vowel marks: each letter keeps its mark.
        let marked = "مَرْحَبًا";
        assert_eq!(shorten(marked, 2), "مَ…");
        assert_eq!(shorten(marked, 3), "مَ…");
        assert_eq!(shorten(marked, 4), "مَرْ…");
    }

    #[test]
    fn one_line_makes_runs_of_white_space_one_space() {
        assert_eq!(
            one_line("  a\tvery\r\n\nlong   title "),
            "a very long title"
        );
        assert_eq!(one_line(""), "");
    }

    #[test]
    fn counts_say_the_noun_in_the_right_number() {
        assert_eq!(count(1, "source"), "1 source");
        assert_eq!(count(2, "source"), "2 sources");
        assert_eq!(count(0, "entity"), "0 entities");
        assert_eq!(count(3, "match"), "3 matches");
        assert_eq!(count(2, "box"), "2 boxes");
        assert_eq!(count(2, "claim group"), "2 claim groups");
        assert_eq!(count(1, "entry"), "1 entry");
        assert_eq!(count(4, "entry"), "4 entries");
    }

    #[test]
    fn plurals_follow_the_english_rules() {
        assert_eq!(plural(2, "day"), "days");
        assert_eq!(plural(2, "key"), "keys");
        assert_eq!(plural(2, "y"), "ys");
        assert_eq!(plural(2, "class"), "classes");
        assert_eq!(plural(2, "waltz"), "waltzes");
        assert_eq!(plural(2, "dish"), "dishes");
        assert_eq!(plural(2, "Entity"), "Entities");
        assert_eq!(plural(1, "actor"), "actor");
        assert_eq!(plural(0, "actor"), "actors");
    }
}
