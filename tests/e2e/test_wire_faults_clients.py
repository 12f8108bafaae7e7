"""How bigsuds and suds report each HTTP and wire fault, on a live server.

The server runs a scenario with one fault rule per user on System.VCMP
(WSDL fetches are GETs and never faulted), so each test logs in as the
fault it wants. bigsuds speaks HTTPS only; suds is also tried over plain
HTTP, where Python can tell a reset from a close.
"""

from __future__ import annotations

import http.client
import time
import xml.sax
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from vcmp_mock.config import Config
from vcmp_mock.domain.clock import ManualClock
from vcmp_mock.engine.scenario import loads
from vcmp_mock.engine.scenario_apply import configure, start
from vcmp_mock.transport.server import PortalServer

bigsuds = pytest.importorskip("bigsuds")
from support.clients import SudsInterface  # noqa: E402
from vcmp_mock.wiring import build_portal  # noqa: E402

pytestmark = pytest.mark.interop

RULES = {
    "reset": "transport: {kind: connection_reset}",
    "empty": "transport: {kind: empty_response}",
    "truncate": "transport: {kind: truncate, fraction: 0.5}",
    "malformed": "transport: {kind: malformed_xml}",
    "slow": "transport: {kind: delay, seconds: 0.2}",
    "hang": "transport: {kind: hang, seconds: 10}",
    "busy": "http_error: {status: 503, retry_after: 3}",
    "broken": "http_error: {status: 500}",
    "refused": "http_error: {status: 401}",
}
PASSWORD = "pw"
CLIENT_TIMEOUT = 0.5  # real seconds a client waits for an answer


def scenario_text() -> str:
    users = "".join(f"  - {{name: {user}, password: {PASSWORD}, role: admin}}\n" for user in RULES)
    rules = "".join(
        f"  - match: {{user: {user}, interface: System.VCMP}}\n    {action}\n" for user, action in RULES.items()
    )
    return (
        "version: 1\ndescription: One fault per user.\nseed: 1\nclock: {mode: manual}\n"
        "users:\n  - {name: admin, password: admin, role: admin}\n" + users
        + "chassis: {preset: viprion-c2400}\nclient_guests: [w1, w2]\nfaults:\n" + rules
    )


@dataclass
class Served:
    port: int
    url: str


@contextmanager
def serving(tls_files):
    scenario = loads(scenario_text(), "wire-faults.yaml")
    config = configure(Config(port=0), scenario)
    runtime = start(scenario, config, clock=ManualClock())
    app = build_portal(config, simulator=runtime.simulator, runtime=runtime)
    with PortalServer(app, tls=tls_files, threads=4, max_fault_hold=10) as server:
        yield Served(server.port, server.url())


@pytest.fixture(scope="module")
def https(tls_files):
    with serving(tls_files) as served:
        yield served


@pytest.fixture(scope="module")
def http_server():
    with serving(None) as served:
        yield served


def vcmp(served, user):
    password = "admin" if user == "admin" else PASSWORD
    return bigsuds.BIGIP("127.0.0.1", user, password, port=served.port, timeout=CLIENT_TIMEOUT).System.VCMP


def suds_vcmp(served, user):
    client = SudsInterface(served, "System.VCMP", user=user, password=PASSWORD)
    client.client.set_options(timeout=CLIENT_TIMEOUT)
    return client


# --- bigsuds over HTTPS ------------------------------------------------------------------


@pytest.mark.parametrize("user", ["reset", "empty"])
def test_bigsuds_sees_a_reset_or_an_empty_answer_as_a_closed_connection(https, user):
    # over TLS Python's ssl module turns the RST into an end of stream
    with pytest.raises(bigsuds.ConnectionError, match="BadStatusLine: Remote end closed connection without response"):
        vcmp(https, user).get_list()


def test_bigsuds_lets_a_truncated_answer_through_as_incomplete_read(https):
    with pytest.raises(http.client.IncompleteRead):
        vcmp(https, "truncate").get_list()


def test_bigsuds_reports_malformed_xml_as_a_parse_error(https):
    with pytest.raises(bigsuds.ParseError, match="Failed to parse the BIGIP's response"):
        vcmp(https, "malformed").get_list()


def test_bigsuds_gets_a_delayed_answer_late_but_whole(https):
    started = time.monotonic()
    assert vcmp(https, "slow").get_list() == []
    assert time.monotonic() - started >= 0.2


def test_bigsuds_times_out_on_a_hang(https):
    with pytest.raises(TimeoutError):
        vcmp(https, "hang").get_list()


def test_bigsuds_reports_503_and_401_as_status_tuples(https):
    # suds raises a bare Exception((status, reason)) for any status but 200/500
    with pytest.raises(Exception) as busy:
        vcmp(https, "busy").get_list()
    with pytest.raises(Exception) as refused:
        vcmp(https, "refused").get_list()
    assert busy.value.args == ((503, "Service Unavailable"),)
    assert refused.value.args == ((401, "F5 Authorization Required"),)


def test_bigsuds_reports_an_html_500_as_a_parse_error(https):
    with pytest.raises(bigsuds.ParseError, match="likely caused by a 500 error message"):
        vcmp(https, "broken").get_list()


def create(client, name):
    client.create(guests=[name], hostnames=[f"{name}.example.net"], images=["BIGIP-13.1.0-0.0.6.iso"],
                  addresses=[{"address": "192.0.2.30", "netmask": "255.255.255.0"}],
                  gateways=["192.0.2.1"], vlans=[[]])


def test_a_wire_fault_loses_the_answer_but_the_call_was_carried_out(https):
    with pytest.raises(bigsuds.ConnectionError):
        create(vcmp(https, "reset"), "w1")
    assert "w1" in vcmp(https, "admin").get_list()


def test_an_http_fault_means_the_call_never_ran(https):
    with pytest.raises(Exception, match="503"):
        create(vcmp(https, "busy"), "w2")
    assert "w2" not in vcmp(https, "admin").get_list()


# --- plain suds ---------------------------------------------------------------------------


def test_suds_over_http_sees_the_reset_as_connection_reset_error(http_server):
    with pytest.raises(ConnectionResetError):
        suds_vcmp(http_server, "reset").get_list()


def test_suds_over_http_sees_an_empty_answer_as_remote_disconnected(http_server):
    with pytest.raises(http.client.RemoteDisconnected):
        suds_vcmp(http_server, "empty").get_list()


@pytest.mark.parametrize("user", ["malformed", "broken"])
def test_suds_raises_the_sax_error_of_an_unparseable_answer(https, user):
    with pytest.raises(xml.sax.SAXParseException):
        suds_vcmp(https, user).get_list()
