"""Every request captured from the five client stacks decodes as the client meant.

``captures/<client>/*.http`` are raw requests (head, blank line, body) sent by
bigsuds, suds, SOAP::Lite, Axis 1.4 and Mono's wsdl.exe proxies during one
scripted flow. Each POST must route to the interface and operation its file
names and decode to the values the flow passed; then it is dispatched through
the whole SOAP layer with recording handlers and must be answered with 200.
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import etree

from vcmp_mock.icontrol import typeinfo as ti
from vcmp_mock.icontrol.encoding import read_envelope
from vcmp_mock.icontrol.interfaces import INTERFACES
from vcmp_mock.icontrol.soap import SoapDispatcher
from vcmp_mock.transport.contracts import Principal

CAPTURES = Path(__file__).parent / "captures"
CLIENTS = ("dotnet-mono", "java-axis", "perl-soaplite", "python-bigsuds", "python-suds")

CREATE = [
    ["h1"],
    ["h1.example.com"],
    ["BIGIP-13.1.0.iso"],
    [{"address": "10.0.0.11", "netmask": "255.255.255.0"}],
    ["10.0.0.1"],
    [["vlan10"]],
]

# What the scripted flow passed, by (interface, operation).
FLOW: dict[tuple[str, str], list] = {
    ("System.SystemInfo", "get_version"): [],
    ("System.Cluster", "get_list"): [],
    ("System.Cluster", "get_slot_id"): [["default"]],
    ("System.VCMP", "get_version"): [],
    ("System.VCMP", "create"): CREATE,
    ("System.VCMP", "set_slot_allocation"): [["h1"], ["VCMP_SLOT_ALLOCATION_SINGLE"]],
    ("System.VCMP", "set_guest_cores_per_slot"): [["h1"], [2]],
    ("System.VCMP", "get_completion_status"): [["h1"]],
    ("System.VCMP", "get_list"): [],
    ("System.VCMP", "get_guest_assigned_slots"): [["h1"]],
    ("System.VCMP", "get_virtual_disk_list"): [],
    ("System.VCMP", "get_statistics"): [["h1"]],
    ("System.VCMP", "get_management_address"): [["h1"]],
    ("System.VCMP", "delete_guest"): [["h1"]],
}


def expected(path: Path) -> list:
    """The flow's values; two calls differ before and after the management step."""
    interface, operation = name_of(path)
    late = any(
        "get_management_address" in other.name and other.name < path.name
        for other in path.parent.glob("*.http")
    )
    if operation == "set_guest_state":
        return [["h1"], ["VCMP_GUEST_STATE_CONFIGURED" if late else "VCMP_GUEST_STATE_DEPLOYED"]]
    if operation == "get_guest_state":
        return [["no-such-guest" if late else "h1"]]
    return FLOW[(interface, operation)]


def name_of(path: Path) -> tuple[str, str]:
    # "05-System.VCMP.create.http" -> ("System.VCMP", "create")
    module, interface, operation = path.stem.split("-", 1)[1].rsplit(".", 2)
    return f"{module}.{interface}", operation


def split(path: Path) -> tuple[str, dict[str, str], bytes]:
    head, _, body = path.read_bytes().partition(b"\r\n\r\n")
    request_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return request_line, headers, body


def posts() -> list[Path]:
    found = [p for client in CLIENTS for p in sorted((CAPTURES / client).glob("*.http")) if "GET-WSDL" not in p.name]
    assert len(found) > 100
    return found


def plain(value: Any) -> Any:
    """Decoded values with structs as dicts, for comparison."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (str, int)):
        return value
    return {name: plain(v) for name, v in vars(value).items()}


def test_index_lists_every_capture():
    for client in CLIENTS:
        rows = (CAPTURES / client / "index.tsv").read_text().splitlines()[1:]
        listed = {row.split("\t")[0] for row in rows}
        assert listed == {p.name for p in (CAPTURES / client).glob("*.http")}


@pytest.mark.parametrize("path", posts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_capture_routes_and_decodes(path):
    request_line, headers, body = split(path)
    assert request_line.startswith("POST /iControl/iControlPortal.cgi HTTP/1.")
    assert int(headers["content-length"]) == len(body)
    interface, operation = name_of(path)
    request = read_envelope(body)
    assert (request.namespace, request.operation) == (INTERFACES[interface].namespace, operation)
    op = INTERFACES[interface].operation(operation)
    values = request.params([(p.name, p.type) for p in op.params])
    assert plain(values) == expected(path)


def sample(cls: type) -> Any:
    """A small valid value of any iControl type, for the recording handlers."""
    kind = ti.kind(cls)
    if kind == ti.ARRAY:
        return [sample(ti.item_type(cls))]
    if kind == ti.STRUCT:
        return {name: sample(t) for name, t in ti.fields(cls)}
    if kind == ti.ENUM:
        return ti.enum_members(cls)[0]
    return {"string": "s", "long": 1, "int": 1, "boolean": True}[ti.primitive_name(cls)]


class Recorder:
    """A handler module answering every operation with a sample of its return type."""

    def __init__(self, interface: str) -> None:
        self.interface = INTERFACES[interface]
        self.seen: list[tuple[str, list]] = []

    def __getattr__(self, operation: str):
        op = self.interface.operation(operation)

        def handler(call, *args):
            self.seen.append((call.operation, list(args)))
            return None if op.returns is None else sample(op.returns)

        return handler


@pytest.fixture(scope="module")
def recorders():
    return {name: Recorder(name) for name in ("System.VCMP", "System.Cluster", "System.SystemInfo")}


@pytest.fixture(scope="module")
def dispatcher(recorders):
    return SoapDispatcher(SimpleNamespace(lock=threading.Lock()), bigip_version="13.1.0", handler_modules=recorders)


@pytest.mark.parametrize("path", posts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_capture_is_answered_through_the_whole_soap_layer(path, dispatcher, recorders):
    _, headers, body = split(path)
    interface, operation = name_of(path)
    response = dispatcher.handle(body, headers, Principal("admin", "admin"))
    assert response.status == 200, response.body.decode()
    root = etree.fromstring(response.body)
    answer = root[0][0]
    assert answer.tag == f"{{{INTERFACES[interface].namespace}}}{operation}Response"
    seen_operation, args = recorders[interface].seen[-1]
    assert seen_operation == operation
    assert plain(args) == expected(path)
