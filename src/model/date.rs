//! Normalised calendar values of date annotations: a day, a month or a year, or a range
//! between two of them, written as in ISO 8601 (`2025-06-04`, `2025-06`, `2025`,
//! `2025-05-20/2025-05-31`).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Month,
    Year,
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        })
    }
}

/// One calendar point at day, month or year precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarDate {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
    Year(i32),
}

impl CalendarDate {
    pub fn precision(&self) -> Precision {
        match self {
            CalendarDate::Day(_) => Precision::Day,
            CalendarDate::Month { .. } => Precision::Month,
            CalendarDate::Year(_) => Precision::Year,
        }
    }

    /// The first day this value covers.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            CalendarDate::Day(d) => d,
            CalendarDate::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
            }
            CalendarDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The last day this value covers.
    pub fn last_day(&self) -> NaiveDate {
        match *self {
            CalendarDate::Day(d) => d,
            CalendarDate::Month { year, month } => {
                let (y, m) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(NaiveDate::MAX)
            }
            CalendarDate::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalendarDate::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            CalendarDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            CalendarDate::Year(y) => write!(f, "{y:04}"),
        }
    }
}

/// Why a text is not a date value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a date value: write 2025-06-04, 2025-06, 2025 or a range such as 2025-05-20/2025-05-31"
)]
pub struct BadDate(pub String);

impl FromStr for CalendarDate {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, BadDate> {
        let bad = || BadDate(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, BadDate> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match parts.as_slice() {
            [y] => Ok(CalendarDate::Year(num(y, 4)? as i32)),
            [y, m] => {
                let (year, month) = (num(y, 4)? as i32, num(m, 2)?);
                if (1..=12).contains(&month) {
                    Ok(CalendarDate::Month { year, month })
                } else {
                    Err(bad())
                }
            }
            [y, m, d] => NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)
                .map(CalendarDate::Day)
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

/// A normalised date: one calendar value, or a range from one to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateValue {
    pub from: CalendarDate,
    pub to: Option<CalendarDate>,
}

impl DateValue {
    pub fn single(date: CalendarDate) -> Self {
        Self {
            from: date,
            to: None,
        }
    }

    pub fn day(date: NaiveDate) -> Self {
        Self::single(CalendarDate::Day(date))
    }

    /// The coarsest precision of the value's ends.
    pub fn precision(&self) -> Precision {
        match self.to {
            Some(to) => self.from.precision().max(to.precision()),
            None => self.from.precision(),
        }
    }

    pub fn first_day(&self) -> NaiveDate {
        self.from.first_day()
    }

    pub fn last_day(&self) -> NaiveDate {
        self.to.unwrap_or(self.from).last_day()
    }

    /// What the value is, for a table of dates: `range` when it runs from one date to
    /// another, else its precision (`day`, `month`, `year`).
    pub fn extent(&self) -> String {
        match self.to {
            Some(_) => "range".to_string(),
            None => self.precision().to_string(),
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(to) => write!(f, "{}/{}", self.from, to),
            None => write!(f, "{}", self.from),
        }
    }
}

impl FromStr for DateValue {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, BadDate> {
        let value = match s.split_once('/') {
            Some((a, b)) => DateValue {
                from: a.parse().map_err(|_| BadDate(s.to_string()))?,
                to: Some(b.parse().map_err(|_| BadDate(s.to_string()))?),
            },
            None => DateValue::single(s.parse()?),
        };
        if value.last_day() < value.first_day() {
            return Err(BadDate(s.to_string()));
        }
        Ok(value)
    }
}

impl serde::Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for DateValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_says_range_and_a_single_date_its_precision() {
        let extent = |s: &str| s.parse::<DateValue>().unwrap().extent();
        assert_eq!(extent("2025-06-11/2025-06-20"), "range");
        assert_eq!(extent("2024/2025-02"), "range");
        assert_eq!(extent("2025-06-04"), "day");
        assert_eq!(extent("2025-06"), "month");
    }

    #[test]
    fn values_parse_and_print_the_same() {
        for s in [
            "2025-06-04",
            "2025-06",
            "2025",
            "2025-05-20/2025-05-31",
            "2024/2025-02",
        ] {
            let v: DateValue = s.parse().unwrap();
            assert_eq!(v.to_string(), s);
        }
    }

    #[test]
    fn precision_and_extent() {
        let v: DateValue = "2024-02".parse().unwrap();
        assert_eq!(v.precision(), Precision::Month);
        assert_eq!(v.first_day().to_string(), "2024-02-01");
        assert_eq!(v.last_day().to_string(), "2024-02-29");
        let y: DateValue = "2025".parse().unwrap();
        assert_eq!(y.precision(), Precision::Year);
        assert_eq!(y.last_day().to_string(), "2025-12-31");
        let r: DateValue = "2025-05-20/2025-05".parse().unwrap();
        assert_eq!(r.precision(), Precision::Month);
    }

    #[test]
    fn nonsense_is_refused() {
        for s in [
            "",
            "2025-13",
            "2025-02-30",
            "25-06-04",
            "June 4",
            "2025-06-04/2025-06-01",
            "2025-6-4",
            "1/2/3",
        ] {
            assert!(s.parse::<DateValue>().is_err(), "{s}");
        }
        let err = "June 4".parse::<DateValue>().unwrap_err();
        assert!(err.to_string().contains("June 4"));
    }
}
