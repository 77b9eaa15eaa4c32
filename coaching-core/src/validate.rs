//! Input checks shared by every operation. Each returns the cleaned value or a
//! [`Error::Validation`] naming the field.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::ids::truncate_for_message;

/// Longest name (of a person, practice, program, …), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest free text (a reason, a location description), in characters.
pub const MAX_TEXT_CHARS: usize = 2000;

/// A required single-line name: trimmed, non-empty, no control characters, bounded.
pub(crate) fn name(field: &str, s: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if t.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            field,
            format!("longer than {MAX_NAME_CHARS} characters"),
        ));
    }
    if t.chars().any(char::is_control) {
        return Err(Error::invalid(field, "contains control characters"));
    }
    Ok(t.to_string())
}

/// An optional name: empty or absent is `None`.
pub(crate) fn optional_name(field: &str, s: Option<&str>) -> Result<Option<String>> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => name(field, t).map(Some),
    }
}

/// Optional free text (may span lines): empty or absent is `None`.
pub(crate) fn optional_text(field: &str, s: Option<&str>) -> Result<Option<String>> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) if t.chars().count() > MAX_TEXT_CHARS => Err(Error::invalid(
            field,
            format!("longer than {MAX_TEXT_CHARS} characters"),
        )),
        Some(t)
            if t.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') =>
        {
            Err(Error::invalid(field, "contains control characters"))
        }
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// An optional e-mail address: one `@` with something on each side, no spaces.
pub(crate) fn email(field: &str, s: Option<&str>) -> Result<Option<String>> {
    let Some(t) = s.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let ok = t.len() <= 254
        && !t.chars().any(|c| c.is_whitespace() || c.is_control())
        && matches!(t.split_once('@'), Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
    if !ok {
        return Err(Error::invalid(
            field,
            format!("`{}` is not an e-mail address", truncate_for_message(t)),
        ));
    }
    Ok(Some(t.to_string()))
}

/// An IANA time zone name such as `Europe/Paris`.
pub(crate) fn time_zone(s: &str) -> Result<Tz> {
    s.trim().parse::<Tz>().map_err(|_| {
        Error::invalid(
            "time_zone",
            format!("`{}` is not an IANA time zone", truncate_for_message(s)),
        )
    })
}

/// The earliest calendar date the library stores.
pub const MIN_DATE: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date");
/// The latest calendar date the library stores. Every host reads years up to 9999 (Python's
/// `datetime` stops there); a year of margin keeps what the library computes from a stored
/// date or instant (a session's end, a program item's due date) readable by every host.
pub const MAX_DATE: NaiveDate = NaiveDate::from_ymd_opt(9998, 12, 31).expect("a valid date");
/// Longest delay of a program item's due date after the engagement's start: ten years.
pub const MAX_DUE_AFTER_DAYS: u32 = 3660;

/// A calendar date within [`MIN_DATE`]..=[`MAX_DATE`].
pub(crate) fn date(field: &str, d: NaiveDate) -> Result<NaiveDate> {
    if d < MIN_DATE || d > MAX_DATE {
        return Err(Error::invalid(
            field,
            format!("{d} is outside the supported dates ({MIN_DATE} to {MAX_DATE})"),
        ));
    }
    Ok(d)
}

/// An optional calendar date within range.
pub(crate) fn optional_date(field: &str, d: Option<NaiveDate>) -> Result<Option<NaiveDate>> {
    d.map(|d| date(field, d)).transpose()
}

/// The first instant the library stores.
pub(crate) fn first_instant() -> DateTime<Utc> {
    MIN_DATE.and_time(NaiveTime::MIN).and_utc()
}

/// The instant just after the last one the library stores.
pub(crate) fn after_last_instant() -> DateTime<Utc> {
    (MAX_DATE + chrono::Days::new(1))
        .and_time(NaiveTime::MIN)
        .and_utc()
}

/// An instant on a date within [`MIN_DATE`]..=[`MAX_DATE`] (UTC).
pub(crate) fn instant(field: &str, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let first = MIN_DATE.and_time(NaiveTime::MIN).and_utc();
    let after_last = (MAX_DATE + chrono::Days::new(1))
        .and_time(NaiveTime::MIN)
        .and_utc();
    if t < first || t >= after_last {
        return Err(Error::invalid(
            field,
            format!(
                "{} is outside the supported instants ({MIN_DATE} to {MAX_DATE}, UTC)",
                t.format("%Y-%m-%d %H:%M:%S UTC")
            ),
        ));
    }
    Ok(t)
}

/// Start and end dates, either optional, each within range; the end may not be before the
/// start.
pub(crate) fn date_range(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<()> {
    optional_date("start_date", start)?;
    optional_date("end_date", end)?;
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            return Err(Error::invalid(
                "end_date",
                format!("{e} is before the start date {s}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name("n", "  Ada ").unwrap(), "Ada");
        assert!(name("n", "   ").is_err());
        assert!(name("n", "a\u{0}b").is_err());
        assert!(name("n", &"x".repeat(201)).is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(
            email("e", Some("a@b.co")).unwrap().as_deref(),
            Some("a@b.co")
        );
        assert_eq!(email("e", Some(" ")).unwrap(), None);
        for bad in ["ab", "@b", "a@", "a b@c", "a@b@c"] {
            assert!(email("e", Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_and_instants_are_bounded() {
        use chrono::TimeZone;
        assert!(date("d", MAX_DATE).is_ok());
        assert!(date("d", MIN_DATE).is_ok());
        assert!(date("d", NaiveDate::from_ymd_opt(9999, 1, 1).unwrap()).is_err());
        assert!(date("d", NaiveDate::from_ymd_opt(1899, 12, 31).unwrap()).is_err());
        let last = Utc.with_ymd_and_hms(9998, 12, 31, 23, 59, 59).unwrap();
        assert!(instant("t", last).is_ok());
        assert!(instant("t", last + chrono::Duration::seconds(1)).is_err());
        assert!(instant("t", DateTime::<Utc>::MAX_UTC).is_err());
        assert!(instant("t", DateTime::<Utc>::MIN_UTC).is_err());
        assert!(instant("t", Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap()).is_ok());
    }

    #[test]
    fn zones() {
        assert_eq!(time_zone("Europe/Paris").unwrap(), chrono_tz::Europe::Paris);
        assert!(time_zone("Mars/Olympus").is_err());
    }
}
