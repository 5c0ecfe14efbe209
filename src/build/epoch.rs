//! `SOURCE_DATE_EPOCH`: the date reproducible builds use when the profile has none.

use crate::diag::Diagnostic;
use crate::profile::Date;

/// Reads `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) as a date.
pub fn source_date_epoch() -> Result<Option<Date>, Diagnostic> {
    let raw = std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default();
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let secs: i64 = raw.trim().parse().map_err(|_| {
        Diagnostic::error(format!(
            "`SOURCE_DATE_EPOCH` is not a number of seconds: `{raw}`"
        ))
        .hint("set it to a Unix time such as `1632960000`, or unset it")
    })?;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    Date::from_parts(y as u32, Some(m), Some(d))
        .map(Some)
        .map_err(|e| Diagnostic::error(format!("`SOURCE_DATE_EPOCH` is out of range: {e}")))
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(18_900), (2021, 9, 30));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
