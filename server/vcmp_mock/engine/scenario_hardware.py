"""The hardware names a scenario may use, as the checks need them.

One small function, ``hardware()``, reads the preset platforms and blade
models from ``engine.presets``; the checks see only ``Hardware``. Names
are compared in lower case, as ``presets`` looks them up. ``chassis_spec``
builds the domain's ``ChassisSpec`` from a scenario's chassis.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Mapping

from vcmp_mock.domain.chassis import ChassisSpec
from vcmp_mock.domain.model import BladeModel
from vcmp_mock.engine import presets
from vcmp_mock.engine.simulator import DEFAULT_PRESET

if TYPE_CHECKING:
    from vcmp_mock.engine.scenario_model import ChassisSetup


@dataclass(frozen=True)
class BladeSpec:
    """A blade model as a scenario names it, possibly with numbers changed."""

    model: str | None = None  # None: the preset's blade
    cores: int | None = None
    memory_per_core_mb: int | None = None
    max_guests: int | None = None


@dataclass(frozen=True)
class PresetInfo:
    slot_count: int
    blade: str  # the blade model in every slot unless the scenario says otherwise


@dataclass(frozen=True)
class Hardware:
    presets: Mapping[str, PresetInfo]
    blades: Mapping[str, int]  # blade model name -> vCMP cores
    default_preset: str


@functools.cache
def hardware() -> Hardware:
    """Preset and blade names (lower case) from ``engine.presets``."""
    return Hardware(
        presets={
            name: PresetInfo(p.platform.slot_count, p.platform.default_blade.name.lower())
            for name, p in presets.PRESETS.items()
        },
        blades={name: model.cores for name, model in presets.BLADES.items()},
        default_preset=DEFAULT_PRESET,
    )


def blade_model(spec: BladeSpec | None, base: BladeModel) -> BladeModel:
    """``base`` (or the named model) with the numbers the scenario changes."""
    if spec is None:
        return base
    model = presets.blade(spec.model) if spec.model else base
    numbers = {
        "cores": spec.cores,
        "memory_per_core_mb": spec.memory_per_core_mb,
        "max_guests": spec.max_guests,
    }
    changed = {key: value for key, value in numbers.items() if value is not None}
    return replace(model, **changed) if changed else model


def chassis_spec(setup: "ChassisSetup", preset: str) -> ChassisSpec:
    platform = presets.platform(setup.preset or preset)
    base = blade_model(setup.blade, platform.default_blade)
    blades: list[BladeModel | None] = [base] * platform.slot_count
    states: dict[str, list[int]] = {"disabled": [], "down": [], "priming": []}
    for slot in setup.slots:
        blades[slot.slot_id - 1] = None if slot.state == "empty" else blade_model(slot.blade, base)
        states.get(slot.state, []).append(slot.slot_id)
    spec = presets.chassis(
        platform, blades, disabled=states["disabled"], down=states["down"], primary_slot=setup.primary_slot
    )
    priming = set(states["priming"])
    slots = tuple(replace(s, priming=s.slot_id in priming) for s in spec.slots)
    return ChassisSpec(spec.platform, slots, spec.primary_slot, spec.cluster_name)
