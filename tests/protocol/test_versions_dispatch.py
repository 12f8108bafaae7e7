"""--bigip-version through the SOAP layer: versions, absent operations, enum members, behaviour."""

from __future__ import annotations

import pytest

from vcmp_mock.domain.model import NetworkMode
from vcmp_mock.icontrol.interfaces import INTERFACES

from support.soapcall import Box, Fault, envelope

VERSIONS = ("11.4.1", "11.6.0", "12.1.0", "13.1.0")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("interface", sorted(INTERFACES))
def test_every_interface_reports_the_emulated_version(version, interface):
    assert Box(version).call(interface, "get_version") == f"BIG-IP_v{version}"


# (interface, operation, first version that has it)
LATER_OPERATIONS = [
    ("System.VCMP", "get_capability", "11.5.0"),
    ("System.VCMP", "get_all_software_statistics", "11.6.0"),
    ("System.VCMP", "get_ssl_mode", "12.0.0"),
    ("System.VCMP", "get_fips_name", "13.1.0"),
    ("Management.VCMP", "get_fips_name", "13.1.0"),
    ("System.Session", "get_force_sessions_state", "12.0.0"),
    ("System.Session", "get_dtd_processing_state", "12.0.0"),
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("interface, operation, since", LATER_OPERATIONS)
def test_operations_newer_than_the_version_are_unknown_methods(version, interface, operation, since):
    box = Box(version)
    params = {"guests": []} if interface.endswith("VCMP") else {}
    older = tuple(map(int, version.split("."))) < tuple(map(int, since.split(".")))
    if older:
        with pytest.raises(Fault) as caught:
            box.call(interface, operation, **params)
        namespace = "urn:iControl:" + interface.replace(".", "/")
        assert caught.value.faultstring == f'Unknown method "{{{namespace}}}:{operation}"'
    else:
        box.call(interface, operation, **params)


def test_set_time_appeared_in_11_5():
    stamp = {"year": 2027, "month": 1, "day": 2, "hour": 3, "minute": 4, "second": 5}
    with pytest.raises(Fault, match="Unknown method"):
        Box("11.4.1").call("System.SystemInfo", "set_time", time=stamp)
    box = Box("11.6.0")
    box.call("System.SystemInfo", "set_time", time=stamp)
    assert box.call("System.SystemInfo", "get_time") == stamp


def test_host_only_network_mode_is_refused_before_11_6():
    box = Box("11.4.1")
    box.create("g1")
    with pytest.raises(Fault) as caught:
        box.vcmp("set_network_mode", guests=["g1"], modes=["VCMP_NETWORK_MODE_HOST_ONLY"])
    assert caught.value.exception == "Common::InvalidArgument"
    assert ("Invalid value (VCMP_NETWORK_MODE_HOST_ONLY) for enumeration type System.VCMP.VCMPNetworkMode."
            in caught.value.faultstring)
    box.vcmp("set_network_mode", guests=["g1"], modes=["VCMP_NETWORK_MODE_ISOLATED"])
    assert box.vcmp("get_network_mode", guests=["g1"]) == ["VCMP_NETWORK_MODE_ISOLATED"]
    later = Box("11.6.0")
    later.create("g1")
    later.vcmp("set_network_mode", guests=["g1"], modes=["VCMP_NETWORK_MODE_HOST_ONLY"])
    assert later.vcmp("get_network_mode", guests=["g1"]) == ["VCMP_NETWORK_MODE_HOST_ONLY"]


def test_an_older_release_never_sends_a_member_it_does_not_know():
    box = Box("11.4.1")
    box.create("g1")
    box.sim.host.set_network_mode("g1", NetworkMode.HOST_ONLY)  # e.g. from a scenario
    assert box.vcmp("get_network_mode", guests=["g1"]) == ["VCMP_NETWORK_MODE_UNKNOWN"]


def test_provisionable_modules_follow_the_release():
    lists = {v: Box(v).call("Management.Provision", "get_list") for v in VERSIONS}
    assert "TMOS_MODULE_AFM" not in lists["11.4.1"] and "TMOS_MODULE_AFM" in lists["11.6.0"]
    assert "TMOS_MODULE_WAM" in lists["11.4.1"] and "TMOS_MODULE_AM" not in lists["11.4.1"]
    assert "TMOS_MODULE_ILX" not in lists["11.6.0"] and "TMOS_MODULE_ILX" in lists["12.1.0"]
    assert "TMOS_MODULE_URLDB" not in lists["12.1.0"] and "TMOS_MODULE_URLDB" in lists["13.1.0"]
    assert all("TMOS_MODULE_VCMP" in modules for modules in lists.values())
    with pytest.raises(Fault) as caught:
        Box("11.4.1").call("Management.Provision", "get_level", modules=["TMOS_MODULE_AFM"])
    assert caught.value.exception == "Common::InvalidArgument"
    assert Box("11.6.0").call("Management.Provision", "get_level", modules=["TMOS_MODULE_AFM"]) == [
        "PROVISION_LEVEL_NONE"]


def _provisioned_guest(box: Box) -> list:
    box.create("g1")
    box.vcmp("set_guest_state", guests=["g1"], states=["VCMP_GUEST_STATE_PROVISIONED"])
    for _ in range(200):
        records = box.vcmp("get_completion_status", guests=["g1"])[0]
        if records and all(r["request_complete"] for r in records):
            break
        box.clock.advance(15)
    disks = box.vcmp("get_virtual_disk_list")
    assert disks, "provisioning creates the guest's disks"
    return disks


@pytest.mark.parametrize("version, disks_kept", [("11.4.1", False), ("11.6.0", False),
                                                  ("12.1.0", True), ("13.1.0", True)])
def test_delete_guest_deletes_or_detaches_the_disk_by_release(version, disks_kept):
    box = Box(version)
    disks = _provisioned_guest(box)
    box.vcmp("delete_guest", guests=["g1"])
    assert box.vcmp("get_list") == []
    assert box.vcmp("get_virtual_disk_list") == (disks if disks_kept else [])


DTD = '<!DOCTYPE x [<!ENTITY e "x">]>'


@pytest.mark.parametrize("version, accepted", [("11.4.1", True), ("11.6.0", True),
                                               ("12.1.0", False), ("13.1.0", False)])
def test_dtds_were_parsed_before_12_0(version, accepted):
    body = envelope("System.Cluster", "get_list", {}, prologue=DTD)
    box = Box(version)
    if accepted:
        assert box.send(body) == ["default"]
    else:
        with pytest.raises(Fault, match="parsing aborted"):
            box.send(body)
