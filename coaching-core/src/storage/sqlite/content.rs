//! The SQL of engagement contents: notes (full-text search), goals, milestones,
//! assignments, resources, shares, comments, program items and the Client To-Dos query.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row, ToSql};

use super::codec::{bad_enum, date, date_from, ts, ts_from};
use super::queries::{actor_at, actor_parts};
use super::SqlConn;
use crate::activity::Page;
use crate::actor::Actor;
use crate::content::*;
use crate::error::Result;
use crate::fields::{FieldDefinition, FieldEntity, FieldKind, StoredFieldValue};
use crate::html::{MARK_CLOSE, MARK_OPEN};
use crate::ids::*;
use crate::storage::NoteSearch;

fn status<T>(s: String, parse: fn(&str) -> Option<T>, what: &str) -> rusqlite::Result<T> {
    parse(&s).ok_or_else(|| bad_enum(what, &s))
}

const NOTE_COLS: &str =
    "n.id, n.practice_id, n.engagement_id, n.title, n.body_html, n.body_text, n.position, \
     n.shared, n.created_by_kind, n.created_by_id, n.created_at, n.updated_at";
const NOTE_COL_COUNT: usize = 12;

fn note_row(r: &Row) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        engagement_id: r.get(2)?,
        title: r.get(3)?,
        body_html: r.get(4)?,
        body_text: r.get(5)?,
        position: r.get(6)?,
        shared: r.get(7)?,
        created_by: actor_at(r, 8)?.ok_or_else(|| bad_enum("actor", "NULL"))?,
        created_at: ts_from(r.get(10)?)?,
        updated_at: ts_from(r.get(11)?)?,
    })
}

const JOURNAL_COLS: &str =
    "id, practice_id, engagement_id, client_id, title, body_html, body_text, \
     shared, created_at, updated_at";

fn journal_row(r: &Row) -> rusqlite::Result<JournalEntry> {
    Ok(JournalEntry {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        engagement_id: r.get(2)?,
        client_id: r.get(3)?,
        title: r.get(4)?,
        body_html: r.get(5)?,
        body_text: r.get(6)?,
        shared: r.get(7)?,
        created_at: ts_from(r.get(8)?)?,
        updated_at: ts_from(r.get(9)?)?,
    })
}

const FIELD_COLS: &str = "id, practice_id, entity, label, kind, choices, required, position, \
     created_at, updated_at";

fn json_col<T: serde::de::DeserializeOwned>(s: String, what: &str) -> rusqlite::Result<T> {
    serde_json::from_str(&s).map_err(|_| bad_enum(what, &s))
}

fn field_row(r: &Row) -> rusqlite::Result<FieldDefinition> {
    Ok(FieldDefinition {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        entity: status(r.get(2)?, FieldEntity::parse, "field entity")?,
        label: r.get(3)?,
        kind: status(r.get(4)?, FieldKind::parse, "field kind")?,
        choices: json_col(r.get(5)?, "field choices")?,
        required_for_activation: r.get(6)?,
        position: r.get(7)?,
        created_at: ts_from(r.get(8)?)?,
        updated_at: ts_from(r.get(9)?)?,
    })
}

fn field_value_row(r: &Row) -> rusqlite::Result<StoredFieldValue> {
    Ok(StoredFieldValue {
        field_id: r.get(0)?,
        target_id: uuid::Uuid::from_slice(&r.get::<_, Vec<u8>>(1)?)
            .map_err(|_| bad_enum("target id", "not 16 bytes"))?,
        value: json_col(r.get(2)?, "field value")?,
        updated_at: ts_from(r.get(3)?)?,
    })
}

const FORM_TEMPLATE_COLS: &str =
    "id, practice_id, name, description, questions, created_at, updated_at";

fn form_template_row(r: &Row) -> rusqlite::Result<FormTemplate> {
    Ok(FormTemplate {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        questions: json_col(r.get(4)?, "form questions")?,
        created_at: ts_from(r.get(5)?)?,
        updated_at: ts_from(r.get(6)?)?,
    })
}

const FORM_COLS: &str = "id, practice_id, engagement_id, template_id, name, description, questions, \
     answers, status, due_date, sent_by_kind, sent_by_id, sent_at, submitted_at, updated_at";

fn form_row(r: &Row) -> rusqlite::Result<Form> {
    Ok(Form {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        engagement_id: r.get(2)?,
        template_id: r.get(3)?,
        name: r.get(4)?,
        description: r.get(5)?,
        questions: json_col(r.get(6)?, "form questions")?,
        answers: json_col(r.get(7)?, "form answers")?,
        status: status(r.get(8)?, FormStatus::parse, "form status")?,
        due_date: date_from(r.get(9)?)?,
        sent_by: actor_at(r, 10)?.ok_or_else(|| bad_enum("actor", "NULL"))?,
        sent_at: ts_from(r.get(12)?)?,
        submitted_at: r.get::<_, Option<i64>>(13)?.map(ts_from).transpose()?,
        updated_at: ts_from(r.get(14)?)?,
    })
}

const GOAL_COLS: &str =
    "id, practice_id, engagement_id, name, description, due_date, status, created_by_kind, \
     created_by_id, created_at, updated_at, horizon";

fn goal_row(r: &Row) -> rusqlite::Result<Goal> {
    Ok(Goal {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        engagement_id: r.get(2)?,
        name: r.get(3)?,
        description: r.get(4)?,
        due_date: date_from(r.get(5)?)?,
        status: status(r.get(6)?, GoalStatus::parse, "goal status")?,
        horizon: r
            .get::<_, Option<String>>(11)?
            .map(|h| status(h, GoalHorizon::parse, "goal horizon"))
            .transpose()?,
        created_by: actor_at(r, 7)?.ok_or_else(|| bad_enum("actor", "NULL"))?,
        created_at: ts_from(r.get(9)?)?,
        updated_at: ts_from(r.get(10)?)?,
    })
}

const MILESTONE_COLS: &str =
    "id, goal_id, engagement_id, name, due_date, done, position, created_at, updated_at";

fn milestone_row(r: &Row) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: r.get(0)?,
        goal_id: r.get(1)?,
        engagement_id: r.get(2)?,
        name: r.get(3)?,
        due_date: date_from(r.get(4)?)?,
        done: r.get(5)?,
        position: r.get(6)?,
        created_at: ts_from(r.get(7)?)?,
        updated_at: ts_from(r.get(8)?)?,
    })
}

const ASSIGNMENT_COLS: &str =
    "id, practice_id, engagement_id, name, description, due_date, status, \
     created_by_kind, created_by_id, created_at, updated_at";

fn assignment_row(r: &Row) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        engagement_id: r.get(2)?,
        name: r.get(3)?,
        description: r.get(4)?,
        due_date: date_from(r.get(5)?)?,
        status: status(r.get(6)?, AssignmentStatus::parse, "assignment status")?,
        created_by: actor_at(r, 7)?.ok_or_else(|| bad_enum("actor", "NULL"))?,
        created_at: ts_from(r.get(9)?)?,
        updated_at: ts_from(r.get(10)?)?,
    })
}

const FILE_COLS: &str =
    "f.id, f.assignment_id, f.resource_id, f.message, f.added_by_kind, f.added_by_id, f.added_at";

fn file_row(r: &Row) -> rusqlite::Result<AssignmentFile> {
    Ok(AssignmentFile {
        id: r.get(0)?,
        assignment_id: r.get(1)?,
        resource_id: r.get(2)?,
        message: r.get(3)?,
        added_by: actor_at(r, 4)?.ok_or_else(|| bad_enum("actor", "NULL"))?,
        added_at: ts_from(r.get(6)?)?,
    })
}

/// Resource columns, qualified by the alias `r` (17 columns).
const RESOURCE_COLS: &str = "r.id, r.practice_id, r.place, r.client_id, r.engagement_id, r.parent_id, r.kind, r.name, \
     r.media_type, r.size, r.sha256, r.url, r.added_by_kind, r.added_by_id, r.shared_with_coach, r.created_at, \
     r.updated_at";
const RESOURCE_COL_COUNT: usize = 17;

fn resource_row(r: &Row) -> rusqlite::Result<Resource> {
    let place: String = r.get(2)?;
    let place = match place.as_str() {
        "library" => ResourcePlace::Library,
        "client_library" => ResourcePlace::ClientLibrary(r.get(3)?),
        "engagement" => ResourcePlace::Engagement(r.get(4)?),
        other => return Err(bad_enum("resource place", other)),
    };
    Ok(Resource {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        place,
        parent_id: r.get(5)?,
        kind: status(r.get(6)?, ResourceKind::parse, "resource kind")?,
        name: r.get(7)?,
        media_type: r.get(8)?,
        size: r.get::<_, Option<i64>>(9)?.map(|s| s as u64),
        sha256: r.get(10)?,
        url: r.get(11)?,
        added_by: actor_at(r, 12)?.ok_or_else(|| bad_enum("actor", "NULL"))?,
        shared_with_coach: r.get(14)?,
        created_at: ts_from(r.get(15)?)?,
        updated_at: ts_from(r.get(16)?)?,
    })
}

const COMMENT_COLS: &str =
    "id, practice_id, engagement_id, note_id, goal_id, assignment_id, body_html, author_kind, author_id, created_at";

fn comment_row(r: &Row) -> rusqlite::Result<Comment> {
    let target = if let Some(id) = r.get::<_, Option<NoteId>>(3)? {
        CommentTarget::Note(id)
    } else if let Some(id) = r.get::<_, Option<GoalId>>(4)? {
        CommentTarget::Goal(id)
    } else {
        CommentTarget::Assignment(r.get(5)?)
    };
    Ok(Comment {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        engagement_id: r.get(2)?,
        target,
        body_html: r.get(6)?,
        author: actor_at(r, 7)?.ok_or_else(|| bad_enum("actor", "NULL"))?,
        created_at: ts_from(r.get(9)?)?,
    })
}

const ITEM_COLS: &str = "id, practice_id, program_id, position, kind, name, description, \
     due_after_days, resource_id, form_template_id";

fn item_row(r: &Row) -> rusqlite::Result<ProgramItem> {
    let kind: String = r.get(4)?;
    let item = match kind.as_str() {
        "goal" => ProgramItemKind::Goal {
            name: r.get(5)?,
            description: r.get(6)?,
            due_after_days: r.get(7)?,
        },
        "assignment" => ProgramItemKind::Assignment {
            name: r.get(5)?,
            description: r.get(6)?,
            due_after_days: r.get(7)?,
        },
        "resource" => ProgramItemKind::Resource {
            resource_id: r.get(8)?,
        },
        "form" => ProgramItemKind::Form {
            template_id: r.get(9)?,
            due_after_days: r.get(7)?,
        },
        other => return Err(bad_enum("program item kind", other)),
    };
    Ok(ProgramItem {
        id: r.get(0)?,
        practice_id: r.get(1)?,
        program_id: r.get(2)?,
        position: r.get(3)?,
        item,
    })
}

/// An FTS5 query that matches every term as a word or a word prefix; each term is quoted so
/// no user input is read as query syntax.
pub(crate) fn fts_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a keyword search may rank the matches of the whole store: a search of the whole
/// practice with no other condition (no sharing, status or date filter), in a file that holds
/// that one practice. Every match is then the practice's, and the ranking phase needs no note
/// row at all (see [`search_sql`]).
fn whole_store(q: &NoteSearch, practices: i64) -> bool {
    let narrowed = q.engagement.is_some() || q.client.is_some() || q.coach.is_some();
    let filtered =
        q.shared_only || q.exclude_draft || q.edited_from.is_some() || q.edited_to.is_some();
    !q.terms.is_empty() && !narrowed && !filtered && practices == 1
}

/// Keyword search over a store that holds one practice. bm25 is computed once per match into
/// a temporary table; only the matches scoring at least the page's last score (ties included)
/// are joined to their notes for the tie-break on (updated_at, id): the same page, in the same
/// order, as [`search_sql`] gives, without reading a note row per match.
const SEARCH_WHOLE_STORE_SQL: &str = "WITH s AS MATERIALIZED (
         SELECT rowid AS seq, -bm25(notes_fts, 10.0, 1.0) AS score FROM notes_fts WHERE notes_fts MATCH :query),
     cut AS (SELECT score FROM s ORDER BY score DESC LIMIT 1 OFFSET :limit + :offset - 1),
     top AS (SELECT s.seq AS seq, s.score AS score, n.updated_at AS updated_at, n.id AS id
         FROM s JOIN notes n INDEXED BY notes_search ON n.seq = s.seq
         WHERE s.score >= coalesce((SELECT score FROM cut), -1e308)
         ORDER BY s.score DESC, n.updated_at DESC, n.id DESC LIMIT :limit OFFSET :offset)
     SELECT NOTE_COLS, snippet(notes_fts, -1, char(1), char(2), '…', 16), top.score
     FROM top CROSS JOIN notes_fts ON notes_fts.rowid = top.seq JOIN notes n ON n.seq = top.seq
     WHERE notes_fts MATCH :query
     ORDER BY top.score DESC, top.updated_at DESC, top.id DESC";

/// The note search statement for this search's shape.
pub(crate) fn search_sql(q: &NoteSearch) -> String {
    let mut cond = Vec::new();
    let narrowed = q.engagement.is_some() || q.client.is_some() || q.coach.is_some();
    if !narrowed {
        cond.push("n.practice_id = :practice");
    }
    if q.engagement.is_some() {
        cond.push("n.engagement_id = :engagement");
    }
    if q.client.is_some() {
        cond.push("e.client_id = :client");
    }
    if q.coach.is_some() {
        cond.push("e.coach_id = :coach");
    }
    if q.shared_only {
        cond.push("n.shared = 1");
    }
    if q.exclude_draft {
        cond.push("e.status <> 'draft'");
    }
    if q.edited_from.is_some() {
        cond.push("n.updated_at >= :from");
    }
    if q.edited_to.is_some() {
        cond.push("n.updated_at < :to");
    }
    if q.terms.is_empty() {
        format!(
            "SELECT {NOTE_COLS}, NULL, 0.0 FROM notes n JOIN engagements e ON e.id = n.engagement_id
             WHERE {} ORDER BY n.updated_at DESC, n.id DESC LIMIT :limit OFFSET :offset",
            cond.join(" AND ")
        )
    } else {
        cond.insert(0, "notes_fts MATCH :query");
        // Two phases in one statement: rank every match on small keys only, then read the
        // note columns and build snippets for the page alone.
        // Each match is checked in the covering index `notes_search` (the planner would read
        // the note's wide row by rowid); the engagement is joined only when a condition reads it.
        let join_e = if q.client.is_some() || q.coach.is_some() || q.exclude_draft {
            "JOIN engagements e ON e.id = n.engagement_id"
        } else {
            ""
        };
        format!(
            "WITH top AS (
                 SELECT n.seq AS seq, -bm25(notes_fts, 10.0, 1.0) AS score, n.updated_at AS updated_at, n.id AS id
                 FROM notes_fts JOIN notes n INDEXED BY notes_search ON n.seq = notes_fts.rowid {join_e}
                 WHERE {}
                 ORDER BY score DESC, updated_at DESC, id DESC LIMIT :limit OFFSET :offset)
             SELECT {NOTE_COLS}, snippet(notes_fts, -1, char(1), char(2), '…', 16), top.score
             FROM top CROSS JOIN notes_fts ON notes_fts.rowid = top.seq JOIN notes n ON n.seq = top.seq
             WHERE notes_fts MATCH :query
             ORDER BY top.score DESC, top.updated_at DESC, top.id DESC",
            cond.join(" AND ")
        )
    }
}

/// The Client To-Dos statement. Two phases in one statement: merge the coach's to-dos from
/// the four `*_todo` indexes (schema v7, v15) in due-date order, then join names for the page alone.
pub(crate) const TODOS_SQL: &str =
    "SELECT t.kind, t.id, t.engagement_id, e.client_id, cl.name, t.name, gg.name, t.due FROM (
                 SELECT 'goal' AS kind, id, engagement_id, name, NULL AS goal_id, due_date AS due,
                        due_date IS NULL AS undated
                 FROM goals WHERE todo_coach = :coach
                 UNION ALL
                 SELECT 'milestone', id, engagement_id, name, goal_id, due_date, due_date IS NULL
                 FROM milestones WHERE todo_coach = :coach
                 UNION ALL
                 SELECT 'assignment', id, engagement_id, name, NULL, due_date, due_date IS NULL
                 FROM assignments WHERE todo_coach = :coach
                 UNION ALL
                 SELECT 'form', id, engagement_id, name, NULL, due_date, due_date IS NULL
                 FROM forms WHERE todo_coach = :coach
                 ORDER BY undated, due, name, id
                 LIMIT :limit OFFSET :offset
             ) t
             JOIN engagements e ON e.id = t.engagement_id
             JOIN clients cl ON cl.id = e.client_id
             LEFT JOIN goals gg ON gg.id = t.goal_id
             ORDER BY t.undated, t.due, t.name, t.id";

/// What falls due: the practice's open items (their `todo_coach` is set: open, in an Active
/// engagement) due by `:until`, narrowed by coach and client, with the coach's and client's
/// names and whether the client has a portal.
const DUE_ITEMS_SQL: &str =
    "SELECT t.kind, t.id, t.engagement_id, e.client_id, cl.name, t.name, gg.name, t.due, t.coach, co.name,
            cl.has_portal FROM (
         SELECT 'goal' AS kind, id, engagement_id, name, NULL AS goal_id, due_date AS due, todo_coach AS coach
         FROM goals WHERE practice_id = :practice AND todo_coach IS NOT NULL AND due_date <= :until
         UNION ALL
         SELECT 'milestone', m.id, m.engagement_id, m.name, m.goal_id, m.due_date, m.todo_coach
         FROM milestones m JOIN goals g ON g.id = m.goal_id
         WHERE g.practice_id = :practice AND m.todo_coach IS NOT NULL AND m.due_date <= :until
         UNION ALL
         SELECT 'assignment', id, engagement_id, name, NULL, due_date, todo_coach
         FROM assignments WHERE practice_id = :practice AND todo_coach IS NOT NULL AND due_date <= :until
         UNION ALL
         SELECT 'form', id, engagement_id, name, NULL, due_date, todo_coach
         FROM forms WHERE practice_id = :practice AND todo_coach IS NOT NULL AND due_date <= :until
     ) t
     JOIN engagements e ON e.id = t.engagement_id
     JOIN clients cl ON cl.id = e.client_id
     JOIN coaches co ON co.id = t.coach
     LEFT JOIN goals gg ON gg.id = t.goal_id
     WHERE (:coach IS NULL OR t.coach = :coach) AND (:client IS NULL OR e.client_id = :client)
     ORDER BY t.due, t.name, t.id";

impl SqlConn<'_> {
    fn get<T>(
        &self,
        sql: &str,
        id: &dyn ToSql,
        f: fn(&Row) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([id], f)
            .optional()?)
    }

    fn list<T>(
        &self,
        sql: &str,
        id: &dyn ToSql,
        f: fn(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], f)?;
        Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
    }

    fn exec(&self, sql: &str, params: &[&dyn ToSql]) -> Result<()> {
        self.conn.prepare_cached(sql)?.execute(params)?;
        Ok(())
    }

    pub(super) fn c_note(&self, id: NoteId) -> Result<Option<Note>> {
        self.get(
            &format!("SELECT {NOTE_COLS} FROM notes n WHERE n.id = ?1"),
            &id,
            note_row,
        )
    }
    pub(super) fn c_notes(&self, engagement: EngagementId) -> Result<Vec<Note>> {
        self.list(
            &format!("SELECT {NOTE_COLS} FROM notes n WHERE n.engagement_id = ?1 ORDER BY n.position, n.id"),
            &engagement,
            note_row,
        )
    }
    pub(super) fn c_field(&self, id: FieldId) -> Result<Option<FieldDefinition>> {
        self.get(&format!("SELECT {FIELD_COLS} FROM fields WHERE id = ?1"), &id, field_row)
    }
    pub(super) fn c_fields(
        &self,
        practice: PracticeId,
        entity: FieldEntity,
    ) -> Result<Vec<FieldDefinition>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FIELD_COLS} FROM fields WHERE practice_id = ?1 AND entity = ?2 ORDER BY position, id"
        ))?;
        let rows = stmt.query_map(params![practice, entity.as_str()], field_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    pub(super) fn c_field_values(
        &self,
        practice: PracticeId,
        target: Option<uuid::Uuid>,
    ) -> Result<Vec<StoredFieldValue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.field_id, v.target_id, v.value, v.updated_at FROM field_values v
             JOIN fields f ON f.id = v.field_id
             WHERE v.practice_id = ?1 AND (?2 IS NULL OR v.target_id = ?2)
             ORDER BY f.entity, f.position, v.field_id, v.target_id",
        )?;
        let rows = stmt.query_map(
            params![practice, target.as_ref().map(|t| t.as_bytes().as_slice())],
            field_value_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    pub(super) fn c_save_field(&mut self, f: &FieldDefinition) -> Result<()> {
        self.exec(
            "INSERT INTO fields (id, practice_id, entity, label, kind, choices, required, position,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(id) DO UPDATE SET label = excluded.label, choices = excluded.choices,
                 required = excluded.required, position = excluded.position, updated_at = excluded.updated_at",
            params![
                f.id, f.practice_id, f.entity.as_str(), f.label, f.kind.as_str(),
                serde_json::to_string(&f.choices).unwrap_or_default(), f.required_for_activation,
                f.position, ts(&f.created_at), ts(&f.updated_at)
            ],
        )
    }
    pub(super) fn c_delete_field(&mut self, id: FieldId) -> Result<()> {
        self.exec("DELETE FROM fields WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_field_value(&mut self, practice: PracticeId, v: &StoredFieldValue) -> Result<()> {
        self.exec(
            "INSERT INTO field_values (target_id, field_id, practice_id, value, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(target_id, field_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![
                v.target_id.as_bytes().as_slice(), v.field_id, practice, serde_json::to_string(&v.value).unwrap_or_default(),
                ts(&v.updated_at)
            ],
        )
    }
    pub(super) fn c_delete_field_value(&mut self, field: FieldId, target: uuid::Uuid) -> Result<()> {
        self.exec("DELETE FROM field_values WHERE target_id = ?1 AND field_id = ?2", params![target.as_bytes().as_slice(), field])
    }
    pub(super) fn c_delete_field_values_of(&mut self, practice: PracticeId, target: uuid::Uuid) -> Result<()> {
        self.exec("DELETE FROM field_values WHERE practice_id = ?1 AND target_id = ?2", params![practice, target.as_bytes().as_slice()])
    }
    pub(super) fn c_form_template(&self, id: FormTemplateId) -> Result<Option<FormTemplate>> {
        self.get(
            &format!("SELECT {FORM_TEMPLATE_COLS} FROM form_templates WHERE id = ?1"),
            &id,
            form_template_row,
        )
    }
    pub(super) fn c_form_templates(&self, practice: PracticeId) -> Result<Vec<FormTemplate>> {
        self.list(
            &format!("SELECT {FORM_TEMPLATE_COLS} FROM form_templates WHERE practice_id = ?1 ORDER BY name, id"),
            &practice,
            form_template_row,
        )
    }
    pub(super) fn c_form(&self, id: FormId) -> Result<Option<Form>> {
        self.get(&format!("SELECT {FORM_COLS} FROM forms WHERE id = ?1"), &id, form_row)
    }
    pub(super) fn c_forms(&self, engagement: EngagementId) -> Result<Vec<Form>> {
        self.list(
            &format!("SELECT {FORM_COLS} FROM forms WHERE engagement_id = ?1 ORDER BY sent_at, id"),
            &engagement,
            form_row,
        )
    }
    pub(super) fn c_save_form_template(&mut self, t: &FormTemplate) -> Result<()> {
        self.exec(
            "INSERT INTO form_templates (id, practice_id, name, description, questions, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
                 questions = excluded.questions, updated_at = excluded.updated_at",
            params![
                t.id, t.practice_id, t.name, t.description, serde_json::to_string(&t.questions).unwrap_or_default(),
                ts(&t.created_at), ts(&t.updated_at)
            ],
        )
    }
    pub(super) fn c_delete_form_template(&mut self, id: FormTemplateId) -> Result<()> {
        // The program items sending it go with it (ON DELETE CASCADE); sent forms keep their copy
        // (ON DELETE SET NULL).
        self.exec("DELETE FROM form_templates WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_form(&mut self, f: &Form) -> Result<()> {
        let (k, id) = actor_parts(&f.sent_by);
        self.exec(
            // A new form's place on its coach's to-dos is set as it is inserted; later changes
            // are kept by triggers (schema v15).
            "INSERT INTO forms (id, practice_id, engagement_id, template_id, name, description, questions, answers,
                 status, due_date, sent_by_kind, sent_by_id, sent_at, submitted_at, updated_at, todo_coach)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, CASE WHEN ?9 = 'open' THEN
                 (SELECT coach_id FROM engagements WHERE id = ?3 AND status = 'active') END)
             ON CONFLICT(id) DO UPDATE SET template_id = excluded.template_id, answers = excluded.answers,
                 status = excluded.status, due_date = excluded.due_date, submitted_at = excluded.submitted_at,
                 updated_at = excluded.updated_at",
            params![
                f.id, f.practice_id, f.engagement_id, f.template_id, f.name, f.description,
                serde_json::to_string(&f.questions).unwrap_or_default(),
                serde_json::to_string(&f.answers).unwrap_or_default(), f.status.as_str(), date(&f.due_date), k, id,
                ts(&f.sent_at), f.submitted_at.as_ref().map(ts), ts(&f.updated_at)
            ],
        )
    }
    pub(super) fn c_delete_form(&mut self, id: FormId) -> Result<()> {
        self.exec("DELETE FROM forms WHERE id = ?1", &[&id])
    }
    pub(super) fn c_journal_entry(&self, id: JournalEntryId) -> Result<Option<JournalEntry>> {
        self.get(
            &format!("SELECT {JOURNAL_COLS} FROM journal_entries WHERE id = ?1"),
            &id,
            journal_row,
        )
    }
    pub(super) fn c_journal(
        &self,
        engagement: EngagementId,
        author: Option<ClientId>,
        shared_only: bool,
    ) -> Result<Vec<JournalEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {JOURNAL_COLS} FROM journal_entries WHERE engagement_id = ?1
             AND (?2 IS NULL OR client_id = ?2) AND (?3 = 0 OR shared = 1)
             ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map(params![engagement, author, shared_only], journal_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    pub(super) fn c_search_notes(&self, q: &NoteSearch) -> Result<Vec<NoteHit>> {
        let query = fts_query(&q.terms);
        let from = q.edited_from.as_ref().map(ts);
        let to = q.edited_to.as_ref().map(ts);
        let narrowed = q.engagement.is_some() || q.client.is_some() || q.coach.is_some();
        let practices: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM practices")?
            .query_row([], |r| r.get(0))?;
        if whole_store(q, practices) {
            let sql = SEARCH_WHOLE_STORE_SQL.replace("NOTE_COLS", NOTE_COLS);
            let p: Vec<(&str, &dyn ToSql)> = vec![
                (":limit", &q.page.limit),
                (":offset", &q.page.offset),
                (":query", &query),
            ];
            return self.search_rows(&sql, &p);
        }
        let mut p: Vec<(&str, &dyn ToSql)> =
            vec![(":limit", &q.page.limit), (":offset", &q.page.offset)];
        if !narrowed {
            p.push((":practice", &q.practice));
        }
        if let Some(e) = &q.engagement {
            p.push((":engagement", e));
        }
        if let Some(c) = &q.client {
            p.push((":client", c));
        }
        if let Some(c) = &q.coach {
            p.push((":coach", c));
        }
        if let Some(f) = &from {
            p.push((":from", f));
        }
        if let Some(t) = &to {
            p.push((":to", t));
        }
        if !q.terms.is_empty() {
            p.push((":query", &query));
        }
        self.search_rows(&search_sql(q), &p)
    }

    fn search_rows(&self, sql: &str, p: &[(&str, &dyn ToSql)]) -> Result<Vec<NoteHit>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(p, |r| {
            let snippet: Option<String> = r.get(NOTE_COL_COUNT)?;
            Ok(NoteHit {
                note: note_row(r)?,
                snippet_html: snippet.map(|s| {
                    crate::html::snippet_html(
                        &s.replace('\u{1}', &MARK_OPEN.to_string())
                            .replace('\u{2}', &MARK_CLOSE.to_string()),
                    )
                }),
                rank: r.get(NOTE_COL_COUNT + 1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    pub(super) fn c_goal(&self, id: GoalId) -> Result<Option<Goal>> {
        self.get(
            &format!("SELECT {GOAL_COLS} FROM goals WHERE id = ?1"),
            &id,
            goal_row,
        )
    }
    pub(super) fn c_goals(&self, e: EngagementId) -> Result<Vec<Goal>> {
        self.list(
            &format!("SELECT {GOAL_COLS} FROM goals WHERE engagement_id = ?1 ORDER BY id"),
            &e,
            goal_row,
        )
    }
    pub(super) fn c_milestone(&self, id: MilestoneId) -> Result<Option<Milestone>> {
        self.get(
            &format!("SELECT {MILESTONE_COLS} FROM milestones WHERE id = ?1"),
            &id,
            milestone_row,
        )
    }
    pub(super) fn c_milestones(&self, e: EngagementId) -> Result<Vec<Milestone>> {
        self.list(
            &format!("SELECT {MILESTONE_COLS} FROM milestones WHERE engagement_id = ?1 ORDER BY goal_id, position, id"),
            &e,
            milestone_row,
        )
    }
    pub(super) fn c_assignment(&self, id: AssignmentId) -> Result<Option<Assignment>> {
        self.get(
            &format!("SELECT {ASSIGNMENT_COLS} FROM assignments WHERE id = ?1"),
            &id,
            assignment_row,
        )
    }
    pub(super) fn c_assignments(&self, e: EngagementId) -> Result<Vec<Assignment>> {
        self.list(
            &format!(
                "SELECT {ASSIGNMENT_COLS} FROM assignments WHERE engagement_id = ?1 ORDER BY id"
            ),
            &e,
            assignment_row,
        )
    }
    pub(super) fn c_assignment_file(&self, id: AssignmentFileId) -> Result<Option<AssignmentFile>> {
        self.get(
            &format!("SELECT {FILE_COLS} FROM assignment_files f WHERE f.id = ?1"),
            &id,
            file_row,
        )
    }
    pub(super) fn c_assignment_files(&self, e: EngagementId) -> Result<Vec<AssignmentFile>> {
        self.list(
            &format!(
                "SELECT {FILE_COLS} FROM assignment_files f JOIN assignments a ON a.id = f.assignment_id
                 WHERE a.engagement_id = ?1 ORDER BY f.id"
            ),
            &e,
            file_row,
        )
    }
    pub(super) fn c_resource(&self, id: ResourceId) -> Result<Option<Resource>> {
        self.get(
            &format!("SELECT {RESOURCE_COLS} FROM resources r WHERE r.id = ?1"),
            &id,
            resource_row,
        )
    }
    pub(super) fn c_resource_children(
        &self,
        practice: PracticeId,
        place: ResourcePlace,
        parent: Option<ResourceId>,
    ) -> Result<Vec<Resource>> {
        let (place_name, client, engagement) = place.columns();
        let sql = format!(
            "SELECT {RESOURCE_COLS} FROM resources r
             WHERE r.practice_id = ?1 AND r.place = ?2 AND r.client_id IS ?3 AND r.engagement_id IS ?4
               AND r.parent_id IS ?5
             ORDER BY r.kind <> 'folder', r.name, r.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![practice, place_name, client, engagement, parent],
            resource_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    pub(super) fn c_resource_bytes(&self, id: ResourceId) -> Result<Option<Vec<u8>>> {
        self.get(
            "SELECT bytes FROM resource_blobs WHERE resource_id = ?1",
            &id,
            |r| r.get(0),
        )
    }
    pub(super) fn c_engagement_resources(
        &self,
        e: EngagementId,
    ) -> Result<Vec<EngagementResource>> {
        let n = RESOURCE_COL_COUNT;
        let sql = format!(
            "SELECT {RESOURCE_COLS}, 1, s.shared_by_kind, s.shared_by_id, s.shared_at
             FROM engagement_shares s JOIN resources r ON r.id = s.resource_id
             WHERE s.engagement_id = ?1
             UNION ALL
             SELECT {RESOURCE_COLS}, 0, r.added_by_kind, r.added_by_id, r.created_at
             FROM resources r
             WHERE r.engagement_id = ?1 AND r.parent_id IS NULL
             ORDER BY {from_library} DESC, {shared_at}, 1",
            // Result columns are numbered from 1: library shares first, then by time, then id.
            from_library = n + 1,
            shared_at = n + 4,
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([e], |r| {
            Ok(EngagementResource {
                resource: resource_row(r)?,
                from_library: r.get(n)?,
                shared_by: actor_at(r, n + 1)?.ok_or_else(|| bad_enum("actor", "NULL"))?,
                shared_at: ts_from(r.get(n + 3)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
    pub(super) fn c_is_shared_into(&self, e: EngagementId, r: ResourceId) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM engagement_shares WHERE engagement_id = ?1 AND resource_id = ?2)")?
            .query_row(params![e, r], |row| row.get(0))?)
    }
    pub(super) fn c_comment(&self, id: CommentId) -> Result<Option<Comment>> {
        self.get(
            &format!("SELECT {COMMENT_COLS} FROM comments WHERE id = ?1"),
            &id,
            comment_row,
        )
    }
    pub(super) fn c_comments(&self, target: CommentTarget) -> Result<Vec<Comment>> {
        let (col, id): (&str, &dyn ToSql) = match &target {
            CommentTarget::Note(id) => ("note_id", id),
            CommentTarget::Goal(id) => ("goal_id", id),
            CommentTarget::Assignment(id) => ("assignment_id", id),
        };
        self.list(
            &format!(
                "SELECT {COMMENT_COLS} FROM comments WHERE {col} = ?1 ORDER BY created_at, id"
            ),
            id,
            comment_row,
        )
    }
    pub(super) fn c_program_items(&self, program: ProgramId) -> Result<Vec<ProgramItem>> {
        self.list(
            &format!(
                "SELECT {ITEM_COLS} FROM program_items WHERE program_id = ?1 ORDER BY position, id"
            ),
            &program,
            item_row,
        )
    }
    pub(super) fn c_todos(
        &self,
        coach: CoachId,
        today: NaiveDate,
        page: Page,
    ) -> Result<Vec<TodoItem>> {
        let mut stmt = self.conn.prepare_cached(TODOS_SQL)?;
        let rows = stmt.query_map(
            rusqlite::named_params! { ":coach": coach, ":limit": page.limit, ":offset": page.offset },
            |r| {
                let kind: String = r.get(0)?;
                let due = date_from(r.get(7)?)?;
                Ok(TodoItem {
                    kind: status(kind, TodoKind::parse, "to-do kind")?,
                    id: r.get_ref(1).and_then(|v| super::codec::uuid_from_sql(v).map_err(Into::into))?,
                    engagement_id: r.get(2)?,
                    client_id: r.get(3)?,
                    client_name: r.get(4)?,
                    name: r.get(5)?,
                    goal_name: r.get(6)?,
                    due_date: due,
                    overdue: due.is_some_and(|d| d < today),
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(super) fn c_due_items(
        &self,
        practice: PracticeId,
        coach: Option<CoachId>,
        client: Option<ClientId>,
        until: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<DueItem>> {
        let mut stmt = self.conn.prepare_cached(DUE_ITEMS_SQL)?;
        let until = date(&Some(until));
        let rows = stmt.query_map(
            rusqlite::named_params! {
                ":practice": practice, ":until": until, ":coach": coach, ":client": client
            },
            |r| {
                let kind: String = r.get(0)?;
                let due = date_from(r.get(7)?)?;
                Ok(DueItem {
                    item: TodoItem {
                        kind: status(kind, TodoKind::parse, "to-do kind")?,
                        id: r
                            .get_ref(1)
                            .and_then(|v| super::codec::uuid_from_sql(v).map_err(Into::into))?,
                        engagement_id: r.get(2)?,
                        client_id: r.get(3)?,
                        client_name: r.get(4)?,
                        name: r.get(5)?,
                        goal_name: r.get(6)?,
                        due_date: due,
                        overdue: due.is_some_and(|d| d < today),
                    },
                    coach_id: r.get(8)?,
                    coach_name: r.get(9)?,
                    client_has_portal: r.get(10)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    // ---- writes

    pub(super) fn c_save_note(&mut self, n: &Note) -> Result<()> {
        let (k, id) = actor_parts(&n.created_by);
        self.exec(
            "INSERT INTO notes (id, practice_id, engagement_id, title, body_html, body_text, position, shared,
                 created_by_kind, created_by_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT(id) DO UPDATE SET title = excluded.title, body_html = excluded.body_html,
                 body_text = excluded.body_text, position = excluded.position, shared = excluded.shared,
                 updated_at = excluded.updated_at",
            params![
                n.id, n.practice_id, n.engagement_id, n.title, n.body_html, n.body_text, n.position, n.shared, k, id,
                ts(&n.created_at), ts(&n.updated_at)
            ],
        )
    }
    pub(super) fn c_delete_note(&mut self, id: NoteId) -> Result<()> {
        self.exec("DELETE FROM notes WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_journal_entry(&mut self, j: &JournalEntry) -> Result<()> {
        self.exec(
            "INSERT INTO journal_entries (id, practice_id, engagement_id, client_id, title, body_html,
                 body_text, shared, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(id) DO UPDATE SET title = excluded.title, body_html = excluded.body_html,
                 body_text = excluded.body_text, shared = excluded.shared, updated_at = excluded.updated_at",
            params![
                j.id, j.practice_id, j.engagement_id, j.client_id, j.title, j.body_html, j.body_text,
                j.shared, ts(&j.created_at), ts(&j.updated_at)
            ],
        )
    }
    pub(super) fn c_delete_journal_entry(&mut self, id: JournalEntryId) -> Result<()> {
        self.exec("DELETE FROM journal_entries WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_goal(&mut self, g: &Goal) -> Result<()> {
        let (k, id) = actor_parts(&g.created_by);
        self.exec(
            // A new goal's place on its coach's to-dos is set as it is inserted (schema v7);
            // later changes are kept by triggers.
            "INSERT INTO goals (id, practice_id, engagement_id, name, description, due_date, status,
                 created_by_kind, created_by_id, created_at, updated_at, todo_coach, horizon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CASE WHEN ?7 = 'active' THEN
                 (SELECT coach_id FROM engagements WHERE id = ?3 AND status = 'active') END, ?12)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
                 due_date = excluded.due_date, status = excluded.status, updated_at = excluded.updated_at,
                 horizon = excluded.horizon",
            params![
                g.id, g.practice_id, g.engagement_id, g.name, g.description, date(&g.due_date), g.status.as_str(), k,
                id, ts(&g.created_at), ts(&g.updated_at), g.horizon.map(|h| h.as_str())
            ],
        )
    }
    pub(super) fn c_delete_goal(&mut self, id: GoalId) -> Result<()> {
        self.exec("DELETE FROM goals WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_milestone(&mut self, m: &Milestone) -> Result<()> {
        self.exec(
            "INSERT INTO milestones (id, goal_id, engagement_id, name, due_date, done, position, created_at, updated_at,
                 todo_coach)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CASE WHEN ?6 = 0 THEN
                 (SELECT e.coach_id FROM engagements e JOIN goals g ON g.id = ?2
                  WHERE e.id = ?3 AND e.status = 'active' AND g.status = 'active') END)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, due_date = excluded.due_date,
                 done = excluded.done, position = excluded.position, updated_at = excluded.updated_at",
            params![
                m.id, m.goal_id, m.engagement_id, m.name, date(&m.due_date), m.done, m.position, ts(&m.created_at),
                ts(&m.updated_at)
            ],
        )
    }
    pub(super) fn c_delete_milestone(&mut self, id: MilestoneId) -> Result<()> {
        self.exec("DELETE FROM milestones WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_assignment(&mut self, a: &Assignment) -> Result<()> {
        let (k, id) = actor_parts(&a.created_by);
        self.exec(
            "INSERT INTO assignments (id, practice_id, engagement_id, name, description, due_date, status,
                 created_by_kind, created_by_id, created_at, updated_at, todo_coach)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CASE WHEN ?7 = 'open' THEN
                 (SELECT coach_id FROM engagements WHERE id = ?3 AND status = 'active') END)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
                 due_date = excluded.due_date, status = excluded.status, updated_at = excluded.updated_at",
            params![
                a.id, a.practice_id, a.engagement_id, a.name, a.description, date(&a.due_date), a.status.as_str(), k,
                id, ts(&a.created_at), ts(&a.updated_at)
            ],
        )
    }
    pub(super) fn c_delete_assignment(&mut self, id: AssignmentId) -> Result<()> {
        self.exec("DELETE FROM assignments WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_assignment_file(&mut self, f: &AssignmentFile) -> Result<()> {
        let (k, id) = actor_parts(&f.added_by);
        self.exec(
            "INSERT INTO assignment_files (id, assignment_id, resource_id, message, added_by_kind, added_by_id, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(id) DO UPDATE SET message = excluded.message",
            params![f.id, f.assignment_id, f.resource_id, f.message, k, id, ts(&f.added_at)],
        )
    }
    pub(super) fn c_delete_assignment_file(&mut self, id: AssignmentFileId) -> Result<()> {
        self.exec("DELETE FROM assignment_files WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_resource(&mut self, r: &Resource, bytes: Option<&[u8]>) -> Result<()> {
        let (k, id) = actor_parts(&r.added_by);
        let (place, client, engagement) = r.place.columns();
        self.exec(
            "INSERT INTO resources (id, practice_id, place, client_id, engagement_id, parent_id, kind, name, media_type,
                 size, sha256, url, added_by_kind, added_by_id, shared_with_coach, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             ON CONFLICT(id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name,
                 url = excluded.url, shared_with_coach = excluded.shared_with_coach, updated_at = excluded.updated_at",
            params![
                r.id, r.practice_id, place, client, engagement, r.parent_id, r.kind.as_str(), r.name, r.media_type,
                r.size.map(|s| s as i64), r.sha256, r.url, k, id, r.shared_with_coach, ts(&r.created_at),
                ts(&r.updated_at)
            ],
        )?;
        if let Some(b) = bytes {
            self.exec(
                "INSERT INTO resource_blobs (resource_id, bytes) VALUES (?1, ?2)
                 ON CONFLICT(resource_id) DO UPDATE SET bytes = excluded.bytes",
                params![r.id, b],
            )?;
        }
        Ok(())
    }
    pub(super) fn c_delete_resource(&mut self, id: ResourceId) -> Result<()> {
        // Children, blobs, shares, attachments and program items go by ON DELETE CASCADE.
        self.exec("DELETE FROM resources WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_share(
        &mut self,
        e: EngagementId,
        r: ResourceId,
        by: Actor,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let (k, id) = actor_parts(&by);
        self.exec(
            "INSERT INTO engagement_shares (engagement_id, resource_id, shared_by_kind, shared_by_id, shared_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(engagement_id, resource_id) DO NOTHING",
            params![e, r, k, id, ts(&at)],
        )
    }
    pub(super) fn c_delete_share(&mut self, e: EngagementId, r: ResourceId) -> Result<()> {
        self.exec(
            "DELETE FROM engagement_shares WHERE engagement_id = ?1 AND resource_id = ?2",
            params![e, r],
        )
    }
    pub(super) fn c_save_comment(&mut self, c: &Comment) -> Result<()> {
        let (k, id) = actor_parts(&c.author);
        let (note, goal, assignment) = match c.target {
            CommentTarget::Note(n) => (Some(n), None, None),
            CommentTarget::Goal(g) => (None, Some(g), None),
            CommentTarget::Assignment(a) => (None, None, Some(a)),
        };
        self.exec(
            "INSERT INTO comments (id, practice_id, engagement_id, note_id, goal_id, assignment_id, body_html,
                 author_kind, author_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(id) DO UPDATE SET body_html = excluded.body_html",
            params![c.id, c.practice_id, c.engagement_id, note, goal, assignment, c.body_html, k, id, ts(&c.created_at)],
        )
    }
    pub(super) fn c_delete_comment(&mut self, id: CommentId) -> Result<()> {
        self.exec("DELETE FROM comments WHERE id = ?1", &[&id])
    }
    pub(super) fn c_save_program_item(&mut self, i: &ProgramItem) -> Result<()> {
        let (kind, name, description, due, resource, form) = i.item.columns();
        self.exec(
            "INSERT INTO program_items (id, practice_id, program_id, position, kind, name, description, due_after_days,
                 resource_id, form_template_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(id) DO UPDATE SET position = excluded.position, name = excluded.name,
                 description = excluded.description, due_after_days = excluded.due_after_days",
            params![i.id, i.practice_id, i.program_id, i.position, kind, name, description, due, resource, form],
        )
    }
    pub(super) fn c_delete_program_item(&mut self, id: ProgramItemId) -> Result<()> {
        self.exec("DELETE FROM program_items WHERE id = ?1", &[&id])
    }
}
