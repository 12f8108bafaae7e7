"""Placement: slots, min_slots, allowed slots, cores, and what is skipped."""

import pytest

from hostkit import CONFIGURED, DEPLOYED, PROVISIONED, deployed, dump, make_host, new_guest, statuses
from vcmp_mock.domain.errors import IllegalState, InsufficientResources, InvalidArgument
from vcmp_mock.domain.model import SlotAllocation, SlotStatus


def placed(host, name="g1"):
    return host.guest(name).assigned_slots


def test_a_guest_gets_as_many_slots_as_it_asks_for_lowest_first():
    host, _ = make_host()
    new_guest(host, slots=3)
    host.set_requested_state("g1", PROVISIONED)
    assert placed(host) == (1, 2, 3)
    assert [host.free_cores(s) for s in (1, 2, 3, 4)] == [6, 6, 6, 8]


def test_cores_per_slot_are_booked_on_every_slot():
    host, _ = make_host()
    new_guest(host, slots=2, cores=6)
    host.set_requested_state("g1", PROVISIONED)
    assert host.slot_usage(1) == {"g1": 6}
    assert host.slot_usage(2) == {"g1": 6}
    assert host.vm_statistics(["g1"])[0].core_names == "0-5"


def test_slots_without_enough_free_cores_are_skipped():
    host, _ = make_host()
    new_guest(host, "big", cores=8, allowed=[1])
    host.set_requested_state("big", PROVISIONED)
    new_guest(host, "g1", cores=4)
    host.set_requested_state("g1", PROVISIONED)
    assert placed(host) == (2,)


@pytest.mark.parametrize("kind", ["empty", "disabled", "down"])
def test_empty_disabled_and_failed_slots_are_skipped(kind):
    blades = [None, "B2100", "B2100", "B2100"] if kind == "empty" else None
    host, _ = make_host(blades=blades, disabled=[1] if kind == "disabled" else (),
                        down=[1] if kind == "down" else ())
    new_guest(host, slots=2)
    host.set_requested_state("g1", PROVISIONED)
    assert placed(host) == (2, 3)


def test_allowed_slots_restrict_placement():
    host, _ = make_host()
    new_guest(host, slots=2, allowed=[3, 4])
    host.set_requested_state("g1", PROVISIONED)
    assert placed(host) == (3, 4)


def test_a_guest_settles_for_fewer_slots_but_not_fewer_than_min_slots():
    host, _ = make_host(disabled=[2, 3])
    new_guest(host, "a", slots=4, min_slots=2)
    host.set_requested_state("a", PROVISIONED)
    assert placed(host, "a") == (1, 4)
    new_guest(host, "b", slots=4, min_slots=3, cores=8)
    host.set_requested_state("b", PROVISIONED)
    assert placed(host, "b") == ()


def test_short_of_resources_the_guest_fails_with_a_clear_comment_and_books_nothing():
    host, clock = make_host(blades=["B2100", None, "B2100", "B2100"], disabled=[4])
    new_guest(host, "hog", cores=8, allowed=[1])
    host.set_requested_state("hog", PROVISIONED)
    new_guest(host, "g1", slots=3, min_slots=2, cores=4)
    free_before = [host.free_cores(s) for s in (1, 2, 3, 4)]
    host.set_requested_state("g1", DEPLOYED)
    [rec] = host.completion_status("g1")
    assert (rec.slot_id, rec.status, rec.request_complete, rec.requested_state) == (0, SlotStatus.FAILED, True, DEPLOYED)
    assert "needs at least 2 slot(s) with 4 free core(s) each and 1 can be used" in rec.comment
    assert "slot 1: 0 of 8 cores free" in rec.comment
    assert "slot 2: empty" in rec.comment and "slot 4: disabled" in rec.comment
    assert [host.free_cores(s) for s in (1, 2, 3, 4)] == free_before
    assert placed(host) == ()
    clock.advance(1000)
    assert host.completion_status("g1") == [rec]  # it does not retry by itself


def test_a_failed_placement_is_retried_by_the_next_request():
    host, clock = make_host()
    new_guest(host, "hog", cores=8, allowed=[1])
    host.set_requested_state("hog", PROVISIONED)
    new_guest(host, "g1", cores=8, allowed=[1])
    host.set_requested_state("g1", PROVISIONED)
    assert statuses(host, "g1") == [(0, "FAILED")]
    host.set_requested_state("hog", CONFIGURED)
    clock.advance(30)
    host.set_requested_state("g1", PROVISIONED)
    assert placed(host) == (1,)
    assert statuses(host, "g1") == [(1, "CREATED")]


def test_refusing_host_raises_and_changes_nothing():
    host, _ = make_host(refuse=True)
    new_guest(host, "g1", slots=2, min_slots=2, cores=8, allowed=[1, 2])
    new_guest(host, "hog", cores=8, allowed=[2])
    host.set_requested_state("hog", PROVISIONED)
    before = dump(host)
    with pytest.raises(InsufficientResources) as err:
        host.set_requested_state("g1", DEPLOYED)
    assert err.value.guest == "g1" and "slot 2: 0 of 8 cores free" in err.value.reason
    assert dump(host) == before
    assert host.guest("g1").requested_state is CONFIGURED


def test_a_blade_takes_no_more_guests_than_its_model_allows():
    host, _ = make_host()  # B2100: 4 guests
    for i in range(5):
        new_guest(host, f"g{i}", cores=1, allowed=[1])
        host.set_requested_state(f"g{i}", PROVISIONED)
    assert [placed(host, f"g{i}") for i in range(5)] == [(1,), (1,), (1,), (1,), ()]
    assert "already hosts 4 guests" in host.completion_status("g4")[0].comment


def test_a_guest_returns_to_the_slots_it_had():
    host, clock = make_host()
    new_guest(host, allowed=[1, 2, 3, 4])
    host.set_allowed_slots("g1", [3])
    host.set_requested_state("g1", PROVISIONED)
    clock.advance(400)
    host.set_requested_state("g1", CONFIGURED)
    clock.advance(30)
    host.set_allowed_slots("g1", [1, 2, 3, 4])
    host.set_requested_state("g1", PROVISIONED)
    assert placed(host) == (3,)


def test_two_guests_never_share_a_core():
    host, _ = make_host()
    for name in ("a", "b", "c", "d", "e"):
        new_guest(host, name, slots=2, cores=4)
        host.set_requested_state(name, PROVISIONED)
    usage = [host.slot_usage(s) for s in (1, 2, 3, 4)]
    assert all(sum(u.values()) <= 8 for u in usage)
    assert [placed(host, n) for n in "abcde"] == [(1, 2), (1, 2), (3, 4), (3, 4), ()]


def test_legacy_single_and_all():
    host, _ = make_host(blades=["B2100", "B2100", None, "B2100"])
    new_guest(host, "one")
    host.set_slot_allocation("one", SlotAllocation.SINGLE)
    new_guest(host, "every")
    host.set_slot_allocation("every", SlotAllocation.ALL)
    assert host.guest("every").slots == 4 and host.guest("every").slot_allocation is SlotAllocation.ALL
    for name in ("one", "every"):
        host.set_requested_state(name, PROVISIONED)
    assert placed(host, "one") == (1,)
    assert placed(host, "every") == (1, 2, 4)  # the empty slot is skipped
    assert len(host.completion_status("one")) == 1
    with pytest.raises(IllegalState):
        host.set_slot_allocation("every", SlotAllocation.SINGLE)


def test_more_slots_on_a_placed_guest_grow_it_at_once():
    host, clock = make_host()
    deployed(host, clock)
    host.set_slots("g1", 3)
    assert placed(host) == (1, 2, 3)
    assert statuses(host, "g1") == [(1, "RUNNING"), (2, "CREATED"), (3, "CREATED")]
    clock.advance(1000)
    assert [r.status for r in host.completion_status("g1")] == [SlotStatus.RUNNING] * 3


def test_changes_that_would_shrink_a_placed_guest_are_refused():
    host, clock = make_host()
    deployed(host, clock, slots=2)
    before = dump(host)
    with pytest.raises(IllegalState):
        host.set_slots("g1", 1)
    with pytest.raises(IllegalState):
        host.set_allowed_slots("g1", [1, 3])
    with pytest.raises(IllegalState):
        host.set_cores_per_slot("g1", 4)
    assert dump(host) == before


def test_min_slots_above_what_a_placed_guest_holds_is_refused():
    host, clock = make_host(disabled=[3, 4])
    deployed(host, clock, slots=4)
    assert placed(host) == (1, 2)
    with pytest.raises(IllegalState):
        host.set_min_slots("g1", 3)
    with pytest.raises(InvalidArgument):
        host.set_slots("g1", 0)
    host.set_min_slots("g1", 2)
    assert host.guest("g1").min_slots == 2
    with pytest.raises(InvalidArgument):
        host.set_slots("g1", 1)  # below min_slots


def test_an_appliance_has_one_slot():
    host, clock = make_host("bigip-i5800")
    new_guest(host, cores=8)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(1000)
    assert statuses(host, "g1") == [(1, "RUNNING")]
    with pytest.raises(InvalidArgument):
        host.set_slots("g1", 2)
    new_guest(host, "g2", cores=2)
    host.set_requested_state("g2", PROVISIONED)
    assert statuses(host, "g2") == [(0, "FAILED")]
