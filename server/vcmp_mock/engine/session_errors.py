"""What the session table refuses, as domain errors.

They join the one error hierarchy (``domain.errors``), so the SOAP layer
renders them like any other refusal (``icontrol.faults.from_domain_error``).
The forced-session text is the one BIG-IP documents; the rest are ours.
"""

from __future__ import annotations

from vcmp_mock.domain.errors import DomainError, IllegalState, NotFound


class SessionRequired(DomainError):
    """Forced sessions are on and the request names no session."""

    def __init__(self, user: str) -> None:
        super().__init__(f"Could not find the iControl session for {user}", user=user)
        self.user = user


class SessionNotFound(NotFound):
    """The id was never handed out, belongs to someone else, or was dropped."""

    def __init__(self, session_id: int) -> None:
        super().__init__("iControl session", str(session_id))
        self.session_id = session_id


class SessionExpired(IllegalState):
    def __init__(self, session_id: int, timeout: int) -> None:
        reason = (
            "it has expired (the session timeout is 0: one request per session)"
            if timeout == 0
            else f"it has expired after more than {timeout} seconds without a request"
        )
        super().__init__(f"iControl session {session_id}", reason)
        self.session_id = session_id


class TooManySessions(IllegalState):
    def __init__(self, maximum: int) -> None:
        super().__init__(
            "iControl sessions", f"the maximum number of concurrent user sessions ({maximum}) is reached"
        )
        self.maximum = maximum


class NoTransaction(IllegalState):
    def __init__(self) -> None:
        super().__init__("iControl session", "no transaction is open")


class TransactionOpen(IllegalState):
    def __init__(self, transaction_id: int) -> None:
        super().__init__(
            "iControl session", f"transaction {transaction_id} is already open; submit or roll it back first"
        )
        self.transaction_id = transaction_id


class TransactionExpired(IllegalState):
    def __init__(self, transaction_id: int, timeout: int, dropped: int) -> None:
        super().__init__(
            f"Transaction {transaction_id}",
            f"it expired after more than {timeout} seconds without a request and was rolled back "
            f"({dropped} queued request(s) discarded); roll back or start a new transaction",
        )
        self.transaction_id = transaction_id
