"""The event scheduler: when each trigger fires, how often, in what order."""

from __future__ import annotations

from vcmp_mock.domain.model import GuestState
from vcmp_mock.engine.events import (
    AfterPolls,
    AtTime,
    BladeChange,
    BladeEvent,
    EventSchedule,
    EventSpec,
    GuestDeleteEvent,
    GuestStateEvent,
    OnRequest,
)
from vcmp_mock.engine.faults import Match, RequestFacts

DOWN = BladeEvent(2, BladeChange.DOWN)
UP = BladeEvent(2, BladeChange.UP)
STOP_G1 = GuestStateEvent("g1", GuestState.PROVISIONED)


def poll(guest="g1", operation="get_completion_status", now=0.0):
    return RequestFacts("System.VCMP", operation, (guest,), now=now)


def fired(firings):
    return [(f.event.action, f.at) for f in firings]


def test_time_event_fires_once_when_its_time_has_come():
    schedule = EventSchedule([EventSpec(AtTime(120), DOWN)])
    assert schedule.due(119.9) == []
    assert fired(schedule.due(500)) == [(DOWN, 120)]
    assert schedule.due(900) == []


def test_due_events_come_oldest_first_then_in_scenario_order():
    schedule = EventSchedule(
        [
            EventSpec(AtTime(300), UP),
            EventSpec(AtTime(120), DOWN),
            EventSpec(AtTime(120), STOP_G1),
        ]
    )
    assert fired(schedule.due(1000)) == [(DOWN, 120), (STOP_G1, 120), (UP, 300)]


def test_after_polls_fires_on_the_request_after_the_nth_poll():
    schedule = EventSchedule([EventSpec(AfterPolls("g1", 3), STOP_G1)])
    seen = [schedule.due(t, poll(now=t)) for t in (10, 20, 30)]
    assert seen == [[], [], []]  # the client gets three answers from before
    assert fired(schedule.due(40, poll(now=40))) == [(STOP_G1, 30)]
    assert schedule.due(50, poll(now=50)) == []


def test_after_polls_also_fires_when_only_the_clock_moves():
    schedule = EventSchedule([EventSpec(AfterPolls("g1", 1), STOP_G1)])
    schedule.due(5, poll(now=5))
    assert fired(schedule.due(6)) == [(STOP_G1, 5)]


def test_only_polls_of_that_guest_and_operation_count():
    schedule = EventSchedule([EventSpec(AfterPolls("g1", 2, "get_guest_state"), STOP_G1)])
    schedule.due(1, poll("g2", "get_guest_state"))
    schedule.due(2, poll("g1", "get_completion_status"))
    schedule.due(3, poll("g1", "get_guest_state"))
    assert schedule.due(4) == []
    schedule.due(5, poll("g1", "get_guest_state"))
    assert fired(schedule.due(6)) == [(STOP_G1, 5)]


def test_a_request_naming_a_guest_twice_is_one_poll():
    schedule = EventSchedule([EventSpec(AfterPolls("g1", 2), STOP_G1)])
    schedule.due(1, RequestFacts("System.VCMP", "get_completion_status", ("g1", "g1")))
    assert schedule.due(2) == []


def test_on_request_fires_before_the_matching_request():
    trigger = OnRequest(Match(operation="set_guest_state", guest="g1"))
    schedule = EventSchedule([EventSpec(trigger, GuestDeleteEvent("g1"))])
    assert schedule.due(1, poll()) == []
    got = schedule.due(7, RequestFacts("System.VCMP", "set_guest_state", ("g1",), now=7))
    assert fired(got) == [(GuestDeleteEvent("g1"), 7)]
    again = RequestFacts("System.VCMP", "set_guest_state", ("g1",), now=8)
    assert schedule.due(8, again) == []


def test_on_request_times_and_nth():
    many = EventSpec(OnRequest(Match(operation="create"), times=2), DOWN)
    third = EventSpec(OnRequest(Match(operation="create", nth=3)), UP)
    schedule = EventSchedule([many, third])
    create = RequestFacts("System.VCMP", "create")
    got = [fired(schedule.due(t, create)) for t in range(4)]
    assert got == [[(DOWN, 0)], [(DOWN, 1)], [(UP, 2)], []]


def test_pending_fired_next_time_and_reset():
    schedule = EventSchedule([EventSpec(AtTime(10), DOWN), EventSpec(AtTime(20), UP)])
    assert schedule.next_time() == 10
    schedule.due(15)
    assert schedule.next_time() == 20
    assert [e.action for e in schedule.pending()] == [UP]
    assert schedule.fired() == (1, 0)
    schedule.reset()
    assert schedule.fired() == (0, 0)
    assert len(schedule.pending()) == 2
