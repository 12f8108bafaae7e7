"""Round trips over every iControl type of the catalogue.

1. Whatever the writer writes, the reader reads back as the same value.
2. Whatever way a client spells a value (item names, member order, multiRef
   hrefs, prefixes), the reader decodes the same value.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from hypothesis import given, settings
from hypothesis import strategies as st

from vcmp_mock.icontrol import typeinfo as ti
from vcmp_mock.icontrol.encoding import read_envelope, write_response
from vcmp_mock.icontrol.interfaces import INTERFACES

NS = "urn:iControl:System/VCMP"


def all_types() -> list[type]:
    seen: dict[str, type] = {}

    def visit(cls: type) -> None:
        name = f"{ti.kind(cls)}:{ti.type_name(cls)}"
        if name in seen:
            return
        seen[name] = cls
        if ti.kind(cls) == ti.ARRAY:
            visit(ti.item_type(cls))
        elif ti.kind(cls) == ti.STRUCT:
            for _, member in ti.fields(cls):
                visit(member)

    for interface in INTERFACES.values():
        for op in interface.operations:
            for param in op.params:
                visit(param.type)
            if op.returns is not None:
                visit(op.returns)
    return sorted(seen.values(), key=lambda cls: ti.type_name(cls))


TYPES = all_types()

# Characters XML 1.0 can carry (CR included: the writer escapes it).
XML_TEXT = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFFFD, blacklist_categories=("Cs",))
    | st.sampled_from("\t\n\r")
    | st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF),
    max_size=12,
)


@lru_cache(maxsize=None)
def values(cls: type) -> st.SearchStrategy:
    kind = ti.kind(cls)
    if kind == ti.ARRAY:
        return st.lists(values(ti.item_type(cls)), max_size=3)
    if kind == ti.STRUCT:
        return st.fixed_dictionaries({name: values(t) for name, t in ti.fields(cls)})
    if kind == ti.ENUM:
        return st.sampled_from(ti.enum_members(cls))
    return {
        "string": XML_TEXT,
        "long": st.integers(-(2**63), 2**63 - 1),
        "int": st.integers(-(2**31), 2**31 - 1),
        "boolean": st.booleans(),
    }[ti.primitive_name(cls)]


def plain(value: Any) -> Any:
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (str, int)):
        return value
    return {name: plain(v) for name, v in vars(value).items()}


typed_values = st.sampled_from(TYPES).flatmap(lambda cls: values(cls).map(lambda value: (cls, value)))


def test_the_catalogue_has_every_kind_of_type():
    kinds = {ti.kind(cls) for cls in TYPES}
    assert kinds == {ti.PRIMITIVE, ti.ENUM, ti.STRUCT, ti.ARRAY}
    assert any(ti.depth(cls) == 2 for cls in TYPES)


@settings(max_examples=400, deadline=None)
@given(typed_values)
def test_written_responses_read_back_to_the_same_value(typed):
    cls, value = typed
    body = write_response(NS, "some_operation", cls, value)
    request = read_envelope(body)
    assert request.operation == "some_operationResponse"
    (back,) = request.params([("return", cls)])
    assert plain(back) == value


# --- requests as the various clients spell them ------------------------------------------


class Spelling:
    """How one client writes a request: item names, member order, hrefs."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.refs: list[str] = []
        self.item = draw(st.sampled_from(["item", "items", "Item", "value", None]))  # None: param name

    def element(self, name: str, cls: type, value: Any) -> str:
        inner = self.content(name, cls, value)
        if (self.draw(st.booleans()) and ti.kind(cls) != ti.PRIMITIVE) or self.draw(st.integers(0, 4)) == 0:
            ident = f"id{len(self.refs)}"
            self.refs.append(f'<multiRef id="{ident}" soapenc:root="0">{inner}</multiRef>')
            return f'<{name} href="#{ident}"/>'
        return f"<{name}>{inner}</{name}>"

    def content(self, name: str, cls: type, value: Any) -> str:
        kind = ti.kind(cls)
        if kind == ti.ARRAY:
            item_name = self.item or name
            return "".join(self.element(item_name, ti.item_type(cls), v) for v in value)
        if kind == ti.STRUCT:
            members = list(ti.fields(cls))
            members = self.draw(st.permutations(members))
            return "".join(self.element(m, t, value[m]) for m, t in members)
        if isinstance(value, bool):
            return self.draw(st.sampled_from(["true", "1"] if value else ["false", "0"]))
        return escape(str(value), {"\r": "&#13;"})


@settings(max_examples=300, deadline=None)
@given(st.data(), typed_values)
def test_client_spellings_decode_to_the_same_value(data, typed):
    cls, value = typed
    spelling = Spelling(data.draw)
    param = spelling.element("p", cls, value)
    prefix = data.draw(st.sampled_from(["", "ns4:"]))
    xmlns = f"xmlns{':ns4' if prefix else ''}={quoteattr(NS)}"
    body = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
        'xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"><soap:Body>'
        f"<{prefix}op {xmlns}>{param}<extra>ignored</extra></{prefix}op>{''.join(spelling.refs)}"
        "</soap:Body></soap:Envelope>"
    ).encode("utf-8")
    (back,) = read_envelope(body).params([("p", cls)])
    assert plain(back) == value
