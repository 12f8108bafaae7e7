"""Each lifecycle phase, read through get_completion_status, on a manual clock."""

import pytest

from hostkit import CONFIGURED, DEPLOYED, IMAGE, PROVISIONED, TIMING, deployed, make_host, new_guest, status_names, statuses
from vcmp_mock.domain.errors import GuestNotFound, InvalidArgument
from vcmp_mock.domain.lifecycle import Phase
from vcmp_mock.domain.model import DiskKey, DiskStatus, GuestState, OperatingSystem, SlotStatus


def record(host, name="g1", slot=None):
    records = host.completion_status(name)
    return records[0] if slot is None else next(r for r in records if r.slot_id == slot)


def test_a_new_guest_is_configured_and_holds_nothing():
    host, _ = make_host()
    new_guest(host)
    assert host.guest("g1").requested_state is CONFIGURED
    assert host.completion_status("g1") == []
    assert host.guest("g1").assigned_slots == ()
    assert host.free_cores(1) == 8


@pytest.mark.parametrize(
    "second,status",
    [(0, "CREATED"), (1.9, "CREATED"), (2, "ACQUIRE_VDISK"), (11.9, "ACQUIRE_VDISK"), (12, "WAIT_INSTALL"),
     (17, "INSTALLING"), (316.9, "INSTALLING"), (317, "WAIT_STARTING"), (320, "STARTING"), (409.9, "STARTING"),
     (410, "RUNNING"), (5000, "RUNNING")],
)
def test_deploying_a_new_guest_goes_through_every_phase(second, status):
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(second)
    rec = record(host)
    assert (rec.slot_id, rec.status.name, rec.requested_state) == (1, status, DEPLOYED)
    assert rec.request_complete is (status == "RUNNING")


def test_provisioning_stops_at_stopped_and_is_then_complete():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(316)
    assert not record(host).request_complete
    clock.advance(1)
    rec = record(host)
    assert (rec.status, rec.request_complete) == (SlotStatus.STOPPED, True)
    clock.advance(3600)
    assert record(host).status is SlotStatus.STOPPED


def test_install_comment_counts_up_in_percent():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(17)
    assert record(host).comment == "Installing: 0% complete"
    clock.advance(150)
    assert record(host).comment == "Installing: 50% complete"
    clock.advance(149.9)
    assert record(host).comment == "Installing: 99% complete"
    clock.advance(0.1)
    assert record(host).comment == ""


def test_install_comment_uses_the_timing_template_and_step():
    timing = TIMING.with_(progress_step=10, install_comment="{guest} on {slot}: {percent} pct")
    host, clock = make_host(timing=timing)
    new_guest(host)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(17 + 300 * 0.37)
    assert record(host).comment == "g1 on 1: 30 pct"


def test_the_disk_follows_the_phases():
    host, clock = make_host()
    new_guest(host)
    key = DiskKey(1, "g1.img")
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(2)
    assert host.disk(key).status is DiskStatus.CREATED
    clock.advance(15)
    assert host.disk(key).status is DiskStatus.INSTALLING
    clock.advance(300)
    disk = host.disk(key)
    assert (disk.status, disk.os, disk.image) == (DiskStatus.READY, OperatingSystem.TMOS, IMAGE)
    clock.advance(3)
    assert host.disk(key).status is DiskStatus.IN_USE
    clock.advance(200)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(20)
    assert host.disk(key).status is DiskStatus.READY


def test_deployed_guest_moves_down_to_provisioned_through_stopping():
    host, clock = make_host()
    deployed(host, clock)
    host.set_requested_state("g1", PROVISIONED)
    rec = record(host)
    assert (rec.status, rec.requested_state, rec.request_complete) == (SlotStatus.STOPPING, PROVISIONED, False)
    clock.advance(20)
    assert (record(host).status, record(host).request_complete) == (SlotStatus.STOPPED, True)
    assert host.guest("g1").assigned_slots == (1,)
    assert host.free_cores(1) == 6  # provisioned keeps its cores


def test_moving_down_to_configured_frees_cores_when_the_stop_ends():
    host, clock = make_host()
    deployed(host, clock)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(19.9)
    assert statuses(host, "g1") == [(1, "STOPPING")]
    assert host.free_cores(1) == 6
    clock.advance(0.1)
    assert host.completion_status("g1") == []
    assert host.free_cores(1) == 8
    assert host.guest("g1").assigned_slots == ()
    assert host.disk(DiskKey(1, "g1.img")).status is DiskStatus.READY  # kept


def test_reprovisioning_reuses_the_disk_and_skips_the_install():
    host, clock = make_host()
    deployed(host, clock)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(60)
    host.set_requested_state("g1", PROVISIONED)
    assert host.slot_phases("g1") == {1: Phase.ALLOCATING}
    clock.advance(2)
    assert host.slot_phases("g1") == {1: Phase.ATTACHING_DISK}
    clock.advance(2)
    assert statuses(host, "g1") == [(1, "STOPPED")]
    assert len(host.disks()) == 1


def test_configured_to_deployed_provisions_first():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    seen = set()
    for _ in range(450):
        seen |= status_names(host, "g1")
        clock.advance(1)
    assert {"CREATED", "ACQUIRE_VDISK", "WAIT_INSTALL", "INSTALLING", "WAIT_STARTING", "STARTING",
            "RUNNING"} <= seen


def test_a_new_request_supersedes_one_in_flight():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(100)  # installing
    host.set_requested_state("g1", CONFIGURED)
    assert host.completion_status("g1") == []  # install abandoned at once
    disk = host.disk(DiskKey(1, "g1.img"))
    assert (disk.status, disk.os) == (DiskStatus.CREATED, OperatingSystem.UNKNOWN)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(2 + 2 + 5 + 300)  # allocate, attach, wait, install again
    assert statuses(host, "g1") == [(1, "STOPPED")]


def test_install_goes_on_when_the_request_changes_from_deployed_to_provisioned():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(100)
    host.set_requested_state("g1", PROVISIONED)
    rec = record(host)
    assert (rec.status, rec.requested_state, rec.comment) == (SlotStatus.INSTALLING, PROVISIONED, "Installing: 27% complete")
    clock.advance(217)
    assert (record(host).status, record(host).request_complete) == (SlotStatus.STOPPED, True)


def test_a_stop_completes_before_the_guest_starts_again():
    host, clock = make_host()
    deployed(host, clock)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(5)
    host.set_requested_state("g1", DEPLOYED)
    rec = record(host)
    assert (rec.status, rec.requested_state, rec.request_complete) == (SlotStatus.STOPPING, DEPLOYED, False)
    clock.advance(15)
    assert record(host).status is SlotStatus.WAIT_STARTING
    clock.advance(93)
    assert record(host).status is SlotStatus.RUNNING


def test_a_boot_in_progress_is_shut_down():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(330)
    host.set_requested_state("g1", PROVISIONED)
    assert record(host).status is SlotStatus.STOPPING
    clock.advance(20)
    assert record(host).status is SlotStatus.STOPPED


def test_requesting_the_same_state_again_changes_nothing():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(100)
    before = host.completion_status("g1")
    host.set_requested_state("g1", DEPLOYED)
    assert host.completion_status("g1") == before
    clock.advance(310)
    assert record(host).status is SlotStatus.RUNNING


def test_records_show_the_state_requested_last_by_anyone():
    host, clock = make_host()
    deployed(host, clock)
    host.set_state_by_other("g1", PROVISIONED)
    assert record(host).requested_state is PROVISIONED
    assert host.guest("g1").requested_state is PROVISIONED


def test_every_slot_gets_a_record_and_later_slots_are_skewed():
    host, clock = make_host(timing=TIMING.with_(slot_skew=3.0))
    new_guest(host, slots=3)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(2)
    assert statuses(host, "g1") == [(1, "ACQUIRE_VDISK"), (2, "CREATED"), (3, "CREATED")]
    clock.advance(3)
    assert statuses(host, "g1") == [(1, "ACQUIRE_VDISK"), (2, "ACQUIRE_VDISK"), (3, "CREATED")]
    clock.advance(1000)
    assert [r.request_complete for r in host.completion_status("g1")] == [True, True, True]


def test_settle_finishes_the_work_at_once():
    host, clock = make_host()
    new_guest(host, slots=2)
    host.set_requested_state("g1", DEPLOYED)
    host.settle("g1")
    assert statuses(host, "g1") == [(1, "RUNNING"), (2, "RUNNING")]
    assert host.disk(DiskKey(2, "g1.img")).status is DiskStatus.IN_USE
    assert host.vm_statistics(["g1"])[0].pid > 0


def test_progress_is_a_function_of_the_clock_not_of_reads():
    a, clock_a = make_host()
    b, clock_b = make_host()
    for host in (a, b):
        new_guest(host)
        host.set_requested_state("g1", DEPLOYED)
    for _ in range(200):
        a.completion_status("g1")
    clock_a.advance(200)
    clock_b.advance(200)
    assert a.completion_status("g1") == b.completion_status("g1")


def test_unknown_guest_and_bad_state_are_refused():
    host, _ = make_host()
    with pytest.raises(GuestNotFound) as err:
        host.set_requested_state("nope", DEPLOYED)
    assert err.value.name == "nope"
    with pytest.raises(GuestNotFound):
        host.completion_status("nope")
    new_guest(host)
    with pytest.raises(InvalidArgument):
        host.set_requested_state("g1", "DEPLOYED")
    assert host.guest("g1").requested_state is GuestState.CONFIGURED


def test_a_request_at_the_instant_a_slot_passes_through_stopped_keeps_it_there():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    seen = []
    clock.advance(100)
    # Queued after the install's end was (ties keep queue order), before the
    # zero-length STOPPED step on the way to RUNNING is: it runs between them.
    host.schedule(clock.now() + 217, lambda h: (seen.append(h.slot_phases("g1")),
                                                h.set_requested_state("g1", PROVISIONED)))
    clock.advance(1000)
    assert statuses(host, "g1") == [(1, "STOPPED")]
    assert seen == [{1: Phase.STOPPED}]
