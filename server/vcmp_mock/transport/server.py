"""Running a WSGI app on cheroot, over HTTPS or plain HTTP.

cheroot gives HTTP/1.0 and 1.1, keep-alive, ``100 Continue`` (sent as soon
as the headers are read) and chunked request bodies. What is added here:

* the TLS handshake moves from cheroot's accept loop to the worker thread
  (see ``tls.py``), so a silent client costs one worker for ``timeout``
  seconds instead of stopping every other connection;
* caps on header and body sizes, and a socket timeout, so slow or
  half-open clients are dropped rather than waited for;
* the wire faults a scenario asks for (``wire_faults.WireFaultGateway``);
* ``start()``/``stop()`` and a context manager, binding port 0 for tests.
"""

from __future__ import annotations

import functools
import logging
import socket
import ssl
import threading

from cheroot import wsgi
from cheroot.server import HTTPConnection

from vcmp_mock.transport.tls import DeferredHandshakeAdapter, TlsFiles
from vcmp_mock.transport.wire_faults import DEFAULT_MAX_HOLD, WireFaultGateway
from vcmp_mock.transport.wsgi import DEFAULT_MAX_BODY, PORTAL_PATH

MAX_HEADER_BYTES = 64 * 1024
# idle keep-alive connections wait in a selector, not on a worker, so many
# can stay open; cheroot's default of 10 made clients beyond the tenth
# reconnect (and redo the TLS handshake) on every request
KEEP_ALIVE_CONNECTIONS = 256
# chunk-size lines count towards cheroot's own cap: leave the exact 413
# decision on the body to the application, which caps the body itself
_CHUNK_SLACK = 1024 * 1024

_log = logging.getLogger(__name__)


class _HandshakeOnWorker(HTTPConnection):
    """Finishes the TLS handshake on the worker that serves the connection."""

    _shaken = False

    def communicate(self):
        if not self._shaken and isinstance(self.socket, ssl.SSLSocket):
            if not self._handshake():
                return False  # the worker closes the connection
        return super().communicate()

    def _handshake(self) -> bool:
        try:
            self.socket.do_handshake()
        except ssl.SSLError as exc:
            if "http request" in str(exc).lower():
                _answer_plain_http(self.socket)
            return False
        except (OSError, ValueError):  # silent, reset or half-open client
            return False
        self._shaken = True
        self.ssl_env = self.server.ssl_adapter.get_environ(self.socket)
        return True


def _answer_plain_http(tls_socket: ssl.SSLSocket) -> None:
    """Tell a client that sent plain HTTP to the HTTPS port, in plain HTTP."""
    text = b"This port speaks HTTPS; use https:// URLs.\n"
    reply = (
        b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(text), text)
    )
    try:
        # the socket class's own sendall writes the bytes without TLS
        socket.socket.sendall(tls_socket, reply)
    except OSError:
        pass


class PortalServer:
    """One cheroot server in a background thread.

    ``port=0`` binds a free port; ``start()`` returns the bound one.
    ``max_fault_hold``: real seconds a DELAY or HANG wire fault may keep a worker.
    """

    def __init__(
        self,
        app,
        host: str = "127.0.0.1",
        port: int = 0,
        tls: TlsFiles | None = None,
        threads: int = 10,
        timeout: float = 10.0,
        max_body: int = DEFAULT_MAX_BODY,
        shutdown_timeout: float = 1.0,
        max_fault_hold: float = DEFAULT_MAX_HOLD,
    ):
        self.host = host
        self.tls = tls
        self._server = wsgi.Server(
            (host, port),
            app,
            numthreads=threads,
            server_name="Apache",
            timeout=timeout,
            # stop() waits this long for busy workers, then cuts their sockets
            shutdown_timeout=shutdown_timeout,
            accepted_queue_timeout=timeout,
        )
        self._server.max_request_header_size = MAX_HEADER_BYTES
        self._server.keep_alive_conn_limit = KEEP_ALIVE_CONNECTIONS
        self._server.max_request_body_size = max_body + _CHUNK_SLACK
        self._server.error_log = _error_log
        self._server.gateway = functools.partial(WireFaultGateway, max_hold=max_fault_hold)
        if tls is not None:
            self._server.ssl_adapter = DeferredHandshakeAdapter(tls)
            self._server.ConnectionClass = _HandshakeOnWorker
        self._thread: threading.Thread | None = None

    @property
    def scheme(self) -> str:
        return "https" if self.tls is not None else "http"

    @property
    def port(self) -> int:
        return self._server.bind_addr[1]

    def url(self, path: str = PORTAL_PATH) -> str:
        host = self._server.bind_addr[0]
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
        host = f"[{host}]" if ":" in host else host
        return f"{self.scheme}://{host}:{self.port}{path}"

    def start(self) -> int:
        """Bind, serve in a daemon thread, and return the bound port."""
        self._server.prepare()  # binds now: errors surface here
        self._thread = threading.Thread(
            target=self._server.serve, name=f"http-{self.port}", daemon=True
        )
        self._thread.start()
        return self.port

    def stop(self) -> None:
        if self._thread is None:
            return
        self._server.stop()
        self._thread.join(timeout=10)
        self._thread = None

    def wait(self) -> None:
        """Block until the server stops or Ctrl-C (KeyboardInterrupt) arrives."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def __enter__(self) -> "PortalServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _error_log(msg: str = "", level: int = logging.INFO, traceback: bool = False) -> None:
    _log.log(level, "%s", msg, exc_info=traceback)
