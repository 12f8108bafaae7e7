"""Drive the SOAP layer in-process with plain Python values.

``Box`` is a simulator behind a ``SoapDispatcher`` on a manual clock;
``box.call("System.Session", "start_transaction")`` sends a hand-written
rpc/encoded request and returns the decoded answer (lists, dicts, str,
int, bool) or raises ``Fault`` with the faultstring. Session ids go as the
X-iControl-Session HTTP header (``session=``) or a SOAP ``session`` header
(``soap_session=``).
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from vcmp_mock.domain.clock import ManualClock
from vcmp_mock.engine.simulator import Simulator
from vcmp_mock.icontrol.soap import SoapDispatcher
from vcmp_mock.transport.contracts import Principal

ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


class Fault(Exception):
    def __init__(self, status: int, faultstring: str) -> None:
        super().__init__(faultstring)
        self.status = status
        self.faultstring = faultstring

    @property
    def exception(self) -> str:
        """``Common::InvalidArgument`` ... ("" for a framework fault)."""
        for line in self.faultstring.splitlines():
            if line.startswith("Exception: "):
                return line[len("Exception: "):]
        return ""


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "".join(f"<item>{_value(v)}</item>" for v in value)
    if isinstance(value, dict):
        return "".join(f"<{k}>{_value(v)}</{k}>" for k, v in value.items())
    return escape(str(value))


def envelope(interface: str, operation: str, params: dict[str, Any], header: str = "",
             prologue: str = "") -> bytes:
    ns = "urn:iControl:" + interface.replace(".", "/")
    args = "".join(f"<{name}>{_value(v)}</{name}>" for name, v in params.items())
    return (
        f'{prologue}<SOAP-ENV:Envelope xmlns:SOAP-ENV="{ENV}">{header}<SOAP-ENV:Body>'
        f'<m:{operation} xmlns:m="{ns}">{args}</m:{operation}></SOAP-ENV:Body></SOAP-ENV:Envelope>'
    ).encode()


def decode(el: Any, kind_hint: str = "") -> Any:
    children = list(el)
    kind = el.get(f"{{{XSI}}}type", "")
    array_type = el.get("{http://schemas.xmlsoap.org/soap/encoding/}arrayType")
    if array_type:
        # Items are untyped: the array says what they are ("y:long[3]").
        item_kind = array_type[: array_type.index("[")]
        return [decode(c, item_kind if "[" not in array_type[array_type.index("[") + 1:] else "")
                for c in children]
    if children:
        return {etree.QName(c).localname: decode(c) for c in children}
    kind = kind or kind_hint
    text = el.text or ""
    if kind in ("y:long", "y:int"):
        return int(text)
    if kind == "y:boolean":
        return text == "true"
    return text


class Box:
    def __init__(self, version: str = "13.1.0", preset: str = "viprion-c2400", seed: int = 0) -> None:
        self.clock = ManualClock()
        self.sim = Simulator(preset, seed=seed, clock=self.clock)
        self.dispatcher = SoapDispatcher(self.sim, bigip_version=version)

    def send(self, body: bytes, headers: dict[str, str] | None = None, user: str = "admin",
             role: str = "admin") -> Any:
        response = self.dispatcher.handle(body, headers or {}, Principal(user, role))
        root = etree.fromstring(response.body)
        body_el = root.find(f"{{{ENV}}}Body")
        answer = body_el[0]
        if answer.tag == f"{{{ENV}}}Fault":
            raise Fault(response.status, answer.findtext("faultstring"))
        assert response.status == 200
        returned = answer.find("return")
        return None if returned is None else decode(returned)

    def call(self, interface: str, operation: str, *, user: str = "admin", role: str = "admin",
             session: int | None = None, soap_session: int | None = None, **params: Any) -> Any:
        headers = {} if session is None else {"x-icontrol-session": str(session)}
        header = ""
        if soap_session is not None:
            header = f"<SOAP-ENV:Header><session>{soap_session}</session></SOAP-ENV:Header>"
        return self.send(envelope(interface, operation, params, header), headers, user, role)

    # shorthands
    def vcmp(self, operation: str, **kw: Any) -> Any:
        return self.call("System.VCMP", operation, **kw)

    def session(self, operation: str, **kw: Any) -> Any:
        return self.call("System.Session", operation, **kw)

    def create(self, name: str, **kw: Any) -> None:
        self.vcmp("create", guests=[name], hostnames=[f"{name}.example.com"],
                  images=["BIGIP-13.1.0.0.0.1868.iso"],
                  addresses=[{"address": "10.0.0.11", "netmask": "255.255.255.0"}],
                  gateways=["10.0.0.1"], vlans=[["vlan10"]], **kw)
