"""The portal over HTTPS with a certificate made at start-up (or given)."""

from __future__ import annotations

import base64
import http.client
import socket
import ssl

import pytest
import trustme

from vcmp_mock.transport import tls
from vcmp_mock.transport.server import PortalServer

PORTAL = "/iControl/iControlPortal.cgi"
ADMIN = {"Authorization": "Basic " + base64.b64encode(b"admin:admin").decode()}


def https(server, timeout=5.0, context=None):
    context = context or ssl._create_unverified_context()  # as bigsuds does
    return http.client.HTTPSConnection("127.0.0.1", server.port, context=context, timeout=timeout)


def test_generated_certificate_serves_soap_to_an_unverifying_client(tls_server):
    conn = https(tls_server)
    conn.request("POST", PORTAL, body=b"<Envelope/>", headers=ADMIN)
    answer = conn.getresponse()
    assert (answer.status, answer.read()) == (200, b"<echo><Envelope/></echo>")
    assert tls_server.url().startswith("https://127.0.0.1:")


def test_generated_certificate_verifies_against_its_ca_for_loopback_names(tls_server):
    context = ssl.create_default_context(cafile=str(tls_server.tls.ca))
    for host in ("127.0.0.1", "localhost"):
        conn = http.client.HTTPSConnection(host, tls_server.port, context=context, timeout=5)
        conn.request("GET", PORTAL, headers=ADMIN)
        assert conn.getresponse().status == 200
        conn.close()


def test_wsdl_location_names_https_and_the_host_header(tls_server):
    conn = https(tls_server)
    conn.request("GET", PORTAL + "?WSDL=System.VCMP", headers={**ADMIN, "Host": "bigip1:443"})
    assert b'location="https://bigip1:443/iControl/iControlPortal.cgi"' in conn.getresponse().read()


def test_silent_tcp_client_does_not_stall_other_handshakes(tls_server):
    # cheroot's own adapter shakes hands in the accept loop: this client
    # would hold every other connection for the server timeout (30 s here)
    with socket.create_connection(("127.0.0.1", tls_server.port)):
        conn = https(tls_server, timeout=3)
        conn.request("GET", PORTAL, headers=ADMIN)
        assert conn.getresponse().status == 200


def test_plain_http_on_the_tls_port_gets_a_readable_400(tls_server):
    conn = http.client.HTTPConnection("127.0.0.1", tls_server.port, timeout=5)
    conn.request("GET", PORTAL)
    answer = conn.getresponse()
    assert answer.status == 400
    assert b"HTTPS" in answer.read()


def test_garbage_handshake_does_not_hurt_the_server(tls_server):
    with socket.create_connection(("127.0.0.1", tls_server.port), timeout=5) as sock:
        sock.sendall(b"\x16\x03\x01\x00\x05hello")
        try:
            sock.recv(100)
        except ConnectionResetError:
            pass
    conn = https(tls_server)
    conn.request("GET", PORTAL, headers=ADMIN)
    assert conn.getresponse().status == 200


def test_given_certificate_and_key_are_used(tmp_path, portal_factory):
    ca = trustme.CA()
    leaf = ca.issue_cert("bigip.example.test")
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    leaf.cert_chain_pems[0].write_to_path(str(cert))
    leaf.private_key_pem.write_to_path(str(key))
    with PortalServer(portal_factory(), tls=tls.TlsFiles(cert, key)) as server:
        conn = https(server)
        conn.connect()
        peer = conn.sock.getpeercert(binary_form=True)
        conn.close()
        assert peer == ssl.PEM_cert_to_DER_cert(cert.read_text())


def test_unusable_key_file_is_a_clear_error(tmp_path, tls_files, portal_factory):
    broken = tmp_path / "key.pem"
    broken.write_text("not a key")
    with pytest.raises(ValueError, match="cannot use"):
        PortalServer(portal_factory(), tls=tls.TlsFiles(tls_files.cert, broken))


def test_certificate_names_cover_the_listen_address_and_loopback():
    assert tls.certificate_names("10.1.2.3")[:2] == ["10.1.2.3", "localhost"]
    assert "127.0.0.1" in tls.certificate_names("0.0.0.0")
