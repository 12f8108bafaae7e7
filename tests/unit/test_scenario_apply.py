"""A scenario applied to a simulator: setup, events at their time, rules, reset."""

from __future__ import annotations

import pytest

from vcmp_mock.config import Config, User
from vcmp_mock.domain.clock import DEFAULT_EPOCH, ManualClock, RealClock
from vcmp_mock.domain.model import GuestState, ManagementAddress, NetworkMode
from vcmp_mock.engine import faults as fl
from vcmp_mock.engine.scenario import ScenarioInvalid, loads
from vcmp_mock.engine.scenario_apply import configure, make_clock, start
from vcmp_mock.engine.scenario_hardware import chassis_spec

IMAGE = "BIGIP-13.1.0.iso"


def run(text: str, **config):
    clock = ManualClock()
    runtime = start(loads(text, "t.yaml"), Config(**config), clock=clock)
    return runtime, clock


def statuses(runtime, name):
    return [(r.slot_id, r.status.name) for r in runtime.host.completion_status(name)]


# --- settings and hardware ------------------------------------------------------------


def test_configure_takes_the_scenario_settings():
    scenario = loads(
        "version: 1\nseed: 9\nbigip_version: 12.1.0\nclock: {mode: real, scale: 30}\n"
        "users: [{name: v, password: p, role: guest}]\nchassis: {preset: viprion-c4800}\n"
    )
    config = configure(Config(), scenario)
    assert (config.seed, config.bigip_version, config.time_scale, config.preset) == (9, "12.1.0", 30, "viprion-c4800")
    assert config.users == (User("v", "p", "guest"),)


def test_configure_keeps_what_the_scenario_leaves_out():
    config = Config(seed=4, bigip_version="11.6.0", time_scale=5)
    assert configure(config, loads("version: 1\n")) == config


def test_clocks():
    manual = make_clock(loads("version: 1\nclock: {mode: manual, start: 2030-01-01T00:00:00Z}\n"), Config())
    assert isinstance(manual, ManualClock) and manual.now() == 1893456000.0
    real = make_clock(loads("version: 1\nclock: {mode: real, scale: 60}\n"), Config(time_scale=60))
    assert isinstance(real, RealClock) and real.scale == 60 and real.now() >= DEFAULT_EPOCH


def test_chassis_from_preset_blades_and_slot_states():
    scenario = loads(
        "version: 1\nchassis:\n  preset: viprion-c2400\n  blade: {model: b2100, cores: 12}\n"
        "  slots:\n    - {id: 1, state: priming}\n    - {id: 2, state: down, blade: b2250}\n"
        "    - {id: 3, state: empty}\n    - {id: 4, state: disabled}\n  primary_slot: 1\n"
    )
    spec = chassis_spec(scenario.chassis, "viprion-c2400")
    s1, s2, s3, s4 = spec.slots
    assert (s1.blade.name, s1.blade.cores, s1.priming, s1.usable) == ("B2100", 12, True, True)
    assert (s2.blade.name, s2.up) == ("B2250", False)
    assert s3.blade is None
    assert (s4.blade.cores, s4.enabled) == (12, False)
    assert spec.primary_slot == 1


# --- guests at the start --------------------------------------------------------------


def test_settled_guests_start_in_their_state_with_their_attributes():
    runtime, _ = run(
        "version: 1\nguests:\n"
        f"  - {{name: a, state: deployed, slots: 2, cores_per_slot: 4, assigned_slots: [2, 4], initial_image: {IMAGE},\n"
        "     management_address: 192.0.2.5/24, network_mode: isolated, vlans: [v1]}\n"
        f"  - {{name: b, state: provisioned, initial_image: {IMAGE}}}\n"
        "  - {name: c}\n"
    )
    host = runtime.host
    assert statuses(runtime, "a") == [(2, "RUNNING"), (4, "RUNNING")]
    assert statuses(runtime, "b") == [(1, "STOPPED")]
    assert statuses(runtime, "c") == []
    a = host.guest("a")
    assert (a.requested_state, a.assigned_slots, a.cores_per_slot) == (GuestState.DEPLOYED, (2, 4), 4)
    assert a.management == ManagementAddress("192.0.2.5", "255.255.255.0")
    assert (a.network_mode, a.vlans, a.allowed_slots) == (NetworkMode.ISOLATED, ("v1",), (1, 2, 3, 4))


def test_an_unsettled_guest_works_through_the_phases_from_time_zero():
    runtime, clock = run(
        "version: 1\ntiming: {slot_skew: 0}\nguests:\n"
        f"  - {{name: g, state: provisioned, settled: false, initial_image: {IMAGE},\n"
        "     timing: {install: 100, progress_step: 10}}\n"
    )
    assert statuses(runtime, "g") == [(1, "CREATED")]
    clock.advance(2 + 10 + 5 + 55)  # allocate, disk_create, install_wait, 55 s of install
    assert runtime.host.completion_status("g")[0].comment == "Installing: 50% complete"
    clock.advance(45)
    assert statuses(runtime, "g") == [(1, "STOPPED")]


def test_guests_that_do_not_fit_are_reported_at_their_line():
    with pytest.raises(ScenarioInvalid) as caught:
        run(
            "version: 1\nchassis: {preset: bigip-i5800}\nguests:\n"
            f"  - {{name: a, state: deployed, cores_per_slot: 6, initial_image: {IMAGE}}}\n"
            f"  - {{name: b, state: deployed, cores_per_slot: 4, initial_image: {IMAGE}}}\n"
        )
    (error,) = caught.value.errors
    assert str(error).startswith("t.yaml:5 guests[1].state: cannot be deployed: Insufficient resources")


def test_the_host_refusing_a_value_is_reported_at_its_line():
    with pytest.raises(ScenarioInvalid) as caught:
        run("version: 1\nguests:\n  - {name: a, virtual_disk: d.img}\n  - {name: b, virtual_disk: d.img}\n")
    (error,) = caught.value.errors
    assert str(error) == (
        "t.yaml:4 guests[1].virtual_disk: Virtual disk d.img: it is the disk of vCMP guest (a)"
    )


# --- events -----------------------------------------------------------------------------

BLADE = (
    "version: 1\ntiming: {slot_skew: 0}\nguests:\n"
    f"  - {{name: g, state: deployed, slots: 2, assigned_slots: [1, 2], initial_image: {IMAGE}}}\n"
    "events:\n  - {at: 120, blade: {slot: 2, state: down}}\n  - {at: 130, blade: {slot: 2, state: up}}\n"
)


def test_time_events_happen_at_their_time():
    runtime, clock = run(BLADE)
    clock.advance(119)
    assert statuses(runtime, "g") == [(1, "RUNNING"), (2, "RUNNING")]
    clock.advance(2)
    assert statuses(runtime, "g") == [(1, "RUNNING"), (2, "INACTIVE")]


def test_time_events_happen_at_their_time_even_when_read_later():
    runtime, clock = run(BLADE)
    # Back up at 130: allocate 2 s, attach the disk 2 s, wait 3 s, boot 90 s: up at 227.
    clock.advance(226)
    assert statuses(runtime, "g") == [(1, "RUNNING"), (2, "STARTING")]
    clock.advance(2)
    assert statuses(runtime, "g") == [(1, "RUNNING"), (2, "RUNNING")]


def test_after_polls_changes_the_guest_after_the_nth_answer():
    runtime, _ = run(
        f"version: 1\nguests:\n  - {{name: g, state: deployed, initial_image: {IMAGE}}}\n"
        "events:\n  - after_polls: {guest: g, count: 2}\n    set_guest_state: {guest: g, state: provisioned}\n"
    )
    seen = []
    for _ in range(3):
        runtime.before_request("System.VCMP", "get_completion_status", ["g"])
        seen.append(runtime.host.guest("g").requested_state)
    assert seen == [GuestState.DEPLOYED, GuestState.DEPLOYED, GuestState.PROVISIONED]


def test_on_request_event_happens_before_the_request_is_served():
    runtime, _ = run(
        "version: 1\nguests: [{name: g}]\n"
        "events:\n  - on_request: {operation: set_guest_state, guest: g}\n    delete_guest: {guest: g}\n"
    )
    runtime.before_request("System.VCMP", "get_list")
    assert runtime.host.has_guest("g")
    runtime.before_request("System.VCMP", "set_guest_state", ["g"])
    assert not runtime.host.has_guest("g")


def test_refused_events_are_recorded_not_raised():
    runtime, clock = run("version: 1\nchassis: {slots: [{id: 3, state: empty}]}\nevents:\n  - {at: 5, blade: {slot: 3, state: down}}\n")
    clock.advance(10)
    assert runtime.event_errors() == [(5.0, "events[0]", "Slot 3: no blade is installed")]


def test_blade_removed_and_inserted():
    runtime, clock = run(
        "version: 1\nevents:\n  - {at: 5, blade: {slot: 4, state: removed}}\n"
        "  - {at: 6, blade: {slot: 4, state: inserted, blade: {model: b2250, cores: 10}}}\n"
    )
    clock.advance(5.5)
    assert runtime.host.slot(4).blade is None
    clock.advance(1)
    assert (runtime.host.slot(4).blade.name, runtime.host.slot(4).blade.cores) == ("B2250", 10)


def test_disk_failure_and_primary_slot():
    runtime, clock = run(
        f"version: 1\nguests:\n  - {{name: g, state: provisioned, assigned_slots: [2], initial_image: {IMAGE}}}\n"
        "events:\n  - {at: 5, disk_failure: {guest: g, slot: 2, comment: disk gone}}\n"
        "  - {at: 6, primary_slot: {slot: 3}}\n"
    )
    clock.advance(7)
    (record,) = runtime.host.completion_status("g")
    assert (record.slot_id, record.status.name, record.comment) == (2, "FAILED", "disk gone")
    assert runtime.host.cluster().primary_slot == 3


# --- faults -------------------------------------------------------------------------------


def test_request_faults_come_from_the_rules():
    runtime, _ = run(
        "version: 1\nfaults:\n  - match: {operation: create, nth: 2}\n"
        "    soap_fault: {exception: 'Common::OperationFailed', error_string: no}\n"
        "  - match: {interface: System.Cluster}\n    transport: {kind: delay, seconds: 0.5}\n"
    )
    got = [runtime.before_request("System.VCMP", "create") for _ in range(3)]
    assert got == [None, fl.ProtocolFault("Common::OperationFailed", "no"), None]
    assert runtime.before_request("System.Cluster", "get_list") == fl.TransportFault(fl.TransportKind.DELAY, 0.5)


def test_a_rule_can_look_at_the_phase_of_a_guest():
    runtime, clock = run(
        f"version: 1\ntiming: {{slot_skew: 0}}\nguests:\n  - {{name: g, state: provisioned, settled: false, initial_image: {IMAGE}}}\n"
        "faults:\n  - match: {guest: g, phase: installing}\n    http_error: {status: 503}\n"
    )
    assert runtime.before_request("System.VCMP", "get_completion_status", ["g"]) is None
    clock.advance(20)
    assert runtime.before_request("System.VCMP", "get_completion_status", ["g"]) == fl.HttpFault(503)


INSTALL_FAILS = (
    "version: 1\ntiming: {slot_skew: 0, install: 100}\nclient_guests: [g]\nfaults:\n"
    "  - match: {guest: g, slot: 2, phase: installing}\n    times: 1\n"
    "    domain: {effect: fail, at_percent: 60, comment: 'Install failed: disk full'}\n"
)


def _deploy_new_guest(runtime, name="g", slots=2):
    from vcmp_mock.domain.host import GuestSpec

    host = runtime.host
    host.create_guest(GuestSpec(name, initial_image=IMAGE))
    host.set_slots(name, slots)
    host.set_requested_state(name, GuestState.DEPLOYED)


def test_domain_fault_fails_one_slot_at_its_percent_and_stays_failed():
    runtime, clock = run(INSTALL_FAILS)
    _deploy_new_guest(runtime)
    clock.advance(2 + 10 + 5 + 59)
    assert statuses(runtime, "g") == [(1, "INSTALLING"), (2, "INSTALLING")]
    clock.advance(2)
    assert runtime.host.completion_status("g")[1].comment == "Install failed: disk full"
    for _ in range(3):
        clock.advance(1000)
        assert statuses(runtime, "g") == [(1, "RUNNING"), (2, "FAILED")]
    runtime.host.set_requested_state("g", GuestState.DEPLOYED)  # a retry: the rule is spent
    clock.advance(1000)
    assert statuses(runtime, "g") == [(1, "RUNNING"), (2, "RUNNING")]


def test_domain_faults_leave_the_starting_guests_alone():
    runtime, _ = run(
        f"version: 1\nguests:\n  - {{name: g, state: deployed, initial_image: {IMAGE}}}\n"
        "faults:\n  - match: {guest: g, phase: installing}\n    domain: {effect: fail}\n"
    )
    assert statuses(runtime, "g") == [(1, "RUNNING")]
    assert [c.matched for c in runtime.rules.counts()] == [0]


# --- reset and determinism ------------------------------------------------------------------


def test_reset_restores_the_scenario_and_restarts_its_time():
    runtime, clock = run(BLADE + "faults:\n  - match: {operation: get_list}\n    times: 1\n    http_error: {status: 500}\n")
    runtime.host.delete_guest("g")
    assert runtime.before_request("System.VCMP", "get_list") == fl.HttpFault(500)
    clock.advance(1000)
    runtime.reset()
    assert runtime.elapsed() == 0
    assert statuses(runtime, "g") == [(1, "RUNNING"), (2, "RUNNING")]
    assert runtime.before_request("System.VCMP", "get_list") == fl.HttpFault(500)
    clock.advance(121)
    assert statuses(runtime, "g") == [(1, "RUNNING"), (2, "INACTIVE")]


def _session(text):
    """A fixed client session; everything it saw, call for call."""
    runtime, clock = run(text)
    seen = [runtime.host.guest(n).__dict__ for n in runtime.host.guest_names()]
    _deploy_new_guest(runtime, "new", 2)
    for _ in range(40):
        seen.append(runtime.before_request("System.VCMP", "get_completion_status", ["new"]))
        seen.append(runtime.host.completion_status("new"))
        clock.advance(17)
    return seen


def test_same_scenario_same_seed_same_answers_call_for_call():
    text = (
        "version: 1\nseed: 11\nclient_guests: [new]\nguests:\n"
        f"  - {{name: old, state: deployed, initial_image: {IMAGE}}}\n"
        "faults:\n  - match: {operation: get_completion_status}\n    probability: 0.3\n"
        "    transport: {kind: delay, distribution: uniform, min: 0, max: 1}\n"
        "  - match: {phase: installing}\n    probability: 0.5\n    domain: {effect: fail, comment: bad luck}\n"
    )
    first = _session(text)
    assert first == _session(text)
    assert first != _session(text.replace("seed: 11", "seed: 12"))
