"""The SOAP layer as the portal sees it: body bytes in, envelope bytes out.

One spyne ``Application`` per iControl interface (tns = the interface's
namespace, e.g. ``urn:iControl:System/VCMP``), each with one service whose
``@rpc`` methods are generated from the operation catalogue. A request is
routed by the namespace of its method element, never by SOAPAction; an
operation newer than the emulated BIG-IP version has no method and is an
unknown method, as on an older box.

The generated methods call the handler of the same name in the interface's
handler module (``icontrol.services``) with the ``Call`` that spyne carries
as ``ctx.udc``, under the simulator's lock, through ``invoke`` (sessions,
transactions). Enum members newer than the emulated version are refused
in requests and kept out of answers (``versioning``); DTDs are refused
from 12.0.0 on unless the DTD processing state allows them. A refusal of
the host (``DomainError``) becomes its iControl exception; anything
unexpected is logged and answered as a Server fault, never a crash.
"""

from __future__ import annotations

import logging
import threading
from types import ModuleType
from typing import Any, Callable, Mapping

from spyne import Application, MethodContext, Service, rpc
from spyne.server import ServerBase

from vcmp_mock.domain.errors import DomainError
from vcmp_mock.engine.faults import HttpFault
from vcmp_mock.transport.contracts import Principal, SoapResponse

from . import faults
from .call import Call
from .encoding import read_envelope
from .encoding.decoders import parse_integer
from .encoding.reader import Request
from .interfaces.base import Interface, Operation, version_key
from .invoke import invoke, refused
from .request_hook import RequestHook, consult
from .protocol import IControlProtocol, fault_body
from .versioning import EnumGate, gate

logger = logging.getLogger(__name__)

SESSION_HEADER = "x-icontrol-session"
# Before 12.0.0 the portal parsed DTDs; from then on only when allowed.
_DTD_SWITCH_SINCE = version_key("12.0.0")


class IControlService(Service):
    """Base of the generated services: turns refusals into iControl faults."""

    @classmethod
    def call_wrapper(cls, ctx: Any, args: Any = None) -> Any:
        try:
            return super().call_wrapper(ctx, args)
        except faults.SoapFault:
            raise
        except DomainError as error:
            raise faults.from_domain_error(error) from error
        except Exception:
            logger.exception("handler %s failed", ctx.method_request_string)
            raise faults.internal_error() from None


class DispatchContext(MethodContext):
    """spyne's method context, plus the handler module of the dispatcher.

    Applications are shared by every dispatcher (they depend only on the
    interface and the emulated version); the handlers travel with the call.
    """

    # spyne guards every attribute write of a context (about 56 per request,
    # 8 us in all) to steer users to ``udc``; this class writes only spyne's
    # own fields and ``handlers``, so it skips the guard.
    __setattr__ = object.__setattr__

    def __init__(self, server: "_Server", handlers: Any) -> None:
        super().__init__(server, MethodContext.SERVER)
        self.handlers = handlers

    def fire_event(self, event: str, *args: Any, **kwargs: Any) -> None:
        # spyne's EventManager builds an empty ordered set for every event
        # nobody listens to (three or more per call); ask each manager only
        # when it has listeners for this event, which is what it would run.
        for manager in self._event_managers():
            if event in manager.handlers:
                manager.fire_event(event, self, *args, **kwargs)

    def _event_managers(self) -> tuple:
        # the order spyne's MethodContext.fire_event uses
        own = self.descriptor.event_managers if self.descriptor is not None else ()
        return (self.app.event_manager, *own)


def _method(op: Operation, enums: EnumGate | None) -> Callable[..., Any]:
    name = op.name
    queueable = op.returns is None  # only a void change can wait for submit

    def method(ctx: DispatchContext, *args: Any) -> Any:
        call: Call = ctx.udc
        # Looked up per call, so a handler added or patched later is used.
        handler = getattr(ctx.handlers, name, None)
        check = None if enums is None else enums.check_args
        with call.simulator.lock:
            result = invoke(call, handler if callable(handler) else None, args, queueable, check)
        return result if enums is None else enums.clean_result(result)

    method.__name__ = name
    # The response part is named "return"; a void operation has none.
    returns = {} if op.returns is None else {"_returns": op.returns, "_out_variable_name": "return"}
    return rpc(*(p.type for p in op.params), _args=tuple(p.name for p in op.params), **returns)(method)


def build_application(interface: Interface, version: str) -> Application | None:
    """The spyne application serving ``interface`` as BIG-IP ``version`` does."""
    operations = interface.operations_for(version)
    if not operations:
        return None
    members = {op.name: _method(op, gate(interface, op, version)) for op in operations}
    service = type(interface.full_name.replace(".", "_"), (IControlService,), members)
    service.__service_name__ = interface.full_name
    return Application(
        [service],
        tns=interface.namespace,
        # spyne registers applications by (tns, name); one per emulated version.
        name=f"{interface.full_name}@{version}",
        in_protocol=IControlProtocol(),
        out_protocol=IControlProtocol(),
    )


class _Server(ServerBase):
    """spyne's pipeline driven in-process: no WSGI, the portal owns HTTP."""

    transport = "urn:vcmp-mock:in-process"


# Applications are immutable once built and shared by every dispatcher
# (tests build many). Keyed by identity; the values keep the keys alive.
_SERVERS: dict[tuple[int, str], tuple[Interface, _Server | None]] = {}
_SERVERS_LOCK = threading.Lock()


def _server(interface: Interface, version: str) -> _Server | None:
    key = (id(interface), version)
    with _SERVERS_LOCK:
        if key not in _SERVERS:
            app = build_application(interface, version)
            _SERVERS[key] = (interface, _Server(app) if app is not None else None)
        return _SERVERS[key][1]


class SoapDispatcher:
    """Implements ``transport.contracts.Dispatcher`` over the catalogue."""

    def __init__(
        self,
        simulator: Any,
        bigip_version: str = "13.1.0",
        interfaces: Mapping[str, Interface] | None = None,
        handler_modules: Mapping[str, ModuleType | Any] | None = None,
        request_hook: RequestHook | None = None,
    ) -> None:
        if interfaces is None:
            from .interfaces import INTERFACES as interfaces
        if handler_modules is None:
            from .services import handler_module

            handler_modules = {name: handler_module(name) for name in interfaces}
        self.simulator = simulator
        self.bigip_version = bigip_version
        # a running scenario's before_request: its events and fault rules
        self.request_hook = request_hook
        self._dtd_switch = version_key(bigip_version) >= _DTD_SWITCH_SINCE
        self._routes: dict[str, tuple[Interface, _Server, Any]] = {}
        for name, interface in interfaces.items():
            server = _server(interface, bigip_version)
            if server is not None:
                self._routes[interface.namespace] = (interface, server, handler_modules.get(name))

    def handle(self, body: bytes, headers: Mapping[str, str], principal: Principal) -> SoapResponse:
        request = None
        try:
            request = read_envelope(body, allow_dtd=self._dtd_allowed())
            route = self._routes.get(request.namespace)
            if route is None:
                raise faults.unknown_method(request.namespace, request.operation)
            interface, server, handlers = route
            call = Call(
                simulator=self.simulator,
                user=principal.user,
                role=principal.role,
                session_id=_session_id(request, headers),
                interface=interface.full_name,
                operation=request.operation,
                bigip_version=self.bigip_version,
            )
            return _answer(server, request, call, handlers, self.request_hook)
        except faults.SoapFault as fault:
            return SoapResponse(faults.FAULT_STATUS, fault_body(fault, request))
        except Exception:
            logger.exception("SOAP request failed")
            return SoapResponse(faults.FAULT_STATUS, faults.internal_error().body())

    def _dtd_allowed(self) -> bool:
        if not self._dtd_switch:
            return True
        sessions = getattr(self.simulator, "sessions", None)
        return sessions is not None and sessions.dtd_processing


def _session_id(request: Request, headers: Mapping[str, str]) -> int | None:
    # The SOAP header wins over the HTTP header when both are present.
    if request.session_id is not None:
        return request.session_id
    value = headers.get(SESSION_HEADER)
    return None if value is None else parse_integer(value, 64)


def _answer(
    server: _Server, request: Request, call: Call, handlers: Any, hook: RequestHook | None = None
) -> SoapResponse:
    app = server.app
    protocol = app.in_protocol
    ctx = DispatchContext(server, handlers)
    ctx.in_document = request
    ctx.udc = call
    protocol.decompose_incoming_envelope(ctx, protocol.REQUEST)
    # generate_method_contexts would copy the context once per handle; each
    # method here has exactly one handle and no auxiliary methods.
    handles = protocol.get_call_handles(ctx)
    if not handles:
        raise faults.unknown_method(request.namespace, request.operation)
    ctx.descriptor = handles[0]
    try:
        protocol.deserialize(ctx, protocol.REQUEST)
    except faults.IControlFault as fault:
        handler = getattr(handlers, request.operation, None)
        refused(call, handler if callable(handler) else None, not ctx.descriptor.out_message._type_info, fault)
        raise
    wire = None
    if hook is not None:
        wire = consult(hook, call, tuple(ctx.descriptor.in_message._type_info), ctx.in_object or ())
        if isinstance(wire, HttpFault):  # answered by the portal; the call never ran
            return SoapResponse(wire.status, b"", wire=wire)
    app.process_request(ctx)
    app.out_protocol.serialize(ctx, protocol.RESPONSE)
    app.out_protocol.create_out_string(ctx)
    status = 200 if ctx.out_error is None else faults.FAULT_STATUS
    return SoapResponse(status, b"".join(ctx.out_string), wire=wire)
