"""Export and import of a whole practice: paths and file objects, the JSON Schema of the
format checked against a real export, the lossless round trip, and refusals."""

import datetime as dt
import io
import json
import pathlib

import jsonschema
import pytest

import coaching
from coaching import Location, Plan

UTC = dt.timezone.utc
SCHEMA = json.loads((pathlib.Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())


def practice(lib):
    p, owner = lib.create_practice("Bright Path", owner_name="Olivia", time_zone="Europe/London", plan=Plan.team(3))
    sam = lib.add_coach(owner, p.id, "Sam Second")
    carla = lib.add_client(owner, p.id, "Carla", has_portal=True)
    folder = lib.add_to_library(owner, p.id, "Worksheets")
    lib.add_to_library(owner, p.id, "Guide.pdf", data=b"%PDF-1.4 guide", media_type="application/pdf", parent_id=folder.id)
    program = lib.create_program(owner, p.id, "Leadership", planned_sessions=4)
    e = lib.create_engagement(owner, p.id, program_id=program.id, coach_id=sam.id, client_id=carla.id)
    lib.activate(owner, e.id)
    lib.book_session(owner, e.id, dt.datetime(2026, 3, 3, 10, tzinfo=UTC), Location.phone("+44 20 7946 0000"))
    note = lib.create_note(owner, e.id, "Kick-off", body_html="<p>Values &amp; <b>goals</b></p>")
    lib.share_note(owner, note.id)
    lib.add_comment(carla, coaching.CommentOn.NOTE, note.id, "<p>Thanks</p>")
    goal = lib.create_goal(carla, e.id, "Run 10k", due_date=dt.date(2026, 6, 1))
    lib.add_milestone(carla, goal.id, "5k")
    return p, owner


def test_round_trip_through_paths_and_files_matches_the_schema(tmp_path):
    clock = coaching.ManualClock(dt.datetime(2026, 3, 2, 9, tzinfo=UTC))
    with coaching.in_memory(clock=clock) as lib:
        p, owner = practice(lib)
        path = tmp_path / "practice.json"
        lib.export_practice(owner, p.id, path)
        first = path.read_bytes()
        buffer = io.BytesIO()
        lib.export_practice(owner, p.id, buffer)
        assert buffer.getvalue() == first
        assert [x.id for x in lib.practices()] == [p.id]
    doc = json.loads(first)
    jsonschema.validate(doc, SCHEMA)
    assert doc["format"] == "coaching-practice" and doc["format_version"] == 1
    assert len(doc["engagements"]) == 1 and len(doc["engagements"][0]["comments"]) == 1

    # Into an SQLite file from a file object, then out again: the same bytes.
    with coaching.open(str(tmp_path / "copy.db")) as copy:
        with open(path, "rb") as f:
            imported = copy.import_practice(f)
        assert imported.id == p.id and imported.name == "Bright Path"
        again = io.BytesIO()
        copy.export_practice(owner, p.id, again)
        assert again.getvalue() == first
        with pytest.raises(coaching.ConflictError):
            copy.import_practice(path)


def test_a_damaged_document_is_refused_with_its_place_and_nothing_written(tmp_path):
    with coaching.in_memory() as lib:
        p, owner = practice(lib)
        buffer = io.BytesIO()
        lib.export_practice(owner, p.id, buffer)
    doc = json.loads(buffer.getvalue())
    doc["engagements"][0]["notes"][0]["body_html"] = "<p onclick=steal()>hi</p>"
    with coaching.in_memory() as target:
        with pytest.raises(coaching.ValidationError) as err:
            target.import_practice(io.BytesIO(json.dumps(doc).encode()))
        assert err.value.field == "engagements[0].notes[0].body_html"
        with pytest.raises(coaching.ValidationError) as err:
            target.import_practice(io.BytesIO(buffer.getvalue()[:100]))
        assert "truncated" in str(err.value)
        with pytest.raises(coaching.StorageError):
            target.import_practice(io.StringIO("{}"))
        assert target.practices() == []
        # Only the owner exports.
        with pytest.raises(coaching.NotFoundError):
            target.export_practice(owner, p.id, io.BytesIO())
