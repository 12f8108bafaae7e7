"""The typed model of a scenario: what ``scenario.load`` produces.

Frozen dataclasses, named after the domain. Fields left as None keep the
server's own setting (seed, version, users, preset) or the host's default
for a new guest. ``Scenario.lines`` maps each YAML path to its line, so
that a mistake found when the scenario is applied is placed like a load
error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from vcmp_mock.config import User
from vcmp_mock.domain.model import (
    Capability,
    GuestState,
    ManagementAddress,
    NetworkMode,
    SlotAllocation,
    SslMode,
)
from vcmp_mock.domain.timing import Timing
from vcmp_mock.engine.events import EventSpec
from vcmp_mock.engine.faults import FaultRule
from vcmp_mock.engine.scenario_hardware import BladeSpec

FORMAT_VERSION = 1


# --- errors -----------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class ScenarioError:
    """One mistake: ``scenarios/x.yaml:14 guests[1].slots: must be ≥ min_slots (3)``."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where} {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ScenarioInvalid(ValueError):
    """A scenario with mistakes; ``errors`` lists them all, in file order."""

    def __init__(self, errors: Sequence[ScenarioError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


# --- the model --------------------------------------------------------------------


@dataclass(frozen=True)
class ClockSpec:
    mode: str = "real"  # "real" or "manual"
    scale: float = 1.0  # real only: simulated seconds per wall-clock second
    start: float | None = None  # simulated epoch seconds at the start; None: the default


@dataclass(frozen=True)
class SlotSpec:
    slot_id: int
    state: str = "ok"  # "ok", "empty", "disabled", "down", "priming"
    blade: BladeSpec | None = None


@dataclass(frozen=True)
class ChassisSetup:
    preset: str | None = None  # None: the server's --preset
    blade: BladeSpec | None = None
    slots: tuple[SlotSpec, ...] = ()
    primary_slot: int | None = None


@dataclass(frozen=True)
class TimingSpec:
    """Timing fields a scenario changes; the rest keep their defaults."""

    changes: tuple[tuple[str, float | int | str], ...] = ()

    def apply(self, base: Timing) -> Timing:
        return base.with_(**dict(self.changes)) if self.changes else base


@dataclass(frozen=True)
class GuestSetup:
    """A guest present at the start. None: the host's default for a new guest."""

    name: str
    state: GuestState = GuestState.CONFIGURED
    settled: bool = True  # False: the state was requested at time 0
    hostname: str | None = None
    initial_image: str | None = None
    management: ManagementAddress | None = None
    gateway: str | None = None
    network_mode: NetworkMode | None = None
    vlans: tuple[str, ...] | None = None
    slot_allocation: SlotAllocation | None = None
    slots: int | None = None
    min_slots: int | None = None
    allowed_slots: tuple[int, ...] | None = None
    assigned_slots: tuple[int, ...] | None = None
    cores_per_slot: int | None = None
    ssl_mode: SslMode | None = None
    fips_name: str | None = None
    capabilities: tuple[tuple[Capability, int], ...] | None = None
    virtual_disk: str | None = None
    timing: TimingSpec | None = None
    where: str = ""  # "guests[0]"


@dataclass(frozen=True)
class Scenario:
    """A loaded, checked scenario. None fields leave the server's setting."""

    source: str  # the file name as given, for messages
    description: str = ""
    seed: int | None = None
    bigip_version: str | None = None
    clock: ClockSpec | None = None
    users: tuple[User, ...] | None = None
    chassis: ChassisSetup = ChassisSetup()
    guests: tuple[GuestSetup, ...] = ()
    client_guests: tuple[str, ...] = ()
    timing: TimingSpec = TimingSpec()
    events: tuple[EventSpec, ...] = ()
    faults: tuple[FaultRule, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def error(self, where: str, message: str) -> ScenarioError:
        """An error found later (when applied), placed like a load error."""
        return ScenarioError(self.source, self.lines.get(where, 1), where, message)


@dataclass(frozen=True)
class Catalogue:
    """What the SOAP layer serves, for checking operation names and versions.

    The engine may not import ``icontrol``; the caller hands this over
    (``Catalogue.from_rows(operation_rows(True), SUPPORTED_VERSIONS, ALIASES)``).
    """

    since: Mapping[str, Mapping[str, str]]  # interface -> operation -> first version
    versions: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[str, str, str]],
        versions: Sequence[str] = (),
        aliases: Mapping[str, str] | None = None,
    ) -> "Catalogue":
        since: dict[str, dict[str, str]] = {}
        for interface, operation, first in rows:
            since.setdefault(interface, {})[operation] = first
        return cls(since, tuple(versions), dict(aliases or {}))
