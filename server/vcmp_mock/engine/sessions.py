"""iControl user sessions: per-session settings and the one open transaction.

Every request runs in a session named by its key: the id the client got
from get_session_identifier (sent as an X-iControl-Session HTTP header or
a SOAP ``session`` header) or, without one, the user name. A setting
changed in one session is invisible in every other; clients sharing a key
share the session.

Sessions idle for longer than the session timeout expire: an id then stops
working, while a user-name session silently starts afresh with default
settings (and without its transaction). A timeout of 0 allows one request
per session. Transactions idle for longer than their session's transaction
timeout expire too (see ``Transaction``).

The session timeout, the maximum number of sessions and the force-sessions
and DTD switches are global, as on BIG-IP (database keys there); the rest
is per session. Time comes from the simulator's clock and ids from a fork
of its Rng, so a seed reproduces a run; ``reset()`` forgets everything.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from vcmp_mock.domain.clock import Clock
from vcmp_mock.domain.errors import InvalidArgument, NotFound
from vcmp_mock.domain.rng import Rng
from vcmp_mock.engine.session_errors import (
    NoTransaction,
    SessionExpired,
    SessionNotFound,
    SessionRequired,
    TooManySessions,
    TransactionOpen,
)

# The defaults are our choice: BIG-IP's are not in the sources we have.
DEFAULT_SESSION_TIMEOUT = 1800
DEFAULT_TRANSACTION_TIMEOUT = 120
DEFAULT_MAXIMUM_SESSIONS = 0  # no limit
DEFAULT_FOLDER = "/Common"
# A vCMP host has no partitions of its own: the root and /Common.
FOLDERS = frozenset({"/", "/Common"})
MAX_ID = 2**31 - 1


class PathStyle(enum.Enum):
    """How object names come back: full path, relative to the folder, or bare."""

    FULL = 1
    RELATIVE = 2
    BARE = 3


@dataclass
class Transaction:
    """Requests queued since start_transaction, applied together on submit.

    ``requests`` holds whatever the SOAP layer queues (it replays them).
    ``error`` is the first refusal seen while open: submit then rolls back.
    An expired transaction stays until submitted (which fails) or rolled
    back, so that later changes cannot silently apply one by one.
    """

    transaction_id: int
    last_active: float
    requests: list[Any] = field(default_factory=list)
    error: Exception | None = None
    expired: bool = False
    dropped: int = 0  # requests discarded when it expired


@dataclass
class Session:
    user: str
    session_id: int | None  # None: the user's default session
    last_used: float
    served: int = 0
    active_folder: str = DEFAULT_FOLDER
    recursive_query: bool = False
    returned_path: PathStyle = PathStyle.FULL
    transaction_timeout: int = DEFAULT_TRANSACTION_TIMEOUT
    transaction: Transaction | None = None


class SessionTable:
    def __init__(self, clock: Clock, rng: Rng) -> None:
        self._clock = clock
        self._rng = rng
        self.reset()

    def reset(self) -> None:
        self._ids = self._rng.fork("icontrol-sessions")
        self._by_id: dict[int, Session] = {}
        self._by_user: dict[str, Session] = {}
        self.session_timeout = DEFAULT_SESSION_TIMEOUT
        self.maximum_sessions = DEFAULT_MAXIMUM_SESSIONS
        self.force_sessions = False
        self.dtd_processing = False

    # --- requests ------------------------------------------------------------
    def enter(self, user: str, session_id: int | None, *, allow_default: bool = False) -> Session:
        """The session a request runs in, touched; refuses unusable keys.

        ``allow_default`` lets a request without an id through even when
        sessions are forced (the request that asks for an id).
        """
        now = self._clock.now()
        if session_id is None:
            session = self._default_session(user, now, allow_default)
        else:
            session = self._by_id.get(session_id)
            if session is None or session.user != user:
                raise SessionNotFound(session_id)
            if self._expired(session, now):
                del self._by_id[session_id]
                raise SessionExpired(session_id, self.session_timeout)
        session.last_used = now
        session.served += 1
        if session.transaction is not None:
            self._age_transaction(session, now)
            if not session.transaction.expired:
                session.transaction.last_active = now
        return session

    def _default_session(self, user: str, now: float, allow_default: bool) -> Session:
        if self.force_sessions and not allow_default:
            raise SessionRequired(user)
        session = self._by_user.get(user)
        if session is None or self._expired(session, now):
            if session is None:
                self._make_room(now)
            session = self._by_user[user] = Session(user, None, now)
        return session

    def open(self, user: str) -> Session:
        """A new session with an id of its own (get_session_identifier)."""
        now = self._clock.now()
        self._make_room(now)
        session_id = self._new_id(self._by_id)
        session = self._by_id[session_id] = Session(user, session_id, now)
        return session

    def live_sessions(self) -> int:
        self._purge(self._clock.now())
        return len(self._by_id) + len(self._by_user)

    def _expired(self, session: Session, now: float) -> bool:
        if self.session_timeout == 0:
            return session.served > 0
        return now - session.last_used > self.session_timeout

    def _purge(self, now: float) -> None:
        for table in (self._by_id, self._by_user):
            for key in [k for k, s in table.items() if self._expired(s, now)]:
                del table[key]

    def _make_room(self, now: float) -> None:
        if self.maximum_sessions:
            self._purge(now)
            if len(self._by_id) + len(self._by_user) >= self.maximum_sessions:
                raise TooManySessions(self.maximum_sessions)

    def _new_id(self, taken: Any) -> int:
        while True:
            candidate = self._ids.randint(1, MAX_ID)
            if candidate not in taken:
                return candidate

    # --- transactions -------------------------------------------------------------
    def start_transaction(self, session: Session) -> int:
        current = session.transaction
        if current is not None and not current.expired:
            raise TransactionOpen(current.transaction_id)
        transaction_id = self._new_id(())
        session.transaction = Transaction(transaction_id, self._clock.now())
        return transaction_id

    def close_transaction(self, session: Session) -> Transaction:
        """Take the session's transaction away (submit and rollback)."""
        self._age_transaction(session, self._clock.now())
        transaction = session.transaction
        if transaction is None:
            raise NoTransaction()
        session.transaction = None
        return transaction

    def _age_transaction(self, session: Session, now: float) -> None:
        transaction = session.transaction
        if transaction is None or transaction.expired:
            return
        if now - transaction.last_active > session.transaction_timeout:
            transaction.expired = True
            transaction.dropped = len(transaction.requests)
            transaction.requests.clear()

    # --- settings -------------------------------------------------------------------
    def set_session_timeout(self, seconds: int) -> None:
        self.session_timeout = _non_negative("session timeout", seconds)

    def set_maximum_sessions(self, count: int) -> None:
        self.maximum_sessions = _non_negative("maximum sessions", count)

    def set_transaction_timeout(self, session: Session, seconds: int) -> None:
        if seconds < 1:
            raise InvalidArgument("transaction timeout", seconds, "must be at least 1 second")
        session.transaction_timeout = seconds


def resolve_folder(current: str, requested: str) -> str:
    """The folder ``requested`` names, from ``current``; NotFound if none.

    A name without a leading slash is relative to ``current``.
    """
    path = requested.strip()
    if not path:
        raise InvalidArgument("folder", requested, "a folder name is required")
    if not path.startswith("/"):
        path = current.rstrip("/") + "/" + path
    parts = [p for p in path.split("/") if p]
    folder = "/" + "/".join(parts)
    if folder not in FOLDERS:
        raise NotFound("folder", requested)
    return folder


def _non_negative(name: str, value: int) -> int:
    if value < 0:
        raise InvalidArgument(name, value, "must not be negative")
    return value
