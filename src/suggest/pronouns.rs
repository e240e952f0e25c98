//! Who a pronoun or a description speaks for. `he said` and `“…,” she added` name the
//! person the source named as a speaker or as a sentence's subject in the last few
//! paragraphs, when that is the only such person the pronoun can stand for; `the ministry
//! said` names the one organisation named in those paragraphs whose name has that word,
//! and `the mayor said` the one person named there with that title (`Mayor Ana Reid`).
//! Otherwise the claim gets no speaker rather than a wrong one. A title says which pronoun
//! fits a person (`Mr.`, `Mrs.`, `Ms.`); a person without one fits both.

use rustc_hash::FxHashMap;

use super::EntityChoice;
use super::actors::Actor;
use super::lexicon::{REPORT, TITLE};
use super::scan::{Kind, Token};
use crate::model::EntityKind;

/// How many paragraphs, this one included, a person or organisation named stays in mind.
const PARAGRAPHS: usize = 3;

/// Which pronoun fits a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    He,
    She,
    Either,
}

/// An organisation named lately, by the words of its name in lower case.
#[derive(Debug)]
struct Organisation {
    words: Vec<String>,
    choice: EntityChoice,
    paragraph: usize,
}

#[derive(Debug)]
struct Mention {
    person: EntityChoice,
    /// Named as a speaker or as a sentence's subject.
    leads: bool,
    /// The titles written with the name, in full and in lower case (`senator`).
    titles: Vec<&'static str>,
    paragraph: usize,
}

/// The persons and organisations a source has named lately, to resolve pronoun and
/// description speakers.
#[derive(Debug, Default)]
pub(crate) struct Named {
    mentions: Vec<Mention>,
    organisations: Vec<Organisation>,
    paragraph: usize,
    /// The pronoun a person's title fits, by the person, for the whole source.
    genders: FxHashMap<EntityChoice, Gender>,
}

impl Named {
    /// Starts the next paragraph and forgets those named too long ago.
    pub fn next_paragraph(&mut self) {
        self.paragraph += 1;
        let oldest = self.paragraph.saturating_sub(PARAGRAPHS - 1);
        self.mentions.retain(|m| m.paragraph >= oldest);
        self.organisations.retain(|o| o.paragraph >= oldest);
    }

    /// Remembers a person or organisation actor named in the paragraph's tokens `t`.
    pub fn remember(&mut self, t: &[Token], actor: &Actor) {
        if actor.kind == EntityKind::Organisation {
            self.organisations.push(Organisation {
                words: t[actor.first..actor.end]
                    .iter()
                    .filter(|x| x.is_word())
                    .map(|x| x.text.to_lowercase())
                    .collect(),
                choice: actor.choice.clone(),
                paragraph: self.paragraph,
            });
            return;
        }
        if actor.kind != EntityKind::Person {
            return;
        }
        let gender = title_gender(t, actor.first);
        if gender != Gender::Either {
            self.genders.insert(actor.choice.clone(), gender);
        }
        self.mentions.push(Mention {
            person: actor.choice.clone(),
            leads: is_subject(t, actor.first),
            titles: t[actor.first..actor.end.saturating_sub(1)]
                .iter()
                .filter(|x| x.is_word() && x.cap && x.is(TITLE))
                .filter_map(|x| title_noun(x.text))
                .collect(),
            paragraph: self.paragraph,
        });
    }

    /// Remembers a person who speaks a claim.
    pub fn speaks(&mut self, person: &EntityChoice) {
        self.mentions.push(Mention {
            person: person.clone(),
            leads: true,
            titles: Vec::new(),
            paragraph: self.paragraph,
        });
    }

    /// Who speaks as `stand`: the person a pronoun stands for, the one person named
    /// lately with the noun as title (`the mayor`: Mayor Ana Reid), or the one
    /// organisation named lately whose name has the noun (`the ministry`: the Ministry of
    /// Finance).
    pub fn stands_for(&self, t: &[Token], stand: Stand) -> Option<EntityChoice> {
        match stand {
            Stand::Pronoun(gender) => self.person_for(gender),
            Stand::Noun(k) => {
                let noun = t[k].text.to_lowercase();
                if let Some(title) = title_noun(&noun) {
                    let mut titled = self.mentions.iter().filter(|m| m.titles.contains(&title));
                    if let Some(one) = titled.next() {
                        return titled
                            .all(|m| m.person == one.person)
                            .then(|| one.person.clone());
                    }
                }
                let mut named = self
                    .organisations
                    .iter()
                    .filter(|o| o.words.contains(&noun));
                let one = named.next()?;
                named
                    .all(|o| o.choice == one.choice)
                    .then(|| one.choice.clone())
            }
        }
    }

    /// The person a pronoun of `gender` stands for, if only one fits among those named
    /// lately as a speaker or a subject: the one whose title fits it, else the one named
    /// without a title that says otherwise.
    fn person_for(&self, gender: Gender) -> Option<EntityChoice> {
        let known = |p: &EntityChoice| self.genders.get(p).copied().unwrap_or(Gender::Either);
        self.only(|p| known(p) == gender)
            .or_else(|| self.only(|p| known(p) == Gender::Either))
    }

    /// The one person named lately as a speaker or a subject who `fits`, if there is
    /// exactly one.
    fn only(&self, fits: impl Fn(&EntityChoice) -> bool) -> Option<EntityChoice> {
        let mut fitting = self.mentions.iter().filter(|m| m.leads && fits(&m.person));
        let one = fitting.next()?;
        if fitting.any(|m| m.person != one.person) {
            return None;
        }
        Some(one.person.clone())
    }
}

/// Who speaks a claim when no name does: a pronoun, or `the` and a noun that a name
/// named lately contains (`the ministry`, `the Post`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stand {
    Pronoun(Gender),
    /// The noun at this token.
    Noun(usize),
}

/// The pronoun or description that speaks the claim in tokens `first..end`, if one does:
/// `he said` after it (`…, he said.`, `“…,” the ministry added`), inside it (`Prices, he
/// said, will rise`), or before it (`He said that …`, `The ministry also told reporters
/// …`); (its first token, what it is).
pub(crate) fn speaking(t: &[Token], first: usize, end: usize) -> Option<(usize, Stand)> {
    // After: past the marks that close the claim.
    let mut k = end;
    while k < t.len() && k < end + 3 && matches!(t[k].kind, Kind::Mark(',' | '”' | '"' | '»')) {
        k += 1;
    }
    if let Some(found) = (k + 1..(k + 3).min(t.len()))
        .find(|&v| t[v].is_lower(REPORT))
        .and_then(|v| stand_before(t, v))
        .filter(|&(s, _)| s == k)
    {
        return Some(found);
    }
    // Inside: `Prices, he said, will rise`; `“We agreed,” she said. “Now they must act.”`
    let inside = (first..end.saturating_sub(2))
        .filter(|&k| matches!(t[k].kind, Kind::Mark(',' | '”' | '"')))
        .find_map(|k| {
            (k + 2..(k + 4).min(end))
                .find(|&v| t[v].is_lower(REPORT))
                .and_then(|v| stand_before(t, v))
                .filter(|&(s, _)| s == k + 1)
        });
    if inside.is_some() {
        return inside;
    }
    // Before: the reporting verb a few words back, its subject just before it.
    let verb = (first.saturating_sub(6)..first)
        .rev()
        .find(|&v| t[v].is_lower(REPORT))?;
    let v = if verb > 0 && is_adverb(&t[verb - 1]) {
        verb - 1
    } else {
        verb
    };
    stand_before(t, v)
}

/// The pronoun or `the` + noun just before token `v`; (its first token, what it is).
fn stand_before(t: &[Token], v: usize) -> Option<(usize, Stand)> {
    let k = v.checked_sub(1)?;
    if let Some(g) = pronoun(t, k) {
        return Some((k, Stand::Pronoun(g)));
    }
    let noun = t.get(k).filter(|x| x.is_word() && x.text.len() > 2)?;
    let the = k
        .checked_sub(1)
        .filter(|&p| t[p].text.eq_ignore_ascii_case("the"))?;
    (!noun.is(REPORT)).then_some((the, Stand::Noun(k)))
}

/// `he` or `she` at token `k`.
fn pronoun(t: &[Token], k: usize) -> Option<Gender> {
    let w = t.get(k).filter(|x| x.is_word())?;
    if w.text.eq_ignore_ascii_case("he") {
        Some(Gender::He)
    } else if w.text.eq_ignore_ascii_case("she") {
        Some(Gender::She)
    } else {
        None
    }
}

/// A word between a subject and its verb: `also`, `later`, `then`, `repeatedly`.
fn is_adverb(x: &Token) -> bool {
    x.is_word()
        && !x.cap
        && (matches!(
            x.text,
            "also" | "later" | "then" | "again" | "has" | "had" | "have"
        ) || x.text.ends_with("ly"))
}

/// Which pronoun the title of the name at `first` fits, written before it or as its
/// first word.
fn title_gender(t: &[Token], first: usize) -> Gender {
    let own = t.get(first).map_or(Gender::Either, |x| gender_of(x.text));
    if own != Gender::Either {
        return own;
    }
    let before = first.checked_sub(1).and_then(|p| {
        if t[p].is_mark('.') {
            p.checked_sub(1)
        } else {
            Some(p)
        }
    });
    before.map_or(Gender::Either, |p| gender_of(t[p].text))
}

/// A title as a description names it (`Sen.` and `senator` are `senator`), for the
/// titles of office that `the ...` describes; not `Mr.` or `Dr.`.
fn title_noun(title: &str) -> Option<&'static str> {
    let lower = title.to_ascii_lowercase();
    Some(match lower.as_str() {
        "president" => "president",
        "senator" | "sen" => "senator",
        "governor" | "gov" => "governor",
        "mayor" => "mayor",
        "rep" | "representative" | "congressman" | "congresswoman" => "congressman",
        "minister" => "minister",
        "chancellor" => "chancellor",
        "secretary" => "secretary",
        "ambassador" => "ambassador",
        "judge" | "justice" => "judge",
        "prosecutor" => "prosecutor",
        "commissioner" => "commissioner",
        "chairman" | "chairwoman" => "chairman",
        "general" | "gen" => "general",
        "premier" => "premier",
        "sheriff" => "sheriff",
        "leader" => "leader",
        "speaker" => "speaker",
        "professor" | "prof" => "professor",
        "bishop" => "bishop",
        "archbishop" => "archbishop",
        "cardinal" => "cardinal",
        "pope" => "pope",
        "king" => "king",
        "queen" => "queen",
        "prince" => "prince",
        "princess" => "princess",
        _ => return None,
    })
}

fn gender_of(title: &str) -> Gender {
    match title {
        "Mr" | "Mister" | "Sir" | "Lord" | "King" | "Prince" => Gender::He,
        "Mrs" | "Ms" | "Miss" | "Madam" | "Lady" | "Dame" | "Queen" | "Princess" => Gender::She,
        _ => Gender::Either,
    }
}

/// Whether the actor at `first` is its sentence's subject: nothing but titles, initials
/// and marks before it in the sentence (`Sen. Ana Ruiz`, `Former President Okafor`).
fn is_subject(t: &[Token], first: usize) -> bool {
    let start = t[..=first]
        .iter()
        .rposition(|x| x.sentence_start)
        .unwrap_or(0);
    t[start..first]
        .iter()
        .all(|x| !x.is_word() || (x.cap && first - start <= 4))
}
