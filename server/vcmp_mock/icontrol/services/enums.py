"""One mapping table per enum: domain member <-> iControl member name.

The domain names things after the domain (``GuestState.DEPLOYED``); the
wire spells them as F5 does (``VCMP_GUEST_STATE_DEPLOYED``). These tables
are the only place the two meet.
"""

from __future__ import annotations

import enum
from typing import Generic, TypeVar

from vcmp_mock.domain import errors, model, provisioning
from vcmp_mock.engine import sessions

E = TypeVar("E", bound=enum.Enum)


class EnumMap(Generic[E]):
    """A two-way table between a domain enum and its iControl type."""

    def __init__(self, icontrol_type: str, domain: type[E], prefix: str, unknown: str | None = None) -> None:
        self.icontrol_type = icontrol_type
        self._domain_type = domain
        # Keyed by member name, not by member: a str hashes in C, while
        # Enum.__hash__ is a Python function, and every answer maps many members.
        self._to_wire = {member.name: prefix + member.name for member in domain}
        self._to_domain = {prefix + member.name: member for member in domain}
        # An UNKNOWN member exists on the wire but is never a valid request.
        self._unknown = unknown

    def wire(self, member: E) -> str:
        if type(member) is not self._domain_type:  # a name alone would match any enum
            raise KeyError(member)
        return self._to_wire[member._name_]

    def domain(self, value: str, field: str) -> E:
        try:
            return self._to_domain[value]
        except KeyError:
            raise errors.InvalidArgument(field, value, f"not a valid {self.icontrol_type} for this request") from None


GUEST_STATE = EnumMap("System.VCMP.VCMPGuestState", model.GuestState, "VCMP_GUEST_STATE_")
SLOT_STATUS = EnumMap("System.VCMP.VCMPStatus", model.SlotStatus, "VCMP_STATUS_")
DISK_STATUS = EnumMap("System.VCMP.VirtualDiskStatus", model.DiskStatus, "VDISK_STATUS_")
OPERATING_SYSTEM = EnumMap("System.VCMP.VCMPOperatingSystem", model.OperatingSystem, "VCMP_OPERATING_SYSTEM_")
NETWORK_MODE = EnumMap("System.VCMP.VCMPNetworkMode", model.NetworkMode, "VCMP_NETWORK_MODE_")
SSL_MODE = EnumMap("System.VCMP.VCMPSSLMode", model.SslMode, "VCMP_SSL_MODE_")
SLOT_ALLOCATION = EnumMap("System.VCMP.VCMPSlotAllocation", model.SlotAllocation, "VCMP_SLOT_ALLOCATION_")
CAPABILITY = EnumMap("System.VCMP.VCMPCapabilityID", model.Capability, "VCMP_CAPABILITY_")
HA_STATE = EnumMap("Common.HAState", model.HAState, "HA_STATE_")
HA_ACTION = EnumMap("Common.HAAction", model.HAAction, "HA_ACTION_")
CHASSIS_SLOT_STATE = EnumMap("System.ChassisSlotState", model.ChassisSlotState, "CHASSIS_SLOT_STATE_")


class _Enabled(enum.Enum):
    DISABLED = False
    ENABLED = True


ENABLED_STATE = EnumMap("Common.EnabledState", _Enabled, "STATE_")


def enabled(flag: bool) -> str:
    return ENABLED_STATE.wire(_Enabled(bool(flag)))


def is_enabled(value: str, field: str) -> bool:
    return ENABLED_STATE.domain(value, field).value


# --- sessions and provisioning ---------------------------------------------------

RETURNED_PATH = EnumMap("System.Session.ReturnedPath", sessions.PathStyle, "PATH_")
PROVISION_LEVEL = EnumMap("Management.Provision.ProvisionLevel", provisioning.Level, "PROVISION_LEVEL_")


class ModuleMap:
    """Common.TMOSModule members <-> tmsh module names (``ltm``, ``vcmp`` ...).

    Most members are the upper-cased tmsh name; APM is ``APML``. Since
    11.4.0 the WAM, WOM and WOML members all name the AM module.
    """

    icontrol_type = "Common.TMOSModule"
    _PREFIX = "TMOS_MODULE_"
    _SPECIAL = {"APML": "apm", "WAM": "am", "WOM": "am", "WOML": "am"}
    _WIRE = {"apm": "TMOS_MODULE_APML"}

    def domain(self, value: str, field: str) -> str:
        name = value[len(self._PREFIX):] if value.startswith(self._PREFIX) else ""
        if not name or name == "UNKNOWN":
            raise errors.InvalidArgument(field, value, f"not a valid {self.icontrol_type} for this request")
        return self._SPECIAL.get(name, name.lower())

    def wire(self, module: str) -> str:
        return self._WIRE.get(module, self._PREFIX + module.upper())


TMOS_MODULE = ModuleMap()
