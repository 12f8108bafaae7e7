"""A hypothesis state machine over the simulated host.

Guests are created, reconfigured, moved between states and deleted in
random orders, blades fail and return, disks are deleted, batches roll
back, while the manual clock jumps forward by random amounts. After every
step the invariants a client relies on are checked.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from vcmp_mock.domain.clock import ManualClock
from vcmp_mock.domain.errors import DomainError, GuestNotFound
from vcmp_mock.domain.faults import FaultRules, install_fails, start_fails, stuck_in
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.host_impl import VcmpHost
from vcmp_mock.domain.lifecycle import is_complete
from vcmp_mock.domain.model import DiskKey, DiskStatus, GuestState, ManagementAddress, OperatingSystem, SlotStatus
from vcmp_mock.domain.rng import Rng
from vcmp_mock.engine import presets

NAMES = ["g1", "g2", "g3", "g4", "g5"]  # g4 and g5 meet the fault rules below
SLOTS = [1, 2, 3, 4]
names = st.sampled_from(NAMES)
states = st.sampled_from(list(GuestState))
slot_ids = st.sampled_from(SLOTS)


def observable(host):
    return (
        [(host.guest(n), host.completion_status(n)) for n in host.guest_names()],
        host.disks(),
        host.slots(),
        [host.slot_usage(s) for s in SLOTS],
    )


class HostMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = ManualClock()
        faults = FaultRules([
            install_fails(50, "install failed (test)", slot_id=2, times=2),
            start_fails("boot failed (test)", guest="g4", times=1),
            stuck_in(SlotStatus.WAIT_STARTING, guest="g5", times=1),
        ])
        # Slot 3 holds a bigger blade: placement has unequal slots to choose from.
        spec = presets.chassis("viprion-c2400", ["B2100", "B2100", "B2250", "B2100"])
        self.host = VcmpHost(spec, clock=self.clock, rng=Rng(1), faults=faults)
        self.disks: set[DiskKey] = set()  # every disk seen and not deleted on purpose

    # --- what changes the host ---------------------------------------------------------
    def attempt(self, call) -> None:
        """A refused call must leave everything a client can see unchanged."""
        before = observable(self.host)
        try:
            call()
        except DomainError:
            assert observable(self.host) == before

    @initialize()
    def two_guests(self):
        self.create("g1", 2, 2, [1, 2, 3, 4], "BIGIP-13.1.0.8-0.0.3.iso")
        self.create("g2", 1, 4, [2, 3], "BIGIP-13.1.0.8-0.0.3.iso")

    @rule(name=names, slots=st.integers(1, 4), cores=st.sampled_from([1, 2, 4, 6, 8, 12]),
          allowed=st.lists(slot_ids, min_size=1, max_size=4, unique=True),
          image=st.sampled_from(["BIGIP-13.1.0.8-0.0.3.iso", "BIGIP-13.1.0.8-0.0.3.iso", ""]))
    def create(self, name, slots, cores, allowed, image):
        def batch():
            with self.host.atomic():
                self.host.create_guest(GuestSpec(name, f"{name}.example.com", image,
                                                 ManagementAddress("10.0.0.9", "24"), "10.0.0.1", ("v1",)))
                self.host.set_slots(name, slots)
                self.host.set_allowed_slots(name, allowed)
                self.host.set_cores_per_slot(name, cores)
        self.attempt(batch)

    @rule(name=names, state=states)
    def request(self, name, state):
        self.attempt(lambda: self.host.set_requested_state(name, state))

    @rule(name=names, state=st.sampled_from([GuestState.PROVISIONED, GuestState.DEPLOYED]))
    def request_up(self, name, state):
        self.attempt(lambda: self.host.set_requested_state(name, state))

    @rule(name=names, to=st.lists(slot_ids, min_size=1, max_size=2, unique=True), state=states)
    def move(self, name, to, state):
        """Down to configured, wait for the slots to be released, then up on other slots."""
        self.attempt(lambda: self.host.set_requested_state(name, GuestState.CONFIGURED))
        self.clock.advance(60)
        self.attempt(lambda: self.host.set_allowed_slots(name, to))
        self.attempt(lambda: self.host.set_requested_state(name, state))

    @rule(name=names, data=st.data())
    def reconfigure(self, name, data):
        host = self.host
        change = data.draw(st.sampled_from([
            lambda: host.set_slots(name, data.draw(st.integers(0, 5), "slots")),
            lambda: host.set_min_slots(name, data.draw(st.integers(0, 5), "min slots")),
            lambda: host.set_allowed_slots(name, data.draw(st.lists(st.integers(0, 5), max_size=4), "allowed")),
            lambda: host.set_cores_per_slot(name, data.draw(st.integers(0, 22), "cores")),
            lambda: host.set_virtual_disk(name, data.draw(st.sampled_from(["", "shared.img", "g1.img"]), "disk")),
        ]), "change")
        self.attempt(change)

    @rule(name=names)
    def delete(self, name):
        self.attempt(lambda: self.host.delete_guest(name))

    @rule(name=names)
    def settle(self, name):
        self.attempt(lambda: self.host.settle(name))

    @precondition(lambda self: self.disks)
    @rule(data=st.data())
    def delete_disk(self, data):
        key = data.draw(st.sampled_from(sorted(self.disks, key=lambda k: (k.slot_id, k.filename))))
        try:
            self.host.delete_disk(key)
            self.disks.discard(key)
        except DomainError:
            pass

    @rule(slot=slot_ids, up=st.booleans(), member=st.booleans())
    def hardware(self, slot, up, member):
        if member:
            self.attempt(lambda: self.host.set_member_enabled(slot, up))
        else:
            self.attempt(lambda: self.host.set_blade_up(slot, up))

    @rule(slot=slot_ids, pull=st.booleans())
    def blade_swap(self, slot, pull):
        try:
            if pull:
                self.host.remove_blade(slot)
                self.disks = {k for k in self.disks if k.slot_id != slot}  # gone with the blade
            else:
                self.host.insert_blade(slot, presets.blade("B2100"))
        except DomainError:
            pass

    @precondition(lambda self: self.disks)
    @rule(data=st.data(), to=slot_ids, fail=st.booleans())
    def disk_event(self, data, to, fail):
        key = data.draw(st.sampled_from(sorted(self.disks, key=lambda k: (k.slot_id, k.filename))))
        try:
            if fail:
                self.host.fail_disk(key, "disk failed (test)")
            else:
                self.host.migrate_disk(key, to)
                self.disks.discard(key)  # moved, not lost
        except DomainError:
            pass

    @rule(a=names, b=names, state=states)
    def failed_batch_changes_nothing(self, a, b, state):
        before = observable(self.host)
        try:
            with self.host.atomic():
                self.host.set_requested_state(a, state)
                self.host.set_requested_state(b, state)
                self.host.guest("no-such-guest")
        except (GuestNotFound, DomainError):
            pass
        assert observable(self.host) == before

    @rule(seconds=st.one_of(st.floats(0, 30), st.floats(30, 700)))
    def advance(self, seconds):
        self.clock.advance(seconds)

    # --- what must always hold --------------------------------------------------------------
    @invariant()
    def note_coverage(self):
        for name in self.host.guest_names():
            for phase in self.host.slot_phases(name).values():
                event(f"phase {phase.value}")

    @invariant()
    def no_blade_over_its_cores(self):
        for slot in self.host.slots():
            usage = self.host.slot_usage(slot.slot_id)
            cores = slot.blade.cores if slot.blade else 0
            assert sum(usage.values()) + self.host.free_cores(slot.slot_id) == cores
            assert sum(usage.values()) <= cores
            if slot.blade:
                assert len(usage) <= slot.blade.max_guests

    @invariant()
    def slots_within_allowed_and_count(self):
        for name in self.host.guest_names():
            g = self.host.guest(name)
            assert set(g.assigned_slots) <= set(g.allowed_slots)
            assert len(g.assigned_slots) <= g.slots
            assert 1 <= g.min_slots <= g.slots

    @invariant()
    def every_allocated_slot_has_one_record(self):
        for name in self.host.guest_names():
            g = self.host.guest(name)
            records = self.host.completion_status(name)
            if g.assigned_slots:
                assert [r.slot_id for r in records] == list(g.assigned_slots)
            else:
                assert records == [] or [(r.slot_id, r.status) for r in records] == [(0, SlotStatus.FAILED)]
            for r in records:
                assert r.requested_state is g.requested_state

    @invariant()
    def complete_exactly_at_the_final_status_or_failure(self):
        for name in self.host.guest_names():
            for r in self.host.completion_status(name):
                assert r.request_complete == is_complete(r.requested_state, r.status), r
                if r.requested_state is GuestState.CONFIGURED:
                    assert r.status is SlotStatus.FAILED or not r.request_complete

    @invariant()
    def freed_resources_are_free(self):
        holders = {s: set() for s in SLOTS}
        for name in self.host.guest_names():
            g = self.host.guest(name)
            for s in g.assigned_slots:
                holders[s].add(name)
                assert self.host.slot_usage(s)[name] == g.cores_per_slot
        for s in SLOTS:
            assert set(self.host.slot_usage(s)) == holders[s]

    @invariant()
    def disks_are_never_lost(self):
        present = {d.key for d in self.host.disks()}
        assert self.disks <= present, self.disks - present
        self.disks |= present
        guests = set(self.host.guest_names())
        for d in self.host.disks():
            assert d.guest is None or d.guest in guests

    @invariant()
    def slot_status_agrees_with_the_disk(self):
        disks = {d.key: d for d in self.host.disks()}
        for name in self.host.guest_names():
            g = self.host.guest(name)
            for r in self.host.completion_status(name):
                disk = disks.get(DiskKey(r.slot_id, g.virtual_disk))
                if r.status is SlotStatus.RUNNING:
                    assert disk.status is DiskStatus.IN_USE
                if r.status is SlotStatus.STOPPED:
                    assert (disk.status, disk.os) == (DiskStatus.READY, OperatingSystem.TMOS)


# A longer hunt: VCMP_MACHINE_EXAMPLES=5000 python -m pytest tests/property/test_host_machine.py
HostMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("VCMP_MACHINE_EXAMPLES", "200")), stateful_step_count=50, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestHostMachine = HostMachine.TestCase
