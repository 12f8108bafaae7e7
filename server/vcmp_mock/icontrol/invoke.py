"""How one decoded call runs, once the dispatcher has found its handler.

1. The call is admitted to its session (``engine.sessions``): an explicit
   id must be live and the caller's; without one the user's default
   session is used, unless sessions are forced (get_session_identifier
   itself is always let through, or nobody could get an id).
2. System.VCMP answers only while vCMP is provisioned (``gates``), and
   the caller's role must allow the call (``roles``).
3. Arguments are checked (enum members the release lacks); a refusal of
   a change inside a transaction marks the transaction errant.
4. A change made while the session has a transaction open is queued
   (``icontrol.transactions``); anything else runs the handler now.

A bare simulator without a session table (dispatcher unit tests) skips
1 and 2. The caller of ``invoke`` holds the simulator's lock.
"""

from __future__ import annotations

from typing import Any, Callable

from vcmp_mock.domain.errors import DomainError

from . import faults, roles, transactions
from .call import Call
from .gates import require_module

# (interface, operation) a caller may use without a session when forced.
_SESSIONLESS = frozenset({("System.Session", "get_session_identifier")})


def invoke(
    call: Call,
    handler: Callable[..., Any] | None,
    args: tuple[Any, ...],
    queueable: bool,
    check: Callable[[tuple[Any, ...]], None] | None = None,
) -> Any:
    """Run (or queue) ``handler``; ``check`` refuses arguments before it does."""
    _admit(call)
    if handler is None:
        raise faults.not_implemented(call.interface, call.operation)
    roles.check(call, handler)
    transaction = _open_transaction(call, handler, queueable)
    if check is not None:
        try:
            check(args)
        except faults.IControlFault as fault:
            if transaction is not None:
                transactions.mark_errant(transaction, call, fault)
            raise
    if transaction is not None:
        transactions.enqueue(call, handler, args, transaction)
        return None
    return handler(call, *args)


def refused(call: Call, handler: Callable[..., Any] | None, queueable: bool, fault: Exception) -> None:
    """A request whose arguments were refused while decoding (an invalid enum
    value ...) still counts against its session's open transaction."""
    if handler is None or not isinstance(fault, faults.IControlFault):
        return
    with call.simulator.lock:
        try:
            _admit(call)
        except DomainError:
            return  # the session itself is unusable: the argument error is answered anyway
        transaction = _open_transaction(call, handler, queueable)
        if transaction is not None:
            transactions.mark_errant(transaction, call, fault)


def _admit(call: Call) -> None:
    sessions = getattr(call.simulator, "sessions", None)
    if sessions is not None:
        allow_default = (call.interface, call.operation) in _SESSIONLESS
        call.session = sessions.enter(call.user, call.session_id, allow_default=allow_default)
        require_module(call)


def _open_transaction(call: Call, handler: Callable[..., Any], queueable: bool) -> Any:
    """The transaction this call belongs in, if it is a queueable change."""
    if call.session is None or not queueable or not transactions.is_transactional(handler):
        return None
    return call.session.transaction
