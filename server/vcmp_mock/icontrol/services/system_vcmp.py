"""System.VCMP (and its alias Management.VCMP): thin adapters over the host.

Each function serves the operation of the same name. Parameters arrive
decoded in WSDL order after the ``Call``; results are returned as plain
values and dicts named like the iControl struct members.
"""

from __future__ import annotations

from typing import Any, Sequence

from vcmp_mock.domain.errors import NotFound
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.model import ManagementAddress
from vcmp_mock.icontrol.interfaces.base import version_key
from vcmp_mock.icontrol.services import enums
from vcmp_mock.icontrol.services._common import (
    aligned,
    disk_key,
    for_each,
    from_ulong64,
    host,
    member,
    modifies,
    ulong64,
)

# The statistics operations live in their own module; the names are
# re-exported here because this module is System.VCMP's handler table.
from vcmp_mock.icontrol.services.vcmp_statistics import (  # noqa: E402,F401
    get_all_ha_status_statistics,
    get_all_module_provision_statistics,
    get_all_prompt_statistics,
    get_all_software_statistics,
    get_all_statistics,
    get_all_virtual_disk_statistics,
    get_ha_status_statistics,
    get_module_provision_statistics,
    get_prompt_statistics,
    get_software_statistics,
    get_statistics,
    get_virtual_disk_statistics,
    reset_statistics,
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


def get_virtual_disk_list(call) -> list[dict[str, Any]]:
    return [{"slot_id": d.key.slot_id, "filename": d.key.filename} for d in host(call).disks()]


@modifies
def delete_virtual_disk(call, disks) -> None:
    for_each(call, host(call).delete_disk, [disk_key(d) for d in disks])


@modifies
def delete_all_virtual_disks(call) -> None:
    target = host(call)
    with target.atomic():
        target.delete_all_disks()


# --- helpers ------------------------------------------------------------------------------


def _address(value) -> ManagementAddress:
    if value is None:
        return ManagementAddress("", "")
    return ManagementAddress(member(value, "address") or "", member(value, "netmask") or "")
