"""``System.*`` types of the SystemInfo interface.

SystemInfo's own types carry no interface segment in their names
(``System.SystemInformation``, not ``System.SystemInfo.SystemInformation``).
Python names drop the ``System.`` prefix. Declared in dependency order.
"""

from __future__ import annotations

from spyne.model.complex import ComplexModel
from spyne.model.primitive import Boolean, Long, Unicode

from ..typeinfo import ICONTROL_NS
from . import common
from ._model import enum, sequence


class BladeTemperature(ComplexModel):
    __type_name__ = "System.BladeTemperature"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("slot", Long),
        ("sensor", Long),
        ("location", Unicode),
        ("temperature", Long),
    ]


BladeTemperatureSequence = sequence(BladeTemperature, "System.BladeTemperatureSequence")

CPUMetricType = enum(
    "System.CPUMetricType",
    "CPU_INDEX",
    "CPU_TEMPERATURE",
    "CPU_FAN_SPEED",
)


class CPUMetric(ComplexModel):
    __type_name__ = "System.CPUMetric"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("metric_type", CPUMetricType),
        ("value", Long),
    ]


CPUMetricSequence = sequence(CPUMetric, "System.CPUMetricSequence")


class CPUUsage(ComplexModel):
    __type_name__ = "System.CPUUsage"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("cpu_id", Long),
        ("user", common.ULong64),
        ("niced", common.ULong64),
        ("system", common.ULong64),
        ("idle", common.ULong64),
        ("irq", common.ULong64),
        ("softirq", common.ULong64),
        ("iowait", common.ULong64),
    ]


class CPUUsageExtended(ComplexModel):
    __type_name__ = "System.CPUUsageExtended"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("host_id", Unicode),
        ("statistics", common.StatisticSequenceSequence),
    ]


CPUUsageExtendedSequence = sequence(CPUUsageExtended, "System.CPUUsageExtendedSequence")


class CPUUsageExtendedInformation(ComplexModel):
    __type_name__ = "System.CPUUsageExtendedInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("hosts", CPUUsageExtendedSequence),
        ("time_stamp", common.TimeStamp),
    ]


CPUUsageSequence = sequence(CPUUsage, "System.CPUUsageSequence")


class CPUUsageInformation(ComplexModel):
    __type_name__ = "System.CPUUsageInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("usages", CPUUsageSequence),
        ("time_stamp", common.TimeStamp),
    ]


ChassisSlotState = enum(
    "System.ChassisSlotState",
    "CHASSIS_SLOT_STATE_UNKNOWN",
    "CHASSIS_SLOT_STATE_FAILED",
    "CHASSIS_SLOT_STATE_EMPTY",
    "CHASSIS_SLOT_STATE_PRIMING",
    "CHASSIS_SLOT_STATE_OK",
)


class ChassisSlot(ComplexModel):
    __type_name__ = "System.ChassisSlot"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("slot_id", Long),
        ("serial_number", Unicode),
        ("is_down", Boolean),
        ("state", ChassisSlotState),
    ]


ChassisSlotSequence = sequence(ChassisSlot, "System.ChassisSlotSequence")


class ConnectionInformation(ComplexModel):
    __type_name__ = "System.ConnectionInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("local", common.IPPortDefinition),
        ("remote", common.IPPortDefinition),
    ]


ConnectionType = enum(
    "System.ConnectionType",
    "CONNECTION_TYPE_UNKNOWN",
    "CONNECTION_TYPE_CLUSTER",
    "CONNECTION_TYPE_BLADE",
    "CONNECTION_TYPE_ADMIN",
    "CONNECTION_TYPE_SELF",
)


class DiskUsage(ComplexModel):
    __type_name__ = "System.DiskUsage"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("partition_name", Unicode),
        ("block_size", common.ULong64),
        ("total_blocks", common.ULong64),
        ("free_blocks", common.ULong64),
        ("total_nodes", common.ULong64),
        ("free_nodes", common.ULong64),
    ]


DiskUsageSequence = sequence(DiskUsage, "System.DiskUsageSequence")


class DiskUsageInformation(ComplexModel):
    __type_name__ = "System.DiskUsageInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("usages", DiskUsageSequence),
        ("time_stamp", common.TimeStamp),
    ]


FanMetricType = enum(
    "System.FanMetricType",
    "FAN_INDEX",
    "FAN_STATE",
    "FAN_SPEED",
)


class FanMetric(ComplexModel):
    __type_name__ = "System.FanMetric"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("metric_type", FanMetricType),
        ("value", Long),
    ]


FanMetricSequence = sequence(FanMetric, "System.FanMetricSequence")


class GlobalCPUUsageExtendedInformation(ComplexModel):
    __type_name__ = "System.GlobalCPUUsageExtendedInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("statistics", common.StatisticSequence),
        ("time_stamp", common.TimeStamp),
    ]


HardwareType = enum(
    "System.HardwareType",
    "HARDWARE_SWITCH",
    "HARDWARE_COMPRESSION",
    "HARDWARE_ENCRYPTION",
    "HARDWARE_NETWORK",
    "HARDWARE_PIC",
    "HARDWARE_CHASSIS",
    "HARDWARE_MEZZANINE",
    "HARDWARE_BASE_BOARD",
    "HARDWARE_PSU",
    "HARDWARE_COPROCESSOR",
    "HARDWARE_PHDISK",
    "HARDWARE_TOUCHSCREEN",
    "HARDWARE_CPLD",
    "HARDWARE_AOM",
    "HARDWARE_MODULE",
)


class VersionInformation(ComplexModel):
    __type_name__ = "System.VersionInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("name", Unicode),
        ("value", Unicode),
    ]


VersionInformationSequence = sequence(VersionInformation, "System.VersionInformationSequence")


class HardwareInformation(ComplexModel):
    __type_name__ = "System.HardwareInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("name", Unicode),
        ("type", HardwareType),
        ("slot", Long),
        ("model", Unicode),
        ("versions", VersionInformationSequence),
    ]


HardwareInformationSequence = sequence(HardwareInformation, "System.HardwareInformationSequence")


class LockStatus(ComplexModel):
    __type_name__ = "System.LockStatus"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("lock_name", Unicode),
        ("time_left", Long),
        ("comment", Unicode),
    ]


LockStatusSequence = sequence(LockStatus, "System.LockStatusSequence")


class SubsystemMemoryUsage(ComplexModel):
    __type_name__ = "System.SubsystemMemoryUsage"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("subsystem_name", Unicode),
        ("current_allocated", common.ULong64),
        ("maximum_allocated", common.ULong64),
        ("size", common.ULong64),
    ]


SubsystemMemoryUsageSequence = sequence(SubsystemMemoryUsage, "System.SubsystemMemoryUsageSequence")


class MemoryUsageInformation(ComplexModel):
    __type_name__ = "System.MemoryUsageInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("total_memory", common.ULong64),
        ("used_memory", common.ULong64),
        ("usages", SubsystemMemoryUsageSequence),
        ("time_stamp", common.TimeStamp),
    ]


PSMetricType = enum(
    "System.PSMetricType",
    "PS_INDEX",
    "PS_STATE",
    "PS_INPUT_STATE",
    "PS_OUTPUT_STATE",
    "PS_FAN_STATE",
)


class PSMetric(ComplexModel):
    __type_name__ = "System.PSMetric"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("metric_type", PSMetricType),
        ("value", Long),
    ]


PSMetricSequence = sequence(PSMetric, "System.PSMetricSequence")

PlatformCPUSequence = sequence(CPUMetricSequence, "System.PlatformCPUSequence")


class PlatformCPUs(ComplexModel):
    __type_name__ = "System.PlatformCPUs"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("cpus", PlatformCPUSequence),
        ("time_stamp", common.TimeStamp),
    ]


PlatformFanSequence = sequence(FanMetricSequence, "System.PlatformFanSequence")


class PlatformFans(ComplexModel):
    __type_name__ = "System.PlatformFans"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("fans", PlatformFanSequence),
        ("time_stamp", common.TimeStamp),
    ]


PlatformPSSequence = sequence(PSMetricSequence, "System.PlatformPSSequence")


class PlatformPowerSupplies(ComplexModel):
    __type_name__ = "System.PlatformPowerSupplies"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("power_supplies", PlatformPSSequence),
        ("time_stamp", common.TimeStamp),
    ]


TemperatureMetricType = enum(
    "System.TemperatureMetricType",
    "TEMPERATURE_INDEX",
    "TEMPERATURE_VALUE",
)


class TemperatureMetric(ComplexModel):
    __type_name__ = "System.TemperatureMetric"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("metric_type", TemperatureMetricType),
        ("value", Long),
    ]


TemperatureMetricSequence = sequence(TemperatureMetric, "System.TemperatureMetricSequence")

PlatformTemperatureSequence = sequence(TemperatureMetricSequence, "System.PlatformTemperatureSequence")


class PlatformTemperatures(ComplexModel):
    __type_name__ = "System.PlatformTemperatures"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("temperatures", PlatformTemperatureSequence),
        ("time_stamp", common.TimeStamp),
    ]


class ProductInformation(ComplexModel):
    __type_name__ = "System.ProductInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("product_code", Unicode),
        ("product_version", Unicode),
        ("package_version", Unicode),
        ("package_edition", Unicode),
        ("product_features", common.StringSequence),
    ]


class SystemInformation(ComplexModel):
    __type_name__ = "System.SystemInformation"
    __namespace__ = ICONTROL_NS
    _type_info = [
        ("system_name", Unicode),
        ("host_name", Unicode),
        ("os_release", Unicode),
        ("os_machine", Unicode),
        ("os_version", Unicode),
        ("platform", Unicode),
        ("product_category", Unicode),
        ("chassis_serial", Unicode),
        ("switch_board_serial", Unicode),
        ("switch_board_part_revision", Unicode),
        ("host_board_serial", Unicode),
        ("host_board_part_revision", Unicode),
        ("annunciator_board_serial", Unicode),
        ("annunciator_board_part_revision", Unicode),
    ]


# Members that appeared after BIG-IP 11.0.0, by (type name, member).
MEMBER_SINCE: dict[tuple[str, str], str] = {
    ("System.HardwareType", "HARDWARE_PSU"): "11.6.0",
    ("System.HardwareType", "HARDWARE_COPROCESSOR"): "11.6.0",
    ("System.HardwareType", "HARDWARE_PHDISK"): "12.0.0",
    ("System.HardwareType", "HARDWARE_TOUCHSCREEN"): "13.0.0",
    ("System.HardwareType", "HARDWARE_CPLD"): "13.0.0",
    ("System.HardwareType", "HARDWARE_AOM"): "13.0.0",
    ("System.HardwareType", "HARDWARE_MODULE"): "13.0.0",
}
