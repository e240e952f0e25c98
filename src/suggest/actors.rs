//! Actors: the people and organisations a paragraph names, and every further mention of
//! an entity the analyst already tagged anywhere in the project. Each proposes the entity
//! it would link to: an existing one, or a new one named after the fullest form of the
//! name the source uses (`Putin` after `Vladimir Putin` proposes `Vladimir Putin`).
//!
//! A name is a titled name (`President Anton Veselić`, `Pope Leo XIV`), a run of two to
//! five capitalised words, an organisation (a run with a head such as `Ministry`,
//! `Church` or `Agency`, an acronym, a known agency), or one word that the source or the
//! project already uses as a name. A lone capitalised word that opens a sentence is a
//! name only if the source names someone so elsewhere.

use rustc_hash::FxHashMap;

use super::EntityChoice;
use super::lexicon::{
    ABBREVIATION, CONNECTOR, KEEP_TITLE, MEDIA, MOTION, NOT_ACRONYM, ORG, ORG_NOUN, PARTICLE,
    PLACE, PLACE_PREP, PRONOUN, RELATIVE, REPORT, ROLE, SHIFT, STOP, THING, TITLE, TITLE_PREFIX,
};
use super::scan::{self, Kind, Token};
use crate::model::{EntityId, EntityKind, Project, Tag};

/// An actor found in a paragraph: tokens `first..end` and the entity it would link to.
#[derive(Debug, Clone)]
pub(crate) struct Actor {
    pub first: usize,
    pub end: usize,
    pub choice: EntityChoice,
    pub kind: EntityKind,
}

/// A lone word that may be a name the source uses later: resolved when the whole source
/// has been read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deferred {
    pub start: usize,
    pub end: usize,
    pub byte: usize,
    pub byte_end: usize,
}

/// The ways the analyst has named each tagged entity anywhere in the project: entity
/// names, aliases, the words of tagged mentions, and surnames of people.
#[derive(Debug, Default)]
pub(crate) struct Known {
    by_first: FxHashMap<String, Vec<KnownName>>,
    /// Whether some form starts with a lower-case word (`the press office`).
    lower_first: bool,
}

#[derive(Debug)]
struct KnownName {
    /// The token texts after the first.
    rest: Vec<String>,
    entity: EntityId,
    kind: EntityKind,
}

impl Known {
    pub fn new(project: &Project) -> Known {
        // (tokens of a name) -> weight per entity
        let mut forms: FxHashMap<Vec<String>, FxHashMap<&EntityId, u32>> = FxHashMap::default();
        let mut add = |text: &str, id, weight: u32| {
            if let Some(key) = form_of(text) {
                *forms.entry(key).or_default().entry(id).or_default() += weight;
            }
        };
        for e in project.entities.values() {
            add(&e.name, &e.id, 3);
            for alias in &e.aliases {
                add(alias, &e.id, 3);
            }
            if (e.kind == EntityKind::Person
                || (e.kind == EntityKind::Other && person_like(&e.name)))
                && let Some(surname) = surname(&e.name)
            {
                add(surname, &e.id, 2);
            }
        }
        for a in project.annotations.values() {
            if let Tag::Actor {
                entity: Some(id), ..
            } = &a.tag
                && !a.unplaced
                && project.entities.contains_key(id)
            {
                add(&a.quote.exact, id, 1);
            }
        }
        let mut by_first: FxHashMap<String, Vec<KnownName>> = FxHashMap::default();
        for (mut key, weights) in forms {
            let best = weights.values().copied().max().unwrap_or(0);
            let mut top = weights.iter().filter(|(_, w)| **w == best);
            let (Some((id, _)), None) = (top.next(), top.next()) else {
                // Two entities named so equally often: the mention is ambiguous.
                continue;
            };
            let kind = project
                .entities
                .get(*id)
                .map_or(EntityKind::Other, |e| e.kind);
            let first = key.remove(0);
            by_first.entry(first).or_default().push(KnownName {
                rest: key,
                entity: (*id).clone(),
                kind,
            });
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.rest.len().cmp(&a.rest.len()).then(a.rest.cmp(&b.rest)));
        }
        let lower_first = by_first
            .keys()
            .any(|k| !k.chars().next().is_some_and(char::is_uppercase));
        Known {
            by_first,
            lower_first,
        }
    }

    /// The longest known name starting at token `i`: (end token, entity, kind).
    pub fn match_at(&self, t: &[Token], i: usize) -> Option<(usize, &EntityId, EntityKind)> {
        if self.by_first.is_empty() || (!t[i].cap && !self.lower_first) {
            return None;
        }
        let list = self.by_first.get(t[i].text)?;
        if t[i].taken {
            return None;
        }
        list.iter().find_map(|k| {
            let end = i + 1 + k.rest.len();
            let fits = end <= t.len()
                && t[i + 1..end]
                    .iter()
                    .zip(&k.rest)
                    .all(|(tok, word)| tok.text == word && !tok.taken);
            fits.then_some((end, &k.entity, k.kind))
        })
    }
}

/// The token texts of a name worth looking for, or None (pronouns, single small words).
fn form_of(text: &str) -> Option<Vec<String>> {
    let mut buf = Vec::new();
    scan::scan(text, 0, 0, &mut buf);
    let words: Vec<&Token> = buf.iter().filter(|t| t.is_word()).collect();
    let meaningful = words.iter().any(|w| !w.is(STOP) && !w.is(PRONOUN));
    let single_ok = buf.len() > 1
        || buf
            .first()
            .is_some_and(|w| w.is_word() && w.cap && w.text.chars().count() >= 2);
    (meaningful && single_ok).then(|| buf.iter().map(|t| t.text.to_string()).collect())
}

/// Whether a name of unknown kind reads as a person's: two to four capitalised words, none
/// of them the head of an organisation or a place (`Anton Veselić`, not `Aurelian Church`).
fn person_like(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !super::lexicon::classify(w).is(ORG | PLACE | THING | MEDIA | TITLE)
        })
}

/// The last word of a person's name, when it can stand for the name.
fn surname(name: &str) -> Option<&str> {
    let mut words = name.split_whitespace().filter(|w| !is_roman(w));
    let last = words.next_back()?;
    words.next_back()?;
    let ok = last.chars().next().is_some_and(char::is_uppercase) && last.chars().count() >= 2;
    ok.then_some(last)
}

fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.len() <= 5 && word.bytes().all(|b| b"IVXLC".contains(&b))
}

/// A name a source uses: its fullest form, and the project's entity when it is one.
#[derive(Debug, Clone)]
pub(crate) struct Named {
    pub full: String,
    pub kind: EntityKind,
    pub existing: Option<EntityId>,
}

impl Named {
    /// The entity a mention of this name links to.
    pub fn choice(&self) -> EntityChoice {
        match &self.existing {
            Some(id) => EntityChoice::Existing(id.clone()),
            None => EntityChoice::New {
                name: self.full.clone(),
                kind: self.kind,
            },
        }
    }
}

/// The names this source has used so far, and the fullest form of each.
#[derive(Debug, Default)]
pub(crate) struct Names {
    map: FxHashMap<String, Named>,
}

impl Names {
    /// Records that `key` stands for `full`; a key keeps the name it was first given,
    /// unless the new name extends it (`Putin`, then `Vladimir Putin`).
    fn register(&mut self, key: &str, full: &str, kind: EntityKind) {
        match self.map.get_mut(key) {
            Some(old) => {
                if old.existing.is_none() && extends(full, &old.full) {
                    old.full = full.to_string();
                    old.kind = kind;
                }
            }
            None => {
                let named = Named {
                    full: full.to_string(),
                    kind,
                    existing: None,
                };
                self.map.insert(key.to_string(), named);
            }
        }
    }

    /// Records that the source names a project entity `said` (`Anton Veselić`), so that
    /// its surname (`Veselić`) links to the entity too.
    fn register_existing(&mut self, said: &str, id: &EntityId, kind: EntityKind) {
        let named = Named {
            full: said.to_string(),
            kind,
            existing: Some(id.clone()),
        };
        let mut keys = vec![said];
        keys.extend(surname(said));
        for key in keys {
            match self.map.get_mut(key) {
                Some(old) if old.existing.is_some() => {}
                Some(old) => *old = named.clone(),
                None => {
                    self.map.insert(key.to_string(), named.clone());
                }
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Named> {
        self.map.get(key)
    }

    fn register_person(&mut self, full: &str, said: &str) {
        self.register(full, full, EntityKind::Person);
        self.register(said, full, EntityKind::Person);
        if let Some(last) = surname(said) {
            self.register(last, full, EntityKind::Person);
        }
    }

    fn register_organisation(&mut self, name: &str) {
        self.register(name, name, EntityKind::Organisation);
        // `Halvorsen` for `Halvorsen Shipping`, but not `Aurelian` for `Aurelian Church`.
        let mut words = name.split_whitespace();
        if let (Some(first), Some(_), None) = (words.next(), words.next(), words.next()) {
            let adjective = ["ian", "ean", "ese", "ish", "ic", "al"]
                .iter()
                .any(|s| first.ends_with(s));
            let lex = super::lexicon::classify(first);
            if !adjective && !first.bytes().all(|b| b.is_ascii_uppercase()) && lex.class == 0 {
                self.register(first, name, EntityKind::Organisation);
            }
        }
    }
}

/// Whether `longer` is `shorter` with more words before or after it.
fn extends(longer: &str, shorter: &str) -> bool {
    longer.len() > shorter.len()
        && ((longer.starts_with(shorter) && longer[shorter.len()..].starts_with(' '))
            || (longer.ends_with(shorter) && longer[..longer.len() - shorter.len()].ends_with(' ')))
}

fn new_actor(kind: EntityKind, name: String) -> Outcome {
    Outcome::Actor(kind, EntityChoice::New { name, kind })
}

/// What a run of capitalised words is.
enum Outcome {
    Actor(EntityKind, EntityChoice),
    Defer,
    Skip,
}

/// Finds the actors of one paragraph.
pub(crate) fn find(
    t: &[Token],
    text: &str,
    known: &Known,
    names: &mut Names,
    deferred: &mut Vec<Deferred>,
    out: &mut Vec<Actor>,
) {
    let headline = is_headline(t);
    let mut i = 0;
    while i < t.len() {
        let tok = &t[i];
        if !tok.is_word() || tok.taken {
            i += 1;
            continue;
        }
        if let Some((end, entity, kind)) = known.match_at(t, i) {
            names.register_existing(&text[tok.byte..t[end - 1].byte_end()], entity, kind);
            out.push(Actor {
                first: i,
                end,
                choice: EntityChoice::Existing(entity.clone()),
                kind,
            });
            i = end;
            continue;
        }
        if !tok.cap {
            i += 1;
            continue;
        }
        if let Some(name) = title_end(t, i)
            && let Some(actor) = titled(t, text, i, name, headline, known, names)
        {
            i = actor.end;
            out.push(actor);
            continue;
        }
        if tok.is(STOP) {
            i += 1;
            continue;
        }
        let end = run_end(t, i, false);
        let first = if t[i].sentence_start && end - i > 1 && is_opener(&t[i]) {
            i + 1
        } else {
            i
        };
        let (end, outcome) = classify(t, text, first, end, headline, names);
        match outcome {
            Outcome::Actor(kind, choice) => out.push(Actor {
                first,
                end,
                choice,
                kind,
            }),
            Outcome::Defer => deferred.push(Deferred {
                start: t[first].start,
                end: t[end - 1].end,
                byte: t[first].byte,
                byte_end: t[end - 1].byte_end(),
            }),
            Outcome::Skip => {}
        }
        i = end.max(i + 1);
    }
}

/// A title-case line with no closing full stop: a headline, whose capitals say little.
pub(crate) fn is_headline(t: &[Token]) -> bool {
    let ends_sentence = t
        .iter()
        .rev()
        .find(|x| !matches!(x.kind, Kind::Mark('”' | '"' | '’' | ')')))
        .is_some_and(|x| matches!(x.kind, Kind::Mark('.' | '!' | '?')));
    if ends_sentence || t.len() > 40 {
        return false;
    }
    let (mut long, mut capped) = (0, 0);
    for w in t
        .iter()
        .filter(|w| w.is_word() && w.text.chars().count() >= 4)
    {
        long += 1;
        capped += w.cap as usize;
    }
    long >= 4 && capped * 5 >= long * 4
}

/// A sentence's first word that is not part of the name after it (`Speaking`, `This`,
/// `Biologist`).
fn is_opener(t: &Token) -> bool {
    (t.text.len() >= 6 && t.text.ends_with("ing"))
        || t.is(STOP | REPORT | SHIFT | RELATIVE | PRONOUN | ROLE)
}

/// The end of the title words starting at `i` when a name follows them: `President`,
/// `Prime Minister`, `Secretary-General`, `Dr.`.
fn title_end(t: &[Token], i: usize) -> Option<usize> {
    let mut j = i;
    let mut last_is_title = false;
    while let Some(w) = t.get(j) {
        if !(w.is_word() && w.cap && !w.taken && (w.is(TITLE) || w.is(TITLE_PREFIX))) {
            break;
        }
        last_is_title = w.is(TITLE);
        j += 1;
        if w.is(ABBREVIATION) && t.get(j).is_some_and(|d| d.is_mark('.') && !d.space_before) {
            j += 1;
        }
        if t.get(j).is_some_and(|d| d.is_mark('-') && !d.space_before)
            && t.get(j + 1).is_some_and(|n| n.is_word() && !n.space_before)
        {
            j += 1;
        }
    }
    let starts_name = |k: usize| {
        t.get(k)
            .is_some_and(|n| n.is_word() && n.cap && !n.taken && !n.is(STOP))
    };
    if j > i && last_is_title && starts_name(j) {
        return Some(j);
    }
    // `Mr. King`, `Sen. Bishop`: after an abbreviated title, a title word is the name.
    let abbreviated =
        j >= i + 3 && t[j - 2].is_mark('.') && t[j - 3].is(ABBREVIATION) && t[j - 3].is(TITLE);
    if abbreviated { Some(j - 1) } else { None }
}

/// A titled name: title words `i..name`, then the name. The span keeps the title; the
/// entity's name keeps it only for titles that go with one name (`Pope Francis`).
fn titled(
    t: &[Token],
    text: &str,
    i: usize,
    name: usize,
    headline: bool,
    known: &Known,
    names: &mut Names,
) -> Option<Actor> {
    if let Some((end, entity, kind)) = known.match_at(t, name) {
        names.register_existing(&text[t[name].byte..t[end - 1].byte_end()], entity, kind);
        return Some(Actor {
            first: i,
            end,
            choice: EntityChoice::Existing(entity.clone()),
            kind,
        });
    }
    let end = run_end(t, name, headline);
    if has(t, name, end, ORG | THING | PLACE | MEDIA) || words(t, name, end) > 4 {
        return None;
    }
    let said = &text[t[name].byte..t[end - 1].byte_end()];
    let (choice, kind) = match names.get(said) {
        Some(named) => (named.choice(), named.kind),
        None => {
            let one_name = said.split_whitespace().filter(|w| !is_roman(w)).count() == 1;
            let keep = name == i + 1 && t[i].is(KEEP_TITLE) && one_name;
            let full = if keep {
                let full = &text[t[i].byte..t[end - 1].byte_end()];
                names.register_person(full, said);
                let first_name = &text[t[i].byte..t[name].byte_end()];
                names.register(first_name, full, EntityKind::Person);
                names.register(t[name].text, full, EntityKind::Person);
                full
            } else {
                names.register_person(said, said);
                said
            };
            let kind = EntityKind::Person;
            let name = full.to_string();
            (EntityChoice::New { name, kind }, kind)
        }
    };
    Some(Actor {
        first: i,
        end,
        choice,
        kind,
    })
}

/// The end of the run of capitalised words starting at `i` (one word only if `one`):
/// words joined by spaces, hyphens, initials (`J.`), particles (`bin`, `de`) and plural
/// possessives (`Fishers' Union`); it stops before a title that starts another name.
fn run_end(t: &[Token], i: usize, one: bool) -> usize {
    let mut j = i;
    let mut count = 0;
    while let Some(w) = t.get(j) {
        let new_word = j == i || w.space_before;
        if w.is_word() && !w.taken && (w.cap || !new_word) {
            if new_word && j > i {
                let title_starts = (w.is(TITLE) || w.is(TITLE_PREFIX)) && title_end(t, j).is_some();
                if (w.is(STOP) && w.cap) || title_starts || w.sentence_start || (one && count >= 1)
                {
                    break;
                }
            }
            count += new_word as usize;
            j += 1;
            continue;
        }
        let next = t.get(j + 1);
        let glued_next = next.is_some_and(|n| n.is_word() && !n.space_before && !n.taken);
        let spaced_cap_next = next.is_some_and(|n| {
            n.is_word() && n.cap && n.space_before && !n.taken && !n.sentence_start
        });
        let joins = if w.space_before || j == i {
            w.is_word() && !w.cap && w.is(PARTICLE) && j > i && spaced_cap_next
        } else if w.is_mark('-') {
            // `Jean-Pierre`, `Co-operation`, but not `Maltese-registered`.
            glued_next && next.is_some_and(|n| n.cap || t[j - 1].text.chars().count() <= 3)
        } else if w.is_mark('.') {
            // An initial: `J. R. Smith`.
            t[j - 1].text.chars().count() == 1 && t[j - 1].cap && spaced_cap_next
        } else if w.is_mark('\'') || w.is_mark('’') {
            t[j - 1].text.ends_with('s') && spaced_cap_next
        } else {
            false
        };
        if !joins || (one && count >= 1 && !w.is_mark('-')) {
            break;
        }
        j += 1;
    }
    j
}

/// The number of words (space-separated) in tokens `a..e`.
fn words(t: &[Token], a: usize, e: usize) -> usize {
    1 + t[a + 1..e].iter().filter(|x| x.space_before).count()
}

/// Whether a capitalised word of tokens `a..e` is of `class`.
fn has(t: &[Token], a: usize, e: usize, class: u64) -> bool {
    t[a..e].iter().any(|x| x.is_word() && x.cap && x.is(class))
}

/// What the run of tokens `a..e` is, and where it ends (organisations may take in
/// `of the ...`).
fn classify(
    t: &[Token],
    text: &str,
    a: usize,
    e: usize,
    headline: bool,
    names: &mut Names,
) -> (usize, Outcome) {
    let n = words(t, a, e);
    let span = |e: usize| &text[t[a].byte..t[e - 1].byte_end()];
    let all_caps = t[a..e]
        .iter()
        .filter(|x| x.is_word() && (x.space_before || x.byte == t[a].byte))
        .all(|x| x.caps);
    if all_caps {
        if n > 1 {
            return (e, Outcome::Skip);
        }
        let dateline = a == 0
            && t.get(e)
                .is_some_and(|x| matches!(x.kind, Kind::Mark(',' | '(' | '—' | '–')));
        let letters = t[a].text.chars().count();
        if e - a == 1 && !t[a].is(NOT_ACRONYM) && !dateline && (2..=10).contains(&letters) {
            let name = span(e).to_string();
            // A transcript's turn (`WALLACE: …`) is a person speaking, not an acronym.
            let turn =
                a == super::claims::turn_marks(t) && t.get(e).is_some_and(|x| x.is_mark(':'));
            if turn {
                return (e, new_actor(EntityKind::Person, name));
            }
            names.register_organisation(&name);
            return (e, new_actor(EntityKind::Organisation, name));
        }
        return (e, Outcome::Skip);
    }
    let byline = a == 1 && t[0].text == "By";
    if headline && !byline {
        // Headlines capitalise every word: only names the story uses count.
        return (
            e,
            if n <= 4 {
                Outcome::Defer
            } else {
                Outcome::Skip
            },
        );
    }
    if has(t, a, e, ORG) {
        let e = extend_organisation(t, e);
        if words(t, a, e) == 1 && !has(t, a, e, MEDIA) {
            // `Police`, `Parliament` on their own are common nouns.
            return (e, Outcome::Skip);
        }
        let name = span(e).to_string();
        names.register_organisation(&name);
        return (e, new_actor(EntityKind::Organisation, name));
    }
    let quoted = a > 0
        && matches!(t[a - 1].kind, Kind::Mark(c) if scan::is_open_quote(c) || c == '"')
        && t.get(e).is_some_and(
            |x| matches!(x.kind, Kind::Mark(c) if scan::is_close_quote(c) || c == '"'),
        );
    if after_org_noun(t, a) {
        let name = span(e).to_string();
        names.register_organisation(&name);
        return (e, new_actor(EntityKind::Organisation, name));
    }
    let ends_with_title = t[e - 1].is(TITLE);
    // A name met before, though a title word (`King` after `Mr. King`).
    if ends_with_title
        && !quoted
        && let Some(named) = names.get(span(e))
    {
        return (e, Outcome::Actor(named.kind, named.choice()));
    }
    if quoted || ends_with_title || has(t, a, e, THING | PLACE) {
        return (e, Outcome::Skip);
    }
    if let Some(named) = names.get(span(e)) {
        return (e, Outcome::Actor(named.kind, named.choice()));
    }
    if has(t, a, e, MEDIA) {
        let name = span(e).to_string();
        names.register_organisation(&name);
        return (e, new_actor(EntityKind::Organisation, name));
    }
    if is_place(t, a) {
        return (e, Outcome::Skip);
    }
    if n == 1 {
        if speaks(t, a, e) {
            let name = span(e).to_string();
            names.register_person(&name, &name);
            return (e, new_actor(EntityKind::Person, name));
        }
        return (e, Outcome::Defer);
    }
    if n > 5 {
        return (e, Outcome::Skip);
    }
    let name = span(e).to_string();
    names.register_person(&name, &name);
    (e, new_actor(EntityKind::Person, name))
}

/// Whether the lone capitalised word `a..e` is someone speaking: the subject right before
/// a reporting verb (`Okafor said`), or named right after one that follows a quotation
/// (`“...,” said Okafor`). A sentence's first word ending in `s` is more likely a plural
/// (`Officials said`, `Analysts say`) and is left alone.
fn speaks(t: &[Token], a: usize, e: usize) -> bool {
    if t[a].is(STOP | PRONOUN | ROLE) {
        return false;
    }
    // Verbs only people use; countries and firms also `agree` and `announce`.
    let says = |v: &Token| {
        v.is_lower(REPORT)
            && matches!(
                v.text,
                "said"
                    | "says"
                    | "told"
                    | "tells"
                    | "added"
                    | "wrote"
                    | "writes"
                    | "replied"
                    | "explained"
                    | "insisted"
                    | "argued"
                    | "recalled"
                    | "tweeted"
                    | "believes"
                    | "thinks"
                    | "asked"
            )
    };
    let subject = t.get(e).is_some_and(says) && !(t[a].sentence_start && t[a].text.ends_with('s'));
    let close_quote = |k: usize| matches!(t[k].kind, Kind::Mark('”' | '"' | '»'));
    let inverted = a >= 2
        && says(&t[a - 1])
        && (close_quote(a - 2) || (a >= 3 && t[a - 2].is_mark(',') && close_quote(a - 3)));
    subject || inverted
}

/// `of`, `for the`, `and` joining further capitalised words to an organisation's name:
/// `Ministry of Health`, `Office for the Coordination of Humanitarian Affairs`.
fn extend_organisation(t: &[Token], mut e: usize) -> usize {
    loop {
        let mut j = e;
        let mut joiners = 0;
        while t
            .get(j)
            .is_some_and(|w| w.is_word() && !w.cap && w.is(CONNECTOR) && w.space_before)
        {
            j += 1;
            joiners += 1;
        }
        if joiners == 0 || joiners > 2 {
            return e;
        }
        let and = t[e].text == "and";
        if and && joiners > 1 {
            return e;
        }
        let Some(next) = t
            .get(j)
            .filter(|w| w.is_word() && w.cap && !w.taken && !w.is(STOP))
        else {
            return e;
        };
        let next_end = run_end(t, j, false);
        // `Bank of Valmora and Nordhavn Bank` are two organisations.
        if and && (has(t, j, next_end, ORG) || t[e - 1].is(ORG)) {
            return e;
        }
        if next.sentence_start {
            return e;
        }
        e = next_end;
    }
}

/// An organisation named after a noun that says so: `the newspaper Politika`, `the sports
/// daily A Bola Nova`, `the campaign group Return Benin`, `the operator, Autostrade`.
fn after_org_noun(t: &[Token], a: usize) -> bool {
    let mut p = a;
    // Skip an article that is part of the name, or the comma of an apposition.
    if p > 0 && ((t[p - 1].cap && t[p - 1].is(STOP)) || t[p - 1].is_mark(',')) {
        p -= 1;
    }
    p > 0 && t[p - 1].is_lower(ORG_NOUN)
}

/// Whether the words before a run say it is a place: `in Velgrad`, `in the Carpathians`,
/// `near Lisko`, `the village of Dolny Brod`, `travel to Addis Ababa`.
fn is_place(t: &[Token], a: usize) -> bool {
    let article = a > 0 && t[a - 1].text == "the";
    let prev = |k: usize| {
        (a - usize::from(article))
            .checked_sub(k)
            .map(|p| &t[p])
            .filter(|w| w.is_word())
    };
    match prev(1) {
        Some(p) if p.is_lower(PLACE_PREP) => true,
        Some(p) if p.text == "of" => prev(2).is_some_and(|w| w.is_lower(PLACE)),
        Some(p) if p.text == "to" => prev(2).is_some_and(|w| w.is_lower(MOTION)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Annotation, AnnotationId, Entity, EntityId, EntityKind, Project, Source, SourceId, Tag,
    };
    use crate::suggest::{EntityChoice, Proposal, pairs, suggest_source, suggest_text};

    /// The actors found in `text`: (text, entity name or id, kind).
    fn actors(text: &str) -> Vec<(String, String)> {
        suggest_text(text, None)
            .into_iter()
            .filter_map(|f| match f.proposal {
                Proposal::Actor { entity } => Some((
                    text.chars().skip(f.start).take(f.end - f.start).collect(),
                    match entity {
                        EntityChoice::New { name, kind } => format!("{name} ({})", kind.label()),
                        EntityChoice::Existing(id) => id.to_string(),
                    },
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn titles_after_a_place_or_former_and_title_words_as_names() {
        let text = "City Attorney Ruben Oyelaran met Former Gov. Ilse Marven, and Mr. King \
                    joined them. House Speaker Ana Reid and Rep. Tomas Brandt (D-Md.) came \
                    later.";
        assert_eq!(
            actors(text),
            [
                ("Attorney Ruben Oyelaran", "Ruben Oyelaran (person)"),
                ("Gov. Ilse Marven", "Ilse Marven (person)"),
                ("Mr. King", "King (person)"),
                ("House Speaker Ana Reid", "Ana Reid (person)"),
                ("Rep. Tomas Brandt", "Tomas Brandt (person)"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn titled_names_keep_the_title_in_the_span() {
        let text = "Russian President Vladimir Putin called Pope Leo XIV and Prime Minister \
                    Lotte Vermeulen; Secretary-General António Guterres and Dr. Amara Okoye \
                    listened, as did Sheikh Hamdan bin Rashid.";
        assert_eq!(
            actors(text),
            pairs(&[
                ("President Vladimir Putin", "Vladimir Putin (person)"),
                ("Pope Leo XIV", "Pope Leo XIV (person)"),
                ("Prime Minister Lotte Vermeulen", "Lotte Vermeulen (person)"),
                (
                    "Secretary-General António Guterres",
                    "António Guterres (person)"
                ),
                ("Dr. Amara Okoye", "Amara Okoye (person)"),
                ("Sheikh Hamdan bin Rashid", "Hamdan bin Rashid (person)"),
            ])
        );
    }

    #[test]
    fn surnames_link_to_the_full_name_before_or_after_them() {
        let text = "Putin speaks to the Pope\n\nPresident Vladimir Putin spoke on Sunday. \
                    Putin said little. Later, Mr Putin left.";
        assert_eq!(
            actors(text),
            pairs(&[
                ("Putin", "Vladimir Putin (person)"),
                ("President Vladimir Putin", "Vladimir Putin (person)"),
                ("Putin", "Vladimir Putin (person)"),
                ("Mr Putin", "Vladimir Putin (person)"),
            ])
        );
    }

    #[test]
    fn sentence_openers_months_and_places_are_not_names() {
        let text = "Officials met in Velgrad. Speaking in Porto Aurel, Doravian officials \
                    thanked April Ramos. Kelmar did not reply. In May the village of Dolny \
                    Brod was quiet. The Holy Father spoke in St Peter's Square.";
        assert_eq!(
            actors(text),
            pairs(&[("April Ramos", "April Ramos (person)")])
        );
    }

    #[test]
    fn a_lone_name_that_speaks_is_a_person() {
        let text = "Okafor said the vote was fair. “It was not,” said Brennan. Officials \
                    said little, and Police said nothing.";
        assert_eq!(
            actors(text),
            pairs(&[
                ("Okafor", "Okafor (person)"),
                ("Brennan", "Brennan (person)"),
            ])
        );
    }

    #[test]
    fn organisations_acronyms_and_agencies() {
        let text = "VELGRAD (Meridian) — The Ministry of Health and the Aurelian Church's \
                    press office told Reuters and DORPRESS, at 09:12 GMT, that the \
                    Coastal Fishers' Union and the newspaper Politika agreed.";
        assert_eq!(
            actors(text),
            pairs(&[
                ("Ministry of Health", "Ministry of Health (organisation)"),
                ("Aurelian Church", "Aurelian Church (organisation)"),
                ("Reuters", "Reuters (organisation)"),
                ("DORPRESS", "DORPRESS (organisation)"),
                (
                    "Coastal Fishers' Union",
                    "Coastal Fishers' Union (organisation)"
                ),
                ("Politika", "Politika (organisation)"),
            ])
        );
    }

    #[test]
    fn title_case_headlines_only_name_what_the_story_names() {
        let text = "President Okafor Names New Cabinet After Weeks Of Talks\n\
                    LAGOS — President Adaeze Okafor named a cabinet.";
        assert_eq!(
            actors(text),
            pairs(&[
                ("President Okafor", "Adaeze Okafor (person)"),
                ("President Adaeze Okafor", "Adaeze Okafor (person)"),
            ])
        );
    }

    #[test]
    fn a_surname_after_a_tagged_full_name_links_to_its_entity() {
        let mut p = Project::new("t");
        // The entity's kind was never set: its name still reads as a person's.
        let veselic = Entity::new(
            EntityId::new("veselic").unwrap(),
            "Anton Veselić",
            EntityKind::Other,
        );
        p.entities.insert(veselic.id.clone(), veselic);
        p.sources.push(Source::new(
            SourceId::new("a").unwrap(),
            "A",
            "President Veselić Calls Primate\nPresident Anton Veselić called. Veselić spoke.",
        ));
        let links: Vec<(String, String)> = suggest_source(&p, &SourceId::new("a").unwrap())
            .into_iter()
            .filter_map(|s| match s.proposal {
                Proposal::Actor { entity } => Some((s.text, format!("{entity:?}"))),
                _ => None,
            })
            .collect();
        let existing = r#"Existing(EntityId("veselic"))"#;
        assert_eq!(
            links,
            pairs(&[
                ("President Veselić", existing),
                ("President Anton Veselić", existing),
                ("Veselić", existing),
            ])
        );
    }

    #[test]
    fn mentions_of_tagged_entities_link_to_them_in_every_source() {
        let mut p = Project::new("t");
        let text = "Vladimir Putin spoke to the press office.";
        let tagged = Source::new(SourceId::new("a").unwrap(), "A", text);
        let office_at = text.find("the press office").unwrap();
        let other = Source::new(
            SourceId::new("b").unwrap(),
            "B",
            "Putin said the press office and President Vladimir Putin agreed.",
        );
        let putin = Entity::new(
            EntityId::new("putin").unwrap(),
            "Vladimir Putin",
            EntityKind::Person,
        );
        let office = Entity::new(
            EntityId::new("office").unwrap(),
            "Vatican Press Office",
            EntityKind::Organisation,
        );
        for (span, id) in [(0..14, &putin.id), (office_at..office_at + 16, &office.id)] {
            let a = Annotation::new(
                AnnotationId::random(),
                &tagged,
                span,
                Tag::Actor {
                    entity: Some(id.clone()),
                },
            );
            p.annotations.insert(a.id.clone(), a);
        }
        p.entities.insert(putin.id.clone(), putin);
        p.entities.insert(office.id.clone(), office);
        p.sources.push(tagged);
        p.sources.push(other);
        // The tagged spans are not proposed again; the other source's mentions link.
        assert!(
            suggest_source(&p, &SourceId::new("a").unwrap())
                .iter()
                .all(|s| s.kind() != crate::model::TagKind::Actor)
        );
        let found: Vec<(String, String)> = suggest_source(&p, &SourceId::new("b").unwrap())
            .into_iter()
            .filter_map(|s| match s.proposal {
                Proposal::Actor {
                    entity: EntityChoice::Existing(id),
                } => Some((s.text, id.to_string())),
                _ => None,
            })
            .collect();
        assert_eq!(
            found,
            pairs(&[
                ("Putin", "putin"),
                ("the press office", "office"),
                ("President Vladimir Putin", "putin"),
            ])
        );
    }
}
