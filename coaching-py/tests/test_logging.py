"""The library's diagnostics reach Python's logging: a migration (INFO on coaching.storage),
slow statements from the threshold set with coaching.set_slow_statement_threshold (WARNING on
coaching.storage.slow, the SQL without its values), and a storage error (ERROR)."""

import datetime as dt
import logging

import pytest

import coaching
from coaching import Plan


@pytest.fixture
def threshold():
    before = coaching.slow_statement_threshold()
    yield
    coaching.set_slow_statement_threshold(before)


def records(caplog, name):
    return [r for r in caplog.records if r.name == name]


def test_a_new_file_logs_its_migration(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="coaching")
    with coaching.open(str(tmp_path / "logged.db")):
        pass
    migrated = [r for r in records(caplog, "coaching.storage") if "schema migrated" in r.getMessage()]
    assert len(migrated) == 1, caplog.records
    assert migrated[0].levelno == logging.INFO
    assert 'backend="sqlite"' in migrated[0].getMessage() or "backend=sqlite" in migrated[0].getMessage()
    caplog.clear()
    with coaching.open(str(tmp_path / "logged.db")):
        pass
    assert not [r for r in caplog.records if "schema migrated" in r.getMessage()]


def test_slow_statements_follow_the_threshold(tmp_path, caplog, threshold):
    assert coaching.slow_statement_threshold() == dt.timedelta(milliseconds=100)
    caplog.set_level(logging.WARNING, logger="coaching")
    with coaching.open(str(tmp_path / "slow.db")) as lib:
        coaching.set_slow_statement_threshold(dt.timedelta(0))
        lib.create_practice("Logged Practice", owner_name="Lou", time_zone="UTC", plan=Plan.free())
        slow = records(caplog, "coaching.storage.slow")
        assert slow and all(r.levelno == logging.WARNING for r in slow)
        texts = [r.getMessage() for r in slow]
        assert any("INSERT INTO practices" in t for t in texts), texts
        assert not any("Logged Practice" in t for t in texts), "values stay out of the log"
        caplog.clear()
        coaching.set_slow_statement_threshold(dt.timedelta(days=1))
        lib.create_practice("Quiet Practice", owner_name="Lou", time_zone="UTC", plan=Plan.free())
        assert not records(caplog, "coaching.storage.slow")
    with pytest.raises(ValueError):
        coaching.set_slow_statement_threshold(dt.timedelta(seconds=-1))


def test_logging_configured_after_import_applies(tmp_path, caplog):
    # Levels are read at each event: raising the level silences the migration.
    caplog.set_level(logging.ERROR, logger="coaching")
    with coaching.open(str(tmp_path / "quiet.db")):
        pass
    assert not records(caplog, "coaching.storage")


def test_a_storage_error_is_logged(tmp_path, caplog):
    caplog.set_level(logging.ERROR, logger="coaching")
    with pytest.raises(coaching.StorageError) as err:
        coaching.open(str(tmp_path / "missing-folder" / "x.db"))
    errors = records(caplog, "coaching.storage")
    assert len(errors) == 1 and errors[0].levelno == logging.ERROR
    assert str(err.value).split(":")[0] in errors[0].getMessage()
