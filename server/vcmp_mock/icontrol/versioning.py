"""Enum members an emulated release does not know yet.

The catalogue records when a member joined its enum
(``Interface.enum_member_since``); the WSDL of an older release leaves it
out. On the wire the same holds: a request naming such a member is refused
as an invalid enum value, exactly as an older box refuses a value it has
never heard of, and an answer never carries one (it reads as the enum's
UNKNOWN member instead, the only thing an older box could say).

``gate(interface, op, version)`` compiles, once per operation and release,
a checker for the parameters and a cleaner for the result; it is None for
the (many) operations that can meet no such member, so they pay nothing.
"""

from __future__ import annotations

import copy
import logging
from typing import Any, Callable

from . import faults
from . import typeinfo as ti
from .interfaces.base import Interface, Operation, version_key

logger = logging.getLogger(__name__)

Check = Callable[[Any], None]
Clean = Callable[[Any], Any]


class EnumGate:
    def __init__(self, checks: tuple[Check | None, ...], clean: Clean | None) -> None:
        self._checks = checks
        self._clean = clean

    def check_args(self, args: tuple[Any, ...]) -> None:
        for check, value in zip(self._checks, args):
            if check is not None:
                check(value)

    def clean_result(self, value: Any) -> Any:
        return value if self._clean is None or value is None else self._clean(value)


def refused_members(interface: Interface, version: str) -> dict[str, frozenset[str]]:
    """Enum type name -> members added after ``version``."""
    cutoff = version_key(version)
    refused: dict[str, set[str]] = {}
    for (type_name, member), since in interface.enum_member_since.items():
        if version_key(since) > cutoff:
            refused.setdefault(type_name, set()).add(member)
    return {name: frozenset(members) for name, members in refused.items()}


def gate(interface: Interface, op: Operation, version: str) -> EnumGate | None:
    refused = refused_members(interface, version)
    if not refused:
        return None
    checks = tuple(_compile(p.type, refused, _refuse) for p in op.params)
    clean = _compile(op.returns, refused, _replace) if op.returns is not None else None
    if clean is None and not any(checks):
        return None
    return EnumGate(checks, clean)


# --- compiling a walk over one type ---------------------------------------------


def _refuse(cls: type, refused: frozenset[str]) -> Check:
    type_name = ti.type_name(cls)

    def check(value: Any) -> None:
        if value in refused:
            raise faults.invalid_enum(value, type_name)

    return check


def _replace(cls: type, refused: frozenset[str]) -> Clean:
    members = ti.enum_members(cls)
    unknown = next((m for m in members if m.endswith("_UNKNOWN") and m not in refused), None)

    def clean(value: Any) -> Any:
        if value not in refused:
            return value
        if unknown is None:
            # Handlers pick members by release; reaching this is a bug.
            logger.error("%s has no member an older release could send for %s", ti.type_name(cls), value)
            raise faults.internal_error()
        return unknown

    return clean


def _compile(cls: type, refused: dict[str, frozenset[str]], leaf: Callable) -> Any:
    """A walker applying ``leaf`` to every refusable enum value; None if none can occur."""
    kind = ti.kind(cls)
    if kind == ti.ENUM:
        members = refused.get(ti.type_name(cls))
        return leaf(cls, members) if members else None
    if kind == ti.ARRAY:
        item = _compile(ti.item_type(cls), refused, leaf)
        if item is None:
            return None
        if leaf is _replace:
            return lambda values: [item(v) for v in values]

        def check_each(values: Any) -> None:
            for v in values:
                item(v)

        return check_each
    if kind == ti.STRUCT:
        walkers = tuple(
            (name, w) for name, t in ti.fields(cls) if (w := _compile(t, refused, leaf)) is not None
        )
        if not walkers:
            return None
        return _struct_walker(walkers, cleaning=leaf is _replace)
    return None


def _struct_walker(walkers: tuple[tuple[str, Any], ...], cleaning: bool) -> Any:
    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            out = dict(value) if cleaning else value
            for name, w in walkers:
                if name in value:
                    result = w(value[name])
                    if cleaning:
                        out[name] = result
            return out if cleaning else None
        out = copy.copy(value) if cleaning else value
        for name, w in walkers:
            if hasattr(value, name):
                result = w(getattr(value, name))
                if cleaning:
                    setattr(out, name, result)
        return out if cleaning else None

    return walk
