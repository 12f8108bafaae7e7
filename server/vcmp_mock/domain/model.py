"""Value types of the simulated host, named after the domain, not the wire.

The iControl layer maps each enum here to its ``VCMP_...`` member name in
one table per enum; nothing here knows those names.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class GuestState(enum.Enum):
    """The state a guest was asked to be in (ordered: each includes the lower)."""

    CONFIGURED = 1
    PROVISIONED = 2
    DEPLOYED = 3


class SlotStatus(enum.Enum):
    """What the host is doing for a guest on one slot, right now."""

    UNKNOWN = 0
    CREATED = 1
    STOPPED = 2
    WAIT_STARTING = 3
    STARTING = 4
    RUNNING = 5
    STOPPING = 6
    INSTALLING = 7
    DELETED = 8
    FAILED = 9
    INACTIVE = 10
    ACQUIRE_VDISK = 11
    WAIT_INSTALL = 12
    WAIT_MIGRATE = 13
    MIGRATE_VDISK = 14


class DiskStatus(enum.Enum):
    UNKNOWN = 0
    CREATED = 1
    INSTALLING = 2
    MIGRATING = 3
    READY = 4
    IN_USE = 5


class OperatingSystem(enum.Enum):
    UNKNOWN = 0
    TMOS = 1
    LINUX = 2


class NetworkMode(enum.Enum):
    BRIDGED = 1
    ISOLATED = 2
    HOST_ONLY = 3


class SslMode(enum.Enum):
    SHARED = 1
    DEDICATED = 2
    NONE = 3


class SlotAllocation(enum.Enum):
    """Legacy (11.0-11.3) placement: one slot, or every slot."""

    SINGLE = 1
    ALL = 2


class Capability(enum.Enum):
    APPLIANCE_MODE = 1
    STATS_ISOLATED_MODE = 2


class HAState(enum.Enum):
    OFFLINE = 0
    FORCED_OFFLINE = 1
    STANDBY = 2
    ACTIVE = 3
    UNKNOWN = 4


class HAAction(enum.Enum):
    NONE = 0
    REBOOT = 1
    RESTART = 2
    FAILOVER = 3
    FAILOVER_RESTART = 4
    GO_ACTIVE = 5
    RESTART_ALL = 6
    FAILOVER_ABORT_TRAFFIC_MGT = 7
    GO_OFFLINE = 8
    GO_OFFLINE_RESTART = 9
    GO_OFFLINE_ABORT_TM = 10
    GO_OFFLINE_DOWNLINKS = 11
    GO_OFFLINE_DOWNLINKS_RESTART = 12


class ChassisSlotState(enum.Enum):
    UNKNOWN = 0
    FAILED = 1
    EMPTY = 2
    PRIMING = 3
    OK = 4


@dataclass(frozen=True)
class ManagementAddress:
    address: str
    netmask: str


@dataclass(frozen=True)
class DiskKey:
    """A virtual disk is named by its slot and its file name."""

    slot_id: int
    filename: str


@dataclass(frozen=True)
class CompletionRecord:
    """One row of get_completion_status: a guest's progress on one slot."""

    slot_id: int
    requested_state: GuestState
    request_complete: bool
    status: SlotStatus
    comment: str


@dataclass(frozen=True)
class Statistic:
    """A named counter (the iControl layer maps names to STATISTIC_* members)."""

    name: str
    value: int


@dataclass(frozen=True)
class Timestamp:
    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int


@dataclass(frozen=True)
class BladeModel:
    """A blade or appliance motherboard model and its vCMP capacity."""

    name: str
    cores: int
    memory_per_core_mb: int
    disk_gb: int
    max_guests: int
    platform_id: str
    uncertain: bool = False


@dataclass(frozen=True)
class Slot:
    """A chassis slot (an appliance has exactly one, slot 1).

    Frozen: the host replaces a slot when its blade or state changes, so a
    value handed to a caller never changes under it.
    """

    slot_id: int
    blade: BladeModel | None  # None: the slot is empty
    enabled: bool = True
    up: bool = True  # False: the blade failed or is down
    priming: bool = False
    licensed: bool = True
    serial: str = ""

    @property
    def present(self) -> bool:
        return self.blade is not None

    @property
    def usable(self) -> bool:
        return self.present and self.enabled and self.up


@dataclass(frozen=True)
class PlatformModel:
    """A chassis or appliance: its name, slot count and default blade."""

    name: str
    marketing_name: str
    slot_count: int
    is_chassis: bool
    default_blade: BladeModel
    platform_id: str
    uncertain: bool = False


@dataclass(frozen=True)
class VmStatistics:
    """One guest VM (one slot) as get_statistics reports it."""

    guest: str
    vcmp_id: int
    slot_id: int
    pid: int
    interface_names: str
    core_names: str
    base_mac: str
    mac_size: int
    cores: int
    vdisk: str
    starts: int
    retries: int
    cpu_usage_recent: int
    cpu_usage_1min: int
    cpu_usage_5mins: int
    update_time: int
    counters: tuple[Statistic, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DiskStatistics:
    key: DiskKey
    os: OperatingSystem
    status: DiskStatus
    counters: tuple[Statistic, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SoftwareRecord:
    guest: str
    slot_id: int
    volume: str
    product: str
    version: str
    build: str
    active: bool
    status: str


@dataclass(frozen=True)
class PromptRecord:
    guest: str
    slot_id: int
    prompt: str


@dataclass(frozen=True)
class HARecord:
    guest: str
    peer: bool
    slot: int
    feature: str  # Common.Feature member without the FEATURE_ prefix
    key: str
    action: HAAction
    enabled: bool
    take_action: bool
    process: str
    client_data: int
    timeout: int
    failure: bool


@dataclass(frozen=True)
class ModuleProvisionRecord:
    guest: str
    module_name: str
    level: str  # NONE, MINIMUM, NOMINAL, DEDICATED, CUSTOM
