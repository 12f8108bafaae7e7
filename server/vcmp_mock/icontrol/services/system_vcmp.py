"""System.VCMP (and its alias Management.VCMP): thin adapters over the host.

Each function serves the operation of the same name. Parameters arrive
decoded in WSDL order after the ``Call``; results are returned as plain
values and dicts named like the iControl struct members.
"""

from __future__ import annotations

from typing import Any, Sequence

from vcmp_mock.domain.errors import NotFound
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.model import DiskKey, ManagementAddress
from vcmp_mock.icontrol.interfaces.base import version_key
from vcmp_mock.icontrol.services import enums
from vcmp_mock.icontrol.services._common import (
    aligned,
    for_each,
    from_ulong64,
    host,
    member,
    modifies,
    statistics,
    timestamp,
    ulong64,
)

# Before 12.1 delete_guest removed the guest's virtual disks too; from 12.1
# on it detaches them and they must be deleted on their own.
_DETACHES_DISKS_SINCE = version_key("12.1.0")


def get_version(call) -> str:
    return f"BIG-IP_v{call.bigip_version}"


# --- guests: create, list, delete -------------------------------------------


def get_list(call) -> list[str]:
    return host(call).guest_names()


@modifies
def create(call, guests, hostnames, images, addresses, gateways, vlans) -> None:
    aligned("guests", guests, hostnames=hostnames, images=images, addresses=addresses,
            gateways=gateways, vlans=vlans)
    specs = [
        GuestSpec(
            name=name,
            hostname=hostname or "",
            initial_image=image or "",
            management=_address(address),
            gateway=gateway or "",
            vlans=tuple(guest_vlans),
        )
        for name, hostname, image, address, gateway, guest_vlans in zip(
            guests, hostnames, images, addresses, gateways, vlans
        )
    ]
    for_each(call, host(call).create_guest, specs)


@modifies
def delete_guest(call, guests) -> None:
    target = host(call)
    with target.atomic():
        for name in guests:
            _delete_one(call, name)


@modifies
def delete_all_guests(call) -> None:
    target = host(call)
    with target.atomic():
        for name in target.guest_names():
            _delete_one(call, name)


def _delete_one(call, name: str) -> None:
    target = host(call)
    if version_key(call.bigip_version) >= _DETACHES_DISKS_SINCE:
        target.delete_guest(name)
        return
    owned = [disk.key for disk in target.disks() if disk.guest == name]
    target.delete_guest(name)
    for key in owned:
        target.delete_disk(key)


# --- simple per-guest attributes ---------------------------------------------


def _views(call, guests: Sequence[str]):
    target = host(call)
    return [target.guest(name) for name in guests]


def get_hostname(call, guests) -> list[str]:
    return [view.hostname for view in _views(call, guests)]


@modifies
def set_hostname(call, guests, hostnames) -> None:
    aligned("guests", guests, hostnames=hostnames)
    for_each(call, host(call).set_hostname, guests, [h or "" for h in hostnames])


def get_initial_image(call, guests) -> list[str]:
    return [view.initial_image for view in _views(call, guests)]


@modifies
def set_initial_image(call, guests, images) -> None:
    aligned("guests", guests, images=images)
    for_each(call, host(call).set_initial_image, guests, [i or "" for i in images])


def get_management_address(call, guests) -> list[dict[str, str]]:
    return [
        {"address": view.management.address, "netmask": view.management.netmask}
        for view in _views(call, guests)
    ]


@modifies
def set_management_address(call, guests, addresses) -> None:
    aligned("guests", guests, addresses=addresses)
    for_each(call, host(call).set_management_address, guests, [_address(a) for a in addresses])


def get_management_gateway(call, guests) -> list[str]:
    return [view.gateway for view in _views(call, guests)]


@modifies
def set_management_gateway(call, guests, gateways) -> None:
    aligned("guests", guests, gateways=gateways)
    for_each(call, host(call).set_management_gateway, guests, [g or "" for g in gateways])


def get_network_mode(call, guests) -> list[str]:
    return [enums.NETWORK_MODE.wire(view.network_mode) for view in _views(call, guests)]


@modifies
def set_network_mode(call, guests, modes) -> None:
    aligned("guests", guests, modes=modes)
    values = [enums.NETWORK_MODE.domain(m, "modes") for m in modes]
    for_each(call, host(call).set_network_mode, guests, values)


def get_ssl_mode(call, guests) -> list[str]:
    return [enums.SSL_MODE.wire(view.ssl_mode) for view in _views(call, guests)]


@modifies
def set_ssl_mode(call, guests, modes) -> None:
    aligned("guests", guests, modes=modes)
    values = [enums.SSL_MODE.domain(m, "modes") for m in modes]
    for_each(call, host(call).set_ssl_mode, guests, values)


def get_fips_name(call, guests) -> list[str]:
    return [view.fips_name for view in _views(call, guests)]


@modifies
def set_fips_name(call, guests, fips_names) -> None:
    aligned("guests", guests, fips_names=fips_names)
    for_each(call, host(call).set_fips_name, guests, [f or "" for f in fips_names])


def get_virtual_disk(call, guests) -> list[str]:
    return [view.virtual_disk for view in _views(call, guests)]


@modifies
def set_virtual_disk(call, guests, disks) -> None:
    aligned("guests", guests, disks=disks)
    for_each(call, host(call).set_virtual_disk, guests, [d or "" for d in disks])


# --- VLANs ---------------------------------------------------------------------


def get_vlan(call, guests) -> list[list[str]]:
    return [list(view.vlans) for view in _views(call, guests)]


@modifies
def add_vlan(call, guests, vlans) -> None:
    aligned("guests", guests, vlans=vlans)
    for_each(call, host(call).add_vlans, guests, vlans)


@modifies
def remove_vlan(call, guests, vlans) -> None:
    aligned("guests", guests, vlans=vlans)
    for_each(call, host(call).remove_vlans, guests, vlans)


@modifies
def remove_all_vlans(call, guests) -> None:
    for_each(call, host(call).remove_all_vlans, guests)


# --- placement --------------------------------------------------------------------


def get_slot_allocation(call, guests) -> list[str]:
    return [enums.SLOT_ALLOCATION.wire(view.slot_allocation) for view in _views(call, guests)]


@modifies
def set_slot_allocation(call, guests, allocs) -> None:
    aligned("guests", guests, allocs=allocs)
    values = [enums.SLOT_ALLOCATION.domain(a, "allocs") for a in allocs]
    for_each(call, host(call).set_slot_allocation, guests, values)


def get_guest_slots(call, guests) -> list[int]:
    return [view.slots for view in _views(call, guests)]


@modifies
def set_guest_slots(call, guests, slots) -> None:
    aligned("guests", guests, slots=slots)
    for_each(call, host(call).set_slots, guests, slots)


def get_guest_min_slots(call, guests) -> list[int]:
    return [view.min_slots for view in _views(call, guests)]


@modifies
def set_guest_min_slots(call, guests, min_slots) -> None:
    aligned("guests", guests, min_slots=min_slots)
    for_each(call, host(call).set_min_slots, guests, min_slots)


def get_guest_allowed_slots(call, guests) -> list[list[int]]:
    return [list(view.allowed_slots) for view in _views(call, guests)]


@modifies
def set_guest_allowed_slots(call, guests, allowed_slots) -> None:
    aligned("guests", guests, allowed_slots=allowed_slots)
    for_each(call, host(call).set_allowed_slots, guests, allowed_slots)


def get_guest_assigned_slots(call, guests) -> list[list[int]]:
    return [list(view.assigned_slots) for view in _views(call, guests)]


def get_guest_cores_per_slot(call, guests) -> list[int]:
    return [view.cores_per_slot for view in _views(call, guests)]


@modifies
def set_guest_cores_per_slot(call, guests, cores_per_slots) -> None:
    aligned("guests", guests, cores_per_slots=cores_per_slots)
    for_each(call, host(call).set_cores_per_slot, guests, cores_per_slots)


# --- lifecycle ------------------------------------------------------------------------


def get_guest_state(call, guests) -> list[str]:
    return [enums.GUEST_STATE.wire(view.requested_state) for view in _views(call, guests)]


@modifies
def set_guest_state(call, guests, states) -> None:
    aligned("guests", guests, states=states)
    values = [enums.GUEST_STATE.domain(s, "states") for s in states]
    for_each(call, host(call).set_requested_state, guests, values)


def get_completion_status(call, guests) -> list[list[dict[str, Any]]]:
    target = host(call)
    return [
        [
            {
                "slot_id": record.slot_id,
                "requested_state": enums.GUEST_STATE.wire(record.requested_state),
                "request_complete": record.request_complete,
                "status": enums.SLOT_STATUS.wire(record.status),
                "comment": record.comment,
            }
            for record in target.completion_status(name)
        ]
        for name in guests
    ]


# --- capabilities -----------------------------------------------------------------------


def get_capability(call, guests) -> list[list[str]]:
    return [
        [enums.CAPABILITY.wire(cap) for cap, _ in view.capabilities]
        for view in _views(call, guests)
    ]


def get_capability_value(call, guests, capabilities) -> list[list[dict[str, int]]]:
    aligned("guests", guests, capabilities=capabilities)
    result = []
    for view, wanted in zip(_views(call, guests), capabilities):
        values = dict(view.capabilities)
        row = []
        for wire in wanted:
            cap = enums.CAPABILITY.domain(wire, "capabilities")
            if cap not in values:
                raise NotFound("capability", f"{wire} of vCMP guest {view.name}")
            row.append(ulong64(values[cap]))
        result.append(row)
    return result


def _capability_rows(capabilities, values) -> list[list[tuple[Any, int]]]:
    aligned("capabilities", capabilities, values=values)
    rows = []
    for caps, vals in zip(capabilities, values):
        aligned("capabilities", caps, values=vals)
        rows.append(
            [(enums.CAPABILITY.domain(c, "capabilities"), from_ulong64(v)) for c, v in zip(caps, vals)]
        )
    return rows


@modifies
def add_capability(call, guests, capabilities, values) -> None:
    aligned("guests", guests, capabilities=capabilities, values=values)
    for_each(call, host(call).add_capabilities, guests, _capability_rows(capabilities, values))


@modifies
def set_capability_value(call, guests, capabilities, values) -> None:
    aligned("guests", guests, capabilities=capabilities, values=values)
    for_each(call, host(call).set_capability_values, guests, _capability_rows(capabilities, values))


@modifies
def remove_capability(call, guests, capabilities) -> None:
    aligned("guests", guests, capabilities=capabilities)
    rows = [[enums.CAPABILITY.domain(c, "capabilities") for c in caps] for caps in capabilities]
    for_each(call, host(call).remove_capabilities, guests, rows)


@modifies
def remove_all_capabilities(call, guests) -> None:
    for_each(call, host(call).remove_all_capabilities, guests)


# --- virtual disks -----------------------------------------------------------------------


def _disk_key(disk) -> DiskKey:
    return DiskKey(int(member(disk, "slot_id")), member(disk, "filename") or "")


def get_virtual_disk_list(call) -> list[dict[str, Any]]:
    return [{"slot_id": d.key.slot_id, "filename": d.key.filename} for d in host(call).disks()]


@modifies
def delete_virtual_disk(call, disks) -> None:
    for_each(call, host(call).delete_disk, [_disk_key(d) for d in disks])


@modifies
def delete_all_virtual_disks(call) -> None:
    target = host(call)
    with target.atomic():
        target.delete_all_disks()


def get_all_virtual_disk_statistics(call) -> dict[str, Any]:
    target = host(call)
    return _disk_statistics(target, [d.key for d in target.disks()])


def get_virtual_disk_statistics(call, disks) -> dict[str, Any]:
    return _disk_statistics(host(call), [_disk_key(d) for d in disks])


def _disk_statistics(target, keys) -> dict[str, Any]:
    entries = [
        {
            "disk": {"slot_id": s.key.slot_id, "filename": s.key.filename},
            "os": enums.OPERATING_SYSTEM.wire(s.os),
            "status": enums.DISK_STATUS.wire(s.status),
            "statistics": statistics(s.counters),
        }
        for s in target.disk_statistics(keys)
    ]
    return {"statistics": entries, "time_stamp": timestamp(target.now_timestamp())}


# --- statistics ---------------------------------------------------------------------------


def _stamped(target, entries) -> dict[str, Any]:
    return {"statistics": entries, "time_stamp": timestamp(target.now_timestamp())}


def _vm_statistics(target, names) -> dict[str, Any]:
    entries = [
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
    return _stamped(target, entries)


def get_statistics(call, guests) -> dict[str, Any]:
    return _vm_statistics(host(call), guests)


def get_all_statistics(call) -> dict[str, Any]:
    target = host(call)
    return _vm_statistics(target, target.guest_names())


@modifies
def reset_statistics(call, guests) -> None:
    for_each(call, host(call).reset_statistics, guests)


def _software(target, names) -> dict[str, Any]:
    entries = [
        {
            "guest": r.guest,
            "slot_id": r.slot_id,
            "volume": r.volume,
            "product": r.product,
            "version": r.version,
            "build": r.build,
            "active": r.active,
            "status": r.status,
        }
        for r in target.software_records(names)
    ]
    return _stamped(target, entries)


def get_software_statistics(call, guests) -> dict[str, Any]:
    return _software(host(call), guests)


def get_all_software_statistics(call) -> dict[str, Any]:
    target = host(call)
    return _software(target, target.guest_names())


def _prompts(target, names) -> dict[str, Any]:
    entries = [
        {"guest": r.guest, "slot_id": r.slot_id, "prompt": r.prompt}
        for r in target.prompt_records(names)
    ]
    return _stamped(target, entries)


def get_prompt_statistics(call, guests) -> dict[str, Any]:
    return _prompts(host(call), guests)


def get_all_prompt_statistics(call) -> dict[str, Any]:
    target = host(call)
    return _prompts(target, target.guest_names())


def _ha(target, names) -> dict[str, Any]:
    entries = [
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
    return _stamped(target, entries)


def get_ha_status_statistics(call, guests) -> dict[str, Any]:
    return _ha(host(call), guests)


def get_all_ha_status_statistics(call) -> dict[str, Any]:
    target = host(call)
    return _ha(target, target.guest_names())


def _modules(target, names) -> dict[str, Any]:
    entries = [
        {"guest": r.guest, "module_name": r.module_name, "provision_level": "PROVISION_LEVEL_" + r.level}
        for r in target.module_provision_records(names)
    ]
    return _stamped(target, entries)


def get_module_provision_statistics(call, guests) -> dict[str, Any]:
    return _modules(host(call), guests)


def get_all_module_provision_statistics(call) -> dict[str, Any]:
    target = host(call)
    return _modules(target, target.guest_names())


# --- helpers ------------------------------------------------------------------------------


def _address(value) -> ManagementAddress:
    if value is None:
        return ManagementAddress("", "")
    return ManagementAddress(member(value, "address") or "", member(value, "netmask") or "")
