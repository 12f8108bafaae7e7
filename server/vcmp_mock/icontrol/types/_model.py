"""Small constructors for named iControl enums and sequences.

Every iControl type lives in the ``urn:iControl`` namespace whatever the
interface that uses it, so these helpers set it once instead of in every
declaration. Structs are written out as ``ComplexModel`` classes in the
type modules. All of them are plain spyne models that ``icontrol.typeinfo``
reads.
"""

from __future__ import annotations

from importlib import resources

from spyne.model.complex import Array
from spyne.model.enum import Enum

from ..typeinfo import DECLARED_ITEM, ICONTROL_NS


def enum(type_name: str, *members: str) -> type:
    """An enum: a simple type restricting xsd:string to ``members``."""
    cls = Enum(*members, type_name=type_name)
    cls.__namespace__ = ICONTROL_NS
    return cls


def sequence(item: type, type_name: str) -> type:
    """A SOAP-encoded array of ``item`` (itself possibly a sequence)."""
    # iControl names every array member <item>; spyne would name it after
    # the item's type.
    cls = Array(item, member_name="item", type_name=type_name)
    cls.__namespace__ = ICONTROL_NS
    # spyne keeps an unbounded copy of ``item``; remember the model itself.
    setattr(cls, DECLARED_ITEM, item)
    return cls


def data_lines(filename: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a file in ``types/data``."""
    text = resources.files(__package__).joinpath("data", filename).read_text("ascii")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))
