"""The operation catalogue: what each iControl interface offers, and since when.

One ``Interface`` per iControl interface lists its operations in F5's order
with their parameter names and types (spyne models from ``icontrol.types``),
their return type and the BIG-IP version that introduced them. The WSDL
generator, the spyne services, version emulation and the operations table
all read this one catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def renamed(self, module: str, name: str) -> "Interface":
        """The same operations under another name (Management.VCMP alias)."""
        return Interface(module, name, self.operations, self.doc, self.enum_member_since)
