"""``System.VCMP.*``: the types of the vCMP guest interface.

Python names drop the ``System.VCMP.`` prefix. The per-statistics structs
come in pairs: an entry per guest (and slot), and a wrapper holding the
entries together with the time they were taken.
"""

from __future__ import annotations

from spyne.model.complex import ComplexModel
from spyne.model.primitive import Boolean, Long, Unicode

from ..typeinfo import ICONTROL_NS
from . import common
from ._model import enum, sequence

# --- enums -------------------------------------------------------------------

# The state a client asks a guest to reach.
VCMPGuestState = enum(
    "System.VCMP.VCMPGuestState",
    "VCMP_GUEST_STATE_UNKNOWN",
    "VCMP_GUEST_STATE_CONFIGURED",
    "VCMP_GUEST_STATE_PROVISIONED",
    "VCMP_GUEST_STATE_DEPLOYED",
)

# What the host is doing for a guest on one slot.
VCMPStatus = enum(
    "System.VCMP.VCMPStatus",
    "VCMP_STATUS_UNKNOWN",
    "VCMP_STATUS_CREATED",
    "VCMP_STATUS_STOPPED",
    "VCMP_STATUS_WAIT_STARTING",
    "VCMP_STATUS_STARTING",
    "VCMP_STATUS_RUNNING",
    "VCMP_STATUS_STOPPING",
    "VCMP_STATUS_INSTALLING",
    "VCMP_STATUS_DELETED",
    "VCMP_STATUS_FAILED",
    "VCMP_STATUS_INACTIVE",
    "VCMP_STATUS_ACQUIRE_VDISK",
    "VCMP_STATUS_WAIT_INSTALL",
    "VCMP_STATUS_WAIT_MIGRATE",
    "VCMP_STATUS_MIGRATE_VDISK",
)

VirtualDiskStatus = enum(
    "System.VCMP.VirtualDiskStatus",
    "VDISK_STATUS_UNKNOWN",
    "VDISK_STATUS_CREATED",
    "VDISK_STATUS_INSTALLING",
    "VDISK_STATUS_MIGRATING",
    "VDISK_STATUS_READY",
    "VDISK_STATUS_IN_USE",
)

# Pre-11.4 placement (one slot or all of them), kept for old clients.
VCMPSlotAllocation = enum(
    "System.VCMP.VCMPSlotAllocation",
    "VCMP_SLOT_ALLOCATION_UNKNOWN",
    "VCMP_SLOT_ALLOCATION_SINGLE",
    "VCMP_SLOT_ALLOCATION_ALL",
)

VCMPNetworkMode = enum(
    "System.VCMP.VCMPNetworkMode",
    "VCMP_NETWORK_MODE_UNKNOWN",
    "VCMP_NETWORK_MODE_BRIDGED",
    "VCMP_NETWORK_MODE_ISOLATED",
    "VCMP_NETWORK_MODE_HOST_ONLY",
)

VCMPSSLMode = enum(
    "System.VCMP.VCMPSSLMode",
    "VCMP_SSL_MODE_UNKNOWN",
    "VCMP_SSL_MODE_SHARED",
    "VCMP_SSL_MODE_DEDICATED",
    "VCMP_SSL_MODE_NONE",
)

VCMPCapabilityID = enum(
    "System.VCMP.VCMPCapabilityID",
    "VCMP_CAPABILITY_UNKNOWN",
    "VCMP_CAPABILITY_APPLIANCE_MODE",
    "VCMP_CAPABILITY_STATS_ISOLATED_MODE",
)

# What the host found installed on a virtual disk.
VCMPOperatingSystem = enum(
    "System.VCMP.VCMPOperatingSystem",
    "VCMP_OPERATING_SYSTEM_UNKNOWN",
    "VCMP_OPERATING_SYSTEM_TMOS",
    "VCMP_OPERATING_SYSTEM_LINUX",
)

# Members that appeared after the interface did, by (type name, member).
MEMBER_SINCE: dict[tuple[str, str], str] = {
    ("System.VCMP.VCMPNetworkMode", "VCMP_NETWORK_MODE_HOST_ONLY"): "11.6.0",
    ("System.VCMP.VCMPCapabilityID", "VCMP_CAPABILITY_STATS_ISOLATED_MODE"): "11.6.0",
}


# --- structs -----------------------------------------------------------------


class VirtualDisk(ComplexModel):
    """A disk file is named by the slot it lives on and its file name."""

    __type_name__ = "System.VCMP.VirtualDisk"
    __namespace__ = ICONTROL_NS
    _type_info = [("slot_id", Long), ("filename", Unicode)]


class VCMPCompletionStatus(ComplexModel):
    """Progress of the last requested state change, for one slot."""

    __type_name__ = "System.VCMP.VCMPCompletionStatus"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("slot_id", Long),
        ("requested_state", VCMPGuestState),
        ("request_complete", Boolean),
        ("status", VCMPStatus),
        ("comment", Unicode),
    ]


class VCMPStatisticEntry(ComplexModel):
    """Runtime record of one guest VM (one per slot the guest runs on)."""

    __type_name__ = "System.VCMP.VCMPStatisticEntry"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("guest", Unicode),
        ("vcmp_id", Long),
        ("slot_id", Long),
        ("pid", Long),
        ("interface_names", Unicode),
        ("core_names", Unicode),
        ("base_mac", Unicode),
        ("mac_size", Long),
        ("cores", Long),
        ("vdisk", Unicode),
        ("starts", Long),
        ("retries", Long),
        ("cpu_usage_recent", Long),
        ("cpu_usage_1min", Long),
        ("cpu_usage_5mins", Long),
        ("update_time", Long),
        ("statistics", common.StatisticSequence),
    ]


class VirtualDiskStatisticEntry(ComplexModel):
    __type_name__ = "System.VCMP.VirtualDiskStatisticEntry"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("disk", VirtualDisk),
        ("os", VCMPOperatingSystem),
        ("status", VirtualDiskStatus),
        ("statistics", common.StatisticSequence),
    ]


class VCMPHAStatusStatisticEntry(ComplexModel):
    __type_name__ = "System.VCMP.VCMPHAStatusStatisticEntry"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("guest", Unicode),
        ("peer", Boolean),
        ("slot", Long),
        ("ha_feature", common.Feature),
        ("key", Unicode),
        ("action", common.HAAction),
        ("enabled", Boolean),
        ("take_action", Boolean),
        ("process", Unicode),
        ("client_data", Long),
        ("timeout", Long),
        ("failure", Boolean),
    ]


class VCMPModuleProvisionStatisticEntry(ComplexModel):
    __type_name__ = "System.VCMP.VCMPModuleProvisionStatisticEntry"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("guest", Unicode),
        ("module_name", Unicode),
        ("provision_level", common.ProvisionLevel),
    ]


class VCMPPromptStatisticEntry(ComplexModel):
    __type_name__ = "System.VCMP.VCMPPromptStatisticEntry"
    __namespace__ = ICONTROL_NS
    _type_info = [("guest", Unicode), ("slot_id", Long), ("prompt", Unicode)]


class VCMPSoftwareStatisticEntry(ComplexModel):
    __type_name__ = "System.VCMP.VCMPSoftwareStatisticEntry"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("guest", Unicode),
        ("slot_id", Long),
        ("volume", Unicode),
        ("product", Unicode),
        ("version", Unicode),
        ("build", Unicode),
        ("active", Boolean),
        ("status", Unicode),
    ]


# --- sequences -----------------------------------------------------------------

VCMPGuestStateSequence = sequence(VCMPGuestState, "System.VCMP.VCMPGuestStateSequence")
VCMPNetworkModeSequence = sequence(VCMPNetworkMode, "System.VCMP.VCMPNetworkModeSequence")
VCMPSSLModeSequence = sequence(VCMPSSLMode, "System.VCMP.VCMPSSLModeSequence")
VCMPSlotAllocationSequence = sequence(VCMPSlotAllocation, "System.VCMP.VCMPSlotAllocationSequence")
VCMPCapabilityIDSequence = sequence(VCMPCapabilityID, "System.VCMP.VCMPCapabilityIDSequence")
VCMPCapabilityIDSequenceSequence = sequence(
    VCMPCapabilityIDSequence, "System.VCMP.VCMPCapabilityIDSequenceSequence"
)
VCMPCompletionStatusSequence = sequence(VCMPCompletionStatus, "System.VCMP.VCMPCompletionStatusSequence")
VCMPCompletionStatusSequenceSequence = sequence(
    VCMPCompletionStatusSequence, "System.VCMP.VCMPCompletionStatusSequenceSequence"
)
VirtualDiskSequence = sequence(VirtualDisk, "System.VCMP.VirtualDiskSequence")
VCMPStatisticEntrySequence = sequence(VCMPStatisticEntry, "System.VCMP.VCMPStatisticEntrySequence")
VirtualDiskStatisticEntrySequence = sequence(
    VirtualDiskStatisticEntry, "System.VCMP.VirtualDiskStatisticEntrySequence"
)
VCMPHAStatusStatisticEntrySequence = sequence(
    VCMPHAStatusStatisticEntry, "System.VCMP.VCMPHAStatusStatisticEntrySequence"
)
VCMPModuleProvisionStatisticEntrySequence = sequence(
    VCMPModuleProvisionStatisticEntry, "System.VCMP.VCMPModuleProvisionStatisticEntrySequence"
)
VCMPPromptStatisticEntrySequence = sequence(
    VCMPPromptStatisticEntry, "System.VCMP.VCMPPromptStatisticEntrySequence"
)
VCMPSoftwareStatisticEntrySequence = sequence(
    VCMPSoftwareStatisticEntry, "System.VCMP.VCMPSoftwareStatisticEntrySequence"
)


# --- statistics wrappers: entries plus the time they were taken -----------------


class VCMPStatistics(ComplexModel):
    __type_name__ = "System.VCMP.VCMPStatistics"
    __namespace__ = ICONTROL_NS
    _type_info = [("statistics", VCMPStatisticEntrySequence), ("time_stamp", common.TimeStamp)]


class VirtualDiskStatistics(ComplexModel):
    __type_name__ = "System.VCMP.VirtualDiskStatistics"
    __namespace__ = ICONTROL_NS
    _type_info = [("statistics", VirtualDiskStatisticEntrySequence), ("time_stamp", common.TimeStamp)]


class VCMPHAStatusStatistics(ComplexModel):
    __type_name__ = "System.VCMP.VCMPHAStatusStatistics"
    __namespace__ = ICONTROL_NS
    _type_info = [("statistics", VCMPHAStatusStatisticEntrySequence), ("time_stamp", common.TimeStamp)]


class VCMPModuleProvisionStatistics(ComplexModel):
    __type_name__ = "System.VCMP.VCMPModuleProvisionStatistics"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("statistics", VCMPModuleProvisionStatisticEntrySequence),
        ("time_stamp", common.TimeStamp),
    ]


class VCMPPromptStatistics(ComplexModel):
    __type_name__ = "System.VCMP.VCMPPromptStatistics"
    __namespace__ = ICONTROL_NS
    _type_info = [("statistics", VCMPPromptStatisticEntrySequence), ("time_stamp", common.TimeStamp)]


class VCMPSoftwareStatistics(ComplexModel):
    __type_name__ = "System.VCMP.VCMPSoftwareStatistics"
    __namespace__ = ICONTROL_NS
    _type_info = [("statistics", VCMPSoftwareStatisticEntrySequence), ("time_stamp", common.TimeStamp)]
