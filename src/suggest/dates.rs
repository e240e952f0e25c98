//! Dates: finds date expressions in a paragraph's tokens and normalises them with chrono
//! against the source's publication day.
//!
//! A span covers the date and the words that change its value (`late May`, `last week`,
//! `Wednesday (June 4)`, `April last year`), not the preposition before it (`on`, `in`).
//! A day or month without a year takes its direction from its clause: the next such day
//! when it looks ahead (`will`, `should`, `is to`, `plans to`, `scheduled`, `due`, `by`,
//! `next`), whatever tense the rest of the sentence has; the last one on or before
//! publication when it looks back (`was`, `had`, `should have`, a past tense); else the
//! nearer of the two, the past preferred (edited news leaves out the year of this year's dates), or
//! the year written earlier in the sentence. Weekdays and relative words count back from
//! publication unless the clause looks ahead. `a year earlier`, `the previous day`, `later
//! that month` count from the date mentioned last. Durations (`three years`, `for two
//! weeks`) are not dates.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lexicon::{
    AGO, ANCHOR, DATE_PREP, DATE_START, DAYPART, EARLIER, FUTURE, MEDIA, MONTH, MONTH_SHORT,
    NUMBER, ORDINAL, ORG, PART, PAST, QUARTER, RELATIVE, REPORT, SEASON, SHIFT, UNIT, WEEKDAY,
};
use super::scan::{Kind, Token};
use super::{Hit, Proposal};
use crate::model::{CalendarDate, DateValue};

/// Which way a clause points from publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Back by what dates the clause itself: `since`, a reporting verb or another verb
    /// in the past in the date's own clause.
    Back,
    /// Back by a tense that may not date it: `had`, a past tense in another clause.
    BackByTense,
    Ahead,
    /// Neither: the nearer date, the past preferred.
    Near,
}

/// Which year a day or month without one belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearIs {
    Given(i32),
    /// Relative to the publication year (`last year`: -1).
    Shifted(i32),
    Unknown,
}

/// A part of a month or a year (`early`, `mid`, `late`, `end of`, `beginning of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
    End,
    Beginning,
}

impl Part {
    fn from_value(v: u8) -> Option<Part> {
        Some(match v {
            1 => Part::Early,
            2 | 6 => Part::Mid,
            3 => Part::Late,
            4 => Part::End,
            5 => Part::Beginning,
            _ => return None,
        })
    }
}

/// What a date expression says, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Day {
        year: YearIs,
        month: u32,
        day: u32,
        /// The last day of a range within the month (`21-23 May`).
        to_day: Option<u32>,
    },
    Month {
        year: YearIs,
        month: u32,
        part: Option<Part>,
        /// `last` (1), `this` (2) or `next` (3) before the month.
        shift: Option<u8>,
    },
    Year {
        year: i32,
        to: Option<i32>,
        part: Option<Part>,
    },
    Season {
        year: YearIs,
        season: u8,
        shift: Option<u8>,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Weekday {
        weekday: u8,
        shift: Option<u8>,
    },
    /// Days from publication (`yesterday`: -1).
    Offset(i64),
    /// `three weeks ago`.
    Ago {
        count: u32,
        unit: u8,
    },
    /// `last week`, `this month`, `next year`, `this weekend`.
    Period {
        shift: u8,
        unit: u8,
    },
    /// Days, months or years from the date last mentioned (`a year earlier`, `the
    /// previous day`, `later that month`: -1, -1, 0), or from publication before any.
    Anchored {
        count: i32,
        unit: u8,
    },
}

impl Said {
    /// Whether the expression names its own year (it needs no publication day).
    fn is_absolute(&self) -> bool {
        matches!(
            self,
            Said::Day {
                year: YearIs::Given(_),
                ..
            } | Said::Month {
                year: YearIs::Given(_),
                ..
            } | Said::Season {
                year: YearIs::Given(_),
                ..
            } | Said::Year { .. }
                | Said::Quarter { .. }
        )
    }

    fn year_given(&self) -> Option<i32> {
        match *self {
            Said::Day {
                year: YearIs::Given(y),
                ..
            }
            | Said::Month {
                year: YearIs::Given(y),
                ..
            }
            | Said::Year { year: y, .. } => Some(y),
            _ => None,
        }
    }
}

/// Finds the dates of one paragraph, marks their tokens taken, and adds them to `out`;
/// `anchor` is the date the source mentioned last, kept from one paragraph to the next.
pub(crate) fn find(
    tokens: &mut [Token],
    published: Option<NaiveDate>,
    anchor: &mut Option<CalendarDate>,
    out: &mut Vec<Hit>,
) {
    let mut i = 0;
    // The end of the last date found, for `June and July`, `between 1990 and 2002`.
    let mut last_end: Option<usize> = None;
    let mut sentence_year: Option<i32> = None;
    while i < tokens.len() {
        if tokens[i].sentence_start {
            sentence_year = None;
        }
        let tok = &tokens[i];
        let may_start = match tok.kind {
            Kind::Word => tok.lex.is(DATE_START),
            Kind::Number | Kind::Ordinal => true,
            Kind::Mark(_) => false,
        };
        let Some((first, end, said)) = may_start.then(|| match_at(tokens, i, last_end)).flatten()
        else {
            i += 1;
            continue;
        };
        // Dates with a year of their own or counted from another date need no direction.
        let towards = if said.is_absolute() || matches!(said, Said::Anchored { .. }) {
            Direction::Near
        } else {
            direction(tokens, first, end)
        };
        let value = resolve(said, published, towards, sentence_year, *anchor);
        if let Some(y) = said.year_given() {
            sentence_year = Some(y);
        }
        let proposal = match value {
            Ok(value) => {
                // `a year earlier` said twice means the same year both times.
                if !matches!(said, Said::Anchored { .. }) {
                    *anchor = Some(value.from);
                }
                Proposal::Date {
                    value: Some(value),
                    why_no_value: None,
                }
            }
            Err(Unresolved::Impossible) => {
                i = end;
                continue;
            }
            Err(Unresolved::NoPublication) => Proposal::Date {
                value: None,
                why_no_value: Some(NO_PUBLICATION.to_string()),
            },
        };
        for t in &mut tokens[first..end] {
            t.taken = true;
        }
        out.push(Hit::over(&tokens[first..end], proposal));
        last_end = Some(end);
        i = end;
    }
}

/// Why a date found in a source without a publication day has no value.
pub const NO_PUBLICATION: &str =
    "the source has no publication date to count from; set its published date to resolve this date";

enum Unresolved {
    NoPublication,
    /// Not a real day (`31 June`).
    Impossible,
}

/// The date expression starting at token `i`: (first token, end token, what it says).
fn match_at(t: &[Token], i: usize, last_end: Option<usize>) -> Option<(usize, usize, Said)> {
    let tok = &t[i];
    let prev = i.checked_sub(1).map(|p| &t[p]);
    // `June and July`, `between 1990 and 2002`, `2014-2022`.
    let follows_date = i >= 1
        && last_end == Some(i - 1)
        && prev.is_some_and(|p| {
            p.is_mark('-') || p.is_mark('–') || matches!(p.text, "and" | "or" | "to")
        });
    match tok.kind {
        Kind::Number | Kind::Ordinal => {
            if let Some(found) = iso_date(t, i) {
                return Some(found);
            }
            if let Some((end, said)) = day_first(t, i) {
                return Some((i, end, said));
            }
            if let Some((end, said)) = bare_year(t, i, follows_date) {
                return Some((i, end, said));
            }
            ago(t, i)
        }
        Kind::Word => word_date(t, i, follows_date),
        Kind::Mark(_) => None,
    }
}

/// Dates that start with a word.
fn word_date(t: &[Token], i: usize, follows_date: bool) -> Option<(usize, usize, Said)> {
    let tok = &t[i];
    let lower_or_start = !tok.cap || tok.sentence_start;
    if tok.cap && tok.is(WEEKDAY) {
        return weekday(t, i, None);
    }
    if tok.cap && (tok.is(MONTH) || tok.is(MONTH_SHORT)) {
        if let Some((end, said)) = month_first(t, i) {
            return Some((i, end, said));
        }
        if tok.is(MONTH) {
            let cued = follows_date || month_cue(t, i);
            if let Some((end, said)) = month_alone(t, i, cued, None) {
                return Some((i, end, said));
            }
        }
        return None;
    }
    // `the current year`, but not `the next day` (counted from the date said last).
    if tok.is(SHIFT) && lower_or_start && (!after_article(t, i) || tok.text == "current") {
        return shifted(t, i, i);
    }
    if lower_or_start && tok.is(EARLIER) && word(t, i + 1).is_some_and(|n| n.is(ANCHOR)) {
        return anchored(t, i + 1, i)
            .filter(|(_, _, said)| matches!(said, Said::Anchored { count: 0, .. }));
    }
    if tok.is(ANCHOR) && !tok.cap {
        return anchored(t, i, i);
    }
    if lower_or_start
        && tok.is(EARLIER)
        && word(t, i + 1).is_some_and(|n| n.is(SHIFT) && n.lex.value == 2)
    {
        let (_, end, said) = shifted(t, i + 1, i)?;
        return matches!(said, Said::Period { .. }).then_some((i, end, said));
    }
    if tok.is(RELATIVE) && lower_or_start {
        let days = match tok.lex.value {
            1 => -1,
            3 => 1,
            _ => 0,
        };
        return Some((i, i + 1, Said::Offset(days)));
    }
    if tok.is(PART) && lower_or_start {
        return part_of(t, i);
    }
    if tok.is(SEASON) && lower_or_start {
        return season(t, i, None);
    }
    if tok.is(ORDINAL) && lower_or_start {
        return quarter(t, i);
    }
    if tok.is(NUMBER) && lower_or_start {
        if let Some((year, end)) = spelled_year(t, i) {
            return Some((
                i,
                end,
                Said::Year {
                    year,
                    to: None,
                    part: None,
                },
            ));
        }
        return ago(t, i);
    }
    None
}

/// A year written out, as transcripts write what was spoken: `nineteen ninety-six`,
/// `nineteen oh five`, `nineteen hundred`, `twenty twelve`; `two thousand`, `two thousand
/// and one` only after `year` or a month, where it counts nothing (`the year two
/// thousand`). (year, next token).
fn spelled_year(t: &[Token], i: usize) -> Option<(i32, usize)> {
    // Number words in lower case; the first may open a sentence.
    let number = |k: usize| word(t, k).filter(|w| w.is(NUMBER) && (!w.cap || k == i));
    let first = number(i)?;
    let value = i32::from(first.lex.value);
    // Tens and units: `ninety-six`, `ninety six`, `fifteen`, `six`; (value, next token).
    let below_hundred = |k: usize| {
        let w = number(k)?;
        let tens = i32::from(w.lex.value);
        if !(2..=9).contains(&(tens / 10)) || tens % 10 != 0 {
            return ((1..20).contains(&tens) && w.text != "a" && w.text != "an")
                .then_some((tens, k + 1));
        }
        let glued = t
            .get(k + 1)
            .is_some_and(|d| d.is_mark('-') && !d.space_before);
        let unit = number(k + 1 + usize::from(glued))
            .map(|u| i32::from(u.lex.value))
            .filter(|u| (1..=9).contains(u) && glued);
        Some(match unit {
            Some(u) => (tens + u, k + 3),
            None => (tens, k + 1),
        })
    };
    if (11..=20).contains(&value) {
        let next = word(t, i + 1)?;
        let (rest, end) = match next.text {
            "hundred" => (0, i + 2),
            "oh" => {
                let u = number(i + 2).map(|u| i32::from(u.lex.value))?;
                ((1..=9).contains(&u).then_some(u)?, i + 3)
            }
            _ => below_hundred(i + 1).filter(|&(v, _)| v >= 10)?,
        };
        return Some((value * 100 + rest, end));
    }
    let cued = i
        .checked_sub(1)
        .and_then(|p| word(t, p))
        .is_some_and(|p| p.text == "year" || p.is(MONTH));
    if value != 2 || !cued || word(t, i + 1)?.text != "thousand" {
        return None;
    }
    let and = word(t, i + 2).is_some_and(|w| w.text == "and");
    match below_hundred(i + 2 + usize::from(and)) {
        Some((rest, end)) if rest >= 1 => Some((2000 + rest, end)),
        _ => Some((2000, i + 2)),
    }
}

fn word<'a, 't>(t: &'a [Token<'t>], i: usize) -> Option<&'a Token<'t>> {
    t.get(i).filter(|x| x.is_word())
}

fn after_article(t: &[Token], i: usize) -> bool {
    i > 0 && t[i - 1].is_word() && t[i - 1].text.eq_ignore_ascii_case("the")
}

/// A day of the month at token `i`: 1 to 31, not part of a time, a decimal or a thousand.
fn day_at(t: &[Token], i: usize) -> Option<u32> {
    let tok = t.get(i)?;
    if tok.kind == Kind::Number && tok.text.len() > 2 {
        return None;
    }
    let d = tok.number().filter(|d| (1..=31).contains(d))?;
    if let Some(next) = t.get(i + 1).filter(|n| !n.space_before)
        && (next.is_mark(':') || next.is_mark('.') || next.is_mark(','))
        && t.get(i + 2)
            .is_some_and(|n| !n.space_before && n.kind == Kind::Number)
    {
        return None;
    }
    Some(d)
}

/// A year at token `i`: four digits from 1000 to 2999.
fn year_at(t: &[Token], i: usize) -> Option<i32> {
    let tok = t.get(i)?;
    if tok.kind != Kind::Number || tok.text.len() != 4 {
        return None;
    }
    // `2082.1` is a figure.
    let decimal = t
        .get(i + 1)
        .is_some_and(|d| d.is_mark('.') && !d.space_before)
        && t.get(i + 2)
            .is_some_and(|n| n.kind == Kind::Number && !n.space_before);
    let y = tok.number()? as i32;
    ((1000..=2999).contains(&y) && !decimal).then_some(y)
}

/// A month name at token `i` (`short` allows `Feb`, `Sept.`): (month, next token).
fn month_at(t: &[Token], i: usize, short: bool) -> Option<(u32, usize)> {
    let tok = word(t, i)?;
    if !tok.cap {
        return None;
    }
    if tok.is(MONTH) {
        return Some((tok.lex.value as u32, i + 1));
    }
    if short && tok.is(MONTH_SHORT) {
        let dot = t
            .get(i + 1)
            .is_some_and(|n| n.is_mark('.') && !n.space_before);
        return Some((tok.lex.value as u32, i + 1 + dot as usize));
    }
    None
}

/// A year after a day or a month: `, 2025` or ` 2025`; (year, next token).
fn year_after(t: &[Token], j: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_at(t, j) {
        return Some((y, j + 1));
    }
    if let Some(found) = spelled_year(t, j) {
        return Some(found);
    }
    if t.get(j).is_some_and(|c| c.is_mark(',')) {
        return year_at(t, j + 1).map(|y| (y, j + 2));
    }
    None
}

/// `last year`, `this year`, `next year` after a day or a month; (shift, next token).
fn year_shift_after(t: &[Token], j: usize) -> Option<(i32, usize)> {
    let shift = word(t, j).filter(|w| w.is(SHIFT) && !w.cap)?;
    let unit = word(t, j + 1).filter(|w| w.is(UNIT) && w.lex.value == 4)?;
    if unit.text != "year" {
        return None;
    }
    Some((shift.lex.value as i32 - 2, j + 2))
}

/// The year of a day or month: written, shifted (`last year`), or unknown.
fn year_of(t: &[Token], j: usize) -> (YearIs, usize) {
    if let Some((y, next)) = year_after(t, j) {
        (YearIs::Given(y), next)
    } else if let Some((shift, next)) = year_shift_after(t, j) {
        (YearIs::Shifted(shift), next)
    } else {
        (YearIs::Unknown, j)
    }
}

/// A range's second day: `-23`, `–23`, ` to 23`.
fn range_day(t: &[Token], j: usize) -> Option<u32> {
    let dash = t.get(j)?;
    if !(dash.is_mark('-') || dash.is_mark('–') || dash.text == "to") {
        return None;
    }
    day_at(t, j + 1)
}

/// `2024-06-01`.
fn iso_date(t: &[Token], i: usize) -> Option<(usize, usize, Said)> {
    let y = year_at(t, i)?;
    let glued = |k: usize| t.get(k).is_some_and(|x| !x.space_before);
    let part = |k: usize| {
        t.get(k)
            .filter(|x| x.kind == Kind::Number && x.text.len() == 2)
            .and_then(Token::number)
    };
    if !(1..=4).all(|k| glued(i + k)) || !t[i + 1].is_mark('-') || !t[i + 3].is_mark('-') {
        return None;
    }
    let (m, d) = (part(i + 2)?, part(i + 4)?);
    Some((
        i,
        i + 5,
        Said::Day {
            year: YearIs::Given(y),
            month: m,
            day: d,
            to_day: None,
        },
    ))
}

/// `28 February 2022`, `4th of June`, `21-23 May`, `5 June 2025`.
fn day_first(t: &[Token], i: usize) -> Option<(usize, Said)> {
    let day = day_at(t, i)?;
    let mut j = i + 1;
    let to_day = range_day(t, j);
    if to_day.is_some() {
        j += 2;
    }
    if word(t, j).is_some_and(|w| w.text == "of") {
        j += 1;
    }
    let (month, next) = month_at(t, j, true)?;
    let (year, end) = year_of(t, next);
    Some((
        end,
        Said::Day {
            year,
            month,
            day,
            to_day,
        },
    ))
}

/// `March 18, 2025`, `June 4th`, `May 20-22`, `May 2023`.
fn month_first(t: &[Token], i: usize) -> Option<(usize, Said)> {
    let (month, j) = month_at(t, i, true)?;
    if let Some(y) = year_at(t, j) {
        return Some((
            j + 1,
            Said::Month {
                year: YearIs::Given(y),
                month,
                part: None,
                shift: None,
            },
        ));
    }
    let day = day_at(t, j)?;
    let mut k = j + 1;
    let to_day = range_day(t, k);
    if to_day.is_some() {
        k += 2;
    }
    let (year, end) = year_of(t, k);
    Some((
        end,
        Said::Day {
            year,
            month,
            day,
            to_day,
        },
    ))
}

/// Whether a month name on its own is a date here: after `in`, `since`, `until` and the
/// like, or in `as early as July`.
fn month_cue(t: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| word(t, p)) else {
        return false;
    };
    if prev.is(DATE_PREP) && (!prev.cap || prev.sentence_start) {
        return true;
    }
    as_early_as(t, i)
}

/// `as early as`, `as late as`, `as recently as` just before token `i`.
fn as_early_as(t: &[Token], i: usize) -> bool {
    i >= 2
        && t[i - 1].text == "as"
        && word(t, i - 2).is_some_and(|w| matches!(w.text, "early" | "late" | "soon" | "recently"))
}

/// A month without a day: `May`, `May 2023`, `April last year` (with a cue for the bare
/// name).
fn month_alone(t: &[Token], i: usize, cued: bool, part: Option<Part>) -> Option<(usize, Said)> {
    let (month, j) = month_at(t, i, false)?;
    let (year, end) = year_of(t, j);
    if year == YearIs::Unknown && !cued && part.is_none() {
        return None;
    }
    Some((
        end,
        Said::Month {
            year,
            month,
            part,
            shift: None,
        },
    ))
}

/// `early June`, `mid-June`, `late May 2023`, `end of October`, `mid-2024`, `late 2024`.
fn part_of(t: &[Token], i: usize) -> Option<(usize, usize, Said)> {
    let part = Part::from_value(t[i].lex.value)?;
    let mut j = i + 1;
    match part {
        Part::End | Part::Beginning => {
            if word(t, j).is_none_or(|w| w.text != "of") {
                return None;
            }
            j += 1;
        }
        _ => {
            if t.get(j).is_some_and(|d| d.is_mark('-') && !d.space_before) {
                j += 1;
            }
        }
    }
    if let Some((end, said)) = month_alone(t, j, true, Some(part)) {
        return Some((i, end, said));
    }
    let year = year_at(t, j)?;
    Some((
        i,
        j + 1,
        Said::Year {
            year,
            to: None,
            part: Some(part),
        },
    ))
}

/// A year on its own: after `in`, `since`, `between`..., a range `2014-2022`, or a year
/// written as a modifier (`the 1992 agreement`, `fiscal 1999`, `Iraq's 1990 invasion`).
/// Four digits without a thousands comma are a year in edited news, unless a count or a
/// name says otherwise (`about 1500`, `$1990`, `1990 percent`, `Orion 1980`).
fn bare_year(t: &[Token], i: usize, follows_date: bool) -> Option<(usize, Said)> {
    let year = year_at(t, i)?;
    if !(1800..=2199).contains(&year) {
        return None;
    }
    let prev = i.checked_sub(1).map(|p| &t[p]);
    let cued = follows_date
        || as_early_as(t, i)
        || prev
            .filter(|p| p.is_word())
            .is_some_and(|p| p.is(DATE_PREP) && (!p.cap || p.sentence_start));
    if !cued && (!(1900..=2099).contains(&year) || counted(t, i)) {
        return None;
    }
    let to = t
        .get(i + 1)
        .filter(|d| (d.is_mark('-') || d.is_mark('–')) && !d.space_before)
        .and_then(|_| year_at(t, i + 2))
        .filter(|&y| y > year);
    let end = if to.is_some() { i + 3 } else { i + 1 };
    Some((
        end,
        Said::Year {
            year,
            to,
            part: None,
        },
    ))
}

/// Whether the number at `i` counts or names something rather than giving a year: after
/// a currency sign, a number or a word of quantity (`about`, `nearly`, `than`), before a
/// unit (`%`, `percent`), or after a capitalised word it names (`Orion 1980`).
fn counted(t: &[Token], i: usize) -> bool {
    let next = t.get(i + 1);
    let unit = next.is_some_and(|n| {
        n.is_mark('%') || matches!(n.text, "percent" | "per" | "km" | "kilometres" | "miles")
    });
    let Some(prev) = i.checked_sub(1).map(|p| &t[p]) else {
        return unit;
    };
    let quantity = matches!(
        prev.kind,
        Kind::Number | Kind::Mark('$' | '£' | '€' | '¥' | '#' | '+' | '-' | '–' | '.' | ':' | '/')
    ) || (prev.is_word()
        && QUANTITY.iter().any(|w| prev.text.eq_ignore_ascii_case(w)));
    let named = prev.is_word() && prev.cap && !prev.sentence_start && prev.lex.class == 0;
    unit || quantity || named
}

/// Words before a number that count or label things rather than date them.
const QUANTITY: &[&str] = &[
    "about",
    "some",
    "nearly",
    "almost",
    "over",
    "than",
    "around",
    "roughly",
    "approximately",
    "least",
    "only",
    "just",
    "no",
    "number",
    "page",
    "room",
    "flight",
    "route",
    "dlrs",
    "usd",
    "eur",
];

/// `spring 2026`, `autumn of 2022`, `the autumn` (after `in`), `last summer`.
fn season(t: &[Token], i: usize, shift: Option<u8>) -> Option<(usize, usize, Said)> {
    let season = t[i].lex.value;
    let mut j = i + 1;
    if word(t, j).is_some_and(|w| w.text == "of") && year_at(t, j + 1).is_some() {
        j += 1;
    }
    if let Some(y) = year_at(t, j) {
        return Some((
            i,
            j + 1,
            Said::Season {
                year: YearIs::Given(y),
                season,
                shift,
            },
        ));
    }
    let after_in_the = i >= 2
        && word(t, i - 1).is_some_and(|w| w.text == "the")
        && word(t, i - 2).is_some_and(|w| w.is(DATE_PREP));
    if shift.is_none() && !after_in_the {
        return None;
    }
    Some((
        i,
        i + 1,
        Said::Season {
            year: YearIs::Unknown,
            season,
            shift,
        },
    ))
}

/// `first quarter of 2025`.
fn quarter(t: &[Token], i: usize) -> Option<(usize, usize, Said)> {
    let q = t[i].lex.value as u32;
    word(t, i + 1).filter(|w| w.is(QUARTER))?;
    word(t, i + 2).filter(|w| w.text == "of")?;
    let year = year_at(t, i + 3)?;
    Some((i, i + 4, Said::Quarter { year, quarter: q }))
}

/// `the previous year`, `the following day`, `that month`, `the same day` (from token
/// `i`, the span starting at `first`).
fn anchored(t: &[Token], i: usize, first: usize) -> Option<(usize, usize, Said)> {
    let unit = word(t, i + 1).filter(|w| w.is(UNIT) && !w.text.ends_with('s'))?;
    if !matches!(unit.lex.value, 1 | 3 | 4) {
        return None;
    }
    // `that day` after a verb of saying is a clause (`said that day-to-day ...`).
    if t.get(i + 2)
        .is_some_and(|x| x.is_mark('-') && !x.space_before)
    {
        return None;
    }
    Some((
        first,
        i + 2,
        Said::Anchored {
            count: t[i].lex.value as i32 - 2,
            unit: unit.lex.value,
        },
    ))
}

/// `two days ago`, `a week ago`, `3 years ago`; `a year earlier`, `two days later`.
fn ago(t: &[Token], i: usize) -> Option<(usize, usize, Said)> {
    let count = match t[i].kind {
        Kind::Number => t[i].number()?,
        _ => t[i].lex.value as u32,
    };
    let unit = word(t, i + 1).filter(|w| w.is(UNIT) && w.lex.value <= 4)?;
    let after = word(t, i + 2).filter(|w| w.is(AGO | EARLIER) && !w.cap)?;
    if after.is(EARLIER) {
        if unit.lex.value == 2 {
            return None;
        }
        let count = count as i32;
        return Some((
            i,
            i + 3,
            Said::Anchored {
                count: if after.text == "earlier" {
                    -count
                } else {
                    count
                },
                unit: unit.lex.value,
            },
        ));
    }
    Some((
        i,
        i + 3,
        Said::Ago {
            count,
            unit: unit.lex.value,
        },
    ))
}

/// After `last`, `this`, `next`: a weekday, a unit (`week`), a month, a season, or a part
/// of the day (`this morning`, `last night`); `first` is where the span starts.
fn shifted(t: &[Token], i: usize, first: usize) -> Option<(usize, usize, Said)> {
    let shift = t[i].lex.value;
    // `this fiscal year`: the year the report's figures count in.
    let fiscal = word(t, i + 1).is_some_and(|w| w.text == "fiscal") as usize;
    let next = word(t, i + 1 + fiscal)?;
    if fiscal == 1 && next.text != "year" {
        return None;
    }
    if next.is(UNIT) && !next.text.ends_with('s') && next.lex.value >= 2 {
        return Some((
            first,
            i + 2 + fiscal,
            Said::Period {
                shift,
                unit: next.lex.value,
            },
        ));
    }
    if first != i {
        return None;
    }
    if next.cap && next.is(WEEKDAY) {
        return weekday(t, i + 1, Some(shift)).map(|(_, end, said)| (i, end, said));
    }
    if next.cap && next.is(MONTH) {
        let (end, said) = month_alone(t, i + 1, true, None)?;
        let Said::Month {
            year: YearIs::Unknown,
            month,
            part,
            ..
        } = said
        else {
            return Some((i + 1, end, said));
        };
        return Some((
            i,
            end,
            Said::Month {
                year: YearIs::Unknown,
                month,
                part,
                shift: Some(shift),
            },
        ));
    }
    if next.is(SEASON) {
        return season(t, i + 1, Some(shift)).map(|(_, end, said)| (i, end, said));
    }
    if next.is(DAYPART) {
        let days = match (shift, next.text) {
            (1, "night") => -1,
            (2, _) => 0,
            _ => return None,
        };
        return Some((i, i + 2, Said::Offset(days)));
    }
    None
}

/// `Sunday`, `last Friday`, `Wednesday (June 4)`, `Thursday, 5 June 2025`.
fn weekday(t: &[Token], i: usize, shift: Option<u8>) -> Option<(usize, usize, Said)> {
    let prev = i.checked_sub(1).map(|p| &t[p]);
    if shift.is_none()
        && let Some(p) = prev.filter(|p| p.is_word())
    {
        let recurring = ["the", "a", "every", "each"]
            .iter()
            .any(|w| p.text.eq_ignore_ascii_case(w));
        // `Good Friday`, `Bloody Sunday`: part of a name. A weekday after any other name
        // dates what is said there (`met Sununu Sunday`, `in Paris Tuesday`).
        let named =
            p.cap && !p.sentence_start && NAMED_DAY.iter().any(|w| p.text.eq_ignore_ascii_case(w));
        if recurring || named {
            return None;
        }
    }
    if word(t, i + 1).is_some_and(|n| n.cap && (n.is(ORG) || n.is(MEDIA))) {
        return None;
    }
    let weekday = t[i].lex.value;
    // A date written after the weekday gives the value.
    let mut j = i + 1;
    if t.get(j).is_some_and(|c| c.is_mark(',')) {
        j += 1;
    }
    let paren = t.get(j).is_some_and(|c| c.is_mark('('));
    if paren {
        j += 1;
    }
    let inner = day_first(t, j).or_else(|| month_first(t, j));
    if let Some((mut end, said @ Said::Day { .. })) = inner {
        if paren {
            if !t.get(end).is_some_and(|c| c.is_mark(')')) {
                return None;
            }
            end += 1;
        }
        return Some((i, end, said));
    }
    Some((i, i + 1, Said::Weekday { weekday, shift }))
}

/// Words that make a weekday the name of a day of its own (`Good Friday`, `Super Tuesday`).
const NAMED_DAY: &[&str] = &[
    "good", "black", "bloody", "super", "ash", "holy", "palm", "easter", "cyber", "maundy",
    "shrove", "whit", "giving", "mad", "blue",
];

/// Which way the clause around tokens `first..end` points: ahead with a word such as
/// `will`, `should`, `is to`, `plans to`, `scheduled` or `next` in it, or `for` or `as
/// early as` just before it; back
/// with `had` or `since` before it, or `was`, `were`, `did` or a past tense other than a
/// reporting verb's in it (`the parade was on July 4`, `talks in May failed`).
fn direction(t: &[Token], first: usize, end: usize) -> Direction {
    // Marks that end a clause; not the point of a figure (`9.5 million`).
    let boundary = |k: usize| {
        let x = &t[k];
        let point = x.is_mark('.')
            && !x.space_before
            && k.checked_sub(1).is_some_and(|p| t[p].kind == Kind::Number)
            && t.get(k + 1)
                .is_some_and(|n| n.kind == Kind::Number && !n.space_before);
        !point
            && matches!(
                x.kind,
                Kind::Mark(
                    ',' | ';' | ':' | '—' | '–' | '(' | ')' | '“' | '”' | '"' | '.' | '!' | '?'
                )
            )
    };
    let start = (0..first)
        .rfind(|&k| boundary(k) || t[k].sentence_start)
        .map_or(0, |p| if t[p].sentence_start { p } else { p + 1 });
    // A clause after `that` is what someone said, with a tense of its own.
    let stop = (end..t.len())
        .find(|&k| boundary(k) || t[k].sentence_start || t[k].text == "that")
        .unwrap_or(t.len());
    // A date said with a reporting verb in the past (`on Tuesday said the talks may
    // resume`, `said Tuesday`, `told reporters on Friday`) dates the saying, which is
    // past, whatever the words reported look to.
    let reported_past = |k: usize| {
        word(t, k).is_some_and(|w| {
            w.is(REPORT)
                && !w.is(FUTURE)
                && !w.cap
                && (matches!(w.text, "said" | "told" | "wrote") || w.text.ends_with("ed"))
        })
    };
    // The verb just before the date, or before its object (`told reporters on Monday`).
    let said_before = (first.saturating_sub(3)..first)
        .rev()
        .take_while(|&k| word(t, k).is_some())
        .any(reported_past);
    if said_before || reported_past(end) {
        return Direction::Back;
    }
    // `since`, `had`: the clause looks back, whatever else it says.
    if t[start..first]
        .iter()
        .any(|x| x.text.eq_ignore_ascii_case("since"))
    {
        return Direction::Back;
    }
    if t[start..first]
        .iter()
        .any(|x| x.text.eq_ignore_ascii_case("had"))
    {
        return Direction::BackByTense;
    }
    let cue = (start..stop)
        .filter(|&k| k < first || k >= end)
        .any(|k| (t[k].is_lower(FUTURE) && ahead_here(t, k)) || intends(t, k));
    let before = first
        .checked_sub(1)
        .and_then(|p| word(t, p))
        .is_some_and(|w| w.text == "for");
    let as_early_as = first >= 3
        && t[first - 3..first]
            .iter()
            .map(|x| x.text)
            .eq(["as", "early", "as"]);
    if cue || before || as_early_as {
        return Direction::Ahead;
    }
    // A past tense anywhere in the sentence (`stepped down as chairman, president and
    // chief executive in March`, `In March, the firm received ...`).
    let sentence = t[..first]
        .iter()
        .rposition(|x| x.sentence_start)
        .unwrap_or(0);
    let sentence_end = t[end..]
        .iter()
        .position(|x| x.sentence_start)
        .map_or(t.len(), |p| end + p);
    // In the date's own clause the past tense dates it (`talks in mid-June failed`); in
    // another it may not (`the board approved a dividend, payable Dec. 5`).
    let outside = |k: &usize| *k < first || *k >= end;
    if (start..stop).filter(outside).any(|k| is_past(t, k)) {
        Direction::Back
    } else if (sentence..sentence_end)
        .filter(outside)
        .any(|k| is_past(t, k))
    {
        Direction::BackByTense
    } else {
        Direction::Near
    }
}

/// Whether token `k` is a verb in the past tense that is not a reporting verb's nor one
/// that sets a date (whose tense says nothing of the date: `called for a ceasefire from
/// 1 October`, `extended the offer to Nov. 16`): `was`, `were`, `did`, or a lower-case
/// word ending in `-ed` that is no adjective or participle (`the reduced dividend`, `can
/// be exercised`, `prepared by`, `Seattle-based`).
fn is_past(t: &[Token], k: usize) -> bool {
    let x = &t[k];
    if !x.is_word() || x.cap || x.is(REPORT | FUTURE) {
        return false;
    }
    if matches!(x.text, "was" | "were" | "did") {
        // `was extended to Nov. 16` sets a date rather than dating a past event.
        return !t.get(k + 1).is_some_and(|n| SETS_A_DATE.contains(&n.text));
    }
    let irregular = x.is(PAST);
    if !irregular && (x.text.len() < 5 || !x.text.ends_with("ed") || x.text.ends_with("eed")) {
        return false;
    }
    let sets_a_date = SETS_A_DATE.contains(&x.text);
    let adjective = !x.space_before
        || k.checked_sub(1).is_some_and(|p| {
            BEFORE_ADJECTIVE
                .iter()
                .any(|w| t[p].text.eq_ignore_ascii_case(w))
        })
        || t.get(k + 1).is_some_and(|n| n.text == "by");
    !sets_a_date && !adjective
}

/// Verbs whose tense says nothing of the date they set (`called for a ceasefire from 1
/// October`, `extended the offer to Nov. 16`).
const SETS_A_DATE: &[&str] = &[
    "called",
    "asked",
    "proposed",
    "demanded",
    "agreed",
    "extended",
    "postponed",
    "delayed",
    "rescheduled",
    "moved",
    "slated",
    "appointed",
    "named",
    "set",
    "scheduled",
];

/// Words after which a word in `-ed` is an adjective or a participle, not a past tense.
const BEFORE_ADJECTIVE: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "be", "been", "being", "is", "are",
    "am", "not",
];

/// Whether the forward-looking word at `k` looks ahead here: modals unless `have` follows
/// (`will`, `should end`, not `should have ended`; `will have finished` does), participles
/// after `is`, `was` and the like (`is planned`, `was expected until Friday`), not after
/// `been` (`had been expected`).
fn ahead_here(t: &[Token], k: usize) -> bool {
    let participle = matches!(t[k].text, "planned" | "scheduled" | "expected" | "due");
    if participle {
        return k
            .checked_sub(1)
            .is_some_and(|p| matches!(t[p].text, "is" | "are" | "was" | "were" | "be" | "am"));
    }
    let perfect = matches!(
        t[k].text,
        "should" | "must" | "may" | "might" | "would" | "could"
    ) && t.get(k + 1).is_some_and(|n| n.text == "have");
    !perfect
}

/// Whether token `k` is the `to` of an intention or a schedule (`is to reopen`, `set to
/// resume`, `plans to vote`, `vowed to return`), which looks ahead.
fn intends(t: &[Token], k: usize) -> bool {
    t[k].text == "to"
        && t.get(k + 1).is_some_and(|n| n.is_word())
        && k.checked_sub(1)
            .is_some_and(|p| INTENT_BEFORE_TO.contains(&t[p].text))
}

/// Words before the `to` of an intention or a schedule.
const INTENT_BEFORE_TO: &[&str] = &[
    "is", "are", "am", "going", "set", "plan", "plans", "hope", "hopes", "aim", "aims", "intend",
    "intends", "promised", "pledged", "vowed", "vows", "promises",
];

/// Resolves what a date expression says against the publication day.
fn resolve(
    said: Said,
    published: Option<NaiveDate>,
    towards: Direction,
    sentence_year: Option<i32>,
    anchor: Option<CalendarDate>,
) -> Result<DateValue, Unresolved> {
    if said.is_absolute() {
        return absolute(said);
    }
    if let Said::Anchored { count, unit } = said {
        let from = anchor
            .or(published.map(CalendarDate::Day))
            .ok_or(Unresolved::NoPublication)?;
        return from_anchor(from, count, unit);
    }
    if let (
        Some(y),
        Said::Day {
            year: YearIs::Unknown,
            month,
            day,
            to_day,
        },
    ) = (sentence_year, said)
    {
        return absolute(Said::Day {
            year: YearIs::Given(y),
            month,
            day,
            to_day,
        });
    }
    let p = published.ok_or(Unresolved::NoPublication)?;
    let value = match said {
        Said::Day {
            year,
            month,
            day,
            to_day,
        } => match year {
            YearIs::Shifted(k) => day_range(p.year() + k, month, day, to_day)?,
            _ => this_year_if_soon(p, towards, |y| day_range(y, month, day, to_day).ok())?,
        },
        Said::Month {
            year,
            month,
            part,
            shift,
        } => {
            let y = match (year, shift) {
                (YearIs::Shifted(k), _) => p.year() + k,
                (_, Some(1)) => p.year() - i32::from(month >= p.month()),
                (_, Some(2)) => p.year(),
                (_, Some(_)) => p.year() + i32::from(month <= p.month()),
                _ => {
                    return this_year_if_soon(p, towards, |y| month_value(y, month, part).ok());
                }
            };
            month_value(y, month, part)?
        }
        Said::Season { season, shift, .. } => {
            let start = season_start(season);
            let y = match shift {
                Some(1) => p.year() - i32::from(start >= p.month()),
                Some(2) => p.year(),
                Some(_) => p.year() + i32::from(start <= p.month()),
                None => {
                    let towards = match towards {
                        Direction::Ahead => Direction::Ahead,
                        _ => Direction::Back,
                    };
                    return nearest(p, towards, |y| season_value(y, season).ok());
                }
            };
            season_value(y, season)?
        }
        Said::Weekday { weekday, shift } => {
            let target = weekday_of(weekday);
            let back = |strict: bool| {
                let mut d = if strict { p.pred_opt()? } else { p };
                while d.weekday() != target {
                    d = d.pred_opt()?;
                }
                Some(d)
            };
            let forward = |strict: bool| {
                let mut d = if strict { p.succ_opt()? } else { p };
                while d.weekday() != target {
                    d = d.succ_opt()?;
                }
                Some(d)
            };
            let day = match shift {
                Some(1) => back(true),
                Some(2) => forward(false),
                Some(_) => forward(true),
                None if towards == Direction::Ahead => forward(false),
                None => back(false),
            };
            DateValue::day(day.ok_or(Unresolved::Impossible)?)
        }
        Said::Offset(days) => DateValue::day(add_days(p, days)?),
        Said::Ago { count, unit } => match unit {
            1 => DateValue::day(add_days(p, -(count as i64))?),
            2 => DateValue::day(add_days(p, -7 * count as i64)?),
            3 => {
                let d = p
                    .checked_sub_months(Months::new(count))
                    .ok_or(Unresolved::Impossible)?;
                month_value(d.year(), d.month(), None)?
            }
            _ => DateValue::single(CalendarDate::Year(p.year() - count as i32)),
        },
        Said::Period { shift, unit } => {
            let k = shift as i64 - 2;
            match unit {
                2 => {
                    let monday = add_days(p, -(p.weekday().num_days_from_monday() as i64) + 7 * k)?;
                    range(monday, add_days(monday, 6)?)
                }
                3 => {
                    let d = if k < 0 {
                        p.checked_sub_months(Months::new(1))
                    } else {
                        p.checked_add_months(Months::new(k as u32))
                    }
                    .ok_or(Unresolved::Impossible)?;
                    month_value(d.year(), d.month(), None)?
                }
                4 => DateValue::single(CalendarDate::Year(p.year() + k as i32)),
                _ => {
                    // A weekend: Saturday and Sunday.
                    let saturday = match k {
                        -1 => {
                            let mut d = p.pred_opt().ok_or(Unresolved::Impossible)?;
                            while d.weekday() != Weekday::Sun {
                                d = d.pred_opt().ok_or(Unresolved::Impossible)?;
                            }
                            add_days(d, -1)?
                        }
                        _ => add_days(p, 5 - p.weekday().num_days_from_monday() as i64 + 7 * k)?,
                    };
                    range(saturday, add_days(saturday, 1)?)
                }
            }
        }
        Said::Year { .. } | Said::Quarter { .. } | Said::Anchored { .. } => {
            return absolute(said);
        }
    };
    Ok(value)
}

/// How many days after publication a day or month written without a year is this year's
/// even in a clause that looks back.
const SOON_DAYS: i64 = 92;

/// News writes the year of any day but this year's: a day or month without one that comes
/// within [`SOON_DAYS`] after publication is this year's, whatever the tense around it
/// (`had been set to expire Nov. 6`, `payable Dec. 7` after a past verb, `gave them until
/// mid-November`), unless the clause itself looks back (`since July`); otherwise the
/// [`nearest`] one that way.
fn this_year_if_soon(
    p: NaiveDate,
    towards: Direction,
    in_year: impl Fn(i32) -> Option<DateValue>,
) -> Result<DateValue, Unresolved> {
    let coming =
        in_year(p.year()).filter(|v| (1..=SOON_DAYS).contains(&(v.first_day() - p).num_days()));
    match (towards, coming) {
        (Direction::BackByTense, Some(v)) => Ok(v),
        _ => nearest(p, towards, in_year),
    }
}

/// The date `count` days, months or years (`unit` 1, 3, 4) from `from`, at the unit's
/// precision; a day or month from a coarser date has none.
fn from_anchor(from: CalendarDate, count: i32, unit: u8) -> Result<DateValue, Unresolved> {
    let d = from.first_day();
    match (unit, from) {
        (4, _) => Ok(DateValue::single(CalendarDate::Year(d.year() + count))),
        (3, CalendarDate::Day(_) | CalendarDate::Month { .. }) => {
            let m = d.year() * 12 + d.month0() as i32 + count;
            month_value(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, None)
        }
        (1, CalendarDate::Day(_)) => Ok(DateValue::day(add_days(d, count as i64)?)),
        _ => Err(Unresolved::Impossible),
    }
}

/// The value, near publication, of a day, month or season written without a year: the
/// latest that starts on or before publication (`Back`), the earliest that ends on or
/// after it (`Ahead`), or the nearer of these two, a day ahead counting as one and a half
/// behind (`Near`). `in_year(y)` is its value in year `y` (None: no such day that year).
fn nearest(
    p: NaiveDate,
    towards: Direction,
    in_year: impl Fn(i32) -> Option<DateValue>,
) -> Result<DateValue, Unresolved> {
    let find = |ahead: bool| {
        (0..8)
            .find_map(|k| {
                let v = in_year(if ahead { p.year() + k } else { p.year() - k })?;
                let near = if ahead {
                    v.last_day() >= p
                } else {
                    v.first_day() <= p
                };
                near.then_some(v)
            })
            .ok_or(Unresolved::Impossible)
    };
    match towards {
        Direction::Back | Direction::BackByTense => find(false),
        Direction::Ahead => find(true),
        Direction::Near => {
            let (back, ahead) = (find(false)?, find(true)?);
            let behind = (p - back.last_day()).num_days().max(0);
            let before = (ahead.first_day() - p).num_days().max(0);
            Ok(if 2 * behind <= 3 * before {
                back
            } else {
                ahead
            })
        }
    }
}

fn absolute(said: Said) -> Result<DateValue, Unresolved> {
    match said {
        Said::Day {
            year: YearIs::Given(y),
            month,
            day,
            to_day,
        } => day_range(y, month, day, to_day),
        Said::Month {
            year: YearIs::Given(y),
            month,
            part,
            ..
        } => month_value(y, month, part),
        Said::Season {
            year: YearIs::Given(y),
            season,
            ..
        } => season_value(y, season),
        Said::Year { year, to, part } => Ok(match (to, part) {
            (Some(to), _) => DateValue {
                from: CalendarDate::Year(year),
                to: Some(CalendarDate::Year(to)),
            },
            (None, Some(part)) => {
                let (a, b) = match part {
                    Part::Early => (1, 4),
                    Part::Mid => (5, 8),
                    Part::Late => (9, 12),
                    Part::End => (10, 12),
                    Part::Beginning => (1, 3),
                };
                month_span(year, a, year, b)
            }
            (None, None) => DateValue::single(CalendarDate::Year(year)),
        }),
        Said::Quarter { year, quarter } => Ok(month_span(year, quarter * 3 - 2, year, quarter * 3)),
        _ => Err(Unresolved::NoPublication),
    }
}

fn day_range(y: i32, month: u32, day: u32, to_day: Option<u32>) -> Result<DateValue, Unresolved> {
    let from = NaiveDate::from_ymd_opt(y, month, day).ok_or(Unresolved::Impossible)?;
    match to_day {
        Some(to) if to > day => {
            let to = NaiveDate::from_ymd_opt(y, month, to).ok_or(Unresolved::Impossible)?;
            Ok(range(from, to))
        }
        Some(_) => Err(Unresolved::Impossible),
        None => Ok(DateValue::day(from)),
    }
}

fn month_value(y: i32, month: u32, part: Option<Part>) -> Result<DateValue, Unresolved> {
    let whole = CalendarDate::Month { year: y, month };
    let last = whole.last_day().day();
    let (a, b) = match part {
        None => return Ok(DateValue::single(whole)),
        Some(Part::Early | Part::Beginning) => (1, 10),
        Some(Part::Mid) => (11, 20),
        Some(Part::Late | Part::End) => (21, last),
    };
    let day = |d| NaiveDate::from_ymd_opt(y, month, d).ok_or(Unresolved::Impossible);
    Ok(range(day(a)?, day(b)?))
}

fn season_start(season: u8) -> u32 {
    match season {
        1 => 3,
        2 => 6,
        3 => 9,
        _ => 12,
    }
}

fn season_value(y: i32, season: u8) -> Result<DateValue, Unresolved> {
    let start = season_start(season);
    Ok(if start == 12 {
        month_span(y, 12, y + 1, 2)
    } else {
        month_span(y, start, y, start + 2)
    })
}

fn month_span(y1: i32, m1: u32, y2: i32, m2: u32) -> DateValue {
    DateValue {
        from: CalendarDate::Month {
            year: y1,
            month: m1,
        },
        to: Some(CalendarDate::Month {
            year: y2,
            month: m2,
        }),
    }
}

fn range(from: NaiveDate, to: NaiveDate) -> DateValue {
    DateValue {
        from: CalendarDate::Day(from),
        to: Some(CalendarDate::Day(to)),
    }
}

fn add_days(d: NaiveDate, days: i64) -> Result<NaiveDate, Unresolved> {
    let n = Days::new(days.unsigned_abs());
    if days < 0 {
        d.checked_sub_days(n)
    } else {
        d.checked_add_days(n)
    }
    .ok_or(Unresolved::Impossible)
}

fn weekday_of(value: u8) -> Weekday {
    match value {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::suggest::{Proposal, pairs, suggest_text};

    /// The dates found in `text` published on `published`: (text, value or `-`).
    fn dates(text: &str, published: &str) -> Vec<(String, String)> {
        let published = (published != "-").then(|| published.parse::<NaiveDate>().unwrap());
        suggest_text(text, published)
            .into_iter()
            .filter_map(|f| match f.proposal {
                Proposal::Date { value, .. } => Some((
                    text.chars().skip(f.start).take(f.end - f.start).collect(),
                    value.map_or("-".to_string(), |v| v.to_string()),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn absolute_dates() {
        let text = "It began on 28 February 2022. The deal of March 18, 2025 held until \
                    June 4th, 2025; the ruling is dated 2024-06-01 and 5 June 2025, 09:12 GMT.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[
                ("28 February 2022", "2022-02-28"),
                ("March 18, 2025", "2025-03-18"),
                ("June 4th, 2025", "2025-06-04"),
                ("2024-06-01", "2024-06-01"),
                ("5 June 2025", "2025-06-05"),
            ])
        );
    }

    #[test]
    fn partial_dates_take_the_nearest_year_on_or_before_publication() {
        let text = "They met on June 4 and first spoke on 12 February. The 4th of July parade \
                    was on July 4.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[
                ("June 4", "2025-06-04"),
                ("12 February", "2025-02-12"),
                ("4th of July", "2024-07-04"),
                ("July 4", "2024-07-04"),
            ])
        );
    }

    #[test]
    fn a_clause_that_looks_ahead_takes_the_next_such_day() {
        let text = "The board will meet again on July 16. A hearing is planned for July 21, \
                    and the report came out on May 30. Cuts had been expected since a warning \
                    in July; firefighters had put out the fire by Monday evening.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[
                ("July 16", "2025-07-16"),
                ("July 21", "2025-07-21"),
                ("May 30", "2025-05-30"),
                ("July", "2024-07"),
                ("Monday", "2025-06-02"),
            ])
        );
    }

    #[test]
    fn words_that_point_ahead_resolve_forward_from_publication() {
        // 2025-06-10 is a Tuesday.
        let text = "Divers inspected the hull, and work should end in mid-June. The ministers \
                    will meet on Friday. The report is expected to be out next month. The port \
                    was shut; it is to reopen on Monday. Talks are set to resume in early July. \
                    She vowed to return in May. Work should have ended in mid-May.";
        assert_eq!(
            dates(text, "2025-06-10"),
            pairs(&[
                ("mid-June", "2025-06-11/2025-06-20"),
                ("Friday", "2025-06-13"),
                ("next month", "2025-07"),
                ("Monday", "2025-06-16"),
                ("early July", "2025-07-01/2025-07-10"),
                ("May", "2026-05"),
                ("mid-May", "2025-05-11/2025-05-20"),
            ])
        );
        // Mid-June half gone is still the mid-June ahead.
        assert_eq!(
            dates("Work should end in mid-June.", "2025-06-15"),
            pairs(&[("mid-June", "2025-06-11/2025-06-20")])
        );
    }

    #[test]
    fn a_date_said_in_the_past_dates_the_saying_whatever_the_words_reported_look_to() {
        // 2025-06-11 is a Wednesday.
        let text = "President Okafor on Tuesday said the talks may resume. The minister \
                    told reporters on Monday he would resign. Brandt said Friday the vote \
                    will be close. The board will meet on Friday.";
        assert_eq!(
            dates(text, "2025-06-11"),
            pairs(&[
                ("Tuesday", "2025-06-10"),
                ("Monday", "2025-06-09"),
                ("Friday", "2025-06-06"),
                ("Friday", "2025-06-13"),
            ])
        );
    }

    #[test]
    fn without_a_tense_the_nearer_date_is_meant_the_past_preferred() {
        let text = "The dividend is payable Dec. 7 to holders of record Nov. 22. The rights \
                    expire Feb. 1. The offer expired Sept. 30. The parade was on Oct. 28. \
                    Sales in April rose.";
        assert_eq!(
            dates(text, "2025-10-30"),
            pairs(&[
                ("Dec. 7", "2025-12-07"),
                ("Nov. 22", "2025-11-22"),
                ("Feb. 1", "2026-02-01"),
                ("Sept. 30", "2025-09-30"),
                ("Oct. 28", "2025-10-28"),
                ("April", "2025-04"),
            ])
        );
    }

    #[test]
    fn ranges_of_days() {
        let text = "The visit ran from 21-23 May; the festival runs from 12 to 15 July.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[
                ("21-23 May", "2025-05-21/2025-05-23"),
                ("12 to 15 July", "2025-07-12/2025-07-15"),
            ])
        );
    }

    #[test]
    fn a_year_earlier_in_the_sentence_gives_the_year() {
        let text = "In 2019, on 12 February, the union wrote to the ministry.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[("2019", "2019"), ("12 February", "2019-02-12")])
        );
    }

    #[test]
    fn months_and_years() {
        let text = "Elected in May 2023, she took office in late May and left in 2024. \
                    Talks in mid-June and early July failed; the end of October and mid-2024 \
                    are named, and so are in June and July, April last year and spring 2026.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[
                ("May 2023", "2023-05"),
                ("late May", "2025-05-21/2025-05-31"),
                ("2024", "2024"),
                ("mid-June", "2024-06-11/2024-06-20"),
                ("early July", "2024-07-01/2024-07-10"),
                ("end of October", "2024-10-21/2024-10-31"),
                ("mid-2024", "2024-05/2024-08"),
                ("June", "2025-06"),
                ("July", "2025-07"),
                ("April last year", "2024-04"),
                ("spring 2026", "2026-03/2026-05"),
            ])
        );
    }

    #[test]
    fn weekdays_and_relative_words_count_back_from_publication() {
        // 2025-06-05 is a Thursday.
        let text = "On Sunday they spoke, and on Wednesday (June 4) again. Yesterday, \
                    last week and this afternoon: the envoy left last Thursday, returns next \
                    Tuesday, and wrote three days ago and a year ago. Last month, this year \
                    and last weekend too.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[
                ("Sunday", "2025-06-01"),
                ("Wednesday (June 4)", "2025-06-04"),
                ("Yesterday", "2025-06-04"),
                ("last week", "2025-05-26/2025-06-01"),
                ("this afternoon", "2025-06-05"),
                ("last Thursday", "2025-05-29"),
                ("next Tuesday", "2025-06-10"),
                ("three days ago", "2025-06-02"),
                ("a year ago", "2024"),
                ("Last month", "2025-05"),
                ("this year", "2025"),
                ("last weekend", "2025-05-31/2025-06-01"),
            ])
        );
    }

    #[test]
    fn durations_and_recurring_days_are_not_dates() {
        let text = "The war has lasted three years. He stayed for two weeks, over the last \
                    year, for the last two months, every Friday, on Good Friday, and in 1500 \
                    cases after 24 hours; 2,000 troops came at 09:12.";
        assert_eq!(dates(text, "2025-06-05"), pairs(&[]));
    }

    #[test]
    fn without_a_publication_date_relative_dates_say_why_they_have_no_value() {
        let text = "On Sunday, and in a letter of 12 February, as on 28 February 2022.";
        assert_eq!(
            dates(text, "-"),
            pairs(&[
                ("Sunday", "-"),
                ("12 February", "-"),
                ("28 February 2022", "2022-02-28"),
            ])
        );
        let found = suggest_text("It happened yesterday.", None);
        let Proposal::Date {
            value,
            why_no_value,
        } = &found[0].proposal
        else {
            panic!("{found:?}")
        };
        assert_eq!(*value, None);
        assert!(
            why_no_value
                .as_deref()
                .unwrap()
                .contains("publication date")
        );
    }

    #[test]
    fn years_written_as_modifiers_are_dates() {
        let text = "The 1992 agreement still binds fiscal 1999, and Velgrad's 2004 census \
                    counted about 1950 homes, 2010 percent more; Orion 1980 and $2000 are not.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[("1992", "1992"), ("1999", "1999"), ("2004", "2004")])
        );
    }

    #[test]
    fn dates_relative_to_the_date_last_mentioned() {
        let text = "Sales fell a year earlier. The plant opened on 12 March 2019; the \
                    previous day it was tested and three days later it ran.\nLater that month \
                    the owners sold it. That day-to-day work ended a year later, and a year \
                    later the plant was sold.";
        assert_eq!(
            dates(text, "2025-06-05"),
            pairs(&[
                ("a year earlier", "2024"),
                ("12 March 2019", "2019-03-12"),
                ("previous day", "2019-03-11"),
                ("three days later", "2019-03-15"),
                ("Later that month", "2019-03"),
                ("a year later", "2020"),
                ("a year later", "2020"),
            ])
        );
    }

    #[test]
    fn years_written_out_as_spoken() {
        let text = "Nineteen ninety-seven. The river rose in nineteen ninety-six, and again \
                    in January nineteen ninety-eight. The walls were due by the year two \
                    thousand and one; the first stood in nineteen oh five. Twenty people and \
                    two thousand sandbags came.";
        assert_eq!(
            dates(text, "2025-03-14"),
            pairs(&[
                ("Nineteen ninety-seven", "1997"),
                ("nineteen ninety-six", "1996"),
                ("January nineteen ninety-eight", "1998-01"),
                ("two thousand and one", "2001"),
                ("nineteen oh five", "1905"),
            ])
        );
    }

    #[test]
    fn a_weekday_after_a_name_dates_what_happened_there() {
        // 2025-10-30 is a Thursday.
        let text = "Shares fell in Nordhavn Monday. Officials met Okafor Tuesday. Shops \
                    were full on Good Friday and Black Friday.";
        assert_eq!(
            dates(text, "2025-10-30"),
            pairs(&[("Monday", "2025-10-27"), ("Tuesday", "2025-10-28")])
        );
    }

    #[test]
    fn a_day_in_the_coming_weeks_is_this_year_s_whatever_the_tense() {
        let text = "The offer, which had been set to expire Nov. 6, was extended. The board \
                    approved a dividend of 14 cents, payable Dec. 5. Talks failed on Oct. 2. \
                    Prices have risen since November. The bid was extended to Nov. 20. Halvor \
                    said it will redeem 9.5 million preferred shares on Oct. 31.";
        assert_eq!(
            dates(text, "2025-10-30"),
            pairs(&[
                ("Nov. 6", "2025-11-06"),
                ("Dec. 5", "2025-12-05"),
                ("Oct. 2", "2025-10-02"),
                ("November", "2024-11"),
                ("Nov. 20", "2025-11-20"),
                ("Oct. 31", "2025-10-31"),
            ])
        );
    }

    #[test]
    fn the_current_and_the_fiscal_year() {
        let text = "Sales in the current fiscal year will rise; the current year is hard, \
                    and last fiscal year was worse.";
        assert_eq!(
            dates(text, "2025-10-30"),
            pairs(&[
                ("current fiscal year", "2025"),
                ("current year", "2025"),
                ("last fiscal year", "2024"),
            ])
        );
    }

    #[test]
    fn a_figure_with_decimals_is_no_year() {
        let text = "The index closed at 2031.6, down from Oct. 13, when the selloff began.";
        assert_eq!(
            dates(text, "2025-10-30"),
            pairs(&[("Oct. 13", "2025-10-13")])
        );
    }

    #[test]
    fn past_tenses_not_in_ed_look_back() {
        let text = "In January, Halvor bought two tankers. In February the firm sold a \
                    barge. The lost cargo of March is insured.";
        assert_eq!(
            dates(text, "2025-10-30"),
            pairs(&[
                ("January", "2025-01"),
                ("February", "2025-02"),
                ("March", "2026-03")
            ])
        );
    }

    #[test]
    fn months_used_as_names_are_not_dates() {
        let text = "April Ramos met June Okafor. May said she would stay.";
        assert_eq!(dates(text, "2025-06-05"), pairs(&[]));
    }

    #[test]
    fn impossible_days_are_not_suggested() {
        assert_eq!(
            dates("On 31 June 2025 and February 30.", "2025-06-05"),
            pairs(&[])
        );
    }
}
