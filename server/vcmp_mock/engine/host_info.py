"""The host's identity and usage figures, derived from the simulated host.

System.SystemInfo answers from here, so its figures agree with the rest of
the simulation: one CPU host per working blade (or one for an appliance),
as many CPUs as the blade has vCMP cores, busy where a guest VM runs on
them, memory in use as the guests' reservations plus the host's own share.

Identity values (serials, MAC, ids) are derived from the platform and the
seed: stable from run to run, different between seeds. Figures the sources
leave open are ours (marked "modelled"): the host's own memory, the idle
load, the kernel release.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from typing import Any

HZ = 100  # jiffies per second in the cumulative CPU counters
# Modelled: what the host OS keeps beyond the guests' share, and uses.
HOST_RESERVED_MB = 8 * 1024
HOST_USED_MB = 5 * 1024
IDLE_BUSY_PERCENT = 2  # a core no guest runs on
USER_SHARE = 0.8  # of busy time spent in user space

KERNEL_RELEASE = "2.6.32-431.56.1.el6.f5.x86_64"  # modelled: BIG-IP 11.5-13.1 ship a 2.6.32 el6 kernel


@dataclass(frozen=True)
class Identity:
    system_id: str
    guid: str
    base_mac: str
    chassis_serial: str
    host_board_serial: str
    switch_board_serial: str
    annunciator_serial: str  # "" on an appliance


@dataclass(frozen=True)
class CpuFigures:
    cpu_id: int
    load: tuple[int, int, int]  # busy percent over 5 s, 1 min, 5 min
    user: int  # jiffies since boot, like /proc/stat
    system: int
    idle: int

    @property
    def busy_ratio(self) -> int:
        total = self.user + self.system + self.idle
        return (self.user + self.system) * 100 // total if total else 0


@dataclass(frozen=True)
class HostCpus:
    host_id: str
    slot_id: int
    cpus: tuple[CpuFigures, ...]


@dataclass(frozen=True)
class Memory:
    """Over every working blade, in MB."""

    host_size: int  # kept by the host OS for itself
    host_used: int
    guest_size: int  # what guests can reserve: cores x memory per core
    guest_used: int  # reserved by guests now (cores held x memory per core)

    @property
    def total(self) -> int:
        return self.host_size + self.guest_size

    @property
    def used(self) -> int:
        return self.host_used + self.guest_used


def _digest(*parts: Any) -> bytes:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()


def _uuid(raw: bytes) -> str:
    h = raw[:16].hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def identity(host: Any) -> Identity:
    plat, seed = host.platform, host.rng.initial_seed
    mac = _digest(plat.name, seed, "mac")[:3]
    number = zlib.crc32(f"{plat.name}:{seed}:serial".encode()) % 1_000_000
    present = [s for s in host.slots() if s.present]
    board = present[0].serial if present else ""
    if plat.is_chassis:
        chassis_serial, annunciator = f"chs{number:06d}s", f"anc{(number * 7) % 1_000_000:06d}s"
    else:
        chassis_serial, annunciator = f"f5-{number // 1000:03d}{seed % 10}-{number % 10000:04d}", ""
    return Identity(
        system_id=_uuid(_digest(plat.name, seed, "system")).upper(),
        guid=_uuid(_digest(plat.name, seed, "guid")),
        base_mac="00:94:a1:" + ":".join(f"{b:02x}" for b in mac),
        chassis_serial=chassis_serial,
        host_board_serial=board or chassis_serial,
        switch_board_serial=board or chassis_serial,
        annunciator_serial=annunciator,
    )


def host_id(host: Any, slot_id: int) -> str:
    return f"slot{slot_id}" if host.platform.is_chassis else "0"


def cpu_hosts(host: Any) -> list[HostCpus]:
    """One entry per blade that is up (an appliance: one), CPU by CPU."""
    uptime = host.uptime_seconds()
    vms = host.vm_statistics(host.guest_names())
    out = []
    for slot in host.slots():
        if not slot.present or not slot.up:
            continue
        running = {}
        for vm in vms:
            if vm.slot_id == slot.slot_id:
                up_for = next((c.value for c in vm.counters if c.name == "VCMP_UPTIME"), 0)
                for core in parse_cores(vm.core_names):
                    running[core] = ((vm.cpu_usage_recent, vm.cpu_usage_1min, vm.cpu_usage_5mins), up_for)
        cpus = tuple(_cpu(core, uptime, *running.get(core, ((0, 0, 0), 0))) for core in range(slot.blade.cores))
        out.append(HostCpus(host_id(host, slot.slot_id), slot.slot_id, cpus))
    return out


def _cpu(core: int, uptime: int, vm_load: tuple[int, int, int], vm_up_for: int) -> CpuFigures:
    """A core's figures: idle load since boot, the VM's 5-minute load while it ran."""
    five_sec, one_min, five_min = (max(IDLE_BUSY_PERCENT, p) for p in vm_load)
    total = uptime * HZ
    vm_part = min(total, vm_up_for * HZ)
    busy = (total - vm_part) * IDLE_BUSY_PERCENT // 100 + vm_part * vm_load[2] // 100
    user = int(busy * USER_SHARE)
    return CpuFigures(core, (five_sec, one_min, five_min), user, busy - user, total - busy)


def memory(host: Any) -> Memory:
    host_size = host_used = guest_size = guest_used = 0
    for slot in host.slots():
        if not slot.present or not slot.up:
            continue
        per_core = slot.blade.memory_per_core_mb
        host_size += HOST_RESERVED_MB
        host_used += HOST_USED_MB
        guest_size += slot.blade.cores * per_core
        guest_used += (slot.blade.cores - host.free_cores(slot.slot_id)) * per_core
    return Memory(host_size, host_used, guest_size, guest_used)


def parse_cores(names: str) -> list[int]:
    """ "0-2,5" -> [0, 1, 2, 5] (the format of VmStatistics.core_names)."""
    cores: list[int] = []
    for part in filter(None, (p.strip() for p in names.split(","))):
        low, _, high = part.partition("-")
        cores.extend(range(int(low), int(high or low) + 1))
    return cores
