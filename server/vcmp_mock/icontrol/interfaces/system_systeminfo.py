"""System.SystemInfo: the 33 operations describing the system itself.

Identity and version (what most clients ask first), chassis slots and
hardware inventory, usage figures, platform sensors and advisory locks.
``set_time`` came in 11.5.0; the rest predate the versions we emulate.
"""

from __future__ import annotations

from spyne.model.primitive import Boolean, Long, Unicode

from ..types import common as c
from ..types import system_info as i
from .base import Interface, op

OPERATIONS = (
    op("acquire_lock", ("lock_name", Unicode), ("duration_sec", Long), ("comment", Unicode),
       returns=Boolean, doc="Take a named advisory lock for a while; false if it is held."),
    op("get_all_cpu_usage_extended_information", returns=i.CPUUsageExtendedInformation,
       doc="CPU usage figures of every host in the system."),
    op("get_base_mac_address", returns=Unicode, doc="Base MAC address of the system."),
    op("get_blade_temperature", returns=i.BladeTemperatureSequence,
       doc="Temperature sensors of the blades."),
    op("get_chassis_slot_information", returns=i.ChassisSlotSequence,
       doc="One record per chassis slot (none on an appliance)."),
    op("get_connection_information", returns=i.ConnectionInformation,
       doc="Endpoints of the caller's connection (obsolete)."),
    op("get_connection_type", returns=i.ConnectionType,
       doc="How the caller reached the system."),
    op("get_cpu_metrics", returns=i.PlatformCPUs, doc="Platform CPU sensor readings."),
    op("get_cpu_usage_extended_information", ("host_ids", c.StringSequence),
       returns=i.CPUUsageExtendedInformation, doc="CPU usage figures of the listed hosts."),
    op("get_cpu_usage_information", returns=i.CPUUsageInformation,
       doc="CPU usage per processor (obsolete)."),
    op("get_disk_usage_information", returns=i.DiskUsageInformation,
       doc="Space used on each file system."),
    op("get_fan_metrics", returns=i.PlatformFans, doc="Platform fan readings."),
    op("get_global_cpu_usage_extended_information", returns=i.GlobalCPUUsageExtendedInformation,
       doc="CPU usage figures of the whole system."),
    op("get_globally_unique_identifier", returns=Unicode,
       doc="Globally unique identifier of the system."),
    op("get_group_id", returns=Unicode, doc="Group identifier of the system."),
    op("get_hardware_information", returns=i.HardwareInformationSequence,
       doc="Inventory of hardware components and their versions."),
    op("get_lock_list", returns=c.StringSequence, doc="Names of the advisory locks."),
    op("get_lock_status", ("lock_names", c.StringSequence), returns=i.LockStatusSequence,
       doc="Remaining time and comment of the listed locks."),
    op("get_marketing_name", returns=Unicode, doc="Marketing name of the platform."),
    op("get_memory_usage_information", returns=i.MemoryUsageInformation,
       doc="Memory use per subsystem (obsolete)."),
    op("get_power_supply_metrics", returns=i.PlatformPowerSupplies,
       doc="Power supply readings."),
    op("get_product_information", returns=i.ProductInformation,
       doc="Product, version, package and licensed features."),
    op("get_pva_version", returns=Unicode, doc="Version of the packet acceleration hardware."),
    op("get_system_id", returns=Unicode, doc="Unique identifier of the system."),
    op("get_system_information", returns=i.SystemInformation,
       doc="Operating system and platform identity."),
    op("get_temperature_metrics", returns=i.PlatformTemperatures,
       doc="Platform temperature readings."),
    op("get_time", returns=c.TimeStamp, doc="System time in UTC."),
    op("get_time_zone", returns=c.TimeZone, doc="Local time zone of the system."),
    op("get_uptime", returns=Long, doc="Seconds since the system started."),
    op("get_version", returns=Unicode, doc="Software version string, BIG-IP_vX.Y.Z."),
    op("release_lock", ("lock_name", Unicode), doc="Give back a named advisory lock."),
    op("set_group_id", ("group_id", Unicode), doc="Set the group identifier of the system."),
    op("set_time", ("time", c.TimeStamp), since="11.5.0", doc="Set the system time in UTC."),
)

INTERFACE = Interface(
    module="System",
    name="SystemInfo",
    operations=OPERATIONS,
    doc="What the system is, what it runs on and how busy it is.",
    enum_member_since={**c.MEMBER_SINCE, **i.MEMBER_SINCE},
    extra_types=(c.ULong,),
)
