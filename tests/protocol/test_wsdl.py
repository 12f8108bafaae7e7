"""The generated WSDL: committed files, version filtering, serving."""

from __future__ import annotations

from pathlib import Path

import pytest

from vcmp_mock.icontrol import wsdl
from vcmp_mock.icontrol.interfaces import INTERFACES, SUPPORTED_VERSIONS

from test_wsdl_model import read, referenced_types

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "wsdl"


@pytest.mark.parametrize("name", sorted(INTERFACES))
def test_committed_wsdl_matches_the_generator(name):
    path = COMMITTED / f"{name}.wsdl"
    assert path.exists(), f"{path} is missing: run `vcmp-mock wsdl --out wsdl/`"
    assert path.read_bytes() == wsdl.generate(name, "13.1.0"), (
        f"{path.name} is out of date with the catalogue: run `vcmp-mock wsdl --out wsdl/`")


def test_no_stray_files_in_committed_wsdl_dir():
    assert sorted(p.name for p in COMMITTED.glob("*.wsdl")) == sorted(
        f"{name}.wsdl" for name in INTERFACES)


def test_write_all_writes_one_file_per_interface(tmp_path):
    written = wsdl.write_all(tmp_path / "out", "12.1.0")
    assert sorted(p.name for p in written) == sorted(f"{n}.wsdl" for n in INTERFACES)
    assert (tmp_path / "out" / "System.VCMP.wsdl").read_bytes() == wsdl.generate(
        "System.VCMP", "12.1.0")


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
@pytest.mark.parametrize("name", sorted(INTERFACES))
def test_every_reference_is_declared_and_every_declaration_used(name, version):
    model = read(wsdl.generate(name, version))
    declared, used = set(model.types), referenced_types(model)
    assert used <= declared
    assert declared - used <= {"Common.ULong"}  # declared by F5 but unused
    assert model.operation_order == [
        op.name for op in INTERFACES[name].operations_for(version)]


def _ops(name, version):
    return set(read(wsdl.generate(name, version)).operations)


def test_11_4_1_has_flexible_allocation_but_nothing_later():
    ops = _ops("System.VCMP", "11.4.1")
    assert {"get_guest_slots", "set_guest_allowed_slots", "get_all_virtual_disk_statistics"} <= ops
    later = {"add_capability", "get_capability", "get_all_ha_status_statistics",
             "get_prompt_statistics", "get_ssl_mode", "set_ssl_mode", "get_fips_name"}
    assert not ops & later
    assert len(ops) == 43


def test_12_1_0_has_ssl_mode_but_not_fips():
    ops = _ops("System.VCMP", "12.1.0")
    assert {"get_ssl_mode", "set_ssl_mode", "add_capability", "get_all_software_statistics"} <= ops
    assert not ops & {"get_fips_name", "set_fips_name"}


def test_types_of_absent_operations_are_not_declared():
    old = read(wsdl.generate("System.VCMP", "11.5.0")).types
    assert "System.VCMP.VCMPSSLModeSequence" not in old
    assert "System.VCMP.VCMPHAStatusStatistics" not in old
    assert "Common.Feature" not in old
    assert "System.VCMP.VCMPCapabilityIDSequenceSequence" in old


def test_enum_members_added_later_are_absent():
    types = read(wsdl.generate("System.VCMP", "11.5.0")).types
    assert types["System.VCMP.VCMPNetworkMode"][1] == (
        "VCMP_NETWORK_MODE_UNKNOWN", "VCMP_NETWORK_MODE_BRIDGED", "VCMP_NETWORK_MODE_ISOLATED")
    assert types["System.VCMP.VCMPCapabilityID"][1] == (
        "VCMP_CAPABILITY_UNKNOWN", "VCMP_CAPABILITY_APPLIANCE_MODE")
    newer = read(wsdl.generate("System.VCMP", "11.6.0")).types
    assert "VCMP_NETWORK_MODE_HOST_ONLY" in newer["System.VCMP.VCMPNetworkMode"][1]
    modules = read(wsdl.generate("Management.Provision", "12.1.0")).types["Common.TMOSModule"][1]
    assert "TMOS_MODULE_ILX" in modules and "TMOS_MODULE_DOS" not in modules
    hardware = read(wsdl.generate("System.SystemInfo", "11.4.1")).types["System.HardwareType"][1]
    assert hardware[-1] == "HARDWARE_BASE_BOARD"


def test_session_and_systeminfo_versions():
    assert "set_dtd_processing_state" not in _ops("System.Session", "11.6.0")
    assert "set_force_sessions_state" in _ops("System.Session", "12.0.0")
    assert "set_time" not in _ops("System.SystemInfo", "11.4.1")
    assert "set_time" in _ops("System.SystemInfo", "11.5.0")


def test_management_vcmp_speaks_its_own_namespace():
    model = read(wsdl.generate("Management.VCMP"))
    assert model.name == "Management.VCMP"
    assert model.soap_actions == {"urn:iControl:Management/VCMP"}
    assert model.body_namespaces == {"urn:iControl:Management/VCMP"}
    assert model.port_type == "Management.VCMPPortType"
    assert model.operation_order == read(wsdl.generate("System.VCMP")).operation_order
    # The types are shared with System.VCMP and keep their names.
    assert "System.VCMP.VCMPGuestState" in model.types


def test_render_swaps_in_the_address_the_client_used():
    page = wsdl.render("System.VCMP", "13.1.0", "https://10.0.0.1:8443/iControl/iControlPortal.cgi")
    assert read(page).location == "https://10.0.0.1:8443/iControl/iControlPortal.cgi"
    assert page == wsdl.generate(
        "System.VCMP", "13.1.0", "https://10.0.0.1:8443/iControl/iControlPortal.cgi")


def test_render_escapes_a_hostile_location():
    page = wsdl.render("System.Cluster", "13.1.0", 'https://x"/><evil a="&\x01')
    assert read(page).location == 'https://x"/><evil a="&'


def test_render_keeps_versions_apart():
    assert wsdl.render("System.VCMP", "12.1.0") != wsdl.render("System.VCMP", "13.1.0")
    assert b"get_fips_name" not in wsdl.render("System.VCMP", "12.1.0")


def test_unknown_interface():
    with pytest.raises(KeyError):
        wsdl.render("LocalLB.Pool")
    serve = wsdl.source("13.1.0")
    assert serve("LocalLB.Pool", "https://h") is None
    assert read(serve("System.Session", "https://h/p")).location == "https://h/p"


def test_binding_is_rpc_encoded_with_one_soap_action():
    for name, iface in INTERFACES.items():
        model = read(wsdl.generate(name))
        assert model.target_namespace == "urn:iControl"
        assert model.binding_style == "rpc"
        assert model.soap_actions == {iface.namespace}
        assert model.body_uses == {("encoded", "http://schemas.xmlsoap.org/soap/encoding/")}
        assert (model.service, model.port, model.binding) == (
            name, f"{name}Port", f"{name}Binding")
        assert model.location == "https://url_to_service"
