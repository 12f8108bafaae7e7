"""The example scenarios, end to end: a live server per scenario, driven by bigsuds.

Each test loads one file from scenarios/, serves it over HTTPS on 127.0.0.1
and plays the workflow a user would test with it. The clock is manual (the
test moves it between polls), so no test waits on wall time.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

bigsuds = pytest.importorskip("bigsuds", reason="bigsuds is installed by .ci/run (no-deps)")

from vcmp_mock.config import Config  # noqa: E402
from vcmp_mock.domain.clock import ManualClock  # noqa: E402
from vcmp_mock.engine.scenario import load  # noqa: E402
from vcmp_mock.engine.scenario_apply import ScenarioRuntime, configure, start  # noqa: E402
from vcmp_mock.transport.server import PortalServer  # noqa: E402
from vcmp_mock.transport.tls import certificate_names, generate  # noqa: E402
from vcmp_mock.wiring import build_portal  # noqa: E402

pytestmark = pytest.mark.interop

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
IMAGE = "BIGIP-13.1.0-0.0.6.iso"
RUNNING, FAILED = "VCMP_STATUS_RUNNING", "VCMP_STATUS_FAILED"
DEPLOYED = "VCMP_GUEST_STATE_DEPLOYED"


@dataclass
class Served:
    runtime: ScenarioRuntime
    clock: ManualClock
    port: int

    def client(self, user="admin", password="admin"):
        return bigsuds.BIGIP("127.0.0.1", user, password, port=self.port)


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("tls"), certificate_names("127.0.0.1"))


@pytest.fixture
def serve(tls_files):
    @contextmanager
    def serving(name: str):
        scenario = load(SCENARIOS / name)
        config = configure(Config(port=0), scenario)
        clock = ManualClock()
        runtime = start(scenario, config, clock=clock)
        server = PortalServer(build_portal(config, simulator=runtime.simulator, runtime=runtime), "127.0.0.1", 0,
                              tls_files, threads=4, timeout=10.0)
        port = server.start()
        try:
            yield Served(runtime, clock, port)
        finally:
            server.stop()

    return serving


def poll(vcmp, clock, guest, step, limit=400):
    """get_completion_status until every slot is complete; every answer seen."""
    seen = []
    for _ in range(limit):
        (records,) = vcmp.get_completion_status([guest])
        seen.append(records)
        if records and all(r["request_complete"] for r in records):
            return seen
        clock.advance(step)
    raise AssertionError(f"{guest} never completed: {seen[-1]}")


def create(vcmp, name, slots, cores):
    vcmp.create(guests=[name], hostnames=[f"{name}.example.net"], images=[IMAGE],
                addresses=[{"address": "192.0.2.30", "netmask": "255.255.255.0"}],
                gateways=["192.0.2.1"], vlans=[[]])
    vcmp.set_guest_slots([name], [slots])
    vcmp.set_guest_cores_per_slot([name], [cores])


def test_happy_deploy(serve):
    with serve("happy-deploy.yaml") as s:
        vcmp = s.client().System.VCMP
        create(vcmp, "web1", 2, 4)
        vcmp.set_guest_state(["web1"], [DEPLOYED])
        seen = poll(vcmp, s.clock, "web1", step=10)
        assert [(r["slot_id"], r["status"]) for r in seen[-1]] == [(1, RUNNING), (2, RUNNING)]
        percents = {r["comment"] for records in seen for r in records if "%" in (r["comment"] or "")}
        assert percents and all(c.split(" ")[1].rstrip("%") in {str(p) for p in range(0, 101, 10)} for c in percents)
        assert vcmp.get_guest_assigned_slots(["web1"]) == [[1, 2]]


def test_slow_install_shows_its_progress(serve):
    with serve("slow-install.yaml") as s:
        vcmp = s.client().System.VCMP
        assert vcmp.get_guest_state(["db1"]) == ["VCMP_GUEST_STATE_PROVISIONED"]
        seen = poll(vcmp, s.clock, "db1", step=60)
        comments = [r["comment"] or "" for records in seen for r in records if r["status"] == "VCMP_STATUS_INSTALLING"]
        percents = [int(c.rsplit(": ", 1)[1].split("%")[0]) for c in comments]
        assert all(c.startswith("Installing db1 on slot 1: ") for c in comments)
        assert percents == sorted(percents) and len(set(percents)) >= 15
        assert all(p % 5 == 0 for p in percents)
        assert seen[-1][0]["status"] == "VCMP_STATUS_STOPPED"


def test_install_fails_on_one_slot_then_a_retry_succeeds(serve):
    with serve("install-failure.yaml") as s:
        vcmp = s.client().System.VCMP
        create(vcmp, "app3", 2, 2)
        vcmp.set_guest_state(["app3"], [DEPLOYED])
        final = poll(vcmp, s.clock, "app3", step=20)[-1]
        # suds reads an empty comment as None
        assert [(r["slot_id"], r["status"], r["comment"]) for r in final] == [
            (1, RUNNING, None), (2, FAILED, "Install failed: disk full"),
        ]
        for _ in range(3):  # the failure stays as it was, read after read
            s.clock.advance(600)
            assert vcmp.get_completion_status(["app3"]) == [final]
        vcmp.set_guest_state(["app3"], [DEPLOYED])
        final = poll(vcmp, s.clock, "app3", step=20)[-1]
        assert [(r["slot_id"], r["status"]) for r in final] == [(1, RUNNING), (2, RUNNING)]


def test_blade_lost_while_deployed(serve):
    with serve("blade-lost.yaml") as s:
        bigip = s.client()
        vcmp, cluster = bigip.System.VCMP, bigip.System.Cluster
        assert [r["status"] for r in vcmp.get_completion_status(["prod1"])[0]] == [RUNNING, RUNNING]
        s.clock.advance(121)
        records = vcmp.get_completion_status(["prod1"])[0]
        assert [(r["slot_id"], r["status"]) for r in records] == [(1, RUNNING), (2, "VCMP_STATUS_INACTIVE")]
        assert cluster.get_member_ha_state(["default"], [[2]]) == [["HA_STATE_OFFLINE"]]
        s.clock.advance(600)
        assert [r["status"] for r in vcmp.get_completion_status(["prod1"])[0]] == [RUNNING, RUNNING]


def test_insufficient_cores_fails_placement_and_leaves_the_rest(serve):
    with serve("insufficient-cores.yaml") as s:
        vcmp = s.client().System.VCMP
        before = vcmp.get_completion_status(["big1", "small1"])
        create(vcmp, "new1", 2, 4)
        vcmp.set_guest_state(["new1"], [DEPLOYED])
        (records,) = vcmp.get_completion_status(["new1"])
        assert [(r["status"], r["request_complete"]) for r in records] == [(FAILED, True)]
        assert "Insufficient resources for vCMP guest (new1)" in records[0]["comment"]
        assert vcmp.get_completion_status(["big1", "small1"]) == before


def test_read_only_user_reads_everything(serve):
    with serve("read-only-user.yaml") as s:
        for user, password in (("viewer", "viewer-pw"), ("ops", "ops-pw")):
            vcmp = s.client(user, password).System.VCMP
            assert vcmp.get_list() == ["g1", "g2"]
            assert vcmp.get_guest_state(["g1", "g2"]) == [
                "VCMP_GUEST_STATE_DEPLOYED", "VCMP_GUEST_STATE_CONFIGURED",
            ]
            assert vcmp.get_hostname(["g1"]) == ["g1.example.net"]


def test_read_only_user_may_not_change_guests(serve):
    with serve("read-only-user.yaml") as s:
        vcmp = s.client("viewer", "viewer-pw").System.VCMP
        with pytest.raises(bigsuds.ServerError, match="Common::AccessDenied"):
            vcmp.set_guest_state(["g2"], [DEPLOYED])
        assert s.runtime.host.guest("g2").requested_state.name == "CONFIGURED"


def test_flaky_network_deploys_with_retries(serve):
    with serve("flaky-network.yaml") as s:
        vcmp = s.client().System.VCMP
        # suds turns an HTTP error during a call into Exception((status, reason))
        with pytest.raises(Exception, match="503"):
            create(vcmp, "edge1", 1, 2)
        create(vcmp, "edge1", 1, 2)
        vcmp.set_guest_state(["edge1"], [DEPLOYED])
        done, failures = False, 0
        for _ in range(200):
            try:
                (records,) = vcmp.get_completion_status(["edge1"])
            except Exception:  # a reset or cut answer: retry, as a client must
                failures += 1
                continue
            if records and all(r["request_complete"] for r in records):
                done = True
                break
            s.clock.advance(20)
        assert done and failures >= 2


def test_another_admin_changes_the_guests(serve):
    with serve("concurrent-admin.yaml") as s:
        vcmp = s.client().System.VCMP
        vcmp.set_guest_state(["shared1"], [DEPLOYED])
        asked = []
        for _ in range(4):  # the other admin acts once three polls have been answered
            (records,) = vcmp.get_completion_status(["shared1"])
            asked.append({r["requested_state"] for r in records})
            s.clock.advance(5)
        assert asked == [{DEPLOYED}] * 3 + [{"VCMP_GUEST_STATE_PROVISIONED"}]
        assert vcmp.get_guest_state(["shared1"]) == ["VCMP_GUEST_STATE_PROVISIONED"]
        with pytest.raises(bigsuds.ServerError, match="legacy1"):
            vcmp.set_guest_state(["legacy1"], [DEPLOYED])
