"""Statistics the host reports, computed from its state when asked.

Nothing here draws random numbers: the per-VM figures drawn when a VM
boots (pid, typical load, packet rate) are stretched over time with plain
arithmetic, so two reads at the same instant agree and reads never change
the host. Field formats the sources leave open (``core_names``,
``interface_names``, prompts) are our inference; see docs/lifecycle.md.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from vcmp_mock.domain.chassis import Chassis
from vcmp_mock.domain.disks import Disk
from vcmp_mock.domain.guest import Guest, SlotRun
from vcmp_mock.domain.lifecycle import Phase
from vcmp_mock.domain.model import (
    DiskStatistics,
    HAAction,
    HARecord,
    ModuleProvisionRecord,
    PromptRecord,
    SoftwareRecord,
    Statistic,
    Timestamp,
    VmStatistics,
)
from vcmp_mock.domain.timing import Timing

MAC_BLOCK = 8  # MAC addresses set aside per guest
BYTES_PER_PACKET = 620
MODULES = ("afm", "am", "apm", "asm", "avr", "dos", "fps", "gtm", "ilx", "lc", "ltm", "pem", "swg", "urldb")
_IMAGE = re.compile(r"(?:BIGIP-)?(\d+(?:\.\d+){2,3})[-.](\d+\.\d+\.\d+)", re.IGNORECASE)


def timestamp(now: float) -> Timestamp:
    t = datetime.fromtimestamp(int(now), tz=timezone.utc)
    return Timestamp(t.year, t.month, t.day, t.hour, t.minute, t.second)


def core_names(cores: tuple[int, ...]) -> str:
    """Core numbers on the blade as ranges: (0, 1, 2, 5) -> "0-2,5"."""
    parts: list[str] = []
    for core in cores:
        if parts and core == int(parts[-1].split("-")[-1]) + 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{core}"
        else:
            parts.append(str(core))
    return ",".join(parts)


def image_version(image: str) -> tuple[str, str]:
    """("13.1.0.8", "0.0.3") from "BIGIP-13.1.0.8-0.0.3.iso"; ("", "") if unknown."""
    match = _IMAGE.search(image)
    return (match.group(1), match.group(2)) if match else ("", "")


def _wobble(seed: int, now: float, period: int) -> int:
    """A small, repeatable swing (-3..+3) that changes every ``period`` seconds."""
    return (seed * 7919 + int(now) // period * 104729) % 7 - 3


def vm_record(guest: Guest, run: SlotRun, now: float, chassis: Chassis, disk_used_mb: int) -> VmStatistics:
    running = run.running_since is not None
    booting = run.phase is Phase.STARTING
    up_for = int(now - run.running_since) if running else 0
    counting = max(0.0, now - max(run.running_since, guest.stats_since)) if running else 0.0
    packets = int(counting * run.packet_rate)
    blade = chassis.slot(run.slot_id).blade
    memory_mb = len(run.cores) * (blade.memory_per_core_mb if blade else 0)
    if running:
        cpu = [max(0, min(100, run.load + _wobble(run.pid, now, p))) for p in (5, 60, 300)]
    else:
        cpu = [70, 45, 12] if booting else [0, 0, 0]
    counters = (
        Statistic("VCMP_DISK_USE", disk_used_mb * 1024 * 1024),
        Statistic("VCMP_MEMORY_USE", memory_mb * 1024 * 1024 * 6 // 10 if running else 0),
        Statistic("VCMP_UPTIME", up_for),
        Statistic("VCMP_PACKETS_IN", packets),
        Statistic("VCMP_BYTES_IN", packets * BYTES_PER_PACKET),
        Statistic("VCMP_PACKETS_OUT", packets * 9 // 10),
        Statistic("VCMP_BYTES_OUT", packets * 9 // 10 * BYTES_PER_PACKET),
        Statistic("VCMP_MULTICASTS_IN", packets // 500),
        Statistic("VCMP_MULTICASTS_OUT", packets // 900),
        Statistic("VCMP_DROPS_IN", packets // 20000),
        Statistic("VCMP_DROPS_OUT", 0),
        Statistic("VCMP_RED_PACKETS_IN", 0),
    )
    return VmStatistics(
        guest=guest.name, vcmp_id=guest.vcmp_id, slot_id=run.slot_id, pid=run.pid,
        interface_names=",".join(guest.vlans), core_names=core_names(run.cores),
        base_mac=guest.base_mac, mac_size=MAC_BLOCK, cores=len(run.cores), vdisk=run.disk.filename,
        starts=run.starts, retries=run.retries, cpu_usage_recent=cpu[0], cpu_usage_1min=cpu[1],
        cpu_usage_5mins=cpu[2], update_time=int(now), counters=counters,
    )


def disk_record(disk: Disk) -> DiskStatistics:
    used = Statistic("VIRTUAL_DISK_DISK_USE", disk.used_mb * 1024 * 1024)
    return DiskStatistics(disk.key, disk.os, disk.status, (used,))


def software_record(guest: Guest, run: SlotRun, disk: Disk, percent: int | None) -> SoftwareRecord:
    """What is installed on the slot's disk; ``percent`` while installing."""
    version, build = image_version(disk.image)
    if percent is not None:
        return SoftwareRecord(guest.name, run.slot_id, "HD1.1", "BIG-IP", version, build, False,
                              f"installing {percent}.000 pct")
    return SoftwareRecord(guest.name, run.slot_id, "HD1.1", "BIG-IP", version, build, True, "complete")


def prompt_record(guest: Guest, run: SlotRun, clustered: bool) -> PromptRecord:
    if not clustered:
        return PromptRecord(guest.name, run.slot_id, "Active:Standalone")
    role = "P" if run.slot_id == min(guest.runs) else "S"
    return PromptRecord(guest.name, run.slot_id, f"/S{run.slot_id}-green-{role}:Active:Standalone")


def ha_records(guest: Guest, run: SlotRun) -> list[HARecord]:
    def row(feature: str, key: str, action: HAAction, process: str, timeout: int) -> HARecord:
        return HARecord(guest.name, False, run.slot_id, feature, key, action, True, True, process, 0, timeout, False)

    return [
        row("DAEMON_HEARTBEAT", "mcpd", HAAction.RESTART_ALL, "mcpd", 300),
        row("DAEMON_HEARTBEAT", "tmm", HAAction.FAILOVER_RESTART, "tmm", 10),
        row("CLUSTER_TIME_SYNC", "cluster-time-sync", HAAction.NONE, "", 0),
    ]


def module_records(guest: Guest) -> list[ModuleProvisionRecord]:
    return [ModuleProvisionRecord(guest.name, m, "NOMINAL" if m == "ltm" else "NONE") for m in MODULES]


def install_percent(run: SlotRun, now: float, timing: Timing) -> int:
    step = run.step
    return timing.percent(now - step.start, step.span, step.cap)
