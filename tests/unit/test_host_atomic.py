"""atomic() is all or nothing; reset() returns to the host as built."""

import pytest

from hostkit import CONFIGURED, DEPLOYED, PROVISIONED, deployed, dump, make_host, new_guest, statuses
from vcmp_mock.domain.errors import GuestNotFound, InvalidArgument
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.timing import Timing


def test_a_failure_inside_atomic_undoes_everything_before_it():
    host, clock = make_host()
    deployed(host, clock, "a")
    new_guest(host, "b")
    before = dump(host)
    rng_before = host.rng.getstate()
    with pytest.raises(GuestNotFound):
        with host.atomic():
            host.create_guest(GuestSpec("c"))
            host.set_requested_state("b", DEPLOYED)
            host.set_requested_state("a", CONFIGURED)
            host.delete_guest("a")
            host.set_blade_up(2, False)
            host.set_hostname("missing", "x")
    assert dump(host) == before
    assert host.rng.getstate() == rng_before
    clock.advance(1000)
    assert statuses(host, "a") == [(1, "RUNNING")]
    assert host.completion_status("b") == []


def test_atomic_keeps_what_succeeded():
    host, clock = make_host()
    with host.atomic():
        new_guest(host, "a")
        host.set_requested_state("a", PROVISIONED)
    clock.advance(400)
    assert statuses(host, "a") == [(1, "STOPPED")]


def test_nested_atomic_undoes_only_the_inner_part():
    host, _ = make_host()
    with host.atomic():
        host.create_guest(GuestSpec("outer"))
        with pytest.raises(InvalidArgument):
            with host.atomic():
                host.create_guest(GuestSpec("inner"))
                host.set_cores_per_slot("inner", 3)
    assert host.guest_names() == ["outer"]


def test_work_queued_inside_a_rolled_back_block_never_happens():
    host, clock = make_host()
    new_guest(host)
    with pytest.raises(RuntimeError):
        with host.atomic():
            host.set_requested_state("g1", DEPLOYED)
            host.schedule(clock.now() + 5, lambda h: h.delete_guest("g1"), "delete")
            raise RuntimeError("client went away")
    clock.advance(1000)
    assert host.guest_names() == ["g1"]
    assert host.completion_status("g1") == []
    assert host.disks() == []


def test_reset_returns_to_the_host_as_built():
    host, clock = make_host(blades=["B2100", None, "B2100", "B2100"])
    built = dump(host)
    new_guest(host, "g1")
    host.set_requested_state("g1", DEPLOYED)
    host.set_blade_up(3, False)
    host.set_primary_slot(4)
    host.set_guest_timing("g1", Timing(install=1))
    clock.advance(500)
    host.reset()
    assert dump(host) == built
    new_guest(host, "g1")  # the rng is back at its start too: the same MAC is drawn
    host.set_requested_state("g1", PROVISIONED)
    after_reset = host.vm_statistics()
    host.reset()
    new_guest(host, "g1")
    host.set_requested_state("g1", PROVISIONED)
    assert host.vm_statistics() == after_reset
    assert host.uptime_seconds() > 500


def test_per_guest_timing():
    host, clock = make_host()
    new_guest(host, "fast")
    new_guest(host, "slow", allowed=[2])
    host.set_guest_timing("fast", Timing().scaled(0.01))
    for name in ("fast", "slow"):
        host.set_requested_state(name, DEPLOYED)
    clock.advance(5)
    assert statuses(host, "fast") == [(1, "RUNNING")]
    assert statuses(host, "slow") == [(2, "ACQUIRE_VDISK")]
    host.set_guest_timing("fast", None)
    host.set_requested_state("fast", PROVISIONED)
    clock.advance(19)
    assert statuses(host, "fast") == [(1, "STOPPING")]
