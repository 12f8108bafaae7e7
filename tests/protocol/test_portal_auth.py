"""Basic auth on the portal, called in-process through a WSGI validator."""

from __future__ import annotations

import base64
import io
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vcmp_mock.config import User
from vcmp_mock.transport.auth import BasicAuth
from vcmp_mock.transport.contracts import Principal, SoapResponse
from vcmp_mock.transport.wsgi import Portal

PORTAL = "/iControl/iControlPortal.cgi"
USERS = [User("admin", "admin", "admin"), User("ops", "pässword:1", "operator")]


class Recorder:
    def __init__(self):
        self.principals = []

    def handle(self, body, headers, principal):
        self.principals.append(principal)
        return SoapResponse(200, b"<ok/>")


def basic(user: str, password: str, charset: str = "utf-8") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode(charset)).decode()


def call(portal, method="GET", query="", body=b"", **headers):
    environ = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD=method, PATH_INFO=PORTAL, QUERY_STRING=query,
                   SERVER_PROTOCOL="HTTP/1.1", CONTENT_LENGTH=str(len(body)))
    environ["wsgi.input"] = io.BytesIO(body)
    environ.update({"HTTP_" + name.upper(): value for name, value in headers.items()})
    seen = {}

    def start_response(status, header_list, exc_info=None):
        seen.update(status=status, headers=header_list)

    chunks = validator(portal)(environ, start_response)
    try:
        payload = b"".join(chunks)
    finally:
        chunks.close()
    return seen["status"], seen["headers"], payload


def portal(recorder=None, **auth):
    return Portal(recorder or Recorder(), lambda name, loc: None, ["System.VCMP"], BasicAuth(USERS, **auth))


@pytest.mark.parametrize("method,query", [("GET", ""), ("GET", "WSDL=System.VCMP"), ("POST", "")])
def test_request_without_credentials_is_challenged(method, query):
    status, headers, body = call(portal(), method, query, b"<x/>" if method == "POST" else b"")
    assert status == "401 F5 Authorization Required"
    assert ("WWW-Authenticate", 'Basic realm="BIG-IP"') in headers
    assert b"F5 Authorization Required" in body


def test_realm_is_configurable_with_a_literal_backslash():
    _, headers, _ = call(portal(realm="BIG\\-IP"))
    assert ("WWW-Authenticate", 'Basic realm="BIG\\-IP"') in headers


@pytest.mark.parametrize("credentials", [
    basic("admin", "wrong"), basic("nobody", "admin"), basic("admin", ""), basic("admin", "admin "),
    "Basic", "Basic !!!", "Basic " + base64.b64encode(b"adminadmin").decode(), "Bearer abc",
    "Digest username=admin", "", "basic " + "A" * 10000, "Basic w6k=",
])
def test_wrong_or_malformed_credentials_are_challenged_again(credentials):
    recorder = Recorder()
    status, _, _ = call(portal(recorder), "POST", body=b"<x/>", authorization=credentials)
    assert status == "401 F5 Authorization Required"
    assert recorder.principals == []


def test_good_credentials_reach_the_dispatcher_with_user_and_role():
    recorder = Recorder()
    status, _, body = call(portal(recorder), "POST", body=b"<x/>", authorization=basic("ops", "pässword:1"))
    assert (status, body) == ("200 OK", b"<ok/>")
    assert recorder.principals == [Principal("ops", "operator")]


def test_latin1_encoded_password_is_accepted_too():
    status, _, _ = call(portal(), authorization=basic("ops", "pässword:1", "latin-1"))
    assert status == "200 OK"


def test_scheme_name_is_case_insensitive():
    status, _, _ = call(portal(), authorization="basic " + basic("admin", "admin").split()[1])
    assert status == "200 OK"


@given(st.text(alphabet=st.characters(max_codepoint=255), max_size=200))
def test_any_authorization_header_gets_an_answer(header):
    status, _, _ = call(portal(), authorization=header)
    assert status in ("200 OK", "401 F5 Authorization Required")


def test_cookies_are_off_by_default():
    _, headers, _ = call(portal(), authorization=basic("admin", "admin"))
    assert not [value for name, value in headers if name == "Set-Cookie"]


def test_auth_cookie_is_set_and_accepted_in_place_of_basic_auth():
    recorder = Recorder()
    app = portal(recorder, cookies=True)
    _, headers, _ = call(app, authorization=basic("ops", "pässword:1"))
    cookies = [value for name, value in headers if name == "Set-Cookie"]
    assert cookies[1] == "BIGIPAuthUsernameCookie=ops; path=/; Secure;"
    token = cookies[0].split(";")[0]
    assert len(token.split("=")[1]) == 40
    status, _, _ = call(app, "POST", body=b"<x/>", cookie=token)
    assert status == "200 OK"
    assert recorder.principals == [Principal("ops", "operator")]


@pytest.mark.parametrize("cookie", ["BIGIPAuthCookie=0123", 'x="; BIGIPAuthCookie', "\x00\x01=;;"])
def test_unknown_or_malformed_cookie_is_challenged(cookie):
    status, _, _ = call(portal(cookies=True), cookie=cookie)
    assert status == "401 F5 Authorization Required"
