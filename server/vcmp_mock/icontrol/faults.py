"""Every SOAP fault the portal can answer, and its exact bytes.

This is the one module that decides fault codes and texts. Two families:

* iControl exceptions (``Common::OperationFailed`` ...): what a handler or the
  host refuses. Their faultstring names where the exception was caught, so
  they are *located* (module, namespace, operation) before being written.
* Framework faults: what the SOAP stack under the portal (EasySoap++) says
  about the envelope itself: malformed XML, unknown method, a parameter that
  is missing or will not convert. Their texts are EasySoap++'s.

Both are spyne ``Fault``s, so spyne's pipeline carries them unchanged to
``ctx.out_error``. Faults are answered with HTTP 500.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spyne.model.fault import Fault

from vcmp_mock.domain import errors

FAULT_STATUS = 500

# --- the envelope ------------------------------------------------------------

# Faults use their own prefix set (SOAP-ENV/xsi/xsd), unlike results (E/A/s/y),
# and carry no <detail> (which makes .NET raise SoapHeaderException, as with
# a real box) and no <faultactor>.
_HEAD = (
    "<SOAP-ENV:Envelope\r\n"
    '\txmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"\r\n'
    '\txmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\r\n'
    '\txmlns:xsd="http://www.w3.org/2001/XMLSchema">\r\n'
    "<SOAP-ENV:Body>\r\n"
    "<SOAP-ENV:Fault>\r\n"
    '<faultcode\r\n\txsi:type="xsd:string">SOAP-ENV:'
)
_MIDDLE = '</faultcode>\r\n<faultstring\r\n\txsi:type="xsd:string">'
_TAIL = "</faultstring>\r\n</SOAP-ENV:Fault>\r\n</SOAP-ENV:Body>\r\n</SOAP-ENV:Envelope>\r\n"

# EasySoap++ escapes these five and CR; LF and everything else pass through.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;", "\r": "&#xd;"}
)


def escape(text: str) -> str:
    return text.translate(_ESCAPES)


def envelope(faultcode: str, faultstring: str) -> bytes:
    """A fault envelope; ``faultcode`` without prefix (``Server``, ``Client`` ...)."""
    return (_HEAD + faultcode + _MIDDLE + escape(faultstring) + _TAIL).encode("utf-8")


# --- the fault classes -------------------------------------------------------


@dataclass(frozen=True)
class CallSite:
    """Where an iControl exception was caught: names the faultstring uses."""

    module: str  # "System"
    namespace: str  # "urn:iControl:System/VCMP"
    operation: str  # "delete_guest"

    @classmethod
    def of(cls, namespace: str, operation: str) -> "CallSite":
        """The site of a call to ``operation`` in ``urn:iControl:<Module>/<Interface>``."""
        path = namespace.removeprefix("urn:iControl:")
        return cls(path.split("/", 1)[0], namespace, operation)


class SoapFault(Fault):
    """A fault as the portal writes it."""

    def body(self, site: CallSite | None = None) -> bytes:
        return envelope(self.faultcode, self.faultstring)


class FrameworkFault(SoapFault):
    """A fault of the SOAP stack itself: no "Exception caught in" prefix."""

    def __init__(self, faultcode: str, faultstring: str) -> None:
        super().__init__(faultcode=faultcode, faultstring=faultstring)


class IControlFault(SoapFault):
    """An iControl exception such as ``Common::OperationFailed``."""

    def __init__(self, exception: str, code: int, message: str, secondary: int = 0) -> None:
        super().__init__(faultcode="Server", faultstring=message)
        self.exception = exception  # "OperationFailed"
        self.code = code
        self.secondary = secondary
        self.message = message

    @property
    def error_string(self) -> str:
        # Real boxes prefix the text with the code in hex and the log level.
        return f"{self.code:08X}:3: {self.message}"

    def text(self, site: CallSite) -> str:
        # Lines are joined by bare LF; the detail lines are TAB + a label
        # padded to 20 columns + " : " (clients match them with regexes).
        return "\n".join(
            (
                f"Exception caught in {site.module}::{site.namespace}::{site.operation}()",
                f"Exception: Common::{self.exception}",
                f"\t{'primary_error_code':<20} : {self.code} (0x{self.code:08X})",
                f"\t{'secondary_error_code':<20} : {self.secondary}",
                f"\t{'error_string':<20} : {self.error_string}",
            )
        )

    def body(self, site: CallSite | None = None) -> bytes:
        if site is None:
            raise ValueError("an iControl exception must be located before it is written")
        return envelope("Server", self.text(site))


# --- iControl exceptions -----------------------------------------------------

# Recorded on real boxes (LocalLB, Management): "not found" and "already exists".
NOT_FOUND = 0x01020036
ALREADY_EXISTS = 0x01020037
# The codes below are modelled, not recorded: plausible mcpd-style 0107xxxx
# validation codes, distinct per refusal so a client can tell them apart.
INVALID_ARGUMENT = 0x01070016
ILLEGAL_STATE = 0x01071380
DISK_IN_USE = 0x01071381
INSUFFICIENT_RESOURCES = 0x01071382
ACCESS_DENIED = 0x01070822
NOT_IMPLEMENTED = 0x01070020


def operation_failed(code: int, message: str) -> IControlFault:
    return IControlFault("OperationFailed", code, message)


def invalid_argument(message: str) -> IControlFault:
    return IControlFault("InvalidArgument", INVALID_ARGUMENT, message)


def invalid_enum(value: str, type_name: str) -> IControlFault:
    return invalid_argument(f"Invalid value ({value}) for enumeration type {type_name}.")


def mismatched_lengths(first_name: str, first_len: int, other_name: str, other_len: int) -> IControlFault:
    return invalid_argument(
        f"Parallel arrays differ in length: {first_name} has {first_len} items, "
        f"{other_name} has {other_len}."
    )


def access_denied(user: str, operation: str) -> IControlFault:
    return IControlFault(
        "AccessDenied", ACCESS_DENIED, f"Access Denied: user ({user}) may not call {operation}."
    )


def not_implemented(interface: str, operation: str) -> IControlFault:
    return IControlFault(
        "NotImplemented", NOT_IMPLEMENTED, f"{interface}::{operation} is not implemented by this simulator."
    )


# Most specific class first: the first match wins.
_DOMAIN_FAULTS: tuple[tuple[type, str, int], ...] = (
    (errors.NotFound, "OperationFailed", NOT_FOUND),
    (errors.AlreadyExists, "OperationFailed", ALREADY_EXISTS),
    (errors.InvalidArgument, "InvalidArgument", INVALID_ARGUMENT),
    (errors.DiskInUse, "OperationFailed", DISK_IN_USE),
    (errors.IllegalState, "OperationFailed", ILLEGAL_STATE),
    (errors.InsufficientResources, "OperationFailed", INSUFFICIENT_RESOURCES),
)


def from_domain_error(error: errors.DomainError) -> IControlFault:
    """The iControl exception a refusal of the simulated host becomes."""
    for cls, exception, code in _DOMAIN_FAULTS:
        if isinstance(error, cls):
            return IControlFault(exception, code, error.message)
    # A DomainError subclass added later without a mapping still reads as
    # the most common refusal on a real box.
    return IControlFault("OperationFailed", ILLEGAL_STATE, error.message)


# --- framework (EasySoap++) faults --------------------------------------------


def unknown_method(namespace: str, name: str) -> FrameworkFault:
    return FrameworkFault("Client", f'Unknown method "{{{namespace}}}:{name}"')


def malformed_xml(reason: str) -> FrameworkFault:
    return FrameworkFault("Client", f"Error while parsing SOAP XML payload: {reason}")


def dtd_refused() -> FrameworkFault:
    # BIG-IP 12.0+ refuses DTDs unless iControl.DTDParsing is enabled; expat's
    # message for an aborted parse is "parsing aborted".
    return malformed_xml("parsing aborted")


def unexpected_content_type(content_type: str) -> FrameworkFault:
    # Upstream EasySoap++ refuses non-text/xml bodies; BIG-IP 17.0 did not,
    # so the portal uses this only when configured to be strict.
    return FrameworkFault("Client", f"Unexpected content type, only support text/xml: {content_type}")


def not_an_envelope(namespace: str, name: str) -> FrameworkFault:
    return FrameworkFault("Client", f"Unknown SOAP response tag: {namespace}#{name}")


def no_body() -> FrameworkFault:
    return FrameworkFault("Client", "No SOAP Body found in the envelope")


def no_method() -> FrameworkFault:
    return FrameworkFault("Client", "No method element found in the SOAP Body")


def missing_element(name: str) -> FrameworkFault:
    return FrameworkFault("Server", f"Could not find element by name: {name}")


def href_not_found(href: str) -> FrameworkFault:
    return FrameworkFault("Client", f"Could not find parameter for href='{href}'")


def href_unresolvable(href: str) -> FrameworkFault:
    return FrameworkFault("Client", f"Could not resolve href='{href}'")


def duplicate_id(ident: str) -> FrameworkFault:
    return FrameworkFault("Client", f"Found parameter with duplicate id='{ident}'")


def too_complex(reason: str) -> FrameworkFault:
    # Our own guard against reference fan-out and cycles; no real text exists.
    return FrameworkFault("Client", f"Request too complex: {reason}")


def must_understand(namespace: str, name: str) -> FrameworkFault:
    return FrameworkFault("MustUnderstand", f'Failed to understand header "{{{namespace}}}:{name}"')


def bad_boolean(text: str) -> FrameworkFault:
    return FrameworkFault("Server", f"Could not convert value to boolean: {text}")


def null_boolean() -> FrameworkFault:
    return FrameworkFault("Server", "Cannot convert null value to a boolean.")


def bad_integer(text: str) -> FrameworkFault:
    return FrameworkFault("Server", f"Could not convert string to integer: '{text}'")


def null_integer() -> FrameworkFault:
    return FrameworkFault("Server", "Cannot convert null value to integer.")


def integer_out_of_range(text: str, negative: bool) -> FrameworkFault:
    return FrameworkFault("Server", f"Integer {'underflow' if negative else 'overflow'}: {text}")


def struct_for_scalar(kind: str) -> FrameworkFault:
    """A value with child elements where ``kind`` (boolean/integer/string) was due."""
    texts = {
        "boolean": "Cannot convert a struct to a boolean.",
        "integer": "Cannot convert a struct to an integer.",
        "string": "Can't de-serialize a complex type into a string.",
    }
    return FrameworkFault("Server", texts[kind])


def text_for_array(name: str) -> FrameworkFault:
    # EasySoap++ has no dedicated text; ours says what was wrong and where.
    return FrameworkFault("Server", f"Expected an array of elements for {name}, got text")


def internal_error() -> FrameworkFault:
    return FrameworkFault("Server", "Serious error occured.")  # sic, as EasySoap++


# spyne logs every Fault leaving a service method as an error with a stack
# trace. iControl faults are ordinary answers, so keep them out of the log.
class _QuietFaults(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, SoapFault)


for _name in ("spyne.application", "spyne.application.client", "spyne.application.server"):
    logging.getLogger(_name).addFilter(_QuietFaults())
