"""The portal's rpc/encoded SOAP as a spyne protocol.

spyne's own Soap11 is document/literal at heart and slow for these answers,
so this protocol plugs the codec in ``icontrol.encoding`` into spyne's
pipeline instead:

    create_in_document            body bytes -> ``encoding.Request``
    decompose_incoming_envelope   method_request_string = "{namespace}operation"
    generate_method_contexts      an unknown method is EasySoap++'s fault
    deserialize                   parameters decoded by the method's in_message
    serialize                     ctx.out_object / ctx.out_error -> envelope bytes
    create_out_string             ctx.out_string

Faults are located (module, namespace, operation) from the request itself,
so the "Exception caught in ..." line names what the client called.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from spyne.protocol import ProtocolBase

from . import faults
from .encoding import read_envelope, write_response
from .encoding.reader import Request

logger = logging.getLogger(__name__)


class IControlProtocol(ProtocolBase):
    mime_type = 'text/xml; charset="UTF-8"'

    def create_in_document(self, ctx: Any, charset: str | None = None) -> None:
        # The dispatcher parses before it knows the application (it routes by
        # the method's namespace) and hands the parsed request over.
        if not isinstance(ctx.in_document, Request):
            ctx.in_document = read_envelope(b"".join(ctx.in_string))

    def decompose_incoming_envelope(self, ctx: Any, message: Any = None) -> None:
        request: Request = ctx.in_document
        ctx.in_header_doc = None
        ctx.in_body_doc = request.method
        ctx.method_request_string = f"{{{request.namespace}}}{request.operation}"

    def generate_method_contexts(self, ctx: Any) -> list:
        if not self.get_call_handles(ctx):
            request: Request = ctx.in_document
            raise faults.unknown_method(request.namespace, request.operation)
        return super().generate_method_contexts(ctx)

    def deserialize(self, ctx: Any, message: Any) -> None:
        request: Request = ctx.in_document
        ctx.in_header = None
        ctx.in_object = request.params(_declared(ctx.descriptor.in_message))

    def serialize(self, ctx: Any, message: Any) -> None:
        request: Request = ctx.in_document
        if ctx.out_error is None:
            try:
                ctx.out_document = write_response(
                    request.namespace,
                    request.operation,
                    _returns(ctx.descriptor.out_message),
                    ctx.out_object[0] if ctx.out_object else None,
                )
                return
            except Exception:
                logger.exception("cannot encode the result of %s", ctx.method_request_string)
                ctx.out_error = faults.internal_error()
        ctx.out_document = fault_body(ctx.out_error, request)

    def create_out_string(self, ctx: Any, charset: str | None = None) -> None:
        ctx.out_string = [ctx.out_document]


def fault_body(fault: Exception, request: Request | None) -> bytes:
    """The envelope of any fault; anything not a ``SoapFault`` is an internal error."""
    if not isinstance(fault, faults.SoapFault):
        fault = faults.internal_error()
    site = faults.CallSite.of(request.namespace, request.operation) if request else None
    if site is None and isinstance(fault, faults.IControlFault):
        fault = faults.internal_error()
    return fault.body(site)


@lru_cache(maxsize=None)
def _declared(in_message: type) -> tuple[tuple[str, type], ...]:
    return tuple(in_message._type_info.items())


@lru_cache(maxsize=None)
def _returns(out_message: type) -> type | None:
    info = out_message._type_info
    return next(iter(info.values())) if info else None
