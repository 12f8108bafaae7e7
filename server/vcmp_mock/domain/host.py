"""The vCMP host: the one object the engine and the SOAP layer drive.

``HostAPI`` is the contract; ``host_impl.VcmpHost`` implements it.
Every method that reads or writes first brings the host up to the clock's
``now()`` (lazy progress). Every method either completes or raises a
``DomainError`` and leaves the host unchanged. Batch callers use
``atomic()`` so that a failure on guest i undoes guests 0..i-1.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol, Sequence

from vcmp_mock.domain.clock import Clock
from vcmp_mock.domain.model import (
    BladeModel,
    Capability,
    ChassisSlotState,
    CompletionRecord,
    DiskKey,
    DiskStatistics,
    DiskStatus,
    GuestState,
    HAAction,
    HARecord,
    HAState,
    ManagementAddress,
    ModuleProvisionRecord,
    NetworkMode,
    OperatingSystem,
    PlatformModel,
    PromptRecord,
    Slot,
    SlotAllocation,
    SoftwareRecord,
    SslMode,
    Timestamp,
    VmStatistics,
)
from vcmp_mock.domain.rng import Rng

if TYPE_CHECKING:  # only for annotations: lifecycle and timing do not need this module
    from vcmp_mock.domain.faults import DomainFaults
    from vcmp_mock.domain.lifecycle import Phase
    from vcmp_mock.domain.timing import Timing


@dataclass(frozen=True)
class GuestSpec:
    """What ``create`` takes (the rest of a guest starts at its defaults)."""

    name: str
    hostname: str = ""
    initial_image: str = ""
    management: ManagementAddress = ManagementAddress("", "")
    gateway: str = ""
    vlans: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuestView:
    """A read-only copy of every attribute of a guest, as of ``now``."""

    name: str
    hostname: str
    initial_image: str
    management: ManagementAddress
    gateway: str
    network_mode: NetworkMode
    vlans: tuple[str, ...]
    slot_allocation: SlotAllocation
    slots: int
    min_slots: int
    allowed_slots: tuple[int, ...]
    assigned_slots: tuple[int, ...]
    cores_per_slot: int
    ssl_mode: SslMode
    fips_name: str
    capabilities: tuple[tuple[Capability, int], ...]
    virtual_disk: str
    requested_state: GuestState


@dataclass(frozen=True)
class DiskView:
    key: DiskKey
    guest: str | None  # the guest it belongs to, None once detached
    status: DiskStatus
    os: OperatingSystem
    size_mb: int
    image: str = ""  # the ISO installed on it ("" while nothing is)
    used_mb: int = 0


@dataclass(frozen=True)
class ClusterView:
    """The cluster as System::Cluster reports it."""

    name: str
    primary_slot: int
    min_up_members: int
    min_up_members_enabled: bool
    min_up_members_action: HAAction
    ha_state: str  # HAState member name


class HostAPI(Protocol):
    """What the engine and the SOAP layer may call on the simulated host.

    ``domain.host_impl.VcmpHost`` implements it. Names are from the domain;
    the iControl operation each serves is given where it is not obvious.
    All guest arguments are guest names; unknown names raise GuestNotFound.
    """

    clock: Clock
    rng: Rng
    platform: PlatformModel
    timing: Timing  # settable: durations for steps planned from then on
    faults: DomainFaults  # settable: consulted for every phase planned

    # --- whole-host ------------------------------------------------------
    def reset(self) -> None:
        """Back to the state the host was built with (guests, slots, rng)."""

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """All or nothing: any exception inside restores the state before."""

    def now(self) -> float:
        """Simulated seconds since the epoch, after catching up."""

    def now_timestamp(self) -> Timestamp: ...

    def uptime_seconds(self) -> int: ...

    # --- chassis and cluster (System.Cluster, SystemInfo) -----------------
    def slots(self) -> tuple[Slot, ...]: ...

    def slot(self, slot_id: int) -> Slot: ...  # SlotNotFound

    def cluster(self) -> ClusterView: ...

    def chassis_slot_state(self, slot_id: int) -> ChassisSlotState: ...

    def member_ha_state(self, slot_id: int) -> str: ...  # HAState member name

    def member_ha(self, slot_id: int) -> HAState: ...

    def is_clustered(self) -> bool:
        """True on a VIPRION chassis, False on a one-slot appliance."""

    def slot_usage(self, slot_id: int) -> dict[str, int]:
        """Cores held on the slot, by guest name."""

    def set_member_enabled(self, slot_id: int, enabled: bool) -> None: ...

    def set_member_priming(self, slot_id: int, priming: bool) -> None: ...

    def set_min_up_members(self, count: int) -> None: ...

    def set_min_up_members_enabled(self, enabled: bool) -> None: ...

    def set_min_up_members_action(self, action: HAAction) -> None: ...

    def set_blade_up(self, slot_id: int, up: bool) -> None:
        """A blade fails or comes back (scenario events); guests react."""

    def free_cores(self, slot_id: int) -> int: ...

    # --- guests: identity and configuration -------------------------------
    def guest_names(self) -> list[str]: ...

    def guest(self, name: str) -> GuestView: ...

    def has_guest(self, name: str) -> bool: ...

    def create_guest(self, spec: GuestSpec) -> None: ...  # GuestExists, InvalidArgument

    def delete_guest(self, name: str) -> None:
        """Stops VMs, frees slots, detaches (keeps) its disks (13.1)."""

    def delete_all_guests(self) -> None: ...

    def set_hostname(self, name: str, hostname: str) -> None: ...

    def set_initial_image(self, name: str, image: str) -> None: ...

    def set_management_address(self, name: str, address: ManagementAddress) -> None: ...

    def set_management_gateway(self, name: str, gateway: str) -> None: ...

    def set_network_mode(self, name: str, mode: NetworkMode) -> None: ...

    def add_vlans(self, name: str, vlans: Sequence[str]) -> None: ...

    def remove_vlans(self, name: str, vlans: Sequence[str]) -> None: ...

    def remove_all_vlans(self, name: str) -> None: ...

    def set_slot_allocation(self, name: str, mode: SlotAllocation) -> None: ...

    def set_slots(self, name: str, count: int) -> None: ...

    def set_min_slots(self, name: str, count: int) -> None: ...

    def set_allowed_slots(self, name: str, slot_ids: Sequence[int]) -> None: ...

    def set_cores_per_slot(self, name: str, cores: int) -> None: ...

    def set_ssl_mode(self, name: str, mode: SslMode) -> None: ...

    def set_fips_name(self, name: str, fips_name: str) -> None: ...

    def set_virtual_disk(self, name: str, filename: str) -> None: ...

    def add_capabilities(self, name: str, items: Sequence[tuple[Capability, int]]) -> None: ...

    def set_capability_values(self, name: str, items: Sequence[tuple[Capability, int]]) -> None: ...

    def remove_capabilities(self, name: str, caps: Sequence[Capability]) -> None: ...

    def remove_all_capabilities(self, name: str) -> None: ...

    # --- lifecycle ----------------------------------------------------------
    def set_requested_state(self, name: str, state: GuestState) -> None:
        """Asynchronous: returns at once; progress is read from the clock."""

    def completion_status(self, name: str) -> list[CompletionRecord]:
        """One record per held slot; [] for a configured guest; one FAILED
        record with slot_id 0 when the guest could not be placed."""

    def settle(self, name: str) -> None:
        """Finish the guest's work in flight at once (scenario set-up)."""

    def slot_phases(self, name: str) -> dict[int, Phase]: ...

    def set_guest_timing(self, name: str, timing: Timing | None) -> None: ...

    # --- virtual disks ---------------------------------------------------------
    def disks(self) -> list[DiskView]: ...

    def disk(self, key: DiskKey) -> DiskView: ...  # DiskNotFound

    def delete_disk(self, key: DiskKey) -> None: ...  # DiskNotFound, DiskInUse

    def delete_all_disks(self) -> None: ...  # DiskInUse if any is in use

    # --- statistics (names/keys None: every guest or disk) -----------------------
    def vm_statistics(self, names: Sequence[str] | None = None) -> list[VmStatistics]: ...

    def disk_statistics(self, keys: Sequence[DiskKey] | None = None) -> list[DiskStatistics]: ...

    def software_records(self, names: Sequence[str] | None = None) -> list[SoftwareRecord]: ...

    def prompt_records(self, names: Sequence[str] | None = None) -> list[PromptRecord]: ...

    def ha_records(self, names: Sequence[str] | None = None) -> list[HARecord]: ...

    def module_provision_records(self, names: Sequence[str] | None = None) -> list[ModuleProvisionRecord]: ...

    def reset_statistics(self, name: str) -> None: ...

    # --- scenario events (docs/lifecycle.md, "Events a scenario fires") --------------
    def insert_blade(self, slot_id: int, blade: BladeModel) -> None: ...

    def remove_blade(self, slot_id: int) -> None: ...

    def set_primary_slot(self, slot_id: int) -> None: ...

    def fail_disk(self, key: DiskKey, reason: str = "") -> None: ...

    def migrate_disk(self, key: DiskKey, to_slot: int) -> None: ...

    def set_state_by_other(self, name: str, state: GuestState) -> None: ...

    def schedule(self, at: float, action: Callable[[Any], None], label: str = "") -> None:
        """Run ``action(host)`` at simulated time ``at``, in order with the host's work."""

    def scheduled(self) -> list[tuple[float, str]]: ...

    def event_errors(self) -> list[tuple[float, str, str]]: ...
