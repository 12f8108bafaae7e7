"""System.VCMP's statistics reads: per-guest VMs, disks, software, prompts,
HA and module provisioning, each with the host's time stamp.

Each ``get_X(guests)`` has a ``get_all_X()`` twin over every guest. Where a
domain record's fields are already the iControl struct's members (software,
prompt), the record itself is returned: the writer reads attributes.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from vcmp_mock.icontrol.services import enums
from vcmp_mock.icontrol.services._common import disk_key, for_each, host, modifies, statistics, timestamp


def _stamped(target, entries: list[Any]) -> dict[str, Any]:
    return {"statistics": entries, "time_stamp": timestamp(target.now_timestamp())}


def _per_guest(call, guests: Sequence[str] | None, read: Callable[[Any, Sequence[str]], list[Any]]):
    """``read`` for the given guests (None: every guest), time-stamped."""
    target = host(call)
    names = target.guest_names() if guests is None else guests
    return _stamped(target, read(target, names))


def _vms(target, names) -> list[dict[str, Any]]:
    return [
        {
            "guest": s.guest,
            "vcmp_id": s.vcmp_id,
            "slot_id": s.slot_id,
            "pid": s.pid,
            "interface_names": s.interface_names,
            "core_names": s.core_names,
            "base_mac": s.base_mac,
            "mac_size": s.mac_size,
            "cores": s.cores,
            "vdisk": s.vdisk,
            "starts": s.starts,
            "retries": s.retries,
            "cpu_usage_recent": s.cpu_usage_recent,
            "cpu_usage_1min": s.cpu_usage_1min,
            "cpu_usage_5mins": s.cpu_usage_5mins,
            "update_time": s.update_time,
            "statistics": statistics(s.counters),
        }
        for s in target.vm_statistics(names)
    ]


def _ha(target, names) -> list[dict[str, Any]]:
    return [
        {
            "guest": r.guest,
            "peer": r.peer,
            "slot": r.slot,
            "ha_feature": "FEATURE_" + r.feature,
            "key": r.key,
            "action": enums.HA_ACTION.wire(r.action),
            "enabled": r.enabled,
            "take_action": r.take_action,
            "process": r.process,
            "client_data": r.client_data,
            "timeout": r.timeout,
            "failure": r.failure,
        }
        for r in target.ha_records(names)
    ]


def _modules(target, names) -> list[dict[str, Any]]:
    return [
        {"guest": r.guest, "module_name": r.module_name, "provision_level": "PROVISION_LEVEL_" + r.level}
        for r in target.module_provision_records(names)
    ]


def _software(target, names) -> list[Any]:
    return target.software_records(names)


def _prompts(target, names) -> list[Any]:
    return target.prompt_records(names)


def get_statistics(call, guests) -> dict[str, Any]:
    return _per_guest(call, guests, _vms)


def get_all_statistics(call) -> dict[str, Any]:
    return _per_guest(call, None, _vms)


@modifies
def reset_statistics(call, guests) -> None:
    for_each(call, host(call).reset_statistics, guests)


def get_software_statistics(call, guests) -> dict[str, Any]:
    return _per_guest(call, guests, _software)


def get_all_software_statistics(call) -> dict[str, Any]:
    return _per_guest(call, None, _software)


def get_prompt_statistics(call, guests) -> dict[str, Any]:
    return _per_guest(call, guests, _prompts)


def get_all_prompt_statistics(call) -> dict[str, Any]:
    return _per_guest(call, None, _prompts)


def get_ha_status_statistics(call, guests) -> dict[str, Any]:
    return _per_guest(call, guests, _ha)


def get_all_ha_status_statistics(call) -> dict[str, Any]:
    return _per_guest(call, None, _ha)


def get_module_provision_statistics(call, guests) -> dict[str, Any]:
    return _per_guest(call, guests, _modules)


def get_all_module_provision_statistics(call) -> dict[str, Any]:
    return _per_guest(call, None, _modules)


# --- virtual disks ------------------------------------------------------------------


def _disks(target, keys) -> dict[str, Any]:
    entries = [
        {
            "disk": {"slot_id": s.key.slot_id, "filename": s.key.filename},
            "os": enums.OPERATING_SYSTEM.wire(s.os),
            "status": enums.DISK_STATUS.wire(s.status),
            "statistics": statistics(s.counters),
        }
        for s in target.disk_statistics(keys)
    ]
    return _stamped(target, entries)


def get_all_virtual_disk_statistics(call) -> dict[str, Any]:
    target = host(call)
    return _disks(target, [d.key for d in target.disks()])


def get_virtual_disk_statistics(call, disks) -> dict[str, Any]:
    return _disks(host(call), [disk_key(d) for d in disks])
