import datetime as dt
import os
import sqlite3

import pytest

import coaching
from coaching import Location, Plan, SessionStatus, Status

UTC = dt.timezone.utc
UNKNOWN = "0192f0c4-0000-7000-8000-000000000000"


def test_every_error_is_a_coaching_error():
    for cls in [
        coaching.NotFoundError, coaching.PermissionDeniedError, coaching.InvalidTransitionError,
        coaching.InvalidSessionTransitionError, coaching.EngagementNotActiveError, coaching.NoPortalError,
        coaching.FileTooLargeError, coaching.PlanLimitError, coaching.MissingFieldsError, coaching.ValidationError,
        coaching.ConflictError, coaching.SchemaTooNewError, coaching.StorageError, coaching.NotCoachingFileError,
        coaching.DatabaseConnectionError,
    ]:
        assert issubclass(cls, coaching.CoachingError) and cls is not coaching.CoachingError


def test_not_found(world):
    with pytest.raises(coaching.NotFoundError) as e:
        world.lib.engagement(world.owner, UNKNOWN)
    assert (e.value.kind, e.value.id) == ("engagement", UNKNOWN)


def test_permission_denied(world):
    with pytest.raises(coaching.PermissionDeniedError) as e:
        world.lib.coaches(world.client, world.practice.id)
    assert "coach" in e.value.reason


def test_invalid_transition(world):
    e = world.engagement()
    with pytest.raises(coaching.InvalidTransitionError) as err:
        world.lib.set_status(world.owner, e.id, Status.DRAFT)
    assert (err.value.from_status, err.value.to_status) == (Status.ACTIVE, Status.DRAFT)


def test_invalid_session_transition(world):
    e = world.engagement()
    s = world.lib.book_session(world.owner, e.id, dt.datetime(2030, 1, 1, 9, tzinfo=UTC), Location.other("office"))
    world.lib.cancel_session(world.owner, s.id, reason="moved")
    with pytest.raises(coaching.InvalidSessionTransitionError) as err:
        world.lib.cancel_session(world.owner, s.id)
    assert (err.value.from_status, err.value.to_status) == (SessionStatus.CANCELLED, SessionStatus.CANCELLED)


def test_engagement_not_active(world):
    e = world.engagement(activate=False)
    with pytest.raises(coaching.EngagementNotActiveError) as err:
        world.lib.book_session(world.owner, e.id, dt.datetime(2030, 1, 1, 9, tzinfo=UTC), Location.other("office"))
    assert err.value.status is Status.DRAFT


def test_no_portal(world):
    dan = world.lib.add_client(world.owner, world.practice.id, "Dan")
    e = world.lib.create_engagement(world.owner, world.practice.id, program_id=world.program.id, coach_id=world.owner.id, client_id=dan.id)
    n = world.lib.create_note(world.owner, e.id, "Private")
    with pytest.raises(coaching.NoPortalError) as err:
        world.lib.share_note(world.owner, n.id)
    assert err.value.client_id == dan.id


def test_file_too_large(world):
    world.lib.max_file_bytes = 4
    with pytest.raises(coaching.FileTooLargeError) as err:
        world.lib.add_to_library(world.owner, world.practice.id, "big.bin", data=b"12345")
    assert (err.value.size, err.value.limit) == (5, 4)
    assert world.lib.library(world.owner, world.practice.id) == []


def test_plan_limit(free_world):
    free_world.engagement()
    second = free_world.engagement(activate=False)
    with pytest.raises(coaching.PlanLimitError) as err:
        free_world.lib.activate(free_world.owner, second.id)
    assert (err.value.what, err.value.limit, err.value.current) == ("active_engagements", 1, 1)


def test_missing_fields(world):
    e = world.lib.create_engagement(world.owner, world.practice.id)
    with pytest.raises(coaching.MissingFieldsError) as err:
        world.lib.activate(world.owner, e.id)
    assert err.value.missing == ["coach", "client", "program_name", "planned"]


def test_validation(world):
    with pytest.raises(coaching.ValidationError) as err:
        world.lib.add_client(world.owner, world.practice.id, "   ")
    assert (err.value.field, err.value.reason) == ("name", "must not be empty")


def test_conflict(world):
    e = world.engagement()
    start = dt.datetime(2030, 1, 1, 9, tzinfo=UTC)
    world.lib.book_session(world.owner, e.id, start, Location.other("office"))
    with pytest.raises(coaching.ConflictError) as err:
        world.lib.book_session(world.owner, e.id, start + dt.timedelta(minutes=30), Location.other("office"))
    assert "already has session" in err.value.reason


def test_schema_too_new_and_storage(tmp_path):
    path = tmp_path / "future.db"
    coaching.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")
    with pytest.raises(coaching.SchemaTooNewError) as err:
        coaching.open(path)
    assert err.value.found == 999 and 1 <= err.value.supported < 999
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database " * 100)
    before = junk.read_bytes()
    with pytest.raises(coaching.NotCoachingFileError) as err:
        coaching.open(junk)
    assert err.value.path == str(junk) and "not a SQLite database" in err.value.reason
    assert junk.read_bytes() == before
    with pytest.raises(coaching.StorageError) as err:
        coaching.open(tmp_path)
    assert "directory" in err.value.message


def test_postgres_urls_open_a_database_or_raise_typed_errors():
    # Nobody listening on this socket directory: the error names the server.
    with pytest.raises(coaching.DatabaseConnectionError) as err:
        coaching.open("postgresql://coaching@%2Fnonexistent%2Fsocket/postgres")
    assert err.value.server == "coaching@/nonexistent/socket:5432/postgres" and err.value.reason
    with pytest.raises(coaching.ValidationError) as bad:
        coaching.open("postgresql://coaching@host:notaport/db")
    assert bad.value.field == "url"
    url = os.environ.get("COACHING_BINDINGS_DATABASE_URL")
    if url is None:
        pytest.fail("COACHING_BINDINGS_DATABASE_URL is not set: run the test command, which sets it")
    with coaching.open(url) as lib:
        practice, owner = lib.create_practice(
            "Python on PostgreSQL", owner_name="Paula", time_zone="Europe/Paris", plan=Plan.free()
        )
        assert lib.practice(owner, practice.id).name == "Python on PostgreSQL"
