"""The operation catalogue of every interface the portal serves.

``INTERFACES`` maps the full interface name to its ``Interface``.
``Management.VCMP`` is the same interface as ``System.VCMP`` under a second
name (and SOAP namespace ``urn:iControl:Management/VCMP``); the portal
answers on both.
"""

from __future__ import annotations

from .base import Interface, Operation, Param, version_key
from .management_provision import INTERFACE as MANAGEMENT_PROVISION
from .system_cluster import INTERFACE as SYSTEM_CLUSTER
from .system_session import INTERFACE as SYSTEM_SESSION
from .system_systeminfo import INTERFACE as SYSTEM_SYSTEMINFO
from .system_vcmp import INTERFACE as SYSTEM_VCMP

MANAGEMENT_VCMP = SYSTEM_VCMP.renamed("Management", "VCMP")

INTERFACES: dict[str, Interface] = {
    iface.full_name: iface
    for iface in (
        SYSTEM_VCMP,
        SYSTEM_CLUSTER,
        SYSTEM_SESSION,
        SYSTEM_SYSTEMINFO,
        MANAGEMENT_PROVISION,
        MANAGEMENT_VCMP,
    )
}

# Names under which an interface is served again; not separate interfaces.
ALIASES: dict[str, str] = {"Management.VCMP": "System.VCMP"}

# BIG-IP releases the server can emulate, oldest first.
SUPPORTED_VERSIONS: tuple[str, ...] = (
    "11.0.0",
    "11.1.0",
    "11.2.0",
    "11.3.0",
    "11.4.0",
    "11.4.1",
    "11.5.0",
    "11.6.0",
    "12.0.0",
    "12.1.0",
    "13.0.0",
    "13.1.0",
)
LATEST_VERSION = SUPPORTED_VERSIONS[-1]


def operation_rows(include_aliases: bool = False) -> list[tuple[str, str, str]]:
    """``(interface, operation, since)`` for every operation, in catalogue order."""
    return [
        (name, op.name, op.since)
        for name, iface in INTERFACES.items()
        if include_aliases or name not in ALIASES
        for op in iface.operations
    ]


__all__ = [
    "ALIASES",
    "INTERFACES",
    "Interface",
    "LATEST_VERSION",
    "Operation",
    "Param",
    "SUPPORTED_VERSIONS",
    "operation_rows",
    "version_key",
]
