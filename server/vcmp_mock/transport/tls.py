"""TLS for the portal: the certificate, and a handshake that cannot stall the server.

Real boxes serve iControl over HTTPS with a self-signed certificate, and
bigsuds does not verify it. Without ``--cert/--key`` a throwaway CA (trustme)
issues a certificate for the configured address plus the loopback names, so
a test can still verify against ``ca.pem`` if it likes.

cheroot's builtin adapter shakes hands in its accept loop, so one client
that connects and stays silent stops the whole server for the socket
timeout. ``DeferredHandshakeAdapter`` only wraps the socket; the handshake
runs on the worker thread that serves the connection (see ``server.py``).
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path

import trustme
from cheroot.ssl.builtin import BuiltinSSLAdapter

_LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class TlsFiles:
    cert: Path  # PEM certificate chain
    key: Path  # PEM private key
    ca: Path | None = None  # the CA that issued ``cert`` when we made it


def certificate_names(host: str) -> list[str]:
    """Names the generated certificate is valid for."""
    names = [host] if host not in ("", "0.0.0.0", "::") else [socket.gethostname()]
    names += [name for name in _LOOPBACK if name not in names]
    return [name for name in names if name and _usable(name)]


def generate(directory: Path, names: list[str]) -> TlsFiles:
    """Issue a certificate for ``names`` into ``directory`` (PEM files)."""
    ca = trustme.CA(organization_name="vcmp-mock test CA")
    leaf = ca.issue_cert(*names, common_name=names[0])
    files = TlsFiles(directory / "cert.pem", directory / "key.pem", directory / "ca.pem")
    leaf.cert_chain_pems[0].write_to_path(str(files.cert))
    for more in leaf.cert_chain_pems[1:]:
        more.write_to_path(str(files.cert), append=True)
    leaf.private_key_pem.write_to_path(str(files.key))
    ca.cert_pem.write_to_path(str(files.ca))
    files.key.chmod(0o600)
    return files


def server_context(files: TlsFiles) -> ssl.SSLContext:
    """Fails early, with the reason, when the files do not make a TLS server."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(str(files.cert), str(files.key))
    except (OSError, ssl.SSLError) as exc:
        raise ValueError(f"cannot use {files.cert} / {files.key}: {exc}") from exc
    return context


class DeferredHandshakeAdapter(BuiltinSSLAdapter):
    """The builtin adapter, minus the handshake in the accept loop."""

    def __init__(self, files: TlsFiles):
        server_context(files)  # a readable error instead of cheroot's
        super().__init__(str(files.cert), str(files.key))

    def wrap(self, sock):
        wrapped = self.context.wrap_socket(
            sock, server_side=True, do_handshake_on_connect=False
        )
        return wrapped, {"wsgi.url_scheme": "https", "HTTPS": "on"}


def _usable(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return all(part and len(part) < 64 for part in name.split("."))
