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

every_id!(sql_id);

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

/// A text column read in place (no allocation); NULL is `None`.
pub(crate) fn text_at<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?.as_str_or_null().map_err(Into::into)
}

/// A required text column read in place.
pub(crate) fn str_at<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(Into::into)
}

/// A stored enum column parsed in place by `parse`.
pub(crate) fn enum_at<T>(
    r: &rusqlite::Row,
    i: usize,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s = str_at(r, i)?;
    parse(s).ok_or_else(|| bad_enum(what, s))
}

/// A "YYYY-MM-DD" column (NULL: `None`), parsed in place.
pub(crate) fn date_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    text_at(r, i)?
        .map(|s| {
            s.parse::<NaiveDate>().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    i,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
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
