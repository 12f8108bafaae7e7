"""The operation catalogue: what each iControl interface offers, and since when.

One ``Interface`` per iControl interface lists its operations in F5's order
with their parameter names and types (spyne models from ``icontrol.types``),
their return type and the BIG-IP version that introduced them. The WSDL
generator, the spyne services, version emulation and the operations table
all read this one catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import typeinfo


def version_key(version: str) -> tuple[int, ...]:
    """``"11.6.0"`` -> ``(11, 6, 0)``, for comparing BIG-IP versions."""
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class Param:
    name: str
    type: type  # a spyne model


@dataclass(frozen=True)
class Operation:
    name: str
    params: tuple[Param, ...]
    returns: type | None  # None: a void operation (a response with no part)
    since: str = "11.0.0"
    doc: str = ""  # one line, our own words

    def available_in(self, version: str) -> bool:
        return version_key(self.since) <= version_key(version)


@dataclass(frozen=True)
class Interface:
    module: str  # "System"
    name: str  # "VCMP"
    operations: tuple[Operation, ...]
    doc: str = ""
    # (enum type name, member) -> version that added the member; members not
    # listed have existed since the interface did.
    enum_member_since: dict[tuple[str, str], str] = field(default_factory=dict)
    # Types F5's WSDL declares although no operation of the interface uses
    # them (Common.ULong in System.Session); the WSDL declares them too.
    extra_types: tuple[type, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def namespace(self) -> str:
        return f"urn:iControl:{self.module}/{self.name}"

    def operation(self, name: str) -> Operation:
        for op in self.operations:
            if op.name == name:
                return op
        raise KeyError(name)

    def operations_for(self, version: str) -> tuple[Operation, ...]:
        return tuple(op for op in self.operations if op.available_in(version))

    def enum_members_for(self, enum_type: type, version: str) -> tuple[str, ...]:
        """The members of an enum that exist in ``version``, in declared order."""
        name, cutoff = typeinfo.type_name(enum_type), version_key(version)
        later = {
            member
            for (type_name, member), since in self.enum_member_since.items()
            if type_name == name and version_key(since) > cutoff
        }
        members = typeinfo.enum_members(enum_type)
        return tuple(m for m in members if m not in later) if later else members

    def renamed(self, module: str, name: str) -> "Interface":
        """The same operations under another name (Management.VCMP alias)."""
        return Interface(
            module, name, self.operations, self.doc, self.enum_member_since, self.extra_types
        )


def op(name: str, *params: tuple[str, type], returns: type | None = None,
       since: str = "11.0.0", doc: str = "") -> Operation:
    """Shorthand for the catalogue modules: ``op("get_list", returns=T, doc=...)``."""
    return Operation(name, tuple(Param(n, t) for n, t in params), returns, since, doc)
