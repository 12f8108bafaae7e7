"""Guest configuration: defaults, every setter, and every refusal leaving the host as it was."""

import pytest

from hostkit import CONFIGURED, PROVISIONED, deployed, dump, make_host, new_guest
from vcmp_mock.domain.errors import (
    AlreadyExists,
    DomainError,
    GuestExists,
    GuestNotFound,
    IllegalState,
    InvalidArgument,
    NotFound,
)
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.model import Capability, ManagementAddress, NetworkMode, SlotAllocation, SslMode

MA = ManagementAddress


def test_a_new_guest_has_the_documented_defaults():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    g = host.guest("g1")
    assert (g.hostname, g.initial_image, g.management, g.gateway, g.vlans) == ("", "", MA("", ""), "", ())
    assert (g.network_mode, g.ssl_mode, g.fips_name, g.capabilities) == (NetworkMode.BRIDGED, SslMode.SHARED, "", ())
    assert (g.slots, g.min_slots, g.allowed_slots, g.assigned_slots) == (1, 1, (1, 2, 3, 4), ())
    assert (g.cores_per_slot, g.slot_allocation, g.virtual_disk, g.requested_state) == (
        2, SlotAllocation.SINGLE, "", CONFIGURED)


def test_create_stores_what_it_is_given_and_defaults_the_netmask():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1", "g1.example.com", "BIGIP-13.1.0.iso", MA("10.0.0.5", ""), "10.0.0.1",
                                ("vlan1", "/Common/vlan2", "vlan1")))
    g = host.guest("g1")
    assert g.management == MA("10.0.0.5", "255.255.255.0")
    assert g.vlans == ("vlan1", "/Common/vlan2")
    assert host.guest_names() == ["g1"]


def test_guest_names_are_listed_sorted():
    host, _ = make_host()
    for name in ("web", "app", "db"):
        host.create_guest(GuestSpec(name))
    assert host.guest_names() == ["app", "db", "web"]


@pytest.mark.parametrize("name", ["", "-x", ".x", "a b", "x" * 64, "a/b", None])
def test_bad_guest_names_are_refused(name):
    host, _ = make_host()
    with pytest.raises(InvalidArgument):
        host.create_guest(GuestSpec(name))
    assert host.guest_names() == []


def test_a_guest_name_is_unique():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1", "first.example.com"))
    with pytest.raises(GuestExists) as err:
        host.create_guest(GuestSpec("g1", "second.example.com"))
    assert err.value.name == "g1"
    assert host.guest("g1").hostname == "first.example.com"


@pytest.mark.parametrize(
    "address,netmask,stored",
    [
        ("10.1.2.3", "255.255.0.0", MA("10.1.2.3", "255.255.0.0")),
        ("10.1.2.3", "16", MA("10.1.2.3", "255.255.0.0")),
        ("2001:db8::5", "", MA("2001:db8::5", "ffff:ffff:ffff:ffff::")),
        ("2001:db8::5", "ffff:ffff:ffff:ff00::", MA("2001:db8::5", "ffff:ffff:ffff:ff00::")),
        ("", "", MA("", "")),
    ],
)
def test_management_addresses_are_checked_and_normalised(address, netmask, stored):
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    host.set_management_address("g1", MA(address, netmask))
    assert host.guest("g1").management == stored


@pytest.mark.parametrize(
    "address,netmask",
    [("10.1.2", ""), ("10.1.2.3", "255.0.255.0"), ("10.1.2.3", "0.0.0.255"), ("10.1.2.3", "33"),
     ("10.1.2.3", "ffff::"), ("0.0.0.0", ""), ("224.0.0.1", ""), ("127.0.0.1", ""), ("", "255.255.255.0"),
     ("2001:db8::5", "255.255.255.0"), ("host.example.com", "")],
)
def test_bad_management_addresses_are_refused(address, netmask):
    host, _ = make_host()
    host.create_guest(GuestSpec("g1", management=MA("10.0.0.5", "255.255.255.0")))
    with pytest.raises(InvalidArgument):
        host.set_management_address("g1", MA(address, netmask))
    assert host.guest("g1").management == MA("10.0.0.5", "255.255.255.0")


def test_the_gateway_matches_the_address_family():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1", management=MA("10.0.0.5", "24")))
    host.set_management_gateway("g1", "10.0.0.1")
    with pytest.raises(InvalidArgument):
        host.set_management_gateway("g1", "2001:db8::1")
    with pytest.raises(InvalidArgument):
        host.set_management_gateway("g1", "not-an-ip")
    with pytest.raises(InvalidArgument):
        host.set_management_address("g1", MA("2001:db8::5", "64"))  # the gateway is IPv4
    assert (host.guest("g1").gateway, host.guest("g1").management.address) == ("10.0.0.1", "10.0.0.5")
    host.set_management_gateway("g1", "")
    host.set_management_address("g1", MA("2001:db8::5", "64"))


@pytest.mark.parametrize("hostname", ["bad_host.example.com", "-a.example.com", "a..b", "x" * 64 + ".com"])
def test_bad_hostnames_are_refused(hostname):
    host, _ = make_host()
    host.create_guest(GuestSpec("g1", "good.example.com"))
    with pytest.raises(InvalidArgument):
        host.set_hostname("g1", hostname)
    assert host.guest("g1").hostname == "good.example.com"


def test_vlans_are_added_once_and_removed_by_name():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1", vlans=("a",)))
    host.add_vlans("g1", ["b", "a", "c"])
    assert host.guest("g1").vlans == ("a", "b", "c")
    host.remove_vlans("g1", ["b"])
    assert host.guest("g1").vlans == ("a", "c")
    with pytest.raises(NotFound):
        host.remove_vlans("g1", ["a", "zzz"])
    assert host.guest("g1").vlans == ("a", "c")
    with pytest.raises(InvalidArgument):
        host.add_vlans("g1", ["has space"])
    host.remove_all_vlans("g1")
    assert host.guest("g1").vlans == ()


@pytest.mark.parametrize("cores,ok", [(1, True), (2, True), (8, True), (3, False), (0, False), (10, False), (-2, False)])
def test_cores_per_slot_are_one_or_even_and_fit_a_blade(cores, ok):
    host, _ = make_host()  # B2100: 8 cores
    host.create_guest(GuestSpec("g1"))
    if ok:
        host.set_cores_per_slot("g1", cores)
        assert host.guest("g1").cores_per_slot == cores
    else:
        with pytest.raises(InvalidArgument):
            host.set_cores_per_slot("g1", cores)
        assert host.guest("g1").cores_per_slot == 2


def test_cores_are_refused_while_provisioned_or_deployed_or_releasing():
    host, clock = make_host()
    deployed(host, clock)
    with pytest.raises(IllegalState) as err:
        host.set_cores_per_slot("g1", 4)
    assert "configured" in err.value.reason
    host.set_requested_state("g1", CONFIGURED)
    with pytest.raises(IllegalState):
        host.set_cores_per_slot("g1", 4)  # still releasing its slot
    clock.advance(20)
    host.set_cores_per_slot("g1", 4)
    host.set_requested_state("g1", PROVISIONED)
    assert host.slot_usage(1) == {"g1": 4}


@pytest.mark.parametrize("ids", [[], [0], [5], [1, "2"], [True]])
def test_allowed_slots_must_exist(ids):
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    with pytest.raises(InvalidArgument):
        host.set_allowed_slots("g1", ids)
    assert host.guest("g1").allowed_slots == (1, 2, 3, 4)


def test_allowed_slots_are_sorted_without_duplicates():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    host.set_allowed_slots("g1", [4, 2, 4])
    assert host.guest("g1").allowed_slots == (2, 4)


def test_min_slots_never_exceeds_slots():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    with pytest.raises(InvalidArgument):
        host.set_min_slots("g1", 2)
    host.set_slots("g1", 3)
    host.set_min_slots("g1", 2)
    with pytest.raises(InvalidArgument):
        host.set_slots("g1", 1)
    assert (host.guest("g1").slots, host.guest("g1").min_slots) == (3, 2)


def test_options_change_in_any_state():
    host, clock = make_host()
    deployed(host, clock)
    host.set_hostname("g1", "renamed.example.com")
    host.set_initial_image("g1", "BIGIP-14.1.0-0.0.116.iso")
    host.set_network_mode("g1", NetworkMode.ISOLATED)
    host.set_ssl_mode("g1", SslMode.DEDICATED)
    host.set_fips_name("g1", "fips-part-1")
    g = host.guest("g1")
    assert (g.hostname, g.initial_image, g.network_mode, g.ssl_mode, g.fips_name) == (
        "renamed.example.com", "BIGIP-14.1.0-0.0.116.iso", NetworkMode.ISOLATED, SslMode.DEDICATED, "fips-part-1")
    assert host.disks()[0].image != g.initial_image  # the installed disk keeps its image


def test_enum_setters_refuse_other_values():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    for call in (lambda: host.set_network_mode("g1", "BRIDGED"), lambda: host.set_ssl_mode("g1", 2),
                 lambda: host.set_slot_allocation("g1", None)):
        with pytest.raises(InvalidArgument):
            call()


def test_capabilities():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    host.add_capabilities("g1", [(Capability.APPLIANCE_MODE, 1)])
    with pytest.raises(AlreadyExists):
        host.add_capabilities("g1", [(Capability.STATS_ISOLATED_MODE, 0), (Capability.APPLIANCE_MODE, 0)])
    assert host.guest("g1").capabilities == ((Capability.APPLIANCE_MODE, 1),)
    host.set_capability_values("g1", [(Capability.APPLIANCE_MODE, 2**64 - 1)])
    with pytest.raises(InvalidArgument):
        host.set_capability_values("g1", [(Capability.APPLIANCE_MODE, 2**64)])
    with pytest.raises(NotFound):
        host.set_capability_values("g1", [(Capability.STATS_ISOLATED_MODE, 1)])
    with pytest.raises(NotFound):
        host.remove_capabilities("g1", [Capability.STATS_ISOLATED_MODE])
    host.remove_capabilities("g1", [Capability.APPLIANCE_MODE])
    host.add_capabilities("g1", [(Capability.STATS_ISOLATED_MODE, 5), (Capability.APPLIANCE_MODE, 1)])
    assert [c for c, _ in host.guest("g1").capabilities] == [Capability.APPLIANCE_MODE, Capability.STATS_ISOLATED_MODE]
    host.remove_all_capabilities("g1")
    assert host.guest("g1").capabilities == ()


def test_fips_name_is_one_line():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    with pytest.raises(InvalidArgument):
        host.set_fips_name("g1", "a\nb")


def test_every_setter_refuses_an_unknown_guest():
    host, _ = make_host()
    calls = [
        lambda: host.set_hostname("x", "a"), lambda: host.set_initial_image("x", "i.iso"),
        lambda: host.set_management_address("x", MA("", "")), lambda: host.set_management_gateway("x", ""),
        lambda: host.set_network_mode("x", NetworkMode.BRIDGED), lambda: host.add_vlans("x", []),
        lambda: host.remove_vlans("x", []), lambda: host.remove_all_vlans("x"),
        lambda: host.set_slot_allocation("x", SlotAllocation.ALL), lambda: host.set_slots("x", 1),
        lambda: host.set_min_slots("x", 1), lambda: host.set_allowed_slots("x", [1]),
        lambda: host.set_cores_per_slot("x", 2), lambda: host.set_ssl_mode("x", SslMode.NONE),
        lambda: host.set_fips_name("x", ""), lambda: host.set_virtual_disk("x", ""),
        lambda: host.add_capabilities("x", []), lambda: host.set_capability_values("x", []),
        lambda: host.remove_capabilities("x", []), lambda: host.remove_all_capabilities("x"),
        lambda: host.delete_guest("x"), lambda: host.guest("x"), lambda: host.reset_statistics("x"),
        lambda: host.vm_statistics(["x"]), lambda: host.set_guest_timing("x", None),
    ]
    for call in calls:
        with pytest.raises(GuestNotFound):
            call()


def test_errors_are_domain_errors_with_fields():
    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    with pytest.raises(DomainError) as err:
        host.set_cores_per_slot("g1", 3)
    assert err.value.fields == {"field": "cores per slot", "value": 3}
    assert "1 or an even number" in err.value.message


def test_delete_all_guests():
    host, clock = make_host()
    deployed(host, clock, "a")
    host.create_guest(GuestSpec("b"))
    host.delete_all_guests()
    assert host.guest_names() == []
    assert [host.free_cores(s) for s in (1, 2, 3, 4)] == [8, 8, 8, 8]
    assert [d.guest for d in host.disks()] == [None]


def test_refused_changes_leave_a_busy_host_unchanged():
    host, clock = make_host()
    deployed(host, clock, "a", slots=2)
    new_guest(host, "b")
    host.set_requested_state("b", PROVISIONED)
    clock.advance(100)
    before = dump(host)
    refusals = [
        lambda: host.set_slots("a", 1), lambda: host.set_allowed_slots("a", [3]),
        lambda: host.set_cores_per_slot("b", 4), lambda: host.set_virtual_disk("a", "z.img"),
        lambda: host.create_guest(GuestSpec("a")), lambda: host.remove_vlans("a", ["nope"]),
        lambda: host.set_management_gateway("a", "fe80::1"),
    ]
    for call in refusals:
        with pytest.raises(DomainError):
            call()
    assert dump(host) == before


def test_malformed_arguments_get_a_clear_error_not_a_crash():
    from vcmp_mock.domain.model import DiskKey

    host, _ = make_host()
    host.create_guest(GuestSpec("g1"))
    before = dump(host)
    calls = [
        lambda: host.add_vlans("g1", "vlan1"),  # one string, not a list
        lambda: host.add_capabilities("g1", [Capability.APPLIANCE_MODE]),
        lambda: host.add_capabilities("g1", [("APPLIANCE_MODE", 1)]),
        lambda: host.set_allowed_slots("g1", "12"),
        lambda: host.set_slots("g1", "2"),
        lambda: host.set_guest_timing("g1", {"install": 1}),
        lambda: host.insert_blade(1, "B2100"),
        lambda: host.schedule(float("nan"), lambda h: None),
        lambda: host.schedule(10, "not callable"),
        lambda: host.fail_disk(DiskKey(1, "none.img")),
        lambda: host.free_cores("one"),
        lambda: host.set_min_up_members(-1),
    ]
    for call in calls:
        with pytest.raises(DomainError):
            call()
    assert dump(host) == before
