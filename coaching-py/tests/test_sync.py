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
    assert any(c["action"] == "note_created" for c in answer["changes"])

    again = json.loads(lib.handle_sync(owner, body))
    assert [(r["outcome"], r["replayed"]) for r in again["results"]] == [("applied", True), ("refused", True)]
    assert len(lib.notes(owner, e.id)) == 1

    # The client's answer: their changes, never a detail.
    mine = json.loads(lib.handle_sync(carla, request(world, [])))
    assert all(c["detail"] is None for c in mine["changes"])

    with pytest.raises(coaching.ValidationError) as bad:
        lib.handle_sync(owner, b"not a request")
    assert bad.value.field == "request"
    newer = json.loads(body)
    newer["protocol"] = 99
    with pytest.raises(coaching.ValidationError) as old:
        lib.handle_sync(owner, json.dumps(newer).encode())
    assert old.value.field == "protocol"
