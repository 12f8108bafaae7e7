"""The hardware names a scenario may use, as the checks need them.

One small function, ``hardware()``, reads the preset platforms and blade
models from ``engine.presets``; the checks see only ``Hardware``. Names
are compared in lower case, as ``presets`` looks them up.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Mapping


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
    from vcmp_mock.engine import presets
    from vcmp_mock.engine.simulator import DEFAULT_PRESET

    return Hardware(
        presets={
            name: PresetInfo(p.platform.slot_count, p.platform.default_blade.name.lower())
            for name, p in presets.PRESETS.items()
        },
        blades={name: model.cores for name, model in presets.BLADES.items()},
        default_preset=DEFAULT_PRESET,
    )
