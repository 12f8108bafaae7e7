"""Portal routing, pages and framing, called in-process through a WSGI validator."""

from __future__ import annotations

import base64
import io
import re
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest

from vcmp_mock.config import User
from vcmp_mock.transport.auth import BasicAuth
from vcmp_mock.transport.contracts import SoapResponse
from vcmp_mock.transport.wsgi import Portal

PORTAL = "/iControl/iControlPortal.cgi"
ADMIN = "Basic " + base64.b64encode(b"admin:admin").decode()
INTERFACES = ["System.Cluster", "System.Session", "System.VCMP"]


class FakeSoap:
    def __init__(self, answer=SoapResponse(200, b"<answer/>")):
        self.answer = answer
        self.calls = []

    def handle(self, body, headers, principal):
        self.calls.append((body, headers))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def wsdl_source(name, location):
    if name in INTERFACES:
        return f'<definitions name="{name}"><address location="{location}"/></definitions>'.encode()
    return None


def control_plane(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"{environ['SCRIPT_NAME']}|{environ['PATH_INFO']}".encode()]


def call(app, method="GET", path=PORTAL, query="", body=b"", protocol="HTTP/1.1", chunked=False,
         lint=True, **headers):
    environ = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD=method, PATH_INFO=path, QUERY_STRING=query, SERVER_PROTOCOL=protocol)
    environ["wsgi.input"] = io.BytesIO(body)
    if chunked:  # what a server sets after de-chunking the request
        environ["wsgi.input_terminated"] = True
    elif body or method == "POST":
        environ["CONTENT_LENGTH"] = str(len(body))
    headers.setdefault("authorization", ADMIN)
    for name, value in headers.items():
        cgi = name.upper() in ("CONTENT_TYPE", "CONTENT_LENGTH")
        environ[name.upper() if cgi else "HTTP_" + name.upper()] = value
    environ = {key: value for key, value in environ.items() if value is not None}
    seen = {}

    def start_response(status, header_list, exc_info=None):
        seen.update(status=status, headers=dict(header_list))

    chunks = (validator(app) if lint else app)(environ, start_response)
    try:
        payload = b"".join(chunks)
    finally:
        getattr(chunks, "close", lambda: None)()
    return seen["status"], seen["headers"], payload


def portal(soap=None, control=None, max_body=1024):
    auth = BasicAuth([User("admin", "admin", "admin")])
    return Portal(soap or FakeSoap(), wsdl_source, INTERFACES, auth, control, max_body=max_body)


def test_post_hands_body_and_lower_cased_headers_to_the_dispatcher():
    soap = FakeSoap()
    status, headers, body = call(
        portal(soap), "POST", query="em_server_ip=1.2.3.4", body=b"<Envelope/>",
        soapaction='"urn:iControl:System/VCMP"', x_icontrol_session="42",
        content_type="text/xml; charset=utf-8",
    )
    assert (status, body) == ("200 OK", b"<answer/>")
    sent_body, sent_headers = soap.calls[0]
    assert sent_body == b"<Envelope/>"
    assert sent_headers["soapaction"] == '"urn:iControl:System/VCMP"'
    assert sent_headers["x-icontrol-session"] == "42"
    assert sent_headers["content-length"] == "11"


def test_soap_answer_carries_the_real_portal_headers():
    _, headers, _ = call(portal(), "POST", body=b"<Envelope/>")
    assert headers["Content-Type"] == 'text/xml; charset="UTF-8"'
    assert headers["Server"] == "Apache"
    assert headers["SOAPServer"] == "EasySoap++/0.6"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"


def test_soap_body_is_left_to_chunking_for_http11_and_sized_for_http10():
    _, http11, _ = call(portal(), "POST", body=b"<Envelope/>")
    _, http10, _ = call(portal(), "POST", body=b"<Envelope/>", protocol="HTTP/1.0")
    assert "Content-Length" not in http11
    assert http10["Content-Length"] == str(len(b"<answer/>"))


def test_fault_status_from_the_dispatcher_is_kept():
    status, _, body = call(portal(FakeSoap(SoapResponse(500, b"<fault/>"))), "POST", body=b"<x/>")
    assert (status, body) == ("500 Internal Server Error", b"<fault/>")


def test_dispatcher_crash_is_a_bare_500_not_a_server_crash():
    status, headers, _ = call(portal(FakeSoap(RuntimeError("boom"))), "POST", body=b"<x/>")
    assert status == "500 Internal Server Error"
    assert headers["Content-Type"].startswith("text/html")


def test_chunked_body_is_read_to_its_end():
    soap = FakeSoap()
    status, _, _ = call(portal(soap), "POST", body=b"<Envelope/>", chunked=True)
    assert status == "200 OK"
    assert soap.calls[0][0] == b"<Envelope/>"


@pytest.mark.parametrize("chunked", [False, True])
def test_body_over_the_cap_is_413_and_never_dispatched(chunked):
    soap = FakeSoap()
    status, _, _ = call(portal(soap), "POST", body=b"x" * 1025, chunked=chunked)
    assert status == "413 Request Entity Too Large"
    assert soap.calls == []


def test_body_at_the_cap_is_accepted():
    status, _, _ = call(portal(), "POST", body=b"x" * 1024)
    assert status == "200 OK"


@pytest.mark.parametrize("length", ["-5", "1e3", "0x10", " 12abc"])
def test_malformed_content_length_is_400(length):
    soap = FakeSoap()
    status, _, _ = call(portal(soap), "POST", body=b"<x/>", content_length=length, lint=False)
    assert status == "400 Bad Request"
    assert soap.calls == []


def test_post_without_any_length_is_411():
    status, _, _ = call(portal(), "POST", content_length=None)
    assert status == "411 Length Required"


def test_body_shorter_than_its_length_is_400():
    status, _, _ = call(portal(), "POST", body=b"<x/>", content_length="10", lint=False)
    assert status == "400 Bad Request"


@pytest.mark.parametrize("query", ["WSDL=System.VCMP", "wsdl=System.VCMP", "Wsdl=System.VCMP&x=1"])
def test_wsdl_is_served_for_the_parameter_in_any_case(query):
    status, headers, body = call(portal(), query=query, host="bigip.example:8443")
    assert status == "200 OK"
    assert headers["Content-Type"] == "text/xml"
    assert b'name="System.VCMP"' in body
    assert b'location="http://bigip.example:8443/iControl/iControlPortal.cgi"' in body


def test_wsdl_location_falls_back_to_the_server_address_without_a_usable_host():
    _, _, body = call(portal(), query="WSDL=System.VCMP", host='evil"><x')
    assert b'location="http://127.0.0.1:80/iControl/iControlPortal.cgi"' in body


@pytest.mark.parametrize("query", ["WSDL=Bogus.Name", "WSDL=", "WSDL=system.vcmp"])
def test_unknown_wsdl_is_an_empty_200_html_page(query):
    status, headers, body = call(portal(), query=query)
    assert (status, body) == ("200 OK", b"")
    assert headers["Content-Type"].startswith("text/html")


def test_index_page_lists_each_interface_on_its_own_line():
    status, headers, body = call(portal())
    assert status == "200 OK" and headers["Content-Type"].startswith("text/html")
    # bigsuds searches each line with this pattern and keeps the first match
    pattern = re.compile(r'/iControl/iControlPortal.cgi\?WSDL=([^"]+)"')
    found = [m.group(1) for line in body.decode().splitlines() if (m := pattern.search(line))]
    assert found == INTERFACES


@pytest.mark.parametrize("path", ["/", "/iControl/", "/iControl/iControlPortal.cgi/x", "/_mock/health"])
def test_other_paths_are_404(path):
    status, _, _ = call(portal(), path=path)
    assert status == "404 Not Found"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "HEAD", "OPTIONS"])
def test_other_methods_are_405(method):
    status, headers, _ = call(portal(), method)
    assert status == "405 Method Not Allowed"
    assert headers["Allow"] == "GET, POST"


def test_control_plane_is_mounted_under_mock_without_icontrol_auth():
    app = portal(control=control_plane)
    status, _, body = call(app, path="/_mock/state/dump", authorization=None)
    assert (status, body) == ("200 OK", b"/_mock|/state/dump")
    assert call(app, path="/_mockery", authorization=None)[0] == "404 Not Found"
