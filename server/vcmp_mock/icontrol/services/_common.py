"""Small helpers every handler module shares.

Handlers unpack iControl's parallel arrays, validate the whole request
before changing anything, call the host, and map results back to wire
shapes (dicts with the member names of the iControl structs).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence, TypeVar

from vcmp_mock.domain import errors
from vcmp_mock.domain.model import DiskKey, Statistic, Timestamp
from vcmp_mock.icontrol import faults

F = TypeVar("F", bound=Callable[..., Any])

_U32 = 0xFFFFFFFF


def modifies(handler: F) -> F:
    """Marks an operation that changes the host (roles and transactions read this)."""
    handler.modifies = True  # type: ignore[attr-defined]
    return handler


def immediate(handler: F) -> F:
    """Marks a change that is not configuration: it runs even inside a
    transaction instead of being queued (setting the system clock)."""
    handler.immediate = True  # type: ignore[attr-defined]
    return handler


def require_admin(call: Any) -> None:
    """Refuse a setting only administrators may change."""
    if call.role != "admin":
        raise faults.access_denied(call.user, f"{call.interface}::{call.operation}")


def host(call: Any) -> Any:
    return call.simulator.host


def aligned(first_name: str, first: Sequence[Any], **others: Sequence[Any]) -> None:
    """Element i of every argument belongs to ``first[i]``: lengths must agree."""
    for name, values in others.items():
        if len(values) != len(first):
            raise errors.InvalidArgument(
                name,
                f"{len(values)} items",
                f"{first_name} has {len(first)} items; parallel arrays must have the same length",
            )


def for_each(call: Any, action: Callable[..., None], *columns: Sequence[Any]) -> None:
    """Apply ``action`` to each row of the parallel arrays, all or nothing."""
    target = host(call)
    with target.atomic():
        for row in zip(*columns):
            action(*row)


def ulong64(value: int) -> dict[str, int]:
    return {"high": (value >> 32) & _U32, "low": value & _U32}


def from_ulong64(value: Any) -> int:
    high, low = _member(value, "high"), _member(value, "low")
    return ((int(high) & _U32) << 32) | (int(low) & _U32)


def _member(value: Any, name: str) -> Any:
    return value[name] if isinstance(value, dict) else getattr(value, name)


def member(value: Any, name: str) -> Any:
    """A struct member from a decoded struct (object or dict); None when absent."""
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def disk_key(disk: Any) -> DiskKey:
    """A decoded System.VCMP.VirtualDisk as the host names disks."""
    return DiskKey(int(member(disk, "slot_id")), member(disk, "filename") or "")


def timestamp(ts: Timestamp) -> dict[str, int]:
    return {
        "year": ts.year,
        "month": ts.month,
        "day": ts.day,
        "hour": ts.hour,
        "minute": ts.minute,
        "second": ts.second,
    }


def statistic_name(name: str) -> str:
    return name if name.startswith("STATISTIC_") else "STATISTIC_" + name.upper()


def statistics(counters: Sequence[Statistic]) -> list[dict[str, Any]]:
    """Domain counters as a Common.StatisticSequence."""
    return [
        {"type": statistic_name(c.name), "value": ulong64(c.value), "time_stamp": 0}
        for c in counters
    ]
