//! The SQL of the SQLite backend: [`Reader`] and [`Writer`] over one connection.

use chrono_tz::Tz;
use rusqlite::{params, OptionalExtension, Row};

use super::codec::{bad_enum, date, date_at, enum_at, str_at, text_at, ts, ts_from};
use super::SqlConn;
use crate::activity::{Action, Audience, LogEntry, LogScope, Page, TargetRef};
use crate::actor::Actor;
use crate::booking::{Availability, BookingRules, RulesOwner};
use crate::content::*;
use crate::engagement::{Engagement, EngagementOverview, Status};
use crate::error::Result;
use crate::fields::{FieldDefinition, FieldEntity, StoredFieldValue};
use crate::ids::*;
use crate::model::{Client, Coach, Practice, Program};
use crate::plan::Plan;
use crate::progress::{Planned, ProgressUnit, SessionTally};
use crate::session::{Location, Session, SessionLine, SessionRange, SessionStatus};
use crate::storage::{FeedScope, NoteSearch, OverviewFilter, Reader, SessionWindow, Writer};
use chrono::{DateTime, Duration, Utc};

const PRACTICE_COLS: &str = "id, name, time_zone, plan_name, plan_max_active, plan_max_coaches, \
     plan_can_reassign, owner_id, created_at, updated_at";

fn practice_row(r: &Row) -> rusqlite::Result<Practice> {
    let tz: String = r.get(2)?;
    Ok(Practice {
        id: r.get(0)?,
        name: r.get(1)?,
        time_zone: tz.parse::<Tz>().map_err(|_| bad_enum("time zone", &tz))?,
        plan: Plan {
            name: r.get(3)?,
            max_active_engagements: r.get(4)?,
            max_coaches: r.get(5)?,
            can_reassign: r.get(6)?,
        },
        owner_id: r.get(7)?,
        created_at: ts_from(r.get(8)?)?,
        updated_at: ts_from(r.get(9)?)?,
    })
}

const COACH_COLS: &str = "id, practice_id, name, email, created_at";

fn coach_row(r: &Row) -> rusqlite::Result<Coach> {
    Ok(Coach {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        name: r.get(2)?,
        email: r.get(3)?,
        created_at: ts_from(r.get(4)?)?,
    })
}

const CLIENT_COLS: &str =
    "id, practice_id, name, email, has_portal, created_at, updated_at, archived, erased";

fn client_row(r: &Row) -> rusqlite::Result<Client> {
    Ok(Client {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        name: r.get(2)?,
        email: r.get(3)?,
        has_portal: r.get(4)?,
        created_at: ts_from(r.get(5)?)?,
        updated_at: ts_from(r.get(6)?)?,
        archived: r.get(7)?,
        erased: r.get(8)?,
    })
}

const PROGRAM_COLS: &str =
    "id, practice_id, name, unit, planned, session_minutes, no_show_counts, \
     late_cancel_minutes, created_at, updated_at";

fn unit(s: String) -> rusqlite::Result<ProgressUnit> {
    ProgressUnit::parse(&s).ok_or_else(|| bad_enum("progress unit", &s))
}

fn program_row(r: &Row) -> rusqlite::Result<Program> {
    Ok(Program {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        name: r.get(2)?,
        planned: Planned {
            unit: unit(r.get(3)?)?,
            amount: r.get(4)?,
        },
        session_minutes: r.get(5)?,
        no_show_counts: r.get(6)?,
        late_cancel_window_minutes: r.get(7)?,
        created_at: ts_from(r.get(8)?)?,
        updated_at: ts_from(r.get(9)?)?,
    })
}

/// Engagement columns, qualified by the alias `e` (17 columns).
const ENGAGEMENT_COLS: &str =
    "e.id, e.practice_id, e.coach_id, e.client_id, e.program_id, e.program_name, \
     e.unit, e.planned, e.session_minutes, e.no_show_counts, e.late_cancel_minutes, e.start_date, \
     e.end_date, e.status, e.completion_reason, e.created_at, e.updated_at";
const ENGAGEMENT_COL_COUNT: usize = 17;

fn engagement_row(r: &Row) -> rusqlite::Result<Engagement> {
    Ok(Engagement {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        coach_id: r.get(2)?,
        client_id: r.get(3)?,
        program_id: r.get(4)?,
        program_name: r.get(5)?,
        planned: Planned {
            unit: enum_at(r, 6, "progress unit", ProgressUnit::parse)?,
            amount: r.get(7)?,
        },
        session_minutes: r.get(8)?,
        no_show_counts: r.get(9)?,
        late_cancel_window_minutes: r.get(10)?,
        start_date: date_at(r, 11)?,
        end_date: date_at(r, 12)?,
        status: enum_at(r, 13, "status", Status::parse)?,
        completion_reason: r.get(14)?,
        created_at: ts_from(r.get(15)?)?,
        updated_at: ts_from(r.get(16)?)?,
    })
}

/// The session tally columns that follow the engagement columns in an overview row.
fn tally_at(r: &Row, at: usize) -> rusqlite::Result<SessionTally> {
    Ok(SessionTally {
        completed: r.get(at)?,
        completed_minutes: r.get::<_, i64>(at + 1)? as u64,
        no_show: r.get(at + 2)?,
        no_show_minutes: r.get::<_, i64>(at + 3)? as u64,
        late_cancelled: r.get(at + 4)?,
        late_cancelled_minutes: r.get::<_, i64>(at + 5)? as u64,
    })
}

/// The tally kept on the engagement row (aliased `e`) by the session triggers.
const TALLY_COLS: &str =
    "e.tally_completed, e.tally_completed_minutes, e.tally_no_show, e.tally_no_show_minutes, \
     e.tally_late_cancelled, e.tally_late_cancelled_minutes";

/// An actor as two columns: kind and optional id.
pub(super) fn actor_parts(a: &Actor) -> (&'static str, Option<Vec<u8>>) {
    let id = match a {
        Actor::Coach(id) => Some(id.as_uuid().as_bytes().to_vec()),
        Actor::Client(id) => Some(id.as_uuid().as_bytes().to_vec()),
        Actor::System => None,
    };
    (a.kind_name(), id)
}

pub(super) fn actor_at(r: &Row, kind_col: usize) -> rusqlite::Result<Option<Actor>> {
    Ok(match text_at(r, kind_col)? {
        None => None,
        Some("coach") => Some(Actor::Coach(r.get(kind_col + 1)?)),
        Some("client") => Some(Actor::Client(r.get(kind_col + 1)?)),
        Some("system") => Some(Actor::System),
        Some(other) => return Err(bad_enum("actor kind", other)),
    })
}

/// Session columns, qualified by the alias `s` (19 columns).
const SESSION_COLS: &str = "s.id, s.practice_id, s.engagement_id, s.coach_id, s.client_id, s.start_at, s.end_at, \
     s.time_zone, s.location_kind, s.location_value, s.status, s.cancelled_by_kind, s.cancelled_by_id, \
     s.cancelled_at, s.cancel_reason, s.created_by_kind, s.created_by_id, s.created_at, s.updated_at";
const SESSION_COL_COUNT: usize = 19;

fn session_row(r: &Row) -> rusqlite::Result<Session> {
    let kind = str_at(r, 8)?;
    Ok(Session {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        engagement_id: r.get(2)?,
        coach_id: r.get(3)?,
        client_id: r.get(4)?,
        start: ts_from(r.get(5)?)?,
        end: ts_from(r.get(6)?)?,
        time_zone: enum_at(r, 7, "time zone", |s| s.parse::<Tz>().ok())?,
        location: Location::from_stored(kind, r.get(9)?)
            .ok_or_else(|| bad_enum("location", kind))?,
        status: enum_at(r, 10, "session status", SessionStatus::parse)?,
        cancelled_by: actor_at(r, 11)?,
        cancelled_at: r.get::<_, Option<i64>>(13)?.map(ts_from).transpose()?,
        cancel_reason: r.get(14)?,
        created_by: actor_at(r, 15)?.ok_or_else(|| bad_enum("actor kind", "NULL"))?,
        created_at: ts_from(r.get(17)?)?,
        updated_at: ts_from(r.get(18)?)?,
    })
}

const LOG_COLS: &str = "id, practice_id, engagement_id, at, actor_kind, actor_id, action, \
     target_kind, target_id, detail, audience";

fn log_row(r: &Row) -> rusqlite::Result<LogEntry> {
    let actor_kind: String = r.get(4)?;
    let actor = match actor_kind.as_str() {
        "coach" => Actor::Coach(r.get(5)?),
        "client" => Actor::Client(r.get(5)?),
        "system" => Actor::System,
        other => return Err(bad_enum("actor kind", other)),
    };
    let action: String = r.get(6)?;
    let target_kind: String = r.get(7)?;
    Ok(LogEntry {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        engagement_id: r.get(2)?,
        at: ts_from(r.get(3)?)?,
        actor,
        action: Action::parse(&action).ok_or_else(|| bad_enum("action", &action))?,
        target: TargetRef {
            kind: EntityKind::parse(&target_kind)
                .ok_or_else(|| bad_enum("target kind", &target_kind))?,
            id: r
                .get_ref(8)
                .and_then(|v| super::codec::uuid_from_sql(v).map_err(Into::into))?,
        },
        detail: r.get(9)?,
        audience: enum_at(r, 10, "audience", Audience::parse)?,
    })
}

/// The change feed's statement for `scope`: `?1` the practice, `?2` the sequence number to
/// read after, `?3` the limit, `?4` the coach or client, `?5` whether the client has a portal.
pub(crate) fn feed_sql(scope: &FeedScope) -> String {
    match scope {
        FeedScope::All => format!(
            "SELECT {LOG_COLS}, seq FROM activity_log
             WHERE practice_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3"
        ),
        FeedScope::Owner => format!(
            "SELECT {LOG_COLS}, seq FROM activity_log
             WHERE practice_id = ?1 AND seq > ?2 AND audience <> 'own'
             ORDER BY seq LIMIT ?3"
        ),
        FeedScope::Coach(_) => format!(
            "SELECT {LOG_COLS}, seq FROM activity_log
             WHERE practice_id = ?1 AND seq > ?2
               AND (audience = 'coaches' OR (audience IN ('coach', 'client')
                    AND engagement_id IN (SELECT id FROM engagements
                                          WHERE practice_id = ?1 AND coach_id = ?4)))
             ORDER BY seq LIMIT ?3"
        ),
        // The client's engagements (by the client index) and each one's entries through the
        // engagement index — the join order forced, and the practice conditions kept off the
        // indexes (`+`): otherwise the planner walks the practice's whole log in sequence
        // order (100 ms on 500,000 entries) — and their own through the partial index of
        // `own` entries; then in sequence order.
        FeedScope::Client { .. } => format!(
            "SELECT {LOG_COLS}, seq FROM activity_log WHERE seq IN (
                 SELECT l.seq FROM engagements e CROSS JOIN activity_log l ON l.engagement_id = e.id
                 WHERE e.client_id = ?4 AND +e.practice_id = ?1 AND e.status <> 'draft'
                   AND l.seq > ?2 AND l.audience = 'client' AND +l.practice_id = ?1
                   AND (?5 OR l.target_kind IN ('engagement', 'session'))
                 UNION ALL
                 SELECT seq FROM activity_log
                 WHERE actor_id = ?4 AND audience = 'own' AND seq > ?2 AND +practice_id = ?1
                   AND actor_kind = 'client')
             ORDER BY seq LIMIT ?3"
        ),
    }
}

impl SqlConn<'_> {
    fn one<T>(
        &self,
        sql: &str,
        id: &dyn rusqlite::ToSql,
        f: fn(&Row) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([id], f)
            .optional()?)
    }

    fn many<T>(
        &self,
        sql: &str,
        id: &dyn rusqlite::ToSql,
        f: fn(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], f)?;
        Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
    }
}

impl Reader for SqlConn<'_> {
    fn practice_ids(&self) -> Result<Vec<PracticeId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM practices ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn practice(&self, id: PracticeId) -> Result<Option<Practice>> {
        self.one(
            &format!("SELECT {PRACTICE_COLS} FROM practices WHERE id = ?1"),
            &id,
            practice_row,
        )
    }
    fn coach(&self, id: CoachId) -> Result<Option<Coach>> {
        self.one(
            &format!("SELECT {COACH_COLS} FROM coaches WHERE id = ?1"),
            &id,
            coach_row,
        )
    }
    fn coaches(&self, practice: PracticeId) -> Result<Vec<Coach>> {
        self.many(
            &format!("SELECT {COACH_COLS} FROM coaches WHERE practice_id = ?1 ORDER BY id"),
            &practice,
            coach_row,
        )
    }
    fn client(&self, id: ClientId) -> Result<Option<Client>> {
        self.one(
            &format!("SELECT {CLIENT_COLS} FROM clients WHERE id = ?1"),
            &id,
            client_row,
        )
    }
    fn clients(&self, practice: PracticeId) -> Result<Vec<Client>> {
        self.many(
            &format!("SELECT {CLIENT_COLS} FROM clients WHERE practice_id = ?1 ORDER BY id"),
            &practice,
            client_row,
        )
    }
    fn program(&self, id: ProgramId) -> Result<Option<Program>> {
        self.one(
            &format!("SELECT {PROGRAM_COLS} FROM programs WHERE id = ?1"),
            &id,
            program_row,
        )
    }
    fn programs(&self, practice: PracticeId) -> Result<Vec<Program>> {
        self.many(
            &format!("SELECT {PROGRAM_COLS} FROM programs WHERE practice_id = ?1 ORDER BY id"),
            &practice,
            program_row,
        )
    }
    fn engagement(&self, id: EngagementId) -> Result<Option<Engagement>> {
        self.one(
            &format!("SELECT {ENGAGEMENT_COLS} FROM engagements e WHERE e.id = ?1"),
            &id,
            engagement_row,
        )
    }
    fn count_active_engagements(&self, practice: PracticeId) -> Result<u32> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM engagements WHERE practice_id = ?1 AND status = 'active'",
            )?
            .query_row([practice], |r| r.get(0))?)
    }
    fn count_coaches(&self, practice: PracticeId) -> Result<u32> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM coaches WHERE practice_id = ?1")?
            .query_row([practice], |r| r.get(0))?)
    }
    fn session_tally(&self, engagement: EngagementId) -> Result<SessionTally> {
        // The tally the session triggers keep on the engagement row: the same source the
        // overview reads.
        let sql = format!("SELECT {TALLY_COLS} FROM engagements e WHERE e.id = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([engagement], |r| tally_at(r, 0))
            .optional()?
            .unwrap_or_default())
    }
    fn overview(&self, f: &OverviewFilter) -> Result<Vec<EngagementOverview>> {
        // One query for the whole list: names joined, progress from the tally kept on each row.
        let mut stmt = self.conn.prepare_cached(&overview_sql(f))?;
        let rows = stmt.query_map(overview_params(f).as_slice(), |r| {
            let e = engagement_row(r)?;
            let n = ENGAGEMENT_COL_COUNT;
            Ok(EngagementOverview::new(
                e,
                r.get(n)?,
                r.get(n + 1)?,
                &tally_at(r, n + 2)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn overview_page(
        &self,
        f: &OverviewFilter,
        q: &crate::engagement::OverviewQuery,
    ) -> Result<(Vec<EngagementOverview>, u64)> {
        // One query: the page with the count of every matching line beside each row.
        let cond = overview_page_cond(f, q);
        let sql = format!(
            "SELECT {ENGAGEMENT_COLS}, co.name, cl.name, {TALLY_COLS}, count(*) OVER ()
             FROM engagements e
             LEFT JOIN coaches co INDEXED BY coaches_name ON co.id = e.coach_id
             LEFT JOIN clients cl INDEXED BY clients_name ON cl.id = e.client_id
             WHERE {cond}
             ORDER BY {}
             LIMIT :limit OFFSET :offset",
            overview_order(q)
        );
        let mut params = overview_params(f);
        if let Some(p) = &q.program {
            params.push((":program", p));
        }
        let (limit, offset) = (q.limit, q.offset);
        params.push((":limit", &limit));
        params.push((":offset", &offset));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut total = 0u64;
        let rows = stmt.query_map(params.as_slice(), |r| {
            let e = engagement_row(r)?;
            let n = ENGAGEMENT_COL_COUNT;
            total = r.get::<_, i64>(r.as_ref().column_count() - 1)? as u64;
            Ok(EngagementOverview::new(
                e,
                r.get(n)?,
                r.get(n + 1)?,
                &tally_at(r, n + 2)?,
            ))
        })?;
        let lines = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        if lines.is_empty() && offset > 0 {
            // A page past the end: the count alone.
            params.truncate(params.len() - 2);
            total = self
                .conn
                .prepare_cached(&format!("SELECT count(*) FROM engagements e WHERE {cond}"))?
                .query_row(params.as_slice(), |r| r.get::<_, i64>(0))? as u64;
        }
        Ok((lines, total))
    }
    fn activity(&self, scope: LogScope, page: Page) -> Result<Vec<LogEntry>> {
        let (sql, id): (String, &dyn rusqlite::ToSql) = match &scope {
            LogScope::Engagement(id) => (
                format!("SELECT {LOG_COLS} FROM activity_log WHERE engagement_id = ?1 AND audience <> 'own' ORDER BY seq DESC LIMIT ?2 OFFSET ?3"),
                id,
            ),
            LogScope::Practice(id) => (
                format!("SELECT {LOG_COLS} FROM activity_log WHERE practice_id = ?1 AND audience <> 'own' ORDER BY seq DESC LIMIT ?2 OFFSET ?3"),
                id,
            ),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![id, page.limit, page.offset], log_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn changes(
        &self,
        practice: PracticeId,
        scope: FeedScope,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, LogEntry)>> {
        let row = |r: &Row| Ok((r.get::<_, i64>(11)?, log_row(r)?));
        let mut stmt = self.conn.prepare_cached(&feed_sql(&scope))?;
        let rows = match scope {
            FeedScope::All | FeedScope::Owner => {
                stmt.query_map(params![practice, after, limit], row)?
            }
            FeedScope::Coach(coach) => {
                stmt.query_map(params![practice, after, limit, coach], row)?
            }
            FeedScope::Client { id, portal } => {
                stmt.query_map(params![practice, after, limit, id, portal], row)?
            }
        };
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn id_in_use(&self, kind: EntityKind, id: uuid::Uuid) -> Result<bool> {
        let table = match kind {
            EntityKind::Practice => "practices",
            EntityKind::Coach => "coaches",
            EntityKind::Client => "clients",
            EntityKind::Program => "programs",
            EntityKind::Engagement => "engagements",
            EntityKind::Session => "sessions",
            EntityKind::Note => "notes",
            EntityKind::Goal => "goals",
            EntityKind::Milestone => "milestones",
            EntityKind::Assignment => "assignments",
            EntityKind::AssignmentFile => "assignment_files",
            EntityKind::Resource => "resources",
            EntityKind::Comment => "comments",
            EntityKind::ProgramItem => "program_items",
            EntityKind::JournalEntry => "journal_entries",
            EntityKind::Field => "fields",
            EntityKind::FormTemplate => "form_templates",
            EntityKind::Form => "forms",
        };
        let sql = if kind == EntityKind::Engagement {
            "SELECT 1 FROM engagements WHERE id = ?1 UNION ALL SELECT 1 FROM activity_log WHERE engagement_id = ?1"
                .to_string()
        } else {
            format!("SELECT 1 FROM {table} WHERE id = ?1")
        };
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .exists([id.as_bytes().as_slice()])?)
    }
    fn session(&self, id: SessionId) -> Result<Option<Session>> {
        self.one(
            &format!("SELECT {SESSION_COLS} FROM sessions s WHERE s.id = ?1"),
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
        let sql = match range {
            SessionRange::Upcoming => format!(
                "SELECT {SESSION_COLS} FROM sessions s
                 WHERE s.engagement_id = ?1 AND s.status = 'scheduled' AND s.end_at > ?2
                 ORDER BY s.start_at, s.id LIMIT ?3 OFFSET ?4"
            ),
            SessionRange::Past => format!(
                "SELECT {SESSION_COLS} FROM sessions s
                 WHERE s.engagement_id = ?1 AND NOT (s.status = 'scheduled' AND s.end_at > ?2)
                 ORDER BY s.start_at DESC, s.id DESC LIMIT ?3 OFFSET ?4"
            ),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![engagement, ts(&now), page.limit, page.offset],
            session_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn coach_clash(
        &self,
        coach: CoachId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        exclude: Option<SessionId>,
    ) -> Result<Option<Session>> {
        // Sessions last at most a day: only those starting in (start - 1 day, end) can overlap,
        // which keeps the range on the coach's Scheduled sessions (a covering index) short.
        let sql = format!(
            "SELECT {SESSION_COLS} FROM sessions s INDEXED BY sessions_coach_upcoming
             WHERE s.coach_id = ?1 AND s.start_at > ?2 AND s.start_at < ?3 AND s.end_at > ?4
               AND s.status = 'scheduled' AND (?5 IS NULL OR s.id <> ?5)
             ORDER BY s.start_at LIMIT 1"
        );
        let lower = ts(&(start - Duration::days(1)));
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(
                params![coach, lower, ts(&end), ts(&start), exclude],
                session_row,
            )
            .optional()?)
    }
    fn coach_busy(
        &self,
        coach: CoachId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        exclude: Option<SessionId>,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        // As the clash check: a session lasts at most a day, so the range on the coach's
        // Scheduled sessions starts a day before the window.
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.start_at, s.end_at FROM sessions s INDEXED BY sessions_coach_upcoming
             WHERE s.coach_id = ?1 AND s.start_at > ?2 AND s.start_at < ?3 AND s.end_at > ?4
               AND s.status = 'scheduled' AND (?5 IS NULL OR s.id <> ?5)
             ORDER BY s.start_at",
        )?;
        let lower = ts(&(from - Duration::days(1)));
        let rows = stmt.query_map(params![coach, lower, ts(&to), ts(&from), exclude], |r| {
            Ok((ts_from(r.get(0)?)?, ts_from(r.get(1)?)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn scheduled_load(&self, engagement: EngagementId) -> Result<(u32, u64)> {
        let (n, minutes): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum((end_at - start_at) / 60000000), 0) FROM sessions
                 WHERE engagement_id = ?1 AND status = 'scheduled'",
            )?
            .query_row([engagement], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((n.max(0) as u32, minutes.max(0) as u64))
    }
    fn availability(&self, coach: CoachId) -> Result<Option<Availability>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT practice_id, time_zone, weekly, overrides, updated_at
                 FROM coach_availability WHERE coach_id = ?1",
            )?
            .query_row([coach], |r| {
                Ok((
                    r.get::<_, PracticeId>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    ts_from(r.get(4)?)?,
                ))
            })
            .optional()?;
        row.map(|(p, tz, w, o, at)| Availability::from_stored(coach, p, &tz, &w, &o, at))
            .transpose()
    }
    fn booking_rules(
        &self,
        practice: PracticeId,
        owner: RulesOwner,
    ) -> Result<Option<BookingRules>> {
        let (sql, id): (&str, &dyn rusqlite::ToSql) = match &owner {
            RulesOwner::Program(p) => (
                "SELECT min_notice_minutes, max_horizon_days, buffer_before_minutes,
                        buffer_after_minutes, slot_step_minutes
                 FROM booking_rules WHERE program_id = ?1 AND practice_id = ?2",
                p,
            ),
            RulesOwner::Engagement(e) => (
                "SELECT min_notice_minutes, max_horizon_days, buffer_before_minutes,
                        buffer_after_minutes, slot_step_minutes
                 FROM booking_rules WHERE engagement_id = ?1 AND practice_id = ?2",
                e,
            ),
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row(params![id, practice], |r| {
                Ok(BookingRules {
                    min_notice_minutes: r.get(0)?,
                    max_horizon_days: r.get(1)?,
                    buffer_before_minutes: r.get(2)?,
                    buffer_after_minutes: r.get(3)?,
                    slot_step_minutes: r.get(4)?,
                })
            })
            .optional()?)
    }
    fn session_lines(&self, w: &SessionWindow) -> Result<Vec<SessionLine>> {
        let mut stmt = self.conn.prepare_cached(&session_lines_sql(w))?;
        let params = session_lines_params(w);
        let refs: Vec<(&str, &dyn rusqlite::ToSql)> =
            params.iter().map(|(k, v)| (*k, v.as_ref())).collect();
        let rows = stmt.query_map(refs.as_slice(), |r| {
            let n = SESSION_COL_COUNT;
            Ok(SessionLine {
                session: session_row(r)?,
                coach_name: r.get(n)?,
                client_name: r.get(n + 1)?,
                program_name: r.get(n + 2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn note(&self, id: NoteId) -> Result<Option<Note>> {
        self.c_note(id)
    }
    fn field(&self, id: FieldId) -> Result<Option<FieldDefinition>> {
        self.c_field(id)
    }
    fn fields(&self, practice: PracticeId, entity: FieldEntity) -> Result<Vec<FieldDefinition>> {
        self.c_fields(practice, entity)
    }
    fn field_values(
        &self,
        practice: PracticeId,
        target: Option<uuid::Uuid>,
    ) -> Result<Vec<StoredFieldValue>> {
        self.c_field_values(practice, target)
    }
    fn deleted_engagements(&self, practice: PracticeId) -> Result<Vec<(EngagementId, ClientId)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT engagement_id, client_id FROM deleted_engagements WHERE practice_id = ?1 ORDER BY engagement_id",
        )?;
        let rows = stmt.query_map([practice], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn log_end(&self, practice: PracticeId) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM activity_log WHERE practice_id = ?1")?
            .query_row([&practice], |r| r.get(0))?)
    }
    fn deleted_engagements_of(&self, client: ClientId) -> Result<Vec<EngagementId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT engagement_id FROM deleted_engagements WHERE client_id = ?1")?;
        let rows = stmt.query_map([client], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    fn journal_entry(&self, id: JournalEntryId) -> Result<Option<JournalEntry>> {
        self.c_journal_entry(id)
    }
    fn form_template(&self, id: FormTemplateId) -> Result<Option<FormTemplate>> {
        self.c_form_template(id)
    }
    fn form_templates(&self, practice: PracticeId) -> Result<Vec<FormTemplate>> {
        self.c_form_templates(practice)
    }
    fn form(&self, id: FormId) -> Result<Option<Form>> {
        self.c_form(id)
    }
    fn forms(&self, e: EngagementId) -> Result<Vec<Form>> {
        self.c_forms(e)
    }
    fn journal(
        &self,
        e: EngagementId,
        author: Option<ClientId>,
        shared_only: bool,
    ) -> Result<Vec<JournalEntry>> {
        self.c_journal(e, author, shared_only)
    }
    fn notes(&self, e: EngagementId) -> Result<Vec<Note>> {
        self.c_notes(e)
    }
    fn note_count(&self, e: EngagementId) -> Result<u32> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT count(*) FROM notes WHERE engagement_id = ?1")?;
        Ok(stmt.query_row([&e], |r| r.get(0))?)
    }
    fn search_notes(&self, q: &NoteSearch) -> Result<Vec<NoteHit>> {
        self.c_search_notes(q)
    }
    fn goal(&self, id: GoalId) -> Result<Option<Goal>> {
        self.c_goal(id)
    }
    fn goals(&self, e: EngagementId) -> Result<Vec<Goal>> {
        self.c_goals(e)
    }
    fn milestone(&self, id: MilestoneId) -> Result<Option<Milestone>> {
        self.c_milestone(id)
    }
    fn milestones(&self, e: EngagementId) -> Result<Vec<Milestone>> {
        self.c_milestones(e)
    }
    fn assignment(&self, id: AssignmentId) -> Result<Option<Assignment>> {
        self.c_assignment(id)
    }
    fn assignments(&self, e: EngagementId) -> Result<Vec<Assignment>> {
        self.c_assignments(e)
    }
    fn assignment_file(&self, id: AssignmentFileId) -> Result<Option<AssignmentFile>> {
        self.c_assignment_file(id)
    }
    fn assignment_files(&self, e: EngagementId) -> Result<Vec<AssignmentFile>> {
        self.c_assignment_files(e)
    }
    fn resource(&self, id: ResourceId) -> Result<Option<Resource>> {
        self.c_resource(id)
    }
    fn resource_children(
        &self,
        p: PracticeId,
        place: ResourcePlace,
        parent: Option<ResourceId>,
    ) -> Result<Vec<Resource>> {
        self.c_resource_children(p, place, parent)
    }
    fn resource_bytes(&self, id: ResourceId) -> Result<Option<Vec<u8>>> {
        self.c_resource_bytes(id)
    }
    fn engagement_resources(&self, e: EngagementId) -> Result<Vec<EngagementResource>> {
        self.c_engagement_resources(e)
    }
    fn is_shared_into(&self, e: EngagementId, r: ResourceId) -> Result<bool> {
        self.c_is_shared_into(e, r)
    }
    fn comment(&self, id: CommentId) -> Result<Option<Comment>> {
        self.c_comment(id)
    }
    fn comments(&self, t: CommentTarget) -> Result<Vec<Comment>> {
        self.c_comments(t)
    }
    fn program_items(&self, p: ProgramId) -> Result<Vec<ProgramItem>> {
        self.c_program_items(p)
    }
    fn todos(&self, coach: CoachId, today: chrono::NaiveDate, page: Page) -> Result<Vec<TodoItem>> {
        self.c_todos(coach, today, page)
    }
    fn due_items(
        &self,
        practice: PracticeId,
        coach: Option<CoachId>,
        client: Option<ClientId>,
        until: chrono::NaiveDate,
        today: chrono::NaiveDate,
    ) -> Result<Vec<DueItem>> {
        self.c_due_items(practice, coach, client, until, today)
    }
}

pub(crate) type NamedParams<'a> = Vec<(&'static str, &'a dyn rusqlite::ToSql)>;

/// The overview statement for this filter's shape: only the set fields become conditions,
/// so the planner can pick the index that fits (each shape is its own cached statement).
pub(crate) fn overview_sql(f: &OverviewFilter) -> String {
    // The practice condition is left out when a narrower filter is set: the service only
    // builds filters whose coach, client or engagement belong to the practice, and a single
    // equality lets the planner pick that filter's index.
    let mut cond = Vec::new();
    if !narrowed_overview(f) {
        cond.push("e.practice_id = :practice");
    }
    if f.coach.is_some() {
        cond.push("e.coach_id = :coach");
    }
    if f.client.is_some() {
        cond.push("e.client_id = :client");
    }
    if f.engagement.is_some() {
        cond.push("e.id = :engagement");
    }
    let mut cond = cond.join(" AND ");
    if !f.include_draft {
        cond += " AND e.status <> 'draft'";
    }
    // Names come from the (id, name) covering indexes of schema v8.
    format!(
        "SELECT {ENGAGEMENT_COLS}, co.name, cl.name, {TALLY_COLS}
         FROM engagements e
         LEFT JOIN coaches co INDEXED BY coaches_name ON co.id = e.coach_id
         LEFT JOIN clients cl INDEXED BY clients_name ON cl.id = e.client_id
         WHERE {cond}
         ORDER BY e.id"
    )
}

pub(crate) fn overview_params(f: &OverviewFilter) -> NamedParams<'_> {
    let mut p: NamedParams<'_> = Vec::new();
    if !narrowed_overview(f) {
        p.push((":practice", &f.practice));
    }
    if let Some(c) = &f.coach {
        p.push((":coach", c));
    }
    if let Some(c) = &f.client {
        p.push((":client", c));
    }
    if let Some(e) = &f.engagement {
        p.push((":engagement", e));
    }
    p
}

/// The conditions of an overview page: the filter's (as [`overview_sql`]), the statuses
/// (constant names, written into the statement) and the program.
fn overview_page_cond(f: &OverviewFilter, q: &crate::engagement::OverviewQuery) -> String {
    let mut cond = Vec::new();
    if !narrowed_overview(f) {
        cond.push("e.practice_id = :practice".to_string());
    }
    if f.coach.is_some() {
        cond.push("e.coach_id = :coach".into());
    }
    if f.client.is_some() {
        cond.push("e.client_id = :client".into());
    }
    if f.engagement.is_some() {
        cond.push("e.id = :engagement".into());
    }
    if !f.include_draft {
        cond.push("e.status <> 'draft'".into());
    }
    if !q.statuses.is_empty() {
        let names: Vec<String> = q
            .statuses
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        cond.push(format!("e.status IN ({})", names.join(", ")));
    }
    if q.program.is_some() {
        cond.push("e.program_id = :program".into());
    }
    cond.join(" AND ")
}

/// The ORDER BY of an overview page, as [`crate::OverviewQuery::compare`] orders: the key with
/// missing values last, then creation.
fn overview_order(q: &crate::engagement::OverviewQuery) -> String {
    use crate::engagement::OverviewSort;
    let dir = if q.descending { "DESC" } else { "ASC" };
    let key = match q.sort {
        OverviewSort::Created => return format!("e.id {dir}"),
        OverviewSort::ClientName => "cl.name",
        OverviewSort::CoachName => "co.name",
        OverviewSort::ProgramName => "e.program_name",
        OverviewSort::StartDate => "e.start_date",
        OverviewSort::Status => {
            "CASE e.status WHEN 'draft' THEN 0 WHEN 'active' THEN 1 WHEN 'inactive' THEN 2 ELSE 3 END"
        }
    };
    format!("({key}) IS NULL, {key} {dir}, e.id")
}

fn narrowed_overview(f: &OverviewFilter) -> bool {
    f.coach.is_some() || f.client.is_some() || f.engagement.is_some()
}

fn narrowed_window(w: &SessionWindow) -> bool {
    w.coach.is_some() || w.client.is_some() || w.engagement.is_some()
}

/// The session-list statement for this window's shape (see [`overview_sql`]).
pub(crate) fn session_lines_sql(w: &SessionWindow) -> String {
    let mut cond = String::new();
    if !narrowed_window(w) {
        cond += " AND s.practice_id = :practice";
    }
    if w.coach.is_some() {
        cond += " AND s.coach_id = :coach";
    }
    if w.client.is_some() {
        cond += " AND s.client_id = :client";
    }
    if w.engagement.is_some() {
        cond += " AND s.engagement_id = :engagement";
    }
    if w.scheduled_only {
        cond += " AND s.status = 'scheduled'";
    }
    // A coach's upcoming sessions come from the covering index of schema v8 in start order;
    // the names from the (id, name) covering indexes.
    let sessions =
        if w.scheduled_only && w.coach.is_some() && w.client.is_none() && w.engagement.is_none() {
            "sessions s INDEXED BY sessions_coach_upcoming"
        } else {
            "sessions s"
        };
    format!(
        "SELECT {SESSION_COLS}, co.name, cl.name, e.program_name
         FROM {sessions}
         JOIN engagements e INDEXED BY engagements_program_name ON e.id = s.engagement_id
         JOIN coaches co INDEXED BY coaches_name ON co.id = s.coach_id
         JOIN clients cl INDEXED BY clients_name ON cl.id = s.client_id
         WHERE s.start_at >= :from AND s.start_at < :to{cond}
         ORDER BY s.start_at, s.id"
    )
}

fn session_lines_params(w: &SessionWindow) -> Vec<(&'static str, Box<dyn rusqlite::ToSql + '_>)> {
    let mut p: Vec<(&'static str, Box<dyn rusqlite::ToSql + '_>)> = vec![
        (":from", Box::new(ts(&w.from))),
        (":to", Box::new(ts(&w.to))),
    ];
    if !narrowed_window(w) {
        p.push((":practice", Box::new(&w.practice)));
    }
    if let Some(c) = &w.coach {
        p.push((":coach", Box::new(c)));
    }
    if let Some(c) = &w.client {
        p.push((":client", Box::new(c)));
    }
    if let Some(e) = &w.engagement {
        p.push((":engagement", Box::new(e)));
    }
    p
}

impl Writer for SqlConn<'_> {
    fn savepoint(&mut self) -> Result<()> {
        self.conn.execute_batch("SAVEPOINT coaching_op")?;
        Ok(())
    }
    fn release_savepoint(&mut self) -> Result<()> {
        self.conn.execute_batch("RELEASE coaching_op")?;
        Ok(())
    }
    fn rollback_savepoint(&mut self) -> Result<()> {
        self.conn
            .execute_batch("ROLLBACK TO coaching_op; RELEASE coaching_op")?;
        Ok(())
    }
    fn save_note(&mut self, n: &Note) -> Result<()> {
        self.c_save_note(n)
    }
    fn delete_note(&mut self, id: NoteId) -> Result<()> {
        self.c_delete_note(id)
    }
    fn save_deleted_engagement(
        &mut self,
        practice: PracticeId,
        engagement: EngagementId,
        client: ClientId,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO deleted_engagements (engagement_id, practice_id, client_id) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![engagement, practice, client])?;
        Ok(())
    }
    fn save_field(&mut self, f: &FieldDefinition) -> Result<()> {
        self.c_save_field(f)
    }
    fn delete_field(&mut self, id: FieldId) -> Result<()> {
        self.c_delete_field(id)
    }
    fn save_field_value(&mut self, practice: PracticeId, v: &StoredFieldValue) -> Result<()> {
        self.c_save_field_value(practice, v)
    }
    fn delete_field_value(&mut self, field: FieldId, target: uuid::Uuid) -> Result<()> {
        self.c_delete_field_value(field, target)
    }
    fn delete_field_values_of(&mut self, practice: PracticeId, target: uuid::Uuid) -> Result<()> {
        self.c_delete_field_values_of(practice, target)
    }
    fn save_journal_entry(&mut self, j: &JournalEntry) -> Result<()> {
        self.c_save_journal_entry(j)
    }
    fn delete_journal_entry(&mut self, id: JournalEntryId) -> Result<()> {
        self.c_delete_journal_entry(id)
    }
    fn save_form_template(&mut self, t: &FormTemplate) -> Result<()> {
        self.c_save_form_template(t)
    }
    fn delete_form_template(&mut self, id: FormTemplateId) -> Result<()> {
        self.c_delete_form_template(id)
    }
    fn save_form(&mut self, f: &Form) -> Result<()> {
        self.c_save_form(f)
    }
    fn delete_form(&mut self, id: FormId) -> Result<()> {
        self.c_delete_form(id)
    }
    fn save_goal(&mut self, g: &Goal) -> Result<()> {
        self.c_save_goal(g)
    }
    fn delete_goal(&mut self, id: GoalId) -> Result<()> {
        self.c_delete_goal(id)
    }
    fn save_milestone(&mut self, m: &Milestone) -> Result<()> {
        self.c_save_milestone(m)
    }
    fn delete_milestone(&mut self, id: MilestoneId) -> Result<()> {
        self.c_delete_milestone(id)
    }
    fn save_assignment(&mut self, a: &Assignment) -> Result<()> {
        self.c_save_assignment(a)
    }
    fn delete_assignment(&mut self, id: AssignmentId) -> Result<()> {
        self.c_delete_assignment(id)
    }
    fn save_assignment_file(&mut self, f: &AssignmentFile) -> Result<()> {
        self.c_save_assignment_file(f)
    }
    fn delete_assignment_file(&mut self, id: AssignmentFileId) -> Result<()> {
        self.c_delete_assignment_file(id)
    }
    fn save_resource(&mut self, r: &Resource, bytes: Option<&[u8]>) -> Result<()> {
        self.c_save_resource(r, bytes)
    }
    fn delete_resource(&mut self, id: ResourceId) -> Result<()> {
        self.c_delete_resource(id)
    }
    fn save_share(
        &mut self,
        e: EngagementId,
        r: ResourceId,
        by: Actor,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.c_save_share(e, r, by, at)
    }
    fn delete_share(&mut self, e: EngagementId, r: ResourceId) -> Result<()> {
        self.c_delete_share(e, r)
    }
    fn save_comment(&mut self, c: &Comment) -> Result<()> {
        self.c_save_comment(c)
    }
    fn delete_comment(&mut self, id: CommentId) -> Result<()> {
        self.c_delete_comment(id)
    }
    fn save_program_item(&mut self, i: &ProgramItem) -> Result<()> {
        self.c_save_program_item(i)
    }
    fn delete_program_item(&mut self, id: ProgramItemId) -> Result<()> {
        self.c_delete_program_item(id)
    }

    fn save_practice(&mut self, p: &Practice) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO practices (id, name, time_zone, plan_name, plan_max_active, plan_max_coaches,
                     plan_can_reassign, owner_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
                     plan_name = excluded.plan_name, plan_max_active = excluded.plan_max_active,
                     plan_max_coaches = excluded.plan_max_coaches, plan_can_reassign = excluded.plan_can_reassign,
                     owner_id = excluded.owner_id, updated_at = excluded.updated_at",
            )?
            .execute(params![
                p.id,
                p.name,
                p.time_zone.name(),
                p.plan.name,
                p.plan.max_active_engagements,
                p.plan.max_coaches,
                p.plan.can_reassign,
                p.owner_id,
                ts(&p.created_at),
                ts(&p.updated_at)
            ])?;
        Ok(())
    }
    fn save_coach(&mut self, c: &Coach) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO coaches (id, practice_id, name, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email",
            )?
            .execute(params![c.id, c.practice_id, c.name, c.email, ts(&c.created_at)])?;
        Ok(())
    }
    fn save_client(&mut self, c: &Client) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO clients (id, practice_id, name, email, has_portal, created_at, updated_at,
                     archived, erased)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email,
                     has_portal = excluded.has_portal, updated_at = excluded.updated_at,
                     archived = excluded.archived, erased = excluded.erased",
            )?
            .execute(params![
                c.id, c.practice_id, c.name, c.email, c.has_portal, ts(&c.created_at), ts(&c.updated_at),
                c.archived, c.erased
            ])?;
        Ok(())
    }
    fn save_program(&mut self, p: &Program) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO programs (id, practice_id, name, unit, planned, session_minutes, no_show_counts,
                     late_cancel_minutes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, unit = excluded.unit,
                     planned = excluded.planned, session_minutes = excluded.session_minutes,
                     no_show_counts = excluded.no_show_counts, late_cancel_minutes = excluded.late_cancel_minutes,
                     updated_at = excluded.updated_at",
            )?
            .execute(params![
                p.id,
                p.practice_id,
                p.name,
                p.planned.unit.as_str(),
                p.planned.amount,
                p.session_minutes,
                p.no_show_counts,
                p.late_cancel_window_minutes,
                ts(&p.created_at),
                ts(&p.updated_at)
            ])?;
        Ok(())
    }
    fn save_engagement(&mut self, e: &Engagement) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO engagements (id, practice_id, coach_id, client_id, program_id, program_name, unit,
                     planned, session_minutes, no_show_counts, late_cancel_minutes, start_date, end_date, status,
                     completion_reason, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
                 ON CONFLICT(id) DO UPDATE SET coach_id = excluded.coach_id, client_id = excluded.client_id,
                     program_id = excluded.program_id, program_name = excluded.program_name, unit = excluded.unit,
                     planned = excluded.planned, session_minutes = excluded.session_minutes,
                     no_show_counts = excluded.no_show_counts, late_cancel_minutes = excluded.late_cancel_minutes,
                     start_date = excluded.start_date, end_date = excluded.end_date, status = excluded.status,
                     completion_reason = excluded.completion_reason, updated_at = excluded.updated_at",
            )?
            .execute(params![
                e.id,
                e.practice_id,
                e.coach_id,
                e.client_id,
                e.program_id,
                e.program_name,
                e.planned.unit.as_str(),
                e.planned.amount,
                e.session_minutes,
                e.no_show_counts,
                e.late_cancel_window_minutes,
                date(&e.start_date),
                date(&e.end_date),
                e.status.as_str(),
                e.completion_reason,
                ts(&e.created_at),
                ts(&e.updated_at)
            ])?;
        Ok(())
    }
    fn delete_engagement(&mut self, id: EngagementId) -> Result<()> {
        // The engagement's log entries stay: the log is append-only (schema v6).
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO deleted_engagements (engagement_id, practice_id, client_id)
                 SELECT id, practice_id, client_id FROM engagements WHERE id = ?1 AND client_id IS NOT NULL",
            )?
            .execute([id])?;
        self.conn
            .prepare_cached("DELETE FROM engagements WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }
    fn save_availability(&mut self, a: &Availability) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO coach_availability (coach_id, practice_id, time_zone, weekly, overrides, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(coach_id) DO UPDATE SET time_zone = excluded.time_zone,
                     weekly = excluded.weekly, overrides = excluded.overrides,
                     updated_at = excluded.updated_at",
            )?
            .execute(params![
                a.coach_id,
                a.practice_id,
                a.time_zone.name(),
                a.weekly_text(),
                a.overrides_text(),
                ts(&a.updated_at)
            ])?;
        Ok(())
    }
    fn save_booking_rules(
        &mut self,
        practice: PracticeId,
        owner: RulesOwner,
        rules: Option<&BookingRules>,
    ) -> Result<()> {
        let (col, id): (&str, &dyn rusqlite::ToSql) = match &owner {
            RulesOwner::Program(p) => ("program_id", p),
            RulesOwner::Engagement(e) => ("engagement_id", e),
        };
        self.conn
            .prepare_cached(&format!("DELETE FROM booking_rules WHERE {col} = ?1"))?
            .execute([id])?;
        if let Some(r) = rules {
            self.conn
                .prepare_cached(&format!(
                    "INSERT INTO booking_rules (practice_id, {col}, min_notice_minutes,
                         max_horizon_days, buffer_before_minutes, buffer_after_minutes,
                         slot_step_minutes)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                ))?
                .execute(params![
                    practice,
                    id,
                    r.min_notice_minutes,
                    r.max_horizon_days,
                    r.buffer_before_minutes,
                    r.buffer_after_minutes,
                    r.slot_step_minutes
                ])?;
        }
        Ok(())
    }
    fn save_session(&mut self, s: &Session) -> Result<()> {
        let (cb_kind, cb_id) = match &s.cancelled_by {
            Some(a) => {
                let (k, id) = actor_parts(a);
                (Some(k), id)
            }
            None => (None, None),
        };
        let (by_kind, by_id) = actor_parts(&s.created_by);
        self.conn
            .prepare_cached(
                "INSERT INTO sessions (id, practice_id, engagement_id, coach_id, client_id, start_at, end_at,
                     time_zone, location_kind, location_value, status, cancelled_by_kind, cancelled_by_id,
                     cancelled_at, cancel_reason, created_by_kind, created_by_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
                 ON CONFLICT(id) DO UPDATE SET coach_id = excluded.coach_id, start_at = excluded.start_at,
                     end_at = excluded.end_at, time_zone = excluded.time_zone,
                     location_kind = excluded.location_kind, location_value = excluded.location_value,
                     status = excluded.status, cancelled_by_kind = excluded.cancelled_by_kind,
                     cancelled_by_id = excluded.cancelled_by_id, cancelled_at = excluded.cancelled_at,
                     cancel_reason = excluded.cancel_reason, updated_at = excluded.updated_at",
            )?
            .execute(params![
                s.id,
                s.practice_id,
                s.engagement_id,
                s.coach_id,
                s.client_id,
                ts(&s.start),
                ts(&s.end),
                s.time_zone.name(),
                s.location.kind_name(),
                s.location.value(),
                s.status.as_str(),
                cb_kind,
                cb_id,
                s.cancelled_at.as_ref().map(ts),
                s.cancel_reason,
                by_kind,
                by_id,
                ts(&s.created_at),
                ts(&s.updated_at)
            ])?;
        Ok(())
    }
    fn erase_log_details(
        &mut self,
        practice: PracticeId,
        client: ClientId,
        engagements: &[EngagementId],
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE activity_log SET detail = NULL WHERE practice_id = ?1 AND detail IS NOT NULL
                 AND ((actor_kind = 'client' AND actor_id = ?2) OR target_id = ?2)",
            )?
            .execute(params![practice, client])?;
        let mut stmt = self.conn.prepare_cached(
            "UPDATE activity_log SET detail = NULL WHERE practice_id = ?2 AND detail IS NOT NULL
             AND (engagement_id = ?1 OR target_id = ?1)",
        )?;
        for e in engagements {
            stmt.execute(params![e, practice])?;
        }
        Ok(())
    }
    fn sync_op(&mut self, practice: PracticeId, op_id: uuid::Uuid) -> Result<Option<(Actor, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT actor_kind, actor_id, outcome FROM sync_ops WHERE practice_id = ?1 AND op_id = ?2",
            )?
            .query_row(params![practice, op_id.as_bytes().as_slice()], |r| {
                Ok((actor_at(r, 0)?, r.get::<_, String>(2)?))
            })
            .optional()?
            .and_then(|(a, o)| a.map(|a| (a, o))))
    }
    fn save_sync_op(
        &mut self,
        practice: PracticeId,
        op_id: uuid::Uuid,
        actor: Actor,
        outcome: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let (k, id) = actor_parts(&actor);
        self.conn
            .prepare_cached(
                "INSERT INTO sync_ops (practice_id, op_id, actor_kind, actor_id, outcome, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![practice, op_id.as_bytes().as_slice(), k, id, outcome, ts(&at)])?;
        Ok(())
    }
    fn delete_sync_ops_of(&mut self, practice: PracticeId, actor: Actor) -> Result<()> {
        let (k, id) = actor_parts(&actor);
        self.conn
            .prepare_cached(
                "DELETE FROM sync_ops WHERE practice_id = ?1 AND actor_kind = ?2 AND actor_id IS ?3",
            )?
            .execute(params![practice, k, id])?;
        Ok(())
    }
    fn append_log(&mut self, l: &LogEntry) -> Result<()> {
        let (actor_kind, actor_id) = actor_parts(&l.actor);
        self.conn
            .prepare_cached(
                "INSERT INTO activity_log (id, practice_id, engagement_id, at, actor_kind, actor_id, action,
                     target_kind, target_id, detail, audience)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                l.id,
                l.practice_id,
                l.engagement_id,
                ts(&l.at),
                actor_kind,
                actor_id,
                l.action.as_str(),
                l.target.kind.as_str(),
                l.target.id.as_bytes().as_slice(),
                l.detail,
                l.audience.as_str()
            ])?;
        Ok(())
    }
}
