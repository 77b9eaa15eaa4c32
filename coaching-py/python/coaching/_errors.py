"""The exceptions the library raises: one class per core error, under :class:`CoachingError`,
with the core error's structured fields as attributes. The compiled module raises these
classes; their attributes are annotated here, so type checkers see them."""

from __future__ import annotations

import datetime

from ._enums import ProgressUnit, SessionStatus, Status


class CoachingError(Exception):
    """Base class of every error the library raises."""


class NotFoundError(CoachingError):
    """The thing asked for does not exist, or is not the actor's to see."""

    kind: str
    id: str


class PermissionDeniedError(CoachingError):
    """The actor may not do this."""

    reason: str


class InvalidTransitionError(CoachingError):
    """The engagement status table forbids the change."""

    from_status: Status
    to_status: Status


class InvalidSessionTransitionError(CoachingError):
    """Only a Scheduled session changes status."""

    from_status: SessionStatus
    to_status: SessionStatus


class EngagementNotActiveError(CoachingError):
    """This needs an Active engagement."""

    status: Status


class NoPortalError(CoachingError):
    """Nothing can be shared with a client who has no portal account."""

    client_id: str


class FileTooLargeError(CoachingError):
    """The upload is over the library's limit (bytes)."""

    size: int
    limit: int


class PlanLimitError(CoachingError):
    """The practice's plan allows no more of `what`."""

    what: str
    limit: int
    current: int


class MissingFieldsError(CoachingError):
    """Activation needs these fields set first."""

    missing: list[str]


class ValidationError(CoachingError):
    """An argument is malformed or out of range."""

    field: str
    reason: str


class ConflictError(CoachingError):
    """The change collides with another (a double booking, a duplicate)."""

    reason: str


class OutsideAvailabilityError(CoachingError):
    """A client asked for a start outside the coach's published hours, or off the step
    between slots; ``Library.free_slots`` lists the starts that are not."""

    start: datetime.datetime


class NoticeTooShortError(CoachingError):
    """A client asked for a start sooner than the booking rules' minimum notice."""

    notice_minutes: int
    minutes_ahead: int


class BeyondHorizonError(CoachingError):
    """A client asked for a start further ahead than the booking rules' horizon."""

    horizon_days: int
    days_ahead: int


class AllocationUsedUpError(CoachingError):
    """A client may not book more than remains of the planned total (planned − used −
    scheduled; in sessions, or in minutes for an engagement planned in hours)."""

    unit: ProgressUnit
    planned: int
    used: int
    scheduled: int


class SchemaTooNewError(CoachingError):
    """The file was written by a newer version of the library; it was left as it was."""

    found: int
    supported: int


class StorageError(CoachingError):
    """The storage backend failed."""

    message: str


class NotCoachingFileError(CoachingError):
    """The file is another application's, not a database, or empty; it was not changed."""

    path: str
    reason: str


class DatabaseConnectionError(CoachingError):
    """The database server cannot be reached or refused the connection (not listening, bad
    credentials, no such database, restarted during the call); nothing was changed."""

    server: str
    reason: str
