"""Overview pages from Python: filters, orders (by member or value), paging with the total,
and who may page what."""

import pytest

import coaching
from coaching import OverviewSort, Plan, Status


def test_filters_orders_and_paging(lib):
    practice, owner = lib.create_practice("Paged", owner_name="Olivia", time_zone="UTC", plan=Plan.team(3))
    bea = lib.add_coach(owner, practice.id, "Bea")
    zed = lib.add_client(owner, practice.id, "Zed")
    amy = lib.add_client(owner, practice.id, "Amy")
    program = lib.create_program(owner, practice.id, "Leadership", planned_sessions=4)
    e1 = lib.create_engagement(owner, practice.id, program_id=program.id, coach_id=owner.id, client_id=zed.id)
    e2 = lib.create_engagement(owner, practice.id, program_id=program.id, coach_id=bea.id, client_id=amy.id)
    e3 = lib.create_engagement(owner, practice.id, program_id=program.id, coach_id=bea.id)
    lib.activate(owner, e1.id)

    page = lib.overview_page(owner, practice.id)
    assert [l.id for l in page.lines] == [e1.id, e2.id, e3.id] and page.total == 3
    by_client = lib.overview_page(owner, practice.id, sort=OverviewSort.CLIENT_NAME)
    assert [l.client_name for l in by_client.lines] == ["Amy", "Zed", None]
    desc = lib.overview_page(owner, practice.id, sort="client_name", descending=True)
    assert [l.client_name for l in desc.lines] == ["Zed", "Amy", None]
    drafts = lib.overview_page(owner, practice.id, statuses=[Status.DRAFT], coach_id=bea.id)
    assert [l.id for l in drafts.lines] == [e2.id, e3.id]
    window = lib.overview_page(owner, practice.id, limit=2, offset=2)
    assert [l.id for l in window.lines] == [e3.id] and window.total == 3
    past = lib.overview_page(owner, practice.id, statuses=["active"], offset=5)
    assert past.lines == [] and past.total == 1
    assert isinstance(page, coaching.OverviewPage)

    assert [l.id for l in lib.overview_page(bea, practice.id).lines] == [e2.id, e3.id]
    with pytest.raises(coaching.PermissionDeniedError):
        lib.overview_page(bea, practice.id, coach_id=owner.id)
    with pytest.raises(coaching.ValidationError) as err:
        lib.overview_page(owner, practice.id, limit=0)
    assert err.value.field == "limit"
    with pytest.raises(coaching.ValidationError):
        lib.overview_page(owner, practice.id, sort="by_mood")
