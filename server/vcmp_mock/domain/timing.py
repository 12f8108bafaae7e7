"""How long each lifecycle phase takes, and how progress reads in a comment.

Real hosts publish no durations (reference section 5, facts 26-27), so the
defaults are plausible guesses: a disk is created in seconds, an install
takes minutes, a VM boots in a minute and a half. A scenario may replace
them wholesale, per guest, or scale them (``scaled(0.01)`` for fast tests).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


# What a comment template may mention.
TEMPLATE_FIELDS = ("percent", "slot", "disk", "guest", "reason")


@dataclass(frozen=True)
class Timing:
    """Durations in simulated seconds, keyed by the lifecycle's phase names.

    ``PhaseRule.duration`` in ``lifecycle.py`` names the field each phase
    lasts for; a phase with no field is a resting point and lasts forever.
    """

    allocate: float = 2.0  # VM configuration made on the slot (status CREATED)
    disk_create: float = 10.0  # a new sparse disk file
    disk_attach: float = 2.0  # an existing disk reused
    migrate_wait: float = 5.0  # queued behind the source slot
    migrate: float = 120.0  # disk copied from another slot
    install_wait: float = 5.0  # image mounted, installer queued
    install: float = 300.0  # initial image installed onto the disk
    start_wait: float = 3.0  # queued behind other VMs on the blade
    start: float = 90.0  # VM boots until TMOS is up
    stop: float = 20.0  # VM shut down cleanly
    # Each further slot of a guest starts this much later than the one
    # before it, so that slots do not move in lock step.
    slot_skew: float = 3.0
    # Install and migration percentages move in steps of this many percent.
    progress_step: int = 1
    install_comment: str = "Installing: {percent}% complete"
    migrate_comment: str = "Migrating virtual disk: {percent}% complete"
    inactive_comment: str = "Slot {slot} is not available: {reason}"

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "float" and not (isinstance(value, (int, float)) and value >= 0):
                raise ValueError(f"timing {f.name} must be a non-negative number, not {value}")
        if not 1 <= self.progress_step <= 100:
            raise ValueError("timing progress_step must be between 1 and 100")
        for name in ("install_comment", "migrate_comment", "inactive_comment"):
            try:
                getattr(self, name).format(**{key: 0 for key in TEMPLATE_FIELDS})
            except (KeyError, IndexError, ValueError, AttributeError) as exc:
                fields_ = ", ".join("{" + key + "}" for key in TEMPLATE_FIELDS)
                raise ValueError(f"timing {name} is not a valid template ({exc!r}); it may use {fields_}") from None

    def duration(self, name: str) -> float:
        return float(getattr(self, name))

    def scaled(self, factor: float) -> "Timing":
        """Every duration (and the skew) multiplied by ``factor``."""
        if factor < 0:
            raise ValueError("a timing factor cannot be negative")
        changes = {f.name: getattr(self, f.name) * factor for f in fields(self) if f.type == "float"}
        return replace(self, **changes)

    def with_(self, **changes: object) -> "Timing":
        return replace(self, **changes)

    def percent(self, elapsed: float, span: float, cap: float = 100.0) -> int:
        """Progress shown ``elapsed`` seconds into a phase of ``span`` seconds.

        Rounded down to the step, so 100 is shown only once the phase is over.
        """
        raw = 100.0 if span <= 0 else 100.0 * elapsed / span
        raw = max(0.0, min(raw, cap, 100.0))
        step = self.progress_step
        return int(raw // step) * step


DEFAULT_TIMING = Timing()
