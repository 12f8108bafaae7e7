"""What a handler knows about the request it serves.

Handlers in ``icontrol.services.<module>`` are plain functions named like the
operation they serve: ``def get_list(call)``, ``def create(call, guests,
hostnames, ...)``. They receive a ``Call`` first, then the decoded
parameters in WSDL order, and return the value the writer encodes (or None
for a void operation). spyne hands the ``Call`` over as ``ctx.udc``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Call:
    simulator: Any  # engine.simulator.Simulator (typed loosely: no import cycle)
    user: str
    role: str  # "admin", "operator", "guest" ... (roles are a later issue)
    session_id: int | None  # from X-iControl-Session or the SOAP session header
    interface: str  # full name as called, e.g. "System.VCMP" or "Management.VCMP"
    operation: str
    bigip_version: str  # the version being emulated, e.g. "13.1.0"
    # engine.sessions.Session the call runs in; set when the call is
    # admitted (None with a bare simulator that keeps no sessions).
    session: Any = None
