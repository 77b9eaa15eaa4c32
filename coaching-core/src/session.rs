//! Sessions (appointments) of an engagement.
//!
//! A session has a start and an end instant, stored in UTC together with the IANA time zone
//! it was booked in (so a weekly series keeps its wall-clock time across daylight-saving
//! changes), a location, and a status:
//!
//! | status        | how it gets there                                          | counts as used |
//! |---------------|------------------------------------------------------------|----------------|
//! | Scheduled     | booked (or rescheduled: same session, new times)           | no             |
//! | Completed     | the coach marks it held                                    | yes            |
//! | NoShow        | the coach marks the client absent                          | if `no_show_counts` |
//! | Cancelled     | cancelled by the coach, or by the client before the window | no             |
//! | LateCancelled | cancelled by the client inside `late_cancel_window`        | yes            |
//!
//! Only a Scheduled session can change status; the others are final.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::ids::{ClientId, CoachId, EngagementId, PracticeId, SessionId};
use crate::validate;

/// Where a session takes place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    /// A phone call.
    Phone {
        /// The number to call: digits, spaces and `+ - ( ) .`, 3 to 20 digits.
        number: String,
    },
    /// A meeting in person.
    InPerson {
        /// The address (not empty).
        address: String,
    },
    /// A Zoom meeting; `join_url` is an https link on a Zoom domain.
    Zoom {
        /// The meeting's join link.
        join_url: String,
    },
    /// A Skype call; `join_url` is an https link on a Skype domain or a `skype:` URI.
    Skype {
        /// The call's join link.
        join_url: String,
    },
    /// Anywhere else, described in words.
    Other {
        /// The description (not empty).
        text: String,
    },
}

impl Location {
    /// Stable lower-case name of the kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Location::Phone { .. } => "phone",
            Location::InPerson { .. } => "in_person",
            Location::Zoom { .. } => "zoom",
            Location::Skype { .. } => "skype",
            Location::Other { .. } => "other",
        }
    }

    /// The number, address, link or text.
    pub fn value(&self) -> &str {
        match self {
            Location::Phone { number } => number,
            Location::InPerson { address } => address,
            Location::Zoom { join_url } | Location::Skype { join_url } => join_url,
            Location::Other { text } => text,
        }
    }

    /// The link a host makes clickable (Zoom and Skype only).
    pub fn join_url(&self) -> Option<&str> {
        match self {
            Location::Zoom { join_url } | Location::Skype { join_url } => Some(join_url),
            _ => None,
        }
    }

    /// Rebuilds a location from its kind name and value, validating it.
    pub fn from_parts(kind: &str, value: &str) -> Result<Location> {
        let value = value.to_string();
        let loc = match kind {
            "phone" => Location::Phone { number: value },
            "in_person" => Location::InPerson { address: value },
            "zoom" => Location::Zoom { join_url: value },
            "skype" => Location::Skype { join_url: value },
            "other" => Location::Other { text: value },
            other => {
                return Err(Error::invalid(
                    "location.kind",
                    format!(
                        "`{}` is not one of phone, in_person, zoom, skype, other",
                        crate::ids::truncate_for_message(other)
                    ),
                ))
            }
        };
        loc.validated()
    }

    /// Rebuilds a stored location without checking it again (it was checked when written).
    pub(crate) fn from_stored(kind: &str, value: String) -> Option<Location> {
        Some(match kind {
            "phone" => Location::Phone { number: value },
            "in_person" => Location::InPerson { address: value },
            "zoom" => Location::Zoom { join_url: value },
            "skype" => Location::Skype { join_url: value },
            "other" => Location::Other { text: value },
            _ => return None,
        })
    }

    /// Checks the location and returns it cleaned (trimmed).
    pub fn validated(self) -> Result<Location> {
        Ok(match self {
            Location::Phone { number } => {
                let n = number.trim();
                let digits = n.chars().filter(char::is_ascii_digit).count();
                let allowed = n
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c));
                if !allowed || !(3..=20).contains(&digits) || n.len() > 32 {
                    return Err(Error::invalid(
                        "location.number",
                        "not a phone number (digits, spaces, + - ( ) .)",
                    ));
                }
                Location::Phone {
                    number: n.to_string(),
                }
            }
            Location::InPerson { address } => Location::InPerson {
                address: validate::optional_text("location.address", Some(&address))?
                    .ok_or_else(|| Error::invalid("location.address", "must not be empty"))?,
            },
            Location::Zoom { join_url } => Location::Zoom {
                join_url: join_link(&join_url, &["zoom.us", "zoom.com", "zoomgov.com"], None)?,
            },
            Location::Skype { join_url } => Location::Skype {
                join_url: join_link(&join_url, &["skype.com", "skype.net"], Some("skype"))?,
            },
            Location::Other { text } => Location::Other {
                text: validate::optional_text("location.text", Some(&text))?
                    .ok_or_else(|| Error::invalid("location.text", "must not be empty"))?,
            },
        })
    }
}

/// An https link whose host is one of `domains` (or a subdomain), or a URI of `scheme`.
fn join_link(raw: &str, domains: &[&str], scheme: Option<&str>) -> Result<String> {
    let field = "location.join_url";
    let s = raw.trim();
    if s.len() > 2048 {
        return Err(Error::invalid(field, "longer than 2048 characters"));
    }
    let url = url::Url::parse(s).map_err(|e| Error::invalid(field, format!("not a URL ({e})")))?;
    if scheme.is_some_and(|sch| url.scheme() == sch) {
        return Ok(url.to_string());
    }
    if url.scheme() != "https" {
        return Err(Error::invalid(field, "must be an https link"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid(field, "must not carry credentials"));
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    if !domains
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
    {
        return Err(Error::invalid(
            field,
            format!("`{host}` is not a {} host", domains.join(" / ")),
        ));
    }
    Ok(url.to_string())
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Phone { number } => write!(f, "Phone {number}"),
            Location::InPerson { address } => write!(f, "In person: {address}"),
            Location::Zoom { join_url } => write!(f, "Zoom {join_url}"),
            Location::Skype { join_url } => write!(f, "Skype {join_url}"),
            Location::Other { text } => f.write_str(text),
        }
    }
}

/// Status of one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Booked and not yet held: the only status that can change (to any other).
    Scheduled,
    /// Held: marked by its coach or the owner once it has started; uses up a session.
    Completed,
    /// Cancelled by the coach, or by the client before the late-cancellation window; not used.
    Cancelled,
    /// Cancelled by the client inside the engagement's late-cancellation window; uses up a session.
    LateCancelled,
    /// The client did not come; uses up a session when the engagement's `no_show_counts`.
    NoShow,
}

impl SessionStatus {
    /// Every status, in declaration order.
    pub const ALL: [SessionStatus; 5] = [
        SessionStatus::Scheduled,
        SessionStatus::Completed,
        SessionStatus::Cancelled,
        SessionStatus::LateCancelled,
        SessionStatus::NoShow,
    ];

    /// Stable snake_case name, as stored: `scheduled`, `completed`, `cancelled`, `late_cancelled`
    /// or `no_show`.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Scheduled => "scheduled",
            SessionStatus::Completed => "completed",
            SessionStatus::Cancelled => "cancelled",
            SessionStatus::LateCancelled => "late_cancelled",
            SessionStatus::NoShow => "no_show",
        }
    }

    /// Parses [`SessionStatus::as_str`]'s output; `None` for any other text.
    pub fn parse(s: &str) -> Option<Self> {
        SessionStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for SessionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SessionStatus::Scheduled => "Scheduled",
            SessionStatus::Completed => "Completed",
            SessionStatus::Cancelled => "Cancelled",
            SessionStatus::LateCancelled => "Late cancelled",
            SessionStatus::NoShow => "No-show",
        })
    }
}

/// One session, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// This session's id: the same through reschedules.
    pub id: SessionId,
    /// The practice the session belongs to.
    pub practice_id: PracticeId,
    /// The engagement the session is part of.
    pub engagement_id: EngagementId,
    /// The coach holding the session (the engagement's coach when it was booked; moved with
    /// a reassignment while still Scheduled).
    pub coach_id: CoachId,
    /// The engagement's client.
    pub client_id: ClientId,
    /// When it starts (UTC).
    pub start: DateTime<Utc>,
    /// When it ends (UTC); always after `start`, at most 24 hours later.
    pub end: DateTime<Utc>,
    /// The IANA zone it was booked in: its wall-clock time is `start` in this zone.
    pub time_zone: Tz,
    /// Where it takes place.
    pub location: Location,
    /// Scheduled until held, cancelled or missed.
    pub status: SessionStatus,
    /// Who cancelled it, when, and why (Cancelled and LateCancelled only).
    pub cancelled_by: Option<Actor>,
    /// When it was cancelled (UTC).
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The reason given when cancelling; `None`: none given, or not cancelled.
    pub cancel_reason: Option<String>,
    /// Who booked it: a coach, or the client booking for themself.
    pub created_by: Actor,
    /// When it was booked (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last rescheduled, moved or changed status (UTC).
    pub updated_at: DateTime<Utc>,
}

impl Session {
    /// Length in whole minutes.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// `start` as wall-clock time in the session's own zone.
    pub fn local_start(&self) -> DateTime<Tz> {
        self.start.with_timezone(&self.time_zone)
    }
}

/// One line of a session list across engagements: the session and the names around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    /// The session itself.
    pub session: Session,
    /// The name of the session's coach.
    pub coach_name: String,
    /// The name of the engagement's client.
    pub client_name: String,
    /// The engagement's program name; `None`: not set.
    pub program_name: Option<String>,
}

/// How a series repeats: every `every_weeks` weeks, until `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    /// Weeks between occurrences (1 = weekly), at the same wall-clock time in the series' zone.
    pub every_weeks: u32,
    /// When the series stops: after a count, or on a date.
    pub end: SeriesEnd,
}

/// When a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesEnd {
    /// This many sessions in all, the first included.
    Count(u32),
    /// Every occurrence starting on or before this date (in the series' zone).
    Until(NaiveDate),
}

/// Which sessions of an engagement to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionRange {
    /// Scheduled sessions that have not ended yet, soonest first.
    Upcoming,
    /// Everything else (ended, or no longer Scheduled), most recent first.
    Past,
}

impl SessionRange {
    /// Every value, in declaration order.
    pub const ALL: &'static [SessionRange] = &[SessionRange::Upcoming, SessionRange::Past];
    /// Stable snake_case name: `upcoming` or `past`.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionRange::Upcoming => "upcoming",
            SessionRange::Past => "past",
        }
    }
}
