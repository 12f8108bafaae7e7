"""How one decoded call runs, once the dispatcher has found its handler.

1. The call is admitted to its session (``engine.sessions``): an explicit
   id must be live and the caller's; without one the user's default
   session is used, unless sessions are forced (get_session_identifier
   itself is always let through, or nobody could get an id).
2. System.VCMP answers only while vCMP is provisioned (``gates``).
3. A change made while the session has a transaction open is queued
   (``icontrol.transactions``); anything else runs the handler now.

A bare simulator without a session table (dispatcher unit tests) skips
1 and 2. The caller holds the simulator's lock.
"""

from __future__ import annotations

from typing import Any, Callable

from . import faults, transactions
from .call import Call
from .gates import require_module

# (interface, operation) a caller may use without a session when forced.
_SESSIONLESS = frozenset({("System.Session", "get_session_identifier")})


def invoke(call: Call, handler: Callable[..., Any] | None, args: tuple[Any, ...], queueable: bool) -> Any:
    sim = call.simulator
    sessions = getattr(sim, "sessions", None)
    if sessions is not None:
        allow_default = (call.interface, call.operation) in _SESSIONLESS
        call.session = sessions.enter(call.user, call.session_id, allow_default=allow_default)
        require_module(call)
    if handler is None:
        raise faults.not_implemented(call.interface, call.operation)
    transaction = call.session.transaction if call.session is not None else None
    if transaction is not None and queueable and transactions.is_transactional(handler):
        transactions.enqueue(call, handler, args, transaction)
        return None
    return handler(call, *args)
