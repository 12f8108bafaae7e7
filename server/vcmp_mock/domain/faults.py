"""Hooks through which a scenario makes the host's own work go wrong.

The planner asks ``DomainFaults.phase_fault`` once for every phase it
plans on a slot. The answer is written into the plan, so a failure, once
planned, is what every later read shows: it is never re-rolled on read.

``FaultRules`` is a small rule list good enough for tests and for the
engine to build on: first matching rule wins, each counts its hits and may
skip the first few matches or stop after a number of hits.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Protocol, Sequence

from vcmp_mock.domain.lifecycle import PHASES, Phase
from vcmp_mock.domain.model import SlotStatus


class FaultAction(enum.Enum):
    FAIL = "fail"  # the phase stops at at_percent; the slot shows FAILED with the comment
    STALL = "stall"  # the phase gets to at_percent and never finishes


@dataclass(frozen=True)
class PhaseFault:
    action: FaultAction
    at_percent: float = 100.0
    comment: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.at_percent <= 100:
            raise ValueError("a fault's at_percent must be between 0 and 100")


class DomainFaults(Protocol):
    def phase_fault(self, guest: str, slot_id: int, phase: Phase) -> PhaseFault | None:
        """What goes wrong with ``phase`` on ``slot_id`` of ``guest``, if anything."""
        ...


class NoFaults:
    def phase_fault(self, guest: str, slot_id: int, phase: Phase) -> PhaseFault | None:
        return None


NO_FAULTS = NoFaults()


@dataclass
class FaultRule:
    """Matches by phase or by the status a phase shows; None fields match all."""

    fault: PhaseFault
    phase: Phase | None = None
    status: SlotStatus | None = None
    guest: str | None = None
    slot_id: int | None = None
    skip: int = 0  # matches to let through before the fault applies
    times: int | None = None  # hits after which the rule is spent
    matched: int = field(default=0, compare=False)
    hits: int = field(default=0, compare=False)

    def matches(self, guest: str, slot_id: int, phase: Phase) -> bool:
        return (
            (self.phase is None or self.phase is phase)
            and (self.status is None or PHASES[phase].status is self.status)
            and (self.guest is None or self.guest == guest)
            and (self.slot_id is None or self.slot_id == slot_id)
            and (self.times is None or self.hits < self.times)
        )


class FaultRules:
    def __init__(self, rules: Sequence[FaultRule] = ()) -> None:
        self.rules = list(rules)

    def add(self, rule: FaultRule) -> FaultRule:
        self.rules.append(rule)
        return rule

    def phase_fault(self, guest: str, slot_id: int, phase: Phase) -> PhaseFault | None:
        for rule in self.rules:
            if rule.matches(guest, slot_id, phase):
                rule.matched += 1
                if rule.matched <= rule.skip:
                    return None
                rule.hits += 1
                return rule.fault
        return None


# Helpers for the usual cases; ``where`` takes guest, slot_id, skip and times.
def install_fails(percent: float, comment: str, **where) -> FaultRule:
    return FaultRule(PhaseFault(FaultAction.FAIL, percent, comment), Phase.INSTALLING, **where)


def start_fails(comment: str, percent: float = 100.0, **where) -> FaultRule:
    return FaultRule(PhaseFault(FaultAction.FAIL, percent, comment), Phase.STARTING, **where)


def migration_fails(percent: float, comment: str, **where) -> FaultRule:
    return FaultRule(PhaseFault(FaultAction.FAIL, percent, comment), Phase.MIGRATING_DISK, **where)


def stuck_in(status: SlotStatus, percent: float = 0.0, **where) -> FaultRule:
    return FaultRule(PhaseFault(FaultAction.STALL, percent), status=status, **where)
