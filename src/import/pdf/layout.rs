//! From placed glyphs to paragraphs: glyphs become lines, running headers, footers and
//! page numbers are left out, columns are read one after another, a paragraph's lines
//! are joined, and a word hyphenated at a line's end is made whole again.

use std::collections::{HashMap, HashSet};

use super::text::Page;

/// A line of text on a page: its letters, where its baseline runs, and its size.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
}

/// The lines of a page, in the order its content draws them.
pub(super) fn lines(page: &Page) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut space = false;
    for glyph in &page.glyphs {
        let text = page.text(glyph);
        if text.chars().all(char::is_whitespace) {
            space = true;
            continue;
        }
        let size = glyph.size.max(0.1);
        let joins = lines.last().is_some_and(|line| {
            let scale = size.max(line.size);
            (glyph.y - line.y).abs() < 0.5 * scale
                && glyph.x0 >= line.x1 - 0.5 * scale
                && glyph.x0 <= line.x1 + 1.0 * scale
        });
        match lines.last_mut() {
            Some(line) if joins => {
                if space || glyph.x0 > line.x1 + 0.15 * size.max(line.size) {
                    line.text.push(' ');
                }
                line.text.push_str(text);
                line.x1 = line.x1.max(glyph.x1);
            }
            _ => lines.push(Line {
                text: text.to_string(),
                x0: glyph.x0,
                x1: glyph.x1,
                y: glyph.y,
                size,
            }),
        }
        space = false;
    }
    // A soft hyphen inside a line is the invisible one of the text a browser printed;
    // one that ends a line is a hyphen added there, which joining the lines takes away.
    for line in &mut lines {
        if let Some(inner) = line.text.strip_suffix('\u{AD}') {
            line.text = inner.replace('\u{AD}', "") + "\u{AD}";
        } else {
            line.text = line.text.replace('\u{AD}', "");
        }
    }
    lines
}

/// Leaves out what repeats at the top or bottom of pages (running headers and footers,
/// with their numbers counted as the same) and what reads as a page number, an address
/// or a printing date there; `title` is the document's, which a header repeats.
pub(super) fn drop_running_lines(pages: &mut [Vec<Line>], title: Option<&str>) {
    let edges: Vec<Vec<usize>> = pages.iter().map(|lines| edge_lines(lines)).collect();
    let mut seen: HashMap<String, HashSet<usize>> = HashMap::new();
    for (page, edge) in edges.iter().enumerate() {
        for &i in edge {
            seen.entry(shape(&pages[page][i].text))
                .or_default()
                .insert(page);
        }
    }
    let title = title.map(|t| t.trim().to_lowercase());
    for (page, edge) in edges.iter().enumerate() {
        let lines = &pages[page];
        let body_size = median(lines.iter().map(|l| l.size));
        let drop: HashSet<usize> = edge
            .iter()
            .copied()
            .filter(|&i| {
                let line = &lines[i];
                let small = line.size < body_size * 0.95;
                let text = line.text.trim();
                seen.get(&shape(text)).is_some_and(|pages| pages.len() >= 2)
                    || is_page_number(text)
                    || is_address(text)
                    || (small && (is_stamp(text) || title.as_deref() == Some(&text.to_lowercase())))
            })
            .collect();
        let mut i = 0;
        pages[page].retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }
}

/// The lines of the top and bottom rows of a page.
fn edge_lines(lines: &[Line]) -> Vec<usize> {
    if lines.len() < 2 {
        return Vec::new();
    }
    let top = lines.iter().map(|l| l.y).fold(f32::MIN, f32::max);
    let bottom = lines.iter().map(|l| l.y).fold(f32::MAX, f32::min);
    (0..lines.len())
        .filter(|&i| {
            let line = &lines[i];
            (top - line.y).abs() < line.size * 0.5 || (line.y - bottom).abs() < line.size * 0.5
        })
        .collect()
}

/// A line's text with its digits made alike, so that "Page 3" and "Page 4" match.
fn shape(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// `3`, `- 3 -`, `Page 3`, `3 of 12`, `3/12`, `iv`.
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == '-' || c == '|')
        .filter(|w| !w.is_empty() && *w != "page" && *w != "of")
        .collect();
    !words.is_empty()
        && words.len() <= 2
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || (w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c)))
        })
}

fn is_address(text: &str) -> bool {
    !text.contains(' ')
        && ["http://", "https://", "file://", "www."]
            .iter()
            .any(|p| text.starts_with(p))
}

/// A printing date and time: `12/3/25, 9:41 AM`, `2025-12-03 09:41`.
fn is_stamp(text: &str) -> bool {
    text.split_whitespace().count() <= 4
        && text.chars().any(|c| c.is_ascii_digit())
        && text.contains(':')
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " /-.:,APMapm".contains(c))
}

fn median(values: impl Iterator<Item = f32>) -> f32 {
    let mut values: Vec<f32> = values.collect();
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f32::total_cmp);
    values[values.len() / 2]
}

/// The lines of a page in reading order, in groups (columns, or the bands across them)
/// read one after another.
pub(super) fn reading_order(lines: Vec<Line>) -> Vec<Vec<Line>> {
    let mut groups = Vec::new();
    order(lines, &mut groups, 0);
    groups
}

fn order(mut lines: Vec<Line>, groups: &mut Vec<Vec<Line>>, depth: usize) {
    let top_down = |lines: &mut Vec<Line>| {
        lines.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    };
    let Some(gutter) = gutter(&lines).filter(|_| depth < 4) else {
        top_down(&mut lines);
        if !lines.is_empty() {
            groups.push(lines);
        }
        return;
    };
    // Lines that cross the gutter divide the page into bands; in a band, the left
    // column is read before the right.
    top_down(&mut lines);
    let mut band: Vec<Line> = Vec::new();
    let flush = |band: &mut Vec<Line>, groups: &mut Vec<Vec<Line>>| {
        let (left, right): (Vec<Line>, Vec<Line>) = band.drain(..).partition(|l| l.x1 <= gutter);
        order(left, groups, depth + 1);
        order(right, groups, depth + 1);
    };
    for line in lines {
        if line.x0 < gutter && line.x1 > gutter {
            flush(&mut band, groups);
            groups.push(vec![line]);
        } else {
            band.push(line);
        }
    }
    flush(&mut band, groups);
}

/// The most lines of a page whose columns are looked for; a page with more is read
/// from top to bottom.
const MAX_COLUMN_LINES: usize = 2_000;

/// Where columns divide the lines: the x that no line of several side-by-side rows
/// crosses, if there is one.
fn gutter(lines: &[Line]) -> Option<f32> {
    if lines.len() < 6 || lines.len() > MAX_COLUMN_LINES {
        return None;
    }
    let left_edge = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let right_edge = lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let width = right_edge - left_edge;
    let mut best: Option<(usize, f32)> = None;
    let mut candidates: Vec<f32> = lines.iter().map(|l| l.x1 + 0.5).collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    for x in candidates {
        if x <= left_edge + width * 0.2 || x >= right_edge - width * 0.2 {
            continue;
        }
        let left: Vec<&Line> = lines.iter().filter(|l| l.x1 <= x).collect();
        let right: Vec<&Line> = lines.iter().filter(|l| l.x0 >= x).collect();
        let wide = |side: &[&Line]| side.iter().any(|l| l.x1 - l.x0 > width * 0.25);
        if !wide(&left) || !wide(&right) {
            continue;
        }
        // Rows where a line on the left and one on the right stand side by side.
        let mut heights: Vec<f32> = right.iter().map(|r| r.y).collect();
        heights.sort_by(f32::total_cmp);
        let rows = left
            .iter()
            .filter(|l| {
                let from = heights.partition_point(|&y| y <= l.y - l.size);
                heights.get(from).is_some_and(|&y| y < l.y + l.size)
            })
            .count();
        if rows >= 3 && best.is_none_or(|(n, _)| rows > n) {
            best = Some((rows, x));
        }
    }
    best.map(|(_, x)| x)
}

/// The document's text: the groups of lines of every page, in order, joined into
/// paragraphs separated by a blank line.
pub(super) fn paragraphs(groups: &[Vec<Line>]) -> String {
    let spacing = line_spacing(groups);
    let mut words: HashSet<String> = HashSet::new();
    for line in groups.iter().flatten() {
        for word in line.text.split_whitespace() {
            let word = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            words.extend(word.split('-').map(str::to_string));
            if word.contains('-') {
                words.insert(word);
            }
        }
    }
    let mut out = String::new();
    let mut previous: Option<(&Line, f32)> = None;
    for group in groups {
        let right = group.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
        for line in group {
            let text = line.text.trim();
            if text.is_empty() {
                continue;
            }
            let joined = previous.is_some_and(|(before, before_right)| {
                continues(before, before_right, line, spacing)
            });
            if joined {
                join_line(&mut out, text, &words);
            } else {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(text);
            }
            previous = Some((line, right));
        }
    }
    out
}

/// The usual distance between the baselines of a paragraph's lines, as a multiple of
/// their size.
fn line_spacing(groups: &[Vec<Line>]) -> f32 {
    let gaps = groups.iter().flat_map(|g| {
        g.windows(2).filter_map(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            let gap = (a.y - b.y) / a.size;
            ((a.size - b.size).abs() < 0.5 && gap > 0.8 && gap < 3.0).then_some(gap)
        })
    });
    let spacing = median(gaps);
    if spacing > 0.0 { spacing } else { 1.2 }
}

/// Whether `line` goes on the paragraph that `before` (in a group whose lines end at
/// `right`) is part of.
fn continues(before: &Line, right: f32, line: &Line, spacing: f32) -> bool {
    let text = line.text.trim_start();
    let starts_item = text.starts_with(['•', '◦', '▪', '‣', '●', '■', '–', '-', '*'])
        || text.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        });
    if starts_item || (before.size - line.size).abs() > before.size * 0.1 {
        return false;
    }
    let ends_sentence = before
        .text
        .trim_end()
        .ends_with(['.', '!', '?', ':', '”', '"', '’', ')']);
    let gap = (before.y - line.y) / before.size;
    if gap <= 0.0 || gap > 4.0 {
        // A new column or page: the paragraph goes on unless a sentence ended there.
        return !ends_sentence || text.starts_with(char::is_lowercase);
    }
    if gap > spacing * 1.25 {
        return false;
    }
    // A line set in further than the one before begins a paragraph (an indented first
    // line, a list item); a short line that ends a sentence or a list item ends one.
    if line.x0 > before.x0 + 1.5 * before.size {
        return false;
    }
    let ends_item = ends_sentence || before.text.trim_end().ends_with(';');
    !(ends_item && before.x1 < right - 3.0 * before.size)
}

/// Adds a line to the paragraph in `out`: after a space, or after a hyphen at the end
/// of the line that splits a word, taken away unless the document writes the word with
/// the hyphen elsewhere (and never without it); `words` holds the document's words, and
/// its hyphenated words whole.
fn join_line(out: &mut String, text: &str, words: &HashSet<String>) {
    if let Some(stem) = out.strip_suffix('\u{AD}') {
        out.truncate(stem.len());
        out.push_str(text);
        return;
    }
    let hyphen = ['-', '\u{2010}'].into_iter().find(|&h| out.ends_with(h));
    if let Some(hyphen) = hyphen {
        let stem_end = out.len() - hyphen.len_utf8();
        let left: String = out[..stem_end]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let right: String = text.chars().take_while(|c| c.is_alphanumeric()).collect();
        if !left.is_empty() && right.starts_with(char::is_lowercase) {
            let whole = format!("{left}{right}").to_lowercase();
            let compound = !words.contains(&whole)
                && words.contains(&format!("{left}-{right}").to_lowercase());
            if !compound {
                out.truncate(stem_end);
            }
            out.push_str(text);
            return;
        }
        out.push_str(text);
        return;
    }
    out.push(' ');
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32, y: f32) -> Line {
        Line {
            text: text.into(),
            x0,
            x1,
            y,
            size: 10.0,
        }
    }

    fn text_of(groups: &[Vec<Line>]) -> Vec<&str> {
        groups.iter().flatten().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut lines = vec![line("Headline across the page", 50.0, 550.0, 760.0)];
        for row in 0..5 {
            let y = 700.0 - row as f32 * 14.0;
            lines.push(line(&format!("left {row}"), 50.0, 290.0, y));
            lines.push(line(&format!("right {row}"), 310.0, 550.0, y));
        }
        lines.push(line("Footnote across the page", 50.0, 550.0, 600.0));
        let groups = reading_order(lines);
        assert_eq!(
            text_of(&groups),
            [
                "Headline across the page",
                "left 0",
                "left 1",
                "left 2",
                "left 3",
                "left 4",
                "right 0",
                "right 1",
                "right 2",
                "right 3",
                "right 4",
                "Footnote across the page"
            ]
        );
    }

    #[test]
    fn one_column_with_short_lines_stays_one_column() {
        let lines: Vec<Line> = (0..8)
            .map(|i| {
                let end = if i % 3 == 2 { 200.0 } else { 550.0 };
                line(&format!("line {i}"), 50.0, end, 700.0 - i as f32 * 14.0)
            })
            .collect();
        let groups = reading_order(lines);
        assert_eq!(groups.len(), 1);
    }

    #[test]
    fn lines_join_into_paragraphs_and_hyphenated_words_are_whole() {
        let texts = [
            ("The talks ended on Wednesday with-", 50.0, 550.0),
            ("out an agreement, after a well-", 50.0, 550.0),
            ("known pat\u{AD}", 50.0, 550.0),
            ("tern of cross-", 50.0, 550.0),
            (
                "border quarrels, a well-known cross-border fight.",
                50.0,
                300.0,
            ),
            ("", 0.0, 0.0),
            ("A new paragraph after a gap.", 50.0, 550.0),
            ("• an item", 50.0, 300.0),
            ("an item whose bullet is drawn, not written;", 70.0, 300.0),
            ("another item, on two", 70.0, 550.0),
            ("lines.", 70.0, 100.0),
        ];
        let lines = texts
            .iter()
            .enumerate()
            .filter(|(_, (text, _, _))| !text.is_empty())
            .map(|(i, &(text, x0, x1))| line(text, x0, x1, 700.0 - 14.0 * i as f32));
        let groups = vec![lines.collect::<Vec<_>>()];
        assert_eq!(
            paragraphs(&groups),
            "The talks ended on Wednesday without an agreement, after a well-known pattern of \
             cross-border quarrels, a well-known cross-border fight.\n\nA new paragraph \
             after a gap.\n\n• an item\n\nan item whose bullet is drawn, not written;\n\nanother \
             item, on two lines."
        );
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_left_out() {
        let page = |n: usize, body: &str| {
            vec![
                line("12/3/25, 9:41 AM", 20.0, 80.0, 780.0),
                line(
                    &format!("Report of the board — page {n}"),
                    200.0,
                    400.0,
                    780.0,
                ),
                line(body, 50.0, 550.0, 700.0),
                line(body, 50.0, 550.0, 686.0),
                line("https://example.org/report", 20.0, 200.0, 20.0),
                line(&format!("{n}/2"), 540.0, 560.0, 20.0),
            ]
        };
        let mut pages = vec![page(1, "first"), page(2, "second")];
        for lines in &mut pages {
            for l in lines.iter_mut().filter(|l| l.y > 750.0 || l.y < 50.0) {
                l.size = 8.0;
            }
        }
        drop_running_lines(&mut pages, None);
        let kept: Vec<&str> = pages.iter().flatten().map(|l| l.text.as_str()).collect();
        assert_eq!(kept, ["first", "first", "second", "second"]);
        // One page: the number, the address, the stamp and the title still go.
        let mut one = vec![page(1, "only")];
        one[0][1].text = "The Title".into();
        one[0][1].size = 8.0;
        one[0][0].size = 8.0;
        drop_running_lines(&mut one, Some("The title"));
        let kept: Vec<&str> = one.iter().flatten().map(|l| l.text.as_str()).collect();
        assert_eq!(kept, ["only", "only"]);
    }
}
