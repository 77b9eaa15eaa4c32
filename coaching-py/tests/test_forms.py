"""Forms from Python: templates of ordered questions (dicts or Questions), sent into an
engagement, answered with native values, submitted once, reopened by the coach; drafts are the
client's; open forms are on the coach's to-dos."""

import datetime as dt

import pytest

import coaching
from coaching import FormStatus, QuestionKind, TodoKind

QUESTIONS = [
    {"prompt": "Your goal", "kind": QuestionKind.SHORT_TEXT, "required": True},
    {"prompt": "Areas", "kind": "multiple_choice", "choices": ["Health", "Work", "Family"], "help": "Pick any"},
    {"prompt": "Energy", "kind": QuestionKind.SCALE, "scale_max": 5, "required": True},
    {"prompt": "Start", "kind": QuestionKind.DATE},
]


def test_a_form_is_sent_answered_submitted_and_reopened(world):
    lib, owner, carla = world.lib, world.owner, world.client
    e = world.engagement()
    t = lib.create_form_template(owner, world.practice.id, "Intake", QUESTIONS, description="Before we start")
    assert isinstance(t, coaching.FormTemplate) and isinstance(t.questions[0], coaching.Question)
    assert [q.kind for q in t.questions] == [QuestionKind.SHORT_TEXT, QuestionKind.MULTIPLE_CHOICE, QuestionKind.SCALE, QuestionKind.DATE]
    assert t.questions[1].choices == ["Health", "Work", "Family"] and t.questions[2].scale_max == 5

    f = lib.send_form(owner, e.id, t.id, due_date=dt.date(2026, 3, 20))
    assert f.status == FormStatus.OPEN and f.answers == {} and f.due_date == dt.date(2026, 3, 20)
    assert [(x.kind, x.name) for x in lib.client_todos(owner, owner.id)] == [(TodoKind.FORM, "Intake")]

    draft = lib.save_form_answers(carla, f.id, {0: "Run a 10k", 1: ["Work", "Health"]})
    assert draft.answers == {0: "Run a 10k", 1: ["Health", "Work"]}
    assert lib.form(owner, f.id).answers == {}  # a draft is the client's
    with pytest.raises(coaching.MissingFieldsError) as missing:
        lib.submit_form(carla, f.id)
    assert missing.value.missing == ["questions[2]"]
    with pytest.raises(coaching.ValidationError) as bad:
        lib.save_form_answers(carla, f.id, {2: 6})
    assert bad.value.field == "answers[0]"
    with pytest.raises(TypeError):
        lib.save_form_answers(carla, f.id, {2: True})
    with pytest.raises(coaching.PermissionDeniedError):
        lib.save_form_answers(owner, f.id, {0: "mine"})

    lib.save_form_answers(carla, f.id, {0: "Run a 10k", 2: 4, 3: dt.date(2026, 4, 1)})
    done = lib.submit_form(carla, f.id)
    assert done.status == FormStatus.SUBMITTED and done.submitted_at is not None
    assert lib.forms(owner, e.id)[0].answers == {0: "Run a 10k", 2: 4, 3: dt.date(2026, 4, 1)}
    assert lib.client_todos(owner, owner.id) == []
    with pytest.raises(coaching.ConflictError):
        lib.save_form_answers(carla, f.id, {0: "changed"})

    assert lib.reopen_form(owner, f.id).status == FormStatus.OPEN
    assert lib.form(carla, f.id).answers[2] == 4  # kept as the client's draft
    with pytest.raises(coaching.ConflictError):
        lib.reopen_form(owner, f.id)
    lib.delete_form(owner, f.id)
    with pytest.raises(coaching.NotFoundError):
        lib.form(carla, f.id)


def test_templates_are_checked_and_copied(world):
    lib, owner, carla = world.lib, world.owner, world.client
    pid = world.practice.id
    t = lib.create_form_template(owner, pid, "Intake", QUESTIONS)
    with pytest.raises(coaching.ValidationError) as bad:
        lib.create_form_template(owner, pid, "Scale", [{"prompt": "X", "kind": "scale", "scale_max": 11}])
    assert bad.value.field == "questions[0].scale_max"
    with pytest.raises(coaching.ValidationError) as dup:
        lib.create_form_template(owner, pid, "intake", QUESTIONS)
    assert dup.value.field == "name"
    with pytest.raises(TypeError):
        lib.create_form_template(owner, pid, "Typo", [{"prompt": "X", "knd": "date"}])
    with pytest.raises(coaching.PermissionDeniedError):
        lib.create_form_template(carla, pid, "Mine", QUESTIONS)

    e = world.engagement()
    f = lib.send_form(owner, e.id, t.id)
    v2 = lib.update_form_template(owner, t.id, name="Intake v2", questions=t.questions[:1])
    assert v2.name == "Intake v2" and len(v2.questions) == 1
    assert lib.form(carla, f.id).name == "Intake" and len(lib.form(carla, f.id).questions) == 4
    item = lib.add_program_item(owner, world.program.id, "form", template_id=t.id, due_after_days=7)
    assert item.kind == "form" and item.template_id == t.id and item.due_after_days == 7
    assert [x.name for x in lib.form_templates(owner, pid)] == ["Intake v2"]
    lib.delete_form_template(owner, t.id)
    assert lib.form(carla, f.id).template_id is None
    assert lib.program_items(owner, world.program.id) == []
