"""The iControl portal as one WSGI application.

There is a single endpoint, ``/iControl/iControlPortal.cgi``:

* ``POST`` (query string ignored): a SOAP envelope for the dispatcher;
* ``GET ?WSDL=Module.Interface``: that interface's WSDL (the parameter name
  in any case); an unknown name gets an empty 200 ``text/html`` page, which
  is what makes bigsuds report "Is X a valid namespace?" as with a real box;
* ``GET`` without ``WSDL``: the index page, one link per line.

All of it sits behind HTTP Basic auth. ``/_mock/...`` is handed, without
iControl auth, to the optional control-plane app, mounted at ``/_mock``.
Responses carry the headers a real portal sends; bodies are chunked for
HTTP/1.1 clients (the server does that when no Content-Length is set) and
carry Content-Length for HTTP/1.0 ones (Axis). When the SOAP layer's answer
carries a scenario's HTTP or wire fault (``SoapResponse.wire``),
``wire_faults`` decides what goes out instead.
"""

from __future__ import annotations

import logging
import re
from html import escape
from http import HTTPStatus
from typing import Callable, Iterable, Iterator, Mapping, Sequence
from urllib.parse import parse_qsl

from vcmp_mock.engine.faults import HttpFault, TransportFault
from vcmp_mock.transport import wire_faults
from vcmp_mock.transport.auth import CHALLENGE_BODY, CHALLENGE_STATUS, BasicAuth
from vcmp_mock.transport.body import BodyError, read_body
from vcmp_mock.transport.contracts import Dispatcher, Principal, SoapResponse, WsdlSource

PORTAL_PATH = "/iControl/iControlPortal.cgi"
CONTROL_PREFIX = "/_mock"
DEFAULT_MAX_BODY = 16 * 1024 * 1024

SOAP_CONTENT_TYPE = 'text/xml; charset="UTF-8"'  # quoted, as EasySoap++ writes it
PORTAL_HEADERS = [("Server", "Apache"), ("X-Frame-Options", "SAMEORIGIN")]
CGI_HEADERS = [("SOAPServer", "EasySoap++/0.6")]

_HOST = re.compile(r"[A-Za-z0-9._\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
_log = logging.getLogger(__name__)

StartResponse = Callable[..., object]
WsgiApp = Callable[[dict, StartResponse], Iterable[bytes]]


class Portal:
    def __init__(
        self,
        dispatcher: Dispatcher,
        wsdl_source: WsdlSource,
        interfaces: Sequence[str],
        auth: BasicAuth,
        control: WsgiApp | None = None,
        max_body: int = DEFAULT_MAX_BODY,
    ):
        self.dispatcher = dispatcher
        self.wsdl_source = wsdl_source
        self.interfaces = list(interfaces)
        self.auth = auth
        self.control = control
        self.max_body = max_body

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        if self.control is not None and _under(path, CONTROL_PREFIX):
            environ["SCRIPT_NAME"] = CONTROL_PREFIX
            environ["PATH_INFO"] = path[len(CONTROL_PREFIX):]
            return self.control(environ, start_response)
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            # always consume the body first, so a keep-alive connection never
            # holds the leftovers of a request that was turned away
            body = read_body(environ, self.max_body, required=method == "POST")
        except BodyError as refused:
            return _error(start_response, refused.status, str(refused))
        if path != PORTAL_PATH:
            return _error(start_response, "404 Not Found", f"{path} is not here")
        principal = self.auth.principal(environ)
        if principal is None:
            headers = PORTAL_HEADERS + self.auth.challenge_headers()
            start_response(CHALLENGE_STATUS, _framed(environ, headers, CHALLENGE_BODY, True))
            return [CHALLENGE_BODY]
        if method == "POST":
            return self._soap(environ, start_response, body, principal)
        if method == "GET":
            return self._get(environ, start_response, principal)
        return _error(start_response, "405 Method Not Allowed", method, [("Allow", "GET, POST")])

    def _soap(self, environ, start_response, body: bytes, principal: Principal):
        try:
            answer = self.dispatcher.handle(body, RequestHeaders(environ), principal)
        except Exception:
            _log.exception("the SOAP dispatcher failed")
            return _error(start_response, "500 Internal Server Error", "dispatcher failure")
        if answer.wire is not None:
            return self._fault(environ, start_response, answer, principal)
        return self._answer(environ, start_response, answer.status, answer.body, principal)

    def _answer(self, environ, start_response, status: int, body: bytes, principal, whole=False):
        headers = self._ok_headers(principal) + [("Content-Type", SOAP_CONTENT_TYPE)]
        start_response(_status_line(status), _framed(environ, headers, body, whole))
        return [body]

    def _fault(self, environ, start_response, answer: SoapResponse, principal: Principal):
        """A scenario's HTTP or wire fault, carried out by ``wire_faults``."""
        fault = answer.wire
        if isinstance(fault, HttpFault):
            status, headers, page = wire_faults.http_answer(fault, self.auth.challenge_headers())
            start_response(status, PORTAL_HEADERS + headers)
            return [page]
        if not isinstance(fault, TransportFault):
            _log.error("ignoring a wire fault of unknown type: %r", fault)
            return self._answer(environ, start_response, answer.status, answer.body, principal)
        status, body, whole = wire_faults.staged(environ, fault, answer.status, answer.body)
        return self._answer(environ, start_response, status, body, principal, whole)

    def _get(self, environ, start_response, principal: Principal):
        name = wsdl_parameter(str(environ.get("QUERY_STRING", "")))
        if name is None:
            page = index_page(self.interfaces)
            kind = "text/html; charset=UTF-8"
        else:
            found = self.wsdl_source(name, portal_location(environ)) if name else None
            # unknown: an empty page that is not XML, as a real box answers
            kind = "text/xml" if found is not None else "text/html; charset=UTF-8"
            page = found or b""
        headers = self._ok_headers(principal) + [("Content-Type", kind)]
        start_response("200 OK", _framed(environ, headers, page))
        return [page]

    def _ok_headers(self, principal: Principal) -> list[tuple[str, str]]:
        return PORTAL_HEADERS + self.auth.success_headers(principal) + CGI_HEADERS


def wsdl_parameter(query: str) -> str | None:
    """The value of ``WSDL=`` (name in any case), None when absent."""
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower() == "wsdl":
            return value.strip()
    return None


def portal_location(environ: Mapping[str, object]) -> str:
    """The portal URL a client reached, for the WSDL's soap:address."""
    scheme = environ.get("wsgi.url_scheme", "http")
    host = str(environ.get("HTTP_HOST", "")).strip()
    if not _HOST.fullmatch(host):  # absent (HTTP/1.0) or not a host name
        host = f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '443')}"
    return f"{scheme}://{host}{PORTAL_PATH}"


def index_page(interfaces: Iterable[str]) -> bytes:
    """One anchor per line: bigsuds searches each line for a single link."""
    lines = ["<html><head><title>iControl Portal</title></head><body>"]
    for name in interfaces:
        safe = escape(name)
        lines.append(f'<a href="{PORTAL_PATH}?WSDL={safe}">{safe}</a><br>')
    lines.append("</body></html>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def request_headers(environ: Mapping[str, object]) -> dict[str, str]:
    """Request headers with lower-cased, dash-separated names."""
    headers = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers[key[5:].replace("_", "-").lower()] = str(value)
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.replace("_", "-").lower()] = str(environ[key])
    return headers


class RequestHeaders(Mapping[str, str]):
    """``request_headers(environ)`` as a read-only view, built only if iterated.

    The dispatcher looks up one or two headers per request, while a TLS
    environ carries dozens of keys (cheroot adds the SSL_* ones): copying
    them all into a dict cost more than the lookups. A single lookup reads
    the environ key directly; anything else uses the full dict.
    """

    def __init__(self, environ: Mapping[str, object]):
        self._environ = environ
        self._all: dict[str, str] | None = None

    def __getitem__(self, name: str) -> str:
        key = _environ_key(name)
        if key is None:
            return self._dict()[name]
        if key in _CGI_HEADERS and self._environ.get(key):
            return str(self._environ[key])
        return str(self._environ["HTTP_" + key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())

    def _dict(self) -> dict[str, str]:
        if self._all is None:
            self._all = request_headers(self._environ)
        return self._all


_CGI_HEADERS = ("CONTENT_TYPE", "CONTENT_LENGTH")


def _environ_key(name: object) -> str | None:
    """``x-icontrol-session`` -> ``X_ICONTROL_SESSION``; None when the name
    is not a plain lower-case ASCII one, which no environ key turns into."""
    if type(name) is not str or not name.isascii() or name != name.lower() or "_" in name:
        return None
    return name.replace("-", "_").upper()


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def _framed(environ, headers: list, body: bytes, always_length: bool = False) -> list:
    """Add Content-Length for HTTP/1.0 clients (no chunking there) or when asked.

    Without it an HTTP/1.1 server chunks the body, as the real portal does.
    """
    if always_length or environ.get("SERVER_PROTOCOL", "HTTP/1.0") == "HTTP/1.0":
        return headers + [("Content-Length", str(len(body)))]
    return headers


def _error(start_response, status: str, detail: str, extra: list | None = None):
    title = escape(status)
    body = (
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
        f"<p>{escape(detail)}</p></body></html>\n"
    ).encode("utf-8")
    headers = PORTAL_HEADERS + (extra or []) + [
        ("Content-Type", "text/html; charset=UTF-8"),
        ("Content-Length", str(len(body))),
    ]
    start_response(status, headers)
    return [body]
