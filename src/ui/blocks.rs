//! Splits a source's text into blocks the document view lays out one at a time: one block
//! per line, and a long line (text pulled from a web page can be a megabyte without a
//! break) cut into blocks of at most [`MAX_BLOCK_CHARS`] at a space where there is one.

use std::ops::Range;

use crate::anchor::SourceText;

/// The most characters one block holds.
pub const MAX_BLOCK_CHARS: usize = 600;

/// The blocks of a text, as code-point ranges in order. Line breaks belong to no block;
/// an empty line is an empty block.
pub fn split_blocks(text: &SourceText) -> Vec<Range<usize>> {
    let mut blocks = Vec::with_capacity(text.char_len() / 200 + 1);
    let mut pos = 0;
    for line in text.as_str().split('\n') {
        let len = char_count(line);
        if len <= MAX_BLOCK_CHARS {
            blocks.push(pos..pos + len);
        } else {
            split_long_line(text, pos, pos + len, &mut blocks);
        }
        pos += len + 1;
    }
    blocks
}

/// Counts code points quickly: every byte that does not continue a character.
fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Cuts one long line, from code point `start` to `end`, into blocks: each ends after the
/// last space in its second half, or at a grapheme boundary when there is none.
fn split_long_line(text: &SourceText, start: usize, end: usize, blocks: &mut Vec<Range<usize>>) {
    let all = text.as_str();
    let mut block_start = start;
    while end - block_start > MAX_BLOCK_CHARS {
        let limit = block_start + MAX_BLOCK_CHARS;
        let half = text.byte_of(block_start + MAX_BLOCK_CHARS / 2);
        let cut = match all[half..text.byte_of(limit)].rfind(' ') {
            Some(space) => text.char_of(half + space + 1),
            None => grapheme_cut(text, limit, block_start),
        };
        blocks.push(block_start..cut);
        block_start = cut;
    }
    blocks.push(block_start..end);
}

/// The nearest grapheme boundary at or before `pos` and after `start`.
fn grapheme_cut(text: &SourceText, pos: usize, start: usize) -> usize {
    (start + 1..=pos)
        .rev()
        .find(|&p| text.is_grapheme_boundary(p))
        .unwrap_or(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_block_per_line() {
        let text = SourceText::new("first line\n\nthird");
        let blocks = split_blocks(&text);
        assert_eq!(blocks, [0..10, 11..11, 12..17]);
        assert_eq!(text.slice(blocks[2].clone()), "third");
    }

    #[test]
    fn long_lines_are_cut_at_spaces_and_cover_every_character() {
        let line = "word ".repeat(2000);
        let text = SourceText::new(format!("{line}\nend"));
        let blocks = split_blocks(&text);
        assert!(blocks.len() > 8);
        let mut covered = 0;
        for (i, b) in blocks.iter().enumerate() {
            assert!(b.end - b.start <= MAX_BLOCK_CHARS, "block {i} too long");
            assert_eq!(b.start, covered, "gap before block {i}");
            covered = b.end;
            if b.end < line.len() {
                assert!(
                    text.slice(b.clone()).ends_with(' '),
                    "block {i} cut mid-word"
                );
            }
            if covered == line.len() {
                covered += 1; // the line break
            }
        }
        assert_eq!(covered, text.char_len());
    }

    #[test]
    fn a_line_without_spaces_is_cut_between_graphemes() {
        let text = SourceText::new("e\u{301}".repeat(1000));
        for b in split_blocks(&text) {
            assert!(text.is_grapheme_boundary(b.start) && text.is_grapheme_boundary(b.end));
        }
    }
}
