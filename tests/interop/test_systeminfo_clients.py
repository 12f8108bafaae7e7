"""System.SystemInfo and Management.Provision through bigsuds, as discovery code uses them.

A vCMP automation's first calls: the version, what the box is (platform,
chassis slots, blades), whether vCMP is provisioned. The answers must agree
with System.Cluster and System.VCMP on the same box.
"""

from __future__ import annotations

import pytest

pytest.importorskip("bigsuds", reason="bigsuds is installed by .ci/run (no-deps)")

import bigsuds  # noqa: E402


pytestmark = pytest.mark.interop


def test_discovery_agrees_with_the_cluster(admin):
    info = admin.System.SystemInfo
    assert info.get_version() == "BIG-IP_v13.1.0"
    assert info.get_marketing_name() == "VIPRION 2400"
    system = info.get_system_information()
    assert (system["product_category"], system["platform"], system["os_machine"]) == ("VIPRION", "F100", "x86_64")
    slots = info.get_chassis_slot_information()
    assert [s["slot_id"] for s in slots] == admin.System.Cluster.get_slot_id(["default"])[0] == [1, 2, 3, 4]
    assert {s["state"] for s in slots} == {"CHASSIS_SLOT_STATE_OK"}
    blades = [h for h in info.get_hardware_information() if h["type"] == "HARDWARE_BASE_BOARD"]
    assert [(b["slot"], b["model"]) for b in blades] == [(i, "B2100") for i in (1, 2, 3, 4)]
    product = info.get_product_information()
    assert product["product_version"] == "13.1.0" and "vCMP" in product["product_features"]


def test_cpu_hosts_have_the_blades_cores(admin):
    hosts = admin.System.SystemInfo.get_all_cpu_usage_extended_information()["hosts"]
    assert [(h["host_id"], len(h["statistics"])) for h in hosts] == [(f"slot{i}", 8) for i in (1, 2, 3, 4)]
    (one,) = admin.System.SystemInfo.get_cpu_usage_extended_information(["slot3"])["hosts"]
    assert one["host_id"] == "slot3"


def test_time_uptime_and_set_time(admin, server):
    info = admin.System.SystemInfo
    uptime = info.get_uptime()
    server.sim.clock.advance(42)
    assert info.get_uptime() == uptime + 42
    info.set_time({"year": 2030, "month": 6, "day": 1, "hour": 12, "minute": 0, "second": 0})
    assert info.get_time() == {"year": 2030, "month": 6, "day": 1, "hour": 12, "minute": 0, "second": 0}
    assert info.get_time_zone()["time_zone"] == "UTC"


def test_not_simulated_operations_say_so(admin):
    with pytest.raises(bigsuds.ServerError) as caught:
        admin.System.SystemInfo.get_disk_usage_information()
    assert "Common::NotImplemented" in str(caught.value)


def test_vcmp_is_provisioned_dedicated_and_alone(admin):
    provision = admin.Management.Provision
    assert provision.get_level(["TMOS_MODULE_VCMP"]) == ["PROVISION_LEVEL_DEDICATED"]
    assert provision.get_provisioned_list() == ["TMOS_MODULE_VCMP"]
    assert "TMOS_MODULE_LTM" in provision.get_list()
    with pytest.raises(bigsuds.ServerError) as caught:
        provision.set_level(["TMOS_MODULE_LTM"], ["PROVISION_LEVEL_NOMINAL"])
    assert "dedicated module requires every other module to be none" in str(caught.value)
    assert provision.get_provisioned_list() == ["TMOS_MODULE_VCMP"]


def test_de_provisioning_vcmp_takes_the_vcmp_interface_away(admin):
    provision = admin.Management.Provision
    provision.set_level(["TMOS_MODULE_VCMP", "TMOS_MODULE_LTM"], ["PROVISION_LEVEL_NONE", "PROVISION_LEVEL_NOMINAL"])
    assert provision.get_provisioned_list() == ["TMOS_MODULE_LTM"]
    with pytest.raises(bigsuds.ServerError) as caught:
        admin.System.VCMP.get_list()
    assert "Module vcmp: it is not provisioned" in str(caught.value)
    provision.set_level(["TMOS_MODULE_LTM", "TMOS_MODULE_VCMP"], ["PROVISION_LEVEL_NONE", "PROVISION_LEVEL_DEDICATED"])
    assert admin.System.VCMP.get_list() == []
