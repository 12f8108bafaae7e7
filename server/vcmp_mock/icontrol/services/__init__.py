"""Handlers: one module per iControl interface, one function per operation.

A handler is a plain function named like the operation it serves, taking the
``icontrol.call.Call`` and then the decoded parameters in WSDL order, and
returning the value to encode (None for a void operation). An operation
whose module has no function of its name answers ``Common::NotImplemented``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Interface (as called) -> module in this package. Management.VCMP is the
# same interface as System.VCMP under a second name.
MODULES: dict[str, str] = {
    "System.VCMP": "system_vcmp",
    "Management.VCMP": "system_vcmp",
    "System.Cluster": "system_cluster",
    "System.SystemInfo": "system_info",
    "System.Session": "system_session",
    "Management.Provision": "management_provision",
}


def handler_module(interface: str) -> ModuleType | None:
    """The handler module of ``interface``; None if it has none (yet)."""
    name = MODULES.get(interface)
    if name is None:
        return None
    qualified = f"{__name__}.{name}"
    try:
        return importlib.import_module(qualified)
    except ModuleNotFoundError as exc:
        if exc.name != qualified:
            raise  # the module exists but imports something missing: a bug
        return None
