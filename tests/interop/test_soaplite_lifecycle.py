"""Perl SOAP::Lite, written the way F5's iControl Perl samples are, against a live portal.

``clients/vcmp.pl`` runs in its own process, so the simulated clock cannot be
moved between its calls: the server runs on a RealClock at 600 simulated
seconds per real second, and a whole deployment takes about a real second.
The script prints one JSON report; these tests check it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from support.live import live_server_for_other_processes
from support.statuses import UPWARD  # noqa: E402

pytestmark = pytest.mark.interop

SCRIPT = Path(__file__).parent / "clients" / "vcmp.pl"
PERL = shutil.which("perl")


def _perl_has(module: str) -> bool:
    return PERL is not None and subprocess.run([PERL, f"-M{module}", "-e1"], capture_output=True).returncode == 0


if not _perl_has("SOAP::Lite"):
    pytest.skip("Perl SOAP::Lite is not installed (.ci/install-interop installs libsoap-lite-perl)",
                allow_module_level=True)

# F5's samples talk HTTPS; without LWP's https driver they would use http, and so do we.
HTTPS = _perl_has("LWP::Protocol::https")



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with live_server_for_other_processes(tmp_path_factory.mktemp("tls"), http=not HTTPS) as live:
        yield live


def run(server, command: str, guest: str = "", password: str = "admin") -> tuple[int, dict]:
    server.sim.reset()
    scheme = "https" if HTTPS else "http"
    args = [PERL, str(SCRIPT), scheme, "127.0.0.1", str(server.port), "admin", password, command, guest]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def fault_text(report: dict, label: str) -> str:
    fault = report["faults"][label]
    assert fault["code"] == "SOAP-ENV:Server"
    return fault["string"]


@pytest.fixture(scope="module")
def lifecycle(server):
    """One run of the whole lifecycle; several tests read its report."""
    code, report = run(server, "lifecycle", "perl1")
    assert code == 0, report.get("error")
    return report


def test_lifecycle(lifecycle):
    report = lifecycle
    assert report["version"] == "BIG-IP_v13.1.0"
    assert report["list"] == ["perl1"]
    assert report["created_state"] == "VCMP_GUEST_STATE_CONFIGURED"

    # provisioning: each slot moves forward only, through the install, to STOPPED
    seen = report["provisioning"]
    final = seen[-1]
    assert [r["status"] for r in final] == ["VCMP_STATUS_STOPPED"] * 2
    assert {r["requested_state"] for r in final} == {"VCMP_GUEST_STATE_PROVISIONED"}
    for slot in {r["slot_id"] for r in final}:
        ranks = [UPWARD.index(r["status"]) for records in seen for r in records if r["slot_id"] == slot]
        assert ranks == sorted(ranks)
    assert any("%" in r["comment"] for records in seen for r in records if r["status"] == "VCMP_STATUS_INSTALLING")

    final = report["deploying"][-1]
    assert [r["status"] for r in final] == ["VCMP_STATUS_RUNNING"] * 2
    assert {str(r["request_complete"]) for r in final} <= {"1", "true"}
    slots = sorted(int(r["slot_id"]) for r in final)
    assert report["deployed_state"] == "VCMP_GUEST_STATE_DEPLOYED"
    assert sorted(int(s) for s in report["assigned"]) == slots
    assert int(report["cores"]) == 4
    assert report["address"] == {"address": "10.0.0.21", "netmask": "255.255.255.0"}
    assert report["vlans"] == ["vlan10", "vlan20"]
    assert {k: int(v) for k, v in report["capability_value"].items()} == {"high": 0, "low": 1}
    stats = report["statistics"]
    assert sorted(int(e["slot_id"]) for e in stats) == slots
    assert all(e["guest"] == "perl1" and int(e["cores"]) == 4 and e["counters"] > 0 for e in stats)
    assert int(report["time_stamp"]["year"]) >= 2026
    assert sorted(int(d["slot_id"]) for d in report["disks"]) == slots
    assert {d["filename"] for d in report["disks"]} == {"perl1.img"}
    assert report["list_after_delete"] == []


def test_lifecycle_refusals_read_as_on_a_real_box(lifecycle):
    report = lifecycle
    faults = report["faults"]
    assert set(faults) == {"unnamed", "duplicate", "disk_in_use", "cores_while_deployed", "deleted"}
    # SOAP::Lite names unnamed parameters c-gensymN; the portal looks for the WSDL's names
    assert fault_text(report, "unnamed") == "Could not find element by name: guests"
    text = fault_text(report, "duplicate")
    assert text.startswith("Exception caught in System::urn:iControl:System/VCMP::create()\n")
    assert "Common::OperationFailed" in text and "(0x01020037)" in text and "perl1" in text
    assert "(0x01071381)" in fault_text(report, "disk_in_use")
    assert "(0x01071380)" in fault_text(report, "cores_while_deployed")
    assert "(0x01020036)" in fault_text(report, "deleted")


def test_the_401_challenge_is_answered_by_get_basic_credentials(server):
    code, report = run(server, "challenge")
    assert (code, report) == (0, {"faults": {}, "list": []})


def test_a_wrong_password_dies_with_the_portals_reason_phrase(server):
    code, report = run(server, "challenge", password="wrong")
    assert code == 1
    assert report["error"].startswith("401 F5 Authorization Required")


def test_without_the_typecast_map_enumerations_do_not_decode(server):
    # As against a real box: iControl enum types are unknown to SOAP::Lite.
    code, report = run(server, "notypecast", "perl3")
    assert code == 0, report.get("error")
    assert report["list"] == ["perl3"]
    assert report["state"] is None
    assert report["decode_error"].startswith("Unrecognized type '{urn:iControl}System.VCMP.VCMPGuestState'")
