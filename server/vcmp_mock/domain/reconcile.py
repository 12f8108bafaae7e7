"""How the host reacts to a new requested state and to hardware changes.

A request replans every slot the guest holds toward the new goal, then
places the guest on more slots if it has fewer than it wants. When
hardware goes away the slots on it become INACTIVE, and a guest left with
fewer usable slots than ``min_slots`` is halted on the others; when
hardware comes back, halted and inactive slots resume and guests that are
short of slots try to grow onto it. Resources freed by other guests do not
by themselves wake a guest that failed to be placed: a new request does.
"""

from __future__ import annotations

from vcmp_mock.domain.allocation import place
from vcmp_mock.domain.errors import InsufficientResources
from vcmp_mock.domain.guest import Guest
from vcmp_mock.domain.lifecycle import GOAL_OF_STATE, Goal, Phase, Trigger
from vcmp_mock.domain.model import GuestState
from vcmp_mock.domain.runner import Runner


class Reconciler:
    def __init__(self, runner: Runner) -> None:
        self.runner = runner

    @property
    def chassis(self):
        return self.runner.st.chassis

    def request(self, guest: Guest, state: GuestState, at: float) -> None:
        guest.requested_state, guest.requested_at = state, at
        guest.placement_failure = None
        guest.touch()
        goal = GOAL_OF_STATE[state]
        skew = self.runner.timing(guest.name).slot_skew
        for i, run in enumerate(list(guest.runs.values())):
            if run.goal is not goal or run.phase is Phase.FAILED:
                self.runner.replan(guest, run, goal, Trigger.REQUEST, at, delay=i * skew)
        if goal is not Goal.RELEASE:
            self.top_up(guest, at, refuse=self.runner.env.refuse_unplaceable)
            self.enforce_min_slots(guest, at)

    def top_up(self, guest: Guest, at: float, refuse: bool = False) -> None:
        """Place the guest on more slots, up to ``slots``, if it wants them."""
        if guest.requested_state is GuestState.CONFIGURED or len(guest.runs) >= guest.slots:
            return
        held = tuple(guest.runs)
        placement = place(
            guest.name, self.chassis,
            want=guest.slots, minimum=1 if held else guest.min_slots, cores=guest.cores_per_slot,
            allowed=guest.allowed_slots, held=held, prefer=guest.last_slots,
        )
        if placement.failure:
            if refuse:
                raise InsufficientResources(guest.name, placement.failure)
            guest.placement_failure = placement.failure
            guest.touch()
            return
        if not placement.slots:
            return
        guest.placement_failure = None
        guest.virtual_disk = guest.disk_name  # the name is fixed once a disk is made
        runs = [self.runner.open_run(guest, slot_id, at) for slot_id in placement.slots]
        goal = GOAL_OF_STATE[guest.requested_state]
        skew = self.runner.timing(guest.name).slot_skew
        for i, run in enumerate(runs, start=len(held)):
            self.runner.replan(guest, run, goal, Trigger.REQUEST, at, delay=i * skew)

    def usable_runs(self, guest: Guest) -> list:
        return [r for r in guest.runs.values() if self.chassis.slot(r.slot_id).usable]

    def enforce_min_slots(self, guest: Guest, at: float) -> None:
        if guest.requested_state is GuestState.CONFIGURED or not guest.runs:
            return
        live = self.usable_runs(guest)
        if len(live) >= guest.min_slots:
            return
        reason = (
            f"vCMP guest ({guest.name}) has {len(live)} usable slot(s), "
            f"fewer than its minimum of {guest.min_slots}."
        )
        for run in live:
            if run.goal is not Goal.HALT:
                self.runner.replan(guest, run, Goal.HALT, Trigger.WALK, at, reason=reason)

    def recover(self, guest: Guest, at: float) -> None:
        """Hardware came back: resume inactive and halted slots if enough are usable."""
        if guest.requested_state is GuestState.CONFIGURED:
            return
        if len(self.usable_runs(guest)) < guest.min_slots:
            self.enforce_min_slots(guest, at)
            return
        goal = GOAL_OF_STATE[guest.requested_state]
        skew = self.runner.timing(guest.name).slot_skew
        for i, run in enumerate(self.usable_runs(guest)):
            if run.phase is Phase.INACTIVE or run.goal is Goal.HALT:
                self.runner.replan(guest, run, goal, Trigger.RECOVER, at, delay=i * skew)
