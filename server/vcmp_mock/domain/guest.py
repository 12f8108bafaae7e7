"""A guest: its configuration, and what the host is doing for it on each slot."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

from vcmp_mock.domain.host import GuestView
from vcmp_mock.domain.lifecycle import Goal, Phase
from vcmp_mock.domain.model import (
    Capability,
    DiskKey,
    GuestState,
    ManagementAddress,
    NetworkMode,
    SlotAllocation,
    SslMode,
)
from vcmp_mock.domain.slotplan import Step


@dataclass
class SlotRun:
    """One slot a guest holds: its cores, its disk, and its plan.

    ``plan[index]`` is the step the slot is in; the runner moves ``index``
    when a step ends. ``generation`` changes whenever the plan is replaced,
    so that a queued tick for an old plan is recognised and dropped.
    """

    slot_id: int
    cores: tuple[int, ...]
    disk: DiskKey
    goal: Goal
    plan: list[Step]
    index: int = 0
    generation: int = 0
    migrate_from: DiskKey | None = None
    # the VM on this slot
    pid: int = 0
    starts: int = 0
    retries: int = 0
    running_since: float | None = None
    load: int = 0  # typical CPU use in percent, drawn when the VM boots
    packet_rate: int = 0  # packets per second each way, drawn when the VM boots

    def clone(self) -> "SlotRun":
        return replace(self, plan=list(self.plan))  # steps are frozen: the list is what changes

    @property
    def step(self) -> Step:
        return self.plan[self.index]

    @property
    def phase(self) -> Phase:
        return self.plan[self.index].phase


@dataclass
class Guest:
    name: str
    vcmp_id: int
    base_mac: str
    allowed_slots: tuple[int, ...]
    created_at: float
    hostname: str = ""
    initial_image: str = ""
    management: ManagementAddress = ManagementAddress("", "")
    gateway: str = ""
    network_mode: NetworkMode = NetworkMode.BRIDGED
    vlans: list[str] = field(default_factory=list)
    slots: int = 1
    min_slots: int = 1
    cores_per_slot: int = 2
    ssl_mode: SslMode = SslMode.SHARED
    fips_name: str = ""
    capabilities: dict[Capability, int] = field(default_factory=dict)
    virtual_disk: str = ""  # "" until set or first provisioned: then <name>.img
    requested_state: GuestState = GuestState.CONFIGURED
    requested_at: float = 0.0
    runs: dict[int, SlotRun] = field(default_factory=dict)
    # Why the last placement failed; shown as one FAILED record (slot 0).
    placement_failure: str | None = None
    last_slots: tuple[int, ...] = ()  # where it ran before: placement prefers them
    stats_since: float = 0.0  # reset_statistics moves this
    _view: GuestView | None = field(default=None, repr=False, compare=False)

    def clone(self) -> "Guest":
        other = copy.copy(self)
        other.vlans = list(self.vlans)
        other.capabilities = dict(self.capabilities)
        other.runs = {sid: run.clone() for sid, run in self.runs.items()}
        return other

    @property
    def disk_name(self) -> str:
        return self.virtual_disk or f"{self.name}.img"

    @property
    def assigned_slots(self) -> tuple[int, ...]:
        return tuple(sorted(self.runs))

    @property
    def holds_slots(self) -> bool:
        return bool(self.runs)

    @property
    def committed(self) -> bool:
        """Asked to be provisioned or deployed, or still giving slots back."""
        return self.requested_state is not GuestState.CONFIGURED or bool(self.runs)

    @property
    def slot_allocation(self) -> SlotAllocation:
        return SlotAllocation.SINGLE if self.slots == 1 else SlotAllocation.ALL

    def touch(self) -> None:
        """Forget the cached view: call after any change a view shows."""
        self._view = None

    def view(self) -> GuestView:
        if self._view is None:
            self._view = GuestView(
                name=self.name,
                hostname=self.hostname,
                initial_image=self.initial_image,
                management=self.management,
                gateway=self.gateway,
                network_mode=self.network_mode,
                vlans=tuple(self.vlans),
                slot_allocation=self.slot_allocation,
                slots=self.slots,
                min_slots=self.min_slots,
                allowed_slots=self.allowed_slots,
                assigned_slots=self.assigned_slots,
                cores_per_slot=self.cores_per_slot,
                ssl_mode=self.ssl_mode,
                fips_name=self.fips_name,
                capabilities=tuple(sorted(self.capabilities.items(), key=lambda kv: kv[0].value)),
                virtual_disk=self.virtual_disk,
                requested_state=self.requested_state,
            )
        return self._view
