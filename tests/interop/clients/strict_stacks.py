"""What the Axis and .NET drivers share: WSDL download, their report, and the expectations.

``VcmpDriver.java`` and ``VcmpDriver.cs`` run the same script and print the
same ``key<TAB>value`` lines; the two test modules check them against the
tables here, so the two strict stacks are held to one standard.
"""

from __future__ import annotations

import base64
import json
import ssl
import urllib.request
from collections import defaultdict
from pathlib import Path

from vcmp_mock.icontrol.interfaces import INTERFACES
from support.statuses import UPWARD  # noqa: F401  (re-exported)


# write.<label> lines: the operations each proves (by its read-back) and that read-back.
WRITES: dict[str, tuple[tuple[str, ...], object]] = {
    "add_remove_vlan": (("add_vlan", "remove_vlan"), [["vlan40"]]),
    "remove_all_vlans": (("remove_all_vlans",), [[]]),
    "set_hostname": (("set_hostname",), ["renamed.example.com"]),
    "set_initial_image": (("set_initial_image",), ["BIGIP-12.1.2.0.0.249.iso"]),
    "set_management_address": (("set_management_address",), [{"address": "192.0.2.5", "netmask": "255.255.0.0"}]),
    "set_management_gateway": (("set_management_gateway",), ["192.0.2.1"]),
    "set_network_mode": (("set_network_mode",), ["VCMP_NETWORK_MODE_HOST_ONLY"]),
    "set_ssl_mode": (("set_ssl_mode",), ["VCMP_SSL_MODE_DEDICATED"]),
    "set_fips_name": (("set_fips_name",), ["fips-1"]),
    "set_virtual_disk": (("set_virtual_disk",), ["custom.img"]),
    "set_slot_allocation": (("set_slot_allocation",), [4]),
    "set_guest_min_slots": (("set_guest_min_slots",), [2]),
    "set_guest_slots": (("set_guest_slots",), [3]),
    "set_guest_allowed_slots": (("set_guest_allowed_slots",), [[2, 3, 4]]),
    "set_guest_cores_per_slot": (("set_guest_cores_per_slot",), [6]),
    "set_capability_value": (("add_capability", "set_capability_value"), [[{"high": 3, "low": 4}]]),
    "remove_capability": (("remove_capability",), [[]]),
    "remove_all_capabilities": (("remove_all_capabilities",), [[]]),
    "reset_statistics": (("reset_statistics",), []),  # a configured guest runs no VM
    "set_cluster_enabled_state": (("set_cluster_enabled_state",), ["STATE_ENABLED"]),  # obsolete: ignored
    "set_member_enabled_state": (("set_member_enabled_state",), [["STATE_DISABLED"]]),
    "set_member_priming_state": (("set_member_priming_state",), [["STATE_ENABLED"]]),
    "set_min_up_members": (("set_min_up_members",), [2]),
    "set_min_up_members_action": (("set_min_up_members_action",), ["HA_ACTION_REBOOT"]),
    "set_min_up_members_state": (("set_min_up_members_state",), ["STATE_ENABLED"]),
    "delete_all_guests": (("delete_all_guests",), []),
    "delete_all_virtual_disks": (("delete_all_virtual_disks",), []),
}

# Operations the lifecycle part proves with its own keys: create (list),
# set_guest_state (state), delete_guest (list_after_delete), and the faults.
LIFECYCLE = ("create", "set_guest_state", "delete_guest", "delete_virtual_disk", "set_current_primary_slot")


def download_wsdl(url: str, name: str, target: Path) -> Path:
    """The WSDL the portal serves for ``name``, saved to ``target``."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(f"{url}?WSDL={name}")
    request.add_header("Authorization", "Basic " + base64.b64encode(b"admin:admin").decode())
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        target.write_bytes(response.read())
    return target


def parse(stdout: str) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = defaultdict(list)
    for line in stdout.splitlines():
        key, _, value = line.partition("\t")
        lines[key].append(value)
    return lines


def one(report: dict[str, list[str]], key: str) -> str:
    (value,) = report[key]
    return value


def reads(report: dict[str, list[str]], interface: str) -> dict[str, str]:
    """``read.<interface>.<op>`` lines: op -> the JSON text (or ``FAULT ...``)."""
    prefix = f"read.{interface}."
    return {key[len(prefix):]: values[-1] for key, values in report.items() if key.startswith(prefix)}


def decoded_reads(report: dict[str, list[str]], interface: str) -> dict[str, object]:
    return {name: json.loads(text) for name, text in reads(report, interface).items()}


def read_operations(interface: str) -> set[str]:
    return {op.name for op in INTERFACES[interface].operations if op.name.startswith(("get_", "is_"))}


def writes(report: dict[str, list[str]]) -> dict[str, object]:
    return {key[len("write."):]: json.loads(values[-1]) for key, values in report.items() if key.startswith("write.")}


def proven_operations(report: dict[str, list[str]], lifecycle_extra: tuple[str, ...]) -> set[tuple[str, str]]:
    """(interface, operation) of everything the report shows was called and took effect."""
    cluster = {op.name for op in INTERFACES["System.Cluster"].operations}
    done = {("System.VCMP", op) for op in reads(report, "System.VCMP")}
    done |= {("System.Cluster", op) for op in reads(report, "System.Cluster")}
    for label in writes(report):
        for op in WRITES[label][0]:
            done.add(("System.Cluster" if op in cluster else "System.VCMP", op))
    for op in (*LIFECYCLE, *lifecycle_extra):
        done.add(("System.Cluster" if op in cluster else "System.VCMP", op))
    return done


def catalogue() -> set[tuple[str, str]]:
    return {(name, op.name) for name in ("System.VCMP", "System.Cluster") for op in INTERFACES[name].operations}
