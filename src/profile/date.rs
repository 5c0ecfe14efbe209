//! Dates as CVs write them: a year, a month, a day, or `present` as an open end.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A date with the precision the user gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Date {
    /// A calendar date; `month` and `day` are absent when the user left them out.
    On {
        /// The year, 1000..=9999.
        year: u16,
        /// The month, 1..=12.
        month: Option<u8>,
        /// The day of the month.
        day: Option<u8>,
    },
    /// An open end: the thing is still going on.
    Present,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `2021`, `2021-09`, `2021-09-29` or `present`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("present") {
            return Ok(Date::Present);
        }
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let bad =
            || format!("`{s}` is not a date: write `2021`, `2021-09`, `2021-09-29` or `present`");
        let year = parts.first().and_then(|p| num(p, 4)).ok_or_else(bad)?;
        let month = match parts.get(1) {
            Some(p) => Some(num(p, 2).ok_or_else(bad)?),
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => Some(num(p, 2).ok_or_else(bad)?),
            None => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Self::from_parts(year, month, day)
    }

    /// Checks and builds a date from numbers.
    pub fn from_parts(year: u32, month: Option<u32>, day: Option<u32>) -> Result<Self, String> {
        if !(1000..=9999).contains(&year) {
            return Err(format!("year {year} is out of range (1000 to 9999)"));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!(
                "month {m} does not exist: months run from 01 to 12"
            ));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let max = days_in_month(year, m);
            if d == 0 || d > max {
                return Err(format!(
                    "day {d} does not exist in {} {year}: it has {max} days",
                    LONG_MONTHS[m as usize - 1]
                ));
            }
        }
        Ok(Date::On {
            year: year as u16,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// The ISO form the user would write: `2021`, `2021-09`, `2021-09-29`, `present`.
    pub fn iso(&self) -> String {
        match *self {
            Date::Present => "present".into(),
            Date::On { year, month, day } => {
                let mut s = format!("{year:04}");
                if let Some(m) = month {
                    s += &format!("-{m:02}");
                }
                if let Some(d) = day {
                    s += &format!("-{d:02}");
                }
                s
            }
        }
    }

    /// The date as printed in a document: `2021`, `Sep 2021`, `Sep 29, 2021`, `present`.
    pub fn display(&self) -> String {
        match *self {
            Date::Present => "present".into(),
            Date::On { year, month, day } => match (month, day) {
                (Some(m), Some(d)) => format!("{} {d}, {year}", MONTHS[m as usize - 1]),
                (Some(m), None) => format!("{} {year}", MONTHS[m as usize - 1]),
                _ => year.to_string(),
            },
        }
    }

    /// The date in long form, for "last updated": `September 30, 2021`.
    pub fn display_long(&self) -> String {
        match *self {
            Date::On {
                year,
                month: Some(m),
                day,
            } => match day {
                Some(d) => format!("{} {d}, {year}", LONG_MONTHS[m as usize - 1]),
                None => format!("{} {year}", LONG_MONTHS[m as usize - 1]),
            },
            _ => self.display(),
        }
    }

    /// A month's number from its name or number: `7`, `07`, `jul`, `Jul.`, `July` (what
    /// biblatex makes of the `jul` macro), `sept` -> 7 or 9; `None` for anything else.
    pub fn month_number(m: &str) -> Option<u32> {
        let m = m.trim().trim_end_matches('.');
        if let Ok(n) = m.parse::<u32>() {
            return (1..=12).contains(&n).then_some(n);
        }
        let m = m.to_lowercase();
        if m.len() < 3 {
            return None;
        }
        LONG_MONTHS
            .iter()
            .position(|n| n.to_lowercase().starts_with(&m) || (m == "sept" && *n == "September"))
            .map(|i| i as u32 + 1)
    }

    /// The year, if the date is not `present`.
    pub fn year(&self) -> Option<u16> {
        match *self {
            Date::On { year, .. } => Some(year),
            Date::Present => None,
        }
    }

    /// Whether this date, as an end, is before `start`, compared at the precision both have
    /// (`2021` does not end before `2021-09`).
    pub fn ends_before(&self, start: &Date) -> bool {
        match (*self, *start) {
            (
                Date::On {
                    year: y1,
                    month: m1,
                    day: d1,
                },
                Date::On {
                    year: y0,
                    month: m0,
                    day: d0,
                },
            ) => {
                let months = m1.is_some() && m0.is_some();
                let days = months && d1.is_some() && d0.is_some();
                let end = (
                    y1,
                    if months { m1 } else { None },
                    if days { d1 } else { None },
                );
                let start = (
                    y0,
                    if months { m0 } else { None },
                    if days { d0 } else { None },
                );
                end < start
            }
            (Date::On { .. }, Date::Present) => true,
            (Date::Present, _) => false,
        }
    }

    /// A key that sorts dates chronologically, `present` last, missing parts first.
    pub fn sort_key(&self) -> (u16, u8, u8) {
        match *self {
            Date::Present => (u16::MAX, 0, 0),
            Date::On { year, month, day } => (year, month.unwrap_or(0), day.unwrap_or(0)),
        }
    }

    /// The (year, month, day) to stamp a document with, the missing parts as 1.
    pub fn ymd(&self) -> Option<(i32, u8, u8)> {
        match *self {
            Date::On { year, month, day } => {
                Some((year.into(), month.unwrap_or(1), day.unwrap_or(1)))
            }
            Date::Present => None,
        }
    }
}

/// Days in a month of the proleptic Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A range of dates: an entry that started and perhaps ended.
pub fn display_range(start: Option<&Date>, end: Option<&Date>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s == e => s.display(),
        (Some(s), Some(e)) => format!("{} – {}", s.display(), e.display()),
        (Some(s), None) => s.display(),
        (None, Some(e)) => e.display(),
        (None, None) => String::new(),
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date such as `2021`, `2021-09`, `2021-09-29` or `present`")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
        let year = u32::try_from(v).map_err(|_| E::custom(format!("year {v} is out of range")))?;
        Date::from_parts(year, None, None).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        Date::parse(v).map_err(E::custom)
    }

    // A bare TOML date (`date = 2021-09-29`) arrives as a map holding its text.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let Some((_, value)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::custom("expected a date"));
        };
        if value.contains('T') || value.contains(':') {
            return Err(de::Error::custom(format!(
                "`{value}` has a time of day: write only the date, such as `2021-09-29`"
            )));
        }
        Date::parse(&value).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_numbers() {
        for (m, n) in [
            ("7", Some(7)),
            ("07", Some(7)),
            ("jul", Some(7)),
            ("Jul.", Some(7)),
            ("July", Some(7)),
            ("sep", Some(9)),
            ("sept", Some(9)),
            ("September", Some(9)),
            (" dec ", Some(12)),
            ("13", None),
            ("0", None),
            ("ju", None),
            ("Smarch", None),
        ] {
            assert_eq!(Date::month_number(m), n, "{m}");
        }
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(Date::parse("2021").unwrap().display(), "2021");
        assert_eq!(Date::parse("2021-09").unwrap().display(), "Sep 2021");
        assert_eq!(Date::parse("2021-09-29").unwrap().display(), "Sep 29, 2021");
        assert_eq!(Date::parse("Present").unwrap(), Date::Present);
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in [
            "2021-13",
            "2021-02-29",
            "21-09",
            "2021/09",
            "2021-9",
            "soon",
            "",
            "2021-09-29-1",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} was accepted");
        }
        assert!(Date::parse("2020-02-29").is_ok());
    }

    #[test]
    fn sorts_present_last() {
        let mut v = [
            Date::Present,
            Date::parse("2021-09").unwrap(),
            Date::parse("2019").unwrap(),
        ];
        v.sort_by_key(Date::sort_key);
        assert_eq!(v.map(|d| d.iso()), ["2019", "2021-09", "present"]);
    }

    #[test]
    fn ends_compare_at_shared_precision() {
        let d = |s| Date::parse(s).unwrap();
        assert!(!d("2021").ends_before(&d("2021-09")));
        assert!(d("2021-08").ends_before(&d("2021-09")));
        assert!(d("2020").ends_before(&d("2021-09-01")));
        assert!(!d("2021-09-01").ends_before(&d("2021-09")));
        assert!(!Date::Present.ends_before(&d("2021")));
    }

    #[test]
    fn ranges_read_naturally() {
        let s = Date::parse("2019-07").unwrap();
        assert_eq!(
            display_range(Some(&s), Some(&Date::Present)),
            "Jul 2019 – present"
        );
    }
}
