"""The hardware names a scenario may use, as the checks need them.

One small function, ``hardware()``, reads the preset platforms and blade
models from ``engine.presets``; the checks see only ``Hardware``.
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
    from vcmp_mock.config import Config

    # Until engine.presets lands: the platforms of reference section 6.
    presets = {
        "viprion-c2200": PresetInfo(2, "b2100"),
        "viprion-c2400": PresetInfo(4, "b2100"),
        "viprion-c4480": PresetInfo(4, "b4300"),
        "viprion-c4800": PresetInfo(8, "b4300"),
        "bigip-i5800": PresetInfo(1, "i5800"),
    }
    blades = {"b2100": 8, "b2150": 8, "b2250": 20, "b4300": 24, "b4450": 48, "i5800": 8}
    return Hardware(presets, blades, Config().preset)
