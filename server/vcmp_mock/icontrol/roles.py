"""Who may change what: BIG-IP user roles as the portal enforces them.

On a vCMP host, guests belong to the host's configuration: only the
Administrator and Resource Administrator roles may change them (or the
cluster, or provisioning). Every other role may read. ``no-access`` may
not use iControl at all. Changes are the handlers marked ``@modifies``.
"""

from __future__ import annotations

from typing import Any, Callable

from . import faults

WRITERS = frozenset({"admin", "resource-admin"})
LOCKED_OUT = frozenset({"no-access"})


def check(call: Any, handler: Callable[..., Any]) -> None:
    """Refuse ``call`` with Common::AccessDenied when its role forbids it."""
    if call.role in LOCKED_OUT or (
        getattr(handler, "modifies", False) and call.role not in WRITERS
    ):
        raise faults.access_denied(call.user, f"{call.interface}::{call.operation}")
