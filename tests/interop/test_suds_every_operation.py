"""Plain suds against a live portal: every System.VCMP and System.Cluster operation.

This is how automation written straight on suds (F5's pycontrol 2 style)
talks to a BIG-IP: a ``suds.client.Client`` per interface built from the WSDL
the portal serves (``?WSDL=System.VCMP``, fetched after a 401 challenge), the
SOAP encoding schema from suds' own store (bigsuds' ImportDoctor), Basic
credentials answered by urllib. Flat arrays are plain lists; nested arrays
are factory-made sequences whose ``items`` hold the rows, since suds cannot
tell a list of lists apart.

Every test asserts on what a client relies on: a change is visible in later
reads, a refusal is a fault naming the exception and leaves state alone.
``test_every_catalogue_operation_was_called`` (last) checks that the tests of
this module reached every operation of both interfaces.
"""

from __future__ import annotations

from typing import Any

import pytest

suds_client = pytest.importorskip("suds.client", reason="suds-community is a test extra")

from suds import WebFault  # noqa: E402
from suds.xsd.doctor import Import, ImportDoctor  # noqa: E402

from support.clients import UnverifiedHttps, plain  # noqa: E402
from vcmp_mock.icontrol.interfaces import INTERFACES  # noqa: E402

pytestmark = pytest.mark.interop

COVERED = ("System.VCMP", "System.Cluster")
# (interface, operation) of every call that reached the portal.
CALLED: set[tuple[str, str]] = set()

DEPLOYED = "VCMP_GUEST_STATE_DEPLOYED"
PROVISIONED = "VCMP_GUEST_STATE_PROVISIONED"
CONFIGURED = "VCMP_GUEST_STATE_CONFIGURED"
APPLIANCE = "VCMP_CAPABILITY_APPLIANCE_MODE"
STATS_ISOLATED = "VCMP_CAPABILITY_STATS_ISOLATED_MODE"


class Interface:
    """A suds client on the WSDL the portal serves for ``name``; calls are recorded."""

    def __init__(self, url: str, name: str) -> None:
        encoding = Import("http://schemas.xmlsoap.org/soap/encoding/")
        encoding.filter.add("urn:iControl")
        self.name = name
        self.client = suds_client.Client(
            f"{url}?WSDL={name}",
            transport=UnverifiedHttps(username="admin", password="admin"),
            doctor=ImportDoctor(encoding),
            cache=None,
        )
        # iControl type names are dotted; suds would read the dots as paths.
        self.client.factory.separator("_")

    def __getattr__(self, operation: str):
        method = getattr(self.client.service, operation)

        def call(*args):
            CALLED.add((self.name, operation))
            return plain(method(*args))

        return call

    def rows(self, sequence_type: str, rows: list[list[Any]]) -> list[Any]:
        """A nested array argument: one factory-made ``sequence_type`` per row."""
        out = []
        for row in rows:
            sequence = self.client.factory.create(sequence_type)
            sequence.items = row
            out.append(sequence)
        return out

    def fault(self, operation: str, *args) -> str:
        """Call ``operation`` expecting a SOAP fault; returns its faultstring."""
        with pytest.raises(WebFault) as raised:
            getattr(self, operation)(*args)
        return str(raised.value.fault.faultstring)


@pytest.fixture(scope="module")
def clients(server):
    return {name: Interface(server.url, name) for name in (*COVERED, "Management.VCMP")}


@pytest.fixture
def vcmp(clients, server):
    server.sim.reset()
    return clients["System.VCMP"]


@pytest.fixture
def cluster(clients, server):
    server.sim.reset()
    return clients["System.Cluster"]


def create(vcmp: Interface, *names: str) -> None:
    vcmp.create(
        list(names),
        [f"{n}.example.com" for n in names],
        ["BIGIP-13.1.0.0.0.1868.iso"] * len(names),
        [{"address": f"10.0.0.{11 + i}", "netmask": "255.255.255.0"} for i in range(len(names))],
        ["10.0.0.1"] * len(names),
        vcmp.rows("Common.StringSequence", [["vlan10", "vlan20"]] * len(names)),
    )


def poll(vcmp: Interface, sim, guest: str, holds_slots: bool = True, step: float = 30.0) -> list:
    """Poll get_completion_status as a client does, moving the clock between polls."""
    for _ in range(200):
        (records,) = vcmp.get_completion_status([guest])
        if bool(records) == holds_slots and all(r["request_complete"] for r in records):
            return records
        sim.clock.advance(step)
    raise AssertionError(f"{guest} never completed: {records}")


def assert_operation_failed(text: str, operation: str, code: str, *words: str) -> None:
    assert text.startswith(f"Exception caught in System::urn:iControl:System/VCMP::{operation}()\n")
    assert "Exception: Common::OperationFailed" in text
    assert f"({code})" in text
    for word in words:
        assert word in text


# --- System.VCMP: guests and their attributes -----------------------------------------


def test_version_and_an_empty_host(vcmp):
    assert vcmp.get_version() == "BIG-IP_v13.1.0"
    assert vcmp.get_list() == []
    assert vcmp.get_virtual_disk_list() == []


def test_create_gives_configured_guests_with_defaults(vcmp):
    create(vcmp, "g1", "g2")
    guests = ["g1", "g2"]
    assert vcmp.get_list() == guests
    assert vcmp.get_hostname(guests) == ["g1.example.com", "g2.example.com"]
    assert vcmp.get_initial_image(guests) == ["BIGIP-13.1.0.0.0.1868.iso"] * 2
    assert vcmp.get_management_address(guests) == [
        {"address": "10.0.0.11", "netmask": "255.255.255.0"},
        {"address": "10.0.0.12", "netmask": "255.255.255.0"},
    ]
    assert vcmp.get_management_gateway(guests) == ["10.0.0.1", "10.0.0.1"]
    assert vcmp.get_vlan(guests) == [["vlan10", "vlan20"]] * 2
    assert vcmp.get_guest_state(guests) == [CONFIGURED] * 2
    assert vcmp.get_network_mode(guests) == ["VCMP_NETWORK_MODE_BRIDGED"] * 2
    assert vcmp.get_ssl_mode(guests) == ["VCMP_SSL_MODE_SHARED"] * 2
    assert vcmp.get_slot_allocation(guests) == ["VCMP_SLOT_ALLOCATION_SINGLE"] * 2
    assert vcmp.get_guest_slots(guests) == [1, 1]
    assert vcmp.get_guest_min_slots(guests) == [1, 1]
    assert vcmp.get_guest_allowed_slots(guests) == [[1, 2, 3, 4]] * 2
    assert vcmp.get_guest_assigned_slots(guests) == [[], []]
    assert vcmp.get_guest_cores_per_slot(guests) == [2, 2]
    assert vcmp.get_fips_name(guests) == ["", ""]
    assert vcmp.get_virtual_disk(guests) == ["", ""]
    assert vcmp.get_capability(guests) == [[], []]
    assert vcmp.get_completion_status(guests) == [[], []]


def test_create_refuses_a_duplicate_and_keeps_the_batch_out(vcmp):
    create(vcmp, "g1")
    text = vcmp.fault(
        "create", ["g2", "g1"], ["a", "b"], ["i.iso", "i.iso"],
        [{"address": "10.0.0.30", "netmask": "255.255.255.0"}] * 2, ["10.0.0.1"] * 2,
        vcmp.rows("Common.StringSequence", [[], []]),
    )
    assert_operation_failed(text, "create", "0x01020037", "g1", "already exists")
    assert vcmp.get_list() == ["g1"]


def test_parallel_arrays_of_different_lengths_are_refused(vcmp):
    create(vcmp, "g1")
    text = vcmp.fault("set_hostname", ["g1"], ["a.example.com", "b.example.com"])
    assert "Exception: Common::InvalidArgument" in text
    assert vcmp.get_hostname(["g1"]) == ["g1.example.com"]


def test_setters_change_what_later_reads_return(vcmp):
    create(vcmp, "g1")
    g = ["g1"]
    vcmp.set_hostname(g, ["renamed.example.com"])
    assert vcmp.get_hostname(g) == ["renamed.example.com"]
    vcmp.set_initial_image(g, ["BIGIP-12.1.2.0.0.249.iso"])
    assert vcmp.get_initial_image(g) == ["BIGIP-12.1.2.0.0.249.iso"]
    vcmp.set_management_address(g, [{"address": "192.0.2.20", "netmask": "255.255.0.0"}])
    assert vcmp.get_management_address(g) == [{"address": "192.0.2.20", "netmask": "255.255.0.0"}]
    vcmp.set_management_gateway(g, ["192.0.2.1"])
    assert vcmp.get_management_gateway(g) == ["192.0.2.1"]
    vcmp.set_network_mode(g, ["VCMP_NETWORK_MODE_ISOLATED"])
    assert vcmp.get_network_mode(g) == ["VCMP_NETWORK_MODE_ISOLATED"]
    vcmp.set_ssl_mode(g, ["VCMP_SSL_MODE_DEDICATED"])
    assert vcmp.get_ssl_mode(g) == ["VCMP_SSL_MODE_DEDICATED"]
    vcmp.set_fips_name(g, ["fips-part-1"])
    assert vcmp.get_fips_name(g) == ["fips-part-1"]
    vcmp.set_virtual_disk(g, ["shared-disk.img"])
    assert vcmp.get_virtual_disk(g) == ["shared-disk.img"]


def test_a_bad_address_is_refused_and_the_old_one_kept(vcmp):
    create(vcmp, "g1")
    text = vcmp.fault("set_management_address", ["g1"], [{"address": "10.0.0.300", "netmask": "255.255.255.0"}])
    assert "Exception: Common::InvalidArgument" in text
    assert "10.0.0.300" in text
    assert vcmp.get_management_address(["g1"]) == [{"address": "10.0.0.11", "netmask": "255.255.255.0"}]


def test_an_unknown_enum_member_is_refused(vcmp):
    create(vcmp, "g1")
    text = vcmp.fault("set_network_mode", ["g1"], ["VCMP_NETWORK_MODE_UNKNOWN"])
    assert "Exception: Common::InvalidArgument" in text
    assert vcmp.get_network_mode(["g1"]) == ["VCMP_NETWORK_MODE_BRIDGED"]


def test_unknown_guests_fault_naming_the_guest(vcmp):
    text = vcmp.fault("get_hostname", ["nope"])
    assert_operation_failed(text, "get_hostname", "0x01020036", "(nope)", "was not found")


# --- placement -----------------------------------------------------------------------------


def test_placement_settings(vcmp):
    create(vcmp, "g1")
    g = ["g1"]
    vcmp.set_slot_allocation(g, ["VCMP_SLOT_ALLOCATION_ALL"])
    assert vcmp.get_guest_slots(g) == [4]  # every slot of the C2400
    vcmp.set_guest_min_slots(g, [2])
    assert vcmp.get_guest_min_slots(g) == [2]
    vcmp.set_guest_slots(g, [3])
    assert vcmp.get_guest_slots(g) == [3]
    vcmp.set_guest_allowed_slots(g, vcmp.rows("Common.UShortSequence", [[2, 3, 4]]))
    assert vcmp.get_guest_allowed_slots(g) == [[2, 3, 4]]
    vcmp.set_guest_cores_per_slot(g, [4])
    assert vcmp.get_guest_cores_per_slot(g) == [4]
    # min slots above slots is refused and changes nothing
    text = vcmp.fault("set_guest_min_slots", g, [4])
    assert "Exception: Common::InvalidArgument" in text
    assert vcmp.get_guest_min_slots(g) == [2]
    vcmp.set_slot_allocation(g, ["VCMP_SLOT_ALLOCATION_SINGLE"])
    assert (vcmp.get_guest_slots(g), vcmp.get_guest_min_slots(g)) == ([1], [1])


def test_odd_core_counts_are_refused(vcmp):
    create(vcmp, "g1")
    text = vcmp.fault("set_guest_cores_per_slot", ["g1"], [3])
    assert "Exception: Common::InvalidArgument" in text
    assert vcmp.get_guest_cores_per_slot(["g1"]) == [2]


# --- VLANs and capabilities ----------------------------------------------------------------


def test_vlans(vcmp):
    create(vcmp, "g1")
    g = ["g1"]
    vcmp.add_vlan(g, vcmp.rows("Common.StringSequence", [["vlan30", "vlan10"]]))
    assert vcmp.get_vlan(g) == [["vlan10", "vlan20", "vlan30"]]  # no duplicates
    vcmp.remove_vlan(g, vcmp.rows("Common.StringSequence", [["vlan20"]]))
    assert vcmp.get_vlan(g) == [["vlan10", "vlan30"]]
    text = vcmp.fault("remove_vlan", g, vcmp.rows("Common.StringSequence", [["vlan10", "vlan99"]]))
    assert_operation_failed(text, "remove_vlan", "0x01020036", "vlan99")
    assert vcmp.get_vlan(g) == [["vlan10", "vlan30"]]  # vlan10 was not removed either
    vcmp.remove_all_vlans(g)
    assert vcmp.get_vlan(g) == [[]]


def ulong64(value: int) -> dict[str, int]:
    return {"high": value >> 32, "low": value & 0xFFFFFFFF}


def test_capabilities(vcmp):
    create(vcmp, "g1", "g2")
    g = ["g1"]
    caps = vcmp.rows("System.VCMP.VCMPCapabilityIDSequence", [[APPLIANCE, STATS_ISOLATED]])
    values = vcmp.rows("Common.ULong64Sequence", [[ulong64(1), ulong64(5 << 32 | 7)]])
    vcmp.add_capability(g, caps, values)
    assert vcmp.get_capability(["g1", "g2"]) == [[APPLIANCE, STATS_ISOLATED], []]
    assert vcmp.get_capability_value(g, caps) == [[ulong64(1), ulong64(5 << 32 | 7)]]

    one = vcmp.rows("System.VCMP.VCMPCapabilityIDSequence", [[APPLIANCE]])
    vcmp.set_capability_value(g, one, vcmp.rows("Common.ULong64Sequence", [[ulong64(0)]]))
    assert vcmp.get_capability_value(g, one) == [[ulong64(0)]]

    text = vcmp.fault("add_capability", g, one, vcmp.rows("Common.ULong64Sequence", [[ulong64(1)]]))
    assert_operation_failed(text, "add_capability", "0x01020037", APPLIANCE.removeprefix("VCMP_CAPABILITY_"))

    vcmp.remove_capability(g, one)
    assert vcmp.get_capability(g) == [[STATS_ISOLATED]]
    text = vcmp.fault("get_capability_value", g, one)
    assert_operation_failed(text, "get_capability_value", "0x01020036")
    vcmp.remove_all_capabilities(g)
    assert vcmp.get_capability(g) == [[]]


# --- lifecycle, statistics and disks ----------------------------------------------------------


def test_deploy_statistics_and_disks(vcmp, server):
    create(vcmp, "g1")
    g = ["g1"]
    vcmp.set_guest_slots(g, [2])
    vcmp.set_guest_state(g, [DEPLOYED])
    records = poll(vcmp, server.sim, "g1")
    assert [r["status"] for r in records] == ["VCMP_STATUS_RUNNING"] * 2
    slots = sorted(r["slot_id"] for r in records)
    assert sorted(vcmp.get_guest_assigned_slots(g)[0]) == slots

    # cores can only change while the guest is configured
    text = vcmp.fault("set_guest_cores_per_slot", g, [4])
    assert_operation_failed(text, "set_guest_cores_per_slot", "0x01071380", "configured")
    assert vcmp.get_guest_cores_per_slot(g) == [2]

    stats = vcmp.get_statistics(g)
    assert sorted(e["slot_id"] for e in stats["statistics"]) == slots
    assert {e["guest"] for e in stats["statistics"]} == {"g1"}
    assert stats["time_stamp"]["year"] >= 2026
    assert vcmp.get_all_statistics()["statistics"] == stats["statistics"]
    counters = {s["type"] for e in stats["statistics"] for s in e["statistics"]}
    assert counters and all(name.startswith("STATISTIC_") for name in counters)

    software = vcmp.get_software_statistics(g)["statistics"]
    assert sorted(r["slot_id"] for r in software if r["active"]) == slots
    assert vcmp.get_all_software_statistics()["statistics"] == software
    prompts = vcmp.get_prompt_statistics(g)["statistics"]
    assert sorted(p["slot_id"] for p in prompts) == slots
    assert vcmp.get_all_prompt_statistics()["statistics"] == prompts
    ha = vcmp.get_ha_status_statistics(g)["statistics"]
    assert ha and all(row["guest"] == "g1" and row["ha_feature"].startswith("FEATURE_") for row in ha)
    assert vcmp.get_all_ha_status_statistics()["statistics"] == ha
    modules = vcmp.get_module_provision_statistics(g)["statistics"]
    assert modules and all(m["provision_level"].startswith("PROVISION_LEVEL_") for m in modules)
    assert vcmp.get_all_module_provision_statistics()["statistics"] == modules

    server.sim.clock.advance(600)
    retries_before = [e["retries"] for e in vcmp.get_statistics(g)["statistics"]]
    vcmp.reset_statistics(g)
    after = vcmp.get_statistics(g)["statistics"]
    assert [e["retries"] for e in after] == [0] * len(retries_before)

    disks = vcmp.get_virtual_disk_list()
    assert sorted(d["slot_id"] for d in disks) == slots
    disk_stats = vcmp.get_virtual_disk_statistics(disks)["statistics"]
    assert [s["disk"] for s in disk_stats] == disks
    assert {s["status"] for s in disk_stats} == {"VDISK_STATUS_IN_USE"}
    assert {s["os"] for s in disk_stats} == {"VCMP_OPERATING_SYSTEM_TMOS"}
    assert vcmp.get_all_virtual_disk_statistics()["statistics"] == disk_stats

    # a disk in use cannot be deleted, one at a time or all at once
    text = vcmp.fault("delete_virtual_disk", disks[:1])
    assert_operation_failed(text, "delete_virtual_disk", "0x01071381", "g1")
    text = vcmp.fault("delete_all_virtual_disks")
    assert "0x01071381" in text
    assert vcmp.get_virtual_disk_list() == disks

    # configured again: slots released, the disks stay, then go one by one
    vcmp.set_guest_state(g, [CONFIGURED])
    poll(vcmp, server.sim, "g1", holds_slots=False)
    assert vcmp.get_guest_assigned_slots(g) == [[]]
    vcmp.delete_virtual_disk(disks[:1])
    assert vcmp.get_virtual_disk_list() == disks[1:]
    vcmp.delete_all_virtual_disks()
    assert vcmp.get_virtual_disk_list() == []


def test_delete_guest_and_delete_all_guests(vcmp):
    create(vcmp, "g1", "g2", "g3")
    vcmp.delete_guest(["g2"])
    assert vcmp.get_list() == ["g1", "g3"]
    text = vcmp.fault("delete_guest", ["g1", "g2"])
    assert_operation_failed(text, "delete_guest", "0x01020036", "g2")
    assert vcmp.get_list() == ["g1", "g3"]  # g1 survived the failed batch
    vcmp.delete_all_guests()
    assert vcmp.get_list() == []


# --- System.Cluster ---------------------------------------------------------------------------


def test_cluster_reads(cluster):
    d = ["default"]
    assert cluster.get_version() == "BIG-IP_v13.1.0"
    assert cluster.get_list() == d
    assert cluster.is_clustered_environment() is True
    assert cluster.get_slot_id(d) == [[1, 2, 3, 4]]
    assert cluster.get_current_primary_slot(d) == [1]
    assert cluster.get_cluster_enabled_state(d) == ["STATE_ENABLED"]
    assert cluster.get_cluster_ha_state(d) == ["HA_STATE_ACTIVE"]
    slots = cluster.rows("Common.ULongSequence", [[1, 2, 3, 4]])
    assert cluster.get_member_enabled_state(d, slots) == [["STATE_ENABLED"] * 4]
    assert cluster.get_member_licensed_state(d, slots) == [["STATE_ENABLED"] * 4]
    assert cluster.get_member_priming_state(d, slots) == [["STATE_DISABLED"] * 4]
    ha = cluster.get_member_ha_state(d, slots)[0]
    assert len(ha) == 4 and all(state.startswith("HA_STATE_") for state in ha)


def test_cluster_member_settings(cluster):
    d = ["default"]
    slot4 = cluster.rows("Common.ULongSequence", [[4]])
    cluster.set_member_enabled_state(d, slot4, cluster.rows("Common.EnabledStateSequence", [["STATE_DISABLED"]]))
    assert cluster.get_member_enabled_state(d, slot4) == [["STATE_DISABLED"]]
    cluster.set_member_priming_state(d, slot4, cluster.rows("Common.EnabledStateSequence", [["STATE_ENABLED"]]))
    assert cluster.get_member_priming_state(d, slot4) == [["STATE_ENABLED"]]
    text = cluster.fault("get_member_enabled_state", d, cluster.rows("Common.ULongSequence", [[9]]))
    assert "Exception: Common::OperationFailed" in text and "slot 9" in text


def test_cluster_minimum_members(cluster):
    d = ["default"]
    cluster.set_min_up_members(d, [2])
    assert cluster.get_min_up_members(d) == [2]
    cluster.set_min_up_members_action(d, ["HA_ACTION_REBOOT"])
    assert cluster.get_min_up_members_action(d) == ["HA_ACTION_REBOOT"]
    cluster.set_min_up_members_state(d, ["STATE_ENABLED"])
    assert cluster.get_min_up_members_state(d) == ["STATE_ENABLED"]
    text = cluster.fault("set_min_up_members", d, [9])
    assert "Exception: Common::InvalidArgument" in text
    assert cluster.get_min_up_members(d) == [2]


def test_cluster_obsolete_and_unsupported_operations(cluster):
    d = ["default"]
    cluster.set_cluster_enabled_state(d, ["STATE_DISABLED"])  # accepted, ignored
    assert cluster.get_cluster_enabled_state(d) == ["STATE_ENABLED"]
    text = cluster.fault("set_current_primary_slot", d, [2])
    assert text.startswith("Exception caught in System::urn:iControl:System/Cluster::set_current_primary_slot()\n")
    assert "Exception: Common::NotImplemented" in text
    assert cluster.get_current_primary_slot(d) == [1]


def test_an_unknown_cluster_faults(cluster):
    text = cluster.fault("get_min_up_members", ["elsewhere"])
    assert "Exception: Common::OperationFailed" in text and "elsewhere" in text


# --- the whole story, and the Management.VCMP alias --------------------------------------------


def test_full_guest_lifecycle(vcmp, server):
    create(vcmp, "web1")
    g = ["web1"]
    vcmp.set_guest_cores_per_slot(g, [4])
    vcmp.set_guest_state(g, [PROVISIONED])
    records = poll(vcmp, server.sim, "web1")
    assert [(r["status"], r["requested_state"]) for r in records] == [("VCMP_STATUS_STOPPED", PROVISIONED)]

    vcmp.set_guest_state(g, [DEPLOYED])
    (seen,) = vcmp.get_completion_status(g)
    assert seen[0]["request_complete"] is False
    records = poll(vcmp, server.sim, "web1")
    assert [(r["status"], r["requested_state"]) for r in records] == [("VCMP_STATUS_RUNNING", DEPLOYED)]
    assert records[0]["comment"] is None  # an empty comment, as suds reads it
    slot = records[0]["slot_id"]
    assert vcmp.get_guest_assigned_slots(g) == [[slot]]
    assert vcmp.get_virtual_disk_list() == [{"slot_id": slot, "filename": "web1.img"}]
    (entry,) = vcmp.get_statistics(g)["statistics"]
    assert (entry["guest"], entry["slot_id"], entry["cores"], entry["vdisk"]) == ("web1", slot, 4, "web1.img")

    vcmp.set_guest_state(g, [CONFIGURED])
    poll(vcmp, server.sim, "web1", holds_slots=False)
    vcmp.delete_guest(g)
    assert vcmp.get_list() == []
    assert vcmp.get_virtual_disk_list() == [{"slot_id": slot, "filename": "web1.img"}]  # detached, kept


def test_management_vcmp_is_the_same_interface_over_the_same_state(clients, server):
    server.sim.reset()
    system, management = clients["System.VCMP"], clients["Management.VCMP"]
    ops = {op.name for op in INTERFACES["System.VCMP"].operations}
    assert set(management.client.wsdl.services[0].ports[0].methods) == ops
    assert management.get_version() == "BIG-IP_v13.1.0"
    create(management, "alias1")
    assert system.get_list() == ["alias1"]
    system.set_hostname(["alias1"], ["via-system.example.com"])
    assert management.get_hostname(["alias1"]) == ["via-system.example.com"]
    text = management.fault("get_hostname", ["nope"])
    assert text.startswith("Exception caught in Management::urn:iControl:Management/VCMP::get_hostname()\n")
    management.delete_guest(["alias1"])
    assert system.get_list() == []


# --- last: coverage of the catalogue ------------------------------------------------------------


def test_every_catalogue_operation_was_called(request):
    defined = {name for name in vars(request.module) if name.startswith("test_")}
    ran = {item.originalname for item in request.session.items if item.module is request.module}
    if ran != defined:
        pytest.skip("only part of this module ran; the catalogue is checked on a full run")
    catalogue = {(name, op.name) for name in COVERED for op in INTERFACES[name].operations}
    called = {entry for entry in CALLED if entry[0] in COVERED}
    assert called == catalogue, {"never called": sorted(catalogue - called), "unknown": sorted(called - catalogue)}
