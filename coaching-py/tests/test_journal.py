"""The client journal from Python: a client's entries, private until shared; only the author
changes them; the coach never reads a private one, nor finds it in the engagement's log."""

import pytest

import coaching


def test_private_until_shared_and_only_the_author_changes_it(world):
    lib, owner, carla = world.lib, world.owner, world.client
    e = world.engagement()
    mine = lib.create_journal_entry(carla, e.id, "Tuesday", body_html="<p>tired<script>x()</script></p>")
    assert isinstance(mine, coaching.JournalEntry)
    assert not mine.shared and mine.body_html == "<p>tired</p>" and mine.body_text == "tired"
    note = lib.create_journal_entry(carla, e.id, "For my coach", shared=True)

    assert [j.title for j in lib.journal(carla, e.id)] == ["For my coach", "Tuesday"]
    assert [j.title for j in lib.journal(owner, e.id)] == ["For my coach"]
    with pytest.raises(coaching.PermissionDeniedError):
        lib.journal_entry(owner, mine.id)
    assert all("Tuesday" not in (entry.detail or "") for entry in lib.activity(owner, e.id))

    with pytest.raises(coaching.PermissionDeniedError):
        lib.create_journal_entry(owner, e.id, "Coach's idea")
    with pytest.raises(coaching.PermissionDeniedError):
        lib.update_journal_entry(owner, note.id, title="Changed")
    with pytest.raises(coaching.PermissionDeniedError):
        lib.delete_journal_entry(owner, note.id)
    assert lib.journal_entry(owner, note.id) == note

    edited = lib.update_journal_entry(carla, mine.id, body_html="<p>rested</p>")
    assert edited.title == "Tuesday" and edited.body_text == "rested"
    assert lib.share_journal_entry(carla, mine.id).shared
    assert lib.journal_entry(owner, mine.id).body_text == "rested"
    assert not lib.unshare_journal_entry(carla, mine.id).shared
    with pytest.raises(coaching.PermissionDeniedError):
        lib.journal_entry(owner, mine.id)
    lib.delete_journal_entry(carla, mine.id)
    with pytest.raises(coaching.NotFoundError):
        lib.journal_entry(carla, mine.id)


def test_bad_input_is_refused_and_changes_nothing(world):
    lib, carla = world.lib, world.client
    e = world.engagement()
    entry = lib.create_journal_entry(carla, e.id, "Kept")
    with pytest.raises(coaching.ValidationError) as err:
        lib.create_journal_entry(carla, e.id, "   ")
    assert err.value.field == "title"
    with pytest.raises(coaching.ValidationError):
        lib.update_journal_entry(carla, entry.id, title="", body_html="<p>lost</p>")
    with pytest.raises(TypeError):
        lib.update_journal_entry(carla, entry.id, shared=True)
    assert lib.journal(carla, e.id) == [entry]
    draft = world.engagement(activate=False)
    with pytest.raises(coaching.PermissionDeniedError):
        lib.create_journal_entry(carla, draft.id, "Too early")
