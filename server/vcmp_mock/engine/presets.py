"""Hardware presets: VIPRION chassis and vCMP-capable appliances.

Figures come from reference section 6. Only the B2100 blade (8 cores,
about 3 GB per core, 4 guests) and the slot counts of the C2200 and C2400
are verified there; every other figure is marked uncertain in the
reference, and ``uncertain=True`` says so on the model. Disk sizes and
platform ids are not in the reference at all: they are our guesses,
marked uncertain too. Check F5 K14218 before relying on any of them.

An appliance is a one-slot "chassis" (slot 1), as the reference models it.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Sequence

from vcmp_mock.domain.chassis import ChassisSpec
from vcmp_mock.domain.errors import InvalidArgument
from vcmp_mock.domain.model import BladeModel, PlatformModel, Slot

GB = 1024

# name -> blade. Keys are lower case; lookups ignore case.
BLADES: dict[str, BladeModel] = {
    b.name.lower(): b
    for b in (
        # Verified (VIPRION 12.x manual): 8 cores, ~3 GB/core, 4 guests. Disk and id: guesses.
        BladeModel("B2100", 8, 3 * GB, 600, 4, "A109"),
        # Uncertain: ~3-4 GB per core (3.5 GB used), 8 cores, 4 guests.
        BladeModel("B2150", 8, 3584, 600, 4, "A113", uncertain=True),
        # Uncertain: 20 cores, ~3 GB per core, 10 guests.
        BladeModel("B2250", 20, 3 * GB, 1200, 10, "A112", uncertain=True),
        # Uncertain: 12 cores, ~2 GB per core, 6 guests.
        BladeModel("B4200", 12, 2 * GB, 600, 6, "A107", uncertain=True),
        # Uncertain: 24 cores, ~2 GB per core, 12 guests (B4340N alike).
        BladeModel("B4300", 24, 2 * GB, 1200, 12, "A108", uncertain=True),
        BladeModel("B4340N", 24, 2 * GB, 1200, 12, "A110", uncertain=True),
        # Uncertain: 48 cores, ~3 GB per core, 24 guests.
        BladeModel("B4450", 48, 3 * GB, 2400, 24, "A114", uncertain=True),
        # Appliances, all uncertain (reference 6.3 gives cores and guest counts only;
        # where it gives a range the upper end is used; memory per core is a guess).
        BladeModel("i5800", 8, 3 * GB, 500, 8, "C119", uncertain=True),
        BladeModel("i7800", 12, 3 * GB, 500, 8, "C118", uncertain=True),
        BladeModel("i10800", 16, 3 * GB, 1000, 12, "C116", uncertain=True),
        BladeModel("i15800", 32, 3 * GB, 1000, 24, "C112", uncertain=True),
        BladeModel("10250v", 16, 3 * GB, 1000, 12, "D113", uncertain=True),
    )
}


def _platform(name: str, marketing: str, slots: int, chassis: bool, blade: str, pid: str,
              uncertain: bool = True) -> PlatformModel:
    return PlatformModel(name, marketing, slots, chassis, BLADES[blade.lower()], pid, uncertain)


@dataclass(frozen=True)
class Preset:
    platform: PlatformModel
    note: str  # what in it is uncertain


PRESETS: dict[str, Preset] = {
    "viprion-c2200": Preset(
        _platform("C2200", "VIPRION 2200", 2, True, "B2250", "F101"),
        "2 slots verified (netbox); the blade (B2250) and its figures are uncertain",
    ),
    "viprion-c2400": Preset(
        _platform("C2400", "VIPRION 2400", 4, True, "B2100", "F100", uncertain=False),
        "4 slots verified (F5 training) and the B2100 figures verified; disk size and ids are guesses",
    ),
    "viprion-c4480": Preset(
        _platform("C4480", "VIPRION 4480", 4, True, "B4300", "J102"),
        "slot count (4), blade (B4300) and its figures are all uncertain",
    ),
    "viprion-c4800": Preset(
        _platform("C4800", "VIPRION 4800", 8, True, "B4300", "S100"),
        "slot count (8), blade (B4300) and its figures are all uncertain",
    ),
    "bigip-i5800": Preset(
        _platform("i5800", "BIG-IP i5800", 1, False, "i5800", "C119"),
        "every figure uncertain: 8 cores, up to 8 guests (reference says 4-8), 3 GB per core guessed",
    ),
    "bigip-i10800": Preset(
        _platform("i10800", "BIG-IP i10800", 1, False, "i10800", "C116"),
        "every figure uncertain: 16 cores, 12 guests, 3 GB per core guessed",
    ),
    "bigip-i15800": Preset(
        _platform("i15800", "BIG-IP i15800", 1, False, "i15800", "C112"),
        "every figure uncertain: 32 cores, 24 guests, 3 GB per core guessed",
    ),
}


def preset_names() -> list[str]:
    return sorted(PRESETS)


def blade(name: str | BladeModel) -> BladeModel:
    if isinstance(name, BladeModel):
        return name
    try:
        return BLADES[str(name).lower()]
    except KeyError:
        known = ", ".join(b.name for b in BLADES.values())
        raise InvalidArgument("blade model", name, f"known models: {known}") from None


def platform(name: str | PlatformModel) -> PlatformModel:
    if isinstance(name, PlatformModel):
        return name
    try:
        return PRESETS[str(name).lower()].platform
    except KeyError:
        raise InvalidArgument("preset", name, f"known presets: {', '.join(preset_names())}") from None


def _serial(platform_name: str, slot_id: int) -> str:
    # Stable, plausible blade serials ("bld123456s") so that runs compare.
    return f"bld{zlib.crc32(f'{platform_name}:{slot_id}'.encode()) % 1_000_000:06d}s"


def chassis(
    preset: str | PlatformModel,
    blades: Sequence[str | BladeModel | None] | None = None,
    *,
    disabled: Sequence[int] = (),
    down: Sequence[int] = (),
    primary_slot: int | None = None,
) -> ChassisSpec:
    """A chassis of ``preset``'s platform with explicit contents.

    ``blades`` lists one entry per slot (a model name, a ``BladeModel``, or
    None for an empty slot); None fills every slot with the default blade.
    ``disabled`` and ``down`` name slots whose blade is disabled or failed.
    """
    plat = platform(preset)
    models = [plat.default_blade] * plat.slot_count if blades is None else [
        None if b is None else blade(b) for b in blades
    ]
    if len(models) != plat.slot_count:
        raise InvalidArgument("blades", len(models), f"{plat.marketing_name} has {plat.slot_count} slot(s)")
    for slot_id in (*disabled, *down):
        if not 1 <= slot_id <= plat.slot_count or models[slot_id - 1] is None:
            raise InvalidArgument("slot", slot_id, "only a slot with a blade can be disabled or down")
    slots = tuple(
        Slot(i, model, enabled=i not in disabled, up=i not in down,
             serial=_serial(plat.name, i) if model else "")
        for i, model in enumerate(models, start=1)
    )
    return ChassisSpec(plat, slots, primary_slot)


def preset(name: str) -> ChassisSpec:
    """The named preset, every slot filled with its default blade."""
    return chassis(name)
