"""Archive and erasure from Python: an archived client leaves the directory and comes back;
the owner erases a client for good, and nothing they wrote can be found again."""

import io

import pytest

import coaching


def test_archive_hides_and_restore_brings_back(world):
    lib, owner, carla = world.lib, world.owner, world.client
    e = world.engagement()
    with pytest.raises(coaching.ConflictError):
        lib.archive_client(owner, carla.id)
    lib.complete(owner, e.id)
    archived = lib.archive_client(owner, carla.id)
    assert archived.archived and not archived.erased
    assert carla.id not in [c.id for c in lib.clients(owner, world.practice.id)]
    assert [c.id for c in lib.archived_clients(owner, world.practice.id)] == [carla.id]
    assert lib.engagement(owner, e.id).status == coaching.Status.COMPLETED
    with pytest.raises(coaching.ConflictError):
        lib.create_engagement(owner, world.practice.id, program_id=world.program.id, client_id=carla.id)
    assert not lib.restore_client(owner, carla.id).archived
    assert carla.id in [c.id for c in lib.clients(owner, world.practice.id)]


def test_erasure_leaves_nothing_of_the_client(world):
    lib, owner, carla = world.lib, world.owner, world.client
    word = "xylograph"
    lib.update_client(owner, carla.id, name=f"Carla {word.title()}", email=f"{word}@example.com")
    e = world.engagement()
    lib.create_journal_entry(carla, e.id, f"My {word} day", shared=True)
    goal = lib.create_goal(carla, e.id, f"Learn {word}")
    lib.add_comment(carla, "goal", goal.id, f"<p>{word} progress</p>")
    note = lib.create_note(owner, e.id, f"About {word}")
    lib.share_note(owner, note.id)
    lib.complete(owner, e.id, reason=f"{word} done")
    with pytest.raises(coaching.PermissionDeniedError):
        lib.erase_client(carla, carla.id)

    gone = lib.erase_client(owner, carla.id)
    assert gone.erased and gone.name == "Erased client" and gone.email is None and not gone.has_portal
    assert lib.engagement(owner, e.id).status == coaching.Status.COMPLETED

    out = io.BytesIO()
    lib.export_practice(owner, world.practice.id, out)
    seen = [
        out.getvalue().decode(),
        repr(lib.archived_clients(owner, world.practice.id)),
        repr(lib.overview_for_practice(owner, world.practice.id)),
        repr(lib.goals(owner, e.id)),
        repr(lib.notes(owner, e.id)),
        repr(lib.journal(owner, e.id)),
        repr(lib.activity(owner, e.id, limit=1000)),
        repr(lib.practice_activity(owner, world.practice.id, limit=1000)),
        repr(lib.search_notes(owner, "practice", world.practice.id, word)),
    ]
    for s in seen:
        assert word not in s.lower(), s
