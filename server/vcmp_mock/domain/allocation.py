"""Placement: which slots a guest gets, decided when it leaves configured.

Rules (flexible allocation, 11.4+): a guest wants ``slots`` slots with
``cores_per_slot`` free cores each, only among its ``allowed_slots``;
empty, down and disabled slots are skipped, as are blades that already
host their maximum number of guests. It settles for fewer, but never for
fewer than ``min_slots``. Slots the guest ran on before come first (a
guest returns to its slots), then the lowest slot numbers. The legacy
SINGLE/ALL mode is the same rule with slots = 1 / slots = every slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Sequence

from vcmp_mock.domain.chassis import Chassis


@dataclass(frozen=True)
class Placement:
    slots: tuple[int, ...]  # slots to take now, besides those already held
    failure: str | None = None  # why the guest cannot be placed; None: fine
    rejected: tuple[tuple[int, str], ...] = ()  # allowed slots not usable, and why


def place(
    guest: str,
    chassis: Chassis,
    *,
    want: int,
    minimum: int,
    cores: int,
    allowed: Sequence[int],
    held: Collection[int] = (),
    prefer: Sequence[int] = (),
) -> Placement:
    fit: list[int] = []
    rejected: list[tuple[int, str]] = []
    for slot_id in allowed:
        if slot_id in held:
            continue
        why = unfit(chassis, slot_id, guest, cores)
        if why:
            rejected.append((slot_id, why))
        else:
            fit.append(slot_id)
    ranked = sorted(fit, key=lambda s: (0, prefer.index(s)) if s in prefer else (1, s))
    chosen = tuple(sorted(ranked[: max(0, want - len(held))]))
    if len(held) + len(chosen) >= minimum:
        return Placement(chosen, None, tuple(rejected))
    return Placement((), _explain(guest, minimum, cores, len(held) + len(fit), rejected), tuple(rejected))


def unfit(chassis: Chassis, slot_id: int, guest: str, cores: int) -> str:
    """Why ``slot_id`` cannot take ``cores`` cores of ``guest``; "" if it can."""
    slot = chassis.slot(slot_id)
    if slot.blade is None:
        return "empty"
    if not slot.up:
        return "blade down"
    if not slot.enabled:
        return "disabled"
    if cores > slot.blade.cores:
        return f"{slot.blade.name} has {slot.blade.cores} cores"
    free = chassis.free_cores(slot_id)
    if free < cores:
        return f"{free} of {slot.blade.cores} cores free"
    others = chassis.guests_on(slot_id) - {guest}
    if len(others) >= slot.blade.max_guests:
        return f"already hosts {len(others)} guests, the most a {slot.blade.name} takes"
    return ""


def _explain(guest: str, minimum: int, cores: int, found: int, rejected: list[tuple[int, str]]) -> str:
    detail = "; ".join(f"slot {sid}: {why}" for sid, why in rejected)
    text = (
        f"Insufficient resources for vCMP guest ({guest}): it needs at least {minimum} slot(s) "
        f"with {cores} free core(s) each and {found} can be used"
    )
    return f"{text} ({detail})." if detail else f"{text}."
