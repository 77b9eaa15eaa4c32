"""Offline sync from Python, the server's half: a device's request bytes run once; sent again,
nothing runs twice; a refusal comes back typed in the answer; bad bytes raise."""

import json
import uuid

import pytest

import coaching


def request(world, ops, cursor=None):
    return json.dumps(
        {
            "protocol": 1,
            "library_version": "py",
            "practice_id": world.practice.id,
            "cursor": cursor,
            "ops": [{"op_id": str(uuid.uuid4()), "op": op} for op in ops],
        }
    ).encode()


def test_a_request_runs_once_and_refusals_come_back_typed(world):
    lib, owner, carla = world.lib, world.owner, world.client
    e = world.engagement()
    note_id = str(uuid.uuid4())
    ops = [
        {"op": "create_note", "id": note_id, "engagement_id": e.id, "title": "From the train", "body_html": "<p>offline</p>"},
        {"op": "update_note", "id": str(uuid.uuid4()), "title": "x", "body_html": None},
    ]
    body = request(world, ops)
    answer = json.loads(lib.handle_sync(owner, body))
    assert [(r["outcome"], r["replayed"]) for r in answer["results"]] == [("applied", False), ("refused", False)]
    assert answer["results"][1]["error"]["error"] == "not_found"
    assert lib.note(owner, note_id).title == "From the train"
    # A first sync: the owner's whole view, the new note in its engagement's snapshot.
    snapshot = next(r for r in answer["records"] if r["record"] == "engagement" and r["engagement"]["engagement"]["id"] == e.id)
    assert [n["id"] for n in snapshot["notes"]] == [note_id]
    assert answer["changes"] == []

    again = json.loads(lib.handle_sync(owner, body))
    assert [(r["outcome"], r["replayed"]) for r in again["results"]] == [("applied", True), ("refused", True)]
    assert len(lib.notes(owner, e.id)) == 1

    # The client's answer after a cursor: their changes, never a detail.
    first = json.loads(lib.handle_sync(carla, request(world, [])))
    lib.update_note(owner, note_id, title="Renamed")
    lib.share_note(owner, note_id)
    mine = json.loads(lib.handle_sync(carla, request(world, [], cursor=first["cursor"])))
    assert [c["action"] for c in mine["changes"]] == ["note_shared"]
    assert all(c["detail"] is None for c in mine["changes"])

    with pytest.raises(coaching.ValidationError) as bad:
        lib.handle_sync(owner, b"not a request")
    assert bad.value.field == "request"
    newer = json.loads(body)
    newer["protocol"] = 99
    with pytest.raises(coaching.ValidationError) as old:
        lib.handle_sync(owner, json.dumps(newer).encode())
    assert old.value.field == "protocol"
