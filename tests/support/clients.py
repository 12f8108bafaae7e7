"""Real client stacks on a live server: bigsuds and plain suds, with sessions.

``bigip(server, session_id=None)`` is a bigsuds ``BIGIP``; with a session id
it is bigsuds' own session class (``with_session_id`` would build it, but
drops the port: a bigsuds bug), so every request carries the
X-iControl-Session HTTP header exactly as bigsuds sends it.

``SudsInterface`` is a suds client on the WSDL the portal serves, that can
carry the session as the HTTP header or as a SOAP ``session`` header
element, as F5 documents both.
"""

from __future__ import annotations

import ssl
import urllib.request
from typing import Any

import bigsuds
from suds import WebFault
from suds.client import Client
from suds.sax.element import Element
from suds.sudsobject import Object as SudsObject
from suds.transport.https import HttpAuthenticated
from suds.xsd.doctor import Import, ImportDoctor


def bigip(server: Any, session_id: int | None = None, user: str = "admin", password: str = "admin"):
    if session_id is None:
        return bigsuds.BIGIP("127.0.0.1", user, password, port=server.port)
    client = bigsuds._BIGIPSession("127.0.0.1", session_id, user, password)
    client._port = server.port  # what with_session_id forgets
    return client


class UnverifiedHttps(HttpAuthenticated):
    """suds' Basic-auth transport, trusting the portal's self-signed certificate."""

    def u2handlers(self):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return [*super().u2handlers(), urllib.request.HTTPSHandler(context=context)]


def plain(value: Any) -> Any:
    """suds results as lists, dicts, str, int and bool.

    suds reads an empty typed element (``<comment s:type="y:string"></comment>``)
    as None and an empty untyped array item as "".
    """
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, SudsObject):
        return {name: plain(v) for name, v in value}
    if isinstance(value, str):
        return str(value)
    return value


class SudsInterface:
    def __init__(self, server: Any, name: str, user: str = "admin", password: str = "admin") -> None:
        encoding = Import("http://schemas.xmlsoap.org/soap/encoding/")
        encoding.filter.add("urn:iControl")
        self.client = Client(
            f"{server.url}?WSDL={name}",
            transport=UnverifiedHttps(username=user, password=password),
            doctor=ImportDoctor(encoding),
            cache=None,
        )
        self.client.factory.separator("_")

    @property
    def operations(self) -> list[str]:
        return list(self.client.wsdl.services[0].ports[0].methods)

    def enum_members(self, type_name: str) -> list[str]:
        enum = self.client.factory.create(type_name)
        return [name for name, _ in enum]

    def http_session(self, session_id: int | None) -> "SudsInterface":
        self.client.set_options(headers={} if session_id is None else {"X-iControl-Session": str(session_id)})
        return self

    def soap_session(self, session_id: int | None) -> "SudsInterface":
        header = None if session_id is None else Element("session").setText(str(session_id))
        self.client.set_options(soapheaders=() if header is None else header)
        return self

    def __getattr__(self, operation: str):
        method = getattr(self.client.service, operation)
        return lambda *args: plain(method(*args))

    def fault(self, operation: str, *args: Any) -> str:
        """Call ``operation`` expecting a SOAP fault; returns its faultstring."""
        try:
            getattr(self, operation)(*args)
        except WebFault as fault:
            return str(fault.fault.faultstring)
        raise AssertionError(f"{operation} did not fault")
