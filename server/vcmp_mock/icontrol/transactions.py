"""iControl transactions: queue a session's changes, apply them all or none.

While a session has a transaction open, every call whose handler is marked
``@modifies`` is queued with its decoded arguments instead of being run.
Its argument checks run at once (a handler validates the whole request
before it touches the host), so an invalid argument is still refused by the
call itself; such a refusal also marks the transaction errant, and its
submit then rolls everything back, as BIG-IP documents. Everything else
(not found, already exists, no room ...) can only show when the queue is
applied, and comes back from submit_transaction.

Reads inside a transaction see the committed state: pending changes are
invisible, to the session itself as to every other one (BIG-IP: queries
"do not see the effects of a pending transaction").

``submit`` replays the queue in order inside one snapshot of the host and
the provisioning table, under the simulator's lock; the first failure
restores both and is answered by submit_transaction, its text naming the
queued call that failed.
"""

from __future__ import annotations

import dataclasses
import logging
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from vcmp_mock.domain.errors import DomainError
from vcmp_mock.engine.session_errors import TransactionExpired
from vcmp_mock.engine.sessions import Transaction

from . import faults
from .call import Call
from .gates import require_module

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Queued:
    call: Call
    handler: Callable[..., Any]
    args: tuple[Any, ...]

    @property
    def label(self) -> str:
        return f"{self.call.interface}::{self.call.operation}"


class _Deferred(Exception):
    """The handler reached for the simulator: its argument checks passed."""


class _Probe:
    """Stands in for the simulator while a queued call's arguments are checked."""

    def __getattr__(self, name: str) -> Any:
        raise _Deferred(name)


def is_transactional(handler: Callable[..., Any]) -> bool:
    return bool(getattr(handler, "modifies", False)) and not getattr(handler, "immediate", False)


def enqueue(call: Call, handler: Callable[..., Any], args: tuple[Any, ...], transaction: Transaction) -> None:
    """Queue the call in ``transaction`` (or refuse it at once, see module doc)."""
    if transaction.expired:
        raise _expired(call, transaction)
    try:
        handler(dataclasses.replace(call, simulator=_Probe()), *args)
    except _Deferred:
        pass
    except (DomainError, faults.IControlFault) as error:
        mark_errant(transaction, call, error)
        raise
    transaction.requests.append(Queued(call, handler, args))


def mark_errant(transaction: Transaction, call: Call, error: Exception) -> None:
    """A change was refused while the transaction was open: submit will roll back."""
    if transaction.error is None and not transaction.expired:
        transaction.error = _labelled(_as_fault(error), call.interface, call.operation, None)


def submit(call: Call) -> None:
    sim = call.simulator
    transaction = sim.sessions.close_transaction(call.session)
    if transaction.expired:
        raise _expired(call, transaction)
    if transaction.error is not None:
        raise _errant(transaction)
    total = len(transaction.requests)
    with all_or_nothing(sim):
        for index, queued in enumerate(transaction.requests, start=1):
            _replay(queued, index, total)


def rollback(call: Call) -> None:
    """Drop the queue; an expired transaction is closed quietly too."""
    call.simulator.sessions.close_transaction(call.session)


@contextmanager
def all_or_nothing(sim: Any) -> Iterator[None]:
    """One snapshot over everything a transaction may change."""
    with ExitStack() as stack:
        stack.enter_context(sim.host.atomic())
        provisioning = getattr(sim, "provisioning", None)
        if provisioning is not None:
            stack.enter_context(provisioning.atomic())
        yield


def _replay(queued: Queued, index: int, total: int) -> None:
    try:
        require_module(queued.call)
        queued.handler(queued.call, *queued.args)
    except (DomainError, faults.IControlFault) as error:
        where = f"request {index} of {total}"
        raise _labelled(_as_fault(error), queued.call.interface, queued.call.operation, where) from error
    except faults.SoapFault:
        raise
    except Exception:
        logger.exception("replaying %s failed", queued.label)
        raise faults.internal_error() from None


def _as_fault(error: Exception) -> faults.IControlFault:
    if isinstance(error, faults.IControlFault):
        return error
    return faults.from_domain_error(error)  # type: ignore[arg-type]


def _labelled(fault: faults.IControlFault, interface: str, operation: str, where: str | None) -> faults.IControlFault:
    prefix = f"{interface}::{operation}" + (f" ({where} in the transaction)" if where else "")
    return faults.IControlFault(fault.exception, fault.code, f"{prefix}: {fault.message}", fault.secondary)


def _errant(transaction: Transaction) -> faults.IControlFault:
    first = transaction.error
    assert isinstance(first, faults.IControlFault)
    message = (
        f"Transaction {transaction.transaction_id} was rolled back: a request failed while it was open "
        f"({first.message})"
    )
    return faults.IControlFault(first.exception, first.code, message, first.secondary)


def _expired(call: Call, transaction: Transaction) -> faults.IControlFault:
    error = TransactionExpired(transaction.transaction_id, call.session.transaction_timeout, transaction.dropped)
    return faults.from_domain_error(error)
