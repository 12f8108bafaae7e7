"""The operation catalogue: counts, versions and the shape of the types."""

from __future__ import annotations

import pytest

from vcmp_mock.icontrol import typeinfo
from vcmp_mock.icontrol.interfaces import (
    INTERFACES,
    SUPPORTED_VERSIONS,
    operation_rows,
    version_key,
)
from vcmp_mock.icontrol.types import common, management_provision, system_info, system_vcmp

EXPECTED_COUNTS = {
    "System.VCMP": 61,
    "System.Cluster": 21,
    "System.Session": 21,
    "System.SystemInfo": 33,
    "Management.Provision": 13,
    "Management.VCMP": 61,
}


@pytest.mark.parametrize("name,count", sorted(EXPECTED_COUNTS.items()))
def test_every_interface_has_all_its_operations(name, count):
    assert len(INTERFACES[name].operations) == count


def test_operation_names_are_unique_and_sorted_like_f5():
    # F5 lists operations alphabetically; a duplicate would shadow a handler.
    for iface in INTERFACES.values():
        names = [op.name for op in iface.operations]
        assert names == sorted(names), iface.full_name
        assert len(set(names)) == len(names), iface.full_name


@pytest.mark.parametrize(
    "version,count",
    [("11.0.0", 32), ("11.3.0", 34), ("11.4.1", 43), ("11.5.0", 49), ("11.6.0", 57),
     ("12.0.0", 59), ("12.1.0", 59), ("13.0.0", 59), ("13.1.0", 61)],
)
def test_vcmp_grows_release_by_release(version, count):
    assert len(INTERFACES["System.VCMP"].operations_for(version)) == count


def test_session_and_systeminfo_growth():
    assert len(INTERFACES["System.Session"].operations_for("11.6.0")) == 17
    assert len(INTERFACES["System.Session"].operations_for("12.0.0")) == 21
    assert len(INTERFACES["System.SystemInfo"].operations_for("11.4.1")) == 32
    assert INTERFACES["System.SystemInfo"].operation("set_time").since == "11.5.0"


def test_management_vcmp_is_system_vcmp_under_another_namespace():
    alias, real = INTERFACES["Management.VCMP"], INTERFACES["System.VCMP"]
    assert alias.operations == real.operations
    assert alias.namespace == "urn:iControl:Management/VCMP"
    assert real.namespace == "urn:iControl:System/VCMP"


def test_create_takes_its_parameters_in_wsdl_order():
    create = INTERFACES["System.VCMP"].operation("create")
    assert [p.name for p in create.params] == [
        "guests", "hostnames", "images", "addresses", "gateways", "vlans"]
    assert create.returns is None
    assert create.params[3].type is common.IPNetmaskSequence


def test_every_operation_has_a_doc_and_a_known_since():
    for iface in INTERFACES.values():
        for op in iface.operations:
            assert op.doc and "\n" not in op.doc, (iface.full_name, op.name)
            assert version_key(op.since) <= version_key(SUPPORTED_VERSIONS[-1])


def test_every_catalogue_type_is_an_icontrol_type():
    for iface in INTERFACES.values():
        for op in iface.operations:
            for t in [p.type for p in op.params] + ([op.returns] if op.returns else []):
                kind = typeinfo.kind(t)  # raises for anything else
                if kind != typeinfo.PRIMITIVE:
                    assert t.get_namespace() == typeinfo.ICONTROL_NS


def test_enum_members_added_later_are_hidden_in_older_versions():
    vcmp = INTERFACES["System.VCMP"]
    assert "VCMP_NETWORK_MODE_HOST_ONLY" not in vcmp.enum_members_for(
        system_vcmp.VCMPNetworkMode, "11.5.0")
    assert "VCMP_NETWORK_MODE_HOST_ONLY" in vcmp.enum_members_for(
        system_vcmp.VCMPNetworkMode, "11.6.0")
    assert vcmp.enum_members_for(system_vcmp.VCMPCapabilityID, "11.5.0") == (
        "VCMP_CAPABILITY_UNKNOWN", "VCMP_CAPABILITY_APPLIANCE_MODE")
    info = INTERFACES["System.SystemInfo"]
    assert len(info.enum_members_for(system_info.HardwareType, "11.5.0")) == 8
    assert len(info.enum_members_for(system_info.HardwareType, "12.1.0")) == 11
    assert len(info.enum_members_for(system_info.HardwareType, "13.0.0")) == 15
    prov = INTERFACES["Management.Provision"]
    assert "TMOS_MODULE_ILX" not in prov.enum_members_for(common.TMOSModule, "11.6.0")
    assert len(prov.enum_members_for(common.TMOSModule, "13.1.0")) == 28


def test_type_tree_reads_as_f5_declares_it():
    assert typeinfo.item_type(common.StringSequenceSequence) is common.StringSequence
    assert typeinfo.depth(system_vcmp.VCMPCompletionStatusSequenceSequence) == 2
    assert typeinfo.leaf_type(common.UShortSequenceSequence) is not None
    assert typeinfo.primitive_name(typeinfo.leaf_type(common.UShortSequence)) == "int"
    assert [n for n, _ in typeinfo.fields(system_vcmp.VCMPCompletionStatus)] == [
        "slot_id", "requested_state", "request_complete", "status", "comment"]
    assert len(typeinfo.enum_members(common.StatisticType)) == 1614
    assert typeinfo.type_name(management_provision.ProvisionLevelSequence) == (
        "Management.Provision.ProvisionLevelSequence")
    # Common.ULong: a primitive to the codec, declared under its own name.
    assert typeinfo.kind(common.ULong) == typeinfo.PRIMITIVE
    assert typeinfo.type_name(common.ULong) == "long"
    assert typeinfo.restriction_name(common.ULong) == "Common.ULong"
    assert typeinfo.restriction_name(typeinfo.item_type(common.ULongSequence)) is None


def test_operation_rows_list_every_operation_once():
    rows = operation_rows()
    assert len(rows) == 61 + 21 + 21 + 33 + 13
    assert ("System.VCMP", "get_fips_name", "13.1.0") in rows
    assert not any(r[0] == "Management.VCMP" for r in rows)
    assert len(operation_rows(include_aliases=True)) == len(rows) + 61
