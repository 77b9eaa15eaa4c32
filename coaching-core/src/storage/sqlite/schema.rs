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

/// Every migration step, in order.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2];

/// The schema version this library writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// Reads the file's version and refuses a newer one, writing nothing.
pub(crate) fn check_version(conn: &Connection) -> Result<u32> {
    let found: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
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
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again inside the write lock: another process may have migrated meanwhile.
    let from = check_version(&tx)?;
    if from == CURRENT_VERSION {
        return Ok(());
    }
    migrate_steps(&tx, from, CURRENT_VERSION)?;
    tx.commit()?;
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
    Ok(())
}
