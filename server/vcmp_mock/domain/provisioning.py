"""Module provisioning of the host: which software module gets what share.

A vCMP host runs vCMP at the dedicated level and nothing else; the guests
run the traffic modules. The rules are BIG-IP's: a dedicated module rules
out every other (all others must be none), a custom module goes only with
custom or none. Two rules are ours, inferred: vCMP is provisioned as
dedicated or not at all, and it cannot be taken away while guests exist.

Module names are tmsh's (``ltm``, ``vcmp`` ...). Changes are all or
nothing: a refused request changes no level.
"""

from __future__ import annotations

import copy
import enum
from contextlib import contextmanager
from typing import Iterator, Mapping, Sequence

from vcmp_mock.domain.errors import DomainError, IllegalState, InvalidArgument, NotFound

VCMP = "vcmp"

# Every module the host can provision, in tmsh order. The SOAP layer hides
# those the emulated release does not know.
MODULES = (
    "afm", "am", "apm", "asm", "avr", "cgnat", "dos", "fps", "gtm", "ilx",
    "lc", "ltm", "pem", "swg", "tam", "urldb", "vcmp",
)


class Level(enum.Enum):
    NONE = 0
    MINIMUM = 1
    NOMINAL = 2
    DEDICATED = 3
    CUSTOM = 4


class ModuleNotProvisioned(IllegalState):
    def __init__(self, module: str) -> None:
        super().__init__(f"Module {module}", "it is not provisioned on this system")
        self.module = module


class Provisioning:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._levels = {m: (Level.DEDICATED if m == VCMP else Level.NONE) for m in MODULES}

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """All or nothing across several changes (transactions)."""
        saved = copy.copy(self._levels)
        try:
            yield
        except BaseException:
            self._levels = saved
            raise

    # --- reading --------------------------------------------------------------
    def level(self, module: str) -> Level:
        return self._levels[_known(module)]

    def provisioned(self) -> list[str]:
        return [m for m in MODULES if self._levels[m] is not Level.NONE]

    def is_provisioned(self, module: str) -> bool:
        # Asked on every System.VCMP call: one dict lookup.
        return self._levels.get(module, Level.NONE) is not Level.NONE

    # --- changing -----------------------------------------------------------------
    def set_levels(self, changes: Sequence[tuple[str, Level]], vcmp_guests: Sequence[str] = ()) -> None:
        """Apply ``(module, level)`` pairs together, or refuse them all.

        A module named twice gets the highest level asked for (custom wins),
        as BIG-IP does when aliases of one module are combined.
        """
        wanted: dict[str, Level] = {}
        for module, level in changes:
            _known(module)
            wanted[module] = _higher(wanted.get(module), level)
        result = {**self._levels, **wanted}
        _check(result, vcmp_guests)
        self._levels = result


def _known(module: str) -> str:
    if module not in MODULES:
        raise NotFound("provisioning module", module)
    return module


def _higher(current: Level | None, level: Level) -> Level:
    if current is None:
        return level
    if Level.CUSTOM in (current, level):
        return Level.CUSTOM
    return max(current, level, key=lambda lv: lv.value)


def _check(levels: Mapping[str, Level], vcmp_guests: Sequence[str]) -> None:
    active = {m: lv for m, lv in levels.items() if lv is not Level.NONE}
    if levels[VCMP] not in (Level.NONE, Level.DEDICATED):
        raise InvalidArgument(
            "provisioning level of vcmp", levels[VCMP].name.lower(), "vCMP is provisioned as dedicated or none"
        )
    if levels[VCMP] is Level.NONE and vcmp_guests:
        raise IllegalState(
            "Module vcmp", f"vCMP guests exist ({', '.join(vcmp_guests)}); delete them before de-provisioning vCMP"
        )
    for module, level in active.items():
        others = {m: lv for m, lv in active.items() if m != module}
        if level is Level.DEDICATED and others:
            raise _conflict(module, "dedicated", "none", others)
        if level is Level.CUSTOM:
            clash = {m: lv for m, lv in others.items() if lv is not Level.CUSTOM}
            if clash:
                raise _conflict(module, "custom", "custom or none", clash)


def _conflict(module: str, level: str, allowed: str, others: Mapping[str, Level]) -> DomainError:
    listed = ", ".join(f"{m} is {lv.name.lower()}" for m, lv in sorted(others.items()))
    return IllegalState(
        f"Module {module}", f"a {level} module requires every other module to be {allowed} ({listed})"
    )
