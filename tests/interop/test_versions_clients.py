"""--bigip-version seen by real clients: the WSDL they fetch and the calls they make.

One live server per emulated release (11.4.1, 11.6.0, 12.1.0, 13.1.0).
suds and bigsuds build their clients from the WSDL the portal serves, so an
operation the release lacks is simply not there (bigsuds: MethodNotFound);
a client built from a newer WSDL that calls it anyway gets the portal's
unknown-method fault.
"""

from __future__ import annotations

import pytest

pytest.importorskip("bigsuds", reason="bigsuds is installed by .ci/run (no-deps)")

import bigsuds  # noqa: E402
from suds import WebFault  # noqa: E402
from suds.client import Client  # noqa: E402
from suds.xsd.doctor import Import, ImportDoctor  # noqa: E402

from support.clients import SudsInterface, UnverifiedHttps  # noqa: E402
from support.live import live_server  # noqa: E402
from vcmp_mock.domain.host import GuestSpec  # noqa: E402
from vcmp_mock.icontrol import wsdl  # noqa: E402
from vcmp_mock.icontrol.interfaces import INTERFACES, version_key  # noqa: E402

pytestmark = pytest.mark.interop

VERSIONS = ("11.4.1", "11.6.0", "12.1.0", "13.1.0")
IMAGE = "BIGIP-11.4.1.0.0.608.iso"


@pytest.fixture(scope="module", params=VERSIONS)
def server(request, tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("tls"), bigip_version=request.param) as live:
        yield live


def version_of(server) -> str:
    return server.config.bigip_version


def test_every_interface_answers_the_emulated_version(admin, server):
    for name in INTERFACES:
        module, interface = name.split(".")
        client = getattr(getattr(admin, module), interface)
        assert client.get_version() == f"BIG-IP_v{version_of(server)}", name


@pytest.mark.parametrize("name", sorted(INTERFACES))
def test_the_served_wsdl_lists_exactly_the_releases_operations(server, name):
    client = SudsInterface(server, name)
    expected = [op.name for op in INTERFACES[name].operations_for(version_of(server))]
    assert client.operations == expected


def test_the_served_wsdl_lists_only_the_releases_enum_members(server):
    vcmp = SudsInterface(server, "System.VCMP")
    modes = vcmp.enum_members("System.VCMP.VCMPNetworkMode")
    capabilities = vcmp.enum_members("System.VCMP.VCMPCapabilityID") if "add_capability" in vcmp.operations else []
    modules = SudsInterface(server, "Management.Provision").enum_members("Common.TMOSModule")
    newer = version_key(version_of(server)) >= (11, 6, 0)
    assert ("VCMP_NETWORK_MODE_HOST_ONLY" in modes) is newer
    assert ("TMOS_MODULE_AFM" in modules) is newer
    assert ("TMOS_MODULE_URLDB" in modules) is (version_key(version_of(server)) >= (13, 0, 0))
    if capabilities:
        assert ("VCMP_CAPABILITY_STATS_ISOLATED_MODE" in capabilities) is newer


def test_bigsuds_does_not_find_operations_the_release_lacks(admin, server):
    vcmp = admin.System.VCMP
    has_fips = version_key(version_of(server)) >= (13, 1, 0)
    if has_fips:
        assert vcmp.get_fips_name([]) == []
    else:
        with pytest.raises(bigsuds.MethodNotFound):
            vcmp.get_fips_name([])
    if version_key(version_of(server)) < (12, 0, 0):
        with pytest.raises(bigsuds.MethodNotFound):
            admin.System.Session.get_force_sessions_state()
    else:
        assert admin.System.Session.get_force_sessions_state() == "STATE_DISABLED"


def suds_13_1(server, tmp_path, name="System.VCMP"):
    """A suds client built from the 13.1.0 WSDL, pointed at ``server``."""
    path = tmp_path / f"{name}.wsdl"
    path.write_bytes(wsdl.generate(name, "13.1.0"))
    encoding = Import("http://schemas.xmlsoap.org/soap/encoding/")
    encoding.filter.add("urn:iControl")
    return Client(path.as_uri(), location=server.url, doctor=ImportDoctor(encoding), cache=None,
                  transport=UnverifiedHttps(username="admin", password="admin"))


def test_a_client_built_for_13_1_gets_unknown_method_from_an_older_release(server, tmp_path):
    client = suds_13_1(server, tmp_path)
    server.sim.reset()
    server.sim.host.create_guest(GuestSpec("g1"))
    if version_of(server) == "13.1.0":
        assert client.service.get_ssl_mode(["g1"]) == ["VCMP_SSL_MODE_SHARED"]
        return
    operation = "get_ssl_mode" if version_key(version_of(server)) < (12, 0, 0) else "get_fips_name"
    with pytest.raises(WebFault) as caught:
        getattr(client.service, operation)(["g1"])
    assert str(caught.value.fault.faultstring) == f'Unknown method "{{urn:iControl:System/VCMP}}:{operation}"'


def _create(admin, name="g1"):
    admin.System.VCMP.create(guests=[name], hostnames=[f"{name}.example.com"], images=[IMAGE],
                             addresses=[{"address": "10.0.0.11", "netmask": "255.255.255.0"}],
                             gateways=["10.0.0.1"], vlans=[["vlan10"]])


def test_newer_enum_members_are_refused_by_older_releases(admin, server, tmp_path):
    _create(admin)
    vcmp = admin.System.VCMP
    if version_key(version_of(server)) >= (11, 6, 0):
        vcmp.set_network_mode(["g1"], ["VCMP_NETWORK_MODE_HOST_ONLY"])
        assert vcmp.get_network_mode(["g1"]) == ["VCMP_NETWORK_MODE_HOST_ONLY"]
        return
    # bigsuds checks enum values against the WSDL it fetched: the member is not there.
    with pytest.raises(bigsuds.ArgumentError, match="not a valid value for System.VCMP.VCMPNetworkMode"):
        vcmp.set_network_mode(["g1"], ["VCMP_NETWORK_MODE_HOST_ONLY"])
    # A client built for 13.1 sends it anyway: the portal refuses it.
    newer = suds_13_1(server, tmp_path)
    with pytest.raises(WebFault) as caught:
        newer.service.set_network_mode(["g1"], ["VCMP_NETWORK_MODE_HOST_ONLY"])
    text = str(caught.value.fault.faultstring)
    assert "Common::InvalidArgument" in text
    assert "Invalid value (VCMP_NETWORK_MODE_HOST_ONLY) for enumeration type System.VCMP.VCMPNetworkMode." in text
    assert vcmp.get_network_mode(["g1"]) == ["VCMP_NETWORK_MODE_BRIDGED"]


def test_delete_guest_deletes_the_disk_before_12_1_and_detaches_it_since(admin, server):
    vcmp = admin.System.VCMP
    _create(admin)
    vcmp.set_guest_state(["g1"], ["VCMP_GUEST_STATE_PROVISIONED"])
    for _ in range(300):
        (records,) = vcmp.get_completion_status(["g1"])
        if records and all(r["request_complete"] for r in records):
            break
        server.sim.clock.advance(15)
    disks = vcmp.get_virtual_disk_list()
    assert disks
    vcmp.delete_guest(["g1"])
    kept = version_key(version_of(server)) >= (12, 1, 0)
    assert vcmp.get_virtual_disk_list() == (disks if kept else [])
