"""Virtual disks: created, reused, kept, detached, refused while in use, copied."""

import pytest

from hostkit import CONFIGURED, DEPLOYED, PROVISIONED, deployed, dump, make_host, new_guest, statuses
from vcmp_mock.domain.errors import AlreadyExists, DiskInUse, DiskNotFound, IllegalState, InvalidArgument
from vcmp_mock.domain.lifecycle import Phase
from vcmp_mock.domain.model import DiskKey, DiskStatus, OperatingSystem

K1 = DiskKey(1, "g1.img")


def test_one_disk_per_slot_named_after_the_guest():
    host, clock = make_host()
    new_guest(host, slots=2)
    assert host.guest("g1").virtual_disk == ""
    host.set_requested_state("g1", PROVISIONED)
    assert host.guest("g1").virtual_disk == "g1.img"
    clock.advance(400)
    assert [(d.key, d.guest, d.status) for d in host.disks()] == [
        (K1, "g1", DiskStatus.READY), (DiskKey(2, "g1.img"), "g1", DiskStatus.READY)]


def test_a_chosen_disk_name_is_used():
    host, clock = make_host()
    new_guest(host)
    host.set_virtual_disk("g1", "shared-g1.img")
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(400)
    assert [d.key for d in host.disks()] == [DiskKey(1, "shared-g1.img")]
    assert host.vm_statistics(["g1"])[0].vdisk == "shared-g1.img"


def test_deleting_a_disk_in_use_is_refused():
    host, clock = make_host()
    deployed(host, clock)
    with pytest.raises(DiskInUse) as err:
        host.delete_disk(K1)
    assert (err.value.slot_id, err.value.filename, err.value.guest) == (1, "g1.img", "g1")
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(30)
    with pytest.raises(DiskInUse):
        host.delete_disk(K1)  # attached to a provisioned guest
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    host.delete_disk(K1)
    assert host.disks() == []


def test_deleting_an_unknown_disk_says_so():
    host, _ = make_host()
    with pytest.raises(DiskNotFound) as err:
        host.delete_disk(DiskKey(3, "x.img"))
    assert (err.value.slot_id, err.value.filename) == (3, "x.img")


def test_delete_all_disks_is_all_or_nothing():
    host, clock = make_host()
    deployed(host, clock, "a")
    new_guest(host, "b")
    host.set_requested_state("b", PROVISIONED)
    clock.advance(400)
    host.set_requested_state("b", CONFIGURED)
    clock.advance(30)
    before = dump(host)
    with pytest.raises(DiskInUse):
        host.delete_all_disks()
    assert dump(host) == before
    host.set_requested_state("a", CONFIGURED)
    clock.advance(30)
    host.delete_all_disks()
    assert host.disks() == []


def test_delete_guest_detaches_and_keeps_the_disk_and_a_new_guest_reuses_it():
    host, clock = make_host()
    deployed(host, clock)
    host.delete_guest("g1")
    assert host.guest_names() == []
    assert host.free_cores(1) == 8
    disk = host.disk(K1)
    assert (disk.guest, disk.status, disk.os) == (None, DiskStatus.READY, OperatingSystem.TMOS)
    new_guest(host)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(4)
    assert statuses(host, "g1") == [(1, "STOPPED")]  # no install: the detached disk was reused
    assert host.disk(K1).guest == "g1"


def test_delete_guest_during_install_leaves_a_blank_disk():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(100)
    host.delete_guest("g1")
    disk = host.disk(K1)
    assert (disk.guest, disk.status, disk.os) == (None, DiskStatus.CREATED, OperatingSystem.UNKNOWN)


def test_a_guest_placed_where_it_has_no_disk_copies_its_installed_one():
    host, clock = make_host()
    new_guest(host, allowed=[1])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(400)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    host.set_allowed_slots("g1", [2])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(2)
    assert statuses(host, "g1") == [(2, "WAIT_MIGRATE")]
    clock.advance(5)
    assert statuses(host, "g1") == [(2, "MIGRATE_VDISK")]
    assert host.disk(K1).status is DiskStatus.MIGRATING
    assert host.disk(DiskKey(2, "g1.img")).status is DiskStatus.MIGRATING
    with pytest.raises(DiskInUse):
        host.delete_disk(K1)  # the copy reads from it
    clock.advance(60)
    assert host.completion_status("g1")[0].comment == "Migrating virtual disk: 50% complete"
    clock.advance(60)
    assert statuses(host, "g1") == [(2, "STOPPED")]
    copy = host.disk(DiskKey(2, "g1.img"))
    assert (copy.status, copy.os, copy.image) == (DiskStatus.READY, OperatingSystem.TMOS, host.disk(K1).image)
    assert host.disk(K1).status is DiskStatus.READY


def test_a_disk_name_another_guest_uses_is_refused():
    host, _ = make_host()
    new_guest(host, "a")
    new_guest(host, "b")
    host.set_virtual_disk("a", "x.img")
    with pytest.raises(IllegalState) as err:
        host.set_virtual_disk("b", "x.img")
    assert "vCMP guest (a)" in err.value.message
    with pytest.raises(IllegalState):
        host.set_virtual_disk("a", "b.img")  # b's own default name
    assert host.guest("a").virtual_disk == "x.img"


def test_the_virtual_disk_changes_only_while_configured():
    host, clock = make_host()
    deployed(host, clock)
    with pytest.raises(IllegalState):
        host.set_virtual_disk("g1", "other.img")
    with pytest.raises(InvalidArgument):
        host.set_virtual_disk("g1", "../etc/passwd")
    assert host.guest("g1").virtual_disk == "g1.img"


def test_changing_the_disk_name_detaches_the_old_disks():
    host, clock = make_host()
    deployed(host, clock)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    host.set_virtual_disk("g1", "new.img")
    assert host.disk(K1).guest is None


def test_a_failed_disk_fails_its_slot_and_is_made_again():
    host, clock = make_host()
    deployed(host, clock)
    host.fail_disk(K1, "I/O error on /shared/vmdisks")
    rec = host.completion_status("g1")[0]
    assert (rec.status.name, rec.request_complete, rec.comment) == ("FAILED", True, "I/O error on /shared/vmdisks")
    assert host.disk(K1).status is DiskStatus.UNKNOWN
    assert host.vm_statistics(["g1"])[0].pid == 0
    host.set_requested_state("g1", DEPLOYED)  # retry
    clock.advance(2)
    assert host.slot_phases("g1") == {1: Phase.CREATING_DISK}
    clock.advance(1000)
    assert statuses(host, "g1") == [(1, "RUNNING")]
    assert host.guest("g1") and host.disk(K1).status is DiskStatus.IN_USE


def test_an_idle_disk_can_be_migrated_by_an_event():
    host, clock = make_host()
    deployed(host, clock, slots=2)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    with pytest.raises(AlreadyExists):
        host.migrate_disk(K1, 2)  # slot 2 has a g1.img already
    host.migrate_disk(K1, 3)
    moved = DiskKey(3, "g1.img")
    assert host.disk(moved).status is DiskStatus.MIGRATING
    with pytest.raises(DiskNotFound):
        host.disk(K1)
    with pytest.raises(DiskInUse):
        host.delete_disk(moved)
    clock.advance(120)
    assert host.disk(moved).status is DiskStatus.READY
    host.delete_disk(moved)


def test_a_disk_in_use_cannot_be_migrated():
    host, clock = make_host()
    deployed(host, clock)
    with pytest.raises(DiskInUse):
        host.migrate_disk(K1, 2)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    with pytest.raises(InvalidArgument):
        host.migrate_disk(K1, 1)


@pytest.mark.parametrize("event", ["pull", "down", "fail"])
def test_a_copy_whose_source_goes_away_before_it_starts_fails_cleanly(event):
    host, clock = make_host()
    new_guest(host, allowed=[3])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(400)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    host.set_allowed_slots("g1", [1])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(1)  # still allocating; the copy from slot 3 is planned
    if event == "pull":
        host.remove_blade(3)
    elif event == "down":
        host.set_blade_up(3, False)
    else:
        host.fail_disk(DiskKey(3, "g1.img"))
    clock.advance(1000)
    [rec] = host.completion_status("g1")
    assert (rec.slot_id, rec.status.name, rec.request_complete) == (1, "FAILED", True)
    assert rec.comment


def test_a_slot_never_attaches_a_disk_that_is_being_copied_from():
    host, clock = make_host()
    new_guest(host, allowed=[3])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(400)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    host.set_allowed_slots("g1", [1, 3])
    host.set_slots("g1", 1)
    host.set_allowed_slots("g1", [1])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(1)
    host.set_allowed_slots("g1", [1, 3])
    host.set_slots("g1", 2)  # grows onto slot 3, whose disk slot 1 is about to copy
    clock.advance(1000)
    recs = {r.slot_id: r for r in host.completion_status("g1")}
    assert recs[1].status.name == "STOPPED"
    assert recs[3].status.name == "FAILED" and "being copied to slot 1" in recs[3].comment
    assert host.disk(DiskKey(3, "g1.img")).status is DiskStatus.READY
