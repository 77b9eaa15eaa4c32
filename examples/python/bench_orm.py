"""The library from Python against SQLAlchemy 2 on the same file: the same rows, timed.

The ORM is mapped onto the library's own SQLite file (the seeded 5,000-engagement practice of
`cargo run --release --example bench`). For each call there are two ORM versions:

- idiomatic: mapped classes with relationships and eager loading, filtering and sorting as an
  application developer writes it first;
- tuned: column selects, the work in one SQL statement, the library's indexes used (the to-dos
  read the `todo_coach` index), no ORM objects built.

Each version's rows are checked equal to the library's before timing; calls alternate
(library, idiomatic, tuned) and the table gives medians.

    target/venv/bin/pip install "sqlalchemy>=2"
    target/venv/bin/python examples/python/bench_orm.py target/bench/practice-seed42.db
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import ForeignKey, LargeBinary, create_engine, event, func, literal, select, union_all
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship

import coaching

UTC = dt.timezone.utc


class Base(DeclarativeBase):
    pass


class Coach(Base):
    __tablename__ = "coaches"
    id: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    name: Mapped[str]


class Client(Base):
    __tablename__ = "clients"
    id: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    name: Mapped[str]


class Engagement(Base):
    __tablename__ = "engagements"
    id: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    practice_id: Mapped[bytes] = mapped_column(LargeBinary)
    coach_id: Mapped[bytes | None] = mapped_column(ForeignKey("coaches.id"))
    client_id: Mapped[bytes | None] = mapped_column(ForeignKey("clients.id"))
    program_name: Mapped[str | None]
    unit: Mapped[str]
    planned: Mapped[int]
    no_show_counts: Mapped[int]
    status: Mapped[str]
    tally_completed: Mapped[int]
    tally_completed_minutes: Mapped[int]
    tally_no_show: Mapped[int]
    tally_no_show_minutes: Mapped[int]
    tally_late_cancelled: Mapped[int]
    tally_late_cancelled_minutes: Mapped[int]
    coach: Mapped[Coach | None] = relationship()
    client: Mapped[Client | None] = relationship()
    goals: Mapped[list[Goal]] = relationship(back_populates="engagement")
    assignments: Mapped[list[Assignment]] = relationship(back_populates="engagement")


class Goal(Base):
    __tablename__ = "goals"
    id: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    engagement_id: Mapped[bytes] = mapped_column(ForeignKey("engagements.id"))
    name: Mapped[str]
    due_date: Mapped[str | None]
    status: Mapped[str]
    todo_coach: Mapped[bytes | None] = mapped_column(LargeBinary)
    engagement: Mapped[Engagement] = relationship(back_populates="goals")
    milestones: Mapped[list[Milestone]] = relationship(back_populates="goal")


class Milestone(Base):
    __tablename__ = "milestones"
    id: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    goal_id: Mapped[bytes] = mapped_column(ForeignKey("goals.id"))
    engagement_id: Mapped[bytes] = mapped_column(LargeBinary)
    name: Mapped[str]
    due_date: Mapped[str | None]
    done: Mapped[int]
    todo_coach: Mapped[bytes | None] = mapped_column(LargeBinary)
    goal: Mapped[Goal] = relationship(back_populates="milestones")


class Assignment(Base):
    __tablename__ = "assignments"
    id: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    engagement_id: Mapped[bytes] = mapped_column(ForeignKey("engagements.id"))
    name: Mapped[str]
    due_date: Mapped[str | None]
    status: Mapped[str]
    todo_coach: Mapped[bytes | None] = mapped_column(LargeBinary)
    engagement: Mapped[Engagement] = relationship(back_populates="assignments")


class SessionRow(Base):
    __tablename__ = "sessions"
    id: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    practice_id: Mapped[bytes] = mapped_column(LargeBinary)
    engagement_id: Mapped[bytes] = mapped_column(ForeignKey("engagements.id"))
    coach_id: Mapped[bytes] = mapped_column(ForeignKey("coaches.id"))
    client_id: Mapped[bytes] = mapped_column(ForeignKey("clients.id"))
    start_at: Mapped[int]
    end_at: Mapped[int]
    time_zone: Mapped[str]
    location_kind: Mapped[str]
    location_value: Mapped[str]
    status: Mapped[str]
    created_by_kind: Mapped[str]
    created_by_id: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[int]
    updated_at: Mapped[int]
    engagement: Mapped[Engagement] = relationship()
    coach: Mapped[Coach] = relationship()
    client: Mapped[Client] = relationship()


class LogRow(Base):
    __tablename__ = "activity_log"
    seq: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[bytes] = mapped_column(LargeBinary)
    practice_id: Mapped[bytes] = mapped_column(LargeBinary)
    engagement_id: Mapped[bytes | None] = mapped_column(LargeBinary)
    at: Mapped[int]
    actor_kind: Mapped[str]
    actor_id: Mapped[bytes | None] = mapped_column(LargeBinary)
    action: Mapped[str]
    target_kind: Mapped[str]
    target_id: Mapped[bytes] = mapped_column(LargeBinary)
    detail: Mapped[str | None]


def uid(b: bytes) -> str:
    return str(uuid.UUID(bytes=b))


def used_of(unit, no_show_counts, completed, completed_min, no_show, no_show_min, late, late_min) -> int:
    """The progress tally, as the library counts it (sessions; minutes in hours mode)."""
    if unit == "hours":
        return completed_min + late_min + (no_show_min if no_show_counts else 0)
    return completed + late + (no_show if no_show_counts else 0)


def used(e) -> int:
    return used_of(e.unit, e.no_show_counts, e.tally_completed, e.tally_completed_minutes, e.tally_no_show,
                   e.tally_no_show_minutes, e.tally_late_cancelled, e.tally_late_cancelled_minutes)


# ------------------------------------------------------------------ the four calls, three ways

def lib_overview(lib, actor, practice):
    return [(l.id, l.coach_name, l.client_name, l.status.value, l.progress.used) for l in lib.overview_for_practice(actor, practice)]


def orm_overview(s: Session, practice: bytes):
    rows = s.scalars(
        select(Engagement).where(Engagement.practice_id == practice)
        .options(joinedload(Engagement.coach), joinedload(Engagement.client)).order_by(Engagement.id)
    ).all()
    return [(uid(e.id), e.coach.name if e.coach else None, e.client.name if e.client else None, e.status, used(e)) for e in rows]


def tuned_overview(s: Session, practice: bytes):
    # Every column the library's record carries, as the library reads them.
    E, C, K = Engagement.__table__.c, Coach.__table__.c, Client.__table__.c
    q = (select(E.id, C.name, K.name, E.status, E.unit, E.no_show_counts, E.tally_completed, E.tally_completed_minutes,
                E.tally_no_show, E.tally_no_show_minutes, E.tally_late_cancelled, E.tally_late_cancelled_minutes,
                E.practice_id, E.coach_id, E.client_id, E.program_name, E.planned)
         .select_from(Engagement.__table__.outerjoin(Coach.__table__, C.id == E.coach_id)
                      .outerjoin(Client.__table__, K.id == E.client_id))
         .where(E.practice_id == practice).order_by(E.id))
    return [(uid(r[0]), r[1], r[2], r[3], used_of(*r[4:12])) for r in s.execute(q)]


def todo_key(due, name, id_):
    return (due is None, due or "", name, id_)


def lib_todos(lib, actor, coach):
    return [(t.kind.value, t.id, t.name, t.due_date.isoformat() if t.due_date else None) for t in lib.client_todos(actor, coach, limit=50)]


def orm_todos(s: Session, coach: bytes):
    engagements = s.scalars(
        select(Engagement).where(Engagement.coach_id == coach, Engagement.status == "active")
        .options(joinedload(Engagement.goals).joinedload(Goal.milestones), joinedload(Engagement.assignments))
    ).unique().all()
    items = []
    for e in engagements:
        for g in e.goals:
            if g.status == "active":
                items.append(("goal", g.id, g.name, g.due_date))
                items += [("milestone", m.id, m.name, m.due_date) for m in g.milestones if not m.done]
        items += [("assignment", a.id, a.name, a.due_date) for a in e.assignments if a.status == "open"]
    items.sort(key=lambda t: todo_key(t[3], t[2], t[1]))
    return [(k, uid(i), n, d) for k, i, n, d in items[:50]]


def tuned_todos(s: Session, coach: bytes):
    G, M, A = Goal.__table__.c, Milestone.__table__.c, Assignment.__table__.c
    arms = [select(literal(k).label("kind"), t.id, t.name, t.due_date, (t.due_date.is_(None)).label("undated"))
            .where(t.todo_coach == coach) for k, t in (("goal", G), ("milestone", M), ("assignment", A))]
    u = union_all(*arms).subquery()
    q = select(u.c.kind, u.c.id, u.c.name, u.c.due_date).order_by(u.c.undated, u.c.due_date, u.c.name, u.c.id).limit(50)
    return [(r[0], uid(r[1]), r[2], r[3]) for r in s.execute(q)]


def lib_upcoming(lib, actor, coach, start, end):
    return [(l.session.id, l.client_name) for l in lib.upcoming_sessions_for_coach(actor, coach, start, end)]


def micros(t: dt.datetime) -> int:
    return int(t.timestamp() * 1_000_000)


def orm_upcoming(s: Session, coach: bytes, start, end):
    rows = s.scalars(
        select(SessionRow).where(SessionRow.coach_id == coach, SessionRow.status == "scheduled",
                                 SessionRow.start_at >= micros(start), SessionRow.start_at < micros(end))
        .options(joinedload(SessionRow.client), joinedload(SessionRow.coach), joinedload(SessionRow.engagement))
        .order_by(SessionRow.start_at, SessionRow.id)
    ).all()
    return [(uid(r.id), r.client.name) for r in rows]


def tuned_upcoming(s: Session, coach: bytes, start, end):
    # Every column of the library's session line: the session, its coach's, client's and
    # program's names.
    S, K, C, E = SessionRow.__table__.c, Client.__table__.c, Coach.__table__.c, Engagement.__table__.c
    q = (select(S.id, K.name, C.name, E.program_name, S.practice_id, S.engagement_id, S.coach_id, S.client_id,
                S.start_at, S.end_at, S.time_zone, S.location_kind, S.location_value, S.status, S.created_by_kind,
                S.created_by_id, S.created_at, S.updated_at)
         .select_from(SessionRow.__table__.join(Client.__table__, K.id == S.client_id)
                      .join(Coach.__table__, C.id == S.coach_id).join(Engagement.__table__, E.id == S.engagement_id))
         .where(S.coach_id == coach, S.start_at >= micros(start), S.start_at < micros(end), S.status == "scheduled")
         .order_by(S.start_at, S.id))
    return [(uid(r[0]), r[1]) for r in s.execute(q)]


def orm_book(s: Session, e: Engagement, start: dt.datetime, actor_id: bytes):
    """A booking the ORM way: the overlap check, the session, its log entry, one commit."""
    end = start + dt.timedelta(minutes=60)
    clash = s.scalar(select(func.count()).select_from(SessionRow).where(
        SessionRow.coach_id == e.coach_id, SessionRow.status == "scheduled",
        SessionRow.start_at < micros(end), SessionRow.end_at > micros(start)))
    if clash:
        raise RuntimeError("double-booked")
    now = micros(dt.datetime.now(UTC))
    sid = uuid.uuid4().bytes
    s.add(SessionRow(id=sid, practice_id=e.practice_id, engagement_id=e.id, coach_id=e.coach_id, client_id=e.client_id,
                     start_at=micros(start), end_at=micros(end), time_zone="UTC", location_kind="other",
                     location_value="office", status="scheduled", created_by_kind="coach", created_by_id=actor_id,
                     created_at=now, updated_at=now))
    s.add(LogRow(id=uuid.uuid4().bytes, practice_id=e.practice_id, engagement_id=e.id, at=now, actor_kind="coach",
                 actor_id=actor_id, action="session_booked", target_kind="session", target_id=sid, detail=None))
    s.commit()


# ------------------------------------------------------------------ the run

def median_ms(samples):
    return statistics.median(samples) * 1e3


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench/practice-seed42.db")
    practice, owner = path.with_suffix(".ids").read_text().split("\n")[:2]
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(conn, _record):  # the same file settings the library uses
        conn.execute("PRAGMA busy_timeout = 5000")

    results = []
    with coaching.open(path) as lib, Session(engine) as s:
        me = coaching.Actor.coach(owner)
        pid = uuid.UUID(practice).bytes
        coaches = [c.id for c in lib.coaches(me, practice)][:20]
        now = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)
        week = now + dt.timedelta(days=7)

        calls = {
            "overview of 5,000 engagements": (
                lambda i: lib_overview(lib, me, practice),
                lambda i: orm_overview(s, pid),
                lambda i: tuned_overview(s, pid), 10),
            "Client To-Dos, first page of 50": (
                lambda i: lib_todos(lib, me, coaches[i % len(coaches)]),
                lambda i: orm_todos(s, uuid.UUID(coaches[i % len(coaches)]).bytes),
                lambda i: tuned_todos(s, uuid.UUID(coaches[i % len(coaches)]).bytes), 40),
            "upcoming sessions, next 7 days": (
                lambda i: lib_upcoming(lib, me, coaches[i % len(coaches)], now, week),
                lambda i: orm_upcoming(s, uuid.UUID(coaches[i % len(coaches)]).bytes, now, week),
                lambda i: tuned_upcoming(s, uuid.UUID(coaches[i % len(coaches)]).bytes, now, week), 100),
        }
        for name, (lib_f, orm_f, tuned_f, n) in calls.items():
            s.expire_all()
            expected = lib_f(0)
            for label, f in (("idiomatic", orm_f), ("tuned", tuned_f)):
                got = f(0)
                assert got == expected, f"{name}: the {label} ORM rows differ from the library's\n{got[:3]}\n{expected[:3]}"
            t = {"lib": [], "orm": [], "tuned": []}
            for i in range(n):
                for label, f in (("lib", lib_f), ("orm", orm_f), ("tuned", tuned_f)):
                    s.expire_all()  # no identity-map shortcut between calls
                    start = time.perf_counter()
                    f(i)
                    t[label].append(time.perf_counter() - start)
            results.append((name, median_ms(t["lib"]), median_ms(t["orm"]), median_ms(t["tuned"])))

        # Booking: the library's book_session against the ORM's check + insert + log + commit.
        e_id = lib.overview_for_practice(me, practice)[0].id
        e_row = s.get(Engagement, uuid.UUID(e_id).bytes)
        last = s.scalar(select(func.max(SessionRow.end_at)))
        base = dt.datetime.fromtimestamp(last / 1e6, UTC) + dt.timedelta(days=30)
        t = {"lib": [], "orm": []}
        for i in range(60):
            slot = base + dt.timedelta(hours=3 * i)
            start = time.perf_counter()
            lib.book_session(me, e_id, slot, coaching.Location.other("office"))
            t["lib"].append(time.perf_counter() - start)
            start = time.perf_counter()
            orm_book(s, e_row, slot + dt.timedelta(hours=1, minutes=30), uuid.UUID(owner).bytes)
            t["orm"].append(time.perf_counter() - start)
        results.append(("book a session", median_ms(t["lib"]), median_ms(t["orm"]), None))

    print()
    print("| call (Python) | library | SQLAlchemy idiomatic | ratio | SQLAlchemy tuned | ratio | target |")
    print("|---|---|---|---|---|---|---|")
    for name, l, o, tu in results:
        tuned = f"{tu:.2f} ms | {tu / l:.1f}×" if tu is not None else "– | –"
        print(f"| {name} | {l:.2f} ms | {o:.2f} ms | {o / l:.1f}× | {tuned} | ≥ 5× idiomatic, ≥ 2× tuned |")


if __name__ == "__main__":
    main()
