"""Python values -> a response envelope, byte for byte as a BIG-IP writes it.

The portal's SOAP stack writes in a fixed "pretty" layout: prefixes E/A/s/y
and iControl, no XML declaration, each attribute on its own line (CRLF then
TAB), CRLF after every start tag that has children and after every end tag,
text right after ``>``, never ``/>``. Scalars and struct members carry
``s:type``; arrays carry ``s:type="A:Array"`` and ``A:arrayType`` with the
item type exactly as the WSDL declares it (Axis and .NET reject anything
else); array items are untyped ``<item>``s, and the inner arrays of a nested
array carry only ``A:arrayType``.

One encoder per (type, element name) is compiled once; a response is a list
of str pieces joined once. Values the strict clients would reject (an enum
value outside the WSDL, a missing number) raise ``EncodeError``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from .. import typeinfo as ti

Encoder = Callable[[list, Any], None]

_HEAD = (
    "<E:Envelope\r\n"
    '\txmlns:E="http://schemas.xmlsoap.org/soap/envelope/"\r\n'
    '\txmlns:A="http://schemas.xmlsoap.org/soap/encoding/"\r\n'
    '\txmlns:s="http://www.w3.org/2001/XMLSchema-instance"\r\n'
    '\txmlns:y="http://www.w3.org/2001/XMLSchema"\r\n'
    '\txmlns:iControl="urn:iControl"\r\n'
    '\tE:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">\r\n'
    "<E:Body>\r\n"
)
_TAIL = "</E:Body>\r\n</E:Envelope>\r\n"

_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;", "\r": "&#xd;"}
)


class EncodeError(ValueError):
    """A handler returned a value the WSDL's type cannot carry."""


def escape(text: str) -> str:
    """EasySoap++'s escaping: the five XML specials and CR; LF stays raw."""
    return text.translate(_ESCAPES)


def write_response(namespace: str, operation: str, returns: type | None, value: Any) -> bytes:
    """The envelope answering ``operation``; ``returns`` None for a void one."""
    head, tail = _frame(namespace, operation)
    if returns is None:
        return (head + tail).encode("utf-8")
    out = [head, "\r\n"]
    encoder(returns, "return")(out, value)
    out.append(tail)
    return "".join(out).encode("utf-8")


@lru_cache(maxsize=1024)
def _frame(namespace: str, operation: str) -> tuple[str, str]:
    head = f'{_HEAD}<m:{operation}Response\r\n\txmlns:m="{escape(namespace)}">'
    return head, f"</m:{operation}Response>\r\n{_TAIL}"


def xsd_name(cls: type) -> str:
    """How the type is named in ``s:type`` and ``A:arrayType``."""
    if ti.kind(cls) == ti.PRIMITIVE:
        return "y:" + ti.primitive_name(cls)
    return "iControl:" + ti.type_name(cls)


def array_type(cls: type, count: int) -> str:
    """``A:arrayType`` of an array of ``count`` items: ``T[n]``, ``T[][n]`` ..."""
    return f"{xsd_name(ti.leaf_type(cls))}{'[]' * (ti.depth(cls) - 1)}[{count}]"


@lru_cache(maxsize=None)
def encoder(cls: type, name: str | None) -> Encoder:
    """Writes a value of ``cls`` as element ``name`` (typed), or as an
    untyped array ``<item>`` when ``name`` is None."""
    kind = ti.kind(cls)
    if kind == ti.ARRAY:
        return _array(cls, name)
    if kind == ti.STRUCT:
        return _struct(cls, name)
    if name is None:
        open_tag, close_tag = "<item>", "</item>\r\n"
    else:
        open_tag = f'<{name}\r\n\ts:type="{xsd_name(cls)}">'
        close_tag = f"</{name}>\r\n"
    if kind == ti.ENUM:
        return _enum(cls, open_tag, close_tag)
    return _PRIMITIVES[ti.primitive_name(cls)](open_tag, close_tag)


# --- scalars ---------------------------------------------------------------------------------


def _string(open_tag: str, close_tag: str) -> Encoder:
    def encode(out: list, value: Any) -> None:
        if value is None:
            value = ""  # EasySoap++ writes empty strings, never xsi:nil
        elif type(value) is not str:
            value = str(value)
        out.append(open_tag + value.translate(_ESCAPES) + close_tag)

    return encode


def _integer(open_tag: str, close_tag: str) -> Encoder:
    def encode(out: list, value: Any) -> None:
        if type(value) is not int:
            value = _as_int(value)
        out.append(f"{open_tag}{value}{close_tag}")

    return encode


def _as_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EncodeError(f"expected an integer, got {value!r}")
    return int(value)


def _boolean(open_tag: str, close_tag: str) -> Encoder:
    true, false = open_tag + "true" + close_tag, open_tag + "false" + close_tag

    def encode(out: list, value: Any) -> None:
        if value is None:
            raise EncodeError("expected a boolean, got None")
        out.append(true if value else false)

    return encode


_PRIMITIVES = {"string": _string, "long": _integer, "int": _integer, "boolean": _boolean}


def _enum(cls: type, open_tag: str, close_tag: str) -> Encoder:
    type_name = ti.type_name(cls)
    # Enum member names are plain identifiers: nothing to escape.
    written = {member: open_tag + member + close_tag for member in ti.enum_members(cls)}

    def encode(out: list, value: Any) -> None:
        try:
            out.append(written[value])
        except (KeyError, TypeError):
            raise EncodeError(f"{value!r} is not a member of {type_name}") from None

    return encode


# --- structs and arrays ----------------------------------------------------------------------


def _struct(cls: type, name: str | None) -> Encoder:
    members = tuple((member, encoder(t, member)) for member, t in ti.fields(cls))
    if name is None:
        open_tag, close_tag = "<item>", "</item>\r\n"
    else:
        open_tag = f'<{name}\r\n\ts:type="{xsd_name(cls)}">'
        close_tag = f"</{name}>\r\n"
    if members:
        open_tag += "\r\n"

    def encode(out: list, value: Any) -> None:
        if value is None:
            raise EncodeError(f"expected a {ti.type_name(cls)}, got None")
        out.append(open_tag)
        if type(value) is dict:
            get = value.get
            for member, write in members:
                write(out, get(member))
        else:
            for member, write in members:
                write(out, getattr(value, member, None))
        out.append(close_tag)

    return encode


def _as_list(value: Any, cls: type) -> list:
    if value is None:
        return []  # an absent list is an empty array
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise EncodeError(f"expected a sequence for {ti.type_name(cls)}, got {value!r}")
    return list(value)


def _array(cls: type, name: str | None) -> Encoder:
    item = encoder(ti.item_type(cls), None)
    prefix = array_type(cls, 0)[: -len("[0]")]
    if name is None:
        # An inner array of a nested array: only A:arrayType, no s:type.
        open_tag, close_tag = '<item\r\n\tA:arrayType="' + prefix, "</item>\r\n"
    else:
        open_tag = f'<{name}\r\n\ts:type="A:Array"\r\n\tA:arrayType="{prefix}'
        close_tag = f"</{name}>\r\n"
    empty = open_tag + '[0]">' + close_tag

    def encode(out: list, value: Any) -> None:
        if type(value) is not list and type(value) is not tuple:
            value = _as_list(value, cls)
        if not value:
            out.append(empty)
            return
        out.append(f'{open_tag}[{len(value)}]">\r\n')
        for each in value:
            item(out, each)
        out.append(close_tag)

    return encode
