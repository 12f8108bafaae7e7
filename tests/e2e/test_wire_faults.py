"""Wire faults on real sockets, as a raw client sees each one.

A scripted dispatcher picks the fault from the request body (``b"reset"``,
``b"truncate-100"``, ...) and returns the real answer with it, as the SOAP
layer does when a scenario rule matches. Every kind is checked over plain
HTTP and TLS, from HTTP/1.0 and HTTP/1.1 keep-alive clients.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import xml.sax
from contextlib import contextmanager

import pytest
from lxml import etree

from vcmp_mock.engine.faults import TransportFault, TransportKind
from vcmp_mock.transport.contracts import SoapResponse
from vcmp_mock.transport import wire_faults
from vcmp_mock.transport.server import PortalServer

ANSWER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\r\n<SOAP-ENV:Envelope'
    b' xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>'
    b'<m:get_listResponse xmlns:m="urn:iControl:System/VCMP"><return>'
    + b"".join(b"<item>guest-%03d</item>" % n for n in range(60))
    + b"</return></m:get_listResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"
)
DELAY = 0.2  # real seconds of the delay and of the short hang
FAULTS = {
    b"delay": TransportFault(TransportKind.DELAY, seconds=DELAY),
    b"reset": TransportFault(TransportKind.CONNECTION_RESET),
    b"empty": TransportFault(TransportKind.EMPTY_RESPONSE),
    b"truncate-100": TransportFault(TransportKind.TRUNCATE, after_bytes=100),
    b"truncate-quarter": TransportFault(TransportKind.TRUNCATE, fraction=0.25),
    b"truncate-all": TransportFault(TransportKind.TRUNCATE, after_bytes=10**6),
    b"malformed": TransportFault(TransportKind.MALFORMED_XML),
    b"hang": TransportFault(TransportKind.HANG),  # until the client leaves (or the cap)
    b"hang-short": TransportFault(TransportKind.HANG, seconds=DELAY),
}
HOLD_CAP = 20.0  # the servers' max_fault_hold: far above any client timeout here


class ScriptedDispatcher:
    """The real answer, with the fault the request body names (if any)."""

    def __init__(self):
        self.calls = 0
        self.hanging = threading.Event()

    def handle(self, body, headers, principal):
        self.calls += 1
        if body.startswith(b"hang"):
            self.hanging.set()
        return SoapResponse(200, ANSWER, wire=FAULTS.get(body))


@contextmanager
def serving(portal_factory, tls_files=None, **options):
    dispatcher = ScriptedDispatcher()
    options = {"threads": 2, "timeout": 10, "max_fault_hold": HOLD_CAP, **options}
    with PortalServer(portal_factory(dispatcher), tls=tls_files, **options) as server:
        yield server, dispatcher


@pytest.fixture(scope="module", params=["http", "https"])
def served(request, portal_factory, tls_files):
    with serving(portal_factory, tls_files if request.param == "https" else None) as pair:
        yield pair


@pytest.fixture
def server(served):
    return served[0]


def connect(server, timeout: float = 5.0, ragged_eofs: bool = True) -> socket.socket:
    """A connected client; over TLS ``ragged_eofs`` False reports a close
    without close_notify as SSLEOFError instead of an empty read."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    if server.tls is None:
        return sock
    context = ssl._create_unverified_context()  # as bigsuds does
    return context.wrap_socket(sock, suppress_ragged_eofs=ragged_eofs)


def tcp_ending(sock: socket.socket) -> tuple[bytes, str]:
    """The raw TCP bytes (under any TLS) until the server ends the
    connection, and how it ended: "reset" (RST) or "fin"."""
    data = b""
    while True:
        try:
            chunk = socket.socket.recv(sock, 65536)
        except ConnectionResetError:
            return data, "reset"
        if not chunk:
            return data, "fin"
        data += chunk


def read_all(sock: socket.socket) -> bytes:
    """Every byte until the server closes the connection."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def split(raw: bytes) -> tuple[bytes, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return status.encode(), headers, body


def connection_closed(sock: socket.socket) -> bool:
    """True once the server has closed (or reset) this connection."""
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


PROTOCOLS = ["HTTP/1.0", "HTTP/1.1"]


# --- each kind, as a raw client sees it -----------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("rule, ending", [("reset", "reset"), ("empty", "fin")])
def test_reset_and_empty_end_the_tcp_connection_before_any_answer(server, wire, protocol, rule, ending):
    with connect(server) as sock:
        sock.sendall(wire.post(rule.encode(), protocol))
        data, how = tcp_ending(sock)
    assert how == ending
    if server.tls is None:
        assert data == b""  # over TLS: only the session tickets TLS 1.3 sends after the handshake


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_reset_is_a_connection_reset_error_on_recv(server, wire, protocol):
    # Python's ssl module reports an RST under TLS as an unexpected EOF
    expected = ConnectionResetError if server.tls is None else ssl.SSLEOFError
    with connect(server, ragged_eofs=False) as sock:
        sock.sendall(wire.post(b"reset", protocol))
        with pytest.raises(expected):
            sock.recv(65536)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_empty_response_is_end_of_stream_before_any_byte(server, wire, protocol):
    with connect(server) as sock:
        sock.sendall(wire.post(b"empty", protocol))
        assert sock.recv(65536) == b""


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(
    "rule, kept",
    [("truncate-100", 100), ("truncate-quarter", len(ANSWER) // 4), ("truncate-all", len(ANSWER) - 1)],
)
def test_truncate_promises_the_whole_body_and_sends_part(server, wire, protocol, rule, kept):
    with connect(server) as sock:
        sock.sendall(wire.post(rule.encode(), protocol))
        status, headers, body = split(read_all(sock))
    assert status == b"HTTP/1.1 200 OK"
    assert headers["content-length"] == str(len(ANSWER))  # not chunked, even on 1.1
    assert "transfer-encoding" not in headers
    assert body == ANSWER[:kept]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_malformed_xml_is_a_framed_200_that_no_parser_accepts(server, wire, protocol):
    with connect(server) as sock:
        reader = sock.makefile("rb")
        sock.sendall(wire.post(b"malformed", protocol))
        status, headers, body = wire.read_response(reader)  # framing is intact
    assert status == b"HTTP/1.1 200 OK"
    assert headers["content-type"] == 'text/xml; charset="UTF-8"'
    assert body.startswith(ANSWER[:40])
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(body)
    with pytest.raises(xml.sax.SAXParseException):  # what suds parses with
        xml.sax.parseString(body, xml.sax.ContentHandler())


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_delay_answers_in_full_after_the_delay(server, wire, protocol):
    with connect(server) as sock:
        reader = sock.makefile("rb")
        started = time.monotonic()
        sock.sendall(wire.post(b"delay", protocol))
        status, _, body = wire.read_response(reader)
        waited = time.monotonic() - started
    assert (status, body) == (b"HTTP/1.1 200 OK", ANSWER)
    assert waited >= DELAY


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_hang_sends_nothing_until_the_client_times_out(server, wire, protocol):
    with connect(server, timeout=0.3) as sock:
        sock.sendall(wire.post(b"hang", protocol))
        with pytest.raises(TimeoutError):
            sock.recv(65536)


def test_hang_with_seconds_closes_without_a_byte_when_they_are_up(server, wire):
    with connect(server) as sock:
        started = time.monotonic()
        sock.sendall(wire.post(b"hang-short"))
        assert sock.recv(65536) == b""
        assert time.monotonic() - started >= DELAY


# --- connections after a fault ----------------------------------------------------------


@pytest.mark.parametrize("rule", ["reset", "empty", "truncate-100", "hang-short"])
def test_a_keep_alive_client_reconnects_after_a_broken_answer(server, wire, rule):
    with connect(server) as sock:
        reader = sock.makefile("rb")
        sock.sendall(wire.post(b"before"))
        assert wire.read_response(reader)[0] == b"HTTP/1.1 200 OK"  # kept alive ...
        sock.sendall(wire.post(rule.encode()))
        try:
            reader.read()  # whatever part of an answer comes, until the close
        except ConnectionResetError:
            pass
        assert connection_closed(sock)  # ... until the fault
    with connect(server) as again:
        again.sendall(wire.post(b"after"))
        status, _, body = wire.read_response(again.makefile("rb"))
    assert (status, body) == (b"HTTP/1.1 200 OK", ANSWER)


@pytest.mark.parametrize("rule", ["delay", "malformed"])
def test_a_late_or_malformed_answer_keeps_the_connection(server, wire, rule):
    with connect(server) as sock:
        reader = sock.makefile("rb")
        sock.sendall(wire.post(rule.encode()))
        assert wire.read_response(reader)[0] == b"HTTP/1.1 200 OK"
        sock.sendall(wire.post(b"after"))
        status, _, body = wire.read_response(reader)
    assert (status, body) == (b"HTTP/1.1 200 OK", ANSWER)


def test_answers_without_a_fault_are_untouched(server, wire):
    with connect(server) as sock:
        sock.sendall(wire.post(b"plain", "HTTP/1.0"))
        status, headers, body = split(read_all(sock))
    assert (status, body) == (b"HTTP/1.1 200 OK", ANSWER)
    assert headers["content-length"] == str(len(ANSWER))


# --- workers are never held for good --------------------------------------------------------


@pytest.mark.parametrize("tls", [False, True])
def test_a_hang_frees_its_worker_when_the_client_gives_up(portal_factory, tls_files, wire, tls):
    # one worker: the second client is served only once the hang has ended
    with serving(portal_factory, tls_files if tls else None, threads=1) as (server, _):
        with connect(server, timeout=0.2) as sock:
            sock.sendall(wire.post(b"hang"))
            with pytest.raises(TimeoutError):
                sock.recv(1)
        with connect(server, timeout=5) as other:
            other.sendall(wire.post(b"after"))
            status, _, body = wire.read_response(other.makefile("rb"))
    assert (status, body) == (b"HTTP/1.1 200 OK", ANSWER)


def test_stop_ends_a_hang_at_once(portal_factory, wire):
    # cheroot alone would wait shutdown_timeout (10 s here) for the busy worker
    with serving(portal_factory, shutdown_timeout=10) as (server, dispatcher):
        sock = connect(server)
        sock.sendall(wire.post(b"hang"))
        assert dispatcher.hanging.wait(5)
        started = time.monotonic()
        server.stop()
        stopping = time.monotonic() - started
        assert sock.recv(65536) == b""  # closed without an answer
        sock.close()
    assert stopping < 5


def test_a_hang_lasts_no_longer_than_the_servers_cap(portal_factory, wire):
    with serving(portal_factory, max_fault_hold=0.2) as (server, _):
        with connect(server, timeout=10) as sock:
            sock.sendall(wire.post(b"hang"))
            assert sock.recv(65536) == b""


@pytest.mark.parametrize(
    "body",
    [
        ANSWER,
        b"<a/>",
        b"<a/>" + b"\n" * 40,  # the cut falls after the root element
        b"<a><!-- a long comment that the cut lands inside of --></a>",
        b"<a><![CDATA[" + b"x" * 60 + b"]]></a>",
        b'<a b="' + b"v" * 60 + b'"/>',
    ],
)
def test_malformed_damage_never_parses_wherever_the_cut_falls(body):
    damaged = wire_faults.malformed(body)
    assert damaged.startswith(body[: len(body) // 2])
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(damaged)
    with pytest.raises(xml.sax.SAXParseException):
        xml.sax.parseString(damaged, xml.sax.ContentHandler())
