import datetime as dt

import pytest

import coaching
from coaching import Plan

UTC = dt.timezone.utc


class World:
    """A practice with its owner, a client with a portal, a 4-session program."""

    def __init__(self, lib: coaching.Coaching, plan: coaching.Plan) -> None:
        self.lib = lib
        self.practice, self.owner = lib.create_practice(
            "Bright Path Coaching", owner_name="Olivia Owner", time_zone="Europe/London", plan=plan
        )
        self.client = lib.add_client(self.owner, self.practice.id, "Carla Client", has_portal=True)
        self.program = lib.create_program(
            self.owner, self.practice.id, "Leadership", planned_sessions=4, late_cancel_window=dt.timedelta(hours=24)
        )

    def engagement(self, activate: bool = True) -> coaching.Engagement:
        e = self.lib.create_engagement(
            self.owner, self.practice.id, program_id=self.program.id, coach_id=self.owner.id, client_id=self.client.id
        )
        return self.lib.activate(self.owner, e.id) if activate else e


@pytest.fixture
def lib():
    with coaching.in_memory() as lib:
        yield lib


@pytest.fixture
def world(lib):
    return World(lib, Plan.solo())


@pytest.fixture
def free_world(lib):
    return World(lib, Plan.free())
