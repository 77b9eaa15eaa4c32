//! How domain values are written to and read from SQLite columns.
//!
//! Ids: 16-byte BLOBs. Instants: INTEGER microseconds since the Unix epoch, UTC.
//! Calendar dates: TEXT `YYYY-MM-DD`. Enums: their stable snake_case names.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use uuid::Uuid;

use crate::ids::*;

macro_rules! sql_id {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::Borrowed(ValueRef::Blob(self.as_uuid().as_bytes())))
            }
        }
        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                uuid_from_sql(value).map(<$t>::from_uuid)
            }
        }
    )*};
}

sql_id!(
    PracticeId,
    CoachId,
    ClientId,
    ProgramId,
    EngagementId,
    SessionId,
    LogEntryId,
    NoteId,
    GoalId,
    MilestoneId,
    AssignmentId,
    AssignmentFileId,
    ResourceId,
    CommentId,
    ProgramItemId
);

pub(crate) fn uuid_from_sql(value: ValueRef<'_>) -> FromSqlResult<Uuid> {
    let bytes = value.as_blob()?;
    Uuid::from_slice(bytes).map_err(|_| FromSqlError::InvalidBlobSize {
        expected_size: 16,
        blob_size: bytes.len(),
    })
}

/// An instant as stored.
pub(crate) fn ts(t: &DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

pub(crate) fn ts_from(micros: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_micros(micros)
        .ok_or_else(|| rusqlite::Error::IntegralValueOutOfRange(0, micros))
}

pub(crate) fn date(d: &Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub(crate) fn date_from(s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

/// A stored enum name that this version does not know.
pub(crate) fn bad_enum(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unknown {what} `{value}` in the database").into(),
    )
}
