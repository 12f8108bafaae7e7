"""The hardware: slots with blades, the cluster they form, and who uses which core.

A VIPRION chassis has numbered blade slots; an appliance is modelled as a
chassis with one slot (slot 1). Each blade offers a number of vCMP cores;
the core ledger records which guest holds which core so that nothing is
ever booked twice and ``core_names`` in the statistics are real.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from vcmp_mock.domain.errors import IllegalState, InvalidArgument, SlotNotFound
from vcmp_mock.domain.model import BladeModel, ChassisSlotState, HAAction, HAState, PlatformModel, Slot


@dataclass(frozen=True)
class ChassisSpec:
    """What a host is built from (presets produce these)."""

    platform: PlatformModel
    slots: tuple[Slot, ...]
    primary_slot: int | None = None  # None: the lowest usable slot
    cluster_name: str = "default"

    def __post_init__(self) -> None:
        ids = [s.slot_id for s in self.slots]
        if ids != list(range(1, len(ids) + 1)):
            raise InvalidArgument("slots", ids, "slots must be numbered 1..n in order")
        if len(ids) != self.platform.slot_count:
            raise InvalidArgument("slots", len(ids), f"{self.platform.name} has {self.platform.slot_count} slot(s)")
        if self.primary_slot is not None and not self.slots[self.primary_slot - 1].usable:
            raise InvalidArgument("primary_slot", self.primary_slot, "the primary slot must hold a working blade")


@dataclass
class Chassis:
    slots: dict[int, Slot]
    primary_slot: int  # 0: no usable slot at all
    cluster_name: str = "default"
    min_up_members: int = 1
    min_up_members_enabled: bool = False
    min_up_members_action: HAAction = HAAction.NONE
    # slot id -> one entry per core: the guest holding it, or None
    cores: dict[int, list[str | None]] = field(default_factory=dict)

    @classmethod
    def build(cls, spec: ChassisSpec) -> "Chassis":
        slots = {s.slot_id: s for s in spec.slots}
        chassis = cls(slots, 0, spec.cluster_name)
        chassis.cores = {sid: [None] * (s.blade.cores if s.blade else 0) for sid, s in slots.items()}
        chassis.primary_slot = spec.primary_slot or chassis.first_usable()
        return chassis

    def clone(self) -> "Chassis":
        """An independent copy (slots are frozen values; the ledger is not)."""
        return replace(self, slots=dict(self.slots), cores={k: list(v) for k, v in self.cores.items()})

    # --- slots --------------------------------------------------------------
    def slot(self, slot_id: int) -> Slot:
        try:
            return self.slots[slot_id]
        except (KeyError, TypeError):
            raise SlotNotFound(slot_id) from None

    def first_usable(self) -> int:
        return next((sid for sid, s in sorted(self.slots.items()) if s.usable), 0)

    def update(self, slot_id: int, **changes: object) -> Slot:
        slot = replace(self.slot(slot_id), **changes)
        self.slots[slot_id] = slot
        if (slot_id == self.primary_slot and not slot.usable) or self.primary_slot == 0:
            self.primary_slot = self.first_usable()
        return slot

    def insert_blade(self, slot_id: int, blade: BladeModel) -> None:
        if self.slot(slot_id).present:
            raise IllegalState(f"Slot {slot_id}", "a blade is already installed")
        self.cores[slot_id] = [None] * blade.cores
        self.update(slot_id, blade=blade, up=True)

    def remove_blade(self, slot_id: int) -> None:
        if not self.slot(slot_id).present:
            raise IllegalState(f"Slot {slot_id}", "the slot is already empty")
        self.cores[slot_id] = []
        self.update(slot_id, blade=None)

    def set_primary(self, slot_id: int) -> None:
        if not self.slot(slot_id).usable:
            raise IllegalState(f"Slot {slot_id}", "only a slot with a working, enabled blade can be primary")
        self.primary_slot = slot_id

    def max_blade_cores(self) -> int:
        return max([s.blade.cores for s in self.slots.values() if s.blade] or [0])

    # --- cluster as System::Cluster reports it -------------------------------
    def slot_state(self, slot_id: int) -> ChassisSlotState:
        slot = self.slot(slot_id)
        if not slot.present:
            return ChassisSlotState.EMPTY
        if not slot.up:
            return ChassisSlotState.FAILED
        return ChassisSlotState.PRIMING if slot.priming else ChassisSlotState.OK

    def member_ha(self, slot_id: int) -> HAState:
        slot = self.slot(slot_id)
        if not slot.present or not slot.up:
            return HAState.OFFLINE
        if not slot.enabled:
            return HAState.FORCED_OFFLINE
        return HAState.ACTIVE

    def cluster_ha(self) -> HAState:
        up = sum(1 for s in self.slots.values() if s.usable)
        if up == 0 or (self.min_up_members_enabled and up < self.min_up_members):
            return HAState.OFFLINE
        return HAState.ACTIVE

    # --- the core ledger -------------------------------------------------------
    def free_cores(self, slot_id: int) -> int:
        self.slot(slot_id)
        return self.cores[slot_id].count(None)

    def guests_on(self, slot_id: int) -> set[str]:
        return {owner for owner in self.cores.get(slot_id, ()) if owner is not None}

    def reserve(self, slot_id: int, guest: str, count: int) -> tuple[int, ...]:
        """Book ``count`` free cores (lowest numbers first) for ``guest``."""
        ledger = self.cores[slot_id]
        free = [i for i, owner in enumerate(ledger) if owner is None][:count]
        if len(free) < count:
            raise IllegalState(f"Slot {slot_id}", f"only {len(free)} free cores, {count} needed")
        for i in free:
            ledger[i] = guest
        return tuple(free)

    def release(self, slot_id: int, guest: str) -> None:
        ledger = self.cores.get(slot_id, [])
        for i, owner in enumerate(ledger):
            if owner == guest:
                ledger[i] = None
