"""Scenario events: things that happen to the host that no client asked for.

An event has one trigger (a simulated time, the Nth poll of a guest, or a
request that matches) and one action (a blade goes down, another admin
changes a guest ...). ``EventSchedule`` only decides *when* events fire;
the engine applies their actions to the host. Nothing here runs on its own:
the engine asks ``due`` before it serves each request (and when the clock
is moved by hand), in keeping with the lazy, clock-driven simulation.
"""

from __future__ import annotations

import enum
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Sequence, Union

from vcmp_mock.domain.model import GuestState
from vcmp_mock.engine.faults import Match, RequestFacts
from vcmp_mock.engine.scenario_hardware import BladeSpec

# --- triggers -------------------------------------------------------------------


@dataclass(frozen=True)
class AtTime:
    """At this many simulated seconds after the scenario started."""

    seconds: float


@dataclass(frozen=True)
class AfterPolls:
    """Once the client has polled ``guest`` with ``operation`` ``count`` times.

    The event fires at the start of the next request (or clock move), so the
    client sees exactly ``count`` answers from before the change.
    """

    guest: str
    count: int
    operation: str = "get_completion_status"


@dataclass(frozen=True)
class OnRequest:
    """Before a matching request is served, on up to ``times`` such requests."""

    match: Match
    times: int = 1


Trigger = Union[AtTime, AfterPolls, OnRequest]

# --- actions --------------------------------------------------------------------


class BladeChange(enum.Enum):
    DOWN = "down"  # the blade fails; its guests' VMs stop
    UP = "up"  # it recovers
    REMOVED = "removed"  # it is pulled out: the slot becomes empty
    INSERTED = "inserted"  # a blade of the slot's model is put back


@dataclass(frozen=True)
class BladeEvent:
    slot: int
    change: BladeChange
    blade: BladeSpec | None = None  # INSERTED: the blade put in; None: the chassis blade


@dataclass(frozen=True)
class GuestStateEvent:
    """Another administrator sets the guest's requested state."""

    guest: str
    state: GuestState


@dataclass(frozen=True)
class GuestDeleteEvent:
    """Another administrator deletes the guest."""

    guest: str


@dataclass(frozen=True)
class DiskFailureEvent:
    """The guest's virtual disk on ``slot`` fails."""

    guest: str
    slot: int
    comment: str = ""


@dataclass(frozen=True)
class DiskMigrationEvent:
    """The host moves the guest's disk from one slot to another."""

    guest: str
    from_slot: int
    to_slot: int


@dataclass(frozen=True)
class PrimarySlotEvent:
    """The cluster primary moves to ``slot``."""

    slot: int


EventAction = Union[
    BladeEvent,
    GuestStateEvent,
    GuestDeleteEvent,
    DiskFailureEvent,
    DiskMigrationEvent,
    PrimarySlotEvent,
]


@dataclass(frozen=True)
class EventSpec:
    trigger: Trigger
    action: EventAction
    where: str = ""  # "events[3]", for reports


@dataclass(frozen=True)
class Firing:
    """An event that is due, and the simulated time it belongs to."""

    event: EventSpec
    at: float
    index: int  # position in the scenario


class EventSchedule:
    """Decides which events fire, each at most as often as it allows."""

    def __init__(self, events: Sequence[EventSpec]) -> None:
        self.events = tuple(events)
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._fired = [0] * len(self.events)
            self._matched = [0] * len(self.events)
            self._polls: Counter[tuple[str, str]] = Counter()
            self._reached: dict[int, float] = {}  # after_polls event -> when

    def due(self, now: float, facts: RequestFacts | None = None) -> list[Firing]:
        """Events to fire now, oldest first (ties in scenario order).

        ``now`` is simulated seconds since the start; ``facts`` is the request
        about to be served, or None when only the clock moved.
        """
        with self._lock:
            firings = [
                Firing(event, at, index)
                for index, event in enumerate(self.events)
                if (at := self._fire_time(index, event, now, facts)) is not None
            ]
            for firing in firings:
                self._fired[firing.index] += 1
            if facts is not None:
                self._count_polls(facts, now)
            return sorted(firings, key=lambda f: (f.at, f.index))

    def pending(self) -> tuple[EventSpec, ...]:
        """Events that may still fire."""
        with self._lock:
            return tuple(e for i, e in enumerate(self.events) if not self._spent(i, e))

    def next_time(self) -> float | None:
        """When the next time-triggered event fires, if any is left."""
        with self._lock:
            times = [
                e.trigger.seconds
                for i, e in enumerate(self.events)
                if isinstance(e.trigger, AtTime) and not self._fired[i]
            ]
            return min(times, default=None)

    def fired(self) -> tuple[int, ...]:
        """How often each event has fired, in scenario order."""
        with self._lock:
            return tuple(self._fired)

    def _spent(self, index: int, event: EventSpec) -> bool:
        limit = event.trigger.times if isinstance(event.trigger, OnRequest) else 1
        return self._fired[index] >= limit

    def _fire_time(self, index, event, now, facts) -> float | None:
        if self._spent(index, event):
            return None
        trigger = event.trigger
        if isinstance(trigger, AtTime):
            return trigger.seconds if trigger.seconds <= now else None
        if isinstance(trigger, AfterPolls):
            return self._reached.get(index)
        if facts is None or not trigger.match.holds(facts):
            return None
        self._matched[index] += 1
        nth = trigger.match.nth
        return now if nth is None or self._matched[index] == nth else None

    def _count_polls(self, facts: RequestFacts, now: float) -> None:
        for guest in set(facts.guests):
            self._polls[(guest, facts.operation)] += 1
        for index, event in enumerate(self.events):
            trigger = event.trigger
            if (
                isinstance(trigger, AfterPolls)
                and index not in self._reached
                and self._polls[(trigger.guest, trigger.operation)] >= trigger.count
            ):
                self._reached[index] = now
