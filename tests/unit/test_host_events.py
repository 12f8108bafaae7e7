"""Hardware and scenario events: blades fail, return, are pulled; primary moves."""

import pytest

from hostkit import CONFIGURED, DEPLOYED, deployed, dump, make_host, new_guest, statuses
from vcmp_mock.domain.errors import IllegalState, InvalidArgument, SlotNotFound
from vcmp_mock.domain.model import ChassisSlotState, DiskKey, DiskStatus, HAState, SlotStatus
from vcmp_mock.engine.presets import blade


def test_a_failed_blade_makes_its_slot_inactive_with_a_reason():
    host, clock = make_host()
    deployed(host, clock, slots=2)
    host.set_blade_up(2, False)
    recs = host.completion_status("g1")
    assert [(r.slot_id, r.status, r.request_complete) for r in recs] == [
        (1, SlotStatus.RUNNING, True), (2, SlotStatus.INACTIVE, False)]
    assert recs[1].comment == "Slot 2 is not available: the blade is down"
    assert host.disk(DiskKey(2, "g1.img")).status is DiskStatus.READY  # the VM died with the blade
    assert host.free_cores(2) == 6  # still booked for the guest
    assert host.chassis_slot_state(2) is ChassisSlotState.FAILED
    assert host.member_ha(2) is HAState.OFFLINE


def test_the_slot_recovers_when_the_blade_returns():
    host, clock = make_host()
    deployed(host, clock, slots=2)
    host.set_blade_up(2, False)
    clock.advance(600)
    host.set_blade_up(2, True)
    assert statuses(host, "g1") == [(1, "RUNNING"), (2, "CREATED")]
    clock.advance(2 + 2 + 3 + 90)  # allocate, attach (installed disk), wait, start
    assert statuses(host, "g1") == [(1, "RUNNING"), (2, "RUNNING")]
    assert host.vm_statistics(["g1"])[1].starts == 2


def test_a_guest_below_min_slots_halts_and_resumes():
    host, clock = make_host()
    deployed(host, clock, slots=2, min_slots=2)
    host.set_blade_up(1, False)
    assert statuses(host, "g1") == [(1, "INACTIVE"), (2, "STOPPING")]
    clock.advance(20)
    rec = host.completion_status("g1")[1]
    assert (rec.status, rec.request_complete) == (SlotStatus.FAILED, True)
    assert "fewer than its minimum of 2" in rec.comment
    host.set_blade_up(1, True)
    clock.advance(200)
    assert statuses(host, "g1") == [(1, "RUNNING"), (2, "RUNNING")]


def test_a_disabled_member_is_treated_like_a_lost_blade():
    host, clock = make_host()
    deployed(host, clock, slots=2)
    host.set_member_enabled(1, False)
    assert statuses(host, "g1") == [(1, "INACTIVE"), (2, "RUNNING")]
    assert "disabled" in host.completion_status("g1")[0].comment
    assert host.member_ha(1) is HAState.FORCED_OFFLINE
    assert host.cluster().primary_slot == 2
    host.set_member_enabled(1, True)
    clock.advance(200)
    assert statuses(host, "g1") == [(1, "RUNNING"), (2, "RUNNING")]


def test_an_inactive_slot_is_released_when_the_guest_is_configured():
    host, clock = make_host()
    deployed(host, clock)
    host.set_blade_up(1, False)
    host.set_requested_state("g1", CONFIGURED)
    assert host.completion_status("g1") == []
    assert host.free_cores(1) == 8


def test_a_pulled_blade_takes_its_slot_and_disks_and_the_guest_moves():
    host, clock = make_host()
    deployed(host, clock, allowed=[1, 2])
    host.remove_blade(1)
    assert host.slot(1).present is False
    assert host.chassis_slot_state(1) is ChassisSlotState.EMPTY
    assert [d.key.slot_id for d in host.disks()] == []
    assert statuses(host, "g1") == [(2, "CREATED")]  # placed again on the other allowed slot
    clock.advance(1000)
    assert statuses(host, "g1") == [(2, "RUNNING")]


def test_an_inserted_blade_lets_a_guest_grow():
    host, clock = make_host(blades=["B2100", "B2100", None, None])
    deployed(host, clock, slots=3)
    assert host.guest("g1").assigned_slots == (1, 2)
    host.insert_blade(3, blade("B2250"))
    assert host.guest("g1").assigned_slots == (1, 2, 3)
    assert host.free_cores(3) == 18
    clock.advance(1000)
    assert [r.status for r in host.completion_status("g1")] == [SlotStatus.RUNNING] * 3
    with pytest.raises(IllegalState):
        host.insert_blade(3, blade("B2100"))


def test_a_guest_that_could_not_be_placed_is_placed_when_hardware_comes_back():
    host, clock = make_host(down=[1, 2, 3, 4])
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    assert statuses(host, "g1") == [(0, "FAILED")]
    host.set_blade_up(3, True)
    assert statuses(host, "g1") == [(3, "CREATED")]


def test_the_primary_slot_moves():
    host, _ = make_host()
    assert host.cluster().primary_slot == 1
    host.set_primary_slot(3)
    assert host.cluster().primary_slot == 3
    host.set_blade_up(3, False)
    assert host.cluster().primary_slot == 1
    with pytest.raises(IllegalState):
        host.set_primary_slot(3)
    with pytest.raises(SlotNotFound):
        host.set_primary_slot(9)


def test_slot_events_check_their_slot():
    host, _ = make_host(blades=["B2100", None, "B2100", "B2100"])
    with pytest.raises(IllegalState):
        host.set_blade_up(2, False)
    with pytest.raises(SlotNotFound):
        host.set_blade_up(5, False)
    with pytest.raises(IllegalState):
        host.remove_blade(2)


def test_the_cluster_goes_offline_below_min_up_members():
    host, _ = make_host()
    host.set_min_up_members(3)
    host.set_min_up_members_enabled(True)
    assert host.cluster().ha_state == "ACTIVE"
    host.set_blade_up(1, False)
    host.set_blade_up(2, False)
    assert host.cluster().ha_state == "OFFLINE"
    with pytest.raises(InvalidArgument):
        host.set_min_up_members(9)


def test_scheduled_actions_run_in_time_order_with_the_hosts_work():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    seen = []
    host.schedule(clock.now() + 100, lambda h: (seen.append(h.slot_phases("g1")), h.set_blade_up(1, False)), "down")
    host.schedule(clock.now() + 50, lambda h: seen.append(h.slot_phases("g1")), "look")
    host.schedule(clock.now() + 200, lambda h: h.set_blade_up(1, True), "up")
    assert [label for _, label in host.scheduled()] == ["look", "down", "up"]
    clock.advance(150)
    assert seen == []  # lazy: nothing runs until the host is next used ...
    assert statuses(host, "g1") == [(1, "INACTIVE")]
    assert [p[1].value for p in seen] == ["installing", "installing"]  # ... then each at its own time
    disk = host.disk(DiskKey(1, "g1.img"))
    assert disk.status is DiskStatus.CREATED  # the install was abandoned at 100 s
    clock.advance(50)
    assert statuses(host, "g1") == [(1, "CREATED")]


def test_a_refused_scheduled_action_is_recorded_not_raised():
    host, clock = make_host()
    host.schedule(clock.now() + 10, lambda h: h.set_primary_slot(7), "bad primary")
    clock.advance(10)
    assert host.guest_names() == []
    [(when, label, message)] = host.event_errors()
    assert (when, label) == (clock.now(), "bad primary") and "slot 7" in message


def test_events_leave_the_host_unchanged_when_refused():
    host, clock = make_host()
    deployed(host, clock)
    before = dump(host)
    with pytest.raises(IllegalState):
        host.insert_blade(1, blade("B2100"))
    assert dump(host) == before
