//! Claims: reported statements in a paragraph, with who made them and through whom.
//!
//! A claim is the clause a reporting verb governs (`Peskov said [the talks were frank]`,
//! `[The talks were frank], the Kremlin said`, `According to Tass, [...]`) or a direct
//! quotation of three words or more that no such clause already covers. The speaker is
//! the actor named in the attribution; the via is the outlet or office that carried it
//! (`Tass reported, citing spokesman Dmitry Peskov, that ...`: via Tass, speaker Peskov;
//! `Peskov told Reuters that ...`: via Reuters). A claim proposes the claim group of a
//! grouped claim in another source that shares most of its words.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::actors::Actor;
use super::lexicon::{PRONOUN, REPORT, STOP};
use super::pronouns::{self, Named, Stand};
use super::scan::{self, Kind, Token};
use super::{EntityChoice, Hit, Proposal};
use crate::model::{ClaimGroupId, EntityKind, Project, SourceId, Tag};

/// The grouped claims of a project, by their words, to propose groups for new claims.
#[derive(Debug, Default)]
pub(crate) struct ClaimIndex {
    /// Word hash -> entries that contain it.
    postings: FxHashMap<u64, Vec<u32>>,
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    source: SourceId,
    group: ClaimGroupId,
    words: usize,
}

/// How much of the shorter claim's words the other must share to propose its group.
const SHARED: f64 = 0.5;
/// And at least this many words.
const SHARED_WORDS: usize = 3;

impl ClaimIndex {
    pub fn new(project: &Project) -> ClaimIndex {
        let mut index = ClaimIndex::default();
        let mut tokens = Vec::new();
        let mut words = Vec::new();
        for a in project.annotations.values() {
            let Tag::Claim {
                group: Some(group), ..
            } = &a.tag
            else {
                continue;
            };
            if !project.claim_groups.contains_key(group) {
                continue;
            }
            tokens.clear();
            scan::scan(&a.quote.exact, 0, 0, &mut tokens);
            content_words(&tokens, &mut words);
            if words.len() < SHARED_WORDS {
                continue;
            }
            let n = index.entries.len() as u32;
            for &w in &words {
                index.postings.entry(w).or_default().push(n);
            }
            index.entries.push(Entry {
                source: a.source.clone(),
                group: group.clone(),
                words: words.len(),
            });
        }
        index
    }

    /// The group of the grouped claim in another source most like a claim with `words`.
    fn best(&self, words: &[u64], source: Option<&SourceId>) -> Option<&ClaimGroupId> {
        if self.entries.is_empty() || words.len() < SHARED_WORDS {
            return None;
        }
        // (entry, shared words); few entries share a word with one claim.
        let mut hits: Vec<(u32, usize)> = Vec::new();
        for w in words {
            for &e in self.postings.get(w).into_iter().flatten() {
                match hits.iter_mut().find(|(x, _)| *x == e) {
                    Some((_, n)) => *n += 1,
                    None => hits.push((e, 1)),
                }
            }
        }
        hits.into_iter()
            .filter_map(|(e, shared)| {
                let entry = &self.entries[e as usize];
                let score = shared as f64 / entry.words.min(words.len()) as f64;
                let other_source = source != Some(&entry.source);
                (other_source && shared >= SHARED_WORDS && score >= SHARED).then_some((
                    score,
                    shared,
                    std::cmp::Reverse(e),
                    entry,
                ))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)))
            .map(|(_, _, _, entry)| &entry.group)
    }
}

/// The hashes of a claim's words that carry meaning (no function words, three letters or
/// more), lower-cased, sorted and without repeats.
fn content_words(tokens: &[Token], out: &mut Vec<u64>) {
    out.clear();
    for t in tokens {
        if !t.is_word() || t.is(STOP) || t.text.len() < 3 {
            continue;
        }
        let mut h = FxHasher::default();
        let mut buf = [0u8; 24];
        if t.text.is_ascii() && t.text.len() <= buf.len() {
            let lower = &mut buf[..t.text.len()];
            lower.copy_from_slice(t.text.as_bytes());
            lower.make_ascii_lowercase();
            h.write(lower);
        } else {
            for c in t.text.chars().flat_map(char::to_lowercase) {
                let mut utf8 = [0u8; 4];
                h.write(c.encode_utf8(&mut utf8).as_bytes());
            }
        }
        out.push(h.finish());
    }
    out.sort_unstable();
    out.dedup();
}

/// How a reporting verb takes what it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// A clause at once or after `that` (`said the talks ...`, `said that ...`).
    Clause,
    /// Only a clause after `that`, a colon or a quotation: `told reporters that ...`, but
    /// not `promised new homes`, `claimed responsibility`.
    That,
    /// An appeal: `urged Doravia to make a gesture`.
    Appeal,
    /// What it says of its object, or a clause after `that`: `called the charges
    /// unfounded`, `cited the figure`, `denied the report`.
    Object,
}

fn takes(verb: &str) -> Takes {
    match verb {
        "urged" | "urges" | "appealed" => Takes::Appeal,
        "said" | "says" | "say" | "Says" | "Say" | "Warns" | "saying" | "added" | "adds"
        | "stated" | "states" | "insisted" | "insists" | "argued" | "believes" | "explained"
        | "wrote" | "writes" | "replied" | "maintained" | "countered" | "complained"
        | "stressed" | "stresses" | "emphasized" | "emphasised" | "emphasizes" | "emphasises"
        | "reaffirmed" | "believe" | "believed" | "argues" | "argue" | "thinks" | "think"
        | "tweeted" | "contends" | "contended" => Takes::Clause,
        "called" | "calls" | "calling" | "cited" | "cites" | "citing" | "described"
        | "describes" | "describing" | "criticized" | "criticised" | "criticizes"
        | "criticises" | "praised" | "praises" | "condemned" | "condemns" | "questioned"
        | "questions" | "mentioned" | "proposed" | "proposes" | "defended" | "defends"
        | "defending" | "blasted" | "blasts" | "accused" | "accuses" | "demanded" | "demands"
        | "demanding" | "denied" | "denies" | "rejected" | "rejects" | "dismissed"
        | "dismisses" | "slammed" | "slams" | "blamed" | "blames" | "hailed" | "decried"
        | "derided" | "mocked" | "touted" | "touts" | "disputed" | "disputes" | "recommended"
        | "recommends" | "opposed" | "opposes" | "acknowledged" | "acknowledges" | "noted"
        | "notes" | "announced" | "announces" | "predicted" | "predicts" | "highlighted"
        | "highlights" | "promised" | "promises" | "pledged" | "pledges" | "vowed" | "vows"
        | "reports" | "refused" | "refuses" | "threatened" | "threatens" | "wants" | "wanted"
        | "plans" | "planned" | "intends" | "intended" | "hopes" | "hoped" | "shows" | "showed"
        | "endorsed" | "endorses" | "supported" | "supports" | "denounced" | "denounces"
        | "discussed" | "hope" | "hoping" => Takes::Object,
        _ => Takes::That,
    }
}

/// Whether the verb at `v` is negated (`did not say`, `has never confirmed`).
fn negated(t: &[Token], v: usize) -> bool {
    t[v.saturating_sub(2)..v].iter().any(|x| {
        matches!(x.text, "not" | "never") || x.text.ends_with("n't") || x.text.ends_with("n’t")
    })
}

/// A claim found in a sentence: tokens `first..end` and the actors who speak and carry it.
#[derive(Debug)]
struct Claim {
    first: usize,
    end: usize,
    speaker: Option<usize>,
    via: Option<usize>,
}

/// Finds the claims of one paragraph; `actors` are the actors found in it.
/// Buffers the claim finder reuses from one paragraph to the next.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pairs: Vec<(usize, usize)>,
    quoted: Vec<bool>,
    bounds: Vec<usize>,
    found: Vec<Claim>,
    words: Vec<u64>,
    /// The previous paragraph ended by introducing a quotation (`Caddell continued:`),
    /// with the speaker it names, if any.
    introduced: Option<Option<EntityChoice>>,
    /// The previous paragraph ended with a quotation and this speaker: a paragraph that
    /// opens with a quotation and names nobody goes on with it.
    quoting: Option<EntityChoice>,
    /// The persons and organisations named lately, for `he said`, `the ministry said`.
    named: Named,
}

/// Finds the claims of one paragraph; `actors` are the actors found in it.
pub(crate) fn find(
    t: &[Token],
    actors: &[Actor],
    index: &ClaimIndex,
    source: Option<&SourceId>,
    scratch: &mut Scratch,
    out: &mut Vec<Hit>,
) {
    let Scratch {
        pairs,
        quoted,
        bounds,
        found,
        words,
        introduced,
        quoting,
        named,
    } = scratch;
    named.next_paragraph();
    // A paragraph that opens with a quotation after one that introduced it is that
    // speaker's (`He said:` / `"We have a situation …`).
    let lead = turn_marks(t);
    let introduced = std::mem::replace(introduced, introduction(t, actors)).filter(|_| lead > 0);
    let quoted_before = quoting.take().filter(|_| lead > 0);
    // What a quotation left open says: from its mark to the paragraph's end. A straight
    // mark left over is as often an inch or a typing slip.
    let left_open = quote_pairs(t, pairs)
        .filter(|&o| t[o].is_mark('“'))
        .filter(|&o| words_in(t, o + 1, t.len()) >= 3)
        .map(|o| (o + 1, trim_end(t, o + 1, body_end(t, o + 1, t.len()))));
    quoted.clear();
    quoted.resize(t.len(), false);
    for &(open, close) in pairs.iter() {
        for q in &mut quoted[open + 1..close] {
            *q = true;
        }
    }
    bounds.clear();
    bounds.push(0);
    for k in 1..t.len() {
        let last = bounds[bounds.len() - 1];
        if t[k].sentence_start {
            bounds.push(opening_marks(t, last + 1, k));
        }
    }
    bounds.push(t.len());
    found.clear();
    if let Some(turn) = speaker_turn(t, actors) {
        found.push(turn);
        bounds.clear();
    }
    for w in bounds.windows(2) {
        sentence_claims(t, w[0], w[1], quoted, pairs, actors, found);
    }
    for c in found.iter_mut() {
        (c.first, c.end) = whole_quotation(t, pairs, c.first, c.end);
        // A quotation left open runs to the paragraph's end.
        if let Some(span) = left_open.filter(|&(first, _)| c.first + 1 == first || c.first == first)
        {
            (c.first, c.end) = span;
        }
    }
    if let Some((first, end)) =
        left_open.filter(|&(first, _)| !found.iter().any(|c| first <= c.end))
    {
        found.push(Claim {
            first,
            end,
            speaker: None,
            via: None,
        });
    }
    for &(open, close) in pairs.iter() {
        let covered = found.iter().any(|c| c.first <= close && open < c.end);
        // A headline capitalises every word: its quotations are no titles for that.
        let title = is_title(&t[open + 1..close]) && !super::actors::is_headline(t);
        if covered || words_in(t, open + 1, close) < 3 || title {
            continue;
        }
        let end = trim_end(t, open + 1, close);
        found.push(Claim {
            first: open + 1,
            end,
            speaker: speaker_after_quote(t, close, actors),
            via: None,
        });
    }
    if introduced.is_some() && !found.iter().any(|c| c.first <= lead) {
        let (first, end) = tidy(t, lead, body_end(t, lead, t.len()));
        found.push(Claim {
            first,
            end,
            speaker: None,
            via: None,
        });
    }
    found.sort_by_key(|c| c.first);
    join_resumed_quotations(t, found);
    // How many of the paragraph's actors (in text order) are remembered so far, as those a
    // pronoun or a description may stand for.
    let mut remembered = 0;
    for c in found.iter() {
        if c.end <= c.first || words_in(t, c.first, c.end) < 3 {
            continue;
        }
        let stand = c
            .speaker
            .is_none()
            .then(|| pronouns::speaking(t, c.first, c.end))
            .flatten();
        let upto = stand.map_or(c.first, |(k, _)| k);
        while let Some(a) = actors.get(remembered).filter(|a| a.first < upto) {
            named.remember(t, a);
            remembered += 1;
        }
        let group = if index.entries.is_empty() {
            None
        } else {
            content_words(&t[c.first..c.end], words);
            index.best(words, source).cloned()
        };
        let choice = |a: Option<usize>| a.map(|a| actors[a].choice.clone());
        let speaker = match (&introduced, c.speaker, stand) {
            (Some(introducer), None, _) if c.first <= lead => introducer.clone(),
            (_, None, None) if c.first <= lead && quoted_before.is_some() => quoted_before.clone(),
            (_, None, Some((_, stand))) => named.stands_for(t, stand),
            (_, speaker, _) => choice(speaker),
        };
        let by_person = match c.speaker {
            Some(a) => actors[a].kind == EntityKind::Person,
            None => matches!(stand, Some((_, Stand::Pronoun(_)))),
        };
        if let Some(person) = speaker.as_ref().filter(|_| by_person) {
            named.speaks(person);
        }
        // Only a quotation that ends the paragraph, but for its attribution.
        let in_quotation = quoted[c.first] || left_open.is_some_and(|(first, _)| c.first == first);
        *quoting = speaker
            .clone()
            .filter(|_| in_quotation && t.len() - c.end <= 10);
        out.push(Hit::over(
            &t[c.first..c.end],
            Proposal::Claim {
                speaker,
                via: choice(c.via),
                group,
            },
        ));
    }
    for a in &actors[remembered.min(actors.len())..] {
        named.remember(t, a);
    }
}

/// A claim `first..end` that opens a quotation of several sentences runs to the
/// quotation's close (`said: “We agreed. Now they must act.”`), inside its marks.
fn whole_quotation(
    t: &[Token],
    pairs: &[(usize, usize)],
    first: usize,
    end: usize,
) -> (usize, usize) {
    pairs
        .iter()
        .find(|&&(open, close)| (open == first || open + 1 == first) && close > end)
        .map_or((first, end), |&(open, close)| {
            (open + 1, trim_end(t, open + 1, close))
        })
}

/// A quotation that its attribution interrupts is one claim: `“We agreed,” Okafor said.
/// “Now they must act.”` The quotation after the attribution joins the claim before it
/// when nothing but the attribution (a reporting verb, no other quotation) lies between.
fn join_resumed_quotations(t: &[Token], found: &mut Vec<Claim>) {
    let mut k = 1;
    while k < found.len() {
        let (a, b) = (&found[k - 1], &found[k]);
        // The closing mark, after the comma the claim leaves out.
        let close = t[a.end.min(t.len())..]
            .iter()
            .take(2)
            .position(is_quote_mark)
            .map(|p| a.end + p);
        let resumes = close.is_some_and(|close| {
            b.first > close + 2
                && b.first - close <= 40
                && b.speaker.is_none_or(|s| Some(s) == a.speaker)
                && is_quote_mark(&t[b.first - 1])
                && {
                    let between = &t[close + 1..b.first - 1];
                    between.iter().any(|x| x.is_lower(REPORT)) && !between.iter().any(is_quote_mark)
                }
        });
        if resumes {
            found[k - 1].end = found[k].end;
            found.remove(k);
        } else {
            k += 1;
        }
    }
}

/// A paragraph that opens with a speaker and a colon, as transcripts and interviews
/// write a turn (`OKAFOR: The vote was fair. Nobody disputes it.`): the rest of the
/// paragraph is what the speaker said. A transcript quoted in a report opens each turn
/// with a quotation mark (`"OKAFOR: …`).
///
/// A headline may do the same with any name (`Harbour Poll: Ferries Run Half Empty`):
/// one or two capitalised words and a colon open a paragraph of one line.
fn speaker_turn(t: &[Token], actors: &[Actor]) -> Option<Claim> {
    let lead = turn_marks(t);
    let speaker = actors.first().filter(|a| a.first == lead);
    let colon = match speaker {
        Some(a) => a.end,
        None => headline_speaker(t, lead)?,
    };
    if !t.get(colon).is_some_and(|x| x.is_mark(':')) || words_in(t, colon + 1, t.len()) < 3 {
        return None;
    }
    // A quoted turn may close its quotation at the paragraph's end.
    let mut last = t.len();
    if lead > 0 && is_quote_mark(&t[last - 1]) {
        last -= 1;
    }
    let (first, end) = tidy(t, colon + 1, body_end(t, colon + 1, last));
    Some(Claim {
        first,
        end,
        speaker: speaker.map(|_| 0),
        via: None,
    })
}

/// Where the colon after a headline's speaker is: one or two capitalised words (not in
/// capitals) from `lead`, in a paragraph of one line (no more than 40 tokens, one full
/// stop at most), and not a label (`Update:`, `Photo:`).
fn headline_speaker(t: &[Token], lead: usize) -> Option<usize> {
    let stops = t.iter().filter(|x| x.is_mark('.')).count();
    if t.len() > 40 || stops > 1 || t.get(lead).is_none_or(|x| x.is(STOP)) {
        return None;
    }
    let colon = (lead..t.len().min(lead + 3)).find(|&k| t[k].is_mark(':'))?;
    let label = matches!(
        t[lead].text,
        "Update"
            | "Updated"
            | "Note"
            | "Editor"
            | "Photo"
            | "Photos"
            | "Video"
            | "Watch"
            | "Related"
            | "Read"
            | "Correction"
            | "Source"
            | "Sources"
            | "Warning"
            | "Exclusive"
            | "Breaking"
            | "Analysis"
            | "Opinion"
            | "Live"
            | "Listen"
    );
    let named = colon > lead
        && t[lead..colon]
            .iter()
            .all(|x| x.is_word() && x.cap && !x.caps && !x.is_lower(REPORT));
    (named && !label).then_some(colon)
}

/// Whether a paragraph ends by introducing the quotation of the next one: a reporting
/// verb among its last words and a colon (`Caddell continued:`, `In a statement, the
/// ministry said:`); then the speaker named just before or after that verb, if any.
fn introduction(t: &[Token], actors: &[Actor]) -> Option<Option<EntityChoice>> {
    let colon = t.len().checked_sub(1).filter(|&c| t[c].is_mark(':'))?;
    let verb = (colon.saturating_sub(4)..colon).rev().find(|&v| {
        let word = t[v].text;
        matches!(
            word,
            "continued" | "continues" | "declared" | "declares" | "announced" | "told" | "tells"
        ) || (t[v].is_word() && takes(word) == Takes::Clause)
    })?;
    let speaker = actors
        .iter()
        .find(|a| a.end == verb || a.first == verb + 1)
        .map(|a| a.choice.clone());
    Some(speaker)
}

/// How many quotation marks open a paragraph (a quoted transcript's turn).
pub(crate) fn turn_marks(t: &[Token]) -> usize {
    t.iter()
        .take_while(|x| matches!(x.kind, Kind::Mark('"' | '“' | '«' | '‘' | '„')))
        .count()
}

/// Where a sentence whose first word is token `k` starts: at the quotation marks or
/// brackets glued to that word (`“We have ...`), but not before `from`.
fn opening_marks(t: &[Token], from: usize, mut k: usize) -> usize {
    while k > from
        && !t[k].space_before
        && matches!(t[k - 1].kind, Kind::Mark('“' | '«' | '"' | '(' | '‘'))
    {
        k -= 1;
    }
    k
}

/// Quotation marks that open and close each other: (opening token, closing token); and
/// the mark that opens a quotation left open at the paragraph's end (`“We agreed.` with
/// the next paragraph going on with the quotation).
fn quote_pairs(t: &[Token], pairs: &mut Vec<(usize, usize)>) -> Option<usize> {
    pairs.clear();
    let mut open: Option<(usize, char)> = None;
    for (k, tok) in t.iter().enumerate() {
        let Kind::Mark(c) = tok.kind else { continue };
        match (open, c) {
            (None, '“' | '«' | '"') => open = Some((k, c)),
            (Some((o, '“')), '”') | (Some((o, '«')), '»') | (Some((o, '"')), '"') => {
                pairs.push((o, k));
                open = None;
            }
            _ => {}
        }
    }
    open.map(|(o, _)| o)
}

/// Whether quoted words are a title (`“The Water Year”`, `“Make Your Kid a
/// Millionaire”`): every word of four letters or more capitalised, no full stop.
fn is_title(words: &[Token]) -> bool {
    words
        .iter()
        .filter(|x| x.is_word() && x.text.chars().count() >= 4)
        .all(|x| x.cap)
        && !words
            .iter()
            .any(|x| matches!(x.kind, Kind::Mark('.' | '!' | '?')))
}

fn is_quote_mark(tok: &Token) -> bool {
    matches!(tok.kind, Kind::Mark('“' | '”' | '«' | '»' | '"'))
}

/// The number of words in tokens `a..e`.
fn words_in(t: &[Token], a: usize, e: usize) -> usize {
    t[a..e].iter().filter(|x| x.is_word()).count()
}

/// The end of a sentence's text without its closing full stop (kept inside quotes).
fn body_end(t: &[Token], s: usize, e: usize) -> usize {
    let mut end = e;
    while end > s && matches!(t[end - 1].kind, Kind::Mark('.' | '!' | '?' | ';' | ',')) {
        end -= 1;
    }
    end
}

/// Drops trailing commas and dashes from a claim.
fn trim_end(t: &[Token], first: usize, mut end: usize) -> usize {
    while end > first && matches!(t[end - 1].kind, Kind::Mark(',' | ';' | ':' | '—' | '–')) {
        end -= 1;
    }
    end
}

/// Drops quotation marks around the whole claim, and trailing commas.
fn tidy(t: &[Token], first: usize, end: usize) -> (usize, usize) {
    let (mut first, mut end) = (first, trim_end(t, first, end));
    if end > first + 1 && is_quote_mark(&t[first]) && is_quote_mark(&t[end - 1]) {
        let inner = &t[first + 1..end - 1];
        if !inner.iter().any(is_quote_mark) {
            first += 1;
            end -= 1;
        }
    }
    (first, trim_end(t, first, end))
}

/// The actor that speaks for tokens `a..e`: the last person named there, else the last
/// actor.
fn actor_in(actors: &[Actor], a: usize, e: usize) -> Option<usize> {
    // Actors come in text order.
    let from = actors.partition_point(|x| x.first < a);
    let to = actors.partition_point(|x| x.first < e);
    let inside = (from..to).filter(|&k| actors[k].end <= e);
    inside
        .clone()
        .rfind(|&k| actors[k].kind == EntityKind::Person)
        .or_else(|| inside.max())
}

/// The reported claims of the sentence `s..e`: one, and after it another where the
/// sentence goes on to a second attribution (`Ruiz agreed that ..., but he said that
/// ...`).
fn sentence_claims(
    t: &[Token],
    s: usize,
    e: usize,
    quoted: &[bool],
    pairs: &[(usize, usize)],
    actors: &[Actor],
    found: &mut Vec<Claim>,
) {
    let mut from = s;
    let mut carried = None;
    loop {
        let Some(claim) = sentence_claim(t, from, e, quoted, pairs, actors, carried) else {
            // `Reid mocked Romney for ..., claiming that ...`: a verb that reports nothing
            // here leaves the next one to try, with the same subject.
            let mut verbs = (from..e).filter(|&k| !quoted[k] && t[k].is_lower(REPORT));
            let (Some(v), Some(_)) = (verbs.next(), verbs.next()) else {
                break;
            };
            carried = Some(carried.flatten().or_else(|| actor_in(actors, from, v)));
            from = v + 1;
            continue;
        };
        let next = claim.end;
        carried = Some(claim.speaker);
        // Only a claim after its verb leaves the rest of the sentence to read; one before
        // it (`“...,” Ruiz said in an interview`) ends with its attribution.
        let goes_on = claim.first >= from
            && next > from
            && (from..claim.first).any(|k| !quoted[k] && t[k].is_lower(REPORT));
        found.push(claim);
        if !goes_on {
            break;
        }
        from = next;
    }
}

/// The reported claim of the sentence `s..e`, if it has one. `carried` is set when `s` is
/// inside the sentence, after a claim or a verb of its own: the subject so far, who
/// speaks for a second verb (`... and vowed to`, `..., claiming that`).
fn sentence_claim(
    t: &[Token],
    s: usize,
    e: usize,
    quoted: &[bool],
    pairs: &[(usize, usize)],
    actors: &[Actor],
    carried: Option<Option<usize>>,
) -> Option<Claim> {
    let end = body_end(t, s, e);
    if let Some(claim) = according_to(t, s, end, quoted, actors) {
        return Some(claim);
    }
    // Not a noun (`the attacks on`, `his notes`, `taking calls`), nor `so-called`, nor
    // a name given in passing (`in what it called their first talks`).
    let is_verb = |k: &usize| {
        let k = *k;
        !quoted[k]
            && (t[k].is_lower(REPORT) || is_headline_says(&t[k]))
            && !negated(t, k)
            && !(k >= s + 2 && t[k - 2].text == "what")
            && !(k > s
                && (is_determiner(&t[k - 1]) || (!t[k].space_before && t[k - 1].is_mark('-'))))
            && !reads_as_noun(t, k)
    };
    let first_verb = (s..end).find(is_verb)?;
    let last_verb = (s..end).rev().find(is_verb)?;
    // The attribution after the claim (`..., the press office said in a statement.`).
    let b = subject_start(t, s, last_verb);
    let b = named_before_role(t, s, b, actors).unwrap_or(b);
    let after_boundary = b > s && matches!(t[b - 1].kind, Kind::Mark(',' | '”' | '"' | '»' | '—'));
    // After such a verb come only adverbials (`in a statement`, `on Tuesday`), perhaps
    // then a clause of its own after a comma (`, in what it called ...`).
    let rest = &t[last_verb + 1..end];
    let head = &rest[..rest
        .iter()
        .position(|x| x.is_mark(','))
        .unwrap_or(rest.len())];
    // `has called for a ceasefire`: what such a verb calls for is its object.
    let object_after = takes(t[last_verb].text) == Takes::Object
        && head.first().is_some_and(|x| matches!(x.text, "for" | "to"));
    // `Asked about the bomb, Clinton said, “...”`: the verb introduces a quotation.
    let quotation_follows = rest.first().is_some_and(|x| x.is_mark(','))
        && rest.get(1).is_some_and(is_quote_mark)
        && b > 0
        && !is_quote_mark(&t[b - 1])
        && !(t[b - 1].is_mark(',') && b >= 2 && is_quote_mark(&t[b - 2]));
    let short_rest = head.len() <= 6
        && head.first().is_none_or(is_adverbial)
        && !object_after
        && !quotation_follows
        && !rest.iter().any(|x| x.text == "citing")
        && !head
            .iter()
            .any(|x| x.text == "that" || x.is_mark(':') || x.is_mark('“'));
    let relative = t[b..last_verb]
        .iter()
        .any(|x| matches!(x.text, "who" | "which" | "that"));
    // `“...,” said X`: the verb right after a closing quotation mark; `..., said X` and
    // `..., said a spokesman` end the sentence with who said it.
    let close_quote = |k: usize| matches!(t[k].kind, Kind::Mark('”' | '"' | '»'));
    let named_after = || {
        let who = last_verb + 1;
        let ends = |k: usize| k >= end || t[k].is_mark(',');
        takes(t[last_verb].text) == Takes::Clause
            && (actors.iter().any(|a| a.first == who && ends(a.end))
                || (t
                    .get(who)
                    .is_some_and(|x| matches!(x.text, "a" | "an" | "one" | "another"))
                    && !opens_clause(t, who, end)
                    && (who..=end.min(who + 9)).any(ends)))
    };
    // Not `“...” suggests that ...`: the verb opens a report of its own.
    let reports_after =
        || rest.first().is_some_and(|x| x.text == "that") || opens_clause(t, last_verb + 1, end);
    let inverted = b == last_verb
        && b > s + 1
        && !t[last_verb].text.ends_with("ing")
        && !reports_after()
        && (close_quote(b - 1) || (t[b - 1].is_mark(',') && (close_quote(b - 2) || named_after())));
    if after_boundary
        && !is_passive(t, last_verb)
        && words_in(t, s, b) >= 3
        && !relative
        && ((short_rest && b < last_verb) || inverted)
    {
        return Some(postposed(t, s, b, last_verb, end, pairs, actors));
    }
    if let Some(claim) = parenthetical(t, s, end, first_verb, actors) {
        return Some(claim);
    }
    let mut b = subject_start(t, s, first_verb);
    // `..., and has called for ...`: a second verb with only auxiliaries of its own.
    let auxiliaries = b > s
        && b < first_verb
        && matches!(t[b - 1].text, "and" | "but")
        && t[b..first_verb].iter().all(|x| {
            matches!(
                x.text,
                "has"
                    | "have"
                    | "had"
                    | "is"
                    | "was"
                    | "will"
                    | "would"
                    | "also"
                    | "then"
                    | "later"
                    | "again"
            )
        });
    if auxiliaries {
        let subject = carried.flatten().or_else(|| actor_in(actors, s, b));
        return preposed(t, b, first_verb, end, quoted, actors, subject);
    }
    if b == first_verb
        && let Some(subject) = carried
    {
        return preposed(t, first_verb, first_verb, end, quoted, actors, subject);
    }
    if b == first_verb {
        // `A spokeswoman, Clara Dunmore, said ...`, `Ana Ruiz, who heads the union's
        // office in the capital, said ...`, `Rep. Ana Ruiz (D-Calif.) said ...`: a
        // subject with an apposition or a bracket; `Ferenc blamed the weather and said
        // ...`: the subject of the sentence.
        let before = first_verb.checked_sub(1).map(|p| &t[p]);
        let apposition = before.is_some_and(|x| x.is_mark(',') || x.is_mark(')'))
            && first_verb - s <= APPOSITION_TOKENS
            && !t[s..first_verb].iter().any(is_quote_mark);
        let second_verb = before.is_some_and(|x| matches!(x.text, "and" | "but"));
        if !(apposition || second_verb) {
            return None;
        }
        b = s;
        // The apposition may name others (`Ana Ruiz, an aide to Senator Okafor, said`):
        // the first person named speaks.
        if apposition {
            let speaker = (s..first_verb).find_map(|k| {
                actors
                    .iter()
                    .position(|a| a.first == k && a.kind == EntityKind::Person)
            });
            return preposed(t, b, first_verb, end, quoted, actors, None).map(|c| Claim {
                speaker: speaker.or(c.speaker),
                via: c.via.filter(|&v| Some(v) != speaker),
                ..c
            });
        }
        return preposed(t, b, first_verb, end, quoted, actors, None);
    }
    preposed(t, b, first_verb, end, quoted, actors, None)
}

/// `Prices, the minister said, will rise by spring`: an attribution set off by commas
/// inside what it reports, which is the whole sentence.
fn parenthetical(t: &[Token], s: usize, end: usize, v: usize, actors: &[Actor]) -> Option<Claim> {
    let b = subject_start(t, s, v);
    let set_off = b > s + 1
        && b < v
        && v - b <= 4
        && t[b - 1].is_mark(',')
        && t.get(v + 1).is_some_and(|x| x.is_mark(','))
        && !t.get(v + 2).is_some_and(is_quote_mark);
    if !set_off || words_in(t, v + 2, end) < 2 {
        return None;
    }
    let (first, end) = tidy(t, s, end);
    Some(Claim {
        first,
        end,
        speaker: actor_in(actors, b, v),
        via: None,
    })
}

/// How long a subject with its apposition may be, in tokens.
const APPOSITION_TOKENS: usize = 40;

/// `“...,” Irena Halloran, chief strategist at Kelmar Bank, said`: the person named right
/// after the quotation, before a role in apposition, speaks. `b` is where the words before
/// the verb start; returns where the name starts.
fn named_before_role(t: &[Token], s: usize, b: usize, actors: &[Actor]) -> Option<usize> {
    if b < s + 2 || !t[b - 1].is_mark(',') {
        return None;
    }
    // The comma that ends the name: before the role, or before `b` itself.
    let role_end = b - 1;
    let name_end = (s..role_end)
        .rev()
        .take(14)
        .take_while(|&k| {
            t[k].is_word() || matches!(t[k].kind, Kind::Mark(',' | '.' | '-' | '’' | '\''))
        })
        .find(|&k| t[k].is_mark(','))
        .unwrap_or(role_end);
    let a = actors
        .iter()
        .rfind(|a| a.end == name_end && a.kind == EntityKind::Person)?;
    let before = a.first.checked_sub(1).filter(|&k| k > s)?;
    let close_quote = |k: usize| matches!(t[k].kind, Kind::Mark('”' | '"' | '»'));
    let after_quote = close_quote(before) || (t[before].is_mark(',') && close_quote(before - 1));
    after_quote.then_some(a.first)
}

/// Where the words naming who reports start, walking back from the verb `v` to a mark
/// or a conjunction (`..., and a spokesman said`).
fn subject_start(t: &[Token], s: usize, v: usize) -> usize {
    let mut b = v;
    let mut bracketed = 0;
    while b > s && v - b < 10 + bracketed {
        let x = &t[b - 1];
        // `Rep. Ana Reid (D-Calif.) said`: a bracket after the name is part of it.
        if x.is_mark(')')
            && let Some(open) = (b.saturating_sub(8).max(s)..b - 1)
                .rev()
                .find(|&k| t[k].is_mark('('))
            && open > s
            && t[open - 1].is_word()
        {
            bracketed += b - open;
            b = open;
            continue;
        }
        let glued_mark =
            !x.space_before && matches!(x.kind, Kind::Mark('’' | '\'' | '-' | '.')) && b - 1 > s;
        let conjunction = matches!(x.text, "and" | "but" | "while" | "as" | "because" | "or");
        if !(x.is_word() || glued_mark) || x.is_lower(REPORT) || conjunction {
            break;
        }
        b -= 1;
    }
    b
}

/// Whether a token starts an adverbial: a preposition, a date, `afterwards`, `again`.
fn is_adverbial(x: &Token) -> bool {
    x.taken
        || (x.is_word()
            && !x.cap
            && matches!(
                x.text,
                "on" | "in"
                    | "at"
                    | "to"
                    | "after"
                    | "before"
                    | "during"
                    | "from"
                    | "with"
                    | "by"
                    | "for"
                    | "afterwards"
                    | "later"
                    | "earlier"
                    | "again"
                    | "also"
                    | "publicly"
                    | "repeatedly"
                    | "yesterday"
                    | "today"
                    | "late"
                    | "early"
            ))
}

/// `According to X, C.` and `C, according to X.`
fn according_to(
    t: &[Token],
    s: usize,
    end: usize,
    quoted: &[bool],
    actors: &[Actor],
) -> Option<Claim> {
    let k = (s..end.saturating_sub(1)).find(|&k| {
        !quoted[k] && t[k].text.eq_ignore_ascii_case("according") && t[k + 1].text == "to"
    })?;
    if t[k].sentence_start || k == s {
        let comma = (k + 2..end).find(|&c| !quoted[c] && t[c].is_mark(','))?;
        let (first, end) = tidy(t, comma + 1, end);
        return Some(Claim {
            first,
            end,
            speaker: actor_in(actors, k + 2, comma),
            via: None,
        });
    }
    if k > s && t[k - 1].is_mark(',') {
        let (first, claim_end) = tidy(t, s, k - 1);
        return Some(Claim {
            first,
            end: claim_end,
            speaker: actor_in(actors, k + 2, end),
            via: None,
        });
    }
    None
}

/// `C, X said.`, `“Q,” said X.`: the claim comes first. When the claim itself opens with
/// an actor and a reporting verb (`Montalbán urged ..., the press office said`), that actor
/// speaks and the attribution carries.
fn postposed(
    t: &[Token],
    s: usize,
    b: usize,
    v: usize,
    end: usize,
    pairs: &[(usize, usize)],
    actors: &[Actor],
) -> Claim {
    let claim_end = if matches!(t[b - 1].kind, Kind::Mark(',' | '—')) {
        b - 1
    } else {
        b
    };
    // A quotation of several sentences is one claim: start at its opening mark.
    let start = pairs
        .iter()
        .find(|&&(open, close)| close + 1 == claim_end && open < s)
        .map_or(s, |&(open, _)| open);
    let (first, claim_end) = tidy(t, start, claim_end);
    let reporter = if b == v {
        let stop = (v + 1..end).find(|&k| t[k].is_mark(',')).unwrap_or(end);
        actor_in(actors, v + 1, stop)
    } else {
        actor_in(actors, b, v)
    };
    let inner = actors
        .iter()
        .position(|a| a.first == first && t.get(a.end).is_some_and(|x| x.is_lower(REPORT)));
    match inner {
        Some(speaker) => Claim {
            first,
            end: claim_end,
            speaker: Some(speaker),
            via: reporter,
        },
        None => Claim {
            first,
            end: claim_end,
            speaker: reporter,
            via: None,
        },
    }
}

/// `X said (that) C.`, `X reported, citing Y, that C.`, `X quoted Y as saying C.`,
/// `X told Reuters that C.`
fn preposed(
    t: &[Token],
    b: usize,
    v: usize,
    end: usize,
    quoted: &[bool],
    actors: &[Actor],
    carried: Option<usize>,
) -> Option<Claim> {
    let reporter = actor_in(actors, b, v).or(carried);
    let (mut speaker, mut via) = (reporter, None);
    let mut j = v + 1;
    if t.get(j).is_some_and(|x| x.is_mark(',')) && t.get(j + 1).is_some_and(|x| x.text == "citing")
    {
        let stop = (j + 2..end)
            .find(|&k| t[k].is_mark(',') || t[k].text == "that")
            .unwrap_or(end);
        speaker = actor_in(actors, j + 2, stop);
        via = reporter;
        j = stop + usize::from(t.get(stop).is_some_and(|x| x.is_mark(',')));
    } else if t[v].text == "quoted" {
        let as_saying =
            (j..end.saturating_sub(1)).find(|&k| t[k].text == "as" && t[k + 1].text == "saying")?;
        speaker = actor_in(actors, j, as_saying);
        via = reporter;
        j = as_saying + 2;
    }
    let how = if t[v].text == "quoted" {
        Takes::Clause
    } else {
        takes(t[v].text)
    };
    // `that` after an object or an adverbial (`told reporters that`, `said on Sunday
    // that`), not inside the clause (`said some records were copied but that ...`).
    let adverbial = t
        .get(j)
        .is_some_and(|x| x.is_mark(',') || x.text == "that" || is_adverbial(x));
    // `the meeting that was held`: a relative pronoun, not what opens the report.
    let that = (j..end.min(j + 12))
        .take_while(|&k| {
            !t[k].is_mark('“') && !t[k].is_mark(':') && !quoted[k] && !t[k].is_lower(REPORT)
        })
        .find(|&k| t[k].text == "that")
        .filter(|&k| !t.get(k + 1).is_some_and(is_auxiliary))
        .filter(|_| adverbial || how != Takes::Clause);
    // `said, “...”`: a comma before the quotation.
    if t.get(j).is_some_and(|x| x.is_mark(','))
        && t.get(j + 1).is_some_and(is_quote_mark)
        && that.is_none()
    {
        j += 1;
    }
    let opens_quote = t.get(j).is_some_and(is_quote_mark);
    let introduced = colon_after(t, j, end).or_else(|| {
        (how != Takes::Object)
            .then(|| quotation_after_object(t, j, end))
            .flatten()
    });
    let (object_end, first) = match (how, that, introduced) {
        (Takes::Appeal, _, _) => (j, j),
        (_, Some(that), _) => (that, that + 1),
        (_, None, Some(mark)) => (mark, mark + 1),
        (Takes::That, None, None) if opens_quote || opens_clause(t, j, end) => (j, j),
        (Takes::Object, None, None) if takes_object(t, b, v, j, end, reporter) => (j, j),
        // `said after reading the outline`: an adverbial, then a clause or nothing.
        (Takes::Clause, None, None)
            if opens_quote
                || t.get(j).is_some_and(|x| {
                    x.is_word() && (!is_adverbial(x) || opens_clause(t, j, end))
                }) =>
        {
            (j, j)
        }
        _ => return None,
    };
    // `said he was disappointed and urged both sides to ...`, `said the vote was fair,
    // though observers ...`: the report ends there.
    let end = (first..end)
        .find(|&k| {
            let next = t.get(k + 1);
            !quoted[k]
                && ((matches!(t[k].text, "and" | "but")
                    && next.is_some_and(|x| x.is_lower(REPORT)))
                    // `..., and Ruiz is promising ...`: another speaker's report.
                    || (t[k].is_mark(',')
                        && next.is_some_and(|x| matches!(x.text, "and" | "but"))
                        && t[k + 2..end.min(k + 7)]
                            .iter()
                            .take_while(|x| x.is_word())
                            .any(|x| x.is_lower(REPORT)))
                    || (t[k].is_mark(',')
                        && next.is_some_and(|x| {
                            matches!(x.text, "though" | "although" | "while" | "whereas" | "but")
                        }))
                    // `..., adding that ...`, `“...,” adding that ...`: another report.
                    || ((t[k].is_mark(',') || is_quote_mark(&t[k]))
                        && k > first
                        && next.is_some_and(|x| x.is_lower(REPORT) && x.text.ends_with("ing"))))
        })
        .unwrap_or(end);
    // `told Reuters that`: the outlet told carries the claim.
    if via.is_none()
        && let Some(outlet) = actor_in(actors, v + 1, object_end)
            .filter(|&a| actors[a].kind == EntityKind::Organisation)
    {
        via = Some(outlet);
    }
    if via == speaker {
        via = None;
    }
    let (first, end) = tidy(t, first, end);
    Some(Claim {
        first,
        end,
        speaker,
        via,
    })
}

/// `Graham Says Trump Could Address Clean Energy`: a headline capitalises its verb.
fn is_headline_says(x: &Token) -> bool {
    !x.sentence_start && matches!(x.text, "Says" | "Say" | "Shows" | "Finds" | "Warns")
}

/// Whether a word makes the word after it a noun (`the`, `his`, `these`).
fn is_determiner(x: &Token) -> bool {
    [
        "the", "a", "an", "his", "her", "its", "their", "these", "those", "our", "my", "your",
        "this", "that", "such", "new", "recent",
    ]
    .iter()
    .any(|d| x.text.eq_ignore_ascii_case(d))
}

/// Whether the verb `v`, with the words `b..v` before it, says something of what follows
/// at `j`: a clause or a quotation (`denied the plant would close`), or an object when
/// someone named or a pronoun does it (`Ruiz called the charges unfounded`, `she cited
/// the figure`). Not in the passive (`was accused of`), nor before a preposition
/// (`called into the program`, but `called for a recount`).
fn takes_object(
    t: &[Token],
    b: usize,
    v: usize,
    j: usize,
    end: usize,
    reporter: Option<usize>,
) -> bool {
    // `vowed to appeal`, `wants to cut taxes`: what they commit to.
    let intent = |x: &Token| {
        x.text == "to"
            && t.get(j + 1).is_some_and(|n| n.is_word() && !n.cap)
            && matches!(
                t[v].text,
                "pledged"
                    | "pledges"
                    | "vowed"
                    | "vows"
                    | "promised"
                    | "promises"
                    | "refused"
                    | "refuses"
                    | "threatened"
                    | "threatens"
                    | "wants"
                    | "wanted"
                    | "plans"
                    | "planned"
                    | "intends"
                    | "intended"
                    | "hopes"
                    | "hoped"
                    | "hope"
                    | "hoping"
                    | "proposed"
                    | "proposes"
            )
    };
    let Some(next) = t.get(j).filter(|&x| {
        is_quote_mark(x)
            || (x.is_word() && x.text != "up" && (x.text == "for" || intent(x) || !is_adverbial(x)))
    }) else {
        return false;
    };
    // A poll, a video or a study shows what it shows, whoever made it.
    let evidence = matches!(t[v].text, "shows" | "showed");
    let by_whom = evidence || reporter.is_some() || t[b..v].iter().any(|x| x.is(PRONOUN));
    !is_passive(t, v) && (by_whom || is_quote_mark(next) || opens_clause(t, j, end))
}

/// Whether the verb at `v` is passive (`was accused of`, `have been blamed for`): its
/// subject is not who speaks.
fn is_passive(t: &[Token], v: usize) -> bool {
    t[v].text.ends_with("ed")
        && t[v.saturating_sub(2)..v].iter().any(|x| {
            matches!(
                x.text,
                "be" | "been" | "being" | "is" | "are" | "was" | "were" | "get" | "got"
            )
        })
}

/// Whether a verb that also reads as a plural noun is one here (`taking calls`, `has
/// questions`, `these are important questions`): no name or pronoun right before it.
fn reads_as_noun(t: &[Token], v: usize) -> bool {
    t[v].text.ends_with('s')
        && t[v].text != "shows"
        && takes(t[v].text) == Takes::Object
        && !v
            .checked_sub(1)
            .is_some_and(|p| t[p].is_word() && (t[p].cap || t[p].is(PRONOUN)))
}

/// Whether the words from `j` read as a clause with its own verb rather than an object
/// (`acknowledged it was unlikely`, `announced the plant would close`, not `announced its
/// support` or `noted the rule`): a pronoun and a verb, or a verb that only a clause
/// has (`will`, `was`, `has`) within a few words, before any mark.
fn opens_clause(t: &[Token], j: usize, end: usize) -> bool {
    let window = &t[j.min(end)..end.min(j + 8).max(j.min(end))];
    let head = &window[..window
        .iter()
        .take_while(|x| x.is_word() || matches!(x.kind, Kind::Number))
        .count()];
    let Some(first) = head.first() else {
        return false;
    };
    let pronoun = ["he", "she", "it", "they", "we", "i", "you", "there"]
        .iter()
        .any(|p| first.text.eq_ignore_ascii_case(p));
    if pronoun {
        return head.get(1).is_some_and(|x| {
            !x.cap && (is_auxiliary(x) || x.text.ends_with("ed") || x.text.ends_with('s'))
        });
    }
    // `announced plans to cut jobs`, `noted a rule which is old`: no clause of its own.
    let before_relative = head
        .iter()
        .take_while(|x| !matches!(x.text, "who" | "which" | "that" | "to"))
        .count();
    head[1..before_relative.max(1)]
        .iter()
        .any(|x| is_auxiliary(x))
}

/// A verb that only a clause has (`will`, `was`, `has`).
fn is_auxiliary(x: &Token) -> bool {
    matches!(
        x.text,
        "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "must"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "does"
            | "did"
    )
}

/// `told his radio audience on Monday, “...”`: the comma before a quotation that follows
/// the verb's object and adverbials.
fn quotation_after_object(t: &[Token], j: usize, end: usize) -> Option<usize> {
    (j..end.min(j + 9))
        .take_while(|&k| t[k].is_word() || t[k].is_mark(','))
        .find(|&k| t[k].is_mark(',') && t.get(k + 1).is_some_and(is_quote_mark))
}

/// A colon that introduces what is reported, at `j` or after a few words of adverbial
/// (`wrote on social media: “...”`, `said on Thursday: ...`).
fn colon_after(t: &[Token], j: usize, end: usize) -> Option<usize> {
    (j..end.min(j + 6))
        .take_while(|&k| t[k].is_word() || t[k].is_mark(':'))
        .find(|&k| t[k].is_mark(':'))
        .filter(|&k| k == j || is_adverbial(&t[j]))
}

/// The speaker named right after a quotation: `“...,” Peskov said` or `“...,” said Peskov`.
fn speaker_after_quote(t: &[Token], close: usize, actors: &[Actor]) -> Option<usize> {
    // `“We will rebuild.” ― Ana Reid`: signed with a dash, as an epigraph.
    if t.get(close + 1)
        .is_some_and(|x| matches!(x.kind, Kind::Mark('―' | '—' | '–')))
    {
        return actors.iter().position(|a| {
            a.first == close + 2
                && a.kind == EntityKind::Person
                && t.get(a.end)
                    .is_none_or(|x| matches!(x.kind, Kind::Mark('.' | ',')))
        });
    }
    // `“... sign it.” Okafor said: ...`: a full stop ends the quotation's sentence.
    if close > 0 && t[close - 1].is_mark('.') {
        return None;
    }
    let mut k = close + 1;
    if t.get(k).is_some_and(|x| x.is_mark(',')) {
        k += 1;
    }
    if t.get(k).is_some_and(|x| x.is_lower(REPORT)) {
        return actors.iter().position(|a| a.first == k + 1);
    }
    // `“...,” German Chancellor Ana Reid told reporters`: a capitalised word before a
    // titled name.
    let a = actors.iter().position(|a| {
        a.first == k || (a.first == k + 1 && t[k].is_word() && t[k].cap && !t[k].is(STOP))
    })?;
    t.get(actors[a].end)
        .is_some_and(|x| x.is_lower(REPORT))
        .then_some(a)
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Annotation, AnnotationId, ClaimGroup, ClaimGroupId, EntityKind, Project, Source, SourceId,
        Tag,
    };
    use crate::suggest::{EntityChoice, Proposal, suggest_source, suggest_text};

    /// The claims found in `text`: (claim, speaker, via), names of new entities.
    fn claims(text: &str) -> Vec<(String, String, String)> {
        let name = |c: Option<EntityChoice>| match c {
            Some(EntityChoice::New { name, .. }) => name,
            Some(EntityChoice::Existing(id)) => id.to_string(),
            None => "-".into(),
        };
        suggest_text(text, None)
            .into_iter()
            .filter_map(|f| match f.proposal {
                Proposal::Claim { speaker, via, .. } => Some((
                    text.chars().skip(f.start).take(f.end - f.start).collect(),
                    name(speaker),
                    name(via),
                )),
                _ => None,
            })
            .collect()
    }

    fn triples(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        list.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn reporting_verbs_govern_the_clause_after_them() {
        let text = "Kremlin spokesman Dmitry Peskov said that the talks were frank. \
                    Peskov reaffirmed the offer would stand. He emphasized: \"No deal yet.\"";
        assert_eq!(
            claims(text),
            triples(&[
                ("the talks were frank", "Dmitry Peskov", "-"),
                ("the offer would stand", "Dmitry Peskov", "-"),
                ("No deal yet.", "Dmitry Peskov", "-"),
            ])
        );
    }

    #[test]
    fn a_pronoun_speaks_for_the_one_person_it_can_stand_for() {
        // One person leads: `he` is him, though another is named as an object.
        let text = "Senator Ana Ruiz visited the port.\n\n\
                    Tomas Lindqvist met Karel Brandt on Monday. He said the talks had \
                    failed.\n\n\
                    “We will try again,” he added.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the talks had failed", "-", "-"),
                ("We will try again", "-", "-"),
            ])
        );
        let text = "Tomas Lindqvist met the dockers on Monday. He said the talks had \
                    failed.\n\n\
                    “We will try again,” he added.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the talks had failed", "Tomas Lindqvist", "-"),
                ("We will try again", "Tomas Lindqvist", "-"),
            ])
        );
        // A title says which person `she` is.
        let text = "Mr. Lindqvist arrived first. Mrs. Okafor came later. She said the \
                    meeting was useful. He said it was short. Okafor met Mr. Brandt.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the meeting was useful", "Okafor", "-"),
                ("it was short", "Lindqvist", "-"),
            ])
        );
    }

    #[test]
    fn the_ministry_speaks_for_the_ministry_named_lately() {
        let text = "The Ministry of Finance and the Velgrad Port Authority met on Monday.\n\n\
                    The ministry said the budget would hold. “Nothing is agreed,” the \
                    authority added. The government said talks would go on.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the budget would hold", "Ministry of Finance", "-"),
                ("Nothing is agreed", "Velgrad Port Authority", "-"),
                ("talks would go on", "-", "-"),
            ])
        );
    }

    #[test]
    fn a_person_named_in_paragraphs_long_past_is_forgotten() {
        let text = "Tomas Lindqvist spoke first.\n\nThe port was quiet.\n\nShips \
                    waited.\n\nHe said the strike would end soon.";
        assert_eq!(
            claims(text),
            triples(&[("the strike would end soon", "-", "-")])
        );
    }

    #[test]
    fn an_attribution_set_off_by_commas_reports_the_whole_sentence() {
        let text = "Prices, Karel Brandt said, will rise by the spring. Rents, he said, \
                    would follow.";
        assert_eq!(
            claims(text),
            triples(&[
                (
                    "Prices, Karel Brandt said, will rise by the spring",
                    "Karel Brandt",
                    "-"
                ),
                ("Rents, he said, would follow", "Karel Brandt", "-"),
            ])
        );
    }

    #[test]
    fn a_subject_with_a_long_apposition_speaks() {
        let text = "Ingrid Maalouf, an analyst at Kelmar Bank who has followed Senator Ana \
                    Ruiz since she entered the assembly, said the vote would be close. Rep. \
                    Karel Brandt (D-Velgrad) said it would not.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the vote would be close", "Ingrid Maalouf", "-"),
                ("it would not", "Karel Brandt", "-"),
            ])
        );
    }

    #[test]
    fn attributions_after_the_claim() {
        let text = "The two leaders discussed the exchange of prisoners, the Kremlin said. \
                    “We have lost three years to this war,” Irena Halloran said. \
                    “It was frank,” said Matteo Bruni, the director.";
        assert_eq!(
            claims(text),
            triples(&[
                (
                    "The two leaders discussed the exchange of prisoners",
                    "Kremlin",
                    "-"
                ),
                (
                    "We have lost three years to this war",
                    "Irena Halloran",
                    "-"
                ),
                ("It was frank", "Matteo Bruni", "-"),
            ])
        );
    }

    #[test]
    fn a_name_before_a_role_in_apposition_speaks() {
        let text = "“Markets will stay nervous until the vote,” Irena Halloran, chief \
                    strategist at Kelmar Bank, said on Monday.";
        assert_eq!(
            claims(text),
            triples(&[(
                "Markets will stay nervous until the vote",
                "Irena Halloran",
                "-"
            )])
        );
    }

    #[test]
    fn a_quotation_its_attribution_interrupts_is_one_claim() {
        let text = "“We have agreed on the text,” Irena Halloran said on Monday. “Now the \
                    ministers must sign it.” Okafor said: “The vote was fair. Nobody disputes \
                    it.”";
        assert_eq!(
            claims(text),
            triples(&[
                (
                    "We have agreed on the text,” Irena Halloran said on Monday. “Now the \
                     ministers must sign it.",
                    "Irena Halloran",
                    "-"
                ),
                ("The vote was fair. Nobody disputes it.", "Okafor", "-"),
            ])
        );
    }

    #[test]
    fn a_transcript_turn_is_its_speaker_s_claim() {
        let text = "HALLORAN: The vote was fair. Nobody disputes it.\n\
                    Irena Halloran: We will sign the text on Monday.\n\
                    Note: the figures are provisional.";
        assert_eq!(
            claims(text),
            triples(&[
                ("The vote was fair. Nobody disputes it", "HALLORAN", "-"),
                ("We will sign the text on Monday", "Irena Halloran", "-"),
            ])
        );
    }

    #[test]
    fn a_quoted_transcript_gives_each_turn_to_its_speaker_a_person() {
        let text = "The interview went as follows:\n\n\
                    \"HALLORAN: The vote was fair. Nobody disputes it.\n\n\
                    \u{201c}BRUNI: We will sign the text on Monday.\u{201d}";
        assert_eq!(
            claims(text),
            triples(&[
                ("The vote was fair. Nobody disputes it", "HALLORAN", "-"),
                ("We will sign the text on Monday", "BRUNI", "-"),
            ])
        );
        let kinds: Vec<_> = suggest_text(text, None)
            .into_iter()
            .filter_map(|f| match f.proposal {
                Proposal::Actor {
                    entity: EntityChoice::New { kind, .. },
                } => Some(kind),
                _ => None,
            })
            .collect();
        assert_eq!(kinds, [EntityKind::Person, EntityKind::Person]);
    }

    #[test]
    fn a_paragraph_introduced_by_the_one_before_is_its_speakers_claim() {
        let text = "Irena Halloran spoke first.\n\n\
                    Halloran continued:\n\n\
                    \"The vote was fair and nobody disputes the count.\n\n\
                    A paragraph of the report itself follows here.\n\n\
                    \"This quotation was introduced by nobody.\"";
        assert_eq!(
            claims(text),
            triples(&[
                (
                    "The vote was fair and nobody disputes the count",
                    "Irena Halloran",
                    "-"
                ),
                ("This quotation was introduced by nobody.", "-", "-"),
            ])
        );
    }

    #[test]
    fn findings_and_beliefs_report_a_clause() {
        let text = "A new poll shows that most voters trust the court. Okafor believes the \
                    deal will hold. Inspectors found that the dam had cracked. Police found \
                    the car.";
        assert_eq!(
            claims(text),
            triples(&[
                ("most voters trust the court", "-", "-"),
                ("the deal will hold", "Okafor", "-"),
                ("the dam had cracked", "-", "-"),
            ])
        );
    }

    #[test]
    fn an_agency_citing_someone_carries_what_they_said() {
        let text = "Tass reported, citing Kremlin spokesman Dmitry Peskov, that the two \
                    leaders had discussed prisoners. RIA Novosti quoted Dmitry Peskov as \
                    saying that Kyiv could not keep its word. Peskov told Reuters that \
                    the truce was over.";
        assert_eq!(
            claims(text),
            triples(&[
                (
                    "the two leaders had discussed prisoners",
                    "Dmitry Peskov",
                    "Tass"
                ),
                (
                    "Kyiv could not keep its word",
                    "Dmitry Peskov",
                    "RIA Novosti"
                ),
                ("the truce was over", "Dmitry Peskov", "Reuters"),
            ])
        );
    }

    #[test]
    fn according_to_names_the_speaker() {
        let text = "According to the Kremlin, Putin thanked the pontiff for his efforts. \
                    More than 600 civilians have died since August, according to Tass.";
        assert_eq!(
            claims(text),
            triples(&[
                ("Putin thanked the pontiff for his efforts", "Kremlin", "-"),
                (
                    "More than 600 civilians have died since August",
                    "Tass",
                    "-"
                ),
            ])
        );
    }

    #[test]
    fn a_claim_reported_by_someone_else_has_a_speaker_and_a_via() {
        let text = "Lucía Montalbán urged Anton Veselić to take “a step that would help \
                    promote peace,” the Aurelian Church press office said in a statement.";
        assert_eq!(
            claims(text),
            triples(&[(
                "Lucía Montalbán urged Anton Veselić to take “a step that would help \
                 promote peace,”",
                "Lucía Montalbán",
                "Aurelian Church",
            )])
        );
    }

    #[test]
    fn a_sentence_goes_on_to_a_second_attribution() {
        let text = "Former Gov. Ilse Marven agreed that the harbour tax was too high, but she \
                    said that any change should wait until after the vote.\n\n\
                    “We have heard every argument twice,” Marven said on Tuesday, adding \
                    that the council would vote in December.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the harbour tax was too high", "Ilse Marven", "-"),
                (
                    "any change should wait until after the vote",
                    "Ilse Marven",
                    "-"
                ),
                ("We have heard every argument twice", "Ilse Marven", "-"),
                ("the council would vote in December", "Ilse Marven", "-"),
            ])
        );
    }

    #[test]
    fn participles_and_second_verbs_report_for_the_subject() {
        let text = "Ana Reid mocked the council for its new harbour levy, claiming that \
                    the mayor had ignored the traders.\n\n\
                    Tomas Brandt has attacked loopholes that help the shipowners, and has \
                    called for an end to the quay levy.\n\n\
                    Kelmar Shipping said: “Our ferries were full all summer,” adding that \
                    bookings had doubled since May.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the council for its new harbour levy", "Ana Reid", "-"),
                ("the mayor had ignored the traders", "Ana Reid", "-"),
                ("for an end to the quay levy", "Tomas Brandt", "-"),
                ("Our ferries were full all summer", "Kelmar Shipping", "-"),
                ("bookings had doubled since May", "Kelmar Shipping", "-"),
            ])
        );
    }

    #[test]
    fn speakers_with_party_brackets_long_titles_questions_and_signatures() {
        let text = "\"Subpoenas are not optional,\" panel Chairman Rep. Tomas Brandt (R-Utah) \
                    said after the aide failed to appear.\n\n\
                    “Our assumption is that the veto will be overridden,” Senate Majority \
                    Leader Ana Reid, R-Ky., said on Thursday.\n\n\
                    “Does anybody know what the plan is?” Okafor asked.\n\n\
                    “We can build a wall around the harbour.” ― Karel Lindqvist.";
        assert_eq!(
            claims(text),
            triples(&[
                ("Subpoenas are not optional", "Tomas Brandt", "-"),
                (
                    "Our assumption is that the veto will be overridden",
                    "Ana Reid",
                    "-"
                ),
                ("Does anybody know what the plan is?", "Okafor", "-"),
                (
                    "We can build a wall around the harbour.",
                    "Karel Lindqvist",
                    "-"
                ),
            ])
        );
    }

    #[test]
    fn a_relative_that_opens_no_report_and_a_comma_may_precede_the_quotation() {
        let text = "\"We are in a critical situation,\" German Chancellor Ana Reid told \
                    reporters after the meeting that was held on a boat.\n\n\
                    Tomas Brandt, who runs the ferry union, said, \"The levy has emptied \
                    the quay.\"";
        assert_eq!(
            claims(text),
            triples(&[
                ("We are in a critical situation", "Ana Reid", "-"),
                ("The levy has emptied the quay.", "Tomas Brandt", "-"),
            ])
        );
    }

    #[test]
    fn evidence_shows_and_a_that_after_a_long_adverbial() {
        let text = "A harbour survey shows the ferries running half empty since May. \
                    Ana Reid says at a meeting in Velgrad, on the quay, that the levy must go. \
                    Tomas Brandt showed up at the meeting late. The letter says the notice \
                    “unmistakably and wrongfully” suggests that the port supports the levy.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the ferries running half empty since May", "-", "-"),
                ("the levy must go", "Ana Reid", "-"),
                (
                    "the notice “unmistakably and wrongfully” suggests that the port supports \
                     the levy",
                    "-",
                    "-",
                ),
            ])
        );
    }

    #[test]
    fn a_headline_may_give_its_speaker_a_colon() {
        let text = "Harbour Poll: Ferries Run Half Empty Since May\n\n\
                    Update: The story was changed on Monday.\n\n\
                    The levy rose again: traders are leaving the quay.";
        assert_eq!(
            claims(text),
            triples(&[("Ferries Run Half Empty Since May", "-", "-")])
        );
    }

    #[test]
    fn doubled_apostrophes_quote_as_an_archive_writes_them() {
        let text = "''That is the harbour's weakness,'' said Ana Reid, who heads the \
                    ferry union. ''Nothing matters more to the quay than the levy.''";
        assert_eq!(
            claims(text),
            triples(&[(
                "That is the harbour's weakness,'' said Ana Reid, who heads the ferry \
                 union. ''Nothing matters more to the quay than the levy.",
                "Ana Reid",
                "-"
            )])
        );
    }

    #[test]
    fn quoted_titles_are_no_claims_outside_headlines() {
        let text = "Ana Reid won the prize for “The Harbour Year”, a book about the floods, \
                    and for ''Make Your Town a Port''.\n\n\
                    Opposition Calls Line-Up “A Reshuffle Of Old Faces”";
        assert_eq!(
            claims(text),
            triples(&[("A Reshuffle Of Old Faces", "-", "-")])
        );
    }

    #[test]
    fn the_title_of_one_person_named_lately_speaks_for_them() {
        let text = "Mayor Ana Reid opened the new quay on Monday with Tomas Brandt.\n\n\
                    The mayor said the levy would go by spring.\n\n\
                    Mayor Karel Lindqvist of Lisko came too. The mayor said the ferries \
                    were full.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the levy would go by spring", "Ana Reid", "-"),
                ("the ferries were full", "-", "-"),
            ])
        );
    }

    #[test]
    fn a_comma_before_a_quotation_after_an_object_or_an_opening_phrase() {
        let text = "Ana Reid told her radio audience on Monday, “The campaign has sent its \
                    orders.”\n\n\
                    Asked about the levy, Tomas Brandt said, “It is important to know the \
                    facts.”\n\n\
                    Karel Lindqvist boasted, “That makes me the smartest trader.”";
        assert_eq!(
            claims(text),
            triples(&[
                ("The campaign has sent its orders.", "Ana Reid", "-"),
                ("It is important to know the facts.", "Tomas Brandt", "-"),
                ("That makes me the smartest trader.", "Karel Lindqvist", "-"),
            ])
        );
    }

    #[test]
    fn a_quotation_paragraph_that_names_nobody_goes_on_with_the_last_quoted_speaker() {
        let text = "“Nobody on the quay will pay it,” Ana Reid said.\n\n\
                    “We will go to court if we must. The levy is unlawful.”\n\n\
                    The council meets on Friday.\n\n\
                    “This quotation follows the report's own words.”";
        assert_eq!(
            claims(text),
            triples(&[
                ("Nobody on the quay will pay it", "Ana Reid", "-"),
                (
                    "We will go to court if we must. The levy is unlawful.",
                    "Ana Reid",
                    "-"
                ),
                ("This quotation follows the report's own words.", "-", "-"),
            ])
        );
    }

    #[test]
    fn a_quotation_left_open_runs_to_the_paragraphs_end() {
        let text = "Ana Reid spoke on Monday. She said: “We agreed on the levy long ago. The \
                    council broke its word.\n\n\
                    “Now the traders must decide,” she said.";
        assert_eq!(
            claims(text),
            triples(&[
                (
                    "We agreed on the levy long ago. The council broke its word",
                    "Ana Reid",
                    "-"
                ),
                ("Now the traders must decide", "Ana Reid", "-"),
            ])
        );
    }

    #[test]
    fn who_said_it_may_close_the_sentence() {
        let text = "The levy will be lifted in spring, said Ana Reid, the harbour master. \
                    The talks went badly from the start, said one trader on the quay. \
                    “The levy is unfair,” she said after reading the council’s outline.";
        assert_eq!(
            claims(text),
            triples(&[
                ("The levy will be lifted in spring", "Ana Reid", "-"),
                ("The talks went badly from the start", "-", "-"),
                ("The levy is unfair", "Ana Reid", "-"),
            ])
        );
    }

    #[test]
    fn verbs_of_saying_report_what_they_say_of_their_object() {
        let text = "Ruben Oyelaran called the council’s plan unlawful and vowed to challenge \
                    it in court. Oyelaran cited the fall in passenger numbers since the tax \
                    began. He described the levy as a tax on the poor. The Velgrad Courier \
                    reports that the council has hired two more lawyers. The Velgrad Courier \
                    endorsed Oyelaran for the council seat. Oyelaran thinks the levy will \
                    fall by spring.";
        assert_eq!(
            claims(text),
            triples(&[
                ("the council’s plan unlawful", "Ruben Oyelaran", "-"),
                ("to challenge it in court", "Ruben Oyelaran", "-"),
                (
                    "the fall in passenger numbers since the tax began",
                    "Ruben Oyelaran",
                    "-"
                ),
                ("the levy as a tax on the poor", "Ruben Oyelaran", "-"),
                (
                    "the council has hired two more lawyers",
                    "Velgrad Courier",
                    "-"
                ),
                ("Oyelaran for the council seat", "Velgrad Courier", "-"),
                ("the levy will fall by spring", "Ruben Oyelaran", "-"),
            ])
        );
    }

    #[test]
    fn passives_nouns_and_so_called_are_no_verbs_of_saying() {
        let text = "The so-called quay levy has been accused of driving trade away. Dock \
                    workers spent the morning taking calls from worried traders, and the \
                    council’s notes show little support for a second levy. The attacks on \
                    the harbour office have worried the traders. Her plans to widen the quay \
                    were dropped.";
        assert_eq!(claims(text), triples(&[]));
    }

    #[test]
    fn short_quotations_and_sentences_without_reporting_are_not_claims() {
        let text = "Kelmar cancelled the launch over “technical problems”. The talks ended.";
        assert_eq!(claims(text), triples(&[]));
    }

    #[test]
    fn a_similar_claim_grouped_in_another_source_proposes_its_group() {
        let mut p = Project::new("t");
        let a = Source::new(
            SourceId::new("a").unwrap(),
            "A",
            "The Pope asked Russia to make a gesture that would favor peace, the office said.",
        );
        let claimed = a.text.as_str().find(", the office").unwrap();
        let b = Source::new(
            SourceId::new("b").unwrap(),
            "B",
            "Montalbán urged Doravia to make a gesture that would promote peace, the office \
             said. The weather was fine, the office said.",
        );
        let group = ClaimGroup {
            id: ClaimGroupId::new("gesture").unwrap(),
            label: "A gesture for peace".into(),
            memo: String::new(),
        };
        let claim = Annotation::new(
            AnnotationId::random(),
            &a,
            0..claimed,
            Tag::Claim {
                speaker: None,
                via: None,
                group: Some(group.id.clone()),
                credibility: None,
            },
        );
        p.annotations.insert(claim.id.clone(), claim);
        p.claim_groups.insert(group.id.clone(), group.clone());
        p.sources.push(a);
        p.sources.push(b);
        let groups: Vec<Option<ClaimGroupId>> = suggest_source(&p, &SourceId::new("b").unwrap())
            .into_iter()
            .filter_map(|s| match s.proposal {
                Proposal::Claim { group, .. } => Some(group),
                _ => None,
            })
            .collect();
        assert_eq!(groups, [Some(group.id), None]);
        // The grouped claim's own source does not propose its group to itself again.
        assert!(
            suggest_source(&p, &SourceId::new("a").unwrap())
                .iter()
                .all(|s| s.kind() != crate::model::TagKind::Claim)
        );
    }
}
