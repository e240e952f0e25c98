//! Grades in the Admiralty (NATO) system that intelligence analysts use: each source's
//! reliability, from A (completely reliable) to E (unreliable) and F (cannot be judged),
//! and each claim's credibility, from 1 (confirmed by other sources) to 5 (improbable)
//! and 6 (cannot be judged). Together they read `B2`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How far a source can be relied on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub const ALL: [Reliability; 6] = [
        Reliability::A,
        Reliability::B,
        Reliability::C,
        Reliability::D,
        Reliability::E,
        Reliability::F,
    ];

    /// The grade's letter.
    pub fn letter(self) -> &'static str {
        match self {
            Reliability::A => "A",
            Reliability::B => "B",
            Reliability::C => "C",
            Reliability::D => "D",
            Reliability::E => "E",
            Reliability::F => "F",
        }
    }

    /// What the grade means.
    pub fn meaning(self) -> &'static str {
        match self {
            Reliability::A => "completely reliable",
            Reliability::B => "usually reliable",
            Reliability::C => "fairly reliable",
            Reliability::D => "not usually reliable",
            Reliability::E => "unreliable",
            Reliability::F => "reliability cannot be judged",
        }
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.letter())
    }
}

impl FromStr for Reliability {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Reliability::ALL
            .into_iter()
            .find(|r| r.letter().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("`{s}` is not a reliability grade; use a letter from A to F (or none)")
            })
    }
}

/// How credible a claim is, from 1 to 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Credibility(u8);

impl Credibility {
    /// Every grade, from 1 to 6.
    pub fn all() -> impl Iterator<Item = Credibility> {
        (1..=6).map(Credibility)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// What the grade means.
    pub fn meaning(self) -> &'static str {
        match self.0 {
            1 => "confirmed by other sources",
            2 => "probably true",
            3 => "possibly true",
            4 => "doubtful",
            5 => "improbable",
            _ => "truth cannot be judged",
        }
    }
}

impl TryFrom<u8> for Credibility {
    type Error = String;

    fn try_from(n: u8) -> Result<Self, String> {
        if (1..=6).contains(&n) {
            Ok(Credibility(n))
        } else {
            Err(format!(
                "{n} is not a credibility grade; use a number from 1 to 6"
            ))
        }
    }
}

impl From<Credibility> for u8 {
    fn from(c: Credibility) -> u8 {
        c.0
    }
}

impl fmt::Display for Credibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Credibility {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let n: u8 = s.trim().parse().map_err(|_| {
            format!("`{s}` is not a credibility grade; use a number from 1 to 6 (or none)")
        })?;
        Credibility::try_from(n)
    }
}

/// A claim's grade as analysts write it: the source's reliability and the claim's
/// credibility (`B2`), with `-` for one not given; `None` when neither is.
pub fn admiralty(
    reliability: Option<Reliability>,
    credibility: Option<Credibility>,
) -> Option<String> {
    match (reliability, credibility) {
        (None, None) => None,
        (r, c) => Some(format!(
            "{}{}",
            r.map_or("-".to_string(), |r| r.to_string()),
            c.map_or("-".to_string(), |c| c.to_string())
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_read_as_analysts_write_them() {
        assert_eq!("b".parse::<Reliability>(), Ok(Reliability::B));
        assert_eq!(" F ".parse::<Reliability>(), Ok(Reliability::F));
        assert!("G".parse::<Reliability>().unwrap_err().contains("A to F"));
        assert_eq!("2".parse::<Credibility>().map(Credibility::number), Ok(2));
        assert!("7".parse::<Credibility>().unwrap_err().contains("1 to 6"));
        assert!("0".parse::<Credibility>().is_err());
        assert!("two".parse::<Credibility>().is_err());
        assert_eq!(Credibility::all().count(), 6);
    }

    #[test]
    fn a_claims_grade_joins_both_with_a_dash_for_the_missing_one() {
        let two = Credibility::try_from(2).unwrap();
        assert_eq!(
            admiralty(Some(Reliability::B), Some(two)),
            Some("B2".into())
        );
        assert_eq!(admiralty(None, Some(two)), Some("-2".into()));
        assert_eq!(admiralty(Some(Reliability::E), None), Some("E-".into()));
        assert_eq!(admiralty(None, None), None);
    }

    #[test]
    fn a_credibility_out_of_range_is_refused_when_read() {
        let read: Result<Credibility, _> = ron::from_str("7");
        assert!(read.is_err());
        let read: Credibility = ron::from_str("3").unwrap();
        assert_eq!(read.number(), 3);
        assert_eq!(ron::to_string(&read).unwrap(), "3");
        let grade: Reliability = ron::from_str("C").unwrap();
        assert_eq!(grade, Reliability::C);
    }
}
