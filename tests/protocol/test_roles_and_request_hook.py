"""Roles refuse changes; a scenario's request hook decides faults per request."""

from __future__ import annotations

import pytest
from support.soapcall import Box, Fault, envelope

from vcmp_mock.engine.faults import HttpFault, ProtocolFault, TransportFault, TransportKind
from vcmp_mock.icontrol.soap import SoapDispatcher
from vcmp_mock.transport.contracts import Principal


@pytest.fixture
def box():
    b = Box()
    b.create("g1")
    return b


@pytest.mark.parametrize("role", ["guest", "operator", "auditor", "manager"])
def test_read_only_roles_read_but_may_not_change(box, role):
    assert box.vcmp("get_list", role=role, user="viewer") == ["g1"]
    with pytest.raises(Fault) as raised:
        box.vcmp("set_hostname", guests=["g1"], hostnames=["other"], role=role, user="viewer")
    assert raised.value.exception == "Common::AccessDenied"
    assert "viewer" in raised.value.faultstring
    assert box.vcmp("get_hostname", guests=["g1"]) == ["g1.example.com"]


@pytest.mark.parametrize("role", ["admin", "resource-admin"])
def test_administrators_may_change_guests(box, role):
    box.vcmp("set_hostname", guests=["g1"], hostnames=["renamed.example.com"], role=role)
    assert box.vcmp("get_hostname", guests=["g1"]) == ["renamed.example.com"]


def test_no_access_role_may_not_even_read(box):
    with pytest.raises(Fault) as raised:
        box.vcmp("get_list", role="no-access", user="nobody")
    assert raised.value.exception == "Common::AccessDenied"


class Hook:
    """Records what the dispatcher tells it and answers a fixed decision."""

    def __init__(self, decision=None):
        self.decision = decision
        self.seen = []

    def __call__(self, interface, operation, guests=(), slots=(), user="", canonical_interface=None):
        self.seen.append((interface, operation, tuple(guests), tuple(slots), user, canonical_interface))
        return self.decision


def hooked(box, decision):
    hook = Hook(decision)
    box.dispatcher = SoapDispatcher(box.sim, request_hook=hook)
    return hook


def test_hook_sees_guests_slots_user_and_the_canonical_interface(box):
    hook = hooked(box, None)
    box.call("Management.VCMP", "get_hostname", guests=["g1"], user="ops")
    box.call("System.Cluster", "get_member_enabled_state", cluster_names=["default"], slot_ids=[[2, 3]])
    assert hook.seen == [
        ("Management.VCMP", "get_hostname", ("g1",), (), "ops", "System.VCMP"),
        ("System.Cluster", "get_member_enabled_state", (), (2, 3), "admin", "System.Cluster"),
    ]


def test_protocol_fault_is_an_icontrol_exception_and_the_call_does_not_run(box):
    hooked(box, ProtocolFault("Common::OperationFailed", "slot 2 unavailable", 0x01071234, 7))
    with pytest.raises(Fault) as raised:
        box.vcmp("set_hostname", guests=["g1"], hostnames=["changed"])
    text = raised.value.faultstring
    assert raised.value.exception == "Common::OperationFailed"
    assert "17240628 (0x01071234)" in text
    assert "secondary_error_code : 7" in text
    assert text.endswith("error_string         : 01071234:3: slot 2 unavailable")
    assert box.sim.host.guest("g1").hostname == "g1.example.com"


def test_an_error_string_with_its_own_code_is_kept_as_written(box):
    hooked(box, ProtocolFault("Common::OperationFailed", "01020036:3: The requested vCMP guest (g1) was not found."))
    with pytest.raises(Fault) as raised:
        box.vcmp("get_guest_state", guests=["g1"])
    assert raised.value.faultstring.endswith(": 01020036:3: The requested vCMP guest (g1) was not found.")


def test_http_fault_goes_to_the_portal_and_the_call_does_not_run(box):
    fault = HttpFault(503, retry_after=5)
    hooked(box, fault)
    body = envelope("System.VCMP", "set_hostname", {"guests": ["g1"], "hostnames": ["changed"]})
    answer = box.dispatcher.handle(body, {}, Principal("admin", "admin"))
    assert (answer.status, answer.wire) == (503, fault)
    assert box.sim.host.guest("g1").hostname == "g1.example.com"


def test_transport_fault_lets_the_call_run_and_travels_with_its_answer(box):
    fault = TransportFault(TransportKind.CONNECTION_RESET)
    hooked(box, fault)
    body = envelope("System.VCMP", "set_hostname", {"guests": ["g1"], "hostnames": ["changed"]})
    answer = box.dispatcher.handle(body, {}, Principal("admin", "admin"))
    assert answer.status == 200 and answer.wire == fault
    assert b"set_hostnameResponse" in answer.body
    assert box.sim.host.guest("g1").hostname == "changed"
