"""Carrying out a scenario's HTTP and wire faults (design principle 4).

The SOAP layer decides; this module acts. An ``HttpFault`` replaces the
answer with an HTTP error page, which plain WSGI can express, so the portal
builds it with ``http_answer``. A ``TransportFault`` damages, delays or loses
a real answer; MALFORMED_XML is still a framed WSGI answer (``staged``), but
the others need the socket. For those the portal marks the environ with
``WIRE_KEY`` and ``WireFaultGateway``, the cheroot gateway ``PortalServer``
runs, carries the fault out on the connection:

* DELAY: wait, then answer normally (the connection stays usable);
* CONNECTION_RESET: close with SO_LINGER 0, so the peer gets a TCP RST and
  not one byte (over TLS too: the TCP socket under the TLS layer is reset);
* EMPTY_RESPONSE: close with a FIN before any byte;
* TRUNCATE: status line and headers with the whole body's Content-Length,
  then only part of the body, then a FIN;
* HANG: send nothing until the client closes its side, the fault's time is
  up or the server stops, then close.

No wait lasts longer than the gateway's ``max_hold``, and every wait ends
within ``_SLICE`` seconds of ``server.stop()``, so a scenario cannot keep a
worker forever. Under another WSGI server the mark is ignored and the
client gets the real answer.
"""

from __future__ import annotations

import os
import select
import socket
import struct
import time
from http import HTTPStatus
from typing import Iterable

from cheroot.wsgi import Gateway_10

from vcmp_mock.engine.faults import HttpFault, TransportFault, TransportKind
from vcmp_mock.transport.auth import CHALLENGE_BODY, CHALLENGE_STATUS

WIRE_KEY = "vcmp_mock.wire"  # environ key: the TransportFault the gateway carries out
DEFAULT_MAX_HOLD = 300.0  # real seconds a DELAY or HANG may keep a worker
_SLICE = 0.1  # how often a wait looks at the server and the client
_HTML = "text/html; charset=iso-8859-1"  # what Apache labels its own error pages
_XML = 'text/xml; charset="UTF-8"'
# appended to the cut answer: "<<" is not well-formed anywhere in markup, and
# where it might be (a comment, CDATA) the cut has left elements unclosed
_DAMAGE = b"<<vcmp-mock:malformed"

# --- HTTP faults -----------------------------------------------------------------


def http_answer(
    fault: HttpFault, challenge_headers: list[tuple[str, str]]
) -> tuple[str, list[tuple[str, str]], bytes]:
    """Status line, headers and body of the error page for ``fault``.

    401 is the portal's own challenge, so clients react as to bad credentials;
    other statuses get an Apache-style HTML page (never XML, so a SOAP client
    sees a non-SOAP error). ``fault.body`` replaces the default page.
    """
    if fault.status == 401:
        status, headers, body = CHALLENGE_STATUS, list(challenge_headers), CHALLENGE_BODY
    else:
        status = _status_line(fault.status)
        headers, body = [("Content-Type", _HTML)], error_page(fault.status)
    if fault.body is not None:
        body = fault.body.encode("utf-8")
        kind = _XML if fault.body.lstrip().startswith("<?xml") else "text/html; charset=UTF-8"
        headers = [(k, v) for k, v in headers if k.lower() != "content-type"]
        headers.append(("Content-Type", kind))
    if fault.retry_after is not None:
        headers.append(("Retry-After", str(fault.retry_after)))
    return status, headers + [("Content-Length", str(len(body)))], body


def error_page(status: int) -> bytes:
    """An HTML error page shaped like the ones Apache writes itself."""
    line = _status_line(status)
    phrase = line.partition(" ")[2]
    reason = _REASONS.get(status, "The portal could not answer this request.")
    return (
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n'
        f"<html><head>\n<title>{line}</title>\n</head><body>\n"
        f"<h1>{phrase}</h1>\n<p>{reason}</p>\n</body></html>\n"
    ).encode("latin-1")


_REASONS = {
    500: "The portal failed while handling this request and could not answer it.",
    503: "The portal cannot take requests at the moment. Please try again later.",
}


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Error"


# --- wire faults, the WSGI half ----------------------------------------------------


def staged(environ: dict, fault: TransportFault, status: int, body: bytes) -> tuple[int, bytes, bool]:
    """What the portal sends for a wire fault: (status, body, always Content-Length).

    MALFORMED_XML is done here; any other kind marks ``environ`` for the
    gateway. TRUNCATE needs the whole body's Content-Length even on HTTP/1.1,
    where the answer would otherwise be chunked.
    """
    if fault.kind is TransportKind.MALFORMED_XML:
        return 200, malformed(body), False
    environ[WIRE_KEY] = fault
    return status, body, fault.kind is TransportKind.TRUNCATE


def malformed(body: bytes) -> bytes:
    """The first half of ``body`` and a token no XML parser accepts."""
    return body[: len(body) // 2] + _DAMAGE


def kept_bytes(fault: TransportFault, length: int) -> int:
    """How much of a ``length``-byte body TRUNCATE sends: always at least one byte short."""
    if fault.after_bytes is not None:
        keep = fault.after_bytes
    elif fault.fraction is not None:
        keep = int(length * fault.fraction)
    else:
        keep = length // 2
    return max(0, min(keep, length - 1))


# --- wire faults, the socket half ---------------------------------------------------


class WireFaultGateway(Gateway_10):
    """cheroot's WSGI 1.0 gateway, plus the wire faults the portal marks.

    ``PortalServer`` installs it with ``functools.partial(..., max_hold=...)``.
    An unmarked request costs one dict lookup more than cheroot's own gateway.
    """

    def __init__(self, req, max_hold: float = DEFAULT_MAX_HOLD):
        super().__init__(req)
        self.max_hold = max_hold

    def respond(self):
        response = self.req.server.wsgi_app(self.env, self.start_response)
        fault = self.env.get(WIRE_KEY)
        if fault is None:
            self._send(response)
        else:
            self._carry_out(fault, _drain(response))

    def _send(self, response: Iterable[bytes]) -> None:
        # what cheroot's Gateway.respond does once it has the app's answer
        try:
            for chunk in filter(None, response):
                if not isinstance(chunk, bytes):
                    raise ValueError("WSGI applications must yield bytes")
                self.write(chunk)
        finally:
            self.req.ensure_headers_sent()
            if hasattr(response, "close"):
                response.close()

    def _carry_out(self, fault: TransportFault, body: bytes) -> None:
        kind, req = fault.kind, self.req
        if kind is TransportKind.DELAY:
            if self._hold(fault.seconds or 0.0):
                return self._send([body])
        elif kind is TransportKind.TRUNCATE:
            req.ensure_headers_sent()
            req.write(body[: kept_bytes(fault, len(body))])
        elif kind is TransportKind.HANG:
            self._hold(self.max_hold if fault.seconds is None else fault.seconds)
        elif kind is TransportKind.CONNECTION_RESET:
            _reset(req.conn)
        elif kind is not TransportKind.EMPTY_RESPONSE:
            return self._send([body])  # a kind this gateway does not know
        # nothing more goes out on this connection, and cheroot closes it
        req.sent_headers = True
        req.close_connection = True

    def _hold(self, seconds: float) -> bool:
        """Wait up to ``seconds`` (at most ``max_hold``); False when the
        client closed its side or the server began to stop first."""
        seconds = min(seconds, self.max_hold) if seconds > 0 else 0.0  # NaN: 0
        deadline = time.monotonic() + seconds
        watch = _PeerWatch(self.req.conn.socket)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return True
            if not self.req.server.ready or watch.left(min(left, _SLICE)):
                return False


def _drain(response: Iterable[bytes]) -> bytes:
    try:
        return b"".join(response)
    finally:
        if hasattr(response, "close"):
            response.close()


def _reset(conn) -> None:
    """Close ``conn`` so the peer gets a TCP RST instead of a FIN.

    A TLS socket is not unwrapped (that would send close_notify): the
    descriptor under it is closed with SO_LINGER 0. The socket objects are
    left detached, so cheroot must not shut them down again (``linger``
    makes its ``close`` skip the socket).
    """
    sock = conn.socket
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        os.close(sock.detach())
    except OSError:
        pass  # the client has gone already
    conn.linger = True


class _PeerWatch:
    """Tells whether the client has closed (or reset) its side of a socket.

    Linux reports a peer's FIN as POLLRDHUP even while request bytes are
    unread; where that flag is missing the wait just runs its course.
    """

    _FLAGS = getattr(select, "POLLRDHUP", 0)

    def __init__(self, sock: socket.socket):
        self._poll = None
        if self._FLAGS and hasattr(select, "poll"):
            self._poll = select.poll()
            self._poll.register(sock.fileno(), self._FLAGS | select.POLLHUP | select.POLLERR)

    def left(self, timeout: float) -> bool:
        if self._poll is None:
            time.sleep(timeout)
            return False
        return bool(self._poll.poll(timeout * 1000))
