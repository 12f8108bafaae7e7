"""One hierarchy for everything the simulated host refuses.

Each error carries structured fields; only ``icontrol/faults.py`` decides
how an error looks on the wire (exception name, codes, error string).
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every refusal. ``message`` is plain English for a person."""

    def __init__(self, message: str, **fields: object) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


class NotFound(DomainError):
    """An object named in a request does not exist."""

    def __init__(self, kind: str, name: str) -> None:
        super().__init__(f"The requested {kind} ({name}) was not found.", kind=kind, name=name)
        self.kind = kind
        self.name = name


class GuestNotFound(NotFound):
    def __init__(self, name: str) -> None:
        super().__init__("vCMP guest", name)


class DiskNotFound(NotFound):
    def __init__(self, slot_id: int, filename: str) -> None:
        super().__init__("virtual disk", f"{filename} on slot {slot_id}")
        self.slot_id = slot_id
        self.filename = filename


class SlotNotFound(NotFound):
    def __init__(self, slot_id: int) -> None:
        super().__init__("cluster member", f"slot {slot_id}")
        self.slot_id = slot_id


class AlreadyExists(DomainError):
    def __init__(self, kind: str, name: str) -> None:
        super().__init__(f"The requested {kind} ({name}) already exists.", kind=kind, name=name)
        self.kind = kind
        self.name = name


class GuestExists(AlreadyExists):
    def __init__(self, name: str) -> None:
        super().__init__("vCMP guest", name)


class InvalidArgument(DomainError):
    """A value is malformed or out of range (bad address, zero cores ...)."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        super().__init__(f"Invalid {field} ({value}): {reason}", field=field, value=value)
        self.field = field
        self.value = value
        self.reason = reason


class IllegalState(DomainError):
    """The request is well formed but the object's state forbids it."""

    def __init__(self, subject: str, reason: str) -> None:
        super().__init__(f"{subject}: {reason}", subject=subject)
        self.subject = subject
        self.reason = reason


class DiskInUse(IllegalState):
    def __init__(self, slot_id: int, filename: str, guest: str) -> None:
        super().__init__(
            f"Virtual disk {filename} on slot {slot_id}",
            f"it is in use by vCMP guest ({guest}) and cannot be deleted",
        )
        self.slot_id = slot_id
        self.filename = filename
        self.guest = guest


class InsufficientResources(DomainError):
    """Placement found too few slots or cores (raised where placement is synchronous)."""

    def __init__(self, guest: str, reason: str) -> None:
        super().__init__(f"vCMP guest ({guest}) cannot be allocated: {reason}", guest=guest)
        self.guest = guest
        self.reason = reason
