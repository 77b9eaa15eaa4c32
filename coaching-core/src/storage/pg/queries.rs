//! The SQL of the PostgreSQL backend: [`Reader`] and [`Writer`] over one transaction. Every
//! statement filters on the practice (`$1` unless stated).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use postgres::types::{FromSql, IsNull, ToSql, Type};
use postgres::Row;
use uuid::Uuid;

use super::{PgTx, Table};
use crate::activity::{Action, Audience, LogEntry, LogScope, Page, TargetRef};
use crate::actor::Actor;
use crate::booking::{Availability, BookingRules, RulesOwner};
use crate::content::*;
use crate::engagement::{Engagement, EngagementOverview, Status};
use crate::error::{Error, Result};
use crate::fields::{FieldDefinition, FieldEntity, FieldKind, StoredFieldValue};
use crate::html::{MARK_CLOSE, MARK_OPEN};
use crate::ids::*;
use crate::model::{Client, Coach, Practice, Program};
use crate::plan::Plan;
use crate::progress::{Planned, ProgressUnit, SessionTally};
use crate::session::{Location, Session, SessionLine, SessionRange, SessionStatus};
use crate::storage::{
    BookingSetup, FeedScope, NoteSearch, OverviewFilter, Reader, SessionWindow, Writer,
};

type BoxError = Box<dyn std::error::Error + Sync + Send>;

/// An id a row is found by: bound as a parameter, or written as a UUID literal.
pub(super) trait Key: ToSql + Sync {
    fn uuid(&self) -> Uuid;
}

macro_rules! pg_id {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, BoxError> {
                self.as_uuid().to_sql(ty, out)
            }
            fn accepts(ty: &Type) -> bool {
                <Uuid as ToSql>::accepts(ty)
            }
            postgres::types::to_sql_checked!();
        }
        impl Key for $t {
            fn uuid(&self) -> Uuid {
                *self.as_uuid()
            }
        }
        impl<'a> FromSql<'a> for $t {
            fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
                Uuid::from_sql(ty, raw).map(<$t>::from_uuid)
            }
            fn accepts(ty: &Type) -> bool {
                <Uuid as FromSql>::accepts(ty)
            }
        }
    )*};
}

every_id!(pg_id);

/// Column `i` of `r`, never a panic: a type the code does not expect is a storage error.
fn g<'a, T: FromSql<'a>>(r: &'a Row, i: usize) -> Result<T> {
    Ok(r.try_get(i)?)
}

fn count(r: &Row, i: usize) -> Result<u32> {
    Ok(g::<i32>(r, i)? as u32)
}

fn opt_count(r: &Row, i: usize) -> Result<Option<u32>> {
    Ok(g::<Option<i32>>(r, i)?.map(|v| v as u32))
}

/// Booking rules from five columns starting at `at` (`None` when the first is NULL: a
/// LEFT JOIN found none).
fn rules_at(r: &Row, at: usize) -> Result<Option<BookingRules>> {
    let Some(notice) = g::<Option<i32>>(r, at)? else {
        return Ok(None);
    };
    Ok(Some(BookingRules {
        min_notice_minutes: notice.max(0) as u32,
        max_horizon_days: g::<Option<i32>>(r, at + 1)?.map(|v| v.max(0) as u32),
        buffer_before_minutes: g::<i32>(r, at + 2)?.max(0) as u32,
        buffer_after_minutes: g::<i32>(r, at + 3)?.max(0) as u32,
        slot_step_minutes: g::<i32>(r, at + 4)?.max(0) as u32,
    }))
}

fn bad_enum(what: &str, value: &str) -> Error {
    Error::storage(format!("unknown {what} `{value}` in the database"))
}

fn parsed<T>(r: &Row, i: usize, what: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
    let s: &str = g(r, i)?;
    parse(s).ok_or_else(|| bad_enum(what, s))
}

fn num(v: Option<u32>) -> Option<i32> {
    v.map(|v| v as i32)
}

/// An actor as two columns: kind and optional id.
fn actor_parts(a: &Actor) -> (&'static str, Option<Uuid>) {
    let id = match a {
        Actor::Coach(id) => Some(*id.as_uuid()),
        Actor::Client(id) => Some(*id.as_uuid()),
        Actor::System => None,
    };
    (a.kind_name(), id)
}

fn actor_at(r: &Row, kind_col: usize) -> Result<Option<Actor>> {
    Ok(match g::<Option<&str>>(r, kind_col)? {
        None => None,
        Some("coach") => Some(Actor::Coach(g(r, kind_col + 1)?)),
        Some("client") => Some(Actor::Client(g(r, kind_col + 1)?)),
        Some("system") => Some(Actor::System),
        Some(other) => return Err(bad_enum("actor kind", other)),
    })
}

fn actor_req(r: &Row, kind_col: usize) -> Result<Actor> {
    actor_at(r, kind_col)?.ok_or_else(|| bad_enum("actor kind", "NULL"))
}

/// An instant bound of a query within what `timestamptz` holds (4713 BC to 294276 AD; the
/// library's own dates are 1900–9998, but a list may be asked for "everything": chrono's
/// minimum and maximum).
fn bound(t: DateTime<Utc>) -> DateTime<Utc> {
    let lo = DateTime::<Utc>::from_timestamp(-62_135_596_800, 0).unwrap_or(t); // 0001-01-01
    let hi = DateTime::<Utc>::from_timestamp(6_249_223_008_000, 0).unwrap_or(t); // year 200000
    t.clamp(lo, hi)
}

fn limit(p: &Page) -> i64 {
    p.limit as i64
}

fn offset(p: &Page) -> i64 {
    p.offset as i64
}

/// Words of a note as the full-text index holds them: split on anything that is not a letter
/// or a digit, lower-cased — as the service splits search keywords and SQLite's `unicode61`
/// tokenizer splits text, so both backends find the same notes.
fn search_words(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `tsquery` that matches every term as a word or a word prefix; each term is quoted so no
/// input is read as query syntax.
fn ts_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("'{}':*", t.replace('\\', "\\\\").replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" & ")
}

// ---- rows

const PRACTICE_COLS: &str = "id, name, time_zone, plan_name, plan_max_active, plan_max_coaches, \
     plan_can_reassign, owner_id, created_at, updated_at";

/// Locks practice `$1` for this write transaction and reads it (as text: instants in
/// microseconds since the epoch; see [`practice_from_text`]).
pub(super) const LOCK_PRACTICE_SQL: &str = "SELECT id, name, time_zone, plan_name, plan_max_active, \
     plan_max_coaches, plan_can_reassign::int, owner_id, (extract(epoch FROM created_at) * 1000000)::bigint, \
     (extract(epoch FROM updated_at) * 1000000)::bigint FROM practices WHERE id = $1 FOR NO KEY UPDATE";

/// A text column of a simple-protocol row, parsed.
pub(super) fn parse_text<T: std::str::FromStr>(v: Option<String>, what: &str) -> Result<T> {
    v.as_deref()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad_enum(what, v.as_deref().unwrap_or("NULL")))
}

/// The practice row of [`LOCK_PRACTICE_SQL`].
pub(super) fn practice_from_text(row: &[Option<String>]) -> Result<Practice> {
    let col = |i: usize| row.get(i).cloned().flatten();
    let instant = |i: usize| -> Result<DateTime<Utc>> {
        DateTime::from_timestamp_micros(parse_text::<i64>(col(i), "instant")?)
            .ok_or_else(|| bad_enum("instant", "out of range"))
    };
    let count = |i: usize| -> Result<Option<u32>> {
        col(i)
            .map(|v| parse_text::<u32>(Some(v), "count"))
            .transpose()
    };
    Ok(Practice {
        id: parse_text(col(0), "practice id")?,
        name: col(1).unwrap_or_default(),
        time_zone: parse_text(col(2), "time zone")?,
        plan: Plan {
            name: col(3).unwrap_or_default(),
            max_active_engagements: count(4)?,
            max_coaches: count(5)?,
            can_reassign: parse_text::<i32>(col(6), "flag")? != 0,
        },
        owner_id: parse_text(col(7), "coach id")?,
        created_at: instant(8)?,
        updated_at: instant(9)?,
    })
}

pub(super) fn practice_row(r: &Row) -> Result<Practice> {
    Ok(Practice {
        id: g(r, 0)?,
        name: g(r, 1)?,
        time_zone: parsed(r, 2, "time zone", |s| s.parse::<Tz>().ok())?,
        plan: Plan {
            name: g(r, 3)?,
            max_active_engagements: opt_count(r, 4)?,
            max_coaches: opt_count(r, 5)?,
            can_reassign: g(r, 6)?,
        },
        owner_id: g(r, 7)?,
        created_at: g(r, 8)?,
        updated_at: g(r, 9)?,
    })
}

const COACH_COLS: &str = "id, practice_id, name, email, created_at";

fn coach_row(r: &Row) -> Result<Coach> {
    Ok(Coach {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        name: g(r, 2)?,
        email: g(r, 3)?,
        created_at: g(r, 4)?,
    })
}

const CLIENT_COLS: &str =
    "id, practice_id, name, email, has_portal, created_at, updated_at, archived, erased";

fn client_row(r: &Row) -> Result<Client> {
    Ok(Client {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        name: g(r, 2)?,
        email: g(r, 3)?,
        has_portal: g(r, 4)?,
        created_at: g(r, 5)?,
        updated_at: g(r, 6)?,
        archived: g(r, 7)?,
        erased: g(r, 8)?,
    })
}

const PROGRAM_COLS: &str =
    "id, practice_id, name, unit, planned, session_minutes, no_show_counts, \
     late_cancel_minutes, created_at, updated_at";

fn program_row(r: &Row) -> Result<Program> {
    Ok(Program {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        name: g(r, 2)?,
        planned: Planned {
            unit: parsed(r, 3, "progress unit", ProgressUnit::parse)?,
            amount: count(r, 4)?,
        },
        session_minutes: count(r, 5)?,
        no_show_counts: g(r, 6)?,
        late_cancel_window_minutes: opt_count(r, 7)?,
        created_at: g(r, 8)?,
        updated_at: g(r, 9)?,
    })
}

/// Engagement columns, qualified by the alias `e` (17 columns).
const ENGAGEMENT_COLS: &str =
    "e.id, e.practice_id, e.coach_id, e.client_id, e.program_id, e.program_name, \
     e.unit, e.planned, e.session_minutes, e.no_show_counts, e.late_cancel_minutes, e.start_date, \
     e.end_date, e.status, e.completion_reason, e.created_at, e.updated_at";
const ENGAGEMENT_COL_COUNT: usize = 17;

fn engagement_row(r: &Row) -> Result<Engagement> {
    Ok(Engagement {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        coach_id: g(r, 2)?,
        client_id: g(r, 3)?,
        program_id: g(r, 4)?,
        program_name: g(r, 5)?,
        planned: Planned {
            unit: parsed(r, 6, "progress unit", ProgressUnit::parse)?,
            amount: count(r, 7)?,
        },
        session_minutes: count(r, 8)?,
        no_show_counts: g(r, 9)?,
        late_cancel_window_minutes: opt_count(r, 10)?,
        start_date: g(r, 11)?,
        end_date: g(r, 12)?,
        status: parsed(r, 13, "status", Status::parse)?,
        completion_reason: g(r, 14)?,
        created_at: g(r, 15)?,
        updated_at: g(r, 16)?,
    })
}

/// The tally kept on the engagement row (aliased `e`) by the session trigger.
const TALLY_COLS: &str =
    "e.tally_completed, e.tally_completed_minutes, e.tally_no_show, e.tally_no_show_minutes, \
     e.tally_late_cancelled, e.tally_late_cancelled_minutes";

fn tally_at(r: &Row, at: usize) -> Result<SessionTally> {
    Ok(SessionTally {
        completed: count(r, at)?,
        completed_minutes: g::<i64>(r, at + 1)? as u64,
        no_show: count(r, at + 2)?,
        no_show_minutes: g::<i64>(r, at + 3)? as u64,
        late_cancelled: count(r, at + 4)?,
        late_cancelled_minutes: g::<i64>(r, at + 5)? as u64,
    })
}

/// Session columns, qualified by the alias `s` (19 columns).
const SESSION_COLS: &str = "s.id, s.practice_id, s.engagement_id, s.coach_id, s.client_id, s.start_at, s.end_at, \
     s.time_zone, s.location_kind, s.location_value, s.status, s.cancelled_by_kind, s.cancelled_by_id, \
     s.cancelled_at, s.cancel_reason, s.created_by_kind, s.created_by_id, s.created_at, s.updated_at";
const SESSION_COL_COUNT: usize = 19;

fn session_row(r: &Row) -> Result<Session> {
    let kind: &str = g(r, 8)?;
    Ok(Session {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        coach_id: g(r, 3)?,
        client_id: g(r, 4)?,
        start: g(r, 5)?,
        end: g(r, 6)?,
        time_zone: parsed(r, 7, "time zone", |s| s.parse::<Tz>().ok())?,
        location: Location::from_stored(kind, g(r, 9)?)
            .ok_or_else(|| bad_enum("location", kind))?,
        status: parsed(r, 10, "session status", SessionStatus::parse)?,
        cancelled_by: actor_at(r, 11)?,
        cancelled_at: g(r, 13)?,
        cancel_reason: g(r, 14)?,
        created_by: actor_req(r, 15)?,
        created_at: g(r, 17)?,
        updated_at: g(r, 18)?,
    })
}

const LOG_COLS: &str = "id, practice_id, engagement_id, at, actor_kind, actor_id, action, \
     target_kind, target_id, detail, audience";

fn log_row(r: &Row) -> Result<LogEntry> {
    Ok(LogEntry {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        at: g(r, 3)?,
        actor: actor_req(r, 4)?,
        action: parsed(r, 6, "action", Action::parse)?,
        target: TargetRef {
            kind: parsed(r, 7, "target kind", EntityKind::parse)?,
            id: g(r, 8)?,
        },
        detail: g(r, 9)?,
        audience: parsed(r, 10, "audience", Audience::parse)?,
    })
}

const NOTE_COLS: &str =
    "n.id, n.practice_id, n.engagement_id, n.title, n.body_html, n.body_text, n.position, \
     n.shared, n.created_by_kind, n.created_by_id, n.created_at, n.updated_at";
const NOTE_COL_COUNT: usize = 12;

fn note_row(r: &Row) -> Result<Note> {
    Ok(Note {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        title: g(r, 3)?,
        body_html: g(r, 4)?,
        body_text: g(r, 5)?,
        position: count(r, 6)?,
        shared: g(r, 7)?,
        created_by: actor_req(r, 8)?,
        created_at: g(r, 10)?,
        updated_at: g(r, 11)?,
    })
}

const JOURNAL_COLS: &str =
    "id, practice_id, engagement_id, client_id, title, body_html, body_text, \
     shared, created_at, updated_at";

fn journal_row(r: &Row) -> Result<JournalEntry> {
    Ok(JournalEntry {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        client_id: g(r, 3)?,
        title: g(r, 4)?,
        body_html: g(r, 5)?,
        body_text: g(r, 6)?,
        shared: g(r, 7)?,
        created_at: g(r, 8)?,
        updated_at: g(r, 9)?,
    })
}

const FORM_TEMPLATE_COLS: &str =
    "id, practice_id, name, description, questions, created_at, updated_at";

fn form_template_row(r: &Row) -> Result<FormTemplate> {
    Ok(FormTemplate {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        name: g(r, 2)?,
        description: g(r, 3)?,
        questions: json_col(r, 4, "form questions")?,
        created_at: g(r, 5)?,
        updated_at: g(r, 6)?,
    })
}

const FORM_COLS: &str = "id, practice_id, engagement_id, template_id, name, description, questions, \
     answers, status, due_date, sent_by_kind, sent_by_id, sent_at, submitted_at, updated_at";

fn form_row(r: &Row) -> Result<Form> {
    Ok(Form {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        template_id: g(r, 3)?,
        name: g(r, 4)?,
        description: g(r, 5)?,
        questions: json_col(r, 6, "form questions")?,
        answers: json_col(r, 7, "form answers")?,
        status: parsed(r, 8, "form status", FormStatus::parse)?,
        due_date: g(r, 9)?,
        sent_by: actor_req(r, 10)?,
        sent_at: g(r, 12)?,
        submitted_at: g(r, 13)?,
        updated_at: g(r, 14)?,
    })
}

const FIELD_COLS: &str = "id, practice_id, entity, label, kind, choices, required, position, \
     created_at, updated_at";

fn json_col<T: serde::de::DeserializeOwned>(r: &Row, i: usize, what: &str) -> Result<T> {
    let s: String = g(r, i)?;
    serde_json::from_str(&s).map_err(|_| Error::storage(format!("unreadable {what}: {s:?}")))
}

fn field_row(r: &Row) -> Result<FieldDefinition> {
    let entity: String = g(r, 2)?;
    let kind: String = g(r, 4)?;
    Ok(FieldDefinition {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        entity: FieldEntity::parse(&entity)
            .ok_or_else(|| Error::storage(format!("unknown field entity {entity:?}")))?,
        label: g(r, 3)?,
        kind: FieldKind::parse(&kind)
            .ok_or_else(|| Error::storage(format!("unknown field kind {kind:?}")))?,
        choices: json_col(r, 5, "field choices")?,
        required_for_activation: g(r, 6)?,
        position: count(r, 7)?,
        created_at: g(r, 8)?,
        updated_at: g(r, 9)?,
    })
}

fn field_value_row(r: &Row) -> Result<StoredFieldValue> {
    Ok(StoredFieldValue {
        field_id: g(r, 0)?,
        target_id: g(r, 1)?,
        value: json_col(r, 2, "field value")?,
        updated_at: g(r, 3)?,
    })
}

const GOAL_COLS: &str =
    "id, practice_id, engagement_id, name, description, due_date, status, created_by_kind, \
     created_by_id, created_at, updated_at, horizon";

fn goal_row(r: &Row) -> Result<Goal> {
    Ok(Goal {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        name: g(r, 3)?,
        description: g(r, 4)?,
        due_date: g(r, 5)?,
        status: parsed(r, 6, "goal status", GoalStatus::parse)?,
        horizon: g::<Option<&str>>(r, 11)?
            .map(|h| GoalHorizon::parse(h).ok_or_else(|| bad_enum("goal horizon", h)))
            .transpose()?,
        created_by: actor_req(r, 7)?,
        created_at: g(r, 9)?,
        updated_at: g(r, 10)?,
    })
}

const MILESTONE_COLS: &str =
    "id, goal_id, engagement_id, name, due_date, done, position, created_at, updated_at";

fn milestone_row(r: &Row) -> Result<Milestone> {
    Ok(Milestone {
        id: g(r, 0)?,
        goal_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        name: g(r, 3)?,
        due_date: g(r, 4)?,
        done: g(r, 5)?,
        position: count(r, 6)?,
        created_at: g(r, 7)?,
        updated_at: g(r, 8)?,
    })
}

const ASSIGNMENT_COLS: &str =
    "id, practice_id, engagement_id, name, description, due_date, status, \
     created_by_kind, created_by_id, created_at, updated_at";

fn assignment_row(r: &Row) -> Result<Assignment> {
    Ok(Assignment {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        name: g(r, 3)?,
        description: g(r, 4)?,
        due_date: g(r, 5)?,
        status: parsed(r, 6, "assignment status", AssignmentStatus::parse)?,
        created_by: actor_req(r, 7)?,
        created_at: g(r, 9)?,
        updated_at: g(r, 10)?,
    })
}

const FILE_COLS: &str =
    "f.id, f.assignment_id, f.resource_id, f.message, f.added_by_kind, f.added_by_id, f.added_at";

fn file_row(r: &Row) -> Result<AssignmentFile> {
    Ok(AssignmentFile {
        id: g(r, 0)?,
        assignment_id: g(r, 1)?,
        resource_id: g(r, 2)?,
        message: g(r, 3)?,
        added_by: actor_req(r, 4)?,
        added_at: g(r, 6)?,
    })
}

/// Resource columns, qualified by the alias `r` (17 columns).
const RESOURCE_COLS: &str = "r.id, r.practice_id, r.place, r.client_id, r.engagement_id, r.parent_id, r.kind, r.name, \
     r.media_type, r.size, r.sha256, r.url, r.added_by_kind, r.added_by_id, r.shared_with_coach, r.created_at, \
     r.updated_at";
const RESOURCE_COL_COUNT: usize = 17;

fn resource_row(r: &Row) -> Result<Resource> {
    let place = match g::<&str>(r, 2)? {
        "library" => ResourcePlace::Library,
        "client_library" => ResourcePlace::ClientLibrary(g(r, 3)?),
        "engagement" => ResourcePlace::Engagement(g(r, 4)?),
        other => return Err(bad_enum("resource place", other)),
    };
    Ok(Resource {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        place,
        parent_id: g(r, 5)?,
        kind: parsed(r, 6, "resource kind", ResourceKind::parse)?,
        name: g(r, 7)?,
        media_type: g(r, 8)?,
        size: g::<Option<i64>>(r, 9)?.map(|s| s as u64),
        sha256: g(r, 10)?,
        url: g(r, 11)?,
        added_by: actor_req(r, 12)?,
        shared_with_coach: g(r, 14)?,
        created_at: g(r, 15)?,
        updated_at: g(r, 16)?,
    })
}

const COMMENT_COLS: &str =
    "id, practice_id, engagement_id, note_id, goal_id, assignment_id, body_html, \
     author_kind, author_id, created_at";

fn comment_row(r: &Row) -> Result<Comment> {
    let target = if let Some(id) = g::<Option<NoteId>>(r, 3)? {
        CommentTarget::Note(id)
    } else if let Some(id) = g::<Option<GoalId>>(r, 4)? {
        CommentTarget::Goal(id)
    } else {
        CommentTarget::Assignment(g(r, 5)?)
    };
    Ok(Comment {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        engagement_id: g(r, 2)?,
        target,
        body_html: g(r, 6)?,
        author: actor_req(r, 7)?,
        created_at: g(r, 9)?,
    })
}

const ITEM_COLS: &str = "id, practice_id, program_id, position, kind, name, description, \
     due_after_days, resource_id, form_template_id";

fn item_row(r: &Row) -> Result<ProgramItem> {
    let item = match g::<&str>(r, 4)? {
        "goal" => ProgramItemKind::Goal {
            name: g(r, 5)?,
            description: g(r, 6)?,
            due_after_days: opt_count(r, 7)?,
        },
        "assignment" => ProgramItemKind::Assignment {
            name: g(r, 5)?,
            description: g(r, 6)?,
            due_after_days: opt_count(r, 7)?,
        },
        "resource" => ProgramItemKind::Resource {
            resource_id: g(r, 8)?,
        },
        "form" => ProgramItemKind::Form {
            template_id: g(r, 9)?,
            due_after_days: opt_count(r, 7)?,
        },
        other => return Err(bad_enum("program item kind", other)),
    };
    Ok(ProgramItem {
        id: g(r, 0)?,
        practice_id: g(r, 1)?,
        program_id: g(r, 2)?,
        position: count(r, 3)?,
        item,
    })
}

/// Positional parameters of a statement built from its filter's shape.
struct Args<'a> {
    values: Vec<&'a (dyn ToSql + Sync)>,
}

impl<'a> Args<'a> {
    fn new(first: &'a (dyn ToSql + Sync)) -> Self {
        Args {
            values: vec![first],
        }
    }
    /// Adds a value; its placeholder (`$n`).
    fn add(&mut self, v: &'a (dyn ToSql + Sync)) -> String {
        self.values.push(v);
        format!("${}", self.values.len())
    }
}

impl PgTx<'_> {
    /// The row `id` of `table`: `sql` takes the practice as `$1` and the id as `$2`.
    fn by_id<T, I: Key>(
        &self,
        table: Table,
        sql: &str,
        id: &I,
        f: fn(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        let Some(p) = self.locate(table, id.uuid())? else {
            return Ok(None);
        };
        self.query_opt(sql, &[&p, id])?.map(|r| f(&r)).transpose()
    }

    /// The rows under row `id` of `table`: `sql` takes the practice as `$1` and the id as `$2`.
    fn under<T, I: Key>(
        &self,
        table: Table,
        sql: &str,
        id: &I,
        f: fn(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        let Some(p) = self.locate(table, id.uuid())? else {
            return Ok(Vec::new());
        };
        self.query(sql, &[&p, id])?.iter().map(f).collect()
    }

    /// The rows of `practice`: `sql` takes it as `$1`.
    fn of_practice<T>(
        &self,
        practice: PracticeId,
        sql: &str,
        f: fn(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        if !self.within(practice)? {
            return Ok(Vec::new());
        }
        self.query(sql, &[&practice])?.iter().map(f).collect()
    }

    /// Deletes row `id` of `table` (`sql`: practice `$1`, id `$2`); nothing if there is none.
    fn delete<I: Key>(&self, table: Table, sql: &str, id: &I) -> Result<()> {
        if let Some(p) = self.locate(table, id.uuid())? {
            self.execute(sql, &[&p, id])?;
        }
        Ok(())
    }

    fn search_rows(&self, sql: &str, args: &Args<'_>) -> Result<Vec<NoteHit>> {
        self.query(sql, &args.values)?
            .iter()
            .map(|r| {
                let snippet: Option<String> = g(r, NOTE_COL_COUNT)?;
                Ok(NoteHit {
                    note: note_row(r)?,
                    snippet_html: snippet.map(|s| {
                        crate::html::snippet_html(
                            &s.replace('\u{1}', &MARK_OPEN.to_string())
                                .replace('\u{2}', &MARK_CLOSE.to_string())
                                .replace('\u{3}', "<")
                                .replace('\u{4}', ">"),
                        )
                    }),
                    rank: g(r, NOTE_COL_COUNT + 1)?,
                })
            })
            .collect()
    }
}

/// The options of `ts_headline` for search snippets: about 16 words around the matches, the
/// matches between the control characters U+0001 and U+0002 (turned into `<mark>` once the
/// text around them is escaped). `<` and `>` pass through as U+0003 and U+0004: the headline
/// parser would take `<script>` in a note's text for a tag and drop it.
const HEADLINE_OPTIONS: &str =
    "StartSel=\u{1}, StopSel=\u{2}, MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…";

/// The one statement that reads across practices: the list of them, for operators' tools.
pub(crate) const PRACTICE_IDS_SQL: &str = "SELECT id FROM practices ORDER BY id";

impl Reader for PgTx<'_> {
    fn practice_ids(&self) -> Result<Vec<PracticeId>> {
        self.query(PRACTICE_IDS_SQL, &[])?
            .iter()
            .map(|r| g(r, 0))
            .collect()
    }
    fn practice(&self, id: PracticeId) -> Result<Option<Practice>> {
        if !self.within(id)? {
            return Ok(None);
        }
        if let Some(p) = self.practice.borrow().as_ref().filter(|p| p.id == id) {
            return Ok(Some(p.clone()));
        }
        let p = self
            .query_opt(
                &format!("SELECT {PRACTICE_COLS} FROM practices WHERE id = $1"),
                &[&id],
            )?
            .map(|r| practice_row(&r))
            .transpose()?;
        self.practice.borrow_mut().clone_from(&p);
        Ok(p)
    }
    fn coach(&self, id: CoachId) -> Result<Option<Coach>> {
        self.by_id(
            Table::Coaches,
            "SELECT id, practice_id, name, email, created_at FROM coaches WHERE practice_id = $1 AND id = $2",
            &id,
            coach_row,
        )
    }
    fn coaches(&self, practice: PracticeId) -> Result<Vec<Coach>> {
        self.of_practice(
            practice,
            &format!("SELECT {COACH_COLS} FROM coaches WHERE practice_id = $1 ORDER BY id"),
            coach_row,
        )
    }
    fn client(&self, id: ClientId) -> Result<Option<Client>> {
        self.by_id(
            Table::Clients,
            &format!("SELECT {CLIENT_COLS} FROM clients WHERE practice_id = $1 AND id = $2"),
            &id,
            client_row,
        )
    }
    fn clients(&self, practice: PracticeId) -> Result<Vec<Client>> {
        self.of_practice(
            practice,
            &format!("SELECT {CLIENT_COLS} FROM clients WHERE practice_id = $1 ORDER BY id"),
            client_row,
        )
    }
    fn program(&self, id: ProgramId) -> Result<Option<Program>> {
        self.by_id(
            Table::Programs,
            &format!("SELECT {PROGRAM_COLS} FROM programs WHERE practice_id = $1 AND id = $2"),
            &id,
            program_row,
        )
    }
    fn programs(&self, practice: PracticeId) -> Result<Vec<Program>> {
        self.of_practice(
            practice,
            &format!("SELECT {PROGRAM_COLS} FROM programs WHERE practice_id = $1 ORDER BY id"),
            program_row,
        )
    }
    fn engagement(&self, id: EngagementId) -> Result<Option<Engagement>> {
        self.by_id(
            Table::Engagements,
            &format!(
                "SELECT {ENGAGEMENT_COLS} FROM engagements e WHERE e.practice_id = $1 AND e.id = $2"
            ),
            &id,
            engagement_row,
        )
    }
    fn count_active_engagements(&self, practice: PracticeId) -> Result<u32> {
        if !self.within(practice)? {
            return Ok(0);
        }
        let r = self.query_opt(
            "SELECT count(*)::int FROM engagements WHERE practice_id = $1 AND status = 'active'",
            &[&practice],
        )?;
        r.map(|r| count(&r, 0))
            .transpose()
            .map(Option::unwrap_or_default)
    }
    fn count_coaches(&self, practice: PracticeId) -> Result<u32> {
        if !self.within(practice)? {
            return Ok(0);
        }
        let r = self.query_opt(
            "SELECT count(*)::int FROM coaches WHERE practice_id = $1",
            &[&practice],
        )?;
        r.map(|r| count(&r, 0))
            .transpose()
            .map(Option::unwrap_or_default)
    }
    fn session_tally(&self, engagement: EngagementId) -> Result<SessionTally> {
        Ok(self
            .by_id(
                Table::Engagements,
                &format!(
                    "SELECT {TALLY_COLS} FROM engagements e WHERE e.practice_id = $1 AND e.id = $2"
                ),
                &engagement,
                |r| tally_at(r, 0),
            )?
            .unwrap_or_default())
    }
    fn overview(&self, f: &OverviewFilter) -> Result<Vec<EngagementOverview>> {
        if !self.within(f.practice)? {
            return Ok(Vec::new());
        }
        let mut args = Args::new(&f.practice);
        let mut cond = String::new();
        if let Some(c) = &f.coach {
            cond += &format!(" AND e.coach_id = {}", args.add(c));
        }
        if let Some(c) = &f.client {
            cond += &format!(" AND e.client_id = {}", args.add(c));
        }
        if let Some(e) = &f.engagement {
            cond += &format!(" AND e.id = {}", args.add(e));
        }
        if !f.include_draft {
            cond += " AND e.status <> 'draft'";
        }
        // One query for the whole list: names joined, progress from the tally on each row.
        let sql = format!(
            "SELECT {ENGAGEMENT_COLS}, co.name, cl.name, {TALLY_COLS}
             FROM engagements e
             LEFT JOIN coaches co ON co.practice_id = e.practice_id AND co.id = e.coach_id
             LEFT JOIN clients cl ON cl.practice_id = e.practice_id AND cl.id = e.client_id
             WHERE e.practice_id = $1{cond}
             ORDER BY e.id"
        );
        let n = ENGAGEMENT_COL_COUNT;
        self.query(&sql, &args.values)?
            .iter()
            .map(|r| {
                Ok(EngagementOverview::new(
                    engagement_row(r)?,
                    g(r, n)?,
                    g(r, n + 1)?,
                    &tally_at(r, n + 2)?,
                ))
            })
            .collect()
    }
    fn overview_page(
        &self,
        f: &OverviewFilter,
        q: &crate::engagement::OverviewQuery,
    ) -> Result<(Vec<EngagementOverview>, u64)> {
        use crate::engagement::OverviewSort;
        if !self.within(f.practice)? {
            return Ok((Vec::new(), 0));
        }
        let mut args = Args::new(&f.practice);
        let mut cond = String::new();
        if let Some(c) = &f.coach {
            cond += &format!(" AND e.coach_id = {}", args.add(c));
        }
        if let Some(c) = &f.client {
            cond += &format!(" AND e.client_id = {}", args.add(c));
        }
        if let Some(e) = &f.engagement {
            cond += &format!(" AND e.id = {}", args.add(e));
        }
        if !f.include_draft {
            cond += " AND e.status <> 'draft'";
        }
        if !q.statuses.is_empty() {
            // Constant names, written into the statement.
            let names: Vec<String> = q
                .statuses
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            cond += &format!(" AND e.status IN ({})", names.join(", "));
        }
        if let Some(p) = &q.program {
            cond += &format!(" AND e.program_id = {}", args.add(p));
        }
        let dir = if q.descending { "DESC" } else { "ASC" };
        // As OverviewQuery::compare orders: byte order of names, missing values last, then
        // creation.
        let order = match q.sort {
            OverviewSort::Created => format!("e.id {dir}"),
            OverviewSort::ClientName => format!("cl.name COLLATE \"C\" {dir} NULLS LAST, e.id"),
            OverviewSort::CoachName => format!("co.name COLLATE \"C\" {dir} NULLS LAST, e.id"),
            OverviewSort::ProgramName => format!("e.program_name COLLATE \"C\" {dir} NULLS LAST, e.id"),
            OverviewSort::StartDate => format!("e.start_date {dir} NULLS LAST, e.id"),
            OverviewSort::Status => format!(
                "CASE e.status WHEN 'draft' THEN 0 WHEN 'active' THEN 1 WHEN 'inactive' THEN 2 ELSE 3 END {dir}, e.id"
            ),
        };
        let (limit, offset) = (i64::from(q.limit), i64::from(q.offset));
        let where_args = args.values.len();
        let lp = args.add(&limit);
        let op = args.add(&offset);
        // One query: the page with the count of every matching line beside each row.
        let sql = format!(
            "SELECT {ENGAGEMENT_COLS}, co.name, cl.name, {TALLY_COLS}, count(*) OVER ()
             FROM engagements e
             LEFT JOIN coaches co ON co.practice_id = e.practice_id AND co.id = e.coach_id
             LEFT JOIN clients cl ON cl.practice_id = e.practice_id AND cl.id = e.client_id
             WHERE e.practice_id = $1{cond}
             ORDER BY {order}
             LIMIT {lp} OFFSET {op}"
        );
        let n = ENGAGEMENT_COL_COUNT;
        let rows = self.query(&sql, &args.values)?;
        let mut total = 0u64;
        let lines = rows
            .iter()
            .map(|r| {
                total = g::<i64>(r, r.len() - 1)? as u64;
                Ok(EngagementOverview::new(
                    engagement_row(r)?,
                    g(r, n)?,
                    g(r, n + 1)?,
                    &tally_at(r, n + 2)?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        if lines.is_empty() && offset > 0 {
            // A page past the end: the count alone.
            let row = self.query_opt(
                &format!("SELECT count(*) FROM engagements e WHERE e.practice_id = $1{cond}"),
                &args.values[..where_args],
            )?;
            total = row.map(|r| g::<i64>(&r, 0)).transpose()?.unwrap_or(0) as u64;
        }
        Ok((lines, total))
    }
    fn changes(
        &self,
        practice: PracticeId,
        scope: FeedScope,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, LogEntry)>> {
        if !self.within(practice)? {
            return Ok(Vec::new());
        }
        let l = i64::from(limit);
        let rows = match scope {
            FeedScope::All => self.query(
                &format!(
                    "SELECT {LOG_COLS}, seq FROM activity_log
                     WHERE practice_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
                ),
                &[&practice, &after, &l],
            )?,
            FeedScope::Owner => self.query(
                &format!(
                    "SELECT {LOG_COLS}, seq FROM activity_log
                     WHERE practice_id = $1 AND seq > $2 AND audience <> 'own'
                     ORDER BY seq LIMIT $3"
                ),
                &[&practice, &after, &l],
            )?,
            FeedScope::Coach(coach) => self.query(
                &format!(
                    "SELECT {LOG_COLS}, seq FROM activity_log
                     WHERE practice_id = $1 AND seq > $2
                       AND (audience = 'coaches' OR (audience IN ('coach', 'client')
                            AND engagement_id IN (SELECT id FROM engagements
                                                  WHERE practice_id = $1 AND coach_id = $4)))
                     ORDER BY seq LIMIT $3"
                ),
                &[&practice, &after, &l, &coach],
            )?,
            // The client's engagements' entries through the engagement index, their own
            // through the partial index of `own` entries; each arm stops at the limit.
            FeedScope::Client { id, portal } => self.query(
                &format!(
                    "SELECT * FROM (
                         (SELECT {LOG_COLS}, seq FROM activity_log
                          WHERE practice_id = $1 AND seq > $2 AND audience = 'client'
                            AND ($5 OR target_kind IN ('engagement', 'session'))
                            AND engagement_id IN (SELECT id FROM engagements
                                WHERE practice_id = $1 AND client_id = $4 AND status <> 'draft')
                          ORDER BY seq LIMIT $3)
                         UNION ALL
                         (SELECT {LOG_COLS}, seq FROM activity_log
                          WHERE practice_id = $1 AND actor_id = $4 AND audience = 'own'
                            AND actor_kind = 'client' AND seq > $2
                          ORDER BY seq LIMIT $3)) q
                     ORDER BY seq LIMIT $3"
                ),
                &[&practice, &after, &l, &id, &portal],
            )?,
        };
        rows.iter()
            .map(|r| Ok((g::<i64>(r, 11)?, log_row(r)?)))
            .collect()
    }
    fn id_in_use(&self, kind: EntityKind, id: uuid::Uuid) -> Result<bool> {
        // The lookups of an id's practice, in any practice (see `Table::locate_sql`).
        let sql = match kind {
            EntityKind::Practice => "SELECT id FROM practices WHERE id = $1",
            EntityKind::Coach => "SELECT practice_id FROM coaches WHERE id = $1",
            EntityKind::Client => "SELECT practice_id FROM clients WHERE id = $1",
            EntityKind::Program => "SELECT practice_id FROM programs WHERE id = $1",
            EntityKind::Engagement => "SELECT practice_id FROM engagements WHERE id = $1",
            EntityKind::Session => "SELECT practice_id FROM sessions WHERE id = $1",
            EntityKind::Note => "SELECT practice_id FROM notes WHERE id = $1",
            EntityKind::Goal => "SELECT practice_id FROM goals WHERE id = $1",
            EntityKind::Milestone => "SELECT practice_id FROM milestones WHERE id = $1",
            EntityKind::Assignment => "SELECT practice_id FROM assignments WHERE id = $1",
            EntityKind::AssignmentFile => "SELECT practice_id FROM assignment_files WHERE id = $1",
            EntityKind::Resource => "SELECT practice_id FROM resources WHERE id = $1",
            EntityKind::Comment => "SELECT practice_id FROM comments WHERE id = $1",
            EntityKind::ProgramItem => "SELECT practice_id FROM program_items WHERE id = $1",
            EntityKind::JournalEntry => "SELECT practice_id FROM journal_entries WHERE id = $1",
            EntityKind::Field => "SELECT practice_id FROM fields WHERE id = $1",
            EntityKind::FormTemplate => "SELECT practice_id FROM form_templates WHERE id = $1",
            EntityKind::Form => "SELECT practice_id FROM forms WHERE id = $1",
        };
        if kind == EntityKind::Engagement
            && self
                .query_opt(
                    "SELECT practice_id FROM activity_log WHERE engagement_id = $1 LIMIT 1",
                    &[&id],
                )?
                .is_some()
        {
            return Ok(true);
        }
        Ok(self.query_opt(sql, &[&id])?.is_some())
    }
    fn activity(&self, scope: LogScope, page: Page) -> Result<Vec<LogEntry>> {
        let (l, o) = (limit(&page), offset(&page));
        match scope {
            LogScope::Practice(p) => {
                if !self.within(p)? {
                    return Ok(Vec::new());
                }
                self.query(
                    &format!("SELECT {LOG_COLS} FROM activity_log WHERE practice_id = $1 AND audience <> 'own' ORDER BY seq DESC LIMIT $2 OFFSET $3"),
                    &[&p, &l, &o],
                )?
                .iter()
                .map(log_row)
                .collect()
            }
            LogScope::Engagement(e) => {
                // The log of a deleted engagement stays: its practice is found in the log then.
                let p = match self.locate(Table::Engagements, *e.as_uuid())? {
                    Some(p) => p,
                    None => match self.query_opt(
                        "SELECT practice_id FROM activity_log WHERE engagement_id = $1 LIMIT 1",
                        &[&e],
                    )? {
                        Some(r) => {
                            let p: PracticeId = g(&r, 0)?;
                            if !self.within(p)? {
                                return Ok(Vec::new());
                            }
                            p
                        }
                        None => return Ok(Vec::new()),
                    },
                };
                self.query(
                    &format!("SELECT {LOG_COLS} FROM activity_log WHERE practice_id = $1 AND engagement_id = $2 AND audience <> 'own' ORDER BY seq DESC LIMIT $3 OFFSET $4"),
                    &[&p, &e, &l, &o],
                )?
                .iter()
                .map(log_row)
                .collect()
            }
        }
    }
    fn session(&self, id: SessionId) -> Result<Option<Session>> {
        self.by_id(
            Table::Sessions,
            &format!(
                "SELECT {SESSION_COLS} FROM sessions s WHERE s.practice_id = $1 AND s.id = $2"
            ),
            &id,
            session_row,
        )
    }
    fn engagement_sessions(
        &self,
        engagement: EngagementId,
        range: SessionRange,
        now: DateTime<Utc>,
        page: Page,
    ) -> Result<Vec<Session>> {
        let Some(p) = self.locate(Table::Engagements, *engagement.as_uuid())? else {
            return Ok(Vec::new());
        };
        let sql = match range {
            SessionRange::Upcoming => format!(
                "SELECT {SESSION_COLS} FROM sessions s
                 WHERE s.practice_id = $1 AND s.engagement_id = $2 AND s.status = 'scheduled' AND s.end_at > $3
                 ORDER BY s.start_at, s.id LIMIT $4 OFFSET $5"
            ),
            SessionRange::Past => format!(
                "SELECT {SESSION_COLS} FROM sessions s
                 WHERE s.practice_id = $1 AND s.engagement_id = $2 AND NOT (s.status = 'scheduled' AND s.end_at > $3)
                 ORDER BY s.start_at DESC, s.id DESC LIMIT $4 OFFSET $5"
            ),
        };
        self.query(
            &sql,
            &[&p, &engagement, &bound(now), &limit(&page), &offset(&page)],
        )?
        .iter()
        .map(session_row)
        .collect()
    }
    fn coach_clash(
        &self,
        coach: CoachId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        exclude: Option<SessionId>,
    ) -> Result<Option<Session>> {
        let Some(p) = self.locate(Table::Coaches, *coach.as_uuid())? else {
            return Ok(None);
        };
        // Sessions last at most a day: only those starting in (start - 1 day, end) can overlap.
        let sql = format!(
            "SELECT {SESSION_COLS} FROM sessions s
             WHERE s.practice_id = $1 AND s.coach_id = $2 AND s.status = 'scheduled'
               AND s.start_at > $3 AND s.start_at < $4 AND s.end_at > $5
               AND ($6::uuid IS NULL OR s.id <> $6)
             ORDER BY s.start_at LIMIT 1"
        );
        let (lower, start, end) = (bound(start - Duration::days(1)), bound(start), bound(end));
        self.query_opt(&sql, &[&p, &coach, &lower, &end, &start, &exclude])?
            .map(|r| session_row(&r))
            .transpose()
    }
    fn coach_busy(
        &self,
        coach: CoachId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        exclude: Option<SessionId>,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        let Some(p) = self.locate(Table::Coaches, *coach.as_uuid())? else {
            return Ok(Vec::new());
        };
        // As the clash check: a session lasts at most a day.
        let rows = self.query(
            "SELECT s.start_at, s.end_at FROM sessions s
             WHERE s.practice_id = $1 AND s.coach_id = $2 AND s.status = 'scheduled'
               AND s.start_at > $3 AND s.start_at < $4 AND s.end_at > $5
               AND ($6::uuid IS NULL OR s.id <> $6)
             ORDER BY s.start_at",
            &[
                &p,
                &coach,
                &bound(from - Duration::days(1)),
                &bound(to),
                &bound(from),
                &exclude,
            ],
        )?;
        rows.iter().map(|r| Ok((g(r, 0)?, g(r, 1)?))).collect()
    }
    fn scheduled_load(&self, engagement: EngagementId) -> Result<(u32, u64)> {
        let row = self.by_id(
            Table::Engagements,
            "SELECT count(*)::bigint,
                    coalesce(sum(extract(epoch FROM end_at - start_at)::bigint / 60), 0)::bigint
             FROM sessions WHERE practice_id = $1 AND engagement_id = $2 AND status = 'scheduled'",
            &engagement,
            |r| Ok((g::<i64>(r, 0)?, g::<i64>(r, 1)?)),
        )?;
        let (n, m) = row.unwrap_or((0, 0));
        Ok((n.max(0) as u32, m.max(0) as u64))
    }
    fn allocation(&self, engagement: EngagementId) -> Result<(SessionTally, u32, u64)> {
        let row = self.by_id(
            Table::Engagements,
            &format!(
                "SELECT {TALLY_COLS},
                    (SELECT count(*) FROM sessions s WHERE s.practice_id = e.practice_id
                        AND s.engagement_id = e.id AND s.status = 'scheduled')::bigint,
                    (SELECT coalesce(sum(extract(epoch FROM s.end_at - s.start_at)::bigint / 60), 0)
                        FROM sessions s WHERE s.practice_id = e.practice_id
                        AND s.engagement_id = e.id AND s.status = 'scheduled')::bigint
                 FROM engagements e WHERE e.practice_id = $1 AND e.id = $2"
            ),
            &engagement,
            |r| Ok((tally_at(r, 0)?, g::<i64>(r, 6)?, g::<i64>(r, 7)?)),
        )?;
        let (t, n, m) = row.unwrap_or_default();
        Ok((t, n.max(0) as u32, m.max(0) as u64))
    }
    fn booking_setup(&self, e: &Engagement, coach: CoachId) -> Result<BookingSetup> {
        if !self.within(e.practice_id)? {
            return Err(Error::storage(
                "the engagement is outside the operation's practice",
            ));
        }
        let sql = format!(
            "SELECT er.min_notice_minutes, er.max_horizon_days, er.buffer_before_minutes,
                    er.buffer_after_minutes, er.slot_step_minutes,
                    pr.min_notice_minutes, pr.max_horizon_days, pr.buffer_before_minutes,
                    pr.buffer_after_minutes, pr.slot_step_minutes,
                    a.time_zone, a.weekly, a.overrides, a.updated_at,
                    {TALLY_COLS},
                    (SELECT count(*) FROM sessions s WHERE s.practice_id = e.practice_id
                        AND s.engagement_id = e.id AND s.status = 'scheduled')::bigint,
                    (SELECT coalesce(sum(extract(epoch FROM s.end_at - s.start_at)::bigint / 60), 0)
                        FROM sessions s WHERE s.practice_id = e.practice_id
                        AND s.engagement_id = e.id AND s.status = 'scheduled')::bigint
             FROM engagements e
             LEFT JOIN booking_rules er ON er.practice_id = e.practice_id AND er.engagement_id = e.id
             LEFT JOIN booking_rules pr ON pr.practice_id = e.practice_id AND pr.program_id = e.program_id
             LEFT JOIN coach_availability a ON a.practice_id = e.practice_id AND a.coach_id = $3
             WHERE e.practice_id = $1 AND e.id = $2"
        );
        let Some(r) = self.query_opt(&sql, &[&e.practice_id, &e.id, &coach])? else {
            return Err(Error::not_found(crate::ids::EntityKind::Engagement, e.id));
        };
        let availability = match g::<Option<&str>>(&r, 10)? {
            None => None,
            Some(tz) => Some(Availability::from_stored(
                coach,
                e.practice_id,
                tz,
                g(&r, 11)?,
                g(&r, 12)?,
                g(&r, 13)?,
            )?),
        };
        Ok(BookingSetup {
            own: rules_at(&r, 0)?,
            program: rules_at(&r, 5)?,
            availability,
            allocation: (
                tally_at(&r, 14)?,
                g::<i64>(&r, 20)?.max(0) as u32,
                g::<i64>(&r, 21)?.max(0) as u64,
            ),
        })
    }
    fn availability(&self, coach: CoachId) -> Result<Option<Availability>> {
        let Some(p) = self.locate(Table::Coaches, *coach.as_uuid())? else {
            return Ok(None);
        };
        let Some(r) = self.query_opt(
            "SELECT time_zone, weekly, overrides, updated_at FROM coach_availability
             WHERE practice_id = $1 AND coach_id = $2",
            &[&p, &coach],
        )?
        else {
            return Ok(None);
        };
        Availability::from_stored(coach, p, g(&r, 0)?, g(&r, 1)?, g(&r, 2)?, g(&r, 3)?).map(Some)
    }
    fn booking_rules(
        &self,
        practice: PracticeId,
        owner: RulesOwner,
    ) -> Result<Option<BookingRules>> {
        if !self.within(practice)? {
            return Ok(None);
        }
        let (sql, id): (&str, Uuid) = match owner {
            RulesOwner::Program(p) => (
                "SELECT min_notice_minutes, max_horizon_days, buffer_before_minutes,
                        buffer_after_minutes, slot_step_minutes
                 FROM booking_rules WHERE practice_id = $1 AND program_id = $2",
                *p.as_uuid(),
            ),
            RulesOwner::Engagement(e) => (
                "SELECT min_notice_minutes, max_horizon_days, buffer_before_minutes,
                        buffer_after_minutes, slot_step_minutes
                 FROM booking_rules WHERE practice_id = $1 AND engagement_id = $2",
                *e.as_uuid(),
            ),
        };
        match self.query_opt(sql, &[&practice, &id])? {
            Some(r) => rules_at(&r, 0),
            None => Ok(None),
        }
    }
    fn session_lines(&self, w: &SessionWindow) -> Result<Vec<SessionLine>> {
        if !self.within(w.practice)? {
            return Ok(Vec::new());
        }
        let mut args = Args::new(&w.practice);
        let (from, to) = (bound(w.from), bound(w.to));
        let mut cond = format!(
            " AND s.start_at >= {} AND s.start_at < {}",
            args.add(&from),
            args.add(&to)
        );
        if let Some(c) = &w.coach {
            cond += &format!(" AND s.coach_id = {}", args.add(c));
        }
        if let Some(c) = &w.client {
            cond += &format!(" AND s.client_id = {}", args.add(c));
        }
        if let Some(e) = &w.engagement {
            cond += &format!(" AND s.engagement_id = {}", args.add(e));
        }
        if w.scheduled_only {
            cond += " AND s.status = 'scheduled'";
        }
        let sql = format!(
            "SELECT {SESSION_COLS}, co.name, cl.name, e.program_name
             FROM sessions s
             JOIN engagements e ON e.practice_id = s.practice_id AND e.id = s.engagement_id
             JOIN coaches co ON co.practice_id = s.practice_id AND co.id = s.coach_id
             JOIN clients cl ON cl.practice_id = s.practice_id AND cl.id = s.client_id
             WHERE s.practice_id = $1{cond}
             ORDER BY s.start_at, s.id"
        );
        let n = SESSION_COL_COUNT;
        self.query(&sql, &args.values)?
            .iter()
            .map(|r| {
                Ok(SessionLine {
                    session: session_row(r)?,
                    coach_name: g(r, n)?,
                    client_name: g(r, n + 1)?,
                    program_name: g(r, n + 2)?,
                })
            })
            .collect()
    }
    fn note(&self, id: NoteId) -> Result<Option<Note>> {
        self.by_id(
            Table::Notes,
            &format!("SELECT {NOTE_COLS} FROM notes n WHERE n.practice_id = $1 AND n.id = $2"),
            &id,
            note_row,
        )
    }
    fn notes(&self, e: EngagementId) -> Result<Vec<Note>> {
        self.under(
            Table::Engagements,
            &format!("SELECT {NOTE_COLS} FROM notes n WHERE n.practice_id = $1 AND n.engagement_id = $2 ORDER BY n.position, n.id"),
            &e,
            note_row,
        )
    }
    fn field(&self, id: FieldId) -> Result<Option<FieldDefinition>> {
        self.by_id(
            Table::Fields,
            &format!("SELECT {FIELD_COLS} FROM fields WHERE practice_id = $1 AND id = $2"),
            &id,
            field_row,
        )
    }
    fn fields(&self, practice: PracticeId, entity: FieldEntity) -> Result<Vec<FieldDefinition>> {
        if !self.within(practice)? {
            return Ok(Vec::new());
        }
        self.query(
            &format!(
                "SELECT {FIELD_COLS} FROM fields WHERE practice_id = $1 AND entity = $2 ORDER BY position, id"
            ),
            &[&practice, &entity.as_str()],
        )?
        .iter()
        .map(field_row)
        .collect()
    }
    fn field_values(
        &self,
        practice: PracticeId,
        target: Option<uuid::Uuid>,
    ) -> Result<Vec<StoredFieldValue>> {
        if !self.within(practice)? {
            return Ok(Vec::new());
        }
        self.query(
            "SELECT v.field_id, v.target_id, v.value, v.updated_at FROM field_values v
             JOIN fields f ON f.practice_id = v.practice_id AND f.id = v.field_id
             WHERE v.practice_id = $1 AND ($2::uuid IS NULL OR v.target_id = $2)
             ORDER BY f.entity, f.position, v.field_id, v.target_id",
            &[&practice, &target],
        )?
        .iter()
        .map(field_value_row)
        .collect()
    }
    fn deleted_engagements(&self, practice: PracticeId) -> Result<Vec<(EngagementId, ClientId)>> {
        if !self.within(practice)? {
            return Ok(Vec::new());
        }
        self.query(
            "SELECT engagement_id, client_id FROM deleted_engagements WHERE practice_id = $1 ORDER BY engagement_id",
            &[&practice],
        )?
        .iter()
        .map(|r| Ok((g(r, 0)?, g(r, 1)?)))
        .collect()
    }
    fn log_end(&self, practice: PracticeId) -> Result<i64> {
        if !self.within(practice)? {
            return Ok(0);
        }
        match self.query_opt(
            "SELECT coalesce(max(seq), 0)::int8 FROM activity_log WHERE practice_id = $1",
            &[&practice],
        )? {
            Some(r) => g(&r, 0),
            None => Ok(0),
        }
    }
    fn deleted_engagements_of(&self, client: ClientId) -> Result<Vec<EngagementId>> {
        self.under(
            Table::Clients,
            "SELECT engagement_id FROM deleted_engagements WHERE practice_id = $1 AND client_id = $2",
            &client,
            |r| g(r, 0),
        )
    }
    fn form_template(&self, id: FormTemplateId) -> Result<Option<FormTemplate>> {
        self.by_id(
            Table::FormTemplates,
            &format!("SELECT {FORM_TEMPLATE_COLS} FROM form_templates WHERE practice_id = $1 AND id = $2"),
            &id,
            form_template_row,
        )
    }
    fn form_templates(&self, practice: PracticeId) -> Result<Vec<FormTemplate>> {
        self.of_practice(
            practice,
            &format!("SELECT {FORM_TEMPLATE_COLS} FROM form_templates WHERE practice_id = $1 ORDER BY name, id"),
            form_template_row,
        )
    }
    fn form(&self, id: FormId) -> Result<Option<Form>> {
        self.by_id(
            Table::Forms,
            &format!("SELECT {FORM_COLS} FROM forms WHERE practice_id = $1 AND id = $2"),
            &id,
            form_row,
        )
    }
    fn forms(&self, e: EngagementId) -> Result<Vec<Form>> {
        self.under(
            Table::Engagements,
            &format!(
                "SELECT {FORM_COLS} FROM forms WHERE practice_id = $1 AND engagement_id = $2 ORDER BY sent_at, id"
            ),
            &e,
            form_row,
        )
    }
    fn journal_entry(&self, id: JournalEntryId) -> Result<Option<JournalEntry>> {
        self.by_id(
            Table::JournalEntries,
            &format!(
                "SELECT {JOURNAL_COLS} FROM journal_entries WHERE practice_id = $1 AND id = $2"
            ),
            &id,
            journal_row,
        )
    }
    fn journal(
        &self,
        e: EngagementId,
        author: Option<ClientId>,
        shared_only: bool,
    ) -> Result<Vec<JournalEntry>> {
        let Some(p) = self.locate(Table::Engagements, e.uuid())? else {
            return Ok(Vec::new());
        };
        self.query(
            &format!(
                "SELECT {JOURNAL_COLS} FROM journal_entries WHERE practice_id = $1 AND engagement_id = $2
                 AND ($3::uuid IS NULL OR client_id = $3) AND (NOT $4 OR shared)
                 ORDER BY created_at DESC, id DESC"
            ),
            &[&p, &e, &author, &shared_only],
        )?
        .iter()
        .map(journal_row)
        .collect()
    }
    fn note_count(&self, e: EngagementId) -> Result<u32> {
        Ok(self
            .by_id(
                Table::Engagements,
                "SELECT count(*)::int FROM notes WHERE practice_id = $1 AND engagement_id = $2",
                &e,
                |r| count(r, 0),
            )?
            .unwrap_or(0))
    }
    fn search_notes(&self, q: &NoteSearch) -> Result<Vec<NoteHit>> {
        if !self.within(q.practice)? {
            return Ok(Vec::new());
        }
        let query = ts_query(&q.terms);
        let (l, o) = (limit(&q.page), offset(&q.page));
        let (from, to) = (q.edited_from.map(bound), q.edited_to.map(bound));
        let mut args = Args::new(&q.practice);
        let mut cond = String::new();
        if let Some(e) = &q.engagement {
            cond += &format!(" AND n.engagement_id = {}", args.add(e));
        }
        if let Some(c) = &q.client {
            cond += &format!(" AND e.client_id = {}", args.add(c));
        }
        if let Some(c) = &q.coach {
            cond += &format!(" AND e.coach_id = {}", args.add(c));
        }
        if q.shared_only {
            cond += " AND n.shared";
        }
        if q.exclude_draft {
            cond += " AND e.status <> 'draft'";
        }
        if let Some(f) = &from {
            cond += &format!(" AND n.updated_at >= {}", args.add(f));
        }
        if let Some(t) = &to {
            cond += &format!(" AND n.updated_at < {}", args.add(t));
        }
        let join_e = if q.client.is_some() || q.coach.is_some() || q.exclude_draft {
            "JOIN engagements e ON e.practice_id = n.practice_id AND e.id = n.engagement_id"
        } else {
            ""
        };
        let (lp, op) = (args.add(&l), args.add(&o));
        if q.terms.is_empty() {
            let sql = format!(
                "SELECT {NOTE_COLS}, NULL::text, 0::float8 FROM notes n {join_e}
                 WHERE n.practice_id = $1{cond}
                 ORDER BY n.updated_at DESC, n.id DESC LIMIT {lp} OFFSET {op}"
            );
            return self.search_rows(&sql, &args);
        }
        let qp = args.add(&query);
        let hp = args.add(&HEADLINE_OPTIONS);
        // Rank every match on the index's lexemes (title weighted 10 to 1 over the body, as
        // bm25 on SQLite), then read the note columns and build snippets for the page alone.
        let sql = format!(
            "WITH q AS (SELECT to_tsquery('coaching_search', {qp}) AS q),
             top AS (
                 SELECT n.id, ts_rank('{{0, 0, 0.1, 1}}', n.search, q.q)::float8 AS rank, n.updated_at
                 FROM notes n {join_e}, q
                 WHERE n.practice_id = $1 AND n.search @@ q.q{cond}
                 ORDER BY rank DESC, n.updated_at DESC, n.id DESC LIMIT {lp} OFFSET {op})
             SELECT {NOTE_COLS},
                    ts_headline('coaching_search', translate(
                        CASE WHEN ts_filter(n.search, '{{b}}') @@ q.q THEN n.body_text ELSE n.title END,
                        '<>', chr(3) || chr(4)), q.q, {hp}),
                    top.rank
             FROM top JOIN notes n ON n.practice_id = $1 AND n.id = top.id, q
             ORDER BY top.rank DESC, top.updated_at DESC, top.id DESC"
        );
        self.search_rows(&sql, &args)
    }
    fn goal(&self, id: GoalId) -> Result<Option<Goal>> {
        self.by_id(
            Table::Goals,
            &format!("SELECT {GOAL_COLS} FROM goals WHERE practice_id = $1 AND id = $2"),
            &id,
            goal_row,
        )
    }
    fn goals(&self, e: EngagementId) -> Result<Vec<Goal>> {
        self.under(
            Table::Engagements,
            &format!("SELECT {GOAL_COLS} FROM goals WHERE practice_id = $1 AND engagement_id = $2 ORDER BY id"),
            &e,
            goal_row,
        )
    }
    fn milestone(&self, id: MilestoneId) -> Result<Option<Milestone>> {
        self.by_id(
            Table::Milestones,
            &format!("SELECT {MILESTONE_COLS} FROM milestones WHERE practice_id = $1 AND id = $2"),
            &id,
            milestone_row,
        )
    }
    fn milestones(&self, e: EngagementId) -> Result<Vec<Milestone>> {
        self.under(
            Table::Engagements,
            &format!("SELECT {MILESTONE_COLS} FROM milestones WHERE practice_id = $1 AND engagement_id = $2 ORDER BY goal_id, position, id"),
            &e,
            milestone_row,
        )
    }
    fn assignment(&self, id: AssignmentId) -> Result<Option<Assignment>> {
        self.by_id(
            Table::Assignments,
            &format!(
                "SELECT {ASSIGNMENT_COLS} FROM assignments WHERE practice_id = $1 AND id = $2"
            ),
            &id,
            assignment_row,
        )
    }
    fn assignments(&self, e: EngagementId) -> Result<Vec<Assignment>> {
        self.under(
            Table::Engagements,
            &format!("SELECT {ASSIGNMENT_COLS} FROM assignments WHERE practice_id = $1 AND engagement_id = $2 ORDER BY id"),
            &e,
            assignment_row,
        )
    }
    fn assignment_file(&self, id: AssignmentFileId) -> Result<Option<AssignmentFile>> {
        self.by_id(
            Table::AssignmentFiles,
            &format!(
                "SELECT {FILE_COLS} FROM assignment_files f WHERE f.practice_id = $1 AND f.id = $2"
            ),
            &id,
            file_row,
        )
    }
    fn assignment_files(&self, e: EngagementId) -> Result<Vec<AssignmentFile>> {
        self.under(
            Table::Engagements,
            &format!(
                "SELECT {FILE_COLS} FROM assignment_files f
                 JOIN assignments a ON a.practice_id = f.practice_id AND a.id = f.assignment_id
                 WHERE f.practice_id = $1 AND a.engagement_id = $2 ORDER BY f.id"
            ),
            &e,
            file_row,
        )
    }
    fn resource(&self, id: ResourceId) -> Result<Option<Resource>> {
        self.by_id(
            Table::Resources,
            &format!(
                "SELECT {RESOURCE_COLS} FROM resources r WHERE r.practice_id = $1 AND r.id = $2"
            ),
            &id,
            resource_row,
        )
    }
    fn resource_children(
        &self,
        practice: PracticeId,
        place: ResourcePlace,
        parent: Option<ResourceId>,
    ) -> Result<Vec<Resource>> {
        if !self.within(practice)? {
            return Ok(Vec::new());
        }
        let (place_name, client, engagement) = place.columns();
        let mut args = Args::new(&practice);
        let mut cond = format!(" AND r.place = {}", args.add(&place_name));
        cond += &match &client {
            Some(c) => format!(" AND r.client_id = {}", args.add(c)),
            None => " AND r.client_id IS NULL".into(),
        };
        cond += &match &engagement {
            Some(e) => format!(" AND r.engagement_id = {}", args.add(e)),
            None => " AND r.engagement_id IS NULL".into(),
        };
        cond += &match &parent {
            Some(p) => format!(" AND r.parent_id = {}", args.add(p)),
            None => " AND r.parent_id IS NULL".into(),
        };
        let sql = format!(
            "SELECT {RESOURCE_COLS} FROM resources r WHERE r.practice_id = $1{cond}
             ORDER BY r.kind <> 'folder', r.name, r.id"
        );
        self.query(&sql, &args.values)?
            .iter()
            .map(resource_row)
            .collect()
    }
    fn resource_bytes(&self, id: ResourceId) -> Result<Option<Vec<u8>>> {
        self.by_id(
            Table::Resources,
            "SELECT bytes FROM resource_blobs WHERE practice_id = $1 AND resource_id = $2",
            &id,
            |r| g(r, 0),
        )
    }
    fn engagement_resources(&self, e: EngagementId) -> Result<Vec<EngagementResource>> {
        let n = RESOURCE_COL_COUNT;
        let sql = format!(
            "SELECT {RESOURCE_COLS}, true, s.shared_by_kind, s.shared_by_id, s.shared_at
             FROM engagement_shares s JOIN resources r ON r.practice_id = s.practice_id AND r.id = s.resource_id
             WHERE s.practice_id = $1 AND s.engagement_id = $2
             UNION ALL
             SELECT {RESOURCE_COLS}, false, r.added_by_kind, r.added_by_id, r.created_at
             FROM resources r
             WHERE r.practice_id = $1 AND r.engagement_id = $2 AND r.parent_id IS NULL
             ORDER BY {from_library} DESC, {shared_at}, 1",
            from_library = n + 1,
            shared_at = n + 4,
        );
        let Some(p) = self.locate(Table::Engagements, *e.as_uuid())? else {
            return Ok(Vec::new());
        };
        self.query(&sql, &[&p, &e])?
            .iter()
            .map(|r| {
                Ok(EngagementResource {
                    resource: resource_row(r)?,
                    from_library: g(r, n)?,
                    shared_by: actor_req(r, n + 1)?,
                    shared_at: g(r, n + 3)?,
                })
            })
            .collect()
    }
    fn is_shared_into(&self, e: EngagementId, r: ResourceId) -> Result<bool> {
        let Some(p) = self.locate(Table::Engagements, *e.as_uuid())? else {
            return Ok(false);
        };
        let row = self.query_opt(
            "SELECT EXISTS (SELECT 1 FROM engagement_shares
                 WHERE practice_id = $1 AND engagement_id = $2 AND resource_id = $3)",
            &[&p, &e, &r],
        )?;
        Ok(row.map(|r| g(&r, 0)).transpose()?.unwrap_or(false))
    }
    fn comment(&self, id: CommentId) -> Result<Option<Comment>> {
        self.by_id(
            Table::Comments,
            &format!("SELECT {COMMENT_COLS} FROM comments WHERE practice_id = $1 AND id = $2"),
            &id,
            comment_row,
        )
    }
    fn comments(&self, target: CommentTarget) -> Result<Vec<Comment>> {
        let order = "ORDER BY created_at, id";
        match &target {
            CommentTarget::Note(id) => self.under(
                Table::Notes,
                &format!("SELECT {COMMENT_COLS} FROM comments WHERE practice_id = $1 AND note_id = $2 {order}"),
                id,
                comment_row,
            ),
            CommentTarget::Goal(id) => self.under(
                Table::Goals,
                &format!("SELECT {COMMENT_COLS} FROM comments WHERE practice_id = $1 AND goal_id = $2 {order}"),
                id,
                comment_row,
            ),
            CommentTarget::Assignment(id) => self.under(
                Table::Assignments,
                &format!("SELECT {COMMENT_COLS} FROM comments WHERE practice_id = $1 AND assignment_id = $2 {order}"),
                id,
                comment_row,
            ),
        }
    }
    fn program_items(&self, program: ProgramId) -> Result<Vec<ProgramItem>> {
        self.under(
            Table::Programs,
            &format!("SELECT {ITEM_COLS} FROM program_items WHERE practice_id = $1 AND program_id = $2 ORDER BY position, id"),
            &program,
            item_row,
        )
    }
    fn due_items(
        &self,
        practice: PracticeId,
        coach: Option<CoachId>,
        client: Option<ClientId>,
        until: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<DueItem>> {
        if !self.within(practice)? {
            return Ok(Vec::new());
        }
        let sql = "SELECT t.kind, t.id, t.engagement_id, e.client_id, cl.name, t.name, gg.name, t.due, t.coach,
                    co.name, cl.has_portal FROM (
                 SELECT 'goal' AS kind, id, engagement_id, name, NULL::uuid AS goal_id, due_date AS due,
                        todo_coach AS coach
                 FROM goals WHERE practice_id = $1 AND todo_coach IS NOT NULL AND due_date <= $2
                 UNION ALL
                 SELECT 'milestone', id, engagement_id, name, goal_id, due_date, todo_coach
                 FROM milestones WHERE practice_id = $1 AND todo_coach IS NOT NULL AND due_date <= $2
                 UNION ALL
                 SELECT 'assignment', id, engagement_id, name, NULL::uuid, due_date, todo_coach
                 FROM assignments WHERE practice_id = $1 AND todo_coach IS NOT NULL AND due_date <= $2
                 UNION ALL
                 SELECT 'form', id, engagement_id, name, NULL::uuid, due_date, todo_coach
                 FROM forms WHERE practice_id = $1 AND todo_coach IS NOT NULL AND due_date <= $2
             ) t
             JOIN engagements e ON e.practice_id = $1 AND e.id = t.engagement_id
             JOIN clients cl ON cl.practice_id = $1 AND cl.id = e.client_id
             JOIN coaches co ON co.practice_id = $1 AND co.id = t.coach
             LEFT JOIN goals gg ON gg.practice_id = $1 AND gg.id = t.goal_id
             WHERE ($3::uuid IS NULL OR t.coach = $3) AND ($4::uuid IS NULL OR e.client_id = $4)
             ORDER BY t.due, t.name, t.id";
        self.query(sql, &[&practice, &until, &coach, &client])?
            .iter()
            .map(|r| {
                let due: Option<NaiveDate> = g(r, 7)?;
                Ok(DueItem {
                    item: TodoItem {
                        kind: parsed(r, 0, "to-do kind", TodoKind::parse)?,
                        id: g(r, 1)?,
                        engagement_id: g(r, 2)?,
                        client_id: g(r, 3)?,
                        client_name: g(r, 4)?,
                        name: g(r, 5)?,
                        goal_name: g(r, 6)?,
                        due_date: due,
                        overdue: due.is_some_and(|d| d < today),
                    },
                    coach_id: g(r, 8)?,
                    coach_name: g(r, 9)?,
                    client_has_portal: g(r, 10)?,
                })
            })
            .collect()
    }
    fn todos(&self, coach: CoachId, today: NaiveDate, page: Page) -> Result<Vec<TodoItem>> {
        let Some(p) = self.locate(Table::Coaches, *coach.as_uuid())? else {
            return Ok(Vec::new());
        };
        // The coach's open items from the four partial covering `*_todo` indexes in due-date
        // order, then the names of the page's rows alone (each looked up by key: a join would
        // let the planner read every engagement of the practice).
        let sql = "SELECT t.kind, t.id, t.engagement_id, c.client_id, c.name, t.name, gg.name, t.due FROM (
                 (SELECT 'goal' AS kind, id, engagement_id, name, NULL::uuid AS goal_id, due_date AS due
                  FROM goals WHERE practice_id = $1 AND todo_coach = $2)
                 UNION ALL
                 (SELECT 'milestone', id, engagement_id, name, goal_id, due_date
                  FROM milestones WHERE practice_id = $1 AND todo_coach = $2)
                 UNION ALL
                 (SELECT 'assignment', id, engagement_id, name, NULL::uuid, due_date
                  FROM assignments WHERE practice_id = $1 AND todo_coach = $2)
                 UNION ALL
                 (SELECT 'form', id, engagement_id, name, NULL::uuid, due_date
                  FROM forms WHERE practice_id = $1 AND todo_coach = $2)
                 ORDER BY due NULLS LAST, name, id
                 LIMIT $3 OFFSET $4
             ) t
             CROSS JOIN LATERAL (SELECT e.client_id, cl.name FROM engagements e
                 JOIN clients cl ON cl.practice_id = e.practice_id AND cl.id = e.client_id
                 WHERE e.practice_id = $1 AND e.id = t.engagement_id LIMIT 1) c
             LEFT JOIN LATERAL (SELECT g.name FROM goals g WHERE g.practice_id = $1 AND g.id = t.goal_id LIMIT 1) gg
                 ON true
             ORDER BY t.due NULLS LAST, t.name, t.id";
        self.query(sql, &[&p, &coach, &limit(&page), &offset(&page)])?
            .iter()
            .map(|r| {
                let due: Option<NaiveDate> = g(r, 7)?;
                Ok(TodoItem {
                    kind: parsed(r, 0, "to-do kind", TodoKind::parse)?,
                    id: g(r, 1)?,
                    engagement_id: g(r, 2)?,
                    client_id: g(r, 3)?,
                    client_name: g(r, 4)?,
                    name: g(r, 5)?,
                    goal_name: g(r, 6)?,
                    due_date: due,
                    overdue: due.is_some_and(|d| d < today),
                })
            })
            .collect()
    }
}

impl Writer for PgTx<'_> {
    fn savepoint(&mut self) -> Result<()> {
        self.next_operation();
        self.batch("SAVEPOINT coaching_op")
    }
    fn release_savepoint(&mut self) -> Result<()> {
        self.next_operation();
        self.batch("RELEASE coaching_op")
    }
    fn rollback_savepoint(&mut self) -> Result<()> {
        self.next_operation();
        // What the undone operation wrote to the practice row is undone too.
        *self.practice.borrow_mut() = None;
        self.batch("ROLLBACK TO coaching_op; RELEASE coaching_op")
    }

    fn save_practice(&mut self, p: &Practice) -> Result<()> {
        self.writing_in(p.id)?;
        self.execute(
            "INSERT INTO practices (id, name, time_zone, plan_name, plan_max_active, plan_max_coaches,
                 plan_can_reassign, owner_id, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
                 plan_name = excluded.plan_name, plan_max_active = excluded.plan_max_active,
                 plan_max_coaches = excluded.plan_max_coaches, plan_can_reassign = excluded.plan_can_reassign,
                 owner_id = excluded.owner_id, updated_at = excluded.updated_at",
            &[
                &p.id,
                &p.name,
                &p.time_zone.name(),
                &p.plan.name,
                &num(p.plan.max_active_engagements),
                &num(p.plan.max_coaches),
                &p.plan.can_reassign,
                &p.owner_id,
                &p.created_at,
                &p.updated_at,
            ],
        )?;
        *self.practice.borrow_mut() = Some(p.clone());
        Ok(())
    }
    fn save_coach(&mut self, c: &Coach) -> Result<()> {
        self.writing_in(c.practice_id)?;
        self.execute(
            "INSERT INTO coaches (practice_id, id, name, email, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (practice_id, id) DO UPDATE SET name = excluded.name, email = excluded.email",
            &[&c.practice_id, &c.id, &c.name, &c.email, &c.created_at],
        )?;
        Ok(())
    }
    fn save_client(&mut self, c: &Client) -> Result<()> {
        self.writing_in(c.practice_id)?;
        self.execute(
            "INSERT INTO clients (practice_id, id, name, email, has_portal, created_at, updated_at,
                 archived, erased)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (practice_id, id) DO UPDATE SET name = excluded.name, email = excluded.email,
                 has_portal = excluded.has_portal, updated_at = excluded.updated_at,
                 archived = excluded.archived, erased = excluded.erased",
            &[
                &c.practice_id,
                &c.id,
                &c.name,
                &c.email,
                &c.has_portal,
                &c.created_at,
                &c.updated_at,
                &c.archived,
                &c.erased,
            ],
        )?;
        Ok(())
    }
    fn save_program(&mut self, p: &Program) -> Result<()> {
        self.writing_in(p.practice_id)?;
        self.execute(
            "INSERT INTO programs (practice_id, id, name, unit, planned, session_minutes, no_show_counts,
                 late_cancel_minutes, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (practice_id, id) DO UPDATE SET name = excluded.name, unit = excluded.unit,
                 planned = excluded.planned, session_minutes = excluded.session_minutes,
                 no_show_counts = excluded.no_show_counts, late_cancel_minutes = excluded.late_cancel_minutes,
                 updated_at = excluded.updated_at",
            &[
                &p.practice_id,
                &p.id,
                &p.name,
                &p.planned.unit.as_str(),
                &(p.planned.amount as i32),
                &(p.session_minutes as i32),
                &p.no_show_counts,
                &num(p.late_cancel_window_minutes),
                &p.created_at,
                &p.updated_at,
            ],
        )?;
        Ok(())
    }
    fn save_engagement(&mut self, e: &Engagement) -> Result<()> {
        self.writing_in(e.practice_id)?;
        self.execute(
            "INSERT INTO engagements (practice_id, id, coach_id, client_id, program_id, program_name, unit,
                 planned, session_minutes, no_show_counts, late_cancel_minutes, start_date, end_date, status,
                 completion_reason, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             ON CONFLICT (practice_id, id) DO UPDATE SET coach_id = excluded.coach_id, client_id = excluded.client_id,
                 program_id = excluded.program_id, program_name = excluded.program_name, unit = excluded.unit,
                 planned = excluded.planned, session_minutes = excluded.session_minutes,
                 no_show_counts = excluded.no_show_counts, late_cancel_minutes = excluded.late_cancel_minutes,
                 start_date = excluded.start_date, end_date = excluded.end_date, status = excluded.status,
                 completion_reason = excluded.completion_reason, updated_at = excluded.updated_at",
            &[
                &e.practice_id,
                &e.id,
                &e.coach_id,
                &e.client_id,
                &e.program_id,
                &e.program_name,
                &e.planned.unit.as_str(),
                &(e.planned.amount as i32),
                &(e.session_minutes as i32),
                &e.no_show_counts,
                &num(e.late_cancel_window_minutes),
                &e.start_date,
                &e.end_date,
                &e.status.as_str(),
                &e.completion_reason,
                &e.created_at,
                &e.updated_at,
            ],
        )?;
        Ok(())
    }
    fn delete_engagement(&mut self, id: EngagementId) -> Result<()> {
        // The engagement's log entries stay: the log is append-only. Whose it was is kept, for
        // an erasure of the client.
        if let Some(p) = self.locate(Table::Engagements, id.uuid())? {
            self.execute(
                "INSERT INTO deleted_engagements (practice_id, engagement_id, client_id)
                 SELECT practice_id, id, client_id FROM engagements
                 WHERE practice_id = $1 AND id = $2 AND client_id IS NOT NULL
                 ON CONFLICT DO NOTHING",
                &[&p, &id],
            )?;
            self.execute(
                "DELETE FROM engagements WHERE practice_id = $1 AND id = $2",
                &[&p, &id],
            )?;
        }
        Ok(())
    }
    fn save_availability(&mut self, a: &Availability) -> Result<()> {
        self.writing_in(a.practice_id)?;
        self.execute(
            "INSERT INTO coach_availability (practice_id, coach_id, time_zone, weekly, overrides, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (practice_id, coach_id) DO UPDATE SET time_zone = excluded.time_zone,
                 weekly = excluded.weekly, overrides = excluded.overrides,
                 updated_at = excluded.updated_at",
            &[
                &a.practice_id,
                &a.coach_id,
                &a.time_zone.name(),
                &a.weekly_text(),
                &a.overrides_text(),
                &a.updated_at,
            ],
        )?;
        Ok(())
    }
    fn save_booking_rules(
        &mut self,
        practice: PracticeId,
        owner: RulesOwner,
        rules: Option<&BookingRules>,
    ) -> Result<()> {
        self.writing_in(practice)?;
        let (col, id) = match owner {
            RulesOwner::Program(p) => ("program_id", *p.as_uuid()),
            RulesOwner::Engagement(e) => ("engagement_id", *e.as_uuid()),
        };
        self.execute(
            &format!("DELETE FROM booking_rules WHERE practice_id = $1 AND {col} = $2"),
            &[&practice, &id],
        )?;
        if let Some(r) = rules {
            self.execute(
                &format!(
                    "INSERT INTO booking_rules (practice_id, {col}, min_notice_minutes,
                         max_horizon_days, buffer_before_minutes, buffer_after_minutes,
                         slot_step_minutes)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)"
                ),
                &[
                    &practice,
                    &id,
                    &(r.min_notice_minutes as i32),
                    &num(r.max_horizon_days),
                    &(r.buffer_before_minutes as i32),
                    &(r.buffer_after_minutes as i32),
                    &(r.slot_step_minutes as i32),
                ],
            )?;
        }
        Ok(())
    }
    fn save_session(&mut self, s: &Session) -> Result<()> {
        self.writing_in(s.practice_id)?;
        let (cb_kind, cb_id) = match &s.cancelled_by {
            Some(a) => {
                let (k, id) = actor_parts(a);
                (Some(k), id)
            }
            None => (None, None),
        };
        let (by_kind, by_id) = actor_parts(&s.created_by);
        self.execute(
            "INSERT INTO sessions (practice_id, id, engagement_id, coach_id, client_id, start_at, end_at,
                 time_zone, location_kind, location_value, status, cancelled_by_kind, cancelled_by_id,
                 cancelled_at, cancel_reason, created_by_kind, created_by_id, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
             ON CONFLICT (practice_id, id) DO UPDATE SET coach_id = excluded.coach_id, start_at = excluded.start_at,
                 end_at = excluded.end_at, time_zone = excluded.time_zone,
                 location_kind = excluded.location_kind, location_value = excluded.location_value,
                 status = excluded.status, cancelled_by_kind = excluded.cancelled_by_kind,
                 cancelled_by_id = excluded.cancelled_by_id, cancelled_at = excluded.cancelled_at,
                 cancel_reason = excluded.cancel_reason, updated_at = excluded.updated_at",
            &[
                &s.practice_id,
                &s.id,
                &s.engagement_id,
                &s.coach_id,
                &s.client_id,
                &s.start,
                &s.end,
                &s.time_zone.name(),
                &s.location.kind_name(),
                &s.location.value(),
                &s.status.as_str(),
                &cb_kind,
                &cb_id,
                &s.cancelled_at,
                &s.cancel_reason,
                &by_kind,
                &by_id,
                &s.created_at,
                &s.updated_at,
            ],
        )?;
        Ok(())
    }
    fn erase_log_details(
        &mut self,
        practice: PracticeId,
        client: ClientId,
        engagements: &[EngagementId],
    ) -> Result<()> {
        self.writing_in(practice)?;
        self.execute(
            "UPDATE activity_log SET detail = NULL WHERE practice_id = $1 AND detail IS NOT NULL
             AND ((actor_kind = 'client' AND actor_id = $2) OR target_id = $2)",
            &[&practice, &client],
        )?;
        for e in engagements {
            self.execute(
                "UPDATE activity_log SET detail = NULL WHERE practice_id = $1
                 AND (engagement_id = $2 OR target_id = $2) AND detail IS NOT NULL",
                &[&practice, e],
            )?;
        }
        Ok(())
    }
    fn sync_op(&mut self, practice: PracticeId, op_id: Uuid) -> Result<Option<(Actor, String)>> {
        // Under the practice's lock: a second server running the same request waits here, then
        // finds the outcome the first recorded.
        self.writing_in(practice)?;
        let Some(r) = self.query_opt(
            "SELECT actor_kind, actor_id, outcome FROM sync_ops WHERE practice_id = $1 AND op_id = $2",
            &[&practice, &op_id],
        )?
        else {
            return Ok(None);
        };
        Ok(Some((actor_req(&r, 0)?, g(&r, 2)?)))
    }
    fn save_sync_op(
        &mut self,
        practice: PracticeId,
        op_id: Uuid,
        actor: Actor,
        outcome: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.writing_in(practice)?;
        let (k, id) = actor_parts(&actor);
        self.execute(
            "INSERT INTO sync_ops (practice_id, op_id, actor_kind, actor_id, outcome, at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[&practice, &op_id, &k, &id, &outcome, &at],
        )?;
        Ok(())
    }
    fn delete_sync_ops_of(&mut self, practice: PracticeId, actor: Actor) -> Result<()> {
        self.writing_in(practice)?;
        let (k, id) = actor_parts(&actor);
        match id {
            Some(id) => self.execute(
                "DELETE FROM sync_ops WHERE practice_id = $1 AND actor_kind = $2 AND actor_id = $3",
                &[&practice, &k, &id],
            )?,
            None => self.execute(
                "DELETE FROM sync_ops WHERE practice_id = $1 AND actor_kind = $2 AND actor_id IS NULL",
                &[&practice, &k],
            )?,
        };
        Ok(())
    }
    fn append_log(&mut self, l: &LogEntry) -> Result<()> {
        self.writing_in(l.practice_id)?;
        let (actor_kind, actor_id) = actor_parts(&l.actor);
        self.execute(
            "INSERT INTO activity_log (practice_id, id, engagement_id, at, actor_kind, actor_id, action,
                 target_kind, target_id, detail, audience)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &[
                &l.practice_id,
                &l.id,
                &l.engagement_id,
                &l.at,
                &actor_kind,
                &actor_id,
                &l.action.as_str(),
                &l.target.kind.as_str(),
                &l.target.id,
                &l.detail,
                &l.audience.as_str(),
            ],
        )?;
        Ok(())
    }
    fn save_note(&mut self, n: &Note) -> Result<()> {
        self.writing_in(n.practice_id)?;
        let (k, id) = actor_parts(&n.created_by);
        self.execute(
            "INSERT INTO notes (practice_id, id, engagement_id, title, body_html, body_text, position, shared,
                 created_by_kind, created_by_id, created_at, updated_at, search)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                 setweight(to_tsvector('coaching_search', $13), 'A')
                     || setweight(to_tsvector('coaching_search', $14), 'B'))
             ON CONFLICT (practice_id, id) DO UPDATE SET title = excluded.title, body_html = excluded.body_html,
                 body_text = excluded.body_text, position = excluded.position, shared = excluded.shared,
                 updated_at = excluded.updated_at, search = excluded.search",
            &[
                &n.practice_id,
                &n.id,
                &n.engagement_id,
                &n.title,
                &n.body_html,
                &n.body_text,
                &(n.position as i32),
                &n.shared,
                &k,
                &id,
                &n.created_at,
                &n.updated_at,
                &search_words(&n.title),
                &search_words(&n.body_text),
            ],
        )?;
        Ok(())
    }
    fn save_deleted_engagement(
        &mut self,
        practice: PracticeId,
        engagement: EngagementId,
        client: ClientId,
    ) -> Result<()> {
        self.writing_in(practice)?;
        self.execute(
            "INSERT INTO deleted_engagements (practice_id, engagement_id, client_id) VALUES ($1, $2, $3)",
            &[&practice, &engagement, &client],
        )?;
        Ok(())
    }
    fn save_field(&mut self, f: &FieldDefinition) -> Result<()> {
        self.writing_in(f.practice_id)?;
        let choices = serde_json::to_string(&f.choices).unwrap_or_default();
        self.execute(
            "INSERT INTO fields (practice_id, id, entity, label, kind, choices, required, position,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (practice_id, id) DO UPDATE SET label = excluded.label, choices = excluded.choices,
                 required = excluded.required, position = excluded.position, updated_at = excluded.updated_at",
            &[
                &f.practice_id,
                &f.id,
                &f.entity.as_str(),
                &f.label,
                &f.kind.as_str(),
                &choices,
                &f.required_for_activation,
                &(f.position as i32),
                &f.created_at,
                &f.updated_at,
            ],
        )?;
        Ok(())
    }
    fn delete_field(&mut self, id: FieldId) -> Result<()> {
        self.delete(Table::Fields, "DELETE FROM fields WHERE practice_id = $1 AND id = $2", &id)
    }
    fn save_field_value(&mut self, practice: PracticeId, v: &StoredFieldValue) -> Result<()> {
        self.writing_in(practice)?;
        let value = serde_json::to_string(&v.value).unwrap_or_default();
        self.execute(
            "INSERT INTO field_values (practice_id, target_id, field_id, value, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (practice_id, target_id, field_id) DO UPDATE SET value = excluded.value,
                 updated_at = excluded.updated_at",
            &[&practice, &v.target_id, &v.field_id, &value, &v.updated_at],
        )?;
        Ok(())
    }
    fn delete_field_value(&mut self, field: FieldId, target: uuid::Uuid) -> Result<()> {
        if let Some(p) = self.locate(Table::Fields, field.uuid())? {
            self.execute(
                "DELETE FROM field_values WHERE practice_id = $1 AND target_id = $2 AND field_id = $3",
                &[&p, &target, &field],
            )?;
        }
        Ok(())
    }
    fn delete_field_values_of(&mut self, practice: PracticeId, target: uuid::Uuid) -> Result<()> {
        self.writing_in(practice)?;
        self.execute(
            "DELETE FROM field_values WHERE practice_id = $1 AND target_id = $2",
            &[&practice, &target],
        )?;
        Ok(())
    }
    fn save_journal_entry(&mut self, j: &JournalEntry) -> Result<()> {
        self.writing_in(j.practice_id)?;
        self.execute(
            "INSERT INTO journal_entries (practice_id, id, engagement_id, client_id, title, body_html,
                 body_text, shared, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (practice_id, id) DO UPDATE SET title = excluded.title, body_html = excluded.body_html,
                 body_text = excluded.body_text, shared = excluded.shared, updated_at = excluded.updated_at",
            &[
                &j.practice_id,
                &j.id,
                &j.engagement_id,
                &j.client_id,
                &j.title,
                &j.body_html,
                &j.body_text,
                &j.shared,
                &j.created_at,
                &j.updated_at,
            ],
        )?;
        Ok(())
    }
    fn save_form_template(&mut self, t: &FormTemplate) -> Result<()> {
        self.writing_in(t.practice_id)?;
        let questions = serde_json::to_string(&t.questions).unwrap_or_default();
        self.execute(
            "INSERT INTO form_templates (practice_id, id, name, description, questions, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (practice_id, id) DO UPDATE SET name = excluded.name, description = excluded.description,
                 questions = excluded.questions, updated_at = excluded.updated_at",
            &[&t.practice_id, &t.id, &t.name, &t.description, &questions, &t.created_at, &t.updated_at],
        )?;
        Ok(())
    }
    fn delete_form_template(&mut self, id: FormTemplateId) -> Result<()> {
        // The program items sending it go with it (ON DELETE CASCADE); sent forms keep their copy
        // (ON DELETE SET NULL (template_id)).
        self.delete(
            Table::FormTemplates,
            "DELETE FROM form_templates WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn save_form(&mut self, f: &Form) -> Result<()> {
        self.writing_in(f.practice_id)?;
        let (k, id) = actor_parts(&f.sent_by);
        let questions = serde_json::to_string(&f.questions).unwrap_or_default();
        let answers = serde_json::to_string(&f.answers).unwrap_or_default();
        // A form's place on its coach's to-dos is kept by triggers (schema v7).
        self.execute(
            "INSERT INTO forms (practice_id, id, engagement_id, template_id, name, description, questions, answers,
                 status, due_date, sent_by_kind, sent_by_id, sent_at, submitted_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             ON CONFLICT (practice_id, id) DO UPDATE SET template_id = excluded.template_id,
                 answers = excluded.answers, status = excluded.status, due_date = excluded.due_date,
                 submitted_at = excluded.submitted_at, updated_at = excluded.updated_at",
            &[
                &f.practice_id,
                &f.id,
                &f.engagement_id,
                &f.template_id,
                &f.name,
                &f.description,
                &questions,
                &answers,
                &f.status.as_str(),
                &f.due_date,
                &k,
                &id,
                &f.sent_at,
                &f.submitted_at,
                &f.updated_at,
            ],
        )?;
        Ok(())
    }
    fn delete_form(&mut self, id: FormId) -> Result<()> {
        self.delete(Table::Forms, "DELETE FROM forms WHERE practice_id = $1 AND id = $2", &id)
    }
    fn delete_journal_entry(&mut self, id: JournalEntryId) -> Result<()> {
        self.delete(
            Table::JournalEntries,
            "DELETE FROM journal_entries WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn delete_note(&mut self, id: NoteId) -> Result<()> {
        self.delete(
            Table::Notes,
            "DELETE FROM notes WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn save_goal(&mut self, goal: &Goal) -> Result<()> {
        self.writing_in(goal.practice_id)?;
        let (k, id) = actor_parts(&goal.created_by);
        self.execute(
            "INSERT INTO goals (practice_id, id, engagement_id, name, description, due_date, status,
                 created_by_kind, created_by_id, created_at, updated_at, horizon)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (practice_id, id) DO UPDATE SET name = excluded.name, description = excluded.description,
                 due_date = excluded.due_date, status = excluded.status, updated_at = excluded.updated_at,
                 horizon = excluded.horizon",
            &[
                &goal.practice_id,
                &goal.id,
                &goal.engagement_id,
                &goal.name,
                &goal.description,
                &goal.due_date,
                &goal.status.as_str(),
                &k,
                &id,
                &goal.created_at,
                &goal.updated_at,
                &goal.horizon.map(|h| h.as_str()),
            ],
        )?;
        Ok(())
    }
    fn delete_goal(&mut self, id: GoalId) -> Result<()> {
        self.delete(
            Table::Goals,
            "DELETE FROM goals WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn save_milestone(&mut self, m: &Milestone) -> Result<()> {
        let p = self.parent_practice(Table::Goals, *m.goal_id.as_uuid())?;
        self.execute(
            "INSERT INTO milestones (practice_id, id, goal_id, engagement_id, name, due_date, done, position,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (practice_id, id) DO UPDATE SET name = excluded.name, due_date = excluded.due_date,
                 done = excluded.done, position = excluded.position, updated_at = excluded.updated_at",
            &[
                &p,
                &m.id,
                &m.goal_id,
                &m.engagement_id,
                &m.name,
                &m.due_date,
                &m.done,
                &(m.position as i32),
                &m.created_at,
                &m.updated_at,
            ],
        )?;
        Ok(())
    }
    fn delete_milestone(&mut self, id: MilestoneId) -> Result<()> {
        self.delete(
            Table::Milestones,
            "DELETE FROM milestones WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn save_assignment(&mut self, a: &Assignment) -> Result<()> {
        self.writing_in(a.practice_id)?;
        let (k, id) = actor_parts(&a.created_by);
        self.execute(
            "INSERT INTO assignments (practice_id, id, engagement_id, name, description, due_date, status,
                 created_by_kind, created_by_id, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (practice_id, id) DO UPDATE SET name = excluded.name, description = excluded.description,
                 due_date = excluded.due_date, status = excluded.status, updated_at = excluded.updated_at",
            &[
                &a.practice_id,
                &a.id,
                &a.engagement_id,
                &a.name,
                &a.description,
                &a.due_date,
                &a.status.as_str(),
                &k,
                &id,
                &a.created_at,
                &a.updated_at,
            ],
        )?;
        Ok(())
    }
    fn delete_assignment(&mut self, id: AssignmentId) -> Result<()> {
        self.delete(
            Table::Assignments,
            "DELETE FROM assignments WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn save_assignment_file(&mut self, f: &AssignmentFile) -> Result<()> {
        let p = self.parent_practice(Table::Assignments, *f.assignment_id.as_uuid())?;
        let (k, id) = actor_parts(&f.added_by);
        self.execute(
            "INSERT INTO assignment_files (practice_id, id, assignment_id, resource_id, message, added_by_kind,
                 added_by_id, added_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (practice_id, id) DO UPDATE SET message = excluded.message",
            &[
                &p,
                &f.id,
                &f.assignment_id,
                &f.resource_id,
                &f.message,
                &k,
                &id,
                &f.added_at,
            ],
        )?;
        Ok(())
    }
    fn delete_assignment_file(&mut self, id: AssignmentFileId) -> Result<()> {
        self.delete(
            Table::AssignmentFiles,
            "DELETE FROM assignment_files WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn save_resource(&mut self, r: &Resource, bytes: Option<&[u8]>) -> Result<()> {
        self.writing_in(r.practice_id)?;
        let (k, id) = actor_parts(&r.added_by);
        let (place, client, engagement) = r.place.columns();
        self.execute(
            "INSERT INTO resources (practice_id, id, place, client_id, engagement_id, parent_id, kind, name,
                 media_type, size, sha256, url, added_by_kind, added_by_id, shared_with_coach, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             ON CONFLICT (practice_id, id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name,
                 url = excluded.url, shared_with_coach = excluded.shared_with_coach, updated_at = excluded.updated_at",
            &[
                &r.practice_id,
                &r.id,
                &place,
                &client,
                &engagement,
                &r.parent_id,
                &r.kind.as_str(),
                &r.name,
                &r.media_type,
                &r.size.map(|s| s as i64),
                &r.sha256,
                &r.url,
                &k,
                &id,
                &r.shared_with_coach,
                &r.created_at,
                &r.updated_at,
            ],
        )?;
        if let Some(b) = bytes {
            self.execute(
                "INSERT INTO resource_blobs (practice_id, resource_id, bytes) VALUES ($1, $2, $3)
                 ON CONFLICT (practice_id, resource_id) DO UPDATE SET bytes = excluded.bytes",
                &[&r.practice_id, &r.id, &b],
            )?;
        }
        Ok(())
    }
    fn delete_resource(&mut self, id: ResourceId) -> Result<()> {
        // Children, bytes, shares, attachments and program items go by ON DELETE CASCADE.
        self.delete(
            Table::Resources,
            "DELETE FROM resources WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn save_share(
        &mut self,
        e: EngagementId,
        r: ResourceId,
        by: Actor,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let p = self.parent_practice(Table::Engagements, *e.as_uuid())?;
        let (k, id) = actor_parts(&by);
        self.execute(
            "INSERT INTO engagement_shares (practice_id, engagement_id, resource_id, shared_by_kind,
                 shared_by_id, shared_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (practice_id, engagement_id, resource_id) DO NOTHING",
            &[&p, &e, &r, &k, &id, &at],
        )?;
        Ok(())
    }
    fn delete_share(&mut self, e: EngagementId, r: ResourceId) -> Result<()> {
        if let Some(p) = self.locate(Table::Engagements, *e.as_uuid())? {
            self.execute(
                "DELETE FROM engagement_shares WHERE practice_id = $1 AND engagement_id = $2 AND resource_id = $3",
                &[&p, &e, &r],
            )?;
        }
        Ok(())
    }
    fn save_comment(&mut self, c: &Comment) -> Result<()> {
        self.writing_in(c.practice_id)?;
        let (k, id) = actor_parts(&c.author);
        let (note, goal, assignment) = match c.target {
            CommentTarget::Note(n) => (Some(n), None, None),
            CommentTarget::Goal(g) => (None, Some(g), None),
            CommentTarget::Assignment(a) => (None, None, Some(a)),
        };
        self.execute(
            "INSERT INTO comments (practice_id, id, engagement_id, note_id, goal_id, assignment_id, body_html,
                 author_kind, author_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (practice_id, id) DO UPDATE SET body_html = excluded.body_html",
            &[
                &c.practice_id,
                &c.id,
                &c.engagement_id,
                &note,
                &goal,
                &assignment,
                &c.body_html,
                &k,
                &id,
                &c.created_at,
            ],
        )?;
        Ok(())
    }
    fn delete_comment(&mut self, id: CommentId) -> Result<()> {
        self.delete(
            Table::Comments,
            "DELETE FROM comments WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
    fn save_program_item(&mut self, i: &ProgramItem) -> Result<()> {
        self.writing_in(i.practice_id)?;
        let (kind, name, description, due, resource, form) = i.item.columns();
        self.execute(
            "INSERT INTO program_items (practice_id, id, program_id, position, kind, name, description,
                 due_after_days, resource_id, form_template_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (practice_id, id) DO UPDATE SET position = excluded.position, name = excluded.name,
                 description = excluded.description, due_after_days = excluded.due_after_days",
            &[
                &i.practice_id,
                &i.id,
                &i.program_id,
                &(i.position as i32),
                &kind,
                &name,
                &description,
                &num(due),
                &resource,
                &form,
            ],
        )?;
        Ok(())
    }
    fn delete_program_item(&mut self, id: ProgramItemId) -> Result<()> {
        self.delete(
            Table::ProgramItems,
            "DELETE FROM program_items WHERE practice_id = $1 AND id = $2",
            &id,
        )
    }
}
