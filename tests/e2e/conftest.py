"""Real-socket fixtures: the portal with a fake SOAP layer on 127.0.0.1, port 0."""

from __future__ import annotations

import base64
import socket
import threading

import pytest

from vcmp_mock.config import User
from vcmp_mock.transport import tls
from vcmp_mock.transport.auth import BasicAuth
from vcmp_mock.transport.contracts import SoapResponse
from vcmp_mock.transport.server import PortalServer
from vcmp_mock.transport.wsgi import Portal

PORTAL = "/iControl/iControlPortal.cgi"
ADMIN = "Basic " + base64.b64encode(b"admin:admin").decode()


class EchoDispatcher:
    """Answers every envelope with its own body, so tests see what arrived."""

    def __init__(self):
        self.calls = []
        self._lock = threading.Lock()

    def handle(self, body, headers, principal):
        with self._lock:
            self.calls.append((body, dict(headers), principal))
        status = 500 if b"<fault/>" in body else 200
        return SoapResponse(status, b"<echo>" + body + b"</echo>")


def wsdl_source(name, location):
    if name != "System.VCMP":
        return None
    return f'<definitions><soap:address location="{location}"/></definitions>'.encode()


def make_portal(dispatcher=None, **auth):
    return Portal(
        dispatcher or EchoDispatcher(),
        wsdl_source,
        ["System.VCMP", "System.Cluster"],
        BasicAuth([User("admin", "admin", "admin")], **auth),
        max_body=64 * 1024,
    )


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    return tls.generate(tmp_path_factory.mktemp("tls"), tls.certificate_names("127.0.0.1"))


@pytest.fixture(scope="module")
def plain_server():
    with PortalServer(make_portal(), threads=4, timeout=10) as server:
        yield server


@pytest.fixture(scope="module")
def tls_server(tls_files):
    with PortalServer(make_portal(), tls=tls_files, threads=4, timeout=30) as server:
        yield server


@pytest.fixture(scope="session")
def portal_factory():
    """``portal_factory(dispatcher=None, realm=..., cookies=...)`` -> a Portal."""
    return make_portal


@pytest.fixture(scope="session")
def wire():
    """Raw-socket helpers (a fixture, so test modules need not import conftest)."""
    return Wire()


class Wire:
    portal = PORTAL
    admin = ADMIN

    @staticmethod
    def exchange(port: int, data: bytes, timeout: float = 5.0) -> bytes:
        """Send raw bytes, read until the server closes the connection."""
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(data)
            return Wire.read_until_closed(sock)

    @staticmethod
    def read_until_closed(sock: socket.socket) -> bytes:
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    @staticmethod
    def post(body: bytes, protocol: str = "HTTP/1.1", extra: str = "") -> bytes:
        """A complete authenticated SOAP POST, as raw bytes."""
        head = (
            f"POST {PORTAL} {protocol}\r\nHost: 127.0.0.1\r\nAuthorization: {ADMIN}\r\n"
            f"Content-Type: text/xml; charset=utf-8\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
        )
        return head.encode() + body

    @staticmethod
    def read_response(sock_file) -> tuple[bytes, dict[str, str], bytes]:
        """One response from a socket file: status line, headers, de-chunked body."""
        return _read_response(sock_file)


def _read_response(sock_file) -> tuple[bytes, dict[str, str], bytes]:
    status = sock_file.readline().rstrip(b"\r\n")
    headers = {}
    while True:
        line = sock_file.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding") == "chunked":
        body = b""
        while True:
            size = int(sock_file.readline().split(b";")[0], 16)
            chunk = sock_file.read(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    else:
        body = sock_file.read(int(headers.get("content-length", 0)))
    return status, headers, body
