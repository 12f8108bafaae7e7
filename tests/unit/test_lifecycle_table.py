"""The lifecycle table is complete, unambiguous and leads every walk to a rest."""

import itertools

import pytest

from vcmp_mock.domain.faults import NO_FAULTS
from vcmp_mock.domain.lifecycle import (
    FINAL_STATUS,
    HELD,
    PHASES,
    RESTING,
    TRANSITIONS,
    DiskSituation,
    Goal,
    Phase,
    Trigger,
    event_move,
    is_complete,
    next_move,
    transitions_from,
)
from vcmp_mock.domain.model import GuestState, SlotStatus
from vcmp_mock.domain.slotplan import FOREVER, PlanContext, route
from vcmp_mock.domain.timing import Timing

ALL = list(itertools.product(Phase, Goal, DiskSituation, Trigger))


def test_at_most_one_move_matches():
    for phase, goal, disk, trigger in ALL:
        assert len(transitions_from(phase, goal, disk, trigger)) <= 1, (phase, goal, disk, trigger)


def test_a_slot_rests_only_in_a_phase_without_duration():
    for phase, goal, disk in itertools.product(Phase, Goal, DiskSituation):
        if next_move(phase, goal, disk, Trigger.WALK) is None:
            assert PHASES[phase].duration is None, (phase, goal, disk)


def test_every_goal_rests_where_the_table_says():
    for goal, phase in RESTING.items():
        for disk in DiskSituation:
            assert next_move(phase, goal, disk) is None


def test_every_held_phase_has_an_event_move():
    for phase in HELD:
        assert event_move(phase, Trigger.LOST).target is Phase.INACTIVE
        assert event_move(phase, Trigger.DISK_FAILED).target is Phase.FAILED
    with pytest.raises(LookupError):
        event_move(Phase.UNALLOCATED, Trigger.LOST)


@pytest.mark.parametrize("goal", list(Goal))
def test_every_walk_ends_at_a_resting_point(goal):
    for start, disk in itertools.product(Phase, DiskSituation):
        ctx = PlanContext("g", 1, Timing(), NO_FAULTS, disk, has_image=True)
        steps = route(start, goal, 0.0, ctx, Trigger.REQUEST)
        assert len(steps) < 15
        if steps:
            last = steps[-1]
            assert last.end == FOREVER
            assert next_move(last.phase, goal, disk) is None, (start, goal, disk)
            assert all(a.end == b.start for a, b in zip(steps, steps[1:]))


def test_final_statuses_are_resting_points_of_the_requested_goal():
    assert PHASES[RESTING[Goal.STOP]].status is FINAL_STATUS[GuestState.PROVISIONED]
    assert PHASES[RESTING[Goal.RUN]].status is FINAL_STATUS[GuestState.DEPLOYED]
    assert is_complete(GuestState.DEPLOYED, SlotStatus.FAILED)
    assert not is_complete(GuestState.DEPLOYED, SlotStatus.STOPPED)
    assert not is_complete(GuestState.CONFIGURED, SlotStatus.STOPPING)


def test_failed_and_inactive_slots_wait_for_a_request_or_recovery():
    for phase in (Phase.FAILED, Phase.INACTIVE):
        assert next_move(phase, Goal.RUN, DiskSituation.INSTALLED, Trigger.WALK) is None
        assert next_move(phase, Goal.RUN, DiskSituation.INSTALLED, Trigger.RECOVER).target is Phase.ALLOCATING
    assert next_move(Phase.FAILED, Goal.RUN, DiskSituation.NEW, Trigger.REQUEST).target is Phase.ALLOCATING
    assert next_move(Phase.INACTIVE, Goal.RUN, DiskSituation.NEW, Trigger.REQUEST) is None


def test_every_phase_is_reachable_from_an_unallocated_slot():
    reached = {Phase.UNALLOCATED}
    frontier = [Phase.UNALLOCATED]
    while frontier:
        phase = frontier.pop()
        for tr in TRANSITIONS:
            if phase in tr.sources and tr.target not in reached:
                reached.add(tr.target)
                frontier.append(tr.target)
    assert reached == set(Phase)
