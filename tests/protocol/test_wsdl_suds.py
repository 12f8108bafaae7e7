"""suds (the library under bigsuds) builds a working client from our WSDL."""

from __future__ import annotations

from pathlib import Path

import pytest

from vcmp_mock.icontrol import wsdl
from vcmp_mock.icontrol.interfaces import INTERFACES

suds_client = pytest.importorskip("suds.client")
from suds.xsd.doctor import Import, ImportDoctor  # noqa: E402

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "f5-wsdl"


def make_client(path: Path):
    # Configured like bigsuds: the SOAP encoding schema comes from suds' own
    # store (no network), and type names are dotted, so '_' separates paths.
    encoding = Import("http://schemas.xmlsoap.org/soap/encoding/")
    encoding.filter.add("urn:iControl")
    client = suds_client.Client(path.as_uri(), doctor=ImportDoctor(encoding), cache=None,
                                nosend=True)
    client.factory.separator("_")
    return client


@pytest.fixture(scope="module")
def wsdl_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("wsdl")
    wsdl.write_all(out, "13.1.0")
    return out


@pytest.mark.parametrize("name", sorted(INTERFACES))
def test_suds_sees_every_operation_with_its_parameters(wsdl_dir, name):
    client = make_client(wsdl_dir / f"{name}.wsdl")
    methods = client.wsdl.services[0].ports[0].methods
    iface = INTERFACES[name]
    assert list(methods) == [op.name for op in iface.operations]
    for op in iface.operations:
        method = methods[op.name]
        params = [p[0] for p in method.binding.input.param_defs(method)]
        assert params == [p.name for p in op.params], op.name
        assert method.soap.action == f'"{iface.namespace}"'


def test_suds_builds_iControl_types(wsdl_dir):
    client = make_client(wsdl_dir / "System.VCMP.wsdl")
    netmask = client.factory.create("Common.IPNetmask")
    assert {"address", "netmask"} <= set(dict(netmask))
    state = client.factory.create("System.VCMP.VCMPGuestState")
    assert state.VCMP_GUEST_STATE_DEPLOYED == "VCMP_GUEST_STATE_DEPLOYED"


CALLS = [
    ("System.VCMP", "create", (["g1"], ["g1.example.com"], ["BIGIP-13.1.0.iso"],
                               [{"address": "10.1.1.5", "netmask": "255.255.255.0"}],
                               ["10.1.1.1"], [["vlan10", "vlan20"]])),
    ("System.VCMP", "set_guest_state", (["g1"], ["VCMP_GUEST_STATE_DEPLOYED"])),
    ("System.VCMP", "add_capability", (["g1"], [["VCMP_CAPABILITY_APPLIANCE_MODE"]],
                                       [[{"high": 0, "low": 1}]])),
    ("System.VCMP", "set_guest_allowed_slots", (["g1"], [[1, 2]])),
    ("System.VCMP", "delete_virtual_disk", ([{"slot_id": 1, "filename": "g1.img"}],)),
    ("System.VCMP", "get_list", ()),
    ("System.Cluster", "set_member_enabled_state", (["default"], [[1, 2]],
                                                    [["STATE_ENABLED", "STATE_DISABLED"]])),
    ("System.Session", "set_returned_path", ("PATH_FULL",)),
    ("System.SystemInfo", "set_time", ({"year": 2024, "month": 1, "day": 2, "hour": 3,
                                        "minute": 4, "second": 5},)),
    ("Management.Provision", "set_level", (["TMOS_MODULE_VCMP"], ["PROVISION_LEVEL_DEDICATED"])),
]


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"F5 reference WSDLs not present at {REFERENCE}")
@pytest.mark.parametrize("name,operation,args", CALLS, ids=[f"{c[0]}.{c[1]}" for c in CALLS])
def test_suds_sends_what_it_would_send_with_f5s_wsdl(wsdl_dir, name, operation, args):
    ours = getattr(make_client(wsdl_dir / f"{name}.wsdl").service, operation)(*args)
    theirs = getattr(make_client(REFERENCE / f"{name}.wsdl").service, operation)(*args)
    assert ours.envelope == theirs.envelope
