"""Hardware and scenario events (a part of ``VcmpHost``).

A scenario fires these at simulated times, directly or through
``schedule``. Each applies at the host's current instant, runs inside
``atomic()`` and leaves the guests in a state the lifecycle table allows:
slots on lost hardware become INACTIVE, a guest short of ``min_slots``
halts, and everything resumes when the hardware returns.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Callable

from vcmp_mock.domain import validation as check

from vcmp_mock.domain.errors import AlreadyExists, DiskInUse, IllegalState, InvalidArgument
from vcmp_mock.domain.lifecycle import Trigger
from vcmp_mock.domain.model import BladeModel, DiskKey, DiskStatus, GuestState, OperatingSystem
from vcmp_mock.domain.state import Scheduled

if TYPE_CHECKING:
    from vcmp_mock.domain.host_impl import VcmpHost

    _Base = VcmpHost
else:
    _Base = object


class HostEventsMixin(_Base):
    # --- slots come and go ---------------------------------------------------------
    def set_blade_up(self, slot_id: int, up: bool) -> None:
        """A blade fails (False) or comes back (True)."""
        self._catch_up()
        slot = self._st.chassis.slot(slot_id)
        if not slot.present:
            raise IllegalState(f"Slot {slot_id}", "no blade is installed")
        self._change_slot(slot_id, "the blade is down", up=bool(up))

    def set_member_enabled(self, slot_id: int, enabled: bool) -> None:
        """System::Cluster member enable/disable: a disabled slot hosts no guests."""
        self._catch_up()
        self._st.chassis.slot(slot_id)
        self._change_slot(slot_id, "the cluster member is disabled", enabled=bool(enabled))

    def insert_blade(self, slot_id: int, blade: BladeModel) -> None:
        self._catch_up()
        if not isinstance(blade, BladeModel):
            raise InvalidArgument("blade", blade, "a blade model is expected")
        with self.atomic():
            self._st.chassis.insert_blade(slot_id, blade)
            self._hardware_back()

    def remove_blade(self, slot_id: int) -> None:
        """The blade is pulled: guests lose the slot and the disks stored on it."""
        self._catch_up()
        self._st.chassis.slot(slot_id)
        with self.atomic():
            at = self._time
            affected = []
            for guest in self._by_age():
                run = guest.runs.get(slot_id)
                if run is not None:
                    self._runner.drop(guest, run, at)
                    affected.append(guest)
                self._fail_copies_from(guest, lambda key: key.slot_id == slot_id,
                                       f"Slot {slot_id} was removed during the migration.")
            for disk in self._st.disks.on_slot(slot_id):
                self._st.disks.remove(disk.key)
            self._st.chassis.remove_blade(slot_id)
            for guest in affected:
                self._reconciler.enforce_min_slots(guest, at)
                self._reconciler.top_up(guest, at)

    def set_primary_slot(self, slot_id: int) -> None:
        self._catch_up()
        self._st.chassis.set_primary(slot_id)

    def _change_slot(self, slot_id: int, reason: str, **changes: bool) -> None:
        with self.atomic():
            was = self._st.chassis.slot(slot_id).usable
            self._st.chassis.update(slot_id, **changes)
            slot = self._st.chassis.slot(slot_id)
            if was and not slot.usable:
                self._slot_lost(slot_id, reason)
            elif slot.usable and not was:
                self._hardware_back()

    def _by_age(self):
        return sorted(self._st.guests.values(), key=lambda g: g.vcmp_id)

    def _slot_lost(self, slot_id: int, reason: str) -> None:
        at = self._time
        for guest in self._by_age():
            run = guest.runs.get(slot_id)
            if run is not None:
                self._runner.interrupt(guest, run, Trigger.LOST, at, reason)
            self._fail_copies_from(guest, lambda key: key.slot_id == slot_id,
                                   f"The source of the virtual disk copy (slot {slot_id}) is unavailable.")
            if run is not None:
                self._reconciler.enforce_min_slots(guest, at)

    def _hardware_back(self) -> None:
        at = self._time
        for guest in self._by_age():
            self._reconciler.recover(guest, at)
            self._reconciler.top_up(guest, at)

    def _fail_copies_from(self, guest, source: Callable[[DiskKey], bool], reason: str) -> None:
        """Slots that copy (or are about to copy) a disk that just became unusable fail."""
        for run in list(guest.runs.values()):
            if run.migrate_from is not None and source(run.migrate_from):
                self._runner.interrupt(guest, run, Trigger.DISK_FAILED, self._time, reason)

    # --- disks ------------------------------------------------------------------------------
    def fail_disk(self, key: DiskKey, reason: str = "") -> None:
        """The disk file is damaged: slots using it fail; it must be made again."""
        self._catch_up()
        self._st.disks.require(key)
        reason = check.free_text("reason", reason) or f"Virtual disk {key.filename} on slot {key.slot_id} failed."
        with self.atomic():
            for guest in self._by_age():
                run = guest.runs.get(key.slot_id)
                if run is not None and run.disk == key:
                    self._runner.interrupt(guest, run, Trigger.DISK_FAILED, self._time, reason)
                self._fail_copies_from(guest, lambda k: k == key, reason)
            disk = self._st.disks.get(key)
            if disk is not None:  # a half-made copy is gone already
                disk.status, disk.os, disk.used_mb = DiskStatus.UNKNOWN, OperatingSystem.UNKNOWN, 0

    def migrate_disk(self, key: DiskKey, to_slot: int) -> None:
        """Move an idle disk to another slot; it shows MIGRATING until the copy is done."""
        self._catch_up()
        disk = self._st.disks.require(key)
        target = self._st.chassis.slot(to_slot)
        holder = self._disk_holder(key)
        if holder is not None:
            raise DiskInUse(key.slot_id, key.filename, holder)
        if to_slot == key.slot_id:
            raise InvalidArgument("target slot", to_slot, "the disk is already on that slot")
        if not (target.usable and self._st.chassis.slot(key.slot_id).usable):
            raise IllegalState(f"Virtual disk {key.filename}", "both slots need a working, enabled blade")
        new_key = DiskKey(to_slot, key.filename)
        if self._st.disks.get(new_key) is not None:
            raise AlreadyExists("virtual disk", f"{key.filename} on slot {to_slot}")
        self._st.disks.remove(key)
        disk.key, disk.status = new_key, DiskStatus.MIGRATING
        self._st.disks.put(disk)
        done = self._time + self.env.timing.migrate
        self._st.timeline.push(done, Scheduled(lambda host: host._settle_disk(new_key), f"disk {new_key} settles"))

    def _settle_disk(self, key: DiskKey) -> None:
        disk = self._st.disks.get(key)
        if disk is not None and disk.status is DiskStatus.MIGRATING:
            disk.status = DiskStatus.READY if disk.os is OperatingSystem.TMOS else DiskStatus.CREATED

    # --- someone else acts --------------------------------------------------------------------
    def set_state_by_other(self, name: str, state: GuestState) -> None:
        """Another administrator (tmsh, GUI) changes the requested state."""
        self.set_requested_state(name, state)

    def schedule(self, at: float, action: Callable[[Any], None], label: str = "") -> None:
        """Run ``action(host)`` when simulated time reaches ``at`` (at once if it has)."""
        self._catch_up()
        if not callable(action):
            raise InvalidArgument("action", action, "a callable is expected")
        if isinstance(at, bool) or not isinstance(at, (int, float)) or math.isnan(at):
            raise InvalidArgument("time", at, "simulated seconds since the epoch are expected")
        self._st.timeline.push(max(float(at), self._time), Scheduled(action, str(label)))

    def scheduled(self) -> list[tuple[float, str]]:
        self._catch_up()
        return self._st.timeline.scheduled()

    def event_errors(self) -> list[tuple[float, str, str]]:
        """Scheduled actions that were refused: (time, label, message)."""
        self._catch_up()
        return list(self._st.event_errors)
