"""Read a spyne type tree the way the rpc/encoded codec and the WSDL need it.

iControl has four kinds of type: XSD primitives (string, long, int,
boolean), enums (simple types restricting xsd:string), structs (sequences
of named members) and arrays (SOAP-ENC:Array restrictions, possibly of
arrays). Every iControl type is declared once as a spyne model in
``icontrol.types``; this module is the one place that knows how spyne
spells those four kinds, so that the reader, the writer and the WSDL
generator never look into spyne internals themselves.
"""

from __future__ import annotations

from functools import lru_cache

from spyne.model import SimpleModel
from spyne.model.complex import Array, ComplexModelBase
from spyne.model.enum import EnumBase
from spyne.model.primitive import Boolean, Integer32, Long, Unicode

ICONTROL_NS = "urn:iControl"
XSD_NS = "http://www.w3.org/2001/XMLSchema"

PRIMITIVE = "primitive"
ENUM = "enum"
STRUCT = "struct"
ARRAY = "array"

# Attribute under which icontrol.types records an array's declared member.
DECLARED_ITEM = "_icontrol_item"

# The only primitives iControl uses, and their XSD local names.
_PRIMITIVES = ((Boolean, "boolean"), (Integer32, "int"), (Long, "long"), (Unicode, "string"))


@lru_cache(maxsize=None)
def kind(cls: type) -> str:
    if issubclass(cls, EnumBase):
        return ENUM
    if issubclass(cls, SimpleModel):
        return PRIMITIVE
    if issubclass(cls, Array) or _is_array_model(cls):
        return ARRAY
    if issubclass(cls, ComplexModelBase):
        return STRUCT
    raise TypeError(f"not an iControl type: {cls!r}")


def _is_array_model(cls: type) -> bool:
    # spyne's Array(...) returns a ComplexModel subclass whose single member
    # may occur without bound; customised copies keep that shape.
    info = getattr(cls, "_type_info", None)
    if not info or len(info) != 1:
        return False
    (member,) = info.values()
    return getattr(member.Attributes, "max_occurs", 1) not in (1, None) and cls.__orig__ is Array


@lru_cache(maxsize=None)
def primitive_name(cls: type) -> str:
    """``string``, ``long``, ``int`` or ``boolean`` for an XSD primitive."""
    for base, name in _PRIMITIVES:
        if issubclass(cls, base):
            return name
    raise TypeError(f"unsupported primitive: {cls!r}")


@lru_cache(maxsize=None)
def type_name(cls: type) -> str:
    """The name the WSDL gives the type: ``Common.StringSequence``, ``long`` ..."""
    if kind(cls) == PRIMITIVE:
        return primitive_name(cls)
    return cls.get_type_name()


def is_xsd(cls: type) -> bool:
    return kind(cls) == PRIMITIVE


@lru_cache(maxsize=None)
def restriction_name(cls: type) -> str | None:
    """The schema name of a named restriction of an XSD primitive, else None.

    F5 declares a few aliases such as ``Common.ULong`` (a bare restriction of
    xsd:long). They are primitives to the codec (``kind`` is ``primitive``
    and ``type_name`` the XSD name, which is what goes on the wire); only the
    WSDL declares them under their own name.
    """
    if kind(cls) != PRIMITIVE or cls.get_namespace() != ICONTROL_NS:
        return None
    return cls.get_type_name()


@lru_cache(maxsize=None)
def item_type(cls: type) -> type:
    """The member type of an array type.

    spyne stores a customised copy of the member (made unbounded); arrays
    built by ``icontrol.types`` remember the declared model, so that
    ``item_type(StringSequenceSequence) is StringSequence``.
    """
    declared = getattr(cls, DECLARED_ITEM, None)
    if declared is not None:
        return declared
    (member,) = cls._type_info.values()
    return member


@lru_cache(maxsize=None)
def fields(cls: type) -> tuple[tuple[str, type], ...]:
    """A struct's members, in wire order."""
    return tuple(cls._type_info.items())


@lru_cache(maxsize=None)
def enum_members(cls: type) -> tuple[str, ...]:
    return tuple(cls.__values__)


@lru_cache(maxsize=None)
def leaf_type(cls: type) -> type:
    """The innermost non-array type of a (possibly nested) array."""
    while kind(cls) == ARRAY:
        cls = item_type(cls)
    return cls


@lru_cache(maxsize=None)
def depth(cls: type) -> int:
    """0 for a non-array, 1 for T[], 2 for T[][] ..."""
    n = 0
    while kind(cls) == ARRAY:
        cls = item_type(cls)
        n += 1
    return n
