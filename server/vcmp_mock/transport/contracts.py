"""What the portal hands to the SOAP layer, and what it expects back.

The transport owns HTTP: routing, Basic auth, body reading, status lines,
headers and chunking. The SOAP layer owns everything inside the body. The
two meet only through the names below, so either side can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol


@dataclass(frozen=True)
class Principal:
    """The user an iControl request was authenticated as."""

    user: str
    role: str  # "admin", "operator", "guest", ... as configured


@dataclass(frozen=True)
class SoapResponse:
    """A SOAP answer: the portal sends ``body`` as ``text/xml; charset="UTF-8"``.

    ``status`` is 200 for a result and 500 for any SOAP fault (as a real
    portal does); the portal adds every HTTP header itself.
    """

    status: int
    body: bytes
    # A scenario's fault for the transport to carry out instead of, or on
    # the way to, sending ``body`` (an ``engine.faults.HttpFault`` or
    # ``TransportFault``); None for a plain answer.
    wire: object | None = None


class Dispatcher(Protocol):
    """The SOAP layer, as the portal sees it."""

    def handle(
        self, body: bytes, headers: Mapping[str, str], principal: Principal
    ) -> SoapResponse:
        """Answer one POSTed envelope.

        ``body`` is the whole request body, de-chunked. ``headers`` holds the
        request headers with lower-cased names (``"soapaction"``,
        ``"x-icontrol-session"``, ``"content-type"``, ...). Must not raise for
        bad input: a malformed envelope is a SOAP fault with status 500. An
        exception that escapes anyway becomes a bare HTTP 500.
        """
        ...


class WsdlSource(Protocol):
    """Serves ``GET ?WSDL=<Module.Interface>``."""

    def __call__(self, name: str, location: str) -> bytes | None:
        """The WSDL of interface ``name`` (e.g. ``"System.VCMP"``) with its
        ``soap:address`` set to ``location``, or None for an unknown name."""
        ...
