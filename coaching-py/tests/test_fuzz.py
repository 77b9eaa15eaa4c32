"""Property-based fuzzing of the Python API with Hypothesis.

Each target feeds hostile input to one area of `coaching.Coaching`: any Unicode, including NUL,
control characters and lone surrogates; strings and byte strings of a megabyte or more; FTS
query syntax; ids of the wrong kind and malformed ids; dates and instants in years 1 and 9999;
and numbers that are negative, huge, NaN or infinite. Each target checks two things:

* the oracle: a call either succeeds or raises a `coaching.CoachingError` subclass, `TypeError`
  or `ValueError`. Anything else fails the test: a Rust panic (`PanicException`, a
  BaseException), `SystemError`, `OverflowError`, `KeyError`, and so on. A real id of another
  kind, or an actor who is not who it claims to be, must be refused.
* the round trip: what a write accepted reads back with the same values, through the single
  lookup and through every list that shows it (overviews, session lists and dashboards, .ics
  exports, notes and search, goals, to-dos, the library). Reading it back must not raise.

Every example works in a fresh practice. The practices share one store per module for speed,
so each failure replays on its own. Run:

    cd coaching-py && python -m pytest -q tests/test_fuzz.py
    COACHING_FUZZ_EXAMPLES=2000 python -m pytest -q tests/test_fuzz.py    # more examples per target
    python -m pytest -q tests/test_fuzz.py --hypothesis-show-statistics --hypothesis-seed=1

Targets that run on both backends (memory and an SQLite file) split their examples between
the two.
"""

import datetime as dt
import enum
import functools
import hashlib
import math
import os
import re
import zoneinfo

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

try:
    from hypothesis import currently_in_test_context
except ImportError:  # older Hypothesis
    from hypothesis.control import currently_in_test_context

import coaching
from coaching import Actor, Location, Plan

# A string a Python str cannot encode as UTF-8 (a lone surrogate) raises Python's own
# UnicodeEncodeError (a ValueError), from every call alike: arguments, update_* changes and
# the constructors of Location, Plan and Actor. The explicit surrogate tests below check it.
SURROGATE_ERROR = UnicodeEncodeError

ALLOWED = (coaching.CoachingError, TypeError, ValueError)

EXAMPLES = int(os.environ.get("COACHING_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        h for h in HealthCheck if h.name in {"function_scoped_fixture", "too_slow", "data_too_large", "large_base_example"}
    ],
)
FUZZ_PER_BACKEND = settings(FUZZ, max_examples=max(1, EXAMPLES // 2))

UTC = dt.timezone.utc
MIN_UTC = dt.datetime.min.replace(tzinfo=UTC)
MAX_UTC = dt.datetime.max.replace(tzinfo=UTC)
UNKNOWN = "0192f0c4-0000-7000-8000-000000000000"


class _Default:
    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT = _Default()  # "leave the argument out"


def kw(**kwargs):
    """Keyword arguments, without those left at DEFAULT."""
    return {k: v for k, v in kwargs.items() if v is not DEFAULT}


# ------------------------------------------------------------------------ the oracle

ERROR_ATTRIBUTES = {
    coaching.NotFoundError: ("kind", "id"),
    coaching.PermissionDeniedError: ("reason",),
    coaching.InvalidTransitionError: ("from_status", "to_status"),
    coaching.InvalidSessionTransitionError: ("from_status", "to_status"),
    coaching.EngagementNotActiveError: ("status",),
    coaching.NoPortalError: ("client_id",),
    coaching.FileTooLargeError: ("size", "limit"),
    coaching.PlanLimitError: ("what", "limit", "current"),
    coaching.MissingFieldsError: ("missing",),
    coaching.ValidationError: ("field", "reason"),
    coaching.ConflictError: ("reason",),
    coaching.SchemaTooNewError: ("found", "supported"),
    coaching.StorageError: ("message",),
}


def _name(fn) -> str:
    return getattr(fn, "__name__", None) or repr(fn)


def _event(text: str) -> None:
    if currently_in_test_context():
        event(text)


def attempt(fn, *args, **kwargs):
    """Calls `fn`. Returns `(result, None)`, or `(None, error)` for an allowed error. Any other
    exception fails the test."""
    try:
        result = fn(*args, **kwargs)
    except ALLOWED as e:
        str(e), repr(e)
        for attribute in ERROR_ATTRIBUTES.get(type(e), ()):
            getattr(e, attribute)
        _event(f"{_name(fn)}: {type(e).__name__}")
        return None, e
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # pyo3_runtime.PanicException derives from BaseException
        raise AssertionError(
            f"{_name(fn)} raised {type(e).__module__}.{type(e).__qualname__}, which is not a "
            f"CoachingError, TypeError or ValueError: {e!r}"
        ) from e
    _event(f"{_name(fn)}: ok")
    return result, None


@functools.cache
def _fields(cls) -> tuple:
    return tuple(n for n in dir(cls) if not n.startswith("_") and not callable(getattr(cls, n, None)))


def snap(v):
    """The value as plain data for comparison. Reads every attribute of every record, nested,
    and runs its repr, hash and ==, so a stored value that cannot become Python fails here."""
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, float) and math.isnan(v):
        return "nan"
    if isinstance(v, (list, tuple)):
        return [snap(x) for x in v]
    cls = type(v)
    if cls.__module__.split(".")[0] == "coaching":
        repr(v)
        if cls.__hash__ is not None:
            hash(v)
        assert v == v
        out = {n: snap(getattr(v, n)) for n in _fields(cls)}
        out["__class__"] = cls.__name__
        return out
    return v


def fetch(what: str, fn, *args, **kwargs):
    """A read that must work, because it reads back what a write accepted: returns
    `fn(*args, **kwargs)` once every attribute of it has been read. Any exception fails the test."""
    try:
        out = fn(*args, **kwargs)
        snap(out)
        return out
    except (KeyboardInterrupt, SystemExit, AssertionError):
        raise
    except BaseException as e:
        raise AssertionError(f"{what}: reading back what was accepted raised {type(e).__qualname__}: {e}") from e


def read(what: str, fn, *args, **kwargs):
    """The snapshot of `fetch(...)`."""
    return snap(fetch(what, fn, *args, **kwargs))


def the(what: str, obj):
    """The snapshot of an object a write returned. Reading it must work."""
    return read(what, lambda: obj)


def with_id(listing, id_: str, key=None):
    return [x for x in listing if (x[key] if key else x)["id"] == id_]


def shift(t, delta):
    """`t + delta`, clamped to what Python can represent."""
    try:
        return t + delta
    except OverflowError:
        return MAX_UTC if delta > dt.timedelta(0) else MIN_UTC


def as_date(v):
    return v.date() if isinstance(v, dt.datetime) else v


def utc(t):
    """An accepted aware datetime, in UTC (== across zones is False for a fold-dependent time)."""
    return t.astimezone(UTC) if isinstance(t, dt.datetime) else t


def refused(what: str, err) -> None:
    assert err is not None, f"{what} was accepted but must be refused"


def refused_or_empty(what: str, out) -> None:
    assert out is None or not snap(out), f"{what} must be refused or show nothing, but returned {out!r}"


# ------------------------------------------------------------------------ worlds

class World:
    """A fresh practice (team plan, UTC) with its owner, a client with a portal, a 10-session
    program and an Active engagement between them."""

    def __init__(self, lib) -> None:
        self.lib = lib
        self.practice, self.owner = lib.create_practice("Fuzz Practice", owner_name="Owner", plan=Plan.team(3))
        self.client = lib.add_client(self.owner, self.practice.id, "Client", has_portal=True)
        self.program = lib.create_program(self.owner, self.practice.id, "Program", planned_sessions=10)
        e = lib.create_engagement(
            self.owner, self.practice.id, program_id=self.program.id, coach_id=self.owner.id, client_id=self.client.id
        )
        self.engagement = lib.activate(self.owner, e.id)
        self.ids = {
            "practice": ("practice", self.practice.id),
            "coach": ("coach", self.owner.id),
            "client": ("client", self.client.id),
            "program": ("program", self.program.id),
            "engagement": ("engagement", self.engagement.id),
        }

    def real_id(self, name: str) -> tuple:
        """(kind, id, foreign) of a real object: this world's if it has one, else the zoo's
        (foreign: of another practice)."""
        if name in self.ids:
            return (*self.ids[name], False)
        return (*zoo().ids[name], True)


@functools.cache
def memory_store():
    return coaching.in_memory()


@functools.cache
def zoo() -> World:
    """One object of every kind, in a practice of its own; read-only for the fuzz targets."""
    w = World(memory_store())
    lib, me = w.lib, w.owner
    s = lib.book_session(me, w.engagement.id, dt.datetime(2031, 1, 6, 9, tzinfo=UTC), Location.other("Office"))
    n = lib.share_note(me, lib.create_note(me, w.engagement.id, "Zoo note", body_html="<p>zoo</p>").id)
    g = lib.create_goal(me, w.engagement.id, "Zoo goal", due_date=dt.date(2031, 1, 1))
    m = lib.add_milestone(me, g.id, "Zoo milestone")
    a = lib.create_assignment(me, w.engagement.id, "Zoo assignment")
    folder = lib.add_to_library(me, w.practice.id, "Zoo folder")
    file = lib.add_to_library(me, w.practice.id, "zoo.txt", data=b"zoo", media_type="text/plain", parent_id=folder.id)
    lib.share_resource(me, w.engagement.id, folder.id)
    c = lib.add_comment(me, "note", n.id, "<p>zoo comment</p>")
    item = lib.add_program_item(me, w.program.id, "goal", name="Zoo item")
    w.ids.update(
        session=("session", s.id),
        note=("note", n.id),
        goal=("goal", g.id),
        milestone=("milestone", m.id),
        assignment=("assignment", a.id),
        folder=("resource", folder.id),
        resource=("resource", file.id),
        comment=("comment", c.id),
        program_item=("program_item", item.id),
        log_entry=("log_entry", lib.activity(me, w.engagement.id)[0].id),
    )
    return w


@functools.cache
def stranger():
    """The owner and a portal client of another practice that owns nothing the targets use."""
    lib = memory_store()
    practice, owner = lib.create_practice("Elsewhere", owner_name="Stranger", plan=Plan.solo())
    return owner, lib.add_client(owner, practice.id, "Other client", has_portal=True)


@pytest.fixture(scope="module", params=["memory", "sqlite"])
def store(request, tmp_path_factory):
    if request.param == "memory":
        yield memory_store()
    else:
        lib = coaching.open(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
        yield lib
        lib.close()


# ------------------------------------------------------------------------ strategies

SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)
ODD_CHARS = (
    "\x00\x01\x08\x1b\x1f\x7f\x85\x9f\t\n\r\x0b\x0c \u00a0\u1680\u180e\u2000\u2028\u2029\u200b\u200d"
    "\u202e\u2066\u3000\ufeff\ufffd\uffff\U0010ffff\u0301\u0345\U0001f600\ufe0f\U0001f3f3\U000e0067"
    "'\"\\%_<>&;`$*^:()-+İıßſǅΣς\ufb03"
)
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\t",
    "\r\n",
    "\u3000",
    "\ufeff",
    "\u202eevil",
    "\u200b",
    "Robert'); DROP TABLE clients;--",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${jndi:ldap://x}",
    "%s%n%x%d",
    "{0}{}",
    "\\u0000",
    "NaN",
    "None",
    "null",
    "0",
    "-1",
    "x" * 200,
    "x" * 201,
    " " + "x" * 200 + " ",
    "é" * 200,
    "\U0001f44d" * 201,
    "a" + "\u0301" * 300,
    "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 70,
    "y" * 2000,
    "y" * 2001,
    "İstanbul",
    "ǅ ß ſ ﬃ",
]
HUGE_SIZES = [201, 2001, 65_536, 1024 * 1024, 1024 * 1024 + 1, 2 * 1024 * 1024]


@st.composite
def wild_text(draw, max_size=40):
    """Mostly any Unicode. Also control-heavy text, plain ASCII, hand-picked nasties, text with a
    lone surrogate spliced in, and now and then a string of up to 2 MB."""
    k = draw(st.integers(0, 99))
    if k < 50:
        return draw(st.text(st.characters(), max_size=max_size))
    if k < 62:
        return draw(st.text(st.one_of(st.sampled_from(ODD_CHARS), st.characters(max_codepoint=0x7F)), max_size=max_size))
    if k < 74:
        return draw(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-'"), max_size=max_size))
    if k < 84:
        return draw(st.sampled_from(NASTY))
    if k < 96:
        base = draw(st.text(st.characters(), max_size=max_size))
        at = draw(st.integers(0, len(base)))
        return base[:at] + draw(SURROGATE) + base[at:]
    unit = draw(st.text(st.one_of(st.characters(), st.sampled_from(ODD_CHARS)), min_size=1, max_size=3))
    size = draw(st.sampled_from(HUGE_SIZES))
    return (unit * (size // len(unit) + 1))[:size]


HTML_BITS = [
    "<p>", "</p>", "<b>", "</b>", "<i>", "<br/>", "<div>", "</div>", "<mark>", "</mark>", "<script>", "</script>",
    "<style>", "</style>", "<a href='javascript:alert(1)'>", "<a href=\"https://x.example/\">", "</a>",
    "<img src=x onerror=alert(1)>", "<img src='data:image/png;base64,AAAA'>", "<img src='data:image/svg+xml,<svg/>'>",
    "<svg><foreignObject>", "<math><mi>", "<table><tr><td>", "<video src=x controls>", "<!--", "-->", "<![CDATA[",
    "]]>", "&", "&amp;", "&lt;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "<", ">", "<<>>", "<p title=\"", "\"",
    "<?xml?>", "<!DOCTYPE html>", "<noscript>", "<template>", "<iframe src=x>", "\x00",
]
# Deep enough to catch recursion; not so deep that HTML parsing (quadratic in nesting in places)
# takes the file over its time budget.
DEEP_HTML = ["<div>" * 5_000, "<b><i>" * 3_000, "<table>" * 2_000, "<p>" * 10_000 + "x", "&amp;" * 200_000]


@st.composite
def html_text(draw, max_size=40):
    """Text, tag soup, and now and then very deeply nested or very long HTML."""
    k = draw(st.integers(0, 99))
    if k < 45:
        return draw(wild_text(max_size))
    if k < 97:
        return "".join(draw(st.lists(st.one_of(st.sampled_from(HTML_BITS), wild_text(12)), max_size=20)))
    return draw(st.sampled_from(DEEP_HTML))


def optional(strategy):
    return st.one_of(st.none(), strategy)


def unset_or(strategy):
    """DEFAULT (leave it out of an update), None (clear it), or a value."""
    return st.one_of(st.just(DEFAULT), st.none(), strategy)


EMAILS = st.one_of(
    st.none(),
    st.emails(),
    st.sampled_from(["a@b", "a@b@c", "@b", "a@", " a@b.co ", "a b@c.de", "a@b.co\x00", "x" * 250 + "@b.co", "é@ü.de", "", " "]),
    wild_text(),
)

FAR_DATES = [
    dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30), dt.date(9999, 1, 1), dt.date(1970, 1, 1),
    dt.date(1969, 12, 31), dt.date(2000, 2, 29), dt.date(2038, 1, 19), dt.date(1582, 10, 10),
]
DATES = st.one_of(st.dates(), st.sampled_from(FAR_DATES), st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
OPTIONAL_DATES = st.one_of(
    st.none(),
    DATES,
    st.sampled_from(["2026-01-01", 20260101, 1.5, dt.datetime(2026, 1, 1, 12), dt.datetime(9999, 12, 31, 23, 59, tzinfo=UTC)]),
)

FAR_INSTANTS = [
    dt.datetime(9999, 12, 31, 23, 30, tzinfo=UTC),
    dt.datetime(9999, 12, 31, 23, 0, tzinfo=UTC),
    dt.datetime(9999, 12, 31, 22, 59, 59, 999_999, tzinfo=UTC),
    dt.datetime(9999, 12, 31, tzinfo=UTC),
    dt.datetime(9999, 12, 1, 9, tzinfo=UTC),
    MAX_UTC,
    MIN_UTC,
    dt.datetime(1, 1, 1, 0, 30, tzinfo=UTC),
    dt.datetime(1970, 1, 1, tzinfo=UTC),
    dt.datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
    dt.datetime(2038, 1, 19, 3, 14, 8, tzinfo=UTC),
    dt.datetime(2262, 4, 11, 23, 47, 16, 854_775, tzinfo=UTC),
    dt.datetime(1677, 9, 21, 0, 12, 43, 145_224, tzinfo=UTC),
]
UTC_INSTANTS = st.one_of(
    st.sampled_from(FAR_INSTANTS),
    st.datetimes(timezones=st.just(UTC)),
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2035, 12, 31), timezones=st.just(UTC)),
)
ZONES = [
    zoneinfo.ZoneInfo(n)
    for n in ["Europe/London", "Europe/Paris", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago",
              "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns"]
]
OFFSETS = st.builds(
    dt.timezone, st.timedeltas(min_value=-dt.timedelta(hours=23, minutes=59), max_value=dt.timedelta(hours=23, minutes=59))
)
ANY_TZ = st.one_of(OFFSETS, st.sampled_from(ZONES), st.just(UTC))
NAIVE_EXTREMES = [dt.datetime.min, dt.datetime.max, dt.datetime(9999, 12, 31, 23, 30), dt.datetime(1, 1, 1, 0, 30)]
ANY_INSTANTS = st.one_of(
    st.datetimes(timezones=ANY_TZ),
    st.builds(lambda d, tz: d.replace(tzinfo=tz), st.sampled_from(NAIVE_EXTREMES), ANY_TZ),
    st.datetimes(),  # naive
    st.sampled_from(["2026-03-02T09:00Z", 1767225600, 1.5, dt.date(2026, 1, 1)]),
)
LENGTHS = st.one_of(
    st.none(),
    st.timedeltas(min_value=-dt.timedelta(days=2), max_value=dt.timedelta(days=2)),
    st.sampled_from([dt.timedelta(0), dt.timedelta(microseconds=1), dt.timedelta(hours=24), dt.timedelta(hours=24, microseconds=1)]),
)


@functools.cache
def _zone_names():
    return sorted(zoneinfo.available_timezones()) or ["UTC"]


def time_zones():
    return st.one_of(
        st.sampled_from(_zone_names()),
        st.sampled_from(["UTC", "utc", "Etc/GMT+14", "Etc/GMT-14", "Europe/Paris ", " Europe/Paris", "europe/paris",
                         "EST5EDT", "Z", "+01:00", "GMT+1", "Local", "", "../../etc/passwd", "Europe/Paris\x00"]),
        wild_text(),
    )


URL_HOSTS = ["zoom.us", "us02web.zoom.us", "zoom.com", "zoomgov.com", "zoom.us.evil.com", "evilzoom.us", "ZOOM.US",
             "zoom.us.", "user:pw@zoom.us", "zoom.us:99999", "[::1]", "127.0.0.1", "join.skype.com", "skype.net",
             "xn--zm-fka.us", "zoöm.us", "", "zoom.us\\@evil.com"]
URLS = st.one_of(
    st.sampled_from([
        "https://zoom.us/j/123456789", "https://us02web.zoom.us/j/1?pwd=x", "http://zoom.us/j/1", "javascript:alert(1)",
        "skype:echo123?call", "skype:", "https://join.skype.com/abc", "zoom.us/j/1", "//zoom.us/j/1",
        "https://zoom.us/" + "a" * 2100, "https://zoom.us/j/ü#frag", "https://zoom.us/j/%00", "data:text/html,<script>x</script>",
        "file:///etc/passwd", "https://", "", " https://zoom.us/j/1 ",
    ]),
    st.builds(
        "{}://{}/{}".format,
        st.sampled_from(["https", "http", "HTTPS", "skype", "ftp", "javascript", ""]),
        st.sampled_from(URL_HOSTS),
        wild_text(20),
    ),
    wild_text(),
)
PHONES = st.one_of(
    st.sampled_from(["+1 (555) 010-9999", "123", "12", "1" * 20, "1" * 21, "+33 1 23 45 67 89", "٠١٢٣٤", "１２３",
                     "555-CALL-NOW", "tel:+15550100", "", "+" * 40 + "123"]),
    st.text("0123456789 +-().x#*", max_size=40),
    wild_text(),
)
LOCATIONS = st.one_of(
    st.tuples(st.just("other"), st.one_of(st.just("Office"), wild_text())),
    st.tuples(st.just("in_person"), wild_text()),
    st.tuples(st.just("phone"), PHONES),
    st.tuples(st.just("zoom"), URLS),
    st.tuples(st.just("skype"), URLS),
    st.tuples(st.just("raw"), st.sampled_from(["Office", None, 3])),
)


def make_location(spec):
    kind, value = spec
    return value if kind == "raw" else getattr(Location, kind)(value)


KINDS = ["practice", "coach", "client", "program", "engagement", "session", "note", "goal", "milestone",
         "assignment", "folder", "resource", "comment", "program_item", "log_entry"]
FULLWIDTH = str.maketrans("0123456789abcdef-", "０１２３４５６７８９ａｂｃｄｅｆ－")
SPELLINGS = {
    "upper": str.upper,
    "braces": lambda s: "{" + s + "}",
    "urn": lambda s: "urn:uuid:" + s,
    "simple": lambda s: s.replace("-", ""),
    "padded": lambda s: f"  {s}\n",
    "nul": lambda s: s + "\x00",
    "short": lambda s: s[:-1],
    "long": lambda s: s + "0",
    "regrouped": lambda s: s.replace("-", "")[:12] + "-" + s.replace("-", "")[12:],
    "surrogate": lambda s: s + "\ud800",
    "fullwidth": lambda s: s.translate(FULLWIDTH),
}
MALFORMED_IDS = st.one_of(
    st.uuids().map(str),  # well-formed, but names nothing
    st.uuids().map(lambda u: u.hex.upper()),
    st.sampled_from([
        "", " ", "\x00", "0", "null", "None", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "{00000000-0000-0000-0000-000000000000}", "urn:uuid:", UNKNOWN[:-1], UNKNOWN + "0", UNKNOWN[:-1] + "g",
        UNKNOWN.replace("-", "_"), "' OR 1=1 --", "../../etc/passwd", UNKNOWN * 1000,
    ]),
    st.from_regex(r"[0-9a-fA-F{}-]{30,40}", fullmatch=True),
    wild_text(),
)
RIGHT = ("right",)


@st.composite
def id_choices(draw):
    """Which id to pass: mostly the right one, else a real id of some kind (often the wrong
    kind), the right id spelled differently, or a malformed or unknown id."""
    k = draw(st.integers(0, 9))
    if k <= 5:
        return RIGHT
    if k == 6:
        return ("kind", draw(st.sampled_from(KINDS)))
    if k == 7:
        return ("spelling", draw(st.sampled_from(sorted(SPELLINGS))))
    return ("raw", draw(MALFORMED_IDS))


def resolve(choice, right: str, kind: str, w: World):
    """The id to pass where an id of `kind` is expected (`right` the one to use), and what must
    happen: "right" (the right object, perhaps spelled another way: if accepted, it is the one
    affected); "refuse" (a real id of another kind, or of another practice: the call must be
    refused); "other" (another object of the kind, or a malformed id)."""
    if choice[0] == "right":
        return right, "right"
    if choice[0] == "spelling":
        return SPELLINGS[choice[1]](right), "right"
    if choice[0] == "kind":
        real_kind, real, foreign = w.real_id(choice[1])
        if real == right:
            return real, "right"
        return real, "refuse" if foreign or real_kind != kind else "other"
    return choice[1], "other"


ACTORS = st.sampled_from(["owner"] * 6 + ["client", "stranger", "stranger-client", "client-as-coach", "coach-as-client", "unknown-coach"])
# Actors of another practice, or naming no such coach or client: writes by them must be refused,
# reads refused or empty.
OUTSIDERS = {"stranger", "stranger-client", "client-as-coach", "coach-as-client", "unknown-coach"}


def who(name: str, w: World):
    if name == "owner":
        return w.owner
    if name == "client":
        return w.client
    if name == "stranger":
        return stranger()[0]
    if name == "stranger-client":
        return stranger()[1]
    if name == "client-as-coach":
        return Actor.coach(w.client.id)
    if name == "coach-as-client":
        return Actor.client(w.owner.id)
    return Actor.coach(UNKNOWN)


BIG_NUMBERS = [-1, 0, 1, 10_000, 10_001, 1_000_000, 1_000_001, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64,
               -(2**63), -(2**64), 10**30]
NUMBERS = st.one_of(st.integers(-3, 20_000), st.sampled_from(BIG_NUMBERS), st.integers(), st.sampled_from([True, 3.0, "3", None]))
HOURS = st.one_of(
    st.floats(),
    st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 0.0, 5e-324, 1e-9, 0.0083, 0.5, 7.5, 16_666.66, 16_666.67,
                     71_582_788.25, 71_582_788.26, 1e300, -1.0]),
    st.integers(-5, 10**6),
    st.sampled_from([10**400, 2**64, "7.5"]),
)
WINDOWS = st.one_of(
    st.none(),
    st.timedeltas(),
    st.sampled_from([dt.timedelta.max, dt.timedelta.min, dt.timedelta(0), dt.timedelta(microseconds=1), dt.timedelta(minutes=-1),
                     dt.timedelta(days=30), dt.timedelta(days=30, minutes=1), dt.timedelta(days=-1, seconds=59)]),
)
@st.composite
def binaries(draw):
    """Bytes (as bytes, bytearray or memoryview), now and then 1-2 MB of them, or a str."""
    k = draw(st.integers(0, 99))
    if k < 70:
        return draw(st.binary(max_size=256))
    if k < 80:
        return bytearray(draw(st.binary(max_size=64)))
    if k < 88:
        return memoryview(draw(st.binary(max_size=64)))
    if k < 96:
        return draw(st.sampled_from([b"", b"\x00" * 1024, "text, not bytes"]))
    unit = draw(st.binary(min_size=1, max_size=16))
    return unit * (draw(st.integers(1024 * 1024, 2 * 1024 * 1024)) // len(unit))

MEDIA_TYPES = st.one_of(
    st.just(DEFAULT),
    st.sampled_from(["application/pdf", "TEXT/PLAIN; charset=utf-8", "text/html", "image/svg+xml", "a/b", "/", "a/", "/b",
                     "text/plain\x00", "x" * 128 + "/y", " ", "application/octet-stream"]),
    wild_text(),
)


# ------------------------------------------------------------------------ round-trip checks

def check_engagement(w: World, e) -> dict:
    """`e` reads back the same through engagement() and every overview that lists it."""
    lib, me = w.lib, w.owner
    want = the("the engagement", e)
    assert read("engagement()", lib.engagement, me, want["id"]) == want
    p = want["progress"]
    assert p["used"] >= 0 and p["planned"] >= 0 and 0.0 <= p["percent"] <= 100.0, p
    listings = [read("overview_for_practice()", lib.overview_for_practice, me, want["practice_id"])]
    if want["coach_id"]:
        listings.append(read("overview_for_coach()", lib.overview_for_coach, me, want["coach_id"]))
    if want["client_id"]:
        listings.append(read("overview_for_client()", lib.overview_for_client, me, want["client_id"]))
    for listing in listings:
        assert with_id(listing, want["id"]) == [want]
    read("activity()", lib.activity, me, want["id"], limit=1000)
    return want


def check_session(w: World, s, start=None, end=None, windows=True) -> dict:
    """`s` reads back the same everywhere a session shows: session() (coach and client), the
    engagement's upcoming or past list, both dashboards, both .ics exports, the overview."""
    lib, me = w.lib, w.owner
    got = the("the booked session", s)
    if start is not None:
        assert got["start"] == start
    if end is not None:
        assert got["end"] == end
    assert got["start"].utcoffset() == dt.timedelta(0) and got["end"] > got["start"]
    assert got["minutes"] == (got["end"] - got["start"]) // dt.timedelta(minutes=1)
    assert read("session()", lib.session, me, got["id"]) == got
    assert read("session() by the client", lib.session, w.client, got["id"]) == got
    listed = read("sessions('upcoming')", lib.sessions, me, got["engagement_id"], "upcoming", limit=1000)
    listed += read("sessions('past')", lib.sessions, me, got["engagement_id"], "past", limit=1000)
    assert with_id(listed, got["id"]) == [got]
    if windows:
        lo, hi = got["start"], shift(got["start"], dt.timedelta(days=1))
        if hi > lo:
            dashboards = [
                read("upcoming_sessions_for_coach()", lib.upcoming_sessions_for_coach, me, got["coach_id"], lo, hi),
                read("upcoming_sessions_for_client()", lib.upcoming_sessions_for_client, me, got["client_id"], lo, hi),
                read("upcoming_sessions_for_client() by the client", lib.upcoming_sessions_for_client, w.client, got["client_id"], lo, hi),
            ]
            for lines in dashboards:
                assert [x["session"] for x in with_id(lines, got["id"], key="session")] == [got]
            assert isinstance(read("export_ics_for_coach()", lib.export_ics_for_coach, me, got["coach_id"], lo, hi), str)
        assert isinstance(read("export_ics_for_engagement()", lib.export_ics_for_engagement, me, got["engagement_id"]), str)
        check_engagement(w, fetch("engagement()", lib.engagement, me, got["engagement_id"]))
    return got


def check_note(w: World, n) -> dict:
    lib, me = w.lib, w.owner
    got = the("the note", n)
    assert got["title"] and isinstance(got["body_html"], str) and isinstance(got["body_text"], str)
    assert read("note()", lib.note, me, got["id"]) == got
    assert with_id(read("notes()", lib.notes, me, got["engagement_id"]), got["id"]) == [got]
    assert with_id(read("client_notes()", lib.client_notes, me, w.client.id, limit=1000), got["id"]) == [got]
    hits = read("search_notes() without keywords", lib.search_notes, me, "engagement", got["engagement_id"], limit=1000)
    assert [h["note"] for h in with_id(hits, got["id"], key="note")] == [got]
    if got["shared"]:
        assert read("note() by the client", lib.note, w.client, got["id"]) == got
    return got


def check_todos(w: World, expected: dict) -> None:
    """The coach's Client To-Dos list every open goal, milestone and assignment in `expected`
    (id -> due date), with that due date."""
    todos = read("client_todos()", w.lib.client_todos, w.owner, w.owner.id, limit=1000)
    by_id = {t["id"]: t for t in todos}
    today = dt.datetime.now(UTC).date()
    for id_, due in expected.items():
        assert id_ in by_id, f"{id_} is not among the to-dos"
        assert by_id[id_]["due_date"] == due
        if due is not None and abs((due - today).days) > 2:
            assert by_id[id_]["overdue"] == (due < today)


ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
SEARCH_WRAPPERS = ["{}", '"{}"', "{}*", "({})", "^{}", "-{}", "+{}", "{}:", "'{}'", '{}"', '"{}', "{} ", "*{}*", "({}"]


def findable_word(title: str):
    """A word the search must find the note by: only for ASCII titles, where every tokenizer
    (the core's, SQLite's unicode61) agrees on what a word is."""
    if not title.isascii():
        return None
    words = ASCII_WORD.findall(title)
    return words[0] if words else None


# ------------------------------------------------------------------------ targets: people

PLANS = st.one_of(
    st.sampled_from([("free", None), ("solo", None), ("team", None)]),
    st.tuples(st.just("custom"), wild_text()),
)


def make_plan(spec):
    kind, name = spec
    if kind == "free":
        return Plan.free()
    if kind == "solo":
        return Plan.solo()
    if kind == "team":
        return Plan.team(3)
    return Plan(name, max_active_engagements=None, max_coaches=2, can_reassign=True)


@FUZZ
@given(name=wild_text(), owner_name=wild_text(), owner_email=EMAILS, time_zone=st.one_of(st.just(DEFAULT), time_zones()), plan=PLANS)
def test_create_practice(name, owner_name, owner_email, time_zone, plan):
    lib = memory_store()
    p, err = attempt(make_plan, plan)
    if p is None:
        return
    out, err = attempt(lib.create_practice, name, owner_name=owner_name, plan=p, owner_email=owner_email, **kw(time_zone=time_zone))
    if out is None:
        return
    practice, owner = out
    got, me = the("the practice", practice), the("the owner", owner)
    assert got["name"] and got["name"] in name and me["name"] and me["name"] in owner_name
    assert got["owner_id"] == me["id"] and me["practice_id"] == got["id"]
    assert got["plan"] == the("the plan", p)
    if owner_email is None or not owner_email.strip():
        assert me["email"] is None
    else:
        assert me["email"] and me["email"] in owner_email
    assert read("practice()", lib.practice, owner, got["id"]) == got
    assert read("coaches()", lib.coaches, owner, got["id"]) == [me]


@FUZZ
@given(
    name=wild_text(), email=EMAILS, has_portal=st.booleans(), actor=ACTORS,
    new_name=st.one_of(st.just(DEFAULT), wild_text()), new_email=st.one_of(st.just(DEFAULT), EMAILS),
    new_portal=st.one_of(st.just(DEFAULT), st.booleans(), st.sampled_from([None, "yes", 1])),
    client_id=id_choices(), coach_name=wild_text(), coach_email=EMAILS,
)
def test_add_and_update_client(name, email, has_portal, actor, new_name, new_email, new_portal, client_id, coach_name, coach_email):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    c, err = attempt(lib.add_client, who(actor, w), w.practice.id, name, email=email, has_portal=has_portal)
    if actor in OUTSIDERS or actor == "client":
        refused(f"add_client by {actor}", err)
    if c is not None:
        got = the("the client", c)
        assert got["name"] and got["name"] in name and got["has_portal"] == has_portal
        assert read("client()", lib.client, me, got["id"]) == got
        assert with_id(read("clients()", lib.clients, me, w.practice.id), got["id"]) == [got]
        target, expect = resolve(client_id, got["id"], "client", w)
        u, err = attempt(lib.update_client, me, target, **kw(name=new_name, email=new_email, has_portal=new_portal))
        if expect == "refuse":
            refused("update_client with the id of something else", err)
        after = read("client() after update_client", lib.client, me, got["id"])
        if u is None or expect != "right":
            assert after == got, "update_client changed a client it was not given, or was refused and changed it anyway"
        if u is not None:
            upd = the("the updated client", u)
            assert read("client() after update_client", lib.client, me, upd["id"]) == upd
        if u is not None and expect == "right":
            assert upd == after and upd["id"] == got["id"]
            for field, value in (("name", new_name), ("email", new_email), ("has_portal", new_portal)):
                if value is DEFAULT:
                    assert upd[field] == got[field]
            if new_name is not DEFAULT:
                assert upd["name"] and upd["name"] in new_name
            if new_email is not DEFAULT and (new_email is None or not new_email.strip()):
                assert upd["email"] is None
    k, err = attempt(lib.add_coach, me, w.practice.id, coach_name, email=coach_email)
    if k is not None:
        got = the("the coach", k)
        assert got["name"] and got["name"] in coach_name
        assert with_id(read("coaches()", lib.coaches, me, w.practice.id), got["id"]) == [got]


@FUZZ
@given(name=wild_text(), new_name=wild_text(), actor=ACTORS, program_id=id_choices())
def test_create_and_update_program_names(name, new_name, actor, program_id):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    p, err = attempt(lib.create_program, who(actor, w), w.practice.id, name, planned_sessions=4)
    if actor in OUTSIDERS or actor == "client":
        refused(f"create_program by {actor}", err)
    if p is None:
        assert [x["id"] for x in read("programs()", lib.programs, me, w.practice.id)] == [w.program.id]
        return
    got = the("the program", p)
    assert got["name"] and got["name"] in name
    assert read("program()", lib.program, me, got["id"]) == got
    assert with_id(read("programs()", lib.programs, me, w.practice.id), got["id"]) == [got]
    target, expect = resolve(program_id, got["id"], "program", w)
    u, err = attempt(lib.update_program, me, target, name=new_name)
    if expect == "refuse":
        refused("update_program with the id of something else", err)
    after = read("program() after update_program", lib.program, me, got["id"])
    if u is None or expect != "right":
        assert after == got
    else:
        assert the("the updated program", u) == after and after["name"] and after["name"] in new_name


# ------------------------------------------------------------------------ targets: numbers
# A negative or too large int for an unsigned parameter is a ValueError (the binding turns the
# OverflowError of the C conversion into one).

@FUZZ
@given(
    sessions=st.one_of(st.just(DEFAULT), NUMBERS), hours=st.one_of(st.just(DEFAULT), HOURS),
    minutes=st.one_of(st.just(DEFAULT), NUMBERS), window=st.one_of(st.just(DEFAULT), WINDOWS),
    e_sessions=st.one_of(st.just(DEFAULT), NUMBERS), e_hours=st.one_of(st.just(DEFAULT), HOURS),
    set_sessions=st.one_of(st.just(DEFAULT), NUMBERS), set_hours=st.one_of(st.just(DEFAULT), HOURS),
    upd_minutes=st.one_of(st.just(DEFAULT), NUMBERS),
)
def test_planned_numbers_and_session_lengths(sessions, hours, minutes, window, e_sessions, e_hours, set_sessions, set_hours, upd_minutes):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    p, err = attempt(
        lib.create_program, me, w.practice.id, "Numbers",
        **kw(planned_sessions=sessions, planned_hours=hours, session_minutes=minutes, late_cancel_window=window),
    )
    if p is not None:
        got = the("the program", p)
        assert got["planned"] >= 0 and 1 <= got["session_minutes"] <= 24 * 60
        assert read("program()", lib.program, me, got["id"]) == got
        assert with_id(read("programs()", lib.programs, me, w.practice.id), got["id"]) == [got]
        e, err = attempt(
            lib.create_engagement, me, w.practice.id, program_id=got["id"], coach_id=me.id, client_id=w.client.id,
            **kw(planned_sessions=e_sessions, planned_hours=e_hours),
        )
        if e is not None:
            check_engagement(w, e)
    e, err = attempt(lib.set_planned, me, w.engagement.id, **kw(sessions=set_sessions, hours=set_hours))
    if e is not None:
        check_engagement(w, e)
    e, err = attempt(lib.update_engagement, me, w.engagement.id, **kw(session_minutes=upd_minutes, late_cancel_window=window))
    if e is not None:
        assert check_engagement(w, e)["session_minutes"] >= 1
        s, err = attempt(lib.book_session, me, w.engagement.id, dt.datetime(2031, 3, 3, 9, tzinfo=UTC), Location.other("Office"))
        if s is not None:
            check_session(w, s)


@FUZZ
@given(
    call=st.sampled_from(["activity", "practice_activity", "sessions", "client_todos", "client_notes", "search_notes"]),
    offset=st.one_of(st.just(DEFAULT), NUMBERS), limit=st.one_of(st.just(DEFAULT), NUMBERS),
)
def test_paging_numbers(call, offset, limit):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    args = {
        "activity": (w.engagement.id,),
        "practice_activity": (w.practice.id,),
        "sessions": (w.engagement.id, "past"),
        "client_todos": (me.id,),
        "client_notes": (w.client.id,),
        "search_notes": ("practice", w.practice.id, "fuzz"),
    }[call]
    out, err = attempt(getattr(lib, call), me, *args, **kw(offset=offset, limit=limit))
    if out is not None:
        the(call, out)


@FUZZ
@given(active=optional(NUMBERS), coaches=optional(NUMBERS), team=NUMBERS, reassign=st.one_of(st.booleans(), st.sampled_from([None, "yes", 2])))
def test_plan_numbers(active, coaches, team, reassign):
    lib = memory_store()
    makers = [
        lambda: Plan("custom", max_active_engagements=active, max_coaches=coaches, can_reassign=reassign),
        lambda: Plan.team(team),
    ]
    for make in makers:
        plan, err = attempt(make)
        if plan is None:
            continue
        want = the("the plan", plan)
        out, err = attempt(lib.create_practice, "P", owner_name="O", plan=plan)
        if out is not None:
            practice, owner = out
            assert the("the practice", practice)["plan"] == want
            assert read("practice()", lib.practice, owner, practice.id)["plan"] == want
        w = World(lib)
        changed, err = attempt(lib.change_plan, w.owner, w.practice.id, plan)
        after = read("practice()", lib.practice, w.owner, w.practice.id)
        if changed is None:
            assert after == the("the practice", w.practice)
        else:
            assert the("the practice", changed) == after and after["plan"] == want


# ------------------------------------------------------------------------ targets: engagements and dates

@FUZZ_PER_BACKEND
@example(
    start=dt.date.max, end=dt.date.max, program_name=None, program_id=RIGHT, coach_id=RIGHT, client_id=RIGHT,
    new_start=dt.date.min, new_end=DEFAULT, new_name=DEFAULT,
)
@given(
    start=OPTIONAL_DATES, end=OPTIONAL_DATES, program_name=optional(wild_text()),
    program_id=id_choices(), coach_id=id_choices(), client_id=id_choices(),
    new_start=unset_or(OPTIONAL_DATES), new_end=unset_or(OPTIONAL_DATES), new_name=unset_or(wild_text()),
)
def test_engagement_dates(store, start, end, program_name, program_id, coach_id, client_id, new_start, new_end, new_name):
    w = World(store)
    lib, me = w.lib, w.owner
    program, expect_program = resolve(program_id, w.program.id, "program", w)
    coach, expect_coach = resolve(coach_id, me.id, "coach", w)
    client, expect_client = resolve(client_id, w.client.id, "client", w)
    expects = {expect_program, expect_coach, expect_client}
    e, err = attempt(
        lib.create_engagement, me, w.practice.id, program_id=program, coach_id=coach, client_id=client,
        program_name=program_name, start_date=start, end_date=end,
    )
    if "refuse" in expects:
        refused("create_engagement with the id of something else", err)
    if e is None:
        assert [x["id"] for x in read("overview_for_practice()", lib.overview_for_practice, me, w.practice.id)] == [w.engagement.id]
        return
    got = check_engagement(w, e)
    assert (got["start_date"], got["end_date"]) == (as_date(start), as_date(end))
    if expects == {"right"}:
        assert (got["program_id"], got["coach_id"], got["client_id"]) == (w.program.id, me.id, w.client.id)
    u, err = attempt(lib.update_engagement, me, got["id"], **kw(start_date=new_start, end_date=new_end, program_name=new_name))
    after = read("engagement() after update_engagement", lib.engagement, me, got["id"])
    if u is None:
        assert after == got, "a refused update_engagement changed the engagement"
        return
    upd = check_engagement(w, u)
    assert upd == after
    assert upd["start_date"] == (got["start_date"] if new_start is DEFAULT else as_date(new_start))
    assert upd["end_date"] == (got["end_date"] if new_end is DEFAULT else as_date(new_end))


# ------------------------------------------------------------------------ targets: sessions

def _no_sessions(w: World) -> None:
    lib, me, e = w.lib, w.owner, w.engagement.id
    assert read("sessions('upcoming')", lib.sessions, me, e, "upcoming") == []
    assert read("sessions('past')", lib.sessions, me, e, "past") == []


@FUZZ_PER_BACKEND
@example(start=dt.datetime(9999, 12, 31, 23, 30, tzinfo=UTC), length=None, location=("other", "Office"), time_zone=DEFAULT)
@example(start=MIN_UTC, length=None, location=("other", "Office"), time_zone="Pacific/Pago_Pago")
@given(start=UTC_INSTANTS, length=LENGTHS, location=LOCATIONS, time_zone=st.one_of(st.just(DEFAULT), time_zones()))
def test_book_session_at_far_instants(store, start, length, location, time_zone):
    """The bug this guards against: a session at 9999-12-31 23:30 UTC ended in year 10000, and
    every list that contained it raised from then on."""
    w = World(store)
    lib, me = w.lib, w.owner
    loc, err = attempt(make_location, location)
    if loc is None:
        return
    end = DEFAULT if length is None else shift(start, length)
    s, err = attempt(lib.book_session, me, w.engagement.id, start, loc, **kw(end=end, time_zone=time_zone))
    if s is None:
        _no_sessions(w)
        return
    got = check_session(w, s, start=start, end=None if end is DEFAULT else end)
    assert got["location"]["kind"] == loc.kind


@FUZZ
@given(start=ANY_INSTANTS, end=st.one_of(st.just(DEFAULT), st.none(), ANY_INSTANTS), engagement_id=id_choices(), actor=ACTORS)
def test_book_session_in_any_zone_and_by_anyone(start, end, engagement_id, actor):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    target, expect = resolve(engagement_id, w.engagement.id, "engagement", w)
    s, err = attempt(lib.book_session, who(actor, w), target, start, Location.other("Office"), **kw(end=end))
    if expect == "refuse" or actor in OUTSIDERS:
        refused(f"book_session by {actor} in {target!r}", err)
    if s is None:
        _no_sessions(w)
    else:
        got = check_session(w, s, start=utc(start), end=None if end in (None, DEFAULT) else utc(end))
        assert got["engagement_id"] == w.engagement.id
        cancelled, err = attempt(lib.cancel_session, me, s.id, reason="Fuzz")
        if cancelled is not None:
            after = the("the cancelled session", cancelled)
            assert after["status"] in ("cancelled", "late_cancelled")
            assert read("session() after cancel_session", lib.session, me, s.id) == after
            listed = read("sessions('upcoming')", lib.sessions, me, w.engagement.id, "upcoming", limit=1000)
            listed += read("sessions('past')", lib.sessions, me, w.engagement.id, "past", limit=1000)
            assert with_id(listed, after["id"]) == [after]
            check_engagement(w, fetch("engagement()", lib.engagement, me, w.engagement.id))
    s2, err = attempt(lib.book_session, me, w.engagement.id, dt.datetime(2031, 3, 3, 9, tzinfo=UTC), Location.other("Office"))
    if s2 is None:
        return
    before = check_session(w, s2)
    moved, err = attempt(lib.reschedule_session, me, s2.id, start, **kw(end=end))
    if moved is None:
        assert read("session() after reschedule_session", lib.session, me, s2.id) == before
    else:
        check_session(w, moved, start=utc(start), end=None if end in (None, DEFAULT) else utc(end))


@FUZZ
@given(location=LOCATIONS, new_location=LOCATIONS)
def test_session_locations(location, new_location):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    loc, err = attempt(make_location, location)
    if loc is None:
        return
    s, err = attempt(lib.book_session, me, w.engagement.id, dt.datetime(2031, 3, 3, 9, tzinfo=UTC), loc)
    if s is None:
        return
    got = check_session(w, s, windows=False)
    assert got["location"]["kind"] == loc.kind and got["location"]["value"]
    new, err = attempt(make_location, new_location)
    if new is None:
        return
    moved, err = attempt(lib.set_session_location, me, s.id, new)
    after = read("session() after set_session_location", lib.session, me, s.id)
    if moved is None:
        assert after == got, "a refused set_session_location changed the session"
    else:
        assert the("the moved session", moved) == after and after["location"]["kind"] == new.kind


@FUZZ_PER_BACKEND
@example(start=dt.datetime(9999, 12, 1, 9, tzinfo=UTC), every_weeks=1, count=6, until=None)
@given(
    start=UTC_INSTANTS,
    every_weeks=st.one_of(st.integers(1, 52), st.sampled_from([0, 53, 2**32 - 1])),
    count=st.one_of(st.none(), st.integers(1, 6), st.sampled_from([0, 104, 105, 2**32 - 1])),
    until=optional(DATES),
)
def test_book_series_at_far_dates(store, start, every_weeks, count, until):
    w = World(store)
    lib, me = w.lib, w.owner
    series, err = attempt(
        lib.book_series, me, w.engagement.id, start, Location.other("Office"), every_weeks=every_weeks, count=count, until=until
    )
    if series is None:
        _no_sessions(w)
        return
    assert series and (count is None or len(series) == count)
    got = [the("a session of the series", s) for s in series]
    assert got[0]["start"] == start
    listed = read("sessions('upcoming')", lib.sessions, me, w.engagement.id, "upcoming", limit=1000)
    listed += read("sessions('past')", lib.sessions, me, w.engagement.id, "past", limit=1000)
    assert sorted(x["id"] for x in listed) == sorted(x["id"] for x in got)
    for s in {series[0].id: series[0], series[-1].id: series[-1]}.values():
        check_session(w, s)


# ------------------------------------------------------------------------ targets: notes and search

@FUZZ
@given(
    title=wild_text(), body=html_text(), new_title=st.one_of(st.just(DEFAULT), wild_text()),
    new_body=st.one_of(st.just(DEFAULT), html_text()), engagement_id=id_choices(), note_id=id_choices(),
    actor=ACTORS, share=st.booleans(), wrapper=st.sampled_from(SEARCH_WRAPPERS),
)
def test_create_and_update_notes(title, body, new_title, new_body, engagement_id, note_id, actor, share, wrapper):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    target, expect = resolve(engagement_id, w.engagement.id, "engagement", w)
    n, err = attempt(lib.create_note, who(actor, w), target, title, body_html=body)
    if expect == "refuse" or actor in OUTSIDERS or actor == "client":
        refused(f"create_note by {actor} in {target!r}", err)
    if n is None:
        assert read("notes()", lib.notes, me, w.engagement.id) == []
        return
    if share:
        n = lib.share_note(me, n.id)
    got = check_note(w, n)
    assert got["engagement_id"] == w.engagement.id and got["title"] in title
    word = findable_word(got["title"])
    if word:
        query = wrapper.format(word)
        hits = read(f"search_notes({query!r})", lib.search_notes, me, "engagement", w.engagement.id, query)
        assert with_id(hits, got["id"], key="note"), f"searching {query!r} did not find the note titled {got['title']!r}"
    target, expect = resolve(note_id, got["id"], "note", w)
    u, err = attempt(lib.update_note, me, target, **kw(title=new_title, body_html=new_body))
    if expect == "refuse":
        refused("update_note with the id of something else", err)
    after = read("note() after update_note", lib.note, me, got["id"])
    if u is None:
        assert after == got, "a refused update_note changed the note"
        return
    upd = check_note(w, u)
    assert upd == after and upd["id"] == got["id"]
    assert upd["title"] == got["title"] if new_title is DEFAULT else upd["title"] in new_title
    if new_body is DEFAULT:
        assert upd["body_html"] == got["body_html"]


FTS_BITS = [
    '"', '""', "'", "*", "^", "-", "+", "(", ")", ":", ",", ".", "NEAR(", "NEAR/3", "NEAR", "AND", "OR", "NOT", "and", "or",
    "not", "col:term", "title:x", "body_text:x", "notes_fts", "{title body_text}:x", "rowid", "\x00", "\\", "%", "_", "[",
    "]", "{", "}", ";", "--", "/*", "*/", "'; DROP TABLE notes; --", "a" * 65, "é", "ß", "İ", "\U0001f642", "fuzz",
]
FTS_EXAMPLES = [
    '"a" OR b*', "NEAR(a b, 3)", "NEAR(", "^a", "col:term", "a AND", "AND", "OR", '"unterminated', 'a"b', "(a OR b",
    "a)", "-a", "- -", "*", "**", "a*b", '"" ""', "a" * 1000, " ".join(f"w{i}" for i in range(100)), "\x00", "", " ",
    "ǅ ß İ", "fuzz" * 100_000,
]
SEARCH_TERMS = st.one_of(
    st.none(),
    st.sampled_from(FTS_EXAMPLES),
    st.lists(st.one_of(st.sampled_from(FTS_BITS), wild_text(8)), max_size=12).map(" ".join),
    st.lists(st.one_of(st.sampled_from(FTS_BITS), wild_text(8)), max_size=12).map("".join),
    wild_text(),
)
SCOPES = st.one_of(st.sampled_from(["engagement", "client", "practice"]), st.sampled_from(list(coaching.NoteScope)), wild_text(12))
SCOPE_KINDS = {"engagement": "engagement", "client": "client", "practice": "practice"}


@FUZZ_PER_BACKEND
@given(
    keywords=SEARCH_TERMS, scope=SCOPES, scope_id=id_choices(), actor=ACTORS,
    edited_from=st.one_of(st.just(DEFAULT), st.none(), UTC_INSTANTS), edited_to=st.one_of(st.just(DEFAULT), st.none(), UTC_INSTANTS),
    title=wild_text(), body=html_text(), shared=st.booleans(), wrapper=st.sampled_from(SEARCH_WRAPPERS),
)
def test_search_notes(store, keywords, scope, scope_id, actor, edited_from, edited_to, title, body, shared, wrapper):
    w = World(store)
    lib, me = w.lib, w.owner
    n, err = attempt(lib.create_note, me, w.engagement.id, title, body_html=body)
    if n is None:
        n = lib.create_note(me, w.engagement.id, "Plain fuzz note", body_html="<p>plain fuzz body</p>")
    n = lib.share_note(me, n.id, shared)
    kind = SCOPE_KINDS.get(str(scope), "engagement")
    target, expect = resolve(scope_id, w.ids[kind][1], kind, w)
    hits, err = attempt(lib.search_notes, who(actor, w), scope, target, keywords, **kw(edited_from=edited_from, edited_to=edited_to))
    if expect == "refuse":
        refused(f"search_notes in {scope!r} {target!r}, the id of something else", err)
    if actor in OUTSIDERS:
        refused_or_empty(f"search_notes by {actor}", hits)
    if hits is not None:
        for h in the("the search hits", hits):
            assert h["note"]["practice_id"] == w.practice.id, "the search found a note of another practice"
            assert h["snippet_html"] is None or isinstance(h["snippet_html"], str)
            assert h["rank"] != "nan"
            if actor == "client":
                assert h["note"]["shared"], "the client found a private note"
    got = check_note(w, n)
    word = findable_word(got["title"])
    if word:
        query = wrapper.format(word)
        found = read(f"search_notes({query!r})", lib.search_notes, me, "engagement", w.engagement.id, query)
        assert with_id(found, got["id"], key="note"), f"searching {query!r} did not find the note titled {got['title']!r}"


# ------------------------------------------------------------------------ targets: goals, milestones, assignments, program items

@FUZZ_PER_BACKEND
@example(
    name="Goal", description=None, due=dt.date.max, m_name="Milestone", m_due=dt.date.min, a_name="Assignment",
    a_due=dt.date.max, new_due=dt.date.min, engagement_id=RIGHT, goal_id=RIGHT, actor="owner",
)
@given(
    name=wild_text(), description=optional(wild_text(80)), due=OPTIONAL_DATES, m_name=wild_text(), m_due=OPTIONAL_DATES,
    a_name=wild_text(), a_due=OPTIONAL_DATES, new_due=unset_or(OPTIONAL_DATES), engagement_id=id_choices(), goal_id=id_choices(),
    actor=ACTORS,
)
def test_goals_milestones_and_assignments(store, name, description, due, m_name, m_due, a_name, a_due, new_due, engagement_id, goal_id, actor):
    w = World(store)
    lib, me = w.lib, w.owner
    todos = {}  # id -> due date, of every open to-do that must be listed
    target, expect = resolve(engagement_id, w.engagement.id, "engagement", w)
    g, err = attempt(lib.create_goal, who(actor, w), target, name, description=description, due_date=due)
    if expect == "refuse" or actor in OUTSIDERS:
        refused(f"create_goal by {actor} in {target!r}", err)
    if g is None:
        assert read("goals()", lib.goals, me, w.engagement.id) == []
    else:
        got = the("the goal", g)
        assert got["name"] and got["name"] in name and got["due_date"] == as_date(due) and got["engagement_id"] == w.engagement.id
        listed = with_id(read("goals()", lib.goals, me, w.engagement.id), got["id"])
        assert len(listed) == 1 and {**listed[0], "milestones": []} == got
        todos[got["id"]] = got["due_date"]
        goal, expect = resolve(goal_id, got["id"], "goal", w)
        m, err = attempt(lib.add_milestone, me, goal, m_name, due_date=m_due)
        if expect == "refuse":
            refused("add_milestone to the id of something else", err)
        if m is not None:
            mg = the("the milestone", m)
            assert mg["name"] and mg["name"] in m_name and mg["due_date"] == as_date(m_due)
            assert expect == "right" and mg["goal_id"] == got["id"], "add_milestone added to another goal"
            listed = with_id(read("goals()", lib.goals, me, w.engagement.id), got["id"])
            assert with_id(listed[0]["milestones"], mg["id"]) == [mg]
            todos[mg["id"]] = mg["due_date"]
            u, err = attempt(lib.update_milestone, me, mg["id"], **kw(due_date=new_due))
            if u is not None:
                todos[mg["id"]] = the("the updated milestone", u)["due_date"]
        u, err = attempt(lib.update_goal, me, got["id"], **kw(due_date=new_due))
        if u is not None:
            upd = the("the updated goal", u)
            assert upd["due_date"] == (got["due_date"] if new_due is DEFAULT else as_date(new_due))
            todos[got["id"]] = upd["due_date"]
        listed = with_id(read("goals()", lib.goals, me, w.engagement.id), got["id"])
        assert listed[0]["due_date"] == todos[got["id"]]
    a, err = attempt(lib.create_assignment, me, w.engagement.id, a_name, description=description, due_date=a_due)
    if a is not None:
        got = the("the assignment", a)
        assert got["name"] and got["name"] in a_name and got["due_date"] == as_date(a_due)
        listed = with_id(read("assignments()", lib.assignments, me, w.engagement.id), got["id"])
        assert len(listed) == 1 and {**listed[0], "files": []} == got
        todos[got["id"]] = got["due_date"]
        u, err = attempt(lib.update_assignment, me, got["id"], **kw(due_date=new_due))
        if u is not None:
            todos[got["id"]] = the("the updated assignment", u)["due_date"]
    check_todos(w, todos)
    check_engagement(w, fetch("engagement()", lib.engagement, me, w.engagement.id))


@FUZZ_PER_BACKEND
@example(kind="goal", name="Item", description=None, due_after_days=1, start=dt.date.max, resource_id=RIGHT)
@example(kind="assignment", name="Item", description=None, due_after_days=2**32 - 1, start=dt.date(9999, 1, 1), resource_id=RIGHT)
@given(
    kind=st.one_of(st.sampled_from(["goal", "assignment", "resource"]), wild_text(12)), name=optional(wild_text()),
    description=optional(wild_text(80)),
    due_after_days=st.one_of(st.none(), st.integers(0, 400), st.sampled_from([0, 2_932_896, 3_000_000, 2**31 - 1, 2**32 - 1])),
    start=optional(DATES), resource_id=id_choices(),
)
def test_program_items_and_far_start_dates(store, kind, name, description, due_after_days, start, resource_id):
    w = World(store)
    lib, me = w.lib, w.owner
    file = lib.add_to_library(me, w.practice.id, "Handout.pdf", data=b"%PDF", media_type="application/pdf")
    res, expect = resolve(resource_id, file.id, "resource", w)
    item, err = attempt(
        lib.add_program_item, me, w.program.id, kind, name=name, description=description, due_after_days=due_after_days,
        resource_id=res if kind == "resource" else None,
    )
    if kind == "resource" and expect == "refuse":
        refused("add_program_item with the id of something else", err)
    if item is not None:
        got = the("the program item", item)
        assert with_id(read("program_items()", lib.program_items, me, w.program.id), got["id"]) == [got]
    e, err = attempt(lib.create_engagement, me, w.practice.id, program_id=w.program.id, coach_id=me.id, client_id=w.client.id, start_date=start)
    if e is None:
        return
    check_engagement(w, e)
    active, err = attempt(lib.activate, me, e.id)
    if active is not None:
        check_engagement(w, active)
    goals = read("goals()", lib.goals, me, e.id)
    assignments = read("assignments()", lib.assignments, me, e.id)
    if item is not None and kind in ("goal", "assignment"):
        copies = goals if kind == "goal" else assignments
        assert len(copies) == 1
        if start is None or due_after_days is None:
            assert copies[0]["due_date"] is None
        elif due_after_days <= (dt.date.max - start).days:
            assert copies[0]["due_date"] == start + dt.timedelta(days=due_after_days)
    read("client_todos()", lib.client_todos, me, me.id, limit=1000)


# ------------------------------------------------------------------------ targets: comments and the library

@FUZZ
@given(
    on=st.one_of(st.sampled_from(["note", "goal", "assignment"]), st.sampled_from(list(coaching.CommentOn)), wild_text(12)),
    target_id=id_choices(), body=html_text(), actor=ACTORS,
)
def test_add_comment(on, target_id, body, actor):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    n = lib.share_note(me, lib.create_note(me, w.engagement.id, "Note").id)
    g = lib.create_goal(me, w.engagement.id, "Goal")
    a = lib.create_assignment(me, w.engagement.id, "Assignment")
    kind = str(on) if str(on) in ("note", "goal", "assignment") else "note"
    right = {"note": n.id, "goal": g.id, "assignment": a.id}[kind]
    target, expect = resolve(target_id, right, kind, w)
    c, err = attempt(lib.add_comment, who(actor, w), on, target, body)
    if expect == "refuse" or actor in OUTSIDERS:
        refused(f"add_comment by {actor} on {on!r} {target!r}", err)
    if c is None:
        for what, id_ in (("note", n.id), ("goal", g.id), ("assignment", a.id)):
            assert read("comments()", lib.comments, me, what, id_) == []
        return
    got = the("the comment", c)
    assert got["target_id"] == right and got["on"] == kind and got["engagement_id"] == w.engagement.id
    assert with_id(read("comments()", lib.comments, me, kind, right), got["id"]) == [got]
    assert with_id(read("comments() by the client", lib.comments, w.client, kind, right), got["id"]) == [got]
    read("activity()", lib.activity, me, w.engagement.id, limit=1000)


@FUZZ
@given(
    name=wild_text(), data=st.one_of(st.just(DEFAULT), st.none(), binaries()), media_type=MEDIA_TYPES,
    url=st.one_of(st.just(DEFAULT), st.none(), URLS), parent_id=st.one_of(st.none(), id_choices()), actor=ACTORS,
)
def test_add_to_library(name, data, media_type, url, parent_id, actor):
    w = World(memory_store())
    lib, me = w.lib, w.owner
    folder = lib.add_to_library(me, w.practice.id, "Folder")
    parent, expect = (None, "right") if parent_id is None else resolve(parent_id, folder.id, "resource", w)
    r, err = attempt(lib.add_to_library, who(actor, w), w.practice.id, name, **kw(data=data, media_type=media_type, url=url, parent_id=parent))
    if expect == "refuse" or actor in OUTSIDERS or actor == "client":
        refused(f"add_to_library by {actor} in folder {parent!r}", err)
    if r is None:
        assert [x["id"] for x in read("library()", lib.library, me, w.practice.id)] == [folder.id]
        assert read("library() of the folder", lib.library, me, w.practice.id, folder.id) == []
        return
    got = the("the resource", r)
    assert got["name"] and got["name"] in name
    assert got["parent_id"] == (None if parent is None else folder.id)
    assert with_id(read("library()", lib.library, me, w.practice.id, got["parent_id"]), got["id"]) == [got]
    if data is not DEFAULT and data is not None:
        raw = bytes(data)
        assert (got["kind"], got["size"], got["sha256"]) == ("file", len(raw), hashlib.sha256(raw).hexdigest())
        res, content = read("download()", lib.download, me, got["id"])
        assert res == got and content == raw
    elif url is not DEFAULT and url is not None:
        assert got["kind"] == "link" and got["url"].startswith(("http://", "https://"))
    else:
        assert got["kind"] == "folder"


# ------------------------------------------------------------------------ targets: lookups

LOOKUPS = {  # call -> the zoo object whose id it takes
    "engagement": "engagement", "session": "session", "note": "note", "client": "client", "program": "program",
    "practice": "practice",
}
LIST_LOOKUPS = {
    "notes": "engagement", "goals": "engagement", "assignments": "engagement", "sessions": "engagement",
    "activity": "engagement", "engagement_resources": "engagement", "export_ics_for_engagement": "engagement",
    "overview_for_coach": "coach", "overview_for_client": "client", "overview_for_practice": "practice",
    "clients": "practice", "coaches": "practice", "programs": "practice", "library": "practice",
    "practice_activity": "practice", "client_todos": "coach", "client_notes": "client", "program_items": "program",
    "download": "resource", "engagement_folder": "folder",
}


@FUZZ
@given(call=st.sampled_from(sorted(LOOKUPS) + sorted(LIST_LOOKUPS)), id_=id_choices(), actor=ACTORS)
def test_lookups_with_random_and_wrong_kind_ids(call, id_, actor):
    z = zoo()
    lib = z.lib
    kind, right, _ = z.real_id(LOOKUPS.get(call) or LIST_LOOKUPS[call])
    target, expect = resolve(id_, right, kind, z)
    if call == "engagement_folder":
        out, err = attempt(lib.engagement_folder, who(actor, z), z.engagement.id, target)
    else:
        out, err = attempt(getattr(lib, call), who(actor, z), target)
    if expect == "refuse":
        refused(f"{call} of {target!r}, the id of something else", err)
    if actor in OUTSIDERS:
        refused_or_empty(f"{call} by {actor}", out)
    if id_ == RIGHT and actor == "owner":
        assert err is None, f"{call} of its own {kind} refused the owner: {err!r}"
    if out is None:
        return
    got = the(call, out)
    if call in LOOKUPS and expect == "right":
        assert got["id"] == right, f"{call}({target!r}) returned {got['id']}, not {right}"
        if actor == "owner":
            assert got == read(call, getattr(lib, call), z.owner, right)


# ------------------------------------------------------------------------ lone surrogates: one error type

S = "a\ud800b"


def _surrogate_world() -> World:
    w = World(coaching.in_memory())
    lib, me = w.lib, w.owner
    w.note = lib.create_note(me, w.engagement.id, "Note")
    w.goal = lib.create_goal(me, w.engagement.id, "Goal")
    w.milestone = lib.add_milestone(me, w.goal.id, "Milestone")
    w.assignment = lib.create_assignment(me, w.engagement.id, "Assignment")
    w.session = lib.book_session(me, w.engagement.id, dt.datetime(2031, 3, 3, 9, tzinfo=UTC), Location.other("Office"))
    return w


def _assert_one_error_class(calls: dict) -> None:
    found = {}
    for label, call in calls.items():
        try:
            call()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:
            found[label] = type(e)
        else:
            found[label] = None
    wrong = {label: cls for label, cls in found.items() if cls is not SURROGATE_ERROR}
    assert not wrong, (
        f"expected {SURROGATE_ERROR.__qualname__} from every call given a lone surrogate; instead:\n"
        + "\n".join(
            f"  {label}: {'accepted' if cls is None else cls.__module__ + '.' + cls.__qualname__}"
            for label, cls in sorted(wrong.items())
        )
    )


def test_lone_surrogates_give_one_error_type_everywhere():
    """Every string-taking create_*/add_*/book_* and update_* method, given "a\\ud800b" in one
    string argument (the others valid), raises the same class: SURROGATE_ERROR."""
    w = _surrogate_world()
    lib, me, p, e = w.lib, w.owner, w.practice.id, w.engagement.id
    when = dt.datetime(2032, 1, 5, 9, tzinfo=UTC)
    office = Location.other("Office")
    _assert_one_error_class({
        "create_practice(name)": lambda: lib.create_practice(S, owner_name="O", plan=Plan.solo()),
        "create_practice(owner_name)": lambda: lib.create_practice("P", owner_name=S, plan=Plan.solo()),
        "create_practice(owner_email)": lambda: lib.create_practice("P", owner_name="O", plan=Plan.solo(), owner_email=S),
        "create_practice(time_zone)": lambda: lib.create_practice("P", owner_name="O", plan=Plan.solo(), time_zone=S),
        "add_coach(name)": lambda: lib.add_coach(me, p, S),
        "add_coach(email)": lambda: lib.add_coach(me, p, "C", email=S),
        "add_client(name)": lambda: lib.add_client(me, p, S),
        "add_client(email)": lambda: lib.add_client(me, p, "C", email=S),
        "create_program(name)": lambda: lib.create_program(me, p, S, planned_sessions=3),
        "create_engagement(program_name)": lambda: lib.create_engagement(me, p, program_name=S),
        "book_session(time_zone)": lambda: lib.book_session(me, e, when, office, time_zone=S),
        "book_series(time_zone)": lambda: lib.book_series(me, e, when, office, count=2, time_zone=S),
        "create_note(title)": lambda: lib.create_note(me, e, S),
        "create_note(body_html)": lambda: lib.create_note(me, e, "T", body_html=S),
        "create_goal(name)": lambda: lib.create_goal(me, e, S),
        "create_goal(description)": lambda: lib.create_goal(me, e, "G", description=S),
        "add_milestone(name)": lambda: lib.add_milestone(me, w.goal.id, S),
        "create_assignment(name)": lambda: lib.create_assignment(me, e, S),
        "create_assignment(description)": lambda: lib.create_assignment(me, e, "A", description=S),
        "add_assignment_file(name)": lambda: lib.add_assignment_file(me, w.assignment.id, name=S, data=b"x"),
        "add_assignment_file(media_type)": lambda: lib.add_assignment_file(me, w.assignment.id, name="f.txt", data=b"x", media_type=S),
        "add_assignment_file(message)": lambda: lib.add_assignment_file(me, w.assignment.id, name="f.txt", data=b"x", message=S),
        "add_to_library(name)": lambda: lib.add_to_library(me, p, S),
        "add_to_library(url)": lambda: lib.add_to_library(me, p, "L", url=S),
        "add_to_library(media_type)": lambda: lib.add_to_library(me, p, "f.txt", data=b"x", media_type=S),
        "add_to_client_library(name)": lambda: lib.add_to_client_library(w.client, S),
        "upload_to_engagement(name)": lambda: lib.upload_to_engagement(me, e, S, data=b"x"),
        "add_program_item(name)": lambda: lib.add_program_item(me, w.program.id, "goal", name=S),
        "add_program_item(description)": lambda: lib.add_program_item(me, w.program.id, "goal", name="I", description=S),
        "add_comment(body_html)": lambda: lib.add_comment(me, "note", w.note.id, S),
        "update_client(name)": lambda: lib.update_client(me, w.client.id, name=S),
        "update_client(email)": lambda: lib.update_client(me, w.client.id, email=S),
        "update_program(name)": lambda: lib.update_program(me, w.program.id, name=S),
        "update_engagement(program_name)": lambda: lib.update_engagement(me, e, program_name=S),
        "update_note(title)": lambda: lib.update_note(me, w.note.id, title=S),
        "update_note(body_html)": lambda: lib.update_note(me, w.note.id, body_html=S),
        "update_goal(name)": lambda: lib.update_goal(me, w.goal.id, name=S),
        "update_goal(description)": lambda: lib.update_goal(me, w.goal.id, description=S),
        "update_milestone(name)": lambda: lib.update_milestone(me, w.milestone.id, name=S),
        "update_assignment(name)": lambda: lib.update_assignment(me, w.assignment.id, name=S),
        "update_assignment(description)": lambda: lib.update_assignment(me, w.assignment.id, description=S),
    })


def test_lone_surrogates_in_ids_queries_reasons_and_constructors_give_the_same_error_type():
    """The rest of the surface that takes a string: ids, search keywords, enum names, reasons,
    and the constructors of Location, Plan and Actor."""
    w = _surrogate_world()
    lib, me, p, e = w.lib, w.owner, w.practice.id, w.engagement.id
    _assert_one_error_class({
        "engagement(engagement_id)": lambda: lib.engagement(me, S),
        "note(note_id)": lambda: lib.note(me, S),
        "session(session_id)": lambda: lib.session(me, S),
        "create_note(engagement_id)": lambda: lib.create_note(me, S, "T"),
        "create_engagement(client_id)": lambda: lib.create_engagement(me, p, client_id=S),
        "search_notes(keywords)": lambda: lib.search_notes(me, "engagement", e, S),
        "search_notes(scope)": lambda: lib.search_notes(me, S, e, "x"),
        "sessions(range)": lambda: lib.sessions(me, e, S),
        "set_status(status)": lambda: lib.set_status(me, e, S),
        "add_comment(on)": lambda: lib.add_comment(me, S, w.note.id, "Hi"),
        "add_program_item(kind)": lambda: lib.add_program_item(me, w.program.id, S, name="I"),
        "complete(reason)": lambda: lib.complete(me, e, reason=S),
        "cancel_session(reason)": lambda: lib.cancel_session(me, w.session.id, reason=S),
        "Location.phone": lambda: Location.phone(S),
        "Location.in_person": lambda: Location.in_person(S),
        "Location.zoom": lambda: Location.zoom(S),
        "Location.skype": lambda: Location.skype(S),
        "Location.other": lambda: Location.other(S),
        "Plan(name)": lambda: Plan(S),
        "Actor.coach": lambda: Actor.coach(S),
        "Actor.client": lambda: Actor.client(S),
    })
