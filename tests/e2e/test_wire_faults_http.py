"""HTTP faults on a real socket: the error pages a scenario answers with.

The SOAP layer returns an ``HttpFault`` instead of carrying the call out;
the portal answers with the status, as the Apache in front of a real
portal's CGI would: 401 is the portal's own challenge, 500 and 503 are HTML
pages, never SOAP.
"""

from __future__ import annotations

import http.client

import pytest
from lxml import etree

from vcmp_mock.engine.faults import HttpFault
from vcmp_mock.transport.auth import CHALLENGE_BODY
from vcmp_mock.transport.contracts import SoapResponse
from vcmp_mock.transport.server import PortalServer

FAULTS = {
    b"401": HttpFault(401),
    b"500": HttpFault(500),
    b"503": HttpFault(503, retry_after=7),
    b"503-bare": HttpFault(503),
    b"500-custom": HttpFault(500, body="<html><body>portal restarting</body></html>"),
    b"500-xml": HttpFault(500, body='<?xml version="1.0"?><oops/>'),
}


class ScriptedDispatcher:
    def __init__(self):
        self.calls = []

    def handle(self, body, headers, principal):
        self.calls.append(body)
        fault = FAULTS.get(body)
        # as the SOAP layer answers when a rule asks for an HTTP fault
        return SoapResponse(fault.status, b"", wire=fault) if fault else SoapResponse(200, b"<ok/>")


@pytest.fixture(scope="module")
def server(portal_factory):
    with PortalServer(portal_factory(ScriptedDispatcher()), threads=2) as served:
        yield served


def post(conn: http.client.HTTPConnection, body: bytes, wire) -> http.client.HTTPResponse:
    conn.request("POST", wire.portal, body=body, headers={"Authorization": wire.admin})
    return conn.getresponse()


@pytest.fixture
def conn(server):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    yield connection
    connection.close()


def test_401_is_the_portals_own_challenge(conn, wire):
    answer = post(conn, b"401", wire)
    assert (answer.status, answer.reason) == (401, "F5 Authorization Required")
    assert answer.getheader("WWW-Authenticate") == 'Basic realm="BIG-IP"'
    assert answer.getheader("Content-Type") == "text/html; charset=iso-8859-1"
    assert answer.getheader("Server") == "Apache"
    assert answer.read() == CHALLENGE_BODY


def test_500_is_an_apache_html_page_not_a_soap_fault(conn, wire):
    answer = post(conn, b"500", wire)
    page = answer.read()
    assert (answer.status, answer.reason) == (500, "Internal Server Error")
    assert answer.getheader("Content-Type") == "text/html; charset=iso-8859-1"
    assert answer.getheader("Content-Length") == str(len(page))
    assert page.startswith(b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html>')
    assert b"<title>500 Internal Server Error</title>" in page
    assert b"Envelope" not in page
    with pytest.raises(etree.XMLSyntaxError):  # a SOAP client cannot read it as XML
        etree.fromstring(page)


def test_503_carries_retry_after_when_given(conn, wire):
    answer = post(conn, b"503", wire)
    page = answer.read()
    assert (answer.status, answer.reason) == (503, "Service Unavailable")
    assert answer.getheader("Retry-After") == "7"
    assert b"<title>503 Service Unavailable</title>" in page
    answer = post(conn, b"503-bare", wire)
    answer.read()
    assert (answer.status, answer.getheader("Retry-After")) == (503, None)


def test_a_given_body_replaces_the_page(conn, wire):
    answer = post(conn, b"500-custom", wire)
    assert answer.read() == b"<html><body>portal restarting</body></html>"
    assert answer.getheader("Content-Type") == "text/html; charset=UTF-8"
    answer = post(conn, b"500-xml", wire)
    assert answer.read() == b'<?xml version="1.0"?><oops/>'
    assert answer.getheader("Content-Type") == 'text/xml; charset="UTF-8"'


@pytest.mark.parametrize("fault", [b"401", b"500", b"503"])
def test_the_connection_stays_open_after_an_http_fault(conn, wire, fault):
    post(conn, fault, wire).read()
    first_socket = conn.sock
    answer = post(conn, b"fine", wire)
    assert (answer.status, answer.read()) == (200, b"<ok/>")
    assert conn.sock is first_socket  # no reconnect


def test_http10_clients_get_the_same_pages(server, wire):
    raw = wire.exchange(server.port, wire.post(b"503", "HTTP/1.0"))
    head, _, page = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 503 Service Unavailable\r\n")
    assert b"\r\nRetry-After: 7\r\n" in head
    assert f"\r\nContent-Length: {len(page)}".encode() in head
