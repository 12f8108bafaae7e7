"""A scenario's say over each request: events it triggers, the fault it gets.

The dispatcher hands every decoded call to a ``RequestHook`` (the running
scenario's ``before_request``) with the facts a fault rule or an event can
match on: interface and operation, the guests and slots the call names,
the user. What comes back decides the answer:

* a ``ProtocolFault`` becomes an iControl exception, and the call is not
  carried out (as when a real box refuses it);
* an ``HttpFault`` is answered by the portal at HTTP level, and the call is
  not carried out (the request never reached iControl);
* a ``TransportFault`` lets the call run, then the portal delays, damages
  or loses its answer: the nastiest case for a client, which cannot tell
  whether its change happened.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, Sequence

from vcmp_mock.engine.faults import HttpFault, ProtocolFault, TransportFault

from . import faults
from .interfaces import ALIASES


class RequestHook(Protocol):
    def __call__(
        self,
        interface: str,
        operation: str,
        guests: Sequence[str] = (),
        slots: Sequence[int] = (),
        user: str = "",
        canonical_interface: str | None = None,
    ) -> ProtocolFault | HttpFault | TransportFault | None: ...


# The code an injected exception carries when the scenario names none.
_DEFAULT_CODES = {
    "AccessDenied": faults.ACCESS_DENIED,
    "InvalidArgument": faults.INVALID_ARGUMENT,
    "NotImplemented": faults.NOT_IMPLEMENTED,
    "OperationFailed": faults.ILLEGAL_STATE,
}
_CODED = re.compile(r"[0-9A-Fa-f]{8}:\d+: ")


class InjectedFault(faults.IControlFault):
    """An exception a scenario asked for: its error string as written, when
    it already carries a code prefix, else prefixed like a real one."""

    @property
    def error_string(self) -> str:
        if _CODED.match(self.message):
            return self.message
        return super().error_string


def consult(hook: RequestHook, call: Any, names: Sequence[str], values: Sequence[Any]) -> HttpFault | TransportFault | None:
    """Ask ``hook`` about ``call``; raise what is a SOAP fault, return a wire fault."""
    args = dict(zip(names, values))
    decided = hook(
        call.interface,
        call.operation,
        guests=_strings(args.get("guests")),
        slots=_slots(args),
        user=call.user,
        canonical_interface=ALIASES.get(call.interface, call.interface),
    )
    if isinstance(decided, ProtocolFault):
        raise _exception(decided, call)
    return decided


def _exception(fault: ProtocolFault, call: Any) -> faults.IControlFault:
    name = fault.exception.removeprefix("Common::")
    code = fault.primary_code if fault.primary_code is not None else _DEFAULT_CODES.get(name, faults.ILLEGAL_STATE)
    message = fault.error_string or f"{call.interface}::{call.operation} failed."
    return InjectedFault(name, code, message, fault.secondary_code or 0)


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def _slots(args: dict[str, Any]) -> tuple[int, ...]:
    """Slots a call names: Cluster's slot_ids, or the slots of virtual disks."""
    found: list[int] = []
    for ids in args.get("slot_ids") or ():
        found += [i for i in (ids or ()) if isinstance(i, int)]
    for disk in args.get("disks") or ():
        slot_id = getattr(disk, "slot_id", None)
        if isinstance(slot_id, int):
            found.append(slot_id)
    return tuple(dict.fromkeys(found))

