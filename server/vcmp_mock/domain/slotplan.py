"""Plans: the timed phases a slot will go through, worked out in advance.

When a request or an event moves a slot, the planner walks the lifecycle
table from the slot's current phase to the goal's resting point and stamps
each phase with a start and an end from the timing. Fault hooks are asked
here, once per planned phase, and their answer is part of the plan. Reads
never plan: they look at the step the slot is in and, for a phase with a
progress comment, at how far into it the clock is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vcmp_mock.domain.faults import DomainFaults, FaultAction, PhaseFault
from vcmp_mock.domain.lifecycle import PHASES, DiskSituation, Goal, Phase, Trigger, next_move
from vcmp_mock.domain.timing import Timing

FOREVER = math.inf
_EXPLAINED = frozenset({Phase.FAILED, Phase.INACTIVE})


@dataclass(frozen=True, slots=True)
class Step:
    phase: Phase
    start: float
    end: float  # FOREVER: a resting point, or a stalled phase
    span: float = 0.0  # nominal length, what progress percentages are of
    cap: float = 100.0  # how far the phase gets (below 100 under a fault)
    fails: bool = False  # the phase ends in failure; FAILED follows
    comment: str = ""  # fixed comment: failure reason, why a slot is inactive


@dataclass(frozen=True)
class PlanContext:
    guest: str
    slot_id: int
    timing: Timing
    faults: DomainFaults
    disk: DiskSituation
    has_image: bool
    reason: str = ""  # the comment of a FAILED or INACTIVE step the walk ends in
    blocked: str = ""  # why the slot cannot even be allocated ("" = it can)


def route(phase: Phase, goal: Goal, at: float, ctx: PlanContext,
          trigger: Trigger = Trigger.WALK, delay: float = 0.0) -> list[Step]:
    """The steps after ``phase`` (which ends at ``at``) until the slot rests.

    ``delay`` lengthens the first step: the skew between a guest's slots.
    """
    steps: list[Step] = []
    while True:
        move = next_move(phase, goal, ctx.disk, trigger)
        if move is None:
            return steps
        trigger = Trigger.WALK
        step = _step(move.target, at, ctx, delay, goal)
        delay = 0.0
        steps.append(step)
        if step.fails:
            steps.append(Step(Phase.FAILED, step.end, FOREVER, comment=step.comment))
            return steps
        if step.end == FOREVER:
            return steps
        phase, at = move.target, step.end


def _step(phase: Phase, at: float, ctx: PlanContext, delay: float, goal: Goal) -> Step:
    rule = PHASES[phase]
    if rule.duration is None:
        # A resting point the goal lies beyond (STOPPED on the way to RUNNING)
        # is passed through in no time.
        passing = next_move(phase, goal, ctx.disk, Trigger.WALK) is not None
        return Step(phase, at, at if passing else FOREVER, comment=ctx.reason if phase in _EXPLAINED else "")
    span = ctx.timing.duration(rule.duration) + delay
    fault = _precondition(phase, ctx) or ctx.faults.phase_fault(ctx.guest, ctx.slot_id, phase)
    if fault is None:
        return Step(phase, at, at + span, span)
    if fault.action is FaultAction.STALL:
        return Step(phase, at, FOREVER, span, cap=fault.at_percent)
    comment = fault.comment or f"{phase.value} failed on slot {ctx.slot_id}"
    return Step(phase, at, at + span * fault.at_percent / 100.0, span, fault.at_percent, True, comment)


def _precondition(phase: Phase, ctx: PlanContext) -> PhaseFault | None:
    """Failures the host itself detects, before any scenario fault."""
    if phase is Phase.ALLOCATING and ctx.blocked:
        return PhaseFault(FaultAction.FAIL, 100.0, ctx.blocked)
    if phase is Phase.WAITING_INSTALL and not ctx.has_image:
        return PhaseFault(FaultAction.FAIL, 100.0, f"No initial image is set for vCMP guest ({ctx.guest}).")
    return None


def comment_at(step: Step, now: float, timing: Timing, **names: object) -> str:
    """The comment a record shows ``now`` for a slot in ``step``.

    Phases with a template (install, migration, inactive) always use it, so
    an install that is going to fail still counts up until it does; the
    others show the step's fixed comment (a failure reason, or nothing).
    """
    template = PHASES[step.phase].comment
    if template is None:
        return step.comment
    percent = timing.percent(now - step.start, step.span, step.cap)
    return getattr(timing, template).format(percent=percent, reason=step.comment, **names)
