//! The PostgreSQL schema and its migrations, versioned by the one-row table `coaching_schema`.
//!
//! `MIGRATIONS[i]` takes a database from version `i` to `i + 1`. Every pending step runs in
//! one transaction under an advisory lock, so processes opening one new database at once
//! migrate it once. A database whose version is newer than `MIGRATIONS.len()` is refused
//! before anything is written to it.
//!
//! **Distribution by tenant.** Every table carries the practice (`practice_id`; the practices
//! table's own `id`), every primary key, unique key and foreign key starts with it, and every
//! query filters on it: a practice can be the distribution column of a sharded PostgreSQL
//! (Citus `create_distributed_table(t, 'practice_id')`, co-located) without changing a query.
//!
//! Derived data is kept by triggers in the same transaction as the write that changes it, as
//! on SQLite: each engagement's session tally (what progress is computed from) and the coach
//! on whose Client To-Dos each goal, milestone, assignment and form shows (`todo_coach`).

use postgres::{GenericClient, Transaction};

use crate::error::{Error, Result};

/// Version 1: the whole model of SQLite schema version 8, written for PostgreSQL.
const V1: &str = r#"
CREATE TABLE practices (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL,
    time_zone           text NOT NULL,
    plan_name           text NOT NULL,
    plan_max_active     integer,
    plan_max_coaches    integer,
    plan_can_reassign   boolean NOT NULL,
    owner_id            uuid NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE TABLE coaches (
    practice_id uuid NOT NULL REFERENCES practices(id) DEFERRABLE INITIALLY DEFERRED,
    id          uuid NOT NULL,
    name        text NOT NULL,
    email       text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (practice_id, id)
);
CREATE INDEX coaches_id ON coaches(id);
ALTER TABLE practices ADD FOREIGN KEY (id, owner_id) REFERENCES coaches(practice_id, id)
    DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE clients (
    practice_id uuid NOT NULL REFERENCES practices(id),
    id          uuid NOT NULL,
    name        text NOT NULL,
    email       text,
    has_portal  boolean NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (practice_id, id)
);
CREATE INDEX clients_id ON clients(id);

CREATE TABLE programs (
    practice_id         uuid NOT NULL REFERENCES practices(id),
    id                  uuid NOT NULL,
    name                text NOT NULL,
    unit                text NOT NULL CHECK (unit IN ('sessions', 'hours')),
    planned             integer NOT NULL,
    session_minutes     integer NOT NULL,
    no_show_counts      boolean NOT NULL,
    late_cancel_minutes integer,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (practice_id, id)
);
CREATE INDEX programs_id ON programs(id);

CREATE TABLE engagements (
    practice_id         uuid NOT NULL REFERENCES practices(id),
    id                  uuid NOT NULL,
    coach_id            uuid,
    client_id           uuid,
    program_id          uuid,
    program_name        text,
    unit                text NOT NULL CHECK (unit IN ('sessions', 'hours')),
    planned             integer NOT NULL,
    session_minutes     integer NOT NULL,
    no_show_counts      boolean NOT NULL,
    late_cancel_minutes integer,
    start_date          date,
    end_date            date,
    status              text NOT NULL CHECK (status IN ('draft', 'active', 'inactive', 'completed')),
    completion_reason   text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    tally_completed              integer NOT NULL DEFAULT 0,
    tally_completed_minutes      bigint NOT NULL DEFAULT 0,
    tally_no_show                integer NOT NULL DEFAULT 0,
    tally_no_show_minutes        bigint NOT NULL DEFAULT 0,
    tally_late_cancelled         integer NOT NULL DEFAULT 0,
    tally_late_cancelled_minutes bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, coach_id) REFERENCES coaches(practice_id, id),
    FOREIGN KEY (practice_id, client_id) REFERENCES clients(practice_id, id),
    FOREIGN KEY (practice_id, program_id) REFERENCES programs(practice_id, id)
);
CREATE INDEX engagements_id ON engagements(id);
CREATE INDEX engagements_active ON engagements(practice_id) WHERE status = 'active';
CREATE INDEX engagements_coach ON engagements(practice_id, coach_id, id);
CREATE INDEX engagements_client ON engagements(practice_id, client_id, id);

CREATE TABLE activity_log (
    practice_id   uuid NOT NULL REFERENCES practices(id),
    seq           bigint GENERATED ALWAYS AS IDENTITY,
    id            uuid NOT NULL,
    engagement_id uuid,
    at            timestamptz NOT NULL,
    actor_kind    text NOT NULL CHECK (actor_kind IN ('coach', 'client', 'system')),
    actor_id      uuid,
    action        text NOT NULL,
    target_kind   text NOT NULL,
    target_id     uuid NOT NULL,
    detail        text,
    -- Who may read the entry in the change feed (see `Audience`).
    audience      text NOT NULL CHECK (audience IN ('owner', 'coaches', 'coach', 'client', 'own')),
    PRIMARY KEY (practice_id, id)
);
CREATE INDEX activity_log_practice ON activity_log(practice_id, seq);
CREATE INDEX activity_log_own ON activity_log(practice_id, actor_id, seq) WHERE audience = 'own';
CREATE INDEX activity_log_engagement ON activity_log(practice_id, engagement_id, seq);
CREATE INDEX activity_log_engagement_id ON activity_log(engagement_id);

-- The log is append-only in the database itself, whoever writes to it.
CREATE FUNCTION coaching_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the activity log is append-only: entries cannot be %',
        CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
END $$;
CREATE TRIGGER activity_log_append_only BEFORE UPDATE OR DELETE ON activity_log
    FOR EACH ROW EXECUTE FUNCTION coaching_log_append_only();

CREATE TABLE sessions (
    practice_id       uuid NOT NULL REFERENCES practices(id),
    id                uuid NOT NULL,
    engagement_id     uuid NOT NULL,
    coach_id          uuid NOT NULL,
    client_id         uuid NOT NULL,
    start_at          timestamptz NOT NULL,
    end_at            timestamptz NOT NULL,
    time_zone         text NOT NULL,
    location_kind     text NOT NULL CHECK (location_kind IN ('phone', 'in_person', 'zoom', 'skype', 'other')),
    location_value    text NOT NULL,
    status            text NOT NULL
                      CHECK (status IN ('scheduled', 'completed', 'cancelled', 'late_cancelled', 'no_show')),
    cancelled_by_kind text CHECK (cancelled_by_kind IN ('coach', 'client', 'system')),
    cancelled_by_id   uuid,
    cancelled_at      timestamptz,
    cancel_reason     text,
    created_by_kind   text NOT NULL CHECK (created_by_kind IN ('coach', 'client', 'system')),
    created_by_id     uuid,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CHECK (end_at > start_at),
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, coach_id) REFERENCES coaches(practice_id, id),
    FOREIGN KEY (practice_id, client_id) REFERENCES clients(practice_id, id)
);
CREATE INDEX sessions_id ON sessions(id);
CREATE INDEX sessions_engagement ON sessions(practice_id, engagement_id, start_at);
CREATE INDEX sessions_coach_upcoming ON sessions(practice_id, coach_id, start_at)
    WHERE status = 'scheduled';
CREATE INDEX sessions_coach ON sessions(practice_id, coach_id, start_at);
CREATE INDEX sessions_client ON sessions(practice_id, client_id, start_at);
CREATE INDEX sessions_practice ON sessions(practice_id, start_at);

-- Each engagement's session tally, kept on its row (see the module documentation).
CREATE FUNCTION coaching_session_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    counted CONSTANT text[] := ARRAY['completed', 'no_show', 'late_cancelled'];
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = ANY (counted) THEN
        UPDATE engagements SET
            tally_completed = tally_completed - (OLD.status = 'completed')::int,
            tally_completed_minutes = tally_completed_minutes - CASE WHEN OLD.status = 'completed'
                THEN floor(extract(epoch FROM OLD.end_at - OLD.start_at) / 60)::bigint ELSE 0 END,
            tally_no_show = tally_no_show - (OLD.status = 'no_show')::int,
            tally_no_show_minutes = tally_no_show_minutes - CASE WHEN OLD.status = 'no_show'
                THEN floor(extract(epoch FROM OLD.end_at - OLD.start_at) / 60)::bigint ELSE 0 END,
            tally_late_cancelled = tally_late_cancelled - (OLD.status = 'late_cancelled')::int,
            tally_late_cancelled_minutes = tally_late_cancelled_minutes - CASE WHEN OLD.status = 'late_cancelled'
                THEN floor(extract(epoch FROM OLD.end_at - OLD.start_at) / 60)::bigint ELSE 0 END
        WHERE practice_id = OLD.practice_id AND id = OLD.engagement_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = ANY (counted) THEN
        UPDATE engagements SET
            tally_completed = tally_completed + (NEW.status = 'completed')::int,
            tally_completed_minutes = tally_completed_minutes + CASE WHEN NEW.status = 'completed'
                THEN floor(extract(epoch FROM NEW.end_at - NEW.start_at) / 60)::bigint ELSE 0 END,
            tally_no_show = tally_no_show + (NEW.status = 'no_show')::int,
            tally_no_show_minutes = tally_no_show_minutes + CASE WHEN NEW.status = 'no_show'
                THEN floor(extract(epoch FROM NEW.end_at - NEW.start_at) / 60)::bigint ELSE 0 END,
            tally_late_cancelled = tally_late_cancelled + (NEW.status = 'late_cancelled')::int,
            tally_late_cancelled_minutes = tally_late_cancelled_minutes + CASE WHEN NEW.status = 'late_cancelled'
                THEN floor(extract(epoch FROM NEW.end_at - NEW.start_at) / 60)::bigint ELSE 0 END
        WHERE practice_id = NEW.practice_id AND id = NEW.engagement_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER sessions_tally AFTER INSERT OR DELETE OR UPDATE OF status, start_at, end_at, engagement_id
    ON sessions FOR EACH ROW EXECUTE FUNCTION coaching_session_tally();

CREATE TABLE notes (
    practice_id     uuid NOT NULL REFERENCES practices(id),
    id              uuid NOT NULL,
    engagement_id   uuid NOT NULL,
    title           text NOT NULL,
    body_html       text NOT NULL,
    body_text       text NOT NULL,
    position        integer NOT NULL,
    shared          boolean NOT NULL,
    created_by_kind text NOT NULL,
    created_by_id   uuid,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- Title (weight A) and body (weight B) words, as the library splits them (see `search_words`).
    search          tsvector NOT NULL,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX notes_id ON notes(id);
CREATE INDEX notes_engagement ON notes(practice_id, engagement_id, position);
CREATE INDEX notes_updated ON notes(practice_id, updated_at);
CREATE INDEX notes_search ON notes USING gin (search);

CREATE TABLE goals (
    practice_id     uuid NOT NULL REFERENCES practices(id),
    id              uuid NOT NULL,
    engagement_id   uuid NOT NULL,
    name            text COLLATE "C" NOT NULL,
    description     text,
    due_date        date,
    status          text NOT NULL CHECK (status IN ('active', 'completed')),
    created_by_kind text NOT NULL,
    created_by_id   uuid,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    todo_coach      uuid,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX goals_id ON goals(id);
CREATE INDEX goals_engagement ON goals(practice_id, engagement_id);
-- The to-do indexes cover what the to-do list reads (index-only scans).
CREATE INDEX goals_todo ON goals(practice_id, todo_coach, due_date, name, id) INCLUDE (engagement_id)
    WHERE todo_coach IS NOT NULL;

CREATE TABLE milestones (
    practice_id   uuid NOT NULL REFERENCES practices(id),
    id            uuid NOT NULL,
    goal_id       uuid NOT NULL,
    engagement_id uuid NOT NULL,
    name          text COLLATE "C" NOT NULL,
    due_date      date,
    done          boolean NOT NULL,
    position      integer NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    todo_coach    uuid,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, goal_id) REFERENCES goals(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX milestones_id ON milestones(id);
CREATE INDEX milestones_goal ON milestones(practice_id, goal_id, position);
CREATE INDEX milestones_engagement ON milestones(practice_id, engagement_id);
CREATE INDEX milestones_todo ON milestones(practice_id, todo_coach, due_date, name, id)
    INCLUDE (engagement_id, goal_id) WHERE todo_coach IS NOT NULL;

CREATE TABLE assignments (
    practice_id     uuid NOT NULL REFERENCES practices(id),
    id              uuid NOT NULL,
    engagement_id   uuid NOT NULL,
    name            text COLLATE "C" NOT NULL,
    description     text,
    due_date        date,
    status          text NOT NULL CHECK (status IN ('open', 'completed')),
    created_by_kind text NOT NULL,
    created_by_id   uuid,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    todo_coach      uuid,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX assignments_id ON assignments(id);
CREATE INDEX assignments_engagement ON assignments(practice_id, engagement_id);
CREATE INDEX assignments_todo ON assignments(practice_id, todo_coach, due_date, name, id)
    INCLUDE (engagement_id) WHERE todo_coach IS NOT NULL;

-- The coach whose to-dos show an item: its engagement's coach while the item is open and the
-- engagement Active. A goal and an assignment compute their own as they are written; a
-- milestone takes its goal's (an open goal of an Active engagement) while it is not done.
CREATE FUNCTION coaching_goal_todo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.todo_coach := CASE WHEN NEW.status = 'active' THEN (SELECT e.coach_id FROM engagements e
        WHERE e.practice_id = NEW.practice_id AND e.id = NEW.engagement_id AND e.status = 'active') END;
    RETURN NEW;
END $$;
CREATE TRIGGER goals_todo BEFORE INSERT OR UPDATE OF status ON goals
    FOR EACH ROW EXECUTE FUNCTION coaching_goal_todo();

CREATE FUNCTION coaching_goal_milestones_todo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE milestones SET todo_coach = CASE WHEN NOT done THEN NEW.todo_coach END
    WHERE practice_id = NEW.practice_id AND goal_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER goals_milestones_todo AFTER UPDATE OF status ON goals
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION coaching_goal_milestones_todo();

CREATE FUNCTION coaching_milestone_todo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.todo_coach := CASE WHEN NOT NEW.done THEN (SELECT g.todo_coach FROM goals g
        WHERE g.practice_id = NEW.practice_id AND g.id = NEW.goal_id) END;
    RETURN NEW;
END $$;
CREATE TRIGGER milestones_todo BEFORE INSERT OR UPDATE OF done ON milestones
    FOR EACH ROW EXECUTE FUNCTION coaching_milestone_todo();

CREATE FUNCTION coaching_assignment_todo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.todo_coach := CASE WHEN NEW.status = 'open' THEN (SELECT e.coach_id FROM engagements e
        WHERE e.practice_id = NEW.practice_id AND e.id = NEW.engagement_id AND e.status = 'active') END;
    RETURN NEW;
END $$;
CREATE TRIGGER assignments_todo BEFORE INSERT OR UPDATE OF status ON assignments
    FOR EACH ROW EXECUTE FUNCTION coaching_assignment_todo();

CREATE FUNCTION coaching_engagement_todo() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    coach uuid := CASE WHEN NEW.status = 'active' THEN NEW.coach_id END;
BEGIN
    UPDATE goals SET todo_coach = coach
    WHERE practice_id = NEW.practice_id AND engagement_id = NEW.id AND status = 'active';
    UPDATE assignments SET todo_coach = coach
    WHERE practice_id = NEW.practice_id AND engagement_id = NEW.id AND status = 'open';
    UPDATE milestones m SET todo_coach = coach
    WHERE m.practice_id = NEW.practice_id AND m.engagement_id = NEW.id AND NOT m.done
      AND EXISTS (SELECT 1 FROM goals g WHERE g.practice_id = m.practice_id AND g.id = m.goal_id
                  AND g.status = 'active');
    RETURN NULL;
END $$;
CREATE TRIGGER engagements_todo AFTER UPDATE OF status, coach_id ON engagements
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.coach_id IS DISTINCT FROM NEW.coach_id)
    EXECUTE FUNCTION coaching_engagement_todo();

CREATE TABLE resources (
    practice_id       uuid NOT NULL REFERENCES practices(id),
    id                uuid NOT NULL,
    place             text NOT NULL CHECK (place IN ('library', 'client_library', 'engagement')),
    client_id         uuid,
    engagement_id     uuid,
    parent_id         uuid,
    kind              text NOT NULL CHECK (kind IN ('folder', 'file', 'link')),
    name              text COLLATE "C" NOT NULL,
    media_type        text,
    size              bigint,
    sha256            text,
    url               text,
    added_by_kind     text NOT NULL,
    added_by_id       uuid,
    shared_with_coach boolean NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CHECK ((place = 'client_library') = (client_id IS NOT NULL)),
    CHECK ((place = 'engagement') = (engagement_id IS NOT NULL)),
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, client_id) REFERENCES clients(practice_id, id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, parent_id) REFERENCES resources(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX resources_id ON resources(id);
CREATE INDEX resources_place ON resources(practice_id, place, parent_id);
CREATE INDEX resources_parent ON resources(practice_id, parent_id);
CREATE INDEX resources_client ON resources(practice_id, client_id);
CREATE INDEX resources_engagement ON resources(practice_id, engagement_id);

-- A file's bytes, in `bytea` (read and written whole, within the library's file limit; large
-- objects would add a second reference to delete and bypass the row's permissions).
CREATE TABLE resource_blobs (
    practice_id uuid NOT NULL,
    resource_id uuid NOT NULL,
    bytes       bytea NOT NULL,
    PRIMARY KEY (practice_id, resource_id),
    FOREIGN KEY (practice_id, resource_id) REFERENCES resources(practice_id, id) ON DELETE CASCADE
);

CREATE TABLE engagement_shares (
    practice_id    uuid NOT NULL,
    engagement_id  uuid NOT NULL,
    resource_id    uuid NOT NULL,
    shared_by_kind text NOT NULL,
    shared_by_id   uuid,
    shared_at      timestamptz NOT NULL,
    PRIMARY KEY (practice_id, engagement_id, resource_id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, resource_id) REFERENCES resources(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX engagement_shares_resource ON engagement_shares(practice_id, resource_id);

CREATE TABLE assignment_files (
    practice_id   uuid NOT NULL,
    id            uuid NOT NULL,
    assignment_id uuid NOT NULL,
    resource_id   uuid NOT NULL,
    message       text,
    added_by_kind text NOT NULL,
    added_by_id   uuid,
    added_at      timestamptz NOT NULL,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, assignment_id) REFERENCES assignments(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, resource_id) REFERENCES resources(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX assignment_files_id ON assignment_files(id);
CREATE INDEX assignment_files_assignment ON assignment_files(practice_id, assignment_id);
CREATE INDEX assignment_files_resource ON assignment_files(practice_id, resource_id);

CREATE TABLE comments (
    practice_id   uuid NOT NULL REFERENCES practices(id),
    id            uuid NOT NULL,
    engagement_id uuid NOT NULL,
    note_id       uuid,
    goal_id       uuid,
    assignment_id uuid,
    body_html     text NOT NULL,
    author_kind   text NOT NULL,
    author_id     uuid,
    created_at    timestamptz NOT NULL,
    CHECK (num_nonnulls(note_id, goal_id, assignment_id) = 1),
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, note_id) REFERENCES notes(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, goal_id) REFERENCES goals(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, assignment_id) REFERENCES assignments(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX comments_id ON comments(id);
CREATE INDEX comments_engagement ON comments(practice_id, engagement_id);
CREATE INDEX comments_note ON comments(practice_id, note_id);
CREATE INDEX comments_goal ON comments(practice_id, goal_id);
CREATE INDEX comments_assignment ON comments(practice_id, assignment_id);

CREATE TABLE program_items (
    practice_id    uuid NOT NULL REFERENCES practices(id),
    id             uuid NOT NULL,
    program_id     uuid NOT NULL,
    position       integer NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('goal', 'assignment', 'resource')),
    name           text,
    description    text,
    due_after_days integer,
    resource_id    uuid,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, program_id) REFERENCES programs(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, resource_id) REFERENCES resources(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX program_items_program ON program_items(practice_id, program_id, position);
CREATE INDEX program_items_resource ON program_items(practice_id, resource_id);
"#;

/// Version 6: custom fields. A definition belongs to the practice (its choices a JSON array);
/// a value (JSON, tagged by kind) to a field and an engagement or a client, removed with the
/// field or the engagement.
const V8: &str = r#"
CREATE TABLE sync_ops (
    practice_id uuid NOT NULL REFERENCES practices(id),
    op_id       uuid NOT NULL,
    actor_kind  text NOT NULL,
    actor_id    uuid,
    outcome     text NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (practice_id, op_id)
);
CREATE INDEX sync_ops_actor ON sync_ops(practice_id, actor_kind, actor_id);
"#;
const V7: &str = r#"
CREATE TABLE form_templates (
    practice_id uuid NOT NULL REFERENCES practices(id),
    id          uuid NOT NULL,
    name        text COLLATE "C" NOT NULL,
    description text,
    questions   text NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (practice_id, id)
);
CREATE INDEX form_templates_id ON form_templates(id);
CREATE INDEX form_templates_list ON form_templates(practice_id, name, id);
CREATE TABLE forms (
    practice_id   uuid NOT NULL REFERENCES practices(id),
    id            uuid NOT NULL,
    engagement_id uuid NOT NULL,
    template_id   uuid,
    name          text COLLATE "C" NOT NULL,
    description   text,
    questions     text NOT NULL,
    answers       text NOT NULL,
    status        text NOT NULL CHECK (status IN ('open', 'submitted')),
    due_date      date,
    sent_by_kind  text NOT NULL,
    sent_by_id    uuid,
    sent_at       timestamptz NOT NULL,
    submitted_at  timestamptz,
    updated_at    timestamptz NOT NULL,
    todo_coach    uuid,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, template_id) REFERENCES form_templates(practice_id, id)
        ON DELETE SET NULL (template_id)
);
CREATE INDEX forms_id ON forms(id);
CREATE INDEX forms_engagement ON forms(practice_id, engagement_id, sent_at, id);
CREATE INDEX forms_template ON forms(practice_id, template_id);
CREATE INDEX forms_todo ON forms(practice_id, todo_coach, due_date, name, id)
    INCLUDE (engagement_id) WHERE todo_coach IS NOT NULL;
CREATE FUNCTION coaching_form_todo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.todo_coach := CASE WHEN NEW.status = 'open' THEN (SELECT e.coach_id FROM engagements e
        WHERE e.practice_id = NEW.practice_id AND e.id = NEW.engagement_id AND e.status = 'active') END;
    RETURN NEW;
END $$;
CREATE TRIGGER forms_todo BEFORE INSERT OR UPDATE OF status ON forms
    FOR EACH ROW EXECUTE FUNCTION coaching_form_todo();
CREATE FUNCTION coaching_engagement_forms_todo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE forms SET todo_coach = CASE WHEN NEW.status = 'active' THEN NEW.coach_id END
    WHERE practice_id = NEW.practice_id AND engagement_id = NEW.id AND status = 'open';
    RETURN NULL;
END $$;
CREATE TRIGGER engagements_forms_todo AFTER UPDATE OF status, coach_id ON engagements
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.coach_id IS DISTINCT FROM NEW.coach_id)
    EXECUTE FUNCTION coaching_engagement_forms_todo();
ALTER TABLE program_items DROP CONSTRAINT program_items_kind_check;
ALTER TABLE program_items ADD CONSTRAINT program_items_kind_check
    CHECK (kind IN ('goal', 'assignment', 'resource', 'form'));
ALTER TABLE program_items ADD COLUMN form_template_id uuid;
ALTER TABLE program_items ADD FOREIGN KEY (practice_id, form_template_id)
    REFERENCES form_templates(practice_id, id) ON DELETE CASCADE;
CREATE INDEX program_items_form_template ON program_items(practice_id, form_template_id);
"#;
const V6: &str = r#"
CREATE TABLE fields (
    practice_id uuid NOT NULL REFERENCES practices(id),
    id          uuid NOT NULL,
    entity      text NOT NULL CHECK (entity IN ('engagement', 'client')),
    label       text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'yes_no')),
    choices     text NOT NULL,
    required    boolean NOT NULL,
    position    integer NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (practice_id, id)
);
CREATE INDEX fields_id ON fields(id);
CREATE INDEX fields_list ON fields(practice_id, entity, position);
CREATE TABLE field_values (
    practice_id uuid NOT NULL REFERENCES practices(id),
    target_id   uuid NOT NULL,
    field_id    uuid NOT NULL,
    value       text NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (practice_id, target_id, field_id),
    FOREIGN KEY (practice_id, field_id) REFERENCES fields(practice_id, id) ON DELETE CASCADE
);
CREATE INDEX field_values_field ON field_values(practice_id, field_id);
CREATE FUNCTION coaching_engagement_field_values() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM field_values WHERE practice_id = OLD.practice_id AND target_id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER engagements_field_values AFTER DELETE ON engagements
    FOR EACH ROW EXECUTE FUNCTION coaching_engagement_field_values();
"#;

/// Version 5: archive and erasure. A client may be archived (out of the directory) or erased
/// (anonymised for good). The log stays append-only but for one change, made by an erasure:
/// blanking an entry's `detail` (where a person's words may be).
const V5: &str = r#"
ALTER TABLE clients ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE clients ADD COLUMN erased boolean NOT NULL DEFAULT false;
-- Whose a deleted engagement was: its history stays in the log, and an erasure of the client
-- blanks it too.
CREATE TABLE deleted_engagements (
    practice_id   uuid NOT NULL REFERENCES practices(id),
    engagement_id uuid NOT NULL,
    client_id     uuid NOT NULL,
    PRIMARY KEY (practice_id, engagement_id),
    FOREIGN KEY (practice_id, client_id) REFERENCES clients(practice_id, id)
);
CREATE INDEX deleted_engagements_client ON deleted_engagements(practice_id, client_id);
CREATE OR REPLACE FUNCTION coaching_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.detail IS NULL AND (to_jsonb(NEW) - 'detail') = (to_jsonb(OLD) - 'detail') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the activity log is append-only: entries cannot be %',
        CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
END $$;
"#;

/// Version 4: the client journal. An entry belongs to its engagement (removed with it) and to
/// the client who wrote it; the coach reads it only while `shared`.
const V4: &str = r#"
CREATE TABLE journal_entries (
    practice_id   uuid NOT NULL REFERENCES practices(id),
    id            uuid NOT NULL,
    engagement_id uuid NOT NULL,
    client_id     uuid NOT NULL,
    title         text NOT NULL,
    body_html     text NOT NULL,
    body_text     text NOT NULL,
    shared        boolean NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (practice_id, id),
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, client_id) REFERENCES clients(practice_id, id)
);
CREATE INDEX journal_entries_id ON journal_entries(id);
CREATE INDEX journal_entries_engagement ON journal_entries(practice_id, engagement_id, created_at DESC, id DESC);
CREATE INDEX journal_entries_client ON journal_entries(practice_id, client_id);
"#;

/// Version 3: a goal's horizon (short-, mid- or long-term; NULL when not set).
const V3: &str = r#"
ALTER TABLE goals ADD COLUMN horizon text CHECK (horizon IN ('short', 'mid', 'long'));
"#;

/// Version 2: self-booking. A coach's availability is one row (its zone, weekly hours and date
/// overrides in the compact text `Availability` writes); booking rules belong to a program or
/// to an engagement (removed with it).
const V2: &str = r#"
CREATE TABLE coach_availability (
    practice_id uuid NOT NULL REFERENCES practices(id),
    coach_id    uuid NOT NULL,
    time_zone   text NOT NULL,
    weekly      text NOT NULL,
    overrides   text NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (practice_id, coach_id),
    FOREIGN KEY (practice_id, coach_id) REFERENCES coaches(practice_id, id)
);
CREATE TABLE booking_rules (
    practice_id           uuid NOT NULL REFERENCES practices(id),
    program_id            uuid,
    engagement_id         uuid,
    min_notice_minutes    integer NOT NULL CHECK (min_notice_minutes >= 0),
    max_horizon_days      integer CHECK (max_horizon_days > 0),
    buffer_before_minutes integer NOT NULL CHECK (buffer_before_minutes >= 0),
    buffer_after_minutes  integer NOT NULL CHECK (buffer_after_minutes >= 0),
    slot_step_minutes     integer NOT NULL CHECK (slot_step_minutes > 0),
    CHECK ((program_id IS NULL) <> (engagement_id IS NULL)),
    UNIQUE (practice_id, program_id),
    UNIQUE (practice_id, engagement_id),
    FOREIGN KEY (practice_id, program_id) REFERENCES programs(practice_id, id) ON DELETE CASCADE,
    FOREIGN KEY (practice_id, engagement_id) REFERENCES engagements(practice_id, id) ON DELETE CASCADE
);
"#;

/// Every migration step, in order.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];

/// The schema version this library writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// The advisory lock (a constant of the library: "coaching" in ASCII) under which a database
/// is migrated.
const MIGRATION_LOCK: i64 = 0x636f_6163_6869_6e67;

/// The text search configuration of note search: `simple` (no stemming, no stop words), with
/// diacritics removed by `unaccent` when the server has it, as SQLite's
/// `remove_diacritics 2`. Created in the store's schema.
fn search_config(tx: &mut Transaction<'_>) -> Result<()> {
    // `unaccent` is a trusted extension (PostgreSQL 13+) shipped in contrib: a database owner
    // may install it. Without it, search still works and matches accents exactly.
    tx.batch_execute("SAVEPOINT unaccent")?;
    let unaccent = match tx.batch_execute("CREATE EXTENSION IF NOT EXISTS unaccent") {
        Ok(()) => {
            tx.batch_execute("RELEASE unaccent")?;
            tx.query_opt(
                "SELECT quote_ident(n.nspname) FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
                 WHERE x.extname = 'unaccent'",
                &[],
            )?
            .map(|r| r.try_get::<_, String>(0))
            .transpose()?
        }
        Err(_) => {
            tx.batch_execute("ROLLBACK TO unaccent; RELEASE unaccent")?;
            None
        }
    };
    tx.batch_execute(
        "CREATE TEXT SEARCH CONFIGURATION coaching_search (COPY = pg_catalog.simple)",
    )?;
    if let Some(schema) = unaccent {
        tx.batch_execute(&format!(
            "ALTER TEXT SEARCH CONFIGURATION coaching_search ALTER MAPPING FOR
                 asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part,
                 hword_numpart
             WITH {schema}.unaccent, pg_catalog.simple"
        ))?;
    }
    Ok(())
}

/// Brings the database (the first schema of the connection's search path) up to
/// [`CURRENT_VERSION`] in one transaction; refuses a newer one, writing nothing.
pub(crate) fn migrate(client: &mut postgres::Client) -> Result<()> {
    // Refuse a newer database before taking any lock or writing anything.
    check_newer(read_version(client)?)?;
    let started = std::time::Instant::now();
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS coaching_schema (version integer NOT NULL)")?;
    let from = check_newer(read_version(&mut tx)?)?;
    if from == CURRENT_VERSION {
        return Ok(tx.commit()?);
    }
    if from == 0 {
        search_config(&mut tx)?;
    }
    for step in &MIGRATIONS[from as usize..] {
        tx.batch_execute(step)?;
    }
    tx.execute("DELETE FROM coaching_schema", &[])?;
    tx.execute(
        "INSERT INTO coaching_schema (version) VALUES ($1)",
        &[&(CURRENT_VERSION as i32)],
    )?;
    tx.commit()?;
    crate::diagnostics::migrated("postgresql", from, CURRENT_VERSION, started.elapsed());
    Ok(())
}

/// The stored version: 0 for a database the library has not written to yet.
fn read_version(c: &mut impl GenericClient) -> Result<u32> {
    let exists: bool = c
        .query_one("SELECT to_regclass('coaching_schema') IS NOT NULL", &[])?
        .try_get(0)?;
    if !exists {
        return Ok(0);
    }
    let v: Option<i32> = c
        .query_opt("SELECT max(version) FROM coaching_schema", &[])?
        .and_then(|r| r.try_get(0).ok());
    Ok(v.unwrap_or(0) as u32)
}

fn check_newer(found: u32) -> Result<u32> {
    if found > CURRENT_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: CURRENT_VERSION,
        });
    }
    Ok(found)
}
