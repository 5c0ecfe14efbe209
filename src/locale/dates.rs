//! Dates in a locale's words: `Sep 2021`, `Sept. 2021`, `2021年9月`.

use super::Locale;
use crate::profile::Date;

impl Locale {
    /// A date as entries print it: `2021`, `Sep 2021`, `Sep 29, 2021`, `present`.
    pub fn date(&self, d: &Date) -> String {
        use crate::profile::design::DateFormat;
        match self.dates {
            DateFormat::Short => self.date_in(d, "dates.month_year", "dates.day"),
            DateFormat::Long => self.date_long(d),
            DateFormat::Iso => match *d {
                Date::On {
                    year,
                    month: Some(m),
                    day: Some(dd),
                } => format!("{year}-{m:02}-{dd:02}"),
                Date::On {
                    year,
                    month: Some(m),
                    day: None,
                } => format!("{year}-{m:02}"),
                Date::On { year, .. } => year.to_string(),
                Date::Present => self.get("dates.present").to_string(),
            },
            DateFormat::Year => match *d {
                Date::On { year, .. } => year.to_string(),
                Date::Present => self.get("dates.present").to_string(),
            },
        }
    }

    /// A date in full, for the document date: `September 29, 2021`.
    pub fn date_long(&self, d: &Date) -> String {
        self.date_in(d, "dates.long_month_year", "dates.long_day")
    }

    /// A range of dates: `Sep 2019 – present`; one date when both ends are the same.
    pub fn range(&self, start: Option<&Date>, end: Option<&Date>) -> String {
        match (start, end) {
            (Some(s), Some(e)) if s == e => self.date(s),
            (Some(s), Some(e)) => self.fill(
                "dates.range",
                &[("start", &self.date(s)), ("end", &self.date(e))],
            ),
            (Some(d), None) | (None, Some(d)) => self.date(d),
            (None, None) => String::new(),
        }
    }

    /// The name of a month, 1 to 12, from a comma-separated list of twelve.
    fn month(&self, id: &str, m: u8) -> String {
        let names = self.get(id);
        names
            .split(',')
            .nth(usize::from(m.clamp(1, 12)) - 1)
            .map_or_else(|| m.to_string(), |n| n.trim().to_string())
    }

    fn date_in(&self, d: &Date, month_year: &str, day: &str) -> String {
        // The names filled are [`DATE_FIELDS`].
        let Date::On {
            year,
            month,
            day: dd,
        } = *d
        else {
            return self.get("dates.present").to_string();
        };
        let Some(m) = month else {
            return year.to_string();
        };
        let pattern = if dd.is_some() { day } else { month_year };
        let d = dd.unwrap_or(1);
        self.fill(
            pattern,
            &[
                ("year", &year.to_string()),
                ("month_long", &self.month("dates.months", m)),
                ("month", &self.month("dates.months_short", m)),
                ("mm", &format!("{m:02}")),
                ("m", &m.to_string()),
                ("dd", &format!("{d:02}")),
                ("day", &d.to_string()),
            ],
        )
    }
}

/// The placeholders every date pattern (`dates.month_year`, `dates.day` and their long
/// forms) may use.
pub const DATE_FIELDS: &[&str] = &["year", "month_long", "month", "mm", "m", "dd", "day"];
