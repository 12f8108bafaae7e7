"""Domain fault hooks: failures and stalls planned once, seen the same by every read."""

from hostkit import CONFIGURED, DEPLOYED, PROVISIONED, deployed, make_host, new_guest, statuses
from vcmp_mock.domain.faults import (
    FaultAction,
    FaultRule,
    FaultRules,
    PhaseFault,
    install_fails,
    migration_fails,
    start_fails,
    stuck_in,
)
from vcmp_mock.domain.lifecycle import Phase
from vcmp_mock.domain.model import DiskKey, DiskStatus, OperatingSystem, SlotStatus


def test_install_fails_at_a_percent_on_one_slot():
    faults = FaultRules([install_fails(40, "Image verification failed", slot_id=2)])
    host, clock = make_host(faults=faults)
    new_guest(host, slots=2)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(17 + 119)
    assert host.completion_status("g1")[1].comment == "Installing: 39% complete"
    clock.advance(1)
    recs = host.completion_status("g1")
    assert (recs[1].status, recs[1].request_complete, recs[1].comment) == (
        SlotStatus.FAILED, True, "Image verification failed")
    assert recs[0].status is SlotStatus.INSTALLING
    disk = host.disk(DiskKey(2, "g1.img"))
    assert (disk.status, disk.os) == (DiskStatus.CREATED, OperatingSystem.UNKNOWN)
    for _ in range(3):
        clock.advance(500)
        assert host.completion_status("g1")[1] == recs[1].__class__(2, DEPLOYED, True, SlotStatus.FAILED,
                                                                      "Image verification failed")
    assert host.completion_status("g1")[0].status is SlotStatus.RUNNING
    assert faults.rules[0].hits == 1


def test_a_new_request_retries_a_failed_slot():
    faults = FaultRules([install_fails(10, "boom", times=1)])
    host, clock = make_host(faults=faults)
    new_guest(host)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(100)
    assert statuses(host, "g1") == [(1, "FAILED")]
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(2 + 2 + 5 + 300)
    assert statuses(host, "g1") == [(1, "STOPPED")]
    assert host.vm_statistics(["g1"])[0].retries == 1


def test_a_start_that_fails():
    host, clock = make_host(faults=FaultRules([start_fails("Kernel panic on boot")]))
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(409)
    assert statuses(host, "g1") == [(1, "STARTING")]
    clock.advance(1)
    rec = host.completion_status("g1")[0]
    assert (rec.status, rec.comment, rec.request_complete) == (SlotStatus.FAILED, "Kernel panic on boot", True)
    assert host.disk(DiskKey(1, "g1.img")).status is DiskStatus.READY
    assert host.vm_statistics(["g1"])[0].pid == 0


def test_a_guest_stuck_in_a_status_stays_there_until_cut():
    host, clock = make_host(faults=FaultRules([stuck_in(SlotStatus.INSTALLING, percent=63)]))
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(10_000)
    rec = host.completion_status("g1")[0]
    assert (rec.status, rec.comment, rec.request_complete) == (SlotStatus.INSTALLING, "Installing: 63% complete", False)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(10_000)
    assert statuses(host, "g1") == [(1, "INSTALLING")]
    host.set_requested_state("g1", CONFIGURED)  # cuts the install
    assert host.completion_status("g1") == []


def test_stuck_in_wait_install():
    host, clock = make_host(faults=FaultRules([stuck_in(SlotStatus.WAIT_INSTALL, guest="g1")]))
    new_guest(host, "g1")
    new_guest(host, "g2")
    for name in ("g1", "g2"):
        host.set_requested_state(name, PROVISIONED)
    clock.advance(3600)
    assert statuses(host, "g1") == [(1, "WAIT_INSTALL")]
    assert statuses(host, "g2") == [(1, "STOPPED")]


def test_a_migration_that_fails_keeps_the_source_disk():
    host, clock = make_host(faults=FaultRules([migration_fails(50, "Copy aborted: checksum mismatch")]))
    new_guest(host, allowed=[1])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(400)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    host.set_allowed_slots("g1", [2])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(2 + 5 + 60)
    rec = host.completion_status("g1")[0]
    assert (rec.slot_id, rec.status, rec.comment) == (2, SlotStatus.FAILED, "Copy aborted: checksum mismatch")
    assert [(d.key, d.status, d.os) for d in host.disks()] == [
        (DiskKey(1, "g1.img"), DiskStatus.READY, OperatingSystem.TMOS),  # the source is intact
        (DiskKey(2, "g1.img"), DiskStatus.CREATED, OperatingSystem.UNKNOWN),  # the copy is left blank
    ]


def test_skip_lets_the_first_matches_through():
    faults = FaultRules([FaultRule(PhaseFault(FaultAction.FAIL, 100, "second start fails"), Phase.STARTING, skip=1)])
    host, clock = make_host(faults=faults)
    deployed(host, clock)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(30)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(200)
    assert host.completion_status("g1")[0].comment == "second start fails"


def test_a_guest_without_an_image_fails_where_it_would_install():
    host, clock = make_host()
    new_guest(host, image="")
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(16.9)
    assert statuses(host, "g1") == [(1, "WAIT_INSTALL")]
    clock.advance(0.1)
    rec = host.completion_status("g1")[0]
    assert (rec.status, rec.comment) == (SlotStatus.FAILED, "No initial image is set for vCMP guest (g1).")
