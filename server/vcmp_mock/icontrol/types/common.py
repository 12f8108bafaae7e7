"""``Common.*``: the types several iControl interfaces share.

Each type is declared once; every interface that uses ``Common.StringSequence``
refers to the same model, so the codec and the WSDL see one definition.
Python names drop the ``Common.`` prefix.
"""

from __future__ import annotations

from spyne.model.complex import ComplexModel
from spyne.model.primitive import Boolean, Integer32, Long, Unicode

from ..typeinfo import ICONTROL_NS
from ._model import data_lines, enum, sequence


class ULong(Long):
    """``Common.ULong``: declared by F5 as a bare restriction of xsd:long.

    Operations and struct members are declared with xsd:long directly, so
    this type is only ever declared, never referenced; it stays a primitive
    for the codec (``typeinfo.kind`` is ``primitive``, on the wire ``long``).
    """

    __type_name__ = "Common.ULong"
    __namespace__ = ICONTROL_NS


# --- enums -------------------------------------------------------------------

EnabledState = enum("Common.EnabledState", "STATE_DISABLED", "STATE_ENABLED")

HAState = enum(
    "Common.HAState",
    "HA_STATE_OFFLINE",
    "HA_STATE_FORCED_OFFLINE",
    "HA_STATE_STANDBY",
    "HA_STATE_ACTIVE",
    "HA_STATE_UNKNOWN",
)

HAAction = enum(
    "Common.HAAction",
    "HA_ACTION_NONE",
    "HA_ACTION_REBOOT",
    "HA_ACTION_RESTART",
    "HA_ACTION_FAILOVER",
    "HA_ACTION_FAILOVER_RESTART",
    "HA_ACTION_GO_ACTIVE",
    "HA_ACTION_RESTART_ALL",
    "HA_ACTION_FAILOVER_ABORT_TRAFFIC_MGT",
    "HA_ACTION_GO_OFFLINE",
    "HA_ACTION_GO_OFFLINE_RESTART",
    "HA_ACTION_GO_OFFLINE_ABORT_TM",
    "HA_ACTION_GO_OFFLINE_DOWNLINKS",
    "HA_ACTION_GO_OFFLINE_DOWNLINKS_RESTART",
)

Feature = enum(
    "Common.Feature",
    "FEATURE_ASM_CONFIGURATION",
    "FEATURE_CLUSTER_MEMBER",
    "FEATURE_CLUSTER_MIN_UP_MEMBERS",
    "FEATURE_CLUSTER_TIME_SYNC",
    "FEATURE_DAEMON",
    "FEATURE_DAEMON_HEARTBEAT",
    "FEATURE_FIPS",
    "FEATURE_FORCED_OFFLINE",
    "FEATURE_GROUP_SCORE",
    "FEATURE_HARDWARE_FAILOVER",
    "FEATURE_HSB",
    "FEATURE_LICENSE",
    "FEATURE_MPI",
    "FEATURE_MYSQL",
    "FEATURE_NETWORK_FAILOVER",
    "FEATURE_OVERDOG",
    "FEATURE_PEER_GROUP_SCORE",
    "FEATURE_POOL_MIN_UP_MEMBERS",
    "FEATURE_REBOOT",
    "FEATURE_SECONDARY_SOD",
    "FEATURE_SOD_CONFIGURATION",
    "FEATURE_SOFTWARE_UPDATE",
    "FEATURE_SWITCHBOARD",
    "FEATURE_TMM_DETECTED",
    "FEATURE_TMM_READY",
    "FEATURE_UNKNOWN",
    "FEATURE_VLAN",
    "FEATURE_HYPERVISOR_OFFLINE",
    "FEATURE_COMPRESSION_FAILSAFE",
    "FEATURE_CRYPTO_FAILSAFE",
)

# The VCMP interface carries its own copy of the provisioning levels under
# this name (Management.Provision has Management.Provision.ProvisionLevel).
# UNKNOWN comes last, unlike most iControl enums.
ProvisionLevel = enum(
    "Common.ProvisionLevel",
    "PROVISION_LEVEL_NONE",
    "PROVISION_LEVEL_MINIMUM",
    "PROVISION_LEVEL_NOMINAL",
    "PROVISION_LEVEL_DEDICATED",
    "PROVISION_LEVEL_CUSTOM",
    "PROVISION_LEVEL_UNKNOWN",
)

TMOSModule = enum(
    "Common.TMOSModule",
    "TMOS_MODULE_ASM",
    "TMOS_MODULE_SAM",
    "TMOS_MODULE_WAM",
    "TMOS_MODULE_PSM",
    "TMOS_MODULE_WOM",
    "TMOS_MODULE_LC",
    "TMOS_MODULE_LTM",
    "TMOS_MODULE_GTM",
    "TMOS_MODULE_UNKNOWN",
    "TMOS_MODULE_WOML",
    "TMOS_MODULE_APML",
    "TMOS_MODULE_EM",
    "TMOS_MODULE_VCMP",
    "TMOS_MODULE_TMOS",
    "TMOS_MODULE_HOST",
    "TMOS_MODULE_UI",
    "TMOS_MODULE_MONITORS",
    "TMOS_MODULE_AVR",
    "TMOS_MODULE_PEM",
    "TMOS_MODULE_CGNAT",
    "TMOS_MODULE_AFM",
    "TMOS_MODULE_AM",
    "TMOS_MODULE_SWG",
    "TMOS_MODULE_FPS",
    "TMOS_MODULE_ILX",
    "TMOS_MODULE_URLDB",
    "TMOS_MODULE_TAM",
    "TMOS_MODULE_DOS",
)

# About 1600 members: kept as data, one name per line, in declaration order.
StatisticType = enum("Common.StatisticType", *data_lines("statistic_types.txt"))

# Members that appeared after BIG-IP 11.0.0, by (type name, member).
MEMBER_SINCE: dict[tuple[str, str], str] = {
    **{("Common.TMOSModule", f"TMOS_MODULE_{m}"): "11.6.0" for m in ("CGNAT", "AFM", "AM", "SWG", "FPS")},
    ("Common.TMOSModule", "TMOS_MODULE_ILX"): "12.0.0",
    **{("Common.TMOSModule", f"TMOS_MODULE_{m}"): "13.0.0" for m in ("URLDB", "TAM", "DOS")},
}


# --- structs -----------------------------------------------------------------


class IPNetmask(ComplexModel):
    __type_name__ = "Common.IPNetmask"
    __namespace__ = ICONTROL_NS
    _type_info = [("address", Unicode), ("netmask", Unicode)]


class IPPortDefinition(ComplexModel):
    __type_name__ = "Common.IPPortDefinition"
    __namespace__ = ICONTROL_NS
    _type_info = [("address", Unicode), ("port", Long)]


class ULong64(ComplexModel):
    """A 64-bit counter split in two 32-bit halves."""

    __type_name__ = "Common.ULong64"
    __namespace__ = ICONTROL_NS
    _type_info = [("high", Long), ("low", Long)]


class TimeStamp(ComplexModel):
    __type_name__ = "Common.TimeStamp"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("year", Long),
        ("month", Long),
        ("day", Long),
        ("hour", Long),
        ("minute", Long),
        ("second", Long),
    ]


class TimeZone(ComplexModel):
    __type_name__ = "Common.TimeZone"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("gmt_offset", Long),
        ("time_zone", Unicode),
        ("is_daylight_saving_time", Boolean),
    ]


class Statistic(ComplexModel):
    __type_name__ = "Common.Statistic"
    __namespace__ = ICONTROL_NS
    _type_info = [("type", StatisticType), ("value", ULong64), ("time_stamp", Long)]


# --- sequences -----------------------------------------------------------------

StringSequence = sequence(Unicode, "Common.StringSequence")
StringSequenceSequence = sequence(StringSequence, "Common.StringSequenceSequence")
IPAddressSequence = sequence(Unicode, "Common.IPAddressSequence")
IPNetmaskSequence = sequence(IPNetmask, "Common.IPNetmaskSequence")
ULongSequence = sequence(Long, "Common.ULongSequence")
ULongSequenceSequence = sequence(ULongSequence, "Common.ULongSequenceSequence")
# Declared as xsd:int[] although the values are unsigned shorts.
UShortSequence = sequence(Integer32, "Common.UShortSequence")
UShortSequenceSequence = sequence(UShortSequence, "Common.UShortSequenceSequence")
ULong64Sequence = sequence(ULong64, "Common.ULong64Sequence")
ULong64SequenceSequence = sequence(ULong64Sequence, "Common.ULong64SequenceSequence")
StatisticSequence = sequence(Statistic, "Common.StatisticSequence")
StatisticSequenceSequence = sequence(StatisticSequence, "Common.StatisticSequenceSequence")
EnabledStateSequence = sequence(EnabledState, "Common.EnabledStateSequence")
EnabledStateSequenceSequence = sequence(EnabledStateSequence, "Common.EnabledStateSequenceSequence")
HAStateSequence = sequence(HAState, "Common.HAStateSequence")
HAStateSequenceSequence = sequence(HAStateSequence, "Common.HAStateSequenceSequence")
HAActionSequence = sequence(HAAction, "Common.HAActionSequence")
TMOSModuleSequence = sequence(TMOSModule, "Common.TMOSModuleSequence")
