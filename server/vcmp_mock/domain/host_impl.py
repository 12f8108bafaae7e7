"""``VcmpHost``: the simulated vCMP host behind ``HostAPI``.

Every public method first brings the host up to the clock (``_catch_up``):
the ends of steps and scheduled actions up to ``now`` are processed one by
one in time order, each at its own instant. Then the method reads or
changes the state. Changes either complete or raise a ``DomainError`` with
nothing changed: simple setters check before they touch anything, the
rest run inside ``atomic()``.

The guest configuration setters live in ``host_config.py``, the chassis
and scenario events in ``host_events.py``, the statistics in
``host_stats.py``; this module holds time, snapshots, the chassis and
cluster, the lifecycle and the disks.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Sequence

from vcmp_mock.domain.chassis import Chassis, ChassisSpec
from vcmp_mock.domain.clock import Clock
from vcmp_mock.domain.errors import DiskInUse, DomainError, GuestNotFound, InvalidArgument
from vcmp_mock.domain.faults import NO_FAULTS, DomainFaults
from vcmp_mock.domain.guest import Guest
from vcmp_mock.domain.host import ClusterView, DiskView, GuestView
from vcmp_mock.domain.host_config import GuestConfigMixin
from vcmp_mock.domain.host_events import HostEventsMixin
from vcmp_mock.domain.host_stats import HostStatsMixin
from vcmp_mock.domain.lifecycle import PHASES, Phase, is_complete
from vcmp_mock.domain.model import (
    ChassisSlotState,
    CompletionRecord,
    DiskKey,
    GuestState,
    HAAction,
    HAState,
    Slot,
    SlotStatus,
    Timestamp,
)
from vcmp_mock.domain.reconcile import Reconciler
from vcmp_mock.domain.rng import Rng
from vcmp_mock.domain.runner import Env, Runner
from vcmp_mock.domain.slotplan import comment_at
from vcmp_mock.domain.state import HostState, SlotTick
from vcmp_mock.domain import stats
from vcmp_mock.domain.timing import DEFAULT_TIMING, Timing

# A host has been up a while when the simulation starts (3 days, 2 hours).
DEFAULT_UPTIME = 3 * 86400 + 7200


class VcmpHost(GuestConfigMixin, HostEventsMixin, HostStatsMixin):
    def __init__(
        self,
        chassis: ChassisSpec,
        *,
        clock: Clock,
        rng: Rng | None = None,
        timing: Timing = DEFAULT_TIMING,
        faults: DomainFaults = NO_FAULTS,
        refuse_unplaceable: bool = False,
        boot_time: float | None = None,
    ) -> None:
        self.spec = chassis
        self.platform = chassis.platform
        self.clock = clock
        self.rng = rng if rng is not None else Rng(0)
        self.env = Env(clock, self.rng, faults, timing, refuse_unplaceable)
        self._st = HostState(Chassis.build(chassis))
        self._runner = Runner(self._st, self.env)
        self._reconciler = Reconciler(self._runner)
        self._time = clock.now()
        self._catching_up = False
        self.boot_time = self._time - DEFAULT_UPTIME if boot_time is None else boot_time
        self._rng_at_build = self.rng.getstate()

    # --- configuration that does not roll back ------------------------------------
    @property
    def timing(self) -> Timing:
        return self.env.timing

    @timing.setter
    def timing(self, timing: Timing) -> None:
        self.env.timing = timing

    @property
    def faults(self) -> DomainFaults:
        return self.env.faults

    @faults.setter
    def faults(self, faults: DomainFaults) -> None:
        self.env.faults = faults

    # --- time --------------------------------------------------------------------------
    def _catch_up(self) -> float:
        """Process everything due up to the clock's now, in time order."""
        if self._catching_up:
            return self._time  # a scheduled action is calling back in: it runs at its own time
        now = max(self.clock.now(), self._time)
        if self._st.timeline.next_time() is not None and self._st.timeline.next_time() <= now:
            self._catching_up = True
            try:
                while (due := self._st.timeline.pop_due(now)) is not None:
                    self._time, entry = due
                    if isinstance(entry, SlotTick):
                        self._runner.tick(entry, self._time)
                    else:
                        self._run_scheduled(entry)
            finally:
                self._catching_up = False
        self._time = now
        return now

    def _run_scheduled(self, entry) -> None:
        try:
            with self.atomic():
                entry.action(self)
        except DomainError as exc:
            self._st.event_errors.append((self._time, entry.label, exc.message))

    def now(self) -> float:
        return self._catch_up()

    def now_timestamp(self) -> Timestamp:
        return stats.timestamp(self._catch_up())

    def uptime_seconds(self) -> int:
        return int(self._catch_up() - self.boot_time)

    # --- whole host ------------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the state the host was built with; the clock keeps its time."""
        self._st.restore(HostState(Chassis.build(self.spec)))
        self.rng.setstate(self._rng_at_build)
        self._time = max(self.clock.now(), self._time)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        self._catch_up()
        snapshot, rng_state = self._st.snapshot(), self.rng.getstate()
        try:
            yield
        except BaseException:
            self._st.restore(snapshot)
            self.rng.setstate(rng_state)
            raise

    # --- chassis and cluster ---------------------------------------------------------------
    def slots(self) -> tuple[Slot, ...]:
        self._catch_up()
        return tuple(self._st.chassis.slots[i] for i in sorted(self._st.chassis.slots))

    def slot(self, slot_id: int) -> Slot:
        self._catch_up()
        return self._st.chassis.slot(slot_id)

    def is_clustered(self) -> bool:
        return self.platform.is_chassis

    def cluster(self) -> ClusterView:
        self._catch_up()
        ch = self._st.chassis
        return ClusterView(ch.cluster_name, ch.primary_slot, ch.min_up_members, ch.min_up_members_enabled,
                           ch.min_up_members_action, ch.cluster_ha().name)

    def chassis_slot_state(self, slot_id: int) -> ChassisSlotState:
        self._catch_up()
        return self._st.chassis.slot_state(slot_id)

    def member_ha(self, slot_id: int) -> HAState:
        self._catch_up()
        return self._st.chassis.member_ha(slot_id)

    def member_ha_state(self, slot_id: int) -> str:
        return self.member_ha(slot_id).name

    def free_cores(self, slot_id: int) -> int:
        self._catch_up()
        return self._st.chassis.free_cores(slot_id)

    def slot_usage(self, slot_id: int) -> dict[str, int]:
        """Cores held on ``slot_id``, by guest name."""
        self._catch_up()
        usage: dict[str, int] = {}
        for owner in self._st.chassis.cores.get(self._st.chassis.slot(slot_id).slot_id, []):
            if owner is not None:
                usage[owner] = usage.get(owner, 0) + 1
        return usage

    def set_member_priming(self, slot_id: int, priming: bool) -> None:
        self._catch_up()
        self._st.chassis.update(slot_id, priming=bool(priming))

    def set_min_up_members(self, count: int) -> None:
        self._catch_up()
        if not isinstance(count, int) or not 0 <= count <= len(self._st.chassis.slots):
            raise InvalidArgument("min up members", count, f"must be between 0 and {len(self._st.chassis.slots)}")
        self._st.chassis.min_up_members = count

    def set_min_up_members_enabled(self, enabled: bool) -> None:
        self._catch_up()
        self._st.chassis.min_up_members_enabled = bool(enabled)

    def set_min_up_members_action(self, action: HAAction) -> None:
        self._catch_up()
        if not isinstance(action, HAAction):
            raise InvalidArgument("min up members action", action, "not an HA action")
        self._st.chassis.min_up_members_action = action

    # --- guests -------------------------------------------------------------------------------
    def _guest(self, name: str) -> Guest:
        try:
            return self._st.guests[name]
        except (KeyError, TypeError):
            raise GuestNotFound(str(name)) from None

    def _guests(self, names: Sequence[str] | None) -> list[Guest]:
        if names is None:
            return sorted(self._st.guests.values(), key=lambda g: g.name)
        return [self._guest(n) for n in names]

    def guest_names(self) -> list[str]:
        self._catch_up()
        return sorted(self._st.guests)

    def guest(self, name: str) -> GuestView:
        self._catch_up()
        return self._guest(name).view()

    def has_guest(self, name: str) -> bool:
        self._catch_up()
        return name in self._st.guests

    # --- lifecycle ------------------------------------------------------------------------------
    def set_requested_state(self, name: str, state: GuestState) -> None:
        """Asynchronous: returns at once; progress is read from the clock."""
        self._catch_up()
        guest = self._guest(name)
        if not isinstance(state, GuestState):
            raise InvalidArgument("guest state", state, "use CONFIGURED, PROVISIONED or DEPLOYED")
        with self.atomic():
            self._reconciler.request(guest, state, self._time)

    def settle(self, name: str) -> None:
        """Finish the guest's work in flight at once, as if enough time had
        passed (a scenario's guest that starts out deployed). Faults still
        apply: a planned failure happens, a stalled phase stays stalled."""
        self._catch_up()
        guest = self._guest(name)
        with self.atomic():
            for run in list(guest.runs.values()):
                self._runner.settle(guest, run, self._time)

    def completion_status(self, name: str) -> list[CompletionRecord]:
        now = self._catch_up()
        guest = self._guest(name)
        requested = guest.requested_state
        if guest.placement_failure is not None:
            return [CompletionRecord(0, requested, True, SlotStatus.FAILED, guest.placement_failure)]
        timing = self._runner.timing(guest.name)
        out = []
        for slot_id, run in guest.runs.items():
            step = run.step
            status = PHASES[step.phase].status
            comment = comment_at(step, now, timing, slot=slot_id, disk=run.disk.filename, guest=guest.name)
            out.append(CompletionRecord(slot_id, requested, is_complete(requested, status), status, comment))
        return out

    def slot_phases(self, name: str) -> dict[int, Phase]:
        """The lifecycle phase of each slot the guest holds (finer than the status)."""
        self._catch_up()
        return {sid: run.phase for sid, run in self._guest(name).runs.items()}

    def set_guest_timing(self, name: str, timing: Timing | None) -> None:
        """Durations for one guest (None: back to the host's); applies to steps planned from now on."""
        self._catch_up()
        self._guest(name)
        if timing is not None and not isinstance(timing, Timing):
            raise InvalidArgument("timing", timing, "a Timing (or None) is expected")
        if timing is None:
            self._st.timings.pop(name, None)
        else:
            self._st.timings[name] = timing

    # --- virtual disks ------------------------------------------------------------------------------
    def _disk_view(self, disk) -> DiskView:
        return DiskView(disk.key, disk.owner, disk.status, disk.os, disk.size_mb, disk.image, disk.used_mb)

    def disks(self) -> list[DiskView]:
        self._catch_up()
        return [self._disk_view(d) for d in self._st.disks.all()]

    def disk(self, key: DiskKey) -> DiskView:
        self._catch_up()
        return self._disk_view(self._st.disks.require(key))

    def _disk_holder(self, key: DiskKey) -> str | None:
        """Who keeps the disk from being deleted or moved: a guest whose slot
        uses it or copies from it, or the host itself while it moves the disk."""
        for guest in self._st.guests.values():
            for run in guest.runs.values():
                if run.disk == key or run.migrate_from == key:
                    return guest.name
        disk = self._st.disks.get(key)
        if disk is not None and disk.busy:
            return "none (the host is migrating it)"
        return None

    def delete_disk(self, key: DiskKey) -> None:
        self._catch_up()
        self._st.disks.require(key)
        holder = self._disk_holder(key)
        if holder is not None:
            raise DiskInUse(key.slot_id, key.filename, holder)
        self._st.disks.remove(key)

    def delete_all_disks(self) -> None:
        self._catch_up()
        for disk in self._st.disks.all():
            holder = self._disk_holder(disk.key)
            if holder is not None:
                raise DiskInUse(disk.key.slot_id, disk.key.filename, holder)
        for disk in self._st.disks.all():
            self._st.disks.remove(disk.key)
