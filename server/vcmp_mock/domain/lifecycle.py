"""The guest lifecycle, as one table.

A guest has a requested state (CONFIGURED, PROVISIONED, DEPLOYED); on each
slot it holds, the host works toward that state through phases, and each
phase shows one ``SlotStatus`` in get_completion_status. Everything the host
does to a slot is a row of ``TRANSITIONS``: the planner walks the table, the
events (blade lost, disk failed) look their moves up in it, and
``docs/lifecycle.md`` is generated from it. A move not in the table raises.

Vocabulary:
- ``Goal``: what the slot works toward: the requested state, or HALT when the
  guest lost too many slots (min_slots) and must stop and fail.
- ``Trigger``: why a move is looked up. WALK rows are the host's own
  progress and apply to every trigger but the two events; REQUEST rows apply
  only as the first move after a new requested state; RECOVER rows only when
  hardware comes back; LOST and DISK_FAILED rows are the events.
- ``When``: END moves wait for the current phase to finish; NOW moves cut it.
- ``DiskSituation``: what the slot finds when it looks for the guest's disk.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass

from vcmp_mock.domain.model import GuestState, SlotStatus


class Phase(enum.Enum):
    UNALLOCATED = "unallocated"  # the slot is not held: no record
    ALLOCATING = "allocating"
    CREATING_DISK = "creating-disk"
    ATTACHING_DISK = "attaching-disk"
    WAITING_MIGRATION = "waiting-migration"
    MIGRATING_DISK = "migrating-disk"
    WAITING_INSTALL = "waiting-install"
    INSTALLING = "installing"
    STOPPED = "stopped"
    WAITING_START = "waiting-start"
    STARTING = "starting"
    RUNNING = "running"
    STOPPING = "stopping"
    FAILED = "failed"
    INACTIVE = "inactive"


class Goal(enum.Enum):
    RELEASE = "release"  # requested CONFIGURED
    STOP = "stop"  # requested PROVISIONED
    RUN = "run"  # requested DEPLOYED
    HALT = "halt"  # fewer slots left than min_slots: stop, then fail


class Trigger(enum.Enum):
    WALK = "walk"
    REQUEST = "request"
    RECOVER = "recover"
    LOST = "lost"
    DISK_FAILED = "disk-failed"


class When(enum.Enum):
    END = "end"
    NOW = "now"


class DiskSituation(enum.Enum):
    NEW = "new"  # no disk of the guest here and no installed copy to migrate
    BLANK = "blank"  # a disk is here, nothing installed on it
    INSTALLED = "installed"  # a disk with TMOS is here
    ELSEWHERE = "elsewhere"  # none here, an installed copy on another slot


class Effect(enum.Enum):
    """What a phase does to disks and VMs when it begins or finishes."""

    CREATE_DISK = "create the disk file (CREATED)"
    ATTACH_DISK = "attach the existing disk"
    INSTALL_BEGIN = "disk INSTALLING"
    INSTALL_DONE = "disk READY with TMOS"
    MIGRATE_BEGIN = "copy disk: both ends MIGRATING"
    MIGRATE_DONE = "copy READY with TMOS, source READY"
    VM_BOOT = "VM process started, disk IN_USE"
    VM_UP = "VM up (uptime counts)"
    VM_HALTED = "VM gone, disk READY"
    CLEAN_UP = "undo unfinished work (VM killed; an abandoned install or copy leaves a blank disk)"
    RELEASE_SLOT = "cores and slot freed, record removed"


@dataclass(frozen=True)
class PhaseRule:
    phase: Phase
    status: SlotStatus | None  # None: no completion record
    duration: str | None  # Timing field; None: resting, lasts until moved
    on_enter: tuple[Effect, ...] = ()
    on_finish: tuple[Effect, ...] = ()
    comment: str | None = None  # Timing field holding the comment template


P = Phase
E = Effect

PHASES: dict[Phase, PhaseRule] = {
    rule.phase: rule
    for rule in (
        PhaseRule(P.UNALLOCATED, None, None, (E.CLEAN_UP, E.RELEASE_SLOT)),
        PhaseRule(P.ALLOCATING, SlotStatus.CREATED, "allocate"),
        PhaseRule(P.CREATING_DISK, SlotStatus.ACQUIRE_VDISK, "disk_create", (E.CREATE_DISK,)),
        PhaseRule(P.ATTACHING_DISK, SlotStatus.ACQUIRE_VDISK, "disk_attach", (E.ATTACH_DISK,)),
        PhaseRule(P.WAITING_MIGRATION, SlotStatus.WAIT_MIGRATE, "migrate_wait"),
        PhaseRule(
            P.MIGRATING_DISK, SlotStatus.MIGRATE_VDISK, "migrate",
            (E.MIGRATE_BEGIN,), (E.MIGRATE_DONE,), "migrate_comment",
        ),
        PhaseRule(P.WAITING_INSTALL, SlotStatus.WAIT_INSTALL, "install_wait"),
        PhaseRule(
            P.INSTALLING, SlotStatus.INSTALLING, "install",
            (E.INSTALL_BEGIN,), (E.INSTALL_DONE,), "install_comment",
        ),
        PhaseRule(P.STOPPED, SlotStatus.STOPPED, None),
        PhaseRule(P.WAITING_START, SlotStatus.WAIT_STARTING, "start_wait"),
        PhaseRule(P.STARTING, SlotStatus.STARTING, "start", (E.VM_BOOT,)),
        PhaseRule(P.RUNNING, SlotStatus.RUNNING, None, (E.VM_UP,)),
        PhaseRule(P.STOPPING, SlotStatus.STOPPING, "stop", (), (E.VM_HALTED,)),
        PhaseRule(P.FAILED, SlotStatus.FAILED, None, (E.CLEAN_UP,)),
        PhaseRule(P.INACTIVE, SlotStatus.INACTIVE, None, (E.CLEAN_UP,), (), "inactive_comment"),
    )
}


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Phase]
    goals: frozenset[Goal]
    target: Phase
    when: When
    trigger: Trigger = Trigger.WALK
    disk: frozenset[DiskSituation] | None = None  # None: whatever the disk
    note: str = ""


G = Goal
UP = frozenset({G.STOP, G.RUN})
DOWN = frozenset({G.RELEASE, G.STOP, G.HALT})  # away from RUNNING
ALL_GOALS = frozenset(Goal)
# Work that leads up to a provisioned slot: cut short by a release or a halt.
PREPARING = frozenset({
    P.ALLOCATING, P.CREATING_DISK, P.ATTACHING_DISK, P.WAITING_MIGRATION,
    P.MIGRATING_DISK, P.WAITING_INSTALL, P.INSTALLING,
})
HELD = frozenset(Phase) - {P.UNALLOCATED}  # every phase that holds the slot


def _t(sources, goals, target, when, trigger=Trigger.WALK, disk=None, note=""):
    src = frozenset(sources) if isinstance(sources, (set, frozenset)) else frozenset({sources})
    gls = frozenset(goals) if isinstance(goals, (set, frozenset)) else frozenset({goals})
    dsk = None if disk is None else frozenset(disk)
    return Transition(src, gls, target, when, trigger, dsk, note)


D = DiskSituation
N, EN = When.NOW, When.END

TRANSITIONS: tuple[Transition, ...] = (
    _t(P.UNALLOCATED, UP, P.ALLOCATING, N, note="placement reserved cores on the slot"),
    _t(P.ALLOCATING, UP, P.CREATING_DISK, EN, disk={D.NEW}, note="no disk yet: create one"),
    _t(P.ALLOCATING, UP, P.ATTACHING_DISK, EN, disk={D.BLANK, D.INSTALLED}, note="reuse the disk on this slot"),
    _t(P.ALLOCATING, UP, P.WAITING_MIGRATION, EN, disk={D.ELSEWHERE}, note="copy the installed disk from another slot"),
    _t(P.CREATING_DISK, UP, P.WAITING_INSTALL, EN),
    _t(P.ATTACHING_DISK, UP, P.STOPPED, EN, disk={D.INSTALLED}, note="already installed: no install"),
    _t(P.ATTACHING_DISK, UP, P.WAITING_INSTALL, EN, disk={D.NEW, D.BLANK, D.ELSEWHERE}),
    _t(P.WAITING_MIGRATION, UP, P.MIGRATING_DISK, EN),
    _t(P.MIGRATING_DISK, UP, P.STOPPED, EN),
    _t(P.WAITING_INSTALL, UP, P.INSTALLING, EN, note="fails here when the guest has no initial image"),
    _t(P.INSTALLING, UP, P.STOPPED, EN, note="provisioned"),
    _t(P.STOPPED, G.RUN, P.WAITING_START, N),
    _t(P.WAITING_START, G.RUN, P.STARTING, EN),
    _t(P.STARTING, G.RUN, P.RUNNING, EN, note="deployed"),
    _t(P.RUNNING, DOWN, P.STOPPING, N),
    _t(P.STARTING, DOWN, P.STOPPING, N, note="a boot in progress is shut down"),
    _t(P.WAITING_START, DOWN, P.STOPPED, N, note="not booted yet: nothing to stop"),
    _t(P.STOPPING, ALL_GOALS, P.STOPPED, EN, note="a shutdown always completes"),
    _t(P.STOPPED, G.RELEASE, P.UNALLOCATED, N, note="disk kept for the next provisioning"),
    _t(P.STOPPED, G.HALT, P.FAILED, N, note="too few slots left (min_slots)"),
    _t(PREPARING, G.RELEASE, P.UNALLOCATED, N, note="work abandoned, disk kept as it is"),
    _t(PREPARING, G.HALT, P.FAILED, N, note="too few slots left (min_slots)"),
    _t(P.FAILED, G.RELEASE, P.UNALLOCATED, N),
    _t(P.INACTIVE, G.RELEASE, P.UNALLOCATED, N, note="the reservation is dropped even while the blade is away"),
    _t(P.FAILED, UP, P.ALLOCATING, N, Trigger.REQUEST, note="a new request retries a failed slot"),
    _t(P.FAILED, UP, P.ALLOCATING, N, Trigger.RECOVER, note="enough slots again after a halt"),
    _t(P.INACTIVE, UP, P.ALLOCATING, N, Trigger.RECOVER, note="the blade is back: boot again"),
    _t(HELD, ALL_GOALS, P.INACTIVE, N, Trigger.LOST, note="blade down or member disabled"),
    _t(HELD, ALL_GOALS, P.FAILED, N, Trigger.DISK_FAILED, note="the slot's virtual disk failed"),
)

# The resting point of each goal: where the walk stops.
RESTING: dict[Goal, Phase] = {
    G.RELEASE: P.UNALLOCATED, G.STOP: P.STOPPED, G.RUN: P.RUNNING, G.HALT: P.FAILED,
}

GOAL_OF_STATE: dict[GuestState, Goal] = {
    GuestState.CONFIGURED: G.RELEASE,
    GuestState.PROVISIONED: G.STOP,
    GuestState.DEPLOYED: G.RUN,
}

# request_complete is true when a slot shows this status for the requested
# state, or FAILED. A configured guest's slots disappear once released.
FINAL_STATUS: dict[GuestState, SlotStatus | None] = {
    GuestState.CONFIGURED: None,
    GuestState.PROVISIONED: SlotStatus.STOPPED,
    GuestState.DEPLOYED: SlotStatus.RUNNING,
}

_EVENT_TRIGGERS = frozenset({Trigger.LOST, Trigger.DISK_FAILED})


def _applies(tr: Transition, trigger: Trigger) -> bool:
    if tr.trigger is Trigger.WALK:
        return trigger not in _EVENT_TRIGGERS
    return tr.trigger is trigger


def transitions_from(phase: Phase, goal: Goal, disk: DiskSituation, trigger: Trigger) -> list[Transition]:
    """Every row matching; the table is valid when there is at most one."""
    return [
        tr for tr in TRANSITIONS
        if phase in tr.sources and goal in tr.goals and _applies(tr, trigger)
        and (tr.disk is None or disk in tr.disk)
    ]


@functools.cache
def next_move(phase: Phase, goal: Goal, disk: DiskSituation, trigger: Trigger = Trigger.WALK) -> Transition | None:
    """The one move from ``phase`` toward ``goal``; None when the slot rests."""
    found = transitions_from(phase, goal, disk, trigger)
    if len(found) > 1:
        raise LookupError(f"lifecycle table is ambiguous for {phase}, {goal}, {disk}, {trigger}")
    return found[0] if found else None


def event_move(phase: Phase, trigger: Trigger) -> Transition:
    """The move an event makes; raises when the table has none."""
    move = next_move(phase, Goal.RUN, DiskSituation.INSTALLED, trigger)
    if move is None:
        raise LookupError(f"lifecycle table has no {trigger.value} move from {phase.value}")
    return move


def is_complete(requested: GuestState, status: SlotStatus) -> bool:
    return status is SlotStatus.FAILED or status is FINAL_STATUS[requested]
