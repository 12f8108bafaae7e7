"""SoapDispatcher: the transport contract, driven in-process with fake handlers."""

from __future__ import annotations

import logging
import threading
from types import SimpleNamespace

import pytest

from vcmp_mock.domain import errors
from vcmp_mock.icontrol import faults
from vcmp_mock.icontrol.soap import SoapDispatcher
from vcmp_mock.transport.contracts import Principal

VCMP = "urn:iControl:System/VCMP"
ADMIN = Principal("admin", "admin")


class Simulator:
    def __init__(self) -> None:
        self.lock = threading.Lock()


def envelope(method: str, header: str = "") -> bytes:
    return (
        '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">'
        f"{header}<SOAP-ENV:Body>{method}</SOAP-ENV:Body></SOAP-ENV:Envelope>"
    ).encode()


def method(op: str, params: str = "", ns: str = VCMP) -> bytes:
    return envelope(f'<m:{op} xmlns:m="{ns}">{params}</m:{op}>')


@pytest.fixture
def calls():
    return []


@pytest.fixture
def handlers(calls):
    sim_lock_states = []

    def get_list(call):
        calls.append(call)
        return ["guest1", "guest2"]

    def set_guest_state(call, guests, states):
        calls.append((call, guests, states))
        sim_lock_states.append(call.simulator.lock.locked())

    def delete_guest(call, guests):
        raise errors.GuestNotFound(guests[0])

    def get_guest_state(call, guests):
        return ["NOT_A_STATE"]

    def get_version(call):
        raise RuntimeError("boom")

    def get_hostname(call, guests):
        raise faults.mismatched_lengths("guests", len(guests), "states", 0)

    def add_capability(call, guests, capabilities, values):
        calls.append("add_capability")

    module = SimpleNamespace(**{f.__name__: f for f in (
        get_list, set_guest_state, delete_guest, get_guest_state, get_version, get_hostname, add_capability)})
    module.lock_states = sim_lock_states
    return module


@pytest.fixture
def dispatcher(handlers):
    mods = {"System.VCMP": handlers, "Management.VCMP": handlers}
    return SoapDispatcher(Simulator(), bigip_version="13.1.0", handler_modules=mods)


def test_get_list_answers_200_with_the_writer_bytes(dispatcher, calls):
    response = dispatcher.handle(method("get_list"), {}, ADMIN)
    assert response.status == 200
    assert response.body.startswith(b"<E:Envelope\r\n")
    assert b'<m:get_listResponse\r\n\txmlns:m="urn:iControl:System/VCMP">\r\n<return\r\n' in response.body
    assert b"<item>guest1</item>\r\n<item>guest2</item>\r\n" in response.body
    (call,) = calls
    assert (call.user, call.role, call.interface, call.operation, call.bigip_version, call.session_id) == (
        "admin", "admin", "System.VCMP", "get_list", "13.1.0", None)


def test_parameters_arrive_decoded_in_wsdl_order_under_the_simulator_lock(dispatcher, calls, handlers):
    body = method("set_guest_state", "<states><item>VCMP_GUEST_STATE_DEPLOYED</item></states><guests><item>g1</item></guests>")
    response = dispatcher.handle(body, {}, ADMIN)
    assert response.status == 200
    assert response.body.endswith(b'\txmlns:m="urn:iControl:System/VCMP"></m:set_guest_stateResponse>\r\n</E:Body>\r\n</E:Envelope>\r\n')
    ((_, guests, states),) = calls
    assert (guests, states) == (["g1"], ["VCMP_GUEST_STATE_DEPLOYED"])
    assert handlers.lock_states == [True]


def test_routing_uses_the_method_namespace_not_soapaction(dispatcher):
    headers = {"soapaction": '"urn:iControl:System/Cluster#get_list"'}
    response = dispatcher.handle(method("get_list"), headers, ADMIN)
    assert response.status == 200 and b'xmlns:m="urn:iControl:System/VCMP"' in response.body


def test_alias_interface_is_served_under_its_own_name(dispatcher, calls):
    response = dispatcher.handle(method("get_list", ns="urn:iControl:Management/VCMP"), {}, ADMIN)
    assert response.status == 200 and b'xmlns:m="urn:iControl:Management/VCMP"' in response.body
    assert calls[0].interface == "Management.VCMP"


@pytest.mark.parametrize(
    "body, text",
    [
        (method("bogus"), 'Unknown method &quot;{urn:iControl:System/VCMP}:bogus&quot;'),
        (method("get_list", ns="urn:iControl:Bogus/Thing"), 'Unknown method &quot;{urn:iControl:Bogus/Thing}:get_list&quot;'),
    ],
)
def test_unknown_method_or_interface_is_a_client_fault(dispatcher, body, text):
    response = dispatcher.handle(body, {}, ADMIN)
    assert response.status == 500
    assert b"SOAP-ENV:Client</faultcode>" in response.body and text.encode() in response.body


def test_operations_newer_than_the_emulated_version_are_unknown(handlers, calls):
    body = method("add_capability", "<guests/><capabilities/><values/>")
    old = SoapDispatcher(Simulator(), bigip_version="11.4.0", handler_modules={"System.VCMP": handlers})
    assert b"Unknown method" in old.handle(body, {}, ADMIN).body
    new = SoapDispatcher(Simulator(), bigip_version="11.5.0", handler_modules={"System.VCMP": handlers})
    assert new.handle(body, {}, ADMIN).status == 200 and calls == ["add_capability"]


def test_domain_error_becomes_its_icontrol_exception_located_at_the_call(dispatcher):
    response = dispatcher.handle(method("delete_guest", "<guests><item>g9</item></guests>"), {}, ADMIN)
    assert response.status == 500
    assert (
        b"Exception caught in System::urn:iControl:System/VCMP::delete_guest()\n"
        b"Exception: Common::OperationFailed\n"
        b"\tprimary_error_code   : 16908342 (0x01020036)\n"
        b"\tsecondary_error_code : 0\n"
        b"\terror_string         : 01020036:3: The requested vCMP guest (g9) was not found.</faultstring>"
    ) in response.body


def test_handler_may_raise_an_icontrol_fault_itself(dispatcher):
    response = dispatcher.handle(method("get_hostname", "<guests><item>a</item></guests>"), {}, ADMIN)
    assert response.status == 500 and b"Exception: Common::InvalidArgument\n" in response.body


def test_bad_enum_in_the_request_is_invalid_argument_at_the_call(dispatcher, calls):
    body = method("set_guest_state", "<guests><item>g1</item></guests><states><item>UP</item></states>")
    response = dispatcher.handle(body, {}, ADMIN)
    assert response.status == 500 and calls == []
    assert b"::set_guest_state()\nException: Common::InvalidArgument\n" in response.body


def test_missing_handler_is_not_implemented(dispatcher):
    response = dispatcher.handle(method("get_guest_cores_per_slot", "<guests/>"), {}, ADMIN)
    assert response.status == 500 and b"Exception: Common::NotImplemented\n" in response.body


def test_unexpected_exception_is_a_logged_server_fault(dispatcher, caplog):
    with caplog.at_level(logging.ERROR):
        response = dispatcher.handle(method("get_version"), {}, ADMIN)
    assert response.status == 500
    assert b"SOAP-ENV:Server</faultcode>" in response.body and b">Serious error occured.</faultstring>" in response.body
    assert any("boom" in (r.exc_text or "") or (r.exc_info and "boom" in str(r.exc_info[1])) for r in caplog.records)


def test_result_the_wsdl_cannot_carry_is_a_server_fault_not_bad_xml(dispatcher):
    response = dispatcher.handle(method("get_guest_state", "<guests><item>g1</item></guests>"), {}, ADMIN)
    assert response.status == 500 and b">Serious error occured.</faultstring>" in response.body


def test_icontrol_faults_are_not_logged_as_errors(dispatcher, caplog):
    with caplog.at_level(logging.DEBUG):
        dispatcher.handle(method("delete_guest", "<guests><item>g9</item></guests>"), {}, ADMIN)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "header, http, expected",
    [
        ("<SOAP-ENV:Header><session>11</session></SOAP-ENV:Header>", {"x-icontrol-session": "22"}, 11),
        ("", {"x-icontrol-session": "22"}, 22),
        ("<SOAP-ENV:Header><session>11</session></SOAP-ENV:Header>", {}, 11),
        ("", {}, None),
    ],
)
def test_session_id_soap_header_wins_over_http_header(dispatcher, calls, header, http, expected):
    body = envelope(f'<m:get_list xmlns:m="{VCMP}"/>', header=header)
    assert dispatcher.handle(body, http, ADMIN).status == 200
    assert calls[0].session_id == expected


def test_bad_http_session_header_is_an_integer_fault(dispatcher, calls):
    response = dispatcher.handle(method("get_list"), {"x-icontrol-session": "abc"}, ADMIN)
    assert response.status == 500 and b"Could not convert string to integer: &apos;abc&apos;" in response.body
    assert calls == []


@pytest.mark.parametrize("body", [b"", b"not xml", b"<a/>", b"\xff" * 10])
def test_malformed_bodies_are_faults_never_exceptions(dispatcher, body):
    response = dispatcher.handle(body, {}, ADMIN)
    assert response.status == 500 and response.body.startswith(b"<SOAP-ENV:Envelope\r\n")


def test_must_understand_header_is_refused(dispatcher, calls):
    header = '<SOAP-ENV:Header><t:tx xmlns:t="urn:t" SOAP-ENV:mustUnderstand="1">1</t:tx></SOAP-ENV:Header>'
    response = dispatcher.handle(envelope(f'<m:get_list xmlns:m="{VCMP}"/>', header=header), {}, ADMIN)
    assert response.status == 500 and b"SOAP-ENV:MustUnderstand</faultcode>" in response.body
    assert calls == []


def test_interfaces_without_handler_module_answer_not_implemented():
    dispatcher = SoapDispatcher(Simulator(), handler_modules={})
    response = dispatcher.handle(method("get_list", ns="urn:iControl:System/Cluster"), {}, ADMIN)
    assert response.status == 500
    assert b"Exception caught in System::urn:iControl:System/Cluster::get_list()\nException: Common::NotImplemented" in response.body


def test_concurrent_requests_each_get_their_own_answer(dispatcher):
    results = []

    def worker(n):
        body = method("set_guest_state", f"<guests><item>g{n}</item></guests><states><item>VCMP_GUEST_STATE_DEPLOYED</item></states>")
        results.append(dispatcher.handle(body, {}, ADMIN).status)
        results.append(dispatcher.handle(method("get_list"), {}, ADMIN).body.count(b"<item>"))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [2] * 8 + [200] * 8


def test_protocol_also_runs_in_spynes_own_server_pipeline(handlers, dispatcher):
    # The protocol is a complete spyne protocol, not only what the dispatcher drives.
    from vcmp_mock.icontrol import soap
    from vcmp_mock.icontrol.call import Call
    from vcmp_mock.icontrol.interfaces import INTERFACES

    server = soap._server(INTERFACES["System.VCMP"], "13.1.0")
    ctx = soap.DispatchContext(server, handlers)
    ctx.in_string = [method("get_list")]
    ctx.udc = Call(Simulator(), "admin", "admin", None, "System.VCMP", "get_list", "13.1.0")
    (ctx,) = server.generate_contexts(ctx)
    server.get_in_object(ctx)
    server.get_out_object(ctx)
    server.get_out_string(ctx)
    assert b"".join(ctx.out_string) == dispatcher.handle(method("get_list"), {}, ADMIN).body

    unknown = soap.DispatchContext(server, handlers)
    unknown.in_string = [method("bogus")]
    (unknown,) = server.generate_contexts(unknown)
    assert isinstance(unknown.in_error, faults.FrameworkFault)
    assert unknown.in_error.faultstring == 'Unknown method "{urn:iControl:System/VCMP}:bogus"'
