//! Input checks shared by every operation. Each returns the cleaned value or a
//! [`Error::Validation`] naming the field.

use chrono::NaiveDate;
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

/// Start and end dates, either optional; the end may not be before the start.
pub(crate) fn date_range(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<()> {
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
    fn zones() {
        assert_eq!(time_zone("Europe/Paris").unwrap(), chrono_tz::Europe::Paris);
        assert!(time_zone("Mars/Olympus").is_err());
    }
}
