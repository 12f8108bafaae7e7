"""rpc/encoded values -> Python values, one compiled decoder per type.

A decoder is a closure ``decode(element, refs) -> value`` built once per
spyne type (``decoder_for`` is cached), so decoding a request walks the XML
alone and never inspects the type tree again.

Values: ``str`` for strings and enum members, ``int``, ``bool``, ``list``
for arrays and, for structs, an instance of the struct's spyne class with
one attribute per member. The types come from the catalogue, never from
``xsi:type`` on the wire (clients disagree about it). The conversion error
texts are EasySoap++'s, as clients see them from a real portal.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from lxml import etree

from .. import faults
from .. import typeinfo as ti

Decoder = Callable[[Any, "Refs"], Any]

# A request that dereferences more than this many hops in one chain is a
# cycle or an attack; real clients use one hop (href -> multiRef).
MAX_HREF_HOPS = 16


class Refs:
    """The multiRef index of one request and its decoding budget.

    Every decoded element costs one unit of ``budget``; the reader sizes it
    from the document, so shared references (Axis reuses one multiRef for
    equal small integers) work while href fan-out cannot multiply the work.
    """

    __slots__ = ("root", "budget", "_ids")

    def __init__(self, root: Any, budget: int) -> None:
        self.root = root
        self.budget = budget
        self._ids: dict[str, Any] | None = None

    def take(self, el: Any) -> Any:
        """``el``, or the element its ``href`` points to."""
        self.budget -= 1
        if self.budget < 0:
            raise faults.too_complex("too many values or references")
        href = el.get("href")
        return el if href is None else self._follow(href)

    def _follow(self, href: str) -> Any:
        for _ in range(MAX_HREF_HOPS):
            if not href.startswith("#"):
                raise faults.href_unresolvable(href)
            target = self._index().get(href[1:])
            if target is None:
                raise faults.href_not_found(href)
            href = target.get("href")
            if href is None:
                return target
        raise faults.too_complex("href chain too long or cyclic")

    def _index(self) -> dict[str, Any]:
        if self._ids is None:
            ids: dict[str, Any] = {}
            for el in self.root.iterfind(".//*[@id]"):
                ident = el.get("id")
                if ident in ids:
                    raise faults.duplicate_id(ident)
                ids[ident] = el
            self._ids = ids
        return self._ids


def local_name(tag: str) -> str:
    return tag[tag.rfind("}") + 1 :]


@lru_cache(maxsize=None)
def decoder_for(cls: type) -> Decoder:
    kind = ti.kind(cls)
    if kind == ti.PRIMITIVE:
        return _PRIMITIVE_DECODERS[ti.primitive_name(cls)]
    if kind == ti.ENUM:
        return _enum_decoder(ti.type_name(cls), frozenset(ti.enum_members(cls)))
    if kind == ti.ARRAY:
        return _array_decoder(ti.type_name(cls), decoder_for(ti.item_type(cls)))
    return _struct_decoder(cls, tuple((name, decoder_for(t)) for name, t in ti.fields(cls)))


# --- primitives ----------------------------------------------------------------


def _string(el: Any, refs: Refs) -> str:
    el = refs.take(el)
    if len(el):
        raise faults.struct_for_scalar("string")
    return el.text or ""


# strtol's grammar: optional leading blanks, sign, decimal digits, optional
# trailing blanks. (Python's int() would also take "1_000" and non-ASCII digits.)
_INTEGER = re.compile(r"[ \t\r\n\f\v]*([+-]?[0-9]+)[ \t\r\n\f\v]*\Z")


def parse_integer(text: str | None, bits: int) -> int:
    """A signed integer of ``bits`` bits, refused with EasySoap++'s texts."""
    if not text:
        raise faults.null_integer()
    match = _INTEGER.match(text)
    if match is None:
        raise faults.bad_integer(text)
    value = int(match.group(1))
    if not -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
        raise faults.integer_out_of_range(text, value < 0)
    return value


def _integer_decoder(bits: int) -> Decoder:
    def decode(el: Any, refs: Refs) -> int:
        el = refs.take(el)
        if len(el):
            raise faults.struct_for_scalar("integer")
        return parse_integer(el.text, bits)

    return decode


_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def _boolean(el: Any, refs: Refs) -> bool:
    el = refs.take(el)
    if len(el):
        raise faults.struct_for_scalar("boolean")
    text = el.text
    if not text:
        raise faults.null_boolean()
    value = _BOOLEANS.get(text.strip())
    if value is None:
        raise faults.bad_boolean(text)
    return value


_PRIMITIVE_DECODERS: dict[str, Decoder] = {
    "string": _string,
    "long": _integer_decoder(64),
    "int": _integer_decoder(32),
    "boolean": _boolean,
}


# --- enums, arrays, structs ---------------------------------------------------------


def _enum_decoder(type_name: str, members: frozenset[str]) -> Decoder:
    def decode(el: Any, refs: Refs) -> str:
        el = refs.take(el)
        if len(el):
            raise faults.struct_for_scalar("string")
        value = (el.text or "").strip()
        if value not in members:
            raise faults.invalid_enum(value, type_name)
        return value

    return decode


def _array_decoder(type_name: str, item: Decoder) -> Decoder:
    def decode(el: Any, refs: Refs) -> list:
        el = refs.take(el)
        if not len(el):
            text = el.text
            # Whitespace or nothing is an empty array; a word is not an array.
            if text and not text.isspace():
                raise faults.text_for_array(type_name)
            return []
        # Items are the element children in order, whatever their names.
        return [item(child, refs) for child in el.iterchildren(etree.Element)]

    return decode


def _struct_decoder(cls: type, fields: tuple[tuple[str, Decoder], ...]) -> Decoder:
    new = cls.__new__

    def decode(el: Any, refs: Refs) -> Any:
        el = refs.take(el)
        # Members by local name, in any order; the first of a name wins.
        found: dict[str, Any] = {}
        for child in el.iterchildren(etree.Element):
            found.setdefault(local_name(child.tag), child)
        obj = new(cls)
        values = obj.__dict__
        for name, member in fields:
            child = found.get(name)
            if child is None:
                raise faults.missing_element(name)
            values[name] = member(child, refs)
        return obj

    return decode
