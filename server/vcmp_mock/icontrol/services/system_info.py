"""System.SystemInfo: the system's identity and load, from the simulated host.

Served: what a vCMP client asks (version, platform and product identity,
chassis slots, hardware, time, uptime) plus CPU and memory usage, all
derived from the host (``engine.host_info``) so that slot counts, blade
models and cores agree with System.Cluster and System.VCMP. Locks, sensor
metrics, disk usage, connection details and the group id are not simulated
(Common::NotImplemented).

``set_time`` sets the time the system reports (an offset over the
simulation clock); it does not move the simulation: guest progress,
timeouts and uptime keep their pace. It is not configuration, so it runs at
once even inside a transaction.
"""

from __future__ import annotations

from typing import Any

from vcmp_mock.domain.errors import NotFound
from vcmp_mock.domain.model import Timestamp
from vcmp_mock.engine import host_info
from vcmp_mock.icontrol.services import enums
from vcmp_mock.icontrol.services._common import (
    host,
    immediate,
    member,
    modifies,
    require_admin,
    statistic_name,
    timestamp,
    ulong64,
)

# Plausible GA build of each release (background knowledge, not verified).
_BUILDS = {
    "11.4.1": "0.0.608", "11.5.0": "0.0.221", "11.6.0": "0.0.401", "12.0.0": "0.0.606",
    "12.1.0": "0.0.1447", "13.0.0": "0.0.1645", "13.1.0": "0.0.1868",
}


def get_version(call) -> str:
    return f"BIG-IP_v{call.bigip_version}"


# --- identity ------------------------------------------------------------------------


def get_marketing_name(call) -> str:
    return host(call).platform.marketing_name


def get_system_id(call) -> str:
    return host_info.identity(host(call)).system_id


def get_globally_unique_identifier(call) -> str:
    return host_info.identity(host(call)).guid


def get_base_mac_address(call) -> str:
    return host_info.identity(host(call)).base_mac


def get_pva_version(call) -> str:
    return ""  # no packet velocity ASIC on the simulated platforms


def get_system_information(call) -> dict[str, str]:
    target = host(call)
    plat, ident = target.platform, host_info.identity(target)
    return {
        "system_name": "Linux",
        "host_name": "bigip1.localdomain",
        "os_release": host_info.KERNEL_RELEASE,
        "os_machine": "x86_64",
        "os_version": "#1 SMP",
        "platform": plat.platform_id,
        "product_category": "VIPRION" if plat.is_chassis else plat.name,
        "chassis_serial": ident.chassis_serial,
        "switch_board_serial": ident.switch_board_serial,
        "switch_board_part_revision": "",
        "host_board_serial": ident.host_board_serial,
        "host_board_part_revision": "",
        "annunciator_board_serial": ident.annunciator_serial,
        "annunciator_board_part_revision": "",
    }


def get_product_information(call) -> dict[str, Any]:
    return {
        "product_code": "BIG-IP",
        "product_version": call.bigip_version,
        "package_version": f"Build {_BUILDS.get(call.bigip_version, '0.0.1')} - Final",
        "package_edition": "Final",
        "product_features": ["Local Traffic Manager", "vCMP"],
    }


def get_chassis_slot_information(call) -> list[dict[str, Any]]:
    target = host(call)
    if not target.platform.is_chassis:
        return []
    return [
        {
            "slot_id": slot.slot_id,
            "serial_number": slot.serial,
            "is_down": not slot.usable,
            "state": enums.CHASSIS_SLOT_STATE.wire(target.chassis_slot_state(slot.slot_id)),
        }
        for slot in target.slots()
    ]


def get_hardware_information(call) -> list[dict[str, Any]]:
    target = host(call)
    plat, ident = target.platform, host_info.identity(target)
    items = []
    if plat.is_chassis:
        items.append(_hardware("chassis", "HARDWARE_CHASSIS", 0, plat.marketing_name,
                               serial=ident.chassis_serial, platform=plat.platform_id,
                               slots=str(plat.slot_count)))
    for slot in target.slots():
        if slot.present:
            blade = slot.blade
            items.append(_hardware(
                f"blade{slot.slot_id}" if plat.is_chassis else "base board", "HARDWARE_BASE_BOARD",
                slot.slot_id if plat.is_chassis else 0, blade.name, serial=slot.serial or ident.chassis_serial,
                platform=blade.platform_id, cores=str(blade.cores),
                memory_mb=str(blade.cores * blade.memory_per_core_mb + host_info.HOST_RESERVED_MB)))
    return items


def _hardware(name: str, kind: str, slot: int, model: str, **versions: str) -> dict[str, Any]:
    return {"name": name, "type": kind, "slot": slot, "model": model,
            "versions": [{"name": k, "value": v} for k, v in versions.items()]}


# --- time ------------------------------------------------------------------------------


def get_uptime(call) -> int:
    return host(call).uptime_seconds()


def get_time(call) -> dict[str, int]:
    return _now(call)


@modifies
@immediate
def set_time(call, time) -> None:
    require_admin(call)
    fields = ("year", "month", "day", "hour", "minute", "second")
    call.simulator.system_time.set(Timestamp(*(int(member(time, f)) for f in fields)))


def get_time_zone(call) -> dict[str, Any]:
    return {"gmt_offset": 0, "time_zone": "UTC", "is_daylight_saving_time": False}


# --- CPU and memory ----------------------------------------------------------------------


def _cpu_statistics(cpu: host_info.CpuFigures) -> list[dict[str, Any]]:
    five_sec, one_min, five_min = cpu.load
    values = [("CPU_INFO_CPU_ID", cpu.cpu_id), ("CPU_INFO_USER", cpu.user), ("CPU_INFO_NICED", 0),
              ("CPU_INFO_SYSTEM", cpu.system), ("CPU_INFO_IDLE", cpu.idle), ("CPU_INFO_IRQ", 0),
              ("CPU_INFO_SOFTIRQ", 0), ("CPU_INFO_IOWAIT", 0), ("CPU_INFO_USAGE_RATIO", cpu.busy_ratio)]
    for label, busy in (("FIVE_SEC", five_sec), ("ONE_MIN", one_min), ("FIVE_MIN", five_min)):
        user = int(busy * host_info.USER_SHARE)
        values += [(f"CPU_INFO_{label}_AVG_USER", user), (f"CPU_INFO_{label}_AVG_NICED", 0),
                   (f"CPU_INFO_{label}_AVG_SYSTEM", busy - user), (f"CPU_INFO_{label}_AVG_IDLE", 100 - busy),
                   (f"CPU_INFO_{label}_AVG_IRQ", 0), (f"CPU_INFO_{label}_AVG_SOFTIRQ", 0),
                   (f"CPU_INFO_{label}_AVG_IOWAIT", 0), (f"CPU_INFO_{label}_AVG_USAGE_RATIO", busy)]
    return [{"type": statistic_name(n), "value": ulong64(v), "time_stamp": 0} for n, v in values]


def _extended(call, hosts: list[host_info.HostCpus]) -> dict[str, Any]:
    return {
        "hosts": [{"host_id": h.host_id, "statistics": [_cpu_statistics(c) for c in h.cpus]} for h in hosts],
        "time_stamp": _now(call),
    }


def get_all_cpu_usage_extended_information(call) -> dict[str, Any]:
    return _extended(call, host_info.cpu_hosts(host(call)))


def get_cpu_usage_extended_information(call, host_ids) -> dict[str, Any]:
    hosts = {h.host_id: h for h in host_info.cpu_hosts(host(call))}
    missing = [h for h in host_ids if h not in hosts]
    if missing:
        raise NotFound("host", missing[0])
    return _extended(call, [hosts[h] for h in host_ids])


def get_global_cpu_usage_extended_information(call) -> dict[str, Any]:
    cpus = [c for h in host_info.cpu_hosts(host(call)) for c in h.cpus]
    n = len(cpus) or 1
    five_sec, one_min, five_min = (sum(c.load[i] for c in cpus) // n for i in range(3))
    total = host_info.CpuFigures(len(cpus), (five_sec, one_min, five_min), sum(c.user for c in cpus),
                                 sum(c.system for c in cpus), sum(c.idle for c in cpus))
    # Rolled up over every CPU: a CPU id means nothing here.
    rows = [r for r in _cpu_statistics(total) if r["type"] != "STATISTIC_CPU_INFO_CPU_ID"]
    return {"statistics": rows, "time_stamp": _now(call)}


def get_cpu_usage_information(call) -> dict[str, Any]:
    cpus = [c for h in host_info.cpu_hosts(host(call)) for c in h.cpus]
    usages = [
        {"cpu_id": i, "user": ulong64(c.user), "niced": ulong64(0), "system": ulong64(c.system),
         "idle": ulong64(c.idle), "irq": ulong64(0), "softirq": ulong64(0), "iowait": ulong64(0)}
        for i, c in enumerate(cpus)
    ]
    return {"usages": usages, "time_stamp": _now(call)}


def get_memory_usage_information(call) -> dict[str, Any]:
    mem = host_info.memory(host(call))

    def mb(value: int) -> dict[str, int]:
        return ulong64(value * 1024 * 1024)

    usages = [
        {"subsystem_name": "host", "current_allocated": mb(mem.host_used),
         "maximum_allocated": mb(mem.host_used), "size": mb(mem.host_size)},
        {"subsystem_name": "vcmp guests", "current_allocated": mb(mem.guest_used),
         "maximum_allocated": mb(mem.guest_used), "size": mb(mem.guest_size)},
    ]
    return {"total_memory": mb(mem.total), "used_memory": mb(mem.used), "usages": usages,
            "time_stamp": _now(call)}


def _now(call) -> dict[str, int]:
    return timestamp(call.simulator.system_time.timestamp())
