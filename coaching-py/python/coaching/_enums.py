"""The library's enums. Values are the stable names the core uses, so a member compares equal
to its string (``Status.ACTIVE == "active"``) and strings are accepted wherever a member is."""

from enum import StrEnum


class Status(StrEnum):
    """Engagement lifecycle status."""

    DRAFT = "draft"
    ACTIVE = "active"
    INACTIVE = "inactive"
    COMPLETED = "completed"


class Phase(StrEnum):
    """Display phase, derived from status and progress."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class ProgressUnit(StrEnum):
    SESSIONS = "sessions"
    HOURS = "hours"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    LATE_CANCELLED = "late_cancelled"
    NO_SHOW = "no_show"


class SessionRange(StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"


class LocationKind(StrEnum):
    PHONE = "phone"
    IN_PERSON = "in_person"
    ZOOM = "zoom"
    SKYPE = "skype"
    OTHER = "other"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"


class AssignmentStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"


class ResourceKind(StrEnum):
    FOLDER = "folder"
    FILE = "file"
    LINK = "link"


class ResourcePlace(StrEnum):
    LIBRARY = "library"
    CLIENT_LIBRARY = "client_library"
    ENGAGEMENT = "engagement"


class TodoKind(StrEnum):
    GOAL = "goal"
    MILESTONE = "milestone"
    ASSIGNMENT = "assignment"


class ActorKind(StrEnum):
    COACH = "coach"
    CLIENT = "client"
    SYSTEM = "system"


class CommentOn(StrEnum):
    """What a comment is on."""

    NOTE = "note"
    GOAL = "goal"
    ASSIGNMENT = "assignment"


class NoteScope(StrEnum):
    """Where a note search looks."""

    ENGAGEMENT = "engagement"
    CLIENT = "client"
    PRACTICE = "practice"
