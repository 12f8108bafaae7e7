"""The example scenarios, in process: each loads, sets up, and plays its story.

These call the host and ``before_request`` as the SOAP layer does, on a
manual clock; tests/interop/test_scenario_examples_live.py plays the same
stories through a real client over HTTPS.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vcmp_mock.config import Config
from vcmp_mock.domain.clock import ManualClock
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.model import GuestState
from vcmp_mock.engine import faults as fl
from vcmp_mock.engine.scenario import Catalogue, load
from vcmp_mock.engine.scenario_apply import start
from vcmp_mock.icontrol.interfaces import ALIASES, SUPPORTED_VERSIONS, operation_rows

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
EXAMPLES = sorted(p.name for p in SCENARIOS.glob("*.yaml"))
CATALOGUE = Catalogue.from_rows(operation_rows(include_aliases=True), SUPPORTED_VERSIONS, ALIASES)
IMAGE = "BIGIP-13.1.0-0.0.6.iso"


def test_there_are_at_least_eight_examples():
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_is_valid_and_described(name):
    scenario = load(SCENARIOS / name, CATALOGUE)
    assert scenario.description
    assert (SCENARIOS / name).read_text().startswith("# yaml-language-server: $schema=schema.json\n")


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_has_an_end_to_end_test(name):
    interop = (SCENARIOS.parent / "tests" / "interop" / "test_scenario_examples_live.py").read_text()
    assert f'serve("{name}")' in interop


def started(name):
    clock = ManualClock()
    return start(load(SCENARIOS / name), Config(), clock=clock), clock


def statuses(runtime, guest):
    return [(r.slot_id, r.status.name) for r in runtime.host.completion_status(guest)]


def create(runtime, name, slots, cores):
    host = runtime.host
    host.create_guest(GuestSpec(name, initial_image=IMAGE))
    host.set_slots(name, slots)
    host.set_cores_per_slot(name, cores)


def poll(runtime, clock, guest, step, limit=500):
    """Poll as a client does (through before_request), until complete.

    A delayed answer is an answer; any other fault is a failed call, retried.
    """
    seen = []
    for _ in range(limit):
        fault = runtime.before_request("System.VCMP", "get_completion_status", [guest])
        late = isinstance(fault, fl.TransportFault) and fault.kind is fl.TransportKind.DELAY
        if fault is None or late:
            records = runtime.host.completion_status(guest)
            seen.append(records)
            if records and all(r.request_complete for r in records):
                return seen
        else:
            seen.append(fault)
        clock.advance(step)
    raise AssertionError(f"{guest} never completed")


def test_happy_deploy():
    runtime, clock = started("happy-deploy.yaml")
    create(runtime, "web1", 2, 4)
    runtime.host.set_requested_state("web1", GuestState.DEPLOYED)
    poll(runtime, clock, "web1", 10)
    assert statuses(runtime, "web1") == [(1, "RUNNING"), (2, "RUNNING")]


def test_slow_install_steps_of_five_percent():
    runtime, clock = started("slow-install.yaml")
    seen = poll(runtime, clock, "db1", 30)
    comments = [r.comment for records in seen for r in records if r.status.name == "INSTALLING"]
    assert comments[0] == "Installing db1 on slot 1: 0% complete"
    assert "Installing db1 on slot 1: 95% complete" in comments
    assert statuses(runtime, "db1") == [(1, "STOPPED")]


def test_install_failure_on_slot_two():
    runtime, clock = started("install-failure.yaml")
    create(runtime, "app3", 2, 2)
    runtime.host.set_requested_state("app3", GuestState.DEPLOYED)
    seen = poll(runtime, clock, "app3", 20)
    assert [(r.slot_id, r.status.name, r.comment) for r in seen[-1]] == [
        (1, "RUNNING", ""), (2, "FAILED", "Install failed: disk full"),
    ]


def test_blade_lost_and_back():
    runtime, clock = started("blade-lost.yaml")
    clock.advance(121)
    assert statuses(runtime, "prod1") == [(1, "RUNNING"), (2, "INACTIVE")]
    clock.advance(600)
    assert statuses(runtime, "prod1") == [(1, "RUNNING"), (2, "RUNNING")]


def test_insufficient_cores():
    runtime, _ = started("insufficient-cores.yaml")
    create(runtime, "new1", 2, 4)
    runtime.host.set_requested_state("new1", GuestState.DEPLOYED)
    (record,) = runtime.host.completion_status("new1")
    assert (record.status.name, record.request_complete) == ("FAILED", True)
    assert statuses(runtime, "big1") == [(1, "RUNNING"), (2, "RUNNING")]


def test_flaky_network_answers_are_reproducible_and_a_retrying_client_gets_there():
    def session():
        runtime, clock = started("flaky-network.yaml")
        first = runtime.before_request("System.VCMP", "create", ["edge1"])
        assert first == fl.HttpFault(503, None, 1)
        assert runtime.before_request("System.VCMP", "create", ["edge1"]).kind is fl.TransportKind.DELAY
        create(runtime, "edge1", 1, 2)
        runtime.host.set_requested_state("edge1", GuestState.DEPLOYED)
        return poll(runtime, clock, "edge1", 20)

    seen = session()
    kinds = {x.kind for x in seen if isinstance(x, fl.TransportFault)}
    assert {fl.TransportKind.TRUNCATE, fl.TransportKind.CONNECTION_RESET} <= kinds
    assert seen[2] == fl.TransportFault(fl.TransportKind.TRUNCATE, fraction=0.5)  # the third poll
    assert seen == session()


def test_concurrent_admin():
    runtime, _ = started("concurrent-admin.yaml")
    runtime.host.set_requested_state("shared1", GuestState.DEPLOYED)
    states = []
    for _ in range(4):
        runtime.before_request("System.VCMP", "get_completion_status", ["shared1"])
        states.append(runtime.host.guest("shared1").requested_state)
    assert states == [GuestState.DEPLOYED] * 3 + [GuestState.PROVISIONED]
    runtime.before_request("System.VCMP", "set_guest_state", ["legacy1"])
    assert not runtime.host.has_guest("legacy1")


def test_read_only_user_scenario_sets_up_accounts_and_guests():
    scenario = load(SCENARIOS / "read-only-user.yaml")
    assert [(u.name, u.role) for u in scenario.users] == [("admin", "admin"), ("viewer", "guest"), ("ops", "operator")]
    runtime, _ = started("read-only-user.yaml")
    assert statuses(runtime, "g1") == [(1, "RUNNING"), (2, "RUNNING")]
    assert runtime.host.guest("g1").vlans == ("internal", "external")
