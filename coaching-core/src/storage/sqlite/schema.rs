//! The SQLite schema and its migrations, versioned by `PRAGMA user_version`.
//!
//! `MIGRATIONS[i]` takes a database from version `i` to `i + 1`. All pending steps run in one
//! IMMEDIATE transaction. A file whose version is newer than `MIGRATIONS.len()` is refused
//! before anything is written to it.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Version 1: practices, people, programs, engagements, the activity log.
const V1: &str = r#"
CREATE TABLE practices (
    id                  BLOB PRIMARY KEY,
    name                TEXT NOT NULL,
    time_zone           TEXT NOT NULL,
    plan_name           TEXT NOT NULL,
    plan_max_active     INTEGER,
    plan_max_coaches    INTEGER,
    plan_can_reassign   INTEGER NOT NULL,
    owner_id            BLOB NOT NULL REFERENCES coaches(id) DEFERRABLE INITIALLY DEFERRED,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
) STRICT;

CREATE TABLE coaches (
    id          BLOB PRIMARY KEY,
    practice_id BLOB NOT NULL REFERENCES practices(id) DEFERRABLE INITIALLY DEFERRED,
    name        TEXT NOT NULL,
    email       TEXT,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX coaches_practice ON coaches(practice_id);

CREATE TABLE clients (
    id          BLOB PRIMARY KEY,
    practice_id BLOB NOT NULL REFERENCES practices(id),
    name        TEXT NOT NULL,
    email       TEXT,
    has_portal  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX clients_practice ON clients(practice_id);

CREATE TABLE programs (
    id                  BLOB PRIMARY KEY,
    practice_id         BLOB NOT NULL REFERENCES practices(id),
    name                TEXT NOT NULL,
    unit                TEXT NOT NULL CHECK (unit IN ('sessions', 'hours')),
    planned             INTEGER NOT NULL,
    session_minutes     INTEGER NOT NULL,
    no_show_counts      INTEGER NOT NULL,
    late_cancel_minutes INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
) STRICT;
CREATE INDEX programs_practice ON programs(practice_id);

CREATE TABLE engagements (
    id                  BLOB PRIMARY KEY,
    practice_id         BLOB NOT NULL REFERENCES practices(id),
    coach_id            BLOB REFERENCES coaches(id),
    client_id           BLOB REFERENCES clients(id),
    program_id          BLOB REFERENCES programs(id) ON DELETE SET NULL,
    program_name        TEXT,
    unit                TEXT NOT NULL CHECK (unit IN ('sessions', 'hours')),
    planned             INTEGER NOT NULL,
    session_minutes     INTEGER NOT NULL,
    no_show_counts      INTEGER NOT NULL,
    late_cancel_minutes INTEGER,
    start_date          TEXT,
    end_date            TEXT,
    status              TEXT NOT NULL CHECK (status IN ('draft', 'active', 'inactive', 'completed')),
    completion_reason   TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
) STRICT;
CREATE INDEX engagements_practice_status ON engagements(practice_id, status);
CREATE INDEX engagements_coach ON engagements(coach_id);
CREATE INDEX engagements_client ON engagements(client_id);
CREATE INDEX engagements_program ON engagements(program_id);

CREATE TABLE activity_log (
    seq           INTEGER PRIMARY KEY,
    id            BLOB NOT NULL UNIQUE,
    practice_id   BLOB NOT NULL REFERENCES practices(id),
    engagement_id BLOB REFERENCES engagements(id),
    at            INTEGER NOT NULL,
    actor_kind    TEXT NOT NULL CHECK (actor_kind IN ('coach', 'client', 'system')),
    actor_id      BLOB,
    action        TEXT NOT NULL,
    target_kind   TEXT NOT NULL,
    target_id     BLOB NOT NULL,
    detail        TEXT
) STRICT;
CREATE INDEX activity_log_engagement ON activity_log(engagement_id, seq);
CREATE INDEX activity_log_practice ON activity_log(practice_id, seq);

-- The log is append-only: nothing but deleting its engagement may remove an entry.
CREATE TRIGGER activity_log_no_update BEFORE UPDATE ON activity_log
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;
"#;

/// Version 2: sessions.
const V2: &str = r#"
CREATE TABLE sessions (
    id                BLOB PRIMARY KEY,
    practice_id       BLOB NOT NULL REFERENCES practices(id),
    engagement_id     BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    coach_id          BLOB NOT NULL REFERENCES coaches(id),
    client_id         BLOB NOT NULL REFERENCES clients(id),
    start_at          INTEGER NOT NULL,
    end_at            INTEGER NOT NULL,
    time_zone         TEXT NOT NULL,
    location_kind     TEXT NOT NULL CHECK (location_kind IN ('phone', 'in_person', 'zoom', 'skype', 'other')),
    location_value    TEXT NOT NULL,
    status            TEXT NOT NULL
                      CHECK (status IN ('scheduled', 'completed', 'cancelled', 'late_cancelled', 'no_show')),
    cancelled_by_kind TEXT CHECK (cancelled_by_kind IN ('coach', 'client', 'system')),
    cancelled_by_id   BLOB,
    cancelled_at      INTEGER,
    cancel_reason     TEXT,
    created_by_kind   TEXT NOT NULL CHECK (created_by_kind IN ('coach', 'client', 'system')),
    created_by_id     BLOB,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK (end_at > start_at)
) STRICT;
CREATE INDEX sessions_engagement_start ON sessions(engagement_id, start_at);
CREATE INDEX sessions_coach_start ON sessions(coach_id, start_at);
CREATE INDEX sessions_client_start ON sessions(client_id, start_at);
CREATE INDEX sessions_practice_start ON sessions(practice_id, start_at);
"#;

/// Version 3: engagement contents — notes (with a full-text index), goals, milestones,
/// assignments and their files, resources (library, client libraries, engagement uploads)
/// with their bytes, shares into engagements, comments, program items.
const V3: &str = r#"
CREATE TABLE notes (
    seq             INTEGER PRIMARY KEY,
    id              BLOB NOT NULL UNIQUE,
    practice_id     BLOB NOT NULL REFERENCES practices(id),
    engagement_id   BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    position        INTEGER NOT NULL,
    shared          INTEGER NOT NULL,
    created_by_kind TEXT NOT NULL,
    created_by_id   BLOB,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX notes_engagement_position ON notes(engagement_id, position);
CREATE INDEX notes_practice_updated ON notes(practice_id, updated_at);

-- External-content full-text index over title and body text; `seq` keeps rowids stable.
CREATE VIRTUAL TABLE notes_fts USING fts5(
    title, body_text, content = 'notes', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, title, body_text) VALUES (new.seq, new.title, new.body_text);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, title, body_text) VALUES ('delete', old.seq, old.title, old.body_text);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF title, body_text ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, title, body_text) VALUES ('delete', old.seq, old.title, old.body_text);
    INSERT INTO notes_fts(rowid, title, body_text) VALUES (new.seq, new.title, new.body_text);
END;

CREATE TABLE goals (
    id              BLOB PRIMARY KEY,
    practice_id     BLOB NOT NULL REFERENCES practices(id),
    engagement_id   BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    description     TEXT,
    due_date        TEXT,
    status          TEXT NOT NULL CHECK (status IN ('active', 'completed')),
    created_by_kind TEXT NOT NULL,
    created_by_id   BLOB,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX goals_engagement ON goals(engagement_id);
CREATE INDEX goals_practice ON goals(practice_id);

CREATE TABLE milestones (
    id            BLOB PRIMARY KEY,
    goal_id       BLOB NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    engagement_id BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    due_date      TEXT,
    done          INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX milestones_goal ON milestones(goal_id, position);
CREATE INDEX milestones_engagement ON milestones(engagement_id);

CREATE TABLE assignments (
    id              BLOB PRIMARY KEY,
    practice_id     BLOB NOT NULL REFERENCES practices(id),
    engagement_id   BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    description     TEXT,
    due_date        TEXT,
    status          TEXT NOT NULL CHECK (status IN ('open', 'completed')),
    created_by_kind TEXT NOT NULL,
    created_by_id   BLOB,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX assignments_engagement ON assignments(engagement_id);
CREATE INDEX assignments_practice ON assignments(practice_id);

CREATE TABLE resources (
    id                BLOB PRIMARY KEY,
    practice_id       BLOB NOT NULL REFERENCES practices(id),
    place             TEXT NOT NULL CHECK (place IN ('library', 'client_library', 'engagement')),
    client_id         BLOB REFERENCES clients(id),
    engagement_id     BLOB REFERENCES engagements(id) ON DELETE CASCADE,
    parent_id         BLOB REFERENCES resources(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('folder', 'file', 'link')),
    name              TEXT NOT NULL,
    media_type        TEXT,
    size              INTEGER,
    sha256            TEXT,
    url               TEXT,
    added_by_kind     TEXT NOT NULL,
    added_by_id       BLOB,
    shared_with_coach INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK ((place = 'client_library') = (client_id IS NOT NULL)),
    CHECK ((place = 'engagement') = (engagement_id IS NOT NULL))
) STRICT;
CREATE INDEX resources_practice_place ON resources(practice_id, place, parent_id);
CREATE INDEX resources_parent ON resources(parent_id);
CREATE INDEX resources_client ON resources(client_id);
CREATE INDEX resources_engagement ON resources(engagement_id);

CREATE TABLE resource_blobs (
    resource_id BLOB PRIMARY KEY REFERENCES resources(id) ON DELETE CASCADE,
    bytes       BLOB NOT NULL
) STRICT;

CREATE TABLE engagement_shares (
    engagement_id  BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    resource_id    BLOB NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    shared_by_kind TEXT NOT NULL,
    shared_by_id   BLOB,
    shared_at      INTEGER NOT NULL,
    PRIMARY KEY (engagement_id, resource_id)
) STRICT;
CREATE INDEX engagement_shares_resource ON engagement_shares(resource_id);

CREATE TABLE assignment_files (
    id            BLOB PRIMARY KEY,
    assignment_id BLOB NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
    resource_id   BLOB NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    message       TEXT,
    added_by_kind TEXT NOT NULL,
    added_by_id   BLOB,
    added_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX assignment_files_assignment ON assignment_files(assignment_id);
CREATE INDEX assignment_files_resource ON assignment_files(resource_id);

CREATE TABLE comments (
    id            BLOB PRIMARY KEY,
    practice_id   BLOB NOT NULL REFERENCES practices(id),
    engagement_id BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    note_id       BLOB REFERENCES notes(id) ON DELETE CASCADE,
    goal_id       BLOB REFERENCES goals(id) ON DELETE CASCADE,
    assignment_id BLOB REFERENCES assignments(id) ON DELETE CASCADE,
    body_html     TEXT NOT NULL,
    author_kind   TEXT NOT NULL,
    author_id     BLOB,
    created_at    INTEGER NOT NULL,
    CHECK ((note_id IS NOT NULL) + (goal_id IS NOT NULL) + (assignment_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX comments_engagement ON comments(engagement_id);
CREATE INDEX comments_practice ON comments(practice_id);
CREATE INDEX comments_note ON comments(note_id);
CREATE INDEX comments_goal ON comments(goal_id);
CREATE INDEX comments_assignment ON comments(assignment_id);

CREATE TABLE program_items (
    id             BLOB PRIMARY KEY,
    practice_id    BLOB NOT NULL REFERENCES practices(id),
    program_id     BLOB NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('goal', 'assignment', 'resource')),
    name           TEXT,
    description    TEXT,
    due_after_days INTEGER,
    resource_id    BLOB REFERENCES resources(id) ON DELETE CASCADE
) STRICT;
CREATE INDEX program_items_program ON program_items(program_id, position);
CREATE INDEX program_items_resource ON program_items(resource_id);
CREATE INDEX program_items_practice ON program_items(practice_id);
"#;

/// Version 4: covering indexes for the dashboards (measured by the benchmarks): the overview
/// tallies sessions from the index alone; the Client To-Dos sort open items from the index
/// alone.
const V4: &str = r#"
DROP INDEX sessions_engagement_start;
CREATE INDEX sessions_engagement_status ON sessions(engagement_id, status, start_at, end_at);
DROP INDEX goals_engagement;
CREATE INDEX goals_engagement_open ON goals(engagement_id, status, due_date, name, id);
DROP INDEX milestones_engagement;
CREATE INDEX milestones_engagement_open ON milestones(engagement_id, done, due_date, name, id, goal_id);
DROP INDEX assignments_engagement;
CREATE INDEX assignments_engagement_open ON assignments(engagement_id, status, due_date, name, id);
"#;

/// The statement of the session tally triggers: adds one session's counts to its engagement
/// (`tally_update!(+ new)`) or takes them away (`tally_update!(- old)`). Written once for the
/// triggers of version 5 and their `WHEN` versions of version 8.
macro_rules! tally_update {
    ($op:tt $row:ident) => {
        concat!(
            "    UPDATE engagements SET\n        tally_completed = tally_completed ",
            stringify!($op),
            " (",
            stringify!($row),
            ".status = 'completed'),\n",
            "        tally_completed_minutes = tally_completed_minutes ",
            stringify!($op),
            " (",
            stringify!($row),
            ".status = 'completed') * ((",
            stringify!($row),
            ".end_at - ",
            stringify!($row),
            ".start_at) / 60000000),\n",
            "        tally_no_show = tally_no_show ",
            stringify!($op),
            " (",
            stringify!($row),
            ".status = 'no_show'),\n",
            "        tally_no_show_minutes = tally_no_show_minutes ",
            stringify!($op),
            " (",
            stringify!($row),
            ".status = 'no_show') * ((",
            stringify!($row),
            ".end_at - ",
            stringify!($row),
            ".start_at) / 60000000),\n",
            "        tally_late_cancelled = tally_late_cancelled ",
            stringify!($op),
            " (",
            stringify!($row),
            ".status = 'late_cancelled'),\n",
            "        tally_late_cancelled_minutes = tally_late_cancelled_minutes ",
            stringify!($op),
            " (",
            stringify!($row),
            ".status = 'late_cancelled') * ((",
            stringify!($row),
            ".end_at - ",
            stringify!($row),
            ".start_at) / 60000000)\n",
            "    WHERE id = ",
            stringify!($row),
            ".engagement_id;"
        )
    };
}

/// Version 5: each engagement's session tally kept on its row by triggers (in the same
/// transaction as every session change), so the overview reads it instead of counting
/// sessions; engagement lists read in id order from their indexes, without a sort.
const V5: &str = concat!(
    r#"
ALTER TABLE engagements ADD COLUMN tally_completed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagements ADD COLUMN tally_completed_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagements ADD COLUMN tally_no_show INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagements ADD COLUMN tally_no_show_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagements ADD COLUMN tally_late_cancelled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagements ADD COLUMN tally_late_cancelled_minutes INTEGER NOT NULL DEFAULT 0;
UPDATE engagements SET
    tally_completed = (SELECT count(*) FROM sessions s WHERE s.engagement_id = engagements.id AND s.status = 'completed'),
    tally_completed_minutes = (SELECT coalesce(sum((s.end_at - s.start_at) / 60000000), 0) FROM sessions s WHERE s.engagement_id = engagements.id AND s.status = 'completed'),
    tally_no_show = (SELECT count(*) FROM sessions s WHERE s.engagement_id = engagements.id AND s.status = 'no_show'),
    tally_no_show_minutes = (SELECT coalesce(sum((s.end_at - s.start_at) / 60000000), 0) FROM sessions s WHERE s.engagement_id = engagements.id AND s.status = 'no_show'),
    tally_late_cancelled = (SELECT count(*) FROM sessions s WHERE s.engagement_id = engagements.id AND s.status = 'late_cancelled'),
    tally_late_cancelled_minutes = (SELECT coalesce(sum((s.end_at - s.start_at) / 60000000), 0) FROM sessions s WHERE s.engagement_id = engagements.id AND s.status = 'late_cancelled');

CREATE TRIGGER sessions_tally_insert AFTER INSERT ON sessions BEGIN
"#,
    tally_update!(+ new),
    r#"
END;
CREATE TRIGGER sessions_tally_delete AFTER DELETE ON sessions BEGIN
"#,
    tally_update!(-old),
    r#"
END;
CREATE TRIGGER sessions_tally_update AFTER UPDATE OF status, start_at, end_at, engagement_id ON sessions BEGIN
"#,
    tally_update!(-old),
    r#"
"#,
    tally_update!(+ new),
    r#"
END;

DROP INDEX engagements_coach;
CREATE INDEX engagements_coach_id ON engagements(coach_id, id);
DROP INDEX engagements_client;
CREATE INDEX engagements_client_id ON engagements(client_id, id);
CREATE INDEX engagements_practice_id ON engagements(practice_id, id);
"#
);

/// Version 6: the activity log is append-only in the database itself — an `UPDATE` or a
/// `DELETE` of an entry is refused by a trigger, whoever runs it. Deleting an engagement keeps
/// its entries (the practice's history), so the log no longer references `engagements`
/// (the table is rebuilt without that foreign key). The file is marked as the library's with
/// `PRAGMA application_id` (set by every migration, see [`APPLICATION_ID`]).
const V6: &str = r#"
CREATE TABLE activity_log_v6 (
    seq           INTEGER PRIMARY KEY,
    id            BLOB NOT NULL UNIQUE,
    practice_id   BLOB NOT NULL REFERENCES practices(id),
    engagement_id BLOB,
    at            INTEGER NOT NULL,
    actor_kind    TEXT NOT NULL CHECK (actor_kind IN ('coach', 'client', 'system')),
    actor_id      BLOB,
    action        TEXT NOT NULL,
    target_kind   TEXT NOT NULL,
    target_id     BLOB NOT NULL,
    detail        TEXT
) STRICT;
INSERT INTO activity_log_v6 SELECT seq, id, practice_id, engagement_id, at, actor_kind, actor_id,
    action, target_kind, target_id, detail FROM activity_log;
DROP TABLE activity_log;
ALTER TABLE activity_log_v6 RENAME TO activity_log;
CREATE INDEX activity_log_engagement ON activity_log(engagement_id, seq);
CREATE INDEX activity_log_practice ON activity_log(practice_id, seq);
CREATE TRIGGER activity_log_no_update BEFORE UPDATE ON activity_log
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only: entries cannot be changed'); END;
CREATE TRIGGER activity_log_no_delete BEFORE DELETE ON activity_log
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only: entries cannot be deleted'); END;
"#;

/// Version 7: the Client To-Dos index. Each goal, milestone and assignment carries
/// `todo_coach`: the coach whose to-do list shows it — its engagement's coach while the item is
/// open (a goal Active, a milestone not done under an Active goal, an assignment Open) and the
/// engagement is Active — or NULL. Like the session tally it is derived data: set by the
/// insert of each item, then kept by triggers in the same transaction as every write that
/// changes it (an item's status, a goal's status for its milestones, an engagement's status or
/// coach), so a coach's to-dos are read from
/// three partial covering indexes in due-date order, without looking at engagements or sorting
/// thousands of items. Also a covering index for note search: ranking thousands of matches
/// checks each one's practice, engagement, sharing and edit time there, not in the note's wide
/// row (its HTML and text).
const V7: &str = r#"
CREATE INDEX notes_search ON notes(seq, practice_id, engagement_id, shared, updated_at, id);

ALTER TABLE goals ADD COLUMN todo_coach BLOB;
ALTER TABLE milestones ADD COLUMN todo_coach BLOB;
ALTER TABLE assignments ADD COLUMN todo_coach BLOB;

UPDATE goals SET todo_coach = (SELECT e.coach_id FROM engagements e
    WHERE e.id = goals.engagement_id AND e.status = 'active') WHERE status = 'active';
UPDATE assignments SET todo_coach = (SELECT e.coach_id FROM engagements e
    WHERE e.id = assignments.engagement_id AND e.status = 'active') WHERE status = 'open';
UPDATE milestones SET todo_coach = (SELECT e.coach_id FROM engagements e JOIN goals g ON g.id = milestones.goal_id
    WHERE e.id = milestones.engagement_id AND e.status = 'active' AND g.status = 'active') WHERE done = 0;

CREATE INDEX goals_todo ON goals(todo_coach, due_date IS NULL, due_date, name, id, engagement_id)
    WHERE todo_coach IS NOT NULL;
CREATE INDEX milestones_todo ON milestones(todo_coach, due_date IS NULL, due_date, name, id, engagement_id, goal_id)
    WHERE todo_coach IS NOT NULL;
CREATE INDEX assignments_todo ON assignments(todo_coach, due_date IS NULL, due_date, name, id, engagement_id)
    WHERE todo_coach IS NOT NULL;

CREATE TRIGGER goals_todo_status AFTER UPDATE OF status ON goals BEGIN
    UPDATE goals SET todo_coach = CASE WHEN new.status = 'active' THEN (SELECT e.coach_id FROM engagements e
        WHERE e.id = new.engagement_id AND e.status = 'active') END WHERE id = new.id;
    UPDATE milestones SET todo_coach = CASE WHEN new.status = 'active' AND done = 0 THEN (SELECT e.coach_id
        FROM engagements e WHERE e.id = new.engagement_id AND e.status = 'active') END WHERE goal_id = new.id;
END;
CREATE TRIGGER milestones_todo_done AFTER UPDATE OF done ON milestones BEGIN
    UPDATE milestones SET todo_coach = CASE WHEN new.done = 0 THEN (SELECT e.coach_id FROM engagements e
        JOIN goals g ON g.id = new.goal_id WHERE e.id = new.engagement_id AND e.status = 'active'
        AND g.status = 'active') END WHERE id = new.id;
END;
CREATE TRIGGER assignments_todo_status AFTER UPDATE OF status ON assignments BEGIN
    UPDATE assignments SET todo_coach = CASE WHEN new.status = 'open' THEN (SELECT e.coach_id
        FROM engagements e WHERE e.id = new.engagement_id AND e.status = 'active') END WHERE id = new.id;
END;
CREATE TRIGGER engagements_todo AFTER UPDATE OF status, coach_id ON engagements
WHEN old.status IS NOT new.status OR old.coach_id IS NOT new.coach_id BEGIN
    UPDATE goals SET todo_coach = CASE WHEN new.status = 'active' THEN new.coach_id END
        WHERE engagement_id = new.id AND status = 'active';
    UPDATE assignments SET todo_coach = CASE WHEN new.status = 'active' THEN new.coach_id END
        WHERE engagement_id = new.id AND status = 'open';
    UPDATE milestones SET todo_coach = CASE WHEN new.status = 'active' THEN new.coach_id END
        WHERE engagement_id = new.id AND done = 0
        AND goal_id IN (SELECT g.id FROM goals g WHERE g.engagement_id = new.id AND g.status = 'active');
END;
"#;

/// Version 8: the dashboards read names and upcoming sessions from covering indexes.
/// - `sessions_coach_upcoming`: a coach's Scheduled sessions in start order with every column
///   a session line shows, so an upcoming-sessions page reads a few adjacent index pages
///   instead of one table page per session (scheduled sessions only: the index stays small).
///   It takes the place of `sessions_coach_start`.
/// - `clients_name`, `coaches_name`, `engagements_program_name`: the names joined to every
///   row of the overview, the session lists and the to-dos, read without the row behind them.
/// - The session tally triggers fire only when a counted status is involved.
const V8: &str = concat!(
    r#"
CREATE INDEX sessions_coach_upcoming ON sessions(coach_id, start_at, id, practice_id, engagement_id,
    client_id, end_at, time_zone, location_kind, location_value, status, cancelled_by_kind,
    cancelled_by_id, cancelled_at, cancel_reason, created_by_kind, created_by_id, created_at,
    updated_at) WHERE status = 'scheduled';
-- It replaces (coach_id, start_at): the double-booking check reads it too, and only a coach's
-- calendar export of every status, a rare call, reads the practice's range instead. (One
-- index more on sessions cost each booking ~16 µs; one in place of another, ~3 µs.)
DROP INDEX sessions_coach_start;
CREATE INDEX clients_name ON clients(id, name);
CREATE INDEX coaches_name ON coaches(id, name);
CREATE INDEX engagements_program_name ON engagements(id, program_name);
-- The tally triggers run only when a counted status (completed, no-show, late-cancelled) is
-- involved: booking, rescheduling or cancelling a Scheduled session no longer rewrites the
-- engagement row with unchanged totals.
DROP TRIGGER sessions_tally_insert;
CREATE TRIGGER sessions_tally_insert AFTER INSERT ON sessions
WHEN new.status = 'completed' OR new.status = 'no_show' OR new.status = 'late_cancelled' BEGIN
"#,
    tally_update!(+ new),
    r#"
END;
DROP TRIGGER sessions_tally_delete;
CREATE TRIGGER sessions_tally_delete AFTER DELETE ON sessions
WHEN old.status = 'completed' OR old.status = 'no_show' OR old.status = 'late_cancelled' BEGIN
"#,
    tally_update!(-old),
    r#"
END;
DROP TRIGGER sessions_tally_update;
CREATE TRIGGER sessions_tally_update AFTER UPDATE OF status, start_at, end_at, engagement_id ON sessions
WHEN old.status = 'completed' OR old.status = 'no_show' OR old.status = 'late_cancelled' OR new.status = 'completed' OR new.status = 'no_show' OR new.status = 'late_cancelled' BEGIN
"#,
    tally_update!(-old),
    r#"
"#,
    tally_update!(+ new),
    r#"
END;
"#
);

/// Version 9: the change feed. Each log entry carries its audience (who may read it in the
/// feed: `owner`, `coaches`, `coach`, `client` or `own`, see `Audience`), set by the library
/// when it writes the entry. Entries written before are given the audience of their action,
/// conservatively: a note's entries other than sharing and every comment's stay with the
/// coaches (the note may have been private then), and a client's own uploads with the client.
/// A partial index finds a client's own entries.
const V9: &str = r#"
ALTER TABLE activity_log ADD COLUMN audience TEXT NOT NULL DEFAULT 'coach'
    CHECK (audience IN ('owner', 'coaches', 'coach', 'client', 'own'));
DROP TRIGGER activity_log_no_update;
UPDATE activity_log SET audience = CASE
    WHEN action IN ('practice_created', 'plan_changed', 'engagement_deleted') THEN 'owner'
    WHEN action IN ('coach_added', 'client_added', 'client_updated', 'program_created',
        'program_updated', 'program_item_added', 'program_item_removed') THEN 'coaches'
    WHEN engagement_id IS NULL AND actor_kind = 'client' THEN 'own'
    WHEN engagement_id IS NULL THEN 'coaches'
    WHEN action IN ('note_created', 'note_updated', 'note_moved', 'note_deleted',
        'comment_added', 'comment_deleted') THEN 'coach'
    WHEN action IN ('resource_added', 'resource_deleted') AND actor_kind = 'client' THEN 'own'
    ELSE 'client' END;
CREATE TRIGGER activity_log_no_update BEFORE UPDATE ON activity_log
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only: entries cannot be changed'); END;
CREATE INDEX activity_log_own ON activity_log(actor_id, seq) WHERE audience = 'own';
"#;

/// Version 10: self-booking. A coach's availability is one row (its zone, its weekly hours and
/// its date overrides in the compact text `Availability` writes: read whole by one probe);
/// booking rules belong to a program or to an engagement (removed with it).
const V10: &str = r#"
CREATE TABLE coach_availability (
    coach_id    BLOB PRIMARY KEY REFERENCES coaches(id),
    practice_id BLOB NOT NULL REFERENCES practices(id),
    time_zone   TEXT NOT NULL,
    weekly      TEXT NOT NULL,
    overrides   TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE booking_rules (
    practice_id           BLOB NOT NULL REFERENCES practices(id),
    program_id            BLOB UNIQUE REFERENCES programs(id) ON DELETE CASCADE,
    engagement_id         BLOB UNIQUE REFERENCES engagements(id) ON DELETE CASCADE,
    min_notice_minutes    INTEGER NOT NULL CHECK (min_notice_minutes >= 0),
    max_horizon_days      INTEGER CHECK (max_horizon_days > 0),
    buffer_before_minutes INTEGER NOT NULL CHECK (buffer_before_minutes >= 0),
    buffer_after_minutes  INTEGER NOT NULL CHECK (buffer_after_minutes >= 0),
    slot_step_minutes     INTEGER NOT NULL CHECK (slot_step_minutes > 0),
    CHECK ((program_id IS NULL) <> (engagement_id IS NULL))
) STRICT;
CREATE INDEX coach_availability_practice ON coach_availability(practice_id);
CREATE INDEX booking_rules_practice ON booking_rules(practice_id);
"#;

/// Version 11: a goal's horizon (short-, mid- or long-term; NULL when not set).
const V11: &str = r#"
ALTER TABLE goals ADD COLUMN horizon TEXT CHECK (horizon IN ('short', 'mid', 'long'));
"#;

/// Version 12: the client journal. An entry belongs to its engagement (removed with it) and to
/// the client who wrote it; the coach reads it only while `shared`.
const V12: &str = r#"
CREATE TABLE journal_entries (
    id            BLOB PRIMARY KEY,
    practice_id   BLOB NOT NULL REFERENCES practices(id),
    engagement_id BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    client_id     BLOB NOT NULL REFERENCES clients(id),
    title         TEXT NOT NULL,
    body_html     TEXT NOT NULL,
    body_text     TEXT NOT NULL,
    shared        INTEGER NOT NULL CHECK (shared IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX journal_entries_engagement ON journal_entries(engagement_id, created_at DESC, id DESC);
CREATE INDEX journal_entries_client ON journal_entries(client_id);
CREATE INDEX journal_entries_practice ON journal_entries(practice_id);
"#;

/// Version 13: archive and erasure. A client may be archived (out of the directory) or erased
/// (anonymised for good). The log stays append-only but for one change, made by an erasure:
/// blanking an entry's `detail` (where a person's words may be).
const V13: &str = r#"
ALTER TABLE clients ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
ALTER TABLE clients ADD COLUMN erased INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1));
DROP TRIGGER activity_log_no_update;
CREATE TRIGGER activity_log_no_update BEFORE UPDATE OF seq, id, practice_id, engagement_id, at,
    actor_kind, actor_id, action, target_kind, target_id, audience ON activity_log
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only: entries cannot be changed'); END;
CREATE TRIGGER activity_log_detail_erased_only BEFORE UPDATE OF detail ON activity_log
    WHEN NEW.detail IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only: entries cannot be changed'); END;
-- Whose a deleted engagement was: its history stays in the log, and an erasure of the client
-- blanks it too.
CREATE TABLE deleted_engagements (
    engagement_id BLOB PRIMARY KEY,
    practice_id   BLOB NOT NULL REFERENCES practices(id),
    client_id     BLOB NOT NULL REFERENCES clients(id)
) STRICT, WITHOUT ROWID;
CREATE INDEX deleted_engagements_client ON deleted_engagements(client_id);
CREATE INDEX deleted_engagements_practice ON deleted_engagements(practice_id);
"#;

/// Version 14: custom fields. A definition belongs to the practice (its choices a JSON array);
/// a value (JSON, tagged by kind) to a field and an engagement or a client, removed with the
/// field or the engagement.
const V14: &str = r#"
CREATE TABLE fields (
    id          BLOB PRIMARY KEY,
    practice_id BLOB NOT NULL REFERENCES practices(id),
    entity      TEXT NOT NULL CHECK (entity IN ('engagement', 'client')),
    label       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'yes_no')),
    choices     TEXT NOT NULL,
    required    INTEGER NOT NULL CHECK (required IN (0, 1)),
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX fields_practice ON fields(practice_id, entity, position);
CREATE TABLE field_values (
    target_id   BLOB NOT NULL,
    field_id    BLOB NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    practice_id BLOB NOT NULL REFERENCES practices(id),
    value       TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (target_id, field_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX field_values_field ON field_values(field_id);
CREATE INDEX field_values_practice ON field_values(practice_id);
CREATE TRIGGER engagements_field_values AFTER DELETE ON engagements
BEGIN DELETE FROM field_values WHERE target_id = OLD.id; END;
"#;

/// Version 15: forms and questionnaires. A template of the practice library holds its ordered
/// questions (JSON); a sent form, its copy of them and the client's answers (JSON), and, like
/// goals and assignments since v7, `todo_coach` — the coach whose to-dos show it while it is
/// open in an Active engagement — set as it is inserted and kept by triggers. Program items
/// may send a form: the table is rebuilt for its new kind and `form_template_id`.
const V15: &str = r#"
CREATE TABLE form_templates (
    id          BLOB PRIMARY KEY,
    practice_id BLOB NOT NULL REFERENCES practices(id),
    name        TEXT NOT NULL,
    description TEXT,
    questions   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX form_templates_practice ON form_templates(practice_id, name);
CREATE TABLE forms (
    id            BLOB PRIMARY KEY,
    practice_id   BLOB NOT NULL REFERENCES practices(id),
    engagement_id BLOB NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    template_id   BLOB REFERENCES form_templates(id) ON DELETE SET NULL,
    name          TEXT NOT NULL,
    description   TEXT,
    questions     TEXT NOT NULL,
    answers       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'submitted')),
    due_date      TEXT,
    sent_by_kind  TEXT NOT NULL,
    sent_by_id    BLOB,
    sent_at       INTEGER NOT NULL,
    submitted_at  INTEGER,
    updated_at    INTEGER NOT NULL,
    todo_coach    BLOB
) STRICT, WITHOUT ROWID;
CREATE INDEX forms_engagement ON forms(engagement_id, sent_at, id);
CREATE INDEX forms_template ON forms(template_id);
CREATE INDEX forms_practice ON forms(practice_id);
CREATE INDEX forms_todo ON forms(todo_coach, due_date IS NULL, due_date, name, id, engagement_id)
    WHERE todo_coach IS NOT NULL;
CREATE TRIGGER forms_todo_status AFTER UPDATE OF status ON forms BEGIN
    UPDATE forms SET todo_coach = CASE WHEN new.status = 'open' THEN (SELECT e.coach_id
        FROM engagements e WHERE e.id = new.engagement_id AND e.status = 'active') END WHERE id = new.id;
END;
CREATE TRIGGER engagements_forms_todo AFTER UPDATE OF status, coach_id ON engagements
WHEN old.status IS NOT new.status OR old.coach_id IS NOT new.coach_id BEGIN
    UPDATE forms SET todo_coach = CASE WHEN new.status = 'active' THEN new.coach_id END
        WHERE engagement_id = new.id AND status = 'open';
END;

CREATE TABLE program_items_v15 (
    id               BLOB PRIMARY KEY,
    practice_id      BLOB NOT NULL REFERENCES practices(id),
    program_id       BLOB NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('goal', 'assignment', 'resource', 'form')),
    name             TEXT,
    description      TEXT,
    due_after_days   INTEGER,
    resource_id      BLOB REFERENCES resources(id) ON DELETE CASCADE,
    form_template_id BLOB REFERENCES form_templates(id) ON DELETE CASCADE
) STRICT;
INSERT INTO program_items_v15 (id, practice_id, program_id, position, kind, name, description,
    due_after_days, resource_id)
SELECT id, practice_id, program_id, position, kind, name, description, due_after_days, resource_id
FROM program_items;
DROP TABLE program_items;
ALTER TABLE program_items_v15 RENAME TO program_items;
CREATE INDEX program_items_program ON program_items(program_id, position);
CREATE INDEX program_items_resource ON program_items(resource_id);
CREATE INDEX program_items_practice ON program_items(practice_id);
CREATE INDEX program_items_form_template ON program_items(form_template_id);
"#;

/// Version 16: offline sync's ledger. Each operation a device sent is recorded once, with who
/// sent it and its outcome (JSON), in the transaction that ran it: a request sent again
/// returns the recorded outcomes and runs nothing twice.
const V16: &str = r#"
CREATE TABLE sync_ops (
    practice_id BLOB NOT NULL REFERENCES practices(id),
    op_id       BLOB NOT NULL,
    actor_kind  TEXT NOT NULL,
    actor_id    BLOB,
    outcome     TEXT NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (practice_id, op_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_ops_actor ON sync_ops(practice_id, actor_kind, actor_id);
"#;

/// Every migration step, in order.
pub(crate) const MIGRATIONS: &[&str] =
    &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16];

/// `PRAGMA application_id` of the library's files: "COAC". A SQLite file with another
/// application id (or, before version 6, without the library's tables) is not opened.
pub const APPLICATION_ID: i32 = 0x434F_4143;

/// The schema version this library writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// Reads the file's version and refuses a newer one, writing nothing.
pub(crate) fn check_version(conn: &Connection) -> Result<u32> {
    let found: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    check_newer(found)
}

/// Refuses a version newer than this library's.
pub(crate) fn check_newer(found: u32) -> Result<u32> {
    if found > CURRENT_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: CURRENT_VERSION,
        });
    }
    Ok(found)
}

/// Brings the database up to [`CURRENT_VERSION`] in one transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let started = std::time::Instant::now();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again inside the write lock: another process may have migrated meanwhile.
    let from = check_version(&tx)?;
    if from == CURRENT_VERSION {
        return Ok(());
    }
    migrate_steps(&tx, from, CURRENT_VERSION)?;
    tx.commit()?;
    crate::diagnostics::migrated("sqlite", from, CURRENT_VERSION, started.elapsed());
    Ok(())
}

/// Runs the steps from version `from` to version `to` (exclusive of `from`). Public so that
/// tests can build a database as every earlier version left it.
#[doc(hidden)]
pub fn migrate_steps(conn: &Connection, from: u32, to: u32) -> Result<()> {
    for step in &MIGRATIONS[from as usize..to as usize] {
        conn.execute_batch(step)?;
    }
    conn.pragma_update(None, "user_version", to)?;
    if to >= 6 {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}
