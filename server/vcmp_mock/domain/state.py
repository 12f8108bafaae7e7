"""Everything that makes up a host at one instant, in one object.

``HostState`` is what ``atomic()`` snapshots and restores and what
``reset()`` rebuilds; nothing outside it changes when the host does,
except the clock, the rng (saved separately) and the fault hooks.
The timeline holds what happens at a simulated time, in time order:
the end of a slot's current step, and actions a scenario scheduled.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from vcmp_mock.domain.chassis import Chassis
from vcmp_mock.domain.disks import DiskStore
from vcmp_mock.domain.guest import Guest
from vcmp_mock.domain.timing import Timing


@dataclass(frozen=True, slots=True)
class SlotTick:
    """The current step of a slot ends (if the plan is still that generation)."""

    guest: str
    slot_id: int
    generation: int


@dataclass(frozen=True)
class Scheduled:
    """An action a scenario wants done to the host at a simulated time."""

    action: Callable[[Any], None]
    label: str = ""


Entry = Union[SlotTick, Scheduled]


class Timeline:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Entry]] = []
        self._seq = 0  # ties at one instant keep the order they were queued in

    def push(self, at: float, entry: Entry) -> None:
        self._seq += 1
        heapq.heappush(self._heap, (at, self._seq, entry))

    def pop_due(self, now: float) -> tuple[float, Entry] | None:
        heap = self._heap
        if heap and heap[0][0] <= now:
            at, _, entry = heapq.heappop(heap)
            return at, entry
        return None

    def clone(self) -> "Timeline":
        other = Timeline()
        other._heap, other._seq = list(self._heap), self._seq  # entries are frozen
        return other

    def next_time(self) -> float | None:
        return self._heap[0][0] if self._heap else None

    def scheduled(self) -> list[tuple[float, str]]:
        return sorted((at, e.label) for at, _, e in self._heap if isinstance(e, Scheduled))

    def drop_scheduled(self) -> None:
        self._heap = [item for item in self._heap if not isinstance(item[2], Scheduled)]
        heapq.heapify(self._heap)


@dataclass
class HostState:
    chassis: Chassis
    guests: dict[str, Guest] = field(default_factory=dict)
    disks: DiskStore = field(default_factory=DiskStore)
    timeline: Timeline = field(default_factory=Timeline)
    timings: dict[str, Timing] = field(default_factory=dict)  # per-guest overrides
    next_vcmp_id: int = 1
    # Plan generations are unique host-wide, so that a tick queued for a
    # deleted guest can never match a new guest of the same name.
    next_generation: int = 1
    # Scheduled actions that raised: (time, label, message), for the journal.
    event_errors: list[tuple[float, str, str]] = field(default_factory=list)

    def new_generation(self) -> int:
        self.next_generation += 1
        return self.next_generation

    def snapshot(self) -> "HostState":
        """An independent copy, made field by field: values that are frozen
        (steps, slots, keys, views) are shared, everything mutable is copied."""
        return HostState(
            chassis=self.chassis.clone(),
            guests={name: g.clone() for name, g in self.guests.items()},
            disks=self.disks.clone(),
            timeline=self.timeline.clone(),
            timings=dict(self.timings),
            next_vcmp_id=self.next_vcmp_id,
            next_generation=self.next_generation,
            event_errors=list(self.event_errors),
        )

    def restore(self, snap: "HostState") -> None:
        """Become ``snap`` (which is used up) in place, so holders of this object see it."""
        self.__dict__.update(snap.__dict__)
