"""Loading a scenario: every field of the format reaches the typed model."""

from __future__ import annotations

import pytest

from vcmp_mock.config import User
from vcmp_mock.domain.model import (
    Capability,
    GuestState,
    ManagementAddress,
    NetworkMode,
    SlotAllocation,
    SslMode,
)
from vcmp_mock.domain.timing import Timing
from vcmp_mock.engine import events as ev
from vcmp_mock.engine import faults as fl
from vcmp_mock.engine.scenario import (
    BladeSpec,
    Catalogue,
    ClockSpec,
    ScenarioInvalid,
    SlotSpec,
    loads,
)
from vcmp_mock.icontrol.interfaces import ALIASES, SUPPORTED_VERSIONS, operation_rows

CATALOGUE = Catalogue.from_rows(operation_rows(include_aliases=True), SUPPORTED_VERSIONS, ALIASES)

EVERYTHING = """\
version: 1
description: Every field once.
seed: 42
bigip_version: 12.1.0
clock: {mode: real, scale: 60, start: 2026-03-01T12:00:00Z}
users:
  - {name: admin, password: secret}
  - {name: viewer, password: v, role: guest}
chassis:
  preset: viprion-c2400
  blade: {model: b2100, cores: 12, memory_per_core_mb: 2048, max_guests: 6}
  slots:
    - {id: 2, state: down}
    - {id: 3, state: empty}
    - {id: 4, blade: b2150}
  primary_slot: 1
guests:
  - name: g1
    state: deployed
    settled: false
    hostname: g1.example.net
    initial_image: BIGIP-12.1.0.iso
    management_address: 192.0.2.5/255.255.255.128
    management_gateway: 192.0.2.1
    network_mode: host_only
    vlans: [internal, /Common/external]
    slot_allocation: single
    slots: 2
    min_slots: 1
    allowed_slots: [4, 1]
    assigned_slots: [1, 4]
    cores_per_slot: 4
    ssl_mode: dedicated
    fips_name: fips1
    capabilities: {appliance_mode: 1, stats_isolated_mode: 0}
    virtual_disk: g1-disk.img
    timing: {install: 30}
  - {name: g2}
client_guests: [new1]
timing:
  allocate: 1
  disk_create: 2
  disk_attach: 3
  migrate_wait: 4
  migrate: 5
  install_wait: 6
  install: 7
  start_wait: 8
  start: 9
  stop: 10
  slot_skew: 0.5
  progress_step: 5
  install_comment: "{percent}% on {slot}"
  migrate_comment: "copy {disk}: {percent}%"
  inactive_comment: "{guest} lost slot {slot}: {reason}"
events:
  - at: 120
    blade: {slot: 2, state: up}
  - at: 130
    blade: {slot: 3, state: inserted, blade: b2250}
  - after_polls: {guest: g1, count: 3}
    set_guest_state: {guest: g1, state: provisioned}
  - after_polls: {guest: g1, count: 2, operation: get_guest_state}
    delete_guest: {guest: g2}
  - on_request: {interface: System.VCMP, operation: set_guest_state, guest: new1, user: admin, times: 2}
    disk_failure: {guest: g1, slot: 1, comment: "disk gone"}
  - on_request: {operation: get_list, nth: 4, slot: 1}
    disk_migration: {guest: g1, from_slot: 1, to_slot: 4}
  - at: 0
    primary_slot: {slot: 4}
faults:
  - match: {operation: set_guest_state, guest: g2, nth: 1}
    soap_fault:
      exception: "Common::OperationFailed"
      error_string: slot 2 unavailable
      primary_code: 0x01020036
      secondary_code: 7
  - match: {interface: System.Cluster, user: viewer, since: 10, until: 20}
    times: 3
    skip: 1
    probability: 0.5
    http_error: {status: 503, body: busy, retry_after: 4}
  - match: {phase: starting, guest: g1}
    http_error: {status: 401}
  - transport: {kind: delay, seconds: 0.25}
  - transport: {kind: delay, distribution: uniform, min: 0.1, max: 0.3}
  - transport: {kind: delay, distribution: lognormal, median: 0.5, sigma: 0.2, max: 2}
  - transport: {kind: connection_reset}
  - transport: {kind: empty_response}
  - transport: {kind: truncate, after_bytes: 100}
  - transport: {kind: truncate, fraction: 0.5}
  - transport: {kind: malformed_xml}
  - transport: {kind: hang, seconds: 5}
  - transport: {kind: hang}
  - match: {guest: g1, slot: 1, phase: installing}
    domain: {effect: fail, at_percent: 60, comment: "Install failed: disk full"}
  - match: {phase: migrating_disk}
    domain: {effect: stall}
"""


@pytest.fixture(scope="module")
def everything():
    return loads(EVERYTHING, "every.yaml", CATALOGUE)


def test_top_level(everything):
    s = everything
    assert s.source == "every.yaml"
    assert s.description == "Every field once."
    assert (s.seed, s.bigip_version) == (42, "12.1.0")
    assert s.clock == ClockSpec("real", 60, 1772366400.0)
    assert s.users == (User("admin", "secret", "admin"), User("viewer", "v", "guest"))
    assert s.client_guests == ("new1",)


def test_defaults_leave_the_server_settings():
    s = loads("version: 1\n")
    assert (s.seed, s.bigip_version, s.clock, s.users) == (None, None, None, None)
    assert s.chassis.preset is None and s.guests == () and s.events == () and s.faults == ()
    assert s.timing.apply(Timing()) == Timing()


def test_chassis(everything):
    c = everything.chassis
    assert c.preset == "viprion-c2400"
    assert c.blade == BladeSpec("b2100", 12, 2048, 6)
    assert c.slots == (SlotSpec(2, "down"), SlotSpec(3, "empty"), SlotSpec(4, "ok", BladeSpec("b2150")))
    assert c.primary_slot == 1


def test_guest_with_every_attribute(everything):
    g1, g2 = everything.guests
    assert (g1.name, g1.state, g1.settled) == ("g1", GuestState.DEPLOYED, False)
    assert (g1.hostname, g1.initial_image) == ("g1.example.net", "BIGIP-12.1.0.iso")
    assert g1.management == ManagementAddress("192.0.2.5", "255.255.255.128")
    assert g1.gateway == "192.0.2.1"
    assert g1.network_mode is NetworkMode.HOST_ONLY
    assert g1.vlans == ("internal", "/Common/external")
    assert g1.slot_allocation is SlotAllocation.SINGLE
    assert (g1.slots, g1.min_slots, g1.cores_per_slot) == (2, 1, 4)
    assert (g1.allowed_slots, g1.assigned_slots) == ((1, 4), (1, 4))
    assert g1.ssl_mode is SslMode.DEDICATED
    assert g1.fips_name == "fips1"
    assert g1.capabilities == ((Capability.APPLIANCE_MODE, 1), (Capability.STATS_ISOLATED_MODE, 0))
    assert g1.virtual_disk == "g1-disk.img"
    assert g1.timing.apply(Timing()).install == 30
    assert g1.where == "guests[0]"
    # left out: the host's defaults
    assert (g2.state, g2.settled, g2.slots, g2.management, g2.timing) == (
        GuestState.CONFIGURED, True, None, None, None,
    )


def test_management_address_defaults_to_a_24_bit_mask():
    s = loads("version: 1\nguests: [{name: g, management_address: 10.1.2.3}]\n")
    assert s.guests[0].management == ManagementAddress("10.1.2.3", "255.255.255.0")


def test_timing_changes_every_field(everything):
    t = everything.timing.apply(Timing())
    durations = [t.allocate, t.disk_create, t.disk_attach, t.migrate_wait, t.migrate,
                 t.install_wait, t.install, t.start_wait, t.start, t.stop]
    assert durations == list(range(1, 11))
    assert (t.slot_skew, t.progress_step) == (0.5, 5)
    assert t.install_comment == "{percent}% on {slot}"
    assert t.migrate_comment == "copy {disk}: {percent}%"
    assert t.inactive_comment == "{guest} lost slot {slot}: {reason}"


def test_events(everything):
    e = everything.events
    assert [x.where for x in e] == [f"events[{i}]" for i in range(7)]
    assert e[0].trigger == ev.AtTime(120) and e[0].action == ev.BladeEvent(2, ev.BladeChange.UP)
    assert e[1].action == ev.BladeEvent(3, ev.BladeChange.INSERTED, BladeSpec("b2250"))
    assert e[2].trigger == ev.AfterPolls("g1", 3, "get_completion_status")
    assert e[2].action == ev.GuestStateEvent("g1", GuestState.PROVISIONED)
    assert e[3].trigger == ev.AfterPolls("g1", 2, "get_guest_state")
    assert e[3].action == ev.GuestDeleteEvent("g2")
    assert e[4].trigger == ev.OnRequest(
        fl.Match(interface="System.VCMP", operation="set_guest_state", guest="new1", user="admin"), 2
    )
    assert e[4].action == ev.DiskFailureEvent("g1", 1, "disk gone")
    assert e[5].trigger == ev.OnRequest(fl.Match(operation="get_list", nth=4, slot=1), 1)
    assert e[5].action == ev.DiskMigrationEvent("g1", 1, 4)
    assert e[6].action == ev.PrimarySlotEvent(4)


def test_fault_rules(everything):
    f = everything.faults
    assert f[0].match == fl.Match(operation="set_guest_state", guest="g2", nth=1)
    assert f[0].action == fl.ProtocolFault("Common::OperationFailed", "slot 2 unavailable", 0x01020036, 7)
    assert (f[0].times, f[0].skip, f[0].probability) == (None, 0, 1.0)
    assert f[1].match == fl.Match(interface="System.Cluster", user="viewer", since=10, until=20)
    assert (f[1].times, f[1].skip, f[1].probability) == (3, 1, 0.5)
    assert f[1].action == fl.HttpFault(503, "busy", 4)
    assert f[2].match.phase == "starting" and f[2].action == fl.HttpFault(401)
    kinds = fl.TransportKind
    assert [r.action for r in f[3:13]] == [
        fl.TransportSpec(kinds.DELAY, delay=fl.Delay("fixed", seconds=0.25)),
        fl.TransportSpec(kinds.DELAY, delay=fl.Delay("uniform", low=0.1, high=0.3)),
        fl.TransportSpec(kinds.DELAY, delay=fl.Delay("lognormal", median=0.5, sigma=0.2, cap=2)),
        fl.TransportSpec(kinds.CONNECTION_RESET),
        fl.TransportSpec(kinds.EMPTY_RESPONSE),
        fl.TransportSpec(kinds.TRUNCATE, after_bytes=100),
        fl.TransportSpec(kinds.TRUNCATE, fraction=0.5),
        fl.TransportSpec(kinds.MALFORMED_XML),
        fl.TransportSpec(kinds.HANG, hold_seconds=5),
        fl.TransportSpec(kinds.HANG),
    ]
    assert f[13].match == fl.Match(guest="g1", slot=1, phase="installing")
    assert f[13].action == fl.DomainFault(fl.DomainEffect.FAIL, "Install failed: disk full", 60)
    assert f[14].action == fl.DomainFault(fl.DomainEffect.STALL)
    assert [r.where for r in f] == [f"faults[{i}]" for i in range(15)]


def test_later_errors_are_placed_like_load_errors(everything):
    err = everything.error("guests[0].assigned_slots", "cannot be placed")
    assert str(err) == "every.yaml:31 guests[0].assigned_slots: cannot be placed"
    assert str(everything.error("nowhere", "x")) == "every.yaml:1 nowhere: x"


def test_user_passwords_stay_out_of_reprs(everything):
    assert "secret" not in repr(everything)


def test_a_catalogue_is_optional():
    # Without one (no icontrol at hand), names are checked for shape only.
    s = loads("version: 1\nfaults: [{match: {operation: no_such_op}, http_error: {status: 500}}]\n")
    assert s.faults[0].match.operation == "no_such_op"
    with pytest.raises(ScenarioInvalid):
        loads("version: 1\nfaults: [{match: {operation: no_such_op}, http_error: {status: 500}}]\n",
              catalogue=CATALOGUE)
