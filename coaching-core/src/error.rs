//! The one error type of the library.
//!
//! Few variants, each with named fields a caller can match on without parsing a message.
//! Every failed operation returns one of these and changes nothing.

use crate::engagement::Status;
use crate::ids::EntityKind;
use crate::session::SessionStatus;

/// What a plan limit caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// Active engagements in the practice.
    ActiveEngagements,
    /// Coaches in the practice.
    Coaches,
}

impl LimitKind {
    /// The stable snake_case name (what the bindings report): `active_engagements`, `coaches`.
    pub fn as_str(&self) -> &'static str {
        match self {
            LimitKind::ActiveEngagements => "active_engagements",
            LimitKind::Coaches => "coaches",
        }
    }

    /// The kind named by [`LimitKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [LimitKind::ActiveEngagements, LimitKind::Coaches]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The capped thing, counted: "1 coach", "2 coaches", "1 active engagement".
    pub fn count(&self, n: u32) -> String {
        let (one, many) = match self {
            LimitKind::ActiveEngagements => ("active engagement", "active engagements"),
            LimitKind::Coaches => ("coach", "coaches"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

impl std::fmt::Display for LimitKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LimitKind::ActiveEngagements => "active engagements",
            LimitKind::Coaches => "coaches",
        })
    }
}

/// A size as messages write it: "1 byte", "2 bytes".
pub fn bytes(n: u64) -> String {
    format!("{n} {}", if n == 1 { "byte" } else { "bytes" })
}

fn unit_name(u: crate::progress::ProgressUnit) -> &'static str {
    match u {
        crate::progress::ProgressUnit::Sessions => "sessions",
        crate::progress::ProgressUnit::Hours => "minutes",
    }
}

/// Everything that can go wrong. New variants may be added in a minor release (as the C result
/// codes promise): match with a wildcard arm.
///
/// An error serialises (serde) as an object tagged `"error"` with [`Error::kind_name`] and its
/// fields, so a refusal can travel between processes (a server and a device) and come back as
/// the same typed error: `{"error": "plan_limit_reached", "kind": "active_engagements",
/// "limit": 1, "current": 1}`.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Error {
    /// The thing asked for does not exist.
    #[error("{kind} {id} not found")]
    NotFound {
        /// What kind of thing was asked for.
        kind: EntityKind,
        /// The id asked for, as text (the hyphenated UUID). Something of another practice is
        /// reported as not found too.
        id: String,
    },

    /// The actor may not perform this operation.
    #[error("permission denied: {reason}")]
    PermissionDenied {
        /// Why, in words that can be shown (e.g. "the note is private").
        reason: String,
    },

    /// The status table forbids this transition.
    #[error("invalid status transition from {from} to {to}")]
    InvalidTransition {
        /// The engagement's current status.
        from: Status,
        /// The status asked for.
        to: Status,
    },

    /// Only a Scheduled session can change status.
    #[error("a {from} session cannot become {to}")]
    InvalidSessionTransition {
        /// The session's current status (not Scheduled: it is final).
        from: SessionStatus,
        /// The status asked for (Scheduled when the session was to be rescheduled or moved).
        to: SessionStatus,
    },

    /// The operation needs an Active engagement (e.g. booking a session).
    #[error("the engagement is {status}: this needs an Active engagement")]
    EngagementNotActive {
        /// The engagement's current status: Draft, Inactive or Completed.
        status: Status,
    },

    /// Nothing can be shared with a client who has no portal account.
    #[error("client {client} has no portal account: nothing can be shared with them")]
    NoPortal {
        /// The client's id, as text.
        client: String,
    },

    /// A file is larger than the configured limit; nothing was stored.
    #[error("the file is {}, over the limit of {}", bytes(*.size), bytes(*.limit))]
    FileTooLarge {
        /// The file's size, in bytes.
        size: u64,
        /// The largest file accepted, in bytes ([`crate::Coaching::max_file_bytes`]).
        limit: u64,
    },

    /// The practice's plan does not allow one more.
    #[error(
        "plan limit reached: the plan allows {}, and the practice has {current}",
        kind.count(*.limit)
    )]
    PlanLimitReached {
        /// What the plan caps: active engagements or coaches.
        kind: LimitKind,
        /// The cap of the practice's plan.
        limit: u32,
        /// How many the practice has now, before the refused change.
        current: u32,
    },

    /// Activation needs fields that are not set, or a form's submission answers to required
    /// questions; every missing one is named.
    #[error("missing required fields: {}", fields.join(", "))]
    MissingFields {
        /// The stable names of every missing field: `coach`, `client`, `program_name`,
        /// `planned`, and `field:<label>` for each required custom field without a value (the
        /// engagement's own and its client's); for a form, `questions[<index>]` for each
        /// required question without an answer.
        fields: Vec<String>,
    },

    /// An input value is not acceptable.
    #[error("invalid {field}: {reason}")]
    Validation {
        /// The input refused, by its stable name (e.g. `name`, `location.join_url`,
        /// `page.limit`).
        field: String,
        /// What is wrong with it, in words that can be shown.
        reason: String,
    },

    /// The operation conflicts with existing data (e.g. a coach double-booked).
    #[error("conflict: {reason}")]
    Conflict {
        /// What is in the way, in words that can be shown (e.g. the clashing session).
        reason: String,
    },

    /// A client asked for a start outside the coach's published hours (or off the step
    /// between slots). [`crate::Coaching::free_slots`] lists the starts that are not.
    #[error("{start} is outside the coach's available hours")]
    OutsideAvailability {
        /// The start asked for (UTC).
        start: chrono::DateTime<chrono::Utc>,
    },

    /// A client asked for a start sooner than the booking rules' minimum notice.
    #[error("bookings need {notice_minutes} minutes' notice; this start is {minutes_ahead} minutes ahead")]
    NoticeTooShort {
        /// The notice needed, in minutes: the rules' minimum notice (to move a session, at
        /// least the late-cancellation window).
        notice_minutes: u32,
        /// How many minutes from now the start is (negative when it is past).
        minutes_ahead: i64,
    },

    /// A client asked for a start further ahead than the booking rules' horizon.
    #[error("bookings open {horizon_days} days ahead; this start is {days_ahead} days ahead")]
    BeyondHorizon {
        /// How many days ahead the rules let a client book.
        horizon_days: u32,
        /// How many days ahead the start is, a part day counting as a whole one.
        days_ahead: u32,
    },

    /// A client may not book more than remains of the planned total: planned − used −
    /// already scheduled, in sessions or (hours) minutes. A coach may.
    #[error("the planned {planned} {} are allocated: {used} used and {scheduled} scheduled", unit_name(*.unit))]
    AllocationUsedUp {
        /// Whether the figures below are sessions or (hours mode) minutes.
        unit: crate::progress::ProgressUnit,
        /// The engagement's planned total.
        planned: u32,
        /// How much of it is used (Completed, counted NoShow and LateCancelled sessions).
        used: u32,
        /// How much is booked but not yet held (Scheduled sessions).
        scheduled: u32,
    },

    /// The database file was written by a newer version of this library.
    #[error("database schema version {found} is newer than this library supports ({supported})")]
    SchemaTooNew {
        /// The schema version the database file records.
        found: u32,
        /// The newest schema version this library reads.
        supported: u32,
    },

    /// The storage backend failed (I/O, corruption, busy past the timeout).
    #[error("storage error: {message}")]
    Storage {
        /// The backend's description of the failure.
        message: String,
    },

    /// The file is not one of the library's: another application's database, not a database
    /// at all, or empty. It was not changed.
    #[error("{path} is not a coaching database: {reason}")]
    NotCoachingFile {
        /// The file that was opened, as given.
        path: String,
        /// What is wrong with it, in words.
        reason: String,
    },

    /// The database server cannot be reached or refused the connection (not listening, bad
    /// credentials, no such database, restarted while the call ran). Nothing was changed by the
    /// call that failed; a later call may succeed once the server is back.
    #[error("cannot use the database server {server}: {reason}")]
    Connection {
        /// The server the store was opened on, as `host:port` (never the credentials).
        server: String,
        /// What went wrong, as the server or the network reported it.
        reason: String,
    },
}

impl Error {
    pub(crate) fn not_found(kind: EntityKind, id: impl std::fmt::Display) -> Self {
        Error::NotFound {
            kind,
            id: id.to_string(),
        }
    }

    pub(crate) fn denied(reason: impl Into<String>) -> Self {
        Error::PermissionDenied {
            reason: reason.into(),
        }
    }

    pub(crate) fn conflict(reason: impl Into<String>) -> Self {
        Error::Conflict {
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn storage(message: impl std::fmt::Display) -> Self {
        let message = message.to_string();
        crate::diagnostics::storage_error(&message);
        Error::Storage { message }
    }

    /// A stable, machine-readable name of the variant (used by the bindings).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::PermissionDenied { .. } => "permission_denied",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::InvalidSessionTransition { .. } => "invalid_session_transition",
            Error::EngagementNotActive { .. } => "engagement_not_active",
            Error::NoPortal { .. } => "no_portal",
            Error::FileTooLarge { .. } => "file_too_large",
            Error::PlanLimitReached { .. } => "plan_limit_reached",
            Error::MissingFields { .. } => "missing_fields",
            Error::Validation { .. } => "validation",
            Error::Conflict { .. } => "conflict",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::Storage { .. } => "storage",
            Error::NotCoachingFile { .. } => "not_coaching_file",
            Error::Connection { .. } => "connection",
            Error::OutsideAvailability { .. } => "outside_availability",
            Error::NoticeTooShort { .. } => "notice_too_short",
            Error::BeyondHorizon { .. } => "beyond_horizon",
            Error::AllocationUsedUp { .. } => "allocation_used_up",
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::storage(e)
    }
}

#[cfg(feature = "postgres")]
impl From<postgres::Error> for Error {
    /// A lost or refused connection is [`Error::Connection`] (the store names its server); any
    /// other failure of the server is [`Error::Storage`].
    fn from(e: postgres::Error) -> Self {
        use std::error::Error as _;
        let code = e.code().map(|c| c.code().to_owned());
        let connection = e.is_closed()
            || e.source().is_some_and(|s| s.is::<std::io::Error>())
            || code.as_deref().is_some_and(|c| {
                c.starts_with("08") || c.starts_with("28") || c.starts_with("57P") || c == "3D000"
            });
        let reason = match e.as_db_error() {
            Some(db) => db.message().to_owned(),
            None => e.to_string(),
        };
        if connection {
            crate::diagnostics::connection_error("", &reason);
            Error::Connection {
                server: String::new(),
                reason,
            }
        } else {
            Error::storage(reason)
        }
    }
}

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of every variant.
    fn every_variant() -> Vec<Error> {
        let at = chrono::DateTime::from_timestamp(1_772_438_400, 0).unwrap();
        vec![
            Error::not_found(EntityKind::Form, "f1"),
            Error::denied("the note is private"),
            Error::InvalidTransition { from: Status::Completed, to: Status::Draft },
            Error::InvalidSessionTransition { from: SessionStatus::Completed, to: SessionStatus::Scheduled },
            Error::EngagementNotActive { status: Status::Inactive },
            Error::NoPortal { client: "c1".into() },
            Error::FileTooLarge { size: 30, limit: 20 },
            Error::PlanLimitReached { kind: LimitKind::ActiveEngagements, limit: 1, current: 1 },
            Error::MissingFields { fields: vec!["coach".into(), "questions[2]".into()] },
            Error::invalid("answers[0]", "off the scale"),
            Error::conflict("the form is submitted"),
            Error::OutsideAvailability { start: at },
            Error::NoticeTooShort { notice_minutes: 1440, minutes_ahead: -5 },
            Error::BeyondHorizon { horizon_days: 30, days_ahead: 31 },
            Error::AllocationUsedUp { unit: crate::progress::ProgressUnit::Hours, planned: 600, used: 540, scheduled: 60 },
            Error::SchemaTooNew { found: 99, supported: 15 },
            Error::storage("disk full"),
            Error::NotCoachingFile { path: "x.db".into(), reason: "empty".into() },
            Error::Connection { server: "db:5432".into(), reason: "refused".into() },
        ]
    }

    /// The variant's place in the enum: a new variant fails to compile here until
    /// [`every_variant`] has one too.
    fn place(e: &Error) -> usize {
        match e {
            Error::NotFound { .. } => 0,
            Error::PermissionDenied { .. } => 1,
            Error::InvalidTransition { .. } => 2,
            Error::InvalidSessionTransition { .. } => 3,
            Error::EngagementNotActive { .. } => 4,
            Error::NoPortal { .. } => 5,
            Error::FileTooLarge { .. } => 6,
            Error::PlanLimitReached { .. } => 7,
            Error::MissingFields { .. } => 8,
            Error::Validation { .. } => 9,
            Error::Conflict { .. } => 10,
            Error::OutsideAvailability { .. } => 11,
            Error::NoticeTooShort { .. } => 12,
            Error::BeyondHorizon { .. } => 13,
            Error::AllocationUsedUp { .. } => 14,
            Error::SchemaTooNew { .. } => 15,
            Error::Storage { .. } => 16,
            Error::NotCoachingFile { .. } => 17,
            Error::Connection { .. } => 18,
        }
    }

    #[test]
    fn every_error_travels_as_json_tagged_with_its_kind_name_and_comes_back_equal() {
        let all = every_variant();
        assert_eq!(
            all.iter().map(place).collect::<Vec<_>>(),
            (0..19).collect::<Vec<_>>(),
            "one error of each variant, in order"
        );
        for e in all {
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["error"], e.kind_name(), "{json}");
            let back: Error = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(back, e, "{json}");
        }
        let plan = serde_json::to_string(&Error::PlanLimitReached {
            kind: LimitKind::Coaches,
            limit: 3,
            current: 3,
        })
        .unwrap();
        assert_eq!(plan, r#"{"error":"plan_limit_reached","kind":"coaches","limit":3,"current":3}"#);
        assert!(serde_json::from_str::<Error>(r#"{"error":"no_such_error"}"#).is_err());
    }
}
