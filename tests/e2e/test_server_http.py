"""The portal on a real cheroot server, plain HTTP, driven with raw sockets.

These check what cheroot and the portal do together on the wire: framing,
keep-alive, 100-continue, chunked bodies and bad input.
"""

from __future__ import annotations

import base64
import http.client
import socket

from vcmp_mock.transport.server import PortalServer

PORTAL = "/iControl/iControlPortal.cgi"
ADMIN = "Basic " + base64.b64encode(b"admin:admin").decode()
ENVELOPE = b"<Envelope>get_list</Envelope>"


def test_challenge_has_f5_status_line_and_realm(plain_server, wire):
    raw = wire.exchange(plain_server.port, f"GET {PORTAL}?WSDL=System.VCMP HTTP/1.0\r\n\r\n".encode())
    assert raw.startswith(b"HTTP/1.1 401 F5 Authorization Required\r\n")
    assert b'\r\nWWW-Authenticate: Basic realm="BIG-IP"\r\n' in raw


def test_credentials_after_the_challenge_succeed_on_the_same_connection(plain_server):
    conn = http.client.HTTPConnection("127.0.0.1", plain_server.port, timeout=5)
    conn.request("POST", PORTAL, body=ENVELOPE)
    first = conn.getresponse()
    first.read()
    conn.request("POST", PORTAL, body=ENVELOPE, headers={"Authorization": ADMIN})
    second = conn.getresponse()
    assert (first.status, second.status) == (401, 200)
    assert second.read() == b"<echo>" + ENVELOPE + b"</echo>"
    assert second.getheader("Content-Type") == 'text/xml; charset="UTF-8"'
    assert second.getheader("SOAPServer") == "EasySoap++/0.6"
    assert second.getheader("Server") == "Apache"
    conn.close()


def test_http10_client_gets_content_length_and_a_closed_connection(plain_server, wire):
    raw = wire.exchange(plain_server.port, wire.post(ENVELOPE, "HTTP/1.0"))  # returns only on close
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK")
    assert b"Transfer-Encoding" not in head
    assert f"Content-Length: {len(body)}".encode() in head
    assert body == b"<echo>" + ENVELOPE + b"</echo>"


def test_http11_keep_alive_serves_two_requests_on_one_connection(plain_server, wire):
    with socket.create_connection(("127.0.0.1", plain_server.port), timeout=5) as sock:
        reader = sock.makefile("rb")
        sock.sendall(wire.post(b"<one/>"))
        first = wire.read_response(reader)
        sock.sendall(wire.post(b"<two/>"))
        second = wire.read_response(reader)
    assert first[1]["transfer-encoding"] == "chunked"
    assert (first[0], first[2]) == (b"HTTP/1.1 200 OK", b"<echo><one/></echo>")
    assert (second[0], second[2]) == (b"HTTP/1.1 200 OK", b"<echo><two/></echo>")


def test_soap_fault_status_is_500_with_the_envelope(plain_server, wire):
    raw = wire.exchange(plain_server.port, wire.post(b"<fault/>", "HTTP/1.0"))
    assert raw.startswith(b"HTTP/1.1 500 Internal Server Error\r\n")
    assert raw.endswith(b"<echo><fault/></echo>")


def test_expect_100_continue_is_answered_before_the_body_is_sent(plain_server, wire):
    with socket.create_connection(("127.0.0.1", plain_server.port), timeout=5) as sock:
        reader = sock.makefile("rb")
        sock.sendall(wire.post(b"", extra="Expect: 100-continue\r\n").replace(
            b"Content-Length: 0", f"Content-Length: {len(ENVELOPE)}".encode()))
        interim = reader.readline(), reader.readline()
        sock.sendall(ENVELOPE)
        status, _, body = wire.read_response(reader)
    assert interim == (b"HTTP/1.1 100 Continue\r\n", b"\r\n")
    assert (status, body) == (b"HTTP/1.1 200 OK", b"<echo>" + ENVELOPE + b"</echo>")


def test_chunked_request_body_is_reassembled(plain_server, wire):
    head = (
        f"POST {PORTAL} HTTP/1.1\r\nHost: x\r\nAuthorization: {ADMIN}\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()
    body = b"5\r\n<Enve\r\n3;ext=1\r\nlop\r\n3\r\ne/>\r\n0\r\n\r\n"
    raw = wire.exchange(plain_server.port, head + body)
    assert raw.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"<echo><Envelope/></echo>" in raw


def test_oversized_body_gets_413_and_the_connection_closes(plain_server, wire):
    head = (
        f"POST {PORTAL} HTTP/1.1\r\nHost: x\r\nAuthorization: {ADMIN}\r\n"
        f"Content-Length: {64 * 1024 + 1}\r\n\r\n"
    ).encode()
    raw = wire.exchange(plain_server.port, head)  # no body sent: must not wait for it
    assert raw.startswith(b"HTTP/1.1 413 ")


def test_oversized_chunked_body_gets_413(plain_server, wire):
    head = (
        f"POST {PORTAL} HTTP/1.1\r\nHost: x\r\nAuthorization: {ADMIN}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    chunk = b"8000\r\n" + b"a" * 0x8000 + b"\r\n"
    raw = wire.exchange(plain_server.port, head + chunk * 3 + b"0\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 413 ")


def test_huge_single_chunk_is_refused_without_reading_it(plain_server, wire):
    head = (
        f"POST {PORTAL} HTTP/1.1\r\nHost: x\r\nAuthorization: {ADMIN}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    raw = wire.exchange(plain_server.port, head + b"7fffffff\r\nabc")
    assert raw.startswith(b"HTTP/1.1 413 ")


def test_malformed_request_line_gets_400(plain_server, wire):
    raw = wire.exchange(plain_server.port, b"HELLO\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 400 Bad Request")


def test_malformed_chunk_size_gets_400(plain_server, wire):
    head = (
        f"POST {PORTAL} HTTP/1.1\r\nHost: x\r\nAuthorization: {ADMIN}\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()
    raw = wire.exchange(plain_server.port, head + b"zz\r\nabc\r\n0\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 400 Bad Request")


def test_post_without_length_gets_411(plain_server, wire):
    raw = wire.exchange(plain_server.port, f"POST {PORTAL} HTTP/1.0\r\nAuthorization: {ADMIN}\r\n\r\n".encode())
    assert raw.startswith(b"HTTP/1.1 411 Length Required")


def test_silent_client_does_not_block_others(plain_server, wire):
    with socket.create_connection(("127.0.0.1", plain_server.port)):
        raw = wire.exchange(plain_server.port, wire.post(ENVELOPE, "HTTP/1.0"), timeout=3)
    assert raw.startswith(b"HTTP/1.1 200 OK")


def test_client_stalled_mid_request_is_dropped_after_the_timeout(portal_factory):
    with PortalServer(portal_factory(), threads=2, timeout=0.5) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(f"POST {PORTAL} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n<a".encode())
            answer = sock.recv(65536)  # would block for 10 s if never dropped
            while answer and not answer.endswith(b"\r\n\r\n"):
                more = sock.recv(65536)
                answer += more
                if not more:
                    break
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408 ")


def test_more_keep_alive_connections_than_worker_threads_stay_open(wire, portal_factory):
    with PortalServer(portal_factory(), threads=2, timeout=10) as server:
        socks = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(12)]
        readers = [sock.makefile("rb") for sock in socks]
        try:
            answers = []
            for _ in range(2):
                for sock, reader in zip(socks, readers):
                    sock.sendall(wire.post(ENVELOPE))
                    answers.append(wire.read_response(reader))
        finally:
            for sock in socks:
                sock.close()
    assert [status for status, _, _ in answers] == [b"HTTP/1.1 200 OK"] * 24
    assert not [headers for _, headers, _ in answers if headers.get("connection") == "close"]


def test_http10_client_asking_for_keep_alive_gets_it(plain_server, wire):
    with socket.create_connection(("127.0.0.1", plain_server.port), timeout=5) as sock:
        reader = sock.makefile("rb")
        for _ in range(2):
            sock.sendall(wire.post(ENVELOPE, "HTTP/1.0", extra="Connection: Keep-Alive\r\n"))
            status, headers, body = wire.read_response(reader)
            assert (status, headers["connection"]) == (b"HTTP/1.1 200 OK", "Keep-Alive")
            assert body == b"<echo>" + ENVELOPE + b"</echo>"
