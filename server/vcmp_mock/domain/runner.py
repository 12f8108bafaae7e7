"""Moving slots along their plans, and what each phase does on the way.

The runner is called with a simulated time ``at``: when a step ends (a
timeline tick), when a request or an event replans a slot. It applies the
effects the lifecycle table lists for each phase (disks, VM processes,
freeing the slot) and queues the end of the next step. It never reads the
clock itself, so effects happen at the simulated instant they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from vcmp_mock.domain.clock import Clock
from vcmp_mock.domain.faults import DomainFaults
from vcmp_mock.domain.guest import Guest, SlotRun
from vcmp_mock.domain.lifecycle import (
    PHASES,
    DiskSituation,
    Effect,
    Goal,
    Phase,
    Trigger,
    When,
    event_move,
    next_move,
)
from vcmp_mock.domain.model import DiskKey, DiskStatus, OperatingSystem
from vcmp_mock.domain.rng import Rng
from vcmp_mock.domain.slotplan import FOREVER, PlanContext, Step, route
from vcmp_mock.domain.state import HostState, SlotTick
from vcmp_mock.domain.timing import Timing


@dataclass
class Env:
    """What a host works with but does not own: none of it rolls back."""

    clock: Clock
    rng: Rng
    faults: DomainFaults
    timing: Timing
    refuse_unplaceable: bool = False  # True: raise InsufficientResources instead of failing the guest


class Runner:
    def __init__(self, st: HostState, env: Env) -> None:
        self.st = st
        self.env = env

    def timing(self, guest: str) -> Timing:
        return self.st.timings.get(guest, self.env.timing)

    # --- time passes -----------------------------------------------------------
    def tick(self, tick: SlotTick, at: float) -> None:
        guest = self.st.guests.get(tick.guest)
        run = guest.runs.get(tick.slot_id) if guest else None
        if run is None or run.generation != tick.generation:
            return  # the plan this tick belonged to was replaced
        if not run.step.fails:
            self._apply(PHASES[run.phase].on_finish, guest, run, at)
        run.index += 1
        self._enter(guest, run, at)

    def _enter(self, guest: Guest, run: SlotRun, at: float) -> None:
        step = run.step
        self._apply(PHASES[step.phase].on_enter, guest, run, at)
        if guest.runs.get(run.slot_id) is run and step.end != FOREVER:
            self.st.timeline.push(step.end, SlotTick(guest.name, run.slot_id, run.generation))

    # --- requests and events move a slot -------------------------------------------
    def open_run(self, guest: Guest, slot_id: int, at: float) -> SlotRun:
        """Hold ``slot_id`` for ``guest``: book its cores; the run rests until replanned."""
        cores = self.st.chassis.reserve(slot_id, guest.name, guest.cores_per_slot)
        run = SlotRun(slot_id, cores, DiskKey(slot_id, guest.disk_name), Goal.RELEASE,
                      [Step(Phase.UNALLOCATED, at, FOREVER)])
        guest.runs[slot_id] = run
        guest.runs = dict(sorted(guest.runs.items()))
        guest.touch()
        return run

    def replan(self, guest: Guest, run: SlotRun, goal: Goal, trigger: Trigger, at: float,
               delay: float = 0.0, reason: str = "") -> None:
        step = run.step
        ctx = self._context(guest, run, reason)
        move = next_move(step.phase, goal, ctx.disk, trigger)
        run.goal = goal
        if move is None:
            if step.end != FOREVER:
                # A resting point the old goal was passing through: stop here.
                run.generation = self.st.new_generation()
                run.plan, run.index = [replace(step, end=FOREVER)], 0
            return  # already where the goal wants it (or failed: only a new request retries)
        run.generation = self.st.new_generation()
        if move.when is When.END or step.fails:
            # The current step runs to its planned end (and to its planned failure).
            tail = run.plan[run.index + 1:] if step.fails or step.end == FOREVER else \
                route(step.phase, goal, step.end, ctx, trigger, delay)
            run.plan, run.index = [step, *tail], 0
            if step.end != FOREVER:
                self.st.timeline.push(step.end, SlotTick(guest.name, run.slot_id, run.generation))
            return
        if step.phase is Phase.FAILED:
            run.retries += 1
        run.plan, run.index = route(step.phase, goal, at, ctx, trigger, delay), 0
        self._enter(guest, run, at)

    def interrupt(self, guest: Guest, run: SlotRun, trigger: Trigger, at: float, reason: str) -> None:
        """An event (blade lost, disk failed) cuts whatever the slot was doing."""
        move = event_move(run.phase, trigger)
        run.generation = self.st.new_generation()
        run.plan, run.index = [Step(move.target, at, FOREVER, comment=reason)], 0
        self._enter(guest, run, at)

    def settle(self, guest: Guest, run: SlotRun, at: float) -> None:
        """Do the rest of the plan at once, as if its time had passed (a
        stalled phase stays stalled); every effect happens, at ``at``."""
        while guest.runs.get(run.slot_id) is run and run.step.end != FOREVER:
            run.generation = self.st.new_generation()
            if not run.step.fails:
                self._apply(PHASES[run.phase].on_finish, guest, run, at)
            run.index += 1
            step = run.step
            run.plan[run.index] = replace(step, start=at, end=FOREVER if step.end == FOREVER else at)
            self._enter(guest, run, at)

    def drop(self, guest: Guest, run: SlotRun, at: float) -> None:
        """Give the slot up at once (guest deleted, blade pulled): no shutdown phase."""
        run.generation = self.st.new_generation()
        self._clean_up(guest, run, at)
        self._release_slot(guest, run, at)

    # --- what the slot finds -------------------------------------------------------
    def _context(self, guest: Guest, run: SlotRun, reason: str) -> PlanContext:
        disk, source, blocked = self.situation(guest, run)
        if disk is DiskSituation.ELSEWHERE:
            run.migrate_from = source
        return PlanContext(guest.name, run.slot_id, self.timing(guest.name), self.env.faults,
                           disk, bool(guest.initial_image), reason, blocked)

    def situation(self, guest: Guest, run: SlotRun) -> tuple[DiskSituation, DiskKey | None, str]:
        disks = self.st.disks
        here = disks.get(run.disk)
        if here is not None:
            if here.owner not in (None, guest.name):
                return DiskSituation.NEW, None, (
                    f"Virtual disk {here.key.filename} on slot {here.key.slot_id} "
                    f"belongs to vCMP guest ({here.owner})."
                )
            copier = next((r.slot_id for r in guest.runs.values() if r.migrate_from == here.key), None)
            if copier is not None:
                return DiskSituation.NEW, None, (
                    f"Virtual disk {here.key.filename} on slot {here.key.slot_id} "
                    f"is being copied to slot {copier}."
                )
            if here.status is DiskStatus.MIGRATING and run.migrate_from is None:
                return DiskSituation.NEW, None, (
                    f"Virtual disk {here.key.filename} on slot {here.key.slot_id} is being migrated."
                )
            if here.status is DiskStatus.UNKNOWN:
                return DiskSituation.NEW, None, ""  # broken: made again from scratch
            return (DiskSituation.INSTALLED if here.installed else DiskSituation.BLANK), None, ""
        for copy in disks.copies_of(run.disk.filename):
            if (copy.owner in (None, guest.name) and copy.status is DiskStatus.READY
                    and copy.os is OperatingSystem.TMOS and copy.key.slot_id not in guest.runs
                    and self.st.chassis.slot(copy.key.slot_id).usable):
                return DiskSituation.ELSEWHERE, copy.key, ""
        return DiskSituation.NEW, None, ""

    # --- effects ---------------------------------------------------------------------
    def _apply(self, effects: tuple[Effect, ...], guest: Guest, run: SlotRun, at: float) -> None:
        for effect in effects:
            getattr(self, "_" + effect.name.lower())(guest, run, at)

    def _create_disk(self, guest: Guest, run: SlotRun, at: float) -> None:
        self.st.disks.create(run.disk, guest.name, at)

    def _attach_disk(self, guest: Guest, run: SlotRun, at: float) -> None:
        self.st.disks.require(run.disk).owner = guest.name

    def _install_begin(self, guest: Guest, run: SlotRun, at: float) -> None:
        disk = self.st.disks.require(run.disk)
        disk.status, disk.os, disk.image, disk.used_mb = DiskStatus.INSTALLING, OperatingSystem.UNKNOWN, guest.initial_image, 0

    def _install_done(self, guest: Guest, run: SlotRun, at: float) -> None:
        disk = self.st.disks.require(run.disk)
        disk.status, disk.os = DiskStatus.READY, OperatingSystem.TMOS
        disk.used_mb = self.env.rng.randint(4600, 7800)  # a fresh TMOS install

    def _migrate_begin(self, guest: Guest, run: SlotRun, at: float) -> None:
        source = self.st.disks.require(run.migrate_from)
        source.status = DiskStatus.MIGRATING
        copy = self.st.disks.create(run.disk, guest.name, at)
        copy.status, copy.image = DiskStatus.MIGRATING, source.image

    def _migrate_done(self, guest: Guest, run: SlotRun, at: float) -> None:
        source = self.st.disks.require(run.migrate_from)
        copy = self.st.disks.require(run.disk)
        copy.status, copy.os, copy.used_mb = DiskStatus.READY, OperatingSystem.TMOS, source.used_mb
        source.status = DiskStatus.READY
        run.migrate_from = None

    def _vm_boot(self, guest: Guest, run: SlotRun, at: float) -> None:
        self.st.disks.require(run.disk).status = DiskStatus.IN_USE
        rng = self.env.rng
        run.pid, run.load, run.packet_rate = rng.randint(1200, 32000), rng.randint(2, 18), rng.randint(50, 4000)
        run.starts += 1

    def _vm_up(self, guest: Guest, run: SlotRun, at: float) -> None:
        run.running_since = at

    def _vm_halted(self, guest: Guest, run: SlotRun, at: float) -> None:
        run.pid, run.running_since = 0, None
        disk = self.st.disks.get(run.disk)
        if disk is not None and disk.status is DiskStatus.IN_USE:
            disk.status = DiskStatus.READY

    def _clean_up(self, guest: Guest, run: SlotRun, at: float) -> None:
        self._vm_halted(guest, run, at)
        disks = self.st.disks
        disk = disks.get(run.disk)
        if disk is not None and disk.owner in (None, guest.name):
            if disk.status in (DiskStatus.INSTALLING, DiskStatus.MIGRATING):
                # An abandoned install or copy leaves the file, with nothing usable on it:
                # disks only ever disappear when someone deletes them.
                disk.status, disk.os, disk.used_mb = DiskStatus.CREATED, OperatingSystem.UNKNOWN, 0
        source = disks.get(run.migrate_from) if run.migrate_from else None
        if source is not None and source.status is DiskStatus.MIGRATING:
            source.status = DiskStatus.READY
        run.migrate_from = None

    def _release_slot(self, guest: Guest, run: SlotRun, at: float) -> None:
        self.st.chassis.release(run.slot_id, guest.name)
        del guest.runs[run.slot_id]
        guest.last_slots = (run.slot_id, *(s for s in guest.last_slots if s != run.slot_id))
        guest.touch()
